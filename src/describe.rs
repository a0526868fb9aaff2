//! Risks described in words for tables (their probability and their impact range), and what
//! changed between two registers, in sentences.

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

/// A step of the attribution in words: what it changes.
pub fn step_label(step: &crate::diff::Step, d: &crate::diff::Diff, lang: Lang) -> String {
    use crate::diff::StepKind;
    let risk = || format!("{} {}", step.id.as_deref().unwrap_or(""), step.title);
    match step.kind {
        StepKind::Frame => match lang {
            Lang::Nl => format!(
                "Uitgangspunten van het nieuwe register (jaar {} in plaats van {}, budgetbedragen, klassen)",
                d.new.year, d.old.year
            ),
            Lang::En => format!(
                "The new register's starting points (year {} instead of {}, budget amounts, classes)",
                d.new.year, d.old.year
            ),
        },
        StepKind::Certainty => format!(
            "{} {} → {}",
            lang.pick("Zekerheidspercentage", "Certainty level"),
            percent(d.old.certainty, 1),
            percent(d.new.certainty, 1)
        ),
        StepKind::Removed => format!("{}: {}", lang.pick("Vervallen", "Removed"), risk()),
        StepKind::Changed => {
            let fields = d
                .changed
                .iter()
                .find(|c| Some(&c.id) == step.id.as_ref())
                .map(|c| c.fields.join(", "))
                .unwrap_or_default();
            format!("{} ({fields}): {}", lang.pick("Gewijzigd", "Changed"), risk())
        }
        StepKind::Added => format!("{}: {}", lang.pick("Nieuw", "New"), risk()),
        StepKind::Remainder => lang
            .pick("Overig (niet toegerekend)", "Other (not attributed)")
            .to_string(),
    }
}

