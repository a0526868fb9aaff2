//! What changed between two registers (`weerstand diff OLD NEW`): risks added, removed and
//! changed, matched by id (and, where ids differ, proposed matches by title), the municipalities
//! that joined or left, the reserve; and the change in the benodigde weerstandscapaciteit
//! attributed to the changes.
//!
//! **Attribution.** The old register is turned into the new one step by step, and the benodigde
//! capaciteit (the first year's risk amount at the zekerheid) is simulated after every step with
//! the same seed and iterations. Every risk draws from its own streams, keyed by its id and year,
//! so a step changes only what it changes (common random numbers), and the steps' differences add
//! up to the whole change exactly (they telescope). The order is fixed and documented:
//!
//! 1. the starting points: the old risks in the new register's horizon, with its budget amounts
//!    (drivers) and its probability classes;
//! 2. the zekerheidspercentage, when it changed;
//! 3. each removed risk, in the old register's id order;
//! 4. each changed risk (a change that affects the simulation), in id order;
//! 5. each added risk, in the new register's id order.
//!
//! The last step ends at the new register itself; a remainder (there should be none) would be shown
//! as a step of its own rather than hidden. An order-free split (Shapley) would cost a simulation
//! per subset of changes; with dozens of changes that is out of reach in a meeting, so the order is
//! the method, and the table says it.

use crate::model::{Basis, Impact, Register, Risk};
use crate::register::fields::normalize;
use crate::sim::engine;
use crate::sim::plan::Plan;
use crate::stats::Sorted;
use serde::Serialize;

/// How to simulate the steps.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub iterations: usize,
    pub seed: u64,
    pub basis: Basis,
    /// Overrides both registers' zekerheidspercentage.
    pub certainty: Option<f64>,
}

/// One side of the comparison.
#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub organisation: String,
    pub document: Option<String>,
    pub year: i32,
    pub certainty: f64,
    /// Whether any risk of the regeling has a probability and an amount.
    pub quantified: bool,
    /// The benodigde capaciteit; 0 for a register without quantified risks (nothing determined).
    pub required: f64,
    pub reserve_balance: f64,
    pub reserve_cap: f64,
    pub municipalities: Vec<String>,
}

/// A risk as the comparison names it.
#[derive(Clone, Debug, Serialize)]
pub struct RiskRef {
    pub id: String,
    pub title: String,
    /// Whether it has a probability and an amount (counts in the simulation).
    pub quantified: bool,
}

/// A risk in both registers (same id) that changed.
#[derive(Clone, Debug, Serialize)]
pub struct Changed {
    pub id: String,
    pub title: String,
    /// What changed, in the register's field names (`status`, `probability`, `impact`, …).
    pub fields: Vec<&'static str>,
    /// Whether the change affects the simulation (and so has a step of its own).
    pub simulated: bool,
}

/// A removed and an added risk whose titles look alike: perhaps the same risk under a new id.
#[derive(Clone, Debug, Serialize)]
pub struct Proposed {
    pub old: String,
    pub new: String,
    /// Share of title words in common (0–1).
    pub similarity: f64,
}

/// What a step does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// The starting points: horizon, budget amounts, classes.
    Frame,
    Certainty,
    Removed,
    Changed,
    Added,
    /// What the steps did not explain (none expected).
    Remainder,
}

/// One step of the attribution.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub kind: StepKind,
    /// The risk it concerns, if any.
    pub id: Option<String>,
    pub title: String,
    /// Whether that risk is a stand-in the paragraph never names (`placeholder: true`).
    pub placeholder: bool,
    /// The benodigde capaciteit after this step.
    pub required: f64,
    /// Its share of the change.
    pub delta: f64,
}

/// Everything `diff` finds.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    pub added: Vec<RiskRef>,
    pub removed: Vec<RiskRef>,
    pub changed: Vec<Changed>,
    pub proposed: Vec<Proposed>,
    pub joined: Vec<String>,
    pub left: Vec<String>,
    pub steps: Vec<Step>,
    pub iterations: usize,
    pub seed: u64,
}

