//! `weerstand compare FILE --scenario A.yaml --scenario B.yaml`: what-ifs side by side.

use super::simulate::{run_simulation, settings};
use super::{Env, fail, read_inputs};
use crate::chart;
use crate::cli::RunArgs;
use crate::compare::{self, Figures, Run};
use crate::error::{Error, Outcome};
use crate::inputs::Inputs;
use crate::lang::Lang;
use crate::output::emit;
use crate::scenario::Scenario;
use crate::table;
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
    if scenario_files.is_empty() && sets.is_empty() {
        return Err(Error::Usage(
            lang.pick(
                "geef minstens één --scenario of --set",
                "give at least one --scenario or --set",
            )
            .to_string(),
        ));
    }
    let (inputs, scenarios, _) = read_inputs(env, path, scenario_files, sets)?;
    super::check_out(out_dir, &inputs.files, lang)?;
    let mut settings = settings(args);
    settings.extras = false;
    settings.keep_samples = out_dir.is_some();
    let runs = runs(&inputs, &[], &scenarios, &settings, args, lang)?;
    emit(out, &render(&runs, lang), lang)?;
    if let Some(dir) = out_dir {
        // The register's date, for the workbook (never the clock's).
        let (base, _) = inputs.model(&[]).map_err(|e| fail(&inputs.sources, e, lang))?;
        // The base's tornado, on the comparison's own draws.
        let m = &runs[0].results.manifest;
        let sensitivity = crate::sensitivity::sensitivity(&base, m.basis, m.seed, m.iterations, m.certainty);
        let written = write(&runs, &sensitivity, base.date(), dir, &inputs.files, lang)?;
        emit(out, &super::written_line(&written, lang), lang)?;
    }
    Ok(())
}

/// Simulates the base (the register with `base` applied) and every scenario on top of it, with the
/// same settings (and so the same draws): [`compare::runs`] with this command line's simulation.
pub fn runs(
    inputs: &Inputs,
    base: &[Scenario],
    scenarios: &[Scenario],
    settings: &crate::sim::Settings,
    args: &RunArgs,
    lang: Lang,
) -> Outcome<Vec<Run>> {
    compare::runs(inputs, base, scenarios, lang, &mut |register, provenance| {
        run_simulation(register, settings, provenance, args, lang, None)
    })
    .map_err(|e| match e {
        compare::RunError::Input(e) => fail(&inputs.sources, e, lang),
        compare::RunError::Simulate(e) => e,
    })
}

/// The comparison in the terminal.
pub fn render(runs: &[Run], lang: Lang) -> String {
    let m = &runs[0].results.manifest;
    let mut text = format!(
        "{} — {} ({} {}, seed {})\n{}\n\n",
        lang.pick("Wat als", "What if"),
        m.organisation,
        crate::format::decimal(m.iterations as f64, 0),
        lang.pick("iteraties per scenario", "iterations per scenario"),
        m.seed,
        compare::crn_note(lang)
    );
    for run in &runs[1..] {
        text.push_str(&format!("• {}", run.name));
        if let Some(d) = &run.description {
            text.push_str(&format!(": {}", d.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
        text.push('\n');
    }
    let rows = compare::rows(runs, lang);
    // The scenarios beside the base, as many to a table as the terminal's width allows (all of
    // them when the output is a file or a pipe); names whole, wrapped where they must.
    let build = |scenarios: &[usize], make: fn(&[&str], &[usize]) -> comfy_table::Table| {
        let mut header = vec![String::new(), runs[0].name.clone()];
        for &k in scenarios {
            header.push(runs[k].name.clone());
            header.push("Δ".into());
        }
        let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let right: Vec<usize> = (1..header.len()).collect();
        let mut t = make(&header_refs, &right);
        for row in &rows {
            let mut cells = vec![row.label.clone(), table::glue(&row.values[0])];
            for &k in scenarios {
                cells.push(table::glue(&row.values[k]));
                cells.push(table::glue(&row.deltas[k]));
            }
            t.add_row(cells);
        }
        t
    };
    let all: Vec<usize> = (1..runs.len()).collect();
    let per_table = match table::width() {
        None => all.len().max(1),
        Some(limit) => (1..=all.len())
            .rev()
            .find(|&n| {
                all.chunks(n)
                    .all(|c| table::rendered_width(&build(c, table::natural)) <= limit)
            })
            .unwrap_or(1),
    };
    for chunk in all.chunks(per_table.max(1)) {
        text.push_str(&format!("\n{}\n", build(chunk, table::new)));
    }
    text
}

fn write(
    runs: &[Run],
    sensitivity: &crate::sensitivity::Sensitivity,
    date: crate::date::Date,
    dir: &Path,
    inputs: &[PathBuf],
    lang: Lang,
) -> Outcome<Vec<PathBuf>> {
    let fail = Error::Usage;
    let figures: Vec<Figures> = runs.iter().map(Figures::of).collect();
    let json = serde_json::json!({
        "manifest": runs[0].results.manifest,
        "note": compare::crn_note(lang),
        "runs": figures,
        "sensitivity": sensitivity,
    });
    let _numbers = crate::format::style(lang);
    let tornado = chart::tornado::Tornado {
        bars: chart::tornado::bars(sensitivity, lang),
        year: sensitivity.year,
        certainty: sensitivity.certainty,
        lang,
    };
    let doc = crate::export::Document {
        stem: "vergelijking".into(),
        json: crate::export::json::pretty(&json),
        manifest: crate::export::json::manifest(&json),
        sheets: vec![
            crate::export::sheets::comparison(&figures),
            crate::export::sheets::sensitivity(sensitivity),
            crate::export::sheets::sensitivity_drivers(sensitivity),
        ],
        charts: chart::render_all(vec![chart::draw(&compare::chart(runs, lang)), chart::draw(&tornado)])
            .map_err(fail)?,
        texts: Vec::new(),
        created: date,
    };
    super::write_files(dir, super::export_files(&doc, lang)?, inputs, lang)
}
