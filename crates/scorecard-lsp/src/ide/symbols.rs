//! The document outline: groups and indicators as a tree.

use scorecard::Span;
use scorecard_syntax::ast::Item;

use super::Analysis;

/// What a symbol is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// 一级 or 二级指标.
    Group,
    /// 三级指标.
    Indicator,
}

/// One node of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// The name.
    pub name: String,
    /// What it is.
    pub kind: SymbolKind,
    /// Its points, if written.
    pub detail: String,
    /// The whole item.
    pub span: Span,
    /// Its name.
    pub name_span: Span,
    /// Nested items.
    pub children: Vec<Symbol>,
}

/// How deep the outline goes (the language has three levels).
const MAX_DEPTH: usize = 8;

/// The indicator tree, when the file parses.
pub fn outline(analysis: &Analysis) -> Vec<Symbol> {
    analysis.file.as_ref().map(|f| items(&f.items, 0)).unwrap_or_default()
}

fn items(list: &[Item], depth: usize) -> Vec<Symbol> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    list.iter()
        .map(|item| match item {
            Item::Group(g) => {
                let end = last_end(&g.items).unwrap_or(g.name.span.end);
                Symbol {
                    name: g.name.node.clone(),
                    kind: SymbolKind::Group,
                    detail: g.points.as_ref().map(|p| p.node.normalize().to_string()).unwrap_or_default(),
                    span: Span { start: g.name.span.start, end: end.max(g.name.span.end) },
                    name_span: g.name.span,
                    children: items(&g.items, depth.saturating_add(1)),
                }
            }
            Item::Indicator(ind) => Symbol {
                name: ind.name.node.clone(),
                kind: SymbolKind::Indicator,
                detail: ind.points.as_ref().map(|p| p.node.normalize().to_string()).unwrap_or_default(),
                span: ind.span,
                name_span: ind.name.span,
                children: Vec::new(),
            },
        })
        .collect()
}

/// The end of the last indicator below `list`.
fn last_end(list: &[Item]) -> Option<u32> {
    let mut list = list;
    for _ in 0..MAX_DEPTH {
        match list.last()? {
            Item::Indicator(ind) => return Some(ind.span.end),
            Item::Group(g) if g.items.is_empty() => return Some(g.name.span.end),
            Item::Group(g) => list = &g.items,
        }
    }
    None
}
