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

/// Every engagement directory under `path` (at any depth), in the order of a
/// walk that visits each folder's subfolders by name; walk errors (unreadable
/// folders, broken links, symlink loops) become problems. Links to folders are
/// followed; hidden folders, `target` and `node_modules` are not entered. An
/// engagement folder is recognised by its `engagement.yaml` without being
/// opened, so a practice costs one look per engagement.
pub fn find_engagements(path: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if path.join(ENGAGEMENT_FILE).is_file() {
        return vec![path.to_path_buf()];
    }
    let mut found = Vec::new();
    let Some(root) = folder_id(path, problems) else {
        return found;
    };
    // The folders being walked, root first: each with the subfolders left to visit.
    let mut open = vec![(root, subfolders(path, problems).into_iter())];
    while let Some((_, left)) = open.last_mut() {
        let Some(folder) = left.next() else {
            open.pop();
            continue;
        };
        if folder.join(ENGAGEMENT_FILE).is_file() {
            found.push(folder);
            continue;
        }
        let Some(id) = folder_id(&folder, problems) else {
            continue;
        };
        if open.iter().any(|(ancestor, _)| *ancestor == id) {
            unreadable(&folder, "symbolic link loop: skipped".to_string(), problems);
            continue;
        }
        let inside = subfolders(&folder, problems);
        open.push((id, inside.into_iter()));
    }
    found
}

/// What tells one folder from another however it is reached: device and inode.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

/// The identity of the folder at `path` (links followed), or a problem.
fn folder_id(path: &Path, problems: &mut Vec<Diagnostic>) -> Option<FolderId> {
    match std::fs::metadata(path) {
        #[cfg(unix)]
        Ok(metadata) => {
            use std::os::unix::fs::MetadataExt;
            Some((metadata.dev(), metadata.ino()))
        }
        #[cfg(not(unix))]
        Ok(_) => std::fs::canonicalize(path).ok(),
        Err(e) => {
            unreadable(path, describe_io(&e), problems);
            None
        }
    }
}

/// The folders in `dir` (links to folders included) that a walk enters, by name.
fn subfolders(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            unreadable(dir, describe_io(&e), problems);
            return Vec::new();
        }
    };
    let mut folders = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                unreadable(dir, describe_io(&e), problems);
                continue;
            }
        };
        let name = entry.file_name();
        let folder = match entry.file_type() {
            Ok(kind) if kind.is_symlink() => match std::fs::metadata(entry.path()) {
                Ok(target) => target.is_dir(),
                Err(e) => {
                    unreadable(&entry.path(), describe_io(&e), problems);
                    false
                }
            },
            Ok(kind) => kind.is_dir(),
            Err(e) => {
                unreadable(&entry.path(), describe_io(&e), problems);
                false
            }
        };
        let skipped = name
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules");
        if folder && !skipped {
            folders.push((name, entry.path()));
        }
    }
    folders.sort();
    folders.into_iter().map(|(_, path)| path).collect()
}

fn unreadable(at: &Path, message: String, problems: &mut Vec<Diagnostic>) {
    problems.push(Diagnostic::new(
        codes::UNREADABLE,
        at,
        None,
        format!("cannot read: {message}"),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engagements_are_found_folder_by_folder_in_name_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        for engagement in [
            "a/b",
            "a-b",
            "a/c/d",
            "B",
            "é",
            "z/.hidden/x",
            "z/target/x",
            "z/node_modules/x",
            "z/y",
        ] {
            std::fs::create_dir_all(root.join(engagement)).expect("folder");
            std::fs::write(root.join(engagement).join(ENGAGEMENT_FILE), "").expect("file");
        }
        // Inside an engagement nothing more is looked for.
        std::fs::create_dir_all(root.join("a-b/inner")).expect("folder");
        std::fs::write(root.join("a-b/inner").join(ENGAGEMENT_FILE), "").expect("file");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root.join("a"), root.join("link")).expect("link");
            std::os::unix::fs::symlink(root.join("gone"), root.join("broken")).expect("link");
        }
        let mut problems = Vec::new();
        let found: Vec<String> = find_engagements(root, &mut problems)
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .expect("under root")
                    .display()
                    .to_string()
            })
            .collect();
        let mut expected = vec!["B", "a/b", "a/c/d", "a-b"];
        if cfg!(unix) {
            expected.extend(["link/b", "link/c/d"]);
        }
        expected.extend(["z/y", "é"]);
        assert_eq!(found, expected);
        if cfg!(unix) {
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(problems[0].path.ends_with("broken"), "{problems:?}");
        }
    }
}
