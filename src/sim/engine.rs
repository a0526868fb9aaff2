//! The hot loop: simulates blocks of iterations in parallel.
//!
//! Iterations are cut into blocks; each block is simulated on its own (risk after risk, year after
//! year, adding into the block's totals) and blocks run in parallel with rayon. Because every draw
//! is addressed by its iteration number (see `stream`), a block's result does not depend on which
//! thread computes it, nor on the block size: the output is the same for any thread count.
//!
//! A risk is done in passes over the block: the first draws every iteration and notes the few that
//! occur (without a branch the processor would have to guess), the second computes only their
//! impacts. Nothing is allocated in the loop and no sum runs through it. Random conditions never
//! become branches: a mispredicted branch costs more than the work it would skip.

use super::plan::{Events, Plan, PlannedRisk, REPEAT_SHIFT, first_repeat};
use super::sampler::WithDraw;
use super::stream::{STEP, Stream, last_occurring, wymix};
use rayon::prelude::*;

/// Iterations per block: small enough that a block's totals and scratch stay in the processor's
/// second-level cache, large enough that the work per risk and block outweighs its setup (8192 was
/// 3–4% faster than 2048 on the synthetic register). A power of two, so that `& MASK` is cheap.
pub const BLOCK: usize = 8192;
const MASK: usize = BLOCK - 1;
// A column's moments are the same read block by block or whole (`Moments::of_column`).
const _: () = assert!(BLOCK == crate::stats::moments::PIECE);

// The hit index: `note_hits` and `repeated_year` note a hit as its iteration in the block (high 32
// bits) and its impact bits or count (low 32), and write the slot `count & MASK` for every
// iteration; the count never passes the iteration being written, so the slot is in the block as
// long as the block is a power of two that fits the high half.
const _: () = assert!(BLOCK.is_power_of_two() && BLOCK as u64 <= 1 << 32);

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
        for b in 0..self.blocks() {
            let (block, len) = self.block(b);
            out.extend_from_slice(&block[y * BLOCK..y * BLOCK + len]);
        }
    }

    /// How many blocks of [`BLOCK`] iterations the totals have.
    pub fn blocks(&self) -> usize {
        self.iterations.div_ceil(BLOCK)
    }

    /// Block `b`: every year's row of it (year `y` at `y·BLOCK`), and how many iterations it has.
    pub fn block(&self, b: usize) -> (&[f64], usize) {
        let rows = self.years * BLOCK;
        (
            &self.data[b * rows..(b + 1) * rows],
            (self.iterations - b * BLOCK).min(BLOCK),
        )
    }

    /// The total of iteration `i` in year `y`.
    #[inline]
    pub fn get(&self, i: usize, y: usize) -> f64 {
        let (b, offset) = (i / BLOCK, i % BLOCK);
        self.data[(b * self.years + y) * BLOCK + offset]
    }

    /// The mean of year `y` (summed in iteration order).
    pub fn mean(&self, y: usize) -> f64 {
        let sum: f64 = (0..self.blocks())
            .map(|b| {
                let (block, len) = self.block(b);
                block[y * BLOCK..y * BLOCK + len].iter().sum::<f64>()
            })
            .sum();
        sum / self.iterations as f64
    }
}

/// One year of a block: a value per iteration. Its fixed length lets the compiler see that an
/// index `& MASK` is in range (the last block's row is full length too; only `len` are used).
pub type Row = [f64; BLOCK];

/// Groups of risks whose first-year losses the engine also sums on their own, in the same pass as
/// the totals (the segments of the paragraph: each category and each risk type, see
/// [`segments::Groups`](super::segments::Groups)). Each planned risk adds to two rows (numbered
/// from 0; no groups at all: `of` is empty): a risk's every addition in the first year goes to the
/// total and to its two rows, in the same order as the total's, so that a group's row holds to the
/// bit what a run of its risks alone would.
#[derive(Clone, Debug, Default)]
pub struct Grouping {
    /// Per planned risk: its two rows (different ones).
    pub of: Vec<[usize; 2]>,
    /// How many rows there are.
    pub groups: usize,
}

/// A run without groups.
static NO_GROUPS: Grouping = Grouping {
    of: Vec::new(),
    groups: 0,
};

/// Where a risk-year's losses go: the year's total row, and in the first year of a grouped run also
/// its groups' rows. Generic, so that the plain engine's loops carry no test for groups.
trait Sink {
    fn add(&mut self, i: usize, x: f64);
}

