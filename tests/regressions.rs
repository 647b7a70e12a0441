//! One test per bug fixed, named after what broke. Each fails on the code before
//! its fix.

mod common;

use common::Sandbox;

const S8: &str = "sessions/08-2026-03-19.md";
const S9: &str = "sessions/09-2026-03-26.md";

/// `check`'s report of the sample after `edit`, and its exit code.
fn check_after(edit: impl FnOnce(&Sandbox)) -> (String, i32) {
    let sandbox = Sandbox::sample();
    edit(&sandbox);
    let run = sandbox.coach(&["check"]);
    (run.stdout(), run.code())
}

#[test]
fn session_minutes_outside_the_rule_passed_or_got_the_wrong_range() {
    let (out, code) = check_after(|s| s.edit(S8, |t| t.replace("minutes: 60", "minutes: 20")));
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "08-2026-03-19.md:5:10: error[E031]: minutes is 20: a session lasts 45 to 90 minutes"
        ),
        "{out}"
    );
    let (out, _) = check_after(|s| {
        s.edit("sessions/01-2026-01-12.md", |t| {
            t.replace("minutes: 90", "minutes: 200")
        })
    });
    assert!(
        out.contains("minutes is 200: an intake lasts 60 to 120 minutes"),
        "{out}"
    );
}

#[test]
fn a_held_session_dated_after_today_passed() {
    let (out, code) = check_after(|s| s.edit(S9, |t| t.replace("status: planned", "status: held")));
    assert_eq!(code, 1);
    assert!(
        out.contains("09-2026-03-26.md:7:9: error[E049]: session 9 is marked held, but its date 2026-03-26 is after today (2026-03-24)"),
        "{out}"
    );
}

#[test]
fn a_time_in_the_spring_gap_passed_and_printed_two_different_times() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S9, |t| {
        t.replace("date: 2026-03-26", "date: 2026-03-08")
            .replace("time: \"09:00\"", "time: \"02:30\"")
    });
    std::fs::rename(sandbox.file(S9), sandbox.file("sessions/09-2026-03-08.md")).unwrap();
    let run = sandbox.coach(&["check", "--today", "2026-03-01"]);
    assert!(
        run.stdout().contains("09-2026-03-08.md:4:7: error[E082]: 02:30 on 2026-03-08 does not exist in America/New_York: the clocks go forward from 01:59 to 03:00"),
        "{}",
        run.stdout()
    );
    sandbox
        .coach(&["agenda", "9", "--today", "2026-03-01"])
        .fails();
}

#[test]
fn an_ambiguous_time_read_01_30_to_01_30_and_went_unreported() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S9, |t| {
        t.replace("date: 2026-03-26", "date: 2026-11-01")
            .replace("time: \"09:00\"", "time: \"01:30\"")
    });
    std::fs::rename(sandbox.file(S9), sandbox.file("sessions/09-2026-11-01.md")).unwrap();
    let check = sandbox.coach(&["check", "--today", "2026-10-30"]);
    assert!(
        check.stdout().contains("warning[W083]: 01:30 on 2026-11-01 happens twice in America/New_York (the clocks go back): coach uses the earlier, 01:30 EDT, not 01:30 EST"),
        "{}",
        check.stdout()
    );
    let agenda = sandbox.coach(&["agenda", "9", "--today", "2026-10-30"]);
    assert!(
        agenda
            .stdout()
            .contains("Sunday 1 November 2026, 01:30 EDT–01:30 EST · 60 minutes"),
        "{}",
        agenda.stdout()
    );
    assert!(
        agenda.stderr().contains("warning[W083]"),
        "warnings go to stderr"
    );
}

