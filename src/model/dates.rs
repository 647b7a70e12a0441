//! Calendar dates a coaching engagement can have. chrono accepts years up to
//! 262,143, where a step of the cadence overflows; coach accepts 1900 to 2200.

use chrono::{Datelike, NaiveDate};
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
    plausible(NaiveDate::deserialize(d)?).map_err(serde::de::Error::custom)
}

/// Deserializes an optional date between 1900 and 2200.
pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Option::<NaiveDate>::deserialize(d)?
        .map(plausible)
        .transpose()
        .map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_outside_the_range_are_refused() {
        assert!(plausible(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).is_ok());
        assert!(plausible(NaiveDate::from_ymd_opt(262_142, 12, 30).unwrap()).is_err());
        assert!(plausible(NaiveDate::from_ymd_opt(1066, 10, 14).unwrap()).is_err());
    }
}
