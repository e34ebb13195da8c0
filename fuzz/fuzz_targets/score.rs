//! `cargo +nightly fuzz run score`: see docs/fuzzing.md; the body is `scorecard_tests::fuzzing::score`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scorecard_tests::fuzzing::score(data));
