//! A data file read whole: one JSON object, or a JSON array of objects.

use std::io::{self, BufRead};

use scorecard::{DataError, DataErrorKind, Lang, RecordError};
use serde_json::value::RawValue;

use super::LineReader;
use crate::failure::{Failure, InputProblem};

/// A whole data file, read within the size bound.
#[derive(Debug)]
pub enum Whole {
    /// One JSON object (or anything that is not an array): a single record.
    Object {
        /// The line it starts on.
        line: u64,
        /// The file's text; blank lines before the record are kept so JSON error lines match the file.
        text: String,
    },
    /// A JSON array: one record per element.
    Array {
        /// The file's text.
        text: String,
    },
    /// The file could not be read as text.
    Failed {
        /// The line of the problem.
        line: u64,
        /// What went wrong.
        failure: Failure,
        /// Whether the file looked like an array.
        batch: bool,
    },
}

impl Whole {
    /// Reads the rest of the file after its first non-blank line `first`.
    pub fn read<R: BufRead>(mut lines: LineReader<R>, first: Vec<u8>, max: u64) -> io::Result<Whole> {
        let line = lines.line();
        let batch = first.trim_ascii_start().starts_with(b"[");
        let too_large =
            |line| Whole::Failed { line, failure: Failure::Input(InputProblem::FileTooLarge { limit: max }), batch };
        let blanks = line.saturating_sub(1);
        let used = blanks.saturating_add(u64::try_from(first.len()).unwrap_or(u64::MAX)).saturating_add(1);
        let (Some(room), Ok(blanks)) = (max.checked_sub(used), usize::try_from(blanks)) else {
            return Ok(too_large(line));
        };
        let mut buf = vec![b'\n'; blanks];
        buf.extend_from_slice(&first);
        buf.push(b'\n');
        if !lines.read_rest(&mut buf, room)? {
            return Ok(too_large(line));
        }
        Ok(match String::from_utf8(buf) {
            Ok(text) if batch => Whole::Array { text },
            Ok(text) => Whole::Object { line, text },
            Err(e) => invalid_utf8(e.as_bytes(), e.utf8_error().valid_up_to(), batch),
        })
    }

    /// Whether the file is a batch (an array), as opposed to a single record.
    pub fn is_batch(&self) -> bool {
        match self {
            Whole::Object { .. } => false,
            Whole::Array { .. } => true,
            Whole::Failed { batch, .. } => *batch,
        }
    }

    /// Calls `f` with each record's line and text, in input order.
    pub fn for_each<F>(&self, lang: Lang, mut f: F) -> io::Result<()>
    where
        F: FnMut(u64, Result<&str, &Failure>) -> io::Result<()>,
    {
        match self {
            Whole::Object { line, text } => f(*line, Ok(text)),
            Whole::Failed { line, failure, .. } => f(*line, Err(failure)),
            Whole::Array { text } => match serde_json::from_str::<Vec<&RawValue>>(text) {
                Ok(items) => each_item(text, &items, f),
                Err(e) => f(line_u64(e.line()), Err(&json_failure(&e, lang))),
            },
        }
    }
}

/// Calls `f` on each array element with the line it starts on.
fn each_item<F>(text: &str, items: &[&RawValue], mut f: F) -> io::Result<()>
where
    F: FnMut(u64, Result<&str, &Failure>) -> io::Result<()>,
{
    let base = text.as_ptr() as usize;
    let (mut line, mut at) = (1u64, 0usize);
    for item in items {
        let start = (item.get().as_ptr() as usize).checked_sub(base).unwrap_or(at).max(at);
        let newlines = text.get(at..start).map_or(0, |s| s.bytes().filter(|b| *b == b'\n').count());
        line = line.saturating_add(u64::try_from(newlines).unwrap_or(0));
        at = start;
        f(line, Ok(item.get()))?;
    }
    Ok(())
}

/// An array that is not valid JSON, as the engine's own JSON error.
fn json_failure(e: &serde_json::Error, lang: Lang) -> Failure {
    let kind = DataErrorKind::Json { detail: e.to_string(), line: e.line(), column: e.column() };
    Failure::Record(RecordError { errors: vec![DataError { kind, input: None, indicators: Vec::new(), lang }] })
}

/// Invalid UTF-8 at byte `at` of the file.
fn invalid_utf8(bytes: &[u8], at: usize, batch: bool) -> Whole {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i.saturating_add(1));
    let lines = before.iter().filter(|b| **b == b'\n').count();
    let byte = at.saturating_sub(line_start).saturating_add(1);
    let line = line_u64(lines.saturating_add(1));
    Whole::Failed { line, failure: Failure::Input(InputProblem::InvalidUtf8 { byte }), batch }
}

fn line_u64(line: usize) -> u64 {
    u64::try_from(line).unwrap_or(u64::MAX)
}
