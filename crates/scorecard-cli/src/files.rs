//! Opening the files named on the command line, with size bounds.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use crate::exit::CliError;

/// Reads a rule file, stopping one byte past `max` so an oversized file is
/// reported by the engine's size check without being read whole.
pub fn read_rules(path: &Path, max: usize) -> Result<Vec<u8>, CliError> {
    let file = File::open(path).map_err(|e| CliError::read(path, e))?;
    let bound = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    file.take(bound).read_to_end(&mut bytes).map_err(|e| CliError::read(path, e))?;
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
