//! The Monte Carlo simulation of annual shortfalls against the reserve.
//!
//! `simulate` compiles the register into a [`plan::Plan`] and runs the [`engine`] (netto, with every
//! category and risk type summed alongside: [`segments`]; bruto again only when a measure changes a
//! risk). Each block of the netto run is read while it is in the cache: every iteration's years
//! settled against the reserve once ([`settled`]), each year's distribution read ([`years`]); of
//! the totals only the first year is kept. Every figure of the paragraaf goes into [`Results`].

pub mod copula;
pub mod engine;
pub mod plan;
pub mod poisson;
pub mod precision;
pub mod sampler;
pub mod segments;
pub mod settled;
pub mod settlement;
pub mod special;
pub mod stream;
pub mod years;

use crate::grade::{Grade, ratio};
use crate::model::{Basis, Dist, Horizon, Impact, Occurrence, Register};
use crate::results::{
    BrutoNetto, Contribution, Distribution, Excluded, ExclusionReason, Headline, Manifest, MeanAt, MunicipalityResult,
    Results, Samples, YearAmount, YearResult,
};
use crate::stats::Sorted;
use engine::{BLOCK, Totals};
use plan::Plan;
use rayon::prelude::*;
use settlement::{YearOutcome, settle};

/// The zekerheidspercentages of the percentile table, as in NARIS-based paragraphs.
pub const DEFAULT_PERCENTILES: [f64; 8] = [0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];
/// Default number of iterations.
pub const DEFAULT_ITERATIONS: usize = 100_000;

/// At most this many of the first iterations place the windows of the percentiles read block by
/// block (as many values as the order statistics' own sample, [`crate::stats::select`]).
pub(crate) const PILOT: usize = 1 << 15;

/// How many of the first iterations of a run of `n` place its windows: a 32nd of the run, at least
/// 4.096 and at most [`PILOT`]. A window reaches a number of the sample's own standard deviations,
/// so a smaller sample misses as rarely, with wider windows; but it costs less to sort beside a
/// short run (at 100.000 iterations the 26 samples of 32.768 values of a run took about a third of
/// `sweep`'s time). The windows decide how fast the order statistics are found, never what is
/// found; a tail mean's last bits may change with them (it is summed in two parts either side of
/// its window's upper bound), the same for any thread count.
pub(crate) fn pilot(n: usize) -> usize {
    (n / 32).clamp(4096, PILOT).min(n)
}

/// How to simulate.
#[derive(Clone, Debug)]
pub struct Settings {
    pub iterations: usize,
    pub seed: u64,
    /// Netto (measures in place) or netto with planned measures; bruto is always run alongside.
    pub basis: Basis,
    /// Percentiles of the table (the zekerheidspercentage is added if missing).
    pub percentiles: Vec<f64>,
    /// Overrides the register's zekerheidspercentage.
    pub certainty: Option<f64>,
    /// Keep the sorted first-year totals for charts.
    pub keep_samples: bool,
    /// Also run bruto and every category and risk type on its own (a comparison or a sweep, which
    /// runs many simulations, leaves these out).
    pub extras: bool,
}

/// Where the register came from, for the manifest.
#[derive(Clone, Debug, Default)]
pub struct Provenance {
    pub register: String,
    pub sha256: String,
    /// The scenarios applied to the register, in order.
    pub scenarios: Vec<crate::results::ScenarioRef>,
}

