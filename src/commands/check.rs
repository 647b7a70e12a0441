//! `coach check`: every problem in an engagement or a practice, one per line.

use std::path::PathBuf;

use crate::cli::CheckArgs;
use crate::commands::{Env, Outcome};
use crate::error::Result;
use crate::load;
use crate::practice::{self, PRACTICE_FILE};
use crate::render::templates::Templates;

/// Checks every engagement under the path; exit 1 when any error is found.
pub fn run(env: &Env, args: &CheckArgs) -> Result<Outcome> {
    let path = args
        .path
        .as_ref()
        .map_or_else(|| env.dir.clone(), |p| env.dir.join(p));
    let (engagements, mut problems) = practice::load_engagements(&path)?;
    let mut sessions = 0;
    for loaded in &engagements {
        sessions += loaded.sessions.len();
        problems.extend(loaded.problems.iter().cloned());
        if let Err(e) = Templates::load(Some(&loaded.root), None) {
            problems.extend(load::diagnostics_of(&e, &loaded.root.join("templates")));
        }
    }
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
