//! Declared names (inputs, constants, derived values) and where they are used.

use scorecard::Span;
use scorecard_syntax::ast;
use scorecard_syntax::keywords::{Keyword, KEYWORDS};

use super::{Analysis, Edit};

/// What a name declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// `输入` / `input`.
    Input,
    /// `常量` / `const`.
    Constant,
    /// `计算` / `let`.
    Derived,
}

impl NameKind {
    /// What it is called, in `lang`.
    pub fn word(self, lang: scorecard::Lang) -> &'static str {
        match self {
            NameKind::Input => lang.pick("输入", "input"),
            NameKind::Constant => lang.pick("常量", "constant"),
            NameKind::Derived => lang.pick("计算值", "derived value"),
        }
    }
}

/// A declared name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The name.
    pub name: String,
    /// What it declares.
    pub kind: NameKind,
    /// Where the name is declared (without quotes).
    pub span: Span,
}

/// Declaration lines: only the part before `=` names something (after it
/// comes a record key or a value; a `计算` line's formula does hold references).
const DECLARATIONS: &[&str] = &["输入", "常量", "input", "const"];

pub(super) fn declared(file: &ast::File) -> Vec<Named> {
    let one = |name: &scorecard::Span, text: &str, kind| Named { name: text.to_owned(), kind, span: *name };
    let mut out: Vec<Named> = Vec::new();
    out.extend(file.inputs.iter().map(|i| one(&i.name.span, &i.name.node, NameKind::Input)));
    out.extend(file.consts.iter().map(|c| one(&c.name.span, &c.name.node, NameKind::Constant)));
    out.extend(file.calcs.iter().map(|c| one(&c.name.span, &c.name.node, NameKind::Derived)));
    // A quoted name's span covers its quotes; keep only the name.
    out
}

/// The span of the name inside a declaration span that may include quotes.
fn unquoted(src: &str, named: &Named) -> Span {
    let text = named.span.text(src);
    match text.find(named.name.as_str()) {
        Some(at) => {
            let start = (named.span.start as usize).saturating_add(at);
            Span::new(start, start.saturating_add(named.name.len()))
        }
        None => named.span,
    }
}

/// Every use of every declared name: (index into `declared`, span), in text order.
fn uses(analysis: &Analysis) -> Vec<(usize, Span)> {
    let src = analysis.source.as_str();
    let mut by_length: Vec<(usize, &Named)> = analysis.declared.iter().enumerate().collect();
    by_length.sort_by_key(|(_, n)| std::cmp::Reverse(n.name.len()));
    let mut found = Vec::new();
    let mut line_start = 0usize;
    for line in src.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t', '\u{3000}']);
        let indent = line.len().saturating_sub(body.len());
        let keyword_ends = |k: &&str| body.starts_with(*k);
        if !is_prose(body) {
            let end =
                if DECLARATIONS.iter().any(keyword_ends) { body.find(['=', '＝']).unwrap_or(0) } else { body.len() };
            let body = body.get(..end).unwrap_or("");
            let body = body.split('#').next().unwrap_or("");
            scan(body, line_start.saturating_add(indent), &by_length, &mut found);
        }
        line_start = line_start.saturating_add(line.len());
    }
    found
}

/// Finds the declared names in `text` (starting at byte `base`), longest first, not overlapping.
fn scan(text: &str, base: usize, names: &[(usize, &Named)], found: &mut Vec<(usize, Span)>) {
    let mut i = 0usize;
    while i < text.len() {
        let rest = text.get(i..).unwrap_or("");
        let hit = names
            .iter()
            .find(|(_, n)| !n.name.is_empty() && rest.starts_with(n.name.as_str()) && bounded(text, i, n.name.len()));
        match hit {
            Some((index, n)) => {
                let start = base.saturating_add(i);
                found.push((*index, Span::new(start, start.saturating_add(n.name.len()))));
                i = i.saturating_add(n.name.len());
            }
            None => i = i.saturating_add(rest.chars().next().map_or(1, char::len_utf8)),
        }
    }
}

/// Whether a match at `i..i+len` is not part of a longer ASCII word.
fn bounded(text: &str, i: usize, len: usize) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let before = text.get(..i).and_then(|s| s.chars().next_back());
    let after = text.get(i.saturating_add(len)..).and_then(|s| s.chars().next());
    let first = text.get(i..).and_then(|s| s.chars().next());
    let last = text.get(..i.saturating_add(len)).and_then(|s| s.chars().next_back());
    let joins_before = first.is_some_and(word) && before.is_some_and(word);
    let joins_after = last.is_some_and(word) && after.is_some_and(word);
    !joins_before && !joins_after
}

pub(super) fn at(analysis: &Analysis, offset: usize) -> Option<(&Named, Span)> {
    let src = analysis.source.as_str();
    let inside = |s: Span| (s.start as usize) <= offset && offset <= s.end as usize;
    for named in &analysis.declared {
        let span = unquoted(src, named);
        if inside(span) {
            return Some((named, span));
        }
    }
    let (index, span) = uses(analysis).into_iter().find(|(_, s)| inside(*s))?;
    Some((analysis.declared.get(index)?, span))
}

pub(super) fn occurrences(analysis: &Analysis, named: &Named) -> Vec<Span> {
    let declaration = unquoted(&analysis.source, named);
    let index = analysis.declared.iter().position(|n| n == named);
    let mut out = vec![declaration];
    out.extend(uses(analysis).into_iter().filter(|(i, s)| Some(*i) == index && *s != declaration).map(|(_, s)| s));
    out
}

pub(super) fn rename(analysis: &Analysis, named: &Named, new_name: &str) -> Option<Vec<Edit>> {
    let new_name = new_name.trim();
    if new_name.is_empty() || analysis.declared.iter().any(|n| n.name == new_name) {
        return None;
    }
    Some(occurrences(analysis, named).into_iter().map(|span| Edit { span, text: new_name.to_owned() }).collect())
}

/// Every declaration and use of every declared name, in text order: the kind
/// of the name, its span, and whether it is the declaration.
pub(super) fn all(analysis: &Analysis) -> Vec<(NameKind, Span, bool)> {
    let src = analysis.source.as_str();
    let mut out: Vec<(NameKind, Span, bool)> =
        analysis.declared.iter().map(|n| (n.kind, unquoted(src, n), true)).collect();
    let declarations: std::collections::HashSet<Span> = out.iter().map(|(_, s, _)| *s).collect();
    for (index, span) in uses(analysis) {
        if let Some(n) = analysis.declared.get(index).filter(|_| !declarations.contains(&span)) {
            out.push((n.kind, span, false));
        }
    }
    out.sort_by_key(|(_, s, _)| s.start);
    out
}

/// Whether `line` is prose after its keyword (a heading's name, a text
/// property, a setting), holding no references to declared names.
pub(super) fn is_prose(line: &str) -> bool {
    let body = line.trim_start_matches([' ', '\t', '\u{3000}']);
    body.starts_with('#')
        || KEYWORDS.iter().filter(|k| k.prose).flat_map(Keyword::spellings).any(|k| body.starts_with(k))
}
