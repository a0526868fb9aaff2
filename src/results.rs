//! Everything a simulation produces: the numbers of the paragraaf weerstandsvermogen. Serialized as
//! the JSON results file; the terminal summary, the tables and the report read the same struct.
//! Amounts are euros; probabilities are fractions (0.9 = 90%).

use crate::grade::Grade;
use crate::model::Basis;
use crate::stats::Percentile;
use serde::Serialize;

/// Provenance: enough to reproduce every number.
#[derive(Clone, Debug, Serialize)]
pub struct Manifest {
    pub tool: String,
    pub version: String,
    /// The register's file name (without its folder, so that the bytes do not depend on where the
    /// command was run from); `register_sha256` identifies its contents.
    pub register: String,
    pub register_sha256: String,
    /// Scenarios applied to the register, in order (empty for the register as it is).
    pub scenarios: Vec<ScenarioRef>,
    pub organisation: String,
    pub seed: u64,
    pub iterations: usize,
    /// Iterations per block. Draws are addressed by iteration, so results do not depend on it.
    pub block_size: usize,
    /// `netto` (measures in place) or `netto-incl-gepland`.
    pub basis: Basis,
    pub certainty: f64,
    pub horizon: [i32; 2],
    pub generator: String,
    /// The conventions behind the numbers, in words.
    pub conventions: Vec<String>,
    /// A run to a precision (`--precision`): the target, the steps and why it stopped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<crate::sim::precision::Record>,
    /// The register's rank correlations between risks (none: every risk is drawn on its own).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub correlations: Vec<CorrelationRef>,
}

/// A rank correlation, as recorded with the results.
#[derive(Clone, Debug, Serialize)]
pub struct CorrelationRef {
    pub risks: Vec<String>,
    pub rank: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A scenario, as recorded with the results.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioRef {
    pub name: String,
    pub description: Option<String>,
    /// What it changes, in words (`Algemene reserve: € 400.000`).
    pub changes: Vec<String>,
}

/// The distribution of one simulated amount.
#[derive(Clone, Debug, Serialize)]
pub struct Distribution {
    pub mean: f64,
    pub sd: f64,
    pub min: f64,
    pub max: f64,
    pub percentiles: Vec<Percentile>,
    /// The percentile at the zekerheidspercentage.
    pub at_certainty: Percentile,
    /// The mean of the values at or above that percentile.
    pub tail_mean: f64,
}

/// The headline: the first budget year, compared with the reserve.
#[derive(Clone, Debug, Serialize)]
pub struct Headline {
    pub year: i32,
    /// The mean risk amount of the year (the simulated gewogen risico).
    pub expected_risk_amount: f64,
    pub risk_amount_sd: f64,
    /// The register's weighted amounts of the first year added up (probability × expected impact,
    /// under the run's basis): only risks that can occur in that year, a probability over the
    /// whole horizon spread over its years (`Register::expected_in_year`). What `expected_risk_amount` estimates.
    pub weighted_register: f64,
    /// Sum over the threats of their largest possible impact (see the conventions).
    pub sum_of_maxima: f64,
    /// Benodigde weerstandscapaciteit: the total loss at the zekerheidspercentage.
    pub required: Percentile,
    /// Beschikbare weerstandscapaciteit: the reserve balance at the start of the year.
    pub available: f64,
    pub cap: f64,
    pub p_reserve_short: f64,
    pub p_reserve_short_at_cap: f64,
    pub overflow_mean: f64,
    pub overflow_at_certainty: f64,
    /// Available / required; absent when nothing is required (no risk of a loss at that certainty).
    pub ratio: Option<f64>,
    pub grade: Grade,
    pub ratio_at_cap: Option<f64>,
    pub grade_at_cap: Grade,
}

/// One budget year of the horizon.
#[derive(Clone, Debug, Serialize)]
pub struct YearResult {
    pub year: i32,
    pub risk_amount: Distribution,
    /// Mean reserve at the start of the year (falls over the years without replenishment).
    pub reserve_start_mean: f64,
    /// Probability that the year's loss exceeds the reserve available.
    pub p_reserve_short: f64,
    pub overflow_mean: f64,
    pub overflow_at_certainty: f64,
    pub replenishment_mean: f64,
    /// Extra contribution of all municipalities together.
    pub contribution_mean: f64,
    pub contribution_median: f64,
    pub contribution_at_certainty: f64,
}

/// An amount's mean and its value at the zekerheidspercentage.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct MeanAt {
    pub mean: f64,
    pub at_certainty: f64,
}

