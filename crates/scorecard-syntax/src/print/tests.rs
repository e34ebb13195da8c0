#![allow(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

use super::*;
use crate::{parse, Limits};

/// Parses `src`, prints it, and checks the printed text parses to the same tree; returns the text.
fn round_trip(src: &str) -> String {
    let tree = parse(src, &Limits::default()).unwrap_or_else(|d| panic!("{d:?}\n{src}"));
    let text = to_source(&tree);
    let back = parse(&text, &Limits::default()).unwrap_or_else(|d| panic!("{d:?}\n{text}"));
    assert_eq!(back, tree, "printed as:\n{text}");
    text
}

fn rule(line: &str) -> String {
    let src = format!("计分表 「甲」\n输入 满意度_ = s（%）\n三级指标 乙\n  {line}\n");
    let text = round_trip(&src);
    text.lines().last().unwrap_or_default().trim().to_owned()
}

#[test]
fn a_name_is_checked_against_the_word_after_it() {
    // 满意不 before 低于 would read as 满意 · 不低于: the comparison would turn round.
    assert_eq!(rule("评分 「满意不」低于90%，扣3分"), "评分 满意不 低于90%，扣3分");
    assert_eq!(rule("评分 「满意不」高于90%，扣3分"), "评分 满意不 高于90%，扣3分");
    assert_eq!(rule("评分 「制度并」且满意度低于90%，扣3分"), "评分 制度并 且满意度低于90%，扣3分");
    assert_eq!(rule("评分 评价为「达成并」且满意度低于90%，扣3分"), "评分 评价为达成并 且满意度低于90%，扣3分");
    // A name ending in `_` or a letter runs into a number.
    assert_eq!(rule("评分 满意度低于满意度_ 90%，扣3分"), "评分 满意度低于满意度_ 90%，扣3分");
    assert_eq!(rule("评分 满意度低于上期90%，扣3分"), "评分 满意度低于上期90%，扣3分");
}

#[test]
fn a_name_starting_with_a_keyword_tried_first_is_quoted() {
    assert_eq!(rule("评分 「累计次数」低于5次，扣3分"), "评分 「累计次数」低于5次，扣3分");
    assert_eq!(rule("得分 「累计值」达到90%，计2分"), "得分 「累计值」不低于90%，计2分");
    assert_eq!(rule("评分 「累计数」每1次扣1分"), "评分 「累计数」每1次扣1分");
}

#[test]
fn english_names_are_separated_and_quoted_as_needed() {
    let src =
        "scorecard \"x\"\nindicator rate\n  scoring: rate below 90% of last year → −3, \"each day\" each 1 day → −1\n";
    let text = round_trip(src);
    assert!(text.contains("scoring: rate below 90% of last year → −3, \"each day\" each 1 day → −1"), "{text}");
}
