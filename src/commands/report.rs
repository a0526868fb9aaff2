//! `weerstand report FILE --out DIR`: the whole job, from register to publishable paragraph.

use super::simulate::settings;
use super::{Env, note_warnings, prepare};
use crate::cli::{PrecisionArgs, ReportArgs, RunArgs, ScenarioArgs};
use crate::error::{Error, Outcome};
use crate::output::emit;
use crate::report;
use crate::source::{ReadError, read_text};
use crate::summary;
use std::io::Write;
use std::path::Path;

pub fn run(
    env: &Env,
    path: &Path,
    overlay: &ScenarioArgs,
    (args, precision): (&RunArgs, &PrecisionArgs),
    output: &ReportArgs,
    out: &mut dyn Write,
) -> Outcome {
    let lang = env.lang;
    let out_dir = output.out.as_path();
    let template = match &output.template {
        Some(t) => Some(read_text(t).map_err(|e| {
            let why = match e {
                ReadError::Io(e) => e.to_string(),
                ReadError::TooLarge(_) => lang
                    .pick(
                        "groter dan 16 MiB; weerstand leest sjablonen tot 16 MiB",
                        "larger than 16 MiB; weerstand reads templates up to 16 MiB",
                    )
                    .to_string(),
                ReadError::NotUtf8 { line, column } => {
                    format!("{} {line}:{column}", lang.pick("geen UTF-8 op", "not UTF-8 at"))
                }
            };
            Error::Usage(format!(
                "{}: {}: {why}",
                lang.pick("fout: kan het sjabloon niet lezen", "error: cannot read the template"),
                t.display()
            ))
        })?),
        None => None,
    };
    let mut prepared = prepare(env, path, overlay)?;
    note_warnings(&prepared, overlay, lang);
    // Refused before the simulation, not after: an input inside the folder that is replaced whole.
    let mut inputs = prepared.inputs.files.clone();
    inputs.extend(output.template.iter().cloned());
    super::check_out(Some(out_dir), &inputs, lang)?;
    let date = prepared.register.metadata.date.unwrap_or(env.today);
    if !prepared.register.is_quantified() {
        return qualitative(&prepared, template.as_deref(), output, &inputs, date, lang, out);
    }
    let mut settings = settings(args);
    settings.keep_samples = true;
    let mut results = super::simulate::run_to_precision(
        &prepared.register,
        &settings,
        &prepared.provenance(lang),
        (args, precision),
        lang,
    )?;
    // The tornado: on the register's own iterations and seed (common random numbers).
    let m = &results.manifest;
    results.sensitivity = Some(crate::sensitivity::sensitivity(
        &prepared.register,
        m.basis,
        m.seed,
        m.iterations,
        m.certainty,
    ));
    emit(out, &summary::render(&results, &prepared.register, lang), lang)?;
    // The "what if" section: each scenario on top of this report's register, on the same draws.
    let mut whatif = Vec::new();
    for file in &output.compare {
        match prepared.inputs.scenario(file) {
            Ok((scenario, _)) => whatif.push(scenario),
            Err(e) => return Err(super::fail(&prepared.inputs.sources, e, lang)),
        }
    }
    let runs = if whatif.is_empty() {
        Vec::new()
    } else {
        let mut light = settings.clone();
        light.extras = false;
        // As many iterations as the register's own run (which `--precision` may have chosen).
        light.iterations = results.manifest.iterations;
        super::compare::runs(&prepared.inputs, &prepared.scenarios, &whatif, &light, args, lang)?
    };
    let report = report::build(&results, &prepared.register, lang, template.as_deref(), &runs, date)
        .map_err(|e| template_error(&e, output, lang))?;
    // One set: an interrupted run leaves the previous report whole, not half old and half new.
    let mut doc = super::simulate::results_document(&results, date);
    doc.texts = vec![
        ("risicoparagraaf.md".into(), report.markdown),
        ("risicoparagraaf.html".into(), report.html),
    ];
    doc.charts = report.charts;
    let files = super::export_files(&doc, lang)?;
    let written = super::write_files(out_dir, files, &inputs, lang)?;
    emit(out, &written_line(out_dir, written.len(), lang), lang)
}

/// A register that cannot be simulated (no risk with a probability and an amount): the paragraph in
/// the jaarverslag's layout, which says why, and nothing simulated beside it.
fn qualitative(
    prepared: &super::Prepared,
    template: Option<&str>,
    output: &ReportArgs,
    inputs: &[std::path::PathBuf],
    date: crate::date::Date,
    lang: crate::Lang,
    out: &mut dyn Write,
) -> Outcome {
    let register = &prepared.register;
    let report =
        report::jaarverslag::build(register, lang, template, date).map_err(|e| template_error(&e, output, lang))?;
    emit(
        out,
        &format!("{}\n", report::jaarverslag::no_simulation(register, lang)),
        lang,
    )?;
    // No simulation: the paragraph alone, through the same exporters.
    let doc = crate::export::Document {
        stem: String::new(),
        json: Vec::new(),
        manifest: Vec::new(),
        sheets: Vec::new(),
        charts: Vec::new(),
        texts: vec![
            ("risicoparagraaf.md".into(), report.markdown),
            ("risicoparagraaf.html".into(), report.html),
        ],
        created: date,
    };
    let files = super::export_files(&doc, lang)?;
    let out_dir = output.out.as_path();
    let written = super::write_files(out_dir, files, inputs, lang)?;
    emit(out, &written_line(out_dir, written.len(), lang), lang)
}

/// A template's mistake names the file it is in, and is an invalid input.
fn template_error(e: &report::ReportError, output: &ReportArgs, lang: crate::Lang) -> Error {
    match (e, &output.template) {
        (report::ReportError::Template { .. }, Some(file)) => {
            Error::Invalid(format!("{}: {}", file.display(), e.message(lang)))
        }
        (report::ReportError::Template { .. }, None) => Error::Invalid(e.message(lang)),
        _ => Error::Usage(e.message(lang)),
    }
}

/// `Rapport geschreven in DIR: DIR/risicoparagraaf.html (20 bestanden)`.
fn written_line(out_dir: &Path, files: usize, lang: crate::Lang) -> String {
    format!(
        "\n{} {}: {} ({files} {})\n",
        lang.pick("Rapport geschreven in", "Report written to"),
        out_dir.display(),
        out_dir.join("risicoparagraaf.html").display(),
        lang.pick("bestanden", "files")
    )
}
