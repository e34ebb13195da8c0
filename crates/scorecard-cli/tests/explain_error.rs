//! `scorecard explain-error CODE [--lang zh|en]`: the long explanation of every code.

mod common;

use common::scorecard;
use scorecard::{Code, Lang};

#[test]
fn every_code_is_explained_in_both_languages() {
    for code in Code::ALL {
        for (flag, lang) in [(None, Lang::Zh), (Some("zh"), Lang::Zh), (Some("en"), Lang::En)] {
            let mut args = vec!["explain-error", code.as_str()];
            args.extend(flag.map(|f| ["--lang", f]).into_iter().flatten());
            let run = scorecard(&args);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
            assert!(run.stdout.starts_with(code.as_str()), "{args:?}: {}", run.stdout);
            assert!(run.stdout.contains(code.explanation(lang)), "{args:?}: {}", run.stdout);
            assert!(run.stderr.is_empty(), "{args:?}: {}", run.stderr);
        }
    }
}

#[test]
fn codes_are_read_case_insensitively() {
    let run = scorecard(&["explain-error", "w0401", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("W0401: warning\n"), "{}", run.stdout);
    let run = scorecard(&["explain-error", "e0201"]);
    assert!(run.stdout.starts_with("E0201: 错误\n"), "{}", run.stdout);
}

#[test]
fn an_unknown_code_exits_2_and_lists_the_valid_ones() {
    for (lang, words) in [("zh", "没有诊断代码 `E9999`"), ("en", "there is no diagnostic code `E9999`")] {
        let run = scorecard(&["explain-error", "E9999", "--lang", lang]);
        assert_eq!(run.code, 2);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        assert!(run.stderr.contains(words), "{}", run.stderr);
        for code in Code::ALL {
            assert!(run.stderr.contains(code.as_str()), "{code} not listed: {}", run.stderr);
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(scorecard(&["explain-error"]).code, 2);
    assert_eq!(scorecard(&["explain-error", "E0201", "--lang", "fr"]).code, 2);
}

#[test]
fn the_explanation_renders_as_plain_text() {
    let run = scorecard(&["explain-error", "E0302"]);
    insta::assert_snapshot!(run.stdout);
}
