//! A sweep: the figures along one parameter (`--set PATH=FROM..TO:STEP`), each point simulated with
//! the same seed (common random numbers), and where the chance that the reserve falls short
//! crosses 10%. The command (`commands::sweep`) runs the points and shows them.

use crate::compare::RunError;
use crate::yaml::{Node, Value};
use serde::Serialize;

/// A sweep's points and what the reader needs beside them.
pub struct Swept {
    pub points: Vec<Point>,
    /// The first point's manifest (seed, iterations, register).
    pub manifest: crate::results::Manifest,
    /// The register's amount unit: the values are as written in the file.
    pub unit: f64,
    /// The parameter in words, with its unit.
    pub described: crate::scenario::parameter::Parameter,
    /// The register's date, for the workbook.
    pub date: crate::date::Date,
}

/// What a point's run gets: its register, where it came from, and what all points' runs share.
pub type Simulate<'a, E> = dyn FnMut(&crate::model::Register, &crate::sim::Provenance, &crate::sim::Shared) -> Result<crate::results::Results, E>
    + 'a;

/// Runs the register (with `scenarios`) at every value of `parameter` (a scenario of one change,
/// its value replaced at each point), each with `simulate`: the same seed, so the same draws. The
/// risks the parameter leaves unchanged are drawn once for all points ([`crate::sim::Shared`]).
/// `values` holds at least one value.
pub fn run<E>(
    inputs: &crate::inputs::Inputs,
    scenarios: &[crate::scenario::Scenario],
    parameter: &mut crate::scenario::Scenario,
    values: &[f64],
    settings: &crate::sim::Settings,
    lang: crate::Lang,
    simulate: &mut Simulate<E>,
) -> Result<Swept, RunError<E>> {
    let mut modelled = Vec::with_capacity(values.len());
    for &value in values {
        let set = &mut parameter.sets[0];
        set.value = Node {
            value: Value::Float(value),
            span: set.at,
        };
        let applied: Vec<&crate::scenario::Scenario> = scenarios.iter().chain(std::iter::once(&*parameter)).collect();
        let (register, _) = inputs.model(&applied).map_err(RunError::Input)?;
        let provenance = inputs.provenance(&applied, &register, lang);
        modelled.push((value, register, provenance));
    }
    let registers: Vec<&crate::model::Register> = modelled.iter().map(|(_, r, _)| r).collect();
    let shared = crate::sim::Shared::new(&registers, settings);
    let mut points = Vec::with_capacity(values.len());
    let mut first = None;
    for (value, register, provenance) in &modelled {
        let value = *value;
        let r = simulate(register, provenance, &shared).map_err(RunError::Simulate)?;
        if first.is_none() {
            first = Some((
                r.manifest.clone(),
                register.metadata.unit,
                crate::scenario::parameter::describe(&parameter.sets[0].path, register, lang),
                register.date(),
            ));
        }
        points.push(Point::of(value, &r));
    }
    let (manifest, unit, described, date) = first.expect("at least one value");
    Ok(Swept {
        points,
        manifest,
        unit,
        described,
        date,
    })
}

/// Most points a sweep runs.
pub const MAX_POINTS: usize = 200;

/// The chance of a shortfall beyond the reserve whose crossing a sweep reports.
pub const THRESHOLD: f64 = 0.1;

/// One point of a sweep.
#[derive(Clone, Debug, Serialize)]
pub struct Point {
    pub value: f64,
    pub expected_risk_amount: f64,
    pub required: f64,
    pub reserve: f64,
    pub p_reserve_short: f64,
    pub contribution_mean: f64,
    pub ratio: Option<f64>,
    pub grade: crate::grade::Grade,
}

impl Point {
    /// The point of a parameter's value: the figures of its run.
    pub fn of(value: f64, r: &crate::results::Results) -> Point {
        Point {
            value,
            expected_risk_amount: r.headline.expected_risk_amount,
            required: r.headline.required.value,
            reserve: r.headline.available,
            p_reserve_short: r.years[0].p_reserve_short,
            contribution_mean: r.horizon.contribution.mean,
            ratio: r.headline.ratio,
            grade: r.headline.grade,
        }
    }
}

