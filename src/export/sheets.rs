//! The tables of each command's results as typed [`Sheet`]s: the one definition of every CSV file
//! and every worksheet. Column names follow the figures' names ([`crate::vocabulary`]):
//! `risk_amount_*`, `required`, `p_reserve_short`, `overflow_*`, `contribution_*` (the extra
//! contribution of the municipalities), `worst_years_*`; amounts in euros, probabilities and shares
//! as fractions.

use super::sheet::{Cell, Kind, Sheet};
use crate::results::Results;

/// The tables of a run.
pub fn results(results: &Results) -> Vec<Sheet> {
    use Kind::{Euro, Fraction, Integer, Text};
    let percentiles = Sheet::new(
        "percentielen",
        &[
            ("year", Integer),
            ("p", Fraction),
            ("required", Euro),
            ("ci_low", Euro),
            ("ci_high", Euro),
        ],
    )
    .with_rows(results.years.iter().flat_map(|y| {
        y.risk_amount.percentiles.iter().map(move |p| {
            vec![
                y.year.into(),
                p.p.into(),
                p.value.into(),
                p.ci_low.into(),
                p.ci_high.into(),
            ]
        })
    }));
    let years = Sheet::new(
        "jaren",
        &[
            ("year", Integer),
            ("risk_amount_mean", Euro),
            ("risk_amount_sd", Euro),
            ("risk_amount_at_certainty", Euro),
            ("reserve_start_mean", Euro),
            ("p_reserve_short", Fraction),
            ("overflow_mean", Euro),
            ("overflow_at_certainty", Euro),
            ("replenishment_mean", Euro),
            ("contribution_mean", Euro),
            ("contribution_at_certainty", Euro),
        ],
    )
    .with_rows(results.years.iter().map(|y| {
        vec![
            y.year.into(),
            y.risk_amount.mean.into(),
            y.risk_amount.sd.into(),
            y.risk_amount.at_certainty.value.into(),
            y.reserve_start_mean.into(),
            y.p_reserve_short.into(),
            y.overflow_mean.into(),
            y.overflow_at_certainty.into(),
            y.replenishment_mean.into(),
            y.contribution_mean.into(),
            y.contribution_at_certainty.into(),
        ]
    }));
    let municipalities = Sheet::new(
        "gemeenten",
        &[
            ("municipality", Text),
            ("share", Fraction),
            ("year", Text),
            ("contribution_mean", Euro),
            ("contribution_at_certainty", Euro),
        ],
    )
    .with_rows(results.municipalities.iter().flat_map(|m| {
        m.per_year
            .iter()
            .map(|y| {
                vec![
                    m.name.as_str().into(),
                    m.share.into(),
                    y.year.to_string().into(),
                    y.mean.into(),
                    y.at_certainty.into(),
                ]
            })
            .chain(std::iter::once(vec![
                m.name.as_str().into(),
                m.share.into(),
                "horizon".into(),
                m.horizon.mean.into(),
                m.horizon.at_certainty.into(),
            ]))
    }));
    let contributions = Sheet::new(
        "bijdragen",
        &[
            ("id", Text),
            ("title", Text),
            ("category", Text),
            ("type", Text),
            ("weighted", Euro),
            ("risk_amount_mean", Euro),
            ("share_of_mean", Fraction),
            ("worst_years_mean", Euro),
            ("share_of_worst_years", Fraction),
        ],
    )
    .with_rows(results.contributions.iter().map(|c| {
        vec![
            c.id.as_str().into(),
            c.title.as_str().into(),
            c.category.as_str().into(),
            c.risk_type.as_str().into(),
            c.weighted.into(),
            c.mean.into(),
            c.share_of_mean.into(),
            c.worst_years_mean.into(),
            c.share_of_worst_years.into(),
        ]
    }));
    let segments = Sheet::new(
        "segmenten",
        &[
            ("kind", Text),
            ("id", Text),
            ("name", Text),
            ("risks", Integer),
            ("risk_amount_mean", Euro),
            ("risk_amount_sd", Euro),
            ("risk_amount_at_certainty", Euro),
        ],
    )
    .with_rows(
        results
            .segments
            .iter()
            .flat_map(|s| [("category", &s.categories), ("type", &s.types)])
            .flat_map(|(kind, list)| {
                list.iter().map(move |s| {
                    vec![
                        kind.into(),
                        s.id.as_str().into(),
                        s.name.as_str().into(),
                        s.risks.into(),
                        s.mean.into(),
                        s.sd.into(),
                        s.at_certainty.into(),
                    ]
                })
            }),
    );
    let mut sheets = vec![percentiles, years, municipalities, contributions, segments];
    if let Some(s) = &results.sensitivity {
        sheets.push(sensitivity(s));
        sheets.push(sensitivity_drivers(s));
    }
    sheets
}

