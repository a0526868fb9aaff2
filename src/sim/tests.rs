//! The simulation against cases worked out by hand, and its guarantees: reproducible for any thread
//! count, common random numbers per risk.

use super::*;
use crate::date::Date;

/// A register with two municipalities (60/40), a reserve of 250 (cap 500), years 2026–2027 unless
/// `horizon` says otherwise, and the given risks.
pub(super) fn register_with(risks: &str, replenish: bool, horizon: &str) -> Register {
    register_with_key(
        risks,
        replenish,
        horizon,
        "{municipalities: [{name: A, share: 60%}, {name: B, share: 40%}]}",
    )
}

/// [`register_with`], with the verdeelsleutel written as given.
pub(super) fn register_with_key(risks: &str, replenish: bool, horizon: &str, verdeelsleutel: &str) -> Register {
    // The driver `basis` is 1000, 2000, 3000, … in the horizon's years.
    let last: i32 = horizon
        .split("last: ")
        .nth(1)
        .unwrap()
        .trim_end_matches('}')
        .trim()
        .parse()
        .unwrap();
    let amounts: Vec<String> = (2026..=last).map(|y| format!("{y}: {}", (y - 2025) * 1000)).collect();
    let text = format!(
        "metadata: {{organisation: Test}}\nhorizon: {horizon}\nreserve: {{cap: 500, balance: 250, replenish: {replenish}}}\n\
         verdeelsleutel: {verdeelsleutel}\n\
         drivers: {{basis: {{amount: {{{}}}}}}}\nrisks:\n{risks}",
        amounts.join(", ")
    );
    // Read as every command reads a register (from bytes instead of a file).
    let inputs = crate::inputs::Inputs::from_bytes("t.yaml", text.as_bytes(), Date::parse("2026-01-01").unwrap())
        .unwrap_or_else(|(_, e)| panic!("{e:?}"));
    match inputs.model(&[]) {
        Ok((register, _)) => register,
        Err(crate::inputs::InputError::Invalid(diagnostics)) => {
            panic!(
                "{}",
                crate::diagnostic::render_all(&diagnostics, &inputs.sources, crate::Lang::En)
            )
        }
        Err(e) => panic!("{e:?}"),
    }
}

pub(super) const TWO_YEARS: &str = "{first: 2026, last: 2027}";

fn settings(iterations: usize) -> Settings {
    Settings {
        iterations,
        seed: 2026,
        basis: Basis::Netto,
        percentiles: DEFAULT_PERCENTILES.to_vec(),
        certainty: None,
        keep_samples: false,
        extras: true,
    }
}

pub(super) fn run(register: &Register, iterations: usize) -> Results {
    let provenance = Provenance {
        register: "t.yaml".into(),
        sha256: "0".repeat(64),
        scenarios: Vec::new(),
    };
    simulate(register, &settings(iterations), &provenance, &|_| {})
}

pub(super) fn risk(id: &str, rest: &str) -> String {
    let status = if rest.contains("status:") {
        ""
    } else {
        "status: actueel, "
    };
    format!("  - {{id: {id}, title: {id}, category: uitvoering, type: commercieel, {status}{rest}}}\n")
}

#[test]
fn a_certain_fixed_loss_uses_the_reserve_then_charges_the_municipalities() {
    // 300 a year against a reserve of 250 that is not replenished: 2026 takes 250 from the reserve
    // and charges 50; 2027 starts with an empty reserve and charges all 300.
    let r = register_with(&risk("R", "probability: 1, impact: 300"), false, TWO_YEARS);
    let res = run(&r, 1000);
    let h = &res.headline;
    assert_eq!(
        (h.expected_risk_amount, h.risk_amount_sd, h.required.value),
        (300.0, 0.0, 300.0)
    );
    assert_eq!((h.p_reserve_short, h.p_reserve_short_at_cap), (1.0, 0.0));
    assert_eq!(h.ratio, Some(250.0 / 300.0));
    assert_eq!(h.grade, Grade::D);
    assert_eq!(h.sum_of_maxima, 300.0);
    assert!(res.first_year.percentiles.iter().all(|p| p.value == 300.0));
    let y: Vec<_> = res
        .years
        .iter()
        .map(|y| (y.reserve_start_mean, y.overflow_mean, y.contribution_mean))
        .collect();
    assert_eq!(y, [(250.0, 50.0, 50.0), (0.0, 300.0, 300.0)]);
    assert_eq!(res.horizon.contribution.mean, 350.0);
    assert_eq!(res.horizon.p_reserve_short_any_year, 1.0);
    let a = &res.municipalities[0];
    assert_eq!(
        (a.per_year[0].mean, a.per_year[1].mean, a.horizon.mean),
        (30.0, 180.0, 210.0)
    );
    assert_eq!(res.municipalities[1].horizon.mean, 140.0);
}

#[test]
fn replenishment_restores_the_reserve_every_year() {
    let r = register_with(&risk("R", "probability: 1, impact: 300"), true, TWO_YEARS);
    let res = run(&r, 1000);
    let y: Vec<_> = res
        .years
        .iter()
        .map(|y| {
            (
                y.reserve_start_mean,
                y.overflow_mean,
                y.replenishment_mean,
                y.contribution_mean,
            )
        })
        .collect();
    assert_eq!(y, [(250.0, 50.0, 250.0, 300.0), (250.0, 50.0, 250.0, 300.0)]);
}

#[test]
fn a_structural_risk_recurs_once_it_has_occurred() {
    // Certain from 2027 on: nothing in 2026, then 100 in every later year (once, not stacked).
    let horizon = "{first: 2026, last: 2029}";
    let r = register_with(
        &risk(
            "S",
            "status: op termijn, first_year: 2027, probability: 1, impact: 100, recurrence: structureel",
        ),
        false,
        horizon,
    );
    let res = run(&r, 1000);
    let means: Vec<f64> = res.years.iter().map(|y| y.risk_amount.mean).collect();
    assert_eq!(means, [0.0, 100.0, 100.0, 100.0]);
}

#[test]
fn a_structural_risk_with_a_probability_accumulates_over_the_years() {
    // P(it has occurred by year y) = 1 − 0,5^(y+1): means 50, 75, 87,5 within 4 standard errors.
    let horizon = "{first: 2026, last: 2028}";
    let r = register_with(
        &risk("S", "probability: 0.5, impact: 100, recurrence: structureel"),
        false,
        horizon,
    );
    let n = 200_000;
    let res = run(&r, n);
    for (y, result) in res.years.iter().enumerate() {
        let p = 1.0 - 0.5f64.powi(y as i32 + 1);
        let se = 100.0 * (p * (1.0 - p) / n as f64).sqrt();
        assert!(
            (result.risk_amount.mean - 100.0 * p).abs() < 4.0 * se,
            "year {y}: {}",
            result.risk_amount.mean
        );
    }
}

