//! Times the engine on a register, for the comparison with the numpy reference
//! (`benches/against_numpy.py`) and for profiling.
//!
//! `cargo run --release --example time_engine -- REGISTER [iterations] [years] [repeats]`
//!
//! Prints one JSON line: the best time of the engine and of the floor (see `benches/floor.rs`) over
//! `repeats` runs of each, taken alternately, and the mean and P90 of the first year's simulated
//! total.

#[path = "shared/register.rs"]
mod register;

#[path = "../benches/floor.rs"]
mod floor;

use std::time::Instant;
use weerstand::model::Basis;
use weerstand::sim::{engine, plan::Plan};

/// Runs `engine` and `floor` alternately `repeats` times each and returns the best time of each and
/// the engine's last result: alternating lets a slow spell of a shared machine hit both alike, so
/// that their ratio is fair.
fn best_of_both<T, F>(repeats: usize, mut engine: impl FnMut() -> T, mut floor: impl FnMut() -> F) -> (f64, f64, T) {
    let (mut engine_s, mut floor_s, mut last) = (f64::INFINITY, f64::INFINITY, None);
    for _ in 0..repeats {
        let t = Instant::now();
        let out = std::hint::black_box(engine());
        engine_s = engine_s.min(t.elapsed().as_secs_f64());
        // Results are dropped outside the timed part.
        last = Some(out);
        let t = Instant::now();
        let out = std::hint::black_box(floor());
        floor_s = floor_s.min(t.elapsed().as_secs_f64());
        drop(out);
    }
    (engine_s, floor_s, last.expect("at least one run"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: time_engine REGISTER [iterations] [years] [repeats]");
    let iterations: usize = args.next().map_or(1_000_000, |a| a.parse().expect("iterations"));
    let years: usize = args.next().map_or(1, |a| a.parse().expect("years"));
    let repeats: usize = args.next().map_or(5, |a| a.parse().expect("repeats"));
    let register = register::load(&path);
    let plan = Plan::new(&register, Basis::Netto, 42, |_| true);
    let (engine_s, floor_s, totals) = best_of_both(
        repeats,
        || engine::run(&plan, iterations, years, &|_| {}),
        || floor::floor(&plan, iterations, years),
    );
    let mut first = Vec::new();
    totals.year_into(0, &mut first);
    let sorted = weerstand::stats::Sorted::new(first);
    println!(
        "{{\"risks\": {}, \"iterations\": {iterations}, \"years\": {years}, \"threads\": {}, \"engine_s\": {engine_s}, \"floor_s\": {floor_s}, \"mean\": {}, \"p90\": {}, \"sd\": {}}}",
        plan.risks.len(),
        rayon::current_num_threads(),
        sorted.mean,
        sorted.quantile(0.9),
        sorted.sd,
    );
}
