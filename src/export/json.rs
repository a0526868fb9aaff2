//! The JSON file of a document: every number of the run at full precision, with its manifest.

use super::{Document, Exporter};
use serde::Serialize;

/// Pretty-printed JSON with a final newline. Deterministic: the same value gives the same bytes.
pub fn pretty(value: &impl Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("results serialize");
    bytes.push(b'\n');
    bytes
}

/// The full results of a simulation.
pub fn to_bytes(results: &crate::results::Results) -> Vec<u8> {
    pretty(results)
}

/// The manifest of a JSON value as (name, cell) rows: every scalar of its `manifest` object and its
/// own top-level scalars, nested names joined with dots, lists numbered (`scenarios.1.name`).
pub fn manifest(value: &serde_json::Value) -> Vec<(String, super::Cell)> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, super::Cell)>) {
        use serde_json::Value as V;
        let join = |key: &str| {
            if prefix.is_empty() {
                key.to_string()
            } else {
                format!("{prefix}.{key}")
            }
        };
        match value {
            V::Object(map) => {
                for (key, v) in map {
                    walk(&join(key), v, out);
                }
            }
            V::Array(items) => {
                for (k, v) in items.iter().enumerate() {
                    walk(&join(&(k + 1).to_string()), v, out);
                }
            }
            V::Null => out.push((prefix.to_string(), super::Cell::Empty)),
            V::Bool(b) => out.push((prefix.to_string(), super::Cell::Text(b.to_string()))),
            V::Number(n) => out.push((prefix.to_string(), n.as_f64().into())),
            V::String(s) => out.push((prefix.to_string(), super::Cell::Text(s.clone()))),
        }
    }
    let mut rows = Vec::new();
    if let Some(m) = value.get("manifest") {
        walk("", m, &mut rows);
    }
    if let Some(map) = value.as_object() {
        for (key, v) in map {
            if !v.is_object() && !v.is_array() {
                walk(key, v, &mut rows);
            }
        }
    }
    rows
}

/// Writes `{stem}.json` (none for a document without figures: the qualitative paragraph).
pub struct Json;

impl Exporter for Json {
    fn files(&self, doc: &Document) -> Result<Vec<(String, Vec<u8>)>, String> {
        if doc.json.is_empty() {
            return Ok(Vec::new());
        }
        Ok(vec![(format!("{}.json", doc.stem), doc.json.clone())])
    }
}
