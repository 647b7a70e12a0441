//! `coach follow-up`: the note the leader gets after the fit conversation. It is
//! drawn only from the fit file's Agenda and Commitments and from engagement.yaml:
//! goals, context, chemistry and every other section stay in the file.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use serde::Serialize;

use crate::cli::FollowUpArgs;
use crate::commands::artefact::{Recipient, emit, mail_to, stem};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::model::commitment::{ReviewState, ledger};
use crate::model::engagement::{Cadence, Engagement, EngagementStatus};
use crate::model::schedule::{SlotState, unplaced_slot};
use crate::render::output::Artefact;
use crate::render::views::{CommitmentView, PersonView, SessionHeader, zoned};

/// The context of `follow-up.md`. It holds no prose of the fit file: only its
/// agenda items and next steps.
#[derive(Debug, Serialize)]
pub struct FollowUpContext {
    /// The leader, the coach and the fit conversation.
    #[serde(flatten)]
    pub header: SessionHeader,
    /// What the leader would bring to coaching (the fit file's Agenda).
    pub agenda_items: Vec<String>,
    /// The next steps (the fit file's Commitments).
    pub next_steps: Vec<CommitmentView>,
    /// How the engagement would run.
    pub package: PackageView,
    /// The sponsor, when the organization pays.
    pub sponsor: Option<PersonView>,
}

/// The engagement on offer, from engagement.yaml.
#[derive(Debug, Serialize)]
pub struct PackageView {
    /// accelerated | annual | custom.
    pub name: &'static str,
    /// Its sessions.
    pub sessions: u32,
    /// weekly | biweekly | monthly.
    pub cadence: &'static str,
    /// The cadence for a reader: "every week", "every two weeks", "every month".
    pub cadence_words: &'static str,
    /// How long the sessions take at that cadence: "about six months".
    pub duration: String,
    /// A session's minutes.
    pub session_minutes: u32,
    /// The intake's minutes.
    pub intake_minutes: u32,
}

impl PackageView {
    fn of(e: &Engagement) -> Self {
        let sessions = e.package_size();
        PackageView {
            name: e.package.name(),
            sessions,
            cadence: e.cadence.name(),
            cadence_words: match e.cadence {
                Cadence::Weekly => "every week",
                Cadence::Biweekly => "every two weeks",
                Cadence::Monthly => "every month",
            },
            duration: duration(sessions, e.cadence),
            session_minutes: e.session_minutes,
            intake_minutes: e.intake_minutes,
        }
    }
}

/// How long `sessions` at `cadence` run, in words: "about six months", "about a
/// year", "about three weeks".
fn duration(sessions: u32, cadence: Cadence) -> String {
    let days = match cadence {
        Cadence::Weekly => 7,
        Cadence::Biweekly => 14,
        Cadence::Monthly => 30,
    } * sessions;
    let months = (f64::from(days) / 30.44).round() as u32;
    let words = [
        "", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    ];
    match months {
        0 | 1 => format!("about {} weeks", words[(days / 7).clamp(2, 11) as usize]),
        11..=13 => "about a year".to_string(),
        m if m < 11 => format!("about {} months", words[m as usize]),
        m => format!("about {m} months"),
    }
}

/// Prints or writes the follow-up note of a held fit conversation.
pub fn run(env: &Env, args: &FollowUpArgs) -> Result<Outcome> {
    let engagement = env.engagement()?;
    let e = &engagement.engagement;
    if e.status != EngagementStatus::Prospect {
        return Err(Error::Request(format!(
            "this engagement is {}: the follow-up note asks a prospect whether to go ahead, and that is decided",
            e.status
        )));
    }
    let fit = engagement.fit.as_ref().ok_or_else(|| {
        Error::Request(
            "this prospect has no fit conversation on file (session 0): `coach new-session --date YYYY-MM-DD` plans it".into(),
        )
    })?;
    let slot = unplaced_slot(e, fit);
    match slot.state {
        SlotState::Held => {}
        SlotState::Cancelled | SlotState::NoShow => {
            return Err(Error::Request(format!(
                "the fit conversation on {} {}: there is no conversation to follow up; give its file a new `date:` (and the name to match) and `coach mark 0 planned`, or `coach decline --reason \"...\"`",
                slot.date,
                if slot.state == SlotState::Cancelled {
                    "was cancelled"
                } else {
                    "was a no-show"
                }
            )));
        }
        _ => {
            return Err(Error::Request(format!(
                "the fit conversation on {} has not been held yet (`coach mark 0 held` once it is): the follow-up note comes after it",
                slot.date
            )));
        }
    }
    let context = FollowUpContext {
        header: SessionHeader::new(e, &slot),
        agenda_items: fit.body.agenda.clone(),
        // A step ticked or struck in the file is not a next step any more.
        next_steps: ledger(std::slice::from_ref(fit), fit.number)
            .iter()
            .filter(|step| step.status == ReviewState::Open)
            .map(CommitmentView::as_of(slot.date))
            .collect(),
        package: PackageView::of(e),
        sponsor: e.sponsor.as_ref().map(PersonView::from),
    };
    let templates = env.templates(&engagement.root)?;
    let stem = stem(&slot);
    let end =
        zoned(e.timezone.0, slot.date, slot.time.0) + TimeDelta::minutes(i64::from(slot.minutes));
    let artefact = Artefact {
        template: "follow-up.md",
        context: &context,
        title: format!(
            "Following up on our conversation of {}",
            context.header.session.date_long
        ),
        mail: mail_to(env, &engagement, Recipient::Client, end, "follow-up", &stem),
        charts: BTreeMap::new(),
        folder: "follow-ups",
        stem,
        cover: None,
    };
    let mut outcome = emit(env, &engagement, &templates, &artefact, &args.output)?;
    let fit_file = env.show(&fit.path);
    if context.agenda_items.is_empty() {
        outcome.stderr.push_str(&format!(
            "note: {fit_file} has no items under `## Agenda`: the note says nothing of what the leader would bring\n"
        ));
    }
    if context.next_steps.is_empty() {
        outcome.stderr.push_str(&format!(
            "note: {fit_file} has no open task items under `## Commitments`: the note offers to send the agreement as its next step\n"
        ));
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_duration_follows_the_count_and_the_cadence() {
        assert_eq!(duration(12, Cadence::Biweekly), "about six months");
        assert_eq!(duration(24, Cadence::Biweekly), "about a year");
        assert_eq!(duration(24, Cadence::Weekly), "about six months");
        assert_eq!(duration(12, Cadence::Monthly), "about a year");
        assert_eq!(duration(2, Cadence::Weekly), "about two weeks");
        assert_eq!(duration(24, Cadence::Monthly), "about 24 months");
    }
}
