//! Times the engine on each risk of a register alone, to see where the time goes (the time of an
//! empty plan taken off). Each risk's time still includes the first touch of the fresh totals,
//! which an empty plan never writes: compare risks with each other, and the sum with the time of
//! all risks together, not a single risk with the floor.
//!
//! `cargo run --release --example risk_costs -- REGISTER [iterations] [years]`

#[path = "shared/register.rs"]
mod register;

use std::time::Instant;
use weerstand::model::Basis;
use weerstand::sim::{engine, plan::Plan};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: risk_costs REGISTER [iterations] [years]");
    let iterations: usize = args.next().map_or(1_000_000, |a| a.parse().expect("iterations"));
    let years: usize = args.next().map_or(1, |a| a.parse().expect("years"));
    let register = register::load(&path);
    let full = Plan::new(&register, Basis::Netto, 42, |_| true);
    let time = |plan: &Plan| {
        let mut best = f64::INFINITY;
        for _ in 0..10 {
            let t = Instant::now();
            std::hint::black_box(engine::run(plan, iterations, years, &|_| {}));
            best = best.min(t.elapsed().as_secs_f64());
        }
        best
    };
    // The cost of an empty plan (allocating and clearing the totals), taken off every risk's time.
    let empty = time(&Plan::new(&register, Basis::Netto, 42, |_| false));
    println!("empty plan {:.1} ms", empty * 1000.0);
    let mut total = 0.0;
    for risk in &full.risks {
        let plan = Plan::new(&register, Basis::Netto, 42, |i| i == risk.index);
        let best = time(&plan) - empty;
        total += best;
        let r = &register.risks[risk.index];
        println!(
            "{:8} {:6.1} ms  {:?} {:?} structural={}",
            r.id,
            best * 1000.0,
            r.occurrence,
            format!("{:.60}", format!("{:?}", risk.sampler)),
            risk.structural
        );
    }
    println!(
        "sum {:.1} ms; all together {:.1} ms",
        total * 1000.0,
        (time(&full) - empty) * 1000.0
    );
}
