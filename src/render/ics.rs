//! An RFC 5545 calendar of the schedule: one VEVENT a session, times in UTC,
//! lines folded at 75 octets, text escaped, and a DTSTAMP taken from the files.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use crate::model::engagement::Engagement;
use crate::model::schedule::{Slot, SlotState};
use crate::render::views::zoned;

/// The calendar for `slots`. `stamp` is the DTSTAMP of every event: a date from the
/// files, so the same files give the same bytes.
pub fn calendar(engagement: &Engagement, slots: &[Slot], stamp: NaiveDate) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//coach//coaching engagements//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!(
            "X-WR-CALNAME:{}",
            escape(&format!("Coaching: {}", engagement.client.name))
        ),
    ];
    let uid_base = slug(&format!("{} {}", engagement.client.name, engagement.start));
    let dtstamp = utc(stamp.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    for slot in slots {
        let start = zoned(engagement.timezone.0, slot.date, slot.time.0).with_timezone(&Utc);
        let end = start + TimeDelta::minutes(i64::from(slot.minutes));
        let place = slot.place.map_or_else(String::new, |p| {
            format!(", {p} of {}", engagement.package_size())
        });
        let status = match slot.state {
            SlotState::Cancelled => "CANCELLED",
            SlotState::ToBeScheduled => "TENTATIVE",
            _ => "CONFIRMED",
        };
        let state = match slot.state {
            SlotState::Held => "held",
            SlotState::Planned => "planned",
            SlotState::Cancelled => "cancelled",
            SlotState::NoShow => "no-show",
            SlotState::ToBeScheduled => "to be scheduled",
        };
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{uid_base}-session-{}@coach", slot.number),
            format!("DTSTAMP:{dtstamp}"),
            format!("DTSTART:{}", utc(start)),
            format!("DTEND:{}", utc(end)),
            format!(
                "SUMMARY:{}",
                escape(&format!(
                    "Coaching: {} (session {}, {})",
                    engagement.client.name,
                    slot.number,
                    slot.kind.name()
                ))
            ),
            format!(
                "DESCRIPTION:{}",
                escape(&format!(
                    "Session {}{place}: {}, {state}. {} minutes.",
                    slot.number,
                    slot.kind.name(),
                    slot.minutes
                ))
            ),
            format!("STATUS:{status}"),
            "TRANSP:OPAQUE".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

fn utc(moment: DateTime<Utc>) -> String {
    moment.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma get a
/// backslash, a line break (LF, U+2028, U+2029) becomes `\n`, a tab a space, and
/// every other control character (carriage returns included) is dropped, so no
/// value can start a line of its own.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character, and ends it
/// with CRLF (RFC 5545 3.1). A control character can never reach a calendar (every
/// value is escaped), and if one did it is dropped here, so a line stays one line.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars().filter(|c| !c.is_control()) {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
    out
}

fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_within_75_octets_and_characters_whole() {
        let line = format!("SUMMARY:{}", "é".repeat(80));
        let folded = fold(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{}", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        assert_eq!(slug("Dana Reyes 2026-01-12"), "dana-reyes-2026-01-12");
    }

    #[test]
    fn no_control_character_survives_and_line_breaks_become_escapes() {
        let hostile = "Dana\r\nBEGIN:VEVENT\rX\nY\u{2028}Z\u{0}\u{7}\t\u{1b}[31m\u{7f}\u{85}W";
        let escaped = escape(hostile);
        assert_eq!(escaped, "Dana\\nBEGIN:VEVENTX\\nY\\nZ [31mW");
        assert!(!escaped.chars().any(char::is_control));
        let folded = fold(&format!("SUMMARY:{hostile}"));
        assert_eq!(folded.matches("\r\n").count(), 1, "{folded:?}");
        assert!(folded.ends_with("\r\n"));
        assert!(!folded.trim_end().contains(['\r', '\n']));
    }

    #[test]
    fn folding_never_splits_a_character_of_any_width() {
        for filler in ["a", "é", "€", "😀"] {
            for prefix in 0..8 {
                let line = format!("SUMMARY:{}{}", "x".repeat(prefix), filler.repeat(60));
                let folded = fold(&line);
                let parts: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
                for (index, part) in parts.iter().enumerate() {
                    assert!(part.len() <= 75, "{} octets", part.len());
                    assert!(index == 0 || part.starts_with(' '));
                }
                assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
            }
        }
    }
}
