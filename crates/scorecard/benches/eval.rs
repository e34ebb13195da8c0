//! Hot-path benchmarks. Absolute times on a shared machine are noisy, so each
//! group includes a baseline measured in the same run; quote ratios.
//!
//! Run: `cargo bench -p scorecard --bench eval`

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    reason = "benchmark setup on fixed fixtures fails loudly"
)]

use std::hint::black_box;
use std::str::FromStr;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use scorecard::{Decimal, Scorecard};
use serde::de::{Deserializer as _, MapAccess, Visitor};
use serde_json::value::RawValue;

/// The floor for reading a JSON record: serde_json walks the object and
/// hands over each key and raw value, and nothing else is done with them.
fn bare_parse(json: &str) -> usize {
    struct Bare;
    impl<'de> Visitor<'de> for Bare {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
            let mut n = 0;
            while let Some((k, v)) = map.next_entry::<&str, &RawValue>()? {
                n += black_box(k).len() + black_box(v).get().len();
            }
            Ok(n)
        }
    }
    let mut de = serde_json::Deserializer::from_str(json);
    de.deserialize_map(Bare).unwrap_or(0)
}

const SEED: &str = include_str!("../../../rules/chenggong-2021-window-service.rules");
const RECORD: &str = r#"{"cases": 1500000, "cases_last_year": 1800000, "staff_satisfaction": 85, "on_time_rate": "92.5%", "spending": "2700000元", "complaint_rate": 12.5, "blacklist_count": 0, "public_satisfaction": 91}"#;

/// A generated rule file with `n` indicators, each a four-tier ladder on its own input.
fn generated(n: usize) -> String {
    let mut s = format!("计分表 「生成的{n}个指标」\n");
    for i in 0..n {
        s.push_str(&format!("输入 「指标值{i}」 = v{i}（%），范围 0～100\n"));
    }
    s.push_str("一级指标 全部\n");
    for i in 0..n {
        s.push_str(&format!(
            "  三级指标 「指标{i}」\n    评分 「指标值{i}」低于90%，扣3分，低于80%，扣5分，低于70%，扣6分，低于60%扣8分\n"
        ));
    }
    s
}

fn compile(c: &mut Criterion) {
    let big = generated(1000);
    assert!(Scorecard::compile(&big).is_ok(), "the generated file compiles");
    let mut g = c.benchmark_group("compile");
    g.bench_function("baseline: serde_json parse of the record", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(RECORD)))
    });
    g.bench_function("seed", |b| b.iter(|| Scorecard::compile(black_box(SEED))));
    g.sample_size(20);
    g.bench_function("1000 indicators", |b| b.iter(|| Scorecard::compile(black_box(&big))));
    g.finish();
}

fn evaluate(c: &mut Criterion) {
    let card = Scorecard::compile(SEED).expect("seed compiles");
    let record = card.parse_record(RECORD).expect("record parses");
    let values: Vec<(scorecard::InputKey, Decimal)> = [
        ("cases", "1500000"),
        ("cases_last_year", "1800000"),
        ("staff_satisfaction", "85"),
        ("on_time_rate", "92.5"),
        ("spending", "270"),
        ("complaint_rate", "12.5"),
        ("blacklist_count", "0"),
        ("public_satisfaction", "91"),
    ]
    .iter()
    .map(|(k, v)| (card.input(k).expect("known input"), Decimal::from_str(v).expect("decimal")))
    .collect();
    let seven: Vec<Decimal> = values.iter().map(|(_, v)| *v).collect();

    let mut g = c.benchmark_group("evaluate seed record");
    g.bench_function("baseline: sum of 7 decimals", |b| {
        b.iter(|| black_box(&seven).iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(*v)))
    });
    g.bench_function("baseline: serde_json parse of the record", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(RECORD)))
    });
    g.bench_function("baseline: bare serde_json parse into RawValues", |b| b.iter(|| bare_parse(black_box(RECORD))));
    g.bench_function("JSON string, parse only", |b| b.iter(|| card.parse_record(black_box(RECORD))));
    g.bench_function("typed input, score", |b| b.iter(|| card.score(black_box(&record))));
    g.bench_function("typed input, build record and score", |b| {
        b.iter(|| {
            let mut r = card.record();
            for (k, v) in black_box(&values) {
                card.set(&mut r, *k, *v).expect("valid value");
            }
            card.score(&r)
        })
    });
    g.bench_function("JSON string, parse and score", |b| {
        b.iter(|| card.parse_record(black_box(RECORD)).and_then(|r| card.score(&r)))
    });
    g.bench_function("JSON string, parse, score and explain", |b| b.iter(|| card.evaluate_json(black_box(RECORD))));
    g.bench_function("typed input, score and explain (report)", |b| b.iter(|| card.report(black_box(&record))));
    let report = card.report(&record).expect("the record scores");
    g.bench_function("report written as JSON", |b| {
        let mut out = Vec::with_capacity(4096);
        b.iter(|| {
            out.clear();
            black_box(&report).write_json(&mut out);
            out.len()
        })
    });
    g.bench_function("baseline: report through serde_json::to_writer", |b| {
        let mut out = Vec::with_capacity(4096);
        b.iter(|| {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&report)).map(|()| out.len())
        })
    });
    g.finish();

    let lines: Vec<String> =
        (0..1000).map(|i| RECORD.replace("1500000", &(1_000_000 + i * 1000).to_string())).collect();
    let mut g = c.benchmark_group("batch");
    g.sample_size(20);
    g.bench_function("1000 JSONL records, score", |b| {
        b.iter_batched(
            || lines.clone(),
            |ls| ls.iter().filter_map(|l| card.parse_record(l).and_then(|r| card.score(&r)).ok()).count(),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, compile, evaluate);
criterion_main!(benches);
