//! The generator experiment of the floor: does a counter-based generator that fills several lanes
//! at once with 32-bit multiplies beat wyrand (one 64×64→128-bit multiply per draw)?
//!
//! `cargo run --release --example generator_floor -- REGISTER [iterations] [rounds]`
//!
//! Both sides do the floor's work (`benches/floor.rs`: per risk, iteration and year one draw,
//! turned into a uniform and summed) and, as the engine's first pass does, compare the draw with an
//! occurrence threshold and count the hits, on the register's risks over its first year, in the
//! engine's blocks and threads. The candidate is a multiply–xorshift hash of the counter on 8 lanes
//! (two rounds of Chris Wellons' `lowbias32` per 32-bit half, keyed by the stream, written so the
//! compiler can vectorise the lanes), the "several lanes at once" the issue names. Timed alternately,
//! best of `rounds` each; prints one JSON line. A candidate faster here would still need the
//! statistical tests and a battery before it could replace wyrand; a candidate no faster here
//! cannot make the engine faster, for the floor is the generator's part of the engine.

#[path = "shared/register.rs"]
mod register;

use rayon::prelude::*;
use std::time::Instant;
use weerstand::model::Basis;
use weerstand::sim::engine::BLOCK;
use weerstand::sim::plan::Plan;
use weerstand::sim::stream::{STEP, uniform53, wymix};

const LANES: usize = 8;

/// `lowbias32` (Wellons): a 32-bit bijective hash with two multiplies.
#[inline(always)]
fn lowbias32(mut x: u32) -> u32 {
    x ^= x >> 16;
    x = x.wrapping_mul(0x7feb_352d);
    x ^= x >> 15;
    x = x.wrapping_mul(0x846c_a68b);
    x ^ (x >> 16)
}

/// Eight draws of 64 bits at counters `c..c + 8`, from the stream's key: each half a keyed hash of
/// the counter.
#[inline(always)]
fn lanes(key: u64, c: u32) -> [u64; LANES] {
    let (k0, k1) = (key as u32, (key >> 32) as u32);
    let mut out = [0u64; LANES];
    for (j, o) in out.iter_mut().enumerate() {
        let counter = c.wrapping_add(j as u32);
        let low = lowbias32(lowbias32(counter ^ k0).wrapping_add(k1));
        let high = lowbias32(lowbias32(counter.wrapping_add(k1)) ^ k0);
        *o = u64::from(high) << 32 | u64::from(low);
    }
    out
}

/// A generator under test: the draws of a block of a stream, in order, handed to `f` with their
/// place in the block (generic, so that each side is compiled as its own loop).
trait Generator: Sync {
    fn block(&self, key: u64, start: usize, f: impl FnMut(usize, u64));
}

/// wyrand: a state that moves on by one addition per draw.
struct Wyrand;

impl Generator for Wyrand {
    #[inline(always)]
    fn block(&self, key: u64, start: usize, mut f: impl FnMut(usize, u64)) {
        let mut state = key.wrapping_add((start as u64).wrapping_mul(STEP));
        for i in 0..BLOCK {
            f(i, wymix(state));
            state = state.wrapping_add(STEP);
        }
    }
}

/// The 8-lane hash: eight draws at a time.
struct Lanes;

impl Generator for Lanes {
    #[inline(always)]
    fn block(&self, key: u64, start: usize, mut f: impl FnMut(usize, u64)) {
        for k in 0..BLOCK / LANES {
            for (j, draw) in lanes(key, (start + k * LANES) as u32).into_iter().enumerate() {
                f(k * LANES + j, draw);
            }
        }
    }
}

/// The floor's work with `generator`: per block, risk and iteration a draw, a uniform summed, and
/// the hits below the threshold counted; returns the totals and the hits.
fn floor(plan: &Plan, iterations: usize, threshold: u64, generator: &impl Generator) -> (Vec<f64>, usize) {
    let mut totals = vec![0.0; iterations.div_ceil(BLOCK) * BLOCK];
    let hits = totals
        .par_chunks_mut(BLOCK)
        .enumerate()
        .map(|(b, row)| {
            let row: &mut [f64; BLOCK] = row.try_into().expect("whole blocks");
            let mut hits = 0;
            for risk in &plan.risks {
                generator.block(risk.streams[0].0.state(0), b * BLOCK, |i, draw| {
                    row[i & (BLOCK - 1)] += uniform53(draw);
                    hits += usize::from(draw <= threshold);
                });
            }
            hits
        })
        .sum();
    (totals, hits)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: generator_floor REGISTER [iterations] [rounds]");
    let iterations: usize = args.next().map_or(1_000_000, |a| a.parse().expect("iterations"));
    let rounds: usize = args.next().map_or(10, |a| a.parse().expect("rounds"));
    let register = register::load(&path);
    let plan = Plan::new(&register, Basis::Netto, 42, |_| true);
    // A probability of 30%: the hits are counted, so neither loop can be optimised away.
    let threshold = (0.3 * u64::MAX as f64) as u64;
    let (mut wy, mut lane) = (f64::INFINITY, f64::INFINITY);
    let (mut wy_hits, mut lane_hits) = (0, 0);
    for _ in 0..rounds {
        let t = Instant::now();
        let (totals, hits) = std::hint::black_box(floor(&plan, iterations, threshold, &Wyrand));
        wy = wy.min(t.elapsed().as_secs_f64());
        wy_hits = hits;
        drop(totals);
        let t = Instant::now();
        let (totals, hits) = std::hint::black_box(floor(&plan, iterations, threshold, &Lanes));
        lane = lane.min(t.elapsed().as_secs_f64());
        lane_hits = hits;
        drop(totals);
    }
    // Whole blocks are drawn.
    let draws = (plan.risks.len() * iterations.div_ceil(BLOCK) * BLOCK) as f64;
    println!(
        "{{\"risks\": {}, \"iterations\": {iterations}, \"threads\": {}, \"wyrand_ms\": {:.1}, \"lanes_ms\": {:.1}, \"wyrand_ns_per_draw_per_core\": {:.2}, \"lanes_ns_per_draw_per_core\": {:.2}, \"wyrand_hit_share\": {:.4}, \"lanes_hit_share\": {:.4}}}",
        plan.risks.len(),
        rayon::current_num_threads(),
        wy * 1e3,
        lane * 1e3,
        wy * 1e9 * rayon::current_num_threads() as f64 / draws,
        lane * 1e9 * rayon::current_num_threads() as f64 / draws,
        wy_hits as f64 / draws,
        lane_hits as f64 / draws,
    );
}
