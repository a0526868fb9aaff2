//! The risicokaart: every quantified risk placed by its probability class (rows) and impact class
//! (columns), cells coloured green, orange or red by the product of the two classes.
//!
//! A risk's probability class is that of its chance to occur at least once in the first year (for a
//! frequency λ: 1 − e^−λ); its impact class that of its expected impact per occurrence. With a 5 × 5
//! grid, products up to 4 are green (no direct threat to continuity), 5 to 12 orange (attention),
//! 15 and up red (act now); other grid sizes scale these bounds.

use super::theme;
use super::{Chart, err};
use crate::format::{euro, percent};
use crate::lang::Lang;
use crate::model::{Basis, Occurrence, Register};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The cells of the map and their labels.
pub struct Risicokaart {
    /// `cells[probability class][impact class]`: the ids of the risks in the cell.
    pub cells: Vec<Vec<Vec<String>>>,
    pub probability_labels: Vec<String>,
    pub impact_labels: Vec<String>,
    /// Quantified risks cannot be placed without an impact; PM risks are counted here.
    pub unplaced: usize,
    pub lang: Lang,
}

/// The colour band of a cell, from the product of its (1-based) classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    Green,
    Orange,
    Red,
}

pub fn band(probability_class: usize, impact_class: usize, rows: usize, columns: usize) -> Band {
    let score = ((probability_class + 1) * (impact_class + 1)) as f64 / (rows * columns) as f64;
    if score <= 4.0 / 25.0 {
        Band::Green
    } else if score <= 12.0 / 25.0 {
        Band::Orange
    } else {
        Band::Red
    }
}

impl Risicokaart {
    pub fn new(register: &Register, basis: Basis, lang: Lang) -> Risicokaart {
        let classes = &register.classes;
        let mut cells = vec![vec![Vec::new(); classes.impact.len()]; classes.probability.len()];
        let mut unplaced = 0;
        for risk in register.risks.iter().filter(|r| r.status.is_active()) {
            let (occurrence, impact) = risk.effective(basis);
            let (Some(occurrence), Some(dist)) = (occurrence, impact.amount_in(&register.drivers, 0)) else {
                unplaced += 1;
                continue;
            };
            let chance = match occurrence {
                Occurrence::Probability(p) => p,
                Occurrence::Frequency(rate) => 1.0 - (-rate).exp(),
            };
            cells[classes.probability_class(chance)][classes.impact_class(dist.mean())].push(risk.id.clone());
        }
        let mut previous = 0.0;
        let probability_labels = classes
            .probability
            .iter()
            .map(|c| {
                let label = format!("{} ({}–{})", c.name, percent(previous, 0), percent(c.upper, 0));
                previous = c.upper;
                label
            })
            .collect();
        let mut previous = 0.0;
        let impact_labels = classes
            .impact
            .iter()
            .map(|c| {
                let label = match c.upper {
                    Some(u) => format!("{}\n{} – {}", c.name, euro(previous), euro(u)),
                    None => format!("{}\n> {}", c.name, euro(previous)),
                };
                previous = c.upper.unwrap_or(previous);
                label
            })
            .collect();
        Risicokaart {
            cells,
            probability_labels,
            impact_labels,
            unplaced,
            lang,
        }
    }
}

