//! Paths into a register, such as `reserve.balance`, `drivers.liv.amount`,
//! `risks.T4-01.impact.driver.percent` or `risks[1.4].probability` (brackets for ids with a dot).

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A field of a mapping.
    Key(String),
    /// A risk of the `risks` list, by id.
    Risk(String),
}

/// Parses a path; `None` when it is malformed (empty steps, an unclosed bracket).
pub fn parse(text: &str) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (step, tail) = if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            let tail = &inner[end + 1..];
            // `risks[a]b]`: after a bracket comes a dot, another bracket or the end.
            if !(tail.is_empty() || tail.starts_with(['.', '['])) {
                return None;
            }
            (inner[..end].trim().to_string(), tail)
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            (rest[..end].trim().to_string(), &rest[end..])
        };
        if step.is_empty() || step.contains(['[', ']']) {
            return None;
        }
        // After `risks`, the next step names a risk.
        let is_risk = matches!(steps.as_slice(), [Step::Key(k)] if k == "risks");
        steps.push(if is_risk { Step::Risk(step) } else { Step::Key(step) });
        rest = tail.strip_prefix('.').unwrap_or(tail);
        if tail.starts_with('.') && rest.is_empty() {
            return None;
        }
    }
    (!steps.is_empty()).then_some(steps)
}

/// The path written back, for messages.
pub fn display(steps: &[Step]) -> String {
    let mut out = String::new();
    for (i, step) in steps.iter().enumerate() {
        match step {
            Step::Key(k) => {
                if i > 0 {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Risk(id) if id.contains('.') => out.push_str(&format!("[{id}]")),
            Step::Risk(id) => {
                out.push('.');
                out.push_str(id);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    #[test]
    fn paths_into_sections_and_risks() {
        assert_eq!(parse("reserve.balance"), Some(vec![key("reserve"), key("balance")]));
        assert_eq!(
            parse("risks.T4-01.impact.driver.percent"),
            Some(vec![
                key("risks"),
                Step::Risk("T4-01".into()),
                key("impact"),
                key("driver"),
                key("percent")
            ])
        );
        assert_eq!(
            parse("risks[1.4].probability"),
            Some(vec![key("risks"), Step::Risk("1.4".into()), key("probability")])
        );
        assert_eq!(parse("drivers.liv"), Some(vec![key("drivers"), key("liv")]));
    }

    #[test]
    fn malformed_paths() {
        for bad in [
            "",
            "reserve..cap",
            "reserve.",
            "risks[1.4",
            ".cap",
            "risks[a]b]",
            "risks[a]b]].x",
            "risks.a].x",
            "reserve.cap]",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn paths_are_written_back() {
        assert_eq!(
            display(&parse("risks[1.4].probability").unwrap()),
            "risks[1.4].probability"
        );
        assert_eq!(display(&parse("risks.T4-01.impact").unwrap()), "risks.T4-01.impact");
    }
}
