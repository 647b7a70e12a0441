//! The life of an engagement by commands: a prospect's fit conversation (`init
//! --prospect`, `agenda 0`, `mark 0`, `follow-up`), then `start` or `decline`;
//! the sessions; `close`. Every edit of a file the coach wrote changes only the
//! keys it names, and a closed engagement takes no more changes.

mod common;

use common::Sandbox;

const FORMATS: [&str; 5] = ["md", "text", "html", "json", "eml"];

/// A prospect for a leader with a non-ASCII name, in the returned sandbox's
/// `zoe/` folder, with the fit conversation on 2026-03-05 at 16:00 in Oslo.
fn prospect() -> (Sandbox, Sandbox) {
    let outer = Sandbox::empty();
    let run = common::init_zoe_prospect(
        &outer,
        &[
            "--package",
            "custom",
            "--sessions",
            "2",
            "--cadence",
            "weekly",
            "--sponsor",
            "Łukasz Żółć",
        ],
    );
    assert_eq!(
        run.ok(),
        "zoe/engagement.yaml\nzoe/sessions/00-2026-03-05.md\n"
    );
    assert!(run.stderr().contains("coach agenda 0"), "{}", run.stderr());
    let zoe = Sandbox::at(&outer.path().join("zoe"));
    common::fill_in_zoe(&zoe);
    (outer, zoe)
}

/// What the coach writes in the fit file during the conversation: items for the
/// follow-up, and private text in every other place, each with a canary.
fn write_the_fit_conversation(zoe: &Sandbox) -> Vec<&'static str> {
    let canaries = vec![
        "CANARY-GOALS",
        "CANARY-CONTEXT",
        "CANARY-CHEMISTRY",
        "CANARY-BOUNDARY",
        "CANARY-NOTES",
        "CANARY-PRIVATE-KEY",
    ];
    zoe.edit("sessions/00-2026-03-05.md", |t| {
        t.replacen(
            "status: planned\n",
            "status: planned\nprivate: CANARY-PRIVATE-KEY\n",
            1,
        )
        .replacen(
            "## Goals\n",
            "## Goals\n- CANARY-GOALS be CEO in 3 years\n",
            1,
        )
        .replacen(
            "## Context\n",
            "## Context\n- CANARY-CONTEXT merger talks\n",
            1,
        )
        .replacen(
            "## Chemistry\n",
            "## Chemistry\n- CANARY-CHEMISTRY guarded\n",
            1,
        )
        .replacen(
            "## Coaching, not therapy\n",
            "## Coaching, not therapy\n- CANARY-BOUNDARY sleeps badly\n",
            1,
        )
        .replacen(
            "## Agenda\n",
            "## Agenda\n- Finding my voice on the executive team after the merger\n",
            1,
        )
        .replacen(
            "## Commitments\n",
            "## Commitments\n- [ ] Send the agreement and dates for the intake, by 2026-03-09\n",
            1,
        )
        .replacen(
            "## Coach notes\n",
            "## Coach notes\nCANARY-NOTES worth a referral?\n",
            1,
        )
    });
    for canary in &canaries {
        assert!(
            zoe.read("sessions/00-2026-03-05.md").contains(canary),
            "{canary} is planted"
        );
    }
    canaries
}

