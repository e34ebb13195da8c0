//! Reading the tables of a Word document (.docx): `word/document.xml` inside the zip, read with quick-xml.
//!
//! `w:tbl` is a table, `w:tr` a row, `w:tc` a cell; `w:gridSpan` widens a
//! cell over several grid columns (the extra columns are empty, like a
//! merged spreadsheet region); a `w:vMerge` cell that continues the one
//! above is empty. Both are kept as the table's merged regions, named
//! `table 1, rows 3–4, column 2`, so import treats them as it treats a
//! workbook's merged cells. Paragraphs inside a cell are joined by a line
//! break. A table nested in a cell adds its text to that cell.

use std::io::Read as _;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{Cell, DocumentError, Merged, Origin, ReadLimits, Row, Table};

/// Reads every top-level table of a .docx file.
pub(super) fn read(path: &Path, file: &str, limits: &ReadLimits) -> Result<Vec<Table>, DocumentError> {
    let xml = document_xml(path, limits, file)?;
    parse(&xml, limits, file)
}

fn document_xml(path: &Path, limits: &ReadLimits, file: &str) -> Result<Vec<u8>, DocumentError> {
    let corrupt = |reason: String| DocumentError::Corrupt { file: file.to_owned(), kind: "Word document", reason };
    let f =
        std::fs::File::open(path).map_err(|e| DocumentError::Io { file: file.to_owned(), reason: e.to_string() })?;
    let mut zip = match zip::ZipArchive::new(f) {
        Ok(z) => z,
        Err(e) if is_ole(path) => return Err(encrypted_or(file, e.to_string())),
        Err(e) => return Err(corrupt(e.to_string())),
    };
    let entry = zip.by_name("word/document.xml").map_err(|e| corrupt(format!("word/document.xml: {e}")))?;
    let mut xml = Vec::new();
    // Read one byte past the limit to tell "at the limit" from "over it".
    entry.take(limits.max_xml_bytes.saturating_add(1)).read_to_end(&mut xml).map_err(|e| corrupt(e.to_string()))?;
    if u64::try_from(xml.len()).unwrap_or(u64::MAX) > limits.max_xml_bytes {
        return Err(corrupt(format!("word/document.xml unpacks to more than {} bytes", limits.max_xml_bytes)));
    }
    Ok(xml)
}

/// An encrypted Office file is an OLE compound file, not a zip.
fn is_ole(path: &Path) -> bool {
    let mut head = [0u8; 8];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok()
        && head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
}

fn encrypted_or(file: &str, _reason: String) -> DocumentError {
    DocumentError::Encrypted { file: file.to_owned() }
}

/// Where the walk is: tables, rows and cells under construction.
struct Walk {
    tables: Vec<Table>,
    depth: usize,
    row: Option<Row>,
    cell: Option<(String, u32, bool)>,
    para_started: bool,
    cells: usize,
    /// For each grid column of the current table, the merged region a `w:vMerge` continuation extends.
    open: Vec<Option<usize>>,
}

fn parse(xml: &[u8], limits: &ReadLimits, file: &str) -> Result<Vec<Table>, DocumentError> {
    let mut reader = Reader::from_reader(xml);
    let mut w =
        Walk { tables: Vec::new(), depth: 0, row: None, cell: None, para_started: false, cells: 0, open: Vec::new() };
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| DocumentError::Corrupt {
            file: file.to_owned(),
            kind: "Word document",
            reason: format!("word/document.xml at byte {}: {e}", reader.buffer_position()),
        })?;
        match event {
            Event::Start(e) => w.start(&e, false),
            Event::Empty(e) => w.start(&e, true),
            Event::End(e) => w.end(e.local_name().as_ref()),
            Event::Text(t) => w.text(&t.xml10_content()),
            Event::GeneralRef(r) => w.text(&entity(&r)),
            Event::Eof => break,
            _ => {}
        }
        if w.cells > limits.max_cells {
            return Err(DocumentError::TooManyCells { file: file.to_owned(), limit: limits.max_cells });
        }
        buf.clear();
    }
    Ok(w.tables)
}

