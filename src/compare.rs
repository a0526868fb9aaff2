//! What-if comparisons: the base register and its scenarios side by side.
//!
//! Every run uses the same seed, and every risk draws from its own stream keyed by its id, so a
//! risk that a scenario leaves alone costs exactly the same in every iteration of every run: a
//! difference between two columns is the scenario's effect, not chance (common random numbers).

use crate::chart::curves::{Curve, Curves};
use crate::chart::theme;
use crate::format::{chance, decimal, euro, number};
use crate::grade::Grade;
use crate::lang::Lang;
use crate::results::Results;
use crate::vocabulary::Figure;
use serde::Serialize;

/// Why a run of a what-if could not be made: its register (with the scenarios applied) is not
/// valid, or the simulation refused (a run too large for the memory).
#[derive(Debug)]
pub enum RunError<E> {
    Input(crate::inputs::InputError),
    Simulate(E),
}

/// Simulates the base (the register with `base` applied) and every scenario on top of it, each
/// with `simulate` (the same settings, and so the same draws). A command-line scenario (`--set`)
/// is named by what it changes; its arguments become its description, so it can be repeated.
pub fn runs<E>(
    inputs: &crate::inputs::Inputs,
    base: &[crate::scenario::Scenario],
    scenarios: &[crate::scenario::Scenario],
    lang: Lang,
    simulate: &mut dyn FnMut(&crate::model::Register, &crate::sim::Provenance) -> Result<Results, E>,
) -> Result<Vec<Run>, RunError<E>> {
    use crate::scenario::Scenario;
    let base_name = lang.pick("Basis (register)", "Base (register)").to_string();
    let under: Vec<&Scenario> = base.iter().collect();
    let mut list: Vec<(String, Option<String>, Vec<&Scenario>)> = vec![(base_name, None, under.clone())];
    list.extend(scenarios.iter().map(|s| {
        let mut applied = under.clone();
        applied.push(s);
        (s.name.clone(), s.description.clone(), applied)
    }));
    let mut runs = Vec::with_capacity(list.len());
    for (i, (mut name, mut description, applied)) in list.into_iter().enumerate() {
        let (register, _) = inputs.model(&applied).map_err(RunError::Input)?;
        // A `--set` reads as what it changes ("Algemene reserve: € 400.000"); the argument itself
        // stays visible as the description, so the run can be repeated.
        let own = applied
            .last()
            .filter(|s| i > 0 && s.command_line && description.is_none());
        if let Some(last) = own {
            description = Some(std::mem::replace(
                &mut name,
                crate::scenario::parameter::changes(last, &register, lang).join("; "),
            ));
        }
        let results = simulate(&register, &inputs.provenance(&applied, &register, lang)).map_err(RunError::Simulate)?;
        runs.push(Run {
            name,
            description,
            results,
        });
    }
    Ok(runs)
}

/// One column of a comparison.
#[derive(Debug)]
pub struct Run {
    pub name: String,
    pub description: Option<String>,
    pub results: Results,
}

/// The figures compared, for one run.
#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    pub name: String,
    pub description: Option<String>,
    pub year: i32,
    pub expected_risk_amount: f64,
    pub required: f64,
    pub p_reserve_short: f64,
    pub overflow_mean: f64,
    pub contribution_mean: f64,
    pub contribution_at_certainty: f64,
    /// Per municipality: its expected extra contribution over the horizon.
    pub municipalities: Vec<(String, f64)>,
    pub ratio: Option<f64>,
    pub grade: Grade,
}

impl Figures {
    pub fn of(run: &Run) -> Figures {
        let r = &run.results;
        let h = &r.headline;
        Figures {
            name: run.name.clone(),
            description: run.description.clone(),
            year: h.year,
            expected_risk_amount: h.expected_risk_amount,
            required: h.required.value,
            p_reserve_short: h.p_reserve_short,
            overflow_mean: h.overflow_mean,
            contribution_mean: r.horizon.contribution.mean,
            contribution_at_certainty: r.horizon.contribution.at_certainty,
            municipalities: r
                .municipalities
                .iter()
                .map(|m| (m.name.clone(), m.horizon.mean))
                .collect(),
            ratio: h.ratio,
            grade: h.grade,
        }
    }
}

/// A row of the comparison table: a label, the value per run and its difference from the base.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub label: String,
    pub values: Vec<String>,
    /// Empty for the base.
    pub deltas: Vec<String>,
}

