//! `coach status`: what needs the coach across a practice, most urgent first.

use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::fmt;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{ListFormat, StatusArgs};
use crate::commands::artefact::{OUT_DIR, stem};
use crate::commands::close::reports_missing;
use crate::commands::report::review_session;
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::load::Loaded;
use crate::model::commitment::ledger;
use crate::model::engagement::EngagementStatus;
use crate::model::insights;
use crate::model::pacing::{
    Due, PackageUse, PromptWindow, is_unmarked, needs_a_file, next_session, reviews_coming,
    summary_due, within_a_week,
};
use crate::model::schedule::{Slot, SlotState, schedule, unplaced_slot};
use crate::model::session::{FIT_NUMBER, SessionKind, SessionStatus};
use crate::model::valid::Valid;
use crate::practice;
use crate::render::insights::warning_message;
use crate::render::report::Stage;
use crate::render::views::{long_date, long_moment, zoned};

/// How soon something needs the coach; the order of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// A file coach cannot read: nothing else about that engagement is reliable.
    Fix,
    /// Past its time.
    Overdue,
    /// Today.
    Today,
    /// In the next seven days.
    ThisWeek,
    /// Worth knowing about the engagement as a whole.
    Engagement,
    /// A prospect: the fit conversation and the decision after it.
    Prospect,
}

impl Urgency {
    fn heading(self) -> &'static str {
        match self {
            Urgency::Fix => "Fix first",
            Urgency::Overdue => "Overdue",
            Urgency::Today => "Today",
            Urgency::ThisWeek => "This week",
            Urgency::Engagement => "Engagements",
            Urgency::Prospect => "Prospects",
        }
    }
}

/// One thing that needs the coach.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct StatusItem {
    /// How soon.
    pub urgency: Urgency,
    /// The date it concerns, YYYY-MM-DD, or none (null in JSON).
    pub date: Option<String>,
    /// The leader.
    pub leader: String,
    /// The engagement folder, as shown.
    pub engagement: String,
    /// The session concerned, or 0.
    pub session: u32,
    /// A stable name for scripts: summary-overdue, prompt-due, prompt-late,
    /// session-today, session-this-week, not-marked, commitment-overdue,
    /// review-coming, package-ending, behind-pace, broken-file; for prospects
    /// fit-planned, fit-not-marked, fit-missing, fit-missed, follow-up-due,
    /// prospect-decide, next-step-overdue; the early warnings of `coach insights`: alliance-drop,
    /// plateau, low-follow-through.
    pub kind: &'static str,
    /// What to do, in words, with the command that does it.
    pub message: Message,
}

/// What to do: in words, then the commands that do it, any one of them. Printed
/// as `words: `command`` (or `` `one` or `other` ``); kept apart so a page can
/// show the commands as code.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Message {
    /// The words.
    pub text: String,
    /// The coach commands that do it, such as `coach summary 8 --write`; none
    /// when it is for the coach to do.
    pub commands: Vec<String>,
}

impl Message {
    /// Words alone.
    fn plain(text: String) -> Self {
        Message {
            text,
            commands: Vec::new(),
        }
    }

    /// Words, then the command that does it.
    fn run(text: String, command: String) -> Self {
        Message {
            text,
            commands: vec![command],
        }
    }

    /// Words, then two commands, either of which does it.
    fn either(text: String, one: String, other: String) -> Self {
        Message {
            text,
            commands: vec![one, other],
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)?;
        for (index, command) in self.commands.iter().enumerate() {
            f.write_str(if index == 0 { ": " } else { " or " })?;
            write!(f, "`{command}`")?;
        }
        Ok(())
    }
}

impl Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The whole status, for `--format json`.
#[derive(Debug, Serialize)]
struct StatusReport<'a> {
    today: String,
    engagements: usize,
    /// Closed engagements: counted, never listed.
    closed: usize,
    items: &'a [StatusItem],
    /// Items past the limit of each urgency, not listed: by urgency.
    omitted: &'a BTreeMap<Urgency, usize>,
}

