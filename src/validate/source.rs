//! Positions for the rules: a file's YAML mapped on demand, so a file without a
//! problem is parsed once, and a problem points where the parser saw the value.

use std::cell::OnceCell;
use std::path::Path;

use crate::codes::Code;
use crate::error::Diagnostic;
use crate::parse::yaml_map::{Span, Step, YamlMap};

/// The YAML of one file, and where it starts.
pub struct YamlSource<'a> {
    path: &'a Path,
    text: &'a str,
    first_line: usize,
    map: OnceCell<Option<YamlMap>>,
}

impl<'a> YamlSource<'a> {
    /// The YAML `text` of `path`, starting on 1-based line `first_line`.
    pub fn new(path: &'a Path, text: &'a str, first_line: usize) -> Self {
        YamlSource {
            path,
            text,
            first_line,
            map: OnceCell::new(),
        }
    }

    /// The file.
    pub fn path(&self) -> &'a Path {
        self.path
    }

    /// The YAML text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The map of positions, parsed the first time a rule asks.
    pub fn map(&self) -> Option<&YamlMap> {
        self.map
            .get_or_init(|| YamlMap::parse(self.text, self.first_line))
            .as_ref()
    }

    /// A problem at the value found at `steps`.
    pub fn at_value(
        &self,
        code: &'static Code,
        steps: &[Step<'_>],
        message: impl Into<String>,
    ) -> Diagnostic {
        self.at(code, |m| m.value(steps), message)
    }

    /// A problem at the key found at `steps`.
    pub fn at_key(
        &self,
        code: &'static Code,
        steps: &[Step<'_>],
        message: impl Into<String>,
    ) -> Diagnostic {
        self.at(code, |m| m.key(steps), message)
    }

    fn at(
        &self,
        code: &'static Code,
        find: impl FnOnce(&YamlMap) -> Option<Span>,
        message: impl Into<String>,
    ) -> Diagnostic {
        located(code, self.path, self.map().and_then(find), message)
    }
}

/// A problem of kind `code` in `path`, marked over `span` where it is known.
pub fn located(
    code: &'static Code,
    path: &Path,
    span: Option<Span>,
    message: impl Into<String>,
) -> Diagnostic {
    let diagnostic = Diagnostic::new(code, path, span.map(|s| (s.line, s.column)), message);
    match span.and_then(|s| s.end_column) {
        Some(end) => diagnostic.until(end),
        None => diagnostic,
    }
}
