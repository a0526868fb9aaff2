//! A register compiled for simulation: the risks that can cost money, each with its samplers,
//! its streams per year and its sign and driver amounts per year.

use super::copula::{self, Group};
use super::poisson::PoissonTable;
use super::sampler::{Sampler, WithDraw};
use super::stream::{Stream, high, threshold};
use crate::model::{Basis, Impact, Occurrence, ProbabilityPer, Recurrence, Register};
use rayon::prelude::*;
use std::sync::Arc;

/// How often a planned risk occurs in a year.
#[derive(Clone, Debug)]
pub enum Events {
    /// At most once: occurs when the high 32 bits of the draw are below the threshold.
    Bernoulli { threshold: u64 },
    /// Any number of times, counted by inversion of the Poisson CDF.
    Poisson(Arc<PoissonTable>),
    /// At most once in the `years` years from the risk's first year (`probability_per: periode`):
    /// one draw, from the first year's stream, decides; it occurs when its high 32 bits are below
    /// the threshold, in the year `high · years / threshold` after the first, so each of those years
    /// holds an equal share of the probability.
    Once { threshold: u64, years: u64 },
}

impl Events {
    /// Whether `other` occurs in exactly the same draws ([`PlannedRisk::same_draws`]). A Poisson
    /// table is built from its rate alone, so equal rates are equal tables.
    pub fn same_draws(&self, other: &Events) -> bool {
        match (self, other) {
            (Events::Bernoulli { threshold: a }, Events::Bernoulli { threshold: b }) => a == b,
            (Events::Poisson(a), Events::Poisson(b)) => a.rate.to_bits() == b.rate.to_bits(),
            (Events::Once { threshold: a, years: x }, Events::Once { threshold: b, years: y }) => a == b && x == y,
            _ => false,
        }
    }

    /// For [`Events::Once`]: the year (counted from the risk's first year) in which the draw makes
    /// the risk occur, if it does.
    #[inline]
    pub fn once_year(threshold: u64, years: u64, draw: u64) -> Option<usize> {
        let h = high(draw);
        (h < threshold).then(|| (h * years / threshold) as usize)
    }
}

/// One risk, ready for the engine.
#[derive(Clone, Debug)]
pub struct PlannedRisk {
    /// Index of the risk in the register.
    pub index: usize,
    pub events: Events,
    /// Draws the amount of one occurrence (or the share of the driver, for driver-based impacts).
    pub sampler: Sampler,
    /// Per horizon year: what a sampled value is multiplied by (the sign, times the driver amount).
    pub scale: Vec<f64>,
    pub structural: bool,
    /// First horizon year (index) in which the risk can occur.
    pub first_year: usize,
    /// Per horizon year: the occurrence stream and the stream for repeated occurrences' impacts.
    pub streams: Vec<(Stream, Stream)>,
    /// The correlation group the risk is in, and its place in it; `None`: drawn on its own.
    pub copula: Option<(Arc<Group>, usize)>,
}

/// The engine's work for a risk in one iteration and year, in draws, given its expected number of
/// occurrences: the occurrence draw and 1,2 for each expected impact (measured with
/// `examples/risk_costs`: a frequency of 2,5 a year costs about four times a probability of 0,3).
pub fn work_per_year(expected_occurrences: f64) -> f64 {
    1.0 + 1.2 * expected_occurrences
}

/// Counter spacing for the impacts of repeated occurrences: occurrence `k` of iteration `i` uses
/// counter `i · 2^16 + k` of the second stream.
pub const REPEAT_SHIFT: u32 = 16;

/// The counter of the first repeated occurrence of iteration `i` (the `k`-th is this plus `k`).
#[inline(always)]
pub fn first_repeat(i: u64) -> u64 {
    i << REPEAT_SHIFT
}

