//! `weerstand list FILE`: the risks as a table.

use super::{Env, note_warnings, prepare};
use crate::cli::ScenarioArgs;
use crate::cli::SortKey;
use crate::describe::{impact_text, occurrence_text};
use crate::error::Outcome;
use crate::format::euro;
use crate::lang::Lang;
use crate::model::{Basis, ProbabilityPer, Register, Risk, Status};
use crate::output::emit;
use crate::table;
use std::cmp::Ordering;
use std::io::Write;
use std::path::Path;

/// Longest title shown; the full text is in the register and the report.
const TITLE_WIDTH: usize = 60;

pub fn run(
    env: &Env,
    path: &Path,
    overlay: &ScenarioArgs,
    sort: SortKey,
    basis: Basis,
    out: &mut dyn Write,
) -> Outcome {
    let lang = env.lang;
    let prepared = prepare(env, path, overlay)?;
    note_warnings(&prepared, overlay, lang);
    if env.format == crate::cli::Format::Json {
        return crate::output::emit_json(out, &super::json_text(&json(&prepared.register, basis)), lang);
    }
    emit(out, &render(&prepared.register, sort, basis, lang), lang)
}

/// `list --format json`: every risk in file order, amounts in euros, probabilities as fractions.
fn json(register: &Register, basis: Basis) -> serde_json::Value {
    let risks: Vec<serde_json::Value> = register
        .risks
        .iter()
        .map(|r| {
            let (occurrence, impact) = r.effective(basis);
            let range = impact.amount_in(&register.drivers, 0).map(|d| d.range());
            serde_json::json!({
                "id": r.id,
                "title": r.title,
                "category": register.categories[r.category].id,
                "type": register.risk_types[r.risk_type].id,
                "status": r.status.name(),
                "borne_by": match r.borne_by {
                    crate::model::BorneBy::Regeling => "regeling",
                    crate::model::BorneBy::Deelnemers => "deelnemers",
                },
                "probability": match occurrence {
                    Some(crate::model::Occurrence::Probability(p)) => Some(p),
                    _ => None,
                },
                "frequency": match occurrence {
                    Some(crate::model::Occurrence::Frequency(f)) => Some(f),
                    _ => None,
                },
                "impact_low": range.map(|r| r.0),
                "impact_high": range.map(|r| r.1),
                "pm": !r.is_quantified() && r.is_the_regelings(),
                "weighted": register.weighted(r, basis),
            })
        })
        .collect();
    serde_json::json!({
        "basis": basis.name(),
        "year": register.horizon.first,
        "risks": risks,
        "weighted_total": register
            .risks
            .iter()
            .filter_map(|r| register.expected_in_year(r, 0, basis))
            .sum::<f64>(),
    })
}

