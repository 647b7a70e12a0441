//! A coach's week across a practice: status, commitments, schedule, completions.

mod common;

use common::{Sandbox, copy_dir, repo};

/// A practice of four engagements in different states.
fn practice() -> Sandbox {
    let practice = Sandbox::empty();
    practice.write("coach.yaml", "coach: {name: Alex Morgan, email: alex@morgan-coaching.example}\ndefaults: {cadence: weekly, time: \"08:30\", timezone: Europe/London}\n");
    let sample = repo().join("sample-engagement");
    // Dana: the sample as it is: the summary of session 8 is not sent, a prompt is due.
    copy_dir(&sample, &practice.file("clients/dana"));
    // Sam: summary sent, but a commitment is overdue.
    copy_dir(&sample, &practice.file("clients/sam"));
    practice.edit("clients/sam/engagement.yaml", |t| {
        t.replace("name: Dana Reyes", "name: Sam Ortiz")
    });
    practice.edit("clients/sam/sessions/08-2026-03-19.md", |t| {
        t.replace(
            "shift: Accepted",
            "summary_sent: 2026-03-19\nshift: Accepted",
        )
        .replace("by 2026-03-24", "by 2026-03-20")
    });
    practice.write("clients/sam/out/prompts/09-2026-03-26.md", "sent\n");
    // Lee: a custom package of nine sessions, nearly used up.
    copy_dir(&sample, &practice.file("clients/lee"));
    practice.edit("clients/lee/engagement.yaml", |t| {
        t.replace("name: Dana Reyes", "name: Lee Chen")
            .replace("package: accelerated", "package: custom\nsessions: 9")
    });
    practice.edit("clients/lee/sessions/08-2026-03-19.md", |t| {
        t.replace(
            "shift: Accepted",
            "summary_sent: 2026-03-20\nshift: Accepted",
        )
    });
    practice.edit("clients/lee/sessions/07-2026-03-12.md", |t| {
        t.replace("kind: midpoint", "kind: regular")
    });
    // Ann: a broken session file.
    copy_dir(&sample, &practice.file("archive/ann"));
    practice.edit("archive/ann/engagement.yaml", |t| {
        t.replace("name: Dana Reyes", "name: Ann Park")
    });
    practice.write(
        "archive/ann/sessions/05-2026-02-26.md",
        "---\nsession: 5\ndate: 2026-02-30\nstatus: held\n---\n",
    );
    practice
}

#[test]
fn status_shows_what_needs_the_coach_most_urgent_first() {
    let practice = practice();
    let run = practice.coach(&["status"]);
    assert_eq!(run.code(), 1, "Ann's broken file makes it exit 1");
    let out = run.stdout();
    let expected_in_order = [
        "## Fix first",
        "- Ann Park (archive/ann): archive/ann/sessions/05-2026-02-26.md:3:7: error[E016]: impossible date",
        "## Overdue",
        "- Dana Reyes (clients/dana): summary of session 8 (2026-03-19) not sent",
        "- Sam Ortiz (clients/sam): commitment 8.1 due 2026-03-20: Tell Keiko what she valued",
        "## Today",
        "- Dana Reyes (clients/dana): send the prompt for session 9 by Wednesday 25 March 2026, 09:00 EDT: `coach -C clients/dana prompt 9 --write`",
        "## This week",
        "- Sam Ortiz (clients/sam): session 9 on Thursday 26 March 2026 at 09:00 EDT",
        "## Engagements",
        "- Lee Chen (clients/lee): 2 of 9 sessions left",
        "- Lee Chen (clients/lee): closing session is session 10 on 2026-04-02",
    ];
    let mut from = 0;
    for line in expected_in_order {
        let at = out[from..]
            .find(line)
            .unwrap_or_else(|| panic!("`{line}` missing or out of order in:\n{out}"));
        from += at + line.len();
    }
    assert!(
        !out.contains("Sam Ortiz (clients/sam): send the prompt"),
        "Sam's prompt is in out/: {out}"
    );
    assert!(
        !out.contains("Sam Ortiz (clients/sam): summary"),
        "summary_sent counts as sent"
    );
}

