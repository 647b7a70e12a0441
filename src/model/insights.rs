//! A coach's outcomes, one engagement at a time and across a practice: progress
//! toward targets at the midpoint review and at the close, objectives by rating,
//! commitment follow-through, the working alliance, the early warnings drawn from
//! them, and the practice's aggregates. Numbers and enums only (no names,
//! labels, dates or text), so the anonymous firm report is built from these
//! alone. docs/INSIGHTS.md defines every figure and threshold.

use chrono::NaiveDate;

use crate::model::commitment::{LedgerEntry, ReviewState, ledger};
use crate::model::engagement::{EngagementStatus, Objective};
use crate::model::progress::{MeasureTrack, share_of_the_way, tracks};
use crate::model::schedule::{SlotState, midpoint_place, schedule};
use crate::model::session::{Rating, Session, SessionStatus};
use crate::model::stats::{Spread, mean, slope, spearman};
use crate::model::valid::Valid;

/// The fewest engagements a practice-wide correlation is shown for, and that any
/// figure of the anonymous report may be drawn from.
pub const MIN_GROUP: usize = 5;

/// An alliance drop: the latest rating is this many points (of 10) or more
/// below the best of the ratings just before it.
pub const ALLIANCE_DROP_POINTS: u8 = 2;

/// How many ratings before the latest an alliance drop is measured against.
pub const ALLIANCE_DROP_LOOKBACK: usize = 4;

/// A plateau: no measure moved toward its target over this many readings.
pub const PLATEAU_READINGS: usize = 3;

/// Low follow-through: under this share of commitments done...
pub const LOW_FOLLOW_THROUGH: f64 = 0.5;

/// Strong follow-through: this share of commitments done, or more...
pub const STRONG_FOLLOW_THROUGH: f64 = 0.9;

/// ...either only once this many commitments are counted.
pub const FOLLOW_THROUGH_MIN_COUNTED: u32 = 4;

/// A working-alliance trend is steady while its slope stays within this many
/// points per rated session either way.
pub const STEADY_SLOPE: f64 = 0.1;

/// Readings closer than this count as the same value.
const SAME: f64 = 1e-9;

/// Commitment follow-through: done ÷ (done + dropped + open past due).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowThrough {
    /// Reviewed as done (or ticked in their own session).
    pub done: u32,
    /// Struck out at a review.
    pub dropped: u32,
    /// Still open after their due date.
    pub overdue: u32,
    /// Still open and not yet due, or without a due date: not counted.
    pub pending: u32,
}

impl FollowThrough {
    /// The follow-through of `entries` as it stands on `as_of`.
    pub fn of(entries: &[LedgerEntry], as_of: NaiveDate) -> Self {
        let mut f = FollowThrough::default();
        for entry in entries {
            match entry.status {
                ReviewState::Done => f.done += 1,
                ReviewState::Dropped => f.dropped += 1,
                ReviewState::Open if entry.is_overdue(as_of) => f.overdue += 1,
                ReviewState::Open => f.pending += 1,
            }
        }
        f
    }

    /// The commitments the share is taken over: done, dropped, open past due.
    pub fn counted(&self) -> u32 {
        self.done + self.dropped + self.overdue
    }

    /// done ÷ counted, or none when nothing is counted yet.
    pub fn share(&self) -> Option<f64> {
        let counted = self.counted();
        (counted > 0).then(|| f64::from(self.done) / f64::from(counted))
    }

    /// Both tallies together: the practice's pooled follow-through.
    pub fn plus(self, other: FollowThrough) -> Self {
        FollowThrough {
            done: self.done + other.done,
            dropped: self.dropped + other.dropped,
            overdue: self.overdue + other.overdue,
            pending: self.pending + other.pending,
        }
    }

    /// Under [`LOW_FOLLOW_THROUGH`] with at least [`FOLLOW_THROUGH_MIN_COUNTED`] counted.
    pub fn is_low(&self) -> bool {
        self.counted() >= FOLLOW_THROUGH_MIN_COUNTED
            && self.share().is_some_and(|s| s < LOW_FOLLOW_THROUGH)
    }