/// The work all runs and passes of `simulate` will report through its progress callback, in units
/// of about one draw of one risk in one year, so that a bar moves at an even pace and its estimate
/// of the time left holds (`examples/progress_estimate` measures it): a run of the engine reports
/// its risk-years, a pass over the iterations [`FILL_UNITS`] each, a sort [`sort_units`].
pub fn work(register: &Register, settings: &Settings) -> u64 {
    let n = settings.iterations.max(1);
    let rounded = (n.div_ceil(BLOCK) * BLOCK) as u64;
    let years = register.horizon.len();
    // A run of the engine over `y` years writes its totals besides the risks' draws.
    let totals = |y: usize| (y as f64 * TOTALS_UNITS).round() as u64;
    let all_years = risk_years(register, years) + totals(years);
    let engine = rounded * all_years;
    // One pass settles the reserve and reads every year's distribution, but the first year's when
    // the charts need it sorted.
    let (sorts, read) = if settings.keep_samples {
        (sort_units(n), years as u64 - 1)
    } else {
        (0, years as u64)
    };
    let settlement = rounded * (settled::SETTLE_UNITS + read * years::READ_UNITS);
    let certainty = settings.certainty.unwrap_or(register.reserve.certainty);
    let tail = tail_units(
        n,
        certainty,
        register.risks.iter().filter(|r| r.is_quantified()).count(),
    );
    // Bruto runs every risk again (unless no measure changes one); the segments come with the
    // netto run.
    let extras = if settings.extras && bruto_differs(register, settings.basis) {
        rounded * all_years + sort_units(n)
    } else {
        0
    };
    let keyed = if register.verdeelsleutel.is_simple() {
        0
    } else {
        let groups = 1 + register.verdeelsleutel.taakvelden.len() as u64;
        rounded * (risk_years(register, years) + groups * totals(years))
            + (register.verdeelsleutel.municipalities.len() * (years + 1)) as u64 * rounded * FILL_UNITS
    };
    engine + sorts + settlement + tail + extras + keyed
}

/// The engine's work per iteration and year besides the risks' draws, in draws: writing the totals
/// (fresh memory: its first touch costs more than a few risks). Measured, 40, on the example
/// register of five risks at 10⁷ iterations.
pub const TOTALS_UNITS: f64 = 40.0;

/// Whether a measure the basis counts changes any quantified risk: only then does bruto need a run
/// of its own.
pub fn bruto_differs(register: &Register, basis: Basis) -> bool {
    register
        .risks
        .iter()
        .filter(|r| r.is_quantified())
        .any(|r| r.effective(Basis::Bruto) != r.effective(basis))
}

/// The work of a pass over the iterations (settling the reserve, a municipality's share), per
/// iteration, in draws: measured, 36 (18 ns against 0,5 ns a draw on two cores).
pub const FILL_UNITS: u64 = 36;

/// The work of sorting `n` totals, in draws: measured, about three per comparison.
pub fn sort_units(n: usize) -> u64 {
    let n = n.max(2) as f64;
    (3.0 * n * n.log2()) as u64
}

/// The work of the tail pass: each risk drawn again in the iterations beyond the zekerheid.
fn tail_units(n: usize, certainty: f64, risks: usize) -> u64 {
    (2.0 * (1.0 - certainty).max(0.0) * n as f64 * risks as f64) as u64
}

/// The risks' draws in the first `years` years, per iteration: per quantified risk the years it can
/// occur in, times its work in a year ([`plan::work_per_year`]).
fn risk_years(register: &Register, years: usize) -> u64 {
    let draws: f64 = register
        .risks
        .iter()
        .filter(|r| r.is_quantified())
        .map(|r| {
            let first = r.first_year.map_or(0, |f| (f - register.horizon.first).max(0) as usize);
            let expected = r.occurrence.map_or(0.0, |o| o.expected_count().min(1e6));
            years.saturating_sub(first) as f64 * plan::work_per_year(expected)
        })
        .sum();
    draws.round() as u64
}

/// Nanoseconds of one core per draw (an occurrence test or one impact), measured on this project's
/// two-core machine with the engine at its floor (2–3 ns); the estimate's only constant.
const NANOS_PER_DRAW: f64 = 2.5;

/// What a simulation will take, in seconds on `threads` cores, estimated before it starts from the
/// draws it makes: per risk, iteration and year one occurrence test plus its expected number of
/// impacts; bruto runs the risks again when a measure changes one. Good to a factor of two or
/// so: enough to warn a user about a run of minutes before it starts.
pub fn seconds_estimate(register: &Register, settings: &Settings, threads: usize) -> f64 {
    let per_iteration_year: f64 = register
        .risks
        .iter()
        .filter(|r| r.is_quantified())
        .map(|r| 1.0 + r.occurrence.map_or(0.0, |o| o.expected_count()))
        .sum();
    let runs = if settings.extras && bruto_differs(register, settings.basis) {
        2.0
    } else {
        1.0
    };
    settings.iterations as f64 * register.horizon.len() as f64 * per_iteration_year * runs * NANOS_PER_DRAW
        / 1e9
        / threads.max(1) as f64
}

