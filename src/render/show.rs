//! The context of `coach show`: one engagement at a glance, for the coach. It is
//! built from the model alone, which holds no session prose and no `private:`
//! keys, so no template, built-in or custom, can print them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::commitment::{ReviewState, ledger};
use crate::model::engagement::EngagementStatus;
use crate::model::pacing::{PackageUse, is_unmarked, next_session};
use crate::model::progress::tracks;
use crate::model::schedule::{Slot, SlotState, schedule};
use crate::model::session::{SessionKind, SessionStatus};
use crate::model::valid::Valid;
use crate::render::report::{
    ALLIANCE_CHART, MeasureReport, ReadingView, alliance_chart, alliance_readings, measure_chart,
    measures_of, rating_words,
};
use crate::render::sparkline::{range_of, sparkline};
use crate::render::views::{PersonView, SessionView, long_date, standing};

/// The whole context of `show.md`.
#[derive(Debug, Clone, Serialize)]
pub struct ShowContext {
    /// The day it shows the engagement as of, YYYY-MM-DD.
    pub today: String,
    /// The same, "Tuesday 24 March 2026".
    pub today_long: String,
    /// The leader.
    pub client: PersonView,
    /// The leader's organization, or empty.
    pub organization: String,
    /// The coach.
    pub coach: PersonView,
    /// The sponsor, when engagement.yaml names one.
    pub sponsor: Option<PersonView>,
    /// Where the engagement is in its life.
    pub engagement: EngagementView,
    /// How much of the package is used.
    pub package: PackageView,
    /// The coaching agreement.
    pub agreement: AgreementView,
    /// The next session to happen, if any is planned or, for an active
    /// engagement, projected from the cadence.
    pub next_session: Option<SessionView>,
    /// What needs the coach, most urgent first (as `coach status` says it).
    pub due: Vec<DueView>,
    /// The sessions in order: the fit conversation (session 0) when it has a
    /// file, those of the package with a file, then, for an active engagement,
    /// the rest of the package projected from the cadence.
    pub sessions: Vec<TimelineRow>,
    /// The commitments still open.
    pub commitments: OpenCommitments,
    /// Each objective with its latest rating and its measures' trends.
    pub objectives: Vec<ObjectiveTrend>,
    /// The working-alliance ratings.
    pub alliance: AllianceTrend,
}

/// Where the engagement is in its life.
#[derive(Debug, Clone, Serialize)]
pub struct EngagementView {
    /// prospect, active, paused or closed.
    pub status: &'static str,
    /// The intake's date, "Monday 12 January 2026".
    pub start: String,
    /// The cadence in force today.
    pub cadence: &'static str,
    /// The leader's IANA time zone.
    pub timezone: String,
    /// When it was closed, "Friday 8 May 2026", or empty.
    pub closed_on: String,
    /// Why it was closed early, or empty.
    pub closed_reason: String,
    /// Closed before any session of the package: a prospect declined.
    pub declined: bool,
}

/// How much of the package the sessions use.
#[derive(Debug, Clone, Serialize)]
pub struct PackageView {
    /// accelerated, annual or custom.
    pub name: &'static str,
    /// Sessions in the package.
    pub size: u32,
    /// Sessions used: held or missed by a no-show.
    pub used: u32,
    /// Of those, held.
    pub held: u32,
    /// Of those, no-shows.
    pub no_shows: u32,
    /// Planned in a file, not yet held.
    pub planned: u32,
    /// Places of the package with no file yet.
    pub to_schedule: u32,
    /// Cancelled sessions, which use no place.
    pub cancelled: u32,
    /// Places not yet used.
    pub left: u32,
}

/// The coaching agreement.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementView {
    /// When it was signed, "Monday 5 January 2026", or empty.
    pub signed: String,
    /// What it lets the sponsor see: attendance, progress, measures, notes.
    pub sponsor_sees: Vec<&'static str>,
}

/// One thing that needs the coach.
#[derive(Debug, Clone, Serialize)]
pub struct DueView {
    /// overdue, today, this-week, engagement or prospect.
    pub urgency: &'static str,
    /// The same for a reader: Overdue, Today, This week, Engagement, Prospect.
    pub label: &'static str,
    /// The date it concerns, YYYY-MM-DD.
    pub date: String,
    /// The session concerned, or 0.
    pub session: u32,
    /// A stable name, as in `coach status --format json`.
    pub kind: &'static str,
    /// What to do.
    pub text: String,
    /// The coach commands that do it, any one of them; none when it is for the
    /// coach to do.
    pub commands: Vec<String>,
}

