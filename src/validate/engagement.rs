//! The rules of engagement.yaml that its types cannot express.

use std::collections::BTreeSet;

use crate::codes;
use crate::error::Diagnostic;
use crate::model::engagement::{Engagement, EngagementStatus, KNOWN_KEYS, MAX_SESSIONS, Package};
use crate::parse::yaml_map::Step::{self, Index, Key};
use crate::printable::is_invisible;
use crate::validate::keys::unknown_keys;
use crate::validate::source::{YamlSource, located};

/// The length of a regular session: 45 to 90 minutes (60 by default).
pub const SESSION_MINUTES: std::ops::RangeInclusive<u32> = 45..=90;
/// The length of a fit conversation: 15 to 60 minutes (30 by default).
pub const FIT_MINUTES: std::ops::RangeInclusive<u32> = 15..=60;
/// The length of an intake: 60 to 120 minutes (75 to 90 usual).
pub const INTAKE_MINUTES: std::ops::RangeInclusive<u32> = 60..=120;

/// Every problem of engagement.yaml.
pub fn engagement(source: &YamlSource<'_>, e: &Engagement, problems: &mut Vec<Diagnostic>) {
    unknown_keys(source, KNOWN_KEYS, problems);
    package(source, e, problems);
    minutes(source, e, problems);
    ids(source, e, problems);
    // A prospect's agreement comes after the fit conversation, and its start is
    // not known until `coach start`.
    let prospect = e.status == EngagementStatus::Prospect;
    if let Some(signed) = e.agreement.signed
        && signed > e.start
        && !prospect
    {
        problems.push(source.at_value(
            codes::AGREEMENT_AFTER_START,
            &[Key("agreement"), Key("signed")],
            format!(
                "the agreement is signed {signed}, after the first session on {}",
                e.start
            ),
        ));
    }
    if e.sponsor.is_some()
        && e.agreement.signed.is_none()
        && !prospect
        && e.status != EngagementStatus::Closed
    {
        problems.push(source.at_key(
            codes::NO_AGREEMENT,
            &[Key("agreement")],
            "no `agreement.signed`: coach will not write the sponsor's report until the written agreement's date is recorded",
        ));
    }
    cadence_changes(source, e, problems);
    names(source, e, problems);
    placeholders(source, problems);
}

fn package(source: &YamlSource<'_>, e: &Engagement, problems: &mut Vec<Diagnostic>) {
    if e.package == Package::Custom && e.sessions.unwrap_or(0) == 0 {
        problems.push(source.at_value(
            codes::PACKAGE_SESSIONS,
            &[Key("package")],
            "a custom package needs `sessions:` with the number of sessions",
        ));
    }
    if e.package != Package::Custom && e.sessions.is_some_and(|n| n != e.package_size()) {
        problems.push(source.at_value(
            codes::PACKAGE_SESSIONS,
            &[Key("sessions")],
            format!(
                "`sessions:` disagrees with the {} package ({} sessions): use `package: custom`",
                e.package.name(),
                e.package_size()
            ),
        ));
    }
    if e.sessions.is_some_and(|n| n > MAX_SESSIONS) {
        problems.push(source.at_value(
            codes::PACKAGE_SESSIONS,
            &[Key("sessions")],
            format!("a package of more than {MAX_SESSIONS} sessions is not plausible"),
        ));
    }
}

fn minutes(source: &YamlSource<'_>, e: &Engagement, problems: &mut Vec<Diagnostic>) {
    for (key, value, range, what) in [
        (
            "session_minutes",
            e.session_minutes,
            SESSION_MINUTES,
            "a session",
        ),
        (
            "intake_minutes",
            e.intake_minutes,
            INTAKE_MINUTES,
            "an intake",
        ),
    ] {
        if !range.contains(&value) {
            problems.push(source.at_value(
                codes::MINUTES_RANGE,
                &[Key(key)],
                format!(
                    "{key} is {value}: {what} lasts {} to {} minutes",
                    range.start(),
                    range.end()
                ),
            ));
        }
    }
}