impl Sink for &mut Row {
    #[inline(always)]
    fn add(&mut self, i: usize, x: f64) {
        self[i & MASK] += x;
    }
}

/// The total's row and a risk's two groups' rows.
struct AndGroups<'a> {
    total: &'a mut Row,
    groups: [&'a mut Row; 2],
}

impl Sink for AndGroups<'_> {
    #[inline(always)]
    fn add(&mut self, i: usize, x: f64) {
        self.total[i & MASK] += x;
        self.groups[0][i & MASK] += x;
        self.groups[1][i & MASK] += x;
    }
}

/// Risk `r`'s two group rows out of all groups' rows.
fn two_rows(rows: &mut [Row], [a, b]: [usize; 2]) -> [&mut Row; 2] {
    assert!(a != b, "a risk's two groups differ");
    let (low, high) = (a.min(b), a.max(b));
    let (head, tail) = rows.split_at_mut(high);
    let (x, y) = (&mut head[low], &mut tail[0]);
    if a < b { [x, y] } else { [y, x] }
}

/// Per-thread scratch space, reused from block to block.
struct Scratch {
    /// The hits noted by [`note_hits`] (iteration and impact bits), or a frequency risk's
    /// iterations with at least one occurrence (iteration and count).
    noted: Box<[u64; BLOCK]>,
    /// Per iteration of the block: the recurring value of a structural risk (0 until it occurs).
    recurring: Box<Row>,
    /// Per iteration of the block: whether the structural risk has occurred. Its own marker, not
    /// the value: an occurrence can cost exactly 0 (a range from 0, a sum of such), and it has
    /// occurred all the same: it is not drawn again.
    occurred: Box<[bool; BLOCK]>,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            noted: Box::new([0; BLOCK]),
            recurring: Box::new([0.0; BLOCK]),
            occurred: Box::new([false; BLOCK]),
        }
    }
}

/// The block's draws of the risks in a correlation group, made before the risks are simulated
/// (the copula needs all of a group's normals at once): per correlated risk, a row per horizon
/// year.
struct Correlated {
    /// Per planned risk: where its rows start in `draws`.
    offset: Vec<Option<usize>>,
    draws: Vec<u64>,
    /// The group's normals (scratch for [`Group::fill`](super::copula::Group::fill)).
    normals: Vec<f64>,
    /// The wanted members' adverse uniforms.
    adverse: Vec<Vec<f64>>,
}

impl Correlated {
    fn new(plan: &Plan, years: usize) -> Correlated {
        let mut offset = vec![None; plan.risks.len()];
        let mut rows = 0;
        for (_, members) in &plan.copulas {
            for &(_, r) in members {
                offset[r] = Some(rows * BLOCK);
                rows += years;
            }
        }
        let widest = plan.copulas.iter().map(|(_, m)| m.len()).max().unwrap_or(0);
        Correlated {
            offset,
            draws: vec![0; rows * BLOCK],
            normals: Vec::new(),
            adverse: vec![vec![0.0; BLOCK]; widest],
        }
    }

    /// Makes the block's draws of every correlated risk.
    fn fill(&mut self, plan: &Plan, start: usize, len: usize, years: usize) {
        for (group, members) in &plan.copulas {
            let wanted = members.iter().map(|&(j, _)| j);
            for y in 0..years {
                group.fill(y, start, len, wanted.clone(), &mut self.normals, &mut self.adverse);
                for (w, &(_, r)) in members.iter().enumerate() {
                    let risk = &plan.risks[r];
                    let at = self.offset[r].expect("a member") + y * BLOCK;
                    let stream = risk.streams[y].0;
                    for (i, (d, s)) in self.draws[at..at + len].iter_mut().zip(&self.adverse[w]).enumerate() {
                        *d = super::copula::shape(&risk.events, *s, stream.draw((start + i) as u64));
                    }
                }
            }
        }
    }

    /// The block's draws of risk `r` in horizon year `y`, if it is correlated.
    fn row(&self, r: usize, y: usize) -> Option<&[u64]> {
        self.offset[r].map(|at| &self.draws[at + y * BLOCK..at + (y + 1) * BLOCK])
    }
}

/// Where a risk-year's occurrence draws come from: its own stream, or the block's correlated
/// draws.
#[derive(Clone, Copy)]
struct Draws<'a> {
    stream: Stream,
    correlated: Option<&'a [u64]>,
    start: usize,
}

