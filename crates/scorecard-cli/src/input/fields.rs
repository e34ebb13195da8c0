//! One way to turn a row of fields into a record, for CSV and spreadsheets alike.
//!
//! Header texts are matched to inputs by [`Names`] (shared with the
//! workbench); a header that names no input keeps its text as the record
//! key (the engine ignores it, and `eval` notes it once). Each row becomes a JSON object whose values are
//! JSON strings, so every value is read exactly, units included (`92.5%`,
//! `152.3万件`); no number passes through a float. An empty cell is `null`, a
//! missing value, which the engine reports if an indicator needs it. A cell
//! that cannot be read (a spreadsheet error value such as `#DIV/0!`) fails the
//! record with the cell's position, `Sheet1!C7`; the failure keeps the row's
//! readable cells, so the record's name and values still reach the workbook.

use scorecard::{Lang, RecordError};
use scorecard_table::cell::{cell_ref, CellProblem};
use scorecard_table::records::Field;
pub use scorecard_table::records::Names;

use crate::failure::{BadCell, CellReason, Failure, InputProblem};

/// A header row, ready to turn rows into records.
#[derive(Debug, Default)]
pub struct Columns {
    /// Each column's key as a JSON string followed by `:`, or `None` to ignore the column.
    keys: Vec<Option<String>>,
    /// The header's column texts (trimmed, blank ones left out).
    names: Vec<String>,
    /// Each named column: its input key, 0-based column index and header text.
    places: Vec<(String, usize, String)>,
}

/// Where a record's values sit, to name the cell of a value the engine rejects.
#[derive(Debug, Clone, Default)]
pub enum Places {
    /// JSON input: the record's line is all there is.
    #[default]
    None,
    /// A CSV file: line, column and header.
    Csv(Vec<(String, usize, String)>),
    /// A sheet: `数据!F3`.
    Sheet {
        /// The sheet's name.
        sheet: String,
        /// The 0-based sheet column of the header's first cell.
        first_column: u32,
        /// Each named column: input key, 0-based index from `first_column`, header text.
        columns: Vec<(String, usize, String)>,
    },
}

impl Places {
    /// The failure for the engine's errors about the record at `line`, each naming its cell if known.
    pub fn rejected(&self, line: u64, error: RecordError, lang: Lang) -> Failure {
        if matches!(self, Places::None) {
            return Failure::Record(error);
        }
        let cells = error
            .errors
            .iter()
            .map(|e| e.input.as_ref().and_then(|input| self.place(line, &input.key, lang)))
            .collect();
        Failure::Placed { error, cells }
    }

    /// The place of input `key`'s value in the record at `line`: `数据!F3`,
    /// `第 3 行第 6 列（spending）` or `row 3, column 6 (spending)`.
    pub fn place(&self, line: u64, key: &str, lang: Lang) -> Option<String> {
        match self {
            Places::None => None,
            Places::Csv(columns) => {
                let (_, index, header) = columns.iter().find(|(k, _, _)| k == key)?;
                let column = index.saturating_add(1);
                Some(lang.pick(
                    format!("第 {line} 行第 {column} 列（{header}）"),
                    format!("row {line}, column {column} ({header})"),
                ))
            }
            Places::Sheet { sheet, first_column, columns } => {
                let (_, index, _) = columns.iter().find(|(k, _, _)| k == key)?;
                let col = first_column.saturating_add(u32::try_from(*index).ok()?);
                let row = u32::try_from(line).ok()?.checked_sub(1)?;
                Some(cell_ref(sheet, row, col))
            }
        }
    }
}

