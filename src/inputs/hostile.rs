//! Hostile and damaged input, read through the same path as a file: every case gets a clear error
//! with its position, or is read correctly where YAML allows it, in bounded time and memory.

use super::*;
use crate::lang::Lang;

const EXAMPLE: &str = include_str!("../../examples/voorbeeld-gr.yaml");

fn today() -> Date {
    Date::parse("2026-11-24").unwrap()
}

/// The errors of reading `bytes` as a register, as one-line headlines; empty when it is valid.
fn errors(bytes: &[u8]) -> Vec<String> {
    let (sources, result) = match Inputs::from_bytes("r.yaml", bytes, today()) {
        Ok(inputs) => {
            let result = inputs.model(&[]).map(|_| ());
            (inputs.sources, result)
        }
        Err((sources, e)) => (sources, Err(e)),
    };
    match result {
        Ok(()) => Vec::new(),
        Err(InputError::Invalid(d)) => d
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.headline(&sources, Lang::Nl))
            .collect(),
        Err(InputError::Io { error, .. }) => vec![error.to_string()],
    }
}

/// The example register with its reserve cap written as `value`.
fn with_cap(value: &str) -> Vec<u8> {
    let text = EXAMPLE.replacen("cap: 500000", &format!("cap: {value}"), 1);
    assert_ne!(text, EXAMPLE);
    text.into_bytes()
}