/// An upper bound on the memory a simulation takes, in bytes: the totals per iteration and year and
/// their settlement (measured: 12 bytes per iteration and year for the IJmond register at 10⁷
/// iterations, when every year was kept; the netto run now keeps the first year alone, but bruto,
/// a keyed verdeelsleutel and a window that misses still run every year whole), the sorted and
/// settled copies per iteration (the first year kept, two settlement columns, one spare), and a
/// constant for everything else.
pub fn memory_needed(register: &Register, settings: &Settings) -> u64 {
    let n = settings.iterations as u64;
    16 * n * register.horizon.len() as u64 + 32 * n + 64 * 1024 * 1024
}

/// What the runs of several registers that differ in a few risks share (a sweep's points, each
/// the register with one parameter changed): the risks that come first in the engine's order and
/// draw the same in every register are summed once, by the first run that needs them, and every
/// run starts from their totals ([`engine::Prefix`]). Each run's totals are still its own whole
/// run's, to the bit.
pub struct Shared {
    /// How many risks, first in the engine's order, every register's plan shares.
    risks: usize,
    prefix: std::sync::OnceLock<engine::Prefix>,
}

impl Shared {
    /// What the plans of `registers` share with the settings' basis and seed.
    pub fn new(registers: &[&Register], settings: &Settings) -> Shared {
        let plans: Vec<Plan> = registers
            .iter()
            .map(|r| Plan::new(r, settings.basis, settings.seed, |_| true))
            .collect();
        let risks = match plans.split_first() {
            Some((first, rest)) => rest
                .iter()
                .map(|p| first.shared_risks(p))
                .min()
                .unwrap_or(first.order.len()),
            None => 0,
        };
        Shared {
            risks,
            prefix: std::sync::OnceLock::new(),
        }
    }

    /// How many risks every run skips.
    pub fn risks(&self) -> usize {
        self.risks
    }

    /// The memory the shared totals take beside a run's own, in bytes ([`memory_needed`]).
    pub fn memory(&self, register: &Register, settings: &Settings) -> u64 {
        if self.risks == 0 {
            0
        } else {
            8 * settings.iterations as u64 * register.horizon.len() as u64
        }
    }
}

/// Runs the whole simulation. Parallel inside; the results are the same for any thread count.
pub fn simulate(
    register: &Register,
    settings: &Settings,
    provenance: &Provenance,
    on_block: &(dyn Fn(u64) + Sync),
) -> Results {
    simulate_shared(register, settings, provenance, on_block, None)
}

