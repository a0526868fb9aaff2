//! The workbook of a register: the risks one per row on `Risico's` (kans as a percent cell, amounts
//! as numbers in the register's unit, a range as Verdeling / min / meest waarschijnlijk / max, the
//! enumerations chosen from lists), the settings as `pad | waarde` rows on `Instellingen`, and the
//! lists on `Keuzelijsten`. `read` gives the same register back.

use super::{COLUMNS, ColumnDef, DISTRIBUTIONS, Field};
use crate::model::Register;
use crate::yaml::{Node, Value};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign, Formula, Workbook, Worksheet,
    XlsxError,
};

/// Columns every exported register shows, used or not: what a risk officer fills in.
const ALWAYS: [&str; 14] = [
    "id",
    "area",
    "title",
    "cause",
    "consequences",
    "category",
    "type",
    "status",
    "probability",
    "impact",
    "verdeling",
    "min",
    "max",
    "mitigations",
];

/// A cell to write.
enum Out {
    Number(f64, &'static str),
    /// A date (`2026-03-01`): a date cell, read back as the same text.
    Date(crate::date::Date),
    Text(String),
    Bool(bool),
}

/// The workbook of `tree` (a register as parsed); `register`, the same register validated, gives the
/// lists (categories, risk types, probability classes). `all_columns`: every column weerstand
/// reads, used or not (the template); else the usual ones and those the risks use.
pub fn workbook(
    tree: &Node,
    register: &Register,
    created: crate::date::Date,
    all_columns: bool,
) -> Result<Vec<u8>, XlsxError> {
    let risks: &[Node] = match tree.get("risks").map(|n| &n.value) {
        Some(Value::Seq(items)) => items,
        _ => &[],
    };
    let used = |def: &ColumnDef| {
        all_columns
            || ALWAYS.contains(&def.field.key())
            || risks.iter().any(|r| r.get(def.field.key()).is_some())
            || (matches!(def.field, Field::ImpactMode)
                && risks.iter().any(|r| range(r).is_some_and(|(_, p)| p.len() == 3)))
    };
    let columns: Vec<&ColumnDef> = COLUMNS.iter().filter(|c| used(c)).collect();
    let unit = tree
        .get("metadata")
        .and_then(|m| m.get("unit"))
        .and_then(|n| match n.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(x) => Some(x),
            _ => None,
        })
        .unwrap_or(1.0);
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&crate::export::xlsx::created(created)?)
            .set_title("Risicoregister")
            .set_comment("Gemaakt door weerstand; lees terug met: weerstand import"),
    );
    let lists = lists(register, &columns);
    let ws = book.add_worksheet();
    risks_sheet(ws, &columns, risks, unit, &lists)?;
    let ws = book.add_worksheet();
    settings_sheet(ws, tree)?;
    let ws = book.add_worksheet();
    ws.set_name(super::LISTS_SHEET)?;
    let bold = Format::new().set_bold();
    for (c, (header, items)) in lists.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *header, &bold)?;
        for (r, item) in items.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, item)?;
        }
        ws.set_column_width(c as u16, 24)?;
    }
    book.save_to_buffer()
}

/// The lists the columns choose from: (column header, items).
fn lists(register: &Register, columns: &[&ColumnDef]) -> Vec<(&'static str, Vec<String>)> {
    columns
        .iter()
        .filter_map(|def| {
            let items: Vec<String> = match def.field {
                Field::Text("category") => register.categories.iter().map(|l| l.id.clone()).collect(),
                Field::Text("type") => register.risk_types.iter().map(|l| l.id.clone()).collect(),
                Field::Value("probability") => register.classes.probability.iter().map(|c| c.name.clone()).collect(),
                _ => def.choices.iter().map(ToString::to_string).collect(),
            };
            (!items.is_empty()).then_some((def.header, items))
        })
        .collect()
}

