//! Terminal tables in one style.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

/// A table with the given header; columns listed in `right` are right-aligned (amounts).
pub fn new(header: &[&str], right: &[usize]) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.iter().map(|h| Cell::new(*h)));
    for &c in right {
        if let Some(column) = table.column_mut(c) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// Shortens a text to `max` characters, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    let flat = crate::printable::printable(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A table of the presentation model as the terminal prints it: exact euros, long texts cut, the
/// chosen row marked.
pub fn typed(t: &crate::tables::Table) -> comfy_table::Table {
    let header = t.header(crate::tables::Amounts::Euros);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut out = new(&header, &t.right());
    for (k, mut row) in t.cells(crate::tables::Amounts::Euros).into_iter().enumerate() {
        for cell in &mut row {
            *cell = truncate(cell, TEXT_WIDTH);
        }
        if t.chosen == Some(k) {
            row[0].push_str(" ◄");
        }
        out.add_row(row);
    }
    out
}

/// The widest text a terminal table cell shows.
const TEXT_WIDTH: usize = 50;
