//! The segments of the paragraph: each category and each risk type on its own, first year only.
//!
//! They are made in the netto run itself, not by running each group of risks again: the engine
//! also sums each group's first-year losses ([`engine::run_grouped`]), and because every draw is
//! addressed by risk and iteration, a group's values are to the bit those of a run of its risks
//! alone. The group rows are not kept: per block, each group's moments and the values near its
//! percentile at the zekerheid are ([`Sieve`]: windows from a pilot run of the first iterations),
//! so memory does not grow with the number of groups. A window that misses (an unlucky pilot) is
//! made good by running that group on its own: slower, the same figures.

use super::engine::{self, Grouping, Row};
use super::plan::Plan;
use crate::model::Register;
use crate::results::{Segment, Segments};
use crate::stats::select::{Sieve, Sifted, order_statistics, type7};

/// Iterations of the pilot run that places the windows (as many values as the order statistics'
/// own sample, [`crate::stats::select`]).
pub(super) const PILOT: usize = 1 << 15;

/// The groups: each category, then each risk type, of every planned risk.
pub fn grouping(register: &Register, plan: &Plan) -> Grouping {
    let categories = register.categories.len();
    Grouping {
        of: plan
            .risks
            .iter()
            .map(|p| {
                let risk = &register.risks[p.index];
                Some([risk.category, categories + risk.risk_type])
            })
            .collect(),
        groups: categories + register.risk_types.len(),
    }
}

/// The moments of some values: count, mean and the sum of squared deviations, joined block by block
/// (Chan et al.) in block order, so the same for any thread count.
#[derive(Clone, Copy, Debug, Default)]
struct Moments {
    count: f64,
    mean: f64,
    m2: f64,
}

impl Moments {
    fn of(values: &[f64]) -> Moments {
        let count = values.len() as f64;
        if values.is_empty() {
            return Moments::default();
        }
        let mean = values.iter().sum::<f64>() / count;
        let m2 = values.iter().map(|x| (x - mean) * (x - mean)).sum();
        Moments { count, mean, m2 }
    }

    fn join(self, other: Moments) -> Moments {
        let count = self.count + other.count;
        if count == 0.0 {
            return self;
        }
        let delta = other.mean - self.mean;
        Moments {
            count,
            mean: self.mean + delta * other.count / count,
            m2: self.m2 + other.m2 + delta * delta * self.count * other.count / count,
        }
    }

    fn sd(self) -> f64 {
        (self.m2 / (self.count - 1.0).max(1.0)).sqrt()
    }
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
    /// Places the windows from a pilot run of the first iterations (`on_block` hears its work).
    pub fn new(
        register: &Register,
        plan: &Plan,
        n: usize,
        certainty: f64,
        on_block: &(dyn Fn(u64) + Sync),
    ) -> Segmenting {
        let grouping = grouping(register, plan);
        let (lo, hi, fraction) = type7(n, certainty);
        let wanted: Vec<usize> = if lo == hi { vec![lo] } else { vec![lo, hi] };
        let pilot = n.min(PILOT);
        let (_, blocks) = engine::run_grouped(plan, pilot, 1, on_block, &grouping, |_, rows, len| {
            rows.iter().map(|row| row[..len].to_vec()).collect::<Vec<_>>()
        });
        let sieves = (0..grouping.groups)
            .map(|g| {
                let sample: Vec<f64> = blocks.iter().flat_map(|rows| rows[g].iter().copied()).collect();
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

    /// The segments from the blocks' parts, in block order. `alone(g)` runs group `g` on its own
    /// (the first year's values, as the netto run made them), for a window that missed.
    pub fn finish(&self, register: &Register, parts: Vec<BlockPart>, alone: impl Fn(usize) -> Vec<f64>) -> Segments {
        let groups = self.grouping.groups;
        let mut moments = vec![Moments::default(); groups];
        let mut sifted: Vec<Sifted> = self.sieves.iter().map(Sieve::nothing).collect();
        for part in parts {
            for (g, (m, s)) in part.moments.into_iter().zip(part.sifted).enumerate() {
                moments[g] = moments[g].join(m);
                sifted[g].add(s);
            }
        }
        let mut segments = sifted.into_iter().enumerate().map(|(g, sifted)| {
            let found = self.sieves[g].finish(sifted, |missed| order_statistics(&alone(g), missed));
            let (below, next) = (found[0], *found.last().expect("a rank"));
            let risks = self
                .grouping
                .of
                .iter()
                .filter(|of| of.is_some_and(|[a, b]| a == g || b == g))
                .count();
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
