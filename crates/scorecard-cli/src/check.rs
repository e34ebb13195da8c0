//! `scorecard check RULES`: every diagnostic of a rule file, then a summary.

use std::io::{self, Write};

use crate::args::CheckArgs;
use crate::exit::{CliError, Exit};
use crate::render::Renderer;
use crate::rules;

/// Checks the rule file; the report goes to stdout. Exit 1 if there is an error.
pub fn run(args: &CheckArgs) -> Result<Exit, CliError> {
    let compiled = rules::compile(&args.rules)?;
    let stdout = io::stdout();
    let renderer = Renderer::for_stream(&stdout);
    let mut out = stdout.lock();
    let rendered = compiled.render(&renderer);
    if !rendered.is_empty() {
        writeln!(out, "{rendered}")?;
    }
    writeln!(out, "{}", compiled.summary())?;
    out.flush()?;
    Ok(if compiled.result.is_ok() { Exit::Success } else { Exit::Invalid })
}
