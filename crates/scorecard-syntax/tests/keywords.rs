//! Every line-start keyword of the keyword table is accepted by the grammar
//! where the table says it is written, in every spelling and both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use scorecard_syntax::keywords::{Place, KEYWORDS};
use scorecard_syntax::{parse, Limits};

/// A file that holds `line` where `place` puts it, in language `lang` (0 zh, 1 en).
fn file(place: Place, line: &str, lang: usize) -> String {
    let header = ["计分表 「表」", "scorecard \"card\""][lang];
    let indicator = ["三级指标 「甲」", "indicator cases"][lang];
    match place {
        Place::Header => format!("{line}\n"),
        Place::Statement | Place::Heading => format!("{header}\n{line}\n"),
        _ => format!("{header}\n{indicator}\n  {line}\n"),
    }
}

#[test]
fn the_grammar_accepts_every_line_start_keyword() {
    let mut checked = 0;
    for k in KEYWORDS.iter().filter(|k| k.starts_line()) {
        for (lang, example) in k.examples.iter().enumerate() {
            let canonical = [k.zh.first().copied().unwrap_or(""), k.en][lang];
            assert!(example.starts_with(canonical), "`{example}` starts with `{canonical}`");
            let spellings: Vec<&str> = if lang == 0 { k.zh.to_vec() } else { vec![k.en] };
            for spelling in spellings {
                let line = example.replacen(canonical, spelling, 1);
                let src = file(k.place, &line, lang);
                if let Err(e) = parse(&src, &Limits::default()) {
                    panic!("`{line}` does not parse:\n{src}\n{e:?}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked}");
}