/// As [`simulate`], starting the engine from what the runs of `shared` have in common (the same
/// results to the bit, less work). The segments' grouped run does not use it.
pub fn simulate_shared(
    register: &Register,
    settings: &Settings,
    provenance: &Provenance,
    on_block: &(dyn Fn(u64) + Sync),
    shared: Option<&Shared>,
) -> Results {
    let n = settings.iterations.max(1);
    let years = register.horizon.len();
    let certainty = settings.certainty.unwrap_or(register.reserve.certainty);
    let mut percentiles = settings.percentiles.clone();
    if !percentiles.iter().any(|p| (p - certainty).abs() < 1e-12) {
        percentiles.push(certainty);
    }
    percentiles.sort_by(f64::total_cmp);
    let calendar: Vec<i32> = register.horizon.years().collect();

    // Netto: the headline run. Each block is read as it is made: settled against the reserve, each
    // year's distribution read (the first year is sorted whole instead when the charts draw it),
    // and with the extras each category's and risk type's first-year figures. The first year is
    // kept for the tail contributions and the charts; every year when the verdeelsleutel splits
    // each iteration's contribution by taakveld.
    let plan = Plan::new(register, settings.basis, settings.seed, |_| true);
    let groups = settings.extras.then(|| segments::Groups::new(register, &plan));
    let grouping = groups.as_ref().map(|g| g.grouping.clone()).unwrap_or_default();
    // The segments' groups hold every risk, so a grouped run cannot start from a shared prefix.
    let prefix = shared
        .filter(|s| s.risks > 0 && !settings.extras)
        .map(|s| s.prefix.get_or_init(|| engine::Prefix::new(&plan, s.risks, n, years)));
    let keyed = !register.verdeelsleutel.is_simple();
    let kept: Vec<bool> = (0..years).map(|y| y == 0 && settings.keep_samples).collect();
    let realised_amounts: Vec<Option<f64>> = calendar
        .iter()
        .map(|&year| register.realised_year(year).map(|r| register.realised_risk_amount(r)))
        .collect();
    let amounts: Vec<Vec<f64>> = (0..years)
        .map(|y| {
            let available = (y == 0).then_some(register.reserve.balance[0]);
            available.into_iter().chain(realised_amounts[y]).collect()
        })
        .collect();
    let place = |first: &engine::Pilot| {
        let segmenting = groups
            .clone()
            .map(|groups| segments::Segmenting::new(groups, first, pilot(n), n, certainty));
        let settling = settled::Settling::new(&first.totals, n, register, certainty);
        // The years are read also at the percentiles the settlement takes from them.
        let mut read_at = percentiles.clone();
        read_at.extend(settling.read_from_years());
        read_at.sort_by(f64::total_cmp);
        read_at.dedup();
        let reading = years::Years::new(&first.totals, n, &read_at, certainty, &amounts, &kept);
        let units = BLOCK as u64 * (settled::SETTLE_UNITS + reading.read() as u64 * years::READ_UNITS);
        (segmenting, settling, reading, units)
    };
    let (stored, (segmenting, settling, reading, _), parts) = engine::run_streamed(
        &plan,
        n,
        years,
        on_block,
        (pilot(n), if keyed { years } else { 1 }),
        &grouping,
        prefix,
        place,
        |(segmenting, settling, reading, units), scratch, block, rows, len| {
            let part = (
                segmenting.as_ref().map(|s| s.consume(rows, len)),
                settling.block(block, len, scratch),
                reading.block(block, len),
            );
            on_block(*units);
            part
        },
    );
    // Every year of every iteration, for a window that missed: the run again (the same blocks).
    let rerun = std::sync::OnceLock::new();
    let whole = || {
        if stored.years == years {
            &stored
        } else {
            rerun.get_or_init(|| engine::run_from(&plan, n, years, &|_| {}, prefix))
        }
    };
    let (segment_parts, settle_parts, read_parts) = parts.into_iter().fold(
        (Vec::new(), Vec::new(), Vec::new()),
        |(mut g, mut s, mut r), (segment, settle, read)| {
            g.extend(segment);
            s.push(settle);
            r.push(read);
            (g, s, r)
        },
    );
    let segments = segmenting.map(|s| s.finish(register, settings, years, segment_parts));
    let mut distributions = reading.finish(read_parts, &whole);
    if settings.keep_samples {
        let mut values = Vec::with_capacity(n);
        stored.year_into(0, &mut values);
        distributions[0] = Some(Sorted::new(values));
        on_block(sort_units(n));
    }
    let mut year_results: Vec<YearResult> = calendar
        .iter()
        .zip(&distributions)
        .map(|(&year, sorted)| {
            let risk_amount = distribution(sorted.as_ref().expect("every year read"), &percentiles, certainty);
            year_result(year, risk_amount)
        })
        .collect();
    let realised = calendar
        .iter()
        .zip(&realised_amounts)
        .zip(&distributions)
        .filter_map(|((&year, amount), sorted)| {
            let amount = (*amount)?;
            let sorted = sorted.as_ref().expect("every year read");
            Some(crate::results::RealisedYear {
                year,
                risk_amount: amount,
                percentile: sorted.count_at_most(amount) as f64 / n as f64,
            })
        })
        .collect();
    let settled = settling.finish(settle_parts, &whole, &distributions, &mut year_results);
    let first = distributions
        .into_iter()
        .next()
        .flatten()
        .expect("the horizon has a first year");
    let contributions = contributions(&plan, &stored, &first, certainty);
    on_block(tail_units(n, certainty, plan.risks.len()));
    let keyed = keyed.then(|| keyed_contributions(register, settings, &stored, certainty, on_block));
    // The exact expected first-year loss of each risk: probability (or frequency) × expected impact.
    let risk_means: Vec<f64> = plan
        .risks
        .iter()
        .map(|p| {
            register
                .expected_in_year(&register.risks[p.index], 0, settings.basis)
                .unwrap_or(0.0)
        })
        .collect();
    // Bruto, for the comparison with netto, and the segments. When no measure the basis counts
    // changes a risk, bruto draws what netto drew: its figures are netto's, not run again.
    let same = !bruto_differs(register, settings.basis);
    drop((stored, rerun));
    let (bruto, bruto_per_year) = if settings.extras && same {
        let per_year = year_results.iter().map(|y| y.risk_amount.mean).collect();
        (Some(first.clone()), per_year)
    } else if settings.extras {
        let bruto_plan = Plan::new(register, Basis::Bruto, settings.seed, |_| true);
        let bruto_totals = engine::run(&bruto_plan, n, years, on_block);
        let per_year: Vec<f64> = (0..years).map(|y| bruto_totals.mean(y)).collect();
        let mut buffer = Vec::with_capacity(n);
        bruto_totals.year_into(0, &mut buffer);
        drop(bruto_totals);
        let bruto = Sorted::new(std::mem::take(&mut buffer));
        on_block(sort_units(n));
        (Some(bruto), per_year)
    } else {
        (None, Vec::new())
    };

    let headline = headline(
        register,
        &plan,
        &first,
        certainty,
        &year_results[0],
        settled.first_exceeds_cap,
        risk_means.iter().sum(),
    );
    // One key for every year: each municipality carries its share of every euro, so its figures are
    // the total's times its share; otherwise each was simulated on its own (keyed_contributions).
    let municipalities = register
        .verdeelsleutel
        .municipalities
        .iter()
        .enumerate()
        .map(|(k, m)| match &keyed {
            Some(keyed) => MunicipalityResult {
                name: m.name.clone(),
                share: None,
                per_year: year_results
                    .iter()
                    .zip(&keyed[k].0)
                    .map(|(y, at)| YearAmount {
                        year: y.year,
                        mean: at.mean,
                        at_certainty: at.at_certainty,
                    })
                    .collect(),
                horizon: keyed[k].1,
            },
            None => MunicipalityResult {
                name: m.name.clone(),
                share: Some(m.share),
                per_year: year_results
                    .iter()
                    .map(|y| YearAmount {
                        year: y.year,
                        mean: m.share * y.contribution_mean,
                        at_certainty: m.share * y.contribution_at_certainty,
                    })
                    .collect(),
                horizon: MeanAt {
                    mean: m.share * settled.horizon.contribution.mean,
                    at_certainty: m.share * settled.horizon.contribution.at_certainty,
                },
            },
        })
        .collect();
    let expected_total: f64 = risk_means.iter().sum();
    let contributions = plan
        .risks
        .iter()
        .zip(contributions)
        .zip(&risk_means)
        .map(|((planned, (worst_years_mean, share_of_worst_years)), &mean)| {
            let risk = &register.risks[planned.index];
            Contribution {
                id: risk.id.clone(),
                title: risk.title.clone(),
                category: register.categories[risk.category].id.clone(),
                risk_type: register.risk_types[risk.risk_type].id.clone(),
                weighted: register.weighted(risk, settings.basis).unwrap_or(0.0),
                mean,
                share_of_mean: if expected_total == 0.0 {
                    0.0
                } else {
                    mean / expected_total
                },
                worst_years_mean,
                share_of_worst_years,
                placeholder: risk.placeholder,
            }
        })
        .collect();
    let bruto_netto = bruto.as_ref().map(|bruto| BrutoNetto {
        bruto: MeanAt {
            mean: bruto.mean,
            at_certainty: bruto.quantile(certainty),
        },
        netto: MeanAt {
            mean: first.mean,
            at_certainty: first.quantile(certainty),
        },
        bruto_per_year,
        netto_per_year: year_results.iter().map(|y| y.risk_amount.mean).collect(),
    });
    let excluded = register
        .risks
        .iter()
        .filter(|r| !r.is_quantified())
        .map(|r| Excluded {
            id: r.id.clone(),
            title: r.title.clone(),
            reason: if !r.status.is_active() {
                ExclusionReason::Retired
            } else if r.borne_by == crate::model::BorneBy::Deelnemers {
                ExclusionReason::Deelnemers
            } else {
                ExclusionReason::Pm
            },
        })
        .collect();
    Results {
        manifest: manifest(register, settings, provenance, certainty),
        headline,
        first_year: year_results[0].risk_amount.clone(),
        years: year_results,
        horizon: settled.horizon,
        municipalities,
        segments,
        contributions,
        bruto_netto,
        excluded,
        realised,
        sensitivity: None,
        samples: settings.keep_samples.then_some(Samples { netto: first, bruto }),
    }
}

