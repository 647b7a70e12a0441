//! `coach completions` and `coach man`, generated from the same clap definitions
//! as `--help`.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::commands::{Env, Outcome};
use crate::error::{Error, Result};
use crate::fsio;

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "coach", &mut buffer);
    text(buffer)
}

/// The man page of coach or of one subcommand in roff; with `--out-dir`, every
/// page written as a file.
pub fn man(env: &Env, args: &ManArgs) -> Result<Outcome> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    if let Some(dir) = &args.out_dir {
        let (base, folder) = fsio::rebase_on_existing(&env.dir.join(dir))?;
        let mut written = String::new();
        for page in pages(&root) {
            let path = folder.join(page.get_filename());
            fsio::write_atomic(&base, &path, &roff(&page)?, args.force)?;
            written.push_str(&format!("{}\n", env.show(&path)));
        }
        return Ok(Outcome::print(written));
    }
    let mut command = &root;
    for word in &args.subcommand {
        command = command.find_subcommand(word).ok_or_else(|| {
            let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
            Error::Request(format!(
                "no subcommand `{word}`{} (subcommands: {})",
                crate::suggest::did_you_mean(word, names.iter().copied()),
                names.join(", ")
            ))
        })?;
    }
    text(roff(&page(command))?)
}

/// The page of one command, with coach's name and version as its source.
fn page(command: &clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(command.clone()).source(format!("coach {}", env!("CARGO_PKG_VERSION")))
}

/// The page of `command` and of each of its subcommands, at any depth.
fn pages(command: &clap::Command) -> Vec<clap_mangen::Man> {
    let mut all = vec![page(command)];
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        all.extend(pages(sub));
    }
    all
}

fn roff(page: &clap_mangen::Man) -> Result<Vec<u8>> {
    let mut buffer = Vec::new();
    page.render(&mut buffer)
        .map_err(|e| Error::Request(format!("cannot write the man page: {e}")))?;
    Ok(buffer)
}

fn text(buffer: Vec<u8>) -> Result<Outcome> {
    String::from_utf8(buffer)
        .map(Outcome::print)
        .map_err(|e| Error::Request(format!("generated text is not UTF-8: {e}")))
}
