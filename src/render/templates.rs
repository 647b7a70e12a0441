//! The template set: built-ins compiled into the binary, overridden by file name
//! from the engagement's `templates/`, then the practice's.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, ErrorKind, Tera};

use crate::codes;
use crate::error::{Diagnostic, Error, Result, describe_io};
use crate::fsio;
use crate::render::escape;
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
        "fit.md",
        "the fit-conversation file that `coach init --prospect` writes",
        "init.txt"
    ),
    built_in!(
        "session.md",
        "a session file that `coach new-session` writes",
        "session.txt"
    ),
    built_in!(
        "three-way.md",
        "a three-way meeting's file that `coach new-session --kind three-way` writes",
        "session.txt"
    ),
    built_in!(
        "agenda.md",
        "the time-boxed agenda of a session",
        "agenda.txt"
    ),
    built_in!(
        "fit-agenda.md",
        "the time-boxed agenda of the fit conversation",
        "agenda.txt"
    ),
    built_in!(
        "follow-up.md",
        "the note to the leader after the fit conversation",
        "follow-up.txt"
    ),
    built_in!(
        "agenda-three-way.md",
        "the agenda of a three-way meeting, for the leader and the sponsor",
        "agenda-three-way.txt"
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
        "summary-three-way.md",
        "the summary of a three-way meeting, for the leader and the sponsor",
        "summary-three-way.txt"
    ),
    built_in!(
        "report-sponsor.md",
        "the sponsor's progress report",
        "report-sponsor.txt"
    ),
    built_in!(
        "cover-sponsor.md",
        "the cover note before the sponsor's report in its email draft",
        "report-sponsor.txt"
    ),
    built_in!(
        "report.md",
        "the leader's and the coach's progress report",
        "report.txt"
    ),
    built_in!(
        "show.md",
        "the engagement at a glance, for the coach",
        "show.txt"
    ),
    built_in!(
        "insights.md",
        "the coach's insights across a practice",
        "insights.txt"
    ),
    built_in!(
        "insights-anonymous.md",
        "the anonymous report of a practice's outcomes, for the firm",
        "insights-anonymous.txt"
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

/// A loaded template set. A render compiles what it needs: the Markdown (and
/// YAML) templates in an engine whose escaping keeps every value plain Markdown
/// text, the HTML page in one that escapes for HTML. include, import and extends
/// reach only templates of the same engine.
pub struct Templates {
    sources: BTreeMap<String, (String, Origin)>,
    origins: BTreeMap<String, Origin>,
}

impl Templates {
    /// The built-ins, overridden by `engagement_dir/templates` and then
    /// `practice_dir/templates` where those exist. Only regular UTF-8 files directly
    /// inside those folders are read; a link, a folder, a folder that is itself a
    /// link, or a file that is not text is refused, every one named. Templates are
    /// compiled when a render needs them ([`Templates::compile_all`] compiles
    /// every one, for `check`).
    pub fn load(engagement_dir: Option<&Path>, practice_dir: Option<&Path>) -> Result<Self> {
        let mut sources: BTreeMap<String, (String, Origin)> = BUILT_INS
            .iter()
            .map(|b| (b.name.to_string(), (b.source.to_string(), Origin::BuiltIn)))
            .collect();
        let mut problems = Vec::new();
        // The practice first, so the engagement's own templates win.
        if let Some(dir) = practice_dir {
            read_overrides(
                &dir.join(TEMPLATES_DIR),
                Origin::Practice,
                &mut sources,
                &mut problems,
            );
        }
        if let Some(dir) = engagement_dir
            && Some(dir) != practice_dir
        {
            read_overrides(
                &dir.join(TEMPLATES_DIR),
                Origin::Engagement,
                &mut sources,
                &mut problems,
            );
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let origins: BTreeMap<String, Origin> = sources
            .iter()
            .map(|(n, (_, o))| (n.clone(), o.clone()))
            .collect();
        Ok(Templates { sources, origins })
    }

    /// Compiles every template, reporting the first syntax error with its file,
    /// line and column.
    pub fn compile_all(&self) -> Result<()> {
        for is_html in [false, true] {
            self.engine(is_html, |_| true)?;
        }
        Ok(())
    }

    /// Renders template `name` with `context`, compiling `name`, what it
    /// includes, imports or extends, and every override file (a partial it may
    /// reach, or a template that replaces a built-in): a broken override refuses
    /// every render, as `check` reports it.
    pub fn render<T: Serialize>(&self, name: &str, context: &T) -> Result<String> {
        let context = Context::from_serialize(context)
            .map_err(|e| Error::Request(format!("cannot build the context of {name}: {e}")))?;
        let mut needed = BTreeSet::new();
        let mut next = vec![name.to_string()];
        while let Some(template) = next.pop() {
            if needed.insert(template.clone()) {
                next.extend(self.references(&template));
            }
        }
        let tera = self.engine(name.ends_with(HTML_SUFFIX), |template| {
            needed.contains(template)
                || !matches!(self.origins.get(template), Some(Origin::BuiltIn))
        })?;
        tera.render(name, &context)
            .map_err(|e| template_error(&e, &self.origins))
    }

    /// The engine for HTML or Markdown templates, with those `wanted` compiled.
    fn engine(&self, is_html: bool, wanted: impl Fn(&str) -> bool) -> Result<Tera> {
        let mut tera = if is_html {
            engine(tera::escape_html, HTML_SUFFIX)
        } else {
            engine(escape::markdown, MARKDOWN_SUFFIX)
        };
        tera.add_raw_templates(
            self.sources
                .iter()
                .filter(|(name, _)| name.ends_with(HTML_SUFFIX) == is_html && wanted(name))
                .map(|(name, (source, _))| (name.as_str(), source.as_str())),
        )
        .map_err(|e| template_error(&e, &self.origins))?;
        Ok(tera)
    }

    /// Where the template for `name` comes from.
    pub fn origin(&self, name: &str) -> Option<&Origin> {
        self.origins.get(name)
    }

    /// The templates `name` includes, imports or extends.
    fn references(&self, name: &str) -> Vec<String> {
        self.sources
            .get(name)
            .map_or_else(Vec::new, |(source, _)| references_in(source))
    }

    /// The override files that replace no built-in, with the templates that
    /// include, import or extend each one (empty when none does).
    pub fn extra_files(&self) -> Vec<(&str, &Origin, Vec<&str>)> {
        self.origins
            .iter()
            .filter(|(name, _)| !BUILT_INS.iter().any(|b| b.name == name.as_str()))
            .map(|(name, origin)| {
                let users = self
                    .sources
                    .keys()
                    .filter(|user| self.references(user).iter().any(|r| r == name))
                    .map(String::as_str)
                    .collect();
                (name.as_str(), origin, users)
            })
            .collect()
    }
}

const MARKDOWN_SUFFIX: &str = ".md";
const HTML_SUFFIX: &str = ".html";

/// A template engine that escapes every `{{ value }}` of templates named `*suffix`
/// with `escape`, and knows the `yaml` filter.
fn engine(escape: tera::EscapeFn, suffix: &'static str) -> Tera {
    let mut tera = Tera::new();
    tera.set_escape_fn(escape);
    tera.autoescape_on([suffix]);
    tera.register_filter("yaml", |text: &str, _: tera::Kwargs, _: &tera::State| {
        yaml_scalar(text)
    });
    tera
}

/// The folder of template overrides in an engagement or a practice.
pub const TEMPLATES_DIR: &str = "templates";

/// Reads the overrides directly inside `dir`, refusing anything but regular text
/// files: template folders travel through git, which keeps symbolic links, and a
/// link could pull a session file into an artefact.
fn read_overrides(
    dir: &Path,
    origin: fn(PathBuf) -> Origin,
    sources: &mut BTreeMap<String, (String, Origin)>,
    problems: &mut Vec<Diagnostic>,
) {
    let refuse = |path: &Path, what: &str| {
        Diagnostic::new(
            codes::TEMPLATE_NOT_A_FILE,
            path,
            None,
            format!(
                "{what}: template overrides must be regular text files directly inside templates/"
            ),
        )
    };
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => return problems.push(unreadable(dir, &e)),
        Ok(m) if m.file_type().is_symlink() => {
            return problems.push(refuse(dir, "the templates folder is a symbolic link"));
        }
        Ok(m) if !m.is_dir() => {
            return problems.push(refuse(dir, "templates is not a folder"));
        }
        Ok(_) => {}
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return problems.push(unreadable(dir, &e)),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(unreadable(dir, &e));
                continue;
            }
        };
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            problems.push(refuse(&path, "a file name that is not UTF-8"));
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_symlink() => problems.push(refuse(&path, "a symbolic link")),
            Ok(t) if t.is_dir() => problems.push(refuse(&path, "a folder")),
            Ok(t) if !t.is_file() => problems.push(refuse(&path, "not a regular file")),
            Ok(_) if has_other_names(&path) => problems.push(refuse(
                &path,
                "a hard link (the same file has another name elsewhere)",
            )),
            Ok(_) => files.push((name, path)),
            Err(e) => problems.push(unreadable(&path, &e)),
        }
    }
    files.sort();
    for (name, path) in files {
        match fsio::read_text_no_follow(&path) {
            Ok(text) => {
                sources.insert(name, (text, origin(path)));
            }
            Err(e) => problems.extend(diagnostics_of(e, &path)),
        }
    }
}

