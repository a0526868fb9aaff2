//! A parameter path in a reader's words, for charts, legends and table headers:
//! `risks.T4-01.impact.driver.percent` becomes "T4-01 Niet begrote loonsverhoging …: percentage
//! van de loonsom" with values shown as `5%`; `reserve.balance` becomes "Algemene reserve" with
//! values in euros (the register's unit applied, so `400` in a register in € 1.000 is € 400.000).

use super::path::Step;
use crate::describe::without_references;
use crate::format::{decimal, euro, percent};
use crate::lang::Lang;
use crate::model::Register;
use crate::yaml::{Node, Value};

/// How a parameter's values read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    /// An amount written in the register's unit (`per` euros each).
    Euro { per: f64 },
    /// A percentage written as a number of percent (`5` is 5%).
    Percent,
    /// A probability written as a fraction (`0.63` is 63%).
    Probability,
    /// Anything else, shown as written.
    Plain,
}

/// A parameter's name and unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// The risk it belongs to (`T4-01 Niet begrote loonsverhoging …`), if any.
    pub subject: Option<String>,
    /// The quantity (`Algemene reserve`, `percentage van de loonsom`).
    pub label: String,
    pub unit: Unit,
}

impl Parameter {
    /// Subject and quantity: `T4-01 …: kans per jaar`.
    pub fn full(&self) -> String {
        match &self.subject {
            Some(subject) => format!("{subject}: {}", self.label),
            None => self.label.clone(),
        }
    }

    /// The quantity with its unit, for an axis: `Algemene reserve (€)`, `percentage van … (%)`.
    pub fn axis(&self) -> String {
        let unit = match self.unit {
            Unit::Euro { .. } => " (€)",
            Unit::Percent | Unit::Probability => " (%)",
            Unit::Plain => "",
        };
        format!("{}{unit}", self.label)
    }

    /// A value of the parameter, as written in the register, in the reader's terms.
    pub fn value(&self, x: f64) -> String {
        match self.unit {
            Unit::Euro { per } => euro(x * per),
            Unit::Percent => percent(x / 100.0, 2),
            Unit::Probability => percent(x, 2),
            Unit::Plain => decimal(x, 3),
        }
    }

    /// A value given as YAML (`--set` or a scenario): numbers in the reader's terms, anything else
    /// on one line as written (`70%`, `{driver: {name: loonsom, percent: 5}}`).
    pub fn node(&self, node: &Node) -> String {
        match &node.value {
            Value::Int(i) => self.value(*i as f64),
            Value::Float(f) => self.value(*f),
            _ => flow(node),
        }
    }
}

/// Describes `path` in the terms of `register`; an unknown path keeps its text.
pub fn describe(path: &[Step], register: &Register, lang: Lang) -> Parameter {
    let unit = register.metadata.unit;
    let amount = |subject: Option<String>, label: String| Parameter {
        subject,
        label,
        unit: Unit::Euro { per: unit },
    };
    let keys: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) | Step::Risk(k) => k.as_str(),
        })
        .collect();
    match keys.as_slice() {
        ["reserve", "balance"] => amount(None, lang.pick("Algemene reserve", "General reserve").into()),
        ["reserve", "cap"] => amount(None, lang.pick("Plafond van de reserve", "Cap on the reserve").into()),
        ["reserve", "certainty"] => Parameter {
            subject: None,
            label: lang.pick("Zekerheidspercentage", "Certainty level").into(),
            unit: Unit::Probability,
        },
        ["drivers", id, "amount" | "values", ..] => {
            let name = register
                .drivers
                .index_of(id)
                .and_then(|i| register.drivers.get(i).description.clone())
                .map_or_else(|| (*id).to_string(), |d| without_references(&d));
            amount(None, name)
        }
        ["risks", id, rest @ ..] => {
            let risk = register
                .risks
                .iter()
                .find(|r| r.id == *id)
                .map_or_else(|| (*id).to_string(), |r| format!("{} {}", r.id, r.title));
            match rest {
                ["probability"] => Parameter {
                    subject: Some(risk),
                    label: lang.pick("kans per jaar", "probability per year").into(),
                    unit: Unit::Probability,
                },
                ["frequency"] => Parameter {
                    subject: Some(risk),
                    label: lang.pick("aantal keer per jaar", "times per year").into(),
                    unit: Unit::Plain,
                },
                ["impact", "driver", "percent", ..] => {
                    let driver = register
                        .risks
                        .iter()
                        .find(|r| r.id == *id)
                        .and_then(|r| match &r.impact {
                            crate::model::Impact::Driver { driver, .. } => {
                                let d = register.drivers.get(*driver);
                                Some(
                                    d.description
                                        .as_deref()
                                        .map_or_else(|| d.id.clone(), without_references),
                                )
                            }
                            _ => None,
                        })
                        .unwrap_or_else(|| lang.pick("de grondslag", "the base").to_string());
                    Parameter {
                        subject: Some(risk),
                        label: format!("{} {}", lang.pick("percentage van", "percentage of"), driver),
                        unit: Unit::Percent,
                    }
                }
                ["impact", ..] => amount(Some(risk), "impact".into()),
                _ => Parameter {
                    subject: Some(risk),
                    label: rest.join("."),
                    unit: Unit::Plain,
                },
            }
        }
        _ => Parameter {
            subject: None,
            label: super::path::display(path),
            unit: Unit::Plain,
        },
    }
}

