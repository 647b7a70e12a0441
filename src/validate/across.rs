//! The rules between files: session numbers, reviews of commitments, each
//! session's kind against its place in the package, and where a three-way
//! meeting sits. They run on every file that parsed, even when others did not,
//! and stay quiet only about what a broken file might have held.

use std::collections::{BTreeMap, BTreeSet};

use crate::codes;
use crate::error::Diagnostic;
use crate::model::commitment::CommitmentId;
use crate::model::engagement::Engagement;
use crate::model::schedule;
use crate::model::session::{Session, SessionKind};
use crate::parse::yaml_map::Step::Key;
use crate::validate::source::YamlSource;

/// Every problem between the session files. `sessions` pairs each parsed session
/// with its YAML, sorted by number; `unparsed` holds the numbers that the names of
/// the files that did not parse give.
pub fn across(
    engagement: Option<&Engagement>,
    sessions: &[(&Session, YamlSource<'_>)],
    unparsed: &BTreeSet<u32>,
    problems: &mut Vec<Diagnostic>,
) {
    let mut by_number: BTreeMap<u32, &Session> = BTreeMap::new();
    for (session, source) in sessions {
        if let Some(first) = by_number.insert(session.number, session) {
            problems.push(source.at_value(
                codes::DUPLICATE_SESSION,
                &[Key("session")],
                format!(
                        "session {} is also {}: each session has its own number",
                        session.number,
                        first
                            .path
                            .file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                    ),
            ));
        }
    }
    reviews(sessions, unparsed, problems);
    date_order(sessions, problems);
    if let Some(engagement) = engagement {
        // A file that did not parse hides its place: later places are unknown.
        let known_until = unparsed.first().copied().unwrap_or(u32::MAX);
        let before: Vec<&(&Session, YamlSource<'_>)> = sessions
            .iter()
            .filter(|(s, _)| s.number < known_until)
            .collect();
        kinds(engagement, &before, problems);
        three_ways(engagement, &before, problems);
    }
}

/// Numbers follow the calendar: the schedule, the ledger of commitments and the
/// projected dates all read the sessions in number order.
fn date_order(sessions: &[(&Session, YamlSource<'_>)], problems: &mut Vec<Diagnostic>) {
    let mut latest: Option<&Session> = None;
    for (session, source) in sessions.iter().filter(|(s, _)| !s.is_fit()) {
        if let Some(before) = latest.filter(|before| session.date < before.date) {
            problems.push(source.at_value(
                codes::DATE_ORDER,
                &[Key("date")],
                format!(
                    "session {} is dated {}, before session {} on {}",
                    session.number, session.date, before.number, before.date
                ),
            ));
        } else {
            latest = Some(session);
        }
    }
}

fn reviews(
    sessions: &[(&Session, YamlSource<'_>)],
    unparsed: &BTreeSet<u32>,
    problems: &mut Vec<Diagnostic>,
) {
    let made: BTreeSet<CommitmentId> = sessions
        .iter()
        .flat_map(|(s, _)| {
            s.body.commitments.iter().map(move |c| CommitmentId {
                session: s.number,
                item: c.number,
            })
        })
        .collect();
    for (session, _) in sessions {
        for review in &session.body.reviews {
            let at = Some((review.line, review.column));
            if review.id.session >= session.number {
                problems.push(Diagnostic::new(
                    codes::REVIEW_TOO_EARLY,
                    &session.path,
                    at,
                    format!(
                        "({}) is reviewed in session {}, but was not made before it",
                        review.id, session.number
                    ),
                ));
            } else if !made.contains(&review.id) && !unparsed.contains(&review.id.session) {
                problems.push(Diagnostic::new(
                    codes::UNKNOWN_COMMITMENT,
                    &session.path,
                    at,
                    format!(
                        "({}) is not a commitment: session {} has no item {}",
                        review.id, review.id.session, review.id.item
                    ),
                ));
            }
        }
    }
}

fn kinds(
    engagement: &Engagement,
    sessions: &[&(&Session, YamlSource<'_>)],
    problems: &mut Vec<Diagnostic>,
) {
    let size = engagement.package_size();
    let by_number: BTreeMap<u32, &(&Session, YamlSource<'_>)> =
        sessions.iter().map(|pair| (pair.0.number, *pair)).collect();
    for (number, place) in schedule::places(sessions.iter().map(|(s, _)| *s)) {
        let (Some(place), Some((session, source))) = (place, by_number.get(&number)) else {
            continue;
        };
        let expected = schedule::kind_for_place(place, size);
        // A kind coach gives by place, written for another place (a three-way
        // meeting and the fit conversation take no place).
        if let Some(kind) = session.kind
            && kind != expected
            && !matches!(kind, SessionKind::ThreeWay | SessionKind::Fit)
        {
            problems.push(source.at_value(
                codes::KIND_DISAGREES,
                &[Key("kind")],
                format!(
                    "session {number} is {place} of {size}, so it is the {} session, but its kind is {}",
                    expected.name(),
                    kind.name()
                ),
            ));
        }
        if place > size && size > 0 {
            problems.push(source.at_value(
                codes::BEYOND_PACKAGE,
                &[Key("session")],
                format!("session {number} goes beyond the package of {size} sessions"),
            ));
        }
    }
}

/// A three-way meeting sits beside the midpoint review or the close
/// ([`schedule::three_way_fits`]): what its agenda and summary are built for.
fn three_ways(
    engagement: &Engagement,
    sessions: &[&(&Session, YamlSource<'_>)],
    problems: &mut Vec<Diagnostic>,
) {
    let size = engagement.package_size();
    for (session, source) in sessions.iter().copied() {
        if session.kind != Some(SessionKind::ThreeWay) {
            continue;
        }
        let before = schedule::places_before(sessions.iter().map(|(s, _)| *s), session.number);
        if let Some(message) = three_way_misplaced(session.number, before, size) {
            problems.push(source.at_value(codes::THREE_WAY_PLACE, &[Key("kind")], message));
        }
    }
}

/// Why a three-way meeting numbered `number`, after `before` of `size` sessions
/// of the package, is not beside the midpoint review or the close; none when it is.
pub fn three_way_misplaced(number: u32, before: u32, size: u32) -> Option<String> {
    let midpoint = schedule::midpoint_place(size);
    (!schedule::three_way_fits(before, size)).then(|| {
        format!(
            "session {number} is a three-way meeting after {before} of {size} sessions: a three-way belongs beside the midpoint review (after {} to {} sessions) or the close (after {} or {size})",
            midpoint.saturating_sub(1),
            midpoint + 1,
            size.saturating_sub(1),
        )
    })
}
