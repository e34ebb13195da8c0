//! Reading a stream line by line with a bound on each line, in constant memory.

use std::io::{self, BufRead, Read};

/// One physical line of input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// The line's bytes, without the line break.
    Bytes(Vec<u8>),
    /// The line was longer than the bound; its bytes were skipped.
    TooLong,
}

impl Line {
    /// Whether the line holds nothing but whitespace (a UTF-8 BOM counts as whitespace).
    pub fn is_blank(&self) -> bool {
        match self {
            Line::Bytes(b) => strip_bom(b).iter().all(u8::is_ascii_whitespace),
            Line::TooLong => false,
        }
    }
}

/// `bytes` without a leading UTF-8 byte-order mark.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Reads lines from a buffered stream and counts them.
pub struct LineReader<R> {
    reader: R,
    line: u64,
    /// The most bytes skipped after the bound of an over-long line.
    skip_limit: u64,
    /// An over-long line did not end within `skip_limit`: nothing more is read.
    stopped: bool,
}

impl<R: BufRead> LineReader<R> {
    /// Wraps `reader`; no line has been read yet. An over-long line whose
    /// rest is longer than `skip_limit` bytes (an endless one, such as
    /// `/dev/zero`) ends the reading: [`LineReader::stopped`] tells.
    pub fn bounded(reader: R, skip_limit: u64) -> Self {
        LineReader { reader, line: 0, skip_limit, stopped: false }
    }

    /// The stream being read.
    pub fn get_ref(&self) -> &R {
        &self.reader
    }

    /// The number of lines read so far (the 1-based number of the last line).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The most bytes skipped after the bound of an over-long line.
    pub fn skip_limit(&self) -> u64 {
        self.skip_limit
    }

    /// Whether an over-long line did not end within the skip limit, so that
    /// the rest of the input was not read.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Reads the next line, keeping at most `max` bytes of it, and skips the
    /// rest of a longer one. Returns `None` at the end.
    pub fn next_line(&mut self, max: u64) -> io::Result<Option<Line>> {
        let line = self.read_line(max)?;
        if line == Some(Line::TooLong) {
            self.skip_rest()?;
        }
        Ok(line)
    }

