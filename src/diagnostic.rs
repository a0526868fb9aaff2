//! A problem at a place: what the validator reports and how it is printed.
//!
//! ```text
//! fout: risks/register.yaml:12:18: risico T3-01: 'probability' is 1.3, maar een kans ligt tussen 0 en 1
//!    |
//! 12 |     probability: 1.3
//!    |                  ^^^
//! ```

use crate::lang::Lang;
use crate::printable::printable;
use crate::problem::Problem;
use crate::source::{Sources, Span};
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// What a diagnostic is about beyond its position: the risk or driver it concerns.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    Risk(String),
    Driver(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Option<Span>,
    pub subject: Option<Subject>,
    pub problem: Problem,
}

/// Whether diagnostics mark their severity in colour (set once by the application: on a terminal,
/// unless `NO_COLOR` is set or `--color` says otherwise).
static COLOUR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Turns colour in diagnostics on or off.
pub fn set_colour(on: bool) {
    COLOUR.store(on, std::sync::atomic::Ordering::Relaxed);
}

impl Diagnostic {
    /// An error at `span`, about no risk or driver in particular.
    pub fn error(span: Span, problem: Problem) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            span: Some(span),
            subject: None,
            problem,
        }
    }

    /// A warning at `span`, about no risk or driver in particular.
    pub fn warning(span: Span, problem: Problem) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, problem)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form: `file:line:column: subject: message`, with the severity in front.
    pub fn headline(&self, sources: &Sources, lang: Lang) -> String {
        let mut out = String::new();
        out.push_str(match self.severity {
            Severity::Error => lang.pick("fout", "error"),
            Severity::Warning => lang.pick("waarschuwing", "warning"),
        });
        out.push_str(": ");
        if let Some(span) = self.span {
            let _ = write!(out, "{}: ", sources.get(span.source).place(span));
        }
        match &self.subject {
            Some(Subject::Risk(id)) => {
                let _ = write!(out, "{} {id}: ", lang.pick("risico", "risk"));
            }
            Some(Subject::Driver(id)) => {
                let _ = write!(out, "driver {id}: ");
            }
            None => {}
        }
        out.push_str(&self.problem.message(lang));
        out
    }

    /// The diagnostic for a program: severity, place, subject and message.
    pub fn to_json(&self, sources: &Sources, lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "severity": match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            "file": self.span.map(|s| sources.get(s.source).name.clone()),
            "line": self.span.map(|s| s.line),
            "column": self.span.map(|s| s.column),
            "sheet": self.span.and_then(|s| sources.get(s.source).sheet.clone()),
            "cell": self.span.filter(|s| sources.get(s.source).sheet.is_some()).map(|s| crate::source::cell_name(s.line, s.column)),
            "risk": match &self.subject {
                Some(Subject::Risk(id)) => Some(id.clone()),
                _ => None,
            },
            "driver": match &self.subject {
                Some(Subject::Driver(id)) => Some(id.clone()),
                _ => None,
            },
            "kind": self.problem.warning_kind().and_then(|k| clap::ValueEnum::to_possible_value(&k)).map(|v| v.get_name().to_string()),
            "message": self.problem.message(lang),
        })
    }

    /// The headline and, when the position is known, the source line with the offending text marked.
    /// Register text in it is [`printable`]: it cannot act on the terminal, and the caret stays
    /// under the right column.
    pub fn render(&self, sources: &Sources, lang: Lang) -> String {
        let mut out = printable(&self.headline(sources, lang)).into_owned();
        if COLOUR.load(std::sync::atomic::Ordering::Relaxed) {
            // Bold red `fout`, bold yellow `waarschuwing`: the word only, the message stays plain.
            let word = out.split(':').next().unwrap_or("").len();
            let code = if self.is_error() { "1;31" } else { "1;33" };
            out = format!("\x1b[{code}m{}\x1b[0m{}", &out[..word], &out[word..]);
        }
        out.push('\n');
        if let Some(span) = self.span
            && sources.get(span.source).sheet.is_some()
        {
            // A cell: the text found in it, as the workbook shows it.
            let found = sources.slice(span);
            let _ = writeln!(
                out,
                "  {}: {}",
                lang.pick("in de cel", "in the cell"),
                if found.is_empty() {
                    lang.pick("(leeg)", "(empty)").to_string()
                } else {
                    format!("'{}'", printable(&found.replace('\n', " ")))
                }
            );
        } else if let Some(span) = self.span
            && let Some(line) = sources.get(span.source).line_text(span.line)
        {
            let number = span.line.to_string();
            let pad = " ".repeat(number.len());
            let line = printable(&line.replace('\t', " ")).into_owned();
            let column = span.column.max(1) as usize - 1;
            let width = sources
                .slice(span)
                .lines()
                .next()
                .map_or(0, |t| t.chars().count())
                .clamp(1, line.chars().count().saturating_sub(column).max(1));
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {line}");
            let _ = writeln!(out, "{pad} | {}{}", " ".repeat(column), "^".repeat(width));
        }
        out
    }
}

/// Renders all diagnostics, errors first, each group in file order.
pub fn render_all(diagnostics: &[Diagnostic], sources: &Sources, lang: Lang) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| (d.severity, d.span.map(|s| (s.source.0, s.line, s.column))));
    sorted.iter().map(|d| d.render(sources, lang)).collect()
}
