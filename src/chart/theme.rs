//! Colours, type sizes, axis labels and the frame (title, legend, note) shared by the charts.
//!
//! Colours are Okabe–Ito's, which stay distinct under deuteranopia and protanopia; reference lines
//! differ in dash pattern too, so that a chart also reads in black and white.
//!
//! Type sizes are plotters' sizes: its SVG backend writes `size / 1.24` as the font size. On a
//! canvas of [`super::WIDTH`] units printed [`super::PRINT_WIDTH_MM`] wide, [`SMALL`] is 7,2 pt on
//! paper and [`TITLE`] 11,8 pt (the test `charts_are_legible_in_print` measures every SVG).

use crate::format::euro;
use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub const FONT: &str = "sans-serif";
pub const TITLE: u32 = 26;
pub const LABEL: u32 = 18;
pub const TICK: u32 = 17;
pub const SMALL: u32 = 16;

/// Okabe–Ito blue: the netto figures, the register's own curve.
pub const NETTO: RGBColor = RGBColor(0, 114, 178);
/// Okabe–Ito orange: bruto.
pub const BRUTO: RGBColor = RGBColor(230, 159, 0);
/// A light tint of the blue, for bars beside [`NETTO`] bars.
pub const LIGHT: RGBColor = RGBColor(160, 200, 228);
/// Okabe–Ito bluish green, solid: the reserve.
pub const RESERVE: RGBColor = RGBColor(0, 158, 115);
/// Okabe–Ito reddish purple, dashed: the reserve's cap.
pub const CAP: RGBColor = RGBColor(204, 121, 167);
/// Okabe–Ito vermillion: the benodigde capaciteit.
pub const REQUIRED: RGBColor = RGBColor(213, 94, 0);
pub const GRID: RGBColor = RGBColor(225, 225, 225);
pub const TEXT: RGBColor = RGBColor(40, 40, 40);
/// Okabe–Ito sky blue.
pub const SKY: RGBColor = RGBColor(86, 180, 233);
/// Stable colours for what-if scenarios, clear of the base's blue and the reserve's green.
pub const SCENARIOS: [RGBColor; 5] = [BRUTO, REQUIRED, CAP, SKY, TEXT];

/// Risicokaart bands, light enough for black text: blue (no direct threat), yellow-orange
/// (attention), vermillion (act now). Blue against orange survives every common colour-vision
/// deficiency; each cell also names its band in words.
pub const LOW: RGBColor = RGBColor(203, 226, 242);
pub const MIDDLE: RGBColor = RGBColor(250, 212, 128);
pub const HIGH: RGBColor = RGBColor(236, 150, 110);

/// How a line is drawn; the legend draws its swatch the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
}

/// A legend entry's swatch: a line as the chart draws it, or a filled box for bars.
#[derive(Clone, Copy, Debug)]
pub enum Swatch {
    Line { colour: RGBColor, width: u32, dash: Dash },
    Box(RGBColor),
}

/// The reserve as a reference line.
pub fn reserve_line(balance: f64, lang: crate::Lang) -> Reference {
    Reference {
        value: balance,
        colour: RESERVE,
        dash: Dash::Solid,
        label: format!("{} {}", lang.pick("Algemene reserve", "General reserve"), euro(balance)),
    }
}

/// A labelled reference line (reserve, cap, benodigde capaciteit).
#[derive(Clone, Debug)]
pub struct Reference {
    pub value: f64,
    pub colour: RGBColor,
    pub dash: Dash,
    pub label: String,
}

impl Reference {
    pub fn swatch(&self) -> Swatch {
        Swatch::Line {
            colour: self.colour,
            width: 3,
            dash: self.dash,
        }
    }
}

/// The reserve and its cap as labelled reference lines, as the distribution and certainty charts
/// draw them.
pub fn reserve_lines(balance: f64, cap: f64, lang: crate::Lang) -> Vec<Reference> {
    vec![
        reserve_line(balance, lang),
        Reference {
            value: cap,
            colour: CAP,
            dash: Dash::Dashed,
            label: format!(
                "{} {}",
                lang.pick("Plafond van de reserve", "Cap on the reserve"),
                euro(cap)
            ),
        },
    ]
}

