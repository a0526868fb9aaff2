//! Reads a rendered chart back as a reader's eye would: every text, its size on paper and where
//! its ink lies. The tests use it to hold every chart to the print standard (no text under
//! [`super::MIN_TEXT_PT`], none outside the canvas, none over another).

use resvg::usvg::{Group, Node, Tree};

/// One text of a chart.
#[derive(Clone, Debug)]
pub struct Label {
    pub text: String,
    /// Font size in SVG units.
    pub size: f32,
    /// The ink's box in SVG units: (left, top, right, bottom).
    pub ink: (f32, f32, f32, f32),
}

impl Label {
    /// The size on paper, for a chart `width` units wide printed at [`super::PRINT_WIDTH_MM`].
    pub fn points(&self, width: u32) -> f64 {
        f64::from(self.size) * super::PRINT_WIDTH_MM / 25.4 * 72.0 / f64::from(width)
    }

    /// Whether two labels' ink overlaps by more than `slack` units each way.
    pub fn overlaps(&self, other: &Label, slack: f32) -> bool {
        let (a, b) = (self.ink, other.ink);
        a.0 + slack < b.2 && b.0 + slack < a.2 && a.1 + slack < b.3 && b.1 + slack < a.3
    }
}

/// Every text of an SVG chart.
pub fn labels(svg: &str) -> Vec<Label> {
    let tree = Tree::from_str(svg, super::svg_options()).expect("a chart is valid SVG");
    let mut out = Vec::new();
    collect(tree.root(), &mut out);
    out
}

fn collect(group: &Group, out: &mut Vec<Label>) {
    for node in group.children() {
        match node {
            Node::Group(g) => collect(g, out),
            Node::Text(t) => {
                let text: String = t.chunks().iter().map(|c| c.text()).collect();
                let size = t
                    .chunks()
                    .iter()
                    .flat_map(|c| c.spans())
                    .map(|s| s.font_size().get())
                    .fold(f32::INFINITY, f32::min);
                let b = t.flattened().abs_bounding_box();
                out.push(Label {
                    text: text.trim().to_string(),
                    size,
                    ink: (b.left(), b.top(), b.right(), b.bottom()),
                });
            }
            _ => {}
        }
    }
}
