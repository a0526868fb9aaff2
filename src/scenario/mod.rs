//! What-if scenarios: a named overlay on a register.
//!
//! ```yaml
//! name: Loonkosten 5% boven de begroting
//! description: De cao geeft 5% bovenop de begroting, voor alle personeelsgroepen.
//! source: bestuursvraag, zie risico T4-01
//! set:                                   # PATH: VALUE, as `--set PATH=VALUE` on the command line
//!   risks.T4-01.probability: 1
//!   risks.T4-01.impact: {driver: {name: loonsom, percent: 5}}
//!   reserve.balance: 500000
//! add:                                   # new risks, written as in a register
//!   - {id: S-01, title: …, …}
//! remove: [T1-04]                        # risks to leave out
//! ```
//!
//! The overlay is applied to the register's YAML tree, which is then read and validated like any
//! register; every node keeps the file it came from, so a mistake in a scenario is reported at its
//! line and column in the scenario file. Risks are added first, then removed, then `set` applies.

pub mod parameter;
pub mod path;

use crate::diagnostic::Diagnostic;
use crate::problem::{NameKind, Problem, suggest};
use crate::register::SECTIONS;
use crate::register::fields::Reader;
use crate::source::{SourceId, Sources, Span};
use crate::yaml::{self, Key, Node, Value};
use path::Step;

/// One `PATH: VALUE` of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Set {
    pub path: Vec<Step>,
    /// Where the path is written (the key in a scenario file, or the `--set` argument).
    pub at: Span,
    pub value: Node,
}

/// A parsed scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    /// Made from `--set` arguments rather than read from a file.
    pub command_line: bool,
    pub description: Option<String>,
    pub source: Option<String>,
    pub sets: Vec<Set>,
    pub add: Vec<Node>,
    pub remove: Vec<(String, Span)>,
}

/// Reads a scenario from a parsed YAML tree.
pub fn read(
    sources: &Sources,
    tree: &Node,
    today: crate::date::Date,
) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut r = Reader::new(sources, today);
    let scenario = read_fields(&mut r, tree);
    match scenario {
        Some(s) if !r.has_errors() => Ok((s, r.diagnostics)),
        _ => Err(r.diagnostics),
    }
}

fn read_fields(r: &mut Reader, tree: &Node) -> Option<Scenario> {
    let f = r.fields(
        tree,
        "scenario",
        &["name", "description", "source", "set", "add", "remove"],
    )?;
    let name = r.req_text(&f, "name");
    let description = r.opt_text(&f, "description");
    let source = r.opt_text(&f, "source");
    let mut sets = Vec::new();
    if let Some(node) = f.get("set") {
        // The keys of `set` are paths, not fields: they are checked when the scenario is applied.
        match node.as_map() {
            Some(entries) => {
                for (key, value) in entries {
                    match path::parse(&key.name) {
                        Some(path) => sets.push(Set {
                            path,
                            at: key.span,
                            value: value.clone(),
                        }),
                        None => r.error(key.span, Problem::BadPath { text: key.name.clone() }),
                    }
                }
            }
            None => r.error(
                node.span,
                Problem::ExpectedKind {
                    field: "set".into(),
                    expected: crate::yaml::Kind::Mapping,
                    found: node.kind(),
                },
            ),
        }
    }
    let add = match f.get("add") {
        Some(n) => r.list(n, "add")?.to_vec(),
        None => Vec::new(),
    };
    let mut remove = Vec::new();
    if let Some(n) = f.get("remove") {
        for item in r.list(n, "remove")? {
            if let Some(id) = r.text(item, "remove") {
                remove.push((id, item.span));
            }
        }
    }
    if sets.is_empty() && add.is_empty() && remove.is_empty() {
        r.warn(tree.span, Problem::NothingChanged);
    }
    Some(Scenario {
        name: name?,
        command_line: false,
        description,
        source,
        sets,
        add,
        remove,
    })
}

/// A scenario from `--set PATH=VALUE` arguments: each argument becomes a source of its own (named
/// `--set PATH`) whose text is the value, parsed as YAML.
pub fn from_arguments(sources: &mut Sources, arguments: &[String]) -> Result<Scenario, Vec<Diagnostic>> {
    let mut changes = Vec::new();
    let mut diagnostics = Vec::new();
    for argument in arguments {
        match argument.split_once('=') {
            Some((path_text, value_text)) if !path_text.trim().is_empty() => {
                changes.push((path_text.to_string(), value_text.to_string()));
            }
            _ => {
                let id = sources.add("--set", argument.clone());
                diagnostics.push(Diagnostic::error(
                    Span::at(id, 1, 1),
                    Problem::BadSet { text: argument.clone() },
                ));
            }
        }
    }
    let scenario = from_changes(sources, &changes, &|_, path| format!("--set {}", path.trim()));
    let mut scenario = match scenario {
        Ok(s) if diagnostics.is_empty() => s,
        Ok(_) => return Err(diagnostics),
        Err(more) => {
            diagnostics.extend(more);
            return Err(diagnostics);
        }
    };
    scenario.name = arguments
        .iter()
        .map(|a| format!("--set {a}"))
        .collect::<Vec<_>>()
        .join(" ");
    Ok(scenario)
}

