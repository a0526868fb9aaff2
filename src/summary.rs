//! The simulation's summary in words and tables, as printed by `simulate`: the same figures, in the
//! same words, as the paragraph of the report.

use crate::format::{chance, decimal, euro, percent, percent_fixed};
use crate::grade;
use crate::lang::Lang;
use crate::model::Register;
use crate::results::{ExclusionReason, Results};
use crate::table;
use crate::tables::{self, certainty_label};
use crate::vocabulary::Figure;
use std::fmt::Write as _;

/// For a run with scenarios or `--set`: a heading line saying it is a what-if and not the
/// register, then each scenario with what it changes. Empty for the register itself.
pub fn whatif_lines(results: &Results, lang: Lang) -> Vec<String> {
    let scenarios = &results.manifest.scenarios;
    if scenarios.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        lang.pick(
            "WAT ALS: deze uitkomsten gelden voor het register met deze wijzigingen, niet voor het register zelf:",
            "WHAT IF: these results are for the register with these changes, not for the register itself:",
        )
        .to_string(),
    ];
    lines.extend(scenarios.iter().map(|sc| {
        if sc.changes.is_empty() {
            format!("- {}", sc.name)
        } else {
            format!("- {}: {}", sc.name, sc.changes.join("; "))
        }
    }));
    lines
}

/// The share of the years that lies beyond the zekerheidspercentage: `10%` at 90% zekerheid.
pub fn worst_share(results: &Results) -> String {
    percent(1.0 - results.manifest.certainty, 1)
}

/// The ratio and grade in words: `0,11 (klasse F, ruim onvoldoende)`.
pub fn ratio_text(ratio: Option<f64>, g: grade::Grade, lang: Lang) -> String {
    let r = crate::format::ratio(ratio);
    // No ratio: nothing is needed at that certainty (the opportunities outweigh the threats).
    let none = if ratio.is_none() {
        lang.pick("er is geen weerstandscapaciteit nodig; ", "no capacity is needed; ")
    } else {
        ""
    };
    format!(
        "{r} ({none}{} {}, {})",
        lang.pick("klasse", "grade"),
        g.letter(),
        g.meaning(lang)
    )
}

/// The headline sentences, worded once: the terminal summary and the report both print these.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Facts {
    pub required: String,
    pub available: String,
    pub ratio: String,
    pub expected: String,
    pub chance: String,
    pub overflow: String,
    pub convention: String,
    /// Which risks the simulation lets move together, or that it draws them all independently.
    pub dependence: String,
    pub horizon: String,
    pub bruto_netto: String,
    pub segments_note: String,
    pub tail_note: String,
    /// The placeholders, counted but not named; empty when there are none.
    pub placeholders: String,
}

