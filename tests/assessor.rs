//! Ranges of points chosen by an assessor (issue 12, item 2): `得3～5分` /
//! `→ 3 to 5`, the `评定分` input read only when such a band holds, the
//! `未评定时` setting, and the errors. The documented examples are checked
//! by `doc_examples`; these cover the rest, in both keyword sets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use scorecard::{Code, Scorecard};

const ZH: &str = "计分表 「评定」\n输入 完成率 = rate（%）\n输入 评审得分 = review（分）\n三级指标 任务完成\n  分值 5分\n  得分 完成率超过100%，得3～5分；完成率80%～100%，评定0至2分；否则不得分；评定分 评审得分\n";
const EN: &str = "scorecard \"assessed\"\ninput completion = rate (%)\ninput review mark = review (分)\nindicator \"task done\"\n  points 5\n  score: completion above 100% → 3 to 5; completion 80% to 100% → 0 to 2 points; otherwise → 0; assessed review mark\n";

fn total(card: &Scorecard, json: &str) -> String {
    card.evaluate_json(json).unwrap_or_else(|e| panic!("{json}: {e}")).total.to_string()
}

fn error_kind(card: &Scorecard, json: &str) -> String {
    let e = card.evaluate_json(json).expect_err(json);
    serde_json::to_value(&e.errors[0]).unwrap()["kind"].as_str().unwrap().to_owned()
}

fn codes(src: &str) -> Vec<Code> {
    match Scorecard::compile(src) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code).collect(),
    }
}

