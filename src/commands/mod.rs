//! The subcommands: each reads what it needs and writes its result as text.

pub mod afrekening;
pub mod compare;
pub mod diff;
pub mod list;
pub mod matrix;
pub mod report;
pub mod serve;
pub mod simulate;
pub mod sweep;

pub mod validate;
pub mod workbook;

use crate::cli::ScenarioArgs;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, render_all};
use crate::error::{Error, Outcome};
use crate::inputs::{InputError, Inputs};
use crate::lang::Lang;
use crate::model::Register;
use crate::scenario::Scenario;
use crate::sim::Provenance;
use crate::source::Sources;
use std::path::{Path, PathBuf};

/// What every command needs to know about the run.
#[derive(Clone, Debug)]
pub struct Env {
    pub lang: Lang,
    pub today: Date,
    /// Warning kinds not to report (`--allow`).
    pub allow: Vec<crate::problem::WarningKind>,
    /// Warnings are errors (`--deny-warnings`).
    pub deny_warnings: bool,
    /// Text or JSON on standard output (`--format`).
    pub format: crate::cli::Format,
}

/// JSON as the commands print it: pretty, one trailing newline.
pub fn json_text(value: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("serializable");
    text.push('\n');
    text
}

/// A register ready to use: read, with the scenarios applied, validated.
pub struct Prepared {
    pub inputs: Inputs,
    pub register: Register,
    pub warnings: Vec<Diagnostic>,
    pub scenarios: Vec<Scenario>,
}

impl Prepared {
    /// Where the run's register came from, for the results' manifest.
    pub fn provenance(&self, lang: Lang) -> Provenance {
        let applied: Vec<&Scenario> = self.scenarios.iter().collect();
        self.inputs.provenance(&applied, &self.register, lang)
    }
}

/// Writes the files as the folder `dir` (created if needed), replaced as a whole by one run at a
/// time, never where an input lives ([`crate::export::set`]).
pub fn write_files<N: AsRef<str>>(
    dir: &Path,
    files: Vec<(N, Vec<u8>)>,
    inputs: &[PathBuf],
    lang: Lang,
) -> Outcome<Vec<PathBuf>> {
    let fail = |e: crate::export::WriteError| Error::Usage(e.message(lang));
    let named: Vec<(String, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (name.as_ref().to_string(), bytes.as_slice()))
        .collect();
    crate::export::set::write_set(dir, &named, inputs).map_err(fail)?;
    Ok(named.into_iter().map(|(name, _)| dir.join(name)).collect())
}

/// Every file of a document ([`crate::export`]), or the reason a format could not be made.
pub fn export_files(doc: &crate::export::Document, lang: Lang) -> Outcome<Vec<(String, Vec<u8>)>> {
    crate::export::files(doc).map_err(|e| {
        Error::Usage(format!(
            "{}: {e}",
            lang.pick("fout: kan de uitvoer niet maken", "error: cannot make the output")
        ))
    })
}

/// Checks `--out` before the simulation runs, so that a folder it cannot write (a file, an
/// input's folder, one with subfolders, the shell's own) costs no waiting.
pub fn check_out(dir: Option<&Path>, inputs: &[PathBuf], lang: Lang) -> Outcome {
    match dir {
        Some(dir) => crate::export::set::check_folder(dir, inputs).map_err(|e| Error::Usage(e.message(lang))),
        None => Ok(()),
    }
}

/// The line that lists what a command wrote.
pub fn written_line(files: &[PathBuf], lang: Lang) -> String {
    let list: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    format!("\n{}: {}\n", lang.pick("Geschreven", "Written"), list.join(", "))
}

/// Every problem of a failed input, as the error the command returns.
pub fn fail(sources: &Sources, error: InputError, lang: Lang) -> Error {
    match error {
        InputError::Io { path, error } => Error::Usage(format!(
            "{}: {path}: {error}",
            lang.pick("fout: kan het bestand niet lezen", "error: cannot read the file")
        )),
        InputError::Invalid(diagnostics) => {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            Error::Invalid(format!(
                "{}{}",
                render_all(&diagnostics, sources, lang),
                invalid_summary(errors, warnings, lang)
            ))
        }
    }
}

