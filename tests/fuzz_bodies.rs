//! The fuzz targets' bodies on stable: every seed that `fuzz/seed.sh` builds,
//! and every input a fuzzer once found (`fuzz/regressions/<target>/`), runs
//! through its target's body in `scorecard_tests::fuzzing`, so the harness
//! keeps compiling and every finding stays fixed without nightly.

use std::path::{Path, PathBuf};

use scorecard_tests::fuzzing::{self, TARGETS};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz")
}

/// Runs `seed.sh` into a fresh directory and returns it.
fn seeded() -> PathBuf {
    let out = std::env::temp_dir().join(format!("scorecard-fuzz-seed-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = std::process::Command::new("bash").arg(fuzz_dir().join("seed.sh")).arg(&out).status();
    assert!(status.is_ok_and(|s| s.success()), "fuzz/seed.sh failed");
    out
}

/// The files directly in `dir`, sorted (none if it does not exist).
fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    files
}

/// Runs each file through `target`'s body, naming the file if it panics.
fn run_all(target: &str, files: &[PathBuf]) {
    for file in files {
        let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let outcome = std::panic::catch_unwind(|| fuzzing::run(target, &data));
        assert!(outcome.is_ok(), "fuzz target `{target}` fails on {}", file.display());
    }
}

#[test]
fn every_seed_runs_through_its_target() {
    let out = seeded();
    for target in TARGETS {
        let seeds = files(&out.join(target));
        assert!(!seeds.is_empty(), "no seeds for `{target}`");
        run_all(target, &seeds);
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn every_finding_stays_fixed() {
    for target in TARGETS {
        run_all(target, &files(&fuzz_dir().join("regressions").join(target)));
    }
}

#[test]
fn every_target_has_a_fuzz_binary() {
    for target in TARGETS {
        let path = fuzz_dir().join("fuzz_targets").join(format!("{target}.rs"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.contains(&format!("fuzzing::{target}(data)")), "{} does not run its body", path.display());
    }
}

/// The bodies catch what they promise to: a record the fast path and the
/// report disagree on is not possible to build from outside, but the bounds
/// check and the two-part split can be shown to bite.
#[test]
fn the_checks_can_fail() {
    assert_eq!(fuzzing::split(b"rules\0record\0more"), (&b"rules"[..], &b"record\0more"[..]));
    assert_eq!(fuzzing::split(b"only rules"), (&b"only rules"[..], &b""[..]));
    let card = scorecard_tests::seed();
    let mut report = scorecard_tests::report(card, &scorecard_tests::SeedRecord::perfect().to_json());
    fuzzing::within_bounds(card, &report);
    report.total = report.full_marks + scorecard::Decimal::ONE;
    assert!(std::panic::catch_unwind(|| fuzzing::within_bounds(card, &report)).is_err());
}
