//! Workbooks: `resultaten.xlsx` and its siblings read back with a real reader (calamine) and checked
//! cell for cell against the JSON and the CSV.

use super::*;
use calamine::{Data, Reader, open_workbook_auto};
use serde_json::Value;

/// Every sheet of a workbook: (name, rows of cells).
fn sheets(path: &std::path::Path) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

/// A cell as the JSON value it must equal: numbers exactly (the workbook holds the f64 itself),
/// text as text, an empty cell as null.
fn same(cell: &Data, json: &Value) -> bool {
    match (cell, json) {
        (Data::Float(x), Value::Number(n)) => Some(*x) == n.as_f64(),
        (Data::Int(x), Value::Number(n)) => Some(*x as f64) == n.as_f64(),
        (Data::String(s), Value::String(t)) => s == t,
        (Data::String(s), Value::Bool(b)) => *s == b.to_string(),
        (Data::Empty, Value::Null) => true,
        _ => false,
    }
}

/// Checks one sheet: its header, and each row against the JSON values `expected` gives for it.
fn check(sheet: &(String, Vec<Vec<Data>>), header: &[&str], expected: &[Vec<Value>]) {
    let (name, rows) = sheet;
    let found: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(found, header, "{name}: header");
    assert_eq!(rows.len() - 1, expected.len(), "{name}: rows");
    for (r, (row, want)) in rows[1..].iter().zip(expected).enumerate() {
        for (c, (cell, json)) in row.iter().zip(want).enumerate() {
            assert!(
                same(cell, json),
                "{name}!{}{}: the workbook has {cell:?}, resultaten.json {json}",
                (b'A' + c as u8) as char,
                r + 2
            );
        }
    }
}

