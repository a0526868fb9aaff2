//! Exact order statistics of a large sample in one read, without sorting or reordering it.
//!
//! `select_nth_unstable` needs several passes that move the values about and guess at branches;
//! a simulation asks for a dozen order statistics of each of a dozen columns of a million values.
//! Here a fixed, evenly spread sample of the values (every `n / SAMPLE`-th, no random choice: the
//! same values give the same work) gives for each wanted rank a window of values that holds that
//! rank's value with near certainty (its bounds are the sample's values some places either side of
//! the rank's, found by selection). One parallel pass then counts the values below
//! each window and collects the few inside it; sorting a window gives the wanted values exactly.
//! When a window misses its rank (an unlucky sample: about once in a million windows), that rank
//! is found by selection instead. Either way the result is the exact order statistic under
//! `f64::total_cmp`: the window only decides how fast it is found, never what is found.

use rayon::prelude::*;

/// Below this many values a plain selection is faster than sampling (the sample's sort did not pay
/// off, when it was sorted whole: 235 quantiles of 100.000 values each, the sensitivity of a report, took 0,06 s longer).
const SMALL: usize = 1 << 18;
/// About this many values are sampled.
const SAMPLE: usize = 1 << 15;
/// A window reaches this many standard deviations of the sampled rank either side.
const REACH: f64 = 5.0;
/// Values per piece of the parallel pass.
const PIECE: usize = 1 << 16;

/// The values at `ranks` (0-based, each below `values.len()`) as if `values` were sorted by
/// `f64::total_cmp`, in the order of `ranks`; `values` is only read.
pub fn order_statistics(values: &[f64], ranks: &[usize]) -> Vec<f64> {
    let n = values.len();
    assert!(ranks.iter().all(|&k| k < n), "a rank beyond the {n} values");
    let mut wanted: Vec<usize> = ranks.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    let found = if n <= SMALL {
        by_selection(values, &wanted)
    } else {
        let stride = (n / SAMPLE).max(1);
        let sample: Vec<f64> = values.iter().step_by(stride).copied().collect();
        let sieve = Sieve::new(&sample, n, &wanted);
        let sifted = sieve.gather(values.par_chunks(PIECE).map(|piece| sieve.sift(piece)).collect());
        sieve.finish(sifted, |missed| by_selection(values, missed))
    };
    ranks
        .iter()
        .map(|k| found[wanted.binary_search(k).expect("wanted")])
        .collect()
}

/// The percentile at `p` of `values` (type 7: interpolated between the order statistics either side
/// of `(n − 1)·p`), exactly as a full sort gives it.
pub fn quantile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let (lo, hi, fraction) = type7(values.len(), p);
    let [below, next] = order_statistics(values, &[lo, hi])[..] else {
        unreachable!("two ranks")
    };
    below + fraction * (next - below)
}

