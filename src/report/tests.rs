//! The report and its charts on small registers.

use super::*;
use crate::date::Date;
use crate::model::Basis;
use crate::sim::{DEFAULT_PERCENTILES, Provenance, Settings, simulate};

fn register(title: &str) -> Register {
    let text = format!(
        "metadata: {{organisation: \"Test <GR>\"}}\nhorizon: {{first: 2026, last: 2027}}\n\
         reserve: {{cap: 500000, balance: 250000}}\n\
         verdeelsleutel: {{municipalities: [{{name: A, share: 60%}}, {{name: \"B | C\", share: 40%}}]}}\n\
         risks:\n\
         - {{id: R1, title: \"{title}\", category: uitvoering, type: commercieel, status: actueel, probability: 0.6, impact: {{pert: {{min: 100000, mode: 200000, max: 600000}}}}, mitigations: [{{description: \"*niet* vet\", state: uitgevoerd, impact_factor: 0.8}}]}}\n\
         - {{id: R2, title: Tweede, category: omgeving, type: politiek, status: potentieel, frequency: 1.5, impact: {{lognormal: {{p5: 10000, p95: 90000}}}}}}\n\
         - {{id: R3, title: Derde, category: omgeving, type: politiek, status: potentieel, probability: 0.3, impact: pm}}\n"
    );
    load("r.yaml", text.as_bytes())
}

/// A register read as every command reads one (from bytes instead of a file).
fn load(name: &str, bytes: &[u8]) -> Register {
    crate::inputs::Inputs::from_bytes(name, bytes, Date::parse("2026-01-01").unwrap())
        .map_err(|(_, e)| e)
        .and_then(|inputs| inputs.model(&[]))
        .expect("valid")
        .0
}

fn results(register: &Register) -> Results {
    let settings = Settings {
        iterations: 20_000,
        seed: 3,
        basis: Basis::Netto,
        percentiles: DEFAULT_PERCENTILES.to_vec(),
        certainty: None,
        keep_samples: true,
        extras: true,
    };
    let provenance = Provenance {
        register: "r.yaml".into(),
        sha256: "0".repeat(64),
        scenarios: Vec::new(),
    };
    simulate(register, &settings, &provenance, &|_| {})
}

/// The report on `register` with the built-in template, dated 1 December 2026.
fn report_of(register: &Register, lang: Lang) -> Report {
    let day = Date::parse("2026-12-01").unwrap();
    build(&results(register), register, lang, None, &[], day).unwrap()
}

#[test]
fn every_chart_is_a_non_empty_image_of_its_size_and_the_same_every_run() {
    let r = register("Eerste");
    let res = results(&r);
    let first = charts(&res, &r, Lang::Nl).unwrap();
    let names: Vec<&str> = first.iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            "verdeling",
            "zekerheid",
            "bijdragen",
            "risicokaart",
            "gemeenten",
            "jaren",
            "bruto-netto"
        ]
    );
    for chart in &first {
        let image = resvg::tiny_skia::Pixmap::decode_png(&chart.png).unwrap();
        assert_eq!(
            (image.width(), image.height()),
            (chart.width * chart::PNG_SCALE, chart.height * chart::PNG_SCALE),
            "{}",
            chart.name
        );
        let mut colours: Vec<[u8; 3]> = image.pixels().iter().map(|p| [p.red(), p.green(), p.blue()]).collect();
        let (total, white) = (colours.len(), colours.iter().filter(|c| **c == [255, 255, 255]).count());
        colours.sort_unstable();
        colours.dedup();
        assert!(colours.len() > 20, "{}: {} colours", chart.name, colours.len());
        assert!(white * 10 > total * 3, "{}: too little white", chart.name);
        assert!(
            chart.svg.starts_with("<svg") && chart.svg.contains("</svg>"),
            "{}",
            chart.name
        );
        assert!(
            chart.svg.contains(&chart.title.replace('&', "&amp;"))
                || chart.name == "risicokaart"
                || chart.svg.contains("<text")
        );
    }
    let again = charts(&res, &r, Lang::Nl).unwrap();
    for (a, b) in first.iter().zip(&again) {
        assert_eq!(a.png, b.png, "{} differs between runs", a.name);
        assert_eq!(a.svg, b.svg, "{} differs between runs", a.name);
    }
}

