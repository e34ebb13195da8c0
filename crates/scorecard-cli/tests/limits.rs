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
        assert_eq!(run.code, 1, "{flag}: {}", run.stderr);
        assert!(run.stderr.contains(code), "{flag}: {}", run.stderr);
        assert!(run.stderr.contains(flag), "{flag}: the help names the flag\n{}", run.stderr);
        assert!(!run.stderr.contains("Limits::"), "{flag}: the help names the API\n{}", run.stderr);
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

/// Runs `scorecard args…` with stdin from `/dev/zero`, killing it if it has
/// not returned after a generous while (a hang, not a timing).
#[allow(clippy::unwrap_used, clippy::panic, reason = "a test helper fails the test loudly")]
fn run_on_zeros(args: &[&str]) -> (i32, String) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::from(std::fs::File::open("/dev/zero").unwrap()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(300) {
            child.kill().unwrap();
            panic!("`scorecard {}` never returned on an endless input", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// An endless line (`/dev/zero`) is refused once past the bounds, in every
/// input format that reads lines, from a file or from stdin (issue 10, D7).
#[test]
fn an_endless_line_is_refused_within_the_bounds() {
    let limits = ["--max-data-bytes", "200000", "--max-record-bytes", "1000"];
    for format in ["json", "auto", "jsonl"] {
        for data in ["/dev/zero", "-"] {
            let mut args = vec!["eval", SEED, "--data", data, "--input-format", format, "--format", "jsonl"];
            args.extend(limits);
            let (code, stderr) = run_on_zeros(&args);
            assert_eq!(code, 1, "{format} {data}: {stderr}");
            let expected = match format {
                "jsonl" => "仍未结束，其后的数据均未读取",
                _ => "数据文件超过 200000 字节的上限",
            };
            assert!(stderr.contains(expected), "{format} {data}: {stderr}");
        }
    }
}