/// `gevoeligheid_grondslagen`: per driver that an impact refers to, the change in the benodigde
/// capaciteit with its amounts multiplied by `factor_low` and `factor_high`.
pub fn sensitivity_drivers(s: &crate::sensitivity::Sensitivity) -> Sheet {
    use Kind::{Euro, Number, Text};
    let step = crate::sensitivity::DRIVER_STEP;
    Sheet::new(
        "gevoeligheid_grondslagen",
        &[
            ("id", Text),
            ("description", Text),
            ("factor_low", Number),
            ("factor_high", Number),
            ("at_low", Euro),
            ("at_high", Euro),
        ],
    )
    .with_rows(s.drivers.iter().map(|d| {
        vec![
            d.id.as_str().into(),
            d.description.as_deref().unwrap_or("").into(),
            (1.0 - step).into(),
            (1.0 + step).into(),
            d.at_low.into(),
            d.at_high.into(),
        ]
    }))
}

/// `gevoeligheid`: per simulated risk, the change in the benodigde capaciteit when
/// it is switched off and at the ends of its ranges (empty cells where a range does not exist).
pub fn sensitivity(s: &crate::sensitivity::Sensitivity) -> Sheet {
    use Kind::{Euro, Number, Text};
    let mut sheet = Sheet::new(
        "gevoeligheid",
        &[
            ("kind", Text),
            ("id", Text),
            ("title", Text),
            ("off", Euro),
            ("probability_low", Number),
            ("probability_high", Number),
            ("at_probability_low", Euro),
            ("at_probability_high", Euro),
            ("impact_low", Euro),
            ("impact_high", Euro),
            ("at_impact_low", Euro),
            ("at_impact_high", Euro),
        ],
    );
    let swing = |w: &Option<crate::sensitivity::Swing>| -> [Cell; 4] {
        match w {
            Some(w) => [w.low.into(), w.high.into(), w.at_low.into(), w.at_high.into()],
            None => [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
        }
    };
    for r in &s.risks {
        let mut row: Vec<Cell> = vec![
            "risk".into(),
            r.id.as_str().into(),
            r.title.as_str().into(),
            r.off.into(),
        ];
        row.extend(swing(&r.probability));
        row.extend(swing(&r.impact));
        sheet.push(row);
    }
    sheet
}

/// `vergelijking`: one row per run (the base first), every figure and its difference from the base
/// as numbers (euros, probabilities as fractions), the grade as its letter, an empty cell for a
/// ratio that does not exist.
pub fn comparison(figures: &[crate::compare::Figures]) -> Sheet {
    use Kind::{Euro, Fraction, Number, Text};
    let base = &figures[0];
    let values = |f: &crate::compare::Figures| -> Vec<(String, Kind, Option<f64>)> {
        let mut v = vec![
            ("expected_risk_amount".to_string(), Euro, Some(f.expected_risk_amount)),
            ("required".to_string(), Euro, Some(f.required)),
            ("p_reserve_short".to_string(), Fraction, Some(f.p_reserve_short)),
            ("overflow_mean".to_string(), Euro, Some(f.overflow_mean)),
            ("contribution_mean".to_string(), Euro, Some(f.contribution_mean)),
            (
                "contribution_at_certainty".to_string(),
                Euro,
                Some(f.contribution_at_certainty),
            ),
            ("ratio".to_string(), Number, f.ratio),
        ];
        v.extend(
            f.municipalities
                .iter()
                .map(|(name, mean)| (format!("contribution_mean:{name}"), Euro, Some(*mean))),
        );
        v
    };
    let base_values = values(base);
    let mut keys: Vec<(String, Kind)> = vec![("run".into(), Text)];
    for (key, kind, _) in &base_values {
        keys.push((key.clone(), *kind));
        keys.push((format!("{key}_difference"), *kind));
    }
    keys.push(("grade".into(), Text));
    let columns: Vec<(&str, Kind)> = keys.iter().map(|(k, kind)| (k.as_str(), *kind)).collect();
    let mut sheet = Sheet::new("vergelijking", &columns);
    for f in figures {
        let mut row: Vec<Cell> = vec![f.name.as_str().into()];
        for ((_, _, value), (_, _, base_value)) in values(f).into_iter().zip(&base_values) {
            row.push(value.into());
            row.push(match (value, base_value) {
                (Some(v), Some(b)) => Cell::Number(v - b),
                _ => Cell::Empty,
            });
        }
        row.push(f.grade.letter().into());
        sheet.push(row);
    }
    sheet
}

/// `doorrekening`: one row per value of the parameter (as written in the register, in its unit).
pub fn sweep(points: &[crate::sweep::Point]) -> Sheet {
    use Kind::{Euro, Fraction, Number, Text};
    Sheet::new(
        "doorrekening",
        &[
            ("value", Number),
            ("expected_risk_amount", Euro),
            ("required", Euro),
            ("reserve", Euro),
            ("p_reserve_short", Fraction),
            ("contribution_mean", Euro),
            ("ratio", Number),
            ("grade", Text),
        ],
    )
    .with_rows(points.iter().map(|p| {
        vec![
            p.value.into(),
            p.expected_risk_amount.into(),
            p.required.into(),
            p.reserve.into(),
            p.p_reserve_short.into(),
            p.contribution_mean.into(),
            p.ratio.into(),
            p.grade.letter().into(),
        ]
    }))
}

/// `verschil`: one row per step (the old register as step 0): kind, risk, label, difference and
/// the capaciteit after it, in euros.
pub fn diff(d: &crate::diff::Diff, lang: crate::Lang) -> Sheet {
    use Kind::{Euro, Integer, Text};
    let mut sheet = Sheet::new(
        "verschil",
        &[
            ("step", Integer),
            ("kind", Text),
            ("id", Text),
            ("change", Text),
            ("difference", Euro),
            ("required_after", Euro),
        ],
    );
    sheet.push(vec![
        0usize.into(),
        "old".into(),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        d.old.required.into(),
    ]);
    for (k, s) in d.steps.iter().enumerate() {
        sheet.push(vec![
            (k + 1).into(),
            serde_json::to_value(s.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
                .into(),
            s.id.clone().map_or(Cell::Empty, Cell::Text),
            crate::describe::step_label(s, d, lang).into(),
            s.delta.into(),
            s.required.into(),
        ]);
    }
    sheet
}

/// `afrekening`: one row per taakveld and municipality, a `totaal` row per taakveld, and the rows
/// over all taakvelden (`taakveld` = `alle`); amounts in euros, a positive saldo paid, a negative
/// refunded.
pub fn settlement(s: &crate::afrekening::Settlement) -> Sheet {
    use Kind::{Euro, Integer, Text};
    let mut sheet = Sheet::new(
        "afrekening",
        &[
            ("year", Integer),
            ("taakveld", Text),
            ("municipality", Text),
            ("costs", Euro),
            ("overhead", Euro),
            ("total_costs", Euro),
            ("invoiced", Euro),
            ("saldo", Euro),
        ],
    );
    let row = |taakveld: &str, l: &crate::afrekening::Line| -> Vec<Cell> {
        vec![
            s.year.into(),
            taakveld.into(),
            l.municipality.as_str().into(),
            l.costs.into(),
            l.overhead.into(),
            l.total_costs.into(),
            l.invoiced.into(),
            l.saldo.into(),
        ]
    };
    for t in &s.taakvelden {
        for l in &t.lines {
            sheet.push(row(&t.name, l));
        }
        sheet.push(row(&t.name, &t.total));
    }
    for l in &s.municipalities {
        sheet.push(row("alle", l));
    }
    sheet.push(row("alle", &s.total));
    sheet
}
