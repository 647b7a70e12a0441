//! Reading an engagement directory into the model, collecting every problem
//! instead of stopping at the first.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result, describe_io};
use crate::fsio;
use crate::model::engagement::{self, Engagement};
use crate::model::session::{self, FrontMatter, Session, SessionStatus};
use crate::parse::{frontmatter, markdown, suggest, yaml};
use crate::validate;

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
    /// Every problem found, sorted.
    pub problems: Vec<Diagnostic>,
}

/// An engagement whose files have no errors.
#[derive(Debug)]
pub struct Valid {
    /// The engagement directory.
    pub root: PathBuf,
    /// engagement.yaml.
    pub engagement: Engagement,
    /// The sessions, sorted by number.
    pub sessions: Vec<Session>,
}

impl Valid {
    /// The session with this number.
    pub fn session(&self, number: u32) -> Option<&Session> {
        self.sessions.iter().find(|s| s.number == number)
    }

    /// The objective ids in focus for session `number`: its own `focus:`, else
    /// those of the last held session before it.
    pub fn focus_for(&self, number: u32) -> Vec<String> {
        self.session(number)
            .filter(|s| !s.focus.is_empty())
            .or_else(|| {
                self.sessions.iter().rev().find(|s| {
                    s.number < number && s.status == SessionStatus::Held && !s.focus.is_empty()
                })
            })
            .map(|s| s.focus.clone())
            .unwrap_or_default()
    }
}

