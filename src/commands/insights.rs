//! `coach insights`: a coach's outcomes across engagements and the early
//! warnings; with `--anonymous`, the firm's report of aggregates only.

use std::path::{Path, PathBuf};

use crate::cli::InsightsArgs;
use crate::commands::{Env, Outcome};
use crate::error::{Diagnostic, Error, Result};
use crate::load::Loaded;
use crate::model::engagement::EngagementStatus;
use crate::model::insights::{self, PracticeFigures};
use crate::practice;
use crate::render::anonymous::{AnonymousInsights, anonymous_charts};
use crate::render::insights::{
    EngagementView, Skipped, engagement_view, insights, insights_charts,
};
use crate::render::output::{Artefact, render};
use crate::render::templates::Templates;

/// What one engagement folder gives insights.
enum Read {
    /// A fit conversation, not an engagement yet, or one declined after it: not
    /// counted.
    Prospect,
    /// Counted: its outcome and its view.
    Counted(Box<(insights::Outcome, EngagementView)>),
    /// Its files have errors: left out, and said so.
    Broken {
        leader: String,
        folder: String,
        errors: Vec<Diagnostic>,
    },
}

fn read(env: &Env, loaded: Loaded) -> Read {
    let folder = env.label(&loaded.root);
    let leader = loaded
        .engagement
        .as_ref()
        .map_or_else(|| "?".to_string(), |e| e.client.name.clone());
    if loaded
        .engagement
        .as_ref()
        .is_some_and(|e| e.status == EngagementStatus::Prospect)
    {
        return Read::Prospect;
    }
    match loaded.into_valid() {
        Ok(valid) if valid.never_began() => Read::Prospect,
        Ok(valid) => {
            let outcome = insights::outcome(&valid, env.today);
            let view = engagement_view(folder, &valid, &outcome);
            Read::Counted(Box::new((outcome, view)))
        }
        Err(Error::Invalid(errors)) => Read::Broken {
            leader,
            folder,
            errors,
        },
        Err(other) => Read::Broken {
            leader,
            errors: vec![Diagnostic::new(
                crate::codes::UNREADABLE,
                Path::new(&folder),
                None,
                other.to_string(),
            )],
            folder,
        },
    }
}

/// Prints the insights of every engagement under the path.
pub fn run(env: &Env, args: &InsightsArgs) -> Result<Outcome> {
    let path = args
        .path
        .as_ref()
        .map_or_else(|| env.dir.clone(), |p| env.dir.join(p));
    let (read, walk_problems) =
        practice::map_engagements(&path, env.today, |loaded| read(env, loaded))?;
    let mut outcomes = Vec::new();
    let mut views = Vec::new();
    let mut prospects = 0;
    let mut broken: Vec<(String, String, Vec<Diagnostic>)> = walk_problems
        .into_iter()
        .map(|p| ("?".to_string(), env.show(&p.path), vec![p]))
        .collect();
    for each in read {
        match each {
            Read::Prospect => prospects += 1,
            Read::Counted(counted) => {
                let (outcome, view) = *counted;
                outcomes.push(outcome);
                views.push(view);
            }
            Read::Broken {
                leader,
                folder,
                errors,
            } => broken.push((leader, folder, errors)),
        }
    }
    let shown = |d: &Diagnostic| {
        let mut shown = d.clone();
        shown.path = PathBuf::from(env.show(&d.path));
        shown.to_string()
    };
    let templates = Templates::load(None, Some(&practice_root(&path)))?;
    let format = args.format.format();
    if args.anonymous {
        if !broken.is_empty() {
            return Ok(refusal(&broken, shown));
        }
        let context = AnonymousInsights::from(&PracticeFigures::of(&outcomes));
        let artefact = Artefact {
            template: "insights-anonymous.md",
            context: &context,
            title: "Practice outcomes".to_string(),
            mail: Err(NOT_MAILED.to_string()),
            charts: anonymous_charts(&context),
            folder: "",
            stem: String::new(),
            cover: None,
        };
        return Ok(Outcome::print(render(&templates, &artefact, format)?));
    }
    let skipped: Vec<Skipped> = broken
        .iter()
        .map(|(leader, folder, errors)| Skipped {
            leader: leader.clone(),
            engagement: folder.clone(),
            errors: errors.iter().filter(|d| d.is_error()).count(),
            first: errors
                .iter()
                .find(|d| d.is_error())
                .map(shown)
                .unwrap_or_default(),
        })
        .collect();
    let context = insights(env.today, views, &outcomes, prospects, skipped);
    let artefact = Artefact {
        template: "insights.md",
        context: &context,
        title: format!(
            "Practice insights, {}",
            crate::render::views::long_date(env.today)
        ),
        mail: Err(NOT_MAILED.to_string()),
        charts: insights_charts(&context),
        folder: "",
        stem: String::new(),
        cover: None,
    };
    Ok(Outcome {
        stdout: render(&templates, &artefact, format)?,
        stderr: String::new(),
        failed: !context.skipped.is_empty(),
    })
}

/// Insights go to standard output only; `--format` offers no eml.
const NOT_MAILED: &str = "insights are not drafted as mail";

/// The practice's folder, whose `templates/` override the built-ins: the nearest
/// one at or above `path` holding coach.yaml, else `path` itself.
fn practice_root(path: &Path) -> PathBuf {
    practice::find_practice_root(path)
        .or_else(|| std::fs::canonicalize(path).ok())
        .unwrap_or_else(|| path.to_path_buf())
}

/// No anonymous report while an engagement has errors: the firm's figures would
/// leave it out without a word, and the report cannot name it.
fn refusal(
    broken: &[(String, String, Vec<Diagnostic>)],
    shown: impl Fn(&Diagnostic) -> String,
) -> Outcome {
    let mut stderr: String = broken
        .iter()
        .flat_map(|(_, _, errors)| errors.iter().filter(|d| d.is_error()))
        .map(|d| format!("{}\n", shown(d)))
        .collect();
    stderr.push_str(&format!(
        "coach: error: no anonymous report while {} engagement{} errors: the firm's figures must count every engagement, and the report cannot say which one is missing; fix {} (`coach check`), then run it again\n",
        broken.len(),
        if broken.len() == 1 { " has" } else { "s have" },
        if broken.len() == 1 { "it" } else { "them" },
    ));
    Outcome {
        stdout: String::new(),
        stderr,
        failed: true,
    }
}