#[test]
fn a_broken_practice_template_passed_check() {
    let practice = Sandbox::empty();
    practice.write(
        "coach.yaml",
        "coach: {name: Alex Morgan, email: alex@morgan-coaching.example}\n",
    );
    practice.write("templates/summary.md", "{% if %}\n");
    common::copy_dir(
        &common::repo().join("sample-engagement"),
        &practice.file("dana"),
    );
    let run = practice.coach(&["check"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stdout().contains("templates/summary.md:1:"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().contains("error[E091]"), "{}", run.stdout());
}

#[test]
fn a_due_date_in_another_form_was_called_missing_and_went_out() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| t.replace(", by 2026-03-24", ", by 10/04/2026"));
    let check = sandbox.coach(&["check"]);
    assert!(
        check.stdout().contains("error[E068]: commitment 8.1 is due `10/04/2026`, which coach cannot read: it expects YYYY-MM-DD"),
        "{}",
        check.stdout()
    );
    assert!(!check.stdout().contains("has no due date"));
    let summary = sandbox.coach(&["summary", "8"]);
    assert_eq!(summary.code(), 1);
    assert!(summary.stdout().is_empty());
}

#[test]
fn an_empty_sponsor_name_was_accepted() {
    let sandbox = Sandbox::empty();
    let run = sandbox.coach(&["init", "dana", "--client", "Dana Reyes", "--sponsor", ""]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("--sponsor"), "{}", run.stderr());
    assert!(!sandbox.file("dana").exists());
}

#[test]
fn a_misspelt_time_zone_got_no_suggestion() {
    let (out, code) = check_after(|s| {
        s.edit("engagement.yaml", |t| {
            t.replace("timezone: America/New_York", "timezone: Asia/Kolkatta")
        })
    });
    assert_eq!(code, 1);
    assert!(out.contains("did you mean `Asia/Kolkata`?"), "{out}");
}

#[test]
fn a_review_between_files_was_hidden_by_another_file_s_error() {
    let (out, _) = check_after(|s| {
        s.write("sessions/03-2026-02-09.md", "no front matter\n");
        s.edit(S9, |t| t.replacen("- [ ] (8.1)", "- [ ] (8.9)", 1));
        s.edit(S9, |t| {
            t.replace("status: planned", "status: held")
                .replace("2026-03-26", "2026-03-20")
        });
        std::fs::rename(s.file(S9), s.file("sessions/09-2026-03-20.md")).unwrap();
    });
    assert!(out.contains("error[E020]: no front matter"), "{out}");
    assert!(
        out.contains("error[E070]: (8.9) is not a commitment: session 8 has no item 9"),
        "{out}"
    );
}

#[test]
fn a_duplicate_objective_was_reported_at_its_first_use() {
    let (out, _) = check_after(|s| {
        s.edit("engagement.yaml", |t| {
            t.replace("  - id: delegation", "  - id: authority")
        })
    });
    let line = Sandbox::sample()
        .read("engagement.yaml")
        .lines()
        .position(|l| l == "  - id: delegation")
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!(
            "engagement.yaml:{line}:9: error[E032]: objective id `authority` is used twice"
        )),
        "{out}"
    );
}

#[test]
fn code_inside_a_commitment_or_agenda_item_reached_the_leader() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| {
        t.replace(
            "- Keiko made a call on a carrier contract you would not have made.\n",
            "- Keiko made a call on a carrier contract you would not have made.\n\n  ```\n  CANARY-FENCE-AGENDA\n  ```\n",
        )
        .replace(
            "make, by 2026-03-31\n",
            "make, by 2026-03-31\n\n      CANARY-INDENTED-COMMITMENT\n\n  > CANARY-QUOTE\n",
        )
    });
    let canaries = [
        "CANARY-FENCE-AGENDA",
        "CANARY-INDENTED-COMMITMENT",
        "CANARY-QUOTE",
    ];
    let input = sandbox.read(S8);
    assert!(canaries.iter().all(|c| input.contains(c)));
    for args in [["summary", "8"], ["agenda", "9"], ["prompt", "9"]] {
        let out = sandbox.coach(&args).ok();
        for canary in canaries {
            assert!(!out.contains(canary), "{canary} in {args:?}: {out}");
        }
    }
}

#[test]
fn a_coach_notes_label_in_an_agenda_item_reached_the_leader() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| {
        t.replace("## Agenda\n", "## Agenda\n- Coach notes: CANARY-LABEL\n")
    });
    assert!(sandbox.read(S8).contains("CANARY-LABEL"));
    let run = sandbox.coach(&["summary", "8"]);
    assert_eq!(run.code(), 1);
    assert!(!run.stdout().contains("CANARY-LABEL"));
    assert!(run.stderr().contains("error[E063]"), "{}", run.stderr());
}

