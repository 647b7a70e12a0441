//! Stakeholder check-ins: what the people around the leader observed, recorded
//! in the session file where the coach and the leader talked it over, and which
//! of them an artefact reads.

use std::ops::RangeInclusive;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::engagement::Engagement;
use crate::model::session::{Session, SessionStatus};

/// One entry of a session's `stakeholder_checkins:`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StakeholderCheckin {
    /// A stakeholder (or the sponsor) as engagement.yaml names them.
    pub who: String,
    /// Manager, peer, report...: when left out, engagement.yaml's.
    #[serde(default)]
    pub relation: Option<String>,
    /// What they observed, in a sentence or two.
    pub observed: String,
}

/// A check-in as artefacts show it: the session it was recorded at, and its
/// relation resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedCheckin<'a> {
    /// The session it was recorded at.
    pub session: u32,
    /// That session's date.
    pub date: NaiveDate,
    /// Who.
    pub who: &'a str,
    /// The check-in's own relation, else engagement.yaml's; none when neither says.
    pub relation: Option<&'a str>,
    /// What they observed.
    pub observed: &'a str,
}

/// Whether the check-ins written in `session` are read: not those of a session
/// that did not take place (cancelled, or a no-show), which `check` warns about.
pub fn is_read(session: &Session) -> bool {
    !matches!(
        session.status,
        SessionStatus::Cancelled | SessionStatus::NoShow
    )
}

/// The relation engagement.yaml gives `who`: a stakeholder's `relation:`, or
/// `sponsor` for the sponsor when they are not listed among the stakeholders.
pub fn relation_of<'a>(engagement: &'a Engagement, who: &str) -> Option<&'a str> {
    match engagement.stakeholders.iter().find(|s| s.name == who) {
        Some(stakeholder) => stakeholder.relation.as_deref(),
        None => engagement
            .sponsor
            .as_ref()
            .filter(|s| s.name == who)
            .map(|_| "sponsor"),
    }
}

/// Whether `who` names someone a check-in can be about: a stakeholder or the sponsor.
pub fn is_known(engagement: &Engagement, who: &str) -> bool {
    engagement.stakeholders.iter().any(|s| s.name == who)
        || engagement.sponsor.as_ref().is_some_and(|s| s.name == who)
}

/// The check-ins recorded at the sessions numbered within `numbers`, in session
/// order and then as written.
pub fn checkins<'a>(
    engagement: &'a Engagement,
    sessions: &'a [Session],
    numbers: RangeInclusive<u32>,
) -> Vec<DatedCheckin<'a>> {
    sessions
        .iter()
        .filter(|s| numbers.contains(&s.number) && is_read(s))
        .flat_map(|s| {
            s.stakeholder_checkins.iter().map(move |c| DatedCheckin {
                session: s.number,
                date: s.date,
                who: &c.who,
                relation: c
                    .relation
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .or_else(|| relation_of(engagement, &c.who)),
                observed: &c.observed,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::engagement::tests::engagement_with;
    use crate::model::session::FrontMatter;

    fn session(number: u32, status: &str, checkins: &str) -> Session {
        let yaml = format!(
            "session: {number}\ndate: 2026-02-{:02}\nstatus: {status}\nstakeholder_checkins:\n{checkins}",
            number * 2
        );
        let front: FrontMatter = serde_saphyr::from_str(&yaml).unwrap();
        Session::new(
            format!("{number:02}.md").into(),
            front,
            crate::parse::markdown::parse_body("", 1),
        )
    }

    fn engagement() -> Engagement {
        engagement_with(
            "sponsor: {name: Priya Shah}\nstakeholders:\n  - {name: Sam Ortiz, relation: peer}\n  - {name: Keiko Tanaka}\n",
        )
    }

    #[test]
    fn the_relation_comes_from_the_check_in_then_the_engagement() {
        let e = engagement();
        let sessions = vec![
            session(1, "held", "  - {who: Sam Ortiz, observed: Speaks first.}\n"),
            session(
                2,
                "held",
                "  - {who: Sam Ortiz, relation: manager, observed: Now reports to him.}\n  - {who: Priya Shah, observed: Visible.}\n  - {who: Keiko Tanaka, observed: Trusted.}\n",
            ),
        ];
        let read = checkins(&e, &sessions, 1..=2);
        let relations: Vec<_> = read.iter().map(|c| (c.session, c.relation)).collect();
        assert_eq!(
            relations,
            [
                (1, Some("peer")),
                (2, Some("manager")),
                (2, Some("sponsor")),
                (2, None)
            ]
        );
        assert_eq!(read[0].date, NaiveDate::from_ymd_opt(2026, 2, 2).unwrap());
    }

    #[test]
    fn only_the_sessions_asked_for_that_took_place_are_read() {
        let e = engagement();
        let one = "  - {who: Sam Ortiz, observed: Seen.}\n";
        let sessions = vec![
            session(1, "held", one),
            session(2, "cancelled", one),
            session(3, "no-show", one),
            session(4, "planned", one),
            session(5, "held", one),
        ];
        let numbers = |range| -> Vec<u32> {
            checkins(&e, &sessions, range)
                .iter()
                .map(|c| c.session)
                .collect()
        };
        assert_eq!(numbers(1..=4), [1, 4]);
        assert_eq!(numbers(2..=5), [4, 5]);
    }

    #[test]
    fn a_check_in_names_a_stakeholder_or_the_sponsor() {
        let e = engagement();
        assert!(is_known(&e, "Sam Ortiz"));
        assert!(is_known(&e, "Priya Shah"));
        assert!(!is_known(&e, "Sam Ortz"));
        assert!(
            !is_known(&e, "D"),
            "the leader is not their own stakeholder"
        );
    }

    #[test]
    fn unknown_keys_in_a_check_in_are_refused() {
        let yaml = "session: 1\ndate: 2026-01-12\nstatus: held\nstakeholder_checkins:\n  - {who: Sam Ortiz, observd: typo}\n";
        let error = serde_saphyr::from_str::<FrontMatter>(yaml).unwrap_err();
        assert!(error.to_string().contains("observd"), "{error}");
    }
}
