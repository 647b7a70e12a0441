//! `coach mark N STATUS`: records what happened to a session, and the readings
//! taken at it, by editing only those keys of its front matter in place.

use std::path::Path;

use crate::cli::MarkArgs;
use crate::commands::edit_in_place::{
    read_for_edit, refuse_closed, refuse_errors_in, report, top_level, write_edit,
};
use crate::commands::{Env, Outcome};
use crate::edit::front_matter::{self, Layout, SetValue};
use crate::error::{Error, Result};
use crate::fsio;
use crate::load::{self, ENGAGEMENT_FILE, SESSIONS_DIR};
use crate::model::session::SessionStatus;
use crate::printable::terminal;

/// Sets the status (and readings) of one session and prints what changed, a
/// line per key. Refuses a closed engagement, a session held or missed after
/// today, a file that changed meanwhile and a result `coach check` would reject.
pub fn run(env: &Env, args: &MarkArgs) -> Result<Outcome> {
    let root = load::find_engagement_root(&env.dir)?;
    let sessions_dir = root.join(SESSIONS_DIR);
    fsio::real_folder(&root, &sessions_dir)?;
    // Read, check and write while holding the folder: runs at once take turns.
    let _lock = fsio::lock_folder(&sessions_dir)?;
    let loaded = load::load(&root, env.today);
    let Some(engagement) = &loaded.engagement else {
        return Err(Error::Invalid(
            loaded
                .problems
                .into_iter()
                .filter(|p| p.is_error())
                .collect(),
        ));
    };
    refuse_closed(engagement)?;
    let Some(session) = loaded.sessions.iter().find(|s| s.number == args.session) else {
        let broken: Vec<_> = loaded
            .problems
            .iter()
            .filter(|p| p.is_error() && load::number_in_name(&p.path) == Some(args.session))
            .cloned()
            .collect();
        if broken.is_empty() {
            return Err(Error::Request(format!(
                "there is no session {}: create it with `coach new-session`",
                args.session
            )));
        }
        return Err(Error::Invalid(broken));
    };
    let in_doubt: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| {
            p.is_error()
                && (p.path == session.path || load::number_in_name(&p.path) == Some(session.number))
        })
        .cloned()
        .collect();
    if !in_doubt.is_empty() {
        return Err(Error::Invalid(in_doubt));
    }
    let readings = args.alliance.is_some() || !args.measure.is_empty() || args.shift.is_some();
    if readings && session.is_fit() {
        return Err(Error::Request(
            "the fit conversation takes no readings: the alliance is rated and baselines are taken from the intake on; leave out --alliance, --measure and --shift".into(),
        ));
    }
    if readings && session.is_three_way() {
        return Err(Error::Request(format!(
            "session {} is a three-way meeting: readings are taken at the coaching sessions, not with the sponsor in the room; leave out --alliance, --measure and --shift",
            session.number
        )));
    }
    if readings && args.status != SessionStatus::Held {
        return Err(Error::Request(format!(
            "readings are taken at a held session, and session {} is to be {}: leave out --alliance, --measure and --shift, or mark it held",
            session.number, args.status
        )));
    }
    let happened = matches!(args.status, SessionStatus::Held | SessionStatus::NoShow);
    if happened && session.date > env.today {
        return Err(Error::Request(format!(
            "session {} is on {}, after today ({}): it cannot be marked {} yet; mark it when it has happened, or move it with its `date:`",
            session.number, session.date, env.today, args.status
        )));
    }
    let path = session.path.clone();
    let shown = env.show(&path);
    let (before, text) = read_for_edit(&path, &shown)?;
    let (after, changes) = front_matter::set_values(&text, Layout::FrontMatter, &edits(args))
        .map_err(|why| Error::Request(format!("{shown}: not changed: {why}")))?;
    if changes.is_empty() {
        return Ok(Outcome::print(format!(
            "{}: nothing to change: session {} is already so\n",
            terminal(&shown),
            session.number
        )));
    }
    refuse_what_check_rejects(&root, &path, &shown, &after, env)?;
    write_edit(&root, &path, &shown, &before, &after)?;
    Ok(Outcome::print(report(&shown, &changes)))
}

/// The values to set, in the order they are reported.
fn edits(args: &MarkArgs) -> Vec<SetValue> {
    let mut edits = vec![top_level("status", args.status.to_string())];
    if let Some(alliance) = args.alliance {
        edits.push(top_level("alliance", alliance.to_string()));
    }
    for (id, value) in &args.measure {
        edits.push(SetValue {
            keys: vec!["measures".to_string(), id.clone()],
            yaml: value.clone(),
        });
    }
    if let Some(shift) = &args.shift {
        edits.push(top_level("shift", front_matter::quoted(shift)));
    }
    edits
}

/// Reads the edited file as `check` would, with the engagement as it is, and
/// refuses when it finds an error.
fn refuse_what_check_rejects(
    root: &Path,
    path: &Path,
    shown: &str,
    after: &str,
    env: &Env,
) -> Result<()> {
    let engagement_path = root.join(ENGAGEMENT_FILE);
    let engagement_text = fsio::read_text(&engagement_path)?;
    let normalised = fsio::decode_text(path, after.as_bytes().to_vec())?;
    let problems = load::problems_in_texts(
        (&engagement_path, &engagement_text),
        (path, &normalised),
        env.today,
    );
    refuse_errors_in(path, shown, problems)
}