#[test]
fn a_yaml_alias_or_merge_key_carried_private_text_to_the_sponsor() {
    for (private, public) in [
        ("private: {secret: &s CANARY-ALIAS}\n", "shift: *s\n"),
        (
            "private: &p {rating: on-track, sponsor_note: CANARY-MERGE}\n",
            "progress: {authority: {<<: *p}}\n",
        ),
    ] {
        let sandbox = Sandbox::sample();
        let file = "sessions/07-2026-03-12.md";
        sandbox.edit(file, |t| {
            // The public key replaces its own line (`shift:`) or block (`progress:`).
            let key = public.split(':').next().unwrap();
            let cut = t.find(&format!("\n{key}:")).unwrap() + 1;
            let end = t[cut..]
                .match_indices('\n')
                .map(|(i, _)| cut + i + 1)
                .find(|&i| !t[i..].starts_with(' '))
                .unwrap();
            let t = format!("{}{public}{}", &t[..cut], &t[end..]);
            t.replacen("---\n", &format!("---\n{private}"), 1)
        });
        assert!(sandbox.read(file).contains("CANARY-"));
        let check = sandbox.coach(&["check"]);
        assert!(check.stdout().contains("error[E008]"), "{}", check.stdout());
        for audience in ["sponsor", "client"] {
            let run = sandbox.coach(&["report", "--midpoint", "--audience", audience]);
            assert_eq!(run.code(), 1);
            assert!(!run.stdout().contains("CANARY-"));
        }
    }
}

#[cfg(unix)]
#[test]
fn a_hard_linked_template_printed_a_session_to_the_sponsor() {
    let sandbox = Sandbox::sample();
    std::fs::create_dir(sandbox.file("templates")).unwrap();
    std::fs::hard_link(
        sandbox.file(S8),
        sandbox.file("templates/report-sponsor.md"),
    )
    .unwrap();
    let run = sandbox.coach(&["report", "--midpoint"]);
    assert_eq!(run.code(), 1);
    assert!(run.stdout().is_empty());
    assert!(run.stderr().contains("a hard link"), "{}", run.stderr());
}

#[test]
fn a_name_written_as_an_encoded_word_was_decoded_in_the_subject() {
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replace(
            "name: Dana Reyes",
            "name: \"=?utf-8?q?evil=0D=0ABcc:_a@b?=\"",
        )
    });
    let raw = sandbox
        .coach(&["report", "--midpoint", "--format", "eml"])
        .ok();
    let message = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a message");
    let subject = message.subject().unwrap_or("");
    assert!(subject.contains("=\u{2060}?utf-8?q?evil"), "{subject}");
    assert!(
        !subject.contains('\n') && !subject.contains("Bcc: a@b"),
        "{subject}"
    );
}

#[test]
fn deep_yaml_was_blamed_on_aliases() {
    let nested = format!("{}1{}", "{a: ".repeat(200), "}".repeat(200));
    let (out, _) = check_after(|s| {
        s.edit(S8, |t| {
            t.replacen("---\n", &format!("---\ndeep: {nested}\n"), 1)
        })
    });
    assert!(out.contains("the YAML is nested too deeply"), "{out}");
}

#[test]
fn a_lone_carriage_return_shifted_the_reported_line() {
    let (out, _) = check_after(|s| {
        s.edit(S8, |t| {
            t.replacen('\n', "\r", 3)
                .replace("minutes: 60", "minutes: 20")
        })
    });
    assert!(out.contains("08-2026-03-19.md:5:10: error[E031]"), "{out}");
}

#[test]
fn a_file_of_the_coach_s_own_was_called_a_leftover_temp_file() {
    let (out, _) = check_after(|s| s.write("sessions/.coach-backup.md", "mine"));
    assert!(!out.contains("W100"), "{out}");
}

#[test]
fn invisible_characters_were_shown_raw_in_a_message() {
    let (out, _) = check_after(|s| {
        s.edit(S8, |t| {
            t.replace("## Coach notes", "## Coach\u{200b} notes")
        })
    });
    assert!(out.contains("Coach\\u{200b} notes"), "{out}");
    assert!(!out.contains('\u{200b}'), "{out}");
}

