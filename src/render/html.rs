//! Markdown to a self-contained HTML page; charts are spliced in at markers.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

use crate::parse::markdown::MARKDOWN_OPTIONS;
use crate::render::escape::link_allowed;

/// Escapes text for HTML and SVG.
pub fn escape(text: &str) -> String {
    let mut buffer = Vec::with_capacity(text.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut buffer);
    String::from_utf8(buffer).unwrap_or_default()
}

/// Renders Markdown to an HTML fragment that loads nothing and runs nothing. Raw
/// HTML in the Markdown is shown as text (a leader's words never become markup),
/// comments are dropped, links keep only http(s) and mailto targets (any other
/// becomes its plain text), and images become their alt text. Chart markers are
/// replaced by the SVG in `charts`: a template marks where chart `id` belongs with
/// `<!-- chart:id -->`, which Markdown and text output leave unseen.
pub fn markdown_to_html(markdown: &str, charts: &BTreeMap<String, String>) -> String {
    // For each open link, whether its tags were kept.
    let mut links: Vec<bool> = Vec::new();
    let mut events = Parser::new_ext(markdown, MARKDOWN_OPTIONS).peekable();
    let mut out_events = Vec::new();
    while let Some(event) = events.next() {
        let kept = match event {
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
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                let keep = link_allowed(dest_url);
                links.push(keep);
                keep.then_some(event)
            }
            Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(event),
            // The alt text inside an image flows on as plain text.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            // A task item is marked as one, and its box says what it means to a
            // screen reader.
            Event::Start(Tag::Item) => match events.peek() {
                Some(Event::TaskListMarker(done)) => {
                    let done = *done;
                    events.next();
                    Some(Event::Html(CowStr::from(if done {
                        r#"<li class="task"><input type="checkbox" disabled checked aria-label="done"> "#
                    } else {
                        r#"<li class="task"><input type="checkbox" disabled aria-label="not done yet"> "#
                    })))
                }
                _ => Some(event),
            },
            other => Some(other),
        };
        out_events.extend(kept);
    }
    let mut out = String::new();
    html::push_html(&mut out, out_events.into_iter());
    out
}

/// The Content-Security-Policy every page carries: no script, no remote load, no
/// form, no base; inline styles and inline SVG keep working.
pub const CONTENT_SECURITY_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">";

/// Puts [`CONTENT_SECURITY_POLICY`] before anything a page template wrote that
/// could load or run: right after the `<head>` tag when only the doctype and the
/// `<html>` tag come before it, else right after the doctype. Whatever the
/// template (built-in or a custom `page.html`), the policy is in force for all of it.
pub fn with_content_security_policy(page: &str) -> String {
    let lower = page.to_ascii_lowercase();
    let after_doctype = if lower.trim_start().starts_with("<!doctype") {
        lower.find('>').map_or(0, |i| i + 1)
    } else {
        0
    };
    let mut at = after_doctype;
    let rest = &lower[after_doctype..];
    let trimmed = rest.trim_start();
    if let Some(html_tag) = trimmed.strip_prefix("<html")
        && html_tag.starts_with(['>', ' ', '\n', '\t'])
        && let Some(close) = trimmed.find('>')
    {
        let after_html = &trimmed[close + 1..];
        let head = after_html.trim_start();
        if head.starts_with("<head>") || head.starts_with("<head ") {
            let offset = page.len() - head.len();
            at = offset + head.find('>').map_or(0, |i| i + 1);
        }
    }
    format!("{}\n{CONTENT_SECURITY_POLICY}{}", &page[..at], &page[at..])
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

    #[test]
    fn links_keep_only_web_and_mail_targets_and_images_become_alt_text() {
        let html = markdown_to_html(
            "[a](javascript:alert(1)) [b](https://x.example) [c](data:text/html,x) <mailto:m@x.example> ![PIXEL](https://t.example/p.gif) [d](VBScript:x)\n",
            &BTreeMap::new(),
        );
        assert!(
            html.contains("<a href=\"https://x.example\">b</a>"),
            "{html}"
        );
        assert!(html.contains("href=\"mailto:m@x.example\""), "{html}");
        for gone in ["javascript", "data:", "<img", "t.example", "VBScript"] {
            assert!(!html.contains(gone), "{gone} in {html}");
        }
        assert!(
            html.starts_with("<p>a ") && html.contains("PIXEL"),
            "{html}"
        );
    }

    #[test]
    fn the_policy_comes_before_anything_the_page_template_wrote() {
        let built_in =
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n</head>";
        let page = with_content_security_policy(built_in);
        assert!(
            page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta http-equiv"),
            "{page}"
        );
        let hostile = "<script>alert(1)</script><html><head></head>";
        let page = with_content_security_policy(hostile);
        assert!(page.starts_with("\n<meta http-equiv"), "{page}");
        let doctype_then_script = "<!doctype html><script>x</script>";
        let page = with_content_security_policy(doctype_then_script);
        assert!(
            page.starts_with("<!doctype html>\n<meta http-equiv"),
            "{page}"
        );
    }
}
