//! The grammar's first-character filters are complete.
//!
//! For speed, some rules start with a look-ahead on the first character of
//! what follows: `column_keyword = _{ &column_initial ~ (kw_scoring | …) }`.
//! Such a filter is kept by hand, and a keyword added later whose first
//! character it does not list would silently stop matching. This test reads
//! `grammar/scorecard.pest`, finds every rule of the form `&filter ~ rest`,
//! works out the characters `rest` can start with, and checks that `filter`
//! admits each of them.

#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::panic,
    clippy::as_conversions,
    reason = "a test over the grammar text: small offsets, loud failures"
)]

use std::collections::HashMap;

const GRAMMAR: &str = include_str!("../../../grammar/scorecard.pest");

/// What a rule can start with.
#[derive(Debug, Clone, PartialEq)]
enum First {
    /// One character.
    Char(char),
    /// An inclusive range of characters.
    Range(char, char),
    /// Anything (`ANY`): admitted only by a filter that also admits anything.
    Any,
}

impl First {
    fn within(&self, filter: &[First]) -> bool {
        let (lo, hi) = match self {
            First::Char(c) => (*c, *c),
            First::Range(a, b) => (*a, *b),
            First::Any => return filter.contains(&First::Any),
        };
        // Every character of [lo, hi] must be admitted by some piece of the filter.
        let mut next = lo;
        loop {
            let covering = filter.iter().find_map(|f| match f {
                First::Char(c) if *c == next => Some(*c),
                First::Range(a, b) if *a <= next && next <= *b => Some(*b),
                First::Any => Some(char::MAX),
                _ => None,
            });
            let Some(end) = covering else { return false };
            if end >= hi {
                return true;
            }
            match char::from_u32(end as u32 + 1) {
                Some(c) => next = c,
                None => return true,
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Node {
    Alt(Vec<Node>),
    Seq(Vec<Node>),
    Literal(String),
    Range(char, char),
    Ident(String),
    /// A look-ahead (`&x` positive, `!x` negative): it reads nothing.
    Predicate(bool, Box<Node>),
    /// `x?`, `x*`, `x{0,n}`: it may read nothing.
    Optional(Box<Node>),
}

/// A minimal reader of pest rule bodies: literals, ranges, names, `~ | ( ) ! & ? * + {n,m}`.
struct Reader<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl Reader<'_> {
    /// Skips whitespace and `//` comments (pest allows both inside a rule).
    fn skip_space(&mut self) {
        loop {
            match self.chars.peek() {
                Some(c) if c.is_whitespace() => {
                    self.chars.next();
                }
                Some('/') => {
                    for c in self.chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn alt(&mut self) -> Node {
        let mut alts = vec![self.seq()];
        loop {
            self.skip_space();
            if self.chars.peek() == Some(&'|') {
                self.chars.next();
                alts.push(self.seq());
            } else {
                return Node::Alt(alts);
            }
        }
    }

    fn seq(&mut self) -> Node {
        let mut terms = vec![self.term()];
        loop {
            self.skip_space();
            if self.chars.peek() == Some(&'~') {
                self.chars.next();
                terms.push(self.term());
            } else {
                return Node::Seq(terms);
            }
        }
    }

    fn term(&mut self) -> Node {
        self.skip_space();
        if let Some(&c @ ('!' | '&')) = self.chars.peek() {
            self.chars.next();
            return Node::Predicate(c == '&', Box::new(self.term()));
        }
        let primary = self.primary();
        self.suffix(primary)
    }

    fn suffix(&mut self, node: Node) -> Node {
        self.skip_space();
        match self.chars.peek() {
            Some('?') | Some('*') => {
                self.chars.next();
                self.suffix(Node::Optional(Box::new(node)))
            }
            Some('+') => {
                self.chars.next();
                self.suffix(node)
            }
            Some('{') => {
                self.chars.next();
                let bounds: String = self.chars.by_ref().take_while(|c| *c != '}').collect();
                let optional = bounds.trim_start().starts_with('0') || bounds.trim_start().starts_with(',');
                let node = if optional { Node::Optional(Box::new(node)) } else { node };
                self.suffix(node)
            }
            _ => node,
        }
    }

    fn primary(&mut self) -> Node {
        self.skip_space();
        match self.chars.peek().copied() {
            Some('(') => {
                self.chars.next();
                let inner = self.alt();
                self.skip_space();
                self.chars.next(); // ')'
                inner
            }
            Some('"') => {
                self.chars.next();
                Node::Literal(self.quoted('"'))
            }
            Some('\'') => {
                self.chars.next();
                let a = self.quoted('\'');
                self.skip_space();
                // `'a'..'z'`
                self.chars.next();
                self.chars.next();
                self.skip_space();
                self.chars.next();
                let b = self.quoted('\'');
                Node::Range(a.chars().next().unwrap_or('\0'), b.chars().next().unwrap_or('\0'))
            }
            _ => {
                let mut name = String::new();
                while let Some(c) = self.chars.peek() {
                    if c.is_alphanumeric() || *c == '_' {
                        name.push(*c);
                        self.chars.next();
                    } else {
                        break;
                    }
                }
                assert!(!name.is_empty(), "unexpected {:?} in a rule body", self.chars.peek());
                Node::Ident(name)
            }
        }
    }

    /// The text of a literal up to `end`, with `\"`, `\\`, `\n`, `\t`, `\r` and `\u{…}` escapes.
    fn quoted(&mut self, end: char) -> String {
        let mut out = String::new();
        while let Some(c) = self.chars.next() {
            match c {
                c if c == end => break,
                '\\' => match self.chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some('u') => {
                        let hex: String = self.chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                        out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                    }
                    Some(other) => out.push(other),
                    None => {}
                },
                c => out.push(c),
            }
        }
        out
    }
}

/// Every rule of the grammar: name → body.
fn rules() -> HashMap<String, Node> {
    let mut rules = HashMap::new();
    for (at, _) in GRAMMAR.match_indices(" = ") {
        let line_start = GRAMMAR.get(..at).and_then(|s| s.rfind('\n')).map_or(0, |n| n + 1);
        let name = GRAMMAR.get(line_start..at).unwrap_or("").trim();
        if name.is_empty() || name.starts_with("//") || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = GRAMMAR.get(at + 3..).unwrap_or("");
        let Some(open) = rest.find('{') else { continue };
        let body = rest.get(open + 1..).unwrap_or("");
        let mut reader = Reader { chars: body.chars().peekable() };
        let node = reader.alt();
        reader.skip_space();
        // The whole body must have been read, or a part of it would go unchecked.
        assert_eq!(reader.chars.next(), Some('}'), "could not read all of rule `{name}`");
        rules.insert(name.to_owned(), node);
    }
    rules
}

/// Whether `node` can match without reading anything.
fn nullable(node: &Node, rules: &HashMap<String, Node>, depth: usize) -> bool {
    assert!(depth < 64, "the grammar recurses too deeply for this test");
    match node {
        Node::Alt(alts) => alts.iter().any(|a| nullable(a, rules, depth + 1)),
        Node::Seq(terms) => terms.iter().all(|t| nullable(t, rules, depth + 1)),
        Node::Literal(text) => text.is_empty(),
        Node::Range(..) => false,
        Node::Predicate(..) | Node::Optional(_) => true,
        Node::Ident(name) => match name.as_str() {
            "SOI" | "EOI" => true,
            "ASCII_ALPHA" | "ASCII_DIGIT" | "ASCII_ALPHANUMERIC" | "ANY" => false,
            other => rules.get(other).is_some_and(|rule| nullable(rule, rules, depth + 1)),
        },
    }
}

/// What `node` can start with.
fn first(node: &Node, rules: &HashMap<String, Node>, depth: usize) -> Vec<First> {
    assert!(depth < 64, "the grammar recurses too deeply for this test");
    match node {
        Node::Alt(alts) => alts.iter().flat_map(|a| first(a, rules, depth + 1)).collect(),
        Node::Seq(terms) => {
            // Each term's first characters count until one that must read something.
            let mut out = Vec::new();
            for t in terms {
                out.extend(first(t, rules, depth + 1));
                if !nullable(t, rules, depth + 1) {
                    break;
                }
            }
            out
        }
        Node::Literal(text) => text.chars().next().map(First::Char).into_iter().collect(),
        Node::Range(a, b) => vec![First::Range(*a, *b)],
        Node::Predicate(..) => Vec::new(),
        Node::Optional(inner) => first(inner, rules, depth + 1),
        Node::Ident(name) => match name.as_str() {
            "ASCII_ALPHA" => vec![First::Range('a', 'z'), First::Range('A', 'Z')],
            "ASCII_DIGIT" => vec![First::Range('0', '9')],
            "ASCII_ALPHANUMERIC" => vec![First::Range('a', 'z'), First::Range('A', 'Z'), First::Range('0', '9')],
            "ANY" => vec![First::Any],
            "SOI" | "EOI" => Vec::new(),
            other => {
                let rule = rules.get(other).unwrap_or_else(|| panic!("no rule `{other}` in the grammar"));
                first(rule, rules, depth + 1)
            }
        },
    }
}

#[test]
fn every_first_character_filter_admits_everything_it_guards() {
    let rules = rules();
    assert!(rules.len() > 150, "read only {} rules", rules.len());
    let mut filtered = 0;
    for (name, body) in &rules {
        // `&filter ~ rest…` at the start of the body (a negative `!x ~ rest`,
        // such as `unit_tail`, excludes rather than admits, so it is not a filter).
        let Node::Alt(alts) = body else { continue };
        let [Node::Seq(terms)] = alts.as_slice() else { continue };
        let Some((Node::Predicate(true, filter), rest)) = terms.split_first() else { continue };
        let Node::Ident(filter_name) = filter.as_ref() else { continue };
        let admitted = first(filter, &rules, 0);
        let mut guarded = first(&Node::Seq(rest.to_vec()), &rules, 0);
        if name == "cjk_stop" {
            // `cjk_stop` is only ever tested before a `cjk_char`, so only its
            // Chinese words matter there (`低于`, not `below`).
            let cjk = first(rules.get("cjk_char").unwrap(), &rules, 0);
            guarded.retain(|f| f.within(&cjk));
            assert!(guarded.len() > 10, "cjk_stop guards too few Chinese words: {guarded:?}");
        }
        for f in &guarded {
            assert!(
                f.within(&admitted),
                "`{name}`: `{filter_name}` does not admit {f:?}, which the rest can start with"
            );
        }
        filtered += 1;
    }
    // column_keyword, name and cjk_stop at the time of writing. A filter used
    // anywhere but at the start of a rule would not be checked here.
    let uses = GRAMMAR.matches("&column_initial").count()
        + GRAMMAR.matches("&name_initial").count()
        + GRAMMAR.matches("&stop_initial").count();
    assert!(filtered >= 3, "found only {filtered} filtered rules");
    assert_eq!(uses, filtered, "a first-character filter is used where this test does not look");
}

#[test]
fn the_check_fails_when_a_filter_misses_a_character() {
    let rules = rules();
    let admitted = [First::Char('评'), First::Range('a', 'z')];
    assert!(First::Char('评').within(&admitted));
    assert!(!First::Char('分').within(&admitted));
    // The real column filter admits what kw_scoring starts with; a filter without 评 would not.
    let scoring = first(rules.get("kw_scoring").unwrap(), &rules, 0);
    assert!(scoring.contains(&First::Char('评')));
    assert!(!scoring.iter().all(|f| f.within(&[First::Range('a', 'z')])));
}
