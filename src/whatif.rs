//! A live what-if: the knobs a board member turns, built from the register, and a request of
//! turned knobs made into one scenario — the same [`Scenario`] a file or `--set` gives, so that what
//! a page shows is what `weerstand compare` computes, and what it saves is a scenario file.
//!
//! Knobs are paths into the register (`risks.T4-01.impact.driver.percent`, `reserve.balance`),
//! read from the register's own YAML tree, so that every value a knob sends lands where
//! `--set` would put it; the request's texts become sources of their own, so that a mistake is
//! reported at its place in the request.

use crate::diagnostic::Diagnostic;
use crate::format::{euro, percent};
use crate::inputs::Inputs;
use crate::lang::Lang;
use crate::model::{Impact, Occurrence, Register};
use crate::results::Results;
use crate::scenario::parameter::{self, Unit};
use crate::scenario::{self, Scenario, path};
use crate::source::{SourceId, Span};
use crate::yaml::{Node, Value};
use serde::{Deserialize, Serialize};

/// One knob: a number at a path of the register.
#[derive(Clone, Debug, Serialize)]
pub struct Knob {
    /// The path a change is sent for, as `--set` takes it.
    pub path: String,
    /// What it is, in the reader's words (`Algemene reserve`, `kans per jaar`, `minimum`).
    pub label: String,
    /// `euro` (written in the register's unit), `percent` (5 is 5%), `probability` (0.63 is 63%)
    /// or `plain`.
    pub unit: &'static str,
    /// Euros per unit written, for `euro`.
    pub per: f64,
    /// The register's value, as written in the register's terms.
    pub value: f64,
    /// The register's value in the reader's terms (`€ 250.000`, `63%`).
    pub shown: String,
    /// A slider's range and step, when a slider suits it.
    pub slider: Option<(f64, f64, f64)>,
    /// What the register holds there when a single number replaces more (a range).
    pub note: Option<String>,
    /// The knobs of one thing shown together, folded (a driver's amount per year).
    pub group: Option<String>,
}

/// A risk's knobs.
#[derive(Clone, Debug, Serialize)]
pub struct RiskKnobs {
    pub id: String,
    pub title: String,
    pub category: String,
    /// Among the largest contributions in the worst years (shown first).
    pub top: bool,
    /// Its mean amount in the worst years of the register's run, for ordering and display.
    pub worst_years: String,
    pub fields: Vec<Knob>,
}

/// A scenario file given to the server, to switch on.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioToggle {
    pub name: String,
    pub description: Option<String>,
    pub changes: Vec<String>,
}

/// Every knob of a register.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Knobs {
    /// The levers a board asks about: each risk's percentage of a driver, each driver's amount.
    pub levers: Vec<Knob>,
    /// The reserve's balance and the zekerheidspercentage.
    pub reserve: Vec<Knob>,
    /// Risks, the largest contributions first.
    pub risks: Vec<RiskKnobs>,
    pub scenarios: Vec<ScenarioToggle>,
}

/// What a page asks for: the knobs turned, the risks switched off, the scenarios switched on.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// `(path, value)`: the value as YAML text, as after `--set PATH=`.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// Risks left out.
    #[serde(default)]
    pub off: Vec<String>,
    /// Indices into the server's scenario files, applied first.
    #[serde(default)]
    pub scenarios: Vec<usize>,
    /// Iterations; the server's count when absent.
    #[serde(default)]
    pub iterations: Option<usize>,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub path: String,
    pub value: String,
}

impl Request {
    /// Whether it changes nothing (the base itself).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.off.is_empty() && self.scenarios.is_empty()
    }
}

