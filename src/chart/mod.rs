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

/// A chart drawn as SVG, not yet rasterised: drawing is quick and done one chart after another,
/// rasterising takes most of a report's time and is done for all charts at once, in parallel
/// ([`render_all`]).
#[derive(Clone, Debug)]
pub struct Drawn {
    pub name: &'static str,
    pub title: String,
    pub width: u32,
    pub height: u32,
    pub svg: String,
}

/// Draws a chart to SVG.
pub fn draw(chart: &impl Chart) -> Result<Drawn, String> {
    let (svg, width, height) = svg(chart)?;
    Ok(Drawn {
        name: chart.name(),
        title: chart.title(),
        width,
        height,
        svg,
    })
}

/// Draws a chart to SVG and rasterises that to PNG.
pub fn render(chart: &impl Chart) -> Result<Rendered, String> {
    draw(chart)?.rasterise()
}

/// Rasterises drawn charts on every core, handed back in their order; the first failure (in that
/// order) is the result. The costliest start first, one chart per task, so that the last core to
/// finish is not left with the largest chart alone.
pub fn render_all(drawn: Vec<Result<Drawn, String>>) -> Result<Vec<Rendered>, String> {
    use rayon::prelude::*;
    let mut drawn: Vec<(usize, Result<Drawn, String>)> = drawn.into_iter().enumerate().collect();
    drawn.sort_by_key(|(i, d)| (std::cmp::Reverse(d.as_ref().map_or(0, |d| text_len(&d.svg))), *i));
    let mut rendered: Vec<(usize, Result<Rendered, String>)> = drawn
        .into_par_iter()
        .with_max_len(1)
        .map(|(i, d)| (i, d.and_then(Drawn::rasterise)))
        .collect();
    rendered.sort_by_key(|(i, _)| *i);
    rendered.into_iter().map(|(_, r)| r).collect()
}

/// How much text an SVG sets, in bytes: what most of its rasterising costs (a report's charts
/// without their text render 2,5 to 6 times as fast), so the order to start them in.
fn text_len(svg: &str) -> usize {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let (_, rest) = t.split_once('>')?;
            rest.find("</text>")
        })
        .sum()
}

impl Drawn {
    /// The chart with its PNG.
    pub fn rasterise(self) -> Result<Rendered, String> {
        let png = rasterise(&self.svg, self.width, self.height)?;
        Ok(Rendered {
            name: self.name,
            title: self.title,
            width: self.width,
            height: self.height,
            png,
            svg: self.svg,
        })
    }
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
///
/// Each rectangle is filled without anti-aliasing: plotters writes a rectangle's corners in whole
/// SVG units, so at [`PNG_SCALE`] its edges lie on pixel boundaries and both ways of filling cover
/// the same pixels (a unit test decodes each PNG and compares it with the SVG as written, rendered
/// with anti-aliasing throughout), but the anti-aliased fill scans every edge four times over.
///
/// The canvas and the row buffer are kept per thread and used again chart after chart: a report's
/// seven charts at 1800 × 920 pixels would otherwise each map about 12 MB of fresh pages, and a
/// fresh page costs this kind of machine several microseconds.
fn rasterise(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, String> {
    thread_local! {
        static CANVAS: std::cell::RefCell<(Vec<u8>, Vec<u8>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    let crisp = svg.replace("<rect ", "<rect shape-rendering=\"crispEdges\" ");
    let tree = resvg::usvg::Tree::from_str(&crisp, svg_options()).map_err(|e| e.to_string())?;
    CANVAS.with_borrow_mut(|(rgba, rgb)| {
        let (w, h) = paint(&tree, width, height, rgba)?;
        encode(rgba, w, h, rgb)
    })
}

/// Paints the chart at [`PNG_SCALE`] on white into `rgba` (resized to fit, premultiplied RGBA with
/// every pixel opaque); returns the size in pixels.
fn paint(tree: &resvg::usvg::Tree, width: u32, height: u32, rgba: &mut Vec<u8>) -> Result<(u32, u32), String> {
    use resvg::tiny_skia::{PixmapMut, Transform};
    let (w, h) = (width * PNG_SCALE, height * PNG_SCALE);
    rgba.resize(w as usize * h as usize * 4, 0);
    // White, opaque: every byte 255.
    rgba.fill(255);
    let mut canvas = PixmapMut::from_bytes(rgba, w, h).ok_or_else(|| format!("no canvas of {width} × {height}"))?;
    let scale = PNG_SCALE as f32;
    resvg::render(tree, Transform::from_scale(scale, scale), &mut canvas);
    Ok((w, h))
}

/// Opaque premultiplied RGBA pixels as an RGB PNG (the alpha channel, 255 everywhere, left out;
/// `rgb` is the buffer for that), each row filtered by its difference from the row above and
/// compressed at zlib level 3. Measured on a report's seven charts against tiny-skia's own encoder
/// (RGBA, adaptive filters, level 6): 2 to 3 times as fast, files 2% to 7% larger, the same pixels.
fn encode(rgba: &[u8], width: u32, height: u32, rgb: &mut Vec<u8>) -> Result<Vec<u8>, String> {
    rgb.clear();
    rgb.extend(rgba.chunks_exact(4).flat_map(|p| {
        debug_assert_eq!(p[3], 255, "a chart is drawn on white");
        [p[0], p[1], p[2]]
    }));
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_filter(png::Filter::Up);
    encoder.set_deflate_compression(png::DeflateCompression::Level(3));
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(rgb).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
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

    /// The PNG holds exactly the pixels resvg draws (RGB, nothing lost by leaving out an alpha that
    /// is 255 everywhere), and the charts drawn together are those drawn one by one, in order.
    #[test]
    fn the_png_is_the_drawn_pixels_and_all_charts_render_as_each_alone() {
        let bars = |name: &'static str, values: Vec<f64>| {
            draw(&bars::Bars {
                name,
                title: format!("Extra bijdrage per gemeente ({name})"),
                groups: ["Beverwijk", "Heemskerk", "Velsen"].map(String::from).to_vec(),
                series: vec![bars::Series {
                    label: "verwacht".into(),
                    colour: theme::NETTO,
                    values,
                }],
                y_desc: "Extra bijdrage".into(),
            })
            .unwrap()
        };
        let charts = [
            bars("een", vec![120_000.0, 80_000.0, 310_000.0]),
            bars("twee", vec![5_000.0, 0.0, 45_000.0]),
            bars("drie", vec![1.0e6, 2.5e6, 0.7e6]),
        ];
        let drawn: Vec<Result<Drawn, String>> = charts.iter().map(|c| Ok(c.clone())).collect();
        let together = render_all(drawn).unwrap();
        for (chart, rendered) in charts.iter().zip(&together) {
            assert_eq!(rendered.name, chart.name);
            assert_eq!(rendered.png, chart.clone().rasterise().unwrap().png, "{}", chart.name);
            // The SVG as written, every shape anti-aliased.
            let tree = resvg::usvg::Tree::from_str(&chart.svg, svg_options()).unwrap();
            let mut drawn = resvg::tiny_skia::Pixmap::new(chart.width * PNG_SCALE, chart.height * PNG_SCALE).unwrap();
            drawn.fill(resvg::tiny_skia::Color::WHITE);
            let scale = PNG_SCALE as f32;
            resvg::render(
                &tree,
                resvg::tiny_skia::Transform::from_scale(scale, scale),
                &mut drawn.as_mut(),
            );
            let decoded = resvg::tiny_skia::Pixmap::decode_png(&rendered.png).unwrap();
            assert_eq!(decoded.data(), drawn.data(), "{}: other pixels", chart.name);
        }
    }

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
