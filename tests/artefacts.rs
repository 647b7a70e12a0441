//! `coach agenda`, `prompt` and `summary`: snapshots, confidentiality canaries,
//! determinism, email drafts and `--write`.

mod common;

use common::Sandbox;

const FORMATS: [&str; 5] = ["md", "text", "html", "eml", "json"];

#[test]
fn snapshots_of_every_artefact_in_every_format() {
    let sandbox = Sandbox::sample();
    for (command, session) in [
        ("agenda", "9"),
        ("agenda", "7"),
        ("agenda", "1"),
        ("prompt", "9"),
        ("prompt", "13"),
        ("summary", "8"),
    ] {
        for format in FORMATS {
            let out = sandbox.coach(&[command, session, "--format", format]).ok();
            insta::assert_snapshot!(format!("{command}-{session}-{format}"), out);
        }
    }
}

#[test]
fn defaults_pick_the_next_session_and_the_last_held_one() {
    let sandbox = Sandbox::sample();
    assert_eq!(
        sandbox.coach(&["agenda"]).ok(),
        sandbox.coach(&["agenda", "9"]).ok()
    );
    assert_eq!(
        sandbox.coach(&["prompt"]).ok(),
        sandbox.coach(&["prompt", "9"]).ok()
    );
    assert_eq!(
        sandbox.coach(&["summary"]).ok(),
        sandbox.coach(&["summary", "8"]).ok()
    );
}

#[test]
fn the_agenda_is_time_boxed_from_the_session_start() {
    let sandbox = Sandbox::sample();
    sandbox.edit("sessions/09-2026-03-26.md", |t| {
        t.replace("time: \"09:00\"", "time: \"14:30\"")
    });
    let agenda = sandbox.coach(&["agenda", "9"]).ok();
    for row in [
        "| 14:30–14:40 | Check-in |",
        "| 14:40–14:45 | Agenda |",
        "| 14:45–15:20 | Core work |",
        "| 15:20–15:28 | Commitments |",
        "| 15:28–15:30 | Close |",
    ] {
        assert!(agenda.contains(row), "{row} in {agenda}");
    }
    let short = sandbox.coach(&["agenda", "5"]).ok();
    assert!(short.contains("12:30–13:15 EST · 45 minutes"), "{short}");
}

#[test]
fn the_prompt_names_the_send_window_and_review_questions() {
    let sandbox = Sandbox::sample();
    let run = sandbox.coach(&["prompt", "9"]);
    assert_eq!(
        run.stderr(),
        "send between Tuesday 24 March 2026, 09:00 EDT and Wednesday 25 March 2026, 09:00 EDT\n"
    );
    let closing = sandbox.coach(&["prompt", "13"]).ok();
    assert!(
        closing.contains("Which new habits do you most want to sustain"),
        "{closing}"
    );
    let late = sandbox.coach(&["--today", "2026-03-26", "prompt", "9"]);
    assert!(
        late.stderr().contains("the window has passed: send it now"),
        "{}",
        late.stderr()
    );
}

#[test]
fn nothing_confidential_reaches_any_artefact_in_any_format() {
    let sandbox = Sandbox::sample();
    let canaries = common::plant_canaries(&sandbox);
    sandbox.coach(&["check"]).ok();
    let mut runs = Vec::new();
    for format in FORMATS {
        for n in ["1", "2", "3", "5", "6", "7", "8", "9", "10", "13"] {
            runs.push(vec!["agenda", n, "--format", format]);
        }
        for n in ["1", "2", "3", "5", "6", "7", "8"] {
            runs.push(vec!["summary", n, "--format", format]);
        }
        runs.push(vec!["prompt", "9", "--format", format]);
        runs.push(vec!["prompt", "13", "--format", format]);
    }
    for args in runs {
        let run = sandbox.coach(&args);
        let all = format!("{}{}", run.ok(), run.stderr());
        for canary in &canaries {
            assert!(
                !all.contains(canary.as_str()),
                "{canary} leaked into `coach {}`",
                args.join(" ")
            );
        }
    }
}

#[test]
fn the_same_files_give_the_same_bytes() {
    let sandbox = Sandbox::sample();
    for command in ["agenda", "prompt", "summary"] {
        for format in FORMATS {
            let first = sandbox.coach(&[command, "--format", format]).0.stdout;
            let second = sandbox.coach(&[command, "--format", format]).0.stdout;
            assert_eq!(first, second, "{command} --format {format}");
        }
    }
}

#[test]
fn the_email_draft_parses_and_is_addressed_from_the_files() {
    let sandbox = Sandbox::sample();
    let raw = sandbox.coach(&["summary", "8", "--format", "eml"]).0.stdout;
    let message = mail_parser::MessageParser::default()
        .parse(&raw)
        .expect("a MIME message");
    let address = |a: Option<&mail_parser::Address>| {
        a.and_then(|a| a.first())
            .and_then(|a| a.address())
            .map(str::to_string)
    };
    assert_eq!(
        address(message.to()).as_deref(),
        Some("dana.reyes@northwind.example")
    );
    assert_eq!(
        address(message.from()).as_deref(),
        Some("alex@morgan-coaching.example")
    );
    assert_eq!(
        message.subject(),
        Some("Summary of our session on Thursday 19 March 2026")
    );
    assert_eq!(
        message.date().map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-03-19T14:00:00Z")
    );
    let text = message.body_text(0).expect("text part");
    assert!(
        text.contains("Tell Keiko what she valued in the carrier decision"),
        "{text}"
    );
    let html = message.body_html(0).expect("html part");
    assert!(html.contains("<h2>Your commitments</h2>"), "{html}");
}

