//! Differential test for the performance work on the CLI's writers:
//! generated records for each rule file of the library's differential test
//! (lists, assessor ranges, bands, formulas, vetoes, bad records) are scored
//! in JSON Lines, JSON, CSV and both `--brief` formats, and the output must
//! hash to the baseline taken with the release CLI before the optimisations.
//! 5,000 records per file in a debug build; 100,000 with
//! `cargo test --release -p scorecard-cli --test differential`.
//!
//! After a deliberate change to the output, print the new hashes with
//! `PERF_BLESS=1 cargo test -p scorecard-cli --test differential -- --nocapture`
//! (in both builds) and review the change in the snapshots first.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects, reason = "test on fixed fixtures")]

mod common;

#[path = "../../scorecard/tests/support/records.rs"]
mod records;

use common::{scorecard, temp_file};
use scorecard::Scorecard;

/// Records generated for each rule file.
const RECORDS: usize = if cfg!(debug_assertions) { 5_000 } else { 100_000 };

/// The formats compared, as `eval` arguments.
const FORMATS: &[&[&str]] = &[
    &["--format", "jsonl"],
    &["--format", "jsonl", "--brief"],
    &["--format", "csv"],
    &["--format", "csv", "--brief"],
    &["--format", "json"],
];

/// FNV-1a of stdout for each rule file (in [`records::RULES`] order) and format, for 5,000 records.
const BASELINE_5K: &[[u64; 5]] = &[
    [0xee4cbfb2d2462e6b, 0x28f447308fba15a1, 0xd6f43476ceed07e5, 0x475747925c9e5383, 0x6c554ff7fda6867d],
    [0x403d90e3c674700e, 0xb303904ea13e2809, 0xf1482e05a37ddf95, 0x58f05dc3abfa2461, 0x4234b09db0bf1f10],
    [0x90b5f4946ce64601, 0x6279a23ec9a1ff40, 0x890e678217e37438, 0xa7de42f339d6b272, 0x5017f526485c2c5f],
    // R04 and the mixed fixture: the formats with explanations re-taken after
    // merging the sentence fixes of issue 12; the brief formats are unchanged.
    [0x175eaf7cc43e5184, 0xab21b30ae99c9f7a, 0x8af423398866502d, 0x3adb0ca51509c474, 0x2e949663c4c71562],
    [0xc58d9f10fb28e841, 0xa33a949d78bb0cd1, 0x548f5a351b274dd8, 0xf3ab1530bb74c581, 0x7a89b5723f3d645d],
    [0xc5266772d31e9e0a, 0x35c642349eba903a, 0x84eedaf47d7ad426, 0xe5d3e648da805456, 0x4888ab2a4b83f6a4],
    [0xfb5f647992839513, 0xa7bc33d27cef08e4, 0x8f3804b15ab522a4, 0x5c4bacd89c8d5994, 0xebfc897dc858d149],
];
/// The same for 100,000 records.
const BASELINE_100K: &[[u64; 5]] = &[];

#[test]
fn cli_output_is_byte_identical_to_the_baseline() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut hashes = Vec::new();
    for (i, (path, lists)) in records::RULES.iter().enumerate() {
        let rules = root.join(path);
        let card = Scorecard::compile(&std::fs::read_to_string(&rules).unwrap()).expect("the rule file compiles");
        let data = temp_file("data.jsonl", records::jsonl(&card, lists, RECORDS, 0x5eed + i as u64).as_bytes());
        let mut row = [0u64; 5];
        for (slot, format) in row.iter_mut().zip(FORMATS) {
            let mut args = vec!["eval", rules.to_str().unwrap(), "--data", data.to_str().unwrap()];
            args.extend_from_slice(format);
            let run = scorecard(&args);
            assert_eq!(run.code, 1, "some generated records are bad: {}", run.stderr);
            *slot = records::fnv(run.stdout.as_bytes());
        }
        hashes.push(row);
    }
    if std::env::var_os("PERF_BLESS").is_some() {
        println!("{RECORDS} records: {hashes:#x?}");
        return;
    }
    let baseline = if RECORDS == 100_000 { BASELINE_100K } else { BASELINE_5K };
    assert_eq!(hashes, baseline, "the CLI's output changed; see the module docs");
}