/// Reads the register and the scenarios: each file one scenario, the `--set`s together one more
/// after them; with the scenario files' warnings. Or the error with every problem.
pub fn read_inputs(
    env: &Env,
    path: &Path,
    scenario_files: &[PathBuf],
    sets: &[String],
) -> Outcome<(Inputs, Vec<Scenario>, Vec<Diagnostic>)> {
    read_raw(env, path, scenario_files, sets).map_err(|(sources, e)| fail(&sources, e, env.lang))
}

/// What [`read_inputs`] reads, with a failure left as the input error and its texts (for a caller
/// that reports it in its own form, such as `validate --format json`).
#[allow(clippy::type_complexity)]
pub fn read_raw(
    env: &Env,
    path: &Path,
    scenario_files: &[PathBuf],
    sets: &[String],
) -> Result<(Inputs, Vec<Scenario>, Vec<Diagnostic>), (Sources, InputError)> {
    let mut inputs = Inputs::new(path, env.today)?;
    let mut scenarios = Vec::new();
    let mut warnings = Vec::new();
    for file in scenario_files {
        match inputs.scenario(file) {
            Ok((scenario, w)) => {
                scenarios.push(scenario);
                warnings.extend(w);
            }
            Err(e) => return Err((inputs.sources, e)),
        }
    }
    if !sets.is_empty() {
        match inputs.sets(sets) {
            Ok(scenario) => scenarios.push(scenario),
            Err(e) => return Err((inputs.sources, e)),
        }
    }
    Ok((inputs, scenarios, warnings))
}

/// Reads the register and the scenarios (files first, then `--set`), applies them, validates the
/// result; or the error with every problem.
pub fn prepare(env: &Env, path: &Path, overlay: &ScenarioArgs) -> Outcome<Prepared> {
    let lang = env.lang;
    let (inputs, scenarios, mut warnings) = read_inputs(env, path, &overlay.scenario, &overlay.set)?;
    let refs: Vec<&Scenario> = scenarios.iter().collect();
    match inputs.model(&refs) {
        Ok((register, w)) => {
            warnings.extend(w);
            warnings.retain(|d| d.problem.warning_kind().is_none_or(|k| !env.allow.contains(&k)));
            if env.deny_warnings && !warnings.is_empty() {
                eprint!("{}", render_all(&warnings, &inputs.sources, lang));
                let w = count(
                    warnings.len(),
                    lang.pick("waarschuwing", "warning"),
                    lang.pick("waarschuwingen", "warnings"),
                );
                return Err(Error::Invalid(format!(
                    "{w} {}",
                    lang.pick(
                        "en --deny-warnings: de waarschuwingen gelden als fouten (zwijg een soort met --allow SOORT)",
                        "and --deny-warnings: warnings count as errors (silence a kind with --allow KIND)"
                    )
                )));
            }
            Ok(Prepared {
                inputs,
                register,
                warnings,
                scenarios,
            })
        }
        Err(e) => Err(fail(&inputs.sources, e, lang)),
    }
}

