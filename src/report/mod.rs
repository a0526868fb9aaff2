//! The paragraaf weerstandsvermogen en risicobeheersing as a publication: the charts, the text in
//! Markdown from a template, and the same as one self-contained HTML page.

pub mod context;
pub mod html;
pub mod jaarverslag;
pub mod markdown;

use crate::chart::bars::{Bars, Series};
use crate::chart::contributions::Contributions;
use crate::chart::curves::{Curve, Curves};
use crate::chart::distribution::Distribution;
use crate::chart::risicokaart::Risicokaart;
use crate::chart::{self, Rendered, theme};
use crate::lang::Lang;
use crate::model::Register;
use crate::results::Results;
use crate::vocabulary::Figure;
use std::collections::HashMap;

/// A finished report.
#[derive(Debug)]
pub struct Report {
    pub markdown: String,
    pub html: String,
    pub charts: Vec<Rendered>,
}

/// Why a report could not be made.
#[derive(Debug)]
pub enum ReportError {
    /// The results carry no samples to draw (the simulation ran without `keep_samples`).
    NoSamples,
    Chart(String),
    /// The template could not be rendered: what went wrong, the line and column and the text it
    /// concerns.
    Template {
        message: String,
        line: Option<usize>,
        column: Option<usize>,
        text: Option<String>,
    },
}

impl ReportError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReportError::NoSamples => lang
                .pick(
                    "de simulatie bewaarde geen uitkomsten voor grafieken",
                    "the simulation kept no values for charts",
                )
                .into(),
            ReportError::Chart(e) => format!("{}: {e}", lang.pick("grafiek mislukt", "chart failed")),
            ReportError::Template {
                message,
                line,
                column,
                text,
            } => {
                let mut out = lang.pick("fout in het sjabloon", "error in the template").to_string();
                if let Some(line) = line {
                    out.push_str(&format!(", {} {line}", lang.pick("regel", "line")));
                }
                if let Some(column) = column {
                    out.push_str(&format!(", {} {column}", lang.pick("kolom", "column")));
                }
                out.push_str(": ");
                out.push_str(message);
                if let Some(text) = text.as_ref().filter(|t| !message.contains(t.as_str())) {
                    out.push_str(&format!(": {text}"));
                }
                out
            }
        }
    }
}

/// Draws every chart of the report.
pub fn charts(results: &Results, register: &Register, lang: Lang) -> Result<Vec<Rendered>, ReportError> {
    let _numbers = crate::format::style(lang);
    let samples = results.samples.as_ref().ok_or(ReportError::NoSamples)?;
    let h = &results.headline;
    let c = crate::tables::certainty_label(results);
    let basis = results.manifest.basis;
    let reference_lines = theme::reserve_lines(h.available, h.cap, lang);
    let same = samples
        .bruto
        .as_ref()
        .is_some_and(|b| b.values() == samples.netto.values());
    let mut out = vec![
        chart::draw(&Distribution {
            samples: &samples.netto,
            year: h.year,
            balance: h.available,
            cap: h.cap,
            required: h.required.value,
            certainty: results.manifest.certainty,
            lang,
        }),
        chart::draw(&Curves {
            name: "zekerheid",
            title: format!(
                "{} ({})",
                lang.pick(
                    "Benodigde weerstandscapaciteit per zekerheidspercentage",
                    "Required capacity per certainty level"
                ),
                h.year
            ),
            curves: vec![Curve {
                label: "Netto".into(),
                colour: theme::NETTO,
                samples: &samples.netto,
                dash: theme::Dash::Solid,
                marked: true,
                reserve: None,
            }],
            certainty: results.manifest.certainty,
            lines: reference_lines.clone(),
            lang,
        }),
        chart::draw(&Contributions {
            top: crate::tables::top(results),
            year: h.year,
            certainty: results.manifest.certainty,
            lang,
        }),
        chart::draw(&Risicokaart::new(register, basis, lang)),
        chart::draw(&Bars {
            name: "gemeenten",
            title: format!(
                "{} {}",
                lang.pick(
                    "Extra bijdrage per gemeente in",
                    "Extra contribution per municipality in"
                ),
                h.year
            ),
            groups: results.municipalities.iter().map(|m| m.name.clone()).collect(),
            series: vec![
                Series {
                    label: lang.pick("verwacht", "expected").into(),
                    colour: theme::LIGHT,
                    values: results
                        .municipalities
                        .iter()
                        .map(|m| m.per_year.first().map_or(0.0, |y| y.mean))
                        .collect(),
                },
                Series {
                    label: format!("{} {c} {}", lang.pick("bij", "at"), lang.pick("zekerheid", "certainty")),
                    colour: theme::NETTO,
                    values: results
                        .municipalities
                        .iter()
                        .map(|m| m.per_year.first().map_or(0.0, |y| y.at_certainty))
                        .collect(),
                },
            ],
            y_desc: Figure::ExtraContribution.name(lang).into(),
        }),
        chart::draw(&Bars {
            name: "jaren",
            title: lang
                .pick(
                    "Extra bijdrage van de gemeenten per jaar",
                    "Extra contribution of the municipalities per year",
                )
                .into(),
            groups: results.years.iter().map(|y| y.year.to_string()).collect(),
            series: vec![
                Series {
                    label: lang.pick("verwacht", "expected").into(),
                    colour: theme::LIGHT,
                    values: results.years.iter().map(|y| y.contribution_mean).collect(),
                },
                Series {
                    label: format!("{} {c} {}", lang.pick("bij", "at"), lang.pick("zekerheid", "certainty")),
                    colour: theme::NETTO,
                    values: results.years.iter().map(|y| y.contribution_at_certainty).collect(),
                },
            ],
            y_desc: lang
                .pick(
                    "Extra bijdrage, alle gemeenten",
                    "Extra contribution, all municipalities",
                )
                .into(),
        }),
    ];
    // Bruto equal to netto would be two identical curves: the text says so in one sentence instead.
    if let Some(bruto) = samples.bruto.as_ref().filter(|_| !same) {
        out.push(chart::draw(&Curves {
            name: "bruto-netto",
            title: format!(
                "{} ({})",
                lang.pick(
                    "Bruto en netto: voor en na maatregelen",
                    "Bruto and netto: before and after measures"
                ),
                h.year
            ),
            curves: vec![
                Curve {
                    label: lang
                        .pick("Bruto (zonder maatregelen)", "Bruto (before measures)")
                        .into(),
                    colour: theme::BRUTO,
                    samples: bruto,
                    dash: theme::Dash::Dashed,
                    marked: false,
                    reserve: None,
                },
                Curve {
                    label: lang
                        .pick("Netto (na getroffen maatregelen)", "Netto (after measures in place)")
                        .into(),
                    colour: theme::NETTO,
                    samples: &samples.netto,
                    dash: theme::Dash::Solid,
                    marked: true,
                    reserve: None,
                },
            ],
            certainty: results.manifest.certainty,
            lines: reference_lines,
            lang,
        }));
    }
    if let Some(s) = &results.sensitivity {
        out.push(chart::draw(&chart::tornado::Tornado {
            bars: chart::tornado::bars(s, lang),
            year: s.year,
            certainty: s.certainty,
            lang,
        }));
    }
    chart::render_all(out).map_err(ReportError::Chart)
}

