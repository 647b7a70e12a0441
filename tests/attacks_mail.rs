//! Attacks on what goes out: email drafts, the calendar and the files `init`
//! writes. Each test plants its own canary strings, checks first that they really
//! are in the input, then that they cannot add a recipient, a header, a calendar
//! line or Markdown/YAML structure.

mod common;

use common::Sandbox;
use mail_parser::{Address, Message, MessageParser};

const ENGAGEMENT: &str = "engagement.yaml";

/// Replaces the line of engagement.yaml starting with `key:` by `line`.
fn set_line(sandbox: &Sandbox, key: &str, line: &str) {
    sandbox.edit(ENGAGEMENT, |text| {
        text.lines()
            .map(|l| {
                if l.starts_with(&format!("{key}:")) {
                    line.to_string()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
}

/// The 1-based line and column where `needle` starts in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(index, line)| {
            line.find(needle)
                .map(|at| (index + 1, line[..at].chars().count() + 1))
        })
        .unwrap_or_else(|| panic!("{needle} is not in the text"))
}

fn addresses(list: Option<&Address>) -> Vec<String> {
    list.map(|a| {
        a.iter()
            .map(|addr| addr.address().unwrap_or("").to_string())
            .collect()
    })
    .unwrap_or_default()
}

/// The header names of a raw message, in order, from the bytes themselves.
fn header_names(raw: &str) -> Vec<String> {
    let head = raw.split("\r\n\r\n").next().unwrap_or("");
    head.split("\r\n")
        .filter(|line| !line.starts_with([' ', '\t']))
        .map(|line| line.split(':').next().unwrap_or("").to_string())
        .collect()
}

/// Asserts a draft has exactly one From and one To (the given addresses), no other
/// recipient and no header beyond the ones coach writes. Returns the parsed message.
fn assert_addressed<'x>(raw: &'x str, from: &str, to: &str) -> Message<'x> {
    assert_eq!(
        header_names(raw),
        [
            "From",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "X-Unsent",
            "MIME-Version",
            "Content-Type"
        ],
        "{raw}"
    );
    let message = MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a MIME message");
    assert_eq!(addresses(message.from()), [from], "{raw}");
    assert_eq!(addresses(message.to()), [to], "{raw}");
    for other in [
        message.cc(),
        message.bcc(),
        message.reply_to(),
        message.sender(),
    ] {
        assert!(other.is_none(), "{raw}");
    }
    let names: Vec<&str> = message.headers().iter().map(|h| h.name()).collect();
    assert_eq!(names.len(), 8, "{names:?}");
    message
}

/// Asserts `command` refuses to write a draft (exit 1, nothing on stdout) and says
/// each of `said`.
fn assert_no_draft(sandbox: &Sandbox, command: &[&str], said: &[&str]) {
    let run = sandbox.coach(command);
    let err = run.fails();
    assert_eq!(run.stdout(), "", "{command:?} printed a draft");
    for text in said {
        assert!(err.contains(text), "{command:?} says `{text}`: {err}");
    }
}