fn risks_sheet(
    ws: &mut Worksheet,
    columns: &[&ColumnDef],
    risks: &[Node],
    unit: f64,
    lists: &[(&'static str, Vec<String>)],
) -> Result<(), XlsxError> {
    ws.set_name(super::RISKS_SHEET)?;
    let header_format = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let top = Format::new().set_align(FormatAlign::Top);
    let unit_note = if unit == 1.0 {
        " (€)".to_string()
    } else {
        format!(" (× € {})", crate::format::decimal(unit, 0))
    };
    for (c, def) in columns.iter().enumerate() {
        let amount = matches!(
            def.field,
            Field::Value("impact" | "published_weighted") | Field::ImpactMin | Field::ImpactMode | Field::ImpactMax
        );
        let header = if amount {
            format!("{}{unit_note}", def.header)
        } else {
            def.header.to_string()
        };
        ws.write_string_with_format(0, c as u16, &header, &header_format)?;
        let width = if is_long(def.field) {
            40.0
        } else {
            (header.chars().count() as f64 + 2.0).max(12.0)
        };
        ws.set_column_width(c as u16, width)?;
        if let Some(k) = lists.iter().position(|(h, _)| *h == def.header) {
            let letter = crate::source::column_name(k as u32 + 1);
            let last = lists[k].1.len() + 1;
            let formula = format!("='{}'!${letter}$2:${letter}${last}", super::LISTS_SHEET);
            // Kans takes a class or a percentage, the category any new name declared in the
            // register: a warning, not a refusal.
            let style = if def.choices.is_empty() {
                DataValidationErrorStyle::Information
            } else {
                DataValidationErrorStyle::Stop
            };
            let validation = DataValidation::new()
                .allow_list_formula(Formula::new(formula))
                .set_error_style(style)
                .ignore_blank(true);
            ws.add_data_validation(1, c as u16, 1000.max(risks.len() as u32 + 100), c as u16, &validation)?;
        }
    }
    for (r, risk) in risks.iter().enumerate() {
        let row = r as u32 + 1;
        let ranged = range(risk);
        for (c, def) in columns.iter().enumerate() {
            let col = c as u16;
            let cell = match def.field {
                Field::Value("impact") if ranged.is_some() => None,
                Field::Distribution => ranged.as_ref().map(|(kind, _)| Out::Text((*kind).to_string())),
                Field::ImpactMin | Field::ImpactMode | Field::ImpactMax => ranged.as_ref().and_then(|(_, params)| {
                    params
                        .iter()
                        .find(|(k, _)| *k == def.field.key())
                        .map(|(_, x)| Out::Number(*x, amount_format(*x)))
                }),
                Field::Mitigations => risk.get("mitigations").map(mitigations),
                Field::Value("probability") => risk.get("probability").map(probability),
                Field::Value("impact" | "published_weighted") => risk.get(def.field.key()).map(|n| {
                    // `{fixed: 50000}` is the amount 50000.
                    let n = match n.as_map() {
                        Some([(k, v)]) if k.name == "fixed" && matches!(v.value, Value::Int(_) | Value::Float(_)) => v,
                        _ => n,
                    };
                    match n.value {
                        Value::Int(i) => Out::Number(i as f64, amount_format(i as f64)),
                        Value::Float(x) => Out::Number(x, amount_format(x)),
                        _ => value(n, true),
                    }
                }),
                Field::Text(_) => risk.get(def.field.key()).map(|n| value(n, false)),
                _ => risk.get(def.field.key()).map(|n| value(n, true)),
            };
            let long = is_long(def.field);
            match cell {
                Some(Out::Number(x, format)) => {
                    ws.write_number_with_format(
                        row,
                        col,
                        x,
                        &Format::new().set_num_format(format).set_align(FormatAlign::Top),
                    )?;
                }
                Some(Out::Text(t)) => {
                    ws.write_string_with_format(row, col, &t, if long { &wrap } else { &top })?;
                }
                Some(Out::Bool(b)) => {
                    ws.write_boolean_with_format(row, col, b, &top)?;
                }
                Some(Out::Date(d)) => write_date(ws, row, col, d)?,
                None => {}
            }
        }
    }
    ws.set_freeze_panes(1, 1)?;
    Ok(())
}

/// A date cell, shown as 01-03-2026.
fn write_date(ws: &mut Worksheet, row: u32, col: u16, d: crate::date::Date) -> Result<(), XlsxError> {
    let when = crate::export::xlsx::created(d)?;
    let format = Format::new().set_num_format("dd-mm-yyyy").set_align(FormatAlign::Top);
    ws.write_datetime_with_format(row, col, &when, &format)?;
    Ok(())
}

/// Whether a column holds running text: wide, its cells wrapped.
fn is_long(field: Field) -> bool {
    matches!(
        field,
        Field::Text("title" | "cause" | "consequences" | "notes" | "area") | Field::Mitigations
    )
}

/// A whole amount without decimals, else two.
fn amount_format(x: f64) -> &'static str {
    if x.fract() == 0.0 { "#,##0" } else { "#,##0.00" }
}

/// The impact as a range, when it is one: (distribution, [(parameter, value)]).
fn range(risk: &Node) -> Option<(&'static str, Vec<(&'static str, f64)>)> {
    let impact = risk.get("impact")?;
    let [(kind, params)] = impact.as_map()? else {
        return None;
    };
    let kind = DISTRIBUTIONS.iter().find(|d| **d == kind.name)?;
    let entries = params.as_map()?;
    let mut out = Vec::new();
    for name in ["min", "mode", "max"] {
        if let Some(n) = params.get(name) {
            let x = match n.value {
                Value::Int(i) => i as f64,
                Value::Float(x) => x,
                _ => return None,
            };
            out.push((name, x));
        }
    }
    (out.len() == entries.len() && out.len() >= 2).then_some((kind, out))
}

