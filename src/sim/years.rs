//! Each horizon year's risk amount: its distribution read block by block from the totals, in the
//! same pass as the settlement, instead of copying each year into a column of its own and selecting
//! from it ([`Piecewise`]: the same order statistics to the bit, windows placed by the first
//! iterations). A year whose every value the charts draw is sorted whole instead.

use super::engine::{BLOCK, Totals};
use super::settled;
use crate::stats::Sorted;
use crate::stats::piecewise::{Piece, Piecewise};
use rayon::prelude::*;

/// The work of reading one iteration of one year, in draws (as `sim::work` counts): measured, about
/// a quarter of settling it (the shipped register at 10⁶ iterations: the four years 55–61 ms, the
/// settlement 60–68 ms).
pub const READ_UNITS: u64 = settled::SETTLE_UNITS / 4;

/// How each year is read: `None` for a year kept whole.
pub struct Years {
    readings: Vec<Option<Piecewise>>,
}

impl Years {
    /// Readings of every year of a run of `n` iterations but those `kept` (sorted whole by the
    /// caller), their windows placed by its first iterations (`pilot`: the totals of its first
    /// blocks, every year), for the percentiles at `percentiles` (the zekerheid among them, whose
    /// tail mean is read), and per year the amounts (`amounts[y]`) to count the values at most of.
    pub fn new(
        pilot: &Totals,
        n: usize,
        percentiles: &[f64],
        certainty: f64,
        amounts: &[Vec<f64>],
        kept: &[bool],
    ) -> Years {
        let count = super::pilot(n);
        let readings = (0..pilot.years)
            .into_par_iter()
            .map(|y| {
                (!kept[y]).then(|| {
                    let sample: Vec<f64> = (0..count).map(|i| pilot.get(i, y)).collect();
                    Piecewise::new(&sample, n, percentiles, Some(certainty), &amounts[y])
                })
            })
            .collect();
        Years { readings }
    }

    /// How many years are read (not kept whole).
    pub fn read(&self) -> usize {
        self.readings.iter().flatten().count()
    }

    /// Reads the `len` iterations of a block of totals ([`Totals::block`]).
    pub fn block(&self, block: &[f64], len: usize) -> Vec<Option<Piece>> {
        self.readings
            .iter()
            .enumerate()
            .map(|(y, r)| r.as_ref().map(|r| r.piece(&block[y * BLOCK..y * BLOCK + len])))
            .collect()
    }

    /// Each read year's distribution from the blocks' parts, in block order (the same for any
    /// thread count); `whole` gives every year of every iteration, to make good a window that
    /// missed (asked for only then).
    pub fn finish<'t>(
        &self,
        parts: Vec<Vec<Option<Piece>>>,
        whole: &(dyn Fn() -> &'t Totals + Sync),
    ) -> Vec<Option<Sorted>> {
        let mut by_year: Vec<Vec<Piece>> = self.readings.iter().map(|_| Vec::with_capacity(parts.len())).collect();
        for part in parts {
            for (year, piece) in by_year.iter_mut().zip(part) {
                year.extend(piece);
            }
        }
        // In parallel: each year's windows are selected and its tail summed on their own.
        self.readings
            .par_iter()
            .zip(by_year)
            .enumerate()
            .map(|(y, (r, pieces))| {
                r.as_ref().map(|r| {
                    r.finish(pieces, || {
                        let totals = whole();
                        let mut values = Vec::with_capacity(totals.iterations);
                        totals.year_into(y, &mut values);
                        values
                    })
                })
            })
            .collect()
    }
}
