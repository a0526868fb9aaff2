//! The distribution of the first year's shortfall, with the reserve, its cap and the benodigde
//! weerstandscapaciteit as vertical lines.

use super::theme::{self, Dash, Reference, Swatch};
use super::{Chart, err, nice_ceiling};
use crate::format::{euro, percent};
use crate::lang::Lang;
use crate::stats::Sorted;
use crate::vocabulary::Figure;
use plotters::coord::Shift;
use plotters::prelude::*;

pub struct Distribution<'a> {
    pub samples: &'a Sorted,
    pub year: i32,
    pub balance: f64,
    pub cap: f64,
    pub required: f64,
    pub certainty: f64,
    pub lang: Lang,
}

/// Number of histogram bars.
const BINS: usize = 60;

impl Distribution<'_> {
    /// Bars over the central 99,8% of the values (the extremes would squeeze the picture), as
    /// (from, to, share of all iterations).
    fn bars(&self) -> Vec<(f64, f64, f64)> {
        let (lo, hi) = (self.samples.quantile(0.001), self.samples.quantile(0.999));
        let n = self.samples.len().max(1) as f64;
        if hi <= lo {
            let w = lo.abs().max(1.0) * 0.01;
            return vec![(lo - w, lo + w, 1.0)];
        }
        let width = (hi - lo) / BINS as f64;
        let mut counts = vec![0usize; BINS];
        for &x in self.samples.values() {
            if x >= lo && x <= hi {
                counts[(((x - lo) / width) as usize).min(BINS - 1)] += 1;
            }
        }
        counts
            .iter()
            .enumerate()
            .map(|(i, &c)| (lo + i as f64 * width, lo + (i + 1) as f64 * width, c as f64 / n))
            .collect()
    }

    /// The reserve, the cap and the benodigde capaciteit.
    fn references(&self) -> Vec<Reference> {
        let mut lines = theme::reserve_lines(self.balance, self.cap, self.lang);
        lines.push(Reference {
            value: self.required,
            colour: theme::REQUIRED,
            dash: Dash::Dotted,
            label: format!(
                "{} ({} {}) {}",
                Figure::Required.name(self.lang),
                percent(self.certainty, 1),
                self.lang.pick("zekerheid", "certainty"),
                euro(self.required)
            ),
        });
        lines
    }
}

impl Chart for Distribution<'_> {
    fn name(&self) -> &'static str {
        "verdeling"
    }

    fn title(&self) -> String {
        format!(
            "{} {} ({})",
            self.lang.pick(
                "Verdeling van het risicobedrag in",
                "Distribution of the risk amount in"
            ),
            self.year,
            self.lang.pick("netto", "netto")
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        let references = self.references();
        let mut legend = vec![(
            Swatch::Box(theme::LIGHT),
            lang.pick("Aandeel van de simulaties", "Share of the simulations")
                .to_string(),
        )];
        legend.extend(references.iter().map(|r| (r.swatch(), r.label.clone())));
        let area = theme::frame(root, &self.title(), &legend)?;
        let bars = self.bars();
        let x_lo = bars[0].0.min(0.0).min(self.balance);
        let x_hi = bars[bars.len() - 1].1.max(self.cap).max(self.required);
        let pad = (x_hi - x_lo) * 0.03;
        let y_hi = nice_ceiling(bars.iter().map(|b| b.2).fold(0.0, f64::max) * 1.05);
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(56)
            .y_label_area_size(64)
            .build_cartesian_2d(x_lo - pad..x_hi + pad, 0.0..y_hi)
            .map_err(err)?;
        let x_ticks = theme::euro_ticks(x_lo - pad, x_hi + pad, 8);
        let mut mesh = chart.configure_mesh();
        mesh.x_labels(8)
            .y_labels(6)
            .x_label_formatter(&x_ticks)
            .y_label_formatter(&|y| percent(*y, 1))
            .x_desc(format!(
                "{} {} ({})",
                lang.pick("Risicobedrag in", "Risk amount in"),
                self.year,
                lang.pick(
                    "som van de risico's; meevallers tellen negatief",
                    "sum of the risks; opportunities count negative"
                )
            ))
            .y_desc(lang.pick("Aandeel van de simulaties", "Share of the simulations"));
        theme::axes(&mut mesh).draw().map_err(err)?;
        chart
            .draw_series(
                bars.iter()
                    .map(|&(a, b, share)| Rectangle::new([(a, 0.0), (b, share)], theme::LIGHT.filled())),
            )
            .map_err(err)?;
        chart
            .draw_series(
                bars.iter()
                    .map(|&(a, b, share)| Rectangle::new([(a, 0.0), (b, share)], theme::NETTO.stroke_width(1))),
            )
            .map_err(err)?;
        for r in references {
            theme::line(&mut chart, vec![(r.value, 0.0), (r.value, y_hi)], r.colour, 3, r.dash)?;
        }
        Ok(())
    }
}
