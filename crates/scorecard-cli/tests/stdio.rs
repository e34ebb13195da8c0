//! Standard input and output as a live stream: each result comes out as soon
//! as its record is in, and a closed stdout is an error, not a silent success.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{MEASUREMENTS, SEED};

/// How long a result may take to come out: generous, for a loaded machine.
const PATIENCE: Duration = Duration::from_secs(30);

/// Feeds records into a real pipe one at a time and waits for each result
/// before sending the next: a result held back until more input arrives
/// makes this test time out. `answer(n, line)` checks the `n`-th output line.
fn answers_record_by_record(args: &[&str], header: bool, answer: impl Fn(usize, &str) -> bool) {
    let record = std::fs::read_to_string(MEASUREMENTS).unwrap().replace('\n', " ");
    let mut child = Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(["eval", SEED, "--data", "-"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in stdout.lines() {
            if tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    let next = |n: usize| rx.recv_timeout(PATIENCE).unwrap_or_else(|_| panic!("{args:?}: no answer to record {n}"));
    for n in 1..=3 {
        writeln!(stdin, "{record}").unwrap();
        stdin.flush().unwrap();
        if header && n == 1 {
            next(n);
        }
        let line = next(n);
        assert!(answer(n, &line), "{args:?}: record {n}: {line}");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
    assert!(rx.try_recv().is_err(), "{args:?}: more output than records");
}

#[test]
fn a_live_json_lines_stream_is_answered_record_by_record() {
    answers_record_by_record(&["--format", "jsonl", "--jobs", "2"], false, |_, line| line.contains(r#""total":81"#));
    answers_record_by_record(&["--format", "jsonl", "--brief", "--jobs", "1"], false, |_, line| {
        line.starts_with(r#"{"schema_version":1,"total":81"#)
    });
}

#[test]
fn a_live_csv_stream_is_answered_record_by_record() {
    answers_record_by_record(&["--format", "csv", "--brief"], true, |n, line| line.starts_with(&format!("{n},81")));
}

#[test]
fn a_closed_stdout_is_an_error() {
    let run = Command::new("bash")
        .args(["-c", r#""$0" eval "$1" --data "$2" >&-"#, env!("CARGO_BIN_EXE_scorecard"), SEED, MEASUREMENTS])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("standard output is closed (标准输出已关闭)"), "{stderr}");
}

#[test]
fn stdout_to_dev_null_is_fine() {
    let run = Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(["eval", SEED, "--data", MEASUREMENTS])
        .stdout(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
}
