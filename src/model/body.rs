//! What coach reads from a session body: the sections it knows, the agenda items,
//! the commitments made and reviewed, and what the parser noticed was written in
//! a way it cannot read for sure. No prose is kept.

use std::sync::LazyLock;

use chrono::NaiveDate;

use crate::model::commitment::{CommitmentId, ReviewState};

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
        // Most headings are written as the format writes them.
        if let Some((section, _)) = Section::ALL
            .iter()
            .find(|(_, written)| written.eq_ignore_ascii_case(title))
        {
            return Some(*section);
        }
        static LOOSE: LazyLock<Vec<(Section, String)>> = LazyLock::new(|| {
            Section::ALL
                .iter()
                .map(|(section, title)| (*section, loose(title)))
                .collect()
        });
        let wanted = |name: &str| {
            if title.is_ascii() {
                ascii_loose(title).eq(name.bytes())
            } else {
                loose_chars(title).eq(name.chars())
            }
        };
        LOOSE
            .iter()
            .find(|(_, name)| wanted(name))
            .map(|(section, _)| *section)
    }

    /// True for the sections the artefacts read.
    pub fn is_public(self) -> bool {
        Section::PUBLIC.contains(&self)
    }
}

/// A heading's text as coach compares names: lowercase letters and digits only,
/// with fullwidth letters and the Cyrillic and Greek letters that look like Latin
/// ones read as those, so `## Соach notes` (a Cyrillic о) is still coach notes.
pub fn loose(title: &str) -> String {
    loose_chars(title).collect()
}

/// Whether two texts are the same as coach compares names ([`loose`]), without
/// building either (and byte by byte when both are ASCII, as headings mostly are).
pub fn loose_eq(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return ascii_loose(a).eq(ascii_loose(b));
    }
    loose_chars(a).eq(loose_chars(b))
}

/// The bytes of [`loose`] for ASCII text: its letters and digits, lowercase.
fn ascii_loose(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
}

/// The characters of [`loose`], one at a time.
fn loose_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(look_alike)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// The Latin letter `c` looks like, or `c`.
fn look_alike(c: char) -> char {
    match c {
        // Fullwidth ASCII.
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        'а' | 'А' | 'α' | 'Α' => 'a',
        'с' | 'С' | 'ϲ' => 'c',
        'е' | 'Е' | 'ε' | 'Ε' => 'e',
        'һ' | 'Η' => 'h',
        'і' | 'І' | 'ι' | 'Ι' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' | 'κ' | 'Κ' => 'k',
        'м' | 'М' | 'Μ' => 'm',
        'н' | 'Н' | 'Ν' => 'n',
        'о' | 'О' | 'ο' | 'Ο' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' | 'τ' | 'Τ' => 't',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'у' | 'У' | 'Υ' => 'y',
        _ => c,
    }
}

/// Whether a line of text opens private notes: `Coach notes`, `Coach note:`,
/// `Coach's notes`, in any case or look-alike letters.
pub fn opens_notes(text: &str) -> bool {
    const PREFIXES: [&str; 2] = ["coachnote", "coachsnote"];
    if text.is_ascii() {
        return PREFIXES.iter().any(|prefix| {
            let mut name = ascii_loose(text);
            prefix.bytes().all(|c| name.next() == Some(c))
        });
    }
    PREFIXES.iter().any(|prefix| {
        let mut name = loose_chars(text);
        prefix.chars().all(|c| name.next() == Some(c))
    })
}

/// A heading of the body: its text, line, and the known section it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The heading text.
    pub title: String,
    /// 1-based line in the file.
    pub line: usize,
    /// The known section it opens, when written as the file format defines it.
    pub section: Option<Section>,
}

/// A due date as written after `by`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// None was written.
    Missing,
    /// A day that exists.
    On(NaiveDate),
    /// YYYY-MM-DD, but no such day (or outside 1900 to 2200): what was written.
    Impossible(String),
    /// A date in another form (`10/04/2026`, `April 10`): what was written.
    Unreadable(String),
}

impl Due {
    /// The date, when it could be read.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Due::On(date) => Some(*date),
            _ => None,
        }
    }
}

/// A task-list item under `## Commitments`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitmentItem {
    /// Its place among the section's items, from 1.
    pub number: u32,
    /// The action, without the `by DATE` part.
    pub text: String,
    /// The due date.
    pub due: Due,
    /// The nested `Success:` item.
    pub success: Option<String>,
    /// Ticked in its own session.
    pub ticked: bool,
    /// Struck through as a whole in its own session.
    pub dropped: bool,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column of the item.
    pub column: usize,
}

/// A `(S.N)` item in a check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    /// The commitment reviewed.
    pub id: CommitmentId,
    /// What the review found.
    pub state: ReviewState,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column of the item.
    pub column: usize,
}

/// Something written in a way coach cannot read for sure; the rules in
/// `validate` turn each into a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unclear {
    /// A known section's heading in another form or level (as written).
    HeadingForm {
        /// How the heading is written, such as `### Agenda`.
        written: String,
        /// The section it names.
        section: Section,
    },
    /// A heading inside a list item or quote of a public section.
    HeadingInContainer {
        /// How the heading is written.
        written: String,
        /// The public section it sits in.
        section: Section,
    },
    /// A subheading of a public section, whose text is therefore not read.
    SubheadingNotRead {
        /// How the heading is written.
        written: String,
        /// The public section it sits in.
        section: Section,
    },
    /// `Coach notes` written as text rather than as a heading.
    NotesAsText,
    /// A check-in item that starts like a review but has no `(S.N)` id.
    ReviewId(String),
    /// A list item under `## Commitments` without a task box: not read.
    ItemWithoutBox,
    /// An HTML block in a section coach reads: what follows it is private.
    HtmlInSection,
    /// HTML inside an item coach reads: the item is dropped.
    HtmlInItem,
    /// A line joined to an item above it without being indented to it: the item
    /// is dropped, since the line reads as prose after the list.
    LazyLine,
    /// A commitment with no text.
    EmptyCommitment,
    /// A check-in item that starts with a commitment's id without brackets.
    ReviewWithoutBrackets(String),
}

/// Where something unclear stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnclearAt {
    /// What it is.
    pub what: Unclear,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// 1-based column just past it on its line, when known.
    pub end_column: Option<usize>,
}

/// What coach reads from a session body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// The top-level headings in order (those under coach notes are not listed).
    pub headings: Vec<Heading>,
    /// The items under `## Agenda`: the challenges agreed for the session.
    pub agenda: Vec<String>,
    /// Commitments made in this session.
    pub commitments: Vec<CommitmentItem>,
    /// Reviews of earlier commitments in this session's check-in.
    pub reviews: Vec<ReviewItem>,
    /// What the parser could not read for sure.
    pub unclear: Vec<UnclearAt>,
}

impl Body {
    /// True when a `## Commitments` section is written as the file format defines it.
    pub fn has_commitments_section(&self) -> bool {
        self.headings
            .iter()
            .any(|h| h.section == Some(Section::Commitments))
    }
}
