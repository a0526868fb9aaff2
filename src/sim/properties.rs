//! Invariants of the simulation over randomly generated registers (proptest). Each follows from
//! common random numbers: every risk's draws depend only on the seed, its id and the iteration, so
//! two registers that differ in one risk can be compared iteration by iteration.

use super::engine::{self, Totals};
use super::plan::Plan;
use super::settlement::{YearOutcome, settle};
use super::tests::{TWO_YEARS, register_with, register_with_key, risk, run};
use crate::model::{Basis, Register, Reserve};
use proptest::prelude::*;

const ITERATIONS: usize = 3000;

/// An impact, written as in a register, with its amounts multiplied by `scale`.
#[derive(Clone, Debug)]
enum Impact {
    Fixed(f64),
    Uniform(f64, f64),
    Triangular(f64, f64, f64),
    Pert(f64, f64, f64),
    LogNormal(f64, f64),
}

impl Impact {
    fn yaml(&self, scale: f64) -> String {
        match *self {
            Impact::Fixed(x) => format!("{}", x * scale),
            Impact::Uniform(a, w) => format!("{{uniform: {{min: {}, max: {}}}}}", a * scale, (a + w) * scale),
            Impact::Triangular(a, m, w) => format!(
                "{{triangular: {{min: {}, mode: {}, max: {}}}}}",
                a * scale,
                (a + m * w) * scale,
                (a + w) * scale
            ),
            Impact::Pert(a, m, w) => format!(
                "{{pert: {{min: {}, mode: {}, max: {}}}}}",
                a * scale,
                (a + m * w) * scale,
                (a + w) * scale
            ),
            Impact::LogNormal(a, w) => format!("{{lognormal: {{p5: {}, p95: {}}}}}", a * scale, (a + w) * scale),
        }
    }
}

#[derive(Clone, Debug)]
struct Risk {
    /// A probability, or with `frequency` a yearly rate.
    chance: f64,
    frequency: bool,
    impact: Impact,
    opportunity: bool,
    structural: bool,
}

impl Risk {
    fn yaml(&self, id: &str, chance_scale: f64, impact_scale: f64) -> String {
        let event = if self.frequency {
            format!("frequency: {}", self.chance * chance_scale)
        } else {
            format!("probability: {}", (self.chance * chance_scale).min(1.0))
        };
        let mut rest = format!("{event}, impact: {}", self.impact.yaml(impact_scale));
        if self.opportunity {
            rest.push_str(", kind: kans");
        }
        if self.structural {
            rest.push_str(", recurrence: structureel");
        }
        risk(id, &rest)
    }
}

fn impact() -> impl Strategy<Value = Impact> {
    let amount = 1.0..400.0f64;
    let width = 1.0..400.0f64;
    prop_oneof![
        amount.clone().prop_map(Impact::Fixed),
        (amount.clone(), width.clone()).prop_map(|(a, w)| Impact::Uniform(a, w)),
        (amount.clone(), 0.0..1.0f64, width.clone()).prop_map(|(a, m, w)| Impact::Triangular(a, m, w)),
        (amount.clone(), 0.0..1.0f64, width.clone()).prop_map(|(a, m, w)| Impact::Pert(a, m, w)),
        (amount, width).prop_map(|(a, w)| Impact::LogNormal(a, w)),
    ]
}

fn a_risk() -> impl Strategy<Value = Risk> {
    (
        0.0..1.0f64,
        any::<bool>(),
        impact(),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.3),
    )
        .prop_map(|(chance, frequency, impact, opportunity, structural)| Risk {
            chance: if frequency { chance * 3.0 } else { chance },
            frequency,
            impact,
            opportunity,
            structural,
        })
}

/// The register of `risks` (ids R0, R1, …), the risk at `changed` with its chance and impact scaled.
fn register(risks: &[Risk], changed: usize, chance_scale: f64, impact_scale: f64) -> Register {
    let text: String = risks
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (c, s) = if i == changed {
                (chance_scale, impact_scale)
            } else {
                (1.0, 1.0)
            };
            r.yaml(&format!("R{i}"), c, s)
        })
        .collect();
    register_with(&text, false, TWO_YEARS)
}

fn totals(register: &Register) -> Totals {
    let plan = Plan::new(register, Basis::Netto, 7, |_| true);
    engine::run(&plan, ITERATIONS, register.horizon.len(), &|_| {})
}

