//! Stakeholders over time: check-ins recorded at sessions, the updated
//! stakeholder context in the midpoint and closing agendas and the reports, the
//! sponsor's view of them only as `sponsor_sees` allows, and the three-way
//! meeting of leader, sponsor and coach with its own agenda and summary.

mod common;

use common::{Run, Sandbox};

const FORMATS: [&str; 5] = ["md", "text", "html", "eml", "json"];
const S5: &str = "sessions/05-2026-02-26.md";
const S6: &str = "sessions/06-2026-03-05.md";
const S7: &str = "sessions/07-2026-03-12.md";
const S8: &str = "sessions/08-2026-03-19.md";
const S9: &str = "sessions/09-2026-03-26.md";

/// Adds `yaml` at the end of a file's front matter.
fn add_front_matter(sandbox: &Sandbox, file: &str, yaml: &str) {
    sandbox.edit(file, |text| {
        let end = text[4..].find("\n---\n").expect("front matter") + 5;
        format!("{}{yaml}{}", &text[..end], &text[end..])
    });
}

/// Removes the first line of `file` that starts with `prefix`.
fn remove_line(sandbox: &Sandbox, file: &str, prefix: &str) {
    sandbox.edit(file, |t| {
        let start = t.find(&format!("\n{prefix}")).expect("the line") + 1;
        let end = start + t[start..].find('\n').expect("its end") + 1;
        format!("{}{}", &t[..start], &t[end..])
    });
}

/// Lets the sponsor see stakeholders, beside what the sample already shares.
fn share_stakeholders(sandbox: &Sandbox) {
    sandbox.edit("engagement.yaml", |t| {
        t.replace(
            "sponsor_sees: [attendance, progress, notes]",
            "sponsor_sees: [attendance, progress, notes, stakeholders]",
        )
    });
}

/// What a reader of the output reads: for a mail draft, its decoded text and
/// HTML parts (quoted-printable could split a word across lines).
fn readable(format: &str, run: &Run) -> String {
    assert_eq!(run.code(), 0, "{}", run.stderr());
    if format != "eml" {
        return run.stdout();
    }
    let message = mail_parser::MessageParser::default()
        .parse(&run.0.stdout)
        .expect("a message");
    format!(
        "{}\n{}\n{}",
        String::from_utf8_lossy(message.raw_message()),
        message.body_text(0).expect("text part"),
        message.body_html(0).expect("html part")
    )
}

