//! Exit codes, errors that end the command, and writing notes to stderr.

use std::io::{self, Write};
use std::process::ExitCode;

/// How the command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything was valid (warnings allowed): exit 0.
    Success,
    /// Invalid rules or invalid data: exit 1.
    Invalid,
    /// A usage error or a file that cannot be read or written: exit 2.
    Usage,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        match exit {
            Exit::Success => ExitCode::SUCCESS,
            Exit::Invalid => ExitCode::from(1),
            Exit::Usage => ExitCode::from(2),
        }
    }
}

/// An error that stops the command before it is done.
#[derive(Debug)]
pub enum CliError {
    /// A named file (or stdin) could not be opened or read.
    Read {
        /// The path as given on the command line.
        path: String,
        /// What went wrong.
        source: io::Error,
    },
    /// Standard output could not be written.
    Write(io::Error),
    /// A named file could not be written.
    WriteFile {
        /// The path as given on the command line.
        path: String,
        /// What went wrong.
        source: io::Error,
    },
}

impl CliError {
    /// A read error for `path`.
    pub fn read(path: &std::path::Path, source: io::Error) -> CliError {
        CliError::Read { path: path.display().to_string(), source }
    }

    /// Whether this is a closed pipe on stdout (e.g. `scorecard eval … | head`), which is not worth reporting.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> CliError {
        CliError::Write(e)
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Read { path, source } => write!(f, "cannot read `{path}`: {}", describe(source)),
            CliError::Write(e) => write!(f, "cannot write the output: {e}"),
            CliError::WriteFile { path, source } => write!(f, "cannot write `{path}`: {}", describe_write(source)),
        }
    }
}

/// A short bilingual description of common I/O failures.
fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file (文件不存在)".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied (没有读取权限)".to_owned(),
        io::ErrorKind::IsADirectory => "it is a directory (这是一个目录)".to_owned(),
        _ => e.to_string(),
    }
}

/// A short bilingual description of a failure to write.
fn describe_write(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied if e.get_ref().is_none() => "permission denied (没有写入权限)".to_owned(),
        io::ErrorKind::IsADirectory => "it is a directory (这是一个目录)".to_owned(),
        _ => e.to_string(),
    }
}

/// Writes one line to stderr. Failing to write to stderr is ignored: there
/// is nowhere left to report it, and it must not panic.
pub fn note(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