/// Builds the knobs from the register's tree (for the paths) and model (for values and names),
/// the risks ordered by the base run's worst-years contributions.
pub fn knobs(inputs: &Inputs, register: &Register, base: &Results, scenarios: &[Scenario], lang: Lang) -> Knobs {
    let unit = register.metadata.unit;
    let knob = |path_text: String, label: String, value: f64, slider: Option<(f64, f64, f64)>| {
        let steps = path::parse(&path_text).unwrap_or_default();
        let p = parameter::describe(&steps, register, lang);
        let (unit_name, per) = match p.unit {
            Unit::Euro { per } => ("euro", per),
            Unit::Percent => ("percent", 1.0),
            Unit::Probability => ("probability", 1.0),
            Unit::Plain => ("plain", 1.0),
        };
        Knob {
            shown: p.value(value),
            path: path_text,
            label,
            unit: unit_name,
            per,
            value,
            slider,
            note: None,
            group: None,
        }
    };
    let tree_risks: Vec<&Node> = match inputs.tree.get("risks").map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().collect(),
        _ => Vec::new(),
    };
    let risk_node = |id: &str| {
        tree_risks
            .iter()
            .find(|n| scenario::id_of(&inputs.sources, n).as_deref() == Some(id))
            .copied()
    };

    // Levers: a percentage of a driver per risk, then the drivers' own amounts.
    let mut levers = Vec::new();
    for risk in register.risks.iter().filter(|r| r.is_the_regelings() && !r.placeholder) {
        if let Impact::Driver { driver, rate } = &risk.impact {
            let d = register.drivers.get(*driver);
            let name = d
                .description
                .as_deref()
                .map_or_else(|| d.id.clone(), crate::describe::without_references);
            let (lo, hi) = rate.range();
            let (lo, mode, hi) = (lo * 100.0, middle(rate) * 100.0, hi * 100.0);
            let mut k = knob(
                format!("{}.impact.driver.percent", risk_path(&risk.id)),
                format!(
                    "{} {}: {} {name}",
                    risk.id,
                    short(&risk.title),
                    lang.pick("percentage van", "percentage of")
                ),
                round_to(mode, 2),
                Some((0.0, (hi * 2.0).max(10.0).ceil(), 0.1)),
            );
            if lo != hi {
                k.note = Some(format!(
                    "{}: {} – {} – {}",
                    lang.pick("register: bandbreedte", "register: range"),
                    percent(lo / 100.0, 2),
                    percent(mode / 100.0, 2),
                    percent(hi / 100.0, 2)
                ));
            }
            levers.push(k);
        }
    }
    if let Some(drivers) = inputs.tree.get("drivers").and_then(Node::as_map) {
        for (key, node) in drivers {
            let Some(amount) = node.get("amount") else { continue };
            let description = node
                .get("description")
                .and_then(|d| match &d.value {
                    Value::Str(s) => Some(crate::describe::without_references(s)),
                    _ => None,
                })
                .unwrap_or_else(|| key.name.clone());
            let base = format!("drivers.{}.amount", key.name);
            match &amount.value {
                Value::Int(_) | Value::Float(_) => {
                    let v = number(amount).unwrap_or(0.0);
                    levers.push(knob(base, description, v, Some((0.0, nice_max(v * 2.0), step_of(v)))));
                }
                Value::Map(years) => {
                    for (year, v) in years {
                        if let Some(v) = number(v) {
                            let mut k = knob(format!("{base}.{}", year.name), year.name.clone(), v, None);
                            k.group = Some(description.clone());
                            levers.push(k);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    // Single levers first, a driver's amounts per year (folded together) after them.
    levers.sort_by_key(|k| k.group.is_some());

    // The reserve and the zekerheidspercentage.
    let cap = register.reserve.cap / unit;
    let reserve = vec![
        knob(
            "reserve.balance".into(),
            lang.pick("Algemene reserve (saldo)", "General reserve (balance)")
                .into(),
            register.reserve.balance.first().copied().unwrap_or(0.0) / unit,
            Some((0.0, cap, step_of(cap))),
        ),
        knob(
            "reserve.certainty".into(),
            lang.pick("Zekerheidspercentage", "Certainty level").into(),
            register.reserve.certainty,
            Some((0.5, 0.995, 0.005)),
        ),
    ];

    // Risks: the largest contributions in the worst years first, then in register order.
    let top = crate::tables::top(base);
    let mean_in_worst = |id: &str| {
        base.contributions
            .iter()
            .find(|c| c.id == id)
            .map_or(0.0, |c| c.worst_years_mean)
    };
    let mut risks: Vec<RiskKnobs> = register
        .risks
        .iter()
        .filter(|r| r.is_the_regelings() && !r.placeholder && r.occurrence.is_some())
        .map(|risk| {
            let mut fields = Vec::new();
            match risk.occurrence {
                Some(Occurrence::Probability(p)) => fields.push(knob(
                    format!("{}.probability", risk_path(&risk.id)),
                    lang.pick("kans per jaar", "probability per year").into(),
                    p,
                    Some((0.0, 1.0, 0.01)),
                )),
                Some(Occurrence::Frequency(f)) => fields.push(knob(
                    format!("{}.frequency", risk_path(&risk.id)),
                    lang.pick("aantal keer per jaar", "times per year").into(),
                    f,
                    None,
                )),
                None => {}
            }
            if let Some(impact) = risk_node(&risk.id).and_then(|n| n.get("impact")) {
                let mut leaves = Vec::new();
                numeric_leaves(impact, "impact", &mut leaves);
                for (rest, v) in leaves {
                    let label = impact_label(&rest, lang);
                    fields.push(knob(format!("{}.{rest}", risk_path(&risk.id)), label, v, None));
                }
            }
            RiskKnobs {
                id: risk.id.clone(),
                title: risk.title.clone(),
                category: register.categories[risk.category].display(lang).to_string(),
                top: top.iter().any(|c| c.id == risk.id),
                worst_years: euro(mean_in_worst(&risk.id)),
                fields,
            }
        })
        .collect();
    risks.sort_by(|a, b| {
        b.top
            .cmp(&a.top)
            .then_with(|| mean_in_worst(&b.id).total_cmp(&mean_in_worst(&a.id)))
    });

    let scenarios = scenarios
        .iter()
        .map(|s| ScenarioToggle {
            name: s.name.clone(),
            description: s.description.clone(),
            changes: parameter::changes(s, register, lang),
        })
        .collect();
    Knobs {
        levers,
        reserve,
        risks,
        scenarios,
    }
}

/// `risks.T4-01`, or `risks[1.4]` for an id with a dot: the path as `--set` writes it.
fn risk_path(id: &str) -> String {
    path::display(&[path::Step::Key("risks".into()), path::Step::Risk(id.into())])
}

/// A title on one line, cut to 48 characters, for a lever's label.
fn short(title: &str) -> String {
    crate::table::truncate(title.split_whitespace().collect::<Vec<_>>().join(" ").as_str(), 48)
}

/// The value a single number stands for: a range's most likely value, else its mean.
fn middle(dist: &crate::model::dist::Dist) -> f64 {
    use crate::model::dist::Dist;
    match *dist {
        Dist::Triangular { mode, .. } | Dist::Pert { mode, .. } => mode,
        _ => dist.mean(),
    }
}

/// The number a node holds, if any.
fn number(node: &Node) -> Option<f64> {
    match node.value {
        Value::Int(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        _ => None,
    }
}

/// Every number below `node`, with its path from `prefix` (`impact.pert.min`); a driver's name and
/// other texts are no knobs.
fn numeric_leaves(node: &Node, prefix: &str, out: &mut Vec<(String, f64)>) {
    match &node.value {
        Value::Int(_) | Value::Float(_) => out.push((prefix.to_string(), number(node).unwrap_or(0.0))),
        Value::Map(entries) => {
            for (k, v) in entries {
                numeric_leaves(v, &format!("{prefix}.{}", k.name), out);
            }
        }
        _ => {}
    }
}

/// `impact.pert.min` as "impact: minimum", `impact.driver.percent.pert.mode` as "percentage: meest
/// waarschijnlijk".
fn impact_label(path: &str, lang: Lang) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    let what = if path.contains("driver.percent") {
        lang.pick("percentage", "percentage")
    } else {
        "impact"
    };
    let part = match last {
        "min" => lang.pick("minimum", "minimum"),
        "mode" => lang.pick("meest waarschijnlijk", "most likely"),
        "max" => lang.pick("maximum", "maximum"),
        "mean" => lang.pick("gemiddelde", "mean"),
        "impact" | "percent" => return what.to_string(),
        other => other,
    };
    format!("{what}: {part}")
}

fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// A round upper end for a slider.
fn nice_max(x: f64) -> f64 {
    crate::chart::nice_ceiling(x.max(1.0))
}

/// A slider step of about a hundredth of its range, rounded to 1, 2 or 5 times a power of ten.
fn step_of(range: f64) -> f64 {
    let raw = (range / 100.0).max(1e-9);
    let power = 10f64.powf(raw.log10().floor());
    let m = raw / power;
    let nice = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    (nice * power).max(if range >= 1.0 { 1.0 } else { 0.0 })
}

/// A request made into one scenario, with the source of each of its changes.
pub struct Built {
    pub scenario: Scenario,
    /// The source of each change, to point a message at its knob.
    pub change_sources: Vec<SourceId>,
}

/// Why a request could not be made into a scenario.
#[derive(Debug)]
pub enum RequestError {
    /// An index of a scenario the server does not have.
    NoScenario(usize),
    Invalid(Vec<Diagnostic>),
}

pub fn build(
    inputs: &mut Inputs,
    request: &Request,
    scenarios: &[Scenario],
    lang: Lang,
) -> Result<Built, RequestError> {
    let mut merged = Scenario {
        name: String::new(),
        command_line: false,
        description: None,
        source: None,
        sets: Vec::new(),
        add: Vec::new(),
        remove: Vec::new(),
    };
    for &i in &request.scenarios {
        let s = scenarios.get(i).ok_or(RequestError::NoScenario(i))?;
        merged.sets.extend(s.sets.iter().cloned());
        merged.add.extend(s.add.iter().cloned());
        merged.remove.extend(s.remove.iter().cloned());
    }
    for (i, id) in request.off.iter().enumerate() {
        let name = format!("{} off[{i}]", lang.pick("verzoek:", "request:"));
        let source = inputs.sources.add(name, id.clone());
        merged.remove.push((id.trim().to_string(), Span::at(source, 1, 1)));
    }
    let first = inputs.sources.len();
    let pairs: Vec<(String, String)> = request
        .changes
        .iter()
        .map(|c| (c.path.clone(), c.value.clone()))
        .collect();
    let label = lang.pick("verzoek: changes", "request: changes");
    let changes = scenario::from_changes(&mut inputs.sources, &pairs, &|i, path| {
        format!("{label}[{i}] ({})", path.trim())
    })
    .map_err(RequestError::Invalid)?;
    merged.sets.extend(changes.sets);
    let change_sources = (first..inputs.sources.len())
        .map(|i| SourceId(u32::try_from(i).expect("fewer than 2^32 sources")))
        .collect();
    Ok(Built {
        scenario: merged,
        change_sources,
    })
}

/// The scenario file for a what-if: the same YAML `--scenario` reads, with its name and
/// description, every change as `set`, risks left out as `remove`, risks a switched-on scenario
/// adds as `add`.
pub fn scenario_yaml(scenario: &Scenario, name: &str, description: &str, source: &str) -> String {
    use crate::workbook::yaml_text::{flow_text, scalar_text};
    let mut out = String::new();
    out.push_str(&format!("name: {}\n", scalar_text(name.trim())));
    if !description.trim().is_empty() {
        out.push_str(&format!(
            "description: {}\n",
            scalar_text(&description.split_whitespace().collect::<Vec<_>>().join(" "))
        ));
    }
    out.push_str(&format!("source: {}\n", scalar_text(source)));
    if !scenario.sets.is_empty() {
        out.push_str("set:\n");
        for set in &scenario.sets {
            out.push_str(&format!(
                "  {}: {}\n",
                scalar_text(&path::display(&set.path)),
                flow_text(&set.value)
            ));
        }
    }
    if !scenario.add.is_empty() {
        out.push_str("add:\n");
        for risk in &scenario.add {
            out.push_str(&format!("  - {}\n", flow_text(risk)));
        }
    }
    if !scenario.remove.is_empty() {
        out.push_str(&format!(
            "remove: [{}]\n",
            scenario
                .remove
                .iter()
                .map(|(id, _)| scalar_text(id))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

/// A file name for a saved scenario: the name in lower case, letters and digits joined by `-`.
pub fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            stem.push(c);
        } else if c == '%' {
            stem.push_str("-procent");
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem = stem.trim_matches('-');
    let stem: String = stem.chars().take(60).collect();
    if stem.is_empty() { "wat-als".into() } else { stem }
}

/// An argument as a POSIX shell reads it back: quoted when it holds anything but safe characters.
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,%@+".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The command that computes the same comparison in a terminal: `--set`s when the what-if is only
/// changes, else the saved scenario file (`None` until it is saved).
pub fn command(register: &str, request: &Request, saved: Option<&str>, seed: u64, iterations: usize) -> Option<String> {
    let mut words = vec!["weerstand".to_string(), "compare".into(), shell_word(register)];
    match saved {
        Some(file) => {
            words.push("--scenario".into());
            words.push(shell_word(file));
        }
        None if request.off.is_empty() && request.scenarios.is_empty() && !request.changes.is_empty() => {
            for c in &request.changes {
                words.push("--set".into());
                words.push(shell_word(&format!("{}={}", c.path, c.value)));
            }
        }
        None => return None,
    }
    words.push("--seed".into());
    words.push(seed.to_string());
    words.push("-n".into());
    words.push(iterations.to_string());
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    fn shipped() -> Inputs {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/risks/ijmond-werkt-2026.yaml");
        Inputs::new(std::path::Path::new(path), Date::parse("2026-11-24").unwrap()).unwrap()
    }

    fn base(register: &Register) -> Results {
        let settings = crate::sim::Settings {
            iterations: 2_000,
            seed: 1,
            basis: crate::model::Basis::Netto,
            percentiles: crate::sim::DEFAULT_PERCENTILES.to_vec(),
            certainty: None,
            keep_samples: false,
            extras: false,
        };
        crate::sim::simulate(register, &settings, &crate::sim::Provenance::default(), &|_| {})
    }

    /// The tree a scenario makes of the register, without positions.
    fn applied(inputs: &Inputs, scenario: &Scenario) -> String {
        let (tree, problems) = scenario::apply(&inputs.sources, &inputs.tree, scenario);
        assert!(problems.is_empty(), "{problems:?}");
        crate::workbook::yaml_text::flow_text(&tree)
    }

    #[test]
    fn every_knob_is_a_path_the_register_takes_and_the_cao_lever_is_first_among_its_kind() {
        let mut inputs = shipped();
        let (register, _) = inputs.model(&[]).unwrap();
        let knobs = knobs(&inputs, &register, &base(&register), &[], Lang::Nl);
        let cao = knobs
            .levers
            .iter()
            .find(|k| k.path == "risks.T4-01.impact.driver.percent")
            .expect("the cao lever");
        assert_eq!((cao.value, cao.unit, cao.shown.as_str()), (2.0, "percent", "2%"));
        assert_eq!(cao.note.as_deref(), Some("register: bandbreedte: 1% – 2% – 5%"));
        let liv = knobs
            .levers
            .iter()
            .find(|k| k.path == "drivers.liv.amount")
            .expect("LIV");
        assert_eq!((liv.value, liv.unit, liv.shown.as_str()), (285.0, "euro", "€ 285.000"));
        assert_eq!(knobs.reserve[0].slider, Some((0.0, 500.0, 5.0)));
        // The ten largest contributions first, marked.
        assert_eq!(knobs.risks.iter().take_while(|r| r.top).count(), 10);
        assert!(knobs.risks.iter().skip(10).all(|r| !r.top));
        assert_eq!(knobs.risks[0].id, "T4-01");
        // Every knob, set to the register's own value, is accepted and changes no figure.
        let all: Vec<&Knob> = knobs
            .levers
            .iter()
            .chain(&knobs.reserve)
            .chain(knobs.risks.iter().flat_map(|r| &r.fields))
            .collect();
        assert!(all.len() > 80, "{}", all.len());
        for knob in all {
            let set = inputs.sets(&[format!("{}={}", knob.path, knob.value)]).unwrap();
            let (changed, _) = inputs.model(&[&set]).unwrap_or_else(|e| panic!("{}: {e:?}", knob.path));
            if knob.note.is_none() {
                assert_eq!(changed.risks, register.risks, "{}", knob.path);
                assert_eq!(changed.drivers, register.drivers, "{}", knob.path);
                assert_eq!(changed.reserve, register.reserve, "{}", knob.path);
            }
        }
    }

    #[test]
    fn a_saved_what_if_reads_back_as_the_same_change() {
        let mut inputs = shipped();
        let mut file = shipped();
        let (toggle, _) = file
            .scenario_from_bytes(
                "s.yaml",
                b"name: x\nset: {reserve.balance: 500}\nadd:\n  - {id: S-01, title: 'Nieuw: een \"risico\"', category: uitvoering, type: uitvoering-financieel, status: actueel, probability: 50%, impact: 100}\n",
            )
            .unwrap();
        let request = Request {
            changes: vec![
                Change {
                    path: "risks.T4-01.impact.driver.percent".into(),
                    value: "5".into(),
                },
                Change {
                    path: "risks.T1-04.probability".into(),
                    value: "90%".into(),
                },
                Change {
                    path: "risks.T3-01.impact".into(),
                    value: "{pert: {min: 100, mode: 150.5, max: 1e3}}".into(),
                },
            ],
            off: vec!["T2-01".into()],
            scenarios: vec![0],
            iterations: None,
        };
        let built =
            build(&mut inputs, &request, std::slice::from_ref(&toggle), Lang::Nl).unwrap_or_else(|_| panic!("valid"));
        let text = scenario_yaml(
            &built.scenario,
            "Cao 5%: \"vol\"",
            "Gevraagd  in de\nvergadering",
            "test",
        );
        assert!(
            text.starts_with("name: \"Cao 5%: \\\"vol\\\"\"\ndescription: Gevraagd in de vergadering\n"),
            "{text}"
        );
        let (again, warnings) = inputs.scenario_from_bytes("saved.yaml", text.as_bytes()).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(again.name, "Cao 5%: \"vol\"");
        assert_eq!(applied(&inputs, &again), applied(&inputs, &built.scenario));
        assert!(inputs.model(&[&again]).is_ok());
    }

    #[test]
    fn a_mistake_in_a_request_points_at_its_change() {
        let mut inputs = shipped();
        let request = Request {
            changes: vec![
                Change {
                    path: "reserve.balance".into(),
                    value: "400".into(),
                },
                Change {
                    path: "risks.T4-01.probability".into(),
                    value: "[1".into(),
                },
            ],
            ..Request::default()
        };
        let Err(RequestError::Invalid(problems)) = build(&mut inputs, &request, &[], Lang::Nl) else {
            panic!("a YAML mistake is refused")
        };
        let place = inputs.sources.get(problems[0].span.unwrap().source).name.clone();
        assert_eq!(place, "verzoek: changes[1] (risks.T4-01.probability)");
        assert!(matches!(
            build(
                &mut inputs,
                &Request {
                    scenarios: vec![2],
                    ..Request::default()
                },
                &[],
                Lang::Nl
            ),
            Err(RequestError::NoScenario(2))
        ));
    }

    #[test]
    fn file_stems_and_shell_words() {
        assert_eq!(
            file_stem("Loonkosten 5% boven de begroting!"),
            "loonkosten-5-procent-boven-de-begroting"
        );
        assert_eq!(file_stem("  ¿?  "), "wat-als");
        assert_eq!(
            shell_word("risks.T4-01.impact.driver.percent=5"),
            "risks.T4-01.impact.driver.percent=5"
        );
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("x={pert: 1}"), "'x={pert: 1}'");
    }

    #[test]
    fn slider_steps_are_round() {
        assert_eq!(step_of(500.0), 5.0);
        assert_eq!(step_of(285.0 * 2.0), 10.0);
        assert_eq!(step_of(100.0), 1.0);
    }
}
