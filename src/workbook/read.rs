//! A workbook (xlsx, xlsm, xls, ods through calamine; csv) as a register tree. Every value becomes a
//! [`Node`] whose span is its cell, so the register's validation speaks of `Risico's!E14`. Cells are
//! read as they show: a percent cell (70%) as the fraction 0,7, a date cell as `2026-03-01`, a
//! currency cell as its number.

use super::{ColumnDef, Field};
use crate::diagnostic::Diagnostic;
use crate::problem::Problem;
use crate::source::{SourceId, Sources, Span};
use crate::yaml::{Key, Node, Value};

/// A cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    Number(f64),
    /// A number in a percent cell (0,7 shown as 70%).
    Percent(f64),
    Text(String),
    Bool(bool),
    /// An Excel error such as `#N/A`.
    Error(String),
    Empty,
}

/// A sheet as read: its name and its cells from A1.
pub struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Raw>>,
}

/// The sheets of a workbook file, by its extension; `Err` with the reason when it cannot be read.
pub fn grids(name: &str, bytes: &[u8]) -> Result<Vec<Grid>, String> {
    let lower = name.to_lowercase();
    if lower.ends_with(".csv") {
        return Ok(vec![csv_grid(name, bytes)?]);
    }
    use calamine::Reader;
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).map_err(|e| format!("{sheet}: {e}"))?;
        // Number formats (xlsx only): a percent cell is read as the percentage it shows.
        let styles = book.worksheet_style(&sheet).ok();
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Raw>> = vec![Vec::new(); top as usize];
        for (r, row) in range.rows().enumerate() {
            let mut cells = vec![Raw::Empty; left as usize];
            cells.extend(row.iter().enumerate().map(|(c, data)| {
                let at = (top + r as u32, left + c as u32);
                let percent = styles
                    .as_ref()
                    .and_then(|s| s.get(at))
                    .and_then(|s| s.number_format.as_ref())
                    .is_some_and(|f| f.format_code.contains('%'));
                match raw(data) {
                    Raw::Number(x) if percent => Raw::Percent(x),
                    other => other,
                }
            }));
            rows.push(cells);
        }
        out.push(Grid { name: sheet, rows });
    }
    Ok(out)
}

fn raw(data: &calamine::Data) -> Raw {
    use calamine::Data;
    match data {
        Data::Int(i) => Raw::Number(*i as f64),
        Data::Float(x) => Raw::Number(*x),
        Data::String(s) => Raw::Text(s.clone()),
        Data::Bool(b) => Raw::Bool(*b),
        // Days since 1899-12-30 (Excel's serial dates; 1970-01-01 is 25569).
        Data::DateTime(dt) => {
            let days = dt.as_f64().floor() as i64 - 25_569;
            Raw::Text(crate::date::Date::from_days(days).to_string())
        }
        Data::DateTimeIso(s) => Raw::Text(s.chars().take(10).collect()),
        Data::DurationIso(s) => Raw::Text(s.clone()),
        Data::Error(e) => Raw::Error(e.to_string()),
        Data::Empty => Raw::Empty,
    }
}

/// A CSV file as one sheet, named after the file. Excel in a Dutch setting writes `;` between
/// cells and a decimal comma: both are understood. A cell that is a plain number becomes one.
fn csv_grid(name: &str, bytes: &[u8]) -> Result<Grid, String> {
    let text = crate::source::decode(bytes).map_err(|_| "geen UTF-8".to_string())?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        rows.push(
            record
                .iter()
                .map(|cell| {
                    let t = cell.trim();
                    if t.is_empty() {
                        Raw::Empty
                    } else if let Some(x) = plain_number(t, delimiter == b';') {
                        Raw::Number(x)
                    } else {
                        Raw::Text(cell.to_string())
                    }
                })
                .collect(),
        );
    }
    let stem = std::path::Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned());
    Ok(Grid { name: stem, rows })
}

/// `250`, `-1.5`, or with a decimal comma `0,35`: a number; anything else (`70%`, `1.234,5`) text.
fn plain_number(t: &str, comma: bool) -> Option<f64> {
    let t = if comma { t.replace(',', ".") } else { t.to_string() };
    let ok = t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') && t.matches('.').count() <= 1;
    if ok { t.parse().ok() } else { None }
}