impl PlannedRisk {
    /// Whether `other` adds exactly what this risk adds, to the bit, in every iteration and year of
    /// a run with the same seed: the same occurrences, samplers, scales, first year and streams,
    /// floats compared by their bits (`-0.0` and `0.0` add differently to a sum of `-0.0`). Where
    /// the register index is does not matter. Every field is named, so that a new one cannot be
    /// forgotten here.
    pub fn same_draws(&self, other: &PlannedRisk) -> bool {
        let PlannedRisk {
            index: _,
            events,
            sampler,
            scale,
            structural,
            first_year,
            streams,
            copula,
        } = self;
        let same_copula = match (copula, &other.copula) {
            (None, None) => true,
            (Some((a, j)), Some((b, k))) => j == k && (Arc::ptr_eq(a, b) || a.same_draws(b)),
            _ => false,
        };
        events.same_draws(&other.events)
            && sampler.same_draws(&other.sampler)
            && bits_eq(scale, &other.scale)
            && *structural == other.structural
            && *first_year == other.first_year
            && *streams == other.streams
            && same_copula
    }

    /// The engine's work for this risk in one iteration and year ([`work_per_year`]).
    pub fn work_per_year(&self) -> f64 {
        work_per_year(match &self.events {
            Events::Bernoulli { threshold } | Events::Once { threshold, .. } => *threshold as f64 / 4_294_967_296.0,
            Events::Poisson(table) => table.rate,
        })
    }

    /// The loss of this risk in horizon year 0 of iteration `i`: exactly what the engine adds to
    /// the total (structural recurrence plays no part in the first year). The engine adds each
    /// occurrence of an incidental risk with a frequency on its own, an incidental risk's impact
    /// with the scale folded into its distribution, and a structural risk's value times the scale.
    #[inline]
    pub fn first_year_loss(&self, i: u64) -> f64 {
        if self.first_year > 0 {
            return 0.0;
        }
        let repeats = self.streams[0].1;
        let scale = self.scale[0];
        let draw = self.draw(0, i);
        if let Events::Once { threshold, years } = self.events {
            return match Events::once_year(threshold, years, draw) {
                Some(0) => self.once_value(draw, 0),
                _ => 0.0,
            };
        }
        if self.structural {
            self.occurrence_value(draw, repeats, i) * scale
        } else {
            self.scaled_occurrence_value(draw, repeats, i, scale)
        }
    }

