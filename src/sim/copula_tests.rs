//! Correlated risks: the rank correlation the register asks for, every risk's own distribution
//! unchanged, the engine's block path equal to the single draws, reproducible for any thread count
//! and common random numbers within a group.

use super::tests::{TWO_YEARS, assert_same_json_for_threads, register_with, risk};
use super::*;
use sampler::tests::ks;
use special::normal_quantile;

/// A register of `risks` with the `correlations` section `correlations` (YAML list items).
fn correlated(risks: &str, correlations: &str, horizon: &str) -> Register {
    register_with(&format!("{risks}correlations:\n{correlations}"), false, horizon)
}

/// Each planned risk's first-year loss in iterations `0..n`, by id.
fn losses(register: &Register, seed: u64, n: usize) -> Vec<(String, Vec<f64>)> {
    let plan = Plan::new(register, Basis::Netto, seed, |_| true);
    plan.order
        .iter()
        .map(|&r| {
            let risk = &plan.risks[r];
            let values = (0..n as u64).map(|i| risk.first_year_loss(i)).collect();
            (register.risks[risk.index].id.clone(), values)
        })
        .collect()
}

/// Spearman's rank correlation of two samples without ties.
fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let ranks = |x: &[f64]| {
        let mut order: Vec<usize> = (0..x.len()).collect();
        order.sort_by(|&i, &j| x[i].total_cmp(&x[j]));
        let mut rank = vec![0.0; x.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r as f64;
        }
        rank
    };
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let mean = (n - 1.0) / 2.0;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        sab += (x - mean) * (y - mean);
        saa += (x - mean).powi(2);
        sbb += (y - mean).powi(2);
    }
    sab / (saa * sbb).sqrt()
}

/// The mean of `batches` estimates and its standard error (batch means).
fn batch_mean(estimates: &[f64]) -> (f64, f64) {
    let m = estimates.len() as f64;
    let mean = estimates.iter().sum::<f64>() / m;
    let var = estimates.iter().map(|e| (e - mean).powi(2)).sum::<f64>() / (m - 1.0);
    (mean, (var / m).sqrt())
}

/// Risks that occur every year with a continuous impact: their losses' ranks are their copula
/// uniforms' ranks, so the achieved rank correlation of every pair must be the register's: within
/// four standard errors (batch means over 40 batches of 5.000 iterations, seed fixed). A pair not
/// given is independent. Failed with the rank used as the normal correlation (0,6 gave 0,582).
#[test]
fn the_achieved_rank_correlation_is_the_registers_within_its_standard_error() {
    let risks = risk("A", "probability: 1, impact: {uniform: {min: 100, max: 300}}")
        + &risk("B", "probability: 1, impact: {pert: {min: 10, mode: 40, max: 200}}")
        + &risk("C", "probability: 1, impact: {lognormal: {p5: 5, p95: 80}}")
        + &risk("D", "probability: 1, impact: {triangular: {min: 1, mode: 2, max: 9}}");
    let r = correlated(
        &risks,
        "  - {risks: [A, B, C], rank: 0.6}\n  - {risks: [C, D], rank: -0.3}\n",
        TWO_YEARS,
    );
    let (batches, size) = (40, 5_000);
    let all = losses(&r, 11, batches * size);
    let of = |id: &str| &all.iter().find(|(x, _)| x == id).unwrap().1;
    for (a, b, target) in [
        ("A", "B", 0.6),
        ("A", "C", 0.6),
        ("B", "C", 0.6),
        ("C", "D", -0.3),
        ("A", "D", 0.0),
    ] {
        let estimates: Vec<f64> = (0..batches)
            .map(|k| spearman(&of(a)[k * size..(k + 1) * size], &of(b)[k * size..(k + 1) * size]))
            .collect();
        let (mean, se) = batch_mean(&estimates);
        assert!(se < 0.005, "{a}-{b}: standard error {se}");
        assert!(
            (mean - target).abs() < 4.0 * se,
            "{a}-{b}: {mean} against {target} (se {se})"
        );
    }
}

