//! An engagement whose files have no errors: what every artefact is built from.

use std::path::PathBuf;

use crate::error::Diagnostic;
use crate::model::engagement::{Engagement, EngagementStatus};
use crate::model::schedule::{Slot, schedule, unplaced_slot};
use crate::model::session::{Session, SessionStatus};

/// An engagement whose files have no errors.
#[derive(Debug)]
pub struct Valid {
    /// The engagement directory.
    pub root: PathBuf,
    /// engagement.yaml.
    pub engagement: Engagement,
    /// The sessions of the engagement, sorted by number: the fit conversation
    /// is not one of them.
    pub sessions: Vec<Session>,
    /// The fit conversation (session 0), when it has a file.
    pub fit: Option<Session>,
    /// The warnings the rules found: artefacts go out with them on standard error.
    pub warnings: Vec<Diagnostic>,
}

impl Valid {
    /// The engagement from its files: `sessions` sorted by number, the fit
    /// conversation among them or not.
    pub fn new(
        root: PathBuf,
        engagement: Engagement,
        sessions: Vec<Session>,
        warnings: Vec<Diagnostic>,
    ) -> Self {
        let (fit, mut sessions): (Vec<Session>, Vec<Session>) =
            sessions.into_iter().partition(Session::is_fit);
        // A three-way meeting takes no readings (check warns, W087): none is used.
        for meeting in sessions.iter_mut().filter(|s| s.is_three_way()) {
            meeting.alliance = None;
            meeting.measures.clear();
            meeting.shift = None;
            meeting.progress.clear();
        }
        Valid {
            root,
            engagement,
            sessions,
            fit: fit.into_iter().next(),
            warnings,
        }
    }

    /// Every slot: the fit conversation when it has a file, then the package's
    /// schedule.
    pub fn slots(&self) -> Vec<Slot> {
        let e = &self.engagement;
        let fit = self.fit.as_ref().map(|fit| unplaced_slot(e, fit));
        fit.into_iter().chain(schedule(e, &self.sessions)).collect()
    }

    /// A prospect, or one declined (closed before any session of the package had
    /// a file): no engagement took place.
    pub fn never_began(&self) -> bool {
        self.engagement.status == EngagementStatus::Prospect
            || (self.engagement.status == EngagementStatus::Closed && self.sessions.is_empty())
    }

    /// The session with this number.
    pub fn session(&self, number: u32) -> Option<&Session> {
        self.sessions.iter().find(|s| s.number == number)
    }

    /// The objective ids in focus for session `number`: its own `focus:`, else
    /// those of the last held session before it.
    pub fn focus_for(&self, number: u32) -> Vec<String> {
        self.session(number)
            .filter(|s| !s.focus.is_empty())
            .or_else(|| {
                self.sessions.iter().rev().find(|s| {
                    s.number < number && s.status == SessionStatus::Held && !s.focus.is_empty()
                })
            })
            .map(|s| s.focus.clone())
            .unwrap_or_default()
    }
}
