//! Reading the risks, the heart of the register.

use super::fields::{Fields, Reader, normalize};
use crate::diagnostic::Subject;
use crate::model::{
    Basis, BorneBy, Classes, Direction, Drivers, Horizon, Impact, Influence, Label, MeasureState, Mitigation,
    Occurrence, ProbabilityPer, Recurrence, Risk, Status,
};
use crate::problem::{NameKind, Problem};
use crate::yaml::{Node, Value};

/// The fields a risk may have.
pub const RISK_FIELDS: [&str; 26] = [
    "id",
    "title",
    "area",
    "table",
    "borne_by",
    "taakveld",
    "category",
    "type",
    "status",
    "probability",
    "probability_per",
    "frequency",
    "impact",
    "kind",
    "recurrence",
    "first_year",
    "influence",
    "cause",
    "consequences",
    "mitigations",
    "owner",
    "reviewed",
    "published_weighted",
    "source",
    "notes",
    "placeholder",
];

/// Whether a risk item says `placeholder: true`.
fn is_placeholder(item: &Node) -> bool {
    matches!(item.get("placeholder").map(|n| &n.value), Some(Value::Bool(true)))
}

/// Everything a risk refers to by name. A section that failed to read is `None`: names into it
/// are then accepted unchecked (the register is invalid anyway, and one broken section should not
/// bury the risks' own problems under false ones).
pub struct Context<'a> {
    pub horizon: Option<&'a Horizon>,
    pub classes: Option<&'a Classes>,
    pub categories: Option<&'a [Label]>,
    pub risk_types: Option<&'a [Label]>,
    pub drivers: Option<&'a Drivers>,
    pub tables: Option<&'a [Label]>,
    pub taakvelden: Option<&'a [crate::model::verdeelsleutel::Key]>,
}

/// Largest frequency accepted: more than a thousand times a year is a running cost, not a risk.
pub const MAX_FREQUENCY: f64 = 1000.0;