/// The addresses in one header of a mail draft.
fn addresses(run: &Run, header: &str) -> Vec<String> {
    let message = mail_parser::MessageParser::default()
        .parse(&run.0.stdout)
        .expect("a message");
    let list = match header {
        "to" => message.to(),
        "cc" => message.cc(),
        _ => None,
    };
    list.map(|l| {
        l.iter()
            .filter_map(|a| a.address())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

// Recording check-ins.

#[test]
fn check_ins_name_known_people_and_say_what_they_observed() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S6, |t| {
        t.replace(
            "stakeholder_checkins:\n  - {who: Keiko Tanaka, observed:",
            "stakeholder_checkins:\n  - {who: Sam Ortz, observed: Seen.}\n  - {who: Marcus Lee, relation: peer, observed: \" \"}\n  - {who: Keiko Tanaka, observd: typo}\n  - {who: Keiko Tanaka, observed:",
        )
    });
    add_front_matter(
        &sandbox,
        "sessions/04-2026-02-23.md",
        "stakeholder_checkins: [{who: Sam Ortiz, observed: Cancelled day.}]\n",
    );
    add_front_matter(
        &sandbox,
        S9,
        "stakeholders: [{who: Sam Ortiz, observed: Misplaced.}]\n",
    );
    let run = sandbox.coach(&["check"]);
    assert_eq!(run.code(), 1);
    let out = run.stdout();
    // The record with an unknown key stops the file being read; the others are
    // checked once it is fixed.
    assert!(
        out.contains("sessions/06-2026-03-05.md:16:25: error[E013]: unknown key `observd`: did you mean `observed`? (expected one of who, relation, observed)"),
        "{out}"
    );
    assert!(
        out.contains("sessions/04-2026-02-23.md:10:1: warning[W056]: session 4 is cancelled, so its stakeholder check-ins are not read"),
        "{out}"
    );
    assert!(
        out.contains("sessions/09-2026-03-26.md:9:1: error[E019]: unknown key `stakeholders`: did you mean `stakeholder_checkins`? as written, coach ignores it"),
        "{out}"
    );
    sandbox.edit(S6, |t| {
        t.replace("  - {who: Keiko Tanaka, observd: typo}\n", "")
    });
    let out = sandbox.coach(&["check"]).stdout();
    assert!(
        out.contains("sessions/06-2026-03-05.md:14:11: error[E053]: `Sam Ortz` is not a stakeholder of this engagement: did you mean `Sam Ortiz`? (engagement.yaml has: Marcus Lee, Sam Ortiz, Keiko Tanaka, Priya Shah)"),
        "{out}"
    );
    assert!(
        out.contains("sessions/06-2026-03-05.md:15:49: error[E054]: the check-in with Marcus Lee says nothing observed"),
        "{out}"
    );
    assert!(
        out.contains("sessions/06-2026-03-05.md:15:33: warning[W055]: engagement.yaml gives Marcus Lee the relation `manager`, but this check-in says `peer`: artefacts show `peer` here"),
        "{out}"
    );
    // Each problem shows its line with a caret under the value.
    assert!(
        out.contains("14 |   - {who: Sam Ortz, observed: Seen.}\n   |           ^^^^^^^^\n"),
        "{out}"
    );
}

#[test]
fn stakeholders_in_engagement_yaml_are_strict_named_and_listed_once() {
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replace(
            "  - {name: Priya Shah, role: Chief People Officer, relation: sponsor}\n",
            "  - {name: Priya Shah, role: Chief People Officer, relation: sponsor}\n  - {name: Sam Ortiz, relation: peer}\n  - {name: \"\", relation: board}\n  - {name: \"Eve\\u202Ex\"}\n",
        )
    });
    let out = sandbox.coach(&["check"]).stdout();
    for expected in [
        "engagement.yaml:40:12: error[E052]: stakeholder `Sam Ortiz` is listed twice: a check-in could not say which is meant",
        "engagement.yaml:41:12: error[E039]: `stakeholders[6].name` is empty",
        "engagement.yaml:42:12: error[E050]: `stakeholders[7].name` holds a control or invisible character",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replace("relation: peer}", "relaton: peer}")
    });
    let out = sandbox.coach(&["check"]).stdout();
    assert!(
        out.contains("engagement.yaml:37:40: error[E013]: unknown key `relaton`: did you mean `relation`? (expected one of name, role, relation)"),
        "{out}"
    );
}

#[test]
fn a_check_in_names_the_sponsor_without_listing_them_as_a_stakeholder() {
    let sandbox = Sandbox::sample();
    remove_line(&sandbox, "engagement.yaml", "  - {name: Priya Shah");
    add_front_matter(
        &sandbox,
        S7,
        "stakeholder_checkins: [{who: Priya Shah, observed: Hears Dana first on operations at the ELT.}]\n",
    );
    sandbox.coach(&["check"]).ok();
    let agenda = sandbox.coach(&["agenda", "7"]).ok();
    assert!(
        agenda.contains("- **Priya Shah** (sponsor), at session 7 on 12 March: Hears Dana first on operations at the ELT."),
        "{agenda}"
    );
}

// The updated stakeholder context.

#[test]
fn the_midpoint_agenda_shows_check_ins_since_the_start_and_the_closing_agenda_since_the_midpoint() {
    let sandbox = Sandbox::sample();
    add_front_matter(
        &sandbox,
        S7,
        "stakeholder_checkins:\n  - {who: Priya Shah, observed: Asked for the midpoint report before the board.}\n",
    );
    add_front_matter(
        &sandbox,
        S9,
        "stakeholder_checkins:\n  - {who: Sam Ortiz, relation: partner, observed: Prepared ahead of session nine.}\n",
    );
    let midpoint = sandbox.coach(&["agenda", "7"]).ok();
    let context = midpoint
        .split("## Updated stakeholder context\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the section");
    assert_eq!(
        context,
        "- **Sam Ortiz** (peer), at session 5 on 26 February: Dana now asks about Sales' constraints before stating the Operations position.\n\
         - **Keiko Tanaka** (report), at session 6 on 5 March: Feels trusted with incident calls since Dana said which decisions are hers.\n\
         - **Priya Shah** (sponsor), at session 7 on 12 March: Asked for the midpoint report before the board.\n"
    );
    // Session 13 is the projected closing session: what came after the midpoint.
    let closing = sandbox.coach(&["agenda", "13"]).ok();
    assert!(
        closing.contains(
            "## Updated stakeholder context\n- **Marcus Lee** (manager), at session 8 on 19 March: Sees Dana leading the reorg conversation for Operations instead of reacting to it.\n- **Sam Ortiz** (partner), at session 9 on 26 March: Prepared ahead of session nine.\n"
        ),
        "{closing}"
    );
    assert!(!closing.contains("Keiko Tanaka** (report)"), "{closing}");
    let regular = sandbox.coach(&["agenda", "9"]).ok();
    assert!(!regular.contains("stakeholder context"), "{regular}");
}

