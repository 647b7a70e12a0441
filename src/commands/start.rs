//! `coach start`: a prospect becomes an active engagement. engagement.yaml gets
//! `status: active` and its start date with the byte-keeping edit of `coach
//! mark`, and the intake file is written new beside the fit conversation.

use std::fs;

use chrono::NaiveDate;

use crate::cli::StartArgs;
use crate::commands::edit_in_place::{EngagementEdit, refuse_closed, top_level};
use crate::commands::init::{FirstSlot, InitContext};
use crate::commands::{Env, Outcome};
use crate::error::{Diagnostic, Error, Result};
use crate::fsio;
use crate::load::{self, ENGAGEMENT_FILE, SESSIONS_DIR};
use crate::model::engagement::{ClockTime, EngagementStatus, parse_clock_time};
use crate::model::session::SessionStatus;
use crate::model::valid::Valid;
use crate::printable::terminal;
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
    refuse_unless_ready(&valid, date)?;
    let e = &valid.engagement;
    let time = match &args.time {
        Some(text) => ClockTime(parse_clock_time(text).map_err(Error::Request)?),
        None => e.time,
    };

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
    refuse_unreadable(&root, &edit.after, &intake_path, &intake, env.today)?;

    fsio::write_atomic(&root, &intake_path, intake.as_bytes(), false)?;
    let changed = match edit.write(&root) {
        Ok(changed) => changed,
        Err(e) => {
            // The intake is ours from a moment ago; leave nothing half-made.
            let _ = fs::remove_file(&intake_path);
            return Err(e);
        }
    };
    Ok(Outcome {
        stdout: format!("{changed}{}\n", terminal(&env.show(&intake_path))),
        stderr: format!(
            "next: complete engagement.yaml (objectives, agreement), then `coach agenda {INTAKE_NUMBER}`\n"
        ),
        failed: false,
    })
}

/// A prospect starts once its fit conversation, if it has a file, is no longer
/// planned, and on or after the day it took place.
fn refuse_unless_ready(valid: &Valid, date: NaiveDate) -> Result<()> {
    refuse_closed(&valid.engagement)?;
    if valid.engagement.status != EngagementStatus::Prospect {
        return Err(Error::Request(format!(
            "this engagement is {} already: `coach start` begins a prospect's engagement",
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
        if date < fit.date {
            return Err(Error::Request(format!(
                "the intake on {date} would come before the fit conversation ({}): choose a --date on or after it",
                fit.date
            )));
        }
    }
    Ok(())
}

/// Refuses when the edited engagement.yaml or the new intake would not pass
/// `coach check` (a custom template, say).
fn refuse_unreadable(
    root: &std::path::Path,
    engagement_text: &str,
    intake_path: &std::path::Path,
    intake_text: &str,
    today: NaiveDate,
) -> Result<()> {
    let errors: Vec<Diagnostic> = load::problems_in_texts(
        (&root.join(ENGAGEMENT_FILE), engagement_text),
        (intake_path, intake_text),
        today,
    )
    .into_iter()
    .filter(Diagnostic::is_error)
    .map(|mut p| {
        p.message = format!(
            "not started: the intake would not pass `coach check`: {}",
            p.message
        );
        p
    })
    .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}
