//! `weerstand sweep FILE --set PATH=FROM..TO:STEP`: the figures along one parameter.

use super::simulate::{run_simulation, settings};
use super::{Env, fail, read_inputs};
use crate::chart;
use crate::cli::RunArgs;
use crate::diagnostic::{Diagnostic, render_all};
use crate::error::{Error, Outcome};
use crate::format::{chance, decimal, euro};
use crate::lang::Lang;
use crate::output::emit;
use crate::problem::Problem;
use crate::results::Manifest;
use crate::source::Span;
use crate::sweep::{Point, THRESHOLD, crossing, range};
use crate::table;
use crate::vocabulary::Figure;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(
    env: &Env,
    path: &Path,
    scenario_files: &[PathBuf],
    sets: &[String],
    args: &RunArgs,
    out_dir: Option<&Path>,
    out: &mut dyn Write,
) -> Outcome {
    let lang = env.lang;
    let ranged: Vec<&String> = sets
        .iter()
        .filter(|s| s.split_once('=').is_some_and(|(_, v)| v.contains("..")))
        .collect();
    if ranged.len() != 1 {
        return Err(Error::Usage(
            lang.pick(
                "geef precies één --set PAD=VAN..TOT:STAP",
                "give exactly one --set PATH=FROM..TO:STEP",
            )
            .to_string(),
        ));
    }
    let fixed: Vec<String> = sets.iter().filter(|s| !ranged.contains(s)).cloned().collect();
    let (path_text, range_text) = ranged[0].split_once('=').expect("checked");
    let (mut inputs, scenarios, _) = read_inputs(env, path, scenario_files, &fixed)?;
    super::check_out(out_dir, &inputs.files, lang)?;
    let Some(values) = range(range_text) else {
        let id = inputs.sources.add(format!("--set {path_text}"), range_text.to_string());
        let span = Span {
            source: id,
            line: 1,
            column: 1,
            start: 0,
            len: range_text.len(),
        };
        let d = Diagnostic::error(
            span,
            Problem::BadRange {
                text: range_text.to_string(),
            },
        );
        return Err(Error::Invalid(render_all(&[d], &inputs.sources, lang)));
    };
    // The parameter as a scenario of one change, its value replaced at every point.
    let mut parameter = inputs
        .sets(&[format!("{path_text}=0")])
        .map_err(|e| fail(&inputs.sources, e, lang))?;
    parameter.name = path_text.trim().to_string();
    let mut settings = settings(args);
    settings.extras = false;
    // A point shows the benodigde capaciteit at the zekerheid alone: the table's other percentiles
    // are left out, so each year's read looks for one percentile instead of eight.
    settings.percentiles = Vec::new();
    let swept = crate::sweep::run(
        &inputs,
        &scenarios,
        &mut parameter,
        &values,
        &settings,
        lang,
        &mut |register, provenance, shared| run_simulation(register, &settings, provenance, args, lang, Some(shared)),
    )
    .map_err(|e| match e {
        crate::compare::RunError::Input(e) => fail(&inputs.sources, e, lang),
        crate::compare::RunError::Simulate(e) => e,
    })?;
    let crate::sweep::Swept {
        points,
        manifest,
        unit,
        described,
        date,
    } = swept;
    let crossing = crossing(&points);
    let parameter_name = path_text.trim();
    emit(
        out,
        &render(parameter_name, &described, &points, crossing, &settings, unit, lang),
        lang,
    )?;
    if let Some(dir) = out_dir {
        let doc = document(parameter_name, described, &points, &manifest, date, lang)?;
        let written = super::write_files(dir, super::export_files(&doc, lang)?, &inputs.files, lang)?;
        emit(out, &super::written_line(&written, lang), lang)?;
    }
    Ok(())
}

