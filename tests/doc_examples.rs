//! The worked examples of docs/language.md are true: in the sections listed
//! here, every rule file (a ```text block starting with `计分表` or
//! `scorecard`) is compiled, and every record after it (```json) scores to
//! the ```output block that follows: one explanation per indicator, or the
//! data error's message.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use scorecard::Scorecard;

const DOC: &str = include_str!("../docs/language.md");

/// The sections (by their `###` heading) whose examples are checked here.
const SECTIONS: &[&str] = &["### Ranges of points: 评定 / assessed", "### Lists of readings: 列表 / list"];

/// The fenced blocks of one section: (language, body).
fn blocks(section: &str) -> Vec<(&'static str, String)> {
    let start = DOC.find(section).unwrap_or_else(|| panic!("docs/language.md has no `{section}`"));
    let rest = &DOC[start + section.len()..];
    let end = rest.find("\n## ").into_iter().chain(rest.find("\n### ")).min().unwrap_or(rest.len());
    let mut out = Vec::new();
    let mut parts = rest[..end].split("```");
    parts.next();
    while let (Some(block), Some(_prose)) = (parts.next(), parts.next()) {
        let (lang, body) = block.split_once('\n').unwrap_or((block, ""));
        let lang = ["text", "json", "output"].into_iter().find(|l| *l == lang.trim()).unwrap_or("other");
        out.push((lang, body.to_owned()));
    }
    out
}

#[test]
fn every_example_in_the_new_sections_scores_as_documented() {
    for section in SECTIONS {
        let mut card: Option<Scorecard> = None;
        let mut record: Option<String> = None;
        let mut checked = 0;
        for (lang, body) in blocks(section) {
            match lang {
                "text" if body.starts_with("计分表") || body.starts_with("scorecard") => {
                    card = Some(Scorecard::compile(&body).unwrap_or_else(|e| panic!("{section}:\n{body}\n{e}")));
                }
                "json" => record = Some(body),
                "output" => {
                    let (card, json) = (card.as_ref().expect("a rule file first"), record.take().expect("a record"));
                    let got = match card.evaluate_json(&json) {
                        Ok(r) => r.indicators.iter().map(|i| i.explanation.clone()).collect::<Vec<_>>().join("\n"),
                        Err(e) => e.errors.iter().map(|d| d.message()).collect::<Vec<_>>().join("\n"),
                    };
                    assert_eq!(got.trim(), body.trim(), "{section}: record {json}");
                    checked += 1;
                }
                _ => {}
            }
        }
        assert!(checked >= 4, "{section}: only {checked} examples");
    }
}
