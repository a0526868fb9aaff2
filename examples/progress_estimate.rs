//! How right the progress bar's estimate of the remaining time is: runs the whole simulation of a
//! register with the same progress callback `simulate` gives the bar, records when each unit of
//! work is reported, and prints for every moment after the first second the total time the bar
//! would predict (elapsed ÷ fraction done) against the real total.
//!
//! `cargo run --release --example progress_estimate -- risks/ijmond-werkt-2026.yaml 1000000`

#[path = "shared/register.rs"]
mod register;

use std::sync::Mutex;
use std::time::Instant;
use weerstand::sim::{self, Provenance, Settings};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: progress_estimate REGISTER [iterations]");
    let iterations: usize = args.next().map_or(1_000_000, |a| a.parse().expect("iterations"));
    let register = register::load(&path);
    let settings = Settings {
        iterations,
        seed: 1,
        basis: weerstand::model::Basis::Netto,
        percentiles: sim::DEFAULT_PERCENTILES.to_vec(),
        certainty: None,
        keep_samples: false,
        extras: true,
    };
    let total = sim::work(&register, &settings);
    let done = Mutex::new((0u64, Vec::<(f64, u64)>::new()));
    let start = Instant::now();
    sim::simulate(&register, &settings, &Provenance::default(), &|units| {
        let mut d = done.lock().unwrap();
        d.0 += units;
        let at = (start.elapsed().as_secs_f64(), d.0);
        d.1.push(at);
    });
    let real = start.elapsed().as_secs_f64();
    let (reported, marks) = done.into_inner().unwrap();
    let mut worst: (f64, f64) = (f64::INFINITY, 0.0);
    println!("register {path}, {iterations} iterations, {real:.2} s; work reported {reported} of {total}");
    let mut next_print = 1.0;
    for (t, units) in &marks {
        if *t < 1.0 {
            continue;
        }
        let predicted = t * total as f64 / *units as f64;
        let ratio = predicted / real;
        worst = (worst.0.min(ratio), worst.1.max(ratio));
        if *t >= next_print {
            println!(
                "  at {t:.2} s: {:.0}% done, predicted total {predicted:.2} s ({ratio:.2}× the real)",
                100.0 * *units as f64 / total as f64
            );
            next_print += 0.5;
        }
    }
    println!(
        "after the first second the predicted total was {:.2}× to {:.2}× the real",
        worst.0, worst.1
    );
}
