//! `coach new-session`: the next session file, numbered, dated and prefilled.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use crate::cli::NewSessionArgs;
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::fsio;
use crate::load::{SESSIONS_DIR, Valid};
use crate::model::commitment::{LedgerEntry, open_before};
use crate::model::engagement::{ClockTime, parse_clock_time};
use crate::model::schedule::{default_minutes, kind_for_place, next_date_after};
use crate::model::session::{SessionKind, SessionStatus};
use crate::validate::session_file_name;

/// The context of `session.md`.
#[derive(Debug, Serialize)]
pub struct NewSessionContext {
    session: Slot,
    focus: Vec<String>,
    objectives: Vec<IdTitle>,
    measures: Vec<IdTitle>,
    open_commitments: Vec<OpenCommitment>,
}

#[derive(Debug, Serialize)]
struct Slot {
    number: u32,
    date: String,
    time: String,
    minutes: u32,
    kind: &'static str,
}

#[derive(Debug, Serialize)]
struct IdTitle {
    id: String,
    title: String,
}

#[derive(Debug, Serialize)]
struct OpenCommitment {
    id: String,
    text: String,
    due: String,
    success: String,
}

impl From<&LedgerEntry> for OpenCommitment {
    fn from(e: &LedgerEntry) -> Self {
        OpenCommitment {
            id: e.id.to_string(),
            text: e.text.clone(),
            due: e.due.map(|d| d.to_string()).unwrap_or_default(),
            success: e.success.clone().unwrap_or_default(),
        }
    }
}

/// How many times to retry when another run took the same number meanwhile.
const ATTEMPTS: u32 = 5;

/// Creates the next session file and prints its path.
pub fn run(env: &Env, args: &NewSessionArgs) -> Result<Outcome> {
    let mut engagement = env.engagement()?;
    let templates = env.templates(&engagement.root)?;
    for _ in 0..ATTEMPTS {
        let context = build_context(&engagement, args)?;
        let text = templates.render("session.md", &context)?;
        let date = chrono::NaiveDate::parse_from_str(&context.session.date, "%Y-%m-%d")
            .map_err(|_| Error::Request("internal: bad date".into()))?;
        let path = engagement
            .root
            .join(SESSIONS_DIR)
            .join(session_file_name(context.session.number, date));
        fsio::write_atomic(&path, text.as_bytes(), false)?;
        if lost_race(&path, context.session.number)? {
            // Another run created this number at the same moment with another date;
            // the file sorting first keeps it, and this run tries the next number.
            fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            engagement = env.engagement()?;
            continue;
        }
        if args.edit {
            open_editor(&path)?;
        }
        return Ok(Outcome::print(format!("{}\n", env.show(&path))));
    }
    Err(Error::Request(
        "other coach runs keep taking the next session number: try again".into(),
    ))
}

fn build_context(engagement: &Valid, args: &NewSessionArgs) -> Result<NewSessionContext> {
    let e = &engagement.engagement;
    let last = engagement.sessions.last();
    let number = last.map_or(1, |s| s.number + 1);
    let place = engagement
        .sessions
        .iter()
        .filter(|s| s.counts_toward_package())
        .count() as u32
        + 1;
    let size = e.package_size();
    if place > size && args.kind.is_none() {
        return Err(Error::Request(format!(
            "the {size} sessions of the package are all scheduled: to add one, set `package: custom` and `sessions: {}` in engagement.yaml",
            size + 1
        )));
    }
    let kind: SessionKind = args
        .kind
        .map_or_else(|| kind_for_place(place, size), Into::into);
    let date = match (args.date, last) {
        (Some(date), _) => date,
        (None, Some(last)) => next_date_after(e, last.date),
        (None, None) => e.start,
    };
    if let Some(clash) = engagement
        .sessions
        .iter()
        .find(|s| s.date == date && s.status != SessionStatus::Cancelled)
    {
        return Err(Error::Request(format!(
            "session {} is already on {date}: pass --date for another day",
            clash.number
        )));
    }
    let time = match &args.time {
        Some(text) => ClockTime(parse_clock_time(text).map_err(Error::Request)?),
        None => e.time,
    };
    let focus = engagement.focus_for(number);
    Ok(NewSessionContext {
        session: Slot {
            number,
            date: date.to_string(),
            time: time.to_string(),
            minutes: args.minutes.unwrap_or_else(|| default_minutes(e, kind)),
            kind: kind.name(),
        },
        focus,
        objectives: e
            .objectives
            .iter()
            .map(|o| IdTitle {
                id: o.id.clone(),
                title: o.title.clone(),
            })
            .collect(),
        measures: e
            .measures()
            .map(|(_, m)| IdTitle {
                id: m.id.clone(),
                title: m.label.clone(),
            })
            .collect(),
        open_commitments: open_before(&engagement.sessions, number)
            .iter()
            .map(OpenCommitment::from)
            .collect(),
    })
}

/// True when another file with the same session number sorts before `ours`.
fn lost_race(ours: &Path, number: u32) -> Result<bool> {
    let dir = ours.parent().unwrap_or(Path::new("."));
    let prefix = format!("{number:02}-");
    let mut same: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".md"))
        })
        .collect();
    same.sort();
    Ok(same.first().is_some_and(|first| first != ours))
}

fn open_editor(path: &Path) -> Result<()> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .ok_or_else(|| {
            Error::Request(format!(
                "{} was created; set $VISUAL or $EDITOR to open it with --edit",
                path.display()
            ))
        })?;
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| {
            Error::Request(format!(
                "{} was created, but the editor `{editor}` did not start: {e}",
                path.display()
            ))
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::Request(format!(
            "{} was created; the editor `{editor}` exited with {status}",
            path.display()
        )))
    }
}