#[test]
fn the_html_references_nothing_outside_itself() {
    let r = register("Eerste");
    let report = report_of(&r, Lang::Nl);
    let html = &report.html;
    for forbidden in [
        "http:", "https:", "<link", "<script", "url(", "@import", "src=\"/", "src=\".",
    ] {
        assert!(!html.contains(forbidden), "{forbidden} in the HTML");
    }
    let images = html.matches("<img").count();
    assert_eq!(images, 7);
    assert_eq!(html.matches("src=\"data:image/png;base64,").count(), images);
    assert!(html.contains("@page { size: A4"));
}

#[test]
fn register_text_is_escaped_everywhere() {
    // A newline in a title (possible in YAML) would break a Markdown table row: it becomes a space.
    let r = register("<script>alert(1)</script> | *vet* [link](x)\r\nregel twee");
    let report = report_of(&r, Lang::Nl);
    let md = &report.markdown;
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\> \\| \\*vet\\* \\[link\\](x) regel twee"),
        "{md}"
    );
    assert!(md.contains("Test \\<GR\\>"));
    assert!(
        !md.contains("&lt;") && !md.contains("&gt;"),
        "plain Markdown, no HTML entities"
    );
    assert!(md.contains("B \\| C"));
    assert!(md.contains("\\*niet\\* vet (uitgevoerd)"));
    assert!(!report.html.contains("<script"));
    assert!(
        report
            .html
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; | *vet* [link](x) regel twee")
    );
    assert!(!report.html.contains("<em>vet</em>"));
}

#[test]
fn english_report() {
    let r = register("Eerste");
    let report = report_of(&r, Lang::En);
    assert!(
        report
            .markdown
            .starts_with("# Risk-bearing capacity and risk management 2026")
    );
    assert!(report.markdown.contains("## 4. Required against available capacity"));
    assert!(report.html.contains("<html lang=\"en\">"));
}

#[test]
fn a_norm_in_the_policy_is_judged() {
    let mut r = register("Eerste");
    r.policy.norm = Some(1.0);
    let res = results(&r);
    let met = res.headline.ratio.is_none_or(|x| x >= 1.0);
    let md = report_of(&r, Lang::Nl).markdown;
    let verdict = if met {
        "wordt die norm gehaald"
    } else {
        "wordt die norm niet gehaald"
    };
    assert!(
        md.contains("Het bestuur hanteert als norm een ratio weerstandsvermogen van ten minste 1; met een ratio van "),
        "{md}"
    );
    assert!(md.contains(verdict), "{md}");
}

#[test]
fn a_users_template_and_its_errors() {
    let r = register("Eerste");
    let res = results(&r);
    let report = build(
        &res,
        &r,
        Lang::Nl,
        Some("Benodigd: {{ facts.required }} — {{ meta.organisation }}\n"),
        &[],
        Date::parse("2026-12-01").unwrap(),
    )
    .unwrap();
    assert!(
        report
            .markdown
            .starts_with("Benodigd: Benodigde weerstandscapaciteit 2026 (90% zekerheid): € "),
        "{}",
        report.markdown
    );
    assert!(report.markdown.contains("Test \\<GR\\>"));
    let err = build(
        &res,
        &r,
        Lang::Nl,
        Some("Titel\n{{ facts.no_such_fact }}"),
        &[],
        Date::parse("2026-12-01").unwrap(),
    )
    .unwrap_err();
    assert!(matches!(err, ReportError::Template { .. }));
    // minijinja words the detail differently with and without debug assertions; the line and the
    // name of the missing value are what the user needs.
    let message = err.message(Lang::Nl);
    assert!(
        message.starts_with("fout in het sjabloon, regel 2, kolom 4: undefined value"),
        "{message}"
    );
    assert_eq!(message.matches("facts.no_such_fact").count(), 1, "{message}");
}

