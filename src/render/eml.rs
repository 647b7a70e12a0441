//! The email draft: one sender, one recipient and at most one copy, each exactly
//! one checked address; names and subject made single-line and then quoted or
//! RFC 2047-encoded by mail-builder; a Message-ID and MIME boundary built only
//! from sanitised parts.

use chrono::DateTime;
use chrono_tz::Tz;
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::content_type::ContentType;
use mail_builder::mime::MimePart;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::email::{EmailAddress, is_line_break_or_control};

/// One end of a draft: a name and exactly one address.
#[derive(Debug, Clone)]
pub struct Mailbox {
    /// The display name, as written in the files.
    pub name: String,
    /// The address, checked when the files were read.
    pub address: EmailAddress,
}

/// Who an email goes to and from, when, and under which id.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The sender.
    pub from: Mailbox,
    /// The recipient.
    pub to: Mailbox,
    /// Who gets a copy: the sponsor, for a three-way meeting's agenda and summary.
    pub cc: Option<Mailbox>,
    /// The Date header, from the files.
    pub date: DateTime<Tz>,
    /// A stable Message-ID (without angle brackets), from [`message_id`].
    pub message_id: String,
}

/// The multipart/alternative draft (text and HTML). Its boundary is derived from
/// its content with SHA-256, so the same inputs give the same bytes everywhere.
pub fn draft(mail: &Mail, subject: &str, text: &str, html: &str) -> Result<String> {
    let boundary = format!("coach-{}", stable_hash(&[text, html, &mail.message_id], 12));
    let body = MimePart::new(
        ContentType::new("multipart/alternative").attribute("boundary", boundary),
        vec![
            MimePart::new("text/plain", text.to_string()),
            MimePart::new("text/html", html.to_string()),
        ],
    );
    let mut message = MessageBuilder::new()
        .from(address(&mail.from))
        .to(address(&mail.to));
    if let Some(cc) = &mail.cc {
        message = message.cc(address(cc));
    }
    message
        .subject(header_text(subject))
        .date(mail.date.timestamp())
        .message_id(mail.message_id.clone())
        .header("X-Unsent", mail_builder::headers::raw::Raw::new("1"))
        .body(body)
        .write_to_string()
        .map_err(|e| Error::Request(format!("cannot write the email: {e}")))
}

/// A mailbox for a header: the ASCII address (punycode domain) and the name,
/// single-line, which mail-builder writes as a quoted string (`"` and `\`
/// escaped) or as RFC 2047 encoded words, never as bare text.
fn address(mailbox: &Mailbox) -> Address<'static> {
    let name = header_text(&mailbox.name);
    Address::new_address(
        (!name.is_empty()).then_some(name),
        mailbox.address.to_ascii(),
    )
}

/// `text` on one line for a header or a message: every control character and
/// line separator becomes a space, runs of whitespace one space, ends trimmed.
/// An `=?` that could open an RFC 2047 encoded word gets an invisible word joiner
/// (U+2060) between its two characters, so a name written as an encoded word is
/// shown as written, never decoded by the reader's mail client into other text.
pub fn header_text(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || is_line_break_or_control(c))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace("=?", "=\u{2060}?")
}

/// A Message-ID `part.part.part@domain`: each part reduced by [`id_atom`], the
/// domain the sender's checked ASCII domain.
pub fn message_id(parts: &[&str], sender: &EmailAddress) -> String {
    let local: Vec<String> = parts.iter().map(|p| id_atom(p)).collect();
    format!("{}@{}", local.join("."), sender.ascii_domain())
}

/// `text` as a piece of a Message-ID: ASCII letters and digits (lowercased), `.`
/// and `-`, any run of other characters one `-`. When anything other than spaces
/// was dropped (a non-ASCII letter, punctuation), a hash of the whole text
/// follows, so the same text always gives the same piece and different texts
/// rarely share one.
pub fn id_atom(text: &str) -> String {
    let mut atom = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            atom.push(c.to_ascii_lowercase());
        } else if !atom.is_empty() && !atom.ends_with(['-', '.']) {
            atom.push(if c == '.' { '.' } else { '-' });
        }
    }
    let atom = atom.trim_end_matches(['-', '.']).to_string();
    let lossless = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.'));
    match (atom.is_empty(), lossless) {
        (false, true) => atom,
        (false, false) => format!("{atom}-{}", stable_hash(&[text], 4)),
        (true, _) => format!("x{}", stable_hash(&[text], 4)),
    }
}

