use super::*;

/// The published matrix "Kwalificatie en kwantificering risico's", bedragen x € 1.000 (Werkplan 2026,
/// L2010-L2042): rows are the four categories and the total, columns the four risk types and the total.
const PUBLISHED: [[&str; 5]; 5] = [
    ["PM", "€ 200", "€ 0", "€ 0", "€ 200"],
    ["€ 0", "€ 0", "€ 400", "€ 600", "€ 1.000"],
    ["€ 0", "€ 0", "€ 200", "€ 2.300", "€ 2.500"],
    ["€ 0", "€ 0", "€ 0", "€ 800", "€ 800"],
    ["€ 0", "€ 200", "€ 600", "€ 3.700", "€ 4.500"],
];

/// The cells of the printed table, row by row, without the row label.
fn cells(out: &str) -> Vec<Vec<String>> {
    out.lines()
        .filter(|l| l.starts_with('│'))
        .skip(1)
        .map(|l| {
            l.trim_matches('│')
                .split('┆')
                .skip(1)
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_shipped_register_prints_the_published_matrix_cell_for_cell() {
    let out = stdout_of(&["matrix", IJMOND]);
    let printed = cells(&out);
    assert_eq!(printed.len(), 5, "{out}");
    for (r, row) in PUBLISHED.iter().enumerate() {
        assert_eq!(printed[r], row, "row {} of\n{out}", r + 1);
    }
    assert!(out.contains("bedragen x € 1.000"));
    assert!(out.contains("Bedragen afgerond op € 100.000; PM = niet gekwantificeerd. Totaal exact € 4.540.150."));
    // The matrix lists every risk, as the Werkplan does; what cannot occur in 2026 is named, so that
    // its total and the weighted total of 2026 (list, paragraph) are not two values for one figure.
    assert!(
        out.contains(
            "Daarvan kan € 30.000 pas na 2026 optreden (T3-P3); dat telt niet mee in het gewogen totaal van 2026."
        ),
        "{out}"
    );
}

#[test]
fn the_rows_are_the_werkplans_categories() {
    let out = stdout_of(&["matrix", IJMOND]);
    for label in [
        "1. Niet beïnvloedbare risico's wet- en regelgeving",
        "2. Omgeving gerelateerde (deels niet beïnvloedbare) risico's",
        "3. Reguliere risico's uitvoering en beheersing",
        "4. Reguliere risico's arbeidsvoorwaardelijk en juridisch",
    ] {
        assert!(out.contains(label), "{label} missing in\n{out}");
    }
}

#[test]
fn unrounded_shows_the_exact_thousands() {
    let out = stdout_of(&["matrix", IJMOND, "--rounding", "1000"]);
    let printed = cells(&out);
    assert_eq!(printed[0], ["PM", "€ 240", "€ 0", "€ 0", "€ 240"]);
    assert_eq!(printed[4][4], "€ 4.540");
}

#[test]
fn english_headers() {
    let out = stdout_of(&["--lang", "en", "matrix", IJMOND]);
    assert!(out.contains("Operations, control and financial"), "{out}");
    assert!(out.contains("amounts x € 1,000"), "English number format: {out}");
}

#[test]
fn a_bad_rounding_is_a_usage_error() {
    weerstand()
        .current_dir(repo(""))
        .args(["matrix", IJMOND, "--rounding", "0"])
        .assert()
        .code(2);
}
