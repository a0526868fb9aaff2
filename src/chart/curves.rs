//! Amount against zekerheidspercentage (the S-curve of the percentile table): one curve, bruto
//! and netto together, or the register and its what-if scenarios.

use super::theme::{self, Dash, Reference, Swatch};
use super::{Chart, err, nice_ceiling};
use crate::format::{euro, percent};
use crate::lang::Lang;
use crate::stats::Sorted;
use crate::vocabulary::Figure;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One curve.
pub struct Curve<'a> {
    pub label: String,
    pub colour: RGBColor,
    pub samples: &'a Sorted,
    /// Dashed curves are drawn underneath, so that a curve on top of them stays visible where they
    /// coincide; the legend draws the same dash.
    pub dash: Dash,
    /// Marked with a dot at the zekerheidspercentage; the amount there joins the legend label.
    pub marked: bool,
    /// A reserve of this curve's own (a scenario that changes it), drawn in the curve's colour.
    pub reserve: Option<(f64, String)>,
}

pub struct Curves<'a> {
    pub name: &'static str,
    pub title: String,
    pub curves: Vec<Curve<'a>>,
    /// The zekerheidspercentage, marked on the curves with `marked`.
    pub certainty: f64,
    /// Horizontal reference lines (reserve, cap) with their labels.
    pub lines: Vec<Reference>,
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

impl Curves<'_> {
    /// The legend: each curve (with its amount at the zekerheidspercentage when marked) together
    /// with its own reserve if it has one, then the reference lines.
    fn legend(&self) -> Vec<Vec<(Swatch, String)>> {
        let mut groups: Vec<Vec<(Swatch, String)>> = Vec::new();
        for curve in &self.curves {
            let mut entries = Vec::new();
            let label = if curve.marked {
                format!(
                    "{} ({}: {})",
                    curve.label,
                    percent(self.certainty, 1),
                    euro(curve.samples.quantile(self.certainty))
                )
            } else {
                curve.label.clone()
            };
            let swatch = Swatch::Line {
                colour: curve.colour,
                width: 3,
                dash: curve.dash,
            };
            entries.push((swatch, label));
            if let Some((_, label)) = &curve.reserve {
                let swatch = Swatch::Line {
                    colour: curve.colour,
                    width: 2,
                    dash: Dash::Dashed,
                };
                entries.push((swatch, label.clone()));
            }
            groups.push(entries);
        }
        groups.extend(self.lines.iter().map(|r| vec![(r.swatch(), r.label.clone())]));
        groups
    }
}

impl Chart for Curves<'_> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    /// Taller with every legend entry beyond two, so the plot keeps its height.
    fn size(&self) -> (u32, u32) {
        let extra = self.legend().iter().map(Vec::len).sum::<usize>().saturating_sub(2) as u32;
        (super::WIDTH, 460 + 26 * extra)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        let area = theme::frame_grouped(root, &self.title(), &self.legend())?;
        let curves: Vec<(&Curve, Vec<(f64, f64)>)> = self.curves.iter().map(|c| (c, points(c.samples))).collect();
        let values = || curves.iter().flat_map(|(_, p)| p.iter().map(|&(_, y)| y));
        let top = values()
            .chain(self.lines.iter().map(|l| l.value))
            .chain(self.curves.iter().filter_map(|c| c.reserve.as_ref().map(|r| r.0)))
            .fold(0.0, f64::max);
        let bottom = values().fold(0.0, f64::min);
        let y_hi = nice_ceiling(top * 1.05);
        let y_lo = if bottom < 0.0 {
            -nice_ceiling(-bottom * 1.05)
        } else {
            0.0
        };
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(56)
            .y_label_area_size(100)
            .build_cartesian_2d(0.0..1.0, y_lo..y_hi)
            .map_err(err)?;
        let y_ticks = theme::euro_ticks(y_lo, y_hi, 8);
        let mut mesh = chart.configure_mesh();
        mesh.x_labels(11)
            .y_labels(8)
            .x_label_formatter(&|x| percent(*x, 0))
            .y_label_formatter(&y_ticks)
            .x_desc(lang.pick("Zekerheidspercentage", "Certainty level"))
            .y_desc(Figure::Required.name(lang));
        theme::axes(&mut mesh).draw().map_err(err)?;
        for r in &self.lines {
            theme::line(&mut chart, vec![(0.0, r.value), (1.0, r.value)], r.colour, 3, r.dash)?;
        }
        for curve in &self.curves {
            if let Some((value, _)) = &curve.reserve {
                theme::line(
                    &mut chart,
                    vec![(0.0, *value), (1.0, *value)],
                    curve.colour,
                    2,
                    Dash::Dashed,
                )?;
            }
        }
        // Dashed curves first, so that a solid curve on top of them stays visible.
        let mut order: Vec<&(&Curve, Vec<(f64, f64)>)> = curves.iter().collect();
        order.sort_by_key(|(c, _)| c.dash == Dash::Solid);
        for (curve, points) in order {
            let width = if curve.dash == Dash::Solid { 3 } else { 5 };
            theme::line(&mut chart, points.clone(), curve.colour, width, curve.dash)?;
        }
        let p = self.certainty;
        if let Some((first, _)) = curves.iter().find(|(c, _)| c.marked) {
            let value = first.samples.quantile(p);
            theme::line(
                &mut chart,
                vec![(p, y_lo), (p, value), (0.0, value)],
                theme::TEXT,
                1,
                Dash::Dotted,
            )?;
        }
        for (curve, _) in curves.iter().filter(|(c, _)| c.marked) {
            let value = curve.samples.quantile(p);
            chart
                .draw_series([
                    Circle::new((p, value), 6, WHITE.filled()),
                    Circle::new((p, value), 6, curve.colour.stroke_width(3)),
                ])
                .map_err(err)?;
        }
        Ok(())
    }
}