    /// The sum of the first-year losses over the iterations `at`, added in that order: to the bit
    /// what adding [`first_year_loss`](Self::first_year_loss) of each would give (the tail
    /// contributions read a risk over a block's worst iterations this way). A probability risk's
    /// loop has its distribution's draw function chosen once; it first notes the draws that occur,
    /// without a branch, and then samples those alone (a branch on each occurrence goes either way
    /// at random: taking it out halved the time). Leaving out the others' `+ 0.0` changes no bit: the sum
    /// starts at +0 and so is never −0, and adding +0 to anything else leaves it as it is.
    pub fn first_year_sum(&self, at: &[u64]) -> f64 {
        // As `first_year_loss`: an incidental risk with the scale folded into its distribution, a
        // structural one's value times the scale (multiplying by 1 is exact).
        let scale = self.scale[0];
        let (folded, after) = if self.structural { (1.0, scale) } else { (scale, 1.0) };
        let (stream, repeats) = self.streams[0];
        let threshold = match (&self.events, self.first_year, &self.copula) {
            (Events::Bernoulli { threshold }, 0, None) => *threshold,
            (Events::Poisson(table), 0, None) => {
                let work = PoissonSum {
                    at,
                    stream,
                    repeats,
                    table,
                    after,
                };
                return self.sampler.with_scaled(folded, work);
            }
            _ => return at.iter().fold(0.0, |sum, &i| sum + self.first_year_loss(i)),
        };
        struct Sum<'a> {
            at: &'a [u64],
            stream: Stream,
            threshold: u64,
            after: f64,
        }
        impl WithDraw for Sum<'_> {
            type Output = f64;
            #[inline(always)]
            fn run(self, draw: impl Fn(u32) -> f64) -> f64 {
                let mut occurring = vec![0u32; self.at.len()];
                let mut count = 0;
                for &i in self.at {
                    let d = self.stream.draw(i);
                    occurring[count] = d as u32;
                    count += usize::from(high(d) < self.threshold);
                }
                occurring[..count]
                    .iter()
                    .fold(0.0, |sum, &bits| sum + draw(bits) * self.after)
            }
        }
        let work = Sum {
            at,
            stream,
            threshold,
            after,
        };
        self.sampler.with_scaled(folded, work)
    }

    /// The occurrence draw of horizon year `y` in iteration `i`: the stream's own, or for a risk in a
    /// correlation group the draw its copula makes of it (see [`copula`]).
    #[inline]
    pub fn draw(&self, y: usize, i: u64) -> u64 {
        let own = self.streams[y].0.draw(i);
        match &self.copula {
            None => own,
            Some((group, j)) => copula::shape(&self.events, group.adverse(*j, y, i), own),
        }
    }

    /// The summed sampled value of this year's occurrences in iteration `i`, given its draw (0 when
    /// the risk does not occur).
    #[inline]
    pub fn occurrence_value(&self, draw: u64, repeats: Stream, i: u64) -> f64 {
        // Scaling by 1 is exact.
        self.scaled_occurrence_value(draw, repeats, i, 1.0)
    }

    /// As [`occurrence_value`](Self::occurrence_value), each occurrence drawn with `scale` folded
    /// into the distribution, as the engine adds an incidental risk's occurrences.
    #[inline]
    fn scaled_occurrence_value(&self, draw: u64, repeats: Stream, i: u64, scale: f64) -> f64 {
        match &self.events {
            Events::Bernoulli { threshold } => {
                if high(draw) < *threshold {
                    self.sampler.sample_scaled(draw as u32, scale)
                } else {
                    0.0
                }
            }
            Events::Once { .. } => unreachable!("a risk that occurs once is added by `once_value`"),
            Events::Poisson(table) => (0..table.count_draw(draw) as u64)
                .map(|k| {
                    self.sampler
                        .sample_scaled(repeats.draw(first_repeat(i) + k) as u32, scale)
                })
                .sum(),
        }
    }

    /// The amount a risk that occurs once adds in horizon year `y` (its own or, for a structural
    /// risk, any later one), given its deciding draw: as the engine adds it, an incidental impact
    /// with the scale folded into the distribution, a structural value times the year's scale.
    #[inline]
    pub fn once_value(&self, draw: u64, y: usize) -> f64 {
        if self.structural {
            self.sampler.sample_scaled(draw as u32, 1.0) * self.scale[y]
        } else {
            self.sampler.sample_scaled(draw as u32, self.scale[y])
        }
    }

    /// Whether the draw means at least one occurrence (in its own year, for [`Events::Once`]: in
    /// any year).
    #[inline]
    pub fn occurs(&self, draw: u64) -> bool {
        match &self.events {
            Events::Bernoulli { threshold } | Events::Once { threshold, .. } => high(draw) < *threshold,
            Events::Poisson(table) => table.count_draw(draw) > 0,
        }
    }
}

/// [`PlannedRisk::first_year_sum`] of a risk with a frequency: per listed iteration its count, and
/// each occurrence's amount from the repeats' stream, added as `first_year_loss` adds them (the
/// occurrences summed, then times `after`), with the distribution's draw function and the count's
/// tables chosen once for the loop instead of at every occurrence (a frequency risk's tail sum took
/// 10 to 20 times a probability risk's).
struct PoissonSum<'a> {
    at: &'a [u64],
    stream: Stream,
    repeats: Stream,
    table: &'a PoissonTable,
    after: f64,
}

impl WithDraw for PoissonSum<'_> {
    type Output = f64;
    #[inline(always)]
    fn run(self, draw: impl Fn(u32) -> f64) -> f64 {
        let counter = self.table.counter();
        let mut sum = 0.0;
        for &i in self.at {
            let count = counter.count_draw(self.stream.draw(i)) as u64;
            let value: f64 = (0..count)
                .map(|k| draw(self.repeats.draw(first_repeat(i) + k) as u32))
                .sum();
            sum += value * self.after;
        }
        sum
    }
}

