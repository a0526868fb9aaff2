//! Terminal tables in one style.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table};

/// A table with the given header; columns listed in `right` are right-aligned (amounts). On a
/// terminal (or with `COLUMNS`) it fits the width: its cells wrap at words, headers too.
pub fn new(header: &[&str], right: &[usize]) -> Table {
    let mut table = natural(header, right);
    if let Some(limit) = width() {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(limit).unwrap_or(u16::MAX));
    }
    table
}

/// A table as wide as its content, whatever the terminal.
pub fn natural(header: &[&str], right: &[usize]) -> Table {
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
pub fn rendered_width(table: &Table) -> usize {
    table.to_string().lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// A table that fits [`width`]: the columns of `drop_order` are left out one by one, in that order,
/// while it is too wide; if it still is, its cells wrap at words. Returns the table and the names
/// of the columns left out (for a line that says so: nothing disappears silently).
pub fn fitted(header: &[&str], right: &[usize], rows: &[Vec<String>], drop_order: &[usize]) -> (Table, Vec<String>) {
    let header: Vec<String> = header.iter().map(ToString::to_string).collect();
    let build = |keep: &[usize]| {
        let (h, r, rs) = columns_of(&header, right, rows, keep);
        build(&h, &r, &rs, None)
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
        dropped.push(header[k].clone());
        table = build(&keep);
    }
    if rendered_width(&table) > limit {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(limit).unwrap_or(u16::MAX));
    }
    (table, dropped)
}

/// An amount kept whole when a narrow table wraps its cells: the euro sign stays with its number
/// (a non-breaking space, written as a plain one once the table is laid out: [`crate::output::emit`]).
pub fn glue(text: &str) -> String {
    if width().is_some() {
        text.replace("€ ", "€\u{a0}")
    } else {
        text.to_string()
    }
}

/// Text fitted to `width`: every line longer than that (a sentence, a note) is broken at spaces,
/// its continuation indented as the line itself (two more after a `• ` or `- `); a table's lines
/// (box drawing) are left as they are: tables fit by themselves ([`new`]).
pub fn fit_text(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let boxed = body
            .trim_start()
            .starts_with(['┌', '│', '╞', '├', '└', '╭', '╰', '┆', '+', '|']);
        if body.chars().count() <= width || boxed {
            out.push_str(body);
            out.push_str(end);
            continue;
        }
        let indent: String = body.chars().take_while(|c| *c == ' ').collect();
        let rest = &body[indent.len()..];
        let hanging = if rest.starts_with("• ") || rest.starts_with("- ") {
            format!("{indent}  ")
        } else {
            indent.clone()
        };
        // An amount stays whole: the euro sign is not left at the end of a line.
        let glued = rest.replace("€ ", "€\u{a0}").replace("−€ ", "−€\u{a0}");
        let lines = wrap_text(&glued, width.saturating_sub(hanging.chars().count()).max(20));
        for (k, l) in lines.iter().enumerate() {
            out.push_str(if k == 0 { &indent } else { &hanging });
            out.push_str(&l.replace("€\u{a0}", "€ "));
            out.push('\n');
        }
        if end.is_empty() {
            out.pop();
        }
    }
    out
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

/// One or more terminal tables, printed one below the other.
pub struct Tables(Vec<Table>);

impl std::fmt::Display for Tables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (k, t) in self.0.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}

/// A table of the presentation model as the terminal prints it: exact euros, long texts cut, the
/// chosen row marked. At a narrow terminal a table with few rows and many figures is turned a
/// quarter (the figures become rows); one that is still too wide is split into tables of as many
/// columns as fit, each with the first column: a number is never broken over two lines.
pub fn typed(t: &crate::tables::Table) -> Tables {
    let (header, right, rows) = cells_of(t);
    let Some(limit) = width() else {
        return Tables(vec![build(&header, &right, &rows, None)]);
    };
    let (mut header, mut right, mut rows) = (header, right, rows);
    if rendered_width(&build(&header, &right, &rows, None)) > limit && rows.len() <= 6 && header.len() > rows.len() + 1
    {
        let turned_header: Vec<String> = std::iter::once(header[0].clone())
            .chain(rows.iter().map(|r| r[0].clone()))
            .collect();
        let turned: Vec<Vec<String>> = (1..header.len())
            .map(|c| {
                std::iter::once(header[c].clone())
                    .chain(rows.iter().map(|r| r[c].clone()))
                    .collect()
            })
            .collect();
        right = (1..turned_header.len()).collect();
        header = turned_header;
        rows = turned;
    }
    // Columns after the first, as many to a table as fit with their numbers unbroken (words may
    // wrap, one to a line at the narrowest).
    let columns: Vec<usize> = (1..header.len()).collect();
    let pick = |group: &[usize]| {
        let keep: Vec<usize> = std::iter::once(0).chain(group.iter().copied()).collect();
        columns_of(&header, &right, &rows, &keep)
    };
    // The narrowest a column can be: a cell with a number whole, words one to a line.
    let narrowest = |cells: &mut dyn Iterator<Item = &String>| {
        cells
            .map(|c| {
                if c.chars().any(|ch| ch.is_ascii_digit()) {
                    c.chars().count()
                } else {
                    c.split(' ').map(|w| w.chars().count()).max().unwrap_or(0)
                }
            })
            .max()
            .unwrap_or(0)
    };
    let fits = |group: &[usize]| {
        let (h, _, rs) = pick(group);
        let width: usize = (0..h.len())
            .map(|k| narrowest(&mut std::iter::once(&h[k]).chain(rs.iter().map(|row| &row[k]))) + 3)
            .sum();
        width < limit
    };
    let per_table = (1..=columns.len().max(1))
        .rev()
        .find(|&n| columns.chunks(n).all(&fits))
        .unwrap_or(1);
    Tables(
        columns
            .chunks(per_table.max(1))
            .map(|group| {
                let (h, r, rs) = pick(group);
                build(&h, &r, &rs, Some(limit))
            })
            .collect(),
    )
}

