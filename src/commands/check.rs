//! `coach check`: every problem in an engagement or a practice, one per line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    let practices = PracticeRoots::default();
    let (engagements, mut problems) = practice::map_engagements(&path, env.today, |loaded| {
        let mut found = loaded.problems;
        // The overrides of the engagement and of its practice, as its artefacts
        // would load them: links, folders and syntax errors.
        let practice_root = practices.around(&loaded.root);
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

/// The practice around each engagement, as [`practice::find_practice_root`] finds
/// it, looked up once per folder of engagements rather than once per engagement
/// (each lookup resolves the path and looks for `coach.yaml` in every folder above).
#[derive(Default)]
struct PracticeRoots {
    by_parent: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl PracticeRoots {
    fn around(&self, root: &Path) -> Option<PathBuf> {
        let linked = std::fs::symlink_metadata(root).map_or(true, |m| m.file_type().is_symlink());
        let Some(parent) = root
            .parent()
            .filter(|_| !linked && !root.join(PRACTICE_FILE).is_file())
        else {
            // The engagement is a practice of its own, or a link whose target
            // has other folders above it: looked up itself.
            return practice::find_practice_root(root);
        };
        let mut by_parent = self
            .by_parent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        by_parent
            .entry(parent.to_path_buf())
            .or_insert_with(|| practice::find_practice_root(parent))
            .clone()
    }
}
