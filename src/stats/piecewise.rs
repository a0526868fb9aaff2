//! A column's distribution read piece by piece where its values are made, without keeping them.
//!
//! A simulation makes each year's totals block by block; reading each block's values while they are
//! in the cache (their moments, the values near the wanted order statistics, their tail, how many
//! are at most some amounts) spares writing, copying and reading again a column of a million values
//! per year. The figures are those of [`Sorted::partial`] of the whole column: the order statistics
//! exactly, to the bit ([`Sieve`]), the mean and standard deviation joined piece by piece (Chan et
//! al.: the whole column's to the bit when the pieces are the engine's blocks), the tail mean
//! summed in the pieces' order (the values beyond its window block by block, then those in it:
//! within rounding). A window that
//! misses its rank (an unlucky sample) is made good from the whole column, which the caller must
//! then produce: slower, the same order statistics.

use super::distribution::{Read, Sorted, ranks_read};
use super::moments::Moments;
use super::select::{Sieve, Sifted, key, type7, unkey};

/// How a column is read: what is wanted of it, and the windows where its order statistics lie.
#[derive(Clone, Debug)]
pub struct Piecewise {
    n: usize,
    probabilities: Vec<f64>,
    ranks: Vec<usize>,
    sieve: Sieve,
    /// The probability whose tail mean is wanted, and the window its percentile lies in (keys).
    tail: Option<(f64, i64, i64)>,
    /// The amounts to count the values at most of.
    amounts: Vec<f64>,
}

/// What was read of one piece of the column.
#[derive(Clone, Debug)]
pub struct Piece {
    moments: Moments,
    sifted: Sifted,
    /// The sum and count of the values beyond the tail's window.
    beyond: (f64, usize),
    /// The values inside the tail's window (by `>=`, so with −0 when it starts at 0: the tail is
    /// the values `>=` its threshold, as [`Sorted::mean_from`] takes it), in the column's order.
    near: Vec<f64>,
    at_most: Vec<usize>,
}

impl Piecewise {
    /// A reading of a column of `n` values for the percentiles at `probabilities` (with their
    /// confidence intervals and the extremes, as [`Sorted::partial`]), the tail mean from the
    /// percentile at `tail_at` (one of `probabilities`), and how many values are at most each of
    /// `amounts`; its windows placed by `sample`, values drawn like the column's.
    pub fn new(sample: &[f64], n: usize, probabilities: &[f64], tail_at: Option<f64>, amounts: &[f64]) -> Piecewise {
        assert!(n > 0, "a column of values");
        let ranks = ranks_read(n, probabilities);
        let sieve = Sieve::new(sample, n, &ranks);
        let tail = tail_at.map(|p| {
            assert!(probabilities.contains(&p), "the tail's percentile is read");
            let (low, high) = sieve.bounds_of(type7(n, p).0).expect("a wanted rank");
            (p, low, high)
        });
        Piecewise {
            n,
            probabilities: probabilities.to_vec(),
            ranks,
            sieve,
            tail,
            amounts: amounts.to_vec(),
        }
    }

    /// Reads one piece of the column.
    pub fn piece(&self, values: &[f64]) -> Piece {
        let (mut beyond, mut near) = ((0.0, 0), Vec::new());
        if let Some((_, low, high)) = self.tail {
            let from = if low == i64::MIN { f64::NEG_INFINITY } else { unkey(low) };
            // The values beyond the window and those in it noted without a branch (whether a value
            // is in the tail is random, one in ten at a P90: a branch on it goes either way at
            // random, and in `perf` the sum it guarded was stored to memory at every value), then
            // added and kept in the column's order, as before: the same sum to the bit.
            let (mut far, mut inside) = (vec![0u32; values.len()], vec![0u32; values.len()]);
            let (mut f, mut m) = (0, 0);
            for (i, &x) in values.iter().enumerate() {
                let is_beyond = key(x) > high;
                far[f] = i as u32;
                f += usize::from(is_beyond);
                inside[m] = i as u32;
                m += usize::from(!is_beyond & (x >= from));
            }
            beyond = (far[..f].iter().fold(0.0, |sum, &i| sum + values[i as usize]), f);
            near = inside[..m].iter().map(|&i| values[i as usize]).collect();
        }
        Piece {
            moments: Moments::of(values),
            sifted: self.sieve.sift(values),
            beyond,
            near,
            at_most: self
                .amounts
                .iter()
                .map(|&a| values.iter().filter(|&&x| x <= a).count())
                .collect(),
        }
    }