#[test]
fn addresses_a_line_break_in_the_coach_address_is_an_error_at_the_value() {
    let canary = "canary-bcc-1@evil.example";
    let sandbox = Sandbox::sample();
    set_line(
        &sandbox,
        "coach",
        &format!(
            "coach: {{name: Alex Morgan, email: \"alex@morgan-coaching.example\\nBcc: {canary}\"}}"
        ),
    );
    let yaml = sandbox.read(ENGAGEMENT);
    assert!(yaml.contains(canary), "the canary is in the input");
    let (line, column) = position(&yaml, "\"alex@morgan-coaching.example\\nBcc");
    let at = format!("engagement.yaml:{line}:{column}: error[E018]: ");

    let run = sandbox.coach(&["check"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let report = run.stdout();
    assert!(
        report.contains(&format!("{at}the email address `alex@morgan-coaching.example\\nBcc: {canary}` holds a line break")),
        "{report}"
    );
    assert_eq!(
        report.lines().filter(|l| l.contains(": error[")).count(),
        1,
        "one problem: {report}"
    );
    assert!(
        !report.lines().any(|l| l.starts_with("Bcc")),
        "no line of its own: {report}"
    );

    for command in [
        &["prompt", "--format", "eml"][..],
        &["summary", "--format", "eml"],
        &["report", "--midpoint", "--format", "eml"],
    ] {
        assert_no_draft(&sandbox, command, &[&at]);
    }
}

#[test]
fn addresses_a_second_recipient_in_any_email_field_is_an_error_at_the_value() {
    for (key, line, command) in [
        (
            "client",
            "client: {name: Dana Reyes, role: VP Operations, email: \"dana.reyes@northwind.example>, <canary-list-client@evil.example\"}",
            &["prompt", "--format", "eml"][..],
        ),
        (
            "sponsor",
            "sponsor: {name: Priya Shah, email: \"priya.shah@northwind.example, canary-list-sponsor@evil.example\"}",
            &["report", "--midpoint", "--format", "eml"],
        ),
        (
            "coach",
            "coach: {name: Alex Morgan, email: \"Alex <alex@morgan-coaching.example>; canary-list-coach@evil.example\"}",
            &["summary", "--format", "eml"],
        ),
    ] {
        let canary = format!("canary-list-{key}@evil.example");
        let sandbox = Sandbox::sample();
        set_line(&sandbox, key, line);
        let yaml = sandbox.read(ENGAGEMENT);
        assert!(yaml.contains(&canary), "the canary is in the input");
        // The value starts at its opening quote.
        let (line, column) = position(&yaml, "email: \"");
        let column = column + "email: ".len();
        let at = format!("engagement.yaml:{line}:{column}: error[E018]: ");

        let run = sandbox.coach(&["check"]);
        assert_eq!(run.code(), 1, "{key}: {}", run.stderr());
        assert!(
            run.stdout().contains(&at) && run.stdout().contains("is not one email address"),
            "{key}: {}",
            run.stdout()
        );
        assert_no_draft(&sandbox, command, &[&at, "is not one email address"]);
    }
}

#[test]
fn addresses_a_bad_coach_address_in_coach_yaml_is_an_error_there() {
    let canary = "canary-bcc-practice@evil.example";
    let practice = Sandbox::empty();
    practice.write(
        "coach.yaml",
        format!("coach:\n  name: Alex Morgan\n  email: |\n    alex@morgan-coaching.example\n    Bcc: {canary}\n"),
    );
    common::copy_dir(
        &common::repo().join("sample-engagement"),
        &practice.file("clients/dana"),
    );
    assert!(
        practice.read("coach.yaml").contains(canary),
        "the canary is in the input"
    );

    let run = practice.coach(&["check"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let report = run.stdout();
    let line = report
        .lines()
        .find(|l| l.starts_with("coach.yaml:"))
        .unwrap_or_else(|| panic!("coach.yaml is named: {report}"));
    let mut parts = line.splitn(4, ':');
    let (_, row, column) = (parts.next(), parts.next(), parts.next());
    assert!(
        row.is_some_and(|r| r.parse::<usize>().is_ok())
            && column.is_some_and(|c| c.parse::<usize>().is_ok()),
        "coach.yaml:line:column: {line}"
    );
    assert!(
        line.contains("error[E018]: the email address") && line.contains("line break"),
        "{line}"
    );

    let run = practice.coach(&["init", "clients/kim", "--client", "Kim Ito"]);
    let err = run.fails();
    assert!(
        err.contains("coach.yaml:") && err.contains("line break"),
        "{err}"
    );
    assert!(!practice.file("clients/kim").exists(), "init wrote nothing");
}

#[test]
fn addresses_hostile_display_names_stay_names() {
    let sandbox = Sandbox::sample();
    // Quotes, commas, angle brackets, backslashes and line breaks in every name.
    set_line(
        &sandbox,
        "client",
        "client: {name: \"Dana \\\"CANARY-NAME-CLIENT\\\" Reyes, <canary-name-client@evil.example>\\\\\", role: VP Operations, email: dana.reyes@northwind.example}",
    );
    set_line(
        &sandbox,
        "coach",
        "coach: {name: \"Alex  Bcc: canary-name-coach@evil.example   CANARY-NAME-BODY\", email: alex@morgan-coaching.example}",
    );
    set_line(
        &sandbox,
        "sponsor",
        "sponsor: {name: \"Priya Cc: canary-name-sponsor@evil.example, <x@evil.example>\", email: priya.shah@northwind.example}",
    );
    let yaml = sandbox.read(ENGAGEMENT);
    for canary in [
        "canary-name-client@evil.example",
        "canary-name-coach@evil.example",
        "canary-name-sponsor@evil.example",
    ] {
        assert!(yaml.contains(canary), "{canary} is in the input");
    }
    sandbox.coach(&["check"]).ok();

    let raw = sandbox.coach(&["agenda", "9", "--format", "eml"]).ok();
    let message = assert_addressed(
        &raw,
        "alex@morgan-coaching.example",
        "dana.reyes@northwind.example",
    );
    let to = message.to().and_then(Address::first).and_then(|a| a.name());
    assert_eq!(
        to,
        Some("Dana \"CANARY-NAME-CLIENT\" Reyes, <canary-name-client@evil.example>\\")
    );
    let from = message
        .from()
        .and_then(Address::first)
        .and_then(|a| a.name());
    assert_eq!(
        from,
        Some("Alex Bcc: canary-name-coach@evil.example CANARY-NAME-BODY")
    );
    let subject = message.subject().unwrap_or("");
    assert!(
        subject.contains("CANARY-NAME-CLIENT") && !subject.contains('\n'),
        "{subject}"
    );

    let raw = sandbox
        .coach(&["report", "--midpoint", "--format", "eml"])
        .ok();
    let message = assert_addressed(
        &raw,
        "alex@morgan-coaching.example",
        "priya.shah@northwind.example",
    );
    let to = message.to().and_then(Address::first).and_then(|a| a.name());
    assert_eq!(
        to,
        Some("Priya Cc: canary-name-sponsor@evil.example, <x@evil.example>")
    );
    let id = message.message_id().unwrap_or("");
    assert!(
        id.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-@".contains(c))
            && id.ends_with("@morgan-coaching.example")
            && id.matches('@').count() == 1,
        "{id}"
    );
}

#[test]
fn addresses_international_domains_go_out_in_punycode() {
    let sandbox = Sandbox::sample();
    set_line(
        &sandbox,
        "coach",
        "coach: {name: Alex Morgan, email: alex@bücher.example}",
    );
    set_line(
        &sandbox,
        "client",
        "client: {name: José Núñez, email: jose@münchen.example}",
    );
    let raw = sandbox.coach(&["prompt", "--format", "eml"]).ok();
    let head = raw.split("\r\n\r\n").next().unwrap_or("");
    assert!(head.is_ascii(), "headers are ASCII: {head}");
    let message = assert_addressed(
        &raw,
        "alex@xn--bcher-kva.example",
        "jose@xn--mnchen-3ya.example",
    );
    assert_eq!(
        message.to().and_then(Address::first).and_then(|a| a.name()),
        Some("José Núñez")
    );
    let id = message.message_id().unwrap_or("");
    assert!(
        id.starts_with("prompt.09-2026-03-26.jos-n-ez-") && id.ends_with("@xn--bcher-kva.example"),
        "{id}"
    );
    assert_eq!(
        raw,
        sandbox.coach(&["prompt", "--format", "eml"]).ok(),
        "the same files give the same bytes"
    );
    let json = sandbox.coach(&["prompt", "--format", "json"]).ok();
    assert!(
        json.contains("\"email\": \"jose@münchen.example\""),
        "{json}"
    );
}

#[test]
fn addresses_placeholders_and_missing_addresses_refuse_the_draft() {
    let sandbox = Sandbox::empty();
    sandbox
        .coach(&[
            "init",
            "dana",
            "--client",
            "Dana Reyes",
            "--start",
            "2026-01-12",
        ])
        .ok();
    let file = "dana/engagement.yaml";
    assert!(sandbox.read(file).contains("TODO your name"));
    let draft = ["-C", "dana", "agenda", "1", "--format", "eml"];
    assert_no_draft(
        &sandbox,
        &draft,
        &["`coach.name` in dana/engagement.yaml is still the placeholder `TODO your name`"],
    );
    sandbox.edit(file, |t| t.replace("TODO your name", "Alex Morgan"));
    assert_no_draft(
        &sandbox,
        &draft,
        &["`coach.email` in dana/engagement.yaml is still the placeholder `TODO@example.com`"],
    );
    sandbox.edit(file, |t| {
        t.replacen(
            "email: TODO@example.com",
            "email: alex@morgan-coaching.example",
            2,
        )
        .replacen(
            "email: alex@morgan-coaching.example",
            "email: TODO@example.com",
            1,
        )
    });
    assert_no_draft(
        &sandbox,
        &draft,
        &["`client.email` in dana/engagement.yaml is still the placeholder"],
    );
    sandbox.edit(file, |t| t.replacen("  email: TODO@example.com\n", "", 1));
    assert_no_draft(
        &sandbox,
        &draft,
        &[
            "needs an email address for Dana Reyes: add `email:` under `client:` in dana/engagement.yaml",
        ],
    );
    sandbox.edit(file, |t| {
        t.replacen(
            "  role: TODO\n",
            "  email: dana@northwind.example\n  role: TODO\n",
            1,
        )
    });
    let raw = sandbox.coach(&draft).ok();
    assert_addressed(
        &raw,
        "alex@morgan-coaching.example",
        "dana@northwind.example",
    );
}

/// The calendar's content lines, unfolded, from raw bytes that must use CRLF only.
fn calendar_lines(ics: &[u8]) -> Vec<String> {
    for (index, byte) in ics.iter().enumerate() {
        match byte {
            b'\r' => assert_eq!(
                ics.get(index + 1),
                Some(&b'\n'),
                "a bare CR at byte {index}"
            ),
            b'\n' => assert_eq!(
                index.checked_sub(1).map(|i| ics[i]),
                Some(b'\r'),
                "a bare LF at byte {index}"
            ),
            b if b.is_ascii_control() => panic!("control byte {b:#04x} at {index}"),
            _ => {}
        }
    }
    let mut lines: Vec<String> = Vec::new();
    for physical in ics.split(|b| *b == b'\n') {
        let physical = physical.strip_suffix(b"\r").unwrap_or(physical);
        assert!(physical.len() <= 75, "{} octets", physical.len());
        let text = std::str::from_utf8(physical).expect("folding never splits a character");
        match (text.strip_prefix(' '), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ if text.is_empty() => {}
            _ => lines.push(text.to_string()),
        }
    }
    lines
}

/// The property name of a content line (`BEGIN`, `SUMMARY`, ...).
fn property(line: &str) -> &str {
    let end = line.find([':', ';']).unwrap_or(line.len());
    &line[..end]
}

#[test]
fn a_line_break_or_control_character_in_a_name_refuses_every_output() {
    let sandbox = Sandbox::sample();
    set_line(
        &sandbox,
        "client",
        "client: {name: \"Dana\\rEND:VEVENT\\r\\nBEGIN:VEVENT\\nUID:canary-ics-uid\\e[31m\\u202e CANARY-CTRL-NAME\", email: dana.reyes@northwind.example}",
    );
    assert!(sandbox.read(ENGAGEMENT).contains("CANARY-CTRL-NAME"));
    let check = sandbox.coach(&["check"]);
    assert_eq!(check.code(), 1);
    assert!(
        check.stdout().contains("engagement.yaml:2:16: error[E050]"),
        "{}",
        check.stdout()
    );
    for args in [
        &["schedule", "--ics"][..],
        &["agenda", "9", "--format", "eml"],
        &["summary", "8", "--format", "html"],
        &["report", "--midpoint", "--format", "eml"],
    ] {
        let run = sandbox.coach(args);
        assert_eq!(run.code(), 1, "{args:?}");
        assert!(!run.stdout().contains("CANARY-CTRL-NAME"), "{args:?}");
    }
}

#[test]
fn calendar_text_cannot_make_a_line_of_its_own() {
    let clean = Sandbox::sample();
    let clean_lines = calendar_lines(&clean.coach(&["schedule", "--ics"]).0.stdout);

    let sandbox = Sandbox::sample();
    let long = "é€😀".repeat(12);
    set_line(
        &sandbox,
        "client",
        &format!(
            "client: {{name: \"Dana END:VEVENT BEGIN:VEVENT UID:canary-ics-uid X-CANARY-ICS:1 ;,\\\\ CANARY-ICS-NAME {long}\", email: dana.reyes@northwind.example}}"
        ),
    );
    let yaml = sandbox.read(ENGAGEMENT);
    assert!(yaml.contains("CANARY-ICS-NAME") && yaml.contains("canary-ics-uid"));
    let ics = sandbox.coach(&["schedule", "--ics"]).0.stdout;
    let lines = calendar_lines(&ics);

    let names = |lines: &[String]| -> Vec<String> {
        lines.iter().map(|l| property(l).to_string()).collect()
    };
    assert_eq!(
        names(&lines),
        names(&clean_lines),
        "no line was added or lost"
    );
    for line in &lines {
        let name = property(line);
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '-'),
            "not a property line: {line:?}"
        );
        if name == "UID" {
            assert!(
                line["UID:".len()..]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-@".contains(c)),
                "a UID is a slug: {line:?}"
            );
        } else if line.contains("CANARY-ICS") || line.contains("canary-ics") {
            assert!(
                matches!(name, "DESCRIPTION" | "X-WR-CALNAME" | "ATTENDEE"),
                "the name only in its own values: {line:?}"
            );
        }
    }
    let description = lines
        .iter()
        .find(|l| l.starts_with("DESCRIPTION:"))
        .expect("a description");
    assert!(
        description.starts_with(&format!(
            "DESCRIPTION:Session 1 (1 of 12) of Dana END:VEVENT BEGIN:VEVENT UID:canary-ics-uid X-CANARY-ICS:1 \\;\\,\\\\ CANARY-ICS-NAME {long}"
        )),
        "{description}"
    );

    let text = String::from_utf8(ics).expect("UTF-8");
    let calendar: icalendar::Calendar = text.parse().expect("a calendar icalendar can read");
    let events = calendar
        .components
        .iter()
        .filter(|c| c.as_event().is_some())
        .count();
    assert_eq!(events, 13);
}

#[test]
fn init_refuses_a_line_break_or_control_character_in_a_value() {
    for (flag, canary, value) in [
        (
            "--sponsor",
            "CANARY-INIT-SPONSOR",
            "X\n## Commitments\n- [ ] CANARY-INIT-SPONSOR injected, by 2026-01-01",
        ),
        (
            "--client",
            "CANARY-INIT-CLIENT",
            "Dana\r\norganization: CANARY-INIT-CLIENT",
        ),
        (
            "--client",
            "CANARY-INIT-ESC",
            "Dana \u{1b}[2J CANARY-INIT-ESC",
        ),
        (
            "--sponsor",
            "CANARY-INIT-LS",
            "Priya\u{2028}# CANARY-INIT-LS",
        ),
        ("--sponsor", "", ""),
        ("--client", "", "   "),
    ] {
        assert!(value.contains(canary), "the canary is in the input");
        let sandbox = Sandbox::empty();
        let mut args = vec![
            "init",
            "dana",
            "--client",
            "Dana Reyes",
            "--start",
            "2026-01-12",
        ];
        if flag == "--client" {
            args[3] = value;
        } else {
            args.extend([flag, value]);
        }
        let run = sandbox.coach(&args);
        assert_eq!(run.code(), 2, "{flag} {value:?}: {}", run.stderr());
        assert!(
            run.stderr().contains(&format!("'{flag} <NAME>'")),
            "names {flag}: {}",
            run.stderr()
        );
        assert!(
            !sandbox.file("dana").exists(),
            "nothing written for {value:?}"
        );
    }
}

#[test]
fn init_values_that_look_like_structure_stay_data() {
    let client = "# CANARY-INIT-HEADING Dana {{ client.name }}";
    let sponsor = "- [ ] CANARY-INIT-TASK injected, by 2026-01-01 {% if x %} --- > <!-- *x* [l](u)";
    let plain = Sandbox::empty();
    plain.init_dana();
    let sandbox = Sandbox::empty();
    sandbox
        .coach(&[
            "init",
            "dana",
            "--client",
            client,
            "--start",
            "2026-01-12",
            &format!("--sponsor={sponsor}"),
        ])
        .ok();

    let yaml = sandbox.read("dana/engagement.yaml");
    assert!(yaml.contains("CANARY-INIT-HEADING") && yaml.contains("CANARY-INIT-TASK"));
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    #[derive(serde::Deserialize)]
    struct People {
        client: Named,
        sponsor: Named,
    }
    let people: People = serde_saphyr::from_str(&yaml).expect("engagement.yaml reads");
    assert_eq!(people.client.name, client);
    assert_eq!(people.sponsor.name, sponsor);
    let structure = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(':'))
            .map(|l| l.split(':').next().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(
        structure(&yaml),
        structure(&plain.read("dana/engagement.yaml"))
    );

    let intake = sandbox.read("dana/sessions/01-2026-01-12.md");
    let plain_intake = plain.read("dana/sessions/01-2026-01-12.md");
    assert!(intake.contains("CANARY-INIT-TASK"));
    let blocks = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| {
                l.starts_with(['#', '-', '>', '*', '<']) || l.trim_start().starts_with("- [")
            })
            .map(|l| l.chars().take(12).collect())
            .collect()
    };
    assert_eq!(blocks(&intake), blocks(&plain_intake), "{intake}");

    let run = sandbox.coach(&["check", "dana"]);
    assert_eq!(run.code(), 0, "{}{}", run.stdout(), run.stderr());
    let commitments = sandbox
        .coach(&["commitments", "dana", "--all", "--format", "json"])
        .ok();
    assert!(!commitments.contains("CANARY"), "{commitments}");
    let json = sandbox
        .coach(&["-C", "dana", "agenda", "1", "--format", "json"])
        .ok();
    assert!(
        json.contains("\"name\": \"# CANARY-INIT-HEADING Dana {{ client.name }}\""),
        "{json}"
    );
}
