//! The coach's own insights: each engagement's figures with its leader,
//! organization and measures named, the practice's aggregates, the early
//! warnings and what is going well. For the coach alone; the firm's report is
//! `render::anonymous`, built from numbers only.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::engagement::EngagementStatus;
use crate::model::insights::{
    FollowThrough, Highlight, MIN_GROUP, Outcome, PracticeFigures, RatingCounts, Review,
    StageFigures, Warning,
};
use crate::model::session::Rating;
use crate::model::stats::Spread;
use crate::model::valid::Valid;
use crate::render::figures::{Decimal, Percent};
use crate::render::report::rating_words;
use crate::render::svg::{Series, bar_chart, scatter};

/// The progress bands' names, in the order of `model::insights::progress_band`.
pub const PROGRESS_BAND_NAMES: [&str; 6] = ["below 0", "0–25", "25–50", "50–75", "75–99", "100"];

/// The follow-through bands' names, in the order of `model::insights::follow_through_band`.
const FOLLOW_THROUGH_BAND_NAMES: [&str; 4] = ["under 50%", "50–75%", "75–90%", "90%+"];

/// The colours of the midpoint and close series in charts (blue and orange,
/// told apart without colour vision too; both above 3:1 on white).
pub const MIDPOINT_COLOUR: &str = "#b35c1e";
/// See [`MIDPOINT_COLOUR`].
pub const CLOSE_COLOUR: &str = "#2f5d8a";

/// The whole context of `insights.md`.
#[derive(Debug, Clone, Serialize)]
pub struct Insights {
    /// YYYY-MM-DD.
    pub today: String,
    /// "Tuesday 24 March 2026".
    pub today_long: String,
    /// The fewest engagements a correlation is shown for.
    pub minimum: usize,
    /// What was counted.
    pub counts: Counts,
    /// Early warnings: ongoing engagements first, then closed ones.
    pub warnings: Vec<Notice>,
    /// What is going well, in the same order.
    pub highlights: Vec<Notice>,
    /// Across the practice.
    pub practice: PracticeView,
    /// Each engagement counted.
    pub engagements: Vec<EngagementView>,
    /// Engagements with errors, not counted.
    pub skipped: Vec<Skipped>,
}

/// How many engagements of each kind.
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    /// Counted in the figures.
    pub counted: usize,
    /// Of which active.
    pub active: usize,
    /// Of which paused.
    pub paused: usize,
    /// Of which closed.
    pub closed: usize,
    /// Prospects: not counted.
    pub prospects: usize,
    /// With errors: not counted.
    pub skipped: usize,
}

/// A warning or a highlight about one engagement.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    /// The leader.
    pub leader: String,
    /// The engagement folder, as shown.
    pub engagement: String,
    /// active, paused or closed.
    pub status: &'static str,
    /// alliance-drop, plateau, low-follow-through; strong-follow-through,
    /// objectives-achieved.
    pub kind: &'static str,
    /// The kind in words: "Alliance drop".
    pub title: &'static str,
    /// The session it points at, or 0.
    pub session: u32,
    /// What was seen, in words.
    pub detail: String,
}

/// An engagement left out because its files have errors.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    /// The leader, or "?" when engagement.yaml cannot be read.
    pub leader: String,
    /// The engagement folder, as shown.
    pub engagement: String,
    /// How many errors `coach check` finds.
    pub errors: usize,
    /// The first of them, `path:line:column: error[code]: message`.
    pub first: String,
}

/// Objectives by rating at one review.
#[derive(Debug, Clone, Serialize)]
pub struct RatingsView {
    /// Not started.
    pub not_started: u32,
    /// Emerging.
    pub emerging: u32,
    /// On track.
    pub on_track: u32,
    /// Achieved.
    pub achieved: u32,
    /// At risk.
    pub at_risk: u32,
    /// Not rated at the review.
    pub not_rated: u32,
    /// Every objective.
    pub total: u32,
    /// "2 achieved, 1 on track".
    pub summary: String,
}