/// `FROM..TO:STEP` as the values it covers (TO included when a step lands on it).
pub fn range(text: &str) -> Option<Vec<f64>> {
    let (span, step) = text.trim().split_once(':')?;
    let (from, to) = span.split_once("..")?;
    let number = |t: &str| t.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite());
    let (from, to, step) = (number(from)?, number(to)?, number(step)?);
    if step <= 0.0 || to < from {
        return None;
    }
    // Counted in floating point before any cast: a step so small that the count does not fit in
    // an integer is simply too many points.
    let count = ((to - from) / step + 1e-9).floor() + 1.0;
    if !(1.0..=MAX_POINTS as f64).contains(&count) {
        return None;
    }
    let values: Vec<f64> = (0..count as usize).map(|k| from + k as f64 * step).collect();
    // A step below the values' precision would give the same point twice.
    values.windows(2).all(|w| w[0] < w[1]).then_some(values)
}

/// Where the chance crosses the threshold, linearly interpolated between the points around it.
pub fn crossing(points: &[Point]) -> Option<f64> {
    points.windows(2).find_map(|w| {
        let (a, b) = (&w[0], &w[1]);
        let (da, db) = (a.p_reserve_short - THRESHOLD, b.p_reserve_short - THRESHOLD);
        if da == 0.0 {
            Some(a.value)
        } else if da * db < 0.0 || db == 0.0 {
            Some(
                a.value
                    + (THRESHOLD - a.p_reserve_short) * (b.value - a.value) / (b.p_reserve_short - a.p_reserve_short),
            )
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any range is refused or gives 1 to 200 strictly increasing points from `from` to `to`.
        #[test]
        fn a_range_is_refused_or_a_few_increasing_points(
            from in -1e12..1e12f64,
            width in 0.0..1e12f64,
            log_step in -300.0..12.0f64,
        ) {
            let (to, step) = (from + width, 10f64.powf(log_step));
            if let Some(values) = range(&format!("{from:e}..{to:e}:{step:e}")) {
                proptest::prop_assert!((1..=MAX_POINTS).contains(&values.len()));
                proptest::prop_assert!(values.windows(2).all(|w| w[0] < w[1]));
                proptest::prop_assert!(values[0] == from && *values.last().unwrap() <= to + step * 1e-6);
            }
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(range("1..8:1"), Some((1..=8).map(f64::from).collect()));
        assert_eq!(range("0,5..1,5:0,5"), Some(vec![0.5, 1.0, 1.5]));
        assert_eq!(range("250..1000:250").map(|v| v.len()), Some(4));
        assert_eq!(range("1..8"), None);
        assert_eq!(range("8..1:1"), None);
        assert_eq!(range("1..8:0"), None);
        assert_eq!(range("0..1000:1"), None, "more than 200 points");
        assert_eq!(range("0..1:1e-300"), None, "a count beyond any integer");
        assert_eq!(range("0..1e300:1e-300"), None);
        assert_eq!(range("1e16..1e16:1"), Some(vec![1e16]));
        assert_eq!(
            range("1e16..100000000000000002:0,5"),
            None,
            "a step below the values' precision"
        );
    }

    fn point(value: f64, p: f64) -> Point {
        Point {
            value,
            expected_risk_amount: 0.0,
            required: 0.0,
            reserve: 0.0,
            p_reserve_short: p,
            contribution_mean: 0.0,
            ratio: None,
            grade: crate::grade::Grade::A,
        }
    }

    #[test]
    fn the_ten_percent_crossing_is_interpolated() {
        let points = [point(1.0, 0.02), point(2.0, 0.06), point(3.0, 0.14), point(4.0, 0.3)];
        assert_eq!(crossing(&points), Some(2.5));
        let falling = [point(250.0, 0.5), point(500.0, 0.2), point(750.0, 0.05)];
        assert!((crossing(&falling).unwrap() - (500.0 + 0.1 / 0.15 * 250.0)).abs() < 1e-9);
        assert_eq!(crossing(&[point(1.0, 1.0), point(2.0, 1.0)]), None);
    }
}
