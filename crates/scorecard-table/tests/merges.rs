//! Merged cells in every form: 一级/二级 merged down their indicators
//! (Word `w:vMerge`, spreadsheet merged regions, .ods spans) read as the text
//! form does, and a cell merged across the 评（扣）分标准 column is refused
//! with its place. The fixtures are written by `tests/fixtures/merges/make.py`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use scorecard_table::document::{read, ReadLimits, Table};
use scorecard_table::import::{entries, import, Header};

fn fixture(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/merges").join(file)
}

fn table(file: &str) -> Table {
    read(&fixture(file), &ReadLimits::default()).unwrap_or_else(|e| panic!("{e}")).remove(0)
}

#[test]
fn groups_merged_down_continue_the_group_above_in_every_form() {
    let text = table("groups.txt");
    let rows: Vec<[String; 3]> =
        entries(&text, &Header::find(&text).unwrap()).into_iter().map(|e| [e.level1, e.level2, e.name]).collect();
    let expected = [
        ["产出指标", "数量指标", "培训人次"],
        ["产出指标", "数量指标", "培训覆盖率"],
        ["产出指标", "质量指标", "考核合格率"],
        ["产出指标", "质量指标", "结业率"],
        ["满意度指标", "服务对象满意度指标", "学员满意度"],
    ];
    assert_eq!(rows, expected.map(|r| r.map(str::to_owned)));
    // Named alike in every form, so the drafts' notes compare equal.
    let draft = import(&text, "groups").unwrap().to_source();
    for file in ["groups.docx", "groups.ods", "groups.xlsx"] {
        let t = table(file);
        assert!(t.merged.len() >= 3, "{file}: the reader sees the merges: {:?}", t.merged);
        let d = import(&t, "groups").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.to_source(), draft, "{file} against groups.txt");
    }
}

#[test]
fn a_cell_merged_across_the_criterion_is_refused_with_its_place() {
    let tail =
        "merged cells: one cell of 培训覆盖率 spans the 指标值、评（扣）分标准 columns; each column needs its own \
                cell; unmerge the region and fill in the cell of each row";
    for (file, place) in
        [("odd.docx", "table 1, row 4, columns 4–5"), ("odd.xlsx", "目标表!D4:E4"), ("odd.ods", "目标表!D4:E4")]
    {
        let e = import(&table(file), file).unwrap_err();
        assert_eq!(e.to_string(), format!("{file}: {place}: {tail}"));
    }
}
