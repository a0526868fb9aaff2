//! The weerstandscapaciteit: for a GR, its algemene reserve, which is capped.

/// The algemene reserve and how shortfalls against it are handled.
#[derive(Clone, Debug, PartialEq)]
pub struct Reserve {
    /// The maximum the reserve may hold (the GR sets it; € 500.000 for IJmond Werkt!).
    pub cap: f64,
    /// The balance at the start of each horizon year, first year first.
    pub balance: Vec<f64>,
    /// The zekerheidspercentage: the certainty at which the benodigde weerstandscapaciteit is read.
    pub certainty: f64,
    /// Whether the municipalities top the reserve up again after a year in which it was used.
    pub replenish: bool,
    /// The rules of the GR on the reserve, in words, for the paragraph.
    pub rules: Vec<String>,
}

/// Default zekerheidspercentage: 90%, the most common choice in Dutch practice.
pub const DEFAULT_CERTAINTY: f64 = 0.9;
