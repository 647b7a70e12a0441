//! `coach prompt`: the reflection prompt the leader gets 48 to 24 hours before.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cli::ArtefactArgs;
use crate::commands::artefact::{
    Recipient, emit, mail_to, next_upcoming, refuse_fit, slot_numbered, stem,
};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::model::commitment::open_before;
use crate::model::pacing::PromptWindow;
use crate::model::schedule::SlotState;
use crate::model::session::SessionKind;
use crate::render::output::Artefact;
use crate::render::three_way::ThreeWayView;
use crate::render::views::SessionHeader;
use crate::render::views::{CommitmentView, ObjectiveView, long_moment, objectives_named};

/// When the prompt should go out: 48 to 24 hours before the session.
#[derive(Debug, Serialize)]
pub struct SendWindow {
    /// "Tuesday 24 March 2026, 09:00 EDT".
    pub opens: String,
    /// "Wednesday 25 March 2026, 09:00 EDT".
    pub closes: String,
}

/// The context of `prompt.md`.
#[derive(Debug, Serialize)]
pub struct PromptContext {
    /// The leader, the coach and the session.
    #[serde(flatten)]
    pub header: SessionHeader,
    /// When to send it.
    pub send_window: SendWindow,
    /// Commitments still open, with due dates.
    pub open_commitments: Vec<CommitmentView>,
    /// Every objective (for midpoint and closing questions).
    pub objectives: Vec<ObjectiveView>,
    /// Objectives in focus lately.
    pub focus: Vec<ObjectiveView>,
    /// For a three-way meeting: the sponsor, and the review it sits beside.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub three_way: Option<ThreeWayView>,
}

/// Prints or writes the prompt; the send-by window goes to standard error.
pub fn run(env: &Env, args: &ArtefactArgs) -> Result<Outcome> {
    let engagement = env.engagement()?;
    let slot = match args.session {
        Some(n) => slot_numbered(&engagement, n)?,
        None => next_upcoming(&engagement, env.today)?,
    };
    refuse_fit(&slot, "a reflection prompt")?;
    match slot.state {
        SlotState::Held | SlotState::NoShow => {
            return Err(Error::Request(format!(
                "session {} on {} is over: a prompt is for a session still to come (try `coach summary {}`)",
                slot.number, slot.date, slot.number
            )));
        }
        SlotState::Cancelled => {
            return Err(Error::Request(format!(
                "session {} was cancelled: there is nothing to prompt for",
                slot.number
            )));
        }
        SlotState::Planned | SlotState::ToBeScheduled => {}
    }
    let e = &engagement.engagement;
    let window = PromptWindow::of(e, &slot);
    let context = PromptContext {
        header: SessionHeader::new(e, &slot),
        send_window: SendWindow {
            opens: long_moment(window.opens_at),
            closes: long_moment(window.closes_at),
        },
        open_commitments: open_before(&engagement.sessions, slot.number)
            .iter()
            // Read on the day the prompt goes out.
            .map(CommitmentView::as_of(window.opens))
            .collect(),
        objectives: e.objectives.iter().map(ObjectiveView::from).collect(),
        focus: objectives_named(e, &engagement.focus_for(slot.number)),
        three_way: (slot.kind == SessionKind::ThreeWay)
            .then(|| ThreeWayView::of(&engagement, &slot)),
    };
    let templates = env.templates(&engagement.root)?;
    let stem = stem(&slot);
    let artefact = Artefact {
        template: "prompt.md",
        context: &context,
        title: format!(
            "Before our {} on {}",
            if context.three_way.is_some() {
                "three-way meeting"
            } else {
                "session"
            },
            context.header.session.date_long
        ),
        mail: mail_to(
            env,
            &engagement,
            Recipient::Client,
            window.opens_at,
            "prompt",
            &stem,
        ),
        charts: BTreeMap::new(),
        folder: "prompts",
        stem,
        cover: None,
    };
    let mut outcome = emit(env, &engagement, &templates, &artefact, &args.output)?;
    let late = if window.closes < env.today {
        " (the window has passed: send it now)"
    } else {
        ""
    };
    // After the engagement's warnings, which `emit` put there.
    outcome.stderr.push_str(&format!(
        "send between {} and {}{late}\n",
        context.send_window.opens, context.send_window.closes
    ));
    Ok(outcome)
}
