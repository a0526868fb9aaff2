//! The simulation's summary in words and tables, as printed by `simulate`: the same figures, in the
//! same words, as the paragraph of the report.

use crate::format::{chance, decimal, euro, percent, percent_fixed};
use crate::grade;
use crate::lang::Lang;
use crate::model::Register;
use crate::results::{ExclusionReason, Results};
use crate::table;
use std::fmt::Write as _;

/// How many risks the top list shows.
pub const TOP: usize = 10;

/// `90%`: the zekerheidspercentage as printed.
pub fn certainty_label(results: &Results) -> String {
    percent(results.manifest.certainty, 1)
}

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
    format!(
        "{r} ({} {}, {})",
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
            lang.pick("Benodigde weerstandscapaciteit", "Required risk-bearing capacity"),
            h.year,
            lang.pick("zekerheid", "certainty"),
            euro(h.required.value),
        ),
        available: format!(
            "{}: {} ({} {})",
            lang.pick("Beschikbare weerstandscapaciteit (algemene reserve)", "Available capacity (general reserve)"),
            euro(h.available),
            lang.pick("plafond", "cap"),
            euro(h.cap)
        ),
        ratio: format!(
            "{}: {}; {}: {}",
            lang.pick("Ratio weerstandsvermogen", "Ratio"),
            ratio_text(h.ratio, h.grade, lang),
            lang.pick("met de reserve op het plafond", "with the reserve at its cap"),
            ratio_text(h.ratio_at_cap, h.grade_at_cap, lang)
        ),
        expected: format!(
            "{} {}: {} ({}: {}); {} {}; {} {}",
            lang.pick("Verwacht risicobedrag", "Expected risk amount"),
            h.year,
            euro(h.expected),
            lang.pick("gewogen risico's in het register voor dat jaar", "weighted risks in the register for that year"),
            euro(h.weighted_register),
            lang.pick("standaardafwijking", "standard deviation"),
            euro(h.sd),
            // Not every impact has a maximum: say where the largest amount was taken.
            lang.pick(
                "som van de maxima (lognormale impacts en frequenties op hun 99,9e percentiel)",
                "sum of maxima (lognormal impacts and frequencies at their 99.9th percentile)"
            ),
            euro(h.sum_of_maxima)
        ),
        chance: format!(
            "{}: {}; {}: {}",
            lang.pick("Kans dat het risicobedrag de reserve overschrijdt", "Chance the risk amount exceeds the reserve"),
            chance(h.p_exceeds_balance),
            lang.pick("het plafond", "the cap"),
            chance(h.p_exceeds_cap)
        ),
        // Two figures with two names: what exceeds the reserve, and what the municipalities pay in
        // the year (that overflow plus topping the reserve up), the figure of the per-year and
        // per-municipality tables and charts.
        overflow: format!(
            "{}: {} {expected}, {} {at} {c}; {} {} ({}): {} {expected}, {} {at} {c}",
            lang.pick("Overloop boven de reserve", "Overflow beyond the reserve"),
            euro(h.overflow_mean),
            euro(h.overflow_at_certainty),
            lang.pick("extra bijdrage gemeenten", "extra contribution of the municipalities"),
            h.year,
            lang.pick("overloop plus aanvulling van de reserve", "overflow plus topping the reserve up"),
            euro(results.years.first().map_or(0.0, |y| y.contribution_mean)),
            euro(results.years.first().map_or(0.0, |y| y.contribution_at_certainty)),
        ),
        convention: grade::convention(lang).to_string(),
        // A total over the years rests on an assumption the reader must see beside it.
        horizon: format!(
            "{} {}–{}: {} {expected}, {} {at} {c} ({}); {}: {}",
            lang.pick("Extra bijdrage over", "Extra contribution over"),
            hz.first,
            hz.last,
            euro(hz.contribution.mean),
            euro(hz.contribution.at_certainty),
            lang.pick(
                "aanname: een incidenteel risico kan elk jaar opnieuw optreden, met zijn kans per jaar (een risico met een kans per periode hooguit één keer); een structureel risico kost na het jaar waarin het optreedt elk jaar opnieuw",
                "assuming an incidental risk can strike again every year, with its probability per year (a risk with a probability per period at most once); a structural risk costs again every year after the one it occurs in"
            ),
            lang.pick("kans dat de reserve in minstens één jaar tekortschiet", "chance the reserve falls short in at least one year"),
            chance(hz.p_overflow_any_year)
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
                "van de gesimuleerde jaren met het hoogste totaal, op of boven de benodigde capaciteit; deze bedragen tellen op tot het gemiddelde van die jaren",
                "of the simulated years with the highest total, at or above the required capacity; these amounts add up to the mean of those years"
            )
        ),
    }
}

