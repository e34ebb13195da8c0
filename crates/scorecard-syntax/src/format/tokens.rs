//! The tokens of a rule file, in order, each with its place in the layout.
//!
//! Every leaf of the pest tree is a token (quoted text is one token, quotes
//! included). Between two tokens there is only whitespace and comments; the
//! layout step checks that and refuses the file otherwise.

use pest::iterators::Pair;

use crate::grammar::Rule;

/// How a token's surroundings are spaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// `，`, `,`, `；`, `、`, `/`…: no space before; after, none for full-width marks and one for ASCII ones.
    Sep,
    /// `：`, `:`: spaced like a separator.
    Colon,
    /// `（`, `(`: no space after.
    Open,
    /// `）`, `)`: no space before.
    Close,
    /// A bare name, label or record key: a space next to it may end it, so spacing is kept as written.
    Name,
    /// A number or a date.
    Number,
    /// A unit, or `分`.
    Unit,
    /// Quoted text.
    Quoted,
    /// Any other keyword or operator.
    Keyword,
}

impl Kind {
    /// Whether the token is a word rather than punctuation.
    pub(super) fn is_word(self) -> bool {
        !matches!(self, Kind::Sep | Kind::Colon | Kind::Open | Kind::Close)
    }
}

/// Where a token goes in the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// It starts a line at this indentation level (two spaces each).
    Line(usize),
    /// It continues the statement begun on a line at this level.
    Continue(usize),
    /// It stays on the current line if the author put it there, and
    /// otherwise starts its own line at this level (`定量指标` after `指标值`).
    Flexible(usize),
    /// End of input.
    End,
}

/// One token: its bytes in the source and its role.
#[derive(Debug, Clone)]
pub(super) struct Token {
    /// Byte offsets in the source.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// How it is spaced.
    pub kind: Kind,
    /// The grammar rule it was read by.
    pub rule: Rule,
    /// Where it goes.
    pub role: Role,
}

/// Collects the tokens of a parsed `file` pair.
pub(super) fn collect(file: Pair<'_, Rule>) -> Vec<Token> {
    let mut out = Vec::new();
    for p in file.into_inner() {
        match p.as_rule() {
            Rule::group1 | Rule::group2 | Rule::indicator => tree_item(p, 0, &mut out),
            Rule::EOI => {
                let at = p.as_span().start();
                out.push(Token { start: at, end: at, kind: Kind::Keyword, rule: Rule::EOI, role: Role::End });
            }
            _ => statement(p, 0, &mut out),
        }
    }
    out
}

/// A group or an indicator at `level`: its header line, then its contents one level deeper.
fn tree_item(pair: Pair<'_, Rule>, level: usize, out: &mut Vec<Token>) {
    let first = out.len();
    let inner = level.saturating_add(1);
    let mut header = true;
    let mut previous = None;
    for p in pair.into_inner() {
        let rule = p.as_rule();
        match rule {
            Rule::group2 | Rule::indicator => {
                header = false;
                tree_item(p, inner, out);
            }
            Rule::kw_group1 | Rule::kw_group2 | Rule::kw_indicator | Rule::colon | Rule::name | Rule::group_points
                if header =>
            {
                leaves(p, Role::Continue(level), out)
            }
            // A separator between columns stays at the end of the line it follows.
            Rule::sep => leaves(p, Role::Continue(inner), out),
            // `指标值 = 200万件，定量指标`: the nature may stay on the target's line.
            Rule::nature_prop if previous == Some(Rule::target_prop) => {
                let first = out.len();
                leaves(p, Role::Continue(inner), out);
                if let Some(t) = out.get_mut(first) {
                    t.role = Role::Flexible(inner);
                }
            }
            _ => {
                header = false;
                statement(p, inner, out);
            }
        }
        if rule != Rule::sep {
            previous = Some(rule);
        }
    }
    if let Some(t) = out.get_mut(first) {
        t.role = Role::Line(level);
    }
}

/// A statement on its own line at `level`.
fn statement(pair: Pair<'_, Rule>, level: usize, out: &mut Vec<Token>) {
    let first = out.len();
    leaves(pair, Role::Continue(level), out);
    if let Some(t) = out.get_mut(first) {
        t.role = Role::Line(level);
    }
}

/// Every leaf of `pair`, in order, with `role`.
fn leaves(pair: Pair<'_, Rule>, role: Role, out: &mut Vec<Token>) {
    let rule = pair.as_rule();
    let mut inner = pair.clone().into_inner().peekable();
    if rule == Rule::quoted || inner.peek().is_none() {
        let span = pair.as_span();
        out.push(Token { start: span.start(), end: span.end(), kind: kind(rule), rule, role });
        return;
    }
    for p in inner {
        leaves(p, role, out);
    }
}

/// Chinese comparison and action words that sit tight against the number before or after them
/// (`低于80%`, `扣5分`, `80%以下`, `0～100`).
pub(super) fn hugs_numbers(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::cmp_lt
            | Rule::cmp_gt
            | Rule::cmp_le
            | Rule::cmp_ge
            | Rule::cmp_eq
            | Rule::cmp_top
            | Rule::cmp_deviation
            | Rule::cmp_le_post
            | Rule::cmp_ge_post
            | Rule::cmp_by_date
            | Rule::cmp_after_date
            | Rule::kw_deduct
            | Rule::kw_add
            | Rule::kw_give
            | Rule::kw_each
            | Rule::kw_compared
            | Rule::dir_above
            | Rule::dir_below
            | Rule::dir_both
            | Rule::range_to
            | Rule::range_dash
            | Rule::inclusive
            | Rule::exclusive
            | Rule::share_word
            | Rule::give_zero
            | Rule::give_full
            | Rule::full_word
    )
}

fn kind(rule: Rule) -> Kind {
    match rule {
        Rule::sep | Rule::list_sep => Kind::Sep,
        Rule::colon => Kind::Colon,
        Rule::open_paren => Kind::Open,
        Rule::close_paren => Kind::Close,
        Rule::bare_name | Rule::bare_label | Rule::key_word => Kind::Name,
        // A minus sign belongs to the number it starts (`～-3`).
        Rule::number | Rule::date | Rule::minus => Kind::Number,
        Rule::unit | Rule::fen => Kind::Unit,
        Rule::quoted => Kind::Quoted,
        _ => Kind::Keyword,
    }
}