/// The ticks of an amount axis from `lo` to `hi` with at most `labels` ticks, all in one format:
/// in millions with the decimals the tick step needs when the axis reaches a million
/// (`€ 0,5 mln`, `€ 1,0 mln`), in whole euros otherwise. Plotters steps by 1, 2 or 5 times a power
/// of ten of at least `(hi − lo) / labels`, so that lower bound fixes the decimals.
pub fn euro_ticks(lo: f64, hi: f64, labels: usize) -> impl Fn(&f64) -> String {
    let max_abs = lo.abs().max(hi.abs());
    let step = (hi - lo) / labels.max(1) as f64;
    let decimals = if step >= 1_000_000.0 {
        0
    } else if step >= 100_000.0 {
        1
    } else {
        2
    };
    move |x: &f64| {
        if max_abs >= 1_000_000.0 {
            format!("€ {} mln", crate::format::number(x / 1_000_000.0, decimals))
        } else {
            euro(*x)
        }
    }
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

/// Margin around every chart's content.
pub const MARGIN: i32 = 16;
const ROW: i32 = 26;
/// Room right of a plot for half of its last tick label.
const RIGHT: i32 = 56;

/// Draws the title at the top and the legend in rows under it, and returns the area left for the
/// chart itself. The legend sits outside the plot, so it never
/// covers what is drawn.
pub fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    legend: &[(Swatch, String)],
) -> Result<DrawingArea<DB, Shift>, String> {
    let groups: Vec<Vec<(Swatch, String)>> = legend.iter().map(|e| vec![e.clone()]).collect();
    frame_grouped(root, title, &groups)
}