/// A year's result with its risk amount, before the settlement fills in the reserve's figures
/// ([`settled::Settling::finish`]).
fn year_result(year: i32, risk_amount: Distribution) -> YearResult {
    YearResult {
        year,
        risk_amount,
        reserve_start_mean: 0.0,
        p_reserve_short: 0.0,
        overflow_mean: 0.0,
        overflow_at_certainty: 0.0,
        replenishment_mean: 0.0,
        contribution_mean: 0.0,
        contribution_median: 0.0,
        contribution_at_certainty: 0.0,
    }
}

fn distribution(sorted: &Sorted, percentiles: &[f64], certainty: f64) -> Distribution {
    let at_certainty = sorted.percentile(certainty);
    Distribution {
        mean: sorted.mean,
        sd: sorted.sd,
        min: sorted.min(),
        max: sorted.max(),
        percentiles: percentiles.iter().map(|&p| sorted.percentile(p)).collect(),
        at_certainty,
        tail_mean: sorted.mean_from(at_certainty.value),
    }
}

/// The mean of `values` and their percentile at `p` (type 7), by selection instead of a full sort.
fn mean_and_quantile(values: &[f64], p: f64) -> (f64, f64) {
    let n = values.len();
    let mean = values.iter().sum::<f64>() / n as f64;
    (mean, select_quantile(values, p))
}

