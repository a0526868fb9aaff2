//! Poisson counts by inversion of the cumulative distribution: exact, one 53-bit uniform per count,
//! and monotone in the rate (a higher frequency never gives fewer occurrences for the same draw).
//!
//! The search uses cut points (Chen & Asau 1974): the uniform's top [`SLICE_BITS`] bits pick one of
//! equal slices of (0, 1), and each slice holds the smallest count any uniform in it can have. The
//! slices are so thin that almost every one spans at most two counts, decided by one integer
//! comparison without a branch; only the few slices in the far tail that span more take a loop. The
//! answer is the same as a full search of the CDF.

/// log2 of the number of slices.
const SLICE_BITS: u32 = 10;
const SLICES: usize = 1 << SLICE_BITS;
/// Marks a slice that spans more than two counts.
const WIDE_SLICE: u32 = 1 << 31;

/// One slice of (0, 1): its smallest count, and the uniform (in units of 2^-53) from which the
/// count is one more.
#[derive(Clone, Copy, Debug)]
struct Slice {
    count: u32,
    cut: u64,
}

/// The CDF of Poisson(λ), tabulated until it reaches 1 to double precision.
#[derive(Clone, Debug)]
pub struct PoissonTable {
    /// The mean count per year (λ).
    pub rate: f64,
    cdf: Vec<f64>,
    /// `cuts[k]`: the smallest 53-bit integer `m` with `P(N ≤ k) ≤ m / 2^53`, so that the count of
    /// `m` is the number of cuts at or below it (the last is `u64::MAX`: no uniform passes it).
    cuts: Vec<u64>,
    slices: Box<[Slice; SLICES]>,
}

impl PoissonTable {
    pub fn new(rate: f64) -> PoissonTable {
        let mut cdf = Vec::new();
        let mut total = 0.0;
        let limit = rate + 40.0 * rate.sqrt() + 40.0;
        let mut k = 0.0_f64;
        while k <= limit {
            // Log space keeps large rates from underflowing exp(-λ).
            let log_p = -rate + k * libm::log(rate.max(f64::MIN_POSITIVE)) - libm::lgamma(k + 1.0);
            total += if rate == 0.0 {
                f64::from(u8::from(k == 0.0))
            } else {
                libm::exp(log_p)
            };
            cdf.push(total.min(1.0));
            if total >= 1.0 - 1e-17 && k >= rate {
                break;
            }
            k += 1.0;
        }
        // The last count takes every remaining uniform: an infinite bound there ends every search
        // without a length check (and gives what the search capped at the last count gave).
        if let Some(last) = cdf.last_mut() {
            *last = f64::INFINITY;
        }
        // Scaling by 2^53 is exact, so `c ≤ m / 2^53` holds exactly when `ceil(c · 2^53) ≤ m`.
        let cuts: Vec<u64> = cdf
            .iter()
            .map(|&c| if c >= 1.0 { u64::MAX } else { (c * UNIT).ceil() as u64 })
            .collect();
        let full = |m: u64| cuts.partition_point(|&c| c <= m) as u32;
        let slices = Box::new(std::array::from_fn(|j| {
            let first = (j as u64) << (53 - SLICE_BITS);
            let last = first + (1 << (53 - SLICE_BITS)) - 1;
            let count = full(first);
            let wide = full(last) > count + 1;
            Slice {
                count: count | if wide { WIDE_SLICE } else { 0 },
                cut: cuts[count as usize],
            }
        }));
        PoissonTable {
            rate,
            cdf,
            cuts,
            slices,
        }
    }

    /// The largest count the table gives (its cumulative table's last entry takes every remaining
    /// uniform).
    pub fn max_count(&self) -> usize {
        self.cdf.len() - 1
    }

    /// The count at uniform `u` in [0, 1): the smallest k with P(N ≤ k) > u (a full search, for
    /// reference and for single values outside the engine).
    pub fn count(&self, u: f64) -> usize {
        self.cdf.partition_point(|&c| c <= u)
    }

    /// The count of a 64-bit draw, at the uniform `uniform53(draw)` (as [`count`](Self::count)).
    #[inline(always)]
    pub fn count_draw(&self, draw: u64) -> usize {
        count53(&self.cuts, &self.slices, draw >> 11)
    }

    /// The table's search, borrowed for a loop: its lookups then read the tables without going
    /// through the owner each time.
    #[inline(always)]
    pub fn counter(&self) -> Counter<'_> {
        Counter {
            cuts: &self.cuts,
            slices: &self.slices,
        }
    }
}