pub fn facts(results: &Results, lang: Lang) -> Facts {
    let h = &results.headline;
    let c = certainty_label(results);
    let (expected, at) = (lang.pick("verwacht", "expected"), lang.pick("bij", "at"));
    let hz = &results.horizon;
    Facts {
        // The simulation's precision is not the spread of the risks: it belongs with the method
        // (and the percentile table), not in the headline a board member reads.
        required: format!(
            "{} {} ({c} {}): {}",
            Figure::Required.name(lang),
            h.year,
            lang.pick("zekerheid", "certainty"),
            euro(h.required.value),
        ),
        available: format!(
            "{}: {} ({} {})",
            Figure::Available.name(lang),
            euro(h.available),
            lang.pick("plafond", "cap"),
            euro(h.cap)
        ),
        ratio: format!(
            "{}: {}; {}: {}",
            Figure::Ratio.name(lang),
            ratio_text(h.ratio, h.grade, lang),
            lang.pick("met de reserve op het plafond", "with the reserve at its cap"),
            ratio_text(h.ratio_at_cap, h.grade_at_cap, lang)
        ),
        expected: format!(
            "{} {}: {} ({}: {}); {} {}; {} {}",
            Figure::ExpectedRiskAmount.name(lang),
            h.year,
            euro(h.expected_risk_amount),
            lang.pick("gewogen risico's in het register voor dat jaar", "weighted risks in the register for that year"),
            euro(h.weighted_register),
            lang.pick("standaardafwijking", "standard deviation"),
            euro(h.risk_amount_sd),
            // Not every impact has a maximum: say where the largest amount was taken.
            lang.pick(
                "som van de maxima (lognormale impacts en frequenties op hun 99,9e percentiel)",
                "sum of maxima (lognormal impacts and frequencies at their 99.9th percentile)"
            ),
            euro(h.sum_of_maxima)
        ),
        chance: format!(
            "{} {}: {}; {}: {}",
            Figure::ChanceReserveShort.name(lang),
            h.year,
            chance(h.p_reserve_short),
            lang.pick("met de reserve op het plafond", "with the reserve at its cap"),
            chance(h.p_reserve_short_at_cap)
        ),
        // Two figures with two names: what exceeds the reserve, and what the municipalities pay in
        // the year (that overflow plus topping the reserve up), the figure of the per-year and
        // per-municipality tables and charts.
        overflow: format!(
            "{} {}: {} {expected}, {} {at} {c}; {} {} ({}): {} {expected}, {} {at} {c}",
            Figure::Overflow.name(lang),
            h.year,
            euro(h.overflow_mean),
            euro(h.overflow_at_certainty),
            Figure::ExtraContribution.lower(lang),
            h.year,
            // Under the GR's rule: with topping up, the municipalities also refill the reserve.
            if results.years.first().is_some_and(|y| y.replenishment_mean > 0.0) {
                lang.pick("overloop plus aanvulling van de reserve", "overflow plus topping the reserve up")
            } else {
                lang.pick("de overloop; de reserve wordt niet aangevuld", "the overflow; the reserve is not topped up")
            },
            euro(results.years.first().map_or(0.0, |y| y.contribution_mean)),
            euro(results.years.first().map_or(0.0, |y| y.contribution_at_certainty)),
        ),
        convention: grade::convention(lang).to_string(),
        dependence: dependence(results, lang),
        // A total over the years rests on an assumption the reader must see beside it.
        horizon: format!(
            "{} {}–{}: {} {expected}, {} {at} {c} ({}); {}: {}",
            lang.pick("Extra bijdrage over", "Extra contribution over"),
            hz.first,
            hz.last,
            euro(hz.contribution.mean),
            euro(hz.contribution.at_certainty),
            crate::vocabulary::horizon_assumption(lang),
            lang.pick("kans dat de reserve in minstens één jaar tekortschiet", "chance the reserve falls short in at least one year"),
            chance(hz.p_reserve_short_any_year)
        ),
        bruto_netto: results.bruto_netto.as_ref().map_or_else(String::new, |bn| {
            if bn.bruto.mean == bn.netto.mean && bn.bruto.at_certainty == bn.netto.at_certainty {
                return format!(
                    "{} {}: {expected} {}, {at} {c} {}",
                    lang.pick(
                        "Bruto en netto vallen samen, omdat geen maatregel in het register een gekwantificeerd effect heeft; beide in",
                        "Bruto and netto coincide, because no measure in the register has a quantified effect; both in"
                    ),
                    h.year,
                    euro(bn.netto.mean),
                    euro(bn.netto.at_certainty)
                );
            }
            format!(
                "{} {}: {expected} {}, {at} {c} {}; {} {}: {expected} {}, {at} {c} {}",
                lang.pick("Bruto (zonder maatregelen)", "Bruto (before measures)"),
                h.year,
                euro(bn.bruto.mean),
                euro(bn.bruto.at_certainty),
                lang.pick("netto (na getroffen maatregelen)", "netto (after measures in place)"),
                h.year,
                euro(bn.netto.mean),
                euro(bn.netto.at_certainty)
            )
        }),
        segments_note: lang
            .pick(
                "Elke groep is afzonderlijk gesimuleerd; de bedragen bij zekerheid tellen niet op tot het geheel, omdat risico's uit verschillende groepen zelden tegelijk optreden",
                "Each group is simulated on its own; the amounts at certainty do not add up to the whole, because risks in different groups rarely strike together",
            )
            .to_string(),
        placeholders: placeholders(results, lang),
        tail_note: format!(
            "{} {} {}",
            lang.pick(
                "in de zwaarste jaren: het gemiddelde bedrag van het risico in de",
                "in the worst years: the risk's mean amount in the"
            ),
            worst_share(results),
            lang.pick(
                "van de gesimuleerde jaren met het hoogste totaal, op of boven de benodigde weerstandscapaciteit; deze bedragen tellen op tot het gemiddelde van die jaren",
                "of the simulated years with the highest total, at or above the required capacity; these amounts add up to the mean of those years"
            )
        ),
    }
}