/// Prints warnings on standard error; the PM notices as one line naming every PM risk (PM is
/// often on purpose: one notice each would bury the others).
pub fn print_warnings(warnings: &[Diagnostic], sources: &Sources, lang: Lang) {
    use crate::diagnostic::Subject;
    let (pm, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) = warnings
        .iter()
        .partition(|d| matches!(d.problem, crate::problem::Problem::PmRisk));
    let others: Vec<Diagnostic> = others.into_iter().cloned().collect();
    eprint!("{}", render_all(&others, sources, lang));
    if pm.is_empty() {
        return;
    }
    let ids: Vec<&str> = pm
        .iter()
        .filter_map(|d| match &d.subject {
            Some(Subject::Risk(id)) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    eprintln!(
        "{}",
        match lang {
            crate::Lang::Nl => format!(
                "waarschuwing: {} PM (niet gekwantificeerd; {}): {}; zwijgen hierover: --allow pm",
                if pm.len() == 1 {
                    "1 risico is".to_string()
                } else {
                    format!("{} risico's zijn", pm.len())
                },
                if pm.len() == 1 {
                    "het staat in de lijsten maar telt niet mee in de bedragen en de simulatie"
                } else {
                    "ze staan in de lijsten maar tellen niet mee in de bedragen en de simulatie"
                },
                ids.join(", ")
            ),
            crate::Lang::En => format!(
                "warning: {} PM (not quantified; listed, but counted in no amount and not in the simulation): {}; to silence: --allow pm",
                if pm.len() == 1 {
                    "1 risk is".to_string()
                } else {
                    format!("{} risks are", pm.len())
                },
                ids.join(", ")
            ),
        }
    );
}

pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `het register is ongeldig: 3 fouten, 1 waarschuwing`.
fn invalid_summary(errors: usize, warnings: usize, lang: Lang) -> String {
    let e = count(errors, lang.pick("fout", "error"), lang.pick("fouten", "errors"));
    let w = count(
        warnings,
        lang.pick("waarschuwing", "warning"),
        lang.pick("waarschuwingen", "warnings"),
    );
    format!(
        "{}: {e}, {w}",
        lang.pick("het register is ongeldig", "the register is invalid")
    )
}

/// On stderr when a command ran with warnings: those that a scenario or `--set` caused, in full
/// (the register's own are known to its keeper, a what-if's are news), and one line counting the
/// rest with the `validate` command that shows them for this very run.
pub fn note_warnings(prepared: &Prepared, overlay: &ScenarioArgs, lang: Lang) {
    let register = prepared.inputs.register;
    let (own, others): (Vec<Diagnostic>, Vec<Diagnostic>) = prepared
        .warnings
        .iter()
        .cloned()
        .partition(|d| d.span.is_none_or(|s| s.source == register));
    if !others.is_empty() {
        eprint!("{}", render_all(&others, &prepared.inputs.sources, lang));
    }
    let n = own.len();
    if n > 0 {
        let w = count(
            n,
            lang.pick("waarschuwing", "warning"),
            lang.pick("waarschuwingen", "warnings"),
        );
        eprintln!(
            "{w}; {} `{}`",
            lang.pick("zie", "see"),
            validate_command(prepared.inputs.register_name(), overlay)
        );
    }
}

/// The `validate` command for a run: the register with the same scenarios and `--set`s.
pub fn validate_command(register: &str, overlay: &ScenarioArgs) -> String {
    let register = if register == crate::source::STDIN_NAME {
        "-"
    } else {
        register
    };
    let mut words = vec!["weerstand".to_string(), "validate".to_string(), shell_word(register)];
    for file in &overlay.scenario {
        words.push("--scenario".into());
        words.push(shell_word(&file.display().to_string()));
    }
    for set in &overlay.set {
        words.push("--set".into());
        words.push(shell_word(set));
    }
    words.join(" ")
}

/// A word as a POSIX shell reads it back: as it is when it is plain, in single quotes otherwise.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-/=%+:,@".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Counts for a register summary line.
pub fn risk_counts(register: &Register, lang: Lang) -> String {
    let risks = &register.risks;
    let quantified = risks.iter().filter(|r| r.is_quantified()).count();
    let retired = risks.iter().filter(|r| !r.status.is_active()).count();
    let deelnemers = risks
        .iter()
        .filter(|r| r.status.is_active() && !r.is_the_regelings())
        .count();
    let pm = risks.len() - quantified - retired - deelnemers;
    let mut parts = vec![
        format!("{quantified} {}", lang.pick("gekwantificeerd", "quantified")),
        format!("{pm} PM"),
    ];
    if deelnemers > 0 {
        parts.push(format!(
            "{deelnemers} {}",
            lang.pick("voor rekening van de deelnemers", "borne by the members")
        ));
    }
    if retired > 0 {
        parts.push(format!("{retired} {}", lang.pick("geen risico meer", "retired")));
    }
    format!(
        "{} ({})",
        count(risks.len(), lang.pick("risico", "risk"), lang.pick("risico's", "risks")),
        parts.join(", ")
    )
}
