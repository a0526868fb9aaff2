use super::*;
use predicates::prelude::*;

#[test]
fn the_shipped_register_is_valid() {
    let out = stdout_of(&["validate", IJMOND]);
    assert!(out.contains("IJmond Werkt! — Werkplan 2026"), "{out}");
    assert!(
        out.contains("58 risico's (47 gekwantificeerd, 11 PM), horizon 2026–2029"),
        "{out}"
    );
    // 11 PM risks and one warning for the 32 placeholders.
    assert!(out.contains("geldig, met 12 waarschuwingen"), "{out}");
}

#[test]
fn the_example_register_is_valid() {
    let out = stdout_of(&["validate", EXAMPLE]);
    assert!(
        out.contains("7 risico's (5 gekwantificeerd, 1 PM, 1 geen risico meer)"),
        "{out}"
    );
}

#[test]
fn the_output_names_the_registers_hash() {
    let text = std::fs::read(repo(IJMOND)).unwrap();
    let out = stdout_of(&["validate", IJMOND]);
    let line = out.lines().find(|l| l.starts_with("sha256: ")).unwrap();
    let hash = &line["sha256: ".len()..];
    assert_eq!(hash.len(), 64);
    // Independent check: a changed byte changes the hash shown.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.yaml");
    std::fs::write(&copy, [text.as_slice(), b"\n# extra\n"].concat()).unwrap();
    let out2 = stdout_of(&["validate", copy.to_str().unwrap()]);
    assert!(!out2.contains(hash));
}

#[test]
fn an_invalid_register_reports_every_problem_and_exits_1() {
    let assert = weerstand()
        .current_dir(repo(""))
        .args(["validate", "tests/fixtures/many-errors.yaml"])
        .assert()
        .code(1)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_missing_file_is_an_io_error_with_exit_2() {
    weerstand()
        .args(["validate", "does-not-exist.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "kan het bestand niet lezen: does-not-exist.yaml",
        ));
}

#[test]
fn usage_errors_exit_2() {
    weerstand().args(["validate"]).assert().code(2);
    weerstand().args(["frobnicate"]).assert().code(2);
    weerstand().args(["--lang", "de", "validate", IJMOND]).assert().code(2);
}

#[test]
fn english_on_request() {
    weerstand()
        .current_dir(repo(""))
        .args(["--lang", "en", "validate", "tests/fixtures/many-errors.yaml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "error: tests/fixtures/many-errors.yaml:6:8: 'reserve.cap': YAML reads 500.000 as 500",
        ))
        .stderr(predicate::str::contains(
            "the register is invalid: 18 errors, 0 warnings",
        ));
}

#[test]
fn a_non_utf8_file_is_refused_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.yaml");
    std::fs::write(&file, b"metadata:\n  organisation: caf\xe9\n").unwrap();
    weerstand()
        .args(["validate", file.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "latin1.yaml:2:20: het bestand is geen UTF-8-tekst",
        ));
}

#[test]
fn the_register_is_only_read() {
    let path = repo(IJMOND);
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    for command in ["validate", "list", "matrix"] {
        weerstand()
            .current_dir(repo(""))
            .args([command, IJMOND])
            .assert()
            .success();
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), modified);
}

