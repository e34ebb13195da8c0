//! `scorecard import`: the seed's text dump to a draft, the summary, and the walkthrough in docs/from-a-table.md.

#![allow(clippy::expect_used, reason = "a test fails loudly when the binary cannot run")]

mod common;

use std::path::Path;

use common::{arg, scorecard_in, temp_file, Run};

/// Runs `scorecard args…` at the repository root, where the walkthrough's paths start.
fn scorecard(args: &[&str]) -> (i32, String, String) {
    let Run { code, stdout, stderr } = scorecard_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."), args, b"");
    (code, stdout, stderr)
}

const SEED: &str = "examples/chenggong-2021/table.txt";

#[test]
fn import_prints_the_draft_and_a_summary() {
    let (code, out, err) = scorecard(&["import", SEED]);
    assert_eq!(code, 0, "{err}");
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/chenggong-2021/imported.rules"))
            .expect("the committed draft");
    assert_eq!(out, committed);
    assert!(err.contains("导入 7 个指标：5 个评分标准按原文读出，2 个需要人工核对"), "{err}");
    assert!(err.contains("  - 窗口服务办结率：“未按照时限90%要求办理”不是可计算的比较条件，应是按时限办结的比例未达到90%；建议：年办结率未达到90%，扣15分"), "{err}");
    assert!(err.contains("建议：黑榜次数达到1次，扣25分"), "{err}");
}

#[test]
fn import_json_prints_the_summary_on_stdout() {
    let (code, out, err) = scorecard(&["import", SEED, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        r#"{"indicators":7,"as_written":5,"needs_review":["窗口服务办结率","昆明市营商环境“红黑榜”评价"]}"#
    );
}

#[test]
fn the_walkthrough_import_check_eval() {
    let draft = temp_file("draft.rules", b"");
    let draft = arg(&draft);
    let (code, out, err) = scorecard(&["import", SEED, "-o", draft]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let (code, out, err) = scorecard(&["check", draft]);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert_eq!(err.matches("W0208").count(), 2, "{err}");
    assert!(err.contains("0 个错误，2 个警告"), "{err}");
    let (code, _, err) = scorecard(&["fmt", "--check", draft]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = scorecard(&[
        "eval",
        "examples/chenggong-2021/accepted.rules",
        "--data",
        "examples/chenggong-2021/measurements-imported.json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("总分 81.00/100.00，等级 良"), "{out}");
}

#[test]
fn bad_tables_are_refused_with_the_file_named() {
    let big = temp_file("big.xlsx", b"");
    std::fs::File::options().write(true).open(&big).and_then(|f| f.set_len(200 * 1024 * 1024)).expect("sparse file");
    let (code, _, err) = scorecard(&["import", arg(&big)]);
    assert_eq!(code, 2);
    assert!(err.contains("big.xlsx: the file has 209715200 bytes, more than the limit of 20971520"), "{err}");
    std::fs::remove_file(&big).expect("removed");
    let none = temp_file("none.csv", "一级指标,三级指标\n产出,年办件量\n".as_bytes());
    let (code, _, err) = scorecard(&["import", arg(&none)]);
    assert_eq!(code, 1);
    assert!(err.contains("none.csv: csv!A1: the header row has no 评（扣）分标准 column"), "{err}");
}

#[test]
fn an_odd_merge_in_a_word_table_names_the_table_row() {
    let odd = concat!(env!("CARGO_MANIFEST_DIR"), "/../scorecard-table/tests/fixtures/merges/odd.docx");
    let (code, out, err) = scorecard(&["import", odd]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "no draft: {out}");
    assert!(
        err.contains("odd.docx: table 1, row 4, columns 4–5: merged cells: one cell of 培训覆盖率 spans the 指标值、评（扣）分标准 columns"),
        "{err}"
    );
    let groups = concat!(env!("CARGO_MANIFEST_DIR"), "/../scorecard-table/tests/fixtures/merges/groups.docx");
    let (code, out, err) = scorecard(&["import", groups]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("一级指标 产出指标\n  二级指标 数量指标\n    三级指标 培训人次"), "{out}");
    assert!(out.contains("  二级指标 质量指标\n    三级指标 考核合格率"), "{out}");
}
