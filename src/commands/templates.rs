//! `coach templates`: list the templates in force, show one, or eject the built-ins.

use std::fs;
use std::path::PathBuf;

use crate::cli::TemplatesAction;
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::fsio;
use crate::load;
use crate::practice;
use crate::render::templates::{BUILT_INS, Origin, Templates};

/// Runs one `templates` action.
pub fn run(env: &Env, action: &TemplatesAction) -> Result<Outcome> {
    let engagement_root = load::find_engagement_root(&env.dir).ok();
    let practice_root = practice::find_practice_root(&env.dir);
    match action {
        TemplatesAction::List => {
            let templates = Templates::load(engagement_root.as_deref(), practice_root.as_deref())?;
            let mut out = String::new();
            for b in BUILT_INS {
                let origin = match templates.origin(b.name) {
                    Some(Origin::Engagement(p) | Origin::Practice(p)) => env.show(p),
                    _ => "built-in".to_string(),
                };
                out.push_str(&format!("{:<18} {:<50} {origin}\n", b.name, b.renders));
            }
            for (name, origin, users) in templates.extra_files() {
                let path = match origin {
                    Origin::Engagement(p) | Origin::Practice(p) => env.show(p),
                    Origin::BuiltIn => "built-in".to_string(),
                };
                let used = if users.is_empty() {
                    "not used: coach renders only the names above".to_string()
                } else {
                    format!("included by {}", users.join(", "))
                };
                out.push_str(&format!("{name:<18} {used:<50} {path}\n"));
            }
            Ok(Outcome::print(out))
        }
        TemplatesAction::Show { name } => {
            let built_in = BUILT_INS.iter().find(|b| b.name == name).ok_or_else(|| {
                let names: Vec<&str> = BUILT_INS.iter().map(|b| b.name).collect();
                Error::Request(format!(
                    "no template `{name}`{} (templates: {})",
                    crate::suggest::did_you_mean(name, names.iter().copied()),
                    names.join(", ")
                ))
            })?;
            let templates = Templates::load(engagement_root.as_deref(), practice_root.as_deref())?;
            let (source, origin) = match templates.origin(name) {
                Some(Origin::Engagement(p) | Origin::Practice(p)) => {
                    (fsio::read_text(p)?, env.show(p))
                }
                _ => (built_in.source.to_string(), "built-in".to_string()),
            };
            Ok(Outcome::print(format!(
                "# {name}: {} ({origin})\n# Context:\n{}\n{source}",
                built_in.renders,
                built_in
                    .context
                    .lines()
                    .map(|l| format!("#   {l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )))
        }
        TemplatesAction::Eject { dir } => {
            let target = match (dir, &engagement_root) {
                (Some(dir), _) => env.dir.join(dir),
                (None, Some(root)) => root.join("templates"),
                (None, None) => env.dir.join("templates"),
            };
            eject(env, target)
        }
    }
}

fn eject(env: &Env, target: PathBuf) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let (root, folder) = fsio::rebase_on_existing(&target)?;
    for b in BUILT_INS {
        let path = target.join(b.name);
        if fs::symlink_metadata(&path).is_ok() {
            outcome
                .stderr
                .push_str(&format!("kept {} (it exists)\n", env.show(&path)));
            continue;
        }
        fsio::write_atomic(&root, &folder.join(b.name), b.source.as_bytes(), false)?;
        outcome.stdout.push_str(&format!("{}\n", env.show(&path)));
    }
    Ok(outcome)
}