impl Diff {
    /// The whole change in the benodigde capaciteit.
    pub fn change(&self) -> f64 {
        self.new.required - self.old.required
    }
}

/// The benodigde capaciteit of `register`: its first year's risk amount at `certainty`, as the
/// simulation's headline computes it (not below 0); 0 when nothing is quantified.
pub fn required(register: &Register, settings: &Settings, certainty: f64) -> f64 {
    if !register.is_quantified() {
        return 0.0;
    }
    let plan = Plan::new(register, settings.basis, settings.seed, |_| true);
    let totals = engine::run(&plan, settings.iterations, register.horizon.len(), &|_| {});
    let mut first = Vec::with_capacity(settings.iterations);
    totals.year_into(0, &mut first);
    Sorted::new(first).percentile(certainty).at_least_zero().value
}

fn side(register: &Register, settings: &Settings, certainty: f64) -> Side {
    Side {
        organisation: register.metadata.organisation.clone(),
        document: register.metadata.document.clone(),
        year: register.horizon.first,
        certainty,
        quantified: register.is_quantified(),
        required: required(register, settings, certainty),
        reserve_balance: register.reserve.balance[0],
        reserve_cap: register.reserve.cap,
        municipalities: register
            .verdeelsleutel
            .municipalities
            .iter()
            .map(|m| m.name.clone())
            .collect(),
    }
}

fn reference(risk: &Risk) -> RiskRef {
    RiskRef {
        id: risk.id.clone(),
        title: risk.title.clone(),
        quantified: risk.is_quantified(),
    }
}

/// `old`'s risk moved into `frame` (the new register's settings): names resolved again, and a
/// driver the frame lacks carried over with its old amounts (its last one for later years).
fn into_frame(risk: &Risk, old: &Register, frame: &mut Register) -> Risk {
    let mut r = risk.clone();
    let find = |labels: &[crate::model::Label], id: &str| labels.iter().position(|l| normalize(&l.id) == normalize(id));
    r.category = find(&frame.categories, &old.categories[risk.category].id).unwrap_or(0);
    r.risk_type = find(&frame.risk_types, &old.risk_types[risk.risk_type].id).unwrap_or(0);
    r.table = None;
    r.taakveld = risk.taakveld.and_then(|t| {
        let name = old.verdeelsleutel.taakvelden[t].name.as_deref()?;
        frame
            .verdeelsleutel
            .taakvelden
            .iter()
            .position(|k| k.name.as_deref().is_some_and(|n| normalize(n) == normalize(name)))
    });
    if let Impact::Driver { driver, rate } = &risk.impact {
        let d = old.drivers.get(*driver);
        let index = match frame.drivers.index_of(&d.id) {
            Some(i) => i,
            None => {
                frame.drivers.list.push(d.clone());
                frame.drivers.list.len() - 1
            }
        };
        r.impact = Impact::Driver {
            driver: index,
            rate: *rate,
        };
    }
    r
}

/// Whether two impacts are the same (each in its own register: a driver is compared by its amounts,
/// and by its name too when `by_name`).
fn impacts_alike(a: &Risk, ra: &Register, b: &Risk, rb: &Register, by_name: bool) -> bool {
    match (&a.impact, &b.impact) {
        (Impact::Driver { driver: x, rate: p }, Impact::Driver { driver: y, rate: q }) => {
            let (dx, dy) = (ra.drivers.get(*x), rb.drivers.get(*y));
            p == q && dx.values == dy.values && (!by_name || dx.id == dy.id)
        }
        (x, y) => x == y,
    }
}

