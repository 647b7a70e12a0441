//! `coach insights`: every figure against a practice computed by hand, the
//! early warnings (also in `status`), the patterns planted in a generated
//! practice, engagements with errors, and the anonymous report's canaries in
//! every format and through a hostile template.

mod common;

#[path = "../examples/planted_practice.rs"]
#[allow(dead_code)]
mod planted;

use common::Sandbox;
use serde_json::Value;

/// The engagement.yaml of a custom package of `sessions`, from Monday 5 January
/// 2026, with one objective measured 0 -> 10.
fn engagement_yaml(leader: &str, status: &str, sessions: u32) -> String {
    format!(
        "client: {{name: {leader}, email: leader@example.com}}
organization: {leader} Holdings
coach: {{name: Alex Morgan, email: alex@example.com}}
status: {status}
package: custom
sessions: {sessions}
start: 2026-01-05
timezone: Europe/London
objectives:
  - id: goal
    title: Objective of {leader}
    measures:
      - {{id: m, label: Measure of {leader}, baseline: 0, target: 10}}
"
    )
}

/// A held session `n` (every two weeks from 5 January) with its front-matter
/// extras and body.
fn held(n: u32, extra: &str, body: &str) -> (String, String) {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("a date")
        + chrono::Days::new(u64::from(n - 1) * 14);
    (
        format!("{n:02}-{date}.md"),
        format!("---\nsession: {n}\ndate: {date}\nstatus: held\n{extra}---\n\n{body}"),
    )
}

fn write(sandbox: &Sandbox, folder: &str, yaml: String, sessions: &[(String, String)]) {
    sandbox.write(&format!("{folder}/engagement.yaml"), yaml);
    for (name, text) in sessions {
        sandbox.write(&format!("{folder}/sessions/{name}"), text);
    }
}

/// Front matter of a session: a reading, an alliance rating, and a rating of the
/// objective (at the midpoint and the close).
fn front(reading: Option<f64>, alliance: u8, rating: Option<&str>) -> String {
    let mut text = format!("alliance: {alliance}\n");
    if let Some(value) = reading {
        text.push_str(&format!("measures: {{m: {value}}}\n"));
    }
    if let Some(rating) = rating {
        text.push_str(&format!("progress: {{goal: {{rating: {rating}}}}}\n"));
    }
    text
}

/// A closed engagement of four sessions: midpoint review at 2, close at 4.
fn closed(
    sandbox: &Sandbox,
    leader: &str,
    readings: [f64; 3],
    alliance: [u8; 4],
    ratings: [&str; 2],
    bodies: [&str; 4],
) {
    let folder = format!("clients/{}", leader.to_lowercase());
    let sessions = [
        held(1, &front(Some(readings[0]), alliance[0], None), bodies[0]),
        held(
            2,
            &front(Some(readings[1]), alliance[1], Some(ratings[0])),
            bodies[1],
        ),
        held(3, &front(None, alliance[2], None), bodies[2]),
        held(
            4,
            &front(Some(readings[2]), alliance[3], Some(ratings[1])),
            bodies[3],
        ),
    ];
    write(
        sandbox,
        &folder,
        engagement_yaml(leader, "closed", 4),
        &sessions,
    );
}

