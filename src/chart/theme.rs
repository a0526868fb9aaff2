//! Colours, type sizes and axis labels shared by the charts.

use crate::format::euro;
use plotters::chart::{ChartContext, MeshStyle, SeriesLabelPosition};
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::*;

pub const FONT: &str = "sans-serif";
pub const TITLE: u32 = 30;
pub const LABEL: u32 = 18;
pub const TICK: u32 = 16;
pub const SMALL: u32 = 14;

pub const NETTO: RGBColor = RGBColor(31, 78, 121);
pub const BRUTO: RGBColor = RGBColor(214, 122, 32);
pub const LIGHT: RGBColor = RGBColor(146, 182, 214);
pub const RESERVE: RGBColor = RGBColor(39, 140, 68);
pub const CAP: RGBColor = RGBColor(16, 80, 40);
pub const REQUIRED: RGBColor = RGBColor(192, 32, 38);
pub const GRID: RGBColor = RGBColor(225, 225, 225);
pub const TEXT: RGBColor = RGBColor(40, 40, 40);

/// Risicokaart cells: green (no direct threat), orange (attention), red (act now).
pub const GREEN: RGBColor = RGBColor(124, 196, 124);
pub const ORANGE: RGBColor = RGBColor(245, 176, 65);
pub const RED: RGBColor = RGBColor(231, 76, 60);

/// An amount on an axis: whole euros, or millions with one decimal when large, so that ticks stay
/// short (`€ 250.000`, `€ 5,5 mln`).
pub fn axis_euro(x: f64) -> String {
    if x.abs() >= 1_000_000.0 {
        format!("€ {} mln", crate::format::decimal(x / 1_000_000.0, 2))
    } else {
        euro(x)
    }
}

/// The reserve and its cap as labelled reference lines, as the distribution and certainty charts
/// draw them.
pub fn reserve_lines(balance: f64, cap: f64, lang: crate::Lang) -> Vec<(f64, RGBColor, String)> {
    vec![
        (
            balance,
            RESERVE,
            format!("{} {}", lang.pick("Algemene reserve", "General reserve"), euro(balance)),
        ),
        (
            cap,
            CAP,
            format!("{} {}", lang.pick("Plafond reserve", "Reserve cap"), euro(cap)),
        ),
    ]
}

pub fn text_style(size: u32) -> TextStyle<'static> {
    (FONT, size).into_font().color(&TEXT)
}

pub fn bold(size: u32) -> TextStyle<'static> {
    (FONT, size, FontStyle::Bold).into_font().color(&TEXT)
}

/// The house style of axes: tick and description fonts, no minor grid, a light major grid.
pub fn axes<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.label_style(text_style(TICK))
        .axis_desc_style(text_style(LABEL))
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
}

/// Draws the legend in the house style (an opaque box, so lines behind it do not show through).
pub fn legend<'a, DB: DrawingBackend + 'a, CT: plotters::coord::CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    position: SeriesLabelPosition,
) -> Result<(), String> {
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE)
        .border_style(GRID)
        .label_font(text_style(TICK))
        .draw()
        .map_err(super::err)
}
