//! Markdown to plain text, wrapped for an email client or a terminal.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr as _;

use crate::printable::single_spaced;
use crate::render::escape::link_allowed;

/// How headings look in plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headings {
    /// Underlined with `=` and `-`, for a terminal or a text file.
    Underlined,
    /// As a letter reads: the title (the email's subject already) left out, other
    /// headings as plain lines.
    Letter,
}

/// Renders Markdown as plain text wrapped at `width` columns: headings as `style`
/// says, lists indented with hanging lines, emphasis and HTML comments dropped.
pub fn markdown_to_text(markdown: &str, width: usize, style: Headings) -> String {
    let mut out = String::new();
    let mut block = String::new();
    let mut prefixes: Vec<String> = Vec::new();
    let mut pending_marker: Option<String> = None;
    let mut list_numbers: Vec<Option<u64>> = Vec::new();
    let mut heading: Option<HeadingLevel> = None;
    let mut link_targets: Vec<String> = Vec::new();
    let mut table_row: Vec<String> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;

    let flush =
        |out: &mut String, block: &mut String, prefixes: &[String], marker: &mut Option<String>| {
            let text = single_spaced(std::mem::take(block));
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
                let title = single_spaced(std::mem::take(&mut block));
                if !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                let level = heading.take();
                if style == Headings::Letter && level == Some(HeadingLevel::H1) {
                    continue;
                }
                let rule = match (style, level) {
                    (Headings::Underlined, Some(HeadingLevel::H1)) => Some('='),
                    (Headings::Underlined, Some(HeadingLevel::H2)) => Some('-'),
                    _ => None,
                };
                out.push_str(&title);
                out.push('\n');
                if let Some(c) = rule {
                    out.push_str(&c.to_string().repeat(title.width()));
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
                    && link_allowed(&url)
                    && !block.ends_with(url.as_str())
                {
                    block.push_str(&format!(" ({url})"));
                }
            }
            Event::Start(Tag::TableCell) => {}
            Event::End(TagEnd::TableCell) => {
                table_row.push(single_spaced(std::mem::take(&mut block)));
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                table.push(std::mem::take(&mut table_row))
            }
            Event::End(TagEnd::Table) => {
                out.push_str(&render_table(&std::mem::take(&mut table), width));
                out.push('\n');
            }
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

/// A table as aligned columns; the last column wraps within `width` with a hanging
/// indent, and a rule follows the header row.
fn render_table(rows: &[Vec<String>], width: usize) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |cell| cell.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let lead: usize = widths[..columns - 1].iter().map(|w| w + 2).sum();
    if lead + 20 > width {
        return table_as_list(rows, width);
    }
    let mut out = String::new();
    for (index, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (c, w) in widths[..columns - 1].iter().enumerate() {
            let cell = row.get(c).map_or("", String::as_str);
            line.push_str(cell);
            line.push_str(&" ".repeat(w - cell.width() + 2));
        }
        let last = row.get(columns - 1).map_or("", String::as_str);
        for (i, part) in wrap(last, width.saturating_sub(lead).max(20))
            .iter()
            .enumerate()
        {
            if i > 0 {
                line.push('\n');
                line.push_str(&" ".repeat(lead));
            }
            line.push_str(part);
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if index == 0 {
            let total = (lead + widths[columns - 1]).min(width);
            out.push_str(&"-".repeat(total));
            out.push('\n');
        }
    }
    out
}

/// A table too wide for columns: each row's first cell on its own line, then the
/// other cells as `Header: value` pairs, indented.
fn table_as_list(rows: &[Vec<String>], width: usize) -> String {
    let Some((header, body)) = rows.split_first() else {
        return String::new();
    };
    let mut out = String::new();
    for row in body {
        for line in wrap(row.first().map_or("", String::as_str), width) {
            out.push_str(&line);
            out.push('\n');
        }
        let pairs: Vec<String> = row
            .iter()
            .zip(header)
            .skip(1)
            .map(|(cell, name)| format!("{name}: {cell}"))
            .collect();
        for line in wrap(&pairs.join(" · "), width.saturating_sub(2)) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

/// Greedy word wrap; a word longer than the width stands on its own line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
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
        let text = markdown_to_text(md, 40, Headings::Underlined);
        assert!(text.starts_with("Title\n=====\n\n"), "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 40), "{text}");
        assert!(
            text.contains("- [x] done thing\n- open thing with bold\n  - nested"),
            "{text}"
        );
        assert!(!text.contains("hidden"));
    }

    #[test]
    fn tables_align_or_become_lists_when_too_wide() {
        let narrow = markdown_to_text(
            "| A | Bee |\n|---|---|\n| 1 | two |\n",
            78,
            Headings::Underlined,
        );
        assert_eq!(narrow, "A  Bee\n------\n1  two\n");
        let wide = markdown_to_text(
            &format!(
                "| Measure | Latest |\n|---|---|\n| {} | 7 |\n",
                "long ".repeat(14)
            ),
            40,
            Headings::Underlined,
        );
        assert!(wide.contains("\n  Latest: 7"), "{wide}");
        assert!(wide.lines().all(|l| l.chars().count() <= 40), "{wide}");
    }

    #[test]
    fn wrapping_counts_display_width() {
        let cjk = "日本語のテキスト ".repeat(6);
        let lines = wrap(&cjk, 20);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), cjk.trim());
    }

    #[test]
    fn wrap_keeps_every_word() {
        let words = "one two three four five six seven";
        assert_eq!(wrap(words, 10).join(" "), words);
        assert!(wrap(words, 10).iter().all(|l| l.len() <= 10));
    }
}
