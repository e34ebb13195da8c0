//! CSV input: a header row naming inputs, then one record per row.
//!
//! Each row becomes a record the way every table row does (see
//! [`super::fields`]). Header cells are trimmed; a column with a blank header
//! is ignored, and so is a row whose cells are all blank (Excel writes `,,,`
//! for empty formatted rows) or whose first non-blank cell starts with `#`
//! (a note row, as data-entry templates have below their header).
//!
//! Quoting follows RFC 4180 as Excel writes it: a cell that starts with `"`
//! runs to the closing `"`, `""` inside it is one quote, and it may hold
//! commas and line breaks. A quote inside an unquoted cell is kept as text.
//! A record's line number is the line it starts on; the header is line 1
//! (after any blank lines). Each record is bounded by `--max-record-bytes`;
//! after a record that is too long, reading resumes at the next line.

use std::io::{self, BufRead};

use super::encoding::TextEncoding;
use super::fields::{text_field, Columns, Names};
use super::lines::{strip_bom, Line, LineReader};
use super::OwnedRecord;
use crate::failure::{Failure, InputProblem};

/// Where the scanner is within a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// At the start of a cell.
    CellStart,
    /// Inside a cell that did not start with a quote.
    Unquoted,
    /// Inside a quoted cell.
    Quoted,
    /// Just after a quote inside a quoted cell: the end of the quoting, or the first half of `""`.
    QuoteInQuoted,
}

/// What a character does to the cell being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Part of the cell's text.
    Keep,
    /// Quoting, not text.
    Skip,
    /// The comma that ends the cell.
    EndCell,
}

/// One step of the CSV state machine.
fn step(state: Scan, c: char) -> (Scan, Action) {
    match (state, c) {
        (Scan::CellStart, '"') => (Scan::Quoted, Action::Skip),
        (Scan::CellStart | Scan::Unquoted | Scan::QuoteInQuoted, ',') => (Scan::CellStart, Action::EndCell),
        (Scan::Quoted, '"') => (Scan::QuoteInQuoted, Action::Skip),
        (Scan::QuoteInQuoted, '"') | (Scan::Quoted, _) => (Scan::Quoted, Action::Keep),
        (Scan::CellStart | Scan::Unquoted | Scan::QuoteInQuoted, _) => (Scan::Unquoted, Action::Keep),
    }
}

/// The state after `bytes`. Only ASCII quotes and commas matter, and in
/// UTF-8 and GB18030 alike no byte of a multi-byte character is one of them.
fn scan_bytes(mut state: Scan, bytes: &[u8]) -> Scan {
    for &b in bytes {
        let c = if b.is_ascii() { char::from(b) } else { 'x' };
        state = step(state, c).0;
    }
    state
}

/// Splits one record's text into its cells.
pub fn split_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut state = Scan::CellStart;
    for c in text.chars() {
        let (next, action) = step(state, c);
        match action {
            Action::Keep => cell.push(c),
            Action::Skip => {}
            Action::EndCell => cells.push(std::mem::take(&mut cell)),
        }
        state = next;
    }
    cells.push(cell);
    cells
}

/// CSV records read one at a time from a stream, as JSON objects.
pub struct CsvRows<R> {
    lines: LineReader<R>,
    /// The header row, which turns rows into records.
    columns: Columns,
    max_record_bytes: u64,
    encoding: TextEncoding,
}

/// The header row, once read.
pub enum Header<R> {
    /// No header: the input is empty or blank.
    Empty,
    /// The header row itself is unusable; the failure is reported at its line.
    Failed(OwnedRecord),
    /// Ready to read rows.
    Rows(CsvRows<R>),
}

impl<R: BufRead> CsvRows<R> {
    /// Reads the header row from the start of `reader`; `names` tells which header texts name inputs.
    pub fn open(reader: R, max_record_bytes: u64, encoding: TextEncoding, names: &Names) -> io::Result<Header<R>> {
        let lines = LineReader::new(reader);
        let mut rows = CsvRows { lines, columns: Columns::default(), max_record_bytes, encoding };
        loop {
            let Some((line, header)) = rows.next_text()? else { return Ok(Header::Empty) };
            match header {
                Ok(text) => {
                    let header = split_cells(&text);
                    if is_note(&header) {
                        continue;
                    }
                    rows.columns = Columns::new(header.iter().map(String::as_str), names);
                    return Ok(Header::Rows(rows));
                }
                Err(failure) => return Ok(Header::Failed(OwnedRecord { line, text: Err(failure) })),
            }
        }
    }

    /// The header's column names, in order (blank ones left out).
    pub fn columns(&self) -> &[String] {
        self.columns.names()
    }

    /// The stream being read.
    pub fn get_ref(&self) -> &R {
        self.lines.get_ref()
    }

    /// The next row as a JSON object, or `None` at the end. Rows whose
    /// cells are all blank, and note rows, are skipped.
    pub fn read(&mut self) -> io::Result<Option<OwnedRecord>> {
        loop {
            let Some((line, text)) = self.next_text()? else { return Ok(None) };
            let text = match text {
                Ok(text) => text,
                Err(failure) => return Ok(Some(OwnedRecord { line, text: Err(failure) })),
            };
            let cells = split_cells(&text);
            if cells.iter().all(|c| c.trim().is_empty()) || is_note(&cells) {
                continue;
            }
            let fields = cells.into_iter().map(text_field).collect();
            return Ok(Some(OwnedRecord { line, text: self.columns.record(fields, text.len()) }));
        }
    }