impl Draws<'_> {
    /// The draw of the block's iteration `i`.
    #[inline]
    fn at(self, i: usize) -> u64 {
        match self.correlated {
            Some(row) => row[i],
            None => self.stream.draw((self.start + i) as u64),
        }
    }
}

/// Simulates `iterations` iterations of the first `years` horizon years. `on_block` is called after
/// each block (for a progress bar).
pub fn run(plan: &Plan, iterations: usize, years: usize, on_block: &(dyn Fn(u64) + Sync)) -> Totals {
    run_from(plan, iterations, years, on_block, None)
}

/// The totals of a plan's first risks in the engine's order, for runs of plans that begin with the
/// same risks (a sweep's points, which each change one parameter): such a run starts from these
/// partial sums and adds only its other risks, in the same order onto the same values, so that its
/// totals are those of its whole run to the bit.
#[derive(Debug)]
pub struct Prefix {
    /// The plan whose first `risks` risks (in its order) are summed.
    plan: Plan,
    risks: usize,
    totals: Totals,
}

impl Prefix {
    /// Sums the first `risks` risks of `plan` (in the engine's order) over `iterations` iterations
    /// and the first `years` years.
    pub fn new(plan: &Plan, risks: usize, iterations: usize, years: usize) -> Prefix {
        let risks = risks.min(plan.order.len());
        let run = Run::new(
            plan,
            (&plan.order[..risks], None),
            iterations,
            years,
            &|_| (),
            &NO_GROUPS,
        );
        Prefix {
            plan: plan.clone(),
            risks,
            totals: run.all(),
        }
    }

    /// How many risks a run of `plan` can skip: all of this prefix's when the run has its size and
    /// `plan` begins with the same risks, else none.
    pub fn skips(&self, plan: &Plan, iterations: usize, years: usize) -> usize {
        let fits = self.totals.iterations == iterations
            && self.totals.years == years
            && self.plan.shared_risks(plan) >= self.risks;
        if fits { self.risks } else { 0 }
    }
}

/// As [`run`], starting from `prefix` where it fits the plan (the same size, and the plan begins
/// with its risks); otherwise the whole run. Either way the totals are the plan's, to the bit.
pub fn run_from(
    plan: &Plan,
    iterations: usize,
    years: usize,
    on_block: &(dyn Fn(u64) + Sync),
    prefix: Option<&Prefix>,
) -> Totals {
    let after = after(plan, iterations, years, prefix);
    Run::new(plan, after, iterations, years, on_block, &NO_GROUPS).all()
}

/// The risks a run of `plan` adds, and the totals it starts from: after `prefix`'s where it fits,
/// else all of them onto zeros.
fn after<'a>(
    plan: &'a Plan,
    iterations: usize,
    years: usize,
    prefix: Option<&'a Prefix>,
) -> (&'a [usize], Option<&'a Totals>) {
    let skip = prefix.map_or(0, |p| p.skips(plan, iterations, years));
    (&plan.order[skip..], prefix.filter(|_| skip > 0).map(|p| &p.totals))
}

/// The first year's totals of `iterations` iterations, block by block on the calling thread:
/// `each(start, totals)` gets the totals of iterations `start..start + totals.len()`, the same
/// values as [`run`]'s first year (the same blocks, each simulated alike). For a caller that runs
/// hundreds of small plans side by side (the sensitivity): its own threads already keep the cores
/// busy, and it reads each block while the block is in the cache, where a fresh [`Totals`] per plan
/// spent more time on fresh pages than on the draws.
pub fn first_year_by_block(plan: &Plan, iterations: usize, mut each: impl FnMut(usize, &[f64])) {
    check_iterations(iterations);
    let (mut scratch, mut correlated) = (Scratch::new(), Correlated::new(plan, 1));
    let mut out: Box<Row> = Box::new([0.0; BLOCK]);
    for start in (0..iterations).step_by(BLOCK) {
        let len = (iterations - start).min(BLOCK);
        out.fill(0.0);
        correlated.fill(plan, start, len, 1);
        let grouped = Grouped {
            grouping: &NO_GROUPS,
            rows: &mut [],
        };
        simulate_block(
            plan,
            &plan.order,
            start,
            len,
            1,
            &mut out[..],
            &mut scratch,
            &correlated,
            grouped,
        );
        each(start, &out[..len]);
    }
}

