//! `engagement.yaml`: who, package, cadence, agreement, objectives, stakeholders.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::email::EmailAddress;
use crate::model::words::words;

/// A person named in the engagement.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// What to call them in a greeting, when it is not the first word of the name
    /// ("Hồng" for Nguyễn Thị Hồng, "Jane" for Dr. Jane Smith).
    #[serde(default)]
    pub known_as: Option<String>,
    /// Job title.
    #[serde(default)]
    pub role: Option<String>,
    /// Where mail goes: exactly one address, checked when the file is read.
    #[serde(default)]
    pub email: Option<EmailAddress>,
}

words! {
    /// Where the engagement is in its life.
    pub enum EngagementStatus: "engagement status" {
        /// A fit conversation; no sessions yet.
        Prospect => "prospect",
        /// Sessions are running.
        Active => "active",
        /// On hold.
        Paused => "paused",
        /// Finished.
        Closed => "closed",
    }
}

words! {
    /// The package bought (`package:`, `coach init --package`). A custom package
    /// gives its count as `sessions:` (`--sessions` to `coach init`).
    pub enum Package: "package" {
        /// 12 sessions over 6 months.
        Accelerated => "accelerated",
        /// 24 sessions over 12 months.
        Annual => "annual",
        /// Any count, with --sessions.
        Custom => "custom",
    }
}

words! {
    /// How often sessions happen (`cadence:`, `coach init --cadence`): weekly is
    /// every 7 days, biweekly every 14, monthly the same day of the next month.
    pub enum Cadence: "cadence" {
        /// Every week.
        Weekly => "weekly",
        /// Every two weeks.
        Biweekly => "biweekly",
        /// Every month.
        Monthly => "monthly",
    }
}

impl Cadence {
    /// The date one step of this cadence after `date`.
    pub fn after(self, date: NaiveDate) -> NaiveDate {
        match self {
            Cadence::Weekly => date + chrono::Days::new(7),
            Cadence::Biweekly => date + chrono::Days::new(14),
            Cadence::Monthly => date
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(date + chrono::Days::new(30)),
        }
    }
}

/// A dated change of cadence.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CadenceChange {
    /// From this date on.
    #[serde(deserialize_with = "crate::model::dates::date")]
    pub from: NaiveDate,
    /// The new cadence.
    pub cadence: Cadence,
    /// Why (a reorg, a board cycle...).
    #[serde(default)]
    pub reason: Option<String>,
}

words! {
    /// What a sponsor report may show.
    #[derive(PartialOrd, Ord)]
    pub enum SponsorView: "sponsor view" {
        /// Sessions held of planned.
        Attendance => "attendance",
        /// Per-objective ratings.
        Progress => "progress",
        /// Baseline, latest and target of each measure.
        Measures => "measures",
        /// The `sponsor_note` texts the leader agreed to.
        Notes => "notes",
        /// Stakeholder check-ins: who, their relation, what they observed.
        Stakeholders => "stakeholders",
    }
}

/// The written coaching agreement.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// When it was signed; without it no sponsor report is written.
    #[serde(default, deserialize_with = "crate::model::dates::optional_date")]
    pub signed: Option<NaiveDate>,
    /// What the leader agreed the sponsor may see.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub sponsor_sees: Vec<SponsorView>,
}

/// A measure of an objective: baseline, target, readings at sessions.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Referenced by sessions' `measures:`.
    pub id: String,
    /// What is measured, for people.
    pub label: String,
    /// Where the leader started.
    pub baseline: f64,
    /// Where the leader wants to be; below the baseline means lower is better.
    pub target: f64,
}

/// One of the engagement's objectives.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Referenced by sessions' `focus:` and `progress:`.
    pub id: String,
    /// The objective in a sentence.
    pub title: String,
    /// How progress is measured.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub measures: Vec<Measure>,
}

