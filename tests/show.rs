//! `coach show`: the engagement at a glance, for the coach. Snapshots read as a
//! coach would, the JSON shape, canaries in every format and through a template
//! that dumps its context, and engagements in every state, with nothing in them,
//! or with names beyond ASCII.

mod common;

use common::{Sandbox, TODAY};
use serde_json::Value;

const FORMATS: [&str; 4] = ["md", "text", "html", "json"];

/// The eight heights of a sparkline.
const BLOCKS: &str = "▁▂▃▄▅▆▇█";

/// Asserts that `out` holds each of `lines`.
fn assert_has(out: &str, lines: &[&str]) {
    for line in lines {
        assert!(out.contains(line), "{line:?} in:\n{out}");
    }
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let out = sandbox
        .coach(&[args, &["show", "--format", "json"]].concat())
        .ok();
    serde_json::from_str(&out).expect("show --format json is JSON")
}

#[test]
fn snapshots_of_the_sample_engagement() {
    let sandbox = Sandbox::sample();
    for format in ["md", "text"] {
        let out = sandbox.coach(&["show", "--format", format]).ok();
        insta::assert_snapshot!(format!("show-{format}"), out);
    }
    // A week on: session 9 unmarked, commitments overdue, session 10 without a file.
    let later = sandbox.coach(&["--today", "2026-03-30", "show"]).ok();
    insta::assert_snapshot!("show-a-week-later-md", later);
}

#[test]
fn the_json_is_the_context_with_a_stable_shape() {
    let sandbox = Sandbox::sample();
    let show = json(&sandbox, &[]);
    for key in [
        "today",
        "today_long",
        "client",
        "organization",
        "coach",
        "sponsor",
        "engagement",
        "package",
        "agreement",
        "next_session",
        "due",
        "sessions",
        "commitments",
        "objectives",
        "alliance",
    ] {
        assert!(show.get(key).is_some(), "{key} in {show}");
    }
    assert_eq!(show["today"], TODAY);
    assert_eq!(show["engagement"]["status"], "active");
    let package = &show["package"];
    assert_eq!(
        (
            &package["size"],
            &package["held"],
            &package["planned"],
            &package["to_schedule"],
            &package["cancelled"]
        ),
        (&12.into(), &7.into(), &1.into(), &4.into(), &1.into())
    );
    assert_eq!(show["next_session"]["number"], 9);
    let sessions = show["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 13, "12 places and a cancellation");
    assert_eq!(sessions[3]["status"], "cancelled");
    assert!(sessions[3]["place"].is_null());
    assert_eq!(sessions[8]["next"], true);
    assert_eq!(sessions[12]["kind"], "closing");
    assert_eq!(sessions[12]["status"], "to be scheduled");
    let open: Vec<&str> = show["commitments"]["open"]
        .as_array()
        .expect("open")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(open, ["7.2", "8.1", "8.2"]);
    let confidence = &show["objectives"][0]["measures"][0];
    assert_eq!(confidence["id"], "confidence");
    assert_eq!(
        confidence["readings"].as_array().expect("readings").len(),
        5
    );
    assert_eq!(confidence["sparkline"], "▁▃▃▅▆");
    assert_eq!(show["objectives"][0]["rating"], "on track");
    assert_eq!(show["objectives"][0]["rated_at"], 7);
    assert_eq!(show["alliance"]["latest"], "8");
    assert_eq!(show["alliance"]["sparkline"], "▅▆▆▅▇▇▆");
}

#[test]
fn what_is_due_is_what_status_says_of_the_engagement() {
    let sandbox = Sandbox::sample();
    for today in [TODAY, "2026-03-30", "2026-05-07"] {
        let day = format!("--today={today}");
        let show = json(&sandbox, &[&day]);
        let status: Value =
            serde_json::from_str(&sandbox.coach(&[&day, "status", "--format", "json"]).ok())
                .expect("status json");
        let said: Vec<String> = status["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|i| {
                !["commitment-overdue", "session-today", "session-this-week"]
                    .contains(&i["kind"].as_str().expect("kind"))
            })
            .map(|i| i["message"].as_str().expect("message").to_string())
            .collect();
        let shown: Vec<String> = show["due"]
            .as_array()
            .expect("due")
            .iter()
            .map(|d| {
                let commands: Vec<String> = d["commands"]
                    .as_array()
                    .expect("commands")
                    .iter()
                    .map(|c| format!("`{}`", c.as_str().expect("command")))
                    .collect();
                let text = d["text"].as_str().expect("text");
                match commands.as_slice() {
                    [] => text.to_string(),
                    _ => format!("{text}: {}", commands.join(" or ")),
                }
            })
            .collect();
        assert!(!said.is_empty(), "{today}: something is due");
        assert_eq!(shown, said, "{today}");
    }
}

