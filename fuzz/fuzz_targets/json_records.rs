//! `cargo +nightly fuzz run json_records`: see docs/fuzzing.md; the body is `scorecard_tests::fuzzing::json_records`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scorecard_tests::fuzzing::json_records(data));
