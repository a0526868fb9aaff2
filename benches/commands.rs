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
    group.finish();
}

criterion_group!(benches, commands);
criterion_main!(benches);
