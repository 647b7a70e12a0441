//! Generates a practice for trying `coach insights`: about 50 engagements, active,
//! paused, closed and prospects, with varied progress, alliance ratings and
//! commitments, and four planted patterns insights must name (an alliance drop,
//! a plateau, strong follow-through, a closed engagement that achieved its
//! objectives) beside one steady engagement that must raise nothing. Every file
//! is valid as of 2026-03-24. Deterministic: the same arguments give the same files.
//!
//! `cargo run --example planted_practice -- DIR [ENGAGEMENTS]`, then
//! `coach --today 2026-03-24 insights DIR`.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use chrono::{Days, NaiveDate};

/// The day the practice is generated for.
pub const TODAY: &str = "2026-03-24";

/// The planted patterns: the kind insights names, the folder, the leader.
pub const PLANTED: [(&str, &str, &str); 4] = [
    ("alliance-drop", "clients/ana-alves", "Ana Alves"),
    ("plateau", "clients/bo-berg", "Bo Berg"),
    ("strong-follow-through", "clients/cy-chen", "Cy Chen"),
    ("objectives-achieved", "alumni/di-diaz", "Di Diaz"),
];

/// An engagement planted to raise no warning: the folder and the leader.
pub const STEADY: (&str, &str) = ("clients/ed-eng", "Ed Eng");

const FIRST: &[&str] = &[
    "Farah", "Gus", "Hana", "Ivo", "Jade", "Kofi", "Lena", "Milo", "Nia", "Oren", "Pia", "Quinn",
    "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Xena", "Yuri",
];
const LAST: &[&str] = &[
    "Quill", "Rask", "Soto", "Thorn", "Ueda", "Vance", "Wolde", "Xu", "Yilmaz", "Zorn",
];
const ORGANIZATIONS: &[&str] = &[
    "Harbor Freight Lines",
    "Kestrel Biotech",
    "Lumen Insurance",
    "Meridian Health",
    "Northwind Logistics",
    "Orchid Retail Group",
];
const OBJECTIVES: &[(&str, &str, &str, f64, f64)] = &[
    (
        "Lead the executive team's agenda rather than follow it",
        "presence",
        "Confidence before executive meetings (1-10)",
        3.0,
        8.0,
    ),
    (
        "Hand day-to-day firefighting to the directors",
        "escalations",
        "Hours a week on escalations",
        12.0,
        4.0,
    ),
    (
        "Turn the rivalry with Finance into a partnership",
        "partnership",
        "Finance lead's rating of the partnership (1-5)",
        2.0,
        4.0,
    ),
];

/// A number in [0, 1) from three others, always the same for the same three.
fn unit(a: u64, b: u64, salt: u64) -> f64 {
    let mut x = a
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(b.wrapping_mul(0xBF58_476D_1CE4_E5B9))
        .wrapping_add(salt.wrapping_mul(0x94D0_49BB_1331_11EB));
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// How a commitment fared at its review.
#[derive(Clone, Copy, PartialEq)]
enum Fate {
    Done,
    Dropped,
    /// Carried open once, then done.
    Late,
    /// Never done: open past its due date.
    Forgotten,
}

/// One engagement to write.
struct Spec {
    folder: String,
    leader: String,
    organization: &'static str,
    status: &'static str,
    start: NaiveDate,
    package: u32,
    /// Sessions held, from 1.
    held: u32,
    /// Objectives, by index into OBJECTIVES.
    objectives: Vec<usize>,
    /// The share of the way each measure has come by the last session of the package.
    pace: f64,
    /// The alliance rating at each held session.
    alliance: Vec<u8>,
    /// The readings of each measure at each held session, where one is taken.
    readings: Option<Vec<Vec<Option<f64>>>>,
    /// The fate of commitment `item` of session `s`.
    fate: fn(u64, u32, u32) -> Fate,
    seed: u64,
    /// Rate every objective achieved at the close.
    all_achieved: bool,
}

fn random_fate(seed: u64, session: u32, item: u32) -> Fate {
    let keep = 0.55 + 0.4 * unit(seed, 0, 7);
    let roll = unit(seed, u64::from(session * 10 + item), 8);
    if roll < keep {
        Fate::Done
    } else if roll < keep + (1.0 - keep) * 0.4 {
        Fate::Late
    } else if roll < keep + (1.0 - keep) * 0.8 {
        Fate::Dropped
    } else {
        Fate::Forgotten
    }
}

fn every_one_done(_: u64, _: u32, _: u32) -> Fate {
    Fate::Done
}

fn three_in_four_done(_: u64, session: u32, item: u32) -> Fate {
    if (session + item).is_multiple_of(4) {
        Fate::Dropped
    } else {
        Fate::Done
    }
}

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("a date")
}

