//! Enums written as words, in the files and on the command line. `words!`
//! declares each from one table of `Variant => "word"` pairs, so every word is
//! spelled once: serde, `Display`, `FromStr` and clap's `ValueEnum` all read it.

/// Declares an enum of words from one table:
///
/// ```text
/// words! {
///     /// How often sessions happen.
///     pub enum Cadence: "cadence" {
///         /// Every week.
///         Weekly => "weekly",
///         /// Every two weeks.
///         Biweekly => "biweekly",
///     }
/// }
/// ```
///
/// The enum derives `Debug`, `Clone`, `Copy`, `PartialEq` and `Eq` (add others
/// with `#[derive(...)]` before `pub enum`) and gets `ALL` and `WORDS` in table
/// order, `name()` (its word), `Display` (the word), `FromStr` (the word back, or
/// an error naming the kind of value, a did-you-mean and every word), serde
/// through the words (serde's own message for an unknown word, which
/// `parse::yaml` rewrites), and `clap::ValueEnum` with each variant's doc line
/// as its help. Each variant has exactly one doc line.
macro_rules! words {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident: $what:literal {
            $( #[doc = $doc:literal] $variant:ident => $word:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
        $vis enum $name {
            $( #[doc = $doc] #[serde(rename = $word)] $variant, )+
        }

        impl $name {
            /// Every value, in the order of the table.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Every word, in the order of the table.
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// The word this value is written as.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.name())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = String;

            fn from_str(text: &str) -> ::std::result::Result<Self, String> {
                $crate::model::words::parse(text, $what, $name::ALL, $name::WORDS)
            }
        }

        impl ::clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                $name::ALL
            }

            fn to_possible_value(&self) -> Option<::clap::builder::PossibleValue> {
                let doc = match self {
                    $($name::$variant => $doc,)+
                };
                Some(
                    ::clap::builder::PossibleValue::new(self.name())
                        .help($crate::model::words::help(doc)),
                )
            }
        }
    };
}

pub(crate) use words;

/// The value whose word is `text`, or an error naming what was expected:
/// "unknown cadence `biweekley`: did you mean `biweekly`? (expected one of weekly,
/// biweekly, monthly)".
pub fn parse<T: Copy>(text: &str, what: &str, all: &[T], words: &[&str]) -> Result<T, String> {
    all.iter()
        .zip(words)
        .find(|(_, word)| **word == text)
        .map(|(value, _)| *value)
        .ok_or_else(|| {
            format!(
                "unknown {what} `{text}`{} (expected one of {})",
                crate::suggest::did_you_mean(text, words.iter().copied()),
                words.join(", ")
            )
        })
}

/// A doc line as command-line help: trimmed, without its closing period, as clap
/// shows the doc comments it derives from.
pub fn help(doc: &str) -> &str {
    let text = doc.trim();
    match text.strip_suffix('.') {
        Some(without) if !without.ends_with('.') => without,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde::de::IntoDeserializer;

    words! {
        /// A test enum.
        pub enum Light: "light" {
            /// Stop.
            Red => "red",
            /// Wait for it...
            AmberFlashing => "amber-flashing",
            /// Go.
            Green => "green",
        }
    }

    #[test]
    fn each_word_is_the_value_s_name_display_and_serde_form() {
        assert_eq!(Light::WORDS, ["red", "amber-flashing", "green"]);
        assert_eq!(Light::ALL, [Light::Red, Light::AmberFlashing, Light::Green]);
        assert_eq!(Light::AmberFlashing.name(), "amber-flashing");
        assert_eq!(format!("[{:<16}]", Light::Red), "[red             ]");
        assert_eq!(
            serde_json::to_string(&Light::AmberFlashing).unwrap(),
            "\"amber-flashing\""
        );
        let read: Light = serde_saphyr::from_str("amber-flashing").unwrap();
        assert_eq!(read, Light::AmberFlashing);
    }

    #[test]
    fn an_unknown_word_is_refused_with_the_words_and_a_suggestion() {
        assert_eq!("red".parse::<Light>(), Ok(Light::Red));
        assert_eq!(
            "amber-flashng".parse::<Light>(),
            Err(
                "unknown light `amber-flashng`: did you mean `amber-flashing`? (expected one of red, amber-flashing, green)"
                    .to_string()
            )
        );
        assert_eq!(
            "Red".parse::<Light>(),
            Err("unknown light `Red`: did you mean `red`? (expected one of red, amber-flashing, green)".to_string())
        );
        let blue: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            "blue".into_deserializer();
        assert_eq!(
            Light::deserialize(blue).unwrap_err().to_string(),
            "unknown variant `blue`, expected one of `red`, `amber-flashing`, `green`"
        );
    }

    #[test]
    fn the_command_line_shows_the_words_with_their_doc_lines() {
        use clap::ValueEnum;
        let red = Light::Red.to_possible_value().unwrap();
        assert_eq!(red.get_name(), "red");
        assert_eq!(
            red.get_help().map(ToString::to_string).as_deref(),
            Some("Stop")
        );
        let amber = Light::AmberFlashing.to_possible_value().unwrap();
        assert_eq!(
            amber.get_help().map(ToString::to_string).as_deref(),
            Some("Wait for it...")
        );
        assert_eq!(
            <Light as ValueEnum>::from_str("amber-flashing", false),
            Ok(Light::AmberFlashing)
        );
        assert!(<Light as ValueEnum>::from_str("AMBER-FLASHING", false).is_err());
    }

    #[test]
    fn the_model_keeps_the_words_written_today() {
        use crate::model::commitment::ReviewState;
        use crate::model::engagement::{Cadence, EngagementStatus, Package, SponsorView};
        use crate::model::session::{Rating, SessionKind, SessionStatus};
        let tables: [&[&str]; 8] = [
            EngagementStatus::WORDS,
            Package::WORDS,
            Cadence::WORDS,
            SponsorView::WORDS,
            SessionKind::WORDS,
            SessionStatus::WORDS,
            Rating::WORDS,
            ReviewState::WORDS,
        ];
        assert_eq!(
            tables,
            [
                &["prospect", "active", "paused", "closed"][..],
                &["accelerated", "annual", "custom"],
                &["weekly", "biweekly", "monthly"],
                &[
                    "attendance",
                    "progress",
                    "measures",
                    "notes",
                    "stakeholders"
                ],
                &[
                    "fit",
                    "intake",
                    "regular",
                    "midpoint",
                    "closing",
                    "three-way"
                ],
                &["planned", "held", "cancelled", "no-show"],
                &["not-started", "emerging", "on-track", "achieved", "at-risk"],
                &["done", "open", "dropped"],
            ]
        );
    }
}
