//! The tables every output shows, built once from the results with typed cells: the terminal
//! summary prints them in exact euros, the paragraph in the register's own unit (a register kept in
//! € 1.000 gets its tables × € 1.000, as the Werkplan prints them). Headers take their words from
//! [`crate::vocabulary`], so a table and the sentences around it name a figure alike.

use crate::describe;
use crate::format::{chance, euro, number, percent, percent_fixed};
use crate::lang::Lang;
use crate::model::Register;
use crate::results::Results;
use crate::vocabulary::Figure;

/// How a table prints its amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amounts {
    /// `€ 4.500.608`.
    Euros,
    /// `4.501`, under a header that says `(× € 1.000)`.
    Thousands,
}

impl Amounts {
    /// Thousands for a register whose amounts are written in € 1.000, euros otherwise.
    pub fn of(register: &Register) -> Amounts {
        if register.metadata.unit == 1000.0 {
            Amounts::Thousands
        } else {
            Amounts::Euros
        }
    }

    fn amount(self, value: f64) -> String {
        match self {
            Amounts::Euros => euro(value),
            Amounts::Thousands => number(value / 1000.0, 0),
        }
    }

    /// A signed change: `+€ 40.863` (`+41` in thousands), `−€ 763`, or `=` when it rounds to nothing.
    fn change(self, delta: f64) -> String {
        let unit = match self {
            Amounts::Euros => 1.0,
            Amounts::Thousands => 1000.0,
        };
        let rounded = (delta / unit).round();
        if rounded == 0.0 {
            return "=".into();
        }
        let sign = if rounded > 0.0 { "+" } else { "−" };
        match self {
            Amounts::Euros => format!("{sign}{}", euro(rounded.abs())),
            Amounts::Thousands => format!("{sign}{}", number(rounded.abs(), 0)),
        }
    }
}

/// One cell: what it holds, not yet how it reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Amount(f64),
    /// From `low` to `high`.
    Interval(f64, f64),
    /// A probability, as [`chance`] writes it (`> 99,9%`).
    Chance(f64),
    /// A fraction with this many decimals, trailing zeros kept (`55,5%`).
    Percent(f64, usize),
    /// A share of the verdeelsleutel (`31,61%`).
    Share(f64),
    /// A signed change in an amount (`+€ 40.863`, `−€ 763`, `=`).
    Change(f64),
    /// Two signed changes, at a low and a high end (`−€ 12.000 / +€ 34.000`).
    Changes(f64, f64),
}

impl Cell {
    pub fn format(&self, amounts: Amounts) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Amount(value) => amounts.amount(*value),
            Cell::Interval(low, high) => format!("{} – {}", amounts.amount(*low), amounts.amount(*high)),
            Cell::Chance(p) => chance(*p),
            Cell::Percent(fraction, decimals) => percent_fixed(*fraction, *decimals),
            Cell::Share(fraction) => percent(*fraction, 2),
            Cell::Change(delta) => amounts.change(*delta),
            Cell::Changes(low, high) => format!("{} / {}", amounts.change(*low), amounts.change(*high)),
        }
    }

    fn is_amount(&self) -> bool {
        matches!(
            self,
            Cell::Amount(_) | Cell::Interval(..) | Cell::Change(_) | Cell::Changes(..)
        )
    }

    fn is_numeric(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

/// A table: its column names, its rows, and the row to stress (the chosen zekerheid).
#[derive(Clone, Debug)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub chosen: Option<usize>,
}

impl Table {
    /// The column names; an amount column says `(× € 1.000)` when amounts are in thousands.
    pub fn header(&self, amounts: Amounts) -> Vec<String> {
        self.columns
            .iter()
            .enumerate()
            .map(|(k, name)| {
                let amount = self.rows.iter().any(|r| r.get(k).is_some_and(Cell::is_amount));
                if amount && amounts == Amounts::Thousands {
                    // Non-breaking: the unit never wraps apart from its sign.
                    format!("{name} (×\u{a0}{})", euro(1000.0).replace(' ', "\u{a0}"))
                } else {
                    name.clone()
                }
            })
            .collect()
    }

