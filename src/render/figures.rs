//! Computed figures as contexts carry them: the number, rounded, for scripts, and
//! the same number as a reader sees it, `{"value": 0.75, "text": "75%"}`. Each type
//! holds numbers only, so a context built from them holds no name, label, date or
//! text.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// `value` rounded to `places` decimals, never `-0`.
fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    // Adding 0.0 turns -0.0 into 0.0.
    (value * scale).round() / scale + 0.0
}

fn value_and_text<S: Serializer>(s: S, value: f64, text: String) -> Result<S::Ok, S::Error> {
    let mut figure = s.serialize_struct("Figure", 2)?;
    figure.serialize_field("value", &value)?;
    figure.serialize_field("text", &text)?;
    figure.end()
}

/// A number as a reader sees it, with `places` decimals and a minus sign (U+2212,
/// which Markdown never reads as a list marker) when it is negative.
fn text(value: f64, places: u8) -> String {
    let places = usize::from(places);
    let rounded = round(value, places as i32);
    if rounded < 0.0 {
        format!("−{:.places$}", -rounded)
    } else {
        format!("{rounded:.places$}")
    }
}

/// A share (1.0 is all) shown as a whole percentage: `{"value": 0.75, "text": "75%"}`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percent(pub f64);

impl Percent {
    /// "75%", "−20%", "0%".
    pub fn text(self) -> String {
        format!("{}%", text(self.0 * 100.0, 0))
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        value_and_text(s, round(self.0, 4), self.text())
    }
}

/// A number shown with a fixed count of decimals: `{"value": 8.33, "text": "8.3"}`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decimal {
    value: f64,
    places: u8,
}

impl Decimal {
    /// With one decimal: a mean rating, "8.3".
    pub fn one(value: f64) -> Self {
        Decimal { value, places: 1 }
    }

    /// With two decimals: a correlation or a slope, "0.54", "−0.30".
    pub fn two(value: f64) -> Self {
        Decimal { value, places: 2 }
    }

    /// The number itself, unrounded.
    pub fn value(self) -> f64 {
        self.value
    }

    /// As a reader sees it.
    pub fn text(self) -> String {
        text(self.value, self.places)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        value_and_text(
            s,
            round(self.value, i32::from(self.places) + 2),
            self.text(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(Percent(0.754).text(), "75%");
        assert_eq!(Percent(-0.2).text(), "−20%");
        assert_eq!(Percent(-0.001).text(), "0%", "never −0%");
        assert_eq!(Decimal::one(8.333).text(), "8.3");
        assert_eq!(Decimal::two(0.5643).text(), "0.56");
        assert_eq!(Decimal::two(-0.3).text(), "−0.30");
        assert_eq!(Decimal::two(-0.001).text(), "0.00");
        assert_eq!(
            serde_json::to_string(&Percent(2.0 / 3.0)).unwrap(),
            r#"{"value":0.6667,"text":"67%"}"#
        );
    }
}