/// One session of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    /// Session number.
    pub number: u32,
    /// Place in the package; none for a cancellation or the fit conversation.
    pub place: Option<u32>,
    /// YYYY-MM-DD.
    pub date: String,
    /// "Mon 12 Jan 2026".
    pub date_short: String,
    /// Its start time, "09:00", in the engagement's time zone.
    pub time: String,
    /// fit, intake, regular, midpoint or closing.
    pub kind: &'static str,
    /// held, planned, cancelled, no-show or to be scheduled.
    pub status: &'static str,
    /// The objective ids its file names under `focus:`.
    pub focus: Vec<String>,
    /// Still `planned` after its day: it needs marking.
    pub unmarked: bool,
    /// It is the next session.
    pub next: bool,
}

/// The commitments still open, as of today.
#[derive(Debug, Clone, Serialize)]
pub struct OpenCommitments {
    /// Each open commitment, by id.
    pub open: Vec<OpenCommitment>,
    /// How many of them are past their due date.
    pub overdue: usize,
}

/// An open commitment.
#[derive(Debug, Clone, Serialize)]
pub struct OpenCommitment {
    /// `S.N`.
    pub id: String,
    /// The action.
    pub text: String,
    /// YYYY-MM-DD, or empty.
    pub due: String,
    /// Past its due date.
    pub overdue: bool,
    /// How many check-ins carried it forward.
    pub carried: u32,
    /// "open", "overdue, carried 1 time": as `coach commitments` says it.
    pub standing: String,
}

/// An objective with its latest rating and its measures' trends.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveTrend {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its latest review rating, "on track", or empty.
    pub rating: &'static str,
    /// The session that rated it, or 0.
    pub rated_at: u32,
    /// Its measures.
    pub measures: Vec<MeasureTrend>,
}

/// A measure with its readings and their trend.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureTrend {
    /// Label, baseline, latest, target, direction, progress, readings, chart id.
    #[serde(flatten)]
    pub measure: MeasureReport,
    /// The readings as a sparkline over the range from baseline to target (wider
    /// when a reading falls outside it); empty in html, which draws the chart.
    pub sparkline: String,
}

/// The working-alliance ratings.
#[derive(Debug, Clone, Serialize)]
pub struct AllianceTrend {
    /// Each rating: session, date, value.
    pub readings: Vec<ReadingView>,
    /// The latest rating, or empty.
    pub latest: String,
    /// The ratings as a sparkline, a height for each rating from 3 to 10; empty
    /// in html.
    pub sparkline: String,
    /// The chart's id in html.
    pub chart: &'static str,
}

/// Where the sparklines go: into the text of md, text and json, or nowhere, for
/// html, which draws each trend as a chart instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trends {
    /// Sparklines in the context.
    Sparklines,
    /// Empty sparklines: the charts show the trends.
    Charts,
}

impl Trends {
    /// `values` as a sparkline over `range`, or nothing where charts show them.
    fn sparkline(self, values: &[f64], range: (f64, f64)) -> String {
        match self {
            Trends::Sparklines => sparkline(values, range),
            Trends::Charts => String::new(),
        }
    }
}

/// The range a 1 to 10 rating is drawn over: each rating from 3 to 10 has a height
/// of its own (eight heights, eight ratings), 1 and 2 share the lowest. Over the
/// whole scale, 7 and 8 would look the same.
const ALLIANCE_SCALE: (f64, f64) = (3.0, 10.0);

/// The context of `coach show` for `valid` on `today`, with `due` (what
/// `coach status` lists for it, most urgent first).
pub fn show_context(
    valid: &Valid,
    today: NaiveDate,
    due: Vec<DueView>,
    trends: Trends,
) -> ShowContext {
    let e = &valid.engagement;
    // The fit conversation first, outside the package. Only an active
    // engagement's future follows the cadence: a prospect has not started, a
    // paused one waits, a closed one is over.
    let timeline: Vec<Slot> = valid
        .slots()
        .into_iter()
        .filter(|s| e.status == EngagementStatus::Active || s.state != SlotState::ToBeScheduled)
        .collect();
    let next = next_session(&timeline, today).filter(|_| e.status != EngagementStatus::Closed);
    ShowContext {
        today: today.to_string(),
        today_long: long_date(today),
        client: PersonView::from(&e.client),
        organization: e.organization.clone().unwrap_or_default(),
        coach: PersonView::from(&e.coach),
        sponsor: e.sponsor.as_ref().map(PersonView::from),
        engagement: EngagementView {
            status: e.status.name(),
            start: long_date(e.start),
            cadence: e.cadence_on(today).name(),
            timezone: e.timezone.0.name().to_string(),
            closed_on: e.closed_on.map(long_date).unwrap_or_default(),
            closed_reason: e.closed_reason.clone().unwrap_or_default(),
            declined: e.status == EngagementStatus::Closed && valid.never_began(),
        },
        package: package_view(valid),
        agreement: AgreementView {
            signed: e.agreement.signed.map(long_date).unwrap_or_default(),
            sponsor_sees: e.agreement.sponsor_sees.iter().map(|v| v.name()).collect(),
        },
        next_session: next.map(|slot| SessionView::new(e, slot)),
        due,
        sessions: timeline
            .iter()
            .map(|slot| TimelineRow {
                number: slot.number,
                place: slot.place,
                date: slot.date.to_string(),
                date_short: slot.date.format("%a %-d %b %Y").to_string(),
                time: slot.time.to_string(),
                kind: slot.kind.name(),
                status: slot.state.name(),
                focus: valid
                    .session(slot.number)
                    .map(|s| s.focus.clone())
                    .unwrap_or_default(),
                unmarked: is_unmarked(slot, today),
                next: next.is_some_and(|n| n.number == slot.number),
            })
            .collect(),
        commitments: open_commitments(valid, today),
        objectives: objective_trends(valid, trends),
        alliance: alliance_trend(valid, trends),
    }
}

