//! Property tests for the parsers and the schedule: arbitrary input never panics,
//! valid input round-trips.

use std::path::Path;

use chrono::NaiveDate;
use coach::model::engagement::Engagement;
use coach::model::schedule::{SlotState, schedule};
use coach::model::session::SessionKind;
use coach::parse::{frontmatter, markdown};
use proptest::prelude::*;

fn date() -> impl Strategy<Value = NaiveDate> {
    (2020i32..2035, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a real day"))
}

fn words() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9']{0,8}( [A-Za-z0-9']{1,8}){0,6}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_parses_without_panicking(text in any::<String>()) {
        let mut problems = Vec::new();
        let _ = coach::load::parse_session(Path::new("s.md"), &text, &mut problems);
        let _ = coach::load::parse_engagement(Path::new("e.yaml"), &text, &mut problems);
        let _ = markdown::parse_body(&text, 1);
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = coach::fsio::decode_text(Path::new("s.md"), bytes);
    }

    #[test]
    fn front_matter_round_trips(yaml_lines in proptest::collection::vec("[a-z]{1,8}: [a-z0-9 ]{0,12}", 0..6), body in "[^\\r]{0,200}") {
        let yaml: String = yaml_lines.iter().map(|l| format!("{l}\n")).collect();
        let text = format!("---\n{yaml}---\n{body}");
        let split = frontmatter::split(Path::new("s.md"), &text).expect("a closed front matter");
        prop_assert_eq!(split.yaml, yaml.as_str());
        prop_assert_eq!(split.body, body.as_str());
        prop_assert_eq!(split.body_first_line, yaml_lines.len() + 3);
    }

    #[test]
    fn commitments_round_trip(items in proptest::collection::vec((words(), date(), proptest::option::of(words()), any::<bool>()), 1..6)) {
        let mut body = String::from("## Commitments\n");
        for (text, due, success, ticked) in &items {
            body.push_str(&format!("- [{}] {text}, by {due}\n", if *ticked { "x" } else { " " }));
            if let Some(success) = success {
                body.push_str(&format!("  - Success: {success}\n"));
            }
        }
        let parsed = markdown::parse_body(&body, 1);
        prop_assert!(parsed.unclear.is_empty());
        prop_assert_eq!(parsed.commitments.len(), items.len());
        for (item, (text, due, success, ticked)) in parsed.commitments.iter().zip(&items) {
            prop_assert_eq!(&item.text, &text.split_whitespace().collect::<Vec<_>>().join(" "));
            prop_assert_eq!(item.due.date(), Some(*due));
            prop_assert_eq!(item.success.as_deref(), success.as_deref().map(str::trim));
            prop_assert_eq!(item.ticked, *ticked);
        }
    }

    #[test]
    fn the_schedule_fills_the_package_in_order(
        size in 1u32..40,
        start in date(),
        cadence in prop::sample::select(vec!["weekly", "biweekly", "monthly"]),
        changes in proptest::collection::vec((1i64..400, prop::sample::select(vec!["weekly", "biweekly", "monthly"])), 0..3),
    ) {
        let mut yaml = format!("client: {{name: D}}\ncoach: {{name: A}}\npackage: custom\nsessions: {size}\nstart: {start}\ntimezone: UTC\ncadence: {cadence}\ncadence_changes:\n");
        for (offset, c) in &changes {
            yaml.push_str(&format!("  - {{from: {}, cadence: {c}}}\n", start + chrono::Days::new(*offset as u64)));
        }
        let engagement: Engagement = serde_saphyr::from_str(&yaml).expect("valid engagement");
        let slots = schedule(&engagement, &[]);
        prop_assert_eq!(slots.len() as u32, size);
        prop_assert_eq!(slots[0].date, start);
        prop_assert!(slots.windows(2).all(|w| w[0].date < w[1].date));
        prop_assert!(slots.iter().all(|s| s.state == SlotState::ToBeScheduled));
        prop_assert_eq!(slots[0].kind, SessionKind::Intake);
        if size >= 2 {
            prop_assert_eq!(slots[size as usize - 1].kind, SessionKind::Closing);
        }
        let midpoints = slots.iter().filter(|s| s.kind == SessionKind::Midpoint).count();
        prop_assert_eq!(midpoints, usize::from(size >= 3));
    }
}

