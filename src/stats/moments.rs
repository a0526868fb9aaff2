//! Count, mean and spread of values read part by part.

/// The moments of some values: count, mean and the sum of squared deviations, joined block by block
/// (Chan et al.) in block order, so the same for any thread count.
#[derive(Clone, Copy, Debug, Default)]
pub struct Moments {
    pub count: f64,
    pub mean: f64,
    m2: f64,
}

impl Moments {
    pub fn of(values: &[f64]) -> Moments {
        let count = values.len() as f64;
        if values.is_empty() {
            return Moments::default();
        }
        let mean = lanes_sum(values, |x| x) / count;
        let m2 = lanes_sum(values, |x| (x - mean) * (x - mean));
        Moments { count, mean, m2 }
    }

    /// The moments of a whole column, as if read in pieces of [`PIECE`] values and joined in
    /// order: the bits a column read piece by piece where it is made
    /// ([`piecewise`](super::piecewise)) gets, so that a figure has one value whichever way it was
    /// read (`sweep`'s reading and `compare`'s whole column, say).
    pub fn of_column(values: &[f64]) -> Moments {
        values
            .chunks(PIECE)
            .fold(Moments::default(), |m, piece| m.join(Moments::of(piece)))
    }

    pub fn join(self, other: Moments) -> Moments {
        let count = self.count + other.count;
        if count == 0.0 {
            return self;
        }
        let delta = other.mean - self.mean;
        Moments {
            count,
            mean: self.mean + delta * other.count / count,
            m2: self.m2 + other.m2 + delta * delta * self.count * other.count / count,
        }
    }

    pub fn sd(self) -> f64 {
        (self.m2 / (self.count - 1.0).max(1.0)).sqrt()
    }
}

/// The sum of `f` of each value, in [`LANES`] sums side by side (value `i` in lane `i % LANES`),
/// added together at the end: one sum waits for each addition before the next, and a block in the
/// cache was read at the pace of that wait (a block of the shipped register's years read again
/// and again, both sums: 0,95 ns a value in one sum, 0,4–0,5 side by side). A fixed order, so the
/// same bits on every run and thread count; not the bits of one sum in order.
#[inline(always)]
fn lanes_sum(values: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let mut lanes = [0.0; LANES];
    let mut chunks = values.chunks_exact(LANES);
    for chunk in &mut chunks {
        for (lane, &x) in lanes.iter_mut().zip(chunk) {
            *lane += f(x);
        }
    }
    for (lane, &x) in lanes.iter_mut().zip(chunks.remainder()) {
        *lane += f(x);
    }
    lanes.iter().sum()
}

/// The length of the pieces a column is read in: the engine's block (`sim::engine::BLOCK`, which
/// asserts that it is this).
pub const PIECE: usize = 8192;

/// How many sums [`lanes_sum`] keeps side by side: enough to cover an addition's latency at two
/// additions of two values a cycle.
const LANES: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every length, with and without a partial last round of lanes: integers (whose sums are
    /// exact in any order) give the exact count, mean and spread; joined parts give the whole's.
    #[test]
    fn the_lanes_sum_every_value_once() {
        for len in (1..40).chain([8191, 8192, 8195]) {
            let values: Vec<f64> = (0..len).map(|i| ((i * 7919) % 1000) as f64).collect();
            let count = len as f64;
            let mean = values.iter().sum::<f64>() / count;
            let m2: f64 = values.iter().map(|x| (x - mean) * (x - mean)).sum();
            let m = Moments::of(&values);
            assert_eq!(m.count, count);
            assert_eq!(m.mean, mean, "{len} values");
            assert!(
                (m.m2 - m2).abs() <= 1e-12 * m2.max(1.0),
                "{len} values: {} against {m2}",
                m.m2
            );
            let (a, b) = values.split_at(len / 3);
            let joined = Moments::of(a).join(Moments::of(b));
            assert!(
                (joined.mean - mean).abs() <= 1e-12 * mean.abs().max(1.0),
                "{len} values joined"
            );
            assert!(
                (joined.sd() - m.sd()).abs() <= 1e-9 * m.sd().max(1.0),
                "{len} values joined"
            );
        }
    }
}
