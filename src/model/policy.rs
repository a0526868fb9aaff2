//! The body's policy on its weerstandsvermogen and risks (BBV artikel 11, onderdeel *beleid*): a
//! norm for the ratio, if it has one, and its own words on how it manages risks.

/// `policy:` in the register.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Policy {
    /// The lowest ratio weerstandsvermogen the body accepts (`1.0` for klasse C), if it set one.
    pub norm: Option<f64>,
    /// The body's text on its risk management (the risk cycle, who reviews what, when).
    pub text: Option<String>,
    /// Where the text comes from.
    pub source: Option<String>,
}