impl From<RatingCounts> for RatingsView {
    fn from(c: RatingCounts) -> Self {
        let parts: Vec<String> = [
            (c.achieved, rating_words(Rating::Achieved)),
            (c.on_track, rating_words(Rating::OnTrack)),
            (c.emerging, rating_words(Rating::Emerging)),
            (c.not_started, rating_words(Rating::NotStarted)),
            (c.at_risk, rating_words(Rating::AtRisk)),
            (c.not_rated, "not rated"),
        ]
        .iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, words)| format!("{count} {words}"))
        .collect();
        RatingsView {
            not_started: c.not_started,
            emerging: c.emerging,
            on_track: c.on_track,
            achieved: c.achieved,
            at_risk: c.at_risk,
            not_rated: c.not_rated,
            total: c.total(),
            summary: if parts.is_empty() {
                "no objectives".to_string()
            } else {
                parts.join(", ")
            },
        }
    }
}

/// One engagement at one review.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    /// The review's session number.
    pub session: u32,
    /// Progress toward the targets then, or null without readings.
    pub progress: Option<Percent>,
    /// Objectives by rating.
    pub ratings: RatingsView,
    /// The mean alliance rating up to the review, or null.
    pub alliance: Option<Decimal>,
}

impl From<&Review> for ReviewView {
    fn from(r: &Review) -> Self {
        ReviewView {
            session: r.session,
            progress: r.progress.map(Percent),
            ratings: r.ratings.into(),
            alliance: r.alliance.map(Decimal::one),
        }
    }
}

/// A measure's share of the way at the two reviews.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureInsight {
    /// The objective's title.
    pub objective: String,
    /// What is measured.
    pub label: String,
    /// "higher" or "lower": which way is better.
    pub better: &'static str,
    /// At the midpoint review, or null.
    pub at_midpoint: Option<Percent>,
    /// At the close, or null.
    pub at_close: Option<Percent>,
    /// From its latest reading, or null.
    pub latest: Option<Percent>,
}

/// Commitment follow-through.
#[derive(Debug, Clone, Serialize)]
pub struct FollowThroughView {
    /// Done.
    pub done: u32,
    /// Dropped.
    pub dropped: u32,
    /// Open past their due date.
    pub overdue: u32,
    /// Open, not yet due or without a date: not counted.
    pub pending: u32,
    /// done + dropped + overdue.
    pub counted: u32,
    /// done ÷ counted, or null when nothing is counted.
    pub share: Option<Percent>,
}

impl From<FollowThrough> for FollowThroughView {
    fn from(f: FollowThrough) -> Self {
        FollowThroughView {
            done: f.done,
            dropped: f.dropped,
            overdue: f.overdue,
            pending: f.pending,
            counted: f.counted(),
            share: f.share().map(Percent),
        }
    }
}

/// The working alliance over an engagement.
#[derive(Debug, Clone, Serialize)]
pub struct AllianceView {
    /// Sessions with a rating.
    pub ratings: usize,
    /// Their mean, or null.
    pub mean: Option<Decimal>,
    /// Least-squares change per rated session, from three ratings; or null.
    pub slope: Option<Decimal>,
    /// rising, steady or falling; empty under three ratings.
    pub trend: &'static str,
}

/// One engagement's figures.
#[derive(Debug, Clone, Serialize)]
pub struct EngagementView {
    /// The leader.
    pub leader: String,
    /// The leader's organization, or empty.
    pub organization: String,
    /// The engagement folder, as shown.
    pub engagement: String,
    /// active, paused or closed.
    pub status: &'static str,
    /// Sessions held.
    pub held: u32,
    /// Sessions in the package.
    pub package: u32,
    /// At the held midpoint review, or null.
    pub midpoint: Option<ReviewView>,
    /// At the close, or null.
    pub close: Option<ReviewView>,
    /// Progress toward the targets from the latest readings, or null.
    pub latest: Option<Percent>,
    /// Each measure.
    pub measures: Vec<MeasureInsight>,
    /// Commitment follow-through.
    pub follow_through: FollowThroughView,
    /// The working alliance.
    pub alliance: AllianceView,
    /// The kinds of its warnings.
    pub warnings: Vec<&'static str>,
    /// The kinds of its highlights.
    pub highlights: Vec<&'static str>,
}