/// What changed between two registers, as sentences for the paragraph: the benodigde capaciteit
/// then and now and the steps that moved it most, the risks added, removed and changed (with the
/// proposed matches), the municipalities that joined or left, the reserve.
pub fn changes(d: &crate::diff::Diff, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let certainty = percent(d.new.certainty, 1);
    let old_name = d
        .old
        .document
        .clone()
        .unwrap_or_else(|| lang.pick("het oude register", "the old register").to_string());
    let new_name = d
        .new
        .document
        .clone()
        .unwrap_or_else(|| lang.pick("het nieuwe register", "the new register").to_string());
    let change = d.change();
    let signed = |v: f64| {
        if v > 0.0 { format!("+{}", euro(v)) } else { euro(v) }
    };
    // The steps that moved it most in the direction it went (all, when it did not move).
    let mut main: Vec<&crate::diff::Step> = d
        .steps
        .iter()
        .filter(|s| !s.placeholder && s.delta != 0.0 && (change == 0.0 || s.delta.signum() == change.signum()))
        .collect();
    main.sort_by(|a, b| b.delta.abs().total_cmp(&a.delta.abs()));
    let by: Vec<String> = main
        .iter()
        .take(3)
        .map(|s| match &s.id {
            Some(id) => format!("{id} {} ({})", s.title, signed(s.delta)),
            None => format!("{} ({})", step_label(s, d, lang).to_lowercase(), signed(s.delta)),
        })
        .collect();
    let by = listing(&by, lang);
    let (new_required, old_required) = (euro(d.new.required), euro(d.old.required));
    out.push(if !d.old.quantified {
        match lang {
            Lang::Nl => format!(
                "{old_name} kwantificeerde geen risico's: de benodigde weerstandscapaciteit was daar niet bepaald. In {new_name} is zij {new_required} bij {certainty} zekerheid ({}); het meest dragen daaraan bij {by}.",
                d.new.year
            ),
            Lang::En => format!(
                "{old_name} quantified no risks: the required capacity was not determined there. In {new_name} it is {new_required} at {certainty} certainty ({}); most of it comes from {by}.",
                d.new.year
            ),
        }
    } else {
        let verb = match (lang, change.total_cmp(&0.0)) {
            (Lang::Nl, std::cmp::Ordering::Greater) => "gestegen",
            (Lang::Nl, std::cmp::Ordering::Less) => "gedaald",
            (Lang::Nl, _) => "gelijk gebleven",
            (Lang::En, std::cmp::Ordering::Greater) => "risen",
            (Lang::En, std::cmp::Ordering::Less) => "fallen",
            (Lang::En, _) => "unchanged",
        };
        let reason = if by.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::Nl => format!(", vooral door {by}"),
                Lang::En => format!(", mainly through {by}"),
            }
        };
        match lang {
            Lang::Nl => format!(
                "Ten opzichte van {old_name} is de benodigde weerstandscapaciteit bij {certainty} zekerheid {verb}: van {old_required} ({}) naar {new_required} ({}), {}{reason}.",
                d.old.year,
                d.new.year,
                signed(change)
            ),
            Lang::En => format!(
                "Compared with {old_name}, the required capacity at {certainty} certainty has {verb}: from {old_required} ({}) to {new_required} ({}), {}{reason}.",
                d.old.year,
                d.new.year,
                signed(change)
            ),
        }
    });
    let changed = d.changed.len();
    out.push(match lang {
        Lang::Nl => format!(
            "Er zijn {} risico's bijgekomen en {} vervallen; {changed} {} gewijzigd.",
            d.added.len(),
            d.removed.len(),
            if changed == 1 { "is" } else { "zijn" }
        ),
        Lang::En => format!(
            "{} risks were added and {} removed; {changed} changed.",
            d.added.len(),
            d.removed.len()
        ),
    });
    if !d.proposed.is_empty() {
        let pairs: Vec<String> = d.proposed.iter().map(|p| format!("{} → {}", p.old, p.new)).collect();
        out.push(match lang {
            Lang::Nl => format!(
                "Mogelijk hetzelfde risico onder een ander nummer (voorgesteld op de titel, niet als zodanig verrekend): {}.",
                pairs.join(", ")
            ),
            Lang::En => format!(
                "Possibly the same risk under another id (proposed by title, not treated as such): {}.",
                pairs.join(", ")
            ),
        });
    }
    if !d.left.is_empty() {
        let names = listing(&d.left, lang);
        out.push(match (lang, d.left.len()) {
            (Lang::Nl, 1) => format!("{names} is geen deelnemer meer."),
            (Lang::Nl, _) => format!("{names} zijn geen deelnemer meer."),
            (Lang::En, 1) => format!("{names} no longer participates."),
            (Lang::En, _) => format!("{names} no longer participate."),
        });
    }
    if !d.joined.is_empty() {
        let names = listing(&d.joined, lang);
        out.push(match (lang, d.joined.len()) {
            (Lang::Nl, 1) => format!("{names} is toegetreden."),
            (Lang::Nl, _) => format!("{names} zijn toegetreden."),
            (Lang::En, _) => format!("{names} joined."),
        });
    }
    if d.old.reserve_balance != d.new.reserve_balance || d.old.reserve_cap != d.new.reserve_cap {
        out.push(match lang {
            Lang::Nl => format!(
                "De algemene reserve aan het begin van het jaar: {} → {} (plafond {} → {}).",
                euro(d.old.reserve_balance),
                euro(d.new.reserve_balance),
                euro(d.old.reserve_cap),
                euro(d.new.reserve_cap)
            ),
            Lang::En => format!(
                "The general reserve at the start of the year: {} → {} (cap {} → {}).",
                euro(d.old.reserve_balance),
                euro(d.new.reserve_balance),
                euro(d.old.reserve_cap),
                euro(d.new.reserve_cap)
            ),
        });
    }
    out
}