/// A probability over the horizon (`probability_per: periode`): the risk occurs in at most one
/// year, in all years together with its probability, in each year with an equal share; structural,
/// it then recurs. Bounds of 4 standard errors, fixed seed.
#[test]
fn a_probability_per_period_occurs_at_most_once() {
    let horizon = "{first: 2026, last: 2029}";
    let n = 200_000;
    let r = register_with(
        &risk("O", "probability: 0.6, probability_per: periode, impact: 100"),
        false,
        horizon,
    );
    let plan = Plan::new(&r, Basis::Netto, 11, |_| true);
    let totals = engine::run(&plan, n, 4, &|_| {});
    let mut per_year = [0usize; 4];
    let mut any = 0;
    for i in 0..n {
        let years: Vec<usize> = (0..4).filter(|&y| totals.get(i, y) != 0.0).collect();
        assert!(years.len() <= 1, "iteration {i} occurs in {years:?}");
        for &y in &years {
            assert_eq!(totals.get(i, y), 100.0);
            per_year[y] += 1;
        }
        any += years.len();
    }
    let within = |count: usize, p: f64, what: &str| {
        let se = (p * (1.0 - p) / n as f64).sqrt();
        let got = count as f64 / n as f64;
        assert!((got - p).abs() < 4.0 * se, "{what}: {got} against {p}");
    };
    within(any, 0.6, "over the period");
    for (y, &count) in per_year.iter().enumerate() {
        within(count, 0.15, &format!("year {y}"));
    }
    // The register's expected amount of a year agrees: 0,6 × 100 / 4.
    assert_eq!(r.expected_in_year(&r.risks[0], 0, Basis::Netto), Some(15.0));

    // Structural: occurs by year y with probability 0,15 · (y + 1), then costs every year.
    let s = register_with(
        &risk(
            "S",
            "probability: 0.6, probability_per: periode, impact: 100, recurrence: structureel",
        ),
        false,
        horizon,
    );
    let res = run(&s, n);
    for (y, result) in res.years.iter().enumerate() {
        let p = 0.15 * (y + 1) as f64;
        let se = 100.0 * (p * (1.0 - p) / n as f64).sqrt();
        assert!(
            (result.risk_amount.mean - 100.0 * p).abs() < 4.0 * se,
            "year {y}: {}",
            result.risk_amount.mean
        );
    }
}

#[test]
fn a_driver_based_structural_share_follows_the_driver() {
    // 10% of the driver (1000, 2000, 3000), certain and structural: 100, 200, 300.
    let horizon = "{first: 2026, last: 2028}";
    let r = register_with(
        &risk(
            "D",
            "probability: 1, impact: {driver: {name: basis, percent: 10}}, recurrence: structureel",
        ),
        false,
        horizon,
    );
    let res = run(&r, 100);
    let means: Vec<f64> = res.years.iter().map(|y| y.risk_amount.mean).collect();
    assert_eq!(means, [100.0, 200.0, 300.0]);
}

#[test]
fn opportunities_count_negative_and_surpluses_go_to_the_reserve_then_back() {
    let risks = risk("T", "probability: 1, impact: 300") + &risk("K", "kind: kans, probability: 1, impact: 100");
    let res = run(&register_with(&risks, false, TWO_YEARS), 100);
    assert_eq!(res.headline.expected_risk_amount, 200.0);
    // A surplus of 400 each year: the reserve rises from 250 to the cap of 500, 150 goes back; then
    // the whole 400 goes back.
    let r = register_with(&risk("K", "kind: kans, probability: 1, impact: 400"), false, TWO_YEARS);
    let res = run(&r, 100);
    let y: Vec<_> = res
        .years
        .iter()
        .map(|y| (y.reserve_start_mean, y.contribution_mean))
        .collect();
    assert_eq!(y, [(250.0, -150.0), (500.0, -400.0)]);
    assert_eq!(res.headline.sum_of_maxima, 0.0);
}

#[test]
fn nothing_can_happen_when_every_probability_is_zero() {
    let risks = risk("A", "probability: 0, impact: 300")
        + &risk("B", "probability: 0, impact: {pert: {min: 1, mode: 2, max: 9}}");
    let res = run(&register_with(&risks, false, TWO_YEARS), 10_000);
    let h = &res.headline;
    assert_eq!(
        (h.expected_risk_amount, h.required.value, h.p_reserve_short),
        (0.0, 0.0, 0.0)
    );
    assert_eq!((h.ratio, h.grade), (None, Grade::A));
    assert!(
        res.years
            .iter()
            .all(|y| y.contribution_mean == 0.0 && y.p_reserve_short == 0.0)
    );
}

#[test]
fn events_happen_as_often_as_their_probability_or_frequency_says() {
    let n = 400_000;
    for (rest, mean) in [
        ("probability: 0.3", 0.3),
        ("frequency: 2.5", 2.5),
        ("frequency: 0.1", 0.1),
    ] {
        let r = register_with(&risk("E", &format!("{rest}, impact: 1")), false, TWO_YEARS);
        let res = run(&r, n);
        let var = if rest.starts_with("prob") {
            mean * (1.0 - mean)
        } else {
            mean
        };
        let se = (var / n as f64).sqrt();
        assert!(
            (res.headline.expected_risk_amount - mean).abs() < 4.0 * se,
            "{rest}: {}",
            res.headline.expected_risk_amount
        );
    }
}

/// Kolmogorov–Smirnov for the two-point law of an occurrence: D = |observed − p| against the 0,1%
/// critical value 1,949/√n.
#[test]
fn bernoulli_occurrences_pass_kolmogorov_smirnov() {
    for p in [0.05, 0.25, 0.6321, 0.99] {
        let r = register_with(&risk("E", &format!("probability: {p}, impact: 1")), false, TWO_YEARS);
        let plan = Plan::new(&r, Basis::Netto, 5, |_| true);
        let n = 1_000_000u64;
        let (stream, _) = plan.risks[0].streams[0];
        let hits = (0..n).filter(|&i| plan.risks[0].occurs(stream.draw(i))).count();
        let d = (hits as f64 / n as f64 - p).abs();
        assert!(d < 1.949 / (n as f64).sqrt(), "p {p}: D = {d}");
    }
}

#[test]
fn the_json_is_identical_for_1_2_and_4_threads() {
    let risks = risk("A", "probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}")
        + &risk("B", "frequency: 1.5, impact: {lognormal: {p5: 5, p95: 80}}")
        + &risk(
            "C",
            "probability: 0.6, impact: {triangular: {min: 50, mode: 60, max: 150}}, recurrence: structureel",
        )
        + &risk(
            "D",
            "kind: kans, probability: 0.2, impact: {uniform: {min: 10, max: 30}}",
        );
    let r = register_with(&risks, false, "{first: 2026, last: 2028}");
    assert_same_json_for_threads(&r, &[1, 2, 4]);
}

/// The results' JSON of 30.001 iterations (not a whole number of blocks) is the same bytes for
/// every thread count given.
pub(super) fn assert_same_json_for_threads(r: &Register, threads: &[usize]) {
    let json: Vec<Vec<u8>> = threads
        .iter()
        .map(|&threads| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            pool.install(|| crate::export::json::to_bytes(&run(r, 30_001)))
        })
        .collect();
    for (k, bytes) in json.iter().enumerate().skip(1) {
        assert_eq!(&json[0], bytes, "{} threads against {}", threads[k], threads[0]);
    }
}

#[test]
fn changing_or_adding_a_risk_leaves_the_other_risks_draws_unchanged() {
    let a = risk("A", "probability: 0.4, impact: {pert: {min: 10, mode: 40, max: 200}}");
    let base = register_with(
        &(a.clone() + &risk("B", "probability: 0.3, impact: 100")),
        false,
        TWO_YEARS,
    );
    let changed = register_with(
        &(risk("Z", "frequency: 3, impact: 7")
            + &a
            + &risk("B", "probability: 0.9, impact: {uniform: {min: 1, max: 500}}")),
        false,
        TWO_YEARS,
    );
    let plan_of = |r: &Register| Plan::new(r, Basis::Netto, 99, |_| true);
    let (p1, p2) = (plan_of(&base), plan_of(&changed));
    let a1 = p1.risks.iter().find(|p| base.risks[p.index].id == "A").unwrap();
    let a2 = p2.risks.iter().find(|p| changed.risks[p.index].id == "A").unwrap();
    assert!((0..100_000).all(|i| a1.first_year_loss(i) == a2.first_year_loss(i)));
    // And through the engine: year totals differ by exactly the changed risks' losses.
    let (t1, t2) = (engine::run(&p1, 5000, 2, &|_| {}), engine::run(&p2, 5000, 2, &|_| {}));
    let others = |p: &Plan, r: &Register, i: usize| -> f64 {
        p.risks
            .iter()
            .filter(|x| r.risks[x.index].id != "A")
            .map(|x| x.first_year_loss(i as u64))
            .sum()
    };
    for i in 0..5000 {
        let a_only_1 = t1.get(i, 0) - others(&p1, &base, i);
        let a_only_2 = t2.get(i, 0) - others(&p2, &changed, i);
        assert!((a_only_1 - a_only_2).abs() < 1e-9, "iteration {i}");
    }
}

