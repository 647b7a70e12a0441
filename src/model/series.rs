//! The dates a cadence gives: a series anchored on the engagement's start and on
//! each dated cadence change. A session moved off the series moves alone; the
//! sessions after it keep the series. A monthly series keeps the weekday and its
//! place in the month (the second Monday, say), so it never lands on a weekend
//! when it starts on a weekday.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::model::engagement::{Cadence, Engagement};

/// The first date of the series strictly after `date`.
pub fn next_after(engagement: &Engagement, date: NaiveDate) -> NaiveDate {
    let mut segments: Vec<(NaiveDate, Cadence)> = vec![(engagement.start, engagement.cadence)];
    let mut changes: Vec<(NaiveDate, Cadence)> = engagement
        .cadence_changes
        .iter()
        .map(|c| (c.from, c.cadence))
        .filter(|(from, _)| *from > engagement.start)
        .collect();
    changes.sort_by_key(|(from, _)| *from);
    segments.extend(changes);
    for (index, (anchor, cadence)) in segments.iter().enumerate() {
        let until = segments.get(index + 1).map(|(from, _)| *from);
        let mut step = 0;
        while let Some(candidate) = nth(*anchor, *cadence, step) {
            if until.is_some_and(|u| candidate >= u) {
                break;
            }
            if candidate > date {
                return candidate;
            }
            step += 1;
        }
    }
    // Past the end of the calendar coach can count: the cadence's plain step.
    engagement.cadence_on(date).after(date)
}

/// The `step`-th date of a series anchored at `anchor`.
fn nth(anchor: NaiveDate, cadence: Cadence, step: u32) -> Option<NaiveDate> {
    match cadence {
        Cadence::Weekly => anchor.checked_add_days(Days::new(7 * u64::from(step))),
        Cadence::Biweekly => anchor.checked_add_days(Days::new(14 * u64::from(step))),
        Cadence::Monthly => {
            let month = anchor.with_day(1)?.checked_add_months(Months::new(step))?;
            Some(same_weekday_in(
                month,
                anchor.weekday(),
                (anchor.day() - 1) / 7,
            ))
        }
    }
}

/// In the month of `first` (its first day), the `ordinal`-th (from 0) `weekday`,
/// or the last one when the month has fewer.
fn same_weekday_in(first: NaiveDate, weekday: Weekday, ordinal: u32) -> NaiveDate {
    let offset = (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let mut day = first + Days::new(u64::from(offset));
    for _ in 0..ordinal {
        let later = day + Days::new(7);
        if later.month() != first.month() {
            break;
        }
        day = later;
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::engagement::tests::engagement_with as engagement;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    #[test]
    fn a_monthly_series_keeps_the_weekday_and_its_place_and_no_weekend() {
        let e = engagement("cadence: monthly\n");
        let mut date = e.start;
        let mut dates = Vec::new();
        for _ in 0..12 {
            date = next_after(&e, date);
            dates.push(date);
        }
        assert!(
            dates.iter().all(|d| d.weekday() == Weekday::Mon),
            "{dates:?}"
        );
        assert!(
            dates.iter().all(|d| (8..=14).contains(&d.day())),
            "the second Monday: {dates:?}"
        );
        assert_eq!(dates[0], day(2, 9));
    }

    #[test]
    fn a_fifth_weekday_falls_back_to_the_last_one() {
        let e = engagement("cadence: monthly\n");
        let e = Engagement {
            start: day(1, 29),
            ..e
        };
        assert_eq!(
            next_after(&e, day(1, 29)),
            day(2, 26),
            "the last Thursday of February"
        );
    }

    #[test]
    fn a_moved_session_moves_alone() {
        let e = engagement("");
        // Session moved from Monday 26 January to Wednesday 28 January.
        assert_eq!(next_after(&e, day(1, 28)), day(2, 9));
        assert_eq!(next_after(&e, day(1, 12)), day(1, 26));
    }

    #[test]
    fn a_cadence_change_starts_its_own_series() {
        let e = engagement("cadence_changes:\n  - {from: 2026-02-26, cadence: weekly}\n");
        assert_eq!(next_after(&e, day(2, 23)), day(2, 26));
        assert_eq!(next_after(&e, day(2, 26)), day(3, 5));
    }
}
