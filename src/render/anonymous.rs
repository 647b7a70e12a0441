//! The firm's anonymous report (`coach insights --anonymous`): the practice's
//! aggregates and nothing else. Its context is built from
//! `model::insights::PracticeFigures` alone and holds numbers only: no field can
//! take a name, an organization, an objective or a measure, a date or any text,
//! so no template, built-in or custom, can print one. Every figure drawn from
//! fewer than `MIN_GROUP` engagements is withheld ([`Gated`]).

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::model::insights::{MIN_GROUP, PracticeFigures, RatingCounts, StageFigures};
use crate::model::stats::Spread;
use crate::render::figures::{Decimal, Percent};
use crate::render::svg::{BoxRow, box_plot};

/// A figure with the number of engagements it is drawn from, or, drawn from
/// fewer than `MIN_GROUP`, withheld: `{"suppressed": false, "n": 12, "value": …}`
/// or `{"suppressed": true}` (not even its n).
#[derive(Debug, Clone, PartialEq)]
pub enum Gated<T> {
    /// Drawn from enough engagements.
    Shown {
        /// How many.
        n: usize,
        /// The figure.
        value: T,
    },
    /// Drawn from too few.
    Suppressed,
}

impl<T> Gated<T> {
    /// `value`, drawn from `n` engagements: shown from `MIN_GROUP` on.
    pub fn of(n: usize, value: T) -> Self {
        if n >= MIN_GROUP {
            Gated::Shown { n, value }
        } else {
            Gated::Suppressed
        }
    }

    /// Withheld.
    pub fn is_suppressed(&self) -> bool {
        matches!(self, Gated::Suppressed)
    }

    /// The figure, when shown.
    pub fn value(&self) -> Option<&T> {
        match self {
            Gated::Shown { value, .. } => Some(value),
            Gated::Suppressed => None,
        }
    }
}

impl<T: Serialize> Serialize for Gated<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Gated::Shown { n, value } => {
                let mut figure = s.serialize_struct("Gated", 3)?;
                figure.serialize_field("suppressed", &false)?;
                figure.serialize_field("n", n)?;
                figure.serialize_field("value", value)?;
                figure.end()
            }
            Gated::Suppressed => {
                let mut figure = s.serialize_struct("Gated", 1)?;
                figure.serialize_field("suppressed", &true)?;
                figure.end()
            }
        }
    }
}

/// Where the engagements' progress lies: no lowest or highest, which would each
/// be one engagement's figure.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Middle {
    /// The mean.
    pub mean: Percent,
    /// The lower quartile.
    pub lower_quartile: Percent,
    /// The median.
    pub median: Percent,
    /// The upper quartile.
    pub upper_quartile: Percent,
}

impl From<Spread> for Middle {
    fn from(s: Spread) -> Self {
        Middle {
            mean: Percent(s.mean),
            lower_quartile: Percent(s.lower_quartile),
            median: Percent(s.median),
            upper_quartile: Percent(s.upper_quartile),
        }
    }
}

/// Each rating's share of the objectives reviewed. A share is withheld when
/// fewer than `MIN_GROUP` engagements (but some) gave that rating; when that
/// leaves one share of the column withheld, the smallest other share is withheld
/// too, so that 100% less the others cannot give it back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RatingShares {
    /// Achieved.
    pub achieved: Gated<Percent>,
    /// On track.
    pub on_track: Gated<Percent>,
    /// Emerging.
    pub emerging: Gated<Percent>,
    /// Not started.
    pub not_started: Gated<Percent>,
    /// At risk.
    pub at_risk: Gated<Percent>,
    /// Not rated at the review.
    pub not_rated: Gated<Percent>,
}

