//! Reading measurement records: JSON Lines or CSV streamed a record at a
//! time in constant memory, or a whole file holding one JSON object or a
//! JSON array of objects.
//!
//! `--input-format auto` (the default) reads a file named `*.csv` as CSV.
//! Otherwise, if the first non-blank line is on its own a complete JSON value
//! (other than an array), the input is JSON Lines; if not, the whole file is
//! read, within `--max-data-bytes`, and parsed as one object or one array.
//! Details are in [`is_json_lines`]. `json`, `jsonl` and `csv` skip the guess.

mod csv;
mod encoding;
mod fields;
mod lines;
mod sheet;
mod tracked;
mod whole;

use std::collections::VecDeque;
use std::io::{self, BufRead};
use std::path::Path;

use clap::ValueEnum;
use serde_json::value::RawValue;

pub use encoding::TextEncoding;
pub use fields::{Names, Places};
pub use lines::{Line, LineReader};
pub use sheet::SheetSource;
pub use tracked::Tracked;
pub use whole::Whole;

use self::csv::{CsvRows, Header};
use crate::failure::{Failure, InputProblem};

/// `--input-format`: how the data file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum InputFormat {
    /// CSV for a `*.csv` file; otherwise JSON Lines or JSON, told apart by the first line.
    #[default]
    Auto,
    /// One JSON object, or a JSON array of objects, read whole.
    Json,
    /// One JSON object a line, streamed.
    Jsonl,
    /// A header row naming inputs, then one record a row, streamed.
    Csv,
    /// A spreadsheet (.xlsx, .xls, .ods): a header row naming inputs, then one record a row.
    #[value(name = "xlsx")]
    Sheet,
}

impl InputFormat {
    /// The format to read `path` with: `auto` picks CSV for a `.csv`
    /// extension, and a spreadsheet for `.xlsx`, `.xlsm`, `.xls` and `.ods`.
    pub fn resolve(self, path: &Path) -> InputFormat {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
        match self {
            InputFormat::Auto if ext == "csv" => InputFormat::Csv,
            InputFormat::Auto if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods") => InputFormat::Sheet,
            other => other,
        }
    }
}

/// How to read the data.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Bounds on what is read into memory.
    pub bounds: Bounds,
    /// The layout, already resolved against the file name.
    pub format: InputFormat,
    /// The character encoding.
    pub encoding: TextEncoding,
    /// Which header texts name inputs (CSV and spreadsheets).
    pub names: &'a Names,
}

/// Bounds on what is read into memory.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Largest data file read whole.
    pub max_data_bytes: u64,
    /// Largest JSON Lines line or CSV row.
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

/// Records in input order, as the batch pipeline reads them.
pub trait Source {
    /// The next record, or `None` at the end of the input.
    fn next_record(&mut self) -> io::Result<Option<OwnedRecord>>;

    /// Whether reading the next record could wait for input that has not
    /// arrived yet (stdin): the records read so far should be scored first.
    fn would_wait(&self) -> bool;

    /// How far the input has been read, in the progress bar's unit (bytes
    /// of a stream, records of a whole file).
    fn position(&self) -> u64;

    /// Where each input's value sits, to name the cell of a value the engine
    /// rejects (nothing for JSON).
    fn places(&self) -> Places {
        Places::None
    }
}

/// The data, after detecting its layout.
pub enum Data {
    /// No record at all (an empty or blank input).
    Empty,
    /// JSON Lines or CSV, streamed.
    Stream(Stream),
    /// A whole file, read into memory.
    Whole(Whole),
    /// The rows of a spreadsheet.
    Sheet(SheetSource),
}

/// Detects the layout of `reader` (unless `options` names it) and prepares to read its records.
pub fn open(reader: Tracked, options: Options<'_>) -> io::Result<Data> {
    let Bounds { max_data_bytes, max_record_bytes } = options.bounds;
    let encoding = options.encoding;
    match options.format {
        InputFormat::Csv => return open_csv(reader, max_record_bytes, encoding, options.names),
        InputFormat::Jsonl => {
            let lines = LineReader::bounded(reader, max_data_bytes);
            let rows = Rows::Lines(JsonLines::new(lines, max_record_bytes, encoding));
            return Ok(Data::Stream(Stream::new(rows, None)));
        }
        // Spreadsheets are opened by path (see `SheetSource`); read as JSON otherwise.
        InputFormat::Auto | InputFormat::Json | InputFormat::Sheet => {}
    }
    // The first line is read within the file's bound, and not beyond it: an
    // endless one (`/dev/zero`) is a file too large, not a line to skip.
    let mut lines = LineReader::bounded(reader, max_data_bytes);
    let first = loop {
        match lines.read_line(max_data_bytes)? {
            None => return Ok(Data::Empty),
            Some(line) if line.is_blank() => continue,
            Some(line) => break line,
        }
    };
    let line = lines.line();
    let bytes = match first {
        Line::TooLong if options.format == InputFormat::Json => {
            return Ok(Data::Whole(Whole::too_large(line, max_data_bytes)));
        }
        Line::TooLong => {
            lines.skip_rest()?;
            let problem = Failure::Input(InputProblem::FileTooLarge { limit: max_data_bytes });
            let rows = Rows::Lines(JsonLines::new(lines, max_record_bytes, encoding));
            return Ok(Data::Stream(Stream::new(rows, Some(OwnedRecord { line, text: Err(problem) }))));
        }
        Line::Bytes(bytes) if line == 1 => lines::strip_bom(&bytes).to_vec(),
        Line::Bytes(bytes) => bytes,
    };
    if options.format == InputFormat::Auto && is_json_lines(&bytes) {
        let text = record_text(bytes, max_record_bytes, encoding);
        let rows = Rows::Lines(JsonLines::new(lines, max_record_bytes, encoding));
        return Ok(Data::Stream(Stream::new(rows, Some(OwnedRecord { line, text }))));
    }
    Whole::read(lines, bytes, max_data_bytes, encoding).map(Data::Whole)
}

