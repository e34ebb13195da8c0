//! `cargo +nightly fuzz run format`: see docs/fuzzing.md; the body is `scorecard_tests::fuzzing::format`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scorecard_tests::fuzzing::format(data));
