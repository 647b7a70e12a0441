//! What agenda, prompt, summary and report share: choosing the session, the
//! addressing of the email, and printing or writing under out/.

use chrono::DateTime;
use chrono_tz::Tz;
use serde::Serialize;

use crate::cli::OutputArgs;
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::fsio;
use crate::load::Valid;
use crate::model::engagement::Person;
use crate::model::schedule::{Slot, SlotState, schedule};
use crate::render::output::{Artefact, Mail, render};
use crate::render::templates::Templates;
use crate::render::views::PersonView;

/// The folder under the engagement where `--write` saves artefacts.
pub const OUT_DIR: &str = "out";

/// The slot of session `number`, or a message naming what exists.
pub fn slot_numbered(engagement: &Valid, number: u32) -> Result<Slot> {
    let slots = schedule(&engagement.engagement, &engagement.sessions);
    let last = slots.last().map_or(0, |s| s.number);
    slots
        .into_iter()
        .find(|s| s.number == number)
        .ok_or_else(|| {
            Error::Request(format!(
                "there is no session {number}: this engagement has sessions 1 to {last}"
            ))
        })
}

/// The first session still to come on or after `today`: planned in a file, or
/// projected from the cadence.
pub fn next_upcoming(engagement: &Valid, today: chrono::NaiveDate) -> Result<Slot> {
    schedule(&engagement.engagement, &engagement.sessions)
        .into_iter()
        .find(|s| {
            matches!(s.state, SlotState::Planned | SlotState::ToBeScheduled) && s.date >= today
        })
        .ok_or_else(|| {
            Error::Request(format!(
                "no session is planned on or after {today}: pass a session number"
            ))
        })
}

/// The most recent held session.
pub fn last_held(engagement: &Valid) -> Result<Slot> {
    schedule(&engagement.engagement, &engagement.sessions)
        .into_iter()
        .rev()
        .find(|s| s.state == SlotState::Held)
        .ok_or_else(|| {
            Error::Request(
                "no session has been held yet: set `status: held` in a session file".into(),
            )
        })
}

/// The session after `number` that will take place (not cancelled).
pub fn next_after(engagement: &Valid, number: u32) -> Option<Slot> {
    schedule(&engagement.engagement, &engagement.sessions)
        .into_iter()
        .find(|s| s.number > number && s.state != SlotState::Cancelled)
}

/// Prints the artefact, or with `--write` saves it as `out/<folder>/<stem>.<ext>`.
pub fn emit<C: Serialize>(
    env: &Env,
    engagement: &Valid,
    templates: &Templates,
    artefact: &Artefact<'_, C>,
    output: &OutputArgs,
) -> Result<Outcome> {
    let rendered = render(templates, artefact, output.format)?;
    if !output.write {
        return Ok(Outcome::print(rendered));
    }
    let path = engagement
        .root
        .join(OUT_DIR)
        .join(artefact.folder)
        .join(format!("{}.{}", artefact.stem, output.format.extension()));
    fsio::write_atomic(&engagement.root, &path, rendered.as_bytes(), output.force)?;
    Ok(Outcome::print(format!("{}\n", env.show(&path))))
}

/// A draft from the coach to `to`, dated `date` (a moment from the files, never the
/// clock), with a Message-ID the same files always give.
pub fn mail_to(
    engagement: &Valid,
    to: &Person,
    date: DateTime<Tz>,
    artefact: &str,
    stem: &str,
) -> Mail {
    let e = &engagement.engagement;
    let domain = e
        .coach
        .email
        .as_deref()
        .and_then(|e| e.split_once('@'))
        .map_or("coach.invalid", |(_, d)| d);
    let client: String = e
        .client
        .name
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' {
                Some('-')
            } else {
                None
            }
        })
        .collect();
    Mail {
        from: PersonView::from(&e.coach),
        to: PersonView::from(to),
        date,
        message_id: format!("{artefact}.{stem}.{client}@{domain}"),
    }
}

/// The `NN-YYYY-MM-DD` stem of a session's artefacts.
pub fn stem(slot: &Slot) -> String {
    format!("{:02}-{}", slot.number, slot.date.format("%Y-%m-%d"))
}
