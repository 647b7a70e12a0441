//! `coach templates`: list the templates in force, show one, or eject the built-ins.

use std::fs;
use std::path::PathBuf;

use unicode_width::UnicodeWidthStr as _;

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
            templates.compile_all()?;
            let shown = |origin: Option<&Origin>| match origin {
                Some(Origin::Engagement(p) | Origin::Practice(p)) => env.show(p),
                _ => "built-in".to_string(),
            };
            let mut rows: Vec<[String; 3]> = BUILT_INS
                .iter()
                .map(|b| {
                    [
                        b.name.to_string(),
                        b.renders.to_string(),
                        shown(templates.origin(b.name)),
                    ]
                })
                .collect();
            for (name, origin, users) in templates.extra_files() {
                let used = if users.is_empty() {
                    "not used: coach renders only the names above".to_string()
                } else {
                    format!("included by {}", users.join(", "))
                };
                rows.push([name.to_string(), used, shown(Some(origin))]);
            }
            Ok(Outcome::print(columns(&rows)))
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
            templates.compile_all()?;
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
            // Copies land inside the practice (or the engagement), never through a link.
            let within = practice_root.or(engagement_root);
            eject(env, target, within.as_deref())
        }
    }
}

/// Rows as aligned columns, two spaces apart, measured in display width.
fn columns(rows: &[[String; 3]]) -> String {
    let width = |c: usize| rows.iter().map(|r| r[c].width()).max().unwrap_or(0);
    let (first, second) = (width(0), width(1));
    rows.iter()
        .map(|[a, b, c]| {
            format!(
                "{a}{}  {b}{}  {c}\n",
                " ".repeat(first - a.width()),
                " ".repeat(second - b.width())
            )
        })
        .collect()
}

fn eject(env: &Env, target: PathBuf, within: Option<&std::path::Path>) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let (mut root, folder) = fsio::rebase_on_existing(&target)?;
    if let Some(within) = within.and_then(|w| fs::canonicalize(w).ok()) {
        if !folder.starts_with(&within) {
            return Err(Error::Request(format!(
                "{} is outside {} (or reached through a link): eject into a folder of this engagement or practice",
                env.show(&target),
                env.show(&within)
            )));
        }
        root = within;
    }
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