/// The ids of a cell in lines of at most `width` characters, at most `lines` lines.
fn id_lines(ids: &[String], width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (k, id) in ids.iter().enumerate() {
        let piece = if current.is_empty() {
            id.clone()
        } else {
            format!(", {id}")
        };
        if current.chars().count() + piece.chars().count() > width && !current.is_empty() {
            out.push(std::mem::take(&mut current) + ",");
            if out.len() == lines {
                let last = out.pop().unwrap_or_default();
                out.push(format!("{} +{}", last.trim_end_matches(','), ids.len() - k));
                return out;
            }
            current = id.clone();
        } else {
            current.push_str(&piece);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

impl Chart for Risicokaart {
    fn name(&self) -> &'static str {
        "risicokaart"
    }

    fn size(&self) -> (u32, u32) {
        (1200, 900)
    }

    fn title(&self) -> String {
        self.lang
            .pick("Risicokaart: kans en gevolg", "Risk map: probability and impact")
            .to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        root.fill(&WHITE).map_err(err)?;
        let (rows, columns) = (self.probability_labels.len(), self.impact_labels.len());
        let (left, top, right, bottom) = (300_i32, 90_i32, 1170_i32, 730_i32);
        let cell_w = (right - left) / columns as i32;
        let cell_h = (bottom - top) / rows as i32;
        let centre = Pos::new(HPos::Center, VPos::Center);
        root.draw(&Text::new(
            self.title(),
            (600, 38),
            theme::bold(theme::TITLE).pos(centre),
        ))
        .map_err(err)?;
        for p in 0..rows {
            // The highest probability at the top.
            let y0 = top + (rows - 1 - p) as i32 * cell_h;
            for i in 0..columns {
                let x0 = left + i as i32 * cell_w;
                let colour = match band(p, i, rows, columns) {
                    Band::Green => theme::GREEN,
                    Band::Orange => theme::ORANGE,
                    Band::Red => theme::RED,
                };
                root.draw(&Rectangle::new(
                    [(x0, y0), (x0 + cell_w, y0 + cell_h)],
                    colour.mix(0.85).filled(),
                ))
                .map_err(err)?;
                root.draw(&Rectangle::new(
                    [(x0, y0), (x0 + cell_w, y0 + cell_h)],
                    WHITE.stroke_width(3),
                ))
                .map_err(err)?;
                let ids = &self.cells[p][i];
                if ids.is_empty() {
                    continue;
                }
                root.draw(&Text::new(
                    ids.len().to_string(),
                    (x0 + cell_w / 2, y0 + 26),
                    theme::bold(28).pos(centre),
                ))
                .map_err(err)?;
                for (k, line) in id_lines(ids, 22, 4).iter().enumerate() {
                    let y = y0 + 56 + k as i32 * 17;
                    root.draw(&Text::new(
                        line.clone(),
                        (x0 + cell_w / 2, y),
                        theme::text_style(theme::SMALL).pos(centre),
                    ))
                    .map_err(err)?;
                }
            }
            let label = &self.probability_labels[p];
            root.draw(&Text::new(
                label.clone(),
                (left - 14, y0 + cell_h / 2),
                theme::text_style(theme::TICK).pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(err)?;
        }
        for (i, label) in self.impact_labels.iter().enumerate() {
            let x = left + i as i32 * cell_w + cell_w / 2;
            for (k, line) in label.lines().enumerate() {
                root.draw(&Text::new(
                    line.to_string(),
                    (x, bottom + 18 + k as i32 * 20),
                    theme::text_style(theme::TICK).pos(centre),
                ))
                .map_err(err)?;
            }
        }
        let axis = theme::bold(theme::LABEL);
        root.draw(&Text::new(
            lang.pick("Kans per jaar ↑", "Probability per year ↑"),
            (left - 14, top - 22),
            axis.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            lang.pick(
                "Gevolg: verwachte impact per keer →",
                "Impact: expected impact per event →",
            ),
            ((left + right) / 2, bottom + 70),
            theme::bold(theme::LABEL).pos(centre),
        ))
        .map_err(err)?;
        let legend = [
            (theme::GREEN, lang.pick("geen directe bedreiging", "no direct threat")),
            (theme::ORANGE, lang.pick("aandacht nodig", "needs attention")),
            (theme::RED, lang.pick("direct handelen", "act now")),
        ];
        let mut x = left;
        for (colour, text) in legend {
            root.draw(&Rectangle::new([(x, 830), (x + 22, 852)], colour.filled()))
                .map_err(err)?;
            root.draw(&Text::new(
                text,
                (x + 30, 841),
                theme::text_style(theme::TICK).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
            x += 260;
        }
        if self.unplaced > 0 {
            let note = format!(
                "{}: {}",
                lang.pick(
                    "Niet op de kaart (PM, niet gekwantificeerd)",
                    "Not on the map (PM, not quantified)"
                ),
                self.unplaced
            );
            root.draw(&Text::new(
                note,
                (left, 878),
                theme::text_style(theme::SMALL).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_of_a_five_by_five_map() {
        assert_eq!(band(0, 0, 5, 5), Band::Green);
        assert_eq!(band(1, 1, 5, 5), Band::Green); // 2 × 2 = 4
        assert_eq!(band(0, 4, 5, 5), Band::Orange); // 1 × 5 = 5
        assert_eq!(band(2, 3, 5, 5), Band::Orange); // 3 × 4 = 12
        assert_eq!(band(2, 4, 5, 5), Band::Red); // 3 × 5 = 15
        assert_eq!(band(4, 4, 5, 5), Band::Red);
    }

    #[test]
    fn ids_wrap_and_overflow_is_counted() {
        let ids: Vec<String> = (1..=22).map(|k| format!("T3-X{k:02}")).collect();
        let lines = id_lines(&ids, 22, 4);
        assert_eq!(lines.len(), 4);
        assert!(lines[3].ends_with("+10"), "{lines:?}");
        assert_eq!(id_lines(&ids[..2], 22, 4), vec!["T3-X01, T3-X02".to_string()]);
    }
}
