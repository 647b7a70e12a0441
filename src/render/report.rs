//! The progress report contexts. The sponsor's is its own type, built only from
//! what `agreement.sponsor_sees` allows: it has no field that could hold session
//! bodies, commitments, shifts, alliance ratings or reading dates, so no template
//! can print them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::commitment::{ReviewState, ledger};
use crate::model::engagement::{Engagement, SponsorView};
use crate::model::progress::{MeasureTrack, format_number, tracks};
use crate::model::session::{Rating, Session, SessionStatus};
use crate::model::valid::Valid;
use crate::render::svg::{Point, Reference, line_chart, progress_bar};
use crate::render::views::{CommitmentView, PersonView, of_the_way};

/// Midpoint or final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Up to the midpoint review.
    Midpoint,
    /// The whole engagement.
    Final,
}

/// Sessions held of the package, cancellations and no-shows.
#[derive(Debug, Clone, Serialize)]
pub struct Attendance {
    /// Held up to the review session.
    pub held: u32,
    /// Sessions in the package.
    pub package: u32,
    /// Cancelled with notice (rescheduled).
    pub cancelled: u32,
    /// No-shows.
    pub no_shows: u32,
}

/// A name and role, nothing else.
#[derive(Debug, Clone, Serialize)]
pub struct NameRole {
    /// Full name.
    pub name: String,
    /// First name, for a greeting.
    pub first_name: String,
    /// Job title, or empty.
    pub role: String,
}

/// A measure as the sponsor may see it: baseline, latest, target.
#[derive(Debug, Clone, Serialize)]
pub struct SponsorMeasure {
    /// What is measured.
    pub label: String,
    /// Where the leader started.
    pub baseline: String,
    /// The latest value, or empty.
    pub latest: String,
    /// Where the leader wants to be.
    pub target: String,
    /// The chart's id in HTML.
    pub chart: String,
}

/// An objective as the sponsor may see it.
#[derive(Debug, Clone, Serialize)]
pub struct SponsorObjective {
    /// The objective.
    pub title: String,
    /// The rating, when `progress` is shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<&'static str>,
    /// The agreed note, when `notes` are shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Baseline, latest, target, when `measures` are shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures: Option<Vec<SponsorMeasure>>,
}

/// The sponsor report's whole context.
#[derive(Debug, Clone, Serialize)]
pub struct SponsorReport {
    /// midpoint or final.
    pub stage: Stage,
    /// The leader.
    pub client: NameRole,
    /// The leader's organization.
    pub organization: String,
    /// The sponsor.
    pub sponsor: NameRole,
    /// The coach.
    pub coach: NameRole,
    /// "12 January 2026".
    pub period_from: String,
    /// "12 March 2026".
    pub period_to: String,
    /// What the leader agreed to share, in words.
    pub shared: Vec<&'static str>,
    /// When `attendance` is shared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance: Option<Attendance>,
    /// Objectives with what may be shown of them.
    pub objectives: Vec<SponsorObjective>,
}

/// A reading, for the leader's and coach's reports.
#[derive(Debug, Clone, Serialize)]
pub struct ReadingView {
    /// Session number.
    pub session: u32,
    /// YYYY-MM-DD.
    pub date: String,
    /// The value.
    pub value: String,
}

/// A measure with its readings.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureReport {
    /// Its id.
    pub id: String,
    /// What is measured.
    pub label: String,
    /// Start.
    pub baseline: String,
    /// Last reading, or empty.
    pub latest: String,
    /// Goal.
    pub target: String,
    /// "higher" or "lower": which way is better.
    pub better: &'static str,
    /// How far from baseline to target: "75%", "target reached", or empty.
    pub percent: String,
    /// Every reading up to the review.
    pub readings: Vec<ReadingView>,
    /// The chart's id in HTML.
    pub chart: String,
}

/// An objective with its rating, note and measures.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveReport {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The review's rating, or empty.
    pub rating: &'static str,
    /// The agreed sponsor note, or empty.
    pub sponsor_note: String,
    /// Whether the sponsor's report carries that note: a signed agreement whose
    /// `sponsor_sees` lists notes. The leader's report says so either way.
    pub sponsor_note_shared: bool,
    /// Its measures.
    pub measures: Vec<MeasureReport>,
}

/// Commitments kept, by status.
#[derive(Debug, Clone, Serialize)]
pub struct CommitmentTally {
    /// Done.
    pub done: usize,
    /// Still open.
    pub open: usize,
    /// Dropped.
    pub dropped: usize,
    /// All made.
    pub total: usize,
}

/// What shifted at one session.
#[derive(Debug, Clone, Serialize)]
pub struct ShiftView {
    /// Session number.
    pub session: u32,
    /// "12 January".
    pub date: String,
    /// The shift.
    pub shift: String,
}

