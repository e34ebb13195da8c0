//! CSV rows streamed from a reader in bounded memory, by `csv-core`.
//!
//! `csv::Reader` would grow a record without limit; `csv-core` parses into
//! buffers this module owns, so `--max-record-bytes` holds while reading: a
//! longer record is skipped (its quoting still followed) and reported at its
//! line, and reading goes on with the next record. Cells are given as bytes:
//! the caller decodes them (UTF-8 or GBK; in both, no byte of a multi-byte
//! character is a comma, a quote or a line break, so the bytes can be split
//! before decoding). A UTF-8 byte-order mark at the start is dropped.

use std::io::{self, BufRead};

use csv_core::{ReadRecordResult, Reader};

/// One CSV record as bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    /// 1-based line the record starts on.
    pub line: u64,
    /// The record's bytes as read (quotes and separators included), for error positions.
    pub raw: Vec<u8>,
    /// The cells' bytes, or why the record cannot be read.
    pub cells: Result<Vec<Vec<u8>>, RawProblem>,
}

/// Why a streamed CSV record cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawProblem {
    /// The record is longer than the limit, in bytes.
    TooLong {
        /// The limit.
        limit: u64,
    },
    /// The input ended inside a quoted cell; `raw` holds the record from its start.
    UnterminatedQuote,
}

/// CSV records read one at a time from `R`.
#[derive(Debug)]
pub struct CsvStream<R> {
    input: R,
    /// Boxed: the parser's tables are large, and streams are moved around.
    core: Box<Reader>,
    max: usize,
    line: u64,
    out: Vec<u8>,
    ends: Vec<usize>,
}

impl<R: BufRead> CsvStream<R> {
    /// Streams the records of `input`, each at most `max_record_bytes` long.
    pub fn new(input: R, max_record_bytes: u64) -> Self {
        let max = usize::try_from(max_record_bytes).unwrap_or(usize::MAX);
        CsvStream { input, core: Box::new(Reader::new()), max, line: 1, out: vec![0; 256], ends: vec![0; 16] }
    }

    /// The reader.
    pub fn get_ref(&self) -> &R {
        &self.input
    }

    /// The next record (blank lines skipped), or `None` at the end of the input.
    ///
    /// # Errors
    /// Reading the input failed.
    pub fn next_row(&mut self) -> io::Result<Option<RawRow>> {
        self.skip_line_breaks()?;
        let line = self.line;
        let mut raw = Vec::new();
        let (mut nout, mut nend) = (0usize, 0usize);
        let mut too_long = false;
        loop {
            let buf = self.input.fill_buf()?;
            let at_eof = buf.is_empty();
            let (result, nin, o, e) = self.core.read_record(
                buf,
                self.out.get_mut(nout..).unwrap_or_default(),
                self.ends.get_mut(nend..).unwrap_or_default(),
            );
            let consumed = buf.get(..nin).unwrap_or_default();
            let breaks = consumed.iter().filter(|b| **b == b'\n').count();
            if !too_long {
                raw.extend_from_slice(consumed);
            }
            self.input.consume(nin);
            self.line = self.line.saturating_add(u64::try_from(breaks).unwrap_or(u64::MAX));
            nout = nout.saturating_add(o);
            nend = nend.saturating_add(e);
            if !too_long && raw.len() > self.max {
                too_long = true;
                raw = Vec::new();
            }
            if too_long {
                // Keep following the quoting to find the record's end, in the same buffers.
                nout = 0;
                nend = 0;
            }
            match result {
                // Skipping reuses the buffers from their start: they do not grow.
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull if too_long => {}
                ReadRecordResult::OutputFull => grow(&mut self.out),
                ReadRecordResult::OutputEndsFull => grow(&mut self.ends),
                ReadRecordResult::End => return Ok(None),
                ReadRecordResult::Record if too_long => {
                    let limit = u64::try_from(self.max).unwrap_or(u64::MAX);
                    return Ok(Some(RawRow { line, raw, cells: Err(RawProblem::TooLong { limit }) }));
                }
                ReadRecordResult::Record if at_eof && ends_in_quote(&raw) => {
                    return Ok(Some(RawRow { line, raw, cells: Err(RawProblem::UnterminatedQuote) }));
                }
                ReadRecordResult::Record => {
                    let cells = self.cells(nout, nend);
                    return Ok(Some(RawRow { line, raw, cells: Ok(cells) }));
                }
            }
        }
    }

