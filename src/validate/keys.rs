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

/// Keys too far from the one meant to look like a typo, but written for it: a
/// session's check-ins written under engagement.yaml's own word.
const MISPLACED: &[(&str, &str)] = &[("stakeholders", "stakeholder_checkins")];

/// Reports each top-level key of `source` that is not in `known` but close to one,
/// or written for one.
pub fn unknown_keys(source: &YamlSource<'_>, known: &[&str], problems: &mut Vec<Diagnostic>) {
    // Most files have none: map the YAML only when a line starts with another key.
    let text = source.text();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    let suspect = ends.into_iter().any(|end| {
        let line = &text[start..end];
        start = end + 1;
        let nested = line.starts_with([' ', '\t', '#', '-']);
        let key = memchr::memchr(b':', line.as_bytes()).map(|colon| &line[..colon]);
        key.is_some_and(|key| !nested && !key.is_empty() && !known.contains(&key.trim()))
    });
    if !suspect {
        return;
    }
    let Some(map) = source.map() else { return };
    for (key, span) in map.keys(&[]) {
        if known.contains(&key) {
            continue;
        }
        let meant = MISPLACED
            .iter()
            .find(|(written, meant)| *written == key && known.contains(meant))
            .map(|(_, meant)| *meant);
        if let Some(near) = meant.or_else(|| suggest::closest(key, known.iter().copied())) {
            problems.push(located(
                codes::MISSPELT_KEY,
                source.path(),
                Some(span),
                format!("unknown key `{key}`: did you mean `{near}`? as written, coach ignores it"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn reported(yaml: &str, known: &[&str]) -> Vec<String> {
        let source = YamlSource::new(Path::new("s.md"), yaml, 2);
        let mut problems = Vec::new();
        unknown_keys(&source, known, &mut problems);
        problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_session_s_stakeholders_key_is_read_as_meaning_its_check_ins() {
        let session = crate::model::session::KNOWN_KEYS;
        assert_eq!(
            reported(
                "session: 1\nstakeholders: []\nsumary_sent: x\nmine: y\n",
                session
            ),
            [
                "s.md:3:1: error[E019]: unknown key `stakeholders`: did you mean `stakeholder_checkins`? as written, coach ignores it",
                "s.md:4:1: error[E019]: unknown key `sumary_sent`: did you mean `summary_sent`? as written, coach ignores it",
            ]
        );
        let engagement = crate::model::engagement::KNOWN_KEYS;
        assert_eq!(
            reported("stakeholders: []\n", engagement),
            Vec::<String>::new()
        );
    }
}