#[test]
fn resultaten_xlsx_holds_the_json_figures_cell_for_cell() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit");
    weerstand()
        .current_dir(repo(""))
        .args(["simulate", IJMOND, "--seed", "11", "-n", "20000", "--quiet"])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let json: Value = serde_json::from_slice(&std::fs::read(out.join("resultaten.json")).unwrap()).unwrap();
    let book = sheets(&out.join("resultaten.xlsx"));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "percentielen",
            "jaren",
            "gemeenten",
            "bijdragen",
            "segmenten",
            "manifest"
        ]
    );
    let years = json["years"].as_array().unwrap();
    let percentiles: Vec<Vec<Value>> = years
        .iter()
        .flat_map(|y| {
            y["risk_amount"]["percentiles"].as_array().unwrap().iter().map(|p| {
                vec![
                    y["year"].clone(),
                    p["p"].clone(),
                    p["value"].clone(),
                    p["ci_low"].clone(),
                    p["ci_high"].clone(),
                ]
            })
        })
        .collect();
    check(&book[0], &["year", "p", "required", "ci_low", "ci_high"], &percentiles);
    let year_keys = [
        "reserve_start_mean",
        "p_reserve_short",
        "overflow_mean",
        "overflow_at_certainty",
        "replenishment_mean",
        "contribution_mean",
        "contribution_at_certainty",
    ];
    let year_rows: Vec<Vec<Value>> = years
        .iter()
        .map(|y| {
            let mut row = vec![
                y["year"].clone(),
                y["risk_amount"]["mean"].clone(),
                y["risk_amount"]["sd"].clone(),
                y["risk_amount"]["at_certainty"]["value"].clone(),
            ];
            row.extend(year_keys.iter().map(|k| y[*k].clone()));
            row
        })
        .collect();
    let mut header = vec!["year", "risk_amount_mean", "risk_amount_sd", "risk_amount_at_certainty"];
    header.extend(year_keys);
    check(&book[1], &header, &year_rows);
    let municipalities: Vec<Vec<Value>> = json["municipalities"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| {
            let per_year = m["per_year"].as_array().unwrap().iter().map(move |y| {
                vec![
                    m["name"].clone(),
                    m["share"].clone(),
                    Value::String(y["year"].to_string()),
                    y["mean"].clone(),
                    y["at_certainty"].clone(),
                ]
            });
            per_year.chain(std::iter::once(vec![
                m["name"].clone(),
                m["share"].clone(),
                "horizon".into(),
                m["horizon"]["mean"].clone(),
                m["horizon"]["at_certainty"].clone(),
            ]))
        })
        .collect();
    check(
        &book[2],
        &[
            "municipality",
            "share",
            "year",
            "contribution_mean",
            "contribution_at_certainty",
        ],
        &municipalities,
    );
    let contributions: Vec<Vec<Value>> = json["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            [
                "id",
                "title",
                "category",
                "risk_type",
                "weighted",
                "mean",
                "share_of_mean",
                "worst_years_mean",
                "share_of_worst_years",
            ]
            .iter()
            .map(|k| c[*k].clone())
            .collect()
        })
        .collect();
    assert!(contributions.len() > 10);
    check(
        &book[3],
        &[
            "id",
            "title",
            "category",
            "type",
            "weighted",
            "risk_amount_mean",
            "share_of_mean",
            "worst_years_mean",
            "share_of_worst_years",
        ],
        &contributions,
    );
    let segments: Vec<Vec<Value>> = ["categories", "types"]
        .iter()
        .flat_map(|kind| {
            let label = if *kind == "categories" { "category" } else { "type" };
            json["segments"][kind].as_array().unwrap().iter().map(move |s| {
                let mut row = vec![Value::String(label.into())];
                row.extend(
                    ["id", "name", "risks", "mean", "sd", "at_certainty"]
                        .iter()
                        .map(|k| s[*k].clone()),
                );
                row
            })
        })
        .collect();
    check(
        &book[4],
        &[
            "kind",
            "id",
            "name",
            "risks",
            "risk_amount_mean",
            "risk_amount_sd",
            "risk_amount_at_certainty",
        ],
        &segments,
    );
    // The manifest: every field by its dotted name, with the JSON's value.
    let (_, manifest) = &book[5];
    assert!(manifest.len() > 10);
    for row in &manifest[1..] {
        let field = row[0].to_string();
        let pointer = format!("/manifest/{}", field.replace('.', "/"));
        let pointer = pointer
            .split('/')
            .map(|p| match p.parse::<usize>() {
                Ok(n) if n > 0 => (n - 1).to_string(),
                _ => p.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/");
        let value = json
            .pointer(&pointer)
            .unwrap_or_else(|| panic!("{field} not in the JSON"));
        assert!(same(&row[1], value), "manifest {field}: {:?} vs {value}", row[1]);
    }
    let fields: Vec<String> = manifest.iter().map(|r| r[0].to_string()).collect();
    for field in ["seed", "iterations", "version", "register_sha256"] {
        assert!(fields.iter().any(|f| f == field), "manifest lacks {field}: {fields:?}");
    }
}

#[test]
fn every_workbook_matches_its_csv_and_reruns_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], out: &std::path::Path| {
        let simulated = args[0] != "afrekening";
        weerstand()
            .current_dir(repo(""))
            .args(args)
            .args(if simulated {
                &["--seed", "4", "-n", "3000"][..]
            } else {
                &[]
            })
            .args(if simulated { &["--quiet"][..] } else { &[] })
            .arg("--out")
            .arg(out)
            .assert()
            .success();
    };
    let changed = changed_register(dir.path());
    let changed = changed.as_str();
    let cases: [(&[&str], &str); 5] = [
        (&["compare", IJMOND, "--set", "reserve.balance=500"], "vergelijking"),
        (
            &["sweep", IJMOND, "--set", "reserve.balance=250..500:250"],
            "doorrekening",
        ),
        (&["diff", IJMOND, changed], "verschil"),
        (&["afrekening", "risks/ijmond-werkt-2020.yaml"], "afrekening"),
        (&["report", EXAMPLE], "resultaten"),
    ];
    for (args, stem) in cases {
        let (a, b) = (
            dir.path().join(format!("{stem}-a")),
            dir.path().join(format!("{stem}-b")),
        );
        run(args, &a);
        run(args, &b);
        let xlsx = format!("{stem}.xlsx");
        assert_eq!(
            std::fs::read(a.join(&xlsx)).unwrap(),
            std::fs::read(b.join(&xlsx)).unwrap(),
            "{stem}: two runs, the same bytes"
        );
        for (name, rows) in sheets(&a.join(&xlsx)) {
            if name == "manifest" {
                continue;
            }
            let csv = std::fs::read_to_string(a.join(format!("{name}.csv"))).unwrap();
            let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
            let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
            let found: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
            assert_eq!(found, header, "{name}");
            let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            assert_eq!(records.len(), rows.len() - 1, "{name}: rows");
            for (record, row) in records.iter().zip(&rows[1..]) {
                for (text, cell) in record.iter().zip(row) {
                    match cell {
                        Data::Float(x) => {
                            let y: f64 = text.parse().unwrap_or_else(|_| panic!("{name}: {text:?} is a number"));
                            assert!((x - y).abs() <= 1e-6 * x.abs().max(1.0), "{name}: {x} vs {text}");
                        }
                        Data::String(s) => assert_eq!(s, text, "{name}"),
                        Data::Empty => assert_eq!(text, "", "{name}"),
                        other => panic!("{name}: unexpected {other:?}"),
                    }
                }
            }
        }
    }
}

