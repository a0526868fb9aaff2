//! The paragraph in the jaarverslag's layout, for a register that cannot be simulated (every risk
//! PM, as the Jaarverslag 2020 publishes them): the weerstandscapaciteit, the risks per published
//! table with oorzaak and gevolg, the risks that are gone, the kengetallen, and, for a year that has
//! passed, the account of it: what happened to the risks, the settlement with the municipalities
//! per taakveld and the reserve's movement. It says plainly why nothing is simulated.

use super::context::{Capacity, KengetalRow, TableText, text_or_dash};
use super::{Report, ReportError, html, markdown};
use crate::afrekening::{self, Settlement};
use crate::describe::without_references;
use crate::format::euro;
use crate::lang::Lang;
use crate::model::{BorneBy, Register, Risk};
use crate::tables::{self, Amounts};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Context {
    pub meta: Meta,
    /// Why the register cannot be simulated, in plain words.
    pub no_simulation: String,
    pub capacity: Capacity,
    pub tables: Vec<RiskTable>,
    /// Risks that are no longer a risk, with what became of them.
    pub retired: Vec<RiskRow>,
    pub kengetallen: Vec<KengetalRow>,
    /// The account of the year, when the register has its realised figures.
    pub realised: Option<Account>,
}

#[derive(Debug, Serialize)]
pub struct Meta {
    pub organisation: String,
    pub document: Option<String>,
    pub year: i32,
}

/// One published table of risks.
#[derive(Debug, Serialize)]
pub struct RiskTable {
    pub name: String,
    /// Said under the name: whose account these risks are for, when not the regeling's.
    pub note: String,
    pub rows: Vec<RiskRow>,
}

#[derive(Debug, Serialize)]
pub struct RiskRow {
    pub number: usize,
    pub id: String,
    pub title: String,
    pub cause: String,
    pub consequences: String,
    /// What happened to it in the realised year, in words; empty when the register does not say.
    pub outcome: String,
}

/// A year that has passed, accounted for.
#[derive(Debug, Serialize)]
pub struct Account {
    pub year: i32,
    pub outcomes: Option<TableText>,
    pub taakvelden: Vec<TaakveldText>,
    pub total: Option<TableText>,
    pub saldo_rule: String,
    /// What the municipalities pay or get back in all, in one sentence.
    pub settlement: String,
    pub reserve: String,
}

#[derive(Debug, Serialize)]
pub struct TaakveldText {
    pub name: String,
    pub table: TableText,
}

/// Why there is nothing to simulate: how many risks, and what they are instead.
pub fn no_simulation(register: &Register, lang: Lang) -> String {
    let risks = &register.risks;
    let retired = risks.iter().filter(|r| !r.status.is_active()).count();
    let deelnemers = risks
        .iter()
        .filter(|r| r.status.is_active() && r.borne_by == BorneBy::Deelnemers)
        .count();
    let pm = risks.len() - retired - deelnemers;
    let source = register
        .metadata
        .document
        .clone()
        .unwrap_or_else(|| lang.pick("de bron", "the source").to_string());
    let mut parts = vec![match lang {
        Lang::Nl => {
            format!("{pm} van de regeling staan als PM (niet gekwantificeerd), zoals de bron ({source}) ze publiceert")
        }
        Lang::En => format!("{pm} of the regeling's are PM (not quantified), as the source ({source}) publishes them"),
    }];
    if deelnemers > 0 {
        parts.push(match lang {
            Lang::Nl => format!("{deelnemers} zijn voor rekening van de deelnemende gemeenten zelf"),
            Lang::En => format!("{deelnemers} are borne by the participating municipalities themselves"),
        });
    }
    if retired > 0 {
        parts.push(match lang {
            Lang::Nl => format!(
                "{retired} {} geen risico meer",
                if retired == 1 { "is" } else { "zijn" }
            ),
            Lang::En => format!("{retired} {} no longer a risk", if retired == 1 { "is" } else { "are" }),
        });
    }
    let list = crate::describe::listing(&parts, lang);
    match lang {
        Lang::Nl => format!(
            "Geen simulatie mogelijk. Geen van de {} risico's in dit register heeft een kans en een bedrag: {list}. Zonder kansen en bedragen zijn de benodigde weerstandscapaciteit, de ratio weerstandsvermogen en de kans dat de algemene reserve tekortschiet niet te bepalen. Deze paragraaf beschrijft de risico's daarom met hun oorzaak en gevolg, en zet de weerstandscapaciteit ernaast.",
            risks.len()
        ),
        Lang::En => format!(
            "No simulation is possible. None of the {} risks in this register has a probability and an amount: {list}. Without probabilities and amounts the required capacity, the ratio and the chance that the general reserve falls short cannot be determined. This paragraph therefore describes the risks with their cause and consequence, beside the available capacity.",
            risks.len()
        ),
    }
}

