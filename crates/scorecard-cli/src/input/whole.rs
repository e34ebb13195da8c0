//! A data file read whole: one JSON object, or a JSON array of objects.

use std::io::{self, BufRead};

use scorecard::{DataError, DataErrorKind, Lang, RecordError};
use serde_json::value::RawValue;

use super::{LineReader, OwnedRecord, Source, TextEncoding};
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
    pub fn read<R: BufRead>(
        mut lines: LineReader<R>,
        first: Vec<u8>,
        max: u64,
        encoding: TextEncoding,
    ) -> io::Result<Whole> {
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
        Ok(match encoding.decode(buf).map(lone_cr_to_lf) {
            Ok(text) if batch => Whole::Array { text },
            Ok(text) => Whole::Object { line, text },
            Err(bad) => invalid_text(&bad.bytes, bad.at, batch, encoding),
        })
    }

    /// A file whose first line alone is larger than `max` bytes.
    pub fn too_large(line: u64, max: u64) -> Whole {
        Whole::Failed { line, failure: Failure::Input(InputProblem::FileTooLarge { limit: max }), batch: false }
    }

    /// Whether the file is a batch (an array), as opposed to a single record.
    pub fn is_batch(&self) -> bool {
        match self {
            Whole::Object { .. } => false,
            Whole::Array { .. } => true,
            Whole::Failed { batch, .. } => *batch,
        }
    }

    /// Each record's line and text, in input order.
    pub fn records(&self, lang: Lang) -> WholeRecords<'_> {
        let (one, items, text) = match self {
            Whole::Object { line, text } => (Some(owned(*line, Ok(text.clone()))), Vec::new(), ""),
            Whole::Failed { line, failure, .. } => (Some(owned(*line, Err(failure.clone()))), Vec::new(), ""),
            Whole::Array { text } => match serde_json::from_str::<Vec<&RawValue>>(text) {
                Ok(items) => (None, items, text.as_str()),
                Err(e) => (Some(owned(line_u64(e.line()), Err(json_failure(&e, lang)))), Vec::new(), ""),
            },
        };
        let total = u64::try_from(items.len()).unwrap_or(u64::MAX).max(u64::from(one.is_some()));
        WholeRecords { one, items: items.into_iter(), text, line: 1, at: 0, done: 0, total }
    }
}

fn owned(line: u64, text: Result<String, Failure>) -> OwnedRecord {
    OwnedRecord { line, text }
}

/// The records of a whole file, one at a time, each with the line it starts on.
pub struct WholeRecords<'a> {
    /// A single record (an object, or why the file could not be read).
    one: Option<OwnedRecord>,
    /// The elements of an array.
    items: std::vec::IntoIter<&'a RawValue>,
    /// The array's text, to count lines in.
    text: &'a str,
    /// The line of the last element, and the byte offset it starts at.
    line: u64,
    at: usize,
    /// Records handed out so far, and how many there are.
    done: u64,
    total: u64,
}

impl WholeRecords<'_> {
    /// How many records there are.
    pub fn len(&self) -> u64 {
        self.total
    }
}

impl Source for WholeRecords<'_> {
    fn next_record(&mut self) -> io::Result<Option<OwnedRecord>> {
        let record = match self.one.take() {
            Some(record) => record,
            None => {
                let Some(item) = self.items.next() else { return Ok(None) };
                let base = self.text.as_ptr() as usize;
                let start = (item.get().as_ptr() as usize).checked_sub(base).unwrap_or(self.at).max(self.at);
                let newlines = self.text.get(self.at..start).map_or(0, |s| s.bytes().filter(|b| *b == b'\n').count());
                self.line = self.line.saturating_add(u64::try_from(newlines).unwrap_or(0));
                self.at = start;
                owned(self.line, Ok(item.get().to_owned()))
            }
        };
        self.done = self.done.saturating_add(1);
        Ok(Some(record))
    }

    fn would_wait(&self) -> bool {
        false
    }

    fn position(&self) -> u64 {
        self.done
    }
}

/// An array that is not valid JSON, as the engine's own JSON error.
fn json_failure(e: &serde_json::Error, lang: Lang) -> Failure {
    let kind = DataErrorKind::Json { detail: e.to_string(), line: e.line(), column: e.column() };
    Failure::Record(RecordError::from(DataError::new(kind, lang)))
}

/// Invalid text at byte `at` of the file.
fn invalid_text(bytes: &[u8], at: usize, batch: bool, encoding: TextEncoding) -> Whole {
    let before = bytes.get(..at).unwrap_or(bytes);
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i.saturating_add(1));
    let lines = before.iter().filter(|b| **b == b'\n').count();
    let byte = at.saturating_sub(line_start).saturating_add(1);
    let line = line_u64(lines.saturating_add(1));
    Whole::Failed { line, failure: Failure::Input(encoding.problem(byte)), batch }
}

/// A lone CR (an old Mac line break) as LF, so that JSON's line numbers and
/// the record lines counted here agree with the file's lines for CR, CRLF
/// and LF alike. Both are JSON whitespace, and a raw CR inside a string is an
/// error either way, so the records read are the same; offsets do not move.
fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') { '\n' } else { c });
    }
    out
}

fn line_u64(line: usize) -> u64 {
    u64::try_from(line).unwrap_or(u64::MAX)
}
