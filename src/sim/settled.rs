//! The reserve's figures: every iteration's years settled against the reserve once, and the means
//! and percentiles of what that gives (per year the overflow and the extra contribution, over the
//! horizon the contribution and the risk amount).
//!
//! Each block of totals is settled once, iteration by iteration, as the engine makes it
//! ([`engine::run_streamed`](super::engine::run_streamed)), and every figure read from it: the
//! sums for the means, and for each percentile the values near it ([`Sieve`]: windows from the
//! first iterations), so that no column of a million values per figure is written, kept or
//! selected from. A window that misses its rank (an unlucky sample) is made good from the whole
//! column, written for that figure alone from the run made again: slower, the same figure.
//!
//! When the reserve is replenished every year starts at its planned balance, so a year's overflow
//! and contribution are each a non-decreasing function of that year's risk amount alone (each
//! step of [`settle_year`] is a correctly rounded, monotone operation). Their order statistics are
//! then that function of the year's own (read with the years' distributions): the same values to
//! the bit, without a column or a sieve for them.

use super::FILL_UNITS;
use super::engine::{BLOCK, Totals};
use super::settlement::{YearOutcome, YearRule, settle_year};
use crate::model::Register;
use crate::results::{HorizonResult, MeanAt, YearResult};
use crate::stats::Sorted;
use crate::stats::select::{Sieve, Sifted, order_statistics, type7};
use rayon::prelude::*;

/// What the settlement adds to the results besides the years' figures.
pub struct Settled {
    pub horizon: HorizonResult,
    /// The share of iterations whose first-year total exceeds the reserve's cap.
    pub first_exceeds_cap: f64,
}

/// The settled figures of an iteration: per year its overflow and its extra contribution (unless
/// the reserve is replenished), then the horizon's contribution and risk amount (the columns); and
/// the sums: per year the reserve at its start, the replenishment, whether it overflowed, the
/// overflow and the contribution, then whether any year overflowed and whether the first year's
/// total exceeds the cap.
struct Columns<'a> {
    register: &'a Register,
    years: usize,
    /// Whether the years' columns are written: not when the reserve is replenished (see above).
    per_year: bool,
}