fn entity(r: &quick_xml::events::BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.xml10_content().as_ref() {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
    .to_owned()
}

/// The value of attribute `name` (any namespace), entities resolved.
pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

impl Walk {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        match e.local_name().as_ref() {
            "tbl" if !empty => {
                self.depth = self.depth.saturating_add(1);
                if self.depth == 1 {
                    let n = self.tables.len().saturating_add(1);
                    self.tables.push(Table { name: format!("表{n}"), rows: Vec::new(), merged: Vec::new() });
                    self.open.clear();
                }
            }
            "tr" if self.depth == 1 && !empty => self.row = Some(Row::default()),
            "tc" if self.depth == 1 && !empty => self.cell = Some((String::new(), 1, false)),
            "gridSpan" if self.depth == 1 => {
                let span = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1u32).clamp(1, 64);
                if let Some(cell) = &mut self.cell {
                    cell.1 = span;
                }
            }
            "vMerge" if self.depth == 1 => {
                let restart = attr(e, "val").is_some_and(|v| v == "restart");
                if let Some(cell) = &mut self.cell {
                    cell.2 = !restart;
                }
            }
            "p" if self.cell.is_some() && !empty => {
                if self.para_started {
                    self.text("\n");
                }
                self.para_started = true;
            }
            "tab" => self.text("\t"),
            "br" => self.text("\n"),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "tbl" => {
                if self.depth == 1 {
                    self.name_merges();
                }
                self.depth = self.depth.saturating_sub(1);
            }
            "tc" if self.depth == 1 => self.finish_cell(),
            "tr" if self.depth == 1 => {
                if let (Some(row), Some(table)) = (self.row.take(), self.tables.last_mut()) {
                    table.rows.push(row);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(cell) = &mut self.cell {
            cell.0.push_str(t);
        }
    }

    fn finish_cell(&mut self) {
        self.para_started = false;
        let (Some((text, span, continued)), Some(row)) = (self.cell.take(), self.row.as_mut()) else { return };
        let table = u32::try_from(self.tables.len()).unwrap_or(u32::MAX);
        let rown = self.tables.last().map_or(0, |t| t.rows.len()).saturating_add(1);
        let text = if continued { String::new() } else { super::visible(&text) };
        let at = (rown.saturating_sub(1), row.cells.len());
        if let Some(table) = self.tables.last_mut() {
            merge(table, &mut self.open, at, span, continued);
        }
        for k in 0..span {
            let col = u32::try_from(row.cells.len()).unwrap_or(u32::MAX).saturating_add(1);
            let origin = Origin::Word { table, row: u32::try_from(rown).unwrap_or(u32::MAX), col };
            let text = if k == 0 { text.clone() } else { String::new() };
            row.cells.push(Cell { text, origin });
            self.cells = self.cells.saturating_add(1);
        }
    }
}

/// Records a Word cell at (row, column) of `table` spanning `span` grid
/// columns: a continuation extends the region open above it; any other cell
/// opens a region (kept only if it turns out to span more than one cell).
fn merge(table: &mut Table, open: &mut Vec<Option<usize>>, at: (usize, usize), span: u32, continued: bool) {
    let (row, col) = at;
    let width = usize::try_from(span).unwrap_or(1).max(1);
    let last_col = col.saturating_add(width).saturating_sub(1);
    if open.len() <= last_col {
        open.resize(last_col.saturating_add(1), None);
    }
    let above = open.get(col).copied().flatten();
    if continued {
        if let Some(region) = above.and_then(|i| table.merged.get_mut(i)) {
            region.last.0 = row;
            return;
        }
    }
    let index = table.merged.len();
    table.merged.push(Merged { first: at, last: (row, last_col), range: String::new() });
    for slot in open.iter_mut().skip(col).take(width) {
        *slot = Some(index);
    }
}

impl Walk {
    /// Drops the one-cell regions of the finished table and names the others as an analyst finds them in Word.
    fn name_merges(&mut self) {
        let n = self.tables.len();
        let Some(table) = self.tables.last_mut() else { return };
        table.merged.retain(|m| m.first != m.last);
        for m in &mut table.merged {
            m.range =
                format!("table {n}, {}, {}", span("row", m.first.0, m.last.0), span("column", m.first.1, m.last.1));
        }
    }
}

/// `row 3` or `rows 3–4`, from 0-based indices.
fn span(what: &str, first: usize, last: usize) -> String {
    let (a, b) = (first.saturating_add(1), last.saturating_add(1));
    if a == b {
        format!("{what} {a}")
    } else {
        format!("{what}s {a}–{b}")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn spans_and_vertical_merges_leave_empty_cells() {
        let xml = br#"<w:document xmlns:w="x"><w:body><w:tbl>
            <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A&amp;B</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl></w:body></w:document>"#;
        let t = parse(xml, &ReadLimits::default(), "f").unwrap();
        let text = |r: usize| t[0].rows[r].cells.iter().map(|c| c.text.clone()).collect::<Vec<_>>();
        assert_eq!(text(0), ["A&B", "", "C"]);
        assert_eq!(text(1), ["1\n2", "", ""]);
        assert_eq!(t[0].rows[1].cells[2].origin, Origin::Word { table: 1, row: 2, col: 3 });
        let merged: Vec<_> = t[0].merged.iter().map(|m| (m.first, m.last, m.range.as_str())).collect();
        assert_eq!(
            merged,
            [((0, 0), (0, 1), "table 1, row 1, columns 1–2"), ((0, 2), (1, 2), "table 1, rows 1–2, column 3")]
        );
    }
}