/// One heading of a generated body: its title, level, form and container.
#[derive(Debug, Clone)]
struct GeneratedHeading {
    title: &'static str,
    level: usize,
    setext: bool,
    container: &'static str,
}

impl GeneratedHeading {
    fn render(&self) -> String {
        if self.setext && self.level <= 2 {
            let rule = if self.level == 1 { "===" } else { "---" };
            // The underline continues the container: a list item's is indented.
            let continuation = self.container.replace('-', " ");
            format!("{}{}\n{continuation}{rule}\n", self.container, self.title)
        } else {
            format!(
                "{}{} {}\n",
                self.container,
                "#".repeat(self.level),
                self.title
            )
        }
    }

    /// The oracle, written apart from the parser: is this the file format's own
    /// form of a public section?
    fn opens_public(&self) -> bool {
        ["Check-in", "Agenda", "Commitments"].contains(&self.title)
            && self.level == 2
            && !self.setext
            // Up to three spaces of indentation is the same heading to CommonMark.
            && self.container.trim().is_empty()
    }

    fn is_notes(&self) -> bool {
        self.title
            .to_lowercase()
            .replace('*', "")
            .starts_with("coach notes")
    }
}

fn generated_heading() -> impl Strategy<Value = GeneratedHeading> {
    (
        prop::sample::select(vec![
            "Check-in",
            "Agenda",
            "Commitments",
            "Core work",
            "Close",
            "Coach notes",
            "coach Notes",
            "**Coach notes**",
            "Notes",
            "Later",
            "Agenda:",
        ]),
        1usize..=6,
        any::<bool>(),
        prop::sample::select(vec!["", "", "", "- ", "> ", "  "]),
    )
        .prop_map(|(title, level, setext, container)| GeneratedHeading {
            title,
            level,
            setext,
            container,
        })
}

