//! `--max-file-bytes`, `--max-indicators` and `--max-tiers` on `check` and `eval`.

mod common;

use common::{scorecard, MEASUREMENTS, SEED};

#[test]
fn the_defaults_accept_the_seed() {
    let run = scorecard(&["check", SEED]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn check_applies_each_limit() {
    for (flag, value, code) in
        [("--max-file-bytes", "1000", "E0001"), ("--max-indicators", "6", "E0002"), ("--max-tiers", "3", "E0005")]
    {
        let run = scorecard(&["check", SEED, flag, value]);
        assert_eq!(run.code, 1, "{flag}: {}", run.stdout);
        assert!(run.stdout.contains(code), "{flag}: {}", run.stdout);
        assert!(run.stdout.contains(flag), "{flag}: the help names the flag\n{}", run.stdout);
        assert!(!run.stdout.contains("Limits::"), "{flag}: the help names the API\n{}", run.stdout);
    }
}

#[test]
fn limits_just_large_enough_accept_the_seed() {
    let size = std::fs::metadata(SEED).unwrap().len().to_string();
    let run = scorecard(&["check", SEED, "--max-file-bytes", &size, "--max-indicators", "7", "--max-tiers", "4"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn eval_applies_the_limits_before_scoring() {
    let run = scorecard(&["eval", SEED, "--data", MEASUREMENTS, "--max-indicators", "6"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("E0002"), "{}", run.stderr);
}

#[test]
fn a_zero_or_malformed_limit_is_a_usage_error() {
    for args in [["--max-tiers", "0"], ["--max-indicators", "-1"], ["--max-file-bytes", "4MB"]] {
        let run = scorecard(&["check", SEED, args[0], args[1]]);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn eval_accepts_jobs() {
    let run = scorecard(&["eval", SEED, "--data", MEASUREMENTS, "--jobs", "2"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(scorecard(&["eval", SEED, "--data", MEASUREMENTS, "--jobs", "x"]).code, 2);
}