/// The back-test's judgement in one paragraph: how many years lay above the benodigde capaciteit
/// against how many were to be expected, and whether that is consistent with the forecasts.
pub fn backtest_judgement(b: &crate::backtest::Backtest, lang: Lang) -> String {
    let n = b.years.len();
    let expected = decimal(b.expected_above, 1);
    let chance = percent(b.p_value, 1);
    let certainty = percent(b.certainty, 1);
    let left_out: Vec<String> = b.years.iter().flat_map(|y| y.left_out.iter().cloned()).collect();
    let mut text = match (lang, b.consistent) {
        (Lang::Nl, true) => format!(
            "In {} van de {n} jaren lag het gerealiseerde risicobedrag boven de benodigde weerstandscapaciteit bij {certainty} zekerheid; verwacht waren er {expected}. Als de ramingen kloppen, is de kans op minstens zoveel jaren {chance}: niets wijst erop dat de risico's te laag zijn geraamd.",
            b.above
        ),
        (Lang::Nl, false) => format!(
            "In {} van de {n} jaren lag het gerealiseerde risicobedrag boven de benodigde weerstandscapaciteit bij {certainty} zekerheid; verwacht waren er {expected}. Als de ramingen kloppen, is de kans op minstens zoveel jaren maar {chance}: de risico's lijken te laag geraamd.",
            b.above
        ),
        (Lang::En, true) => format!(
            "In {} of the {n} years the realised risk amount lay above the required capacity at {certainty} certainty; {expected} were to be expected. If the forecasts are right, the chance of at least that many years is {chance}: nothing suggests the risks were estimated too low.",
            b.above
        ),
        (Lang::En, false) => format!(
            "In {} of the {n} years the realised risk amount lay above the required capacity at {certainty} certainty; {expected} were to be expected. If the forecasts are right, the chance of at least that many years is only {chance}: the risks appear to be estimated too low.",
            b.above
        ),
    };
    if !left_out.is_empty() {
        text.push_str(&match lang {
            Lang::Nl => format!(
                " Niet meegeteld, omdat de simulatie er geen bedrag voor trekt (PM, voor rekening van de deelnemers of opgelost): {}.",
                left_out.join(", ")
            ),
            Lang::En => format!(
                " Not counted, as the simulation draws no amount for them (PM, borne by the members or resolved): {}.",
                left_out.join(", ")
            ),
        });
    }
    text
}

/// How a run to a precision ended: `precisie: ± 0,42% (doel ± 0,5%), bereikt na 160.000 iteraties
/// (stappen 10.000 … 160.000)`, or that the maximum came first.
pub fn precision(p: &crate::sim::precision::Record, lang: Lang) -> String {
    use crate::format::{decimal, euro, percent};
    let target = match (p.target_relative, p.target_euros) {
        (Some(r), _) => format!("± {}", percent(r, 2)),
        (None, Some(e)) => format!("± {}", euro(e)),
        (None, None) => String::new(),
    };
    let achieved = format!("± {} ({})", euro(p.half_width), percent(p.half_width_relative, 2));
    let n = decimal(*p.steps.last().unwrap_or(&0) as f64, 0);
    let steps = p.steps.len();
    match (p.stopped, lang) {
        (crate::sim::precision::Stop::Precision, Lang::Nl) => format!(
            "precisie: 95%-betrouwbaarheidsinterval van de benodigde weerstandscapaciteit {achieved}, doel {target}: bereikt na {n} iteraties ({steps} stappen)"
        ),
        (crate::sim::precision::Stop::Precision, Lang::En) => format!(
            "precision: 95% confidence interval of the required capacity {achieved}, target {target}: reached after {n} iterations ({steps} steps)"
        ),
        (crate::sim::precision::Stop::Maximum, Lang::Nl) => format!(
            "precisie: het maximum van {n} iteraties is bereikt voor het doel {target}; het 95%-betrouwbaarheidsinterval van de benodigde weerstandscapaciteit is {achieved} (meer iteraties: --max-iterations)"
        ),
        (crate::sim::precision::Stop::Maximum, Lang::En) => format!(
            "precision: the maximum of {n} iterations was reached before the target {target}; the 95% confidence interval of the required capacity is {achieved} (more iterations: --max-iterations)"
        ),
    }
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
