//! The merged regions of an OpenDocument spreadsheet (.ods), which calamine does not report.
//!
//! `content.xml` is read with quick-xml: a `table:table-cell` with
//! `table:number-rows-spanned` or `table:number-columns-spanned` above 1
//! starts a merged region; rows and columns are counted with their
//! `number-rows-repeated` / `number-columns-repeated`. Merges are a reading
//! aid: a file whose `content.xml` cannot be read gives none (calamine has
//! already refused a damaged file).

use std::collections::HashMap;
use std::io::Read as _;
use std::path::Path;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::ReadLimits;

/// Each sheet's merged regions in sheet coordinates (0-based, from A1).
pub(super) fn merges(path: &Path, limits: &ReadLimits) -> HashMap<String, Vec<Dimensions>> {
    content_xml(path, limits).map(|xml| parse(&xml)).unwrap_or_default()
}

fn content_xml(path: &Path, limits: &ReadLimits) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let entry = zip.by_name("content.xml").ok()?;
    let mut xml = Vec::new();
    entry.take(limits.max_xml_bytes.saturating_add(1)).read_to_end(&mut xml).ok()?;
    (u64::try_from(xml.len()).ok()? <= limits.max_xml_bytes).then_some(xml)
}

/// Where the walk is in the current sheet.
#[derive(Default)]
struct Walk {
    sheets: HashMap<String, Vec<Dimensions>>,
    sheet: String,
    depth: usize,
    row: u32,
    rows_repeated: u32,
    col: u32,
}

fn parse(xml: &[u8]) -> HashMap<String, Vec<Dimensions>> {
    let mut reader = Reader::from_reader(xml);
    let mut w = Walk::default();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => w.start(&e, false),
            Ok(Event::Empty(e)) => w.start(&e, true),
            Ok(Event::End(e)) => w.end(e.local_name().as_ref()),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
    w.sheets
}

/// A numeric attribute (`table:number-rows-repeated`), 1 when absent or unreadable.
fn count(e: &BytesStart<'_>, name: &str) -> u32 {
    super::docx::attr(e, name).and_then(|v| v.parse().ok()).unwrap_or(1u32).max(1)
}

impl Walk {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        match e.local_name().as_ref() {
            "table" if !empty => {
                self.depth = self.depth.saturating_add(1);
                if self.depth == 1 {
                    self.sheet = super::docx::attr(e, "name").unwrap_or_default();
                    self.row = 0;
                }
            }
            "table-row" if self.depth == 1 => {
                self.col = 0;
                self.rows_repeated = count(e, "number-rows-repeated");
                if empty {
                    self.end("table-row");
                }
            }
            "table-cell" | "covered-table-cell" if self.depth == 1 => {
                let (rows, cols) = (count(e, "number-rows-spanned"), count(e, "number-columns-spanned"));
                if (rows > 1 || cols > 1) && e.local_name().as_ref() == "table-cell" {
                    let end = (
                        self.row.saturating_add(rows.saturating_sub(1)),
                        self.col.saturating_add(cols.saturating_sub(1)),
                    );
                    let region = Dimensions { start: (self.row, self.col), end };
                    self.sheets.entry(self.sheet.clone()).or_default().push(region);
                }
                self.col = self.col.saturating_add(count(e, "number-columns-repeated"));
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "table" => self.depth = self.depth.saturating_sub(1),
            "table-row" if self.depth == 1 => self.row = self.row.saturating_add(self.rows_repeated),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn spans_are_counted_past_repeated_rows_and_columns() {
        let xml = r#"<office:document-content xmlns:table="t" xmlns:office="o"><office:body><office:spreadsheet>
            <table:table table:name="目标表">
            <table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
            <table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell table:number-rows-spanned="2"/></table:table-row>
            <table:table-row><table:covered-table-cell table:number-columns-repeated="3"/><table:covered-table-cell/><table:table-cell table:number-columns-spanned="2"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        let sheets = parse(xml.as_bytes());
        let regions = &sheets["目标表"];
        assert_eq!(regions.len(), 2);
        assert_eq!((regions[0].start, regions[0].end), ((2, 3), (3, 3)));
        assert_eq!((regions[1].start, regions[1].end), ((3, 4), (3, 5)));
    }
}