/// A scenario's changes in the reader's words and the register's terms: each `set` as
/// "Algemene reserve: € 400.000", each added risk as "T9-01 toegevoegd", each removed one as
/// "T2-03 weggelaten".
pub fn changes(scenario: &super::Scenario, register: &Register, lang: Lang) -> Vec<String> {
    // Changes of one risk read as one: "T4-01 …: kans per jaar: 100%, impact: …".
    let mut out: Vec<String> = Vec::new();
    let mut last_subject: Option<String> = None;
    for set in &scenario.sets {
        if let ([Step::Key(section)], Value::Seq(entries)) = (set.path.as_slice(), &set.value.value)
            && section == "correlations"
        {
            out.push(correlations(entries, lang));
            last_subject = None;
            continue;
        }
        let parameter = describe(&set.path, register, lang);
        let change = format!("{}: {}", parameter.label, parameter.node(&set.value));
        match (&parameter.subject, out.last_mut()) {
            (Some(subject), Some(previous)) if last_subject.as_ref() == Some(subject) => {
                previous.push_str(", ");
                previous.push_str(&change);
            }
            (Some(subject), _) => out.push(format!("{subject}: {change}")),
            (None, _) => out.push(change),
        }
        last_subject = parameter.subject;
    }
    for risk in &scenario.add {
        let id = match risk.get("id").map(|n| &n.value) {
            Some(Value::Str(id)) => id.clone(),
            _ => "?".into(),
        };
        out.push(format!("{id} {}", lang.pick("toegevoegd", "added")));
    }
    for (id, _) in &scenario.remove {
        out.push(format!("{id} {}", lang.pick("weggelaten", "left out")));
    }
    out
}

/// A `correlations` list in words: "Samen optreden (rangcorrelatie): T2-P1, T2-P2 en T2-P3 0,6; …".
fn correlations(entries: &[Node], lang: Lang) -> String {
    let groups: Vec<String> = entries
        .iter()
        .map(|entry| {
            let ids: Vec<String> = match entry.get("risks").map(|n| &n.value) {
                Some(Value::Seq(ids)) => ids.iter().map(flow).collect(),
                _ => Vec::new(),
            };
            let ids = crate::format::and_list(&ids, lang);
            let rank = match entry.get("rank").map(|n| &n.value) {
                Some(Value::Int(i)) => decimal(*i as f64, 2),
                Some(Value::Float(f)) => decimal(*f, 2),
                _ => entry.get("rank").map_or_else(|| "?".into(), flow),
            };
            format!("{ids} {rank}")
        })
        .collect();
    format!(
        "{}: {}",
        lang.pick(
            "Samen optreden (rangcorrelatie)",
            "Striking together (rank correlation)"
        ),
        if groups.is_empty() {
            lang.pick("geen", "none").to_string()
        } else {
            groups.join("; ")
        }
    )
}

/// A YAML value on one line, in flow style: `{driver: {name: loonsom, percent: 5}}`.
pub fn flow(node: &Node) -> String {
    match &node.value {
        Value::Null => "~".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Str(s) => s.clone(),
        Value::Seq(items) => format!("[{}]", items.iter().map(flow).collect::<Vec<_>>().join(", ")),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", k.name, flow(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_in_the_registers_unit() {
        let p = Parameter {
            subject: None,
            label: "Algemene reserve".into(),
            unit: Unit::Euro { per: 1000.0 },
        };
        assert_eq!(p.value(400.0), "€ 400.000");
        let q = Parameter {
            subject: None,
            label: "x".into(),
            unit: Unit::Percent,
        };
        assert_eq!(q.value(3.5), "3,5%");
    }
}
