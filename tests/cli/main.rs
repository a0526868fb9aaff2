//! The command-line tool as a user runs it: one test binary, one module per command.

mod afrekening;
mod diff;
mod hostile;
mod list;
mod matrix;
mod print;
mod report;
mod scenario;
mod simulate;
mod validate;
mod width;
mod workbook;

use assert_cmd::Command;
use std::path::PathBuf;

/// The `weerstand` binary with a fixed reference date and no language from the environment.
pub fn weerstand() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("weerstand"));
    cmd.env("WEERSTAND_TODAY", "2026-11-24")
        .env_remove("WEERSTAND_LANG")
        .env_remove("COLUMNS");
    cmd
}

/// A path relative to the repository root.
pub fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub const IJMOND: &str = "risks/ijmond-werkt-2026.yaml";
pub const EXAMPLE: &str = "examples/voorbeeld-gr.yaml";

/// stdout of a successful run.
pub fn stdout_of(args: &[&str]) -> String {
    let out = weerstand().current_dir(repo("")).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}
