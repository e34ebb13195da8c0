//! The neutral `Table` model: rows of cells, each with where it came from, read from any table document.
//!
//! Every reader (workbook, Word document, CSV, the plain-text cell dump)
//! produces the same [`Table`], so import logic never sees a file format.
//! Cell text is trimmed and has no control characters but line breaks; a merged region gives its value to its top-left
//! cell only, and the other cells of the region are empty (as Excel shows them).

mod docx;
mod error;
mod limits;
mod ods;
mod text;
mod workbook;

use std::fmt;
use std::path::Path;

pub use error::DocumentError;
pub use limits::ReadLimits;
pub use text::{read_csv, read_text_dump};

/// One table found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The sheet name, or `表1`, `表2`… for the tables of a Word document.
    pub name: String,
    /// The rows, in document order.
    pub rows: Vec<Row>,
    /// The merged regions the reader knows of (.xlsx, .xls, .ods and .docx), in table coordinates.
    pub merged: Vec<Merged>,
}

/// A merged region of cells: its first and last cell as (row, column)
/// indices into [`Table::rows`], and how an analyst finds it (`Sheet1!C5:C6`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Top-left (row, column).
    pub first: (usize, usize),
    /// Bottom-right (row, column).
    pub last: (usize, usize),
    /// The range as Excel names it.
    pub range: String,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The cells, left to right (a missing cell is an empty one).
    pub cells: Vec<Cell>,
}

/// One cell: its text as the reader sees it and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text, trimmed; numbers as Excel displays them.
    pub text: String,
    /// Where the cell is in its document.
    pub origin: Origin,
}

/// Where a cell is, as an analyst would look for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A spreadsheet cell: `Sheet1!C7`.
    Sheet(String),
    /// A line of a text file (1-based).
    Line(u32),
    /// A Word table cell: table, row and column, 1-based.
    Word {
        /// Which table of the document.
        table: u32,
        /// Row in the table.
        row: u32,
        /// Column in the table (after `gridSpan`).
        col: u32,
    },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sheet(r) => f.write_str(r),
            Self::Line(l) => write!(f, "line {l}"),
            Self::Word { table, row, col } => write!(f, "table {table}, row {row}, column {col}"),
        }
    }
}

impl Row {
    /// The cell at `col`, if the row has one.
    #[must_use]
    pub fn get(&self, col: usize) -> Option<&Cell> {
        self.cells.get(col)
    }

    /// Whether every cell is empty.
    #[must_use]
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.text.is_empty())
    }
}

/// The document formats read, chosen by the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// .xlsx, .xlsm, .xls, .xlsb, .ods (calamine).
    Workbook,
    /// .docx: the tables in `word/document.xml`.
    Docx,
    /// .csv: one table.
    Csv,
    /// Anything else: the plain-text cell dump (one cell per line).
    TextDump,
}

impl Format {
    /// The format of a file, from its extension.
    #[must_use]
    pub fn of(path: &Path) -> Format {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("xlsx" | "xlsm" | "xls" | "xlsb" | "ods") => Format::Workbook,
            Some("docx") => Format::Docx,
            Some("csv") => Format::Csv,
            _ => Format::TextDump,
        }
    }
}

/// Reads every table of a document.
///
/// # Errors
/// The file is too large, cannot be read, is corrupt or encrypted, or holds no table.
pub fn read(path: &Path, limits: &ReadLimits) -> Result<Vec<Table>, DocumentError> {
    read_as(path, &path.display().to_string(), limits)
}

/// Reads every table of a document, naming it `file` in errors (an upload
/// saved to a temporary file is named as the analyst called it). The format
/// comes from `file`'s extension.
///
/// # Errors
/// As [`read`].
pub fn read_as(path: &Path, file: &str, limits: &ReadLimits) -> Result<Vec<Table>, DocumentError> {
    let file = file.to_owned();
    let meta = std::fs::metadata(path).map_err(|e| DocumentError::Io { file: file.clone(), reason: e.to_string() })?;
    if meta.len() > limits.max_file_bytes {
        return Err(DocumentError::TooLarge { file, bytes: meta.len(), limit: limits.max_file_bytes });
    }
    let tables = match Format::of(Path::new(&file)) {
        Format::Workbook => workbook::read(path, &file, limits)?,
        Format::Docx => docx::read(path, &file, limits)?,
        Format::Csv => text::read_csv(&read_bytes(path, &file)?, &file)?,
        Format::TextDump => vec![read_text_dump(&decode(&read_bytes(path, &file)?, &file)?)],
    };
    let tables: Vec<Table> = tables.into_iter().filter(|t| t.rows.iter().any(|r| !r.is_blank())).collect();
    if tables.is_empty() {
        return Err(DocumentError::Empty { file });
    }
    Ok(tables)
}

/// Cell text as shown: trimmed, without control characters other than line
/// breaks (invisible in a table, and refused in a rule file).
pub(crate) fn visible(text: &str) -> String {
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    t.chars().filter(|c| *c == '\n' || !c.is_control()).collect()
}

fn read_bytes(path: &Path, file: &str) -> Result<Vec<u8>, DocumentError> {
    std::fs::read(path).map_err(|e| DocumentError::Io { file: file.to_owned(), reason: e.to_string() })
}

fn decode(bytes: &[u8], file: &str) -> Result<String, DocumentError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let line = bytes.get(..e.utf8_error().valid_up_to()).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        DocumentError::NotUtf8 { file: file.to_owned(), line: line.saturating_add(1) }
    })
}
