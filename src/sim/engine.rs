//! The hot loop: simulates blocks of iterations in parallel.
//!
//! Iterations are cut into blocks; each block is simulated on its own (risk after risk, year after
//! year, adding into the block's totals) and blocks run in parallel with rayon. Because every draw
//! is addressed by its iteration number (see `stream`), a block's result does not depend on which
//! thread computes it, nor on the block size: the output is the same for any thread count.
//!
//! A risk is done in passes over the block: the first draws every iteration and notes the few that
//! occur (without a branch the processor would have to guess), the second computes only their
//! impacts. Nothing is allocated in the loop and no sum runs through it.

use super::plan::{Events, Plan, PlannedRisk, first_repeat};
use super::sampler::WithDraw;
use super::stream::{STEP, Stream, wymix};
use rayon::prelude::*;

/// Iterations per block: small enough that a block's totals stay in the processor's cache. A power
/// of two, so that indexing with `& MASK` needs no bounds check.
pub const BLOCK: usize = 2048;
const MASK: usize = BLOCK - 1;

/// The simulated totals: for every iteration and horizon year the summed signed loss.
#[derive(Clone, Debug)]
pub struct Totals {
    pub iterations: usize,
    pub years: usize,
    /// Block-major: block `b`, year `y` holds iterations `b·BLOCK ..` at `(b·years + y)·BLOCK`.
    data: Vec<f64>,
}

impl Totals {
    /// The totals of year `y` in iteration order, copied into `out`.
    pub fn year_into(&self, y: usize, out: &mut Vec<f64>) {
        out.clear();
        for (b, block) in self.data.chunks(self.years * BLOCK).enumerate() {
            let len = (self.iterations - b * BLOCK).min(BLOCK);
            out.extend_from_slice(&block[y * BLOCK..y * BLOCK + len]);
        }
    }

    /// The total of iteration `i` in year `y`.
    #[inline]
    pub fn get(&self, i: usize, y: usize) -> f64 {
        let (b, offset) = (i / BLOCK, i % BLOCK);
        self.data[(b * self.years + y) * BLOCK + offset]
    }

    /// The mean of year `y` (summed in iteration order).
    pub fn mean(&self, y: usize) -> f64 {
        let sum: f64 = self
            .data
            .chunks(self.years * BLOCK)
            .enumerate()
            .map(|(b, block)| {
                let len = (self.iterations - b * BLOCK).min(BLOCK);
                block[y * BLOCK..y * BLOCK + len].iter().sum::<f64>()
            })
            .sum();
        sum / self.iterations as f64
    }
}

/// Per-thread scratch space, reused from block to block.
struct Scratch {
    draws: Vec<u64>,
    hits: Vec<u32>,
    /// Per iteration of the block: the recurring value of a structural risk (0: not occurred yet).
    recurring: Vec<f64>,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            draws: vec![0; BLOCK],
            hits: vec![0; BLOCK],
            recurring: vec![0.0; BLOCK],
        }
    }
}

/// Simulates `iterations` iterations of the first `years` horizon years. `on_block` is called after
/// each block (for a progress bar).
pub fn run(plan: &Plan, iterations: usize, years: usize, on_block: &(dyn Fn() + Sync)) -> Totals {
    let blocks = iterations.div_ceil(BLOCK);
    let mut data = vec![0.0; blocks * years * BLOCK];
    data.par_chunks_mut(years * BLOCK)
        .enumerate()
        .for_each_init(Scratch::new, |scratch, (b, out)| {
            let len = (iterations - b * BLOCK).min(BLOCK);
            simulate_block(plan, b * BLOCK, len, years, out, scratch);
            on_block();
        });
    Totals {
        iterations,
        years,
        data,
    }
}

fn simulate_block(plan: &Plan, start: usize, len: usize, years: usize, out: &mut [f64], scratch: &mut Scratch) {
    out.fill(0.0);
    for risk in plan.order.iter().map(|&r| &plan.risks[r]) {
        if risk.structural {
            scratch.recurring.fill(0.0);
        }
        for y in risk.first_year..years {
            let row = &mut out[y * BLOCK..y * BLOCK + len];
            match (&risk.events, risk.structural) {
                (_, true) => structural_year(risk, y, start, row, scratch),
                (Events::Bernoulli { threshold }, false) => bernoulli_year(risk, y, *threshold, start, row, scratch),
                (Events::Poisson(_), false) => repeated_year(risk, y, start, row, scratch),
            }
        }
    }
}

