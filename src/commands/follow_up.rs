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
use crate::model::commitment::ledger;
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
    /// A session's minutes.
    pub session_minutes: u32,
    /// The intake's minutes.
    pub intake_minutes: u32,
}

/// Prints or writes the follow-up note of a held fit conversation.
pub fn run(env: &Env, args: &FollowUpArgs) -> Result<Outcome> {
    let engagement = env.engagement()?;
    let e = &engagement.engagement;
    let fit = engagement.fit.as_ref().ok_or_else(|| {
        Error::Request(
            "this engagement has no fit conversation (session 0): `coach init DIR --client NAME --prospect` starts one".into(),
        )
    })?;
    let slot = unplaced_slot(e, fit);
    if slot.state != SlotState::Held {
        let state = match slot.state {
            SlotState::Cancelled => "was cancelled".to_string(),
            SlotState::NoShow => "was a no-show".to_string(),
            _ => "has not been held yet (`coach mark 0 held` once it is)".to_string(),
        };
        return Err(Error::Request(format!(
            "the fit conversation on {} {state}: the follow-up note comes after it",
            slot.date
        )));
    }
    let context = FollowUpContext {
        header: SessionHeader::new(e, &slot),
        agenda_items: fit.body.agenda.clone(),
        next_steps: ledger(std::slice::from_ref(fit), fit.number)
            .iter()
            .map(CommitmentView::as_of(slot.date))
            .collect(),
        package: PackageView {
            name: e.package.name(),
            sessions: e.package_size(),
            cadence: e.cadence.name(),
            session_minutes: e.session_minutes,
            intake_minutes: e.intake_minutes,
        },
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
    emit(env, &engagement, &templates, &artefact, &args.output)
}