/// Kans: a percentage as a percent cell, a class name as text.
fn probability(n: &Node) -> Out {
    let percent = |x: f64| {
        let format = if (x * 100.0).fract() == 0.0 { "0%" } else { "0.00##%" };
        Out::Number(x, format)
    };
    match &n.value {
        Value::Int(i) => percent(*i as f64),
        Value::Float(x) => percent(*x),
        Value::Str(s) => match s
            .trim()
            .strip_suffix('%')
            .and_then(|p| p.trim().replace(',', ".").parse::<f64>().ok())
        {
            Some(p) => percent(p / 100.0),
            None => value(n, true),
        },
        _ => value(n, true),
    }
}

/// The measures: `beschrijving (gepland)` per line when that says all, else the YAML list.
fn mitigations(n: &Node) -> Out {
    if let Value::Seq(items) = &n.value {
        let lines: Option<Vec<String>> = items
            .iter()
            .map(|m| {
                let entries = m.as_map()?;
                let text = |k: &str| match m.get(k).map(|n| &n.value) {
                    Some(Value::Str(s)) if !s.contains('\n') && !s.trim().is_empty() => Some(s.trim().to_string()),
                    _ => None,
                };
                let description = text("description")?;
                let state = text("state")?;
                (entries.len() == 2 && !description.starts_with('[') && description == description.trim())
                    .then(|| format!("{description} ({state})"))
            })
            .collect();
        if let Some(lines) = lines.filter(|l| !l.is_empty()) {
            return Out::Text(lines.join("\n"));
        }
    }
    value(n, true)
}

/// Any value: numbers and yes/no as such, words as text, a structure as one line of YAML. In a
/// `structured` column a text that would read as YAML (`[…]`, `{…}`, `"…"`) is quoted.
fn value(n: &Node, structured: bool) -> Out {
    match &n.value {
        Value::Int(i) => Out::Number(*i as f64, "0"),
        Value::Float(x) => Out::Number(*x, "General"),
        Value::Bool(b) => Out::Bool(*b),
        Value::Str(s) if crate::date::Date::parse(s).is_some_and(|d| d.year >= 1900) && s.len() == 10 => {
            Out::Date(crate::date::Date::parse(s).expect("checked"))
        }
        Value::Str(s) if structured && s.trim_start().starts_with(['[', '{', '"']) => {
            Out::Text(serde_json::to_string(s).expect("a string serializes"))
        }
        Value::Str(s) => Out::Text(s.clone()),
        Value::Null => Out::Text("null".into()),
        Value::Seq(_) | Value::Map(_) => Out::Text(super::yaml_text::flow_text(n)),
    }
}

/// The settings as `pad | waarde` rows: every scalar under its path (`reserve.balance`,
/// `verdeelsleutel.municipalities[1].name`), a mapping whose keys are no path as one YAML cell.
fn settings_sheet(ws: &mut Worksheet, tree: &Node) -> Result<(), XlsxError> {
    ws.set_name(super::SETTINGS_SHEET)?;
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, "Instelling", &bold)?;
    ws.write_string_with_format(0, 1, "Waarde", &bold)?;
    let mut rows = Vec::new();
    for (key, node) in tree.as_map().unwrap_or(&[]) {
        if key.name != "risks" {
            flatten(&key.name, node, &mut rows);
        }
    }
    let wrap = Format::new().set_text_wrap();
    for (r, (path, cell)) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_string(row, 0, path)?;
        match cell {
            Out::Number(x, format) => {
                ws.write_number_with_format(row, 1, *x, &Format::new().set_num_format(*format))?;
            }
            Out::Text(t) => {
                ws.write_string_with_format(row, 1, t, &wrap)?;
            }
            Out::Bool(b) => {
                ws.write_boolean(row, 1, *b)?;
            }
            Out::Date(d) => write_date(ws, row, 1, *d)?,
        }
    }
    ws.set_column_width(0, 44)?;
    ws.set_column_width(1, 80)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn flatten(path: &str, node: &Node, rows: &mut Vec<(String, Out)>) {
    let segment = |k: &str| !k.is_empty() && !k.chars().any(|c| c.is_whitespace() || "[]{}:#.\"'".contains(c));
    match &node.value {
        Value::Map(entries) if !entries.is_empty() && entries.iter().all(|(k, _)| segment(&k.name)) => {
            for (k, v) in entries {
                flatten(&format!("{path}.{}", k.name), v, rows);
            }
        }
        Value::Seq(items) if !items.is_empty() => {
            for (i, v) in items.iter().enumerate() {
                flatten(&format!("{path}[{}]", i + 1), v, rows);
            }
        }
        _ => rows.push((path.to_string(), value(node, true))),
    }
}
