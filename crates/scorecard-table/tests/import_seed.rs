//! The seed table imported from its text dump, as .xlsx and as .docx: the "done when" of import (issue 11).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{scratch, seed_docx, seed_xlsx, SEED};
use scorecard::{Code, Decimal, Scorecard};
use scorecard_syntax::ast::{Indicator, Item};
use scorecard_table::document::{read, read_text_dump, ReadLimits};
use scorecard_table::import::{import, Draft};

fn seed_draft() -> Draft {
    import(&read_text_dump(SEED), "chenggong-2021.txt").unwrap()
}

fn indicators(items: &[Item]) -> Vec<&Indicator> {
    items
        .iter()
        .flat_map(|i| match i {
            Item::Indicator(ind) => vec![&**ind],
            Item::Group(g) => indicators(&g.items),
        })
        .collect()
}

/// The example measurements with their keys renamed to the draft's input
/// names (string replacement, so no number passes through a double). The
/// budget, a constant in the hand-written file, is an input of the draft.
fn renamed_measurements() -> String {
    let json = include_str!("../../../examples/chenggong-2021/measurements.json").trim();
    let renames = [
        ("\"cases\"", "\"年办件量\""),
        ("\"cases_last_year\"", "\"上期\""),
        ("\"staff_satisfaction\"", "\"入驻窗口工作人员的满意度\""),
        ("\"on_time_rate\"", "\"年办结率\""),
        ("\"spending\"", "\"实际支出金额\""),
        ("\"complaint_rate\"", "\"群众办事投诉率\""),
        ("\"blacklist_count\"", "\"黑榜次数\""),
        ("\"public_satisfaction\"", "\"办事群众满意度\""),
    ];
    let mut out = renames.iter().fold(json.to_owned(), |s, (from, to)| s.replace(from, to));
    assert!(!out.contains("\"cases"), "every key renamed: {out}");
    out.pop();
    out.push_str(", \"年初预算金额\": 241.73}");
    out
}

#[test]
fn the_seed_draft_checks_without_error_and_is_canonical() {
    let src = seed_draft().to_source();
    let card = Scorecard::compile(&src).unwrap_or_else(|e| panic!("{:?}\n{src}", e.diagnostics));
    let pending: Vec<_> = card.warnings().iter().filter(|w| w.code == Code::ScoringPending).collect();
    assert_eq!(pending.len(), 2, "{:?}", card.warnings());
    assert_eq!(scorecard::format(&src, &scorecard::Limits::default()).unwrap(), src, "scorecard fmt --check passes");
}

#[test]
fn the_seed_keeps_every_indicator_column_and_criterion() {
    let draft = seed_draft();
    let inds = indicators(&draft.file.items);
    let names: Vec<&str> = inds.iter().map(|i| i.name.node.as_str()).collect();
    assert_eq!(
        names,
        [
            "年办件量",
            "保障入驻单位123个窗口的正常运行",
            "窗口服务办结率",
            "严格按照厉行节约，控制支出成本",
            "政务服务水平建设",
            "昆明市营商环境“红黑榜”评价",
            "办事群众满意"
        ]
    );
    for ind in &inds {
        assert!(ind.criterion.is_some() && ind.target.is_some() && ind.nature.is_some(), "{}", ind.name.node);
    }
    assert_eq!(inds[3].criterion.as_ref().unwrap().node, "超出（低于）年初预算金额10%扣8分，超出（低于）20%扣15分。");
    assert_eq!(inds[0].basis.as_ref().unwrap().node, "2020年办件量统计及2020年区政务局工作总结");
    assert!(inds[2].content.is_none(), "`空` is no content");
    let groups: Vec<&str> = draft
        .file
        .items
        .iter()
        .filter_map(|i| if let Item::Group(g) = i { Some(g.name.node.as_str()) } else { None })
        .collect();
    assert_eq!(groups, ["产出指标", "效益指标", "满意度指标"]);
    assert_eq!(draft.file.total.as_ref().unwrap().node, Decimal::ONE_HUNDRED);
}

