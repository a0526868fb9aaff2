//! Sensitivity: how much the benodigde weerstandscapaciteit moves when one risk changes, so that
//! the board sees which assumptions carry the figure (a tornado chart).
//!
//! For every simulated risk: switched off; its probability at the low and the high end of the
//! probability class it falls in (the risicokaart's bands: 70% lies in 60–80%); its impact at the
//! low and the high end of its range (minimum and maximum; a lognormal's 5th and 95th percentile).
//! For every driver that an impact refers to: its amounts 10% lower and higher.
//!
//! Common random numbers make this cheap and exact in what it compares: a variant changes one
//! risk's (or one driver's risks') draws only, so its first-year totals are the base totals less
//! those risks' losses plus their losses in the variant, iteration by iteration. No other risk is
//! drawn again; the difference in the percentile is the variant's effect, not noise.

use crate::model::{Basis, Dist, Impact, Occurrence, Register};
use crate::sim::engine;
use crate::sim::plan::Plan;
use rayon::prelude::*;
use serde::Serialize;

/// How much a driver's amounts move down and up.
pub const DRIVER_STEP: f64 = 0.1;

/// The benodigde weerstandscapaciteit's response to one risk.
#[derive(Clone, Debug, Serialize)]
pub struct RiskSensitivity {
    pub id: String,
    pub title: String,
    /// A stand-in the paragraph never names (`placeholder: true`): in the data, not in the table
    /// or the chart.
    pub placeholder: bool,
    /// The change in the benodigde capaciteit with the risk switched off.
    pub off: f64,
    /// The probability's low and high end, and the change at each; `None` when the risk has no
    /// such range (a probability of 0 or 1 at the end of its band stays put and is kept).
    pub probability: Option<Swing>,
    /// Whether `probability` is a chance (a fraction) rather than a frequency (times a year).
    pub probability_is_chance: bool,
    /// The impact's low and high end (in euros; a share of a driver at the first year's amount),
    /// and the change at each; `None` for a fixed impact.
    pub impact: Option<Swing>,
}

/// A parameter at the low and the high end of its range, and what each does to the figure.
#[derive(Clone, Debug, Serialize)]
pub struct Swing {
    /// The parameter's value at the low and the high end (a probability as a fraction, a
    /// frequency per year, an amount in euros, a driver share as a fraction).
    pub low: f64,
    pub high: f64,
    /// The change in the benodigde capaciteit at the low and the high end.
    pub at_low: f64,
    pub at_high: f64,
}

impl Swing {
    /// The width of the swing: how far apart the two ends put the figure.
    pub fn width(&self) -> f64 {
        (self.at_high - self.at_low).abs()
    }
}

/// A driver's amounts 10% lower and higher.
#[derive(Clone, Debug, Serialize)]
pub struct DriverSensitivity {
    pub id: String,
    pub description: Option<String>,
    /// The change in the benodigde capaciteit with the driver 10% lower and 10% higher.
    pub at_low: f64,
    pub at_high: f64,
}

/// The sensitivity of the benodigde weerstandscapaciteit in the first budget year.
#[derive(Clone, Debug, Serialize)]
pub struct Sensitivity {
    pub year: i32,
    pub certainty: f64,
    pub iterations: usize,
    pub seed: u64,
    /// The benodigde capaciteit of the register itself, from the same draws.
    pub required: f64,
    /// Per simulated risk, by the width of its largest swing, widest first.
    pub risks: Vec<RiskSensitivity>,
    pub drivers: Vec<DriverSensitivity>,
}

impl RiskSensitivity {
    /// The widest of its swings (off counts as a swing from 0).
    pub fn width(&self) -> f64 {
        [
            self.off.abs(),
            self.probability.as_ref().map_or(0.0, Swing::width),
            self.impact.as_ref().map_or(0.0, Swing::width),
        ]
        .into_iter()
        .fold(0.0, f64::max)
    }
}

