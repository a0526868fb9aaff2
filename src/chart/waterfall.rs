//! What moved the benodigde capaciteit from the old register to the new one, as a waterfall of
//! horizontal bars: the old amount, each step that moved it most (floating from where the one
//! before left it), the other steps together, and the new amount.

use super::theme::{self, Swatch};
use super::{Chart, err, nice_ceiling};
use crate::diff::Diff;
use crate::format::euro;
use crate::lang::Lang;
use crate::vocabulary::Figure;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The steps shown one by one; the rest are drawn as one bar.
pub const SHOWN: usize = 10;

/// One bar: its label, where it starts and ends, and whether it is a total.
struct Bar {
    label: String,
    from: f64,
    to: f64,
    total: bool,
}

pub struct Waterfall<'a> {
    pub diff: &'a Diff,
    pub lang: Lang,
}

/// Height of one bar's row.
const ROW: u32 = 40;
/// Width of the labels left of the bars.
const NAMES: i32 = 330;

impl Waterfall<'_> {
    fn bars(&self) -> Vec<Bar> {
        let d = self.diff;
        let lang = self.lang;
        let mut order: Vec<usize> = (0..d.steps.len()).collect();
        order.sort_by(|&a, &b| {
            d.steps[b]
                .delta
                .abs()
                .total_cmp(&d.steps[a].delta.abs())
                .then(a.cmp(&b))
        });
        let mut shown: Vec<usize> = order.iter().copied().take(SHOWN).collect();
        shown.sort_unstable();
        let rest: f64 = order.iter().skip(SHOWN).map(|&k| d.steps[k].delta).sum();
        let mut bars = vec![Bar {
            label: format!("{} ({})", lang.pick("Oud register", "Old register"), d.old.year),
            from: 0.0,
            to: d.old.required,
            total: true,
        }];
        let mut level = d.old.required;
        for k in shown {
            let s = &d.steps[k];
            let label = match &s.id {
                Some(id) => format!("{id} {}", s.title),
                None => crate::describe::step_label(s, d, lang),
            };
            bars.push(Bar {
                label,
                from: level,
                to: level + s.delta,
                total: false,
            });
            level += s.delta;
        }
        if order.len() > SHOWN {
            let n = order.len() - SHOWN;
            bars.push(Bar {
                label: match lang {
                    Lang::Nl => format!("De andere {n} stappen samen"),
                    Lang::En => format!("The other {n} steps together"),
                },
                from: level,
                to: level + rest,
                total: false,
            });
        }
        bars.push(Bar {
            label: format!("{} ({})", lang.pick("Nieuw register", "New register"), d.new.year),
            from: 0.0,
            to: d.new.required,
            total: true,
        });
        bars
    }
}

impl Chart for Waterfall<'_> {
    fn name(&self) -> &'static str {
        "verschil"
    }

    fn size(&self) -> (u32, u32) {
        (super::WIDTH, 160 + ROW * self.bars().len() as u32)
    }

    fn title(&self) -> String {
        format!(
            "{} {} → {}",
            self.lang.pick(
                "Wat de benodigde weerstandscapaciteit veranderde,",
                "What changed the required capacity,"
            ),
            self.diff.old.year,
            self.diff.new.year
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        let legend = vec![
            (Swatch::Box(theme::NETTO), Figure::Required.name(lang).to_string()),
            (
                Swatch::Box(theme::REQUIRED),
                lang.pick("verhoging", "increase").to_string(),
            ),
            (
                Swatch::Box(theme::RESERVE),
                lang.pick("verlaging", "decrease").to_string(),
            ),
        ];
        let area = theme::frame(root, &self.title(), &legend)?;
        let bars = self.bars();
        let n = bars.len();
        let lo = bars.iter().map(|b| b.from.min(b.to)).fold(0.0, f64::min);
        let hi = bars.iter().map(|b| b.from.max(b.to)).fold(0.0, f64::max);
        // Room right of the longest bar for its amount.
        let x_hi = nice_ceiling(hi * 1.3);
        let x_lo = if lo < 0.0 { -nice_ceiling(-lo * 1.3) } else { 0.0 };
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(56)
            .y_label_area_size(NAMES)
            .build_cartesian_2d(x_lo..x_hi, -0.5..(n as f64 - 0.5))
            .map_err(err)?;
        let x_ticks = theme::euro_ticks(x_lo, x_hi, 5);
        let mut mesh = chart.configure_mesh();
        mesh.disable_y_mesh()
            .x_labels(5)
            .y_labels(0)
            .x_label_formatter(&x_ticks)
            .x_desc(format!(
                "{} {} ({} {})",
                Figure::Required.name(lang),
                lang.pick("in het eerste jaar", "in the first year"),
                crate::format::percent(self.diff.new.certainty, 1),
                lang.pick("zekerheid", "certainty")
            ));
        theme::axes(&mut mesh).draw().map_err(err)?;
        let row = |i: usize| (n - 1 - i) as f64;
        let colour = |b: &Bar| {
            if b.total {
                theme::NETTO
            } else if b.to >= b.from {
                theme::REQUIRED
            } else {
                theme::RESERVE
            }
        };
        chart
            .draw_series(bars.iter().enumerate().map(|(i, b)| {
                Rectangle::new(
                    [(b.from.min(b.to), row(i) - 0.32), (b.from.max(b.to), row(i) + 0.32)],
                    colour(b).filled(),
                )
            }))
            .map_err(err)?;
        let value_style = theme::text_style(theme::SMALL).pos(Pos::new(HPos::Left, VPos::Center));
        for (i, b) in bars.iter().enumerate() {
            let text = if b.total && i == 0 && !self.diff.old.quantified {
                lang.pick(
                    "niet bepaald (geen risico gekwantificeerd)",
                    "not determined (no risk quantified)",
                )
                .to_string()
            } else if b.total {
                euro(b.to)
            } else if b.to >= b.from {
                format!("+{}", euro(b.to - b.from))
            } else {
                euro(b.to - b.from)
            };
            chart
                .draw_series(std::iter::once(Text::new(
                    text,
                    (b.from.max(b.to) + (x_hi - x_lo) * 0.01, row(i)),
                    value_style.clone(),
                )))
                .map_err(err)?;
        }
        // The labels, wrapped at words into at most two lines.
        let name_style = theme::text_style(theme::SMALL);
        let right = chart.backend_coord(&(x_lo, 0.0)).0 - 10;
        let (area_x, area_y) = (area.get_base_pixel().0, area.get_base_pixel().1);
        for (i, b) in bars.iter().enumerate() {
            let centre = chart.backend_coord(&(x_lo, row(i))).1;
            let lines = theme::two_lines(&area, &b.label, &name_style, NAMES - 20);
            theme::right_aligned(&area, &lines, (right - area_x, centre - area_y), &name_style)?;
        }
        Ok(())
    }
}