#[test]
fn html_draws_each_trend_as_a_chart_and_loads_nothing() {
    let sandbox = Sandbox::sample();
    let html = sandbox.coach(&["show", "--format", "html"]).ok();
    // Four measures with readings and the alliance.
    assert_eq!(html.matches("<svg").count(), 5, "{html}");
    assert!(html.contains("<title>Working alliance (1-10)</title>"));
    assert!(
        !html.contains(|c| BLOCKS.contains(c)),
        "no sparkline where a chart is drawn"
    );
    assert!(
        html.contains("<code>coach summary 8 --write</code>"),
        "{html}"
    );
    assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    for tag in coach::render::page_check::tags(&html) {
        assert!(
            ![
                "script", "img", "iframe", "object", "embed", "link", "base", "form"
            ]
            .contains(&tag.name.as_str()),
            "<{}>",
            tag.name
        );
        assert!(
            tag.attributes
                .iter()
                .all(|(name, _)| !name.starts_with("on") && name != "src"),
            "{tag:?}"
        );
    }
    let md = sandbox.coach(&["show"]).ok();
    assert!(!md.contains("<!--") && !md.contains("<svg"), "{md}");
}

#[test]
fn nothing_private_reaches_any_format_nor_a_template_that_dumps_its_context() {
    let sandbox = Sandbox::sample();
    let mut canaries = common::plant_canaries(&sandbox);
    let session = "sessions/06-2026-03-05.md";
    sandbox.edit(session, |t| {
        let t = t.replacen(
            "\n---\n",
            "\nenergy: CANARY-UNKNOWN-KEY\n---\nCANARY-BEFORE-HEADING above every heading.\n",
            1,
        );
        t.replacen(
            "## Agenda\n",
            "## Reflections\nCANARY-OTHER-HEADING under a heading coach does not know.\n\n## Agenda\n",
            1,
        )
    });
    sandbox.edit("engagement.yaml", |t| {
        format!("{t}private: {{pricing: CANARY-ENGAGEMENT-PRIVATE}}\n")
    });
    canaries.extend(
        [
            "CANARY-UNKNOWN-KEY",
            "CANARY-BEFORE-HEADING",
            "CANARY-OTHER-HEADING",
            "CANARY-ENGAGEMENT-PRIVATE",
        ]
        .map(String::from),
    );
    let input: String = common::session_files(&sandbox.file("sessions"))
        .iter()
        .map(|name| sandbox.read(&format!("sessions/{name}")))
        .chain([sandbox.read("engagement.yaml")])
        .collect();
    for canary in &canaries {
        assert!(
            input.contains(canary.as_str()),
            "{canary} was never written"
        );
    }
    let assert_clean = |what: &str| {
        for format in FORMATS {
            let run = sandbox.coach(&["show", "--format", format]);
            let out = run.ok();
            for canary in &canaries {
                assert!(
                    !out.contains(canary.as_str()) && !run.stderr().contains(canary.as_str()),
                    "{canary} leaked into show --format {format} ({what})"
                );
            }
        }
    };
    assert_clean("the built-in template");
    sandbox.write(
        "templates/show.md",
        "{{ __tera_context }}\n{{ sessions }} {{ objectives }} {{ due }} {{ notes | default(value='no notes') }} {{ private | default(value='no private') }}\n",
    );
    let dump = sandbox.coach(&["show"]).ok();
    assert!(
        dump.contains("no notes") && dump.contains("no private") && dump.contains("Dana Reyes"),
        "the override dumped its context: {dump}"
    );
    assert_clean("a template that dumps its whole context");
}

#[test]
fn a_file_with_errors_refuses_and_says_where() {
    let sandbox = Sandbox::sample();
    sandbox.edit("sessions/05-2026-02-26.md", |t| {
        t.replace("date: 2026-02-26", "date: 2026-02-30")
    });
    let err = sandbox.coach(&["show"]).fails();
    assert!(
        err.contains("sessions/05-2026-02-26.md:3:7: error[E016]"),
        "{err}"
    );
    assert!(sandbox.coach(&["show"]).stdout().is_empty());
}