/// What the contributions pass recomputes per risk is exactly what the engine added, not merely
/// close, also where a driver scales the impact (folded into the distribution in both).
#[test]
fn the_engine_adds_exactly_each_risks_first_year_loss() {
    for text in [
        "probability: 0.6, impact: {driver: {name: basis, percent: {pert: {min: 1.3, mode: 2.7, max: 9.1}}}}",
        "frequency: 2.5, impact: {driver: {name: basis, percent: {triangular: {min: 0.7, mode: 1.1, max: 3.3}}}}",
        "probability: 0.4, impact: {driver: {name: basis, percent: {uniform: {min: 0.3, max: 7.7}}}}",
        "frequency: 1.5, impact: {lognormal: {p5: 5.3, p95: 81.7}}",
        "probability: 0.5, impact: {driver: {name: basis, percent: 3.3}}, recurrence: structureel",
        "probability: 0.9, probability_per: periode, impact: {driver: {name: basis, percent: {pert: {min: 1.3, mode: 2.7, max: 9.1}}}}",
        "probability: 0.9, probability_per: periode, impact: {driver: {name: basis, percent: 3.3}}, recurrence: structureel",
    ] {
        let register = register_with(&risk("A", text), false, TWO_YEARS);
        let plan = Plan::new(&register, Basis::Netto, 7, |_| true);
        let totals = engine::run(&plan, 20_000, 1, &|_| {});
        let risk = &plan.risks[0];
        let mut occurred = 0;
        for i in 0..20_000 {
            let loss = risk.first_year_loss(i as u64);
            // Equal, not close (0 and -0 for no occurrence compare equal).
            assert_eq!(totals.get(i, 0), loss, "{text}: iteration {i}");
            occurred += usize::from(loss != 0.0);
        }
        assert!(occurred > 5_000, "{text}: {occurred}");
    }
}

/// The first year block by block on one thread (the sensitivity's way) is the engine's first
/// year, to the bit: every kind of risk, a correlation group and a last block that is not full.
/// Failed with the correlated draws filled for the wrong block.
#[test]
fn the_first_year_by_block_is_the_engines_first_year() {
    let risks = risk("A", "probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}")
        + &risk("B", "frequency: 1.5, impact: {lognormal: {p5: 5, p95: 80}}")
        + &risk(
            "C",
            "probability: 0.5, impact: {driver: {name: basis, percent: 3.3}}, recurrence: structureel",
        )
        + &risk("D", "probability: 0.6, impact: {uniform: {min: 5, max: 50}}")
        + &risk(
            "E",
            "probability: 0.4, impact: {triangular: {min: 1, mode: 20, max: 90}}",
        )
        + "correlations:\n  - {risks: [A, D, E], rank: 0.6}\n";
    let register = register_with(&risks, false, TWO_YEARS);
    let plan = Plan::new(&register, Basis::Netto, 11, |_| true);
    let n = 3 * engine::BLOCK + 1_234;
    let mut whole = Vec::new();
    engine::run(&plan, n, 2, &|_| {}).year_into(0, &mut whole);
    let mut by_block = Vec::new();
    engine::first_year_by_block(&plan, n, |start, block| {
        assert_eq!(start, by_block.len(), "blocks in order");
        by_block.extend_from_slice(block);
    });
    assert_eq!(by_block.len(), n);
    for (i, (a, b)) in whole.iter().zip(&by_block).enumerate() {
        assert_eq!(a.to_bits(), b.to_bits(), "iteration {i}");
    }
}

#[test]
fn tail_contributions_add_up_to_the_tail_mean() {
    let risks = risk("A", "probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}")
        + &risk("B", "frequency: 1.5, impact: {lognormal: {p5: 5, p95: 80}}")
        + &risk("C", "probability: 0.6, impact: {uniform: {min: 50, max: 150}}");
    let res = run(&register_with(&risks, false, TWO_YEARS), 50_000);
    let sum_tail: f64 = res.contributions.iter().map(|c| c.worst_years_mean).sum();
    assert!(
        (sum_tail - res.first_year.tail_mean).abs() < 1e-6 * res.first_year.tail_mean,
        "{sum_tail} vs {}",
        res.first_year.tail_mean
    );
    let shares: f64 = res.contributions.iter().map(|c| c.share_of_worst_years).sum();
    assert!((shares - 1.0).abs() < 1e-9);
    // The risks' exact expected losses add up to the simulated mean within 4 standard errors.
    let means: f64 = res.contributions.iter().map(|c| c.mean).sum();
    let se = res.headline.risk_amount_sd / (50_000f64).sqrt();
    assert!(
        (means - res.headline.expected_risk_amount).abs() < 4.0 * se,
        "{means} vs {}",
        res.headline.expected_risk_amount
    );
    let shares: f64 = res.contributions.iter().map(|c| c.share_of_mean).sum();
    assert!((shares - 1.0).abs() < 1e-12);
}

#[test]
fn segments_are_separate_runs_of_their_own_risks() {
    let risks = risk("A", "probability: 1, impact: 300")
        + "  - {id: B, title: B, category: omgeving, type: politiek, status: actueel, probability: 1, impact: 50}\n";
    let res = run(&register_with(&risks, false, TWO_YEARS), 100);
    let by_id = |list: &[crate::results::Segment], id: &str| list.iter().find(|s| s.id == id).unwrap().clone();
    assert_eq!(
        by_id(&res.segments.as_ref().unwrap().categories, "uitvoering").mean,
        300.0
    );
    assert_eq!(
        by_id(&res.segments.as_ref().unwrap().categories, "omgeving").at_certainty,
        50.0
    );
    assert_eq!(by_id(&res.segments.as_ref().unwrap().types, "politiek").risks, 1);
    assert_eq!(
        by_id(&res.segments.as_ref().unwrap().categories, "arbeidsvoorwaarden").risks,
        0
    );
}

/// The segments made in the netto run, and the reserve's figures made in one settling pass from
/// windows of values (both at more iterations than their pilots, so the windows are used), against
/// the plain way: each group of risks run on its own and its whole column sorted, each settled
/// figure's whole column sorted. Percentiles to the bit, means within rounding. Every kind of risk:
/// structural, a frequency, a probability per period, a fixed impact (a point mass), a driver, two
/// correlated risks, a segment with no risks (politiek is all zeros), a category and a type that
/// hold the same one risk (E: they share a row).
#[test]
fn segments_years_and_reserve_figures_are_those_of_the_whole_columns() {
    let line = |id: &str, category: &str, kind: &str, rest: &str| {
        format!("  - {{id: {id}, title: {id}, category: {category}, type: {kind}, status: actueel, {rest}}}\n")
    };
    let risks = [
        line(
            "A",
            "uitvoering",
            "commercieel",
            "probability: 0.3, impact: {uniform: {min: 100, max: 400}}, recurrence: structureel",
        ),
        line(
            "B",
            "omgeving",
            "uitvoering-financieel",
            "frequency: 1.5, impact: {triangular: {min: 0, mode: 20, max: 90}}",
        ),
        line("C", "omgeving", "commercieel", "probability: 0.6, impact: 50"),
        line(
            "D",
            "arbeidsvoorwaarden",
            "uitvoering-financieel",
            "probability: 0.5, probability_per: periode, impact: 120",
        ),
        line(
            "E",
            "wet-en-regelgeving",
            "demografisch-fiscaal",
            "probability: 0.4, impact: {driver: {name: basis, percent: {uniform: {min: 1, max: 5}}}}",
        ),
        line(
            "F",
            "omgeving",
            "commercieel",
            "kind: kans, probability: 0.5, impact: {uniform: {min: 100, max: 600}}",
        ),
    ]
    .concat();
    // The reserve carried over, and replenished to a planned balance that changes (the years'
    // figures then settled from each year's order statistics).
    for replenish in [false, true] {
        let mut r = register_with(
            &format!("{risks}correlations:\n  - {{risks: [A, B], rank: 0.5}}\n"),
            replenish,
            TWO_YEARS,
        );
        if replenish {
            r.reserve.balance = vec![250.0, 40.0];
        }
        segments_years_and_reserve_figures_of(&r);
    }
}

