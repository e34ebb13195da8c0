//! Spreadsheet rows as records: the header row, then one record per row, each cell read as the analyst sees it.
//!
//! The first sheet is read, or the one named with `--sheet`. The first row
//! with a non-empty cell is the header; each later row is one record. A row
//! whose first non-empty cell starts with `#` is a note (templates describe
//! their columns in one) and is skipped, as are rows with no value at all.
//! Cells are read by [`crate::cell::read_cell`] with the number format the
//! workbook gives each cell, so a percentage cell is read in percent, a date
//! cell as a date, and a number at Excel's 15 significant digits.
//!
//! Matching headers to inputs is the caller's job: this module gives the
//! header texts and, for every row, one [`Field`] per column.

use std::io::{Cursor, Read, Seek};
use std::path::Path;

use calamine::{open_workbook_auto, open_workbook_auto_from_rs, Data, Range, Reader, Sheets, StyleRange};
use scorecard::Lang;

use crate::cell::{cell_ref, read_cell, CellProblem, CellValue};

/// Default bound on a workbook's file size: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The records of one sheet.
#[derive(Debug)]
pub struct SheetRecords {
    /// The sheet's name.
    pub sheet: String,
    /// The header texts, one per column from the first column used (blank headers are empty).
    pub header: Vec<String>,
    /// The 0-based sheet column of the first header text (`header[i]` is column `first_column + i`).
    pub first_column: u32,
    /// The records, in sheet order.
    pub rows: Vec<SheetRow>,
}

/// One record: its place and one field per header column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based row number, as Excel shows it.
    pub row: u32,
    /// One field per header column.
    pub fields: Vec<Field>,
}

/// One cell of a record, ready for the record reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// No value.
    Empty,
    /// The value as text: `217.557`, `92.5%`, `2021-03-31`, `是`.
    Text(String),
    /// The cell cannot be read.
    Bad {
        /// Where: `Sheet1!C7`.
        cell: String,
        /// Why.
        problem: CellProblem,
    },
}

/// Why a workbook gives no records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// The file is larger than the limit; it was not opened.
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The workbook is protected by a password.
    Encrypted,
    /// The file cannot be read as a workbook (corrupt, or not a spreadsheet).
    Unreadable(String),
    /// `--sheet NAME` names no sheet of the workbook.
    NoSuchSheet {
        /// The name asked for.
        name: String,
        /// The sheets the workbook has.
        sheets: Vec<String>,
    },
    /// The workbook has no sheet at all.
    NoSheets,
}

impl SheetError {
    /// The message in language `lang`, naming the file.
    #[must_use]
    pub fn message(&self, file: &str, lang: Lang) -> String {
        match self {
            Self::TooLarge { size, limit } => lang.pick(
                format!("{file} 有 {size} 字节，超过 {limit} 字节的上限（--max-data-bytes）；请拆分工作簿或调高上限"),
                format!("{file} is {size} bytes, over the limit of {limit} bytes (--max-data-bytes); split the workbook or raise the limit"),
            ),
            Self::Encrypted => lang.pick(
                format!("{file} 设有打开密码，无法读取；请在 Excel 中去掉密码（文件 → 信息 → 保护工作簿）后另存"),
                format!("{file} is protected by a password and cannot be read; remove the password in Excel (File → Info → Protect Workbook) and save it again"),
            ),
            Self::Unreadable(why) => lang.pick(
                format!("{file} 不是可读的工作簿（.xlsx、.xls、.ods）：{why}"),
                format!("{file} is not a readable workbook (.xlsx, .xls, .ods): {why}"),
            ),
            Self::NoSuchSheet { name, sheets } => lang.pick(
                format!("{file} 中没有名为「{name}」的工作表；现有：{}", sheets.join("、")),
                format!("{file} has no sheet named `{name}`; it has: {}", sheets.join(", ")),
            ),
            Self::NoSheets => lang.pick(format!("{file} 中没有工作表"), format!("{file} has no sheet")),
        }
    }
}

/// Reads the records of `sheet` (or the first sheet) of the workbook at `path`,
/// refusing a file larger than `max_bytes` before opening it.
///
/// # Errors
/// The file is too large, encrypted, unreadable, or has no such sheet.
pub fn read_records(path: &Path, sheet: Option<&str>, max_bytes: u64) -> Result<SheetRecords, SheetError> {
    let size = std::fs::metadata(path).map_err(|e| SheetError::Unreadable(e.to_string()))?.len();
    if size > max_bytes {
        return Err(SheetError::TooLarge { size, limit: max_bytes });
    }
    let book = open_workbook_auto(path).map_err(|e| unreadable(&e))?;
    sheet_records(book, sheet)
}

