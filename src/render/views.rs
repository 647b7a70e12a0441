//! The small serializable views that artefact contexts are built from. They hold
//! formatted strings, so templates print them as they are and output stays stable.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta};
use chrono_tz::Tz;
use serde::Serialize;

use crate::model::checkin::checkins;
use crate::model::commitment::{LedgerEntry, ReviewState};
use crate::model::engagement::{Engagement, Objective, Person};
use crate::model::local_time;
use crate::model::progress::{MeasureTrack, format_number, tracks};
use crate::model::schedule::Slot;
use crate::render::escape::link_allowed;

/// A person as templates see them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PersonView {
    /// Full name.
    pub name: String,
    /// First name, for a greeting.
    pub first_name: String,
    /// Job title or empty.
    pub role: String,
    /// Email or empty.
    pub email: String,
}

impl From<&Person> for PersonView {
    fn from(p: &Person) -> Self {
        PersonView {
            name: p.name.clone(),
            first_name: p
                .known_as
                .as_deref()
                .map(str::trim)
                .filter(|k| !k.is_empty())
                .or_else(|| p.name.split_whitespace().next())
                .unwrap_or("")
                .to_string(),
            role: p.role.clone().unwrap_or_default(),
            email: p
                .email
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        }
    }
}

/// A session's place and time, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    /// Session number.
    pub number: u32,
    /// Place in the package (0 for a cancelled session or a three-way meeting).
    pub place: u32,
    /// Sessions in the package.
    pub of: u32,
    /// intake, regular, midpoint, closing or three-way.
    pub kind: &'static str,
    /// YYYY-MM-DD.
    pub date: String,
    /// "Thursday 26 March 2026".
    pub date_long: String,
    /// "09:00".
    pub time: String,
    /// "10:00".
    pub end_time: String,
    /// Minutes.
    pub minutes: u32,
    /// The IANA zone name.
    pub timezone: String,
    /// "EDT" on that date.
    pub zone_abbreviation: String,
    /// "09:00–10:00 EDT", or "01:30 EDT–01:30 EST" when the clocks change during it.
    pub time_range: String,
}

/// The instant of `date` at `time` in `zone`, by coach's one rule for local times
/// ([`local_time::resolve`]): the earlier of an ambiguous time, the end of a gap.
pub fn zoned(zone: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Tz> {
    local_time::resolve(zone, date, time).instant()
}

/// "Thursday 26 March 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// "Tuesday 24 March 2026, 09:00 EDT".
pub fn long_moment(moment: DateTime<Tz>) -> String {
    moment.format("%A %-d %B %Y, %H:%M %Z").to_string()
}

impl SessionView {
    /// The view of a schedule slot.
    pub fn new(engagement: &Engagement, slot: &Slot) -> Self {
        let zone = engagement.timezone.0;
        let start = zoned(zone, slot.date, slot.time.0);
        let end = start + TimeDelta::minutes(i64::from(slot.minutes));
        let (from, to) = (start.format("%Z").to_string(), end.format("%Z").to_string());
        let time_range = if from == to {
            format!("{}–{} {from}", start.format("%H:%M"), end.format("%H:%M"))
        } else {
            format!(
                "{} {from}–{} {to}",
                start.format("%H:%M"),
                end.format("%H:%M")
            )
        };
        SessionView {
            number: slot.number,
            place: slot.place.unwrap_or(0),
            of: engagement.package_size(),
            kind: slot.kind.name(),
            date: slot.date.to_string(),
            date_long: long_date(slot.date),
            time: start.format("%H:%M").to_string(),
            end_time: end.format("%H:%M").to_string(),
            minutes: slot.minutes,
            timezone: zone.name().to_string(),
            zone_abbreviation: from,
            time_range,
        }
    }
}

/// Who and when: the fields every session artefact's context starts with.
#[derive(Debug, Clone, Serialize)]
pub struct SessionHeader {
    /// The leader.
    pub client: PersonView,
    /// The coach.
    pub coach: PersonView,
    /// The session.
    pub session: SessionView,
    /// Where it happens, when engagement.yaml says.
    pub meeting: Option<MeetingView>,
}

/// Where sessions happen: a video link or a place.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingView {
    /// As written in `meeting:`.
    pub text: String,
    /// The same, when it is a web link a reader can follow (no space, bracket or
    /// quote, so templates may write it as an autolink `<url>`); else empty.
    pub url: String,
}

