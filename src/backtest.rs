//! The back-test: for each year of the horizon that has realised figures, where the realised risk
//! amount fell in the simulated distribution of that year (its percentile), which risks occurred
//! and how their amounts compare with their ranges; and, over the years, whether the realised
//! amounts are consistent with the forecasts: at the zekerheidspercentage of 90% about one year in
//! ten may lie above the benodigde capaciteit, and the number of years that did is weighed with the
//! binomial distribution.

use crate::model::{Outcome, Register};
use crate::results::Results;
use serde::Serialize;

/// Where an amount lies against a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    Below,
    Within,
    Above,
}

/// A risk that occurred, against its range per occurrence.
#[derive(Clone, Debug, Serialize)]
pub struct RiskCheck {
    pub id: String,
    pub title: String,
    pub amount: f64,
    /// Its impact's range in that year (min–max; the 90% interval for a lognormal).
    pub low: f64,
    pub high: f64,
    pub position: Position,
}

/// One realised year.
#[derive(Clone, Debug, Serialize)]
pub struct YearCheck {
    pub year: i32,
    pub risk_amount: f64,
    /// The share of simulated years at or below it.
    pub percentile: f64,
    /// Whether it lies above the benodigde capaciteit (its percentile above the zekerheid).
    pub above: bool,
    pub risks: Vec<RiskCheck>,
    /// Risks that occurred but are not simulated (PM, the deelnemers', resolved): left out of the
    /// realised amount.
    pub left_out: Vec<String>,
}

/// The back-test over every realised year of the horizon.
#[derive(Clone, Debug, Serialize)]
pub struct Backtest {
    pub certainty: f64,
    pub years: Vec<YearCheck>,
    /// How many years lay above the benodigde capaciteit.
    pub above: usize,
    /// How many were to be expected: years × (1 − zekerheid).
    pub expected_above: f64,
    /// The chance of at least `above` such years if the forecasts are right (binomial).
    pub p_value: f64,
    /// Whether that chance is at least 5%: nothing says the forecasts were too low.
    pub consistent: bool,
}

/// P(X ≥ k) for X binomial(n, p).
pub fn binomial_tail(n: usize, k: usize, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    let below: f64 = (0..k)
        .map(|i| {
            let ln_choose = (1..=i).map(|j| ((n - i + j) as f64 / j as f64).ln()).sum::<f64>();
            (ln_choose + i as f64 * p.ln() + (n - i) as f64 * (1.0 - p).ln()).exp()
        })
        .sum();
    (1.0 - below).clamp(0.0, 1.0)
}

/// The back-test of `results` against the register's realised years, when it has any in the
/// horizon.
pub fn backtest(register: &Register, results: &Results) -> Option<Backtest> {
    if results.realised.is_empty() {
        return None;
    }
    let certainty = results.manifest.certainty;
    let basis = results.manifest.basis;
    let years: Vec<YearCheck> = results
        .realised
        .iter()
        .map(|r| {
            let realised = register
                .realised_year(r.year)
                .expect("a simulated realised year is in the register");
            let year_index = register.horizon.index_of(r.year).unwrap_or(0);
            let occurred = realised.risks.iter().filter(|o| o.outcome == Outcome::Opgetreden);
            let mut risks = Vec::new();
            let mut left_out = Vec::new();
            for o in occurred {
                let risk = &register.risks[o.risk];
                let dist = risk
                    .is_quantified()
                    .then(|| risk.effective(basis).1.amount_in(&register.drivers, year_index))
                    .flatten();
                match (dist, o.amount) {
                    (Some(dist), Some(amount)) => {
                        let (low, high) = dist.range();
                        let sign = risk.direction.sign();
                        let magnitude = amount * sign;
                        risks.push(RiskCheck {
                            id: risk.id.clone(),
                            title: risk.title.clone(),
                            amount,
                            low: low * sign,
                            high: high * sign,
                            position: if magnitude < low {
                                Position::Below
                            } else if magnitude > high {
                                Position::Above
                            } else {
                                Position::Within
                            },
                        });
                    }
                    _ => left_out.push(risk.id.clone()),
                }
            }
            YearCheck {
                year: r.year,
                risk_amount: r.risk_amount,
                percentile: r.percentile,
                above: r.percentile > certainty,
                risks,
                left_out,
            }
        })
        .collect();
    let above = years.iter().filter(|y| y.above).count();
    let p_value = binomial_tail(years.len(), above, 1.0 - certainty);
    Some(Backtest {
        certainty,
        expected_above: years.len() as f64 * (1.0 - certainty),
        above,
        p_value,
        consistent: p_value >= 0.05,
        years,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture: one certain risk uniform on € 0 – € 1.000.000, realised at € 250.000 (2023),
    /// € 950.000 (2024) and € 1.200.000 (2025), and a PM risk that occurred. Each percentile lies
    /// within four standard errors of the exact one (0,25; 0,95; 1), two years lie above the P90
    /// where 0,3 were expected, and P(X ≥ 2) for binomial(3; 0,1) is 0,028: not consistent.
    #[test]
    fn the_realised_years_against_the_simulation() {
        let text = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/terugblik.yaml")).unwrap();
        let today = crate::date::Date::parse("2026-01-01").unwrap();
        let inputs = crate::inputs::Inputs::from_bytes("terugblik.yaml", &text, today).unwrap_or_else(|_| panic!());
        let (register, _) = inputs.model(&[]).unwrap_or_else(|_| panic!());
        let n = 40_000;
        let settings = crate::sim::Settings {
            iterations: n,
            seed: 11,
            basis: crate::model::Basis::Netto,
            percentiles: vec![0.5, 0.9],
            certainty: None,
            keep_samples: false,
            extras: false,
        };
        let results = crate::sim::simulate(&register, &settings, &crate::sim::Provenance::default(), &|_| {});
        let b = backtest(&register, &results).unwrap();
        let got: Vec<(i32, f64)> = b.years.iter().map(|y| (y.year, y.percentile)).collect();
        for ((year, p), exact) in got.iter().zip([0.25, 0.95, 1.0]) {
            let se = (exact * (1.0 - exact) / n as f64).sqrt();
            assert!(
                (p - exact).abs() <= 4.0 * se + 1e-12,
                "{year}: {p} against {exact} (SE {se})"
            );
        }
        assert_eq!(b.years.iter().map(|y| y.above).collect::<Vec<_>>(), [false, true, true]);
        assert_eq!(b.above, 2);
        assert!((b.expected_above - 0.3).abs() < 1e-12);
        assert!((b.p_value - 0.028).abs() < 1e-12);
        assert!(!b.consistent);
        let positions: Vec<Position> = b
            .years
            .iter()
            .flat_map(|y| y.risks.iter().map(|r| r.position))
            .collect();
        assert_eq!(positions, [Position::Within, Position::Within, Position::Above]);
        assert_eq!(b.years[0].left_out, ["R2"]);
        assert_eq!(b.years[0].risk_amount, 250_000.0, "the PM risk's 40.000 is not counted");
    }

    #[test]
    fn binomial_tails_match_hand_computed_values() {
        // P(X ≥ 1) for n = 3, p = 0,1: 1 − 0,9³ = 0,271.
        assert!((binomial_tail(3, 1, 0.1) - 0.271).abs() < 1e-12);
        // P(X ≥ 2): 3·0,01·0,9 + 0,001 = 0,028.
        assert!((binomial_tail(3, 2, 0.1) - 0.028).abs() < 1e-12);
        assert_eq!(binomial_tail(3, 0, 0.1), 1.0);
        assert!((binomial_tail(3, 3, 0.1) - 0.001).abs() < 1e-12);
    }
}
