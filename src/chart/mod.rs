//! The report's charts: each drawn once, as SVG, through plotters; the PNG is that SVG rasterised
//! by resvg, so the two are the same picture.
//!
//! Text is set in DejaVu Sans, embedded in the binary: plotters measures with it (`ab_glyph`) and
//! resvg shapes and renders with it, with no system fonts and no font lookup, so a chart is the same
//! bytes on every machine and every run. (Plotters' own bitmap backend placed each glyph on whole
//! pixels, which spaced letters unevenly.) SVG files name the font with a sans-serif fallback.
//!
//! Charts are drawn for the size they are printed at: [`PRINT_WIDTH_MM`] wide on A4, where every
//! text must be at least [`MIN_TEXT_PT`] (a test measures it in each SVG).

pub mod bars;
pub mod contributions;
pub mod curves;
pub mod distribution;
#[cfg(test)]
pub mod inspect;
pub mod risicokaart;
pub mod sweep;
pub mod theme;
pub mod tornado;
pub mod waterfall;

use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::{Arc, OnceLock};

/// The width a chart is printed at: the text column of the report on A4 (210 mm less 2 × 16 mm).
pub const PRINT_WIDTH_MM: f64 = 178.0;
/// The smallest type size on paper.
pub const MIN_TEXT_PT: f64 = 7.0;
/// The smallest title size on paper.
pub const MIN_TITLE_PT: f64 = 10.0;
/// PNG pixels per SVG unit: sharp in print at the printed width (about 260 dpi) and on screens
/// with twice the pixel density.
pub const PNG_SCALE: u32 = 2;

/// The family name the SVG gives; resvg resolves it to the embedded face.
const FAMILY: &str = "DejaVu Sans";

/// A chart, ready to be drawn on any backend.
pub trait Chart {
    /// File name without extension, e.g. `verdeling`.
    fn name(&self) -> &'static str;
    /// Width and height in SVG units. The width is the same for every chart, so that type sizes
    /// mean the same on paper; see [`PRINT_WIDTH_MM`].
    fn size(&self) -> (u32, u32) {
        (WIDTH, 460)
    }
    /// The title, also used as the image's alternative text.
    fn title(&self) -> String;
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;
}

/// The width every chart is drawn at, in SVG units.
pub const WIDTH: u32 = 900;

/// A chart rendered as SVG and PNG.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub name: &'static str,
    pub title: String,
    /// Size in SVG units; the PNG is [`PNG_SCALE`] times as large.
    pub width: u32,
    pub height: u32,
    pub png: Vec<u8>,
    pub svg: String,
}

/// Registers the embedded fonts with plotters (once per process), for measuring text.
pub fn init_fonts() -> Result<(), String> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font("sans-serif", FontStyle::Normal, dejavu::sans::regular())
            .map_err(|_| "the embedded font could not be loaded".to_string())?;
        plotters::style::register_font("sans-serif", FontStyle::Bold, dejavu::sans::bold())
            .map_err(|_| "the embedded bold font could not be loaded".to_string())
    })
    .clone()
}

/// The options resvg reads SVG with: the embedded faces only (no system fonts), every family
/// resolving to DejaVu Sans.
pub fn svg_options() -> &'static resvg::usvg::Options<'static> {
    static OPTIONS: OnceLock<resvg::usvg::Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(dejavu::sans::regular().to_vec());
        db.load_font_data(dejavu::sans::bold().to_vec());
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        resvg::usvg::Options {
            font_family: FAMILY.into(),
            fontdb: Arc::new(db),
            ..resvg::usvg::Options::default()
        }
    })
}

/// Draws a chart to SVG and rasterises that to PNG.
pub fn render(chart: &impl Chart) -> Result<Rendered, String> {
    let (svg, width, height) = svg(chart)?;
    let png = rasterise(&svg, width, height)?;
    Ok(Rendered {
        name: chart.name(),
        title: chart.title(),
        width,
        height,
        png,
        svg,
    })
}

/// Draws a chart to SVG only, with its size: what a web page shows (`weerstand serve`), where a
/// PNG would only cost time. The text asks for the embedded family, which the page serves.
pub fn svg(chart: &impl Chart) -> Result<(String, u32, u32), String> {
    init_fonts()?;
    let (width, height) = chart.size();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(err)?;
    }
    let svg = svg.replace(
        "font-family=\"sans-serif\"",
        &format!("font-family=\"{FAMILY}, sans-serif\""),
    );
    Ok((svg, width, height))
}

/// The SVG as PNG at [`PNG_SCALE`], on white.
fn rasterise(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, String> {
    use resvg::tiny_skia::{Color, Pixmap, Transform};
    let tree = resvg::usvg::Tree::from_str(svg, svg_options()).map_err(|e| e.to_string())?;
    let mut pixmap =
        Pixmap::new(width * PNG_SCALE, height * PNG_SCALE).ok_or_else(|| format!("no canvas of {width} × {height}"))?;
    pixmap.fill(Color::WHITE);
    let scale = PNG_SCALE as f32;
    resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// Turns a plotters error into text.
pub fn err<E: std::fmt::Debug>(e: E) -> String {
    format!("{e:?}")
}

/// Round axis bounds: the smallest "nice" number (1; 1,25; 1,5; 2; 2,5; 3; 4; 5; 6 or 8 times a power
/// of ten) at or above `x`.
pub fn nice_ceiling(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(x.log10().floor());
    [1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&v| v >= x * (1.0 - 1e-12))
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings() {
        assert_eq!(nice_ceiling(4_321.0), 5_000.0);
        assert_eq!(nice_ceiling(5_000.0), 5_000.0);
        assert_eq!(nice_ceiling(6_700_000.0), 8_000_000.0);
        assert_eq!(nice_ceiling(2_100.0), 2_500.0);
        assert_eq!(nice_ceiling(1_100.0), 1_250.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
    }
}
