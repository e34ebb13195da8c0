//! Spreadsheet records (.xlsx, .xls, .ods): each row after the header becomes a record, as a CSV row does.
//!
//! Cells are read by `scorecard_table` (numbers at Excel's 15 significant
//! digits, percentage cells in percent, date cells as dates); the row then
//! goes through the same [`Columns`] as a CSV row. A record's line is its
//! row number, as Excel shows it, and an unreadable cell is named `Sheet1!C7`.

use std::io;

use scorecard_table::records::{SheetRecords, SheetRow};

use super::fields::{Columns, Names, Places};
use super::{OwnedRecord, Source};

/// The records of one sheet, read whole (the workbook's size is bounded before it is opened).
#[derive(Debug)]
pub struct SheetSource {
    columns: Columns,
    sheet: String,
    first_column: u32,
    rows: std::vec::IntoIter<SheetRow>,
    total: u64,
    read: u64,
}

impl SheetSource {
    /// The records of `sheet`; `names` tells which header texts name inputs.
    pub fn new(sheet: SheetRecords, names: &Names) -> Self {
        let columns = Columns::new(sheet.header.iter().map(String::as_str), names);
        let total = u64::try_from(sheet.rows.len()).unwrap_or(u64::MAX);
        SheetSource {
            columns,
            sheet: sheet.sheet,
            first_column: sheet.first_column,
            rows: sheet.rows.into_iter(),
            total,
            read: 0,
        }
    }

    /// The header's column texts (blank ones left out).
    pub fn columns(&self) -> &[String] {
        self.columns.names()
    }

    /// How many records the sheet has.
    pub fn len(&self) -> u64 {
        self.total
    }
}

impl Source for SheetSource {
    fn next_record(&mut self) -> io::Result<Option<OwnedRecord>> {
        let Some(row) = self.rows.next() else { return Ok(None) };
        self.read = self.read.saturating_add(1);
        let text = self.columns.record(row.fields, 64);
        Ok(Some(OwnedRecord { line: u64::from(row.row), text }))
    }

    fn would_wait(&self) -> bool {
        false
    }

    fn position(&self) -> u64 {
        self.read
    }

    /// Where each input's value sits: `数据!F3`.
    fn places(&self) -> Places {
        let columns = self.columns.places();
        Places::Sheet { sheet: self.sheet.clone(), first_column: self.first_column, columns }
    }
}
