//! A bounded mutation test: every rule file in `rules/` is mutated with a
//! fixed seed (spans deleted or repeated, tokens and extreme numbers
//! inserted, lines swapped, look-alike and invisible characters) for a few
//! seconds, and every mutant must keep the engine's promises:
//!
//! - no panic, and no mutant takes much longer than its original file
//!   (relative to the original, timed in the same run; never an absolute time);
//! - a record scored by the full report and the fast path agrees;
//! - scores stay within [0, points] and the total within full marks, unless
//!   the file lets bonuses exceed full marks;
//! - the formatted file compiles and scores every record the same.
//!
//! The generator is a small seeded PRNG so a failure names its seed and mutant.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::time::{Duration, Instant};

use scorecard::{InputKind, Limits, Scorecard};
use scorecard_tests::fuzzing::{agree, within_bounds};

/// The seed of the whole run; change it to explore, keep it to reproduce.
const SEED: u64 = 0x5C0E_CA2D_2026_0010;
/// How long the test mutates, across all files (round-robin, so every file gets turns).
const BUDGET: Duration = Duration::from_secs(4);
/// A mutant may take this many times as long as its original file.
const SLOWER: u32 = 100;

/// splitmix64: small, seeded, and enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Words and marks the grammar knows, and text that strains it.
const TOKENS: &[&str] = &[
    "，",
    "；",
    "：",
    "（",
    "）",
    "%",
    "％",
    "分",
    "扣",
    "计",
    "加分",
    "否则",
    "每",
    "最多",
    "以上",
    "以下",
    "低于",
    "高于",
    "不满",
    "超过",
    "\n",
    "\r",
    "\r\n",
    "  ",
    "\t",
    "\u{200B}",
    "\u{3000}",
    "「",
    "」",
    "\"",
    "#",
    "×",
    "÷",
    "+",
    "−",
    "-",
    "(",
    ")",
    "较小值(",
    "计算 乙 = ",
    "三级指标 新\n  分值 5分\n",
    "  评分 ",
    "得分 = 分值 × ",
    "度量 ",
    "名",
    "万元",
    "元",
    "个百分点",
    "是",
    "否",
    "-> ",
    "below ",
    "above ",
    "points ",
    "1-2",
    "～",
];

/// Numbers that strain exact arithmetic.
const NUMBERS: &[&str] = &[
    "0",
    "0.0",
    "-0",
    "1",
    "100",
    "0.0000000000000000000000000001",
    "79228162514264337593543950335",
    "99999999999999999999999999999",
    "1e3",
    "12.345678901234567890123456789",
    "１２",
    "100000000000",
];

/// One to three random edits of `src`, on character boundaries.
fn mutate(src: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = src.chars().collect();
    for _ in 0..=rng.below(3) {
        let at = rng.below(chars.len() + 1);
        match rng.below(6) {
            0 => {
                let end = (at + 1 + rng.below(8)).min(chars.len());
                chars.drain(at.min(end)..end);
            }
            1 => {
                let end = (at + 1 + rng.below(40)).min(chars.len());
                let span: Vec<char> = chars[at.min(end)..end].to_vec();
                chars.splice(at..at, span);
            }
            2 => {
                chars.splice(at..at, rng.pick(TOKENS).chars());
            }
            3 => replace_number(&mut chars, at, rng.pick(NUMBERS)),
            4 => swap_lines(&mut chars, rng),
            _ => {
                let look_alike = ['０', '，', '：', '\u{FEFF}', '\u{00A0}', '．', '﹪', '–'];
                if let Some(c) = chars.get_mut(at) {
                    *c = look_alike[rng.below(look_alike.len())];
                }
            }
        }
    }
    chars.into_iter().collect()
}

/// Replaces the first run of digits at or after `at` with `number`.
fn replace_number(chars: &mut Vec<char>, at: usize, number: &str) {
    let Some(start) = (at..chars.len()).find(|&i| chars[i].is_ascii_digit()) else { return };
    let end = (start..chars.len()).find(|&i| !chars[i].is_ascii_digit() && chars[i] != '.').unwrap_or(chars.len());
    chars.splice(start..end, number.chars());
}

/// Swaps two lines of the file.
fn swap_lines(chars: &mut Vec<char>, rng: &mut Rng) {
    let text: String = chars.iter().collect();
    let mut lines: Vec<&str> = text.split('\n').collect();
    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
    lines.swap(a, b);
    *chars = lines.join("\n").chars().collect();
}

