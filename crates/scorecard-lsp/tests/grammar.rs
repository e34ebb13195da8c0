//! The VS Code TextMate grammar (`editors/vscode/syntaxes`) tokenises the
//! seed files in both keyword sets with the expected scopes. Patterns are
//! applied as TextMate does for top-level `match` rules: at each point the
//! earliest match wins, the first listed on a tie.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use regex::Regex;

const GRAMMAR: &str = include_str!("../../../editors/vscode/syntaxes/scorecard.tmLanguage.json");

fn patterns() -> Vec<(String, Regex)> {
    let g: serde_json::Value = serde_json::from_str(GRAMMAR).unwrap();
    assert_eq!(g["scopeName"], "source.scorecard");
    g["patterns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_owned(),
                Regex::new(&format!("(?m){}", p["match"].as_str().unwrap())).unwrap(),
            )
        })
        .collect()
}

/// (text, scope) of every token of `src`.
fn tokens(src: &str) -> Vec<(String, String)> {
    let patterns = patterns();
    let mut out = Vec::new();
    for line in src.lines() {
        let mut at = 0;
        while at < line.len() {
            let best = patterns
                .iter()
                .filter_map(|(scope, re)| {
                    re.find_at(line, at).filter(|m| !m.is_empty()).map(|m| (m.start(), m.end(), scope))
                })
                .min_by_key(|(s, _, _)| *s);
            let Some((s, e, scope)) = best else { break };
            out.push((line[s..e].to_owned(), scope.clone()));
            at = e;
        }
    }
    out
}

fn scope_of(tokens: &[(String, String)], text: &str) -> String {
    tokens.iter().find(|(t, _)| t == text).map(|(_, s)| s.clone()).unwrap_or_else(|| panic!("no token `{text}`"))
}

#[test]
fn the_chinese_seed_is_coloured() {
    let src = include_str!("../../../rules/chenggong-2021-window-service.rules");
    let t = tokens(src);
    assert!(scope_of(&t, "三级指标").starts_with("keyword.other.heading"));
    assert!(scope_of(&t, "评分").starts_with("keyword.other.property"));
    assert!(scope_of(&t, "输入").starts_with("keyword.other.declaration"));
    assert!(scope_of(&t, "低于").starts_with("keyword.operator.comparison"));
    assert!(scope_of(&t, "90%").starts_with("constant.numeric"));
    assert!(scope_of(&t, "3分").starts_with("constant.numeric"));
    assert!(scope_of(&t, "「2020年办件量统计及2020年区政务局工作总结」").starts_with("string.quoted"));
    assert!(t.iter().any(|(text, s)| text.starts_with("# ") && s.starts_with("comment.line")));
}

#[test]
fn the_english_seed_is_coloured() {
    let src = include_str!("../../../rules/chenggong-2021-window-service.en.rules");
    let t = tokens(src);
    assert!(scope_of(&t, "indicator").starts_with("keyword.other.heading"));
    assert!(scope_of(&t, "scoring").starts_with("keyword.other.property"));
    assert!(scope_of(&t, "input").starts_with("keyword.other.declaration"));
    assert!(scope_of(&t, "below").starts_with("keyword.operator.comparison"));
    assert!(t.iter().any(|(text, s)| text.starts_with('"') && s.starts_with("string.quoted")));
}

#[test]
fn the_language_configuration_pairs_the_chinese_brackets() {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../../editors/vscode/language-configuration.json")).unwrap();
    assert_eq!(conf["comments"]["lineComment"], "#");
    let brackets = conf["brackets"].to_string();
    assert!(brackets.contains(r#"["「","」"]"#) && brackets.contains(r#"["（","）"]"#), "{brackets}");
}
