//! The VS Code TextMate grammar (`editors/vscode/syntaxes`) tokenises the
//! seed files in both keyword sets with the expected scopes. Patterns are
//! applied as TextMate does for top-level `match` rules: at each point the
//! earliest match wins, the first listed on a tie.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![allow(clippy::arithmetic_side_effects)]

use regex::Regex;
use scorecard_syntax::keywords::{Place, KEYWORDS};

const GRAMMAR: &str = include_str!("../../../editors/vscode/syntaxes/scorecard.tmLanguage.json");

fn patterns() -> &'static [(String, Regex)] {
    static PATTERNS: std::sync::OnceLock<Vec<(String, Regex)>> = std::sync::OnceLock::new();
    PATTERNS.get_or_init(compile)
}

fn compile() -> Vec<(String, Regex)> {
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

/// The pest grammar's keyword rules: every `kw_*` and `cmp_*` rule, the
/// function names, input types, range readings and the words of a criterion.
fn is_keyword_rule(name: &str) -> bool {
    const OTHERS: [&str; 13] = [
        "func_name",
        "type_date",
        "type_bool",
        "take_top",
        "take_bottom",
        "take_middle",
        "cumulative",
        "pro_rata",
        "inclusive",
        "exclusive",
        "exhausted",
        "quantitative",
        "qualitative",
    ];
    name.starts_with("kw_") || name.starts_with("cmp_") || OTHERS.contains(&name)
}

/// Single characters the grammar reads as words but that are too common
/// inside names to colour without knowing the names (`为`, `加`, `得`…).
const TOO_COMMON: [&str; 7] = ["为", "加", "计", "得", "记", "前", "后"];

/// (rule, word) for each word a keyword rule spells out whole: a top-level
/// alternative that is one literal (an English one ending in
/// `~ !ascii_word_char`). Pieces of longer phrases are left out.
fn grammar_keywords() -> Vec<(String, String)> {
    let pest = include_str!("../../../grammar/scorecard.pest");
    let rule = Regex::new(r#"(?ms)^([a-z0-9_]+) = [@_$!]?\{(.*?)\}\s*$"#).unwrap();
    let lone = Regex::new(r#"^"([^"]+)"( ~ !ascii_word_char)?$"#).unwrap();
    let mut out = Vec::new();
    for c in rule.captures_iter(pest).filter(|c| is_keyword_rule(&c[1])) {
        for alt in top_level_alternatives(&c[2]) {
            let Some(m) = lone.captures(alt.trim()) else { continue };
            let word = m[1].to_owned();
            let english = word.chars().all(|c| c.is_ascii_alphabetic() || c == ' ');
            let symbol = word.chars().all(|c| c.is_ascii_punctuation());
            if (english && m.get(2).is_none()) || symbol || TOO_COMMON.contains(&word.as_str()) {
                continue;
            }
            out.push((c[1].to_owned(), word));
        }
    }
    out
}

/// `body` split at the `|` not inside brackets or quotes.
fn top_level_alternatives(body: &str) -> Vec<String> {
    let (mut out, mut cur, mut depth, mut quoted) = (Vec::new(), String::new(), 0i32, false);
    for c in body.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => depth -= 1,
            '|' if !quoted && depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

#[test]
fn the_keyword_table_holds_every_keyword_of_the_grammar() {
    let words = grammar_keywords();
    assert!(words.len() > 100, "{}", words.len());
    let table: Vec<&str> = KEYWORDS.iter().flat_map(|k| k.spellings()).collect();
    let missing: Vec<_> = words.iter().filter(|(_, w)| !table.contains(&w.as_str())).collect();
    assert!(missing.is_empty(), "add these words of grammar/scorecard.pest to keywords.rs: {missing:?}");
}

/// Words coloured only where they are written, since they are common inside
/// names: `分` with its number, `含` in its brackets.
const IN_CONTEXT: [(&str, &str, &str); 2] = [("分", "扣3分", "constant.numeric"), ("含", "（含）", "keyword.control")];

#[test]
fn every_keyword_of_the_table_is_coloured() {
    for (word, context, scope) in IN_CONTEXT {
        let t = tokens(&format!("甲低于90%{context}"));
        let token = t.iter().find(|(text, _)| text.contains(word)).unwrap_or_else(|| panic!("no `{word}` in {t:?}"));
        assert!(token.1.starts_with(scope), "{token:?}");
    }
    let mut wrong = Vec::new();
    for k in KEYWORDS {
        let want = match k.place {
            Place::Header | Place::Heading => "keyword.other.heading",
            Place::Statement | Place::Property => "keyword.other.",
            _ => "",
        };
        for spelling in k.spellings().filter(|s| !IN_CONTEXT.iter().any(|(w, _, _)| w == s)) {
            let t = tokens(spelling);
            let ok = matches!(t.as_slice(), [(text, scope)] if text == spelling
                && scope.starts_with(want) && (scope.starts_with("keyword.") || scope.starts_with("support.function.")));
            if !ok {
                wrong.push((spelling, t));
            }
        }
    }
    assert!(wrong.is_empty(), "keywords the TextMate grammar does not colour whole: {wrong:#?}");
}

#[test]
fn newer_words_are_coloured_in_context() {
    let line = "输入 截止 = due（日期）\n输入 得分率 = rates（列表，%）\n  评分 每次低于90%，扣1分；得分 = 平均(得分率) × 分值，评定分 80～90，满意度≥90%，未评定时 取上限";
    let t = tokens(line);
    for (word, scope) in [
        ("每次", "keyword.control"),
        ("日期", "keyword.control"),
        ("列表", "keyword.control"),
        ("平均", "support.function"),
        ("评定分", "keyword"),
        ("～", "keyword"),
        ("≥", "keyword.operator.comparison"),
        ("未评定时", "keyword.other"),
        ("取上限", "keyword"),
    ] {
        assert!(scope_of(&t, word).starts_with(scope), "{word}: {}", scope_of(&t, word));
    }
}
