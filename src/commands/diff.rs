//! `weerstand diff OLD NEW`: what changed between two registers, and what moved the benodigde
//! capaciteit ([`crate::diff`]).

use super::{Env, fail};
use crate::chart;
use crate::cli::RunArgs;
use crate::diff::{self, Diff};
use crate::error::{Error, Outcome};
use crate::export;
use crate::inputs::Inputs;
use crate::lang::Lang;
use crate::model::Register;
use crate::output::emit;
use crate::{describe, table, tables};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A register read and validated, with its file and hash.
fn load(env: &Env, path: &Path) -> Outcome<(Inputs, Register)> {
    let inputs = Inputs::new(path, env.today).map_err(|(sources, e)| fail(&sources, e, env.lang))?;
    let (register, _) = inputs.model(&[]).map_err(|e| fail(&inputs.sources, e, env.lang))?;
    Ok((inputs, register))
}

pub fn run(env: &Env, old: &Path, new: &Path, args: &RunArgs, out_dir: Option<&Path>, out: &mut dyn Write) -> Outcome {
    let lang = env.lang;
    let (old_inputs, old_register) = load(env, old)?;
    let (new_inputs, new_register) = load(env, new)?;
    let inputs: Vec<PathBuf> = old_inputs.files.iter().chain(&new_inputs.files).cloned().collect();
    super::check_out(out_dir, &inputs, lang)?;
    let run = super::simulate::settings(args);
    let settings = diff::Settings {
        iterations: run.iterations,
        seed: run.seed,
        basis: run.basis,
        certainty: run.certainty,
    };
    let pool = super::simulate::thread_pool(args.threads, lang)?;
    let d = pool.install(|| diff::diff(&old_register, &new_register, &settings));
    let _numbers = crate::format::style(lang);
    emit(out, &render(&d, lang), lang)?;
    if let Some(dir) = out_dir {
        let document = Document {
            tool: "weerstand",
            version: env!("CARGO_PKG_VERSION"),
            old: file_name(&old_inputs),
            old_sha256: old_inputs.sha256(),
            new: file_name(&new_inputs),
            new_sha256: new_inputs.sha256(),
            method: diff_method(lang),
            diff: &d,
        };
        let value = serde_json::to_value(&document).expect("the comparison serializes");
        let doc = export::Document {
            stem: "verschil".into(),
            json: export::json::pretty(&document),
            manifest: export::json::manifest(&value),
            sheets: vec![export::sheets::diff(&d, lang)],
            charts: vec![chart::render(&chart::waterfall::Waterfall { diff: &d, lang }).map_err(Error::Usage)?],
            texts: Vec::new(),
            created: new_register.date(),
        };
        let written = super::write_files(dir, super::export_files(&doc, lang)?, &inputs, lang)?;
        emit(out, &super::written_line(&written, lang), lang)?;
    }
    Ok(())
}

fn file_name(inputs: &Inputs) -> String {
    Path::new(inputs.register_name()).file_name().map_or_else(
        || inputs.register_name().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// How the change is attributed, in words, for the JSON and the terminal.
fn diff_method(lang: Lang) -> String {
    lang.pick(
        "Het oude register wordt stap voor stap het nieuwe: eerst de uitgangspunten van het nieuwe register (jaar, budgetbedragen, klassen), dan het zekerheidspercentage, dan elk vervallen risico, elk gewijzigd risico en elk nieuw risico, elk op volgorde van nummer. Na elke stap wordt de benodigde capaciteit gesimuleerd met dezelfde seed en iteraties (gemeenschappelijke toevalsgetallen per risico), zodat de verschillen precies optellen tot de hele verandering. Een andere volgorde kan een stap een ander deel geven; het totaal blijft.",
        "The old register becomes the new one step by step: first the new register's starting points (year, budget amounts, classes), then the certainty level, then each removed, changed and added risk, each in id order. After each step the required capacity is simulated with the same seed and iterations (common random numbers per risk), so that the differences add up exactly to the whole change. Another order may give a step another share; the total stays.",
    )
    .to_string()
}

/// `verschil.json`: the comparison with where both registers came from.
#[derive(Serialize)]
struct Document<'a> {
    tool: &'static str,
    version: &'static str,
    old: String,
    old_sha256: String,
    new: String,
    new_sha256: String,
    method: String,
    diff: &'a Diff,
}

/// The comparison as the terminal shows it.
pub fn render(d: &Diff, lang: Lang) -> String {
    let mut text = String::new();
    let name = |s: &diff::Side| {
        format!(
            "{}{} ({})",
            s.organisation,
            s.document.as_ref().map(|d| format!(" — {d}")).unwrap_or_default(),
            s.year
        )
    };
    let _ = writeln!(
        text,
        "{}: {}\n{}: {}\n",
        lang.pick("Oud", "Old"),
        name(&d.old),
        lang.pick("Nieuw", "New"),
        name(&d.new)
    );
    for sentence in describe::changes(d, lang) {
        let _ = writeln!(text, "{sentence}");
    }
    let list = |title: &str, risks: &[diff::RiskRef], text: &mut String| {
        if risks.is_empty() {
            return;
        }
        let items: Vec<String> = risks
            .iter()
            .map(|r| format!("{} {}", r.id, table::truncate(&r.title, 60)))
            .collect();
        let _ = writeln!(text, "\n{title} ({}):", risks.len());
        for item in items {
            let _ = writeln!(text, "  {item}");
        }
    };
    list(lang.pick("Nieuw", "Added"), &d.added, &mut text);
    list(lang.pick("Vervallen", "Removed"), &d.removed, &mut text);
    if !d.changed.is_empty() {
        let _ = writeln!(text, "\n{} ({}):", lang.pick("Gewijzigd", "Changed"), d.changed.len());
        for c in &d.changed {
            let _ = writeln!(
                text,
                "  {} {}: {}",
                c.id,
                table::truncate(&c.title, 50),
                c.fields.join(", ")
            );
        }
    }
    let _ = writeln!(
        text,
        "\n{}\n{}",
        lang.pick(
            "Wat de benodigde weerstandscapaciteit veranderde, stap voor stap:",
            "What changed the required capacity, step by step:"
        ),
        table::typed(&tables::attribution(d, lang))
    );
    let _ = writeln!(
        text,
        "{} {} {}, seed {}.",
        diff_method(lang),
        lang.pick("Iteraties:", "Iterations:"),
        crate::format::number(d.iterations as f64, 0),
        d.seed
    );
    text
}