/// `unit` is the register's amount unit: the values are written as in the file, so a reader must know it.
fn render(
    parameter: &str,
    described: &crate::scenario::parameter::Parameter,
    points: &[Point],
    crossing: Option<f64>,
    settings: &crate::sim::Settings,
    unit: f64,
    lang: Lang,
) -> String {
    let mut text = format!(
        "{} {parameter}: {} {} ({} {}, seed {})\n",
        lang.pick("Doorrekening van", "Sweep of"),
        points.len(),
        lang.pick("punten", "points"),
        decimal(settings.iterations as f64, 0),
        lang.pick("iteraties per punt", "iterations per point"),
        settings.seed
    );
    // The value as written in the file (for the next --set) and what it means: an amount in euros,
    // a percentage; never a bare 4.000 that is € 4 miljoen in a register kept in € 1.000.
    let amount = matches!(described.unit, crate::scenario::parameter::Unit::Euro { .. });
    if amount && unit != 1.0 {
        text.push_str(&format!(
            "{} {}); {}\n",
            lang.pick(
                "De eerste kolom staat in de eenheden van het registerbestand (bedragen x",
                "The first column is in the register file's units (amounts x"
            ),
            euro(unit),
            lang.pick("de tweede zegt wat dat is.", "the second says what that is.")
        ));
    }
    let t = crate::tables::Table {
        columns: vec![
            lang.pick("in het bestand", "in the file").to_string(),
            described.label.clone(),
            Figure::ExpectedRiskAmount.name(lang).to_string(),
            Figure::Required.name(lang).to_string(),
            Figure::ChanceReserveShort.name(lang).to_string(),
            format!(
                "{} {}",
                Figure::ExtraContribution.name(lang),
                lang.pick("over de horizon", "over the horizon")
            ),
            Figure::Ratio.name(lang).to_string(),
            lang.pick("Klasse", "Grade").to_string(),
        ],
        rows: points
            .iter()
            .map(|p| {
                use crate::tables::Cell;
                vec![
                    Cell::Text(decimal(p.value, 4)),
                    Cell::Text(described.value(p.value)),
                    Cell::Amount(p.expected_risk_amount),
                    Cell::Amount(p.required),
                    Cell::Chance(p.p_reserve_short),
                    Cell::Amount(p.contribution_mean),
                    Cell::Text(crate::format::ratio(p.ratio)),
                    Cell::Text(p.grade.letter().to_string()),
                ]
            })
            .collect(),
        chosen: None,
    };
    let t = table::typed(&t);
    text.push_str(&format!("{t}\n"));
    let lo = points.iter().map(|p| p.p_reserve_short).fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|p| p.p_reserve_short)
        .fold(f64::NEG_INFINITY, f64::max);
    text.push_str(&match (crossing, lang) {
        (Some(x), Lang::Nl) => format!(
            "De kans dat de reserve in het eerste jaar tekortschiet is 10% bij {}: {} ({parameter} = {}, lineair tussen de punten).\n",
            described.full(),
            described.value(x),
            decimal(x, 3)
        ),
        (Some(x), Lang::En) => format!(
            "The chance that the reserve falls short in the first year is 10% at {}: {} ({parameter} = {}, linear between the points).\n",
            described.full(),
            described.value(x),
            decimal(x, 3)
        ),
        (None, _) if chance(lo) == chance(hi) => format!(
            "{} {}{}\n",
            lang.pick("De kans dat de reserve in het eerste jaar tekortschiet is over het hele bereik", "The chance that the reserve falls short in the first year is, over the whole range,"),
            chance(lo),
            lang.pick(": de grens van 10% valt erbuiten.", ": 10% is outside it."),
        ),
        (None, Lang::Nl) => format!(
            "De kans dat de reserve in het eerste jaar tekortschiet ligt over het hele bereik tussen {} en {}: de grens van 10% valt erbuiten.\n",
            chance(lo),
            chance(hi)
        ),
        (None, Lang::En) => format!(
            "The chance that the reserve falls short in the first year lies between {} and {} over the whole range: 10% is outside it.\n",
            chance(lo),
            chance(hi)
        ),
    });
    text
}

/// The sweep's document: doorrekening.json, its table and its chart.
fn document(
    parameter: &str,
    described: crate::scenario::parameter::Parameter,
    points: &[Point],
    manifest: &Manifest,
    date: crate::date::Date,
    lang: Lang,
) -> Outcome<crate::export::Document> {
    let fail = Error::Usage;
    let crossing = crossing(points);
    let json = serde_json::json!({
        "manifest": manifest,
        "parameter": parameter,
        "parameter_label": described.full(),
        "threshold": THRESHOLD,
        "crossing": crossing,
        "points": points,
    });
    let certainty = crate::format::percent(manifest.certainty, 1);
    let rendered = chart::render(&chart::sweep::Sweep {
        parameter: described,
        values: points.iter().map(|p| p.value).collect(),
        expected: points.iter().map(|p| p.expected_risk_amount).collect(),
        required: points.iter().map(|p| p.required).collect(),
        reserve: points.iter().map(|p| p.reserve).collect(),
        certainty,
        crossing,
        lang,
    })
    .map_err(fail)?;
    Ok(crate::export::Document {
        stem: "doorrekening".into(),
        json: crate::export::json::pretty(&json),
        manifest: crate::export::json::manifest(&json),
        sheets: vec![crate::export::sheets::sweep(points)],
        charts: vec![rendered],
        texts: Vec::new(),
        created: date,
    })
}
