//! Checks that span more than one value: ranges, references between files,
//! file names, and commitments without a due date.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::Diagnostic;
use crate::load::locate;
use crate::model::commitment::CommitmentId;
use crate::model::engagement::Engagement;
use crate::model::schedule;
use crate::model::session::{Session, SessionKind, SessionStatus};
use crate::parse::sections::{Section, loose};
use crate::parse::suggest::did_you_mean;

/// Problems in engagement.yaml that its types cannot express.
pub fn engagement(
    path: &Path,
    text: &str,
    engagement: &Engagement,
    problems: &mut Vec<Diagnostic>,
) {
    for (key, message) in engagement.semantic_problems() {
        problems.push(Diagnostic::error(path, locate(text, 1, &key), message));
    }
    for (index, line) in text.lines().enumerate() {
        let value = line.split('#').next().unwrap_or("");
        if let Some(column) = value.find("TODO") {
            problems.push(Diagnostic::warning(
                path,
                Some((index + 1, value[..column].chars().count() + 1)),
                "still a placeholder: replace TODO with the real value",
            ));
        }
    }
    let mut previous = None;
    for change in &engagement.cadence_changes {
        if change.from < engagement.start {
            problems.push(Diagnostic::warning(
                path,
                locate(text, 1, &change.from.to_string()),
                format!(
                    "cadence change from {} is before the start ({})",
                    change.from, engagement.start
                ),
            ));
        }
        if previous.is_some_and(|p| p > change.from) {
            problems.push(Diagnostic::warning(
                path,
                locate(text, 1, &change.from.to_string()),
                "cadence changes are not in date order",
            ));
        }
        previous = Some(change.from);
    }
}

/// The highest session number coach accepts (file names keep two or three digits).
pub const MAX_SESSION_NUMBER: u32 = 999;

/// Problems within one session file, given the engagement when it parsed.
pub fn session_alone(
    session: &Session,
    engagement: Option<&Engagement>,
    yaml: &str,
    first_line: usize,
    problems: &mut Vec<Diagnostic>,
) {
    let path = session.path.as_path();
    let at = |token: &str| locate(yaml, first_line, token);
    if !(1..=MAX_SESSION_NUMBER).contains(&session.number) {
        problems.push(Diagnostic::error(
            path,
            at("session"),
            format!(
                "session {} is out of range: sessions are numbered from 1 to {MAX_SESSION_NUMBER}",
                session.number
            ),
        ));
    }
    if let Some(alliance) = session.alliance
        && !(1..=10).contains(&alliance)
    {
        problems.push(Diagnostic::error(
            path,
            at("alliance"),
            format!("alliance is {alliance}: the rating runs from 1 to 10"),
        ));
    }
    if let Some(minutes) = session.minutes
        && !(15..=180).contains(&minutes)
    {
        problems.push(Diagnostic::error(
            path,
            at("minutes"),
            format!("minutes is {minutes}: a session lasts 45 to 90 minutes"),
        ));
    }
    check_file_name(session, problems);
    check_headings(session, problems);
    for item in &session.body.commitments {
        if !item.due_written {
            problems.push(Diagnostic::warning(
                path,
                Some((item.line, 1)),
                format!(
                    "commitment {}.{} has no due date: end it with `, by YYYY-MM-DD`",
                    session.number, item.number
                ),
            ));
        }
    }
    let Some(engagement) = engagement else { return };
    let objective_ids: Vec<&str> = engagement
        .objectives
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    for id in session.focus.iter().chain(session.progress.keys()) {
        if engagement.objective(id).is_none() {
            problems.push(Diagnostic::error(
                path,
                at(id),
                format!(
                    "unknown objective `{id}`{} (engagement.yaml has: {})",
                    did_you_mean(id, objective_ids.iter().copied()),
                    list_or_none(&objective_ids)
                ),
            ));
        }
    }
    let measure_ids: Vec<&str> = engagement.measures().map(|(_, m)| m.id.as_str()).collect();
    for (id, value) in &session.measures {
        if !measure_ids.contains(&id.as_str()) {
            problems.push(Diagnostic::error(
                path,
                at(id),
                format!(
                    "unknown measure `{id}`{} (engagement.yaml has: {})",
                    did_you_mean(id, measure_ids.iter().copied()),
                    list_or_none(&measure_ids)
                ),
            ));
        } else if !value.is_finite() {
            problems.push(Diagnostic::error(
                path,
                at(id),
                format!("reading of `{id}` is not a number"),
            ));
        }
    }
    if session.date < engagement.start {
        problems.push(Diagnostic::warning(
            path,
            at("date"),
            format!(
                "session date {} is before the engagement's start ({})",
                session.date, engagement.start
            ),
        ));
    }
}

/// The intake's own `##` headings: private prose, known so they are not taken for
/// misspellings. The sections coach reads are [`Section::ALL`].
const INTAKE_HEADINGS: &[&str] = &[
    "Goals",
    "Context",
    "Assessment debrief",
    "Coaching agreement",
    "Objectives",
];

