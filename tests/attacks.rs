//! The attack suite: one test per class of attack on confidentiality and safety,
//! each with its own canaries, in every format the class applies to. Every test
//! first asserts that its canaries really are in the input.

mod common;

use coach::render::page_check::{self, tags};
use common::{Run, Sandbox};
use pulldown_cmark::{Event, Parser, Tag};

const FORMATS: [&str; 5] = ["md", "text", "html", "eml", "json"];

/// Asserts that every canary is somewhere in the sandbox's input files.
fn assert_planted(sandbox: &Sandbox, files: &[&str], canaries: &[&str]) {
    let input: String = files.iter().map(|f| sandbox.read(f)).collect();
    for canary in canaries {
        assert!(input.contains(canary), "{canary} was never written");
    }
}

/// Asserts that no canary is in a run's output or messages.
fn assert_clean(run: &Run, canaries: &[&str], what: &str) {
    for canary in canaries {
        assert!(
            !run.stdout().contains(canary) && !run.stderr().contains(canary),
            "{canary} leaked into {what}:\n{}{}",
            run.stdout(),
            run.stderr()
        );
    }
}

/// Every artefact the leader or the sponsor receives that draws on session 8
/// (its summary; session 9's agenda and prompt; the reports), in every format,
/// and the coach's own view of the engagement (`show`, which has no eml).
fn audience_runs(sandbox: &Sandbox) -> Vec<(String, Run)> {
    let mut runs = Vec::new();
    for format in FORMATS {
        for args in [
            vec!["summary", "8"],
            vec!["agenda", "9"],
            vec!["prompt", "9"],
            vec!["report", "--midpoint"],
            vec!["report", "--midpoint", "--audience", "client"],
        ] {
            let mut args = args.clone();
            args.extend(["--format", format]);
            runs.push((args.join(" "), sandbox.coach(&args)));
        }
    }
    for format in FORMATS.iter().filter(|f| **f != "eml") {
        let args = ["show", "--format", format];
        runs.push((args.join(" "), sandbox.coach(&args)));
    }
    for args in [vec!["commitments", "--all"], vec!["status"]] {
        runs.push((args.join(" "), sandbox.coach(&args)));
    }
    runs
}

const SESSION_8: &str = "sessions/08-2026-03-19.md";

// 1. Sections fail closed.

#[test]
fn coach_notes_in_any_heading_form_never_reach_an_artefact() {
    for (index, heading) in [
        "Coach notes\n-----------",
        "Coach notes\n===",
        "# Coach notes",
        "### Coach notes",
        "#### Coach notes ####",
        "## Coach Notes:",
        "## **Coach notes**",
        "- ## Coach notes",
        "> ## Coach notes",
        "  ## Coach notes",
    ]
    .iter()
    .enumerate()
    {
        let sandbox = Sandbox::sample();
        let prose = format!("CANARY-SETEXT-{index}");
        let task = format!("CANARY-TASK-{index}");
        sandbox.edit(SESSION_8, |text| {
            let cut = text.find("## Coach notes").expect("notes");
            format!(
                "{}{heading}\n{prose} private prose.\n\n- [ ] {task} not a commitment, by 2026-03-30\n- {task} not an agenda item\n",
                &text[..cut]
            )
        });
        assert_planted(&sandbox, &[SESSION_8], &[&prose, &task]);
        let canaries = [prose.as_str(), task.as_str()];
        for (what, run) in audience_runs(&sandbox) {
            assert_clean(&run, &canaries, &format!("{what} under {heading:?}"));
        }
        let check = sandbox.coach(&["check"]);
        if heading.trim_start().starts_with("## Coach notes") {
            continue;
        }
        let line = sandbox
            .read(SESSION_8)
            .lines()
            .position(|l| l.to_lowercase().contains("coach notes"))
            .expect("heading")
            + 1;
        assert_eq!(check.code(), 1, "{heading:?}: {}", check.stdout());
        assert!(
            check
                .stdout()
                .contains(&format!("sessions/08-2026-03-19.md:{line}:")),
            "{heading:?} reported at its line {line}: {}",
            check.stdout()
        );
        let refused = sandbox.coach(&["summary", "8"]).fails();
        assert!(refused.contains("Coach notes"), "{refused}");
    }
}

