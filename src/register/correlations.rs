//! Reading the `correlations` section: which risks move together, and how strongly.
//!
//! ```yaml
//! correlations:
//!   - risks: [T2-P1, T2-P2, T2-P3]   # every pair of these
//!     rank: 0.6                       # Spearman's rank correlation, -1 to 1
//!     reason: Een laagconjunctuur raakt omzet, detachering en dienstverlening tegelijk
//! ```
//!
//! Every entry is checked on its own (known, distinct risks; a rank in [-1, 1]; no pair given
//! twice) and then together with the entries before it: the first entry after which the risks'
//! correlations can no longer all hold is named, with the largest value it could have instead.

use super::fields::Reader;
use crate::model::Risk;
use crate::model::correlation::{Correlation, cholesky, normal_correlation};
use crate::problem::{NameKind, Problem};
use crate::source::Span;
use crate::yaml::Node;
use std::collections::HashMap;

/// The fields of a correlation entry.
const FIELDS: [&str; 3] = ["risks", "rank", "reason"];

/// An entry as read, with where its parts are written.
struct Entry {
    correlation: Correlation,
    at: Span,
}

impl Reader<'_> {
    /// The correlations; `None` if any entry is wrong. Without the section: none. `risks` is `None`
    /// when the risks could not be read (names are then not checked).
    pub fn correlations(&mut self, node: Option<&Node>, risks: Option<&[Risk]>) -> Option<Vec<Correlation>> {
        let Some(node) = node else {
            return Some(Vec::new());
        };
        if node.value == crate::yaml::Value::Null {
            return Some(Vec::new());
        }
        let items = self.list(node, "correlations")?;
        let risks = risks?;
        let choices: Vec<(&str, usize)> = risks.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let mut entries = Vec::new();
        let mut ok = true;
        // Each pair (lower index first) → the line of the entry that gave it.
        let mut pairs: HashMap<(usize, usize), u32> = HashMap::new();
        for item in items {
            match self.correlation(item, &choices, risks, &mut pairs) {
                Some(entry) => entries.push(entry),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        self.consistent(&entries, risks)
            .then(|| entries.into_iter().map(|e| e.correlation).collect())
    }

    fn correlation(
        &mut self,
        item: &Node,
        choices: &[(&str, usize)],
        risks: &[Risk],
        pairs: &mut HashMap<(usize, usize), u32>,
    ) -> Option<Entry> {
        let f = self.fields(item, "correlations", &FIELDS)?;
        let reason = self.opt_text(&f, "reason");
        let rank = self.required(&f, "rank").and_then(|n| {
            let value = self.number(n, "rank")?;
            if !(-1.0..=1.0).contains(&value) {
                self.error(n.span, Problem::RankOutOfRange { value });
                return None;
            }
            Some(value)
        });
        let list = self
            .required(&f, "risks")
            .and_then(|n| Some((n, self.list(n, "risks")?)));
        let (list_node, list) = list?;
        let mut members: Vec<usize> = Vec::new();
        let mut ok = true;
        for n in list {
            let Some(index) = self.name(n, "risks", NameKind::Risk, choices) else {
                ok = false;
                continue;
            };
            if members.contains(&index) {
                self.error(
                    n.span,
                    Problem::CorrelationRiskTwice {
                        id: risks[index].id.clone(),
                    },
                );
                ok = false;
                continue;
            }
            if !risks[index].is_quantified() {
                self.warn(
                    n.span,
                    Problem::CorrelationNotSimulated {
                        id: risks[index].id.clone(),
                    },
                );
            }
            for &other in &members {
                let pair = (other.min(index), other.max(index));
                if let Some(line) = pairs.get(&pair) {
                    self.error(
                        n.span,
                        Problem::CorrelationPairTwice {
                            a: risks[pair.0].id.clone(),
                            b: risks[pair.1].id.clone(),
                            first_line: *line,
                        },
                    );
                    ok = false;
                } else {
                    pairs.insert(pair, item.span.line);
                }
            }
            members.push(index);
        }
        if ok && members.len() < 2 {
            self.error(list_node.span, Problem::CorrelationTooFewRisks);
            ok = false;
        }
        let rank = rank?;
        let at = f.get("rank").map_or(item.span, |n| n.span);
        ok.then_some(Entry {
            correlation: Correlation {
                risks: members,
                rank,
                reason,
            },
            at,
        })
    }

    /// Whether all entries can hold at once. Entries are added one by one; the first after which
    /// the copula's matrix is not positive semidefinite is reported at its `rank`, with the
    /// earlier entries it conflicts with and the largest value (of the same sign) it could have.
    fn consistent(&mut self, entries: &[Entry], risks: &[Risk]) -> bool {
        for (e, entry) in entries.iter().enumerate() {
            let with = |rank: f64| {
                let mut all: Vec<(&[usize], f64)> = entries[..e]
                    .iter()
                    .map(|x| (&x.correlation.risks[..], x.correlation.rank))
                    .collect();
                all.push((&entry.correlation.risks, rank));
                valid(&all)
            };
            if with(entry.correlation.rank) {
                continue;
            }
            // The largest |rank| that still holds, by bisection (0 always does: the matrix of the
            // earlier entries is valid, and 0 adds nothing).
            let (mut lo, mut hi) = (0.0, entry.correlation.rank.abs());
            let sign = entry.correlation.rank.signum();
            for _ in 0..40 {
                let mid = (lo + hi) / 2.0;
                if with(sign * mid) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let ids = |members: &[usize]| members.iter().map(|&i| risks[i].id.clone()).collect::<Vec<_>>();
            let earlier = entries[..e]
                .iter()
                .filter(|x| linked(&x.correlation.risks, &entry.correlation.risks, entries, e))
                .map(|x| (ids(&x.correlation.risks), x.correlation.rank))
                .collect();
            self.error(
                entry.at,
                Problem::CorrelationImpossible {
                    risks: ids(&entry.correlation.risks),
                    rank: entry.correlation.rank,
                    earlier,
                    largest: sign * (lo * 100.0).floor() / 100.0,
                },
            );
            return false;
        }
        true
    }
}

/// Whether an earlier entry shares a group with `members`: connected through the entries before
/// `upto` (the ones that can have made `members` impossible).
fn linked(earlier: &[usize], members: &[usize], entries: &[Entry], upto: usize) -> bool {
    let mut reached: Vec<usize> = members.to_vec();
    loop {
        let before = reached.len();
        for x in &entries[..upto] {
            let risks = &x.correlation.risks;
            if risks.iter().any(|r| reached.contains(r)) {
                for r in risks {
                    if !reached.contains(r) {
                        reached.push(*r);
                    }
                }
            }
        }
        if reached.len() == before {
            return earlier.iter().any(|r| reached.contains(r));
        }
    }
}

/// Whether the copula's matrix of the given entries is positive semidefinite.
fn valid(entries: &[(&[usize], f64)]) -> bool {
    let mut index: Vec<usize> = entries.iter().flat_map(|(m, _)| m.iter().copied()).collect();
    index.sort_unstable();
    index.dedup();
    let k = index.len();
    let at = |r: usize| index.binary_search(&r).expect("listed");
    let mut m = vec![0.0; k * k];
    for i in 0..k {
        m[i * k + i] = 1.0;
    }
    for (members, rank) in entries {
        let r = normal_correlation(*rank);
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                m[at(a) * k + at(b)] = r;
                m[at(b) * k + at(a)] = r;
            }
        }
    }
    cholesky(&m, k).is_some()
}