/// How much of the package its sessions use; the fit conversation uses none.
fn package_view(valid: &Valid) -> PackageView {
    let e = &valid.engagement;
    let package = schedule(e, &valid.sessions);
    let used = PackageUse::of(e, &package);
    // A three-way meeting is beside the package: it uses none of it.
    let count = |state| {
        package
            .iter()
            .filter(|s| s.kind != SessionKind::ThreeWay && s.state == state)
            .count() as u32
    };
    PackageView {
        name: e.package.name(),
        size: used.size,
        used: used.held,
        held: count(SlotState::Held),
        no_shows: count(SlotState::NoShow),
        planned: used.scheduled.saturating_sub(used.held),
        to_schedule: used.size.saturating_sub(used.scheduled),
        cancelled: count(SlotState::Cancelled),
        left: used.left(),
    }
}

/// The commitments open after every session on file, as they stand on `today`.
fn open_commitments(valid: &Valid, today: NaiveDate) -> OpenCommitments {
    let open: Vec<OpenCommitment> = ledger(&valid.sessions, u32::MAX)
        .into_iter()
        .filter(|c| c.status == ReviewState::Open)
        .map(|c| {
            let overdue = c.is_overdue(today);
            OpenCommitment {
                id: c.id.to_string(),
                standing: standing(c.status.name(), overdue, c.carried),
                text: c.text,
                due: c.due.map(|d| d.to_string()).unwrap_or_default(),
                overdue,
                carried: c.carried,
            }
        })
        .collect();
    OpenCommitments {
        overdue: open.iter().filter(|c| c.overdue).count(),
        open,
    }
}

/// Each objective with its latest held review's rating and its measures' readings.
fn objective_trends(valid: &Valid, trends: Trends) -> Vec<ObjectiveTrend> {
    let all_tracks = tracks(&valid.engagement, &valid.sessions, u32::MAX);
    valid
        .engagement
        .objectives
        .iter()
        .map(|o| {
            let rated = valid.sessions.iter().rev().find_map(|s| {
                let entry = s.progress.get(&o.id);
                entry
                    .filter(|_| s.status == SessionStatus::Held)
                    .map(|p| (s.number, p.rating))
            });
            let own = all_tracks.iter().filter(|t| t.objective.id == o.id);
            ObjectiveTrend {
                id: o.id.clone(),
                title: o.title.clone(),
                rating: rated.map_or("", |(_, r)| rating_words(r)),
                rated_at: rated.map_or(0, |(n, _)| n),
                measures: measures_of(&all_tracks, &o.id)
                    .into_iter()
                    .zip(own)
                    .map(|(measure, track)| {
                        let values: Vec<f64> = track.readings.iter().map(|r| r.value).collect();
                        let ends = [track.measure.baseline, track.measure.target];
                        let range = range_of(values.iter().copied().chain(ends));
                        MeasureTrend {
                            measure,
                            sparkline: trends.sparkline(&values, range),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The working-alliance ratings of every session on file.
fn alliance_trend(valid: &Valid, trends: Trends) -> AllianceTrend {
    let readings = alliance_readings(&valid.sessions, u32::MAX);
    let values: Vec<f64> = readings
        .iter()
        .filter_map(|r| r.value.parse().ok())
        .collect();
    AllianceTrend {
        latest: readings.last().map(|r| r.value.clone()).unwrap_or_default(),
        readings,
        sparkline: trends.sparkline(&values, ALLIANCE_SCALE),
        chart: ALLIANCE_CHART,
    }
}

/// The charts of the html page, drawn from the context alone: each measure's
/// readings against its baseline and target, and the alliance on its 0 to 10 scale.
pub fn show_charts(context: &ShowContext) -> BTreeMap<String, String> {
    let mut charts: BTreeMap<String, String> = context
        .objectives
        .iter()
        .flat_map(|o| &o.measures)
        .filter(|m| !m.measure.readings.is_empty())
        .filter_map(|m| Some((m.measure.chart.clone(), measure_chart(&m.measure)?)))
        .collect();
    if !context.alliance.readings.is_empty() {
        charts.insert(
            ALLIANCE_CHART.to_string(),
            alliance_chart(&context.alliance.readings),
        );
    }
    charts
}