/// [`frame`] with legend entries in groups that stay together on one row (a curve and its own
/// reserve line).
pub fn frame_grouped<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    legend: &[Vec<(Swatch, String)>],
) -> Result<DrawingArea<DB, Shift>, String> {
    root.fill(&WHITE).map_err(super::err)?;
    let width = i32::try_from(root.dim_in_pixel().0).unwrap_or(i32::MAX);
    let mut y = MARGIN;
    for line in wrap(root, title, &bold(TITLE), width - 2 * MARGIN) {
        root.draw(&Text::new(
            line,
            (width / 2, y),
            bold(TITLE).pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(super::err)?;
        y += 32;
    }
    y += 6;
    // Legend entries flow left to right, centred row by row.
    let entry_width = |label: &str| 40 + text_width(root, label, &text_style(TICK)) + 24;
    let room = width - 2 * MARGIN;
    // A label wider than a row is shortened at a word; a group wider than a row is split.
    let fit = |(swatch, label): &(Swatch, String)| {
        let mut label = label.clone();
        while entry_width(&label) > room {
            match label.trim_end_matches(" …").rfind(' ') {
                Some(k) => label = format!("{} …", &label[..k]),
                None => break,
            }
        }
        (*swatch, label)
    };
    let mut rows: Vec<Vec<(Swatch, String)>> = vec![Vec::new()];
    let mut used = 0;
    for group in legend {
        let group: Vec<(Swatch, String)> = group.iter().map(fit).collect();
        let w: i32 = group.iter().map(|e| entry_width(&e.1)).sum();
        if w > room {
            // Too wide for one row: the group takes rows of its own, one entry each.
            rows.extend(group.into_iter().map(|e| vec![e]));
            rows.push(Vec::new());
            used = 0;
            continue;
        }
        if used + w > room && !rows.last().is_some_and(Vec::is_empty) {
            rows.push(Vec::new());
            used = 0;
        }
        used += w;
        if let Some(row) = rows.last_mut() {
            row.extend(group);
        }
    }
    for row in rows.iter().filter(|r| !r.is_empty()) {
        let total: i32 = row.iter().map(|e| entry_width(&e.1)).sum::<i32>() - 24;
        let mut x = (width - total) / 2;
        let centre = y + ROW / 2;
        for (swatch, label) in row {
            draw_swatch(root, *swatch, (x, centre))?;
            root.draw(&Text::new(
                label.clone(),
                (x + 40, centre),
                text_style(TICK).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(super::err)?;
            x += entry_width(label);
        }
        y += ROW;
    }
    Ok(root.margin(y + 4, MARGIN, MARGIN, RIGHT))
}

/// Draws a swatch 32 units wide, its left end at `at` (vertically centred).
pub fn draw_swatch<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    swatch: Swatch,
    at: (i32, i32),
) -> Result<(), String> {
    let (x, y) = at;
    match swatch {
        Swatch::Box(colour) => root
            .draw(&Rectangle::new([(x + 4, y - 8), (x + 28, y + 8)], colour.filled()))
            .map_err(super::err),
        Swatch::Line { colour, width, dash } => {
            let style = colour.stroke_width(width);
            let pieces: Vec<(i32, i32)> = match dash {
                Dash::Solid => vec![(0, 32)],
                Dash::Dashed => vec![(0, 10), (16, 26)],
                Dash::Dotted => vec![(0, 4), (9, 13), (18, 22), (27, 31)],
            };
            for (a, b) in pieces {
                root.draw(&PathElement::new(vec![(x + a, y), (x + b, y)], style))
                    .map_err(super::err)?;
            }
            Ok(())
        }
    }
}

/// The (dash, gap) lengths in pixels of a line style; [`Dash::Solid`] has none.
pub fn dash_pattern(dash: Dash) -> Option<(u32, u32)> {
    match dash {
        Dash::Solid => None,
        Dash::Dashed => Some((10, 6)),
        Dash::Dotted => Some((4, 5)),
    }
}

/// The width of a text in canvas units, as plotters measures it (the tests check it against the
/// SVG as drawn).
pub fn text_width<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, text: &str, style: &TextStyle) -> i32 {
    root.estimate_text_size(text, style)
        .map_or(text.chars().count() as i32 * 10, |(w, _)| {
            i32::try_from(w).unwrap_or(i32::MAX)
        })
}
/// Lines of text ending at `at.0`, centred as a block on `at.1` (18 units apart).
pub fn right_aligned<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[String],
    at: (i32, i32),
    style: &TextStyle,
) -> Result<(), String> {
    let top = at.1 - 9 * (lines.len() as i32 - 1);
    for (k, line) in lines.iter().enumerate() {
        area.draw(&Text::new(
            line.clone(),
            (at.0, top + 18 * k as i32),
            style.pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(super::err)?;
    }
    Ok(())
}

/// `text` wrapped at words into at most two lines of `width`, the second ending in `…` when cut.
pub fn two_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: i32,
) -> Vec<String> {
    let mut lines = wrap(area, text, style, width);
    if lines.len() > 2 {
        lines.truncate(2);
        let mut last = lines[1].clone();
        while text_width(area, &format!("{last} …"), style) > width {
            match last.rfind(' ') {
                Some(k) => last.truncate(k),
                None => break,
            }
        }
        lines[1] = format!("{last} …");
    }
    lines
}

/// Breaks a text into lines no wider than `width` at spaces (a single word longer than that
/// stays whole: a line is never cut mid-word).
pub fn wrap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    width: i32,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && text_width(root, &candidate, style) > width {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// The coordinates every chart plots in.
pub type Plane = plotters::coord::cartesian::Cartesian2d<
    plotters::coord::types::RangedCoordf64,
    plotters::coord::types::RangedCoordf64,
>;

/// Draws a polyline in a chart's coordinates, solid, dashed or dotted.
pub fn line<DB: DrawingBackend>(
    chart: &mut plotters::chart::ChartContext<'_, DB, Plane>,
    points: Vec<(f64, f64)>,
    colour: RGBColor,
    width: u32,
    dash: Dash,
) -> Result<(), String> {
    let style = colour.stroke_width(width);
    match dash_pattern(dash) {
        None => chart.draw_series(LineSeries::new(points, style)).map(|_| ()),
        Some((on, off)) => chart
            .draw_series(DashedLineSeries::new(points, on, off, style))
            .map(|_| ()),
    }
    .map_err(super::err)
}
