//! Distributions of an uncertain amount (or of a percentage of a driver).

/// The 95th percentile of the standard normal distribution: a lognormal's 90% interval spans
/// `mu ± Z95 · sigma`.
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// The default PERT shape (λ = 4), as in @RISK's `RiskPert` and `rand_distr::Pert`.
pub const PERT_SHAPE: f64 = 4.0;

/// A distribution of one amount. Parameters are in euros in the model (the register's unit applied),
/// or fractions when the distribution is a percentage of a driver.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dist {
    /// Always this amount.
    Fixed(f64),
    /// Equally likely anywhere in `[min, max]`.
    Uniform { min: f64, max: f64 },
    /// The triangle on `[min, max]` peaking at `mode`.
    Triangular { min: f64, mode: f64, max: f64 },
    /// The (modified) PERT: a Beta on `[min, max]` with its mode at `mode`; `shape` is λ.
    Pert { min: f64, mode: f64, max: f64, shape: f64 },
    /// A lognormal given by its 5th and 95th percentile (a 90% interval, as riskquant elicits it).
    LogNormal { p5: f64, p95: f64 },
}

impl Dist {
    /// The expected value.
    pub fn mean(&self) -> f64 {
        match *self {
            Dist::Fixed(x) => x,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Dist::Pert { min, mode, max, shape } => (min + shape * mode + max) / (shape + 2.0),
            Dist::LogNormal { .. } => {
                let (mu, sigma) = self.lognormal_params();
                (mu + sigma * sigma / 2.0).exp()
            }
        }
    }

    /// The range shown to users: min and max, or the 90% interval for the unbounded lognormal.
    pub fn range(&self) -> (f64, f64) {
        match *self {
            Dist::Fixed(x) => (x, x),
            Dist::Uniform { min, max } | Dist::Triangular { min, max, .. } | Dist::Pert { min, max, .. } => (min, max),
            Dist::LogNormal { p5, p95 } => (p5, p95),
        }
    }

    /// The largest value the distribution can take (infinite for the lognormal).
    pub fn max(&self) -> f64 {
        match self {
            Dist::LogNormal { .. } => f64::INFINITY,
            _ => self.range().1,
        }
    }

    /// `mu` and `sigma` of the underlying normal of a lognormal.
    pub fn lognormal_params(&self) -> (f64, f64) {
        match *self {
            Dist::LogNormal { p5, p95 } => {
                let (lo, hi) = (p5.ln(), p95.ln());
                ((lo + hi) / 2.0, (hi - lo) / (2.0 * Z95))
            }
            _ => (f64::NAN, f64::NAN),
        }
    }

    /// The same distribution with every amount multiplied by `factor` (a measure that lowers the
    /// impact, a unit conversion).
    pub fn scaled(&self, factor: f64) -> Dist {
        match *self {
            Dist::Fixed(x) => Dist::Fixed(x * factor),
            Dist::Uniform { min, max } => Dist::Uniform {
                min: min * factor,
                max: max * factor,
            },
            Dist::Triangular { min, mode, max } => Dist::Triangular {
                min: min * factor,
                mode: mode * factor,
                max: max * factor,
            },
            Dist::Pert { min, mode, max, shape } => Dist::Pert {
                min: min * factor,
                mode: mode * factor,
                max: max * factor,
                shape,
            },
            Dist::LogNormal { p5, p95 } => Dist::LogNormal {
                p5: p5 * factor,
                p95: p95 * factor,
            },
        }
    }

    /// The name used in the register and in reports.
    pub fn name(&self) -> &'static str {
        match self {
            Dist::Fixed(_) => "fixed",
            Dist::Uniform { .. } => "uniform",
            Dist::Triangular { .. } => "triangular",
            Dist::Pert { .. } => "pert",
            Dist::LogNormal { .. } => "lognormal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_follow_the_textbook_formulas() {
        assert_eq!(Dist::Fixed(5.0).mean(), 5.0);
        assert_eq!(Dist::Uniform { min: 100.0, max: 300.0 }.mean(), 200.0);
        assert_eq!(
            Dist::Triangular {
                min: 200.0,
                mode: 300.0,
                max: 500.0
            }
            .mean(),
            1000.0 / 3.0
        );
        let pert = Dist::Pert {
            min: 250.0,
            mode: 400.0,
            max: 550.0,
            shape: PERT_SHAPE,
        };
        assert_eq!(pert.mean(), 400.0);
        let skewed = Dist::Pert {
            min: 1.0,
            mode: 2.0,
            max: 5.0,
            shape: PERT_SHAPE,
        };
        assert!((skewed.mean() - 14.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn lognormal_from_a_90_percent_interval() {
        let d = Dist::LogNormal { p5: 100.0, p95: 400.0 };
        let (mu, sigma) = d.lognormal_params();
        assert!(
            (mu - 200f64.ln()).abs() < 1e-12,
            "median is the geometric mean of p5 and p95"
        );
        assert!((sigma - 4f64.ln() / (2.0 * Z95)).abs() < 1e-12);
        assert!((d.mean() - (mu + sigma * sigma / 2.0).exp()).abs() < 1e-9);
        assert!(d.max().is_infinite());
    }

    #[test]
    fn scaling_scales_the_mean() {
        for d in [
            Dist::Fixed(10.0),
            Dist::Uniform { min: 1.0, max: 3.0 },
            Dist::Triangular {
                min: 1.0,
                mode: 2.0,
                max: 6.0,
            },
            Dist::Pert {
                min: 1.0,
                mode: 2.0,
                max: 6.0,
                shape: 3.0,
            },
            Dist::LogNormal { p5: 1.0, p95: 9.0 },
        ] {
            assert!((d.scaled(0.5).mean() - 0.5 * d.mean()).abs() < 1e-9, "{d:?}");
        }
    }
}
