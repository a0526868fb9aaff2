//! Number formatting in the reader's language: `€ 1.234.567`, `12,5%`, `0,63` in Dutch (the way a
//! Dutch begroting prints them), `€ 1,234,567`, `12.5%`, `0.63` in English.
//!
//! The language is a setting of the thread that formats, set for the span of one output by
//! [`style`]: every figure of an output then has one format without a language passed through
//! each of the many places that print a number. Dutch is the default.

use crate::lang::Lang;
use std::cell::Cell;

thread_local! {
    static ENGLISH: Cell<bool> = const { Cell::new(false) };
}

/// Formats numbers in `lang` on this thread until the returned guard is dropped (then the
/// previous language is back).
#[must_use = "the style holds only while the guard lives"]
pub fn style(lang: Lang) -> Style {
    Style {
        previous: ENGLISH.with(|e| e.replace(lang == Lang::En)),
    }
}

/// The guard of [`style`].
pub struct Style {
    previous: bool,
}

impl Drop for Style {
    fn drop(&mut self) {
        ENGLISH.with(|e| e.set(self.previous));
    }
}

/// The thousands separator and the decimal mark of the current style.
fn separators() -> (char, char) {
    if ENGLISH.with(Cell::get) {
        (',', '.')
    } else {
        ('.', ',')
    }
}

/// Groups the digits of a non-negative integer string: `1234567` → `1.234.567` (`1,234,567`).
fn group_thousands(digits: &str) -> String {
    let (thousands, _) = separators();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(thousands);
        }
        out.push(c);
    }
    out
}

/// Drops trailing zeros after the decimal mark, and the mark when nothing follows it.
fn trim_decimals(text: String) -> String {
    let (_, mark) = separators();
    if text.contains(mark) {
        text.trim_end_matches('0').trim_end_matches(mark).to_string()
    } else {
        text
    }
}

/// The ratio weerstandsvermogen with two decimals; `∞` when no capacity is needed (`None`).
pub fn ratio(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "∞".to_string(), |r| number(r, 2))
}

/// Formats a number with `decimals` decimals: `1234.5` → `1.234,5` (`1,234.5`).
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN".into()
        } else if value > 0.0 {
            "∞".into()
        } else {
            "-∞".into()
        };
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    // `-0` after rounding is shown as `0`.
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group_thousands(int));
    if let Some(frac) = frac {
        out.push(separators().1);
        out.push_str(frac);
    }
    out
}

/// Formats an amount in whole euros: `€ 1.234.567`, `€ -250.000`.
pub fn euro(value: f64) -> String {
    format!("€ {}", number(value, 0))
}

/// An amount rounded for running text, as a begroting writes it: `€ 5,7 miljoen` from a million,
/// `€ 455.000` (to the thousand) below it; English `€ 5.7 million`.
pub fn euro_rounded(value: f64) -> String {
    if value.abs() >= 999_950.0 {
        let word = if ENGLISH.with(Cell::get) { "million" } else { "miljoen" };
        format!("€ {} {word}", number(value / 1_000_000.0, 1))
    } else {
        euro((value / 1000.0).round() * 1000.0)
    }
}

/// Formats an amount in a unit such as € 1.000, rounded to whole units: `euro_in(4_540_000.0, 1000.0)` → `€ 4.540`.
pub fn euro_in(value: f64, unit: f64) -> String {
    euro(value / unit)
}

/// Formats a fraction as a percentage with up to `decimals` decimals, dropping trailing zeros: `0.63` → `63%`.
pub fn percent(fraction: f64, decimals: usize) -> String {
    format!("{}%", trim_decimals(number(fraction * 100.0, decimals)))
}

/// Formats a fraction as a percentage with exactly `decimals` decimals, for table columns: `0.04` → `4,0%`.
pub fn percent_fixed(fraction: f64, decimals: usize) -> String {
    format!("{}%", number(fraction * 100.0, decimals))
}

/// A probability for people: `37,2%`, but `> 99,9%` and `< 0,1%` rather than a rounded 100% or 0%
/// that is not exactly so.
pub fn chance(p: f64) -> String {
    if p > 0.999 && p < 1.0 {
        format!("> {}%", number(99.9, 1))
    } else if p > 0.0 && p < 0.001 {
        format!("< {}%", number(0.1, 1))
    } else {
        percent_fixed(p, 1)
    }
}

/// Formats a plain decimal with up to `decimals` decimals, dropping trailing zeros: `2.50` → `2,5`.
pub fn decimal(value: f64, decimals: usize) -> String {
    trim_decimals(number(value, decimals))
}

/// Names in running text: `A, B en C` (`A, B and C`).
pub fn and_list(names: &[String], lang: Lang) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), lang.pick("en", "and")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euro_groups_thousands_with_dots() {
        assert_eq!(euro(1_234_567.0), "€ 1.234.567");
        assert_eq!(euro(999.0), "€ 999");
        assert_eq!(euro(1000.0), "€ 1.000");
        assert_eq!(euro(0.0), "€ 0");
        assert_eq!(euro(-250_000.0), "€ -250.000");
        assert_eq!(euro(-0.4), "€ 0");
        assert_eq!(euro(1_499.5), "€ 1.500");
    }

    #[test]
    fn euro_in_thousands() {
        assert_eq!(euro_in(4_540_000.0, 1000.0), "€ 4.540");
        assert_eq!(euro_in(200_000.0, 1000.0), "€ 200");
    }

    #[test]
    fn percent_and_decimal_use_a_comma() {
        assert_eq!(percent(0.63, 1), "63%");
        assert_eq!(percent(0.125, 1), "12,5%");
        assert_eq!(percent(0.9, 0), "90%");
        assert_eq!(decimal(2.5, 2), "2,5");
        assert_eq!(decimal(1234.0, 2), "1.234");
        assert_eq!(number(1234.567, 2), "1.234,57");
    }

    #[test]
    fn chances_near_the_ends_are_not_rounded_away() {
        assert_eq!(chance(1.0), "100,0%");
        assert_eq!(chance(0.99995), "> 99,9%");
        assert_eq!(chance(0.0), "0,0%");
        assert_eq!(chance(0.00004), "< 0,1%");
        assert_eq!(chance(0.372), "37,2%");
    }

    #[test]
    fn english_numbers_swap_the_separators_while_the_style_lasts() {
        {
            let _english = style(Lang::En);
            assert_eq!(euro(1_234_567.0), "€ 1,234,567");
            assert_eq!(number(1234.567, 2), "1,234.57");
            assert_eq!(percent(0.125, 1), "12.5%");
            assert_eq!(decimal(2.50, 2), "2.5");
            assert_eq!(chance(0.99995), "> 99.9%");
            {
                let _dutch = style(Lang::Nl);
                assert_eq!(euro(1_234_567.0), "€ 1.234.567");
            }
            assert_eq!(euro(1_000.0), "€ 1,000");
        }
        assert_eq!(euro(1_234_567.0), "€ 1.234.567");
    }

    #[test]
    fn rounded_amounts_for_text() {
        assert_eq!(euro_rounded(5_699_184.0), "€ 5,7 miljoen");
        assert_eq!(euro_rounded(455_484.0), "€ 455.000");
        assert_eq!(euro_rounded(999_960.0), "€ 1,0 miljoen");
        let _english = style(Lang::En);
        assert_eq!(euro_rounded(1_801_718.0), "€ 1.8 million");
    }

    #[test]
    fn non_finite_values_are_shown_not_hidden() {
        assert_eq!(number(f64::NAN, 0), "NaN");
        assert_eq!(number(f64::INFINITY, 0), "∞");
    }
}