/// Reads the records of `sheet` (or the first sheet) of a workbook held in
/// memory, as a browser upload is; its kind (.xlsx, .xls, .ods) is told from its bytes.
///
/// # Errors
/// The bytes are not a readable workbook, or it has no such sheet.
pub fn read_records_from(bytes: &[u8], sheet: Option<&str>) -> Result<SheetRecords, SheetError> {
    let book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    sheet_records(book, sheet)
}

/// The records of the named (or first) sheet of an open workbook.
fn sheet_records<R: Read + Seek>(mut book: Sheets<R>, sheet: Option<&str>) -> Result<SheetRecords, SheetError> {
    let name = pick_sheet(&book, sheet)?;
    let values = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
    // Styles only tell number formats; a workbook without them is read as General.
    let styles = book.worksheet_style(&name).unwrap_or_default();
    Ok(records(name, &values, &styles))
}

/// The sheet to read: the one named, or the first.
fn pick_sheet<R: Read + Seek>(book: &Sheets<R>, sheet: Option<&str>) -> Result<String, SheetError> {
    let sheets = book.sheet_names();
    match sheet {
        Some(name) if sheets.iter().any(|s| s == name) => Ok(name.to_owned()),
        Some(name) => Err(SheetError::NoSuchSheet { name: name.to_owned(), sheets }),
        None => sheets.into_iter().next().ok_or(SheetError::NoSheets),
    }
}

fn unreadable(e: &calamine::Error) -> SheetError {
    let password = matches!(e, calamine::Error::Xlsx(calamine::XlsxError::Password))
        || matches!(e, calamine::Error::Xls(calamine::XlsError::Password));
    if password {
        SheetError::Encrypted
    } else {
        SheetError::Unreadable(e.to_string())
    }
}

/// The header and records of a sheet's cells.
fn records(sheet: String, values: &Range<Data>, styles: &StyleRange) -> SheetRecords {
    let (Some((top, left)), Some((bottom, right))) = (values.start(), values.end()) else {
        return SheetRecords { sheet, header: Vec::new(), first_column: 0, rows: Vec::new() };
    };
    let reader = RowReader { sheet: &sheet, values, styles, left, right };
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for row in top..=bottom {
        let fields = reader.fields(row);
        if fields.iter().all(|f| *f == Field::Empty) || is_note(&fields) {
            continue;
        }
        match header {
            None => header = Some(fields.iter().map(header_text).collect()),
            Some(_) => rows.push(SheetRow { row: row.saturating_add(1), fields }),
        }
    }
    SheetRecords { header: header.unwrap_or_default(), first_column: left, sheet, rows }
}

/// Reads the cells of one row.
struct RowReader<'a> {
    sheet: &'a str,
    values: &'a Range<Data>,
    styles: &'a StyleRange,
    left: u32,
    right: u32,
}

impl RowReader<'_> {
    fn fields(&self, row: u32) -> Vec<Field> {
        (self.left..=self.right).map(|col| self.field(row, col)).collect()
    }

    fn field(&self, row: u32, col: u32) -> Field {
        let data = self.values.get_value((row, col)).unwrap_or(&Data::Empty);
        let format = self.styles.get((row, col)).and_then(|s| s.number_format.as_ref());
        match read_cell(data, format.map(|f| f.format_code.as_str())) {
            Ok(CellValue::Empty) => Field::Empty,
            Ok(value) => value.to_input_text().map_or(Field::Empty, Field::Text),
            Err(problem) => Field::Bad { cell: cell_ref(self.sheet, row, col), problem },
        }
    }
}

/// Whether a row is a note: its first non-empty cell starts with `#`.
fn is_note(fields: &[Field]) -> bool {
    match fields.iter().find(|f| **f != Field::Empty) {
        Some(Field::Text(t)) => t.starts_with('#'),
        _ => false,
    }
}

fn header_text(field: &Field) -> String {
    match field {
        Field::Text(t) => t.clone(),
        Field::Empty | Field::Bad { .. } => String::new(),
    }
}
