//! The engagement's sessions in time: dates from start, package and cadence
//! changes, and each session's kind from its place in the package.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::engagement::{ClockTime, Engagement, EngagementStatus};
use crate::model::series;
use crate::model::session::{Session, SessionKind, SessionStatus};

/// Where a slot of the schedule stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SlotState {
    /// Took place.
    Held,
    /// Has a file, not yet held.
    Planned,
    /// Called off; does not use a session of the package.
    Cancelled,
    /// The leader did not come.
    NoShow,
    /// No file yet: a date projected from the cadence.
    ToBeScheduled,
}

impl SlotState {
    /// The state in words: held, planned, cancelled, no-show, to be scheduled.
    pub fn name(self) -> &'static str {
        match self {
            SlotState::Held => "held",
            SlotState::Planned => "planned",
            SlotState::Cancelled => "cancelled",
            SlotState::NoShow => "no-show",
            SlotState::ToBeScheduled => "to be scheduled",
        }
    }
}

/// One row of the schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// Session number (the file's, or the one a new file would get).
    pub number: u32,
    /// Place in the package (1..=size); none for a cancellation.
    pub place: Option<u32>,
    /// The session's date.
    pub date: NaiveDate,
    /// Its start time.
    pub time: ClockTime,
    /// Its length in minutes.
    pub minutes: u32,
    /// Intake, regular, midpoint, closing or three-way.
    pub kind: SessionKind,
    /// Held, planned, cancelled, no-show or to be scheduled.
    pub state: SlotState,
}

/// The place of the midpoint review in a package of `size` sessions (6 of 12, 12 of 24).
pub fn midpoint_place(size: u32) -> u32 {
    size.div_ceil(2)
}

/// The kind a session has at `place` of a package of `size`.
pub fn kind_for_place(place: u32, size: u32) -> SessionKind {
    if place <= 1 {
        SessionKind::Intake
    } else if place >= size {
        SessionKind::Closing
    } else if place == midpoint_place(size) {
        SessionKind::Midpoint
    } else {
        SessionKind::Regular
    }
}

/// How many sessions of the package come before session `number`.
pub fn places_before<'a>(sessions: impl IntoIterator<Item = &'a Session>, number: u32) -> u32 {
    sessions
        .into_iter()
        .filter(|s| s.number < number && s.counts_toward_package())
        .count() as u32
}

/// The review a three-way meeting held after `places_before` sessions of a
/// package of `size` belongs to: the close from one session before the closing
/// session on, else the midpoint.
pub fn three_way_review(places_before: u32, size: u32) -> SessionKind {
    if places_before + 1 >= size {
        SessionKind::Closing
    } else {
        SessionKind::Midpoint
    }
}

/// Whether a three-way meeting after `places_before` sessions sits beside its
/// review: within one session of the midpoint review, or from one session before
/// the closing session on. By place rather than by date, so cancellations and
/// cadence changes move the window with the sessions.
pub fn three_way_fits(places_before: u32, size: u32) -> bool {
    let midpoint = midpoint_place(size);
    three_way_review(places_before, size) == SessionKind::Closing
        || (midpoint.saturating_sub(1)..=midpoint + 1).contains(&places_before)
}

/// The date of the session after one on `date`: the next date of the series.
pub fn next_date_after(engagement: &Engagement, date: NaiveDate) -> NaiveDate {
    series::next_after(engagement, date)
}

/// The length of a fit conversation, unless its file says otherwise.
pub const FIT_MINUTES: u32 = 30;

/// The length of a session of `kind`, unless the file says otherwise.
pub fn default_minutes(engagement: &Engagement, kind: SessionKind) -> u32 {
    match kind {
        SessionKind::Fit => FIT_MINUTES,
        SessionKind::Intake => engagement.intake_minutes,
        _ => engagement.session_minutes,
    }
}

/// The slot of a session file of its own, outside the package (the fit
/// conversation): no place, its kind from the file or `fit`.
pub fn unplaced_slot(engagement: &Engagement, session: &Session) -> Slot {
    slot_of(
        engagement,
        session,
        None,
        session.kind.unwrap_or(SessionKind::Fit),
    )
}

/// The slot of a session file at `place` in the package, of `kind`.
fn slot_of(
    engagement: &Engagement,
    session: &Session,
    place: Option<u32>,
    kind: SessionKind,
) -> Slot {
    Slot {
        number: session.number,
        place,
        date: session.date,
        time: session.time.unwrap_or(engagement.time),
        minutes: session
            .minutes
            .unwrap_or_else(|| default_minutes(engagement, kind)),
        kind,
        state: state_of(session.status),
    }
}

fn state_of(status: SessionStatus) -> SlotState {
    match status {
        SessionStatus::Held => SlotState::Held,
        SessionStatus::Planned => SlotState::Planned,
        SessionStatus::Cancelled => SlotState::Cancelled,
        SessionStatus::NoShow => SlotState::NoShow,
    }
}

