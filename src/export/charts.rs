//! The charts of a document: each as PNG (for Word and print) and SVG (for the web), rendered once.

use super::{Document, Exporter};

/// Writes `{chart}.png` and `{chart}.svg` for every chart.
pub struct Charts;

impl Exporter for Charts {
    fn files(&self, doc: &Document) -> Result<Vec<(String, Vec<u8>)>, String> {
        Ok(doc
            .charts
            .iter()
            .flat_map(|c| {
                [
                    (format!("{}.png", c.name), c.png.clone()),
                    (format!("{}.svg", c.name), c.svg.clone().into_bytes()),
                ]
            })
            .collect())
    }
}
