//! Reading drivers: named budget amounts, given per year or as the sum of other drivers.
//!
//! ```yaml
//! drivers:
//!   loonsom_wsw: {description: Personeelskosten Wsw, amount: {2026: 12980, 2027: 12862}}
//!   liv: {amount: 285}
//!   loonsom: {sum: [loonsom_wsw, loonsom_ambtelijk]}
//! ```

use super::fields::Reader;
use crate::diagnostic::Subject;
use crate::model::{Driver, Drivers, Horizon};
use crate::problem::{NameKind, Problem, suggest};
use crate::source::Span;
use crate::yaml::{Node, Value};

/// A driver as read, before sums are resolved.
enum Amounts {
    Given(Vec<f64>),
    Sum(Vec<(String, Span)>),
}

impl Reader<'_> {
    pub fn drivers(&mut self, node: Option<&Node>, horizon: &Horizon) -> Option<Drivers> {
        let Some(node) = node else {
            return Some(Drivers::default());
        };
        let Some(entries) = node.as_map() else {
            self.fields(node, "drivers", &[]);
            return None;
        };
        let mut read: Vec<(Driver, Option<Amounts>, Span)> = Vec::new();
        for (key, value) in entries {
            self.subject = Some(Subject::Driver(key.name.clone()));
            let amounts = self.driver(value, horizon);
            let f = value.as_map();
            let text = |name: &str| {
                f.and_then(|m| m.iter().find(|(k, _)| k.name == name))
                    .and_then(|(_, v)| {
                        if let Value::Str(s) = &v.value {
                            Some(s.clone())
                        } else {
                            None
                        }
                    })
            };
            read.push((
                Driver {
                    id: key.name.clone(),
                    description: text("description"),
                    source: text("source"),
                    values: Vec::new(),
                    parts: Vec::new(),
                },
                amounts,
                key.span,
            ));
        }
        self.subject = None;
        let distinct = self.distinct("driver", read.iter().map(|(d, _, span)| (d.id.clone(), *span)));
        // Resolve sums; a driver that refers to itself through others is reported once.
        let ids: Vec<String> = read.iter().map(|(d, _, _)| d.id.clone()).collect();
        let mut values: Vec<Option<Vec<f64>>> = read
            .iter()
            .map(|(_, a, _)| match a {
                Some(Amounts::Given(v)) => Some(v.clone()),
                _ => None,
            })
            .collect();
        let mut ok = distinct && read.iter().all(|(_, a, _)| a.is_some());
        for (i, (driver, amounts, span)) in read.iter().enumerate() {
            let Some(Amounts::Sum(parts)) = amounts else { continue };
            self.subject = Some(Subject::Driver(driver.id.clone()));
            for (part, part_span) in parts {
                if !ids.contains(part) {
                    ok = false;
                    self.error(
                        *part_span,
                        Problem::UnknownName {
                            kind: NameKind::Driver,
                            text: part.clone(),
                            suggestion: suggest(part, ids.iter().map(String::as_str)),
                            allowed: ids.clone(),
                        },
                    );
                }
            }
            if ok && reaches(&read, i, i, &mut vec![false; read.len()]) {
                ok = false;
                self.error(*span, Problem::DriverCycle { id: driver.id.clone() });
            }
        }
        self.subject = None;
        if !ok {
            return None;
        }
        // Every sum is acyclic now: evaluate until all are known.
        while values.iter().any(Option::is_none) {
            for (i, (_, amounts, _)) in read.iter().enumerate() {
                if values[i].is_some() {
                    continue;
                }
                let Some(Amounts::Sum(parts)) = amounts else { continue };
                let known: Option<Vec<&Vec<f64>>> = parts
                    .iter()
                    .map(|(p, _)| values[ids.iter().position(|id| id == p).expect("checked")].as_ref())
                    .collect();
                if let Some(known) = known {
                    let total = (0..horizon.len()).map(|y| known.iter().map(|v| v[y]).sum()).collect();
                    values[i] = Some(total);
                }
            }
        }
        Some(Drivers {
            list: read
                .into_iter()
                .zip(values)
                .map(|((mut d, amounts, _), v)| {
                    d.values = v.expect("resolved");
                    if let Some(Amounts::Sum(parts)) = amounts {
                        d.parts = parts.into_iter().map(|(p, _)| p).collect();
                    }
                    d
                })
                .collect(),
        })
    }

    fn driver(&mut self, node: &Node, horizon: &Horizon) -> Option<Amounts> {
        let f = self.fields(node, "driver", &["description", "source", "amount", "sum"])?;
        self.opt_text(&f, "description");
        self.opt_text(&f, "source");
        match (f.get("amount"), f.get("sum")) {
            (Some(a), Some(s)) => {
                self.error(
                    self.blame(node.span, &[Some(a), Some(s)]),
                    Problem::NotBoth {
                        field: "amount".into(),
                        other: "sum".into(),
                    },
                );
                None
            }
            (None, None) => {
                self.error(node.span, Problem::MissingField { field: "amount".into() });
                None
            }
            (Some(a), None) => self.amounts_per_year(a, "amount", horizon).map(Amounts::Given),
            (None, Some(s)) => {
                let items = self.list(s, "sum")?;
                if items.is_empty() {
                    self.error(s.span, Problem::EmptyList { field: "sum".into() });
                    return None;
                }
                let parts: Option<Vec<(String, Span)>> =
                    items.iter().map(|i| self.text(i, "sum").map(|t| (t, i.span))).collect();
                parts.map(Amounts::Sum)
            }
        }
    }
}

/// Whether driver `from` depends, through sums, on driver `target`.
fn reaches(read: &[(Driver, Option<Amounts>, Span)], from: usize, target: usize, seen: &mut Vec<bool>) -> bool {
    let Some(Amounts::Sum(parts)) = &read[from].1 else {
        return false;
    };
    for (part, _) in parts {
        let Some(next) = read.iter().position(|(d, _, _)| &d.id == part) else {
            continue;
        };
        if next == target {
            return true;
        }
        if !seen[next] {
            seen[next] = true;
            if reaches(read, next, target, seen) {
                return true;
            }
        }
    }
    false
}