/// `+€ 1.234`, `−€ 56`, or `=` when the rounded difference is nothing.
pub fn signed_euro(delta: f64) -> String {
    let rounded = delta.round();
    if rounded == 0.0 {
        "=".into()
    } else if rounded > 0.0 {
        format!("+{}", euro(rounded))
    } else {
        format!("−{}", euro(-rounded))
    }
}

/// `+5,0 procentpunt`, `−0,3 procentpunt`, or `=` below a twentieth of a point.
pub fn signed_points(delta: f64, lang: Lang) -> String {
    let points = delta * 100.0;
    let unit = lang.pick("procentpunt", "points");
    if points.abs() < 0.05 {
        "=".into()
    } else {
        format!(
            "{}{} {unit}",
            if points > 0.0 { "+" } else { "−" },
            decimal(points.abs(), 1)
        )
    }
}

/// The comparison table, base first.
pub fn rows(runs: &[Run], lang: Lang) -> Vec<Row> {
    let figures: Vec<Figures> = runs.iter().map(Figures::of).collect();
    let Some(base) = figures.first() else { return Vec::new() };
    let certainty = crate::tables::certainty_label(&runs[0].results);
    let span = |r: &Run| (r.results.horizon.first, r.results.horizon.last);
    // A scenario may change the horizon: then the totals cover each run's own years.
    let horizon = if runs.iter().all(|r| span(r) == span(&runs[0])) {
        let (first, last) = span(&runs[0]);
        format!("{first}–{last}")
    } else {
        lang.pick("over de eigen horizon", "over its own horizon").to_string()
    };
    let year = base.year;
    let amount = |label: String, get: &dyn Fn(&Figures) -> f64| Row {
        label,
        values: figures.iter().map(|f| euro(get(f))).collect(),
        deltas: figures.iter().map(|f| signed_euro(get(f) - get(base))).collect(),
    };
    let mut rows = vec![
        amount(format!("{} {year}", Figure::ExpectedRiskAmount.name(lang)), &|f| {
            f.expected_risk_amount
        }),
        amount(
            format!(
                "{} {year} ({certainty} {})",
                Figure::Required.name(lang),
                lang.pick("zekerheid", "certainty")
            ),
            &|f| f.required,
        ),
        Row {
            label: format!("{} {year}", Figure::ChanceReserveShort.name(lang)),
            values: figures.iter().map(|f| chance(f.p_reserve_short)).collect(),
            deltas: figures
                .iter()
                .map(|f| signed_points(f.p_reserve_short - base.p_reserve_short, lang))
                .collect(),
        },
        amount(
            format!(
                "{} {year} {}",
                Figure::Overflow.name(lang),
                lang.pick("verwacht", "expected")
            ),
            &|f| f.overflow_mean,
        ),
        amount(
            format!(
                "{} {horizon} {}",
                Figure::ExtraContribution.name(lang),
                lang.pick("verwacht", "expected")
            ),
            &|f| f.contribution_mean,
        ),
        amount(
            format!(
                "{} {horizon} {} {certainty}",
                Figure::ExtraContribution.name(lang),
                lang.pick("bij", "at")
            ),
            &|f| f.contribution_at_certainty,
        ),
    ];
    // Matched by name: a scenario may change the verdeelsleutel; a municipality outside it pays nothing.
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in figures.iter().flat_map(|f| &f.municipalities) {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    for name in names {
        rows.push(amount(
            format!("  {name} ({horizon}, {})", lang.pick("verwacht", "expected")),
            &|f| f.municipalities.iter().find(|m| m.0 == name).map_or(0.0, |m| m.1),
        ));
    }
    // Ratios differ in the third or fourth decimal when a scenario moves the reserve a little
    // against a large need (0,0439 → 0,0390): as many decimals as it takes to show a difference,
    // and '=' only for an unchanged ratio.
    let ratios: Vec<Option<f64>> = figures.iter().map(|f| f.ratio).collect();
    let decimals = (2..=4)
        .find(|&d| {
            let shown: Vec<String> = ratios
                .iter()
                .map(|r| r.map_or_else(String::new, |r| number(r, d)))
                .collect();
            ratios
                .iter()
                .zip(&shown)
                .all(|(a, sa)| ratios.iter().zip(&shown).all(|(b, sb)| a == b || sa != sb))
        })
        .unwrap_or(4);
    rows.push(Row {
        label: Figure::Ratio.name(lang).into(),
        values: ratios
            .iter()
            .map(|r| r.map_or_else(|| "∞".to_string(), |r| number(r, decimals)))
            .collect(),
        deltas: ratios
            .iter()
            .map(|r| match (r, base.ratio) {
                (Some(a), Some(b)) if a == &b => "=".into(),
                (Some(a), Some(b)) => {
                    let d = a - b;
                    format!("{}{}", if d > 0.0 { "+" } else { "−" }, number(d.abs(), decimals))
                }
                _ => String::new(),
            })
            .collect(),
    });
    rows.push(Row {
        label: lang.pick("Klasse", "Grade").into(),
        values: figures
            .iter()
            .map(|f| format!("{} ({})", f.grade.letter(), f.grade.meaning(lang)))
            .collect(),
        deltas: figures
            .iter()
            .map(|f| {
                if f.grade == base.grade {
                    "=".into()
                } else {
                    format!("{} → {}", base.grade.letter(), f.grade.letter())
                }
            })
            .collect(),
    });
    for row in &mut rows {
        row.deltas[0] = String::new();
    }
    rows
}

/// The note under the comparison: why differences are effects, not noise, and what its totals
/// over the horizon assume.
pub fn crn_note(lang: Lang) -> String {
    format!(
        "{} {} {}.",
        lang.pick(
            "Alle scenario's zijn doorgerekend met dezelfde seed en dezelfde trekkingen per risico (common random numbers): een verschil met de basis is het effect van het scenario, geen toeval.",
            "Every scenario was run with the same seed and the same draws per risk (common random numbers): a difference from the base is the scenario's effect, not chance.",
        ),
        lang.pick("Bij de extra bijdrage over de horizon geldt als", "The extra contribution over the horizon is computed"),
        crate::vocabulary::horizon_assumption(lang)
    )
}

/// The exceedance curves of the base and every scenario; a scenario that changes the reserve also
/// shows its own reserve line, so that a change of the reserve alone is visible too.
pub fn chart<'a>(runs: &'a [Run], lang: Lang) -> Curves<'a> {
    let first = &runs[0].results;
    let base_reserve = first.headline.available;
    let curve = |i: usize, run: &'a Run| {
        let samples = run.results.samples.as_ref()?;
        let colour = if i == 0 {
            theme::NETTO
        } else {
            theme::SCENARIOS[(i - 1) % theme::SCENARIOS.len()]
        };
        let available = run.results.headline.available;
        let same = i > 0
            && runs[0]
                .results
                .samples
                .as_ref()
                .is_some_and(|b| b.netto.values() == samples.netto.values());
        let mut label = crate::table::truncate(&run.name, 60);
        if same {
            label.push_str(lang.pick(" (zelfde verloop als de basis)", " (same curve as the base)"));
        }
        Some(Curve {
            label,
            colour,
            samples: &samples.netto,
            // The base underneath, dashed: a scenario that coincides with it stays visible.
            dash: if i == 0 {
                theme::Dash::Dashed
            } else {
                theme::Dash::Solid
            },
            marked: true,
            reserve: (i > 0 && (available - base_reserve).abs() >= 0.5).then(|| {
                (
                    available,
                    format!(
                        "{}: {}",
                        lang.pick("reserve in dit scenario", "reserve in this scenario"),
                        euro(available)
                    ),
                )
            }),
        })
    };
    Curves {
        name: "vergelijking",
        title: format!(
            "{} ({})",
            lang.pick(
                "Wat als: benodigd bedrag per zekerheidspercentage",
                "What if: required amount per certainty level"
            ),
            first.headline.year
        ),
        curves: runs.iter().enumerate().filter_map(|(i, run)| curve(i, run)).collect(),
        certainty: first.manifest.certainty,
        lines: vec![theme::Reference {
            value: base_reserve,
            colour: theme::RESERVE,
            dash: theme::Dash::Solid,
            label: format!(
                "{} {}",
                lang.pick("Algemene reserve (basis)", "General reserve (base)"),
                euro(base_reserve)
            ),
        }],
        lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_differences() {
        assert_eq!(signed_euro(1_088_950.4), "+€ 1.088.950");
        assert_eq!(signed_euro(-250_000.0), "−€ 250.000");
        assert_eq!(signed_euro(0.3), "=");
        assert_eq!(signed_points(0.123, Lang::Nl), "+12,3 procentpunt");
        assert_eq!(signed_points(-0.5, Lang::En), "−50 points");
    }
}
