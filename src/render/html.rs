//! Markdown to a self-contained HTML page; charts are spliced in at markers.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, Options, Parser, html};

/// Escapes text for HTML and SVG.
pub fn escape(text: &str) -> String {
    let mut buffer = Vec::with_capacity(text.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut buffer);
    String::from_utf8(buffer).unwrap_or_default()
}

/// Renders Markdown to an HTML fragment. Raw HTML in the Markdown is shown as text
/// (a leader's words never become markup), comments are dropped, and chart markers
/// are replaced by the SVG in `charts`. A template marks where chart `id` belongs
/// with `<!-- chart:id -->`, which Markdown and text output leave unseen.
pub fn markdown_to_html(markdown: &str, charts: &BTreeMap<String, String>) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => {
            let trimmed = raw.trim();
            if let Some(id) = trimmed
                .strip_prefix("<!-- chart:")
                .and_then(|r| r.strip_suffix("-->"))
            {
                charts
                    .get(id.trim())
                    .map(|svg| Event::Html(CowStr::from(svg.clone())))
            } else if trimmed.starts_with("<!--") {
                None
            } else {
                Some(Event::Text(raw))
            }
        }
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_escaped_and_charts_spliced() {
        let mut charts = BTreeMap::new();
        charts.insert("c1".to_string(), "<svg id=\"c1\"></svg>".to_string());
        let html = markdown_to_html(
            "# Hi\n\n<script>alert(1)</script>\n\n<!-- chart:c1 -->\n\n<!-- note -->\n",
            &charts,
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<svg id=\"c1\"></svg>"));
        assert!(!html.contains("note"));
    }
}