impl RatingShares {
    /// The shares of `objectives` by rating, `engagements` giving each; none when
    /// there are no objectives, or when a withheld share could not be hidden.
    fn of(objectives: RatingCounts, engagements: RatingCounts) -> Option<Self> {
        let total = objectives.total();
        let fields = |c: RatingCounts| {
            [
                c.achieved,
                c.on_track,
                c.emerging,
                c.not_started,
                c.at_risk,
                c.not_rated,
            ]
        };
        let (counts, givers) = (fields(objectives), fields(engagements));
        let mut withheld = givers.map(|g| g > 0 && (g as usize) < MIN_GROUP);
        if withheld.iter().filter(|w| **w).count() == 1 {
            let next = (0..counts.len())
                .filter(|&i| !withheld[i] && counts[i] > 0)
                .min_by_key(|&i| counts[i])?;
            withheld[next] = true;
        }
        let cell = |i: usize| {
            if withheld[i] {
                Gated::Suppressed
            } else {
                Gated::Shown {
                    n: givers[i] as usize,
                    value: Percent(f64::from(counts[i]) / f64::from(total)),
                }
            }
        };
        (total > 0).then(|| RatingShares {
            achieved: cell(0),
            on_track: cell(1),
            emerging: cell(2),
            not_started: cell(3),
            at_risk: cell(4),
            not_rated: cell(5),
        })
    }

    fn cells(&self) -> [&Gated<Percent>; 6] {
        [
            &self.achieved,
            &self.on_track,
            &self.emerging,
            &self.not_started,
            &self.at_risk,
            &self.not_rated,
        ]
    }
}

/// The practice at one review.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AnonymousStage {
    /// Progress toward the targets.
    pub progress: Gated<Middle>,
    /// Objectives by rating.
    pub ratings: Gated<RatingShares>,
    /// Spearman's rho of alliance mean and progress; null when either side has
    /// no spread.
    pub correlation: Gated<Option<Decimal>>,
}

impl From<&StageFigures> for AnonymousStage {
    fn from(s: &StageFigures) -> Self {
        let ratings = RatingShares::of(s.ratings, s.engagements_by_rating);
        AnonymousStage {
            progress: s.spread.map_or(Gated::Suppressed, |spread| {
                Gated::of(spread.n, spread.into())
            }),
            ratings: ratings.map_or(Gated::Suppressed, |r| Gated::of(s.reviewed, r)),
            correlation: Gated::of(s.correlation.n, s.correlation.rho.map(Decimal::two)),
        }
    }
}

/// Follow-through across the practice.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AnonymousFollowThrough {
    /// Every commitment pooled: done ÷ counted.
    pub pooled: Percent,
    /// Where the engagements' own figures lie.
    pub engagements: Middle,
}

/// The working alliance across the practice.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AnonymousAlliance {
    /// The mean of the engagements' mean ratings.
    pub mean: Decimal,
    /// Their median.
    pub median: Decimal,
}

/// The whole context of `insights-anonymous.md`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AnonymousInsights {
    /// The fewest engagements a figure may be drawn from.
    pub minimum: usize,
    /// How many figures below are withheld.
    pub suppressed: usize,
    /// Engagements counted.
    pub engagements: Gated<usize>,
    /// Of which active or paused.
    pub ongoing: Gated<usize>,
    /// Of which closed.
    pub closed: Gated<usize>,
    /// At the midpoint review.
    pub midpoint: AnonymousStage,
    /// At the close.
    pub close: AnonymousStage,
    /// Commitment follow-through.
    pub follow_through: Gated<AnonymousFollowThrough>,
    /// The working alliance.
    pub alliance: Gated<AnonymousAlliance>,
}

