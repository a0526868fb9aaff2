//! The tables as CSV (comma-separated, decimal point, amounts in euros, probabilities as fractions),
//! one file per table, for spreadsheets and other tools. Column names follow the figures' names
//! ([`crate::vocabulary`]): `risk_amount_*`, `required`, `p_reserve_short`, `overflow_*`,
//! `contribution_*` (the extra contribution of the municipalities), `worst_years_*`.

use crate::results::Results;

/// A CSV file: the header and the rows, every cell neutralised ([`cell`]). The one writer of every
/// CSV weerstand makes (`simulate`, `report`, `compare`, `sweep`).
pub fn table<H: AsRef<str>>(header: &[H], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(header.iter().map(|h| cell(h.as_ref()).into_owned()))
        .expect("in memory");
    for row in rows {
        w.write_record(row.iter().map(|c| cell(c).into_owned()))
            .expect("in memory");
    }
    w.into_inner().expect("in memory")
}

/// A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return: a risk titled `=HYPERLINK(…)`) gets a `'` in front, as OWASP advises
/// against CSV injection; numbers, negative ones too, stay numbers.
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula && text.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn num(x: f64) -> String {
    format!("{}", (x * 1e6).round() / 1e6)
}

/// The CSV files of a run: (file name, contents).
pub fn tables(results: &Results) -> Vec<(&'static str, Vec<u8>)> {
    let percentiles = table(
        &["year", "p", "required", "ci_low", "ci_high"],
        results.years.iter().flat_map(|y| {
            y.risk_amount.percentiles.iter().map(move |p| {
                vec![
                    y.year.to_string(),
                    num(p.p),
                    num(p.value),
                    num(p.ci_low),
                    num(p.ci_high),
                ]
            })
        }),
    );
    let years = table(
        &[
            "year",
            "risk_amount_mean",
            "risk_amount_sd",
            "risk_amount_at_certainty",
            "reserve_start_mean",
            "p_reserve_short",
            "overflow_mean",
            "overflow_at_certainty",
            "replenishment_mean",
            "contribution_mean",
            "contribution_at_certainty",
        ],
        results.years.iter().map(|y| {
            vec![
                y.year.to_string(),
                num(y.risk_amount.mean),
                num(y.risk_amount.sd),
                num(y.risk_amount.at_certainty.value),
                num(y.reserve_start_mean),
                num(y.p_reserve_short),
                num(y.overflow_mean),
                num(y.overflow_at_certainty),
                num(y.replenishment_mean),
                num(y.contribution_mean),
                num(y.contribution_at_certainty),
            ]
        }),
    );
    let municipalities = table(
        &[
            "municipality",
            "share",
            "year",
            "contribution_mean",
            "contribution_at_certainty",
        ],
        results.municipalities.iter().flat_map(|m| {
            m.per_year
                .iter()
                .map(|y| {
                    vec![
                        m.name.clone(),
                        m.share.map(num).unwrap_or_default(),
                        y.year.to_string(),
                        num(y.mean),
                        num(y.at_certainty),
                    ]
                })
                .chain(std::iter::once(vec![
                    m.name.clone(),
                    m.share.map(num).unwrap_or_default(),
                    "horizon".into(),
                    num(m.horizon.mean),
                    num(m.horizon.at_certainty),
                ]))
        }),
    );
    let contributions = table(
        &[
            "id",
            "title",
            "category",
            "type",
            "weighted",
            "risk_amount_mean",
            "share_of_mean",
            "worst_years_mean",
            "share_of_worst_years",
        ],
        results.contributions.iter().map(|c| {
            vec![
                c.id.clone(),
                c.title.clone(),
                c.category.clone(),
                c.risk_type.clone(),
                num(c.weighted),
                num(c.mean),
                num(c.share_of_mean),
                num(c.worst_years_mean),
                num(c.share_of_worst_years),
            ]
        }),
    );
    let segments = table(
        &[
            "kind",
            "id",
            "name",
            "risks",
            "risk_amount_mean",
            "risk_amount_sd",
            "risk_amount_at_certainty",
        ],
        results
            .segments
            .iter()
            .flat_map(|s| [("category", &s.categories), ("type", &s.types)])
            .flat_map(|(kind, list)| {
                list.iter().map(move |s| {
                    vec![
                        kind.to_string(),
                        s.id.clone(),
                        s.name.clone(),
                        s.risks.to_string(),
                        num(s.mean),
                        num(s.sd),
                        num(s.at_certainty),
                    ]
                })
            }),
    );
    vec![
        ("percentielen.csv", percentiles),
        ("jaren.csv", years),
        ("gemeenten.csv", municipalities),
        ("bijdragen.csv", contributions),
        ("segmenten.csv", segments),
    ]
}

/// `vergelijking.csv`: one row per run and figure, in long form as the other CSVs: the value and
/// its difference from the base (the first run), as numbers (euros, probabilities as fractions; the
/// grade as its letter; an empty cell for a ratio that does not exist).
pub fn comparison(figures: &[crate::compare::Figures]) -> Vec<u8> {
    let base = &figures[0];
    let values = |f: &crate::compare::Figures| -> Vec<(String, Option<f64>)> {
        let mut v = vec![
            ("expected_risk_amount".to_string(), Some(f.expected_risk_amount)),
            ("required".to_string(), Some(f.required)),
            ("p_reserve_short".to_string(), Some(f.p_reserve_short)),
            ("overflow_mean".to_string(), Some(f.overflow_mean)),
            ("contribution_mean".to_string(), Some(f.contribution_mean)),
            (
                "contribution_at_certainty".to_string(),
                Some(f.contribution_at_certainty),
            ),
            ("ratio".to_string(), f.ratio),
        ];
        v.extend(
            f.municipalities
                .iter()
                .map(|(name, mean)| (format!("contribution_mean:{name}"), Some(*mean))),
        );
        v
    };
    let base_values = values(base);
    let mut rows = Vec::new();
    for f in figures {
        for ((figure, value), (_, base_value)) in values(f).into_iter().zip(&base_values) {
            let difference = match (value, base_value) {
                (Some(v), Some(b)) => num(v - b),
                _ => String::new(),
            };
            rows.push(vec![
                f.name.clone(),
                figure,
                value.map(num).unwrap_or_default(),
                difference,
            ]);
        }
        rows.push(vec![
            f.name.clone(),
            "grade".into(),
            f.grade.letter().into(),
            String::new(),
        ]);
    }
    table(&["run", "figure", "value", "difference"], rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        for text in [
            "=1+1",
            "+31 6",
            "-x",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://e\")",
        ] {
            assert_eq!(cell(text), format!("'{text}"), "{text:?}");
        }
        for text in ["-250000", "-1.5e3", "1e-3", "Beverwijk", "", "'al"] {
            assert_eq!(cell(text), text, "{text:?}");
        }
        let csv = String::from_utf8(table(&["a", "b"], [vec!["=cmd".to_string(), "-3.5".to_string()]])).unwrap();
        assert_eq!(csv, "a,b\n'=cmd,-3.5\n");
    }
}