/// The practice every figure is computed by hand for (docs/INSIGHTS.md):
///
/// | leader | status | progress mid / close | alliance | follow-through |
/// |---|---|---|---|---|
/// | Alpha | closed | 0.5 / 1.0 | 8 8 9 9 | 2 done, 1 dropped, 1 overdue: 50% |
/// | Bravo | closed | 0.2 / 0.4 | 7 7 7 7 | 1 done, 3 dropped: 25%, low |
/// | Charlie | closed | 0.4 / 0.8 | 9 9 9 9 | 4 done: 100%, strong |
/// | Delta | closed | 0.1 / 0.2 | 6 7 6 7 | none |
/// | Echo | closed | 0.6 / 1.2 (capped 1.0) | 10 9 10 9 | none |
/// | Foxtrot | active | 0.3 / – | 8 7 | none |
/// | Golf | active, 8 sessions, 3 held | – / – | 9 9 6: a drop | readings 3 3 3: a plateau |
/// | Hotel | prospect | not counted |
fn fixture() -> Sandbox {
    let s = Sandbox::empty();
    s.write("coach.yaml", "coach: {name: Alex Morgan}\n");
    let no_commitments = ["", "", "", ""];
    closed(
        &s,
        "Alpha",
        [0.0, 5.0, 10.0],
        [8, 8, 9, 9],
        ["emerging", "achieved"],
        [
            "## Commitments\n- [ ] Alpha one, by 2026-01-15\n- [ ] Alpha two, by 2026-01-16\n",
            "## Check-in\n- [x] (1.1) Alpha one\n- [ ] ~~(1.2) Alpha two~~\n\n## Commitments\n- [ ] Alpha three, by 2026-01-29\n",
            "## Check-in\n- [x] (2.1) Alpha three\n\n## Commitments\n- [ ] Alpha four, by 2026-02-12\n",
            "## Check-in\n- [ ] (3.1) Alpha four\n",
        ],
    );
    closed(
        &s,
        "Bravo",
        [0.0, 2.0, 4.0],
        [7, 7, 7, 7],
        ["emerging", "on-track"],
        [
            "## Commitments\n- [ ] Bravo one, by 2026-01-15\n- [ ] Bravo two, by 2026-01-16\n",
            "## Check-in\n- [x] (1.1) Bravo one\n- [ ] ~~(1.2) Bravo two~~\n\n## Commitments\n- [ ] Bravo three, by 2026-01-29\n- [ ] Bravo four, by 2026-01-29\n",
            "## Check-in\n- [ ] ~~(2.1) Bravo three~~\n- [ ] ~~(2.2) Bravo four~~\n",
            "",
        ],
    );
    closed(
        &s,
        "Charlie",
        [0.0, 4.0, 8.0],
        [9, 9, 9, 9],
        ["emerging", "achieved"],
        [
            "## Commitments\n- [ ] Charlie one, by 2026-01-15\n- [ ] Charlie two, by 2026-01-16\n",
            "## Check-in\n- [x] (1.1) Charlie one\n- [x] (1.2) Charlie two\n\n## Commitments\n- [ ] Charlie three, by 2026-01-29\n- [ ] Charlie four, by 2026-01-29\n",
            "## Check-in\n- [x] (2.1) Charlie three\n- [x] (2.2) Charlie four\n",
            "",
        ],
    );
    closed(
        &s,
        "Delta",
        [0.0, 1.0, 2.0],
        [6, 7, 6, 7],
        ["emerging", "at-risk"],
        no_commitments,
    );
    closed(
        &s,
        "Echo",
        [0.0, 6.0, 12.0],
        [10, 9, 10, 9],
        ["on-track", "achieved"],
        no_commitments,
    );
    write(
        &s,
        "clients/foxtrot",
        engagement_yaml("Foxtrot", "active", 4),
        &[
            held(1, &front(Some(0.0), 8, None), ""),
            held(2, &front(Some(3.0), 7, Some("emerging")), ""),
        ],
    );
    write(
        &s,
        "clients/golf",
        engagement_yaml("Golf", "active", 8),
        &[
            held(1, &front(Some(3.0), 9, None), ""),
            held(2, &front(Some(3.0), 9, None), ""),
            held(3, &front(Some(3.0), 6, None), ""),
        ],
    );
    write(
        &s,
        "prospects/hotel",
        engagement_yaml("Hotel", "prospect", 4),
        &[],
    );
    s
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let out = sandbox.coach(args).ok();
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn engagement<'a>(report: &'a Value, leader: &str) -> &'a Value {
    report["engagements"]
        .as_array()
        .expect("engagements")
        .iter()
        .find(|e| e["leader"] == leader)
        .unwrap_or_else(|| panic!("{leader} in {report}"))
}

fn value(figure: &Value) -> f64 {
    figure["value"]
        .as_f64()
        .unwrap_or_else(|| panic!("a figure: {figure}"))
}

