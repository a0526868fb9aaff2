//! A sweep: figures along one parameter (the CAO percentage, the reserve balance), with the point
//! where the chance that the reserve falls short crosses 10% marked.

use super::theme::{self, axis_euro};
use super::{Chart, err, nice_ceiling};
use crate::format::decimal;
use crate::lang::Lang;
use plotters::coord::Shift;
use plotters::prelude::*;

pub struct Sweep {
    pub parameter: String,
    pub values: Vec<f64>,
    pub expected: Vec<f64>,
    pub required: Vec<f64>,
    pub reserve: Vec<f64>,
    pub certainty: String,
    /// The parameter value where the chance of a shortfall beyond the reserve is 10%, if in range.
    pub crossing: Option<f64>,
    pub lang: Lang,
}

impl Chart for Sweep {
    fn name(&self) -> &'static str {
        "doorrekening"
    }

    fn title(&self) -> String {
        format!("{} {}", self.lang.pick("Doorrekening van", "Sweep of"), self.parameter)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        root.fill(&WHITE).map_err(err)?;
        let (x0, x1) = (self.values[0], self.values[self.values.len() - 1]);
        let span = (x1 - x0).abs().max(1e-9);
        let top = self
            .required
            .iter()
            .chain(&self.expected)
            .chain(&self.reserve)
            .fold(0.0_f64, |a, &b| a.max(b));
        let bottom = self.expected.iter().fold(0.0_f64, |a, &b| a.min(b));
        let y_hi = nice_ceiling(top * 1.1);
        let y_lo = if bottom < 0.0 {
            -nice_ceiling(-bottom * 1.1)
        } else {
            0.0
        };
        let mut chart = ChartBuilder::on(root)
            .caption(self.title(), theme::bold(theme::TITLE))
            .margin(24)
            .x_label_area_size(70)
            .y_label_area_size(120)
            .build_cartesian_2d(x0.min(x1)..x0.max(x1) + span * 1e-9, y_lo..y_hi)
            .map_err(err)?;
        let mut mesh = chart.configure_mesh();
        mesh.x_labels(10)
            .y_labels(8)
            .x_label_formatter(&|x| decimal(*x, 3))
            .y_label_formatter(&|y| axis_euro(*y))
            .x_desc(format!(
                "{} ({})",
                self.parameter,
                lang.pick("in de eenheid van het register", "in the register's unit")
            ))
            .y_desc(lang.pick("Bedrag", "Amount"));
        theme::axes(&mut mesh).draw().map_err(err)?;
        let series: [(&[f64], RGBColor, String, u32); 3] = [
            (
                &self.reserve,
                theme::RESERVE,
                lang.pick("Algemene reserve", "General reserve").to_string(),
                2,
            ),
            (
                &self.expected,
                theme::LIGHT,
                lang.pick("Verwacht tekort", "Expected shortfall").to_string(),
                4,
            ),
            (
                &self.required,
                theme::NETTO,
                format!(
                    "{} ({})",
                    lang.pick("Benodigde capaciteit", "Required capacity"),
                    self.certainty
                ),
                4,
            ),
        ];
        for (ys, colour, label, width) in series {
            let points: Vec<(f64, f64)> = self.values.iter().copied().zip(ys.iter().copied()).collect();
            chart
                .draw_series(LineSeries::new(points.clone(), colour.stroke_width(width)))
                .map_err(err)?
                .label(label)
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 28, y)], colour.stroke_width(width)));
            chart
                .draw_series(points.iter().map(|&p| Circle::new(p, 4, colour.filled())))
                .map_err(err)?;
        }
        if let Some(x) = self.crossing {
            chart
                .draw_series(DashedLineSeries::new(
                    [(x, y_lo), (x, y_hi * 0.95)],
                    8,
                    6,
                    theme::REQUIRED.stroke_width(2),
                ))
                .map_err(err)?
                .label(format!(
                    "{}: {}",
                    lang.pick(
                        "10% kans dat de reserve tekortschiet",
                        "10% chance the reserve falls short"
                    ),
                    decimal(x, 3)
                ))
                .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 28, y)], theme::REQUIRED.stroke_width(2)));
        }
        theme::legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    }
}
