//! Times the reading of a year's blocks (`stats::piecewise::Piecewise::piece`): a million values
//! spread exponentially, read in blocks of 8.192 for the paragraph's eight percentiles (with their
//! intervals and the extremes), the tail mean from the P90 and the count at most one amount, as
//! `simulate` reads each year of the shipped register.
//!
//! `cargo run --release --example piece_cost -- [rounds]`
//!
//! Prints the best of the rounds, in nanoseconds a value.
use std::time::Instant;
use weerstand::sim::stream::mix64;
use weerstand::stats::piecewise::Piecewise;

fn main() {
    let rounds: usize = std::env::args().nth(1).map_or(30, |a| a.parse().expect("rounds"));
    let n = 1_000_000;
    // Exponential with mean 10⁶, in random order (the bits of each index mixed).
    let column: Vec<f64> = (0..n as u64)
        .map(|i| -1e6 * (((mix64(i) >> 11) as f64 + 0.5) / (1u64 << 53) as f64).ln())
        .collect();
    let percentiles = [0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];
    let reading = Piecewise::new(&column[..32_768], n, &percentiles, Some(0.9), &[250_000.0]);
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let start = Instant::now();
        let pieces: Vec<_> = column.chunks(8192).map(|block| reading.piece(block)).collect();
        std::hint::black_box(&pieces);
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!("piece: {:.2} ns a value", best * 1e9 / n as f64);
}