fn date_of(spec: &Spec, number: u32) -> NaiveDate {
    spec.start + Days::new(u64::from(number - 1) * 14)
}

/// The ordinary engagement number `index`.
fn ordinary(index: usize) -> Spec {
    let seed = index as u64 + 1;
    let package = if unit(seed, 0, 1) < 0.2 { 24 } else { 12 };
    let days_ago = 20 + (unit(seed, 0, 2) * 330.0) as u64;
    let start = today() - Days::new(days_ago);
    let weeks = days_ago / 14 + 1;
    let mut held = (weeks as u32).min(package);
    let roll = unit(seed, 0, 3);
    let status = if held == package && date_of_start(start, package) < today() {
        "closed"
    } else if roll < 0.06 {
        held = held.min(3);
        "paused"
    } else if roll < 0.1 && held > 4 {
        held -= 2;
        "closed"
    } else {
        "active"
    };
    let base = 7 + (unit(seed, 0, 4) * 3.0) as u8;
    let alliance = (1..=held)
        .map(|k| (base + u8::from(unit(seed, u64::from(k), 5) < 0.4)).min(10))
        .collect();
    let first = (index * 7) % FIRST.len();
    let last = (index / FIRST.len() + index) % LAST.len();
    let leader = format!("{} {}", FIRST[first], LAST[last]);
    Spec {
        folder: format!(
            "{}/{}-{}",
            if status == "closed" {
                "alumni"
            } else {
                "clients"
            },
            leader.to_lowercase().replace(' ', "-"),
            index
        ),
        leader,
        organization: ORGANIZATIONS[index % ORGANIZATIONS.len()],
        status,
        start,
        package,
        held,
        objectives: if index.is_multiple_of(3) {
            vec![0, 1, 2]
        } else {
            vec![index % 3, 0]
        },
        pace: 0.3 + unit(seed, 0, 6) * 0.8,
        alliance,
        readings: None,
        fate: random_fate,
        seed,
        all_achieved: false,
    }
}

fn date_of_start(start: NaiveDate, package: u32) -> NaiveDate {
    start + Days::new(u64::from(package - 1) * 14)
}

/// A planted engagement, `sessions` ago held last, as an ordinary one otherwise.
fn planted(folder: &str, leader: &str, held: u32, status: &'static str, seed: u64) -> Spec {
    let start = today() - Days::new(u64::from(held - 1) * 14 + 5);
    Spec {
        folder: folder.to_string(),
        leader: leader.to_string(),
        organization: ORGANIZATIONS[seed as usize % ORGANIZATIONS.len()],
        status,
        start,
        package: 12,
        held,
        objectives: vec![0, 1],
        pace: 0.9,
        alliance: (1..=held).map(|k| 8 + (k % 2) as u8).collect(),
        readings: None,
        fate: three_in_four_done,
        seed,
        all_achieved: false,
    }
}

