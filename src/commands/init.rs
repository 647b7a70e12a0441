//! `coach init`: a new engagement folder with engagement.yaml and its first
//! session file: the intake, or with `--prospect` the fit conversation.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{InitArgs, parse_name};
use crate::commands::{Env, Outcome};
use crate::error::{Diagnostic, Error, Result};
use crate::fsio;
use crate::load::{self, ENGAGEMENT_FILE, SESSIONS_DIR};
use crate::model::engagement::{
    Cadence, ClockTime, Engagement, EngagementStatus, Package, Person, TimeZone, parse_time_zone,
};
use crate::model::schedule::FIT_MINUTES;
use crate::model::session::FIT_NUMBER;
use crate::practice::{self, PracticeConfig};
use crate::render::templates::Templates;
use crate::validate::session_file_name;

#[derive(Serialize)]
struct NamedPerson {
    name: String,
    email: String,
}

/// The first session file's slot: the intake, or the fit conversation.
#[derive(Serialize)]
pub struct FirstSlot {
    number: u32,
    date: String,
    time: String,
    minutes: u32,
}

impl FirstSlot {
    /// Session `number` on `date` at `time`, lasting `minutes`.
    pub fn new(number: u32, date: NaiveDate, time: ClockTime, minutes: u32) -> Self {
        FirstSlot {
            number,
            date: date.to_string(),
            time: time.to_string(),
            minutes,
        }
    }
}

/// The context of `engagement.yaml`, `intake.md` and `fit.md`.
#[derive(Serialize)]
pub struct InitContext {
    /// A prospect: the engagement begins with `coach start`.
    prospect: bool,
    client: NamedPerson,
    coach: NamedPerson,
    sponsor: Option<NamedPerson>,
    package: &'static str,
    sessions: u32,
    start: String,
    time: String,
    timezone: String,
    cadence: &'static str,
    session_minutes: u32,
    intake_minutes: u32,
    session: FirstSlot,
}

impl InitContext {
    /// The context of a session file (`intake.md` or `fit.md`) for `session`,
    /// from an engagement.yaml that exists.
    pub fn of(engagement: &Engagement, session: FirstSlot) -> Self {
        let named = |p: &Person| NamedPerson {
            name: p.name.clone(),
            email: p
                .email
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        };
        InitContext {
            prospect: engagement.status == EngagementStatus::Prospect,
            client: named(&engagement.client),
            coach: named(&engagement.coach),
            sponsor: engagement.sponsor.as_ref().map(named),
            package: engagement.package.name(),
            sessions: engagement.package_size(),
            start: engagement.start.to_string(),
            time: engagement.time.to_string(),
            timezone: engagement.timezone.0.name().to_string(),
            cadence: engagement.cadence.name(),
            session_minutes: engagement.session_minutes,
            intake_minutes: engagement.intake_minutes,
            session,
        }
    }
}

/// Creates the engagement; refuses a folder that already holds one.
pub fn run(env: &Env, args: &InitArgs) -> Result<Outcome> {
    let dir = env.dir.join(&args.dir);
    let engagement_path = dir.join(ENGAGEMENT_FILE);
    if engagement_path.exists() {
        return Err(Error::Request(format!(
            "{} already exists: coach init never replaces an engagement",
            env.show(&engagement_path)
        )));
    }
    let config = practice_config(&dir)?;
    let context = build_context(env, args, &config)?;
    let templates = Templates::load(
        None,
        practice::find_practice_root(existing_ancestor(&dir)).as_deref(),
    )?;
    let engagement_text = templates.render("engagement.yaml", &context)?;
    let (first_template, number) = if args.prospect {
        ("fit.md", FIT_NUMBER)
    } else {
        ("intake.md", 1)
    };
    let intake_text = templates.render(first_template, &context)?;
    let intake_path = dir
        .join(SESSIONS_DIR)
        .join(session_file_name(number, parse_start(&context.start)?));
    refuse_unreadable(
        (&engagement_path, &engagement_text),
        (&intake_path, &intake_text),
        env.today,
    )?;
    // Writes stay below the folder that exists already, and never through a link.
    let (root, target) = fsio::rebase_on_existing(&dir)?;
    let written_engagement = target.join(ENGAGEMENT_FILE);
    let written_intake = target.join(intake_path.strip_prefix(&dir).unwrap_or(&intake_path));
    fsio::write_atomic(
        &root,
        &written_engagement,
        engagement_text.as_bytes(),
        false,
    )?;
    if let Err(e) = fsio::write_atomic(&root, &written_intake, intake_text.as_bytes(), false) {
        // The engagement file is ours from a moment ago; leave nothing half-made.
        let _ = fs::remove_file(&written_engagement);
        return Err(e);
    }
    Ok(Outcome {
        stdout: format!(
            "{}\n{}\n",
            env.show(&engagement_path),
            env.show(&intake_path)
        ),
        stderr: if args.prospect {
            format!(
                "next: `coach agenda 0 -C {dir}` before the fit conversation; after it, `coach mark 0 held -C {dir}` and `coach follow-up -C {dir}`\n",
                dir = env.show(&dir)
            )
        } else {
            format!(
                "next: complete {} (objectives, agreement), then `coach check -C {}`\n",
                env.show(&engagement_path),
                env.show(&dir)
            )
        },
        failed: false,
    })
}

