//! `coach summary`: what the leader gets within 24 hours of a held session, and
//! what the leader and the sponsor get after a three-way meeting.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use serde::Serialize;

use crate::cli::ArtefactArgs;
use crate::commands::artefact::{
    Recipient, emit, last_held, mail_to, next_after, refuse_fit, slot_numbered, stem,
};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::model::commitment::ledger;
use crate::model::schedule::SlotState;
use crate::model::session::SessionKind;
use crate::render::output::Artefact;
use crate::render::three_way;
use crate::render::views::SessionHeader;
use crate::render::views::{CommitmentView, SessionView, long_date, zoned};

/// The context of `summary.md`. It holds no session prose: only the shift, the
/// agenda items, and commitments.
#[derive(Debug, Serialize)]
pub struct SummaryContext {
    /// The leader, the coach and the session summarised.
    #[serde(flatten)]
    pub header: SessionHeader,
    /// What shifted, from the front matter.
    pub shift: String,
    /// The challenges worked on.
    pub agenda_items: Vec<String>,
    /// Commitments made in this session.
    pub commitments: Vec<CommitmentView>,
    /// Earlier commitments reviewed at this session's check-in, with what the review found.
    pub reviewed: Vec<CommitmentView>,
    /// The next session, when there is one.
    pub next_session: Option<SessionView>,
    /// When the summary goes out, relative to the session: `same-day`, `next-day`
    /// or `later` (from `summary_sent:` when recorded, else today).
    pub written: &'static str,
}

/// Prints or writes the summary of a held session.
pub fn run(env: &Env, args: &ArtefactArgs) -> Result<Outcome> {
    let engagement = env.engagement()?;
    let slot = match args.session {
        Some(n) => slot_numbered(&engagement, n)?,
        None => last_held(&engagement)?,
    };
    refuse_fit(&slot, "a summary")?;
    if slot.state != SlotState::Held {
        let state = match slot.state {
            SlotState::Cancelled => "was cancelled".to_string(),
            SlotState::NoShow => "was a no-show".to_string(),
            _ => format!(
                "has not been held yet (`coach mark {} held` once it is)",
                slot.number
            ),
        };
        return Err(Error::Request(format!(
            "session {} {state}: a summary is for a held session",
            slot.number
        )));
    }
    let e = &engagement.engagement;
    let session = engagement
        .session(slot.number)
        .ok_or_else(|| Error::Request(format!("session {} has no file", slot.number)))?;
    let written = match (session.summary_sent.unwrap_or(env.today) - slot.date).num_days() {
        ..=0 => "same-day",
        1 => "next-day",
        _ => "later",
    };
    let templates = env.templates(&engagement.root)?;
    let stem = stem(&slot);
    let end =
        zoned(e.timezone.0, slot.date, slot.time.0) + TimeDelta::minutes(i64::from(slot.minutes));
    let title = |what| format!("Summary of our {what} on {}", long_date(slot.date));
    if slot.kind == SessionKind::ThreeWay {
        let context = three_way::summary(&engagement, &slot, session, written);
        let artefact = Artefact {
            template: "summary-three-way.md",
            context: &context,
            title: title("three-way meeting"),
            mail: mail_to(
                env,
                &engagement,
                Recipient::ClientAndSponsor,
                end,
                "summary",
                &stem,
            ),
            charts: BTreeMap::new(),
            folder: "summaries",
            stem,
            cover: None,
        };
        return emit(env, &engagement, &templates, &artefact, &args.output);
    }
    let entries = ledger(&engagement.sessions, slot.number);
    let reviewed_ids: Vec<_> = session.body.reviews.iter().map(|r| r.id).collect();
    let context = SummaryContext {
        header: SessionHeader::new(e, &slot),
        shift: session.shift.clone().unwrap_or_default(),
        agenda_items: session.body.agenda.clone(),
        commitments: entries
            .iter()
            .filter(|c| c.id.session == slot.number)
            .map(CommitmentView::as_of(slot.date))
            .collect(),
        reviewed: entries
            .iter()
            .filter(|c| reviewed_ids.contains(&c.id))
            .map(CommitmentView::as_of(slot.date))
            .collect(),
        next_session: next_after(&engagement, slot.number).map(|next| SessionView::new(e, &next)),
        written,
    };
    let artefact = Artefact {
        template: "summary.md",
        context: &context,
        title: title("session"),
        mail: mail_to(env, &engagement, Recipient::Client, end, "summary", &stem),
        charts: BTreeMap::new(),
        folder: "summaries",
        stem,
        cover: None,
    };
    emit(env, &engagement, &templates, &artefact, &args.output)
}
