//! `coach commitments`: every commitment across an engagement or a practice.

use std::path::Path;

use serde::Serialize;

use crate::cli::{CommitmentsArgs, ListFormat};
use crate::codes;
use crate::commands::{Env, Outcome};
use crate::error::{Diagnostic, Error, Result};
use crate::load::Loaded;
use crate::model::commitment::{ReviewState, ledger};
use crate::practice;
use crate::render::escape;
use crate::render::output::TEXT_WIDTH;
use crate::render::text::{Headings, markdown_to_text};
use crate::render::views::standing;

/// One row of the list.
#[derive(Debug, Serialize)]
pub struct CommitmentRow {
    /// `S.N`.
    pub id: String,
    /// The leader.
    pub leader: String,
    /// The engagement folder, as shown.
    pub engagement: String,
    /// The action.
    pub text: String,
    /// YYYY-MM-DD or empty.
    pub due: String,
    /// done, open or dropped.
    pub status: &'static str,
    /// Open and past due.
    pub overdue: bool,
    /// How many check-ins carried it forward.
    pub carried: u32,
}

#[derive(Serialize)]
struct CommitmentList<'a> {
    today: String,
    commitments: &'a [CommitmentRow],
    problems: Vec<String>,
}

/// Lists commitments, open ones by default.
pub fn run(env: &Env, args: &CommitmentsArgs) -> Result<Outcome> {
    let path = args
        .path
        .as_ref()
        .map_or_else(|| env.dir.clone(), |p| env.dir.join(p));
    let (per_engagement, mut problems) =
        practice::map_engagements(&path, env.today, |loaded| rows_of(env, args, loaded))?;
    let mut rows = Vec::new();
    for result in per_engagement {
        match result {
            Ok(found) => rows.extend(found),
            Err(errors) => problems.extend(errors),
        }
    }
    let problems: Vec<String> = problems
        .iter()
        .map(|p| {
            let mut shown = p.clone();
            shown.path = env.show(&p.path).into();
            shown.to_string()
        })
        .collect();
    let stdout = match args.format {
        ListFormat::Json => {
            let list = CommitmentList {
                today: env.today.to_string(),
                commitments: &rows,
                problems: problems.clone(),
            };
            crate::printable::json(
                &serde_json::to_string_pretty(&list).map_err(|e| Error::Request(e.to_string()))?,
            ) + "\n"
        }
        ListFormat::Md => markdown(&rows),
        ListFormat::Text => text(&rows),
    };
    let stderr = problems.iter().map(|p| format!("{p}\n")).collect();
    Ok(Outcome {
        stdout,
        stderr,
        failed: !problems.is_empty(),
    })
}

/// The rows of one engagement, or its errors when it is broken.
fn rows_of(
    env: &Env,
    args: &CommitmentsArgs,
    loaded: Loaded,
) -> Result<Vec<CommitmentRow>, Vec<Diagnostic>> {
    let shown = env.label(&loaded.root);
    let valid = loaded.into_valid().map_err(|e| match e {
        Error::Invalid(list) => list,
        other => vec![Diagnostic::new(
            codes::UNREADABLE,
            Path::new(&shown),
            None,
            other.to_string(),
        )],
    })?;
    let last = valid.sessions.last().map_or(0, |s| s.number);
    let rows = ledger(&valid.sessions, last)
        .into_iter()
        .filter_map(|entry| {
            let overdue = entry.is_overdue(env.today);
            let keep = if args.all {
                true
            } else if args.overdue {
                overdue
            } else {
                entry.status == ReviewState::Open
            };
            keep.then(|| CommitmentRow {
                id: entry.id.to_string(),
                leader: valid.engagement.client.name.clone(),
                engagement: shown.clone(),
                text: entry.text.clone(),
                due: entry.due.map(|d| d.to_string()).unwrap_or_default(),
                status: entry.status.name(),
                overdue,
                carried: entry.carried,
            })
        })
        .collect();
    Ok(rows)
}

fn markdown(rows: &[CommitmentRow]) -> String {
    if rows.is_empty() {
        return "No commitments to list.\n".to_string();
    }
    let mut out =
        String::from("| Id | Leader | Due | Status | Commitment |\n|---|---|---|---|---|\n");
    for row in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            row.id,
            escape::markdown_string(&row.leader),
            if row.due.is_empty() { "–" } else { &row.due },
            standing(row.status, row.overdue, row.carried),
            escape::markdown_string(&row.text),
        ));
    }
    out
}

/// The same table as plain text: aligned columns, the commitment wrapped last,
/// or a list when the page is too narrow.
fn text(rows: &[CommitmentRow]) -> String {
    format!(
        "{}\n",
        markdown_to_text(&markdown(rows), TEXT_WIDTH, Headings::Underlined)
    )
}