impl Columns<'_> {
    fn count(&self) -> usize {
        if self.per_year { 2 * self.years + 2 } else { 2 }
    }

    fn sums(&self) -> usize {
        SUMS * self.years + 2
    }

    /// The columns (in `scratch`, each of `len` values) and the sums of the `len` iterations of a
    /// block of totals ([`Totals::block`]): settled year by year over the block, each figure
    /// written to its column in turn (iteration by iteration scattered every iteration's figures
    /// over the columns); the sums added in iteration order, the horizon columns' last (as
    /// `Iterator::sum` adds them, from −0).
    fn block<'s>(&self, block: &[f64], len: usize, scratch: &'s mut Scratch) -> (&'s [Vec<f64>], Vec<f64>, [f64; 2]) {
        let (years, reserve) = (self.years, &self.register.reserve);
        let Scratch { values, available, any } = scratch;
        values.resize_with(self.count(), Vec::new);
        for column in values.iter_mut() {
            column.clear();
            column.resize(len, 0.0);
        }
        available.clear();
        available.resize(len, reserve.balance[0]);
        any.clear();
        any.resize(len, false);
        let mut sums = vec![0.0; self.sums()];
        let (per_year, horizon) = values.split_at_mut(self.count() - 2);
        let [contribution, risk_amount] = horizon else {
            unreachable!("two horizon columns")
        };
        // Slices of the block's length, taken once: indexing the vectors themselves, the compiler
        // loaded each one's address again at every iteration (a store to a column might, as far as
        // it could tell, have changed another's) and checked every index against its length. The
        // shipped register's settlement at 10⁶ iterations, one thread: 18,2 → 16,7 ms.
        let (contribution, risk_amount) = (&mut contribution[..len], &mut risk_amount[..len]);
        let (available, any) = (&mut available[..len], &mut any[..len]);
        let mut per_year = per_year.chunks_exact_mut(2);
        let mut horizon_sums = [-0.0; 2];
        for y in 0..years {
            let mut columns = per_year.next().map(|pair| {
                let [overflow, extra] = pair else {
                    unreachable!("two columns a year")
                };
                [&mut overflow[..len], &mut extra[..len]]
            });
            let rule = YearRule::of(reserve, y);
            let losses = &block[y * BLOCK..y * BLOCK + len];
            // Summed in locals, not in `sums`: the compiler cannot tell a slice of it from the
            // columns written alongside, and would store and load every sum at every iteration.
            let [
                mut start_sum,
                mut replenished_sum,
                mut overflowed_sum,
                mut overflow_sum,
                mut extra_sum,
            ] = [0.0; SUMS];
            // The horizon columns are whole after the last year, and summed there as they are
            // made: summed afterwards, each sum waited on its every addition (a pass of its own).
            let last = y + 1 == years;
            let [mut contribution_sum, mut risk_amount_sum] = horizon_sums;
            for j in 0..len {
                let (o, next) = rule.settle(available[j], losses[j]);
                available[j] = next;
                if let Some([overflow, extra]) = columns.as_mut() {
                    overflow[j] = o.overflow;
                    extra[j] = o.contribution();
                }
                start_sum += o.start_reserve;
                replenished_sum += o.replenishment;
                overflowed_sum += f64::from(u8::from(o.overflow > 0.0));
                overflow_sum += o.overflow;
                extra_sum += o.contribution();
                contribution[j] += o.contribution();
                risk_amount[j] += losses[j];
                any[j] |= o.overflow > 0.0;
                if last {
                    contribution_sum += contribution[j];
                    risk_amount_sum += risk_amount[j];
                }
            }
            horizon_sums = [contribution_sum, risk_amount_sum];
            sums[SUMS * y..SUMS * (y + 1)].copy_from_slice(&[
                start_sum,
                replenished_sum,
                overflowed_sum,
                overflow_sum,
                extra_sum,
            ]);
        }
        // Counted, not added up one by one: whole numbers, the same sums.
        sums[SUMS * years] = any.iter().filter(|&&a| a).count() as f64;
        sums[SUMS * years + 1] = block[..len].iter().filter(|&&total| total > reserve.cap).count() as f64;
        (values, sums, horizon_sums)
    }

    /// Each column of the first `count` iterations of `totals`, block by block.
    fn first(&self, totals: &Totals, count: usize) -> Vec<Vec<f64>> {
        let mut columns = vec![Vec::with_capacity(count); self.count()];
        let mut scratch = Scratch::default();
        for b in 0..count.div_ceil(BLOCK) {
            let (block, len) = totals.block(b);
            let (values, _, _) = self.block(block, len, &mut scratch);
            let take = len.min(count - b * BLOCK);
            for (column, v) in columns.iter_mut().zip(values) {
                column.extend_from_slice(&v[..take]);
            }
        }
        columns
    }

    /// Column `c` of every iteration: for a window that missed.
    fn whole(&self, totals: &Totals, c: usize) -> Vec<f64> {
        self.first(totals, totals.iterations).swap_remove(c)
    }
}

/// A worker's buffers for settling blocks, kept from one block to the next: allocated afresh for
/// every block, the columns (ten of 8.192 values and more, about 0,7 MB, on a register without
/// replenishment) were given back to the system and faulted in again each time (page faults were
/// 8% of a profile of a program settling such a register's blocks).
#[derive(Default)]
pub struct Scratch {
    values: Vec<Vec<f64>>,
    available: Vec<f64>,
    any: Vec<bool>,
}

/// A block's part: its horizon columns' sums, the other sums, and what each column's sieve kept.
pub struct BlockPart {
    /// The horizon's contribution and risk amount, summed.
    column_sums: [f64; 2],
    sums: Vec<f64>,
    sifted: Vec<Sifted>,
}

/// The settlement of a run: which figures are read, and the windows of their percentiles.
pub struct Settling<'a> {
    columns: Columns<'a>,
    n: usize,
    certainty: f64,
    sieves: Vec<Sieve>,
}

