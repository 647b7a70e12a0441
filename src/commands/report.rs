//! `coach report`: the midpoint or final progress report for an audience.

use chrono::TimeDelta;

use crate::cli::{Audience, ReportArgs};
use crate::commands::artefact::{Recipient, emit, mail_to};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::model::engagement::EngagementStatus;
use crate::model::schedule::{SlotState, midpoint_place, schedule};
use crate::model::session::Session;
use crate::model::valid::Valid;
use crate::render::output::Artefact;
use crate::render::report::{Stage, full_charts, full_report, sponsor_charts, sponsor_report};
use crate::render::views::zoned;

/// Prints or writes the report.
pub fn run(env: &Env, args: &ReportArgs) -> Result<Outcome> {
    let engagement = env.engagement()?;
    let stage = if args.midpoint {
        Stage::Midpoint
    } else {
        Stage::Final
    };
    let review = review_session(&engagement, stage)?;
    let e = &engagement.engagement;
    let templates = env.templates(&engagement.root)?;
    let stage_name = match stage {
        Stage::Midpoint => "midpoint",
        Stage::Final => "final",
    };
    let audience_name = match args.audience {
        Audience::Sponsor => "sponsor",
        Audience::Client => "client",
        Audience::Coach => "coach",
    };
    let stem = format!("{stage_name}-{audience_name}");
    let title = format!(
        "{} progress report: {}{}",
        if stage == Stage::Midpoint {
            "Midpoint"
        } else {
            "Final"
        },
        e.client.name,
        e.organization
            .as_ref()
            .map(|o| format!(", {o}"))
            .unwrap_or_default()
    );
    let minutes = review.minutes.unwrap_or(e.session_minutes);
    let date = zoned(e.timezone.0, review.date, review.time.unwrap_or(e.time).0)
        + TimeDelta::minutes(i64::from(minutes));
    match args.audience {
        Audience::Sponsor => {
            if e.agreement.signed.is_none() {
                return Err(Error::Request(format!(
                    "{}: the coaching agreement has no `signed:` date, so coach writes no sponsor report; once the leader has signed, add `agreement: {{signed: YYYY-MM-DD}}`",
                    env.show(&engagement.root.join(crate::load::ENGAGEMENT_FILE))
                )));
            }
            if e.sponsor.is_none() {
                return Err(Error::Request("engagement.yaml names no sponsor: add `sponsor: {name: ..., email: ...}` to address the report".into()));
            }
            let context = sponsor_report(&engagement, stage, review);
            let artefact = Artefact {
                template: "report-sponsor.md",
                context: &context,
                title,
                mail: mail_to(env, &engagement, Recipient::Sponsor, date, "report", &stem),
                charts: sponsor_charts(&context),
                folder: "reports",
                stem,
                cover: Some("cover-sponsor.md"),
            };
            emit(env, &engagement, &templates, &artefact, &args.output)
        }
        Audience::Client | Audience::Coach => {
            let for_coach = args.audience == Audience::Coach;
            let context = full_report(&engagement, stage, review, for_coach);
            let to = if for_coach {
                Recipient::Coach
            } else {
                Recipient::Client
            };
            let artefact = Artefact {
                template: "report.md",
                context: &context,
                title,
                mail: mail_to(env, &engagement, to, date, "report", &stem),
                charts: full_charts(&context),
                folder: "reports",
                stem,
                cover: None,
            };
            emit(env, &engagement, &templates, &artefact, &args.output)
        }
    }
}

/// The held midpoint or closing session the report is anchored on.
pub fn review_session(engagement: &Valid, stage: Stage) -> Result<&Session> {
    if engagement.engagement.status == EngagementStatus::Prospect {
        return Err(Error::Request(
            "this is a prospect: progress reports begin once the engagement does (`coach start`), and the fit conversation gets a follow-up note (`coach follow-up`)".into(),
        ));
    }
    let size = engagement.engagement.package_size();
    let place = match stage {
        Stage::Midpoint => midpoint_place(size),
        Stage::Final => size,
    };
    let what = if stage == Stage::Midpoint {
        "midpoint review"
    } else {
        "closing session"
    };
    let slot = schedule(&engagement.engagement, &engagement.sessions)
        .into_iter()
        .find(|s| s.place == Some(place))
        .ok_or_else(|| Error::Request(format!("this engagement has no {what}")))?;
    let held = (slot.state == SlotState::Held)
        .then(|| engagement.session(slot.number))
        .flatten();
    held.ok_or_else(|| {
        if slot.state == SlotState::NoShow {
            return Error::Request(format!(
                "the {what} (session {}, {place} of {size}, {}) was a no-show: it uses its place but reviews nothing; to hold the review at the next session, mark this one cancelled (`coach mark {} cancelled`) so the next takes its place",
                slot.number, slot.date, slot.number
            ));
        }
        Error::Request(format!(
            "the {what} (session {}, {place} of {size}, {}) has not been held yet: the {} report follows it",
            slot.number,
            slot.date,
            if stage == Stage::Midpoint { "midpoint" } else { "final" }
        ))
    })
}
