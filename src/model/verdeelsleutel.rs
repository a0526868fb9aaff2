//! The verdeelsleutel: how the participating municipalities share a shortfall beyond the reserve.

/// One participant and its share.
#[derive(Clone, Debug, PartialEq)]
pub struct Municipality {
    pub name: String,
    /// Fraction of the total; the shares of a verdeelsleutel add up to 1.
    pub share: f64,
    /// The budget contribution the share was derived from, in euros, if it was given that way.
    pub contribution: Option<f64>,
}

/// The key by which a shortfall beyond the reserve is charged to the municipalities.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdeelsleutel {
    /// What the key is based on, in words (e.g. "gemeentelijke bijdragen 2026").
    pub basis: Option<String>,
    pub municipalities: Vec<Municipality>,
}