/// The fields that hold yes or no. A spreadsheet's TRUE comes as a boolean from Excel but as the
/// number 1 from LibreOffice's .ods, and people type `ja`, `waar` or `true`: all read as yes.
const YES_NO: [&str; 2] = ["placeholder", "reserve.replenish"];

/// A yes/no cell as a boolean, when it is one by any of its spellings.
fn yes_no(raw: &Raw) -> Option<bool> {
    match raw {
        Raw::Bool(b) => Some(*b),
        Raw::Number(x) if *x == 1.0 => Some(true),
        Raw::Number(x) if *x == 0.0 => Some(false),
        Raw::Text(t) => match super::normalize(t).as_str() {
            "ja" | "waar" | "true" | "yes" => Some(true),
            "nee" | "onwaar" | "false" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// A register read from a workbook: its tree, the problems met on the way (the register's own
/// validation comes after), and how many risks it has.
pub struct Imported {
    pub tree: Node,
    pub problems: Vec<Diagnostic>,
    /// The risks sheet's source: the register's identity for messages.
    pub register: SourceId,
    pub risks: usize,
    pub sheet: String,
}

/// Reads the workbook `name` into `sources`. `settings`: the sections of a YAML register to use
/// instead of a settings sheet.
pub fn read(sources: &mut Sources, name: &str, grids: &[Grid], settings: Option<&Node>) -> Imported {
    let mut problems = Vec::new();
    let risks_grid = grids
        .iter()
        .find(|g| super::is_risks_sheet(&g.name))
        .or_else(|| {
            grids
                .iter()
                .find(|g| !super::is_settings_sheet(&g.name) && !super::is_lists_sheet(&g.name))
        })
        .or(grids.first());
    let register = sources.add_sheet(name, risks_grid.map_or("", |g| g.name.as_str()), "");
    let mut r = Cells {
        sources,
        source: register,
        problems: &mut problems,
    };
    let risks = risks_grid.map_or_else(Vec::new, |g| r.risks(g));
    let risk_count = risks.len();
    let mut entries: Vec<(Key, Node)> = Vec::new();
    match (settings, grids.iter().find(|g| super::is_settings_sheet(&g.name))) {
        (Some(node), _) => {
            for (k, v) in node.as_map().unwrap_or(&[]) {
                if k.name != "risks" {
                    entries.push((k.clone(), v.clone()));
                }
            }
        }
        (None, Some(grid)) => {
            let id = sources.add_sheet(name, grid.name.as_str(), "");
            let mut r = Cells {
                sources,
                source: id,
                problems: &mut problems,
            };
            entries = r.settings(grid);
        }
        (None, None) => problems.push(Diagnostic::error(Span::at(register, 1, 1), Problem::NoSettings)),
    }
    let at = Span::at(register, 1, 1);
    if !entries.iter().any(|(k, _)| k.name == "version") {
        entries.insert(
            0,
            (
                Key {
                    name: "version".into(),
                    span: at,
                },
                Node {
                    value: Value::Int(1),
                    span: at,
                },
            ),
        );
    }
    entries.push((
        Key {
            name: "risks".into(),
            span: at,
        },
        Node {
            value: Value::Seq(risks),
            span: at,
        },
    ));
    Imported {
        tree: Node {
            value: Value::Map(entries),
            span: at,
        },
        problems,
        register,
        risks: risk_count,
        sheet: risks_grid.map_or_else(String::new, |g| g.name.clone()),
    }
}

/// Reads cells of one sheet into nodes, adding each cell's text to the sheet's source.
struct Cells<'a> {
    sources: &'a mut Sources,
    source: SourceId,
    problems: &'a mut Vec<Diagnostic>,
}

impl Cells<'_> {
    /// The span of a cell holding `text`, its text added to the source.
    fn span(&mut self, row: usize, col: usize, text: &str) -> Span {
        let store = self.sources.text_mut(self.source);
        if !store.is_empty() {
            store.push('\n');
        }
        let start = store.len();
        store.push_str(text);
        Span {
            source: self.source,
            line: u32::try_from(row + 1).unwrap_or(u32::MAX),
            column: u32::try_from(col + 1).unwrap_or(u32::MAX),
            start,
            len: text.len(),
        }
    }

    /// A cell as a node; `None` for an empty cell (or an error, reported). `structured`: a text
    /// starting with `{` or `[` is a small YAML value.
    fn node(&mut self, raw: &Raw, row: usize, col: usize, structured: bool) -> Option<Node> {
        let (value, text) = match raw {
            Raw::Empty => return None,
            Raw::Text(t) if t.trim().is_empty() => return None,
            Raw::Number(x) => {
                let text = format!("{x}");
                if x.fract() == 0.0 && x.abs() < 1e15 {
                    (Value::Int(*x as i128), text)
                } else {
                    (Value::Float(*x), text)
                }
            }
            Raw::Percent(x) => match percent_text(*x) {
                Some(text) => (Value::Str(text.clone()), text),
                None => (Value::Float(*x), format!("{x}")),
            },
            Raw::Bool(b) => (Value::Bool(*b), b.to_string()),
            Raw::Error(e) => {
                let span = self.span(row, col, e);
                self.problems
                    .push(Diagnostic::error(span, Problem::CellError { text: e.clone() }));
                return None;
            }
            Raw::Text(t) => {
                let trimmed = t.trim();
                if structured && (trimmed.starts_with('{') || trimmed.starts_with('[') || trimmed.starts_with('"')) {
                    let span = self.span(row, col, t);
                    return self.yaml(trimmed, span);
                }
                (Value::Str(trimmed.to_string()), t.clone())
            }
        };
        let span = self.span(row, col, &text);
        Some(Node { value, span })
    }

    /// A small YAML value written in a cell, every node of it pointing at the cell.
    fn yaml(&mut self, text: &str, span: Span) -> Option<Node> {
        let mut scratch = Sources::new();
        let id = scratch.add("cell", text.to_string());
        match crate::yaml::parse(&scratch, id) {
            Ok(mut node) => {
                at(&mut node, span);
                Some(node)
            }
            Err(e) => {
                self.problems
                    .push(Diagnostic::error(span, Problem::Syntax { detail: e.detail }));
                None
            }
        }
    }

    /// The risks: the header row found among the first ten, then one risk per non-empty row.
    fn risks(&mut self, grid: &Grid) -> Vec<Node> {
        let Some((header_row, columns)) = self.header(grid) else {
            let span = self.span(0, 0, "");
            self.problems.push(Diagnostic::error(span, Problem::NoRiskHeader));
            return Vec::new();
        };
        let mut risks = Vec::new();
        for (r, row) in grid.rows.iter().enumerate().skip(header_row + 1) {
            if row
                .iter()
                .all(|c| matches!(c, Raw::Empty) || matches!(c, Raw::Text(t) if t.trim().is_empty()))
            {
                continue;
            }
            risks.push(self.risk(row, r, &columns));
        }
        risks
    }

    /// The header row and, per column, the field it holds; unknown and doubled columns reported.
    fn header(&mut self, grid: &Grid) -> Option<(usize, Vec<Option<&'static ColumnDef>>)> {
        let row = grid.rows.iter().take(10).position(|row| {
            let found: Vec<&ColumnDef> = row
                .iter()
                .filter_map(|c| match c {
                    Raw::Text(t) => super::column(t),
                    _ => None,
                })
                .collect();
            found.len() >= 2 && found.iter().any(|c| matches!(c.field, Field::Text("id" | "title")))
        })?;
        let mut columns = Vec::new();
        let mut seen: Vec<(&'static str, String)> = Vec::new();
        for (c, cell) in grid.rows[row].iter().enumerate() {
            let text = match cell {
                Raw::Text(t) if !t.trim().is_empty() => t.trim().to_string(),
                Raw::Empty | Raw::Text(_) => {
                    columns.push(None);
                    continue;
                }
                other => format!("{other:?}"),
            };
            let def = super::column(&text);
            match def {
                None => {
                    let span = self.span(row, c, &text);
                    self.problems
                        .push(Diagnostic::warning(span, Problem::UnknownColumn { text }));
                    columns.push(None);
                }
                Some(d) => {
                    if let Some((_, first)) = seen.iter().find(|(k, _)| *k == d.header) {
                        let span = self.span(row, c, &text);
                        self.problems.push(Diagnostic::error(
                            span,
                            Problem::ColumnTwice {
                                text,
                                first: first.clone(),
                            },
                        ));
                        columns.push(None);
                    } else {
                        seen.push((d.header, text));
                        columns.push(Some(d));
                    }
                }
            }
        }
        Some((row, columns))
    }

    /// One risk from its row.
    fn risk(&mut self, row: &[Raw], r: usize, columns: &[Option<&'static ColumnDef>]) -> Node {
        // The row's place is its first cell (the id, as a rule), with the text found there.
        let first = match row.first() {
            Some(Raw::Text(t)) => t.clone(),
            Some(Raw::Number(x) | Raw::Percent(x)) => format!("{x}"),
            _ => String::new(),
        };
        let row_span = self.span(r, 0, &first);
        let mut entries: Vec<(Key, Node)> = Vec::new();
        let mut range: Vec<(&'static str, Node)> = Vec::new();
        let mut distribution: Option<Node> = None;
        let mut impact_span = None;
        // Where the range's impact goes: at its first column, as the risk's other fields.
        let mut range_at = None;
        for (c, def) in columns.iter().enumerate() {
            let (Some(def), Some(raw)) = (def, row.get(c)) else {
                continue;
            };
            let structured = !matches!(def.field, Field::Text(_));
            let raw = &match yes_no(raw) {
                Some(b) if YES_NO.contains(&def.field.key()) => Raw::Bool(b),
                _ => raw.clone(),
            };
            let Some(node) = (match def.field {
                Field::Mitigations => self.mitigations(raw, r, c),
                _ => self.node(raw, r, c, structured),
            }) else {
                continue;
            };
            let key = Key {
                name: def.field.key().to_string(),
                span: node.span,
            };
            match def.field {
                Field::ImpactMin | Field::ImpactMode | Field::ImpactMax => {
                    range_at.get_or_insert(entries.len());
                    range.push((def.field.key(), node));
                }
                Field::Distribution => {
                    range_at.get_or_insert(entries.len());
                    distribution = Some(node);
                }
                Field::Value("impact") => {
                    impact_span = Some(node.span);
                    entries.push((key, node));
                }
                _ => entries.push((key, node)),
            }
        }
        if !range.is_empty() {
            if let Some(span) = impact_span {
                self.problems.push(Diagnostic::error(span, Problem::ImpactAndRange));
            } else {
                let span = range[0].1.span;
                let kind = distribution.as_ref().map_or_else(
                    || {
                        if range.iter().any(|(k, _)| *k == "mode") {
                            "pert".to_string()
                        } else {
                            "uniform".to_string()
                        }
                    },
                    |n| match &n.value {
                        Value::Str(s) => distribution_name(s),
                        _ => String::new(),
                    },
                );
                let kind_span = distribution.as_ref().map_or(span, |n| n.span);
                let params = Node {
                    value: Value::Map(
                        range
                            .into_iter()
                            .map(|(k, n)| {
                                (
                                    Key {
                                        name: k.to_string(),
                                        span: n.span,
                                    },
                                    n,
                                )
                            })
                            .collect(),
                    ),
                    span,
                };
                let impact = Node {
                    value: Value::Map(vec![(
                        Key {
                            name: kind,
                            span: kind_span,
                        },
                        params,
                    )]),
                    span,
                };
                entries.insert(
                    range_at.unwrap_or(entries.len()).min(entries.len()),
                    (
                        Key {
                            name: "impact".into(),
                            span,
                        },
                        impact,
                    ),
                );
            }
        }
        Node {
            value: Value::Map(entries),
            span: row_span,
        }
    }

    /// The measures cell: a YAML list, or one measure per line, `beschrijving (gepland)`.
    fn mitigations(&mut self, raw: &Raw, r: usize, c: usize) -> Option<Node> {
        let Raw::Text(text) = raw else {
            return self.node(raw, r, c, true);
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        if trimmed.starts_with('[') {
            return self.node(raw, r, c, true);
        }
        let span = self.span(r, c, text);
        let items = trimmed
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                let key = |name: &str| Key {
                    name: name.into(),
                    span,
                };
                let str_node = |s: &str| Node {
                    value: Value::Str(s.to_string()),
                    span,
                };
                let mut fields = Vec::new();
                let state = ["gepland", "uitgevoerd"].into_iter().find_map(|s| {
                    line.strip_suffix(&format!("({s})"))
                        .map(|d| (d.trim_end().to_string(), s))
                });
                match state {
                    Some((description, state)) => {
                        fields.push((key("description"), str_node(&description)));
                        fields.push((key("state"), str_node(state)));
                    }
                    None => fields.push((key("description"), str_node(line))),
                }
                Node {
                    value: Value::Map(fields),
                    span,
                }
            })
            .collect();
        Some(Node {
            value: Value::Seq(items),
            span,
        })
    }

    /// The settings sheet: column A the path (`reserve.balance`), column B the value; a first row
    /// `Instelling | Waarde` is a header.
    fn settings(&mut self, grid: &Grid) -> Vec<(Key, Node)> {
        let mut root: Vec<(Key, Node)> = Vec::new();
        for (r, row) in grid.rows.iter().enumerate() {
            let Some(Raw::Text(path)) = row.first() else {
                continue;
            };
            let path = path.trim();
            let header = ["instelling", "setting", "pad", "path", "sleutel", "key"];
            if path.is_empty() || path.starts_with('#') || (r == 0 && header.contains(&super::normalize(path).as_str()))
            {
                continue;
            }
            let path_span = self.span(r, 0, path);
            let Some(segments) = parse_path(path) else {
                self.problems.push(Diagnostic::error(
                    path_span,
                    Problem::BadSettingPath { text: path.into() },
                ));
                continue;
            };
            let value = match row.get(1) {
                Some(raw) => match yes_no(raw) {
                    Some(b) if YES_NO.contains(&path) => self.node(&Raw::Bool(b), r, 1, true),
                    _ => self.node(raw, r, 1, true),
                },
                None => None,
            }
            .unwrap_or(Node {
                value: Value::Null,
                span: path_span,
            });
            if !insert(&mut root, &segments, value, path_span) {
                self.problems.push(Diagnostic::error(
                    path_span,
                    Problem::SettingTwice { text: path.into() },
                ));
            }
        }
        root
    }
}

/// A percent cell's value as the percentage it shows, `70%`, `84.21%`: the fewest decimals that
/// give the cell's own number back; `None` when no short text does.
fn percent_text(x: f64) -> Option<String> {
    (0..=10).find_map(|decimals| {
        let text = format!("{:.*}", decimals, x * 100.0);
        let back: f64 = text.parse().ok()?;
        (back / 100.0 == x).then(|| format!("{text}%"))
    })
}

/// A risk's missing field, said as the column of the risks sheet to fill in: the register's reader
/// knows fields, the risk officer knows columns.
pub fn name_columns(diagnostics: &mut [Diagnostic], sources: &Sources, risks_sheet: SourceId) {
    if sources.get(risks_sheet).sheet.is_none() {
        return;
    }
    for d in diagnostics {
        if let Problem::MissingField { field } = &d.problem
            && d.span.is_some_and(|s| s.source == risks_sheet)
            && let Some(column) = super::column(field)
        {
            d.problem = Problem::MissingColumn {
                field: field.clone(),
                column: column.header.to_string(),
            };
        }
    }
}

/// The impact distribution a cell names, in the register's spelling (`driehoek` is `triangular`).
fn distribution_name(text: &str) -> String {
    match super::normalize(text).as_str() {
        "uniform" | "uniforme" | "gelijkverdeeld" | "gelijkmatig" => "uniform".into(),
        "triangular" | "driehoek" | "driehoeks" | "driehoeksverdeling" => "triangular".into(),
        "pert" => "pert".into(),
        _ => text.trim().to_string(),
    }
}

/// A segment of a setting's path.
#[derive(Debug, PartialEq)]
enum Segment {
    Key(String),
    /// A 1-based list position.
    Item(usize),
}

/// `verdeelsleutel.municipalities[2].name` as its segments; `None` when it is not a path.
fn parse_path(text: &str) -> Option<Vec<Segment>> {
    let mut out = Vec::new();
    for part in text.split('.') {
        let (name, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if name.is_empty() || name.chars().any(|c| c.is_whitespace() || "[]{}:#".contains(c)) {
            return None;
        }
        out.push(Segment::Key(name.to_string()));
        let mut rest = rest;
        while let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            let n: usize = inner[..end].parse().ok().filter(|n| *n >= 1)?;
            out.push(Segment::Item(n));
            rest = &inner[end + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// Puts `value` at `path` in a mapping; `false` when that place is taken or a list position skips.
fn insert(map: &mut Vec<(Key, Node)>, path: &[Segment], value: Node, span: Span) -> bool {
    let Some((Segment::Key(name), rest)) = path.split_first() else {
        return false;
    };
    let position = map.iter().position(|(k, _)| &k.name == name);
    if rest.is_empty() {
        if position.is_some() {
            return false;
        }
        map.push((
            Key {
                name: name.clone(),
                span,
            },
            value,
        ));
        return true;
    }
    let index = position.unwrap_or_else(|| {
        let empty = match rest[0] {
            Segment::Key(_) => Value::Map(Vec::new()),
            Segment::Item(_) => Value::Seq(Vec::new()),
        };
        map.push((
            Key {
                name: name.clone(),
                span,
            },
            Node { value: empty, span },
        ));
        map.len() - 1
    });
    insert_in(&mut map[index].1, rest, value, span)
}

fn insert_in(node: &mut Node, path: &[Segment], value: Node, span: Span) -> bool {
    match (&mut node.value, &path[0]) {
        (Value::Map(entries), Segment::Key(_)) => insert(entries, path, value, span),
        (Value::Seq(items), Segment::Item(n)) => {
            let rest = &path[1..];
            if *n == items.len() + 1 {
                if rest.is_empty() {
                    items.push(value);
                    return true;
                }
                let empty = match rest[0] {
                    Segment::Key(_) => Value::Map(Vec::new()),
                    Segment::Item(_) => Value::Seq(Vec::new()),
                };
                items.push(Node { value: empty, span });
            } else if *n > items.len() || rest.is_empty() {
                return false;
            }
            insert_in(&mut items[*n - 1], rest, value, span)
        }
        _ => false,
    }
}

/// Every node of a tree placed at `span` (a YAML value parsed from one cell).
fn at(node: &mut Node, span: Span) {
    node.span = span;
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| at(n, span)),
        Value::Map(entries) => entries.iter_mut().for_each(|(k, n)| {
            k.span = span;
            at(n, span);
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_paths() {
        assert_eq!(
            parse_path("verdeelsleutel.municipalities[2].name"),
            Some(vec![
                Segment::Key("verdeelsleutel".into()),
                Segment::Key("municipalities".into()),
                Segment::Item(2),
                Segment::Key("name".into()),
            ])
        );
        assert_eq!(parse_path("drivers.liv.amount.2026").map(|p| p.len()), Some(4));
        for bad in ["", "reserve..cap", "a b", "x[0]", "x[1", "x[1]y", "reserve.cap:"] {
            assert_eq!(parse_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn percent_cells_read_as_they_show() {
        assert_eq!(percent_text(0.7).as_deref(), Some("70%"));
        assert_eq!(percent_text(0.8421).as_deref(), Some("84.21%"));
        assert_eq!(percent_text(1.3).as_deref(), Some("130%"));
        assert_eq!(percent_text(0.63).as_deref(), Some("63%"));
        assert_eq!(percent_text(1.0 / 3.0), None);
    }

    #[test]
    fn csv_numbers_in_either_convention() {
        assert_eq!(plain_number("0,35", true), Some(0.35));
        assert_eq!(plain_number("250", false), Some(250.0));
        assert_eq!(plain_number("70%", true), None);
        assert_eq!(plain_number("1.234,5", true), None);
    }
}