#[test]
fn status_json_has_a_stable_shape() {
    let practice = practice();
    let json: serde_json::Value =
        serde_json::from_str(&practice.coach(&["status", "--format", "json"]).stdout()).unwrap();
    assert_eq!(json["today"], "2026-03-24");
    let items = json["items"].as_array().unwrap();
    let first = &items[0];
    for key in [
        "urgency",
        "date",
        "leader",
        "engagement",
        "session",
        "kind",
        "message",
    ] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert!(items.iter().any(|i| i["kind"] == "summary-overdue"
        && i["leader"] == "Dana Reyes"
        && i["session"] == 8));
    assert!(
        items
            .iter()
            .any(|i| i["kind"] == "broken-file" && i["urgency"] == "fix")
    );
}

/// A practice of twelve copies of the sample, so each urgency has more items than
/// a small limit lists.
fn twelve() -> Sandbox {
    let practice = Sandbox::empty();
    for n in 0..12 {
        copy_dir(
            &repo().join("sample-engagement"),
            &practice.file(&format!("c{n:02}")),
        );
    }
    practice
}

#[test]
fn status_lists_the_first_items_of_each_urgency_and_counts_the_rest() {
    let practice = twelve();
    let today = "--today=2026-03-28";
    let all: serde_json::Value = serde_json::from_str(
        &practice
            .coach(&[today, "status", "--all", "--format", "json"])
            .ok(),
    )
    .expect("json");
    let every = all["items"].as_array().expect("items").clone();
    assert!(all["omitted"].as_object().expect("omitted").is_empty());
    let limited: serde_json::Value = serde_json::from_str(
        &practice
            .coach(&[today, "status", "--limit", "3", "--format", "json"])
            .ok(),
    )
    .expect("json");
    // The same first three of each urgency, whichever thread read which engagement.
    let mut expected = Vec::new();
    let mut omitted = serde_json::Map::new();
    for urgency in ["overdue", "today", "this-week", "engagement"] {
        let of: Vec<_> = every.iter().filter(|i| i["urgency"] == urgency).collect();
        expected.extend(of.iter().take(3).map(|i| (*i).clone()));
        if of.len() > 3 {
            omitted.insert(urgency.to_string(), (of.len() - 3).into());
        }
    }
    assert_eq!(limited["items"].as_array().expect("items"), &expected);
    assert_eq!(limited["omitted"].as_object().expect("omitted"), &omitted);
    assert_eq!(limited["engagements"], all["engagements"]);
    let text = practice.coach(&[today, "status", "--limit", "3"]).ok();
    let overdue = omitted["overdue"].as_u64().expect("a count");
    assert!(
        text.contains(&format!(
            "- and {overdue} more not listed (`--all` lists every one)\n"
        )),
        "{text}"
    );
    assert_eq!(practice.coach(&[today, "status", "--limit", "0"]).code(), 2);
}

#[test]
fn commitments_across_the_practice() {
    let practice = practice();
    let overdue = practice.coach(&["commitments", "--overdue"]);
    assert_eq!(overdue.code(), 1, "the broken engagement is reported");
    assert!(
        overdue
            .stderr()
            .contains("archive/ann/sessions/05-2026-02-26.md:3:7: error"),
        "{}",
        overdue.stderr()
    );
    assert_eq!(
        overdue.stdout(),
        "| Id | Leader | Due | Status | Commitment |\n|---|---|---|---|---|\n| 8.1 | Sam Ortiz | 2026-03-20 | overdue | Tell Keiko what she valued in the carrier decision, before raising any concern |\n"
    );
    let all = practice
        .coach(&[
            "-C",
            "clients/dana",
            "commitments",
            "--all",
            "--format",
            "json",
        ])
        .ok();
    let json: serde_json::Value = serde_json::from_str(&all).unwrap();
    let rows = json["commitments"].as_array().unwrap();
    assert_eq!(rows.len(), 15);
    assert!(
        rows.iter()
            .any(|r| r["id"] == "5.2" && r["status"] == "dropped")
    );
    assert!(
        rows.iter()
            .any(|r| r["id"] == "7.2" && r["status"] == "open" && r["carried"] == 1)
    );
}