/// Builds the report: charts, Markdown from `template` (the built-in one for `lang` when `None`),
/// and the self-contained HTML. `whatif`: a comparison (base first) for the "what if" section, or
/// empty. `date` heads every printed page: the register's own date, or the day the report is made.
pub fn build(
    results: &Results,
    register: &Register,
    lang: Lang,
    template: Option<&str>,
    whatif: &[crate::compare::Run],
    date: crate::date::Date,
) -> Result<Report, ReportError> {
    let _numbers = crate::format::style(lang);
    let mut charts = charts(results, register, lang)?;
    if !whatif.is_empty() {
        charts.push(chart::render(&crate::compare::chart(whatif, lang)).map_err(ReportError::Chart)?);
    }
    let context = context::build(results, register, &charts, whatif, lang);
    let source = template.unwrap_or(match lang {
        Lang::Nl => markdown::TEMPLATE_NL,
        Lang::En => markdown::TEMPLATE_EN,
    });
    let markdown = render(source, &context, lang)?;
    let images: HashMap<String, Vec<u8>> = charts
        .iter()
        .map(|c| (format!("{}.png", c.name), c.png.clone()))
        .collect();
    // A what-if says so in the page's title and on every printed page.
    let whatif = if results.manifest.scenarios.is_empty() {
        ""
    } else {
        lang.pick(" — wat als", " — what if")
    };
    let title = format!(
        "{} {}{whatif} — {}",
        lang.pick(
            "Paragraaf weerstandsvermogen en risicobeheersing",
            "Risk-bearing capacity and risk management"
        ),
        results.headline.year,
        register.metadata.organisation
    );
    let running = html::Running {
        left: format!(
            "{} · {} {}{whatif}",
            register.metadata.organisation,
            lang.pick(
                "Paragraaf weerstandsvermogen en risicobeheersing",
                "Risk-bearing capacity and risk management"
            ),
            results.headline.year
        ),
        right: date.long(lang),
    };
    let html = html::page(&markdown, &title, lang, &running, &images);
    Ok(Report { markdown, html, charts })
}

/// Renders `source` with `context`; a template's mistake is positioned in it (line, column, text).
fn render<C: serde::Serialize>(source: &str, context: &C, lang: Lang) -> Result<String, ReportError> {
    markdown::render(source, context).map_err(|e| ReportError::Template {
        message: match e.kind() {
            minijinja::ErrorKind::OutOfFuel => lang
                .pick(
                    "het sjabloon rekent te lang (een lus die niet eindigt, of lussen in lussen over veel risico's) en is gestopt",
                    "the template computes too long (a loop that does not end, or loops within loops over many risks) and was stopped",
                )
                .to_string(),
            minijinja::ErrorKind::WriteFailure => lang
                .pick("het sjabloon schrijft meer dan 16 MiB en is gestopt", "the template writes more than 16 MiB and was stopped")
                .to_string(),
            _ => e
                .detail()
                .map_or_else(|| e.kind().to_string(), |d| format!("{}: {d}", e.kind())),
        },
        line: e.line(),
        // The column of the start of the offending text, counted in characters.
        column: e.range().and_then(|r| {
            let before = source.get(..r.start)?;
            Some(before.chars().rev().take_while(|&c| c != '\n').count() + 1)
        }),
        text: e.range().and_then(|r| source.get(r)).map(str::to_string),
    })
}

#[cfg(test)]
mod tests;