/// A misspelt heading would hide what is under it (commitments under `## Comitments`
/// are never read), so near misses and a held session without commitments are
/// flagged. A known section written in another form is the parser's error already.
fn check_headings(session: &Session, problems: &mut Vec<Diagnostic>) {
    let path = session.path.as_path();
    let known = || {
        Section::ALL
            .iter()
            .map(|(_, title)| *title)
            .chain(INTAKE_HEADINGS.iter().copied())
    };
    for heading in &session.body.headings {
        let name = loose(&heading.title);
        if Section::named(&heading.title).is_some() || known().any(|k| loose(k) == name) {
            continue;
        }
        if let Some(near) = crate::parse::suggest::closest(&heading.title, known()) {
            problems.push(Diagnostic::warning(
                path,
                Some((heading.line, 1)),
                format!(
                    "heading `{}` looks like `{near}`: coach reads only `## {near}`",
                    heading.title
                ),
            ));
        }
    }
    let has_commitments = session
        .body
        .headings
        .iter()
        .any(|h| h.section == Some(Section::Commitments));
    if session.status == SessionStatus::Held && !has_commitments {
        problems.push(Diagnostic::warning(
            path,
            None,
            "held session without a `## Commitments` section: its commitments, if any, are not read",
        ));
    }
}

fn list_or_none(ids: &[&str]) -> String {
    if ids.is_empty() {
        "none".to_string()
    } else {
        ids.join(", ")
    }
}

/// The file name must be `NN-YYYY-MM-DD.md` and agree with the front matter.
fn check_file_name(session: &Session, problems: &mut Vec<Diagnostic>) {
    let path = session.path.as_path();
    let expected = session_file_name(session.number, session.date);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == expected {
        return;
    }
    let number_in_name = name.split('-').next().and_then(|n| n.parse::<u32>().ok());
    if number_in_name.is_some_and(|n| n != session.number) {
        problems.push(Diagnostic::error(
            path,
            Some((1, 1)),
            format!("file name says session {} but the front matter says session {}: rename it to {expected}", number_in_name.unwrap_or(0), session.number),
        ));
    } else {
        problems.push(Diagnostic::warning(
            path,
            Some((1, 1)),
            format!(
                "file name disagrees with the session's number or date: rename it to {expected}"
            ),
        ));
    }
}

/// The file name of session `number` on `date`: `NN-YYYY-MM-DD.md`.
pub fn session_file_name(number: u32, date: chrono::NaiveDate) -> String {
    format!("{number:02}-{}.md", date.format("%Y-%m-%d"))
}

/// Problems between session files: duplicate numbers, reviews of commitments
/// that do not exist, kinds that disagree with the session's place.
pub fn sessions(engagement: &Engagement, sessions: &[Session], problems: &mut Vec<Diagnostic>) {
    let mut by_number: BTreeMap<u32, &Session> = BTreeMap::new();
    for session in sessions {
        if let Some(first) = by_number.insert(session.number, session) {
            problems.push(Diagnostic::error(
                &session.path,
                Some((1, 1)),
                format!(
                    "session {} is also {}: each session has its own number",
                    session.number,
                    first.path.display()
                ),
            ));
        }
    }
    let made: BTreeSet<CommitmentId> = sessions
        .iter()
        .flat_map(|s| {
            s.body.commitments.iter().map(move |c| CommitmentId {
                session: s.number,
                item: c.number,
            })
        })
        .collect();
    for session in sessions {
        for review in &session.body.reviews {
            let message = if review.id.session >= session.number {
                Some(format!(
                    "({}) is reviewed in session {}, but was not made before it",
                    review.id, session.number
                ))
            } else if !made.contains(&review.id) {
                Some(format!(
                    "({}) is not a commitment: session {} has no item {}",
                    review.id, review.id.session, review.id.item
                ))
            } else {
                None
            };
            if let Some(message) = message {
                problems.push(Diagnostic::error(
                    &session.path,
                    Some((review.line, review.column)),
                    message,
                ));
            }
        }
    }
    let size = engagement.package_size();
    for (number, place) in schedule::places(sessions) {
        let (Some(place), Some(session)) = (place, by_number.get(&number)) else {
            continue;
        };
        let expected = schedule::kind_for_place(place, size);
        if let Some(kind) = session.kind
            && kind != expected
            && (kind == SessionKind::Midpoint
                || expected == SessionKind::Midpoint
                || expected == SessionKind::Closing)
        {
            problems.push(Diagnostic::warning(
                    &session.path,
                    Some((1, 1)),
                    format!("session {number} is {place} of {size}, so it is the {} session, but its kind is {}", expected.name(), kind.name()),
                ));
        }
        if place > size && size > 0 {
            problems.push(Diagnostic::warning(
                &session.path,
                Some((1, 1)),
                format!("session {number} goes beyond the package of {size} sessions"),
            ));
        }
    }
}
