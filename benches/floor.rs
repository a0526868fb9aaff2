//! The floor: the least work any correct engine must do. One uniform random number per risk,
//! iteration and year, from the same generator and in the same parallel blocks as the engine,
//! summed per iteration and year; no occurrence test, no impact. The engine's time is reported as a
//! multiple of this.

use rayon::prelude::*;
use weerstand::sim::engine::BLOCK;
use weerstand::sim::plan::Plan;
use weerstand::sim::stream::{STEP, uniform53, wymix};

/// Per block, year and iteration: the sum of one uniform per risk.
pub fn floor(plan: &Plan, iterations: usize, years: usize) -> Vec<f64> {
    let mut totals = vec![0.0; iterations.div_ceil(BLOCK) * BLOCK * years];
    totals.par_chunks_mut(BLOCK * years).enumerate().for_each(|(b, block)| {
        for risk in &plan.risks {
            for (y, row) in block.chunks_mut(BLOCK).enumerate() {
                let mut state = risk.streams[y].0.state((b * BLOCK) as u64);
                for total in row.iter_mut() {
                    *total += uniform53(wymix(state));
                    state = state.wrapping_add(STEP);
                }
            }
        }
    });
    totals
}
