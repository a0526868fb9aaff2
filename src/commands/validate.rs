//! `weerstand validate FILE`: every problem at once; a short summary when the register is valid.

use super::{Env, prepare, risk_counts};
use crate::cli::ScenarioArgs;
use crate::diagnostic::render_all;
use crate::error::Outcome;
use crate::output::emit;
use std::io::Write;
use std::path::Path;

pub fn run(env: &Env, path: &Path, overlay: &ScenarioArgs, out: &mut dyn Write) -> Outcome {
    let lang = env.lang;
    let prepared = prepare(env, path, overlay)?;
    eprint!("{}", render_all(&prepared.warnings, &prepared.inputs.sources, lang));
    let r = &prepared.register;
    let mut text = String::new();
    text.push_str(&format!(
        "{}: {}\n",
        lang.pick("register", "register"),
        prepared.inputs.register_name()
    ));
    text.push_str(&format!("sha256: {}\n", prepared.inputs.sha256()));
    for s in &prepared.scenarios {
        text.push_str(&format!("scenario: {}\n", s.name));
    }
    let document = r
        .metadata
        .document
        .as_deref()
        .map(|d| format!(" — {d}"))
        .unwrap_or_default();
    text.push_str(&format!("{}{document}\n", r.metadata.organisation));
    text.push_str(&format!(
        "{}, horizon {}–{}\n",
        risk_counts(r, lang),
        r.horizon.first,
        r.horizon.last
    ));
    let n = prepared.warnings.len();
    text.push_str(&match (n, lang) {
        (0, _) => lang.pick("geldig\n", "valid\n").to_string(),
        (1, crate::Lang::Nl) => "geldig, met 1 waarschuwing\n".to_string(),
        (n, crate::Lang::Nl) => format!("geldig, met {n} waarschuwingen\n"),
        (1, crate::Lang::En) => "valid, with 1 warning\n".to_string(),
        (n, crate::Lang::En) => format!("valid, with {n} warnings\n"),
    });
    emit(out, &text, lang)
}
