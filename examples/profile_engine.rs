//! Runs the engine on the shipped register for profiling: `cargo run --release --example profile_engine -- [iterations] [years]`.

use std::path::Path;
use std::time::Instant;
use weerstand::date::Date;
use weerstand::model::Basis;
use weerstand::sim::{engine, plan::Plan};

fn main() {
    let mut args = std::env::args().skip(1);
    let iterations: usize = args.next().map_or(1_000_000, |a| a.parse().expect("iterations"));
    let years: usize = args.next().map_or(1, |a| a.parse().expect("years"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("risks/ijmond-werkt-2026.yaml");
    let register = weerstand::register::load(&path, Date::parse("2026-01-01").unwrap())
        .unwrap()
        .register;
    let plan = Plan::new(&register, Basis::Netto, 42, |_| true);
    for _ in 0..5 {
        let t = Instant::now();
        let totals = engine::run(&plan, iterations, years, &|| {});
        println!("{:?} ({})", t.elapsed(), totals.get(0, 0));
    }
}
