//! `weerstand sweep FILE --set PATH=FROM..TO:STEP`: the figures along one parameter.

use super::simulate::{run_simulation, settings};
use super::{Env, fail, read_inputs};
use crate::chart;
use crate::cli::RunArgs;
use crate::diagnostic::{Diagnostic, Severity, render_all};
use crate::error::{Error, Outcome};
use crate::format::{chance, decimal, euro};
use crate::lang::Lang;
use crate::output::emit;
use crate::problem::Problem;
use crate::results::Manifest;
use crate::scenario::Scenario;
use crate::source::Span;
use crate::table;
use crate::vocabulary::Figure;
use crate::yaml::{Node, Value};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

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

pub fn run(
    env: &Env,
    path: &Path,
    scenario_files: &[PathBuf],
    sets: &[String],
    args: &RunArgs,
    out_dir: Option<&Path>,
    out: &mut dyn Write,
) -> Outcome {
    let lang = env.lang;
    let ranged: Vec<&String> = sets
        .iter()
        .filter(|s| s.split_once('=').is_some_and(|(_, v)| v.contains("..")))
        .collect();
    if ranged.len() != 1 {
        return Err(Error::Usage(
            lang.pick(
                "geef precies één --set PAD=VAN..TOT:STAP",
                "give exactly one --set PATH=FROM..TO:STEP",
            )
            .to_string(),
        ));
    }
    let fixed: Vec<String> = sets.iter().filter(|s| !ranged.contains(s)).cloned().collect();
    let (path_text, range_text) = ranged[0].split_once('=').expect("checked");
    let (mut inputs, scenarios, _) = read_inputs(env, path, scenario_files, &fixed)?;
    super::check_out(out_dir, &inputs.files, lang)?;
    let Some(values) = range(range_text) else {
        let id = inputs.sources.add(format!("--set {path_text}"), range_text.to_string());
        let span = Span {
            source: id,
            line: 1,
            column: 1,
            start: 0,
            len: range_text.len(),
        };
        let d = Diagnostic {
            severity: Severity::Error,
            span: Some(span),
            subject: None,
            problem: Problem::BadRange {
                text: range_text.to_string(),
            },
        };
        return Err(Error::Invalid(render_all(&[d], &inputs.sources, lang)));
    };
    // The parameter as a scenario of one change, its value replaced at every point.
    let mut parameter = inputs
        .sets(&[format!("{path_text}=0")])
        .map_err(|e| fail(&inputs.sources, e, lang))?;
    parameter.name = path_text.trim().to_string();
    let mut settings = settings(args);
    settings.extras = false;
    let mut points = Vec::with_capacity(values.len());
    let mut manifest = None;
    let mut unit = 1.0;
    let mut described = None;
    for &value in &values {
        let set = &mut parameter.sets[0];
        set.value = Node {
            value: Value::Float(value),
            span: set.at,
        };
        let applied: Vec<&Scenario> = scenarios.iter().chain(std::iter::once(&parameter)).collect();
        let (register, _) = inputs.model(&applied).map_err(|e| fail(&inputs.sources, e, lang))?;
        let r = run_simulation(
            &register,
            &settings,
            &inputs.provenance(&applied, &register, lang),
            args,
            lang,
        )?;
        manifest.get_or_insert_with(|| r.manifest.clone());
        unit = register.metadata.unit;
        described.get_or_insert_with(|| crate::scenario::parameter::describe(&parameter.sets[0].path, &register, lang));
        points.push(Point {
            value,
            expected_risk_amount: r.headline.expected_risk_amount,
            required: r.headline.required.value,
            reserve: r.headline.available,
            p_reserve_short: r.years[0].p_reserve_short,
            contribution_mean: r.horizon.contribution.mean,
            ratio: r.headline.ratio,
            grade: r.headline.grade,
        });
    }
    let crossing = crossing(&points);
    let parameter_name = path_text.trim();
    let described = described.expect("at least one point");
    emit(
        out,
        &render(parameter_name, &described, &points, crossing, &settings, unit, lang),
        lang,
    )?;
    if let Some(dir) = out_dir {
        let written = write(
            parameter_name,
            described,
            &points,
            manifest.as_ref().expect("at least one point"),
            dir,
            &inputs.files,
            lang,
        )?;
        emit(out, &super::written_line(&written, lang), lang)?;
    }
    Ok(())
}

