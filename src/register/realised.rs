//! Reading `realised:`, the years that have passed: per taakveld what each municipality was
//! invoiced and what its share of the costs was, the reserve at the start and end, and what
//! happened to each risk.

use super::fields::Reader;
use crate::model::realised::Realised;
use crate::model::{Outcome, RealisedYear, Risk, RiskOutcome, TaakveldResult, Verdeelsleutel};
use crate::problem::NameKind;
use crate::yaml::Node;

impl Reader<'_> {
    /// Every realised year; `None` when any has an error. Municipalities and risks are named as the
    /// verdeelsleutel and the risks name them (checked only when those were read).
    pub fn realised(
        &mut self,
        node: Option<&Node>,
        key: Option<&Verdeelsleutel>,
        risks: Option<&[Risk]>,
    ) -> Option<Vec<RealisedYear>> {
        let Some(node) = node else {
            return Some(Vec::new());
        };
        let items = self.list(node, "realised")?;
        let mut years = Vec::new();
        let mut ok = true;
        let mut seen = Vec::new();
        for item in items {
            // Each year once, whatever else is wrong in it.
            if let Some(n) = item.get("year") {
                seen.push((self.raw(n).trim().trim_matches(['"', '\'']).to_string(), n.span));
            }
            match self.realised_year(item, key, risks) {
                Some(year) => years.push(year),
                None => ok = false,
            }
        }
        ok &= self.distinct("realised.year", seen);
        years.sort_by_key(|y| y.year);
        ok.then_some(years)
    }

    fn realised_year(
        &mut self,
        node: &Node,
        key: Option<&Verdeelsleutel>,
        risks: Option<&[Risk]>,
    ) -> Option<RealisedYear> {
        let f = self.fields(node, "realised", &["year", "source", "reserve", "taakvelden", "risks"])?;
        let year = self.required(&f, "year").and_then(|n| self.year(n, "realised.year"));
        let source = self.opt_text(&f, "source");
        let reserve = self.required(&f, "reserve").and_then(|n| {
            let r = self.fields(n, "realised.reserve", &["start", "end"])?;
            let start = self
                .required(&r, "start")
                .and_then(|n| self.amount(n, "realised.reserve.start"));
            let end = self
                .required(&r, "end")
                .and_then(|n| self.amount(n, "realised.reserve.end"));
            Some((start?, end?))
        });
        let taakvelden = match f.get("taakvelden") {
            Some(n) => self.taakvelden(n, key),
            None => Some(Vec::new()),
        };
        let outcomes = match f.get("risks") {
            Some(n) => self.outcomes(n, risks),
            None => Some(Vec::new()),
        };
        let (reserve_start, reserve_end) = reserve?;
        Some(RealisedYear {
            year: year?,
            source,
            reserve_start,
            reserve_end,
            taakvelden: taakvelden?,
            risks: outcomes?,
        })
    }

    fn taakvelden(&mut self, node: &Node, key: Option<&Verdeelsleutel>) -> Option<Vec<TaakveldResult>> {
        let items = self.list(node, "realised.taakvelden")?;
        let mut out = Vec::new();
        let mut ok = true;
        // Each name with its own item's place, whatever else is wrong in the items.
        let mut names = Vec::new();
        for item in items {
            let Some(f) = self.fields(item, "taakvelden", &["name", "municipalities", "total"]) else {
                ok = false;
                continue;
            };
            let name = self.req_text(&f, "name");
            if let Some(name) = &name {
                names.push((name.clone(), item.span));
            }
            let rows = self.required(&f, "municipalities").and_then(|n| {
                let rows = self.list(n, "municipalities")?;
                let mut out = Vec::new();
                let mut ok = true;
                let mut names = Vec::new();
                for row in rows {
                    match self.realised_row(row, key) {
                        Some(r) => {
                            names.push((r.0, row.span));
                            out.push(r.1);
                        }
                        None => ok = false,
                    }
                }
                ok &= self.distinct("municipality", names);
                ok.then_some(out)
            });
            let total = match f.get("total") {
                Some(n) => self.published_total(n, rows.as_deref()).map(Some),
                None => Some(None),
            };
            match (name, rows, total) {
                (Some(name), Some(municipalities), Some(published_total)) => out.push(TaakveldResult {
                    name,
                    municipalities,
                    published_total,
                }),
                _ => ok = false,
            }
        }
        ok &= self.distinct("taakveld", names);
        ok.then_some(out)
    }

    /// `total: {costs, overhead, invoiced}`, each checked against its rows: the jaarverslag sums
    /// before rounding, so each row may put half a euro between them, no more.
    fn published_total(&mut self, node: &Node, rows: Option<&[Realised]>) -> Option<[f64; 3]> {
        let f = self.fields(node, "total", &["costs", "overhead", "invoiced"])?;
        let mut total = [0.0; 3];
        let mut ok = true;
        for (k, key) in ["costs", "overhead", "invoiced"].iter().enumerate() {
            let Some(n) = self.required(&f, key) else {
                ok = false;
                continue;
            };
            let Some(value) = self.amount_signed(n, &format!("total.{key}"), k == 0) else {
                ok = false;
                continue;
            };
            total[k] = value;
            if let Some(rows) = rows {
                let sum: f64 = rows.iter().map(|r| [r.costs, r.overhead, r.invoiced][k]).sum();
                if (sum - value).abs() > 0.5 * rows.len() as f64 + 1e-6 {
                    self.error(
                        n.span,
                        crate::problem::Problem::TotalDiffers {
                            field: format!("total.{key}"),
                            sum,
                            total: value,
                        },
                    );
                    ok = false;
                }
            }
        }
        ok.then_some(total)
    }

    fn realised_row(&mut self, node: &Node, key: Option<&Verdeelsleutel>) -> Option<(String, Realised)> {
        let f = self.fields(node, "municipalities", &["name", "invoiced", "costs", "overhead"])?;
        let name_node = self.required(&f, "name");
        let municipality = name_node.and_then(|n| match key {
            Some(key) => {
                let choices: Vec<(&str, usize)> = key
                    .municipalities
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.name.as_str(), i))
                    .collect();
                self.name(n, "name", NameKind::Municipality, &choices)
            }
            None => self.text(n, "name").map(|_| 0),
        });
        let invoiced = self.required(&f, "invoiced").and_then(|n| self.amount(n, "invoiced"));
        let costs = self
            .required(&f, "costs")
            .and_then(|n| self.amount_signed(n, "costs", true));
        let overhead = match f.get("overhead") {
            Some(n) => self.amount(n, "overhead"),
            None => Some(0.0),
        };
        let name = self.raw(name_node?);
        Some((
            name,
            Realised {
                municipality: municipality?,
                invoiced: invoiced?,
                costs: costs?,
                overhead: overhead?,
            },
        ))
    }

    fn outcomes(&mut self, node: &Node, risks: Option<&[Risk]>) -> Option<Vec<RiskOutcome>> {
        let items = self.list(node, "realised.risks")?;
        let mut out = Vec::new();
        let mut ok = true;
        let mut ids = Vec::new();
        let outcomes: Vec<(&str, Outcome)> = Outcome::ALL.iter().map(|o| (o.name(), *o)).collect();
        for item in items {
            let Some(f) = self.fields(item, "realised.risks", &["id", "outcome", "amount", "note"]) else {
                ok = false;
                continue;
            };
            let risk = self.required(&f, "id").and_then(|n| match risks {
                Some(risks) => {
                    let choices: Vec<(&str, usize)> =
                        risks.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
                    let found = self.name(n, "id", NameKind::Risk, &choices)?;
                    ids.push((risks[found].id.clone(), n.span));
                    Some(found)
                }
                None => self.text(n, "id").map(|_| 0),
            });
            let outcome = self
                .required(&f, "outcome")
                .and_then(|n| self.name(n, "outcome", NameKind::Outcome, &outcomes));
            let amount = match f.get("amount") {
                Some(n) => self.amount_signed(n, "amount", true).map(Some),
                None => Some(None),
            };
            let note = self.opt_text(&f, "note");
            match (risk, outcome, amount) {
                (Some(risk), Some(outcome), Some(amount)) => out.push(RiskOutcome {
                    risk,
                    outcome,
                    amount,
                    note,
                }),
                _ => ok = false,
            }
        }
        ok &= self.distinct("risico", ids);
        ok.then_some(out)
    }
}