/// Whether two risks simulate alike (each in its own register, for the drivers' amounts).
fn simulates_alike(a: &Risk, ra: &Register, b: &Risk, rb: &Register) -> bool {
    impacts_alike(a, ra, b, rb, false)
        && a.is_quantified() == b.is_quantified()
        && a.status == b.status
        && a.occurrence == b.occurrence
        && a.direction == b.direction
        && a.recurrence == b.recurrence
        && a.first_year == b.first_year
        && a.probability_per == b.probability_per
        && a.borne_by == b.borne_by
        && a.mitigations == b.mitigations
}

/// The fields in which two versions of a risk differ, by the register's names.
fn changed_fields(a: &Risk, ra: &Register, b: &Risk, rb: &Register) -> Vec<&'static str> {
    let label = |l: &[crate::model::Label], i: usize| normalize(&l[i].id);
    let taakveld = |r: &Register, risk: &Risk| {
        risk.taakveld
            .and_then(|t| r.verdeelsleutel.taakvelden[t].name.clone())
            .map(|n| normalize(&n))
    };
    let impact_alike = impacts_alike(a, ra, b, rb, true);
    let checks: [(&'static str, bool); 16] = [
        ("title", a.title == b.title),
        ("status", a.status == b.status),
        (
            "probability",
            a.occurrence == b.occurrence && a.probability_per == b.probability_per,
        ),
        ("impact", impact_alike),
        ("kind", a.direction == b.direction),
        ("recurrence", a.recurrence == b.recurrence),
        ("first_year", a.first_year == b.first_year),
        ("mitigations", a.mitigations == b.mitigations),
        ("borne_by", a.borne_by == b.borne_by),
        ("taakveld", taakveld(ra, a) == taakveld(rb, b)),
        (
            "category",
            label(&ra.categories, a.category) == label(&rb.categories, b.category),
        ),
        (
            "type",
            label(&ra.risk_types, a.risk_type) == label(&rb.risk_types, b.risk_type),
        ),
        ("cause", a.cause == b.cause),
        ("consequences", a.consequences == b.consequences),
        ("influence", a.influence == b.influence),
        ("owner", a.owner == b.owner),
    ];
    checks.iter().filter(|(_, same)| !same).map(|(f, _)| *f).collect()
}

/// Title words that carry meaning: lower case, letters and digits, three characters or more.
fn words(title: &str) -> Vec<String> {
    let mut w: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect();
    w.sort();
    w.dedup();
    w
}

/// The share of words two titles have in common (Jaccard).
fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let common = a.iter().filter(|w| b.contains(w)).count();
    let all = a.len() + b.len() - common;
    if all == 0 { 0.0 } else { common as f64 / all as f64 }
}

/// Titles at least this alike are proposed as the same risk.
pub const PROPOSE_FROM: f64 = 0.5;

