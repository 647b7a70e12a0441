//! The rules of one session file against itself, the engagement and today.

use chrono::NaiveDate;

use crate::codes;
use crate::error::Diagnostic;
use crate::model::engagement::{Engagement, EngagementStatus};
use crate::model::local_time::{LocalTime, resolve};
use crate::model::session::{KNOWN_KEYS, Session, SessionKind, SessionStatus};
use crate::parse::yaml_map::Step::{Index, Key};
use crate::suggest::did_you_mean;
use crate::validate::body::body;
use crate::validate::checkins::checkins;
use crate::validate::engagement::{FIT_MINUTES, INTAKE_MINUTES, SESSION_MINUTES};
use crate::validate::keys::unknown_keys;
use crate::validate::source::YamlSource;

/// The highest session number coach accepts (file names keep two or three digits).
pub const MAX_SESSION_NUMBER: u32 = 999;

/// The file name of session `number` on `date`: `NN-YYYY-MM-DD.md`.
pub fn session_file_name(number: u32, date: NaiveDate) -> String {
    // A date's own display is YYYY-MM-DD, without parsing a format each time.
    format!("{number:02}-{date}.md")
}

/// Every problem of one session file; `engagement` when engagement.yaml parsed.
pub fn session(
    source: &YamlSource<'_>,
    session: &Session,
    engagement: Option<&Engagement>,
    today: NaiveDate,
    problems: &mut Vec<Diagnostic>,
) {
    unknown_keys(source, KNOWN_KEYS, problems);
    ranges(source, session, problems);
    if session.is_fit() || session.is_three_way() {
        keeps_no_readings(source, session, problems);
    }
    file_name(source, session, problems);
    body(session, problems);
    if session.status == SessionStatus::Held && session.date > today {
        problems.push(source.at_value(
            codes::HELD_IN_FUTURE,
            &[Key("status")],
            format!(
                "session {} is marked held, but its date {} is after today ({today})",
                session.number, session.date
            ),
        ));
    }
    checkins(source, session, engagement, problems);
    if let Some(engagement) = engagement {
        references(source, session, engagement, problems);
        if session.kind == Some(SessionKind::ThreeWay) && engagement.sponsor.is_none() {
            problems.push(source.at_value(
                codes::THREE_WAY_WITHOUT_SPONSOR,
                &[Key("kind")],
                format!(
                    "session {} is a three-way meeting of leader, sponsor and coach, but engagement.yaml names no sponsor",
                    session.number
                ),
            ));
        }
        local_time(source, session, engagement, problems);
        if session.is_fit() {
            fit_before_start(source, session, engagement, problems);
        } else if engagement.status == EngagementStatus::Prospect {
            problems.push(source.at_value(
                codes::PROSPECT_SESSION,
                &[Key("session")],
                format!(
                    "engagement.yaml says `status: prospect`, so there is no session {} yet: only the fit conversation (session 0) has a file until `coach start`",
                    session.number
                ),
            ));
        } else if session.date < engagement.start {
            problems.push(source.at_value(
                codes::BEFORE_START,
                &[Key("date")],
                format!(
                    "session date {} is before the engagement's start ({})",
                    session.date, engagement.start
                ),
            ));
        }
    }
}

/// The fit conversation is not a session of the engagement: readings, focus,
/// reviews and send dates written in its file are never used. A three-way
/// meeting, with the sponsor in the room, takes no readings either.
fn keeps_no_readings(source: &YamlSource<'_>, session: &Session, problems: &mut Vec<Diagnostic>) {
    let fit = session.is_fit();
    let written = [
        ("focus", fit && !session.focus.is_empty()),
        ("measures", !session.measures.is_empty()),
        ("alliance", session.alliance.is_some()),
        ("shift", session.shift.is_some()),
        ("progress", !session.progress.is_empty()),
        ("prompt_sent", fit && session.prompt_sent.is_some()),
        ("summary_sent", fit && session.summary_sent.is_some()),
    ];
    let why = if fit {
        "in the fit conversation is never used: it is not a session of the engagement, and readings begin at the intake"
    } else {
        "in a three-way meeting is never used: readings are taken at the coaching sessions"
    };
    for (key, _) in written.into_iter().filter(|(_, set)| *set) {
        problems.push(source.at_key(
            codes::READINGS_NOT_USED,
            &[Key(key)],
            format!("`{key}` {why}"),
        ));
    }
}

