//! A sweep: figures along one parameter (the cao percentage, the reserve balance), with the point
//! where the chance that the reserve falls short crosses 10% marked.

use super::theme::{self, Dash, Swatch};
use super::{Chart, err, nice_ceiling};
use crate::lang::Lang;
use crate::scenario::parameter::{Parameter, Unit};
use crate::vocabulary::Figure;
use plotters::coord::Shift;
use plotters::prelude::*;

pub struct Sweep {
    /// The parameter in words, with its unit.
    pub parameter: Parameter,
    /// The parameter's values, as written in the register.
    pub values: Vec<f64>,
    pub expected: Vec<f64>,
    pub required: Vec<f64>,
    pub reserve: Vec<f64>,
    pub certainty: String,
    /// The parameter value where the chance of a shortfall beyond the reserve is 10%, if in range.
    pub crossing: Option<f64>,
    pub lang: Lang,
}

impl Sweep {
    /// The three series: (values, colour, label, dash).
    fn series(&self) -> [(&[f64], RGBColor, String, Dash); 3] {
        let lang = self.lang;
        [
            (
                &self.required,
                theme::NETTO,
                format!(
                    "{} ({} {})",
                    Figure::Required.name(lang),
                    self.certainty,
                    lang.pick("zekerheid", "certainty")
                ),
                Dash::Solid,
            ),
            (
                &self.expected,
                theme::BRUTO,
                Figure::ExpectedRiskAmount.name(lang).to_string(),
                Dash::Dashed,
            ),
            (
                &self.reserve,
                theme::RESERVE,
                lang.pick("Algemene reserve", "General reserve").to_string(),
                Dash::Solid,
            ),
        ]
    }
}

impl Chart for Sweep {
    fn name(&self) -> &'static str {
        "doorrekening"
    }

    fn title(&self) -> String {
        format!("{}: {}", self.lang.pick("Doorrekening", "Sweep"), self.parameter.full())
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        let series = self.series();
        let mut legend: Vec<(Swatch, String)> = series
            .iter()
            .map(|(_, colour, label, dash)| {
                let swatch = Swatch::Line {
                    colour: *colour,
                    width: 3,
                    dash: *dash,
                };
                (swatch, label.clone())
            })
            .collect();
        if let Some(x) = self.crossing {
            legend.push((
                Swatch::Line {
                    colour: theme::REQUIRED,
                    width: 2,
                    dash: Dash::Dotted,
                },
                format!(
                    "{}: {}",
                    lang.pick(
                        "10% kans dat de reserve tekortschiet",
                        "10% chance that the reserve falls short"
                    ),
                    self.parameter.value(x)
                ),
            ));
        }
        let area = theme::frame(root, &self.title(), &legend)?;
        let (x0, x1) = (self.values[0], self.values[self.values.len() - 1]);
        let span = (x1 - x0).abs().max(1e-9);
        let top = self
            .required
            .iter()
            .chain(&self.expected)
            .chain(&self.reserve)
            .fold(0.0_f64, |a, &b| a.max(b));
        let bottom = self.expected.iter().fold(0.0_f64, |a, &b| a.min(b));
        let y_hi = nice_ceiling(top * 1.05);
        let y_lo = if bottom < 0.0 {
            -nice_ceiling(-bottom * 1.05)
        } else {
            0.0
        };
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(56)
            .y_label_area_size(100)
            .build_cartesian_2d(x0.min(x1)..x0.max(x1) + span * 1e-9, y_lo..y_hi)
            .map_err(err)?;
        let y_ticks = theme::euro_ticks(y_lo, y_hi, 8);
        // Amounts in one format, as on the y axis; other parameters as the reader writes them.
        let euros = match self.parameter.unit {
            Unit::Euro { per } => Some((per, theme::euro_ticks(x0.min(x1) * per, x0.max(x1) * per, 8))),
            _ => None,
        };
        let x_ticks = |x: &f64| match &euros {
            Some((per, ticks)) => ticks(&(x * per)),
            None => self.parameter.value(*x),
        };
        let mut mesh = chart.configure_mesh();
        mesh.x_labels(8)
            .y_labels(8)
            .x_label_formatter(&x_ticks)
            .y_label_formatter(&y_ticks)
            .x_desc(self.parameter.axis())
            .y_desc(lang.pick("Bedrag in het eerste jaar", "Amount in the first year"));
        theme::axes(&mut mesh).draw().map_err(err)?;
        for (ys, colour, _, dash) in series {
            let points: Vec<(f64, f64)> = self.values.iter().copied().zip(ys.iter().copied()).collect();
            theme::line(&mut chart, points.clone(), colour, 3, dash)?;
            chart
                .draw_series(points.iter().map(|&p| Circle::new(p, 4, colour.filled())))
                .map_err(err)?;
        }
        if let Some(x) = self.crossing {
            theme::line(&mut chart, vec![(x, y_lo), (x, y_hi)], theme::REQUIRED, 2, Dash::Dotted)?;
        }
        Ok(())
    }
}
