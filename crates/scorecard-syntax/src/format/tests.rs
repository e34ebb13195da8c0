#![allow(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

use super::*;

fn fmt(src: &str) -> String {
    match format(src, &Limits::default()) {
        Ok(text) => text,
        Err(d) => panic!("format failed: {d:?}\n{src}"),
    }
}

/// Formats `src`, checks the result is a fixed point, and returns it.
fn fmt_stable(src: &str) -> String {
    let once = fmt(src);
    assert_eq!(fmt(&once), once, "formatting is not idempotent");
    once
}

#[test]
fn lays_out_a_messy_file_and_keeps_every_comment() {
    let messy = "\n\n# 头注释\n计分表   「示例」   # 表名\n总分 10 分\n输入 满意度 = sat（ % ）,范围 0 ～100\n\
                 输入 年办件量=cases（件）\n\n\n一级指标 产出   分值 10分\n三级指标 满意度\n指标值 = 90% ，定量指标\n\
                 \x20     # 说明\n\n\n评分 满意度低于90%，扣3分 ， # 第一档\n低于 80%扣 5分\n  分值 5分 。\n\
                 三级指标 年办件量\n  评分：年办件量 低于 100件，扣5分\n# 尾注\n";
    let expected = "# 头注释\n计分表 「示例」  # 表名\n总分 10分\n输入 满意度 = sat（%）, 范围 0～100\n\
                    输入 年办件量=cases（件）\n\n一级指标 产出 分值 10分\n  三级指标 满意度\n    指标值 = 90%，定量指标\n\
                    \x20   # 说明\n\n    评分 满意度低于90%，扣3分，  # 第一档\n         低于80%扣5分\n    分值 5分。\n\
                    \x20 三级指标 年办件量\n    评分：年办件量 低于100件，扣5分\n    # 尾注\n";
    assert_eq!(fmt_stable(messy), expected);
}

#[test]
fn keeps_the_english_keyword_set_and_its_spacing() {
    let messy = "scorecard   \"demo\"\ntotal 10\ninput rate = rate (%)\nindicator  rate\n\
                 scoring:rate below 90%   →   −3,below 80% → −5 points\n";
    let expected = "scorecard \"demo\"\ntotal 10\ninput rate = rate (%)\nindicator rate\n  \
                    scoring: rate below 90% → −3, below 80% → −5 points\n";
    assert_eq!(fmt_stable(messy), expected);
}

#[test]
fn keeps_the_words_as_written() {
    // 未到达 and 扣分25分 are kept, not rewritten as 低于 and 扣25分.
    let src = "计分表 「甲」\n三级指标 满意\n  评分 满意度未到达80%扣分25分，90%以下扣1分\n";
    assert_eq!(fmt_stable(src), src);
}

#[test]
fn keeps_a_space_that_ends_a_name() {
    // Without the space, 产出分值 would be read as one name.
    let src = "计分表 「甲」\n一级指标 产出 分值 5分\n  三级指标 乙\n    评分 乙低于1次，扣5分\n";
    assert_eq!(fmt_stable(src), src);
}

#[test]
fn continuation_lines_align_under_the_first_word() {
    let src = "计分表 「甲」\n三级指标 乙\n得分 乙达到90%，计2分；\n否则不得分\n";
    let expected = "计分表 「甲」\n三级指标 乙\n  得分 乙达到90%，计2分；\n       否则不得分\n";
    assert_eq!(fmt_stable(src), expected);
}

#[test]
fn line_endings_byte_order_mark_and_wide_spaces_are_normalised() {
    let src = "\u{FEFF}计分表\u{3000}「甲」\r\n三级指标 乙\r\n\t评分 乙低于1次，扣5分  \r\n";
    assert_eq!(fmt_stable(src), "计分表 「甲」\n三级指标 乙\n  评分 乙低于1次，扣5分\n");
}

#[test]
fn quoted_text_is_kept_byte_for_byte() {
    let src = "计分表 「甲  乙 # 不是注释」\n三级指标 丙\n  评分标准 「原文，  两个空格」\n  评分 丙低于1次，扣5分\n";
    assert_eq!(fmt_stable(src), src);
}

#[test]
fn a_comment_at_the_end_of_a_statement_line_stays_there() {
    let src = "计分表 「甲」\n三级指标 乙\n  评分 乙低于1次，扣5分  # 原文如此\n";
    assert_eq!(fmt_stable(src), src);
    let src = "计分表 「甲」\n三级指标 乙\n  评分 乙低于1次，扣3分，  # 第一档\n       低于2次，扣5分\n";
    assert_eq!(fmt_stable(src), src);
}

#[test]
fn a_file_that_does_not_parse_is_refused_with_its_diagnostics() {
    let errors = format("计分表 「甲」\n三级指标 乙\n  评分 乙低于 扣3分\n", &Limits::default()).unwrap_err();
    assert!(errors.iter().all(|d| d.code == Code::Syntax), "{errors:?}");
    // At `扣3分`, where a threshold was expected.
    assert_eq!(errors.first().map(|d| d.span.start), Some(56));
}

#[test]
fn bytes_that_are_not_utf8_are_an_error_with_a_position() {
    let errors = format_bytes(b"\xE8\xAE\xA1\xFF", &Limits::default()).unwrap_err();
    assert_eq!(errors.first().map(|d| (d.code, d.span.start)), Some((Code::InvalidUtf8, 3)));
}

#[test]
fn text_between_tokens_that_is_not_space_or_comment_is_refused() {
    // A grammar change that left a literal outside every token would be caught here.
    let tokens = [tokens::Token {
        start: 1,
        end: 2,
        kind: tokens::Kind::Keyword,
        rule: Rule::kw_total,
        role: tokens::Role::Line(0),
    }];
    assert_eq!(layout::lay_out("x总", &tokens).err(), Some(0));
}
