//! Records the commit the binary was built from and that commit's date, for `weerstand --version`.
//! The date is the commit's, not the clock's, so that two builds of one commit are the same bytes.
//! Without git (a source archive) both read "onbekend".

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn main() {
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "onbekend".into());
    let date = git(&["log", "-1", "--format=%cs"]).unwrap_or_else(|| "onbekend".into());
    println!("cargo:rustc-env=WEERSTAND_COMMIT={commit}");
    println!("cargo:rustc-env=WEERSTAND_COMMIT_DATE={date}");
    // A new commit changes HEAD or the branch it points to.
    for path in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}