impl<'a> Settling<'a> {
    /// Places the windows of a run of `n` iterations from the settled figures of its first
    /// iterations (`pilot`: the totals of its first blocks, every year).
    pub fn new(pilot: &Totals, n: usize, register: &'a Register, certainty: f64) -> Settling<'a> {
        let columns = Columns {
            register,
            years: pilot.years,
            per_year: !register.reserve.replenish,
        };
        let sample = columns.first(pilot, super::pilot(n));
        let mut settling = Settling {
            columns,
            n,
            certainty,
            sieves: Vec::new(),
        };
        settling.sieves = (0..settling.columns.count())
            .into_par_iter()
            .map(|c| Sieve::new(&sample[c], n, &settling.ranks(c)))
            .collect();
        settling
    }

    /// The probabilities of column `c`'s percentiles: each at the zekerheid, a year's contribution
    /// also at its median.
    fn probabilities(&self, c: usize) -> Vec<f64> {
        if c < self.columns.count() - 2 && c % 2 == 1 {
            self.year_probabilities()
        } else {
            vec![self.certainty]
        }
    }

    /// The probabilities of a year's contribution's percentiles (its overflow's is the first).
    fn year_probabilities(&self) -> Vec<f64> {
        vec![self.certainty, 0.5]
    }

    /// The probabilities the years' distributions must be read at for [`finish`](Self::finish):
    /// the years' own when they have no columns, else none.
    pub fn read_from_years(&self) -> Vec<f64> {
        if self.columns.per_year {
            Vec::new()
        } else {
            self.year_probabilities()
        }
    }

    fn ranks(&self, c: usize) -> Vec<usize> {
        let mut ranks: Vec<usize> = self
            .probabilities(c)
            .into_iter()
            .flat_map(|p| {
                let (lo, hi, _) = type7(self.n, p);
                [lo, hi]
            })
            .collect();
        ranks.sort_unstable();
        ranks.dedup();
        ranks
    }

    /// Settles the `len` iterations of a block of totals ([`Totals::block`]), in a worker's
    /// `scratch`.
    pub fn block(&self, block: &[f64], len: usize, scratch: &mut Scratch) -> BlockPart {
        let (values, sums, column_sums) = self.columns.block(block, len, scratch);
        BlockPart {
            column_sums,
            sums,
            sifted: values
                .iter()
                .zip(&self.sieves)
                .map(|(c, sieve)| sieve.sift(c))
                .collect(),
        }
    }

    /// Fills in the reserve figures of each year from the blocks' parts, in block order (the same
    /// for any thread count); `whole` gives every year of every iteration, to make good a window
    /// that missed (asked for only then); `distributions` are the years' risk amounts, with the
    /// order statistics of [`read_from_years`](Self::read_from_years).
    pub fn finish<'t>(
        &self,
        parts: Vec<BlockPart>,
        whole: &(dyn Fn() -> &'t Totals + Sync),
        distributions: &[Option<Sorted>],
        results: &mut [YearResult],
    ) -> Settled {
        let (n, years) = (self.n, self.columns.years);
        let s_count = self.columns.sums();
        let add = |of: &dyn Fn(&BlockPart) -> &[f64], count: usize| -> Vec<f64> {
            let mut total = vec![0.0; count];
            for part in &parts {
                for (t, x) in total.iter_mut().zip(of(part)) {
                    *t += x;
                }
            }
            total
        };
        let column_sums = add(&|p| &p.column_sums, 2);
        let sums = add(&|p| &p.sums, s_count);
        let mut sifted: Vec<Vec<Sifted>> = self.sieves.iter().map(|_| Vec::with_capacity(parts.len())).collect();
        for part in parts {
            for (kept, s) in sifted.iter_mut().zip(part.sifted) {
                kept.push(s);
            }
        }
        // Each column's percentiles: in parallel, for the columns are many.
        let percentiles: Vec<Vec<f64>> = self
            .sieves
            .par_iter()
            .zip(sifted)
            .enumerate()
            .map(|(c, (sieve, sifted))| {
                let wanted = self.ranks(c);
                let found = sieve.finish(sieve.gather(sifted), |missed| {
                    order_statistics(&self.columns.whole(whole(), c), missed)
                });
                let at = |k: usize| found[wanted.binary_search(&k).expect("wanted")];
                self.probabilities(c)
                    .into_iter()
                    .map(|p| {
                        let (lo, hi, fraction) = type7(n, p);
                        at(lo) + fraction * (at(hi) - at(lo))
                    })
                    .collect()
            })
            .collect();
        let nf = n as f64;
        let register = self.columns.register;
        // A year's figures at `probabilities`: from its columns, or its risk amount's order
        // statistics settled (the reserve at the year's start is then its planned balance).
        let mut available = register.reserve.balance[0];
        let mut year_figures = |y: usize| -> [Vec<f64>; 2] {
            if self.columns.per_year {
                return [percentiles[2 * y].clone(), percentiles[2 * y + 1].clone()];
            }
            let sorted = distributions[y].as_ref().expect("every year read");
            let settled = |k: usize| settle_year(&register.reserve, y, available, sorted.order_statistic(k)).0;
            let at = |figure: fn(&YearOutcome) -> f64, p: f64| {
                let (lo, hi, fraction) = type7(n, p);
                let (below, next) = (figure(&settled(lo)), figure(&settled(hi)));
                below + fraction * (next - below)
            };
            let figures = [
                vec![at(|o| o.overflow, self.certainty)],
                self.year_probabilities()
                    .into_iter()
                    .map(|p| at(YearOutcome::contribution, p))
                    .collect(),
            ];
            available = settle_year(&register.reserve, y, available, 0.0).1;
            figures
        };
        for (y, result) in results.iter_mut().enumerate() {
            let [overflow, contribution] = year_figures(y);
            result.overflow_mean = sums[SUMS * y + 3] / nf;
            result.overflow_at_certainty = overflow[0];
            result.contribution_mean = sums[SUMS * y + 4] / nf;
            result.contribution_at_certainty = contribution[0];
            result.contribution_median = contribution[1];
            result.reserve_start_mean = sums[SUMS * y] / nf;
            result.replenishment_mean = sums[SUMS * y + 1] / nf;
            result.p_reserve_short = sums[SUMS * y + 2] / nf;
        }
        let horizon = self.columns.count() - 2;
        Settled {
            horizon: HorizonResult {
                first: register.horizon.first,
                last: register.horizon.last,
                risk_amount: MeanAt {
                    mean: column_sums[1] / nf,
                    at_certainty: percentiles[horizon + 1][0],
                },
                contribution: MeanAt {
                    mean: column_sums[0] / nf,
                    at_certainty: percentiles[horizon][0],
                },
                p_reserve_short_any_year: sums[SUMS * years] / nf,
            },
            first_exceeds_cap: sums[SUMS * years + 1] / nf,
        }
    }
}

/// The sums of a year: see [`Columns`].
const SUMS: usize = 5;

/// The work of settling one iteration and sifting its columns, in draws (as `sim::work` counts).
pub const SETTLE_UNITS: u64 = 2 * FILL_UNITS;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Basis;
    use crate::sim::settlement::settle;
    use crate::sim::{engine, plan::Plan};

