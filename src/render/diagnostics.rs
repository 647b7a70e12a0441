//! Problems shown as rustc shows them: `path:line:col: severity[code]: message`,
//! then the source line with a caret under the problem and the help line (drawn by
//! annotate-snippets, which measures the caret in display width), or as JSON.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::codes::Severity;
use crate::error::Diagnostic;
use crate::printable::terminal;

/// Every problem with its snippet, separated by blank lines. `source_of` gives the
/// text of a file (`None` when it cannot be read: the snippet is left out).
pub fn human(problems: &[Diagnostic], source_of: &dyn Fn(&Path) -> Option<String>) -> String {
    let mut out = String::new();
    let mut cached: Option<(&Path, Option<String>)> = None;
    for problem in problems {
        let path = problem.path.as_path();
        if cached.as_ref().is_none_or(|(p, _)| *p != path) {
            cached = Some((path, source_of(path)));
        }
        let text = cached.as_ref().and_then(|(_, t)| t.as_deref());
        out.push_str(&terminal(&problem.to_string()));
        out.push('\n');
        out.push_str(&snippet(problem, text));
        out.push_str("\n\n");
    }
    out
}

/// The source line, the caret and the help of one problem.
fn snippet(problem: &Diagnostic, text: Option<&str>) -> String {
    let level = match problem.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let line_text = problem
        .line
        .and_then(|line| text?.lines().nth(line.checked_sub(1)?));
    let mut group = Group::with_level(level);
    if let (Some(line), Some(line_text)) = (problem.line, line_text) {
        let shown = terminal(line_text);
        let start = problem.column.unwrap_or(1);
        let end = problem.end_column.unwrap_or(start + 1);
        let span = byte_range(line_text, &shown, start, end);
        group = group.element(
            Snippet::source(shown.clone())
                .line_start(line)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(span)),
        );
    }
    group = group.element(Level::HELP.message(problem.help()));
    Renderer::plain().render(&[group]).to_string()
}

/// The byte range in `shown` (the line with control characters escaped) of the
/// 1-based character columns `start..end` of `original`; at least one character,
/// or the end of the line.
fn byte_range(original: &str, shown: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let mut offsets = Vec::with_capacity(original.len() + 1);
    let mut at = 0;
    for c in original.chars() {
        offsets.push(at);
        at += terminal(c.encode_utf8(&mut [0; 4])).len();
    }
    offsets.push(at);
    let last = offsets.len() - 1;
    let from = offsets[start.saturating_sub(1).min(last)];
    let to = offsets[end.saturating_sub(1).min(last)].max(from);
    let to = if to == from {
        (from + 1).min(shown.len().max(from))
    } else {
        to
    };
    from..to
}

/// A problem as data, for `check --format json`.
#[derive(Debug, Serialize)]
pub struct JsonProblem<'a> {
    /// The file.
    pub file: String,
    /// 1-based line, or null.
    pub line: Option<usize>,
    /// 1-based column, or null.
    pub column: Option<usize>,
    /// Where the problem ends: line and column just past it, or null.
    pub end: Option<JsonPosition>,
    /// error or warning.
    pub severity: Severity,
    /// The stable code, such as E032.
    pub code: &'static str,
    /// The code's name, such as duplicate-objective.
    pub name: &'static str,
    /// What is wrong.
    pub message: &'a str,
    /// What to do.
    pub help: &'static str,
}

/// A line and a column.
#[derive(Debug, Serialize)]
pub struct JsonPosition {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// The problems as a JSON array.
pub fn json(problems: &[Diagnostic]) -> String {
    let rows: Vec<JsonProblem<'_>> = problems
        .iter()
        .map(|p| JsonProblem {
            file: p.path.display().to_string(),
            line: p.line,
            column: p.column,
            end: p
                .line
                .zip(p.end_column)
                .map(|(line, column)| JsonPosition { line, column }),
            severity: p.severity,
            code: p.code.id,
            name: p.code.name,
            message: &p.message,
            help: p.help(),
        })
        .collect();
    let json = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string());
    format!("{}\n", crate::printable::json(&json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;

    #[test]
    fn a_snippet_shows_the_line_a_caret_under_the_span_and_the_help() {
        let problem = Diagnostic::new(
            codes::DUPLICATE_OBJECTIVE,
            Path::new("engagement.yaml"),
            Some((2, 12)),
            "objective id `a` is used twice",
        )
        .until(13);
        let shown = human(&[problem], &|_| {
            Some("objectives:\n  - {id: 日本a, title: B}\n".into())
        });
        assert_eq!(
            shown,
            "engagement.yaml:2:12: error[E032]: objective id `a` is used twice\n  |\n2 |   - {id: 日本a, title: B}\n  |              ^\n  |\n  = help: give each objective its own id\n\n",
            "{shown}"
        );
    }

    #[test]
    fn control_characters_in_the_source_line_are_escaped() {
        let problem = Diagnostic::new(
            codes::MISSPELT_HEADING,
            Path::new("s.md"),
            Some((1, 1)),
            "x",
        );
        let shown = human(&[problem], &|_| Some("## Comitments\u{1b}[2J\n".into()));
        assert!(
            !shown.contains('\u{1b}') && shown.contains("\\u{1b}[2J"),
            "{shown}"
        );
    }
}
