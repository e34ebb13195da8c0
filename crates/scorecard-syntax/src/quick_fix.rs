//! Sure fixes for syntax errors, made where the error is made so editors
//! never parse message text: add a missing `分`, quote a heading's name.
//!
//! A fix is offered only when it is sure: applied, it makes its error go
//! away. Quoting is checked by parsing the file again with the quotes in.

use pest::Parser as _;

use crate::grammar::{Rule, ScorecardParser};
use crate::keywords::{Keyword, Place, KEYWORDS};
use crate::{Fix, Lang, Span};

/// `扣3` where `分` was expected, before the end of the line or a separator:
/// insert it. Only after a number (`扣分` lacks the number, not the `分`), and
/// only when the file then parses past the `分`.
pub(crate) fn add_fen(src: &str, at: Span, lang: Lang) -> Option<Fix> {
    let at = at.start as usize;
    let next = src.get(at..)?.chars().next();
    let ends = next.is_none_or(|c| matches!(c, '\n' | '\r' | '，' | '；' | ',' | ';' | '。' | ' ' | '\t'));
    let after_number = src.get(..at)?.chars().next_back().is_some_and(is_digit);
    let fix = Fix::replace("补上“分”", Span::new(at, at), "分");
    (lang == Lang::Zh && ends && after_number && parses_past(src, &fix, at)).then_some(fix)
}

/// An unquoted heading name the parser could not read (it contains a
/// comparison word, a digit or punctuation): put it in quotes. Not offered
/// when the rest of the line holds more than a name (a property keyword or a
/// deduction such as `扣3分`: the heading and a property share the line), nor
/// when the file still does not parse up to the end of the line once quoted.
pub(crate) fn quote_heading(src: &str, at: Span, lang: Lang) -> Option<Fix> {
    let at = at.start as usize;
    let start = src.get(..at)?.rfind('\n').map_or(0, |i| i.saturating_add(1));
    let end = src.get(start..)?.find('\n').map_or(src.len(), |i| i.saturating_add(start));
    let line = src.get(start..end)?.trim_end_matches('\r');
    let body = line.trim_start();
    let keyword = line_keywords(&[Place::Heading]).filter(|k| body.starts_with(k)).max_by_key(|k| k.len())?;
    let name_start = start.saturating_add(line.len().saturating_sub(body.len())).saturating_add(keyword.len());
    let line_end = start.saturating_add(line.len());
    let name = src.get(name_start..line_end)?;
    let name = name.trim_start_matches([' ', '\t', ':', '：', '\u{3000}']);
    let trimmed = name.trim_end();
    let from = line_end.saturating_sub(name.len());
    if trimmed.is_empty() || trimmed.contains(['「', '」', '"']) || at < from || !just_a_name(trimmed) {
        return None;
    }
    let span = Span::new(from, from.saturating_add(trimmed.len()));
    let fix = match lang {
        Lang::Zh => Fix::replace(format!("用「」括起名称 `{trimmed}`"), span, format!("「{trimmed}」")),
        Lang::En => Fix::replace(format!("quote the name `{trimmed}`"), span, format!("\"{trimmed}\"")),
    };
    parses_past(src, &fix, line_end).then_some(fix)
}

/// Spellings of the keywords written at the start of a line in `places`.
fn line_keywords(places: &[Place]) -> impl Iterator<Item = &'static str> + '_ {
    KEYWORDS.iter().filter(|k| places.contains(&k.place)).flat_map(Keyword::spellings)
}

/// Whether `text` reads as one name rather than a name followed by more of
/// the statement: none of its words (split at spaces and separators) starts
/// with a line keyword (`评分`, `分值`, `输入`…), and it holds no points
/// (`扣3分`, `5分`, `加0.5分`).
fn just_a_name(text: &str) -> bool {
    let places = [Place::Header, Place::Statement, Place::Heading, Place::Property];
    let separators = [' ', '\t', '\u{3000}', '，', '；', ',', ';', '：', ':', '。'];
    let mut words = text.split(separators).filter(|w| !w.is_empty());
    !words.any(|w| line_keywords(&places).any(|k| w.starts_with(k))) && !holds_points(text)
}

/// Whether `text` has a number followed by `分`, or `扣` followed by a number.
fn holds_points(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|w| match *w {
        [a, '分'] => is_digit(a),
        ['扣', b] => is_digit(b),
        _ => false,
    })
}

/// An ASCII or full-width digit.
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether `src` with `fix` applied parses past byte `offset` of `src` (an
/// offset after the fix's edit, or the end of the edit's line): either the
/// whole file parses, or the first error lies beyond it.
fn parses_past(src: &str, fix: &Fix, offset: usize) -> bool {
    let Some(edit) = fix.edits.first() else { return false };
    let (s, e) = (edit.span.start as usize, edit.span.end as usize);
    let (Some(before), Some(after)) = (src.get(..s), src.get(e..)) else { return false };
    let fixed = format!("{before}{}{after}", edit.text);
    let offset = offset.saturating_add(edit.text.len()).saturating_sub(e.saturating_sub(s));
    match ScorecardParser::parse(Rule::file, &fixed) {
        Ok(_) => true,
        Err(err) => match err.location {
            pest::error::InputLocation::Pos(p) | pest::error::InputLocation::Span((p, _)) => p > offset,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix_at(src: &str, found: &str) -> Option<String> {
        let at = src.find(found)?;
        quote_heading(src, Span::new(at, at), Lang::Zh)
            .map(|f| f.edits.first().map(|e| e.text.clone()).unwrap_or_default())
    }

    #[test]
    fn a_name_with_a_comparison_word_is_quoted() {
        let src = "计分表 「t」\n输入 满意度 = s（%）\n三级指标 满意度低于预期的比例\n  分值 5分\n  评分 满意度低于90%，扣3分\n";
        assert_eq!(fix_at(src, "低于预期").as_deref(), Some("「满意度低于预期的比例」"));
    }

    #[test]
    fn a_property_on_the_heading_line_is_not_quoted() {
        let src = "计分表 「窗口服务」\n输入 年办件量 = cases（件）\n三级指标 年办件量 评分 年办件量低于，扣3分";
        assert_eq!(fix_at(src, "，"), None);
    }

    #[test]
    fn fen_is_added_after_a_number_only() {
        let src = "计分表 「t」\n输入 甲 = a（%）\n三级指标 乙\n  评分 甲低于90%，扣3\n";
        let at = src.find("扣3").unwrap_or(0) + "扣3".len();
        assert!(add_fen(src, Span::new(at, at), Lang::Zh).is_some());
        let src = "计分表 「t」\n输入 甲 = a（%）\n三级指标 乙\n  评分 甲低于90%，扣\n";
        let at = src.find("扣\n").unwrap_or(0) + "扣".len();
        assert_eq!(add_fen(src, Span::new(at, at), Lang::Zh), None);
    }

    #[test]
    fn points_in_the_rest_of_the_line_are_not_a_name() {
        assert!(!just_a_name("年办件量低于90%扣3分"));
        assert!(!just_a_name("满意度 分值 5"));
        assert!(just_a_name("保障入驻单位123个窗口的正常运行"));
        assert!(just_a_name("部分窗口扣款比例"));
    }

    #[test]
    fn no_fix_when_the_file_still_fails_on_the_line() {
        // The grade list runs on (a trailing `，`) and swallows the heading:
        // quoting the heading's name changes nothing.
        let src = "计分表 「t」\n等级 优 90，良 80，中 60，\n一级指标 产出指标\n";
        assert_eq!(fix_at(src, "产出指标"), None);
    }
}
