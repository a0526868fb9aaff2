//! Rank correlations between risks: risks that tend to go wrong together (a bad economy hits
//! revenue, detachering and re-integratie at once).
//!
//! A register names groups or pairs of risks with a Spearman rank correlation. The engine joins the
//! risks of a group by a Gaussian copula: each risk keeps its own distribution exactly, and the
//! copula's normal correlation `r = 2·sin(π·ρ/6)` gives the uniforms behind the draws the rank
//! correlation `ρ` (Kruskal 1958). The matrix of `r` must be positive semidefinite: the register
//! reader refuses one that is not, naming the entry that makes it so.

/// One `correlations` entry: every pair of its risks has the same rank correlation.
#[derive(Clone, Debug, PartialEq)]
pub struct Correlation {
    /// Indices into the register's risks, at least two, distinct.
    pub risks: Vec<usize>,
    /// Spearman's rank correlation of the risks' draws, in [-1, 1].
    pub rank: f64,
    /// Why these risks move together, in words, for the paragraph.
    pub reason: Option<String>,
}

/// The normal (Pearson) correlation of a Gaussian copula whose uniforms have rank correlation
/// `rank`: the inverse of Spearman's `ρ = (6/π)·asin(r/2)` for the bivariate normal.
pub fn normal_correlation(rank: f64) -> f64 {
    if rank.abs() == 1.0 {
        // 2·sin(π/6) rounds to just below 1; risks in lockstep must be exactly that.
        return rank;
    }
    2.0 * (std::f64::consts::PI * rank / 6.0).sin()
}

/// Below this a pivot of the factorisation counts as zero: a semidefinite matrix (risks that move
/// in lockstep, rank 1) has exact zeros there, up to rounding.
const PIVOT_TOLERANCE: f64 = 1e-10;

/// The lower-triangular factor `L` with `L·Lᵀ = m` of a symmetric `k × k` matrix (row-major), or
/// `None` when `m` is not positive semidefinite. A zero pivot (a risk that is a combination of the
/// ones before it) gives a zero column, so a semidefinite matrix factors too.
pub fn cholesky(m: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; k * k];
    for j in 0..k {
        let pivot = m[j * k + j] - (0..j).map(|p| l[j * k + p] * l[j * k + p]).sum::<f64>();
        if pivot < -PIVOT_TOLERANCE {
            return None;
        }
        let d = pivot.max(0.0).sqrt();
        l[j * k + j] = d;
        for i in j + 1..k {
            let off = m[i * k + j] - (0..j).map(|p| l[i * k + p] * l[j * k + p]).sum::<f64>();
            if d <= PIVOT_TOLERANCE.sqrt() {
                // A zero column: the rows below must not need it.
                if off.abs() > 1e-7 {
                    return None;
                }
            } else {
                l[i * k + j] = off / d;
            }
        }
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copula_correlation_gives_the_rank_correlation_back() {
        for rank in [-1.0, -0.5, 0.0, 0.3, 0.6, 1.0] {
            let r = normal_correlation(rank);
            let back = 6.0 / std::f64::consts::PI * (r / 2.0).asin();
            assert!((back - rank).abs() < 1e-12, "{rank}: {back}");
        }
        assert_eq!(normal_correlation(1.0), 1.0);
    }

    #[test]
    fn cholesky_factors_definite_and_semidefinite_matrices_and_refuses_the_rest() {
        let product = |l: &[f64], k: usize| -> Vec<f64> {
            (0..k * k)
                .map(|ij| (0..k).map(|p| l[ij / k * k + p] * l[ij % k * k + p]).sum())
                .collect()
        };
        let definite = [1.0, 0.5, 0.2, 0.5, 1.0, 0.3, 0.2, 0.3, 1.0];
        let lockstep = [1.0; 9];
        for m in [&definite[..], &lockstep[..]] {
            let l = cholesky(m, 3).expect("semidefinite");
            for (a, b) in product(&l, 3).iter().zip(m) {
                assert!((a - b).abs() < 1e-12);
            }
        }
        // Two risks each strongly with a third but against each other: no such three exist.
        let impossible = [1.0, 0.9, 0.9, 0.9, 1.0, -0.5, 0.9, -0.5, 1.0];
        assert_eq!(cholesky(&impossible, 3), None);
        // Three risks cannot all be -0,9 apart (at least -1/2).
        let apart = [1.0, -0.9, -0.9, -0.9, 1.0, -0.9, -0.9, -0.9, 1.0];
        assert_eq!(cholesky(&apart, 3), None);
    }
}
