//! `coach agenda`: the time-boxed plan of a session, or of a three-way meeting.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cli::ArtefactArgs;
use crate::commands::artefact::{Recipient, emit, mail_to, next_upcoming, slot_numbered, stem};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::model::commitment::open_before;
use crate::model::phases::{Phase, phases};
use crate::model::schedule::{Slot, SlotState, schedule};
use crate::model::session::SessionKind;
use crate::model::valid::Valid;
use crate::render::output::Artefact;
use crate::render::three_way;
use crate::render::views::{
    CheckinView, CommitmentView, ObjectiveStanding, ObjectiveView, PersonView, SessionHeader,
    checkin_views, long_date, objectives_named, standings, zoned,
};

/// The context of `agenda.md`.
#[derive(Debug, Serialize)]
pub struct AgendaContext {
    /// The leader, the coach and the session.
    #[serde(flatten)]
    pub header: SessionHeader,
    /// Time boxes with clock times.
    pub phases: Vec<Phase>,
    /// Commitments to review at check-in.
    pub review_commitments: Vec<CommitmentView>,
    /// Objectives in focus.
    pub focus: Vec<ObjectiveView>,
    /// Challenges already written in the session file's Agenda.
    pub agenda_items: Vec<String>,
    /// At midpoint and closing: each objective with its measures so far.
    pub review: Vec<ObjectiveStanding>,
    /// The sponsor, when the organization pays.
    pub sponsor: Option<PersonView>,
    /// At midpoint and closing: the updated stakeholder context, the check-ins
    /// recorded since the start (midpoint) or since the midpoint review (closing).
    pub stakeholders: Vec<CheckinView>,
}

/// Prints or writes the agenda.
pub fn run(env: &Env, args: &ArtefactArgs) -> Result<Outcome> {
    let engagement = env.engagement()?;
    let slot = match args.session {
        Some(n) => slot_numbered(&engagement, n)?,
        None => next_upcoming(&engagement, env.today)?,
    };
    if slot.state == SlotState::Cancelled {
        return Err(Error::Request(format!(
            "session {} was cancelled: there is no agenda to run",
            slot.number
        )));
    }
    let templates = env.templates(&engagement.root)?;
    let e = &engagement.engagement;
    let stem = stem(&slot);
    let sent = zoned(e.timezone.0, slot.date, slot.time.0) - chrono::TimeDelta::hours(24);
    let date_long = long_date(slot.date);
    if slot.kind == SessionKind::ThreeWay {
        let context = three_way::agenda(&engagement, &slot);
        let artefact = Artefact {
            template: "agenda-three-way.md",
            context: &context,
            title: format!(
                "Agenda: three-way meeting with {} and {}, {date_long}",
                e.client.name, context.three_way.sponsor.name
            ),
            mail: mail_to(
                env,
                &engagement,
                Recipient::ClientAndSponsor,
                sent,
                "agenda",
                &stem,
            ),
            charts: BTreeMap::new(),
            folder: "agendas",
            stem,
            cover: None,
        };
        return emit(env, &engagement, &templates, &artefact, &args.output);
    }
    let context = build(&engagement, &slot);
    let (template, title) = if slot.kind == SessionKind::Fit {
        (
            "fit-agenda.md",
            format!(
                "Agenda: fit conversation with {}, {date_long}",
                e.client.name
            ),
        )
    } else {
        (
            "agenda.md",
            format!(
                "Agenda: session {} with {}, {date_long}",
                slot.number, e.client.name
            ),
        )
    };
    let artefact = Artefact {
        template,
        context: &context,
        title,
        mail: mail_to(env, &engagement, Recipient::Client, sent, "agenda", &stem),
        charts: BTreeMap::new(),
        folder: "agendas",
        stem,
        cover: None,
    };
    emit(env, &engagement, &templates, &artefact, &args.output)
}

fn build(engagement: &Valid, slot: &Slot) -> AgendaContext {
    let e = &engagement.engagement;
    let file = engagement
        .session(slot.number)
        .or(engagement.fit.as_ref().filter(|f| f.number == slot.number));
    let focus_ids = engagement.focus_for(slot.number);
    let is_review = matches!(slot.kind, SessionKind::Midpoint | SessionKind::Closing);
    let since = match slot.kind {
        SessionKind::Closing => schedule(e, &engagement.sessions)
            .iter()
            .filter(|s| s.kind == SessionKind::Midpoint && s.number < slot.number)
            .map(|s| s.number + 1)
            .max()
            .unwrap_or(1),
        _ => 1,
    };
    AgendaContext {
        header: SessionHeader::new(e, slot),
        phases: phases(
            slot.kind,
            slot.minutes,
            zoned(e.timezone.0, slot.date, slot.time.0).time(),
        ),
        review_commitments: open_before(&engagement.sessions, slot.number)
            .iter()
            .map(CommitmentView::as_of(slot.date))
            .collect(),
        focus: objectives_named(e, &focus_ids),
        agenda_items: file.map(|s| s.body.agenda.clone()).unwrap_or_default(),
        review: if is_review {
            standings(e, &engagement.sessions, slot.number)
        } else {
            Vec::new()
        },
        stakeholders: if is_review {
            checkin_views(e, &engagement.sessions, since..=slot.number)
        } else {
            Vec::new()
        },
        sponsor: e.sponsor.as_ref().map(PersonView::from),
    }
}
