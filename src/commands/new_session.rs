//! `coach new-session`: the next session file, numbered, dated and prefilled;
//! with `--kind three-way`, a three-way meeting's file.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use crate::cli::NewSessionArgs;
use crate::commands::edit_in_place::refuse_closed;
use crate::commands::init::{FirstSlot, InitContext, refuse_unreadable};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::fsio;
use crate::load::{self, ENGAGEMENT_FILE, SESSIONS_DIR};
use crate::model::commitment::{LedgerEntry, open_before};
use crate::model::engagement::EngagementStatus;
use crate::model::schedule::{
    FIT_MINUTES, default_minutes, kind_for_place, next_date_after, three_way_review,
};
use crate::model::session::{FIT_NUMBER, SessionKind, SessionStatus};
use crate::model::valid::Valid;
use crate::render::templates::Templates;
use crate::validate::{session_file_name, three_way_misplaced};

/// The context of `session.md` and `three-way.md`.
#[derive(Debug, Serialize)]
pub struct NewSessionContext {
    #[serde(skip)]
    date: chrono::NaiveDate,
    #[serde(skip)]
    kind: SessionKind,
    session: Slot,
    focus: Vec<String>,
    objectives: Vec<IdTitle>,
    measures: Vec<IdTitle>,
    open_commitments: Vec<OpenCommitment>,
    stakeholders: Vec<NameRelation>,
    sponsor: String,
    beside: &'static str,
}

