//! The data stream, counting the bytes consumed (for the progress bar) and
//! telling when reading on could wait for input that has not arrived yet.

use std::io::{self, BufRead, BufReader, Read};

/// Read buffer of the data stream.
const BUFFER: usize = 256 * 1024;

/// A buffered data stream that knows how far it has got.
pub struct Tracked {
    inner: BufReader<Counting>,
    interactive: bool,
}

/// Counts the bytes read from the underlying stream.
struct Counting {
    inner: Box<dyn BufRead>,
    read: u64,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read = self.read.saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
        Ok(n)
    }
}

impl Tracked {
    /// Wraps `inner`. An `interactive` stream (stdin) may block between
    /// records, so what has been read should be scored before reading on.
    pub fn new(inner: Box<dyn BufRead>, interactive: bool) -> Self {
        Tracked { inner: BufReader::with_capacity(BUFFER, Counting { inner, read: 0 }), interactive }
    }

    /// Bytes consumed so far.
    pub fn consumed(&self) -> u64 {
        let buffered = u64::try_from(self.inner.buffer().len()).unwrap_or(0);
        self.inner.get_ref().read.saturating_sub(buffered)
    }

    /// Whether the next read could block: the stream is interactive and
    /// nothing is left in the buffer. (A file is never said to block.)
    pub fn would_wait(&self) -> bool {
        self.interactive && self.inner.buffer().is_empty()
    }
}

impl Read for Tracked {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl BufRead for Tracked {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_consumed_bytes_and_knows_when_the_buffer_is_empty() {
        let mut t = Tracked::new(Box::new(&b"one\ntwo\n"[..]), true);
        assert!(t.would_wait());
        let mut line = Vec::new();
        t.read_until(b'\n', &mut line).unwrap();
        assert_eq!(t.consumed(), 4);
        assert!(!t.would_wait());
        t.read_until(b'\n', &mut line).unwrap();
        assert_eq!(t.consumed(), 8);
        assert!(t.would_wait());
        assert!(!Tracked::new(Box::new(&b""[..]), false).would_wait());
    }
}