/// A practice's status, folded engagement by engagement: the first `limit` items
/// of each urgency in report order, and how many there are in all. Items are
/// totally ordered, so which are kept never depends on which thread read what.
#[derive(Debug)]
struct Tally {
    limit: Option<usize>,
    kept: BTreeMap<Urgency, BinaryHeap<StatusItem>>,
    counts: BTreeMap<Urgency, usize>,
    /// Engagements with anything to list.
    engagements: usize,
    closed: usize,
    broken: bool,
}

impl Tally {
    fn new(limit: Option<usize>) -> Self {
        Tally {
            limit,
            kept: BTreeMap::new(),
            counts: BTreeMap::new(),
            engagements: 0,
            closed: 0,
            broken: false,
        }
    }

    fn add(&mut self, item: StatusItem) {
        self.broken |= item.kind == "broken-file";
        *self.counts.entry(item.urgency).or_default() += 1;
        let kept = self.kept.entry(item.urgency).or_default();
        kept.push(item);
        if self.limit.is_some_and(|limit| kept.len() > limit) {
            kept.pop();
        }
    }

    fn add_engagement(mut self, items: Vec<StatusItem>, closed: bool) -> Self {
        self.closed += usize::from(closed);
        self.engagements += usize::from(!items.is_empty());
        for item in items {
            self.add(item);
        }
        self
    }

    fn merge(mut self, other: Tally) -> Self {
        self.closed += other.closed;
        self.engagements += other.engagements;
        self.broken |= other.broken;
        for (urgency, count) in other.counts {
            // `add` counts each kept item again: count only those never kept.
            let kept = other.kept.get(&urgency).map_or(0, BinaryHeap::len);
            *self.counts.entry(urgency).or_default() += count - kept;
        }
        for item in other.kept.into_values().flatten() {
            self.add(item);
        }
        self
    }

    /// The kept items in report order, and how many of each urgency are not.
    fn into_list(self) -> (Vec<StatusItem>, BTreeMap<Urgency, usize>) {
        let mut items: Vec<StatusItem> = self.kept.into_values().flatten().collect();
        items.sort();
        let omitted = self
            .counts
            .into_iter()
            .filter_map(|(urgency, count)| {
                let shown = items.iter().filter(|i| i.urgency == urgency).count();
                (count > shown).then_some((urgency, count - shown))
            })
            .collect();
        (items, omitted)
    }
}

/// Prints the status of every engagement under the path: at most `--limit` items
/// of each urgency unless `--all`.
pub fn run(env: &Env, args: &StatusArgs) -> Result<Outcome> {
    let path = args
        .path
        .as_ref()
        .map_or_else(|| env.dir.clone(), |p| env.dir.join(p));
    let limit = (!args.all).then_some(args.limit as usize);
    let (mut tally, problems) = practice::fold_engagements(
        &path,
        env.today,
        || Tally::new(limit),
        |tally, loaded| {
            let closed = loaded
                .engagement
                .as_ref()
                .is_some_and(|e| e.status == EngagementStatus::Closed);
            tally.add_engagement(engagement_items(env, loaded), closed)
        },
        Tally::merge,
    )?;
    let walk: BTreeSet<String> = problems
        .iter()
        .map(|p| {
            let item = broken(env, p, "");
            let engagement = item.engagement.clone();
            tally.add(item);
            engagement
        })
        .collect();
    tally.engagements += walk.len();
    let (engagements, closed, broken) = (tally.engagements, tally.closed, tally.broken);
    let (items, omitted) = tally.into_list();
    let stdout = match args.format {
        ListFormat::Json => {
            let report = StatusReport {
                today: env.today.to_string(),
                engagements,
                closed,
                items: &items,
                omitted: &omitted,
            };
            crate::printable::json(
                &serde_json::to_string_pretty(&report)
                    .map_err(|e| Error::Request(e.to_string()))?,
            ) + "\n"
        }
        ListFormat::Md | ListFormat::Text => {
            render_list(env, &items, &omitted, args.format) + &closed_line(closed)
        }
    };
    Ok(Outcome {
        stdout,
        stderr: String::new(),
        failed: broken,
    })
}

