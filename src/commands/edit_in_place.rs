//! The edits coach makes to files a person wrote: named keys set in place (see
//! `edit::front_matter`), checked as `coach check` would, written atomically only
//! if the file did not change meanwhile, and reported a line per key.

use std::path::Path;

use crate::edit::front_matter::{self, Change, Layout, SetValue};
use crate::error::{Diagnostic, Error, Result};
use crate::fsio;
use crate::load::{self, ENGAGEMENT_FILE};
use crate::model::engagement::{Engagement, EngagementStatus};
use crate::printable::terminal;

/// Refuses any change to a closed engagement.
pub fn refuse_closed(engagement: &Engagement) -> Result<()> {
    if engagement.status == EngagementStatus::Closed {
        return Err(Error::Request(
            "this engagement is closed: coach changes nothing in a closed engagement".into(),
        ));
    }
    Ok(())
}

/// A value to set at a top-level key.
pub fn top_level(key: &str, yaml: String) -> SetValue {
    SetValue {
        keys: vec![key.to_string()],
        yaml,
    }
}

/// The text of engagement.yaml in `root` with `edits` made, and what changed;
/// refused when the result would not pass `coach check`. Nothing is written.
pub struct EngagementEdit {
    path: std::path::PathBuf,
    shown: String,
    before: Vec<u8>,
    /// The edited text.
    pub after: String,
    changes: Vec<Change>,
}

impl EngagementEdit {
    /// Makes `edits` to the text of `root`'s engagement.yaml (`shown` as the
    /// coach sees its path).
    pub fn new(root: &Path, shown: String, edits: &[SetValue]) -> Result<Self> {
        let path = root.join(ENGAGEMENT_FILE);
        let (before, text) = read_for_edit(&path, &shown)?;
        let (after, changes) = front_matter::set_values(&text, Layout::Yaml, edits)
            .map_err(|why| Error::Request(format!("{shown}: not changed: {why}")))?;
        let normalised = fsio::decode_text(&path, after.as_bytes().to_vec())?;
        let mut problems = Vec::new();
        load::engagement_problems(&path, &normalised, &mut problems);
        refuse_errors_in(&path, &shown, problems)?;
        Ok(EngagementEdit {
            path,
            shown,
            before,
            after,
            changes,
        })
    }

    /// Writes the edit, unless the file changed since it was read, and returns
    /// what changed, a line per key.
    pub fn write(&self, root: &Path) -> Result<String> {
        write_edit(root, &self.path, &self.shown, &self.before, &self.after)?;
        Ok(report(&self.shown, &self.changes))
    }

    /// Puts back the bytes read, after [`EngagementEdit::write`], unless the file
    /// changed again since.
    pub fn undo(&self, root: &Path) -> Result<()> {
        if fsio::read_bytes_no_follow(&self.path)? != self.after.as_bytes() {
            return Err(Error::Request(format!(
                "{}: changed by someone else meanwhile: check it by hand",
                self.shown
            )));
        }
        fsio::write_atomic(root, &self.path, &self.before, true)
    }
}

/// Refuses an edit whose result has errors in `path`, listing them.
pub fn refuse_errors_in(path: &Path, shown: &str, problems: Vec<Diagnostic>) -> Result<()> {
    let errors: Vec<String> = problems
        .into_iter()
        .filter(|p| p.is_error() && p.path == path)
        .map(|p| format!("  {}: {}", p.code.id, p.message))
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    Err(Error::Request(format!(
        "{shown}: not changed: with these values the file would not pass `coach check`:\n{}",
        terminal(&errors.join("\n"))
    )))
}

/// The bytes of a file to edit and its text, which must be UTF-8.
pub fn read_for_edit(path: &Path, shown: &str) -> Result<(Vec<u8>, String)> {
    let bytes = fsio::read_bytes_no_follow(path)?;
    let text = String::from_utf8(bytes.clone())
        .map_err(|_| Error::Request(format!("{shown}: not UTF-8 text: run `coach check`")))?;
    Ok((bytes, text))
}

/// Replaces the file with `after` atomically, only if it still holds `before`.
pub fn write_edit(root: &Path, path: &Path, shown: &str, before: &[u8], after: &str) -> Result<()> {
    if fsio::read_bytes_no_follow(path)? != before {
        return Err(Error::Request(format!(
            "{shown}: the file changed while coach was editing it: nothing was written; run the command again"
        )));
    }
    fsio::write_atomic(root, path, after.as_bytes(), true)
}

/// One line per key: `path: key: before → after`.
pub fn report(shown: &str, changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| {
            let before = c.before.as_deref().unwrap_or("(not set)");
            terminal(&format!("{shown}: {}: {before} → {}\n", c.key, c.after)).into_owned()
        })
        .collect()
}
