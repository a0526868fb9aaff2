//! Typed reading of the YAML tree. Every getter reports what is wrong with the value it was given
//! and returns `None`, so that reading goes on and all problems are found in one run.

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity, Subject};
use crate::problem::{NameKind, Problem, suggest};
use crate::source::{SourceId, Sources, Span};
use crate::yaml::{Key, Kind, Node, Value};

/// Largest amount accepted anywhere, in euros. Far above any Dutch public body's risk, low enough
/// to catch an amount typed in cents or with the unit applied twice.
pub const MAX_AMOUNT: f64 = 1e10;

/// Reads values out of a YAML tree and collects diagnostics.
pub struct Reader<'s> {
    pub sources: &'s Sources,
    pub diagnostics: Vec<Diagnostic>,
    /// The risk or driver being read, named in every diagnostic.
    pub subject: Option<Subject>,
    /// Multiplier from the file's amounts to euros (`metadata.unit`).
    pub unit: f64,
    /// Reference date for "reviewed more than a year ago".
    pub today: Date,
    /// The register's own file; a value from anywhere else was written by a scenario or `--set`.
    pub home: Option<SourceId>,
}

/// The fields of a mapping that passed the unknown-field check.
#[derive(Clone, Copy)]
pub struct Fields<'n> {
    pub node: &'n Node,
    entries: &'n [(Key, Node)],
    /// Fields that an unknown key was taken to be a typo of: not reported again as missing.
    suggested: &'n [(Key, Node)],
}

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn entries(&self) -> &'n [(Key, Node)] {
        self.entries
    }
}

/// Lower case, with `_` and `-` read as spaces: `Op_termijn` and `op termijn` are the same name.
pub fn normalize(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Reader<'_> {
    /// Reports every name that means the same as an earlier one (names are matched without regard
    /// to case, spaces, `_` and `-`, so `loon` and `LO_ON` would resolve unpredictably); true when
    /// all are distinct. Linear in the number of names.
    pub fn distinct(&mut self, what: &str, names: impl IntoIterator<Item = (String, Span)>) -> bool {
        let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut ok = true;
        for (name, span) in names {
            match seen.entry(normalize(&name)) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    let first_line = *first.get();
                    self.error(
                        span,
                        Problem::DuplicateName {
                            what: what.into(),
                            name,
                            first_line,
                        },
                    );
                    ok = false;
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(span.line);
                }
            }
        }
        ok
    }
}

