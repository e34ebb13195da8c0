//! Reading measurement records: JSON Lines streamed line by line, or a whole
//! file holding one JSON object or a JSON array of objects.
//!
//! Detection: if the first non-blank line is on its own a complete JSON value
//! (other than an array), the input is JSON Lines; otherwise the whole file is
//! read, within `--max-data-bytes`, and parsed as one object or one array.
//! Details are in [`is_json_lines`].

mod lines;
mod whole;

use std::collections::VecDeque;
use std::io::{self, BufRead};

use serde_json::value::RawValue;

pub use lines::{Line, LineReader};
pub use whole::Whole;

use crate::failure::{Failure, InputProblem};

/// Bounds on what is read into memory.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Largest data file read whole.
    pub max_data_bytes: u64,
    /// Largest JSON Lines line.
    pub max_record_bytes: u64,
}

/// One record as read: its 1-based line number, and its JSON text or why it could not be read.
#[derive(Debug)]
pub struct OwnedRecord {
    /// The line the record starts on.
    pub line: u64,
    /// The record's JSON text.
    pub text: Result<String, Failure>,
}

/// The data, after detecting its layout.
pub enum Data<R> {
    /// No record at all (an empty or blank input).
    Empty,
    /// JSON Lines, streamed.
    Lines(JsonLines<R>),
    /// A whole file, read into memory.
    Whole(Whole),
}

/// Detects the layout of `reader` and prepares to read its records.
pub fn open<R: BufRead>(reader: R, bounds: Bounds) -> io::Result<Data<R>> {
    let mut lines = LineReader::new(reader);
    let first = loop {
        match lines.next_line(bounds.max_data_bytes)? {
            None => return Ok(Data::Empty),
            Some(line) if line.is_blank() => continue,
            Some(line) => break line,
        }
    };
    let line = lines.line();
    let bytes = match first {
        Line::TooLong => {
            let problem = Failure::Input(InputProblem::FileTooLarge { limit: bounds.max_data_bytes });
            return Ok(Data::Lines(JsonLines::new(lines, bounds, OwnedRecord { line, text: Err(problem) })));
        }
        Line::Bytes(bytes) if line == 1 => lines::strip_bom(&bytes).to_vec(),
        Line::Bytes(bytes) => bytes,
    };
    if is_json_lines(&bytes) {
        let text = record_text(bytes, bounds.max_record_bytes);
        return Ok(Data::Lines(JsonLines::new(lines, bounds, OwnedRecord { line, text })));
    }
    Whole::read(lines, bytes, bounds.max_data_bytes).map(Data::Whole)
}

/// Whether a first line makes the input JSON Lines: it is a complete JSON
/// value on its own, and not an array (a one-line array is a batch). A line
/// that is broken before its end (not merely cut short) cannot start a valid
/// multi-line document either, so it too is read as a bad first record, and
/// the records after it are still scored.
fn is_json_lines(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    if text.trim_start().starts_with('[') {
        return false;
    }
    match serde_json::from_str::<&RawValue>(&text) {
        Ok(_) => true,
        Err(e) => e.classify() != serde_json::error::Category::Eof,
    }
}

/// Checks one JSON Lines line: within the bound, and UTF-8.
fn record_text(bytes: Vec<u8>, max: u64) -> Result<String, Failure> {
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max {
        return Err(Failure::Input(InputProblem::LineTooLong { limit: max }));
    }
    String::from_utf8(bytes)
        .map_err(|e| Failure::Input(InputProblem::InvalidUtf8 { byte: e.utf8_error().valid_up_to().saturating_add(1) }))
}

/// JSON Lines records, read one line at a time.
pub struct JsonLines<R> {
    lines: LineReader<R>,
    max_record_bytes: u64,
    pending: VecDeque<OwnedRecord>,
}

impl<R: BufRead> JsonLines<R> {
    fn new(lines: LineReader<R>, bounds: Bounds, first: OwnedRecord) -> Self {
        JsonLines { lines, max_record_bytes: bounds.max_record_bytes, pending: VecDeque::from([first]) }
    }

    /// Whether more than one record follows (reads ahead one record).
    pub fn is_batch(&mut self) -> io::Result<bool> {
        while self.pending.len() < 2 {
            match self.read()? {
                Some(record) => self.pending.push_back(record),
                None => break,
            }
        }
        Ok(self.pending.len() > 1)
    }

    /// The next record, or `None` at the end of the input.
    pub fn next_record(&mut self) -> io::Result<Option<OwnedRecord>> {
        match self.pending.pop_front() {
            Some(record) => Ok(Some(record)),
            None => self.read(),
        }
    }

    fn read(&mut self) -> io::Result<Option<OwnedRecord>> {
        loop {
            let Some(line) = self.lines.next_line(self.max_record_bytes)? else { return Ok(None) };
            if line.is_blank() {
                continue;
            }
            let text = match line {
                Line::Bytes(bytes) => record_text(bytes, self.max_record_bytes),
                Line::TooLong => Err(Failure::Input(InputProblem::LineTooLong { limit: self.max_record_bytes })),
            };
            return Ok(Some(OwnedRecord { line: self.lines.line(), text }));
        }
    }
}
