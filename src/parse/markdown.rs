//! A session body's Markdown: its headings, the commitments made and the
//! commitments reviewed. Prose is not kept: only what coach generates from.

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::body::{
    Body, CommitmentItem, Due, Heading, ReviewItem, Section, Unclear, UnclearAt, loose, opens_notes,
};
use crate::model::commitment::{CommitmentId, ReviewState};
use crate::parse::sections::{HeadingShape, Scope, Sections};
use crate::printable::single_spaced;

struct OpenItem {
    depth: usize,
    start: usize,
    /// The containers around the item's own text: deeper text (a quote, a
    /// nested block) is not the item's.
    containers: usize,
    /// Paragraphs of the item already closed: only the first is its text.
    paragraphs: usize,
    section: Option<Section>,
    /// A heading appeared inside the item: which section its text belongs to is unclear.
    tainted: bool,
    text: String,
    ticked: Option<bool>,
    struck: bool,
    /// Inside `~~...~~` now (how deep).
    striking: u32,
    /// The item's text read inside `~~...~~`.
    struck_text: String,
    success: Option<String>,
    /// The column its text starts at: a continuation line is indented to it.
    indent: Option<usize>,
    /// A line break was just read: the next text starts a line.
    after_break: bool,
}

/// The column where the text of the list item starting at `start` begins: after
/// its marker (`-`, `*`, `+`, `1.`, `1)`) and the spaces that follow it.
fn content_column(body: &str, start: usize, lines: &Lines<'_>) -> usize {
    let rest = body.get(start..).unwrap_or("");
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let marker = if digits > 0 { digits + 1 } else { 1 };
    let spaces = rest
        .get(marker..)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c == ' ')
        .count()
        .clamp(1, 4);
    lines.position(start).1 + marker + spaces
}

fn is_public(sections: &Sections) -> bool {
    matches!(sections.scope(), Scope::Public(_))
}

/// Ends the public section at `at` because of `what`: everything after it is
/// private (until the next `##` heading after coach notes written as text, until
/// any heading after HTML), and the items open now are dropped.
fn close_public(
    out: &mut Body,
    sections: &mut Sections,
    items: &mut [OpenItem],
    what: Unclear,
    (line, column): (usize, usize),
) {
    let notes = matches!(what, Unclear::NotesAsText);
    out.unclear.push(UnclearAt {
        what,
        line,
        column,
        end_column: None,
    });
    if notes {
        sections.enter_notes_written_as_text();
    } else {
        sections.enter_private_until_a_heading();
    }
    for item in items {
        item.tainted = true;
    }
}

/// What is unclear about HTML met in a public section: nothing for a plain comment,
/// the coach's notes for a comment that names them, `otherwise` for anything else.
fn unclear_html(html: &str, otherwise: Unclear) -> Option<Unclear> {
    let trimmed = html.trim();
    let comment = trimmed.starts_with("<!--")
        && trimmed.ends_with("-->")
        && trimmed.matches("-->").count() == 1;
    let name = loose(trimmed);
    if name.contains("coachnote") || name.contains("coachsnote") {
        Some(Unclear::NotesAsText)
    } else if comment {
        None
    } else {
        Some(otherwise)
    }
}

impl OpenItem {
    /// Whether text met now is the item's own: in its first paragraph, not in a
    /// block nested inside it.
    fn reads_text(&self, containers: usize, in_block: bool) -> bool {
        !in_block && self.containers == containers && self.paragraphs == 0
    }
}

/// A heading being read.
struct OpenHeading {
    start: usize,
    /// Where its first line ends.
    end: usize,
    level: HeadingLevel,
    nested: bool,
    title: String,
    decorated: bool,
}

