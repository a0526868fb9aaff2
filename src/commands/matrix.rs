//! `weerstand matrix FILE`: the quantified risk matrix in the Werkplan's layout.

use super::{Env, note_warnings, prepare};
use crate::cli::ScenarioArgs;
use crate::error::{Error, Outcome};
use crate::lang::Lang;
use crate::matrix::MatrixText;
use crate::model::{Basis, MatrixLayout, Register};
use crate::output::emit;
use crate::table;
use std::io::Write;
use std::path::Path;

pub fn run(
    env: &Env,
    path: &Path,
    overlay: &ScenarioArgs,
    rounding: Option<f64>,
    unit: Option<f64>,
    basis: Basis,
    out: &mut dyn Write,
) -> Outcome {
    let lang = env.lang;
    for (flag, value) in [("--rounding", rounding), ("--unit", unit)] {
        if value.is_some_and(|v| !(v.is_finite() && v > 0.0)) {
            return Err(Error::Usage(format!(
                "{}: {flag}",
                lang.pick("moet groter dan 0 zijn", "must be greater than 0")
            )));
        }
    }
    let prepared = prepare(env, path, overlay)?;
    note_warnings(&prepared, overlay, lang);
    let register = &prepared.register;
    let layout = MatrixLayout {
        unit: unit.unwrap_or(register.matrix.unit),
        rounding: rounding.unwrap_or(register.matrix.rounding),
    };
    if env.format == crate::cli::Format::Json {
        return crate::output::emit_json(out, &super::json_text(&json(register, basis)), lang);
    }
    emit(out, &render(register, layout, basis, lang), lang)
}

/// `matrix --format json`: per category and risk type the exact weighted amount in euros, the
/// number of quantified and PM risks, with the totals.
fn json(register: &Register, basis: Basis) -> serde_json::Value {
    let m = crate::matrix::Matrix::build(register, basis);
    let cell =
        |c: &crate::matrix::Cell| serde_json::json!({"weighted": c.amount, "quantified": c.quantified, "pm": c.pm});
    serde_json::json!({
        "basis": basis.name(),
        "year": register.horizon.first,
        "categories": register.categories.iter().map(|c| c.id.clone()).collect::<Vec<_>>(),
        "types": register.risk_types.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
        "cells": m.cells.iter().map(|row| row.iter().map(cell).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "category_totals": m.row_totals.iter().map(cell).collect::<Vec<_>>(),
        "type_totals": m.column_totals.iter().map(cell).collect::<Vec<_>>(),
        "total": cell(&m.total),
    })
}

/// The matrix as a titled table, with its notes.
pub fn render(register: &Register, layout: MatrixLayout, basis: Basis, lang: Lang) -> String {
    let m = MatrixText::new(register, layout, basis, lang);
    let header: Vec<&str> = m.header.iter().map(String::as_str).collect();
    let right: Vec<usize> = (1..header.len()).collect();
    let mut t = table::new(&header, &right);
    for row in &m.rows {
        t.add_row(row.iter().map(|c| table::glue(c)).collect::<Vec<_>>());
    }
    let basis_name = match basis {
        Basis::Bruto => lang.pick("bruto, voor maatregelen", "bruto, before measures"),
        Basis::Netto => lang.pick("netto, na getroffen maatregelen", "netto, after measures in place"),
        Basis::NettoWithPlanned => lang.pick(
            "netto, na getroffen en geplande maatregelen",
            "netto, after measures in place and planned",
        ),
    };
    let mut text = format!(
        "{} — {} {} ({basis_name})\n{t}\n",
        lang.pick(
            "Kwalificatie en kwantificering risico's",
            "Qualification and quantification of risks"
        ),
        register.metadata.organisation,
        register.horizon.first,
    );
    for note in &m.notes {
        text.push_str(note);
        text.push('\n');
    }
    text
}
