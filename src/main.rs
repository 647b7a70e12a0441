//! The `coach` binary: parse the command line, run it, map the result to an exit code.

use std::io::Write;
use std::process::ExitCode;

use coach::error::Error;
use coach::printable::terminal;
use coach::render::diagnostics;

fn main() -> ExitCode {
    let cli = match coach::cli::Cli::parse_checked() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    // The wall clock only when no day was given: reading the time zone costs a file.
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let cwd = match std::env::current_dir() {
        Ok(cwd) => cwd,
        Err(e) => {
            eprintln!("coach: cannot read the current folder: {e}");
            return ExitCode::from(1);
        }
    };
    match coach::run(cli, today, cwd) {
        Ok(outcome) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`coach status | head`) is not an error worth a message.
            let _ = stdout
                .write_all(terminal(&outcome.stdout).as_bytes())
                .and_then(|()| stdout.flush());
            eprint!("{}", terminal(&outcome.stderr));
            if outcome.failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(Error::Invalid(problems)) => {
            // Paths are shown from the current folder, so they read from there.
            let read = |path: &std::path::Path| coach::fsio::read_text(path).ok();
            eprint!("{}", diagnostics::human(&problems, &read));
            ExitCode::from(1)
        }
        Err(error) => {
            eprintln!("{}", terminal(&format!("coach: error: {error}")));
            ExitCode::from(1)
        }
    }
}

/// Prints clap's message (help, version, or bad usage, which echoes the value given)
/// with control characters escaped, and exits with clap's code (2 for bad usage).
fn usage_error(error: &clap::Error) -> ExitCode {
    let rendered = error.render().to_string();
    let text = terminal(&rendered);
    if error.use_stderr() {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}