/// A record for `card`, as JSON: a value of each input's kind, sometimes with a unit or an extreme.
fn record(card: &Scorecard, rng: &mut Rng) -> String {
    let fields: Vec<String> = card
        .inputs()
        .map(|input| {
            let value = match input.kind {
                InputKind::YesNo => format!("\"{}\"", rng.pick(&["是", "否"])),
                InputKind::Date => format!("\"{}\"", rng.pick(&["2021-06-30", "0001-01-01", "9999-12-31"])),
                InputKind::Grades(grades) if !grades.is_empty() => format!("\"{}\"", grades[rng.below(grades.len())]),
                _ => {
                    let n = rng.pick(&["0", "50", "85", "95.5", "100", "120", "-1", "0.00", "1800000", NUMBERS[5]]);
                    match rng.below(3) {
                        0 => format!("\"{n}{}\"", input.unit),
                        _ => n.to_owned(),
                    }
                }
            };
            format!("{:?}: {value}", input.key)
        })
        .collect();
    format!("{{{}}}", fields.join(", "))
}

/// Everything a user does with a file: compile, score a record both ways,
/// format, and score the formatted file. Returns how long it took.
fn exercise(src: &str, json: &str) -> Duration {
    let start = Instant::now();
    let Ok(card) = Scorecard::compile(src) else { return start.elapsed() };
    let report = agree(&card, &card.parse_record(json));
    if let Ok(report) = &report {
        within_bounds(&card, report);
    }
    let formatted = scorecard::format(src, &Limits::default());
    let formatted = formatted.unwrap_or_else(|e| panic!("a file that compiles does not format: {e:?}"));
    let again = Scorecard::compile(&formatted).unwrap_or_else(|e| panic!("the formatted file fails: {e}"));
    let after = agree(&again, &again.parse_record(json));
    match (&report, &after) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.total, b.total, "formatting changes the total");
            let scores = |r: &scorecard::Report| r.indicators.iter().map(|i| (i.score, i.status)).collect::<Vec<_>>();
            assert_eq!(scores(a), scores(b), "formatting changes a score");
        }
        (a, b) => assert_eq!(a.as_ref().err(), b.as_ref().err(), "formatting changes how a record is read"),
    }
    start.elapsed()
}

/// The least of three timings: the machine is shared, so one slow run says little.
fn fastest(src: &str, json: &str) -> Duration {
    (0..3).map(|_| exercise(src, json)).min().unwrap_or_default()
}

#[test]
fn mutated_rule_files_keep_every_promise() {
    let files = scorecard_tests::rule_files();
    let mut rng = Rng(SEED);
    let originals: Vec<(String, String, String, Duration)> = files
        .into_iter()
        .map(|(path, src)| {
            let json = record(&scorecard_tests::compile(&src), &mut rng);
            // One run: a slow first run only makes the bound more generous.
            let time = exercise(&src, &json);
            (path, src, json, time)
        })
        .collect();
    let started = Instant::now();
    let (mut mutants, mut compiled) = (0u32, 0u32);
    'rounds: for round in 0.. {
        for (path, src, json, time) in &originals {
            if started.elapsed() > BUDGET && round > 0 {
                break 'rounds;
            }
            let mutant = mutate(src, &mut rng);
            let context = format!("seed {SEED:#x}, mutant {mutants} of {path}:\n{mutant}");
            let taken = std::panic::catch_unwind(|| exercise(&mutant, json))
                .unwrap_or_else(|_| panic!("a promise is broken by {context}"));
            let bound = time.saturating_mul(SLOWER).max(Duration::from_millis(1));
            if taken > bound {
                let retried = fastest(&mutant, json);
                assert!(retried <= bound, "{retried:?} against {time:?} for the original, {context}");
            }
            mutants += 1;
            compiled += u32::from(Scorecard::compile(&mutant).is_ok());
        }
    }
    eprintln!("{mutants} mutants of {} files, {compiled} compiled", originals.len());
    // The mutations are small: many mutants must still compile, or the
    // score, bounds and format checks above never ran.
    assert!(compiled * 4 > mutants, "only {compiled} of {mutants} mutants compiled");
}

#[test]
fn the_mutator_is_reproducible_and_changes_files() {
    let src = scorecard_tests::SEED_ZH;
    let (a, b) = (mutate(src, &mut Rng(SEED)), mutate(src, &mut Rng(SEED)));
    assert_eq!(a, b, "the same seed, the same mutant");
    let mut rng = Rng(SEED);
    assert!((0..20).any(|_| mutate(src, &mut rng) != src), "mutants differ from the original");
}
