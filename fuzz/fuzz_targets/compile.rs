//! `cargo +nightly fuzz run compile`: see docs/fuzzing.md; the body is `scorecard_tests::fuzzing::compile`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scorecard_tests::fuzzing::compile(data));
