//! The subcommands: each reads what it needs and writes its result as text.

pub mod list;
pub mod matrix;
pub mod report;
pub mod simulate;

pub mod validate;

use crate::app::{EXIT_INVALID, EXIT_USAGE};
use crate::date::Date;
use crate::diagnostic::render_all;
use crate::lang::Lang;
use crate::register::{self, LoadError, Loaded};
use std::path::Path;

/// What every command needs to know about the run.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    pub lang: Lang,
    pub today: Date,
}

/// Loads a register, or prints every problem to stderr and returns the exit code.
pub fn load(env: &Env, path: &Path) -> Result<Loaded, i32> {
    let lang = env.lang;
    match register::load(path, env.today) {
        Ok(loaded) => Ok(loaded),
        Err(LoadError::Io { path, error }) => {
            eprintln!(
                "{}: {path}: {error}",
                lang.pick("fout: kan het register niet lezen", "error: cannot read the register")
            );
            Err(EXIT_USAGE)
        }
        Err(LoadError::Invalid { diagnostics, sources }) => {
            eprint!("{}", render_all(&diagnostics, &sources, lang));
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            eprintln!("{}", invalid_summary(errors, warnings, lang));
            Err(EXIT_INVALID)
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
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

/// One line on stderr when a command ran on a register with warnings, pointing to `validate`.
pub fn note_warnings(loaded: &Loaded, lang: Lang) {
    let n = loaded.warnings.len();
    if n > 0 {
        let w = count(
            n,
            lang.pick("waarschuwing", "warning"),
            lang.pick("waarschuwingen", "warnings"),
        );
        eprintln!(
            "{w}; {} `weerstand validate {}`",
            lang.pick("zie", "see"),
            loaded.sources.get(loaded.source).name
        );
    }
}

/// Counts for a register summary line.
pub fn risk_counts(loaded: &Loaded, lang: Lang) -> String {
    let risks = &loaded.register.risks;
    let quantified = risks.iter().filter(|r| r.is_quantified()).count();
    let retired = risks.iter().filter(|r| !r.status.is_active()).count();
    let pm = risks.len() - quantified - retired;
    let mut parts = vec![
        format!("{quantified} {}", lang.pick("gekwantificeerd", "quantified")),
        format!("{pm} PM"),
    ];
    if retired > 0 {
        parts.push(format!("{retired} {}", lang.pick("geen risico meer", "retired")));
    }
    format!(
        "{} ({})",
        count(risks.len(), lang.pick("risico", "risk"), lang.pick("risico's", "risks")),
        parts.join(", ")
    )
}
