//! `scorecard::rule_suites!` in a target with libtest's own harness (no
//! `harness = false`): it still compiles and runs, as one `#[test] fn
//! rule_suites()` over every case and snapshot of the seed suites.

scorecard::rule_suites!("../rules/chenggong-2021-window-service*.suite.toml");
