//! The paragraph as one self-contained HTML file: the Markdown rendered, the charts inlined as
//! images in the page itself, the styles inline, nothing fetched from anywhere; laid out for A4.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};
use std::collections::HashMap;

const STYLE: &str = r#"
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45;
       color: #222; max-width: 180mm; margin: 0 auto; padding: 12px; }
h1 { font-size: 19pt; color: #1f4e79; margin: 0 0 4px; }
h2 { font-size: 14pt; color: #1f4e79; border-bottom: 1px solid #c9d6e3; padding-bottom: 2px; margin-top: 22px;
     page-break-after: avoid; }
h3 { font-size: 11.5pt; color: #1f4e79; margin-top: 16px; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 9pt; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #c9d6e3; padding: 3px 5px; vertical-align: top; }
td[style*="right"], th[style*="right"] { white-space: nowrap; }
th { background: #eaf1f8; text-align: left; }
tr:nth-child(even) td { background: #f8fafc; }
img { max-width: 100%; height: auto; display: block; margin: 8px auto 14px; page-break-inside: avoid; }
ul, ol { padding-left: 20px; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"#;

/// Turns the Markdown into an HTML page; images named in `images` (file name → PNG bytes) are
/// embedded as data URIs.
pub fn page(markdown: &str, title: &str, lang: &str, images: &HashMap<String, Vec<u8>>) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES).map(|event| match event {
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match images.get(dest_url.as_ref()) {
                Some(png) => CowStr::from(format!("data:image/png;base64,{}", base64(png))),
                None => dest_url,
            };
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        // Raw HTML in the rendered Markdown can only come from a template: register text is
        // escaped before it gets there. Keep it as text all the same.
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, parser);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape_html(title)
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
        let html = page("# T\n\n![x](a.png)\n\n&lt;script&gt; <b>raw</b>\n", "T", "nl", &images);
        assert!(html.contains("src=\"data:image/png;base64,Zm9v\""), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("<b>"));
    }
}
