//! The `weerstand` command: parse the arguments, run, exit with the code `app::run` returns.

use clap::Parser;

fn main() {
    let cli = weerstand::cli::Cli::parse();
    std::process::exit(weerstand::app::run(&cli));
}
