//! The command line: what the user can ask for.

use crate::lang::Lang;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// weerstand: Monte Carlo weerstandsvermogen for Dutch public bodies.
///
/// Reads a YAML risk register and produces what the paragraaf weerstandsvermogen en
/// risicobeheersing needs. Exit codes: 0 = done (the register is valid), 1 = the register (or a
/// scenario) is invalid, 2 = usage error or a file that cannot be read or written.
#[derive(Debug, Parser)]
#[command(name = "weerstand", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Language of all output: Dutch (nl, default) or English (en).
    #[arg(long, global = true, value_enum, default_value_t = Lang::Nl, env = "WEERSTAND_LANG")]
    pub lang: Lang,

    /// Reference date (YYYY-MM-DD) for "reviewed more than a year ago" warnings; default today.
    #[arg(long, global = true, env = "WEERSTAND_TODAY", hide = true)]
    pub today: Option<String>,

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
    },
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
