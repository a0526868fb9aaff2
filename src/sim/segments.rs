//! The segments of the paragraph: each category and each risk type on its own, first year only.
//!
//! They are made in the netto run itself, not by running each group of risks again: the engine
//! also sums each group's first-year losses ([`engine::run_streamed`]), and because every draw is
//! addressed by risk and iteration, a group's values are to the bit those of a run of its risks
//! alone. The group rows are not kept: per block, each group's moments and the values near its
//! percentile at the zekerheid are ([`Sieve`]: windows from the run's first iterations, its pilot),
//! so memory does not grow with the number of groups. A window that misses (an unlucky pilot) is
//! made good by running that group on its own: slower, the same figures.

use super::Settings;
use super::engine::{self, Grouping, Row};
use super::plan::Plan;
use crate::model::Register;
use crate::results::{Segment, Segments};
use crate::stats::moments::Moments;
use crate::stats::select::{Sieve, Sifted, order_statistics, type7};
use rayon::prelude::*;

/// The groups: each category, then each risk type, of every planned risk.
pub fn grouping(register: &Register, plan: &Plan) -> Grouping {
    Grouping {
        of: plan.risks.iter().map(|p| group_of(register, p.index)).collect(),
        groups: register.categories.len() + register.risk_types.len(),
    }
}

/// The two groups of the register's risk `i`: its category, and its risk type after the categories.
fn group_of(register: &Register, i: usize) -> [usize; 2] {
    let risk = &register.risks[i];
    [risk.category, register.categories.len() + risk.risk_type]
}

/// What a block leaves of each group.
pub struct BlockPart {
    moments: Vec<Moments>,
    sifted: Vec<Sifted>,
}

/// The segments' part of the netto run: the groups, and per group the window of its percentile at
/// the zekerheid.
pub struct Segmenting {
    pub grouping: Grouping,
    sieves: Vec<Sieve>,
    /// How far the percentile lies from the lower of the two order statistics it interpolates
    /// between (type 7).
    fraction: f64,
}

impl Segmenting {
    /// Places the windows from the group rows of the run's first `pilot` iterations (`from`, the
    /// pilot of a run of `n` iterations grouped by `grouping`).
    pub fn new(grouping: Grouping, from: &engine::Pilot, pilot: usize, n: usize, certainty: f64) -> Segmenting {
        let (lo, hi, fraction) = type7(n, certainty);
        let wanted: Vec<usize> = if lo == hi { vec![lo] } else { vec![lo, hi] };
        let sieves = (0..grouping.groups)
            .into_par_iter()
            .map(|g| {
                let sample: Vec<f64> = from
                    .rows
                    .iter()
                    .flat_map(|rows| rows[g].iter().copied())
                    .take(pilot)
                    .collect();
                Sieve::new(&sample, n, &wanted)
            })
            .collect();
        Segmenting {
            grouping,
            sieves,
            fraction,
        }
    }

    /// What the netto run keeps of a block's group rows (`len` iterations).
    pub fn consume(&self, rows: &[Row], len: usize) -> BlockPart {
        BlockPart {
            moments: rows.iter().map(|row| Moments::of(&row[..len])).collect(),
            sifted: rows
                .iter()
                .zip(&self.sieves)
                .map(|(row, sieve)| sieve.sift(&row[..len]))
                .collect(),
        }
    }

