//! The settlement of a year that has passed (afrekening): per taakveld and municipality, its share
//! of the realised costs (direct and overhead) against what it was invoiced on the begroting. A
//! positive saldo is paid by the municipality (bij te betalen), a negative one refunded to it
//! (terug te storten), as the Jaarverslag 2020 prints its table (L2384–L2408). The sums are exact
//! in cents: amounts are whole euros in the register, and they are added as integers of cents.

use crate::model::{Outcome, RealisedYear, Register};
use serde::Serialize;

/// One municipality in one taakveld (or in all of them, for the totals), in euros.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub municipality: String,
    /// Its share of the direct costs, net of the taakveld's own revenue.
    pub costs: f64,
    /// Its share of the overhead.
    pub overhead: f64,
    /// `costs + overhead`.
    pub total_costs: f64,
    /// What it was invoiced on the begroting.
    pub invoiced: f64,
    /// `total_costs − invoiced`: positive is paid, negative refunded.
    pub saldo: f64,
}

/// One taakveld: a line per municipality and their total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Taakveld {
    pub name: String,
    pub lines: Vec<Line>,
    pub total: Line,
}

/// What happened to one risk in the year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RiskLine {
    pub id: String,
    pub title: String,
    pub outcome: Outcome,
    pub amount: Option<f64>,
    pub note: Option<String>,
}

/// The settlement of one realised year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Settlement {
    pub year: i32,
    pub source: Option<String>,
    pub taakvelden: Vec<Taakveld>,
    /// Per municipality, over every taakveld; its `saldo` is what it pays (or gets back) in all.
    pub municipalities: Vec<Line>,
    pub total: Line,
    pub reserve_start: f64,
    pub reserve_end: f64,
    pub risks: Vec<RiskLine>,
}

/// Exact sums of euro amounts: in whole cents.
fn cents(x: f64) -> i64 {
    (x * 100.0).round() as i64
}

fn euros(c: i64) -> f64 {
    c as f64 / 100.0
}

/// A line from its parts, summed in cents.
fn line(municipality: String, parts: &[(f64, f64, f64)]) -> Line {
    let (c, o, i) = parts.iter().fold((0i64, 0i64, 0i64), |(c, o, i), p| {
        (c + cents(p.0), o + cents(p.1), i + cents(p.2))
    });
    Line {
        municipality,
        costs: euros(c),
        overhead: euros(o),
        total_costs: euros(c + o),
        invoiced: euros(i),
        saldo: euros(c + o - i),
    }
}

/// The settlement of `year`, or `None` when the register has no realised figures for it.
pub fn settle(register: &Register, year: i32) -> Option<Settlement> {
    let realised = register.realised_year(year)?;
    Some(settlement(register, realised))
}

fn settlement(register: &Register, realised: &RealisedYear) -> Settlement {
    let names = &register.verdeelsleutel.municipalities;
    let taakvelden: Vec<Taakveld> = realised
        .taakvelden
        .iter()
        .map(|t| {
            // In the verdeelsleutel's order, whatever the order in the file.
            let mut rows: Vec<&crate::model::realised::Realised> = t.municipalities.iter().collect();
            rows.sort_by_key(|r| r.municipality);
            let lines: Vec<Line> = rows
                .iter()
                .map(|r| line(names[r.municipality].name.clone(), &[(r.costs, r.overhead, r.invoiced)]))
                .collect();
            // The published total where the register has it (the jaarverslag summed before it
            // rounded its rows), else the sum of the rows.
            let parts: Vec<(f64, f64, f64)> = match t.published_total {
                Some([c, o, i]) => vec![(c, o, i)],
                None => lines.iter().map(|l| (l.costs, l.overhead, l.invoiced)).collect(),
            };
            Taakveld {
                name: t.name.clone(),
                total: line("Totaal".into(), &parts),
                lines,
            }
        })
        .collect();
    let municipalities: Vec<Line> = names
        .iter()
        .filter(|m| {
            taakvelden
                .iter()
                .any(|t| t.lines.iter().any(|l| l.municipality == m.name))
        })
        .map(|m| {
            let parts: Vec<(f64, f64, f64)> = taakvelden
                .iter()
                .flat_map(|t| t.lines.iter().filter(|l| l.municipality == m.name))
                .map(|l| (l.costs, l.overhead, l.invoiced))
                .collect();
            line(m.name.clone(), &parts)
        })
        .collect();
    let parts: Vec<(f64, f64, f64)> = taakvelden
        .iter()
        .map(|t| (t.total.costs, t.total.overhead, t.total.invoiced))
        .collect();
    Settlement {
        year: realised.year,
        source: realised.source.clone(),
        total: line("Totaal".into(), &parts),
        taakvelden,
        municipalities,
        reserve_start: realised.reserve_start,
        reserve_end: realised.reserve_end,
        risks: realised
            .risks
            .iter()
            .map(|o| {
                let risk = &register.risks[o.risk];
                RiskLine {
                    id: risk.id.clone(),
                    title: risk.title.clone(),
                    outcome: o.outcome,
                    amount: o.amount,
                    note: o.note.clone(),
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_are_exact_in_cents() {
        // 0.1 + 0.2 in floating point is not 0.3; in cents it is.
        let l = line("A".into(), &[(0.1, 0.0, 0.0), (0.2, 0.0, 0.0)]);
        assert_eq!(l.costs, 0.3);
        let l = line("A".into(), &[(1_445_277.0 - 411_257.0, 411_257.0, 1_392_996.0)]);
        assert_eq!((l.total_costs, l.saldo), (1_445_277.0, 52_281.0));
    }
}
