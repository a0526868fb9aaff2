//! `weerstand serve` as the board uses it: the server started as a user starts it, its page driven
//! in a real headless Chromium (the DevTools protocol, [`super::browser`]), and what the page shows
//! checked against `weerstand compare` for the same change.
//!
//! Without Chromium on the machine the browser tests say so and pass, except under `CI=true`,
//! where a missing browser is a failure: `.ci/run` installs it.

use super::browser::{Browser, find_chromium};
use super::*;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Stdio};

/// A running `weerstand serve`, stopped when dropped.
struct Served {
    child: Child,
    port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// Starts `weerstand serve ARGS --port 0` in the repository and reads the address it prints.
    fn start(args: &[&str]) -> Served {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("weerstand"))
            .current_dir(repo(""))
            .env("WEERSTAND_TODAY", "2026-11-24")
            .env_remove("WEERSTAND_LANG")
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("weerstand serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped"))
            .read_line(&mut line)
            .expect("weerstand serve prints its address");
        let port = line
            .split("localhost:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Served { child, port }
    }

    fn url(&self) -> String {
        format!("http://localhost:{}/", self.port)
    }

    /// A plain HTTP request with a JSON body: (status, body).
    fn http(&self, method: &str, path: &str, body: &[u8]) -> (u16, String) {
        self.http_as(method, path, "application/json", body)
    }

    /// A plain HTTP request: (status, body).
    fn http_as(&self, method: &str, path: &str, content_type: &str, body: &[u8]) -> (u16, String) {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .unwrap();
        // A body over the limit may be refused before it is all sent.
        let _ = stream.write_all(body);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let text = String::from_utf8_lossy(&response).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {text:?}"));
        let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
        (status, body)
    }

    fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        let (status, text) = self.http("POST", path, body.to_string().as_bytes());
        (
            status,
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}")),
        )
    }
}

/// Chromium, or `None` with a message (a failure under CI).
fn chromium() -> Option<std::path::PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but chromium is missing: .ci/run installs it"
        );
        say_skipped("the browser test of weerstand serve: chromium is not installed");
    }
    found
}

/// `vergelijking.json` of `compare ARGS --out DIR`.
fn compare_json(dir: &Path, args: &[&str]) -> Value {
    let out = dir.join(format!("vergelijking-{}", dir.read_dir().unwrap().count()));
    weerstand()
        .current_dir(repo(""))
        .arg("compare")
        .args(args)
        .args(["-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    serde_json::from_str(&std::fs::read_to_string(out.join("vergelijking.json")).unwrap()).unwrap()
}

/// The figures two runs must share to the bit.
fn same_figures(page: &Value, cli: &Value, what: &str) {
    for key in [
        "expected_risk_amount",
        "required",
        "p_reserve_short",
        "overflow_mean",
        "contribution_mean",
        "contribution_at_certainty",
        "municipalities",
        "ratio",
        "grade",
    ] {
        assert!(
            equal(&page[key], &cli[key]),
            "{what}: {key}: {} against {}",
            page[key],
            cli[key]
        );
    }
}

/// JSON values equal, numbers as the same `f64` (a browser writes 1.0 as 1).
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| equal(x, y)),
        _ => a == b,
    }
}

/// Sets an input of the page and sends the events a user's hand would, then waits for the answer.
fn turn(browser: &mut Browser, selector: &str, value: &str) {
    let runs: u64 = browser
        .eval("Number(document.body.dataset.runs)")
        .unwrap()
        .as_u64()
        .unwrap();
    browser
        .eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); e.value = {value}; e.dispatchEvent(new Event('input', {{bubbles: true}})); e.dispatchEvent(new Event('change', {{bubbles: true}})); }})()",
            sel = json!(selector),
            value = json!(value)
        ))
        .unwrap();
    browser
        .wait_for(
            &format!("Number(document.body.dataset.runs) > {runs} && document.body.dataset.state !== 'busy'"),
            120,
        )
        .unwrap();
}

fn click(browser: &mut Browser, selector: &str) {
    browser
        .eval(&format!("document.querySelector({}).click()", json!(selector)))
        .unwrap();
}