    /// At least [`STRONG_FOLLOW_THROUGH`] with at least [`FOLLOW_THROUGH_MIN_COUNTED`] counted.
    pub fn is_strong(&self) -> bool {
        self.counted() >= FOLLOW_THROUGH_MIN_COUNTED
            && self.share().is_some_and(|s| s >= STRONG_FOLLOW_THROUGH)
    }
}

/// How many objectives a review rated each way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RatingCounts {
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
    /// Objectives the review left without a rating.
    pub not_rated: u32,
}

impl RatingCounts {
    /// The ratings `review` gave the engagement's `objectives`.
    pub fn of(objectives: &[Objective], review: &Session) -> Self {
        let mut counts = RatingCounts::default();
        for objective in objectives {
            let slot = match review.progress.get(&objective.id).map(|p| p.rating) {
                Some(Rating::NotStarted) => &mut counts.not_started,
                Some(Rating::Emerging) => &mut counts.emerging,
                Some(Rating::OnTrack) => &mut counts.on_track,
                Some(Rating::Achieved) => &mut counts.achieved,
                Some(Rating::AtRisk) => &mut counts.at_risk,
                None => &mut counts.not_rated,
            };
            *slot += 1;
        }
        counts
    }

    /// Every objective counted.
    pub fn total(&self) -> u32 {
        self.not_started
            + self.emerging
            + self.on_track
            + self.achieved
            + self.at_risk
            + self.not_rated
    }

    /// 1 for each rating given at least once, else 0: added up over reviews,
    /// how many engagements gave each rating.
    pub fn presence(self) -> Self {
        let one = |count: u32| u32::from(count > 0);
        RatingCounts {
            not_started: one(self.not_started),
            emerging: one(self.emerging),
            on_track: one(self.on_track),
            achieved: one(self.achieved),
            at_risk: one(self.at_risk),
            not_rated: one(self.not_rated),
        }
    }

    /// Both counts together.
    pub fn plus(self, o: RatingCounts) -> Self {
        RatingCounts {
            not_started: self.not_started + o.not_started,
            emerging: self.emerging + o.emerging,
            on_track: self.on_track + o.on_track,
            achieved: self.achieved + o.achieved,
            at_risk: self.at_risk + o.at_risk,
            not_rated: self.not_rated + o.not_rated,
        }
    }
}

/// The engagement at one review: the held midpoint review, or the close.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// The session number of the review.
    pub session: u32,
    /// Its objectives' ratings.
    pub ratings: RatingCounts,
    /// The engagement's progress then: see [`engagement_progress`].
    pub progress: Option<f64>,
    /// The mean of the alliance ratings up to and including it.
    pub alliance: Option<f64>,
}

/// One measure's share of the way from baseline to target at the two reviews,
/// in the order of `Engagement::measures`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasureShares {
    /// At the midpoint review, from the latest reading up to it.
    pub at_midpoint: Option<f64>,
    /// At the close.
    pub at_close: Option<f64>,
    /// From its latest reading.
    pub latest: Option<f64>,
}

/// Which way the working alliance is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Slope above [`STEADY_SLOPE`].
    Rising,
    /// Slope within [`STEADY_SLOPE`] either way.
    Steady,
    /// Slope below −[`STEADY_SLOPE`].
    Falling,
}

impl Trend {
    /// The trend a slope shows.
    pub fn of(slope: f64) -> Self {
        if slope > STEADY_SLOPE {
            Trend::Rising
        } else if slope < -STEADY_SLOPE {
            Trend::Falling
        } else {
            Trend::Steady
        }
    }

    /// Its word.
    pub fn name(self) -> &'static str {
        match self {
            Trend::Rising => "rising",
            Trend::Steady => "steady",
            Trend::Falling => "falling",
        }
    }
}

/// The leader's alliance ratings over the engagement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Alliance {
    /// How many held sessions carry a rating.
    pub ratings: usize,
    /// Their mean.
    pub mean: Option<f64>,
    /// Their least-squares slope, points per rated session; from three ratings on.
    pub slope: Option<f64>,
}

impl Alliance {
    /// The trend its slope shows, from three ratings on.
    pub fn trend(&self) -> Option<Trend> {
        self.slope.map(Trend::of)
    }
}