/// The count of closed engagements, which status lists no more.
fn closed_line(closed: usize) -> String {
    match closed {
        0 => String::new(),
        1 => "\n1 closed engagement is not listed.\n".to_string(),
        n => format!("\n{n} closed engagements are not listed.\n"),
    }
}

fn render_list(
    env: &Env,
    items: &[StatusItem],
    omitted: &BTreeMap<Urgency, usize>,
    format: ListFormat,
) -> String {
    let mut out = format!("# Status on {}\n", long_date(env.today));
    if format == ListFormat::Text {
        out = format!("Status on {}\n", long_date(env.today));
    }
    if items.is_empty() {
        out.push_str("\nNothing needs you: no prompts or summaries due, no commitments overdue.\n");
        return out;
    }
    for section in items.chunk_by(|a, b| a.urgency == b.urgency) {
        let urgency = section[0].urgency;
        match format {
            ListFormat::Text => out.push_str(&format!("\n{}\n", urgency.heading().to_uppercase())),
            _ => out.push_str(&format!("\n## {}\n\n", urgency.heading())),
        }
        for item in section {
            out.push_str(&format!(
                "- {} ({}): {}\n",
                item.leader, item.engagement, item.message
            ));
        }
        if let Some(more) = omitted.get(&urgency) {
            out.push_str(&format!(
                "- and {more} more not listed (`--all` lists every one)\n"
            ));
        }
    }
    out
}

fn broken(env: &Env, problem: &crate::error::Diagnostic, leader: &str) -> StatusItem {
    let mut shown = problem.clone();
    shown.path = env.show(&problem.path).into();
    StatusItem {
        urgency: Urgency::Fix,
        date: None,
        leader: if leader.is_empty() {
            "?".to_string()
        } else {
            leader.to_string()
        },
        engagement: env.show(problem.path.parent().unwrap_or(Path::new("."))),
        session: 0,
        kind: "broken-file",
        message: Message::plain(format!("{shown} (run `coach check`)")),
    }
}

/// How a suggested command reaches the engagement: plain inside it, with `-C`
/// from anywhere else (a practice, say).
struct CommandLine {
    prefix: String,
}

impl CommandLine {
    fn for_engagement(env: &Env, root: &Path) -> Self {
        let shown = env.show(root);
        let prefix = if shown == "." {
            "coach".to_string()
        } else if shown
            .chars()
            .all(|c| c.is_alphanumeric() || "/._-".contains(c))
        {
            format!("coach -C {shown}")
        } else {
            format!("coach -C '{}'", shown.replace('\'', "'\\''"))
        };
        CommandLine { prefix }
    }

    /// `coach [-C DIR] rest`.
    fn run(&self, rest: &str) -> String {
        format!("{} {rest}", self.prefix)
    }
}

fn engagement_items(env: &Env, loaded: Loaded) -> Vec<StatusItem> {
    let shown = env.label(&loaded.root);
    let leader = loaded
        .engagement
        .as_ref()
        .map(|e| e.client.name.clone())
        .unwrap_or_default();
    let errors: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        return errors
            .iter()
            .map(|p| StatusItem {
                engagement: shown.clone(),
                ..broken(env, p, &leader)
            })
            .collect();
    }
    match loaded.into_valid() {
        Ok(valid) => needs(env, &valid),
        Err(_) => Vec::new(),
    }
}

