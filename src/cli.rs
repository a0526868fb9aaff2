//! The command line: what the user can ask for.

use crate::lang::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// weerstand: Monte Carlo weerstandsvermogen for Dutch public bodies.
///
/// Reads a YAML risk register and produces what the paragraaf weerstandsvermogen en
/// risicobeheersing needs. Exit codes: 0 = done (the register is valid), 1 = the register, a
/// scenario or a template is invalid, 2 = usage error, a file that cannot be read or written, or a
/// run that would not fit in memory.
#[derive(Debug, Parser)]
#[command(
    name = "weerstand",
    version = concat!(
        env!("CARGO_PKG_VERSION"),
        " (commit ",
        env!("WEERSTAND_COMMIT"),
        ", ",
        env!("WEERSTAND_COMMIT_DATE"),
        ")"
    ),
    propagate_version = true,
    max_term_width = 100,
    after_help = "Environment: WEERSTAND_LANG (nl or en), WEERSTAND_MAX_MEMORY (bytes a run may use; default the available memory).\nThe register and scenario files are never written; every output is written whole or not at all.\nStart with: weerstand report risks/ijmond-werkt-2026.yaml --out rapport"
)]
pub struct Cli {
    /// Language of all output: Dutch (nl, default) or English (en).
    #[arg(long, global = true, value_enum, default_value_t = Lang::Nl, env = "WEERSTAND_LANG")]
    pub lang: Lang,

    /// Reference date (YYYY-MM-DD) for "reviewed more than a year ago" warnings; default today.
    #[arg(long, global = true, env = "WEERSTAND_TODAY", hide = true)]
    pub today: Option<String>,

    /// Silence warnings of this kind (repeatable): pm, review, placeholder, retired, lognormal,
    /// published, year, unchanged, column.
    #[arg(long, global = true, value_enum, value_name = "KIND")]
    pub allow: Vec<crate::problem::WarningKind>,

    /// Treat warnings (those not silenced with --allow) as errors: print them and exit with code 1.
    #[arg(long, global = true)]
    pub deny_warnings: bool,