/// A scenario from `(PATH, VALUE)` pairs, as `--set` reads them: each value becomes a source of its
/// own, named by `name_of(index, path)` (`--set PATH` on the command line, the change's place in a
/// request for `weerstand serve`), so that a mistake is reported where it was written.
pub fn from_changes(
    sources: &mut Sources,
    changes: &[(String, String)],
    name_of: &dyn Fn(usize, &str) -> String,
) -> Result<Scenario, Vec<Diagnostic>> {
    let mut sets = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, (path_text, value_text)) in changes.iter().enumerate() {
        let id = sources.add(name_of(i, path_text), value_text.clone());
        let at = Span::at(id, 1, 1);
        let Some(path) = path::parse(path_text) else {
            diagnostics.push(Diagnostic::error(
                at,
                Problem::BadPath {
                    text: path_text.clone(),
                },
            ));
            continue;
        };
        match yaml::parse(sources, id) {
            Ok(value) => sets.push(Set { path, at, value }),
            Err(e) => diagnostics.push(Diagnostic::error(e.span, Problem::Syntax { detail: e.detail })),
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(Scenario {
        command_line: true,
        name: changes
            .iter()
            .map(|(p, v)| format!("--set {p}={v}"))
            .collect::<Vec<_>>()
            .join(" "),
        description: None,
        source: None,
        sets,
        add: Vec::new(),
        remove: Vec::new(),
    })
}

/// The text of a risk's id node, as the register reader sees it.
pub fn id_of(sources: &Sources, risk: &Node) -> Option<String> {
    let node = risk.get("id")?;
    match &node.value {
        Value::Str(s) => Some(s.trim().to_string()),
        Value::Int(_) | Value::Float(_) => Some(sources.slice(node.span).trim().to_string()),
        _ => None,
    }
}

/// Applies a scenario to a register tree. What can be applied is; every problem is reported,
/// pointing into the scenario (the caller still reads the tree, so that the register's own checks
/// run too and every problem is found in one go).
pub fn apply(sources: &Sources, tree: &Node, scenario: &Scenario) -> (Node, Vec<Diagnostic>) {
    let mut tree = tree.clone();
    let mut diagnostics = Vec::new();
    if let Some(section) = tree_section(&mut tree, "risks")
        && let Value::Seq(risks) = &mut section.value
    {
        risks.extend(scenario.add.iter().cloned());
        let mut last_removed = None;
        for (id, span) in &scenario.remove {
            match risks
                .iter()
                .position(|r| id_of(sources, r).as_deref() == Some(id.as_str()))
            {
                Some(i) => {
                    risks.remove(i);
                    last_removed = Some(*span);
                }
                None => diagnostics.push(Diagnostic::error(*span, unknown_risk(sources, risks, id))),
            }
        }
        // A scenario that removes every risk is what empties the list: the message points there.
        if risks.is_empty()
            && let Some(span) = last_removed
        {
            section.span = span;
        }
    }
    for set in &scenario.sets {
        if let Err(problem) = apply_set(sources, &mut tree, set) {
            diagnostics.push(Diagnostic::error(set.at, problem));
        }
    }
    let removed: Vec<&str> = scenario.remove.iter().map(|(id, _)| id.as_str()).collect();
    uncorrelate(sources, &mut tree, &removed);
    (tree, diagnostics)
}

/// Takes removed risks out of the `correlations` entries (a risk that is gone moves with nothing),
/// and drops an entry left with fewer than two risks: removing a risk must not break a
/// correlation that named it.
fn uncorrelate(sources: &Sources, tree: &mut Node, removed: &[&str]) {
    if removed.is_empty() {
        return;
    }
    let Some(Node {
        value: Value::Seq(entries),
        ..
    }) = tree_section(tree, "correlations")
    else {
        return;
    };
    entries.retain_mut(|entry| {
        let Value::Map(fields) = &mut entry.value else {
            return true;
        };
        let Some((
            _,
            Node {
                value: Value::Seq(risks),
                ..
            },
        )) = fields.iter_mut().find(|(k, _)| k.name == "risks")
        else {
            return true;
        };
        risks.retain(|r| {
            let id = match &r.value {
                Value::Str(s) => s.trim().to_string(),
                _ => sources.slice(r.span).trim().to_string(),
            };
            !removed.contains(&id.as_str())
        });
        risks.len() >= 2
    });
}

fn tree_section<'t>(tree: &'t mut Node, name: &str) -> Option<&'t mut Node> {
    match &mut tree.value {
        Value::Map(entries) => entries.iter_mut().find(|(k, _)| k.name == name).map(|(_, v)| v),
        _ => None,
    }
}