impl MeetingView {
    /// The view of `meeting:`, or none when it is empty.
    pub fn of(engagement: &Engagement) -> Option<Self> {
        let text = engagement.meeting.as_deref()?.trim();
        let web = text.to_ascii_lowercase().starts_with("http");
        let url = web
            && link_allowed(text)
            && !text.contains(|c: char| c.is_whitespace() || "()<>\"".contains(c));
        (!text.is_empty()).then(|| MeetingView {
            text: text.to_string(),
            url: if url { text.to_string() } else { String::new() },
        })
    }
}

impl SessionHeader {
    /// The header for the session in `slot`.
    pub fn new(engagement: &Engagement, slot: &Slot) -> Self {
        SessionHeader {
            client: PersonView::from(&engagement.client),
            coach: PersonView::from(&engagement.coach),
            session: SessionView::new(engagement, slot),
            meeting: MeetingView::of(engagement),
        }
    }
}

/// An objective's id and title.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveView {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
}

impl From<&Objective> for ObjectiveView {
    fn from(o: &Objective) -> Self {
        ObjectiveView {
            id: o.id.clone(),
            title: o.title.clone(),
        }
    }
}

/// The objectives named by `ids`, in the engagement's order; unknown ids are skipped.
pub fn objectives_named(engagement: &Engagement, ids: &[String]) -> Vec<ObjectiveView> {
    engagement
        .objectives
        .iter()
        .filter(|o| ids.contains(&o.id))
        .map(ObjectiveView::from)
        .collect()
}

/// A commitment, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct CommitmentView {
    /// "S.N".
    pub id: String,
    /// The action.
    pub text: String,
    /// YYYY-MM-DD or empty.
    pub due: String,
    /// "Friday 6 February" or empty.
    pub due_long: String,
    /// What success looks like, or empty.
    pub success: String,
    /// done, open or dropped.
    pub status: &'static str,
    /// How many check-ins carried it forward.
    pub carried: u32,
    /// Where an open commitment stands on the artefact's day: `due-later`,
    /// `due-today`, `overdue`, or `no-date`; empty when done or dropped.
    pub timing: &'static str,
}

impl CommitmentView {
    /// The view of a ledger entry as it stands on `day` (the session's, for a
    /// summary or an agenda; the next session's, for a prompt).
    pub fn on(e: &LedgerEntry, day: NaiveDate) -> Self {
        let timing = match (e.status, e.due) {
            (ReviewState::Open, None) => "no-date",
            (ReviewState::Open, Some(due)) if due < day => "overdue",
            (ReviewState::Open, Some(due)) if due == day => "due-today",
            (ReviewState::Open, Some(_)) => "due-later",
            _ => "",
        };
        CommitmentView {
            timing,
            id: e.id.to_string(),
            text: e.text.clone(),
            due: e.due.map(|d| d.to_string()).unwrap_or_default(),
            due_long: e
                .due
                .map(|d| d.format("%A %-d %B").to_string())
                .unwrap_or_default(),
            success: e.success.clone().unwrap_or_default(),
            status: e.status.name(),
            carried: e.carried,
        }
    }

    /// A function giving the view of each entry on `day`, for `map`.
    pub fn as_of(day: NaiveDate) -> impl Fn(&LedgerEntry) -> Self {
        move |e| CommitmentView::on(e, day)
    }
}

