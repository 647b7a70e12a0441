//! The template set: built-ins compiled into the binary, overridden by file name
//! from the engagement's `templates/`, then the practice's.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, ErrorKind, Tera};

use crate::error::{Diagnostic, Error, Result};
use crate::fsio;
use crate::render::yaml_scalar::yaml_scalar;

/// A template that ships inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    /// File name, the key overrides use.
    pub name: &'static str,
    /// What it renders, for `templates list`.
    pub renders: &'static str,
    /// The template source.
    pub source: &'static str,
    /// The context fields it can use, for `templates show`.
    pub context: &'static str,
}

macro_rules! built_in {
    ($name:literal, $renders:literal, $context:literal) => {
        BuiltIn {
            name: $name,
            renders: $renders,
            source: include_str!(concat!("../../templates/", $name)),
            context: include_str!(concat!("../../templates/context/", $context)),
        }
    };
}

/// Every built-in template.
pub const BUILT_INS: &[BuiltIn] = &[
    built_in!(
        "engagement.yaml",
        "the engagement.yaml that `coach init` writes",
        "init.txt"
    ),
    built_in!(
        "intake.md",
        "the intake session file that `coach init` writes",
        "init.txt"
    ),
    built_in!(
        "session.md",
        "a session file that `coach new-session` writes",
        "session.txt"
    ),
    built_in!(
        "agenda.md",
        "the time-boxed agenda of a session",
        "agenda.txt"
    ),
    built_in!(
        "prompt.md",
        "the pre-session reflection prompt",
        "prompt.txt"
    ),
    built_in!(
        "summary.md",
        "the 24-hour summary of a held session",
        "summary.txt"
    ),
    built_in!(
        "report-sponsor.md",
        "the sponsor's progress report",
        "report-sponsor.txt"
    ),
    built_in!(
        "report.md",
        "the leader's and the coach's progress report",
        "report.txt"
    ),
    built_in!(
        "page.html",
        "the HTML page around every artefact",
        "page.txt"
    ),
];

/// Where the template in force for a name comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "path", rename_all = "lowercase")]
pub enum Origin {
    /// Compiled into coach.
    BuiltIn,
    /// The engagement's `templates/`.
    Engagement(PathBuf),
    /// The practice's `templates/`.
    Practice(PathBuf),
}

/// A loaded, compiled template set.
pub struct Templates {
    tera: Tera,
    origins: BTreeMap<String, Origin>,
}

impl Templates {
    /// The built-ins, overridden by `engagement_dir/templates` and then
    /// `practice_dir/templates` where those exist. A template with a syntax error
    /// is reported with its file, line and column.
    pub fn load(engagement_dir: Option<&Path>, practice_dir: Option<&Path>) -> Result<Self> {
        let mut sources: BTreeMap<String, (String, Origin)> = BUILT_INS
            .iter()
            .map(|b| (b.name.to_string(), (b.source.to_string(), Origin::BuiltIn)))
            .collect();
        // The practice first, so the engagement's own templates win.
        if let Some(dir) = practice_dir {
            read_overrides(&dir.join("templates"), Origin::Practice, &mut sources)?;
        }
        if let Some(dir) = engagement_dir
            && Some(dir) != practice_dir
        {
            read_overrides(&dir.join("templates"), Origin::Engagement, &mut sources)?;
        }
        let origins: BTreeMap<String, Origin> = sources
            .iter()
            .map(|(n, (_, o))| (n.clone(), o.clone()))
            .collect();
        let mut tera = Tera::new();
        tera.autoescape_on([".html"]);
        tera.register_filter("yaml", |text: &str, _: tera::Kwargs, _: &tera::State| {
            yaml_scalar(text)
        });
        tera.add_raw_templates(
            sources
                .iter()
                .map(|(name, (source, _))| (name.as_str(), source.as_str())),
        )
        .map_err(|e| template_error(&e, &origins))?;
        Ok(Templates { tera, origins })
    }

    /// Renders template `name` with `context`.
    pub fn render<T: Serialize>(&self, name: &str, context: &T) -> Result<String> {
        let context = Context::from_serialize(context)
            .map_err(|e| Error::Request(format!("cannot build the context of {name}: {e}")))?;
        self.tera
            .render(name, &context)
            .map_err(|e| template_error(&e, &self.origins))
    }

    /// Where the template for `name` comes from.
    pub fn origin(&self, name: &str) -> Option<&Origin> {
        self.origins.get(name)
    }
}

fn read_overrides(
    dir: &Path,
    origin: fn(PathBuf) -> Origin,
    sources: &mut BTreeMap<String, (String, Origin)>,
) -> Result<()> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    for path in paths {
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let text = fsio::read_text(&path)?;
        sources.insert(name, (text, origin(path)));
    }
    Ok(())
}

/// Maps a tera error to the template file, line and column it points at.
fn template_error(error: &tera::Error, origins: &BTreeMap<String, Origin>) -> Error {
    let path_of = |name: &str| match origins.get(name) {
        Some(Origin::Engagement(p) | Origin::Practice(p)) => p.clone(),
        _ => PathBuf::from(format!("<built-in template {name}>")),
    };
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            Error::Invalid(vec![Diagnostic::error(
                &path_of(report.filename()),
                Some((span.start_line, span.start_col + 1)),
                format!("template: {}", report.message()),
            )])
        }
        ErrorKind::TemplateNotFound(name) => Error::Request(format!("template `{name}` not found")),
        ErrorKind::MissingParent { current, parent } => Error::at(
            &path_of(current),
            None,
            format!("template: extends `{parent}`, which does not exist"),
        ),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            Error::at(
                &path_of(tpl),
                None,
                "template: includes or extends itself in a loop",
            )
        }
        _ => Error::Request(format!("template: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_compiles() {
        assert!(Templates::load(None, None).is_ok());
    }

    #[test]
    fn an_engagement_override_wins_and_errors_name_its_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("templates")).unwrap();
        let file = dir.path().join("templates/session.md");
        fs::write(&file, "ok {{ session.number }}").unwrap();
        let t = Templates::load(Some(dir.path()), None).unwrap();
        assert_eq!(
            t.origin("session.md"),
            Some(&Origin::Engagement(file.clone()))
        );
        fs::write(&file, "line one\n{% if %}").unwrap();
        let err = Templates::load(Some(dir.path()), None)
            .err()
            .unwrap()
            .to_string();
        assert!(err.starts_with(&format!("{}:2:", file.display())), "{err}");
    }
}
