//! Runs a parsed command line: the one place a command's error is printed and turned into the
//! exit code ([`crate::error`]).

use crate::cli::{Cli, Command};
use crate::commands;
use crate::date::Date;
use crate::error::{EXIT_OK, Error, Outcome};
use std::io::Write;

/// Runs the command and returns the process exit code. Results go to stdout, diagnostics to stderr.
pub fn run(cli: &Cli) -> i32 {
    run_to(cli, &mut std::io::stdout().lock())
}

/// [`run`], with the results written to `stdout` (a benchmark passes a sink).
pub fn run_to(cli: &Cli, stdout: &mut dyn Write) -> i32 {
    let lang = cli.lang;
    // Every number this run prints is in the language's format.
    let _numbers = crate::format::style(lang);
    let result = dispatch(cli, stdout);
    let _ = stdout.flush();
    // The one place a failure is printed and turned into the exit code.
    match result {
        Ok(()) => EXIT_OK,
        Err(error) => {
            if let Some(message) = error.message() {
                eprintln!("{message}");
            }
            error.exit_code()
        }
    }
}

/// Runs the command of the command line.
fn dispatch(cli: &Cli, stdout: &mut dyn Write) -> Outcome {
    let lang = cli.lang;
    let today = match &cli.today {
        None => Date::today(),
        Some(text) => Date::parse(text).ok_or_else(|| {
            Error::Usage(format!(
                "{}: --today {text}",
                lang.pick("ongeldige datum", "invalid date")
            ))
        })?,
    };
    crate::diagnostic::set_colour(match cli.color {
        crate::cli::ColorChoice::Always => true,
        crate::cli::ColorChoice::Never => false,
        crate::cli::ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::IsTerminal::is_terminal(&std::io::stderr())
        }
    });
    let env = commands::Env {
        lang,
        today,
        allow: cli.allow.clone(),
        deny_warnings: cli.deny_warnings,
        format: cli.format,
    };
    match &cli.command {
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
            precision,
            overlay,
            out,
        } => commands::simulate::run(&env, file, overlay, (run, precision), out.as_deref(), stdout),
        Command::Report {
            file,
            run,
            precision,
            overlay,
            output,
        } => commands::report::run(&env, file, overlay, (run, precision), output, stdout),
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
        Command::Serve {
            file,
            scenarios,
            iterations,
            seed,
            threads,
            port,
            host,
            save_dir,
            max_iterations,
        } => commands::serve::run(
            &env,
            file,
            scenarios,
            &commands::serve::Options {
                iterations: *iterations,
                seed: *seed,
                threads: *threads,
                port: *port,
                host: host.clone(),
                save_dir: save_dir.clone(),
                max_iterations: *max_iterations,
            },
            stdout,
        ),
        Command::Matrix {
            file,
            rounding,
            unit,
            basis,
            overlay,
        } => commands::matrix::run(&env, file, overlay, *rounding, *unit, basis.basis(), stdout),
        Command::Completions { shell } => {
            let mut command = crate::help::command(lang);
            let mut bytes = Vec::new();
            clap_complete::generate(*shell, &mut command, "weerstand", &mut bytes);
            crate::output::emit(stdout, &String::from_utf8_lossy(&bytes), lang)
        }
        Command::Man { command } => {
            let mut top = crate::help::command(lang);
            top.build();
            let page = match command {
                None => top,
                Some(name) => top
                    .get_subcommands()
                    .find(|c| c.get_name() == name)
                    .cloned()
                    .map(|c| c.name(format!("weerstand-{name}")))
                    .ok_or_else(|| {
                        let names: Vec<&str> = top.get_subcommands().map(|c| c.get_name()).collect();
                        Error::Usage(format!(
                            "{} '{name}'; {}: {}",
                            lang.pick("onbekend commando", "unknown command"),
                            lang.pick("kies uit", "choose from"),
                            names.join(", ")
                        ))
                    })?,
            };
            let mut bytes = Vec::new();
            clap_mangen::Man::new(page)
                .render(&mut bytes)
                .map_err(|e| Error::Usage(e.to_string()))?;
            crate::output::emit(stdout, &String::from_utf8_lossy(&bytes), lang)
        }
        Command::Diff { old, new, run, out } => commands::diff::run(&env, old, new, run, out.as_deref(), stdout),
        Command::Import { file, out, settings } => {
            commands::workbook::import(&env, file, settings.as_deref(), out, stdout)
        }
        Command::Export { file, out } => commands::workbook::export(&env, file, out, stdout),
        Command::Afrekening { file, year, out } => commands::afrekening::run(&env, file, *year, out.as_deref(), stdout),
    }
}
