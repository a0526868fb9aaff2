//! A register tree written as YAML text: block mappings, small values in flow style
//! (`impact: {uniform: {min: 130, max: 390}}`), long texts folded, every string quoted where YAML
//! would read it as something else. Reading the text back gives the same tree.

use crate::yaml::{Node, Value};
use std::fmt::Write as _;

/// Widest a folded text's lines get.
const WIDTH: usize = 100;
/// Widest a value written in flow style may be.
const FLOW: usize = 72;

/// The register as YAML, after the comment lines `header` (each given without `# `). Top-level
/// sections are separated by a blank line; each risk gets a comment naming its cell range `origin`.
pub fn register(tree: &Node, header: &[String], origin: &dyn Fn(usize) -> Option<String>) -> String {
    let mut out = String::new();
    for line in header {
        let _ = writeln!(out, "# {line}").map(|()| ());
    }
    if !header.is_empty() {
        out.push('\n');
    }
    let Some(entries) = tree.as_map() else {
        return out;
    };
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if key.name == "risks"
            && let Value::Seq(items) = &value.value
        {
            let _ = writeln!(out, "risks:");
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.push('\n');
                }
                if let Some(comment) = origin(k) {
                    let _ = writeln!(out, "  # {comment}");
                }
                item_text(&mut out, item, 2);
            }
            if items.is_empty() {
                out.truncate(out.len() - 1);
                out.push_str(" []\n");
            }
            continue;
        }
        // A section is a block of its own (`reserve:` then its settings), however short.
        match &value.value {
            Value::Map(entries) if !entries.is_empty() && key.name != "horizon" => {
                let _ = writeln!(out, "{}:", key_text(&key.name));
                for (k, v) in entries {
                    entry(&mut out, &k.name, v, 2);
                }
            }
            _ => entry(&mut out, &key.name, value, 0),
        }
    }
    out
}

/// `key: value` at `indent`, nested values below it.
fn entry(out: &mut String, key: &str, value: &Node, indent: usize) {
    let pad = " ".repeat(indent);
    let key = key_text(key);
    match inline(value, indent + key.len() + 2) {
        Some(text) => {
            let _ = writeln!(out, "{pad}{key}: {text}");
        }
        None => match &value.value {
            Value::Map(entries) => {
                let _ = writeln!(out, "{pad}{key}:");
                for (k, v) in entries {
                    entry(out, &k.name, v, indent + 2);
                }
            }
            Value::Seq(items) => {
                let _ = writeln!(out, "{pad}{key}:");
                for item in items {
                    item_text(out, item, indent + 2);
                }
            }
            Value::Str(s) => {
                let _ = writeln!(out, "{pad}{key}: >-");
                for line in fold(s, WIDTH.saturating_sub(indent + 2)) {
                    let _ = writeln!(out, "{pad}  {line}");
                }
            }
            _ => unreachable!("scalars are inline"),
        },
    }
}

/// `- value` at `indent`; a mapping's first entry on the dash's line.
fn item_text(out: &mut String, item: &Node, indent: usize) {
    let pad = " ".repeat(indent);
    match (&item.value, inline(item, indent + 2)) {
        (_, Some(text)) => {
            let _ = writeln!(out, "{pad}- {text}");
        }
        (Value::Map(entries), None) => {
            let mut first = String::new();
            for (k, (key, value)) in entries.iter().enumerate() {
                if k == 0 {
                    entry(&mut first, &key.name, value, indent + 2);
                    out.push_str(&pad);
                    out.push_str("- ");
                    out.push_str(&first[indent + 2..]);
                } else {
                    entry(out, &key.name, value, indent + 2);
                }
            }
        }
        (Value::Seq(items), None) => {
            let _ = writeln!(out, "{pad}-");
            for i in items {
                item_text(out, i, indent + 2);
            }
        }
        (Value::Str(s), None) => {
            let _ = writeln!(out, "{pad}- >-");
            for line in fold(s, WIDTH.saturating_sub(indent + 2)) {
                let _ = writeln!(out, "{pad}  {line}");
            }
        }
        _ => unreachable!("scalars are inline"),
    }
}

/// The value on one line, when it fits: a scalar, or a small mapping or list in flow style.
fn inline(node: &Node, used: usize) -> Option<String> {
    let text = flow(node)?;
    let fits = used + text.chars().count() <= WIDTH.max(used + 20);
    match &node.value {
        Value::Str(s) if !fits && can_fold(s) => None,
        Value::Map(_) | Value::Seq(_) if text.len() > FLOW => None,
        // A list of records reads best one record a line.
        Value::Seq(items) if items.iter().any(|i| matches!(i.value, Value::Map(_))) => None,
        _ => Some(text),
    }
}

/// A value on one line in flow style, for a cell.
pub fn flow_text(node: &Node) -> String {
    flow(node).expect("every value has a flow form")
}

