//! Property tests for the parsers and the schedule: arbitrary input never panics,
//! valid input round-trips.

use std::path::Path;

use chrono::NaiveDate;
use coach::model::engagement::Engagement;
use coach::model::schedule::{SlotState, schedule};
use coach::model::session::SessionKind;
use coach::parse::{frontmatter, markdown};
use proptest::prelude::*;

fn date() -> impl Strategy<Value = NaiveDate> {
    (2020i32..2035, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a real day"))
}

fn words() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9']{0,8}( [A-Za-z0-9']{1,8}){0,6}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_parses_without_panicking(text in any::<String>()) {
        let mut problems = Vec::new();
        let _ = coach::load::parse_session(Path::new("s.md"), &text, None, &mut problems);
        let _ = coach::load::parse_engagement(Path::new("e.yaml"), &text, &mut problems);
        let _ = markdown::parse_body(Path::new("s.md"), &text, 1);
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = coach::fsio::decode_text(Path::new("s.md"), bytes);
    }

    #[test]
    fn front_matter_round_trips(yaml_lines in proptest::collection::vec("[a-z]{1,8}: [a-z0-9 ]{0,12}", 0..6), body in "[^\\r]{0,200}") {
        let yaml: String = yaml_lines.iter().map(|l| format!("{l}\n")).collect();
        let text = format!("---\n{yaml}---\n{body}");
        let split = frontmatter::split(Path::new("s.md"), &text).expect("a closed front matter");
        prop_assert_eq!(split.yaml, yaml.as_str());
        prop_assert_eq!(split.body, body.as_str());
        prop_assert_eq!(split.body_first_line, yaml_lines.len() + 3);
    }

    #[test]
    fn commitments_round_trip(items in proptest::collection::vec((words(), date(), proptest::option::of(words()), any::<bool>()), 1..6)) {
        let mut body = String::from("## Commitments\n");
        for (text, due, success, ticked) in &items {
            body.push_str(&format!("- [{}] {text}, by {due}\n", if *ticked { "x" } else { " " }));
            if let Some(success) = success {
                body.push_str(&format!("  - Success: {success}\n"));
            }
        }
        let (parsed, problems) = markdown::parse_body(Path::new("s.md"), &body, 1);
        prop_assert!(problems.is_empty());
        prop_assert_eq!(parsed.commitments.len(), items.len());
        for (item, (text, due, success, ticked)) in parsed.commitments.iter().zip(&items) {
            prop_assert_eq!(&item.text, &text.split_whitespace().collect::<Vec<_>>().join(" "));
            prop_assert_eq!(item.due, Some(*due));
            prop_assert_eq!(item.success.as_deref(), success.as_deref().map(str::trim));
            prop_assert_eq!(item.ticked, *ticked);
        }
    }

    #[test]
    fn the_schedule_fills_the_package_in_order(
        size in 1u32..40,
        start in date(),
        cadence in prop::sample::select(vec!["weekly", "biweekly", "monthly"]),
        changes in proptest::collection::vec((1i64..400, prop::sample::select(vec!["weekly", "biweekly", "monthly"])), 0..3),
    ) {
        let mut yaml = format!("client: {{name: D}}\ncoach: {{name: A}}\npackage: custom\nsessions: {size}\nstart: {start}\ncadence: {cadence}\ncadence_changes:\n");
        for (offset, c) in &changes {
            yaml.push_str(&format!("  - {{from: {}, cadence: {c}}}\n", start + chrono::Days::new(*offset as u64)));
        }
        let engagement: Engagement = serde_saphyr::from_str(&yaml).expect("valid engagement");
        let slots = schedule(&engagement, &[]);
        prop_assert_eq!(slots.len() as u32, size);
        prop_assert_eq!(slots[0].date, start);
        prop_assert!(slots.windows(2).all(|w| w[0].date < w[1].date));
        prop_assert!(slots.iter().all(|s| s.state == SlotState::ToBeScheduled));
        prop_assert_eq!(slots[0].kind, SessionKind::Intake);
        if size >= 2 {
            prop_assert_eq!(slots[size as usize - 1].kind, SessionKind::Closing);
        }
        let midpoints = slots.iter().filter(|s| s.kind == SessionKind::Midpoint).count();
        prop_assert_eq!(midpoints, usize::from(size >= 3));
    }
}
