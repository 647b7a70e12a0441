//! `coach check` on the sample and on each class of bad input.

mod common;

use common::Sandbox;

const S2: &str = "sessions/02-2026-01-26.md";

fn check_output(sandbox: &Sandbox) -> String {
    sandbox.coach(&["check"]).stdout()
}

#[test]
fn the_sample_engagement_is_clean() {
    let sandbox = Sandbox::sample();
    let run = sandbox.coach(&["check"]);
    assert_eq!(run.ok(), "");
    assert_eq!(
        run.stderr(),
        "checked 1 engagement, 9 session files: 0 errors, 0 warnings\n"
    );
}

#[test]
fn broken_front_matter_is_reported_as_file_line_column() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S2, |t| t.replace("status: held\n", "status: [held\n"));
    let run = sandbox.coach(&["check"]);
    assert_eq!(run.code(), 1);
    let out = run.stdout();
    assert!(out.starts_with("sessions/02-2026-01-26.md:7:"), "{out}");
    assert!(out.contains(": error[E"), "{out}");
}

#[test]
fn each_bad_input_class_gets_a_located_message() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "missing front matter",
            "# Notes\n",
            "sessions/02-2026-01-26.md:1:1: error[E020]: no front matter",
        ),
        (
            "unclosed front matter",
            "---\nsession: 2\n",
            "sessions/02-2026-01-26.md:1:1: error[E021]: unclosed front matter",
        ),
        (
            "wrong type",
            "---\nsession: nine\ndate: 2026-01-26\nstatus: held\n---\n",
            "sessions/02-2026-01-26.md:2:10: error[E014]: expected a whole number",
        ),
        (
            "impossible date",
            "---\nsession: 2\ndate: 2026-02-30\nstatus: held\n---\n",
            "sessions/02-2026-01-26.md:3:7: error[E016]: impossible date",
        ),
        (
            "unknown value",
            "---\nsession: 2\ndate: 2026-01-26\nstatus: helld\n---\n",
            "did you mean `held`?",
        ),
        (
            "duplicate key",
            "---\nsession: 2\nsession: 3\ndate: 2026-01-26\nstatus: held\n---\n",
            "sessions/02-2026-01-26.md:3:1: error[E011]: key `session` appears twice",
        ),
        (
            "missing key",
            "---\nsession: 2\ndate: 2026-01-26\n---\n",
            "missing field `status`",
        ),
    ];
    for (what, text, expected) in cases {
        let sandbox = Sandbox::sample();
        sandbox.write(S2, text);
        let run = sandbox.coach(&["check"]);
        assert_eq!(run.code(), 1, "{what}");
        assert!(run.stdout().contains(expected), "{what}: {}", run.stdout());
        assert!(
            run.stderr().contains("9 session files"),
            "{what}: the other files are still checked: {}",
            run.stderr()
        );
    }
}

#[test]
fn references_between_files_are_checked() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S2, |t| {
        t.replace(
            "focus: [authority, delegation]",
            "focus: [authorty, delegation]",
        )
        .replace(
            "measures: {confidence: 5, escalations: 11}",
            "measures: {confidense: 5, escalations: 11}",
        )
        .replace("(1.3) Log every", "(1.9) Log every")
        .replace(
            ", by 2026-02-09\n  - Success: each director",
            "\n  - Success: each director",
        )
    });
    let out = check_output(&sandbox);
    assert!(out.contains("sessions/02-2026-01-26.md:8:9: error[E045]: unknown objective `authorty`: did you mean `authority`?"), "{out}");
    assert!(
        out.contains("error[E046]: unknown measure `confidense`: did you mean `confidence`?"),
        "{out}"
    );
    assert!(
        out.contains("error[E070]: (1.9) is not a commitment: session 1 has no item 9"),
        "{out}"
    );
    assert!(
        out.contains("warning[W067]: commitment 2.2 has no due date"),
        "{out}"
    );
}

#[test]
fn file_names_and_duplicate_numbers_are_checked() {
    let sandbox = Sandbox::sample();
    let text = sandbox.read(S2);
    sandbox.write("sessions/02-2026-01-27.md", text);
    let out = check_output(&sandbox);
    assert!(
        out.contains(
            "sessions/02-2026-01-27.md:2:10: error[E044]: session 2 is also 02-2026-01-26.md"
        ),
        "{out}"
    );
    assert!(out.contains("sessions/02-2026-01-27.md:3:7: warning[W043]: the file name disagrees with the session's date: rename the file to 02-2026-01-26.md"), "{out}");
}

