//! The full results as JSON: every number of the run, with its manifest.

use crate::results::Results;

/// Pretty-printed JSON. Deterministic: the same results give the same bytes.
pub fn to_bytes(results: &Results) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(results).expect("results serialize");
    bytes.push(b'\n');
    bytes
}
