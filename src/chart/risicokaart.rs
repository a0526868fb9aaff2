//! The risicokaart: every quantified risk placed by its probability class (rows) and impact class
//! (columns), cells shaded by the product of the two classes.
//!
//! A risk's probability class is that of its chance to occur at least once in the first year (for a
//! frequency λ: 1 − e^−λ); its impact class that of its expected impact per occurrence. With a 5 × 5
//! grid, products up to 4 are low (no direct threat to continuity), 5 to 12 middle (attention),
//! 15 and up high (act now); other grid sizes scale these bounds. Each cell names its band in
//! words as well as in colour, so the map also reads without colour vision or in black and white.

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
    /// `cells[probability class][impact class]`: the risks in the cell.
    pub cells: Vec<Vec<Cell>>,
    /// Per probability class: its name and its band (`> 20% – 40%`).
    pub probability_labels: Vec<(String, String)>,
    /// Per impact class: its name and its bounds, one per line (`> € 60.000`, `≤ € 120.000`).
    pub impact_labels: Vec<(String, Vec<String>)>,
    /// Quantified risks cannot be placed without an impact; PM risks are counted here.
    pub unplaced: usize,
    pub lang: Lang,
}

/// The risks in one cell of the map: the named ones by id, the placeholders counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub ids: Vec<String>,
    pub placeholders: usize,
}

impl Cell {
    pub fn count(&self) -> usize {
        self.ids.len() + self.placeholders
    }

    /// The ids, then the placeholders as one item (`14 plaatshouders`), each with the number of
    /// risks it stands for.
    pub fn items(&self, lang: Lang) -> Vec<(String, usize)> {
        let mut items: Vec<(String, usize)> = self.ids.iter().map(|id| (id.clone(), 1)).collect();
        if self.placeholders > 0 {
            items.push((
                format!(
                    "{} {}",
                    self.placeholders,
                    if self.placeholders == 1 {
                        lang.pick("plaatshouder", "placeholder")
                    } else {
                        lang.pick("plaatshouders", "placeholders")
                    }
                ),
                self.placeholders,
            ));
        }
        items
    }
}

/// The band of a cell, from the product of its (1-based) classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Band {
    Low,
    Middle,
    High,
}

impl Band {
    pub fn colour(self) -> RGBColor {
        match self {
            Band::Low => theme::LOW,
            Band::Middle => theme::MIDDLE,
            Band::High => theme::HIGH,
        }
    }

    /// The word in each cell.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Band::Low => lang.pick("laag", "low"),
            Band::Middle => lang.pick("midden", "middle"),
            Band::High => lang.pick("hoog", "high"),
        }
    }

    /// What the band asks for, in the legend.
    pub fn meaning(self, lang: Lang) -> &'static str {
        match self {
            Band::Low => lang.pick("geen directe bedreiging", "no direct threat"),
            Band::Middle => lang.pick("aandacht nodig", "needs attention"),
            Band::High => lang.pick("direct handelen", "act now"),
        }
    }
}

pub fn band(probability_class: usize, impact_class: usize, rows: usize, columns: usize) -> Band {
    let score = ((probability_class + 1) * (impact_class + 1)) as f64 / (rows * columns) as f64;
    if score <= 4.0 / 25.0 {
        Band::Low
    } else if score <= 12.0 / 25.0 {
        Band::Middle
    } else {
        Band::High
    }
}

/// The English name of one of the default Dutch class names; other names are the register's own
/// words and stay as written.
pub fn class_name(name: &str, lang: Lang) -> String {
    const NAMES: [(&str, &str); 10] = [
        ("onwaarschijnlijk", "unlikely"),
        ("mogelijk", "possible"),
        ("komt geregeld voor", "occurs regularly"),
        ("waarschijnlijk", "likely"),
        ("vrijwel zeker", "almost certain"),
        ("zeer klein", "very small"),
        ("klein", "small"),
        ("middel", "medium"),
        ("groot", "large"),
        ("zeer groot", "very large"),
    ];
    match lang {
        Lang::Nl => name.to_string(),
        Lang::En => NAMES
            .iter()
            .find(|(nl, _)| *nl == name)
            .map_or_else(|| name.to_string(), |(_, en)| (*en).to_string()),
    }
}

/// Bands that do not overlap: `≤ x` for the first, `> a – b` for the middle ones, `> a` for the
/// last (each band includes its upper bound).
fn bands(uppers: &[Option<f64>], show: impl Fn(f64) -> String) -> Vec<String> {
    let mut previous: Option<f64> = None;
    uppers
        .iter()
        .map(|upper| {
            let text = match (previous, upper) {
                (None, Some(u)) => format!("≤ {}", show(*u)),
                (Some(p), Some(u)) => format!("> {} – {}", show(p), show(*u)),
                (Some(p), None) => format!("> {}", show(p)),
                (None, None) => String::new(),
            };
            previous = *upper;
            text
        })
        .collect()
}