    /// The columns to align right: those holding numbers (a rank, an amount, a percentage).
    pub fn right(&self) -> Vec<usize> {
        (0..self.columns.len())
            .filter(|&k| {
                !self.rows.is_empty()
                    && self.rows.iter().all(|r| {
                        r.get(k).is_some_and(|c| {
                            c.is_numeric()
                                || matches!(c, Cell::Text(t) if t.is_empty() || t == "–" || t.parse::<u32>().is_ok() || is_percentage(t)
                                    || t.replace(['.', ','], "").parse::<u64>().is_ok())
                        })
                    })
            })
            .collect()
    }

    pub fn cells(&self, amounts: Amounts) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|row| row.iter().map(|c| c.format(amounts)).collect())
            .collect()
    }
}

/// How many risks the list of the largest shows.
pub const TOP: usize = 10;

/// `90%`: the zekerheidspercentage as printed.
pub fn certainty_label(results: &Results) -> String {
    percent(results.manifest.certainty, 1)
}

/// The named risks that weigh most in the worst years; placeholders are counted in every amount
/// but never listed as risks ([`placeholders`] sums them).
pub fn top(results: &Results) -> Vec<&crate::results::Contribution> {
    let mut list: Vec<_> = results.contributions.iter().filter(|c| !c.placeholder).collect();
    list.sort_by(|a, b| {
        b.worst_years_mean
            .total_cmp(&a.worst_years_mean)
            .then_with(|| a.id.cmp(&b.id))
    });
    list.truncate(TOP);
    list
}

/// `63%`, `84,2%`: a percentage written as text.
fn is_percentage(text: &str) -> bool {
    text.strip_suffix('%')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.'))
}

/// ` bij 90%`: the zekerheid after a figure's name.
fn at(results: &Results, lang: Lang) -> String {
    format!(" {} {}", lang.pick("bij", "at"), certainty_label(results))
}

/// The benodigde capaciteit at each zekerheidspercentage of the first year, with its 95%
/// confidence interval.
pub fn percentiles(results: &Results, lang: Lang) -> Table {
    let p = &results.first_year.percentiles;
    Table {
        columns: vec![
            lang.pick("Zekerheidspercentage", "Certainty").into(),
            Figure::Required.name(lang).into(),
            lang.pick("95%-betrouwbaarheidsinterval", "95% confidence interval")
                .into(),
        ],
        rows: p
            .iter()
            .map(|p| {
                // The capacity needed at that certainty: never below zero.
                let p = p.at_least_zero();
                vec![
                    Cell::Text(percent(p.p, 1)),
                    Cell::Amount(p.value),
                    Cell::Interval(p.ci_low, p.ci_high),
                ]
            })
            .collect(),
        chosen: p.iter().position(|p| (p.p - results.manifest.certainty).abs() < 1e-12),
    }
}

/// Per year: the risk amount, the reserve and the extra contribution.
pub fn years(results: &Results, lang: Lang) -> Table {
    let at = at(results, lang);
    let expected = lang.pick(" verwacht", " expected");
    Table {
        columns: vec![
            lang.pick("Jaar", "Year").into(),
            Figure::ExpectedRiskAmount.name(lang).into(),
            format!("{}{at}", Figure::RiskAmount.name(lang)),
            Figure::ReserveAtStart.name(lang).into(),
            Figure::ChanceReserveShort.name(lang).into(),
            format!("{}{expected}", Figure::ExtraContribution.name(lang)),
            format!("{}{at}", Figure::ExtraContribution.name(lang)),
        ],
        rows: results
            .years
            .iter()
            .map(|y| {
                vec![
                    Cell::Text(y.year.to_string()),
                    Cell::Amount(y.risk_amount.mean),
                    Cell::Amount(y.risk_amount.at_certainty.value),
                    Cell::Amount(y.reserve_start_mean),
                    Cell::Chance(y.p_reserve_short),
                    Cell::Amount(y.contribution_mean),
                    Cell::Amount(y.contribution_at_certainty),
                ]
            })
            .collect(),
        chosen: None,
    }
}