    /// Skips the line breaks (blank lines, the rest of a CRLF) before a record.
    fn skip_line_breaks(&mut self) -> io::Result<()> {
        loop {
            let buf = self.input.fill_buf()?;
            let skip = buf.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
            if skip == 0 {
                return Ok(());
            }
            let breaks = buf.get(..skip).unwrap_or_default().iter().filter(|b| **b == b'\n').count();
            self.line = self.line.saturating_add(u64::try_from(breaks).unwrap_or(u64::MAX));
            self.input.consume(skip);
        }
    }

    /// The cells of the record just read.
    fn cells(&self, nout: usize, nend: usize) -> Vec<Vec<u8>> {
        let mut start = 0usize;
        let mut cells = Vec::with_capacity(nend);
        for &end in self.ends.get(..nend).unwrap_or_default() {
            cells.push(self.out.get(start..end).unwrap_or_default().to_vec());
            start = end;
        }
        debug_assert!(start <= nout);
        cells
    }
}

/// Doubles a buffer's length.
fn grow<T: Default + Clone>(buf: &mut Vec<T>) {
    let len = buf.len().saturating_mul(2).max(16);
    buf.resize(len, T::default());
}

/// Whether a record's bytes end inside a quoted cell.
fn ends_in_quote(raw: &[u8]) -> bool {
    super::csv::open_quote(&String::from_utf8_lossy(raw)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], max: u64) -> Vec<RawRow> {
        let mut stream = CsvStream::new(input, max);
        let mut rows = Vec::new();
        while let Some(row) = stream.next_row().unwrap() {
            rows.push(row);
        }
        rows
    }

    fn text(row: &RawRow) -> Vec<String> {
        row.cells.as_ref().unwrap().iter().map(|c| String::from_utf8(c.clone()).unwrap()).collect()
    }

    #[test]
    fn records_keep_their_lines_through_crlf_blank_lines_and_quoted_breaks() {
        let rows = all(b"\xEF\xBB\xBFa,b\r\n\r\n\"x\r\ny\",\"q\"\"\"\r\n3,4", 100);
        assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(text(&rows[0]), ["a", "b"]);
        assert_eq!(text(&rows[1]), ["x\r\ny", "q\""]);
        assert_eq!(text(&rows[2]), ["3", "4"]);
    }

    #[test]
    fn a_long_record_is_skipped_whole_and_reading_goes_on() {
        let long = format!("a\n\"{}\n,\"\n5\n{}\n6\n", "9".repeat(5000), ",".repeat(5000));
        let rows = all(long.as_bytes(), 1000);
        assert_eq!(rows[1].line, 2);
        assert_eq!(rows[1].cells, Err(RawProblem::TooLong { limit: 1000 }));
        assert_eq!((rows[2].line, text(&rows[2])), (4, vec!["5".to_owned()]));
        assert_eq!(rows[3].cells, Err(RawProblem::TooLong { limit: 1000 }));
        assert_eq!((rows[4].line, text(&rows[4])), (6, vec!["6".to_owned()]));
    }

    #[test]
    fn an_unclosed_quote_at_the_end_is_a_problem() {
        let rows = all(b"a,b\n1,\"x\n2,3\n", 100);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].cells, Err(RawProblem::UnterminatedQuote));
        assert_eq!(rows[1].raw, b"1,\"x\n2,3\n");
    }
}
