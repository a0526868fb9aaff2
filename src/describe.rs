//! Risks described in words for tables: their probability and their impact range.

use crate::format::{decimal, euro, percent};
use crate::lang::Lang;
use crate::model::{Dist, Impact, Occurrence, ProbabilityPer, Register, Risk};

/// `a, b en c` (`a, b and c`): a list in running text.
pub fn listing(parts: &[String], lang: Lang) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {} {last}", rest.join(", "), lang.pick("en", "and")),
    }
}

/// `63%`, `40% in 2026–2029` for a probability over the horizon, or `2,5× per jaar` for a frequency.
pub fn occurrence_text(register: &Register, risk: &Risk, occurrence: Occurrence, lang: Lang) -> String {
    match occurrence {
        Occurrence::Probability(p) if risk.probability_per == ProbabilityPer::Periode => {
            let from = risk
                .first_year
                .unwrap_or(register.horizon.first)
                .max(register.horizon.first);
            format!(
                "{} {} {from}–{}",
                percent(p, 1),
                lang.pick("in", "in"),
                register.horizon.last
            )
        }
        Occurrence::Probability(p) => percent(p, 1),
        Occurrence::Frequency(rate) => format!("{}× {}", decimal(rate, 2), lang.pick("per jaar", "a year")),
    }
}

/// The range of one occurrence's impact in the first year: `€ 250.000 – € 550.000`.
pub fn impact_text(register: &Register, impact: &Impact) -> String {
    let Some(dist) = impact.amount_in(&register.drivers, 0) else {
        return "PM".into();
    };
    let range = match dist {
        Dist::Fixed(x) => euro(x),
        _ => {
            let (lo, hi) = dist.range();
            format!("{} – {}", euro(lo), euro(hi))
        }
    };
    match impact {
        Impact::Driver { driver, rate } => {
            let (lo, hi) = rate.range();
            let rate = if lo == hi {
                percent(lo, 2)
            } else {
                format!("{}–{}", percent(lo, 2), percent(hi, 2))
            };
            format!("{range} ({rate} {})", register.drivers.get(*driver).id)
        }
        _ => range,
    }
}

/// A register text without its source references: `Loonsom (de basis, L2492-L2493)` → `Loonsom`.
/// Line references are for the risk officer's transcription, not for the reader.
pub fn without_references(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(" (") {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = &rest[open + 2..close];
        let is_reference = inner
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.len() > 1 && w.starts_with('L') && w[1..].chars().all(|c| c.is_ascii_digit()));
        out.push_str(&rest[..open]);
        if !is_reference {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_dropped_and_other_brackets_kept() {
        assert_eq!(
            without_references("Loonsom SW (de basis van het cao-risico, L2492-L2493)"),
            "Loonsom SW"
        );
        assert_eq!(without_references("Personeel (cao SGO)"), "Personeel (cao SGO)");
        assert_eq!(
            without_references("Payroll (trendvolgers, L3284) en (NBW)"),
            "Payroll en (NBW)"
        );
    }
}
