//! The only place that parses YAML: turns a text into a tree of [`Node`]s that remember where they
//! stand in the file.
//!
//! We do not deserialize straight into typed structs: serde stops at the first problem, and a risk
//! officer who made five mistakes should hear about all five at once. serde-saphyr parses (safely,
//! with budgets against alias bombs and deep nesting, rejecting duplicate keys) into this small
//! tree; `register` then reads the tree and collects every problem it finds.

use crate::source::{SourceId, Sources, Span};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A YAML value with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// A YAML value. Scalars are resolved by the YAML 1.2 core schema (serde-saphyr); the exact text
/// stays available through [`Sources::slice`] for the checks that need it (`500.000`).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Span,
}

impl Node {
    /// The entries of a mapping, or `None` for anything else.
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
    }

    /// The name of the YAML kind of this value, for messages ("een tekst", "a list").
    pub fn kind(&self) -> Kind {
        match &self.value {
            Value::Null => Kind::Empty,
            Value::Bool(_) => Kind::Bool,
            Value::Int(_) | Value::Float(_) => Kind::Number,
            Value::Str(_) => Kind::Text,
            Value::Seq(_) => Kind::List,
            Value::Map(_) => Kind::Mapping,
        }
    }
}

/// The kinds of YAML value, as named in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Empty,
    Bool,
    Number,
    Text,
    List,
    Mapping,
}

/// A YAML text that could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    /// The parser's own description (English; shown after our Dutch or English lead-in).
    pub detail: String,
}

/// Limits on the shape of a YAML text, far above any real register but low enough that a hostile
/// file (10.000 levels of nesting) is refused quickly and in little memory. Aliases are refused
/// outright: `- *r` after `- &r {id: R1, …}` would be a second risk R1 that no duplicate check sees
/// (the tree holds the expanded copy), sharing R1's random stream; and no alias bomb can expand.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_nodes: 200_000,
            max_aliases: 0,
            max_anchors: 1_000,
            max_documents: 1,
        },
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
        with_snippet: false,
    }
}

/// Parses the text of `source` into a tree. An empty document gives a `Null` node.
pub fn parse(sources: &Sources, source: SourceId) -> Result<Node, SyntaxError> {
    let text = &sources.get(source).text;
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(Node {
            value: Value::Null,
            span: Span {
                source,
                line: 1,
                column: 1,
                ..Span::default()
            },
        });
    }
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options()) {
        Ok(raw) => Ok(convert(raw, source)),
        Err(err) => Err(syntax_error(&err, source, text)),
    }
}

fn syntax_error(err: &serde_saphyr::Error, source: SourceId, text: &str) -> SyntaxError {
    let location = err.location();
    let (line, column) = location.map_or((1, 1), |l| (l.line() as u32, l.column() as u32));
    let start = location
        .and_then(|l| l.span().byte_offset())
        .map_or_else(|| offset_of(text, line, column), |o| o as usize);
    let detail = err.render_with_formatter(&serde_saphyr::UserMessageFormatter);
    // The rendered message ends with its own "at line X column Y"; we print the position ourselves.
    let detail = detail.split(" at line ").next().unwrap_or(&detail).trim().to_string();
    // The parser reports a tab where the value it was scanning began, often a line early: point
    // at the tab itself.
    // `get`, not indexing: an offset that is not on a character boundary must not panic.
    let from = text.get(..start).and_then(|t| t.rfind('\n')).map_or(0, |p| p + 1);
    let (line, column, start) = match text.get(from..).and_then(|rest| rest.find('\t')) {
        Some(offset) if detail.contains("tab") => {
            let at = from + offset;
            let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
            let line = text[..at].matches('\n').count() + 1;
            let column = text[line_start..at].chars().count() + 1;
            (
                u32::try_from(line).unwrap_or(u32::MAX),
                u32::try_from(column).unwrap_or(u32::MAX),
                at,
            )
        }
        _ => (line, column, start),
    };
    SyntaxError {
        span: Span {
            source,
            line: line.max(1),
            column: column.max(1),
            start,
            len: 0,
        },
        detail,
    }
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1) as usize)
            .map_or(rest.len(), |(i, _)| i)
}

fn span_of<T>(spanned: &Spanned<T>, source: SourceId) -> Span {
    let at = spanned.referenced;
    let span = at.span();
    Span {
        source,
        line: u32::try_from(at.line()).unwrap_or(u32::MAX),
        column: u32::try_from(at.column()).unwrap_or(u32::MAX),
        start: span.byte_offset().map_or(0, |o| o as usize),
        len: span.byte_len().map_or(0, |l| l as usize),
    }
}

fn convert(raw: Spanned<Raw>, source: SourceId) -> Node {
    let span = span_of(&raw, source);
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => Value::Float(f),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|n| convert(n, source)).collect()),
        Raw::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Key {
                        span: span_of(&k, source),
                        name: k.value,
                    };
                    (key, convert(v, source))
                })
                .collect(),
        ),
    };
    Node { value, span }
}

/// What serde-saphyr fills in; converted to [`Node`] right after.
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

impl<'de> serde::Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(i128::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Int(i128::from(v)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        // Beyond i128 a value is absurd for any field; keep it as a float so it is reported as too large.
        Ok(i128::try_from(v).map_or(Raw::Float(v as f64), Raw::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            let value = map.next_value::<Spanned<Raw>>()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Sources, Result<Node, SyntaxError>) {
        let mut sources = Sources::new();
        let id = sources.add("t.yaml", text);
        let node = parse(&sources, id);
        (sources, node)
    }

    #[test]
    fn every_node_knows_its_line_and_column() {
        let (sources, node) = parse_str("reserve:\n  cap: 500.000\nrisks:\n  - id: R1\n");
        let node = node.unwrap();
        let cap = node.get("reserve").unwrap().get("cap").unwrap();
        assert_eq!(cap.value, Value::Float(500.0));
        assert_eq!((cap.span.line, cap.span.column), (2, 8));
        assert_eq!(sources.slice(cap.span), "500.000");
        let Value::Seq(risks) = &node.get("risks").unwrap().value else {
            panic!("risks is a list")
        };
        let id = risks[0].get("id").unwrap();
        assert_eq!(id.value, Value::Str("R1".into()));
        assert_eq!((id.span.line, id.span.column), (4, 9));
    }

    #[test]
    fn non_finite_floats_reach_the_reader() {
        let (_, node) = parse_str("a: .nan\nb: .inf\nc: 1e999\n");
        let node = node.unwrap();
        assert!(matches!(node.get("a").unwrap().value, Value::Float(f) if f.is_nan()));
        assert!(matches!(node.get("c").unwrap().value, Value::Float(f) if f.is_infinite()));
    }

    #[test]
    fn duplicate_keys_are_a_syntax_error_with_a_position() {
        let (_, node) = parse_str("a: 1\nb: 2\na: 3\n");
        let err = node.unwrap_err();
        assert_eq!(err.span.line, 3);
        assert!(err.detail.to_lowercase().contains("duplicate"), "{}", err.detail);
    }

    #[test]
    fn an_empty_or_comment_only_text_is_null() {
        for text in ["", "\n\n", "# only a comment\n"] {
            let (_, node) = parse_str(text);
            assert_eq!(node.unwrap().value, Value::Null);
        }
    }

    #[test]
    fn malformed_yaml_reports_where() {
        let (_, node) = parse_str("a: [1, 2\nb: 3\n");
        let err = node.unwrap_err();
        assert!(err.span.line >= 1);
        assert!(!err.detail.is_empty());
    }
}