/// What one valid engagement needs from the coach, most urgent first: the items
/// `status` lists for it, and `show` too. A prospect's fit conversation and
/// decision; nothing for a paused or closed engagement.
pub fn needs(env: &Env, valid: &Valid) -> Vec<StatusItem> {
    let shown = env.label(&valid.root);
    let leader = valid.engagement.client.name.clone();
    let coach = CommandLine::for_engagement(env, &valid.root);
    if valid.engagement.status == EngagementStatus::Prospect {
        let steps = overdue_next_steps(valid, env.today).map(|item| StatusItem {
            leader: leader.clone(),
            engagement: shown.clone(),
            ..item
        });
        return std::iter::once(StatusItem {
            leader: leader.clone(),
            engagement: shown.clone(),
            ..prospect_item(valid, env.today, &coach)
        })
        .chain(steps)
        .collect();
    }
    if valid.engagement.status != EngagementStatus::Active {
        return Vec::new();
    }
    let sent = Sent::read(&valid.root);
    let mut items = Vec::new();
    let mut push = |urgency, date: NaiveDate, session, kind, message: Message| {
        items.push(StatusItem {
            urgency,
            date: Some(date.to_string()),
            leader: leader.clone(),
            engagement: shown.clone(),
            session,
            kind,
            message,
        })
    };
    let today = env.today;
    let slots = schedule(&valid.engagement, &valid.sessions);
    for slot in &slots {
        if slot.state == SlotState::Held {
            let file = valid.session(slot.number);
            let sent = file.is_some_and(|s| s.summary_sent.is_some())
                || sent.summaries.contains(&stem(slot));
            match summary_due(slot.date, today).filter(|_| !sent) {
                Some(Due::Late) => push(
                    Urgency::Overdue,
                    slot.date,
                    slot.number,
                    "summary-overdue",
                    Message::run(
                        format!("summary of {} ({}) not sent", meeting(slot), slot.date),
                        coach.run(&format!("summary {} --write", slot.number)),
                    ),
                ),
                Some(Due::Now) => push(
                    Urgency::Today,
                    slot.date,
                    slot.number,
                    "summary-due",
                    Message::run(
                        format!("send the summary of {} within 24 hours", meeting(slot)),
                        coach.run(&format!("summary {} --write", slot.number)),
                    ),
                ),
                None => {}
            }
        } else if is_unmarked(slot, today) {
            push(
                Urgency::Overdue,
                slot.date,
                slot.number,
                "not-marked",
                Message::run(
                    format!(
                        "session {} on {} is still planned; mark it held, cancelled or no-show",
                        slot.number, slot.date
                    ),
                    coach.run(&format!("mark {} held", slot.number)),
                ),
            );
        }
    }
    if let Some(next) = next_session(&slots, today) {
        upcoming(valid, next, &sent, today, &coach, &mut push);
    }
    let last = valid.sessions.last().map_or(0, |s| s.number);
    for entry in ledger(&valid.sessions, last)
        .iter()
        .filter(|c| c.is_overdue(today))
    {
        let due = entry.due.unwrap_or(today);
        push(
            Urgency::Overdue,
            due,
            entry.id.session,
            "commitment-overdue",
            Message::plain(format!(
                "commitment {} due {}: {}",
                entry.id, due, entry.text
            )),
        );
    }
    for review in reviews_coming(&slots, today) {
        let slot = review.slot;
        let what = if slot.kind == SessionKind::Midpoint {
            "midpoint review"
        } else {
            "closing session"
        };
        let urgency = if review.this_week {
            Urgency::ThisWeek
        } else {
            Urgency::Engagement
        };
        push(
            urgency,
            slot.date,
            slot.number,
            "review-coming",
            Message::plain(format!(
                "{what} is session {} on {}: prepare the progress review",
                slot.number, slot.date
            )),
        );
    }
    package_items(valid, &slots, today, &coach, &mut push);
    midpoint_reports(valid, today, &coach, &mut push);
    for warning in insights::warnings(valid, today) {
        push(
            Urgency::Engagement,
            today,
            warning.session(),
            warning.kind(),
            Message::plain(warning_message(&warning)),
        );
    }
    items
}