#[test]
fn fences_html_blocks_and_indented_code_cannot_open_a_public_section() {
    for (index, wrapper) in [
        "````\n```\n## Agenda\n- CANARY\n- [ ] CANARY, by 2026-03-30\n````",
        "~~~~~\n~~~\n## Commitments\n- [ ] CANARY, by 2026-03-30\n~~~~~",
        "<div>\n## Commitments\n- [ ] CANARY, by 2026-03-30\n</div>",
        "<!--\n## Agenda\n- CANARY\n-->",
        "    ## Commitments\n    - [ ] CANARY, by 2026-03-30",
    ]
    .iter()
    .enumerate()
    {
        let sandbox = Sandbox::sample();
        let canary = format!("CANARY-FENCE-{index}");
        let wrapper = wrapper.replace("CANARY", &canary);
        sandbox.edit(SESSION_8, |text| {
            text.replace("## Core work\n", &format!("## Core work\n{wrapper}\n\n"))
        });
        assert_planted(&sandbox, &[SESSION_8], &[&canary]);
        for (what, run) in audience_runs(&sandbox) {
            assert_clean(&run, &[&canary], &format!("{what} with {wrapper:?}"));
        }
    }
}

#[test]
fn a_known_section_in_another_form_is_an_error_and_refuses_the_artefacts() {
    let sandbox = Sandbox::sample();
    sandbox.edit(SESSION_8, |text| {
        text.replace("## Commitments\n", "Commitments\n-----------\n")
    });
    let check = sandbox.coach(&["check"]);
    assert_eq!(check.code(), 1);
    assert!(
        check.stdout().contains(
            "sessions/08-2026-03-19.md:26:1: error[E060]: heading `Commitments (underlined)`"
        ),
        "{}",
        check.stdout()
    );
    for args in [["summary", "8"], ["agenda", "9"], ["prompt", "9"]] {
        let err = sandbox.coach(&args).fails();
        assert!(err.contains("08-2026-03-19.md:26:1"), "{err}");
    }
}

// 2. Templates are files, not links.

