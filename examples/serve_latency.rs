//! How long the board waits in `weerstand serve`: the page in a real headless Chromium, the cao
//! slider moved step by step, each time from the change until the new figures and charts are on
//! the screen, as the page itself measures it (`window.weerstand.latencies`).
//!
//! `cargo run --release --example serve_latency [-- ITERATIONS [CHANGES]]` (default 100.000
//! iterations, 60 changes; the shipped register; all cores).

#[path = "../tests/cli/browser.rs"]
mod browser;

use std::sync::mpsc;

fn main() {
    let mut args = std::env::args().skip(1);
    let iterations: usize = args.next().map_or(100_000, |a| a.parse().expect("iterations"));
    let changes: usize = args.next().map_or(60, |a| a.parse().expect("changes"));
    let chromium = browser::find_chromium().expect("chromium is not installed");
    let register = concat!(env!("CARGO_MANIFEST_DIR"), "/risks/ijmond-werkt-2026.yaml");
    let inputs = weerstand::inputs::Inputs::new(
        std::path::Path::new(register),
        weerstand::date::Date::parse("2026-11-24").unwrap(),
    )
    .map_err(|_| "the register")
    .unwrap();
    let pool = rayon::ThreadPoolBuilder::new().build().unwrap();
    let threads = pool.current_num_threads();
    let server = weerstand::serve::Server::new(weerstand::serve::Config {
        inputs,
        register_arg: "risks/ijmond-werkt-2026.yaml".into(),
        scenarios: Vec::new(),
        settings: weerstand::serve::settings(iterations, 2026),
        max_iterations: iterations,
        lang: weerstand::Lang::Nl,
        save_dir: std::env::temp_dir(),
        save_dir_arg: String::new(),
        pool,
        local_only: true,
    })
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        weerstand::serve::run(server, "127.0.0.1:0".parse().unwrap(), move |address| {
            tx.send(address).unwrap();
        })
        .unwrap();
    });
    let address = rx.recv().unwrap();
    let mut page = browser::Browser::launch(&chromium, 1400, 1000).unwrap();
    page.goto(&format!("http://{address}/")).unwrap();
    page.wait_for("document.body.dataset.state === 'ready'", 120).unwrap();
    // The first answer (the base) is not a change; it is left out.
    page.eval("window.weerstand.latencies.length = 0").unwrap();
    let slider = "input[data-role=slider][data-path='risks.T4-01.impact.driver.percent']";
    for k in 0..changes {
        // 0,5% to 9,5% and back, in steps of 0,5%: every value a new what-if.
        let step = k % 36;
        let value = 0.5 + 0.5 * (if step < 18 { step } else { 36 - step }) as f64;
        let runs = page.eval("Number(document.body.dataset.runs)").unwrap();
        page.eval(&format!(
            "(() => {{ const e = document.querySelector(\"{slider}\"); e.value = '{value}'; e.dispatchEvent(new Event('input', {{bubbles: true}})); }})()"
        ))
        .unwrap();
        page.wait_for(
            &format!("Number(document.body.dataset.runs) > {runs} && document.body.dataset.state === 'ready'"),
            60,
        )
        .unwrap();
    }
    let latencies: Vec<f64> = serde_json::from_value(page.eval("window.weerstand.latencies").unwrap()).unwrap();
    let server_ms = page.eval("window.weerstand.view.server_ms").unwrap();
    let mut sorted = latencies.clone();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| sorted[((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1];
    println!(
        "serve, shipped register, {} iterations, {threads} threads, {} changes of the cao slider in headless Chromium:",
        iterations,
        sorted.len()
    );
    println!(
        "  change → figures on screen: p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms (last answer: server {:.0} ms)",
        at(0.5),
        at(0.95),
        sorted[sorted.len() - 1],
        server_ms.as_f64().unwrap_or(f64::NAN)
    );
}
