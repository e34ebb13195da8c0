//! The writing end: scored chunks written in input order, each failed
//! record reported on stderr at its place, and the records counted.

use std::io::{self, Write};

use scorecard::Lang;

use super::chunk::Scored;
use crate::eval::progress::Progress;
use crate::output::Output;

/// Writes scored chunks and counts what was written.
pub struct Sink<'a, W: Write> {
    out: Output<W>,
    /// The data's name in messages.
    data: &'a str,
    lang: Lang,
    progress: Progress,
    /// Flush after every chunk (an interactive stream waits for its answer).
    flush_each: bool,
    /// Records written.
    records: u64,
    /// Records that were not scored.
    failed: u64,
}

impl<'a, W: Write> Sink<'a, W> {
    /// A sink writing to `out`.
    pub fn new(out: Output<W>, data: &'a str, lang: Lang, progress: Progress, flush_each: bool) -> Self {
        Sink { out, data, lang, progress, flush_each, records: 0, failed: 0 }
    }

    /// Writes one chunk's records, reports its failed records on stderr,
    /// and gives back the chunk's buffer for reuse.
    pub fn write(&mut self, scored: Scored) -> io::Result<Vec<u8>> {
        for failed in &scored.failed {
            for message in &failed.messages {
                self.progress.note(&self.lang.pick(
                    format!("错误：{}:{}：{message}", self.data, failed.line),
                    format!("error: {}:{}: {message}", self.data, failed.line),
                ));
            }
        }
        self.out.chunk(&scored.bytes, scored.records)?;
        self.records = self.records.saturating_add(scored.records);
        let failed = u64::try_from(scored.failed.len()).unwrap_or(u64::MAX);
        self.failed = self.failed.saturating_add(failed);
        if self.flush_each {
            self.out.flush()?;
        }
        self.progress.update(scored.position, self.records);
        Ok(scored.bytes)
    }

    /// Records written, and how many of them were not scored.
    pub fn counts(&self) -> (u64, u64) {
        (self.records, self.failed)
    }

    /// Ends the output and removes the progress bar.
    pub fn finish(self) -> io::Result<()> {
        self.progress.finish();
        self.out.finish()
    }

    /// Stops early: flushes what was written, without ending the output.
    pub fn abandon(mut self) {
        self.progress.finish();
        // Failing to flush here adds nothing to the error being reported.
        let _ = self.out.flush();
    }
}