/// Computes the sensitivity of `register` at `certainty` with `iterations` iterations and `seed`.
pub fn sensitivity(register: &Register, basis: Basis, seed: u64, iterations: usize, certainty: f64) -> Sensitivity {
    let plan = Plan::new(register, basis, seed, |_| true);
    let totals = engine::run(&plan, iterations, 1, &|_| {});
    let base = Base::new(&totals, certainty);
    let required = base.required;
    // The first-year losses of `risks` in every iteration as `register` draws them (through the
    // engine: a plan of those risks alone), and a bound on their size.
    let losses = |register: &Register, risks: &[usize]| -> (Vec<f64>, f64) {
        let subset = Plan::new(register, basis, seed, |r| risks.contains(&r));
        let mut values = Vec::new();
        engine::run(&subset, iterations, 1, &|_| {}).year_into(0, &mut values);
        (values, subset.risks.iter().map(|p| p.first_year_bound()).sum())
    };
    let simulated: Vec<usize> = plan.order.iter().map(|&r| plan.risks[r].index).collect();
    let mut risks: Vec<RiskSensitivity> = simulated
        .par_iter()
        .map(|&r| {
            let risk = &register.risks[r];
            let before = losses(register, &[r]);
            let with = |change: &dyn Fn(&mut crate::model::Risk)| {
                let mut changed = register.clone();
                change(&mut changed.risks[r]);
                base.shift(&before, &losses(&changed, &[r]))
            };
            let off = with(&|x| x.impact = Impact::Pm);
            let probability = probability_range(register, risk.occurrence).map(|(low, high)| {
                let at = |value: f64| {
                    with(&|x| {
                        x.occurrence = x.occurrence.map(|o| match o {
                            Occurrence::Probability(_) => Occurrence::Probability(value),
                            Occurrence::Frequency(_) => Occurrence::Frequency(value),
                        })
                    })
                };
                Swing {
                    low,
                    high,
                    at_low: at(low),
                    at_high: at(high),
                }
            });
            let impact = impact_range(&risk.impact).map(|(low, high)| {
                // A driver's share in euros of the first year, as the table shows it.
                let euros = match &risk.impact {
                    Impact::Driver { driver, .. } => register.drivers.get(*driver).value(0),
                    _ => 1.0,
                };
                let at = |value: f64| {
                    with(&|x| {
                        x.impact = match &x.impact {
                            Impact::Driver { driver, .. } => Impact::Driver {
                                driver: *driver,
                                rate: Dist::Fixed(value),
                            },
                            _ => Impact::Amount(Dist::Fixed(value)),
                        }
                    })
                };
                Swing {
                    low: low * euros,
                    high: high * euros,
                    at_low: at(low),
                    at_high: at(high),
                }
            });
            RiskSensitivity {
                id: risk.id.clone(),
                title: risk.title.clone(),
                placeholder: risk.placeholder,
                off,
                probability,
                probability_is_chance: matches!(risk.occurrence, Some(Occurrence::Probability(_))),
                impact,
            }
        })
        .collect();
    risks.sort_by(|a, b| b.width().total_cmp(&a.width()).then_with(|| a.id.cmp(&b.id)));
    let drivers = register
        .drivers
        .list
        .iter()
        .enumerate()
        .filter_map(|(d, driver)| {
            let users: Vec<usize> = simulated
                .iter()
                .copied()
                .filter(|&r| matches!(register.risks[r].impact, Impact::Driver { driver, .. } if driver == d))
                .collect();
            if users.is_empty() {
                return None;
            }
            let before = losses(register, &users);
            let at = |factor: f64| {
                let mut changed = register.clone();
                changed.drivers.list[d].values.iter_mut().for_each(|v| *v *= factor);
                base.shift(&before, &losses(&changed, &users))
            };
            Some(DriverSensitivity {
                id: driver.id.clone(),
                description: driver.description.clone(),
                at_low: at(1.0 - DRIVER_STEP),
                at_high: at(1.0 + DRIVER_STEP),
            })
        })
        .collect();
    Sensitivity {
        year: register.horizon.first,
        certainty,
        iterations,
        seed,
        required,
        risks,
        drivers,
    }
}

