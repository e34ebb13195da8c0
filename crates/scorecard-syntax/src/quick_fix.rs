//! Sure fixes for syntax errors, made where the error is made so editors
//! never parse message text: add a missing `分`, quote a heading's name.

use crate::keywords::{Keyword, Place, KEYWORDS};
use crate::{Fix, Lang, Span};

/// `扣3` where `分` was expected, before the end of the line or a separator: insert it.
pub(crate) fn add_fen(src: &str, at: Span, lang: Lang) -> Option<Fix> {
    let next = src.get(at.start as usize..)?.chars().next();
    let ends = next.is_none_or(|c| matches!(c, '\n' | '\r' | '，' | '；' | ',' | ';' | '。' | ' ' | '\t'));
    (lang == Lang::Zh && ends).then(|| Fix::replace("补上“分”", Span::new(at.start as usize, at.start as usize), "分"))
}

/// An unquoted heading name the parser could not read (it contains a keyword,
/// a comparison word, a digit or punctuation): put it in quotes.
pub(crate) fn quote_heading(src: &str, at: Span, lang: Lang) -> Option<Fix> {
    let at = at.start as usize;
    let start = src.get(..at)?.rfind('\n').map_or(0, |i| i.saturating_add(1));
    let end = src.get(start..)?.find('\n').map_or(src.len(), |i| i.saturating_add(start));
    let line = src.get(start..end)?.trim_end_matches('\r');
    let body = line.trim_start();
    let headings = KEYWORDS.iter().filter(|k| k.place == Place::Heading).flat_map(Keyword::spellings);
    let keyword = headings.filter(|k| body.starts_with(k)).max_by_key(|k| k.len())?;
    let name_start = start.saturating_add(line.len().saturating_sub(body.len())).saturating_add(keyword.len());
    let line_end = start.saturating_add(line.len());
    let name = src.get(name_start..line_end)?;
    let name = name.trim_start_matches([' ', '\t', ':', '：', '\u{3000}']);
    let trimmed = name.trim_end();
    let from = line_end.saturating_sub(name.len());
    if trimmed.is_empty() || trimmed.starts_with(['「', '"']) || trimmed.contains(['「', '」', '"']) || at < from {
        return None;
    }
    let span = Span::new(from, from.saturating_add(trimmed.len()));
    Some(match lang {
        Lang::Zh => Fix::replace(format!("用「」括起名称 `{trimmed}`"), span, format!("「{trimmed}」")),
        Lang::En => Fix::replace(format!("quote the name `{trimmed}`"), span, format!("\"{trimmed}\"")),
    })
}
