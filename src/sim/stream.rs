//! Random numbers as a pure function of (seed, risk, year, iteration).
//!
//! Every draw is addressed, not consumed: the draw for risk `r` in calendar year `y` and iteration
//! `i` is `wyrand(key(seed, r, y) + (i + 1) · γ)`, the output of the wyrand generator (Wang Yi, the
//! generator of the `fastrand` crate) at counter `i` of a stream whose start is derived from the
//! seed, the risk's id and the year by SplitMix64 hashing. This gives, by construction:
//!
//! - the same numbers for any thread count and on any machine (integer arithmetic only);
//! - common random numbers: a risk's draws depend on its id, not on its position in the file or on
//!   the other risks, so a scenario that changes one risk leaves every other draw unchanged;
//! - random access: the tail-contribution pass recomputes any risk's loss in any iteration without
//!   storing a matrix of risks × iterations.

/// The wyrand increment γ.
const WY_STEP: u64 = 0xa076_1d64_78bd_642f;
/// The wyrand mixing constant.
const WY_MIX: u64 = 0xe703_7ed1_a0b4_28db;

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijective 64-bit hash, used to derive keys.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a of a risk id: stable across Rust releases and platforms (unlike `DefaultHasher`).
pub fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The draws of one risk in one calendar year (and one purpose: `lane` 0 for occurrences, 1 for the
/// impacts of repeated occurrences).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stream {
    start: u64,
}

impl Stream {
    pub fn new(seed: u64, risk_id: &str, year: i32, lane: u64) -> Stream {
        let risk = mix64(seed ^ mix64(id_hash(risk_id)));
        let start = mix64(risk ^ mix64((i64::from(year) as u64) << 8 | lane));
        Stream { start }
    }

    /// Draw number `counter`.
    #[inline(always)]
    pub fn draw(self, counter: u64) -> u64 {
        wymix(self.state(counter))
    }

    /// The generator state behind draw `counter`; the next draw's state is this plus [`STEP`], so a
    /// loop over consecutive draws needs one addition, not a multiplication, per draw.
    #[inline(always)]
    pub fn state(self, counter: u64) -> u64 {
        self.start.wrapping_add(counter.wrapping_add(1).wrapping_mul(WY_STEP))
    }
}

/// The state increment between consecutive draws of a stream.
pub const STEP: u64 = WY_STEP;

/// wyrand's output function of a state.
#[inline(always)]
pub fn wymix(state: u64) -> u64 {
    let product = u128::from(state) * u128::from(state ^ WY_MIX);
    ((product >> 64) as u64) ^ (product as u64)
}

/// The high 32 bits of a draw, for the occurrence test.
#[inline(always)]
pub fn high(draw: u64) -> u64 {
    draw >> 32
}

/// The low 32 bits of a draw as a uniform number in the open interval (0, 1), for an inverse CDF.
#[inline(always)]
pub fn low_uniform(draw: u64) -> f64 {
    (f64::from(draw as u32) + 0.5) * (1.0 / 4_294_967_296.0)
}

/// A whole draw as a uniform number in [0, 1) with 53 bits.
#[inline(always)]
pub fn uniform53(draw: u64) -> f64 {
    ((draw >> 11) as i64 as f64) * (1.0 / 9_007_199_254_740_992.0)
}

/// The threshold on [`high`] below which an event of probability `p` occurs: `high < threshold`
/// happens with probability exactly `threshold / 2^32`, the nearest 2^-32 step to `p`.
pub fn threshold(p: f64) -> u64 {
    (p.clamp(0.0, 1.0) * 4_294_967_296.0).round() as u64
}

