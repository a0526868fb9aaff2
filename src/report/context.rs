//! Everything the paragraph template can print, already formatted the Dutch way (or the English
//! way with `--lang en`): a template never formats a number itself.

use crate::describe::without_references;
use crate::format::{decimal, euro, percent};
use crate::lang::Lang;
use crate::matrix::MatrixText;
use crate::model::{Basis, MeasureState, Register};
use crate::results::Results;
use crate::summary::{self, Facts};
use crate::tables::{self, Amounts};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Context {
    pub lang: String,
    /// The message for the board, first: what is needed, what is there, why the grade is what
    /// it is under this regulation, what each municipality carries, and the request to them.
    pub message: Message,
    pub facts: Facts,
    /// BBV artikel 11, onderdeel beleid.
    pub policy: PolicyText,
    pub meta: Meta,
    pub capacity: Capacity,
    pub inventory: Inventory,
    pub confrontation: Confrontation,
    pub method: Vec<String>,
    pub kengetallen: Vec<KengetalRow>,
    /// The beoordeling of the kengetallen: what they say together, in one sentence.
    pub kengetallen_judgement: String,
    pub charts: Vec<ChartRef>,
    /// The "what if" comparison, when scenarios were given.
    /// The account of the last realised year: what happened to the risks, the settlement, the
    /// reserve.
    pub verantwoording: Option<super::jaarverslag::Account>,
    /// The register's risks per published table (when it has tables and a realised year), with
    /// oorzaak, gevolg and what happened to each in that year, as the jaarverslag lists them.
    pub verantwoording_tables: Vec<super::jaarverslag::RiskTable>,
    /// The simulation against what really happened, over the realised years of the horizon.
    pub backtest: Option<BacktestText>,
    pub whatif: Option<WhatIf>,
    /// How the benodigde capaciteit responds to each risk and driver, when computed.
    pub sensitivity: Option<SensitivityText>,
}

/// The sensitivity as the paragraph shows it.
#[derive(Debug, Serialize)]
pub struct SensitivityText {
    /// What was varied and how, in one paragraph.
    pub note: String,
    pub risks: TableText,
    pub drivers: Option<TableText>,
}

/// The sensitivity's explanation: the figure, what each column varies, and why a difference is
/// the effect and not noise.
fn sensitivity_note(s: &crate::sensitivity::Sensitivity, lang: Lang) -> String {
    let c = crate::format::percent(s.certainty, 1);
    let required = euro(s.required);
    let top = tables::TOP.min(s.risks.iter().filter(|r| !r.placeholder).count());
    match lang {
        Lang::Nl => format!(
            "Hoe gevoelig is de benodigde weerstandscapaciteit ({required} bij {c} zekerheid) voor elk risico? Per risico is doorgerekend: zonder dat risico; met zijn kans aan de onder- en de bovenkant van de kansklasse waarin die valt (70% ligt in de klasse 60% – 80%; bij een frequentie schuift het aantal keer per jaar mee); met zijn impact op de onder- en de bovenkant van zijn bandbreedte (bij een lognormale verdeling het 5e en 95e percentiel; bij een percentage van een grondslag in euro's van {}). Elke variant gebruikt voor alle andere risico's dezelfde trekkingen (common random numbers): een verschil is het effect van die ene aanname, geen toeval. De {top} risico's met de grootste uitslag (zonder de niet bij naam genoemde), in dezelfde eenheid als de tabellen hierboven:",
            s.year
        ),
        Lang::En => format!(
            "How sensitive is the required capacity ({required} at {c} certainty) to each risk? For each risk: without it; with its probability at the low and the high end of the probability class it falls in (70% lies in the class 60% – 80%; for a frequency the times a year move along); with its impact at the low and the high end of its range (for a lognormal the 5th and 95th percentile; for a percentage of a driver in euros of {}). Each variant uses the same draws for every other risk (common random numbers): a difference is the effect of that one assumption, not chance. The {top} risks with the widest swing (leaving out those not named), in the same unit as the tables above:",
            s.year
        ),
    }
}