/// P(X < a, Y < b) for a standard bivariate normal with correlation `r`, by Simpson's rule over
/// `x`: ∫ φ(x) Φ((b − r·x) / √(1 − r²)) dx up to `a`.
fn bivariate_normal(a: f64, b: f64, r: f64) -> f64 {
    let phi = |x: f64| (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let cdf = |x: f64| 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2);
    let f = |x: f64| phi(x) * cdf((b - r * x) / (1.0 - r * r).sqrt());
    let (lo, steps) = (-12.0, 20_000);
    let h = (a - lo) / steps as f64;
    let inner: f64 = (1..steps)
        .map(|k| f(lo + k as f64 * h) * if k % 2 == 1 { 4.0 } else { 2.0 })
        .sum();
    (f(lo) + inner + f(a)) * h / 3.0
}

/// Two risks with a probability occur together as often as the copula says: P(both) equals the
/// bivariate normal's orthant probability within four standard errors; each alone as often as its
/// probability. Failed with the occurrences drawn from the risks' own streams.
#[test]
fn correlated_risks_occur_together_as_the_copula_says() {
    let risks = risk("A", "probability: 0.3, impact: 1") + &risk("B", "probability: 0.2, impact: 1");
    let rank = 0.6;
    let r = correlated(&risks, &format!("  - {{risks: [A, B], rank: {rank}}}\n"), TWO_YEARS);
    let n = 1_000_000;
    let all = losses(&r, 3, n);
    let (a, b) = (&all[0].1, &all[1].1);
    let both = a.iter().zip(b).filter(|(x, y)| **x > 0.0 && **y > 0.0).count() as f64 / n as f64;
    let normal = crate::model::correlation::normal_correlation(rank);
    let expected = bivariate_normal(normal_quantile(0.3), normal_quantile(0.2), normal);
    let se = (expected * (1.0 - expected) / n as f64).sqrt();
    assert!(
        (both - expected).abs() < 4.0 * se,
        "P(both) {both} against {expected} (se {se})"
    );
    // Far from independence (0,06): the test can see a wrong copula.
    assert!(expected > 0.12, "{expected}");
    for (values, p) in [(a, 0.3), (b, 0.2)] {
        let rate = values.iter().filter(|x| **x > 0.0).count() as f64 / n as f64;
        assert!(
            (rate - p).abs() < 4.0 * (p * (1.0 - p) / n as f64).sqrt(),
            "{rate} against {p}"
        );
    }
}

/// A risk in a strong group keeps its own distribution: how often it occurs (within four standard
/// errors) and, given that it occurs, its impact (Kolmogorov–Smirnov against the exact CDF at the
/// 0,1% level); a frequency's count has its Poisson mean and P(0); a probability over the period
/// occurs in the first year with its share. Failed with the impact drawn at `1 - √(s/p)`.
#[test]
fn a_correlated_risk_keeps_its_own_distribution() {
    let risks = risk("A", "probability: 0.3, impact: {uniform: {min: 100, max: 300}}")
        + &risk("B", "frequency: 1.5, impact: 1")
        + &risk("C", "probability: 0.9, probability_per: periode, impact: 1")
        + &risk(
            "D",
            "probability: 0.5, impact: {triangular: {min: 10, mode: 20, max: 90}}",
        );
    let r = correlated(&risks, "  - {risks: [A, B, C, D], rank: 0.8}\n", TWO_YEARS);
    let n = 400_000;
    let all = losses(&r, 5, n);
    let of = |id: &str| &all.iter().find(|(x, _)| x == id).unwrap().1;
    let within = |what: &str, value: f64, expected: f64, variance: f64| {
        let se = (variance / n as f64).sqrt();
        assert!(
            (value - expected).abs() < 4.0 * se,
            "{what}: {value} against {expected}"
        );
    };
    let rate = |v: &[f64]| v.iter().filter(|x| **x != 0.0).count() as f64 / n as f64;
    within("A occurs", rate(of("A")), 0.3, 0.21);
    within("D occurs", rate(of("D")), 0.5, 0.25);
    within("C in the first year", rate(of("C")), 0.45, 0.45 * 0.55);
    let counts = of("B");
    within("B's mean count", counts.iter().sum::<f64>() / n as f64, 1.5, 1.5);
    let none = (-1.5f64).exp();
    within("B never", 1.0 - rate(counts), none, none * (1.0 - none));
    let occurred = |v: &[f64]| v.iter().copied().filter(|x| *x != 0.0).collect::<Vec<f64>>();
    let a = occurred(of("A"));
    let d_a = ks(a.clone(), |x| ((x - 100.0) / 200.0).clamp(0.0, 1.0));
    assert!(d_a < 1.949 / (a.len() as f64).sqrt(), "A's impact: D = {d_a}");
    let d = occurred(of("D"));
    let triangular = |x: f64| {
        if x <= 20.0 {
            (x - 10.0).powi(2) / (80.0 * 10.0)
        } else {
            1.0 - (90.0 - x).powi(2) / (80.0 * 70.0)
        }
    };
    let d_d = ks(d.clone(), triangular);
    assert!(d_d < 1.949 / (d.len() as f64).sqrt(), "D's impact: D = {d_d}");
    // The impact follows the copula too: A's impact and D's loss go together.
    let both: Vec<(f64, f64)> = of("A")
        .iter()
        .zip(of("D"))
        .filter(|(a, d)| **a > 0.0 && **d > 0.0)
        .map(|(a, d)| (*a, *d))
        .collect();
    let (x, y): (Vec<f64>, Vec<f64>) = both.into_iter().unzip();
    assert!(
        spearman(&x, &y) > 0.2,
        "impacts of occurring risks: {}",
        spearman(&x, &y)
    );
}