#[test]
fn five_criteria_as_written_and_two_flagged_with_a_rewording() {
    let draft = seed_draft();
    let summary = draft.summary();
    assert_eq!((summary.indicators, summary.as_written), (7, 5));
    assert_eq!(summary.needs_review, ["窗口服务办结率", "昆明市营商环境“红黑榜”评价"]);
    let json = serde_json::to_string(&summary).unwrap();
    assert_eq!(
        json,
        r#"{"indicators":7,"as_written":5,"needs_review":["窗口服务办结率","昆明市营商环境“红黑榜”评价"]}"#
    );
    let src = draft.to_source();
    assert!(src.contains("建议改写为“评分 年办结率未达到90%，扣15分”，并声明“输入 年办结率（%）”。"), "{src}");
    assert!(src.contains("建议改写为“评分 黑榜次数达到1次，扣25分”，并声明“输入 黑榜次数（次）”。"), "{src}");
    assert!(src.contains("8 + 7 + 15 + 15 + 8 + 25 + 22 = 100"), "points said in a comment");
}

#[test]
fn with_the_proposals_accepted_the_draft_scores_the_example_to_81() {
    let accepted = seed_draft().accept_proposals();
    assert_eq!(accepted.summary().as_written, 7);
    let src = accepted.to_source();
    let card = Scorecard::compile(&src).unwrap_or_else(|e| panic!("{:?}\n{src}", e.diagnostics));
    assert!(card.warnings().is_empty(), "{:?}", card.warnings());
    let report = card.evaluate_json(&renamed_measurements()).unwrap();
    assert_eq!(report.total, Decimal::from(81));
    assert_eq!(report.grade, "良");
}

#[test]
fn the_draft_scores_with_an_assessors_stand_in_deductions() {
    let src = seed_draft().to_source();
    let card = Scorecard::compile(&src).unwrap();
    let mut json = renamed_measurements();
    json.pop();
    json.push_str(", \"窗口服务办结率酌情扣分\": 0, \"昆明市营商环境“红黑榜”评价酌情扣分\": 0}");
    assert_eq!(card.evaluate_json(&json).unwrap().total, Decimal::from(81));
    assert!(card.evaluate_json(&renamed_measurements()).is_err(), "a missing stand-in is a data error, not a zero");
}

#[test]
fn the_same_table_as_xlsx_and_docx_gives_the_same_draft() {
    let dir = scratch("same-draft");
    let text = seed_draft();
    let (xlsx, docx) = (dir.join("seed.xlsx"), dir.join("seed.docx"));
    seed_xlsx(&xlsx);
    seed_docx(&docx);
    for path in [xlsx, docx] {
        let tables = read(&path, &ReadLimits::default()).unwrap();
        assert_eq!(tables.len(), 1, "{}", path.display());
        let draft = import(&tables[0], "x").unwrap();
        assert_eq!(draft.file, text.file, "{}", path.display());
        let print = scorecard_syntax::print::to_source;
        assert_eq!(print(&draft.file), print(&text.file), "{}", path.display());
    }
}

/// `examples/chenggong-2021/`: the draft import writes, the draft with the
/// proposals accepted, and the measurements with the draft's keys. Used by
/// docs/from-a-table.md; set `SCORECARD_BLESS=1` to rewrite the two drafts.
#[test]
fn the_walkthrough_files_are_what_import_writes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/chenggong-2021");
    let draft = import(&read_text_dump(SEED), "examples/chenggong-2021/table.txt").unwrap();
    for (name, text) in
        [("imported.rules", draft.to_source()), ("accepted.rules", draft.accept_proposals().to_source())]
    {
        let path = dir.join(name);
        if std::env::var_os("SCORECARD_BLESS").is_some() {
            std::fs::write(&path, &text).unwrap();
        }
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text,
            "{name}: rerun with SCORECARD_BLESS=1 and review the diff"
        );
    }
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("measurements-imported.json")).unwrap()).unwrap();
    let renamed: serde_json::Value = serde_json::from_str(&renamed_measurements()).unwrap();
    assert_eq!(committed, renamed);
}