#[cfg(unix)]
#[test]
fn a_linked_template_or_include_never_prints_a_session() {
    use std::os::unix::fs::symlink;
    let canary = "CANARY-LINKED-TEMPLATE";
    type Attack = (&'static str, fn(&Sandbox));
    let attacks: [Attack; 4] = [
        ("override is a link", |s| {
            std::fs::create_dir_all(s.file("templates")).expect("mkdir");
            symlink(s.file(SESSION_8), s.file("templates/report-sponsor.md")).expect("link");
        }),
        ("include of a link", |s| {
            s.write("templates/report-sponsor.md", "{% include \"x.md\" %}\n");
            symlink(s.file(SESSION_8), s.file("templates/x.md")).expect("link");
        }),
        ("templates folder is a link", |s| {
            s.write("elsewhere/report-sponsor.md", "{% include \"x.md\" %}\n");
            symlink(s.file(SESSION_8), s.file("elsewhere/x.md")).expect("link");
            symlink(s.file("elsewhere"), s.file("templates")).expect("link");
        }),
        ("practice template is a link", |s| {
            s.write("../coach.yaml", "coach: {name: A B, email: a@b.example}\n");
            std::fs::create_dir_all(s.file("../templates")).expect("mkdir");
            let _ = std::fs::remove_file(s.file("../templates/report-sponsor.md"));
            symlink(s.file(SESSION_8), s.file("../templates/report-sponsor.md")).expect("link");
        }),
    ];
    for (what, attack) in attacks {
        let practice = Sandbox::empty();
        common::copy_dir(
            &common::repo().join("sample-engagement"),
            &practice.file("e"),
        );
        let sandbox = SandboxAt::new(&practice, "e");
        sandbox.0.edit(&format!("e/{SESSION_8}"), |t| {
            t.replace("## Coach notes\n", &format!("## Coach notes\n{canary}\n"))
        });
        assert!(sandbox.0.read(&format!("e/{SESSION_8}")).contains(canary));
        attack(&sandbox.inner());
        for format in FORMATS {
            let run = sandbox.coach(&["report", "--midpoint", "--format", format]);
            assert_eq!(run.code(), 1, "{what}: {}", run.stdout());
            assert!(
                run.stderr().contains("symbolic link"),
                "{what}: {}",
                run.stderr()
            );
            assert_clean(&run, &[canary, "Tell Keiko"], what);
        }
        let check = sandbox.coach(&["check"]);
        assert_eq!(check.code(), 1, "{what}");
        assert!(
            check.stdout().contains("symbolic link"),
            "{what}: {}",
            check.stdout()
        );
    }
}

/// A sandbox whose engagement sits in a subfolder `name` of a practice sandbox.
struct SandboxAt<'a>(&'a Sandbox, &'static str);

impl<'a> SandboxAt<'a> {
    fn new(practice: &'a Sandbox, name: &'static str) -> Self {
        SandboxAt(practice, name)
    }

    /// A view of the engagement as its own sandbox root, for the attack setup.
    fn inner(&self) -> Sandbox {
        Sandbox::at(&self.0.file(self.1))
    }

    fn coach(&self, args: &[&str]) -> Run {
        let mut all = vec!["-C", self.1];
        all.extend(args);
        self.0.coach(&all)
    }
}

#[test]
fn templates_list_names_every_file_and_its_use() {
    let sandbox = Sandbox::sample();
    sandbox.write(
        "templates/report-sponsor.md",
        "{% include \"footer.md\" %}\n",
    );
    sandbox.write("templates/footer.md", "{{ coach.name }}\n");
    sandbox.write("templates/stray.md", "nothing\n");
    let list = sandbox.coach(&["templates", "list"]).ok();
    assert!(
        list.contains("footer.md") && list.contains("included by report-sponsor.md"),
        "{list}"
    );
    assert!(
        list.contains("stray.md") && list.contains("not used"),
        "{list}"
    );
}

// 3. Output loads and runs nothing.

#[test]
fn user_text_becomes_no_link_image_script_or_remote_load() {
    let sandbox = Sandbox::sample();
    let payloads = [
        "[CANARY-LINK](javascript:alert(1))",
        "![CANARY-ALT](https://tracker.example/pixel.gif)",
        "<img src=x onerror=alert(1)>",
        "<script>alert('CANARY')</script>",
        "[x](data:text/html,CANARY)",
        "<https://tracker.example/auto>",
    ];
    let all = payloads.join(" ");
    sandbox.edit("engagement.yaml", |t| {
        t.replace(
            "title: Claim the authority of the VP role in cross-functional forums",
            &format!("title: \"Claim authority {}\"", all.replace('"', "\\\"")),
        )
        .replace(
            "name: Dana Reyes",
            &format!("name: \"Dana {}\"", payloads[0]),
        )
    });
    sandbox.edit("sessions/07-2026-03-12.md", |t| {
        t.replacen(
            "sponsor_note: ",
            &format!("sponsor_note: \"{}\" # ", all.replace('"', "\\\"")),
            1,
        )
    });
    sandbox.edit(SESSION_8, |t| {
        // Raw HTML in an item refuses the artefacts (E074): the item carries the
        // Markdown payloads; the HTML ones ride in the YAML values above.
        let markdown = [payloads[0], payloads[1], payloads[4], payloads[5]].join(" ");
        t.replace("## Agenda\n", &format!("## Agenda\n- {markdown}\n"))
    });
    assert_planted(
        &sandbox,
        &["engagement.yaml", "sessions/07-2026-03-12.md", SESSION_8],
        &["javascript:alert", "tracker.example", "onerror"],
    );
    for (what, run) in audience_runs(&sandbox) {
        assert_eq!(run.code(), 0, "{what}: {}", run.stderr());
        let out = run.stdout();
        if what.contains("html") || what.contains("eml") {
            let html = if what.contains("eml") {
                let message = mail_parser::MessageParser::default()
                    .parse(out.as_bytes())
                    .expect("a message");
                message.body_html(0).expect("html part").into_owned()
            } else {
                out.clone()
            };
            for page_check::Tag { name, attributes } in tags(&html) {
                assert!(
                    ![
                        "script", "img", "iframe", "object", "embed", "link", "base", "form"
                    ]
                    .contains(&name.as_str()),
                    "{what}: <{name}>"
                );
                for (attribute, value) in attributes {
                    let value = value.trim().to_ascii_lowercase();
                    assert!(!attribute.starts_with("on"), "{what}: <{name} {attribute}>");
                    assert!(attribute != "src", "{what}: <{name} src={value}>");
                    if attribute == "href" {
                        assert!(
                            ["https://", "http://", "mailto:"]
                                .iter()
                                .any(|p| value.starts_with(p))
                                && !value.contains("tracker.example"),
                            "{what}: <{name} href={value}>"
                        );
                    }
                }
            }
            assert!(
                html.contains("Content-Security-Policy\" content=\"default-src 'none'"),
                "{what} has no policy"
            );
        }
        if what.contains(" md") {
            for event in Parser::new(&out) {
                match event {
                    // The only link is the meeting room engagement.yaml names.
                    Event::Start(Tag::Link { dest_url, .. })
                        if dest_url.as_ref() != "https://video.example/alex-morgan" =>
                    {
                        panic!("{what}: a link to {dest_url}")
                    }
                    Event::Start(Tag::Image { dest_url, .. }) => {
                        panic!("{what}: an image of {dest_url}")
                    }
                    Event::Html(h) | Event::InlineHtml(h) if !h.starts_with("<!-- chart:") => {
                        panic!("{what}: raw HTML {h}")
                    }
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn a_page_template_that_could_run_or_load_is_refused() {
    for hostile in [
        "<script>fetch('https://evil.example/')</script>{{ body | safe }}",
        "<html><head><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"></head><body>{{ body | safe }}</body></html>",
        "<body onload=\"x()\">{{ body | safe }}</body>",
        "<style>main { background: url(https://evil.example/pixel.gif) }</style>{{ body | safe }}",
        "<img src=\"https://evil.example/pixel.gif\">{{ body | safe }}",
    ] {
        let sandbox = Sandbox::sample();
        sandbox.write("templates/page.html", hostile);
        for format in ["html", "eml"] {
            let run = sandbox.coach(&["summary", "8", "--format", format]);
            assert_eq!(run.code(), 1, "{hostile}");
            assert!(run.stdout().is_empty(), "{hostile}: {}", run.stdout());
            assert!(
                run.stderr().contains("templates/page.html: error[E092]"),
                "{hostile}: {}",
                run.stderr()
            );
        }
        sandbox.coach(&["summary", "8", "--format", "md"]).ok();
    }
}

// 5. Writes never follow links.

#[cfg(unix)]
#[test]
fn write_force_never_replaces_a_session_through_a_link() {
    use std::os::unix::fs::symlink;
    let sandbox = Sandbox::sample();
    let before = sandbox.read(SESSION_8);
    std::fs::create_dir_all(sandbox.file("out")).expect("mkdir");
    symlink("../sessions", sandbox.file("out/summaries")).expect("link");
    let err = sandbox
        .coach(&["summary", "8", "--write", "--force"])
        .fails();
    assert!(
        err.contains("out/summaries") && err.contains("symbolic link"),
        "{err}"
    );
    assert_eq!(sandbox.read(SESSION_8), before);

    std::fs::remove_file(sandbox.file("out/summaries")).expect("unlink");
    std::fs::create_dir(sandbox.file("out/summaries")).expect("mkdir");
    symlink(
        "../../sessions/08-2026-03-19.md",
        sandbox.file("out/summaries/08-2026-03-19.md"),
    )
    .expect("link");
    let err = sandbox
        .coach(&["summary", "8", "--write", "--force"])
        .fails();
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(sandbox.read(SESSION_8), before);

    symlink("..", sandbox.file("out/schedule.ics")).expect("link");
    sandbox
        .coach(&["schedule", "--ics", "--write", "--force"])
        .fails();
    assert_eq!(sandbox.read(SESSION_8), before);
}

#[test]
fn a_temp_file_left_by_a_killed_write_is_reported_then_removed() {
    let sandbox = Sandbox::sample();
    let leftover = "out/summaries/.coach-4194999-Ab12Cd";
    sandbox.write(leftover, "CANARY-TEMP confidential summary");
    let check = sandbox.coach(&["check"]);
    assert!(
        check
            .stdout()
            .contains(".coach-4194999-Ab12Cd: warning[W100]: a temporary file"),
        "{}",
        check.stdout()
    );
    sandbox.coach(&["summary", "8", "--write"]).ok();
    assert!(!sandbox.file(leftover).exists());
    let left: Vec<_> = std::fs::read_dir(sandbox.file("out/summaries"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["08-2026-03-19.md"]);
}

#[test]
fn temp_files_left_in_every_folder_coach_writes_are_reported() {
    let sandbox = Sandbox::sample();
    for leftover in [
        ".coach-4194999-Root01",
        "sessions/.coach-4194999-Sess01",
        "out/prompts/.coach-4194999-Out001",
    ] {
        sandbox.write(leftover, "CANARY-TEMP");
    }
    // A link with such a name is not coach's file: the listing tells it apart.
    std::os::unix::fs::symlink(
        "01-2026-01-12.md",
        sandbox.file("sessions/.coach-4194999-Link01"),
    )
    .expect("link");
    let stdout = sandbox.coach(&["check"]).stdout();
    for name in ["Root01", "Sess01", "Out001"] {
        assert!(
            stdout.contains(&format!(".coach-4194999-{name}: warning[W100]")),
            "{name}: {stdout}"
        );
    }
    assert!(!stdout.contains("Link01"), "{stdout}");
    assert!(!stdout.contains("CANARY-TEMP"), "{stdout}");
}

// 7. Terminals get text, not commands.

#[test]
fn control_characters_from_files_reach_no_terminal() {
    let sandbox = Sandbox::sample();
    sandbox.edit(SESSION_8, |t| {
        t.replace(
            "## Agenda\n",
            "## Agenda\n- Clear \u{1b}[2J the screen\u{7}\n",
        )
        .replace(
            "## Core work\n",
            "## Comitments\u{1b}]0;owned\u{7}\n\n## Core work\n",
        )
    });
    sandbox.edit("engagement.yaml", |t| {
        t.replace("name: Dana Reyes", "name: \"Dana \\e[31mReyes\"")
    });
    assert_planted(&sandbox, &[SESSION_8], &["\u{1b}[2J"]);
    let mut runs = audience_runs(&sandbox);
    runs.push(("check".into(), sandbox.coach(&["check"])));
    runs.push(("schedule".into(), sandbox.coach(&["schedule"])));
    for (what, run) in runs {
        for stream in [run.stdout(), run.stderr()] {
            assert!(
                !stream.contains('\u{1b}') && !stream.contains('\u{7}'),
                "{what}: {stream:?}"
            );
        }
    }
}

// 8. The leader's report is truthful.

#[test]
fn the_leaders_report_says_whether_a_note_is_shared() {
    let sandbox = Sandbox::sample();
    let client = ["report", "--midpoint", "--audience", "client"];
    let shared = sandbox.coach(&client).ok();
    assert!(shared.contains("> Shared with the sponsor: "), "{shared}");
    sandbox.edit("engagement.yaml", |t| {
        t.replace(
            "sponsor_sees: [attendance, progress, notes]",
            "sponsor_sees: [attendance, progress]",
        )
    });
    let not_shared = sandbox.coach(&client).ok();
    assert!(
        !not_shared.contains("Shared with the sponsor"),
        "{not_shared}"
    );
    assert!(
        not_shared.contains("Not shared with the sponsor"),
        "{not_shared}"
    );
    let sponsor = sandbox.coach(&["report", "--midpoint"]).ok();
    assert!(!sponsor.contains("Leads"), "{sponsor}");
}