/// Per municipality: its share and its extra contribution in the first year and over the horizon.
pub fn municipalities(results: &Results, lang: Lang) -> Table {
    let at = at(results, lang);
    let expected = lang.pick(" verwacht", " expected");
    let (first, hz) = (results.headline.year, &results.horizon);
    let span = format!("{}–{}", hz.first, hz.last);
    Table {
        columns: vec![
            lang.pick("Gemeente", "Municipality").into(),
            lang.pick("Aandeel", "Share").into(),
            format!("{first}{expected}"),
            format!("{first}{at}"),
            format!("{span}{expected}"),
            format!("{span}{at}"),
        ],
        rows: results
            .municipalities
            .iter()
            .map(|m| {
                let y0 = m.per_year.first();
                vec![
                    Cell::Text(m.name.clone()),
                    m.share.map_or_else(
                        || Cell::Text(lang.pick("per taakveld of jaar", "per taakveld or year").into()),
                        Cell::Share,
                    ),
                    Cell::Amount(y0.map_or(0.0, |y| y.mean)),
                    Cell::Amount(y0.map_or(0.0, |y| y.at_certainty)),
                    Cell::Amount(m.horizon.mean),
                    Cell::Amount(m.horizon.at_certainty),
                ]
            })
            .collect(),
        chosen: None,
    }
}

/// Each category and risk type simulated on its own, in the first year; `None` without segments.
pub fn segments(results: &Results, register: &Register, lang: Lang) -> Option<Table> {
    let segments = results.segments.as_ref()?;
    let at = at(results, lang);
    let rows = segments
        .categories
        .iter()
        .zip(&register.categories)
        .chain(segments.types.iter().zip(&register.risk_types))
        .map(|(s, label)| {
            vec![
                Cell::Text(label.display(lang).to_string()),
                Cell::Text(s.risks.to_string()),
                Cell::Amount(s.mean),
                Cell::Amount(s.at_certainty),
            ]
        })
        .collect();
    Some(Table {
        columns: vec![
            lang.pick("Groep", "Group").into(),
            lang.pick("Risico's", "Risks").into(),
            Figure::ExpectedRiskAmount.name(lang).into(),
            format!("{}{at}", Figure::RiskAmount.name(lang)),
        ],
        rows,
        chosen: None,
    })
}

/// The named risks that weigh most in the worst years ([`top`]), with their probability, impact
/// range, weighted amount and amount in the worst years.
pub fn largest(results: &Results, register: &Register, lang: Lang) -> Table {
    let basis = results.manifest.basis;
    let rows = top(results)
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let risk = register.risks.iter().find(|r| r.id == c.id);
            let (probability, impact) = risk.map_or_else(
                || (String::new(), String::new()),
                |risk| {
                    let (occurrence, impact) = risk.effective(basis);
                    (
                        occurrence.map_or_else(String::new, |o| describe::occurrence_text(register, risk, o, lang)),
                        describe::impact_text(register, &impact),
                    )
                },
            );
            vec![
                Cell::Text((k + 1).to_string()),
                Cell::Text(format!("{} {}", c.id, c.title)),
                Cell::Text(probability),
                Cell::Text(impact),
                Cell::Amount(c.weighted),
                Cell::Amount(c.worst_years_mean),
                Cell::Percent(c.share_of_worst_years, 1),
            ]
        })
        .collect();
    Table {
        columns: vec![
            lang.pick("Nr.", "No.").into(),
            lang.pick("Risico", "Risk").into(),
            lang.pick("Kans", "Probability").into(),
            lang.pick("Impact per keer", "Impact per event").into(),
            Figure::Weighted.name(lang).into(),
            Figure::WorstYears.name(lang).into(),
            lang.pick("Aandeel", "Share").into(),
        ],
        rows,
        chosen: None,
    }
}