#[test]
fn an_agenda_says_when_no_check_in_was_recorded() {
    let sandbox = Sandbox::sample();
    remove_line(&sandbox, S8, "stakeholder_checkins:");
    let closing = sandbox.coach(&["agenda", "13"]).ok();
    assert!(
        closing.contains("## Updated stakeholder context\nNo stakeholder check-ins recorded since the midpoint review.\n"),
        "{closing}"
    );
}

#[test]
fn check_ins_at_a_session_that_did_not_take_place_reach_no_one() {
    let sandbox = Sandbox::sample();
    add_front_matter(
        &sandbox,
        "sessions/04-2026-02-23.md",
        "stakeholder_checkins: [{who: Sam Ortiz, observed: CANARY-CANCELLED-DAY}]\n",
    );
    share_stakeholders(&sandbox);
    let check = sandbox.coach(&["check"]);
    assert_eq!(check.code(), 0, "a warning only: {}", check.stdout());
    for args in [
        vec!["agenda", "7"],
        vec!["report", "--midpoint"],
        vec!["report", "--midpoint", "--audience", "coach"],
    ] {
        let out = sandbox.coach(&args).ok();
        assert!(!out.contains("CANARY-CANCELLED-DAY"), "{args:?}: {out}");
    }
}

#[test]
fn the_leader_s_report_shows_check_ins_and_says_truthfully_whether_the_sponsor_sees_them() {
    let sandbox = Sandbox::sample();
    let client = sandbox
        .coach(&["report", "--midpoint", "--audience", "client"])
        .ok();
    assert!(
        client.contains(
            "## Stakeholder context\n\n- **Sam Ortiz** (peer), at session 5 on 26 February:"
        ),
        "{client}"
    );
    assert!(
        client.contains("*Not shared with the sponsor: the agreement does not list stakeholders.*"),
        "{client}"
    );
    assert!(
        !client.contains("Marcus Lee"),
        "session 8 is after the midpoint"
    );
    share_stakeholders(&sandbox);
    let client = sandbox
        .coach(&["report", "--midpoint", "--audience", "client"])
        .ok();
    assert!(
        client.contains("*Shared with the sponsor, as the agreement allows: who, their relation and what they observed.*"),
        "{client}"
    );
    // Listed but unsigned: no sponsor report exists, so nothing is shared.
    sandbox.edit("engagement.yaml", |t| {
        t.replace("  signed: 2026-01-05\n", "")
    });
    let client = sandbox
        .coach(&["report", "--midpoint", "--audience", "client"])
        .ok();
    assert!(client.contains("*Not shared with the sponsor"), "{client}");
}

// The sponsor's view.

