//! Whole commands as the board uses them in a meeting: a sweep of 20 points, a comparison of the
//! four shipped scenarios, and a full simulation (settlement, statistics, segments) of 1.000.000
//! iterations. Output goes to a sink; the warnings about PM risks still go to stderr.
//!
//! `cargo bench --bench commands`

use clap::Parser;
use criterion::{Criterion, criterion_group, criterion_main};
use weerstand::cli::Cli;

fn path(relative: &str) -> String {
    format!("{}/{relative}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[String]) {
    let cli = Cli::parse_from(std::iter::once("weerstand".to_string()).chain(args.iter().cloned()));
    assert_eq!(weerstand::app::run_to(&cli, &mut std::io::sink()), 0);
}

fn commands(c: &mut Criterion) {
    let register = path("risks/ijmond-werkt-2026.yaml");
    let words = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
    let mut group = c.benchmark_group("ijmond");
    group.sample_size(10);
    let sweep = [
        words("sweep"),
        vec![register.clone()],
        words("--set risks.T4-01.impact.driver.percent=0.5..10:0.5 -n 100000 --seed 1 --quiet"),
    ]
    .concat();
    group.bench_function("sweep/20x100k", |b| b.iter(|| run(&sweep)));
    let mut compare = [
        words("compare"),
        vec![register.clone()],
        words("-n 100000 --seed 1 --quiet"),
    ]
    .concat();
    for scenario in [
        "cao-5-procent",
        "cao-samenwerkingsverbanden",
        "liv-niet-doorgegeven",
        "reserve-op-plafond",
    ] {
        compare.extend(["--scenario".into(), path(&format!("risks/scenarios/{scenario}.yaml"))]);
    }
    group.bench_function("compare/5x100k", |b| b.iter(|| run(&compare)));
    let simulate = [words("simulate"), vec![register], words("-n 1000000 --seed 1 --quiet")].concat();
    group.bench_function("simulate/1M", |b| b.iter(|| run(&simulate)));
    // `weerstand serve`: one what-if (the cao at 5%) against the cached base, charts included:
    // the server's side of what the page waits for (`examples/serve_latency` measures the page).
    let server = weerstand::serve::Server::new(weerstand::serve::Config {
        inputs: weerstand::inputs::Inputs::new(
            std::path::Path::new(&path("risks/ijmond-werkt-2026.yaml")),
            weerstand::date::Date::parse("2026-11-24").unwrap(),
        )
        .map_err(|_| "register")
        .unwrap(),
        register_arg: "risks/ijmond-werkt-2026.yaml".into(),
        scenarios: Vec::new(),
        settings: weerstand::serve::settings(100_000, 1),
        max_iterations: 1_000_000,
        lang: weerstand::Lang::Nl,
        save_dir: std::env::temp_dir(),
        save_dir_arg: String::new(),
        pool: rayon::ThreadPoolBuilder::new().build().unwrap(),
        local_only: true,
    })
    .unwrap();
    let request: weerstand::whatif::Request =
        serde_json::from_str(r#"{"changes": [{"path": "risks.T4-01.impact.driver.percent", "value": "5"}]}"#).unwrap();
    group.bench_function("serve/whatif-100k", |b| {
        b.iter(|| server.evaluate(&request).map_err(|f| f.message).unwrap())
    });
    group.finish();
}

criterion_group!(benches, commands);
criterion_main!(benches);