fn assert_near(figure: &Value, expected: f64) {
    let actual = value(figure);
    assert!(
        (actual - expected).abs() < 5e-4,
        "{actual} is not {expected}: {figure}"
    );
}

#[test]
fn each_engagement_s_figures_match_the_hand_computed_fixture() {
    let sandbox = fixture();
    let report = json(&sandbox, &["insights", "--format", "json"]);
    let counts = &report["counts"];
    assert_eq!(
        (
            &counts["counted"],
            &counts["active"],
            &counts["closed"],
            &counts["prospects"]
        ),
        (&7.into(), &2.into(), &5.into(), &1.into()),
        "Hotel, a prospect, is not counted: {counts}"
    );

    let alpha = engagement(&report, "Alpha");
    assert_near(&alpha["midpoint"]["progress"], 0.5);
    assert_near(&alpha["close"]["progress"], 1.0);
    assert_eq!(alpha["close"]["session"], 4);
    assert_eq!(alpha["midpoint"]["ratings"]["emerging"], 1);
    assert_eq!(alpha["close"]["ratings"]["achieved"], 1);
    let f = &alpha["follow_through"];
    assert_eq!(
        (&f["done"], &f["dropped"], &f["overdue"], &f["counted"]),
        (&2.into(), &1.into(), &1.into(), &4.into()),
        "4.1 was never reviewed; 3.1 is open past due at the close: {f}"
    );
    assert_near(&f["share"], 0.5);
    // Alliance 8 8 9 9: mean 8.5; slope 2 / 5 = 0.4 a session; mean to the midpoint 8.
    assert_near(&alpha["alliance"]["mean"], 8.5);
    assert_near(&alpha["alliance"]["slope"], 0.4);
    assert_eq!(alpha["alliance"]["trend"], "rising");
    assert_near(&alpha["midpoint"]["alliance"], 8.0);

    let echo = engagement(&report, "Echo");
    assert_near(&echo["measures"][0]["at_close"], 1.2);
    assert_eq!(echo["measures"][0]["at_close"]["text"], "120%");
    assert_near(&echo["close"]["progress"], 1.0);

    let bravo = engagement(&report, "Bravo");
    assert_near(&bravo["follow_through"]["share"], 0.25);
    assert_eq!(bravo["alliance"]["trend"], "steady");
    assert!(engagement(&report, "Delta")["follow_through"]["share"].is_null());
    let golf = engagement(&report, "Golf");
    assert!(golf["midpoint"].is_null(), "3 of 8 held: no midpoint yet");
    // 9 9 6: slope -3 / 2.
    assert_near(&golf["alliance"]["slope"], -1.5);
    assert_eq!(golf["alliance"]["trend"], "falling");
    assert_eq!(golf["alliance"]["slope"]["text"], "−1.50");
    assert!(engagement(&report, "Foxtrot")["close"].is_null());
}

