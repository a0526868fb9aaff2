//! Hostile inputs (issue 19): each was a panic, a hang or an injection once.

use super::{EXAMPLE, repo, weerstand};

/// A sweep whose step is so small that the number of points overflows an integer is a range
/// error with exit code 1, not a panic.
#[test]
fn a_sweep_with_a_vanishing_step_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for range in ["0..1:1e-300", "0..1e300:1e-300", "0..1:0,0000001"] {
        let out = weerstand()
            .current_dir(repo(""))
            .args([
                "sweep",
                EXAMPLE,
                "--set",
                &format!("reserve.balance={range}"),
                "-n",
                "2000",
                "--seed",
                "1",
            ])
            .arg("--out")
            .arg(dir.path().join("x"))
            .assert()
            .code(1);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains(range), "{range}: {err}");
    }
}

/// Text from the register that a spreadsheet would run as a formula reaches the CSV with a `'` in
/// front; amounts, negative ones too, stay numbers.
#[test]
fn register_text_cannot_inject_a_formula_into_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo(EXAMPLE))
        .unwrap()
        .replace(
            "title: Schade aan voertuigen",
            "title: \"=HYPERLINK(\\\"http://x\\\",\\\"klik\\\")\"",
        )
        .replace("{name: Noorddorp,", "{name: \"@Noorddorp\",");
    let register = dir.path().join("r.yaml");
    std::fs::write(&register, text).unwrap();
    let out = dir.path().join("uit");
    weerstand()
        .args(["simulate", "-n", "2000", "--seed", "1", "--out"])
        .arg(&out)
        .arg(&register)
        .assert()
        .success();
    let contributions = std::fs::read_to_string(out.join("bijdragen.csv")).unwrap();
    assert!(
        contributions.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\""),
        "{contributions}"
    );
    let municipalities = std::fs::read_to_string(out.join("gemeenten.csv")).unwrap();
    assert!(municipalities.contains("\n'@Noorddorp,"), "{municipalities}");
    // An opportunity's negative amount is still a number.
    assert!(
        contributions
            .lines()
            .any(|l| l.starts_with("V-05,") && l.contains(",-")),
        "{contributions}"
    );
}

/// Control characters and bidirectional overrides in register text are shown as `�` by `list`
/// and in error excerpts, never sent to the terminal; the caret stays under the mistake.
#[test]
fn register_text_cannot_act_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo(EXAMPLE)).unwrap().replace(
        "title: Schade aan voertuigen",
        "title: \"Schade\\e[2J\\a aan \\u202Evoertuigen\"",
    );
    let register = dir.path().join("r.yaml");
    std::fs::write(&register, &text).unwrap();
    let out = weerstand().arg("list").arg(&register).assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("Schade\u{FFFD}[2J\u{FFFD} aan \u{FFFD}voertuigen"),
        "{stdout}"
    );
    assert!(
        !stdout.chars().any(|c| c.is_control() && c != '\n' || c == '\u{202E}'),
        "{stdout:?}"
    );

    // A raw ESC in a line with a mistake: shown as one character, the caret under the mistake.
    let broken = text.replace("    frequency: 2.5", "    frequency: 2.5x \u{1b}[31m");
    std::fs::write(&register, broken).unwrap();
    let out = weerstand().arg("validate").arg(&register).assert().code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("frequency: 2.5x"))
        .expect("the excerpt");
    let (excerpt, caret) = (lines[at], lines[at + 1]);
    let column = caret.find('^').unwrap();
    assert_eq!(&excerpt[column..column + 4], "2.5x", "{excerpt}\n{caret}");
}

/// One register, written three ways on the command line, gives the same bytes.
#[test]
fn the_results_do_not_depend_on_how_the_register_path_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let absolute = repo(EXAMPLE);
    let absolute = absolute.to_str().unwrap();
    let relative_dot = format!("./{EXAMPLE}");
    let mut outputs = Vec::new();
    for (k, path) in [EXAMPLE, relative_dot.as_str(), absolute].iter().enumerate() {
        let out = dir.path().join(k.to_string());
        weerstand()
            .current_dir(repo(""))
            .args(["simulate", path, "-n", "2000", "--seed", "7", "--quiet", "--out"])
            .arg(&out)
            .assert()
            .success();
        outputs.push(std::fs::read(out.join("resultaten.json")).unwrap());
    }
    assert!(
        outputs.windows(2).all(|w| w[0] == w[1]),
        "the JSON differs by the path as typed"
    );
}

/// A mistake a scenario or `--set` makes is reported where it was made, not in the register.
#[test]
fn a_scenarios_mistake_points_into_the_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("alles-weg.yaml");
    std::fs::write(
        &scenario,
        "name: Alles weg\nremove: [V-01, V-02, V-03, V-04, V-05, V-06, V-07]\n",
    )
    .unwrap();
    let out = weerstand()
        .current_dir(repo(""))
        .args(["validate", EXAMPLE, "--scenario"])
        .arg(&scenario)
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("alles-weg.yaml:2:46: het register bevat geen risico's"),
        "{err}"
    );
    let out = weerstand()
        .current_dir(repo(""))
        .args(["validate", EXAMPLE, "--set", "horizon.last=2036"])
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("fout: --set horizon.last:1:1: de horizon beslaat 11 jaar"),
        "{err}"
    );
}

/// A mistake in a user's template names the template file, its line and column, and is an invalid
/// input (exit 1); the previous report stays.
#[test]
fn a_templates_mistake_names_its_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("eigen.md.j2");
    std::fs::write(&template, "# Titel\n\nTekst {{ facts.bestaat_niet }}\n").unwrap();
    let out = weerstand()
        .current_dir(repo(""))
        .args(["report", EXAMPLE, "-n", "2000", "--quiet", "--template"])
        .arg(&template)
        .arg("--out")
        .arg(dir.path().join("rapport"))
        .assert()
        .code(1);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let expected = format!("{}: fout in het sjabloon, regel 3, kolom 10:", template.display());
    assert!(err.contains(&expected), "{expected}\n{err}");
    assert!(!dir.path().join("rapport").exists(), "nothing was written");
}