/// A user's template runs within a budget of work and of output, and says so when it runs out.
#[test]
fn a_template_that_loops_or_writes_without_end_is_stopped() {
    let r = register("Eerste");
    let res = results(&r);
    let run = |template: &str| {
        build(
            &res,
            &r,
            Lang::Nl,
            Some(template),
            &[],
            Date::parse("2026-12-01").unwrap(),
        )
        .map(|_| ())
        .map_err(|e| e.message(Lang::Nl))
    };
    let loops = "{% for a in range(10000) %}{% for b in range(10000) %}{% for c in range(10000) %}{% endfor %}{% endfor %}{% endfor %}";
    let e = run(loops).unwrap_err();
    assert!(e.contains("het sjabloon rekent te lang"), "{e}");
    let writes = "{% for a in range(100000) %}{{ 'x' * 1000 }}{% endfor %}";
    let e = run(writes).unwrap_err();
    assert!(e.contains("het sjabloon schrijft meer dan 16 MiB"), "{e}");
    // The built-in template stays within the budget.
    assert!(run(markdown::TEMPLATE_NL).is_ok());
}

/// The shipped register, as a user runs it.
fn shipped() -> Register {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("risks/ijmond-werkt-2026.yaml");
    load("ijmond-werkt-2026.yaml", &std::fs::read(path).unwrap())
}

/// Every chart a user can get: the report's, a comparison whose scenario only moves the reserve,
/// and a sweep, on the shipped register and a small one, in both languages.
fn every_chart() -> Vec<chart::Rendered> {
    let mut out = Vec::new();
    for register in [shipped(), register("Eerste")] {
        let base = results(&register);
        for lang in [Lang::Nl, Lang::En] {
            out.extend(charts(&base, &register, lang).unwrap());
            let mut fuller = register.clone();
            fuller.reserve.balance = vec![fuller.reserve.cap; fuller.reserve.balance.len()];
            let runs = vec![
                crate::compare::Run {
                    name: "Basis (register)".into(),
                    description: None,
                    results: results(&register),
                },
                crate::compare::Run {
                    name: "Reserve op het plafond".into(),
                    description: None,
                    results: results(&fuller),
                },
            ];
            out.push(chart::render(&crate::compare::chart(&runs, lang)).unwrap());
            let percent = crate::scenario::parameter::Parameter {
                subject: Some("T4-01 Niet begrote loonsverhoging op basis van nieuwe cao afspraken voor SW, cao Aan de Slag en ambtenaren".into()),
                label: "percentage van Loonsom SW, Beschut Werk en ambtelijk".into(),
                unit: crate::scenario::parameter::Unit::Percent,
            };
            out.push(
                chart::render(&chart::sweep::Sweep {
                    parameter: percent,
                    values: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
                    expected: (1..=8).map(|k| 4_000_000.0 + 217_790.0 * f64::from(k)).collect(),
                    required: (1..=8).map(|k| 5_200_000.0 + 217_790.0 * f64::from(k)).collect(),
                    reserve: vec![250_000.0; 8],
                    certainty: "90%".into(),
                    crossing: Some(3.5),
                    lang,
                })
                .unwrap(),
            );
            // The waterfall of a real comparison: the register against a copy with every risk's
            // probability raised, and one removed (some steps up, one down, the rest together).
            let mut newer = register.clone();
            for risk in &mut newer.risks {
                if let Some(crate::model::Occurrence::Probability(p)) = &mut risk.occurrence {
                    *p = (*p * 1.2).min(1.0);
                }
            }
            let gone = newer.risks.iter().position(|r| r.is_quantified()).unwrap();
            newer.risks.remove(gone);
            let settings = crate::diff::Settings {
                iterations: 2000,
                seed: 1,
                basis: crate::model::Basis::Netto,
                certainty: None,
            };
            let d = crate::diff::diff(&register, &newer, &settings);
            out.push(chart::render(&chart::waterfall::Waterfall { diff: &d, lang }).unwrap());
        }
    }
    out
}

