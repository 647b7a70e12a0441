//! The hostile corpus: every class of bad input through every command. Each ends in
//! a message naming the file, exit 1, and no panic or hang; valid oddities pass.

mod common;

use std::time::Duration;

use assert_cmd::Command;
use common::{Sandbox, TODAY, repo};

const TARGET: &str = "sessions/02-2026-01-26.md";
const COMMANDS: &[&[&str]] = &[
    &["check"],
    &["status"],
    &["new-session"],
    &["prompt"],
    &["summary"],
    &["report", "--midpoint"],
    &["commitments"],
    &["schedule"],
    &["show"],
];

/// Runs coach with a hang guard (not a timing assertion: a hang would be a bug).
fn run(sandbox: &Sandbox, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("coach")
        .expect("the coach binary")
        .current_dir(sandbox.path())
        .env("COACH_TODAY", TODAY)
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .expect("coach runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        !text.contains("panicked"),
        "coach {args:?} panicked: {text}"
    );
    (output.status.code().unwrap_or(-1), text)
}

fn assert_rejected(sandbox: &Sandbox, class: &str, named: &str, message: &str) {
    for args in COMMANDS {
        let (code, text) = run(sandbox, args);
        assert_eq!(code, 1, "{class}: coach {args:?} exits 1: {text}");
        assert!(
            text.contains(named),
            "{class}: coach {args:?} names {named}: {text}"
        );
        assert!(
            text.contains(message),
            "{class}: coach {args:?} says `{message}`: {text}"
        );
    }
}

#[test]
fn each_malformed_file_is_named_with_its_position_by_every_command() {
    let cases = [
        ("no-front-matter.md", ":1:1: error[E020]: no front matter"),
        (
            "unclosed-front-matter.md",
            ":1:1: error[E021]: unclosed front matter",
        ),
        ("impossible-date.md", ":3:7: error[E016]: impossible date"),
        (
            "wrong-type.md",
            ":2:10: error[E014]: expected a whole number",
        ),
        (
            "tab-indentation.md",
            ":6:2: error[E010]: tabs disallowed within this context (block indentation): YAML is indented with spaces, not tabs",
        ),
        (
            "duplicate-keys.md",
            ":5:1: error[E011]: key `status` appears twice",
        ),
        (
            "deep-nesting.md",
            ":5:263: error[E015]: the YAML is nested too deeply",
        ),
        (
            "alias-bomb.md",
            ":6:13: error[E008]: an alias (`*name`) repeats a value written elsewhere",
        ),
        ("non-utf8.md", ":5:11: error[E001]: not UTF-8 text"),
        ("binary.md", ":3:1: error[E001]: binary file"),
    ];
    for (class, message) in cases {
        let sandbox = Sandbox::sample();
        std::fs::copy(
            repo().join("tests/hostile").join(class),
            sandbox.file(TARGET),
        )
        .unwrap();
        assert_rejected(&sandbox, class, TARGET, message);
    }
}

#[test]
fn valid_oddities_are_accepted() {
    for class in ["bom-crlf.md", "deep-markdown.md"] {
        let sandbox = Sandbox::sample();
        std::fs::copy(
            repo().join("tests/hostile").join(class),
            sandbox.file(TARGET),
        )
        .unwrap();
        let (_, text) = run(&sandbox, &["check"]);
        assert!(
            !text.contains(&format!("{TARGET}:")),
            "{class} is valid: {text}"
        );
    }
}

#[test]
fn a_two_megabyte_line_is_read_quickly_and_kept_out_of_summaries() {
    let sandbox = Sandbox::sample();
    sandbox.edit(TARGET, |t| {
        t.replace(
            "## Core work\n",
            &format!("## Core work\n{}\n", "x".repeat(2_000_000)),
        )
    });
    let (code, text) = run(&sandbox, &["check"]);
    assert_eq!(code, 0, "{text}");
    assert!(sandbox.coach(&["summary", "2"]).ok().len() < 5_000);
    sandbox.edit(TARGET, |t| {
        t.replace(
            "shift: Reframed",
            &format!("shift: {} Reframed", "y".repeat(2_000_000)),
        )
    });
    assert_eq!(run(&sandbox, &["check"]).0, 0);
}

/// A class of bad entry: its name, how to make it, and the message expected.
type Case = (&'static str, fn(&Sandbox), &'static str);

