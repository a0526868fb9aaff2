//! The sensitivity against whole simulations of the changed register.

use super::*;
use crate::date::Date;

fn register(text: &str) -> Register {
    let inputs = crate::inputs::Inputs::from_bytes("t.yaml", text.as_bytes(), Date::parse("2026-01-01").unwrap())
        .unwrap_or_else(|(_, e)| panic!("{e:?}"));
    inputs.model(&[]).unwrap_or_else(|e| panic!("{e:?}")).0
}

const HEAD: &str = "metadata: {organisation: Test}\nhorizon: {first: 2026, last: 2027}\n\
    reserve: {cap: 500, balance: 250}\nverdeelsleutel: {municipalities: [{name: A, share: 100%}]}\n\
    drivers: {loonsom: {amount: 10000}}\nrisks:\n";

fn risk(id: &str, rest: &str) -> String {
    format!("  - {{id: {id}, title: Risico {id}, category: uitvoering, type: commercieel, status: actueel, {rest}}}\n")
}

fn risks() -> String {
    risk("A", "probability: 0.5, impact: {pert: {min: 100, mode: 200, max: 600}}")
        + &risk("B", "probability: 0.3, impact: {uniform: {min: 50, max: 400}}")
        + &risk("C", "frequency: 1.5, impact: {lognormal: {p5: 10, p95: 90}}")
        + &risk(
            "D",
            "probability: 0.7, impact: {driver: {name: loonsom, percent: {triangular: {min: 1, mode: 2, max: 4}}}}",
        )
        + &risk("E", "probability: 0.9, impact: 30")
}

/// The benodigde capaciteit of a whole simulation (the engine's own first-year totals).
fn required(register: &Register, n: usize) -> f64 {
    let plan = Plan::new(register, Basis::Netto, 4, |_| true);
    let totals = engine::run(&plan, n, 1, &|_| {});
    let mut values = Vec::new();
    totals.year_into(0, &mut values);
    crate::sim::select_quantile(&values, 0.9)
}

/// Each figure is what a whole simulation of the changed register gives, with the same seed: the
/// other risks' draws are the same (common random numbers), so the two agree to rounding. Failed
/// with the variant's losses added without taking the risk's own out.
#[test]
fn every_variant_is_the_whole_simulation_of_the_changed_register() {
    let n = 20_000;
    let base = register(&format!("{HEAD}{}", risks()));
    let s = sensitivity(&base, Basis::Netto, 4, n, 0.9);
    assert_eq!(s.required, required(&base, n));
    let close = |a: f64, b: f64, what: &str| assert!((a - b).abs() < 1e-6, "{what}: {a} against {b}");
    let without = |id: &str| {
        let text = risks()
            .lines()
            .filter(|l| !l.contains(&format!("id: {id},")))
            .map(|l| format!("{l}\n"))
            .collect::<String>();
        register(&format!("{HEAD}{text}"))
    };
    for row in &s.risks {
        close(
            row.off,
            required(&without(&row.id), n) - s.required,
            &format!("{} off", row.id),
        );
    }
    let row = |id: &str| s.risks.iter().find(|r| r.id == id).unwrap();
    // A's impact at its maximum, B's probability at the top of its class (20-40%), C's rate at the
    // bottom of its class, the loonsom 10% higher.
    let changed = |from: &str, to: &str| register(&format!("{HEAD}{}", risks().replacen(from, to, 1)));
    let a = row("A").impact.as_ref().unwrap();
    assert_eq!((a.low, a.high), (100.0, 600.0));
    close(
        a.at_high,
        required(&changed("{pert: {min: 100, mode: 200, max: 600}}", "600"), n) - s.required,
        "A's impact high",
    );
    let b = row("B").probability.as_ref().unwrap();
    assert!((b.low - 0.2).abs() < 1e-12 && (b.high - 0.4).abs() < 1e-12, "{b:?}");
    close(
        b.at_high,
        required(&changed("probability: 0.3", "probability: 0.4"), n) - s.required,
        "B high",
    );
    let c = row("C").probability.as_ref().unwrap();
    let once = 1.0 - (-1.5f64).exp();
    assert!((c.low - 1.5 * 0.6 / once).abs() < 1e-12, "{c:?}");
    close(
        c.at_low,
        required(&changed("frequency: 1.5", &format!("frequency: {}", c.low)), n) - s.required,
        "C low",
    );
    let d = row("D").impact.as_ref().unwrap();
    assert_eq!((d.low, d.high), (100.0, 400.0), "1% and 4% of a loonsom of 10.000");
    assert!(row("E").impact.is_none(), "a fixed impact has no range");
    let loonsom = &s.drivers[0];
    let higher = register(&format!("{HEAD}{}", risks()).replace("amount: 10000", "amount: 11000"));
    close(loonsom.at_high, required(&higher, n) - s.required, "loonsom +10%");
}

