//! The engine on the shipped register: one million iterations, the first year and the horizon.
//!
//! `cargo bench --bench engine`

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use weerstand::date::Date;
use weerstand::model::Basis;
use weerstand::register;
use weerstand::sim::{engine, plan::Plan};

fn ijmond() -> weerstand::model::Register {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("risks/ijmond-werkt-2026.yaml");
    register::load(&path, Date::parse("2026-01-01").unwrap())
        .expect("the shipped register is valid")
        .register
}

fn engine_ijmond(c: &mut Criterion) {
    let register = ijmond();
    let plan = Plan::new(&register, Basis::Netto, 42, |_| true);
    let mut group = c.benchmark_group("engine/ijmond/1M");
    group.sample_size(10);
    for years in [1, register.horizon.len()] {
        group.bench_function(format!("{years}y"), |b| {
            b.iter(|| black_box(engine::run(&plan, 1_000_000, years, &|| {})));
        });
    }
    group.finish();
}

criterion_group!(benches, engine_ijmond);
criterion_main!(benches);