fn unreadable(path: &Path, error: &std::io::Error) -> Diagnostic {
    Diagnostic::new(codes::UNREADABLE, path, None, describe_io(error))
}

/// A regular file that is also reachable under another name (a hard link), which
/// could be a session file seen through the template folder.
#[cfg(unix)]
fn has_other_names(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path).is_ok_and(|m| m.nlink() > 1)
}

#[cfg(not(unix))]
fn has_other_names(_path: &Path) -> bool {
    false
}

/// The diagnostics an error carries, or one naming `path`.
fn diagnostics_of(error: Error, path: &Path) -> Vec<Diagnostic> {
    match error {
        Error::Invalid(list) => list,
        other => vec![Diagnostic::new(
            codes::UNREADABLE,
            path,
            None,
            other.to_string(),
        )],
    }
}

/// The template names a source includes, imports or extends: what a render of it
/// compiles, and what `templates list` shows.
fn references_in(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in source.split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or("");
        let tag = tag.trim_start_matches('-').trim_start();
        let Some(rest) = ["include", "import", "extends"]
            .iter()
            .find_map(|keyword| tag.strip_prefix(keyword))
        else {
            continue;
        };
        // The name is the first string, in any of tera's quotes.
        let Some(open) = rest.find(['"', '\'', '`']) else {
            continue;
        };
        let quote = &rest[open..=open];
        let after = &rest[open + 1..];
        if let Some(end) = after.find(quote) {
            names.push(after[..end].to_string());
        }
    }
    names
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
            Error::Invalid(vec![Diagnostic::new(
                codes::TEMPLATE_SYNTAX,
                &path_of(report.filename()),
                Some((span.start_line, span.start_col + 1)),
                format!("template: {}", report.message()),
            )])
        }
        ErrorKind::TemplateNotFound(name) => Error::Request(format!("template `{name}` not found")),
        ErrorKind::MissingParent { current, parent } => Error::at(
            codes::TEMPLATE_SYNTAX,
            &path_of(current),
            None,
            format!("template: extends `{parent}`, which does not exist"),
        ),
        ErrorKind::CircularExtend { tpl, .. } | ErrorKind::CircularInclude { tpl, .. } => {
            Error::at(
                codes::TEMPLATE_SYNTAX,
                &path_of(tpl),
                None,
                "template: includes or extends itself in a loop",
            )
        }
        // Checks over the whole set (unknown functions, filters, tests) come as one
        // message of tera's reports, each locating itself after `-->`.
        ErrorKind::Msg(message) => {
            let located = message.lines().find_map(|l| {
                let (name, rest) = l.trim().strip_prefix("--> ")?.split_once(':')?;
                let (line, column) = rest.split_once(':')?;
                Some((
                    name.to_string(),
                    line.parse().ok()?,
                    column.trim().parse().ok()?,
                ))
            });
            let first = message
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("")
                .trim_start_matches("error: ");
            match located {
                Some((name, line, column)) => Error::at(
                    codes::TEMPLATE_SYNTAX,
                    &path_of(&name),
                    Some((line, column)),
                    format!("template: {first}"),
                ),
                None => Error::Request(format!("template: {first}")),
            }
        }
        _ => Error::Request(format!("template: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_compiles() {
        let templates = Templates::load(None, None).expect("the built-ins");
        assert!(templates.compile_all().is_ok());
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
        let t = Templates::load(Some(dir.path()), None).unwrap();
        for err in [
            t.compile_all().err().unwrap().to_string(),
            t.render("session.md", &BTreeMap::<String, String>::new())
                .err()
                .unwrap()
                .to_string(),
        ] {
            assert!(err.starts_with(&format!("{}:2:", file.display())), "{err}");
        }
    }

    #[test]
    fn references_are_found_in_every_quote_and_spacing() {
        assert_eq!(
            references_in(
                "{% include \"a.md\" %}{%include`b.md`%}{%- import 'c.md' as m -%}{% extends \"d.md\" %}{% if x %}"
            ),
            ["a.md", "b.md", "c.md", "d.md"]
        );
    }
}