/// Something to look at before the next session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// The latest alliance rating fell [`ALLIANCE_DROP_POINTS`] or more below the
    /// best of the [`ALLIANCE_DROP_LOOKBACK`] ratings before it.
    AllianceDrop {
        /// The session of the latest rating.
        session: u32,
        /// The latest rating.
        rating: u8,
        /// The best of the ratings before it.
        earlier_best: u8,
    },
    /// No measure moved toward its target over its last [`PLATEAU_READINGS`] readings.
    Plateau {
        /// The measures with that many readings, none of them moving.
        measures: usize,
        /// The session since which none has moved.
        since_session: u32,
    },
    /// Follow-through under [`LOW_FOLLOW_THROUGH`].
    LowFollowThrough(FollowThrough),
}

impl Warning {
    /// The stable name scripts read: `alliance-drop`, `plateau`, `low-follow-through`.
    pub fn kind(&self) -> &'static str {
        match self {
            Warning::AllianceDrop { .. } => "alliance-drop",
            Warning::Plateau { .. } => "plateau",
            Warning::LowFollowThrough(_) => "low-follow-through",
        }
    }

    /// The session it points at, or 0 for the engagement as a whole.
    pub fn session(&self) -> u32 {
        match self {
            Warning::AllianceDrop { session, .. } => *session,
            Warning::Plateau { since_session, .. } => *since_session,
            Warning::LowFollowThrough(_) => 0,
        }
    }
}

/// Something going well, worth knowing as a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    /// Follow-through of [`STRONG_FOLLOW_THROUGH`] or more.
    StrongFollowThrough(FollowThrough),
    /// The closing review rated every objective achieved.
    ObjectivesAchieved {
        /// The objectives, all achieved.
        objectives: u32,
        /// Measures at or past their target at the close.
        targets_reached: u32,
        /// Measures with a reading at the close.
        measured: u32,
    },
}

impl Highlight {
    /// The stable name scripts read: `strong-follow-through`, `objectives-achieved`.
    pub fn kind(&self) -> &'static str {
        match self {
            Highlight::StrongFollowThrough(_) => "strong-follow-through",
            Highlight::ObjectivesAchieved { .. } => "objectives-achieved",
        }
    }
}

/// Everything insights knows about one engagement.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Active, paused or closed (prospects are not counted).
    pub status: EngagementStatus,
    /// Sessions in the package.
    pub package: u32,
    /// Sessions held.
    pub held: u32,
    /// The held midpoint review, if any.
    pub midpoint: Option<Review>,
    /// The close: the held closing session, or the last held session of an
    /// engagement closed before it.
    pub close: Option<Review>,
    /// Each measure's share at the two reviews and now.
    pub measures: Vec<MeasureShares>,
    /// The engagement's progress from each measure's latest reading.
    pub latest: Option<f64>,
    /// Commitment follow-through, as of today (a closed engagement: as of its
    /// last held session, after which nothing can be reviewed).
    pub follow_through: FollowThrough,
    /// The working alliance.
    pub alliance: Alliance,
    /// The early warnings.
    pub warnings: Vec<Warning>,
    /// What is going well.
    pub highlights: Vec<Highlight>,
}

/// An engagement's progress toward its targets: the mean over its measures of
/// each one's share of the way, each capped to −1 and 1 (going past one target
/// does not make up for another; one collapse does not swamp the rest). None
/// when no measure has a share.
pub fn engagement_progress(shares: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let capped: Vec<f64> = shares
        .into_iter()
        .flatten()
        .map(|s| s.clamp(-1.0, 1.0))
        .collect();
    mean(&capped)
}

/// Alliance ratings of held sessions, in session order.
fn alliance_ratings(sessions: &[Session]) -> Vec<(u32, u8)> {
    sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Held)
        .filter_map(|s| s.alliance.map(|a| (s.number, a)))
        .collect()
}