impl<'s> Reader<'s> {
    pub fn new(sources: &'s Sources, today: Date) -> Reader<'s> {
        Reader {
            sources,
            diagnostics: Vec::new(),
            subject: None,
            unit: 1.0,
            today,
            home: None,
        }
    }

    /// Where to point a problem between several values (a minimum above its maximum, two fields
    /// that exclude each other): at the first of `involved` that a scenario or `--set` wrote, the
    /// change the user just made, else at `fallback` in the register.
    pub fn blame(&self, fallback: Span, involved: &[Option<&Node>]) -> Span {
        involved
            .iter()
            .flatten()
            .map(|n| n.span)
            .find(|s| self.home.is_some_and(|home| s.source != home))
            .unwrap_or(fallback)
    }

    pub fn error(&mut self, span: Span, problem: Problem) {
        self.report(Severity::Error, span, problem);
    }

    pub fn warn(&mut self, span: Span, problem: Problem) {
        self.report(Severity::Warning, span, problem);
    }

    fn report(&mut self, severity: Severity, span: Span, problem: Problem) {
        self.diagnostics.push(Diagnostic {
            severity,
            span: Some(span),
            subject: self.subject.clone(),
            problem,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The text of a node exactly as written in the file.
    pub fn raw(&self, node: &Node) -> String {
        let text = self.sources.slice(node.span);
        if text.is_empty() {
            match &node.value {
                Value::Int(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                Value::Str(s) => s.clone(),
                Value::Bool(b) => b.to_string(),
                _ => String::new(),
            }
        } else {
            text.to_string()
        }
    }

    pub fn expected(&mut self, node: &Node, field: &str, expected: Kind) {
        self.error(
            node.span,
            Problem::ExpectedKind {
                field: field.into(),
                expected,
                found: node.kind(),
            },
        );
    }

    /// A mapping whose keys are all in `allowed`; every other key is reported with a suggestion.
    pub fn fields<'n>(&mut self, node: &'n Node, field: &str, allowed: &[&str]) -> Option<Fields<'n>> {
        let Some(entries) = node.as_map() else {
            self.expected(node, field, Kind::Mapping);
            return None;
        };
        for (key, _) in entries {
            if !allowed.contains(&key.name.as_str()) {
                self.error(
                    key.span,
                    Problem::UnknownField {
                        field: key.name.clone(),
                        suggestion: suggest(&key.name, allowed.iter().copied()),
                        allowed: allowed.iter().map(ToString::to_string).collect(),
                    },
                );
            }
        }
        Some(Fields {
            node,
            entries,
            suggested: entries,
        })
    }

    /// A field that must be present; its absence is reported at the mapping that lacks it.
    pub fn required<'n>(&mut self, fields: &Fields<'n>, key: &str) -> Option<&'n Node> {
        let found = fields.get(key);
        // Only a missing field looks for a misspelling (the distance costs more than the reading
        // of a whole risk).
        let misspelt = || {
            fields
                .suggested
                .iter()
                .any(|(k, _)| k.name != key && suggest(&k.name, [key]).is_some())
        };
        if found.is_none() && !misspelt() {
            self.error(fields.node.span, Problem::MissingField { field: key.into() });
        }
        found
    }

    /// Text; a number or yes/no is taken as written (`id: 12` is the text `12`).
    pub fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => Some(self.raw(node)),
            _ => {
                self.expected(node, field, Kind::Text);
                None
            }
        }
    }

    /// Optional text field.
    pub fn opt_text(&mut self, fields: &Fields, key: &str) -> Option<String> {
        let node = fields.get(key)?;
        self.text(node, key)
    }

    /// A required text field.
    pub fn req_text(&mut self, fields: &Fields, key: &str) -> Option<String> {
        let node = self.required(fields, key)?;
        let text = self.text(node, key)?;
        if text.trim().is_empty() {
            self.error(node.span, Problem::MissingField { field: key.into() });
            return None;
        }
        Some(text)
    }

    /// A list of texts (one text is taken as a list of one).
    pub fn texts(&mut self, node: &Node, field: &str) -> Option<Vec<String>> {
        match &node.value {
            Value::Seq(items) => items.iter().map(|i| self.text(i, field)).collect(),
            _ => self.text(node, field).map(|t| vec![t]),
        }
    }

    /// A finite number. Text that looks like a Dutch-written number gets a hint on how to write it.
    pub fn number(&mut self, node: &Node, field: &str) -> Option<f64> {
        match &node.value {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) if f.is_finite() => Some(*f),
            Value::Float(_) => {
                let text = self.raw(node);
                self.error(
                    node.span,
                    Problem::NotFinite {
                        field: field.into(),
                        text,
                    },
                );
                None
            }
            Value::Str(s) => {
                let text = s.trim().to_string();
                let problem = if text.contains('€') || text.to_lowercase().starts_with("eur") {
                    Problem::EuroText {
                        field: field.into(),
                        text,
                        unit: self.unit,
                    }
                } else if text.contains(',') && text.chars().any(|c| c.is_ascii_digit()) {
                    Problem::DecimalComma {
                        field: field.into(),
                        text,
                    }
                } else {
                    Problem::NotANumber {
                        field: field.into(),
                        text,
                    }
                };
                self.error(node.span, problem);
                None
            }
            Value::Bool(_) => {
                let text = self.raw(node);
                self.error(
                    node.span,
                    Problem::NotANumber {
                        field: field.into(),
                        text,
                    },
                );
                None
            }
            _ => {
                self.expected(node, field, Kind::Number);
                None
            }
        }
    }

    /// A non-negative amount of money in the file's unit, returned in euros. `250.000` is refused:
    /// YAML reads it as 250, which is never what a Dutch writer meant.
    pub fn amount(&mut self, node: &Node, field: &str) -> Option<f64> {
        self.amount_signed(node, field, false)
    }

    /// An amount that may be negative when `signed` (a gain, such as a released provision), in
    /// euros; otherwise as [`Reader::amount`].
    pub fn amount_signed(&mut self, node: &Node, field: &str, signed: bool) -> Option<f64> {
        let value = self.number(node, field)?;
        if matches!(node.value, Value::Float(_)) {
            let raw = self.raw(node);
            if looks_like_dutch_thousands(&raw) {
                self.error(
                    node.span,
                    Problem::AmbiguousThousands {
                        field: field.into(),
                        text: raw,
                        read_as: value,
                        unit: self.unit,
                    },
                );
                return None;
            }
        }
        if value < 0.0 && !signed {
            self.error(
                node.span,
                Problem::Negative {
                    field: field.into(),
                    value,
                },
            );
            return None;
        }
        let euros = value * self.unit;
        if euros.abs() > MAX_AMOUNT {
            self.error(
                node.span,
                Problem::AbsurdAmount {
                    field: field.into(),
                    value: euros,
                    limit: MAX_AMOUNT,
                },
            );
            return None;
        }
        Some(euros)
    }

    /// A number in percent: `12,5%` (a Dutch comma is fine inside a percentage) or a plain `12.5`.
    pub fn percentage(&mut self, node: &Node, field: &str) -> Option<f64> {
        if let Value::Str(s) = &node.value
            && let Some(digits) = s.trim().strip_suffix('%')
        {
            return match digits.trim().replace(',', ".").parse::<f64>() {
                Ok(v) if v.is_finite() => Some(v),
                _ => {
                    self.error(
                        node.span,
                        Problem::NotANumber {
                            field: field.into(),
                            text: s.clone(),
                        },
                    );
                    None
                }
            };
        }
        self.number(node, field)
    }

    /// A fraction between 0 and 1, written as `0.7` or `70%`; with `class_names`, also a class name
    /// (`waarschijnlijk`) that stands for its value.
    pub fn fraction(&mut self, node: &Node, field: &str, class_names: &[(String, f64)]) -> Option<f64> {
        let (value, text) = match &node.value {
            Value::Str(s) if s.trim().ends_with('%') => (self.percentage(node, field)? / 100.0, s.trim().to_string()),
            Value::Str(s) if !class_names.is_empty() && !s.chars().any(|c| c.is_ascii_digit()) => {
                let wanted = normalize(s);
                if let Some((_, value)) = class_names.iter().find(|(name, _)| normalize(name) == wanted) {
                    return Some(*value);
                }
                let names: Vec<&str> = class_names.iter().map(|(n, _)| n.as_str()).collect();
                self.error(
                    node.span,
                    Problem::UnknownName {
                        kind: NameKind::ProbabilityClass,
                        text: s.clone(),
                        suggestion: suggest(s, names.iter().copied()),
                        allowed: names.iter().map(ToString::to_string).collect(),
                    },
                );
                return None;
            }
            _ => (self.number(node, field)?, self.raw(node)),
        };
        if !(0.0..=1.0).contains(&value) {
            self.error(
                node.span,
                Problem::ProbabilityOutOfRange {
                    field: field.into(),
                    text,
                    value,
                },
            );
            return None;
        }
        Some(value)
    }

    /// A whole number.
    pub fn whole(&mut self, node: &Node, field: &str) -> Option<i64> {
        let whole = match &node.value {
            Value::Int(i) => i64::try_from(*i).ok(),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
            Value::Float(_) => None,
            _ => {
                self.number(node, field)?;
                None
            }
        };
        if whole.is_none() {
            let text = self.raw(node);
            self.error(
                node.span,
                Problem::NotWhole {
                    field: field.into(),
                    text,
                },
            );
        }
        whole
    }

    /// A year such as 2026.
    pub fn year(&mut self, node: &Node, field: &str) -> Option<i32> {
        // A whole number too large for any integer is still a year out of range, not "no number".
        let year = match &node.value {
            Value::Int(i) => i64::try_from(*i).unwrap_or(i64::MAX),
            Value::Float(f) if f.is_finite() && f.fract() == 0.0 => f.clamp(-1e15, 1e15) as i64,
            _ => self.whole(node, field)?,
        };
        if !(1900..=2200).contains(&year) {
            let text = self.raw(node);
            self.error(
                node.span,
                Problem::YearOutOfRange {
                    field: field.into(),
                    text,
                },
            );
            return None;
        }
        i32::try_from(year).ok()
    }

    /// Yes or no: `true`/`false`, also `ja`/`nee`.
    pub fn boolean(&mut self, node: &Node, field: &str) -> Option<bool> {
        match &node.value {
            Value::Bool(b) => Some(*b),
            Value::Str(s) if normalize(s) == "ja" => Some(true),
            Value::Str(s) if normalize(s) == "nee" => Some(false),
            _ => {
                self.expected(node, field, Kind::Bool);
                None
            }
        }
    }

    /// A list.
    pub fn list<'n>(&mut self, node: &'n Node, field: &str) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.expected(node, field, Kind::List);
                None
            }
        }
    }

    /// One of a fixed set of names, compared without regard to case, `_` or `-`.
    pub fn name<T: Copy>(&mut self, node: &Node, field: &str, kind: NameKind, choices: &[(&str, T)]) -> Option<T> {
        let text = self.text(node, field)?;
        let wanted = normalize(&text);
        if let Some((_, value)) = choices.iter().find(|(name, _)| normalize(name) == wanted) {
            return Some(*value);
        }
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        self.error(
            node.span,
            Problem::UnknownName {
                kind,
                suggestion: suggest(&text, names.iter().copied()),
                text,
                allowed: names.iter().map(ToString::to_string).collect(),
            },
        );
        None
    }

    /// A date written `YYYY-MM-DD`.
    pub fn date(&mut self, node: &Node, field: &str) -> Option<Date> {
        let text = self.text(node, field)?;
        let date = Date::parse(&text);
        if date.is_none() {
            self.error(node.span, Problem::BadDate { text });
        }
        date
    }
}

