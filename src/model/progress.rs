//! Measures over time: readings per measure from held sessions, the latest value,
//! and how far along the way from baseline to target it is.

use chrono::NaiveDate;

use crate::model::engagement::{Engagement, Measure, Objective};
use crate::model::session::{Session, SessionStatus};

/// One reading of a measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// The session it was taken at.
    pub session: u32,
    /// That session's date.
    pub date: NaiveDate,
    /// The value.
    pub value: f64,
}

/// A measure with its readings up to some session.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureTrack<'a> {
    /// The objective it measures.
    pub objective: &'a Objective,
    /// The measure.
    pub measure: &'a Measure,
    /// Readings from held sessions, in session order.
    pub readings: Vec<Reading>,
}

impl MeasureTrack<'_> {
    /// The last reading's value, if any.
    pub fn latest(&self) -> Option<f64> {
        self.readings.last().map(|r| r.value)
    }

    /// The share of the way from baseline to target the latest reading has come,
    /// 0.0 at the baseline and 1.0 at the target, whichever direction is better.
    /// Can fall below 0 (worse than the start) or exceed 1 (past the target).
    pub fn progress(&self) -> Option<f64> {
        share_of_the_way(self.measure, self.latest()?)
    }
}

/// The share of the way from `measure`'s baseline to its target that `value` has
/// come: 0.0 at the baseline, 1.0 at the target, whichever direction is better;
/// below 0 when worse than the start, above 1 past the target. None when the
/// baseline is the target (there is no way to go).
pub fn share_of_the_way(measure: &Measure, value: f64) -> Option<f64> {
    let span = measure.target - measure.baseline;
    (span != 0.0).then(|| (value - measure.baseline) / span)
}

/// Every measure of the engagement with its readings from held sessions numbered
/// up to `up_to`.
pub fn tracks<'a>(
    engagement: &'a Engagement,
    sessions: &[Session],
    up_to: u32,
) -> Vec<MeasureTrack<'a>> {
    engagement
        .measures()
        .map(|(objective, measure)| MeasureTrack {
            objective,
            measure,
            readings: sessions
                .iter()
                .filter(|s| s.number <= up_to && s.status == SessionStatus::Held)
                .filter_map(|s| {
                    s.measures.get(&measure.id).map(|&value| Reading {
                        session: s.number,
                        date: s.date,
                        value,
                    })
                })
                .collect(),
        })
        .collect()
}

/// A number as a person writes it: 4 not 4.0, 4.5 as is.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A measure from `baseline` to `target`, for tests elsewhere.
    pub(crate) fn measure(baseline: f64, target: f64) -> Measure {
        Measure {
            id: "m".into(),
            label: "M".into(),
            baseline,
            target,
        }
    }

    #[test]
    fn progress_is_direction_aware() {
        let objective = Objective {
            id: "o".into(),
            title: "O".into(),
            measures: vec![],
        };
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let up = measure(4.0, 8.0);
        let down = measure(5.0, 2.0);
        let track = |m, v| MeasureTrack {
            objective: &objective,
            measure: m,
            readings: vec![Reading {
                session: 2,
                date: day,
                value: v,
            }],
        };
        assert_eq!(track(&up, 6.0).progress(), Some(0.5));
        assert_eq!(track(&down, 3.0).progress(), Some(2.0 / 3.0));
        assert_eq!(track(&down, 6.0).progress(), Some(-1.0 / 3.0));
    }

    #[test]
    fn numbers_print_like_people_write_them() {
        assert_eq!(format_number(4.0), "4");
        assert_eq!(format_number(4.5), "4.5");
        assert_eq!(format_number(0.333333), "0.33");
    }
}
