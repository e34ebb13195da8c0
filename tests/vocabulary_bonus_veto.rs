//! Bonuses (`加分` / `bonus`) with caps, capped at the points unless
//! `加分可超过满分` / `bonus may exceed full marks`; vetoes (`否决`,
//! `一票否决` / `veto`) that zero an indicator, and with `取消资格` /
//! `disqualify` disqualify the scorecard; misplaced tiers are compile errors.

#[path = "vocabulary_common.rs"]
mod common;

use common::{assert_compile_error, assert_mentions, both, card, expect, expect_total, indicator, run};
use scorecard::{Code, Status};

const BONUS_ZH: &str = "计分表 「加分」
输入 满意度 = sat（%）
输入 报道 = articles（篇）
三级指标 宣传
  分值 10分
  评分 满意度低于90%，扣4分
  加分 每篇报道，加1分，最多加3分
";

const BONUS_EN: &str = "scorecard \"bonus\"
input satisfaction = sat (%)
input articles = articles (篇)
indicator publicity
  points 10
  scoring: satisfaction below 90% → −4
  bonus: each 篇 articles → +1, at most +3
";

fn record(sat: &str, articles: u32) -> String {
    format!(r#"{{"sat": {sat}, "articles": {articles}}}"#)
}

#[test]
fn a_bonus_adds_back_up_to_its_cap() {
    for c in &both(BONUS_ZH, BONUS_EN) {
        expect(c, &record("85", 0), 0, "6");
        expect(c, &record("85", 2), 0, "8");
        expect(c, &record("85", 3), 0, "9");
        // 5 articles would add 5: the statement adds at most 3
        expect(c, &record("85", 5), 0, "9");
    }
}

#[test]
fn by_default_a_bonus_cannot_lift_a_score_above_its_points() {
    for c in &both(BONUS_ZH, BONUS_EN) {
        expect(c, &record("95", 0), 0, "10");
        let r = expect(c, &record("95", 2), 0, "10");
        common::assert_exact(indicator(&r, 0).deduction, "0", "deduction");
        common::assert_exact(r.total, "10", "total");
        common::assert_exact(r.full_marks, "10", "full marks");
    }
}

#[test]
fn a_bonus_may_exceed_full_marks_when_the_file_says_so() {
    let zh = card(&BONUS_ZH.replace("输入 满意度", "加分可超过满分\n输入 满意度"));
    let en = card(&BONUS_EN.replace("input satisfaction", "bonus may exceed full marks\ninput satisfaction"));
    for c in [&zh, &en] {
        let r = expect(c, &record("95", 2), 0, "12");
        // the deduction is negative: points − score
        common::assert_exact(indicator(&r, 0).deduction, "-2", "deduction");
        common::assert_exact(r.full_marks, "10", "full marks");
        expect_total(c, &record("95", 2), "12");
        // the cap still holds
        expect_total(c, &record("95", 7), "13");
        // a deduction still comes off first
        expect(c, &record("85", 7), 0, "9");
    }
}

#[test]
fn bonus_explanations_give_the_count_and_the_cap() {
    let [zh, en] = both(BONUS_ZH, BONUS_EN);
    let r = run(&zh, &record("85", 5));
    assert_mentions(&indicator(&r, 0).explanation, &["报道 5篇", "加 5 分", "最多加 3 分", "得 9 分"]);
    let r = run(&en, &record("85", 5));
    assert_mentions(&indicator(&r, 0).explanation, &["articles 5篇", "+5", "at most 3", "score 9"]);
}

#[test]
fn a_condition_bonus_tier() {
    let zh = card(&BONUS_ZH.replace("加分 每篇报道，加1分，最多加3分", "加分 报道达到3篇，加2分"));
    let en = card(&BONUS_EN.replace("bonus: each 篇 articles → +1, at most +3", "bonus: articles at least 3篇 → +2"));
    for c in [&zh, &en] {
        expect(c, &record("85", 2), 0, "6");
        expect(c, &record("85", 3), 0, "8");
        expect(c, &record("85", 9), 0, "8");
    }
}

#[test]
fn a_bonus_tier_inside_scoring_is_a_compile_error() {
    assert_compile_error(&BONUS_ZH.replace("加分 每篇报道，加1分，最多加3分", "评分 每篇报道，加1分"), Code::WrongKind);
    assert_compile_error(
        &BONUS_EN.replace("bonus: each 篇 articles → +1, at most +3", "scoring: each 篇 articles → +1"),
        Code::WrongKind,
    );
    // and a deduction inside a bonus
    assert_compile_error(&BONUS_ZH.replace("评分 满意度低于90%，扣4分", "加分 满意度低于90%，扣4分"), Code::WrongKind);
    assert_compile_error(
        &BONUS_EN.replace("scoring: satisfaction below 90% → −4", "bonus: satisfaction below 90% → −4"),
        Code::WrongKind,
    );
}

const VETO_ZH: &str = "计分表 「否决」
输入 一般事故 = minor（起）
输入 重大事故 = critical（起）
输入 报道 = articles（篇）
三级指标 安全生产
  分值 15分
  评分 每起一般事故扣1分
  加分 每篇报道，加1分，最多加2分
  否决 重大事故达到1起，取消资格
三级指标 台账管理
  分值 5分
  评分 一般事故超过10起，扣5分
";

const VETO_EN: &str = "scorecard \"veto\"
input minor accidents = minor (起)
input critical accidents = critical (起)
input articles = articles (篇)
indicator safety
  points 15
  scoring: each 起 minor accidents → −1
  bonus: each 篇 articles → +1, at most +2
  veto: critical accidents at least 1, disqualify
indicator records
  points 5
  scoring: minor accidents above 10起 → −5
";

fn accidents(minor: u32, critical: u32) -> String {
    format!(r#"{{"minor": {minor}, "critical": {critical}, "articles": 1}}"#)
}

#[test]
fn a_veto_zeroes_the_indicator_and_disqualifies_the_scorecard() {
    for c in &both(VETO_ZH, VETO_EN) {
        // no critical accident: 15 − 2 + 1 = 14; the other indicator keeps its 5
        let r = expect(c, &accidents(2, 0), 0, "14");
        assert_eq!(indicator(&r, 0).status, Status::Scored);
        assert!(!r.disqualified);
        common::assert_exact(r.total, "19", "total");
        for critical in [1, 3] {
            let r = expect(c, &accidents(2, critical), 0, "0");
            let ind = indicator(&r, 0);
            assert_eq!(ind.status, Status::Vetoed, "[{}]", common::lang(c));
            common::assert_exact(ind.deduction, "15", "deduction");
            assert!(r.disqualified, "[{}] 取消资格 disqualifies", common::lang(c));
            // the other indicator is scored as usual
            common::assert_exact(r.total, "5", "total");
            assert_eq!(indicator(&r, 1).status, Status::Scored);
        }
    }
}

#[test]
fn a_veto_without_disqualify_only_zeroes_the_indicator() {
    let zh = card(&VETO_ZH.replace("否决 重大事故达到1起，取消资格", "一票否决 重大事故达到1起"));
    let en = card(
        &VETO_EN.replace("veto: critical accidents at least 1, disqualify", "veto: critical accidents at least 1"),
    );
    for c in [&zh, &en] {
        let r = expect(c, &accidents(0, 1), 0, "0");
        assert_eq!(indicator(&r, 0).status, Status::Vetoed);
        assert!(!r.disqualified, "[{}] no 取消资格: not disqualified", common::lang(c));
        common::assert_exact(r.total, "5", "total");
        let r = expect(c, &accidents(0, 0), 0, "15");
        assert!(!r.disqualified);
    }
}

#[test]
fn a_veto_on_a_yes_no_input() {
    let zh = card(
        "计分表 「舆情」\n输入 发生舆情 = scandal（是否）\n输入 满意度 = sat（%）\n三级指标 形象\n  分值 5分\n  评分 满意度低于90%，扣1分\n  否决 发生舆情\n",
    );
    let en = card(
        "scorecard \"scandal\"\ninput scandal = scandal (yes/no)\ninput satisfaction = sat (%)\nindicator image\n  points 5\n  scoring: satisfaction below 90% → −1\n  veto: scandal\n",
    );
    for c in [&zh, &en] {
        expect(c, r#"{"scandal": false, "sat": 80}"#, 0, "4");
        let r = expect(c, r#"{"scandal": "是", "sat": 95}"#, 0, "0");
        assert_eq!(indicator(&r, 0).status, Status::Vetoed);
        assert!(!r.disqualified);
    }
}

#[test]
fn veto_explanations_name_the_value_and_the_rule() {
    let [zh, en] = both(VETO_ZH, VETO_EN);
    let r = run(&zh, &accidents(0, 2));
    let ind = indicator(&r, 0);
    assert_mentions(&ind.explanation, &["重大事故 2起", "一票否决", "重大事故达到1起", "取消资格"]);
    assert_eq!(ind.fired.len(), 1);
    let r = run(&en, &accidents(0, 2));
    assert_mentions(&indicator(&r, 0).explanation, &["critical accidents 2起", "vetoed", "disqualif"]);
}
