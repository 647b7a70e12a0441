//! The rules of a session's stakeholder check-ins: each names someone
//! engagement.yaml knows, says what they observed, agrees with the relation
//! written there, and sits in a session that took place.

use crate::codes;
use crate::error::Diagnostic;
use crate::model::checkin::{is_known, is_read, relation_of};
use crate::model::engagement::Engagement;
use crate::model::session::Session;
use crate::parse::yaml_map::Step::{Index, Key};
use crate::suggest::did_you_mean;
use crate::validate::source::YamlSource;

const KEY: &str = "stakeholder_checkins";

/// Every problem of `session`'s check-ins; those that need engagement.yaml only
/// when it parsed.
pub fn checkins(
    source: &YamlSource<'_>,
    session: &Session,
    engagement: Option<&Engagement>,
    problems: &mut Vec<Diagnostic>,
) {
    if session.stakeholder_checkins.is_empty() {
        return;
    }
    if !is_read(session) {
        problems.push(source.at_key(
            codes::CHECKIN_NOT_READ,
            &[Key(KEY)],
            format!(
                "session {} is {}, so its stakeholder check-ins are not read",
                session.number,
                session.status.name()
            ),
        ));
    }
    for (index, checkin) in session.stakeholder_checkins.iter().enumerate() {
        let at = |key| [Key(KEY), Index(index), Key(key)];
        if checkin.observed.trim().is_empty() {
            problems.push(source.at_value(
                codes::EMPTY_OBSERVATION,
                &at("observed"),
                format!("the check-in with {} says nothing observed", checkin.who),
            ));
        }
        let Some(engagement) = engagement else {
            continue;
        };
        if !is_known(engagement, &checkin.who) {
            let mut names: Vec<&str> = engagement
                .stakeholders
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            if let Some(sponsor) = &engagement.sponsor
                && !names.contains(&sponsor.name.as_str())
            {
                names.push(&sponsor.name);
            }
            problems.push(source.at_value(
                codes::UNKNOWN_STAKEHOLDER,
                &at("who"),
                format!(
                    "`{}` is not a stakeholder of this engagement{} (engagement.yaml has: {})",
                    checkin.who,
                    did_you_mean(&checkin.who, names.iter().copied()),
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ),
            ));
            continue;
        }
        let written = checkin.relation.as_deref().map(str::trim);
        if let (Some(written), Some(known)) = (written, relation_of(engagement, &checkin.who))
            && !written.is_empty()
            && !written.eq_ignore_ascii_case(known.trim())
        {
            problems.push(source.at_value(
                codes::RELATION_DISAGREES,
                &at("relation"),
                format!(
                    "engagement.yaml gives {} the relation `{}`, but this check-in says `{written}`: artefacts show `{written}` here",
                    checkin.who,
                    known.trim()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::engagement::tests::engagement_with;
    use crate::model::session::FrontMatter;
    use std::path::Path;

    /// The problems of a session file whose front matter is `yaml`, as
    /// "line:column code message".
    fn problems(yaml: &str) -> Vec<String> {
        let engagement = engagement_with(
            "sponsor: {name: Priya Shah}\nstakeholders:\n  - {name: Sam Ortiz, relation: peer}\n  - {name: Zoë Müller}\n  - {name: Priya Shah, relation: sponsor}\n",
        );
        let front: FrontMatter = serde_saphyr::from_str(yaml).unwrap();
        let path = Path::new("sessions/03-2026-02-09.md");
        let session = Session::new(
            path.to_path_buf(),
            front,
            crate::parse::markdown::parse_body("", 1),
        );
        let source = YamlSource::new(path, yaml, 2);
        let mut found = Vec::new();
        checkins(&source, &session, Some(&engagement), &mut found);
        found
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {} {}",
                    d.line.unwrap_or(0),
                    d.column.unwrap_or(0),
                    d.code.id,
                    d.message
                )
            })
            .collect()
    }

    const HEAD: &str = "session: 3\ndate: 2026-02-09\nstatus: held\n";

    #[test]
    fn known_people_with_what_they_observed_pass() {
        let yaml = format!(
            "{HEAD}stakeholder_checkins:\n  - {{who: Sam Ortiz, observed: Speaks first in ELT.}}\n  - who: Zoë Müller\n    relation: report\n    observed: Takes the Monday review.\n  - {{who: Priya Shah, relation: Sponsor, observed: Visible at the board.}}\n"
        );
        assert_eq!(problems(&yaml), Vec::<String>::new());
    }

    #[test]
    fn an_unknown_name_gets_a_suggestion_at_its_value() {
        let yaml = format!(
            "{HEAD}stakeholder_checkins:\n  - {{who: Sam Ortz, observed: Seen.}}\n  - {{who: Dana Reyes, observed: Herself.}}\n"
        );
        assert_eq!(
            problems(&yaml),
            [
                "6:11 E053 `Sam Ortz` is not a stakeholder of this engagement: did you mean `Sam Ortiz`? (engagement.yaml has: Sam Ortiz, Zoë Müller, Priya Shah)",
                "7:11 E053 `Dana Reyes` is not a stakeholder of this engagement (engagement.yaml has: Sam Ortiz, Zoë Müller, Priya Shah)",
            ]
        );
    }

    #[test]
    fn a_different_relation_is_a_warning_and_an_empty_observation_an_error() {
        let yaml = format!(
            "{HEAD}stakeholder_checkins:\n  - who: Sam Ortiz\n    relation: manager\n    observed: \"  \"\n"
        );
        assert_eq!(
            problems(&yaml),
            [
                "8:15 E054 the check-in with Sam Ortiz says nothing observed",
                "7:15 W055 engagement.yaml gives Sam Ortiz the relation `peer`, but this check-in says `manager`: artefacts show `manager` here",
            ]
        );
    }

    #[test]
    fn check_ins_at_a_session_that_did_not_take_place_are_not_read() {
        let yaml = "session: 3\ndate: 2026-02-09\nstatus: cancelled\nstakeholder_checkins: [{who: Sam Ortiz, observed: Seen.}]\n";
        assert_eq!(
            problems(yaml),
            ["5:1 W056 session 3 is cancelled, so its stakeholder check-ins are not read"]
        );
    }
}