impl From<&PracticeFigures> for AnonymousInsights {
    fn from(p: &PracticeFigures) -> Self {
        let ongoing = p.engagements - p.closed;
        // Shown only both together: either alone gives away the other by subtraction.
        let split = |count: usize| {
            if ongoing.min(p.closed) >= MIN_GROUP {
                Gated::of(count, count)
            } else {
                Gated::Suppressed
            }
        };
        let mut report = AnonymousInsights {
            minimum: MIN_GROUP,
            suppressed: 0,
            engagements: Gated::of(p.engagements, p.engagements),
            ongoing: split(ongoing),
            closed: split(p.closed),
            midpoint: (&p.midpoint).into(),
            close: (&p.close).into(),
            follow_through: match (p.follow_through.share(), p.follow_through_spread) {
                (Some(pooled), Some(spread)) => Gated::of(
                    spread.n,
                    AnonymousFollowThrough {
                        pooled: Percent(pooled),
                        engagements: spread.into(),
                    },
                ),
                _ => Gated::Suppressed,
            },
            alliance: p.alliance.map_or(Gated::Suppressed, |s| {
                Gated::of(
                    s.n,
                    AnonymousAlliance {
                        mean: Decimal::one(s.mean),
                        median: Decimal::one(s.median),
                    },
                )
            }),
        };
        report.suppressed = [
            report.engagements.is_suppressed(),
            report.ongoing.is_suppressed(),
            report.closed.is_suppressed(),
            report.follow_through.is_suppressed(),
            report.alliance.is_suppressed(),
        ]
        .into_iter()
        .chain([&report.midpoint, &report.close].into_iter().flat_map(|s| {
            [
                s.progress.is_suppressed(),
                s.ratings.is_suppressed(),
                s.correlation.is_suppressed(),
            ]
            .into_iter()
            .chain(
                s.ratings
                    .value()
                    .into_iter()
                    .flat_map(|r| r.cells().map(Gated::is_suppressed)),
            )
        }))
        .filter(|suppressed| *suppressed)
        .count();
        report
    }
}

/// The report's one chart, from its context alone: the middle half of the
/// engagements' progress at each review shown.
pub fn anonymous_charts(report: &AnonymousInsights) -> BTreeMap<String, String> {
    let rows: Vec<BoxRow<'_>> = [
        ("At the midpoint review", &report.midpoint),
        ("At the close", &report.close),
    ]
    .into_iter()
    .filter_map(|(name, stage)| {
        let m = stage.progress.value()?;
        Some(BoxRow {
            name,
            lower_quartile: m.lower_quartile.0,
            median: m.median.0,
            upper_quartile: m.upper_quartile.0,
            mean: m.mean.0,
        })
    })
    .collect();
    let mut charts = BTreeMap::new();
    if !rows.is_empty() {
        charts.insert(
            "progress".to_string(),
            box_plot(
                "Progress toward targets: the middle half of the engagements",
                &rows,
                "box: quartiles · line: median · dot: mean",
            ),
        );
    }
    charts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_withheld_share_takes_the_next_smallest_with_it() {
        let counts = |achieved, on_track, at_risk| RatingCounts {
            achieved,
            on_track,
            at_risk,
            ..RatingCounts::default()
        };
        // On track given by 2 engagements: withheld; achieved, the only other share
        // above 0, goes with it; a 0% share is shown.
        let r = RatingShares::of(counts(10, 2, 0), counts(6, 2, 0)).unwrap();
        assert!(r.on_track.is_suppressed() && r.achieved.is_suppressed());
        assert_eq!(
            r.at_risk,
            Gated::Shown {
                n: 0,
                value: Percent(0.0)
            }
        );
        // Two withheld shares hide each other: the rest is shown.
        let r = RatingShares::of(counts(10, 2, 1), counts(6, 2, 1)).unwrap();
        assert_eq!(
            r.achieved,
            Gated::Shown {
                n: 6,
                value: Percent(10.0 / 13.0)
            }
        );
        assert!(r.on_track.is_suppressed() && r.at_risk.is_suppressed());
        // Nothing to hide a lone withheld share behind: the column goes.
        assert_eq!(RatingShares::of(counts(0, 3, 0), counts(0, 1, 0)), None);
        assert_eq!(RatingShares::of(counts(0, 0, 0), counts(0, 0, 0)), None);
    }

    #[test]
    fn a_figure_from_fewer_than_five_is_withheld_with_its_n() {
        assert_eq!(
            serde_json::to_string(&Gated::of(4, 0.5)).unwrap(),
            r#"{"suppressed":true}"#
        );
        assert_eq!(
            serde_json::to_string(&Gated::of(5, 0.5)).unwrap(),
            r#"{"suppressed":false,"n":5,"value":0.5}"#
        );
    }
}
