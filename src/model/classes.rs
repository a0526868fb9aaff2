//! Probability and impact classes: the Dutch kans/gevolg scales behind the risicokaart, and the
//! names a risk officer may use instead of a number (`probability: waarschijnlijk`).

/// A probability class: a name, the probability it stands for, and the upper bound of the band of
/// probabilities it covers on the risicokaart.
#[derive(Clone, Debug, PartialEq)]
pub struct ProbabilityClass {
    pub name: String,
    pub value: f64,
    pub upper: f64,
}

/// An impact class for the risicokaart: impacts up to `upper` euros (the last class is open).
#[derive(Clone, Debug, PartialEq)]
pub struct ImpactClass {
    pub name: String,
    pub upper: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Classes {
    pub probability: Vec<ProbabilityClass>,
    pub impact: Vec<ImpactClass>,
}

impl Classes {
    /// The class (0-based) a probability falls in.
    pub fn probability_class(&self, p: f64) -> usize {
        self.probability
            .iter()
            .position(|c| p <= c.upper + 1e-12)
            .unwrap_or(self.probability.len() - 1)
    }

    /// The class (0-based) an impact in euros falls in.
    pub fn impact_class(&self, amount: f64) -> usize {
        self.impact
            .iter()
            .position(|c| c.upper.is_none_or(|u| amount <= u))
            .unwrap_or(self.impact.len() - 1)
    }
}

impl Default for Classes {
    /// The standard Dutch five-class kans scale 10/30/50/70/90% (Ouder-Amstel, Noordenveld; see
    /// practice-and-anchors §1.4) with bands of 20 points, and doubling impact bands from € 60.000
    /// that suit a small organisation such as a GR (managementsystems id 5467).
    fn default() -> Classes {
        let p = |name: &str, value: f64, upper: f64| ProbabilityClass {
            name: name.into(),
            value,
            upper,
        };
        let i = |name: &str, upper: Option<f64>| ImpactClass {
            name: name.into(),
            upper,
        };
        Classes {
            probability: vec![
                p("onwaarschijnlijk", 0.1, 0.2),
                p("mogelijk", 0.3, 0.4),
                p("komt geregeld voor", 0.5, 0.6),
                p("waarschijnlijk", 0.7, 0.8),
                p("vrijwel zeker", 0.9, 1.0),
            ],
            impact: vec![
                i("zeer klein", Some(60_000.0)),
                i("klein", Some(120_000.0)),
                i("middel", Some(240_000.0)),
                i("groot", Some(480_000.0)),
                i("zeer groot", None),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_include_their_upper_bound() {
        let c = Classes::default();
        assert_eq!(c.probability_class(0.0), 0);
        assert_eq!(c.probability_class(0.2), 0);
        assert_eq!(c.probability_class(0.21), 1);
        assert_eq!(c.probability_class(0.63), 3);
        assert_eq!(c.probability_class(1.0), 4);
        assert_eq!(c.impact_class(60_000.0), 0);
        assert_eq!(c.impact_class(60_001.0), 1);
        assert_eq!(c.impact_class(5e6), 4);
    }
}
