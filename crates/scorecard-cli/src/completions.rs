//! `scorecard completions SHELL` and `scorecard man`: generated from the
//! argument definitions, so they never drift from `--help`.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::args::Cli;
use crate::exit::{CliError, Exit};

/// Arguments of `scorecard completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Writes the completion script for the shell to stdout.
pub fn run(args: &CompletionsArgs) -> Result<Exit, CliError> {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "scorecard", &mut out);
    out.flush()?;
    Ok(Exit::Success)
}

/// Writes the manual page, with a section for every subcommand, to stdout.
pub fn man() -> Result<Exit, CliError> {
    let command = Cli::command();
    let mut out = io::stdout().lock();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_arguments().next().is_some()) {
        writeln!(out, ".SH \"SCORECARD {}\"", sub.get_name().to_uppercase())?;
        if let Some(about) = sub.get_about() {
            writeln!(out, "{}", about.to_string().replace('\\', "\\\\"))?;
        }
        clap_mangen::Man::new(sub.clone()).render_options_section(&mut out)?;
    }
    out.flush()?;
    Ok(Exit::Success)
}
