//! Reading an engagement directory into the model, collecting every problem
//! instead of stopping at the first.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};

use crate::codes;
use crate::error::{Diagnostic, Error, Result, describe_io};
use crate::fsio;
use crate::model::engagement::Engagement;
use crate::model::session::{FrontMatter, Session};
use crate::model::valid::Valid;
use crate::parse::{frontmatter, markdown, yaml};
use crate::validate::{self, YamlSource};

/// The engagement file's name.
pub const ENGAGEMENT_FILE: &str = "engagement.yaml";
/// The folder of session files.
pub const SESSIONS_DIR: &str = "sessions";

/// An engagement directory as read, with whatever was wrong in it.
#[derive(Debug)]
pub struct Loaded {
    /// The engagement directory.
    pub root: PathBuf,
    /// engagement.yaml, when it parsed.
    pub engagement: Option<Engagement>,
    /// The session files that parsed, by number.
    pub sessions: Vec<Session>,
    /// How many session files there are, parsed or not.
    pub session_files: usize,
    /// Temporary files of interrupted writes in sessions/.
    pub leftovers: Vec<PathBuf>,
    /// Every problem found, sorted.
    pub problems: Vec<Diagnostic>,
}

impl Loaded {
    /// The engagement, or an error listing every error-level problem.
    pub fn into_valid(self) -> Result<Valid> {
        let errors: Vec<Diagnostic> = self
            .problems
            .iter()
            .filter(|p| p.is_error())
            .cloned()
            .collect();
        match self.engagement {
            Some(engagement) if errors.is_empty() => Ok(Valid::new(
                self.root,
                engagement,
                self.sessions,
                self.problems,
            )),
            _ => Err(Error::Invalid(errors)),
        }
    }
}

/// Finds the engagement directory at or above `start`.
pub fn find_engagement_root(start: &Path) -> Result<PathBuf> {
    let start = fs::canonicalize(start).map_err(|e| Error::io(start, e))?;
    start
        .ancestors()
        .find(|dir| dir.join(ENGAGEMENT_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            Error::Request(format!(
                "no {ENGAGEMENT_FILE} in {} or any folder above it: run `coach init DIR --client NAME`, or pass -C DIR",
                start.display()
            ))
        })
}

/// A session file that parsed, with its front matter kept for the rules' positions.
pub struct ParsedSession<'a> {
    /// The session.
    pub session: Session,
    /// The front matter's YAML.
    pub yaml: &'a str,
    /// The line the YAML starts on.
    pub yaml_first_line: usize,
}