/// Repeated occurrences of iteration `i` use counters from `i · 2^REPEAT_SHIFT`: the iteration
/// count must leave those counters inside 64 bits (2^48 iterations; memory refuses far earlier).
fn check_iterations(iterations: usize) {
    assert!(
        (iterations as u64) < 1 << (64 - REPEAT_SHIFT),
        "{iterations} iterations: beyond the repeated occurrences' counters"
    );
}

/// The first blocks of a [`run_streamed`]: every year of them kept, and each block's group rows.
pub struct Pilot {
    /// The totals of the pilot's blocks (all of their iterations, the pilot's and the rest of its
    /// last block).
    pub totals: Totals,
    /// Per pilot block, its group rows (as many as the grouping's groups).
    pub rows: Vec<Box<[Row]>>,
}

/// Runs the plan over `iterations` iterations and the first `years` years, and reads every block
/// while it is in the cache instead of keeping all of its years: first the blocks that hold the
/// first `pilot` iterations, which are kept whole and given to `place` (the readers' windows are
/// placed from them); then every block, in parallel, given with its group rows to
/// `consume(placed, scratch, block, rows, len)` (a worker's `scratch` kept from block to block),
/// whose results come back in block order. Of each block only the first `keep` years are stored
/// in the totals returned: a run of the shipped register wrote 32 MB of totals, four years of a
/// million iterations, to read them once and keep only the first year (its peak memory: 55 MB
/// then, 35 MB so). The blocks are those of [`run_from`], to the bit: a reader that needs a year
/// whole runs that again.
#[allow(clippy::too_many_arguments)]
pub fn run_streamed<S: Sync, C: Default + Send, T: Send>(
    plan: &Plan,
    iterations: usize,
    years: usize,
    on_block: &(dyn Fn(u64) + Sync),
    (pilot, keep): (usize, usize),
    grouping: &Grouping,
    prefix: Option<&Prefix>,
    place: impl FnOnce(&Pilot) -> S,
    consume: impl Fn(&S, &mut C, &[f64], &[Row], usize) -> T + Sync,
) -> (Totals, S, Vec<T>) {
    assert!((1..=years).contains(&keep), "the first year kept, at most every year");
    let after = after(plan, iterations, years, prefix);
    // A prefix's risks are not added again, so no group row would hold them.
    assert!(
        after.1.is_none() || grouping.of.is_empty(),
        "a grouped run starts from zeros"
    );
    let run = Run::new(plan, after, iterations, years, on_block, grouping);
    let all = iterations.div_ceil(BLOCK);
    let first = pilot.max(1).div_ceil(BLOCK).min(all);
    let mut kept = vec![0.0; first * years * BLOCK];
    let rows = kept
        .par_chunks_mut(years * BLOCK)
        .enumerate()
        .map_init(
            || run.worker(),
            |worker, (b, out)| {
                run.block(worker, b, out);
                worker.rows.clone()
            },
        )
        .collect();
    let pilot = Pilot {
        totals: Totals {
            iterations: iterations.min(first * BLOCK),
            years,
            data: kept,
        },
        rows,
    };
    let placed = place(&pilot);
    let mut data = vec![0.0; all * keep * BLOCK];
    let consumed = data
        .par_chunks_mut(keep * BLOCK)
        .enumerate()
        .map_init(
            || {
                (
                    run.worker(),
                    vec![0.0; if keep < years { years * BLOCK } else { 0 }],
                    C::default(),
                )
            },
            |(worker, whole, scratch), (b, stored)| {
                let len = (iterations - b * BLOCK).min(BLOCK);
                if b < first {
                    let block = pilot.totals.block(b).0;
                    stored.copy_from_slice(&block[..keep * BLOCK]);
                    return consume(&placed, scratch, block, &pilot.rows[b], len);
                }
                let block: &[f64] = if keep == years {
                    run.block(worker, b, stored);
                    stored
                } else {
                    run.block(worker, b, whole);
                    stored.copy_from_slice(&whole[..keep * BLOCK]);
                    whole
                };
                consume(&placed, scratch, block, &worker.rows, len)
            },
        )
        .collect();
    let totals = Totals {
        iterations,
        years: keep,
        data,
    };
    (totals, placed, consumed)
}