    /// The segments from the blocks' parts, in block order, of the netto run over `years` years.
    pub fn finish(&self, register: &Register, settings: &Settings, years: usize, parts: Vec<BlockPart>) -> Segments {
        // Group `g` run on its own over the same years: its first year's values as the netto run
        // made them, for a window that missed.
        let alone = |g: usize| {
            let plan = Plan::new(register, settings.basis, settings.seed, |i| {
                group_of(register, i).contains(&g)
            });
            let mut values = Vec::with_capacity(settings.iterations);
            engine::run(&plan, settings.iterations.max(1), years, &|_| {}).year_into(0, &mut values);
            values
        };
        let groups = self.grouping.groups;
        let mut moments = vec![Moments::default(); groups];
        let mut sifted: Vec<Vec<Sifted>> = self.sieves.iter().map(|_| Vec::with_capacity(parts.len())).collect();
        for part in parts {
            for (g, (m, s)) in part.moments.into_iter().zip(part.sifted).enumerate() {
                moments[g] = moments[g].join(m);
                sifted[g].push(s);
            }
        }
        let mut segments = sifted.into_iter().enumerate().map(|(g, parts)| {
            let sieve = &self.sieves[g];
            let found = sieve.finish(sieve.gather(parts), |missed| order_statistics(&alone(g), missed));
            let (below, next) = (found[0], *found.last().expect("a rank"));
            let risks = self.grouping.of.iter().filter(|of| of.contains(&g)).count();
            (risks, moments[g], below + self.fraction * (next - below))
        });
        let mut segment = |id: &str, name: &str| {
            let (risks, m, at_certainty) = segments.next().expect("a group per segment");
            Segment {
                id: id.to_string(),
                name: name.to_string(),
                risks,
                mean: m.mean,
                sd: m.sd(),
                at_certainty,
            }
        };
        let categories = register.categories.iter().map(|c| segment(&c.id, &c.name)).collect();
        let types = register.risk_types.iter().map(|t| segment(&t.id, &t.name)).collect();
        Segments { categories, types }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// When every window misses (here forced), each segment is found from its risks run alone: the
    /// same percentiles to the bit as through the windows.
    #[test]
    fn a_window_that_misses_is_made_good_by_the_segments_own_run() {
        let risks = [
            (
                "A",
                "uitvoering",
                "commercieel",
                "probability: 0.3, impact: {uniform: {min: 100, max: 400}}, recurrence: structureel",
            ),
            (
                "B",
                "omgeving",
                "commercieel",
                "frequency: 1.5, impact: {triangular: {min: 0, mode: 20, max: 90}}",
            ),
            ("C", "omgeving", "politiek", "probability: 0.6, impact: 50"),
        ]
        .map(|(id, category, kind, rest)| {
            format!("  - {{id: {id}, title: {id}, category: {category}, type: {kind}, status: actueel, {rest}}}\n")
        })
        .concat();
        let register = super::super::tests::register_with(&risks, false, super::super::tests::TWO_YEARS);
        let n = 2 * super::super::PILOT + 77;
        let settings = Settings {
            iterations: n,
            seed: 9,
            basis: crate::model::Basis::Netto,
            percentiles: vec![0.9],
            certainty: None,
            keep_samples: false,
            extras: true,
        };
        let plan = Plan::new(&register, settings.basis, settings.seed, |_| true);
        let certainty = register.reserve.certainty;
        let through = |miss: bool| {
            let place = |pilot: &engine::Pilot| {
                let mut s = Segmenting::new(grouping(&register, &plan), pilot, super::super::pilot(n), n, certainty);
                if miss {
                    let (lo, hi, _) = type7(n, certainty);
                    let wanted: Vec<usize> = if lo == hi { vec![lo] } else { vec![lo, hi] };
                    s.sieves = s.sieves.iter().map(|_| Sieve::missing_all(n, &wanted)).collect();
                }
                s
            };
            let pilot = (super::super::pilot(n), 1);
            let groups = grouping(&register, &plan);
            let (_, s, parts) = engine::run_streamed(
                &plan,
                n,
                2,
                &|_| {},
                pilot,
                &groups,
                None,
                place,
                |s, _: &mut (), _, rows, len| s.consume(rows, len),
            );
            s.finish(&register, &settings, 2, parts)
        };
        let (windows, alone) = (through(false), through(true));
        let pairs = windows
            .categories
            .iter()
            .chain(&windows.types)
            .zip(alone.categories.iter().chain(&alone.types));
        for (a, b) in pairs {
            assert_eq!(a.at_certainty.to_bits(), b.at_certainty.to_bits(), "{}", a.id);
            assert_eq!((a.mean, a.sd, a.risks), (b.mean, b.sd, b.risks), "{}", a.id);
        }
        assert!(windows.categories.iter().any(|s| s.at_certainty > 0.0));
    }
}