/// The alliance-drop warning, when the latest of `ratings` (session, rating) is
/// [`ALLIANCE_DROP_POINTS`] or more below the best of the
/// [`ALLIANCE_DROP_LOOKBACK`] before it.
pub fn alliance_drop(ratings: &[(u32, u8)]) -> Option<Warning> {
    let (&(session, rating), before) = ratings.split_last()?;
    let earlier_best = before
        .iter()
        .rev()
        .take(ALLIANCE_DROP_LOOKBACK)
        .map(|r| r.1)
        .max()?;
    (earlier_best.saturating_sub(rating) >= ALLIANCE_DROP_POINTS).then_some(Warning::AllianceDrop {
        session,
        rating,
        earlier_best,
    })
}

/// The plateau warning: at least one measure has [`PLATEAU_READINGS`] readings,
/// and no measure moved toward its target over its last ones (for a measure with
/// fewer, over those it has). A measure at or past its target is not stuck, and
/// one whose baseline is its target cannot move toward it: either ends the search.
pub fn plateau(tracks: &[MeasureTrack<'_>]) -> Option<Warning> {
    let mut stuck = 0;
    let mut since_session = 0;
    for track in tracks {
        let window = &track.readings[track.readings.len().saturating_sub(PLATEAU_READINGS)..];
        let (Some(first), Some(last)) = (window.first(), window.last()) else {
            continue;
        };
        let share = |value| share_of_the_way(track.measure, value);
        let (Some(from), Some(to)) = (share(first.value), share(last.value)) else {
            continue;
        };
        if to > from + SAME || to >= 1.0 {
            return None;
        }
        if window.len() == PLATEAU_READINGS {
            stuck += 1;
            since_session = since_session.max(first.session);
        }
    }
    (stuck > 0).then_some(Warning::Plateau {
        measures: stuck,
        since_session,
    })
}

/// The warnings of an engagement from its parts.
fn warnings_of(
    ratings: &[(u32, u8)],
    tracks: &[MeasureTrack<'_>],
    follow_through: FollowThrough,
) -> Vec<Warning> {
    let mut warnings: Vec<Warning> = [alliance_drop(ratings), plateau(tracks)]
        .into_iter()
        .flatten()
        .collect();
    if follow_through.is_low() {
        warnings.push(Warning::LowFollowThrough(follow_through));
    }
    warnings
}

/// The day follow-through is judged on: today, or for a closed engagement its
/// last held session (its closing commitments can no longer be reviewed).
fn judged_on(valid: &Valid, today: NaiveDate) -> NaiveDate {
    if valid.engagement.status == EngagementStatus::Closed {
        let last_held = valid
            .sessions
            .iter()
            .rev()
            .find(|s| s.status == SessionStatus::Held);
        last_held.map_or(today, |s| s.date.min(today))
    } else {
        today
    }
}

fn follow_through_of(valid: &Valid, today: NaiveDate) -> FollowThrough {
    let last = valid.sessions.last().map_or(0, |s| s.number);
    FollowThrough::of(&ledger(&valid.sessions, last), judged_on(valid, today))
}

/// The early warnings of one engagement, as `coach status` shows them.
pub fn warnings(valid: &Valid, today: NaiveDate) -> Vec<Warning> {
    let e = &valid.engagement;
    warnings_of(
        &alliance_ratings(&valid.sessions),
        &tracks(e, &valid.sessions, u32::MAX),
        follow_through_of(valid, today),
    )
}

/// Everything insights knows about one engagement without errors.
pub fn outcome(valid: &Valid, today: NaiveDate) -> Outcome {
    let e = &valid.engagement;
    let sessions = &valid.sessions;
    let slots = schedule(e, sessions);
    let size = e.package_size();
    let held_at = |place: u32| {
        slots
            .iter()
            .find(|s| s.place == Some(place) && s.state == SlotState::Held)
            .and_then(|s| valid.session(s.number))
    };
    let last_held = sessions
        .iter()
        .rev()
        .find(|s| s.status == SessionStatus::Held);
    let midpoint_session = held_at(midpoint_place(size));
    let close_session =
        held_at(size).or_else(|| last_held.filter(|_| e.status == EngagementStatus::Closed));
    let ratings = alliance_ratings(sessions);
    let shares_at = |review: Option<&Session>| -> Vec<Option<f64>> {
        match review {
            Some(r) => tracks(e, sessions, r.number)
                .iter()
                .map(MeasureTrack::progress)
                .collect(),
            None => vec![None; e.measures().count()],
        }
    };
    let all_tracks = tracks(e, sessions, u32::MAX);
    let at_midpoint = shares_at(midpoint_session);
    let at_close = shares_at(close_session);
    let latest: Vec<Option<f64>> = all_tracks.iter().map(MeasureTrack::progress).collect();
    let review = |session: Option<&Session>, shares: &[Option<f64>]| {
        session.map(|s| Review {
            session: s.number,
            ratings: RatingCounts::of(&e.objectives, s),
            progress: engagement_progress(shares.iter().copied()),
            alliance: mean(
                &ratings
                    .iter()
                    .filter(|r| r.0 <= s.number)
                    .map(|r| f64::from(r.1))
                    .collect::<Vec<_>>(),
            ),
        })
    };
    let values: Vec<f64> = ratings.iter().map(|r| f64::from(r.1)).collect();
    let alliance = Alliance {
        ratings: values.len(),
        mean: mean(&values),
        slope: (values.len() >= 3).then(|| slope(&values)).flatten(),
    };
    let follow_through = follow_through_of(valid, today);
    let midpoint = review(midpoint_session, &at_midpoint);
    let close = review(close_session, &at_close);
    let mut highlights = Vec::new();
    if follow_through.is_strong() {
        highlights.push(Highlight::StrongFollowThrough(follow_through));
    }
    if let Some(close) = &close {
        let objectives = close.ratings.total();
        if objectives > 0 && close.ratings.achieved == objectives {
            highlights.push(Highlight::ObjectivesAchieved {
                objectives,
                targets_reached: at_close.iter().flatten().filter(|s| **s >= 1.0).count() as u32,
                measured: at_close.iter().flatten().count() as u32,
            });
        }
    }
    Outcome {
        status: e.status,
        package: size,
        held: slots
            .iter()
            .filter(|s| s.place.is_some() && s.state == SlotState::Held)
            .count() as u32,
        measures: latest
            .iter()
            .enumerate()
            .map(|(i, latest)| MeasureShares {
                at_midpoint: at_midpoint.get(i).copied().flatten(),
                at_close: at_close.get(i).copied().flatten(),
                latest: *latest,
            })
            .collect(),
        latest: engagement_progress(latest.iter().copied()),
        warnings: warnings_of(&ratings, &all_tracks, follow_through),
        midpoint,
        close,
        follow_through,
        alliance,
        highlights,
    }
}

/// Where an engagement's progress falls: below 0, 0–25%, 25–50%, 50–75%,
/// 75–100% (not reached), every target reached (100%).
pub const PROGRESS_BANDS: usize = 6;

/// The band of [`PROGRESS_BANDS`] a progress figure falls in.
pub fn progress_band(progress: f64) -> usize {
    if progress < 0.0 {
        0
    } else if progress >= 1.0 {
        5
    } else {
        1 + (progress * 4.0) as usize
    }
}

/// Where an engagement's follow-through falls: under 50% (low), 50–75%,
/// 75–90%, 90% or more (strong).
pub const FOLLOW_THROUGH_BANDS: usize = 4;

/// The band of [`FOLLOW_THROUGH_BANDS`] a follow-through share falls in.
pub fn follow_through_band(share: f64) -> usize {
    if share < LOW_FOLLOW_THROUGH {
        0
    } else if share < 0.75 {
        1
    } else if share < STRONG_FOLLOW_THROUGH {
        2
    } else {
        3
    }
}

/// A rank correlation and the number of engagements it is drawn from; the
/// coefficient only from [`MIN_GROUP`] engagements on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Correlation {
    /// Engagements with both figures.
    pub n: usize,
    /// Spearman's rho, when `n` is at least [`MIN_GROUP`] and both sides vary.
    pub rho: Option<f64>,
}

impl Correlation {
    /// The correlation of the pairs, withheld under [`MIN_GROUP`].
    pub fn of(pairs: &[(f64, f64)]) -> Self {
        Correlation {
            n: pairs.len(),
            rho: (pairs.len() >= MIN_GROUP)
                .then(|| spearman(pairs))
                .flatten(),
        }
    }
}

/// The practice at one review (the midpoint or the close).
#[derive(Debug, Clone, PartialEq)]
pub struct StageFigures {
    /// Each engagement's progress at the review, in engagement order.
    pub progress: Vec<f64>,
    /// Their spread.
    pub spread: Option<Spread>,
    /// How many fall in each band of [`progress_band`].
    pub bands: [u32; PROGRESS_BANDS],
    /// Engagements that held this review.
    pub reviewed: usize,
    /// Their objectives' ratings, added up.
    pub ratings: RatingCounts,
    /// How many of them gave each rating to at least one objective.
    pub engagements_by_rating: RatingCounts,
    /// Each engagement's (alliance mean up to the review, progress at it).
    pub alliance_and_progress: Vec<(f64, f64)>,
    /// Their rank correlation.
    pub correlation: Correlation,
}

impl StageFigures {
    fn of<'a>(reviews: impl Iterator<Item = &'a Review>) -> Self {
        let reviews: Vec<&Review> = reviews.collect();
        let progress: Vec<f64> = reviews.iter().filter_map(|r| r.progress).collect();
        let mut bands = [0; PROGRESS_BANDS];
        for p in &progress {
            bands[progress_band(*p)] += 1;
        }
        let alliance_and_progress: Vec<(f64, f64)> = reviews
            .iter()
            .filter_map(|r| Some((r.alliance?, r.progress?)))
            .collect();
        StageFigures {
            spread: Spread::of(&progress),
            bands,
            reviewed: reviews.len(),
            ratings: reviews
                .iter()
                .fold(RatingCounts::default(), |sum, r| sum.plus(r.ratings)),
            engagements_by_rating: reviews.iter().fold(RatingCounts::default(), |sum, r| {
                sum.plus(r.ratings.presence())
            }),
            correlation: Correlation::of(&alliance_and_progress),
            alliance_and_progress,
            progress,
        }
    }
}

