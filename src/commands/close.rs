//! `coach close`: ends an engagement once its closing session is held and its
//! final reports are written, by setting `status: closed` in engagement.yaml in
//! place (the same byte-keeping edit as `coach mark`).

use std::path::Path;

use crate::cli::CloseArgs;
use crate::commands::artefact::OUT_DIR;
use crate::commands::mark::{read_for_edit, refuse_errors_in, report, write_edit};
use crate::commands::report::review_session;
use crate::commands::{Env, Outcome};
use crate::edit::front_matter::{self, Layout, SetValue};
use crate::error::{Error, Result};
use crate::fsio;
use crate::load::{self, ENGAGEMENT_FILE};
use crate::model::engagement::EngagementStatus;
use crate::model::valid::Valid;
use crate::render::output::Format;
use crate::render::report::Stage;
use clap::ValueEnum;

/// Closes the engagement and prints what changed, a line per key.
pub fn run(env: &Env, args: &CloseArgs) -> Result<Outcome> {
    let root = load::find_engagement_root(&env.dir)?;
    let _lock = fsio::lock_folder(&root)?;
    let valid = load::load(&root, env.today).into_valid()?;
    match valid.engagement.status {
        EngagementStatus::Closed => {
            return Err(Error::Request(
                "this engagement is already closed: coach changes nothing in a closed engagement"
                    .into(),
            ));
        }
        EngagementStatus::Prospect => {
            return Err(Error::Request(
                "this is a prospect, not an engagement: there is nothing to close".into(),
            ));
        }
        EngagementStatus::Active | EngagementStatus::Paused => {}
    }
    if args.reason.is_none() {
        let missing = not_yet_done(&valid);
        if !missing.is_empty() {
            return Err(Error::Request(format!(
                "not closed yet:\n{}\nto close it anyway, say why: `coach close --force --reason \"...\"`",
                missing
                    .iter()
                    .map(|m| format!("  - {m}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )));
        }
    }
    let path = root.join(ENGAGEMENT_FILE);
    let shown = env.show(&path);
    let (before, text) = read_for_edit(&path, &shown)?;
    let mut edits = vec![
        set("status", "closed".to_string()),
        set("closed_on", env.today.to_string()),
    ];
    if let Some(reason) = &args.reason {
        edits.push(set("closed_reason", front_matter::quoted(reason)));
    }
    let (after, changes) = front_matter::set_values(&text, Layout::Yaml, &edits)
        .map_err(|why| Error::Request(format!("{shown}: not changed: {why}")))?;
    refuse_what_check_rejects(&path, &shown, &after)?;
    write_edit(&root, &path, &shown, &before, &after)?;
    Ok(Outcome::print(report(&shown, &changes)))
}

fn set(key: &str, yaml: String) -> SetValue {
    SetValue {
        keys: vec![key.to_string()],
        yaml,
    }
}

/// What must happen before an engagement closes: its closing session held and
/// its final reports written to out/reports (the sponsor's too when there is a
/// sponsor with a signed agreement).
fn not_yet_done(valid: &Valid) -> Vec<String> {
    let mut missing = Vec::new();
    if let Err(why) = review_session(valid, Stage::Final) {
        missing.push(why.to_string());
    }
    let e = &valid.engagement;
    let mut audiences = vec!["client"];
    if e.sponsor.is_some() && e.agreement.signed.is_some() {
        audiences.push("sponsor");
    }
    let reports = valid.root.join(OUT_DIR).join("reports");
    for audience in audiences {
        if !written(&reports, &format!("final-{audience}")) {
            missing.push(format!(
                "the final report for the {} is not in out/reports: `coach report --final --audience {audience} --write`",
                if audience == "client" { "leader" } else { "sponsor" }
            ));
        }
    }
    missing
}

/// Whether `folder` holds a regular file `stem.EXT` in any format coach writes.
fn written(folder: &Path, stem: &str) -> bool {
    Format::value_variants().iter().any(|format| {
        std::fs::symlink_metadata(folder.join(format!("{stem}.{}", format.extension())))
            .is_ok_and(|m| m.file_type().is_file())
    })
}

/// Reads the edited engagement.yaml as `check` would, and refuses an error in it.
fn refuse_what_check_rejects(path: &Path, shown: &str, after: &str) -> Result<()> {
    let normalised = fsio::decode_text(path, after.as_bytes().to_vec())?;
    let mut problems = Vec::new();
    load::engagement_problems(path, &normalised, &mut problems);
    refuse_errors_in(path, shown, problems)
}
