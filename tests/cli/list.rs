use super::*;

/// The id column of the table rows.
fn ids(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.starts_with('│'))
        .skip(1)
        .map(|l| l.trim_start_matches('│').split('┆').next().unwrap().trim().to_string())
        .collect()
}

#[test]
fn lists_every_risk_in_file_order() {
    let out = stdout_of(&["list", IJMOND]);
    let ids = ids(&out);
    assert_eq!(ids.len(), 58);
    assert_eq!(ids[0], "T1-01");
    assert_eq!(ids[57], "T4-X2");
    // The total of 2026 counts only the risks that can occur in 2026: T3-P3 starts in 2027.
    assert!(
        out.contains("Totaal gewogen (netto, 2026): € 4.510.150; niet meegeteld, want pas later mogelijk: T3-P3 (vanaf 2027) € 30.000"),
        "{out}"
    );
}

#[test]
fn sorts_by_weighted_amount() {
    let out = stdout_of(&["list", IJMOND, "--sort", "weighted"]);
    let ids = ids(&out);
    // The CAO risk (320,15) leads, then BSW (300) and Personeel Wsw (280); PM risks come last.
    assert_eq!(&ids[..3], ["T4-01", "T3-07a", "T3-01"]);
    assert_eq!(ids.last().unwrap(), "T4-P2");
}

#[test]
fn shows_probability_impact_range_and_weighted_amount() {
    let out = stdout_of(&["list", IJMOND]);
    let row = out.lines().find(|l| l.contains("T4-01")).unwrap();
    assert!(row.contains("63%"), "{row}");
    assert!(row.contains("€ 217.790 – € 1.088.950 (1%–5% loonsom)"), "{row}");
    assert!(row.contains("€ 320.151"), "{row}");
    let row = out.lines().find(|l| l.contains("T1-01")).unwrap();
    assert!(row.contains("PM"), "{row}");
}

#[test]
fn bruto_counts_no_measure() {
    let netto = stdout_of(&["list", EXAMPLE]);
    let bruto = stdout_of(&["list", EXAMPLE, "--bruto"]);
    let planned = stdout_of(&["list", EXAMPLE, "--with-planned"]);
    // V-02: 30% x triangular(100k, 150k, 300k) = 55.000 bruto; x 0,8 impact in place; x 0,5 planned.
    let row = |out: &str| out.lines().find(|l| l.contains("V-02")).unwrap().to_string();
    assert!(row(&bruto).contains("€ 55.000"), "{}", row(&bruto));
    assert!(row(&netto).contains("€ 44.000"), "{}", row(&netto));
    assert!(row(&planned).contains("€ 22.000"), "{}", row(&planned));
}

/// At 80 columns every line of `list` fits: category, type, status and impact are left out, in that
/// order, with a line that says which; titles wrap rather than run off. Without a width (a pipe, a
/// file) every column is there.
#[test]
fn the_list_fits_the_terminal_and_says_what_it_left_out() {
    let at = |columns: Option<&str>| {
        let mut cmd = weerstand();
        cmd.current_dir(repo("")).args(["list", IJMOND]);
        if let Some(c) = columns {
            cmd.env("COLUMNS", c);
        }
        String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
    };
    let narrow = at(Some("80"));
    assert!(narrow.lines().all(|l| l.chars().count() <= 80), "{narrow}");
    assert!(
        narrow.starts_with(
            "(smal venster: categorie, soort, status en impact per keer weggelaten; --format\njson toont alles)"
        ),
        "{narrow}"
    );
    for id in ["T1-01", "T4-01", "T4-X2"] {
        assert!(narrow.contains(&format!("│ {id} ")), "{id}");
    }
    assert!(narrow.contains("€ 4.510.150"));
    let full = at(None);
    assert!(full.contains("┆ categorie ") && full.contains("┆ impact per keer "));
    assert!(!full.contains("smal venster"));
    assert!(
        full.lines().any(|l| l.chars().count() > 150),
        "no width: nothing left out"
    );
}
