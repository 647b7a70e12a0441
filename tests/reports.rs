//! `coach report`: snapshots, and confidentiality by construction for the sponsor.

mod common;

use common::Sandbox;
use proptest::prelude::*;

const FORMATS: [&str; 5] = ["md", "text", "html", "eml", "json"];
const AUDIENCES: [&str; 3] = ["sponsor", "client", "coach"];

/// The midpoint report for `audience` in `format`.
fn midpoint_report(sandbox: &Sandbox, audience: &str, format: &str) -> String {
    sandbox
        .coach(&[
            "report",
            "--midpoint",
            "--audience",
            audience,
            "--format",
            format,
        ])
        .ok()
}

#[test]
fn snapshots_of_each_audience_in_each_format() {
    let sandbox = Sandbox::sample();
    for audience in AUDIENCES {
        for format in FORMATS {
            let out = midpoint_report(&sandbox, audience, format);
            insta::assert_snapshot!(format!("midpoint-{audience}-{format}"), out);
        }
    }
}

#[test]
fn the_sponsor_report_holds_no_session_content_in_any_format() {
    let sandbox = Sandbox::sample();
    let canaries = common::plant_canaries(&sandbox);
    let content = common::session_content(&sandbox, &[]);
    for format in FORMATS {
        let out = sandbox
            .coach(&["report", "--midpoint", "--format", format])
            .ok();
        for secret in canaries.iter().chain(&content) {
            assert!(
                !out.contains(secret.as_str()),
                "{secret} leaked into the sponsor's {format}"
            );
        }
        for reading_date in ["2026-01-26", "2026-02-09", "26 January", "Working alliance"] {
            assert!(
                !out.contains(reading_date),
                "{reading_date} in the sponsor's {format}"
            );
        }
    }
}

#[test]
fn no_audience_sees_coach_notes_prose_or_private_keys() {
    let sandbox = Sandbox::sample();
    let canaries = common::plant_canaries(&sandbox);
    for audience in AUDIENCES {
        for format in FORMATS {
            let out = midpoint_report(&sandbox, audience, format);
            for canary in &canaries {
                assert!(
                    !out.contains(canary.as_str()),
                    "{canary} in the {audience} {format}"
                );
            }
        }
    }
}

#[test]
fn a_custom_sponsor_template_cannot_reach_session_content() {
    let sandbox = Sandbox::sample();
    let canaries = common::plant_canaries(&sandbox);
    let content = common::session_content(&sandbox, &[]);
    sandbox.write(
        "templates/report-sponsor.md",
        "{{ __tera_context }}\n{% for o in objectives %}{{ o }}{% endfor %}\n{{ sessions | default(value='no sessions') }} {{ commitments | default(value='no commitments') }} {{ alliance | default(value='no alliance') }}\n",
    );
    for format in FORMATS {
        let out = sandbox
            .coach(&["report", "--midpoint", "--format", format])
            .ok();
        let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains("no sessions") || format == "json", "{out}");
        for secret in canaries.iter().chain(&content) {
            assert!(
                !out.contains(secret.as_str()),
                "{secret} reached a custom sponsor template ({format})"
            );
        }
    }
}

#[test]
fn the_sponsor_sees_exactly_what_the_agreement_allows() {
    let views = ["attendance", "progress", "measures", "notes"];
    for mask in 0..16u32 {
        let allowed: Vec<&str> = views
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, v)| *v)
            .collect();
        let sandbox = Sandbox::sample();
        sandbox.edit("engagement.yaml", |t| {
            t.replace(
                "sponsor_sees: [attendance, progress, notes]",
                &format!("sponsor_sees: [{}]", allowed.join(", ")),
            )
        });
        let json = sandbox
            .coach(&["report", "--midpoint", "--format", "json"])
            .ok();
        let md = sandbox.coach(&["report", "--midpoint"]).ok();
        let has = |view: &str| allowed.contains(&view);
        assert_eq!(
            json.contains("\"attendance\""),
            has("attendance"),
            "{allowed:?}: {json}"
        );
        assert_eq!(json.contains("\"rating\""), has("progress"), "{allowed:?}");
        assert_eq!(
            json.contains("\"measures\""),
            has("measures"),
            "{allowed:?}"
        );
        assert_eq!(json.contains("\"note\""), has("notes"), "{allowed:?}");
        assert_eq!(
            md.contains("6 of 12 sessions held"),
            has("attendance"),
            "{allowed:?}"
        );
        assert_eq!(
            md.contains("Progress: on track"),
            has("progress"),
            "{allowed:?}"
        );
        assert_eq!(
            md.contains(
                "Confidence before ELT meetings (1-10): 7 now, from 4 at the start; target 8"
            ),
            has("measures"),
            "{allowed:?}: {md}"
        );
        assert_eq!(
            md.contains("A monthly Ops-Sales capacity review is in place."),
            has("notes"),
            "{allowed:?}"
        );
        assert!(
            !md.contains("session 3: 2"),
            "no reading history for the sponsor"
        );
    }
}

