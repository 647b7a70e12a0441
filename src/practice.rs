//! The practice around engagements: `coach.yaml` with the coach's name and
//! defaults, and the engagement folders found under it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::codes;
use crate::error::{Diagnostic, Error, Result, describe_io};
use crate::fsio;
use crate::load::{self, ENGAGEMENT_FILE, Loaded};
use crate::model::engagement::{Cadence, ClockTime, Person, TimeZone};
use crate::parallel;
use crate::parse::yaml;

/// The practice file's name.
pub const PRACTICE_FILE: &str = "coach.yaml";

/// Defaults `coach init` uses for a new engagement.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Starting cadence.
    #[serde(default)]
    pub cadence: Option<Cadence>,
    /// Usual start time.
    #[serde(default)]
    pub time: Option<ClockTime>,
    /// IANA time zone.
    #[serde(default)]
    pub timezone: Option<TimeZone>,
    /// Regular session length.
    #[serde(default)]
    pub session_minutes: Option<u32>,
    /// Intake length.
    #[serde(default)]
    pub intake_minutes: Option<u32>,
}

/// The whole of `coach.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeConfig {
    /// The coach.
    #[serde(default)]
    pub coach: Option<Person>,
    /// Defaults for new engagements.
    #[serde(default)]
    pub defaults: Defaults,
}

/// The nearest folder at or above `start` holding `coach.yaml`.
pub fn find_practice_root(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    start
        .ancestors()
        .find(|d| d.join(PRACTICE_FILE).is_file())
        .map(Path::to_path_buf)
}

/// Reads `coach.yaml` in `root`.
pub fn load_config(root: &Path) -> Result<PracticeConfig> {
    let path = root.join(PRACTICE_FILE);
    let text = fsio::read_text(&path)?;
    if text.trim().is_empty() {
        return Ok(PracticeConfig::default());
    }
    yaml::from_str(&path, &text, 1).map_err(|d| Error::Invalid(vec![d]))
}

/// Loads every engagement under `path` (or the one around it) and maps it through
/// `each`, in parallel, keeping the engagements' order; also returns the problems met
/// finding them. A broken engagement still reaches `each`, with its problems, so a
/// practice-wide command can report it and go on.
pub fn map_engagements<R: Send>(
    path: &Path,
    today: NaiveDate,
    each: impl Fn(Loaded) -> R + Sync,
) -> Result<(Vec<R>, Vec<Diagnostic>)> {
    let (roots, problems) = engagement_roots(path)?;
    let results = parallel::map(&roots, |root| each(load::load(root, today)));
    Ok((results, problems))
}

/// Like [`map_engagements`], but folds each engagement into an accumulator as it
/// is read (see [`parallel::fold`]), so a practice of any size is held one
/// engagement per thread at a time.
pub fn fold_engagements<A: Send>(
    path: &Path,
    today: NaiveDate,
    init: impl Fn() -> A + Sync,
    step: impl Fn(A, Loaded) -> A + Sync,
    merge: impl Fn(A, A) -> A,
) -> Result<(A, Vec<Diagnostic>)> {
    let (roots, problems) = engagement_roots(path)?;
    let folded = parallel::fold(
        &roots,
        init,
        |acc, root| step(acc, load::load(root, today)),
        merge,
    );
    Ok((folded, problems))
}

/// The engagement folders under `path` and the problems of the walk; inside an
/// engagement's subfolder (sessions/, out/), the engagement around it.
fn engagement_roots(path: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>)> {
    let path = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    let mut problems = Vec::new();
    let mut roots = find_engagements(&path, &mut problems);
    if roots.is_empty() && problems.is_empty() {
        roots.push(load::find_engagement_root(&path)?);
    }
    Ok((roots, problems))
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
                problems.push(Diagnostic::new(
                    codes::UNREADABLE,
                    &at,
                    None,
                    format!("cannot read: {message}"),
                ));
            }
        }
    }
    found
}
