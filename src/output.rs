//! Writing a command's result to stdout.

use crate::error::Error;
use crate::lang::Lang;
use std::io::Write;

/// Writes text for people to stdout, its sentences wrapped at the terminal's width
/// ([`crate::table::width`]; tables fit by themselves); a closed pipe (`weerstand list … | head`)
/// ends the run quietly. Register text must not act on the terminal; tables are made from printable
/// text already (`table::truncate`), this catches whatever else carries it.
pub fn emit(out: &mut dyn Write, text: &str, lang: Lang) -> Result<(), Error> {
    match crate::table::width() {
        Some(width) => write(out, &crate::table::fit_text(text, width).replace('\u{a0}', " "), lang),
        None => write(out, text, lang),
    }
}

/// Writes JSON (or any text for programs) to stdout as it is: never wrapped.
pub fn emit_json(out: &mut dyn Write, text: &str, lang: Lang) -> Result<(), Error> {
    write(out, text, lang)
}

fn write(out: &mut dyn Write, text: &str, lang: Lang) -> Result<(), Error> {
    match out.write_all(crate::printable::printable(text).as_bytes()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::Quiet),
        Err(e) => Err(Error::Usage(format!(
            "{}: {e}",
            lang.pick("kan uitvoer niet schrijven", "cannot write output")
        ))),
    }
}
