//! A sorted sample and what is read from it.
//!
//! Percentiles use the linear interpolation between order statistics that R (type 7), numpy and
//! Excel's PERCENTILE.INC use: for probability p of n sorted values, h = (n − 1)·p and the value is
//! x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋+1 − x⌊h⌋). The 95% confidence interval of a percentile is distribution-free:
//! the order statistics at ranks n·p ∓ 1,96·√(n·p·(1 − p)) (the normal approximation of the binomial
//! count of values below the true percentile).

use rayon::slice::ParallelSliceMut;
use serde::Serialize;

/// A percentile with its confidence interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Percentile {
    /// The probability, e.g. 0.9.
    pub p: f64,
    pub value: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

impl Percentile {
    /// As a benodigde weerstandscapaciteit: a risk amount below zero (opportunities that outweigh
    /// the threats) needs no capacity, not a negative one.
    pub fn at_least_zero(self) -> Percentile {
        Percentile {
            value: self.value.max(0.0),
            ci_low: self.ci_low.max(0.0),
            ci_high: self.ci_high.max(0.0),
            ..self
        }
    }
}

/// Values sorted ascending, with their mean and standard deviation.
#[derive(Clone, Debug)]
pub struct Sorted {
    values: Vec<f64>,
    pub mean: f64,
    pub sd: f64,
    /// `None`: every value in its sorted place; else the values are in their original order (or
    /// not kept) and these are the order statistics asked for, by rank ([`Sorted::partial`]).
    selected: Option<Vec<(usize, f64)>>,
    /// Set when the values were read piece by piece and not kept ([`super::piecewise`]).
    read: Option<Read>,
}

/// What is known of values read piece by piece besides their order statistics: how many there were,
/// and the only tail and counts that can be asked of them.
#[derive(Clone, Debug)]
pub(super) struct Read {
    pub len: usize,
    /// A threshold and the mean of the values at or above it.
    pub tail: Option<(f64, f64)>,
    /// Amounts and how many values are at most each.
    pub at_most: Vec<(f64, usize)>,
}

impl Sorted {
    /// Sorts `values` (taking them over) and computes the moments. The mean is summed in the
    /// original order, so it does not depend on anything but the values themselves.
    pub fn new(mut values: Vec<f64>) -> Sorted {
        let (mean, sd) = moments(&values);
        // Values equal under `total_cmp` have the same bits, so an unstable (parallel) sort gives
        // the same result on every run.
        values.par_sort_unstable_by(f64::total_cmp);
        Sorted {
            values,
            mean,
            sd,
            selected: None,
            read: None,
        }
    }

    /// As [`new`](Self::new) for a distribution that only needs the percentiles at
    /// `probabilities` (with their confidence intervals), the extremes and the tail mean: only those
    /// order statistics are found ([`super::select`]: one read of the values, a fraction of a full
    /// sort's time). Every figure it gives is the one a full sort gives, to the bit.
    /// [`values`](Self::values) is then in its original order.
    pub fn partial(values: Vec<f64>, probabilities: &[f64]) -> Sorted {
        let (mean, sd) = moments(&values);
        let ranks = ranks_read(values.len(), probabilities);
        let found = super::select::order_statistics(&values, &ranks);
        Sorted {
            values,
            mean,
            sd,
            selected: Some(ranks.into_iter().zip(found).collect()),
            read: None,
        }
    }

    /// The figures of values read piece by piece ([`super::piecewise`]): their order statistics by
    /// rank, and what else was counted while reading.
    pub(super) fn read(mean: f64, sd: f64, selected: Vec<(usize, f64)>, read: Read) -> Sorted {
        Sorted {
            values: Vec::new(),
            mean,
            sd,
            selected: Some(selected),
            read: Some(read),
        }
    }

    /// The value of rank `rank` (0-based) in ascending order: one the partial sort or the reading
    /// was asked for, or any of values sorted whole.
    pub fn order_statistic(&self, rank: usize) -> f64 {
        match &self.selected {
            None => self.values[rank],
            Some(selected) => {
                let at = selected.binary_search_by_key(&rank, |&(r, _)| r);
                selected[at.expect("an order statistic the partial sort was asked for")].1
            }
        }
    }