/// The assumption about risks striking together, in one sentence: independent, or the register's
/// correlations by group.
pub fn dependence(results: &Results, lang: Lang) -> String {
    let correlations = &results.manifest.correlations;
    if correlations.is_empty() {
        return lang
            .pick(
                "De risico's zijn onafhankelijk van elkaar gesimuleerd: het register noemt geen risico's die samen optreden (correlations)",
                "The risks are simulated independently of each other: the register names no risks that strike together (correlations)",
            )
            .to_string();
    }
    let groups: Vec<String> = correlations
        .iter()
        .map(|c| {
            let ids = crate::format::and_list(&c.risks, lang);
            let reason = c.reason.as_ref().map_or_else(String::new, |r| format!(" ({r})"));
            format!("{ids}: {}{reason}", decimal(c.rank, 2))
        })
        .collect();
    format!(
        "{}: {}",
        lang.pick(
            "De risico's zijn onafhankelijk van elkaar gesimuleerd, behalve deze, die samen optreden met de genoemde rangcorrelatie (elk risico houdt zijn eigen kans en bedrag)",
            "The risks are simulated independently of each other, except these, which strike together with the rank correlation given (each risk keeps its own probability and amount)"
        ),
        groups.join("; ")
    )
}

/// The terminal summary of a simulation.
#[allow(clippy::too_many_lines)]
pub fn render(results: &Results, register: &Register, lang: Lang) -> String {
    let m = &results.manifest;
    let h = &results.headline;
    let f = facts(results, lang);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "weerstand {} — {} {}–{}",
        m.version, m.organisation, m.horizon[0], m.horizon[1]
    );
    // A what-if says so before any figure.
    for line in whatif_lines(results, lang) {
        let _ = writeln!(s, "{line}");
    }
    let _ = writeln!(
        s,
        "register: {} (sha256 {})",
        m.register,
        &m.register_sha256[..16.min(m.register_sha256.len())]
    );
    let _ = writeln!(
        s,
        "{}: {} {}, seed {} ({} --seed {}), {}",
        lang.pick("simulatie", "simulation"),
        decimal(m.iterations as f64, 0),
        lang.pick("iteraties", "iterations"),
        m.seed,
        lang.pick("herhaal met", "repeat with"),
        m.seed,
        m.basis.name()
    );
    if let Some(p) = &m.precision {
        let _ = writeln!(s, "{}", crate::describe::precision(p, lang));
    }
    s.push('\n');
    for line in [
        &f.required,
        &f.available,
        &f.ratio,
        &f.expected,
        &f.chance,
        &f.overflow,
        &f.convention,
        &f.dependence,
    ] {
        let _ = writeln!(s, "{line}");
    }

    let _ = writeln!(
        s,
        "\n{} {}",
        lang.pick("Zekerheidspercentages", "Certainty levels"),
        h.year
    );
    let _ = writeln!(s, "{}", table::typed(&tables::percentiles(results, lang)));

    let _ = writeln!(
        s,
        "\n{} {}–{}",
        lang.pick("Per jaar", "Per year"),
        results.horizon.first,
        results.horizon.last
    );
    let _ = writeln!(s, "{}", table::typed(&tables::years(results, lang)));
    let _ = writeln!(s, "{}", f.horizon);

    let _ = writeln!(
        s,
        "\n{}",
        lang.pick(
            "Extra bijdrage per gemeente (verdeelsleutel)",
            "Extra contribution per municipality (verdeelsleutel)"
        )
    );
    let _ = writeln!(s, "{}", table::typed(&tables::municipalities(results, lang)));

    if let Some(segments) = tables::segments(results, register, lang) {
        let _ = writeln!(
            s,
            "\n{} {} ({})",
            lang.pick("Per categorie en risicosoort", "Per category and risk type"),
            h.year,
            f.segments_note
        );
        let _ = writeln!(s, "{}", table::typed(&segments));
    }

    let _ = writeln!(
        s,
        "\n{} {} ({})",
        lang.pick(
            "Grootste bijdragen aan de benodigde weerstandscapaciteit",
            "Largest contributions to the required capacity"
        ),
        h.year,
        f.tail_note
    );
    // Narrow: the impact range and the weighted amount go first; the tail amount and share stay.
    let (largest, dropped) = table::typed_fitted(&tables::largest(results, register, lang), &[3, 4]);
    if let Some(line) = table::dropped_line(&dropped, lang) {
        let _ = writeln!(s, "{line}");
    }
    let _ = writeln!(s, "{largest}");
    if !f.placeholders.is_empty() {
        let _ = writeln!(s, "{}.", f.placeholders);
    }
    if !f.bruto_netto.is_empty() {
        let _ = writeln!(s, "\n{}", f.bruto_netto);
    }
    if let Some(line) = excluded_line(results, lang) {
        let _ = writeln!(s, "{line}");
    }
    s
}

