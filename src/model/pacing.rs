//! The rules of pace: when a summary or a prompt is due, which session is next,
//! which reviews are coming, and whether a package is ending or behind pace.
//! Date arithmetic over the schedule; no I/O and no wording.

use chrono::{DateTime, NaiveDate, TimeDelta};
use chrono_tz::Tz;

use crate::model::engagement::{Cadence, Engagement, Package};
use crate::model::local_time;
use crate::model::schedule::{Slot, SlotState};
use crate::model::session::SessionKind;

/// How far ahead "this week" reaches.
pub const WEEK: TimeDelta = TimeDelta::days(7);

/// How far ahead a midpoint or closing review is worth preparing for.
pub const REVIEW_LEAD: TimeDelta = TimeDelta::days(14);

/// Where something with a deadline stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// The deadline has passed.
    Late,
    /// It is due now: today is within its window.
    Now,
}

/// Where the summary of a session held on `held_on` stands on `today`, when it has
/// not been sent: due from the day of the session, late after the day after.
pub fn summary_due(held_on: NaiveDate, today: NaiveDate) -> Option<Due> {
    if today > held_on + TimeDelta::days(1) {
        Some(Due::Late)
    } else if today >= held_on {
        Some(Due::Now)
    } else {
        None
    }
}

/// A session still `planned` after its day: it needs marking held, cancelled or no-show.
pub fn is_unmarked(slot: &Slot, today: NaiveDate) -> bool {
    slot.state == SlotState::Planned && slot.date < today
}

/// The next session to happen: the first planned or projected one from today on.
pub fn next_session(slots: &[Slot], today: NaiveDate) -> Option<&Slot> {
    slots.iter().find(|s| {
        matches!(s.state, SlotState::Planned | SlotState::ToBeScheduled) && s.date >= today
    })
}

/// `date` (today or later) falls within the coming week.
pub fn within_a_week(date: NaiveDate, today: NaiveDate) -> bool {
    date <= today + WEEK
}

/// The next session has no file yet and is within the coming week.
pub fn needs_a_file(next: &Slot, today: NaiveDate) -> bool {
    next.state == SlotState::ToBeScheduled && within_a_week(next.date, today)
}

/// The days the prompt for a session goes out, in the leader's time zone: it opens
/// 48 hours before the session starts and closes 24 hours before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromptWindow {
    /// The day the window opens.
    pub opens: NaiveDate,
    /// The day the prompt should have gone by.
    pub closes: NaiveDate,
    /// The moment it opens: 48 hours before the start, in the engagement's zone.
    pub opens_at: DateTime<Tz>,
    /// The moment it closes: 24 hours before the start.
    pub closes_at: DateTime<Tz>,
}

impl PromptWindow {
    /// The window of the session in `slot`.
    pub fn of(engagement: &Engagement, slot: &Slot) -> Self {
        let start = local_time::resolve(engagement.timezone.0, slot.date, slot.time.0).instant();
        let (opens_at, closes_at) = (start - TimeDelta::hours(48), start - TimeDelta::hours(24));
        PromptWindow {
            opens: opens_at.date_naive(),
            closes: closes_at.date_naive(),
            opens_at,
            closes_at,
        }
    }

    /// Where an unsent prompt for a session on `session_date` stands on `today`;
    /// nothing once the session's day has come.
    pub fn due(&self, session_date: NaiveDate, today: NaiveDate) -> Option<Due> {
        if session_date <= today {
            None
        } else if today > self.closes {
            Some(Due::Late)
        } else if today >= self.opens {
            Some(Due::Now)
        } else {
            None
        }
    }
}

/// A midpoint or closing session coming up, to prepare its progress review for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewComing<'a> {
    /// The session.
    pub slot: &'a Slot,
    /// It is within the coming week.
    pub this_week: bool,
}

/// The midpoint and closing sessions not yet held from today to [`REVIEW_LEAD`] ahead.
pub fn reviews_coming(slots: &[Slot], today: NaiveDate) -> Vec<ReviewComing<'_>> {
    slots
        .iter()
        .filter(|s| s.state != SlotState::Held && s.date >= today && s.date <= today + REVIEW_LEAD)
        .filter(|s| matches!(s.kind, SessionKind::Midpoint | SessionKind::Closing))
        .map(|slot| ReviewComing {
            slot,
            this_week: within_a_week(slot.date, today),
        })
        .collect()
}

/// How much of the package the schedule uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackageUse {
    /// Sessions in the package.
    pub size: u32,
    /// Sessions with a file that use a place (held, planned, no-show).
    pub scheduled: u32,
    /// Sessions of the package held or missed by a no-show (a three-way meeting is not one).
    pub held: u32,
}