/// The view of one engagement's outcome; `folder` is how its folder is shown.
pub fn engagement_view(folder: String, valid: &Valid, outcome: &Outcome) -> EngagementView {
    let e = &valid.engagement;
    EngagementView {
        leader: e.client.name.clone(),
        organization: e.organization.clone().unwrap_or_default(),
        engagement: folder,
        status: e.status.name(),
        held: outcome.held,
        package: outcome.package,
        midpoint: outcome.midpoint.as_ref().map(ReviewView::from),
        close: outcome.close.as_ref().map(ReviewView::from),
        latest: outcome.latest.map(Percent),
        measures: e
            .measures()
            .zip(&outcome.measures)
            .map(|((objective, measure), shares)| MeasureInsight {
                objective: objective.title.clone(),
                label: measure.label.clone(),
                better: if measure.target < measure.baseline {
                    "lower"
                } else {
                    "higher"
                },
                at_midpoint: shares.at_midpoint.map(Percent),
                at_close: shares.at_close.map(Percent),
                latest: shares.latest.map(Percent),
            })
            .collect(),
        follow_through: outcome.follow_through.into(),
        alliance: AllianceView {
            ratings: outcome.alliance.ratings,
            mean: outcome.alliance.mean.map(Decimal::one),
            slope: outcome.alliance.slope.map(Decimal::two),
            trend: outcome.alliance.trend().map_or("", |t| t.name()),
        },
        warnings: outcome.warnings.iter().map(Warning::kind).collect(),
        highlights: outcome.highlights.iter().map(Highlight::kind).collect(),
    }
}

/// A warning in words, as insights and `coach status` show it.
pub fn warning_detail(warning: &Warning) -> String {
    match warning {
        Warning::AllianceDrop {
            session,
            rating,
            earlier_best,
        } => format!(
            "the leader rated the working alliance {rating} at session {session}, {} points below the best of the ratings before it ({earlier_best})",
            earlier_best - rating
        ),
        Warning::Plateau {
            measures,
            since_session,
        } => format!(
            "no measure has moved toward its target over its last three readings ({measures} measure{} not moving since session {since_session})",
            if *measures == 1 { "" } else { "s" }
        ),
        Warning::LowFollowThrough(f) => tally(f),
    }
}

/// "3 of 10 commitments done, 30% (5 dropped, 2 open past due)".
fn tally(f: &FollowThrough) -> String {
    let mut also = Vec::new();
    if f.dropped > 0 {
        also.push(format!("{} dropped", f.dropped));
    }
    if f.overdue > 0 {
        also.push(format!("{} open past due", f.overdue));
    }
    let also = if also.is_empty() {
        String::new()
    } else {
        format!(" ({})", also.join(", "))
    };
    let share = f.share().map(|s| Percent(s).text()).unwrap_or_default();
    format!(
        "{} of {} commitments done, {share}{also}",
        f.done,
        f.counted()
    )
}

/// A warning in a line of its own, as `coach status` lists it: "plateau: no measure…".
pub fn warning_message(warning: &Warning) -> String {
    format!(
        "{}: {}",
        warning_title(warning).to_lowercase(),
        warning_detail(warning)
    )
}

fn warning_title(warning: &Warning) -> &'static str {
    match warning {
        Warning::AllianceDrop { .. } => "Alliance drop",
        Warning::Plateau { .. } => "Plateau",
        Warning::LowFollowThrough(_) => "Low follow-through",
    }
}

fn highlight_notice(highlight: &Highlight) -> (&'static str, String) {
    match highlight {
        Highlight::StrongFollowThrough(f) => ("Strong follow-through", tally(f)),
        Highlight::ObjectivesAchieved {
            objectives,
            targets_reached,
            measured,
        } => {
            let mut detail = format!("every objective ({objectives}) rated achieved at the close");
            if *measured > 0 {
                detail.push_str(&format!(
                    "; {targets_reached} of {measured} measures at or past their target"
                ));
            }
            ("Objectives achieved", detail)
        }
    }
}

/// The warnings and highlights of the engagements, ongoing ones first.
fn notices(views: &[EngagementView], outcomes: &[Outcome]) -> (Vec<Notice>, Vec<Notice>) {
    let mut warnings = Vec::new();
    let mut highlights = Vec::new();
    for (view, outcome) in views.iter().zip(outcomes) {
        let notice = |kind, title, session, detail| Notice {
            leader: view.leader.clone(),
            engagement: view.engagement.clone(),
            status: view.status,
            kind,
            title,
            session,
            detail,
        };
        for w in &outcome.warnings {
            warnings.push(notice(
                w.kind(),
                warning_title(w),
                w.session(),
                warning_detail(w),
            ));
        }
        for h in &outcome.highlights {
            let (title, detail) = highlight_notice(h);
            highlights.push(notice(h.kind(), title, 0, detail));
        }
    }
    let closed_last = |n: &Notice| n.status == EngagementStatus::Closed.name();
    warnings.sort_by_key(closed_last);
    highlights.sort_by_key(closed_last);
    (warnings, highlights)
}