/// `Niet meegeteld: 11 PM (T1-01, …)`, when risks were left out.
pub fn excluded_line(results: &Results, lang: Lang) -> Option<String> {
    if results.excluded.is_empty() {
        return None;
    }
    let pm: Vec<&str> = results
        .excluded
        .iter()
        .filter(|e| e.reason == ExclusionReason::Pm)
        .map(|e| e.id.as_str())
        .collect();
    let retired: Vec<&str> = results
        .excluded
        .iter()
        .filter(|e| e.reason == ExclusionReason::Retired)
        .map(|e| e.id.as_str())
        .collect();
    Some(format!(
        "{}: {} PM ({}){}",
        lang.pick("Niet meegeteld", "Not counted"),
        pm.len(),
        pm.join(", "),
        if retired.is_empty() {
            String::new()
        } else {
            format!(
                "; {} {} ({})",
                retired.len(),
                lang.pick("geen risico meer", "retired"),
                retired.join(", ")
            )
        }
    ))
}

/// The placeholders in one sentence: how many, their weighted total and their share of the worst
/// years; empty when the register has none.
pub fn placeholders(results: &Results, lang: Lang) -> String {
    let list: Vec<_> = results.contributions.iter().filter(|c| c.placeholder).collect();
    if list.is_empty() {
        return String::new();
    }
    let weighted: f64 = list.iter().map(|c| c.weighted).sum();
    let tail: f64 = list.iter().map(|c| c.share_of_worst_years).sum();
    format!(
        "{} {} {}: {} {} {} {} {}",
        lang.pick("Daarnaast telt het register", "Besides, the register counts"),
        list.len(),
        lang.pick(
            "plaatshouders mee voor risico's die het risicomodel kwantificeert maar de bron niet bij naam noemt",
            "placeholders for risks that the risk model quantifies but the source does not name"
        ),
        lang.pick("samen gewogen", "together weighted"),
        euro(weighted),
        lang.pick("en", "and"),
        percent_fixed(tail, 1),
        lang.pick(
            "van het bedrag in de zwaarste jaren; ze tellen mee in alle bedragen",
            "of the amount in the worst years; they count in every amount"
        )
    )
}
