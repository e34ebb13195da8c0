//! Rule suites in `cargo test` (feature `testing`).
//!
//! A service that embeds scorecard keeps its rule files with a
//! `<stem>.suite.toml` beside each (the format is in `docs/suites.md`). One
//! line in a test file makes every suite a test:
//!
//! ```rust,ignore
//! // tests/rule_suites.rs
//! scorecard::rule_suites!("rules/**/*.suite.toml");
//! ```
//!
//! with, in `Cargo.toml`:
//!
//! ```toml
//! [dev-dependencies]
//! scorecard = { version = "0.1", features = ["testing"] }
//! ```
//!
//! The pattern is relative to the calling crate's root (the directory of its
//! `Cargo.toml`) and must match at least one suite. The test:
//!
//! 1. runs every case of every matched suite, and fails if any case fails,
//!    printing the diff (expected versus got, with the engine's explanation);
//! 2. snapshots each suite's full outcome with insta (per case: total,
//!    grade, every indicator's score and explanation) in the calling crate's
//!    `tests/snapshots/`, so a review shows changed explanations too.
//!
//! Accept new snapshots with `cargo insta review` (or `INSTA_UPDATE=always`);
//! with `CI` set, a changed snapshot fails the test.
//!
//! The library behind it is re-exported here for tests that need more:
//! [`run`], [`diff`], [`bless`] and [`Snapshot`].

use std::path::Path;

pub use scorecard_suite::{bless, diff, find, run, Blessed, CaseOutcome, Mismatch, Snapshot, SuiteError, SuiteOutcome};

/// insta, for [`rule_suites!`](crate::rule_suites) to expand in the caller's crate.
#[doc(hidden)]
pub use insta as __insta;

/// What one suite gave: the snapshot to compare, and the text of any failure.
#[doc(hidden)]
#[derive(Debug)]
pub struct Checked {
    /// The snapshot's name: the suite's path from the crate root, without
    /// `.suite.toml`, `/` written `__` (`rules__library-2022`). It does not
    /// depend on which other suites the pattern matches.
    pub name: String,
    /// The suite's outcome as plain data, if it ran.
    pub snapshot: Option<Snapshot>,
    /// The failing cases with their diff, or why the suite could not run.
    pub failure: Option<String>,
}

/// Runs the suite at `path` (below the crate root `root`) for [`rule_suites!`](crate::rule_suites).
#[doc(hidden)]
pub fn __check(root: &str, path: &Path) -> Checked {
    let name = snapshot_name(Path::new(root), path);
    match scorecard_suite::run(path) {
        Ok(outcome) => Checked {
            name,
            snapshot: Some(Snapshot::of(&outcome)),
            failure: (outcome.failed() > 0).then(|| diff::render_failures(&outcome)),
        },
        Err(e) => Checked { name, snapshot: None, failure: Some(e.to_string()) },
    }
}

fn snapshot_name(root: &Path, path: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let relative = path.strip_prefix(&root).unwrap_or(path);
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let joined = parts.join("__");
    joined.strip_suffix(scorecard_suite::SUITE_SUFFIX).map(str::to_owned).unwrap_or(joined)
}

/// Snapshot settings for one suite: the current ones without the glob's
/// suffix, so a snapshot's name does not change when suites are added.
#[doc(hidden)]
pub fn __settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.remove_snapshot_suffix();
    settings
}

/// Ends the test: panics with every diff if a case failed, otherwise goes on
/// with the glob's own panic (a changed snapshot or no matching suite), if any.
#[doc(hidden)]
#[expect(clippy::panic, reason = "a failing test reports by panicking")]
pub fn __finish(failures: &[String], glob: std::thread::Result<()>) {
    if !failures.is_empty() {
        let also = if glob.is_err() { "\n\n(snapshots changed too: see above)" } else { "" };
        panic!("{} rule suite(s) failed:\n\n{}{also}", failures.len(), failures.join("\n\n"));
    }
    if let Err(panic) = glob {
        std::panic::resume_unwind(panic);
    }
}

/// Makes every rule suite matched by a glob a test, with snapshots.
///
/// `rule_suites!("rules/**/*.suite.toml")` expands, in the calling crate, to
/// a `#[test] fn rule_suites()` that runs every matched suite (the pattern is
/// relative to the calling crate's root), fails with the readable diff if any
/// case fails, and snapshots each suite's outcome with insta in the calling
/// crate's `tests/snapshots/`. See the [module docs](crate::testing).
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
#[macro_export]
macro_rules! rule_suites {
    ($pattern:expr $(,)?) => {
        #[test]
        fn rule_suites() {
            let mut failures: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
            let glob = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| {
                $crate::testing::__insta::glob!(::core::env!("CARGO_MANIFEST_DIR"), $pattern, |path| {
                    let checked = $crate::testing::__check(::core::env!("CARGO_MANIFEST_DIR"), path);
                    if let ::core::option::Option::Some(failure) = checked.failure {
                        failures.push(failure);
                    }
                    if let ::core::option::Option::Some(snapshot) = checked.snapshot {
                        $crate::testing::__settings().bind(|| {
                            $crate::testing::__insta::assert_yaml_snapshot!(checked.name.as_str(), snapshot);
                        });
                    }
                });
            }));
            $crate::testing::__finish(&failures, glob);
        }
    };
}
