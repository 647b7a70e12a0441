//! `coach completions` and `coach man`, generated from the same clap definitions
//! as `--help`.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::commands::Outcome;
use crate::error::{Error, Result};

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "coach", &mut buffer);
    text(buffer)
}

/// The man page in roff.
pub fn man() -> Result<Outcome> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buffer)
        .map_err(|e| Error::Request(format!("cannot write the man page: {e}")))?;
    text(buffer)
}

fn text(buffer: Vec<u8>) -> Result<Outcome> {
    String::from_utf8(buffer)
        .map(Outcome::print)
        .map_err(|e| Error::Request(format!("generated text is not UTF-8: {e}")))
}
