//! Commitments, their reviews, and the ledger of where each one stands.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::session::{Session, SessionStatus};
use crate::model::words::words;

/// A commitment's id, `S.N`: item N of session S's commitments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommitmentId {
    /// The session it was made in.
    pub session: u32,
    /// Its place in that session's list, from 1.
    pub item: u32,
}

impl CommitmentId {
    /// Parses `S.N`.
    pub fn parse(text: &str) -> Option<Self> {
        let (session, item) = text.trim().split_once('.')?;
        Some(CommitmentId {
            session: session.parse().ok()?,
            item: item.parse().ok()?,
        })
    }
}

impl fmt::Display for CommitmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.session, self.item)
    }
}

impl Serialize for CommitmentId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

words! {
    /// What a check-in said about a commitment.
    pub enum ReviewState: "commitment status" {
        /// `[x]`
        Done => "done",
        /// `[ ]`: carried forward.
        Open => "open",
        /// `~~struck~~`
        Dropped => "dropped",
    }
}

/// Where a commitment stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerEntry {
    /// `S.N`.
    pub id: CommitmentId,
    /// The action.
    pub text: String,
    /// When it is due.
    pub due: Option<NaiveDate>,
    /// What success looks like.
    pub success: Option<String>,
    /// The date of the session it was made in.
    pub made_on: NaiveDate,
    /// Done, open or dropped as of the ledger's session.
    pub status: ReviewState,
    /// How many held check-ins found it still open.
    pub carried: u32,
}

impl LedgerEntry {
    /// Open and due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ReviewState::Open && self.due.is_some_and(|due| due < today)
    }
}

/// Every commitment made in sessions up to and including `as_of`, with its status
/// as the held check-ins up to `as_of` left it. Sorted by id.
pub fn ledger(sessions: &[Session], as_of: u32) -> Vec<LedgerEntry> {
    let mut entries: BTreeMap<CommitmentId, LedgerEntry> = BTreeMap::new();
    let mut ordered: Vec<&Session> = sessions.iter().filter(|s| s.number <= as_of).collect();
    ordered.sort_by_key(|s| s.number);
    for session in ordered {
        if session.status == SessionStatus::Held {
            for review in &session.body.reviews {
                if review.id.session >= session.number {
                    continue;
                }
                if let Some(entry) = entries.get_mut(&review.id) {
                    entry.status = review.state;
                    if review.state == ReviewState::Open {
                        entry.carried += 1;
                    }
                }
            }
        }
        for item in &session.body.commitments {
            let id = CommitmentId {
                session: session.number,
                item: item.number,
            };
            entries.insert(
                id,
                LedgerEntry {
                    id,
                    text: item.text.clone(),
                    due: item.due.date(),
                    success: item.success.clone(),
                    made_on: session.date,
                    status: if item.ticked {
                        ReviewState::Done
                    } else if item.dropped {
                        ReviewState::Dropped
                    } else {
                        ReviewState::Open
                    },
                    carried: 0,
                },
            );
        }
    }
    entries.into_values().collect()
}

/// The commitments still open going into session `number`.
pub fn open_before(sessions: &[Session], number: u32) -> Vec<LedgerEntry> {
    ledger(sessions, number.saturating_sub(1))
        .into_iter()
        .filter(|e| e.status == ReviewState::Open)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::session::tests::session_from;

    fn sessions() -> Vec<Session> {
        vec![
            session_from(
                1,
                "held",
                "## Commitments\n- [ ] Map decision rights, by 2026-01-20\n- [ ] Ask two peers, by 2026-01-22\n- [ ] Rewrite deck\n",
            ),
            session_from(
                2,
                "held",
                "## Check-in\n- [x] (1.1) Map\n- [ ] (1.2) Ask\n- [ ] ~~(1.3) Rewrite~~\n## Commitments\n- [x] Talk to Sam, by 2026-02-06\n",
            ),
            session_from(3, "planned", "## Check-in\n- [x] (1.2) Ask\n"),
        ]
    }

    #[test]
    fn reviews_set_status_and_count_carries() {
        let l = ledger(&sessions(), 3);
        let by_id: Vec<_> = l
            .iter()
            .map(|e| (e.id.to_string(), e.status, e.carried))
            .collect();
        assert_eq!(
            by_id,
            vec![
                ("1.1".into(), ReviewState::Done, 0),
                ("1.2".into(), ReviewState::Open, 1),
                ("1.3".into(), ReviewState::Dropped, 0),
                ("2.1".into(), ReviewState::Done, 0),
            ],
            "a planned session's check-in does not count yet"
        );
    }

    #[test]
    fn ledger_as_of_an_earlier_session_ignores_later_reviews() {
        let l = ledger(&sessions(), 1);
        assert!(l.iter().all(|e| e.status == ReviewState::Open));
        assert_eq!(open_before(&sessions(), 3).len(), 1);
    }

    #[test]
    fn overdue_means_open_and_past_due() {
        let l = ledger(&sessions(), 3);
        let day = NaiveDate::from_ymd_opt(2026, 1, 23).unwrap();
        let overdue: Vec<_> = l
            .iter()
            .filter(|e| e.is_overdue(day))
            .map(|e| e.id.to_string())
            .collect();
        assert_eq!(overdue, ["1.2"]);
    }
}
