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
}

impl<R: BufRead> LineReader<R> {
    /// Wraps `reader`; no line has been read yet.
    pub fn new(reader: R) -> Self {
        LineReader { reader, line: 0 }
    }

    /// The stream being read.
    pub fn get_ref(&self) -> &R {
        &self.reader
    }

    /// The number of lines read so far (the 1-based number of the last line).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Reads the next line, keeping at most `max` bytes of it. Returns `None` at the end.
    pub fn next_line(&mut self, max: u64) -> io::Result<Option<Line>> {
        let mut buf = Vec::new();
        let read = (&mut self.reader).take(max.saturating_add(1)).read_until(b'\n', &mut buf)?;
        if read == 0 {
            return Ok(None);
        }
        self.line = self.line.saturating_add(1);
        if buf.last() == Some(&b'\n') {
            buf.pop();
        } else if u64::try_from(buf.len()).unwrap_or(u64::MAX) > max {
            self.reader.skip_until(b'\n')?;
            return Ok(Some(Line::TooLong));
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        Ok(Some(Line::Bytes(buf)))
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
        let mut r = LineReader::new(&b"abc\r\n0123456789\n\nxy"[..]);
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(b"abc".to_vec())));
        assert_eq!(r.next_line(5).unwrap(), Some(Line::TooLong));
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(Vec::new())));
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(b"xy".to_vec())));
        assert_eq!(r.line(), 4);
        assert_eq!(r.next_line(5).unwrap(), None);
    }

    #[test]
    fn a_line_of_exactly_the_bound_is_kept() {
        let mut r = LineReader::new(&b"12345\n123456"[..]);
        assert_eq!(r.next_line(5).unwrap(), Some(Line::Bytes(b"12345".to_vec())));
        assert_eq!(r.next_line(5).unwrap(), Some(Line::TooLong));
    }
}