#[test]
fn charts_are_legible_in_print() {
    for chart in every_chart() {
        let labels = chart::inspect::labels(&chart.svg);
        assert!(labels.len() > 5, "{}: {} texts", chart.name, labels.len());
        for label in &labels {
            let pt = label.points(chart.width);
            assert!(
                pt >= chart::MIN_TEXT_PT,
                "{}: '{}' is {pt:.2} pt on paper",
                chart.name,
                label.text
            );
        }
        let first_line = labels.first().map(|l| l.text.clone()).unwrap_or_default();
        assert!(
            chart.title.starts_with(&first_line),
            "{}: the title comes first",
            chart.name
        );
        let title = labels[0].points(chart.width);
        assert!(title >= chart::MIN_TITLE_PT, "{}: title {title:.2} pt", chart.name);
    }
}

#[test]
fn no_text_leaves_the_canvas_or_covers_another() {
    for chart in every_chart() {
        let labels = chart::inspect::labels(&chart.svg);
        let (w, h) = (chart.width as f32, chart.height as f32);
        for label in &labels {
            let (l, t, r, b) = label.ink;
            assert!(
                l >= 0.0 && t >= 0.0 && r <= w && b <= h,
                "{}: '{}' at {:?} leaves the canvas of {w} × {h}",
                chart.name,
                label.text,
                label.ink
            );
        }
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(
                    !a.overlaps(b, 0.5),
                    "{}: '{}' {:?} covers '{}' {:?}",
                    chart.name,
                    a.text,
                    a.ink,
                    b.text,
                    b.ink
                );
            }
        }
    }
}

/// `compare`, the terminal summary and the paragraph's tables give every shared figure under the
/// same name with the same value.
#[test]
fn compare_the_summary_and_the_tables_agree_on_every_shared_figure() {
    let register = register("Een risico");
    let results = results(&register);
    for lang in [Lang::Nl, Lang::En] {
        let _style = crate::format::style(lang);
        let facts = crate::summary::facts(&results, lang);
        let runs = [crate::compare::Run {
            name: "Basis".into(),
            description: None,
            results: results.clone(),
        }];
        let rows = crate::compare::rows(&runs, lang);
        let row = |name: crate::vocabulary::Figure| {
            rows.iter()
                .find(|r| r.label.starts_with(name.name(lang)))
                .unwrap_or_else(|| panic!("{name:?} not in compare"))
        };
        use crate::vocabulary::Figure;
        // Name and value, as the summary words them.
        for (figure, fact) in [
            (Figure::ExpectedRiskAmount, &facts.expected),
            (Figure::Required, &facts.required),
            (Figure::ChanceReserveShort, &facts.chance),
        ] {
            let r = row(figure);
            assert!(
                fact.starts_with(&format!("{}: {}", r.label, r.values[0])),
                "{fact:?} against {:?} {:?}",
                r.label,
                r.values
            );
        }
        // The overflow and the ratio: the same value.
        assert!(
            facts
                .overflow
                .contains(&format!("{} ", row(Figure::Overflow).values[0]))
        );
        assert!(facts.ratio.starts_with(&format!(
            "{}: {} ",
            Figure::Ratio.name(lang),
            row(Figure::Ratio).values[0]
        )));
        // The per-year table: the same chance and contribution as compare and the summary.
        let years = crate::tables::years(&results, lang);
        let first = years.cells(crate::tables::Amounts::Euros).remove(0);
        assert_eq!(first[4], row(Figure::ChanceReserveShort).values[0]);
        assert!(
            facts.overflow.ends_with(&format!(
                "{} {}, {} {} 90%",
                first[5],
                lang.pick("verwacht", "expected"),
                first[6],
                lang.pick("bij", "at")
            )),
            "{}",
            facts.overflow
        );
        assert_eq!(years.columns[4], Figure::ChanceReserveShort.name(lang));
    }
}