#[test]
fn a_broken_file_had_an_empty_date_in_status_json() {
    let sandbox = Sandbox::sample();
    sandbox.write("sessions/03-2026-02-09.md", "no front matter\n");
    let json = sandbox.coach(&["status", "--format", "json"]).stdout();
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let broken = value["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["kind"] == "broken-file")
        .expect("the broken file");
    assert!(broken["date"].is_null(), "{broken}");
}

#[test]
fn a_session_number_in_words_got_a_parser_s_message() {
    let run = Sandbox::sample().coach(&["agenda", "seven"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains("`seven` is not a session number: write it in digits, such as 7"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_clash_on_a_given_date_was_told_to_pass_a_date() {
    let run = Sandbox::sample().coach(&["new-session", "--date", "2026-03-26"]);
    assert!(
        run.fails().contains("choose another --date"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_measure_past_its_target_read_111_percent() {
    let sandbox = Sandbox::sample();
    sandbox.edit("sessions/07-2026-03-12.md", |t| {
        t.replace("escalations: 6", "escalations: 3")
    });
    let report = sandbox
        .coach(&["report", "--midpoint", "--audience", "client"])
        .ok();
    assert!(
        report.contains(
            "| Hours a week on escalations, lower is better | 12 | 3 | 4 | target reached |"
        ),
        "{report}"
    );
}

#[test]
fn a_summary_written_days_later_thanked_for_today_s_session() {
    let sandbox = Sandbox::sample();
    let later = sandbox.coach(&["summary", "8"]).ok();
    assert!(
        later.contains("Thank you for our session on Thursday 19 March 2026."),
        "{later}"
    );
    let same_day = sandbox
        .coach(&["summary", "8", "--today", "2026-03-19"])
        .ok();
    assert!(
        same_day.contains("Thank you for today's session."),
        "{same_day}"
    );
}

#[test]
fn a_month_of_sessions_landed_on_weekends() {
    let sandbox = Sandbox::empty();
    sandbox
        .coach(&[
            "init",
            "m",
            "--client",
            "Ana",
            "--start",
            "2026-01-05",
            "--cadence",
            "monthly",
        ])
        .ok();
    let schedule = sandbox
        .coach(&["-C", "m", "schedule", "--format", "json"])
        .ok();
    let rows: serde_json::Value = serde_json::from_str(&schedule).expect("json");
    for row in rows.as_array().expect("rows") {
        assert_eq!(row["weekday"], "Mon", "{row}");
    }
}

/// The summary of session 8 after its body's `## Commitments` is replaced by `body`,
/// with session 9's reviews of it removed; and the check's report.
fn summary_with_commitments(body: &str) -> (Run, String) {
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| {
        let start = t.find("## Commitments").expect("commitments");
        let end = t.find("## Close").expect("close");
        format!("{}{body}\n\n{}", &t[..start], &t[end..])
    });
    sandbox.edit(S9, |t| {
        t.lines()
            .filter(|l| !l.contains("(8."))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    assert!(sandbox.read(S8).contains("CANARY"), "the canary is planted");
    let check = sandbox.coach(&["check"]).stdout();
    (sandbox.coach(&["summary", "8"]), check)
}

use common::Run;

#[test]
fn html_after_a_commitment_let_hidden_items_through() {
    for html in [
        "<h2>Coach notes</h2>",
        "<details><summary>later</summary>",
        "<!-- Coach notes -->",
        "`## Coach notes`",
    ] {
        let (run, check) = summary_with_commitments(&format!(
            "## Commitments\n- [ ] Tell Keiko, by 2026-03-24\n\n{html}\n\n- [ ] CANARY hidden, by 2026-03-31\n"
        ));
        assert!(!run.stdout().contains("CANARY"), "{html}");
        assert!(check.contains("error[E0"), "{html}: {check}");
    }
}

#[test]
fn a_success_line_in_a_quote_inside_a_commitment_was_read() {
    let (run, _) = summary_with_commitments(
        "## Commitments\n- [ ] Tell Keiko, by 2026-03-24\n  > - Success: CANARY quoted\n",
    );
    assert!(!run.ok().contains("CANARY"));
}

#[test]
fn inline_html_showed_hidden_text_of_an_item() {
    let (run, check) = summary_with_commitments(
        "## Commitments\n- [ ] Write down <span hidden>CANARY</span>, by 2026-03-31\n",
    );
    assert!(!run.stdout().contains("CANARY"));
    assert!(check.contains("error[E074]"), "{check}");
}

#[test]
fn look_alike_coach_notes_labels_reached_the_leader() {
    for label in [
        "Coach nоtes: CANARY",
        "Ｃoach notes: CANARY",
        "Coach's notes: CANARY",
        "Coach note: CANARY",
    ] {
        let sandbox = Sandbox::sample();
        sandbox.edit(S8, |t| {
            t.replace("## Agenda\n", &format!("## Agenda\n- {label}\n"))
        });
        let run = sandbox.coach(&["summary", "8"]);
        assert!(!run.stdout().contains("CANARY"), "{label}");
        assert_eq!(run.code(), 1, "{label}");
    }
}

#[test]
fn text_after_dots_in_front_matter_became_the_body() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| {
        t.replacen(
            "---\n\n## Check-in",
            "...\n## Agenda\n- CANARY dots\n---\n\n## Check-in",
            1,
        )
    });
    assert!(sandbox.read(S8).contains("CANARY dots"));
    let run = sandbox.coach(&["summary", "8"]);
    assert!(!run.stdout().contains("CANARY"));
}

#[test]
fn a_file_name_with_a_line_break_forged_a_line_of_check() {
    let sandbox = Sandbox::sample();
    sandbox.write("sessions/12-2026-04-16\nX.md", "x");
    let out = sandbox.coach(&["check"]).stdout();
    assert!(
        out.contains("12-2026-04-16\\u{a}X.md:1:1: error[E020]"),
        "{out}"
    );
}

#[test]
fn a_line_separator_in_a_name_passed_check() {
    let (out, code) = check_after(|s| {
        s.edit("engagement.yaml", |t| {
            t.replace("name: Priya Shah", "name: \"Priya\\u2028Shah\"")
        })
    });
    assert_eq!(code, 1);
    assert!(out.contains("error[E050]"), "{out}");
}

#[test]
fn a_mailto_meeting_link_carried_extra_recipients() {
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replace(
            "meeting: https://video.example/alex-morgan",
            "meeting: \"mailto:alex@example.com?bcc=eve@evil.example\"",
        )
    });
    for format in ["md", "html"] {
        let out = sandbox.coach(&["agenda", "9", "--format", format]).ok();
        assert!(!out.contains("href=\"mailto:alex@example.com?bcc"), "{out}");
        assert!(!out.contains("<mailto:"), "{out}");
    }
    let ics = sandbox.coach(&["schedule", "--ics"]).ok();
    assert!(!ics.contains("URL:mailto"), "{ics}");
}

#[test]
fn a_misspelt_time_zone_key_moved_every_session_to_utc() {
    let (out, code) =
        check_after(|s| s.edit("engagement.yaml", |t| t.replace("timezone:", "timezne:")));
    assert_eq!(code, 1);
    assert!(
        out.contains("error[E019]: unknown key `timezne`: did you mean `timezone`?"),
        "{out}"
    );
}

#[test]
fn a_lazy_line_after_an_item_reached_the_leader() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| {
        t.replace(
            "- Keiko made a call on a carrier contract you would not have made.\n",
            "- Keiko made a call on a carrier contract you would not have made.\nMy read: CANARY lazy prose\n",
        )
    });
    assert!(sandbox.read(S8).contains("CANARY lazy"));
    let run = sandbox.coach(&["summary", "8"]);
    assert!(!run.stdout().contains("CANARY"));
    assert!(run.stderr().contains("error[E075]"), "{}", run.stderr());
    // An indented continuation is the item's own.
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| {
        t.replace(
            "- Keiko made a call on a carrier contract you would not have made.\n",
            "- Keiko made a call on a carrier contract\n  you would not have made.\n",
        )
    });
    let summary = sandbox.coach(&["summary", "8"]).ok();
    assert!(
        summary.contains("- Keiko made a call on a carrier contract you would not have made."),
        "{summary}"
    );
}

#[test]
fn a_next_line_character_made_the_json_invalid() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| {
        t.replace(
            "and that this is the point.",
            "and that\u{85}this is the point.",
        )
    });
    let json = sandbox.coach(&["summary", "8", "--format", "json"]).ok();
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert!(value["shift"].as_str().expect("shift").contains('\u{85}'));
}