fn segments_years_and_reserve_figures_of(r: &Register) {
    let n = 3 * PILOT + 123;
    let res = run(r, n);
    let certainty = r.reserve.certainty;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * a.abs().max(1.0);
    let years = r.horizon.len();
    // The segments: each group alone, over the same years (a structural risk's first year is
    // then drawn as in the netto run), its first year sorted.
    let segments = res.segments.as_ref().unwrap();
    let all = segments
        .categories
        .iter()
        .map(|s| (s, true))
        .chain(segments.types.iter().map(|s| (s, false)));
    for (segment, is_category) in all {
        let keep = |i: usize| {
            let risk = &r.risks[i];
            if is_category {
                r.categories[risk.category].id == segment.id
            } else {
                r.risk_types[risk.risk_type].id == segment.id
            }
        };
        let plan = Plan::new(r, Basis::Netto, 2026, keep);
        let mut values = Vec::new();
        engine::run(&plan, n, years, &|_| {}).year_into(0, &mut values);
        let sorted = Sorted::new(values);
        assert_eq!(segment.risks, plan.risks.len(), "{}", segment.id);
        assert_eq!(
            segment.at_certainty.to_bits(),
            sorted.quantile(certainty).to_bits(),
            "{}",
            segment.id
        );
        for (got, want) in [(segment.mean, sorted.mean), (segment.sd, sorted.sd)] {
            assert!(close(got, want), "{}: {got} against {want}", segment.id);
        }
    }
    assert_eq!(segments.types.iter().find(|s| s.id == "politiek").unwrap().risks, 0);
    // The reserve's figures: every iteration settled on its own, each figure's column sorted.
    let plan = Plan::new(r, Basis::Netto, 2026, |_| true);
    let totals = engine::run(&plan, n, years, &|_| {});
    let mut columns = vec![Vec::with_capacity(n); 2 * years + 2];
    for i in 0..n {
        let mut out = vec![settlement::YearOutcome::default(); years];
        settle(|y| totals.get(i, y), &r.reserve, &mut out);
        for (y, o) in out.iter().enumerate() {
            columns[2 * y].push(o.overflow);
            columns[2 * y + 1].push(o.contribution());
        }
        columns[2 * years].push(out.iter().map(|o| o.contribution()).sum());
        columns[2 * years + 1].push((0..years).map(|y| totals.get(i, y)).sum());
    }
    let sorted: Vec<Sorted> = columns.into_iter().map(Sorted::new).collect();
    // Each year's risk amount: its column of totals sorted.
    for (y, year) in res.years.iter().enumerate() {
        let mut values = Vec::new();
        totals.year_into(y, &mut values);
        let whole = Sorted::new(values);
        let got = &year.risk_amount;
        for (p, at) in got.percentiles.iter().zip(&DEFAULT_PERCENTILES) {
            let want = whole.percentile(*at);
            assert_eq!(
                [p.value, p.ci_low, p.ci_high].map(f64::to_bits),
                [want.value, want.ci_low, want.ci_high].map(f64::to_bits),
                "year {y}, percentile {at}"
            );
        }
        assert_eq!(
            [got.min, got.max].map(f64::to_bits),
            [whole.min(), whole.max()].map(f64::to_bits)
        );
        assert_eq!(got.at_certainty, whole.percentile(certainty));
        let tail = whole.mean_from(got.at_certainty.value);
        for (g, w) in [(got.mean, whole.mean), (got.sd, whole.sd), (got.tail_mean, tail)] {
            assert!(close(g, w), "year {y}: {g} against {w}");
        }
        if y == 0 {
            assert_eq!(res.headline.p_reserve_short, whole.share_above(r.reserve.balance[0]));
        }
    }
    for (y, year) in res.years.iter().enumerate() {
        let (overflow, contribution) = (&sorted[2 * y], &sorted[2 * y + 1]);
        assert_eq!(
            year.overflow_at_certainty.to_bits(),
            overflow.quantile(certainty).to_bits()
        );
        assert_eq!(
            year.contribution_at_certainty.to_bits(),
            contribution.quantile(certainty).to_bits()
        );
        assert_eq!(year.contribution_median.to_bits(), contribution.quantile(0.5).to_bits());
        assert!(close(year.overflow_mean, overflow.mean));
        assert!(close(year.contribution_mean, contribution.mean));
    }
    let horizon = &res.horizon;
    assert_eq!(
        horizon.contribution.at_certainty.to_bits(),
        sorted[2 * years].quantile(certainty).to_bits()
    );
    assert_eq!(
        horizon.risk_amount.at_certainty.to_bits(),
        sorted[2 * years + 1].quantile(certainty).to_bits()
    );
    assert!(close(horizon.contribution.mean, sorted[2 * years].mean));
    assert!(close(horizon.risk_amount.mean, sorted[2 * years + 1].mean));
}

#[test]
fn bruto_ignores_measures_netto_counts_those_in_place() {
    let r = register_with(
        &risk(
            "M",
            "probability: 1, impact: 200, mitigations: [{description: x, state: uitgevoerd, impact_factor: 0.5}, {description: y, state: gepland, probability_factor: 0}]",
        ),
        false,
        TWO_YEARS,
    );
    let res = run(&r, 100);
    assert_eq!(
        (
            res.bruto_netto.as_ref().unwrap().bruto.mean,
            res.bruto_netto.as_ref().unwrap().netto.mean
        ),
        (200.0, 100.0)
    );
    let mut with_planned = settings(100);
    with_planned.basis = Basis::NettoWithPlanned;
    let provenance = Provenance {
        register: String::new(),
        sha256: String::new(),
        scenarios: Vec::new(),
    };
    assert_eq!(
        simulate(&r, &with_planned, &provenance, &|_| {})
            .headline
            .expected_risk_amount,
        0.0
    );
}

/// The chance that the reserve falls short in the first year is one figure: the headline's and
/// the first year's (which `compare` and `sweep` show) are the same number, to the bit.
#[test]
fn the_chance_the_reserve_falls_short_is_one_figure() {
    for replenish in [false, true] {
        let r = register_with(
            &risk("A", "probability: 0.6, impact: {pert: {min: 100, mode: 250, max: 900}}"),
            replenish,
            TWO_YEARS,
        );
        let res = run(&r, 20_000);
        assert!(res.headline.p_reserve_short > 0.1 && res.headline.p_reserve_short < 0.9);
        assert_eq!(
            res.headline.p_reserve_short.to_bits(),
            res.years[0].p_reserve_short.to_bits()
        );
    }
}

