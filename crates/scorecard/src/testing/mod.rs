//! Rule suites in `cargo test` (feature `testing`): every suite case its own
//! test, and one step to accept new results.
//!
//! A service that embeds scorecard keeps its rule files with a
//! `<stem>.suite.toml` beside each (the format is in `docs/suites.md`). A
//! test target of one line runs them:
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
//!
//! [[test]]
//! name = "rule_suites"
//! harness = false
//! ```
//!
//! The pattern is relative to the calling crate's root (the directory of its
//! `Cargo.toml`; `../rules/**/*.suite.toml` reaches a workspace's rules) and
//! must match at least one suite. `cargo test` then shows:
//!
//! - one test per case, `rules/x::case name`, which fails with the diff
//!   (expected versus got, with the engine's explanation). Run one by name:
//!   `cargo test --test rule_suites -- 'rules/x::case name'`;
//! - one test per suite, `[snapshot] rules/x`, that compares the suite's full
//!   outcome (per case: total, grade, every indicator's score and
//!   explanation) with an insta snapshot in the calling crate's
//!   `tests/snapshots/`, so a review shows changed explanations too.
//!
//! Paths in names and failures are relative to the crate's root, or to the
//! workspace's for suites outside the crate.
//!
//! **Accepting new results.** `SCORECARD_BLESS=1 cargo test` rewrites the
//! expectations of the failing cases in the suite files (as
//! `scorecard test --bless` does, keeping comments and layout) and writes the
//! snapshots, in one run; a test filter limits it to the cases it selects.
//! Without the variable nothing is written: a changed snapshot fails the test
//! (as with insta's `INSTA_UPDATE=no`) unless `INSTA_UPDATE` says otherwise.
//!
//! Without `harness = false` the macro still works, as one `#[test] fn
//! rule_suites()` that runs every case and snapshot and fails with every
//! diff; cases cannot then be run by name.
//!
//! The library behind it is re-exported here for tests that need more:
//! [`run`], [`diff`], [`bless`] and [`Snapshot`].

mod checks;

use std::path::Path;
use std::process::ExitCode;

pub use scorecard_suite::{bless, diff, find, run, Blessed, CaseOutcome, Mismatch, Snapshot, SuiteError, SuiteOutcome};

use checks::{bless_requested, checks, Check, Kind};

/// insta, for [`rule_suites!`](crate::rule_suites) to expand in the caller's crate.
#[doc(hidden)]
pub use insta as __insta;

/// The `main` of a `harness = false` test target: every case and snapshot as
/// a libtest-mimic trial, honouring cargo test's arguments (filters,
/// `--exact`, `--list`, `--test-threads`).
#[doc(hidden)]
pub fn __main(root: &str, pattern: &str, snapshot: fn(&str, &Snapshot, &Path)) -> ExitCode {
    let args = libtest_mimic::Arguments::from_args();
    let bless = bless_requested();
    insta_mode(bless, true);
    let selected = |name: &str, kind: Kind| {
        let trial = trial(Check { name: name.to_owned(), kind, run: Box::new(|| Ok(())) });
        !args.is_filtered_out(&trial) && !args.is_ignored(&trial)
    };
    let trials = checks(Path::new(root), pattern, snapshot, bless, &selected).into_iter().map(trial).collect();
    libtest_mimic::run(&args, trials).exit_code()
}

fn trial(check: Check) -> libtest_mimic::Trial {
    let Check { name, kind, run } = check;
    libtest_mimic::Trial::test(name, move || run().map_err(libtest_mimic::Failed::from)).with_kind(kind.label())
}

/// The body of the one `#[test]` a target with the default harness gets:
/// every check run in turn, failing with all their messages.
#[doc(hidden)]
#[expect(clippy::panic, reason = "a failing test reports by panicking")]
pub fn __test(root: &str, pattern: &str, snapshot: fn(&str, &Snapshot, &Path)) {
    let bless = bless_requested();
    insta_mode(bless, false);
    let failures: Vec<String> = checks(Path::new(root), pattern, snapshot, bless, &|_, _| true)
        .into_iter()
        .filter_map(|check| (check.run)().err().map(|e| format!("---- {} ----\n{e}", check.name)))
        .collect();
    if !failures.is_empty() {
        panic!("{} rule suite check(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
    }
}

/// Tells insta (which reads its settings from the environment once, at its
/// first snapshot) to write snapshots in place when blessing, and, in a
/// harness of our own before any thread starts, to write nothing otherwise
/// unless `INSTA_UPDATE` is set.
fn insta_mode(bless: bool, own_harness: bool) {
    if bless {
        std::env::set_var("INSTA_UPDATE", "always");
    } else if own_harness && std::env::var_os("INSTA_UPDATE").is_none() {
        std::env::set_var("INSTA_UPDATE", "no");
    }
}

/// Makes every rule suite matched by a glob a set of tests, with snapshots.
///
/// In a test target with `harness = false`, `rule_suites!("rules/**/*.suite.toml")`
/// expands to its `main`: one test per suite case (`rules/x::case name`) and
/// one per suite snapshot (`[snapshot] rules/x`), filterable as usual
/// (`cargo test --test rule_suites -- 'rules/x::case name'`). The pattern is
/// relative to the calling crate's root. `SCORECARD_BLESS=1 cargo test`
/// rewrites failing expectations and snapshots in one run. With the default
/// harness it expands to one `#[test] fn rule_suites()` running them all.
/// See the [module docs](crate::testing).
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
#[macro_export]
macro_rules! rule_suites {
    ($pattern:expr $(,)?) => {
        // The entry of a `harness = false` target. Under libtest's own harness
        // (`--test`) this `main` is set aside and the `#[test]` below runs;
        // without `--test` the `#[test]` function is not compiled.
        fn main() -> ::std::process::ExitCode {
            $crate::testing::__main(::core::env!("CARGO_MANIFEST_DIR"), $pattern, $crate::__rule_suite_snapshot!())
        }

        #[test]
        fn rule_suites() {
            $crate::testing::__test(::core::env!("CARGO_MANIFEST_DIR"), $pattern, $crate::__rule_suite_snapshot!());
        }
    };
}

/// The snapshot assertion of [`rule_suites!`], expanded in the caller's crate
/// so that insta files snapshots there.
#[doc(hidden)]
#[macro_export]
macro_rules! __rule_suite_snapshot {
    () => {
        |name: &str, snapshot: &$crate::testing::Snapshot, input: &::std::path::Path| {
            let mut settings = $crate::testing::__insta::Settings::clone_current();
            settings.set_input_file(input);
            settings.bind(|| {
                $crate::testing::__insta::assert_yaml_snapshot!(name, snapshot);
            });
        }
    };
}