fn unknown_risk(sources: &Sources, risks: &[Node], id: &str) -> Problem {
    let ids: Vec<String> = risks.iter().filter_map(|r| id_of(sources, r)).collect();
    Problem::UnknownName {
        kind: NameKind::Risk,
        text: id.to_string(),
        suggestion: suggest(id, ids.iter().map(String::as_str)),
        allowed: Vec::new(),
    }
}

fn apply_set(sources: &Sources, tree: &mut Node, set: &Set) -> Result<(), Problem> {
    let Some(Step::Key(section)) = set.path.first() else {
        return Err(Problem::BadPath {
            text: path::display(&set.path),
        });
    };
    if !SECTIONS.contains(&section.as_str()) || section == "version" {
        return Err(Problem::UnknownName {
            kind: NameKind::Section,
            text: section.clone(),
            suggestion: suggest(section, SECTIONS.iter().copied()),
            allowed: SECTIONS.iter().map(ToString::to_string).collect(),
        });
    }
    // The section, created when the register does not have it yet.
    let Value::Map(entries) = &mut tree.value else {
        return Err(Problem::NotABlock {
            path: "register".into(),
        });
    };
    if !entries.iter().any(|(k, _)| k.name == *section) {
        let key = Key {
            name: section.clone(),
            span: set.at,
        };
        entries.push((
            key,
            Node {
                value: Value::Map(Vec::new()),
                span: set.at,
            },
        ));
    }
    let mut node = entries
        .iter_mut()
        .find(|(k, _)| k.name == *section)
        .map(|(_, v)| v)
        .expect("present");
    let mut rest = &set.path[1..];
    if section == "risks" {
        let Some(Step::Risk(id)) = rest.first() else {
            return Err(Problem::SetWholeList);
        };
        let Value::Seq(risks) = &mut node.value else {
            return Err(Problem::NotABlock { path: "risks".into() });
        };
        let Some(i) = risks
            .iter()
            .position(|r| id_of(sources, r).as_deref() == Some(id.as_str()))
        else {
            return Err(unknown_risk(sources, risks, id));
        };
        node = &mut risks[i];
        rest = &rest[1..];
        if rest.is_empty() {
            *node = set.value.clone();
            return Ok(());
        }
    }
    if rest.is_empty() {
        *node = set.value.clone();
        return Ok(());
    }
    if section == "drivers" && rest.len() > 1 {
        let Some(Step::Key(driver)) = rest.first() else {
            unreachable!("drivers are keys")
        };
        let known: Vec<&str> = node
            .as_map()
            .map(|m| m.iter().map(|(k, _)| k.name.as_str()).collect())
            .unwrap_or_default();
        if !known.contains(&driver.as_str()) {
            return Err(Problem::UnknownName {
                kind: NameKind::Driver,
                text: driver.clone(),
                suggestion: suggest(driver, known.iter().copied()),
                allowed: known.iter().map(ToString::to_string).collect(),
            });
        }
    }
    let mut walked = vec![set.path[0].clone()];
    if let Step::Risk(_) = &set.path[1] {
        walked.push(set.path[1].clone());
    }
    set_in(node, rest, &set.value, set.at, &mut walked)
}

/// Puts `value` at `steps` below `node`, creating the mappings on the way.
fn set_in(node: &mut Node, steps: &[Step], value: &Node, at: Span, walked: &mut Vec<Step>) -> Result<(), Problem> {
    let Some((Step::Key(name), rest)) = steps.split_first() else {
        return Err(Problem::BadPath {
            text: path::display(walked),
        });
    };
    let Value::Map(entries) = &mut node.value else {
        return Err(Problem::NotABlock {
            path: path::display(walked),
        });
    };
    walked.push(steps[0].clone());
    let index = match entries.iter().position(|(k, _)| k.name == *name) {
        Some(i) => i,
        None => {
            let key = Key {
                name: name.clone(),
                span: at,
            };
            entries.push((
                key,
                Node {
                    value: Value::Map(Vec::new()),
                    span: at,
                },
            ));
            entries.len() - 1
        }
    };
    if rest.is_empty() {
        entries[index].1 = value.clone();
        return Ok(());
    }
    set_in(&mut entries[index].1, rest, value, at, walked)
}

/// A source id of a scenario: its file name, for headings.
pub fn source_name(sources: &Sources, id: SourceId) -> &str {
    &sources.get(id).name
}

#[cfg(test)]
mod tests;
