#![allow(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

use super::*;
use crate::grammar::{Rule, ScorecardParser};
use crate::Diagnostic;

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

fn invalid(result: Result<String, FormatError>) -> Vec<Diagnostic> {
    match result {
        Err(FormatError::Invalid(d)) => d,
        other => panic!("expected diagnostics, got {other:?}"),
    }
}

#[test]
fn a_file_that_does_not_parse_is_refused_with_its_diagnostics() {
    let errors = invalid(format("计分表 「甲」\n三级指标 乙\n  评分 乙低于 扣3分\n", &Limits::default()));
    assert!(errors.iter().all(|d| d.code == crate::Code::Syntax), "{errors:?}");
    // At `扣3分`, where a threshold was expected.
    assert_eq!(errors.first().map(|d| d.span.start), Some(56));
}

#[test]
fn bytes_that_are_not_utf8_are_an_error_with_a_position() {
    let errors = invalid(format_bytes(b"\xE8\xAE\xA1\xFF", &Limits::default()));
    assert_eq!(errors.first().map(|d| (d.code, d.span.start)), Some((crate::Code::InvalidUtf8, 3)));
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

#[test]
fn a_range_dash_keeps_the_space_its_grammar_needs() {
    // `-` between range bounds must be followed by a digit or a space on its line.
    let src = "计分表 「甲」\n输入 乙 = b（%）\n三级指标 乙\n  得分 乙0%- \n  10%，计2分\n";
    assert_eq!(fmt_stable(src), "计分表 「甲」\n输入 乙 = b（%）\n三级指标 乙\n  得分 乙0%- 10%，计2分\n");
}

#[test]
fn the_nature_stays_on_the_target_line_or_gets_its_own() {
    let same = "计分表 「甲」\n三级指标 乙\n  指标值 = 90%，定量指标\n";
    assert_eq!(fmt_stable(same), same);
    let own = "计分表 「甲」\n三级指标 乙\n指标值 = 90%\n定量指标\n";
    assert_eq!(fmt_stable(own), "计分表 「甲」\n三级指标 乙\n  指标值 = 90%\n  定量指标\n");
}

#[test]
fn a_separator_stays_before_a_comment() {
    let src = "计分表 「甲」\n三级指标 乙\n评分 乙低于1次，扣3分 # 第一档\n，低于2次，扣5分\n";
    let expected = "计分表 「甲」\n三级指标 乙\n  评分 乙低于1次，扣3分，  # 第一档\n       低于2次，扣5分\n";
    assert_eq!(fmt_stable(src), expected);
}

#[test]
fn negative_bounds_hug_the_range_sign_like_positive_ones() {
    let src = "计分表 「甲」\n输入 乙 = b（%），范围 -5 ～ -3\n";
    assert_eq!(fmt_stable(src), "计分表 「甲」\n输入 乙 = b（%），范围 -5～-3\n");
}

#[test]
fn a_result_over_the_size_limit_is_refused() {
    let src = "计分表 「甲」\n三级指标 乙\n评分 乙低于1次，扣3分\n";
    let limits = Limits { max_file_bytes: src.len(), ..Limits::default() };
    assert_eq!(format(src, &limits), Err(FormatError::TooLarge { bytes: src.len() + 2, limit: src.len() }));
}

/// A tiny deterministic generator, so the whitespace fuzz below needs no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).unwrap_or(0).checked_rem(n).unwrap_or(0)
    }
}

/// Every rule file of the repository, respaced at random between its tokens
/// (spaces, tabs, U+3000, CRLF, blank lines, comments): whenever the respaced
/// file still says the same thing, formatting it must succeed, keep its
/// tree and comments, and be a fixed point.
#[test]
fn respaced_rule_files_format_to_the_same_tree() {
    const GAPS: [&str; 8] = [" ", "  ", "\t", "\u{3000}", "\n", "\r\n", "\n\n\n", " # 注\n"];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let mut files = Vec::new();
    for dir in [root.clone(), root.join("corpus"), root.join("examples")] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rules") {
                files.push(std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    assert!(files.len() >= 40);
    let mut rng = Lcg(7);
    let mut checked = 0;
    for src in &files {
        let tree = crate::parse(src, &Limits::default()).unwrap();
        let mut pairs = ScorecardParser::parse(Rule::file, src).unwrap();
        let tokens = tokens::collect(pairs.next().unwrap());
        for _ in 0..12 {
            let mut out = String::new();
            let mut pos = 0;
            for t in &tokens {
                let gap = src.get(pos..t.start).unwrap_or("");
                // Keep comments; respace where there was space; now and then add a space where there was none.
                let gap = if gap.contains('#') {
                    gap.to_owned()
                } else if !gap.is_empty() || rng.next(5) == 0 {
                    GAPS.get(rng.next(GAPS.len())).copied().unwrap_or(" ").to_owned()
                } else {
                    String::new()
                };
                out.push_str(&gap);
                out.push_str(src.get(t.start..t.end).unwrap_or(""));
                pos = t.end;
            }
            if crate::parse(&out, &Limits::default()).ok().as_ref() != Some(&tree) {
                continue; // respacing changed the file (two words run together): not a formatting case
            }
            let formatted = format(&out, &Limits::default()).unwrap_or_else(|e| {
                let _ = std::fs::write("/tmp/fuzzfail.rules", &out);
                panic!("{e:?}\n{out}")
            });
            assert_eq!(crate::parse(&formatted, &Limits::default()).ok().as_ref(), Some(&tree));
            assert_eq!(formatted.matches("# 注").count(), out.matches("# 注").count());
            assert_eq!(format(&formatted, &Limits::default()).ok().as_deref(), Some(formatted.as_str()));
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} respaced files said the same thing");
}
