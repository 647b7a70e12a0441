//! `coach mark`: only the keys named change, byte for byte; everything that
//! would make the file wrong, or could lose what the coach wrote, is refused.

mod common;

use common::Sandbox;

const S9: &str = "sessions/09-2026-03-26.md";
const AFTER: &str = "--today=2026-03-28";

#[test]
fn marking_a_session_changes_only_the_keys_named() {
    let sandbox = Sandbox::sample();
    let before = sandbox.read(S9);
    let out = sandbox
        .coach(&[
            AFTER,
            "mark",
            "9",
            "held",
            "--alliance",
            "9",
            "--measure",
            "confidence=7",
            "--shift",
            "You saw \"done\" can be Keiko's call",
        ])
        .ok();
    assert_eq!(
        out,
        "sessions/09-2026-03-26.md: status: planned → held\n\
         sessions/09-2026-03-26.md: alliance: (not set) → 9\n\
         sessions/09-2026-03-26.md: measures.confidence: (not set) → 7\n\
         sessions/09-2026-03-26.md: shift: (not set) → \"You saw \\\"done\\\" can be Keiko's call\"\n"
    );
    let expected = before
        .replace("status: planned\n", "status: held\n")
        .replacen(
            "focus: [delegation, authority]\n---\n",
            "focus: [delegation, authority]\nalliance: 9\nmeasures: {confidence: 7}\nshift: \"You saw \\\"done\\\" can be Keiko's call\"\n---\n",
            1,
        );
    assert_eq!(sandbox.read(S9), expected);
    sandbox.coach(&[AFTER, "check"]).ok();
    let summary = sandbox.coach(&[AFTER, "summary", "9"]).ok();
    assert!(
        summary.contains("You saw \"done\" can be Keiko's call"),
        "{summary}"
    );
}

#[test]
fn comments_quoting_crlf_and_the_body_survive_byte_for_byte() {
    let sandbox = Sandbox::sample();
    let original = "\u{feff}---\r\nsession: 9   # ninth\r\ndate: 2026-03-26\r\ntime: \"09:00\"\r\nminutes: 60\r\nkind: regular\r\nstatus: 'planned'   # not yet\r\nfocus: [delegation, authority]\r\nmeasures:\r\n  confidence: 5     # before ELT\r\nalliance: 7\r\n---\r\n\r\n## Check-in\r\nstatus: planned\r\n\r\n## Core work\r\nPrivate words.\r\n";
    sandbox.write(S9, original);
    sandbox
        .coach(&[
            AFTER,
            "mark",
            "9",
            "held",
            "--measure",
            "confidence=6",
            "--measure",
            "revisions=3",
            "--alliance",
            "8",
        ])
        .ok();
    let expected = original
        .replace("status: 'planned'", "status: held")
        .replace("confidence: 5 ", "confidence: 6 ")
        .replace("# before ELT\r\n", "# before ELT\r\n  revisions: 3\r\n")
        .replace("alliance: 7", "alliance: 8");
    assert_eq!(sandbox.read(S9), expected);
}

#[test]
fn a_session_after_today_cannot_be_held_or_missed_but_can_be_cancelled() {
    let sandbox = Sandbox::sample();
    let before = sandbox.read(S9);
    for status in ["held", "no-show"] {
        let err = sandbox.coach(&["mark", "9", status]).fails();
        assert!(
            err.contains("session 9 is on 2026-03-26, after today (2026-03-24)"),
            "{err}"
        );
    }
    assert_eq!(sandbox.read(S9), before);
    sandbox.coach(&["mark", "9", "cancelled"]).ok();
    assert!(sandbox.read(S9).contains("status: cancelled\n"));
}

#[test]
fn values_check_would_reject_are_refused_and_nothing_is_written() {
    let sandbox = Sandbox::sample();
    let before = sandbox.read(S9);
    let err = sandbox
        .coach(&[AFTER, "mark", "9", "held", "--measure", "nosuch=3"])
        .fails();
    assert!(err.contains("E046: unknown measure `nosuch`"), "{err}");
    for bad in [
        vec!["mark", "9", "held", "--alliance", "11"],
        vec!["mark", "9", "held", "--measure", "confidence=1e5"],
        vec!["mark", "9", "held", "--measure", "confidence"],
        vec!["mark", "9", "done"],
        vec!["mark", "9", "held", "--shift", "one\nshift: two"],
    ] {
        let run = sandbox.coach(&[&[AFTER][..], &bad[..]].concat());
        assert_eq!(run.code(), 2, "{bad:?}: {}", run.stderr());
    }
    assert_eq!(sandbox.read(S9), before);
    let err = sandbox.coach(&[AFTER, "mark", "12", "held"]).fails();
    assert!(err.contains("there is no session 12"), "{err}");
}

#[test]
fn what_cannot_be_edited_in_place_is_refused_not_rewritten() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S9, |t| {
        t.replace(
            "status: planned\n",
            "status: planned\nshift: >\n  one\n  two\n",
        )
    });
    let before = sandbox.read(S9);
    let err = sandbox
        .coach(&[AFTER, "mark", "9", "held", "--shift", "new"])
        .fails();
    assert!(
        err.contains("`shift` (line 8) spans several lines"),
        "{err}"
    );
    assert_eq!(sandbox.read(S9), before);
}

#[test]
fn a_file_with_errors_or_a_link_is_not_edited() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S9, |t| t.replace("minutes: 60", "minutes: 5"));
    let before = sandbox.read(S9);
    let err = sandbox.coach(&[AFTER, "mark", "9", "held"]).fails();
    assert!(err.contains("E031"), "{err}");
    assert_eq!(sandbox.read(S9), before);

    #[cfg(unix)]
    {
        let linked = Sandbox::sample();
        let target = linked.path().join("elsewhere.md");
        std::fs::rename(linked.file(S9), &target).expect("move");
        std::os::unix::fs::symlink(&target, linked.file(S9)).expect("link");
        let run = linked.coach(&[AFTER, "mark", "9", "held"]);
        assert_eq!(run.code(), 1, "{}", run.stderr());
        assert!(
            std::fs::read_to_string(&target)
                .expect("read")
                .contains("status: planned")
        );
    }
}

#[test]
fn a_closed_engagement_is_not_changed() {
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replacen("status: active", "status: closed", 1)
    });
    let before = sandbox.read(S9);
    let err = sandbox.coach(&[AFTER, "mark", "9", "held"]).fails();
    assert!(err.contains("this engagement is closed"), "{err}");
    assert_eq!(sandbox.read(S9), before);
}