/// The register's first-year totals, sorted once, and the benodigde capaciteit they give: what
/// every variant is measured against.
struct Base {
    totals: Vec<f64>,
    /// The totals in ascending order, each with its iteration.
    sorted: Vec<(f64, u32)>,
    certainty: f64,
    required: f64,
}

impl Base {
    fn new(totals: &engine::Totals, certainty: f64) -> Base {
        let mut values = Vec::new();
        totals.year_into(0, &mut values);
        let mut sorted: Vec<(f64, u32)> = values.iter().enumerate().map(|(i, &t)| (t, i as u32)).collect();
        sorted.par_sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let required = crate::sim::select_quantile(&values, certainty);
        Base {
            totals: values,
            sorted,
            certainty,
            required,
        }
    }

    /// The change in the benodigde capaciteit when some risks' losses `before` become `after`
    /// (per iteration, each with a bound on their size): each iteration's total less the one,
    /// plus the other.
    ///
    /// Each total moves by at most `D`, the largest loss either side can have, so each order
    /// statistic does too: iterations whose total lies more than `2D` below the two order
    /// statistics of the percentile stay below them, those more than `2D` above stay above. Only
    /// the iterations between are selected from, when they are fewer than half; an unbounded
    /// change (a frequency, a lognormal) takes every iteration.
    fn shift(&self, (before, bound): &(Vec<f64>, f64), (after, after_bound): &(Vec<f64>, f64)) -> f64 {
        let changed = |t: f64, i: u32| t - before[i as usize] + after[i as usize];
        let reach = bound + after_bound;
        let n = self.totals.len();
        let h = (n - 1) as f64 * self.certainty;
        let k = h.floor() as usize;
        if reach.is_finite() && k + 1 < n {
            let from = self
                .sorted
                .partition_point(|&(t, _)| t < self.sorted[k].0 - 2.0 * reach);
            let to = self
                .sorted
                .partition_point(|&(t, _)| t <= self.sorted[k + 1].0 + 2.0 * reach);
            if 2 * (to - from) < n {
                let mut window: Vec<f64> = self.sorted[from..to].iter().map(|&(t, i)| changed(t, i)).collect();
                let (_, &mut at, above) = window.select_nth_unstable_by(k - from, f64::total_cmp);
                let next = above.iter().copied().min_by(f64::total_cmp).unwrap_or(at);
                return at + (h - k as f64) * (next - at) - self.required;
            }
        }
        let values: Vec<f64> = self
            .totals
            .iter()
            .enumerate()
            .map(|(i, &t)| changed(t, i as u32))
            .collect();
        crate::sim::select_quantile(&values, self.certainty) - self.required
    }
}

/// The low and high end of a risk's probability: the band of the probability class it falls in
/// (for a frequency: the rate scaled as its chance of at least one occurrence a year moves to the
/// band's ends). `None` when the band is a single point.
fn probability_range(register: &Register, occurrence: Option<Occurrence>) -> Option<(f64, f64)> {
    let classes = &register.classes.probability;
    let band = |p: f64| {
        let c = register.classes.probability_class(p);
        let lower = if c == 0 { 0.0 } else { classes[c - 1].upper };
        (lower, classes[c].upper.min(1.0))
    };
    let range = match occurrence? {
        Occurrence::Probability(p) => band(p),
        Occurrence::Frequency(rate) => {
            let once = 1.0 - (-rate).exp();
            let (lower, upper) = band(once);
            (rate * lower / once, rate * upper / once)
        }
    };
    (range.1 > range.0).then_some(range)
}

/// The low and high end of an impact: its range (minimum and maximum; a lognormal's 5th and 95th
/// percentile), in euros or as a share of the driver. `None` for a fixed impact or PM.
fn impact_range(impact: &Impact) -> Option<(f64, f64)> {
    let (low, high) = match impact {
        Impact::Amount(dist) | Impact::Driver { rate: dist, .. } => dist.range(),
        Impact::Pm => return None,
    };
    (high > low).then_some((low, high))
}

#[cfg(test)]
mod tests;
