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
    emit(out, &render(register, layout, basis, lang), lang)
}

/// The matrix as a titled table, with its notes.
pub fn render(register: &Register, layout: MatrixLayout, basis: Basis, lang: Lang) -> String {
    let m = MatrixText::new(register, layout, basis, lang);
    let header: Vec<&str> = m.header.iter().map(String::as_str).collect();
    let right: Vec<usize> = (1..header.len()).collect();
    let mut t = table::new(&header, &right);
    for row in &m.rows {
        t.add_row(row.clone());
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
