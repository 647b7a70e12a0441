//! The contexts of a three-way meeting's agenda and summary. The sponsor is in
//! the room and gets both, so each is its own type holding only what the meeting
//! itself is about: who and when, the objectives' titles, the items under the
//! meeting's own `## Agenda` and the commitments made at it. No field can hold a
//! session's shift, earlier commitments, measures, ratings, stakeholder check-ins
//! or the date of the next coaching session, so no template can print them.

use serde::Serialize;

use crate::model::commitment::ledger;
use crate::model::phases::{Phase, phases};
use crate::model::schedule::{Slot, places_before, three_way_review};
use crate::model::session::Session;
use crate::model::valid::Valid;
use crate::render::views::{CommitmentView, ObjectiveView, PersonView, SessionHeader, zoned};

/// The sponsor, and the review the meeting sits beside.
#[derive(Debug, Clone, Serialize)]
pub struct ThreeWayView {
    /// The sponsor in the room.
    pub sponsor: PersonView,
    /// `midpoint` or `closing`: the review the meeting sits beside.
    pub beside: &'static str,
}

impl ThreeWayView {
    /// The view of the three-way meeting in `slot`.
    pub fn of(valid: &Valid, slot: &Slot) -> Self {
        let e = &valid.engagement;
        let before = places_before(&valid.sessions, slot.number);
        ThreeWayView {
            // `check` refuses a three-way without a sponsor (E089).
            sponsor: e.sponsor.as_ref().map(PersonView::from).unwrap_or_default(),
            beside: three_way_review(before, e.package_size()).name(),
        }
    }
}

/// The context of `agenda-three-way.md`.
#[derive(Debug, Serialize)]
pub struct ThreeWayAgenda {
    /// The leader, the coach and the meeting.
    #[serde(flatten)]
    pub header: SessionHeader,
    /// The sponsor, and the review it sits beside.
    #[serde(flatten)]
    pub three_way: ThreeWayView,
    /// Time boxes with clock times.
    pub phases: Vec<Phase>,
    /// Every objective's title, as the sponsor's report names them.
    pub objectives: Vec<ObjectiveView>,
    /// The items already under `## Agenda` in the meeting's own file.
    pub agenda_items: Vec<String>,
}

/// The agenda of the three-way meeting in `slot`.
pub fn agenda(valid: &Valid, slot: &Slot) -> ThreeWayAgenda {
    let e = &valid.engagement;
    ThreeWayAgenda {
        header: SessionHeader::new(e, slot),
        three_way: ThreeWayView::of(valid, slot),
        phases: phases(
            slot.kind,
            slot.minutes,
            zoned(e.timezone.0, slot.date, slot.time.0).time(),
        ),
        objectives: e.objectives.iter().map(ObjectiveView::from).collect(),
        agenda_items: valid
            .session(slot.number)
            .map(|s| s.body.agenda.clone())
            .unwrap_or_default(),
    }
}

/// The context of `summary-three-way.md`.
#[derive(Debug, Serialize)]
pub struct ThreeWaySummary {
    /// The leader, the coach and the meeting.
    #[serde(flatten)]
    pub header: SessionHeader,
    /// The sponsor, and the review it sits beside.
    #[serde(flatten)]
    pub three_way: ThreeWayView,
    /// The items under the meeting's `## Agenda`.
    pub agenda_items: Vec<String>,
    /// The commitments made at the meeting.
    pub commitments: Vec<CommitmentView>,
    /// When the summary goes out: `same-day`, `next-day` or `later`.
    pub written: &'static str,
}

/// The summary of the three-way meeting held in `slot`, whose file is `session`.
pub fn summary(
    valid: &Valid,
    slot: &Slot,
    session: &Session,
    written: &'static str,
) -> ThreeWaySummary {
    ThreeWaySummary {
        header: SessionHeader::new(&valid.engagement, slot),
        three_way: ThreeWayView::of(valid, slot),
        agenda_items: session.body.agenda.clone(),
        commitments: ledger(&valid.sessions, slot.number)
            .iter()
            .filter(|c| c.id.session == slot.number)
            .map(CommitmentView::as_of(slot.date))
            .collect(),
        written,
    }
}