/// The whole practice's figures, from its engagements' outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeFigures {
    /// Engagements counted.
    pub engagements: usize,
    /// Of which active.
    pub active: usize,
    /// Of which paused.
    pub paused: usize,
    /// Of which closed.
    pub closed: usize,
    /// At the midpoint review.
    pub midpoint: StageFigures,
    /// At the close.
    pub close: StageFigures,
    /// Every engagement's commitments pooled.
    pub follow_through: FollowThrough,
    /// Each engagement's follow-through share, where it has one.
    pub follow_through_shares: Vec<f64>,
    /// Their spread.
    pub follow_through_spread: Option<Spread>,
    /// How many fall in each band of [`follow_through_band`].
    pub follow_through_bands: [u32; FOLLOW_THROUGH_BANDS],
    /// The spread of the engagements' mean alliance ratings.
    pub alliance: Option<Spread>,
}

impl PracticeFigures {
    /// The figures of these engagements.
    pub fn of(outcomes: &[Outcome]) -> Self {
        let count = |status| outcomes.iter().filter(|o| o.status == status).count();
        let shares: Vec<f64> = outcomes
            .iter()
            .filter_map(|o| o.follow_through.share())
            .collect();
        let mut follow_through_bands = [0; FOLLOW_THROUGH_BANDS];
        for s in &shares {
            follow_through_bands[follow_through_band(*s)] += 1;
        }
        let alliance: Vec<f64> = outcomes.iter().filter_map(|o| o.alliance.mean).collect();
        PracticeFigures {
            engagements: outcomes.len(),
            active: count(EngagementStatus::Active),
            paused: count(EngagementStatus::Paused),
            closed: count(EngagementStatus::Closed),
            midpoint: StageFigures::of(outcomes.iter().filter_map(|o| o.midpoint.as_ref())),
            close: StageFigures::of(outcomes.iter().filter_map(|o| o.close.as_ref())),
            follow_through: outcomes.iter().fold(FollowThrough::default(), |sum, o| {
                sum.plus(o.follow_through)
            }),
            follow_through_spread: Spread::of(&shares),
            follow_through_shares: shares,
            follow_through_bands,
            alliance: Spread::of(&alliance),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::engagement::Measure;
    use crate::model::progress::Reading;
    use crate::model::progress::tests::measure;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn entry(session: u32, status: ReviewState, due: Option<u32>) -> LedgerEntry {
        LedgerEntry {
            id: crate::model::commitment::CommitmentId { session, item: 1 },
            text: String::new(),
            due: due.map(day),
            success: None,
            made_on: day(1),
            status,
            carried: 0,
        }
    }

    #[test]
    fn follow_through_counts_done_dropped_and_open_past_due() {
        use ReviewState::*;
        // By hand: 3 done, 1 dropped, 1 open due the 10th (past on the 20th),
        // 1 open due the 25th and 1 open without a date (neither counted):
        // 3 / (3 + 1 + 1) = 0.6.
        let entries = [
            entry(1, Done, Some(5)),
            entry(2, Done, None),
            entry(3, Done, Some(30)),
            entry(4, Dropped, Some(6)),
            entry(5, Open, Some(10)),
            entry(6, Open, Some(25)),
            entry(7, Open, None),
        ];
        let f = FollowThrough::of(&entries, day(20));
        assert_eq!(
            (f.done, f.dropped, f.overdue, f.pending, f.counted()),
            (3, 1, 1, 2, 5)
        );
        assert_eq!(f.share(), Some(0.6));
        // Due on the day itself is not yet past due.
        assert_eq!(FollowThrough::of(&entries, day(10)).overdue, 0);
        assert_eq!(FollowThrough::default().share(), None);
    }

    #[test]
    fn follow_through_thresholds_and_their_minimum() {
        let f = |done, dropped| FollowThrough {
            done,
            dropped,
            overdue: 0,
            pending: 0,
        };
        assert!(f(1, 3).is_low(), "25% of 4");
        assert!(!f(2, 2).is_low(), "50% is not under 50%");
        assert!(!f(0, 3).is_low(), "3 counted is too few to judge");
        assert!(f(9, 1).is_strong(), "90% of 10");
        assert!(!f(8, 1).is_strong(), "89%");
        assert!(!f(3, 0).is_strong(), "3 counted is too few to judge");
        assert!(f(4, 0).is_strong());
    }

    #[test]
    fn an_alliance_drop_is_two_points_below_the_best_of_the_four_before() {
        let s = |values: &[u8]| -> Vec<(u32, u8)> {
            values
                .iter()
                .enumerate()
                .map(|(i, v)| (i as u32 + 2, *v))
                .collect()
        };
        assert_eq!(
            alliance_drop(&s(&[9, 9, 8, 7])),
            Some(Warning::AllianceDrop {
                session: 5,
                rating: 7,
                earlier_best: 9
            })
        );
        assert_eq!(alliance_drop(&s(&[9, 9, 8, 8])), None, "one point");
        assert_eq!(alliance_drop(&s(&[9, 9, 6, 9])), None, "recovered");
        assert_eq!(
            alliance_drop(&s(&[10, 6, 6, 6, 6, 6])),
            None,
            "the 10 is five ratings back: the drop is old news"
        );
        assert!(alliance_drop(&s(&[10, 6, 6, 6, 6])).is_some());
        assert_eq!(alliance_drop(&s(&[8])), None, "nothing to compare with");
        assert_eq!(alliance_drop(&[]), None);
    }

    fn track<'a>(
        objective: &'a Objective,
        measure: &'a Measure,
        values: &[f64],
    ) -> MeasureTrack<'a> {
        MeasureTrack {
            objective,
            measure,
            readings: values
                .iter()
                .enumerate()
                .map(|(i, &value)| Reading {
                    session: i as u32 + 1,
                    date: day(1),
                    value,
                })
                .collect(),
        }
    }

