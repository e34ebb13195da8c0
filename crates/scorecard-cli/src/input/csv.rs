//! CSV input: a header row naming inputs, then one record per row.
//!
//! Rows are read by [`scorecard_table::records::stream`] (`csv-core` in
//! bounded buffers); each becomes a record the way every table row does
//! (see [`super::fields`]). Header cells are trimmed; a column with a blank
//! header is ignored, and so is a row whose cells are all blank (Excel writes
//! `,,,` for empty formatted rows) or whose first non-blank cell starts with
//! `#` (a note row, as data-entry templates have below their header).
//!
//! Quoting follows RFC 4180 as Excel writes it: a cell that starts with `"`
//! runs to the closing `"`, `""` inside it is one quote, and it may hold
//! commas and line breaks. A quote inside an unquoted cell is kept as text.
//! A record's line number is the line it starts on. Each record is bounded
//! by `--max-record-bytes`; a longer one is reported and skipped. A quote
//! never closed is reported where it opened instead of swallowing the rows after it.

use std::io::{self, BufRead};

use scorecard_table::records::csv::is_note;
use scorecard_table::records::stream::{CsvStream, RawProblem, RawRow};

use super::encoding::TextEncoding;
use super::fields::{text_field, Columns, Names};
use super::OwnedRecord;
use crate::failure::{Failure, InputProblem};

/// A record's decoded cells, or why it cannot be read.
type Cells = Result<Vec<String>, Failure>;

/// CSV records read one at a time from a stream, as JSON objects.
pub struct CsvRows<R> {
    stream: CsvStream<R>,
    /// The header row, which turns rows into records.
    columns: Columns,
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
        let stream = CsvStream::new(reader, max_record_bytes);
        let mut rows = CsvRows { stream, columns: Columns::default(), encoding };
        loop {
            let Some((line, header)) = rows.next_cells()? else { return Ok(Header::Empty) };
            match header {
                Ok(cells) if cells.iter().all(|c| c.trim().is_empty()) || is_note(&cells) => continue,
                Ok(cells) => {
                    rows.columns = Columns::new(cells.iter().map(String::as_str), names);
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

    /// Each named column: input key, 0-based column index, header text.
    pub fn places(&self) -> Vec<(String, usize, String)> {
        self.columns.places()
    }

    /// The stream being read.
    pub fn get_ref(&self) -> &R {
        self.stream.get_ref()
    }

    /// The next row as a JSON object, or `None` at the end. Rows whose
    /// cells are all blank, and note rows, are skipped.
    pub fn read(&mut self) -> io::Result<Option<OwnedRecord>> {
        loop {
            let Some((line, cells)) = self.next_cells()? else { return Ok(None) };
            let cells = match cells {
                Ok(cells) => cells,
                Err(failure) => return Ok(Some(OwnedRecord { line, text: Err(failure) })),
            };
            if cells.iter().all(|c| c.trim().is_empty()) || is_note(&cells) {
                continue;
            }
            let size = cells.iter().map(String::len).sum();
            let fields = cells.into_iter().map(text_field).collect();
            return Ok(Some(OwnedRecord { line, text: self.columns.record(fields, size) }));
        }
    }

    /// The next record's first line and decoded cells.
    fn next_cells(&mut self) -> io::Result<Option<(u64, Cells)>> {
        let Some(row) = self.stream.next_row()? else { return Ok(None) };
        Ok(Some((row.line, self.decode(row))))
    }

    /// Decodes a record's cells. On line 1 a byte-order mark is dropped
    /// after decoding too: GB18030 writes its own (84 31 95 33), which decodes to U+FEFF.
    fn decode(&self, row: RawRow) -> Result<Vec<String>, Failure> {
        let cells = match row.cells {
            Ok(cells) => cells,
            Err(RawProblem::TooLong { limit }) => return Err(Failure::Input(InputProblem::LineTooLong { limit })),
            Err(RawProblem::UnterminatedQuote) => {
                let text = String::from_utf8_lossy(&row.raw);
                let (lines, column) = scorecard_table::records::csv::open_quote(&text).unwrap_or((0, 1));
                let line = row.line.saturating_add(lines);
                return Err(Failure::Input(InputProblem::UnterminatedQuote { line, column }));
            }
        };
        let mut text = Vec::with_capacity(cells.len());
        for cell in cells {
            match self.encoding.decode(cell) {
                Ok(cell) => text.push(cell),
                Err(_) => return Err(self.bad_text(&row.raw)),
            }
        }
        if row.line == 1 {
            if let Some(first) = text.first_mut() {
                if let Some(rest) = first.strip_prefix('\u{feff}') {
                    *first = rest.to_owned();
                }
            }
        }
        Ok(text)
    }

    /// The failure for a record that is not valid text: the first bad byte, by its column on its own line.
    fn bad_text(&self, raw: &[u8]) -> Failure {
        let at = self.encoding.decode(raw.to_vec()).err().map_or(0, |bad| bad.at);
        let before = raw.get(..at).unwrap_or_default();
        let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i.saturating_add(1));
        Failure::Input(self.encoding.problem(at.saturating_sub(line_start).saturating_add(1)))
    }
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
        let got = rows(
            br#"a,b,c,d,e
a,"b,c","say ""hi""",,x"y
"ab"c,d,,,
"#,
        );
        assert_eq!(got[0].1, Ok(r#"{"a":"a","b":"b,c","c":"say \"hi\"","d":null,"e":"x\"y"}"#.to_owned()));
        assert_eq!(got[1].1, Ok(r#"{"a":"abc","b":"d","c":null,"d":null,"e":null}"#.to_owned()));
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opened() {
        let got = rows(b"a,b\n1,2\n3,\"x\n4,5\n");
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], (3, Err(Failure::Input(InputProblem::UnterminatedQuote { line: 3, column: 3 }))));
    }

    #[test]
    fn gbk_rows_decode_and_a_bad_byte_is_placed() {
        let (gbk, _, _) = encoding_rs::GBK.encode("名称,年办件量\r\n一号,5\r\n二号,x");
        let mut bytes = gbk.to_vec();
        bytes.push(0xFF);
        let Header::Rows(mut rows) = CsvRows::open(&bytes[..], 1000, TextEncoding::Gbk, &Names::default()).unwrap()
        else {
            panic!("no header")
        };
        assert_eq!(rows.read().unwrap().unwrap().text, Ok(r#"{"名称":"一号","年办件量":"5"}"#.to_owned()));
        let bad = rows.read().unwrap().unwrap();
        assert_eq!(
            (bad.line, bad.text),
            (3, Err(Failure::Input(InputProblem::InvalidEncoding { encoding: "GBK", byte: 7 })))
        );
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