/// The sample with a canary in each of two check-ins before the midpoint, and
/// one in a check-in after it.
fn sample_with_check_in_canaries() -> (Sandbox, [&'static str; 3]) {
    let sandbox = Sandbox::sample();
    let canaries = [
        "CANARYSAMOBSERVED",
        "CANARYKEIKOOBSERVED",
        "CANARYAFTERMIDPOINT",
    ];
    sandbox.edit(S5, |t| {
        t.replace(
            "observed: Dana now asks",
            &format!("observed: {} Dana now asks", canaries[0]),
        )
    });
    sandbox.edit(S6, |t| {
        t.replace(
            "observed: Feels trusted",
            &format!("observed: {} Feels trusted", canaries[1]),
        )
    });
    sandbox.edit(S8, |t| {
        t.replace(
            "observed: Sees Dana",
            &format!("observed: {} Sees Dana", canaries[2]),
        )
    });
    for (file, canary) in [S5, S6, S8].iter().zip(canaries) {
        assert!(sandbox.read(file).contains(canary), "{canary} not planted");
    }
    (sandbox, canaries)
}

#[test]
fn the_sponsor_sees_check_ins_only_when_the_agreement_lists_stakeholders() {
    let (sandbox, canaries) = sample_with_check_in_canaries();
    for format in FORMATS {
        let run = sandbox.coach(&["report", "--midpoint", "--format", format]);
        let out = readable(format, &run);
        for canary in canaries {
            assert!(!out.contains(canary), "{canary} in the sponsor's {format}");
        }
        assert!(!out.contains("stakeholders observed"), "{format}");
    }
    share_stakeholders(&sandbox);
    for format in FORMATS {
        let run = sandbox.coach(&["report", "--midpoint", "--format", format]);
        let out = readable(format, &run);
        assert!(
            out.contains(canaries[0]) && out.contains(canaries[1]),
            "{format}: {out}"
        );
        assert!(!out.contains(canaries[2]), "after the midpoint: {format}");
        // Who and the relation, never when or at which session.
        assert!(
            out.contains("Sam Ortiz") && out.contains("peer"),
            "{format}: {out}"
        );
        for dated in [
            "26 February",
            "5 March",
            "at session",
            "\"session\"",
            "\"date\"",
        ] {
            assert!(!out.contains(dated), "{dated} in the sponsor's {format}");
        }
    }
    let json = sandbox
        .coach(&["report", "--midpoint", "--format", "json"])
        .ok();
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let entries = value["stakeholders"].as_array().expect("a list");
    assert_eq!(entries.len(), 2);
    for entry in entries {
        let keys: Vec<&String> = entry.as_object().expect("a record").keys().collect();
        assert_eq!(keys, ["observed", "relation", "who"]);
    }
    let md = sandbox.coach(&["report", "--midpoint"]).ok();
    assert!(
        md.contains("shares only attendance, a progress rating per objective, notes the leader agreed to share and what stakeholders observed, as the coach recorded it."),
        "{md}"
    );
}

#[test]
fn a_hostile_sponsor_template_reaches_check_ins_only_when_shared_and_never_their_sessions() {
    let (sandbox, canaries) = sample_with_check_in_canaries();
    let private = common::plant_canaries(&sandbox);
    sandbox.write(
        "templates/report-sponsor.md",
        "{{ __tera_context }}\n{% for c in stakeholders | default(value=[]) %}{{ c }} {{ c.session | default(value='no session') }} {{ c.date | default(value='no date') }}{% endfor %}\n",
    );
    for format in FORMATS {
        let out = readable(
            format,
            &sandbox.coach(&["report", "--midpoint", "--format", format]),
        );
        for canary in canaries.iter().chain(
            private
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .iter(),
        ) {
            assert!(
                !out.contains(canary),
                "{canary} reached a custom template ({format})"
            );
        }
    }
    share_stakeholders(&sandbox);
    for format in FORMATS {
        let out = readable(
            format,
            &sandbox.coach(&["report", "--midpoint", "--format", format]),
        );
        assert!(out.contains(canaries[0]), "{format}: {out}");
        assert!(!out.contains(canaries[2]), "{format}");
        let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
        if format != "json" {
            assert!(
                words.contains("no session") && words.contains("no date"),
                "{format}: {out}"
            );
        }
        for secret in &private {
            assert!(!out.contains(secret.as_str()), "{secret} ({format})");
        }
        assert!(!out.contains("26 February"), "{format}");
    }
}

#[test]
fn snapshot_of_the_sponsor_report_with_stakeholders() {
    let sandbox = Sandbox::sample();
    share_stakeholders(&sandbox);
    let md = sandbox.coach(&["report", "--midpoint"]).ok();
    insta::assert_snapshot!("midpoint-sponsor-with-stakeholders-md", md);
}

// The three-way meeting.

const THREE_WAY: &str = "sessions/09-2026-03-23.md";

/// The sample with session 9 replaced by a three-way meeting on Monday 23 March,
/// made by `new-session`, then written up and marked held as a coach would,
/// with private text in every place that must stay in the file.
fn sample_with_three_way() -> Sandbox {
    let sandbox = Sandbox::sample();
    std::fs::remove_file(sandbox.file(S9)).expect("remove session 9");
    let path = sandbox
        .coach(&[
            "new-session",
            "--kind",
            "three-way",
            "--date",
            "2026-03-23",
            "--time",
            "14:00",
        ])
        .ok();
    assert_eq!(path.trim(), THREE_WAY);
    sandbox.edit(THREE_WAY, |t| {
        t.replace(
            "# stakeholder_checkins:  # what the sponsor observed, as said in the room\n#   - {who: Priya Shah, observed: ...}\n",
            "stakeholder_checkins: [{who: Priya Shah, observed: CANARYSPONSORSAID the board noticed.}]\nshift: CANARYTHREEWAYSHIFT\nalliance: 3\n",
        )
        .replace(
            "## Agenda\n<!-- The topics agreed for the meeting, one list item each. -->\n",
            "## Check-in\n- [x] (8.1) CANARYREVIEWED Tell Keiko what she valued\n\n## Agenda\n<!-- The topics agreed for the meeting, one list item each. -->\n- How delegation holds through the reorg.\n",
        )
        .replace(
            "## The sponsor's observations\n",
            "## The sponsor's observations\nCANARYROOMPROSE Priya spoke of the board.\n",
        )
        .replace(
            "## Commitments\n<!-- What the leader commits to in the room, one task item each: - [ ] what, by YYYY-MM-DD -->\n",
            "## Commitments\n- [ ] Present the first capacity review results to the ELT with Sam, by 2026-04-15\n  - Success: Sales and Operations present together\n",
        )
        .replace("## Coach notes\n", "## Coach notes\nCANARYTHREEWAYNOTES\n")
    });
    sandbox.coach(&["mark", "9", "held"]).ok();
    sandbox.coach(&["check"]).ok();
    sandbox
}

#[test]
fn new_session_makes_a_three_way_meeting_only_beside_the_midpoint_or_the_close() {
    let sandbox = Sandbox::sample();
    let err = sandbox
        .coach(&["new-session", "--kind", "three-way"])
        .fails();
    assert!(err.contains("pass its day with --date YYYY-MM-DD"), "{err}");
    // Session 9 is planned: a three-way now would come after 8 of 12 sessions.
    let err = sandbox
        .coach(&["new-session", "--kind", "three-way", "--date", "2026-03-27"])
        .fails();
    assert_eq!(
        err,
        "coach: error: session 10 is a three-way meeting after 8 of 12 sessions: a three-way belongs beside the midpoint review (after 5 to 7 sessions) or the close (after 11 or 12)\n"
    );
    assert!(!sandbox.file("sessions/10-2026-03-27.md").exists());
    let without_sponsor = Sandbox::sample();
    remove_line(&without_sponsor, "engagement.yaml", "sponsor:");
    std::fs::remove_file(without_sponsor.file(S9)).expect("remove");
    let err = without_sponsor
        .coach(&["new-session", "--kind", "three-way", "--date", "2026-03-23"])
        .fails();
    assert!(err.contains("a three-way meeting needs a sponsor"), "{err}");

    let sandbox = sample_with_three_way();
    let file = sandbox.read(THREE_WAY);
    assert!(file.contains("kind: three-way\nstatus: held\n"), "{file}");
    assert!(file.contains("## The leader's progress") && file.contains("## Looking ahead"));
    assert!(file.contains("beside the midpoint review"), "{file}");
    // It shares its day with no session, and uses no place of the package: the
    // closing session is still the twelfth place, now session 14.
    let schedule = sandbox.coach(&["schedule"]).ok();
    assert!(
        schedule.contains("| 9 | – | Mon 2026-03-23 | 14:00 | 60 | three-way | held |"),
        "{schedule}"
    );
    assert!(
        schedule.contains("| 14 | 12 |") && schedule.contains("| closing | to be scheduled |"),
        "{schedule}"
    );
    let next = sandbox.coach(&["new-session"]).ok();
    assert_eq!(next.trim(), "sessions/10-2026-03-26.md");
    assert!(
        sandbox
            .read("sessions/10-2026-03-26.md")
            .contains("kind: regular")
    );
}

#[test]
fn a_three_way_meeting_may_share_a_day_with_a_session() {
    let sandbox = Sandbox::sample();
    std::fs::remove_file(sandbox.file(S9)).expect("remove");
    sandbox
        .coach(&[
            "new-session",
            "--kind",
            "three-way",
            "--date",
            "2026-03-19",
            "--time",
            "15:00",
        ])
        .ok();
    sandbox.coach(&["check"]).ok();
    let err = sandbox
        .coach(&["new-session", "--date", "2026-03-19"])
        .fails();
    assert!(err.contains("session 8 is already on 2026-03-19"), "{err}");
}

#[test]
fn a_hand_written_three_way_out_of_place_or_without_a_sponsor_is_an_error() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S5, |t| t.replace("kind: regular", "kind: three-way"));
    let out = sandbox.coach(&["check"]).stdout();
    assert!(
        out.contains("sessions/05-2026-02-26.md:6:7: error[E088]: session 5 is a three-way meeting after 3 of 12 sessions"),
        "{out}"
    );
    let err = sandbox.coach(&["agenda", "9"]).fails();
    assert!(err.contains("error[E088]"), "{err}");
    let sandbox = sample_with_three_way();
    remove_line(&sandbox, "engagement.yaml", "sponsor:");
    let out = sandbox.coach(&["check"]).stdout();
    assert!(
        out.contains("sessions/09-2026-03-23.md:6:7: error[E089]: session 9 is a three-way meeting of leader, sponsor and coach, but engagement.yaml names no sponsor"),
        "{out}"
    );
}

