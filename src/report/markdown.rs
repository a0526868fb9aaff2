//! Rendering the paragraph template to Markdown. Every value the template prints is escaped for
//! Markdown, so a risk titled `<script>` or `a | b` comes out as that text, never as markup.

use minijinja::value::Value;
use minijinja::{Environment, UndefinedBehavior};

/// The built-in templates.
pub const TEMPLATE_NL: &str = include_str!("templates/risicoparagraaf.nl.md.j2");
pub const TEMPLATE_EN: &str = include_str!("templates/risicoparagraaf.en.md.j2");
/// The built-in templates for a register that cannot be simulated: the jaarverslag's layout.
pub const JAARVERSLAG_NL: &str = include_str!("templates/jaarverslag.nl.md.j2");
pub const JAARVERSLAG_EN: &str = include_str!("templates/jaarverslag.en.md.j2");

/// Escapes text so that Markdown shows it literally: markup characters get a backslash (also `<`,
/// which would start raw HTML, `&`, which would start an entity, and `>`, which would start a
/// quote), so the file stays plain Markdown that reads as text; line breaks become spaces (a value
/// sits inside a line or a table cell).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '<' | '>' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Renders a template (the built-in one for `lang`, or the user's) with the context.
pub fn render<C: serde::Serialize>(template: &str, context: &C) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
            .expect("the default delimiters are valid"),
    );
    env.set_formatter(|out, _state, value: &Value| {
        let text = value.to_string();
        if value.is_safe() {
            out.write_str(&text)?;
        } else {
            out.write_str(&escape(&text))?;
        }
        Ok(())
    });
    env.add_function("table", table);
    // A user's template runs in a budget: a loop that does not end, or one that writes without
    // end, stops with a message instead of holding the meeting up or filling the disk.
    env.set_fuel(Some(FUEL));
    env.add_template("risicoparagraaf", template)?;
    let mut out = Limited(Vec::new());
    env.get_template("risicoparagraaf")?.render_captured_to(
        minijinja::value::Value::from(minijinja::value::Serde(context)),
        &mut out,
    )?;
    Ok(String::from_utf8(out.0).expect("the template engine writes UTF-8"))
}

/// Instructions a template may run (minijinja's fuel): three nested loops of 10.000 exhaust it in
/// about a second; the built-in template on the shipped register needs a small part of it.
pub const FUEL: u64 = 50_000_000;

/// The most text a template may write.
pub const MAX_OUTPUT: usize = 16 * 1024 * 1024;

/// The rendered text, refused past [`MAX_OUTPUT`].
struct Limited(Vec<u8>);

impl std::io::Write for Limited {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + bytes.len() > MAX_OUTPUT {
            return Err(std::io::Error::other("the template writes more than 16 MiB"));
        }
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `{{ table(confrontation.years) }}`: a table of the context ([`super::context::TableText`]) as a
/// Markdown table, every cell escaped, the chosen row in bold.
fn table(t: &Value) -> Result<Value, minijinja::Error> {
    let texts =
        |v: Value| -> Result<Vec<String>, minijinja::Error> { Ok(v.try_iter()?.map(|x| x.to_string()).collect()) };
    let line = |cells: &[String], bold: bool| {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| if bold { format!("**{}**", escape(c)) } else { escape(c) })
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = line(&texts(t.get_attr("header")?)?, false);
    out.push_str(&format!("|{}|\n", texts(t.get_attr("align")?)?.join("|")));
    for row in t.get_attr("rows")?.try_iter()? {
        out.push_str(&line(
            &texts(row.get_attr("cells")?)?,
            row.get_attr("chosen")?.is_true(),
        ));
    }
    Ok(Value::from_safe_string(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_register_text_is_neutralised() {
        assert_eq!(escape("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(escape("a | b *vet* _schuin_"), "a \\| b \\*vet\\* \\_schuin\\_");
        assert_eq!(escape("RI&E\ntweede regel"), "RI\\&E tweede regel");
        assert_eq!(escape("€ 1.234 (63%)"), "€ 1.234 (63%)");
    }
}