#[cfg(unix)]
#[test]
fn files_over_sixteen_megabytes_are_refused_unread() {
    // A session file found by the listing (its size kept by the read itself) and
    // engagement.yaml (its size known before it is read).
    for (target, size) in [(TARGET, "more than 16 MB"), ("engagement.yaml", "17 MB")] {
        let sandbox = Sandbox::sample();
        let mut text = sandbox.read(target);
        text.push_str(&format!("\n<!-- {} -->\n", "x".repeat(17_000_000)));
        sandbox.write(target, &text);
        assert_rejected(
            &sandbox,
            "a huge file",
            target,
            &format!("error[E003]: {size} is too large for a session or engagement file"),
        );
    }
}

#[test]
fn links_pipes_and_folders_in_place_of_files_are_named() {
    use std::os::unix::fs::symlink;
    let cases: [Case; 4] = [
        (
            "symlink loop",
            |s| symlink("loop.md", s.file("sessions/loop.md")).unwrap(),
            "sessions/loop.md: error[E004]: cannot read: too many levels of symbolic links",
        ),
        (
            "removed file",
            |s| symlink("removed.md", s.file("sessions/10-2026-04-02.md")).unwrap(),
            "sessions/10-2026-04-02.md: error[E004]: cannot read: the file is gone",
        ),
        (
            "folder",
            |s| std::fs::create_dir(s.file("sessions/10-2026-04-02.md")).unwrap(),
            "sessions/10-2026-04-02.md: error[E002]: a folder: expected a text file here",
        ),
        (
            "pipe",
            |s| {
                let status = std::process::Command::new("mkfifo")
                    .arg(s.file("sessions/10-2026-04-02.md"))
                    .status()
                    .unwrap();
                assert!(status.success());
            },
            "sessions/10-2026-04-02.md: error[E002]: not a regular file",
        ),
    ];
    for (class, make, message) in cases {
        let sandbox = Sandbox::sample();
        make(&sandbox);
        assert_rejected(&sandbox, class, "sessions/", message);
    }
}

#[cfg(unix)]
#[test]
fn a_practice_walk_reports_a_folder_loop_and_goes_on() {
    let practice = Sandbox::empty();
    common::copy_dir(
        &repo().join("sample-engagement"),
        &practice.file("clients/dana"),
    );
    std::fs::create_dir_all(practice.file("clients/archive")).unwrap();
    std::os::unix::fs::symlink("..", practice.file("clients/archive/up")).unwrap();
    let (code, text) = run(&practice, &["check"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("clients/archive/up: error[E004]: cannot read: symbolic link loop: skipped"),
        "{text}"
    );
    assert!(
        text.contains("checked 1 engagement, 9 session files"),
        "{text}"
    );
    let (code, text) = run(&practice, &["status"]);
    assert_eq!(code, 1);
    assert!(
        text.contains("summary of session 8"),
        "the rest is still shown: {text}"
    );
}

#[test]
fn a_broken_engagement_yaml_stops_nothing_else_in_a_practice() {
    let practice = Sandbox::empty();
    common::copy_dir(&repo().join("sample-engagement"), &practice.file("a"));
    common::copy_dir(&repo().join("sample-engagement"), &practice.file("b"));
    practice.write("a/engagement.yaml", "client: {name: [unclosed\n");
    let (code, text) = run(&practice, &["status"]);
    assert_eq!(code, 1);
    assert!(text.contains("a/engagement.yaml:1:"), "{text}");
    assert!(
        text.contains("Dana Reyes (b): summary of session 8"),
        "{text}"
    );
}

#[test]
fn numbers_and_dates_at_the_edges_of_their_types_are_refused_not_overflowed() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "date: 2026-01-26",
            "date: +262142-12-30",
            "is not a plausible date",
        ),
        (
            "session: 2\n",
            "session: 4294967295\n",
            "is out of range: sessions are numbered from 1 to 999",
        ),
        (
            "minutes: 60",
            "minutes: 4294967295",
            "minutes is 4294967295: a session lasts 45 to 90 minutes",
        ),
    ];
    for (from, to, message) in cases {
        let sandbox = Sandbox::sample();
        sandbox.edit(TARGET, |t| t.replacen(from, to, 1));
        assert_rejected(&sandbox, to, TARGET, message);
    }
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replace(
            "package: accelerated",
            "package: custom\nsessions: 4000000000",
        )
    });
    assert_rejected(
        &sandbox,
        "huge package",
        "engagement.yaml",
        "more than 200 sessions",
    );
    assert_eq!(
        sandbox.coach(&["--today", "99999-01-01", "check"]).code(),
        2
    );
}