#[test]
fn write_saves_under_out_and_keeps_the_first_file() {
    let sandbox = Sandbox::sample();
    let path = sandbox.coach(&["prompt", "--write"]).ok();
    assert_eq!(path.trim(), "out/prompts/09-2026-03-26.md");
    sandbox.write("out/prompts/09-2026-03-26.md", "edited by the coach");
    let err = sandbox.coach(&["prompt", "--write"]).fails();
    assert!(
        err.contains("out/prompts/09-2026-03-26.md already exists"),
        "{err}"
    );
    assert_eq!(
        sandbox.read("out/prompts/09-2026-03-26.md"),
        "edited by the coach"
    );
    sandbox.coach(&["prompt", "--write", "--force"]).ok();
    assert!(
        sandbox
            .read("out/prompts/09-2026-03-26.md")
            .starts_with("# Before our session")
    );
    let html = sandbox
        .coach(&["summary", "--write", "--format", "html"])
        .ok();
    assert_eq!(html.trim(), "out/summaries/08-2026-03-19.html");
    assert_eq!(
        sandbox.coach(&["summary", "--force"]).code(),
        2,
        "--force needs --write"
    );
}

#[test]
fn requests_that_cannot_be_met_say_why() {
    let sandbox = Sandbox::sample();
    let cases: &[(&[&str], &str)] = &[
        (&["prompt", "7"], "session 7 on 2026-03-12 is over"),
        (&["summary", "9"], "session 9 has not been held yet"),
        (&["summary", "4"], "session 4 was cancelled"),
        (&["agenda", "4"], "session 4 was cancelled"),
        (
            &["agenda", "40"],
            "there is no session 40: this engagement has sessions 1 to 13",
        ),
    ];
    for (args, expected) in cases {
        let err = sandbox.coach(args).fails();
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(!sandbox.file("out").exists());
    }
}

#[test]
fn a_broken_or_unknown_variable_template_override_is_located() {
    let sandbox = Sandbox::sample();
    sandbox.write(
        "templates/summary.md",
        "# Hi {{ client.name }}\n{% for c in commitments %}\n",
    );
    let err = sandbox.coach(&["summary"]).fails();
    assert!(
        err.starts_with("templates/summary.md:3:1: error[E091]: template: Unexpected end of input"),
        "{err}"
    );
    sandbox.write("templates/summary.md", "# Hi\n{{ session.secret_notes }}\n");
    let err = sandbox.coach(&["summary", "--write"]).fails();
    assert!(
        err.starts_with(
            "templates/summary.md:2:12: error[E091]: template: Field `secret_notes` is not defined"
        ),
        "{err}"
    );
    assert!(!sandbox.file("out").exists(), "nothing written");
}

#[test]
fn an_engagement_template_overrides_the_practice_and_the_built_in() {
    let practice = Sandbox::empty();
    common::copy_dir(
        &common::repo().join("sample-engagement"),
        &practice.file("dana"),
    );
    practice.write("coach.yaml", "coach: {name: Alex Morgan}\n");
    practice.write(
        "templates/prompt.md",
        "practice prompt for {{ client.first_name }}\n",
    );
    assert_eq!(
        practice.coach(&["-C", "dana", "prompt"]).ok(),
        "practice prompt for Dana\n"
    );
    practice.write("dana/templates/prompt.md", "engagement prompt\n");
    assert_eq!(
        practice.coach(&["-C", "dana", "prompt"]).ok(),
        "engagement prompt\n"
    );
    let list = practice.coach(&["-C", "dana", "templates", "list"]).ok();
    assert!(list.contains("dana/templates/prompt.md"), "{list}");
}

#[test]
fn templates_show_and_eject() {
    let sandbox = Sandbox::sample();
    let shown = sandbox.coach(&["templates", "show", "summary.md"]).ok();
    assert!(
        shown.contains("# Context:") && shown.contains("next_session"),
        "{shown}"
    );
    let run = sandbox.coach(&["templates", "show", "sumary.md"]);
    assert_eq!(run.code(), 2, "a name that is no template is bad usage");
    assert!(
        run.stderr()
            .contains("a similar value exists: 'summary.md'"),
        "{}",
        run.stderr()
    );
    sandbox.write("templates/prompt.md", "mine\n");
    let run = sandbox.coach(&["templates", "eject"]);
    assert!(run.ok().contains("templates/summary.md"));
    assert!(run.stderr().contains("kept templates/prompt.md"));
    assert_eq!(sandbox.read("templates/prompt.md"), "mine\n");
}

#[test]
fn an_email_draft_needs_the_recipients_address() {
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replace(", email: dana.reyes@northwind.example", "")
    });
    let err = sandbox.coach(&["prompt", "--format", "eml"]).fails();
    assert!(
        err.contains("--format eml needs an email address for Dana Reyes"),
        "{err}"
    );
    sandbox.coach(&["prompt", "--format", "html"]).ok();
}

#[test]
fn text_output_fits_in_78_columns() {
    let sandbox = Sandbox::sample();
    let runs: &[&[&str]] = &[
        &["agenda", "1"],
        &["agenda", "7"],
        &["agenda", "9"],
        &["prompt", "9"],
        &["summary", "8"],
        &["report", "--midpoint"],
        &["report", "--midpoint", "--audience", "coach"],
    ];
    for args in runs {
        let mut args = args.to_vec();
        args.extend(["--format", "text"]);
        let out = sandbox.coach(&args).ok();
        for line in out.lines() {
            assert!(
                line.chars().count() <= 78,
                "`coach {}`: {line}",
                args.join(" ")
            );
        }
    }
}
