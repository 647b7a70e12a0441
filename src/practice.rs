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
/// followed, unless they lead back to a folder being walked or to one above
/// `path` (a loop, whatever the link's name); hidden folders, `target` and
/// `node_modules` are not entered. An engagement folder is recognised by its
/// `engagement.yaml` without being opened, so a practice costs one look per
/// engagement.
pub fn find_engagements(path: &Path, problems: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    if path.join(ENGAGEMENT_FILE).is_file() {
        return vec![path.to_path_buf()];
    }
    let mut found = Vec::new();
    let Some(root) = folder_id(path, problems) else {
        return found;
    };
    let above = folders_above(path);
    // The folders being walked, root first: each with the subfolders left to visit.
    let mut open = vec![(root, subfolders(path, problems).into_iter())];
    while let Some((_, left)) = open.last_mut() {
        let Some(sub) = left.next() else {
            open.pop();
            continue;
        };
        // Told in the walk's order, as the folder's other problems are.
        if let Some(message) = sub.broken {
            unreadable(&sub.path, message, problems);
            continue;
        }
        let in_a_loop =
            |id: &FolderId| above.contains(id) || open.iter().any(|(walked, _)| walked == id);
        // A link is looked through before anything else: back to a folder being
        // walked or one above, it is a loop, even when it holds an engagement.
        if let Some(id) = &sub.linked_to
            && in_a_loop(id)
        {
            unreadable(
                &sub.path,
                "symbolic link loop: skipped".to_string(),
                problems,
            );
            continue;
        }
        if sub.skipped {
            continue;
        }
        if sub.path.join(ENGAGEMENT_FILE).is_file() {
            found.push(sub.path);
            continue;
        }
        let Some(id) = sub.linked_to.or_else(|| folder_id(&sub.path, problems)) else {
            continue;
        };
        if in_a_loop(&id) {
            unreadable(
                &sub.path,
                "symbolic link loop: skipped".to_string(),
                problems,
            );
            continue;
        }
        let inside = subfolders(&sub.path, problems);
        open.push((id, inside.into_iter()));
    }
    found
}

/// The folders above `path` (its real path's ancestors), that a link inside it
/// must not lead back to; those that cannot be looked at are left out, as no
/// link can lead into them either.
fn folders_above(path: &Path) -> Vec<FolderId> {
    let Ok(real) = std::fs::canonicalize(path) else {
        return Vec::new();
    };
    real.ancestors()
        .skip(1)
        .filter_map(|folder| folder_id(folder, &mut Vec::new()))
        .collect()
}

/// What tells one folder from another however it is reached: device and inode.
#[cfg(unix)]
type FolderId = (u64, u64);
#[cfg(not(unix))]
type FolderId = PathBuf;

/// The identity of the folder at `path` (links followed), or a problem.
fn folder_id(path: &Path, problems: &mut Vec<Diagnostic>) -> Option<FolderId> {
    match std::fs::metadata(path) {
        Ok(metadata) => id_of(path, &metadata),
        Err(e) => {
            unreadable(path, describe_io(&e), problems);
            None
        }
    }
}

/// The identity of the folder at `path`, whose `metadata` is known.
#[cfg(unix)]
fn id_of(_: &Path, metadata: &std::fs::Metadata) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

/// The identity of the folder at `path`: its real path.
#[cfg(not(unix))]
fn id_of(path: &Path, _: &std::fs::Metadata) -> Option<FolderId> {
    std::fs::canonicalize(path).ok()
}

/// A folder met in a walk, a link to one, or an entry that could not be told.
struct Subfolder {
    path: PathBuf,
    /// Why the entry could not be looked at (a broken link).
    broken: Option<String>,
    /// For a link, the folder it leads to.
    linked_to: Option<FolderId>,
    /// Hidden, `target` or `node_modules`: not entered.
    skipped: bool,
}

/// The folders in `dir` (links to folders included), by name: those a walk
/// enters, and the links it skips, which may still be loops.
fn subfolders(dir: &Path, problems: &mut Vec<Diagnostic>) -> Vec<Subfolder> {
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
        let skipped = name
            .to_str()
            .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules");
        let path = entry.path();
        let looked = match entry.file_type() {
            Ok(kind) if kind.is_symlink() => std::fs::metadata(&path).map(|target| {
                let folder = target.is_dir();
                (folder, folder.then(|| id_of(&path, &target)).flatten())
            }),
            Ok(kind) => Ok((kind.is_dir(), None)),
            Err(e) => Err(e),
        };
        let (folder, linked_to, broken) = match looked {
            Ok((folder, linked_to)) => (folder, linked_to, None),
            Err(e) => (true, None, Some(describe_io(&e))),
        };
        if folder && (!skipped || linked_to.is_some() || broken.is_some()) {
            folders.push((
                name,
                Subfolder {
                    path,
                    broken,
                    linked_to,
                    skipped,
                },
            ));
        }
    }
    folders.sort_by(|(a, _), (b, _)| a.cmp(b));
    folders.into_iter().map(|(_, folder)| folder).collect()
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

    /// A link to a folder above the walk, however it is named, is a loop as a link
    /// back into the walk is: followed, it would walk a whole other tree (the
    /// engagements beside the practice, or the disk from `/`).
    #[cfg(unix)]
    #[test]
    fn links_to_folders_above_the_walk_are_loops_whatever_their_name() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let outside = dir.path().join("elsewhere");
        let practice = dir.path().join("practice");
        for engagement in [outside.join("e"), practice.join("mine")] {
            std::fs::create_dir_all(&engagement).expect("folder");
            std::fs::write(engagement.join(ENGAGEMENT_FILE), "").expect("file");
        }
        symlink(dir.path(), practice.join("up")).expect("link");
        symlink(&practice, practice.join(".back")).expect("link");
        symlink(&practice, practice.join("target")).expect("link");
        symlink(&outside, practice.join("beside")).expect("link");
        let mut problems = Vec::new();
        let found = find_engagements(&practice, &mut problems);
        assert_eq!(found, [practice.join("beside/e"), practice.join("mine")]);
        let looped: Vec<_> = problems
            .iter()
            .map(|p| (p.path.clone(), p.message.clone()))
            .collect();
        let loop_at = |name: &str| {
            (
                practice.join(name),
                "cannot read: symbolic link loop: skipped".to_string(),
            )
        };
        assert_eq!(looped, [loop_at(".back"), loop_at("target"), loop_at("up")]);
    }

    /// Problems are told in the order the walk meets them, folder by folder.
    #[cfg(unix)]
    #[test]
    fn broken_links_are_told_in_the_walks_order() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("a")).expect("folder");
        symlink(root, root.join("a/loop")).expect("link");
        symlink(root.join("gone"), root.join("b")).expect("link");
        let mut problems = Vec::new();
        find_engagements(root, &mut problems);
        let paths: Vec<_> = problems.iter().map(|p| p.path.clone()).collect();
        assert_eq!(paths, [root.join("a/loop"), root.join("b")]);
    }
}