#[test]
fn binary_and_non_utf8_files_are_named() {
    let sandbox = Sandbox::sample();
    sandbox.write(S2, b"---\nsession: 2\n\xff\xfe\n---\n");
    sandbox.write("sessions/03-2026-02-09.md", b"\x89PNG\r\n\x1a\n\0\0\0");
    let out = check_output(&sandbox);
    assert!(
        out.contains("sessions/02-2026-01-26.md:3:1: error[E001]: not UTF-8 text"),
        "{out}"
    );
    assert!(
        out.contains("sessions/03-2026-02-09.md:3:1: error[E001]: binary file"),
        "{out}"
    );
}

#[test]
fn a_bom_with_crlf_line_endings_is_valid() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S2, |t| format!("\u{feff}{}", t.replace('\n', "\r\n")));
    sandbox.coach(&["check"]).ok();
    let summary = sandbox.coach(&["summary", "2"]).ok();
    assert!(
        summary.contains("Talk directly with Sam before the next ELT meeting"),
        "{summary}"
    );
}

#[test]
fn engagement_yaml_problems_are_located() {
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replace("cadence: biweekly\n", "cadence: biweekley\n")
            .replace("session_minutes: 60", "session_minutes: 30")
    });
    let out = check_output(&sandbox);
    assert!(
        out.contains(
            "engagement.yaml:11:10: error[E012]: unknown value `biweekley`: did you mean `biweekly`?"
        ),
        "{out}"
    );
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replace("session_minutes: 60", "session_minutes: 30")
    });
    let out = check_output(&sandbox);
    assert!(
        out.contains("engagement.yaml:15:18: error[E031]: session_minutes is 30: a session lasts 45 to 90 minutes"),
        "{out}"
    );
}

#[test]
fn a_practice_is_checked_engagement_by_engagement() {
    let practice = Sandbox::empty();
    common::copy_dir(
        &common::repo().join("sample-engagement"),
        &practice.file("clients/dana"),
    );
    common::copy_dir(
        &common::repo().join("sample-engagement"),
        &practice.file("clients/archive/sam"),
    );
    practice.write(
        "clients/archive/sam/sessions/03-2026-02-09.md",
        "no front matter\n",
    );
    let run = practice.coach(&["check"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stdout(),
        "clients/archive/sam/sessions/03-2026-02-09.md:1:1: error[E020]: no front matter: a session file starts with a line `---`, then YAML such as `session: 1`, then `---`\n  |\n1 | no front matter\n  | ^\n  |\n  = help: start the file with a line `---`, the YAML, then a line `---`\n\n"
    );
    assert!(
        run.stderr()
            .starts_with("checked 2 engagements, 18 session files: 1 error"),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_unreadable_engagement_file_is_named() {
    let sandbox = Sandbox::sample();
    std::fs::remove_file(sandbox.file("engagement.yaml")).unwrap();
    std::fs::create_dir(sandbox.file("engagement.yaml")).unwrap();
    let run = sandbox.coach(&["check", "."]);
    assert_eq!(run.code(), 1, "{} {}", run.stdout(), run.stderr());
    assert!(!run.stderr().contains("panicked"));
}

#[test]
fn misspelt_headings_and_placeholders_are_flagged() {
    let sandbox = Sandbox::sample();
    sandbox.edit("sessions/03-2026-02-09.md", |t| {
        t.replace("## Commitments\n", "## Comitments\n")
    });
    sandbox.edit("engagement.yaml", |t| {
        t.replace("organization: Northwind Logistics", "organization: TODO")
    });
    let out = check_output(&sandbox);
    assert!(
        out.contains(
            "sessions/03-2026-02-09.md:28:1: warning[W064]: heading `Comitments` looks like `Commitments`"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "sessions/03-2026-02-09.md: warning[W065]: held session without a `## Commitments` section"
        ),
        "{out}"
    );
    assert!(
        out.contains("engagement.yaml:3:15: warning[W036]: `TODO` is still a placeholder"),
        "{out}"
    );
}
