//! One risk of the register, validated and resolved.

use super::dist::Dist;
use super::driver::Drivers;
use crate::date::Date;

/// Where a risk stands, in the four statuses of the Werkplan (L1864–L1868).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Occurring now.
    Actueel,
    /// May occur.
    Potentieel,
    /// Expected later: simulated from its `first_year`.
    OpTermijn,
    /// Retired: listed, never simulated.
    GeenRisicoMeer,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Actueel,
        Status::Potentieel,
        Status::OpTermijn,
        Status::GeenRisicoMeer,
    ];

    /// The register's spelling.
    pub fn name(self) -> &'static str {
        match self {
            Status::Actueel => "actueel",
            Status::Potentieel => "potentieel",
            Status::OpTermijn => "op termijn",
            Status::GeenRisicoMeer => "geen risico meer",
        }
    }

    /// Whether risks with this status take part in the matrix and the simulation.
    pub fn is_active(self) -> bool {
        self != Status::GeenRisicoMeer
    }
}

/// A threat costs money; an opportunity (kans) saves it and enters every sum with a minus sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Bedreiging,
    Kans,
}

impl Direction {
    pub fn sign(self) -> f64 {
        match self {
            Direction::Bedreiging => 1.0,
            Direction::Kans => -1.0,
        }
    }
}

/// Incidental risks cost once per occurrence; a structural risk, once it has occurred, keeps
/// costing in every later year of the horizon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recurrence {
    Incidenteel,
    Structureel,
}

/// What a probability is the chance of: occurring in a year (each begroting is annual), or occurring
/// once in the whole horizon (the Werkplan's weighted amounts are "per gebeurtenis", L1874).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ProbabilityPer {
    #[default]
    Jaar,
    /// At most once from the risk's first year to the end of the horizon, in each of those years
    /// equally likely.
    Periode,
}

/// Who bears a risk: the regeling (its algemene reserve first), or the deelnemende gemeenten
/// themselves, outside the regeling's accounts (the Jaarverslag 2020's Tabel 2, "niet operationele
/// risico's … die voor rekening van de deelnemende gemeenten … komen", L3042–L3044). Such a risk is
/// listed, never charged to the reserve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BorneBy {
    #[default]
    Regeling,
    Deelnemers,
}

/// How much the organisation itself can influence a risk (beïnvloedbaarheid).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Influence {
    Geen,
    Beperkt,
    Gedeeltelijk,
    Groot,
}

impl Influence {
    pub const ALL: [Influence; 4] = [
        Influence::Geen,
        Influence::Beperkt,
        Influence::Gedeeltelijk,
        Influence::Groot,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Influence::Geen => "geen",
            Influence::Beperkt => "beperkt",
            Influence::Gedeeltelijk => "gedeeltelijk",
            Influence::Groot => "groot",
        }
    }
}

/// How often a risk occurs in a year.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Occurrence {
    /// At most once a year, with this probability (Bernoulli).
    Probability(f64),
    /// Any number of times, on average this many per year (Poisson), each with its own impact.
    Frequency(f64),
}

impl Occurrence {
    /// Expected number of occurrences in a year.
    pub fn expected_count(self) -> f64 {
        match self {
            Occurrence::Probability(p) => p,
            Occurrence::Frequency(rate) => rate,
        }
    }

    fn scaled(self, factor: f64) -> Occurrence {
        match self {
            Occurrence::Probability(p) => Occurrence::Probability(p * factor),
            Occurrence::Frequency(rate) => Occurrence::Frequency(rate * factor),
        }
    }
}

/// The financial impact of one occurrence.
#[derive(Clone, Debug, PartialEq)]
pub enum Impact {
    /// An amount in euros.
    Amount(Dist),
    /// A share of a driver's amount in the year of occurrence (`rate` 0.02 = 2% of the loonsom).
    Driver { driver: usize, rate: Dist },
    /// Pro memorie: known to exist, not quantified. Listed, never simulated.
    Pm,
}

impl Impact {
    /// The impact distribution in euros in horizon year `year_index`, or `None` for PM.
    pub fn amount_in(&self, drivers: &Drivers, year_index: usize) -> Option<Dist> {
        match self {
            Impact::Amount(dist) => Some(*dist),
            Impact::Driver { driver, rate } => Some(rate.scaled(drivers.get(*driver).value(year_index))),
            Impact::Pm => None,
        }
    }

    fn scaled(&self, factor: f64) -> Impact {
        match self {
            Impact::Amount(dist) => Impact::Amount(dist.scaled(factor)),
            Impact::Driver { driver, rate } => Impact::Driver {
                driver: *driver,
                rate: rate.scaled(factor),
            },
            Impact::Pm => Impact::Pm,
        }
    }
}