impl Loaded {
    /// The engagement, or an error listing every error-level problem.
    pub fn into_valid(self) -> Result<Valid> {
        let errors: Vec<Diagnostic> = self
            .problems
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        match self.engagement {
            Some(engagement) if errors.is_empty() => Ok(Valid {
                root: self.root,
                engagement,
                sessions: self.sessions,
            }),
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

/// Reads and checks every file of the engagement at `root`.
pub fn load(root: &Path) -> Loaded {
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
    let mut sessions = Vec::new();
    let files = session_files(root, &mut problems);
    let file_count = files.len();
    for file in files {
        let path = file.path;
        let read = if file.plain {
            fsio::read_regular_text(&path)
        } else {
            fsio::read_text(&path)
        };
        match read {
            Ok(text) => {
                if let Some(session) =
                    parse_session(&path, &text, engagement.as_ref(), &mut problems)
                {
                    sessions.push(session);
                }
            }
            Err(e) => problems.extend(diagnostics_of(&e, &path)),
        }
    }
    sessions.sort_by_key(|s| s.number);
    if let Some(engagement) = &engagement {
        let text = engagement_text.as_deref().unwrap_or("");
        validate::engagement(&engagement_path, text, engagement, &mut problems);
        // Checks between files would only echo a broken file's absence.
        if sessions.len() == file_count {
            validate::sessions(engagement, &sessions, &mut problems);
        }
    }
    problems.sort();
    problems.dedup();
    Loaded {
        root: root.to_path_buf(),
        engagement,
        sessions,
        session_files: file_count,
        problems,
    }
}

/// Parses engagement.yaml text; problems go to `problems`.
pub fn parse_engagement(
    path: &Path,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<Engagement> {
    warn_unknown_keys(path, text, 1, engagement::KNOWN_KEYS, problems);
    match yaml::from_str::<Engagement>(path, text, 1) {
        Ok(e) => Some(e),
        Err(d) => {
            problems.push(d);
            None
        }
    }
}

/// Parses one session file's text; problems go to `problems`.
pub fn parse_session(
    path: &Path,
    text: &str,
    engagement: Option<&Engagement>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Session> {
    let split = match frontmatter::split(path, text) {
        Ok(split) => split,
        Err(d) => {
            problems.push(d);
            return None;
        }
    };
    warn_unknown_keys(
        path,
        split.yaml,
        split.yaml_first_line,
        session::KNOWN_KEYS,
        problems,
    );
    let front: FrontMatter = match yaml::from_str(path, split.yaml, split.yaml_first_line) {
        Ok(front) => front,
        Err(d) => {
            problems.push(d);
            return None;
        }
    };
    let (body, body_problems) = markdown::parse_body(path, split.body, split.body_first_line);
    problems.extend(body_problems);
    let session = Session::new(path.to_path_buf(), front, body);
    validate::session_alone(
        &session,
        engagement,
        split.yaml,
        split.yaml_first_line,
        problems,
    );
    Some(session)
}

/// The `*.md` files in `root/sessions`, sorted; unreadable entries become problems.
fn session_files(root: &Path, problems: &mut Vec<Diagnostic>) -> Vec<SessionFile> {
    let dir = root.join(SESSIONS_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(Diagnostic::error(
                &dir,
                None,
                format!("cannot read the sessions folder: {}", describe_io(&e)),
            ));
            return Vec::new();
        }
    };
    let mut files: Vec<SessionFile> = entries
        .filter_map(|entry| match entry {
            Ok(entry) => {
                let name = entry.file_name();
                let name = name.to_str().unwrap_or("");
                if !name.ends_with(".md") || name.starts_with('.') {
                    return None;
                }
                // The folder listing tells a plain file for free; anything else
                // (a link, a pipe, a folder) is checked when it is read.
                let plain = entry.file_type().is_ok_and(|t| t.is_file());
                Some(SessionFile {
                    path: entry.path(),
                    plain,
                })
            }
            Err(e) => {
                problems.push(Diagnostic::error(
                    &dir,
                    None,
                    format!("cannot list an entry: {}", describe_io(&e)),
                ));
                None
            }
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
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
            vec![Diagnostic::error(
                path,
                None,
                "cannot read: the file is gone (a dangling link, or removed while coach was reading)",
            )]
        }
        Error::Io { cause, .. } => vec![Diagnostic::error(
            path,
            None,
            format!("cannot read: {}", describe_io(cause)),
        )],
        Error::Request(message) => vec![Diagnostic::error(path, None, message.clone())],
    }
}

/// Warns about top-level keys that look like a typo of a known one.
fn warn_unknown_keys(
    path: &Path,
    yaml: &str,
    first_line: usize,
    known: &[&str],
    problems: &mut Vec<Diagnostic>,
) {
    for (index, line) in yaml.lines().enumerate() {
        let Some((key, _)) = line.split_once(':') else {
            continue;
        };
        if key.is_empty()
            || key.starts_with([' ', '\t', '#', '-'])
            || key.contains(' ')
            || known.contains(&key)
        {
            continue;
        }
        if let Some(near) = suggest::closest(key, known.iter().copied()) {
            problems.push(Diagnostic::warning(
                path,
                Some((first_line + index, 1)),
                format!("unknown key `{key}` is ignored: did you mean `{near}`?"),
            ));
        }
    }
}

/// Finds the line and column of the first whole-word occurrence of `token` in
/// `yaml` (which starts at `first_line`), to point at a value a check rejected.
pub fn locate(yaml: &str, first_line: usize, token: &str) -> Option<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    yaml.lines().enumerate().find_map(|(index, line)| {
        line.match_indices(token).find_map(|(at, _)| {
            let before = line[..at].chars().next_back();
            let after = line[at + token.len()..].chars().next();
            (!before.is_some_and(is_word) && !after.is_some_and(is_word))
                .then(|| (first_line + index, line[..at].chars().count() + 1))
        })
    })
}

/// Every engagement directory under `path` (at any depth), sorted; walk errors
/// (unreadable folders, symlink loops) become problems.
pub fn find_engagements(path: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if path.join(ENGAGEMENT_FILE).is_file() {
        return vec![path.to_path_buf()];
    }
    let mut found = Vec::new();
    let mut walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walker.next() {
        match entry {
            Ok(entry) => {
                let name = entry.file_name().to_str().unwrap_or("");
                if entry.depth() > 0
                    && entry.file_type().is_dir()
                    && (name.starts_with('.') || name == "target" || name == "node_modules")
                {
                    walker.skip_current_dir();
                    continue;
                }
                if entry.file_type().is_dir() && entry.path().join(ENGAGEMENT_FILE).is_file() {
                    found.push(entry.path().to_path_buf());
                    walker.skip_current_dir();
                }
            }
            Err(e) => {
                let at = e.path().unwrap_or(path).to_path_buf();
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop: skipped".to_string()
                } else {
                    e.io_error().map_or_else(|| e.to_string(), describe_io)
                };
                problems.push(Diagnostic::error(
                    &at,
                    None,
                    format!("cannot read: {message}"),
                ));
            }
        }
    }
    found
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
    fn locate_finds_whole_words_only() {
        let yaml = "focus: [authority-x, authority]\n";
        assert_eq!(locate(yaml, 2, "authority"), Some((2, 22)));
        assert_eq!(locate(yaml, 2, "nothing"), None);
    }

    #[test]
    fn typo_keys_are_warned_about() {
        let mut problems = Vec::new();
        let text = "---\nsession: 1\ndate: 2026-01-12\nstatus: held\nalliace: 9\n---\n";
        let session = parse_session(Path::new("01-2026-01-12.md"), text, None, &mut problems);
        assert!(session.is_some());
        assert_eq!(
            problems[0].to_string(),
            "01-2026-01-12.md:5:1: warning: unknown key `alliace` is ignored: did you mean `alliance`?"
        );
    }
}
