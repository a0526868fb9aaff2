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
        let mean = values.iter().sum::<f64>() / count;
        let m2 = values.iter().map(|x| (x - mean) * (x - mean)).sum();
        Moments { count, mean, m2 }
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
