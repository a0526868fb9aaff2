//! The validated register: what the engine, the tables and the report see. Nothing here knows
//! about YAML; every amount is in euros and every name is resolved to an index.

pub mod classes;
pub mod correlation;
pub mod dist;
pub mod driver;
pub mod horizon;
pub mod policy;
pub mod realised;
pub mod reserve;
pub mod risk;
pub mod taxonomy;
pub mod verdeelsleutel;

pub use classes::{Classes, ImpactClass, ProbabilityClass};
pub use correlation::Correlation;
pub use dist::Dist;
pub use driver::{Driver, Drivers};
pub use horizon::Horizon;
pub use policy::Policy;
pub use realised::{Outcome, RealisedYear, RiskOutcome, TaakveldResult};
pub use reserve::Reserve;
pub use risk::{
    Basis, BorneBy, Direction, Impact, Influence, MeasureState, Mitigation, Occurrence, ProbabilityPer, Recurrence,
    Risk, Status,
};
pub use taxonomy::Label;
pub use verdeelsleutel::{Municipality, Verdeelsleutel};

use crate::date::Date;

/// Who and what the register is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Metadata {
    pub organisation: String,
    pub document: Option<String>,
    pub date: Option<Date>,
    /// Always `EUR`: amounts are euros.
    pub currency: String,
    /// The unit the file's amounts are written in (1 = euros, 1000 = thousands of euros).
    pub unit: f64,
}

/// How the quantified risk matrix is printed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MatrixLayout {
    /// Amounts are shown in this unit (1000: "bedragen x € 1.000").
    pub unit: f64,
    /// Each cell and total is rounded to a multiple of this many euros.
    pub rounding: f64,
}

impl Default for MatrixLayout {
    fn default() -> MatrixLayout {
        MatrixLayout {
            unit: 1000.0,
            rounding: 1000.0,
        }
    }
}

/// One of the BBV kengetallen: its value, or the reason it does not apply.
#[derive(Clone, Debug, PartialEq)]
pub struct Kengetal {
    pub name: String,
    /// As the organisation publishes it (`12,3%`); `None` when not applicable.
    pub value: Option<String>,
    /// Why it is not applicable (or a note on the value).
    pub reason: Option<String>,
}

/// A validated risk register.
#[derive(Clone, Debug, PartialEq)]
pub struct Register {
    pub metadata: Metadata,
    pub horizon: Horizon,
    pub reserve: Reserve,
    pub verdeelsleutel: Verdeelsleutel,
    pub classes: Classes,
    pub categories: Vec<Label>,
    pub risk_types: Vec<Label>,
    pub drivers: Drivers,
    pub matrix: MatrixLayout,
    pub kengetallen: Vec<Kengetal>,
    pub policy: Policy,
    /// The tables the published paragraph groups its risks in (Tabel 1.a, 1.b, 2), in order; empty
    /// when it has one list.
    pub tables: Vec<Label>,
    pub risks: Vec<Risk>,
    /// Which risks move together: rank correlations, joined by a Gaussian copula in the engine.
    pub correlations: Vec<Correlation>,
    /// The years that have passed, in order.
    pub realised: Vec<RealisedYear>,
}

impl Register {
    /// The register's own date (`metadata.date`), else 1 January of its first year: the date an
    /// output carries instead of the clock's, so that a rerun gives the same bytes.
    pub fn date(&self) -> crate::date::Date {
        self.metadata.date.unwrap_or(crate::date::Date {
            year: self.horizon.first,
            month: 1,
            day: 1,
        })
    }

    /// Whether any risk is quantified: without one there is nothing to simulate.
    pub fn is_quantified(&self) -> bool {
        self.risks.iter().any(Risk::is_quantified)
    }

    /// The realised risk amount of a year: the amounts of the risks that occurred and that the
    /// simulation draws (quantified, the regeling's), gains negative. Risks listed as PM, the
    /// deelnemers' own and resolved ones are left out: the simulation has no counterpart for them.
    pub fn realised_risk_amount(&self, year: &RealisedYear) -> f64 {
        year.risks
            .iter()
            .filter(|o| o.outcome == Outcome::Opgetreden && self.risks[o.risk].is_quantified())
            .filter_map(|o| o.amount)
            .sum()
    }

    /// The realised figures of `year`, if the register has them.
    pub fn realised_year(&self, year: i32) -> Option<&RealisedYear> {
        self.realised.iter().find(|r| r.year == year)
    }

    /// The weighted amount of a risk in the first budget year, per occurrence as the Werkplan
    /// publishes it ("per gebeurtenis", L1874): probability × expected impact, whatever the period
    /// of the probability.
    pub fn weighted(&self, risk: &Risk, basis: Basis) -> Option<f64> {
        risk.weighted(&self.drivers, 0, basis)
    }

    /// How many budget years a risk can occur in: from its first year to the end of the horizon.
    pub fn years_open(&self, risk: &Risk) -> usize {
        let from = risk
            .first_year
            .map_or(self.horizon.first, |f| f.max(self.horizon.first));
        (self.horizon.last - from + 1).max(0) as usize
    }

    /// The expected loss of a risk in horizon year `year_index` (signed; `None` for PM and retired
    /// risks): 0 before its first year, and a probability over the whole horizon spread evenly over
    /// the years it is open, as the simulation does. The sum over the risks is what the simulated
    /// mean of an incidental year is checked against.
    pub fn expected_in_year(&self, risk: &Risk, year_index: usize, basis: Basis) -> Option<f64> {
        let weighted = risk.weighted(&self.drivers, year_index, basis)?;
        let year = self.horizon.first + year_index as i32;
        if risk.first_year.is_some_and(|f| f > year) {
            return Some(0.0);
        }
        Some(match risk.probability_per {
            ProbabilityPer::Jaar => weighted,
            ProbabilityPer::Periode => weighted / self.years_open(risk) as f64,
        })
    }
}
