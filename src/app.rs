//! Runs a parsed command line and maps the outcome to an exit code.

use crate::cli::{Cli, Command};
use crate::commands;
use crate::date::Date;
use crate::lang::Lang;
use std::io::Write;

/// Exit code: done, the register is valid.
pub const EXIT_OK: i32 = 0;
/// Exit code: the register (or a scenario file) is invalid.
pub const EXIT_INVALID: i32 = 1;
/// Exit code: usage error, or a file that cannot be read or written.
pub const EXIT_USAGE: i32 = 2;

/// Runs the command and returns the process exit code. Results go to stdout, diagnostics to stderr.
pub fn run(cli: &Cli) -> i32 {
    run_to(cli, &mut std::io::stdout().lock())
}

/// [`run`], with the results written to `stdout` (a benchmark passes a sink).
pub fn run_to(cli: &Cli, stdout: &mut dyn Write) -> i32 {
    let lang = cli.lang;
    // Every number this run prints is in the language's format.
    let _numbers = crate::format::style(lang);
    let today = match &cli.today {
        None => Date::today(),
        Some(text) => match Date::parse(text) {
            Some(date) => date,
            None => {
                eprintln!("{}: --today {text}", lang.pick("ongeldige datum", "invalid date"));
                return EXIT_USAGE;
            }
        },
    };
    let env = commands::Env { lang, today };
    let result = match &cli.command {
        Command::Validate { file, overlay } => commands::validate::run(&env, file, overlay, stdout),
        Command::List {
            file,
            sort,
            basis,
            overlay,
        } => commands::list::run(&env, file, overlay, *sort, basis.basis(), stdout),
        Command::Simulate {
            file,
            run,
            overlay,
            out,
        } => commands::simulate::run(&env, file, overlay, run, out.as_deref(), stdout),
        Command::Report {
            file,
            run,
            overlay,
            output,
        } => commands::report::run(&env, file, overlay, run, output, stdout),
        Command::Compare {
            file,
            scenarios,
            set,
            run,
            out,
        } => commands::compare::run(&env, file, scenarios, set, run, out.as_deref(), stdout),
        Command::Sweep {
            file,
            set,
            scenario,
            run,
            out,
        } => commands::sweep::run(&env, file, scenario, set, run, out.as_deref(), stdout),
        Command::Matrix {
            file,
            rounding,
            unit,
            basis,
            overlay,
        } => commands::matrix::run(&env, file, overlay, *rounding, *unit, basis.basis(), stdout),
    };
    let _ = stdout.flush();
    match result {
        Ok(()) => EXIT_OK,
        Err(code) => code,
    }
}

/// Writes to stdout; a closed pipe (`weerstand list … | head`) ends the run quietly.
pub fn emit(out: &mut dyn Write, text: &str, lang: Lang) -> Result<(), i32> {
    // Register text must not act on the terminal; tables are made from printable text already
    // (`table::truncate`), this catches whatever else carries it.
    match out.write_all(crate::printable::printable(text).as_bytes()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(EXIT_OK),
        Err(e) => {
            eprintln!(
                "{}: {e}",
                lang.pick("kan uitvoer niet schrijven", "cannot write output")
            );
            Err(EXIT_USAGE)
        }
    }
}