/// Byte offsets of a text to 1-based lines and columns (columns count characters).
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, first_line: usize) -> Self {
        // About one line in 40 bytes: most bodies need no second allocation.
        let mut starts = Vec::with_capacity(text.len() / 40 + 8);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines {
            text,
            starts,
            first_line,
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let index = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[index];
        let column = self
            .text
            .get(start..offset.min(self.text.len()))
            .map_or(0, |t| t.chars().count())
            + 1;
        (index + self.first_line, column)
    }
}

/// The options every reading of a body uses, the same as the HTML renderer's, so
/// coach understands the structure exactly as what it renders.
pub const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS);

/// Parses a session body that starts on 1-based line `first_line` of its file.
/// What it cannot read for sure (a heading in a form coach does not read, a due
/// date in another form, a malformed review id) is noted in the body for the rules
/// in `validate` to report.
///
/// The body is read once by pulldown-cmark, so headings of every level and form,
/// fences, HTML blocks and indented code are understood as CommonMark defines
/// them; [`Sections`] decides which text is public. Items are kept only from the
/// check-in, agenda and commitments sections; no prose is kept.
pub fn parse_body(body: &str, first_line: usize) -> Body {
    let mut out = Body {
        // A session file has about seven headings: one allocation holds them.
        headings: Vec::with_capacity(8),
        ..Body::default()
    };
    let lines = Lines::new(body, first_line);
    let mut sections = Sections::default();
    let mut containers = 0usize;
    let mut depth = 0usize;
    let mut in_code = false;
    let mut in_table = false;
    // For each open link, its address when it is a web link.
    let mut links: Vec<Option<String>> = Vec::new();
    // An HTML block in a public section, with where it starts.
    let mut html_block: Option<(String, usize)> = None;
    let mut heading: Option<OpenHeading> = None;
    let mut items: Vec<OpenItem> = Vec::new();
    for (event, range) in Parser::new_ext(body, MARKDOWN_OPTIONS).into_offset_iter() {
        if let Some(open) = heading.as_mut() {
            match event {
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(open) = heading.take() {
                        finish_heading(body, open, &lines, &mut sections, &mut out);
                        for item in &mut items {
                            item.tainted = true;
                        }
                    }
                }
                Event::Text(text) => open.title.push_str(&text),
                Event::SoftBreak | Event::HardBreak => open.title.push(' '),
                _ => open.decorated = true,
            }
            continue;
        }
        // A line CommonMark joins to the item above though it is not indented to
        // it (a "lazy" line) is, to the coach, prose after the list: private.
        if let Some(item) = items.last_mut()
            && item.reads_text(containers, in_code || in_table)
            && matches!(
                event,
                Event::Text(_) | Event::Code(_) | Event::InlineHtml(_) | Event::Start(_)
            )
        {
            // Only a line's first text can be lazy: the position is found for it alone.
            let (line, column) = if item.after_break {
                lines.position(range.start)
            } else {
                (0, 0)
            };
            if item.after_break && item.indent.is_some_and(|indent| column < indent) {
                out.unclear.push(UnclearAt {
                    what: Unclear::LazyLine,
                    line,
                    column,
                    end_column: None,
                });
                for item in &mut items {
                    item.tainted = true;
                }
            }
            if let Some(item) = items.last_mut() {
                item.after_break = false;
            }
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let first_line = body.get(range.clone()).unwrap_or("");
                let first_line = first_line.split('\n').next().unwrap_or("").trim_end();
                heading = Some(OpenHeading {
                    start: range.start,
                    end: range.start + first_line.len(),
                    level,
                    nested: containers > 0,
                    title: String::new(),
                    decorated: false,
                });
            }
            Event::Start(Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                containers = containers.saturating_sub(1);
            }
            Event::Start(Tag::List(_)) => {
                depth += 1;
                containers += 1;
            }
            Event::End(TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
                containers = containers.saturating_sub(1);
            }
            Event::Start(Tag::Item) => items.push(OpenItem {
                depth,
                start: range.start,
                containers,
                paragraphs: 0,
                section: match sections.scope() {
                    Scope::Public(section) => Some(section),
                    Scope::Private => None,
                },
                tainted: false,
                text: String::new(),
                ticked: None,
                struck: false,
                striking: 0,
                struck_text: String::new(),
                success: None,
                indent: Some(content_column(body, range.start, &lines)),
                after_break: false,
            }),
            Event::End(TagEnd::Item) => {
                let Some(item) = items.pop() else { continue };
                let Some(section) = item.section.filter(|_| !item.tainted) else {
                    continue;
                };
                if let (Some(parent), Section::Commitments) = (items.last_mut(), section) {
                    // Only from a list directly inside the commitment: not from one in
                    // a quote or another block within it.
                    let direct =
                        item.depth == parent.depth + 1 && item.containers == parent.containers + 1;
                    let said = ["success looks like:", "success:", "success -"]
                        .iter()
                        .find_map(|p| strip_prefix_ignore_case(item.text.trim(), p));
                    if let Some(rest) = said.filter(|_| direct) {
                        // Two success lines are both kept.
                        parent.success = Some(match parent.success.take() {
                            Some(first) => format!("{first}; {}", rest.trim()),
                            None => rest.trim().to_string(),
                        });
                    }
                    continue;
                }
                finish_item(item, section, &lines, &mut out);
            }
            Event::TaskListMarker(checked) => {
                if let Some(item) = items.last_mut() {
                    item.ticked = Some(checked);
                }
            }
            Event::Start(Tag::Strikethrough) => {
                if let Some(item) = items.last_mut() {
                    item.struck = true;
                    item.striking += 1;
                }
            }
            Event::End(TagEnd::Strikethrough) => {
                if let Some(item) = items.last_mut() {
                    item.striking = item.striking.saturating_sub(1);
                }
            }
            // A web link keeps its address, after its text: "the plan (https://…)".
            Event::Start(Tag::Link { dest_url, .. }) => {
                let web = ["http://", "https://"]
                    .iter()
                    .any(|p| strip_prefix_ignore_case(&dest_url, p).is_some());
                links.push(web.then(|| dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => {
                if let (Some(Some(url)), Some(item)) = (links.pop(), items.last_mut())
                    && item.reads_text(containers, in_code || in_table)
                    && !item.text.ends_with(url.as_str())
                {
                    item.text.push_str(&format!(" ({url})"));
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Table(_)) => in_table = true,
            Event::End(TagEnd::Table) => in_table = false,
            Event::End(TagEnd::Paragraph) => {
                if let Some(item) = items.last_mut()
                    && item.containers == containers
                {
                    item.paragraphs += 1;
                }
            }
            // `Coach notes` as text (bold, code, a label, underlined after a list)
            // in a section coach reads: what follows is private.
            Event::Text(text) | Event::Code(text)
                if !in_code && is_public(&sections) && opens_notes(&text) =>
            {
                let at = lines.position(range.start);
                close_public(
                    &mut out,
                    &mut sections,
                    &mut items,
                    Unclear::NotesAsText,
                    at,
                );
            }
            // HTML in a section coach reads could hide or head what follows it as
            // a browser shows it: what follows is private. A comment is invisible
            // and allowed, unless it names the coach's notes.
            Event::Start(Tag::HtmlBlock) if is_public(&sections) => {
                html_block = Some((String::new(), range.start));
            }
            Event::Html(raw) if html_block.is_some() => {
                if let Some((block, _)) = html_block.as_mut() {
                    block.push_str(&raw);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((block, start)) = html_block.take()
                    && let Some(what) = unclear_html(&block, Unclear::HtmlInSection)
                {
                    let at = lines.position(start);
                    close_public(&mut out, &mut sections, &mut items, what, at);
                }
            }
            Event::InlineHtml(raw) if is_public(&sections) && !items.is_empty() => {
                if let Some(what) = unclear_html(&raw, Unclear::HtmlInItem) {
                    let (line, column) = lines.position(range.start);
                    out.unclear.push(UnclearAt {
                        what,
                        line,
                        column,
                        end_column: None,
                    });
                    for item in &mut items {
                        item.tainted = true;
                    }
                }
            }
            // An item's text is its first paragraph only: code, quotes, tables
            // and later paragraphs inside it are prose, never read.
            Event::Text(text) | Event::Code(text) => {
                // A private item's text is never read: it is not kept either.
                if let Some(item) = items.last_mut()
                    && item.section.is_some()
                    && item.reads_text(containers, in_code || in_table)
                {
                    item.text.push_str(&text);
                    if item.striking > 0 {
                        item.struck_text.push_str(&text);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(item) = items.last_mut()
                    && item.reads_text(containers, in_code || in_table)
                {
                    item.text.push(' ');
                    item.after_break = true;
                }
            }
            _ => {}
        }
    }
    out
}

/// Judges a heading that has been read whole, records it, and reports what is wrong.
fn finish_heading(
    body: &str,
    open: OpenHeading,
    lines: &Lines<'_>,
    sections: &mut Sections,
    out: &mut Body,
) {
    let source = body.get(open.start..).unwrap_or("");
    let shape = HeadingShape {
        title: single_spaced(open.title),
        level: open.level,
        atx: source.trim_start_matches([' ', '\t']).starts_with('#'),
        nested: open.nested,
        decorated: open.decorated,
    };
    let in_notes_before = sections.in_private_notes();
    let verdict = sections.enter(&shape);
    let (line, column) = lines.position(open.start);
    if let Some(what) = verdict.problem {
        let end = lines.position(open.end);
        out.unclear.push(UnclearAt {
            what,
            line,
            column,
            end_column: (end.0 == line && end.1 > column).then_some(end.1),
        });
    }
    if !(in_notes_before && sections.in_private_notes()) || verdict.section.is_some() {
        out.headings.push(Heading {
            title: shape.title,
            line,
            section: verdict.section,
        });
    }
}

fn finish_item(item: OpenItem, section: Section, lines: &Lines<'_>, out: &mut Body) {
    let text = single_spaced(item.text);
    let (line, column) = lines.position(item.start);
    // "- Coach notes: ..." is a label for private text, not an item to publish.
    if opens_notes(&text) {
        out.unclear.push(UnclearAt {
            what: Unclear::NotesAsText,
            line,
            column,
            end_column: None,
        });
        return;
    }
    match (section, item.depth) {
        (Section::Agenda, 1) if !text.is_empty() => out.agenda.push(text),
        (Section::Commitments, 1) if item.ticked.is_some() => {
            let (action, due) = split_due(&text);
            if action.trim().is_empty() {
                return out.unclear.push(UnclearAt {
                    what: Unclear::EmptyCommitment,
                    line,
                    column,
                    end_column: None,
                });
            }
            // Struck through as a whole (the due date aside): dropped.
            let dropped = !item.struck_text.trim().is_empty()
                && action.trim_end_matches([' ', ',', '(', '-']) == item.struck_text.trim();
            out.commitments.push(CommitmentItem {
                number: out.commitments.len() as u32 + 1,
                text: action,
                due,
                success: item.success,
                ticked: item.ticked == Some(true),
                dropped,
                line,
                column,
            });
        }
        (Section::Commitments, 1) if !text.is_empty() => out.unclear.push(UnclearAt {
            what: Unclear::ItemWithoutBox,
            line,
            column,
            end_column: None,
        }),
        // `- [x] 7.1 Ask Marcus`: a review whose id lost its brackets.
        (Section::CheckIn, 1)
            if item.ticked.is_some()
                && text
                    .split_whitespace()
                    .next()
                    .and_then(CommitmentId::parse)
                    .is_some() =>
        {
            out.unclear.push(UnclearAt {
                what: Unclear::ReviewWithoutBrackets(
                    text.split_whitespace().next().unwrap_or("").to_string(),
                ),
                line,
                column,
                end_column: None,
            });
        }
        (Section::CheckIn, 1) => {
            if let Some(id_text) = text
                .strip_prefix('(')
                .and_then(|r| r.split_once(')'))
                .map(|(id, _)| id)
            {
                match CommitmentId::parse(id_text) {
                    Some(id) => {
                        let state = if item.struck {
                            ReviewState::Dropped
                        } else if item.ticked == Some(true) {
                            ReviewState::Done
                        } else {
                            ReviewState::Open
                        };
                        out.reviews.push(ReviewItem {
                            id,
                            state,
                            line,
                            column,
                        });
                    }
                    None if id_text.contains('.') => out.unclear.push(UnclearAt {
                        what: Unclear::ReviewId(id_text.to_string()),
                        line,
                        column,
                        end_column: None,
                    }),
                    None => {}
                }
            }
        }
        _ => {}
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Words that start a date coach cannot read: month and weekday names.
const DATE_WORDS: [&str; 19] = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Splits "Do X, by 2026-02-06" into the action and its due date. A `by` followed
/// by a YYYY-MM-DD that is no real day is [`Due::Impossible`]; one followed by a
/// date in another form (`10/04/2026`, `April 10`, `Friday`) is [`Due::Unreadable`].
fn split_due(text: &str) -> (String, Due) {
    // The last "by " that starts a word: after a space or an opening bracket.
    let Some(index) = text
        .rmatch_indices("by ")
        .map(|(i, _)| i)
        .find(|&i| i > 0 && text[..i].ends_with([' ', '(']))
    else {
        return (text.to_string(), Due::Missing);
    };
    let after = &text[index + 3..];
    let raw: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
        .collect::<String>()
        .trim_end_matches('.')
        .to_string();
    let digits = raw.chars().filter(char::is_ascii_digit).count();
    let first_word = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let worded = first_word.len() >= 3
        && DATE_WORDS.iter().any(|w| first_word.starts_with(w))
        && !first_word.chars().any(|c| c.is_ascii_digit());
    let (raw, due) = if raw.len() >= 8 && raw.contains('-') && !raw.contains(['/', '.']) {
        let due = match crate::model::dates::written_plainly(&raw)
            .map_or_else(|| NaiveDate::parse_from_str(&raw, "%Y-%m-%d"), Ok)
            .ok()
            .and_then(|d| crate::model::dates::plausible(d).ok())
        {
            Some(date) => Due::On(date),
            None => Due::Impossible(raw.clone()),
        };
        (raw, due)
    } else if digits >= 2 && raw.contains(['/', '.', '-']) {
        (raw.clone(), Due::Unreadable(raw))
    } else if worded {
        // "by April 10", "by Friday": the date as written, up to a comma or bracket.
        let written = after
            .split([',', ')', ';'])
            .next()
            .unwrap_or("")
            .trim_end_matches('.')
            .trim()
            .to_string();
        (written.clone(), Due::Unreadable(written))
    } else {
        return (text.to_string(), Due::Missing);
    };
    // "Call Sam, by 2026-02-06", "Call Sam (by 2026-02-06)", "Call Sam - by 2026-02-06."
    let action = text[..index]
        .trim_end_matches([' ', ',', '(', '-', ':', ';'])
        .to_string();
    let rest = after
        .get(raw.len()..)
        .unwrap_or("")
        .trim_start_matches([')', '.', ' '])
        .trim();
    let action = if rest.is_empty() || rest == "." {
        action
    } else if rest.starts_with('(') {
        format!("{action} {rest}")
    } else {
        format!("{action} ({rest})")
    };
    (action, due)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "\n## Check-in\nCommitments from session 1:\n- [x] (1.1) Map the ELT's decision rights\n- [ ] (1.2) Ask two peers\n- [ ] ~~(1.3) Rewrite the deck~~\n\n## Agenda\n- A peer runs over her\n\n## Core work\nSECRET prose.\n- [ ] not a commitment, by 2026-01-01\n\n## Commitments\n- [ ] Talk directly with Sam before the next ELT, by 2026-02-06\n  - Success: we agree how agenda time is shared\n- [x] Stop over-explaining, by 2026-02-09\n- [ ] Reflect on energy\n\n## Coach notes\n- [ ] (9.9) private\n";

    fn parsed() -> Body {
        parse_body(BODY, 10)
    }

    #[test]
    fn reads_commitments_with_due_dates_and_success() {
        let body = parsed();
        assert!(body.unclear.is_empty(), "{:?}", body.unclear);
        assert_eq!(body.commitments.len(), 3);
        let first = &body.commitments[0];
        assert_eq!(first.text, "Talk directly with Sam before the next ELT");
        assert_eq!(first.due.date(), NaiveDate::from_ymd_opt(2026, 2, 6));
        assert_eq!(
            first.success.as_deref(),
            Some("we agree how agenda time is shared")
        );
        assert_eq!(first.line, 25);
        assert!(body.commitments[1].ticked);
        assert_eq!(body.commitments[2].due, Due::Missing);
    }

    #[test]
    fn reads_reviews_in_the_check_in_only() {
        let body = parsed();
        let states: Vec<_> = body
            .reviews
            .iter()
            .map(|r| (r.id.to_string(), r.state))
            .collect();
        assert_eq!(
            states,
            vec![
                ("1.1".to_string(), ReviewState::Done),
                ("1.2".to_string(), ReviewState::Open),
                ("1.3".to_string(), ReviewState::Dropped)
            ]
        );
        assert_eq!(body.reviews[0].line, 13);
    }

    #[test]
    fn keeps_headings_and_agenda_but_no_prose() {
        let body = parsed();
        let titles: Vec<_> = body.headings.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Check-in",
                "Agenda",
                "Core work",
                "Commitments",
                "Coach notes"
            ]
        );
        assert_eq!(body.agenda, ["A peer runs over her"]);
        assert!(!format!("{body:?}").contains("SECRET"));
        assert!(!format!("{body:?}").contains("private"));
    }

    #[test]
    fn headings_in_code_fences_do_not_start_sections() {
        let body = parse_body(
            "## Core work\n```\n## Commitments\n- [ ] not one, by 2026-01-01\n```\n## Commitments ##\n- [ ] real, by 2026-01-02\n",
            1,
        );
        assert_eq!(body.commitments.len(), 1);
        assert_eq!(body.commitments[0].text, "real");
        assert_eq!(body.headings[1].title, "Commitments");
        assert_eq!(body.headings[1].line, 6);
    }

    #[test]
    fn due_dates_in_brackets_or_after_a_dash_are_read() {
        let body = parse_body(
            "## Commitments\n- [ ] Call Sam (by 2026-02-06)\n- [ ] Write the memo - by 2026-02-07.\n- [ ] Ask Keiko, by 2026-02-08 at the latest\n",
            1,
        );
        let read: Vec<_> = body
            .commitments
            .iter()
            .map(|c| (c.text.as_str(), c.due.date().map(|d| d.to_string())))
            .collect();
        assert_eq!(
            read,
            [
                ("Call Sam", Some("2026-02-06".to_string())),
                ("Write the memo", Some("2026-02-07".to_string())),
                ("Ask Keiko (at the latest)", Some("2026-02-08".to_string()))
            ]
        );
    }

    #[test]
    fn an_impossible_due_date_is_reported() {
        let body = parse_body("## Commitments\n- [ ] Call Sam, by 2026-02-30\n", 5);
        assert_eq!(
            body.commitments[0].due,
            Due::Impossible("2026-02-30".into())
        );
        assert_eq!(
            (body.commitments[0].line, body.commitments[0].column),
            (6, 1)
        );
    }

    #[test]
    fn a_due_date_in_another_form_is_unreadable_not_missing() {
        let body = parse_body(
            "## Commitments\n- [ ] Call Sam, by 10/04/2026\n- [ ] Write, by April 10\n- [ ] Ask, by Friday.\n- [ ] Reflect by journaling\n- [ ] Plan, by 2026.04.10\n",
            1,
        );
        let dues: Vec<&Due> = body.commitments.iter().map(|c| &c.due).collect();
        assert_eq!(
            dues,
            [
                &Due::Unreadable("10/04/2026".into()),
                &Due::Unreadable("April 10".into()),
                &Due::Unreadable("Friday".into()),
                &Due::Missing,
                &Due::Unreadable("2026.04.10".into()),
            ]
        );
        assert_eq!(body.commitments[0].text, "Call Sam");
    }

    /// The commitments and agenda items read from `body`, and whether a heading or
    /// `Coach notes` was found written in a form that refuses the artefacts.
    fn read(body: &str) -> (Vec<String>, bool) {
        let parsed = parse_body(body, 1);
        let mut texts: Vec<String> = parsed.commitments.into_iter().map(|c| c.text).collect();
        texts.extend(parsed.agenda);
        texts.extend(parsed.reviews.into_iter().map(|r| r.id.to_string()));
        let refused = parsed.unclear.iter().any(|u| {
            matches!(
                u.what,
                Unclear::HeadingForm { .. }
                    | Unclear::HeadingInContainer { .. }
                    | Unclear::NotesAsText
                    | Unclear::HtmlInSection
                    | Unclear::HtmlInItem
            )
        });
        (texts, refused)
    }

    #[test]
    fn coach_notes_in_any_form_stay_private_and_are_errors() {
        for notes in [
            "Coach notes\n-----------\n",
            "Coach notes\n===\n",
            "# Coach notes\n",
            "### Coach notes\n",
            "## **Coach notes**\n",
            "- ## Coach notes\n",
        ] {
            let body = format!(
                "## Commitments\n- [ ] Real, by 2026-01-02\n\n{notes}- [ ] SECRET task, by 2026-01-01\n\nSECRET prose\n"
            );
            let (texts, error) = read(&body);
            assert_eq!(texts, ["Real"], "{notes:?}");
            assert!(error, "{notes:?} is reported");
        }
    }

    #[test]
    fn coach_notes_as_text_make_the_rest_private() {
        for notes in [
            "- [ ] Real, by 2026-01-02\nCoach notes\n---\n- [ ] SECRET, by 2026-01-01\n",
            "- [ ] Real, by 2026-01-02\n\n**Coach notes**\n- [ ] SECRET, by 2026-01-01\n",
        ] {
            let (texts, error) = read(&format!("## Commitments\n{notes}"));
            assert!(
                texts.iter().all(|t| !t.contains("SECRET")),
                "{notes:?}: {texts:?}"
            );
            assert!(error, "{notes:?}");
        }
    }

    #[test]
    fn canonical_coach_notes_are_private_without_error() {
        let (texts, error) =
            read("## Agenda\n- Real\n\n## Coach notes\n- SECRET\n### Agenda\n- SECRET2\n");
        assert_eq!(texts, ["Real"]);
        assert!(!error);
    }

    #[test]
    fn fences_html_blocks_and_indented_code_do_not_open_sections() {
        for wrapper in [
            "````\n```\n## Agenda\n- SECRET\n````\n",
            "~~~~\n~~~\n## Agenda\n- SECRET\n~~~~\n",
            "<div>\n## Agenda\n- SECRET\n</div>\n",
            "    ## Agenda\n    - SECRET\n",
            "<!--\n## Agenda\n- SECRET\n-->\n",
        ] {
            let body = format!("## Core work\n{wrapper}\n## Close\nDone.\n");
            let (texts, _) = read(&body);
            assert!(texts.is_empty(), "{wrapper:?} gave {texts:?}");
        }
    }

    #[test]
    fn text_before_any_heading_or_under_other_headings_is_private() {
        let (texts, _) =
            read("- [ ] SECRET, by 2026-01-01\n## Notes\n- [ ] SECRET2, by 2026-01-01\n");
        assert!(texts.is_empty(), "{texts:?}");
    }

    #[test]
    fn a_heading_inside_an_item_drops_the_item() {
        let (texts, error) =
            read("## Commitments\n- [ ] Do it, by 2026-01-01\n  ### Later\n  SECRET\n");
        assert!(texts.is_empty(), "{texts:?}");
        assert!(error);
    }

    #[test]
    fn only_an_item_s_first_paragraph_is_its_text() {
        let body = "## Agenda\n- item\n\n  ```\n  SECRET fenced\n  ```\n\n      SECRET indented\n\n  > SECRET quote\n\n  SECRET second paragraph\n\n  | a |\n  |---|\n  | SECRET cell |\n\n## Commitments\n- [ ] Write it, by 2026-03-31\n\n  ```\n  SECRET in commitment\n  ```\n";
        let (texts, _) = read(body);
        assert_eq!(texts, ["Write it", "item"]);
    }

    #[test]
    fn an_item_labelled_coach_notes_is_dropped_and_reported() {
        for label in [
            "Coach notes: SECRET",
            "Coach note: SECRET",
            "Coach's notes: SECRET",
            "Соach nоtes: SECRET",
            "Ｃoach notes: SECRET",
        ] {
            let (texts, refused) = read(&format!("## Agenda\n- Real\n- {label}\n- After\n"));
            assert_eq!(texts, ["Real"], "{label}");
            assert!(refused, "{label}");
        }
    }

    #[test]
    fn html_in_a_public_section_closes_it_and_html_in_an_item_drops_it() {
        for html in [
            "<h2>Coach notes</h2>",
            "<details><summary>x</summary>",
            "<p>Coach notes</p>",
            "<!-- Coach notes -->",
            "`## Coach notes`",
        ] {
            let (texts, refused) = read(&format!(
                "## Commitments\n- [ ] Real, by 2026-01-02\n\n{html}\n\n- [ ] SECRET, by 2026-01-01\n"
            ));
            assert_eq!(texts, ["Real"], "{html}");
            assert!(refused, "{html}");
        }
        let body = parse_body(
            "## Agenda\n- Fourth <span hidden>SECRET</span>\n- Plain\n<!-- a comment -->\n- After\n",
            1,
        );
        assert_eq!(body.agenda, ["Plain", "After"]);
        assert!(body.unclear.iter().any(|u| u.what == Unclear::HtmlInItem));
    }

    #[test]
    fn success_comes_only_from_a_list_directly_inside_the_commitment() {
        let body = parse_body(
            "## Commitments\n- [ ] One, by 2026-03-24\n  > - Success: SECRET\n- [ ] Two, by 2026-03-30\n  - Success: shown\n",
            1,
        );
        let success: Vec<Option<&str>> = body
            .commitments
            .iter()
            .map(|c| c.success.as_deref())
            .collect();
        assert_eq!(success, [None, Some("shown")]);
    }

    #[test]
    fn a_web_link_in_an_item_keeps_its_address() {
        let body = parse_body(
            "## Agenda\n- The [capacity plan](https://docs.example/plan) draft\n- <https://docs.example/x>\n- [local](notes.md)\n",
            1,
        );
        assert_eq!(
            body.agenda,
            [
                "The capacity plan (https://docs.example/plan) draft",
                "https://docs.example/x",
                "local"
            ]
        );
    }

    #[test]
    fn a_commitment_struck_through_as_a_whole_is_dropped() {
        let body = parse_body(
            "## Commitments\n- [ ] ~~Call Sam~~, by 2026-03-09\n- [ ] Call ~~Sam~~ Priya, by 2026-03-09\n- [ ] Call Sam\n",
            1,
        );
        let dropped: Vec<bool> = body.commitments.iter().map(|c| c.dropped).collect();
        assert_eq!(dropped, [true, false, false]);
    }
}
