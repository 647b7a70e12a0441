//! `coach check`: every problem in an engagement or a practice, one per line.

use std::path::PathBuf;

use crate::cli::{CheckArgs, CheckFormat};
use crate::codes;
use crate::commands::{Env, Outcome};
use crate::error::{Diagnostic, Result};
use crate::fsio;
use crate::load;
use crate::practice::{self, PRACTICE_FILE};
use crate::render::diagnostics;
use crate::render::templates::{TEMPLATES_DIR, Templates};

/// Checks every engagement under the path; exit 1 when any error is found.
pub fn run(env: &Env, args: &CheckArgs) -> Result<Outcome> {
    let path = args
        .path
        .as_ref()
        .map_or_else(|| env.dir.clone(), |p| env.dir.join(p));
    let (engagements, mut problems) = practice::map_engagements(&path, env.today, |loaded| {
        let mut found = loaded.problems;
        // The overrides of the engagement and of its practice, as its artefacts
        // would load them: links, folders and syntax errors.
        let practice_root = practice::find_practice_root(&loaded.root);
        let overridden = [Some(loaded.root.as_path()), practice_root.as_deref()]
            .into_iter()
            .flatten()
            .any(|dir| std::fs::symlink_metadata(dir.join(TEMPLATES_DIR)).is_ok());
        // The built-ins are tested; only overrides can break.
        if overridden
            && let Err(e) = Templates::load(Some(&loaded.root), practice_root.as_deref())
                .and_then(|templates| templates.compile_all())
        {
            found.extend(load::diagnostics_of(&e, &loaded.root.join(TEMPLATES_DIR)));
        }
        let leftovers = loaded.leftovers.iter().cloned();
        for leftover in leftovers.chain(fsio::leftover_temp_files(&loaded.root)) {
            found.push(Diagnostic::new(
                codes::TEMP_LEFTOVER,
                &leftover,
                None,
                "a temporary file left by an interrupted write; it may hold confidential text",
            ));
        }
        (loaded.session_files, found)
    })?;
    let mut sessions = 0;
    for (count, found) in &engagements {
        sessions += count;
        problems.extend(found.iter().cloned());
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
    for problem in &mut problems {
        problem.path = PathBuf::from(env.show(&problem.path));
    }
    let stdout = match args.format {
        CheckFormat::Json => diagnostics::json(&problems),
        CheckFormat::Text => {
            diagnostics::human(&problems, &|path| fsio::read_text(&env.cwd.join(path)).ok())
        }
    };
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