/// The fit conversation of an engagement that has begun comes before its start.
fn fit_before_start(
    source: &YamlSource<'_>,
    session: &Session,
    engagement: &Engagement,
    problems: &mut Vec<Diagnostic>,
) {
    if engagement.status != EngagementStatus::Prospect && session.date > engagement.start {
        problems.push(source.at_value(
            codes::FIT_AFTER_START,
            &[Key("date")],
            format!(
                "the fit conversation is dated {}, after the engagement's start ({}): it comes before the engagement",
                session.date, engagement.start
            ),
        ));
    }
}

fn ranges(source: &YamlSource<'_>, session: &Session, problems: &mut Vec<Diagnostic>) {
    if session.number > MAX_SESSION_NUMBER {
        problems.push(source.at_value(
            codes::SESSION_NUMBER,
            &[Key("session")],
            format!(
                "session {} is out of range: sessions are numbered from 1 to {MAX_SESSION_NUMBER}, and 0 is the fit conversation",
                session.number
            ),
        ));
    }
    match session.kind {
        Some(kind) if session.is_fit() && kind != SessionKind::Fit => {
            problems.push(source.at_value(
                codes::FIT_KIND,
                &[Key("kind")],
                format!(
                    "session 0 is the fit conversation, but its kind is {}: write `kind: fit`, or number the session from 1",
                    kind.name()
                ),
            ));
        }
        Some(SessionKind::Fit) if !session.is_fit() => {
            problems.push(source.at_value(
                codes::FIT_KIND,
                &[Key("kind")],
                format!(
                    "session {} is of kind fit, but the fit conversation is session 0: number it 0, or choose another kind",
                    session.number
                ),
            ));
        }
        _ => {}
    }
    if let Some(alliance) = session.alliance
        && !(1..=10).contains(&alliance)
    {
        problems.push(source.at_value(
            codes::ALLIANCE_RANGE,
            &[Key("alliance")],
            format!("alliance is {alliance}: the rating runs from 1 to 10"),
        ));
    }
    if let Some(minutes) = session.minutes {
        let intake = session.kind == Some(SessionKind::Intake) || session.number == 1;
        let (range, what) = if session.is_fit() {
            (FIT_MINUTES, "a fit conversation")
        } else if intake {
            (INTAKE_MINUTES, "an intake")
        } else {
            (SESSION_MINUTES, "a session")
        };
        if !range.contains(&minutes) {
            problems.push(source.at_value(
                codes::MINUTES_RANGE,
                &[Key("minutes")],
                format!(
                    "minutes is {minutes}: {what} lasts {} to {} minutes",
                    range.start(),
                    range.end()
                ),
            ));
        }
    }
}

/// The file name must be `NN-YYYY-MM-DD.md` and agree with the front matter.
fn file_name(source: &YamlSource<'_>, session: &Session, problems: &mut Vec<Diagnostic>) {
    let expected = session_file_name(session.number, session.date);
    let name = session
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    if name == expected {
        return;
    }
    let number_in_name = name.split('-').next().and_then(|n| n.parse::<u32>().ok());
    if let Some(number) = number_in_name.filter(|n| *n != session.number) {
        problems.push(source.at_value(
            codes::FILE_NAME_NUMBER,
            &[Key("session")],
            format!(
                "the file name says session {number} but the front matter says session {}: rename the file to {expected}",
                session.number
            ),
        ));
    } else {
        problems.push(source.at_value(
            codes::FILE_NAME_DATE,
            &[Key("date")],
            format!(
                "the file name disagrees with the session's date: rename the file to {expected}"
            ),
        ));
    }
}