/// The first `bytes` bytes of the SHA-256 of `parts` (each length-prefixed, so
/// the parts cannot run into each other), in lowercase hex.
fn stable_hash(parts: &[&str], bytes: usize) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .take(bytes)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn mailbox(name: &str, address: &str) -> Mailbox {
        Mailbox {
            name: name.to_string(),
            address: EmailAddress::parse(address).unwrap(),
        }
    }

    fn mail(from_name: &str, to_name: &str) -> Mail {
        let from = mailbox(from_name, "alex@bücher.example");
        Mail {
            message_id: message_id(&["prompt", "09-2026-03-26", to_name], &from.address),
            from,
            to: mailbox(to_name, "dana@northwind.example"),
            cc: None,
            date: chrono_tz::UTC
                .with_ymd_and_hms(2026, 3, 24, 13, 0, 0)
                .unwrap(),
        }
    }

    fn headers(raw: &str) -> Vec<String> {
        let head = raw.split("\r\n\r\n").next().unwrap_or("");
        head.split("\r\n")
            .filter(|l| !l.starts_with([' ', '\t']))
            .map(|l| l.split(':').next().unwrap_or("").to_ascii_lowercase())
            .collect()
    }

    #[test]
    fn hostile_names_and_subjects_stay_inside_their_header() {
        let hostile = [
            "Dana \"Boss\" Reyes, <evil@y.example>",
            "Dana\r\nBcc: evil@y.example",
            "Dana\nCc: evil@y.example",
            "Dana\\\" <evil@y.example>, \"x",
            "Dána <evil@y.example>\u{2028}Bcc: evil@y.example",
            "=?utf-8?q?evil?= <evil@y.example>",
        ];
        for name in hostile {
            let raw = draft(&mail(name, name), name, "text\n", "<p>html</p>").unwrap();
            assert_eq!(
                headers(&raw),
                [
                    "from",
                    "to",
                    "subject",
                    "date",
                    "message-id",
                    "x-unsent",
                    "mime-version",
                    "content-type"
                ],
                "{raw}"
            );
            let message = mail_parser::MessageParser::default()
                .parse(raw.as_bytes())
                .unwrap();
            for list in [message.from(), message.to()] {
                let list = list.unwrap();
                assert_eq!(list.iter().count(), 1, "{name:?}\n{raw}");
                // A reader may decode an encoded word even inside quotes; the
                // name may then read differently, but it stays a name.
                if !name.contains("=?") {
                    assert_eq!(
                        list.first().unwrap().name(),
                        Some(header_text(name).as_str()),
                        "{raw}"
                    );
                }
            }
            if !name.contains("=?") {
                assert_eq!(message.subject(), Some(header_text(name).as_str()));
            }
        }
    }

    #[test]
    fn a_copy_goes_to_one_mailbox_in_its_own_header() {
        let mut mail = mail("Alex Morgan", "Dana Reyes");
        mail.cc = Some(mailbox(
            "Priya\r\nBcc: evil@y.example",
            "priya@northwind.example",
        ));
        let raw = draft(&mail, "Hi", "t\n", "<p>h</p>").unwrap();
        assert_eq!(headers(&raw)[..3], ["from", "to", "cc"], "{raw}");
        let message = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .unwrap();
        let cc = message.cc().unwrap();
        assert_eq!(cc.iter().count(), 1, "{raw}");
        assert_eq!(
            cc.first().unwrap().address(),
            Some("priya@northwind.example")
        );
        assert_eq!(
            cc.first().unwrap().name(),
            Some("Priya Bcc: evil@y.example")
        );
    }

    #[test]
    fn addresses_go_out_in_ascii_and_the_boundary_is_stable() {
        let raw = draft(&mail("Alex Morgan", "Dana Reyes"), "Hi", "t\n", "<p>h</p>").unwrap();
        assert!(raw.contains("From: \"Alex Morgan\" <alex@xn--bcher-kva.example>\r\n"));
        assert!(
            raw.contains("Message-ID: <prompt.09-2026-03-26.dana-reyes@xn--bcher-kva.example>\r\n"),
            "{raw}"
        );
        assert!(raw.contains("boundary=\"coach-"), "{raw}");
        let again = draft(&mail("Alex Morgan", "Dana Reyes"), "Hi", "t\n", "<p>h</p>").unwrap();
        assert_eq!(raw, again);
        assert_eq!(stable_hash(&["abc"], 4), stable_hash(&["abc"], 4));
        assert_ne!(stable_hash(&["ab", "c"], 8), stable_hash(&["a", "bc"], 8));
    }

    #[test]
    fn message_id_pieces_are_ascii_and_consistent() {
        assert_eq!(id_atom("Dana Reyes"), "dana-reyes");
        assert_eq!(id_atom("09-2026-03-26"), "09-2026-03-26");
        let jose = id_atom("José Núñez");
        assert!(jose.starts_with("jos-n-ez-"), "{jose}");
        assert_eq!(jose, id_atom("José Núñez"));
        assert_ne!(jose, id_atom("Josè Núñez"));
        let han = id_atom("王芳");
        assert!(han.starts_with('x') && han.len() == 9, "{han}");
        for hostile in ["a>b@c", "x\r\nBcc: y", "<>", "a..b", "--"] {
            let atom = id_atom(hostile);
            assert!(
                atom.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
                "{atom}"
            );
            assert!(!atom.is_empty() && !atom.starts_with(['-', '.']));
        }
    }

    #[test]
    fn header_text_is_one_line() {
        assert_eq!(header_text(" a\r\n b\tc\u{2028}d\u{7}e "), "a b c d e");
        assert_eq!(
            header_text("=?utf-8?q?evil=0D=0ABcc:_a@b?="),
            "=\u{2060}?utf-8?q?evil=0D=0ABcc:_a@b?="
        );
    }
}