/// `250.000` or `1.250.000`: digits grouped by dots in threes, the Dutch way of writing thousands.
fn looks_like_dutch_thousands(raw: &str) -> bool {
    let raw = raw.trim().trim_start_matches(['-', '+']);
    let mut groups = raw.split('.');
    let Some(head) = groups.next() else { return false };
    let rest: Vec<&str> = groups.collect();
    !head.is_empty()
        && head.len() <= 3
        && head != "0"
        && head.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

impl Reader<'_> {
    /// An amount that may differ per year: one number for every year, or a mapping
    /// `{2026: 250, 2027: 260, …}` that names each year of the horizon exactly once.
    pub fn amounts_per_year(&mut self, node: &Node, field: &str, horizon: &crate::model::Horizon) -> Option<Vec<f64>> {
        let Some(entries) = node.as_map() else {
            let value = self.amount(node, field)?;
            return Some(vec![value; horizon.len()]);
        };
        let mut values: Vec<Option<f64>> = vec![None; horizon.len()];
        // `2026:` and `"2026":` are different YAML keys but the same year: the second is an error,
        // not a silent override.
        let mut first_line: Vec<Option<u32>> = vec![None; horizon.len()];
        let mut ok = true;
        for (key, value) in entries {
            let year = key.name.trim().parse::<i64>().ok();
            let index = year
                .and_then(|y| i32::try_from(y).ok())
                .and_then(|y| horizon.index_of(y));
            if let Some(i) = index
                && let Some(line) = first_line[i]
            {
                ok = false;
                self.error(
                    key.span,
                    Problem::DuplicateName {
                        what: "jaar".into(),
                        name: key.name.trim().to_string(),
                        first_line: line,
                    },
                );
                continue;
            }
            if let Some(i) = index {
                first_line[i] = Some(key.span.line);
            }
            match (year, index) {
                (Some(_), Some(i)) => match self.amount(value, &format!("{field}.{}", key.name)) {
                    Some(v) => values[i] = Some(v),
                    None => ok = false,
                },
                // Legal (a scenario may shorten the horizon), but worth a word: the amount is unused.
                (Some(year), None) => self.warn(
                    key.span,
                    Problem::YearOutsideHorizon {
                        year,
                        first: horizon.first,
                        last: horizon.last,
                    },
                ),
                (None, _) => {
                    ok = false;
                    self.error(
                        key.span,
                        Problem::NotWhole {
                            field: field.into(),
                            text: key.name.clone(),
                        },
                    );
                }
            }
        }
        let missing: Vec<i32> = horizon
            .years()
            .zip(&values)
            .filter(|(_, v)| v.is_none())
            .map(|(y, _)| y)
            .collect();
        if ok && !missing.is_empty() {
            self.error(node.span, Problem::MissingYears { years: missing });
            return None;
        }
        values.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_thousands_are_recognised() {
        assert!(looks_like_dutch_thousands("250.000"));
        assert!(looks_like_dutch_thousands("1.250.000"));
        assert!(!looks_like_dutch_thousands("0.500"));
        assert!(!looks_like_dutch_thousands("2.5"));
        assert!(!looks_like_dutch_thousands("1250.000"));
        assert!(!looks_like_dutch_thousands("1e3"));
    }

    #[test]
    fn names_ignore_case_and_separators() {
        assert_eq!(normalize("Op_termijn"), "op termijn");
        assert_eq!(normalize(" geen-risico  meer "), "geen risico meer");
    }
}
