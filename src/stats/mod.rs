//! Statistics of simulated values: moments, percentiles and their confidence intervals.

pub mod distribution;
pub mod moments;
pub mod piecewise;
pub mod select;

pub use distribution::{Percentile, Sorted};
