//! Reading impacts and their distributions.
//!
//! ```yaml
//! impact: 100000                                  # a fixed amount
//! impact: {uniform: {min: 100, max: 300}}
//! impact: {triangular: {min: 100, mode: 150, max: 300}}
//! impact: {pert: {min: 100, mode: 150, max: 300, shape: 4}}
//! impact: {lognormal: {p5: 100, p95: 900}}        # a 90% interval
//! impact: {driver: {name: loonsom, percent: {pert: {min: 1, mode: 2, max: 5}}}}
//! impact: pm                                      # pro memorie: not quantified
//! ```

use super::fields::Reader;
use crate::model::dist::PERT_SHAPE;
use crate::model::{Dist, Drivers, Impact};
use crate::problem::{NameKind, Problem};
use crate::yaml::{Node, Value};

/// The distribution names, in the order they are offered in messages.
pub const DISTRIBUTIONS: [&str; 5] = ["fixed", "uniform", "triangular", "pert", "lognormal"];

/// What the parameters of a distribution are: money in the file's unit, or percentages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Amount,
    Percent,
}

impl Reader<'_> {
    /// An impact: a number, `pm`, or a one-key mapping naming the distribution.
    /// With `drivers` `None` (the drivers section is broken) a driver name is not checked.
    pub fn impact(&mut self, node: &Node, drivers: Option<&Drivers>) -> Option<Impact> {
        match &node.value {
            Value::Str(s) if s.trim().eq_ignore_ascii_case("pm") || s.trim().eq_ignore_ascii_case("p.m.") => {
                Some(Impact::Pm)
            }
            Value::Map(_) => {
                let mut kinds: Vec<&str> = DISTRIBUTIONS.to_vec();
                kinds.push("driver");
                let (kind, params) = self.one_key(node, "impact", &kinds)?;
                if kind == "driver" {
                    return self.driver_impact(params, drivers);
                }
                self.dist(&kind, params, &format!("impact.{kind}"), Scale::Amount)
                    .map(Impact::Amount)
            }
            _ => self.amount(node, "impact").map(|v| Impact::Amount(Dist::Fixed(v))),
        }
    }

    /// A percentage distribution: a number (`5` = 5%) or a one-key distribution mapping; returned as
    /// fractions.
    pub fn percent_dist(&mut self, node: &Node, field: &str) -> Option<Dist> {
        if node.as_map().is_some() {
            let (kind, params) = self.one_key(node, field, &DISTRIBUTIONS)?;
            if kind == "lognormal" {
                // A lognormal percentage is unbounded; the register has no use for it.
                self.error(
                    node.span,
                    Problem::UnknownName {
                        kind: NameKind::Distribution,
                        text: kind,
                        suggestion: None,
                        allowed: ["fixed", "uniform", "triangular", "pert"].map(String::from).to_vec(),
                    },
                );
                return None;
            }
            self.dist(&kind, params, &format!("{field}.{kind}"), Scale::Percent)
        } else {
            self.param(node, field, Scale::Percent).map(Dist::Fixed)
        }
    }

    /// The single key of a mapping such as `{pert: {...}}`, checked against `allowed`.
    fn one_key<'n>(&mut self, node: &'n Node, field: &str, allowed: &[&str]) -> Option<(String, &'n Node)> {
        let entries = node.as_map()?;
        if entries.len() != 1 {
            self.error(
                node.span,
                Problem::OneOf {
                    field: field.into(),
                    options: allowed.iter().map(ToString::to_string).collect(),
                },
            );
            return None;
        }
        let (key, value) = &entries[0];
        let kind = super::fields::normalize(&key.name);
        if !allowed.contains(&kind.as_str()) {
            self.error(
                key.span,
                Problem::UnknownName {
                    kind: NameKind::Distribution,
                    text: key.name.clone(),
                    suggestion: crate::problem::suggest(&key.name, allowed.iter().copied()),
                    allowed: allowed.iter().map(ToString::to_string).collect(),
                },
            );
            return None;
        }
        Some((kind, value))
    }

    fn driver_impact(&mut self, params: &Node, drivers: Option<&Drivers>) -> Option<Impact> {
        let fields = self.fields(params, "impact.driver", &["name", "percent"])?;
        let name_node = self.required(&fields, "name");
        let percent_node = self.required(&fields, "percent");
        let driver = name_node.and_then(|n| match drivers {
            Some(drivers) => {
                let choices: Vec<(&str, usize)> = drivers
                    .list
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (d.id.as_str(), i))
                    .collect();
                self.name(n, "impact.driver.name", NameKind::Driver, &choices)
            }
            None => self.text(n, "impact.driver.name").map(|_| 0),
        });
        let rate = percent_node.and_then(|n| self.percent_dist(n, "impact.driver.percent"));
        Some(Impact::Driver {
            driver: driver?,
            rate: rate?,
        })
    }

    /// One parameter: an amount (in euros after the unit) or a percentage (as a fraction).
    fn param(&mut self, node: &Node, field: &str, scale: Scale) -> Option<f64> {
        match scale {
            Scale::Amount => self.amount(node, field),
            Scale::Percent => {
                let value = self.percentage(node, field)?;
                if !(0.0..=1000.0).contains(&value) {
                    self.error(
                        node.span,
                        Problem::PercentOutOfRange {
                            field: field.into(),
                            value,
                        },
                    );
                    return None;
                }
                Some(value / 100.0)
            }
        }
    }

    /// The parameters of one distribution, checked for order (min ≤ mode ≤ max).
    fn dist(&mut self, kind: &str, node: &Node, field: &str, scale: Scale) -> Option<Dist> {
        if kind == "fixed" {
            return self.param(node, field, scale).map(Dist::Fixed);
        }
        let allowed: &[&str] = match kind {
            "uniform" => &["min", "max"],
            "triangular" => &["min", "mode", "max"],
            "pert" => &["min", "mode", "max", "shape"],
            _ => &["p5", "p95"],
        };
        let fields = self.fields(node, field, allowed)?;
        let get = |reader: &mut Self, key: &str| {
            let value = reader.required(&fields, key)?;
            reader.param(value, &format!("{field}.{key}"), scale)
        };
        if kind == "lognormal" {
            let (p5, p95) = (get(self, "p5"), get(self, "p95"));
            let (p5, p95) = (p5?, p95?);
            if p5 <= 0.0 || p95 <= p5 {
                self.error(node.span, Problem::LognormalNotPositive);
                return None;
            }
            // A lognormal has no maximum; its 99,9th percentile is held to the amount limit, as any
            // amount is (a p5 of 0,001 and a p95 of 10^10 would draw 10^15).
            // The standard normal's 95th and 99,9th percentiles.
            const Z95: f64 = 1.644_853_626_951_472_2;
            const Z999: f64 = 3.090_232_306_167_813_5;
            let sigma = (p95.ln() - p5.ln()) / (2.0 * Z95);
            let p999 = ((p5.ln() + p95.ln()) / 2.0 + Z999 * sigma).exp();
            if matches!(scale, Scale::Amount) && p999 > super::fields::MAX_AMOUNT {
                self.error(
                    node.span,
                    Problem::AbsurdAmount {
                        field: format!("{field} (99,9e percentiel)"),
                        value: p999,
                        limit: super::fields::MAX_AMOUNT,
                    },
                );
                return None;
            }
            if p95 / p5 > 100.0 {
                self.warn(node.span, Problem::WideLognormal { ratio: p95 / p5 });
            }
            return Some(Dist::LogNormal { p5, p95 });
        }
        let min = get(self, "min");
        let mode = if kind == "uniform" {
            Some(f64::NAN)
        } else {
            get(self, "mode")
        };
        let max = get(self, "max");
        let shape = match fields.get("shape") {
            Some(n) => {
                let s = self.number(n, &format!("{field}.shape"))?;
                if s <= 0.0 {
                    self.error(n.span, Problem::ShapeNotPositive { value: s });
                    return None;
                }
                s
            }
            None => PERT_SHAPE,
        };
        let (min, mode, max) = (min?, mode?, max?);
        // Report in the file's numbers, not in euros.
        let shown = |v: f64| match scale {
            Scale::Amount => v / self.unit,
            Scale::Percent => v * 100.0,
        };
        let bounds = [fields.get("min"), fields.get("max"), fields.get("mode")];
        if min > max {
            self.error(
                self.blame(node.span, &bounds),
                Problem::MinAboveMax {
                    min: shown(min),
                    max: shown(max),
                },
            );
            return None;
        }
        if min == max {
            self.error(
                self.blame(node.span, &bounds),
                Problem::EmptyRange { value: shown(min) },
            );
            return None;
        }
        if kind != "uniform" && !(min..=max).contains(&mode) {
            self.error(
                self.blame(node.span, &bounds),
                Problem::ModeOutsideRange {
                    min: shown(min),
                    mode: shown(mode),
                    max: shown(max),
                },
            );
            return None;
        }
        Some(match kind {
            "uniform" => Dist::Uniform { min, max },
            "triangular" => Dist::Triangular { min, mode, max },
            _ => Dist::Pert { min, mode, max, shape },
        })
    }
}