#[test]
fn the_cao_slider_gives_what_compare_gives_and_a_saved_scenario_runs_in_the_cli() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let saved_dir = dir.path().join("scenarios");
    let register_before = std::fs::read(repo(IJMOND)).unwrap();
    let served = Served::start(&[
        IJMOND,
        "--seed",
        "7",
        "-n",
        "20000",
        "--scenario",
        "risks/scenarios/reserve-op-plafond.yaml",
        "--save-dir",
        saved_dir.to_str().unwrap(),
    ]);
    let mut browser = Browser::launch(&chromium, 1400, 1000).unwrap();
    browser.goto(&served.url()).unwrap();
    browser
        .wait_for("document.body.dataset.state === 'ready'", 120)
        .unwrap();
    // The ten largest risks first; the rest by search or "toon alle".
    let visible = "[...document.querySelectorAll('.risk')].filter(r => !r.hidden).map(r => r.dataset.risk)";
    let shown = browser.eval(visible).unwrap();
    assert_eq!(shown.as_array().unwrap().len(), 10, "{shown}");
    assert_eq!(shown[0], json!("T4-01"));
    browser
        .eval("const q = document.getElementById('search'); q.value = 'ziekteverzuim'; q.dispatchEvent(new Event('input'))")
        .unwrap();
    assert_eq!(browser.eval(visible).unwrap(), json!(["T3-02"]));
    browser
        .eval("const r = document.getElementById('search'); r.value = ''; r.dispatchEvent(new Event('input')); document.getElementById('show-all').click()")
        .unwrap();
    let all = browser.eval(visible).unwrap();
    assert!(all.as_array().unwrap().len() > 20, "{all}");
    // Before any change the what-if is the register itself.
    let first = browser.eval("window.weerstand.view.figures").unwrap();
    same_figures(&first[0], &first[1], "unchanged");

    // The board's question: the cao gives 5% of the loonsom.
    turn(
        &mut browser,
        "input[data-role=slider][data-path='risks.T4-01.impact.driver.percent']",
        "5",
    );
    let view = browser.eval("window.weerstand.view").unwrap();
    let cao = [
        IJMOND,
        "--set",
        "risks.T4-01.impact.driver.percent=5",
        "--seed",
        "7",
        "-n",
        "20000",
    ];
    let cli = compare_json(dir.path(), &cao);
    same_figures(&view["figures"][0], &cli["runs"][0], "base");
    same_figures(&view["figures"][1], &cli["runs"][1], "cao 5%");
    assert!(cli["runs"][1]["required"].as_f64() > cli["runs"][0]["required"].as_f64());
    // What the page shows is those figures, as the terminal writes them.
    let shown = browser
        .eval("document.querySelector('.card[data-key=required] .whatif').textContent")
        .unwrap();
    let required = cli["runs"][1]["required"].as_f64().unwrap();
    // (The page keeps the euro sign with its number: a no-break space.)
    assert_eq!(
        shown.as_str().unwrap().replace('\u{a0}', " "),
        weerstand::format::euro(required)
    );
    let cells = browser
        .eval("[...document.querySelectorAll('#rows tbody tr')].map(r => [...r.cells].map(c => c.textContent))")
        .unwrap();
    let terminal = stdout_of(&[&["compare"][..], &cao, &["-q"]].concat());
    for row in cells.as_array().unwrap() {
        let label = row[0].as_str().unwrap().trim();
        let line = terminal
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("{label} not in compare's output:\n{terminal}"));
        for cell in &row.as_array().unwrap()[1..] {
            let text = cell.as_str().unwrap();
            assert!(line.contains(text), "{label}: {text} not in {line}");
        }
    }
    // The command the page shows is that comparison.
    let command = browser.eval("document.getElementById('command').textContent").unwrap();
    assert_eq!(
        command,
        json!(format!(
            "weerstand compare {IJMOND} --set risks.T4-01.impact.driver.percent=5 --seed 7 -n 20000"
        ))
    );

    // A probability of 130% is refused at its knob; the figures stay those of the last valid input.
    turn(
        &mut browser,
        "input[data-role=value][data-path='risks.T1-04.probability']",
        "130",
    );
    assert_eq!(browser.eval("document.body.dataset.state").unwrap(), json!("error"));
    let errors = browser.eval("document.getElementById('errors').innerText").unwrap();
    let errors = errors.as_str().unwrap();
    assert!(
        errors.contains("verzoek: changes[1] (risks.T1-04.probability):1:1") && errors.contains("130%"),
        "{errors}"
    );
    assert_eq!(
        browser
            .eval(
                "document.querySelector(\".knob[data-knob='risks.T1-04.probability']\").classList.contains('invalid')"
            )
            .unwrap(),
        json!(true)
    );
    turn(
        &mut browser,
        "input[data-role=value][data-path='risks.T1-04.probability']",
        "90",
    );
    assert_eq!(browser.eval("document.body.dataset.state").unwrap(), json!("ready"));

    // A risk switched off and the shipped scenario switched on; saved, and run in the terminal.
    browser
        .eval("for (const s of ['input[data-off=\"T2-01\"]', 'input[data-scenario=\"0\"]']) { const b = document.querySelector(s); b.checked = true; b.dispatchEvent(new Event('change')); }")
        .unwrap();
    browser
        .wait_for("document.body.dataset.state === 'ready' && window.weerstand.request.scenarios.length === 1 && window.weerstand.request.off.length === 1", 120)
        .unwrap();
    let view = browser.eval("window.weerstand.view").unwrap();
    browser
        .eval("document.getElementById('save').open = true; document.getElementById('save-name').value = 'Cao 5%, LIV 90%, T2-01 weg, reserve vol'; document.getElementById('save-description').value = 'Gevraagd in de vergadering.'")
        .unwrap();
    click(&mut browser, "#save-button");
    browser.wait_for("document.body.dataset.saved", 60).unwrap();
    let saved = browser.eval("document.body.dataset.saved").unwrap();
    let saved = saved.as_str().unwrap();
    assert!(
        saved.ends_with("/cao-5-procent-liv-90-procent-t2-01-weg-reserve-vol.yaml"),
        "{saved}"
    );
    let text = std::fs::read_to_string(saved).unwrap();
    assert!(text.starts_with("name: "), "{text}");
    assert!(text.contains("remove: [T2-01]"), "{text}");
    assert!(text.contains("  risks.T4-01.impact.driver.percent: 5\n"), "{text}");
    let command = browser
        .eval("document.getElementById('saved-command').textContent")
        .unwrap();
    assert_eq!(
        command,
        json!(format!(
            "weerstand compare {IJMOND} --scenario {saved} --seed 7 -n 20000"
        ))
    );
    let cli = compare_json(dir.path(), &[IJMOND, "--scenario", saved, "--seed", "7", "-n", "20000"]);
    same_figures(&view["figures"][1], &cli["runs"][1], "saved scenario");
    assert_eq!(
        std::fs::read(repo(IJMOND)).unwrap(),
        register_before,
        "the register is never written"
    );

    // A picture of the page for the note: the whole page at 1400 px.
    let png = browser.screenshot().unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 50_000, "{} bytes", png.len());
    let shots = repo("target/serve-test");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("pagina.png"), png).unwrap();
}