impl PackageUse {
    /// The use of the package by `slots`, the engagement's schedule.
    pub fn of(engagement: &Engagement, slots: &[Slot]) -> Self {
        PackageUse {
            size: engagement.package_size(),
            scheduled: slots
                .iter()
                .filter(|s| s.place.is_some() && s.state != SlotState::ToBeScheduled)
                .count() as u32,
            held: slots
                .iter()
                .filter(|s| {
                    s.place.is_some() && matches!(s.state, SlotState::Held | SlotState::NoShow)
                })
                .count() as u32,
        }
    }

    /// Sessions not yet held.
    pub fn left(&self) -> u32 {
        self.size.saturating_sub(self.held)
    }

    /// The package is ending: two sessions or fewer left, or none.
    pub fn ending(&self) -> bool {
        self.left() <= 2
    }

    /// How many sessions an even pace would have held by `today`, when the
    /// engagement is two or more behind it.
    pub fn behind_pace(&self, engagement: &Engagement, today: NaiveDate) -> Option<u32> {
        let days = package_days(engagement);
        let elapsed = (today - engagement.start).num_days().clamp(0, days);
        let expected = (i64::from(self.size) * elapsed / days.max(1)) as u32;
        (expected >= self.held + 2).then_some(expected)
    }
}

/// The days a package is meant to run: six months, a year, or a custom package's
/// sessions at its starting cadence.
fn package_days(engagement: &Engagement) -> i64 {
    match engagement.package {
        Package::Accelerated => 182,
        Package::Annual => 365,
        Package::Custom => i64::from(engagement.package_size()) * cadence_days(engagement.cadence),
    }
}