/// The largest draw whose [`high`] half is below `threshold`, so that the occurrence test is one
/// comparison of the whole draw (`draw <= last`) in the engine's hottest loop; `None` when no draw
/// occurs (a threshold of 0).
pub fn last_occurring(threshold: u64) -> Option<u64> {
    // For a threshold of 2^32 the shift overflows to 0 and the subtraction wraps to u64::MAX.
    (threshold > 0).then(|| (threshold << 32).wrapping_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_address_gives_the_same_draw() {
        let s = Stream::new(42, "R1", 2026, 0);
        assert_eq!(s.draw(7), Stream::new(42, "R1", 2026, 0).draw(7));
        assert_ne!(s.draw(7), s.draw(8));
        assert_ne!(s.draw(7), Stream::new(43, "R1", 2026, 0).draw(7));
        assert_ne!(s.draw(7), Stream::new(42, "R2", 2026, 0).draw(7));
        assert_ne!(s.draw(7), Stream::new(42, "R1", 2027, 0).draw(7));
        assert_ne!(s.draw(7), Stream::new(42, "R1", 2026, 1).draw(7));
    }

    /// Golden values: a change here changes every published number, so it must be deliberate.
    #[test]
    fn draws_are_stable_across_releases() {
        // FNV-1a reference vectors.
        assert_eq!(id_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(id_hash("a"), 0xaf63_dc4c_8601_ec8c);
        let s = Stream::new(1, "T4-01", 2026, 0);
        let first: Vec<u64> = (0..3).map(|i| s.draw(i)).collect();
        assert_eq!(first, GOLDEN);
    }
    const GOLDEN: [u64; 3] = [
        18_435_502_185_530_542_685,
        18_009_701_625_720_714_981,
        3_048_709_864_424_349_574,
    ];

    #[test]
    fn thresholds_are_exact_for_the_extremes() {
        assert_eq!(threshold(0.0), 0);
        assert_eq!(threshold(1.0), 1 << 32);
        assert!(high(u64::MAX) < threshold(1.0));
        assert_eq!(threshold(0.25), 1 << 30);
    }

    #[test]
    fn the_whole_draw_comparison_is_the_high_half_test() {
        assert_eq!(last_occurring(0), None);
        let s = Stream::new(3, "last", 2026, 0);
        let edges = |t: u64| [0, (t << 32).wrapping_sub(1), t << 32, (t << 32) | 1, u64::MAX];
        for p in [1e-9, 0.1, 0.5, 0.999_999, 1.0] {
            let t = threshold(p);
            let last = last_occurring(t).expect("p > 0");
            let draws = (0..10_000).map(|i| s.draw(i)).chain(edges(t));
            for draw in draws {
                assert_eq!(draw <= last, high(draw) < t, "p {p}, draw {draw}");
            }
        }
    }

    /// Uniformity of both halves and of the 53-bit value: a chi-square test over 64 bins with
    /// 640.000 draws. With 63 degrees of freedom the 99.9% point is 103,4.
    #[test]
    fn draws_are_uniform() {
        let s = Stream::new(2026, "uniformity", 2026, 0);
        let n = 640_000u64;
        let mut bins = [[0u64; 64]; 3];
        for i in 0..n {
            let d = s.draw(i);
            bins[0][(high(d) >> 26) as usize] += 1;
            bins[1][(low_uniform(d) * 64.0) as usize] += 1;
            bins[2][(uniform53(d) * 64.0) as usize] += 1;
        }
        let expected = n as f64 / 64.0;
        for b in &bins {
            let chi2: f64 = b.iter().map(|&o| (o as f64 - expected).powi(2) / expected).sum();
            assert!(chi2 < 103.4, "chi-square {chi2}");
        }
    }

    /// The halves of one draw and consecutive draws are uncorrelated: |r| below 4 standard errors
    /// (1/sqrt(n)) of zero.
    #[test]
    fn halves_and_neighbours_are_uncorrelated() {
        let s = Stream::new(7, "correlation", 2030, 0);
        let n = 200_000u64;
        let corr = |pairs: &[(f64, f64)]| {
            let m = pairs.len() as f64;
            let (ma, mb) = pairs.iter().fold((0.0, 0.0), |(a, b), p| (a + p.0 / m, b + p.1 / m));
            let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
            for (a, b) in pairs {
                sab += (a - ma) * (b - mb);
                saa += (a - ma).powi(2);
                sbb += (b - mb).powi(2);
            }
            sab / (saa * sbb).sqrt()
        };
        let halves: Vec<(f64, f64)> = (0..n)
            .map(|i| {
                let d = s.draw(i);
                (high(d) as f64, low_uniform(d))
            })
            .collect();
        let neighbours: Vec<(f64, f64)> = (0..n)
            .map(|i| (uniform53(s.draw(i)), uniform53(s.draw(i + 1))))
            .collect();
        let bound = 4.0 / (n as f64).sqrt();
        assert!(corr(&halves).abs() < bound, "halves {}", corr(&halves));
        assert!(corr(&neighbours).abs() < bound, "neighbours {}", corr(&neighbours));
    }
}