/// Compares `old` with `new`.
pub fn diff(old: &Register, new: &Register, settings: &Settings) -> Diff {
    let old_certainty = settings.certainty.unwrap_or(old.reserve.certainty);
    let new_certainty = settings.certainty.unwrap_or(new.reserve.certainty);
    let old_side = side(old, settings, old_certainty);
    let new_side = side(new, settings, new_certainty);
    let in_new = |id: &str| new.risks.iter().find(|r| r.id == id);
    let in_old = |id: &str| old.risks.iter().find(|r| r.id == id);
    let mut removed: Vec<&Risk> = old.risks.iter().filter(|r| in_new(&r.id).is_none()).collect();
    let mut added: Vec<&Risk> = new.risks.iter().filter(|r| in_old(&r.id).is_none()).collect();
    removed.sort_by(|a, b| a.id.cmp(&b.id));
    added.sort_by(|a, b| a.id.cmp(&b.id));
    let mut changed: Vec<Changed> = old
        .risks
        .iter()
        .filter_map(|a| {
            let b = in_new(&a.id)?;
            let fields = changed_fields(a, old, b, new);
            (!fields.is_empty()).then(|| Changed {
                id: a.id.clone(),
                title: b.title.clone(),
                fields,
                simulated: !simulates_alike(a, old, b, new),
            })
        })
        .collect();
    changed.sort_by(|a, b| a.id.cmp(&b.id));
    let proposed: Vec<Proposed> = removed
        .iter()
        .filter_map(|o| {
            let (best, s) = added
                .iter()
                .map(|n| (n, similarity(&o.title, &n.title)))
                .max_by(|x, y| x.1.total_cmp(&y.1).then_with(|| y.0.id.cmp(&x.0.id)))?;
            (s >= PROPOSE_FROM).then(|| Proposed {
                old: o.id.clone(),
                new: best.id.clone(),
                similarity: s,
            })
        })
        .collect();
    let names =
        |r: &Register| -> Vec<String> { r.verdeelsleutel.municipalities.iter().map(|m| m.name.clone()).collect() };
    let (old_names, new_names) = (names(old), names(new));
    let joined = new_names
        .iter()
        .filter(|n| !old_names.iter().any(|o| normalize(o) == normalize(n)))
        .cloned()
        .collect();
    let left = old_names
        .iter()
        .filter(|o| !new_names.iter().any(|n| normalize(o) == normalize(n)))
        .cloned()
        .collect();

    // The steps, from the old register to the new one.
    let mut steps = Steps {
        list: Vec::new(),
        last: old_side.required,
    };
    let mut frame = new.clone();
    frame.risks = Vec::new();
    let moved: Vec<Risk> = old.risks.iter().map(|r| into_frame(r, old, &mut frame)).collect();
    frame.risks = moved;
    let frame_required = required(&frame, settings, old_certainty);
    if frame_required != steps.last || old.horizon != new.horizon {
        steps.push(StepKind::Frame, None, "", frame_required);
    }
    if old_certainty != new_certainty {
        steps.push(StepKind::Certainty, None, "", required(&frame, settings, new_certainty));
    }
    for risk in &removed {
        frame.risks.retain(|r| r.id != risk.id);
        if risk.is_quantified() {
            let r = required(&frame, settings, new_certainty);
            steps.push(StepKind::Removed, Some(risk), "", r);
        }
    }
    for c in changed.iter().filter(|c| c.simulated) {
        let replacement = in_new(&c.id).expect("a changed risk is in both");
        for r in frame.risks.iter_mut().filter(|r| r.id == c.id) {
            *r = replacement.clone();
        }
        let r = required(&frame, settings, new_certainty);
        steps.push(StepKind::Changed, Some(replacement), "", r);
    }
    for risk in &added {
        frame.risks.push((*risk).clone());
        if risk.is_quantified() {
            let r = required(&frame, settings, new_certainty);
            steps.push(StepKind::Added, Some(risk), "", r);
        }
    }
    if new_side.required != steps.last {
        steps.push(StepKind::Remainder, None, "", new_side.required);
    }
    Diff {
        old: old_side,
        new: new_side,
        added: added.iter().map(|r| reference(r)).collect(),
        removed: removed.iter().map(|r| reference(r)).collect(),
        changed,
        proposed,
        joined,
        left,
        steps: steps.list,
        iterations: settings.iterations,
        seed: settings.seed,
    }
}

/// The steps so far and where they stand.
struct Steps {
    list: Vec<Step>,
    last: f64,
}

impl Steps {
    fn push(&mut self, kind: StepKind, risk: Option<&Risk>, title: &str, required: f64) {
        self.list.push(Step {
            kind,
            id: risk.map(|r| r.id.clone()),
            placeholder: risk.is_some_and(|r| r.placeholder),
            title: risk.map_or_else(|| title.to_string(), |r| r.title.clone()),
            required,
            delta: required - self.last,
        });
        self.last = required;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_alike_are_proposed() {
        assert!(
            similarity(
                "Cao loonsverhogingen ambtenaren",
                "Cao loonsverhogingen ambtenaren (SGO)"
            ) >= PROPOSE_FROM
        );
        assert!(similarity("Vermindering LIV subsidie", "Detachering contracten opgezegd") < PROPOSE_FROM);
        assert_eq!(similarity("", ""), 0.0);
    }
}