/// The days between sessions at `cadence`, a month taken as 30.
fn cadence_days(cadence: Cadence) -> i64 {
    match cadence {
        Cadence::Weekly => 7,
        Cadence::Biweekly => 14,
        Cadence::Monthly => 30,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::engagement::ClockTime;
    use crate::model::schedule::schedule;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn engagement(extra: &str) -> Engagement {
        let yaml = format!(
            "client: {{name: D}}\ncoach: {{name: A}}\nstart: 2026-01-12\ntimezone: America/New_York\n{extra}"
        );
        serde_saphyr::from_str(&yaml).unwrap()
    }

    fn slot(number: u32, date: NaiveDate, kind: SessionKind, state: SlotState) -> Slot {
        Slot {
            number,
            place: Some(number),
            date,
            time: ClockTime(chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap()),
            minutes: 60,
            kind,
            state,
        }
    }

    #[test]
    fn a_summary_is_due_on_the_day_and_the_next_then_late() {
        let held = day(3, 19);
        assert_eq!(summary_due(held, day(3, 18)), None);
        assert_eq!(summary_due(held, day(3, 19)), Some(Due::Now));
        assert_eq!(summary_due(held, day(3, 20)), Some(Due::Now));
        assert_eq!(summary_due(held, day(3, 21)), Some(Due::Late));
    }

    #[test]
    fn the_prompt_window_runs_from_two_days_to_one_day_before() {
        let e = engagement("package: accelerated\n");
        let next = slot(9, day(3, 26), SessionKind::Regular, SlotState::Planned);
        let window = PromptWindow::of(&e, &next);
        assert_eq!((window.opens, window.closes), (day(3, 24), day(3, 25)));
        assert_eq!(window.opens_at.format("%H:%M %Z").to_string(), "09:00 EDT");
        assert_eq!(window.due(next.date, day(3, 23)), None);
        assert_eq!(window.due(next.date, day(3, 24)), Some(Due::Now));
        assert_eq!(window.due(next.date, day(3, 25)), Some(Due::Now));
        assert_eq!(window.due(next.date, day(3, 26)), None, "the session's day");
    }

    #[test]
    fn the_prompt_window_is_in_the_leader_s_time_zone_across_a_clock_change() {
        // 00:30 on Monday 9 March 2026 in New York, the day after the clocks go forward:
        // 48 and 24 hours earlier are 23:30 on Friday 6 and Saturday 7 March.
        let e = engagement("package: accelerated\n");
        let mut next = slot(5, day(3, 9), SessionKind::Regular, SlotState::Planned);
        next.time = ClockTime(chrono::NaiveTime::from_hms_opt(0, 30, 0).unwrap());
        let window = PromptWindow::of(&e, &next);
        assert_eq!(window.opens, day(3, 6));
        assert_eq!(window.closes, day(3, 7));
    }

    #[test]
    fn the_next_session_is_the_first_planned_or_projected_from_today() {
        let slots = [
            slot(1, day(3, 5), SessionKind::Intake, SlotState::Held),
            slot(2, day(3, 12), SessionKind::Regular, SlotState::Planned),
            slot(3, day(3, 19), SessionKind::Regular, SlotState::Planned),
            slot(
                4,
                day(3, 26),
                SessionKind::Regular,
                SlotState::ToBeScheduled,
            ),
        ];
        assert_eq!(next_session(&slots, day(3, 12)).map(|s| s.number), Some(2));
        assert_eq!(next_session(&slots, day(3, 13)).map(|s| s.number), Some(3));
        assert_eq!(next_session(&slots, day(3, 27)), None);
        assert!(is_unmarked(&slots[1], day(3, 13)));
        assert!(!is_unmarked(&slots[1], day(3, 12)));
        assert!(!is_unmarked(&slots[0], day(3, 13)), "held is marked");
        assert!(!needs_a_file(&slots[3], day(3, 18)));
        assert!(needs_a_file(&slots[3], day(3, 19)));
        assert!(!needs_a_file(&slots[2], day(3, 19)), "it has a file");
    }

    #[test]
    fn reviews_are_coming_within_two_weeks_and_this_week_within_one() {
        let slots = [
            slot(6, day(3, 5), SessionKind::Midpoint, SlotState::Held),
            slot(7, day(3, 12), SessionKind::Regular, SlotState::Planned),
            slot(
                8,
                day(3, 19),
                SessionKind::Closing,
                SlotState::ToBeScheduled,
            ),
        ];
        let coming = |today| -> Vec<(u32, bool)> {
            reviews_coming(&slots, today)
                .iter()
                .map(|r| (r.slot.number, r.this_week))
                .collect()
        };
        assert_eq!(coming(day(3, 1)), []);
        assert_eq!(coming(day(3, 5)), [(8, false)], "a held midpoint is done");
        assert_eq!(coming(day(3, 12)), [(8, true)]);
        assert_eq!(coming(day(3, 19)), [(8, true)]);
        assert_eq!(coming(day(3, 20)), []);
    }

    #[test]
    fn a_package_is_ending_with_two_sessions_left() {
        let e = engagement("package: custom\nsessions: 4\n");
        let mut slots = vec![
            slot(1, day(1, 12), SessionKind::Intake, SlotState::Held),
            slot(2, day(1, 26), SessionKind::Regular, SlotState::NoShow),
            slot(3, day(2, 9), SessionKind::Regular, SlotState::Planned),
            slot(
                4,
                day(2, 23),
                SessionKind::Closing,
                SlotState::ToBeScheduled,
            ),
        ];
        let used = PackageUse::of(&e, &slots);
        assert_eq!((used.size, used.scheduled, used.held), (4, 3, 2));
        assert_eq!(used.left(), 2);
        assert!(used.ending());
        slots[0].state = SlotState::Planned;
        assert!(!PackageUse::of(&e, &slots).ending());
    }

    #[test]
    fn a_held_three_way_meeting_does_not_use_the_package() {
        let e = engagement("package: custom\nsessions: 4\n");
        let mut three_way = slot(3, day(2, 2), SessionKind::ThreeWay, SlotState::Held);
        three_way.place = None;
        let slots = [
            slot(1, day(1, 12), SessionKind::Intake, SlotState::Held),
            slot(2, day(1, 26), SessionKind::Midpoint, SlotState::Held),
            three_way,
        ];
        let used = PackageUse::of(&e, &slots);
        assert_eq!((used.scheduled, used.held, used.left()), (2, 2, 2));
    }

    #[test]
    fn behind_pace_is_two_sessions_short_of_an_even_pace() {
        // An accelerated package runs 182 days: 12 sessions, one every 15 days or so.
        let e = engagement("package: accelerated\n");
        let used = |held| PackageUse {
            size: 12,
            scheduled: held,
            held,
        };
        assert_eq!(used(1).behind_pace(&e, day(1, 12)), None);
        assert_eq!(used(3).behind_pace(&e, day(3, 24)), None, "4 expected");
        assert_eq!(used(3).behind_pace(&e, day(3, 31)), Some(5));
        assert_eq!(used(10).behind_pace(&e, day(12, 31)), Some(12), "capped");
        // A custom package runs its sessions at the starting cadence.
        let e = engagement("package: custom\nsessions: 10\ncadence: weekly\n");
        let none_held = PackageUse::of(&e, &schedule(&e, &[]));
        assert_eq!((none_held.size, none_held.held), (10, 0));
        assert_eq!(none_held.behind_pace(&e, day(1, 25)), None, "1 expected");
        assert_eq!(none_held.behind_pace(&e, day(1, 26)), Some(2));
    }
}
