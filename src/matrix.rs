//! The quantified risk matrix ("Kwalificatie en kwantificering risico's"): weighted amounts per
//! category (rows) and risk type (columns), as the Werkplan prints it.

use crate::format::{euro, euro_in};
use crate::lang::Lang;
use crate::model::{Basis, Impact, MatrixLayout, Register};

/// One cell: the sum of the weighted amounts of its quantified risks, and how many PM risks it holds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cell {
    pub amount: f64,
    pub quantified: usize,
    pub pm: usize,
}

impl Cell {
    /// A cell that holds only unquantified risks is printed as PM.
    pub fn is_pm_only(&self) -> bool {
        self.quantified == 0 && self.pm > 0
    }

    fn add(&mut self, other: Cell) {
        self.amount += other.amount;
        self.quantified += other.quantified;
        self.pm += other.pm;
    }
}

/// Categories × risk types, with row and column totals. Risks that are no longer a risk are left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    /// `cells[category][risk_type]`.
    pub cells: Vec<Vec<Cell>>,
    pub row_totals: Vec<Cell>,
    pub column_totals: Vec<Cell>,
    pub total: Cell,
}

impl Matrix {
    /// Builds the matrix of weighted amounts in the first budget year.
    pub fn build(register: &Register, basis: Basis) -> Matrix {
        let (rows, columns) = (register.categories.len(), register.risk_types.len());
        let mut cells = vec![vec![Cell::default(); columns]; rows];
        for risk in register.risks.iter().filter(|r| r.is_the_regelings()) {
            let cell = &mut cells[risk.category][risk.risk_type];
            match register.weighted(risk, basis) {
                Some(amount) => cell.add(Cell {
                    amount,
                    quantified: 1,
                    pm: 0,
                }),
                None if risk.impact == Impact::Pm || risk.occurrence.is_none() => cell.pm += 1,
                None => {}
            }
        }
        let mut row_totals = vec![Cell::default(); rows];
        let mut column_totals = vec![Cell::default(); columns];
        let mut total = Cell::default();
        for (r, row) in cells.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                row_totals[r].add(*cell);
                column_totals[c].add(*cell);
                total.add(*cell);
            }
        }
        Matrix {
            cells,
            row_totals,
            column_totals,
            total,
        }
    }
}

/// The matrix as text, as the Werkplan prints it: a header, a row per category and a total row,
/// amounts rounded and shown in the layout's unit, `PM` for cells with only unquantified risks.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct MatrixText {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
}

impl MatrixText {
    pub fn new(register: &Register, layout: MatrixLayout, basis: Basis, lang: Lang) -> MatrixText {
        let m = Matrix::build(register, basis);
        let total = |cell: &Cell| euro_in(round_to(cell.amount, layout.rounding), layout.unit);
        let shown = |cell: &Cell| {
            if cell.is_pm_only() {
                "PM".to_string()
            } else {
                total(cell)
            }
        };
        let mut header = vec![lang.pick("bedragen x ", "amounts x ").to_string() + &euro(layout.unit)];
        header.extend(register.risk_types.iter().map(|t| t.display(lang).to_string()));
        header.push(lang.pick("Totaal", "Total").to_string());
        let mut rows: Vec<Vec<String>> = register
            .categories
            .iter()
            .enumerate()
            .map(|(i, category)| {
                let mut row = vec![format!("{}. {}", i + 1, category.display(lang))];
                row.extend(m.cells[i].iter().map(shown));
                row.push(total(&m.row_totals[i]));
                row
            })
            .collect();
        let mut last = vec![lang.pick("Totaal", "Total").to_string()];
        last.extend(m.column_totals.iter().map(total));
        last.push(total(&m.total));
        rows.push(last);
        let mut notes = vec![if layout.rounding > 1.0 {
            format!(
                "{} {}; {} {}.",
                lang.pick("Bedragen afgerond op", "Amounts rounded to"),
                euro(layout.rounding),
                lang.pick(
                    "PM = niet gekwantificeerd. Totaal exact",
                    "PM = not quantified. Exact total"
                ),
                euro(m.total.amount)
            )
        } else {
            lang.pick("PM = niet gekwantificeerd.", "PM = not quantified.")
                .to_string()
        }];
        // The matrix lists every risk, as the Werkplan does; a year's weighted total counts only
        // the risks that can occur in it, so the difference is named.
        let year = register.horizon.first;
        let later: Vec<(&str, f64)> = register
            .risks
            .iter()
            .filter(|r| r.first_year.is_some_and(|f| f > year))
            .filter_map(|r| Some((r.id.as_str(), register.weighted(r, basis)?)))
            .collect();
        if !later.is_empty() {
            let ids: Vec<&str> = later.iter().map(|(id, _)| *id).collect();
            let (amount, ids) = (euro(later.iter().map(|(_, w)| w).sum()), ids.join(", "));
            notes.push(match lang {
                Lang::Nl => format!(
                    "Daarvan kan {amount} pas na {year} optreden ({ids}); dat telt niet mee in het gewogen totaal van {year}."
                ),
                Lang::En => format!(
                    "Of this, {amount} can only occur after {year} ({ids}); it is not counted in the weighted total of {year}."
                ),
            });
        }
        if m.total.quantified == 0 {
            notes.push(
                lang.pick(
                    "Geen risico van de regeling is gekwantificeerd: de matrix toont alleen waar de PM-risico's staan, en haar totalen van € 0 zeggen niets over de omvang van de risico's.",
                    "No risk of the regeling is quantified: the matrix only shows where the PM risks are, and its totals of € 0 say nothing about the size of the risks.",
                )
                .to_string(),
            );
        }
        let theirs: Vec<&str> = register
            .risks
            .iter()
            .filter(|r| r.status.is_active() && !r.is_the_regelings())
            .map(|r| r.id.as_str())
            .collect();
        if !theirs.is_empty() {
            let ids = theirs.join(", ");
            notes.push(match lang {
                Lang::Nl => format!(
                    "Niet in de matrix: {} voor rekening van de deelnemende gemeenten zelf ({ids}).",
                    if theirs.len() == 1 {
                        "één risico".to_string()
                    } else {
                        format!("{} risico's", theirs.len())
                    }
                ),
                Lang::En => format!(
                    "Not in the matrix: {} borne by the participating municipalities themselves ({ids}).",
                    if theirs.len() == 1 {
                        "one risk".to_string()
                    } else {
                        format!("{} risks", theirs.len())
                    }
                ),
            });
        }
        if !adds_up(&m, layout.rounding) {
            notes.push(
                lang.pick(
                    "Door afronding tellen de cellen niet overal op tot de totalen.",
                    "Because of rounding, cells do not everywhere add up to the totals.",
                )
                .to_string(),
            );
        }
        MatrixText { header, rows, notes }
    }
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

/// Rounds an amount to a multiple of `step` (half away from zero), as a published table does.
pub fn round_to(amount: f64, step: f64) -> f64 {
    (amount / step).round() * step
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_to_a_hundred_thousand() {
        assert_eq!(round_to(240_000.0, 100_000.0), 200_000.0);
        assert_eq!(round_to(250_000.0, 100_000.0), 300_000.0);
        assert_eq!(round_to(4_540_000.0, 100_000.0), 4_500_000.0);
        assert_eq!(round_to(-240_000.0, 100_000.0), -200_000.0);
    }
}