/// Whether a measure is in place or only planned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeasureState {
    Gepland,
    Uitgevoerd,
}

/// A risk-mitigating measure (beheersmaatregel) and its effect.
#[derive(Clone, Debug, PartialEq)]
pub struct Mitigation {
    pub description: String,
    pub state: MeasureState,
    /// Multiplies the probability (or frequency): 0.5 halves it. 1 when the measure does not act on it.
    pub probability_factor: f64,
    /// Multiplies the impact. 1 when the measure does not act on it.
    pub impact_factor: f64,
}

/// Which measures count: bruto is the risk as registered, before any measure; netto counts the
/// measures in place, and optionally the planned ones too. Serialized as the results file names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
pub enum Basis {
    #[serde(rename = "bruto")]
    Bruto,
    #[default]
    #[serde(rename = "netto")]
    Netto,
    #[serde(rename = "netto-incl-gepland")]
    NettoWithPlanned,
}

impl Basis {
    /// The name outputs print: `netto`, `netto-incl-gepland`.
    pub fn name(self) -> &'static str {
        match self {
            Basis::Bruto => "bruto",
            Basis::Netto => "netto",
            Basis::NettoWithPlanned => "netto-incl-gepland",
        }
    }

    fn counts(self, state: MeasureState) -> bool {
        match self {
            Basis::Bruto => false,
            Basis::Netto => state == MeasureState::Uitgevoerd,
            Basis::NettoWithPlanned => true,
        }
    }
}

/// A validated risk.
#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    pub id: String,
    pub title: String,
    /// Risicogebied: the area the Werkplan's tables group risks by.
    pub area: Option<String>,
    /// Index into the register's tables (the published paragraph's Tabel 1.a, 1.b, 2).
    pub table: Option<usize>,
    /// Who bears it; a risk of the deelnemers is never charged to the reserve.
    pub borne_by: BorneBy,
    /// Index into the verdeelsleutel's taakvelden: the key its share of a shortfall is charged by
    /// (`None`: the main key).
    pub taakveld: Option<usize>,
    /// Index into the register's categories.
    pub category: usize,
    /// Index into the register's risk types (the matrix columns).
    pub risk_type: usize,
    pub status: Status,
    /// `None` only for PM risks and risks that are no longer a risk.
    pub occurrence: Option<Occurrence>,
    pub impact: Impact,
    pub direction: Direction,
    pub recurrence: Recurrence,
    /// First budget year in which the risk can occur.
    pub first_year: Option<i32>,
    /// Whether `occurrence`'s probability is per year or once over the horizon.
    pub probability_per: ProbabilityPer,
    pub influence: Option<Influence>,
    pub cause: Option<String>,
    pub consequences: Option<String>,
    pub mitigations: Vec<Mitigation>,
    pub owner: Option<String>,
    pub reviewed: Option<Date>,
    /// The weighted amount the source document publishes, in euros, for reconciliation.
    pub published_weighted: Option<f64>,
    /// Where the risk was transcribed from.
    pub source: Option<String>,
    pub notes: Option<String>,
    /// A stand-in for a risk the source quantifies but does not name (`placeholder: true`): it
    /// counts in every amount, but the paragraph never presents it as a named risk.
    pub placeholder: bool,
}

impl Risk {
    /// Whether the regeling bears it now: active and not the deelnemers' own (the matrix, the
    /// risicokaart and every sum count only these).
    pub fn is_the_regelings(&self) -> bool {
        self.status.is_active() && self.borne_by == BorneBy::Regeling
    }

    /// Whether the risk has a quantified impact and takes part in sums: active, quantified, and
    /// borne by the regeling.
    pub fn is_quantified(&self) -> bool {
        self.status.is_active()
            && self.borne_by == BorneBy::Regeling
            && self.occurrence.is_some()
            && self.impact != Impact::Pm
    }

    /// The occurrence and impact after the measures that `basis` counts.
    pub fn effective(&self, basis: Basis) -> (Option<Occurrence>, Impact) {
        let (p, i) = self
            .mitigations
            .iter()
            .filter(|m| basis.counts(m.state))
            .fold((1.0, 1.0), |(p, i), m| (p * m.probability_factor, i * m.impact_factor));
        (self.occurrence.map(|o| o.scaled(p)), self.impact.scaled(i))
    }

    /// The weighted amount (gewogen risico): expected occurrences × expected impact, signed, in
    /// the given horizon year. `None` for PM risks and retired risks.
    pub fn weighted(&self, drivers: &Drivers, year_index: usize, basis: Basis) -> Option<f64> {
        if !self.is_quantified() {
            return None;
        }
        let (occurrence, impact) = self.effective(basis);
        let dist = impact.amount_in(drivers, year_index)?;
        Some(self.direction.sign() * occurrence?.expected_count() * dist.mean())
    }
}
