//! Reading the register's settings: metadata, horizon, reserve, verdeelsleutel, classes,
//! categories and risk types, and the matrix layout.

use super::fields::{Fields, Reader, normalize};
use crate::model::classes::{ImpactClass, ProbabilityClass};
use crate::model::reserve::DEFAULT_CERTAINTY;
use crate::model::taxonomy::{default_categories, default_risk_types};
use crate::model::{
    Classes, Horizon, Kengetal, Label, MatrixLayout, Metadata, Municipality, Policy, Reserve, Verdeelsleutel,
};
use crate::problem::Problem;
use crate::yaml::Node;

impl Reader<'_> {
    pub fn metadata(&mut self, node: &Node) -> Option<Metadata> {
        let f = self.fields(
            node,
            "metadata",
            &["organisation", "document", "date", "currency", "unit"],
        )?;
        let organisation = self.req_text(&f, "organisation");
        let document = self.opt_text(&f, "document");
        let date = f.get("date").and_then(|n| self.date(n, "date"));
        let currency = match f.get("currency") {
            Some(n) => {
                let text = self.text(n, "currency")?;
                if text.trim().eq_ignore_ascii_case("eur") || text.trim() == "€" {
                    "EUR".to_string()
                } else {
                    self.error(n.span, Problem::Currency { text });
                    return None;
                }
            }
            None => "EUR".to_string(),
        };
        let unit = match f.get("unit") {
            Some(n) => {
                let unit = self.number(n, "unit")?;
                if unit <= 0.0 {
                    self.error(n.span, Problem::UnitNotPositive);
                    return None;
                }
                unit
            }
            None => 1.0,
        };
        Some(Metadata {
            organisation: organisation?,
            document,
            date,
            currency,
            unit,
        })
    }

    pub fn horizon(&mut self, node: &Node) -> Option<Horizon> {
        let f = self.fields(node, "horizon", &["first", "last"])?;
        let first = self.required(&f, "first").and_then(|n| self.year(n, "horizon.first"));
        let last = self.required(&f, "last").and_then(|n| self.year(n, "horizon.last"));
        let (first, last) = (first?, last?);
        // At the last year, which a scenario or --set may have written: the message points there.
        let at = f.get("last").map_or(node.span, |n| n.span);
        if last < first {
            self.error(at, Problem::HorizonOrder { first, last });
            return None;
        }
        let years = i64::from(last) - i64::from(first) + 1;
        if years > i64::from(Horizon::MAX_YEARS) {
            self.error(
                at,
                Problem::HorizonTooLong {
                    years,
                    max: Horizon::MAX_YEARS,
                },
            );
            return None;
        }
        Some(Horizon { first, last })
    }

    pub fn reserve(&mut self, node: &Node, horizon: &Horizon) -> Option<Reserve> {
        let f = self.fields(node, "reserve", &["cap", "balance", "certainty", "replenish", "rules"])?;
        let rules = match f.get("rules") {
            Some(n) => self.texts(n, "reserve.rules")?,
            None => Vec::new(),
        };
        let cap = self.required(&f, "cap").and_then(|n| self.amount(n, "reserve.cap"));
        let balance = self
            .required(&f, "balance")
            .and_then(|n| self.amounts_per_year(n, "reserve.balance", horizon));
        let certainty = match f.get("certainty") {
            Some(n) => {
                let c = self.fraction(n, "reserve.certainty", &[])?;
                if !(0.5..1.0).contains(&c) {
                    self.error(n.span, Problem::CertaintyOutOfRange { value: c });
                    return None;
                }
                c
            }
            None => DEFAULT_CERTAINTY,
        };
        let replenish = match f.get("replenish") {
            Some(n) => self.boolean(n, "reserve.replenish")?,
            None => false,
        };
        let (cap, balance) = (cap?, balance?);
        // The first year above the cap is the error (one per balance written, not one per year).
        let above = horizon.years().zip(&balance).find(|(_, b)| **b > cap);
        if let (Some(n), Some((year, b))) = (f.get("balance"), above) {
            let unit = self.unit;
            self.error(
                self.blame(n.span, &[f.get("cap")]),
                Problem::BalanceAboveCap {
                    year,
                    balance: *b,
                    cap,
                    unit,
                },
            );
            return None;
        }
        Some(Reserve {
            cap,
            balance,
            certainty,
            replenish,
            rules,
        })
    }

    pub fn verdeelsleutel(&mut self, node: &Node) -> Option<Verdeelsleutel> {
        let f = self.fields(
            node,
            "verdeelsleutel",
            &["basis", "municipalities", "from", "taakvelden"],
        )?;
        let basis = self.opt_text(&f, "basis");
        let list_node = self.required(&f, "municipalities")?;
        let main = self.key_list(list_node, "verdeelsleutel.municipalities");
        let main_from = match f.get("from") {
            Some(n) => self.key_periods(n, "verdeelsleutel.from"),
            None => Some(Vec::new()),
        };
        let taakvelden = match f.get("taakvelden") {
            Some(n) => self.taakveld_keys(n),
            None => Some(Vec::new()),
        };
        let (main, main_from, taakvelden) = (main?, main_from?, taakvelden?);
        // Every municipality of any key and period, in the order they first appear.
        let mut union: Vec<Municipality> = main.clone();
        let lists = main_from.iter().map(|(_, l)| l).chain(
            taakvelden
                .iter()
                .flat_map(|(_, _, first, from)| std::iter::once(first).chain(from.iter().map(|(_, l)| l))),
        );
        for list in lists {
            for m in list {
                if !union.iter().any(|u| normalize(&u.name) == normalize(&m.name)) {
                    union.push(Municipality {
                        name: m.name.clone(),
                        share: 0.0,
                        contribution: None,
                    });
                }
            }
        }
        let spread = |list: &[Municipality]| -> Vec<f64> {
            union
                .iter()
                .map(|u| {
                    list.iter()
                        .find(|m| normalize(&m.name) == normalize(&u.name))
                        .map_or(0.0, |m| m.share)
                })
                .collect()
        };
        let periods = |first: &[Municipality], from: &[(i32, Vec<Municipality>)]| -> Vec<(i32, Vec<f64>)> {
            std::iter::once((i32::MIN, spread(first)))
                .chain(from.iter().map(|(y, l)| (*y, spread(l))))
                .collect()
        };
        Some(Verdeelsleutel {
            basis: basis.clone(),
            main: crate::model::verdeelsleutel::Key {
                name: None,
                basis,
                periods: periods(&main, &main_from),
            },
            taakvelden: taakvelden
                .iter()
                .map(|(name, basis, first, from)| crate::model::verdeelsleutel::Key {
                    name: Some(name.clone()),
                    basis: basis.clone(),
                    periods: periods(first, from),
                })
                .collect(),
            municipalities: union,
        })
    }

    /// `from: {2022: [...], ...}`: the key from a year on, ascending by year.
    fn key_periods(&mut self, node: &Node, field: &str) -> Option<Vec<(i32, Vec<Municipality>)>> {
        let Some(entries) = node.as_map() else {
            self.expected(node, field, crate::yaml::Kind::Mapping);
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        let mut years = Vec::new();
        for (key, value) in entries {
            let name = key.name.trim().to_string();
            let year_node = Node {
                value: match name.parse::<i64>() {
                    Ok(y) => crate::yaml::Value::Int(y.into()),
                    Err(_) => crate::yaml::Value::Str(name.clone()),
                },
                span: key.span,
            };
            let year = self.year(&year_node, field);
            let list = self.key_list(value, &format!("{field}.{name}"));
            years.push((name, key.span));
            match (year, list) {
                (Some(y), Some(l)) => out.push((y, l)),
                _ => ok = false,
            }
        }
        ok &= self.distinct(field, years);
        out.sort_by_key(|(y, _)| *y);
        ok.then_some(out)
    }

    /// `taakvelden: [{name, basis, municipalities, from}]`: a key per taakveld.
    #[allow(clippy::type_complexity)]
    fn taakveld_keys(
        &mut self,
        node: &Node,
    ) -> Option<Vec<(String, Option<String>, Vec<Municipality>, Vec<(i32, Vec<Municipality>)>)>> {
        let items = self.list(node, "verdeelsleutel.taakvelden")?;
        let mut out = Vec::new();
        let mut ok = true;
        let mut names = Vec::new();
        for item in items {
            let Some(f) = self.fields(item, "taakvelden", &["name", "basis", "municipalities", "from"]) else {
                ok = false;
                continue;
            };
            let name = self.req_text(&f, "name");
            let basis = self.opt_text(&f, "basis");
            let list = self
                .required(&f, "municipalities")
                .and_then(|n| self.key_list(n, "taakvelden.municipalities"));
            let from = match f.get("from") {
                Some(n) => self.key_periods(n, "taakvelden.from"),
                None => Some(Vec::new()),
            };
            if let (Some(name), Some(n)) = (&name, f.get("name")) {
                names.push((name.clone(), n.span));
            }
            match (name, list, from) {
                (Some(name), Some(list), Some(from)) => out.push((name, basis, list, from)),
                _ => ok = false,
            }
        }
        ok &= self.distinct("taakveld", names);
        ok.then_some(out)
    }

    /// A list of `{name, share}` or `{name, contribution}`, as shares adding up to 1.
    fn key_list(&mut self, list_node: &Node, field: &str) -> Option<Vec<Municipality>> {
        let items = self.list(list_node, field)?;
        if items.is_empty() {
            self.error(list_node.span, Problem::EmptyList { field: field.into() });
            return None;
        }
        let mut municipalities: Vec<(Municipality, Option<f64>, u32)> = Vec::new();
        let mut ok = true;
        let mut kinds = (0, 0);
        for item in items {
            let Some(m) = self.fields(item, "municipality", &["name", "share", "contribution"]) else {
                ok = false;
                continue;
            };
            let name = self.req_text(&m, "name");
            if m.has("share") && m.has("contribution") {
                self.error(
                    self.blame(item.span, &[m.get("share"), m.get("contribution")]),
                    Problem::NotBoth {
                        field: "share".into(),
                        other: "contribution".into(),
                    },
                );
                ok = false;
                continue;
            }
            let share = m.get("share").map(|n| self.fraction(n, "share", &[]));
            let contribution = m.get("contribution").map(|n| self.amount(n, "contribution"));
            if share.is_none() && contribution.is_none() {
                self.error(item.span, Problem::MissingField { field: "share".into() });
                ok = false;
                continue;
            }
            kinds.0 += usize::from(share.is_some());
            kinds.1 += usize::from(contribution.is_some());
            let (Some(name), Some(weight)) = (name, share.or(contribution).flatten()) else {
                ok = false;
                continue;
            };
            if let Some((_, _, line)) = municipalities
                .iter()
                .find(|(x, _, _)| normalize(&x.name) == normalize(&name))
            {
                self.error(
                    item.span,
                    Problem::DuplicateName {
                        what: "gemeente".into(),
                        name,
                        first_line: *line,
                    },
                );
                ok = false;
                continue;
            }
            municipalities.push((
                Municipality {
                    name,
                    share: weight,
                    contribution: contribution.flatten(),
                },
                share.flatten(),
                item.span.line,
            ));
        }
        if kinds.0 > 0 && kinds.1 > 0 {
            self.error(list_node.span, Problem::MixedShares);
            return None;
        }
        if !ok {
            return None;
        }
        let total: f64 = municipalities.iter().map(|(m, _, _)| m.share).sum();
        if kinds.0 > 0 && (total - 1.0).abs() > 0.001 {
            self.error(list_node.span, Problem::SharesDoNotAddUp { total: total * 100.0 });
            return None;
        }
        if total <= 0.0 {
            self.error(list_node.span, Problem::SharesDoNotAddUp { total: 0.0 });
            return None;
        }
        Some(
            municipalities
                .into_iter()
                .map(|(mut m, _, _)| {
                    m.share /= total;
                    m
                })
                .collect(),
        )
    }

    pub fn classes(&mut self, node: Option<&Node>) -> Option<Classes> {
        let mut classes = Classes::default();
        let Some(node) = node else { return Some(classes) };
        let f = self.fields(node, "classes", &["probability", "impact"])?;
        if let Some(n) = f.get("probability") {
            classes.probability = self.probability_classes(n)?;
        }
        if let Some(n) = f.get("impact") {
            classes.impact = self.impact_classes(n)?;
        }
        Some(classes)
    }

    fn probability_classes(&mut self, node: &Node) -> Option<Vec<ProbabilityClass>> {
        let items = self.list(node, "classes.probability")?;
        if items.is_empty() {
            self.error(
                node.span,
                Problem::EmptyList {
                    field: "classes.probability".into(),
                },
            );
            return None;
        }
        let mut read: Vec<(String, f64, Option<f64>)> = Vec::new();
        let mut names = Vec::new();
        for item in items {
            let f = self.fields(item, "classes.probability", &["name", "value", "upper"])?;
            let name = self.req_text(&f, "name");
            if let (Some(name), Some(n)) = (&name, f.get("name")) {
                names.push((name.clone(), n.span));
            }
            let value = self.required(&f, "value").and_then(|n| self.fraction(n, "value", &[]));
            let upper = match f.get("upper") {
                Some(n) => Some(self.fraction(n, "upper", &[])?),
                None => None,
            };
            read.push((name?, value?, upper));
        }
        if !self.distinct("kansklasse", names) {
            return None;
        }
        let mut classes = Vec::with_capacity(read.len());
        for i in 0..read.len() {
            let (name, value, upper) = read[i].clone();
            // Without an explicit bound a band ends halfway to the next class, the last at 100%.
            let upper = upper.unwrap_or_else(|| read.get(i + 1).map_or(1.0, |next| (value + next.1) / 2.0));
            classes.push(ProbabilityClass { name, value, upper });
        }
        let ascending = classes
            .windows(2)
            .all(|w| w[0].value < w[1].value && w[0].upper < w[1].upper)
            && classes.iter().all(|c| c.value <= c.upper);
        if !ascending {
            self.error(
                node.span,
                Problem::ClassesNotAscending {
                    field: "classes.probability".into(),
                },
            );
            return None;
        }
        if classes.last().is_some_and(|c| c.upper < 1.0) {
            self.error(node.span, Problem::LastClassBounded);
            return None;
        }
        Some(classes)
    }

    fn impact_classes(&mut self, node: &Node) -> Option<Vec<ImpactClass>> {
        let items = self.list(node, "classes.impact")?;
        if items.is_empty() {
            self.error(
                node.span,
                Problem::EmptyList {
                    field: "classes.impact".into(),
                },
            );
            return None;
        }
        let mut classes = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let f = self.fields(item, "classes.impact", &["name", "upper"])?;
            let name = self.req_text(&f, "name");
            let upper = if i + 1 == items.len() {
                f.get("upper").and_then(|n| self.amount(n, "upper"))
            } else {
                self.required(&f, "upper").and_then(|n| self.amount(n, "upper"))
            };
            if i + 1 < items.len() && upper.is_none() {
                return None;
            }
            classes.push(ImpactClass { name: name?, upper });
        }
        let names = items
            .iter()
            .zip(&classes)
            .map(|(item, c)| (c.name.clone(), item.get("name").map_or(item.span, |n| n.span)));
        if !self.distinct("impactklasse", names.collect::<Vec<_>>()) {
            return None;
        }
        let bounds: Vec<f64> = classes.iter().filter_map(|c| c.upper).collect();
        if !bounds.windows(2).all(|w| w[0] < w[1]) {
            self.error(
                node.span,
                Problem::ClassesNotAscending {
                    field: "classes.impact".into(),
                },
            );
            return None;
        }
        Some(classes)
    }

    /// The categories or the risk types: the register's own list, or the Werkplan's four.
    pub fn labels(&mut self, node: Option<&Node>, field: &str) -> Option<Vec<Label>> {
        let Some(node) = node else {
            return Some(match field {
                "categories" => default_categories(),
                "types" => default_risk_types(),
                _ => Vec::new(),
            });
        };
        let items = self.list(node, field)?;
        if items.is_empty() {
            self.error(node.span, Problem::EmptyList { field: field.into() });
            return None;
        }
        let mut labels: Vec<(Label, u32)> = Vec::new();
        let mut ok = true;
        for item in items {
            let Some(f) = self.fields(item, field, &["id", "name"]) else {
                ok = false;
                continue;
            };
            let (id, name) = (self.req_text(&f, "id"), self.req_text(&f, "name"));
            let (Some(id), Some(name)) = (id, name) else {
                ok = false;
                continue;
            };
            if let Some((_, line)) = labels.iter().find(|(l, _)| normalize(&l.id) == normalize(&id)) {
                self.error(
                    item.span,
                    Problem::DuplicateName {
                        what: "id".into(),
                        name: id,
                        first_line: *line,
                    },
                );
                ok = false;
                continue;
            }
            labels.push((
                Label {
                    id,
                    name,
                    name_en: None,
                },
                item.span.line,
            ));
        }
        ok.then(|| labels.into_iter().map(|(l, _)| l).collect())
    }

    /// The kengetallen: each a `name` with a `value`, or with the `reason` it does not apply.
    pub fn kengetallen(&mut self, node: Option<&Node>) -> Option<Vec<Kengetal>> {
        let Some(node) = node else { return Some(Vec::new()) };
        let items = self.list(node, "kengetallen")?;
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for item in items {
            let Some(f) = self.fields(item, "kengetal", &["name", "value", "reason"]) else {
                ok = false;
                continue;
            };
            let name = self.req_text(&f, "name");
            let value = self.opt_text(&f, "value");
            let reason = self.opt_text(&f, "reason");
            if value.is_none() && reason.is_none() {
                self.error(item.span, Problem::MissingField { field: "value".into() });
                ok = false;
            }
            match name {
                Some(name) => out.push(Kengetal { name, value, reason }),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// The policy: an optional `norm` for the ratio (a positive number) and the body's `text` on
    /// its risk management with its `source`.
    pub fn policy(&mut self, node: Option<&Node>) -> Option<Policy> {
        let Some(node) = node else {
            return Some(Policy::default());
        };
        let f: Fields = self.fields(node, "policy", &["norm", "text", "source"])?;
        let norm = match f.get("norm") {
            Some(n) => {
                let value = self.number(n, "policy.norm")?;
                if value <= 0.0 {
                    self.error(n.span, Problem::NormNotPositive);
                    return None;
                }
                Some(value)
            }
            None => None,
        };
        Some(Policy {
            norm,
            text: self.opt_text(&f, "text"),
            source: self.opt_text(&f, "source"),
        })
    }

    pub fn matrix_layout(&mut self, node: Option<&Node>) -> Option<MatrixLayout> {
        let mut layout = MatrixLayout::default();
        let Some(node) = node else { return Some(layout) };
        let f: Fields = self.fields(node, "matrix", &["unit", "rounding"])?;
        for (key, target) in [("unit", &mut layout.unit), ("rounding", &mut layout.rounding)] {
            if let Some(n) = f.get(key) {
                let value = self.number(n, key)?;
                if value <= 0.0 {
                    self.error(n.span, Problem::UnitNotPositive);
                    return None;
                }
                *target = value;
            }
        }
        Some(layout)
    }
}
