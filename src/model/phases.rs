//! The time boxes of a session: five phases for a regular session, six parts for
//! an intake, five for a three-way meeting, each with its start and end from the
//! session's start.

use chrono::{NaiveTime, TimeDelta};
use serde::Serialize;

use crate::model::session::SessionKind;

/// One time-boxed part of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// Its name.
    pub name: &'static str,
    /// What happens in it.
    pub purpose: &'static str,
    /// Its length.
    pub minutes: u32,
    /// Clock time it starts, "HH:MM".
    pub start: String,
    /// Clock time it ends, "HH:MM".
    pub end: String,
}

/// The parts of an intake and their share of 90 minutes.
const INTAKE: &[(&str, &str, u32)] = &[
    (
        "Welcome and check-in",
        "how the leader came to coaching; what they hope for",
        10,
    ),
    (
        "Goals and context",
        "the role, the organization, the moment, the stakeholders",
        20,
    ),
    (
        "Assessment debrief",
        "360 or psychometric results: strengths, blind spots, surprises",
        20,
    ),
    (
        "Coaching agreement",
        "logistics, confidentiality and what the sponsor sees; coaching is not therapy",
        15,
    ),
    (
        "Objectives and measures",
        "each objective with how it is measured, its baseline and target",
        20,
    ),
    (
        "Commitments and close",
        "first actions, what shifted; the summary follows within 24 hours",
        5,
    ),
];

/// The parts of a fit conversation and their share of 30 minutes.
const FIT: &[(&str, &str, u32)] = &[
    (
        "Welcome",
        "introductions; what prompted the conversation, and who asked for it",
        3,
    ),
    (
        "Goals and context",
        "what the leader wants from coaching, in their words; the role and the moment",
        10,
    ),
    (
        "How coaching works",
        "the package, confidentiality, what a sponsor sees; coaching is not therapy",
        7,
    ),
    (
        "Chemistry",
        "questions both ways: would we work well together?",
        5,
    ),
    (
        "Next step",
        "start, decline, or think it over, and by when; a follow-up note comes after",
        5,
    ),
];

/// The parts of a three-way meeting of leader, sponsor and coach, and their
/// share of 60 minutes.
const THREE_WAY: &[(&str, &str, u32)] = &[
    (
        "Welcome and purpose",
        "the coach frames the meeting: what it is for, and that sessions stay confidential",
        5,
    ),
    (
        "The leader's progress",
        "the leader presents progress against each objective, in their own words",
        15,
    ),
    (
        "The sponsor's observations",
        "what the sponsor has seen change, and what they would like to see more of",
        15,
    ),
    (
        "Looking ahead",
        "agree what comes next for the leader, and the support it needs",
        15,
    ),
    (
        "Agreements and close",
        "who does what, by when; what the summary to both will record",
        10,
    ),
];

/// The phases of a session of `kind` lasting `minutes`, starting at `start`.
///
/// A regular session of 60 minutes runs check-in 10, agenda 5, core work 35,
/// commitments 8 and close 2; other lengths keep agenda and close fixed, scale
/// check-in and commitments, and give core work the rest. An intake is split in
/// proportion to its 90-minute plan, a fit conversation to its 30-minute one and a
/// three-way meeting to its 60-minute one.
pub fn phases(kind: SessionKind, minutes: u32, start: NaiveTime) -> Vec<Phase> {
    let boxes: Vec<(&'static str, &'static str, u32)> = if kind == SessionKind::Intake {
        proportional(INTAKE, minutes)
    } else if kind == SessionKind::Fit {
        proportional(FIT, minutes)
    } else if kind == SessionKind::ThreeWay {
        proportional(THREE_WAY, minutes)
    } else {
        let check_in = (minutes * 10).div_ceil(60).max(5);
        let agenda = 5;
        let commitments = (minutes * 8).div_ceil(60).max(5);
        let close = 2;
        let core = minutes
            .saturating_sub(check_in + agenda + commitments + close)
            .max(10);
        let core_purpose = match kind {
            SessionKind::Midpoint => {
                "midpoint review: progress against each objective, stakeholder context, focus for the second half"
            }
            SessionKind::Closing => {
                "closing review: what changed, what to sustain, what comes next"
            }
            _ => "questions, reframes, frameworks; test assumptions, weigh options",
        };
        vec![
            (
                "Check-in",
                "review the commitments from last time; what has shifted",
                check_in,
            ),
            (
                "Agenda",
                "agree the one or two challenges: what would make this session valuable?",
                agenda,
            ),
            ("Core work", core_purpose, core),
            (
                "Commitments",
                "specific, observable actions: what, by when, what success looks like",
                commitments,
            ),
            (
                "Close",
                "what shifted; the summary follows within 24 hours",
                close,
            ),
        ]
    };
    let mut clock = start;
    boxes
        .into_iter()
        .map(|(name, purpose, length)| {
            let begin = clock;
            clock += TimeDelta::minutes(i64::from(length));
            Phase {
                name,
                purpose,
                minutes: length,
                start: begin.format("%H:%M").to_string(),
                end: clock.format("%H:%M").to_string(),
            }
        })
        .collect()
}

