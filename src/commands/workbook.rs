//! `weerstand import WORKBOOK --out REGISTER.yaml` and `weerstand export REGISTER.yaml --out
//! WORKBOOK.xlsx`: a register kept in Excel (or LibreOffice, or CSV), and back ([`crate::workbook`]).

use super::{Env, count, fail};
use crate::error::{Error, Outcome};
use crate::inputs::{InputError, Inputs};
use crate::output::emit;
use std::io::Write;
use std::path::Path;

/// Reads the workbook, validates the register it holds (every problem at its sheet and cell, all
/// at once) and writes it as a commented YAML register; nothing is written when anything is wrong.
pub fn import(env: &Env, workbook: &Path, settings: Option<&Path>, out_file: &Path, out: &mut dyn Write) -> Outcome {
    let lang = env.lang;
    let is_yaml = out_file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if !is_yaml {
        return Err(Error::Usage(format!(
            "{}: {}",
            lang.pick(
                "weerstand import schrijft een register in YAML; geef --out een naam die op .yaml eindigt",
                "weerstand import writes a YAML register; give --out a name ending in .yaml"
            ),
            out_file.display()
        )));
    }
    let (inputs, problems, imported) =
        Inputs::from_workbook(workbook, settings, env.today).map_err(|(sources, e)| fail(&sources, e, lang))?;
    let mut diagnostics = problems;
    let valid = match inputs.model(&[]) {
        Ok((_, warnings)) => {
            diagnostics.extend(warnings);
            !diagnostics.iter().any(crate::diagnostic::Diagnostic::is_error)
        }
        Err(InputError::Invalid(d)) => {
            diagnostics.extend(d);
            false
        }
        Err(e) => return Err(fail(&inputs.sources, e, lang)),
    };
    diagnostics.retain(|d| d.is_error() || d.problem.warning_kind().is_none_or(|k| !env.allow.contains(&k)));
    crate::workbook::read::name_columns(&mut diagnostics, &inputs.sources, imported.register);
    if !valid || (env.deny_warnings && !diagnostics.is_empty()) {
        return Err(fail(&inputs.sources, InputError::Invalid(diagnostics), lang));
    }
    super::print_warnings(&diagnostics, &inputs.sources, lang);
    let name = file_name(workbook);
    let settings_from = match settings {
        Some(path) => format!("{} {}", lang.pick("uit", "from"), file_name(path)),
        None => format!("{} {}", lang.pick("blad", "sheet"), crate::workbook::SETTINGS_SHEET),
    };
    let header = vec![
        match lang {
            crate::Lang::Nl => format!(
                "Risicoregister, geïmporteerd uit {name} (blad {}, {}) door weerstand.",
                imported.sheet,
                count(imported.risks, "risico", "risico's")
            ),
            crate::Lang::En => format!(
                "Risk register, imported from {name} (sheet {}, {}) by weerstand.",
                imported.sheet,
                count(imported.risks, "risk", "risks")
            ),
        },
        format!("{}: {settings_from}.", lang.pick("Instellingen", "Settings")),
        lang.pick(
            "Elk risico noemt de rij waar het stond. Wijzig de werkmap en importeer opnieuw:",
            "Each risk names the row it came from. Change the workbook and import again:",
        )
        .to_string(),
        format!(
            "  weerstand import {}{} --out {}",
            workbook.display(),
            settings
                .map(|s| format!(" --settings {}", s.display()))
                .unwrap_or_default(),
            out_file.display()
        ),
    ];
    let rows: Vec<u32> = match inputs.tree.get("risks").map(|n| &n.value) {
        Some(crate::yaml::Value::Seq(items)) => items.iter().map(|n| n.span.line).collect(),
        _ => Vec::new(),
    };
    let origin = |k: usize| {
        rows.get(k)
            .map(|row| format!("{}, {} {row}", imported.sheet, lang.pick("rij", "row")))
    };
    let text = crate::workbook::yaml_text::register(&inputs.tree, &header, &origin);
    // The YAML must stand on its own: read back as a register, it is valid. Anything else is a
    // fault of weerstand, reported as such, with nothing written.
    if let Err((sources, e)) = Inputs::from_bytes(&out_file.display().to_string(), text.as_bytes(), env.today)
        .and_then(|i| i.model(&[]).map(|_| ()).map_err(|e| (i.sources, e)))
    {
        return Err(Error::Usage(format!(
            "{}\n{}",
            lang.pick(
                "fout in weerstand: het geschreven register leest niet terug; er is niets geschreven. Meld dit, met de werkmap:",
                "fault in weerstand: the register written does not read back; nothing was written. Please report this, with the workbook:"
            ),
            fail(&sources, e, lang).message().unwrap_or_default()
        )));
    }
    crate::export::write_all_atomic(&[(out_file.to_path_buf(), text.as_bytes())], &inputs.files)
        .map_err(|e| Error::Usage(e.message(lang)))?;
    emit(
        out,
        &format!(
            "{} {} {} {name} → {}\n",
            lang.pick("Geïmporteerd:", "Imported:"),
            count(
                imported.risks,
                lang.pick("risico", "risk"),
                lang.pick("risico's", "risks")
            ),
            lang.pick("uit", "from"),
            out_file.display()
        ),
        lang,
    )
}

/// Writes the register as a workbook: risks, settings and the lists to choose from.
pub fn export(env: &Env, register: &Path, out_file: &Path, out: &mut dyn Write) -> Outcome {
    let lang = env.lang;
    let is_xlsx = out_file.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(Error::Usage(format!(
            "{}: {}",
            lang.pick(
                "weerstand export schrijft een Excel-werkmap; geef --out een naam die op .xlsx eindigt",
                "weerstand export writes an Excel workbook; give --out a name ending in .xlsx"
            ),
            out_file.display()
        )));
    }
    let (inputs, _, _) = super::read_inputs(env, register, &[], &[])?;
    let (model, _) = inputs.model(&[]).map_err(|e| fail(&inputs.sources, e, lang))?;
    let bytes = crate::workbook::write::workbook(&inputs.tree, &model, model.date(), false).map_err(|e| {
        Error::Usage(format!(
            "{}: {e}",
            lang.pick("fout: kan de werkmap niet maken", "error: cannot make the workbook")
        ))
    })?;
    crate::export::write_all_atomic(&[(out_file.to_path_buf(), &bytes)], &inputs.files)
        .map_err(|e| Error::Usage(e.message(lang)))?;
    let risks = model.risks.len();
    emit(
        out,
        &format!(
            "{} {} → {} ({})\n",
            lang.pick("Geëxporteerd:", "Exported:"),
            count(risks, lang.pick("risico", "risk"), lang.pick("risico's", "risks")),
            out_file.display(),
            lang.pick(
                "bladen Risico's, Instellingen en Keuzelijsten; lees terug met weerstand import",
                "sheets Risico's, Instellingen and Keuzelijsten; read back with weerstand import"
            )
        ),
        lang,
    )
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}
