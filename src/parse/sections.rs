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

use crate::model::body::{Section, Unclear};

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
    /// What is unclear about the heading, if anything.
    pub problem: Option<Unclear>,
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
    /// private until the next `##` heading. The caller reports it as an error.
    pub fn enter_notes_written_as_text(&mut self) {
        self.scope = Scope::Private;
        self.private_level = Some(HeadingLevel::H2);
    }

    /// Text that could hide what follows (an HTML block): private until the next
    /// heading of any level.
    pub fn enter_private_until_a_heading(&mut self) {
        self.scope = Scope::Private;
        self.private_level = None;
    }

    /// Inside the scope of a `Coach notes` heading.
    pub fn in_private_notes(&self) -> bool {
        self.private_level.is_some()
    }

    /// Moves past `heading` and judges it.
    pub fn enter(&mut self, heading: &HeadingShape) -> Verdict {
        let mut verdict = Verdict {
            section: None,
            problem: None,
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
                verdict.problem = Some(Unclear::HeadingForm {
                    written: heading.describe(),
                    section,
                });
            }
            None => {
                if let Scope::Public(section) = previous {
                    if heading.nested {
                        verdict.problem = Some(Unclear::HeadingInContainer {
                            written: heading.describe(),
                            section,
                        });
                    } else if heading.level > HeadingLevel::H2 {
                        verdict.problem = Some(Unclear::SubheadingNotRead {
                            written: heading.describe(),
                            section,
                        });
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

    fn is_error(verdict: &Verdict) -> bool {
        matches!(
            verdict.problem,
            Some(Unclear::HeadingForm { .. } | Unclear::HeadingInContainer { .. })
        )
    }

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
        assert!(is_error(&v));
        assert_eq!(s.scope(), Scope::Private);
        let v = s.enter(&shape("Commitments", HeadingLevel::H2, false));
        assert!(is_error(&v), "setext is another form");
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
                problem: None
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
        assert!(is_error(&v));
        let v = s.enter(&shape("CHECK-IN", HeadingLevel::H2, true));
        assert!(v.problem.is_none(), "case alone is not another form");
        assert_eq!(s.scope(), Scope::Public(Section::CheckIn));
    }

    #[test]
    fn a_subheading_in_a_public_section_is_private_and_warned() {
        let mut s = Sections::default();
        s.enter(&shape("Commitments", HeadingLevel::H2, true));
        let v = s.enter(&shape("Later", HeadingLevel::H3, true));
        assert!(matches!(v.problem, Some(Unclear::SubheadingNotRead { .. })));
        assert_eq!(s.scope(), Scope::Private);
        let mut nested = shape("Later", HeadingLevel::H3, true);
        nested.nested = true;
        s.enter(&shape("Agenda", HeadingLevel::H2, true));
        assert!(is_error(&s.enter(&nested)));
    }
}
