//! Grouped vertical bars: a few amounts (expected, at certainty) per municipality or per year.

use super::theme::{self, Swatch};
use super::{Chart, err, nice_ceiling};
use crate::format::{euro, number};
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

/// A bar's value in one format for the whole chart: millions with two decimals when the largest
/// bar reaches a million (so that labels fit above narrow bars), whole euros otherwise.
fn value_label(max_abs: f64) -> impl Fn(f64) -> String {
    move |v| {
        if max_abs >= 1_000_000.0 {
            format!("€ {} mln", number(v / 1_000_000.0, 2))
        } else {
            euro(v)
        }
    }
}

impl Chart for Bars {
    fn name(&self) -> &'static str {
        self.name
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let legend: Vec<(Swatch, String)> = self
            .series
            .iter()
            .map(|s| (Swatch::Box(s.colour), s.label.clone()))
            .collect();
        let area = theme::frame(root, &self.title(), &legend)?;
        let groups = self.groups.len().max(1);
        let all = self.series.iter().flat_map(|s| s.values.iter().copied());
        let (lo, hi) = all.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
        // Room above the tallest bar for its label.
        let y_hi = nice_ceiling(hi * 1.12);
        let y_lo = if lo < 0.0 { -nice_ceiling(-lo * 1.12) } else { 0.0 };
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(40)
            .y_label_area_size(100)
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
        let y_ticks = theme::euro_ticks(y_lo, y_hi, 8);
        let mut mesh = chart.configure_mesh();
        mesh.disable_x_mesh()
            .x_labels(groups * 2 + 1)
            .x_label_formatter(&group_name)
            .y_labels(8)
            .y_label_formatter(&y_ticks)
            .y_desc(self.y_desc.clone());
        theme::axes(&mut mesh).draw().map_err(err)?;
        let per = self.series.len().max(1) as f64;
        let width = 0.86 / per;
        let label = value_label(lo.abs().max(hi.abs()));
        let value_style = theme::text_style(theme::SMALL).pos(Pos::new(HPos::Center, VPos::Bottom));
        for (s, series) in self.series.iter().enumerate() {
            let colour = series.colour;
            let x0 = |g: usize| g as f64 + 0.07 + s as f64 * width;
            chart
                .draw_series(
                    series.values.iter().enumerate().map(|(g, &v)| {
                        Rectangle::new([(x0(g) + 0.01, 0.0), (x0(g) + width - 0.01, v)], colour.filled())
                    }),
                )
                .map_err(err)?;
            for (g, &v) in series.values.iter().enumerate() {
                let y = v.max(0.0) + (y_hi - y_lo) * 0.01;
                chart
                    .draw_series(std::iter::once(Text::new(
                        label(v),
                        (x0(g) + width / 2.0, y),
                        value_style.clone(),
                    )))
                    .map_err(err)?;
            }
        }
        Ok(())
    }
}
