//! The ratio weerstandsvermogen and its grade in the waarderingstabel of NAR and Universiteit
//! Twente, as Dutch councils use it (practice-and-anchors §1.5).
//!
//! The published table writes its bands with strict inequalities on both sides ("1,4 < x < 2,0"),
//! leaving the bounds themselves unassigned. weerstand reads every band as including its lower
//! bound: a ratio of exactly 1,4 is B, exactly 1,0 is C, exactly 2,0 is A.

use crate::lang::Lang;
use serde::Serialize;

/// A grade of the waarderingstabel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    E,
    F,
}

/// The lower bound of each grade, A first.
const BANDS: [(Grade, f64); 6] = [
    (Grade::A, 2.0),
    (Grade::B, 1.4),
    (Grade::C, 1.0),
    (Grade::D, 0.8),
    (Grade::E, 0.6),
    (Grade::F, f64::NEG_INFINITY),
];

impl Grade {
    /// The grade of a ratio (an infinite ratio, when nothing is needed, is A).
    pub fn of(ratio: f64) -> Grade {
        BANDS
            .iter()
            .find(|(_, lower)| ratio >= *lower)
            .map_or(Grade::F, |(g, _)| *g)
    }

    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::E => "E",
            Grade::F => "F",
        }
    }

    /// The meaning the table gives the grade.
    pub fn meaning(self, lang: Lang) -> &'static str {
        match self {
            Grade::A => lang.pick("uitstekend", "excellent"),
            Grade::B => lang.pick("ruim voldoende", "more than sufficient"),
            Grade::C => lang.pick("voldoende", "sufficient"),
            Grade::D => lang.pick("matig", "moderate"),
            Grade::E => lang.pick("onvoldoende", "insufficient"),
            Grade::F => lang.pick("ruim onvoldoende", "very insufficient"),
        }
    }
}

/// The boundary convention in words, printed with every ratio.
pub fn convention(lang: Lang) -> &'static str {
    lang.pick(
        "Waarderingstabel NAR/Universiteit Twente: A ≥ 2,0; B 1,4 tot 2,0; C 1,0 tot 1,4; D 0,8 tot 1,0; E 0,6 tot 0,8; F < 0,6 (elke klasse inclusief de ondergrens)",
        "NAR/University of Twente table: A ≥ 2.0; B 1.4 to 2.0; C 1.0 to 1.4; D 0.8 to 1.0; E 0.6 to 0.8; F < 0.6 (each band includes its lower bound)",
    )
}

/// Available over required capacity; infinite when nothing is required.
pub fn ratio(available: f64, required: f64) -> f64 {
    if required <= 0.0 {
        f64::INFINITY
    } else {
        available / required
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_include_their_lower_bound() {
        assert_eq!(Grade::of(2.0), Grade::A);
        assert_eq!(Grade::of(1.999), Grade::B);
        assert_eq!(Grade::of(1.4), Grade::B);
        assert_eq!(Grade::of(1.0), Grade::C);
        assert_eq!(Grade::of(0.8), Grade::D);
        assert_eq!(Grade::of(0.6), Grade::E);
        assert_eq!(Grade::of(0.599), Grade::F);
        assert_eq!(Grade::of(0.0), Grade::F);
        assert_eq!(Grade::of(f64::INFINITY), Grade::A);
        assert_eq!(ratio(250.0, 0.0), f64::INFINITY);
    }
}
