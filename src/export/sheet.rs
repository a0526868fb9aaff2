//! A table as every format writes it: named, typed columns and rows of cells. The CSV file, the
//! workbook's sheet and the JSON all come from the same figures; a column's [`Kind`] decides how
//! each format shows a number (a fraction becomes a percent cell in the workbook, stays a fraction
//! in the CSV), never whether it is a number.

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Words: names, ids, labels.
    Text,
    /// A whole number written without separators: a year, a count.
    Integer,
    /// An amount in euros.
    Euro,
    /// A probability or a share as a fraction (0,25 = 25%).
    Fraction,
    /// Any other number: a ratio, a parameter's value.
    Number,
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        Cell::Number(x)
    }
}

impl From<Option<f64>> for Cell {
    fn from(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, Cell::Number)
    }
}

impl From<i32> for Cell {
    fn from(x: i32) -> Cell {
        Cell::Number(f64::from(x))
    }
}

impl From<usize> for Cell {
    fn from(x: usize) -> Cell {
        Cell::Number(x as f64)
    }
}

impl From<String> for Cell {
    fn from(x: String) -> Cell {
        Cell::Text(x)
    }
}

impl From<&str> for Cell {
    fn from(x: &str) -> Cell {
        Cell::Text(x.to_string())
    }
}

/// A column: its key (the CSV header, the JSON field's name) and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub key: String,
    pub kind: Kind,
}

/// A table: the CSV file `{name}.csv` and the workbook's sheet `name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// An empty table with these columns.
    pub fn new(name: &str, columns: &[(&str, Kind)]) -> Sheet {
        Sheet {
            name: name.to_string(),
            columns: columns
                .iter()
                .map(|(key, kind)| Column {
                    key: (*key).to_string(),
                    kind: *kind,
                })
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; it must have a cell for every column.
    pub fn push(&mut self, row: Vec<Cell>) {
        assert_eq!(
            row.len(),
            self.columns.len(),
            "a row of {} has a cell per column",
            self.name
        );
        self.rows.push(row);
    }

    /// A table filled from rows.
    pub fn with_rows(mut self, rows: impl IntoIterator<Item = Vec<Cell>>) -> Sheet {
        for row in rows {
            self.push(row);
        }
        self
    }
}
