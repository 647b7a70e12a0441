//! Splitting a Markdown file into its YAML front matter and its body.

use std::path::Path;

use crate::codes;
use crate::error::Diagnostic;

/// A file split at its front-matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_first_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// 1-based line of the body's first line.
    pub body_first_line: usize,
}

/// Splits `text` (already LF-normalised, without BOM) into front matter and body.
/// The file must open with a `---` line and close the front matter with `---`. A
/// YAML `...` does not close it: other tools hide what follows `...` up to `---` as
/// front matter, so reading it as the body could publish it.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Diagnostic::new(
            codes::NO_FRONT_MATTER,
            path,
            Some((1, 1)),
            "no front matter: a session file starts with a line `---`, then YAML such as `session: 1`, then `---`",
        ));
    }
    let yaml_start = first.len();
    let mut offset = yaml_start;
    let mut closing_line = 2;
    while offset < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[offset..])
            .map_or(text.len(), |i| offset + i + 1);
        let line = &text[offset..end];
        if line.starts_with("---") && line.trim_end() == "---" {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body: &text[end..],
                body_first_line: closing_line + 1,
            });
        }
        offset = end;
        closing_line += 1;
    }
    Err(Diagnostic::new(
        codes::UNCLOSED_FRONT_MATTER,
        path,
        Some((1, 1)),
        "unclosed front matter: the `---` on line 1 has no closing `---` line",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body_with_lines() {
        let s = split(Path::new("a"), "---\na: 1\nb: 2\n---\n## Check-in\n").unwrap();
        assert_eq!(s.yaml, "a: 1\nb: 2\n");
        assert_eq!(s.body, "## Check-in\n");
        assert_eq!(s.body_first_line, 5);
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_errors_at_line_one() {
        let e = split(Path::new("a.md"), "# hi\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.starts_with("no front matter"));
        let e = split(Path::new("a.md"), "---\na: 1\n").unwrap_err();
        assert!(e.message.starts_with("unclosed front matter"));
        assert!(split(Path::new("a.md"), "").is_err());
    }

    #[test]
    fn an_empty_body_is_fine_and_dots_do_not_close() {
        let s = split(Path::new("a"), "---\na: 1\n---").unwrap();
        assert_eq!(s.body, "");
        // What follows `...` up to `---` is front matter to other tools: never body.
        let s = split(Path::new("a"), "---\na: 1\n...\n## Agenda\n- SECRET\n---\n").unwrap();
        assert!(!s.body.contains("SECRET"));
    }

    #[test]
    fn only_a_line_of_three_dashes_closes() {
        let s = split(Path::new("a"), "---\n---\nbody\n").unwrap();
        assert_eq!((s.yaml, s.body, s.body_first_line), ("", "body\n", 3));
        let s = split(Path::new("a"), "---\na: ---\n----\n---x\n---  \t\nbody").unwrap();
        assert_eq!(s.yaml, "a: ---\n----\n---x\n");
        assert_eq!((s.body, s.body_first_line), ("body", 6));
        assert!(split(Path::new("a"), "---\na: 1\n ---\n").is_err());
    }
}