/// PM risks are named in one line, not one notice each; `--allow` silences a kind of warning on any
/// command; `--deny-warnings` makes the rest an error (exit 1), and with every kind allowed the
/// shipped register passes it.
#[test]
fn warnings_are_summarised_silenced_or_denied() {
    let run = weerstand()
        .current_dir(repo(""))
        .args(["validate", IJMOND])
        .assert()
        .success();
    let stderr = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert_eq!(
        stderr.matches("PM (niet gekwantificeerd").count(),
        1,
        "one PM line: {stderr}"
    );
    assert!(stderr.contains(
        "waarschuwing: 11 risico's zijn PM (niet gekwantificeerd; ze staan in de lijsten maar tellen niet mee in de bedragen en de simulatie): T1-01, T1-02, T1-05,"
    ));
    assert!(stderr.lines().count() < 10, "{stderr}");
    let quiet = weerstand()
        .current_dir(repo(""))
        .args(["validate", IJMOND, "--allow", "pm", "--allow", "placeholder"])
        .assert()
        .success();
    assert_eq!(String::from_utf8(quiet.get_output().stderr.clone()).unwrap(), "");
    assert!(
        String::from_utf8(quiet.get_output().stdout.clone())
            .unwrap()
            .ends_with("geldig\n")
    );
    weerstand()
        .current_dir(repo(""))
        .args(["simulate", IJMOND, "-n", "1000", "--seed", "1", "--deny-warnings"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains(
            "12 waarschuwingen en --deny-warnings: de waarschuwingen gelden als fouten",
        ));
    weerstand()
        .current_dir(repo(""))
        .args([
            "simulate",
            IJMOND,
            "-n",
            "1000",
            "--seed",
            "1",
            "--quiet",
            "--deny-warnings",
            "--allow",
            "pm",
            "--allow",
            "placeholder",
        ])
        .assert()
        .success();
    weerstand()
        .current_dir(repo(""))
        .args(["validate", IJMOND, "--allow", "everything"])
        .assert()
        .code(2);
}

/// `-` reads the register from standard input: the same hash and figures as the file, named
/// `(stdin)` in messages and in the results.
#[test]
fn a_dash_reads_the_register_from_standard_input() {
    let text = std::fs::read(repo(IJMOND)).unwrap();
    let from_file = stdout_of(&["validate", IJMOND]);
    let run = weerstand()
        .args(["validate", "-"])
        .write_stdin(text.clone())
        .assert()
        .success();
    let from_stdin = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    assert_eq!(
        from_stdin.replace("register: (stdin)", &format!("register: {IJMOND}")),
        from_file
    );
    let summary = |input: Option<Vec<u8>>| {
        let mut cmd = weerstand();
        cmd.current_dir(repo(""));
        match input {
            Some(bytes) => cmd.args(["simulate", "-"]).write_stdin(bytes),
            None => cmd.args(["simulate", IJMOND]),
        };
        let out = cmd.args(["-n", "2000", "--seed", "3", "--quiet"]).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let (a, b) = (summary(None), summary(Some(text)));
    assert!(
        a == b.replace("(stdin)", "ijmond-werkt-2026.yaml"),
        "the same figures from standard input"
    );
    weerstand()
        .args(["validate", "-"])
        .write_stdin("metadata: {organisation: X}\n")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("fout: (stdin):1:1:"));
}

/// Shell completions for every shell clap knows, naming every command; a manual page for weerstand
/// and for each command, in roff; an unknown command is a usage error.
#[test]
fn completions_and_manual_pages() {
    let commands = [
        "validate",
        "list",
        "simulate",
        "report",
        "compare",
        "sweep",
        "matrix",
        "diff",
        "afrekening",
    ];
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for c in commands {
            assert!(script.contains(c), "{shell}: {c}");
        }
    }
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH weerstand 1") && page.contains(".SH NAME"), "{page}");
    for c in commands {
        let page = stdout_of(&["man", c]);
        assert!(page.contains(&format!(".TH weerstand-{c} 1")), "{c}: {page}");
    }
    // --version names the commit and its date (reproducible: not the clock's).
    let version = stdout_of(&["--version"]);
    let inner = version
        .trim()
        .strip_prefix(concat!("weerstand ", env!("CARGO_PKG_VERSION"), " (commit "))
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or_else(|| panic!("{version}"));
    let (commit, date) = inner.split_once(", ").unwrap();
    assert!(
        commit == "onbekend" || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{version}"
    );
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let parts: Vec<&str> = date.split('-').collect();
    assert!(
        date == "onbekend" || (parts.len() == 3 && parts.iter().all(|p| digits(p)) && parts[0].len() == 4),
        "{version}"
    );
    weerstand()
        .args(["man", "nope"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "onbekend commando 'nope'; kies uit: validate,",
        ));
}