#[test]
fn a_bad_request_is_answered_at_its_place_and_the_server_lives_on() {
    let served = Served::start(&[IJMOND, "--seed", "3", "-n", "5000", "--max-iterations", "50000"]);
    // Without --scenario the scenarios beside the register are the toggles, by file name.
    let (status, knobs) = served.http("GET", "/api/knobs", b"");
    assert_eq!(status, 200);
    let knobs: Value = serde_json::from_str(&knobs).unwrap();
    let names: Vec<&str> = knobs["knobs"]["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    let shipped = std::fs::read_dir(repo("risks/scenarios")).unwrap().count();
    assert_eq!(names.len(), shipped, "{names:?}");
    assert!(names[0].starts_with("Loonkosten 5% boven de begroting"), "{names:?}");
    // Not JSON: where it breaks.
    let (status, body) = served.http("POST", "/api/whatif", b"{\"changes\": [");
    assert_eq!(status, 400, "{body}");
    assert!(
        body.contains("verzoek niet leesbaar als JSON: regel 1, kolom 13"),
        "{body}"
    );
    // A field the interface does not have.
    let (status, body) = served.post("/api/whatif", &json!({"chnages": []}));
    assert_eq!(status, 422);
    assert!(body["message"].as_str().unwrap().contains("chnages"), "{body}");
    // A value the register refuses, pointed at its change.
    let (status, body) = served.post(
        "/api/whatif",
        &json!({"changes": [{"path": "reserve.balance", "value": "400"}, {"path": "risks.T4-01.probability", "value": "130%"}]}),
    );
    assert_eq!(status, 422);
    let problem = &body["problems"][0];
    assert_eq!(problem["change"], json!(1), "{body}");
    assert!(
        problem["text"].as_str().unwrap().starts_with(
            "fout: verzoek: changes[1] (risks.T4-01.probability):1:1: risico T4-01: 'probability' is 130%"
        ),
        "{body}"
    );
    // A path that does not exist, with the suggestion `--set` gives.
    let (status, body) = served.post(
        "/api/whatif",
        &json!({"changes": [{"path": "risks.T4-10.probability", "value": "0.5"}]}),
    );
    assert_eq!(status, 422);
    assert!(
        body["problems"][0]["text"].as_str().unwrap().contains("T4-10"),
        "{body}"
    );
    // Bounds: iterations, scenarios, the body.
    let (status, body) = served.post("/api/whatif", &json!({"iterations": 1_000_000}));
    assert_eq!(status, 422);
    assert!(body["message"].as_str().unwrap().contains("1.000 en 50.000"), "{body}");
    let (status, body) = served.post("/api/whatif", &json!({"scenarios": [99]}));
    assert_eq!(status, 422);
    assert!(body["message"].as_str().unwrap().contains("scenarios[99]"), "{body}");
    let big = format!("{{\"changes\": [], \"off\": [\"{}\"]}}", "x".repeat(100_000));
    let (status, _) = served.http("POST", "/api/whatif", big.as_bytes());
    assert_eq!(status, 413);
    // A request for another host name (a site whose name was made to point here) is not answered.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    write!(
        stream,
        "GET /api/knobs HTTP/1.1\r\nHost: evil.example:8080\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
    // A form another site could send without asking is not read (text/plain needs no CORS check).
    let form = json!({"name": "x", "request": {"changes": [{"path": "reserve.balance", "value": "1"}]}}).to_string();
    let (status, body) = served.http_as("POST", "/api/save", "text/plain", form.as_bytes());
    assert_eq!(status, 415, "{body}");
    // Saving needs a name and a change, and never touches the register.
    let (status, body) = served.post("/api/save", &json!({"name": " ", "request": {}}));
    assert_eq!(status, 422, "{body}");
    // And the server still answers.
    let (status, body) = served.post(
        "/api/whatif",
        &json!({"changes": [{"path": "reserve.balance", "value": "500"}]}),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["figures"][1]["name"], json!("Wat als"));
    assert_eq!(body["cards"][1]["whatif"], json!("€ 500.000 / € 500.000"));
    let (status, page) = served.http("GET", "/", b"");
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"nl\">") && !page.contains("http://") && !page.contains("https://"));
}

#[test]
fn the_page_speaks_english_with_lang_en() {
    let served = Served::start(&[IJMOND, "--seed", "3", "-n", "5000", "--lang", "en"]);
    let (_, page) = served.http("GET", "/", b"");
    assert!(page.contains("<html lang=\"en\">") && page.contains("\"heading\":\"What if\""));
    let (status, body) = served.post(
        "/api/whatif",
        &json!({"changes": [{"path": "reserve.balance", "value": "500"}]}),
    );
    assert_eq!(status, 200);
    assert_eq!(body["cards"][1]["whatif"], json!("€ 500,000 / € 500,000"));
    assert!(
        body["rows"][1]["label"].as_str().unwrap().starts_with("Required"),
        "{body}"
    );
}
