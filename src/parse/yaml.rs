//! YAML into typed values through serde-saphyr, with errors as located diagnostics.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::codes::{self, Code};
use crate::error::Diagnostic;
use crate::parse::fast_yaml;
use crate::suggest;

/// Deserializes `text` (which starts at 1-based `first_line` of `path`) into `T`:
/// through the fast path when it is sure, else through serde-saphyr. Errors carry
/// the file's own line and column and, for unknown names, a suggestion.
pub fn from_str<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    match fast_yaml::from_str(text) {
        Some(value) => Ok(value),
        None => from_str_slow(path, text, first_line),
    }
}

/// [`from_str`] through serde-saphyr alone.
pub fn from_str_slow<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options::<T>(text, options()).map_err(|e| {
        let position = e
            .location()
            .map(|l| (l.line() as usize + first_line - 1, l.column() as usize));
        let options = serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off };
        let rendered = e.render_with_options(options);
        let (code, message) = humanize(strip_position(&rendered));
        Diagnostic::new(code, path, position, message)
    })
}

/// How coach reads YAML: a value is written where it is used. An alias (`*name`)
/// or a merge key (`<<`) could carry text from a private key into a public one,
/// and a tag coach does not know could hide what a value is, so all three are
/// refused; `!!binary` text is kept as written, never decoded behind the coach's back.
pub fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        merge_keys: serde_saphyr::MergeKeyPolicy::Error,
        alias_limits: serde_saphyr::alias_limits! { max_alias_expansions_per_anchor: 0 },
        reject_unsupported_tags: true,
        ignore_binary_tag_for_string: true,
    }
}

/// serde-saphyr appends " at line L, column C"; the diagnostic carries that already.
fn strip_position(message: &str) -> &str {
    match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// Rewrites serde's terse messages into ones a coach can act on.
fn humanize(message: &str) -> (&'static Code, String) {
    if let Some(rest) = message.strip_prefix("unknown variant `")
        && let Some((word, expected)) = rest.split_once("`, expected one of ")
    {
        let choices: Vec<&str> = expected.split(", ").map(|c| c.trim_matches('`')).collect();
        let hint = suggest::did_you_mean(word, choices.iter().copied());
        return (
            codes::UNKNOWN_VALUE,
            format!(
                "unknown value `{word}`{hint} (expected one of {})",
                choices.join(", ")
            ),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((word, expected)) = rest.split_once("`, expected one of ")
    {
        let choices: Vec<&str> = expected.split(", ").map(|c| c.trim_matches('`')).collect();
        let hint = suggest::did_you_mean(word, choices.iter().copied());
        return (
            codes::UNKNOWN_FIELD,
            format!(
                "unknown key `{word}`{hint} (expected one of {})",
                choices.join(", ")
            ),
        );
    }
    if message.starts_with("duplicate mapping key") {
        let key = message
            .split(": ")
            .nth(1)
            .and_then(|k| k.split(',').next())
            .unwrap_or("");
        return (
            codes::DUPLICATE_KEY,
            format!("key `{key}` appears twice: keep one"),
        );
    }
    if message.contains("externally tagged enum") {
        return (codes::WRONG_TYPE, "expected one of the allowed words here (such as `held` or `on-track`), not a list or a block".to_string());
    }
    if message.starts_with("alias expansion limit exceeded") {
        return (
            codes::YAML_REFERENCE,
            "an alias (`*name`) repeats a value written elsewhere, which could carry private text into a public key: write the value out here".to_string(),
        );
    }
    if message.contains("merge keys are not allowed") {
        return (
            codes::YAML_REFERENCE,
            "a merge key (`<<`) copies keys written elsewhere, which could carry private text into a public key: write the keys out here".to_string(),
        );
    }
    if let Some(tag) = message.strip_prefix("unsupported tag ") {
        return (
            codes::YAML_REFERENCE,
            format!("the tag {tag} is not one coach reads: remove it"),
        );
    }
    if message.starts_with("budget breached") && message.contains("Depth") {
        return (
            codes::YAML_LIMIT,
            "the YAML is nested too deeply: front matter needs only a few levels".to_string(),
        );
    }
    if message.starts_with("budget breached") {
        return (codes::YAML_LIMIT, "the YAML expands beyond coach's limits (aliases or anchors repeated too often): write the values out".to_string());
    }
    if message.starts_with("recursion limit exceeded") {
        return (
            codes::YAML_LIMIT,
            "the YAML is nested too deeply: front matter needs only a few levels".to_string(),
        );
    }
    if message.contains("found a tab") || message.starts_with("tabs disallowed") {
        return (
            codes::YAML_SYNTAX,
            format!("{message}: YAML is indented with spaces, not tabs"),
        );
    }
    if message == "input is out of range" {
        return (
            codes::IMPOSSIBLE_DATE,
            "impossible date: that day does not exist in the calendar".to_string(),
        );
    }
    if message == "input contains invalid characters" || message == "premature end of input" {
        return (
            codes::IMPOSSIBLE_DATE,
            "not a date: write dates as YYYY-MM-DD".to_string(),
        );
    }
    let code = if message.contains("time zone") {
        codes::UNKNOWN_TIMEZONE
    } else if message.contains("address") {
        codes::BAD_ADDRESS
    } else if message.starts_with("missing field") {
        codes::MISSING_KEY
    } else if message.contains("invalid type") || message.contains("invalid u") {
        codes::WRONG_TYPE
    } else if message.contains("date") {
        codes::IMPOSSIBLE_DATE
    } else {
        codes::YAML_SYNTAX
    };
    (
        code,
        message
            .replace("invalid u32", "expected a whole number")
            .replace("invalid u8", "expected a whole number"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Probe {
        session: u32,
        date: chrono::NaiveDate,
        #[serde(default)]
        status: Option<Status>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Status {
        Planned,
        Held,
    }

    fn err(text: &str) -> String {
        from_str::<Probe>(Path::new("f.md"), text, 2)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn positions_are_shifted_to_the_file() {
        assert_eq!(
            err("session: 2\ndate: 2026-02-30\n"),
            "f.md:3:7: error[E016]: impossible date: that day does not exist in the calendar"
        );
    }

    #[test]
    fn unknown_values_get_a_suggestion() {
        let e = err("session: 2\ndate: 2026-02-03\nstatus: helld\n");
        assert!(
            e.contains("unknown value `helld`: did you mean `held`?"),
            "{e}"
        );
    }

    #[test]
    fn wrong_types_and_duplicates_are_named() {
        assert!(
            err("session: nine\ndate: 2026-02-03\n")
                .contains("f.md:2:10: error[E014]: expected a whole number")
        );
        assert!(
            err("session: 1\nsession: 2\ndate: 2026-02-03\n")
                .contains("key `session` appears twice")
        );
    }

    #[test]
    fn a_list_where_a_word_belongs_is_explained() {
        let e = err("session: 2\ndate: 2026-02-03\nstatus: [held\n");
        assert!(
            e.starts_with("f.md:4:9: error[E014]: expected one of the allowed words here"),
            "{e}"
        );
    }

    #[test]
    fn parses_valid_input() {
        let p: Probe = from_str(
            Path::new("f"),
            "session: 2\ndate: 2026-02-03\nstatus: held\n",
            1,
        )
        .unwrap();
        assert_eq!(p.session, 2);
        assert!(matches!(p.status, Some(Status::Held)));
    }
}
