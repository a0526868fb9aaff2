use super::*;
use predicates::prelude::*;

const CHARTS: [&str; 7] = [
    "verdeling",
    "zekerheid",
    "bijdragen",
    "risicokaart",
    "gemeenten",
    "jaren",
    "bruto-netto",
];

#[test]
fn the_whole_job_on_the_shipped_register() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    weerstand()
        .current_dir(repo(""))
        .args([
            "report",
            IJMOND,
            "--seed",
            "2026",
            "-n",
            "20000",
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Benodigde weerstandscapaciteit 2026 (90% zekerheid)",
        ))
        .stdout(predicate::str::contains("Rapport geschreven in"));
    for chart in CHARTS {
        for ext in ["png", "svg"] {
            let file = out.join(format!("{chart}.{ext}"));
            assert!(
                std::fs::metadata(&file).map(|m| m.len() > 1000).unwrap_or(false),
                "{} missing or empty",
                file.display()
            );
        }
    }
    for file in [
        "risicoparagraaf.md",
        "risicoparagraaf.html",
        "resultaten.json",
        "bijdragen.csv",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let markdown = std::fs::read_to_string(out.join("risicoparagraaf.md")).unwrap();
    insta::assert_snapshot!(markdown);
}

#[test]
fn the_terminal_and_the_report_use_the_same_words_and_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let assert = weerstand()
        .current_dir(repo(""))
        .args([
            "report",
            EXAMPLE,
            "--seed",
            "5",
            "-n",
            "8000",
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let terminal = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let markdown = std::fs::read_to_string(out.join("risicoparagraaf.md")).unwrap();
    let sentences: Vec<&str> = terminal
        .lines()
        .filter(|l| {
            [
                "Benodigde weerstandscapaciteit",
                "Ratio weerstandsvermogen",
                "Kans dat het tekort",
                "Extra bijdrage over",
            ]
            .iter()
            .any(|s| l.starts_with(s))
        })
        .collect();
    assert_eq!(sentences.len(), 4, "{terminal}");
    for sentence in sentences {
        assert!(markdown.contains(sentence), "{sentence:?} not in the report");
    }
}

#[test]
fn an_english_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("en");
    weerstand()
        .current_dir(repo(""))
        .args([
            "--lang",
            "en",
            "report",
            EXAMPLE,
            "--seed",
            "1",
            "-n",
            "3000",
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let markdown = std::fs::read_to_string(out.join("risicoparagraaf.md")).unwrap();
    assert!(
        markdown.starts_with("# Risk-bearing capacity and risk management 2026"),
        "{markdown}"
    );
}

#[test]
fn a_template_of_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("eigen.md.j2");
    std::fs::write(&template, "# {{ meta.organisation }}\n\n{{ facts.ratio }}\n").unwrap();
    let out = dir.path().join("r");
    weerstand()
        .current_dir(repo(""))
        .args([
            "report",
            EXAMPLE,
            "--seed",
            "1",
            "-n",
            "2000",
            "--template",
            template.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let markdown = std::fs::read_to_string(out.join("risicoparagraaf.md")).unwrap();
    assert!(
        markdown.starts_with("# GR Voorbeeld\n\nRatio weerstandsvermogen: "),
        "{markdown}"
    );
    std::fs::write(&template, "{% for x in %}").unwrap();
    weerstand()
        .current_dir(repo(""))
        .args([
            "report",
            EXAMPLE,
            "-n",
            "2000",
            "--template",
            template.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("fout in het sjabloon, regel 1"));
    weerstand()
        .current_dir(repo(""))
        .args([
            "report",
            EXAMPLE,
            "--template",
            "missing.j2",
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("kan het sjabloon niet lezen"));
}

#[test]
fn a_report_folder_that_is_a_file_is_refused() {
    weerstand()
        .current_dir(repo(""))
        .args(["report", EXAMPLE, "-n", "1000", "--out", EXAMPLE])
        .assert()
        .code(2);
    assert!(
        std::fs::read_to_string(repo(EXAMPLE))
            .unwrap()
            .starts_with("# Een klein voorbeeldregister")
    );
}
