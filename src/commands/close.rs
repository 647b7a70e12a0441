//! `coach close`: ends an engagement once its closing session is held and its
//! final reports are written, by setting `status: closed` in engagement.yaml in
//! place (the same byte-keeping edit as `coach mark`).

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};

use chrono::NaiveDate;

use crate::cli::CloseArgs;
use crate::commands::artefact::OUT_DIR;
use crate::commands::edit_in_place::{EngagementEdit, refuse_closed, top_level};
use crate::commands::report::review_session;
use crate::commands::{Env, Outcome};
use crate::edit::front_matter::{self, SetValue};
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
    refuse_closed(&valid.engagement)?;
    if valid.engagement.status == EngagementStatus::Prospect {
        return Err(Error::Request(
            "this is a prospect, not an engagement: `coach decline --reason \"...\"` closes a prospect, `coach start` begins the engagement".into(),
        ));
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
    let shown = env.show(&root.join(ENGAGEMENT_FILE));
    let edit = EngagementEdit::new(
        &root,
        shown,
        &closing_edits(env.today, args.reason.as_deref()),
    )?;
    Ok(Outcome::print(edit.write(&root)?))
}

/// The keys that close an engagement or a prospect on `today`, and why.
pub fn closing_edits(today: NaiveDate, reason: Option<&str>) -> Vec<SetValue> {
    let mut edits = vec![
        top_level("status", EngagementStatus::Closed.to_string()),
        top_level("closed_on", today.to_string()),
    ];
    if let Some(reason) = reason {
        edits.push(top_level("closed_reason", front_matter::quoted(reason)));
    }
    edits
}

/// What must happen before an engagement closes: its closing session held and
/// its final reports written to out/reports (the sponsor's too when there is a
/// sponsor with a signed agreement).
fn not_yet_done(valid: &Valid) -> Vec<String> {
    let mut missing = Vec::new();
    if let Err(why) = review_session(valid, Stage::Final) {
        missing.push(why.to_string());
    }
    for audience in reports_missing(valid, Stage::Final) {
        missing.push(format!(
            "the final report for the {} is not in out/reports: `coach report --final --audience {audience} --write`",
            if audience == "client" { "leader" } else { "sponsor" }
        ));
    }
    missing
}

/// The audiences (`client`, `sponsor`) whose report of `stage` is not in
/// out/reports: the leader's always, the sponsor's when there is a sponsor with a
/// signed agreement.
pub fn reports_missing(valid: &Valid, stage: Stage) -> Vec<&'static str> {
    let e = &valid.engagement;
    let mut audiences = vec!["client"];
    if e.sponsor.is_some() && e.agreement.signed.is_some() {
        audiences.push("sponsor");
    }
    let reports = valid.root.join(OUT_DIR).join("reports");
    let stage = match stage {
        Stage::Midpoint => "midpoint",
        Stage::Final => "final",
    };
    let files = fsio::regular_files(&reports);
    audiences
        .into_iter()
        .filter(|audience| !written(&files, &format!("{stage}-{audience}")))
        .collect()
}

/// Whether `files` hold `stem.EXT` in any format coach writes.
fn written(files: &BTreeSet<OsString>, stem: &str) -> bool {
    Format::value_variants()
        .iter()
        .any(|format| files.contains(OsStr::new(&format!("{stem}.{}", format.extension()))))
}