    /// Reads the next line, reading at most `max + 1` bytes of it; the rest
    /// of a longer one ([`Line::TooLong`]) is left unread. LF, CRLF and a
    /// lone CR (old Mac files) each end a line. Returns `None` at the end.
    pub fn read_line(&mut self, max: u64) -> io::Result<Option<Line>> {
        if self.stopped || self.reader.fill_buf()?.is_empty() {
            return Ok(None);
        }
        self.line = self.line.saturating_add(1);
        let limit = usize::try_from(max.saturating_add(1)).unwrap_or(usize::MAX);
        let mut buf = Vec::new();
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(Some(Line::Bytes(buf)));
            }
            let room = limit.saturating_sub(buf.len()).min(chunk.len());
            let window = chunk.get(..room).unwrap_or(chunk);
            if let Some(at) = window.iter().position(|b| *b == b'\n' || *b == b'\r') {
                let cr = window.get(at) == Some(&b'\r');
                buf.extend_from_slice(window.get(..at).unwrap_or(&[]));
                self.reader.consume(at.saturating_add(1));
                if cr && self.reader.fill_buf()?.first() == Some(&b'\n') {
                    self.reader.consume(1);
                }
                return Ok(Some(Line::Bytes(buf)));
            }
            buf.extend_from_slice(window);
            let n = window.len();
            self.reader.consume(n);
            if buf.len() >= limit {
                return Ok(Some(Line::TooLong));
            }
        }
    }

    /// Skips the rest of an over-long line (to LF, CRLF or a lone CR), at
    /// most the skip limit of bytes; if it goes on beyond, stops reading.
    pub fn skip_rest(&mut self) -> io::Result<()> {
        let mut left = self.skip_limit;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            let window = buf.get(..usize::try_from(left).unwrap_or(usize::MAX).min(buf.len())).unwrap_or(buf);
            if let Some(at) = window.iter().position(|b| *b == b'\n' || *b == b'\r') {
                let cr = window.get(at) == Some(&b'\r');
                self.reader.consume(at.saturating_add(1));
                if cr && self.reader.fill_buf()?.first() == Some(&b'\n') {
                    self.reader.consume(1);
                }
                return Ok(());
            }
            let n = window.len();
            self.reader.consume(n);
            left = left.saturating_sub(u64::try_from(n).unwrap_or(u64::MAX));
            if left == 0 {
                self.stopped = true;
                return Ok(());
            }
        }
    }

    /// Reads the rest of the stream into `buf`, at most `max` bytes more.
    /// Returns `false` if the stream holds more than that.
    pub fn read_rest(&mut self, buf: &mut Vec<u8>, max: u64) -> io::Result<bool> {
        let before = buf.len();
        (&mut self.reader).take(max.saturating_add(1)).read_to_end(buf)?;
        let read = buf.len().saturating_sub(before);
        Ok(u64::try_from(read).unwrap_or(u64::MAX) <= max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_each_line_and_resumes_after_a_long_one() {
        let mut r = LineReader::bounded(&b"abc\r\n0123456789\n\nxy"[..], u64::MAX);
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(b"abc".to_vec())));
        assert_eq!(r.next_line(5).unwrap(), Some(Line::TooLong));
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(Vec::new())));
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(b"xy".to_vec())));
        assert_eq!(r.line(), 4);
        assert_eq!(r.next_line(5).unwrap(), None);
    }

    #[test]
    fn lf_crlf_and_a_lone_cr_each_end_a_line() {
        let mut r = LineReader::bounded(&b"a\nb\r\nc\rd\r\re"[..], u64::MAX);
        let mut lines = Vec::new();
        while let Some(Line::Bytes(b)) = r.next_line(5).unwrap() {
            lines.push(String::from_utf8(b).unwrap());
        }
        assert_eq!(lines, ["a", "b", "c", "d", "", "e"]);
        assert_eq!(r.line(), 6);
        // A CRLF split across the reader's buffer is still one line break.
        let mut r = LineReader::bounded(io::BufReader::with_capacity(2, &b"ab\r\ncd"[..]), u64::MAX);
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(b"ab".to_vec())));
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(b"cd".to_vec())));
        assert_eq!(r.next_line(5).unwrap(), None);
    }

    #[test]
    fn an_endless_line_stops_the_reading_at_the_skip_limit() {
        let endless = io::BufReader::new(io::repeat(b'0'));
        let mut r = LineReader::bounded(endless, 1000);
        assert_eq!(r.next_line(5).unwrap(), Some(Line::TooLong));
        assert!(r.stopped());
        assert_eq!(r.next_line(5).unwrap(), None);
        // A long line that ends within the limit is skipped, and reading goes on.
        let mut r = LineReader::bounded(&b"0123456789\nab\n0123456789"[..], 10);
        assert_eq!(r.next_line(3).unwrap(), Some(Line::TooLong));
        assert_eq!(r.next_line(3).unwrap(), Some(Line::Bytes(b"ab".to_vec())));
        assert_eq!(r.next_line(3).unwrap(), Some(Line::TooLong));
        assert!(!r.stopped(), "the input ended with the line");
        assert_eq!(r.next_line(3).unwrap(), None);
        // The first line read without skipping: nothing more is read.
        let mut r = LineReader::bounded(io::BufReader::new(io::repeat(b'0')), 1000);
        assert_eq!(r.read_line(5).unwrap(), Some(Line::TooLong));
        assert!(!r.stopped());
    }

    #[test]
    fn a_line_of_exactly_the_bound_is_kept() {
        let mut r = LineReader::bounded(&b"12345\n123456"[..], u64::MAX);
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(b"12345".to_vec())));
        assert_eq!(r.next_line(5).unwrap(), Some(Line::TooLong));
    }
}
