//! Bad tables get a clear error naming the file (and the cell or line), quickly, and nothing panics.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::time::Instant;

use common::scratch;
use proptest::prelude::*;
use scorecard_table::document::{read, read_text_dump, DocumentError, ReadLimits};
use scorecard_table::import::{import, ImportError};

fn read_err(name: &str, bytes: &[u8]) -> DocumentError {
    let path = scratch(&format!("bad-{name}")).join(name);
    std::fs::write(&path, bytes).unwrap();
    read(&path, &ReadLimits::default()).unwrap_err()
}

#[test]
fn a_corrupt_workbook_names_the_file() {
    let e = read_err("broken.xlsx", b"PK\x03\x04 not really a zip");
    assert!(matches!(e, DocumentError::Corrupt { .. }), "{e:?}");
    assert!(e.to_string().contains("broken.xlsx"), "{e}");
    let e = read_err("broken.docx", b"hello");
    assert!(matches!(e, DocumentError::Corrupt { .. }), "{e:?}");
}

#[test]
fn an_encrypted_word_document_is_named_as_such() {
    // Office encrypts into an OLE compound file; the zip reader sees its signature.
    let e = read_err("secret.docx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest of a compound file");
    assert!(matches!(e, DocumentError::Encrypted { .. }), "{e:?}");
}

#[test]
fn an_empty_workbook_is_refused() {
    let path = scratch("empty-xlsx").join("empty.xlsx");
    rust_xlsxwriter::Workbook::new().save(&path).unwrap();
    let e = read(&path, &ReadLimits::default()).unwrap_err();
    assert!(matches!(e, DocumentError::Empty { .. }), "{e:?}");
    assert!(e.to_string().contains("empty.xlsx: the file holds no table"), "{e}");
    assert!(matches!(read_err("empty.txt", b""), DocumentError::Empty { .. }));
}

#[test]
fn a_table_without_a_criterion_column_names_the_header_cell() {
    let csv = "项目绩效目标表\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,年办件量,200万件\n";
    let path = scratch("no-criterion").join("t.csv");
    std::fs::write(&path, csv).unwrap();
    let tables = read(&path, &ReadLimits::default()).unwrap();
    let e = import(&tables[0], "t.csv").unwrap_err();
    assert_eq!(e, ImportError::NoCriterionColumn { file: "t.csv".into(), at: "csv!A2".into() });
    assert!(e.to_string().contains("评（扣）分标准"), "{e}");
}

/// A workbook with a header and three indicators; `merge` merges one region below it.
fn merged_xlsx(name: &str, merge: (u32, u16, u32, u16)) -> std::path::PathBuf {
    use rust_xlsxwriter::{Format, Workbook};
    let path = scratch(&format!("merge-{name}")).join(format!("{name}.xlsx"));
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "评（扣）分标准"],
        ["产出指标", "数量指标", "年办件量", "200万件", "年办件量低于200万件，扣10分"],
        ["", "", "办结率", "90%", "办结率低于90%，扣5分"],
        ["", "", "投诉率", "1%", "投诉率高于1%，扣5分"],
    ];
    for (r, row) in (0u32..).zip(rows) {
        for (c, text) in (0u16..).zip(row) {
            sheet.write_string(r, c, text).unwrap();
        }
    }
    let (r0, c0, r1, c1) = merge;
    let text = rows[r0 as usize][usize::from(c0)];
    sheet.merge_range(r0, c0, r1, c1, text, &Format::new()).unwrap();
    book.save(&path).unwrap();
    path
}

fn import_err(path: &std::path::Path) -> ImportError {
    let tables = read(path, &ReadLimits::default()).unwrap();
    import(&tables[0], "t.xlsx").unwrap_err()
}

#[test]
fn a_criterion_merged_over_several_indicators_names_the_range() {
    let e = import_err(&merged_xlsx("shared", (2, 4, 3, 4)));
    assert!(matches!(&e, ImportError::OddMerge { range, .. } if range == "Sheet1!E3:E4"), "{e:?}");
    assert_eq!(
        e.to_string(),
        "t.xlsx: Sheet1!E3:E4: merged cells: one 评（扣）分标准 cell is shared by 2 indicators (办结率、投诉率); \
         import would give it to the first only; unmerge the region and fill in the cell of each row"
    );
}