    /// The column's figures from its pieces, in the column's order (the same order, the same bits);
    /// `whole` gives the whole column, asked for only when a window missed.
    pub fn finish(&self, pieces: Vec<Piece>, whole: impl FnOnce() -> Vec<f64>) -> Sorted {
        let mut moments = Moments::default();
        let mut sifted = Vec::with_capacity(pieces.len());
        let mut beyond = (0.0, 0);
        // Room for all of the tail window's values at once (see [`Sieve::gather`]).
        let mut near = Vec::with_capacity(pieces.iter().map(|p| p.near.len()).sum());
        let mut at_most = vec![0; self.amounts.len()];
        for piece in pieces {
            moments = moments.join(piece.moments);
            sifted.push(piece.sifted);
            beyond.0 += piece.beyond.0;
            beyond.1 += piece.beyond.1;
            near.extend(piece.near);
            for (a, b) in at_most.iter_mut().zip(piece.at_most) {
                *a += b;
            }
        }
        let mut missed = false;
        let found = self.sieve.finish(self.sieve.gather(sifted), |ranks| {
            missed = true;
            vec![f64::NAN; ranks.len()]
        });
        if missed {
            return Sorted::partial(whole(), &self.probabilities);
        }
        let selected: Vec<(usize, f64)> = self.ranks.iter().copied().zip(found).collect();
        let at = |k: usize| selected[self.ranks.binary_search(&k).expect("a wanted rank")].1;
        // The tail: every value beyond the window is in it; of those inside, the ones at or above
        // the percentile (which lies in the window, for its order statistics were found there).
        let tail = self.tail.map(|(p, _, _)| {
            let (lo, hi, fraction) = type7(self.n, p);
            let threshold = at(lo) + fraction * (at(hi) - at(lo));
            let (mut sum, mut count) = beyond;
            for x in near.into_iter().filter(|&x| x >= threshold) {
                sum += x;
                count += 1;
            }
            (threshold, if count == 0 { threshold } else { sum / count as f64 })
        });
        let read = Read {
            len: self.n,
            tail,
            at_most: self.amounts.iter().copied().zip(at_most).collect(),
        };
        Sorted::read(moments.mean, moments.sd(), selected, read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::stats::select::tests::sample as column;

    const PROBABILITIES: [f64; 8] = [0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];

    /// Read piece by piece in pieces of any size, a column gives the whole column's figures: the
    /// order statistics to the bit, the moments and the tail within rounding (the moments to the bit
    /// in the engine's pieces), the counts exactly.
    #[test]
    fn pieces_give_the_whole_columns_figures() {
        // (n − 1)·0,9 is whole: the threshold is one of the values.
        let n = 300_001;
        let values = column(n, 1);
        let whole = Sorted::new(values.clone());
        let amounts = [0.0, 12_345.0, whole.quantile(0.9), 1e12];
        let reading = Piecewise::new(&values[..32_768], n, &PROBABILITIES, Some(0.9), &amounts);
        for size in [8192, 1000, 65_536] {
            let pieces: Vec<Piece> = values.chunks(size).map(|piece| reading.piece(piece)).collect();
            let read = reading.finish(pieces, || panic!("no window misses"));
            assert_eq!(read.len(), n);
            assert_eq!([read.min(), read.max()], [whole.min(), whole.max()]);
            for p in PROBABILITIES {
                assert_eq!(read.percentile(p), whole.percentile(p), "p {p}, pieces of {size}");
            }
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
            assert!(close(read.mean, whole.mean) && close(read.sd, whole.sd));
            if size == crate::stats::moments::PIECE {
                // In the engine's pieces, the whole column's moments to the bit: one figure has
                // one value however it was read.
                assert_eq!(
                    [read.mean, read.sd].map(f64::to_bits),
                    [whole.mean, whole.sd].map(f64::to_bits)
                );
            }
            let threshold = whole.quantile(0.9);
            assert!(close(read.mean_from(threshold), whole.mean_from(threshold)));
            for a in amounts {
                assert_eq!(read.count_at_most(a), whole.count_at_most(a), "at most {a}");
            }
        }
    }

    /// A column that is 0 at its 90th percentile, −0 and +0 alike: its tail is every value `>=` 0,
    /// both zeros among them, as the whole column's.
    #[test]
    fn a_tail_from_zero_holds_both_zeros() {
        let values: Vec<f64> = (0..100_000)
            .map(|i| match i % 20 {
                0 => 1000.0 + i as f64,
                j if j % 2 == 0 => -0.0,
                _ => 0.0,
            })
            .collect();
        let whole = Sorted::new(values.clone());
        assert_eq!(whole.quantile(0.9), 0.0);
        let reading = Piecewise::new(&values[..32_768], values.len(), &[0.9], Some(0.9), &[]);
        let pieces: Vec<Piece> = values.chunks(8192).map(|piece| reading.piece(piece)).collect();
        let read = reading.finish(pieces, || panic!("no window misses"));
        assert_eq!(read.mean_from(0.0), whole.mean_from(0.0));
    }

    /// Windows placed by a sample unlike the column miss every rank: the figures then come from the
    /// whole column, the same as ever.
    #[test]
    fn windows_that_miss_are_made_good_from_the_whole_column() {
        let n = 100_000;
        let values = column(n, 2);
        let unlike: Vec<f64> = values[..10_000].iter().map(|x| x + 1e9).collect();
        let reading = Piecewise::new(&unlike, n, &PROBABILITIES, Some(0.9), &[0.0]);
        let pieces: Vec<Piece> = values.chunks(8192).map(|piece| reading.piece(piece)).collect();
        let mut asked = false;
        let read = reading.finish(pieces, || {
            asked = true;
            values.clone()
        });
        assert!(asked, "the whole column was asked for");
        let whole = Sorted::new(values.clone());
        for p in PROBABILITIES {
            assert_eq!(read.percentile(p), whole.percentile(p));
        }
        let threshold = whole.quantile(0.9);
        assert_eq!(read.mean_from(threshold), whole.mean_from(threshold));
        assert_eq!(read.count_at_most(0.0), whole.count_at_most(0.0));
    }
}