/// The leader's and the coach's report.
#[derive(Debug, Clone, Serialize)]
pub struct FullReport {
    /// midpoint or final.
    pub stage: Stage,
    /// client or coach.
    pub audience: &'static str,
    /// The leader.
    pub client: PersonView,
    /// The coach.
    pub coach: PersonView,
    /// The leader's organization.
    pub organization: String,
    /// "12 January 2026".
    pub period_from: String,
    /// "12 March 2026".
    pub period_to: String,
    /// Sessions held, cancelled, no-shows.
    pub attendance: Attendance,
    /// Objectives with ratings and measures.
    pub objectives: Vec<ObjectiveReport>,
    /// Commitments kept.
    pub commitments: CommitmentTally,
    /// What shifted, session by session.
    pub shifts: Vec<ShiftView>,
    /// At the final report: the closing session's commitments, to sustain the change.
    pub sustain: Vec<CommitmentView>,
    /// The coach's report only: the working-alliance ratings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alliance: Option<Vec<ReadingView>>,
}

/// A rating as a reader says it: "on track".
pub fn rating_words(rating: Rating) -> &'static str {
    match rating {
        Rating::NotStarted => "not started",
        Rating::Emerging => "emerging",
        Rating::OnTrack => "on track",
        Rating::Achieved => "achieved",
        Rating::AtRisk => "at risk",
    }
}

fn in_period(sessions: &[Session], up_to: u32) -> impl Iterator<Item = &Session> {
    sessions.iter().filter(move |s| s.number <= up_to)
}

fn attendance(engagement: &Engagement, sessions: &[Session], up_to: u32) -> Attendance {
    let count = |status| {
        in_period(sessions, up_to)
            .filter(|s| s.status == status)
            .count() as u32
    };
    Attendance {
        held: count(SessionStatus::Held),
        package: engagement.package_size(),
        cancelled: count(SessionStatus::Cancelled),
        no_shows: count(SessionStatus::NoShow),
    }
}