/// Where a set of shares lies.
#[derive(Debug, Clone, Serialize)]
pub struct SpreadView {
    /// The lowest.
    pub min: Percent,
    /// The lower quartile.
    pub lower_quartile: Percent,
    /// The median.
    pub median: Percent,
    /// The upper quartile.
    pub upper_quartile: Percent,
    /// The highest.
    pub max: Percent,
    /// The mean.
    pub mean: Percent,
}

impl From<Spread> for SpreadView {
    fn from(s: Spread) -> Self {
        SpreadView {
            min: Percent(s.min),
            lower_quartile: Percent(s.lower_quartile),
            median: Percent(s.median),
            upper_quartile: Percent(s.upper_quartile),
            max: Percent(s.max),
            mean: Percent(s.mean),
        }
    }
}

/// A rank correlation with its n.
#[derive(Debug, Clone, Serialize)]
pub struct CorrelationView {
    /// Engagements with both figures.
    pub n: usize,
    /// Spearman's rho, shown from `minimum` engagements on and when both sides vary.
    pub rho: Option<Decimal>,
}

/// The practice at one review.
#[derive(Debug, Clone, Serialize)]
pub struct StageView {
    /// Engagements that held this review.
    pub reviewed: usize,
    /// Engagements with a progress figure at it.
    pub measured: usize,
    /// Where their progress lies, or null.
    pub spread: Option<SpreadView>,
    /// Objectives by rating, added up.
    pub ratings: RatingsView,
    /// Alliance mean up to the review against progress at it.
    pub correlation: CorrelationView,
}

impl From<&StageFigures> for StageView {
    fn from(s: &StageFigures) -> Self {
        StageView {
            reviewed: s.reviewed,
            measured: s.progress.len(),
            spread: s.spread.map(SpreadView::from),
            ratings: s.ratings.into(),
            correlation: CorrelationView {
                n: s.correlation.n,
                rho: s.correlation.rho.map(Decimal::two),
            },
        }
    }
}

/// A band of progress with the engagements in it at each review.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressBand {
    /// "25–50".
    pub name: &'static str,
    /// Engagements in it at the midpoint review.
    pub midpoint: u32,
    /// Engagements in it at the close.
    pub close: u32,
}

/// A band of follow-through with the engagements in it.
#[derive(Debug, Clone, Serialize)]
pub struct Band {
    /// "75–90%".
    pub name: &'static str,
    /// Engagements in it.
    pub engagements: u32,
}

/// Follow-through across the practice.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeFollowThrough {
    /// Engagements with a follow-through figure.
    pub engagements: usize,
    /// Every commitment pooled.
    pub pooled: FollowThroughView,
    /// Where the engagements' figures lie, or null.
    pub spread: Option<SpreadView>,
    /// Engagements per band: under 50%, 50–75%, 75–90%, 90% or more.
    pub bands: Vec<Band>,
}

/// The working alliance across the practice.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeAlliance {
    /// Engagements with a rating.
    pub engagements: usize,
    /// The median of their means, or null.
    pub median: Option<Decimal>,
    /// The lowest engagement mean, or null.
    pub min: Option<Decimal>,
    /// The highest, or null.
    pub max: Option<Decimal>,
}

/// Across the practice.
#[derive(Debug, Clone, Serialize)]
pub struct PracticeView {
    /// At the midpoint review.
    pub midpoint: StageView,
    /// At the close.
    pub close: StageView,
    /// Engagements per progress band at each review.
    pub progress_bands: Vec<ProgressBand>,
    /// Commitment follow-through.
    pub follow_through: PracticeFollowThrough,
    /// The working alliance.
    pub alliance: PracticeAlliance,
}

