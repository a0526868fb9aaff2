//! Amount against zekerheidspercentage (the S-curve of the percentile table): one curve, or bruto
//! and netto together.

use super::theme::{self, axis_euro};
use super::{Chart, err, nice_ceiling};
use crate::format::{euro, percent};
use crate::lang::Lang;
use crate::stats::Sorted;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One curve.
pub struct Curve<'a> {
    pub label: String,
    pub colour: RGBColor,
    pub samples: &'a Sorted,
    /// Dashed: drawn underneath, so that a curve on top of it stays visible where they coincide.
    pub dashed: bool,
    /// Carries the mark at the zekerheidspercentage.
    pub marked: bool,
}

pub struct Curves<'a> {
    pub name: &'static str,
    pub title: String,
    pub curves: Vec<Curve<'a>>,
    /// The zekerheidspercentage, marked on the curve with `marked`.
    pub certainty: f64,
    /// Horizontal reference lines (reserve, cap) with their labels.
    pub lines: Vec<(f64, RGBColor, String)>,
    pub note: Option<String>,
    pub lang: Lang,
}

/// The points of a curve: percentiles 0,5% … 99,5%.
fn points(samples: &Sorted) -> Vec<(f64, f64)> {
    (1..200)
        .map(|k| {
            let p = f64::from(k) / 200.0;
            (p, samples.quantile(p))
        })
        .collect()
}

impl Chart for Curves<'_> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        root.fill(&WHITE).map_err(err)?;
        let curves: Vec<(&Curve, Vec<(f64, f64)>)> = self.curves.iter().map(|c| (c, points(c.samples))).collect();
        let top = curves
            .iter()
            .flat_map(|(_, p)| p.iter().map(|&(_, y)| y))
            .chain(self.lines.iter().map(|l| l.0))
            .fold(0.0, f64::max);
        let bottom = curves
            .iter()
            .flat_map(|(_, p)| p.iter().map(|&(_, y)| y))
            .fold(0.0, f64::min);
        let y_hi = nice_ceiling(top * 1.08);
        let y_lo = if bottom < 0.0 {
            -nice_ceiling(-bottom * 1.08)
        } else {
            0.0
        };
        let mut chart = ChartBuilder::on(root)
            .caption(self.title(), theme::bold(theme::TITLE))
            .margin(24)
            .margin_bottom(if self.note.is_some() { 44 } else { 24 })
            .x_label_area_size(70)
            .y_label_area_size(120)
            .build_cartesian_2d(0.0..1.0, y_lo..y_hi)
            .map_err(err)?;
        let mut mesh = chart.configure_mesh();
        mesh.x_labels(11)
            .y_labels(8)
            .x_label_formatter(&|x| percent(*x, 0))
            .y_label_formatter(&|y| axis_euro(*y))
            .x_desc(lang.pick("Zekerheidspercentage", "Certainty level"))
            .y_desc(lang.pick("Benodigd bedrag", "Required amount"));
        theme::axes(&mut mesh).draw().map_err(err)?;
        for (value, colour, label) in &self.lines {
            let colour = *colour;
            chart
                .draw_series(DashedLineSeries::new(
                    [(0.0, *value), (1.0, *value)],
                    10,
                    6,
                    colour.stroke_width(2),
                ))
                .map_err(err)?
                .label(label.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 28, y)], colour.stroke_width(2)));
        }
        for (curve, points) in &curves {
            let colour = curve.colour;
            let series = if curve.dashed {
                chart.draw_series(DashedLineSeries::new(
                    points.iter().copied(),
                    14,
                    8,
                    colour.stroke_width(7),
                ))
            } else {
                chart.draw_series(LineSeries::new(points.iter().copied(), colour.stroke_width(4)))
            };
            let width = if curve.dashed { 7 } else { 4 };
            series
                .map_err(err)?
                .label(curve.label.clone())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 28, y)], colour.stroke_width(width)));
        }
        if let Some((marked, _)) = curves.iter().find(|(c, _)| c.marked) {
            let (p, value) = (self.certainty, marked.samples.quantile(self.certainty));
            let guide = theme::REQUIRED.stroke_width(2);
            chart
                .draw_series(DashedLineSeries::new(
                    [(p, y_lo), (p, value), (0.0, value)],
                    6,
                    5,
                    guide,
                ))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Circle::new((p, value), 7, theme::REQUIRED.filled())))
                .map_err(err)?;
            let label = format!("{}: {}", percent(p, 1), euro(value));
            let style = theme::bold(theme::LABEL).pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Right,
                plotters::style::text_anchor::VPos::Bottom,
            ));
            chart
                .draw_series(std::iter::once(Text::new(
                    label,
                    (p - 0.015, value + (y_hi - y_lo) * 0.02),
                    style,
                )))
                .map_err(err)?;
        }
        theme::legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        if let Some(note) = &self.note {
            let (w, h) = root.dim_in_pixel();
            let centre = plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Center,
                plotters::style::text_anchor::VPos::Center,
            );
            let at = (i32::try_from(w).unwrap_or(0) / 2, i32::try_from(h).unwrap_or(0) - 20);
            root.draw(&Text::new(note.clone(), at, theme::text_style(theme::TICK).pos(centre)))
                .map_err(err)?;
        }
        Ok(())
    }
}