/// Reads every file of the engagement at `root`, then runs every rule once over
/// what was read (`today` decides what may already be held).
pub fn load(root: &Path, today: NaiveDate) -> Loaded {
    let mut problems = Vec::new();
    let engagement_path = root.join(ENGAGEMENT_FILE);
    let engagement_text = fsio::read_text(&engagement_path);
    let engagement = match &engagement_text {
        Ok(text) => parse_engagement(&engagement_path, text, &mut problems),
        Err(e) => {
            problems.extend(diagnostics_of(e, &engagement_path));
            None
        }
    };
    let (files, leftovers) = session_files(root, &mut problems);
    let file_count = files.len();
    let mut texts = Vec::with_capacity(file_count);
    let mut unparsed = BTreeSet::new();
    let folder = fsio::ListedFolder::open(&root.join(SESSIONS_DIR));
    for file in files {
        let read = if file.plain {
            folder.read_regular_text(&file.path)
        } else {
            fsio::read_text(&file.path)
        };
        match read {
            Ok(text) => texts.push((file.path, text)),
            Err(e) => {
                problems.extend(diagnostics_of(&e, &file.path));
                unparsed.extend(number_in_name(&file.path));
            }
        }
    }
    let mut parsed: Vec<ParsedSession<'_>> = Vec::with_capacity(texts.len());
    for (path, text) in &texts {
        match parse_session(path, text, &mut problems) {
            Some(session) => parsed.push(session),
            None => {
                unparsed.extend(number_in_name(path));
                // A misspelt required key (`stauts:`) is often why it did not read.
                if let Ok(split) = frontmatter::split(path, text) {
                    let source = YamlSource::new(path, split.yaml, split.yaml_first_line);
                    validate::misspelt_keys(&source, false, &mut problems);
                }
            }
        }
    }
    parsed.sort_by_key(|p| p.session.number);
    if let Ok(text) = &engagement_text {
        let source = YamlSource::new(&engagement_path, text, 1);
        match &engagement {
            Some(engagement) => validate::engagement(&source, engagement, &mut problems),
            None => validate::misspelt_keys(&source, true, &mut problems),
        }
    }
    let sources: Vec<(&Session, YamlSource<'_>)> = parsed
        .iter()
        .map(|p| {
            let source = YamlSource::new(&p.session.path, p.yaml, p.yaml_first_line);
            (&p.session, source)
        })
        .collect();
    for (session, source) in &sources {
        validate::session(source, session, engagement.as_ref(), today, &mut problems);
    }
    validate::across(engagement.as_ref(), &sources, &unparsed, &mut problems);
    drop(sources);
    let sessions = parsed.into_iter().map(|p| p.session).collect();
    problems.sort();
    problems.dedup();
    Loaded {
        root: root.to_path_buf(),
        engagement,
        sessions,
        session_files: file_count,
        leftovers,
        problems,
    }
}

/// The problems of an engagement.yaml and one session file given as text, as
/// [`load`] would find them: what `init` checks before it writes its files.
pub fn problems_in_texts(
    engagement: (&Path, &str),
    session: (&Path, &str),
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let parsed_engagement = engagement_problems(engagement.0, engagement.1, &mut problems);
    if let Some(parsed) = parse_session(session.0, session.1, &mut problems) {
        let source = YamlSource::new(session.0, parsed.yaml, parsed.yaml_first_line);
        validate::session(
            &source,
            &parsed.session,
            parsed_engagement.as_ref(),
            today,
            &mut problems,
        );
    }
    problems
}

/// Parses and validates engagement.yaml text on its own; problems go to `problems`.
pub fn engagement_problems(
    path: &Path,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<Engagement> {
    let engagement = parse_engagement(path, text, problems)?;
    validate::engagement(&YamlSource::new(path, text, 1), &engagement, problems);
    Some(engagement)
}

/// The session number a file's name gives (`08-2026-03-19.md` is 8).
pub fn number_in_name(path: &Path) -> Option<u32> {
    path.file_name()?.to_str()?.split('-').next()?.parse().ok()
}

/// Parses engagement.yaml text; problems go to `problems`.
pub fn parse_engagement(
    path: &Path,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<Engagement> {
    match yaml::from_str::<Engagement>(path, text, 1) {
        Ok(e) => Some(e),
        Err(d) => {
            problems.push(d);
            None
        }
    }
}

/// Parses one session file's text; problems go to `problems`.
pub fn parse_session<'a>(
    path: &Path,
    text: &'a str,
    problems: &mut Vec<Diagnostic>,
) -> Option<ParsedSession<'a>> {
    let split = match frontmatter::split(path, text) {
        Ok(split) => split,
        Err(d) => {
            problems.push(d);
            return None;
        }
    };
    let front: FrontMatter = match yaml::from_str(path, split.yaml, split.yaml_first_line) {
        Ok(front) => front,
        Err(d) => {
            problems.push(d);
            return None;
        }
    };
    let body = markdown::parse_body(split.body, split.body_first_line);
    Some(ParsedSession {
        session: Session::new(path.to_path_buf(), front, body),
        yaml: split.yaml,
        yaml_first_line: split.yaml_first_line,
    })
}

/// The `*.md` files in `root/sessions`, sorted, and the temporary files of
/// interrupted writes beside them; unreadable entries become problems.
fn session_files(root: &Path, problems: &mut Vec<Diagnostic>) -> (Vec<SessionFile>, Vec<PathBuf>) {
    let dir = root.join(SESSIONS_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Vec::new(), Vec::new()),
        Err(e) => {
            problems.push(Diagnostic::new(
                codes::UNREADABLE,
                &dir,
                None,
                format!("cannot read the sessions folder: {}", describe_io(&e)),
            ));
            return (Vec::new(), Vec::new());
        }
    };
    let mut files = Vec::new();
    let mut leftovers = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(Diagnostic::new(
                    codes::UNREADABLE,
                    &dir,
                    None,
                    format!("cannot list an entry: {}", describe_io(&e)),
                ));
                continue;
            }
        };
        let name = entry.file_name();
        let name = name.to_str().unwrap_or("");
        // The folder listing tells a plain file for free; anything else (a link,
        // a pipe, a folder) is checked when it is read.
        let plain = entry.file_type().is_ok_and(|t| t.is_file());
        if plain && fsio::is_temp_name(name) {
            leftovers.push(entry.path());
        } else if name.ends_with(".md") && !name.starts_with('.') {
            files.push(SessionFile {
                path: entry.path(),
                plain,
            });
        }
    }
    // One folder: the names' bytes order them as their paths would, without
    // comparing the paths component by component.
    files.sort_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    leftovers.sort();
    (files, leftovers)
}

