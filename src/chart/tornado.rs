//! The tornado: which assumptions move the benodigde weerstandscapaciteit most. One bar per risk
//! parameter (its probability or its impact, from the low to the high end of its range) and per
//! driver (10% lower and higher), widest on top; the bar runs from the change at the low end to
//! the change at the high end, split at 0.

use super::theme::{self, Swatch};
use super::{Chart, err};
use crate::compare::signed_euro;
use crate::lang::Lang;
use crate::sensitivity::Sensitivity;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How many bars the chart shows.
pub const BARS: usize = 12;

/// One bar: what moves, and the change at its low and high end.
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub at_low: f64,
    pub at_high: f64,
}

/// The widest [`BARS`] swings of a sensitivity, widest first.
pub fn bars(s: &Sensitivity, lang: Lang) -> Vec<Bar> {
    let mut bars: Vec<Bar> = Vec::new();
    for r in s.risks.iter().filter(|r| !r.placeholder) {
        for (swing, what) in [
            (&r.probability, lang.pick("kans", "probability")),
            (&r.impact, lang.pick("impact", "impact")),
        ] {
            if let Some(swing) = swing {
                // What varies comes before the title, which is cut short where it is long.
                bars.push(Bar {
                    label: format!("{} {what}: {}", r.id, r.title),
                    at_low: swing.at_low,
                    at_high: swing.at_high,
                });
            }
        }
    }
    for d in &s.drivers {
        let name = d
            .description
            .as_deref()
            .map_or_else(|| d.id.clone(), crate::describe::without_references);
        bars.push(Bar {
            label: format!(
                "{name} ± {}",
                crate::format::percent(crate::sensitivity::DRIVER_STEP, 0)
            ),
            at_low: d.at_low,
            at_high: d.at_high,
        });
    }
    bars.sort_by(|a, b| {
        (b.at_high - b.at_low)
            .abs()
            .total_cmp(&(a.at_high - a.at_low).abs())
            .then_with(|| a.label.cmp(&b.label))
    });
    bars.truncate(BARS);
    bars
}

pub struct Tornado {
    pub bars: Vec<Bar>,
    pub year: i32,
    pub certainty: f64,
    pub lang: Lang,
}

/// Height of one bar's row.
const ROW: u32 = 40;
/// Width of the names left of the bars.
const NAMES: i32 = 330;

impl Chart for Tornado {
    fn name(&self) -> &'static str {
        "tornado"
    }

    fn size(&self) -> (u32, u32) {
        (super::WIDTH, 170 + ROW * self.bars.len().max(1) as u32)
    }

    fn title(&self) -> String {
        format!(
            "{} {}",
            self.lang.pick(
                "Wat de benodigde weerstandscapaciteit het meest beweegt,",
                "What moves the required capacity most,"
            ),
            self.year
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        let legend = vec![
            (
                Swatch::Box(theme::NETTO),
                lang.pick("Aan de lage kant van de bandbreedte", "At the low end of the range")
                    .to_string(),
            ),
            (
                Swatch::Box(theme::BRUTO),
                lang.pick("Aan de hoge kant", "At the high end").to_string(),
            ),
        ];
        let area = theme::frame(root, &self.title(), &legend)?;
        let n = self.bars.len().max(1);
        let extreme = self
            .bars
            .iter()
            .flat_map(|b| [b.at_low.abs(), b.at_high.abs()])
            .fold(1.0, f64::max);
        // Symmetric about 0, with room beyond each bar for its amount.
        let reach = super::nice_ceiling(extreme * 1.45);
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(56)
            .y_label_area_size(NAMES)
            .build_cartesian_2d(-reach..reach, -0.5..(n as f64 - 0.5))
            .map_err(err)?;
        let ticks = theme::euro_ticks(-reach, reach, 6);
        let signed = move |x: &f64| {
            let text = ticks(&x.abs());
            if *x > 0.0 {
                format!("+{text}")
            } else if *x < 0.0 {
                format!("−{text}")
            } else {
                text
            }
        };
        let mut mesh = chart.configure_mesh();
        mesh.disable_y_mesh()
            .x_labels(6)
            .y_labels(0)
            .x_label_formatter(&signed)
            .x_desc(format!(
                "{} ({} {})",
                lang.pick(
                    "Verandering van de benodigde weerstandscapaciteit",
                    "Change in the required capacity"
                ),
                crate::format::percent(self.certainty, 1),
                lang.pick("zekerheid", "certainty")
            ));
        theme::axes(&mut mesh).draw().map_err(err)?;
        let row = |i: usize| (n - 1 - i) as f64;
        for (i, b) in self.bars.iter().enumerate() {
            // The longer part first, so that a shorter one on the same side stays in sight.
            let mut parts = [(b.at_low, theme::NETTO), (b.at_high, theme::BRUTO)];
            parts.sort_by(|p, q| q.0.abs().total_cmp(&p.0.abs()));
            for (x, colour) in parts {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(0.0, row(i) - 0.32), (x, row(i) + 0.32)],
                        colour.filled(),
                    )))
                    .map_err(err)?;
            }
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, -0.5), (0.0, n as f64 - 0.5)],
                theme::TEXT.stroke_width(2),
            )))
            .map_err(err)?;
        // Each end's amount just beyond it, away from 0.
        for (i, b) in self.bars.iter().enumerate() {
            for value in [b.at_low, b.at_high] {
                if value.round() == 0.0 {
                    continue;
                }
                let (anchor, gap) = if value < 0.0 {
                    (HPos::Right, -1.0)
                } else {
                    (HPos::Left, 1.0)
                };
                let style = theme::text_style(theme::SMALL).pos(Pos::new(anchor, VPos::Center));
                chart
                    .draw_series(std::iter::once(Text::new(
                        signed_euro(value),
                        (value + gap * reach * 0.015, row(i)),
                        style,
                    )))
                    .map_err(err)?;
            }
        }
        let name_style = theme::text_style(theme::SMALL);
        let left_edge = chart.backend_coord(&(-reach, 0.0)).0 - 10;
        let (area_x, area_y) = (area.get_base_pixel().0, area.get_base_pixel().1);
        for (i, b) in self.bars.iter().enumerate() {
            let centre = chart.backend_coord(&(0.0, row(i))).1;
            let lines = theme::two_lines(&area, &b.label, &name_style, NAMES - 20);
            theme::right_aligned(&area, &lines, (left_edge - area_x, centre - area_y), &name_style)?;
        }
        Ok(())
    }
}
