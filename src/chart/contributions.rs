//! The largest contributions to the benodigde capaciteit as horizontal bars: each risk's expected
//! loss and its tail contribution.

use super::theme::{self, axis_euro};
use super::{Chart, err, nice_ceiling};
use crate::format::euro;
use crate::lang::Lang;
use crate::results::Contribution;
use crate::table::truncate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub struct Contributions<'a> {
    pub top: Vec<&'a Contribution>,
    pub year: i32,
    pub lang: Lang,
}

impl Chart for Contributions<'_> {
    fn name(&self) -> &'static str {
        "bijdragen"
    }

    fn size(&self) -> (u32, u32) {
        (1400, 120 + 58 * self.top.len().max(1) as u32 + 110)
    }

    fn title(&self) -> String {
        format!(
            "{} {}",
            self.lang.pick(
                "Grootste bijdragen aan de benodigde capaciteit",
                "Largest contributions to the required capacity"
            ),
            self.year
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        root.fill(&WHITE).map_err(err)?;
        let n = self.top.len().max(1);
        let max = self.top.iter().map(|c| c.tail_mean.max(c.mean)).fold(0.0, f64::max);
        // Room on the right for the value labels and, below the shorter bars, the legend.
        let x_hi = nice_ceiling(max * 1.6);
        let labels: Vec<String> = self
            .top
            .iter()
            .map(|c| format!("{}  {}", c.id, truncate(&c.title, 46)))
            .collect();
        let mut chart = ChartBuilder::on(root)
            .caption(self.title(), theme::bold(theme::TITLE))
            .margin(24)
            .margin_right(60)
            .x_label_area_size(60)
            .y_label_area_size(560)
            .build_cartesian_2d(0.0..x_hi, -0.5..(n as f64 - 0.5))
            .map_err(err)?;
        // Row 0 is drawn at the top; labels only at whole rows.
        let row_label = |y: &f64| {
            let rounded = y.round();
            if (y - rounded).abs() < 1e-6 && rounded >= 0.0 {
                labels.get(n - 1 - rounded as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let mut mesh = chart.configure_mesh();
        mesh.disable_y_mesh()
            .x_labels(6)
            .y_labels(n)
            .x_label_formatter(&|x| axis_euro(*x))
            .y_label_formatter(&row_label)
            .x_desc(lang.pick("Verlies van het risico in het jaar", "The risk's loss in the year"));
        theme::axes(&mut mesh).draw().map_err(err)?;
        let row = |i: usize| (n - 1 - i) as f64;
        chart
            .draw_series(self.top.iter().enumerate().map(|(i, c)| {
                Rectangle::new(
                    [(0.0, row(i) + 0.02), (c.tail_mean, row(i) + 0.36)],
                    theme::NETTO.filled(),
                )
            }))
            .map_err(err)?
            .label(lang.pick(
                "Staartbijdrage (jaren boven de benodigde capaciteit)",
                "Tail contribution (years above the required capacity)",
            ))
            .legend(|(x, y)| Rectangle::new([(x, y - 7), (x + 24, y + 7)], theme::NETTO.filled()));
        chart
            .draw_series(
                self.top.iter().enumerate().map(|(i, c)| {
                    Rectangle::new([(0.0, row(i) - 0.36), (c.mean, row(i) - 0.02)], theme::LIGHT.filled())
                }),
            )
            .map_err(err)?
            .label(lang.pick("Verwacht verlies (gewogen)", "Expected loss (weighted)"))
            .legend(|(x, y)| Rectangle::new([(x, y - 7), (x + 24, y + 7)], theme::LIGHT.filled()));
        let value_style = theme::text_style(theme::SMALL).pos(Pos::new(HPos::Left, VPos::Center));
        for (i, c) in self.top.iter().enumerate() {
            for (x, y) in [(c.tail_mean, row(i) + 0.19), (c.mean, row(i) - 0.19)] {
                chart
                    .draw_series(std::iter::once(Text::new(
                        euro(x),
                        (x + x_hi * 0.008, y),
                        value_style.clone(),
                    )))
                    .map_err(err)?;
            }
        }
        theme::legend(&mut chart, SeriesLabelPosition::LowerRight)?;
        Ok(())
    }
}