#[test]
fn a_review_without_brackets_or_an_empty_commitment_passed_silently() {
    let (out, _) = check_after(|s| {
        s.edit(S8, |t| {
            t.replace("- [x] (7.1) Ask Marcus", "- [x] 7.1 Ask Marcus")
                .replace(
                    "## Commitments\n",
                    "## Commitments\n- [ ] , by 2026-03-24\n",
                )
        })
    });
    assert!(
        out.contains(
            "error[E069]: this review of 7.1 is not read: write the id in brackets, `(7.1)`"
        ),
        "{out}"
    );
    assert!(out.contains("warning[W076]"), "{out}");
}

#[test]
fn success_lines_written_other_ways_were_lost() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| {
        t.replace(
            "- [ ] Write down the three decisions only the VP of Operations should make, by 2026-03-31\n",
            "- [ ] Write down the three decisions only the VP of Operations should make, by 2026-03-31\n  - success looks like: a page\n  - Success: Marcus agrees\n",
        )
    });
    let summary = sandbox.coach(&["summary", "8"]).ok();
    assert!(
        summary.contains("Success looks like: a page; Marcus agrees"),
        "{summary}"
    );
}

#[test]
fn html_in_the_agenda_dropped_the_commitments_under_the_next_heading() {
    let (out, _) =
        check_after(|s| s.edit(S8, |t| t.replace("## Agenda\n", "## Agenda\n<div>\n\n")));
    assert!(out.contains("error[E073]"), "{out}");
    assert!(
        !out.contains("W065") && !out.contains("E070"),
        "no follow-on problems: {out}"
    );
}