/// Where a commitment stands, in words: its status (`overdue` for an open one past
/// its date), then how often a check-in carried it: "open, carried 2 times".
pub fn standing(status: &str, overdue: bool, carried: u32) -> String {
    let mut words = if overdue { "overdue" } else { status }.to_string();
    if carried > 0 {
        words.push_str(&format!(
            ", carried {carried} time{}",
            if carried == 1 { "" } else { "s" }
        ));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoned_times_follow_daylight_saving() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        assert_eq!(zoned(ny, day(3, 2), nine).format("%Z").to_string(), "EST");
        assert_eq!(zoned(ny, day(3, 26), nine).format("%Z").to_string(), "EDT");
        let skipped = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        assert_eq!(
            zoned(ny, day(3, 8), skipped).format("%H:%M").to_string(),
            "03:00"
        );
        assert_eq!(long_date(day(3, 26)), "Thursday 26 March 2026");
    }

    #[test]
    fn a_commitment_s_standing_says_overdue_and_how_often_it_was_carried() {
        assert_eq!(standing("open", false, 0), "open");
        assert_eq!(standing("open", true, 1), "overdue, carried 1 time");
        assert_eq!(standing("done", false, 2), "done, carried 2 times");
    }
}

/// A measure's baseline, latest reading and target, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureView {
    /// Its id.
    pub id: String,
    /// What is measured.
    pub label: String,
    /// Where the leader started.
    pub baseline: String,
    /// The last reading, or empty.
    pub latest: String,
    /// Where the leader wants to be.
    pub target: String,
    /// How far from baseline to target: "75%", "target reached", or empty without readings.
    pub percent: String,
}

/// An objective with its measures so far.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveStanding {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its measures.
    pub measures: Vec<MeasureView>,
}

impl From<&MeasureTrack<'_>> for MeasureView {
    fn from(t: &MeasureTrack<'_>) -> Self {
        MeasureView {
            id: t.measure.id.clone(),
            label: t.measure.label.clone(),
            baseline: format_number(t.measure.baseline),
            latest: t.latest().map(format_number).unwrap_or_default(),
            target: format_number(t.measure.target),
            percent: of_the_way(t),
        }
    }
}

/// How far a measure has come from its baseline toward its target, for a reader:
/// "75%", "target reached" at or past it, "0%" when it has moved away; empty
/// without a reading.
pub fn of_the_way(track: &MeasureTrack<'_>) -> String {
    match track.progress() {
        Some(p) if p >= 1.0 => "target reached".to_string(),
        Some(p) => format!("{:.0}%", (p * 100.0).max(0.0)),
        None => String::new(),
    }
}

/// Each objective with its measures from held sessions up to `up_to`.
pub fn standings(
    engagement: &Engagement,
    sessions: &[crate::model::session::Session],
    up_to: u32,
) -> Vec<ObjectiveStanding> {
    let all = tracks(engagement, sessions, up_to);
    engagement
        .objectives
        .iter()
        .map(|o| ObjectiveStanding {
            id: o.id.clone(),
            title: o.title.clone(),
            measures: all
                .iter()
                .filter(|t| t.objective.id == o.id)
                .map(MeasureView::from)
                .collect(),
        })
        .collect()
}

/// A stakeholder check-in, dated by the session it was recorded at.
#[derive(Debug, Clone, Serialize)]
pub struct CheckinView {
    /// The session it was recorded at.
    pub session: u32,
    /// That session's day, "9 February".
    pub date: String,
    /// Who.
    pub who: String,
    /// Manager, peer, report..., or empty.
    pub relation: String,
    /// What they observed.
    pub observed: String,
}

/// The check-ins recorded at the sessions numbered within `numbers`.
pub fn checkin_views(
    engagement: &Engagement,
    sessions: &[crate::model::session::Session],
    numbers: std::ops::RangeInclusive<u32>,
) -> Vec<CheckinView> {
    checkins(engagement, sessions, numbers)
        .into_iter()
        .map(|c| CheckinView {
            session: c.session,
            date: c.date.format("%-d %B").to_string(),
            who: c.who.to_string(),
            relation: c.relation.unwrap_or_default().to_string(),
            observed: c.observed.to_string(),
        })
        .collect()
}
