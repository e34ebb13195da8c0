//! Writing reports and failed records in the chosen format, in input order.

mod number;
mod table;

use std::io::{self, Write};

use scorecard::{Lang, Report};

use crate::args::Format;
use crate::failure::Failure;

/// Writes one report or failure per record to `w`.
pub struct Output<W: Write> {
    w: W,
    format: Format,
    batch: bool,
    written: u64,
    lang: Lang,
}

impl<W: Write> Output<W> {
    /// An output for a single record (`batch == false`) or a batch.
    pub fn new(w: W, format: Format, batch: bool, lang: Lang) -> Self {
        Output { w, format, batch, written: 0, lang }
    }

    /// Writes the output for a record that was scored.
    pub fn report(&mut self, line: u64, report: &Report) -> io::Result<()> {
        match self.format {
            Format::Table => {
                self.table_heading(line)?;
                table::write(&mut self.w, report, self.lang)
            }
            Format::Json => self.json_item(&report.to_json()),
            Format::Jsonl => writeln!(self.w, "{}", report.to_json()),
        }?;
        self.written = self.written.saturating_add(1);
        Ok(())
    }

    /// Writes the output for a record that was not scored, at its place in the order.
    pub fn failure(&mut self, line: u64, failure: &Failure) -> io::Result<()> {
        match self.format {
            Format::Table => {
                self.table_heading(line)?;
                table::write_failure(&mut self.w, failure, self.lang)
            }
            Format::Json if self.batch => self.json_item(&failure.to_json(line, self.lang)),
            // A single record that failed has no report; the error is on stderr.
            Format::Json => Ok(()),
            Format::Jsonl => writeln!(self.w, "{}", failure.to_json(line, self.lang)),
        }?;
        self.written = self.written.saturating_add(1);
        Ok(())
    }

    /// Ends the output (closes a JSON array) and flushes it.
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json && self.batch {
            let close = if self.written == 0 { "[]" } else { "\n]" };
            writeln!(self.w, "{close}")?;
        }
        self.w.flush()
    }

    /// Flushes what has been written so far (for streamed input).
    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }

    fn json_item(&mut self, json: &str) -> io::Result<()> {
        if !self.batch {
            return writeln!(self.w, "{json}");
        }
        let sep = if self.written == 0 { "[\n" } else { ",\n" };
        write!(self.w, "{sep}{json}")
    }

    /// `记录 N` / `record N` before each record of a batch, a blank line between records.
    fn table_heading(&mut self, line: u64) -> io::Result<()> {
        if self.written > 0 {
            writeln!(self.w)?;
        }
        if self.batch {
            writeln!(self.w, "{}", self.lang.pick(format!("记录 {line}"), format!("record {line}")))?;
        }
        Ok(())
    }
}
