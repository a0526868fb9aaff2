//! The risks that weigh most in the worst years, as horizontal bars: each risk's weighted amount
//! and its mean amount in the worst years (the iterations at or above the benodigde capaciteit),
//! the same two columns as the table beside it.

use super::theme::{self, Swatch};
use super::{Chart, err, nice_ceiling};
use crate::format::{euro, percent};
use crate::lang::Lang;
use crate::results::Contribution;
use crate::vocabulary::Figure;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub struct Contributions<'a> {
    pub top: Vec<&'a Contribution>,
    pub year: i32,
    pub certainty: f64,
    pub lang: Lang,
}

/// Height of one risk's row.
const ROW: u32 = 42;
/// Width of the risk names left of the bars.
const NAMES: i32 = 330;

impl Contributions<'_> {
    fn legend(&self) -> Vec<(Swatch, String)> {
        vec![
            (
                Swatch::Box(theme::NETTO),
                format!(
                    "{} ({} {})",
                    Figure::WorstYears.name(self.lang),
                    percent(1.0 - self.certainty, 1),
                    self.lang
                        .pick("van de jaren met het hoogste totaal", "of years with the highest total")
                ),
            ),
            (
                Swatch::Box(theme::LIGHT),
                self.lang
                    .pick(
                        "Gewogen (kans × verwachte impact)",
                        "Weighted (probability × expected impact)",
                    )
                    .to_string(),
            ),
        ]
    }
}

impl Chart for Contributions<'_> {
    fn name(&self) -> &'static str {
        "bijdragen"
    }

    fn size(&self) -> (u32, u32) {
        (super::WIDTH, 156 + ROW * self.top.len().max(1) as u32)
    }

    fn title(&self) -> String {
        format!(
            "{} {}",
            self.lang
                .pick("De risico's die het zwaarst wegen in", "The risks that weigh most in"),
            self.year
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let lang = self.lang;
        let area = theme::frame(root, &self.title(), &self.legend())?;
        let n = self.top.len().max(1);
        let max = self
            .top
            .iter()
            .map(|c| c.worst_years_mean.max(c.weighted))
            .fold(0.0, f64::max);
        // Room right of the longest bar for its amount.
        let x_hi = nice_ceiling(max * 1.22);
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(56)
            .y_label_area_size(NAMES)
            .build_cartesian_2d(0.0..x_hi, -0.5..(n as f64 - 0.5))
            .map_err(err)?;
        let x_ticks = theme::euro_ticks(0.0, x_hi, 5);
        let mut mesh = chart.configure_mesh();
        mesh.disable_y_mesh()
            .x_labels(5)
            .y_labels(0)
            .x_label_formatter(&x_ticks)
            .x_desc(lang.pick("Bedrag van het risico in het jaar", "The risk's amount in the year"));
        theme::axes(&mut mesh).draw().map_err(err)?;
        let row = |i: usize| (n - 1 - i) as f64;
        chart
            .draw_series(self.top.iter().enumerate().map(|(i, c)| {
                Rectangle::new(
                    [(0.0, row(i) + 0.02), (c.worst_years_mean, row(i) + 0.38)],
                    theme::NETTO.filled(),
                )
            }))
            .map_err(err)?;
        chart
            .draw_series(self.top.iter().enumerate().map(|(i, c)| {
                Rectangle::new(
                    [(0.0, row(i) - 0.38), (c.weighted, row(i) - 0.02)],
                    theme::LIGHT.filled(),
                )
            }))
            .map_err(err)?;
        let value_style = theme::text_style(theme::SMALL).pos(Pos::new(HPos::Left, VPos::Center));
        for (i, c) in self.top.iter().enumerate() {
            for (x, y) in [(c.worst_years_mean, row(i) + 0.2), (c.weighted, row(i) - 0.2)] {
                chart
                    .draw_series(std::iter::once(Text::new(
                        euro(x),
                        (x + x_hi * 0.01, y),
                        value_style.clone(),
                    )))
                    .map_err(err)?;
            }
        }
        // The names: id and title, wrapped at word boundaries into at most two lines.
        let name_style = theme::text_style(theme::SMALL);
        let right = chart.backend_coord(&(0.0, 0.0)).0 - 10;
        let (area_x, area_y) = (area.get_base_pixel().0, area.get_base_pixel().1);
        for (i, c) in self.top.iter().enumerate() {
            let centre = chart.backend_coord(&(0.0, row(i))).1;
            let lines = theme::two_lines(&area, &format!("{} {}", c.id, c.title), &name_style, NAMES - 20);
            theme::right_aligned(&area, &lines, (right - area_x, centre - area_y), &name_style)?;
        }
        Ok(())
    }
}
