//! The `scorecard` command: check rule files and score measurements.
//!
//! - `scorecard check RULES` prints every diagnostic with a source snippet.
//! - `scorecard eval RULES --data FILE [--format table|json|jsonl]` scores records.
//! - `scorecard explain-error CODE [--lang zh|en]` explains a diagnostic code.
//! - `scorecard test [PATHS…] [--bless]` runs the regression suites beside rule files.
//! - `scorecard fmt [--check] PATHS…` lays rule files out canonically.
//! - `scorecard import TABLE [-o FILE]` writes a draft rule file from a 绩效目标表.
//! - `scorecard template RULES [--format csv|xlsx] [-o FILE]` writes the data-entry sheet.
//! - `scorecard serve [DIR|FILE]` serves the workbench in the browser.
//! - `scorecard completions SHELL` and `scorecard man` print a completion script and the manual page.
//!
//! Exit codes: 0 ok (warnings allowed); 1 invalid rules or data; 2 usage
//! error or a file that cannot be read.

mod args;
mod check;
mod completions;
mod eval;
mod exit;
mod explain_cmd;
mod explain_error;
mod failure;
mod files;
mod fmt_cmd;
mod import_cmd;
mod input;
mod lsp_cmd;
mod output;
mod render;
mod rules;
mod serve_cmd;
mod template_cmd;
mod test_cmd;
mod text;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};
use crate::exit::{note, Exit};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Eval(args) => eval::run(args),
        Command::ExplainError(args) => explain_error::run(args),
        Command::Test(args) => test_cmd::run(args),
        Command::Explain(args) => explain_cmd::run(args),
        Command::Fmt(args) => fmt_cmd::run(args),
        Command::Lsp => lsp_cmd::run(),
        Command::Import(args) => import_cmd::run(args),
        Command::Template(args) => template_cmd::run(args),
        Command::Serve(args) => serve_cmd::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man => completions::man(),
    };
    match result {
        Ok(exit) => exit.into(),
        Err(e) if e.is_broken_pipe() => Exit::Success.into(),
        Err(e) => {
            note(&format!("scorecard: {e}"));
            Exit::Usage.into()
        }
    }
}
