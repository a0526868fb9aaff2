//! Times the sieves' read of a block of 8.192 values (`stats::select::Sieve::sift`): one window
//! (a figure's percentile), two (a median and a percentile) and a year's many (eight percentiles),
//! on columns with a share of zeros (a point mass, as most years' overflow and many segments have)
//! and the rest spread exponentially, in random order.
//!
//! `cargo run --release --example sieve_cost -- [rounds]`
//!
//! Prints per case the best of five timings, in nanoseconds a value.
use std::time::Instant;
use weerstand::stats::select::Sieve;

/// `n` values, each 0 with probability `zeros` per cent, else exponential with mean 10⁶.
fn column(n: usize, zeros: u64) -> Vec<f64> {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let zero = next() % 100 < zeros;
            let u = ((next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
            if zero { 0.0 } else { -1e6 * u.ln() }
        })
        .collect()
}

fn main() {
    let rounds: usize = std::env::args().nth(1).map_or(2000, |a| a.parse().expect("rounds"));
    let n = 1_000_000;
    let rank = |p: f64| ((n - 1) as f64 * p) as usize;
    let ranks = |ps: &[f64]| -> Vec<usize> { ps.iter().flat_map(|&p| [rank(p), rank(p) + 1]).collect() };
    let cases = [
        ("1 window", ranks(&[0.9])),
        ("2 windows", ranks(&[0.5, 0.9])),
        ("8 percentiles", ranks(&[0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99])),
    ];
    for zeros in [0, 33, 80, 95] {
        let values = column(n, zeros);
        let sample: Vec<f64> = values.iter().step_by(30).copied().collect();
        let block = &values[..8192];
        let timings: Vec<String> = cases
            .iter()
            .map(|(name, wanted)| {
                let sieve = Sieve::new(&sample, n, wanted);
                let best = (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        for _ in 0..rounds {
                            std::hint::black_box(sieve.sift(std::hint::black_box(block)));
                        }
                        t.elapsed().as_secs_f64()
                    })
                    .fold(f64::INFINITY, f64::min);
                format!("{name} {:.2}", best * 1e9 / (rounds * block.len()) as f64)
            })
            .collect();
        println!("{zeros:>2}% zeros: {} ns a value", timings.join(", "));
    }
}