/// ` (een bate van € 583.778)` or ` (€ 119.000)`.
fn gain_or_cost(amount: f64, lang: Lang) -> String {
    if amount < 0.0 {
        format!(" ({} {})", lang.pick("een bate van", "a gain of"), euro(-amount))
    } else {
        format!(" ({})", euro(amount))
    }
}

fn row(number: usize, risk: &Risk, settlement: Option<&Settlement>, lang: Lang) -> RiskRow {
    let outcome = settlement
        .and_then(|s| s.risks.iter().find(|r| r.id == risk.id))
        .map(|r| {
            let amount = r.amount.map(|a| gain_or_cost(a, lang)).unwrap_or_default();
            let note = r.note.as_deref().map(without_references).unwrap_or_default();
            if note.trim().is_empty() {
                format!("{}{amount}", r.outcome.display(lang))
            } else {
                format!("{}{amount}: {}", r.outcome.display(lang), note.trim())
            }
        })
        .unwrap_or_default();
    RiskRow {
        number,
        id: risk.id.clone(),
        title: risk.title.clone(),
        cause: text_or_dash(risk.cause.as_deref()),
        consequences: text_or_dash(risk.consequences.as_deref()),
        outcome,
    }
}

/// The risks per published table (in the register's order of tables), then those without one.
pub fn risk_tables(register: &Register, settlement: Option<&Settlement>, lang: Lang) -> Vec<RiskTable> {
    let active: Vec<&Risk> = register.risks.iter().filter(|r| r.status.is_active()).collect();
    let mut groups: Vec<(String, Vec<&Risk>)> = register
        .tables
        .iter()
        .enumerate()
        .map(|(k, t)| {
            (
                t.name.clone(),
                active.iter().copied().filter(|r| r.table == Some(k)).collect(),
            )
        })
        .collect();
    let loose: Vec<&Risk> = active.iter().copied().filter(|r| r.table.is_none()).collect();
    if !loose.is_empty() {
        let name = if register.tables.is_empty() {
            lang.pick("Risico's", "Risks")
        } else {
            lang.pick("Overige risico's", "Other risks")
        };
        groups.push((name.to_string(), loose));
    }
    groups
        .into_iter()
        .filter(|(_, risks)| !risks.is_empty())
        .map(|(name, risks)| {
            let all_theirs = risks.iter().all(|r| r.borne_by == BorneBy::Deelnemers);
            let note = if all_theirs {
                lang.pick(
                    "Deze risico's zijn voor rekening van de deelnemende gemeenten zelf, niet van de regeling: zij komen niet ten laste van de algemene reserve.",
                    "These risks are borne by the participating municipalities themselves, not by the regeling: they are not charged to the general reserve.",
                )
                .to_string()
            } else {
                String::new()
            };
            RiskTable {
                name,
                note,
                rows: risks
                    .iter()
                    .enumerate()
                    .map(|(k, r)| row(k + 1, r, settlement, lang))
                    .collect(),
            }
        })
        .collect()
}