/// Someone around the leader whose view matters.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    /// Full name.
    pub name: String,
    /// Job title.
    #[serde(default)]
    pub role: Option<String>,
    /// Peer, manager, report...
    #[serde(default)]
    pub relation: Option<String>,
}

/// A clock time written "HH:MM".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(pub NaiveTime);

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_clock_time(&text)
            .map(ClockTime)
            .map_err(serde::de::Error::custom)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

/// Parses "HH:MM" with a message a person can act on.
pub fn parse_clock_time(text: &str) -> Result<NaiveTime, String> {
    let trimmed = text.trim();
    crate::model::dates::time_written_plainly(trimmed)
        .map_or_else(|| NaiveTime::parse_from_str(trimmed, "%H:%M"), Ok)
        .map_err(|_| format!("`{text}` is not a time: write it as \"HH:MM\", e.g. \"09:30\""))
}

/// An IANA time zone name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZone(pub Tz);

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_time_zone(&text)
            .map(TimeZone)
            .map_err(serde::de::Error::custom)
    }
}

impl Serialize for TimeZone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.name())
    }
}

/// Parses an IANA zone name such as `Europe/London`.
pub fn parse_time_zone(text: &str) -> Result<Tz, String> {
    text.trim().parse::<Tz>().map_err(|_| {
        let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
        format!(
            "unknown time zone `{text}`{} (IANA names look like America/New_York or Europe/London)",
            crate::suggest::did_you_mean(text.trim(), names)
        )
    })
}

/// Reads a list that may be left empty (`stakeholders:` with nothing after it).
pub fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

fn default_time() -> ClockTime {
    ClockTime(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default())
}
fn default_session_minutes() -> u32 {
    60
}
fn default_intake_minutes() -> u32 {
    90
}
fn default_cadence() -> Cadence {
    Cadence::Biweekly
}
fn default_status() -> EngagementStatus {
    EngagementStatus::Active
}

/// The whole of `engagement.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Engagement {
    /// The leader being coached.
    pub client: Person,
    /// The leader's organization.
    #[serde(default)]
    pub organization: Option<String>,
    /// The coach.
    pub coach: Person,
    /// Who pays, when someone other than the leader does.
    #[serde(default)]
    pub sponsor: Option<Person>,
    /// Lifecycle status.
    #[serde(default = "default_status")]
    pub status: EngagementStatus,
    /// Accelerated, annual or custom.
    pub package: Package,
    /// The session count of a custom package.
    #[serde(default)]
    pub sessions: Option<u32>,
    /// The date of the intake session.
    #[serde(deserialize_with = "crate::model::dates::date")]
    pub start: NaiveDate,
    /// The usual start time.
    #[serde(default = "default_time")]
    pub time: ClockTime,
    /// The leader's time zone.
    pub timezone: TimeZone,
    /// The cadence at the start.
    #[serde(default = "default_cadence")]
    pub cadence: Cadence,
    /// Dated changes of cadence.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub cadence_changes: Vec<CadenceChange>,
    /// Length of a regular session.
    #[serde(default = "default_session_minutes")]
    pub session_minutes: u32,
    /// Length of the intake.
    #[serde(default = "default_intake_minutes")]
    pub intake_minutes: u32,
    /// Where sessions happen: a video link or a place, for the calendar, the prompt
    /// and the agenda.
    #[serde(default)]
    pub meeting: Option<String>,
    /// The written agreement.
    #[serde(default)]
    pub agreement: Agreement,
    /// What the engagement is for.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub objectives: Vec<Objective>,
    /// The people around the leader.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub stakeholders: Vec<Stakeholder>,
    /// The day `coach close` closed the engagement.
    #[serde(default, deserialize_with = "crate::model::dates::optional_date")]
    pub closed_on: Option<NaiveDate>,
    /// Why it was closed before its closing session and final reports (`coach close --force`).
    #[serde(default)]
    pub closed_reason: Option<String>,
}

/// The largest package coach schedules.
pub const MAX_SESSIONS: u32 = 200;

