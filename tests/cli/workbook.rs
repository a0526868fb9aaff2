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
    let changed = dir.path().join("ijmond-80.yaml");
    let original = std::fs::read_to_string(repo(IJMOND)).unwrap();
    std::fs::write(
        &changed,
        original.replace("    probability: 63%\n", "    probability: 80%\n"),
    )
    .unwrap();
    let changed = changed.to_str().unwrap();
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
