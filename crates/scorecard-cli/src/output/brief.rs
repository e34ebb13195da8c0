//! `--brief`: scores only, the fast path for large batches.
//!
//! A record is scored without explanations ([`Scorecard::score`]) and
//! written with its total, grade, disqualification and each indicator's
//! score, deduction and status: in JSON as
//! `{"schema_version":1,"total":77,"full_marks":100,"grade":"中","disqualified":false,"indicators":[{"name":…,"score":5,"deduction":3,"status":"scored"},…]}`,
//! in CSV as the line, total and grade, then each indicator's score and
//! deduction, then the error column. Numbers are exact, as in the full
//! formats.

use std::io::{self, Write};

use scorecard::{Scorecard, Scores, Status, SCHEMA_VERSION};

use super::csv::text_cell;
use scorecard::number::{fixed2, push_json_number};

/// What the brief formats need from the scorecard, prepared once, so that
/// a record is written with no formatting machinery and no allocation.
#[derive(Debug, Clone)]
pub struct Brief {
    /// `,"full_marks":100,"grade":` as written after the total.
    full_marks: Vec<u8>,
    /// `{"name":"…","score":` for each indicator, in table order (the first without a comma).
    names: Vec<Vec<u8>>,
}

impl Brief {
    /// Prepares the indicator names of `card`.
    pub fn new(card: &Scorecard) -> Self {
        let names = card
            .indicator_names()
            .enumerate()
            .map(|(i, n)| {
                let comma = if i == 0 { "" } else { "," };
                format!("{comma}{{\"name\":{},\"score\":", serde_json::Value::from(n)).into_bytes()
            })
            .collect();
        let mut full_marks = b",\"full_marks\":".to_vec();
        push_json_number(&mut full_marks, card.full_marks());
        full_marks.extend_from_slice(b",\"grade\":");
        Brief { full_marks, names }
    }

    /// One record as a JSON object.
    pub fn json(&self, out: &mut Vec<u8>, card: &Scorecard, scores: &Scores) -> io::Result<()> {
        write!(out, "{{\"schema_version\":{SCHEMA_VERSION},\"total\":")?;
        push_json_number(out, scores.total);
        out.extend_from_slice(&self.full_marks);
        serde_json::to_writer(&mut *out, card.grade(scores.total)).map_err(io::Error::other)?;
        out.extend_from_slice(if scores.disqualified {
            b",\"disqualified\":true,\"indicators\":["
        } else {
            b",\"disqualified\":false,\"indicators\":["
        });
        for (name, ind) in self.names.iter().zip(&scores.indicators) {
            out.extend_from_slice(name);
            push_json_number(out, ind.score);
            out.extend_from_slice(b",\"deduction\":");
            push_json_number(out, ind.deduction);
            status(out, ind.status);
        }
        out.extend_from_slice(b"]}");
        Ok(())
    }

    /// One record as a CSV row.
    pub fn csv_row(&self, out: &mut Vec<u8>, line: u64, card: &Scorecard, scores: &Scores) -> io::Result<()> {
        write!(out, "{line},{},{}", fixed2(scores.total), text_cell(card.grade(scores.total)))?;
        for ind in &scores.indicators {
            write!(out, ",{},{}", fixed2(ind.score), fixed2(ind.deduction))?;
        }
        out.extend_from_slice(b",\r\n");
        Ok(())
    }
}

/// The end of an indicator's object: its status as the full report's JSON writes it.
fn status(out: &mut Vec<u8>, s: Status) {
    out.extend_from_slice(b",\"status\":\"");
    out.extend_from_slice(s.as_str().as_bytes());
    out.extend_from_slice(b"\"}");
}
