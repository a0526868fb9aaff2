//! The paragraph as one self-contained HTML file: the Markdown rendered, the charts inlined as
//! images in the page itself, the styles inline, nothing fetched from anywhere; laid out for A4.

use crate::lang::Lang;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};
use std::collections::HashMap;

const STYLE: &str = r#"
@page { size: A4; margin: 16mm 16mm 15mm 16mm; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45;
       color: #222; max-width: 178mm; margin: 0 auto; padding: 12px; }
h1 { font-size: 19pt; color: #1f4e79; margin: 0 0 4px; }
h2 { font-size: 14pt; color: #1f4e79; border-bottom: 1px solid #c9d6e3; padding-bottom: 2px; margin-top: 22px;
     break-after: avoid; }
h3 { font-size: 11.5pt; color: #1f4e79; margin-top: 16px; break-after: avoid; }
p { orphans: 3; widows: 3; }
/* The sentence that introduces a table or a chart stays on its page. */
p:not(:has(img)):has(+ table), p:not(:has(img)):has(+ p > img) { break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 8.5pt; break-inside: avoid; }
tr { break-inside: avoid; }
table:has(tbody tr:nth-child(6)) { break-inside: auto; }
th, td { border: 1px solid #c9d6e3; padding: 3px 4px; vertical-align: top; overflow-wrap: break-word; }
th { background: #eaf1f8; text-align: left; }
tr:nth-child(even) td { background: #f8fafc; }
/* Every chart is drawn for the full text column (chart::PRINT_WIDTH_MM) and printed at it, so its
   type is as large on paper as the charts' test measures. */
img { width: 100%; height: auto; display: block; margin: 8px auto 14px; break-inside: avoid; }
ul, ol { padding-left: 20px; }
@media print {
  body { padding: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The running header of every printed page: the document on the left, its date on the right.
#[derive(Clone, Debug)]
pub struct Running {
    pub left: String,
    pub right: String,
}

/// The running header and page numbers of the printed page, in the page's language.
fn page_boxes(running: &Running, lang: Lang) -> String {
    let style = "font-family: \"DejaVu Sans\", Arial, sans-serif; font-size: 8pt; color: #555;";
    format!(
        "@page {{ @top-left {{ content: \"{}\"; {style} }} @top-right {{ content: \"{}\"; {style} }} @bottom-right {{ content: \"{} \" counter(page) \" {} \" counter(pages); {style} }} }}",
        css_string(&running.left),
        css_string(&running.right),
        lang.pick("pagina", "page"),
        lang.pick("van", "of"),
    )
}

/// Text as the inside of a CSS string: quotes, backslashes and line breaks escaped, and `<` too,
/// so that nothing can close the style element.
fn css_string(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", u32::from(c))),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A link or image address that cannot run anything: `http(s):`, `mailto:`, or one without a scheme
/// (a place in the report, a file beside it); anything else (`javascript:`, `data:`, `vbscript:`)
/// becomes `#`. The scheme is read as a browser reads it, ignoring case, spaces and control
/// characters.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = cleaned
        .split_once(':')
        .map(|(s, _)| s)
        .filter(|s| !s.contains(['/', '?', '#']));
    match scheme {
        None | Some("http" | "https" | "mailto") => url,
        Some(_) => CowStr::from("#"),
    }
}

/// Turns the Markdown into an HTML page; images named in `images` (file name → PNG bytes) are
/// embedded as data URIs. `running` heads every printed page. Amounts never break after the euro
/// sign or before "miljoen".
pub fn page(markdown: &str, title: &str, lang: Lang, running: &Running, images: &HashMap<String, Vec<u8>>) -> String {
    let mut events: Vec<Event> = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        let event = match event {
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match images.get(dest_url.as_ref()) {
                    Some(png) => CowStr::from(format!("data:image/png;base64,{}", base64(png))),
                    None => safe_url(dest_url),
                };
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            // A link from a user's template (`[x](javascript:…)`, also through `|safe`) may only
            // lead to a web page, a mail address or a place in the report.
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: safe_url(dest_url),
                title,
                id,
            }),
            // Raw HTML in the rendered Markdown can only come from a template: register text is
            // escaped before it gets there. Keep it as text all the same.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Text(text) if text.contains("€ ") => Event::Text(CowStr::from(
                text.replace("€ ", "€\u{a0}")
                    .replace(" miljoen", "\u{a0}miljoen")
                    .replace(" million", "\u{a0}million"),
            )),
            other => other,
        };
        events.push(event);
    }
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, events.into_iter());
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}{}\n</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape_html(title),
        page_boxes(running, lang)
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_cannot_run_code() {
        let running = Running {
            left: String::new(),
            right: String::new(),
        };
        let html = |md: &str| page(md, "t", Lang::Nl, &running, &HashMap::new());
        for bad in [
            "[klik](javascript:alert(1))",
            "[klik](JavaScript:alert(1))",
            "[klik]( java\tscript:alert(1))",
            "[klik](data:text/html;base64,PHNjcmlwdD4=)",
            "[klik](vbscript:msgbox)",
            "![x](javascript:alert(1))",
        ] {
            let out = html(bad).to_ascii_lowercase();
            for attribute in ["href=\"", "src=\""] {
                for target in out.split(attribute).skip(1) {
                    let target = target.split('"').next().unwrap();
                    assert!(
                        !target.contains("script:") && !target.starts_with("data:"),
                        "{bad}: {target}"
                    );
                }
            }
        }
        for good in [
            "[w](https://example.org/a:b)",
            "[m](mailto:a@b.nl)",
            "[p](#methode)",
            "[f](bijlage.pdf)",
        ] {
            let target = good.split_once("](").unwrap().1.trim_end_matches(')');
            assert!(html(good).contains(&format!("href=\"{target}\"")), "{good}");
        }
    }

    #[test]
    fn base64_reference_vectors() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn images_are_inlined_and_escaped_text_stays_text() {
        let mut images = HashMap::new();
        images.insert("a.png".to_string(), b"foo".to_vec());
        let html = page(
            "# T\n\n![x](a.png)\n\n&lt;script&gt; <b>raw</b>\n",
            "T",
            Lang::Nl,
            &Running {
                left: "GR \"x\" </style>".into(),
                right: "1 december 2026".into(),
            },
            &images,
        );
        assert!(html.contains("src=\"data:image/png;base64,Zm9v\""), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("<b>"));
        assert!(
            !html.contains("</style>\""),
            "register text cannot close the style element"
        );
        assert!(html.contains("content: \"GR \\22 x\\22  \\3c /style\\3e \""), "{html}");
        assert!(html.contains("counter(page)"));
    }
}
