//! `weerstand afrekening`: the settlement of a realised year, on the Jaarverslag 2020's register.

use super::*;

const JAARVERSLAG: &str = "risks/ijmond-werkt-2020.yaml";

/// The settlement table of the Jaarverslag 2020 (L2384–L2408), typed from the seed: per taakveld
/// the saldo per municipality (Beverwijk, Heemskerk, Uitgeest, Velsen) and the total, and the saldo
/// in all. `afrekening.json` reproduces every one of them to the euro, with its sign (positive is
/// paid, negative refunded); so does `afrekening.csv`.
#[test]
fn the_2020_settlement_is_reproduced_to_the_euro() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("afrekening");
    weerstand()
        .current_dir(repo(""))
        .args(["afrekening", JAARVERSLAG, "--year", "2020", "--out"])
        .arg(&out)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("afrekening.json")).unwrap()).unwrap();
    let s = &json["settlement"];
    let saldo = |lines: &serde_json::Value| -> Vec<i64> {
        lines
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["saldo"].as_f64().unwrap() as i64)
            .collect()
    };
    let names: Vec<&str> = s["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["municipality"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Beverwijk", "Heemskerk", "Uitgeest", "Velsen"]);
    let reint = &s["taakvelden"][0];
    assert_eq!(reint["name"], "re-integratie");
    assert_eq!(saldo(&reint["lines"]), [52_281, 33_624, 8_589, 84_612]);
    assert_eq!(reint["total"]["saldo"].as_f64().unwrap(), 179_107.0);
    assert_eq!(reint["total"]["total_costs"].as_f64().unwrap(), 5_450_107.0);
    let wsw = &s["taakvelden"][1];
    assert_eq!(saldo(&wsw["lines"]), [-547_252, -412_417, -67_527, -642_154]);
    assert_eq!(wsw["total"]["saldo"].as_f64().unwrap(), -1_669_351.0);
    assert_eq!(wsw["total"]["total_costs"].as_f64().unwrap(), 11_923_649.0);
    assert_eq!(saldo(&s["municipalities"]), [-494_971, -378_793, -58_938, -557_542]);
    assert_eq!(s["total"]["saldo"].as_f64().unwrap(), -1_490_244.0);
    // The reserve stayed at its cap; the surplus passed straight through (L4181, L4187).
    assert_eq!(
        (s["reserve_start"].as_f64(), s["reserve_end"].as_f64()),
        (Some(500_000.0), Some(500_000.0))
    );
    assert_eq!(json["register"], "ijmond-werkt-2020.yaml");
    assert_eq!(json["register_sha256"].as_str().unwrap().len(), 64);
    // The CSV holds the same numbers, as numbers.
    let csv = std::fs::read_to_string(out.join("afrekening.csv")).unwrap();
    assert!(
        csv.contains("2020,wsw,Beverwijk,3679855,192889,3872744,4419996,-547252\n"),
        "{csv}"
    );
    assert!(
        csv.contains("2020,alle,Totaal,15229038,2144718,17373756,18864000,-1490244\n"),
        "{csv}"
    );
}

/// The terminal shows the same figures, with what a saldo means.
#[test]
fn the_settlement_reads_as_the_jaarverslag_prints_it() {
    let text = stdout_of(&["afrekening", JAARVERSLAG]);
    assert!(
        text.starts_with("Afrekening 2020 — IJmond Werkt! (bron: Jaarverslag 2020, L2384-L2408)"),
        "{text}"
    );
    for row in [
        "│ Beverwijk ┆ € 1.034.020 ┆        € 411.257 ┆   € 1.445.277 ┆  € 1.392.996 ┆  € 52.281 ┆ bij te betalen │",
        "│ Totaal    ┆ € 15.229.038 ┆      € 2.144.718 ┆  € 17.373.756 ┆ € 18.864.000 ┆ € -1.490.244 ┆ terug te storten │",
        "│ MID-VPB ┆ Fiscale claim (VPB) en pensioenrisico's van de op… ┆ opgelost        ┆ € -583.778 │",
    ] {
        assert!(text.contains(row), "missing {row}\n{text}");
    }
    assert!(text.contains("Algemene reserve: € 500.000 op 1 januari, € 500.000 op 31 december (plafond € 500.000)."));
}

/// A register without realised figures, or a year it does not have, is told so (code 2).
#[test]
fn a_year_without_figures_is_named() {
    weerstand()
        .current_dir(repo(""))
        .args(["afrekening", JAARVERSLAG, "--year", "2019"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "het register heeft geen gerealiseerde cijfers voor 2019; wel voor: 2020",
        ));
    weerstand()
        .current_dir(repo(""))
        .args(["afrekening", IJMOND])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("het register heeft geen gerealiseerde jaren"));
}

/// Mistakes in `realised:` are reported all at once, each at its place: a municipality outside the
/// verdeelsleutel, a risk that is not in the register, an unknown outcome, a total its rows do not
/// add up to, a year twice.
#[test]
fn mistakes_in_the_realised_figures_are_each_pointed_at() {
    let text = std::fs::read_to_string(repo(JAARVERSLAG)).unwrap();
    let broken = text
        .replace("{name: Uitgeest, costs: 603818", "{name: Uitgest, costs: 603818")
        .replace(
            "      - id: 1b-2\n        outcome: niet opgetreden",
            "      - id: 1b-9\n        outcome: misschien",
        )
        .replace("total: {costs: 3899267,", "total: {costs: 3899367,")
        + "  - {year: 2020, reserve: {start: 1, end: 1}}\n";
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.yaml");
    std::fs::write(&file, &broken).unwrap();
    let run = weerstand().arg("validate").arg(&file).assert().code(1);
    let stderr = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for expected in [
        format!(
            ":{}:20: onbekende gemeente 'Uitgest'; bedoelt u 'Uitgeest'?",
            line("Uitgest")
        ),
        format!(":{}:13: onbekend risico '1b-9'", line("id: 1b-9")),
        format!(":{}:18: onbekende afloop 'misschien'", line("outcome: misschien")),
        format!(
            ":{}:24: het totaal 'total.costs' is € 3.899.367, maar de gemeenten tellen op tot € 3.899.266",
            line("costs: 3899367")
        ),
        format!(":{}:12: ", line("{year: 2020, reserve: {start: 1")),
    ] {
        assert!(stderr.contains(&expected), "missing {expected}\n{stderr}");
    }
}
