//! Lists of readings (issue 12, item 1): `（%，列表）` / `(%, list)` inputs,
//! `每次…` / `every …` tiers that count readings, the list functions, the
//! ways a record gives a list (JSON arrays, separated text, suites, the typed
//! API), the data errors that name the reading, and E0210 for misuse. The
//! documented examples are run by `doc_examples`; the report and the fast
//! path are compared on generated lists by `report_agrees_with_score`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use scorecard::{Code, Scorecard};

const ZH: &str = "计分表 「抽检」\n输入 抽检合格率 = rates（%，列表）\n三级指标 抽检\n  分值 5分\n  评分 每次抽检合格率低于95%扣0.5分，最多扣2分\n  加分 每次抽检合格率达到99%加0.5分\n";
const EN: &str = "scorecard \"inspections\"\ninput sample rate = rates (%, list)\nindicator inspections\n  points 5\n  scoring: every sample rate below 95% → −0.5, at most −2\n  bonus: every sample rate at least 99% → +0.5\n";

fn card(src: &str) -> Scorecard {
    Scorecard::compile(src).unwrap_or_else(|e| panic!("{src}\n{e}"))
}

fn total(card: &Scorecard, json: &str) -> String {
    card.evaluate_json(json).unwrap_or_else(|e| panic!("{json}: {e}")).total.to_string()
}

/// The kind and message of the one data error of a record.
fn error(card: &Scorecard, json: &str) -> (String, String) {
    let e = card.evaluate_json(json).expect_err(json);
    let kind = serde_json::to_value(&e.errors[0]).unwrap()["kind"].as_str().unwrap().to_owned();
    (kind, e.errors[0].message())
}

fn codes(src: &str) -> Vec<Code> {
    match Scorecard::compile(src) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code).collect(),
    }
}