/// The engine's block path adds exactly each risk's single draw, for every kind of risk in a
/// group, in both years; a subset of the risks (a segment) draws the same; any thread count gives
/// the same bytes.
#[test]
fn the_engine_adds_exactly_the_correlated_draws_for_any_thread_count() {
    let risks = risk("A", "probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}")
        + &risk("B", "frequency: 1.5, impact: {lognormal: {p5: 5, p95: 80}}")
        + &risk(
            "C",
            "probability: 0.6, impact: {triangular: {min: 50, mode: 60, max: 150}}, recurrence: structureel",
        )
        + &risk(
            "D",
            "probability: 0.9, probability_per: periode, impact: {uniform: {min: 1, max: 9}}",
        )
        + &risk(
            "E",
            "frequency: 0.5, impact: {uniform: {min: 1, max: 9}}, recurrence: structureel",
        )
        + &risk("F", "probability: 0.2, impact: 50");
    let r = correlated(
        &risks,
        "  - {risks: [A, B, C, D, E], rank: 0.5}\n  - {risks: [A, F], rank: -0.2}\n",
        "{first: 2026, last: 2028}",
    );
    // Each risk alone (a segment of one) through the engine: equal, not close, to its single
    // draws in the whole register's plan (a group's draws do not depend on the subset simulated).
    let plan = Plan::new(&r, Basis::Netto, 17, |_| true);
    let n = 20_000;
    for planned in &plan.risks {
        let id = &r.risks[planned.index].id;
        let alone = Plan::new(&r, Basis::Netto, 17, |x| x == planned.index);
        let totals = engine::run(&alone, n, 3, &|_| {});
        let mut occurred = 0;
        for i in 0..n {
            let loss = planned.first_year_loss(i as u64);
            assert_eq!(totals.get(i, 0), loss, "{id}, iteration {i}");
            occurred += usize::from(loss != 0.0);
        }
        assert!(occurred > 1_000, "{id}: {occurred}");
    }
    assert_same_json_for_threads(&r, &[1, 2, 3]);
}

/// Common random numbers within a group: changing one member's probability and impact leaves every
/// other member's draws as they were, iteration by iteration.
#[test]
fn changing_one_correlated_risk_leaves_the_others_draws_unchanged() {
    let group = "  - {risks: [A, B, C], rank: 0.7}\n";
    let others = risk("A", "probability: 0.4, impact: {pert: {min: 10, mode: 40, max: 200}}")
        + &risk("C", "frequency: 2, impact: 3");
    let base = correlated(
        &(others.clone() + &risk("B", "probability: 0.3, impact: 100")),
        group,
        TWO_YEARS,
    );
    let changed = correlated(
        &(others + &risk("B", "probability: 0.8, impact: {uniform: {min: 1, max: 500}}")),
        group,
        TWO_YEARS,
    );
    let (l1, l2) = (losses(&base, 9, 50_000), losses(&changed, 9, 50_000));
    for id in ["A", "C"] {
        let of = |l: &[(String, Vec<f64>)]| l.iter().find(|(x, _)| x == id).unwrap().1.clone();
        assert_eq!(of(&l1), of(&l2), "{id}");
    }
    let b = |l: &[(String, Vec<f64>)]| l.iter().find(|(x, _)| x == "B").unwrap().1.clone();
    assert_ne!(b(&l1), b(&l2));
}