/// Where a prospect stands: its fit conversation to hold, to record, to follow
/// up, or the decision to make (leader and engagement left for the caller).
fn prospect_item(valid: &Valid, today: NaiveDate, coach: &CommandLine) -> StatusItem {
    let item = |date: NaiveDate, kind, message| StatusItem {
        urgency: Urgency::Prospect,
        date: Some(date.to_string()),
        leader: String::new(),
        engagement: String::new(),
        session: FIT_NUMBER,
        kind,
        message,
    };
    let e = &valid.engagement;
    let Some(fit) = &valid.fit else {
        return item(
            today,
            "fit-missing",
            Message::run(
                "no fit conversation on file".into(),
                coach.run("new-session --date YYYY-MM-DD"),
            ),
        );
    };
    let slot = unplaced_slot(e, fit);
    match slot.state {
        SlotState::Planned if slot.date >= today => {
            let at = zoned(e.timezone.0, slot.date, slot.time.0).format("%H:%M %Z");
            item(
                slot.date,
                "fit-planned",
                Message::run(
                    format!("fit conversation on {} at {at}", long_date(slot.date)),
                    coach.run("agenda 0"),
                ),
            )
        }
        SlotState::Planned => item(
            slot.date,
            "fit-not-marked",
            Message::run(
                format!(
                    "fit conversation on {} is still planned; mark it held, cancelled or no-show",
                    slot.date
                ),
                coach.run("mark 0 held"),
            ),
        ),
        SlotState::Held if !Sent::read(&valid.root).follow_ups.contains(&stem(&slot)) => item(
            slot.date,
            "follow-up-due",
            Message::run(
                format!(
                    "fit conversation held on {}: send the follow-up note, then start or decline",
                    slot.date
                ),
                coach.run("follow-up --write"),
            ),
        ),
        SlotState::Cancelled | SlotState::NoShow => item(
            slot.date,
            "fit-missed",
            Message::either(
                format!(
                    "the fit conversation on {} {}: give its file a new `date:` (and the name to match) and mark it planned, or decline",
                    slot.date,
                    if slot.state == SlotState::Cancelled {
                        "was cancelled"
                    } else {
                        "was a no-show"
                    },
                ),
                coach.run("mark 0 planned"),
                coach.run("decline --reason \"...\""),
            ),
        ),
        _ => item(
            slot.date,
            "prospect-decide",
            Message::either(
                format!(
                    "after the fit conversation on {}, start or decline",
                    slot.date
                ),
                coach.run("start --date YYYY-MM-DD"),
                coach.run("decline --reason \"...\""),
            ),
        ),
    }
}

type Push<'a> = dyn FnMut(Urgency, NaiveDate, u32, &'static str, Message) + 'a;

fn upcoming(
    valid: &Valid,
    next: &Slot,
    sent: &Sent,
    today: NaiveDate,
    coach: &CommandLine,
    push: &mut Push<'_>,
) {
    let file = valid.session(next.number);
    // A practice spans time zones: every time carries its own.
    let e = &valid.engagement;
    let at = zoned(e.timezone.0, next.date, next.time.0)
        .format("%H:%M %Z")
        .to_string();
    let prompt_sent =
        file.is_some_and(|s| s.prompt_sent.is_some()) || sent.prompts.contains(&stem(next));
    if next.date == today {
        push(
            Urgency::Today,
            next.date,
            next.number,
            "session-today",
            Message::plain(format!("session {} today at {at}", next.number)),
        );
    } else if within_a_week(next.date, today) {
        push(
            Urgency::ThisWeek,
            next.date,
            next.number,
            "session-this-week",
            Message::plain(format!(
                "session {} on {} at {at}",
                next.number,
                long_date(next.date)
            )),
        );
    }
    if needs_a_file(next, today) {
        push(
            Urgency::Today,
            next.date,
            next.number,
            "not-scheduled",
            Message::run(
                format!("session {} has no file yet", next.number),
                coach.run("new-session"),
            ),
        );
    }
    let window = PromptWindow::of(&valid.engagement, next);
    match window.due(next.date, today).filter(|_| !prompt_sent) {
        Some(Due::Late) => push(
            Urgency::Overdue,
            window.closes,
            next.number,
            "prompt-late",
            Message::run(
                format!(
                    "prompt for {} should have gone by {}",
                    meeting(next),
                    long_moment(window.closes_at)
                ),
                coach.run(&format!("prompt {} --write", next.number)),
            ),
        ),
        Some(Due::Now) => push(
            Urgency::Today,
            window.closes,
            next.number,
            "prompt-due",
            Message::run(
                format!(
                    "send the prompt for {} by {}",
                    meeting(next),
                    long_moment(window.closes_at)
                ),
                coach.run(&format!("prompt {} --write", next.number)),
            ),
        ),
        None => {}
    }
}