/// Objective and measure ids must exist in engagement.yaml.
fn references(
    source: &YamlSource<'_>,
    session: &Session,
    engagement: &Engagement,
    problems: &mut Vec<Diagnostic>,
) {
    let objective_ids: Vec<&str> = engagement
        .objectives
        .iter()
        .map(|o| o.id.as_str())
        .collect();
    let unknown_objective = |id: &str| {
        format!(
            "unknown objective `{id}`{} (engagement.yaml has: {})",
            did_you_mean(id, objective_ids.iter().copied()),
            list_or_none(&objective_ids)
        )
    };
    // Asked only when a problem needs a position: mapping the YAML costs a parse.
    let focus_is_list = || {
        source
            .map()
            .is_some_and(|m| m.value(&[Key("focus"), Index(0)]).is_some())
    };
    for (index, id) in session.focus.iter().enumerate() {
        if engagement.objective(id).is_none() {
            let steps = if focus_is_list() {
                vec![Key("focus"), Index(index)]
            } else {
                vec![Key("focus")]
            };
            problems.push(source.at_value(codes::UNKNOWN_OBJECTIVE, &steps, unknown_objective(id)));
        }
    }
    for id in session.progress.keys() {
        if engagement.objective(id).is_none() {
            problems.push(source.at_key(
                codes::UNKNOWN_OBJECTIVE,
                &[Key("progress"), Key(id)],
                unknown_objective(id),
            ));
        }
    }
    let measure_ids: Vec<&str> = engagement.measures().map(|(_, m)| m.id.as_str()).collect();
    for (id, value) in &session.measures {
        if !measure_ids.contains(&id.as_str()) {
            problems.push(source.at_key(
                codes::UNKNOWN_MEASURE,
                &[Key("measures"), Key(id)],
                format!(
                    "unknown measure `{id}`{} (engagement.yaml has: {})",
                    did_you_mean(id, measure_ids.iter().copied()),
                    list_or_none(&measure_ids)
                ),
            ));
        } else if !value.is_finite() {
            problems.push(source.at_value(
                codes::READING_NOT_NUMBER,
                &[Key("measures"), Key(id)],
                format!("the reading of `{id}` is not a number"),
            ));
        }
    }
}

/// The session's start must exist on its day in the engagement's time zone.
fn local_time(
    source: &YamlSource<'_>,
    session: &Session,
    engagement: &Engagement,
    problems: &mut Vec<Diagnostic>,
) {
    let time = session.time.unwrap_or(engagement.time).0;
    let zone = engagement.timezone.0;
    let steps = if session.time.is_some() {
        [Key("time")]
    } else {
        [Key("date")]
    };
    let at = time.format("%H:%M");
    match resolve(zone, session.date, time) {
        LocalTime::Single(_) => {}
        LocalTime::Gap { before, after, .. } => problems.push(source.at_value(
            codes::TIME_IN_GAP,
            &steps,
            format!(
                "{at} on {} does not exist in {}: the clocks go forward from {} to {}; choose {} or {} or later",
                session.date,
                zone.name(),
                before.format("%H:%M"),
                after.format("%H:%M"),
                before.format("%H:%M"),
                after.format("%H:%M"),
            ),
        )),
        LocalTime::Ambiguous { earlier, later } => problems.push(source.at_value(
            codes::TIME_AMBIGUOUS,
            &steps,
            format!(
                "{at} on {} happens twice in {} (the clocks go back): coach uses the earlier, {at} {}, not {at} {}",
                session.date,
                zone.name(),
                earlier.format("%Z"),
                later.format("%Z"),
            ),
        )),
    }
}

fn list_or_none(ids: &[&str]) -> String {
    if ids.is_empty() {
        "none".to_string()
    } else {
        ids.join(", ")
    }
}
