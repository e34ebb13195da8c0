//! The CLI in scripts: `-` for stdin, `check --format json`, `--lang`,
//! shell completions and the man page.

mod common;

use common::{measurements, scorecard, scorecard_with_stdin, MEASUREMENTS, SEED};

const BROKEN_ZH: &str = "tests/fixtures/broken-zh.rules";

#[test]
fn check_reads_rules_from_stdin() {
    let rules = std::fs::read(SEED).unwrap();
    let run = scorecard_with_stdin(&["check", "-"], &rules);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("<stdin>：检查通过（7 个指标，总分 100）"), "{}", run.stderr);
}

#[test]
fn eval_reads_rules_from_stdin_and_data_from_a_file() {
    let rules = std::fs::read(SEED).unwrap();
    let run = scorecard_with_stdin(&["eval", "-", "--data", MEASUREMENTS, "--format", "json"], &rules);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["total"], 81);
}

#[test]
fn rules_and_data_cannot_both_come_from_stdin() {
    let run = scorecard_with_stdin(&["eval", "-", "--data", "-"], measurements().as_bytes());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("only one of the rules and the data"), "{}", run.stderr);
}

#[test]
fn check_json_prints_located_diagnostics_and_snippets_on_stderr() {
    let run = scorecard(&["check", BROKEN_ZH, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        (v["schema_version"].as_u64(), v["ok"].as_bool(), v["errors"].as_u64()),
        (Some(1), Some(false), Some(1))
    );
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "E0101");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], BROKEN_ZH);
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(3), Some(20)));
    let text = std::fs::read_to_string(BROKEN_ZH).unwrap();
    let start = d["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..d["span"]["end"].as_u64().unwrap() as usize], "，");
    assert!(d["message"].as_str().unwrap().contains("此处应为"), "{d}");
    assert!(run.stderr.contains("[tests/fixtures/broken-zh.rules:3:20]"), "{}", run.stderr);
    assert!(run.stderr.contains("1 个错误，0 个警告"), "{}", run.stderr);
}

#[test]
fn check_json_of_a_good_file_lists_its_warnings() {
    let run = scorecard(&["check", "tests/fixtures/warning-zh.rules", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((v["ok"].as_bool(), v["errors"].as_u64(), v["warnings"].as_u64()), (Some(true), Some(0), Some(1)));
    assert_eq!(v["diagnostics"][0]["severity"], "warning");
}

#[test]
fn lang_chooses_the_message_language() {
    let run = scorecard(&["check", BROKEN_ZH, "--lang", "en"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("expected a value such as `90%`"), "{}", run.stderr);
    assert!(run.stderr.contains("1 error, 0 warnings"), "{}", run.stderr);
    let run = scorecard(&["eval", SEED, "--data", MEASUREMENTS, "--lang", "en", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let explanation = report["indicators"][0]["explanation"].as_str().unwrap();
    assert!(explanation.contains("below 90%"), "{explanation}");
    assert!(scorecard(&["check", SEED, "--lang", "fr"]).code == 2);
}

#[test]
fn completions_are_generated_for_each_shell() {
    for (shell, marker) in
        [("bash", "complete -F _scorecard"), ("zsh", "#compdef scorecard"), ("fish", "complete -c scorecard")]
    {
        let run = scorecard(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains(marker), "{shell}: {}", &run.stdout[..run.stdout.len().min(400)]);
        assert!(run.stdout.contains("explain-error"), "{shell}: subcommands are completed");
    }
    assert_eq!(scorecard(&["completions", "cmd.exe"]).code, 2);
}

#[test]
fn the_man_page_documents_every_subcommand() {
    let run = scorecard(&["man"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with(".ie"), "{}", &run.stdout[..200]);
    assert!(run.stdout.contains(".TH scorecard 1"), "roff title");
    for section in ["SCORECARD CHECK", "SCORECARD EVAL", "SCORECARD FMT", "SCORECARD COMPLETIONS"] {
        assert!(run.stdout.contains(section), "no section {section}");
    }
    assert!(run.stdout.contains("max\\-file\\-bytes"), "options are listed");
}