/// The sensitivity of the benodigde capaciteit: the [`TOP`] risks with the widest swing, each
/// switched off, its probability and its impact at the ends of their ranges.
pub fn sensitivity(s: &crate::sensitivity::Sensitivity, lang: Lang) -> Table {
    let dash = || Cell::Text("–".into());
    let rows = s
        .risks
        .iter()
        .filter(|r| !r.placeholder)
        .take(TOP)
        .enumerate()
        .map(|(k, r)| {
            let (probability, probability_effect) = match &r.probability {
                Some(w) if w.high <= 1.0 && r.probability_is_chance => (
                    Cell::Text(format!("{} – {}", percent(w.low, 1), percent(w.high, 1))),
                    Cell::Changes(w.at_low, w.at_high),
                ),
                Some(w) => (
                    Cell::Text(format!(
                        "{} – {} {}",
                        number(w.low, 2),
                        number(w.high, 2),
                        lang.pick("keer per jaar", "times a year")
                    )),
                    Cell::Changes(w.at_low, w.at_high),
                ),
                None => (dash(), dash()),
            };
            let (impact, impact_effect) = match &r.impact {
                Some(w) => (Cell::Interval(w.low, w.high), Cell::Changes(w.at_low, w.at_high)),
                None => (dash(), dash()),
            };
            vec![
                Cell::Text((k + 1).to_string()),
                Cell::Text(format!("{} {}", r.id, r.title)),
                Cell::Change(r.off),
                probability,
                probability_effect,
                impact,
                impact_effect,
            ]
        })
        .collect();
    Table {
        columns: vec![
            lang.pick("Nr.", "No.").into(),
            lang.pick("Risico", "Risk").into(),
            lang.pick("Risico uit", "Risk off").into(),
            lang.pick("Kans: bandbreedte", "Probability: range").into(),
            lang.pick("Effect laag / hoog", "Effect low / high").into(),
            lang.pick("Impact: bandbreedte", "Impact: range").into(),
            lang.pick("Effect laag / hoog", "Effect low / high").into(),
        ],
        rows,
        chosen: None,
    }
}

/// The sensitivity to the drivers: each driver's amounts 10% lower and higher.
pub fn sensitivity_drivers(s: &crate::sensitivity::Sensitivity, lang: Lang) -> Option<Table> {
    if s.drivers.is_empty() {
        return None;
    }
    let step = percent(crate::sensitivity::DRIVER_STEP, 0);
    Some(Table {
        columns: vec![
            lang.pick("Grondslag", "Driver").into(),
            format!("−{step}"),
            format!("+{step}"),
        ],
        rows: s
            .drivers
            .iter()
            .map(|d| {
                vec![
                    Cell::Text(
                        d.description
                            .as_deref()
                            .map_or_else(|| d.id.clone(), describe::without_references),
                    ),
                    Cell::Change(d.at_low),
                    Cell::Change(d.at_high),
                ]
            })
            .collect(),
        chosen: None,
    })
}

/// What a saldo means for the municipality: it pays, or gets back.
pub fn saldo_word(saldo: f64, lang: Lang) -> &'static str {
    if saldo > 0.0 {
        lang.pick("bij te betalen", "to be paid")
    } else if saldo < 0.0 {
        lang.pick("terug te storten", "to be refunded")
    } else {
        "–"
    }
}

/// A settlement table (one taakveld, or all of them): per municipality its costs, share of the
/// overhead, total costs, what it was invoiced and the saldo, then the total, as the jaarverslag
/// prints it (L2384–L2408 of the Jaarverslag 2020).
pub fn settlement(lines: &[crate::afrekening::Line], total: &crate::afrekening::Line, lang: Lang) -> Table {
    Table {
        columns: vec![
            lang.pick("Gemeente", "Municipality").into(),
            lang.pick("Kosten", "Costs").into(),
            lang.pick("Aandeel overhead", "Share of overhead").into(),
            lang.pick("Totale kosten", "Total costs").into(),
            lang.pick("Gefactureerd", "Invoiced").into(),
            lang.pick("Saldo", "Balance").into(),
            lang.pick("Betekenis", "Meaning").into(),
        ],
        rows: lines
            .iter()
            .map(|l| (l, l.municipality.clone()))
            .chain(std::iter::once((total, lang.pick("Totaal", "Total").to_string())))
            .map(|(l, name)| {
                vec![
                    Cell::Text(name),
                    Cell::Amount(l.costs),
                    Cell::Amount(l.overhead),
                    Cell::Amount(l.total_costs),
                    Cell::Amount(l.invoiced),
                    Cell::Amount(l.saldo),
                    Cell::Text(saldo_word(l.saldo, lang).into()),
                ]
            })
            .collect(),
        chosen: None,
    }
}

