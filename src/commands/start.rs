//! `coach start`: a prospect becomes an active engagement. engagement.yaml gets
//! `status: active` and its start date with the byte-keeping edit of `coach
//! mark`, and the intake file is written new beside the fit conversation.

use chrono::{NaiveDate, TimeDelta};

use crate::cli::StartArgs;
use crate::commands::edit_in_place::{EngagementEdit, refuse_closed, top_level};
use crate::commands::init::{FirstSlot, InitContext, refuse_unreadable};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::fsio;
use crate::load::{self, ENGAGEMENT_FILE, SESSIONS_DIR};
use crate::model::engagement::{ClockTime, EngagementStatus};
use crate::model::schedule::unplaced_slot;
use crate::model::session::SessionStatus;
use crate::model::valid::Valid;
use crate::printable::terminal;
use crate::render::views::zoned;
use crate::validate::session_file_name;

/// The intake's number: the first session of the package.
const INTAKE_NUMBER: u32 = 1;

/// Begins the engagement and prints what changed and the intake file written.
pub fn run(env: &Env, args: &StartArgs) -> Result<Outcome> {
    let root = load::find_engagement_root(&env.dir)?;
    let sessions_dir = root.join(SESSIONS_DIR);
    fsio::real_folder(&root, &sessions_dir)?;
    // engagement.yaml and the sessions folder both change: hold both.
    let _root_lock = fsio::lock_folder(&root)?;
    let _sessions_lock = fsio::lock_folder(&sessions_dir)?;
    let valid = load::load(&root, env.today).into_valid()?;
    let date = args.date.unwrap_or(env.today);
    let e = &valid.engagement;
    let time = args.time.unwrap_or(e.time);
    refuse_unless_ready(&valid, date, time)?;

    let shown = env.show(&root.join(ENGAGEMENT_FILE));
    let edit = EngagementEdit::new(
        &root,
        shown,
        &[
            top_level("status", EngagementStatus::Active.to_string()),
            top_level("start", date.to_string()),
        ],
    )?;
    let mut begun = e.clone();
    begun.status = EngagementStatus::Active;
    begun.start = date;
    let intake = env.templates(&root)?.render(
        "intake.md",
        &InitContext::of(
            &begun,
            FirstSlot::new(INTAKE_NUMBER, date, time, begun.intake_minutes),
        ),
    )?;
    let intake_path = sessions_dir.join(session_file_name(INTAKE_NUMBER, date));
    refuse_unreadable(
        (&root.join(ENGAGEMENT_FILE), &edit.after),
        (&intake_path, &intake),
        env.today,
    )?;

    // engagement.yaml first: were the run stopped between the two writes, the
    // engagement is active without its intake, and `coach new-session` writes it.
    let changed = edit.write(&root)?;
    if let Err(e) = fsio::write_atomic(&root, &intake_path, intake.as_bytes(), false) {
        return Err(match edit.undo(&root) {
            Ok(()) => e,
            Err(undo) => Error::Request(format!("{e}; and {undo}")),
        });
    }
    Ok(Outcome {
        stdout: format!("{changed}{}\n", terminal(&env.show(&intake_path))),
        stderr: format!(
            "next: complete engagement.yaml (objectives, agreement), then `coach agenda {INTAKE_NUMBER}`\n"
        ),
        failed: false,
    })
}

/// A prospect starts once its fit conversation, if it has a file, is no longer
/// planned, with an intake that begins after it ends.
fn refuse_unless_ready(valid: &Valid, date: NaiveDate, time: ClockTime) -> Result<()> {
    refuse_closed(&valid.engagement)?;
    if valid.engagement.status != EngagementStatus::Prospect {
        let missing_intake = if valid.sessions.is_empty() {
            "; its intake has no file yet: `coach new-session` writes it"
        } else {
            ""
        };
        return Err(Error::Request(format!(
            "this engagement is {}, not a prospect: `coach start` begins a prospect's engagement{missing_intake}",
            valid.engagement.status
        )));
    }
    if let Some(fit) = &valid.fit {
        if fit.status == SessionStatus::Planned {
            return Err(Error::Request(format!(
                "the fit conversation (session 0, {}) is still planned: record how it went first, `coach mark 0 held` (or cancelled, no-show)",
                fit.date
            )));
        }
        let e = &valid.engagement;
        let fit = unplaced_slot(e, fit);
        let fit_ends =
            zoned(e.timezone.0, fit.date, fit.time.0) + TimeDelta::minutes(i64::from(fit.minutes));
        if zoned(e.timezone.0, date, time.0) < fit_ends {
            return Err(Error::Request(format!(
                "the intake on {date} at {time} would begin before the fit conversation ({} at {}) ends: choose a later --date or --time",
                fit.date, fit.time
            )));
        }
    }
    Ok(())
}
