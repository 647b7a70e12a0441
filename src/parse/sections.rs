//! Which part of a session body is public: the sections the artefacts read, decided
//! from CommonMark's own headings, failing closed on everything else.
//!
//! A section is public only when its heading is one of [`Section::PUBLIC`] written
//! as the file format defines it: an ATX level-2 heading (`## Agenda`) at the top
//! level of the body, with plain text. Everything else is private: text before the
//! first heading, text under any other heading, and everything after a
//! `Coach notes` heading (at any level, in any form) until the next heading of the
//! same or a higher level. A heading that names a known section in another form,
//! or that sits inside a list item or quote of a public section, is an error: the
//! artefacts drawn from the session refuse rather than guess.

use pulldown_cmark::HeadingLevel;

/// A section coach knows by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `## Check-in`: reviews of earlier commitments.
    CheckIn,
    /// `## Agenda`: the challenges agreed for the session.
    Agenda,
    /// `## Core work`: prose, never read.
    CoreWork,
    /// `## Commitments`: the commitments made.
    Commitments,
    /// `## Close`: prose, never read.
    Close,
    /// `## Coach notes`: private, with everything below it.
    CoachNotes,
}

impl Section {
    /// Every known section with its title as the file format writes it.
    pub const ALL: [(Section, &'static str); 6] = [
        (Section::CheckIn, "Check-in"),
        (Section::Agenda, "Agenda"),
        (Section::CoreWork, "Core work"),
        (Section::Commitments, "Commitments"),
        (Section::Close, "Close"),
        (Section::CoachNotes, "Coach notes"),
    ];

    /// The sections whose content the artefacts read.
    pub const PUBLIC: [Section; 3] = [Section::CheckIn, Section::Agenda, Section::Commitments];

    /// The title as the file format writes it.
    pub fn title(self) -> &'static str {
        Section::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("", |(_, t)| t)
    }

    /// The known section a heading's text names, however it is spelt: case,
    /// spaces, dashes, emphasis marks and a trailing colon do not matter here.
    pub fn named(title: &str) -> Option<Section> {
        let wanted = loose(title);
        Section::ALL
            .iter()
            .find(|(_, t)| loose(t) == wanted)
            .map(|(s, _)| *s)
    }

    /// True for the sections the artefacts read.
    pub fn is_public(self) -> bool {
        Section::PUBLIC.contains(&self)
    }
}

/// A heading's text as coach compares names: lowercase, letters and digits only.
pub fn loose(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A heading as CommonMark parsed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingShape {
    /// Its plain text.
    pub title: String,
    /// 1 to 6.
    pub level: HeadingLevel,
    /// Written with `#` marks (ATX) rather than underlined (setext).
    pub atx: bool,
    /// Inside a list item, a quote or another container.
    pub nested: bool,
    /// Its text holds more than plain text (emphasis, a link, code, HTML).
    pub decorated: bool,
}

impl HeadingShape {
    /// How the heading is written, for messages: `### Agenda`, `Agenda` (underlined).
    pub fn describe(&self) -> String {
        if self.atx {
            format!("{} {}", "#".repeat(self.level as usize), self.title)
        } else {
            format!("{} (underlined)", self.title)
        }
    }

    /// Written exactly as the file format defines a section heading.
    fn canonical(&self, section: Section) -> bool {
        self.atx
            && self.level == HeadingLevel::H2
            && !self.nested
            && !self.decorated
            && self.title.trim().eq_ignore_ascii_case(section.title())
    }
}

/// Where the text after a heading belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The content of a public section.
    Public(Section),
    /// Anything else: never read.
    Private,
}

/// What a heading means for the body, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The known section it opens, when written canonically.
    pub section: Option<Section>,
    /// An error: the heading is ambiguous and artefacts must refuse.
    pub error: Option<String>,
    /// A warning: the heading hides text from a public section.
    pub warning: Option<String>,
}

/// Follows the headings of a body in order and says which scope the text is in.
#[derive(Debug)]
pub struct Sections {
    scope: Scope,
    /// The level of the private heading whose scope we are in, if any.
    private_level: Option<HeadingLevel>,
}

impl Default for Sections {
    fn default() -> Self {
        Sections {
            scope: Scope::Private,
            private_level: None,
        }
    }
}

impl Sections {
    /// The scope of the text from here on.
    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// `Coach notes` written as text (bold, or a heading CommonMark does not take
    /// as one, such as an underline right after a list): everything after it is
    /// private until a level-1 heading. The caller reports it as an error.
    pub fn enter_notes_written_as_text(&mut self) {
        self.scope = Scope::Private;
        self.private_level = Some(HeadingLevel::H1);
    }

    /// Inside the scope of a `Coach notes` heading.
    pub fn in_private_notes(&self) -> bool {
        self.private_level.is_some()
    }