/// What happened to the risks in a realised year.
pub fn outcomes(s: &crate::afrekening::Settlement, lang: Lang) -> Table {
    Table {
        columns: vec![
            lang.pick("Risico", "Risk").into(),
            lang.pick("Afloop", "Outcome").into(),
            lang.pick("Bedrag (− is een bate)", "Amount (− is a gain)").into(),
            lang.pick("Toelichting", "Note").into(),
        ],
        rows: s
            .risks
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(format!("{} {}", r.id, r.title)),
                    Cell::Text(r.outcome.display(lang).into()),
                    r.amount.map_or_else(|| Cell::Text("–".into()), Cell::Amount),
                    Cell::Text(
                        r.note
                            .as_deref()
                            .map(crate::describe::without_references)
                            .unwrap_or_default(),
                    ),
                ]
            })
            .collect(),
        chosen: None,
    }
}

/// The attribution: the old register's benodigde capaciteit, every step with its share of the
/// change and where it leaves the capaciteit, and the new register's.
pub fn attribution(d: &crate::diff::Diff, lang: Lang) -> Table {
    let mut rows = vec![vec![
        Cell::Text(String::new()),
        Cell::Text(format!(
            "{} ({})",
            lang.pick("Oud register", "Old register"),
            d.old.year
        )),
        Cell::Text(String::new()),
        if d.old.quantified {
            Cell::Amount(d.old.required)
        } else {
            Cell::Text(lang.pick("niet bepaald", "not determined").into())
        },
    ]];
    // Each difference between the rounded amounts before and after, so that the printed column
    // adds up, in whole euros, to the printed total.
    let mut before = d.old.required.round();
    rows.extend(d.steps.iter().enumerate().map(|(k, s)| {
        let after = s.required.round();
        let delta = after - before;
        before = after;
        vec![
            Cell::Text((k + 1).to_string()),
            Cell::Text(describe::step_label(s, d, lang)),
            Cell::Amount(delta),
            Cell::Amount(s.required),
        ]
    }));
    rows.push(vec![
        Cell::Text(String::new()),
        Cell::Text(format!(
            "{} ({})",
            lang.pick("Nieuw register", "New register"),
            d.new.year
        )),
        Cell::Amount(d.new.required.round() - d.old.required.round()),
        Cell::Amount(d.new.required),
    ]);
    Table {
        columns: vec![
            lang.pick("Stap", "Step").into(),
            lang.pick("Verandering", "Change").into(),
            lang.pick("Verschil", "Difference").into(),
            format!(
                "{} {}",
                crate::vocabulary::Figure::Required.name(lang),
                lang.pick("daarna", "after")
            ),
        ],
        rows,
        chosen: None,
    }
}

