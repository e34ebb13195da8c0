//! `scorecard fmt [--check] PATHS…`: lay rule files out canonically.
//!
//! Only whitespace changes: every word and comment is kept (see
//! `scorecard_syntax::format`). A directory stands for every `*.rules` file
//! below it; `-` formats standard input to standard output.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use scorecard::{Diagnostic, Lang, Limits};

use crate::args::LimitFlags;
use crate::exit::{note, CliError, Exit};
use crate::files;
use crate::render::{Renderer, Snippet};

/// Arguments of `scorecard fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Rule files, or directories to search for `*.rules`; `-` reads standard input and writes standard output.
    #[arg(value_name = "PATHS", required = true)]
    pub paths: Vec<PathBuf>,
    /// Change nothing: print a diff for each file that is not formatted, and exit 1 if there is one.
    #[arg(long)]
    pub check: bool,
    /// The limits each file is read with.
    #[command(flatten)]
    pub limits: LimitFlags,
}

/// What became of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Already in the canonical layout.
    Unchanged,
    /// Rewritten (or, with `--check`, would be).
    Changed,
    /// Not formatted: it has errors, shown on stderr.
    Invalid,
}

/// Formats (or checks) every file named. Exit 1 if a file is invalid, or with `--check` if one is not
/// formatted; exit 2 if a file could not be read or written (the others are still done).
pub fn run(args: &FmtArgs) -> Result<Exit, CliError> {
    let limits = args.limits.limits();
    let (stdin_named, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = args.paths.iter().partition(|p| p.as_os_str() == "-");
    // Every path is looked up before any file is touched; each file is done once.
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let files = scorecard_suite::rule_files(&paths)
        .map_err(|e| CliError::read(&e.path, io::Error::new(io::ErrorKind::NotFound, not_found(e.reason))))?;
    let mut tally = Tally::default();
    if !stdin_named.is_empty() {
        tally.add(stdin(args.check, &limits))?;
    }
    for file in &files {
        tally.add(one_file(file, args.check, &limits))?;
    }
    note(&tally.summary(args.check));
    Ok(if tally.failed > 0 {
        Exit::Usage
    } else if tally.invalid > 0 || (args.check && tally.changed > 0) {
        Exit::Invalid
    } else {
        Exit::Success
    })
}

/// How many files ended each way.
#[derive(Debug, Default)]
struct Tally {
    unchanged: usize,
    changed: usize,
    invalid: usize,
    /// Could not be read or written.
    failed: usize,
}

impl Tally {
    /// Counts one file. A file that could not be read or written is reported
    /// and counted; only a failure to write standard output stops the command.
    fn add(&mut self, outcome: Result<Outcome, CliError>) -> Result<(), CliError> {
        let count = match outcome {
            Ok(Outcome::Unchanged) => &mut self.unchanged,
            Ok(Outcome::Changed) => &mut self.changed,
            Ok(Outcome::Invalid) => &mut self.invalid,
            Err(e @ CliError::Write(_)) => return Err(e),
            Err(e) => {
                note(&format!("scorecard: {e}"));
                &mut self.failed
            }
        };
        *count = count.saturating_add(1);
        Ok(())
    }

    fn summary(&self, check: bool) -> String {
        let Tally { unchanged, changed, invalid, failed } = self;
        let (en, zh) =
            if check { ("would be reformatted", "需要格式化") } else { ("reformatted", "已格式化") };
        let files = if *changed == 1 { "file" } else { "files" };
        let mut line = format!("{changed} {files} {en}, {unchanged} already formatted, {invalid} with errors");
        if *failed > 0 {
            line.push_str(&format!(", {failed} unreadable"));
        }
        line.push_str(&format!(" ({zh} {changed} 个，无需改动 {unchanged} 个，有错误 {invalid} 个"));
        if *failed > 0 {
            line.push_str(&format!("，无法读写 {failed} 个"));
        }
        line.push(')');
        line
    }
}

fn not_found(reason: scorecard_suite::NotFoundReason) -> String {
    match reason {
        scorecard_suite::NotFoundReason::Missing(detail) => detail,
        scorecard_suite::NotFoundReason::NoSuiteBeside(p) => p.display().to_string(),
    }
}

/// Formats one file in place, or with `check` prints its diff.
fn one_file(path: &Path, check: bool, limits: &Limits) -> Result<Outcome, CliError> {
    let bytes = files::read_rules(path, limits.max_file_bytes)?;
    let name = path.display().to_string();
    let Some(text) = formatted(&name, &bytes, limits) else { return Ok(Outcome::Invalid) };
    if text.as_bytes() == bytes.as_slice() {
        return Ok(Outcome::Unchanged);
    }
    if check {
        print_diff(&name, &String::from_utf8_lossy(&bytes), &text)?;
    } else {
        write_in_place(path, &text)?;
    }
    Ok(Outcome::Changed)
}

/// Standard input to standard output (with `check`, a diff instead).
fn stdin(check: bool, limits: &Limits) -> Result<Outcome, CliError> {
    let bound = u64::try_from(limits.max_file_bytes).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    io::stdin().lock().take(bound).read_to_end(&mut bytes).map_err(|e| CliError::read(Path::new("-"), e))?;
    let Some(text) = formatted("<stdin>", &bytes, limits) else { return Ok(Outcome::Invalid) };
    let unchanged = text.as_bytes() == bytes.as_slice();
    if check {
        if !unchanged {
            print_diff("<stdin>", &String::from_utf8_lossy(&bytes), &text)?;
        }
    } else {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    Ok(if unchanged { Outcome::Unchanged } else { Outcome::Changed })
}

/// The formatted text, or `None` after showing the file's diagnostics on stderr.
fn formatted(name: &str, bytes: &[u8], limits: &Limits) -> Option<String> {
    match scorecard::format_bytes(bytes, limits) {
        Ok(text) => Some(text),
        Err(diagnostics) => {
            show(name, bytes, &diagnostics);
            None
        }
    }
}

fn show(name: &str, bytes: &[u8], diagnostics: &[Diagnostic]) {
    // Invalid bytes become U+FFFD: offsets up to the first one (where the engine reports it) are unchanged.
    let text = String::from_utf8_lossy(bytes);
    let snippet = Snippet::new(name, &text);
    let renderer = Renderer::for_stream(&io::stderr());
    let rendered: Vec<String> = diagnostics.iter().map(|d| renderer.render(d, &snippet)).collect();
    let lang = Lang::detect(&text);
    note(&format!(
        "{}{}",
        rendered.join("\n"),
        lang.pick(format!("{name}：有错误，未格式化"), format!("{name}: not formatted, it has errors"))
    ));
}

/// A unified diff of the file against its formatted text, on stdout.
fn print_diff(name: &str, old: &str, new: &str) -> Result<(), CliError> {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = io::stdout().lock();
    write!(out, "{}", diff.unified_diff().context_radius(2).header(name, &format!("{name} (formatted)")))?;
    out.flush()?;
    Ok(())
}

/// Replaces the file through a temporary file beside it, so a failure never leaves it half written.
fn write_in_place(path: &Path, text: &str) -> Result<(), CliError> {
    let write_error = |e: io::Error| CliError::WriteFile { path: path.display().to_string(), source: e };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.fmt-tmp"));
    let permissions = std::fs::metadata(path).map_err(write_error)?.permissions();
    std::fs::write(&temp, text).map_err(write_error)?;
    let renamed = std::fs::set_permissions(&temp, permissions).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = renamed {
        let _ = std::fs::remove_file(&temp);
        return Err(write_error(e));
    }
    Ok(())
}
