//! A chunk of records: read together, scored and rendered by one worker,
//! written together.

use std::io;

use scorecard::Scorecard;

use crate::input::{OwnedRecord, Source};
use crate::output::Style;

/// Most records per chunk: enough to make handing chunks between threads
/// cheap, few enough that memory stays small.
pub const RECORDS: usize = 512;

/// Input bytes after which a chunk is closed, so a chunk of long records
/// stays small too.
const INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Report rows (indicators and groups) a chunk should hold at most: a
/// scorecard with many indicators renders long reports, so it gets fewer
/// records per chunk.
const ROWS: usize = 64 * 1024;

/// Records per chunk for a scorecard whose reports have `rows` rows each.
pub fn records_for(rows: usize) -> usize {
    ROWS.checked_div(rows).unwrap_or(RECORDS).clamp(1, RECORDS)
}

/// Records as read, in input order.
#[derive(Debug, Default)]
pub struct Chunk {
    records: Vec<OwnedRecord>,
    /// Whether this is the first chunk (its first record starts the output).
    first: bool,
    /// The source's position after the last record.
    position: u64,
}

/// What comes after a chunk.
#[derive(Debug)]
pub enum Next {
    /// More records may follow.
    More,
    /// The input has ended.
    End,
    /// Reading failed; the chunk holds the records read before the failure.
    Failed(io::Error),
}

impl Chunk {
    /// Reads up to `limit` records, or fewer if they hold more than
    /// [`INPUT_BYTES`]; stops early if reading on could wait for input (so
    /// an interactive stream is answered record by record).
    pub fn read(source: &mut impl Source, limit: usize, first: bool) -> (Chunk, Next) {
        let mut records = Vec::with_capacity(limit);
        let mut bytes = 0usize;
        let next = loop {
            let full = records.len() >= limit || bytes >= INPUT_BYTES;
            if full || (!records.is_empty() && source.would_wait()) {
                break Next::More;
            }
            match source.next_record() {
                Ok(Some(record)) => {
                    bytes = bytes.saturating_add(record.text.as_ref().map_or(0, String::len));
                    records.push(record);
                }
                Ok(None) => break Next::End,
                Err(e) => break Next::Failed(e),
            }
        };
        (Chunk { records, first, position: source.position() }, next)
    }

    /// Whether no record was read.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// A chunk scored and rendered: the output bytes of all its records, and
/// the records that were not scored.
#[derive(Debug, Default)]
pub struct Scored {
    /// The rendered output, record after record.
    pub bytes: Vec<u8>,
    /// How many records it holds.
    pub records: u64,
    /// The records that were not scored, in input order.
    pub failed: Vec<Failed>,
    /// The source's position after the last record.
    pub position: u64,
}

/// A record that was not scored: its line and error messages.
#[derive(Debug)]
pub struct Failed {
    /// The line the record starts on.
    pub line: u64,
    /// One message per problem.
    pub messages: Vec<String>,
}

/// Scores every record of `chunk` and renders it in `style` into `bytes`
/// (an empty buffer, perhaps with room from an earlier chunk).
pub fn score(card: &Scorecard, style: &Style, chunk: Chunk, bytes: Vec<u8>) -> io::Result<Scored> {
    let records = u64::try_from(chunk.records.len()).unwrap_or(u64::MAX);
    let mut scored = Scored { bytes, records, failed: Vec::new(), position: chunk.position };
    for (at, OwnedRecord { line, text }) in chunk.records.into_iter().enumerate() {
        style.lead(chunk.first && at == 0, &mut scored.bytes);
        let written = text.and_then(|text| {
            if style.is_brief() {
                let scores =
                    card.parse_record(&text).and_then(|r| card.score(&r)).map_err(|e| style.rejected(line, e))?;
                Ok(style.scores(line, card, &scores, &mut scored.bytes))
            } else {
                let report = card.evaluate_json(&text).map_err(|e| style.rejected(line, e))?;
                Ok(style.report(line, &report, &mut scored.bytes))
            }
        });
        match written {
            Ok(rendered) => rendered?,
            Err(failure) => {
                style.failure(line, &failure, &mut scored.bytes)?;
                scored.failed.push(Failed { line, messages: failure.messages(card.lang()) });
            }
        }
    }
    Ok(scored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_scorecards_get_small_chunks() {
        assert_eq!(records_for(0), RECORDS);
        assert_eq!(records_for(15), RECORDS);
        assert_eq!(records_for(1000), 65);
        assert_eq!(records_for(1_000_000), 1);
    }
}
