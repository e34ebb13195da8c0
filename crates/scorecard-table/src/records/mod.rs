//! Record input from tables: CSV files and spreadsheets (.xlsx, .xls, .ods),
//! one path for the CLI and the workbench.
//!
//! - [`text`]: decoding (UTF-8, GBK/GB18030), strict: a malformed byte is an error with its place.
//! - [`csv`]: CSV rows of cells, by the `csv` crate.
//! - [`sheet`]: spreadsheet rows of cells, by `calamine`, each cell read as the analyst sees it.
//! - [`header`]: which header texts name which inputs.
//!
//! [`rows`] puts them together for an upload held in memory: the first
//! non-blank, non-note row is the header; each later row is one [`Row`].

pub mod csv;
pub mod header;
pub mod sheet;
pub mod stream;
pub mod text;

use scorecard::Lang;

use crate::cell;

pub use header::Names;
pub use sheet::{read_records, read_records_from, Field, SheetError, SheetRecords, SheetRow, DEFAULT_MAX_BYTES};
pub use text::TextEncoding;

/// One record of a table upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Where the record is: the CSV line it starts on, or the sheet's row number as Excel shows it.
    pub line: u64,
    /// Header text (trimmed) and value for every non-empty cell under a
    /// non-blank header, in column order; or why the row cannot be read, in
    /// the language asked for, naming the place (`数据!F3`, line and column).
    pub fields: Result<Vec<(String, String)>, String>,
    /// For a spreadsheet row, where each non-blank header's value sits:
    /// header text (trimmed) and cell (`Sheet1!C7`), in column order; empty for CSV.
    pub cells: Vec<(String, String)>,
}

impl Row {
    /// The fields as a JSON object of strings, each key the input its header
    /// names (see [`Names`]), so the engine reads every value exactly.
    ///
    /// # Errors
    /// The row could not be read; the message says where and why.
    pub fn json(&self, names: &Names) -> Result<String, String> {
        let fields = self.fields.as_ref().map_err(Clone::clone)?;
        let object: serde_json::Map<String, serde_json::Value> = fields
            .iter()
            .map(|(header, value)| (names.key_or_text(header).to_owned(), serde_json::Value::String(value.clone())))
            .collect();
        Ok(serde_json::Value::Object(object).to_string())
    }

    /// The cell holding input `key`'s value (`Sheet1!C7`), when the row is from a spreadsheet.
    #[must_use]
    pub fn cell(&self, key: &str, names: &Names) -> Option<&str> {
        self.cells.iter().find(|(header, _)| names.key_or_text(header) == key).map(|(_, cell)| cell.as_str())
    }
}

/// Whether `file_name` is a table this module reads: `.csv`, `.xlsx`, `.xlsm`, `.xls` or `.ods`.
#[must_use]
pub fn is_table(file_name: &str) -> bool {
    is_sheet(file_name) || extension(file_name).eq_ignore_ascii_case("csv")
}

/// Whether `file_name` is a spreadsheet: `.xlsx`, `.xlsm`, `.xls` or `.ods`.
#[must_use]
pub fn is_sheet(file_name: &str) -> bool {
    matches!(extension(file_name).to_ascii_lowercase().as_str(), "xlsx" | "xlsm" | "xls" | "ods")
}