#[test]
fn every_reading_that_meets_the_condition_counts_once_with_the_cap() {
    for src in [ZH, EN] {
        let c = card(src);
        assert_eq!(total(&c, r#"{"rates": [96, 97, 98]}"#), "5", "none below 95%");
        assert_eq!(total(&c, r#"{"rates": [92, 96, 94]}"#), "4", "two below: −1");
        assert_eq!(total(&c, r#"{"rates": [95, 94.99]}"#), "4.5", "95% itself is not below");
        assert_eq!(total(&c, r#"{"rates": [80, 80, 80, 80, 80, 80]}"#), "3", "six below: −3, capped at −2");
        assert_eq!(total(&c, r#"{"rates": [92, 99, 99.5]}"#), "5", "−0.5, then +1 for two at 99% or more");
    }
}

#[test]
fn a_ladder_on_a_list_takes_the_tier_that_counts_most_or_all_with_cumulative() {
    let tiers = "评分 每次抽检合格率低于95%扣0.5分，每次抽检合格率低于90%扣1分";
    let worst = ZH.replace("评分 每次抽检合格率低于95%扣0.5分，最多扣2分", tiers);
    let c = card(&worst);
    // 92 and 85 are below 95% (−1); 85 is below 90% (−1): the heavier is −1.
    assert_eq!(total(&c, r#"{"rates": [92, 85, 97]}"#), "4");
    let all = worst.replace("评分 每次", "评分 累计：每次");
    assert_eq!(total(&card(&all), r#"{"rates": [92, 85, 97]}"#), "3");
}

#[test]
fn the_list_functions_give_one_value() {
    let src = "计分表 「抽检」\n输入 读数 = r（次，列表）\n计算 平均值 = 平均(读数)\n计算 最低值 = 最低(读数)\n计算 最高值 = 最高(读数)\n计算 合计值 = 合计(读数)\n计算 读数个数 = 个数(读数)\n\
               三级指标 甲\n  分值 10分\n  评分 平均值高于2次，扣1分\n  评分 最低值低于1次，扣1分\n  评分 最高值高于5次，扣1分\n  评分 合计值高于10次，扣1分\n  评分 读数个数低于3，扣1分\n";
    let c = card(src);
    assert_eq!(total(&c, r#"{"r": [1, 2, 3]}"#), "10", "mean 2, lowest 1, highest 3, sum 6, count 3");
    assert_eq!(total(&c, r#"{"r": [0, 6]}"#), "6", "mean 3, lowest 0, highest 6, count 2: −4 (sum 6 is within 10)");
    assert_eq!(total(&c, r#"{"r": [6, 6]}"#), "6", "mean 6, highest 6, sum 12, count 2: −4");
    let en = "scorecard \"functions\"\ninput readings = r (次, list)\nlet mean = average(readings)\nlet least = lowest(readings)\nlet most = highest(readings)\nlet all = sum(readings)\nlet many = count(readings)\n\
              indicator a\n  points 10\n  scoring: mean above 2次 → −1\n  scoring: least below 1次 → −1\n  scoring: most above 5次 → −1\n  scoring: all above 10次 → −1\n  scoring: many below 3 → −1\n";
    let c = card(en);
    assert_eq!(total(&c, r#"{"r": [1, 2, 3]}"#), "10");
    assert_eq!(total(&c, r#"{"r": [6, 6]}"#), "6");
}

#[test]
fn a_record_gives_a_list_as_an_array_or_as_separated_text() {
    let c = card(ZH);
    for json in [
        r#"{"rates": [92, 96, 94]}"#,
        r#"{"rates": ["92%", "96", 94]}"#,
        r#"{"rates": "92;96;94"}"#,
        r#"{"rates": "92；96；94"}"#,
        r#"{"rates": "92、96、94"}"#,
        r#"{"rates": " 92% ; 96 ;94 "}"#,
    ] {
        assert_eq!(total(&c, json), "4", "{json}");
    }
    assert_eq!(total(&c, r#"{"rates": 92}"#), "4.5", "one number is one reading");
    assert_eq!(total(&c, r#"{"rates": "92"}"#), "4.5");
}

#[test]
fn an_empty_list_or_a_bad_reading_is_a_data_error_naming_the_input_and_position() {
    let c = card(ZH);
    for json in [r#"{"rates": []}"#, r#"{"rates": ""}"#, r#"{"rates": "  "}"#] {
        let (kind, message) = error(&c, json);
        assert_eq!(kind, "empty_list", "{json}");
        assert!(message.contains("`rates`（抽检合格率）") && message.contains("列表中没有任何读数"), "{message}");
    }
    let cases = [
        (r#"{"rates": [92, "abc"]}"#, "第 2 个读数", "abc"),
        (r#"{"rates": [92, 96, null]}"#, "第 3 个读数", "缺少"),
        (r#"{"rates": [[92]]}"#, "第 1 个读数", ""),
        (r#"{"rates": [true]}"#, "第 1 个读数", ""),
        (r#"{"rates": "92;;94"}"#, "第 2 个读数", ""),
        (r#"{"rates": "92;5件"}"#, "第 2 个读数", "件"),
    ];
    for (json, position, detail) in cases {
        let (kind, message) = error(&c, json);
        assert_eq!(kind, "bad_reading", "{json}");
        assert!(message.contains(position) && message.contains(detail), "{json}: {message}");
    }
    let (_, message) = error(&card(EN), r#"{"rates": [92, "abc"]}"#);
    assert!(message.contains("input `rates` (sample rate)") && message.contains("reading 2:"), "{message}");
    // A count is never negative, reading by reading.
    let counts =
        card("计分表 「次数」\n输入 读数 = r（次，列表）\n三级指标 甲\n  分值 5分\n  评分 每次读数高于2次扣1分\n");
    let (kind, message) = error(&counts, r#"{"r": [1, -1]}"#);
    assert_eq!(kind, "bad_reading");
    assert!(message.contains("第 2 个读数"), "{message}");
    assert!(matches!(error(&c, r#"{"rates": {"a": 1}}"#).0.as_str(), "bad_reading" | "wrong_type"));
}

#[test]
fn misuse_of_lists_is_e0210_in_both_languages() {
    let list = "计分表 「抽检」\n输入 抽检合格率 = rates（%，列表）\n输入 满意度 = s（%）\n三级指标 甲\n  分值 5分\n";
    for (rule, what) in [
        ("  评分 抽检合格率低于95%，扣1分\n", "a list compared as one value"),
        ("  得分 抽检合格率达到95%，得满分；否则不得分\n", "a list in a band"),
        ("  得分 = 分值 × 抽检合格率\n", "a list in a formula"),
        ("  评分 每次满意度低于95%，扣1分\n", "every on one value"),
        ("  评分 满意度低于95%，扣1分\n  否决 抽检合格率低于60%\n", "a list in a veto"),
    ] {
        assert_eq!(codes(&format!("{list}{rule}")), vec![Code::ListMismatch], "{what}");
    }
    let calc =
        list.replace("三级指标", "计算 平均满意度 = 平均(满意度)\n三级指标") + "  评分 平均满意度低于95%，扣1分\n";
    assert_eq!(codes(&calc), vec![Code::ListMismatch], "a list function on one value");
    let flags = "计分表 「是否」\n输入 合格 = ok（是否，列表）\n三级指标 甲\n  分值 5分\n  评分 合格，扣1分\n";
    assert!(codes(flags).contains(&Code::ListMismatch), "only numbers can be lists");
    let en = "scorecard \"lists\"\ninput sample rate = rates (%, list)\nindicator a\n  points 5\n  scoring: sample rate below 95% → −1\n";
    assert_eq!(codes(en), vec![Code::ListMismatch]);
}

#[test]
fn a_list_of_grades_is_e0210_not_a_grade_named_list() {
    // `，列表` after the grades is the list suffix, so the error is the one
    // that applies (E0210), not a grade label `列表` the rules never name.
    let zh =
        "计分表 「等级」\n输入 评价 = g（等级：好、中、差，列表）\n三级指标 甲\n  分值 5分\n  评分 评价为差，扣1分\n";
    assert_eq!(codes(zh), vec![Code::ListMismatch], "{zh}");
    let en = "scorecard \"grades\"\ninput rating = g (grade: good, fair, poor, list)\nindicator a\n  points 5\n  scoring: rating is poor → −1\n";
    assert_eq!(codes(en), vec![Code::ListMismatch], "{en}");
    // A grade of that name is still written, quoted.
    let quoted =
        "计分表 「等级」\n输入 评价 = g（等级：好、「列表」）\n三级指标 甲\n  分值 5分\n  评分 评价为「列表」，扣1分\n";
    assert_eq!(codes(quoted), Vec::<Code>::new(), "{quoted}");
}

#[test]
fn a_target_on_a_list_says_it_applies_to_each_reading() {
    // `指标值 ≥ 95%` with monthly rates: a per-step tier that would count from
    // the target is E0210, and its help says to write the target per reading.
    let zh = "计分表 「抽检」\n输入 抽检合格率 = rates（%，列表）\n三级指标 抽检\n  指标值 ≥ 95%\n  分值 5分\n  评分 抽检合格率每低于1个百分点扣1分\n";
    let e = Scorecard::compile(zh).unwrap_err();
    let d = e.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(d.code, Code::ListMismatch);
    let help = d.help.clone().unwrap_or_default();
    assert!(help.contains("指标值对每次读数适用") && help.contains("每次抽检合格率低于95%"), "{help}");
    assert!(help.contains("平均(抽检合格率)"), "{help}");
    // Written per reading, the target's number counts each month below it.
    let each = zh.replace("评分 抽检合格率每低于1个百分点扣1分", "评分 每次抽检合格率低于95%扣0.5分");
    assert_eq!(total(&card(&each), r#"{"rates": [96, 94, 93.5]}"#), "4");
}

#[test]
fn the_typed_api_sets_one_reading_or_separated_readings() {
    let c = card(ZH);
    let key = c.input("rates").unwrap();
    let mut record = c.record();
    c.set(&mut record, key, scorecard::Decimal::new(92, 0)).unwrap();
    assert_eq!(c.score(&record).unwrap().total.to_string(), "4.5");
    c.set_str(&mut record, key, "92;93;94").unwrap();
    assert_eq!(c.score(&record).unwrap().total.to_string(), "3.5");
    assert!(c.set_str(&mut record, key, "92;x").is_err());
}

#[test]
fn a_suite_gives_a_list_as_a_toml_array() {
    let dir = std::env::temp_dir().join(format!("scorecard-lists-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("lists.rules"), ZH).unwrap();
    let suite = "[[case]]\nname = \"两次低于\"\ntotal = 4\n[case.input]\nrates = [92, 96, \"94%\"]\n\n\
                 [[case]]\nname = \"空列表\"\nerror = \"empty_list\"\n[case.input]\nrates = []\n";
    std::fs::write(dir.join("lists.suite.toml"), suite).unwrap();
    let outcome = scorecard_suite::run(&dir.join("lists.suite.toml")).unwrap();
    assert_eq!(outcome.failed(), 0, "{}", scorecard_suite::diff::render_failures(&outcome));
    assert_eq!(outcome.cases.len(), 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_formatter_prints_lists_every_tiers_and_functions() {
    let zh = ZH.replace("三级指标", "计算 平均合格率 = 平均(抽检合格率)\n三级指标");
    let en = EN.replace("indicator", "let mean rate = average(sample rate)\nindicator");
    for src in [zh, en] {
        let file = scorecard_syntax::parse(&src, &scorecard_syntax::Limits::default()).unwrap();
        let printed = scorecard_syntax::print::to_source(&file);
        assert_eq!(scorecard_syntax::parse(&printed, &scorecard_syntax::Limits::default()).unwrap(), file);
        for part in ["（%，列表）", "每次抽检合格率低于95%", "平均（抽检合格率）"] {
            if printed.starts_with("计分表") {
                assert!(printed.contains(part), "{part} in\n{printed}");
            }
        }
        for part in ["(%, list)", "every sample rate below 95%", "average(sample rate)"] {
            if printed.starts_with("scorecard") {
                assert!(printed.contains(part), "{part} in\n{printed}");
            }
        }
    }
}

#[test]
fn the_reading_and_the_trace_show_the_readings() {
    for (src, declared, read) in
        [(ZH, "rates（%，列表）", "抽检合格率 = 92%、96%、94%"), (EN, "rates (%, list)", "sample rate = 92%, 96%, 94%")]
    {
        let c = card(src);
        let reading = c.reading().text();
        assert!(reading.contains(declared), "{reading}");
        let record = c.parse_record(r#"{"rates": [92, 96, 94]}"#).unwrap();
        let trace = c.trace(&record).unwrap();
        assert_eq!(trace.indicators[0].inputs, vec![read.to_owned()]);
        assert!(trace.indicators[0].tiers[0].held);
    }
}
