use super::*;
use predicates::prelude::*;

const CHARTS: [&str; 6] = [
    "verdeling",
    "zekerheid",
    "bijdragen",
    "risicokaart",
    "gemeenten",
    "jaren",
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
    // No measure in the shipped register has a quantified effect: bruto equals netto, which the
    // paragraph says in one sentence instead of drawing two identical curves.
    assert!(!out.join("bruto-netto.png").exists());
    let markdown = std::fs::read_to_string(out.join("risicoparagraaf.md")).unwrap();
    assert!(markdown.contains("Bruto en netto vallen samen"));
    // The message first, for the board: the need, the reserve and why the grade is what it is
    // under a capped reserve, what each municipality carries (rounded as text rounds), the request;
    // the simulation's precision only in the method.
    let opening = markdown.split("## 1.").next().unwrap();
    assert!(opening.contains("\n\nOm de financiële gevolgen van de risico's in 2026 met 90% zekerheid op te vangen is € 5,7 miljoen nodig"), "{opening}");
    assert!(
        opening.contains("Ook met een reserve op het plafond zou de ratio 0,09"),
        "{opening}"
    );
    assert!(
        opening.contains("| Velsen | 40,05% | € 1,8 miljoen | € 2,3 miljoen |"),
        "{opening}"
    );
    assert!(opening.contains("vraagt de deelnemende gemeenten hun aandeel op te nemen in hun eigen paragraaf"));
    assert!(!opening.contains("betrouwbaarheidsinterval") && !opening.contains("opgesteld met weerstand"));
    let method = markdown.split("## Bijlage: methode").nth(1).unwrap();
    // BBV artikel 11 in order: capaciteit, risico's, beleid, confrontatie, kengetallen; the method
    // in an appendix.
    let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## 1. Weerstandscapaciteit",
            "## 2. Risico's",
            "## 3. Beleid",
            "## 4. Confrontatie van benodigde en beschikbare weerstandscapaciteit",
            "## 5. Kengetallen",
            "## Bijlage: methode"
        ]
    );
    // A total over the years says what it assumes, beside it.
    assert!(
        markdown.contains("Extra bijdrage over 2026–2029: € ")
            && markdown
                .contains("(aanname: een incidenteel risico kan elk jaar opnieuw optreden, met zijn kans per jaar (een risico met een kans per periode hooguit één keer);")
    );
    // All six BBV kengetallen (1b too), each with its reason, and one beoordeling.
    let kengetallen = markdown.split("## 5. Kengetallen").nth(1).unwrap();
    assert_eq!(
        kengetallen.matches("| niet van toepassing |").count(),
        6,
        "{kengetallen}"
    );
    assert!(kengetallen.contains("Netto schuldquote gecorrigeerd voor alle verstrekte leningen"));
    assert!(kengetallen.contains("Beoordeling: geen van de kengetallen is voor IJmond Werkt! van toepassing"));
    let beleid = markdown
        .split("## 3. Beleid")
        .nth(1)
        .unwrap()
        .split("## 4.")
        .next()
        .unwrap();
    assert!(
        beleid.contains("reviewgesprekken als in (tussentijdse) rapportages"),
        "{beleid}"
    );
    assert!(
        beleid.contains("Het register noemt geen norm voor de ratio weerstandsvermogen"),
        "{beleid}"
    );
    assert!(method.contains("95%-betrouwbaarheidsinterval van € "), "{method}");
    // Placeholders count but are never presented as named risks: the top 10 has none, one
    // sentence says how much they weigh.
    let top = markdown
        .split("| Nr. | Risico |")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    assert!(!top.contains("Niet gepubliceerd risico"), "{top}");
    assert!(markdown.contains("Daarnaast telt het register 32 plaatshouders mee"));
    // The register's line references are for its keeper, not for the paragraph's reader.
    let references = markdown
        .match_indices("L")
        .filter(|(i, _)| markdown[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
        .filter(|(i, _)| markdown[..*i].ends_with(['(', ' ', '-']))
        .count();
    assert_eq!(references, 0, "line references leak into the paragraph");
    // One name per figure: the overflow beyond the reserve and the extra contribution (overflow
    // plus topping the reserve up) are two figures, and the latter is the tables' figure; the
    // tables of a register kept in € 1.000 show it in thousands, the sentence in euros.
    let year_row = markdown.lines().find(|l| l.starts_with("| 2026 |")).unwrap();
    let contribution = year_row.split(" | ").nth(5).unwrap();
    let sentence = markdown
        .split("extra bijdrage gemeenten 2026 (overloop plus aanvulling van de reserve): € ")
        .nth(1)
        .unwrap();
    let euros: f64 = sentence.split(' ').next().unwrap().replace('.', "").parse().unwrap();
    let thousands: f64 = contribution.replace('.', "").parse().unwrap();
    assert_eq!((euros / 1000.0).round(), thousands, "{year_row}");
    assert!(markdown.contains("| Jaar | Verwacht risicobedrag (×\u{a0}€\u{a0}1.000) |"));
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
                "Kans dat de reserve tekortschiet",
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

#[test]
fn an_interrupted_run_leaves_the_previous_report_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    let out_arg = out.to_str().unwrap().to_string();
    weerstand()
        .current_dir(repo(""))
        .args([
            "report", IJMOND, "-n", "2000", "--seed", "1", "--quiet", "--out", &out_arg,
        ])
        .assert()
        .success();
    let snapshot = |dir: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot(&out);
    // A long run, interrupted with Ctrl-C (SIGINT) while it simulates.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("weerstand"))
        .current_dir(repo(""))
        .env("WEERSTAND_TODAY", "2026-11-24")
        .args([
            "report", IJMOND, "-n", "20000000", "--seed", "2", "--quiet", "--out", &out_arg,
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert!(!child.wait().unwrap().success(), "the run was interrupted");
    assert!(before == snapshot(&out), "the previous report changed");
}

#[test]
fn an_output_folder_that_holds_an_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("resultaten.json");
    std::fs::copy(repo(IJMOND), &register).unwrap();
    let original = std::fs::read(&register).unwrap();
    weerstand()
        .args([
            "simulate",
            register.to_str().unwrap(),
            "-n",
            "2000",
            "--quiet",
            "--out",
            dir.path().to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "weigert te schrijven: de uitvoermap bevat een invoerbestand en wordt als geheel vervangen",
        ));
    assert_eq!(std::fs::read(&register).unwrap(), original);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "nothing else was written: {names:?}");
}

/// A template inside the output folder would be replaced with the folder: refused, kept.
#[test]
fn a_template_inside_the_output_folder_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rapport");
    std::fs::create_dir(&out).unwrap();
    let template = out.join("eigen.md.j2");
    std::fs::write(&template, "# {{ meta.organisation }}\n").unwrap();
    weerstand()
        .current_dir(repo(""))
        .args(["report", EXAMPLE, "-n", "2000", "--quiet", "--template"])
        .arg(&template)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("de uitvoermap bevat een invoerbestand"));
    assert_eq!(
        std::fs::read_to_string(&template).unwrap(),
        "# {{ meta.organisation }}\n"
    );
}