/// See [`PoissonTable::counter`].
#[derive(Clone, Copy)]
pub struct Counter<'a> {
    cuts: &'a [u64],
    slices: &'a [Slice; SLICES],
}

impl Counter<'_> {
    /// The count of a 64-bit draw, as [`PoissonTable::count_draw`].
    #[inline(always)]
    pub fn count_draw(self, draw: u64) -> usize {
        count53(self.cuts, self.slices, draw >> 11)
    }
}

/// 2^53, the number of 53-bit uniforms.
const UNIT: f64 = 9_007_199_254_740_992.0;

/// The count of the 53-bit uniform `m` (in units of 2^-53).
#[inline(always)]
fn count53(cuts: &[u64], slices: &[Slice; SLICES], m: u64) -> usize {
    let slice = slices[(m >> (53 - SLICE_BITS)) as usize];
    if slice.count & WIDE_SLICE == 0 {
        slice.count as usize + usize::from(m >= slice.cut)
    } else {
        let mut k = (slice.count & !WIDE_SLICE) as usize;
        while cuts[k] <= m {
            k += 1;
        }
        k
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::stream::{Stream, uniform53};
    use statrs::distribution::{DiscreteCDF, Poisson};

    #[test]
    fn counts_have_the_poisson_distribution() {
        for rate in [0.05, 0.7, 2.5, 30.0, 400.0] {
            let table = PoissonTable::new(rate);
            let stream = Stream::new(11, "poisson", 2026, 0);
            let n = 1_000_000u64;
            let mut counts = vec![0u64; table.cdf.len()];
            let mut sum = 0.0;
            for i in 0..n {
                let k = table.count_draw(stream.draw(i));
                counts[k] += 1;
                sum += k as f64;
            }
            let mean = sum / n as f64;
            let se = (rate / n as f64).sqrt();
            assert!((mean - rate).abs() < 4.0 * se, "rate {rate}: mean {mean}");
            // Kolmogorov–Smirnov on the discrete CDF (conservative for a discrete law).
            let exact = Poisson::new(rate).unwrap();
            let mut cumulative = 0u64;
            let mut d = 0.0f64;
            for (k, c) in counts.iter().enumerate() {
                cumulative += c;
                d = d.max((cumulative as f64 / n as f64 - exact.cdf(k as u64)).abs());
            }
            assert!(d < 1.949 / (n as f64).sqrt(), "rate {rate}: D = {d}");
        }
    }

    /// The sliced search of a draw gives what a full search of the CDF gives at its uniform: for
    /// random draws, at both sides of every slice boundary, and at both sides of every cut point.
    #[test]
    fn the_sliced_search_finds_what_a_full_search_finds() {
        for rate in [0.0, 0.05, 1.0, 3.0, 30.0, 400.0, 1000.0] {
            let table = PoissonTable::new(rate);
            let check = |m: u64| {
                let draw = (m << 11) | 0x7ff;
                assert_eq!(
                    table.count_draw(draw),
                    table.count(uniform53(draw)),
                    "rate {rate}, m {m}"
                );
            };
            let stream = Stream::new(5, "guide", 2026, 0);
            for i in 0..200_000 {
                check(stream.draw(i) >> 11);
            }
            for j in 1..SLICES as u64 {
                let boundary = j << (53 - SLICE_BITS);
                check(boundary - 1);
                check(boundary);
            }
            for &cut in &table.cuts[..table.cuts.len() - 1] {
                check(cut.saturating_sub(1));
                check(cut);
            }
            check(0);
            check((1 << 53) - 1);
        }
    }

    /// Tables for rates with wide slices in reach of common draws still count right.
    #[test]
    fn some_slices_are_wide_and_they_are_searched() {
        let table = PoissonTable::new(0.05);
        assert!(table.slices.iter().any(|s| s.count & WIDE_SLICE != 0));
        assert!(table.slices.iter().filter(|s| s.count & WIDE_SLICE != 0).count() < 4);
    }

    #[test]
    fn a_higher_rate_never_gives_fewer_counts() {
        let (low, high) = (PoissonTable::new(1.0), PoissonTable::new(1.5));
        for k in 0..10_000 {
            let u = f64::from(k) / 10_000.0;
            assert!(high.count(u) >= low.count(u));
        }
        assert_eq!(PoissonTable::new(0.0).count(0.999_999), 0);
    }
}
