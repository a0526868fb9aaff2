//! Times the sensitivity (the tornado's variants, as `report` computes them) on a register.
//!
//! `cargo run --release --example sensitivity_cost -- REGISTER [iterations] [repeats]`
//!
//! Prints one line per run: its time, and the widest risk's change when it is switched off (the
//! same figure every run, so that two builds can be checked against each other).

#[path = "shared/register.rs"]
mod register;

use std::time::Instant;
use weerstand::model::Basis;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: sensitivity_cost REGISTER [iterations] [repeats]");
    let iterations: usize = args.next().map_or(100_000, |a| a.parse().expect("iterations"));
    let repeats: usize = args.next().map_or(5, |a| a.parse().expect("repeats"));
    let register = register::load(&path);
    for _ in 0..repeats {
        let t = Instant::now();
        let s = weerstand::sensitivity::sensitivity(&register, Basis::Netto, 1, iterations, 0.9);
        println!(
            "{:.1} ms ({} risks; {} off: {})",
            t.elapsed().as_secs_f64() * 1e3,
            s.risks.len(),
            s.risks[0].id,
            s.risks[0].off
        );
    }
}
