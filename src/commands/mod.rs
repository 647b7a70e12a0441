//! One module per subcommand; each reads the engagement, builds a context,
//! renders and writes.

pub mod agenda;
pub mod artefact;
pub mod check;
pub mod close;
pub mod commitments;
pub mod decline;
pub mod edit_in_place;
pub mod follow_up;
pub mod init;
pub mod insights;
pub mod mark;
pub mod new_session;
pub mod prompt;
pub mod report;
pub mod schedule;
pub mod shell;
pub mod show;
pub mod start;
pub mod status;
pub mod summary;
pub mod templates;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Result;
use crate::load;
use crate::model::valid::Valid;
use crate::practice;
use crate::render::templates::Templates;

/// What every command gets: where it runs and what day it is.
#[derive(Debug, Clone)]
pub struct Env {
    /// `-C DIR`, else the current folder.
    pub dir: PathBuf,
    /// `--today`/`COACH_TODAY`, else the system date.
    pub today: NaiveDate,
    /// The folder paths are shown relative to.
    pub cwd: PathBuf,
}

impl Env {
    /// Shows `path` relative to the current folder when it is inside it.
    pub fn show(&self, path: &Path) -> String {
        let cwd = std::fs::canonicalize(&self.cwd).unwrap_or_else(|_| self.cwd.clone());
        match path.strip_prefix(&cwd) {
            Ok(relative) if relative.as_os_str().is_empty() => ".".to_string(),
            Ok(relative) => relative.display().to_string(),
            Err(_) => path.display().to_string(),
        }
    }

    /// How an engagement folder is named in lists: its path from the current
    /// folder, or its own name when it is the current folder.
    pub fn label(&self, root: &Path) -> String {
        match self.show(root).as_str() {
            "." => root
                .file_name()
                .map_or_else(|| ".".to_string(), |n| n.to_string_lossy().into_owned()),
            shown => shown.to_string(),
        }
    }

    /// The valid engagement around `self.dir`.
    pub fn engagement(&self) -> Result<Valid> {
        let root = load::find_engagement_root(&self.dir)?;
        load::load(&root, self.today).into_valid()
    }

    /// The template set for an engagement, with its practice's overrides.
    pub fn templates(&self, engagement_root: &Path) -> Result<Templates> {
        let practice = practice::find_practice_root(engagement_root);
        Templates::load(Some(engagement_root), practice.as_deref())
    }
}

/// What a command produced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// For standard output.
    pub stdout: String,
    /// For standard error: progress and summaries, not the artefact.
    pub stderr: String,
    /// True when the command found problems (exit 1) without failing itself.
    pub failed: bool,
}

impl Outcome {
    /// A successful outcome printing `stdout`.
    pub fn print(stdout: String) -> Self {
        Outcome {
            stdout,
            ..Outcome::default()
        }
    }
}
