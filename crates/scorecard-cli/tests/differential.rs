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
/// The same for 100,000 records, blessed from today's output in a release
/// build; docs/performance.md says how it was compared with the old binary.
const BASELINE_100K: &[[u64; 5]] = &[
    [0x2342390c93705243, 0xaf8b3fa8716f94ff, 0xa239e762b645a7aa, 0x79530d614d3e194f, 0xf0167b88fa332c9d],
    [0x1a2608bdcf2d7329, 0x14c6fd4f8d366f94, 0x1c6e082cea9afda5, 0x06bf2f08567805dd, 0x6539752ff748843d],
    [0x6107191a2acd64c1, 0xe5b245b83d87ec40, 0x50491655a434a4ef, 0xa107fa19c8f6faee, 0x66fda8874c84587f],
    [0xfd04122b6b3d0849, 0x57999ae19a99206a, 0xa692031713a2b8a8, 0xd85588403f40e9f4, 0x444ff17e75685e65],
    [0xac85889d7135f660, 0x5bb9637f31ff39ad, 0x1a9baa661f409e1c, 0x54550ef0c289bf0e, 0xb720bfa2e75906bc],
    [0xbb9bc7aaa58bc3e3, 0x07d3e9e7fced4460, 0x5d6e57a3c794a029, 0x56b902ff9b903386, 0x2beff197f2092ddd],
    [0xa4911147827b4eb1, 0x511b3ed75e5b2418, 0x5be73a5ee7245433, 0xceb730c2c5a5055b, 0x2848aa33283addf7],
];

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