#[test]
fn the_three_way_agenda_and_summary_carry_nothing_from_the_coaching_sessions() {
    let sandbox = sample_with_three_way();
    let planted = common::plant_canaries(&sandbox);
    let content = common::session_content(&sandbox, &["09-2026-03-23.md"]);
    let own = [
        "CANARYSPONSORSAID",
        "CANARYTHREEWAYSHIFT",
        "CANARYREVIEWED",
        "CANARYROOMPROSE",
        "CANARYTHREEWAYNOTES",
    ];
    for format in FORMATS {
        for args in [["agenda", "9"], ["summary", "9"]] {
            let run = sandbox.coach(&[args[0], args[1], "--format", format]);
            let out = readable(format, &run);
            for secret in planted
                .iter()
                .chain(&content)
                .map(String::as_str)
                .chain(own)
            {
                assert!(
                    !out.contains(secret),
                    "{secret} in the three-way {} ({format})",
                    args[0]
                );
            }
            // Nor when the next coaching session is, nor any measure or rating.
            for other in [
                "26 March",
                "Thursday",
                "Confidence before",
                "on track",
                "baseline",
            ] {
                assert!(
                    !out.contains(other),
                    "{other} in the three-way {} ({format})",
                    args[0]
                );
            }
            if format == "eml" {
                assert_eq!(addresses(&run, "to"), ["dana.reyes@northwind.example"]);
                assert_eq!(addresses(&run, "cc"), ["priya.shah@northwind.example"]);
            }
        }
    }
    let summary = sandbox.coach(&["summary", "9"]).ok();
    assert!(summary.contains("Hi Dana and Priya,"), "{summary}");
    assert!(
        summary.contains("- How delegation holds through the reorg."),
        "{summary}"
    );
    assert!(
        summary.contains("- **Present the first capacity review results to the ELT with Sam**, by Wednesday 15 April\n  - Success looks like: Sales and Operations present together"),
        "{summary}"
    );
    insta::assert_snapshot!("three-way-summary-md", summary);
    let agenda = sandbox.coach(&["agenda", "9"]).ok();
    insta::assert_snapshot!("three-way-agenda-md", agenda);
}