#[test]
fn a_stakeholder_role_with_a_comma_was_silently_cut_into_a_key() {
    let (out, code) = check_after(|s| {
        s.edit("engagement.yaml", |t| {
            t.replace(
                "role: \"Director, Northeast region\"",
                "role: Director, Northeast region",
            )
        })
    });
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "engagement.yaml:38:42: error[E013]: unknown key `Northeast region` (expected one of name, role, relation)"
        ),
        "{out}"
    );
}

#[test]
fn the_prompt_dropped_the_engagement_s_warnings_for_its_send_window() {
    let sandbox = Sandbox::sample();
    sandbox.edit(S8, |t| {
        t.replace(
            "{who: Marcus Lee, observed:",
            "{who: Marcus Lee, relation: peer, observed:",
        )
    });
    let run = sandbox.coach(&["prompt", "9"]);
    assert_eq!(run.code(), 0);
    let stderr = run.stderr();
    assert!(stderr.contains("warning[W055]"), "{stderr}");
    assert!(
        stderr.ends_with(
            "send between Tuesday 24 March 2026, 09:00 EDT and Wednesday 25 March 2026, 09:00 EDT\n"
        ),
        "{stderr}"
    );
}

// From the acceptance run of the whole lifecycle.

/// The sample with a three-way meeting beside the midpoint review, in place of
/// session 9, held on 23 March.
fn sample_with_held_three_way() -> Sandbox {
    let sandbox = Sandbox::sample();
    std::fs::remove_file(sandbox.file(S9)).expect("remove session 9");
    let args = ["new-session", "--kind", "three-way", "--date", "2026-03-23"];
    sandbox.coach(&args).ok();
    sandbox
        .coach(&["--today=2026-03-28", "mark", "9", "held"])
        .ok();
    sandbox
}

#[test]
fn a_three_way_meeting_counted_as_a_held_session_in_show_and_insights() {
    let sandbox = sample_with_held_three_way();
    let today = "--today=2026-03-28";
    let show = sandbox.coach(&[today, "show", "--format", "json"]).ok();
    let show: serde_json::Value = serde_json::from_str(&show).expect("json");
    assert_eq!(show["package"]["held"], 7, "{}", show["package"]);
    let insights = sandbox.coach(&[today, "insights", "--format", "json"]).ok();
    assert!(insights.contains("\"held\": 7"), "{insights}");
}