fn sorted(totals: &Totals, y: usize) -> Vec<f64> {
    let mut v = Vec::new();
    totals.year_into(y, &mut v);
    v.sort_by(f64::total_cmp);
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Raising a threat's probability (or frequency) or its impact never lowers any iteration's
    /// total in any year, so never any percentile. (A structural risk with a frequency only in its
    /// first year: its recurring value is the sum of the occurrences in the year it starts, so
    /// starting earlier can mean a smaller sum.)
    #[test]
    fn raising_a_threat_never_lowers_a_total(
        mut risks in prop::collection::vec(a_risk(), 1..6),
        pick in any::<prop::sample::Index>(),
        chance_scale in 1.0..3.0f64,
        impact_scale in 1.0..3.0f64,
    ) {
        let j = pick.index(risks.len());
        risks[j].opportunity = false;
        let years = if risks[j].structural && risks[j].frequency { 1 } else { 2 };
        let (base, raised) = (totals(&register(&risks, j, 1.0, 1.0)), totals(&register(&risks, j, chance_scale, impact_scale)));
        for y in 0..years {
            for i in 0..ITERATIONS {
                prop_assert!(raised.get(i, y) >= base.get(i, y) - 1e-9, "year {y}, iteration {i}");
            }
            let (a, b) = (sorted(&base, y), sorted(&raised, y));
            prop_assert!(a.iter().zip(&b).all(|(x, y)| y >= &(x - 1e-9)));
        }
    }

    /// Leaving a risk out gives the same totals as setting its probability (or frequency) to 0.
    #[test]
    fn removing_a_risk_equals_a_chance_of_zero(
        risks in prop::collection::vec(a_risk(), 2..6),
        pick in any::<prop::sample::Index>(),
    ) {
        let j = pick.index(risks.len());
        let zero = totals(&register(&risks, j, 0.0, 1.0));
        let text: String = risks
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != j)
            .map(|(i, r)| r.yaml(&format!("R{i}"), 1.0, 1.0))
            .collect();
        let removed = totals(&register_with(&text, false, TWO_YEARS));
        for y in 0..2 {
            for i in 0..ITERATIONS {
                prop_assert_eq!(zero.get(i, y), removed.get(i, y));
            }
        }
    }

    /// The order of the risks in the file does not change a single bit of the totals.
    #[test]
    fn the_order_of_the_risks_does_not_matter(
        risks in prop::collection::vec(a_risk(), 2..7),
        rotation in 1usize..6,
    ) {
        let texts: Vec<String> = risks.iter().enumerate().map(|(i, r)| r.yaml(&format!("R{i}"), 1.0, 1.0)).collect();
        let mut rotated = texts.clone();
        rotated.rotate_left(rotation % texts.len());
        rotated.reverse();
        let (a, b) = (totals(&register_with(&texts.concat(), false, TWO_YEARS)), totals(&register_with(&rotated.concat(), false, TWO_YEARS)));
        for y in 0..2 {
            for i in 0..ITERATIONS {
                prop_assert_eq!(a.get(i, y).to_bits(), b.get(i, y).to_bits());
            }
        }
    }

    /// The register's balances are the planned balances at the start of each year: without risks
    /// every year starts there and nothing extra is paid; with risks, every euro is accounted for:
    /// next year's reserve is this year's minus the risk amount plus the contribution plus the
    /// planned change, within 0 and the cap.
    #[test]
    fn the_reserve_follows_its_plan_and_every_euro_is_accounted_for(
        plan in prop::collection::vec(0.0..500.0f64, 1..6),
        losses in prop::collection::vec(-500.0..1500.0f64, 6),
        replenish in any::<bool>(),
    ) {
        let years = plan.len();
        let reserve = Reserve { cap: 500.0, balance: plan.clone(), certainty: 0.9, replenish, rules: Vec::new() };
        let mut out = vec![YearOutcome::default(); years];
        settle(|_| 0.0, &reserve, &mut out);
        for y in 0..years {
            prop_assert!((out[y].start_reserve - plan[y]).abs() < 1e-9, "year {y}: {:?} vs plan {:?}", out[y], plan);
            prop_assert!(out[y].contribution().abs() < 1e-9, "year {y}: {:?}", out[y]);
        }
        settle(|y| losses[y], &reserve, &mut out);
        for y in 0..years - 1 {
            let next = out[y].start_reserve - losses[y] + out[y].contribution() + plan[y + 1] - plan[y];
            prop_assert!((out[y + 1].start_reserve - next).abs() < 1e-9, "year {y}: {:?} -> {:?}, loss {}", out[y], out[y + 1], losses[y]);
            prop_assert!((0.0..=500.0).contains(&out[y + 1].start_reserve));
        }
    }

    /// A higher reserve (balance, or cap) never raises the overflow of any year.
    #[test]
    fn a_higher_reserve_never_raises_the_overflow(
        losses in prop::collection::vec(-500.0..1500.0f64, 1..6),
        balance in 0.0..800.0f64,
        more in 0.0..800.0f64,
        cap_room in 0.0..800.0f64,
        replenish in any::<bool>(),
    ) {
        let years = losses.len();
        let reserve = |b: f64, cap: f64| Reserve { cap, balance: vec![b; years], certainty: 0.9, replenish, rules: Vec::new() };
        let cap = balance + more + cap_room;
        let mut low = vec![YearOutcome::default(); years];
        let mut high = vec![YearOutcome::default(); years];
        settle(|y| losses[y], &reserve(balance, cap), &mut low);
        settle(|y| losses[y], &reserve(balance + more, cap + more), &mut high);
        for y in 0..years {
            prop_assert!(high[y].overflow <= low[y].overflow + 1e-9, "year {y}: {:?} vs {:?}", high[y], low[y]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// The extra contributions of the municipalities, whose shares the register derives from their
    /// budget contributions, add up to the extra contribution of the GR, per year and over the
    /// horizon.
    #[test]
    fn municipal_contributions_add_up(
        risks in prop::collection::vec(a_risk(), 1..5),
        budgets in prop::collection::vec(1.0..5000.0f64, 1..5),
    ) {
        let text: String = risks.iter().enumerate().map(|(i, r)| r.yaml(&format!("R{i}"), 1.0, 1.0)).collect();
        let municipalities: Vec<String> =
            budgets.iter().enumerate().map(|(k, b)| format!("{{name: G{k}, contribution: {b}}}")).collect();
        let key = format!("{{municipalities: [{}]}}", municipalities.join(", "));
        let results = run(&register_with_key(&text, false, TWO_YEARS, &key), ITERATIONS);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
        let horizon: f64 = results.municipalities.iter().map(|m| m.horizon.mean).sum();
        prop_assert!(close(horizon, results.horizon.contribution.mean), "{horizon} vs {}", results.horizon.contribution.mean);
        for (y, year) in results.years.iter().enumerate() {
            let sum: f64 = results.municipalities.iter().map(|m| m.per_year[y].mean).sum();
            prop_assert!(close(sum, year.contribution_mean), "year {y}: {sum} vs {}", year.contribution_mean);
        }
    }
}