/// Each session's place in the package, in number order (none for cancellations).
pub fn places<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> Vec<(u32, Option<u32>)> {
    let mut ordered: Vec<&Session> = sessions.into_iter().collect();
    ordered.sort_by_key(|s| s.number);
    let mut place = 0;
    ordered
        .into_iter()
        .map(|s| {
            if s.counts_toward_package() {
                place += 1;
                (s.number, Some(place))
            } else {
                (s.number, None)
            }
        })
        .collect()
}

/// The whole package: the sessions that have files, then projected ones until the
/// package is used up. `sessions` need not be sorted; the fit conversation is
/// not part of the package and is left out. A prospect's package has not begun,
/// so nothing is projected for it.
pub fn schedule(engagement: &Engagement, sessions: &[Session]) -> Vec<Slot> {
    let size = if engagement.status == EngagementStatus::Prospect {
        0
    } else {
        engagement.package_size()
    };
    let mut ordered: Vec<&Session> = sessions.iter().filter(|s| !s.is_fit()).collect();
    ordered.sort_by_key(|s| s.number);
    let mut slots = Vec::new();
    let mut place = 0;
    for session in &ordered {
        let slot_place = session.counts_toward_package().then(|| {
            place += 1;
            place
        });
        let kind = session
            .kind
            .unwrap_or_else(|| kind_for_place(slot_place.unwrap_or(place + 1), size));
        slots.push(slot_of(engagement, session, slot_place, kind));
    }
    let mut number = ordered.last().map_or(0, |s| s.number);
    let mut date = ordered.last().map(|s| s.date);
    while place < size {
        place += 1;
        number += 1;
        let next = match date {
            Some(previous) => next_date_after(engagement, previous),
            None => engagement.start,
        };
        let kind = kind_for_place(place, size);
        slots.push(Slot {
            number,
            place: Some(place),
            date: next,
            time: engagement.time,
            minutes: default_minutes(engagement, kind),
            kind,
            state: SlotState::ToBeScheduled,
        });
        date = Some(next);
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::tests::session_from;

    use crate::model::engagement::tests::engagement_with as engagement;

    #[test]
    fn kinds_by_place() {
        let kinds: Vec<_> = (1..=12).map(|p| kind_for_place(p, 12).name()).collect();
        assert_eq!(kinds[0], "intake");
        assert_eq!(kinds[5], "midpoint");
        assert_eq!(kinds[11], "closing");
        assert_eq!(kind_for_place(12, 24), SessionKind::Midpoint);
        assert_eq!(kinds.iter().filter(|k| **k == "regular").count(), 9);
    }

    #[test]
    fn a_three_way_sits_beside_the_midpoint_or_the_close() {
        let beside = |before, size| {
            three_way_fits(before, size).then(|| three_way_review(before, size).name())
        };
        let twelve: Vec<_> = (0..=12).map(|before| beside(before, 12)).collect();
        let (mid, close) = (Some("midpoint"), Some("closing"));
        assert_eq!(
            twelve,
            [
                None, None, None, None, None, mid, mid, mid, None, None, None, close, close
            ]
        );
        assert_eq!(beside(11, 24), mid);
        assert_eq!(beside(14, 24), None);
        assert_eq!(beside(23, 24), close);
        assert_eq!(beside(0, 1), close, "a one-session package closes at once");
    }

    #[test]
    fn a_three_way_does_not_use_a_place() {
        let e = engagement("");
        let three_way = session_from(7, "held", "");
        let three_way = Session {
            kind: Some(SessionKind::ThreeWay),
            ..three_way
        };
        let sessions: Vec<Session> = (1..=6)
            .map(|n| session_from(n, "held", ""))
            .chain([three_way, session_from(8, "planned", "")])
            .collect();
        let slots = schedule(&e, &sessions);
        assert_eq!(slots.len(), 13, "twelve places and the three-way");
        assert_eq!(slots[6].place, None);
        assert_eq!(slots[6].kind, SessionKind::ThreeWay);
        assert_eq!(slots[7].place, Some(7));
        assert_eq!(places_before(&sessions, 8), 6);
        assert_eq!(places_before(&sessions, 7), 6);
    }

    #[test]
    fn projected_dates_follow_cadence_changes() {
        let e = engagement("cadence_changes:\n  - {from: 2026-02-09, cadence: weekly}\n");
        let slots = schedule(&e, &[]);
        let dates: Vec<String> = slots.iter().take(6).map(|s| s.date.to_string()).collect();
        assert_eq!(
            dates,
            [
                "2026-01-12",
                "2026-01-26",
                "2026-02-09",
                "2026-02-16",
                "2026-02-23",
                "2026-03-02"
            ]
        );
        assert_eq!(slots.len(), 12);
        assert_eq!(slots[0].minutes, 90);
        assert_eq!(slots[1].minutes, 60);
    }

    #[test]
    fn a_cancellation_does_not_use_up_a_place() {
        let e = engagement("");
        let sessions = vec![
            session_from(1, "held", ""),
            session_from(2, "cancelled", ""),
            session_from(3, "held", ""),
        ];
        let slots = schedule(&e, &sessions);
        assert_eq!(slots.len(), 13);
        assert_eq!(slots[1].place, None);
        assert_eq!(slots[2].place, Some(2));
        assert_eq!(slots[6].kind, SessionKind::Midpoint);
        assert_eq!(slots[6].number, 7);
    }
}