fn specs(count: usize) -> Vec<Spec> {
    let mut dip = planted(PLANTED[0].1, PLANTED[0].2, 9, "active", 101);
    dip.alliance = vec![9, 9, 9, 9, 9, 8, 9, 8, 6];
    let mut plateau = planted(PLANTED[1].1, PLANTED[1].2, 8, "active", 102);
    plateau.readings = Some(vec![
        [3.0, 4.0, 5.0, 6.0, 6.0, 6.0, 6.0, 6.0].map(Some).to_vec(),
        [12.0, 10.0, 9.0, 8.0, 8.0, 8.0, 8.5, 8.0]
            .map(Some)
            .to_vec(),
    ]);
    let mut strong = planted(PLANTED[2].1, PLANTED[2].2, 10, "active", 103);
    strong.fate = every_one_done;
    let mut achieved = planted(PLANTED[3].1, PLANTED[3].2, 12, "closed", 104);
    achieved.start = today() - Days::new(300);
    achieved.pace = 1.05;
    achieved.all_achieved = true;
    let steady = planted(STEADY.0, STEADY.1, 7, "active", 105);
    let mut all = vec![dip, plateau, strong, achieved, steady];
    let prospects = 2;
    for index in 0..count.saturating_sub(all.len() + prospects) {
        all.push(ordinary(index));
    }
    for index in 0..prospects.min(count.saturating_sub(5)) {
        let mut prospect = ordinary(900 + index);
        prospect.status = "prospect";
        prospect.held = 0;
        prospect.folder = format!(
            "prospects/{}",
            prospect.leader.to_lowercase().replace(' ', "-")
        );
        all.push(prospect);
    }
    all
}

/// Writes the practice under `root`.
pub fn write_practice(root: &Path, count: usize) -> io::Result<()> {
    fs::create_dir_all(root)?;
    fs::write(
        root.join("coach.yaml"),
        "coach: {name: Alex Morgan, email: alex@morgan-coaching.example}\n",
    )?;
    for spec in specs(count) {
        let dir = root.join(&spec.folder);
        fs::create_dir_all(dir.join("sessions"))?;
        fs::write(dir.join("engagement.yaml"), engagement_yaml(&spec))?;
        for (number, text) in sessions(&spec) {
            let name = format!("{number:02}-{}.md", date_of(&spec, number));
            fs::write(dir.join("sessions").join(name), text)?;
        }
    }
    Ok(())
}

fn engagement_yaml(spec: &Spec) -> String {
    let mut yaml = format!(
        "client: {{name: {}, role: Vice President, email: leader@example.com}}
organization: {}
coach: {{name: Alex Morgan, email: alex@morgan-coaching.example}}
sponsor: {{name: Sponsor Person, email: sponsor@example.com}}
status: {}
package: {}
start: {}
timezone: Europe/London
agreement: {{signed: {}, sponsor_sees: [attendance, progress, notes]}}
objectives:
",
        spec.leader,
        spec.organization,
        spec.status,
        if spec.package == 24 {
            "annual"
        } else {
            "accelerated"
        },
        spec.start,
        spec.start,
    );
    for &o in &spec.objectives {
        let (title, id, label, baseline, target) = OBJECTIVES[o];
        let _ = writeln!(
            yaml,
            "  - id: {id}\n    title: {title}\n    measures:\n      - {{id: {id}-measure, label: \"{label}\", baseline: {baseline}, target: {target}}}"
        );
    }
    if spec.status == "closed" {
        let last = date_of(spec, spec.held.max(1));
        let _ = writeln!(yaml, "closed_on: {}", (last + Days::new(3)).min(today()));
        if spec.held < spec.package {
            yaml.push_str("closed_reason: The leader moved to a new role\n");
        }
    }
    yaml
}

/// The reading of measure `m` at held session `k`.
fn reading(spec: &Spec, m: usize, k: u32) -> Option<f64> {
    if let Some(readings) = &spec.readings {
        return readings.get(m)?.get(k as usize - 1).copied().flatten();
    }
    let (_, _, _, baseline, target) = OBJECTIVES[spec.objectives[m]];
    // Readings at the intake, every other session, the midpoint and the close.
    let midpoint = spec.package.div_ceil(2);
    if k != 1 && k % 2 == 1 && k != midpoint && k != spec.package {
        return None;
    }
    let along = spec.pace * f64::from(k - 1) / f64::from(spec.package - 1);
    let noise = (unit(spec.seed, u64::from(k) * 10 + m as u64, 9) - 0.5) * 0.6;
    Some(((baseline + (target - baseline) * along + noise) * 2.0).round() / 2.0)
}

fn rating(spec: &Spec, k: u32) -> &'static str {
    if spec.all_achieved && k == spec.package {
        return "achieved";
    }
    let along = spec.pace * f64::from(k - 1) / f64::from(spec.package - 1);
    if along >= 0.95 {
        "achieved"
    } else if along >= 0.45 {
        "on-track"
    } else if along >= 0.2 {
        "emerging"
    } else if unit(spec.seed, u64::from(k), 10) < 0.5 {
        "at-risk"
    } else {
        "not-started"
    }
}

