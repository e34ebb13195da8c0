//! Helpers: scratch directories holding a rule file and a suite.

#![allow(dead_code, reason = "each test file uses a different part")]
#![expect(clippy::unwrap_used, reason = "a test helper that cannot set up its files should fail the test")]

use std::path::{Path, PathBuf};

use scorecard_suite::{status_tag, Mismatch, SuiteOutcome};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The seed table with Chinese keywords.
pub const SEED_ZH: &str = include_str!("../../../../rules/chenggong-2021-window-service.rules");
/// The seed table with English keywords.
pub const SEED_EN: &str = include_str!("../../../../rules/chenggong-2021-window-service.en.rules");
/// The seed suite.
pub const SEED_SUITE: &str = include_str!("../../../../rules/chenggong-2021-window-service.suite.toml");

/// A scratch directory, removed when dropped.
pub struct Scratch {
    pub dir: PathBuf,
}

impl Scratch {
    /// A new empty directory under the system's temporary directory.
    pub fn new() -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("scorecard-suite-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch { dir }
    }

    /// Writes `name` with `text` and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Reads `name`.
    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(name)).unwrap()
    }

    /// The seed rules as `seed.rules` and `suite` as `seed.suite.toml`; returns the suite's path.
    pub fn seed(&self, suite: &str) -> PathBuf {
        self.write("seed.rules", SEED_ZH);
        self.write("seed.suite.toml", suite)
    }

    /// The English seed rules as `seed.en.rules` and `suite` as `seed.en.suite.toml`.
    pub fn seed_en(&self, suite: &str) -> PathBuf {
        self.write("seed.en.rules", SEED_EN);
        self.write("seed.en.suite.toml", suite)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Replaces the scratch directory in `text` so snapshots do not depend on it.
pub fn scrub(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "<dir>")
}

/// The English seed suite.
pub const SEED_SUITE_EN: &str = include_str!("../../../../rules/chenggong-2021-window-service.en.suite.toml");

/// Each case's mismatches as short tags (`total 81 80`, `status 安全 scored vetoed`), for assertions.
pub fn mismatch_tags(outcome: &SuiteOutcome) -> Vec<Vec<String>> {
    outcome.cases.iter().map(|c| c.mismatches.iter().map(mismatch_tag).collect()).collect()
}

fn mismatch_tag(m: &Mismatch) -> String {
    match m {
        Mismatch::NoExpectation => "no_expectation".to_owned(),
        Mismatch::Total { expected, got } => format!("total {} {got}", expected.text),
        Mismatch::Grade { expected, got } => format!("grade {expected} {got}"),
        Mismatch::Indicator { measure, id, expected, got, .. } => {
            format!("{} {} {} {got}", measure.table(), id.full(), expected.text)
        }
        Mismatch::ExpectedError { kind, .. } => format!("expected_error {kind}"),
        Mismatch::UnexpectedError => "unexpected_error".to_owned(),
        Mismatch::WrongError { kind, .. } => format!("wrong_error {kind}"),
        Mismatch::Disqualified { expected, got } => format!("disqualified {expected} {got}"),
        Mismatch::Status { id, expected, got, .. } => {
            format!("status {} {} {}", id.full(), status_tag(*expected), status_tag(*got))
        }
    }
}