/// What every block of a run shares: the plan, the risks to add (all, or those after a prefix's),
/// the prefix's totals to start from, and the groups.
struct Run<'a> {
    plan: &'a Plan,
    order: &'a [usize],
    onto: Option<&'a Totals>,
    iterations: usize,
    years: usize,
    on_block: &'a (dyn Fn(u64) + Sync),
    grouping: &'a Grouping,
    /// The work of a block, as `sim::work` counts it: its risk-years.
    units: u64,
}

/// A worker's buffers for [`Run::block`], kept from block to block.
struct Worker {
    scratch: Scratch,
    correlated: Correlated,
    /// The block's group rows.
    rows: Box<[Row]>,
}

impl<'a> Run<'a> {
    /// A run of `plan` that adds the risks `order` (all of the plan's, or a part of its order)
    /// onto zeros or onto `onto` (a prefix's totals of the same size).
    fn new(
        plan: &'a Plan,
        (order, onto): (&'a [usize], Option<&'a Totals>),
        iterations: usize,
        years: usize,
        on_block: &'a (dyn Fn(u64) + Sync),
        grouping: &'a Grouping,
    ) -> Run<'a> {
        assert!(
            grouping.of.is_empty() || grouping.of.len() == plan.risks.len(),
            "groups for every planned risk, or none"
        );
        assert!(
            onto.is_none_or(|t| t.iterations == iterations && t.years == years),
            "a prefix of the run's size"
        );
        check_iterations(iterations);
        let units = (BLOCK as f64
            * (years as f64 * super::TOTALS_UNITS
                + plan
                    .risks
                    .iter()
                    .map(|r| years.saturating_sub(r.first_year) as f64 * r.work_per_year())
                    .sum::<f64>())) as u64;
        Run {
            plan,
            order,
            onto,
            iterations,
            years,
            on_block,
            grouping,
            units,
        }
    }

    fn worker(&self) -> Worker {
        Worker {
            scratch: Scratch::new(),
            correlated: Correlated::new(self.plan, self.years),
            rows: vec![[0.0; BLOCK]; self.grouping.groups].into_boxed_slice(),
        }
    }

    /// Every block, every year of it kept, in parallel.
    fn all(&self) -> Totals {
        let mut data = vec![0.0; self.iterations.div_ceil(BLOCK) * self.years * BLOCK];
        data.par_chunks_mut(self.years * BLOCK)
            .enumerate()
            .for_each_init(|| self.worker(), |worker, (b, out)| self.block(worker, b, out));
        Totals {
            iterations: self.iterations,
            years: self.years,
            data,
        }
    }

    /// Simulates block `b` into `out` (every year's row of it) and the worker's group rows.
    fn block(&self, worker: &mut Worker, b: usize, out: &mut [f64]) {
        let len = (self.iterations - b * BLOCK).min(BLOCK);
        // Zeros written, though the allocation holds them: a fresh page first read (the engine
        // adds to it) maps the shared zero page, and the first write then copies it and flushes
        // the other threads' address caches, two faults and an interrupt per page; written first,
        // it is one fault.
        match self.onto {
            Some(prefix) => out.copy_from_slice(prefix.block(b).0),
            None => out.fill(0.0),
        }
        let Worker {
            scratch,
            correlated,
            rows,
        } = worker;
        correlated.fill(self.plan, b * BLOCK, len, self.years);
        rows.iter_mut().for_each(|row| row.fill(0.0));
        let grouped = Grouped {
            grouping: self.grouping,
            rows,
        };
        simulate_block(
            self.plan,
            self.order,
            b * BLOCK,
            len,
            self.years,
            out,
            scratch,
            correlated,
            grouped,
        );
        (self.on_block)(self.units);
    }
}

/// The group rows of a block being simulated, and which risk adds to which.
struct Grouped<'a> {
    grouping: &'a Grouping,
    rows: &'a mut [Row],
}

impl Grouped<'_> {
    /// Risk `r`'s two rows, if the run has groups.
    fn of(&mut self, r: usize) -> Option<[&mut Row; 2]> {
        let groups = *self.grouping.of.get(r)?;
        Some(two_rows(self.rows, groups))
    }
}