fn sessions(spec: &Spec) -> Vec<(u32, String)> {
    let mut files = Vec::new();
    let midpoint = spec.package.div_ceil(2);
    // Commitments still open going into each session: (id, text, due, fate).
    let mut open: Vec<(String, String, NaiveDate, Fate, bool)> = Vec::new();
    for k in 1..=spec.held {
        let date = date_of(spec, k);
        let kind = if k == 1 {
            "intake"
        } else if k == spec.package {
            "closing"
        } else if k == midpoint {
            "midpoint"
        } else {
            "regular"
        };
        let mut text = format!(
            "---\nsession: {k}\ndate: {date}\nkind: {kind}\nstatus: held\nalliance: {}\n",
            spec.alliance[k as usize - 1]
        );
        let values: Vec<String> = (0..spec.objectives.len())
            .filter_map(|m| {
                let value = reading(spec, m, k)?;
                Some(format!(
                    "{}-measure: {value}",
                    OBJECTIVES[spec.objectives[m]].1
                ))
            })
            .collect();
        if !values.is_empty() {
            let _ = writeln!(text, "measures: {{{}}}", values.join(", "));
        }
        let _ = writeln!(
            text,
            "shift: {} saw the week differently at session {k}.\nsummary_sent: {date}",
            spec.leader
        );
        if k == midpoint || k == spec.package {
            text.push_str("progress:\n");
            for &o in &spec.objectives {
                let _ = writeln!(
                    text,
                    "  {}: {{rating: {}, sponsor_note: {} agreed this note about {}.}}",
                    OBJECTIVES[o].1,
                    rating(spec, k),
                    spec.leader,
                    OBJECTIVES[o].0
                );
            }
        }
        text.push_str("private: {mood: Tired after the board cycle}\n---\n\n## Check-in\n");
        let mut still_open = Vec::new();
        for (id, what, due, fate, carried) in open.drain(..) {
            match fate {
                Fate::Done => {
                    let _ = writeln!(text, "- [x] ({id}) {what}, by {due}");
                }
                Fate::Dropped => {
                    let _ = writeln!(text, "- [ ] ~~({id}) {what}~~");
                }
                Fate::Late if carried => {
                    let _ = writeln!(text, "- [x] ({id}) {what}, by {due}");
                }
                Fate::Late | Fate::Forgotten => {
                    let _ = writeln!(text, "- [ ] ({id}) {what}, by {due}");
                    still_open.push((id, what, due, fate, true));
                }
            }
        }
        open = still_open;
        let _ = write!(
            text,
            "\n## Agenda\n- What {} wants from the quarter ahead.\n\n## Core work\n{} talked about the board and a difficult peer at {}.\n\n## Commitments\n",
            spec.leader, spec.leader, spec.organization
        );
        if k < spec.package {
            for item in 1..=2 {
                let due = date + Days::new(10);
                let what = format!("Ask a peer at {} for candid feedback", spec.organization);
                let _ = writeln!(text, "- [ ] {what}, by {due}");
                open.push((
                    format!("{k}.{item}"),
                    what,
                    due,
                    (spec.fate)(spec.seed, k, item),
                    false,
                ));
            }
        }
        let _ = write!(
            text,
            "\n## Close\n- What shifted for {}.\n\n## Coach notes\nPrivate: {} is weighing an offer from a competitor.\n",
            spec.leader, spec.leader
        );
        files.push((k, text));
    }
    // The next session, planned, for an active engagement with sessions left.
    if spec.status == "active" && spec.held < spec.package {
        let k = spec.held + 1;
        let date = date_of(spec, k);
        if date >= today() {
            files.push((
                k,
                format!(
                    "---\nsession: {k}\ndate: {date}\nstatus: planned\n---\n\n## Check-in\n\n## Agenda\n\n## Commitments\n"
                ),
            ));
        }
    }
    files
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(
        args.get(1)
            .ok_or("usage: planted_practice DIR [ENGAGEMENTS]")?,
    );
    let count: usize = args.get(2).map_or(Ok(50), |n| n.parse())?;
    write_practice(root, count)?;
    Ok(())
}