    /// Colour `fout`/`waarschuwing` on standard error: auto (on a terminal, unless NO_COLOR is set),
    /// always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Output for people (text, default) or for programs (json): validate, list, matrix and
    /// simulate print JSON on standard output instead of their text (the same figures).
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a register and report every problem at once, with file, line and column.
    ///
    /// Errors make the register unusable (exit code 1); warnings point at things that are legal but
    /// suspicious (a review over a year old, a PM risk, a retired risk with a probability).
    Validate {
        /// The register file (YAML).
        file: PathBuf,
        #[command(flatten)]
        overlay: ScenarioArgs,
    },
    /// List the risks as a table: id, title, category, status, probability, impact range and the
    /// weighted amount (probability × expected impact).
    List {
        /// The register file (YAML).
        file: PathBuf,
        /// Order of the rows.
        #[arg(long, value_enum, default_value_t = SortKey::File)]
        sort: SortKey,
        #[command(flatten)]
        basis: BasisArgs,
        #[command(flatten)]
        overlay: ScenarioArgs,
    },
    /// Simulate the register: the benodigde weerstandscapaciteit at the zekerheidspercentage, the
    /// ratio and its grade, the chance of exhausting the reserve, the extra contribution per
    /// municipality, per year, per category and per risk type, and each risk's contribution.
    ///
    /// The same register, seed and number of iterations give the same numbers on any machine and
    /// for any number of threads.
    Simulate {
        /// The register file (YAML).
        file: PathBuf,
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        precision: PrecisionArgs,
        #[command(flatten)]
        overlay: ScenarioArgs,
        /// Write the full results (resultaten.json, resultaten.xlsx) and the tables (CSV) into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// The whole job: simulate, print the summary, and write the paragraaf weerstandsvermogen en
    /// risicobeheersing into a folder: risicoparagraaf.md, a self-contained risicoparagraaf.html
    /// (charts inline, prints on A4), every chart as PNG and SVG, resultaten.json and the CSV tables.
    Report {
        /// The register file (YAML).
        file: PathBuf,
        #[command(flatten)]
        run: RunArgs,
        #[command(flatten)]
        precision: PrecisionArgs,
        #[command(flatten)]
        overlay: ScenarioArgs,
        #[command(flatten)]
        output: ReportArgs,
    },
    /// Compare the register with what-if scenarios, side by side: expected shortfall, benodigde
    /// capaciteit, chance the reserve falls short, extra contribution (per municipality), ratio and
    /// grade, each with its difference from the base. All runs use the same draws per risk, so a
    /// difference is the scenario's effect, not chance.
    Compare {
        /// The register file (YAML).
        file: PathBuf,
        /// A scenario file to compare (repeatable).
        #[arg(long = "scenario", value_name = "FILE")]
        scenarios: Vec<PathBuf>,
        /// One extra scenario from these changes, e.g. --set reserve.balance=500 (amounts in the
        /// register's unit: € 500.000 in a register kept in € 1.000, as the shipped one; repeatable).
        #[arg(long, value_name = "PATH=VALUE")]
        set: Vec<String>,
        #[command(flatten)]
        run: RunArgs,
        /// Write vergelijking.json, .csv, .xlsx and the chart (PNG, SVG) into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Run the register along one parameter, e.g. --set risks.T4-01.impact.driver.percent=1..8:1,
    /// and show where the chance that the reserve falls short reaches 10%.
    Sweep {
        /// The register file (YAML).
        file: PathBuf,
        /// The parameter and its range PATH=FROM..TO:STEP (exactly one), and any fixed changes
        /// PATH=VALUE.
        #[arg(long, value_name = "PATH=FROM..TO:STEP", required = true)]
        set: Vec<String>,
        /// Scenario files applied first (repeatable).
        #[arg(long, value_name = "FILE")]
        scenario: Vec<PathBuf>,
        #[command(flatten)]
        run: RunArgs,
        /// Write doorrekening.csv, .json, .xlsx and the chart (PNG, SVG) into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Serve a what-if page on this machine for the board's questions: the register's headline,
    /// curves and contributions, with knobs for every driver, the reserve, the
    /// zekerheidspercentage, each risk and the scenario files given; every change is simulated
    /// again with the same draws and shown beside the register. The page can save the what-if as
    /// a scenario file; the register itself is never written.
    Serve {
        /// The register file (YAML).
        file: PathBuf,
        /// A scenario file the page offers to switch on (repeatable).
        #[arg(long = "scenario", value_name = "FILE")]
        scenarios: Vec<PathBuf>,
        /// Number of iterations (simulated years) of every run.
        #[arg(long, short = 'n', default_value_t = crate::sim::DEFAULT_ITERATIONS, value_parser = parse_iterations)]
        iterations: usize,
        /// Seed of the random numbers; without it a random seed is chosen and shown.
        #[arg(long)]
        seed: Option<u64>,
        /// Number of threads (default: all cores). The results do not depend on it.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1024))]
        threads: Option<u16>,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The address to listen on. The default serves this machine only; any other address
        /// shares the page, and its save button, with the network.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// The folder saved scenarios are written to (default: `scenarios` beside the register).
        #[arg(long, value_name = "DIR")]
        save_dir: Option<PathBuf>,
        /// The most iterations a page may ask for.
        #[arg(long, default_value_t = 1_000_000, value_parser = parse_iterations)]
        max_iterations: usize,
    },
    /// Print the quantified risk matrix ("Kwalificatie en kwantificering risico's"): weighted
    /// amounts per category and risk type, with totals, in the layout of the Werkplan.
    Matrix {
        /// The register file (YAML).
        file: PathBuf,
        /// Round every cell and total to a multiple of this many euros (default: the register's
        /// `matrix.rounding`, else € 1.000).
        #[arg(long)]
        rounding: Option<f64>,
        /// Show amounts in this unit of euros (default: the register's `matrix.unit`, else 1000).
        #[arg(long)]
        unit: Option<f64>,
        #[command(flatten)]
        basis: BasisArgs,
        #[command(flatten)]
        overlay: ScenarioArgs,
    },
    /// What changed between two registers: risks added, removed and changed (with proposed matches
    /// by title), municipalities that joined or left, the reserve; and the change in the benodigde
    /// capaciteit attributed to the changes, step by step with common random numbers.
    Diff {
        /// The older register (YAML).
        old: PathBuf,
        /// The newer register (YAML).
        new: PathBuf,
        #[command(flatten)]
        run: RunArgs,
        /// Write verschil.csv, .json, .xlsx and the waterfall chart (PNG, SVG) into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Read a register kept as a workbook (Excel .xlsx/.xlsm/.xls, LibreOffice .ods, or .csv) and write
    /// it as a YAML register: one row per risk on the sheet "Risico's" (columns named as you name
    /// them: Id, Risico, Oorzaak, Gevolg, Categorie, Soort, Status, Kans, Impact or Impact min/meest
    /// waarschijnlijk/max, Maatregelen, Eigenaar, Datum …), the settings on the sheet "Instellingen"
    /// or from a register (--settings). Every problem is reported at its sheet and cell; nothing is
    /// written until the register is valid. Template: examples/register-sjabloon.xlsx.
    Import {
        /// The workbook (.xlsx, .xlsm, .xls, .ods or .csv).
        file: PathBuf,
        /// The YAML register to write.
        #[arg(long, value_name = "REGISTER.yaml")]
        out: PathBuf,
        /// Take the settings (reserve, verdeelsleutel, horizon, drivers …) from this YAML register
        /// instead of the workbook's sheet "Instellingen".
        #[arg(long, value_name = "REGISTER.yaml")]
        settings: Option<PathBuf>,
    },
    /// Write a register as an Excel workbook (risks, settings, and the lists to choose from), to
    /// keep in Excel and read back with `weerstand import`.
    Export {
        /// The register file (YAML).
        file: PathBuf,
        /// The workbook to write (.xlsx).
        #[arg(long, value_name = "WORKBOOK.xlsx")]
        out: PathBuf,
    },
    /// Print a shell completion script: `weerstand completions bash > /etc/bash_completion.d/weerstand`
    /// (or zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of weerstand, or of one command: `weerstand man | man -l -`.
    Man {
        /// The command to print the page of (default: weerstand itself).
        command: Option<String>,
    },
    /// The settlement of a year that has passed (afrekening): per taakveld and municipality the
    /// realised costs (direct and overhead) against the contributions invoiced, what each
    /// municipality pays or gets back, the reserve's movement and what happened to the risks; from
    /// the register's `realised:` section.
    Afrekening {
        /// The register file (YAML).
        file: PathBuf,
        /// The year to settle (default: the last realised year in the register).
        #[arg(long)]
        year: Option<i32>,
        /// Write afrekening.csv, .json and .xlsx into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// What the report contains and where it goes.
#[derive(Debug, Args, Clone)]
pub struct ReportArgs {
    /// The folder to write the report into (created if needed).
    #[arg(long, value_name = "DIR", default_value = "rapport")]
    pub out: PathBuf,
    /// Your own paragraph template (minijinja/Jinja2, Markdown), instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Add a "what if" section comparing these scenario files with the register (repeatable).
    #[arg(long = "compare", value_name = "FILE")]
    pub compare: Vec<PathBuf>,
}

/// When to colour diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Who the output is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// What-if overlays on the register.
#[derive(Debug, Args, Clone, Default)]
pub struct ScenarioArgs {
    /// Apply a scenario file (repeatable; applied in order).
    #[arg(long, value_name = "FILE")]
    pub scenario: Vec<std::path::PathBuf>,
    /// Change one value, e.g. --set reserve.balance=500 or --set risks.T4-01.probability=1
    /// (amounts in the register's unit: € 500.000 in a register kept in € 1.000, as the shipped
    /// one; repeatable; applied after the scenario files).
    #[arg(long, value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

/// How to run a simulation.
#[derive(Debug, Args, Clone)]
pub struct RunArgs {
    /// Number of iterations (simulated years).
    #[arg(long, short = 'n', default_value_t = crate::sim::DEFAULT_ITERATIONS, value_parser = parse_iterations)]
    pub iterations: usize,
    /// Seed of the random numbers; without it a random seed is chosen and printed.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Number of threads (default: all cores). The results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// Zekerheidspercentage, at least 50% and below 100%, e.g. 90% or 0.9 (default: the register's).
    #[arg(long, value_parser = parse_certainty)]
    pub certainty: Option<f64>,
    /// Percentiles of the table, e.g. 50,70,90,95 or 0.5,0.9 (default 50,70,75,80,85,90,95,99).
    #[arg(long, value_parser = parse_percentiles)]
    pub percentiles: Option<Percentiles>,
    /// Count planned measures too, not only those in place (netto incl. gepland).
    #[arg(long)]
    pub with_planned: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Running until the benodigde capaciteit is known to a precision.
#[derive(Debug, Args, Clone)]
pub struct PrecisionArgs {
    /// Run until the 95% confidence interval of the benodigde weerstandscapaciteit is this narrow
    /// on either side: a percentage of it (0,5%) or an amount in euros (5000), in steps of 10.000
    /// iterations doubled each time (the same seed stops at the same step); replaces --iterations.
    #[arg(long, value_parser = parse_precision)]
    pub precision: Option<crate::sim::precision::Target>,
    /// The most iterations a run to a precision may take.
    #[arg(long, default_value_t = 10_000_000, value_parser = parse_iterations)]
    pub max_iterations: usize,
}

/// `0,5%` (a fraction of the capaciteit) or `5000` / `€ 5.000` (euros).
fn parse_precision(text: &str) -> Result<crate::sim::precision::Target, String> {
    let t = text.trim();
    if let Some(p) = t.strip_suffix('%') {
        let p: f64 = p
            .trim()
            .replace(',', ".")
            .parse()
            .map_err(|_| format!("'{text}' is not a percentage"))?;
        if !(p > 0.0 && p < 100.0) {
            return Err(format!("'{text}': a precision is more than 0% and less than 100%"));
        }
        return Ok(crate::sim::precision::Target::Relative(p / 100.0));
    }
    let euros: f64 = t
        .trim_start_matches('€')
        .trim()
        .replace('.', "")
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("'{text}' is neither a percentage (0,5%) nor an amount in euros (5000)"))?;
    if !(euros > 0.0 && euros.is_finite()) {
        return Err(format!("'{text}': a precision is an amount above 0"));
    }
    Ok(crate::sim::precision::Target::Euros(euros))
}

/// The most iterations a run accepts: ten million years of four years of totals take 320 MB.
pub const MAX_ITERATIONS: usize = 50_000_000;

/// The fewest: with 1.000 simulated years the distribution-free confidence interval of the 99th
/// percentile still lies between two simulated years on either side (ranks 984 to 996).
pub const MIN_ITERATIONS: usize = 1_000;

fn parse_iterations(text: &str) -> Result<usize, String> {
    let n: usize = text
        .replace(['_', '.'], "")
        .parse()
        .map_err(|_| format!("'{text}' is not a whole number"))?;
    if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&n) {
        return Err(format!(
            "iterations must be between {MIN_ITERATIONS} and {MAX_ITERATIONS}: below {MIN_ITERATIONS} the 95% confidence interval of a percentile has too few simulated years to stand on"
        ));
    }
    Ok(n)
}

/// Percentages as the command line takes them, one rule for a whole list: a value with `%` is a
/// percentage; without, the values are fractions when every one of them is below 1 (`0.5,0.9`) and
/// percentages otherwise (`50,90`; `2,0.5,1.5` is 2%, 0,5% and 1,5%; `1` is 1%). Each must lie
/// strictly between 0% and 100%. A list is separated by commas, so its decimals take a point.
fn parse_percentages<'a>(values: impl IntoIterator<Item = &'a str>) -> Result<Vec<f64>, String> {
    let parts: Vec<(f64, bool)> = values
        .into_iter()
        .map(|part| {
            let t = part.trim();
            let (digits, percent) = t.strip_suffix('%').map_or((t, false), |d| (d.trim(), true));
            digits
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(|v| (v, percent))
                .ok_or_else(|| format!("'{t}' is not a percentage"))
        })
        .collect::<Result<_, _>>()?;
    let fractions = parts.iter().all(|&(v, percent)| !percent && v < 1.0);
    parts
        .iter()
        .map(|&(v, percent)| {
            let f = if fractions { v } else { v / 100.0 };
            if f > 0.0 && f < 1.0 {
                Ok(f)
            } else {
                let shown = if percent { format!("{v}%") } else { v.to_string() };
                Err(format!(
                    "'{shown}': a percentage must be more than 0% and less than 100%"
                ))
            }
        })
        .collect()
}

/// `90%`, `90` or `0.9`: the zekerheidspercentage, by the register's rule at least 50% and below
/// 100%.
pub fn parse_certainty(text: &str) -> Result<f64, String> {
    let range = || format!("'{text}': the zekerheidspercentage must be at least 50% and less than 100%");
    // One value: a decimal comma is a decimal comma here (`0,9`).
    match parse_percentages([text]) {
        Ok(c) if c[0] >= 0.5 => Ok(c[0]),
        Err(e) if e.contains("is not a percentage") => Err(e),
        _ => Err(range()),
    }
}

/// The percentiles of the table, as fractions in the order given.
#[derive(Clone, Debug, PartialEq)]
pub struct Percentiles(pub Vec<f64>);

/// `50,70,90,95` or `0.5,0.9`: see [`parse_percentages`] for the one unit rule.
pub fn parse_percentiles(text: &str) -> Result<Percentiles, String> {
    parse_percentages(text.split(',')).map(Percentiles)
}

/// Which measures count (bruto: none; netto: those in place, the default).
#[derive(Debug, Args, Clone, Copy)]
pub struct BasisArgs {
    /// Bruto: the risks as registered, before any measure.
    #[arg(long, conflicts_with = "with_planned")]
    pub bruto: bool,
    /// Netto including planned measures, not only those in place.
    #[arg(long)]
    pub with_planned: bool,
}

impl BasisArgs {
    pub fn basis(self) -> crate::model::Basis {
        match (self.bruto, self.with_planned) {
            (true, _) => crate::model::Basis::Bruto,
            (false, true) => crate::model::Basis::NettoWithPlanned,
            (false, false) => crate::model::Basis::Netto,
        }
    }
}

/// Row order of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortKey {
    /// As in the register file.
    File,
    /// Largest weighted amount first.
    Weighted,
    /// By id.
    Id,
    /// By category, then id.
    Category,
    /// By status, then largest weighted amount.
    Status,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and every option the user can see says what it does.
    #[test]
    fn the_help_describes_every_command_and_option() {
        let cli = Cli::command();
        cli.clone().debug_assert();
        let mut commands = vec![cli.clone()];
        commands.extend(cli.get_subcommands().filter(|c| c.get_name() != "help").cloned());
        for command in &commands {
            assert!(
                command.get_about().is_some(),
                "{} has no description",
                command.get_name()
            );
            for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                assert!(
                    arg.get_help().is_some_and(|h| h.to_string().len() > 10),
                    "{} {id} has no help",
                    command.get_name()
                );
            }
        }
        assert_eq!(commands.len(), 15, "the top level and fourteen commands");
    }

    /// One unit rule for the command line's percentages, and the register's range for the
    /// zekerheidspercentage.
    #[test]
    fn percentages_follow_one_rule() {
        let p = |t: &str| parse_percentiles(t).map(|p| p.0);
        assert_eq!(p("50,70,90"), Ok(vec![0.5, 0.7, 0.9]));
        assert_eq!(p("0.5,0.9"), Ok(vec![0.5, 0.9]));
        assert_eq!(
            p("2,0.5,1.5"),
            Ok(vec![0.02, 0.005, 0.015]),
            "one unit for the whole list"
        );
        assert_eq!(p("1"), Ok(vec![0.01]));
        assert_eq!(p("90%,0.5"), Ok(vec![0.9, 0.005]));
        for bad in ["100", "0", "100%", "0%", "-5", "x", "inf"] {
            assert!(p(bad).is_err(), "{bad}");
        }
        assert!(p("0").unwrap_err().contains("more than 0% and less than 100%"));
        assert_eq!(parse_certainty("90%"), Ok(0.9));
        assert_eq!(parse_certainty("0,9"), Ok(0.9));
        assert_eq!(parse_certainty("90"), Ok(0.9));
        assert_eq!(parse_certainty("50%"), Ok(0.5));
        for bad in ["40%", "1e-300", "100%", "0.4", "1"] {
            assert!(
                parse_certainty(bad)
                    .unwrap_err()
                    .contains("at least 50% and less than 100%"),
                "{bad}"
            );
        }
    }
}