#[test]
fn without_a_signed_agreement_there_is_no_sponsor_report() {
    let sandbox = Sandbox::sample();
    sandbox.edit("engagement.yaml", |t| {
        t.replace("  signed: 2026-01-05\n", "")
    });
    let err = sandbox.coach(&["report", "--midpoint", "--write"]).fails();
    assert!(
        err.contains("the coaching agreement has no `signed:` date"),
        "{err}"
    );
    assert!(!sandbox.file("out").exists());
    sandbox
        .coach(&["report", "--midpoint", "--audience", "client"])
        .ok();
}

#[test]
fn a_midpoint_report_waits_for_the_midpoint_session() {
    let sandbox = Sandbox::sample();
    sandbox.edit("sessions/07-2026-03-12.md", |t| {
        t.replacen("status: held", "status: planned", 1)
    });
    let err = sandbox.coach(&["report", "--midpoint"]).fails();
    assert_eq!(
        err,
        "coach: error: the midpoint review (session 7, 6 of 12, 2026-03-12) has not been held yet: the midpoint report follows it\n"
    );
    let err = sandbox.coach(&["report", "--final"]).fails();
    assert!(
        err.contains("the closing session (session 13, 12 of 12"),
        "{err}"
    );
}

/// A day after the closing session of [`complete_the_engagement`].
const AFTER_THE_CLOSE: &str = "2026-05-22";

fn complete_the_engagement(sandbox: &Sandbox) {
    sandbox.edit("sessions/09-2026-03-26.md", |t| {
        t.replace(
            "status: planned",
            "status: held\nmeasures: {escalations: 5}",
        )
    });
    for (number, date) in [(10, "2026-04-09"), (11, "2026-04-23"), (12, "2026-05-07")] {
        sandbox.write(
            &format!("sessions/{number}-{date}.md"),
            format!("---\nsession: {number}\ndate: {date}\nstatus: held\nmeasures: {{confidence: 8}}\nalliance: 9\nshift: Session {number} shift.\n---\n\n## Check-in\n\n## Commitments\n- [ ] Keep the weekly hour with Keiko, by 2026-06-30\n"),
        );
    }
    sandbox.write(
        "sessions/13-2026-05-21.md",
        "---\nsession: 13\ndate: 2026-05-21\nkind: closing\nstatus: held\nmeasures: {confidence: 8, revisions: 2, escalations: 4, sales-pulse: 4}\nprogress:\n  authority: {rating: achieved, sponsor_note: Leads the ELT's operations agenda.}\n  delegation: {rating: achieved}\n  sales-partnership: {rating: on-track}\n---\n\n## Commitments\n- [ ] Review the decision-rights map with the new CRO, by 2026-06-15\n  - Success: the CRO signs it off\n",
    );
}