/// `unit` is the register's amount unit: the values are written as in the file, so a reader must know it.
fn render(
    parameter: &str,
    described: &crate::scenario::parameter::Parameter,
    points: &[Point],
    crossing: Option<f64>,
    settings: &crate::sim::Settings,
    unit: f64,
    lang: Lang,
) -> String {
    let mut text = format!(
        "{} {parameter}: {} {} ({} {}, seed {})\n",
        lang.pick("Doorrekening van", "Sweep of"),
        points.len(),
        lang.pick("punten", "points"),
        decimal(settings.iterations as f64, 0),
        lang.pick("iteraties per punt", "iterations per point"),
        settings.seed
    );
    // The value as written in the file (for the next --set) and what it means: an amount in euros,
    // a percentage; never a bare 4.000 that is € 4 miljoen in a register kept in € 1.000.
    let amount = matches!(described.unit, crate::scenario::parameter::Unit::Euro { .. });
    if amount && unit != 1.0 {
        text.push_str(&format!(
            "{} {}); {}\n",
            lang.pick(
                "De eerste kolom staat in de eenheden van het registerbestand (bedragen x",
                "The first column is in the register file's units (amounts x"
            ),
            euro(unit),
            lang.pick("de tweede zegt wat dat is.", "the second says what that is.")
        ));
    }
    let mut t = table::new(
        &[
            lang.pick("in het bestand", "in the file"),
            &table::truncate(&described.label, 28),
            Figure::ExpectedRiskAmount.name(lang),
            Figure::Required.name(lang),
            Figure::ChanceReserveShort.name(lang),
            &format!(
                "{} {}",
                Figure::ExtraContribution.name(lang),
                lang.pick("over de horizon", "over the horizon")
            ),
            Figure::Ratio.name(lang),
            lang.pick("Klasse", "Grade"),
        ],
        &[0, 1, 2, 3, 4, 5, 6],
    );
    for p in points {
        t.add_row(vec![
            decimal(p.value, 4),
            described.value(p.value),
            euro(p.expected_risk_amount),
            euro(p.required),
            chance(p.p_reserve_short),
            euro(p.contribution_mean),
            crate::format::ratio(p.ratio),
            p.grade.letter().to_string(),
        ]);
    }
    text.push_str(&format!("{t}\n"));
    let lo = points.iter().map(|p| p.p_reserve_short).fold(f64::INFINITY, f64::min);
    let hi = points
        .iter()
        .map(|p| p.p_reserve_short)
        .fold(f64::NEG_INFINITY, f64::max);
    text.push_str(&match (crossing, lang) {
        (Some(x), Lang::Nl) => format!(
            "De kans dat de reserve in het eerste jaar tekortschiet is 10% bij {}: {} ({parameter} = {}, lineair tussen de punten).\n",
            described.full(),
            described.value(x),
            decimal(x, 3)
        ),
        (Some(x), Lang::En) => format!(
            "The chance that the reserve falls short in the first year is 10% at {}: {} ({parameter} = {}, linear between the points).\n",
            described.full(),
            described.value(x),
            decimal(x, 3)
        ),
        (None, _) if chance(lo) == chance(hi) => format!(
            "{} {}{}\n",
            lang.pick("De kans dat de reserve in het eerste jaar tekortschiet is over het hele bereik", "The chance that the reserve falls short in the first year is, over the whole range,"),
            chance(lo),
            lang.pick(": de grens van 10% valt erbuiten.", ": 10% is outside it."),
        ),
        (None, Lang::Nl) => format!(
            "De kans dat de reserve in het eerste jaar tekortschiet ligt over het hele bereik tussen {} en {}: de grens van 10% valt erbuiten.\n",
            chance(lo),
            chance(hi)
        ),
        (None, Lang::En) => format!(
            "The chance that the reserve falls short in the first year lies between {} and {} over the whole range: 10% is outside it.\n",
            chance(lo),
            chance(hi)
        ),
    });
    text
}

fn write(
    parameter: &str,
    described: crate::scenario::parameter::Parameter,
    points: &[Point],
    manifest: &Manifest,
    dir: &Path,
    inputs: &[PathBuf],
    lang: Lang,
) -> Outcome<Vec<PathBuf>> {
    let fail = Error::Usage;
    let crossing = crossing(points);
    let mut json = serde_json::to_vec_pretty(&serde_json::json!({
        "manifest": manifest,
        "parameter": parameter,
        "parameter_label": described.full(),
        "threshold": THRESHOLD,
        "crossing": crossing,
        "points": points,
    }))
    .expect("serializable");
    json.push(b'\n');
    let csv = crate::export::csv::table(
        &[
            "value",
            "expected_risk_amount",
            "required",
            "reserve",
            "p_reserve_short",
            "contribution_mean",
            "ratio",
            "grade",
        ],
        points.iter().map(|p| {
            vec![
                p.value.to_string(),
                p.expected_risk_amount.to_string(),
                p.required.to_string(),
                p.reserve.to_string(),
                p.p_reserve_short.to_string(),
                p.contribution_mean.to_string(),
                p.ratio.map_or_else(String::new, |r| r.to_string()),
                p.grade.letter().to_string(),
            ]
        }),
    );
    let certainty = crate::format::percent(manifest.certainty, 1);
    let rendered = chart::render(&chart::sweep::Sweep {
        parameter: described,
        values: points.iter().map(|p| p.value).collect(),
        expected: points.iter().map(|p| p.expected_risk_amount).collect(),
        required: points.iter().map(|p| p.required).collect(),
        reserve: points.iter().map(|p| p.reserve).collect(),
        certainty,
        crossing,
        lang,
    })
    .map_err(fail)?;
    let files = vec![
        ("doorrekening.json", json),
        ("doorrekening.csv", csv),
        ("doorrekening.png", rendered.png),
        ("doorrekening.svg", rendered.svg.into_bytes()),
    ];
    super::write_files(dir, files, inputs, lang)
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
