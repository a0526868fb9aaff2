//! `weerstand simulate FILE`: the simulation, its summary in the terminal, and the results files.

use super::{Env, note_warnings, prepare};
use crate::cli::{PrecisionArgs, RunArgs, ScenarioArgs};
use crate::error::{Error, Outcome};
use crate::export;
use crate::model::Basis;
use crate::output::emit;
use crate::results::Results;
use crate::sim::{self, DEFAULT_PERCENTILES, Provenance, Settings};
use crate::summary;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

pub fn run(
    env: &Env,
    path: &Path,
    overlay: &ScenarioArgs,
    (args, precision): (&RunArgs, &PrecisionArgs),
    out_dir: Option<&Path>,
    out: &mut dyn Write,
) -> Outcome {
    let lang = env.lang;
    let prepared = prepare(env, path, overlay)?;
    note_warnings(&prepared, overlay, lang);
    super::check_out(out_dir, &prepared.inputs.files, lang)?;
    let settings = settings(args);
    let results = run_to_precision(
        &prepared.register,
        &settings,
        &prepared.provenance(lang),
        (args, precision),
        lang,
    )?;
    if env.format == crate::cli::Format::Json {
        // The same document as resultaten.json.
        crate::output::emit_json(
            out,
            &String::from_utf8_lossy(&crate::export::json::to_bytes(&results)),
            lang,
        )?;
    } else {
        emit(out, &summary::render(&results, &prepared.register, lang), lang)?;
    }
    if let Some(dir) = out_dir {
        let files = write_results(&results, prepared.register.date(), dir, &prepared.inputs.files, lang)?;
        if env.format == crate::cli::Format::Json {
            // Standard output holds the JSON alone.
            eprint!("{}", super::written_line(&files, lang));
        } else {
            emit(out, &super::written_line(&files, lang), lang)?;
        }
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
        percentiles: args
            .percentiles
            .clone()
            .map_or_else(|| DEFAULT_PERCENTILES.to_vec(), |p| p.0),
        certainty: args.certainty,
        keep_samples: false,
        extras: true,
    }
}

/// Runs the simulation on the requested number of threads, with a progress bar on a terminal;
/// `shared`: what it has in common with other runs (a sweep's points).
pub fn run_simulation(
    register: &crate::model::Register,
    settings: &Settings,
    provenance: &Provenance,
    args: &RunArgs,
    lang: crate::Lang,
    shared: Option<&sim::Shared>,
) -> Outcome<Results> {
    if !register.is_quantified() {
        let file = &provenance.register;
        return Err(nothing_to_simulate(file, lang));
    }
    let pool = thread_pool(args.threads, lang)?;
    let beside = shared.map_or(0, |s| s.memory(register, settings));
    check_memory(sim::memory_needed(register, settings) + beside, settings, lang)?;
    // A run of more than a minute is announced before it starts, with the way to shorten it.
    let seconds = sim::seconds_estimate(register, settings, pool.current_num_threads());
    if seconds > 60.0 {
        let minutes = crate::format::decimal((seconds / 60.0).ceil(), 0);
        eprintln!(
            "{}",
            match lang {
                crate::Lang::Nl => format!(
                    "let op: deze run duurt naar schatting {minutes} minuten ({} iteraties); minder iteraties (-n) maken hem evenredig korter",
                    crate::format::decimal(settings.iterations as f64, 0)
                ),
                crate::Lang::En => format!(
                    "note: this run will take about {minutes} minutes ({} iterations); fewer iterations (-n) make it proportionally shorter",
                    crate::format::decimal(settings.iterations as f64, 0)
                ),
            }
        );
    }
    let bar = progress_bar(sim::work(register, settings), args.quiet, lang);
    let results =
        pool.install(|| sim::simulate_shared(register, settings, provenance, &|units| bar.inc(units), shared));
    bar.finish_and_clear();
    Ok(results)
}

/// Why a register in which no risk has a probability and an amount is not simulated, and what
/// to run instead.
pub fn nothing_to_simulate(file: &str, lang: crate::Lang) -> Error {
    Error::Usage(match lang {
        crate::Lang::Nl => format!(
            "er valt niets te simuleren: geen risico in {file} heeft een kans en een bedrag (ze zijn PM, voor rekening van de deelnemers of geen risico meer); `weerstand report {file}` schrijft de paragraaf zonder simulatie, `weerstand list {file}` toont de risico's"
        ),
        crate::Lang::En => format!(
            "there is nothing to simulate: no risk in {file} has a probability and an amount (they are PM, borne by the members or no longer a risk); `weerstand report {file}` writes the paragraph without a simulation, `weerstand list {file}` shows the risks"
        ),
    })
}

