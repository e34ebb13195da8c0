//! `scorecard fmt [--check] PATHS…`: lay rule files out canonically.
//!
//! Only whitespace changes: every word and comment is kept (see
//! `scorecard_syntax::format`). A directory stands for every `*.rules` file
//! below it; `-` formats standard input to standard output.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use std::time::Duration;

use scorecard::{Diagnostic, FormatError, Lang, Limits};

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
    /// Not formatted: it has errors (or would outgrow the size limit), shown on stderr.
    Invalid,
    /// Not formatted: the formatter could not vouch for its result (a bug), shown on stderr.
    Failed,
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
    /// Could not be read, written, or formatted safely.
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
            Ok(Outcome::Failed) => &mut self.failed,
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
            line.push_str(&format!(", {failed} failed"));
        }
        line.push_str(&format!(" ({zh} {changed} 个，无需改动 {unchanged} 个，有错误 {invalid} 个"));
        if *failed > 0 {
            line.push_str(&format!("，失败 {failed} 个"));
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
    let bytes = files::read_rules(path, limits.max_file_bytes())?;
    let name = path.display().to_string();
    let text = match formatted(&name, &bytes, limits) {
        Ok(text) => text,
        Err(outcome) => return Ok(outcome),
    };
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
    let bound = u64::try_from(limits.max_file_bytes()).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    io::stdin().lock().take(bound).read_to_end(&mut bytes).map_err(|e| CliError::read(Path::new("-"), e))?;
    let text = match formatted("<stdin>", &bytes, limits) {
        Ok(text) => text,
        Err(outcome) => return Ok(outcome),
    };
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

/// The formatted text, or what became of the file after saying why on stderr.
fn formatted(name: &str, bytes: &[u8], limits: &Limits) -> Result<String, Outcome> {
    let lang = || Lang::detect(&String::from_utf8_lossy(bytes));
    match scorecard::format_bytes(bytes, limits) {
        Ok(text) => Ok(text),
        Err(FormatError::Invalid(diagnostics)) => {
            show(name, bytes, &diagnostics);
            Err(Outcome::Invalid)
        }
        Err(FormatError::TooLarge { bytes, limit }) => {
            note(&lang().pick(
                format!("{name}：格式化后将有 {bytes} 字节，超过 {limit} 字节的上限，未格式化（可调高 --max-file-bytes）"),
                format!(
                    "{name}: not formatted: it would be {bytes} bytes, over the limit of {limit} (raise --max-file-bytes)"
                ),
            ));
            Err(Outcome::Invalid)
        }
        Err(FormatError::Internal { at }) => {
            let at = at.map(|a| format!(" (byte {a})")).unwrap_or_default();
            note(&format!(
                "{name}: internal error: formatting would change what the file says{at}, so it was left as it is; \
                 please report this with the file (内部错误：格式化会改变文件的含义，文件保持原样；请附上文件报告此问题)"
            ));
            Err(Outcome::Failed)
        }
        Err(other) => {
            note(&format!("{name}: {other}"));
            Err(Outcome::Failed)
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

/// A unified diff of the file against its formatted text, on stdout. The
/// diff gives up on finding the smallest edit after a second, so a huge file
/// gets a longer diff rather than a long wait.
fn print_diff(name: &str, old: &str, new: &str) -> Result<(), CliError> {
    let diff = similar::TextDiff::configure().timeout(Duration::from_secs(1)).diff_lines(old, new);
    let mut out = io::stdout().lock();
    write!(out, "{}", diff.unified_diff().context_radius(2).header(name, &format!("{name} (formatted)")))?;
    out.flush()?;
    Ok(())
}

/// Replaces the file's text. A symbolic link is followed, so the file it
/// points at is formatted and the link stays a link; a read-only file is
/// refused. The text goes to a new temporary file beside the file, which
/// then replaces it, so a failure never leaves the file half written; a file
/// with several hard links is written in place instead, so that every name
/// keeps seeing it.
fn write_in_place(path: &Path, text: &str) -> Result<(), CliError> {
    let error = |at: &Path, e: io::Error| CliError::WriteFile { path: at.display().to_string(), source: e };
    let target = std::fs::canonicalize(path).map_err(|e| error(path, e))?;
    let meta = std::fs::metadata(&target).map_err(|e| error(path, e))?;
    if meta.permissions().readonly() {
        let e = io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only (文件为只读)");
        return Err(error(path, e));
    }
    if hard_links(&meta) > 1 {
        return std::fs::write(&target, text).map_err(|e| error(path, e));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let (temp, mut file) = temp_beside(&target).map_err(|e| error(dir, e))?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| std::fs::set_permissions(&temp, meta.permissions()))
        .and_then(|()| std::fs::rename(&temp, &target));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(error(path, e));
    }
    Ok(())
}

/// A new file beside `target`, created only if no file of that name exists
/// (so an existing file or link is never written through).
fn temp_beside(target: &Path) -> io::Result<(PathBuf, std::fs::File)> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut last = io::Error::new(io::ErrorKind::AlreadyExists, "no free temporary name");
    for n in 0..100u32 {
        let temp = target.with_file_name(format!(".{name}.{}.{n}.fmt-tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// How many names the file has (1 where the platform does not say).
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(meta)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}
