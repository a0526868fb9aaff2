//! What the page shows of a what-if: the comparison's rows (the same as `weerstand compare`
//! prints), the headline of both runs, each municipality's extra contribution per year, and the
//! charts as SVG drawn by the report's own chart code.

use crate::chart::{self, contributions::Contributions, distribution::Distribution};
use crate::compare::{self, Figures, Row, Run};
use crate::format::{chance, euro};
use crate::lang::Lang;
use crate::vocabulary::Figure;
use serde::Serialize;

/// The answer to a what-if.
#[derive(Debug, Serialize)]
pub struct View {
    /// The what-if's name: what it changes.
    pub name: String,
    pub changes: Vec<String>,
    pub iterations: usize,
    pub seed: u64,
    /// The comparison table: label, base, what-if, difference.
    pub rows: Vec<Row>,
    /// The figures behind the rows, unrounded: base, what-if.
    pub figures: Vec<Figures>,
    pub cards: Vec<Card>,
    pub municipalities: Municipalities,
    pub charts: Vec<ChartView>,
    /// The command that computes the same comparison in a terminal, when it can be written
    /// without a file.
    pub command: Option<String>,
    pub warnings: Vec<String>,
    pub note: String,
    /// Milliseconds the server took, simulation and charts included.
    pub server_ms: f64,
}

/// A headline figure for both runs.
#[derive(Debug, Serialize)]
pub struct Card {
    pub key: &'static str,
    pub label: String,
    pub base: String,
    pub whatif: String,
    pub delta: String,
}

/// Each municipality's expected extra contribution per year, base and what-if.
#[derive(Debug, Serialize)]
pub struct Municipalities {
    pub title: String,
    pub years: Vec<i32>,
    pub rows: Vec<MunicipalityRow>,
}

#[derive(Debug, Serialize)]
pub struct MunicipalityRow {
    pub name: String,
    pub base: Vec<String>,
    pub whatif: Vec<String>,
    pub delta: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ChartView {
    pub name: &'static str,
    /// Which runs it shows: both, or the what-if alone.
    pub caption: String,
    pub title: String,
    pub svg: String,
}

/// The view of `runs` (base, what-if).
pub fn build(runs: &[Run], lang: Lang) -> Result<View, String> {
    let [base, whatif] = runs else {
        return Err("a what-if has two runs".into());
    };
    let (b, w) = (&base.results.headline, &whatif.results.headline);
    let certainty = crate::tables::certainty_label(&whatif.results);
    // The ratio as the comparison writes it: as many decimals as show a difference.
    let rows = compare::rows(runs, lang);
    let ratio_row = rows.iter().find(|r| r.label == Figure::Ratio.name(lang));
    let ratio = |i: usize| ratio_row.map_or_else(String::new, |r| r.values[i].clone());
    let cards = vec![
        Card {
            key: "required",
            label: format!(
                "{} {} ({certainty} {})",
                Figure::Required.name(lang),
                w.year,
                lang.pick("zekerheid", "certainty")
            ),
            base: euro(b.required.value),
            whatif: euro(w.required.value),
            delta: compare::signed_euro(w.required.value - b.required.value),
        },
        Card {
            key: "reserve",
            label: format!("{} / {}", Figure::Available.name(lang), lang.pick("plafond", "cap")),
            base: format!("{} / {}", euro(b.available), euro(b.cap)),
            whatif: format!("{} / {}", euro(w.available), euro(w.cap)),
            delta: compare::signed_euro(w.available - b.available),
        },
        Card {
            key: "ratio",
            label: format!("{} {}", Figure::Ratio.name(lang), lang.pick("en klasse", "and grade")),
            base: format!("{} ({})", ratio(0), b.grade.letter()),
            whatif: format!("{} ({})", ratio(1), w.grade.letter()),
            delta: match ratio_row {
                Some(r) if b.grade == w.grade => r.deltas[1].clone(),
                Some(r) => format!("{} ({} → {})", r.deltas[1], b.grade.letter(), w.grade.letter()),
                None => String::new(),
            },
        },
        Card {
            key: "short",
            label: format!("{} {}", Figure::ChanceReserveShort.name(lang), w.year),
            base: chance(b.p_reserve_short),
            whatif: chance(w.p_reserve_short),
            delta: compare::signed_points(w.p_reserve_short - b.p_reserve_short, lang),
        },
    ];
    let years: Vec<i32> = whatif
        .results
        .municipalities
        .first()
        .map(|m| m.per_year.iter().map(|y| y.year).collect())
        .unwrap_or_default();
    let per_year = |run: &Run, name: &str, year: i32| {
        run.results
            .municipalities
            .iter()
            .find(|m| m.name == name)
            .and_then(|m| m.per_year.iter().find(|y| y.year == year))
            .map_or(0.0, |y| y.mean)
    };
    let mut names: Vec<&str> = Vec::new();
    for m in base.results.municipalities.iter().chain(&whatif.results.municipalities) {
        if !names.contains(&m.name.as_str()) {
            names.push(&m.name);
        }
    }
    let municipalities = Municipalities {
        title: format!(
            "{} ({})",
            Figure::ExtraContribution.name(lang),
            lang.pick("verwacht, per jaar", "expected, per year")
        ),
        rows: names
            .iter()
            .map(|name| MunicipalityRow {
                name: (*name).to_string(),
                base: years.iter().map(|&y| euro(per_year(base, name, y))).collect(),
                whatif: years.iter().map(|&y| euro(per_year(whatif, name, y))).collect(),
                delta: years
                    .iter()
                    .map(|&y| compare::signed_euro(per_year(whatif, name, y) - per_year(base, name, y)))
                    .collect(),
            })
            .collect(),
        years,
    };
    let mut charts = Vec::new();
    let curves = compare::chart(runs, lang);
    charts.push(view_of(&curves, lang.pick("Basis en wat als", "Base and what if"))?);
    if let Some(samples) = &whatif.results.samples {
        let distribution = Distribution {
            samples: &samples.netto,
            year: w.year,
            balance: w.available,
            cap: w.cap,
            required: w.required.value,
            certainty: whatif.results.manifest.certainty,
            lang,
        };
        charts.push(view_of(&distribution, lang.pick("Wat als", "What if"))?);
    }
    let top = crate::tables::top(&whatif.results);
    if !top.is_empty() {
        let contributions = Contributions {
            top,
            year: w.year,
            certainty: whatif.results.manifest.certainty,
            lang,
        };
        charts.push(view_of(&contributions, lang.pick("Wat als", "What if"))?);
    }
    Ok(View {
        name: whatif.name.clone(),
        changes: Vec::new(),
        iterations: whatif.results.manifest.iterations,
        seed: whatif.results.manifest.seed,
        rows,
        figures: runs.iter().map(Figures::of).collect(),
        cards,
        municipalities,
        charts,
        command: None,
        warnings: Vec::new(),
        note: compare::crn_note(lang),
        server_ms: 0.0,
    })
}

/// A chart as the page shows it, under a caption that says which runs it shows.
fn view_of(chart: &impl chart::Chart, caption: &str) -> Result<ChartView, String> {
    let (svg, _, _) = chart::svg(chart)?;
    Ok(ChartView {
        name: chart.name(),
        caption: caption.into(),
        title: chart.title(),
        svg,
    })
}
