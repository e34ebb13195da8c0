//! CSV input: a header row of input keys, then one record per row.
//!
//! Each row becomes a JSON object whose values are JSON strings, so the
//! engine reads every value exactly, units included (`92.5%`, `152.3万件`);
//! no number passes through a float. An empty (or blank) cell is `null`, a
//! missing value, which the engine reports if an indicator needs it. Header
//! cells are trimmed; a column with a blank header is ignored, and so is a
//! row whose cells are all blank (Excel writes `,,,` for empty formatted rows).
//!
//! Quoting follows RFC 4180 as Excel writes it: a cell that starts with `"`
//! runs to the closing `"`, `""` inside it is one quote, and it may hold
//! commas and line breaks. A quote inside an unquoted cell is kept as text.
//! A record's line number is the line it starts on; the header is line 1
//! (after any blank lines). Each record is bounded by `--max-record-bytes`;
//! after a record that is too long, reading resumes at the next line.

use std::io::{self, BufRead};

use super::encoding::TextEncoding;
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
    /// The header's column names (trimmed, blank ones left out).
    names: Vec<String>,
    /// Each column's key as a JSON string followed by `:`, or `None` to ignore the column.
    keys: Vec<Option<String>>,
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
    /// Reads the header row from the start of `reader`.
    pub fn open(reader: R, max_record_bytes: u64, encoding: TextEncoding) -> io::Result<Header<R>> {
        let lines = LineReader::new(reader);
        let mut rows = CsvRows { lines, names: Vec::new(), keys: Vec::new(), max_record_bytes, encoding };
        let Some((line, header)) = rows.next_text()? else { return Ok(Header::Empty) };
        match header {
            Ok(text) => {
                let header = split_cells(&text);
                rows.keys = header.iter().map(|name| json_key(name.trim())).collect();
                rows.names =
                    header.iter().map(|name| name.trim()).filter(|n| !n.is_empty()).map(str::to_owned).collect();
                Ok(Header::Rows(rows))
            }
            Err(failure) => Ok(Header::Failed(OwnedRecord { line, text: Err(failure) })),
        }
    }

    /// The header's column names, in order (blank ones left out).
    pub fn columns(&self) -> &[String] {
        &self.names
    }

    /// The stream being read.
    pub fn get_ref(&self) -> &R {
        self.lines.get_ref()
    }

    /// The next row as a JSON object, or `None` at the end. Rows whose
    /// cells are all blank are skipped.
    pub fn read(&mut self) -> io::Result<Option<OwnedRecord>> {
        loop {
            let Some((line, text)) = self.next_text()? else { return Ok(None) };
            let text = match text {
                Ok(text) => text,
                Err(failure) => return Ok(Some(OwnedRecord { line, text: Err(failure) })),
            };
            let cells = split_cells(&text);
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            return Ok(Some(OwnedRecord { line, text: self.to_json(cells, text.len()) }));
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

    /// A row's cells as a JSON object of strings, blank cells as `null`.
    fn to_json(&self, mut cells: Vec<String>, size: usize) -> Result<String, Failure> {
        // Cells past the last named column may be missing, and cells past the header may be blank.
        let needed = self.keys.iter().rposition(Option::is_some).map_or(0, |i| i.saturating_add(1));
        let width = self.keys.len();
        let found = cells.len();
        let extra_blank = cells.get(width..).is_none_or(|extra| extra.iter().all(|c| c.trim().is_empty()));
        if found < needed || !extra_blank {
            let expected = if found < needed { needed } else { width };
            return Err(Failure::Input(InputProblem::CsvCells { found, expected }));
        }
        cells.truncate(width);
        let mut json = String::with_capacity(size.saturating_mul(2).saturating_add(64));
        json.push('{');
        for (key, cell) in self.keys.iter().zip(&cells) {
            let Some(key) = key else { continue };
            if json.len() > 1 {
                json.push(',');
            }
            json.push_str(key);
            if cell.trim().is_empty() {
                json.push_str("null");
            } else {
                json.push_str(&json_string(cell));
            }
        }
        json.push('}');
        Ok(json)
    }
}

/// `"name":` for a header cell, or `None` for a blank one.
fn json_key(name: &str) -> Option<String> {
    (!name.is_empty()).then(|| format!("{}:", json_string(name)))
}

/// `text` as a JSON string literal.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "null".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &[u8]) -> Vec<(u64, Result<String, Failure>)> {
        let Header::Rows(mut rows) = CsvRows::open(input, 1000, TextEncoding::Utf8).unwrap() else {
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
        assert!(matches!(CsvRows::open(&b"\n \n"[..], 100, TextEncoding::Utf8).unwrap(), Header::Empty));
    }
}
