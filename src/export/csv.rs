//! The tables as CSV (comma-separated, decimal point, amounts in euros, probabilities as fractions),
//! one file per [`Sheet`], for spreadsheets and other tools.

use super::sheet::{Cell, Kind, Sheet};
use super::{Document, Exporter};

/// A CSV file: the header and the rows, every cell neutralised ([`cell`]).
pub fn table<H: AsRef<str>>(header: &[H], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(header.iter().map(|h| cell(h.as_ref()).into_owned()))
        .expect("in memory");
    for row in rows {
        w.write_record(row.iter().map(|c| cell(c).into_owned()))
            .expect("in memory");
    }
    w.into_inner().expect("in memory")
}

/// A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return: a risk titled `=HYPERLINK(…)`) gets a `'` in front, as OWASP advises
/// against CSV injection; numbers, negative ones too, stay numbers.
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && text.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A number as the CSV writes it: to six decimals (a millionth of a euro, of a probability), a
/// year or a count without decimals.
fn num(x: f64) -> String {
    format!("{}", (x * 1e6).round() / 1e6)
}

/// A sheet as CSV text.
pub fn sheet(sheet: &Sheet) -> Vec<u8> {
    let header: Vec<&str> = sheet.columns.iter().map(|c| c.key.as_str()).collect();
    table(
        &header,
        sheet.rows.iter().map(|row| {
            row.iter()
                .zip(&sheet.columns)
                .map(|(c, column)| match c {
                    Cell::Text(t) => t.clone(),
                    Cell::Number(x) if column.kind == Kind::Integer => format!("{}", x.round()),
                    Cell::Number(x) => num(*x),
                    Cell::Empty => String::new(),
                })
                .collect()
        }),
    )
}

/// Writes `{sheet}.csv` for every table (comma-separated, decimal point).
pub struct Csv;

impl Exporter for Csv {
    fn files(&self, doc: &Document) -> Result<Vec<(String, Vec<u8>)>, String> {
        Ok(doc
            .sheets
            .iter()
            .map(|s| (format!("{}.csv", s.name), sheet(s)))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for text in [
            "=1+1",
            "+31 6",
            "-x",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://e\")",
        ] {
            assert_eq!(cell(text), format!("'{text}"), "{text:?}");
        }
        for text in ["-250000", "-1.5e3", "1e-3", "Beverwijk", "", "'al"] {
            assert_eq!(cell(text), text, "{text:?}");
        }
        let csv = String::from_utf8(table(&["a", "b"], [vec!["=cmd".to_string(), "-3.5".to_string()]])).unwrap();
        assert_eq!(csv, "a,b\n'=cmd,-3.5\n");
    }
}
