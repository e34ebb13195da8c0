//! Fixtures shared by the import tests: the seed table as text, and the same table written as .xlsx and .docx.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    dead_code
)]

use std::io::Write as _;
use std::path::{Path, PathBuf};

use scorecard_table::document::read_text_dump;
use scorecard_table::import::{entries, Entry, Header};

/// The seed table, the text dump copied out of the published PDF.
pub const SEED: &str = include_str!("../../../../examples/chenggong-2021/table.txt");

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The seed's indicator rows.
pub fn seed_entries() -> Vec<Entry> {
    let table = read_text_dump(SEED);
    let header = Header::find(&table).unwrap();
    entries(&table, &header)
}

/// The ten columns of one entry, as the published table has them.
pub fn columns(e: &Entry) -> [String; 10] {
    [&e.level1, &e.level2, &e.name, &e.op, &e.value, &e.unit, &e.nature, &e.criterion, &e.content, &e.basis]
        .map(|s| s.to_string())
}

const LOWER_HEADER: [&str; 7] = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "指标属性"];
const UPPER_RIGHT: [&str; 3] = ["评（扣）分标准", "指标内容", "绩效指标值设定依据及数据来源"];

/// Runs of equal text in one column: (first row, last row) with the text.
fn runs(values: &[String]) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.2 == *v => last.1 = i,
            _ => out.push((i, i, v.clone())),
        }
    }
    out
}

/// The seed as an .xlsx: a merged title row, a two-row header with merged
/// cells, 一级/二级 merged down their indicators, numbers as numbers.
pub fn seed_xlsx(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let rows: Vec<[String; 10]> = seed_entries().iter().map(columns).collect();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("目标表").unwrap();
    let f = Format::new();
    sheet.merge_range(0, 0, 0, 9, "项目绩效目标表", &f).unwrap();
    sheet.merge_range(1, 0, 1, 6, "绩效指标", &f).unwrap();
    for (i, h) in UPPER_RIGHT.iter().enumerate() {
        let c = u16::try_from(7 + i).unwrap();
        sheet.merge_range(1, c, 2, c, h, &f).unwrap();
    }
    for (i, h) in LOWER_HEADER.iter().enumerate() {
        sheet.write_string(2, u16::try_from(i).unwrap(), *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate().skip(2) {
            let (r, c) = (u32::try_from(r + 3).unwrap(), u16::try_from(c).unwrap());
            match v.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).unwrap(),
                Err(_) => sheet.write_string(r, c, v).unwrap(),
            };
        }
    }
    for col in 0..2u16 {
        let values: Vec<String> = rows.iter().map(|r| r[usize::from(col)].clone()).collect();
        for (first, last, text) in runs(&values) {
            let (a, b) = (u32::try_from(first + 3).unwrap(), u32::try_from(last + 3).unwrap());
            if a == b {
                sheet.write_string(a, col, &text).unwrap();
            } else {
                sheet.merge_range(a, col, b, col, &text, &f).unwrap();
            }
        }
    }
    book.save(path).unwrap();
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// One `w:tc`: `span` grid columns; `merge` is `Some("restart")`, `Some("")` (continue) or `None`.
fn tc(text: &str, span: usize, merge: Option<&str>) -> String {
    let mut pr = String::new();
    if span > 1 {
        pr.push_str(&format!(r#"<w:gridSpan w:val="{span}"/>"#));
    }
    match merge {
        Some("restart") => pr.push_str(r#"<w:vMerge w:val="restart"/>"#),
        Some(_) => pr.push_str("<w:vMerge/>"),
        None => {}
    }
    let body = if text.is_empty() { String::new() } else { format!("<w:r><w:t>{}</w:t></w:r>", xml_escape(text)) };
    format!("<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{body}</w:p></w:tc>")
}

/// The seed as a .docx: the same layout, merges as `gridSpan` and `vMerge`.
pub fn seed_docx(path: &Path) {
    let rows: Vec<[String; 10]> = seed_entries().iter().map(columns).collect();
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>附件</w:t></w:r></w:p><w:tbl>"#,
    );
    xml.push_str(&format!("<w:tr>{}</w:tr>", tc("项目绩效目标表", 10, None)));
    let upper: String = UPPER_RIGHT.iter().map(|h| tc(h, 1, Some("restart"))).collect();
    xml.push_str(&format!("<w:tr>{}{upper}</w:tr>", tc("绩效指标", 7, None)));
    let lower: String = LOWER_HEADER.iter().map(|h| tc(h, 1, None)).collect();
    let cont: String = (0..3).map(|_| tc("", 1, Some(""))).collect();
    xml.push_str(&format!("<w:tr>{lower}{cont}</w:tr>"));
    for (r, row) in rows.iter().enumerate() {
        xml.push_str("<w:tr>");
        for (c, v) in row.iter().enumerate() {
            let merged = c < 2 && (r > 0 && rows[r - 1][c] == *v);
            let starts = c < 2 && rows.get(r + 1).is_some_and(|n| n[c] == *v);
            let merge = if merged {
                Some("")
            } else if starts {
                Some("restart")
            } else {
                None
            };
            xml.push_str(&tc(if merged { "" } else { v }, 1, merge));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl></w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", opts).unwrap();
    zip.write_all(
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
    )
    .unwrap();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
}
