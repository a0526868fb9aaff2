//! What really happened in a year that has passed (`realised:`): the jaarverslag's half of the
//! risk officer's year. Per taakveld what each municipality was invoiced and what its share of the
//! realised costs was; the algemene reserve at the start and end; per risk what happened.

/// One municipality's figures in one taakveld of a realised year, in euros.
#[derive(Clone, Debug, PartialEq)]
pub struct Realised {
    /// Index into the register's verdeelsleutel.
    pub municipality: usize,
    /// The contributions invoiced on the begroting (gefactureerd).
    pub invoiced: f64,
    /// The municipality's share of the realised direct costs, net of the taakveld's own revenue.
    pub costs: f64,
    /// Its share of the overhead (aandeel overhead); 0 when the costs include it.
    pub overhead: f64,
}

/// One taakveld of a realised year: the figures of every municipality.
#[derive(Clone, Debug, PartialEq)]
pub struct TaakveldResult {
    /// The name the jaarverslag uses (`re-integratie`, `wsw`).
    pub name: String,
    pub municipalities: Vec<Realised>,
    /// The totals as the jaarverslag prints them (costs, overhead, invoiced): summed before its rows
    /// were rounded, they may differ from the sum of the rounded rows by up to half a euro a row.
    pub published_total: Option<[f64; 3]>,
}

/// What happened to a risk in a realised year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// It occurred (and cost, or saved, the amount).
    Opgetreden,
    /// It did not occur.
    #[serde(rename = "niet opgetreden")]
    NietOpgetreden,
    /// It was resolved: the risk is gone (a provision for it may have been released).
    Opgelost,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Opgetreden, Outcome::NietOpgetreden, Outcome::Opgelost];

    /// The register's spelling.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Opgetreden => "opgetreden",
            Outcome::NietOpgetreden => "niet opgetreden",
            Outcome::Opgelost => "opgelost",
        }
    }

    pub fn display(self, lang: crate::Lang) -> &'static str {
        match self {
            Outcome::Opgetreden => lang.pick("opgetreden", "occurred"),
            Outcome::NietOpgetreden => lang.pick("niet opgetreden", "did not occur"),
            Outcome::Opgelost => lang.pick("opgelost", "resolved"),
        }
    }
}

/// One risk's outcome in a realised year.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskOutcome {
    /// Index into the register's risks.
    pub risk: usize,
    pub outcome: Outcome,
    /// What it cost in euros (negative: a gain, such as a released provision).
    pub amount: Option<f64>,
    pub note: Option<String>,
}

/// A year that has passed.
#[derive(Clone, Debug, PartialEq)]
pub struct RealisedYear {
    pub year: i32,
    /// Where the figures were transcribed from.
    pub source: Option<String>,
    /// The algemene reserve at the start and at the end of the year, in euros.
    pub reserve_start: f64,
    pub reserve_end: f64,
    pub taakvelden: Vec<TaakveldResult>,
    pub risks: Vec<RiskOutcome>,
}
