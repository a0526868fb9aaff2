use super::*;
use predicates::prelude::*;

fn json_of(dir: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join("resultaten.json")).unwrap()).unwrap()
}

#[test]
fn prints_the_headline_figures_of_the_paragraph() {
    let out = stdout_of(&["simulate", IJMOND, "--seed", "42", "-n", "20000"]);
    for expected in [
        "weerstand 0.1.0 — IJmond Werkt! 2026–2029",
        "simulatie: 20.000 iteraties, seed 42 (herhaal met --seed 42), netto",
        "Benodigde weerstandscapaciteit 2026 (90% zekerheid): € ",
        "Beschikbare weerstandscapaciteit (algemene reserve): € 250.000 (plafond € 500.000)",
        "Ratio weerstandsvermogen: 0,04 (klasse F, ruim onvoldoende)",
        "Zekerheidspercentages 2026",
        "Extra bijdrage per gemeente (verdeelsleutel)",
        "Beverwijk",
        "Per categorie en risicosoort 2026",
        "Grootste bijdragen aan de benodigde weerstandscapaciteit 2026",
        "Niet meegeteld: 11 PM",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
}

#[test]
fn writes_json_and_csv_with_a_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    weerstand()
        .current_dir(repo(""))
        .args([
            "simulate",
            IJMOND,
            "--seed",
            "7",
            "-n",
            "5000",
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Geschreven:"));
    for file in [
        "resultaten.json",
        "percentielen.csv",
        "jaren.csv",
        "gemeenten.csv",
        "bijdragen.csv",
        "segmenten.csv",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let json = json_of(&out);
    let m = &json["manifest"];
    assert_eq!(m["seed"], 7);
    assert_eq!(m["iterations"], 5000);
    assert_eq!(m["version"], env!("CARGO_PKG_VERSION"));
    let sha = {
        use sha2::{Digest, Sha256};
        Sha256::digest(std::fs::read(repo(IJMOND)).unwrap())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    assert_eq!(m["register_sha256"], sha.as_str());
    assert_eq!(json["years"].as_array().unwrap().len(), 4);
    assert_eq!(json["contributions"].as_array().unwrap().len(), 47);
    let csv = std::fs::read_to_string(out.join("gemeenten.csv")).unwrap();
    assert!(
        csv.starts_with("municipality,share,year,contribution_mean,contribution_at_certainty\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 3 * 5);
}

#[test]
fn the_same_seed_gives_the_same_bytes_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<Vec<u8>> = ["1", "2", "3"]
        .iter()
        .map(|threads| {
            let out = dir.path().join(threads);
            weerstand()
                .current_dir(repo(""))
                .args([
                    "simulate",
                    EXAMPLE,
                    "--seed",
                    "11",
                    "-n",
                    "12345",
                    "--threads",
                    threads,
                    "-q",
                    "--out",
                    out.to_str().unwrap(),
                ])
                .assert()
                .success();
            std::fs::read(out.join("resultaten.json")).unwrap()
        })
        .collect();
    assert_eq!(files[0], files[1]);
    assert_eq!(files[0], files[2]);
}

#[test]
fn a_random_seed_is_printed_and_reproduces_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a");
    let out = weerstand()
        .current_dir(repo(""))
        .args(["simulate", EXAMPLE, "-n", "3000", "--out", first.to_str().unwrap()])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let seed = stdout
        .split("seed ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let again = dir.path().join("b");
    weerstand()
        .current_dir(repo(""))
        .args([
            "simulate",
            EXAMPLE,
            "-n",
            "3000",
            "--seed",
            &seed,
            "--out",
            again.to_str().unwrap(),
        ])
        .assert()
        .success();
    assert_eq!(
        std::fs::read(first.join("resultaten.json")).unwrap(),
        std::fs::read(again.join("resultaten.json")).unwrap()
    );
}

#[test]
fn english_summary() {
    let out = stdout_of(&["--lang", "en", "simulate", EXAMPLE, "--seed", "1", "-n", "2000"]);
    assert!(
        out.contains("Required risk-bearing capacity 2026 (90% certainty)"),
        "{out}"
    );
    assert!(out.contains("Extra contribution per municipality"), "{out}");
    // English number formats throughout: a comma between thousands, a point before decimals.
    let required = out
        .lines()
        .find(|l| l.starts_with("Required risk-bearing capacity"))
        .unwrap();
    let amount = required.split("€ ").nth(1).unwrap().split(' ').next().unwrap();
    assert!(amount.contains(',') && !amount.contains('.'), "{required}");
    assert!(
        out.contains("Ratio: 0.") || out.contains("Ratio: 1.") || out.contains("Ratio: ∞"),
        "{out}"
    );
    let dutch = stdout_of(&["simulate", EXAMPLE, "--seed", "1", "-n", "2000"]);
    assert!(dutch.contains(&format!("€ {}", amount.replace(',', "."))), "{dutch}");
}

#[test]
fn a_chosen_certainty_and_percentiles() {
    let out = stdout_of(&[
        "simulate",
        EXAMPLE,
        "--seed",
        "1",
        "-n",
        "2000",
        "--certainty",
        "95%",
        "--percentiles",
        "60,95",
    ]);
    assert!(out.contains("(95% zekerheid)"), "{out}");
    assert!(out.contains("95% ◄"), "{out}");
    assert!(out.contains("60%"), "{out}");
}

#[test]
fn bad_run_options_are_usage_errors() {
    for args in [
        vec!["simulate", EXAMPLE, "-n", "0"],
        vec!["simulate", EXAMPLE, "-n", "1"],
        vec!["simulate", EXAMPLE, "-n", "999"],
        vec!["simulate", EXAMPLE, "-n", "many"],
        vec!["simulate", EXAMPLE, "--certainty", "150%"],
        vec!["simulate", EXAMPLE, "--certainty", "40%"],
        vec!["simulate", EXAMPLE, "--certainty", "1e-300"],
        vec!["simulate", EXAMPLE, "--percentiles", "50,100"],
        vec!["simulate", EXAMPLE, "--threads", "0"],
    ] {
        weerstand().current_dir(repo("")).args(&args).assert().code(2);
    }
}

#[test]
fn an_invalid_register_is_not_simulated() {
    weerstand()
        .current_dir(repo(""))
        .args(["simulate", "tests/fixtures/many-errors.yaml"])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn a_run_that_does_not_fit_in_memory_is_refused_before_it_starts() {
    weerstand()
        .current_dir(repo(""))
        .env("WEERSTAND_MAX_MEMORY", "100000000")
        .args(["simulate", IJMOND, "-n", "2000000", "--quiet"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "fout: 2.000.000 iteraties hebben ongeveer 0,2 GiB geheugen nodig, en er is 0,1 GiB beschikbaar; kies minder iteraties (-n)",
        ));
}

#[test]
fn a_memory_limit_that_is_not_a_number_is_refused() {
    weerstand()
        .current_dir(repo(""))
        .env("WEERSTAND_MAX_MEMORY", "abc")
        .args(["simulate", IJMOND, "-n", "2000", "--quiet"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "fout: de geheugengrens moet een aantal bytes zijn (een geheel getal): WEERSTAND_MAX_MEMORY='abc'",
        ));
}

/// `--precision`: the run grows until the benodigde capaciteit's interval is that narrow, says where
/// it stopped and why, and stops at the same step with the same bytes on one thread or two; the
/// same numbers as a run of that many iterations.
#[test]
fn a_run_to_a_precision_stops_at_the_same_step_on_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let run = |threads: &str, out: &str| {
        let result = weerstand()
            .current_dir(repo(""))
            .args([
                "simulate",
                IJMOND,
                "--precision",
                "0,5%",
                "--seed",
                "8",
                "--threads",
                threads,
                "--out",
            ])
            .arg(dir.path().join(out))
            .assert()
            .success();
        String::from_utf8(result.get_output().stdout.clone()).unwrap()
    };
    let text = run("1", "een");
    run("2", "twee");
    for file in ["resultaten.json", "resultaten.xlsx", "jaren.csv"] {
        assert_eq!(
            std::fs::read(dir.path().join("een").join(file)).unwrap(),
            std::fs::read(dir.path().join("twee").join(file)).unwrap(),
            "{file}"
        );
    }
    let json = json_of(&dir.path().join("een"));
    let p = &json["manifest"]["precision"];
    assert_eq!(p["stopped"], "precision");
    assert_eq!(p["target_relative"], 0.005);
    let n = json["manifest"]["iterations"].as_u64().unwrap();
    assert_eq!(p["steps"].as_array().unwrap().last().unwrap().as_u64(), Some(n));
    let required = &json["headline"]["required"];
    let half = (required["ci_high"].as_f64().unwrap() - required["ci_low"].as_f64().unwrap()) / 2.0;
    assert!(half <= 0.005 * required["value"].as_f64().unwrap());
    assert!(
        text.contains(&format!(
            "bereikt na {} iteraties",
            n.to_string()
                .as_bytes()
                .rchunks(3)
                .rev()
                .map(|c| std::str::from_utf8(c).unwrap())
                .collect::<Vec<_>>()
                .join(".")
        )),
        "{text}"
    );
    // The same figures as a run of that many iterations.
    let fixed = weerstand()
        .current_dir(repo(""))
        .args([
            "simulate",
            IJMOND,
            "--seed",
            "8",
            "--format",
            "json",
            "-n",
            &n.to_string(),
        ])
        .assert()
        .success();
    let fixed: serde_json::Value = serde_json::from_slice(&fixed.get_output().stdout).unwrap();
    assert_eq!(fixed["headline"], json["headline"]);
    assert_eq!(fixed["years"], json["years"]);
}
