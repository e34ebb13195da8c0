//! Growth tests: for each construct that once grew badly (issue 10, D1–D3),
//! a file of size n and one of size 4n are timed in the same run, each the
//! least of several runs, through compile, a full report, the fast path and
//! format. Linear work takes about 4× as long; the test fails only when the
//! ratio stays above 9× after retries (quadratic work takes 16×). No
//! absolute time is ever asserted, so a busy machine cannot fail it.
#![allow(clippy::panic, clippy::arithmetic_side_effects)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use scorecard::{Limits, Scorecard};

/// Above this ratio between the 4n and n timings, growth is superlinear.
const MAX_RATIO: f64 = 9.0;
/// Timings per size; the least counts.
const RUNS: usize = 3;
/// Attempts before a high ratio counts as a failure.
const ATTEMPTS: usize = 3;

/// Compiles, scores (both paths) and formats `src` once; returns how long it took.
fn work(src: &str) -> Duration {
    let start = Instant::now();
    let card = Scorecard::compile(src).unwrap_or_else(|e| panic!("{:?}\n{src}", e.diagnostics.first()));
    let record = card.parse_record(r#"{"s": 0, "rank": 3}"#).unwrap_or_else(|e| panic!("{e}"));
    let _ = card.report(&record);
    let _ = card.score(&record);
    scorecard::format(src, &Limits::default()).unwrap_or_else(|e| panic!("{e:?}"));
    start.elapsed()
}

fn fastest(src: &str) -> Duration {
    (0..RUNS).map(|_| work(src)).min().unwrap_or_default()
}

/// Times `make(n)` and `make(4n)`; the ratio if it is at most [`MAX_RATIO`]
/// on some attempt, or every attempt's ratio.
fn ratio(n: usize, make: impl Fn(usize) -> String) -> Result<f64, Vec<f64>> {
    let (small, large) = (make(n), make(4 * n));
    let mut ratios = Vec::new();
    for _ in 0..ATTEMPTS {
        let (a, b) = (fastest(&small), fastest(&large));
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-9);
        if ratio <= MAX_RATIO {
            return Ok(ratio);
        }
        ratios.push(ratio);
    }
    Err(ratios)
}

/// Fails if going from `make(n)` to `make(4n)` stays more than [`MAX_RATIO`] times slower.
fn grows_linearly(what: &str, n: usize, make: impl Fn(usize) -> String) {
    match ratio(n, make) {
        Ok(r) => eprintln!("{what}: n={n} to 4n took {r:.1} times as long"),
        Err(ratios) => {
            panic!("{what}: going from n={n} to 4n took {ratios:.1?} times as long; linear work takes about 4")
        }
    }
}

const HEAD: &str = "计分表 「增长」\n输入 满意度 = s（%），范围 0～100\n";

/// `values` derived values, each a `+` chain of `terms` terms (a chain is at most 257).
fn chains(values: usize, terms: usize) -> String {
    let mut src = HEAD.to_owned();
    for v in 0..values {
        let _ = writeln!(src, "计算 sum{v} = {}", vec!["满意度"; terms].join(" + "));
    }
    src + "三级指标 甲\n  分值 10分\n  评分 sum0低于90%，扣1分\n"
}

#[test]
fn operator_chains_grow_linearly() {
    grows_linearly("operator chains", 60, |n| chains(20, n));
}

#[test]
fn bands_grow_linearly() {
    grows_linearly("bands", 100, |n| {
        let bands: Vec<String> = (0..n).map(|i| format!("{}-{}名，扣0.001分", 2 * i, 2 * i + 1)).collect();
        format!(
            "计分表 「档」\n输入 排名 = rank（名）\n三级指标 考核排名\n  分值 2分\n  度量 排名\n  得分 {}；否则扣1分\n",
            bands.join("；")
        )
    });
}

#[test]
fn tiers_grow_linearly() {
    grows_linearly("tiers", 100, |n| {
        let tiers: Vec<String> = (1..=n).map(|i| format!("低于{}%扣{}分", 1000 - i, i)).collect();
        let head = HEAD.replace("，范围 0～100", "");
        format!("{head}三级指标 甲\n  分值 1000分\n  评分 满意度{}\n", tiers.join("，"))
    });
}

#[test]
fn derived_values_grow_linearly() {
    grows_linearly("shared derived values", 50, |n| {
        let mut src = format!("{HEAD}计算 a0 = 满意度\n");
        for i in 1..n {
            let _ = writeln!(src, "计算 a{i} = a{} + a{}", i - 1, i - 1);
        }
        src + &format!("三级指标 甲\n  分值 10分\n  评分 a{}低于90%，扣1分\n", n - 1)
    });
}

#[test]
fn indicators_grow_linearly() {
    grows_linearly("indicators", 25, |n| {
        let mut src = HEAD.to_owned();
        for i in 0..n {
            let _ = write!(src, "三级指标 「指标{i}」\n  分值 2分\n  评分 满意度低于90%，扣1分，低于80%扣2分\n");
        }
        src
    });
}

#[test]
fn nesting_grows_linearly() {
    // Nesting is capped at 64, so the depth goes from 15 to 60 over 20 values.
    grows_linearly("nesting", 15, |depth| {
        let mut src = HEAD.to_owned();
        for v in 0..20 {
            let _ = writeln!(src, "计算 deep{v} = {}满意度{}", "较小值(".repeat(depth), ", 50%)".repeat(depth));
        }
        src + "三级指标 甲\n  分值 10分\n  评分 deep0低于90%，扣1分\n"
    });
}

#[test]
fn the_ratio_check_can_fail() {
    // Quadratic work (n² indicators) is caught.
    let quadratic = ratio(20, |n| {
        let mut src = HEAD.to_owned();
        for i in 0..n * n / 40 {
            let _ = write!(src, "三级指标 「指标{i}」\n  分值 1分\n  评分 满意度低于90%，扣1分\n");
        }
        src
    });
    assert!(quadratic.is_err(), "16× the work passed as linear: {quadratic:?}");
}