/// Adds the block's losses of the risks `order` (in that order) into `out`, which holds zeros or a
/// prefix's sums, and the first year's also into the risks' group rows.
#[allow(clippy::too_many_arguments)]
fn simulate_block(
    plan: &Plan,
    order: &[usize],
    start: usize,
    len: usize,
    years: usize,
    out: &mut [f64],
    scratch: &mut Scratch,
    correlated: &Correlated,
    mut grouped: Grouped,
) {
    for &r in order {
        let risk = &plan.risks[r];
        let draws = |y: usize| Draws {
            stream: risk.streams[y].0,
            correlated: correlated.row(r, y),
            start,
        };
        if let Events::Once {
            threshold,
            years: spread,
        } = risk.events
        {
            once_block(risk, threshold, spread, draws, len, years, out, scratch, grouped.of(r));
            continue;
        }
        // A structural risk with a probability that can only occur in the last simulated year
        // adds the same as an incidental one: no later year needs its recurring value.
        let recurs = risk.structural && (risk.first_year + 1 < years || matches!(risk.events, Events::Poisson(_)));
        if recurs {
            scratch.recurring.fill(0.0);
            scratch.occurred.fill(false);
        }
        for y in risk.first_year..years {
            let row: &mut Row = (&mut out[y * BLOCK..(y + 1) * BLOCK]).try_into().expect("BLOCK long");
            let groups = if y == 0 { grouped.of(r) } else { None };
            match (&risk.events, recurs, groups) {
                (_, true, groups) => structural_year(risk, y, draws, start, len, row, groups, scratch),
                (Events::Bernoulli { threshold }, false, None) => {
                    bernoulli_year(risk, y, *threshold, draws(y), len, row, scratch)
                }
                (Events::Bernoulli { threshold }, false, Some(groups)) => {
                    let sink = AndGroups { total: row, groups };
                    bernoulli_year(risk, y, *threshold, draws(y), len, sink, scratch)
                }
                (Events::Poisson(_), false, None) => repeated_year(risk, y, draws(y), start, len, row, scratch),
                (Events::Poisson(_), false, Some(groups)) => {
                    let sink = AndGroups { total: row, groups };
                    repeated_year(risk, y, draws(y), start, len, sink, scratch)
                }
                (Events::Once { .. }, false, _) => unreachable!("added by `once_block`"),
            }
        }
    }
}

/// Draws every iteration of the block and notes those whose draw passes `occurs` in `hits`, each as
/// its iteration and the low 32 bits of its draw (the bits for its impact) in one word; returns how
/// many. Every iteration is written and the count moves on only for a hit, so there is no branch
/// the processor would have to guess; for the same reason `occurs` must use `&`, not `&&`.
#[inline(always)]
fn note_hits(draws: Draws, len: usize, hits: &mut [u64; BLOCK], occurs: impl Fn(usize, u64) -> bool) -> usize {
    let mut count = 0;
    let mut note = |i: usize, draw: u64| {
        hits[count & MASK] = (i as u64) << 32 | (draw & 0xffff_ffff);
        count += usize::from(occurs(i, draw));
    };
    match draws.correlated {
        None => {
            let mut state = draws.stream.state(draws.start as u64);
            for i in 0..len {
                let draw = wymix(state);
                state = state.wrapping_add(STEP);
                note(i, draw);
            }
        }
        Some(row) => row[..len].iter().enumerate().for_each(|(i, &draw)| note(i, draw)),
    }
    count
}

/// A risk that occurs at most once over the horizon (`probability_per: periode`): one pass over the
/// draws of its first year notes the iterations in which it occurs at all, then each adds its
/// impact to the year the draw chooses (and, for a structural risk, to every later year). Such risks
/// are rare in a register, so this simple loop is enough.
#[allow(clippy::too_many_arguments)]
fn once_block<'a>(
    risk: &PlannedRisk,
    threshold: u64,
    spread: u64,
    draws: impl Fn(usize) -> Draws<'a>,
    len: usize,
    years: usize,
    out: &mut [f64],
    scratch: &mut Scratch,
    mut groups: Option<[&mut Row; 2]>,
) {
    let (Some(last), true) = (last_occurring(threshold), risk.first_year < years) else {
        return;
    };
    let y0 = risk.first_year;
    let hits = &mut scratch.noted;
    let first = draws(y0);
    let count = note_hits(first, len, hits, |_, draw| draw <= last);
    for &hit in &hits[..count] {
        let i = (hit >> 32) as usize;
        // The noted bits are only the low half; the year needs the whole draw.
        let draw = first.at(i);
        let occurs_in = y0 + Events::once_year(threshold, spread, draw).expect("a noted hit occurs");
        let until = if risk.structural {
            years
        } else {
            (occurs_in + 1).min(years)
        };
        for y in occurs_in..until {
            let value = risk.once_value(draw, y);
            out[y * BLOCK + i] += value;
            if let (0, Some(groups)) = (y, groups.as_mut()) {
                groups[0][i] += value;
                groups[1][i] += value;
            }
        }
    }
}

