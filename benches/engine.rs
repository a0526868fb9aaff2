//! The engine against the floor, on the shipped register and the synthetic 60-risk register:
//! one million iterations, the first year and the four-year horizon, and thread scaling.
//!
//! `cargo bench --bench engine`

mod floor;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use weerstand::date::Date;
use weerstand::inputs::Inputs;
use weerstand::model::{Basis, Register};
use weerstand::sim::{engine, plan::Plan};

const ITERATIONS: usize = 1_000_000;

fn load(path: &str) -> Register {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    // The production path: the file read as every command reads it.
    Inputs::new(&path, Date::parse("2026-01-01").unwrap())
        .map_err(|(_, e)| e)
        .and_then(|inputs| inputs.model(&[]))
        .expect("a valid register")
        .0
}

fn registers() -> [(&'static str, Register); 2] {
    [
        ("ijmond", load("risks/ijmond-werkt-2026.yaml")),
        ("synthetic", load("benches/data/synthetic-60.yaml")),
    ]
}

fn engine_and_floor(c: &mut Criterion) {
    for (name, register) in registers() {
        let plan = Plan::new(&register, Basis::Netto, 42, |_| true);
        let mut group = c.benchmark_group(format!("{name}/1M"));
        group.sample_size(10);
        for years in [1, register.horizon.len()] {
            group.bench_function(format!("floor/{years}y"), |b| {
                b.iter(|| black_box(floor::floor(&plan, ITERATIONS, years)));
            });
            group.bench_function(format!("engine/{years}y"), |b| {
                b.iter(|| black_box(engine::run(&plan, ITERATIONS, years, &|_| {})));
            });
        }
        group.finish();
    }
}

fn thread_scaling(c: &mut Criterion) {
    let register = load("benches/data/synthetic-60.yaml");
    let plan = Plan::new(&register, Basis::Netto, 42, |_| true);
    let mut group = c.benchmark_group("synthetic/1M/1y/threads");
    group.sample_size(10);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    for threads in (0..).map(|k| 1 << k).take_while(|&t| t < cores).chain([cores]) {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        group.bench_function(format!("{threads}"), |b| {
            b.iter(|| pool.install(|| black_box(engine::run(&plan, ITERATIONS, 1, &|_| {}))));
        });
    }
    group.finish();
}

criterion_group!(benches, engine_and_floor, thread_scaling);
criterion_main!(benches);
