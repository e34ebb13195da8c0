//! `scorecard check`: rendered diagnostics with character columns, and exit codes.

mod common;

use common::{arg, scorecard, temp_file, SEED};

const BROKEN_ZH: &str = "tests/fixtures/broken-zh.rules";
const BROKEN_EN: &str = "tests/fixtures/broken-en.rules";

#[test]
fn the_seed_checks_clean() {
    let run = scorecard(&["check", SEED]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("检查通过（7 个指标，总分 100）"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "plain-text check writes nothing to stdout: {}", run.stdout);
}

/// The column in the header counts characters: the `，` after
/// `三级指标 年办件量 评分 年办件量低于` is character 20 of line 3 (byte 51).
#[test]
fn columns_count_characters_under_chinese_text() {
    let line = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken-zh.rules"))
        .unwrap()
        .lines()
        .nth(2)
        .unwrap()
        .to_owned();
    let byte = line.find('，').unwrap();
    assert_eq!((byte, line[..byte].chars().count() + 1), (51, 20));

    let run = scorecard(&["check", BROKEN_ZH]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("[tests/fixtures/broken-zh.rules:3:20]"), "{}", run.stderr);
    assert!(run.stderr.contains("E0101"), "{}", run.stderr);
    assert!(run.stderr.contains("1 个错误，0 个警告"), "{}", run.stderr);
}

#[test]
fn no_grammar_internals_are_shown() {
    for file in [BROKEN_ZH, BROKEN_EN] {
        let run = scorecard(&["check", file]);
        for internal in ["kw_", "condition_tier", "Rule::", "EOI", "pest"] {
            assert!(!run.stderr.contains(internal), "{file} shows {internal}:\n{}", run.stderr);
        }
    }
}

#[test]
fn warnings_alone_exit_0() {
    let run = scorecard(&["check", "tests/fixtures/warning-zh.rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("⚠"), "{}", run.stderr);
    assert!(run.stderr.contains("0 个错误，1 个警告"), "{}", run.stderr);
}

#[test]
fn renders_chinese_diagnostics() {
    let run = scorecard(&["check", BROKEN_ZH]);
    insta::assert_snapshot!("broken_zh", run.stderr);
}

#[test]
fn renders_english_diagnostics() {
    let run = scorecard(&["check", BROKEN_EN]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("broken_en", run.stderr);
}

#[test]
fn hostile_rule_files_are_errors_not_crashes() {
    let long_line = format!("计分表 「x」 {}\n", "年".repeat(100_000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty.rules", Vec::new()),
        ("nul.rules", "计分表 「测\0试」\n".as_bytes().to_vec()),
        ("gbk.rules", b"\xbc\xc6\xb7\xd6\xb1\xed \xa1\xb8x\xa1\xb9\n".to_vec()),
        ("escape.rules", "计分表 「x」\n三级指标 \u{1b}[31m甲\n".as_bytes().to_vec()),
        ("long.rules", long_line.into_bytes()),
        ("huge.rules", vec![b'#'; 5 * 1024 * 1024]),
        ("deep.rules", format!("计分表 「x」\n总分 {}", "(".repeat(100_000)).into_bytes()),
    ];
    for (name, bytes) in cases {
        let path = temp_file(name, &bytes);
        let run = scorecard(&["check", arg(&path)]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("{name}:")), "{name}: no position\n{}", run.stderr);
        assert!(!run.stderr.contains('\u{1b}'), "{name}: an escape reached the terminal");
        assert!(run.stderr.len() < 20_000, "{name}: {} bytes of output", run.stderr.len());
    }
}

#[test]
fn a_missing_rule_file_exits_2() {
    let run = scorecard(&["check", "no/such.rules"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot read `no/such.rules`"), "{}", run.stderr);
}
