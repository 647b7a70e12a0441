//! `coach check`: every problem in an engagement or a practice, one per line.

use std::path::{Path, PathBuf};

use crate::cli::CheckArgs;
use crate::commands::{Env, Outcome};
use crate::error::{Diagnostic, Error, Result};
use crate::load;
use crate::practice::{self, PRACTICE_FILE};
use crate::render::templates::Templates;

/// Checks every engagement under the path; exit 1 when any error is found.
pub fn run(env: &Env, args: &CheckArgs) -> Result<Outcome> {
    let path = args
        .path
        .as_ref()
        .map_or_else(|| env.dir.clone(), |p| env.dir.join(p));
    let (engagements, mut problems) = discover(&path)?;
    let sessions: usize = check_all(&engagements, &mut problems);
    if let Some(root) = practice::find_practice_root(&path)
        && let Err(e) = practice::load_config(&root)
    {
        problems.extend(load::diagnostics_of(&e, &root.join(PRACTICE_FILE)));
    }
    problems.sort();
    problems.dedup();
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    let mut stdout = String::new();
    for problem in &problems {
        let mut shown = problem.clone();
        shown.path = PathBuf::from(env.show(&problem.path));
        stdout.push_str(&shown.to_string());
        stdout.push('\n');
    }
    let stderr = format!(
        "checked {} engagement{}, {sessions} session file{}: {errors} error{}, {warnings} warning{}\n",
        engagements.len(),
        plural(engagements.len()),
        plural(sessions),
        plural(errors),
        plural(warnings)
    );
    Ok(Outcome {
        stdout,
        stderr,
        failed: errors > 0,
    })
}

/// The engagement folders under `path`, and the problems met finding them.
pub fn discover(path: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>)> {
    let path = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let mut problems = Vec::new();
    let engagements = load::find_engagements(&path, &mut problems);
    if engagements.is_empty() && problems.is_empty() {
        // Inside an engagement's subfolder (sessions/, out/): check the engagement around it.
        return Ok((vec![load::find_engagement_root(&path)?], problems));
    }
    Ok((engagements, problems))
}

/// Loads each engagement in parallel, appending its problems; returns the number
/// of session files read.
fn check_all(engagements: &[PathBuf], problems: &mut Vec<Diagnostic>) -> usize {
    let results = crate::parallel::map(engagements, |root| {
        let loaded = load::load(root);
        let mut found = loaded.problems;
        if let Err(e) = Templates::load(Some(root), None) {
            found.extend(load::diagnostics_of(&e, &root.join("templates")));
        }
        (loaded.sessions.len(), found)
    });
    let mut sessions = 0;
    for (count, found) in results {
        sessions += count;
        problems.extend(found);
    }
    sessions
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
