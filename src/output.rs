//! Writing a command's result to stdout.

use crate::error::Error;
use crate::lang::Lang;
use std::io::Write;

/// Writes to stdout; a closed pipe (`weerstand list … | head`) ends the run quietly. Register text
/// must not act on the terminal; tables are made from printable text already (`table::truncate`),
/// this catches whatever else carries it.
pub fn emit(out: &mut dyn Write, text: &str, lang: Lang) -> Result<(), Error> {
    match out.write_all(crate::printable::printable(text).as_bytes()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::Quiet),
        Err(e) => Err(Error::Usage(format!(
            "{}: {e}",
            lang.pick("kan uitvoer niet schrijven", "cannot write output")
        ))),
    }
}