#[test]
fn hostile_three_way_templates_see_only_the_meeting() {
    let sandbox = sample_with_three_way();
    let planted = common::plant_canaries(&sandbox);
    let content = common::session_content(&sandbox, &["09-2026-03-23.md"]);
    let dump = "{{ __tera_context }}\n{{ shift | default(value='no shift') }} {{ reviewed | default(value='no reviews') }} {{ stakeholders | default(value='no check-ins') }} {{ next_session | default(value='no next') }}\n";
    sandbox.write("templates/agenda-three-way.md", dump);
    sandbox.write("templates/summary-three-way.md", dump);
    for format in FORMATS {
        for command in ["agenda", "summary"] {
            let out = readable(format, &sandbox.coach(&[command, "9", "--format", format]));
            let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
            if format != "json" {
                assert!(
                    words.contains("no shift no reviews no check-ins no next"),
                    "{out}"
                );
            }
            for secret in planted.iter().chain(&content).map(String::as_str).chain([
                "CANARYSPONSORSAID",
                "CANARYTHREEWAYSHIFT",
                "CANARYREVIEWED",
            ]) {
                assert!(
                    !out.contains(secret),
                    "{secret} reached a custom {command} ({format})"
                );
            }
        }
    }
}

#[test]
fn the_prompt_before_a_three_way_prepares_the_leader_alone() {
    let sandbox = Sandbox::sample();
    std::fs::remove_file(sandbox.file(S9)).expect("remove");
    sandbox
        .coach(&[
            "new-session",
            "--kind",
            "three-way",
            "--date",
            "2026-03-26",
            "--time",
            "14:00",
        ])
        .ok();
    let run = sandbox.coach(&["prompt", "9", "--format", "eml"]);
    assert_eq!(addresses(&run, "to"), ["dana.reyes@northwind.example"]);
    assert!(
        addresses(&run, "cc").is_empty(),
        "the prompt is the leader's alone"
    );
    let prompt = sandbox.coach(&["prompt", "9"]).ok();
    assert!(
        prompt.starts_with("# Before our three-way meeting on Thursday 26 March 2026\n"),
        "{prompt}"
    );
    assert!(
        prompt.contains("Our three-way meeting with Priya Shah is on"),
        "{prompt}"
    );
    assert!(
        prompt.contains("2. What is better kept between us?"),
        "{prompt}"
    );
    assert!(
        prompt.contains("4. What should the second half of our work focus on?"),
        "{prompt}"
    );
    let summary_8 = sandbox.coach(&["summary", "8"]).ok();
    assert!(
        summary_8.contains("Thursday 26 March 2026 at 14:00 EDT (60 minutes): our three-way meeting with your sponsor."),
        "{summary_8}"
    );
}