impl Risicokaart {
    pub fn new(register: &Register, basis: Basis, lang: Lang) -> Risicokaart {
        let classes = &register.classes;
        let mut cells = vec![vec![Cell::default(); classes.impact.len()]; classes.probability.len()];
        let mut unplaced = 0;
        for risk in register.risks.iter().filter(|r| r.is_the_regelings()) {
            let (occurrence, impact) = risk.effective(basis);
            let (Some(occurrence), Some(dist)) = (occurrence, impact.amount_in(&register.drivers, 0)) else {
                unplaced += 1;
                continue;
            };
            let chance = match occurrence {
                Occurrence::Probability(p) => p,
                Occurrence::Frequency(rate) => 1.0 - (-rate).exp(),
            };
            // A placeholder is counted in its cell but not named.
            let cell = &mut cells[classes.probability_class(chance)][classes.impact_class(dist.mean())];
            if risk.placeholder {
                cell.placeholders += 1;
            } else {
                cell.ids.push(risk.id.clone());
            }
        }
        // The last probability class reaches 100%: its band reads "> 80%".
        let last = classes.probability.len().saturating_sub(1);
        let p_uppers: Vec<Option<f64>> = classes
            .probability
            .iter()
            .enumerate()
            .map(|(k, c)| (k < last).then_some(c.upper))
            .collect();
        let probability_labels = classes
            .probability
            .iter()
            .zip(bands(&p_uppers, |p| percent(p, 1)))
            .map(|(c, b)| (class_name(&c.name, lang), b))
            .collect();
        let mut lower: Option<f64> = None;
        let impact_labels = classes
            .impact
            .iter()
            .map(|c| {
                let bounds = lower
                    .map(|l| format!("> {}", euro(l)))
                    .into_iter()
                    .chain(c.upper.map(|u| format!("≤ {}", euro(u))))
                    .collect();
                lower = c.upper.or(lower);
                (class_name(&c.name, lang), bounds)
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

/// Items in lines of at most `width` characters, at most `lines` lines; each item stands for a
/// number of risks (an id for one, "14 plaatshouders" for fourteen), and what does not fit is
/// counted as "+N" risks at the end of the last line.
fn id_lines(items: &[(String, usize)], width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (k, (item, _)) in items.iter().enumerate() {
        let piece = if current.is_empty() {
            item.clone()
        } else {
            format!(", {item}")
        };
        if current.chars().count() + piece.chars().count() > width && !current.is_empty() {
            out.push(std::mem::take(&mut current) + ",");
            if out.len() == lines {
                let last = out.pop().unwrap_or_default();
                let rest: usize = items[k..].iter().map(|(_, n)| n).sum();
                out.push(format!("{} +{rest}", last.trim_end_matches(',')));
                return out;
            }
            current = item.clone();
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
        (super::WIDTH, 600)
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
        let (left, top, right, bottom) = (196_i32, 100_i32, 884_i32, 470_i32);
        let cell_w = (right - left) / columns as i32;
        let cell_h = (bottom - top) / rows as i32;
        let centre = Pos::new(HPos::Center, VPos::Center);
        root.draw(&Text::new(
            self.title(),
            (450, 26),
            theme::bold(theme::TITLE).pos(centre),
        ))
        .map_err(err)?;
        let small = theme::text_style(theme::SMALL);
        for p in 0..rows {
            // The highest probability at the top.
            let y0 = top + (rows - 1 - p) as i32 * cell_h;
            for i in 0..columns {
                let x0 = left + i as i32 * cell_w;
                let band = band(p, i, rows, columns);
                root.draw(&Rectangle::new(
                    [(x0, y0), (x0 + cell_w, y0 + cell_h)],
                    band.colour().filled(),
                ))
                .map_err(err)?;
                root.draw(&Rectangle::new(
                    [(x0, y0), (x0 + cell_w, y0 + cell_h)],
                    WHITE.stroke_width(3),
                ))
                .map_err(err)?;
                root.draw(&Text::new(
                    band.name(lang),
                    (x0 + cell_w - 7, y0 + 7),
                    small.pos(Pos::new(HPos::Right, VPos::Top)),
                ))
                .map_err(err)?;
                let cell = &self.cells[p][i];
                if cell.count() == 0 {
                    continue;
                }
                root.draw(&Text::new(
                    cell.count().to_string(),
                    (x0 + 8, y0 + 6),
                    theme::bold(22).pos(Pos::new(HPos::Left, VPos::Top)),
                ))
                .map_err(err)?;
                for (k, line) in id_lines(&cell.items(lang), 15, 2).iter().enumerate() {
                    root.draw(&Text::new(
                        line.clone(),
                        (x0 + cell_w / 2, y0 + 42 + k as i32 * 17),
                        small.pos(centre),
                    ))
                    .map_err(err)?;
                }
            }
            let (name, band) = &self.probability_labels[p];
            for (k, line) in [name, band].into_iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (left - 10, y0 + cell_h / 2 - 10 + 20 * k as i32),
                    theme::text_style(theme::TICK).pos(Pos::new(HPos::Right, VPos::Center)),
                ))
                .map_err(err)?;
            }
        }
        for (i, (name, bounds)) in self.impact_labels.iter().enumerate() {
            let x = left + i as i32 * cell_w + cell_w / 2;
            for (k, line) in std::iter::once(name).chain(bounds).enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (x, bottom + 16 + k as i32 * 20),
                    theme::text_style(theme::SMALL).pos(centre),
                ))
                .map_err(err)?;
            }
        }
        let axis = theme::bold(theme::LABEL);
        root.draw(&Text::new(
            lang.pick("Kans per jaar ↑", "Probability per year ↑"),
            (left - 10, top - 14),
            axis.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            lang.pick(
                "Gevolg: verwachte impact per keer →",
                "Impact: expected impact per event →",
            ),
            ((left + right) / 2, bottom + 82),
            axis.pos(centre),
        ))
        .map_err(err)?;
        let legend = [Band::Low, Band::Middle, Band::High];
        let mut x = 40;
        for band in legend {
            root.draw(&Rectangle::new([(x, 566), (x + 24, 586)], band.colour().filled()))
                .map_err(err)?;
            let text = format!("{}: {}", band.name(lang), band.meaning(lang));
            root.draw(&Text::new(
                text.clone(),
                (x + 32, 576),
                theme::text_style(theme::TICK).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
            x += 32 + theme::text_width(root, &text, &theme::text_style(theme::TICK)) + 20;
        }
        let placed: usize = self.cells.iter().flatten().map(Cell::count).sum();
        let mut note = format!("{placed} {}", lang.pick("risico's op de kaart", "risks on the map"));
        if self.unplaced > 0 {
            note.push_str(&format!(
                "; {} {}",
                self.unplaced,
                lang.pick(
                    "niet gekwantificeerd (PM), niet op de kaart",
                    "not quantified (PM), not on the map"
                )
            ));
        }
        root.draw(&Text::new(note, (450, 56), theme::text_style(theme::SMALL).pos(centre)))
            .map_err(err)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_of_a_five_by_five_map() {
        assert_eq!(band(0, 0, 5, 5), Band::Low);
        assert_eq!(band(1, 1, 5, 5), Band::Low); // 2 × 2 = 4
        assert_eq!(band(0, 4, 5, 5), Band::Middle); // 1 × 5 = 5
        assert_eq!(band(2, 3, 5, 5), Band::Middle); // 3 × 4 = 12
        assert_eq!(band(2, 4, 5, 5), Band::High); // 3 × 5 = 15
        assert_eq!(band(4, 4, 5, 5), Band::High);
    }

    #[test]
    fn bands_do_not_overlap() {
        let b = bands(&[Some(60_000.0), Some(120_000.0), None], euro);
        assert_eq!(b, ["≤ € 60.000", "> € 60.000 – € 120.000", "> € 120.000"]);
    }

    #[test]
    fn default_class_names_have_english_names() {
        assert_eq!(class_name("komt geregeld voor", Lang::En), "occurs regularly");
        assert_eq!(class_name("komt geregeld voor", Lang::Nl), "komt geregeld voor");
        assert_eq!(class_name("eigen klasse", Lang::En), "eigen klasse");
    }

    #[test]
    fn ids_wrap_and_overflow_is_counted() {
        let ids: Vec<(String, usize)> = (1..=22).map(|k| (format!("T3-X{k:02}"), 1)).collect();
        let lines = id_lines(&ids, 22, 4);
        assert_eq!(lines.len(), 4);
        assert!(lines[3].ends_with("+10"), "{lines:?}");
        assert_eq!(id_lines(&ids[..2], 22, 4), vec!["T3-X01, T3-X02".to_string()]);
        // What does not fit is counted in risks, not items: 12 placeholders are 12.
        let cell = Cell {
            ids: ["T2-P1", "T2-P4", "T2-P5", "T3-P1", "T3-P2"].map(String::from).to_vec(),
            placeholders: 12,
        };
        let lines = id_lines(&cell.items(Lang::Nl), 15, 2);
        assert_eq!(lines, ["T2-P1, T2-P4,", "T2-P5, T3-P1 +13"]);
    }
}