/// Draws every iteration of the block and notes those whose draw passes `occurs` in `hits` (and
/// their draws in `draws`); returns how many.
#[inline(always)]
fn draw_hits(
    risk: &PlannedRisk,
    y: usize,
    start: usize,
    len: usize,
    draws: &mut [u64],
    hits: &mut [u32],
    occurs: impl Fn(usize, u64) -> bool,
) -> usize {
    let mut state = risk.streams[y].0.state(start as u64);
    let mut count = 0;
    for i in 0..len {
        let draw = wymix(state);
        state = state.wrapping_add(STEP);
        draws[count & MASK] = draw;
        hits[count & MASK] = i as u32;
        count += usize::from(occurs(i, draw));
    }
    count
}

/// An incidental risk with a probability.
fn bernoulli_year(risk: &PlannedRisk, y: usize, threshold: u64, start: usize, row: &mut [f64], scratch: &mut Scratch) {
    let hits = draw_hits(
        risk,
        y,
        start,
        row.len(),
        &mut scratch.draws,
        &mut scratch.hits,
        |_, draw| (draw >> 32) < threshold,
    );
    risk.sampler.with(AddHits {
        hits: &scratch.hits[..hits],
        draws: &scratch.draws[..hits],
        row,
        scale: risk.scale[y],
    });
}

/// Adds the impact of each hit (drawn from the low 32 bits of its draw) to its iteration's total.
struct AddHits<'a> {
    hits: &'a [u32],
    draws: &'a [u64],
    row: &'a mut [f64],
    scale: f64,
}

impl WithDraw for AddHits<'_> {
    type Output = ();
    #[inline(always)]
    fn run(self, draw: impl Fn(u32) -> f64) {
        for (&i, &bits) in self.hits.iter().zip(self.draws) {
            self.row[i as usize & MASK] += draw(bits as u32) * self.scale;
        }
    }
}

/// An incidental risk with a frequency: first the count of every iteration (noting those with at
/// least one occurrence), then the impacts of those occurrences only.
fn repeated_year(risk: &PlannedRisk, y: usize, start: usize, row: &mut [f64], scratch: &mut Scratch) {
    let Events::Poisson(table) = &risk.events else {
        unreachable!("a frequency")
    };
    let (stream, repeats) = risk.streams[y];
    let Scratch { draws, hits, .. } = scratch;
    let mut state = stream.state(start as u64);
    let mut count = 0;
    for i in 0..row.len() {
        let n = table.count_draw(wymix(state));
        state = state.wrapping_add(STEP);
        draws[count & MASK] = n as u64;
        hits[count & MASK] = i as u32;
        count += usize::from(n > 0);
    }
    risk.sampler.with(AddRepeats {
        hits: &hits[..count],
        counts: &draws[..count],
        start: start as u64,
        repeats,
        row,
        scale: risk.scale[y],
    });
}

/// Adds the summed impacts of each hit's occurrences, drawn from the risk's second stream.
struct AddRepeats<'a> {
    hits: &'a [u32],
    counts: &'a [u64],
    start: u64,
    repeats: Stream,
    row: &'a mut [f64],
    scale: f64,
}

impl WithDraw for AddRepeats<'_> {
    type Output = ();
    #[inline(always)]
    fn run(self, draw: impl Fn(u32) -> f64) {
        for (&i, &n) in self.hits.iter().zip(self.counts) {
            let mut state = self.repeats.state(first_repeat(self.start + u64::from(i)));
            let mut value = 0.0;
            for _ in 0..n {
                value += draw(wymix(state) as u32);
                state = state.wrapping_add(STEP);
            }
            self.row[i as usize & MASK] += value * self.scale;
        }
    }
}

/// A structural risk: once it has occurred its value recurs every later year (times that year's
/// scale: a driver-based share is applied to the later year's driver amount).
///
/// With a probability, the value is drawn from the risk's first possible year, whichever year it
/// occurs in: so a higher probability, which can only make it occur earlier, never changes the value
/// and never lowers a later year's total. (With a frequency the value is the sum of that year's
/// occurrences.)
fn structural_year(risk: &PlannedRisk, y: usize, start: usize, row: &mut [f64], scratch: &mut Scratch) {
    let Scratch {
        draws, hits, recurring, ..
    } = scratch;
    let count = draw_hits(risk, y, start, row.len(), draws, hits, |i, draw| {
        recurring[i & MASK] == 0.0 && risk.occurs(draw)
    });
    let repeats = risk.streams[y].1;
    let first = risk.streams[risk.first_year].0;
    let later = matches!(risk.events, Events::Bernoulli { .. }) && y > risk.first_year;
    for (&i, &draw) in hits[..count].iter().zip(&draws[..count]) {
        let n = (start + i as usize) as u64;
        recurring[i as usize & MASK] = if later {
            risk.sampler.sample(first.draw(n) as u32)
        } else {
            risk.occurrence_value(draw, repeats, n)
        };
    }
    let scale = risk.scale[y];
    for (total, value) in row.iter_mut().zip(recurring.iter()) {
        *total += value * scale;
    }
}
