//! Top-level keys that look like a typo of a key coach reads: an error, since coach
//! would ignore them and silently lose what shifted, or use the default time zone.

use crate::codes;
use crate::error::Diagnostic;
use crate::suggest;
use crate::validate::source::{YamlSource, located};

/// The misspelt keys of a file whose YAML did not read as its type: a misspelt
/// required key (`timezne:`) is often why, so it is said beside the missing one.
pub fn misspelt_keys(source: &YamlSource<'_>, engagement: bool, problems: &mut Vec<Diagnostic>) {
    let known = if engagement {
        crate::model::engagement::KNOWN_KEYS
    } else {
        crate::model::session::KNOWN_KEYS
    };
    unknown_keys(source, known, problems);
}

/// Reports each top-level key of `source` that is not in `known` but close to one.
pub fn unknown_keys(source: &YamlSource<'_>, known: &[&str], problems: &mut Vec<Diagnostic>) {
    // Most files have none: map the YAML only when a line starts with another key.
    let suspect = source.text().lines().any(|line| {
        line.split_once(':').is_some_and(|(key, _)| {
            !key.is_empty()
                && !key.starts_with([' ', '\t', '#', '-'])
                && !known.contains(&key.trim())
        })
    });
    if !suspect {
        return;
    }
    let Some(map) = source.map() else { return };
    for (key, span) in map.keys(&[]) {
        if known.contains(&key) {
            continue;
        }
        if let Some(near) = suggest::closest(key, known.iter().copied()) {
            problems.push(located(
                codes::MISSPELT_KEY,
                source.path(),
                Some(span),
                format!("unknown key `{key}`: did you mean `{near}`? as written, coach ignores it"),
            ));
        }
    }
}