/// An incidental risk with a probability: notes the hits, then adds the impacts of the hits only.
fn bernoulli_year(
    risk: &PlannedRisk,
    y: usize,
    threshold: u64,
    draws: Draws,
    len: usize,
    sink: impl Sink,
    scratch: &mut Scratch,
) {
    let Some(last) = last_occurring(threshold) else {
        return;
    };
    let hits = &mut scratch.noted;
    let count = note_hits(draws, len, hits, |_, draw| draw <= last);
    risk.sampler.with_scaled(
        risk.scale[y],
        AddHits {
            hits: &hits[..count],
            sink,
        },
    );
}

/// Adds the impact of each hit (iteration in the high half, the bits for its impact in the low
/// half) to its iteration's total; the draw function gives the amount already scaled.
struct AddHits<'a, S> {
    hits: &'a [u64],
    sink: S,
}

impl<S: Sink> WithDraw for AddHits<'_, S> {
    type Output = ();
    #[inline(always)]
    fn run(mut self, draw: impl Fn(u32) -> f64) {
        for &hit in self.hits {
            self.sink.add((hit >> 32) as usize, draw(hit as u32));
        }
    }
}

/// An incidental risk with a frequency, in passes over the block: the count of every iteration,
/// noting those with at least one occurrence; then one pass per rank of occurrence: the first
/// occurrences of the noted iterations, the second occurrences of those with at least two, and so
/// on, each pass keeping (in place, without a branch) only the iterations with a further one. Each
/// occurrence's impact is added to the total on its own, in the order of its rank. At the low rates
/// most risks have, the later passes are short.
fn repeated_year(
    risk: &PlannedRisk,
    y: usize,
    draws: Draws,
    start: usize,
    len: usize,
    mut sink: impl Sink,
    scratch: &mut Scratch,
) {
    let Events::Poisson(table) = &risk.events else {
        unreachable!("a frequency")
    };
    let repeats = risk.streams[y].1;
    let noted = &mut scratch.noted;
    let counter = table.counter();
    let mut count = 0;
    let mut note = |i: usize, draw: u64| {
        let n = counter.count_draw(draw);
        noted[count & MASK] = (i as u64) << 32 | n as u64;
        count += usize::from(n > 0);
    };
    match draws.correlated {
        None => {
            let mut state = draws.stream.state(start as u64);
            for i in 0..len {
                let draw = wymix(state);
                state = state.wrapping_add(STEP);
                note(i, draw);
            }
        }
        Some(row) => row[..len].iter().enumerate().for_each(|(i, &draw)| note(i, draw)),
    }
    // The generator state of occurrence 0 of the block's first iteration; see `repeat_state`.
    let base = repeats.state(first_repeat(start as u64));
    let mut rank = 0;
    while count > 0 {
        count = risk.sampler.with_scaled(
            risk.scale[y],
            Occurrences {
                noted: &mut noted[..count],
                rank,
                base,
                sink: &mut sink,
            },
        );
        rank += 1;
    }
}

/// The generator state of occurrence `k` of the block's iteration `i` in the second stream, given
/// that of occurrence 0 of iteration 0 (`base`): the state of counter `first_repeat(start + i) + k`,
/// computed with one multiplication.
#[inline(always)]
fn repeat_state(base: u64, i: u32, k: u64) -> u64 {
    const PER_ITERATION: u64 = STEP.wrapping_mul(1 << REPEAT_SHIFT);
    base.wrapping_add(u64::from(i).wrapping_mul(PER_ITERATION))
        .wrapping_add(k.wrapping_mul(STEP))
}

/// Adds occurrence `rank` (from 0) of each noted iteration (iteration in the high half, count in
/// the low half; every count above `rank`), drawn from counter `first_repeat(i) + rank` of the
/// risk's second stream; keeps in front those with a further occurrence and returns how many.
struct Occurrences<'a, S> {
    noted: &'a mut [u64],
    rank: u64,
    base: u64,
    sink: &'a mut S,
}