/// The percentile at `p` (type 7) by selection ([`crate::stats::select`]).
pub(crate) fn select_quantile(values: &[f64], p: f64) -> f64 {
    crate::stats::select::quantile(values, p)
}

/// Fills `buffer` with `value(i)` for every iteration, in parallel blocks, and returns the sums of
/// the side amounts `value` also yields, reduced in block order (the same for any thread count).
fn fill<const K: usize>(
    buffer: &mut Vec<f64>,
    n: usize,
    on_block: &(dyn Fn(u64) + Sync),
    value: impl Fn(usize) -> (f64, [f64; K]) + Sync,
) -> [f64; K] {
    buffer.clear();
    buffer.resize(n, 0.0);
    let parts: Vec<[f64; K]> = buffer
        .par_chunks_mut(BLOCK)
        .enumerate()
        .map(|(b, chunk)| {
            let mut sums = [0.0; K];
            for (j, slot) in chunk.iter_mut().enumerate() {
                let (v, side) = value(b * BLOCK + j);
                *slot = v;
                for (total, x) in sums.iter_mut().zip(side) {
                    *total += x;
                }
            }
            on_block(BLOCK as u64 * FILL_UNITS);
            sums
        })
        .collect();
    sum_in_order(&parts)
}

/// The blocks' side sums added up in block order: the same for any thread count.
fn sum_in_order<const K: usize>(parts: &[[f64; K]]) -> [f64; K] {
    parts.iter().fold([0.0; K], |mut acc, part| {
        for (a, p) in acc.iter_mut().zip(part) {
            *a += p;
        }
        acc
    })
}