/// Splits `total` minutes in proportion to the weights, rounding at each boundary so
/// the parts always add up to `total`.
fn proportional(
    plan: &[(&'static str, &'static str, u32)],
    total: u32,
) -> Vec<(&'static str, &'static str, u32)> {
    let weight: u32 = plan.iter().map(|p| p.2).sum();
    let mut cumulative = 0;
    let mut previous_boundary = 0;
    plan.iter()
        .map(|&(name, purpose, w)| {
            cumulative += w;
            let boundary = (cumulative * total + weight / 2) / weight;
            let length = boundary - previous_boundary;
            previous_boundary = boundary;
            (name, purpose, length)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn starts(kind: SessionKind, minutes: u32, start: NaiveTime) -> Vec<String> {
        let p = phases(kind, minutes, start);
        let mut v: Vec<String> = p.iter().map(|p| p.start.clone()).collect();
        v.push(p.last().unwrap().end.clone());
        v
    }

    #[test]
    fn sixty_minutes_at_half_past_two() {
        assert_eq!(
            starts(SessionKind::Regular, 60, at(14, 30)),
            ["14:30", "14:40", "14:45", "15:20", "15:28", "15:30"]
        );
    }

    #[test]
    fn forty_five_and_ninety_minutes_add_up() {
        for minutes in [45, 50, 75, 90] {
            let total: u32 = phases(SessionKind::Midpoint, minutes, at(9, 0))
                .iter()
                .map(|p| p.minutes)
                .sum();
            assert_eq!(total, minutes);
        }
        assert_eq!(
            starts(SessionKind::Regular, 45, at(9, 0)),
            ["09:00", "09:08", "09:13", "09:37", "09:43", "09:45"]
        );
    }

    #[test]
    fn an_intake_has_its_own_parts() {
        let p = phases(SessionKind::Intake, 90, at(9, 0));
        assert_eq!(p.len(), 6);
        assert_eq!(p[3].name, "Coaching agreement");
        assert_eq!(p.last().unwrap().end, "10:30");
        let total: u32 = phases(SessionKind::Intake, 75, at(9, 0))
            .iter()
            .map(|p| p.minutes)
            .sum();
        assert_eq!(total, 75);
    }

    #[test]
    fn a_fit_conversation_has_its_own_parts() {
        let p = phases(SessionKind::Fit, 30, at(16, 0));
        let names: Vec<_> = p.iter().map(|p| (p.name, p.minutes)).collect();
        assert_eq!(
            names,
            [
                ("Welcome", 3),
                ("Goals and context", 10),
                ("How coaching works", 7),
                ("Chemistry", 5),
                ("Next step", 5)
            ]
        );
        assert_eq!(p.last().unwrap().end, "16:30");
        let total: u32 = phases(SessionKind::Fit, 45, at(9, 0))
            .iter()
            .map(|p| p.minutes)
            .sum();
        assert_eq!(total, 45);
    }

    #[test]
    fn a_three_way_meeting_has_its_own_parts() {
        let p = phases(SessionKind::ThreeWay, 60, at(14, 0));
        let names: Vec<_> = p.iter().map(|p| p.name).collect();
        assert_eq!(
            names,
            [
                "Welcome and purpose",
                "The leader's progress",
                "The sponsor's observations",
                "Looking ahead",
                "Agreements and close"
            ]
        );
        assert_eq!(
            starts(SessionKind::ThreeWay, 45, at(14, 0)),
            ["14:00", "14:04", "14:15", "14:26", "14:38", "14:45"]
        );
    }
}
