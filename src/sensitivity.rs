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
use std::cell::RefCell;

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
    let mut totals = Vec::new();
    engine::run(&plan, iterations, 1, &|_| {}).year_into(0, &mut totals);
    let base = Base::new(totals, certainty);
    let required = base.required;
    // The first-year losses of `risks` in every iteration as `register` draws them (through the
    // engine: a plan of those risks alone), into `out`.
    let losses = |register: &Register, risks: &[usize], out: &mut Vec<f64>| {
        let subset = Plan::new(register, basis, seed, |r| risks.contains(&r));
        out.clear();
        engine::first_year_by_block(&subset, iterations, |_, block| out.extend_from_slice(block));
    };
    // A variant: the change in the benodigde capaciteit when `risks` lose as `changed` draws them
    // instead of `before`; `None`: switched off, losing nothing in any iteration (what a run with
    // them PM gives), so no run. Each block of the variant's losses is compared while it is in the
    // cache; `moves` is one per thread, used again variant after variant.
    let variant = |moves: &RefCell<Moves>, before: &[f64], changed: Option<&Register>, risks: &[usize]| {
        let moves = &mut *moves.borrow_mut();
        moves.clear(iterations);
        let mut note = |start: usize, after: &[f64]| {
            let range = start..start + after.len();
            moves.note(start, &base.totals[range.clone()], &before[range], after);
        };
        match changed {
            Some(changed) => {
                let subset = Plan::new(changed, basis, seed, |r| risks.contains(&r));
                engine::first_year_by_block(&subset, iterations, note);
            }
            None => {
                for start in (0..iterations).step_by(NONE.len()) {
                    note(start, &NONE[..(iterations - start).min(NONE.len())]);
                }
            }
        }
        base.shift(moves)
    };
    let simulated: Vec<usize> = plan.order.iter().map(|&r| plan.risks[r].index).collect();
    let mut risks: Vec<RiskSensitivity> = simulated
        .par_iter()
        .with_max_len(1)
        .map(|&r| {
            with_scratch(|Scratch { before, moves }| {
                let risk = &register.risks[r];
                losses(register, &[r], before);
                let with = |change: &dyn Fn(&mut crate::model::Risk)| {
                    let mut changed = register.clone();
                    change(&mut changed.risks[r]);
                    variant(moves, before, Some(&changed), &[r])
                };
                let off = variant(moves, before, None, &[r]);
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
        })
        .collect();
    risks.sort_by(|a, b| b.width().total_cmp(&a.width()).then_with(|| a.id.cmp(&b.id)));
    let drivers = register
        .drivers
        .list
        .par_iter()
        .enumerate()
        .with_max_len(1)
        .filter_map(|(d, driver)| {
            let users: Vec<usize> = simulated
                .iter()
                .copied()
                .filter(|&r| matches!(register.risks[r].impact, Impact::Driver { driver, .. } if driver == d))
                .collect();
            if users.is_empty() {
                return None;
            }
            with_scratch(|Scratch { before, moves }| {
                losses(register, &users, before);
                let at = |factor: f64| {
                    let mut changed = register.clone();
                    changed.drivers.list[d].values.iter_mut().for_each(|v| *v *= factor);
                    variant(moves, before, Some(&changed), &users)
                };
                Some(DriverSensitivity {
                    id: driver.id.clone(),
                    description: driver.description.clone(),
                    at_low: at(1.0 - DRIVER_STEP),
                    at_high: at(1.0 + DRIVER_STEP),
                })
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

/// The buffers of one risk's or driver's variants: its losses in the register, and a variant's
/// moves (one variant at a time).
#[derive(Default)]
struct Scratch {
    before: Vec<f64>,
    moves: RefCell<Moves>,
}

/// Runs `f` with this thread's [`Scratch`]. The risks are one task each, so that the cores share
/// them evenly to the last; the buffers (about 2 MB at 100.000 iterations) are kept per thread
/// rather than allocated per task, where each task would map fresh pages. Taken out while in use,
/// so a task that starts on this thread meanwhile gets its own.
fn with_scratch<T>(f: impl FnOnce(&mut Scratch) -> T) -> T {
    thread_local! {
        static SCRATCH: RefCell<Scratch> = RefCell::default();
    }
    let mut scratch = SCRATCH.take();
    let out = f(&mut scratch);
    SCRATCH.set(scratch);
    out
}

/// The losses of a risk switched off, for as many iterations at a time (a multiple of 64, as
/// [`Moves::note`] needs).
static NONE: [f64; 4096] = [0.0; 4096];

/// The iterations whose first-year totals a variant moves (where the changed risks lose another
/// amount than in the register): each one's total before and after as keys (`total_cmp`'s order),
/// and which iterations they are.
#[derive(Default)]
struct Moves {
    /// The moves, in iteration order.
    keys: Vec<(i64, i64)>,
    /// Bit `i` set when iteration `i` moves.
    moved: Vec<u64>,
}

impl Moves {
    /// Empties the list, for `n` iterations.
    fn clear(&mut self, n: usize) {
        self.keys.clear();
        self.moved.clear();
        self.moved.resize(n.div_ceil(64), 0);
    }

    /// Notes the moves among iterations `start..`, whose register totals are `totals` and whose
    /// changed risks lose `before` in the register and `after` in the variant.
    fn note(&mut self, start: usize, totals: &[f64], before: &[f64], after: &[f64]) {
        use crate::stats::select::key;
        assert_eq!(start % 64, 0, "blocks start at a word of the bit set");
        let words = totals.chunks(64).zip(before.chunks(64)).zip(after.chunks(64));
        for (w, ((totals, before), after)) in words.enumerate() {
            // Which of 64 iterations move, without a branch (whether one moves is as random as
            // its risk's occurrence); then only those are read again, one set bit at a time.
            let mut word = 0;
            for (j, (&was, &now)) in before.iter().zip(after).enumerate() {
                word |= u64::from(was != now) << j;
            }
            self.moved[start / 64 + w] = word;
            while word != 0 {
                let j = word.trailing_zeros() as usize;
                word &= word - 1;
                let total = totals[j];
                self.keys.push((key(total), key(total - before[j] + after[j])));
            }
        }
    }

    fn list(&self) -> &[(i64, i64)] {
        &self.keys
    }

    fn contains(&self, i: usize) -> bool {
        self.moved[i / 64] >> (i % 64) & 1 == 1
    }
}

/// The register's first-year totals, sorted once, and the benodigde capaciteit they give: what
/// every variant is measured against.
struct Base {
    totals: Vec<f64>,
    /// The totals in ascending order (`f64::total_cmp`), each with its iteration.
    sorted: Vec<(f64, u32)>,
    certainty: f64,
    required: f64,
}

impl Base {
    /// The base of the register's first-year totals `values`.
    fn new(values: Vec<f64>, certainty: f64) -> Base {
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

    /// The change in the benodigde capaciteit when some iterations' totals move as `moves` says:
    /// the percentile of the variant's totals (each moved total in its new place, every other as in
    /// the register) less the register's own, exactly.
    ///
    /// Every unmoved iteration keeps its place in the sorted base. So the variant's percentile is
    /// found in a window of the sorted base, placed where the moves put it (each iteration that
    /// crosses the base's percentile shifts the rank by one), and checked by counting: the unmoved
    /// iterations below the window from its position, the moved ones from their list. A window that
    /// does not hold the ranks is widened until it does; at its widest it is the whole, so the
    /// answer never depends on the guess.
    fn shift(&self, moves: &Moves) -> f64 {
        use crate::stats::select::{key, order_statistics, type7, unkey};
        let moved = moves.list();
        if moved.is_empty() {
            return 0.0;
        }
        let n = self.totals.len();
        let (k, next, fraction) = type7(n, self.certainty);
        // How many moves cross the register's percentile upwards and downwards.
        let at = key(self.sorted[k].0);
        let (mut up, mut down) = (0, 0);
        for &(from, to) in moved {
            up += usize::from(from <= at && to > at);
            down += usize::from(from > at && to <= at);
        }
        let centre = (k + up).saturating_sub(down).min(n - 1);
        let mut margin = 64 + (up + down) / 8;
        loop {
            let (lo, hi) = (centre.saturating_sub(margin), (centre + margin + 1).min(n - 1));
            // At its widest the window reaches past every value, moved or not.
            let low = if lo == 0 { i64::MIN } else { key(self.sorted[lo].0) };
            let high = if hi == n - 1 { i64::MAX } else { key(self.sorted[hi].0) };
            let from = self.sorted.partition_point(|&(t, _)| key(t) < low);
            let to = self.sorted.partition_point(|&(t, _)| key(t) <= high);
            let mut below = from;
            let mut inside: Vec<f64> = self.sorted[from..to]
                .iter()
                .filter(|&&(_, i)| !moves.contains(i as usize))
                .map(|&(t, _)| t)
                .collect();
            for &(was, now) in moved {
                below = below - usize::from(was < low) + usize::from(now < low);
                if (low..=high).contains(&now) {
                    inside.push(unkey(now));
                }
            }
            if below <= k && below + inside.len() > next {
                let [a, b] = order_statistics(&inside, &[k - below, next - below])[..] else {
                    unreachable!("two ranks")
                };
                return a + fraction * (b - a) - self.required;
            }
            margin *= 4;
        }
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
