//! Setting scalar values of a Markdown file's YAML front matter (or of a whole
//! YAML file) in place. Each value is replaced at the span the parser reports;
//! a missing key is added on a line of its own at the end of its mapping. What
//! cannot be edited that way (a value over several lines, an anchor, a mapping
//! where a scalar was expected) is refused, never re-serialised.

use crate::parse::yaml_map::{Span, Step, YamlMap};

/// One value to set: the path of keys to it and its YAML text (already quoted
/// where it needs to be).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetValue {
    /// Keys from the top of the document, e.g. `["measures", "confidence"]`.
    pub keys: Vec<String>,
    /// The value as YAML text, on one line.
    pub yaml: String,
}

/// Where the YAML sits in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The whole file is YAML (engagement.yaml).
    Yaml,
    /// YAML between `---` fences at the top of a Markdown file.
    FrontMatter,
}

/// What the old value was at a key, for the report of what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The keys, joined with dots.
    pub key: String,
    /// The old value's text as written, or `None` when the key was added.
    pub before: Option<String>,
    /// The new value's text.
    pub after: String,
}

/// Sets every value of `edits` in `text`, in order. Returns the new text and
/// what changed (values already as asked are left out); an error says why the
/// file cannot be edited in place.
pub fn set_values(
    text: &str,
    layout: Layout,
    edits: &[SetValue],
) -> Result<(String, Vec<Change>), String> {
    if text.replace("\r\n", "").contains('\r') {
        return Err(
            "a line ends in a lone carriage return: save the file with LF or CRLF line ends first"
                .into(),
        );
    }
    let mut text = text.to_string();
    let mut changes = Vec::new();
    for edit in edits {
        if edit.yaml.contains(['\n', '\r']) {
            return Err(format!(
                "the value for `{}` is not one line",
                edit.keys.join(".")
            ));
        }
        if let Some(change) = set_one(&mut text, layout, edit)? {
            confirm(&text, layout, edit)?;
            changes.push(change);
        }
    }
    Ok((text, changes))
}

/// Reads the edited text back: the value must be where it was set, or the file
/// is written in a way coach cannot edit in place.
fn confirm(text: &str, layout: Layout, edit: &SetValue) -> Result<(), String> {
    let cannot = || {
        format!(
            "coach cannot set `{}` in this front matter as it is written: set it by hand",
            edit.keys.join(".")
        )
    };
    let (start, end, _) = yaml_region(text, layout)?;
    let yaml = &text[start..end];
    let map = YamlMap::parse(yaml, 1).ok_or_else(cannot)?;
    let path: Vec<Step<'_>> = edit.keys.iter().map(|k| Step::Key(k)).collect();
    let span = map.scalar(&path).ok_or_else(cannot)?;
    match scalar_range(yaml, span) {
        Some(range) if yaml[range.clone()].trim_end() == edit.yaml => Ok(()),
        _ => Err(cannot()),
    }
}

/// The YAML part of `text`: its byte range and the line it starts on.
fn yaml_region(text: &str, layout: Layout) -> Result<(usize, usize, usize), String> {
    if layout == Layout::Yaml {
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        return Ok((start, text.len(), 1));
    }
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[start..].split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err("the file does not start with a `---` line of front matter".into());
    }
    let yaml_start = start + first.len();
    let mut offset = yaml_start;
    for line in lines {
        if line.trim_end() == "---" {
            return Ok((yaml_start, offset, 2));
        }
        offset += line.len();
    }
    Err("the front matter has no closing `---` line".into())
}

