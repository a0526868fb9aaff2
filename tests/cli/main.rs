//! The command-line tool as a user runs it: one test binary, one module per command.

mod afrekening;
mod browser;
mod diff;
mod hostile;
mod list;
mod matrix;
mod print;
mod report;
mod scenario;
mod serve;
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

/// A copy of the shipped register in `dir` with T4-01's probability at 80% instead of 63%: a
/// second register for `diff`.
pub fn changed_register(dir: &std::path::Path) -> String {
    let changed = dir.join("ijmond-80.yaml");
    let original = std::fs::read_to_string(repo(IJMOND)).unwrap();
    std::fs::write(
        &changed,
        original.replace("    probability: 63%\n", "    probability: 80%\n"),
    )
    .unwrap();
    changed.to_str().unwrap().to_string()
}

/// Says on the terminal, past the test harness's capture of a passing test's output, that a test
/// did not run what it should have (a browser missing on this machine).
pub fn say_skipped(what: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "\nDID NOT RUN: {what}");
}

/// stdout of a successful run.
pub fn stdout_of(args: &[&str]) -> String {
    let out = weerstand().current_dir(repo("")).args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}