/// The top-level keys engagement.yaml knows, for typo warnings.
pub const KNOWN_KEYS: &[&str] = &[
    "client",
    "organization",
    "coach",
    "sponsor",
    "status",
    "package",
    "sessions",
    "start",
    "time",
    "timezone",
    "cadence",
    "cadence_changes",
    "session_minutes",
    "intake_minutes",
    "meeting",
    "agreement",
    "objectives",
    "stakeholders",
    "closed_on",
    "closed_reason",
    "private",
];

impl Engagement {
    /// How many sessions the package holds.
    pub fn package_size(&self) -> u32 {
        match self.package {
            Package::Accelerated => 12,
            Package::Annual => 24,
            Package::Custom => self.sessions.unwrap_or(0),
        }
    }

    /// The cadence in force on `date`.
    pub fn cadence_on(&self, date: NaiveDate) -> Cadence {
        self.cadence_changes
            .iter()
            .filter(|c| c.from <= date)
            .max_by_key(|c| c.from)
            .map_or(self.cadence, |c| c.cadence)
    }

    /// The objective with this id.
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    /// Every measure, with the objective it belongs to.
    pub fn measures(&self) -> impl Iterator<Item = (&Objective, &Measure)> {
        self.objectives
            .iter()
            .flat_map(|o| o.measures.iter().map(move |m| (o, m)))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal engagement (accelerated, from Monday 12 January 2026 in New York)
    /// with `extra` YAML after it, for tests elsewhere.
    pub(crate) fn engagement_with(extra: &str) -> Engagement {
        let yaml = format!(
            "client: {{name: D}}\ncoach: {{name: A}}\npackage: accelerated\nstart: 2026-01-12\ntimezone: America/New_York\n{extra}"
        );
        serde_saphyr::from_str(&yaml).expect("a valid engagement")
    }

    fn engagement(yaml: &str) -> Engagement {
        serde_saphyr::from_str(yaml).unwrap()
    }

    const MINIMAL: &str = "client: {name: Dana Reyes}\ncoach: {name: Alex Morgan}\npackage: accelerated\nstart: 2026-01-12\ntimezone: America/New_York\n";

    #[test]
    fn defaults_fill_a_minimal_file() {
        let e = engagement(MINIMAL);
        assert_eq!(e.package_size(), 12);
        assert_eq!(e.cadence, Cadence::Biweekly);
        assert_eq!(e.session_minutes, 60);
        assert_eq!(e.intake_minutes, 90);
        assert_eq!(e.time.to_string(), "09:00");
    }

    #[test]
    fn cadence_changes_apply_from_their_date() {
        let e = engagement(&format!(
            "{MINIMAL}cadence_changes:\n  - {{from: 2026-03-02, cadence: weekly}}\n  - {{from: 2026-05-04, cadence: monthly}}\n"
        ));
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(e.cadence_on(day(3, 1)), Cadence::Biweekly);
        assert_eq!(e.cadence_on(day(3, 2)), Cadence::Weekly);
        assert_eq!(e.cadence_on(day(6, 1)), Cadence::Monthly);
        assert_eq!(Cadence::Monthly.after(day(1, 31)), day(2, 28));
    }

    #[test]
    fn a_custom_package_counts_its_sessions() {
        let e = engagement(&MINIMAL.replace("accelerated", "custom"));
        assert_eq!(e.package_size(), 0);
        let e = engagement(&format!(
            "{}sessions: 8\n",
            MINIMAL.replace("accelerated", "custom")
        ));
        assert_eq!(e.package_size(), 8);
    }

    #[test]
    fn bad_time_zone_and_time_are_explained() {
        let err = serde_saphyr::from_str::<Engagement>(
            &MINIMAL.replace("America/New_York", "Mars/Olympus"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown time zone `Mars/Olympus`"));
        let err =
            serde_saphyr::from_str::<Engagement>(&format!("{MINIMAL}time: \"9am\"\n")).unwrap_err();
        assert!(err.to_string().contains("is not a time"));
    }
}
