//! Opening the files named on the command line, with size bounds.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use crate::exit::CliError;

/// Reads a rule file, stopping one byte past `max` so an oversized file is
/// reported by the engine's size check without being read whole.
pub fn read_rules(path: &Path, max: usize) -> Result<Vec<u8>, CliError> {
    let file = File::open(path).map_err(|e| CliError::read(path, e))?;
    read_bounded(file, max).map_err(|e| CliError::read(path, e))
}

/// Reads a rule file from standard input (`-`), with the same bound.
pub fn read_stdin(max: usize) -> Result<Vec<u8>, CliError> {
    read_bounded(io::stdin().lock(), max).map_err(|e| CliError::read(Path::new("<stdin>"), e))
}

/// Reads at most `max + 1` bytes.
fn read_bounded(reader: impl Read, max: usize) -> io::Result<Vec<u8>> {
    let bound = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    reader.take(bound).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens the data: a file, or standard input for `-`.
pub fn open_data(path: &Path, stdin: bool) -> Result<Box<dyn BufRead>, CliError> {
    if stdin {
        return Ok(Box::new(io::stdin().lock()));
    }
    let file = File::open(path).map_err(|e| CliError::read(path, e))?;
    Ok(Box::new(BufReader::with_capacity(64 * 1024, file)))
}

/// An error if standard output was closed (`scorecard eval … >&-`): the
/// results would be lost without a word.
///
/// Rust's runtime puts `/dev/null`, opened for reading and writing, in place
/// of a closed stdout, so writes to it succeed. A shell's `> /dev/null`
/// opens it for writing only, and is accepted.
pub fn check_stdout() -> Result<(), CliError> {
    if stdout_was_closed() {
        let closed = io::Error::other("standard output is closed (标准输出已关闭)");
        return Err(CliError::Write(closed));
    }
    Ok(())
}

#[cfg(unix)]
fn stdout_was_closed() -> bool {
    use std::os::unix::fs::MetadataExt;
    let stdout = io::stdout();
    let Ok(flags) = rustix::fs::fcntl_getfl(&stdout) else { return true };
    let read_write = flags.contains(rustix::fs::OFlags::RDWR);
    let null = std::fs::metadata("/dev/null").ok();
    let is_null = metadata(&stdout).zip(null).is_some_and(|(m, null)| (m.dev(), m.ino()) == (null.dev(), null.ino()));
    read_write && is_null
}

#[cfg(not(unix))]
fn stdout_was_closed() -> bool {
    false
}

/// What the file behind `handle` is.
#[cfg(unix)]
fn metadata(handle: &impl std::os::fd::AsFd) -> Option<std::fs::Metadata> {
    let fd = handle.as_fd().try_clone_to_owned().ok()?;
    File::from(fd).metadata().ok()
}

/// Whether stdin and stdout are both streams (a pipe or a terminal, not a
/// regular file): then every result is flushed as soon as it is ready, so a
/// live stream is answered record by record.
pub fn live_stdio() -> bool {
    !is_regular_file(&io::stdin()) && !is_regular_file(&io::stdout())
}

/// Whether `handle` is a regular file (a redirect from or to a file).
#[cfg(unix)]
fn is_regular_file(handle: &impl std::os::fd::AsFd) -> bool {
    metadata(handle).is_some_and(|m| m.is_file())
}

/// Whether `handle` is a regular file: not known here, so it is taken for a stream.
#[cfg(not(unix))]
fn is_regular_file<T>(_handle: &T) -> bool {
    false
}
