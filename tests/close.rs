//! `coach close`: refused until the closing session is held and the final
//! reports are written; then only `status` and `closed_on` change in
//! engagement.yaml, and the engagement takes no more changes.

mod common;

use common::Sandbox;

/// A three-session engagement for a leader with a non-ASCII name, completed as a
/// coach would, inside the returned sandbox's `zoe/` folder.
fn small_engagement() -> (Sandbox, Sandbox) {
    common::zoe_engagement(&["--package", "custom", "--sessions", "3"])
}

#[test]
fn a_whole_engagement_is_driven_by_commands_and_closed() {
    let (_outer, zoe) = small_engagement();
    zoe.coach(&[
        "--today=2026-01-12",
        "mark",
        "1",
        "held",
        "--alliance",
        "8",
        "--measure",
        "confidence=4",
    ])
    .ok();
    for (today, number) in [("2026-01-13", "2"), ("2026-01-20", "3")] {
        zoe.coach(&[&format!("--today={today}"), "new-session"])
            .ok();
        let held = format!("--today=2026-01-{}", if number == "2" { 19 } else { 26 });
        zoe.coach(&[
            &held,
            "mark",
            number,
            "held",
            "--alliance",
            "9",
            "--measure",
            "confidence=6",
        ])
        .ok();
    }
    let today = "--today=2026-01-26";
    let err = zoe.coach(&[today, "close"]).fails();
    assert!(
        err.contains("the final report for the leader is not in out/reports"),
        "{err}"
    );
    assert!(
        err.contains("the final report for the sponsor is not in out/reports"),
        "{err}"
    );
    zoe.coach(&[
        today,
        "report",
        "--final",
        "--audience",
        "client",
        "--write",
    ])
    .ok();
    zoe.coach(&[
        today,
        "report",
        "--final",
        "--audience",
        "sponsor",
        "--format",
        "eml",
        "--write",
    ])
    .ok();
    let before = zoe.read("engagement.yaml");
    let out = zoe.coach(&[today, "close"]).ok();
    assert_eq!(
        out,
        "engagement.yaml: status: active → closed\nengagement.yaml: closed_on: (not set) → 2026-01-26\n"
    );
    let expected =
        before.replacen("\nstatus: active\n", "\nstatus: closed\n", 1) + "closed_on: 2026-01-26\n";
    assert_eq!(zoe.read("engagement.yaml"), expected);
    zoe.coach(&[today, "check"]).ok();
    let status = zoe.coach(&[today, "status"]).ok();
    assert!(
        status.contains("Nothing needs you")
            && status.contains("1 closed engagement is not listed."),
        "{status}"
    );
    for refused in [vec!["close"], vec!["mark", "3", "no-show"]] {
        let err = zoe.coach(&[&[today][..], &refused[..]].concat()).fails();
        assert!(err.contains("closed"), "{err}");
    }
    assert_eq!(zoe.read("engagement.yaml"), expected);
}

#[test]
fn closing_early_needs_force_and_a_reason_which_is_recorded() {
    let sandbox = Sandbox::sample();
    let today = "--today=2026-03-28";
    let err = sandbox.coach(&[today, "close"]).fails();
    assert!(
        err.contains(
            "the closing session (session 13, 12 of 12, 2026-05-07) has not been held yet"
        ),
        "{err}"
    );
    assert_eq!(sandbox.coach(&[today, "close", "--force"]).code(), 2);
    assert_eq!(sandbox.coach(&[today, "close", "--reason", "x"]).code(), 2);
    assert_eq!(
        sandbox
            .coach(&[today, "close", "--force", "--reason", "a\nstatus: active"])
            .code(),
        2
    );
    let before = sandbox.read("engagement.yaml");
    sandbox
        .coach(&[
            today,
            "close",
            "--force",
            "--reason",
            "Dana took a new role: \"the sponsor ended it\"",
        ])
        .ok();
    assert_eq!(
        sandbox.read("engagement.yaml"),
        before.replacen("\nstatus: active\n", "\nstatus: closed\n", 1)
            + "closed_on: 2026-03-28\nclosed_reason: \"Dana took a new role: \\\"the sponsor ended it\\\"\"\n"
    );
    sandbox.coach(&[today, "check"]).ok();
    let json = sandbox.coach(&[today, "status", "--format", "json"]).ok();
    assert!(
        json.contains("\"closed\": 1") && json.contains("\"items\": []"),
        "{json}"
    );
}
