//! The special functions the samplers need, computed with the pure-Rust `libm` so that every
//! platform produces the same bits (a platform's own libm may differ in the last place, and a
//! published number must not depend on the machine that computed it).

/// The standard normal quantile Φ⁻¹(p) for p in (0, 1): Wichura's algorithm AS 241 (PPND16),
/// accurate to about 1e-16. The coefficients are AS 241's as published.
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q
            * (((((((2_509.080_928_730_122_7 * r + 33_430.575_583_588_128) * r + 67_265.770_927_008_7) * r
                + 45_921.953_931_549_87)
                * r
                + 13_731.693_765_509_461)
                * r
                + 1_971.590_950_306_551_3)
                * r
                + 133.141_667_891_784_38)
                * r
                + 3.387_132_872_796_366_5)
            / (((((((5_226.495_278_852_545 * r + 28_729.085_735_721_943) * r + 39_307.895_800_092_71) * r
                + 21_213.794_301_586_597)
                * r
                + 5_394.196_021_424_751)
                * r
                + 687.187_007_492_057_9)
                * r
                + 42.313_330_701_600_91)
                * r
                + 1.0);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = libm::sqrt(-libm::log(r));
    let value = if r <= 5.0 {
        let r = r - 1.6;
        (((((((7.745_450_142_783_414e-4 * r + 0.022_723_844_989_269_184) * r + 0.241_780_725_177_450_6) * r
            + 1.270_458_252_452_368_4)
            * r
            + 3.647_848_324_763_204_5)
            * r
            + 5.769_497_221_460_691)
            * r
            + 4.630_337_846_156_546)
            * r
            + 1.423_437_110_749_683_5)
            / (((((((1.050_750_071_644_416_9e-9 * r + 5.475_938_084_995_345e-4) * r + 0.015_198_666_563_616_457)
                * r
                + 0.148_103_976_427_480_08)
                * r
                + 0.689_767_334_985_1)
                * r
                + 1.676_384_830_183_803_8)
                * r
                + 2.053_191_626_637_759)
                * r
                + 1.0)
    } else {
        let r = r - 5.0;
        (((((((2.010_334_399_292_288_1e-7 * r + 2.711_555_568_743_487_6e-5) * r + 0.001_242_660_947_388_078_4) * r
            + 0.026_532_189_526_576_124)
            * r
            + 0.296_560_571_828_504_9)
            * r
            + 1.784_826_539_917_291_3)
            * r
            + 5.463_784_911_164_114)
            * r
            + 6.657_904_643_501_103)
            / (((((((2.044_263_103_389_939_7e-15 * r + 1.421_511_758_316_446e-7) * r + 1.846_318_317_510_054_8e-5)
                * r
                + 7.868_691_311_456_133e-4)
                * r
                + 0.014_875_361_290_850_615)
                * r
                + 0.136_929_880_922_735_8)
                * r
                + 0.599_832_206_555_888)
                * r
                + 1.0)
    };
    if q < 0.0 { -value } else { value }
}

/// The regularized incomplete beta function I_x(a, b): the CDF of Beta(a, b) at x. Continued
/// fraction (modified Lentz), evaluated where it converges fast.
pub fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    beta_cdf_inside(x, a, b, log_gamma_ratio(a, b), libm::log(x), libm::log1p(-x))
}

/// `ln Γ(a + b) − ln Γ(a) − ln Γ(b)`, as [`beta_cdf`] adds it up.
fn log_gamma_ratio(a: f64, b: f64) -> f64 {
    libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b)
}

/// [`beta_cdf`] at `x` strictly inside (0, 1), given its [`log_gamma_ratio`], `ln x` and
/// `ln(1 − x)`: a quantile search that also wants the density there computes those once.
fn beta_cdf_inside(x: f64, a: f64, b: f64, log_gamma_ratio: f64, log_x: f64, log_rest: f64) -> f64 {
    let log_front = log_gamma_ratio + a * log_x + b * log_rest;
    let front = libm::exp(log_front);
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(x, a, b) / a
    } else {
        1.0 - front * beta_fraction(1.0 - x, b, a) / b
    }
}

fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    // One step of the modified Lentz method with coefficient `aa`; returns the factor for `h`.
    let step = |aa: f64, c: &mut f64, d: &mut f64| {
        *d = 1.0 / guard(1.0 + aa * *d);
        *c = guard(1.0 + aa / *c);
        *d * *c
    };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        h *= step(m * (b - m) * x / ((qam + m2) * (a + m2)), &mut c, &mut d);
        let delta = step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), &mut c, &mut d);
        h *= delta;
        if (delta - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

/// The quantile of Beta(a, b) at p, by bisection on [`beta_cdf`] to within 1e-15 (the CDF is
/// monotone, so bisection cannot fail; speed does not matter, the result goes into a table).
pub fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    while hi - lo > 1e-15 {
        let mid = 0.5 * (lo + hi);
        if beta_cdf(mid, a, b) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// The Beta(a, b) quantiles at `p = k / n` for `k = 0..=n`, for a sampler table. Newton's method
/// started from the [`taylor_step`] beyond the previous quantile (or from that quantile, where the
/// step falls outside the bracket), kept inside a bisection bracket so it cannot diverge; each
/// quantile's CDF is within 1e-14 of its `p`.
///
/// A table of 4.097 points took 4 ms (twenty PERT shapes: 80 ms before a register's first run), so
/// nothing is computed twice: the CDF at the previous quantile is the one the previous search ended
/// on (when it ended on its test of the CDF, as it nearly always does; else it is computed), and the CDF and the density
/// at a point share its logarithms. The same operations on the same values as computing each
/// afresh, so the same table to the bit. Started from the previous quantile itself, each point took
/// two continued fractions; from the Taylor step nine in ten take one (1,1–1,8 ms a table instead
/// of 1,9–3,4 ms, on a synthetic register's shapes).
pub fn beta_quantile_grid(a: f64, b: f64, n: usize) -> Vec<f64> {
    let log_beta = libm::lgamma(a) + libm::lgamma(b) - libm::lgamma(a + b);
    let ratio = log_gamma_ratio(a, b);
    let density = |log_x: f64, log_rest: f64| libm::exp((a - 1.0) * log_x + (b - 1.0) * log_rest - log_beta);
    let mut grid = Vec::with_capacity(n + 1);
    grid.push(0.0);
    let mut previous = 0.0_f64;
    // The last point whose CDF was computed, and that CDF.
    let mut known: Option<(f64, f64)> = None;
    for k in 1..n {
        let p = k as f64 / n as f64;
        let (mut lo, mut hi) = (previous, 1.0_f64);
        let mut x = previous.max(1e-300);
        if previous > 0.0 {
            let cdf = match known {
                Some((at, cdf)) if at.to_bits() == previous.to_bits() => cdf,
                _ => beta_cdf(previous, a, b),
            };
            known = Some((previous, cdf));
            let start = taylor_step(previous, p - cdf, a, b, log_beta);
            if start.is_finite() && start > lo && start < hi {
                x = start;
            }
        }
        for _ in 0..100 {
            let (log_x, log_rest) = (libm::log(x), libm::log1p(-x));
            let cdf = match known {
                Some((at, cdf)) if at.to_bits() == x.to_bits() => cdf,
                _ if x <= 0.0 || x >= 1.0 => beta_cdf(x, a, b),
                _ => beta_cdf_inside(x, a, b, ratio, log_x, log_rest),
            };
            known = Some((x, cdf));
            let f = cdf - p;
            if f.abs() < 1e-14 {
                break;
            }
            if f < 0.0 {
                lo = x;
            } else {
                hi = x;
            }
            let step = f / density(log_x, log_rest);
            let next = x - step;
            x = if step.is_finite() && next > lo && next < hi {
                next
            } else {
                0.5 * (lo + hi)
            };
            if hi - lo < 1e-15 {
                break;
            }
        }
        previous = x;
        grid.push(x);
    }
    grid.push(1.0);
    grid
}

/// The Beta(a, b) quantile `delta` beyond `x` in probability, from the quantile function's Taylor
/// series at `x` to the fourth order: with `f` the density and `g1`, `g2`, `g3` the derivatives of
/// `ln f` (`(a − 1)/x − (b − 1)/(1 − x)` and on), cheap beside a CDF, the quantile function's
/// derivatives are `1/f`, `−g1/f²`, `(2g1² − g2)/f³` and `(7g1g2 − g3 − 6g1³)/f⁴`. A table's step
/// of 1/4.096 lands within 1e-14 of its `p` at nine points in ten (twelve shapes from one-sided
/// to symmetric), so Newton's first test of the CDF ends the search there. Near an end, where the
/// series does not hold, the search goes on from it or from its bracket.
fn taylor_step(x: f64, delta: f64, a: f64, b: f64, log_beta: f64) -> f64 {
    let (r, s) = (1.0 / x, 1.0 / (1.0 - x));
    let (am, bm) = (a - 1.0, b - 1.0);
    let f = libm::exp(am * libm::log(x) + bm * libm::log1p(-x) - log_beta);
    let g1 = am * r - bm * s;
    let g2 = -am * r * r - bm * s * s;
    let g3 = 2.0 * (am * r * r * r - bm * s * s * s);
    let d = delta / f;
    let q2 = -g1;
    let q3 = 2.0 * g1 * g1 - g2;
    let q4 = 7.0 * g1 * g2 - g3 - 6.0 * g1 * g1 * g1;
    x + d * (1.0 + d * (q2 / 2.0 + d * (q3 / 6.0 + d * q4 / 24.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{Beta, ContinuousCDF, Normal};

    #[test]
    fn normal_quantile_matches_statrs() {
        let n = Normal::new(0.0, 1.0).unwrap();
        for &p in &[
            1e-12,
            1e-6,
            0.001,
            0.025,
            0.1,
            0.3,
            0.5,
            0.7,
            0.9,
            0.975,
            0.999,
            1.0 - 1e-9,
        ] {
            let (ours, theirs) = (normal_quantile(p), n.inverse_cdf(p));
            assert!(
                (ours - theirs).abs() < 1e-9 * theirs.abs().max(1.0),
                "p={p}: {ours} vs {theirs}"
            );
        }
        assert_eq!(normal_quantile(0.5), 0.0);
        assert!((normal_quantile(0.95) - crate::model::dist::Z95).abs() < 1e-15);
    }

    #[test]
    fn the_quantile_grid_agrees_with_bisection() {
        for &(a, b) in &[(1.8, 4.2), (1.0, 5.0), (4.6, 1.4), (3.0, 3.0)] {
            let grid = beta_quantile_grid(a, b, 256);
            assert_eq!(grid.len(), 257);
            for (k, &x) in grid.iter().enumerate() {
                let exact = beta_quantile(k as f64 / 256.0, a, b);
                assert!((x - exact).abs() < 1e-10, "k={k} ({a}, {b}): {x} vs {exact}");
            }
        }
    }

    /// The grid is, to the bit, what each search computing its CDF and density afresh gives, from
    /// the Taylor step beyond the previous quantile (the grid's reuse of the previous search's last
    /// CDF and of the logarithms changes no operation): on the shapes of PERTs from nearly
    /// symmetric to one-sided, at a table's size.
    #[test]
    fn the_quantile_grid_is_that_of_every_step_computed_afresh() {
        fn afresh(a: f64, b: f64, n: usize) -> Vec<f64> {
            let log_beta = libm::lgamma(a) + libm::lgamma(b) - libm::lgamma(a + b);
            let density = |x: f64| libm::exp((a - 1.0) * libm::log(x) + (b - 1.0) * libm::log1p(-x) - log_beta);
            let mut grid = vec![0.0];
            let mut previous = 0.0_f64;
            for k in 1..n {
                let p = k as f64 / n as f64;
                let (mut lo, mut hi) = (previous, 1.0_f64);
                let mut x = previous.max(1e-300);
                if previous > 0.0 {
                    let start = taylor_step(previous, p - beta_cdf(previous, a, b), a, b, log_beta);
                    if start.is_finite() && start > lo && start < hi {
                        x = start;
                    }
                }
                for _ in 0..100 {
                    let f = beta_cdf(x, a, b) - p;
                    if f.abs() < 1e-14 {
                        break;
                    }
                    if f < 0.0 {
                        lo = x;
                    } else {
                        hi = x;
                    }
                    let step = f / density(x);
                    let next = x - step;
                    x = if step.is_finite() && next > lo && next < hi {
                        next
                    } else {
                        0.5 * (lo + hi)
                    };
                    if hi - lo < 1e-15 {
                        break;
                    }
                }
                previous = x;
                grid.push(x);
            }
            grid.push(1.0);
            grid
        }
        for (a, b) in [
            (1.286, 4.714),
            (2.949, 3.051),
            (1.0, 5.0),
            (4.6, 1.4),
            (1.02, 1.03),
            (5.0, 1.0),
        ] {
            let (fast, slow) = (beta_quantile_grid(a, b, 4096), afresh(a, b, 4096));
            let differ = fast.iter().zip(&slow).position(|(x, y)| x.to_bits() != y.to_bits());
            assert_eq!(differ, None, "({a}, {b})");
        }
    }

    /// The Taylor step is of the fourth order: halving the step divides its error by about
    /// 2⁵ = 32 (a wrong term of a lower order leaves less: with the fourth-order coefficient 5 for
    /// 6, 21,7 at one point), on shapes from one-sided to symmetric, from points in the body of
    /// each.
    #[test]
    fn the_taylor_step_is_of_the_fourth_order() {
        for (a, b) in [(2.949, 3.051), (1.286, 4.714), (4.6, 1.4), (3.0, 3.0)] {
            let log_beta = libm::lgamma(a) + libm::lgamma(b) - libm::lgamma(a + b);
            for from in [0.2, 0.5, 0.7] {
                let x = beta_quantile(from, a, b);
                let error = |delta: f64| {
                    let start = taylor_step(x, from - beta_cdf(x, a, b) + delta, a, b, log_beta);
                    (start - beta_quantile(from + delta, a, b)).abs()
                };
                let (wide, narrow) = (error(0.04), error(0.02));
                assert!(wide > 1e-12, "({a}, {b}) at {from}: the error {wide:e} is measurable");
                let ratio = wide / narrow;
                assert!(
                    ratio > 24.0 && ratio < 48.0,
                    "({a}, {b}) at {from}: {wide:e} / {narrow:e} = {ratio}"
                );
            }
        }
    }

    #[test]
    fn beta_cdf_and_quantile_match_statrs() {
        for &(a, b) in &[
            (1.0, 1.0),
            (1.8, 4.2),
            (3.0, 3.0),
            (1.0, 5.0),
            (5.0, 1.0),
            (1.2, 1.5),
            (4.6, 1.4),
        ] {
            let beta = Beta::new(a, b).unwrap();
            for k in 1..100 {
                let x = f64::from(k) / 100.0;
                assert!((beta_cdf(x, a, b) - beta.cdf(x)).abs() < 1e-12, "cdf({x}; {a}, {b})");
                let p = x;
                let q = beta_quantile(p, a, b);
                assert!((beta.cdf(q) - p).abs() < 1e-12, "quantile({p}; {a}, {b}) = {q}");
            }
        }
    }
}
