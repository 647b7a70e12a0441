//! A session file's front matter and the parts of its body coach uses.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::body::Body;
use crate::model::checkin::StakeholderCheckin;
use crate::model::engagement::ClockTime;
use crate::model::words::words;

words! {
    /// What kind of session, by its place in the engagement (`kind:`, `coach
    /// new-session --kind`): the intake is session 1, for discovery; the midpoint,
    /// the middle session, reviews progress and recalibrates; the closing session,
    /// the last, consolidates and looks ahead. A three-way meeting is written as
    /// such: an extra meeting beside the midpoint or the close, outside the package.
    pub enum SessionKind: "kind" {
        /// The free fit conversation before an engagement (session 0).
        Fit => "fit",
        /// Intake and discovery.
        Intake => "intake",
        /// A five-phase session.
        Regular => "regular",
        /// The midpoint review.
        Midpoint => "midpoint",
        /// The closing session.
        Closing => "closing",
        /// Leader, sponsor and coach, beside the midpoint or the close.
        ThreeWay => "three-way",
    }
}

words! {
    /// Whether the session happened.
    pub enum SessionStatus: "status" {
        /// On the calendar.
        Planned => "planned",
        /// It took place.
        Held => "held",
        /// Called off in time; it does not use a session of the package.
        Cancelled => "cancelled",
        /// The leader did not come; it uses a session of the package.
        NoShow => "no-show",
    }
}

words! {
    /// A per-objective rating at a midpoint or closing review.
    pub enum Rating: "rating" {
        /// No movement yet.
        NotStarted => "not-started",
        /// First signs of change.
        Emerging => "emerging",
        /// Moving as hoped.
        OnTrack => "on-track",
        /// Done.
        Achieved => "achieved",
        /// Slipping.
        AtRisk => "at-risk",
    }
}

/// One objective's review entry under `progress:`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressEntry {
    /// Where the objective stands.
    pub rating: Rating,
    /// What the leader agreed the sponsor may read.
    #[serde(default)]
    pub sponsor_note: Option<String>,
}

/// The front matter coach reads. Other keys, `private:` among them, are left in the
/// file and never deserialized into anything.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FrontMatter {
    /// The session number.
    pub session: u32,
    /// Its date.
    #[serde(deserialize_with = "crate::model::dates::date")]
    pub date: NaiveDate,
    /// Its start time, when not the engagement's usual one.
    #[serde(default)]
    pub time: Option<ClockTime>,
    /// Its length, when not the default.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// Its kind, when written down.
    #[serde(default)]
    pub kind: Option<SessionKind>,
    /// Planned, held, cancelled or no-show.
    pub status: SessionStatus,
    /// Objective ids worked on.
    #[serde(default, deserialize_with = "one_or_many")]
    pub focus: Vec<String>,
    /// Readings taken, by measure id.
    #[serde(default)]
    pub measures: BTreeMap<String, f64>,
    /// The leader's 1-10 rating of the working relationship.
    #[serde(default)]
    pub alliance: Option<u8>,
    /// What shifted.
    #[serde(default)]
    pub shift: Option<String>,
    /// Per-objective reviews at midpoint and close.
    #[serde(default)]
    pub progress: BTreeMap<String, ProgressEntry>,
    /// When the pre-session prompt was sent.
    #[serde(default, deserialize_with = "crate::model::dates::optional_date")]
    pub prompt_sent: Option<NaiveDate>,
    /// When the summary was sent.
    #[serde(default, deserialize_with = "crate::model::dates::optional_date")]
    pub summary_sent: Option<NaiveDate>,
    /// What stakeholders observed, talked over at this session.
    #[serde(default, deserialize_with = "crate::model::engagement::null_as_empty")]
    pub stakeholder_checkins: Vec<StakeholderCheckin>,
}

/// Reads `focus: authority` as well as `focus: [authority, delegation]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(id)) => vec![id],
        Some(OneOrMany::Many(ids)) => ids,
    })
}

/// The number of the fit conversation's file: it comes before session 1.
pub const FIT_NUMBER: u32 = 0;

/// The front-matter keys coach knows, for typo warnings.
pub const KNOWN_KEYS: &[&str] = &[
    "session",
    "date",
    "time",
    "minutes",
    "kind",
    "status",
    "focus",
    "measures",
    "alliance",
    "shift",
    "progress",
    "prompt_sent",
    "summary_sent",
    "stakeholder_checkins",
    "private",
];