/// Reads a CSV header and prepares to stream its rows.
fn open_csv(reader: Tracked, max_record_bytes: u64, encoding: TextEncoding, names: &Names) -> io::Result<Data> {
    Ok(match CsvRows::open(reader, max_record_bytes, encoding, names)? {
        Header::Empty => Data::Empty,
        Header::Failed(record) => Data::Stream(Stream::new(Rows::Ended, Some(record))),
        Header::Rows(rows) => Data::Stream(Stream::new(Rows::Csv(rows), None)),
    })
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

/// Checks one JSON Lines line: within the bound, and valid text.
fn record_text(bytes: Vec<u8>, max: u64, encoding: TextEncoding) -> Result<String, Failure> {
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max {
        return Err(Failure::Input(InputProblem::LineTooLong { limit: max }));
    }
    encoding.decode(bytes).map_err(|bad| Failure::Input(encoding.problem(bad.at.saturating_add(1))))
}

/// Records streamed one at a time, with a look-ahead to tell a batch from a single record.
pub struct Stream {
    rows: Rows,
    pending: VecDeque<OwnedRecord>,
}

/// The stream's layout.
enum Rows {
    /// JSON Lines.
    Lines(JsonLines<Tracked>),
    /// CSV after its header row.
    Csv(CsvRows<Tracked>),
    /// Nothing more to read (a CSV file whose header row is unusable).
    Ended,
}

impl Stream {
    fn new(rows: Rows, first: Option<OwnedRecord>) -> Self {
        Stream { rows, pending: first.into_iter().collect() }
    }

    /// Whether more than one record follows (reads ahead up to two records).
    pub fn is_batch(&mut self) -> io::Result<bool> {
        while self.pending.len() < 2 {
            match self.read()? {
                Some(record) => self.pending.push_back(record),
                None => break,
            }
        }
        Ok(self.pending.len() > 1)
    }

    /// The column names of a CSV header (empty for JSON Lines).
    pub fn columns(&self) -> &[String] {
        match &self.rows {
            Rows::Csv(rows) => rows.columns(),
            Rows::Lines(_) | Rows::Ended => &[],
        }
    }

    fn read(&mut self) -> io::Result<Option<OwnedRecord>> {
        match &mut self.rows {
            Rows::Lines(lines) => lines.read(),
            Rows::Csv(rows) => rows.read(),
            Rows::Ended => Ok(None),
        }
    }

    fn reader(&self) -> Option<&Tracked> {
        match &self.rows {
            Rows::Lines(lines) => Some(lines.lines.get_ref()),
            Rows::Csv(rows) => Some(rows.get_ref()),
            Rows::Ended => None,
        }
    }
}

impl Source for Stream {
    fn next_record(&mut self) -> io::Result<Option<OwnedRecord>> {
        match self.pending.pop_front() {
            Some(record) => Ok(Some(record)),
            None => self.read(),
        }
    }

    fn would_wait(&self) -> bool {
        self.pending.is_empty() && self.reader().is_some_and(Tracked::would_wait)
    }

    fn position(&self) -> u64 {
        self.reader().map_or(0, Tracked::consumed)
    }

    /// Where each input's value sits in a CSV row (nothing for JSON Lines).
    fn places(&self) -> Places {
        match &self.rows {
            Rows::Csv(rows) => Places::Csv(rows.places()),
            Rows::Lines(_) | Rows::Ended => Places::None,
        }
    }
}

/// JSON Lines records, read one line at a time.
pub struct JsonLines<R> {
    lines: LineReader<R>,
    max_record_bytes: u64,
    encoding: TextEncoding,
}

impl<R: BufRead> JsonLines<R> {
    fn new(lines: LineReader<R>, max_record_bytes: u64, encoding: TextEncoding) -> Self {
        JsonLines { lines, max_record_bytes, encoding }
    }

    /// The next non-blank line's record, or `None` at the end of the input.
    fn read(&mut self) -> io::Result<Option<OwnedRecord>> {
        loop {
            let Some(line) = self.lines.next_line(self.max_record_bytes)? else { return Ok(None) };
            if line.is_blank() {
                continue;
            }
            let text = match line {
                Line::Bytes(bytes) if self.lines.line() == 1 => {
                    record_text(lines::strip_bom(&bytes).to_vec(), self.max_record_bytes, self.encoding)
                }
                Line::Bytes(bytes) => record_text(bytes, self.max_record_bytes, self.encoding),
                Line::TooLong if self.lines.stopped() => {
                    Err(Failure::Input(InputProblem::LineNeverEnds { limit: self.lines.skip_limit() }))
                }
                Line::TooLong => Err(Failure::Input(InputProblem::LineTooLong { limit: self.max_record_bytes })),
            };
            return Ok(Some(OwnedRecord { line: self.lines.line(), text }));
        }
    }
}
