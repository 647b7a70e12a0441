//! An RFC 5545 calendar of the schedule to import: one VEVENT a session in the engagement's
//! time zone (TZID, with a VTIMEZONE built from chrono-tz's transitions), the
//! coach as ORGANIZER and the leader (and, at a three-way meeting, the sponsor)
//! as ATTENDEE, the meeting place as LOCATION (and URL for a link), lines folded
//! at 75 octets, text escaped, and DTSTAMP and SEQUENCE derived from the files,
//! so the same files give the same bytes.

use chrono::{
    DateTime, Duration, NaiveDate, NaiveDateTime, Offset as _, TimeDelta, TimeZone as _, Utc,
};
use chrono_tz::{OffsetComponents as _, Tz};

use crate::model::engagement::{Engagement, Person};
use crate::model::schedule::{Slot, SlotState};
use crate::model::series;
use crate::model::session::SessionKind;
use crate::render::eml::id_atom;
use crate::render::escape::link_allowed;
use crate::render::views::zoned;

/// The calendar for `slots`. `stamp` is the DTSTAMP of every event: the latest
/// date in the files that is not after today, so it never lies in the future.
pub fn calendar(engagement: &Engagement, slots: &[Slot], stamp: NaiveDate) -> String {
    let zone = engagement.timezone.0;
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//coach//coaching engagements//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        // No METHOD: a calendar to import, not an iTIP message. PUBLISH would
        // forbid the ATTENDEE, REQUEST a cancelled session.
        format!(
            "X-WR-CALNAME:{}",
            escape(&format!("Coaching: {}", engagement.client.name))
        ),
        format!("X-WR-TIMEZONE:{}", zone.name()),
    ];
    let first = slots
        .iter()
        .map(|s| s.date)
        .min()
        .unwrap_or(engagement.start);
    let last = slots
        .iter()
        .map(|s| s.date)
        .max()
        .unwrap_or(engagement.start);
    lines.extend(vtimezone(zone, first, last));
    // The same reduction as the Message-IDs: ASCII, with a hash of what it dropped.
    let uid_base = id_atom(&engagement.client.name);
    let uid_start = engagement.start.format("%Y-%m-%d");
    let dtstamp = utc(stamp.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    for slot in slots {
        let start = zoned(zone, slot.date, slot.time.0);
        let end = start + TimeDelta::minutes(i64::from(slot.minutes));
        let place = slot.place.map_or_else(String::new, |p| {
            format!(" ({p} of {})", engagement.package_size())
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
        // The fit conversation comes before `start` is known: its own date names it.
        let (uid, summary, description) = if slot.kind == SessionKind::Fit {
            (
                format!("{uid_base}-{}-fit@coach", slot.date.format("%Y-%m-%d")),
                format!("Fit conversation with {}", engagement.coach.name),
                format!(
                    "A free fit conversation about coaching for {}: {state}, {} minutes.",
                    engagement.client.name, slot.minutes
                ),
            )
        } else {
            (
                format!("{uid_base}-{uid_start}-session-{}@coach", slot.number),
                summary(engagement, slot),
                format!(
                    "Session {}{place} of {}'s coaching: {}, {state}, {} minutes.",
                    slot.number,
                    engagement.client.name,
                    slot.kind.name(),
                    slot.minutes
                ),
            )
        };
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{uid}"),
            format!("DTSTAMP:{dtstamp}"),
            format!("SEQUENCE:{}", sequence(engagement, slots, slot)),
            format!("DTSTART;TZID={}:{}", zone.name(), local(start)),
            format!("DTEND;TZID={}:{}", zone.name(), local(end)),
            format!("SUMMARY:{}", escape(&summary)),
            format!("DESCRIPTION:{}", escape(&description)),
        ]);
        if let Some(meeting) = engagement
            .meeting
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
        {
            lines.push(format!("LOCATION:{}", escape(meeting)));
            if meeting.to_ascii_lowercase().starts_with("http")
                && link_allowed(meeting)
                && !meeting.contains(char::is_whitespace)
            {
                lines.push(format!("URL:{meeting}"));
            }
        }
        lines.extend(party("ORGANIZER", &engagement.coach, ""));
        lines.extend(party(
            "ATTENDEE",
            &engagement.client,
            ";ROLE=REQ-PARTICIPANT",
        ));
        if slot.kind == SessionKind::ThreeWay
            && let Some(sponsor) = &engagement.sponsor
        {
            lines.extend(party("ATTENDEE", sponsor, ";ROLE=REQ-PARTICIPANT"));
        }
        lines.extend([
            format!("STATUS:{status}"),
            "TRANSP:OPAQUE".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

/// What a calendar shows for the event: a coaching session with the coach, or a
/// three-way meeting with the sponsor too.
fn summary(engagement: &Engagement, slot: &Slot) -> String {
    match (&engagement.sponsor, slot.kind) {
        (Some(sponsor), SessionKind::ThreeWay) => format!(
            "Three-way meeting with {} and {}",
            sponsor.name, engagement.coach.name
        ),
        _ => format!(
            "Coaching session {} with {}",
            slot.number, engagement.coach.name
        ),
    }
}

/// `ORGANIZER;CN="Alex Morgan":mailto:alex@example.com`, when the person has an address.
fn party(property: &str, person: &Person, parameters: &str) -> Option<String> {
    let address = person.email.as_ref()?;
    // A parameter value cannot hold a double quote or a control character.
    let name: String = person
        .name
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    Some(format!(
        "{property};CN=\"{}\"{parameters}:mailto:{}",
        name.trim(),
        address.to_ascii()
    ))
}

/// How many times a session has been changed from what the series gave it: its
/// date, its time, a cancellation. Derived from the files, it rises when a
/// session moves or is cancelled, so calendars take the change.
fn sequence(engagement: &Engagement, slots: &[Slot], slot: &Slot) -> u32 {
    let previous = slots
        .iter()
        .filter(|s| s.number < slot.number && s.kind != SessionKind::Fit)
        .map(|s| s.date)
        .max();
    let expected_date = previous.map_or(engagement.start, |p| series::next_after(engagement, p));
    // The fit conversation is outside the series: only its time and state count.
    u32::from(slot.kind != SessionKind::Fit && slot.date != expected_date)
        + u32::from(slot.time != engagement.time)
        + u32::from(slot.state == SlotState::Cancelled)
}

fn utc(moment: DateTime<Utc>) -> String {
    moment.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local(moment: DateTime<Tz>) -> String {
    moment.format("%Y%m%dT%H%M%S").to_string()
}

/// The VTIMEZONE of `zone` around the events: one observance per transition
/// between a year before `first` and a year after `last` (or one standard
/// observance for a zone without changes), each with its onset in local time.
fn vtimezone(zone: Tz, first: NaiveDate, last: NaiveDate) -> Vec<String> {
    let from = first
        .checked_sub_days(chrono::Days::new(366))
        .unwrap_or(first)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let to = last
        .checked_add_days(chrono::Days::new(366))
        .unwrap_or(last)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{}", zone.name()),
    ];
    let observance = |at: NaiveDateTime, before: i32| {
        let moment = zone.from_utc_datetime(&at);
        let offset = zone.offset_from_utc_datetime(&at);
        let kind = if offset.dst_offset().is_zero() {
            "STANDARD"
        } else {
            "DAYLIGHT"
        };
        let onset = at + Duration::seconds(i64::from(before));
        vec![
            format!("BEGIN:{kind}"),
            format!("DTSTART:{}", onset.format("%Y%m%dT%H%M%S")),
            format!("TZOFFSETFROM:{}", utc_offset(before)),
            format!("TZOFFSETTO:{}", utc_offset(offset.fix().local_minus_utc())),
            format!("TZNAME:{}", escape(&moment.format("%Z").to_string())),
            format!("END:{kind}"),
        ]
    };
    let transitions = transitions(zone, from, to);
    if transitions.is_empty() {
        let offset = offset_at(zone, from);
        lines.extend(observance(
            NaiveDate::from_ymd_opt(1970, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap_or(from)
                - Duration::seconds(i64::from(offset)),
            offset,
        ));
    }
    for (at, before) in transitions {
        lines.extend(observance(at, before));
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

/// The UTC offset of `zone` at the UTC time `at`, in seconds.
fn offset_at(zone: Tz, at: NaiveDateTime) -> i32 {
    zone.offset_from_utc_datetime(&at).fix().local_minus_utc()
}

/// The offset changes of `zone` from `from` to `to` (UTC): each as the first
/// minute of the new offset and the offset before it. Read a day at a time, and
/// within a day that changed, the minute found by halving (no zone changes its
/// offset twice within a day).
fn transitions(zone: Tz, from: NaiveDateTime, to: NaiveDateTime) -> Vec<(NaiveDateTime, i32)> {
    let mut found = Vec::new();
    let mut day = from;
    let mut current = offset_at(zone, day);
    while day < to {
        let next = day + Duration::days(1);
        if offset_at(zone, next) != current {
            // The change lies in (day, next]: the minute it takes effect.
            let (mut low, mut high) = (day, next);
            while high - low > Duration::minutes(1) {
                let middle = low + Duration::minutes((high - low).num_minutes() / 2);
                if offset_at(zone, middle) == current {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            found.push((high, current));
            current = offset_at(zone, high);
        }
        day = next;
    }
    found
}

/// `+0530`, `-0400`.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
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
    fn a_zone_with_daylight_saving_gets_its_transitions_in_local_time() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let lines = vtimezone(
            chrono_tz::America::New_York,
            day(2026, 3, 1),
            day(2026, 3, 31),
        );
        let text = lines.join("\n");
        assert!(text.contains("BEGIN:DAYLIGHT\nDTSTART:20260308T020000\nTZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nTZNAME:EDT\nEND:DAYLIGHT"), "{text}");
        assert!(text.contains("BEGIN:STANDARD\nDTSTART:20261101T020000\nTZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nTZNAME:EST\nEND:STANDARD"), "{text}");
        let kolkata =
            vtimezone(chrono_tz::Asia::Kolkata, day(2026, 3, 1), day(2026, 3, 31)).join("\n");
        assert!(
            kolkata.contains("TZOFFSETFROM:+0530\nTZOFFSETTO:+0530"),
            "{kolkata}"
        );
    }

    /// The plain search the day-and-halving one must agree with: every hour,
    /// then every minute of an hour whose offset changed.
    fn transitions_hour_by_hour(
        zone: Tz,
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Vec<(NaiveDateTime, i32)> {
        let mut found = Vec::new();
        let mut hour = from;
        let mut current = offset_at(zone, hour);
        while hour < to {
            let next = hour + Duration::hours(1);
            let offset = offset_at(zone, next);
            if offset != current {
                let mut at = hour;
                while offset_at(zone, at) == current {
                    at += Duration::minutes(1);
                }
                found.push((at, current));
                current = offset;
            }
            hour = next;
        }
        found
    }

    #[test]
    fn transitions_are_found_to_the_minute_in_every_zone() {
        let midnight = |year| {
            NaiveDate::from_ymd_opt(year, 1, 1)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
        };
        let (from, to) = (midnight(2024), midnight(2028));
        // Every zone, every fifth in a debug build (a debug build is slow), and
        // those with odd rules always: half-hour and two-hour changes, DST
        // suspended for Ramadan, a day skipped at the date line.
        let odd = [
            "Australia/Lord_Howe",
            "Antarctica/Troll",
            "Africa/Casablanca",
            "Asia/Gaza",
            "Pacific/Apia",
            "America/Santiago",
            "Europe/Dublin",
            "America/Sao_Paulo",
        ];
        let step = if cfg!(debug_assertions) { 5 } else { 1 };
        let zones = chrono_tz::TZ_VARIANTS.iter().step_by(step).chain(
            chrono_tz::TZ_VARIANTS
                .iter()
                .filter(|z| odd.contains(&z.name())),
        );
        let mut changes = 0;
        for zone in zones {
            let expected = transitions_hour_by_hour(*zone, from, to);
            changes += expected.len();
            assert_eq!(transitions(*zone, from, to), expected, "{}", zone.name());
        }
        assert!(changes > 100, "the zones change their offsets: {changes}");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
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