/// Per municipality, per year and over the horizon, the mean and the value at the zekerheid of its
/// extra contribution, when the verdeelsleutel has a key per taakveld or changes from a year on.
///
/// A year's extra contribution is split over the keys in proportion to the year's risk amount of
/// the risks each key charges (the main key's risks, each taakveld's): every risk's share of the
/// shortfall goes by its own key. Each group of risks is run on its own with the same draws (the
/// streams are addressed by risk), so the groups' amounts add up to the year's. A year without any
/// risk amount charges what there is (a planned withdrawal the reserve could not pay) by the main
/// key. Per iteration the municipalities' contributions add up to the year's.
fn keyed_contributions(
    register: &Register,
    settings: &Settings,
    totals: &Totals,
    certainty: f64,
    on_block: &(dyn Fn(u64) + Sync),
) -> Vec<(Vec<MeanAt>, MeanAt)> {
    let n = totals.iterations;
    let years = totals.years;
    let key = &register.verdeelsleutel;
    let calendar: Vec<i32> = register.horizon.years().collect();
    // The groups: the main key's risks, then each taakveld's.
    let groups: Vec<Option<usize>> = std::iter::once(None)
        .chain((0..key.taakvelden.len()).map(Some))
        .collect();
    let group_totals: Vec<Option<Totals>> = groups
        .iter()
        .map(|&g| {
            let in_group = |i: usize| register.risks[i].taakveld == g;
            if !register
                .risks
                .iter()
                .enumerate()
                .any(|(i, r)| r.is_quantified() && in_group(i))
            {
                return None;
            }
            let plan = Plan::new(register, settings.basis, settings.seed, in_group);
            Some(engine::run(&plan, n, years, on_block))
        })
        .collect();
    let reserve = &register.reserve;
    let buffer = &mut Vec::with_capacity(n);
    // Municipality `m`'s contribution in year `y` of iteration `i`.
    let share_of = |m: usize, i: usize, outcomes: &[YearOutcome], y: usize| -> f64 {
        let contribution = outcomes[y].contribution();
        let total = totals.get(i, y);
        let year = calendar[y];
        if total == 0.0 {
            return contribution * key.main.shares_in(year)[m];
        }
        groups
            .iter()
            .zip(&group_totals)
            .filter_map(|(&g, t)| Some((g, t.as_ref()?)))
            .map(|(g, t)| contribution * t.get(i, y) / total * key.key(g).shares_in(year)[m])
            .sum()
    };
    let outcomes = |i: usize| {
        let mut out = [YearOutcome::default(); Horizon::MAX_YEARS as usize];
        settle(|y| totals.get(i, y), reserve, &mut out[..years]);
        out
    };
    (0..key.municipalities.len())
        .map(|m| {
            let per_year = (0..years)
                .map(|y| {
                    fill(buffer, n, on_block, |i| (share_of(m, i, &outcomes(i), y), []));
                    let (mean, at) = mean_and_quantile(buffer, certainty);
                    MeanAt { mean, at_certainty: at }
                })
                .collect();
            fill(buffer, n, on_block, |i| {
                let o = outcomes(i);
                ((0..years).map(|y| share_of(m, i, &o, y)).sum(), [])
            });
            let (mean, at) = mean_and_quantile(buffer, certainty);
            (per_year, MeanAt { mean, at_certainty: at })
        })
        .collect()
}

/// Each risk's mean first-year loss over the iterations whose total is at or above the benodigde
/// capaciteit, and its share of that tail mean. Recomputed from the addressed draws: no matrix of
/// risks × iterations is stored.
fn contributions(plan: &Plan, totals: &Totals, first: &Sorted, certainty: f64) -> Vec<(f64, f64)> {
    let threshold = first.quantile(certainty);
    let n = totals.iterations;
    let risks = plan.risks.len();
    let blocks = n.div_ceil(BLOCK);
    // Per block: the tail count and each risk's tail sum (a risk at a time over the block's tail
    // iterations), reduced afterwards in block order.
    let partial: Vec<(usize, Vec<f64>)> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            let tail: Vec<u64> = (b * BLOCK..((b + 1) * BLOCK).min(n))
                .filter(|&i| totals.get(i, 0) >= threshold)
                .map(|i| i as u64)
                .collect();
            let sums = plan.risks.iter().map(|risk| risk.first_year_sum(&tail)).collect();
            (tail.len(), sums)
        })
        .collect();
    let mut count = 0;
    let mut sums = vec![0.0; risks];
    for (c, s) in partial {
        count += c;
        for (total, part) in sums.iter_mut().zip(s) {
            *total += part;
        }
    }
    let count = count.max(1) as f64;
    let tail_total: f64 = sums.iter().sum::<f64>() / count;
    sums.into_iter()
        .map(|s| {
            let mean = s / count;
            (mean, if tail_total == 0.0 { 0.0 } else { mean / tail_total })
        })
        .collect()
}

fn headline(
    register: &Register,
    plan: &Plan,
    first: &Sorted,
    certainty: f64,
    year: &YearResult,
    p_reserve_short_at_cap: f64,
    weighted: f64,
) -> Headline {
    let required = first.percentile(certainty).at_least_zero();
    let available = register.reserve.balance[0];
    let cap = register.reserve.cap;
    let ratio_now = ratio(available, required.value);
    let ratio_cap = ratio(cap, required.value);
    Headline {
        year: register.horizon.first,
        expected_risk_amount: first.mean,
        risk_amount_sd: first.sd,
        weighted_register: weighted,
        sum_of_maxima: sum_of_maxima(register, plan),
        required,
        available,
        cap,
        p_reserve_short: first.share_above(available),
        p_reserve_short_at_cap,
        overflow_mean: year.overflow_mean,
        overflow_at_certainty: year.overflow_at_certainty,
        ratio: ratio_now.is_finite().then_some(ratio_now),
        grade: Grade::of(ratio_now),
        ratio_at_cap: ratio_cap.is_finite().then_some(ratio_cap),
        grade_at_cap: Grade::of(ratio_cap),
    }
}