/// Duplicate objective and measure ids, reported at the second one.
fn ids(source: &YamlSource<'_>, e: &Engagement, problems: &mut Vec<Diagnostic>) {
    let mut objectives = BTreeSet::new();
    let mut measures = BTreeSet::new();
    for (o, objective) in e.objectives.iter().enumerate() {
        if !objectives.insert(objective.id.as_str()) {
            problems.push(source.at_value(
                codes::DUPLICATE_OBJECTIVE,
                &[Key("objectives"), Index(o), Key("id")],
                format!("objective id `{}` is used twice", objective.id),
            ));
        }
        for (m, measure) in objective.measures.iter().enumerate() {
            let at = [Key("objectives"), Index(o), Key("measures"), Index(m)];
            if !measure.baseline.is_finite() || !measure.target.is_finite() {
                problems.push(source.at_value(
                    codes::MEASURE_NOT_NUMBER,
                    &at,
                    format!(
                        "measure `{}` needs numbers for baseline and target",
                        measure.id
                    ),
                ));
            }
            if !measures.insert(measure.id.as_str()) {
                let mut id = at.to_vec();
                id.push(Key("id"));
                problems.push(source.at_value(
                    codes::DUPLICATE_MEASURE,
                    &id,
                    format!(
                        "measure id `{}` is used twice: readings name measures by id",
                        measure.id
                    ),
                ));
            }
        }
    }
}

fn cadence_changes(source: &YamlSource<'_>, e: &Engagement, problems: &mut Vec<Diagnostic>) {
    let mut previous = None;
    for (index, change) in e.cadence_changes.iter().enumerate() {
        let at = [Key("cadence_changes"), Index(index), Key("from")];
        if change.from < e.start {
            problems.push(source.at_value(
                codes::CADENCE_BEFORE_START,
                &at,
                format!(
                    "cadence change from {} is before the start ({})",
                    change.from, e.start
                ),
            ));
        }
        if previous.is_some_and(|p| p > change.from) {
            problems.push(source.at_value(
                codes::CADENCE_ORDER,
                &at,
                "cadence changes are not in date order",
            ));
        }
        previous = Some(change.from);
    }
}

/// Every person needs a name: it greets the leader and signs the letters, and a
/// stakeholder's heads their check-ins, so no two stakeholders share one.
fn names(source: &YamlSource<'_>, e: &Engagement, problems: &mut Vec<Diagnostic>) {
    let people = [
        ("client", Some(&e.client)),
        ("coach", Some(&e.coach)),
        ("sponsor", e.sponsor.as_ref()),
    ];
    for (key, person) in people {
        if let Some(person) = person {
            let field = format!("{key}.name");
            name(
                source,
                &[Key(key), Key("name")],
                &field,
                &person.name,
                problems,
            );
            if let Some(known_as) = &person.known_as {
                let field = format!("{key}.known_as");
                name(
                    source,
                    &[Key(key), Key("known_as")],
                    &field,
                    known_as,
                    problems,
                );
            }
        }
    }
    let mut seen = BTreeSet::new();
    for (index, stakeholder) in e.stakeholders.iter().enumerate() {
        let at = [Key("stakeholders"), Index(index), Key("name")];
        let field = format!("stakeholders[{}].name", index + 1);
        name(source, &at, &field, &stakeholder.name, problems);
        if !seen.insert(stakeholder.name.trim()) {
            problems.push(source.at_value(
                codes::DUPLICATE_STAKEHOLDER,
                &at,
                format!(
                    "stakeholder `{}` is listed twice: a check-in could not say which is meant",
                    stakeholder.name
                ),
            ));
        }
    }
}

/// The name at `at` (`field` in messages) must be written, on one printable line.
fn name(
    source: &YamlSource<'_>,
    at: &[Step<'_>],
    field: &str,
    name: &str,
    problems: &mut Vec<Diagnostic>,
) {
    if name.trim().is_empty() {
        problems.push(source.at_value(codes::EMPTY_NAME, at, format!("`{field}` is empty")));
    } else if name.chars().any(|c| c.is_control() || is_invisible(c)) {
        problems.push(source.at_value(
            codes::UNPRINTABLE_NAME,
            at,
            format!(
                "`{field}` holds a control or invisible character (`{name}`): it would reach every letter and calendar entry"
            ),
        ));
    }
}

/// The `TODO` values `init` leaves for the coach to fill in.
fn placeholders(source: &YamlSource<'_>, problems: &mut Vec<Diagnostic>) {
    if !source.text().contains("TODO") {
        return;
    }
    let Some(map) = source.map() else { return };
    for (text, span) in map.scalars() {
        if text.contains("TODO") {
            problems.push(located(
                codes::PLACEHOLDER,
                source.path(),
                Some(span),
                format!(
                    "`{}` is still a placeholder: replace it with the real value",
                    text.trim()
                ),
            ));
        }
    }
}