/// The two order statistics (0-based ranks) the type-7 percentile at `p` of `n` values interpolates
/// between, and how far between them it lies.
pub fn type7(n: usize, p: f64) -> (usize, usize, f64) {
    let h = (n.max(1) - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    (lo, (lo + 1).min(n.max(1) - 1), h - lo as f64)
}

/// A value's place in the `total_cmp` order as an integer (the comparison `total_cmp` makes).
#[inline(always)]
pub(crate) fn key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

/// The value whose [`key`] is `k`.
pub(crate) fn unkey(k: i64) -> f64 {
    f64::from_bits((k ^ ((((k >> 63) as u64) >> 1) as i64)) as u64)
}

/// Where the values of some ranks lie: between `low` and `high` inclusive (as keys).
#[derive(Clone, Debug, PartialEq)]
struct Window {
    low: i64,
    high: i64,
    /// The wanted ranks it should hold, ascending.
    ranks: Vec<usize>,
}

/// Finds some order statistics of a column of values read piece by piece (where they are made, so
/// that the column need not be kept): windows that should hold the wanted ranks, from a sample drawn
/// like the column; [`sift`](Self::sift) counts each piece's values below each window and keeps
/// those inside; [`select`](Self::select) reads the wanted values from what was kept.
#[derive(Clone, Debug)]
pub struct Sieve {
    /// How many values the column has.
    n: usize,
    /// The wanted ranks, ascending.
    wanted: Vec<usize>,
    /// Disjoint and ascending.
    windows: Vec<Window>,
    /// The windows' lower bounds, then `i64::MAX` up to a power of two (above any value's key): a
    /// value's window is found by a search without branches.
    lows: Vec<i64>,
    /// Per count of lower bounds at or below a value (its slot), as many as `lows`: the bounds of
    /// the window it may lie in (see [`Slot`]).
    slots: Vec<Slot>,
    /// A value's slot by a look-up of its key's bucket, where the bucket lies in one slot and
    /// outside every window ([`Buckets`]).
    buckets: Buckets,
}

/// A table from a key's bucket (its distance above `base`, shifted right by `shift`) to its slot,
/// over the keys up to the windows' highest finite bound (from their lowest, or from a floor below
/// the lowest window's lower bound: [`Sieve::buckets`]): [`EXACT`] for a bucket a window reaches,
/// one that straddles a window's lower bound, and any key beyond the table, whose slot is then
/// found by a search. Looking a key up is a few instructions where the search was four to six
/// dependent comparisons. Each bucket's entry is found from the keys that fall in it, so a value's
/// slot is the same either way; only how fast it is found depends on the table.
#[derive(Clone, Debug)]
struct Buckets {
    base: i64,
    shift: u32,
    /// [`BUCKETS`] entries, then one [`EXACT`] for the keys beyond.
    slot: Vec<u8>,
}

impl Buckets {
    /// The entry of key `k`: its slot, or [`EXACT`].
    #[inline(always)]
    fn entry(&self, k: i64) -> u8 {
        let beyond = (self.slot.len() - 1) as u64;
        self.slot[((k as u64).wrapping_sub(self.base as u64) >> self.shift).min(beyond) as usize]
    }

    /// No table: every key's slot is searched.
    fn none() -> Buckets {
        Buckets {
            base: 0,
            shift: 0,
            slot: vec![EXACT],
        }
    }
}

/// How many buckets the table has.
const BUCKETS: usize = 2048;

/// A bucket whose keys' slots are found by the search.
const EXACT: u8 = u8::MAX;

/// A window as [`Sieve::sift_by_window`] and [`Sieve::sift_by_search_in`] test a value against
/// it, by one unsigned comparison (a value's side of a bound is random, and two comparisons were
/// two branches, mispredicted for up to half the values): with `d = k − low` (a key's distance
/// above the lower bound, wrapping), the window holds the keys with `d <= width`, and those above
/// its lower bound have `1 <= d <= width`, that is `d − 1 < width` (wrapping).
#[derive(Clone, Copy, Debug)]
struct Slot {
    low: i64,
    /// `high − low`.
    width: u64,
}

impl Slot {
    /// The slot below every window, and the padding: it holds the key `i64::MIN` alone, which no
    /// value has but a NaN with every bit set (and [`Sieve::sift_by_search_in`] passes over it).
    /// No value's key reaches the padding's lower bounds, `i64::MAX`, so a value's slot is below
    /// `N`.
    const NONE: Slot = Slot {
        low: i64::MIN,
        width: 0,
    };
}

/// What [`Sieve::sift`] kept of some pieces of a column.
#[derive(Clone, Debug, PartialEq)]
pub struct Sifted {
    /// How many values have each number (0 to all) of window starts at or below them.
    starts: Vec<usize>,
    /// The values strictly inside each window.
    inside: Vec<Vec<f64>>,
    /// How many values equal each window's bounds: counted, not kept, for a bound is a value the
    /// sample met, and a value met often (a point mass: a segment that is 0 in most years, a fixed
    /// impact) would otherwise fill the window.
    at_bounds: Vec<[usize; 2]>,
}

impl Sieve {
    /// The windows for `wanted` (0-based ranks in a column of `n` values, ascending, no repeats),
    /// from `sample`: values drawn like the column's (a part of it, or of a column like it).
    /// Only the sample's values at the windows' bounds are put in their sorted places (selection,
    /// not a sort of the whole sample: a run places some thirty windows' samples of 32.768 values).
    pub fn new(sample: &[f64], n: usize, wanted: &[usize]) -> Sieve {
        let mut keys: Vec<i64> = sample.iter().map(|&x| key(x)).collect();
        let m = keys.len();
        // Each wanted rank's bounds as places in the sorted sample: below the first or beyond the
        // last place, open.
        let places: Vec<(Option<usize>, Option<usize>)> = wanted
            .iter()
            .map(|&k| {
                let q = k as f64 / n as f64;
                let centre = q * m as f64;
                let reach = REACH * (m as f64 * q * (1.0 - q)).sqrt() + 2.0;
                let low = (centre - reach).floor();
                let high = (centre + reach).ceil();
                let low = (low >= 0.0).then_some(low as usize);
                let high = (high < m as f64).then_some(high as usize);
                (low, high)
            })
            .collect();
        let mut selected: Vec<usize> = places.iter().flat_map(|&(low, high)| [low, high]).flatten().collect();
        selected.sort_unstable();
        selected.dedup();
        select_ranks_by(&mut keys, &selected, 0, &i64::cmp);
        let mut windows: Vec<Window> = Vec::new();
        for (&k, &(low, high)) in wanted.iter().zip(&places) {
            let low = low.map_or(i64::MIN, |at| keys[at]);
            let high = high.map_or(i64::MAX, |at| keys[at]);
            match windows.last_mut() {
                Some(last) if low <= last.high => {
                    last.high = last.high.max(high);
                    last.ranks.push(k);
                }
                _ => windows.push(Window {
                    low,
                    high,
                    ranks: vec![k],
                }),
            }
        }
        Sieve::of(n, wanted, windows)
    }

    /// A sieve whose single window holds no value of an ordinary column (beyond 1e300): every
    /// rank misses, for testing what a caller does then.
    #[cfg(test)]
    pub fn missing_all(n: usize, wanted: &[usize]) -> Sieve {
        let window = Window {
            low: key(1e300),
            high: key(1e300),
            ranks: wanted.to_vec(),
        };
        Sieve::of(n, wanted, vec![window])
    }

    fn of(n: usize, wanted: &[usize], windows: Vec<Window>) -> Sieve {
        let mut sieve = Sieve {
            n,
            wanted: wanted.to_vec(),
            lows: {
                let mut lows: Vec<i64> = windows.iter().map(|w| w.low).collect();
                lows.resize((windows.len() + 1).next_power_of_two(), i64::MAX);
                lows
            },
            slots: {
                let mut slots: Vec<Slot> = std::iter::once(Slot::NONE)
                    .chain(windows.iter().map(|w| Slot {
                        low: w.low,
                        width: (w.high as u64).wrapping_sub(w.low as u64),
                    }))
                    .collect();
                slots.resize((windows.len() + 1).next_power_of_two(), Slot::NONE);
                slots
            },
            windows,
            buckets: Buckets::none(),
        };
        sieve.buckets = sieve.buckets();
        sieve
    }

    /// The slot of key `k`: how many lower bounds are at or below it.
    fn slot_of(&self, k: i64) -> usize {
        self.lows.partition_point(|&low| low <= k)
    }

    /// The table of [`Buckets`]: over the keys from the lowest finite bound of a window (or the
    /// floor below) to the highest, each bucket's slot when its first and last key share it and no
    /// window reaches it. None (every key searched) for two windows or fewer, which are sifted a
    /// window at a time ([`sift`](Self::sift)) and need no table.
    fn buckets(&self) -> Buckets {
        if self.windows.len() <= 2 {
            return Buckets::none();
        }
        let finite = self
            .windows
            .iter()
            .flat_map(|w| [w.low, w.high])
            .filter(|&k| k != i64::MIN && k != i64::MAX);
        let (Some(lowest), Some(top)) = (finite.clone().min(), finite.max()) else {
            return Buckets::none();
        };
        // Not below twice the bounds' span under the lowest window's lower bound: the minimum's
        // window reaches the lowest values of the sample, and a column that is negative in a few
        // iterations (opportunities) would stretch the table from those over every magnitude in
        // between (a binade a bucket), leaving every value to the search. The few values below
        // the table are left to it instead.
        let inner = self
            .windows
            .iter()
            .map(|w| w.low)
            .find(|&low| low != i64::MIN)
            .unwrap_or(lowest);
        let floor = i128::from(inner) - 2 * (i128::from(top) - i128::from(inner));
        let base = lowest.max(i64::try_from(floor).unwrap_or(i64::MIN));
        let span = (top as u64).wrapping_sub(base as u64);
        let shift = (0..64).find(|&s| span >> s < BUCKETS as u64).unwrap_or(63);
        let mut slot: Vec<u8> = (0..BUCKETS as u64)
            .map(|b| {
                let first = (base as u64).wrapping_add(b << shift) as i64;
                let Some(last) = (b << shift).checked_add((1 << shift) - 1).and_then(|d| {
                    let last = (base as u64).wrapping_add(d) as i64;
                    (last >= first).then_some(last)
                }) else {
                    return EXACT;
                };
                let p = self.slot_of(first);
                let outside = p == 0 || first > self.windows[p - 1].high;
                if p == self.slot_of(last) && outside && p < EXACT as usize {
                    p as u8
                } else {
                    EXACT
                }
            })
            .collect();
        slot.push(EXACT);
        Buckets { base, shift, slot }
    }

    /// The bounds (as [`key`]s, inclusive) of the window that should hold rank `k`, if it is wanted.
    pub(super) fn bounds_of(&self, k: usize) -> Option<(i64, i64)> {
        let window = self.windows.iter().find(|w| w.ranks.contains(&k))?;
        Some((window.low, window.high))
    }

    /// Nothing kept yet.
    pub fn nothing(&self) -> Sifted {
        Sifted {
            starts: vec![0; self.windows.len() + 1],
            inside: vec![Vec::new(); self.windows.len()],
            at_bounds: vec![[0; 2]; self.windows.len()],
        }
    }

    /// What the parts of a column (in any order: only counts and the sets of values matter) kept
    /// together. Each window's values are copied once into room made for all of them: added part
    /// by part, a window's vector grew by doubling, its values were copied again at each step into
    /// fresh memory (every page of which faulted in); a year of the shipped register at 10⁶
    /// iterations keeps some 165.000 values in its ten windows.
    pub fn gather(&self, parts: Vec<Sifted>) -> Sifted {
        let mut all = self.nothing();
        for (j, inside) in all.inside.iter_mut().enumerate() {
            inside.reserve_exact(parts.iter().map(|p| p.inside[j].len()).sum());
        }
        for part in parts {
            for (a, b) in all.starts.iter_mut().zip(part.starts) {
                *a += b;
            }
            for (a, b) in all.inside.iter_mut().zip(part.inside) {
                a.extend(b);
            }
            for (a, b) in all.at_bounds.iter_mut().zip(part.at_bounds) {
                a[0] += b[0];
                a[1] += b[1];
            }
        }
        all
    }

    /// Counts a piece's values below each window and keeps those inside.
    pub fn sift(&self, piece: &[f64]) -> Sifted {
        if self.windows.len() <= 2 {
            self.sift_by_window(piece)
        } else {
            self.sift_by_search(piece)
        }
    }

    /// [`sift`](Self::sift) for a few windows: one read of the piece per window, counting in
    /// registers, without a branch: a value's side of a window's bound, or its equality to one (a
    /// point mass: most years' overflow is 0), is random and was a mispredicted branch for up to
    /// half the values (a median's and a P90's windows: 12–14 ns a value before, 4,2–4,5 after,
    /// `examples/sieve_cost.rs`). The values above a window's lower bound and in it, a few in a
    /// hundred, are noted and gone through again for its upper bound and its values inside (once
    /// counted in the first read: 10–15% slower, timed side by side in one process).
    fn sift_by_window(&self, piece: &[f64]) -> Sifted {
        let mut sifted = self.nothing();
        let mut scratch = vec![0u32; piece.len()];
        // Values with each window's start at or below them; the windows are disjoint and ascending,
        // so a value with `p` starts at or below it lies at or above window `p − 1`'s start alone.
        let mut from_start = Vec::with_capacity(self.windows.len());
        for j in 0..self.windows.len() {
            let Slot { low, width } = self.slots[j + 1];
            let (mut above, mut at_low, mut kept) = (0usize, 0usize, 0usize);
            for (i, &x) in piece.iter().enumerate() {
                let k = key(x);
                above += usize::from(k >= low);
                at_low += usize::from(k == low);
                scratch[kept] = i as u32;
                kept += usize::from((k as u64).wrapping_sub(low as u64).wrapping_sub(1) < width);
            }
            sifted.at_bounds[j][0] = at_low;
            let window = &self.windows[j];
            for &i in &scratch[..kept] {
                let x = piece[i as usize];
                if key(x) == window.high {
                    sifted.at_bounds[j][1] += 1;
                } else {
                    sifted.inside[j].push(x);
                }
            }
            from_start.push(above);
        }
        let mut previous = piece.len();
        for (p, &above) in from_start.iter().enumerate() {
            sifted.starts[p] = previous - above;
            previous = above;
        }
        sifted.starts[self.windows.len()] = previous;
        sifted
    }

    /// [`sift`](Self::sift) for many windows: one read of the piece, each value's slot looked up by
    /// its key's bucket ([`Buckets`]) and counted in one of four tables in turn, so that
    /// neighbouring values, most often in the same slot, do not wait on one counter. Only the
    /// values the table leaves to the search (those in a window, at its bounds or inside: a few in
    /// a hundred a window, and the few more in a bucket a window reaches or that straddles a lower
    /// bound) are gone through again, their slot found by a search without branches
    /// ([`sift_by_search_in`](Self::sift_by_search_in)), for the counts and the windows' values.
    fn sift_by_search(&self, piece: &[f64]) -> Sifted {
        match self.lows.len() {
            4 => self.sift_by_search_in::<4>(piece),
            8 => self.sift_by_search_in::<8>(piece),
            16 => self.sift_by_search_in::<16>(piece),
            32 => self.sift_by_search_in::<32>(piece),
            64 => self.sift_by_search_in::<64>(piece),
            128 => self.sift_by_search_in::<128>(piece),
            // More than 127 windows: a read per window.
            _ => self.sift_by_window(piece),
        }
    }

    /// [`sift_by_search`](Self::sift_by_search) with `N` lower bounds (padded): a slot the table
    /// leaves open by a search over the bounds' keys, a table of fixed length so that it unrolls.
    /// That search for every value (four to six dependent comparisons, some 35 instructions a value)
    /// was 5,4–7,7 ns a value on eight percentiles in `examples/sieve_cost` (no zeros), the look-up
    /// 3,8; the shipped register's four years at 10⁶ iterations were read in 34,7 → 26,0 ms on one
    /// thread, the synthetic register's (negative in a few iterations: the table's floor) 43 → 26,4
    /// ms (a scratch program reading every block, the builds alternately, best of eight).
    /// Comparing a value with every bound at once (floating-point comparisons vectorise) was tried
    /// and not kept: no faster on the shipped register's years (35 against 31 ms for 4·10⁶ values,
    /// one thread, best of eight side by side), and exact only without a zero among the bounds.
    fn sift_by_search_in<const N: usize>(&self, piece: &[f64]) -> Sifted {
        let lows: &[i64; N] = self.lows[..].try_into().expect("N lower bounds");
        // How many lower bounds are at or below `k`.
        let slot_of = |k: i64| {
            let mut p = 0;
            let mut half = N / 2;
            while half > 0 {
                p += usize::from(lows[p + half - 1] <= k) * half;
                half /= 2;
            }
            p += usize::from(lows[p & (N - 1)] <= k);
            p & (N - 1)
        };
        let slots: &[Slot; N] = self.slots[..].try_into().expect("N slots");
        // Per lane, the values in each slot the table gives; the values it leaves to the search
        // (among them every value in a window) are noted, and counted and sorted out afterwards.
        // A column per table entry: the last, [`EXACT`]'s, counts those and is not read.
        let mut counts = [[0usize; 256]; 4];
        let mut scratch = vec![0u32; piece.len()];
        let mut kept = 0;
        let buckets = &self.buckets;
        for (i, &x) in piece.iter().enumerate() {
            let k = key(x);
            let e = buckets.entry(k);
            counts[i & 3][e as usize] += 1;
            scratch[kept] = i as u32;
            kept += usize::from(e == EXACT);
        }
        let mut sifted = self.nothing();
        for &i in &scratch[..kept] {
            let x = piece[i as usize];
            let k = key(x);
            let p = slot_of(k);
            counts[0][p] += 1;
            let slot = slots[p];
            if (k as u64).wrapping_sub(slot.low as u64) > slot.width {
                continue;
            }
            let Some(j) = p.checked_sub(1) else {
                continue;
            };
            let window = &self.windows[j];
            if k == window.low {
                sifted.at_bounds[j][0] += 1;
            } else if k == window.high {
                sifted.at_bounds[j][1] += 1;
            } else {
                sifted.inside[j].push(x);
            }
        }
        for (p, start) in sifted.starts.iter_mut().enumerate() {
            *start = counts.iter().map(|c| c[p]).sum();
        }
        sifted
    }

    /// The wanted ranks' values, ascending, from what the whole column left; the ranks whose window
    /// did not hold them (an unlucky sample) are found by `otherwise`, which is given those ranks
    /// and must find their values another way (from the whole column).
    pub fn finish(&self, sifted: Sifted, otherwise: impl FnOnce(&[usize]) -> Vec<f64>) -> Vec<f64> {
        let (mut found, missed) = self.select(sifted);
        if !missed.is_empty() {
            for (&k, x) in missed.iter().zip(otherwise(&missed)) {
                found[self.wanted.binary_search(&k).expect("wanted")] = x;
            }
        }
        found
    }

    /// The wanted ranks' values (NaN where missed) and the ranks whose window did not hold them.
    fn select(&self, sifted: Sifted) -> (Vec<f64>, Vec<usize>) {
        assert_eq!(sifted.starts.iter().sum::<usize>(), self.n, "the whole column sifted");
        let mut found = vec![f64::NAN; self.wanted.len()];
        let mut missed = Vec::new();
        // Values below window `j`: those with at most `j` window starts at or below them.
        let mut below = 0;
        for (j, (window, held)) in self.windows.iter().zip(sifted.inside).enumerate() {
            below += sifted.starts[j];
            // In ascending order the window holds `low` values equal to its lower bound, the values
            // strictly inside, and `high` equal to its upper bound.
            let [low, high] = sifted.at_bounds[j];
            let (inner, outer): (Vec<usize>, Vec<usize>) = window
                .ranks
                .iter()
                .partition(|&&k| k >= below && k - below < low + held.len() + high);
            missed.extend(outer);
            // The ranks strictly inside, counted within: found among those values alone, again by
            // windows when there are many, but by selection when they are most of the column
            // (windows would not narrow them).
            let within: Vec<usize> = inner
                .iter()
                .map(|&k| k - below)
                .filter(|&i| i >= low && i < low + held.len())
                .map(|i| i - low)
                .collect();
            let mut values_of = if 2 * held.len() < self.n {
                order_statistics(&held, &within)
            } else {
                by_selection(&held, &within)
            }
            .into_iter();
            for k in inner {
                let i = k - below;
                found[self.wanted.binary_search(&k).expect("wanted")] = if i < low {
                    unkey(window.low)
                } else if i < low + held.len() {
                    values_of.next().expect("a value per rank inside")
                } else {
                    unkey(window.high)
                };
            }
        }
        (found, missed)
    }
}

/// The wanted ranks' values (ascending ranks) by selection on a copy.
fn by_selection(values: &[f64], wanted: &[usize]) -> Vec<f64> {
    let mut copy = values.to_vec();
    select_ranks(&mut copy, wanted, 0);
    wanted.iter().map(|&k| copy[k]).collect()
}

/// Puts the values of `ranks` (ascending, relative to the whole, `offset` being this slice's start)
/// in their sorted places: select the middle one, then each side for the ranks that fall in it.
fn select_ranks(values: &mut [f64], ranks: &[usize], offset: usize) {
    select_ranks_by(values, ranks, offset, &f64::total_cmp);
}

/// [`select_ranks`] in the order of `order`.
fn select_ranks_by<T>(values: &mut [T], ranks: &[usize], offset: usize, order: &impl Fn(&T, &T) -> std::cmp::Ordering) {
    if ranks.is_empty() || values.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let k = ranks[mid] - offset;
    values.select_nth_unstable_by(k, order);
    let (left, right) = values.split_at_mut(k);
    select_ranks_by(left, &ranks[..mid], offset, order);
    select_ranks_by(&mut right[1..], &ranks[mid + 1..], offset + k + 1, order);
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn sorted(values: &[f64]) -> Vec<f64> {
        let mut s = values.to_vec();
        s.sort_unstable_by(f64::total_cmp);
        s
    }

    /// A skewed sample with ties, a point mass at 0 and both signs of zero, as simulated totals have.
    pub(in crate::stats) fn sample(n: usize, seed: u64) -> Vec<f64> {
        let mut state = seed;
        (0..n)
            .map(|i| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let u = (state >> 11) as f64 / (1u64 << 53) as f64;
                match i % 7 {
                    0 => 0.0,
                    1 => -0.0,
                    2 => (u * 40.0).floor() * 1000.0,
                    _ => -(1.0 - u).ln() * 1e6 - 2e5,
                }
            })
            .collect()
    }

    #[test]
    fn every_rank_is_the_sorted_value_to_the_bit() {
        for (n, seed) in [(SMALL + 1, 1), (200_000, 2), (1_000_003, 3)] {
            let values = sample(n, seed);
            let s = sorted(&values);
            let mut ranks: Vec<usize> = vec![0, 1, n / 7, n / 2, n - 2, n - 1];
            for p in [0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99] {
                ranks.push(((n - 1) as f64 * p) as usize);
                ranks.push(((n - 1) as f64 * p) as usize + 1);
            }
            let got = order_statistics(&values, &ranks);
            for (k, x) in ranks.iter().zip(got) {
                assert_eq!(x.to_bits(), s[*k].to_bits(), "rank {k} of {n}");
            }
        }
    }

    #[test]
    fn a_window_that_misses_its_rank_is_found_by_selection() {
        let values = sample(100_000, 4);
        let s = sorted(&values);
        let wanted = [10, 50_000, 99_999];
        // Windows deliberately wrong: the first too high, the second empty, the third too low.
        let wrong = vec![
            Window {
                low: key(s[20_000]),
                high: key(s[30_000]),
                ranks: vec![10],
            },
            Window {
                low: key(1e300),
                high: key(1e300),
                ranks: vec![50_000],
            },
        ];
        let mut wrong = wrong;
        wrong.push(Window {
            low: key(2e300),
            high: i64::MAX,
            ranks: vec![99_999],
        });
        let sieve = Sieve::of(values.len(), &wanted, wrong);
        let (found, missed) = sieve.select(sieve.sift(&values));
        assert_eq!(missed, wanted.to_vec());
        assert!(found.iter().all(|x| x.is_nan()));
        let got = sieve.finish(sieve.sift(&values), |missed| by_selection(&values, missed));
        assert_eq!(got, wanted.map(|k| s[k]).to_vec());
    }

    #[test]
    fn the_sampled_windows_hold_their_ranks() {
        // The fallback must be the exception: on a million skewed values every window of the
        // percentile ranks holds its rank.
        let values = sample(1_000_000, 5);
        let s = sorted(&values);
        let wanted: Vec<usize> = [0.5, 0.9, 0.99].iter().map(|p| (999_999.0 * p) as usize).collect();
        let sample: Vec<f64> = values.iter().step_by(values.len() / SAMPLE).copied().collect();
        for w in Sieve::new(&sample, values.len(), &wanted).windows {
            for k in w.ranks {
                assert!(key(s[k]) >= w.low && key(s[k]) <= w.high, "rank {k}");
            }
        }
    }

    /// The windows' bounds found by selection are those of the sample sorted whole (in which every
    /// value already is in its place): the values at each rank's places either side, ties and both
    /// zeros among them, windows open at either end.
    #[test]
    fn the_windows_are_those_of_the_sample_sorted() {
        let values = sample(200_000, 10);
        let n = values.len();
        for (sample, wanted) in [
            (
                &values[..20_000],
                vec![0, 1, n / 7, n / 2, n / 2 + 1, (n - 1) * 9 / 10, n - 2, n - 1],
            ),
            (&values[..3000], vec![n / 3]),
            (&values[..50], vec![0, n / 2, n - 1]),
        ] {
            let windows = Sieve::new(sample, n, &wanted).windows;
            assert_eq!(
                windows,
                Sieve::new(&sorted(sample), n, &wanted).windows,
                "{} sampled",
                sample.len()
            );
            let closed = windows.iter().any(|w| w.low != i64::MIN && w.high != i64::MAX);
            assert_eq!(closed, sample.len() > 50, "{} sampled", sample.len());
        }
    }

    #[test]
    fn quantile_is_type_7() {
        let values = sample(300_000, 6);
        let s = sorted(&values);
        for p in [0.0, 0.25, 0.9, 0.999, 1.0] {
            let h = (s.len() - 1) as f64 * p;
            let lo = h.floor() as usize;
            let want = s[lo] + (h - lo as f64) * (s[(lo + 1).min(s.len() - 1)] - s[lo]);
            assert_eq!(quantile(&values, p).to_bits(), want.to_bits(), "p {p}");
        }
    }

    #[test]
    fn mostly_equal_values_are_selected_in_one_step() {
        // A segment whose risks rarely occur: 95% of its totals are 0. Every window then holds the
        // zeros; the selection must not sample them again and again.
        let mut values = sample(400_000, 7);
        for (i, v) in values.iter_mut().enumerate() {
            if i % 20 != 0 {
                *v = 0.0;
            }
        }
        let s = sorted(&values);
        let ranks = [0, 200_000, 360_000, 380_000, 399_999];
        let got = order_statistics(&values, &ranks);
        assert_eq!(got, ranks.map(|k| s[k]).to_vec());
        assert_eq!(order_statistics(&[5.0; 100_000], &[0, 99_999]), vec![5.0, 5.0]);
    }

    /// What a sieve keeps of a piece, by its definition: value by value, the windows whose lower
    /// bound is at or below it, and the window holding it.
    fn sift_by_definition(sieve: &Sieve, piece: &[f64]) -> Sifted {
        let mut sifted = sieve.nothing();
        for &x in piece {
            let k = key(x);
            sifted.starts[sieve.windows.iter().filter(|w| w.low <= k).count()] += 1;
            if let Some(j) = sieve.windows.iter().position(|w| w.low <= k && k <= w.high) {
                if k == sieve.windows[j].low {
                    sifted.at_bounds[j][0] += 1;
                } else if k == sieve.windows[j].high {
                    sifted.at_bounds[j][1] += 1;
                } else {
                    sifted.inside[j].push(x);
                }
            }
        }
        sifted
    }

    /// Both ways of sifting keep what the definition keeps: the counts, the values at the bounds,
    /// and the values inside each window in the piece's order; with windows reaching the lowest and
    /// highest value, point masses (both zeros, a repeated amount) at and between windows, windows
    /// of one value, and the many windows of 39 percentiles.
    #[test]
    fn both_ways_of_sifting_keep_what_the_definition_keeps() {
        let mut values = sample(50_000, 8);
        for (i, v) in values.iter_mut().enumerate() {
            match i % 10 {
                0 | 3 | 6 => *v = 0.0,
                1 => *v = -0.0,
                4 if i % 20 == 4 => *v = 1.5,
                _ => {}
            }
        }
        let n = values.len();
        let sample: Vec<f64> = values.iter().step_by(7).copied().collect();
        let ranks = |ps: &[f64]| -> Vec<usize> {
            let mut r: Vec<usize> = ps.iter().map(|p| (p * (n - 1) as f64) as usize).collect();
            r.sort_unstable();
            r.dedup();
            r
        };
        let many: Vec<f64> = (1..40).map(|i| f64::from(i) / 40.0).collect();
        for wanted in [
            vec![n / 2],
            vec![0, n - 1],
            vec![0, n / 7, n - 1],
            ranks(&[0.0, 0.5, 0.7, 0.75, 0.8, 0.9, 0.99, 1.0]),
            ranks(&many),
        ] {
            let sieve = Sieve::new(&sample, n, &wanted);
            for piece in [&values[..], &values[..8192], &values[100..101], &values[..0]] {
                let expected = sift_by_definition(&sieve, piece);
                let windows = sieve.windows.len();
                assert_eq!(sieve.sift_by_window(piece), expected, "{windows} windows, by window");
                assert_eq!(sieve.sift_by_search(piece), expected, "{windows} windows, by search");
            }
        }
        // A point mass: every value at a window's bound.
        let zeros = [0.0; 1000];
        let sieve = Sieve::new(&zeros, 1000, &[0, 500, 999]);
        let expected = sift_by_definition(&sieve, &zeros);
        assert_eq!(sieve.sift_by_window(&zeros), expected);
        assert_eq!(sieve.sift_by_search(&zeros), expected);
    }

    /// Many windows over values with ties, and among them zeros of either sign, infinities and
    /// NaNs of either sign (in a window or below every window): kept as the definition keeps them.
    #[test]
    fn many_windows_keep_every_kind_of_value_as_the_definition_keeps_it() {
        // Uniform, with ties.
        let mut state = 9u64;
        let mut values: Vec<f64> = (0..50_000)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 11) as f64 / (1u64 << 53) as f64 * 5000.0).round() + 0.5
            })
            .collect();
        let n = values.len();
        let sample: Vec<f64> = values.iter().step_by(7).copied().collect();
        let many: Vec<usize> = (0..=10).map(|i| i * (n - 1) / 10).collect();
        let sieve = Sieve::new(&sample, n, &many);
        assert!(sieve.windows.len() > 8, "many windows");
        for (i, special) in [0.0, -0.0, f64::NAN, -f64::NAN, f64::INFINITY, f64::NEG_INFINITY]
            .into_iter()
            .enumerate()
        {
            values[100 * i + 3] = special;
        }
        // NaNs kept inside a window are compared by their bits.
        let bits = |s: Sifted| {
            let inside: Vec<Vec<u64>> = s
                .inside
                .iter()
                .map(|w| w.iter().map(|x| x.to_bits()).collect())
                .collect();
            (s.starts, s.at_bounds, inside)
        };
        for piece in [&values[..], &values[..8192], &values[..0]] {
            assert_eq!(
                bits(sieve.sift_by_search(piece)),
                bits(sift_by_definition(&sieve, piece))
            );
        }
    }

    /// The table of buckets gives every key it does not leave to the search the slot the search
    /// gives, and none in a window; on a spread-out column (positive, in no point mass) it leaves
    /// to the search few values beyond those the windows hold, and sifts them as the definition;
    /// so too when one value in two hundred is negative (opportunities), which without the table's
    /// floor would stretch it over every magnitude down to them.
    #[test]
    fn a_bucket_holds_its_keys_slot_and_no_window() {
        // Exponential, mean 10⁶.
        let mut state = 3u64;
        let positive: Vec<f64> = (0..200_000)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                -1e6 * (((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64).ln()
            })
            .collect();
        let some_negative: Vec<f64> = positive
            .iter()
            .enumerate()
            .map(|(i, &x)| if i % 200 == 0 { -x } else { x })
            .collect();
        for values in [positive, some_negative] {
            let n = values.len();
            let sample: Vec<f64> = values.iter().step_by(7).copied().collect();
            let wanted = crate::stats::distribution::ranks_read(n, &[0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99]);
            let sieve = Sieve::new(&sample, n, &wanted);
            assert_eq!(sieve.buckets.slot.len(), BUCKETS + 1, "a table");
            let (mut looked_up, mut searched) = (0, 0);
            for &x in &values {
                let k = key(x);
                let entry = sieve.buckets.entry(k);
                if entry == EXACT {
                    searched += 1;
                    continue;
                }
                looked_up += 1;
                assert_eq!(usize::from(entry), sieve.slot_of(k), "{x}");
                assert!(
                    !sieve.windows.iter().any(|w| w.low <= k && k <= w.high),
                    "{x} is in a window"
                );
            }
            let in_windows = values
                .iter()
                .filter(|&&x| sieve.windows.iter().any(|w| w.low <= key(x) && key(x) <= w.high))
                .count();
            assert!(
                searched < in_windows + n / 20,
                "{searched} searched, {in_windows} in windows"
            );
            assert!(looked_up > n / 2, "{looked_up} looked up");
            assert_eq!(sieve.sift_by_search(&values), sift_by_definition(&sieve, &values));
        }
    }

    #[test]
    fn keys_order_as_total_cmp() {
        let xs = [f64::NEG_INFINITY, -1e300, -1.0, -0.0, 0.0, 1e-300, 1.0, f64::INFINITY];
        for pair in xs.windows(2) {
            assert!(key(pair[0]) < key(pair[1]), "{pair:?}");
        }
        for x in xs {
            assert_eq!(unkey(key(x)).to_bits(), x.to_bits());
        }
    }
}
