//! Correlated draws: a Gaussian copula over the risks of a correlation group.
//!
//! Each member `m` of a group has its own stream of standard normals `z_m` (lane 2 of its own
//! streams, so that they depend on its id, not on its place: common random numbers). The group's
//! correlation matrix `R = L·Lᵀ` mixes them, `x_j = Σ_{m≤j} L_jm·z_m`, and `s_j = Φ(-x_j)` is a
//! uniform in (0, 1) for every member, correlated as the register asks (see
//! [`crate::model::correlation`]). Small `s` is the adverse end: the draw a member's engine path reads is
//! built from `s` so that a smaller `s` means that the risk occurs (more often) and, when it
//! occurs, costs more:
//!
//! - a probability per year: it occurs when `s < p`, and then its impact is drawn at the uniform
//!   `1 - s/p`, which, given that it occurs, is uniform on (0, 1) again: the occurrence and the
//!   impact both follow the copula;
//! - a frequency: the count is drawn at `1 - s`; the impacts of the occurrences stay independent;
//! - a probability over the period: whether and in which year it occurs follows `s` (earlier when
//!   more adverse); its impact is its own independent draw.
//!
//! Every marginal is therefore exactly what it is without correlation (up to the 53 bits of a
//! double); only the joint behaviour changes. Each draw is a pure function of (seed, ids, year,
//! iteration), like every other draw: the same for any thread count.

use super::plan::Events;
use super::special::normal_quantile;
use super::stream::{Stream, uniform53};

/// The risks of one group of correlated risks and their copula.
#[derive(Debug)]
pub struct Group {
    /// Members in the group, in id order.
    k: usize,
    /// The lower-triangular factor of the normal correlation matrix, row-major `k × k`.
    lower: Vec<f64>,
    /// Per member and horizon year: the stream of its normals.
    normals: Vec<Vec<Stream>>,
}

impl Group {
    /// A group of the risks `ids` (in this order) with factor `lower`, for the calendar `years`.
    pub fn new(seed: u64, ids: &[&str], lower: Vec<f64>, years: &[i32]) -> Group {
        let normals = ids
            .iter()
            .map(|id| years.iter().map(|&y| Stream::new(seed, id, y, 2)).collect())
            .collect();
        Group {
            k: ids.len(),
            lower,
            normals,
        }
    }

    /// Whether `other` gives its members the same uniforms to the bit: the same factor and streams.
    pub fn same_draws(&self, other: &Group) -> bool {
        self.k == other.k && super::plan::bits_eq(&self.lower, &other.lower) && self.normals == other.normals
    }

    /// The standard normal of member `m` in horizon year `y`, iteration `i`.
    #[inline]
    fn normal(&self, m: usize, y: usize, i: u64) -> f64 {
        // uniform53 is in [0, 1 - 2^-53]; half a step up puts it strictly inside (0, 1),
        // symmetrically.
        normal_quantile(uniform53(self.normals[m][y].draw(i)) + 1.0 / 18_014_398_509_481_984.0)
    }

    /// Member `j`'s mixed normal from the members' normals `z` (at least `j + 1` of them): the
    /// one sum both [`adverse`](Self::adverse) and [`fill`](Self::fill) compute, in one order, so
    /// that both give the same bits.
    #[inline]
    fn mix(&self, j: usize, z: impl Fn(usize) -> f64) -> f64 {
        let row = &self.lower[j * self.k..j * self.k + j + 1];
        let mut x = 0.0;
        for (m, l) in row.iter().enumerate() {
            x += l * z(m);
        }
        x
    }

    /// Member `j`'s adverse uniform `s = Φ(-x_j)` in horizon year `y`, iteration `i`.
    pub fn adverse(&self, j: usize, y: usize, i: u64) -> f64 {
        upper_tail(self.mix(j, |m| self.normal(m, y, i)))
    }

