//! Writing reports and failed records in the chosen format, in input order.
//!
//! Rendering is split in two so records can be rendered on worker threads:
//! a [`Style`] renders each record's bytes, with what goes before it (the
//! CSV header or the `[` of a JSON array before the first record; a comma or
//! a blank line before the others), and an [`Output`] writes rendered
//! chunks in order and closes the output.

mod brief;
mod csv;
mod table;

use std::io::{self, Write};

use scorecard::{Lang, RecordError, Report, Scorecard, Scores};

use self::brief::Brief;

use crate::args::Format;
use crate::failure::Failure;
use crate::input::Places;

/// How each record is rendered; shared by the worker threads.
#[derive(Debug, Clone)]
pub struct Style {
    format: Format,
    batch: bool,
    lang: Lang,
    /// Indicators, for the empty cells of a failed CSV row.
    indicators: usize,
    /// The CSV header (with its byte-order mark), before the first row.
    csv_header: String,
    /// With `--brief`: scores only, prepared once.
    brief: Option<Brief>,
    /// Where each input's value sits in the data, to name a rejected value's cell.
    places: Places,
}

impl Style {
    /// The style for `card`'s reports in `format`, for a single record (`batch == false`) or a
    /// batch; `brief` writes scores only (JSON, JSON Lines and CSV; a table always explains).
    pub fn new(format: Format, batch: bool, card: &Scorecard, brief: bool) -> Self {
        let brief = brief && format != Format::Table;
        let csv_header = if format == Format::Csv { csv::header(card, brief) } else { String::new() };
        let brief = brief.then(|| Brief::new(card));
        let indicators = card.indicator_names().count();
        Style { format, batch, lang: card.lang(), indicators, csv_header, brief, places: Places::None }
    }

    /// The same style, naming the cell of a value the engine rejects by `places`.
    pub fn with_places(self, places: Places) -> Self {
        Style { places, ..self }
    }

    /// The failure for the engine's errors about the record at `line`, each naming its cell if known.
    pub fn rejected(&self, line: u64, error: RecordError) -> Failure {
        self.places.rejected(line, error, self.lang)
    }

    /// Whether records are written with scores only.
    pub fn is_brief(&self) -> bool {
        self.brief.is_some()
    }

    /// Renders a record scored on the fast path (`--brief`).
    pub fn scores(&self, line: u64, card: &Scorecard, scores: &Scores, out: &mut Vec<u8>) -> io::Result<()> {
        let Some(brief) = &self.brief else { return Ok(()) };
        match self.format {
            Format::Csv => brief.csv_row(out, line, card, scores),
            // The workbook is written by `eval::form`, never through a style.
            Format::Xlsx => Ok(()),
            Format::Table | Format::Json | Format::Jsonl => {
                brief.json(out, card, scores)?;
                if self.format == Format::Jsonl || !self.batch {
                    out.push(b'\n');
                }
                Ok(())
            }
        }
    }

    /// Renders what goes before a record: the start of the output before
    /// the `first` record, a separator before the others.
    pub fn lead(&self, first: bool, out: &mut Vec<u8>) {
        let lead: &[u8] = match self.format {
            Format::Table if !first => b"\n",
            Format::Json if self.batch => {
                if first {
                    b"[\n"
                } else {
                    b",\n"
                }
            }
            Format::Csv if first => self.csv_header.as_bytes(),
            Format::Table | Format::Json | Format::Jsonl | Format::Csv | Format::Xlsx => b"",
        };
        out.extend_from_slice(lead);
    }

    /// Renders the output for a record that was scored.
    pub fn report(&self, line: u64, report: &Report, out: &mut Vec<u8>) -> io::Result<()> {
        match self.format {
            Format::Table => {
                self.table_heading(line, out)?;
                table::write(out, report, self.lang)
            }
            Format::Json | Format::Jsonl => {
                report.write_json(out);
                if self.format == Format::Jsonl || !self.batch {
                    out.push(b'\n');
                }
                Ok(())
            }
            Format::Csv => csv::report_row(out, line, report),
            Format::Xlsx => Ok(()),
        }
    }

    /// Renders the output for a record that was not scored, at its place in the order.
    pub fn failure(&self, line: u64, failure: &Failure, out: &mut Vec<u8>) -> io::Result<()> {
        match self.format {
            Format::Table => {
                self.table_heading(line, out)?;
                table::write_failure(out, failure, self.lang)
            }
            Format::Json if self.batch => write!(out, "{}", failure.to_json(line, self.lang)),
            // A single record that failed has no report; the error is on stderr.
            Format::Json => Ok(()),
            Format::Jsonl => writeln!(out, "{}", failure.to_json(line, self.lang)),
            Format::Csv => csv::failure_row(out, line, failure, self.lang, self.indicators, self.is_brief()),
            Format::Xlsx => Ok(()),
        }
    }

    /// `记录 N` / `record N` before each record of a batch.
    fn table_heading(&self, line: u64, out: &mut Vec<u8>) -> io::Result<()> {
        if self.batch {
            writeln!(out, "{}", self.lang.pick(format!("记录 {line}"), format!("record {line}")))?;
        }
        Ok(())
    }
}

/// Writes rendered chunks to `w`, in order, and closes the output.
pub struct Output<W: Write> {
    w: W,
    format: Format,
    batch: bool,
    written: u64,
}

impl<W: Write> Output<W> {
    /// An output in the format and batch mode of `style`.
    pub fn new(w: W, style: &Style) -> Self {
        Output { w, format: style.format, batch: style.batch, written: 0 }
    }

    /// Writes the rendered bytes of `records` records.
    pub fn chunk(&mut self, bytes: &[u8], records: u64) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.written = self.written.saturating_add(records);
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
}
