//! The CSV format, for Excel: a UTF-8 byte-order mark and a header row, then
//! one row per record in input order, lines ended by CRLF (RFC 4180).
//!
//! Columns, named in the rule file's language: the record's line, the total,
//! the grade, then for each indicator in table order its score, deduction and
//! explanation (with `--brief`, score and deduction only), and last an error
//! column. A record that was not scored keeps
//! its row: its line, empty score cells, and its errors joined by `；`/`; `.
//! Numbers are exact, with at least two decimals, as in the table format.
//! A text cell that Excel would run as a formula (it starts with `=`, `+`,
//! `-` or `@`) is prefixed with `'`. Rows are written by `csv::Writer`, which
//! quotes a cell holding a comma, a quote or a line break.

use std::io::{self, Write};

use scorecard::{Lang, Report, Scorecard};

use crate::failure::Failure;
use scorecard::number::push_json_number;

/// The UTF-8 byte-order mark, which tells Excel the file is UTF-8.
const BOM: &str = "\u{feff}";

/// The byte-order mark and the header row; with `brief`, no explanation columns.
pub fn header(card: &Scorecard, brief: bool) -> String {
    let lang = card.lang();
    let mut cells: Vec<String> =
        lang.pick(["行号", "总分", "等级"], ["line", "total", "grade"]).map(str::to_owned).into();
    let columns = lang.pick(["得分", "扣分", "说明"], ["score", "deduction", "explanation"]);
    let columns = columns.get(..per_indicator(brief)).unwrap_or(&columns);
    for name in card.indicator_names() {
        for what in columns {
            cells.push(text_cell(&format!("{name} {what}")));
        }
    }
    cells.push(lang.pick("错误", "error").to_owned());
    let mut out = BOM.as_bytes().to_vec();
    // Writing to memory cannot fail; a failure would only lose the header row.
    let _ = write_record(&mut out, &cells);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes one row of `cells` to `out`, ended by CRLF, quoting cells as RFC 4180 needs.
fn write_record<T: AsRef<[u8]>>(out: &mut Vec<u8>, cells: &[T]) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).buffer_capacity(1024).from_writer(out);
    writer.write_record(cells).map_err(io::Error::other)?;
    writer.flush()
}

/// The row of a scored record, written straight into `out`: the same bytes
/// as [`write_record`] of its cells (the tests compare the two), without a
/// string per cell.
pub fn report_row(out: &mut Vec<u8>, line: u64, report: &Report) -> io::Result<()> {
    write!(out, "{line},")?;
    push_fixed2(out, report.total);
    out.push(b',');
    push_cell(out, &report.grade);
    for ind in &report.indicators {
        out.push(b',');
        push_fixed2(out, ind.score);
        out.push(b',');
        push_fixed2(out, ind.deduction);
        out.push(b',');
        push_cell(out, &ind.explanation);
    }
    out.extend_from_slice(b",\r\n");
    Ok(())
}

/// `d` as [`fixed2`] writes it, into `out`.
fn push_fixed2(out: &mut Vec<u8>, d: scorecard::Decimal) {
    let start = out.len();
    push_json_number(out, d);
    let decimals = out
        .get(start..)
        .and_then(|t| t.iter().position(|b| *b == b'.'))
        .map(|dot| out.len().saturating_sub(start).saturating_sub(dot).saturating_sub(1));
    match decimals {
        None | Some(0) => out.extend_from_slice(b".00"),
        Some(1) => out.push(b'0'),
        Some(_) => {}
    }
}

/// A text cell as `csv::Writer` writes it after [`defused`]: quoted (quotes
/// doubled) when it holds a comma, a quote or a line break.
fn push_cell(out: &mut Vec<u8>, text: &str) {
    let defuse = text.starts_with(['=', '+', '-', '@']);
    let quote = text.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
    if quote {
        out.push(b'"');
    }
    if defuse {
        out.push(b'\'');
    }
    if quote {
        for (i, piece) in text.split('"').enumerate() {
            if i > 0 {
                out.extend_from_slice(b"\"\"");
            }
            out.extend_from_slice(piece.as_bytes());
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

/// Columns per indicator: score, deduction and explanation, or with `brief` the first two.
pub fn per_indicator(brief: bool) -> usize {
    if brief {
        2
    } else {
        3
    }
}

/// The row of a record that was not scored: its line, empty cells, and the errors.
pub fn failure_row(
    out: &mut Vec<u8>,
    line: u64,
    failure: &Failure,
    lang: Lang,
    indicators: usize,
    brief: bool,
) -> io::Result<()> {
    let empty = indicators.saturating_mul(per_indicator(brief)).saturating_add(2);
    let errors = failure.messages(lang).join(lang.pick("；", "; "));
    let mut cells = vec![String::new(); empty.saturating_add(1)];
    if let Some(first) = cells.first_mut() {
        *first = line.to_string();
    }
    cells.push(defused(&errors));
    write_record(out, &cells)
}

/// `text` kept from being read as a formula: prefixed with `'` if it starts with `=`, `+`, `-` or `@`.
fn defused(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A text cell written by hand, for the brief rows' fast path: quoted if it
/// holds a comma, quote, line break or edge spaces, and kept from being read as a formula.
pub(super) fn text_cell(text: &str) -> String {
    let text = defused(text);
    let quote = text.contains([',', '"', '\r', '\n']) || text.starts_with(' ') || text.ends_with(' ');
    if quote {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scorecard::number::fixed2;

    #[test]
    fn text_cells_are_quoted_and_defused() {
        assert_eq!(text_cell("plain 文本"), "plain 文本");
        assert_eq!(text_cell("a,b"), "\"a,b\"");
        assert_eq!(text_cell("say \"hi\"\n"), "\"say \"\"hi\"\"\n\"");
        assert_eq!(text_cell("=1+2"), "'=1+2");
        assert_eq!(text_cell("-x, y"), "\"'-x, y\"");
    }

    #[test]
    fn cells_and_numbers_are_written_as_the_csv_writer_writes_them() {
        let texts = ["plain 文本", "a,b", "say \"hi\"\n", "=1+2", "-x, y", "", "多\r行", "\"", "@a\"b"];
        for text in texts {
            let (mut fast, mut reference) = (Vec::new(), Vec::new());
            push_cell(&mut fast, text);
            write_record(&mut reference, &[defused(text), String::new()]).unwrap();
            fast.extend_from_slice(b",\r\n");
            assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(reference).unwrap(), "{text:?}");
        }
        for d in ["0", "-0.0", "8", "2.5", "2.125", "-3.10", "100.00", "0.005"] {
            let d: scorecard::Decimal = d.parse().unwrap();
            let mut fast = Vec::new();
            push_fixed2(&mut fast, d);
            assert_eq!(String::from_utf8(fast).unwrap(), fixed2(d), "{d}");
        }
    }

    #[test]
    fn rows_are_written_by_the_csv_writer_with_crlf_and_quoting() {
        let mut out = Vec::new();
        write_record(&mut out, &["1", "say \"hi\"", "多\n行", "a,b", "=1"]).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "1,\"say \"\"hi\"\"\",\"多\n行\",\"a,b\",=1\r\n");
        assert_eq!(defused("=1+2"), "'=1+2");
        assert_eq!(defused("@x"), "'@x");
    }
}
