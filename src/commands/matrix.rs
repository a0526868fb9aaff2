//! `weerstand matrix FILE`: the quantified risk matrix in the Werkplan's layout.

use super::{Env, load, note_warnings};
use crate::app::{EXIT_USAGE, emit};
use crate::format::{euro, euro_in};
use crate::lang::Lang;
use crate::matrix::{Cell, Matrix, round_to};
use crate::model::{Basis, MatrixLayout, Register};
use crate::table;
use std::io::Write;
use std::path::Path;

pub fn run(
    env: &Env,
    path: &Path,
    rounding: Option<f64>,
    unit: Option<f64>,
    basis: Basis,
    out: &mut dyn Write,
) -> Result<(), i32> {
    let lang = env.lang;
    for (flag, value) in [("--rounding", rounding), ("--unit", unit)] {
        if value.is_some_and(|v| !(v.is_finite() && v > 0.0)) {
            eprintln!(
                "{}: {flag}",
                lang.pick("moet groter dan 0 zijn", "must be greater than 0")
            );
            return Err(EXIT_USAGE);
        }
    }
    let loaded = load(env, path)?;
    note_warnings(&loaded, lang);
    let register = &loaded.register;
    let layout = MatrixLayout {
        unit: unit.unwrap_or(register.matrix.unit),
        rounding: rounding.unwrap_or(register.matrix.rounding),
    };
    emit(out, &render(register, layout, basis, lang), lang)
}

/// The matrix as a titled table, with a note when rounded cells do not add up to rounded totals.
pub fn render(register: &Register, layout: MatrixLayout, basis: Basis, lang: Lang) -> String {
    let m = Matrix::build(register, basis);
    let shown = |cell: &Cell| {
        if cell.is_pm_only() {
            "PM".to_string()
        } else {
            euro_in(round_to(cell.amount, layout.rounding), layout.unit)
        }
    };
    let total = |cell: &Cell| euro_in(round_to(cell.amount, layout.rounding), layout.unit);
    let mut header = vec![lang.pick("bedragen x ", "amounts x ").to_string() + &euro(layout.unit)];
    header.extend(register.risk_types.iter().map(|t| t.display(lang).to_string()));
    header.push(lang.pick("Totaal", "Total").to_string());
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let right: Vec<usize> = (1..header.len()).collect();
    let mut t = table::new(&header_refs, &right);
    for (i, category) in register.categories.iter().enumerate() {
        let mut row = vec![format!("{}. {}", i + 1, category.display(lang))];
        row.extend(m.cells[i].iter().map(shown));
        row.push(total(&m.row_totals[i]));
        t.add_row(row);
    }
    let mut last = vec![lang.pick("Totaal", "Total").to_string()];
    last.extend(m.column_totals.iter().map(total));
    last.push(total(&m.total));
    t.add_row(last);

    let basis_name = match basis {
        Basis::Bruto => lang.pick("bruto, voor maatregelen", "bruto, before measures"),
        Basis::Netto => lang.pick("netto, na getroffen maatregelen", "netto, after measures in place"),
        Basis::NettoWithPlanned => lang.pick(
            "netto, na getroffen en geplande maatregelen",
            "netto, after measures in place and planned",
        ),
    };
    let mut text = format!(
        "{} — {} {} ({basis_name})\n",
        lang.pick(
            "Kwalificatie en kwantificering risico's",
            "Qualification and quantification of risks"
        ),
        register.metadata.organisation,
        register.horizon.first,
    );
    text.push_str(&format!("{t}\n"));
    if layout.rounding > 1.0 {
        text.push_str(&format!(
            "{} {}; {} {}.\n",
            lang.pick("Bedragen afgerond op", "Amounts rounded to"),
            euro(layout.rounding),
            lang.pick(
                "PM = niet gekwantificeerd. Totaal exact",
                "PM = not quantified. Exact total"
            ),
            euro(m.total.amount)
        ));
    } else {
        text.push_str(lang.pick("PM = niet gekwantificeerd.\n", "PM = not quantified.\n"));
    }
    if !adds_up(&m, layout.rounding) {
        text.push_str(lang.pick(
            "Door afronding tellen de cellen niet overal op tot de totalen.\n",
            "Because of rounding, cells do not everywhere add up to the totals.\n",
        ));
    }
    text
}

/// Whether the rounded cells add up to the rounded row, column and grand totals.
fn adds_up(m: &Matrix, step: f64) -> bool {
    let r = |c: &Cell| round_to(c.amount, step);
    let close = |a: f64, b: f64| (a - b).abs() < step / 2.0;
    let rows_ok = m
        .cells
        .iter()
        .zip(&m.row_totals)
        .all(|(row, t)| close(row.iter().map(r).sum(), r(t)));
    let columns_ok =
        (0..m.column_totals.len()).all(|c| close(m.cells.iter().map(|row| r(&row[c])).sum(), r(&m.column_totals[c])));
    rows_ok && columns_ok && close(m.row_totals.iter().map(r).sum(), r(&m.total))
}
