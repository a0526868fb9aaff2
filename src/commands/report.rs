//! `weerstand report FILE --out DIR`: the whole job, from register to publishable paragraph.

use super::simulate::{run_simulation, settings, write_results};
use super::{Env, load, note_warnings};
use crate::app::{EXIT_INVALID, EXIT_USAGE, emit};
use crate::cli::RunArgs;
use crate::export::write_atomic;
use crate::report;
use crate::sim::Provenance;
use crate::source::{ReadError, read_text};
use crate::summary;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn run(
    env: &Env,
    path: &Path,
    args: &RunArgs,
    out_dir: &Path,
    template: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), i32> {
    let lang = env.lang;
    let template = match template {
        Some(t) => Some(read_text(t).map_err(|e| {
            let why = match e {
                ReadError::Io(e) => e.to_string(),
                ReadError::TooLarge(bytes) => format!("{bytes} bytes"),
                ReadError::NotUtf8 { line, column } => {
                    format!("{} {line}:{column}", lang.pick("geen UTF-8 op", "not UTF-8 at"))
                }
            };
            eprintln!(
                "{}: {}: {why}",
                lang.pick("fout: kan het sjabloon niet lezen", "error: cannot read the template"),
                t.display()
            );
            EXIT_USAGE
        })?),
        None => None,
    };
    let loaded = load(env, path)?;
    note_warnings(&loaded, lang);
    let mut settings = settings(args);
    settings.keep_samples = true;
    let provenance = Provenance {
        register: loaded.sources.get(loaded.source).name.clone(),
        sha256: loaded.sha256(),
    };
    let results = run_simulation(&loaded.register, &settings, &provenance, args, lang)?;
    emit(out, &summary::render(&results, &loaded.register, lang), lang)?;
    let report = report::build(&results, &loaded.register, lang, template.as_deref()).map_err(|e| {
        eprintln!("{}", e.message(lang));
        match e {
            report::ReportError::Template { .. } => EXIT_INVALID,
            _ => EXIT_USAGE,
        }
    })?;
    let inputs = [path.to_path_buf()];
    let mut written = write_results(&results, out_dir, &inputs, lang)?;
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("risicoparagraaf.md".into(), report.markdown.into_bytes()),
        ("risicoparagraaf.html".into(), report.html.into_bytes()),
    ];
    for chart in report.charts {
        files.push((format!("{}.png", chart.name), chart.png));
        files.push((format!("{}.svg", chart.name), chart.svg.into_bytes()));
    }
    for (name, bytes) in files {
        let target: PathBuf = out_dir.join(name);
        write_atomic(&target, &bytes, &inputs).map_err(|e| {
            eprintln!("{}", e.message(lang));
            EXIT_USAGE
        })?;
        written.push(target);
    }
    emit(
        out,
        &format!(
            "\n{} {}: {} ({} {})\n",
            lang.pick("Rapport geschreven in", "Report written to"),
            out_dir.display(),
            out_dir.join("risicoparagraaf.html").display(),
            written.len(),
            lang.pick("bestanden", "files")
        ),
        lang,
    )
}
