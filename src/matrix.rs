//! The quantified risk matrix ("Kwalificatie en kwantificering risico's"): weighted amounts per
//! category (rows) and risk type (columns), as the Werkplan prints it.

use crate::model::{Basis, Impact, Register};

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
        for risk in register.risks.iter().filter(|r| r.status.is_active()) {
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
