//! Grouped vertical bars: a few amounts (mean, median, at certainty) per municipality or per year.

use super::theme::{self, axis_euro};
use super::{Chart, err, nice_ceiling};
use crate::format::euro;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One series of bars (one bar per group).
pub struct Series {
    pub label: String,
    pub colour: RGBColor,
    pub values: Vec<f64>,
}

pub struct Bars {
    pub name: &'static str,
    pub title: String,
    pub groups: Vec<String>,
    pub series: Vec<Series>,
    pub y_desc: String,
}

impl Chart for Bars {
    fn name(&self) -> &'static str {
        self.name
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        root.fill(&WHITE).map_err(err)?;
        let groups = self.groups.len().max(1);
        let all = self.series.iter().flat_map(|s| s.values.iter().copied());
        let (lo, hi) = all.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let y_hi = nice_ceiling(hi * 1.15);
        let y_lo = if lo < 0.0 { -nice_ceiling(-lo * 1.15) } else { 0.0 };
        let mut chart = ChartBuilder::on(root)
            .caption(self.title(), theme::bold(theme::TITLE))
            .margin(24)
            .x_label_area_size(50)
            .y_label_area_size(120)
            .build_cartesian_2d(0.0..groups as f64, y_lo..y_hi)
            .map_err(err)?;
        let names = &self.groups;
        // Group names sit at the centres 0,5; 1,5; …
        let group_name = |x: &f64| {
            let k = (x - 0.5).round();
            if (x - 0.5 - k).abs() < 1e-6 && k >= 0.0 {
                names.get(k as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        };
        let mut mesh = chart.configure_mesh();
        mesh.disable_x_mesh()
            .x_labels(groups * 2 + 1)
            .x_label_formatter(&group_name)
            .y_labels(8)
            .y_label_formatter(&|y| axis_euro(*y))
            .y_desc(self.y_desc.clone());
        theme::axes(&mut mesh).draw().map_err(err)?;
        let per = self.series.len().max(1) as f64;
        let width = 0.8 / per;
        let value_style = theme::text_style(theme::SMALL).pos(Pos::new(HPos::Center, VPos::Bottom));
        for (s, series) in self.series.iter().enumerate() {
            let colour = series.colour;
            let x0 = |g: usize| g as f64 + 0.1 + s as f64 * width;
            chart
                .draw_series(
                    series.values.iter().enumerate().map(|(g, &v)| {
                        Rectangle::new([(x0(g) + 0.01, 0.0), (x0(g) + width - 0.01, v)], colour.filled())
                    }),
                )
                .map_err(err)?
                .label(series.label.clone())
                .legend(move |(x, y)| Rectangle::new([(x, y - 7), (x + 24, y + 7)], colour.filled()));
            for (g, &v) in series.values.iter().enumerate() {
                let y = v.max(0.0) + (y_hi - y_lo) * 0.01;
                chart
                    .draw_series(std::iter::once(Text::new(
                        euro(v),
                        (x0(g) + width / 2.0, y),
                        value_style.clone(),
                    )))
                    .map_err(err)?;
            }
        }
        theme::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    }
}