    /// The adverse uniforms of the members `wanted` for iterations `start .. start + len` of
    /// horizon year `y`: `out[w][i]` for the `w`-th wanted member. `z` is scratch space for the
    /// members' normals.
    pub fn fill(
        &self,
        y: usize,
        start: usize,
        len: usize,
        wanted: impl Iterator<Item = usize> + Clone,
        z: &mut Vec<f64>,
        out: &mut [Vec<f64>],
    ) {
        let needed = wanted.clone().max().map_or(0, |j| j + 1);
        z.clear();
        z.resize(needed * len, 0.0);
        for m in 0..needed {
            for (i, v) in z[m * len..(m + 1) * len].iter_mut().enumerate() {
                *v = self.normal(m, y, (start + i) as u64);
            }
        }
        for (w, j) in wanted.enumerate() {
            for (i, s) in out[w][..len].iter_mut().enumerate() {
                *s = upper_tail(self.mix(j, |m| z[m * len + i]));
            }
        }
    }
}

/// `Φ(-x) = P(X > x)` for a standard normal `X`, accurate in the upper tail (where `1 - Φ(x)`
/// would lose its digits): small for a large `x`.
#[inline]
fn upper_tail(x: f64) -> f64 {
    0.5 * libm::erfc(x * std::f64::consts::FRAC_1_SQRT_2)
}

/// 2^32 as a float.
const TWO_32: f64 = 4_294_967_296.0;
/// 2^53 as a float.
const TWO_53: f64 = 9_007_199_254_740_992.0;

/// The draw a risk's engine path reads, built from its adverse uniform `s` and its own draw `own`
/// (which supplies the bits the copula leaves independent); see the module text.
#[inline]
pub fn shape(events: &Events, s: f64, own: u64) -> u64 {
    let low = own & 0xffff_ffff;
    match *events {
        Events::Bernoulli { threshold } => {
            // `s · 2^32` is exact (a power of two); its floor is below `threshold` exactly when
            // `s < threshold / 2^32`, the risk's probability.
            let scaled = s * TWO_32;
            let high = (scaled as u64).min(0xffff_ffff);
            if high < threshold {
                // Given that it occurs, `scaled / threshold` is uniform on [0, 1): the impact is
                // drawn at its complement, so that the most adverse draws cost the most.
                let position = scaled / threshold as f64;
                let bits = ((1.0 - position) * TWO_32).min(4_294_967_295.0) as u64;
                high << 32 | bits
            } else {
                high << 32 | low
            }
        }
        Events::Once { .. } => ((s * TWO_32) as u64).min(0xffff_ffff) << 32 | low,
        Events::Poisson(_) => {
            // The count reads the top 53 bits, more occurrences for larger ones.
            let m = (1u64 << 53) - 1 - ((s * TWO_53) as u64).min((1 << 53) - 1);
            m << 11 | (own & 0x7ff)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_probability_occurs_exactly_below_it_and_costs_more_the_more_adverse() {
        let events = Events::Bernoulli {
            threshold: super::super::stream::threshold(0.3),
        };
        let occurs = |d: u64| d >> 32 < super::super::stream::threshold(0.3);
        assert!(occurs(shape(&events, 0.299_999, 7)));
        assert!(!occurs(shape(&events, 0.300_001, 7)));
        // Within the occurrences: a smaller s gives larger impact bits.
        let bits = |s: f64| shape(&events, s, 7) as u32;
        assert!(bits(0.01) > bits(0.1) && bits(0.1) > bits(0.29));
        // Outside them the impact bits are the risk's own.
        assert_eq!(bits(0.9), 7);
    }

    #[test]
    fn the_fill_of_a_block_gives_the_same_bits_as_one_draw_at_a_time() {
        let lower = crate::model::correlation::cholesky(&[1.0, 0.6, 0.3, 0.6, 1.0, 0.5, 0.3, 0.5, 1.0], 3).unwrap();
        let group = Group::new(9, &["A", "B", "C"], lower, &[2026, 2027]);
        let (mut z, mut out) = (Vec::new(), vec![vec![0.0; 100]; 2]);
        group.fill(1, 5000, 100, [0, 2].into_iter(), &mut z, &mut out);
        for (row, member) in out.iter().zip([0, 2]) {
            for (i, s) in row.iter().enumerate() {
                assert_eq!(s.to_bits(), group.adverse(member, 1, 5000 + i as u64).to_bits());
            }
        }
    }
}