#[test]
fn no_email_draft_of_the_coach_s_own_view() {
    let run = Sandbox::sample().coach(&["show", "--format", "eml"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("[possible values: md, text, html, json]")
    );
}

#[test]
fn write_saves_today_s_view_under_out_and_never_replaces_it() {
    let sandbox = Sandbox::sample();
    let printed = sandbox.coach(&["show", "--format", "html"]).ok();
    let path = sandbox.coach(&["show", "--format", "html", "--write"]).ok();
    assert_eq!(path, format!("out/show/{TODAY}.html\n"));
    assert_eq!(sandbox.read(&format!("out/show/{TODAY}.html")), printed);
    let again = sandbox
        .coach(&["show", "--format", "html", "--write"])
        .fails();
    assert!(again.contains("--force"), "{again}");
    sandbox
        .coach(&["show", "--format", "html", "--write", "--force"])
        .ok();
    // What --write saved is not taken for a prompt or a summary sent.
    assert!(
        sandbox
            .coach(&["status"])
            .ok()
            .contains("summary of session 8")
    );
}

#[test]
fn a_no_show_uses_a_session_and_is_counted_apart() {
    let sandbox = Sandbox::sample();
    sandbox.edit("sessions/09-2026-03-26.md", |t| {
        t.replace("status: planned", "status: no-show")
    });
    let out = sandbox.coach(&["--today=2026-03-27", "show"]).ok();
    assert!(
        out.contains("12 sessions: 8 used (7 held, 1 no-show), 4 to schedule; 1 cancelled"),
        "{out}"
    );
    assert!(
        out.contains("- **9** · Thu 26 Mar 2026 · no-show · delegation, authority\n"),
        "{out}"
    );
}

#[test]
fn a_new_engagement_with_no_readings_shows_what_it_has() {
    let practice = Sandbox::empty();
    practice
        .coach(&[
            "init",
            "zoe",
            "--client",
            "Zoë Ångström-Øyen",
            "--start",
            "2026-04-06",
            "--timezone",
            "Europe/Oslo",
        ])
        .ok();
    let zoe = Sandbox::at(&practice.file("zoe"));
    let md = zoe.coach(&["show"]).ok();
    assert_has(
        &md,
        &[
            "# Zoë Ångström-Øyen: the engagement at a glance\n",
            "- **Package:** accelerated, 12 sessions: none held yet, 1 planned, 11 to schedule\n",
            "- **Agreement:** not signed yet, so no sponsor report\n",
            "- **Next session:** 1, Monday 6 April 2026, 09:00–10:30 CEST (intake, 1 of 12)\n",
            "- **1** · Mon 6 Apr 2026 · intake · planned (next)\n",
            "None open.",
            "no readings yet; baseline 4, target 8",
            "## Working alliance\n\nNo ratings yet.",
        ],
    );
    let show = json(&zoe, &[]);
    assert_eq!(show["client"]["first_name"], "Zoë");
    assert_eq!(show["objectives"][0]["measures"][0]["sparkline"], "");
    assert_eq!(show["alliance"]["readings"], Value::Array(vec![]));
    let html = zoe.coach(&["show", "--format", "html"]).ok();
    assert!(
        html.contains("<title>Zoë Ångström-Øyen: the engagement at a glance</title>"),
        "{html}"
    );
    assert!(!html.contains("<svg"), "no chart without readings: {html}");
    let text = zoe.coach(&["show", "--format", "text"]).ok();
    let mut lines = text.lines();
    let title = lines.next().expect("title");
    assert_eq!(title, "Zoë Ångström-Øyen: the engagement at a glance");
    assert_eq!(
        lines.next().expect("rule").chars().count(),
        title.chars().count(),
        "the rule is as wide as the title on screen"
    );
}

#[test]
fn a_prospect_shows_its_fit_conversation_and_what_status_asks_of_it() {
    let practice = Sandbox::empty();
    common::init_zoe_prospect(&practice, &[]).ok();
    // Zoë's engagement on a day: coach's output for `args`.
    let zoe =
        |today: &str, args: &[&str]| practice.coach(&[&["-C", "zoe", today], args].concat()).ok();
    let planned = zoe("--today=2026-03-02", &["show"]);
    assert_has(
        &planned,
        &[
            "- **Engagement:** a prospect: the fit conversation comes first; times in Europe/Oslo\n",
            "- **Package:** accelerated, 12 sessions, not started\n",
            "- **Next session:** the fit conversation, Thursday 5 March 2026, 16:00–16:30 CET (session 0, outside the package)\n",
            "- **Prospect:** fit conversation on Thursday 5 March 2026 at 16:00 CET:  \n  `coach -C zoe agenda 0`\n",
            "## Sessions\n\n- **0** · Thu 5 Mar 2026 · fit · planned (next)\n\n",
        ],
    );
    let after = "--today=2026-03-06";
    zoe(after, &["mark", "0", "held"]);
    zoe(after, &["follow-up", "--write"]);
    let decide = zoe(after, &["show"]);
    assert_has(
        &decide,
        &[
            "- **Prospect:** after the fit conversation on 2026-03-05, start or decline:  \n  `coach -C zoe start --date YYYY-MM-DD`  \n  or `coach -C zoe decline --reason \"...\"`\n",
        ],
    );
    assert!(!decide.contains("Next session"), "{decide}");
    for format in FORMATS {
        zoe(after, &["show", "--format", format]);
    }
    // Once started, the fit conversation stays at the head of the timeline,
    // outside the package.
    zoe(after, &["start", "--date", "2026-03-12"]);
    assert_has(
        &zoe(after, &["show"]),
        &[
            "- **Engagement:** active from Thursday 12 March 2026, biweekly sessions",
            "- **Next session:** 1, Thursday 12 March 2026, 16:00–17:30 CET (intake, 1 of 12)\n",
            "- **0** · Thu 5 Mar 2026 · fit · held\n- **1** · Thu 12 Mar 2026 · intake · planned (next)\n",
        ],
    );
    // Without any session file, not even the fit conversation's.
    std::fs::remove_dir_all(practice.file("zoe/sessions")).expect("no sessions");
    practice.edit("zoe/engagement.yaml", |t| {
        t.replace("\nstatus: active\n", "\nstatus: prospect\n")
    });
    let empty = zoe(after, &["show"]);
    assert_has(
        &empty,
        &[
            "- **Prospect:** no fit conversation on file:  \n  `coach -C zoe new-session --date YYYY-MM-DD`\n",
            "## Sessions\n\nNo sessions yet.\n",
        ],
    );
    assert!(!empty.contains("Next session"), "{empty}");
    for format in FORMATS {
        zoe(after, &["show", "--format", format]);
    }
}

#[test]
fn closed_and_paused_engagements_project_nothing_and_ask_nothing() {
    let sandbox = Sandbox::sample();
    sandbox
        .coach(&[
            "--today=2026-03-28",
            "close",
            "--force",
            "--reason",
            "Dana took a new role",
        ])
        .ok();
    let closed = sandbox.coach(&["--today=2026-04-10", "show"]).ok();
    assert_has(
        &closed,
        &[
            "- **Engagement:** closed on Saturday 28 March 2026 (Dana took a new role); it started Monday 12 January 2026; times in America/New_York\n",
            "- **Package:** accelerated, 12 sessions: 7 held, 5 not used (1 still marked planned); 1 cancelled, not counted\n",
            "## Due next\n\nNothing: the engagement is closed.\n",
            "- **9** · Thu 26 Mar 2026 · planned, not marked yet · delegation, authority\n\n## Open commitments",
        ],
    );
    assert!(!closed.contains("to be scheduled") && !closed.contains("Next session"));
    sandbox.edit("engagement.yaml", |t| {
        t.replace("\nstatus: closed\n", "\nstatus: paused\n")
    });
    let paused = sandbox.coach(&["--today=2026-04-10", "show"]).ok();
    assert!(
        paused.contains("## Due next\n\nNothing while the engagement is paused.\n"),
        "{paused}"
    );
    assert!(paused.contains("1 planned, 4 to schedule"), "{paused}");
    assert!(!paused.contains("to be scheduled"), "{paused}");
}

#[test]
fn the_template_is_listed_and_documented() {
    let sandbox = Sandbox::sample();
    let list = sandbox.coach(&["templates", "list"]).ok();
    assert!(
        list.contains("show.md") && list.contains("the engagement at a glance, for the coach"),
        "{list}"
    );
    let shown = sandbox.coach(&["templates", "show", "show.md"]).ok();
    assert!(
        shown.contains("sparkline (empty in html)") && shown.contains("## Working alliance"),
        "{shown}"
    );
}
