//! `weerstand validate FILE`: every problem at once; a short summary when the register is valid.

use super::{Env, prepare, risk_counts};
use crate::cli::ScenarioArgs;
use crate::diagnostic::Diagnostic;
use crate::error::Outcome;
use crate::output::emit;
use std::io::Write;
use std::path::Path;

pub fn run(env: &Env, path: &Path, overlay: &ScenarioArgs, out: &mut dyn Write) -> Outcome {
    let lang = env.lang;
    if env.format == crate::cli::Format::Json {
        return json(env, path, overlay, out);
    }
    let prepared = prepare(env, path, overlay)?;
    super::print_warnings(&prepared.warnings, &prepared.inputs.sources, lang);
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

/// `validate --format json`: `{"valid", "register", "sha256", …, "errors", "warnings"}` on
/// standard output, for a valid register and an invalid one alike (exit 1 for the latter).
fn json(env: &Env, path: &Path, overlay: &ScenarioArgs, out: &mut dyn Write) -> Outcome {
    let lang = env.lang;
    let diagnostics_json =
        |sources: &crate::source::Sources, d: &[Diagnostic], errors: bool| -> Vec<serde_json::Value> {
            d.iter()
                .filter(|d| d.is_error() == errors)
                .filter(|d| d.problem.warning_kind().is_none_or(|k| !env.allow.contains(&k)))
                .map(|d| d.to_json(sources, lang))
                .collect()
        };
    // An invalid register: every problem as JSON, exit 1; a file that cannot be read: as always.
    let invalid = |sources: &crate::source::Sources, e: crate::inputs::InputError, out: &mut dyn Write| -> Outcome {
        match e {
            crate::inputs::InputError::Invalid(diagnostics) => {
                let value = serde_json::json!({
                    "valid": false,
                    "errors": diagnostics_json(sources, &diagnostics, true),
                    "warnings": diagnostics_json(sources, &diagnostics, false),
                });
                crate::output::emit_json(out, &super::json_text(&value), lang)?;
                Err(crate::error::Error::Invalid(
                    lang.pick("het register is ongeldig", "the register is invalid")
                        .to_string(),
                ))
            }
            e => Err(super::fail(sources, e, lang)),
        }
    };
    let (inputs, scenarios, _) = match super::read_raw(env, path, &overlay.scenario, &overlay.set) {
        Ok(read) => read,
        Err((sources, e)) => return invalid(&sources, e, out),
    };
    let refs: Vec<&crate::scenario::Scenario> = scenarios.iter().collect();
    let (register, warnings) = match inputs.model(&refs) {
        Ok(model) => model,
        Err(e) => return invalid(&inputs.sources, e, out),
    };
    let risks = &register.risks;
    let value = serde_json::json!({
        "valid": true,
        "register": inputs.register_name(),
        "sha256": inputs.sha256(),
        "organisation": register.metadata.organisation,
        "document": register.metadata.document,
        "horizon": [register.horizon.first, register.horizon.last],
        "risks": {
            "total": risks.len(),
            "quantified": risks.iter().filter(|r| r.is_quantified()).count(),
            "pm": risks.iter().filter(|r| r.is_the_regelings() && !r.is_quantified()).count(),
            "borne_by_deelnemers": risks.iter().filter(|r| r.status.is_active() && !r.is_the_regelings()).count(),
            "retired": risks.iter().filter(|r| !r.status.is_active()).count(),
        },
        "errors": [],
        "warnings": diagnostics_json(&inputs.sources, &warnings, false),
    });
    crate::output::emit_json(out, &super::json_text(&value), lang)
}