/// A correlation group and its planned members, as (place in the group, index into the plan's
/// risks).
pub type Copula = (Arc<Group>, Vec<(usize, usize)>);

/// What the engine simulates: the quantified, active risks of a register under one basis.
#[derive(Clone, Debug)]
pub struct Plan {
    pub seed: u64,
    /// The calendar years of the horizon.
    pub years: Vec<i32>,
    pub risks: Vec<PlannedRisk>,
    /// The order in which the engine adds the risks: by id, so that the totals are the same to the
    /// last bit whatever the order of the risks in the file (floating-point sums depend on order).
    pub order: Vec<usize>,
    /// The correlation groups with a planned member, each with its planned members as (place in
    /// the group, index into `risks`).
    pub copulas: Vec<Copula>,
}

impl Plan {
    /// Compiles the register. Risks that are PM or no longer a risk are left out; `keep` selects a
    /// subset (a segment) by register index.
    ///
    /// The risks are compiled in parallel (in register order all the same): their distributions'
    /// tables are most of a plan's cost, 80 ms for the twenty PERT shapes of the synthetic register
    /// one after another.
    pub fn new(register: &Register, basis: Basis, seed: u64, keep: impl Fn(usize) -> bool + Sync) -> Plan {
        let years: Vec<i32> = register.horizon.years().collect();
        let membership = groups(register, seed, &years);
        let risks = register
            .risks
            .par_iter()
            .enumerate()
            .filter(|(i, r)| r.is_quantified() && keep(*i))
            .filter_map(|(index, risk)| {
                let (occurrence, impact) = risk.effective(basis);
                let first_year = risk
                    .first_year
                    .map_or(0, |fy| years.iter().position(|&y| y >= fy).unwrap_or(years.len()));
                let events = match (occurrence?, risk.probability_per) {
                    (Occurrence::Probability(p), ProbabilityPer::Jaar) => Events::Bernoulli {
                        threshold: threshold(p),
                    },
                    (Occurrence::Probability(p), ProbabilityPer::Periode) => Events::Once {
                        threshold: threshold(p),
                        years: (years.len() - first_year) as u64,
                    },
                    (Occurrence::Frequency(rate), _) => {
                        let table = PoissonTable::new(rate);
                        // Occurrence `k` of an iteration draws its impact from counter
                        // `first_repeat(i) + k`: the counts must stay below the spacing, or two
                        // iterations would share draws. The register caps a frequency at
                        // `MAX_FREQUENCY` (1.000 a year: at most about 2.300 occurrences).
                        assert!(
                            table.max_count() < 1 << REPEAT_SHIFT,
                            "a frequency of {rate} a year: more occurrences than the counters' spacing"
                        );
                        Events::Poisson(Arc::new(table))
                    }
                };
                let sign = risk.direction.sign();
                let (sampler, scale) = match &impact {
                    Impact::Amount(dist) => (Sampler::new(dist), vec![sign; years.len()]),
                    Impact::Driver { driver, rate } => (
                        Sampler::new(rate),
                        (0..years.len())
                            .map(|y| sign * register.drivers.get(*driver).value(y))
                            .collect(),
                    ),
                    Impact::Pm => return None,
                };
                let streams = years
                    .iter()
                    .map(|&y| (Stream::new(seed, &risk.id, y, 0), Stream::new(seed, &risk.id, y, 1)))
                    .collect();
                Some(PlannedRisk {
                    index,
                    events,
                    sampler,
                    scale,
                    structural: risk.recurrence == Recurrence::Structureel,
                    first_year,
                    streams,
                    copula: membership[index].clone(),
                })
            })
            .collect::<Vec<PlannedRisk>>();
        let mut order: Vec<usize> = (0..risks.len()).collect();
        order.sort_by(|&a, &b| {
            register.risks[risks[a].index]
                .id
                .cmp(&register.risks[risks[b].index].id)
        });
        let mut copulas: Vec<Copula> = Vec::new();
        for (r, risk) in risks.iter().enumerate() {
            if let Some((group, j)) = &risk.copula {
                match copulas.iter_mut().find(|(g, _)| Arc::ptr_eq(g, group)) {
                    Some((_, members)) => members.push((*j, r)),
                    None => copulas.push((group.clone(), vec![(*j, r)])),
                }
            }
        }
        Plan {
            seed,
            years,
            risks,
            order,
            copulas,
        }
    }
}

