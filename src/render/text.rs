//! Markdown to plain text, wrapped for an email client or a terminal.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders Markdown as plain text wrapped at `width` columns: headings underlined,
/// lists indented with hanging lines, emphasis and HTML comments dropped.
pub fn markdown_to_text(markdown: &str, width: usize) -> String {
    let mut out = String::new();
    let mut block = String::new();
    let mut prefixes: Vec<String> = Vec::new();
    let mut pending_marker: Option<String> = None;
    let mut list_numbers: Vec<Option<u64>> = Vec::new();
    let mut heading: Option<HeadingLevel> = None;
    let mut link_targets: Vec<String> = Vec::new();
    let mut table_row: Vec<String> = Vec::new();
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;

    let flush =
        |out: &mut String, block: &mut String, prefixes: &[String], marker: &mut Option<String>| {
            let text = block.split_whitespace().collect::<Vec<_>>().join(" ");
            block.clear();
            if text.is_empty() && marker.is_none() {
                return;
            }
            let indent: String = prefixes.concat();
            let first = match marker.take() {
                Some(m) => format!("{}{m}", &indent[..indent.len().saturating_sub(m.len())]),
                None => indent.clone(),
            };
            for (i, line) in wrap(&text, width.saturating_sub(indent.len()).max(20))
                .iter()
                .enumerate()
            {
                out.push_str(if i == 0 { &first } else { &indent });
                out.push_str(line);
                out.push('\n');
            }
        };

    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some(level),
            Event::End(TagEnd::Heading(_)) => {
                let title = block.split_whitespace().collect::<Vec<_>>().join(" ");
                block.clear();
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                let rule = match heading.take() {
                    Some(HeadingLevel::H1) => Some('='),
                    Some(HeadingLevel::H2) => Some('-'),
                    _ => None,
                };
                out.push_str(&title);
                out.push('\n');
                if let Some(c) = rule {
                    out.push_str(&c.to_string().repeat(title.chars().count()));
                    out.push('\n');
                }
                out.push('\n');
            }
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                flush(&mut out, &mut block, &prefixes, &mut pending_marker);
                if prefixes.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::List(first)) => {
                flush(&mut out, &mut block, &prefixes, &mut pending_marker);
                list_numbers.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                list_numbers.pop();
                if list_numbers.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                let marker = match list_numbers.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n += 1;
                        m
                    }
                    _ => "- ".to_string(),
                };
                prefixes.push(" ".repeat(marker.len()));
                pending_marker = Some(marker);
            }
            Event::End(TagEnd::Item) => {
                flush(&mut out, &mut block, &prefixes, &mut pending_marker);
                prefixes.pop();
            }
            Event::TaskListMarker(done) => block.push_str(if done { "[x] " } else { "[ ] " }),
            Event::Start(Tag::Link { dest_url, .. }) => link_targets.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                if let Some(url) = link_targets.pop()
                    && !block.ends_with(url.as_str())
                {
                    block.push_str(&format!(" ({url})"));
                }
            }
            Event::Start(Tag::TableCell) => {}
            Event::End(TagEnd::TableCell) => {
                table_row.push(block.split_whitespace().collect::<Vec<_>>().join(" "));
                block.clear();
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                out.push_str(&table_row.join(" | "));
                out.push('\n');
                table_row.clear();
            }
            Event::End(TagEnd::Table) => out.push('\n'),
            Event::Text(text) | Event::Code(text) => block.push_str(&text),
            Event::SoftBreak => block.push(' '),
            Event::HardBreak => {
                flush(&mut out, &mut block, &prefixes, &mut pending_marker);
            }
            Event::Rule => out.push_str(&format!("{}\n\n", "-".repeat(width.min(40)))),
            _ => {}
        }
    }
    flush(&mut out, &mut block, &prefixes, &mut pending_marker);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Greedy word wrap; a word longer than the width stands on its own line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_wrapping() {
        let md = "# Title\n\nA paragraph that is long enough to be wrapped somewhere before the end of it.\n\n## Part\n- [x] done thing\n- open thing with **bold**\n  - nested\n<!-- hidden -->\n";
        let text = markdown_to_text(md, 40);
        assert!(text.starts_with("Title\n=====\n\n"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 40), "{text}");
        assert!(
            text.contains("- [x] done thing\n- open thing with bold\n  - nested"),
            "{text}"
        );
        assert!(!text.contains("hidden"));
    }

    #[test]
    fn wrap_keeps_every_word() {
        let words = "one two three four five six seven";
        assert_eq!(wrap(words, 10).join(" "), words);
        assert!(wrap(words, 10).iter().all(|l| l.len() <= 10));
    }
}