/// Opportunities that outweigh the threats need no capacity: the benodigde weerstandscapaciteit is
/// 0, not negative, and the ratio says why it is not a number.
#[test]
fn a_certain_opportunity_needs_no_negative_capacity() {
    let r = register_with(
        &format!(
            "{}{}",
            risk("K", "probability: 1, impact: 10000000, kind: kans"),
            risk("T", "probability: 1, impact: 100")
        ),
        false,
        TWO_YEARS,
    );
    let res = run(&r, 2000);
    let h = &res.headline;
    assert_eq!(
        (h.required.value, h.required.ci_low, h.required.ci_high),
        (0.0, 0.0, 0.0)
    );
    assert!(
        res.first_year.percentiles.iter().all(|p| p.value < 0.0),
        "the risk amount itself stays negative"
    );
    assert_eq!(h.ratio, None);
    let facts = crate::summary::facts(&res, crate::Lang::Nl);
    assert!(facts.required.ends_with(": € 0"), "{}", facts.required);
    assert!(
        facts
            .ratio
            .contains("∞ (er is geen weerstandscapaciteit nodig; klasse A"),
        "{}",
        facts.ratio
    );
}

/// The up-front estimate of a run's time grows with the draws it makes: a register of frequent
/// risks at many iterations is announced, the example register at the default is not.
#[test]
fn the_time_estimate_follows_the_draws() {
    let frequent: String = (0..1000)
        .map(|i| {
            risk(
                &format!("F{i}"),
                "frequency: 1000, impact: {pert: {min: 1, mode: 2, max: 5}}",
            )
        })
        .collect();
    let r = register_with(&frequent, false, "{first: 2026, last: 2029}");
    let at = settings;
    assert!(seconds_estimate(&r, &at(100_000), 2) > 60.0);
    let small = register_with(&risk("A", "probability: 0.5, impact: 100"), false, TWO_YEARS);
    assert!(seconds_estimate(&small, &at(100_000), 2) < 1.0);
    // Twice the iterations, twice the time; twice the threads, half.
    let one = seconds_estimate(&r, &at(1000), 1);
    assert!((seconds_estimate(&r, &at(2000), 1) - 2.0 * one).abs() < 1e-9 * one);
    assert!((seconds_estimate(&r, &at(1000), 2) - one / 2.0).abs() < 1e-9 * one);
}

/// A key per taakveld and a key that changes from a year on. Worked by hand: two certain risks, 200
/// charged by the main key (A 60%, B 40%) and 300 by the `wsw` key (A 20%, B 30%, C 50%; from 2027
/// C has left: A 40%, B 60%), a reserve of 250 topped up every year. Every year the municipalities
/// pay the whole 500, split by the risks' own keys.
#[test]
fn each_risk_is_charged_by_its_own_key_in_each_year() {
    let key = "{municipalities: [{name: A, share: 60%}, {name: B, share: 40%}], taakvelden: [{name: wsw, municipalities: [{name: A, share: 20%}, {name: B, share: 30%}, {name: C, share: 50%}], from: {2027: [{name: A, share: 40%}, {name: B, share: 60%}]}}]}";
    let risks = risk("R", "probability: 1, impact: 200") + &risk("W", "probability: 1, impact: 300, taakveld: wsw");
    let r = register_with_key(&risks, true, TWO_YEARS, key);
    assert_eq!(r.risks[1].taakveld, Some(0));
    let res = run(&r, 1000);
    let got: Vec<(String, Vec<f64>, f64)> = res
        .municipalities
        .iter()
        .map(|m| {
            (
                m.name.clone(),
                m.per_year.iter().map(|y| (y.mean * 1e6).round() / 1e6).collect(),
                (m.horizon.at_certainty * 1e6).round() / 1e6,
            )
        })
        .collect();
    // 2026: A 0,6·200 + 0,2·300 = 180, B 80 + 90 = 170, C 150; 2027: A 120 + 120, B 80 + 180, C 0.
    assert_eq!(
        got,
        [
            ("A".to_string(), vec![180.0, 240.0], 420.0),
            ("B".to_string(), vec![170.0, 260.0], 430.0),
            ("C".to_string(), vec![150.0, 0.0], 150.0),
        ]
    );
    assert!(res.municipalities.iter().all(|m| m.share.is_none()), "no one share");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Whatever the keys, the risks and the reserve, the municipalities' mean contributions add up to
    /// the year's mean extra contribution (the split is exact per iteration, so the means agree to
    /// rounding).
    #[test]
    fn the_municipalities_contributions_add_up(
        p in 0.05f64..1.0,
        q in 0.05f64..1.0,
        a in 1u32..99,
        b in 1u32..99,
        replenish: bool,
        opportunity: bool,
    ) {
        let key = format!(
            "{{municipalities: [{{name: A, share: {a}%}}, {{name: B, share: {}%}}], taakvelden: [{{name: t, municipalities: [{{name: B, share: {b}%}}, {{name: C, share: {}%}}], from: {{2027: [{{name: C, share: 100%}}]}}}}]}}",
            100 - a,
            100 - b
        );
        let kind = if opportunity { ", kind: kans" } else { "" };
        let risks = risk("R", &format!("probability: {p}, impact: {{uniform: {{min: 100, max: 400}}}}"))
            + &risk("W", &format!("probability: {q}, impact: {{uniform: {{min: 50, max: 600}}}}, taakveld: t{kind}"));
        let r = register_with_key(&risks, replenish, TWO_YEARS, &key);
        let res = run(&r, 2000);
        for (y, year) in res.years.iter().enumerate() {
            let sum: f64 = res.municipalities.iter().map(|m| m.per_year[y].mean).sum();
            proptest::prop_assert!(
                (sum - year.contribution_mean).abs() <= 1e-9 * year.contribution_mean.abs().max(1.0),
                "year {}: {sum} against {}", year.year, year.contribution_mean
            );
        }
        let sum: f64 = res.municipalities.iter().map(|m| m.horizon.mean).sum();
        proptest::prop_assert!((sum - res.horizon.contribution.mean).abs() <= 1e-9 * res.horizon.contribution.mean.abs().max(1.0));
    }
}

/// The progress a simulation reports adds up to the work [`work`] announces before it starts, for
/// a plain register, one with a later risk and a frequency, and one with a key per taakveld: a pass
/// that reports nothing (or reports twice) would leave the bar stuck or running over, and its
/// estimate of the time left wrong.
#[test]
fn the_progress_reported_is_the_work_announced() {
    let key = "{municipalities: [{name: A, share: 60%}, {name: B, share: 40%}], taakvelden: [{name: wsw, municipalities: [{name: A, share: 20%}, {name: B, share: 80%}]}]}";
    let plain = risk("R", "probability: 0.5, impact: 200")
        + &risk("S", "probability: 0.3, impact: {uniform: {min: 1, max: 9}}");
    let later = plain.clone()
        + &risk("F", "frequency: 2.5, impact: 10")
        + &risk(
            "L",
            "probability: 0.5, impact: 50, status: op termijn, first_year: 2027",
        );
    let keyed = plain.clone() + &risk("W", "probability: 0.9, impact: 300, taakveld: wsw");
    for (name, r) in [
        ("plain", register_with(&plain, true, TWO_YEARS)),
        ("later", register_with(&later, false, TWO_YEARS)),
        ("keyed", register_with_key(&keyed, true, TWO_YEARS, key)),
    ] {
        for extras in [true, false] {
            let mut s = settings(10_000);
            s.extras = extras;
            let announced = work(&r, &s);
            let reported = std::sync::atomic::AtomicU64::new(0);
            simulate(&r, &s, &Provenance::default(), &|units| {
                reported.fetch_add(units, std::sync::atomic::Ordering::Relaxed);
            });
            let reported = reported.into_inner() as f64;
            let announced = announced as f64;
            assert!(
                (reported - announced).abs() <= 0.01 * announced,
                "{name}, extras {extras}: reported {reported}, announced {announced}"
            );
        }
    }
}