#[test]
fn the_final_report_covers_the_whole_engagement_and_what_to_sustain() {
    let sandbox = Sandbox::sample();
    complete_the_engagement(&sandbox);
    sandbox.coach(&["check", "--today", AFTER_THE_CLOSE]).ok();
    let client = sandbox
        .coach(&[
            "report",
            "--final",
            "--audience",
            "client",
            "--today",
            AFTER_THE_CLOSE,
        ])
        .ok();
    assert!(
        client.contains("## To sustain after the engagement"),
        "{client}"
    );
    assert!(
        client.contains("Review the decision-rights map with the new CRO"),
        "{client}"
    );
    assert!(
        client.contains(
            "| Revision cycles per board deck, lower is better | 5 | 2 | 2 | target reached |"
        ),
        "{client}"
    );
    let sponsor = sandbox
        .coach(&["report", "--final", "--today", AFTER_THE_CLOSE])
        .ok();
    assert!(
        sponsor.contains("Progress: achieved") && sponsor.contains("The engagement is complete."),
        "{sponsor}"
    );
    assert!(!sponsor.contains("decision-rights map"));
    insta::assert_snapshot!("final-sponsor-md", sponsor);
}

#[test]
fn html_reports_carry_charts_and_the_sponsor_email_goes_to_the_sponsor() {
    let sandbox = Sandbox::sample();
    let coach_html = sandbox
        .coach(&[
            "report",
            "--midpoint",
            "--audience",
            "coach",
            "--format",
            "html",
        ])
        .ok();
    assert_eq!(
        coach_html.matches("<svg").count(),
        5,
        "four measures and the alliance"
    );
    assert!(coach_html.contains("<title>Working alliance (1-10)</title>"));
    sandbox.edit("engagement.yaml", |t| {
        t.replace("[attendance, progress, notes]", "[measures]")
    });
    let sponsor_html = sandbox
        .coach(&["report", "--midpoint", "--format", "html"])
        .ok();
    assert_eq!(sponsor_html.matches("<svg").count(), 4, "a bar per measure");
    assert!(
        !sponsor_html.contains("<polyline"),
        "no reading history for the sponsor"
    );
    let raw = sandbox
        .coach(&["report", "--midpoint", "--format", "eml"])
        .0
        .stdout;
    let message = mail_parser::MessageParser::default()
        .parse(&raw)
        .expect("mime");
    let to = message
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(str::to_string);
    assert_eq!(to.as_deref(), Some("priya.shah@northwind.example"));
    let path = sandbox
        .coach(&["report", "--midpoint", "--write", "--format", "html"])
        .ok();
    assert_eq!(path.trim(), "out/reports/midpoint-sponsor.html");
}

fn token() -> impl Strategy<Value = String> {
    "[a-z]{8,12}".prop_map(|word| format!("zq{word}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever a session says, the sponsor output holds none of it.
    #[test]
    fn sponsor_output_never_contains_session_only_strings(
        shift in token(), agenda in token(), commitment in token(), success in token(),
        core in token(), notes in token(), private in token(), observed in token(),
        format in prop::sample::select(FORMATS.to_vec()),
    ) {
        let sandbox = Sandbox::sample();
        sandbox.edit("sessions/06-2026-03-05.md", |t| {
            t.replace("shift: Went into", &format!("shift: {shift} went into"))
                .replace("## Agenda\n", &format!("## Agenda\n- {agenda}\n"))
                .replace("## Commitments\n", &format!("## Commitments\n- [ ] {commitment}, by 2026-03-10\n  - Success: {success}\n"))
                .replace("## Core work\n", &format!("## Core work\n{core}\n"))
                .replace("## Coach notes\n", &format!("## Coach notes\n{notes}\n"))
                .replacen("\n---\n", &format!("\nprivate: {{note: {private}}}\n---\n"), 1)
                .replace("observed: Feels trusted", &format!("observed: {observed} feels trusted"))
        });
        prop_assert!(sandbox.read("sessions/06-2026-03-05.md").contains(observed.as_str()));
        sandbox.edit("engagement.yaml", |t| t.replace("[attendance, progress, notes]", "[attendance, progress, measures, notes]"));
        let out = sandbox.coach(&["report", "--midpoint", "--format", format]).ok();
        // Every view but stakeholders: a check-in stays out unless the agreement lists them.
        for secret in [&shift, &agenda, &commitment, &success, &core, &notes, &private, &observed] {
            prop_assert!(!out.contains(secret.as_str()), "{} leaked ({})", secret, format);
        }
    }
}
