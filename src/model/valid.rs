//! An engagement whose files have no errors: what every artefact is built from.

use std::path::PathBuf;

use crate::error::Diagnostic;
use crate::model::engagement::Engagement;
use crate::model::session::{Session, SessionStatus};

/// An engagement whose files have no errors.
#[derive(Debug)]
pub struct Valid {
    /// The engagement directory.
    pub root: PathBuf,
    /// engagement.yaml.
    pub engagement: Engagement,
    /// The sessions, sorted by number.
    pub sessions: Vec<Session>,
    /// The warnings the rules found: artefacts go out with them on standard error.
    pub warnings: Vec<Diagnostic>,
}

impl Valid {
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