/// A structural risk that occurred stays occurred, whatever amount it drew, 0 included: the amount
/// is no marker. Each occurrence's impact here is exactly 0 half the time (`5e-324 · u` rounds to 0
/// for u below ½) and the smallest amount above 0 otherwise, so a year's value is 0 unless one of
/// its occurrences drew more. With λ occurrences a year (Poisson; q = e^−λ no occurrence), a year's
/// value is above 0 with a = 1 − e^−λ/2 and 0 after occurring with b = e^−λ/2 − q. The second
/// year's total is above 0 when the first year's value was (a) or the risk first occurred in the
/// second year with one (q·a); re-drawing a risk whose first value was 0 would add b·a (0,06 at
/// λ = 0,7). Bound: five standard errors of the fraction. (A structural risk with a probability
/// draws its amount once, from its first year's stream, so it cannot show the fault.)
#[test]
fn a_structural_risk_that_drew_zero_has_occurred() {
    let lambda: f64 = 0.7;
    let r = register_with(
        &risk(
            "S",
            &format!("frequency: {lambda}, recurrence: structureel, impact: {{uniform: {{min: 0, max: 5e-324}}}}"),
        ),
        false,
        TWO_YEARS,
    );
    let plan = crate::sim::plan::Plan::new(&r, crate::model::Basis::Netto, 17, |_| true);
    let n = 200_000;
    let totals = engine::run(&plan, n, 2, &|_| {});
    let above = |y: usize| (0..n).filter(|&i| totals.get(i, y) > 0.0).count() as f64 / n as f64;
    let q = (-lambda).exp();
    let a = 1.0 - (-lambda / 2.0).exp();
    for (y, p) in [(0, a), (1, a + q * a)] {
        let se = (p * (1.0 - p) / n as f64).sqrt();
        assert!(
            (above(y) - p).abs() < 5.0 * se,
            "year {y}: {} of the iterations above 0, expected {p} ± {}",
            above(y),
            5.0 * se
        );
    }
}

/// The largest frequency a register allows keeps every iteration's occurrences below the spacing
/// of the repeated occurrences' counters (the plan asserts it for every risk).
#[test]
fn the_largest_frequency_keeps_its_occurrences_apart() {
    let table = crate::sim::poisson::PoissonTable::new(crate::register::risks::MAX_FREQUENCY);
    assert!(
        table.max_count() < 1 << crate::sim::plan::REPEAT_SHIFT,
        "{}",
        table.max_count()
    );
    assert!(table.max_count() > 1000, "{}", table.max_count());
}

/// Bruto is run again only when a measure changes a risk; otherwise its figures are netto's (the
/// same figures, to the bit), which are what a bruto run gives (same draws: its percentile to the
/// bit, its means within rounding), and a measure with an effect still gets its own run.
#[test]
fn bruto_is_netto_without_a_measure_that_changes_anything() {
    let plain = risk("R", "probability: 0.5, impact: {uniform: {min: 100, max: 300}}")
        + &risk("S", "frequency: 0.7, impact: 50, recurrence: structureel");
    let r = register_with(&plain, true, TWO_YEARS);
    assert!(!bruto_differs(&r, Basis::Netto));
    let res = run(&r, 20_000);
    let bn = res.bruto_netto.as_ref().unwrap();
    let plan = crate::sim::plan::Plan::new(&r, Basis::Bruto, 2026, |_| true);
    let totals = engine::run(&plan, 20_000, 2, &|_| {});
    assert_eq!(
        (bn.bruto.mean, bn.bruto.at_certainty, &bn.bruto_per_year),
        (bn.netto.mean, bn.netto.at_certainty, &bn.netto_per_year)
    );
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
    for (y, &mean) in bn.bruto_per_year.iter().enumerate() {
        assert!(close(mean, totals.mean(y)), "year {y}");
    }
    let mut first = Vec::new();
    totals.year_into(0, &mut first);
    let sorted = crate::stats::distribution::Sorted::new(first);
    assert!(close(bn.bruto.mean, sorted.mean));
    assert_eq!(bn.bruto.at_certainty, sorted.quantile(0.9));
    let measured = risk(
        "R",
        "probability: 0.5, impact: 200, mitigations: [{description: m, state: uitgevoerd, impact_factor: 0.5}]",
    );
    let r = register_with(&measured, true, TWO_YEARS);
    assert!(bruto_differs(&r, Basis::Netto));
    let bn = run(&r, 20_000).bruto_netto.unwrap();
    assert!(
        (bn.bruto.mean - 2.0 * bn.netto.mean).abs() < 1e-9 * bn.bruto.mean,
        "{bn:?}"
    );
}

/// The five risks of the prefix tests, with `d` as risk D's fields and `e` as E's probability:
/// every kind of risk, a correlation group across the prefix's end (A, D, E) and three years.
fn prefix_register(d: &str, e: &str) -> Register {
    let risks = risk("A", "probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}")
        + &risk("B", "frequency: 1.5, impact: {lognormal: {p5: 5, p95: 80}}")
        + &risk(
            "C",
            "probability: 0.5, impact: {driver: {name: basis, percent: 3.3}}, recurrence: structureel",
        )
        + &risk("D", d)
        + &risk(
            "E",
            &format!(
                "probability: {e}, probability_per: periode, impact: {{triangular: {{min: 1, mode: 20, max: 90}}}}"
            ),
        )
        + "correlations:\n  - {risks: [A, D, E], rank: 0.6}\n";
    register_with(&risks, false, "{first: 2026, last: 2028}")
}

/// A run started from another plan's prefix (the risks both plans share, summed once) is the whole
/// run of its own plan to the bit, in every year; a prefix that does not fit is not used, and the
/// run is whole all the same. Seen failing with the prefix's blocks copied one block off.
#[test]
fn a_run_from_a_shared_prefix_is_its_whole_run_to_the_bit() {
    let base = Plan::new(
        &prefix_register("probability: 0.6, impact: {uniform: {min: 5, max: 50}}", "0.4"),
        Basis::Netto,
        11,
        |_| true,
    );
    let changed = Plan::new(
        &prefix_register("probability: 0.2, impact: {uniform: {min: 5, max: 50}}", "0.4"),
        Basis::Netto,
        11,
        |_| true,
    );
    // A, B and C come before D in the engine's order.
    assert_eq!(base.shared_risks(&changed), 3);
    assert_eq!(base.shared_risks(&base), 5);
    let n = 3 * engine::BLOCK + 1_234;
    // Equal to the bit in every iteration and year; the first that differs, if any.
    let differs = |a: &engine::Totals, b: &engine::Totals| {
        (0..n)
            .flat_map(|i| (0..3).map(move |y| (i, y)))
            .find(|&(i, y)| a.get(i, y).to_bits() != b.get(i, y).to_bits())
    };
    let prefix = engine::Prefix::new(&base, 3, n, 3);
    assert_eq!(prefix.skips(&changed, n, 3), 3, "the prefix fits and is used");
    let whole = engine::run(&changed, n, 3, &|_| {});
    assert_eq!(
        differs(&engine::run_from(&changed, n, 3, &|_| {}, Some(&prefix)), &whole),
        None
    );
    // The whole shared plan: nothing left to draw.
    let all = engine::Prefix::new(&base, 5, n, 3);
    assert_eq!(all.skips(&base, n, 3), 5);
    let run_all = engine::run_from(&base, n, 3, &|_| {}, Some(&all));
    assert_eq!(differs(&run_all, &engine::run(&base, n, 3, &|_| {})), None);
    // Not fitting: another size, or a plan that begins otherwise (D's prefix on a plan whose D
    // differs).
    assert_eq!(prefix.skips(&changed, n - 1, 3), 0);
    assert_eq!(prefix.skips(&changed, n, 2), 0);
    let four = engine::Prefix::new(&base, 4, n, 3);
    assert_eq!(four.skips(&changed, n, 3), 0);
    assert_eq!(
        differs(&engine::run_from(&changed, n, 3, &|_| {}, Some(&four)), &whole),
        None
    );
}

