//! `scorecard check RULES`: every diagnostic of a rule file, then a summary,
//! on stderr (where diagnostics belong, so stdout stays free for data); with
//! `--format json`, one JSON object on stdout as well.

use std::io::{self, Write};

use scorecard::{LocatedDiagnostic, Severity, SCHEMA_VERSION};
use serde::Serialize;

use crate::args::{CheckArgs, CheckFormat};
use crate::exit::{CliError, Exit};
use crate::render::Renderer;
use crate::rules::{self, Compiled};

/// Checks the rule file. Exit 1 if there is an error.
pub fn run(args: &CheckArgs) -> Result<Exit, CliError> {
    let compiled = rules::compile(&args.rules)?;
    let stderr = io::stderr();
    write_text(&compiled, &Renderer::for_stream(&stderr), &mut stderr.lock())?;
    match args.format {
        CheckFormat::Text => {}
        CheckFormat::Json => {
            let mut out = io::stdout().lock();
            serde_json::to_writer(&mut out, &Checked::of(&compiled)).map_err(io::Error::other)?;
            writeln!(out)?;
            out.flush()?;
        }
    }
    Ok(if compiled.result.is_ok() { Exit::Success } else { Exit::Invalid })
}

/// The diagnostics with their snippets, then the summary line.
fn write_text(compiled: &Compiled, renderer: &Renderer, out: &mut impl Write) -> Result<(), CliError> {
    let rendered = compiled.render(renderer);
    if !rendered.is_empty() {
        writeln!(out, "{rendered}")?;
    }
    writeln!(out, "{}", compiled.summary())?;
    out.flush()?;
    Ok(())
}

/// The JSON form of `scorecard check` (docs/schemas/check.schema.json).
#[derive(Serialize)]
struct Checked<'a> {
    schema_version: u32,
    file: &'a str,
    ok: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<LocatedDiagnostic>,
}

impl<'a> Checked<'a> {
    fn of(compiled: &'a Compiled) -> Self {
        let diagnostics = compiled.located();
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        Checked {
            schema_version: SCHEMA_VERSION,
            file: &compiled.name,
            ok: compiled.result.is_ok(),
            errors,
            warnings: diagnostics.len().saturating_sub(errors),
            diagnostics,
        }
    }
}