#[test]
fn a_prospect_becomes_an_engagement_and_closes_by_commands_only() {
    let (_outer, zoe) = prospect();
    let fit = "sessions/00-2026-03-05.md";
    let file = zoe.read(fit);
    for line in [
        "session: 0\n",
        "minutes: 30\n",
        "kind: fit\n",
        "status: planned\n",
    ] {
        assert!(file.contains(line), "{line} in\n{file}");
    }
    assert!(zoe.read("engagement.yaml").contains("\nstatus: prospect\n"));
    let before = "--today=2026-03-02";
    zoe.coach(&[before, "check"]).ok();

    let agenda = zoe.coach(&[before, "agenda"]).ok();
    insta::assert_snapshot!("fit_agenda", agenda);
    assert_eq!(zoe.coach(&[before, "agenda", "0"]).ok(), agenda);
    for (args, says) in [
        (vec!["prompt", "0"], "not a reflection prompt"),
        (vec!["summary", "0"], "not a summary"),
        (vec!["report", "--midpoint"], "this is a prospect"),
        (vec!["follow-up"], "has not been held yet"),
        (vec!["start"], "is still planned"),
        (vec!["close"], "this is a prospect"),
    ] {
        let err = zoe.coach(&[&[before][..], &args[..]].concat()).fails();
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let canaries = write_the_fit_conversation(&zoe);

    // The conversation took place: only `status` changes.
    let day = "--today=2026-03-05";
    let written = zoe.read(fit);
    assert_eq!(
        zoe.coach(&[day, "mark", "0", "held"]).ok(),
        "sessions/00-2026-03-05.md: status: planned → held\n"
    );
    assert_eq!(
        zoe.read(fit),
        written.replacen("status: planned\n", "status: held\n", 1)
    );
    let err = zoe
        .coach(&[day, "mark", "0", "held", "--alliance", "8"])
        .fails();
    assert!(err.contains("takes no readings"), "{err}");

    let note = zoe.coach(&[day, "follow-up"]).ok();
    insta::assert_snapshot!("fit_follow_up", note);
    for format in FORMATS {
        let out = zoe.coach(&[day, "follow-up", "--format", format]).ok();
        for canary in &canaries {
            assert!(!out.contains(canary), "{canary} in the {format} follow-up");
        }
        assert!(out.contains("Send the agreement"), "{format}: {out}");
    }
    let status = zoe.coach(&[day, "status"]).ok();
    assert!(
        status.contains("## Prospects") && status.contains("coach follow-up --write"),
        "{status}"
    );
    zoe.coach(&[day, "follow-up", "--write"]).ok();
    let json = zoe.coach(&[day, "status", "--format", "json"]).ok();
    assert!(
        json.contains("\"urgency\": \"prospect\"")
            && json.contains("\"kind\": \"prospect-decide\""),
        "{json}"
    );

    // Start: only `status` and `start` change, and the intake is written.
    let err = zoe.coach(&[day, "start", "--date", "2026-03-04"]).fails();
    assert!(err.contains("before the fit conversation"), "{err}");
    let yaml = zoe.read("engagement.yaml");
    let out = zoe
        .coach(&[day, "start", "--date", "2026-03-12", "--time", "17:30"])
        .ok();
    assert_eq!(
        out,
        "engagement.yaml: status: prospect → active\nengagement.yaml: start: 2026-03-05 → 2026-03-12\nsessions/01-2026-03-12.md\n"
    );
    assert_eq!(
        zoe.read("engagement.yaml"),
        yaml.replacen("\nstatus: prospect\n", "\nstatus: active\n", 1)
            .replacen("\nstart: 2026-03-05\n", "\nstart: 2026-03-12\n", 1)
    );
    let intake = zoe.read("sessions/01-2026-03-12.md");
    assert!(
        intake.contains("kind: intake\n") && intake.contains("time: \"17:30\"\n"),
        "{intake}"
    );
    for (args, says) in [
        (vec!["start"], "is active, not a prospect"),
        (vec!["decline", "--reason", "x"], "not a prospect"),
    ] {
        let err = zoe.coach(&[&[day][..], &args[..]].concat()).fails();
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // The fit conversation stays on the schedule, outside the package.
    let schedule = zoe.coach(&[day, "schedule"]).ok();
    assert!(
        schedule.contains("| 0 | – | Thu 2026-03-05 | 16:00 | 30 | fit | held |")
            && schedule.contains("| 1 | 1 | Thu 2026-03-12 | 17:30 | 90 | intake | planned |")
            && schedule
                .contains("| 2 | 2 | Thu 2026-03-19 | 16:00 | 60 | closing | to be scheduled |"),
        "{schedule}"
    );

    // The two sessions, the final reports, the close.
    zoe.coach(&[
        "--today=2026-03-12",
        "mark",
        "1",
        "held",
        "--measure",
        "confidence=4",
    ])
    .ok();
    zoe.coach(&["--today=2026-03-13", "new-session"]).ok();
    zoe.coach(&["--today=2026-03-19", "mark", "2", "held", "--alliance", "9"])
        .ok();
    let last = "--today=2026-03-19";
    zoe.coach(&[last, "report", "--final", "--audience", "client", "--write"])
        .ok();
    zoe.coach(&[last, "report", "--final", "--write"]).ok();
    let attendance = zoe
        .coach(&[last, "report", "--final", "--format", "json"])
        .ok();
    assert!(
        attendance.contains("\"held\": 2"),
        "the fit conversation is not a session of the package: {attendance}"
    );
    zoe.coach(&[last, "close"]).ok();
    for refused in [
        vec!["close"],
        vec!["mark", "2", "no-show"],
        vec!["mark", "0", "cancelled"],
        vec!["start"],
        vec!["decline", "--reason", "late"],
        vec!["new-session"],
    ] {
        let err = zoe.coach(&[&[last][..], &refused[..]].concat()).fails();
        assert!(err.contains("closed"), "{refused:?}: {err}");
    }
}

#[test]
fn a_declined_prospect_is_closed_with_its_reason_and_counted() {
    let (outer, zoe) = prospect();
    let day = "--today=2026-03-06";
    zoe.coach(&[day, "mark", "0", "held"]).ok();
    assert_eq!(zoe.coach(&[day, "decline"]).code(), 2, "--reason is needed");
    let yaml = zoe.read("engagement.yaml");
    let out = zoe
        .coach(&[
            day,
            "decline",
            "--reason",
            "chose an internal mentor: \"for now\"",
        ])
        .ok();
    assert_eq!(
        out,
        "engagement.yaml: status: prospect → closed\nengagement.yaml: closed_on: (not set) → 2026-03-06\nengagement.yaml: closed_reason: (not set) → \"chose an internal mentor: \\\"for now\\\"\"\n"
    );
    assert_eq!(
        zoe.read("engagement.yaml"),
        yaml.replacen("\nstatus: prospect\n", "\nstatus: closed\n", 1)
            + "closed_on: 2026-03-06\nclosed_reason: \"chose an internal mentor: \\\"for now\\\"\"\n"
    );
    zoe.coach(&[day, "check"]).ok();
    let status = outer.coach(&[day, "status"]).ok();
    assert!(
        status.contains("1 closed engagement is not listed.") && !status.contains("Prospects"),
        "{status}"
    );
    for refused in [vec!["start"], vec!["decline", "--reason", "again"]] {
        let err = zoe.coach(&[&[day][..], &refused[..]].concat()).fails();
        assert!(err.contains("closed"), "{refused:?}: {err}");
    }
}

#[test]
fn status_tells_where_each_prospect_stands() {
    let (outer, zoe) = prospect();
    let item = |today: &str| -> String {
        let json = outer.coach(&[today, "status", "--format", "json"]).ok();
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        let items = value["items"].as_array().expect("items").clone();
        assert_eq!(items.len(), 1, "{json}");
        assert_eq!(items[0]["urgency"], "prospect");
        assert_eq!(items[0]["leader"], "Zoë Ångström-Øyen");
        items[0]["kind"].as_str().expect("kind").to_string()
    };
    assert_eq!(item("--today=2026-03-02"), "fit-planned");
    assert_eq!(item("--today=2026-03-06"), "fit-not-marked");
    zoe.coach(&["--today=2026-03-06", "mark", "0", "held"]).ok();
    assert_eq!(item("--today=2026-03-06"), "follow-up-due");
    zoe.coach(&["--today=2026-03-06", "follow-up", "--write"])
        .ok();
    assert!(zoe.file("out/follow-ups/00-2026-03-05.md").is_file());
    assert_eq!(item("--today=2026-03-06"), "prospect-decide");
    std::fs::remove_file(zoe.file("sessions/00-2026-03-05.md")).expect("remove");
    assert_eq!(item("--today=2026-03-06"), "fit-missing");
    let text = outer.coach(&["--today=2026-03-06", "status"]).ok();
    assert!(text.contains("## Prospects\n\n- Zoë Ångström-Øyen (zoe): no fit conversation on file: `coach -C zoe new-session --date YYYY-MM-DD`"), "{text}");
}

#[test]
fn new_session_plans_a_prospects_fit_conversation_and_nothing_more() {
    let (_outer, zoe) = prospect();
    let day = "--today=2026-03-02";
    let fit = zoe.read("sessions/00-2026-03-05.md");
    let err = zoe.coach(&[day, "new-session"]).fails();
    assert!(err.contains("sessions begin with `coach start`"), "{err}");
    std::fs::remove_file(zoe.file("sessions/00-2026-03-05.md")).expect("remove");
    let err = zoe.coach(&[day, "new-session", "--kind", "intake"]).fails();
    assert!(err.contains("--kind fit"), "{err}");
    assert_eq!(
        zoe.coach(&[day, "new-session"]).ok(),
        "sessions/00-2026-03-05.md\n"
    );
    assert_eq!(zoe.read("sessions/00-2026-03-05.md"), fit);
    let sample = Sandbox::sample();
    let err = sample.coach(&["new-session", "--kind", "fit"]).fails();
    assert!(err.contains("the fit conversation comes before"), "{err}");
}

/// What `coach check` printed, refusing.
fn refused_check(sandbox: &Sandbox, today: &str) -> String {
    let run = sandbox.coach(&[today, "check"]);
    run.fails();
    run.stdout() + &run.stderr()
}

#[test]
fn the_fit_conversation_is_checked_for_its_place() {
    let (_outer, zoe) = prospect();
    let day = "--today=2026-03-02";
    let fit = "sessions/00-2026-03-05.md";
    let original = zoe.read(fit);
    let cases = [
        ("kind: fit\n", "kind: intake\n", "E084", ":6:7:"),
        ("minutes: 30\n", "minutes: 90\n", "E031", ":5:10:"),
    ];
    for (from, to, code, at) in cases {
        zoe.write(fit, original.replacen(from, to, 1));
        let err = refused_check(&zoe, day);
        assert!(err.contains(code) && err.contains(at), "{code}: {err}");
    }
    zoe.write(fit, &original);
    zoe.write(
        "sessions/01-2026-03-12.md",
        "---\nsession: 1\ndate: 2026-03-12\nstatus: planned\n---\n",
    );
    let err = refused_check(&zoe, day);
    assert!(
        err.contains("sessions/01-2026-03-12.md:2:10: error[E085]"),
        "{err}"
    );
    std::fs::remove_file(zoe.file("sessions/01-2026-03-12.md")).expect("remove");

    let sample = Sandbox::sample();
    sample.write(
        "sessions/00-2026-01-13.md",
        "---\nsession: 0\ndate: 2026-01-13\nkind: fit\nstatus: held\n---\n",
    );
    let err = refused_check(&sample, "--today=2026-03-24");
    assert!(
        err.contains("sessions/00-2026-01-13.md:3:7: error[E086]"),
        "{err}"
    );
    sample.edit("sessions/03-2026-02-09.md", |t| {
        t.replacen("kind: regular\n", "kind: fit\n", 1)
    });
    let err = refused_check(&sample, "--today=2026-03-24");
    assert!(
        err.contains("error[E084]: session 3 is of kind fit"),
        "{err}"
    );
}

#[test]
fn an_earlier_fit_conversation_changes_nothing_the_engagement_counts() {
    let sample = Sandbox::sample();
    let today = "--today=2026-03-28";
    let before: Vec<String> = [
        vec!["schedule", "--format", "json"],
        vec!["report", "--midpoint", "--format", "json"],
        vec!["status", "--format", "json"],
        vec!["commitments", "--format", "json"],
    ]
    .iter()
    .map(|args| sample.coach(&[&[today][..], &args[..]].concat()).ok())
    .collect();
    sample.write(
        "sessions/00-2026-01-05.md",
        "---\nsession: 0\ndate: 2026-01-05\nkind: fit\nstatus: held\n---\n\n## Agenda\n- Claiming the VP role\n\n## Commitments\n- [ ] Send the agreement, by 2026-01-07\n",
    );
    sample.coach(&[today, "check"]).ok();
    let schedule = sample.coach(&[today, "schedule", "--format", "json"]).ok();
    assert!(schedule.contains("\"kind\": \"fit\""), "{schedule}");
    assert_eq!(
        schedule.replacen(
            &schedule[..schedule.find("  {\n    \"number\": 1,").expect("session 1")],
            "[\n",
            1
        ),
        before[0]
    );
    for (args, expected) in [
        (vec!["report", "--midpoint", "--format", "json"], &before[1]),
        (vec!["status", "--format", "json"], &before[2]),
        (vec!["commitments", "--format", "json"], &before[3]),
    ] {
        assert_eq!(
            &sample.coach(&[&[today][..], &args[..]].concat()).ok(),
            expected,
            "{args:?}"
        );
    }
    let ics = sample.coach(&[today, "schedule", "--ics"]).ok();
    assert!(
        ics.contains("-2026-01-05-fit@coach")
            && ics.contains("SUMMARY:Fit conversation with Alex Morgan"),
        "{ics}"
    );
}

// Regressions from the hostile review of the fit conversation.

#[test]
fn an_interrupted_start_is_finished_by_new_session() {
    // `start` changes engagement.yaml first: stopped before the intake is written,
    // the engagement is active without it, and the coach is told how to go on.
    let (_outer, zoe) = prospect();
    let day = "--today=2026-03-06";
    zoe.coach(&[day, "mark", "0", "held"]).ok();
    zoe.edit("engagement.yaml", |t| {
        t.replacen("\nstatus: prospect\n", "\nstatus: active\n", 1)
            .replacen("\nstart: 2026-03-05\n", "\nstart: 2026-03-12\n", 1)
    });
    let err = zoe.coach(&[day, "start"]).fails();
    assert!(err.contains("`coach new-session` writes it"), "{err}");
    assert_eq!(
        zoe.coach(&[day, "new-session"]).ok(),
        "sessions/01-2026-03-12.md\n"
    );
    let intake = zoe.read("sessions/01-2026-03-12.md");
    assert!(
        intake.contains("kind: intake\n") && intake.contains("## Assessment debrief"),
        "the intake's own template: {intake}"
    );
    zoe.coach(&[day, "check"]).ok();
}

#[test]
fn the_follow_up_carries_only_open_next_steps_and_only_for_a_prospect() {
    let (_outer, zoe) = prospect();
    let day = "--today=2026-03-06";
    zoe.coach(&[day, "mark", "0", "held"]).ok();
    let run = zoe.coach(&[day, "follow-up"]);
    assert!(
        run.stderr().contains("no items under `## Agenda`")
            && run.stderr().contains("no open task items"),
        "{}",
        run.stderr()
    );
    zoe.edit("sessions/00-2026-03-05.md", |t| {
        t.replacen(
            "## Commitments\n",
            "## Commitments\n- [x] DONE-STEP, by 2026-03-09\n- [ ] ~~DROPPED-STEP~~, by 2026-03-09\n- [ ] OPEN-STEP, by 2026-03-09\n",
            1,
        )
    });
    let note = zoe.coach(&[day, "follow-up"]).ok();
    assert!(
        note.contains("OPEN-STEP") && !note.contains("DONE-STEP") && !note.contains("DROPPED-STEP"),
        "{note}"
    );
    // No signed agreement: W051 would ask for one, but not of a declined prospect.
    zoe.edit("engagement.yaml", |t| {
        t.replacen("  signed: 2026-01-05", "  # signed: YYYY-MM-DD", 1)
    });
    zoe.coach(&[day, "decline", "--reason", "not now"]).ok();
    let err = zoe.coach(&[day, "follow-up"]).fails();
    assert!(err.contains("this engagement is closed"), "{err}");
    let check = zoe.coach(&[day, "check"]);
    assert!(!check.stderr().contains("W051"), "{}", check.stderr());
}

#[test]
fn the_intake_begins_after_the_fit_conversation_ends() {
    let (_outer, zoe) = prospect();
    let day = "--today=2026-03-06";
    zoe.coach(&[day, "mark", "0", "held"]).ok();
    for time in ["08:00", "16:15"] {
        let err = zoe
            .coach(&[day, "start", "--date", "2026-03-05", "--time", time])
            .fails();
        assert!(
            err.contains("would begin before the fit conversation"),
            "{err}"
        );
    }
    zoe.coach(&[day, "start", "--date", "2026-03-05", "--time", "16:30"])
        .ok();
}

#[test]
fn files_check_would_reject_are_never_written() {
    let (_outer, zoe) = prospect();
    let day = "--today=2026-03-02";
    std::fs::remove_file(zoe.file("sessions/00-2026-03-05.md")).expect("remove");
    let err = zoe.coach(&[day, "new-session", "--minutes", "90"]).fails();
    assert!(err.contains("E031") && err.contains("not written"), "{err}");
    assert!(common::session_files(&zoe.file("sessions")).is_empty());
    let sample = Sandbox::sample();
    let err = sample.coach(&["new-session", "--minutes", "180"]).fails();
    assert!(err.contains("E031"), "{err}");
    assert_eq!(common::session_files(&sample.file("sessions")).len(), 9);
}

#[test]
fn readings_written_into_the_fit_file_are_flagged() {
    let (_outer, zoe) = prospect();
    zoe.edit("sessions/00-2026-03-05.md", |t| {
        t.replacen(
            "status: planned\n",
            "status: planned\nalliance: 8\nfocus: [x]\n",
            1,
        )
    });
    let run = zoe.coach(&["--today=2026-03-02", "check"]);
    let out = run.stdout() + &run.stderr();
    assert!(
        out.contains("warning[W087]: `alliance` in the fit conversation is never used")
            && out.contains("warning[W087]: `focus`"),
        "{out}"
    );
}

#[test]
fn bad_times_and_invisible_reasons_are_usage_errors() {
    let (_outer, zoe) = prospect();
    let day = "--today=2026-03-06";
    zoe.coach(&[day, "mark", "0", "held"]).ok();
    assert_eq!(zoe.coach(&[day, "start", "--time", "09:60"]).code(), 2);
    assert_eq!(
        zoe.coach(&[day, "new-session", "--time", "25:00"]).code(),
        2
    );
    for reason in ["a \u{202e}live", "zero\u{200b}width", "line\nbreak"] {
        let run = zoe.coach(&[day, "decline", "--reason", reason]);
        assert_eq!(run.code(), 2, "{reason:?}: {}", run.stderr());
    }
    assert!(zoe.read("engagement.yaml").contains("\nstatus: prospect\n"));
}

#[test]
fn a_missed_fit_conversation_is_rescheduled_or_declined() {
    let (outer, zoe) = prospect();
    let day = "--today=2026-03-06";
    zoe.coach(&[day, "mark", "0", "no-show"]).ok();
    let status = outer.coach(&[day, "status"]).ok();
    assert!(
        status.contains("was a no-show: give its file a new `date:`")
            && status.contains("coach -C zoe mark 0 planned"),
        "{status}"
    );
    let err = zoe.coach(&[day, "follow-up"]).fails();
    assert!(
        err.contains("there is no conversation to follow up"),
        "{err}"
    );
}

#[test]
fn status_lists_the_fit_conversations_overdue_next_steps_with_the_prospect() {
    let (outer, zoe) = prospect();
    write_the_fit_conversation(&zoe);
    zoe.coach(&["--today=2026-03-05", "mark", "0", "held"]).ok();
    let before = outer.coach(&["--today=2026-03-09", "status"]).ok();
    assert!(!before.contains("next step"), "{before}");
    let after = outer.coach(&["--today=2026-03-10", "status"]).ok();
    assert!(
        after.contains("## Prospects")
            && after.contains("next step 0.1 from the fit conversation, due 2026-03-09: Send the agreement and dates for the intake"),
        "{after}"
    );
    zoe.coach(&["--today=2026-03-10", "decline", "--reason", "no budget"])
        .ok();
    let closed = outer.coach(&["--today=2026-03-10", "status"]).ok();
    assert!(!closed.contains("next step"), "{closed}");
}