#[test]
fn an_indicator_merged_over_several_rows_names_the_range() {
    let e = import_err(&merged_xlsx("tall", (2, 2, 3, 2)));
    assert!(
        e.to_string().starts_with("t.xlsx: Sheet1!C3:C4: merged cells: one 三级指标 cell (办结率) spans several rows"),
        "{e}"
    );
}

#[test]
fn groups_merged_down_their_indicators_import_as_meant() {
    let path = merged_xlsx("groups", (1, 0, 3, 0));
    let tables = read(&path, &ReadLimits::default()).unwrap();
    assert_eq!(tables[0].merged.len(), 1);
    assert_eq!(import(&tables[0], "t.xlsx").unwrap().summary().indicators, 3);
}

#[test]
fn a_table_without_a_header_is_refused() {
    let e = import(&read_text_dump("\t甲\n\t乙\n"), "t.txt").unwrap_err();
    assert!(matches!(e, ImportError::NoHeader { .. }), "{e:?}");
}

#[test]
fn a_200_mb_file_is_refused_before_it_is_read() {
    let path = scratch("huge").join("huge.xlsx");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap();
    let started = Instant::now();
    let e = read(&path, &ReadLimits::default()).unwrap_err();
    let took = started.elapsed();
    assert!(matches!(e, DocumentError::TooLarge { bytes: 209_715_200, .. }), "{e:?}");
    // Not an absolute-time assertion on the work: the refusal reads nothing, so it is
    // compared with reading a tiny file in the same run.
    let small = scratch("small").join("s.txt");
    std::fs::write(&small, "\t一级指标\n").unwrap();
    let t0 = Instant::now();
    let _ = read(&small, &ReadLimits::default());
    assert!(took < t0.elapsed() * 50 + std::time::Duration::from_millis(50), "{took:?}");
    std::fs::remove_file(&path).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
    /// Any text, including header words, tabs and `空`, reads and imports without a panic,
    /// and whatever import writes is a rule file the parser reads.
    #[test]
    fn the_text_dump_reader_and_import_never_panic(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("\t一级指标".to_owned()), Just("\t二级指标".to_owned()), Just("\t三级指标".to_owned()),
                Just("\t评（扣）分标准".to_owned()), Just("\t空".to_owned()), Just(String::new()), Just("\t".to_owned()),
                Just("\t满意度低于90%，扣3分".to_owned()), Just("\t有一次黑榜扣分25分".to_owned()),
                Just("\t「a」\"b\"".to_owned()), Just("\t\0".to_owned()),
                "\t[一-龥a-z0-9%，。=]{0,12}", "\t[^\n]{0,12}", "[^\n]{0,20}",
            ],
            0..40,
        )
    ) {
        let text = lines.join("\n");
        let table = read_text_dump(&text);
        if let Ok(draft) = import(&table, "p.txt") {
            let src = draft.to_source();
            prop_assert!(scorecard_syntax::parse(&src, &scorecard_syntax::Limits::default()).is_ok(), "{}", src);
        }
    }
}

#[test]
fn several_tables_ask_for_table_n() {
    let dir = scratch("two-sheets");
    let path = dir.join("two.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    for name in ["甲表", "说明", "乙表"] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        if name != "说明" {
            for (c, h) in ["三级指标", "评（扣）分标准"].iter().enumerate() {
                sheet.write_string(0, u16::try_from(c).unwrap(), *h).unwrap();
            }
            sheet.write_string(1, 0, "满意度").unwrap();
            sheet.write_string(1, 1, "满意度低于90%，扣3分").unwrap();
        } else {
            sheet.write_string(0, 0, "填表说明").unwrap();
        }
    }
    book.save(&path).unwrap();
    let tables = read(&path, &ReadLimits::default()).unwrap();
    let e = scorecard_table::import::choose(&tables, None, "two.xlsx").unwrap_err();
    assert_eq!(
        e.to_string(),
        "two.xlsx holds 2 tables with a 绩效目标表 header (1 = 甲表, 3 = 乙表); choose one with --table N (one draft per table)"
    );
    let third = scorecard_table::import::choose(&tables, Some(3), "two.xlsx").unwrap();
    assert_eq!(third.name, "乙表");
    assert_eq!(import(third, "two.xlsx").unwrap().summary().as_written, 1);
    let e = scorecard_table::import::choose(&tables, Some(4), "two.xlsx").unwrap_err();
    assert!(
        e.to_string()
            .contains("there is no table 4: the file has 3 table(s), numbered from 1 (1 = 甲表, 2 = 说明, 3 = 乙表)"),
        "{e}"
    );
}
