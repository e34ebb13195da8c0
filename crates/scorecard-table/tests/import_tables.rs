//! Three 绩效目标表 import had never seen (education, health, farmland: other
//! column orders, title rows, one- and two-row headers, a 分值 column, `空`
//! placeholders, a 指标值 that is not a number): each imports to the reviewed
//! draft, and its .xlsx and .docx forms give the same draft as its text form.
//!
//! The fixtures are written by `tests/fixtures/tables/make.py`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use scorecard::Scorecard;
use scorecard_table::document::{read, ReadLimits};
use scorecard_table::import::{choose, import, Draft};

fn draft(name: &str, ext: &str) -> Draft {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tables").join(format!("{name}.{ext}"));
    let tables = read(&path, &ReadLimits::default()).unwrap_or_else(|e| panic!("{e}"));
    let table = choose(&tables, None, name).unwrap();
    // Named alike in every form, so the drafts' notes compare equal.
    import(table, &format!("{name}.表")).unwrap_or_else(|e| panic!("{e}"))
}

/// The draft of the text form, snapshotted; the other forms must equal it,
/// and the draft must check with no error.
fn check(name: &str) -> Draft {
    let txt = draft(name, "txt");
    for ext in ["xlsx", "docx"] {
        assert_eq!(draft(name, ext).to_source(), txt.to_source(), "{name}.{ext} against {name}.txt");
    }
    let src = txt.to_source();
    if let Err(e) = Scorecard::compile(&src) {
        panic!("{name}: the draft does not compile: {e:?}\n{src}");
    }
    insta::assert_snapshot!(name, src);
    txt
}

fn counts(d: &Draft) -> (usize, usize) {
    let s = d.summary();
    (s.indicators, s.as_written)
}

#[test]
fn an_education_table_with_a_points_column() {
    let d = check("education-2023");
    assert_eq!(counts(&d), (6, 5), "{:?}", d.summary());
    assert!(d.file.total.is_some_and(|t| t.node == scorecard::Decimal::from(100)));
}

#[test]
fn a_health_table_with_a_two_row_header_and_a_value_that_is_not_a_number() {
    let d = check("health-2022");
    assert_eq!(counts(&d), (5, 4), "{:?}", d.summary());
    let src = d.to_source();
    assert!(src.contains("# 指标值（原文）：居民电子健康档案建档率：≥ 逐步提高\n"), "{src}");
}

#[test]
fn a_farmland_table_without_unit_or_operator_columns() {
    let d = check("farmland-2024");
    // 万亩 and 公斤 are units the language knows (1 万亩 = 10,000 亩, 1 吨 =
    // 1,000 公斤), so the area and yield targets score as written; 元/亩 is not a
    // unit at all, so 亩均财政投入 alone needs a person (the draft proposes 3000元).
    assert_eq!(counts(&d), (5, 4), "{:?}", d.summary());
    assert_eq!(d.summary().needs_review, ["亩均财政投入"]);
    assert!(d.to_source().contains("计分表 「2024年高标准农田建设项目绩效目标表」"));
}

#[test]
fn a_name_that_cannot_stand_bare_is_quoted_and_read_as_written() {
    let csv = "一级指标,二级指标,三级指标,指标值,评（扣）分标准\n\
               产出指标,数量指标,新增加就业人数,≥100人,新增加就业人数低于100人，扣5分\n\
               产出指标,数量指标,2024年培训人次,≥500人次,2024年培训人次低于500人次，扣5分\n";
    let tables = scorecard_table::document::read_csv(csv.as_bytes(), "t.csv").unwrap();
    let d = import(&tables[0], "t.csv").unwrap();
    assert_eq!(counts(&d), (2, 2), "{:?}", d.summary());
    let src = d.to_source();
    assert!(src.contains("评分 「新增加就业人数」低于100人，扣5分\n"), "{src}");
    assert!(src.contains("评分 「2024年培训人次」低于500人次，扣5分\n"), "{src}");
    assert!(src.contains("评分标准 「新增加就业人数低于100人，扣5分」"), "the table's words are kept: {src}");
}