#[test]
fn a_three_way_meeting_took_readings_that_fed_the_alliance_trend() {
    let sandbox = sample_with_held_three_way();
    let today = "--today=2026-03-28";
    let err = sandbox
        .coach(&[today, "mark", "9", "held", "--alliance", "2"])
        .fails();
    assert!(
        err.contains("is a three-way meeting: readings are taken"),
        "{err}"
    );
    let before = sandbox.coach(&[today, "show", "--format", "json"]).ok();
    let file = "sessions/09-2026-03-23.md";
    sandbox.edit(file, |t| {
        t.replacen("status: held\n", "status: held\nalliance: 2\n", 1)
    });
    let run = sandbox.coach(&[today, "check"]);
    assert!(
        run.stdout()
            .contains("warning[W087]: `alliance` in a three-way meeting is never used"),
        "{}",
        run.stdout()
    );
    assert_eq!(
        sandbox.coach(&[today, "show", "--format", "json"]).ok(),
        before
    );
}

#[test]
fn declined_prospects_were_counted_as_closed_engagements_in_insights() {
    let practice = Sandbox::empty();
    common::copy_dir(
        &common::repo().join("sample-engagement"),
        &practice.file("dana"),
    );
    practice
        .coach(&[
            "--today=2026-03-02",
            "init",
            "kim",
            "--client",
            "Kim Lee",
            "--prospect",
        ])
        .ok();
    let kim = Sandbox::at(&practice.file("kim"));
    kim.coach(&["--today=2026-03-03", "mark", "0", "held"]).ok();
    kim.coach(&["--today=2026-03-03", "decline", "--reason", "not now"])
        .ok();
    let json = practice
        .coach(&["--today=2026-03-28", "insights", "--format", "json"])
        .ok();
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["counts"]["counted"], 1, "{}", value["counts"]);
    assert_eq!(value["counts"]["prospects"], 1, "{}", value["counts"]);
    let show = kim.coach(&["--today=2026-03-28", "show"]).ok();
    assert!(
        show.contains("declined on")
            && show.contains("no session took place")
            && show.contains("not started"),
        "{show}"
    );
}

