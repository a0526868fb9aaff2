//! Statistics of simulated values: moments, percentiles and their confidence intervals.

pub mod distribution;

pub use distribution::{Percentile, Sorted};