/// A parsed session file.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Where it lives.
    pub path: PathBuf,
    /// The session number.
    pub number: u32,
    /// Its date.
    pub date: NaiveDate,
    /// Its own start time, if any.
    pub time: Option<ClockTime>,
    /// Its own length, if any.
    pub minutes: Option<u32>,
    /// The kind written in the file, if any.
    pub kind: Option<SessionKind>,
    /// Planned, held, cancelled or no-show.
    pub status: SessionStatus,
    /// Objective ids worked on.
    pub focus: Vec<String>,
    /// Readings by measure id.
    pub measures: BTreeMap<String, f64>,
    /// Working-alliance rating.
    pub alliance: Option<u8>,
    /// What shifted.
    pub shift: Option<String>,
    /// Per-objective reviews.
    pub progress: BTreeMap<String, ProgressEntry>,
    /// When the prompt was sent, per the front matter.
    pub prompt_sent: Option<NaiveDate>,
    /// When the summary was sent, per the front matter.
    pub summary_sent: Option<NaiveDate>,
    /// What stakeholders observed.
    pub stakeholder_checkins: Vec<StakeholderCheckin>,
    /// Headings, agenda items, commitments and reviews.
    pub body: Body,
}

impl Session {
    /// Joins front matter and body.
    pub fn new(path: PathBuf, front: FrontMatter, body: Body) -> Self {
        Session {
            path,
            number: front.session,
            date: front.date,
            time: front.time,
            minutes: front.minutes,
            kind: front.kind,
            status: front.status,
            focus: front.focus,
            measures: front.measures,
            alliance: front.alliance,
            shift: front.shift,
            progress: front.progress,
            prompt_sent: front.prompt_sent,
            summary_sent: front.summary_sent,
            stakeholder_checkins: front.stakeholder_checkins,
            body,
        }
    }

    /// Uses a session of the package: everything but a cancellation and a
    /// three-way meeting, which is an extra meeting beside the package.
    pub fn counts_toward_package(&self) -> bool {
        !self.is_fit()
            && self.status != SessionStatus::Cancelled
            && self.kind != Some(SessionKind::ThreeWay)
    }

    /// Whether this is a three-way meeting of leader, sponsor and coach.
    pub fn is_three_way(&self) -> bool {
        self.kind == Some(SessionKind::ThreeWay)
    }

    /// Whether this is the fit conversation: session 0, before the engagement.
    pub fn is_fit(&self) -> bool {
        self.number == FIT_NUMBER
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A held or planned session with the given body, for tests elsewhere.
    pub(crate) fn session_from(number: u32, status: &str, body: &str) -> Session {
        let yaml = format!(
            "session: {number}\ndate: 2026-01-{:02}\nstatus: {status}\n",
            number * 2
        );
        let front: FrontMatter = serde_saphyr::from_str(&yaml).unwrap();
        let body = crate::parse::markdown::parse_body(body, 1);
        Session::new(PathBuf::from(format!("{number:02}.md")), front, body)
    }

    #[test]
    fn private_keys_are_not_read() {
        let yaml = "session: 1\ndate: 2026-01-12\nstatus: held\nprivate: {note: CANARY}\nextra: kept in file\n";
        let front: FrontMatter = serde_saphyr::from_str(yaml).unwrap();
        assert!(!format!("{front:?}").contains("CANARY"));
    }

    #[test]
    fn focus_may_be_one_id_or_a_list() {
        let one: FrontMatter = serde_saphyr::from_str(
            "session: 1\ndate: 2026-01-12\nstatus: held\nfocus: authority\n",
        )
        .unwrap();
        assert_eq!(one.focus, ["authority"]);
        let none: FrontMatter =
            serde_saphyr::from_str("session: 1\ndate: 2026-01-12\nstatus: held\nfocus:\n").unwrap();
        assert!(none.focus.is_empty());
    }

    #[test]
    fn statuses_and_ratings_use_kebab_case() {
        let yaml =
            "session: 3\ndate: 2026-01-12\nstatus: no-show\nprogress: {a: {rating: on-track}}\n";
        let front: FrontMatter = serde_saphyr::from_str(yaml).unwrap();
        assert_eq!(front.status, SessionStatus::NoShow);
        assert_eq!(front.progress["a"].rating, Rating::OnTrack);
    }
}
