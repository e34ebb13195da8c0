//! Reading text tables: the plain-text cell dump (one cell per line) and CSV.
//!
//! The dump is what copying a table out of a PDF or a web page gives: each
//! cell on its own line, indented with a tab; a tab-only line is an empty
//! cell; a blank line ends the row. Lines that are not indented are the
//! document's prose around the table and end a row too. A line with tabs
//! inside (tab-separated values) is a whole row.

use super::{Cell, DocumentError, Origin, Row, Table};

/// Reads the plain-text cell dump as one table (never fails: any text is some table).
#[must_use]
pub fn read_text_dump(text: &str) -> Table {
    let mut rows = Vec::new();
    let mut row = Row::default();
    for (n, line) in text.lines().enumerate() {
        let origin = Origin::Line(u32::try_from(n.saturating_add(1)).unwrap_or(u32::MAX));
        let line = line.trim_end_matches('\r');
        if let Some(cell) = line.strip_prefix('\t') {
            row.cells.push(Cell { text: clean(cell), origin });
            continue;
        }
        finish(&mut rows, &mut row);
        if line.contains('\t') {
            let cells = line.split('\t').map(|c| Cell { text: clean(c), origin: origin.clone() }).collect();
            rows.push(Row { cells });
        }
    }
    finish(&mut rows, &mut row);
    Table { name: "表1".to_owned(), rows, merged: Vec::new() }
}

fn finish(rows: &mut Vec<Row>, row: &mut Row) {
    if !row.cells.is_empty() {
        rows.push(std::mem::take(row));
    }
}

fn clean(text: &str) -> String {
    super::visible(text)
}

/// Reads a CSV file (UTF-8, optional BOM) as one table; cells are named by
/// line and column.
///
/// # Errors
/// The file is not UTF-8, or is not well-formed CSV.
pub fn read_csv(bytes: &[u8], file: &str) -> Result<Vec<Table>, DocumentError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| csv_error(&e, file))?;
        let line = record.position().map_or(0, csv::Position::line);
        let line = u32::try_from(line).unwrap_or(u32::MAX);
        let mut cells = Vec::new();
        for (col, field) in record.iter().enumerate() {
            let text = std::str::from_utf8(field)
                .map_err(|_| DocumentError::NotUtf8 { file: file.to_owned(), line: line as usize })?;
            let at = crate::cell::cell_ref("csv", line.saturating_sub(1), u32::try_from(col).unwrap_or(u32::MAX));
            cells.push(Cell { text: clean(text), origin: Origin::Sheet(at) });
        }
        rows.push(Row { cells });
    }
    Ok(vec![Table { name: "csv".to_owned(), rows, merged: Vec::new() }])
}

fn csv_error(e: &csv::Error, file: &str) -> DocumentError {
    let line = e.position().map_or(0, csv::Position::line);
    DocumentError::BadCell { file: file.to_owned(), at: format!("line {line}"), reason: e.to_string() }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn a_blank_line_ends_a_row_and_a_tab_only_line_is_an_empty_cell() {
        let t = read_text_dump("title\n\ta\n\t\n\tb\n\n\tc\n");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["a", "", "b"]);
        assert_eq!(t.rows[1].cells[0].origin, Origin::Line(6));
    }

    #[test]
    fn csv_cells_are_named_by_column() {
        let t = read_csv("\u{feff}a,b\n\"x,y\",z\n".as_bytes(), "f").unwrap();
        assert_eq!(t[0].rows[1].cells[0].text, "x,y");
        assert_eq!(t[0].rows[1].cells[1].origin, Origin::Sheet("csv!B2".into()));
    }
}
