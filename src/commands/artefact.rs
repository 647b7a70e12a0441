//! What agenda, prompt, summary and report share: choosing the session, the
//! addressing of the email, and printing or writing under out/.

use chrono::DateTime;
use chrono_tz::Tz;
use serde::Serialize;

use crate::cli::OutputArgs;
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::fsio;
use crate::load::ENGAGEMENT_FILE;
use crate::model::email::is_placeholder_name;
use crate::model::engagement::Person;
use crate::model::pacing;
use crate::model::schedule::{Slot, SlotState, schedule};
use crate::model::session::{FIT_NUMBER, SessionKind};
use crate::model::valid::Valid;
use crate::render::eml::{Mail, Mailbox, header_text, message_id};
use crate::render::output::{Artefact, render};
use crate::render::templates::Templates;

/// The folder under the engagement where `--write` saves artefacts.
pub const OUT_DIR: &str = "out";

/// The slot of session `number`, or a message naming what exists.
pub fn slot_numbered(engagement: &Valid, number: u32) -> Result<Slot> {
    let slots = engagement.slots();
    let range = match (slots.first(), slots.last()) {
        (Some(first), Some(last)) => format!("sessions {} to {}", first.number, last.number),
        _ => "no sessions yet".to_string(),
    };
    let fit = if number == FIT_NUMBER {
        " (session 0 is the fit conversation, and it has no file)"
    } else {
        ""
    };
    slots
        .into_iter()
        .find(|s| s.number == number)
        .ok_or_else(|| {
            Error::Request(format!(
                "there is no session {number}{fit}: this engagement has {range}"
            ))
        })
}

/// The first session still to come on or after `today`: planned in a file, or
/// projected from the cadence.
pub fn next_upcoming(engagement: &Valid, today: chrono::NaiveDate) -> Result<Slot> {
    let slots = engagement.slots();
    pacing::next_session(&slots, today).cloned().ok_or_else(|| {
        Error::Request(format!(
            "no session is planned on or after {today}: pass a session number"
        ))
    })
}

/// The most recent held session.
pub fn last_held(engagement: &Valid) -> Result<Slot> {
    engagement
        .slots()
        .into_iter()
        .rev()
        .find(|s| s.state == SlotState::Held)
        .ok_or_else(|| {
            Error::Request("no session has been held yet: `coach mark N held` once one is".into())
        })
}

/// Refuses the fit conversation an artefact it does not get (`what`: "a
/// reflection prompt"), saying what it gets instead.
pub fn refuse_fit(slot: &Slot, what: &str) -> Result<()> {
    if slot.kind == SessionKind::Fit {
        return Err(Error::Request(format!(
            "session {} is the fit conversation: it gets an agenda (`coach agenda {}`) and a follow-up note (`coach follow-up`), not {what}",
            slot.number, slot.number
        )));
    }
    Ok(())
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
    let warnings = warnings_of(env, engagement);
    if !output.write {
        return Ok(Outcome {
            stdout: rendered,
            stderr: warnings,
            failed: false,
        });
    }
    let path = engagement
        .root
        .join(OUT_DIR)
        .join(artefact.folder)
        .join(format!("{}.{}", artefact.stem, output.format.extension()));
    fsio::write_atomic(&engagement.root, &path, rendered.as_bytes(), output.force)?;
    Ok(Outcome {
        stdout: format!("{}\n", env.show(&path)),
        stderr: warnings,
        failed: false,
    })
}

/// The engagement's warnings, one line each, for standard error: the artefact
/// goes out, and the coach sees what `check` would say.
fn warnings_of(env: &Env, engagement: &Valid) -> String {
    engagement
        .warnings
        .iter()
        .map(|w| {
            let mut shown = w.clone();
            shown.path = std::path::PathBuf::from(env.show(&w.path));
            format!("{shown}\n")
        })
        .collect()
}

/// Whom a draft goes to: a person of engagement.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// The leader (`client:`).
    Client,
    /// The sponsor (`sponsor:`).
    Sponsor,
    /// The coach (`coach:`), for the coach's own report.
    Coach,
    /// The leader, with a copy to the sponsor: a three-way meeting's agenda and summary.
    ClientAndSponsor,
}

/// A draft from the coach to `to`, dated `date` (a moment from the files, never the
/// clock), with a Message-ID the same files always give; or, when engagement.yaml
/// cannot address it (an address or name missing or still a placeholder), what to
/// set and where.
pub fn mail_to(
    env: &Env,
    engagement: &Valid,
    to: Recipient,
    date: DateTime<Tz>,
    artefact: &str,
    stem: &str,
) -> std::result::Result<Mail, String> {
    let e = &engagement.engagement;
    let file = env.show(&engagement.root.join(ENGAGEMENT_FILE));
    let from = mailbox(&e.coach, "coach", &file)?;
    let sponsor = || match &e.sponsor {
        Some(sponsor) => mailbox(sponsor, "sponsor", &file),
        None => Err(format!(
            "--format eml needs a sponsor to address: add `sponsor: {{name: ..., email: ...}}` to {file}"
        )),
    };
    let (to, cc) = match to {
        Recipient::Client => (mailbox(&e.client, "client", &file)?, None),
        Recipient::Coach => (from.clone(), None),
        Recipient::Sponsor => (sponsor()?, None),
        Recipient::ClientAndSponsor => (mailbox(&e.client, "client", &file)?, Some(sponsor()?)),
    };
    Ok(Mail {
        message_id: message_id(&[artefact, stem, &e.client.name], &from.address),
        from,
        to,
        cc,
        date,
    })
}

/// `person` (the `field` of `file`) as a mailbox, refusing a missing address and
/// `coach init`'s placeholders.
fn mailbox(person: &Person, field: &str, file: &str) -> std::result::Result<Mailbox, String> {
    let name = header_text(&person.name);
    if is_placeholder_name(&person.name) {
        return Err(format!(
            "--format eml needs a real name: `{field}.name` in {file} is still the placeholder `{name}`; write the name there"
        ));
    }
    match &person.email {
        None => Err(format!(
            "--format eml needs an email address for {name}: add `email:` under `{field}:` in {file}, such as `email: name@example.com`"
        )),
        Some(address) if address.is_placeholder() => Err(format!(
            "--format eml needs a real email address for {name}: `{field}.email` in {file} is still the placeholder `{address}`; write the real address there"
        )),
        Some(address) => Ok(Mailbox {
            name: person.name.clone(),
            address: address.clone(),
        }),
    }
}

/// The `NN-YYYY-MM-DD` stem of a session's artefacts.
pub fn stem(slot: &Slot) -> String {
    format!("{:02}-{}", slot.number, slot.date.format("%Y-%m-%d"))
}
