//! The modules of `scorecard-eval` import each other in one direction
//! (plan → eval → explain → report): no import cycle between them.
//!
//! Every `crate::…` path in `src/` is an edge from the top-level module the
//! file belongs to, to the module it names. A path through the crate root
//! (`crate::Scorecard`, a re-export) is an edge to `lib`, which declares and
//! re-exports every module, so it always closes a cycle: name the module.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects, reason = "a test")]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Cycles known and accepted: none. (`report ↔ json` went with the one
/// serialised shape of issue 13: reports serialise through serde.)
const KNOWN: &[&[&str]] = &[];

type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn no_import_cycles_between_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    let cycles: Vec<Vec<String>> = components(&graph)
        .into_iter()
        .filter(|c| c.len() > 1 && !KNOWN.iter().any(|k| k.iter().copied().eq(c.iter().map(String::as_str))))
        .collect();
    assert!(cycles.is_empty(), "modules that import each other: {cycles:?}\ngraph: {graph:#?}");
}

#[test]
fn the_checker_sees_cycles() {
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph.entry(from.to_owned()).or_default().insert(to.to_owned());
    }
    assert_eq!(components(&graph), vec![vec!["a".to_owned(), "b".to_owned(), "c".to_owned()], vec!["d".to_owned()]]);
    assert_eq!(
        targets("use crate::{a::{B, C}, d};\nlet x = crate::e::f();", &modules(["a", "d", "e"])),
        ["a", "d", "e"]
    );
    assert_eq!(targets("use crate::Scorecard;", &modules(["scorecard"])), ["lib"]);
}

fn modules<const N: usize>(names: [&str; N]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// The import graph of the top-level modules under `src`.
fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    walk(src, &mut files);
    let module_of = |path: &Path| {
        let first = path.strip_prefix(src).unwrap().components().next().unwrap();
        first.as_os_str().to_str().unwrap().trim_end_matches(".rs").to_owned()
    };
    let names: BTreeSet<String> = files.iter().map(|f| module_of(f)).filter(|m| m != "lib").collect();
    let mut graph = Graph::new();
    graph.insert("lib".to_owned(), names.clone());
    for file in &files {
        let from = module_of(file);
        let text = std::fs::read_to_string(file).unwrap();
        for to in targets(&text, &names) {
            if to != from {
                graph.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    graph
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The modules that the `crate::` paths of `text` name (`lib` for the root).
fn targets(text: &str, modules: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let heads = match rest.strip_prefix('{') {
            Some(group) => top_level_items(group),
            None => vec![rest],
        };
        for head in heads {
            let name: String = head.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            out.push(if modules.contains(&name) { name } else { "lib".to_owned() });
        }
    }
    out
}

/// The items of a `{…}` group (the text after `{`), split at its top-level commas.
fn top_level_items(group: &str) -> Vec<&str> {
    let (mut items, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    items.into_iter().filter(|s| !s.trim().is_empty() && !s.trim().starts_with('}')).collect()
}

/// The strongly connected components of `graph`, each sorted (Tarjan).
fn components(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        for w in s.graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w.as_str()) {
                visit(s, w);
                let low = s.low[v].min(s.low[w.as_str()]);
                s.low.insert(v, low);
            } else if s.stack.contains(&w.as_str()) {
                let low = s.low[v].min(s.index[w.as_str()]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            component.sort();
            s.out.push(component);
        }
    }
    let mut s = State { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), out: Vec::new() };
    let nodes: BTreeSet<&str> =
        graph.iter().flat_map(|(k, vs)| std::iter::once(k.as_str()).chain(vs.iter().map(String::as_str))).collect();
    for v in nodes {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out.sort();
    s.out
}
