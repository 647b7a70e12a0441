//! Every problem coach reports, once: a stable code, a name, its severity and the
//! help line shown under it. docs/DIAGNOSTICS.md lists them with an example and a fix.

use serde::Serialize;

/// How serious a diagnostic is: errors make `check` exit 1 and refuse artefacts,
/// warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// The file works, but something in it is probably a mistake.
    Warning,
}

/// One kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code {
    /// `E012` for an error, `W012` for a warning; never reused.
    pub id: &'static str,
    /// A short kebab-case name, such as `duplicate-objective`.
    pub name: &'static str,
    /// What the coach does about it, shown under every problem of this kind.
    pub help: &'static str,
}

impl Code {
    /// Error or warning, from the code's letter.
    pub fn severity(&self) -> Severity {
        if self.id.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

macro_rules! codes {
    ($($constant:ident = $id:literal $name:literal $help:literal;)*) => {
        $(
            #[doc = concat!("`", $id, "` ", $name, ": ", $help)]
            pub const $constant: &Code = &Code { id: $id, name: $name, help: $help };
        )*
        /// Every code, in order.
        pub const ALL: &[&Code] = &[$($constant),*];
    };
}

codes! {
    // Files.
    NOT_TEXT = "E001" "not-text" "save the file as UTF-8 plain text";
    NOT_A_FILE = "E002" "not-a-file" "put a regular file here, not a folder, a link or a pipe";
    TOO_LARGE = "E003" "too-large" "a session or engagement file is a few kilobytes: check this is the right file";
    UNREADABLE = "E004" "unreadable" "check the file's permissions";
    // YAML.
    YAML_REFERENCE = "E008" "yaml-reference" "write each value where it is used: coach reads no aliases, merge keys or tags";
    MISSING_KEY = "E009" "missing-key" "add the key the message names";
    YAML_SYNTAX = "E010" "yaml-syntax" "fix the YAML at the caret: indentation with spaces, `key: value`, quotes closed";
    DUPLICATE_KEY = "E011" "duplicate-key" "keep one of the two keys";
    UNKNOWN_VALUE = "E012" "unknown-value" "use one of the words listed";
    UNKNOWN_FIELD = "E013" "unknown-field" "use one of the keys listed, or move your own notes to a comment";
    WRONG_TYPE = "E014" "wrong-type" "write the kind of value the key expects";
    YAML_LIMIT = "E015" "yaml-limit" "write the values out instead of repeating anchors and aliases";
    IMPOSSIBLE_DATE = "E016" "impossible-date" "write a day that exists, as YYYY-MM-DD between 1900 and 2200";
    UNKNOWN_TIMEZONE = "E017" "unknown-timezone" "use an IANA time zone name such as Europe/London or America/New_York";
    BAD_ADDRESS = "E018" "bad-address" "write one email address, such as name@example.com, with no name or brackets";
    MISSPELT_KEY = "E019" "misspelt-key" "spell the key as coach reads it: coach would ignore it and use a default";
    // Front matter.
    NO_FRONT_MATTER = "E020" "no-front-matter" "start the file with a line `---`, the YAML, then a line `---`";
    UNCLOSED_FRONT_MATTER = "E021" "unclosed-front-matter" "add a line `---` after the YAML";
    // engagement.yaml.
    PACKAGE_SESSIONS = "E030" "package-sessions" "use `package: custom` with `sessions: N`, or drop `sessions:`";
    MINUTES_RANGE = "E031" "minutes-range" "write minutes within the range the message gives";
    DUPLICATE_OBJECTIVE = "E032" "duplicate-objective" "give each objective its own id";
    DUPLICATE_MEASURE = "E033" "duplicate-measure" "give each measure its own id";
    MEASURE_NOT_NUMBER = "E034" "measure-not-number" "write baseline and target as numbers";
    AGREEMENT_AFTER_START = "E035" "agreement-after-start" "the agreement is signed before the first session: check `agreement.signed`";
    PLACEHOLDER = "W036" "placeholder" "replace the placeholder with the real value";
    CADENCE_BEFORE_START = "W037" "cadence-before-start" "date the cadence change on or after `start`";
    CADENCE_ORDER = "W038" "cadence-order" "list cadence changes from the earliest to the latest";
    EMPTY_NAME = "E039" "empty-name" "write the person's full name";
    UNPRINTABLE_NAME = "E050" "unprintable-name" "remove the control or invisible characters from the name";
    NO_AGREEMENT = "W051" "no-agreement" "record the written agreement's date as `agreement: {signed: YYYY-MM-DD}`";
    DUPLICATE_STAKEHOLDER = "E052" "duplicate-stakeholder" "give each stakeholder one entry: check-ins name them";
    // Stakeholder check-ins.
    UNKNOWN_STAKEHOLDER = "E053" "unknown-stakeholder" "name a stakeholder as engagement.yaml spells it, or add them under `stakeholders:` there";
    EMPTY_OBSERVATION = "E054" "empty-observation" "write what the stakeholder observed, or remove the check-in";
    RELATION_DISAGREES = "W055" "relation-disagrees" "leave `relation:` out to use engagement.yaml's, or change it there if the relation changed";
    DATE_ORDER = "W057" "date-order" "number sessions in the order they happen: give the file the date it had, or renumber the sessions";
    CHECKIN_NOT_READ = "W056" "checkin-not-read" "record the check-in at the session where you talked it over";
    // Session front matter.
    SESSION_NUMBER = "E040" "session-number" "number sessions from 1 to 999 (0 is the fit conversation)";
    ALLIANCE_RANGE = "E041" "alliance-range" "rate the working alliance from 1 to 10";
    FILE_NAME_NUMBER = "E042" "file-name-number" "rename the file to the name the message gives";
    FILE_NAME_DATE = "W043" "file-name-date" "rename the file to the name the message gives";
    DUPLICATE_SESSION = "E044" "duplicate-session" "give each session its own number";
    UNKNOWN_OBJECTIVE = "E045" "unknown-objective" "use an objective id from engagement.yaml";
    UNKNOWN_MEASURE = "E046" "unknown-measure" "use a measure id from engagement.yaml";
    READING_NOT_NUMBER = "E047" "reading-not-number" "write the reading as a number";
    BEFORE_START = "W048" "before-start" "check the session's date against the engagement's `start`";
    HELD_IN_FUTURE = "E049" "held-in-future" "a session after today is `planned`: fix the date or the status";
    // Session body.
    HEADING_FORM = "E060" "heading-form" "write the heading exactly as the message shows it: two `#`, a space, the name spelt so, at the start of a line";
    HEADING_IN_CONTAINER = "E061" "heading-in-container" "move the heading out of the list item or quote";
    SUBHEADING_NOT_READ = "W062" "subheading-not-read" "move what coach should read directly under the section's heading";
    NOTES_AS_TEXT = "E063" "notes-as-text" "put a blank line before it and write `## Coach notes`";
    MISSPELT_HEADING = "W064" "misspelt-heading" "spell the heading as coach reads it";
    HELD_WITHOUT_COMMITMENTS = "W065" "held-without-commitments" "add a `## Commitments` section, empty if none were made";
    IMPOSSIBLE_DUE_DATE = "E066" "impossible-due-date" "write the due date as YYYY-MM-DD, a day that exists";
    NO_DUE_DATE = "W067" "no-due-date" "end the commitment with `, by YYYY-MM-DD`";
    UNREADABLE_DUE_DATE = "E068" "unreadable-due-date" "write the due date as YYYY-MM-DD, such as `, by 2026-04-10`";
    BAD_REVIEW_ID = "E069" "bad-review-id" "write the commitment's id as (S.N), such as (2.1)";
    UNKNOWN_COMMITMENT = "E070" "unknown-commitment" "review a commitment that exists: its session and item number";
    REVIEW_TOO_EARLY = "E071" "review-too-early" "review a commitment in a session after the one that made it";
    ITEM_WITHOUT_BOX = "W072" "item-without-box" "write a commitment as a task item: `- [ ] what, by YYYY-MM-DD`";
    HTML_IN_SECTION = "E073" "html-in-section" "write the check-in, agenda and commitments in plain Markdown; put anything else under another heading";
    HTML_IN_ITEM = "E074" "html-in-item" "write the item as plain text: `\\<` for a literal `<`, and no HTML tags";
    LAZY_LINE = "E075" "lazy-line" "indent the line to continue the item, or leave a blank line before it to end the list";
    EMPTY_COMMITMENT = "W076" "empty-commitment" "write what will be done, or remove the empty item";
    // The schedule.
    KIND_DISAGREES = "W080" "kind-disagrees" "fix `kind:` or remove it: coach knows the kind from the session's place";
    BEYOND_PACKAGE = "W081" "beyond-package" "check the package size or the session's number";
    TIME_IN_GAP = "E082" "time-in-gap" "choose a time that exists on that day";
    TIME_AMBIGUOUS = "W083" "time-ambiguous" "choose another time to be unambiguous, or keep it: coach uses the earlier one";
    FIT_KIND = "E084" "fit-kind" "session 0 is the fit conversation, `kind: fit`; number the engagement's sessions from 1";
    PROSPECT_SESSION = "E085" "prospect-session" "a prospect has only its fit conversation: `coach start` begins the engagement and writes the intake";
    FIT_AFTER_START = "E086" "fit-after-start" "date the fit conversation on or before the engagement's `start`";
    READINGS_NOT_USED = "W087" "readings-not-used" "move the value to a coaching session's file (the intake's, for the fit conversation), or remove it";
    THREE_WAY_PLACE = "E088" "three-way-place" "hold the three-way just before or after the midpoint review or the closing session, or make it `kind: regular`";
    THREE_WAY_WITHOUT_SPONSOR = "E089" "three-way-without-sponsor" "add the sponsor to engagement.yaml as `sponsor: {name: ..., email: ...}`, or make the session `kind: regular`";
    // Templates.
    TEMPLATE_NOT_A_FILE = "E090" "template-not-a-file" "replace it with a copy of the file, or remove it";
    TEMPLATE_SYNTAX = "E091" "template-syntax" "fix the template at the caret (tera syntax)";
    PAGE_TEMPLATE = "E092" "page-template" "keep page.html to layout and inline style: no script, link, image, form, event attribute or url() in CSS";
    // Writes.
    TEMP_LEFTOVER = "W100" "temp-leftover" "delete it: the next write to its folder removes it once the process that made it has ended";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut ids: Vec<&str> = ALL.iter().map(|c| &c.id[1..]).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len(), "a number is used twice");
        let mut names: Vec<&str> = ALL.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len(), "a name is used twice");
        for code in ALL {
            assert!(
                code.id.len() == 4 && matches!(&code.id[..1], "E" | "W"),
                "{code:?}"
            );
            assert!(
                code.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{code:?}"
            );
        }
    }

    #[test]
    fn every_code_is_documented() {
        let docs = include_str!("../docs/DIAGNOSTICS.md");
        for code in ALL {
            assert!(
                docs.contains(&format!("### {} {}", code.id, code.name)),
                "{} {} is not in docs/DIAGNOSTICS.md",
                code.id,
                code.name
            );
        }
    }
}
