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
        "│ MID-VPB Fiscale claim (VPB) en pensioenrisico's v… ┆ opgelost        ┆             € -583.778 ┆",
    ] {
        assert!(text.contains(row), "missing {row}\n{text}");
    }
    assert!(
        text.contains(
            "Algemene reserve: € 500.000 op 1 januari 2020, € 500.000 op 31 december 2020 (plafond € 500.000)."
        )
    );
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

/// `report` on a register that cannot be simulated says so plainly and still writes the whole
/// paragraph in the Jaarverslag's layout: the three tables with oorzaak and gevolg, Tabel 2 as the
/// deelnemers' own, the risk that is gone, the kengetallen, and the account of 2020 (the outcomes,
/// the settlement per taakveld, the reserve). Nothing simulated is written beside it.
#[test]
fn the_qualitative_register_gets_the_jaarverslag_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    let run = weerstand()
        .current_dir(repo(""))
        .args(["report", JAARVERSLAG, "--out"])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with("Geen simulatie mogelijk. Geen van de 20 risico's in dit register heeft een kans en een bedrag: 13 van de regeling staan als PM"), "{stdout}");
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["risicoparagraaf.html", "risicoparagraaf.md"]);
    let md = std::fs::read_to_string(out.join("risicoparagraaf.md")).unwrap();
    let at = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("missing {needle}\n{md}"));
    // In the Jaarverslag's order: capacity, the tables, the gone risk, kengetallen, the account.
    let order = [
        "**Geen simulatie mogelijk.",
        "## 1. Weerstandscapaciteit",
        "| Gemeente | hoofdsleutel | wsw | re-integratie |",
        "| Beverwijk | 30,82% | 32,52% | 26,43% |",
        "### Tabel 1.a — risico's uit de primaire begroting 2020",
        "| 1 | Detachering contracten grote klanten worden opgezegd | Ontwikkeling binnen bedrijf klant | Leegloop, omzetderving, extra kosten huisvesting en capaciteit tbv herplaatsing |",
        "### Tabel 1.b — Covid-19-risico's uit de herziene begroting 2020 I",
        "### Tabel 2 — niet operationele risico's voor rekening van de deelnemende gemeenten",
        "Deze risico's zijn voor rekening van de deelnemende gemeenten zelf, niet van de regeling",
        "### Risico's die geen risico meer zijn",
        "opgelost (een bate van € 583.778)",
        "## 3. Kengetallen",
        "## 4. Verantwoording 2020",
        "per saldo krijgen zij € 1.490.244 terug (Beverwijk € 494.971, Heemskerk € 378.793, Uitgeest € 58.938, Velsen € 557.542)",
        "| Beverwijk | € 3.679.855 | € 192.889 | € 3.872.744 | € 4.419.996 | € -547.252 | terug te storten |",
        "| Totaal | € 15.229.038 | € 2.144.718 | € 17.373.756 | € 18.864.000 | € -1.490.244 | terug te storten |",
        "Zij bleef op haar plafond: het resultaat is geheel met de gemeenten verrekend.",
    ];
    let positions: Vec<usize> = order.iter().map(|n| at(n)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "out of order: {positions:?}");
    // Seven, six and six rows: every risk of the three tables.
    assert_eq!(md.matches("| Bezuinigingen rijksoverheid |").count(), 2);
    for number in 1..=7 {
        assert!(md.contains(&format!("\n| {number} | ")), "row {number}");
    }
    assert!(
        !md.contains("benodigde weerstandscapaciteit bij"),
        "no simulated figure"
    );
    // English too.
    let en = dir.path().join("en");
    weerstand()
        .current_dir(repo(""))
        .args(["--lang", "en", "report", JAARVERSLAG, "--out"])
        .arg(&en)
        .assert()
        .success()
        .stdout(predicates::str::starts_with("No simulation is possible."));
    let md = std::fs::read_to_string(en.join("risicoparagraaf.md")).unwrap();
    assert!(md.contains("in all they get € 1,490,244 back"), "{md}");
}