/// The table and its total line.
pub fn render(register: &Register, sort: SortKey, basis: Basis, lang: Lang) -> String {
    let mut rows: Vec<(&Risk, Option<f64>)> = register
        .risks
        .iter()
        .map(|r| (r, register.weighted(r, basis)))
        .collect();
    let by_weight = |a: &Option<f64>, b: &Option<f64>| match (a, b) {
        (Some(a), Some(b)) => b.total_cmp(a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let status_rank = |s: Status| Status::ALL.iter().position(|x| *x == s);
    match sort {
        SortKey::File => {}
        SortKey::Weighted => rows.sort_by(|a, b| by_weight(&a.1, &b.1)),
        SortKey::Id => rows.sort_by(|a, b| a.0.id.cmp(&b.0.id)),
        SortKey::Category => rows.sort_by_key(|(r, _)| r.category),
        SortKey::Status => rows.sort_by(|a, b| {
            status_rank(a.0.status)
                .cmp(&status_rank(b.0.status))
                .then(by_weight(&a.1, &b.1))
        }),
    }
    let header = [
        "id",
        lang.pick("titel", "title"),
        lang.pick("categorie", "category"),
        lang.pick("soort", "type"),
        "status",
        lang.pick("kans", "probability"),
        lang.pick("impact per keer", "impact per event"),
        lang.pick("gewogen", "weighted"),
    ];
    let mut cells: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for (risk, weighted) in &rows {
        let (occurrence, impact) = risk.effective(basis);
        cells.push(vec![
            risk.id.clone(),
            table::truncate(&risk.title, TITLE_WIDTH),
            register.categories[risk.category].id.clone(),
            register.risk_types[risk.risk_type].id.clone(),
            risk.status.name().to_string(),
            occurrence.map_or_else(|| "–".to_string(), |o| occurrence_text(register, risk, o, lang)),
            if risk.status.is_active() {
                impact_text(register, &impact)
            } else {
                "–".into()
            },
            weighted.map_or_else(
                || {
                    if !risk.status.is_active() {
                        "–".into()
                    } else if !risk.is_the_regelings() {
                        lang.pick("deelnemers", "members").into()
                    } else {
                        "PM".into()
                    }
                },
                euro,
            ),
        ]);
    }
    // At a narrow terminal: category, type, status and impact go, in that order, and a line says so.
    let (t, dropped) = table::fitted(&header, &[5, 7], &cells, &[2, 3, 4, 6]);
    // A year's total counts only the risks that can occur in that year.
    let year = register.horizon.first;
    let later: Vec<&(&Risk, Option<f64>)> = rows
        .iter()
        .filter(|(r, w)| w.is_some() && r.first_year.is_some_and(|f| f > year))
        .collect();
    let total: f64 = rows
        .iter()
        .filter_map(|(r, _)| register.expected_in_year(r, 0, basis))
        .sum();
    let spread: Vec<String> = rows
        .iter()
        .filter(|(r, w)| {
            w.is_some() && r.probability_per == ProbabilityPer::Periode && r.first_year.is_none_or(|f| f <= year)
        })
        .map(|(r, _)| format!("{} (1/{})", r.id, register.years_open(r)))
        .collect();
    let basis_name = match basis {
        Basis::Bruto => "bruto",
        Basis::Netto => "netto",
        Basis::NettoWithPlanned => lang.pick("netto incl. geplande maatregelen", "netto incl. planned measures"),
    };
    let mut text = format!(
        "{t}\n{} ({basis_name}, {year}): {}",
        lang.pick("Totaal gewogen", "Total weighted"),
        euro(total)
    );
    if !dropped.is_empty() {
        text = format!(
            "{}\n{text}",
            match lang {
                Lang::Nl => format!(
                    "(smal venster: {} weggelaten; --format json toont alles)",
                    crate::describe::listing(&dropped, lang)
                ),
                Lang::En => format!(
                    "(narrow window: {} left out; --format json shows everything)",
                    crate::describe::listing(&dropped, lang)
                ),
            }
        );
    }
    if !later.is_empty() {
        let names: Vec<String> = later
            .iter()
            .map(|(r, _)| {
                format!(
                    "{} ({} {})",
                    r.id,
                    lang.pick("vanaf", "from"),
                    r.first_year.unwrap_or(year)
                )
            })
            .collect();
        let weighted: f64 = later.iter().filter_map(|(_, w)| *w).sum();
        text.push_str(&format!(
            "; {}: {} {}",
            lang.pick(
                "niet meegeteld, want pas later mogelijk",
                "not counted, as only possible later"
            ),
            names.join(", "),
            euro(weighted)
        ));
    }
    if !spread.is_empty() {
        text.push_str(&format!(
            "; {}: {}",
            lang.pick(
                "met hun kans over de hele periode verdeeld over de jaren",
                "with their probability over the whole period spread over the years"
            ),
            spread.join(", ")
        ));
    }
    text.push('\n');
    // The sentences around the table wrap at the same width as the table.
    match table::width() {
        Some(width) => text
            .lines()
            .flat_map(|line| {
                if line.starts_with(['┌', '│', '╞', '├', '└']) {
                    vec![line.to_string()]
                } else {
                    table::wrap_text(line, width)
                }
            })
            .map(|l| l + "\n")
            .collect(),
        None => text,
    }
}