impl Plan {
    /// How many of the first risks in the engine's order `other` shares with this plan, each
    /// adding the same to the bit ([`PlannedRisk::same_draws`]) over the same horizon: a run of
    /// `other` may start from this plan's totals of those risks ([`super::engine::Prefix`]).
    pub fn shared_risks(&self, other: &Plan) -> usize {
        if self.years != other.years {
            return 0;
        }
        self.order
            .iter()
            .zip(&other.order)
            .take_while(|&(&a, &b)| self.risks[a].same_draws(&other.risks[b]))
            .count()
    }
}

/// Whether two slices of floats hold the same bits.
pub fn bits_eq(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
}

/// The correlation groups of a register: each connected set of correlated risks that the
/// simulation draws (quantified: whatever the basis or the subset a plan keeps, so that a risk's
/// draws are the same in every run of one register), by register index: its group and its place.
fn groups(register: &Register, seed: u64, years: &[i32]) -> Vec<Option<(Arc<Group>, usize)>> {
    let n = register.risks.len();
    let mut membership = vec![None; n];
    let simulated = |r: usize| register.risks[r].is_quantified();
    // Union-find over the simulated risks of every entry.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut r: usize) -> usize {
        while parent[r] != r {
            parent[r] = parent[parent[r]];
            r = parent[r];
        }
        r
    }
    let mut linked = vec![false; n];
    for c in &register.correlations {
        let members: Vec<usize> = c.risks.iter().copied().filter(|&r| simulated(r)).collect();
        for pair in members.windows(2) {
            let (a, b) = (root(&mut parent, pair[0]), root(&mut parent, pair[1]));
            parent[a] = b;
        }
        if members.len() >= 2 {
            members.iter().for_each(|&r| linked[r] = true);
        }
    }
    let mut roots: Vec<usize> = (0..n).filter(|&r| linked[r]).map(|r| root(&mut parent, r)).collect();
    roots.sort_unstable();
    roots.dedup();
    for group_root in roots {
        let mut members: Vec<usize> = (0..n)
            .filter(|&r| linked[r] && root(&mut parent, r) == group_root)
            .collect();
        members.sort_by(|&a, &b| register.risks[a].id.cmp(&register.risks[b].id));
        let k = members.len();
        let mut m = vec![0.0; k * k];
        for i in 0..k {
            m[i * k + i] = 1.0;
        }
        for c in &register.correlations {
            let r = crate::model::correlation::normal_correlation(c.rank);
            let places: Vec<usize> = c
                .risks
                .iter()
                .filter_map(|x| members.iter().position(|y| y == x))
                .collect();
            for (x, &a) in places.iter().enumerate() {
                for &b in &places[x + 1..] {
                    m[a * k + b] = r;
                    m[b * k + a] = r;
                }
            }
        }
        // The register reader refused any set of correlations that cannot hold; a group of a
        // subset of their risks holds too.
        let lower = crate::model::correlation::cholesky(&m, k).expect("validated correlations");
        let ids: Vec<&str> = members.iter().map(|&r| register.risks[r].id.as_str()).collect();
        let group = Arc::new(Group::new(seed, &ids, lower, years));
        for (j, &r) in members.iter().enumerate() {
            membership[r] = Some((group.clone(), j));
        }
    }
    membership
}
