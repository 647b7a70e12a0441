//! The rules of a session body: what the parser could not read for sure, due
//! dates, headings that look misspelt, and a held session without commitments.

use std::path::Path;

use crate::codes;
use crate::error::Diagnostic;
use crate::model::body::{Body, Due, Section, Unclear, loose_eq};
use crate::model::session::{Session, SessionStatus};
use crate::suggest;

/// The intake's own `##` headings: private prose, known so they are not taken for
/// misspellings. The sections coach reads are [`Section::ALL`].
const INTAKE_HEADINGS: &[&str] = &[
    "Goals",
    "Context",
    "Assessment debrief",
    "Coaching agreement",
    "Objectives",
];

/// Every problem of a session's body.
pub fn body(session: &Session, problems: &mut Vec<Diagnostic>) {
    let path = session.path.as_path();
    unclear(path, &session.body, problems);
    due_dates(session, problems);
    headings(path, &session.body, problems);
    if session.status == SessionStatus::Held && !session.body.has_commitments_section() {
        problems.push(Diagnostic::new(
            codes::HELD_WITHOUT_COMMITMENTS,
            path,
            None,
            "held session without a `## Commitments` section: its commitments, if any, are not read",
        ));
    }
}

fn unclear(path: &Path, body: &Body, problems: &mut Vec<Diagnostic>) {
    for at in &body.unclear {
        let (code, message) = match &at.what {
            Unclear::HeadingForm { written, section } => (
                codes::HEADING_FORM,
                format!(
                    "heading `{written}` names a section in a form coach does not read: write it as `## {}`{}",
                    section.title(),
                    if *section == Section::CoachNotes {
                        " (until then what follows it is kept private)"
                    } else {
                        " (until then what follows it is not read)"
                    }
                ),
            ),
            Unclear::HeadingInContainer { written, section } => (
                codes::HEADING_IN_CONTAINER,
                format!(
                    "heading `{written}` inside a list item or quote of `## {}`: coach cannot tell which section the text belongs to",
                    section.title()
                ),
            ),
            Unclear::SubheadingNotRead { written, section } => (
                codes::SUBHEADING_NOT_READ,
                format!(
                    "text under `{written}` is not read as part of `## {}`: coach reads only what sits directly under the section's heading",
                    section.title()
                ),
            ),
            Unclear::NotesAsText => (
                codes::NOTES_AS_TEXT,
                "`Coach notes` here is text, not the heading `## Coach notes`: everything after it is kept private until the next `##` heading".to_string(),
            ),
            Unclear::ReviewId(text) => (
                codes::BAD_REVIEW_ID,
                format!("`({text})` is not a commitment id"),
            ),
            Unclear::HtmlInSection => (
                codes::HTML_IN_SECTION,
                "HTML in a section coach reads could hide or head what follows it, so coach reads nothing after it until the next heading".to_string(),
            ),
            Unclear::HtmlInItem => (
                codes::HTML_IN_ITEM,
                "HTML inside an item could hide part of it, so coach does not read the item".to_string(),
            ),
            Unclear::LazyLine => (
                codes::LAZY_LINE,
                "this line is not indented, yet CommonMark joins it to the item above; coach does not read that item, as the line may be private prose".to_string(),
            ),
            Unclear::ReviewWithoutBrackets(id) => (
                codes::BAD_REVIEW_ID,
                format!("this review of {id} is not read: write the id in brackets, `({id})`"),
            ),
            Unclear::EmptyCommitment => (
                codes::EMPTY_COMMITMENT,
                "this commitment has no text, so it is not read".to_string(),
            ),
            Unclear::ItemWithoutBox => (
                codes::ITEM_WITHOUT_BOX,
                "this item under `## Commitments` is not a task item (`- [ ] ` with a space after the box), so it is not read as a commitment".to_string(),
            ),
        };
        let diagnostic = Diagnostic::new(code, path, Some((at.line, at.column)), message);
        problems.push(match at.end_column {
            Some(end) => diagnostic.until(end),
            None => diagnostic,
        });
    }
}

fn due_dates(session: &Session, problems: &mut Vec<Diagnostic>) {
    let path = session.path.as_path();
    for item in session
        .body
        .commitments
        .iter()
        .filter(|item| !matches!(item.due, Due::On(_)))
    {
        let at = Some((item.line, item.column));
        let id = format!("{}.{}", session.number, item.number);
        match &item.due {
            Due::On(_) => {}
            Due::Missing => problems.push(Diagnostic::new(
                codes::NO_DUE_DATE,
                path,
                at,
                if has_iso_date(&item.text) {
                    format!("commitment {id} has no due date: write `, by` before its date")
                } else {
                    format!("commitment {id} has no due date")
                },
            )),
            Due::Impossible(raw) => problems.push(Diagnostic::new(
                codes::IMPOSSIBLE_DUE_DATE,
                path,
                at,
                format!("commitment {id} is due `{raw}`, a day that does not exist"),
            )),
            Due::Unreadable(raw) => problems.push(Diagnostic::new(
                codes::UNREADABLE_DUE_DATE,
                path,
                at,
                format!(
                    "commitment {id} is due `{raw}`, which coach cannot read: it expects YYYY-MM-DD{}",
                    iso_reading(raw)
                ),
            )),
        }
    }
}

/// Whether `text` holds a YYYY-MM-DD date (written without `by` before it).
fn has_iso_date(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_digit() || c == '-'))
        .any(|word| chrono::NaiveDate::parse_from_str(word, "%Y-%m-%d").is_ok())
}

/// The ISO dates a date in another form can mean, for the message: one when only
/// one reading is a real day (`23/01/2026`), both when it is ambiguous.
fn iso_reading(raw: &str) -> String {
    let parts: Vec<u32> = raw
        .split(['/', '.', '-'])
        .filter_map(|p| p.parse().ok())
        .collect();
    let date = |y: u32, m: u32, d: u32| {
        chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d).map(|d| d.to_string())
    };
    let readings: Vec<String> = match parts.as_slice() {
        [y, m, d] if *y > 31 => date(*y, *m, *d).into_iter().collect(),
        [a, b, y] if *y > 31 => {
            let mut both: Vec<String> = date(*y, *b, *a)
                .into_iter()
                .chain(date(*y, *a, *b))
                .collect();
            both.dedup();
            both
        }
        _ => Vec::new(),
    };
    match readings.as_slice() {
        [one] => format!(", such as `{one}`"),
        [first, second] => format!(", such as `{first}` or `{second}` (which one is meant?)"),
        _ => String::new(),
    }
}

/// A misspelt heading would hide what is under it (commitments under `## Comitments`
/// are never read). A known section written in another form is unclear already.
fn headings(path: &Path, body: &Body, problems: &mut Vec<Diagnostic>) {
    let known = || {
        Section::ALL
            .iter()
            .map(|(_, title)| *title)
            .chain(INTAKE_HEADINGS.iter().copied())
    };
    for heading in &body.headings {
        let known_section = heading.section.is_some() || Section::named(&heading.title).is_some();
        if known_section || INTAKE_HEADINGS.iter().any(|t| loose_eq(t, &heading.title)) {
            continue;
        }
        if let Some(near) = suggest::closest(&heading.title, known()) {
            problems.push(Diagnostic::new(
                codes::MISSPELT_HEADING,
                path,
                Some((heading.line, 1)),
                format!(
                    "heading `{}` looks like `{near}`: coach reads only `## {near}`",
                    heading.title
                ),
            ));
        }
    }
}
