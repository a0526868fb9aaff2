//! The workbook of a document (`{stem}.xlsx`): one sheet per table with real numbers (euro, percent
//! and year formats, never text), the header frozen, columns wide enough to read, and the manifest
//! on its own sheet. The creation date is the register's, so that a rerun gives the same bytes.

use super::sheet::{Cell, Kind, Sheet};
use super::{Document, Exporter};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// Writes `{stem}.xlsx` (none for a document without tables).
pub struct Xlsx;

impl Exporter for Xlsx {
    fn files(&self, doc: &Document) -> Result<Vec<(String, Vec<u8>)>, String> {
        if doc.sheets.is_empty() {
            return Ok(Vec::new());
        }
        let bytes = workbook(doc).map_err(|e| format!("{}.xlsx: {e}", doc.stem))?;
        Ok(vec![(format!("{}.xlsx", doc.stem), bytes)])
    }
}

/// The number format of a column: `€ 1.234.567` (Excel shows the reader's own separators),
/// `12,5%`, a year without a separator.
pub fn number_format(kind: Kind) -> &'static str {
    match kind {
        Kind::Euro => "\"€\" #,##0;\"€\" -#,##0",
        Kind::Fraction => "0.0%",
        Kind::Integer => "0",
        Kind::Number => "0.00",
        Kind::Text => "@",
    }
}

/// The workbook's creation time: midnight of `date`.
pub fn created(date: crate::date::Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year.clamp(1900, 9999)).unwrap_or(1900);
    ExcelDateTime::from_ymd(year, date.month as u8, date.day as u8)
}

fn workbook(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&created(doc.created)?));
    for sheet in &doc.sheets {
        let ws = book.add_worksheet();
        write_sheet(ws, sheet)?;
    }
    let ws = book.add_worksheet();
    let mut manifest = Sheet::new("manifest", &[("field", Kind::Text), ("value", Kind::Text)]);
    for (key, value) in &doc.manifest {
        manifest.push(vec![Cell::Text(key.clone()), value.clone()]);
    }
    write_sheet(ws, &manifest)?;
    book.save_to_buffer()
}

/// One table on one worksheet: bold frozen header, typed cells, widths from the content.
pub fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    ws.set_name(sheet_name(&sheet.name))?;
    let bold = Format::new().set_bold();
    // A number column's header stands over its numbers: to the right.
    let bold_right = Format::new().set_bold().set_align(rust_xlsxwriter::FormatAlign::Right);
    let formats: Vec<Format> = sheet
        .columns
        .iter()
        .map(|c| Format::new().set_num_format(number_format(c.kind)))
        .collect();
    let mut widths: Vec<usize> = sheet.columns.iter().map(|c| c.key.chars().count()).collect();
    for (col, column) in sheet.columns.iter().enumerate() {
        let format = if column.kind == Kind::Text { &bold } else { &bold_right };
        ws.write_string_with_format(0, col as u16, &column.key, format)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in row.iter().enumerate() {
            let c = col as u16;
            let shown = match cell {
                Cell::Text(t) => {
                    ws.write_string(r, c, t)?;
                    t.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                }
                Cell::Number(x) if x.is_finite() => {
                    ws.write_number_with_format(r, c, *x, &formats[col])?;
                    match sheet.columns[col].kind {
                        Kind::Euro => 14,
                        Kind::Fraction => 7,
                        _ => 10,
                    }
                }
                Cell::Number(_) | Cell::Empty => 0,
            };
            widths[col] = widths[col].max(shown);
        }
    }
    for (col, width) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, (*width).clamp(6, 60) as f64 + 2.0)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(name: &str) -> String {
    name.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}
