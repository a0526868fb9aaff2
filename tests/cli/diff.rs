//! `weerstand diff OLD NEW`: what changed, and what moved the benodigde capaciteit.

use super::*;

fn json(dir: &std::path::Path, name: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap()
}

/// The shipped register and a copy with one probability changed: one step, and its share is
/// exactly the difference `compare` finds for the same change with the same seed and iterations
/// (the same f64, not merely close).
#[test]
fn one_change_is_attributed_exactly_as_compare_finds_it() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string(repo(IJMOND)).unwrap();
    assert_eq!(
        original.matches("    probability: 63%\n").count(),
        1,
        "T4-01's probability"
    );
    let changed = dir.path().join("ijmond-80.yaml");
    std::fs::write(
        &changed,
        original.replace("    probability: 63%\n", "    probability: 80%\n"),
    )
    .unwrap();
    let out = dir.path().join("verschil");
    weerstand()
        .current_dir(repo(""))
        .args(["diff", IJMOND])
        .arg(&changed)
        .args(["-n", "20000", "--seed", "7", "--out"])
        .arg(&out)
        .assert()
        .success();
    let d = json(&out, "verschil.json");
    let steps = d["diff"]["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert_eq!(steps[0]["kind"], "changed");
    assert_eq!(steps[0]["id"], "T4-01");
    assert_eq!(d["diff"]["changed"][0]["fields"], serde_json::json!(["probability"]));
    let cmp = dir.path().join("vergelijking");
    weerstand()
        .current_dir(repo(""))
        .args([
            "compare",
            IJMOND,
            "--set",
            "risks.T4-01.probability=80%",
            "-n",
            "20000",
            "--seed",
            "7",
            "--quiet",
            "--out",
        ])
        .arg(&cmp)
        .assert()
        .success();
    let c = json(&cmp, "vergelijking.json");
    let (base, what_if) = (
        c["runs"][0]["required"].as_f64().unwrap(),
        c["runs"][1]["required"].as_f64().unwrap(),
    );
    assert_eq!(d["diff"]["old"]["required"].as_f64().unwrap(), base);
    assert_eq!(d["diff"]["new"]["required"].as_f64().unwrap(), what_if);
    assert_eq!(steps[0]["delta"].as_f64().unwrap(), what_if - base);
    assert!(what_if > base, "a higher probability raises the benodigde capaciteit");
    for file in ["verschil.csv", "verschil.png", "verschil.svg"] {
        assert!(out.join(file).exists(), "{file}");
    }
}

/// From the Jaarverslag 2020's register to the Werkplan 2026's: qualitative to quantified. The
/// Covid risks are gone, the LIV and cao risks are new, Uitgeest is no longer a member; the steps
/// add up to the whole change (to a millionth of a euro in floating point), and the printed
/// differences, in whole euros, add up to the printed total exactly.
#[test]
fn from_2020_to_2026_every_step_adds_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("verschil");
    let run = weerstand()
        .current_dir(repo(""))
        .args([
            "diff",
            "risks/ijmond-werkt-2020.yaml",
            IJMOND,
            "-n",
            "5000",
            "--seed",
            "2026",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let text = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    let d = json(&out, "verschil.json");
    let diff = &d["diff"];
    let ids = |key: &str| -> Vec<String> {
        diff[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (added, removed) = (ids("added"), ids("removed"));
    for covid in ["1b-1", "1b-2", "1b-3", "1b-4", "1b-5", "1b-6"] {
        assert!(removed.contains(&covid.to_string()), "{covid}");
    }
    assert!(added.contains(&"T1-04".to_string()), "the LIV risk is new");
    assert!(added.contains(&"T4-01".to_string()), "the cao risk is new");
    assert_eq!(diff["left"], serde_json::json!(["Uitgeest"]));
    assert!(text.contains("Uitgeest is geen deelnemer meer."), "{text}");
    assert!(text.contains(
        "Jaarverslag 2020 kwantificeerde geen risico's: de benodigde weerstandscapaciteit was daar niet bepaald."
    ));
    // The LIV risk of Tabel 2 and the new LIV risk are proposed as one by their titles.
    let proposed: Vec<(String, String)> = diff["proposed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["old"].as_str().unwrap().into(), p["new"].as_str().unwrap().into()))
        .collect();
    assert!(proposed.contains(&("2-3".into(), "T1-04".into())), "{proposed:?}");
    let steps = diff["steps"].as_array().unwrap();
    let sum: f64 = steps.iter().map(|s| s["delta"].as_f64().unwrap()).sum();
    let change = diff["new"]["required"].as_f64().unwrap() - diff["old"]["required"].as_f64().unwrap();
    assert!((sum - change).abs() < 1e-6, "{sum} against {change}");
    assert!(
        steps.iter().all(|s| s["kind"] != "remainder"),
        "nothing left unexplained"
    );
    // Every added quantified risk has its step.
    let quantified_added = diff["added"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["quantified"] == true)
        .count();
    assert_eq!(steps.iter().filter(|s| s["kind"] == "added").count(), quantified_added);
    // The printed column: whole euros that add up to the printed total.
    let csv = std::fs::read_to_string(out.join("verschil.csv")).unwrap();
    assert!(
        csv.starts_with("step,kind,id,change,difference,required_after\n0,old,,,,0\n"),
        "{csv}"
    );
    let euros = |cell: &str| -> i64 {
        cell.replace(['€', '.', ' ', '+'], "")
            .replace('−', "-")
            .parse()
            .unwrap()
    };
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("│ ")).collect();
    let deltas: i64 = rows[2..rows.len() - 1]
        .iter()
        .map(|r| euros(r.split('┆').nth(2).unwrap().trim()))
        .sum();
    let total = euros(rows.last().unwrap().split('┆').nth(2).unwrap().trim());
    assert_eq!(deltas, total);
}