impl Reader<'_> {
    /// All risks; `None` if any of them has an error. Ids are unique.
    pub fn risks(&mut self, node: &Node, cx: &Context) -> Option<Vec<Risk>> {
        let items = self.list(node, "risks")?;
        if items.is_empty() {
            self.error(node.span, Problem::NoRisks);
            return None;
        }
        let mut risks = Vec::with_capacity(items.len());
        // Id → the line it first appears on; a map, so that thousands of risks validate in linear time.
        let mut seen: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut ok = true;
        for item in items {
            // The id is read first so that every message about this risk can name it.
            let id_node = item.get("id");
            let id = id_node.and_then(|n| match &n.value {
                Value::Str(_) | Value::Int(_) | Value::Float(_) => {
                    Some(self.raw(n).trim().trim_matches(['"', '\'']).to_string())
                }
                _ => None,
            });
            self.subject = id.clone().map(Subject::Risk);
            if let (Some(id), Some(id_node)) = (&id, id_node) {
                if let Some(line) = seen.get(id) {
                    self.error(
                        id_node.span,
                        Problem::DuplicateId {
                            id: id.clone(),
                            first_line: *line,
                            in_sheet: self.sources.get(id_node.span.source).sheet.is_some(),
                        },
                    );
                    ok = false;
                } else {
                    seen.insert(id.clone(), id_node.span.line);
                }
            }
            match self.risk(item, cx) {
                Some(risk) => risks.push(risk),
                None => ok = false,
            }
        }
        self.subject = None;
        // Stand-ins are counted but never named in the paragraph: one warning for all of them.
        let placeholders: Vec<&Risk> = risks.iter().filter(|r| r.placeholder).collect();
        if let Some(item) = items.iter().find(|i| is_placeholder(i)) {
            let span = item.get("placeholder").map_or(item.span, |n| n.span);
            let ids: Vec<String> = placeholders.iter().map(|r| r.id.clone()).collect();
            self.warn(span, Problem::Placeholders { ids });
        }
        ok.then_some(risks)
    }

    fn risk(&mut self, node: &Node, cx: &Context) -> Option<Risk> {
        let f = self.fields(node, "risk", &RISK_FIELDS)?;
        let id = self.req_text(&f, "id");
        if let (Some(id), Some(n)) = (&id, f.get("id"))
            && !id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            self.error(n.span, Problem::BadId { text: id.clone() });
        }
        let title = self.req_text(&f, "title");
        let area = self.opt_text(&f, "area");
        let table = match f.get("table") {
            Some(n) => label(self, n, "table", NameKind::Table, cx.tables).map(Some),
            None => Some(None),
        };
        let taakveld = match (f.get("taakveld"), cx.taakvelden) {
            (Some(n), Some(keys)) => {
                let names: Vec<(&str, usize)> = keys
                    .iter()
                    .enumerate()
                    .filter_map(|(i, k)| Some((k.name.as_deref()?, i)))
                    .collect();
                self.name(n, "taakveld", NameKind::Taakveld, &names).map(Some)
            }
            (Some(n), None) => self.text(n, "taakveld").map(|_| None),
            (None, _) => Some(None),
        };
        let borne_by = match f.get("borne_by") {
            Some(n) => self.name(
                n,
                "borne_by",
                NameKind::BorneBy,
                &[("regeling", BorneBy::Regeling), ("deelnemers", BorneBy::Deelnemers)],
            ),
            None => Some(BorneBy::Regeling),
        };
        let category = self
            .required(&f, "category")
            .and_then(|n| label(self, n, "category", NameKind::Category, cx.categories));
        let risk_type = self
            .required(&f, "type")
            .and_then(|n| label(self, n, "type", NameKind::RiskType, cx.risk_types));

        let statuses: Vec<(&str, Status)> = Status::ALL.iter().map(|s| (s.name(), *s)).collect();
        let status = self
            .required(&f, "status")
            .and_then(|n| self.name(n, "status", NameKind::Status, &statuses));
        let impact = match (f.get("impact"), status) {
            (Some(n), _) => self.impact(n, cx.drivers),
            (None, Some(Status::GeenRisicoMeer)) => Some(Impact::Pm),
            (None, _) => self.required(&f, "impact").and(None),
        };
        let occurrence = self.occurrence(&f, cx.classes);
        let direction = match f.get("kind") {
            Some(n) => self.name(
                n,
                "kind",
                NameKind::Direction,
                &[("bedreiging", Direction::Bedreiging), ("kans", Direction::Kans)],
            ),
            None => Some(Direction::Bedreiging),
        };
        let recurrence = match f.get("recurrence") {
            Some(n) => self.name(
                n,
                "recurrence",
                NameKind::Recurrence,
                &[
                    ("incidenteel", Recurrence::Incidenteel),
                    ("structureel", Recurrence::Structureel),
                ],
            ),
            None => Some(Recurrence::Incidenteel),
        };
        // Optional fields read as `Some(value)`, `None` when wrong: no `?` until every field of the
        // risk is read, so that one mistake does not hide the others.
        let first_year = match f.get("first_year") {
            Some(n) => self.year(n, "first_year").map(Some),
            None => Some(None),
        };
        let probability_per = match f.get("probability_per") {
            Some(n) => self.name(
                n,
                "probability_per",
                NameKind::ProbabilityPer,
                &[("jaar", ProbabilityPer::Jaar), ("periode", ProbabilityPer::Periode)],
            ),
            None => Some(ProbabilityPer::Jaar),
        };
        let influences: Vec<(&str, Influence)> = Influence::ALL.iter().map(|i| (i.name(), *i)).collect();
        let influence = match f.get("influence") {
            Some(n) => self.name(n, "influence", NameKind::Influence, &influences).map(Some),
            None => Some(None),
        };
        let cause = self.opt_text(&f, "cause");
        let consequences = self.opt_text(&f, "consequences");
        let mitigations = match f.get("mitigations") {
            Some(n) => self.mitigations(n),
            None => Some(Vec::new()),
        };
        let owner = self.opt_text(&f, "owner");
        let reviewed = match f.get("reviewed") {
            Some(n) => self.date(n, "reviewed").map(Some),
            None => Some(None),
        };
        let published_weighted = match f.get("published_weighted") {
            Some(n) if matches!(&n.value, Value::Str(s) if normalize(s) == "pm") => Some(None),
            Some(n) => self.amount(n, "published_weighted").map(Some),
            None => Some(None),
        };
        let source = self.opt_text(&f, "source");
        let notes = self.opt_text(&f, "notes");
        let placeholder = match f.get("placeholder") {
            Some(n) => self.boolean(n, "placeholder"),
            None => Some(false),
        };
        let (first_year, influence, reviewed, published_weighted, placeholder) =
            (first_year?, influence?, reviewed?, published_weighted?, placeholder?);

        let risk = Risk {
            id: id?,
            title: title?,
            area,
            table: table?,
            borne_by: borne_by?,
            taakveld: taakveld?,
            category: category?,
            risk_type: risk_type?,
            status: status?,
            occurrence: occurrence?,
            impact: impact?,
            direction: direction?,
            recurrence: recurrence?,
            first_year,
            probability_per: probability_per?,
            influence,
            cause,
            consequences,
            mitigations: mitigations?,
            owner,
            reviewed,
            published_weighted,
            source,
            notes,
            placeholder,
        };
        self.check_risk(&risk, &f, cx);
        Some(risk)
    }

    /// `probability` or `frequency`, at most one of them. Missing is allowed here and judged in
    /// [`Reader::check_risk`], where status and impact are known.
    fn occurrence(&mut self, f: &Fields, classes: Option<&Classes>) -> Option<Option<Occurrence>> {
        match (f.get("probability"), f.get("frequency")) {
            (Some(p), Some(q)) => {
                self.error(
                    self.blame(p.span, &[Some(p), Some(q)]),
                    Problem::NotBoth {
                        field: "probability".into(),
                        other: "frequency".into(),
                    },
                );
                None
            }
            (Some(p), None) => {
                let Some(classes) = classes else {
                    // The class table is broken: a class name cannot be checked.
                    if matches!(&p.value, Value::Str(s) if !s.contains('%')) {
                        return Some(Some(Occurrence::Probability(0.5)));
                    }
                    return self
                        .fraction(p, "probability", &[])
                        .map(|v| Some(Occurrence::Probability(v)));
                };
                let names: Vec<(String, f64)> = classes.probability.iter().map(|c| (c.name.clone(), c.value)).collect();
                self.fraction(p, "probability", &names)
                    .map(|v| Some(Occurrence::Probability(v)))
            }
            (None, Some(n)) => {
                let rate = self.number(n, "frequency")?;
                if rate < 0.0 {
                    self.error(n.span, Problem::NegativeFrequency { value: rate });
                    return None;
                }
                if rate > MAX_FREQUENCY {
                    self.error(n.span, Problem::AbsurdFrequency { value: rate });
                    return None;
                }
                Some(Some(Occurrence::Frequency(rate)))
            }
            (None, None) => Some(None),
        }
    }

    fn mitigations(&mut self, node: &Node) -> Option<Vec<Mitigation>> {
        let items = self.list(node, "mitigations")?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            let Some(f) = self.fields(
                item,
                "mitigation",
                &["description", "state", "probability_factor", "impact_factor"],
            ) else {
                ok = false;
                continue;
            };
            let description = self.req_text(&f, "description");
            let state = self.required(&f, "state").and_then(|n| {
                self.name(
                    n,
                    "state",
                    NameKind::MeasureState,
                    &[
                        ("gepland", MeasureState::Gepland),
                        ("uitgevoerd", MeasureState::Uitgevoerd),
                    ],
                )
            });
            let factor = |reader: &mut Self, key: &str| match f.get(key) {
                None => Some(1.0),
                Some(n) => {
                    let v = reader.number(n, key)?;
                    if (0.0..=1.0).contains(&v) {
                        Some(v)
                    } else {
                        reader.error(
                            n.span,
                            Problem::FactorOutOfRange {
                                field: key.into(),
                                value: v,
                            },
                        );
                        None
                    }
                }
            };
            let probability_factor = factor(self, "probability_factor");
            let impact_factor = factor(self, "impact_factor");
            match (description, state, probability_factor, impact_factor) {
                (Some(description), Some(state), Some(probability_factor), Some(impact_factor)) => {
                    out.push(Mitigation {
                        description,
                        state,
                        probability_factor,
                        impact_factor,
                    })
                }
                _ => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// Rules that involve several fields of one risk, and the warnings about it.
    fn check_risk(&mut self, risk: &Risk, f: &Fields, cx: &Context) {
        let status_span = f.get("status").map_or(f.node.span, |n| n.span);
        let active = risk.status.is_active();
        if active && risk.impact != Impact::Pm && risk.occurrence.is_none() {
            self.error(f.node.span, Problem::MissingOccurrence);
        }
        if risk.probability_per == ProbabilityPer::Periode
            && !matches!(risk.occurrence, Some(Occurrence::Probability(_)))
            && let Some(n) = f.get("probability_per")
        {
            self.error(n.span, Problem::PeriodWithoutProbability);
        }
        if risk.status == Status::OpTermijn && risk.first_year.is_none() {
            self.error(status_span, Problem::OpTermijnWithoutFirstYear);
        }
        if let (Some(year), Some(n), Some(horizon)) = (risk.first_year, f.get("first_year"), cx.horizon)
            && active
            && horizon.index_of(year).is_none()
        {
            self.warn(
                n.span,
                Problem::FirstYearOutsideHorizon {
                    year,
                    first: horizon.first,
                    last: horizon.last,
                },
            );
        }
        if !active && let Some(n) = f.get("probability").or(f.get("frequency")) {
            self.warn(n.span, Problem::RetiredWithProbability);
        }
        if active && risk.impact == Impact::Pm {
            self.warn(f.get("impact").map_or(f.node.span, |n| n.span), Problem::PmRisk);
        }
        if let (Some(date), Some(n)) = (risk.reviewed, f.get("reviewed")) {
            let days = self.today.days() - date.days();
            if days > 365 {
                self.warn(
                    n.span,
                    Problem::StaleReview {
                        date: date.to_string(),
                        days,
                    },
                );
            }
        }
        if let (Some(published), Some(n)) = (risk.published_weighted, f.get("published_weighted"))
            && let Some(drivers) = cx.drivers
            && let Some(computed) = risk.weighted(drivers, 0, Basis::Netto)
            && (computed - published).abs() > (0.02 * published.abs()).max(1.0)
        {
            self.warn(n.span, Problem::PublishedMismatch { computed, published });
        }
    }
}

/// A category or risk type, by its id or its full name.
fn label(reader: &mut Reader, node: &Node, field: &str, kind: NameKind, labels: Option<&[Label]>) -> Option<usize> {
    let Some(labels) = labels else {
        return reader.text(node, field).map(|_| 0);
    };
    let choices: Vec<(&str, usize)> = labels
        .iter()
        .enumerate()
        .flat_map(|(i, l)| [(l.id.as_str(), i), (l.name.as_str(), i)])
        .collect();
    if let Some(found) = reader.name_quiet(node, &choices) {
        return Some(found);
    }
    let ids: Vec<(&str, usize)> = labels.iter().enumerate().map(|(i, l)| (l.id.as_str(), i)).collect();
    reader.name(node, field, kind, &ids)
}

impl Reader<'_> {
    /// Like [`Reader::name`], without reporting a miss.
    fn name_quiet<T: Copy>(&self, node: &Node, choices: &[(&str, T)]) -> Option<T> {
        let Value::Str(text) = &node.value else { return None };
        let wanted = normalize(text);
        choices.iter().find(|(n, _)| normalize(n) == wanted).map(|(_, v)| *v)
    }
}