/// A value in flow style.
fn flow(node: &Node) -> Option<String> {
    Some(match &node.value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) => float(*x),
        Value::Str(s) => scalar_text(s),
        Value::Seq(items) => {
            let parts: Option<Vec<String>> = items.iter().map(flow).collect();
            format!("[{}]", parts?.join(", "))
        }
        Value::Map(entries) => {
            let parts: Option<Vec<String>> = entries
                .iter()
                .map(|(k, v)| flow(v).map(|v| format!("{}: {v}", key_text(&k.name))))
                .collect();
            format!("{{{}}}", parts?.join(", "))
        }
    })
}

/// A float as YAML reads it back to the same number (`0.8421`, `1e-7`, `.inf`).
fn float(x: f64) -> String {
    if x.is_nan() {
        ".nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { ".inf".into() } else { "-.inf".into() }
    } else {
        let text = format!("{x:?}");
        if text.contains(['.', 'e', 'E']) {
            text
        } else {
            format!("{text}.0")
        }
    }
}

/// A string as a plain scalar where YAML reads it back as the same string, else double-quoted.
pub fn scalar_text(s: &str) -> String {
    if plain(s) {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("a string serializes")
    }
}

/// Whether a string can stand unquoted: it starts with a letter (or is a percentage such as `90%`),
/// holds no YAML indicator that could end it early, and is no other type's spelling.
fn plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let percent = s
        .strip_suffix('%')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'));
    if percent {
        return true;
    }
    let reserved = ["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"];
    first.is_alphabetic()
        && !reserved.contains(&s.to_lowercase().as_str())
        && s == s.trim()
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(|c| c.is_control() || "{}[],".contains(c))
}

/// A mapping key: plain also when it is a whole number (`2026:`), which the register reads by name.
fn key_text(s: &str) -> String {
    if !s.is_empty() && s.len() < 10 && s.chars().all(|c| c.is_ascii_digit()) {
        s.to_string()
    } else {
        scalar_text(s)
    }
}

/// Whether a text can be written folded (`>-`) and read back the same: one line, single spaces.
fn can_fold(s: &str) -> bool {
    !s.contains('\n') && !s.contains("  ") && s == s.trim() && !s.chars().any(char::is_control) && !s.is_empty()
}

/// A one-line text broken at spaces into lines of at most `width` characters.
fn fold(s: &str, width: usize) -> Vec<String> {
    if !can_fold(s) {
        return vec![serde_json::to_string(s).expect("a string serializes")];
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    // A folded line must not look like a comment or a list item when it starts a line.
    if lines.iter().any(|l| l.starts_with('#') || l.starts_with("- ")) {
        return vec![serde_json::to_string(s).expect("a string serializes")];
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;

    fn parse(text: &str) -> Node {
        let mut sources = Sources::new();
        let id = sources.add("t.yaml", text.to_string());
        crate::yaml::parse(&sources, id).unwrap_or_else(|e| panic!("{}\n{text}", e.detail))
    }

    /// Values compared without positions.
    fn same(a: &Node, b: &Node) -> bool {
        match (&a.value, &b.value) {
            (Value::Map(x), Value::Map(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((k1, v1), (k2, v2))| k1.name == k2.name && same(v1, v2))
            }
            (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v1, v2)| same(v1, v2)),
            (x, y) => x == y,
        }
    }

    #[test]
    fn a_tree_written_reads_back_the_same() {
        let long = "Een lange tekst die over de breedte van een regel heen gaat en dus gevouwen wordt, met komma's, punten en een dubbele punt: zo; en # geen commentaar.";
        let text = format!(
            "version: 1\nmetadata: {{organisation: \"IJmond Werkt!\", unit: 1000}}\nreserve:\n  certainty: 90%\n  rules: [{long:?}, \"- begint met een streepje\", \"true\", \"2026\", \"a: b\", \"x #y\", \"multi\\nline\", \"  spaces\"]\nkengetallen: [{{name: Netto schuldquote, value: \"12,0%\"}}]\ndrivers:\n  liv: {{amount: {{2026: 285, 2027: 0.5}}}}\nrisks:\n  - {{id: R1, title: {long:?}, probability: 0.8421, impact: {{uniform: {{min: 130, max: 390}}}}, placeholder: true}}\n  - {{id: \"007\", title: \"[concept] iets\", impact: pm, notes: null, probability: 1e-7}}\n"
        );
        let tree = parse(&text);
        let written = register(&tree, &["kop".into()], &|k| Some(format!("rij {}", k + 2)));
        let back = parse(&written);
        assert!(same(&tree, &back), "{written}");
        assert!(written.contains("  certainty: 90%\n"), "{written}");
        assert!(written.contains("impact: {uniform: {min: 130, max: 390}}"), "{written}");
        assert!(
            written
                .lines()
                .all(|l| l.chars().count() <= WIDTH + 2 || l.contains('"')),
            "{written}"
        );
    }
}