impl<S: Sink> WithDraw for Occurrences<'_, S> {
    type Output = usize;
    #[inline(always)]
    fn run(self, draw: impl Fn(u32) -> f64) -> usize {
        let mut kept = 0;
        for j in 0..self.noted.len() {
            let hit = self.noted[j];
            let i = (hit >> 32) as u32;
            let bits = wymix(repeat_state(self.base, i, self.rank)) as u32;
            self.sink.add(i as usize, draw(bits));
            // `kept <= j`: this overwrites only entries already read.
            self.noted[kept] = hit;
            kept += usize::from((hit & 0xffff_ffff) > self.rank + 1);
        }
        kept
    }
}

/// A structural risk: once it has occurred its value recurs every later year (times that year's
/// scale: a driver-based share is applied to the later year's driver amount).
///
/// With a probability, the value is drawn from the risk's first possible year, whichever year it
/// occurs in: so a higher probability, which can only make it occur earlier, never changes the value
/// and never lowers a later year's total. (With a frequency the value is the sum of that year's
/// occurrences.)
#[allow(clippy::too_many_arguments)]
fn structural_year<'a>(
    risk: &PlannedRisk,
    y: usize,
    draws: impl Fn(usize) -> Draws<'a>,
    start: usize,
    len: usize,
    row: &mut Row,
    groups: Option<[&mut Row; 2]>,
    scratch: &mut Scratch,
) {
    match risk.events {
        Events::Bernoulli { threshold } => structural_bernoulli(risk, y, threshold, draws, len, scratch),
        Events::Poisson(_) => structural_poisson(risk, y, draws(y), start, len, scratch),
        Events::Once { .. } => unreachable!("added by `once_block`"),
    }
    let scale = risk.scale[y];
    for (total, value) in row[..len].iter_mut().zip(scratch.recurring.iter()) {
        *total += value * scale;
    }
    for group in groups.into_iter().flatten() {
        for (total, value) in group[..len].iter_mut().zip(scratch.recurring.iter()) {
            *total += value * scale;
        }
    }
}

/// Sets the recurring value of the iterations in which a structural risk with a probability
/// occurs for the first time this year.
fn structural_bernoulli<'a>(
    risk: &PlannedRisk,
    y: usize,
    threshold: u64,
    draws: impl Fn(usize) -> Draws<'a>,
    len: usize,
    scratch: &mut Scratch,
) {
    let Some(last) = last_occurring(threshold) else {
        return;
    };
    let Scratch {
        noted: hits,
        recurring,
        occurred,
    } = scratch;
    let count = note_hits(draws(y), len, hits, |i, draw| (draw <= last) & !occurred[i & MASK]);
    for &hit in &hits[..count] {
        occurred[(hit >> 32) as usize & MASK] = true;
    }
    risk.sampler.with(SetRecurring {
        hits: &hits[..count],
        recurring,
        first: (y > risk.first_year).then(|| draws(risk.first_year)),
    });
}

/// Sets each hit's recurring value: from the bits noted with the hit, or in a later year from the
/// draw of the first possible year.
struct SetRecurring<'a> {
    hits: &'a [u64],
    recurring: &'a mut Row,
    first: Option<Draws<'a>>,
}

impl WithDraw for SetRecurring<'_> {
    type Output = ();
    #[inline(always)]
    fn run(self, draw: impl Fn(u32) -> f64) {
        for &hit in self.hits {
            let i = hit >> 32;
            let bits = match self.first {
                None => hit as u32,
                Some(first) => first.at(i as usize) as u32,
            };
            self.recurring[i as usize & MASK] = draw(bits);
        }
    }
}

/// As [`structural_bernoulli`] for a structural risk with a frequency: the value is the sum of the
/// year's occurrences.
fn structural_poisson(risk: &PlannedRisk, y: usize, draws: Draws, start: usize, len: usize, scratch: &mut Scratch) {
    let Scratch {
        noted: hits,
        recurring,
        occurred,
    } = scratch;
    let count = note_hits(draws, len, hits, |i, draw| !occurred[i & MASK] & risk.occurs(draw));
    let repeats = risk.streams[y].1;
    for &hit in &hits[..count] {
        let (i, n) = (hit >> 32, start as u64 + (hit >> 32));
        occurred[i as usize & MASK] = true;
        recurring[i as usize & MASK] = risk.occurrence_value(draws.at(i as usize), repeats, n);
    }
}