/// A streamed run reads every block as [`engine::run`] makes it, every year, in block order, and
/// stores the first years it keeps of them: from the pilot's blocks (kept whole and placed from)
/// and from those made after, for any pilot size, with and without a prefix, and with groups
/// (whose rows reach `consume` for every block, the pilot's ones too). Seen failing with the
/// pilot's blocks given to `consume` one block off, and with the stored years copied from the
/// whole block's last years.
#[test]
fn a_streamed_run_reads_and_keeps_the_blocks_of_the_whole_run() {
    let register = prefix_register("probability: 0.6, impact: {uniform: {min: 5, max: 50}}", "0.4");
    let plan = Plan::new(&register, Basis::Netto, 11, |_| true);
    let (n, years) = (3 * engine::BLOCK + 1_234, 3);
    let whole = engine::run(&plan, n, years, &|_| {});
    let prefix = engine::Prefix::new(&plan, 3, n, years);
    let grouping = engine::Grouping {
        of: plan.risks.iter().map(|p| [p.index % 2, 2 + p.index % 3]).collect(),
        groups: 5,
    };
    // Each group's first year, its risks run alone.
    let alone: Vec<engine::Totals> = (0..grouping.groups)
        .map(|g| {
            let of = |i: usize| [i % 2, 2 + i % 3].contains(&g);
            engine::run(&Plan::new(&register, Basis::Netto, 11, of), n, 1, &|_| {})
        })
        .collect();
    let blocks = n.div_ceil(engine::BLOCK);
    for pilot in [1, 5_000, engine::BLOCK, 2 * engine::BLOCK + 1, n] {
        for keep in [1, years] {
            for (prefix, grouping) in [
                (None, &engine::Grouping::default()),
                (Some(&prefix), &engine::Grouping::default()),
                (None, &grouping),
            ] {
                let case = format!("pilot {pilot}, keep {keep}, prefix {}", prefix.is_some());
                let place = |first: &engine::Pilot| {
                    let first_blocks = pilot.div_ceil(engine::BLOCK).min(blocks);
                    assert_eq!(first.rows.len(), first_blocks, "{case}");
                    assert!(first.totals.iterations >= pilot, "{case}");
                    for i in 0..first.totals.iterations {
                        for y in 0..years {
                            assert_eq!(first.totals.get(i, y).to_bits(), whole.get(i, y).to_bits(), "{case}");
                        }
                    }
                    first.rows.clone()
                };
                let (stored, pilot_rows, read) = engine::run_streamed(
                    &plan,
                    n,
                    years,
                    &|_| {},
                    (pilot, keep),
                    grouping,
                    prefix,
                    place,
                    |_, _: &mut (), block, rows, len| (block.to_vec(), rows.to_vec(), len),
                );
                assert_eq!(read.len(), blocks, "{case}");
                for (b, (block, rows, len)) in read.iter().enumerate() {
                    assert_eq!(*len, (n - b * engine::BLOCK).min(engine::BLOCK), "{case}");
                    let (want, _) = whole.block(b);
                    for y in 0..years {
                        let at = y * engine::BLOCK;
                        let same = block[at..at + len]
                            .iter()
                            .zip(&want[at..at + len])
                            .all(|(a, b)| a.to_bits() == b.to_bits());
                        assert!(same, "{case}: block {b}, year {y}");
                    }
                    assert_eq!(rows.len(), grouping.groups, "{case}");
                    for (g, row) in rows.iter().enumerate() {
                        let want = &alone[g].block(b).0[..*len];
                        let same = row[..*len].iter().zip(want).all(|(a, b)| a.to_bits() == b.to_bits());
                        assert!(same, "{case}: block {b}, group {g}");
                    }
                    if let Some(first) = pilot_rows.get(b) {
                        assert_eq!(&first[..], &rows[..], "{case}: the pilot's rows of block {b}");
                    }
                }
                assert_eq!((stored.iterations, stored.years), (n, keep), "{case}");
                for i in 0..n {
                    for y in 0..keep {
                        assert_eq!(
                            stored.get(i, y).to_bits(),
                            whole.get(i, y).to_bits(),
                            "{case}: {i}, {y}"
                        );
                    }
                }
            }
        }
    }
}

/// The settlement's and the years' windows that miss are made good from the run made again (what
/// `simulate` does when it keeps only the first year): placed from another register's first
/// iterations, ten times larger, every window misses, and every figure is still to the bit the
/// one read through windows placed from the run's own, the whole run asked for only then.
#[test]
fn windows_that_miss_are_made_good_from_the_run_made_again() {
    let risks = |scale: f64| {
        risk("A", &format!("probability: 0.5, impact: {}", 200.0 * scale))
            + &risk(
                "B",
                &format!(
                    "frequency: 1.2, impact: {{uniform: {{min: 10, max: {}}}}}",
                    300.0 * scale
                ),
            )
    };
    let horizon = "{first: 2026, last: 2028}";
    let (n, years) = (2 * engine::BLOCK + 500, 3);
    let certainty = 0.9;
    for replenish in [false, true] {
        let register = register_with(&risks(1.0), replenish, horizon);
        let plan = Plan::new(&register, Basis::Netto, 7, |_| true);
        let unlike = engine::run(
            &Plan::new(
                &register_with(&risks(10.0), replenish, horizon),
                Basis::Netto,
                7,
                |_| true,
            ),
            n,
            years,
            &|_| {},
        );
        let whole = engine::run(&plan, n, years, &|_| {});
        let asked = std::sync::atomic::AtomicUsize::new(0);
        let again = || {
            asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            &whole
        };
        let figures = |from: &engine::Totals| {
            let settling = settled::Settling::new(from, n, &register, certainty);
            let mut at = vec![0.5, certainty];
            at.extend(settling.read_from_years());
            at.sort_by(f64::total_cmp);
            at.dedup();
            let reading = years::Years::new(from, n, &at, certainty, &vec![Vec::new(); years], &[false; 3]);
            let (_, _, parts) = engine::run_streamed(
                &plan,
                n,
                years,
                &|_| {},
                (pilot(n), 1),
                &engine::Grouping::default(),
                None,
                |_| (),
                |_, scratch, block, _, len| (settling.block(block, len, scratch), reading.block(block, len)),
            );
            let (settle, read): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
            let distributions = reading.finish(read, &again);
            let mut results: Vec<YearResult> = distributions
                .iter()
                .map(|sorted| year_result(0, distribution(sorted.as_ref().expect("read"), &at, certainty)))
                .collect();
            let settled = settling.finish(settle, &again, &distributions, &mut results);
            format!("{:?} {:?}", results, settled.horizon)
        };
        let own = figures(&whole);
        assert_eq!(
            asked.swap(0, std::sync::atomic::Ordering::Relaxed),
            0,
            "own windows miss nothing"
        );
        let missed = figures(&unlike);
        assert!(asked.into_inner() > 0, "the unlike windows miss");
        assert_eq!(missed, own, "replenish {replenish}");
    }
}

