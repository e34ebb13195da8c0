//! Semantics found by review: cumulative explanations, statements that start
//! without a subject, grade bands.

use scorecard::{Code, Scorecard};

fn card(src: &str) -> Scorecard {
    match Scorecard::compile(src) {
        Ok(c) => c,
        Err(e) => panic!("{src}\n{e:#?}"),
    }
}

#[test]
fn cumulative_ladder_explains_every_tier_that_fired() {
    let c = card("计分表 「t」\n输入 甲率 = a（%）\n三级指标 甲\n  评分 累计 甲率低于90%，扣3分，低于80%，扣5分\n");
    let r = c.evaluate_json(r#"{"a": 75}"#).unwrap();
    let ind = &r.indicators[0];
    assert_eq!(ind.deduction.to_string(), "8");
    assert_eq!(ind.explanation, "甲率 75%，低于 90%，扣 3 分；低于 80%，扣 5 分");
    assert_eq!(ind.fired.len(), 2);
    let c = card(
        "scorecard \"t\"\ninput a = a (%)\nindicator x\n  scoring: cumulative a below 90% -> -3, below 80% -> -5\n",
    );
    let r = c.evaluate_json(r#"{"a": 75}"#).unwrap();
    assert_eq!(r.indicators[0].explanation, "a 75% is below 90%: −3; below 80%: −5");
}

#[test]
fn a_second_scoring_line_may_start_without_a_subject() {
    let src = "计分表 「t」\n输入 甲率 = a（%）\n输入 乙率 = b（%）\n三级指标 甲\n  度量 甲率\n  评分 乙率低于80%，扣5分\n  评分 低于50%，扣1分\n";
    let c = card(src);
    let r = c.evaluate_json(r#"{"a": 40, "b": 90}"#).unwrap();
    assert_eq!(r.indicators[0].deduction.to_string(), "1", "the second line compares 甲率, the measure");
    assert_eq!(r.indicators[0].points.to_string(), "6");
}

#[test]
fn grades_need_a_catch_all_last_band() {
    let e = Scorecard::compile(
        "计分表 「t」\n等级 优 90，良 80\n输入 甲率 = a（%）\n三级指标 甲\n  评分 甲率低于90%，扣3分\n",
    )
    .unwrap_err();
    assert!(e.diagnostics.iter().any(|d| d.code == Code::BadGrades), "{e:#?}");
}

#[test]
fn default_grades_are_shares_of_the_full_score() {
    let c = card("计分表 「t」\n输入 甲率 = a（%）\n三级指标 甲\n  评分 甲率低于90%，扣1分，低于50%，扣10分\n");
    assert_eq!(c.full_marks().to_string(), "10");
    assert_eq!(c.evaluate_json(r#"{"a": 95}"#).unwrap().grade, "优", "10 of 10");
    assert_eq!(c.evaluate_json(r#"{"a": 85}"#).unwrap().grade, "优", "9 of 10 is 90%");
    assert_eq!(c.evaluate_json(r#"{"a": 40}"#).unwrap().grade, "差", "0 of 10");
}

#[test]
fn all_of_conditions_need_every_part() {
    let zh = card(
        "计分表 「且」\n输入 公示天数 = days（天）\n输入 公示内容完整 = complete（是否）\n三级指标 补贴公示\n  分值 5分\n  得分 公示天数达到7天且公示内容完整，得5分；否则不得分\n  评分 公示天数低于3天且公示内容完整为否，扣1分\n",
    );
    let en = card(
        "scorecard \"and\"\ninput days = days (天)\ninput complete = complete (yes/no)\nindicator publicity\n  points 5\n  score: days at least 7天 and complete → 5, otherwise → 0\n  scoring: days below 3天 and complete is no → −1\n",
    );
    for c in [&zh, &en] {
        let score = |json: &str| c.evaluate_json(json).unwrap().indicators[0].score.to_string();
        assert_eq!(score(r#"{"days": 7, "complete": true}"#), "5", "both parts hold");
        assert_eq!(score(r#"{"days": 7, "complete": false}"#), "0", "the second part fails");
        assert_eq!(score(r#"{"days": 6, "complete": true}"#), "0", "the first part fails at its boundary");
        assert_eq!(score(r#"{"days": 2, "complete": false}"#), "0", "deduction on zero stays at 0");
        let r = c.evaluate_json(r#"{"days": 8, "complete": true}"#).unwrap();
        assert_eq!(r.indicators[0].fired.len(), 1);
    }
}

#[test]
fn dates_compare_and_count_days_and_calendar_months_late() {
    let zh = card(
        "计分表 「日期」\n输入 完成日期 = done（日期）\n三级指标 进度\n  指标值 ≤ 2021年6月30日\n  分值 10分\n  评分 完成日期每滞后1天扣0.5分\n三级指标 年度\n  分值 6分\n  度量 完成日期\n  评分 较2021-06-30每滞后1年扣2分\n三级指标 按期\n  分值 4分\n  得分 完成日期2021-06-30前，得满分；否则不得分\n",
    );
    let en = card(
        "scorecard \"dates\"\ninput done = done (date)\nindicator progress\n  target <= 2021-06-30\n  points 10\n  scoring: done each 1 day late → −0.5\nindicator yearly\n  points 6\n  measure done\n  scoring: from 2021-06-30 each 1 year late → −2\nindicator \"on time\"\n  points 4\n  score: done before 2021-07-01 → full, otherwise → 0\n",
    );
    for c in [&zh, &en] {
        let scores = |json: &str| {
            c.evaluate_json(json).unwrap().indicators.iter().map(|i| i.score.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(scores(r#"{"done": "2021-06-30"}"#), ["10", "6", "4"], "on the deadline");
        assert_eq!(scores(r#"{"done": "2021年7月4日"}"#), ["8", "6", "0"], "4 days late, under a year");
        assert_eq!(scores(r#"{"done": "2022-06-29"}"#), ["0", "6", "0"], "a day short of a calendar year");
        assert_eq!(scores(r#"{"done": "2023-06-30"}"#), ["0", "2", "0"], "two whole years late");
        let e = c.evaluate_json(r#"{"done": "2021-02-30"}"#).unwrap_err();
        assert!(matches!(e.errors[0].kind, scorecard::DataErrorKind::NotADate { .. }), "{e:?}");
    }
    let bad = Scorecard::compile("计分表 「t」\n输入 d = d（日期）\n三级指标 t\n  评分 d晚于2021-02-30，扣1分\n")
        .unwrap_err();
    assert!(bad.diagnostics.iter().any(|d| d.code == Code::BadDate), "{bad:?}");
}

#[test]
fn a_disqualify_only_veto_keeps_the_indicator_score() {
    let zh = card(
        "计分表 「事故」\n输入 一般事故死亡人数 = deaths（人）\n输入 「较大事故」 = major（起）\n三级指标 安全\n  分值 15分\n  评分 一般事故死亡人数达到2人，扣3分\n  否决 「较大事故」达到1起，仅取消评优资格\n",
    );
    let en = card(
        "scorecard \"accidents\"\ninput deaths = deaths (人)\ninput major = major (起)\nindicator safety\n  points 15\n  scoring: deaths at least 2人 → −3\n  veto: major at least 1起, disqualify only\n",
    );
    for c in [&zh, &en] {
        let r = c.evaluate_json(r#"{"deaths": 2, "major": 1}"#).unwrap();
        assert_eq!(r.indicators[0].score.to_string(), "12", "the deduction still applies, the score is not zeroed");
        assert!(r.disqualified);
        assert_eq!(r.indicators[0].fired.len(), 2, "the tier and the veto");
        let r = c.evaluate_json(r#"{"deaths": 0, "major": 0}"#).unwrap();
        assert!(!r.disqualified);
        assert_eq!(r.indicators[0].score.to_string(), "15");
    }
}

/// What-if advice must be true when re-scored: with `（含）` the ends of the
/// tolerance still deduct, and when another rule of the indicator also
/// deducts, escaping one rule does not promise saved points.
#[test]
fn what_if_advice_holds_when_re_scored() {
    let c = scorecard_tests::compile(
        "计分表 「偏差」
总分 15分
输入 支出金额 = spending（万元）
常量 年初预算金额 = 200万元
三级指标 成本
  分值 15分
  度量 支出金额
  评分 超出（低于）年初预算金额10%（含）扣8分，超出（低于）20%（含）扣15分。
",
    );
    let t = c.trace(&c.parse_record(r#"{"spending": 230}"#).unwrap()).unwrap();
    assert_eq!(t.indicators[0].what_if, ["支出金额需控制在 180万元～220万元 之间（不含两端）方可免扣 8 分"]);
    // the end itself still deducts, as the advice says
    assert_eq!(c.evaluate_json(r#"{"spending": 220}"#).unwrap().total.to_string(), "7");
    assert_eq!(c.evaluate_json(r#"{"spending": 219.99}"#).unwrap().total.to_string(), "15");

    let two = scorecard_tests::compile(
        "计分表 「两条」
输入 甲 = a（项）
输入 乙 = b（项）
三级指标 认领
  分值 3分
  评分 甲高于0项，扣3分
  评分 乙高于0项，扣3分
",
    );
    let t = two.trace(&two.parse_record(r#"{"a": 5, "b": 5}"#).unwrap()).unwrap();
    assert_eq!(
        t.indicators[0].what_if,
        [
            "甲需≤0项，本条方不扣分（本项另有其他扣分，得分未必提高）",
            "乙需≤0项，本条方不扣分（本项另有其他扣分，得分未必提高）"
        ]
    );
    // indeed: fixing one alone saves nothing
    assert_eq!(two.evaluate_json(r#"{"a": 0, "b": 5}"#).unwrap().total.to_string(), "0");
    let t = two.trace(&two.parse_record(r#"{"a": 5, "b": 0}"#).unwrap()).unwrap();
    assert_eq!(t.indicators[0].what_if, ["甲需≤0项方可免扣 3 分"]);
}

#[test]
fn trace_tells_what_each_indicator_needed() {
    let c = scorecard_tests::seed();
    let rec = c.parse_record(include_str!("../examples/chenggong-2021/measurements.json")).unwrap();
    let t = c.trace(&rec).unwrap();
    let cases = &t.indicators[0];
    assert_eq!(cases.name, "年办件量");
    assert!(cases.tiers[0].held && !cases.tiers[1].held);
    assert_eq!(cases.what_if, ["年办件量需达到上期的90%（≥1,620,000件）方可免扣 3 分"]);
    assert_eq!(t.indicators[3].what_if, ["支出金额需控制在 217.557万元～265.903万元 之内方可免扣 8 分"]);
    assert!(t.indicators[2].what_if.is_empty(), "no points lost, no advice");
    let rec = c.parse_record(r#"{"cases": 1000000, "cases_last_year": 1800000, "staff_satisfaction": 95, "on_time_rate": 95, "spending": 241.73, "complaint_rate": 5, "blacklist_count": 0, "public_satisfaction": 95}"#).unwrap();
    let t = c.trace(&rec).unwrap();
    assert_eq!(t.indicators[0].what_if, ["年办件量需达到上期的60%（≥1,080,000件）方可只扣 6 分（而非 8 分）"]);
    let en = scorecard_tests::seed_en();
    let rec = en.parse_record(include_str!("../examples/chenggong-2021/measurements.json")).unwrap();
    let t = en.trace(&rec).unwrap();
    assert_eq!(
        t.indicators[0].what_if,
        ["`annual cases` needed at least 1,620,000件 (90% of last year) to avoid the 3-point deduction"]
    );
}

#[test]
fn review_findings_stay_fixed() {
    // A grade value that cannot be computed exactly is an error, never a dropped indicator.
    let e = Scorecard::compile(
        "计分表 「t」\n输入 评价 = g（等级：达成、未达成）\n三级指标 甲\n  分值 31分\n  得分 按等级 评价：达成 33.33333333333333333333333333%，未达成 0%\n三级指标 乙\n  分值 10分\n  得分 按等级 评价：达成 100%，未达成 0%\n",
    )
    .unwrap_err();
    assert!(e.diagnostics.iter().any(|d| d.code == Code::NumberOutOfRange), "{e:#?}");
    // A zeroing veto does not hide a disqualify-only veto that also fires.
    let c = card("计分表 「t」\n输入 事故 = a（起）\n输入 违规 = b（起）\n三级指标 安全\n  分值 5分\n  评分 事故达到2起，扣1分\n  否决 事故达到1起\n  否决 违规达到1起，仅取消资格\n");
    let r = c.evaluate_json(r#"{"a": 1, "b": 1}"#).unwrap();
    assert_eq!(r.indicators[0].score.to_string(), "0");
    assert!(r.disqualified);
    // Tracing a record whose not-applicable indicator lacks its inputs works.
    let c = card("计分表 「t」\n输入 无任务 = na（是否）\n输入 完成率 = r（%）\n三级指标 甲\n  分值 5分\n  不适用条件 无任务\n  评分 完成率低于90%，扣5分\n");
    let rec = c.parse_record(r#"{"na": true}"#).unwrap();
    let t = c.trace(&rec).unwrap();
    assert!(t.indicators[0].tiers.is_empty(), "nothing is tested: {t:?}");
    assert_eq!(t.indicators[0].explanation, "无任务：不适用，得满分 5 分");
    // The typed API checks a yes/no value.
    let key = c.input("na").unwrap();
    let mut rec = c.record();
    assert!(c.set(&mut rec, key, scorecard::Decimal::from(5)).is_err());
}

#[test]
fn explaining_a_record_never_fails_where_scoring_it_did_not() {
    // Spending of 1e-28 万元 against a budget of 241.73万元: the deviation is
    // decided exactly, but |x − budget| has more than 28 significant digits.
    // The report once refused the record while the fast path scored it.
    let card = scorecard_tests::seed();
    let json = scorecard_tests::SeedRecord::perfect().json_with(&[("spending", "\"0.0000000000000000000000000001\"")]);
    let record = card.parse_record(&json).unwrap();
    let scores = card.score(&record).unwrap();
    let report = card.report(&record).unwrap();
    assert_eq!(report.total, scores.total);
    let cost = report.indicators.iter().find(|i| i.name == "严格按照厉行节约，控制支出成本").unwrap();
    assert_eq!(cost.score, scores.indicators[3].score);
    assert_eq!(cost.deduction, scorecard::Decimal::from(15));
    assert!(cost.explanation.contains("相差 100%，超出 20%，扣 15 分"), "{}", cost.explanation);
}

#[test]
fn a_derived_value_is_never_read_from_a_record() {
    let card = card(
        "计分表 「甲」\n输入 执行数 = spent（万元）\n输入 预算数 = budget（万元）\n\
         计算 执行率 = 执行数 ÷ 预算数\n三级指标 执行\n  分值 10分\n  评分 执行率低于90%，扣5分\n",
    );
    // Derived values are stored under the empty key; it must not reach them.
    assert!(card.input("").is_err());
    let report = card.evaluate_json(r#"{"spent": 270, "budget": 300, "": "abc"}"#).unwrap();
    assert_eq!(report.total, scorecard::Decimal::from(10));
}
