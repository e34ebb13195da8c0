//! The formatter and the printer keep what a file says.
//!
//! - Printing a generated tree (every construct, both keyword sets, Chinese
//!   names and names that need quotes) and parsing it back gives the same
//!   tree, spans aside; the printed text is already in the canonical layout.
//! - Formatting a messy layout of it (no indentation, a comment on every
//!   line, blank lines everywhere) keeps the tree and every comment, and
//!   formatting again changes nothing.
//! - Every rule file in `rules/` is in the canonical layout, and prints and
//!   parses back to itself.

use proptest::prelude::*;
use scorecard_syntax::{format, parse, print, Limits};
use scorecard_tests::ast_strategies::file;
use scorecard_tests::strategies::config;

fn limits() -> Limits {
    Limits::default()
}

/// The text with its indentation stripped, a comment after every line, and a blank line between lines.
fn messy(text: &str) -> String {
    text.lines().enumerate().map(|(i, line)| format!("{}\t# 注{i}", line.trim_start())).collect::<Vec<_>>().join("\n\n")
}

proptest! {
    #![proptest_config(config("proptest-regressions/fmt_roundtrip.txt", 256))]

    #[test]
    fn a_printed_tree_parses_back_to_itself(tree in file()) {
        let text = print::to_source(&tree);
        let back = parse(&text, &limits()).map_err(|d| TestCaseError::fail(format!("{d:?}\n{text}")))?;
        prop_assert_eq!(&back, &tree, "printed as:\n{}", text);
        let formatted = format(&text, &limits()).map_err(|d| TestCaseError::fail(format!("{d:?}\n{text}")))?;
        prop_assert_eq!(formatted, text);
    }

    #[test]
    fn formatting_keeps_the_tree_and_every_comment(tree in file()) {
        let untidy = messy(&print::to_source(&tree));
        let formatted = format(&untidy, &limits()).map_err(|d| TestCaseError::fail(format!("{d:?}\n{untidy}")))?;
        let back = parse(&formatted, &limits()).map_err(|d| TestCaseError::fail(format!("{d:?}\n{formatted}")))?;
        prop_assert_eq!(&back, &tree, "formatted as:\n{}", formatted);
        prop_assert_eq!(formatted.matches("# 注").count(), untidy.matches("# 注").count());
        prop_assert!(!formatted.contains("\n\n\n"));
        prop_assert_eq!(format(&formatted, &limits()).ok(), Some(formatted.clone()));
    }
}

/// Every rule file below `rules/`.
fn rule_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    let files = scorecard_suite::rule_files(&[root]).unwrap_or_default();
    assert!(files.len() >= 44, "found only {} rule files", files.len());
    files
}

#[test]
fn every_rule_file_is_in_the_canonical_layout() {
    for path in rule_files() {
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        let formatted = format(&src, &limits()).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        assert_eq!(formatted, src, "{} is not formatted", path.display());
    }
}

#[test]
fn every_rule_file_prints_and_parses_back_to_itself() {
    for path in rule_files() {
        let src = std::fs::read_to_string(&path).unwrap_or_default();
        let tree = parse(&src, &limits()).unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        let text = print::to_source(&tree);
        let back = parse(&text, &limits()).unwrap_or_else(|d| panic!("{}: {d:?}\n{text}", path.display()));
        assert_eq!(back, tree, "{} printed as:\n{text}", path.display());
    }
}