fn existing_ancestor(dir: &Path) -> &Path {
    dir.ancestors()
        .find(|d| d.is_dir())
        .unwrap_or(Path::new("."))
}

fn practice_config(dir: &Path) -> Result<PracticeConfig> {
    match practice::find_practice_root(existing_ancestor(dir)) {
        Some(root) => practice::load_config(&root),
        None => Ok(PracticeConfig::default()),
    }
}

fn parse_start(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| Error::Request(format!("bad start date {text}")))
}

fn build_context(env: &Env, args: &InitArgs, config: &PracticeConfig) -> Result<InitContext> {
    let package = args.package;
    let sessions = match (package, args.sessions) {
        (Package::Custom, Some(n)) => n,
        (Package::Custom, None) => {
            return Err(Error::Request("a custom package needs --sessions N".into()));
        }
        (_, Some(_)) => {
            return Err(Error::Request(
                "--sessions goes with --package custom".into(),
            ));
        }
        (Package::Accelerated, None) => 12,
        (Package::Annual, None) => 24,
    };
    let defaults = &config.defaults;
    let time = args.time.or(defaults.time).unwrap_or(ClockTime(
        chrono::NaiveTime::MIN + chrono::TimeDelta::hours(9),
    ));
    let timezone = match &args.timezone {
        Some(text) => TimeZone(parse_time_zone(text).map_err(Error::Request)?),
        None => defaults.timezone.unwrap_or(TimeZone(chrono_tz::Tz::UTC)),
    };
    let cadence = args
        .cadence
        .or(defaults.cadence)
        .unwrap_or(Cadence::Biweekly);
    let client_name = one_line("--client", &args.client)?;
    let sponsor_name = args
        .sponsor
        .as_deref()
        .map(|name| one_line("--sponsor", name))
        .transpose()?;
    let coach = config.coach.as_ref();
    let start = args.start.unwrap_or(env.today);
    let first_minutes = if args.prospect {
        FIT_MINUTES
    } else {
        defaults.intake_minutes.unwrap_or(90)
    };
    Ok(InitContext {
        prospect: args.prospect,
        client: NamedPerson {
            name: client_name,
            email: String::new(),
        },
        coach: NamedPerson {
            name: coach.map_or_else(|| "TODO your name".to_string(), |c| c.name.clone()),
            email: coach
                .and_then(|c| c.email.as_ref().map(ToString::to_string))
                .unwrap_or_else(|| "TODO@example.com".to_string()),
        },
        sponsor: sponsor_name.map(|name| NamedPerson {
            name,
            email: String::new(),
        }),
        package: package.name(),
        sessions,
        start: start.to_string(),
        time: time.to_string(),
        timezone: timezone.0.name().to_string(),
        cadence: cadence.name(),
        session_minutes: defaults.session_minutes.unwrap_or(60),
        intake_minutes: defaults.intake_minutes.unwrap_or(90),
        session: FirstSlot {
            number: if args.prospect { FIT_NUMBER } else { 1 },
            date: start.to_string(),
            time: time.to_string(),
            minutes: first_minutes,
        },
    })
}

/// A name from the command line, checked again here for callers that bypass clap:
/// one line, not empty.
fn one_line(flag: &str, value: &str) -> Result<String> {
    parse_name(value).map_err(|e| Error::Request(format!("{flag}: {e}")))
}

/// Refuses files about to be written that `coach check` would reject (a custom
/// template, a length out of range): engagement.yaml as it will be, and the new
/// session file at `session`'s path.
pub fn refuse_unreadable(
    engagement: (&Path, &str),
    session: (&Path, &str),
    today: NaiveDate,
) -> Result<()> {
    let errors: Vec<Diagnostic> = load::problems_in_texts(engagement, session, today)
        .into_iter()
        .filter(Diagnostic::is_error)
        .map(|mut p| {
            p.message = format!("not written: {}", p.message);
            p
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}