fn long_day(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The sponsor's report for the review held at `review`. Only the parts
/// `sponsor_sees` names are filled.
pub fn sponsor_report(valid: &Valid, stage: Stage, review: &Session) -> SponsorReport {
    let e = &valid.engagement;
    let sees = |view| e.agreement.sponsor_sees.contains(&view);
    let all_tracks = tracks(e, &valid.sessions, review.number);
    let mut shared: Vec<&'static str> = Vec::new();
    for (view, words) in [
        (SponsorView::Attendance, "attendance"),
        (SponsorView::Progress, "a progress rating per objective"),
        (
            SponsorView::Measures,
            "each measure's baseline, latest value and target",
        ),
        (SponsorView::Notes, "notes the leader agreed to share"),
    ] {
        if sees(view) {
            shared.push(words);
        }
    }
    let name_role = |name: &str, role: &Option<String>| NameRole {
        name: name.to_string(),
        first_name: name.split_whitespace().next().unwrap_or("").to_string(),
        role: role.clone().unwrap_or_default(),
    };
    SponsorReport {
        stage,
        client: name_role(&e.client.name, &e.client.role),
        organization: e.organization.clone().unwrap_or_default(),
        sponsor: e
            .sponsor
            .as_ref()
            .map_or_else(|| name_role("", &None), |s| name_role(&s.name, &s.role)),
        coach: name_role(&e.coach.name, &e.coach.role),
        period_from: long_day(e.start),
        period_to: long_day(review.date),
        shared,
        attendance: sees(SponsorView::Attendance)
            .then(|| attendance(e, &valid.sessions, review.number)),
        objectives: e
            .objectives
            .iter()
            .map(|o| {
                let entry = review.progress.get(&o.id);
                SponsorObjective {
                    title: o.title.clone(),
                    rating: sees(SponsorView::Progress)
                        .then(|| entry.map_or("not rated", |p| rating_words(p.rating))),
                    note: sees(SponsorView::Notes)
                        .then(|| entry.and_then(|p| p.sponsor_note.clone()))
                        .flatten(),
                    measures: sees(SponsorView::Measures).then(|| {
                        all_tracks
                            .iter()
                            .enumerate()
                            .filter(|(_, t)| t.objective.id == o.id)
                            .map(|(index, t)| SponsorMeasure {
                                label: t.measure.label.clone(),
                                baseline: format_number(t.measure.baseline),
                                latest: t.latest().map(format_number).unwrap_or_default(),
                                target: format_number(t.measure.target),
                                chart: chart_id(index),
                            })
                            .collect()
                    }),
                }
            })
            .collect(),
    }
}

/// The HTML id of the chart of the measure at `index`: made of digits, so it is the
/// same whatever the template's escaping and whatever the measure's id holds.
fn chart_id(index: usize) -> String {
    format!("measure-{}", index + 1)
}

/// Progress bars for the sponsor's measures, drawn from the sponsor report alone.
pub fn sponsor_charts(report: &SponsorReport) -> BTreeMap<String, String> {
    let parse = |text: &str| text.parse::<f64>().ok();
    report
        .objectives
        .iter()
        .flat_map(|o| o.measures.iter().flatten())
        .filter_map(|m| {
            let svg = progress_bar(
                &m.label,
                parse(&m.baseline)?,
                parse(&m.latest),
                parse(&m.target)?,
            );
            Some((m.chart.clone(), svg))
        })
        .collect()
}

fn reading_views(track: &MeasureTrack<'_>) -> Vec<ReadingView> {
    track
        .readings
        .iter()
        .map(|r| ReadingView {
            session: r.session,
            date: r.date.to_string(),
            value: format_number(r.value),
        })
        .collect()
}

/// The leader's (`coach` false) or the coach's report for the review at `review`.
pub fn full_report(valid: &Valid, stage: Stage, review: &Session, for_coach: bool) -> FullReport {
    let e = &valid.engagement;
    let all_tracks = tracks(e, &valid.sessions, review.number);
    let entries = ledger(&valid.sessions, review.number);
    let count = |state| entries.iter().filter(|c| c.status == state).count();
    let notes_shared =
        e.agreement.signed.is_some() && e.agreement.sponsor_sees.contains(&SponsorView::Notes);
    FullReport {
        stage,
        audience: if for_coach { "coach" } else { "client" },
        client: PersonView::from(&e.client),
        coach: PersonView::from(&e.coach),
        organization: e.organization.clone().unwrap_or_default(),
        period_from: long_day(e.start),
        period_to: long_day(review.date),
        attendance: attendance(e, &valid.sessions, review.number),
        objectives: e
            .objectives
            .iter()
            .map(|o| {
                let entry = review.progress.get(&o.id);
                ObjectiveReport {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    rating: entry.map_or("", |p| rating_words(p.rating)),
                    sponsor_note: entry
                        .and_then(|p| p.sponsor_note.clone())
                        .unwrap_or_default(),
                    sponsor_note_shared: notes_shared,
                    measures: all_tracks
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| t.objective.id == o.id)
                        .map(|(index, t)| MeasureReport {
                            id: t.measure.id.clone(),
                            label: t.measure.label.clone(),
                            baseline: format_number(t.measure.baseline),
                            latest: t.latest().map(format_number).unwrap_or_default(),
                            target: format_number(t.measure.target),
                            better: if t.measure.target < t.measure.baseline {
                                "lower"
                            } else {
                                "higher"
                            },
                            percent: of_the_way(t),
                            readings: reading_views(t),
                            chart: chart_id(index),
                        })
                        .collect(),
                }
            })
            .collect(),
        commitments: CommitmentTally {
            done: count(ReviewState::Done),
            open: count(ReviewState::Open),
            dropped: count(ReviewState::Dropped),
            total: entries.len(),
        },
        shifts: in_period(&valid.sessions, review.number)
            .filter(|s| s.status == SessionStatus::Held)
            .filter_map(|s| {
                s.shift.as_ref().map(|shift| ShiftView {
                    session: s.number,
                    date: s.date.format("%-d %B").to_string(),
                    shift: shift.clone(),
                })
            })
            .collect(),
        sustain: if stage == Stage::Final {
            entries
                .iter()
                .filter(|c| c.id.session == review.number)
                .map(CommitmentView::as_of(review.date))
                .collect()
        } else {
            Vec::new()
        },
        alliance: for_coach.then(|| {
            in_period(&valid.sessions, review.number)
                .filter_map(|s| {
                    s.alliance.map(|a| ReadingView {
                        session: s.number,
                        date: s.date.to_string(),
                        value: a.to_string(),
                    })
                })
                .collect()
        }),
    }
}

/// Line charts of each measure (and the alliance, for the coach), from the report alone.
pub fn full_charts(report: &FullReport) -> BTreeMap<String, String> {
    let points = |readings: &[ReadingView]| -> Vec<Point> {
        readings
            .iter()
            .filter_map(|r| {
                Some(Point {
                    date: r.date.parse().ok()?,
                    label: format!("Session {}", r.session),
                    value: r.value.parse().ok()?,
                })
            })
            .collect()
    };
    let mut charts = BTreeMap::new();
    for measure in report.objectives.iter().flat_map(|o| &o.measures) {
        let (Ok(baseline), Ok(target)) = (
            measure.baseline.parse::<f64>(),
            measure.target.parse::<f64>(),
        ) else {
            continue;
        };
        let references = [
            Reference {
                label: "baseline",
                value: baseline,
                colour: "#52606d",
            },
            Reference {
                label: "target",
                value: target,
                colour: "#3f7d20",
            },
        ];
        charts.insert(
            measure.chart.clone(),
            line_chart(
                &measure.label,
                &points(&measure.readings),
                &references,
                None,
            ),
        );
    }
    if let Some(alliance) = &report.alliance {
        charts.insert(
            "alliance".to_string(),
            line_chart(
                "Working alliance (1-10)",
                &points(alliance),
                &[],
                Some((0.0, 10.0)),
            ),
        );
    }
    charts
}
