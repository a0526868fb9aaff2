//! `weerstand validate FILE`: every problem at once; a short summary when the register is valid.

use super::{Env, load, risk_counts};
use crate::app::emit;
use crate::diagnostic::render_all;
use std::io::Write;
use std::path::Path;

pub fn run(env: &Env, path: &Path, out: &mut dyn Write) -> Result<(), i32> {
    let lang = env.lang;
    let loaded = load(env, path)?;
    eprint!("{}", render_all(&loaded.warnings, &loaded.sources, lang));
    let r = &loaded.register;
    let mut text = String::new();
    text.push_str(&format!(
        "{}: {}\n",
        lang.pick("register", "register"),
        loaded.sources.get(loaded.source).name
    ));
    text.push_str(&format!("sha256: {}\n", loaded.sha256()));
    let document = r
        .metadata
        .document
        .as_deref()
        .map(|d| format!(" — {d}"))
        .unwrap_or_default();
    text.push_str(&format!("{}{document}\n", r.metadata.organisation));
    text.push_str(&format!(
        "{}, horizon {}–{}\n",
        risk_counts(&loaded, lang),
        r.horizon.first,
        r.horizon.last
    ));
    let n = loaded.warnings.len();
    text.push_str(&match (n, lang) {
        (0, _) => lang.pick("geldig\n", "valid\n").to_string(),
        (1, crate::Lang::Nl) => "geldig, met 1 waarschuwing\n".to_string(),
        (n, crate::Lang::Nl) => format!("geldig, met {n} waarschuwingen\n"),
        (1, crate::Lang::En) => "valid, with 1 warning\n".to_string(),
        (n, crate::Lang::En) => format!("valid, with {n} warnings\n"),
    });
    emit(out, &text, lang)
}
