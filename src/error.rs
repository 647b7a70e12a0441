//! The library's one error type, and the located diagnostics `check` prints.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is: errors make `check` exit 1, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// The file works, but something in it is probably a mistake.
    Warning,
}

/// A problem found in a file, with its position where there is one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub path: PathBuf,
    /// 1-based line, when the problem has a position.
    pub line: Option<usize>,
    /// 1-based column, when the problem has a position.
    pub column: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
}

impl Diagnostic {
    /// An error in `path` at an optional position.
    pub fn error(
        path: &Path,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(path, position, Severity::Error, message.into())
    }

    /// A warning in `path` at an optional position.
    pub fn warning(
        path: &Path,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(path, position, Severity::Warning, message.into())
    }

    fn new(
        path: &Path,
        position: Option<(usize, usize)>,
        severity: Severity,
        message: String,
    ) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: position.map(|(line, _)| line),
            column: position.map(|(_, column)| column),
            severity,
            message,
        }
    }

    /// True for an error, false for a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}:{}", self.column.unwrap_or(1))?;
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {severity}: {}", self.message)
    }
}

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in the engagement's files.
    #[error("{}", join_lines(.0))]
    Invalid(Vec<Diagnostic>),
    /// The request cannot be carried out as asked (a missing session, a report too early).
    #[error("{0}")]
    Request(String),
    /// A file could not be read or written.
    #[error("{}: {}", .path.display(), describe_io(.cause))]
    Io {
        /// The file involved.
        path: PathBuf,
        /// What the operating system said.
        cause: std::io::Error,
    },
}

impl Error {
    /// A single located problem in a file.
    pub fn at(path: &Path, position: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        Error::Invalid(vec![Diagnostic::error(path, position, message)])
    }

    /// An I/O failure on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            cause: source,
        }
    }
}

fn join_lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A short lowercase account of an I/O error, without the OS error number.
pub fn describe_io(error: &std::io::Error) -> String {
    let text = error.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_prints_path_line_column_severity_message() {
        let d = Diagnostic::error(Path::new("s/01.md"), Some((3, 7)), "bad date");
        assert_eq!(d.to_string(), "s/01.md:3:7: error: bad date");
        let w = Diagnostic::warning(Path::new("e.yaml"), None, "odd");
        assert_eq!(w.to_string(), "e.yaml: warning: odd");
    }

    #[test]
    fn errors_sort_before_warnings_in_the_same_place() {
        let mut v = [
            Diagnostic::warning(Path::new("a"), Some((1, 1)), "w"),
            Diagnostic::error(Path::new("a"), Some((1, 1)), "e"),
        ];
        v.sort();
        assert!(v[0].is_error());
    }
}