#[derive(Debug, Serialize)]
struct NameRelation {
    name: String,
    relation: String,
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

/// Creates the next session file and prints its path.
///
/// The sessions folder is locked (an advisory lock the system drops when the
/// process ends) while the number is chosen and the file created, so two runs at
/// once never take the same number; the file itself is created new, never replaced.
pub fn run(env: &Env, args: &NewSessionArgs) -> Result<Outcome> {
    let root = load::find_engagement_root(&env.dir)?;
    let sessions_dir = root.join(SESSIONS_DIR);
    fsio::real_folder(&root, &sessions_dir)?;
    let lock = fsio::lock_folder(&sessions_dir)?;
    let engagement = load::load(&root, env.today).into_valid()?;
    refuse_closed(&engagement.engagement)?;
    let templates = env.templates(&engagement.root)?;
    let (path, text) = if engagement.engagement.status == EngagementStatus::Prospect {
        fit_file(&engagement, args, &templates)?
    } else {
        let context = build_context(&engagement, args)?;
        let e = &engagement.engagement;
        // The first session of the package is the intake, from the template `init`
        // and `start` use (an interrupted `start` leaves it to this command).
        let text = match context.kind {
            SessionKind::Intake => templates.render(
                "intake.md",
                &InitContext::of(
                    e,
                    FirstSlot::new(
                        context.session.number,
                        context.date,
                        args.time.unwrap_or(e.time),
                        context.session.minutes,
                    ),
                ),
            )?,
            SessionKind::ThreeWay => templates.render("three-way.md", &context)?,
            _ => templates.render("session.md", &context)?,
        };
        (
            sessions_dir.join(session_file_name(context.session.number, context.date)),
            text,
        )
    };
    let engagement_path = root.join(ENGAGEMENT_FILE);
    refuse_unreadable(
        (&engagement_path, &fsio::read_text(&engagement_path)?),
        (&path, &text),
        env.today,
    )?;
    fsio::write_atomic(&root, &path, text.as_bytes(), false)?;
    drop(lock);
    if args.edit {
        open_editor(&path)?;
    }
    Ok(Outcome::print(format!("{}\n", env.show(&path))))
}

/// A prospect's one session file: its fit conversation, when it has none yet.
fn fit_file(
    engagement: &Valid,
    args: &NewSessionArgs,
    templates: &Templates,
) -> Result<(PathBuf, String)> {
    let e = &engagement.engagement;
    if let Some(fit) = &engagement.fit {
        return Err(Error::Request(format!(
            "this is a prospect: its fit conversation is on file ({}), and sessions begin with `coach start`",
            fit.date
        )));
    }
    if args.kind.is_some_and(|kind| kind != SessionKind::Fit) {
        return Err(Error::Request(
            "this is a prospect: its one session is the fit conversation (`--kind fit`); sessions begin with `coach start`".into(),
        ));
    }
    let date = args.date.unwrap_or(e.start);
    let time = args.time.unwrap_or(e.time);
    let minutes = args.minutes.unwrap_or(FIT_MINUTES);
    let text = templates.render(
        "fit.md",
        &InitContext::of(e, FirstSlot::new(FIT_NUMBER, date, time, minutes)),
    )?;
    let path = engagement
        .root
        .join(SESSIONS_DIR)
        .join(session_file_name(FIT_NUMBER, date));
    Ok((path, text))
}

fn build_context(engagement: &Valid, args: &NewSessionArgs) -> Result<NewSessionContext> {
    let e = &engagement.engagement;
    if args.kind == Some(SessionKind::Fit) {
        return Err(Error::Request(
            "the fit conversation comes before an engagement, and this one has begun: choose another --kind".into(),
        ));
    }
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
    let expected = kind_for_place(place, size);
    let kind: SessionKind = args.kind.unwrap_or(expected);
    // The rule `check` applies (W080): a kind goes with its place.
    if kind != expected && kind != SessionKind::ThreeWay {
        return Err(Error::Request(format!(
            "session {number} is {place} of {size}, so it is the {} session, not {}: leave out --kind, or cancel or add sessions so the review falls here",
            expected.name(),
            kind.name()
        )));
    }
    let three_way = kind == SessionKind::ThreeWay;
    if three_way {
        three_way_allowed(engagement, args, number, place - 1)?;
    }
    let date = match (args.date, last) {
        (Some(date), _) => date,
        (None, Some(last)) => next_date_after(e, last.date),
        (None, None) => e.start,
    };
    // Numbers follow the calendar: a new session comes after the last one.
    if let Some(last) = last.filter(|last| date < last.date) {
        return Err(Error::Request(format!(
            "session {} is on {}: session {number} comes after it; choose a --date on or after that day",
            last.number, last.date
        )));
    }
    // A three-way meeting may share a day with a coaching session.
    if let Some(clash) = engagement.sessions.iter().find(|s| {
        s.date == date
            && s.status != SessionStatus::Cancelled
            && !three_way
            && s.kind != Some(SessionKind::ThreeWay)
    }) {
        let hint = if args.date.is_some() {
            "choose another --date"
        } else {
            "pass --date for another day"
        };
        return Err(Error::Request(format!(
            "session {} is already on {date}: {hint}",
            clash.number
        )));
    }
    let time = args.time.unwrap_or(e.time);
    let focus = engagement.focus_for(number);
    Ok(NewSessionContext {
        date,
        kind,
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
        stakeholders: e
            .stakeholders
            .iter()
            .map(|s| NameRelation {
                name: s.name.clone(),
                relation: s.relation.clone().unwrap_or_default(),
            })
            .collect(),
        sponsor: e
            .sponsor
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        beside: if three_way {
            three_way_review(place - 1, size).name()
        } else {
            ""
        },
    })
}

/// A three-way meeting needs its day (`--date`), a sponsor, and a place beside
/// the midpoint review or the close: the rules `check` applies to its file.
fn three_way_allowed(
    engagement: &Valid,
    args: &NewSessionArgs,
    number: u32,
    before: u32,
) -> Result<()> {
    let e = &engagement.engagement;
    if args.date.is_none() {
        return Err(Error::Request(
            "a three-way meeting is set around the sponsor's calendar: pass its day with --date YYYY-MM-DD (and --time HH:MM)".into(),
        ));
    }
    if e.sponsor.is_none() {
        return Err(Error::Request(format!(
            "a three-way meeting needs a sponsor: add `sponsor: {{name: ..., email: ...}}` to {}",
            load::ENGAGEMENT_FILE
        )));
    }
    match three_way_misplaced(number, before, e.package_size()) {
        Some(message) => Err(Error::Request(message)),
        None => Ok(()),
    }
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