impl Columns {
    /// The columns of a header row.
    pub fn new<'h>(header: impl IntoIterator<Item = &'h str>, names: &Names) -> Self {
        let mut columns = Columns::default();
        for (index, text) in header.into_iter().enumerate() {
            let text = text.trim();
            if text.is_empty() {
                columns.keys.push(None);
                continue;
            }
            let key = names.key(text).unwrap_or(text);
            columns.places.push((key.to_owned(), index, text.to_owned()));
            columns.keys.push(Some(format!("{}:", json_string(key))));
            columns.names.push(text.to_owned());
        }
        columns
    }

    /// The header's column texts, in order (blank ones left out).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Each named column: input key, 0-based column index, header text.
    pub fn places(&self) -> Vec<(String, usize, String)> {
        self.places.clone()
    }

    /// A row's fields as a JSON object of strings, empty fields as `null`.
    /// `size` is a hint of the row's length in bytes.
    pub fn record(&self, mut fields: Vec<Field>, size: usize) -> Result<String, Failure> {
        // Cells past the last named column may be missing, and cells past the header may be blank.
        let needed = self.keys.iter().rposition(Option::is_some).map_or(0, |i| i.saturating_add(1));
        let width = self.keys.len();
        let found = fields.len();
        let extra_blank = fields.get(width..).is_none_or(|extra| extra.iter().all(|f| *f == Field::Empty));
        if found < needed || !extra_blank {
            let expected = if found < needed { needed } else { width };
            return Err(Failure::Input(InputProblem::CsvCells { found, expected }));
        }
        fields.truncate(width);
        let bad = bad_cells(&self.keys, &fields);
        let json = self.object(&fields, size);
        if bad.is_empty() {
            Ok(json)
        } else {
            Err(Failure::Input(InputProblem::BadCells { cells: bad, readable: json }))
        }
    }

    /// The named columns of `fields` as a JSON object of strings; empty and unreadable cells are `null`.
    fn object(&self, fields: &[Field], size: usize) -> String {
        let mut json = String::with_capacity(size.saturating_mul(2).saturating_add(64));
        json.push('{');
        for (key, field) in self.keys.iter().zip(fields) {
            let Some(key) = key else { continue };
            if json.len() > 1 {
                json.push(',');
            }
            json.push_str(key);
            match field {
                Field::Text(text) if !text.trim().is_empty() => json.push_str(&json_string(text)),
                Field::Text(_) | Field::Empty | Field::Bad { .. } => json.push_str("null"),
            }
        }
        json.push('}');
        json
    }
}

/// The unreadable cells of the named columns, in order.
fn bad_cells(keys: &[Option<String>], fields: &[Field]) -> Vec<BadCell> {
    keys.iter()
        .zip(fields)
        .filter(|(key, _)| key.is_some())
        .filter_map(|(_, field)| match field {
            Field::Bad { cell, problem } => Some(BadCell { cell: cell.clone(), reason: reason(problem) }),
            Field::Text(_) | Field::Empty => None,
        })
        .collect()
}

fn reason(problem: &CellProblem) -> CellReason {
    match problem {
        CellProblem::ErrorValue(value) => CellReason::ErrorValue { value: value.clone() },
        CellProblem::NotANumber => CellReason::NotANumber,
        CellProblem::NotADate => CellReason::NotADate,
    }
}

/// A CSV cell's text as a field: blank text is empty.
pub fn text_field(text: String) -> Field {
    if text.trim().is_empty() {
        Field::Empty
    } else {
        Field::Text(text)
    }
}

/// `text` as a JSON string literal.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "null".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_headers_are_ignored_and_blank_cells_are_null() {
        let columns = Columns::new(["名称", " a ", "", "b"], &Names::default());
        assert_eq!(columns.names(), ["名称", "a", "b"]);
        let fields = vec![text_field("一号".into()), text_field("5".into()), Field::Empty, Field::Empty];
        assert_eq!(columns.record(fields, 10).unwrap(), r#"{"名称":"一号","a":"5","b":null}"#);
    }

    #[test]
    fn every_bad_cell_is_named() {
        let columns = Columns::new(["a", "b", "c"], &Names::default());
        let bad = |c: &str| Field::Bad { cell: c.to_owned(), problem: CellProblem::ErrorValue("#N/A".into()) };
        let failure = columns.record(vec![bad("Sheet1!A2"), text_field("1".into()), bad("Sheet1!C2")], 10).unwrap_err();
        assert_eq!(failure.readable(), Some(r#"{"a":null,"b":"1","c":null}"#));
        let Failure::Input(InputProblem::BadCells { cells, .. }) = failure else { panic!("{failure:?}") };
        let named: Vec<&str> = cells.iter().map(|c| c.cell.as_str()).collect();
        assert_eq!(named, ["Sheet1!A2", "Sheet1!C2"]);
    }
}