/// Every command that simulates refuses a register with nothing to simulate, and says where to go
/// instead; `list` names the deelnemers' own risks as such, and counts them apart.
#[test]
fn nothing_to_simulate_is_said_and_the_deelnemers_risks_are_named() {
    for command in [
        &["simulate"][..],
        &["compare", "--set", "reserve.balance=400000"],
        &["sweep", "--set", "reserve.balance=0..500000:250000"],
    ] {
        weerstand()
            .current_dir(repo(""))
            .arg(command[0])
            .arg(JAARVERSLAG)
            .args(&command[1..])
            .args(["-n", "1000"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "er valt niets te simuleren: geen risico in ijmond-werkt-2020.yaml heeft een kans en een bedrag",
            ));
    }
    let matrix = stdout_of(&["matrix", JAARVERSLAG]);
    assert!(
        matrix.contains(
            "Geen risico van de regeling is gekwantificeerd: de matrix toont alleen waar de PM-risico's staan"
        ),
        "{matrix}"
    );
    assert!(matrix.contains(
        "Niet in de matrix: 6 risico's voor rekening van de deelnemende gemeenten zelf (2-1, 2-2, 2-3, 2-4, 2-5, 2-6)."
    ));
    let list = stdout_of(&["list", JAARVERSLAG]);
    assert_eq!(list.matches("┆ deelnemers │").count(), 6, "{list}");
    let validate = weerstand()
        .current_dir(repo(""))
        .args(["validate", JAARVERSLAG])
        .assert()
        .success();
    let stdout = String::from_utf8(validate.get_output().stdout.clone()).unwrap();
    assert!(
        stdout
            .contains("20 risico's (0 gekwantificeerd, 13 PM, 6 voor rekening van de deelnemers, 1 geen risico meer)"),
        "{stdout}"
    );
}

/// A simulated register with realised years gets the account of its last one and the back-test in
/// its paragraph, and the realised years' percentiles in `resultaten.json`.
#[test]
fn the_report_looks_back_on_the_realised_years() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    weerstand()
        .current_dir(repo(""))
        .args([
            "report",
            "tests/fixtures/terugblik.yaml",
            "-n",
            "20000",
            "--seed",
            "1",
            "--quiet",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(out.join("risicoparagraaf.md")).unwrap();
    for needle in [
        "## Verantwoording en terugblik",
        "#### Tabel A — risico's uit de begroting",
        "| 1 | Een zeker risico | De markt | Minder omzet | opgetreden (€ 1.200.000): boven de bandbreedte |",
        "#### Tabel B — overige risico's",
        "| 1 | Een PM-risico | — | — | — |",
        "### Wat er in 2025 met de risico's gebeurde",
        "per saldo betalen zij € 200.000 bij (Noord € 120.000, Zuid € 80.000)",
        "### De simulatie tegen wat er gebeurde",
        "| 2025 | € 1.200.000 | 100,0% | ja |",
        "| 2025 | R1 Een zeker risico | € 1.200.000 | € 0 – € 1.000.000 | erboven |",
        "In 2 van de 3 jaren lag het gerealiseerde risicobedrag boven de benodigde weerstandscapaciteit bij 90% zekerheid; verwacht waren er 0,3.",
        "maar 2,8%: de risico's lijken te laag geraamd. Niet meegeteld, omdat de simulatie er geen bedrag voor trekt (PM, voor rekening van de deelnemers of opgelost): R2.",
    ] {
        assert!(md.contains(needle), "missing {needle}\n{md}");
    }
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("resultaten.json")).unwrap()).unwrap();
    let years: Vec<i64> = json["realised"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2023, 2024, 2025]);
    assert_eq!(json["realised"][2]["percentile"].as_f64(), Some(1.0));
    // The shipped register has no realised years: no such section.
    let shipped = std::fs::read_to_string(repo(
        "tests/cli/snapshots/cli__report__the_whole_job_on_the_shipped_register.snap",
    ))
    .unwrap();
    assert!(!shipped.contains("Verantwoording en terugblik"));
}
