//! Why a record was not scored: the engine's data errors, or a problem
//! reading the record itself (too long, not valid text, a CSV row of the wrong width).

use scorecard::{DataError, Lang, RecordError};
use scorecard_table::cell::CellProblem;
use scorecard_table::records::csv::CsvProblem;
use serde::Serialize;
use serde_json::{Map, Value};

/// A problem found while reading a record, before the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InputProblem {
    /// A JSON Lines line or a CSV row is longer than `--max-record-bytes`.
    LineTooLong {
        /// The limit, in bytes.
        limit: u64,
    },
    /// A JSON Lines line went on past `--max-record-bytes` and then past
    /// `--max-data-bytes` more without ending; the rest of the input was not read.
    LineNeverEnds {
        /// The limit skipped, in bytes.
        limit: u64,
    },
    /// A data file read whole is larger than `--max-data-bytes`.
    FileTooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The bytes are not UTF-8.
    InvalidUtf8 {
        /// 1-based byte column of the first invalid byte on its line.
        byte: usize,
    },
    /// The bytes are not valid text in the encoding `--encoding` names.
    InvalidEncoding {
        /// The encoding's name: `GBK`, `GB18030`.
        encoding: &'static str,
        /// 1-based byte column of the first invalid byte on its line.
        byte: usize,
    },
    /// A CSV row has fewer cells than the header's named columns, or more
    /// (non-blank) cells than the header.
    CsvCells {
        /// Cells in the row.
        found: usize,
        /// Cells it needs to line up with the header.
        expected: usize,
    },
    /// A CSV cell opens a quote that is never closed.
    UnterminatedQuote {
        /// 1-based line of the opening quote.
        line: u64,
        /// 1-based column of the opening quote, in characters.
        column: u64,
    },
    /// Spreadsheet cells that cannot be read, such as `#DIV/0!`.
    BadCells {
        /// Each unreadable cell of the record, in column order.
        cells: Vec<BadCell>,
        /// The row's readable cells as a JSON object of strings (unreadable
        /// ones `null`), so the record keeps its name and values in the
        /// workbook; not part of the error's JSON.
        #[serde(skip)]
        readable: String,
    },
}

/// A spreadsheet cell that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BadCell {
    /// Where: `Sheet1!C7`.
    pub cell: String,
    /// Why.
    pub reason: CellReason,
}

/// Why a spreadsheet cell cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CellReason {
    /// An Excel error value.
    ErrorValue {
        /// The value: `#DIV/0!`, `#N/A`, ….
        value: String,
    },
    /// A number with no 28-digit decimal form.
    NotANumber,
    /// A time of day or a duration where a date was expected.
    NotADate,
}

impl BadCell {
    /// The message in language `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let problem = match &self.reason {
            CellReason::ErrorValue { value } => CellProblem::ErrorValue(value.clone()),
            CellReason::NotANumber => CellProblem::NotANumber,
            CellReason::NotADate => CellProblem::NotADate,
        };
        problem.message(&self.cell, lang)
    }
}

impl InputProblem {
    /// The message in language `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            InputProblem::LineTooLong { limit } => lang.pick(
                format!("该行超过 {limit} 字节的上限（--max-record-bytes）"),
                format!("the line is longer than the limit of {limit} bytes (--max-record-bytes)"),
            ),
            InputProblem::LineNeverEnds { limit } => lang.pick(
                format!("该行超过记录上限（--max-record-bytes）后又过了 {limit} 字节（--max-data-bytes）仍未结束，其后的数据均未读取"),
                format!("the line did not end within {limit} bytes after the record limit (--max-record-bytes, then --max-data-bytes); the rest of the input was not read"),
            ),
            InputProblem::FileTooLarge { limit } => lang.pick(
                format!("数据文件超过 {limit} 字节的上限（--max-data-bytes）；大批量数据请用 JSON Lines（每行一条记录）"),
                format!("the data file is larger than the limit of {limit} bytes (--max-data-bytes); use JSON Lines (one record a line) for large batches"),
            ),
            InputProblem::InvalidUtf8 { byte } => lang.pick(
                format!("第 {byte} 字节起不是有效的 UTF-8 文本（GBK/GB18030 数据请加 --encoding gbk）"),
                format!("not valid UTF-8 text from byte {byte} (for GBK/GB18030 data pass --encoding gbk)"),
            ),
            InputProblem::InvalidEncoding { encoding, byte } => lang.pick(
                format!("第 {byte} 字节起不是有效的 {encoding} 文本（--encoding）"),
                format!("not valid {encoding} text from byte {byte} (--encoding)"),
            ),
            InputProblem::CsvCells { found, expected } => lang.pick(
                format!("该行有 {found} 个单元格，与表头对齐应为 {expected} 个"),
                format!("the row has {found} cells; lined up with the header row it needs {expected}"),
            ),
            InputProblem::UnterminatedQuote { line, column } => {
                CsvProblem::UnterminatedQuote { line: *line, column: *column }.message(lang)
            }
            InputProblem::BadCells { cells, .. } => {
                cells.iter().map(|c| c.message(lang)).collect::<Vec<_>>().join(lang.pick("；", "; "))
            }
        }
    }
}

