//! An email address that is exactly one RFC 5322 addr-spec: no display name, no
//! list, no line break, and a domain that has an ASCII (punycode) form for headers.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// One email address, as written and in the ASCII form mail headers carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress {
    /// The address as the coach wrote it (the domain may be Unicode).
    written: String,
    /// The part before the `@`: ASCII dot-atom text.
    local: String,
    /// The domain in ASCII, internationalized labels in punycode, lowercase.
    domain: String,
}

/// The most characters of a rejected value a message repeats.
const SHOWN_CHARS: usize = 60;

impl EmailAddress {
    /// Parses `text` as exactly one address, or says what is wrong and what to write.
    pub fn parse(text: &str) -> Result<Self, String> {
        let shown = show(text);
        if text.is_empty() {
            return Err("the email address is empty: write one address such as dana@example.com, or leave `email:` out".into());
        }
        if text.chars().any(is_line_break_or_control) {
            return Err(format!(
                "the email address {shown} holds a line break or a control character: write one address on one line, such as dana@example.com"
            ));
        }
        if text.chars().any(char::is_whitespace) {
            return Err(format!(
                "{shown} is not one email address: write a single address such as dana@example.com, with no spaces, names or commas (the person's name goes in `name:`)"
            ));
        }
        let options = email_address::Options::default()
            .without_display_text()
            .without_domain_literal()
            .with_required_tld();
        let parsed = email_address::EmailAddress::parse_with_options(text, options)
            .map_err(|e| explain(&shown, &e))?;
        let local = parsed.local_part();
        if local.starts_with('"') || !local.is_ascii() {
            return Err(format!(
                "{shown} is not an address coach can write: before the @, use only ASCII letters, digits and . _ + - (no quotes), such as dana@example.com"
            ));
        }
        let domain = idna::domain_to_ascii_strict(parsed.domain()).map_err(|_| {
            format!(
                "the domain of {shown} is not a valid host name: after the @, write a domain name, as in dana@example.com"
            )
        })?;
        Ok(EmailAddress {
            written: text.to_string(),
            local: local.to_string(),
            domain,
        })
    }

    /// The address as written.
    pub fn as_str(&self) -> &str {
        &self.written
    }

    /// The address as mail headers carry it: ASCII, the domain in punycode.
    pub fn to_ascii(&self) -> String {
        format!("{}@{}", self.local, self.domain)
    }

    /// The domain in ASCII (punycode), for Message-IDs.
    pub fn ascii_domain(&self) -> &str {
        &self.domain
    }

    /// True for the placeholder `coach init` writes (`TODO@example.com`): a part
    /// of the local part, between dots, dashes, underscores or pluses, is `todo`.
    pub fn is_placeholder(&self) -> bool {
        self.local
            .split(['.', '-', '_', '+'])
            .any(|part| part.eq_ignore_ascii_case("todo"))
    }
}

/// True for characters that may never stand in a one-line value: control
/// characters (C0, DEL, C1, so CR and LF too) and the Unicode line and paragraph
/// separators.
pub fn is_line_break_or_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// True when `name` still holds `coach init`'s placeholder word `TODO`.
pub fn is_placeholder_name(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .any(|word| word == "TODO")
}

/// A rejected value as messages quote it: in backticks, control characters
/// escaped (so it can never print a line of its own), long values shortened.
fn show(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(SHOWN_CHARS)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().count() > SHOWN_CHARS {
        shown.push_str("...");
    }
    format!("`{shown}`")
}

fn explain(shown: &str, error: &email_address::Error) -> String {
    use email_address::Error as E;
    let what = match error {
        E::MissingSeparator => "it has no @",
        E::LocalPartEmpty => "nothing comes before the @",
        E::LocalPartTooLong => "the part before the @ is longer than 64 characters",
        E::DomainEmpty => "nothing comes after the @",
        E::DomainTooLong | E::SubDomainTooLong => "the domain is too long",
        E::DomainTooFew => "the domain needs a dot, as in example.com",
        E::SubDomainEmpty | E::DomainInvalidSeparator => {
            "the domain has an empty part between dots"
        }
        E::UnsupportedDomainLiteral | E::InvalidIPAddress => {
            "coach writes to domain names, not [IP addresses]"
        }
        E::UnsupportedDisplayName | E::MissingDisplayName | E::MissingEndBracket => {
            "it is written with a name or angle brackets"
        }
        E::InvalidCharacter | E::UnbalancedQuotes | E::InvalidComment => {
            "it holds a character an address cannot have (such as < > , ; : or a second @)"
        }
    };
    format!(
        "{shown} is not one email address: {what}; write a single address such as dana@example.com"
    )
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.written)
    }
}

