//! The tables as CSV (comma-separated, decimal point, amounts in euros, probabilities as fractions),
//! one file per table, for spreadsheets and other tools.

use crate::results::Results;

fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(header).expect("in memory");
    for row in rows {
        w.write_record(&row).expect("in memory");
    }
    w.into_inner().expect("in memory")
}

fn num(x: f64) -> String {
    format!("{}", (x * 1e6).round() / 1e6)
}

/// The CSV files of a run: (file name, contents).
pub fn tables(results: &Results) -> Vec<(&'static str, Vec<u8>)> {
    let percentiles = table(
        &["year", "p", "value", "ci_low", "ci_high"],
        results.years.iter().flat_map(|y| {
            y.loss.percentiles.iter().map(move |p| {
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
            "mean",
            "sd",
            "at_certainty",
            "reserve_start_mean",
            "p_overflow",
            "overflow_mean",
            "overflow_at_certainty",
            "replenishment_mean",
            "contribution_mean",
            "contribution_at_certainty",
        ],
        results.years.iter().map(|y| {
            vec![
                y.year.to_string(),
                num(y.loss.mean),
                num(y.loss.sd),
                num(y.loss.at_certainty.value),
                num(y.reserve_start_mean),
                num(y.p_overflow),
                num(y.overflow_mean),
                num(y.overflow_at_certainty),
                num(y.replenishment_mean),
                num(y.contribution_mean),
                num(y.contribution_at_certainty),
            ]
        }),
    );
    let municipalities = table(
        &["municipality", "share", "year", "mean", "at_certainty"],
        results.municipalities.iter().flat_map(|m| {
            m.per_year
                .iter()
                .map(|y| {
                    vec![
                        m.name.clone(),
                        num(m.share),
                        y.year.to_string(),
                        num(y.mean),
                        num(y.at_certainty),
                    ]
                })
                .chain(std::iter::once(vec![
                    m.name.clone(),
                    num(m.share),
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
            "mean",
            "share_of_mean",
            "tail_mean",
            "share_of_tail",
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
                num(c.tail_mean),
                num(c.share_of_tail),
            ]
        }),
    );
    let segments = table(
        &["kind", "id", "name", "risks", "mean", "sd", "at_certainty"],
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
