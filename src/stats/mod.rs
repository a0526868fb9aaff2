//! Statistics of simulated values: moments, percentiles and their confidence intervals.

pub mod distribution;
pub mod select;

pub use distribution::{Percentile, Sorted};