    /// The column a missed window falls back to is the one the pass sifts: for every figure,
    /// iteration by iteration, what settling that iteration on its own gives. With and without
    /// replenishment, and with an opportunity, so that the iterations hold every case of the
    /// settlement: an overflow, a year the reserve pays alone, a replenishment, a surplus returned.
    /// Over two blocks, the second shorter, settled in one scratch: nothing of a block is left in
    /// the next one's columns.
    #[test]
    fn the_fallback_column_is_each_iteration_settled_on_its_own() {
        let risks = super::super::tests::risk("A", "probability: 0.5, impact: 200")
            + &super::super::tests::risk("B", "frequency: 1.2, impact: {uniform: {min: 10, max: 300}}")
            + &super::super::tests::risk(
                "K",
                "kind: kans, probability: 0.6, impact: {uniform: {min: 100, max: 700}}",
            );
        for replenish in [false, true] {
            let register = super::super::tests::register_with(&risks, replenish, "{first: 2026, last: 2028}");
            let plan = Plan::new(&register, Basis::Netto, 5, |_| true);
            let n = BLOCK + 3000;
            let totals = engine::run(&plan, n, 3, &|_| {});
            let columns = Columns {
                register: &register,
                years: 3,
                per_year: true,
            };
            let whole: Vec<Vec<f64>> = (0..columns.count()).map(|c| columns.whole(&totals, c)).collect();
            let (mut overflows, mut covered, mut replenished, mut returned) = (0, 0, 0, 0);
            for i in 0..n {
                let mut out = [YearOutcome::default(); 3];
                settle(|y| totals.get(i, y), &register.reserve, &mut out);
                for o in &out {
                    overflows += usize::from(o.overflow > 0.0);
                    covered += usize::from(o.used > 0.0 && o.overflow == 0.0);
                    replenished += usize::from(o.replenishment > 0.0);
                    returned += usize::from(o.returned > 0.0);
                }
                let mut want: Vec<f64> = out.iter().flat_map(|o| [o.overflow, o.contribution()]).collect();
                want.push(out.iter().map(YearOutcome::contribution).sum());
                want.push((0..3).map(|y| totals.get(i, y)).sum());
                let got: Vec<f64> = whole.iter().map(|column| column[i]).collect();
                assert_eq!(got, want, "iteration {i}, replenish {replenish}");
            }
            assert!(
                overflows > 0 && covered > 0 && returned > 0,
                "{overflows} {covered} {returned}"
            );
            assert_eq!(replenished > 0, replenish, "{replenished}");
        }
    }
}
