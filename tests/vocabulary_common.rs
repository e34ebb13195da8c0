//! Helpers shared by the `vocabulary_*` test binaries (each includes this file
//! with `#[path = "vocabulary_common.rs"] mod common;`).
//!
//! Every vocabulary test compiles one rule written with Chinese keywords and
//! the same rule written with English keywords, and checks both against a
//! result computed by hand from what the rule says.

#![allow(dead_code)]

use scorecard::{Code, DataError, Decimal, IndicatorReport, Lang, Report, Scorecard};

/// Compiles rule text that must compile.
pub fn card(src: &str) -> Scorecard {
    match Scorecard::compile(src) {
        Ok(c) => c,
        Err(e) => panic!("rule file does not compile:\n{src}\n{e}\n{:#?}", e.diagnostics),
    }
}

/// The Chinese and the English rule, compiled, in that order; checks each file's language.
pub fn both(zh: &str, en: &str) -> [Scorecard; 2] {
    let cards = [card(zh), card(en)];
    assert_eq!(cards[0].lang(), Lang::Zh, "the first rule must use Chinese keywords");
    assert_eq!(cards[1].lang(), Lang::En, "the second rule must use English keywords");
    cards
}

/// An exact decimal from its text.
pub fn d(text: &str) -> Decimal {
    match Decimal::from_str_exact(text) {
        Ok(v) => v,
        Err(e) => panic!("bad decimal literal `{text}`: {e}"),
    }
}

/// Which keyword set a card was written in, for failure messages.
pub fn lang(card: &Scorecard) -> &'static str {
    match card.lang() {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// Scores a record that must be accepted.
pub fn run(card: &Scorecard, json: &str) -> Report {
    match card.evaluate_json(json) {
        Ok(r) => r,
        Err(e) => panic!("[{}] record {json} rejected: {e}\n{:#?}", lang(card), e.errors),
    }
}

/// Asserts that `value` is exactly `expected`, as a decimal and as text.
pub fn assert_exact(value: Decimal, expected: &str, what: &str) {
    assert_eq!(value, d(expected), "{what}: {value} ≠ {expected}");
    assert_eq!(value.to_string(), expected, "{what}: shown as `{value}`, expected `{expected}`");
}

/// Scores `json` and asserts the score of indicator `index` (table order).
pub fn expect(card: &Scorecard, json: &str, index: usize, expected: &str) -> Report {
    let r = run(card, json);
    let ind = indicator(&r, index);
    assert_exact(ind.score, expected, &format!("[{}] `{}` for {json}", lang(card), ind.name));
    r
}

/// Scores `json` and asserts the total.
pub fn expect_total(card: &Scorecard, json: &str, expected: &str) -> Report {
    let r = run(card, json);
    assert_exact(r.total, expected, &format!("[{}] total for {json}", lang(card)));
    r
}

/// Indicator `index` of a report.
pub fn indicator(r: &Report, index: usize) -> &IndicatorReport {
    match r.indicators.get(index) {
        Some(i) => i,
        None => panic!("the report has {} indicators, not {}", r.indicators.len(), index + 1),
    }
}

/// Evaluates a record that must be rejected with exactly one error, and returns it.
pub fn one_error(card: &Scorecard, json: &str) -> DataError {
    match card.evaluate_json(json) {
        Ok(r) => panic!(
            "[{}] record {json} was scored ({:?}), but must be rejected",
            lang(card),
            r.indicators.iter().map(|i| i.score.to_string()).collect::<Vec<_>>()
        ),
        Err(e) => {
            assert_eq!(e.errors.len(), 1, "[{}] {json}: {:#?}", lang(card), e.errors);
            e.errors.into_iter().next().unwrap()
        }
    }
}

/// The codes of the errors (not warnings) of rule text that must not compile.
pub fn compile_errors(src: &str) -> Vec<Code> {
    match Scorecard::compile(src) {
        Ok(_) => panic!("rule file compiles, but must not:\n{src}"),
        Err(e) => e.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code).collect(),
    }
}

/// Asserts that rule text fails to compile with `code` among its errors.
pub fn assert_compile_error(src: &str, code: Code) {
    let codes = compile_errors(src);
    assert!(codes.contains(&code), "expected {code} compiling\n{src}\nfound {codes:?}");
}

/// Asserts that `text` contains every one of `parts`.
pub fn assert_mentions(text: &str, parts: &[&str]) {
    for p in parts {
        assert!(text.contains(p), "`{text}` does not mention `{p}`");
    }
}