#[test]
fn the_practice_figures_match_the_hand_computed_fixture() {
    let sandbox = fixture();
    let report = json(&sandbox, &["insights", "--format", "json"]);
    let p = &report["practice"];
    // Midpoint progress .1 .2 .3 .4 .5 .6: quartiles at positions 1.25, 2.5, 3.75
    // (from 0): .2 + .25 * .1, .3 + .5 * .1, .4 + .75 * .1.
    let mid = &p["midpoint"];
    assert_eq!(mid["measured"], 6);
    assert_near(&mid["spread"]["lower_quartile"], 0.225);
    assert_near(&mid["spread"]["median"], 0.35);
    assert_near(&mid["spread"]["upper_quartile"], 0.475);
    assert_near(&mid["spread"]["min"], 0.1);
    assert_near(&mid["spread"]["max"], 0.6);
    assert_near(&mid["spread"]["mean"], 0.35);
    // Close .2 .4 .8 1 1 (Echo's 1.2 capped).
    let close = &p["close"];
    assert_near(&close["spread"]["lower_quartile"], 0.4);
    assert_near(&close["spread"]["median"], 0.8);
    assert_near(&close["spread"]["upper_quartile"], 1.0);
    assert_near(&close["spread"]["mean"], 0.68);
    // Bands: below 0, 0-25, 25-50, 50-75, 75-99, 100.
    let bands: Vec<(i64, i64)> = p["progress_bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["midpoint"].as_i64().unwrap(),
                b["close"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(bands, [(0, 0), (2, 1), (2, 1), (2, 0), (0, 1), (0, 2)]);
    assert_eq!(mid["ratings"]["emerging"], 5);
    assert_eq!(mid["ratings"]["on_track"], 1);
    assert_eq!(close["ratings"]["achieved"], 3);
    assert_eq!(close["ratings"]["at_risk"], 1);
    // Ranks without ties: sum d^2 = 2, rho = 1 - 6*2/(6*35).
    assert_eq!(mid["correlation"]["n"], 6);
    assert_near(&mid["correlation"]["rho"], 1.0 - 12.0 / 210.0);
    // Close: Alpha and Echo tie at 1.0 (ranks 4.5): rho = 8 / sqrt(10 * 9.5).
    assert_eq!(close["correlation"]["n"], 5);
    assert_near(&close["correlation"]["rho"], 8.0 / 95f64.sqrt());
    // Pooled: (2 + 1 + 4) / (4 + 4 + 4); engagements .25 .5 1.
    let ft = &p["follow_through"];
    assert_eq!(ft["engagements"], 3);
    assert_eq!(ft["pooled"]["done"], 7);
    assert_eq!(ft["pooled"]["counted"], 12);
    assert_near(&ft["pooled"]["share"], 7.0 / 12.0);
    assert_near(&ft["spread"]["median"], 0.5);
    assert_near(&ft["spread"]["lower_quartile"], 0.375);
    // Alliance means 6.5 7 7.5 8 8.5 9 9.5.
    assert_near(&p["alliance"]["median"], 8.0);
    assert_near(&p["alliance"]["min"], 6.5);
    assert_eq!(p["alliance"]["engagements"], 7);
}

#[test]
fn warnings_and_highlights_name_their_engagements() {
    let sandbox = fixture();
    let report = json(&sandbox, &["insights", "--format", "json"]);
    let notices = |key: &str| -> Vec<(String, String, String)> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                for field in ["leader", "engagement", "kind", "detail"] {
                    assert!(w[field].is_string(), "{field} in {w}");
                }
                (
                    w["leader"].as_str().unwrap().to_string(),
                    w["kind"].as_str().unwrap().to_string(),
                    w["status"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        notices("warnings"),
        [
            s("Golf", "alliance-drop", "active"),
            s("Golf", "plateau", "active"),
            s("Bravo", "low-follow-through", "closed"),
        ],
        "ongoing engagements first"
    );
    assert_eq!(
        notices("highlights"),
        [
            s("Alpha", "objectives-achieved", "closed"),
            s("Charlie", "strong-follow-through", "closed"),
            s("Charlie", "objectives-achieved", "closed"),
            s("Echo", "objectives-achieved", "closed"),
        ]
    );
    let golf = &report["warnings"][0];
    assert_eq!(golf["engagement"], "clients/golf");
    assert_eq!(golf["session"], 3);
    assert_eq!(
        golf["detail"],
        "the leader rated the working alliance 6 at session 3, 3 points below the best of the ratings before it (9)"
    );
    assert_eq!(
        report["warnings"][1]["detail"],
        "no measure has moved toward its target over its last three readings (1 measure not moving since session 1)"
    );
    assert_eq!(
        report["warnings"][2]["detail"],
        "1 of 4 commitments done, 25% (3 dropped)"
    );
}

#[test]
fn status_carries_the_warnings_of_active_engagements() {
    let sandbox = fixture();
    let status = json(&sandbox, &["status", "--format", "json"]);
    let kinds: Vec<(&str, &str)> = status["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            ["alliance-drop", "plateau", "low-follow-through"]
                .contains(&i["kind"].as_str().unwrap())
        })
        .map(|i| {
            assert_eq!(i["urgency"], "engagement");
            (i["leader"].as_str().unwrap(), i["kind"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        kinds,
        [("Golf", "plateau"), ("Golf", "alliance-drop")],
        "by session (the plateau since 1, the drop at 3); Bravo is closed: status lists nothing of it"
    );
    let text = sandbox.coach(&["status"]).ok();
    assert!(
        text.contains("- Golf (clients/golf): plateau: no measure has moved toward its target"),
        "{text}"
    );
}

#[test]
fn the_coach_s_report_reads_well_in_markdown_and_text() {
    let sandbox = fixture();
    let md = sandbox.coach(&["insights"]).ok();
    assert_eq!(md, sandbox.coach(&["insights"]).ok(), "byte-identical");
    insta::assert_snapshot!("insights-md", md);
    insta::assert_snapshot!(
        "insights-text",
        sandbox.coach(&["insights", "--format", "text"]).ok()
    );
    let html = sandbox.coach(&["insights", "--format", "html"]).ok();
    for chart in [
        "Engagements by progress toward their targets",
        "Engagements by commitment follow-through",
        "Each engagement's mean alliance rating and its progress",
    ] {
        assert!(
            html.contains(&format!("<title>{}</title>", chart.replace('\'', "&#39;"))),
            "{chart}"
        );
    }
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn a_correlation_under_five_engagements_is_not_shown() {
    let sandbox = fixture();
    std::fs::remove_dir_all(sandbox.file("clients/echo")).unwrap();
    let report = json(&sandbox, &["insights", "--format", "json"]);
    let close = &report["practice"]["close"]["correlation"];
    assert_eq!(close["n"], 4);
    assert!(close["rho"].is_null(), "{close}");
    let md = sandbox.coach(&["insights"]).ok();
    assert!(
        md.contains("- At the close: not shown: 4 engagements with both figures, fewer than 5."),
        "{md}"
    );
    assert!(md.contains("*Descriptive, not causal:"), "{md}");
    let html = sandbox.coach(&["insights", "--format", "html"]).ok();
    assert_eq!(
        html.matches(">at the close</text>").count(),
        1,
        "in the progress chart's legend only, not the scatter's"
    );
}

#[test]
fn an_engagement_with_errors_is_named_and_not_counted() {
    let sandbox = fixture();
    sandbox.write(
        "clients/india/engagement.yaml",
        engagement_yaml("India", "active", 4),
    );
    sandbox.write(
        "clients/india/sessions/01-2026-01-05.md",
        "---\nsession: 1\ndate: 2026-02-30\nstatus: held\nalliance: 1\n---\n",
    );
    let run = sandbox.coach(&["insights", "--format", "text"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let text = run.stdout();
    assert!(
        text.contains("Not counted: files with errors\n------")
            && text.contains("- India (clients/india): 1 error; the first:\n  clients/india/sessions/01-2026-01-05.md:3:7: error[E016]"),
        "{text}"
    );
    assert!(text.contains("7 engagements counted"), "{text}");
    let report: Value =
        serde_json::from_str(&sandbox.coach(&["insights", "--format", "json"]).stdout()).unwrap();
    assert_eq!(report["skipped"][0]["engagement"], "clients/india");
    assert_eq!(report["counts"]["skipped"], 1);

    let refused = sandbox.coach(&["insights", "--anonymous"]);
    let stderr = refused.fails();
    assert!(refused.stdout().is_empty(), "no report at all");
    assert!(
        stderr.contains("clients/india/sessions/01-2026-01-05.md:3:7: error[E016]")
            && stderr.contains("no anonymous report while 1 engagement has errors"),
        "{stderr}"
    );
}

#[test]
fn the_anonymous_report_withholds_what_fewer_than_five_engagements_give() {
    let sandbox = fixture();
    let report = json(&sandbox, &["insights", "--anonymous", "--format", "json"]);
    assert_eq!(report["engagements"]["value"], 7);
    // 2 ongoing and 5 closed: each would give the other away.
    assert_eq!(report["ongoing"], serde_json::json!({"suppressed": true}));
    assert_eq!(report["closed"], serde_json::json!({"suppressed": true}));
    // Midpoint ratings: on track from Echo alone (withheld), so emerging, the
    // only other share above 0, is withheld too; zeros are shown.
    let mid = &report["midpoint"]["ratings"];
    assert_eq!(mid["n"], 6);
    assert_eq!(mid["value"]["on_track"]["suppressed"], true);
    assert_eq!(mid["value"]["emerging"]["suppressed"], true);
    assert_eq!(mid["value"]["at_risk"]["value"]["text"], "0%");
    let close = &report["close"]["ratings"]["value"];
    for rating in ["achieved", "on_track", "at_risk"] {
        assert_eq!(close[rating]["suppressed"], true, "{rating}");
    }
    assert_eq!(
        report["follow_through"]["suppressed"], true,
        "3 engagements"
    );
    assert_near(&report["close"]["correlation"]["value"], 8.0 / 95f64.sqrt());
    assert_near(&report["midpoint"]["progress"]["value"]["median"], 0.35);
    assert!(report["midpoint"]["progress"]["value"].get("min").is_none());
    assert_eq!(report["suppressed"], 8);
    let md = sandbox.coach(&["insights", "--anonymous"]).ok();
    insta::assert_snapshot!("anonymous-md", md);
    assert!(
        md.contains(
            "A figure drawn from fewer than 5 engagements is withheld: 8 figures here are."
        )
    );

    let small = Sandbox::empty();
    for leader in ["Alpha", "Bravo", "Charlie", "Delta"] {
        closed(
            &small,
            leader,
            [0.0, 5.0, 10.0],
            [8, 8, 9, 9],
            ["emerging", "achieved"],
            ["", "", "", ""],
        );
    }
    let report = json(&small, &["insights", "--anonymous", "--format", "json"]);
    assert_eq!(
        report["engagements"],
        serde_json::json!({"suppressed": true})
    );
    let text = serde_json::to_string(&report).unwrap();
    assert!(!text.contains("\"n\""), "nothing shown: {text}");
    assert_eq!(report["suppressed"], 11);
}

/// Every string in the generated practice that identifies someone or something,
/// asserted to be in its files.
fn identifying_strings(practice: &Sandbox) -> Vec<String> {
    let mut strings = vec!["Alex Morgan".to_string(), "morgan-coaching".to_string()];
    for entry in walk(practice.path()) {
        let text = std::fs::read_to_string(&entry).expect("readable");
        let relative = entry.strip_prefix(practice.path()).expect("inside");
        if entry.ends_with("engagement.yaml") {
            let folder = relative.parent().expect("a folder");
            strings.push(folder.to_string_lossy().into_owned());
            strings.push(
                folder
                    .file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned(),
            );
            for key in ["client: {name: ", "organization: ", "title: ", "label: \""] {
                for line in text.lines() {
                    if let Some((_, rest)) = line.split_once(key) {
                        let value = rest.split([',', '"']).next().expect("a piece").trim();
                        strings.push(value.to_string());
                    }
                }
            }
        } else {
            for key in ["shift: ", "sponsor_note: ", "private: "] {
                for line in text.lines() {
                    if let Some((_, rest)) = line.split_once(key) {
                        let rest = rest.trim_start_matches("{mood: ");
                        strings.push(rest.trim_end_matches(['}', '.']).to_string());
                    }
                }
            }
            for line in text.lines() {
                if let Some(rest) = line.strip_prefix("Private: ") {
                    strings.push(rest.to_string());
                }
                if let Some(rest) = line.strip_prefix("- [ ] ").filter(|r| !r.starts_with('(')) {
                    strings.push(rest.split(", by").next().expect("a piece").to_string());
                }
            }
        }
    }
    strings.sort();
    strings.dedup();
    strings.retain(|s| s.len() > 3);
    let all: String = walk(practice.path())
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .collect::<Vec<_>>()
        .join("\n");
    let folders = walk(practice.path())
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("\n");
    for s in &strings {
        assert!(
            all.contains(s.as_str()) || folders.contains(s.as_str()),
            "{s} is not in the practice"
        );
    }
    assert!(strings.len() > 150, "{}", strings.len());
    strings
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md" || e == "yaml") {
            files.push(path);
        }
    }
    files
}

fn planted_practice() -> Sandbox {
    let practice = Sandbox::empty();
    planted::write_practice(practice.path(), 50).expect("written");
    practice
}

/// No name, organization, title, label, folder, note, date or month in `out`.
fn assert_anonymous(out: &str, identifying: &[String], what: &str) {
    for s in identifying {
        assert!(!out.contains(s.as_str()), "{s} leaked into {what}:\n{out}");
    }
    let digits: Vec<char> = out.chars().collect();
    for window in digits.windows(10) {
        let w: String = window.iter().collect();
        let date = chrono::NaiveDate::parse_from_str(&w, "%Y-%m-%d").is_ok();
        assert!(!date, "a date {w} in {what}");
    }
    for month in [
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ] {
        assert!(!out.contains(month), "{month} in {what}");
    }
}

#[test]
fn the_anonymous_report_carries_no_identifying_string_in_any_format() {
    let practice = planted_practice();
    let identifying = identifying_strings(&practice);
    for format in ["md", "text", "html", "json"] {
        let out = practice
            .coach(&["insights", "--anonymous", "--format", format])
            .ok();
        assert!(
            out.contains("Practice outcomes") || format == "json",
            "{out}"
        );
        assert_anonymous(&out, &identifying, format);
    }
    // The same strings are in the coach's own report: the canaries can be seen.
    let own = practice.coach(&["insights"]).ok();
    assert!(own.contains("Ana Alves") && own.contains("Harbor Freight Lines"));
}

#[test]
fn a_hostile_template_can_dump_the_anonymous_context_and_still_find_nothing() {
    let practice = planted_practice();
    let identifying = identifying_strings(&practice);
    practice.write(
        "templates/insights-anonymous.md",
        "{{ __tera_context }}\n{{ engagements | default(value='no engagements') }} {{ leader | default(value='no leader') }} {{ warnings | default(value='no warnings') }} {{ organization | default(value='no organization') }}\n",
    );
    for format in ["md", "text", "html", "json"] {
        let out = practice
            .coach(&["insights", "--anonymous", "--format", format])
            .ok();
        if format != "json" {
            let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                words.contains("suppressed")
                    && words.contains("no leader")
                    && words.contains("no warnings"),
                "the dump rendered: {out}"
            );
        }
        assert_anonymous(&out, &identifying, &format!("a dumped context ({format})"));
    }
}

#[test]
fn insights_names_each_pattern_planted_in_a_generated_practice() {
    let practice = planted_practice();
    let run = practice.coach(&["--today", planted::TODAY, "check"]);
    assert_eq!(
        run.code(),
        0,
        "the generated practice is valid: {}",
        run.stderr()
    );
    let report = json(
        &practice,
        &["--today", planted::TODAY, "insights", "--format", "json"],
    );
    assert_eq!(report["counts"]["counted"], 48);
    assert_eq!(report["counts"]["prospects"], 2);
    let named = |key: &str| -> Vec<(String, String)> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["engagement"].as_str().unwrap().to_string(),
                    n["kind"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let (warnings, highlights) = (named("warnings"), named("highlights"));
    for (kind, folder, leader) in planted::PLANTED {
        let found = warnings
            .iter()
            .chain(&highlights)
            .any(|(f, k)| f == folder && k == kind);
        assert!(
            found,
            "{kind} of {leader} ({folder}) in {warnings:?} {highlights:?}"
        );
    }
    let steady = planted::STEADY.0;
    assert!(
        !warnings.iter().chain(&highlights).any(|(f, _)| f == steady),
        "the steady engagement raises nothing"
    );
    let md = practice
        .coach(&["--today", planted::TODAY, "insights"])
        .ok();
    for line in [
        "- **Alliance drop**, Ana Alves (clients/ana-alves): the leader rated the working alliance 6 at session 9",
        "- **Plateau**, Bo Berg (clients/bo-berg): no measure has moved toward its target",
        "- **Strong follow-through**, Cy Chen (clients/cy-chen): 18 of 18 commitments done, 100%",
        "- **Objectives achieved**, Di Diaz (alumni/di-diaz, closed): every objective (2) rated achieved at the close",
    ] {
        assert!(md.contains(line), "{line}");
    }
    let status = practice
        .coach(&["--today", planted::TODAY, "status"])
        .stdout();
    assert!(
        status.contains("- Ana Alves (clients/ana-alves): alliance drop:"),
        "{status}"
    );
    assert!(
        status.contains("- Bo Berg (clients/bo-berg): plateau:"),
        "{status}"
    );
}

#[test]
fn insights_offers_no_mail_and_documents_its_templates() {
    let sandbox = fixture();
    assert_eq!(
        sandbox.coach(&["insights", "--format", "eml"]).code(),
        2,
        "bad usage"
    );
    let shown = sandbox
        .coach(&["templates", "show", "insights-anonymous.md"])
        .ok();
    assert!(shown.contains("numbers only"), "{shown}");
}

#[test]
fn the_anonymous_figures_are_the_coach_s_own_practice_figures() {
    let practice = planted_practice();
    let own = json(&practice, &["insights", "--format", "json"]);
    let firm = json(&practice, &["insights", "--anonymous", "--format", "json"]);
    let withheld = serde_json::to_string(&firm)
        .unwrap()
        .matches(r#"{"suppressed":true}"#)
        .count();
    assert!(withheld > 0, "the rare ratings are withheld: {firm}");
    assert_eq!(
        firm["suppressed"], withheld,
        "the report counts what it withholds"
    );
    let p = &own["practice"];
    for stage in ["midpoint", "close"] {
        let shown = &firm[stage]["progress"];
        assert_eq!(shown["n"], p[stage]["measured"]);
        for figure in ["lower_quartile", "median", "upper_quartile", "mean"] {
            assert_eq!(
                shown["value"][figure], p[stage]["spread"][figure],
                "{stage} {figure}"
            );
        }
        assert_eq!(
            firm[stage]["correlation"]["value"],
            p[stage]["correlation"]["rho"]
        );
        let ratings = &p[stage]["ratings"];
        let total = ratings["total"].as_f64().unwrap();
        let achieved = &firm[stage]["ratings"]["value"]["achieved"];
        if achieved["suppressed"] == false {
            assert_near(
                &achieved["value"],
                ratings["achieved"].as_f64().unwrap() / total,
            );
        }
    }
    assert_eq!(
        firm["follow_through"]["value"]["pooled"],
        p["follow_through"]["pooled"]["share"]
    );
    assert_eq!(
        firm["follow_through"]["value"]["engagements"]["median"],
        p["follow_through"]["spread"]["median"]
    );
    assert_eq!(firm["alliance"]["value"]["median"], p["alliance"]["median"]);
    assert_eq!(firm["engagements"]["value"], own["counts"]["counted"]);
    assert_eq!(firm["closed"]["value"], own["counts"]["closed"]);
}

#[test]
fn an_engagement_without_readings_or_commitments_draws_no_empty_chart() {
    let sandbox = Sandbox::empty();
    write(
        &sandbox,
        "kilo",
        engagement_yaml("Kilo", "active", 12),
        &[held(1, "", "")],
    );
    let html = sandbox.coach(&["insights", "--format", "html"]).ok();
    assert!(!html.contains("<svg"), "{html}");
    let md = sandbox.coach(&["insights"]).ok();
    for line in [
        "No commitment is done, dropped or past due yet.",
        "No engagement has strong follow-through or every objective achieved yet.",
        "- Progress toward targets: no midpoint review yet\n",
        "- Follow-through: no commitments made\n",
        "- Working alliance: no ratings\n",
    ] {
        assert!(md.contains(line), "{line} in {md}");
    }
}
