//! `weerstand afrekening FILE --year 2020`: the settlement of a year that has passed, per taakveld
//! and municipality, as the jaarverslag prints it; CSV and JSON with `--out`.

use super::{Env, note_warnings, prepare};
use crate::afrekening::{self, Settlement};
use crate::cli::ScenarioArgs;
use crate::error::{Error, Outcome};
use crate::export;
use crate::lang::Lang;
use crate::output::emit;
use crate::table;
use crate::tables;
use crate::vocabulary;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

pub fn run(env: &Env, path: &Path, year: Option<i32>, out_dir: Option<&Path>, out: &mut dyn Write) -> Outcome {
    let lang = env.lang;
    let overlay = ScenarioArgs::default();
    let prepared = prepare(env, path, &overlay)?;
    note_warnings(&prepared, &overlay, lang);
    super::check_out(out_dir, &prepared.inputs.files, lang)?;
    let register = &prepared.register;
    let years: Vec<String> = register.realised.iter().map(|r| r.year.to_string()).collect();
    let Some(year) = year.or_else(|| register.realised.last().map(|r| r.year)) else {
        return Err(Error::Usage(
            lang.pick(
                "het register heeft geen gerealiseerde jaren (onderdeel 'realised'); zie de README, 'Wat er werkelijk gebeurde'",
                "the register has no realised years (section 'realised'); see the README, 'What really happened'",
            )
            .to_string(),
        ));
    };
    let Some(settlement) = afrekening::settle(register, year) else {
        return Err(Error::Usage(format!(
            "{} {year}; {}: {}",
            lang.pick(
                "het register heeft geen gerealiseerde cijfers voor",
                "the register has no realised figures for"
            ),
            lang.pick("wel voor", "it has them for"),
            years.join(", ")
        )));
    };
    emit(
        out,
        &render(&settlement, &register.metadata.organisation, register.reserve.cap, lang),
        lang,
    )?;
    if let Some(dir) = out_dir {
        let document = Document {
            tool: "weerstand",
            version: env!("CARGO_PKG_VERSION"),
            register: prepared.provenance(lang).register,
            register_sha256: prepared.inputs.sha256(),
            organisation: register.metadata.organisation.clone(),
            settlement: &settlement,
        };
        let value = serde_json::to_value(&document).expect("settlement serializes");
        let doc = export::Document {
            stem: "afrekening".into(),
            json: export::json::pretty(&document),
            manifest: export::json::manifest(&value),
            sheets: vec![export::sheets::settlement(&settlement)],
            charts: Vec::new(),
            texts: Vec::new(),
            created: register.date(),
        };
        let written = super::write_files(dir, super::export_files(&doc, lang)?, &prepared.inputs.files, lang)?;
        emit(out, &super::written_line(&written, lang), lang)?;
    }
    Ok(())
}

/// `afrekening.json`: the settlement with where it came from.
#[derive(Serialize)]
struct Document<'a> {
    tool: &'static str,
    version: &'static str,
    register: String,
    register_sha256: String,
    organisation: String,
    settlement: &'a Settlement,
}

/// The settlement as the terminal shows it: a table per taakveld, the totals per municipality,
/// the reserve's movement and what happened to the risks.
pub fn render(s: &Settlement, organisation: &str, cap: f64, lang: Lang) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} {} — {}{}",
        lang.pick("Afrekening", "Settlement"),
        s.year,
        organisation,
        s.source
            .as_ref()
            .map(|src| format!(" ({} {src})", lang.pick("bron:", "source:")))
            .unwrap_or_default()
    );
    for t in &s.taakvelden {
        let _ = writeln!(text, "\n{}: {}", lang.pick("Taakveld", "Taakveld"), t.name);
        let _ = writeln!(text, "{}", table::typed(&tables::settlement(&t.lines, &t.total, lang)));
    }
    if s.taakvelden.len() > 1 {
        let _ = writeln!(text, "\n{}", lang.pick("Alle taakvelden", "All taakvelden"));
        let _ = writeln!(
            text,
            "{}",
            table::typed(&tables::settlement(&s.municipalities, &s.total, lang))
        );
    }
    let _ = writeln!(text, "\n{}", vocabulary::saldo_definition(lang));
    let _ = writeln!(text, "{}", vocabulary::reserve_movement(s, cap, lang));
    if !s.risks.is_empty() {
        let _ = writeln!(text, "\n{} {}", lang.pick("Risico's in", "Risks in"), s.year);
        let _ = writeln!(text, "{}", table::typed(&tables::outcomes(s, lang)));
    }
    text
}
