//! `coach mark`: only the keys named change, byte for byte; everything that
//! would make the file wrong, or could lose what the coach wrote, is refused.

mod common;

use common::Sandbox;

const S9: &str = "sessions/09-2026-03-26.md";
const AFTER: &str = "--today=2026-03-28";

/// `coach mark ARGS` on the sample after `edit`: asserts it fails leaving
/// session 9 as it was, and returns its message.
fn refused(edit: impl FnOnce(String) -> String, args: &[&str]) -> String {
    let sandbox = Sandbox::sample();
    sandbox.edit(S9, edit);
    let before = sandbox.read(S9);
    let err = sandbox
        .coach(&[&[AFTER, "mark", "9"][..], args].concat())
        .fails();
    assert_eq!(sandbox.read(S9), before);
    err
}

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
    let multi_line = |t: String| {
        t.replace(
            "status: planned\n",
            "status: planned\nshift: >\n  one\n  two\n",
        )
    };
    let err = refused(multi_line, &["held", "--shift", "new"]);
    assert!(
        err.contains("`shift` (line 8) spans several lines"),
        "{err}"
    );
}

#[test]
fn a_file_with_errors_or_a_link_is_not_edited() {
    let err = refused(|t| t.replace("minutes: 60", "minutes: 5"), &["held"]);
    assert!(err.contains("E031"), "{err}");

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

#[test]
fn runs_at_once_take_turns_and_no_change_is_lost() {
    let sandbox = Sandbox::sample();
    let ids = ["confidence", "revisions", "escalations", "sales-pulse"];
    let runs: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let sandbox = &sandbox;
                scope.spawn(move || {
                    let reading = format!("{id}={}", i + 2);
                    sandbox
                        .coach(&[AFTER, "mark", "9", "held", "--measure", &reading])
                        .code()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    assert_eq!(runs, [0, 0, 0, 0]);
    let text = sandbox.read(S9);
    for (i, id) in ids.iter().enumerate() {
        assert!(
            text.contains(&format!("{id}: {}", i + 2)),
            "{id} lost:\n{text}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_private_file_stays_private_and_a_read_only_one_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::sample();
    let file = sandbox.file(S9);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    sandbox.coach(&[AFTER, "mark", "9", "held"]).ok();
    let mode = std::fs::metadata(&file).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let err = sandbox.coach(&[AFTER, "mark", "9", "cancelled"]).fails();
    assert!(err.contains("read-only"), "{err}");
    assert!(sandbox.read(S9).contains("status: held\n"));
}

#[test]
fn a_session_number_in_two_files_is_not_guessed() {
    let sandbox = Sandbox::sample();
    let twin = sandbox
        .read(S9)
        .replace("date: 2026-03-26", "date: 2026-03-27");
    sandbox.write("sessions/09-2026-03-27.md", twin);
    let err = sandbox.coach(&[AFTER, "mark", "9", "held"]).fails();
    assert!(err.contains("E044"), "{err}");
    assert!(sandbox.read(S9).contains("status: planned\n"));
}

#[test]
fn measure_ids_and_numbers_are_written_as_yaml_reads_them() {
    let sandbox = Sandbox::sample();
    for bad in [
        "on=3",
        "1e3=3",
        "007=1",
        "x=1e5",
        "x=.5",
        "x=5.",
        "x=1234567890",
    ] {
        let run = sandbox.coach(&[AFTER, "mark", "9", "held", "--measure", bad]);
        assert_eq!(run.code(), 2, "{bad}: {}", run.stderr());
    }
    let out = sandbox
        .coach(&[
            AFTER,
            "mark",
            "9",
            "held",
            "--measure",
            "confidence=007",
            "--measure",
            "revisions=-0.0",
        ])
        .ok();
    assert!(
        out.contains("measures.confidence: (not set) → 7\n"),
        "{out}"
    );
    assert!(
        out.contains("measures.revisions: (not set) → 0.0\n"),
        "{out}"
    );
}

#[test]
fn readings_belong_to_a_held_session() {
    let sandbox = Sandbox::sample();
    let before = sandbox.read(S9);
    let err = sandbox
        .coach(&["mark", "9", "cancelled", "--alliance", "2"])
        .fails();
    assert!(
        err.contains("readings are taken at a held session"),
        "{err}"
    );
    assert_eq!(sandbox.read(S9), before);
}

#[test]
fn a_layout_coach_cannot_extend_is_refused_with_its_reason() {
    let end_marker = |t: String| {
        t.replacen(
            "focus: [delegation, authority]\n---\n",
            "focus: [delegation, authority]\n...\n---\n",
            1,
        )
    };
    let err = refused(end_marker, &["held", "--alliance", "7"]);
    assert!(
        err.contains("coach cannot set `alliance` in this front matter as it is written"),
        "{err}"
    );
}