// A whole engagement.

/// Inserts `yaml` at the end of the front matter of `file` in `dir`.
fn front(zoe: &Sandbox, file: &str, yaml: &str) {
    add_front_matter(zoe, file, yaml);
}

/// Writes a commitment under `## Commitments` in `file`.
fn commit(zoe: &Sandbox, file: &str, text: &str) {
    zoe.edit(file, |t| {
        t.replacen(
            "## Commitments\n",
            &format!("## Commitments\n- [ ] {text}\n"),
            1,
        )
    });
}

#[test]
fn a_whole_engagement_with_stakeholders_and_three_way_meetings_is_driven_by_commands() {
    let (_outer, zoe) = common::zoe_engagement(&[]);
    zoe.edit("engagement.yaml", |t| {
        t.replacen(
            "sponsor_sees: [attendance, progress]",
            "sponsor_sees: [attendance, progress, stakeholders]",
            1,
        )
        .replacen(
            "stakeholders:\n  # - {name: NAME, role: ROLE, relation: manager}",
            "stakeholders:\n  - {name: Åsa Lindqvist, role: CEO, relation: manager}\n  - {name: Ngozi Okafor, role: Head of Grid, relation: report}",
            1,
        )
    });
    zoe.coach(&["--today=2026-01-12", "check"]).ok();
    let day = |n: u32| chrono_day(12 + 7 * (n - 1));
    zoe.coach(&[
        "--today=2026-01-12",
        "mark",
        "1",
        "held",
        "--measure",
        "confidence=4",
    ])
    .ok();
    // Sessions 2 to 6 (the midpoint), each made the day after the last.
    for n in 2..=6 {
        let made = format!("--today={}", chrono_day(12 + 7 * (n - 2) + 1));
        let file = zoe.coach(&[&made, "new-session"]).ok().trim().to_string();
        assert_eq!(file, format!("sessions/{n:02}-{}.md", day(n)));
        commit(
            &zoe,
            &file,
            &format!("Step {n} of the merger plan, by {}", day(n + 1)),
        );
        if n == 3 {
            front(
                &zoe,
                &file,
                "stakeholder_checkins:\n  - who: Åsa Lindqvist\n    observed: Zoë now opens the merger steering group with the decision needed.\n",
            );
        }
        if n == 6 {
            assert!(zoe.read(&file).contains("kind: midpoint"));
            front(
                &zoe,
                &file,
                "progress:\n  objective-1: {rating: on-track}\nstakeholder_checkins: [{who: Ngozi Okafor, observed: Gets decisions from Zoë within a day.}]\n",
            );
            let agenda = zoe.coach(&[&made, "agenda", &n.to_string()]).ok();
            assert!(
                agenda.contains("## Updated stakeholder context\n- **Åsa Lindqvist** (manager), at session 3 on 26 January: Zoë now opens the merger steering group with the decision needed.\n- **Ngozi Okafor** (report), at session 6 on 16 February: Gets decisions from Zoë within a day.\n"),
                "{agenda}"
            );
        }
        let held = format!("--today={}", day(n));
        zoe.coach(&[
            &held,
            "mark",
            &n.to_string(),
            "held",
            "--measure",
            "confidence=6",
        ])
        .ok();
        zoe.coach(&[&held, "summary", &n.to_string(), "--write"])
            .ok();
    }
    // A three-way meeting two days after the midpoint review.
    let today = "--today=2026-02-17";
    let file = zoe
        .coach(&[
            today,
            "new-session",
            "--kind",
            "three-way",
            "--date",
            "2026-02-18",
            "--time",
            "15:00",
        ])
        .ok()
        .trim()
        .to_string();
    assert_eq!(file, "sessions/07-2026-02-18.md");
    zoe.edit(&file, |t| t.replacen("<!-- The topics agreed for the meeting, one list item each. -->\n", "<!-- The topics agreed for the meeting, one list item each. -->\n- What the merged grid team needs from the CEO.\n", 1));
    commit(
        &zoe,
        &file,
        "Share the integration plan with Jürgen monthly, by 2026-03-18",
    );
    let agenda = zoe.coach(&[today, "agenda", "7", "--format", "eml"]);
    assert_eq!(addresses(&agenda, "to"), ["zoe@fjord.example"]);
    assert_eq!(addresses(&agenda, "cc"), ["jw@fjord.example"]);
    zoe.coach(&["--today=2026-02-18", "mark", "7", "held"]).ok();
    let summary = zoe.coach(&["--today=2026-02-18", "summary", "7"]).ok();
    assert!(
        summary.contains("Hi Zoë and Jürgen,")
            && summary.contains("Share the integration plan with Jürgen monthly"),
        "{summary}"
    );
    assert!(!summary.contains("Step 6 of the merger plan"), "{summary}");
    let sponsor = zoe
        .coach(&["--today=2026-02-18", "report", "--midpoint"])
        .ok();
    assert!(
        sponsor.contains("6 of 12 sessions held."),
        "the three-way is after the midpoint: {sponsor}"
    );
    assert!(
        sponsor.contains("## What stakeholders observed\n\n- **Åsa Lindqvist** (manager): Zoë now opens the merger steering group with the decision needed.\n- **Ngozi Okafor** (report): Gets decisions from Zoë within a day.\n"),
        "{sponsor}"
    );
    // Places 7 to 11 are sessions 8 to 12; a three-way before the closing session.
    for n in 8..=12 {
        let made = format!("--today={}", chrono_day(12 + 7 * (n - 2) - 1));
        let file = zoe.coach(&[&made, "new-session"]).ok().trim().to_string();
        assert_eq!(file, format!("sessions/{n:02}-{}.md", day(n - 1)));
        if n == 10 {
            front(
                &zoe,
                &file,
                "stakeholder_checkins: [{who: Jürgen Weiß, observed: Hears the grid team speak well of Zoë.}]\n",
            );
        }
        commit(
            &zoe,
            &file,
            &format!("Step {n} of the merger plan, by {}", day(n)),
        );
        zoe.coach(&[
            &format!("--today={}", day(n - 1)),
            "mark",
            &n.to_string(),
            "held",
        ])
        .ok();
    }
    let today = "--today=2026-03-24";
    zoe.coach(&[
        today,
        "new-session",
        "--kind",
        "three-way",
        "--date",
        "2026-03-25",
    ])
    .ok();
    zoe.coach(&["--today=2026-03-25", "mark", "13", "held"])
        .ok();
    let file = zoe
        .coach(&["--today=2026-03-26", "new-session"])
        .ok()
        .trim()
        .to_string();
    assert_eq!(file, "sessions/14-2026-03-30.md");
    assert!(
        zoe.read(&file).contains("kind: closing"),
        "the twelfth place"
    );
    front(
        &zoe,
        &file,
        "progress:\n  objective-1: {rating: achieved}\n",
    );
    let closing = zoe.coach(&["--today=2026-03-27", "agenda", "14"]).ok();
    assert!(
        closing.contains("## Updated stakeholder context\n- **Jürgen Weiß** (sponsor), at session 10 on 9 March: Hears the grid team speak well of Zoë.\n"),
        "{closing}"
    );
    commit(
        &zoe,
        &file,
        "Keep the monthly review with Jürgen, by 2026-06-30",
    );
    let today = "--today=2026-03-30";
    zoe.coach(&[today, "mark", "14", "held"]).ok();
    let client = zoe
        .coach(&[
            today,
            "report",
            "--final",
            "--audience",
            "client",
            "--write",
        ])
        .ok();
    assert_eq!(client.trim(), "out/reports/final-client.md");
    let report = zoe.read("out/reports/final-client.md");
    assert!(
        report.contains("- Sessions: 12 held of 12; 2 three-way meetings with the sponsor"),
        "{report}"
    );
    assert!(
        report.contains("*Shared with the sponsor, as the agreement allows"),
        "{report}"
    );
    zoe.coach(&[today, "report", "--final", "--write"]).ok();
    let sponsor = zoe.read("out/reports/final-sponsor.md");
    assert!(
        sponsor.contains("12 of 12 sessions held; 2 three-way meetings with you."),
        "{sponsor}"
    );
    assert!(
        sponsor.contains("- **Jürgen Weiß** (sponsor): Hears the grid team speak well of Zoë."),
        "{sponsor}"
    );
    let status = zoe.coach(&[today, "status"]).ok();
    assert!(!status.contains("behind"), "{status}");
    zoe.coach(&[today, "close"]).ok();
    zoe.coach(&[today, "check"]).ok();
}

/// The date `days` days into January 2026 (past its end, into the next months).
fn chrono_day(days: u32) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    (start + chrono::Days::new(u64::from(days - 1))).to_string()
}
