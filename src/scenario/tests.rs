//! Scenarios: how they change a register, and what that does to the simulation.

use super::*;
use crate::date::Date;
use crate::lang::Lang;
use crate::model::{Basis, Register};
use crate::sim::engine;
use crate::sim::plan::Plan;

const REGISTER: &str = "\
metadata: {organisation: Test}
horizon: {first: 2026, last: 2027}
reserve: {cap: 500000, balance: 250000}
verdeelsleutel: {municipalities: [{name: A, share: 60%}, {name: B, share: 40%}]}
drivers:
  loonsom: {description: Loonsom, amount: 1000000}
risks:
  - {id: R1, title: Een, category: uitvoering, type: commercieel, status: actueel, probability: 0.3, impact: {pert: {min: 100000, mode: 200000, max: 500000}}}
  - {id: R2, title: Twee, category: omgeving, type: politiek, status: potentieel, frequency: 1.2, impact: {lognormal: {p5: 10000, p95: 90000}}}
  - {id: R3, title: Drie, category: omgeving, type: politiek, status: potentieel, probability: 0.5, impact: {driver: {name: loonsom, percent: {uniform: {min: 1, max: 4}}}}}
";

fn today() -> Date {
    Date::parse("2026-06-01").unwrap()
}

/// The register with a scenario (given as YAML text) applied, or every problem as headlines.
fn with_scenario(register: &str, scenario: &str) -> Result<Register, Vec<String>> {
    let mut sources = Sources::new();
    let r = sources.add("r.yaml", register);
    let s = sources.add("s.yaml", scenario);
    let tree = yaml::parse(&sources, r).unwrap();
    let headlines = |d: Vec<Diagnostic>, sources: &Sources| {
        d.iter()
            .filter(|d| d.is_error())
            .map(|d| d.headline(sources, Lang::Nl))
            .collect()
    };
    let scenario_tree = yaml::parse(&sources, s).map_err(|e| vec![e.detail])?;
    let (scenario, _) = read(&sources, &scenario_tree, today()).map_err(|d| headlines(d, &sources))?;
    let (applied, problems) = apply(&sources, &tree, &scenario);
    let read = crate::register::read(&sources, &applied, today());
    match (problems.is_empty(), read) {
        (true, Ok((register, _))) => Ok(register),
        (_, Ok(_)) => Err(headlines(problems, &sources)),
        (_, Err(d)) => Err(headlines(problems.into_iter().chain(d).collect(), &sources)),
    }
}

fn plain(register: &str) -> Register {
    with_scenario(register, "name: niets\nremove: []\n").unwrap()
}