    /// The next non-blank record's first line and decoded text: several
    /// physical lines, joined by `\n`, while a quoted cell is open.
    fn next_text(&mut self) -> io::Result<Option<(u64, Result<String, Failure>)>> {
        let mut bytes = Vec::new();
        let mut state = Scan::CellStart;
        let mut first = 0u64;
        loop {
            let used = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
            let Some(line) = self.lines.next_line(self.max_record_bytes.saturating_sub(used))? else {
                // End of input, perhaps inside an unterminated quote: what was read is the record.
                return Ok((first > 0).then(|| (first, self.decode_at(first, bytes))));
            };
            if first == 0 {
                if line.is_blank() {
                    continue;
                }
                first = self.lines.line();
            } else {
                bytes.push(b'\n');
            }
            let Line::Bytes(mut part) = line else {
                let limit = self.max_record_bytes;
                return Ok(Some((first, Err(Failure::Input(InputProblem::LineTooLong { limit })))));
            };
            if self.lines.line() == 1 {
                part = strip_bom(&part).to_vec();
            }
            state = scan_bytes(state, &part);
            bytes.append(&mut part);
            if state != Scan::Quoted {
                return Ok(Some((first, self.decode_at(first, bytes))));
            }
        }
    }

    /// Decodes the record that starts on `line`. On line 1 a byte-order mark
    /// is dropped after decoding too: GB18030 writes its own (84 31 95 33),
    /// which decodes to U+FEFF.
    fn decode_at(&self, line: u64, bytes: Vec<u8>) -> Result<String, Failure> {
        let text = self.decode(bytes)?;
        Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) if line == 1 => rest.to_owned(),
            _ => text,
        })
    }

    /// Decodes a record's bytes; a bad byte is reported by its column on its own line.
    fn decode(&self, bytes: Vec<u8>) -> Result<String, Failure> {
        self.encoding.decode(bytes).map_err(|bad| {
            let before = bad.bytes.get(..bad.at).unwrap_or_default();
            let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i.saturating_add(1));
            Failure::Input(self.encoding.problem(bad.at.saturating_sub(line_start).saturating_add(1)))
        })
    }
}

/// Whether a row is a note (its first non-blank cell starts with `#`), as templates write below the header.
fn is_note(cells: &[String]) -> bool {
    cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()).is_some_and(|c| c.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &[u8]) -> Vec<(u64, Result<String, Failure>)> {
        let Header::Rows(mut rows) = CsvRows::open(input, 1000, TextEncoding::Utf8, &Names::default()).unwrap() else {
            panic!("no header")
        };
        let mut out = Vec::new();
        while let Some(record) = rows.read().unwrap() {
            out.push((record.line, record.text));
        }
        out
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(split_cells(r#"a,"b,c","say ""hi""",,x"y"#), ["a", "b,c", r#"say "hi""#, "", r#"x"y"#]);
        assert_eq!(split_cells(""), [""]);
        assert_eq!(split_cells(r#""ab"c,d"#), ["abc", "d"]);
    }

    #[test]
    fn rows_become_json_objects_of_strings() {
        let got = rows("\u{feff}cases, rate ,\r\n1500000,92.5%,ignored\r\n\r\n,\"1,5\"\r\n".as_bytes());
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], (2, Ok(r#"{"cases":"1500000","rate":"92.5%"}"#.to_owned())));
        assert_eq!(got[1], (4, Ok(r#"{"cases":null,"rate":"1,5"}"#.to_owned())));
    }

    #[test]
    fn a_quoted_line_break_continues_the_record() {
        let got = rows(b"a,b\n\"x\ny\",2\n3,4\n");
        assert_eq!(got[0], (2, Ok("{\"a\":\"x\\ny\",\"b\":\"2\"}".to_owned())));
        assert_eq!(got[1].0, 4);
    }

    #[test]
    fn wrong_widths_and_long_rows_are_failures_in_place() {
        let long = format!("a,b\n1,2,3\n{}\n5,6\n", "9".repeat(2000));
        let got = rows(long.as_bytes());
        assert_eq!(got[0].1, Err(Failure::Input(InputProblem::CsvCells { found: 3, expected: 2 })));
        assert_eq!(got[1].1, Err(Failure::Input(InputProblem::LineTooLong { limit: 1000 })));
        assert_eq!(got[2], (4, Ok(r#"{"a":"5","b":"6"}"#.to_owned())));
    }

    #[test]
    fn invalid_text_names_the_byte() {
        let got = rows(b"a\nok\nx\xff\n");
        assert_eq!(got[1], (3, Err(Failure::Input(InputProblem::InvalidUtf8 { byte: 2 }))));
    }

    #[test]
    fn an_empty_input_has_no_header() {
        assert!(matches!(
            CsvRows::open(&b"\n \n"[..], 100, TextEncoding::Utf8, &Names::default()).unwrap(),
            Header::Empty
        ));
    }
}