/// The columns `keep` of a table: their header, which of them are right-aligned, their cells.
fn columns_of(
    header: &[String],
    right: &[usize],
    rows: &[Vec<String>],
    keep: &[usize],
) -> (Vec<String>, Vec<usize>, Vec<Vec<String>>) {
    let h: Vec<String> = keep.iter().map(|&k| header[k].clone()).collect();
    let r: Vec<usize> = keep
        .iter()
        .enumerate()
        .filter(|(_, k)| right.contains(k))
        .map(|(i, _)| i)
        .collect();
    let rs: Vec<Vec<String>> = rows
        .iter()
        .map(|row| keep.iter().map(|&k| row[k].clone()).collect())
        .collect();
    (h, r, rs)
}

/// The cells of a presentation table as the terminal shows them: headers and amounts glued
/// ([`glue`]), long texts cut, the chosen row marked; with the columns to align right.
fn cells_of(t: &crate::tables::Table) -> (Vec<String>, Vec<usize>, Vec<Vec<String>>) {
    let header = t
        .header(crate::tables::Amounts::Euros)
        .iter()
        .map(|h| glue(h))
        .collect();
    let mut rows = t.cells(crate::tables::Amounts::Euros);
    for (k, row) in rows.iter_mut().enumerate() {
        for cell in row.iter_mut() {
            *cell = glue(&truncate(cell, TEXT_WIDTH));
        }
        if t.chosen == Some(k) {
            row[0].push_str(" ◄");
        }
    }
    (header, t.right(), rows)
}

/// A table of these cells; with a `limit`, fitted to it (without, as wide as its content).
fn build(header: &[String], right: &[usize], rows: &[Vec<String>], limit: Option<usize>) -> Table {
    let h: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut out = natural(&h, right);
    if let Some(limit) = limit {
        out.set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(limit).unwrap_or(u16::MAX));
    }
    for row in rows {
        out.add_row(row.clone());
    }
    out
}

/// [`typed`] at a narrow terminal: the columns of `drop_order` left out one by one while the table
/// is too wide; returns it with the names of the columns left out (for a line that says so).
pub fn typed_fitted(t: &crate::tables::Table, drop_order: &[usize]) -> (Tables, Vec<String>) {
    let mut t = t.clone();
    let mut dropped = Vec::new();
    if let Some(limit) = width() {
        let natural = |t: &crate::tables::Table| {
            let (header, right, rows) = cells_of(t);
            rendered_width(&build(&header, &right, &rows, None))
        };
        // `drop_order` names columns of the table as given: each is found past those already gone.
        let mut gone: Vec<usize> = Vec::new();
        for &k in drop_order {
            if natural(&t) <= limit {
                break;
            }
            let shift = gone.iter().filter(|&&g| g < k).count();
            dropped.push(t.columns[k - shift].clone());
            t.columns.remove(k - shift);
            for row in &mut t.rows {
                row.remove(k - shift);
            }
            gone.push(k);
        }
    }
    (typed(&t), dropped)
}

/// The line that says which columns a narrow terminal left out.
pub fn dropped_line(dropped: &[String], lang: crate::Lang) -> Option<String> {
    (!dropped.is_empty()).then(|| match lang {
        crate::Lang::Nl => format!(
            "(smal venster: {} weggelaten; een breder venster of de CSV/JSON toont alles)",
            crate::describe::listing(dropped, lang)
        ),
        crate::Lang::En => format!(
            "(narrow window: {} left out; a wider window or the CSV/JSON shows everything)",
            crate::describe::listing(dropped, lang)
        ),
    })
}

/// The widest text a terminal table cell shows.
const TEXT_WIDTH: usize = 50;