fn set_one(text: &mut String, layout: Layout, edit: &SetValue) -> Result<Option<Change>, String> {
    let (start, end, first_line) = yaml_region(text, layout)?;
    let yaml = &text[start..end];
    let name = edit.keys.join(".");
    let map = YamlMap::parse(yaml, 1).ok_or_else(|| {
        format!("the YAML does not read, so `{name}` cannot be set: run `coach check`")
    })?;
    let path: Vec<Step<'_>> = edit.keys.iter().map(|k| Step::Key(k)).collect();
    let line_end = if yaml.contains("\r\n") { "\r\n" } else { "\n" };
    if let Some(span) = map.scalar(&path) {
        let key_line = map.key(&path).map_or(span.line, |key| key.line) + first_line - 1;
        let range = scalar_range(yaml, span).ok_or_else(|| {
            format!("`{name}` (line {key_line}) spans several lines or is empty: set it by hand")
        })?;
        let before = yaml[range.clone()].to_string();
        if before.starts_with(['&', '*', '!']) {
            return Err(format!(
                "`{name}` carries an anchor, alias or tag: set it by hand"
            ));
        }
        if before == edit.yaml {
            return Ok(None);
        }
        text.replace_range(start + range.start..start + range.end, &edit.yaml);
        return Ok(Some(Change {
            key: name,
            before: Some(before),
            after: edit.yaml.clone(),
        }));
    }
    if map.value(&path).is_some() {
        return Err(format!(
            "`{name}` holds a list or a mapping, not one value: set it by hand"
        ));
    }
    // The key is missing: add it to the deepest mapping that exists.
    let mut depth = edit.keys.len() - 1;
    while depth > 0 && map.value(&path[..depth]).is_none() {
        depth -= 1;
    }
    let rest = &edit.keys[depth..];
    let new_value = nested_flow(&rest[1..], &edit.yaml);
    let insert = if depth == 0 {
        let at = end - start;
        let gap = if yaml.is_empty() || yaml.ends_with('\n') {
            ""
        } else {
            line_end
        };
        (at, format!("{gap}{}: {new_value}{line_end}", rest[0]))
    } else {
        let parent = &path[..depth];
        add_to_mapping(yaml, &map, parent, &rest[0], &new_value, line_end).ok_or_else(|| {
            format!(
                "`{}` is written in a way coach cannot add `{}` to: add it by hand",
                edit.keys[..depth].join("."),
                rest[0]
            )
        })?
    };
    text.insert_str(start + insert.0, &insert.1);
    Ok(Some(Change {
        key: name,
        before: None,
        after: edit.yaml.clone(),
    }))
}

/// `{a: {b: value}}` for the keys below the one added.
fn nested_flow(keys: &[String], value: &str) -> String {
    keys.iter().rev().fold(value.to_string(), |inner, key| {
        format!("{{{key}: {inner}}}")
    })
}