    #[test]
    fn a_plateau_is_no_measure_moving_over_its_last_three_readings() {
        let o = Objective {
            id: "o".into(),
            title: "O".into(),
            measures: vec![],
        };
        let (up, down, flat) = (measure(4.0, 8.0), measure(12.0, 4.0), measure(5.0, 5.0));
        let stuck = |values: &[f64]| plateau(&[track(&o, &up, values)]);
        assert_eq!(
            stuck(&[4.0, 5.0, 6.0, 6.0, 6.0]),
            Some(Warning::Plateau {
                measures: 1,
                since_session: 3
            })
        );
        assert_eq!(stuck(&[4.0, 5.0, 5.0, 6.0]), None, "5 -> 5 -> 6 moved up");
        assert!(
            stuck(&[4.0, 6.0, 5.0, 6.0]).is_some(),
            "6 -> 5 -> 6: back where it was"
        );
        assert!(stuck(&[6.0, 7.0, 5.0]).is_some(), "fell back: not toward");
        assert_eq!(stuck(&[5.0, 5.0]), None, "two readings are too few");
        assert_eq!(stuck(&[8.0, 8.0, 8.0]), None, "at the target");
        assert_eq!(stuck(&[9.0, 8.5, 8.2]), None, "past it");
        // Lower is better: 8 8 8 on the way from 12 to 4 is stuck, 8 7 7 is not.
        assert!(plateau(&[track(&o, &down, &[8.0, 8.0, 8.0])]).is_some());
        assert_eq!(plateau(&[track(&o, &down, &[8.0, 7.0, 7.0])]), None);
        // One measure moving is enough, even one with only two readings.
        assert_eq!(
            plateau(&[
                track(&o, &up, &[6.0, 6.0, 6.0]),
                track(&o, &down, &[10.0, 9.0])
            ]),
            None
        );
        // Both stuck: counted, since the later window's start.
        assert_eq!(
            plateau(&[
                track(&o, &up, &[6.0, 6.0, 6.0]),
                track(&o, &down, &[10.0, 9.0, 9.0, 9.0])
            ]),
            Some(Warning::Plateau {
                measures: 2,
                since_session: 2
            })
        );
        // A measure whose baseline is its target tells nothing.
        assert_eq!(plateau(&[track(&o, &flat, &[5.0, 5.0, 5.0])]), None);
        assert_eq!(plateau(&[]), None);
    }