#[test]
fn status_never_asked_for_the_midpoint_reports() {
    let sandbox = Sandbox::sample();
    let today = "--today=2026-03-28";
    let kinds = |sandbox: &Sandbox| -> Vec<String> {
        let json = sandbox.coach(&[today, "status", "--format", "json"]).ok();
        let value: serde_json::Value = serde_json::from_str(&json).expect("json");
        value["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|i| i["kind"] == "reports-due")
            .map(|i| i["message"].as_str().expect("message").to_string())
            .collect()
    };
    let due = kinds(&sandbox);
    assert_eq!(due.len(), 2, "{due:?}");
    assert!(
        due[0].contains("`coach report --midpoint --audience client --write`"),
        "{due:?}"
    );
    sandbox
        .coach(&[
            today,
            "report",
            "--midpoint",
            "--audience",
            "client",
            "--write",
        ])
        .ok();
    sandbox
        .coach(&[today, "report", "--midpoint", "--write"])
        .ok();
    assert!(kinds(&sandbox).is_empty());
}

#[test]
fn a_midpoint_review_missed_by_a_no_show_left_no_way_forward() {
    let sandbox = Sandbox::sample();
    sandbox.edit("sessions/07-2026-03-12.md", |t| {
        t.replacen("status: held", "status: no-show", 1)
    });
    let err = sandbox
        .coach(&["--today=2026-03-28", "report", "--midpoint"])
        .fails();
    assert!(
        err.contains("was a no-show") && err.contains("`coach mark 7 cancelled`"),
        "{err}"
    );
}

#[test]
fn new_session_wrote_a_session_before_the_last_or_a_review_out_of_place() {
    let sandbox = Sandbox::sample();
    let err = sandbox
        .coach(&["new-session", "--date", "2026-03-20"])
        .fails();
    assert!(err.contains("session 9 is on 2026-03-26"), "{err}");
    let err = sandbox
        .coach(&["new-session", "--kind", "midpoint"])
        .fails();
    assert!(
        err.contains("so it is the regular session, not midpoint"),
        "{err}"
    );
    assert_eq!(common::session_files(&sandbox.file("sessions")).len(), 9);
}

#[test]
fn a_leader_was_greeted_by_the_first_word_of_the_name() {
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replacen(
            "client: {name: Dana Reyes,",
            "client: {name: Dr. Dana Reyes, known_as: Dana,",
            1,
        )
    });
    let summary = sandbox.coach(&["summary", "8"]).ok();
    assert!(summary.contains("Hi Dana,"), "{summary}");
    sandbox.edit("engagement.yaml", |t| {
        t.replacen("known_as: Dana,", "known_as: \"\u{202e}x\",", 1)
    });
    let run = sandbox.coach(&["check"]);
    assert!(
        run.stdout()
            .contains("`client.known_as` holds a control or invisible character"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_measure_given_twice_was_written_twice() {
    let sandbox = Sandbox::sample();
    let before = sandbox.read(S8);
    let run = sandbox.coach(&[
        "mark",
        "8",
        "held",
        "--measure",
        "confidence=5",
        "--measure",
        "confidence=6",
    ]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("--measure confidence= is given twice"),
        "{}",
        run.stderr()
    );
    assert_eq!(sandbox.read(S8), before);
}

#[test]
fn status_called_a_three_way_meetings_summary_a_sessions() {
    let sandbox = sample_with_held_three_way();
    let status = sandbox.coach(&["--today=2026-03-28", "status"]).ok();
    assert!(
        status.contains("summary of the three-way meeting (session 9) (2026-03-23) not sent"),
        "{status}"
    );
}

// From the hostile review of the fast YAML path and the last changes.

#[test]
fn a_plus_sign_in_a_unicode_escape_passed_check_and_then_failed_mark() {
    let (out, code) = check_after(|s| {
        s.edit(S8, |t| {
            t.replacen("shift: ", "shift: \"Sh\\u+06Fwed up\"\nold_shift: ", 1)
        })
    });
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("sessions/08-2026-03-19.md:"), "{out}");
}

#[test]
fn a_control_character_in_a_comment_hid_a_misspelt_key() {
    let (out, code) = check_after(|s| {
        s.edit(S8, |t| {
            t.replacen("shift:", "shfit:", 1).replacen(
                "status: held\n",
                "status: held\n# pasted \u{1b}[0m\n",
                1,
            )
        })
    });
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("sessions/08-2026-03-19.md:"), "{out}");
}

#[test]
fn new_session_wrote_an_intake_or_a_closing_session_out_of_place() {
    let sandbox = Sandbox::sample();
    for kind in ["intake", "closing"] {
        let err = sandbox.coach(&["new-session", "--kind", kind]).fails();
        assert!(
            err.contains("so it is the regular session"),
            "{kind}: {err}"
        );
    }
    let (out, _) = check_after(|s| s.edit(S9, |t| t.replacen("kind: regular", "kind: closing", 1)));
    assert!(out.contains("warning[W080]"), "{out}");
}

#[test]
fn check_accepted_session_dates_out_of_order() {
    let (out, _) = check_after(|s| {
        let text = s
            .read(S9)
            .replacen("session: 9", "session: 10", 1)
            .replacen("date: 2026-03-26", "date: 2026-03-20", 1);
        s.write("sessions/10-2026-03-20.md", text);
    });
    assert!(
        out.contains(
            "warning[W057]: session 10 is dated 2026-03-20, before session 9 on 2026-03-26"
        ),
        "{out}"
    );
}

#[test]
fn an_arabic_letter_mark_passed_as_a_visible_name() {
    let (out, code) = check_after(|s| {
        s.edit("engagement.yaml", |t| {
            t.replacen(
                "client: {name: Dana Reyes,",
                "client: {name: Dana Reyes, known_as: \"\u{61c}Dana\",",
                1,
            )
        })
    });
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error[E050]"), "{out}");
}
