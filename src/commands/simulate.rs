//! `weerstand simulate FILE`: the simulation, its summary in the terminal, and the results files.

use super::{Env, load, note_warnings};
use crate::app::{EXIT_USAGE, emit};
use crate::cli::RunArgs;
use crate::export::{self, write_atomic};
use crate::model::Basis;
use crate::results::Results;
use crate::sim::{self, DEFAULT_PERCENTILES, Provenance, Settings};
use crate::summary;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub fn run(env: &Env, path: &Path, args: &RunArgs, out_dir: Option<&Path>, out: &mut dyn Write) -> Result<(), i32> {
    let lang = env.lang;
    let loaded = load(env, path)?;
    note_warnings(&loaded, lang);
    let settings = settings(args);
    let provenance = Provenance {
        register: loaded.sources.get(loaded.source).name.clone(),
        sha256: loaded.sha256(),
    };
    let results = run_simulation(&loaded.register, &settings, &provenance, args, lang)?;
    emit(out, &summary::render(&results, &loaded.register, lang), lang)?;
    if let Some(dir) = out_dir {
        let files = write_results(&results, dir, &[path.to_path_buf()], lang)?;
        let list: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        emit(
            out,
            &format!("\n{}: {}\n", lang.pick("Geschreven", "Written"), list.join(", ")),
            lang,
        )?;
    }
    Ok(())
}

/// The settings from the command line; a seed is drawn when none is given (and printed with the results).
pub fn settings(args: &RunArgs) -> Settings {
    Settings {
        iterations: args.iterations,
        seed: args.seed.unwrap_or_else(|| u64::from(rand::random::<u32>())),
        basis: if args.with_planned {
            Basis::NettoWithPlanned
        } else {
            Basis::Netto
        },
        percentiles: args.percentiles.clone().unwrap_or_else(|| DEFAULT_PERCENTILES.to_vec()),
        certainty: args.certainty,
        keep_samples: false,
    }
}

/// Runs the simulation on the requested number of threads, with a progress bar on a terminal.
pub fn run_simulation(
    register: &crate::model::Register,
    settings: &Settings,
    provenance: &Provenance,
    args: &RunArgs,
    lang: crate::Lang,
) -> Result<Results, i32> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(usize::from(threads));
    }
    let pool = pool.build().map_err(|e| {
        eprintln!("{}: {e}", lang.pick("kan geen threads starten", "cannot start threads"));
        EXIT_USAGE
    })?;
    let bar = progress_bar(sim::work(register, settings), args.quiet, lang);
    let results = pool.install(|| sim::simulate(register, settings, provenance, &|| bar.inc(1)));
    bar.finish_and_clear();
    Ok(results)
}

fn progress_bar(blocks: u64, quiet: bool, lang: crate::Lang) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(blocks), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {percent}% ({eta})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(lang.pick("simuleren", "simulating"));
    bar
}

/// Writes resultaten.json and the CSV tables into `dir`; returns the paths written.
pub fn write_results(
    results: &Results,
    dir: &Path,
    inputs: &[PathBuf],
    lang: crate::Lang,
) -> Result<Vec<PathBuf>, i32> {
    let fail = |e: export::WriteError| {
        eprintln!("{}", e.message(lang));
        EXIT_USAGE
    };
    export::ensure_dir(dir).map_err(fail)?;
    let mut files = vec![("resultaten.json", export::json::to_bytes(results))];
    files.extend(export::csv::tables(results));
    let mut written = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomic(&path, &bytes, inputs).map_err(fail)?;
        written.push(path);
    }
    Ok(written)
}