/// The threads a run asks for (`--threads`; default all cores).
pub fn thread_pool(threads: Option<u16>, lang: crate::Lang) -> Outcome<rayon::ThreadPool> {
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = threads {
        pool = pool.num_threads(usize::from(threads));
    }
    pool.build().map_err(|e| {
        Error::Usage(format!(
            "{}: {e}",
            lang.pick("kan geen threads starten", "cannot start threads")
        ))
    })
}

/// [`run_simulation`], or with `--precision` the run in steps until the benodigde capaciteit is known
/// that precisely (`sim::precision`); each step is said on a terminal.
pub fn run_to_precision(
    register: &crate::model::Register,
    settings: &Settings,
    provenance: &Provenance,
    (args, precision): (&RunArgs, &PrecisionArgs),
    lang: crate::Lang,
) -> Outcome<Results> {
    let Some(target) = precision.precision else {
        return run_simulation(register, settings, provenance, args, lang, None);
    };
    if !register.is_quantified() {
        // Nothing to simulate: said as a run of a fixed size says it.
        return run_simulation(register, settings, provenance, args, lang, None);
    }
    // The largest step must fit in memory as a run of its own would.
    let mut at_max = settings.clone();
    at_max.iterations = precision.max_iterations;
    check_memory(sim::memory_needed(register, &at_max), &at_max, lang)?;
    let pool = thread_pool(args.threads, lang)?;
    let talk = !args.quiet && std::io::stderr().is_terminal();
    let (mut results, record) = pool.install(|| {
        sim::precision::simulate_to(
            register,
            settings,
            target,
            precision.max_iterations,
            provenance,
            &|_| {},
            &mut |n, half_width| {
                if talk {
                    eprintln!(
                        "{} {}: ± {}",
                        crate::format::decimal(n as f64, 0),
                        lang.pick("iteraties", "iterations"),
                        crate::format::euro(half_width)
                    );
                }
            },
        )
    });
    results.manifest.precision = Some(record);
    Ok(results)
}

/// Refuses a run that would not fit in the memory available, before it starts, instead of failing
/// halfway with an allocation error. The limit is the system's available memory (Linux), or
/// `WEERSTAND_MAX_MEMORY` (bytes) when set.
fn check_memory(needed: u64, settings: &Settings, lang: crate::Lang) -> Outcome {
    let limit = match std::env::var("WEERSTAND_MAX_MEMORY") {
        Ok(v) => match v.trim().replace(['_', '.'], "").parse::<u64>() {
            Ok(bytes) => Some(bytes),
            Err(_) => {
                return Err(Error::Usage(format!(
                    "{}: WEERSTAND_MAX_MEMORY='{v}'",
                    lang.pick(
                        "fout: de geheugengrens moet een aantal bytes zijn (een geheel getal)",
                        "error: the memory limit must be a number of bytes (a whole number)"
                    )
                )));
            }
        },
        Err(_) => available_memory(),
    };
    match limit {
        Some(limit) if needed > limit => {
            let gib = |b: u64| crate::format::decimal(b as f64 / (1u64 << 30) as f64, 1);
            let (n, need, have) = (
                crate::format::decimal(settings.iterations as f64, 0),
                gib(needed),
                gib(limit),
            );
            Err(Error::Usage(match lang {
                crate::Lang::Nl => format!(
                    "fout: {n} iteraties hebben ongeveer {need} GiB geheugen nodig, en er is {have} GiB beschikbaar; kies minder iteraties (-n)"
                ),
                crate::Lang::En => format!(
                    "error: {n} iterations need about {need} GiB of memory, and {have} GiB is available; choose fewer iterations (-n)"
                ),
            }))
        }
        _ => Ok(()),
    }
}

/// `MemAvailable` from /proc/meminfo; `None` where there is no such file.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
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

/// Writes resultaten.json, resultaten.xlsx and the CSV tables into `dir`; returns the paths written.
pub fn write_results(
    results: &Results,
    date: crate::date::Date,
    dir: &Path,
    inputs: &[PathBuf],
    lang: crate::Lang,
) -> Outcome<Vec<PathBuf>> {
    super::write_files(dir, result_files(results, date, lang)?, inputs, lang)
}

/// The results as a document: resultaten.json, resultaten.xlsx and the CSV tables, by file name.
pub fn result_files(results: &Results, date: crate::date::Date, lang: crate::Lang) -> Outcome<Vec<(String, Vec<u8>)>> {
    super::export_files(&results_document(results, date), lang)
}

/// The document of a run's results: the JSON, its tables and the manifest.
pub fn results_document(results: &Results, date: crate::date::Date) -> export::Document {
    export::Document {
        stem: "resultaten".into(),
        json: export::json::to_bytes(results),
        manifest: export::json::manifest(&serde_json::json!({ "manifest": results.manifest })),
        sheets: export::sheets::results(results),
        charts: Vec::new(),
        texts: Vec::new(),
        created: date,
    }
}