/// `--format json` gives programs the same figures: validate (valid and invalid, exit 1 for the
/// latter), list (the weighted total that `list` prints), matrix (the exact total the matrix note
/// gives) and simulate (byte for byte the resultaten.json of the same run).
#[test]
fn json_for_programs() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = weerstand()
            .current_dir(repo(""))
            .args(args)
            .arg("--format")
            .arg("json")
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
    };
    let v = json(&["validate", IJMOND]);
    assert_eq!(v["valid"], true);
    assert_eq!(v["risks"]["quantified"], 47);
    assert_eq!(v["sha256"].as_str().unwrap().len(), 64);
    assert!(v["warnings"].as_array().unwrap().iter().any(|w| w["kind"] == "pm"));
    let bad = weerstand()
        .current_dir(repo(""))
        .args(["validate", "tests/fixtures/many-errors.yaml", "--format", "json"])
        .assert()
        .code(1);
    let bad: serde_json::Value = serde_json::from_slice(&bad.get_output().stdout).unwrap();
    assert_eq!(bad["valid"], false);
    assert_eq!(
        bad["errors"].as_array().unwrap().len(),
        18,
        "as many as the text reports"
    );
    assert!(
        bad["errors"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["line"].is_u64() && e["severity"] == "error")
    );
    let list = json(&["list", IJMOND]);
    assert_eq!(list["risks"].as_array().unwrap().len(), 58);
    let text = stdout_of(&["list", IJMOND]);
    assert!(text.contains("Totaal gewogen (netto, 2026): € 4.510.150"), "{text}");
    assert!((list["weighted_total"].as_f64().unwrap() - 4_510_149.8).abs() < 0.01);
    let matrix = json(&["matrix", IJMOND]);
    assert!((matrix["total"]["weighted"].as_f64().unwrap() - 4_540_149.8).abs() < 0.01);
    assert_eq!(matrix["total"]["pm"], 11);
    let dir = tempfile::tempdir().unwrap();
    let out = weerstand()
        .current_dir(repo(""))
        .args([
            "simulate", IJMOND, "-n", "2000", "--seed", "1", "--quiet", "--format", "json", "--out",
        ])
        .arg(dir.path().join("r"))
        .output()
        .unwrap();
    assert_eq!(out.stdout, std::fs::read(dir.path().join("r/resultaten.json")).unwrap());
}

/// Diagnostics mark `fout` in red and `waarschuwing` in yellow with `--color always`; never with
/// `--color never`, nor by default when standard error is not a terminal (as here).
#[test]
fn colour_on_request_only() {
    let stderr = |colour: Option<&str>| {
        let mut cmd = weerstand();
        cmd.current_dir(repo(""))
            .args(["validate", "tests/fixtures/many-errors.yaml"]);
        if let Some(c) = colour {
            cmd.args(["--color", c]);
        }
        String::from_utf8(cmd.assert().code(1).get_output().stderr.clone()).unwrap()
    };
    let always = stderr(Some("always"));
    assert!(
        always.starts_with("\u{1b}[1;31mfout\u{1b}[0m: tests/fixtures/many-errors.yaml:"),
        "{always}"
    );
    for plain in [stderr(Some("never")), stderr(None)] {
        assert!(!plain.contains('\u{1b}'), "{plain}");
        assert!(plain.starts_with("fout: tests/fixtures/many-errors.yaml:"));
    }
}

#[test]
fn the_command_line_speaks_dutch_unless_asked_for_english() {
    let help = stdout_of(&["simulate", "--help"]);
    assert!(
        help.contains("Gebruik: weerstand simulate [OPTIES] <BESTAND>"),
        "{help}"
    );
    assert!(
        help.contains("Aantal iteraties (gesimuleerde jaren) [standaard: 100000]"),
        "{help}"
    );
    let out = weerstand()
        .args(["simulate", "x.yaml", "--iteratons", "5"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.starts_with("fout: onbekende optie '--iteratons'"), "{stderr}");
    assert!(stderr.contains("tip: bedoelt u '--iterations'?"), "{stderr}");
    let english = weerstand()
        .env("WEERSTAND_LANG", "en")
        .args(["simulate", "--help"])
        .assert()
        .success();
    let english = String::from_utf8(english.get_output().stdout.clone()).unwrap();
    assert!(
        english.contains("Usage: weerstand simulate [OPTIONS] <FILE>"),
        "{english}"
    );
    let english = stdout_of(&["--lang", "en", "simulate", "--help"]);
    assert!(english.contains("Number of iterations (simulated years)"), "{english}");
}