    /// Moves past `heading` and judges it.
    pub fn enter(&mut self, heading: &HeadingShape) -> Verdict {
        let mut verdict = Verdict {
            section: None,
            error: None,
            warning: None,
        };
        if let Some(level) = self.private_level {
            if heading.level > level {
                // A subheading of the coach's notes is part of them.
                return verdict;
            }
            self.private_level = None;
        }
        let previous = self.scope;
        self.scope = Scope::Private;
        let named = Section::named(&heading.title);
        match named {
            Some(section) if heading.canonical(section) => {
                verdict.section = Some(section);
                if section == Section::CoachNotes {
                    self.private_level = Some(heading.level);
                } else if section.is_public() {
                    self.scope = Scope::Public(section);
                }
            }
            Some(section) => {
                if section == Section::CoachNotes {
                    self.private_level = Some(heading.level);
                }
                verdict.error = Some(format!(
                    "heading `{}` names a section in a form coach does not read: write it as `## {}` at the start of a line{}",
                    heading.describe(),
                    section.title(),
                    if section == Section::CoachNotes {
                        " (until then what follows it is kept private)"
                    } else {
                        " (until then what follows it is not read)"
                    }
                ));
            }
            None => {
                if let Scope::Public(section) = previous {
                    if heading.nested {
                        verdict.error = Some(format!(
                            "heading `{}` inside a list item or quote of `## {}`: coach cannot tell which section the text belongs to; move it out or make it plain text",
                            heading.describe(),
                            section.title()
                        ));
                    } else if heading.level > HeadingLevel::H2 {
                        verdict.warning = Some(format!(
                            "text under `{}` is not read as part of `## {}`: coach reads only what sits directly under the section's heading",
                            heading.describe(),
                            section.title()
                        ));
                    }
                }
            }
        }
        verdict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(title: &str, level: HeadingLevel, atx: bool) -> HeadingShape {
        HeadingShape {
            title: title.to_string(),
            level,
            atx,
            nested: false,
            decorated: false,
        }
    }

    #[test]
    fn only_canonical_public_headings_open_public_scope() {
        let mut s = Sections::default();
        assert_eq!(s.scope(), Scope::Private);
        let v = s.enter(&shape("Agenda", HeadingLevel::H2, true));
        assert_eq!(v.section, Some(Section::Agenda));
        assert_eq!(s.scope(), Scope::Public(Section::Agenda));
        let v = s.enter(&shape("Agenda", HeadingLevel::H3, true));
        assert!(v.error.is_some());
        assert_eq!(s.scope(), Scope::Private);
        let v = s.enter(&shape("Commitments", HeadingLevel::H2, false));
        assert!(v.error.is_some(), "setext is another form");
        assert_eq!(s.scope(), Scope::Private);
        s.enter(&shape("Core work", HeadingLevel::H2, true));
        assert_eq!(s.scope(), Scope::Private);
    }

    #[test]
    fn coach_notes_stay_private_until_a_heading_as_high() {
        let mut s = Sections::default();
        s.enter(&shape("Coach notes", HeadingLevel::H1, true));
        let v = s.enter(&shape("Commitments", HeadingLevel::H2, true));
        assert_eq!(
            v,
            Verdict {
                section: None,
                error: None,
                warning: None
            }
        );
        assert_eq!(s.scope(), Scope::Private, "## is below # Coach notes");
        s.enter(&shape("Commitments", HeadingLevel::H1, true));
        assert_eq!(
            s.scope(),
            Scope::Private,
            "a non-canonical heading is private"
        );
        s.enter(&shape("Commitments", HeadingLevel::H2, true));
        assert_eq!(s.scope(), Scope::Public(Section::Commitments));
    }

    #[test]
    fn names_are_matched_loosely_but_read_strictly() {
        assert_eq!(
            Section::named("**Coach Notes:**"),
            Some(Section::CoachNotes)
        );
        assert_eq!(Section::named("check in"), Some(Section::CheckIn));
        assert_eq!(Section::named("Notes"), None);
        let mut s = Sections::default();
        let v = s.enter(&shape("check in", HeadingLevel::H2, true));
        assert!(v.error.is_some());
        let v = s.enter(&shape("CHECK-IN", HeadingLevel::H2, true));
        assert!(v.error.is_none(), "case alone is not another form");
        assert_eq!(s.scope(), Scope::Public(Section::CheckIn));
    }

    #[test]
    fn a_subheading_in_a_public_section_is_private_and_warned() {
        let mut s = Sections::default();
        s.enter(&shape("Commitments", HeadingLevel::H2, true));
        let v = s.enter(&shape("Later", HeadingLevel::H3, true));
        assert!(v.warning.is_some() && v.error.is_none());
        assert_eq!(s.scope(), Scope::Private);
        let mut nested = shape("Later", HeadingLevel::H3, true);
        nested.nested = true;
        s.enter(&shape("Agenda", HeadingLevel::H2, true));
        assert!(s.enter(&nested).error.is_some());
    }
}