impl<'de> Deserialize<'de> for EmailAddress {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        EmailAddress::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for EmailAddress {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> EmailAddress {
        EmailAddress::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn err(text: &str) -> String {
        EmailAddress::parse(text).expect_err(text)
    }

    #[test]
    fn plain_addresses_parse() {
        let a = ok("dana.reyes+coach@northwind.example");
        assert_eq!(a.as_str(), "dana.reyes+coach@northwind.example");
        assert_eq!(a.to_ascii(), "dana.reyes+coach@northwind.example");
        assert_eq!(a.ascii_domain(), "northwind.example");
        assert!(!a.is_placeholder());
    }

    #[test]
    fn international_domains_go_to_punycode() {
        let a = ok("jose@bücher.example");
        assert_eq!(a.as_str(), "jose@bücher.example");
        assert_eq!(a.to_ascii(), "jose@xn--bcher-kva.example");
        assert_eq!(ok("Alex@Morgan.EXAMPLE").to_ascii(), "Alex@morgan.example");
    }

    #[test]
    fn anything_but_one_address_is_refused() {
        for bad in [
            "a@x.example>, <b@y.example",
            "a@x.example, b@y.example",
            "a@x.example,b@y.example",
            "a@x.example;b@y.example",
            "Dana <dana@x.example>",
            "<dana@x.example>",
            "alex@x.example\nBcc: evil@y.example",
            "alex@x.example\r\nBcc: evil@y.example",
            "alex@x.example\u{2028}Bcc: evil@y.example",
            "alex@x.example\u{85}",
            "\"a b\"@x.example",
            "\"a@b\"@x.example",
            "dana@[192.0.2.1]",
            "dana@localhost",
            "dana",
            "@x.example",
            "dana@",
            "dana@x..example",
            "dana@x_y.example",
            "josé@x.example",
            "a@b@x.example",
            "",
            " dana@x.example",
        ] {
            let message = err(bad);
            assert!(
                !message.contains('\n') && !message.contains('\r'),
                "{message:?}"
            );
            assert!(message.contains("dana@example.com"), "{message}");
        }
    }

    #[test]
    fn messages_say_what_is_wrong_and_escape_the_value() {
        assert!(err("alex@x.example\nBcc: e@y.example").contains(
            "`alex@x.example\\nBcc: e@y.example` holds a line break or a control character"
        ));
        assert!(err("Dana <d@x.example>").contains("the person's name goes in `name:`"));
        assert!(err("a@x.example>,<b@y.example").contains("such as < > , ; : or a second @"));
        assert!(err(&format!("{}@x.example", "a".repeat(100))).contains("...`"));
    }

    #[test]
    fn placeholders_are_recognised() {
        assert!(ok("TODO@example.com").is_placeholder());
        assert!(ok("todo.coach@example.com").is_placeholder());
        assert!(!ok("todorov@example.com").is_placeholder());
        assert!(is_placeholder_name("TODO your name"));
        assert!(!is_placeholder_name("Todorov"));
    }

    #[test]
    fn deserializes_with_a_message_and_serializes_as_written() {
        #[derive(Debug, Deserialize, Serialize)]
        struct Probe {
            email: EmailAddress,
        }
        let p: Probe = serde_saphyr::from_str("email: jose@bücher.example\n").unwrap();
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"email":"jose@bücher.example"}"#
        );
        let e = serde_saphyr::from_str::<Probe>("email: \"a@x.example>, <b@y.example\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("is not one email address"), "{e}");
    }
}
