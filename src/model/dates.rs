//! Calendar dates a coaching engagement can have. chrono accepts years up to
//! 262,143, where a step of the cadence overflows; coach accepts 1900 to 2200.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::de::Visitor;
use serde::{Deserialize, Deserializer};

/// The first year coach accepts.
pub const FIRST_YEAR: i32 = 1900;
/// The last year coach accepts.
pub const LAST_YEAR: i32 = 2200;

/// `date`, or a message when its year is outside 1900 to 2200.
pub fn plausible(date: NaiveDate) -> Result<NaiveDate, String> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "{date} is not a plausible date: coach works with years {FIRST_YEAR} to {LAST_YEAR}"
        ))
    }
}

/// Deserializes a YYYY-MM-DD date between 1900 and 2200.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    plausible(d.deserialize_str(DateText)?).map_err(serde::de::Error::custom)
}

/// Deserializes an optional date between 1900 and 2200.
pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<Date>::deserialize(d)?
        .map(|Date(date)| plausible(date))
        .transpose()
        .map_err(serde::de::Error::custom)
}

/// A date read as chrono's own `NaiveDate` reads one, through [`DateText`].
struct Date(NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(DateText).map(Date)
    }
}

/// Reads a date as chrono's `NaiveDate` does (the same expectation, the same
/// errors), with [`written_plainly`] first.
struct DateText;

impl Visitor<'_> for DateText {
    type Value = NaiveDate;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a formatted date string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        written_plainly(text).map_or_else(|| text.parse().map_err(E::custom), Ok)
    }
}

/// A date written exactly `YYYY-MM-DD` that exists, read without chrono's
/// general parser (which every form goes through otherwise, for its errors):
/// chrono reads such a text as the same date.
pub fn written_plainly(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = digits(&bytes[..4])?;
    let month = digits(&bytes[5..7])?;
    let day = digits(&bytes[8..])?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// `HH:MM` that is a time of day, read as [`written_plainly`] reads dates.
pub fn time_written_plainly(text: &str) -> Option<NaiveTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 5 || bytes[2] != b':' {
        return None;
    }
    NaiveTime::from_hms_opt(digits(&bytes[..2])?, digits(&bytes[3..])?, 0)
}

/// The number ASCII digits write, or `None` if one is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |number, &b| {
        b.is_ascii_digit()
            .then(|| number * 10 + u32::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_written_plainly_read_as_chrono_reads_them() {
        let mut date = NaiveDate::from_ymd_opt(1899, 12, 25).unwrap();
        while date.year() < 2201 {
            let text = date.format("%Y-%m-%d").to_string();
            assert_eq!(written_plainly(&text), Some(date), "{text}");
            assert_eq!(text.parse::<NaiveDate>().ok(), Some(date));
            date = date + chrono::Days::new(13);
        }
        for text in [
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-1-05",
            " 2026-01-05",
            "２０２６-01-05",
            "+202-01-05",
            "2026/01/05",
            "",
        ] {
            assert_eq!(written_plainly(text), None, "{text}");
        }
        for (text, time) in [
            ("00:00", Some((0, 0))),
            ("09:30", Some((9, 30))),
            ("23:59", Some((23, 59))),
            ("24:00", None),
            ("9:30", None),
            ("09:60", None),
            ("0930", None),
        ] {
            let expected = time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0));
            assert_eq!(time_written_plainly(text), expected, "{text}");
            if let Some(expected) = expected {
                assert_eq!(
                    NaiveTime::parse_from_str(text, "%H:%M").ok(),
                    Some(expected)
                );
            }
        }
    }

    #[test]
    fn years_outside_the_range_are_refused() {
        assert!(plausible(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).is_ok());
        assert!(plausible(NaiveDate::from_ymd_opt(262_142, 12, 30).unwrap()).is_err());
        assert!(plausible(NaiveDate::from_ymd_opt(1066, 10, 14).unwrap()).is_err());
    }
}