pub fn account(register: &Register, s: &Settlement, lang: Lang) -> Account {
    let amounts = Amounts::Euros;
    let refunded = s.total.saldo < 0.0;
    let per: Vec<String> = s
        .municipalities
        .iter()
        .map(|m| format!("{} {}", m.municipality, euro(m.saldo.abs())))
        .collect();
    let settlement = match (lang, refunded) {
        (Lang::Nl, true) => format!(
            "Het resultaat over {} is per taakveld met de deelnemende gemeenten afgerekend: per saldo krijgen zij {} terug ({}).",
            s.year,
            euro(-s.total.saldo),
            per.join(", ")
        ),
        (Lang::Nl, false) => format!(
            "Het resultaat over {} is per taakveld met de deelnemende gemeenten afgerekend: per saldo betalen zij {} bij ({}).",
            s.year,
            euro(s.total.saldo),
            per.join(", ")
        ),
        (Lang::En, true) => format!(
            "The result for {} was settled with the participating municipalities per taakveld: in all they get {} back ({}).",
            s.year,
            euro(-s.total.saldo),
            per.join(", ")
        ),
        (Lang::En, false) => format!(
            "The result for {} was settled with the participating municipalities per taakveld: in all they pay {} extra ({}).",
            s.year,
            euro(s.total.saldo),
            per.join(", ")
        ),
    };
    let cap = register.reserve.cap;
    let mut reserve = crate::vocabulary::reserve_movement(s, cap, lang);
    if s.reserve_start == cap && s.reserve_end == cap {
        reserve.push_str(lang.pick(
            " Zij bleef op haar plafond: het resultaat is geheel met de gemeenten verrekend.",
            " It stayed at its cap: the whole result was settled with the municipalities.",
        ));
    }
    Account {
        year: s.year,
        outcomes: (!s.risks.is_empty()).then(|| TableText::new(&tables::outcomes(s, lang), amounts)),
        taakvelden: s
            .taakvelden
            .iter()
            .map(|t| TaakveldText {
                name: t.name.clone(),
                table: TableText::new(&tables::settlement(&t.lines, &t.total, lang), amounts),
            })
            .collect(),
        total: (s.taakvelden.len() > 1)
            .then(|| TableText::new(&tables::settlement(&s.municipalities, &s.total, lang), amounts)),
        saldo_rule: crate::vocabulary::saldo_definition(lang).to_string(),
        settlement,
        reserve,
    }
}

/// The context for the jaarverslag's layout.
pub fn context(register: &Register, lang: Lang) -> Context {
    let year = register.horizon.first;
    let settlement = afrekening::settle(register, year);
    let retired: Vec<RiskRow> = register
        .risks
        .iter()
        .filter(|r| !r.status.is_active())
        .enumerate()
        .map(|(k, r)| row(k + 1, r, settlement.as_ref(), lang))
        .collect();
    Context {
        meta: Meta {
            organisation: register.metadata.organisation.clone(),
            document: register.metadata.document.clone(),
            year,
        },
        no_simulation: no_simulation(register, lang),
        capacity: super::context::capacity(register, register.reserve.balance[0], false, lang),
        tables: risk_tables(register, settlement.as_ref(), lang),
        retired,
        kengetallen: super::context::kengetal_rows(register, lang),
        realised: settlement.as_ref().map(|s| account(register, s, lang)),
    }
}

/// Builds the report in the jaarverslag's layout: no charts (nothing is simulated).
pub fn build(
    register: &Register,
    lang: Lang,
    template: Option<&str>,
    date: crate::date::Date,
) -> Result<Report, ReportError> {
    let _numbers = crate::format::style(lang);
    let context = context(register, lang);
    let source = template.unwrap_or(match lang {
        Lang::Nl => markdown::JAARVERSLAG_NL,
        Lang::En => markdown::JAARVERSLAG_EN,
    });
    let markdown = super::render(source, &context, lang)?;
    let paragraph = lang.pick(
        "Paragraaf weerstandsvermogen en risicobeheersing",
        "Risk-bearing capacity and risk management",
    );
    let year = register.horizon.first;
    let title = format!("{paragraph} {year} — {}", register.metadata.organisation);
    let running = html::Running {
        left: format!("{} · {paragraph} {year}", register.metadata.organisation),
        right: date.long(lang),
    };
    let html = html::page(&markdown, &title, lang, &running, &std::collections::HashMap::new());
    Ok(Report {
        markdown,
        html,
        charts: Vec::new(),
    })
}
