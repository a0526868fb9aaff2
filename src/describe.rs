//! Risks described in words for tables: their probability and their impact range.

use crate::format::{decimal, euro, percent};
use crate::lang::Lang;
use crate::model::{Dist, Impact, Occurrence, Register};

/// `63%`, or `2,5× per jaar` for a frequency.
pub fn occurrence_text(occurrence: Occurrence, lang: Lang) -> String {
    match occurrence {
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