/// All years together.
#[derive(Clone, Debug, Serialize)]
pub struct HorizonResult {
    pub first: i32,
    pub last: i32,
    /// The summed loss over the horizon.
    pub risk_amount: MeanAt,
    pub contribution: MeanAt,
    /// Probability that the reserve falls short in at least one year.
    pub p_reserve_short_any_year: f64,
}

/// A municipality's extra contribution.
#[derive(Clone, Debug, Serialize)]
pub struct MunicipalityResult {
    pub name: String,
    /// Its share in the one key; `None` when the verdeelsleutel has a key per taakveld or changes
    /// from a year on (its figures were then simulated on their own).
    pub share: Option<f64>,
    pub per_year: Vec<YearAmount>,
    pub horizon: MeanAt,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct YearAmount {
    pub year: i32,
    pub mean: f64,
    pub at_certainty: f64,
}

/// A category or risk type simulated on its own.
#[derive(Clone, Debug, Serialize)]
pub struct Segment {
    pub id: String,
    pub name: String,
    pub risks: usize,
    pub mean: f64,
    pub sd: f64,
    pub at_certainty: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Segments {
    pub categories: Vec<Segment>,
    pub types: Vec<Segment>,
}

/// One risk's part in the first year's total.
#[derive(Clone, Debug, Serialize)]
pub struct Contribution {
    pub id: String,
    pub title: String,
    pub category: String,
    pub risk_type: String,
    /// The register's weighted amount (probability × expected impact).
    pub weighted: f64,
    /// The risk's exact expected loss in the first year (probability × expected impact; 0 when it
    /// cannot occur before a later year).
    pub mean: f64,
    /// Its share of the expected first-year total.
    pub share_of_mean: f64,
    /// Its mean amount in the worst years: the iterations whose total is at or above the benodigde
    /// weerstandscapaciteit ("in de zwaarste jaren").
    pub worst_years_mean: f64,
    /// Its share of the worst years' mean; these shares add up to 1.
    pub share_of_worst_years: f64,
    /// A stand-in the register marks `placeholder: true`: counted, never named as a risk.
    pub placeholder: bool,
}

/// Bruto (no measures) against netto, first year.
#[derive(Clone, Debug, Serialize)]
pub struct BrutoNetto {
    pub bruto: MeanAt,
    pub netto: MeanAt,
    pub bruto_per_year: Vec<f64>,
    pub netto_per_year: Vec<f64>,
}

/// A risk left out of the sums, and why.
#[derive(Clone, Debug, Serialize)]
pub struct Excluded {
    pub id: String,
    pub title: String,
    pub reason: ExclusionReason,
}

/// Why a risk is left out of the sums.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ExclusionReason {
    /// Pro memorie: known, not quantified.
    #[serde(rename = "pm")]
    Pm,
    /// Status `geen risico meer`.
    #[serde(rename = "geen risico meer")]
    Retired,
    /// Borne by the deelnemers themselves, never by the regeling's reserve.
    #[serde(rename = "deelnemers")]
    Deelnemers,
}

/// The simulation's results.
#[derive(Clone, Debug, Serialize)]
pub struct Results {
    pub manifest: Manifest,
    pub headline: Headline,
    pub first_year: Distribution,
    pub years: Vec<YearResult>,
    pub horizon: HorizonResult,
    pub municipalities: Vec<MunicipalityResult>,
    /// Each category and risk type on its own (absent in comparisons and sweeps).
    pub segments: Option<Segments>,
    pub contributions: Vec<Contribution>,
    /// Absent in comparisons and sweeps.
    pub bruto_netto: Option<BrutoNetto>,
    pub excluded: Vec<Excluded>,
    /// Per year of the horizon with realised figures: where the realised risk amount fell in the
    /// simulated distribution of that year.
    pub realised: Vec<RealisedYear>,
    /// How the benodigde capaciteit responds to each risk and driver (the report's tornado);
    /// computed by the commands that show it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<crate::sensitivity::Sensitivity>,
    /// The sorted first-year totals (netto, bruto), for charts; not written to JSON.
    #[serde(skip)]
    pub samples: Option<Samples>,
}

/// A realised year against its simulation.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct RealisedYear {
    pub year: i32,
    /// The realised risk amount: what the simulated risks that occurred cost (gains negative).
    pub risk_amount: f64,
    /// The share of simulated years with a risk amount at or below it (its percentile, 0–1).
    pub percentile: f64,
}

/// Simulated values kept for charts.
#[derive(Clone, Debug)]
pub struct Samples {
    pub netto: crate::stats::Sorted,
    pub bruto: Option<crate::stats::Sorted>,
}