fn extension(file_name: &str) -> &str {
    file_name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// The records of the table upload `data`, named `file_name`: a spreadsheet
/// (first sheet) by its extension, otherwise CSV in UTF-8 or, when the bytes
/// are not UTF-8, GBK. A problem with the whole file is one row at line 0.
#[must_use]
pub fn rows(file_name: &str, data: &[u8], lang: Lang) -> Vec<Row> {
    if is_sheet(file_name) {
        return match read_records_from(data, None) {
            Ok(sheet) => sheet_rows(&sheet, lang),
            Err(e) => vec![Row { line: 0, fields: Err(e.message(file_name, lang)), cells: Vec::new() }],
        };
    }
    let encoding = text::guess_encoding(data);
    let text = match encoding.decode(text::strip_bom(data).to_vec()) {
        Ok(text) => text,
        Err(bad) => {
            let (line, column) = byte_place(&bad.bytes, bad.at);
            let name = encoding.name();
            let message = lang.pick(
                format!("{file_name} 第 {line} 行第 {column} 字节起不是有效的 {name} 文本；请另存为 UTF-8 的 CSV"),
                format!("{file_name} is not valid {name} text from line {line}, byte {column}; save it as UTF-8 CSV"),
            );
            return vec![Row { line, fields: Err(message), cells: Vec::new() }];
        }
    };
    csv_records(&text, lang)
}

/// 1-based line and byte column of byte offset `at`.
fn byte_place(bytes: &[u8], at: usize) -> (u64, u64) {
    let before = bytes.get(..at).unwrap_or_default();
    let line = before.iter().filter(|b| **b == b'\n').count();
    let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i.saturating_add(1));
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX).saturating_add(1);
    (count(line), count(at.saturating_sub(start)))
}

fn csv_records(text: &str, lang: Lang) -> Vec<Row> {
    let mut rows = csv::csv_rows(text).into_iter();
    let header: Vec<String> = match rows.next() {
        None => return Vec::new(),
        Some(csv::CsvRow { cells: Ok(cells), .. }) => cells.iter().map(|c| c.trim().to_owned()).collect(),
        Some(csv::CsvRow { line, cells: Err(e) }) => {
            return vec![Row { line, fields: Err(e.message(lang)), cells: Vec::new() }]
        }
    };
    rows.map(|row| {
        let fields = match row.cells {
            Ok(cells) => line_up(&header, cells, lang),
            Err(e) => Err(e.message(lang)),
        };
        Row { line: row.line, fields, cells: Vec::new() }
    })
    .collect()
}

/// A CSV row's cells under the header: non-blank cells past the header are an error.
fn line_up(header: &[String], cells: Vec<String>, lang: Lang) -> Result<Vec<(String, String)>, String> {
    let found = cells.len();
    if cells.get(header.len()..).is_some_and(|extra| extra.iter().any(|c| !c.trim().is_empty())) {
        let width = header.len();
        return Err(lang.pick(
            format!("该行有 {found} 个单元格，表头只有 {width} 列"),
            format!("the row has {found} cells; the header row has {width} columns"),
        ));
    }
    Ok(header
        .iter()
        .zip(cells)
        .filter(|(h, c)| !h.is_empty() && !c.trim().is_empty())
        .map(|(h, c)| (h.clone(), c.trim().to_owned()))
        .collect())
}

fn sheet_rows(sheet: &SheetRecords, lang: Lang) -> Vec<Row> {
    let header: Vec<&str> = sheet.header.iter().map(|h| h.trim()).collect();
    sheet
        .rows
        .iter()
        .map(|row| {
            let mut fields = Vec::new();
            let mut bad = Vec::new();
            let mut cells = Vec::new();
            let row0 = row.row.saturating_sub(1);
            // Every named column has its cell, so a missing value is named too.
            for ((col, h), field) in (sheet.first_column..).zip(&header).zip(fields_padded(&row.fields)) {
                if h.is_empty() {
                    continue;
                }
                cells.push(((*h).to_owned(), cell::cell_ref(&sheet.sheet, row0, col)));
                match field {
                    Some(Field::Text(t)) if !t.trim().is_empty() => {
                        fields.push(((*h).to_owned(), t.trim().to_owned()));
                    }
                    Some(Field::Text(_) | Field::Empty) | None => {}
                    Some(Field::Bad { cell, problem }) => bad.push(problem.message(cell, lang)),
                }
            }
            let fields = if bad.is_empty() { Ok(fields) } else { Err(bad.join(lang.pick("；", "; "))) };
            Row { line: u64::from(row.row), fields, cells }
        })
        .collect()
}

/// A row's fields, then `None` for ever (a row may stop before the header's last column).
fn fields_padded(fields: &[Field]) -> impl Iterator<Item = Option<&Field>> {
    fields.iter().map(Some).chain(std::iter::repeat(None))
}

#[cfg(test)]
mod tests;