/// A risk is shared only when everything that makes its draws is the same: each change below, made
/// to the first risk in the engine's order, leaves nothing shared.
#[test]
fn a_risk_is_shared_only_when_it_draws_the_same() {
    let plan = |a: &str, seed: u64| {
        let risks = risk("A", a) + &risk("B", "probability: 0.5, impact: 10");
        Plan::new(&register_with(&risks, false, TWO_YEARS), Basis::Netto, seed, |_| true)
    };
    let a = "probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}";
    assert_eq!(plan(a, 1).shared_risks(&plan(a, 1)), 2);
    for other in [
        "probability: 0.31, impact: {pert: {min: 10, mode: 40, max: 200}}",
        "probability: 0.3, impact: {pert: {min: 10, mode: 41, max: 200}}",
        "probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 201}}",
        "probability: 0.3, impact: {triangular: {min: 10, mode: 40, max: 200}}",
        "probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}, recurrence: structureel",
        "probability: 0.3, probability_per: periode, impact: {pert: {min: 10, mode: 40, max: 200}}",
        "status: op termijn, first_year: 2027, probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}",
        "frequency: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}",
        "probability: 0.3, impact: {driver: {name: basis, percent: {pert: {min: 1, mode: 4, max: 20}}}}",
        "probability: 0.3, impact: {lognormal: {p5: 10, p95: 200}}",
        "probability: 0.3, kind: kans, impact: {pert: {min: 10, mode: 40, max: 200}}",
    ] {
        assert_eq!(plan(a, 1).shared_risks(&plan(other, 1)), 0, "{other}");
    }
    // Another seed: other streams.
    assert_eq!(plan(a, 1).shared_risks(&plan(a, 2)), 0);
    // A scale of -0.0 against 0.0: they add differently to a total of -0.0.
    let zero = plan("probability: 0.3, impact: 0", 1);
    let mut minus_zero = zero.clone();
    minus_zero.risks[0].scale.iter_mut().for_each(|s| *s = -0.0);
    assert!(zero.risks[0].same_draws(&zero.risks[0].clone()));
    assert!(!zero.risks[0].same_draws(&minus_zero.risks[0]));
    // A correlation: its rank, or the group it is in.
    let correlated = |rank: &str, with: &str| {
        let risks =
            risk("A", a) + &risk("B", "probability: 0.5, impact: 10") + &risk("C", "probability: 0.5, impact: 10");
        let text = format!("{risks}correlations:\n  - {{risks: [A, {with}], rank: {rank}}}\n");
        Plan::new(&register_with(&text, false, TWO_YEARS), Basis::Netto, 1, |_| true)
    };
    assert_eq!(correlated("0.5", "B").shared_risks(&correlated("0.5", "B")), 3);
    assert_eq!(correlated("0.5", "B").shared_risks(&correlated("0.6", "B")), 0);
    // Another group (whose first member, A, would in fact draw the same: the comparison holds
    // whole groups, which is safe).
    assert_eq!(correlated("0.5", "B").shared_risks(&correlated("0.5", "C")), 0);
    assert_eq!(correlated("0.5", "B").shared_risks(&plan(a, 1)), 0);
}

/// What a sweep's points share: the risks before the first one any point changes, counted over all
/// registers.
#[test]
fn the_shared_risks_are_those_every_register_shares() {
    let with = |d: &str, e: &str| {
        prefix_register(
            &format!("probability: {d}, impact: {{uniform: {{min: 5, max: 50}}}}"),
            e,
        )
    };
    let (one, two, three) = (with("0.6", "0.4"), with("0.2", "0.4"), with("0.6", "0.5"));
    let s = settings(1000);
    // D (the fourth in order) differs in `two`, E (the fifth) in `three`.
    assert_eq!(Shared::new(&[&one, &three], &s).risks(), 4);
    assert_eq!(Shared::new(&[&one, &three, &two], &s).risks(), 3);
    assert_eq!(Shared::new(&[&one, &two, &three], &s).risks(), 3);
    assert_eq!(Shared::new(&[&one, &one], &s).risks(), 5);
    assert_eq!(Shared::new(&[&one], &s).risks(), 5);
    // And the results of a run with them are its own run's.
    let shared = Shared::new(&[&one, &two, &three], &s);
    for r in [&one, &two, &three] {
        let alone = serde_json::to_string(&simulate(r, &s, &Provenance::default(), &|_| {})).unwrap();
        let with =
            serde_json::to_string(&simulate_shared(r, &s, &Provenance::default(), &|_| {}, Some(&shared))).unwrap();
        assert_eq!(alone, with);
    }
}

/// A risk's first-year sum over some iterations is, to the bit, the sum of its first-year losses
/// added one by one (the tail contributions rely on it): every kind of risk, a driver, a
/// structural risk, an opportunity, a later first year and a correlated pair, and a frequency risk
/// of each kind (incidental, structural, an opportunity, a driver). Seen failing with a structural
/// risk's scale folded into its distribution (which the sum alone did not show).
#[test]
fn a_first_year_sum_is_the_first_year_losses_added_in_order() {
    let risks = risk("A", "probability: 0.3, impact: {pert: {min: 10, mode: 40, max: 200}}")
        + &risk("B", "frequency: 1.5, impact: {lognormal: {p5: 5, p95: 80}}")
        + &risk(
            "C",
            "probability: 0.5, impact: {driver: {name: basis, percent: {pert: {min: 1.3, mode: 2.7, max: 9.1}}}}, recurrence: structureel",
        )
        + &risk("D", "probability: 0.6, impact: {uniform: {min: 5, max: 50}}")
        + &risk(
            "E",
            "probability: 0.4, kind: kans, impact: {triangular: {min: 1, mode: 20, max: 90}}",
        )
        + &risk(
            "F",
            "probability: 0.7, impact: {driver: {name: basis, percent: {uniform: {min: 0.3, max: 7.7}}}}",
        )
        + &risk(
            "G",
            "status: op termijn, first_year: 2027, probability: 0.5, impact: 100",
        )
        + &risk(
            "H",
            "probability: 0.9, probability_per: periode, impact: {lognormal: {p5: 5, p95: 80}}",
        )
        + &risk(
            "I",
            "probability: 0.45, impact: {lognormal: {p5: 3, p95: 900}}, recurrence: structureel",
        )
        + &risk("J", "probability: 0.35, impact: {pert: {min: 1, mode: 2, max: 30}}")
        + &risk("K", "probability: 0.55, impact: {uniform: {min: 2, max: 9}}")
        + &risk(
            "L",
            "frequency: 0.8, impact: {driver: {name: basis, percent: {pert: {min: 1, mode: 4, max: 20}}}}, recurrence: structureel",
        )
        + &risk("M", "frequency: 2.3, kind: kans, impact: 150")
        + &risk(
            "N",
            "frequency: 1.1, impact: {driver: {name: basis, percent: {triangular: {min: 0.5, mode: 1, max: 4}}}}",
        )
        + "correlations:\n  - {risks: [J, K], rank: 0.5}\n";
    let register = register_with(&risks, false, TWO_YEARS);
    let plan = Plan::new(&register, Basis::Netto, 5, |_| true);
    // Every third iteration, and a scattered few far out.
    let at: Vec<u64> = (0..30_000u64).step_by(3).chain([1 << 20, 123_456_789, 7]).collect();
    for p in &plan.risks {
        let one_by_one = at.iter().fold(0.0, |sum, &i| sum + p.first_year_loss(i));
        let id = &register.risks[p.index].id;
        assert_eq!(p.first_year_sum(&at).to_bits(), one_by_one.to_bits(), "risk {id}");
        // Each iteration alone too: a sum of thousands hides a last bit in one of them.
        for &i in &at {
            let loss = p.first_year_loss(i);
            assert_eq!(
                p.first_year_sum(&[i]).to_bits(),
                (0.0 + loss).to_bits(),
                "risk {id}, iteration {i}"
            );
        }
        assert!(one_by_one != 0.0 || id == "G", "risk {id} never occurs");
    }
}
