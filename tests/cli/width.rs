//! Every command's text fits an 80-column terminal: sentences wrap at words, tables wrap their
//! words, turn a quarter or split, and a number is never broken over two lines.

use super::*;

fn at_80(args: &[&str]) -> String {
    let out = weerstand()
        .current_dir(repo(""))
        .env("COLUMNS", "80")
        .args(args)
        .assert();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn every_command_fits_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let changed = changed_register(dir.path());
    let changed = changed.as_str();
    let runs: [&[&str]; 8] = [
        &["simulate", IJMOND, "-n", "5000", "--seed", "1"],
        &[
            "compare",
            IJMOND,
            "--scenario",
            "risks/scenarios/cao-5-procent.yaml",
            "--scenario",
            "risks/scenarios/liv-niet-doorgegeven.yaml",
            "--scenario",
            "risks/scenarios/reserve-op-plafond.yaml",
            "--set",
            "reserve.balance=500",
            "-n",
            "3000",
            "--seed",
            "1",
        ],
        &["afrekening", "risks/ijmond-werkt-2020.yaml"],
        &["matrix", IJMOND],
        &["list", IJMOND],
        &["validate", IJMOND],
        &["diff", IJMOND, changed, "-n", "2000", "--seed", "1"],
        &[
            "sweep",
            IJMOND,
            "--set",
            "reserve.balance=100..500:100",
            "-n",
            "2000",
            "--seed",
            "1",
        ],
    ];
    for args in runs {
        let text = at_80(args);
        assert!(text.lines().count() > 3, "{args:?}: {text}");
        for line in text.lines() {
            assert!(
                line.chars().count() <= 80,
                "{args:?}: {} characters:\n{line}",
                line.chars().count()
            );
            // A number broken over two lines leaves a lone euro sign or a digit group cut short.
            let cells: Vec<&str> = line.split(['│', '┆']).map(str::trim).collect();
            assert!(
                !cells.contains(&"€") && !line.trim_end().ends_with(" €"),
                "{args:?}: {line}"
            );
        }
    }
    // The year table at 80 columns: every year's expected amount whole, as the JSON has it.
    let text = at_80(&["simulate", IJMOND, "-n", "5000", "--seed", "1"]);
    let json = weerstand()
        .current_dir(repo(""))
        .args(["simulate", IJMOND, "-n", "5000", "--seed", "1", "--format", "json"])
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&json.get_output().stdout).unwrap();
    for year in json["years"].as_array().unwrap() {
        let amount = year["risk_amount"]["mean"].as_f64().unwrap().round() as i64;
        let grouped = amount
            .to_string()
            .as_bytes()
            .rchunks(3)
            .rev()
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join(".");
        assert!(text.contains(&format!("€ {grouped}")), "€ {grouped} whole in\n{text}");
    }
}