/// Content that is private wherever it stands: code, HTML and comments.
fn private_wrapper(kind: usize, fence_length: usize, canary: &str) -> String {
    let fence = |c: &str| c.repeat(fence_length);
    match kind {
        0 => format!(
            "{}\n{}\n## Agenda\n- [ ] {canary}, by 2026-01-01\n{}\n",
            fence("`"),
            fence("`").get(1..).unwrap_or(""),
            fence("`")
        ),
        1 => format!(
            "{}\n## Commitments\n- {canary}\n{}\n",
            fence("~"),
            fence("~")
        ),
        2 => format!("<div>\n## Agenda\n- {canary}\n</div>\n"),
        3 => format!("<!--\n## Commitments\n- [ ] {canary}, by 2026-01-01\n-->\n"),
        _ => format!("\n    ## Agenda\n    - [ ] {canary}, by 2026-01-01\n"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Random bodies of headings in every level and form, fences of every length,
    /// HTML blocks and indented code: no canary from a private place is read.
    #[test]
    fn no_private_text_is_ever_read(
        blocks in proptest::collection::vec(
            (generated_heading(), 0usize..5, 3usize..7, any::<bool>()),
            1..8,
        ),
        preamble in any::<bool>(),
    ) {
        let mut body = String::new();
        if preamble {
            body.push_str("- [ ] PRIVATE-PRE, by 2026-01-01\n- PRIVATE-PRE2\n\n");
        }
        // The oracle's own account of coach-notes scope: the notes heading's level.
        let mut notes_level: Option<usize> = None;
        for (index, (heading, wrapper, fence_length, wrap)) in blocks.iter().enumerate() {
            let level = if heading.setext { heading.level.min(2) } else { heading.level };
            if notes_level.is_some_and(|l| level <= l) {
                notes_level = None;
            }
            if heading.is_notes() && notes_level.is_none() {
                notes_level = Some(level);
            }
            let public = notes_level.is_none() && heading.opens_public();
            let tag = if public { "PUBLIC" } else { "PRIVATE" };
            body.push('\n');
            body.push_str(&heading.render());
            body.push_str(&format!("- [ ] {tag}-{index}, by 2026-01-01\n- {tag}-{index}b\n- [x] (1.{index}) {tag}-{index}c\n\n"));
            if *wrap {
                body.push_str(&private_wrapper(*wrapper, *fence_length, &format!("PRIVATE-W{index}")));
            }
        }
        let parsed = markdown::parse_body(&body, 1);
        let read: Vec<String> = parsed
            .commitments
            .iter()
            .map(|c| c.text.clone())
            .chain(parsed.agenda.iter().cloned())
            .chain(parsed.reviews.iter().map(|r| format!("review {} at line {}", r.id, r.line)))
            .collect();
        let leaked: Vec<&String> = read.iter().filter(|t| t.contains("PRIVATE")).collect();
        prop_assert!(leaked.is_empty(), "{leaked:?} read from:\n{body}");
        let private_lines: Vec<usize> = body
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("PRIVATE"))
            .map(|(i, _)| i + 1)
            .collect();
        for review in &parsed.reviews {
            prop_assert!(!private_lines.contains(&review.line), "review at line {} of:\n{body}", review.line);
        }
    }
}

/// The front-matter split as a plain reading of the format: the first line is
/// `---`, and the first later line that is `---` (spaces after it allowed)
/// closes it. The parser finds the fence with memchr; both must agree.
fn split_by_lines(text: &str) -> Option<(&str, &str, usize)> {
    let mut lines = text.split_inclusive('\n');
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let start = text.find('\n')? + 1;
    let mut offset = start;
    for (index, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            return Some((
                &text[start..offset],
                &text[offset + line.len()..],
                index + 3,
            ));
        }
        offset += line.len();
    }
    None
}

fn fence_like_line() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "---",
        "--- ",
        "---\t",
        "---\u{a0}",
        "----",
        " ---",
        "---x",
        "...",
        "",
        "a: 1",
        "title: --- here",
        "- item",
        "## Agenda",
        "---\u{2003}",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn single_spacing_is_the_words_split_whitespace_finds(
        text in "[ \t\n\u{b}\u{c}\r\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}aZé中½-]{0,40}",
        other in any::<String>(),
    ) {
        for text in [text, other] {
            prop_assert_eq!(
                coach::printable::single_spaced(text.clone()),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn the_closing_fence_is_the_first_line_of_three_dashes(
        lines in proptest::collection::vec(fence_like_line(), 0..8),
        end_with_newline in any::<bool>(),
    ) {
        let mut text = format!("---\n{}", lines.join("\n"));
        if end_with_newline {
            text.push('\n');
        }
        let split = frontmatter::split(Path::new("s.md"), &text)
            .ok()
            .map(|s| (s.yaml, s.body, s.body_first_line));
        prop_assert_eq!(split, split_by_lines(&text));
    }
}

/// What a terminal may be shown, character by character: the plain reading of
/// `printable::terminal`'s rule, which skips runs of printable ASCII.
fn escaped_for_terminal(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if c.is_control() || coach::printable::is_invisible(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn terminal_text_escapes_exactly_the_controls_and_invisibles(
        text in "[a-z \t\n\r\u{0}\u{7}\u{1b}\u{7f}\u{85}\u{9b}\u{ad}\u{200b}\u{202e}\u{2028}\u{feff}é中]{0,40}",
        other in any::<String>(),
    ) {
        for text in [text, other] {
            let shown = coach::printable::terminal(&text);
            prop_assert_eq!(shown.as_ref(), escaped_for_terminal(&text));
            prop_assert_eq!(matches!(shown, std::borrow::Cow::Borrowed(_)), shown == text);
        }
    }
}
