//! The report's charts, each drawn once through plotters' generic backend so that the PNG and the
//! SVG come from the same code.
//!
//! Text is set in DejaVu Sans, embedded in the binary and registered with plotters' `ab_glyph`
//! backend: no system fonts are needed and a chart is the same bytes on every machine and every run.
//! (SVG files name the font; a viewer without it substitutes a similar sans-serif.)

pub mod bars;
pub mod contributions;
pub mod curves;
pub mod distribution;
pub mod risicokaart;
pub mod sweep;
pub mod theme;

use plotters::coord::Shift;
use plotters::prelude::*;
use std::sync::OnceLock;

/// A chart, ready to be drawn on any backend.
pub trait Chart {
    /// File name without extension, e.g. `verdeling`.
    fn name(&self) -> &'static str;
    /// Width and height in pixels.
    fn size(&self) -> (u32, u32) {
        (1200, 675)
    }
    /// The title, also used as the image's alternative text.
    fn title(&self) -> String;
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;
}

/// A chart rendered as PNG and SVG.
#[derive(Clone, Debug)]
pub struct Rendered {
    pub name: &'static str,
    pub title: String,
    pub width: u32,
    pub height: u32,
    pub png: Vec<u8>,
    pub svg: String,
}

/// Registers the embedded fonts with plotters (once per process).
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

/// Draws a chart to PNG and SVG.
pub fn render(chart: &impl Chart) -> Result<Rendered, String> {
    init_fonts()?;
    let (width, height) = chart.size();
    let mut rgb = vec![0u8; (width * height * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (width, height)).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(err)?;
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(err)?;
    }
    Ok(Rendered {
        name: chart.name(),
        title: chart.title(),
        width,
        height,
        png: encode_png(&rgb, width, height)?,
        svg,
    })
}

fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(rgb, width, height, image::ColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
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
