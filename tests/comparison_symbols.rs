//! Comparison symbols in tiers and bands (`重点支出安排率≥90%，计5分`) read
//! exactly like the words with the same strictness, in both keyword sets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use scorecard::{Decimal, Scorecard};

/// Each symbol, and a word of the same meaning and strictness.
const PAIRS: &[(&str, &str, &str)] = &[
    ("<", "低于", "below"),
    ("＜", "低于", "below"),
    (">", "高于", "above"),
    ("＞", "高于", "above"),
    ("≥", "达到", "at least"),
    ("≧", "达到", "at least"),
    (">=", "达到", "at least"),
    ("＞＝", "达到", "at least"),
    ("≤", "不超过", "at most"),
    ("≦", "不超过", "at most"),
    ("<=", "不超过", "at most"),
    ("＜＝", "不超过", "at most"),
];

/// Values on, just below and just above the threshold of 90%.
const VALUES: &[&str] = &["89.99", "90", "90.01", "0", "100"];

fn total(card: &Scorecard, value: &str) -> Decimal {
    card.evaluate_json(&format!(r#"{{"rate": "{value}%"}}"#)).unwrap().total
}

fn same_scores(symbol_src: &str, word_src: &str, what: &str) {
    let with_symbol = Scorecard::compile(symbol_src).unwrap_or_else(|e| panic!("{what}: {e}"));
    let with_word = Scorecard::compile(word_src).unwrap();
    for value in VALUES {
        assert_eq!(total(&with_symbol, value), total(&with_word, value), "{what} at {value}%");
    }
}

#[test]
fn tiers_with_symbols_score_like_words() {
    let src =
        |cmp: &str| format!("计分表 「符号」\n输入 安排率 = rate（%）\n三级指标 甲\n  评分 安排率{cmp}90%，扣3分\n");
    for (symbol, word, _) in PAIRS {
        same_scores(&src(symbol), &src(word), &format!("tier `{symbol}`"));
    }
}

#[test]
fn bands_with_symbols_score_like_words() {
    let src = |cmp: &str| {
        format!("计分表 「符号」\n输入 安排率 = rate（%）\n三级指标 甲\n  分值 5分\n  得分 安排率{cmp}90%，计5分；否则计0分\n")
    };
    for (symbol, word, _) in PAIRS {
        same_scores(&src(symbol), &src(word), &format!("band `{symbol}`"));
    }
}

#[test]
fn english_tiers_take_symbols_too() {
    let src = |cmp: &str| {
        format!("scorecard \"symbols\"\ninput rate = rate (%)\nindicator a\n  scoring: rate {cmp} 90% → −3\n")
    };
    for (symbol, _, word) in PAIRS {
        same_scores(&src(symbol), &src(word), &format!("English tier `{symbol}`"));
    }
}

#[test]
fn the_symbol_decides_strictness_at_the_boundary() {
    let src =
        |cmp: &str| format!("计分表 「符号」\n输入 安排率 = rate（%）\n三级指标 甲\n  评分 安排率{cmp}90%，扣3分\n");
    let at_90 = |cmp: &str| total(&Scorecard::compile(&src(cmp)).unwrap(), "90");
    assert_eq!(at_90("<"), Decimal::from(3), "90 is not below 90: nothing deducted");
    assert_eq!(at_90("≤"), Decimal::ZERO, "90 is at most 90: deducted");
    assert_eq!(at_90(">"), Decimal::from(3));
    assert_eq!(at_90("≥"), Decimal::ZERO);
}