/// The terminal summary of a simulation.
#[allow(clippy::too_many_lines)]
pub fn render(results: &Results, register: &Register, lang: Lang) -> String {
    let m = &results.manifest;
    let h = &results.headline;
    let c = certainty_label(results);
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
    s.push('\n');
    for line in [
        &f.required,
        &f.available,
        &f.ratio,
        &f.expected,
        &f.chance,
        &f.overflow,
        &f.convention,
    ] {
        let _ = writeln!(s, "{line}");
    }

    let _ = writeln!(
        s,
        "\n{} {}",
        lang.pick("Zekerheidspercentages", "Certainty levels"),
        h.year
    );
    let mut t = table::new(
        &[
            lang.pick("zekerheid", "certainty"),
            lang.pick("bedrag", "amount"),
            lang.pick("95%-interval", "95% interval"),
        ],
        &[0, 1, 2],
    );
    for row in percentile_rows(results) {
        t.add_row(vec![
            if row.chosen {
                format!("{} ◄", row.label)
            } else {
                row.label
            },
            row.amount,
            row.interval,
        ]);
    }
    let _ = writeln!(s, "{t}");

    let _ = writeln!(
        s,
        "\n{} {}–{}",
        lang.pick("Per jaar", "Per year"),
        results.horizon.first,
        results.horizon.last
    );
    let header_at = format!("{} {c}", lang.pick("risicobedrag", "risk amount"));
    let contribution_at = format!("{} {c}", lang.pick("extra bijdrage", "extra contribution"));
    let mut t = table::new(
        &[
            lang.pick("jaar", "year"),
            lang.pick("verwacht risicobedrag", "expected risk amount"),
            &header_at,
            lang.pick("reserve begin (gem.)", "reserve at start (mean)"),
            lang.pick("kans reserve ontoereikend", "chance reserve falls short"),
            lang.pick("extra bijdrage verwacht", "extra contribution expected"),
            &contribution_at,
        ],
        &[1, 2, 3, 4, 5, 6],
    );
    for y in &results.years {
        t.add_row(vec![
            y.year.to_string(),
            euro(y.loss.mean),
            euro(y.loss.at_certainty.value),
            euro(y.reserve_start_mean),
            chance(y.p_overflow),
            euro(y.contribution_mean),
            euro(y.contribution_at_certainty),
        ]);
    }
    let _ = writeln!(s, "{t}");
    let _ = writeln!(s, "{}", f.horizon);

    let hz = &results.horizon;
    let _ = writeln!(
        s,
        "\n{}",
        lang.pick(
            "Extra bijdrage per gemeente (verdeelsleutel)",
            "Extra contribution per municipality (verdeelsleutel)"
        )
    );
    let first_year = h.year;
    let col_year_mean = format!("{first_year} {}", lang.pick("verwacht", "expected"));
    let col_year_at = format!("{first_year} {c}");
    let col_h_mean = format!("{}–{} {}", hz.first, hz.last, lang.pick("verwacht", "expected"));
    let col_h_at = format!("{}–{} {c}", hz.first, hz.last);
    let mut t = table::new(
        &[
            lang.pick("gemeente", "municipality"),
            lang.pick("aandeel", "share"),
            &col_year_mean,
            &col_year_at,
            &col_h_mean,
            &col_h_at,
        ],
        &[1, 2, 3, 4, 5],
    );
    for mu in &results.municipalities {
        let y0 = mu.per_year.first();
        t.add_row(vec![
            mu.name.clone(),
            percent(mu.share, 2),
            euro(y0.map_or(0.0, |y| y.mean)),
            euro(y0.map_or(0.0, |y| y.at_certainty)),
            euro(mu.horizon.mean),
            euro(mu.horizon.at_certainty),
        ]);
    }
    let _ = writeln!(s, "{t}");

    if let Some(segments) = &results.segments {
        let _ = writeln!(
            s,
            "\n{} {} ({})",
            lang.pick("Per categorie en risicosoort", "Per category and risk type"),
            first_year,
            f.segments_note
        );
        let seg_at = format!("{} {c}", lang.pick("bedrag bij", "amount at"));
        let header = [
            lang.pick("groep", "group"),
            lang.pick("risico's", "risks"),
            lang.pick("verwacht", "expected"),
            &seg_at,
        ];
        let mut t = table::new(&header, &[1, 2, 3]);
        for (list, labels) in [
            (&segments.categories, &register.categories),
            (&segments.types, &register.risk_types),
        ] {
            for (seg, label) in list.iter().zip(labels.iter()) {
                t.add_row(vec![
                    label.display(lang).to_string(),
                    seg.risks.to_string(),
                    euro(seg.mean),
                    euro(seg.at_certainty),
                ]);
            }
        }
        let _ = writeln!(s, "{t}");
    }

    let _ = writeln!(
        s,
        "\n{} {} ({})",
        lang.pick(
            "Grootste bijdragen aan de benodigde capaciteit",
            "Largest contributions to the required capacity"
        ),
        first_year,
        f.tail_note
    );
    let mut t = table::new(
        &[
            "#",
            "id",
            lang.pick("titel", "title"),
            lang.pick("gewogen", "weighted"),
            lang.pick("aandeel verwachting", "share of expectation"),
            lang.pick("in de zwaarste jaren", "in the worst years"),
            lang.pick("aandeel", "share"),
        ],
        &[0, 3, 4, 5, 6],
    );
    for (rank, contribution) in top(results).iter().enumerate() {
        t.add_row(vec![
            (rank + 1).to_string(),
            contribution.id.clone(),
            table::truncate(&contribution.title, 50),
            euro(contribution.weighted),
            percent_fixed(contribution.share_of_mean, 1),
            euro(contribution.tail_mean),
            percent_fixed(contribution.share_of_tail, 1),
        ]);
    }
    let _ = writeln!(s, "{t}");
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

/// A row of the percentile table, formatted.
#[derive(Clone, Debug, serde::Serialize)]
pub struct PercentileRow {
    pub label: String,
    pub amount: String,
    pub interval: String,
    pub chosen: bool,
}

pub fn percentile_rows(results: &Results) -> Vec<PercentileRow> {
    results
        .first_year
        .percentiles
        .iter()
        .map(|p| PercentileRow {
            label: percent(p.p, 1),
            amount: euro(p.value),
            interval: format!("{} – {}", euro(p.ci_low), euro(p.ci_high)),
            chosen: (p.p - results.manifest.certainty).abs() < 1e-12,
        })
        .collect()
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

/// The named risks with the largest tail contribution, largest first (ties by id).
/// The named risks that weigh most in the worst years; placeholders are counted in every amount
/// but never listed as risks ([`placeholders`] sums them).
pub fn top(results: &Results) -> Vec<&crate::results::Contribution> {
    let mut list: Vec<_> = results.contributions.iter().filter(|c| !c.placeholder).collect();
    list.sort_by(|a, b| b.tail_mean.total_cmp(&a.tail_mean).then_with(|| a.id.cmp(&b.id)));
    list.truncate(TOP);
    list
}

/// The placeholders in one sentence: how many, their weighted total and their share of the worst
/// years; empty when the register has none.
pub fn placeholders(results: &Results, lang: Lang) -> String {
    let list: Vec<_> = results.contributions.iter().filter(|c| c.placeholder).collect();
    if list.is_empty() {
        return String::new();
    }
    let weighted: f64 = list.iter().map(|c| c.weighted).sum();
    let tail: f64 = list.iter().map(|c| c.share_of_tail).sum();
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