#[test]
fn the_assessed_score_counts_within_the_band_that_holds() {
    for src in [ZH, EN] {
        let card = Scorecard::compile(src).unwrap();
        assert_eq!(total(&card, r#"{"rate": 105, "review": 3}"#), "3", "the bottom is inside");
        assert_eq!(total(&card, r#"{"rate": 105, "review": 5}"#), "5", "the top is inside");
        assert_eq!(total(&card, r#"{"rate": 85, "review": 0.5}"#), "0.5");
        assert_eq!(error_kind(&card, r#"{"rate": 105, "review": 2.99}"#), "assessed_outside_band");
        assert_eq!(error_kind(&card, r#"{"rate": 85, "review": 3}"#), "assessed_outside_band");
    }
}

#[test]
fn the_assessed_score_is_needed_only_when_a_range_band_holds() {
    for src in [ZH, EN] {
        let card = Scorecard::compile(src).unwrap();
        assert_eq!(total(&card, r#"{"rate": 50}"#), "0", "the 否则 band gives fixed points");
        assert_eq!(error_kind(&card, r#"{"rate": 105}"#), "not_assessed");
        assert_eq!(error_kind(&card, r#"{"rate": 105, "review": null}"#), "not_assessed");
        let review = card.inputs().find(|i| i.key == "review").unwrap();
        assert!(!review.required, "a record may leave the assessed score out");
        assert!(card.inputs().find(|i| i.key == "rate").unwrap().required);
    }
}

#[test]
fn the_setting_picks_the_top_bottom_or_middle() {
    for (zh, en, expected) in
        [("取上限", "top of range", "5"), ("取下限", "bottom of range", "3"), ("取中间值", "middle of range", "4")]
    {
        let zh_src = ZH.replace("输入 完成率", &format!("未评定时 {zh}\n输入 完成率"));
        let en_src = EN.replace("input completion", &format!("if not assessed: {en}\ninput completion"));
        for src in [zh_src, en_src] {
            let card = Scorecard::compile(&src).unwrap();
            assert_eq!(total(&card, r#"{"rate": 105}"#), expected, "{src}");
            assert_eq!(total(&card, r#"{"rate": 105, "review": 3.5}"#), "3.5", "a given score still counts");
        }
    }
    let middle = ZH.replace("输入 完成率", "未评定时 取中间值\n输入 完成率");
    let card = Scorecard::compile(&middle).unwrap();
    let r = card.evaluate_json(r#"{"rate": 85}"#).unwrap();
    assert_eq!(r.total.to_string(), "1");
    assert!(
        r.indicators[0].explanation.ends_with("未评定，按规定取区间中间值计 1 分"),
        "{}",
        r.indicators[0].explanation
    );
}

#[test]
fn cumulative_bands_add_the_assessed_points() {
    let src = "计分表 「评定」\n未评定时 取下限\n输入 资料完整 = a（是否）\n输入 评审得分 = review（分）\n三级指标 资料\n  分值 5分\n  得分 累计：资料完整，得1～3分；否则，得1分；评定分 评审得分\n";
    let card = Scorecard::compile(src).unwrap();
    assert_eq!(total(&card, r#"{"a": "是", "review": 2.5}"#), "3.5");
    assert_eq!(total(&card, r#"{"a": "是"}"#), "2");
    assert_eq!(total(&card, r#"{"a": "否"}"#), "1");
}

#[test]
fn a_range_without_a_way_to_choose_is_e0209_and_bad_ranges_are_refused() {
    let no_assessor = ZH.replace("；评定分 评审得分", "");
    assert_eq!(codes(&no_assessor), vec![Code::NoAssessor]);
    assert_eq!(codes(&EN.replace("; assessed review mark", "")), vec![Code::NoAssessor]);
    let with_setting = no_assessor.replace("输入 完成率", "未评定时 取上限\n输入 完成率");
    assert_eq!(codes(&with_setting), Vec::<Code>::new(), "the setting alone chooses");
    assert_eq!(codes(&ZH.replace("得3～5分", "得5～3分")), vec![Code::BadRange]);
    assert_eq!(codes(&ZH.replace("review（分）", "review（%）")), vec![Code::UnitMismatch]);
    assert_eq!(codes(&ZH.replace("评定分 评审得分", "评定分 评审分数")), vec![Code::UnknownName]);
}

#[test]
fn every_spelling_of_a_range_reads_the_same() {
    let base = Scorecard::compile(ZH).unwrap();
    for written in ["得3至5分", "得3-5分", "得3到5分", "计3～5分", "评定3～5分", "得3分～5分"] {
        let src = ZH.replace("得3～5分", written);
        let card = Scorecard::compile(&src).unwrap_or_else(|e| panic!("`{written}`: {e}"));
        for json in [r#"{"rate": 105, "review": 4}"#, r#"{"rate": 85, "review": 2}"#] {
            assert_eq!(total(&card, json), total(&base, json), "`{written}`");
        }
        assert_eq!(error_kind(&card, r#"{"rate": 105, "review": 6}"#), "assessed_outside_band", "`{written}`");
    }
}

#[test]
fn the_reading_says_who_chooses_the_points() {
    let card = Scorecard::compile(ZH).unwrap();
    let text = card.reading().text();
    assert!(text.contains("由评审人在 3～5 分之间评定"), "{text}");
    assert!(text.contains("区间内按评定分 `评审得分` 计分，缺少评定分的记录报错"), "{text}");
}

#[test]
fn the_formatter_prints_ranges_the_assessed_input_and_the_setting() {
    for src in [
        ZH.replace("输入 完成率", "未评定时 取中间值\n输入 完成率"),
        EN.replace("input completion", "if not assessed: bottom of range\ninput completion"),
    ] {
        let file = scorecard_syntax::parse(&src, &scorecard_syntax::Limits::default()).unwrap();
        let printed = scorecard_syntax::print::to_source(&file);
        let again = scorecard_syntax::parse(&printed, &scorecard_syntax::Limits::default()).unwrap();
        assert_eq!(again, file, "printed:\n{printed}");
        assert!(
            printed.contains("未评定时 取中间值") || printed.contains("if not assessed: bottom of range"),
            "{printed}"
        );
        assert!(printed.contains("得3～5分") || printed.contains("→ 3 to 5"), "{printed}");
        assert!(printed.contains("评定分 评审得分") || printed.contains("assessed review mark"), "{printed}");
    }
}
