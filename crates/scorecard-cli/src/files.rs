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