/// The verdeelsleutel's keys side by side when it has more than one set of shares: a column per
/// key and period (the main key, each taakveld's, each from its year on), a row per municipality;
/// `None` for one key.
pub fn keys(register: &Register, lang: Lang) -> Option<Table> {
    let v = &register.verdeelsleutel;
    if v.is_simple() {
        return None;
    }
    let mut columns = vec![lang.pick("Gemeente", "Municipality").to_string()];
    let mut shares: Vec<&[f64]> = Vec::new();
    for key in std::iter::once(&v.main).chain(&v.taakvelden) {
        let name = key
            .name
            .clone()
            .unwrap_or_else(|| lang.pick("hoofdsleutel", "main key").to_string());
        for (k, (from, s)) in key.periods.iter().enumerate() {
            columns.push(if k == 0 {
                name.clone()
            } else {
                format!("{name} {} {from}", lang.pick("vanaf", "from"))
            });
            shares.push(s);
        }
    }
    Some(Table {
        columns,
        rows: v
            .municipalities
            .iter()
            .enumerate()
            .map(|(m, municipality)| {
                std::iter::once(Cell::Text(municipality.name.clone()))
                    .chain(shares.iter().map(|s| Cell::Share(s[m])))
                    .collect()
            })
            .collect(),
        chosen: None,
    })
}

/// The back-test per realised year: the realised risk amount, its percentile in the simulation,
/// and whether it lay above the benodigde capaciteit.
pub fn backtest_years(b: &crate::backtest::Backtest, lang: Lang) -> Table {
    Table {
        columns: vec![
            lang.pick("Jaar", "Year").into(),
            lang.pick("Gerealiseerd risicobedrag", "Realised risk amount").into(),
            lang.pick("Percentiel in de simulatie", "Percentile in the simulation")
                .into(),
            format!(
                "{} {}",
                lang.pick("Boven de benodigde capaciteit bij", "Above the required capacity at"),
                percent(b.certainty, 1)
            ),
        ],
        rows: b
            .years
            .iter()
            .map(|y| {
                vec![
                    Cell::Text(y.year.to_string()),
                    Cell::Amount(y.risk_amount),
                    Cell::Percent(y.percentile, 1),
                    Cell::Text(
                        if y.above {
                            lang.pick("ja", "yes")
                        } else {
                            lang.pick("nee", "no")
                        }
                        .into(),
                    ),
                ]
            })
            .collect(),
        chosen: None,
    }
}

/// The risks that occurred in the realised years, against their ranges.
pub fn backtest_risks(b: &crate::backtest::Backtest, lang: Lang) -> Table {
    use crate::backtest::Position;
    Table {
        columns: vec![
            lang.pick("Jaar", "Year").into(),
            lang.pick("Risico", "Risk").into(),
            lang.pick("Bedrag", "Amount").into(),
            lang.pick("Bandbreedte per keer", "Range per event").into(),
            lang.pick("Ligt", "Lies").into(),
        ],
        rows: b
            .years
            .iter()
            .flat_map(|y| {
                y.risks.iter().map(move |r| {
                    vec![
                        Cell::Text(y.year.to_string()),
                        Cell::Text(format!("{} {}", r.id, r.title)),
                        Cell::Amount(r.amount),
                        Cell::Interval(r.low.min(r.high), r.low.max(r.high)),
                        Cell::Text(
                            match r.position {
                                Position::Below => lang.pick("eronder", "below"),
                                Position::Within => lang.pick("erbinnen", "within"),
                                Position::Above => lang.pick("erboven", "above"),
                            }
                            .into(),
                        ),
                    ]
                })
            })
            .collect(),
        chosen: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_thousands_say_so_in_the_header() {
        let t = Table {
            columns: vec!["Jaar".into(), "Bedrag".into(), "Kans".into()],
            rows: vec![vec![
                Cell::Text("2026".into()),
                Cell::Amount(4_500_608.0),
                Cell::Chance(0.5),
            ]],
            chosen: None,
        };
        let _nl = crate::format::style(Lang::Nl);
        assert_eq!(t.header(Amounts::Euros), ["Jaar", "Bedrag", "Kans"]);
        assert_eq!(
            t.header(Amounts::Thousands),
            ["Jaar", "Bedrag (×\u{a0}€\u{a0}1.000)", "Kans"]
        );
        assert_eq!(t.cells(Amounts::Euros)[0], ["2026", "€ 4.500.608", "50,0%"]);
        assert_eq!(t.cells(Amounts::Thousands)[0], ["2026", "4.501", "50,0%"]);
        assert_eq!(t.right(), [0, 1, 2]);
    }
}
