//! Poisson counts by inversion of the cumulative distribution: exact, one 53-bit uniform per count,
//! and monotone in the rate (a higher frequency never gives fewer occurrences for the same draw).
//!
//! The search uses cut points (Chen & Asau 1974): for each of [`GUIDES`] equal slices of (0, 1), the
//! smallest count any uniform in that slice can have. The slices are so thin that the answer is almost
//! always that count or the next, decided without a branch; only the rare slice that spans several
//! counts takes the loop. The answer is the same as a full search.

use super::stream::uniform53;

/// Number of cut points, a power of two.
const GUIDE_BITS: u32 = 12;
const GUIDES: usize = 1 << GUIDE_BITS;

/// The CDF of Poisson(λ), tabulated until it reaches 1 to double precision.
#[derive(Clone, Debug)]
pub struct PoissonTable {
    cdf: Vec<f64>,
    /// `guide[j]`: the count at uniform `j / GUIDES`, where a search for any `u ≥ j / GUIDES` may start.
    guide: Box<[u32; GUIDES]>,
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
        let full = |u: f64| cdf.partition_point(|&c| c <= u) as u32;
        let guide = Box::new(std::array::from_fn(|j| full(j as f64 / GUIDES as f64)));
        PoissonTable { cdf, guide }
    }

    /// The count at uniform `u` in [0, 1): the smallest k with P(N ≤ k) > u.
    #[inline]
    pub fn count(&self, u: f64) -> usize {
        self.search(((u * GUIDES as f64) as usize).min(GUIDES - 1), u)
    }

    /// The count of a 64-bit draw, at the uniform `uniform53(draw)`: its slice is the draw's top
    /// 12 bits, so no conversion from floating point is needed.
    #[inline(always)]
    pub fn count_draw(&self, draw: u64) -> usize {
        self.search((draw >> (64 - GUIDE_BITS)) as usize, uniform53(draw))
    }

    #[inline(always)]
    fn search(&self, slice: usize, u: f64) -> usize {
        let mut k = self.guide[slice] as usize;
        k += usize::from(self.cdf[k] <= u);
        while self.cdf[k] <= u {
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
                let k = table.count(uniform53(stream.draw(i)));
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

    #[test]
    fn the_guided_search_finds_what_a_full_search_finds() {
        for rate in [0.0, 0.05, 1.0, 3.0, 30.0, 400.0] {
            let table = PoissonTable::new(rate);
            let full = |u: f64| table.cdf.partition_point(|&c| c <= u).min(table.cdf.len() - 1);
            let stream = Stream::new(5, "guide", 2026, 0);
            for i in 0..200_000 {
                let u = uniform53(stream.draw(i));
                assert_eq!(table.count(u), full(u), "rate {rate}, u {u}");
            }
            for j in 0..=GUIDES {
                let u = (j as f64 / GUIDES as f64).min(1.0 - f64::EPSILON);
                assert_eq!(table.count(u), full(u), "rate {rate}, u {u}");
            }
        }
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
