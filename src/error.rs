//! The library's one error type, and the located diagnostics `check` prints.

use std::fmt;
use std::path::{Path, PathBuf};

pub use crate::codes::{Code, Severity};

/// A problem found in a file, with its position where there is one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub path: PathBuf,
    /// 1-based line, when the problem has a position.
    pub line: Option<usize>,
    /// 1-based column (in characters), when the problem has a position.
    pub column: Option<usize>,
    /// The 1-based column just past the problem on the same line, when its extent is known.
    pub end_column: Option<usize>,
    /// Error or warning, from the code.
    pub severity: Severity,
    /// What kind of problem: a stable code, its name and its general help.
    pub code: &'static Code,
    /// What is wrong, lowercase, without a trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A problem of kind `code` in `path` at an optional (line, column).
    pub fn new(
        code: &'static Code,
        path: &Path,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: position.map(|(line, _)| line),
            column: position.map(|(_, column)| column),
            end_column: None,
            severity: code.severity(),
            code,
            message: message.into(),
        }
    }

    /// The same problem, marked up to (not including) 1-based column `end` of its line.
    pub fn until(mut self, end: usize) -> Self {
        if self.column.is_some_and(|start| end > start) {
            self.end_column = Some(end);
        }
        self
    }

    /// True for an error, false for a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The help line shown under the problem.
    pub fn help(&self) -> &'static str {
        self.code.help
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}",
            crate::printable::inline(&self.path.display().to_string())
        )?;
        if let Some(line) = self.line {
            write!(f, ":{line}:{}", self.column.unwrap_or(1))?;
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            ": {severity}[{}]: {}",
            self.code.id,
            crate::printable::inline(&self.message)
        )
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
    /// A single located problem of kind `code` in a file.
    pub fn at(
        code: &'static Code,
        path: &Path,
        position: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Self {
        Error::Invalid(vec![Diagnostic::new(code, path, position, message)])
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
    use crate::codes;

    #[test]
    fn diagnostic_prints_path_line_column_severity_message() {
        let d = Diagnostic::new(
            codes::IMPOSSIBLE_DATE,
            Path::new("s/01.md"),
            Some((3, 7)),
            "bad date",
        );
        assert_eq!(d.to_string(), "s/01.md:3:7: error[E016]: bad date");
        let w = Diagnostic::new(codes::PLACEHOLDER, Path::new("e.yaml"), None, "odd");
        assert_eq!(w.to_string(), "e.yaml: warning[W036]: odd");
    }

    #[test]
    fn errors_sort_before_warnings_in_the_same_place() {
        let mut v = [
            Diagnostic::new(codes::PLACEHOLDER, Path::new("a"), Some((1, 1)), "w"),
            Diagnostic::new(codes::YAML_SYNTAX, Path::new("a"), Some((1, 1)), "e"),
        ];
        v.sort();
        assert!(v[0].is_error());
    }
}