/// A `*.md` entry of the sessions folder.
struct SessionFile {
    path: PathBuf,
    /// The listing says it is a regular file (not a link or anything else).
    plain: bool,
}

/// Turns a read error into diagnostics about `path`.
pub fn diagnostics_of(error: &Error, path: &Path) -> Vec<Diagnostic> {
    match error {
        Error::Invalid(list) => list.clone(),
        Error::Io { cause, .. } if cause.kind() == std::io::ErrorKind::NotFound => {
            vec![Diagnostic::new(
                codes::UNREADABLE,
                path,
                None,
                "cannot read: the file is gone (a dangling link, or removed while coach was reading)",
            )]
        }
        Error::Io { cause, .. } => vec![Diagnostic::new(
            codes::UNREADABLE,
            path,
            None,
            format!("cannot read: {}", describe_io(cause)),
        )],
        Error::Request(message) => vec![Diagnostic::new(
            codes::UNREADABLE,
            path,
            None,
            message.clone(),
        )],
    }
}

/// Groups sorted diagnostics by file, for reporting.
pub fn by_file(problems: &[Diagnostic]) -> BTreeMap<&Path, Vec<&Diagnostic>> {
    let mut map: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
    for p in problems {
        map.entry(p.path.as_path()).or_default().push(p);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_run_over_a_loaded_engagement_and_point_at_the_parser_s_positions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(
            root.join(ENGAGEMENT_FILE),
            "client: {name: Dana}\ncoach: {name: Alex}\npackage: accelerated\nstart: 2026-01-12\ntimezone: America/New_York\nobjectives:\n  - {id: a, title: A}\n  - {id: a, title: B}\n",
        )
        .unwrap();
        fs::create_dir(root.join(SESSIONS_DIR)).unwrap();
        fs::write(
            root.join("sessions/01-2026-01-12.md"),
            "---\nsession: 1\ndate: 2026-01-12\nstatus: held\nalliace: 9\n---\n## Commitments\n",
        )
        .unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 1, 20).unwrap();
        let shown: Vec<String> = load(root, today)
            .problems
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.path = p.path.strip_prefix(root).unwrap().to_path_buf();
                p.to_string()
            })
            .collect();
        assert_eq!(
            shown,
            [
                "engagement.yaml:8:10: error[E032]: objective id `a` is used twice",
                "sessions/01-2026-01-12.md:5:1: error[E019]: unknown key `alliace`: did you mean `alliance`? as written, coach ignores it",
            ]
        );
    }
}
