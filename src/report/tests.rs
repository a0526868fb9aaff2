//! The report and its charts on small registers.

use super::*;
use crate::date::Date;
use crate::sim::{DEFAULT_PERCENTILES, Provenance, Settings, simulate};
use crate::source::Sources;

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
    let mut sources = Sources::new();
    let id = sources.add("r.yaml", text);
    crate::register::from_source(sources, id, Date::parse("2026-01-01").unwrap())
        .expect("valid")
        .register
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
    simulate(register, &settings, &provenance, &|| {})
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
        let image = image::load_from_memory_with_format(&chart.png, image::ImageFormat::Png)
            .unwrap()
            .to_rgb8();
        assert_eq!(
            (image.width(), image.height()),
            (chart.width, chart.height),
            "{}",
            chart.name
        );
        // Not blank: a real chart has many colours, and most of it is white paper.
        let mut colours: Vec<[u8; 3]> = image.pixels().map(|p| p.0).collect();
        let white = colours.iter().filter(|c| **c == [255, 255, 255]).count();
        colours.sort_unstable();
        colours.dedup();
        assert!(colours.len() > 20, "{}: {} colours", chart.name, colours.len());
        assert!(
            white * 10 > (chart.width * chart.height) as usize * 3,
            "{}: too little white",
            chart.name
        );
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
    let report = build(&results(&r), &r, Lang::Nl, None, &[]).unwrap();
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
    let report = build(&results(&r), &r, Lang::Nl, None, &[]).unwrap();
    let md = &report.markdown;
    assert!(
        md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \\*vet\\* \\[link\\](x) regel twee"),
        "{md}"
    );
    assert!(md.contains("Test &lt;GR&gt;"));
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
    let report = build(&results(&r), &r, Lang::En, None, &[]).unwrap();
    assert!(
        report
            .markdown
            .starts_with("# Risk-bearing capacity and risk management 2026")
    );
    assert!(report.markdown.contains("## 3. Required against available capacity"));
    assert!(report.html.contains("<html lang=\"en\">"));
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
    )
    .unwrap();
    assert!(
        report
            .markdown
            .starts_with("Benodigd: Benodigde weerstandscapaciteit 2026 (90% zekerheid): € "),
        "{}",
        report.markdown
    );
    assert!(report.markdown.contains("Test &lt;GR&gt;"));
    let err = build(&res, &r, Lang::Nl, Some("Titel\n{{ facts.no_such_fact }}"), &[]).unwrap_err();
    assert!(matches!(err, ReportError::Template { .. }));
    // minijinja words the detail differently with and without debug assertions; the line and the
    // name of the missing value are what the user needs.
    let message = err.message(Lang::Nl);
    assert!(
        message.starts_with("fout in het sjabloon, regel 2: undefined value"),
        "{message}"
    );
    assert_eq!(message.matches("facts.no_such_fact").count(), 1, "{message}");
}