/// The opening of the paragraph, amounts rounded as running text rounds them (exact figures
/// follow in the sections and the tables).
#[derive(Debug, Serialize)]
pub struct Message {
    pub need: String,
    pub capacity: String,
    pub why: String,
    pub municipalities: Vec<MunicipalityShare>,
    pub request: String,
}

#[derive(Debug, Serialize)]
pub struct MunicipalityShare {
    pub name: String,
    pub share: String,
    pub expected: String,
    pub at_certainty: String,
}

/// The body's policy: its own text (if the register has one) and a sentence on the norm.
#[derive(Debug, Serialize)]
pub struct PolicyText {
    pub text: String,
    pub source: String,
    pub norm: String,
}

/// What-if scenarios against the register, as a table.
#[derive(Debug, Serialize)]
pub struct WhatIf {
    pub note: String,
    pub scenarios: Vec<ScenarioText>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Serialize)]
pub struct ScenarioText {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct Meta {
    pub organisation: String,
    pub document: String,
    pub year: i32,
    pub horizon: String,
    pub version: String,
    pub register: String,
    pub sha256: String,
    pub seed: u64,
    pub iterations: String,
    pub certainty: String,
    pub basis: String,
    /// The scenarios and `--set`s applied: empty for the register itself.
    pub whatif: Vec<ScenarioText>,
    /// The sentence that says a what-if is not the register.
    pub whatif_note: String,
}

#[derive(Debug, Serialize)]
pub struct Capacity {
    pub balance: String,
    pub cap: String,
    pub replenish: bool,
    pub rules: Vec<String>,
    /// The balance per year, when it is not the same every year.
    pub per_year: Vec<YearAmount>,
    pub municipalities: Vec<ShareRow>,
    pub basis: String,
    /// The keys side by side, when there is a key per taakveld or one that changes from a year on.
    pub keys: Option<TableText>,
}

#[derive(Debug, Serialize)]
pub struct YearAmount {
    pub year: i32,
    pub amount: String,
}

#[derive(Debug, Serialize)]
pub struct ShareRow {
    pub name: String,
    pub share: String,
}

#[derive(Debug, Serialize)]
pub struct Inventory {
    pub total: usize,
    pub quantified: usize,
    pub pm: usize,
    pub retired: usize,
    pub weighted_total: String,
    pub matrix: MatrixText,
    /// The largest risks with their figures ([`tables::largest`]).
    pub largest: TableText,
    /// The same risks with what the register says about them.
    pub top: Vec<TopRow>,
    /// How many of the top risks have no measure in the register.
    pub top_without_measures: usize,
    pub pm_risks: Vec<RiskRef>,
    /// The risicokaart's occupied cells, highest probability and impact first: the map shows at
    /// most a few ids per cell, this list all of them.
    pub map: Vec<MapCell>,
}

#[derive(Debug, Serialize)]
pub struct MapCell {
    pub probability: String,
    pub impact: String,
    pub band: String,
    pub count: usize,
    pub risks: String,
}

#[derive(Debug, Serialize)]
pub struct TopRow {
    pub rank: usize,
    pub id: String,
    pub title: String,
    /// The Werkplan's columns: risicogebied, oorzaak, gevolg, maatregelen (`—` where the
    /// register has none).
    pub area: String,
    pub cause: String,
    pub consequences: String,
    pub measures: String,
}

#[derive(Debug, Serialize)]
pub struct RiskRef {
    pub id: String,
    pub title: String,
    pub category: String,
}

#[derive(Debug, Serialize)]
pub struct Confrontation {
    pub percentiles: TableText,
    pub years: TableText,
    pub municipalities: TableText,
    pub segments: Option<TableText>,
    pub grade: String,
    pub grade_meaning: String,
    pub ratio: String,
    pub excluded: Option<String>,
}

/// A table of the presentation model ([`crate::tables`]) as the paragraph prints it: amounts in
/// the register's unit, the Markdown alignment of each column, the chosen row to stress.
#[derive(Debug, Serialize)]
pub struct TableText {
    pub header: Vec<String>,
    /// `---` or `---:` per column.
    pub align: Vec<&'static str>,
    pub rows: Vec<RowText>,
}

#[derive(Debug, Serialize)]
pub struct RowText {
    pub cells: Vec<String>,
    pub chosen: bool,
}

impl TableText {
    pub fn new(table: &tables::Table, amounts: Amounts) -> TableText {
        let right = table.right();
        TableText {
            header: table.header(amounts),
            align: (0..table.columns.len())
                .map(|k| if right.contains(&k) { "---:" } else { "---" })
                .collect(),
            rows: table
                .cells(amounts)
                .into_iter()
                .enumerate()
                .map(|(k, cells)| RowText {
                    cells,
                    chosen: table.chosen == Some(k),
                })
                .collect(),
        }
    }
}

/// The back-test as the paragraph shows it.
#[derive(Debug, Serialize)]
pub struct BacktestText {
    pub years: TableText,
    pub risks: Option<TableText>,
    pub judgement: String,
}

#[derive(Debug, Serialize)]
pub struct KengetalRow {
    pub name: String,
    pub value: String,
    pub note: String,
}

/// A chart as the template refers to it.
#[derive(Debug, Serialize)]
pub struct ChartRef {
    pub name: String,
    pub file: String,
    pub title: String,
}

/// Register text for a table cell, without line references; `—` when there is none.
pub(super) fn text_or_dash(text: Option<&str>) -> String {
    text.map(without_references)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "—".into())
}

