//! Every rule suite under `rules/` (each `*.suite.toml` beside its rule
//! file), through the harness downstream crates get from
//! `scorecard::rule_suites!`: each case is its own test
//! (`cargo test -p scorecard-tests --test suites -- 'chenggong-2021-window-service::典型'`),
//! each suite's outcome is snapshotted in `tests/snapshots/`, and
//! `SCORECARD_BLESS=1 cargo test -p scorecard-tests --test suites` rewrites
//! both. See docs/suites.md.

scorecard::rule_suites!("../rules/**/*.suite.toml");
