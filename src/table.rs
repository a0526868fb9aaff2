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

/// The width tables must fit: `COLUMNS` when set (as shells and test harnesses set it), else the
/// terminal's when standard output is one; `None` (no limit) when writing to a file or a pipe.
pub fn width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
    {
        return Some(columns.max(40));
    }
    let term = console::Term::stdout();
    if term.is_term() {
        term.size_checked().map(|(_, columns)| usize::from(columns).max(40))
    } else {
        None
    }
}

/// The widest line of a rendered table, in characters.
fn rendered_width(table: &Table) -> usize {
    table.to_string().lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A table that fits [`width`]: the columns of `drop_order` are left out one by one, in that order,
/// while it is too wide; if it still is, its cells wrap at words. Returns the table and the names
/// of the columns left out (for a line that says so: nothing disappears silently).
pub fn fitted(header: &[&str], right: &[usize], rows: &[Vec<String>], drop_order: &[usize]) -> (Table, Vec<String>) {
    let build = |keep: &[usize]| {
        let h: Vec<&str> = keep.iter().map(|&k| header[k]).collect();
        let r: Vec<usize> = keep
            .iter()
            .enumerate()
            .filter(|(_, k)| right.contains(k))
            .map(|(i, _)| i)
            .collect();
        let mut t = new(&h, &r);
        for row in rows {
            t.add_row(keep.iter().map(|&k| row[k].clone()).collect::<Vec<_>>());
        }
        t
    };
    let mut keep: Vec<usize> = (0..header.len()).collect();
    let mut table = build(&keep);
    let mut dropped = Vec::new();
    let Some(limit) = width() else {
        return (table, dropped);
    };
    for &k in drop_order {
        if rendered_width(&table) <= limit {
            break;
        }
        keep.retain(|&c| c != k);
        dropped.push(header[k].to_string());
        table = build(&keep);
    }
    if rendered_width(&table) > limit {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(limit).unwrap_or(u16::MAX));
    }
    (table, dropped)
}

/// A line of running text broken at spaces into lines of at most `width` characters (a word longer
/// than that stays whole).
pub fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().expect("one line at least");
        if last.is_empty() {
            last.push_str(word);
        } else if last.chars().count() + 1 + word.chars().count() <= width {
            last.push(' ');
            last.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    lines
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