fn only(errors: Vec<String>) -> String {
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn the_example_is_valid() {
    assert_eq!(errors(EXAMPLE.as_bytes()), Vec::<String>::new());
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    // "Billion laughs": nine levels of nine references would expand to 9^9 values.
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..9u8 {
        let (name, previous) = ((b'a' + level) as char, (b'a' + level - 1) as char);
        let refs = vec![format!("*{previous}"); 9].join(", ");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    let error = only(errors(text.as_bytes()));
    assert!(
        error.contains("een alias (*naam) is in een register niet toegestaan"),
        "{error}"
    );
}

#[test]
fn an_alias_cannot_copy_a_risk_a_name_or_a_year() {
    // Each of these made one thing count twice without a duplicate message.
    let base = EXAMPLE.replace("risks:\n  - id: V-01", "risks:\n  - &first\n    id: V-01");
    let copies = [
        base.replace("\n  - id: V-02", "\n  - *first\n  - id: V-02"),
        base.replace("\n  - id: V-02", "\n  - <<: *first\n    title: Kopie\n  - id: V-02"),
        EXAMPLE
            .replace("  - id: V-01", "  - id: &i V-01")
            .replace("  - id: V-02", "  - id: *i"),
    ];
    for text in copies {
        let error = only(errors(text.as_bytes()));
        assert!(
            error.contains("een alias (*naam) is in een register niet toegestaan"),
            "{error}\n{text}"
        );
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let flow = format!("risks: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    assert!(only(errors(flow.as_bytes())).contains("te diep genest"));
    let block: String = (0..2000).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
    let error = only(errors(block.as_bytes()));
    assert!(
        error.starts_with("fout: r.yaml:33:") && error.contains("te diep genest"),
        "{error}"
    );
}

#[test]
fn a_huge_file_is_refused_before_it_is_parsed() {
    let mut bytes = b"# ".to_vec();
    bytes.resize(17 * 1024 * 1024, b'x');
    assert_eq!(
        only(errors(&bytes)),
        "fout: r.yaml:1:1: het bestand is 17,0 MiB; weerstand leest registers tot 16 MiB"
    );
}

#[test]
fn numbers_that_are_not_amounts() {
    for (value, expected) in [
        ("1e400", "'reserve.cap': 1e400 is geen eindig getal"),
        (".nan", "'reserve.cap': .nan is geen eindig getal"),
        (".inf", "'reserve.cap': .inf is geen eindig getal"),
        ("-.inf", "'reserve.cap': -.inf is geen eindig getal"),
        (
            "vijfhonderd",
            "'reserve.cap' moet een getal zijn, maar is 'vijfhonderd'",
        ),
        ("'€ 500.000'", "schrijf een bedrag als kaal getal"),
        ("500.000,00", "gebruikt een komma"),
        ("99999999999999999999999999", "meer dan € 10.000.000.000"),
    ] {
        let error = only(errors(&with_cap(value)));
        assert!(error.starts_with("fout: r.yaml:17:8: "), "{value}: {error}");
        assert!(error.contains(expected), "{value}: {error}");
    }
}

#[test]
fn tabs_and_duplicate_keys_are_errors_with_their_position() {
    let tabs = EXAMPLE.replacen("\n  cap: 500000", "\n\tcap: 500000", 1);
    let error = only(errors(tabs.as_bytes()));
    assert!(
        error.starts_with("fout: r.yaml:17:") && error.contains("tab"),
        "{error}"
    );
    let duplicate = EXAMPLE.replacen("  cap: 500000", "  cap: 500000\n  cap: 1", 1);
    let error = only(errors(duplicate.as_bytes()));
    assert!(
        error.starts_with("fout: r.yaml:18:3:") && error.contains("twee keer"),
        "{error}"
    );
}

#[test]
fn a_bom_and_crlf_line_ends_are_read_as_the_same_register() {
    let read = |bytes: &[u8]| {
        Inputs::from_bytes("r.yaml", bytes, today())
            .unwrap()
            .model(&[])
            .unwrap()
            .0
    };
    let plain = read(EXAMPLE.as_bytes());
    let bom = read(&[b"\xEF\xBB\xBF".as_slice(), EXAMPLE.as_bytes()].concat());
    let crlf = read(EXAMPLE.replace('\n', "\r\n").as_bytes());
    assert_eq!(format!("{plain:?}"), format!("{bom:?}"));
    assert_eq!(format!("{plain:?}"), format!("{crlf:?}"));
}

#[test]
fn bytes_that_are_not_utf8_are_pointed_at() {
    // "Café" saved by Excel in Windows-1252: é is the single byte 0xE9.
    let text = EXAMPLE.replacen("organisation: ", "organisation: Caf\u{1}", 1);
    let bytes: Vec<u8> = text.bytes().map(|b| if b == 1 { 0xE9 } else { b }).collect();
    let error = only(errors(&bytes));
    assert!(error.contains("geen UTF-8"), "{error}");
    let line = EXAMPLE.lines().position(|l| l.contains("organisation: ")).unwrap() + 1;
    let column = EXAMPLE.lines().nth(line - 1).unwrap().find("organisation: ").unwrap() + 18;
    assert!(error.starts_with(&format!("fout: r.yaml:{line}:{column}:")), "{error}");
}

#[test]
fn an_empty_file_and_a_list_say_what_a_register_is() {
    for text in ["", "# alleen commentaar\n", "- a\n- b\n", "42\n"] {
        let errors = errors(text.as_bytes());
        assert!(!errors.is_empty(), "{text:?}");
        assert!(
            errors.iter().all(|e| e.starts_with("fout: r.yaml:1:1:")),
            "{text:?}: {errors:#?}"
        );
    }
}

/// The inputs the fuzzer found interesting (a minimised sample of its corpus, `fuzz/regressions/`),
/// run through the fuzz target's path: as a register and as a scenario on the example register.
/// Every one is read without a panic, and every error it gets renders with a position.
#[test]
fn the_fuzzers_inputs_are_read_without_a_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/inputs");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(files.len() >= 20, "{} inputs in {}", files.len(), dir.display());
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let _ = errors(&bytes);
        let mut inputs = Inputs::from_bytes("r.yaml", EXAMPLE.as_bytes(), today()).unwrap();
        let result = inputs
            .scenario_from_bytes("s.yaml", &bytes)
            .and_then(|(scenario, _)| inputs.model(&[&scenario]).map(|_| ()));
        if let Err(InputError::Invalid(diagnostics)) = result {
            assert!(!diagnostics.is_empty(), "{}", file.display());
            for lang in [Lang::Nl, Lang::En] {
                let text = crate::diagnostic::render_all(&diagnostics, &inputs.sources, lang);
                assert!(text.contains(".yaml:"), "{}: {text}", file.display());
            }
        }
    }
}
