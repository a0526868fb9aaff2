//! What-if questions: scenario files, `--set`, `compare` and `sweep`.

use super::*;
use predicates::prelude::*;

const SCENARIOS: [&str; 4] = [
    "risks/scenarios/cao-5-procent.yaml",
    "risks/scenarios/cao-samenwerkingsverbanden.yaml",
    "risks/scenarios/liv-niet-doorgegeven.yaml",
    "risks/scenarios/reserve-op-plafond.yaml",
];

/// `weerstand COMMAND IJMOND --scenario FILE ARGS…`, FILE a scenario `name` holding `text` in a
/// fresh folder.
fn with_scenario(command: &str, name: &str, text: &str, args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join(name);
    std::fs::write(&scenario, text).unwrap();
    weerstand()
        .current_dir(repo(""))
        .args([command, IJMOND, "--scenario", scenario.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap()
}

fn json_in(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn every_shipped_scenario_applies_to_the_shipped_register() {
    let mut shipped: Vec<String> = std::fs::read_dir(repo("risks/scenarios"))
        .unwrap()
        .map(|e| format!("risks/scenarios/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    shipped.sort();
    assert!(shipped.len() > SCENARIOS.len(), "{shipped:?}");
    for scenario in &shipped {
        weerstand()
            .current_dir(repo(""))
            .args(["validate", IJMOND, "--scenario", scenario.as_str()])
            .assert()
            .success()
            .stdout(predicate::str::contains("geldig"));
    }
}

#[test]
fn compare_puts_the_scenarios_beside_the_base_with_differences() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("wat-als");
    let mut args = vec!["compare", IJMOND, "--seed", "5", "-n", "20000", "--quiet"];
    for s in SCENARIOS {
        args.extend(["--scenario", s]);
    }
    args.extend(["--out", out.to_str().unwrap()]);
    let text = stdout_of(&args);
    for expected in [
        "common random numbers",
        "Basis (register)",
        "Verwacht risicobedrag 2026",
        "Benodigde weerstandscapaciteit 2026 (90% zekerheid)",
        "Kans dat de reserve tekortschiet 2026",
        "Beverwijk",
        "Ratio weerstandsvermogen",
        "Klasse",
        "+€ ",
        "−€ 250.000",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let json = json_in(&out.join("vergelijking.json"));
    let runs = json["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 5);
    let required = |i: usize| runs[i]["required"].as_f64().unwrap();
    let expected = |i: usize| runs[i]["expected_risk_amount"].as_f64().unwrap();
    // Cao 5% certain and structural replaces the cao risk (at most 5% of the loonsom, € 21.779 x
    // € 1.000, Werkplan L3128-L3138): the shortfall rises, by less than 5% of the loonsom.
    assert!(required(1) > required(0) && expected(1) > expected(0));
    assert!(expected(1) - expected(0) <= 0.05 * 21_779_000.0);
    // A fuller reserve changes nothing about the losses, only who carries them.
    assert_eq!(expected(4), expected(0));
    assert_eq!(required(4), required(0));
    for file in ["vergelijking.csv", "vergelijking.png", "vergelijking.svg"] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    assert_eq!(json["manifest"]["seed"], 5);
    // The CSV holds numbers, the same as the JSON (to its six decimals), never display text.
    let csv = std::fs::read_to_string(out.join("vergelijking.csv")).unwrap();
    assert!(
        csv.starts_with("run,expected_risk_amount,expected_risk_amount_difference,required,required_difference,"),
        "{csv}"
    );
    assert!(
        !csv.contains('€') && !csv.contains(",=") && !csv.contains("procentpunt"),
        "{csv}"
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 5, "one row per run");
    let cell = |run: &str, figure: &str| -> f64 {
        let column = header
            .iter()
            .position(|h| h == figure)
            .unwrap_or_else(|| panic!("{figure}"));
        records.iter().find(|r| &r[0] == run).unwrap_or_else(|| panic!("{run}"))[column]
            .parse()
            .unwrap()
    };
    let name = runs[1]["name"].as_str().unwrap();
    assert!((cell(name, "required") - required(1)).abs() < 1e-6);
    assert!((cell(name, "required_difference") - (required(1) - required(0))).abs() < 1e-5);
    assert!((cell("Basis (register)", "p_reserve_short") - runs[0]["p_reserve_short"].as_f64().unwrap()).abs() < 1e-6);
}

#[test]
fn compare_with_the_same_seed_is_reproducible_and_set_is_a_scenario() {
    let args = [
        "compare",
        IJMOND,
        "--seed",
        "9",
        "-n",
        "5000",
        "--quiet",
        "--set",
        "reserve.balance=500",
    ];
    let first = stdout_of(&args);
    assert_eq!(first, stdout_of(&args));
    // Named by what it changes, in euros (the register is kept in € 1.000), with the argument
    // itself beside it so the run can be repeated.
    assert!(
        first.contains("• Algemene reserve: € 500.000: --set reserve.balance=500"),
        "{first}"
    );
}

#[test]
fn a_reserve_only_scenario_shows_its_own_reserve_in_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("c");
    stdout_of(&[
        "compare",
        IJMOND,
        "--seed",
        "9",
        "-n",
        "5000",
        "--quiet",
        "--set",
        "reserve.balance=400",
        "--out",
        out.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(out.join("vergelijking.svg")).unwrap();
    assert!(
        svg.contains("Algemene reserve: € 400.000 (zelfde verloop als de basis)"),
        "the legend names the change"
    );
    assert!(
        svg.contains("reserve in dit scenario: € 400.000"),
        "its reserve is drawn and named"
    );
    assert!(svg.contains("Algemene reserve (basis) € 250.000"));
    assert!(!svg.contains("--set"), "no raw arguments in the chart");
}

#[test]
fn set_on_simulate_changes_the_reserve() {
    let out = stdout_of(&[
        "simulate",
        IJMOND,
        "--seed",
        "1",
        "-n",
        "5000",
        "--set",
        "reserve.balance=500",
    ]);
    assert!(
        out.contains("Beschikbare weerstandscapaciteit (algemene reserve): € 500.000"),
        "{out}"
    );
}

#[test]
fn sweep_finds_where_the_reserve_falls_short_with_ten_percent_chance() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    let text = stdout_of(&[
        "sweep",
        IJMOND,
        "--set",
        "reserve.balance=4000..8000:500",
        "--set",
        "reserve.cap=10000",
        "--seed",
        "3",
        "-n",
        "20000",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(text.contains("Doorrekening van reserve.balance: 9 punten"), "{text}");
    assert!(text.contains("bedragen x € 1.000"), "{text}");
    // The value as in the file and what it means, in euros: never a bare 4.000 for € 4 miljoen.
    let row = text.lines().find(|l| l.contains(" 4.000 ")).unwrap();
    assert!(row.contains("€ 4.000.000"), "{row}");
    // In words and euros (the register's unit applied), with the path as written.
    assert!(
        text.contains("tekortschiet is 10% bij Algemene reserve: € 5."),
        "{text}"
    );
    assert!(text.contains("(reserve.balance = 5."), "{text}");
    let json = json_in(&out.join("doorrekening.json"));
    // The 10% crossing is the register's P90 in thousands (the required capacity), within the
    // interpolation between two points 500 apart.
    assert_eq!(json["parameter_label"], "Algemene reserve");
    let crossing = json["crossing"].as_f64().unwrap();
    let required = json["points"][0]["required"].as_f64().unwrap() / 1000.0;
    assert!((crossing - required).abs() < 250.0, "{crossing} vs {required}");
    for file in ["doorrekening.csv", "doorrekening.png", "doorrekening.svg"] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
}

#[test]
fn sweep_of_the_cao_percentage_maps_a_percent_to_money() {
    let dir = tempfile::tempdir().unwrap();
    stdout_of(&[
        "sweep",
        IJMOND,
        "--set",
        "risks.T4-01.impact.driver.percent=1..3:1",
        "--set",
        "risks.T4-01.probability=1",
        "--seed",
        "3",
        "-n",
        "5000",
        "--quiet",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    let json = json_in(&dir.path().join("doorrekening.json"));
    let expected: Vec<f64> = json["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["expected_risk_amount"].as_f64().unwrap())
        .collect();
    // Each percent point of the loonsom (€ 21.779 x € 1.000 in 2026, Werkplan L3128-L3138) adds
    // € 217.790 to the expected risk amount of 2026, exactly: every point uses the same draws.
    assert_eq!(expected.len(), 3);
    for w in expected.windows(2) {
        assert!((w[1] - w[0] - 217_790.0).abs() < 1e-6, "{expected:?}");
    }
}

#[test]
fn a_bad_range_or_scenario_is_refused_with_its_position() {
    weerstand()
        .current_dir(repo(""))
        .args(["sweep", IJMOND, "--set", "reserve.balance=5..1:1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("'5..1:1' is geen bereik"));
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("fout.yaml");
    std::fs::write(
        &bad,
        "name: Fout\nset:\n  risks.T9-99.probability: 1\n  reserve.balanse: 3\n",
    )
    .unwrap();
    weerstand()
        .current_dir(repo(""))
        .args(["compare", IJMOND, "--scenario", bad.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fout.yaml:3:3: onbekend risico 'T9-99'"))
        .stderr(predicate::str::contains(
            "fout.yaml:4:3: onbekend veld 'balanse'; bedoelt u 'balance'?",
        ));
}

#[test]
fn the_report_gets_a_what_if_section() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    weerstand()
        .current_dir(repo(""))
        .args([
            "report",
            IJMOND,
            "--seed",
            "1",
            "-n",
            "5000",
            "--quiet",
            "--compare",
            SCENARIOS[0],
            "--compare",
            SCENARIOS[3],
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let markdown = std::fs::read_to_string(out.join("risicoparagraaf.md")).unwrap();
    assert!(markdown.contains("## 6. Wat als"), "{markdown}");
    assert!(markdown.contains("Loonkosten 5% boven de begroting, zeker (bovenkant T4-01)"));
    assert!(markdown.contains("Reserve aangevuld tot het plafond"));
    assert!(out.join("vergelijking.png").is_file());
}

#[test]
fn municipalities_are_compared_by_name_when_a_scenario_changes_the_verdeelsleutel() {
    let text = stdout_of(&[
        "compare",
        IJMOND,
        "--seed",
        "1",
        "-n",
        "2000",
        "--quiet",
        "--set",
        "verdeelsleutel.municipalities=[{name: Beverwijk, share: 50%}, {name: Velsen, share: 50%}]",
    ]);
    let row = |name: &str| -> Vec<String> {
        let line = text.lines().find(|l| l.starts_with("│") && l.contains(name)).unwrap();
        line.split('┆')
            .map(|c| c.trim().trim_matches('│').trim().to_string())
            .collect()
    };
    // Heemskerk leaves the verdeelsleutel: it pays nothing in the scenario.
    assert_eq!(row("Heemskerk")[2], "€ 0", "{text}");
    // Beverwijk and Velsen pay half each of the same total.
    assert_eq!(row("Beverwijk")[2], row("Velsen")[2], "{text}");
    assert_ne!(row("Velsen")[2], "€ 0", "{text}");
}

#[test]
fn a_reserve_above_the_cap_is_refused_with_the_amount_meant() {
    // The shipped register keeps amounts in € 1.000: 500000 would be a reserve of € 500 miljoen,
    // which once passed as ratio 87,68, klasse A, exit 0.
    weerstand()
        .current_dir(repo(""))
        .args(["simulate", IJMOND, "--set", "reserve.balance=500000", "-n", "1000", "--seed", "1"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "fout: --set reserve.balance:1:1: de reserve in 2026 (€ 500.000.000) is hoger dan het plafond (€ 500.000) dat de regeling stelt; in dit register staan bedragen in € 1.000 (metadata.unit): voor € 500.000 schrijft u 500",
        ));
    stdout_of(&[
        "simulate",
        IJMOND,
        "--set",
        "reserve.balance=500",
        "-n",
        "1000",
        "--seed",
        "1",
        "--quiet",
    ]);
}

#[test]
fn a_warning_from_a_set_is_shown_and_the_hint_repeats_the_run() {
    let assert = weerstand()
        .current_dir(repo(""))
        .args([
            "simulate",
            IJMOND,
            "--set",
            "risks.T4-01.impact=pm",
            "--set",
            "reserve.balance=400",
            "-n",
            "1000",
            "--seed",
            "1",
            "--quiet",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    // The what-if's own warning in full, pointing into the argument ...
    assert!(
        stderr.starts_with("waarschuwing: --set risks.T4-01.impact:1:1: risico T4-01: PM:"),
        "{stderr}"
    );
    // ... and the register's own counted, with a command that shows them for this same run.
    let hint = "12 waarschuwingen; zie `weerstand validate risks/ijmond-werkt-2026.yaml --set risks.T4-01.impact=pm --set reserve.balance=400`";
    assert!(stderr.contains(hint), "{stderr}");
    let command = hint.split('`').nth(1).unwrap();
    let args: Vec<&str> = command.split(' ').skip(1).collect();
    let followed = stdout_of(&args);
    assert!(followed.contains("geldig, met 13 waarschuwingen"), "{followed}");
}

#[test]
fn a_what_if_says_so_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let text = stdout_of(&[
        "report",
        IJMOND,
        "--scenario",
        "risks/scenarios/cao-5-procent.yaml",
        "--set",
        "reserve.balance=400",
        "-n",
        "5000",
        "--seed",
        "1",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    // The summary's first lines, before any figure.
    let head: Vec<&str> = text.lines().take(4).collect();
    assert!(
        head[1].starts_with("WAT ALS: deze uitkomsten gelden voor het register met deze wijzigingen"),
        "{text}"
    );
    assert!(
        head[2].starts_with("- Loonkosten 5% boven de begroting, zeker (bovenkant T4-01): T4-01 "),
        "{text}"
    );
    assert!(head[2].contains("kans per jaar: 100%"), "{text}");
    assert_eq!(head[3], "- --set reserve.balance=400: Algemene reserve: € 400.000");
    // The paragraph's title and its first lines, the HTML's title and every printed page.
    let md = std::fs::read_to_string(out.join("risicoparagraaf.md")).unwrap();
    assert!(
        md.starts_with("# Paragraaf weerstandsvermogen en risicobeheersing 2026 — wat als\n"),
        "{md}"
    );
    assert!(md.contains("**WAT ALS: deze uitkomsten gelden"), "{md}");
    assert!(
        md.contains("- --set reserve.balance=400: Algemene reserve: € 400.000"),
        "{md}"
    );
    let html = std::fs::read_to_string(out.join("risicoparagraaf.html")).unwrap();
    assert!(
        html.contains("<title>Paragraaf weerstandsvermogen en risicobeheersing 2026 — wat als — IJmond Werkt!</title>")
    );
    assert!(html.contains(
        "@top-left { content: \"IJmond Werkt! · Paragraaf weerstandsvermogen en risicobeheersing 2026 — wat als\""
    ));
    // The manifest records the changes.
    let json = json_in(&out.join("resultaten.json"));
    assert_eq!(
        json["manifest"]["scenarios"][1]["changes"][0],
        "Algemene reserve: € 400.000"
    );
    // The register itself says nothing of the kind.
    let plain = stdout_of(&["simulate", IJMOND, "-n", "2000", "--seed", "1", "--quiet"]);
    assert!(!plain.contains("WAT ALS"), "{plain}");
}

#[test]
fn sweep_and_compare_give_the_same_figures_for_the_same_question() {
    let dir = tempfile::tempdir().unwrap();
    let (sweep, compare) = (dir.path().join("s"), dir.path().join("c"));
    // More iterations than one block of the engine: sweep reads its columns block by block,
    // compare whole.
    let common = ["--seed", "4", "-n", "20000", "--quiet", "--out"];
    let mut args = vec!["sweep", IJMOND, "--set", "risks.T4-01.impact.driver.percent=4..5:1"];
    args.extend(common);
    args.push(sweep.to_str().unwrap());
    stdout_of(&args);
    let mut args = vec!["compare", IJMOND, "--set", "risks.T4-01.impact.driver.percent=5"];
    args.extend(common);
    args.push(compare.to_str().unwrap());
    stdout_of(&args);
    let point = &json_in(&sweep.join("doorrekening.json"))["points"][1];
    let run = &json_in(&compare.join("vergelijking.json"))["runs"][1];
    assert_eq!(point["value"], 5.0);
    // One figure, one key: the same names in both files, and the same values.
    for key in [
        "expected_risk_amount",
        "required",
        "p_reserve_short",
        "contribution_mean",
    ] {
        assert!(point[key].is_f64(), "{key} missing in {point}");
        assert_eq!(
            point[key], run[key],
            "{key}: sweep {} against compare {}",
            point[key], run[key]
        );
    }
}

#[test]
fn a_ratio_that_moves_is_never_shown_as_unchanged() {
    // € 250.000 → € 220.000 against a need of € 5,7 miljoen: 0,0439 → 0,0386, both 0,04 at two
    // decimals; the table shows the third decimal instead of '='.
    let text = stdout_of(&[
        "compare",
        IJMOND,
        "--set",
        "reserve.balance=220",
        "-n",
        "20000",
        "--seed",
        "1",
        "--quiet",
    ]);
    let row = text.lines().find(|l| l.contains("Ratio weerstandsvermogen")).unwrap();
    let cells: Vec<&str> = row
        .split('┆')
        .map(|c| c.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect();
    assert_eq!(cells[1..], ["0,044", "0,038", "−0,005"], "{row}");
}

/// Risks that share a cause, joined in a scenario: every risk keeps its expected amount (within the
/// simulation's noise) while the benodigde weerstandscapaciteit rises, and the output says which
/// risks move together, in the terminal text and the JSON.
#[test]
fn risks_that_strike_together_raise_the_required_capacity_and_the_output_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("samen");
    let scenario = "risks/scenarios/samenhang-wsw-krimp.yaml";
    let text = stdout_of(&[
        "compare",
        IJMOND,
        "--scenario",
        scenario,
        "--seed",
        "2026",
        "-n",
        "200000",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        text.contains("Samenhang tussen risico's met een gemeenschappelijke oorzaak"),
        "{text}"
    );
    let json = json_in(&out.join("vergelijking.json"));
    let runs = json["runs"].as_array().unwrap();
    let (base, together) = (&runs[0], &runs[1]);
    let field = |run: &serde_json::Value, key: &str| run[key].as_f64().unwrap();
    assert!(
        field(together, "required") > field(base, "required") + 10_000.0,
        "{} against {}",
        field(together, "required"),
        field(base, "required")
    );
    // The joined risks' standard deviation of their sum is about € 320.000 (worked out from their
    // ranges); their draws differ between the runs: 4 standard errors of the difference of two
    // means at 200.000 iterations is about € 4.000.
    let moved = (field(together, "expected_risk_amount") - field(base, "expected_risk_amount")).abs();
    assert!(moved < 4_100.0, "expected amount moved by {moved}");
    let simulate = |extra: &[&str]| {
        let mut args = vec![
            "simulate",
            IJMOND,
            "--scenario",
            scenario,
            "--seed",
            "2026",
            "-n",
            "20000",
        ];
        args.extend(extra);
        stdout_of(&args)
    };
    let results: serde_json::Value = serde_json::from_str(&simulate(&["--format", "json"])).unwrap();
    assert_eq!(
        results["manifest"]["correlations"][0]["risks"],
        serde_json::json!(["T2-P1", "T2-P2", "T2-P3"])
    );
    assert_eq!(results["manifest"]["correlations"][1]["rank"], 0.4);
    let summary = simulate(&[]);
    for expected in [
        "Samen optreden (rangcorrelatie): T2-P1, T2-P2 en T2-P3 0,6; T3-07a en T3-07b 0,4",
        "behalve deze, die samen optreden met de genoemde rangcorrelatie",
    ] {
        assert!(summary.contains(expected), "{expected} in {summary}");
    }
}

/// A set of correlations that cannot hold is refused at its file, line and column, with the value
/// that could hold instead, and nothing is simulated.
#[test]
fn an_impossible_correlation_is_refused_at_its_place() {
    let output = with_scenario(
        "simulate",
        "onmogelijk.yaml",
        "name: Onmogelijk\nset:\n  correlations:\n    - {risks: [T2-P1, T2-P2], rank: 0.9}\n    - {risks: [T2-P2, T2-P3], rank: 0.9}\n",
        &["-n", "1000"],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("onmogelijk.yaml:5:37: rangcorrelatie 0,9 tussen T2-P2 en T2-P3 kan niet samen met de eerder gegeven correlaties (T2-P1–T2-P2 0,9)"),
        "{stderr}"
    );
    assert!(stderr.contains("naast die kan deze waarde tot 0,4 gaan"), "{stderr}");
    assert!(output.stdout.is_empty());
}

/// The sensitivity for the board: `compare --out` writes it beside the comparison (JSON, CSV and
/// the tornado chart), and its figures agree with a `compare` of the same change: switching T4-01
/// off moves the benodigde capaciteit as much in both (the same draws for every other risk).
#[test]
fn the_sensitivity_is_written_with_the_comparison_and_agrees_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gevoelig");
    stdout_of(&[
        "compare",
        IJMOND,
        "--set",
        "risks.T4-01.impact=pm",
        "--seed",
        "3",
        "-n",
        "20000",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    for file in [
        "gevoeligheid.csv",
        "gevoeligheid_grondslagen.csv",
        "tornado.png",
        "tornado.svg",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let json = json_in(&out.join("vergelijking.json"));
    let runs = json["runs"].as_array().unwrap();
    let off_by_compare = runs[1]["required"].as_f64().unwrap() - runs[0]["required"].as_f64().unwrap();
    let rows = json["sensitivity"]["risks"].as_array().unwrap();
    let t4 = rows.iter().find(|r| r["id"] == "T4-01").unwrap();
    let off = t4["off"].as_f64().unwrap();
    assert!((off - off_by_compare).abs() < 0.01, "{off} against {off_by_compare}");
    assert_eq!(json["sensitivity"]["required"], runs[0]["required"]);
    // The widest swing first; the cao risk's impact range is 1% to 5% of the loonsom of 2026.
    assert_eq!(rows[0]["id"], "T4-01");
    assert_eq!(t4["impact"]["low"].as_f64().unwrap().round(), 217_790.0);
    let csv = std::fs::read_to_string(out.join("gevoeligheid.csv")).unwrap();
    assert!(csv.starts_with("kind,id,title,off,probability_low"), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("risk,T4-01,")), "{csv}");
}

/// A PM risk named in a correlation gets its own warning, at its place; the one line that lists the
/// PM risks still counts the 11 of the register (it said 12 when it took that warning for a PM risk).
#[test]
fn a_pm_risk_in_a_correlation_is_named_and_not_counted_twice() {
    let output = with_scenario(
        "validate",
        "pm.yaml",
        "name: PM in een groep\nset:\n  correlations:\n    - {risks: [T2-01, T2-P1], rank: 0.5}\n",
        &[],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("waarschuwing: 11 risico's zijn PM"), "{stderr}");
    assert!(
        stderr.contains("pm.yaml:4:16: risico 'T2-01' wordt niet gesimuleerd"),
        "{stderr}"
    );
}