/// First-year totals per iteration.
fn totals(register: &Register, n: usize) -> Vec<f64> {
    let plan = Plan::new(register, Basis::Netto, 2026, |_| true);
    let t = engine::run(&plan, n, 1, &|_| {});
    (0..n).map(|i| t.get(i, 0)).collect()
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

#[test]
fn a_certain_fixed_risk_shifts_every_iteration_and_percentile_by_its_amount() {
    let base = plain(REGISTER);
    let scenario = "name: Zeker\nadd:\n  - {id: S1, title: Zeker, category: uitvoering, type: commercieel, status: actueel, probability: 1, impact: 100000}\n";
    let shifted = with_scenario(REGISTER, scenario).unwrap();
    let (a, b) = (totals(&base, 20_000), totals(&shifted, 20_000));
    for (x, y) in a.iter().zip(&b) {
        assert!((y - x - 100_000.0).abs() < 1e-6, "{x} → {y}");
    }
    let (sa, sb) = (crate::stats::Sorted::new(a), crate::stats::Sorted::new(b));
    assert!((sb.mean - sa.mean - 100_000.0).abs() < 1e-6);
    for p in [0.0, 0.1, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0] {
        assert!((sb.quantile(p) - sa.quantile(p) - 100_000.0).abs() < 1e-6, "p {p}");
    }
}

#[test]
fn raising_a_probability_never_lowers_an_iteration_or_a_percentile() {
    let base = plain(REGISTER);
    let raised = with_scenario(
        REGISTER,
        "name: Hoger\nset:\n  risks.R1.probability: 0.6\n  risks.R2.frequency: 2.5\n",
    )
    .unwrap();
    let (a, b) = (totals(&base, 20_000), totals(&raised, 20_000));
    assert!(a.iter().zip(&b).all(|(x, y)| y >= x));
    assert!(a.iter().zip(&b).any(|(x, y)| y > x));
    let (sa, sb) = (sorted(a), sorted(b));
    assert!(sa.iter().zip(&sb).all(|(x, y)| y >= x));
}

#[test]
fn removing_a_risk_equals_the_register_without_it() {
    let removed = with_scenario(REGISTER, "name: Zonder R2\nremove: [R2]\n").unwrap();
    let without = plain(
        &REGISTER
            .lines()
            .filter(|l| !l.contains("id: R2"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert_eq!(removed.risks.len(), 2);
    assert_eq!(totals(&removed, 10_000), totals(&without, 10_000));
}

#[test]
fn set_replaces_creates_and_reaches_into_risks() {
    let r = with_scenario(
        REGISTER,
        "name: Veel\nset:\n  reserve.balance: 400000\n  reserve.rules: [Een regel.]\n  drivers.liv: {amount: 285000}\n  risks.R3.impact.driver.percent: 5\n  risks.R1: {id: R1, title: Nieuw, category: uitvoering, type: commercieel, status: actueel, probability: 1, impact: 7}\n",
    )
    .unwrap();
    assert_eq!(r.reserve.balance, vec![400_000.0; 2]);
    assert_eq!(r.reserve.rules, vec!["Een regel.".to_string()]);
    assert_eq!(r.drivers.get(1).id, "liv");
    assert_eq!(r.risks[0].title, "Nieuw");
    let (_, impact) = r.risks[2].effective(Basis::Netto);
    assert_eq!(
        impact.amount_in(&r.drivers, 0),
        Some(crate::model::Dist::Fixed(50_000.0))
    );
}

#[test]
fn mistakes_point_into_the_scenario_file() {
    let errors = with_scenario(
        REGISTER,
        "name: Fout\nset:\n  risks.R9.probability: 1\n  drivers.loonsum.amount: 3\n  reserve.balanse: 5\n  reserve.cap: veel\n  resrve.cap: 1\n  reserve.cap.bedrag: 1\n  risks: []\nremove: [R7]\n",
    )
    .unwrap_err();
    assert_eq!(
        errors,
        [
            "fout: s.yaml:10:10: onbekend risico 'R7'; bedoelt u 'R1'?",
            "fout: s.yaml:3:3: onbekend risico 'R9'; bedoelt u 'R1'?",
            "fout: s.yaml:4:3: onbekende driver 'loonsum'; bedoelt u 'loonsom'?",
            "fout: s.yaml:7:3: onbekend onderdeel van het register 'resrve'; bedoelt u 'reserve'?",
            "fout: s.yaml:8:3: 'reserve.cap' is geen blok met velden; daaronder kan niets gezet worden",
            "fout: s.yaml:9:3: de risico's worden per risico aangepast (risks.ID.veld), toegevoegd (add) of geschrapt (remove)",
            "fout: s.yaml:5:3: onbekend veld 'balanse'; bedoelt u 'balance'?",
            "fout: s.yaml:6:16: 'reserve.cap' moet een getal zijn, maar is 'veel'",
        ]
    );
}

/// A value the scenario writes that clashes with one the register has (a cap below the balance, a
/// maximum below the minimum, an amount beside a sum) is pointed at in the scenario: that is the
/// change the user just made. Without a scenario the same clash points into the register.
#[test]
fn a_clash_with_the_register_points_at_the_scenario_value() {
    let cases = [
        (
            "reserve.cap: 100000",
            "fout: s.yaml:3:16: de reserve in 2026 (€ 250.000) is hoger dan het plafond (€ 100.000) dat de regeling stelt",
        ),
        (
            "risks.R1.impact.pert.max: 50000",
            "fout: s.yaml:3:29: risico R1: min (100.000) is groter dan max (50.000)",
        ),
        (
            "risks.R1.impact.pert.mode: 600000",
            "fout: s.yaml:3:30: risico R1: de meest waarschijnlijke waarde (mode 600.000) ligt niet tussen min (100.000) en max (500.000)",
        ),
        (
            "risks.R1.frequency: 2",
            "fout: s.yaml:3:23: risico R1: geef 'probability' of 'frequency', niet allebei",
        ),
        (
            "drivers.loonsom.sum: [x]",
            "fout: s.yaml:3:24: driver loonsom: geef 'amount' of 'sum', niet allebei",
        ),
    ];
    for (set, expected) in cases {
        let errors = with_scenario(REGISTER, &format!("name: X\nset:\n  {set}\n")).unwrap_err();
        assert_eq!(errors[0], expected, "{set}");
    }
    // The register's own clash stays in the register.
    let own = REGISTER.replace("cap: 500000", "cap: 100000");
    let errors = with_scenario(&own, "name: X\nremove: []\n").unwrap_err();
    assert_eq!(
        errors[0],
        "fout: r.yaml:3:33: de reserve in 2026 (€ 250.000) is hoger dan het plafond (€ 100.000) dat de regeling stelt"
    );
}

#[test]
fn a_scenario_file_is_checked_like_a_register() {
    assert_eq!(
        with_scenario(REGISTER, "naam: X\nset: {reserve.balance: 1}\n").unwrap_err(),
        [
            "fout: s.yaml:1:1: onbekend veld 'naam'; toegestaan zijn: name, description, source, set, add, remove",
            "fout: s.yaml:1:1: verplicht veld 'name' ontbreekt",
        ]
    );
    assert_eq!(
        with_scenario(REGISTER, "name: X\nset:\n  \"reserve..cap\": 1\n").unwrap_err(),
        [
            "fout: s.yaml:3:3: 'reserve..cap' is geen geldig pad; schrijf bijvoorbeeld reserve.balance, drivers.liv.amount of risks.T4-01.probability"
        ]
    );
}

#[test]
fn set_arguments_are_scenarios_with_their_own_positions() {
    let mut sources = Sources::new();
    let s = from_arguments(
        &mut sources,
        &["reserve.balance=500000".into(), "risks.R1.probability=70%".into()],
    )
    .unwrap();
    assert_eq!(s.sets.len(), 2);
    assert_eq!(sources.get(s.sets[1].at.source).name, "--set risks.R1.probability");
    assert_eq!(s.sets[0].value.value, Value::Int(500_000));
    let bad = from_arguments(&mut sources, &["nonsense".into()]).unwrap_err();
    assert_eq!(
        bad[0].headline(&sources, Lang::Nl),
        "fout: --set:1:1: 'nonsense' is geen PAD=WAARDE; schrijf bijvoorbeeld --set risks.T4-01.probability=70%"
    );
}

/// A scenario sets the correlations (a section the register does not have yet), and a risk it
/// removes leaves the correlations that named it: a pair loses its entry, a group its member.
/// Failed (unknown risk 'R1' in the correlations) before removals reached the correlations.
#[test]
fn a_scenario_sets_correlations_and_a_removed_risk_leaves_them() {
    let set = "name: Samenhang\nset:\n  correlations:\n    - {risks: [R1, R2, R3], rank: 0.5}\n    - {risks: [R1, R9], rank: 0.5}\n";
    assert_eq!(
        with_scenario(REGISTER, set).unwrap_err(),
        ["fout: s.yaml:5:20: onbekend risico 'R9'; bedoelt u 'R1'?"]
    );
    let set = set
        .replace(", R9], rank: 0.5}", ", R2], rank: 0.5}")
        .replace("[R1, R2, R3]", "[R2, R3]");
    let register = with_scenario(REGISTER, &set).unwrap();
    assert_eq!(register.correlations.len(), 2);
    let removed = with_scenario(REGISTER, &format!("{set}remove: [R1]\n")).unwrap();
    assert_eq!(removed.correlations.len(), 1);
    assert_eq!(removed.correlations[0].risks.len(), 2);
    let removed = with_scenario(REGISTER, &format!("{set}remove: [R2]\n")).unwrap();
    assert!(removed.correlations.is_empty());
}