/// Every command that writes a folder checks `--out` before it simulates (nothing on stdout, no
/// waiting): a file, a folder of registers or scenarios, one with subfolders, the shell's own.
/// Each is left as it was.
#[test]
fn an_output_folder_it_cannot_write_is_refused_before_the_simulation() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("rapport.txt");
    std::fs::write(&file, "mine").unwrap();
    let registers = root.path().join("registers");
    std::fs::create_dir(&registers).unwrap();
    std::fs::write(registers.join("oud.yaml"), "mine").unwrap();
    let nested = root.path().join("stukken");
    std::fs::create_dir_all(nested.join("2025")).unwrap();
    let register = repo(EXAMPLE);
    let register = register.to_str().unwrap();
    let commands: [&[&str]; 4] = [
        &["simulate", register],
        &["report", register],
        &["compare", register, "--set", "reserve.balance=300000"],
        &["sweep", register, "--set", "reserve.balance=100000..300000:100000"],
    ];
    let cases = [
        (file.clone(), root.path().to_path_buf(), "dit is een bestand, geen map"),
        (
            registers.clone(),
            root.path().to_path_buf(),
            "deze map bevat registers of scenario's (.yaml)",
        ),
        (nested.clone(), root.path().to_path_buf(), "deze map bevat submappen"),
        (PathBuf::from("."), nested.join("2025"), "u staat zelf in deze map"),
    ];
    for command in commands {
        for (out, cwd, message) in &cases {
            let run = weerstand()
                .current_dir(cwd)
                .args(command)
                .args(["-n", "1000", "--seed", "1", "--quiet", "--out"])
                .arg(out)
                .assert()
                .code(2)
                .stdout("");
            let stderr = String::from_utf8(run.get_output().stderr.clone()).unwrap();
            assert!(
                stderr.contains("weigert te schrijven") && stderr.contains(message),
                "{command:?} --out {}: {stderr}",
                out.display()
            );
        }
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(std::fs::read_dir(&registers).unwrap().count(), 1);
    assert_eq!(std::fs::read_dir(&nested).unwrap().count(), 1);
    assert_eq!(std::fs::read_dir(nested.join("2025")).unwrap().count(), 0);
    assert_eq!(
        std::fs::read_dir(root.path()).unwrap().count(),
        3,
        "nothing beside them"
    );
}
