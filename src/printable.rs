//! Text from a register made safe to print in a terminal: control characters (ESC starts colour
//! and cursor sequences, BEL rings, CR overwrites the line) and the bidirectional overrides that
//! reorder what is shown (U+202A–U+202E, U+2066–U+2069) are shown as `�`, one character for one,
//! so that a caret under an error still points at the right column.

use std::borrow::Cow;

/// Whether a character would act on the terminal instead of being shown.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text with every acting character replaced by `�`; line breaks kept.
pub fn printable(text: &str) -> Cow<'_, str> {
    if text.chars().any(acts) {
        Cow::Owned(text.chars().map(|c| if acts(c) { '\u{FFFD}' } else { c }).collect())
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_bells_and_overrides_are_shown_not_run() {
        assert_eq!(printable("a\u{1b}[31mb\u{7}c"), "a\u{FFFD}[31mb\u{FFFD}c");
        assert_eq!(printable("x\u{202E}cba\u{2066}"), "x\u{FFFD}cba\u{FFFD}");
        assert_eq!(printable("tab\there\r"), "tab\u{FFFD}here\u{FFFD}");
        assert_eq!(printable("€ 1.234\nregel twee"), "€ 1.234\nregel twee");
        assert!(matches!(printable("gewoon"), Cow::Borrowed(_)));
        // One for one: the width in characters stays.
        let t = "ab\u{1b}c\u{202E}d";
        assert_eq!(printable(t).chars().count(), t.chars().count());
    }
}
