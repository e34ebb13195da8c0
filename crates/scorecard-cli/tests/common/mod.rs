//! Running the built `scorecard` binary in integration tests.

#![allow(dead_code, reason = "each test file uses a different part of the helpers")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test helpers fail the test loudly")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The seed rule file.
pub const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules/chenggong-2021-window-service.rules");
/// The seed's measurements.
pub const MEASUREMENTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/chenggong-2021/measurements.json");

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the run did not panic (exit 101 or a panic message).
    pub fn no_panic(&self) -> &Self {
        assert_ne!(self.code, 101, "panicked: {}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "panicked: {}", self.stderr);
        self
    }
}

/// Runs `scorecard args…` in the crate directory.
pub fn scorecard(args: &[&str]) -> Run {
    scorecard_with_stdin(args, b"")
}

/// Runs `scorecard args…` with `input` on stdin.
pub fn scorecard_with_stdin(args: &[&str], input: &[u8]) -> Run {
    scorecard_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, input)
}

/// Runs `scorecard args…` in directory `dir`, with `input` on stdin.
pub fn scorecard_in(dir: &Path, args: &[&str], input: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn scorecard");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Write from another thread so a large output cannot deadlock the pipes.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait for scorecard");
    writer.join().unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    run.no_panic();
    run
}

/// Writes `bytes` to a fresh file named `name` under the target directory
/// and returns its path. Each call gets its own directory, so tests running
/// in parallel never share (and half-write) a file of the same name.
pub fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("scorecard-cli-{}", std::process::id()))
        .join(call.to_string());
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A path as a `&str` argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The seed measurements as one line of JSON.
pub fn measurements() -> String {
    std::fs::read_to_string(MEASUREMENTS).unwrap().trim().to_owned()
}