    #[test]
    fn engagement_progress_caps_each_share() {
        // By hand: 0.5, 1.5 -> 1, -3 -> -1, none skipped: (0.5 + 1 - 1) / 3.
        let p = engagement_progress([Some(0.5), Some(1.5), Some(-3.0), None]).unwrap();
        assert!((p - 0.5 / 3.0).abs() < 1e-12, "{p}");
        assert_eq!(engagement_progress([None, None]), None);
    }

    #[test]
    fn bands_have_closed_lower_ends() {
        let bands: Vec<usize> = [-0.1, 0.0, 0.249, 0.25, 0.5, 0.75, 0.99, 1.0]
            .iter()
            .map(|p| progress_band(*p))
            .collect();
        assert_eq!(bands, [0, 1, 1, 2, 3, 4, 4, 5]);
        let bands: Vec<usize> = [0.0, 0.49, 0.5, 0.75, 0.89, 0.9, 1.0]
            .iter()
            .map(|s| follow_through_band(*s))
            .collect();
        assert_eq!(bands, [0, 0, 1, 2, 2, 3, 3]);
    }

    #[test]
    fn trends_within_a_tenth_a_session_are_steady() {
        assert_eq!(Trend::of(0.1), Trend::Steady);
        assert_eq!(Trend::of(-0.1), Trend::Steady);
        assert_eq!(Trend::of(0.11), Trend::Rising);
        assert_eq!(Trend::of(-0.7), Trend::Falling);
    }

    #[test]
    fn a_correlation_needs_five_engagements() {
        let pairs = [(7.0, 0.2), (8.0, 0.5), (9.0, 0.4), (10.0, 0.9)];
        assert_eq!(Correlation::of(&pairs), Correlation { n: 4, rho: None });
        let mut five = pairs.to_vec();
        five.push((6.0, 0.1));
        // Ranks: x 2 3 4 5 1, y 2 4 3 5 1; d = 0 -1 1 0 0; rho = 1 - 6*2/(5*24) = 0.9.
        let c = Correlation::of(&five);
        assert_eq!(c.n, 5);
        assert!((c.rho.unwrap() - 0.9).abs() < 1e-12, "{c:?}");
    }
}
