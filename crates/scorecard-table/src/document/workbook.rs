//! Reading workbooks (.xlsx, .xls, .xlsb, .ods) with calamine: one table per sheet that has any text,
//! with its merged regions.

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Dimensions, Range, Reader as _, Sheets};

use super::{Cell, DocumentError, Merged, Origin, ReadLimits, Row, Table};
use crate::cell::{cell_ref, column_name, read_cell};

/// Reads every sheet of a workbook.
pub(super) fn read(path: &Path, file: &str, limits: &ReadLimits) -> Result<Vec<Table>, DocumentError> {
    let mut book = open_workbook_auto(path).map_err(|e| open_error(&e, file))?;
    let mut ods = match book {
        Sheets::Ods(_) => super::ods::merges(path, limits),
        Sheets::Xlsx(_) | Sheets::Xls(_) | Sheets::Xlsb(_) => HashMap::new(),
    };
    let mut tables = Vec::new();
    let mut cells = 0usize;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| open_error(&e, file))?;
        cells = cells.saturating_add(range.get_size().0.saturating_mul(range.get_size().1));
        if cells > limits.max_cells {
            return Err(DocumentError::TooManyCells { file: file.to_owned(), limit: limits.max_cells });
        }
        let mut table = sheet(&name, &range, file)?;
        let regions = ods.remove(&name).unwrap_or_default();
        table.merged = merges(&mut book, &name, range.start().map_or(0, |(r, _)| r), regions);
        tables.push(table);
    }
    Ok(tables)
}

/// One sheet as a table; rows and columns keep their places from A1.
fn sheet(name: &str, range: &Range<Data>, file: &str) -> Result<Table, DocumentError> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, data_row) in range.rows().enumerate() {
        let r = row0.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
        let mut cells: Vec<Cell> =
            (0..col0).map(|c| Cell { text: String::new(), origin: Origin::Sheet(cell_ref(name, r, c)) }).collect();
        for (j, data) in data_row.iter().enumerate() {
            let c = col0.saturating_add(u32::try_from(j).unwrap_or(u32::MAX));
            let at = cell_ref(name, r, c);
            let value = read_cell(data, None).map_err(|e| DocumentError::BadCell {
                file: file.to_owned(),
                at: at.clone(),
                reason: e.to_string(),
            })?;
            let text = super::visible(&value.to_input_text().unwrap_or_default());
            cells.push(Cell { text, origin: Origin::Sheet(at) });
        }
        rows.push(Row { cells });
    }
    Ok(Table { name: name.to_owned(), rows, merged: Vec::new() })
}

/// The merged regions of a sheet, rows counted from the sheet's first row
/// (`row0`): calamine's for .xlsx and .xls, `ods` (read by [`super::ods`])
/// for .ods; .xlsb gives none. A region that cannot be read is left out (its
/// cells read as empty, as before).
fn merges<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    name: &str,
    row0: u32,
    ods: Vec<Dimensions>,
) -> Vec<Merged> {
    let regions: Vec<Dimensions> = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Ods(_) => ods,
        Sheets::Xlsb(_) => Vec::new(),
    };
    let index = |r: u32, c: u32| Some((usize::try_from(r.checked_sub(row0)?).ok()?, usize::try_from(c).ok()?));
    regions
        .into_iter()
        .filter_map(|d| {
            let (first, last) = (index(d.start.0, d.start.1)?, index(d.end.0, d.end.1)?);
            let end = format!("{}{}", column_name(d.end.1), u64::from(d.end.0).saturating_add(1));
            Some(Merged { first, last, range: format!("{}:{end}", cell_ref(name, d.start.0, d.start.1)) })
        })
        .collect()
}

fn open_error(e: &calamine::Error, file: &str) -> DocumentError {
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    match e {
        Error::Xlsx(XlsxError::Password)
        | Error::Xls(XlsError::Password)
        | Error::Xlsb(XlsbError::Password)
        | Error::Ods(OdsError::Password) => DocumentError::Encrypted { file: file.to_owned() },
        Error::Io(io) => DocumentError::Io { file: file.to_owned(), reason: io.to_string() },
        other => DocumentError::Corrupt { file: file.to_owned(), kind: "workbook", reason: other.to_string() },
    }
}