/// The directions a reader expects, and the order of the table: widest swing first.
#[test]
fn a_threat_lowers_the_figure_when_off_and_raises_it_at_its_high_end() {
    let base = register(&format!("{HEAD}{}", risks()));
    let s = sensitivity(&base, Basis::Netto, 4, 20_000, 0.9);
    for row in &s.risks {
        assert!(row.off < 0.0, "{}: off {}", row.id, row.off);
        for swing in [&row.probability, &row.impact].into_iter().flatten() {
            assert!(swing.at_low <= swing.at_high, "{}: {swing:?}", row.id);
        }
    }
    assert!(s.risks.windows(2).all(|w| w[0].width() >= w[1].width()));
    assert!(s.drivers[0].at_low < 0.0 && s.drivers[0].at_high > 0.0);
}

/// The variant's percentile found in a window of the sorted base is the percentile of the variant's
/// totals by definition (moved iterations at their new totals, every other at its own), to the bit:
/// for moves that leave the percentile's neighbourhood alone, that push many iterations past it
/// (the window widened), that take totals below the smallest or above the largest, with repeated
/// totals and at several certainties.
#[test]
fn the_windowed_percentile_is_the_percentile_of_the_variants_totals() {
    let n = 6_000;
    // SplitMix64: a fixed sequence of uniforms in [0, 1).
    let mut state = 7u64;
    let mut uniform = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) as f64 / 2f64.powi(64)
    };
    // Totals with many repeats (whole thousands) and a point mass at 0; a risk that occurs in about
    // a third of the iterations.
    let totals: Vec<f64> = (0..n)
        .map(|_| {
            if uniform() < 0.2 {
                0.0
            } else {
                (uniform() * 900.0).round() * 1_000.0
            }
        })
        .collect();
    let before: Vec<f64> = (0..n)
        .map(|_| if uniform() < 0.3 { uniform() * 200_000.0 } else { 0.0 })
        .collect();
    let variants: Vec<(&str, Vec<f64>)> = vec![
        ("unchanged", before.clone()),
        ("off", vec![0.0; n]),
        ("a tenth higher", before.iter().map(|b| b * 1.1).collect()),
        (
            "fixed at its maximum",
            before.iter().map(|&b| if b > 0.0 { 200_000.0 } else { 0.0 }).collect(),
        ),
        (
            "far above every total",
            before.iter().map(|&b| if b > 0.0 { 1e9 } else { 0.0 }).collect(),
        ),
        (
            "an opportunity far below",
            before.iter().map(|&b| if b > 0.0 { -1e9 } else { 0.0 }).collect(),
        ),
        ("every iteration", before.iter().map(|b| b + 5_000.0).collect()),
    ];
    for certainty in [0.5, 0.9, 0.95, 0.999] {
        let base = Base::new(totals.clone(), certainty);
        for (what, after) in &variants {
            let definition: Vec<f64> = (0..n)
                .map(|i| {
                    if before[i] == after[i] {
                        totals[i]
                    } else {
                        totals[i] - before[i] + after[i]
                    }
                })
                .collect();
            let expected = crate::sim::select_quantile(&definition, certainty) - base.required;
            let mut moves = Moves::default();
            moves.clear(n);
            // In pieces, as the engine hands them over.
            for start in (0..n).step_by(1_024) {
                let range = start..(start + 1_024).min(n);
                moves.note(start, &totals[range.clone()], &before[range.clone()], &after[range]);
            }
            let found = base.shift(&moves);
            assert_eq!(
                found.to_bits(),
                expected.to_bits(),
                "{what} at {certainty}: {found} against {expected}"
            );
        }
    }
}