/// The "absolute maximum" of Dutch practice: every threat that can occur in the first year at its
/// largest impact (a lognormal at its 99,9th percentile), a risk with a frequency as often as its
/// 99,9th percentile count.
fn sum_of_maxima(register: &Register, plan: &Plan) -> f64 {
    plan.risks
        .iter()
        .filter(|p| p.first_year == 0 && p.scale[0] > 0.0)
        .map(|p| {
            let risk = &register.risks[p.index];
            let (occurrence, impact) = risk.effective(Basis::Netto);
            let largest = |d: &Dist| match d {
                Dist::LogNormal { .. } => sampler::Sampler::new(d).quantile(0.999),
                _ => d.range().1,
            };
            let per_event = match &impact {
                Impact::Amount(d) => largest(d),
                Impact::Driver { rate, .. } => largest(rate) * p.scale[0],
                Impact::Pm => 0.0,
            };
            let events = match occurrence {
                Some(Occurrence::Frequency(rate)) => poisson::PoissonTable::new(rate).count(0.999) as f64,
                _ => 1.0,
            };
            per_event * events
        })
        .sum()
}

fn manifest(register: &Register, settings: &Settings, provenance: &Provenance, certainty: f64) -> Manifest {
    Manifest {
        tool: "weerstand".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        register: provenance.register.clone(),
        register_sha256: provenance.sha256.clone(),
        scenarios: provenance.scenarios.clone(),
        organisation: register.metadata.organisation.clone(),
        seed: settings.seed,
        iterations: settings.iterations,
        block_size: BLOCK,
        basis: settings.basis,
        certainty,
        horizon: [register.horizon.first, register.horizon.last],
        generator:
            "wyrand, counter-based: draw i of risk r in year y = wyrand(key(seed, id(r), y) + (i+1)·0xa0761d6478bd642f)"
                .into(),
        conventions: CONVENTIONS.iter().map(ToString::to_string).collect(),
        precision: None,
        correlations: register
            .correlations
            .iter()
            .map(|c| crate::results::CorrelationRef {
                risks: c.risks.iter().map(|&r| register.risks[r].id.clone()).collect(),
                rank: c.rank,
                reason: c.reason.clone(),
            })
            .collect(),
    }
}

/// The conventions, as recorded in every results file.
pub const CONVENTIONS: [&str; 10] = [
    "occurrence: a risk with a probability occurs at most once a year (Bernoulli: the high 32 bits of its draw below p·2^32); a risk with a frequency occurs a Poisson number of times",
    "impact: drawn by the inverse CDF at the low 32 bits of the same draw; PERT by a 4096-step quantile table of its Beta, linearly interpolated; lognormal from its 5th and 95th percentile",
    "structural risks: in the first year a risk occurs, its cost that year recurs in every later year of the horizon (a driver-based share times that year's driver amount); it does not occur again",
    "opportunities (kansen) count negative; PM risks and risks that are no longer a risk are left out",
    "percentiles: linear interpolation between order statistics (type 7, as numpy and Excel PERCENTILE.INC); 95% confidence interval from the order statistics at n·p ∓ 1.96·sqrt(n·p·(1−p))",
    "benodigde weerstandscapaciteit: the first budget year's total netto loss at the zekerheidspercentage; ratio = reserve balance at the start of that year / benodigde; grade: NAR/University of Twente table, each band including its lower bound",
    "settlement: a year's loss is taken from the reserve; the rest is charged at once to the municipalities by the verdeelsleutel; with replenishment they also top the reserve up and get surpluses back",
    "tail contribution of a risk: its mean first-year loss over the iterations whose total is at or above the benodigde weerstandscapaciteit; these add up to the tail mean",
    "segments (per category, per risk type): each segment's first-year values are those of a run of its risks alone on the same draws (summed alongside the netto run); their benodigde weerstandscapaciteit does not add up to the whole's, because risks in different segments rarely peak together",
    "dependence: risks are drawn independently, except those named together in the register's correlations: a Gaussian copula joins their draws (rank correlation ρ as normal correlation 2·sin(πρ/6)), each keeping its own distribution; see manifest.correlations",
];

#[cfg(test)]
mod tests;

#[cfg(test)]
mod copula_tests;
#[cfg(test)]
mod properties;
