//! One rule for a wall-clock time in a time zone, used by every output: a time
//! that exists once is that instant; an ambiguous one (clocks go back) is the
//! earlier instant, as RFC 5545 reads it; a time in a gap (clocks go forward) does
//! not exist, and `check` reports it with the nearest times that do.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone as _};
use chrono_tz::Tz;

/// What a local date and time is in a zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalTime {
    /// It exists once.
    Single(DateTime<Tz>),
    /// It happens twice; coach uses the earlier.
    Ambiguous {
        /// The first time the clock shows it.
        earlier: DateTime<Tz>,
        /// The second time.
        later: DateTime<Tz>,
    },
    /// The clock skips it.
    Gap {
        /// The last minute that exists before the gap.
        before: NaiveTime,
        /// The first minute that exists after it.
        after: NaiveTime,
        /// The instant coach falls back to: the end of the gap.
        instant: DateTime<Tz>,
    },
}

impl LocalTime {
    /// The one instant every output uses.
    pub fn instant(self) -> DateTime<Tz> {
        match self {
            LocalTime::Single(at) | LocalTime::Ambiguous { earlier: at, .. } => at,
            LocalTime::Gap { instant, .. } => instant,
        }
    }
}

/// Resolves `time` on `date` in `zone`.
pub fn resolve(zone: Tz, date: NaiveDate, time: NaiveTime) -> LocalTime {
    let local = date.and_time(time);
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(at) => LocalTime::Single(at),
        chrono::LocalResult::Ambiguous(earlier, later) => LocalTime::Ambiguous { earlier, later },
        chrono::LocalResult::None => {
            let exists = |t: &NaiveDateTime| zone.from_local_datetime(t).earliest().is_some();
            let step = TimeDelta::minutes(1);
            // Gaps last at most a few hours; search a day either way to be safe.
            let before = (1..=1440)
                .map(|m| local - step * m)
                .find(exists)
                .unwrap_or(local);
            let after = (1..=1440)
                .map(|m| local + step * m)
                .find(exists)
                .unwrap_or(local);
            LocalTime::Gap {
                before: before.time(),
                after: after.time(),
                instant: zone
                    .from_local_datetime(&after)
                    .earliest()
                    .unwrap_or_else(|| zone.from_utc_datetime(&local)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> (NaiveDate, NaiveTime) {
        (
            NaiveDate::from_ymd_opt(y, m, d).expect("date"),
            NaiveTime::from_hms_opt(h, min, 0).expect("time"),
        )
    }

    #[test]
    fn a_time_in_the_spring_gap_names_the_nearest_times() {
        let (date, time) = at(2026, 3, 8, 2, 30);
        let LocalTime::Gap {
            before,
            after,
            instant,
        } = resolve(chrono_tz::America::New_York, date, time)
        else {
            panic!("02:30 on 8 March 2026 does not exist in New York");
        };
        assert_eq!(before.format("%H:%M").to_string(), "01:59");
        assert_eq!(after.format("%H:%M").to_string(), "03:00");
        assert_eq!(instant.format("%H:%M %Z").to_string(), "03:00 EDT");
    }

    #[test]
    fn an_ambiguous_time_is_the_earlier_instant() {
        let (date, time) = at(2026, 11, 1, 1, 30);
        let resolved = resolve(chrono_tz::America::New_York, date, time);
        assert!(matches!(resolved, LocalTime::Ambiguous { .. }));
        assert_eq!(
            resolved.instant().format("%H:%M %Z").to_string(),
            "01:30 EDT"
        );
    }
}