/// Simulates a register with a fixed seed and returns its results without the manifest's name and
/// hash of the register file (the only things that may differ between the same register's forms).
fn figures(register: &std::path::Path) -> Value {
    let out = weerstand()
        .current_dir(repo(""))
        .args(["simulate", "--seed", "21", "-n", "20000", "--format", "json", "--quiet"])
        .arg(register)
        .assert()
        .success();
    let mut json: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let manifest = json["manifest"].as_object_mut().unwrap();
    manifest.remove("register");
    manifest.remove("register_sha256");
    json
}

/// The lines of a YAML register that are not comments.
fn content(path: &std::path::Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

fn run_ok(args: &[&std::ffi::OsStr]) {
    weerstand().current_dir(repo("")).args(args).assert().success();
}

#[test]
fn a_register_goes_to_a_workbook_and_back_with_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    for register in [IJMOND, "risks/ijmond-werkt-2020.yaml", EXAMPLE] {
        let (x1, y1, x2, y2) = (p("1.xlsx"), p("1.yaml"), p("2.xlsx"), p("2.yaml"));
        run_ok(&[os("export"), os(register), os("--out"), x1.as_os_str()]);
        run_ok(&[os("import"), x1.as_os_str(), os("--out"), y1.as_os_str()]);
        run_ok(&[os("export"), y1.as_os_str(), os("--out"), x2.as_os_str()]);
        run_ok(&[os("import"), x2.as_os_str(), os("--out"), y2.as_os_str()]);
        // import → export → import gives the same register, and the same workbook.
        assert_eq!(content(&y1), content(&y2), "{register}");
        assert_eq!(std::fs::read(&x1).unwrap(), std::fs::read(&x2).unwrap(), "{register}");
        if register != "risks/ijmond-werkt-2020.yaml" {
            assert_eq!(figures(&repo(register)), figures(&y1), "{register}: the same figures");
        }
    }
    // The 2020 register is not simulated (it is qualitative); its settlement is the same.
    let settle = |r: &std::path::Path| {
        let out = weerstand()
            .current_dir(repo(""))
            .arg("afrekening")
            .arg(r)
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    run_ok(&[
        os("export"),
        os("risks/ijmond-werkt-2020.yaml"),
        os("--out"),
        p("20.xlsx").as_os_str(),
    ]);
    run_ok(&[
        os("import"),
        p("20.xlsx").as_os_str(),
        os("--out"),
        p("20.yaml").as_os_str(),
    ]);
    assert_eq!(settle(&repo("risks/ijmond-werkt-2020.yaml")), settle(&p("20.yaml")));
}

#[test]
fn the_template_is_what_its_program_makes_and_imports_back() {
    let made = weerstand::workbook::template::bytes(&repo(weerstand::workbook::template::SOURCE)).unwrap();
    let shipped = std::fs::read(repo(weerstand::workbook::template::FILE)).unwrap();
    assert!(
        made == shipped,
        "examples/register-sjabloon.xlsx is not what `cargo run --example register_sjabloon` makes"
    );
    let book = sheets(&repo(weerstand::workbook::template::FILE));
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Risico's", "Instellingen", "Keuzelijsten"]);
    let header: Vec<String> = book[0].1[0].iter().map(ToString::to_string).collect();
    assert_eq!(
        header.len(),
        weerstand::workbook::COLUMNS.len(),
        "every column: {header:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit-sjabloon.yaml");
    weerstand()
        .current_dir(repo(""))
        .args(["import", weerstand::workbook::template::FILE, "--out"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("7 risico's"));
    assert_eq!(
        figures(&repo(EXAMPLE)),
        figures(&out),
        "the template is the example register"
    );
}

/// A workbook as risk officers send them: a title above the header, their own column names, an
/// extra column, and realistic mistakes.
fn workbook_with_mistakes(path: &std::path::Path, mistakes: bool) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let percent = Format::new().set_num_format("0%");
    let date = Format::new().set_num_format("dd-mm-yyyy");
    let ws = book.add_worksheet();
    ws.set_name("Risico's").unwrap();
    ws.write(0, 0, "Risicoregister GR Voorbeeld 2026").unwrap();
    let header = [
        "Nr",
        "Risico",
        "Categorie",
        "Soort",
        "Status",
        "Kans (%)",
        "Impact (€)",
        "Min",
        "Max",
        "Opmerking intern",
        "Laatst beoordeeld",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    // Row 4: right, with a percent cell and a date cell.
    let row = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, cells: &[(&str, u16)]| {
        for (text, c) in cells {
            ws.write(r, *c, *text).unwrap();
        }
    };
    row(
        ws,
        3,
        &[
            ("R-01", 0),
            ("Hogere loonkosten", 1),
            ("uitvoering", 2),
            ("politiek", 3),
            ("actueel", 4),
        ],
    );
    ws.write_number_with_format(3, 5, 0.7, &percent).unwrap();
    ws.write_number(3, 6, 100_000).unwrap();
    ws.write_datetime_with_format(3, 10, ExcelDateTime::from_ymd(2026, 3, 1).unwrap(), &date)
        .unwrap();
    if mistakes {
        // Row 5: the probability typed as text with a space, status misspelt.
        row(
            ws,
            4,
            &[
                ("R-02", 0),
                ("Lagere omzet", 1),
                ("uitvoering", 2),
                ("commercieel", 3),
                ("actueeel", 4),
                ("70 %", 5),
            ],
        );
        ws.write_number(4, 6, 50_000).unwrap();
        // Row 6: a probability of 130% and a minimum above the maximum.
        row(
            ws,
            5,
            &[
                ("R-03", 0),
                ("Claim", 1),
                ("omgeving", 2),
                ("politiek", 3),
                ("potentieel", 4),
            ],
        );
        ws.write_number_with_format(5, 5, 1.3, &percent).unwrap();
        ws.write_number(5, 7, 80_000).unwrap();
        ws.write_number(5, 8, 20_000).unwrap();
        // Row 7: both a fixed amount and a range; an unknown category; the id of row 4 again.
        row(
            ws,
            6,
            &[
                ("R-01", 0),
                ("Dubbel", 1),
                ("financien", 2),
                ("politiek", 3),
                ("actueel", 4),
            ],
        );
        ws.write_number_with_format(6, 5, 0.5, &percent).unwrap();
        ws.write_number(6, 6, 10_000).unwrap();
        ws.write_number(6, 7, 5_000).unwrap();
        ws.write_number(6, 8, 15_000).unwrap();
        // Row 8: the amount typed as text with a euro sign.
        row(
            ws,
            7,
            &[
                ("R-05", 0),
                ("Tekst als bedrag", 1),
                ("uitvoering", 2),
                ("politiek", 3),
                ("actueel", 4),
                ("€ 50.000", 6),
            ],
        );
        ws.write_number_with_format(7, 5, 0.3, &percent).unwrap();
    }
    let settings = book.add_worksheet();
    settings.set_name("Instellingen").unwrap();
    let mut rows: Vec<(&str, &str)> = vec![
        ("Instelling", "Waarde"),
        ("metadata.organisation", "GR Voorbeeld"),
        ("horizon.first", "2026"),
        ("horizon.last", "2029"),
        ("reserve.cap", "500000"),
        ("reserve.balance", "250000"),
        ("verdeelsleutel.municipalities[1].name", "Noorddorp"),
        ("verdeelsleutel.municipalities[1].share", "100%"),
    ];
    if mistakes {
        rows[5].0 = "reserve balance";
        rows.push(("reserve.cap", "400000"));
    }
    for (r, (k, v)) in rows.iter().enumerate() {
        settings.write(r as u32, 0, *k).unwrap();
        match v.parse::<f64>() {
            Ok(x) => settings.write_number(r as u32, 1, x).unwrap(),
            Err(_) => settings.write(r as u32, 1, *v).unwrap(),
        };
    }
    book.save(path).unwrap();
}

#[test]
fn a_workbook_with_mistakes_reports_each_at_its_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("register.xlsx");
    workbook_with_mistakes(&book, true);
    let out = dir.path().join("register.yaml");
    let result = weerstand()
        .current_dir(dir.path())
        .args(["import", "register.xlsx", "--out", "register.yaml"])
        .assert()
        .code(1)
        .stdout("");
    let stderr = String::from_utf8(result.get_output().stderr.clone()).unwrap();
    assert!(!out.exists(), "nothing is written");
    // Each mistake at its sheet and cell, with the text found there, in the register's words.
    for (place, message, found) in [
        (
            "Risico's!E5",
            "onbekende status 'actueeel'; bedoelt u 'actueel'?",
            "'actueeel'",
        ),
        ("Risico's!F6", "is 130%, maar een kans ligt tussen 0 en 1", "'130%'"),
        ("Risico's!H6", "min (80.000) is groter dan max (20.000)", "'80000'"),
        (
            "Risico's!A7",
            "id 'R-01' komt twee keer voor (eerder in rij 4)",
            "'R-01'",
        ),
        ("Risico's!C7", "onbekende categorie 'financien'", "'financien'"),
        ("Risico's!G7", "een vast bedrag én een bereik (min/max)", "'10000'"),
        (
            "Risico's!G8",
            "zonder € en zonder punten tussen de duizendtallen",
            "'€ 50.000'",
        ),
        (
            "Instellingen!A6",
            "'reserve balance' is geen instelling",
            "'reserve balance'",
        ),
        (
            "Instellingen!A9",
            "instelling 'reserve.cap' staat er al",
            "'reserve.cap'",
        ),
        (
            "Risico's!J3",
            "kolom 'Opmerking intern' hoort bij geen veld",
            "'Opmerking intern'",
        ),
    ] {
        let line = stderr
            .lines()
            .position(|l| l.contains(&format!("register.xlsx:{place}: ")) && l.contains(message))
            .unwrap_or_else(|| panic!("no {place}: {message} in\n{stderr}"));
        let next = stderr.lines().nth(line + 1).unwrap();
        assert_eq!(next, format!("  in de cel: {found}"), "{place}");
    }
    assert!(
        stderr.contains("het register is ongeldig: 10 fouten, 1 waarschuwing"),
        "{stderr}"
    );
    // '70 %' with a space is a percentage, as the register reads it: no mistake in F5.
    assert!(!stderr.contains("Risico's!F5"), "{stderr}");
}

#[test]
fn cells_are_read_as_they_show_and_a_csv_with_semicolons_too() {
    let dir = tempfile::tempdir().unwrap();
    workbook_with_mistakes(&dir.path().join("register.xlsx"), false);
    weerstand()
        .current_dir(dir.path())
        .args(["import", "register.xlsx", "--out", "register.yaml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("1 risico uit register.xlsx"));
    let yaml = std::fs::read_to_string(dir.path().join("register.yaml")).unwrap();
    for expected in [
        "# Risicoregister, geïmporteerd uit register.xlsx (blad Risico's, 1 risico) door weerstand.",
        "  # Risico's, rij 4\n  - id: R-01\n",
        "    probability: 70%\n",
        "    impact: 100000\n",
        "    reviewed: \"2026-03-01\"\n",
        "verdeelsleutel:\n  municipalities:\n    - {name: Noorddorp, share: 100%}\n",
    ] {
        assert!(yaml.contains(expected), "missing {expected:?} in\n{yaml}");
    }
    // A CSV as Dutch Excel saves it: semicolons, a decimal comma; the settings from a register.
    std::fs::write(
        dir.path().join("lijst.csv"),
        "Id;Risico;Categorie;Soort;Status;Kans;Impact min;Impact max\nC-1;Storing;uitvoering;politiek;actueel;0,35;1000;3000\n",
    )
    .unwrap();
    weerstand()
        .current_dir(dir.path())
        .args(["import", "lijst.csv", "--out", "lijst.yaml", "--settings"])
        .arg(repo(EXAMPLE))
        .assert()
        .success();
    let yaml = std::fs::read_to_string(dir.path().join("lijst.yaml")).unwrap();
    assert!(yaml.contains("    probability: 0.35\n"), "{yaml}");
    assert!(
        yaml.contains("    impact: {uniform: {min: 1000, max: 3000}}\n"),
        "{yaml}"
    );
    assert!(yaml.contains("organisation: GR Voorbeeld"), "{yaml}");
    // A row without a required field is told which column to fill in, at the row's first cell.
    std::fs::write(
        dir.path().join("kort.csv"),
        "Id;Risico;Soort;Status;Kans;Impact\nK-1;Kort;politiek;actueel;0,5;100\n",
    )
    .unwrap();
    let out = weerstand()
        .current_dir(dir.path())
        .args(["import", "kort.csv", "--out", "kort.yaml", "--settings"])
        .arg(repo(EXAMPLE))
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr
            .contains("kort.csv:kort!A2: risico K-1: verplicht veld 'category' ontbreekt: vul de kolom 'Categorie' in")
            && stderr.contains("  in de cel: 'K-1'"),
        "{stderr}"
    );
}

/// A register kept in LibreOffice: `tests/fixtures/voorbeeld-gr.ods` is `weerstand export
/// examples/voorbeeld-gr.yaml` saved by LibreOffice Calc 7.4 as .ods (`soffice --convert-to ods`),
/// which stores TRUE as the number 1 and knows no percent style calamine reads. It imports to the
/// example register's figures.
#[test]
fn a_libreoffice_workbook_imports_to_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("uit-ods.yaml");
    weerstand()
        .current_dir(repo(""))
        .args(["import", "tests/fixtures/voorbeeld-gr.ods", "--out"])
        .arg(&out)
        .assert()
        .success();
    let yaml = std::fs::read_to_string(&out).unwrap();
    assert!(yaml.contains("  replenish: true\n"), "{yaml}");
    assert_eq!(figures(&repo(EXAMPLE)), figures(&out));
}