/// The fit conversation's next steps still open past their day (leader and
/// engagement left for the caller).
fn overdue_next_steps(valid: &Valid, today: NaiveDate) -> impl Iterator<Item = StatusItem> {
    let steps = valid
        .fit
        .as_ref()
        .filter(|fit| fit.status == SessionStatus::Held)
        .map(|fit| ledger(std::slice::from_ref(fit), fit.number))
        .unwrap_or_default();
    steps
        .into_iter()
        .filter(move |step| step.is_overdue(today))
        .map(|step| {
            let due = step.due.unwrap_or_default();
            StatusItem {
                urgency: Urgency::Prospect,
                date: Some(due.to_string()),
                leader: String::new(),
                engagement: String::new(),
                session: FIT_NUMBER,
                kind: "next-step-overdue",
                message: Message::plain(format!(
                    "next step {} from the fit conversation, due {due}: {}",
                    step.id, step.text
                )),
            }
        })
}

/// "session 8", or "the three-way meeting (session 9)".
fn meeting(slot: &Slot) -> String {
    if slot.kind == SessionKind::ThreeWay {
        format!("the three-way meeting (session {})", slot.number)
    } else {
        format!("session {}", slot.number)
    }
}

/// After the midpoint review, until the leader's (and the sponsor's) midpoint
/// reports are in out/reports.
fn midpoint_reports(valid: &Valid, today: NaiveDate, coach: &CommandLine, push: &mut Push<'_>) {
    let Ok(review) = review_session(valid, Stage::Midpoint) else {
        return;
    };
    for audience in reports_missing(valid, Stage::Midpoint) {
        let message = Message::run(
            format!(
                "the midpoint review (session {}) is held; write the {} midpoint report",
                review.number,
                if audience == "client" {
                    "leader's"
                } else {
                    "sponsor's"
                }
            ),
            coach.run(&format!("report --midpoint --audience {audience} --write")),
        );
        push(
            Urgency::Engagement,
            today,
            review.number,
            "reports-due",
            message,
        );
    }
}

fn package_items(
    valid: &Valid,
    slots: &[Slot],
    today: NaiveDate,
    coach: &CommandLine,
    push: &mut Push<'_>,
) {
    let e = &valid.engagement;
    let used = PackageUse::of(e, slots);
    let (size, held, left) = (used.size, used.held, used.left());
    if left == 0 {
        push(
            Urgency::Engagement,
            today,
            0,
            "package-ending",
            Message::run(
                format!("all {size} sessions are used; write the final reports, then close"),
                coach.run("close"),
            ),
        );
    } else if used.ending() {
        push(
            Urgency::Engagement,
            today,
            0,
            "package-ending",
            Message::plain(match used.scheduled.saturating_sub(held) {
                0 => format!("{left} of {size} sessions left, none planned yet"),
                planned => format!("{left} of {size} sessions left, {planned} of them planned"),
            }),
        );
    }
    if let Some(expected) = used.behind_pace(e, today) {
        push(
            Urgency::Engagement,
            today,
            0,
            "behind-pace",
            Message::plain(format!(
                "behind pace: {held} of {size} sessions held, about {expected} expected by now"
            )),
        );
    }
}

/// The prompts, summaries and follow-up notes `--write` saved under out/, by
/// `NN-YYYY-MM-DD` stem.
struct Sent {
    prompts: BTreeSet<String>,
    summaries: BTreeSet<String>,
    follow_ups: BTreeSet<String>,
}

impl Sent {
    fn read(root: &Path) -> Self {
        let stems = |folder: &str| -> BTreeSet<String> {
            fs::read_dir(root.join(OUT_DIR).join(folder))
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok())
                        .filter_map(|e| {
                            e.path()
                                .file_stem()
                                .and_then(|s| s.to_str())
                                .map(str::to_string)
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        Sent {
            prompts: stems("prompts"),
            summaries: stems("summaries"),
            follow_ups: stems("follow-ups"),
        }
    }
}