#[test]
fn the_schedule_and_its_calendar() {
    let sandbox = Sandbox::sample();
    let table = sandbox.coach(&["schedule"]).ok();
    assert!(
        table.contains("| 4 | – | Mon 2026-02-23 | 09:00 | 60 | regular | cancelled |"),
        "{table}"
    );
    assert!(
        table.contains("| 13 | 12 | Thu 2026-05-07 | 09:00 | 60 | closing | to be scheduled |"),
        "{table}"
    );
    let ics = sandbox.coach(&["schedule", "--ics"]).ok();
    assert_eq!(
        ics,
        sandbox.coach(&["schedule", "--ics"]).ok(),
        "byte-identical"
    );
    assert!(
        ics.lines().all(|l| l.len() <= 76),
        "folded at 75 octets plus CR"
    );
    let calendar: icalendar::Calendar = ics.parse().expect("a calendar icalendar can read");
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 13);
    use icalendar::Component;
    let first = events[0];
    assert_eq!(
        first.get_uid(),
        Some("dana-reyes-2026-01-12-session-1@coach")
    );
    assert_eq!(
        first.get_summary(),
        Some("Coaching session 1 with Alex Morgan")
    );
    assert_eq!(
        first.property_value("DTSTART"),
        Some("20260112T090000"),
        "09:00 in New York's own time"
    );
    assert!(ics.contains("DTSTART;TZID=America/New_York:20260112T090000\r\n"));
    assert!(ics.contains("DTSTART;TZID=America/New_York:20260326T090000\r\n"));
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"));
    assert!(ics.contains("ORGANIZER;CN=\"Alex Morgan\":mailto:alex@morgan-coaching.example\r\n"));
    assert_eq!(events[3].property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(
        events[3].property_value("SEQUENCE"),
        Some("1"),
        "a cancellation rises"
    );
    assert_eq!(
        events[4].property_value("SEQUENCE"),
        Some("1"),
        "session 5 moved to 12:30"
    );
    assert_eq!(events[1].property_value("SEQUENCE"), Some("0"));
    assert!(
        ics.contains("DTSTAMP:20260319T000000Z"),
        "the latest day recorded, not after today"
    );
    let path = sandbox.coach(&["schedule", "--ics", "--write"]).ok();
    assert_eq!(path.trim(), "out/schedule.ics");
}

#[test]
fn init_uses_the_practice_defaults() {
    let practice = practice();
    practice
        .coach(&[
            "init",
            "clients/kim",
            "--client",
            "Kim Ito",
            "--start",
            "2026-04-06",
        ])
        .ok();
    let yaml = practice.read("clients/kim/engagement.yaml");
    assert!(
        yaml.contains("name: Alex Morgan") && yaml.contains("email: alex@morgan-coaching.example"),
        "{yaml}"
    );
    assert!(
        yaml.contains("cadence: weekly")
            && yaml.contains("time: \"08:30\"")
            && yaml.contains("timezone: Europe/London"),
        "{yaml}"
    );
    let path = practice.coach(&["-C", "clients/kim", "new-session"]).ok();
    assert_eq!(path.trim(), "clients/kim/sessions/02-2026-04-13.md");
}

#[test]
fn completions_and_man_page() {
    let sandbox = Sandbox::empty();
    let script = sandbox.coach(&["completions", "bash"]).ok();
    sandbox.write("coach.bash", &script);
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg("source coach.bash; COMP_WORDS=(coach rep); COMP_CWORD=1; _coach coach rep coach; echo \"${COMPREPLY[@]}\"")
        .current_dir(sandbox.path())
        .output()
        .expect("bash");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "report");
    for shell in ["zsh", "fish"] {
        assert!(
            sandbox
                .coach(&["completions", shell])
                .ok()
                .contains("new-session")
        );
    }
    let man = sandbox.coach(&["man"]).ok();
    assert!(
        man.starts_with(".ie") && man.contains(".TH coach 1"),
        "{}",
        &man[..100]
    );
}

#[test]
fn every_man_page_the_main_page_names_exists_with_its_options() {
    let sandbox = Sandbox::empty();
    let main = sandbox.coach(&["man"]).ok();
    let written = sandbox.coach(&["man", "--out-dir", "man"]).ok();
    for line in main.lines().filter(|l| l.ends_with("(1)")) {
        let name = line.trim_end_matches("(1)").replace("\\-", "-");
        assert!(
            written.contains(&format!("man/{name}.1\n")),
            "{name}(1) is named but not written: {written}"
        );
    }
    let init = sandbox.coach(&["man", "init"]).ok();
    assert!(init.contains(".TH coach-init 1"), "{init}");
    assert!(
        init.contains("\\-\\-sponsor"),
        "options are documented: {init}"
    );
    let list = sandbox.coach(&["man", "templates", "list"]).ok();
    assert!(list.contains(".TH coach-templates-list 1"), "{list}");
    let run = sandbox.coach(&["man", "temlates"]);
    assert!(run.fails().contains("did you mean `templates`?"));
}
