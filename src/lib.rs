//! coach: run executive-coaching engagements as plain text.
//!
//! The data path: files on disk are read by [`load`] (through [`parse`]) into the
//! [`model`]; [`commands`] build a context per artefact and [`render`] turns it into
//! Markdown, text, HTML, email or JSON.

pub mod cli;
pub mod codes;
pub mod commands;
pub mod edit;
pub mod error;
pub mod fsio;
pub mod load;
pub mod model;
pub mod parallel;
pub mod parse;
#[cfg(unix)]
pub mod pinned;
pub mod practice;
pub mod printable;
pub mod render;
pub mod suggest;
pub mod validate;

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::{Cli, Command};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};

/// Runs one parsed command line. `today` is used when `--today`/`COACH_TODAY` are absent.
pub fn run(cli: Cli, today: NaiveDate, cwd: PathBuf) -> Result<Outcome> {
    let env = Env {
        dir: cli
            .chdir
            .clone()
            .map_or_else(|| cwd.clone(), |d| cwd.join(d)),
        today: cli.today.unwrap_or(today),
        cwd,
    };
    let result = match &cli.command {
        Command::Init(args) => commands::init::run(&env, args),
        Command::NewSession(args) => commands::new_session::run(&env, args),
        Command::Mark(args) => commands::mark::run(&env, args),
        Command::Close(args) => commands::close::run(&env, args),
        Command::Start(args) => commands::start::run(&env, args),
        Command::Decline(args) => commands::decline::run(&env, args),
        Command::Agenda(args) => commands::agenda::run(&env, args),
        Command::Prompt(args) => commands::prompt::run(&env, args),
        Command::Summary(args) => commands::summary::run(&env, args),
        Command::FollowUp(args) => commands::follow_up::run(&env, args),
        Command::Report(args) => commands::report::run(&env, args),
        Command::Status(args) => commands::status::run(&env, args),
        Command::Insights(args) => commands::insights::run(&env, args),
        Command::Commitments(args) => commands::commitments::run(&env, args),
        Command::Schedule(args) => commands::schedule::run(&env, args),
        Command::Show(args) => commands::show::run(&env, args),
        Command::Check(args) => commands::check::run(&env, args),
        Command::Templates { action } => commands::templates::run(&env, action),
        Command::Completions { shell } => commands::shell::completions(*shell),
        Command::Man(args) => commands::shell::man(&env, args),
    };
    result.map_err(|error| relative_paths(error, &env))
}

/// Shows the paths in located errors relative to the current folder.
fn relative_paths(error: Error, env: &Env) -> Error {
    match error {
        Error::Invalid(list) => Error::Invalid(
            list.into_iter()
                .map(|mut d| {
                    d.path = PathBuf::from(env.show(&d.path));
                    d
                })
                .collect(),
        ),
        other => other,
    }
}
