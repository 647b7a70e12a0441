//! `coach init` and `coach new-session` through the real binary.

mod common;

use common::Sandbox;

#[test]
fn init_then_five_new_sessions_follow_the_biweekly_cadence() {
    let sandbox = Sandbox::empty();
    sandbox.init_dana();
    let mut printed = Vec::new();
    for _ in 0..5 {
        printed.push(
            sandbox
                .coach(&["-C", "dana", "new-session"])
                .ok()
                .trim()
                .to_string(),
        );
    }
    assert_eq!(
        printed,
        [
            "dana/sessions/02-2026-01-26.md",
            "dana/sessions/03-2026-02-09.md",
            "dana/sessions/04-2026-02-23.md",
            "dana/sessions/05-2026-03-09.md",
            "dana/sessions/06-2026-03-23.md"
        ]
    );
    let midpoint = sandbox.read("dana/sessions/06-2026-03-23.md");
    assert!(midpoint.contains("kind: midpoint\n"), "{midpoint}");
    assert!(
        sandbox
            .read("dana/sessions/05-2026-03-09.md")
            .contains("kind: regular\n")
    );
    sandbox.coach(&["check", "dana"]).ok();
}

#[test]
fn init_writes_an_intake_and_a_commented_engagement_that_check_accepts() {
    let sandbox = Sandbox::empty();
    sandbox.init_dana();
    let intake = sandbox.read("dana/sessions/01-2026-01-12.md");
    for heading in [
        "## Goals",
        "## Context",
        "## Assessment debrief",
        "## Coaching agreement",
        "## Objectives",
    ] {
        assert!(intake.contains(heading), "{heading} missing");
    }
    assert!(
        intake.contains("kind: intake")
            && intake.contains("minutes: 90")
            && intake.contains("status: planned")
    );
    assert!(intake.contains("Coaching is not therapy"));
    let yaml = sandbox.read("dana/engagement.yaml");
    assert!(yaml.contains("name: Priya Shah") && yaml.contains("package: accelerated"));
    let run = sandbox.coach(&["check", "dana"]);
    assert_eq!(run.code(), 0, "{}", run.stdout());
}

#[test]
fn init_refuses_an_existing_engagement_and_changes_nothing() {
    let sandbox = Sandbox::empty();
    sandbox.init_dana();
    let before = sandbox.read("dana/engagement.yaml");
    let err = sandbox
        .coach(&["init", "dana", "--client", "Someone Else"])
        .fails();
    assert!(err.contains("dana/engagement.yaml already exists"), "{err}");
    assert_eq!(sandbox.read("dana/engagement.yaml"), before);
}

#[test]
fn init_quotes_names_that_yaml_would_misread() {
    let sandbox = Sandbox::empty();
    sandbox
        .coach(&[
            "init",
            "e",
            "--client",
            "O'Neil: \"Chief\" #1",
            "--start",
            "2026-02-02",
        ])
        .ok();
    sandbox.coach(&["check", "e"]).ok();
    let json_name = sandbox
        .coach(&["-C", "e", "prompt", "1", "--format", "json"])
        .ok();
    assert!(
        json_name.contains(r#""name": "O'Neil: \"Chief\" #1""#),
        "{json_name}"
    );
}

#[test]
fn new_session_prefills_open_commitments_and_focus() {
    let sandbox = Sandbox::sample();
    let path = sandbox.coach(&["new-session", "--date", "2026-04-02"]).ok();
    assert_eq!(path.trim(), "sessions/10-2026-04-02.md");
    let text = sandbox.read("sessions/10-2026-04-02.md");
    // Session 9 is still planned, so everything open before it is still open.
    assert!(text.contains("- [ ] (7.2) Hand the weekly regional operations review to Keiko to chair, by 2026-03-25"), "{text}");
    assert!(text.contains("- [ ] (8.2) Write down the three decisions only the VP of Operations should make, by 2026-03-31"));
    assert!(
        text.contains("focus: [delegation]\n"),
        "the last held session's focus: {text}"
    );
    sandbox.coach(&["check"]).ok();
}

#[test]
fn new_session_refuses_a_date_already_taken_and_never_replaces() {
    let sandbox = Sandbox::sample();
    let before = sandbox.read("sessions/09-2026-03-26.md");
    let err = sandbox
        .coach(&["new-session", "--date", "2026-03-26"])
        .fails();
    assert!(err.contains("session 9 is already on 2026-03-26"), "{err}");
    assert_eq!(sandbox.read("sessions/09-2026-03-26.md"), before);
}

#[test]
fn concurrent_new_sessions_never_share_a_number() {
    let sandbox = Sandbox::empty();
    sandbox.init_dana();
    let binary = assert_cmd::cargo::cargo_bin("coach");
    let children: Vec<_> = ["2026-01-20", "2026-01-21", "2026-01-22", "2026-01-23"]
        .iter()
        .map(|date| {
            std::process::Command::new(&binary)
                .current_dir(sandbox.path())
                .args(["-C", "dana", "new-session", "--date", date])
                .env("COACH_TODAY", common::TODAY)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        child.wait_with_output().expect("wait");
    }
    let names = common::session_files(&sandbox.file("dana/sessions"));
    let numbers: Vec<&str> = names.iter().map(|n| &n[..2]).collect();
    let mut unique = numbers.clone();
    unique.dedup();
    assert_eq!(numbers, unique, "{names:?}");
    sandbox.coach(&["check", "dana"]).ok();
}

#[test]
fn edit_without_an_editor_says_how_to_set_one() {
    let sandbox = Sandbox::sample();
    let err = sandbox.coach(&["new-session", "--edit"]).fails();
    assert!(err.contains("set $VISUAL or $EDITOR"), "{err}");
    assert!(
        sandbox.file("sessions/10-2026-04-02.md").exists(),
        "the file is still created"
    );
}

#[test]
fn bad_usage_exits_two() {
    let sandbox = Sandbox::sample();
    assert_eq!(
        sandbox
            .coach(&["new-session", "--date", "2026-02-30"])
            .code(),
        2
    );
    assert_eq!(sandbox.coach(&["init"]).code(), 2);
    assert_eq!(sandbox.coach(&["report"]).code(), 2);
    assert_eq!(sandbox.coach(&["--today", "tomorrow", "check"]).code(), 2);
}

#[test]
fn commands_outside_an_engagement_say_where_they_looked() {
    let sandbox = Sandbox::empty();
    let err = sandbox.coach(&["prompt"]).fails();
    assert!(err.contains("no engagement.yaml in"), "{err}");
}