/// Where to insert `key: value` into the mapping at `parent`, and the text.
fn add_to_mapping(
    yaml: &str,
    map: &YamlMap,
    parent: &[Step<'_>],
    key: &str,
    value: &str,
    line_end: &str,
) -> Option<(usize, String)> {
    let entries = map.keys(parent);
    let parent_span = map.value(parent)?;
    let parent_at = offset_of(yaml, parent_span.line, parent_span.column)?;
    if yaml[parent_at..].starts_with('{') {
        // A flow mapping on one line: add before its closing brace.
        let line_end_at = yaml[parent_at..]
            .find('\n')
            .map_or(yaml.len(), |i| parent_at + i);
        let close = parent_at + yaml[parent_at..line_end_at].rfind('}')?;
        if yaml[parent_at + 1..close].contains(['{', '[', '#', '"', '\'']) {
            return None;
        }
        let separator = if entries.is_empty() { "" } else { ", " };
        return Some((close, format!("{separator}{key}: {value}")));
    }
    // A block mapping: a new line after the last entry, indented as it is.
    let (_, last_key) = *entries.last()?;
    let last_path: Vec<Step<'_>> = parent
        .iter()
        .copied()
        .chain([Step::Key(entries.last()?.0)])
        .collect();
    let last_value = map.scalar(&last_path)?;
    if last_value.line != last_key.line {
        return None;
    }
    let line_start = offset_of(yaml, last_key.line, 1)?;
    let after = yaml[line_start..]
        .find('\n')
        .map_or(yaml.len(), |i| line_start + i + 1);
    let indent = " ".repeat(last_key.column - 1);
    let gap = if yaml[..after].ends_with('\n') {
        ""
    } else {
        line_end
    };
    Some((after, format!("{gap}{indent}{key}: {value}{line_end}")))
}

/// The byte range of a one-line scalar at `span` in `yaml`.
fn scalar_range(yaml: &str, span: Span) -> Option<std::ops::Range<usize>> {
    let end_column = span.end_column?;
    let start = offset_of(yaml, span.line, span.column)?;
    let end = offset_of(yaml, span.line, end_column)?;
    let range = start..end;
    (!yaml[range.clone()].contains('\n') && !range.is_empty()).then_some(range)
}

/// The byte offset of a 1-based line and character column.
fn offset_of(yaml: &str, line: usize, column: usize) -> Option<usize> {
    let line_start: usize = yaml
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = &yaml[line_start..];
    let line_text = rest.split_inclusive('\n').next().unwrap_or("");
    if column == 0 {
        return None;
    }
    line_text
        .char_indices()
        .map(|(i, _)| i)
        .chain([line_text.len()])
        .nth(column - 1)
        .map(|i| line_start + i)
}

/// `text` as a YAML double-quoted scalar, for free text such as a shift.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(keys: &[&str], yaml: &str) -> SetValue {
        SetValue {
            keys: keys.iter().map(|k| k.to_string()).collect(),
            yaml: yaml.to_string(),
        }
    }

    const FILE: &str = "---\nsession: 3   # third\nstatus: planned  # was it held?\nshift: 'old, quoted'\nmeasures: {confidence: 5, pulse: 2}\n---\n\n## Check-in\nstatus: planned\n";

    #[test]
    fn replaces_values_in_place_and_keeps_every_other_byte() {
        let (out, changes) = set_values(
            FILE,
            Layout::FrontMatter,
            &[
                set(&["status"], "held"),
                set(&["measures", "pulse"], "4"),
                set(&["shift"], "\"new\""),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\nsession: 3   # third\nstatus: held  # was it held?\nshift: \"new\"\nmeasures: {confidence: 5, pulse: 4}\n---\n\n## Check-in\nstatus: planned\n"
        );
        assert_eq!(changes[0].before.as_deref(), Some("planned"));
        assert_eq!(changes[2].before.as_deref(), Some("'old, quoted'"));
    }

    #[test]
    fn adds_missing_keys_at_the_end_of_their_mapping() {
        let (out, changes) = set_values(
            FILE,
            Layout::FrontMatter,
            &[set(&["alliance"], "8"), set(&["measures", "sleep"], "7")],
        )
        .unwrap();
        assert!(
            out.contains("measures: {confidence: 5, pulse: 2, sleep: 7}\nalliance: 8\n---\n"),
            "{out}"
        );
        assert_eq!(changes.len(), 2);
        let block = "---\nmeasures:\n  confidence: 5\nstatus: held\n---\nbody\n";
        let (out, _) = set_values(
            block,
            Layout::FrontMatter,
            &[set(&["measures", "pulse"], "3")],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\nmeasures:\n  confidence: 5\n  pulse: 3\nstatus: held\n---\nbody\n"
        );
        let (out, _) = set_values(
            "---\na: 1\n---\n",
            Layout::FrontMatter,
            &[set(&["measures", "x"], "3")],
        )
        .unwrap();
        assert_eq!(out, "---\na: 1\nmeasures: {x: 3}\n---\n");
    }

    #[test]
    fn keeps_crlf_line_ends_and_a_byte_order_mark() {
        let file = "\u{feff}---\r\nstatus: planned\r\n---\r\nbody\r\n";
        let (out, _) = set_values(
            file,
            Layout::FrontMatter,
            &[set(&["status"], "held"), set(&["alliance"], "7")],
        )
        .unwrap();
        assert_eq!(
            out,
            "\u{feff}---\r\nstatus: held\r\nalliance: 7\r\n---\r\nbody\r\n"
        );
    }

    #[test]
    fn non_ascii_before_a_value_counts_in_characters() {
        let file = "---\nshift: \"Ça a changé\"  # é\nstatus: planned\n---\n";
        let (out, _) = set_values(file, Layout::FrontMatter, &[set(&["shift"], "\"ü\"")]).unwrap();
        assert_eq!(out, "---\nshift: \"ü\"  # é\nstatus: planned\n---\n");
    }

    #[test]
    fn refuses_what_cannot_be_edited_in_place() {
        let folded = "---\nshift: >\n  one\n  two\nstatus: held\n---\n";
        assert!(set_values(folded, Layout::FrontMatter, &[set(&["shift"], "\"x\"")]).is_err());
        let list = "---\nstatus: [held]\n---\n";
        assert!(set_values(list, Layout::FrontMatter, &[set(&["status"], "held")]).is_err());
        assert!(
            set_values(
                "---\nstatus: held\n",
                Layout::FrontMatter,
                &[set(&["status"], "x")]
            )
            .is_err()
        );
        assert!(
            set_values(
                "---\na: 1\n---\n",
                Layout::FrontMatter,
                &[set(&["a"], "1\nb: 2")]
            )
            .is_err()
        );
        assert!(set_values("---\ra: 1\r---\r", Layout::FrontMatter, &[set(&["a"], "2")]).is_err());
    }

    #[test]
    fn an_unchanged_value_is_no_change() {
        let (out, changes) =
            set_values(FILE, Layout::FrontMatter, &[set(&["status"], "planned")]).unwrap();
        assert_eq!(out, FILE);
        assert!(changes.is_empty());
    }

    #[test]
    fn whole_yaml_files_edit_the_same_way() {
        let file = "# engagement\nstatus: active   # prospect | active | paused | closed\nclient: {name: Dana}\n";
        let (out, _) = set_values(file, Layout::Yaml, &[set(&["status"], "closed")]).unwrap();
        assert_eq!(
            out,
            "# engagement\nstatus: closed   # prospect | active | paused | closed\nclient: {name: Dana}\n"
        );
    }

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quoted(r#"say "no" \ now"#), r#""say \"no\" \\ now""#);
    }
}
