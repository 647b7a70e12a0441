//! `coach show`: one engagement at a glance, for the coach.

use crate::cli::{OutputArgs, ShowArgs, ViewFormat};
use crate::commands::artefact::emit;
use crate::commands::status::{StatusItem, Urgency, needs};
use crate::commands::{Env, Outcome};
use crate::error::Result;
use crate::render::output::Artefact;
use crate::render::show::{DueView, Trends, show_charts, show_context};

/// What `status` says that the page shows in its own place: overdue commitments
/// under Commitments, the next session at the top.
const SHOWN_ELSEWHERE: &[&str] = &["commitment-overdue", "session-today", "session-this-week"];

/// Prints or writes the engagement at a glance.
pub fn run(env: &Env, args: &ShowArgs) -> Result<Outcome> {
    let engagement = env.engagement()?;
    let templates = env.templates(&engagement.root)?;
    let mut items = needs(env, &engagement);
    items.sort();
    let due = items
        .into_iter()
        .filter(|item| !SHOWN_ELSEWHERE.contains(&item.kind))
        .map(due_view)
        .collect();
    let trends = if args.format == ViewFormat::Html {
        Trends::Charts
    } else {
        Trends::Sparklines
    };
    let context = show_context(&engagement, env.today, due, trends);
    let artefact = Artefact {
        template: "show.md",
        context: &context,
        title: format!(
            "{}: the engagement at a glance",
            engagement.engagement.client.name
        ),
        mail: Err("coach show is the coach's own view: it has no email draft".into()),
        charts: show_charts(&context),
        folder: "show",
        stem: env.today.to_string(),
        cover: None,
    };
    let output = OutputArgs {
        format: args.format.into(),
        write: args.write,
        force: args.force,
    };
    emit(env, &engagement, &templates, &artefact, &output)
}

fn due_view(item: StatusItem) -> DueView {
    let (urgency, label) = match item.urgency {
        Urgency::Fix => ("fix", "Fix first"),
        Urgency::Overdue => ("overdue", "Overdue"),
        Urgency::Today => ("today", "Today"),
        Urgency::ThisWeek => ("this-week", "This week"),
        Urgency::Engagement => ("engagement", "Engagement"),
        Urgency::Prospect => ("prospect", "Prospect"),
    };
    DueView {
        urgency,
        label,
        date: item.date.unwrap_or_default(),
        session: item.session,
        kind: item.kind,
        text: item.message.text,
        commands: item.message.commands,
    }
}
