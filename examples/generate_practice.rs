//! Generates a practice of synthetic engagements for the benchmark
//! (`benches/run.sh`): `cargo run --release --example generate_practice -- DIR [ENGAGEMENTS] [SESSIONS]`.
//! Every file is valid, so `coach check` does the full work and prints nothing.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use chrono::{Days, NaiveDate};

const FIRST: &[&str] = &[
    "Dana", "Sam", "Priya", "Lee", "Ann", "Marcus", "Keiko", "Omar", "Ines", "Tom",
];
const LAST: &[&str] = &[
    "Reyes", "Ortiz", "Shah", "Chen", "Park", "Lee", "Tanaka", "Haddad", "Silva", "Berg",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(
        args.get(1)
            .ok_or("usage: generate_practice DIR [ENGAGEMENTS] [SESSIONS]")?,
    );
    let engagements: usize = args.get(2).map_or(Ok(1000), |n| n.parse())?;
    let sessions: u32 = args.get(3).map_or(Ok(24), |n| n.parse())?;
    let base = NaiveDate::from_ymd_opt(2025, 6, 2).ok_or("date")?;
    for index in 0..engagements {
        let dir = root
            .join(format!("team-{:02}", index % 40))
            .join(format!("engagement-{index:04}"));
        fs::create_dir_all(dir.join("sessions"))?;
        let name = format!(
            "{} {}",
            FIRST[index % FIRST.len()],
            LAST[(index / FIRST.len()) % LAST.len()]
        );
        let start = base + Days::new((index % 180) as u64);
        fs::write(
            dir.join("engagement.yaml"),
            engagement(&name, start, sessions),
        )?;
        for number in 1..=sessions {
            let date = start + Days::new(u64::from(number - 1) * 14);
            let held = date < base + Days::new(300);
            let file = dir.join("sessions").join(format!("{number:02}-{date}.md"));
            let previous_held = number > 1 && date - Days::new(14) < base + Days::new(300);
            fs::write(
                file,
                session(number, sessions, date, held, previous_held, index),
            )?;
        }
    }
    Ok(())
}

/// The engagement.yaml of a synthetic engagement (also the fast-path test's corpus).
pub fn engagement(name: &str, start: NaiveDate, sessions: u32) -> String {
    format!(
        "client: {{name: {name}, role: VP Operations, email: leader@example.com}}
organization: Northwind Logistics
coach: {{name: Alex Morgan, email: alex@example.com}}
sponsor: {{name: Priya Shah, role: Chief People Officer, email: priya@example.com}}
status: active
package: custom
sessions: {sessions}
start: {start}
time: \"09:00\"
timezone: America/New_York
cadence: biweekly
session_minutes: 60
intake_minutes: 90
agreement:
  signed: {start}
  sponsor_sees: [attendance, progress, notes]
objectives:
  - id: authority
    title: Claim the authority of the role in cross-functional forums
    measures:
      - {{id: confidence, label: Confidence before ELT meetings (1-10), baseline: 4, target: 8}}
      - {{id: revisions, label: Revision cycles per board deck, baseline: 5, target: 2}}
  - id: delegation
    title: Hand operational firefighting to the regional directors
    measures:
      - {{id: escalations, label: Hours a week on escalations, baseline: 12, target: 4}}
stakeholders:
  - {{name: Marcus Lee, role: COO, relation: manager}}
  - {{name: Sam Ortiz, role: SVP Sales, relation: peer}}
"
    )
}

/// A synthetic session file, held or planned (also the fast-path test's corpus).
pub fn session(
    number: u32,
    total: u32,
    date: NaiveDate,
    held: bool,
    previous_held: bool,
    seed: usize,
) -> String {
    let kind = if number == 1 {
        "intake"
    } else if number == total {
        "closing"
    } else if number == total.div_ceil(2) {
        "midpoint"
    } else {
        "regular"
    };
    let mut text = format!(
        "---\nsession: {number}\ndate: {date}\ntime: \"09:00\"\nminutes: {}\nkind: {kind}\nstatus: {}\nfocus: [authority, delegation]\n",
        if number == 1 { 90 } else { 60 },
        if held { "held" } else { "planned" }
    );
    if held {
        let _ = write!(
            text,
            "measures: {{confidence: {}, escalations: {}}}\nalliance: {}\nshift: Saw the pattern behind the week's escalations as a choice she keeps making.\nsummary_sent: {date}\n",
            4 + (number + seed as u32) % 5,
            12 - (number % 8),
            7 + number % 3
        );
    }
    if kind == "midpoint" && held {
        text.push_str("progress:\n  authority: {rating: on-track, sponsor_note: Leads cross-functional forums with a clear agenda.}\n  delegation: {rating: emerging}\n");
    }
    text.push_str("---\n\n## Check-in\n");
    if previous_held {
        let previous = number - 1;
        let _ = writeln!(
            text,
            "Commitments from session {previous}:\n- [x] ({previous}.1) Talk directly with Sam before the next ELT meeting, by {date}\n- [ ] ({previous}.2) Send the common escalation types back to the directors with a decision rule, by {date}"
        );
    }
    text.push_str(
        "\n## Agenda\n- A peer runs over her in cross-functional meetings.\n- The escalation log: what it shows about where decisions land.\n\n## Core work\n\
The log showed 31 escalations in two weeks, 22 of which a regional director could have decided. \
We looked at what happens in the moment an escalation arrives: the pull to answer, the relief of being useful, \
and the cost to the directors who learn that the fastest route to a decision runs through her. \
We tested the assumption that the directors are not ready, and found two of the four already decide well when she is away. \
We used a simple decision-rights grid to sort the recurring escalations into decide, consult and inform. \
She chose the three escalation types to hand back first, and what she will say when one reaches her anyway.\n\n",
    );
    if held {
        let due = date + Days::new(10);
        let _ = writeln!(
            text,
            "## Commitments\n- [ ] Talk directly with Sam before the next ELT meeting, by {due}\n  - Success: we agree how cross-functional agenda time is shared\n- [ ] Send the common escalation types back to the directors with a decision rule, by {due}\n  - Success: each director confirms the rule in writing\n"
        );
    } else {
        text.push_str("## Commitments\n\n");
    }
    text.push_str("## Close\n- What shifted: it is not that she cannot speak; she does not act as if the seat is hers.\n\n## Coach notes\nStrong energy when talking about the directors; flat when talking about Sam. Follow up on the board cycle.\n");
    text
}
