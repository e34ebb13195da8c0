//! `cargo +nightly fuzz run suite`: see docs/fuzzing.md; the body is `scorecard_tests::fuzzing::suite`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scorecard_tests::fuzzing::suite(data));
