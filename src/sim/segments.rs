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

/// The groups (each category, then each risk type) and the rows the engine sums them in: one row
/// per set of risks, so that a group without simulated risks has none (its figures are 0: the
/// shipped register's type `politiek`) and a group with the same risks as an earlier one reads
/// that one's row (a category and a type that hold the same risks: the shipped register's
/// `wet-en-regelgeving` and `demografisch-fiscaal`, each its one simulated risk, T1-04). A risk
/// adds to its category's row and its type's row; when they are one row, to that row and to a row
/// no one reads, so that it adds to the row once, as a run of its risks alone would.
#[derive(Clone, Debug)]
pub struct Groups {
    /// The engine's rows and each planned risk's two of them.
    pub grouping: Grouping,
    /// Per group: its row, if it has risks.
    row_of: Vec<Option<usize>>,
    /// Per group: how many planned risks it holds.
    risks: Vec<usize>,
    /// Per row read: the first group summed in it (the unread row, if any, comes after these).
    first: Vec<usize>,
}

impl Groups {
    /// The groups of the risks `plan` runs of `register`, and their rows.
    pub fn new(register: &Register, plan: &Plan) -> Groups {
        let count = register.categories.len() + register.risk_types.len();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (r, planned) in plan.risks.iter().enumerate() {
            for g in group_of(register, planned.index) {
                members[g].push(r);
            }
        }
        let mut row_of = vec![None; count];
        let mut first = Vec::new();
        for g in 0..count {
            if members[g].is_empty() {
                continue;
            }
            row_of[g] = Some(match (0..g).find(|&h| members[h] == members[g]) {
                Some(h) => row_of[h].expect("a group with risks has a row"),
                None => {
                    first.push(g);
                    first.len() - 1
                }
            });
        }
        let unread = first.len();
        let of: Vec<[usize; 2]> = plan
            .risks
            .iter()
            .map(|planned| {
                let [a, b] = group_of(register, planned.index).map(|g| row_of[g].expect("a risk's group has it"));
                if a == b { [a, unread] } else { [a, b] }
            })
            .collect();
        let rows = unread + usize::from(of.iter().any(|&[_, b]| b == unread));
        Groups {
            grouping: Grouping { of, groups: rows },
            row_of,
            risks: members.iter().map(Vec::len).collect(),
            first,
        }
    }

    /// How many rows are read (the engine's, less the unread one).
    fn read(&self) -> usize {
        self.first.len()
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

/// The segments' part of the netto run: the groups, and per row read the window of its percentile
/// at the zekerheid.
pub struct Segmenting {
    groups: Groups,
    /// Per row read: its window.
    sieves: Vec<Sieve>,
    /// How far the percentile lies from the lower of the two order statistics it interpolates
    /// between (type 7).
    fraction: f64,
}

impl Segmenting {
    /// Places the windows from the group rows of the run's first `pilot` iterations (`from`, the
    /// pilot of a run of `n` iterations grouped by `groups`).
    pub fn new(groups: Groups, from: &engine::Pilot, pilot: usize, n: usize, certainty: f64) -> Segmenting {
        let (lo, hi, fraction) = type7(n, certainty);
        let wanted: Vec<usize> = if lo == hi { vec![lo] } else { vec![lo, hi] };
        let sieves = (0..groups.read())
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
            groups,
            sieves,
            fraction,
        }
    }

    /// What the netto run keeps of a block's group rows (`len` iterations).
    pub fn consume(&self, rows: &[Row], len: usize) -> BlockPart {
        let rows = &rows[..self.groups.read()];
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
        let rows = self.groups.read();
        let mut moments = vec![Moments::default(); rows];
        let mut sifted: Vec<Vec<Sifted>> = self.sieves.iter().map(|_| Vec::with_capacity(parts.len())).collect();
        for part in parts {
            for (row, (m, s)) in part.moments.into_iter().zip(part.sifted).enumerate() {
                moments[row] = moments[row].join(m);
                sifted[row].push(s);
            }
        }
        let at_certainty: Vec<f64> = sifted
            .into_iter()
            .enumerate()
            .map(|(row, parts)| {
                let sieve = &self.sieves[row];
                let group = self.groups.first[row];
                let found = sieve.finish(sieve.gather(parts), |missed| order_statistics(&alone(group), missed));
                let (below, next) = (found[0], *found.last().expect("a rank"));
                below + self.fraction * (next - below)
            })
            .collect();
        // A group without risks: all its values are 0.
        let mut segments = (0..self.groups.row_of.len()).map(|g| match self.groups.row_of[g] {
            Some(row) => (self.groups.risks[g], moments[row], at_certainty[row]),
            None => (0, Moments::default(), 0.0),
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
    /// same percentiles to the bit as through the windows; also for two groups that share a row,
    /// and for the groups without risks (arbeidsvoorwaarden, uitvoering-financieel), which are 0.
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
            // Alone in its category and in its type: the two groups share a row.
            (
                "D",
                "wet-en-regelgeving",
                "demografisch-fiscaal",
                "probability: 0.2, impact: {uniform: {min: 10, max: 30}}",
            ),
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
                let groups = Groups::new(&register, &plan);
                let mut s = Segmenting::new(groups, pilot, super::super::pilot(n), n, certainty);
                if miss {
                    let (lo, hi, _) = type7(n, certainty);
                    let wanted: Vec<usize> = if lo == hi { vec![lo] } else { vec![lo, hi] };
                    s.sieves = s.sieves.iter().map(|_| Sieve::missing_all(n, &wanted)).collect();
                }
                s
            };
            let pilot = (super::super::pilot(n), 1);
            let groups = Groups::new(&register, &plan).grouping;
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
        let by_id = |id: &str| {
            let all = windows.categories.iter().chain(&windows.types);
            all.filter(|s| s.id == id)
                .map(|s| (s.risks, s.mean, s.at_certainty))
                .next()
        };
        let shared = by_id("wet-en-regelgeving").expect("a category");
        assert_eq!(Some(shared), by_id("demografisch-fiscaal"));
        assert!(shared.0 == 1 && shared.2 > 0.0, "{shared:?}");
        assert_eq!(by_id("uitvoering-financieel"), Some((0, 0.0, 0.0)));
        assert_eq!(by_id("arbeidsvoorwaarden"), Some((0, 0.0, 0.0)));
    }
}