    /// How many values are at most `amount`.
    pub fn count_at_most(&self, amount: f64) -> usize {
        if let Some(read) = &self.read {
            let counted = read.at_most.iter().find(|(a, _)| a.to_bits() == amount.to_bits());
            return counted.expect("an amount the values were counted against").1;
        }
        if self.selected.is_none() {
            self.values.partition_point(|v| *v <= amount)
        } else {
            self.values.iter().filter(|v| **v <= amount).count()
        }
    }

    pub fn len(&self) -> usize {
        match &self.read {
            Some(read) => read.len,
            None => self.values.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values, sorted unless [`partial`](Self::partial); none when they were read piece by piece.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Gives the buffer back for reuse.
    pub fn into_values(self) -> Vec<f64> {
        self.values
    }

    pub fn min(&self) -> f64 {
        if self.is_empty() { 0.0 } else { self.order_statistic(0) }
    }

    pub fn max(&self) -> f64 {
        if self.is_empty() {
            0.0
        } else {
            self.order_statistic(self.len() - 1)
        }
    }

    /// The percentile at probability `p` (type 7).
    pub fn quantile(&self, p: f64) -> f64 {
        let n = self.len();
        if n == 0 {
            return 0.0;
        }
        let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(n - 1);
        let (below, next) = (self.order_statistic(lo), self.order_statistic(hi));
        below + (h - lo as f64) * (next - below)
    }

    /// The percentile with its distribution-free 95% confidence interval.
    pub fn percentile(&self, p: f64) -> Percentile {
        let n = self.len();
        let value = self.quantile(p);
        if n == 0 {
            return Percentile {
                p,
                value,
                ci_low: value,
                ci_high: value,
            };
        }
        let nf = n as f64;
        let half = 1.96 * (nf * p * (1.0 - p)).sqrt();
        let rank = |r: f64| (r.clamp(1.0, nf) as usize) - 1;
        Percentile {
            p,
            value,
            ci_low: self.order_statistic(rank((nf * p - half).floor())),
            ci_high: self.order_statistic(rank((nf * p + half).ceil())),
        }
    }

    /// The share of values strictly above `threshold`.
    pub fn share_above(&self, threshold: f64) -> f64 {
        let n = self.len();
        if n == 0 {
            return 0.0;
        }
        (n - self.count_at_most(threshold)) as f64 / n as f64
    }

    /// The mean of the values at or above `threshold` (the tail mean), or the threshold if none are.
    /// Summed in ascending order, however the values are held: the same bits either way.
    pub fn mean_from(&self, threshold: f64) -> f64 {
        if let Some(read) = &self.read {
            let tail = read.tail.filter(|(t, _)| t.to_bits() == threshold.to_bits());
            return tail.expect("the tail the values were read for").1;
        }
        let owned;
        let tail: &[f64] = if self.selected.is_none() {
            let start = self.values.partition_point(|&x| x < threshold);
            &self.values[start..]
        } else {
            let mut t: Vec<f64> = self.values.iter().copied().filter(|&x| x >= threshold).collect();
            t.sort_unstable_by(f64::total_cmp);
            owned = t;
            &owned
        };
        if tail.is_empty() {
            threshold
        } else {
            tail.iter().sum::<f64>() / tail.len() as f64
        }
    }
}

/// The mean and standard deviation, summed in the values' own order, so that they depend on the
/// values alone (not on how they are sorted), in the engine's pieces joined in order: the bits of a
/// column read piece by piece where it is made ([`super::piecewise`]).
fn moments(values: &[f64]) -> (f64, f64) {
    let m = super::moments::Moments::of_column(values);
    (m.mean, m.sd())
}

/// The order statistics (0-based ranks) a distribution of `len` values reads: the extremes and what
/// the percentiles at `probabilities` read, ascending, without repeats.
pub(super) fn ranks_read(len: usize, probabilities: &[f64]) -> Vec<usize> {
    let mut ranks: Vec<usize> = Vec::new();
    if len > 0 {
        ranks.extend([0, len - 1]);
        for &p in probabilities {
            ranks.extend(order_statistics(len, p));
        }
    }
    ranks.sort_unstable();
    ranks.dedup();
    ranks
}

/// The order statistics (0-based ranks) the percentile at `p` reads: the two it interpolates
/// between and the two bounds of its confidence interval, as [`Sorted::quantile`] and
/// [`Sorted::percentile`] compute them.
fn order_statistics(n: usize, p: f64) -> [usize; 4] {
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    let nf = n as f64;
    let half = 1.96 * (nf * p * (1.0 - p)).sqrt();
    let rank = |r: f64| (r.clamp(1.0, nf) as usize) - 1;
    [lo, hi, rank((nf * p - half).floor()), rank((nf * p + half).ceil())]
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Selecting the order statistics gives every figure a full sort gives, to the bit: with
        /// ties (values on a coarse grid), at any size, for any percentiles.
        #[test]
        fn a_partial_sort_gives_the_full_sorts_figures(
            raw in proptest::collection::vec(0u32..40, 1..3000),
            ps in proptest::collection::vec(0.01f64..0.999, 1..6),
            scale in 1.0f64..1000.0,
        ) {
            let values: Vec<f64> = raw.iter().map(|&v| f64::from(v) * scale).collect();
            let full = Sorted::new(values.clone());
            let part = Sorted::partial(values, &ps);
            proptest::prop_assert_eq!(full.mean.to_bits(), part.mean.to_bits());
            proptest::prop_assert_eq!(full.sd.to_bits(), part.sd.to_bits());
            proptest::prop_assert_eq!(full.min().to_bits(), part.min().to_bits());
            proptest::prop_assert_eq!(full.max().to_bits(), part.max().to_bits());
            for &p in &ps {
                let (a, b) = (full.percentile(p), part.percentile(p));
                proptest::prop_assert_eq!(
                    [a.value, a.ci_low, a.ci_high].map(f64::to_bits),
                    [b.value, b.ci_low, b.ci_high].map(f64::to_bits)
                );
                proptest::prop_assert_eq!(full.mean_from(a.value).to_bits(), part.mean_from(a.value).to_bits());
                proptest::prop_assert_eq!(full.share_above(a.value).to_bits(), part.share_above(a.value).to_bits());
            }
        }
    }

    #[test]
    fn type_7_matches_numpy() {
        // numpy.percentile([1, 2, 3, 4, 10], [0, 25, 50, 90, 100]) = [1, 2, 3, 7.6, 10]
        let s = Sorted::new(vec![10.0, 3.0, 1.0, 4.0, 2.0]);
        let got: Vec<f64> = [0.0, 0.25, 0.5, 0.9, 1.0].iter().map(|&p| s.quantile(p)).collect();
        assert_eq!(got[..3], [1.0, 2.0, 3.0]);
        assert!((got[3] - 7.6).abs() < 1e-12);
        assert_eq!(got[4], 10.0);
        assert_eq!(s.mean, 4.0);
        assert!((s.sd - 12.5f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn the_confidence_interval_covers_the_true_percentile() {
        // Uniform values 0..n: the true 90th percentile is 0,9. The interval must contain it and be
        // about ±1,96·√(0,09/n) wide.
        let n = 100_000;
        let s = Sorted::new((0..n).map(|i| (i as f64 + 0.5) / n as f64).collect());
        let p = s.percentile(0.9);
        assert!(p.ci_low <= 0.9 && 0.9 <= p.ci_high);
        let half = 1.96 * (0.09 / n as f64).sqrt();
        assert!((p.ci_high - p.ci_low - 2.0 * half).abs() < 3.0 / n as f64);
    }

    #[test]
    fn tails() {
        let s = Sorted::new((1..=10).map(f64::from).collect());
        assert_eq!(s.share_above(8.0), 0.2);
        assert_eq!(s.mean_from(9.0), 9.5);
        assert_eq!(s.mean_from(11.0), 11.0);
    }
}
