//! The name of every figure the outputs show, worded once. The terminal summary, the paragraph,
//! its tables and charts, and `compare` take their labels from here, so that one figure never
//! appears under two names (nor two figures under one).

use crate::lang::Lang;

/// A figure of the paragraaf weerstandsvermogen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// The first year's risk amount at the zekerheidspercentage.
    Required,
    /// The algemene reserve at the start of the first year.
    Available,
    /// Available / required.
    Ratio,
    /// What the risks cost together in a year (negative: what the opportunities save): the
    /// simulated quantity itself.
    RiskAmount,
    /// Its mean.
    ExpectedRiskAmount,
    /// The chance that the year's risk amount is more than the reserve holds.
    ChanceReserveShort,
    /// The part of a year's risk amount the reserve cannot carry.
    Overflow,
    /// What the municipalities pay for a year by the GR's rule: the overflow, plus topping the
    /// reserve up where the GR does so, plus a planned withdrawal the reserve could not pay, less
    /// what is paid back.
    ExtraContribution,
    /// The mean reserve at the start of a year.
    ReserveAtStart,
    /// Probability × expected impact.
    Weighted,
    /// A risk's mean amount in the years beyond the zekerheidspercentage.
    WorstYears,
}

impl Figure {
    /// The name, capitalised as a label.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Figure::Required => lang.pick("Benodigde weerstandscapaciteit", "Required risk-bearing capacity"),
            Figure::Available => lang.pick(
                "Beschikbare weerstandscapaciteit (algemene reserve)",
                "Available capacity (general reserve)",
            ),
            Figure::Ratio => lang.pick("Ratio weerstandsvermogen", "Ratio"),
            Figure::RiskAmount => lang.pick("Risicobedrag", "Risk amount"),
            Figure::ExpectedRiskAmount => lang.pick("Verwacht risicobedrag", "Expected risk amount"),
            Figure::ChanceReserveShort => {
                lang.pick("Kans dat de reserve tekortschiet", "Chance the reserve falls short")
            }
            Figure::Overflow => lang.pick("Overloop boven de reserve", "Overflow beyond the reserve"),
            Figure::ExtraContribution => {
                lang.pick("Extra bijdrage gemeenten", "Extra contribution of the municipalities")
            }
            Figure::ReserveAtStart => lang.pick("Gemiddelde reserve aan het begin", "Mean reserve at start"),
            Figure::Weighted => lang.pick("Gewogen", "Weighted"),
            Figure::WorstYears => lang.pick("In de zwaarste jaren", "In the worst years"),
        }
    }

    /// The name inside a sentence: lower case, except where Dutch capitalises.
    pub fn lower(self, lang: Lang) -> String {
        let name = self.name(lang);
        let mut chars = name.chars();
        chars
            .next()
            .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
    }
}

/// What every total over several years assumes, said beside each of them.
pub fn horizon_assumption(lang: Lang) -> &'static str {
    lang.pick(
        "aanname: een incidenteel risico kan elk jaar opnieuw optreden, met zijn kans per jaar (een risico met een kans per periode hooguit één keer); een structureel risico kost na het jaar waarin het optreedt elk jaar opnieuw",
        "assuming an incidental risk can strike again every year, with its probability per year (a risk with a probability per period at most once); a structural risk costs again every year after the one it occurs in",
    )
}

/// What the saldo is, in one sentence.
pub fn saldo_definition(lang: Lang) -> &'static str {
    lang.pick(
        "Saldo = totale kosten − gefactureerd: positief betaalt de gemeente bij, negatief krijgt zij terug.",
        "Balance = total costs − invoiced: positive is paid by the municipality, negative refunded to it.",
    )
}

/// The reserve's movement over the year, in one sentence.
pub fn reserve_movement(s: &crate::afrekening::Settlement, cap: f64, lang: Lang) -> String {
    let year = s.year;
    format!(
        "{}: {} {} 1 {} {year}, {} {} 31 {} {year} ({} {}).",
        lang.pick("Algemene reserve", "General reserve"),
        crate::format::euro(s.reserve_start),
        lang.pick("op", "on"),
        lang.pick("januari", "January"),
        crate::format::euro(s.reserve_end),
        lang.pick("op", "on"),
        lang.pick("december", "December"),
        lang.pick("plafond", "cap"),
        crate::format::euro(cap)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Figure; 11] = [
        Figure::Required,
        Figure::Available,
        Figure::Ratio,
        Figure::RiskAmount,
        Figure::ExpectedRiskAmount,
        Figure::ChanceReserveShort,
        Figure::Overflow,
        Figure::ExtraContribution,
        Figure::ReserveAtStart,
        Figure::Weighted,
        Figure::WorstYears,
    ];

    #[test]
    fn no_two_figures_share_a_name() {
        for lang in [Lang::Nl, Lang::En] {
            for (i, a) in ALL.iter().enumerate() {
                for b in &ALL[i + 1..] {
                    assert_ne!(a.name(lang), b.name(lang), "{a:?} and {b:?}");
                }
            }
        }
    }
}