/// Why one record was not scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The engine rejected the record.
    Record(RecordError),
    /// The engine rejected the record read from a table, whose cells are known.
    Placed {
        /// The engine's errors.
        error: RecordError,
        /// For each error, in order, the cell of the input it is about: `数据!F3`, `row 3, column 6 (spending)`.
        cells: Vec<Option<String>>,
    },
    /// The record could not be read.
    Input(InputProblem),
}

impl Failure {
    /// One message per problem, in language `lang`.
    pub fn messages(&self, lang: Lang) -> Vec<String> {
        match self {
            Failure::Record(e) => e.errors.iter().map(DataError::message).collect(),
            Failure::Placed { error, cells } => error
                .errors
                .iter()
                .zip(cells)
                .map(|(e, cell)| match cell {
                    Some(cell) => format!("{cell}{}{}", lang.pick("：", ": "), e.message()),
                    None => e.message(),
                })
                .collect(),
            Failure::Input(InputProblem::BadCells { cells, .. }) => cells.iter().map(|c| c.message(lang)).collect(),
            Failure::Input(p) => vec![p.message(lang)],
        }
    }

    /// The cells that could be read of a record that could not be read whole
    /// (a spreadsheet row with an unreadable cell), as a JSON object of strings.
    pub fn readable(&self) -> Option<&str> {
        match self {
            Failure::Input(InputProblem::BadCells { readable, .. }) => Some(readable),
            Failure::Record(_) | Failure::Placed { .. } | Failure::Input(_) => None,
        }
    }

    /// `{"line":N,"errors":[{"message":…, "kind":…, …}]}` on one line. Each
    /// error is the engine's serialised error plus its human `message`.
    pub fn to_json(&self, line: u64, lang: Lang) -> String {
        let errors: Vec<Value> = match self {
            Failure::Record(e) => e.errors.iter().map(|error| with_message(error, error.message())).collect(),
            Failure::Placed { error, cells } => {
                let messages = self.messages(lang);
                error
                    .errors
                    .iter()
                    .zip(cells)
                    .zip(messages)
                    .map(|((error, cell), message)| with_cell(with_message(error, message), cell.as_deref()))
                    .collect()
            }
            Failure::Input(problem) => vec![with_message(problem, problem.message(lang))],
        };
        let json = FailureJson { line, errors };
        serde_json::to_string(&json).unwrap_or_else(|_| format!("{{\"line\":{line},\"errors\":[]}}"))
    }
}

/// The JSON shape of a failed record; fields in this order.
#[derive(Serialize)]
struct FailureJson {
    line: u64,
    errors: Vec<Value>,
}

/// An error's JSON object with `cell` added when the cell is known.
fn with_cell(mut error: Value, cell: Option<&str>) -> Value {
    if let (Value::Object(map), Some(cell)) = (&mut error, cell) {
        map.insert("cell".to_owned(), Value::String(cell.to_owned()));
    }
    error
}

/// `error` as a JSON object with `message` added.
fn with_message(error: &impl Serialize, message: String) -> Value {
    let mut map = match serde_json::to_value(error) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    map.insert("message".to_owned(), Value::String(message));
    Value::Object(map)
}
