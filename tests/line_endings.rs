//! LF, CRLF and a lone CR (old Mac files) are the same line break
//! everywhere: every rule file in `rules/`, written with each, parses to the
//! same tree, formats to the same text, scores the same records and puts its
//! diagnostics at the same line and column (issue 10, D6: a `#` comment once
//! ran to the next LF and so swallowed the rest of a CR-only file).

use scorecard::Scorecard;
use scorecard_syntax::{Limits, LineCol, LineIndex};

/// Every rule file in `rules/`, with LF line breaks.
fn rule_files() -> Vec<(String, String)> {
    scorecard_tests::rule_files().into_iter().map(|(path, text)| (path, text.replace("\r\n", "\n"))).collect()
}

/// The text with each of the three line breaks.
fn variants(lf: &str) -> [(&'static str, String); 3] {
    [("LF", lf.to_owned()), ("CRLF", lf.replace('\n', "\r\n")), ("CR", lf.replace('\n', "\r"))]
}

/// Where each diagnostic starts, as line and column.
fn positions(src: &str, diagnostics: &[scorecard::Diagnostic]) -> Vec<(LineCol, String)> {
    let index = LineIndex::new(src);
    diagnostics.iter().map(|d| (index.span_start(src, d.span), d.message.clone())).collect()
}

/// Scores, fired rules (by line and column) and explanations for a few records.
fn reports(card: &Scorecard) -> Vec<String> {
    let keys: Vec<String> = card.inputs().map(|i| i.key.to_owned()).collect();
    ["0", "1", "50", "\"是\"", "99.5"]
        .iter()
        .map(|v| {
            let fields: Vec<String> = keys.iter().map(|k| format!("{k:?}: {v}")).collect();
            match card.evaluate_json(&format!("{{{}}}", fields.join(", "))) {
                Ok(r) => {
                    let inds: Vec<String> = r
                        .indicators
                        .iter()
                        .map(|i| {
                            let fired: Vec<_> = i.fired.iter().map(|f| (f.line, f.column, f.text.clone())).collect();
                            format!("{} {} {fired:?} {}", i.name, i.score, i.explanation)
                        })
                        .collect();
                    format!("{} {inds:?}", r.total)
                }
                Err(e) => format!("{e:?}"),
            }
        })
        .collect()
}

#[test]
fn every_line_break_reads_the_same() {
    let limits = Limits::default();
    for (path, lf) in rule_files() {
        let [(_, lf_text), rest @ ..] = variants(&lf);
        let tree = scorecard_syntax::parse(&lf_text, &limits).unwrap();
        let formatted = scorecard_syntax::format(&lf_text, &limits).unwrap();
        let card = Scorecard::compile(&lf_text).unwrap();
        let (warnings, scored) = (positions(&lf_text, card.warnings()), reports(&card));
        assert!(card.indicator_names().count() > 0, "{path}");
        for (name, text) in rest {
            let what = format!("{path} with {name}");
            assert_eq!(scorecard_syntax::parse(&text, &limits).unwrap(), tree, "{what}");
            assert_eq!(scorecard_syntax::format(&text, &limits).unwrap(), formatted, "{what}");
            let other = Scorecard::compile(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(positions(&text, other.warnings()), warnings, "{what}");
            assert_eq!(reports(&other), scored, "{what}");
        }
    }
}

#[test]
fn errors_are_at_the_same_line_and_column() {
    for (path, lf) in rule_files() {
        // A comment, then an indicator whose rule is not understood, then a
        // name used before it is declared: errors after a comment on every line.
        let broken =
            format!("{lf}\n# 注释\n三级指标 「坏」  # 行尾注释\n  评分 这不是规则 # 注\n  评分 未声明低于1次，扣1分\n");
        let [(_, lf_text), rest @ ..] = variants(&broken);
        let expected = positions(&lf_text, &Scorecard::compile(&lf_text).unwrap_err().diagnostics);
        assert!(!expected.is_empty());
        for (name, text) in rest {
            let found = positions(&text, &Scorecard::compile(&text).unwrap_err().diagnostics);
            assert_eq!(found, expected, "{path} with {name}");
        }
    }
}

#[test]
fn a_comment_ends_at_a_lone_cr() {
    let src = "计分表 「t」\r输入 甲 = a（次）\r三级指标 一  # 注释\r  评分 甲高于1次，扣1分\r三级指标 二\r  评分 甲高于2次，扣1分\r";
    let card = Scorecard::compile(src).unwrap();
    assert_eq!(card.indicator_names().count(), 2);
    assert_eq!(card.evaluate_json(r#"{"a": 3}"#).unwrap().total.to_string(), "0");
    let at = src.find("评分 甲高于2次").unwrap();
    assert_eq!(LineIndex::new(src).line_col(src, at), LineCol { line: 6, column: 3 });
}
