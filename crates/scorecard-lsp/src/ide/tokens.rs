//! Semantic tokens for the whole document: keywords, declared names (their
//! declarations marked), numbers, quoted text and comments, in text order and
//! never overlapping. Lines of prose (names of groups and indicators, the
//! criterion's original text) colour only their leading keyword and quotes.

use scorecard::Span;

use super::names::{self, NameKind};
use super::Analysis;

/// What a token is; the server's legend lists them in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A keyword or comparison word.
    Keyword,
    /// An input or derived value.
    Variable,
    /// A constant.
    Constant,
    /// A number.
    Number,
    /// Quoted text.
    String,
    /// A comment.
    Comment,
}

/// One token: where it is, what it is, and whether it declares a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The bytes it covers (within one line).
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
    /// Whether it is the declaration of a name.
    pub declaration: bool,
}

/// The tokens of the document, sorted and not overlapping.
pub fn tokens(analysis: &Analysis) -> Vec<Token> {
    let names = names::all(analysis);
    let keywords = super::complete::keywords(analysis.lang);
    let mut out = Vec::new();
    let mut next_name = names.iter().peekable();
    let mut line_start = 0usize;
    for line in analysis.source.split_inclusive('\n') {
        let line_end = line_start.saturating_add(line.trim_end_matches(['\n', '\r']).len());
        let prose = names::is_prose(line);
        let mut i = line_start;
        while i < line_end {
            while next_name.peek().is_some_and(|(_, s, _)| (s.start as usize) < i) {
                next_name.next();
            }
            let rest = analysis.source.get(i..line_end).unwrap_or("");
            let token = match next_name.peek() {
                Some((kind, span, declaration)) if span.start as usize == i => {
                    let kind = if *kind == NameKind::Constant { TokenKind::Constant } else { TokenKind::Variable };
                    Some(Token { span: *span, kind, declaration: *declaration })
                }
                _ => lexical(rest, i, &keywords, prose && i > line_start.saturating_add(indent(line))),
            };
            match token {
                Some(t) if t.span.end as usize > i => {
                    i = t.span.end as usize;
                    out.push(t);
                }
                _ => i = i.saturating_add(rest.chars().next().map_or(1, char::len_utf8)),
            }
        }
        line_start = line_start.saturating_add(line.len());
    }
    out
}

fn indent(line: &str) -> usize {
    line.len().saturating_sub(line.trim_start_matches([' ', '\t', '\u{3000}']).len())
}

/// The comment, quoted text, number or keyword starting `rest` (at byte `at`);
/// in prose only a comment.
fn lexical(rest: &str, at: usize, keywords: &[&str], prose: bool) -> Option<Token> {
    let span = |len: usize, kind| Token { span: Span::new(at, at.saturating_add(len)), kind, declaration: false };
    let first = rest.chars().next()?;
    if first == '#' {
        return Some(span(rest.len(), TokenKind::Comment));
    }
    if let Some(close) = match first {
        '「' => Some('」'),
        '"' => Some('"'),
        _ => None,
    } {
        let body = rest.get(first.len_utf8()..)?;
        let len = body
            .find(close)
            .map_or(rest.len(), |i| i.saturating_add(first.len_utf8()).saturating_add(close.len_utf8()));
        return Some(span(len, TokenKind::String));
    }
    if prose {
        return None;
    }
    if first.is_ascii_digit() {
        let len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        return Some(span(len, TokenKind::Number));
    }
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    keywords
        .iter()
        .filter(|k| rest.starts_with(**k))
        .filter(|k| !k.chars().all(word) || !rest.get(k.len()..).and_then(|r| r.chars().next()).is_some_and(word))
        .max_by_key(|k| k.len())
        .map(|k| span(k.len(), TokenKind::Keyword))
}