/// The risicokaart's occupied cells as rows.
fn map_cells(register: &Register, basis: Basis, lang: Lang) -> Vec<MapCell> {
    use crate::chart::risicokaart::{Risicokaart, band};
    let map = Risicokaart::new(register, basis, lang);
    let (rows, columns) = (map.probability_labels.len(), map.impact_labels.len());
    let mut out = Vec::new();
    for p in (0..rows).rev() {
        for i in (0..columns).rev() {
            let cell = &map.cells[p][i];
            if cell.count() == 0 {
                continue;
            }
            // The bounds of each class are on the map itself.
            out.push(MapCell {
                probability: map.probability_labels[p].0.clone(),
                impact: map.impact_labels[i].0.clone(),
                band: band(p, i, rows, columns).name(lang).to_string(),
                count: cell.count(),
                risks: cell
                    .items(lang)
                    .into_iter()
                    .map(|(item, _)| item)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    }
    out
}

#[allow(clippy::too_many_lines)]
pub fn build(
    results: &Results,
    register: &Register,
    charts: &[crate::chart::Rendered],
    whatif: &[crate::compare::Run],
    lang: Lang,
) -> Context {
    let m = &results.manifest;
    let h = &results.headline;
    let basis = m.basis;
    let amounts = Amounts::of(register);
    let risks = &register.risks;
    let quantified = risks.iter().filter(|r| r.is_quantified()).count();
    let retired = risks.iter().filter(|r| !r.status.is_active()).count();
    let balance_varies = register.reserve.balance.windows(2).any(|w| w[0] != w[1]);
    let by_id = |id: &str| risks.iter().find(|r| r.id == id);
    let top: Vec<TopRow> = crate::tables::top(results)
        .into_iter()
        .enumerate()
        .filter_map(|(k, c)| {
            let risk = by_id(&c.id)?;
            let measures: Vec<String> = risk
                .mitigations
                .iter()
                .map(|mi| {
                    let state = match mi.state {
                        MeasureState::Uitgevoerd => lang.pick("uitgevoerd", "in place"),
                        MeasureState::Gepland => lang.pick("gepland", "planned"),
                    };
                    format!("{} ({state})", mi.description)
                })
                .collect();
            Some(TopRow {
                rank: k + 1,
                id: c.id.clone(),
                title: risk.title.clone(),
                area: text_or_dash(risk.area.as_deref()),
                cause: text_or_dash(risk.cause.as_deref()),
                consequences: text_or_dash(risk.consequences.as_deref()),
                // No measure listed: the register's own word on measures (its notes say
                // "Maatregelen: …" where the source states that none are possible), or a dash.
                measures: if measures.is_empty() {
                    text_or_dash(
                        risk.notes
                            .as_deref()
                            .and_then(|n| n.strip_prefix("Maatregelen:"))
                            .map(str::trim),
                    )
                } else {
                    measures.join("; ")
                },
            })
        })
        .collect();
    let pm_risks = risks
        .iter()
        .filter(|r| r.status.is_active() && !r.is_quantified())
        .map(|r| RiskRef {
            id: r.id.clone(),
            title: r.title.clone(),
            category: register.categories[r.category].display(lang).to_string(),
        })
        .collect();
    let c = crate::tables::certainty_label(results);
    Context {
        lang: lang.to_string(),
        message: message(results, register, lang),
        policy: policy(results, register, lang),
        facts: summary::facts(results, lang),
        meta: Meta {
            organisation: register.metadata.organisation.clone(),
            document: register.metadata.document.clone().unwrap_or_default(),
            year: h.year,
            horizon: format!("{}–{}", m.horizon[0], m.horizon[1]),
            version: m.version.clone(),
            register: m.register.clone(),
            sha256: m.register_sha256.clone(),
            seed: m.seed,
            iterations: decimal(m.iterations as f64, 0),
            certainty: c.clone(),
            basis: m.basis.name().into(),
            whatif: m
                .scenarios
                .iter()
                .map(|sc| ScenarioText {
                    name: sc.name.clone(),
                    description: sc.changes.join("; "),
                })
                .collect(),
            whatif_note: summary::whatif_lines(results, lang)
                .first()
                .cloned()
                .unwrap_or_default(),
        },
        capacity: capacity(register, h.available, balance_varies, lang),
        inventory: Inventory {
            total: risks.len(),
            quantified,
            pm: risks.len() - quantified - retired,
            retired,
            weighted_total: euro(h.weighted_register),
            matrix: MatrixText::new(register, register.matrix, basis, lang),
            largest: TableText::new(&tables::largest(results, register, lang), amounts),
            top_without_measures: top.iter().filter(|r| r.measures == "—").count(),
            top,
            pm_risks,
            map: map_cells(register, basis, lang),
        },
        confrontation: Confrontation {
            percentiles: TableText::new(&tables::percentiles(results, lang), amounts),
            years: TableText::new(&tables::years(results, lang), amounts),
            municipalities: TableText::new(&tables::municipalities(results, lang), amounts),
            segments: tables::segments(results, register, lang).map(|t| TableText::new(&t, amounts)),
            grade: h.grade.letter().to_string(),
            grade_meaning: h.grade.meaning(lang).to_string(),
            ratio: crate::format::ratio(h.ratio),
            excluded: summary::excluded_line(results, lang),
        },
        method: method(results, balance_varies, lang),
        kengetallen_judgement: kengetallen_judgement(register, lang),
        kengetallen: kengetal_rows(register, lang),
        charts: charts
            .iter()
            .map(|r| ChartRef {
                name: r.name.to_string(),
                file: format!("{}.png", r.name),
                title: r.title.clone(),
            })
            .collect(),
        whatif: (!whatif.is_empty()).then(|| what_if(whatif, lang)),
        verantwoording: register.realised.last().and_then(|r| {
            let settlement = crate::afrekening::settle(register, r.year)?;
            Some(super::jaarverslag::account(register, &settlement, lang))
        }),
        verantwoording_tables: match register.realised.last() {
            Some(r) if !register.tables.is_empty() => {
                let settlement = crate::afrekening::settle(register, r.year);
                super::jaarverslag::risk_tables(register, settlement.as_ref(), lang)
            }
            _ => Vec::new(),
        },
        backtest: crate::backtest::backtest(register, results).map(|b| BacktestText {
            years: TableText::new(&tables::backtest_years(&b, lang), amounts),
            risks: b
                .years
                .iter()
                .any(|y| !y.risks.is_empty())
                .then(|| TableText::new(&tables::backtest_risks(&b, lang), amounts)),
            judgement: crate::describe::backtest_judgement(&b, lang),
        }),
        sensitivity: results.sensitivity.as_ref().map(|s| SensitivityText {
            note: sensitivity_note(s, lang),
            risks: TableText::new(&tables::sensitivity(s, lang), amounts),
            drivers: tables::sensitivity_drivers(s, lang).map(|t| TableText::new(&t, amounts)),
        }),
    }
}

/// The comparison as one table: a row per figure, per scenario its value and its difference.
fn what_if(runs: &[crate::compare::Run], lang: Lang) -> WhatIf {
    let mut header = vec![String::new(), runs[0].name.clone()];
    for run in &runs[1..] {
        header.push(run.name.clone());
        header.push(format!("Δ {}", lang.pick("t.o.v. basis", "vs base")));
    }
    let rows = crate::compare::rows(runs, lang)
        .into_iter()
        .map(|row| {
            let mut cells = vec![row.label.trim().to_string(), row.values[0].clone()];
            for k in 1..row.values.len() {
                cells.push(row.values[k].clone());
                cells.push(row.deltas[k].clone());
            }
            cells
        })
        .collect();
    WhatIf {
        note: crate::compare::crn_note(lang).to_string(),
        scenarios: runs[1..]
            .iter()
            .map(|r| ScenarioText {
                name: r.name.clone(),
                description: r.description.clone().unwrap_or_default(),
            })
            .collect(),
        header,
        rows,
    }
}

/// The method in plain words.
/// The weerstandscapaciteit as the paragraph shows it: the reserve available at the start of the
/// year, its cap, the GR's rules, the planned balance per year (when it varies) and the key.
pub fn capacity(register: &Register, available: f64, balance_varies: bool, lang: Lang) -> Capacity {
    Capacity {
        keys: tables::keys(register, lang).map(|t| TableText::new(&t, Amounts::Euros)),
        balance: euro(available),
        cap: euro(register.reserve.cap),
        replenish: register.reserve.replenish,
        rules: register.reserve.rules.clone(),
        per_year: if balance_varies {
            register
                .horizon
                .years()
                .zip(&register.reserve.balance)
                .map(|(year, b)| YearAmount { year, amount: euro(*b) })
                .collect()
        } else {
            Vec::new()
        },
        municipalities: register
            .verdeelsleutel
            .municipalities
            .iter()
            .map(|mu| ShareRow {
                name: mu.name.clone(),
                share: percent(mu.share, 2),
            })
            .collect(),
        // Line references are for the register's keeper, not for the paragraph's reader.
        basis: register
            .verdeelsleutel
            .basis
            .as_deref()
            .map(without_references)
            .unwrap_or_default(),
    }
}

/// The kengetallen as rows: a value, or "niet van toepassing" with the reason.
pub fn kengetal_rows(register: &Register, lang: Lang) -> Vec<KengetalRow> {
    register
        .kengetallen
        .iter()
        .map(|k| KengetalRow {
            name: k.name.clone(),
            value: k
                .value
                .clone()
                .unwrap_or_else(|| lang.pick("niet van toepassing", "not applicable").to_string()),
            note: k.reason.as_deref().map(without_references).unwrap_or_default(),
        })
        .collect()
}

/// The beoordeling: with no kengetal applicable there is nothing to weigh, and the paragraph says
/// so and why; otherwise it points the reader to the values and their notes.
fn kengetallen_judgement(register: &Register, lang: Lang) -> String {
    let k = &register.kengetallen;
    let organisation = &register.metadata.organisation;
    if k.is_empty() {
        return String::new();
    }
    match (k.iter().all(|k| k.value.is_none()), lang) {
        (true, Lang::Nl) => format!(
            "Beoordeling: geen van de kengetallen is voor {organisation} van toepassing, zodat de financiële positie niet uit kengetallen blijkt maar uit de confrontatie hierboven: wat de reserve niet kan dragen, dragen de deelnemende gemeenten."
        ),
        (true, Lang::En) => format!(
            "Judgement: none of the ratios applies to {organisation}, so its financial position shows not in ratios but in the comparison above: what the reserve cannot carry, the participating municipalities carry."
        ),
        (false, _) => lang
            .pick(
                "Beoordeling: de kengetallen die van toepassing zijn staan hierboven met hun toelichting; zij vullen de confrontatie van benodigde en beschikbare weerstandscapaciteit aan.",
                "Judgement: the ratios that apply are listed above with their notes; they complement the comparison of required and available capacity.",
            )
            .to_string(),
    }
}

fn policy(results: &Results, register: &Register, lang: Lang) -> PolicyText {
    let h = &results.headline;
    let p = &register.policy;
    let ratio = crate::format::ratio(h.ratio);
    let met = |norm: f64| h.ratio.is_none_or(|r| r >= norm);
    let norm = match (p.norm, lang) {
        (Some(norm), Lang::Nl) => format!(
            "Het bestuur hanteert als norm een ratio weerstandsvermogen van ten minste {}; met een ratio van {ratio} wordt die norm {}.",
            decimal(norm, 2),
            if met(norm) { "gehaald" } else { "niet gehaald" }
        ),
        (Some(norm), Lang::En) => format!(
            "The board's norm is a ratio of at least {}; at {ratio} the norm is {}.",
            decimal(norm, 2),
            if met(norm) { "met" } else { "not met" }
        ),
        (None, Lang::Nl) => format!(
            "Het register noemt geen norm voor de ratio weerstandsvermogen. De regeling begrenst de algemene reserve op {}; wat de risico's daarboven kosten, dragen de deelnemende gemeenten.",
            euro(h.cap)
        ),
        (None, Lang::En) => format!(
            "The register sets no norm for the ratio. The regulation caps the general reserve at {}; what the risks cost beyond it, the participating municipalities carry.",
            euro(h.cap)
        ),
    };
    PolicyText {
        text: p.text.as_deref().map(without_references).unwrap_or_default(),
        source: p.source.as_deref().map(without_references).unwrap_or_default(),
        norm,
    }
}

fn message(results: &Results, register: &Register, lang: Lang) -> Message {
    use crate::format::euro_rounded;
    let h = &results.headline;
    let c = crate::tables::certainty_label(results);
    let year = h.year;
    let grade = summary::ratio_text(h.ratio, h.grade, lang);
    let at_cap = summary::ratio_text(h.ratio_at_cap, h.grade_at_cap, lang);
    let (need, capacity) = match lang {
        Lang::Nl => (
            format!(
                "Om de financiële gevolgen van de risico's in {year} met {c} zekerheid op te vangen is {} nodig: de benodigde weerstandscapaciteit.",
                euro_rounded(h.required.value)
            ),
            format!(
                "Daar staat de algemene reserve tegenover: {} aan het begin van {year}, met een plafond van {} dat de gemeenschappelijke regeling stelt. De ratio weerstandsvermogen is daarmee {grade}.",
                euro_rounded(h.available),
                euro_rounded(h.cap)
            ),
        ),
        Lang::En => (
            format!(
                "To absorb the financial consequences of the risks in {year} with {c} certainty takes {}: the required risk-bearing capacity.",
                euro_rounded(h.required.value)
            ),
            format!(
                "Against it stands the general reserve: {} at the start of {year}, capped at {} by the joint regulation. The ratio is therefore {grade}.",
                euro_rounded(h.available),
                euro_rounded(h.cap)
            ),
        ),
    };
    // Under a capped reserve a poor grade is the regulation's design, not a lapse: say so when even
    // a full reserve would not reach a ratio of 1.
    let capped_short = h.ratio_at_cap.is_some_and(|r| r < 1.0);
    let why = match (lang, capped_short) {
        (Lang::Nl, true) => format!(
            "Ook met een reserve op het plafond zou de ratio {at_cap} zijn: onder deze regeling kan de reserve de risico's niet dragen, en dat is ook niet de bedoeling. Wat de reserve niet opvangt, betalen de deelnemende gemeenten volgens de verdeelsleutel."
        ),
        (Lang::Nl, false) => format!(
            "Met een reserve op het plafond zou de ratio {at_cap} zijn. Wat de reserve niet opvangt, betalen de deelnemende gemeenten volgens de verdeelsleutel."
        ),
        (Lang::En, true) => format!(
            "Even with the reserve at its cap the ratio would be {at_cap}: under this regulation the reserve cannot carry the risks, nor is it meant to. What the reserve does not absorb, the participating municipalities pay by the verdeelsleutel."
        ),
        (Lang::En, false) => format!(
            "With the reserve at its cap the ratio would be {at_cap}. What the reserve does not absorb, the participating municipalities pay by the verdeelsleutel."
        ),
    };
    let municipalities = results
        .municipalities
        .iter()
        .map(|m| {
            let first = m.per_year.first();
            MunicipalityShare {
                name: m.name.clone(),
                share: m.share.map_or_else(
                    || lang.pick("per taakveld of jaar", "per taakveld or year").to_string(),
                    |s| percent(s, 2),
                ),
                expected: euro_rounded(first.map_or(0.0, |y| y.mean)),
                at_certainty: euro_rounded(first.map_or(0.0, |y| y.at_certainty)),
            }
        })
        .collect();
    let organisation = &register.metadata.organisation;
    let request = match lang {
        Lang::Nl => format!(
            "{organisation} vraagt de deelnemende gemeenten hun aandeel op te nemen in hun eigen paragraaf weerstandsvermogen en risicobeheersing."
        ),
        Lang::En => format!(
            "{organisation} asks the participating municipalities to include their share in their own paragraph on risk-bearing capacity and risk management."
        ),
    };
    Message {
        need,
        capacity,
        why,
        municipalities,
        request,
    }
}

/// The method, for the bijlage; how planned changes of the reserve are financed only when the
/// register plans any.
fn method(results: &Results, balance_varies: bool, lang: Lang) -> Vec<String> {
    let m = &results.manifest;
    let n = decimal(m.iterations as f64, 0);
    let mut paragraphs = match lang {
        Lang::Nl => vec![
            format!(
                "Deze paragraaf is gemaakt met weerstand {}, op basis van het risicoregister.",
                m.version
            ),
            format!(
                "De risico's zijn {n} keer gesimuleerd (Monte Carlo): elke simulatie is een mogelijk verloop van de jaren {}–{}, waarin elk risico al dan niet optreedt volgens zijn kans (of zijn gemiddelde aantal keer per jaar) en dan een bedrag kost dat getrokken wordt uit zijn verdeling.",
                m.horizon[0], m.horizon[1]
            ),
            "Verdelingen: vast bedrag, uniform (min–max), driehoek en PERT (min, meest waarschijnlijk, max), lognormaal (uit een 90%-interval), of een percentage van een begrotingsbedrag (driver, zoals de loonsom). Een meevaller (een risico van de soort kans, geen bedreiging) telt negatief mee; PM-risico's en risico's die geen risico meer zijn tellen niet mee.".into(),
            "Elk jaar is een nieuw begrotingsjaar: een incidenteel risico kan in elk jaar van de horizon optreden, met zijn kans per jaar; de bedragen over meer jaren rekenen daarmee. Een risico waarvan het register zegt dat zijn kans voor de hele periode geldt (kans per periode), treedt hooguit één keer op, in elk jaar van de periode even waarschijnlijk. Een structureel risico blijft na het jaar waarin het optreedt elk volgend jaar hetzelfde kosten. Het risicobedrag van een jaar (wat de risico's samen kosten) komt eerst ten laste van de algemene reserve; wat daarboven uitgaat betalen de gemeenten volgens de verdeelsleutel.".into(),
            format!(
                "De benodigde weerstandscapaciteit is het risicobedrag in {} dat met {} zekerheid niet wordt overschreden. De simulatie bepaalt dat bedrag op {} met een 95%-betrouwbaarheidsinterval van {} tot {}: de nauwkeurigheid van de berekening, niet de spreiding van de risico's.",
                m.horizon[0],
                percent(m.certainty, 1),
                euro(results.headline.required.value),
                euro(results.headline.required.ci_low),
                euro(results.headline.required.ci_high)
            ),
            "Samenhang: risico's die het register samen noemt (correlations), worden getrokken met een Gaussische copula: elk risico houdt precies zijn eigen kans en bedragen, en de rangcorrelatie tussen hun trekkingen is die van het register; bij een kans per jaar hangen zowel het optreden als het bedrag samen. Alle andere risico's worden onafhankelijk van elkaar getrokken. Elke trekking hangt alleen af van de seed, het risico, het jaar en het nummer van de simulatie: een wat-als verandert alleen wat het verandert (common random numbers).".into(),
            format!(
                "Herhaalbaar: register {} (SHA-256 {}), seed {}, {n} iteraties, weerstand {}. Met dezelfde invoer geeft elke computer precies dezelfde uitkomsten.",
                m.register, m.register_sha256, m.seed, m.version
            ),
        ],
        Lang::En => vec![
            format!("This paragraph was made with weerstand {}, from the risk register.", m.version),
            format!(
                "The risks were simulated {n} times (Monte Carlo): each simulation is one possible course of the years {}–{}, in which every risk occurs or not according to its probability (or its mean number of times a year) and then costs an amount drawn from its distribution.",
                m.horizon[0], m.horizon[1]
            ),
            "Distributions: a fixed amount, uniform (min–max), triangular and PERT (min, most likely, max), lognormal (from a 90% interval), or a percentage of a budget amount (a driver, such as the payroll). An opportunity (a risk of the kind kans, not a threat) counts negative; PM risks and risks that are no longer a risk are left out.".into(),
            "Every year is a new budget year: an incidental risk can occur in every year of the horizon, with its probability per year; the totals over several years count on that. A risk whose probability the register gives for the whole period (probability per period) occurs at most once, in each year of the period equally likely. A structural risk keeps costing the same in every year after the one it occurs in. A year's risk amount (what the risks cost together) is first taken from the general reserve; what exceeds it the municipalities pay by the verdeelsleutel.".into(),
            format!(
                "The required capacity is the risk amount in {} that is not exceeded with {} certainty. The simulation puts it at {} with a 95% confidence interval of {} to {}: the precision of the computation, not the spread of the risks.",
                m.horizon[0],
                percent(m.certainty, 1),
                euro(results.headline.required.value),
                euro(results.headline.required.ci_low),
                euro(results.headline.required.ci_high)
            ),
            "Dependence: risks the register names together (correlations) are drawn with a Gaussian copula: each keeps exactly its own probability and amounts, and the rank correlation between their draws is the register's; for a probability per year both the occurrence and the amount move together. Every other risk is drawn independently. Each draw depends only on the seed, the risk, the year and the number of the simulation: a what-if changes only what it changes (common random numbers).".into(),
            format!(
                "Reproducible: register {} (SHA-256 {}), seed {}, {n} iterations, weerstand {}. With the same input every computer gives exactly the same results.",
                m.register, m.register_sha256, m.seed, m.version
            ),
        ],
    };
    // How planned changes of the reserve are financed, after the paragraph on the years.
    if balance_varies {
        paragraphs.insert(
            4,
            lang.pick(
                "De stand van de reserve per jaar in het register is de geplande stand aan het begin van dat jaar. Een geplande toevoeging wordt uit de begroting betaald, een geplande onttrekking betaalt iets wat de begroting voorziet; zonder risico's begint elk jaar dus op de geplande stand. Heeft een risico de reserve al gebruikt en kan zij een geplande onttrekking niet meer dragen, dan betalen de gemeenten het ontbrekende deel als extra bijdrage; wat boven het plafond zou komen, krijgen zij terug.",
                "The reserve balance per year in the register is the planned balance at the start of that year. A planned addition is paid from the budget, a planned withdrawal pays for something the budget provides for; without risks every year therefore starts at its planned balance. When a risk has already used the reserve and it can no longer carry a planned withdrawal, the municipalities pay the missing part as an extra contribution; what would rise above the cap they get back.",
            )
            .into(),
        );
    }
    paragraphs
}