impl From<&PracticeFigures> for PracticeView {
    fn from(p: &PracticeFigures) -> Self {
        PracticeView {
            midpoint: (&p.midpoint).into(),
            close: (&p.close).into(),
            progress_bands: PROGRESS_BAND_NAMES
                .iter()
                .enumerate()
                .map(|(i, name)| ProgressBand {
                    name,
                    midpoint: p.midpoint.bands[i],
                    close: p.close.bands[i],
                })
                .collect(),
            follow_through: PracticeFollowThrough {
                engagements: p.follow_through_shares.len(),
                pooled: p.follow_through.into(),
                spread: p.follow_through_spread.map(SpreadView::from),
                bands: FOLLOW_THROUGH_BAND_NAMES
                    .iter()
                    .enumerate()
                    .map(|(i, name)| Band {
                        name,
                        engagements: p.follow_through_bands[i],
                    })
                    .collect(),
            },
            alliance: PracticeAlliance {
                engagements: p.alliance.map_or(0, |s| s.n),
                median: p.alliance.map(|s| Decimal::one(s.median)),
                min: p.alliance.map(|s| Decimal::one(s.min)),
                max: p.alliance.map(|s| Decimal::one(s.max)),
            },
        }
    }
}

/// The insights context from the counted engagements (their views and outcomes,
/// in the same order), the prospects' count and the engagements skipped.
pub fn insights(
    today: chrono::NaiveDate,
    views: Vec<EngagementView>,
    outcomes: &[Outcome],
    prospects: usize,
    skipped: Vec<Skipped>,
) -> Insights {
    let figures = PracticeFigures::of(outcomes);
    let (warnings, highlights) = notices(&views, outcomes);
    Insights {
        today: today.to_string(),
        today_long: crate::render::views::long_date(today),
        minimum: MIN_GROUP,
        counts: Counts {
            counted: figures.engagements,
            active: figures.active,
            paused: figures.paused,
            closed: figures.closed,
            prospects,
            skipped: skipped.len(),
        },
        warnings,
        highlights,
        practice: (&figures).into(),
        engagements: views,
        skipped,
    }
}

/// The charts of the insights page, from its context alone: progress bands at
/// the two reviews and follow-through bands (when there is a figure to count), and
/// alliance against progress (when a correlation is shown).
pub fn insights_charts(context: &Insights) -> BTreeMap<String, String> {
    let p = &context.practice;
    let mut charts = BTreeMap::new();
    let bands = |pick: fn(&ProgressBand) -> u32| p.progress_bands.iter().map(pick).collect();
    if p.midpoint.measured + p.close.measured > 0 {
        charts.insert(
            "progress".to_string(),
            bar_chart(
                "Engagements by progress toward their targets",
                &PROGRESS_BAND_NAMES,
                &[
                    Series {
                        name: "at the midpoint review",
                        colour: MIDPOINT_COLOUR,
                        values: bands(|b| b.midpoint),
                    },
                    Series {
                        name: "at the close",
                        colour: CLOSE_COLOUR,
                        values: bands(|b| b.close),
                    },
                ],
                "% of the way from baseline to target",
            ),
        );
    }
    if p.follow_through.engagements > 0 {
        charts.insert(
            "follow-through".to_string(),
            bar_chart(
                "Engagements by commitment follow-through",
                &FOLLOW_THROUGH_BAND_NAMES,
                &[Series {
                    name: "engagements",
                    colour: CLOSE_COLOUR,
                    values: p
                        .follow_through
                        .bands
                        .iter()
                        .map(|b| b.engagements)
                        .collect(),
                }],
                "commitments done of those due",
            ),
        );
    }
    let points = |reviews: &mut dyn Iterator<Item = &ReviewView>| -> Vec<(f64, f64)> {
        reviews
            .filter_map(|r| Some((r.alliance?.value(), r.progress?.0)))
            .collect()
    };
    let engagements = &context.engagements;
    let series: Vec<Series<'_, (f64, f64)>> = [
        (
            "at the midpoint review",
            MIDPOINT_COLOUR,
            &p.midpoint,
            points(&mut engagements.iter().filter_map(|e| e.midpoint.as_ref())),
        ),
        (
            "at the close",
            CLOSE_COLOUR,
            &p.close,
            points(&mut engagements.iter().filter_map(|e| e.close.as_ref())),
        ),
    ]
    .into_iter()
    .filter(|(_, _, stage, _)| stage.correlation.n >= MIN_GROUP)
    .map(|(name, colour, _, values)| Series {
        name,
        colour,
        values,
    })
    .collect();
    if !series.is_empty() {
        charts.insert(
            "alliance-outcome".to_string(),
            scatter(
                "Each engagement's mean alliance rating and its progress",
                &series,
                "mean alliance rating",
                "progress toward targets",
            ),
        );
    }
    charts
}
