//! `coach schedule`: the package's sessions in time, as a table or a calendar.

use serde::Serialize;

use crate::cli::{ListFormat, ScheduleArgs};
use crate::commands::artefact::OUT_DIR;
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::fsio;
use crate::model::schedule::Slot;
use crate::render::escape;
use crate::render::ics;
use crate::render::output::TEXT_WIDTH;
use crate::render::text::{Headings, markdown_to_text};

/// One row of the schedule.
#[derive(Debug, Serialize)]
struct Row {
    number: u32,
    place: Option<u32>,
    date: String,
    weekday: String,
    time: String,
    minutes: u32,
    kind: &'static str,
    status: &'static str,
}

impl From<&Slot> for Row {
    fn from(s: &Slot) -> Self {
        Row {
            number: s.number,
            place: s.place,
            date: s.date.to_string(),
            weekday: s.date.format("%a").to_string(),
            time: s.time.to_string(),
            minutes: s.minutes,
            kind: s.kind.name(),
            status: s.state.name(),
        }
    }
}

/// Prints (or writes) the schedule.
pub fn run(env: &Env, args: &ScheduleArgs) -> Result<Outcome> {
    let engagement = env.engagement()?;
    let e = &engagement.engagement;
    let slots = engagement.slots();
    let rows: Vec<Row> = slots.iter().map(Row::from).collect();
    let (text, extension) = if args.ics {
        // The latest day the files record that is not after today: a DTSTAMP that
        // changes only when the files do, and never lies in the future.
        let recorded = engagement
            .sessions
            .iter()
            .flat_map(|s| [Some(s.date), s.prompt_sent, s.summary_sent])
            .chain([Some(e.start), e.agreement.signed])
            .flatten();
        let stamp = recorded
            .filter(|d| *d <= env.today)
            .max()
            .unwrap_or(env.today);
        (ics::calendar(e, &slots, stamp), "ics")
    } else {
        match args.format {
            ListFormat::Json => (
                crate::printable::json(
                    &serde_json::to_string_pretty(&rows)
                        .map_err(|err| Error::Request(err.to_string()))?,
                ) + "\n",
                "json",
            ),
            ListFormat::Md => (markdown(&e.client.name, e.timezone.0.name(), &rows), "md"),
            ListFormat::Text => {
                let md = markdown(&e.client.name, e.timezone.0.name(), &rows);
                let text = markdown_to_text(&md, TEXT_WIDTH, Headings::Underlined);
                (format!("{text}\n"), "txt")
            }
        }
    };
    if !args.write {
        return Ok(Outcome::print(text));
    }
    let path = engagement
        .root
        .join(OUT_DIR)
        .join(format!("schedule.{extension}"));
    fsio::write_atomic(&engagement.root, &path, text.as_bytes(), args.force)?;
    Ok(Outcome::print(format!("{}\n", env.show(&path))))
}

fn markdown(client: &str, zone: &str, rows: &[Row]) -> String {
    let mut out = format!(
        "# Schedule: {}\n\nTimes in {zone}.\n\n| # | Place | Date | Time | Min | Kind | Status |\n|--:|--:|---|---|--:|---|---|\n",
        escape::markdown_string(client)
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} {} | {} | {} | {} | {} |\n",
            r.number,
            r.place.map_or_else(|| "–".to_string(), |p| p.to_string()),
            r.weekday,
            r.date,
            r.time,
            r.minutes,
            r.kind,
            r.status
        ));
    }
    out
}
