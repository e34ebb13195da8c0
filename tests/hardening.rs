//! Hostile rule files that once crashed or hung the engine (issue 10, D1–D3):
//! long operator chains, derived values that reuse earlier ones, and many
//! bands. Each test fails without its fix: it overflows the stack of a 2 MiB
//! thread, runs for minutes, or gives no error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![allow(clippy::arithmetic_side_effects)]

use scorecard::{Code, Limits, Scorecard};
use scorecard_syntax::LineIndex;

/// Runs `f` on a thread with the 2 MiB stack `std::thread::spawn` gives by default.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(2 * 1024 * 1024).spawn(f).unwrap().join().unwrap();
}

/// `n` copies of `term` joined by `op`.
fn chain(term: &str, op: &str, n: usize) -> String {
    vec![term; n].join(op)
}

/// A file whose derived value is a `+` chain of `adds` terms and whose score
/// formula is a `×` chain with `muls` factors after `分值`.
fn chains(adds: usize, muls: usize) -> String {
    format!(
        "计分表 「链」\n总分 10分\n输入 满意度 = s（%），范围 0～100\n计算 丙 = {}\n\
         三级指标 甲\n  分值 10分\n  得分 = 分值 × {}\n  评分 丙低于90%，扣1分\n",
        chain("满意度", " + ", adds),
        chain("1", " × ", muls),
    )
}

/// Everything a user can do with a file: check, compile, score, report, trace, print, format.
fn run_everything(src: &str) {
    let card = Scorecard::compile(src).unwrap_or_else(|e| panic!("{:?}", e.diagnostics.first()));
    let record = card.parse_record(r#"{"s": 50}"#).unwrap();
    let scores = card.score(&record).unwrap();
    let report = card.report(&record).unwrap();
    assert_eq!(scores.total, report.total);
    card.trace(&record).unwrap();
    let ast = scorecard_syntax::parse(src, &Limits::default()).unwrap();
    let printed = scorecard_syntax::print::to_source(&ast);
    assert_eq!(scorecard_syntax::parse(&printed, &Limits::default()).unwrap(), ast);
    scorecard::format(src, &Limits::default()).unwrap();
}

/// The line and column (in characters) of the first error, with its code.
fn first_error(src: &str) -> (Code, u32, u32) {
    let Err(err) = Scorecard::compile(src) else { panic!("compiles, but should not:\n{src}") };
    let d = err.diagnostics.first().unwrap().clone();
    let at = LineIndex::new(src).span_start(src, d.span);
    (d.code, at.line, at.column)
}

#[test]
fn chains_at_the_limit_work_everywhere_on_a_small_stack() {
    // 257 terms make a tree 256 high: the most E0007 allows.
    on_small_stack(|| run_everything(&chains(257, 256)));
}

#[test]
fn long_chains_are_a_positioned_error_not_a_stack_overflow() {
    on_small_stack(|| {
        // The column of the `k`th repeated term after `prefix`.
        let col = |prefix: &str, stride: &str, k: usize| {
            (prefix.chars().count() + (k - 1) * stride.chars().count() + 1) as u32
        };
        for n in [258, 5_000, 16_000] {
            let src = chains(n, 1);
            // The error points at the 258th term, the first over the limit.
            assert_eq!(first_error(&src), (Code::TooDeep, 4, col("计算 丙 = ", "满意度 + ", 258)), "{n}-term + chain");
            // `分值` is the first factor, so the 257th `1` is the 258th factor.
            let src = chains(1, n);
            assert_eq!(
                first_error(&src),
                (Code::TooDeep, 7, col("  得分 = 分值 × ", "1 × ", 257)),
                "{n}-factor × chain"
            );
            assert!(matches!(scorecard::format(&src, &Limits::default()), Err(scorecard::FormatError::Invalid(_))));
        }
    });
}

#[test]
fn operators_inside_calls_count_toward_the_height() {
    on_small_stack(|| {
        // 60 calls deep (under the 64 limit on nesting), each adding 5 levels: 300 in all.
        let nest = |levels: usize| {
            let inner =
                format!("{}满意度{}", "较小值(".repeat(levels), ") + 满意度 + 满意度 + 满意度 + 满意度".repeat(levels));
            chains(1, 1).replace("计算 丙 = 满意度", &format!("计算 丙 = {inner}"))
        };
        assert_eq!(first_error(&nest(60)).0, Code::TooDeep);
        // 40 calls deep (200 levels) is fine, and runs on a small stack.
        run_everything(&nest(40));
    });
}

/// `计算 a0 = 满意度`, then `计算 aN = a(N−1) + a(N−1)`, read by one indicator.
fn shared_chain(n: usize) -> String {
    let mut src = String::from("计分表 「共享」\n总分 10分\n输入 满意度 = s（%），范围 0～100\n计算 a0 = 满意度\n");
    for i in 1..n {
        src.push_str(&format!("计算 a{i} = a{} + a{}\n", i - 1, i - 1));
    }
    src.push_str(&format!("三级指标 甲\n  分值 10分\n  评分 a{}低于90%，扣1分\n", n - 1));
    src
}

#[test]
fn a_thousand_deep_shared_chain_compiles_and_scores() {
    // Once 2^n walks: 24 lines took 3 s, 40 never finished.
    on_small_stack(|| {
        let src = shared_chain(1_000);
        let card = Scorecard::compile(&src).unwrap_or_else(|e| panic!("{:?}", e.diagnostics.first()));
        // 2^999 × 50% overflows 28 digits: a data error for the record, never a crash.
        assert!(card.evaluate_json(r#"{"s": 50}"#).is_err());
        assert!(card.evaluate_json(r#"{"s": 0}"#).is_ok());
        // Every value in the chain is read, on behalf of the one indicator.
        assert_eq!(card.inputs().count(), 1, "derived values are not inputs");
    });
}

/// One `得分` line with `n` bands `i-(i+1)名` on a measure (`度量`), ending with `否则`.
fn ranked_bands(n: usize) -> String {
    let bands: Vec<String> = (0..n).map(|i| format!("{i}-{}名，扣0.5分", i + 1)).collect();
    format!(
        "计分表 「档」\n输入 排名 = rank（名）\n三级指标 考核排名\n  分值 2分\n  度量 排名\n  得分 {}；否则扣1分\n",
        bands.join("；")
    )
}

#[test]
fn bands_count_toward_the_tier_limit() {
    // 64k bands took 45 s to check; now 1,000 (with `否则`) is the default limit.
    let src = ranked_bands(1_000);
    let (code, line, _) = first_error(&src);
    assert_eq!((code, line), (Code::TooManyTiers, 6));
    // With the limit lowered, a few bands are enough (the CLI's `--max-tiers`).
    let few = Limits::default().with_max_tiers(3);
    assert!(Scorecard::compile_with(&ranked_bands(3), &few).is_err(), "3 bands and `否则` are 4 tiers");
    assert!(Scorecard::compile_with(&ranked_bands(2), &few).is_ok());
}

#[test]
fn bands_at_the_limit_are_checked_for_overlaps() {
    // `i-(i+1)名` includes both ends, so neighbours share a value: the first
    // overlap is reported, on the later of the two bands.
    let card = Scorecard::compile(&ranked_bands(999)).unwrap();
    let overlaps: Vec<_> = card.warnings().iter().filter(|w| w.code == Code::BandsOverlap).collect();
    assert_eq!(overlaps.len(), 1);
    assert!(overlaps[0].message.contains("0-1名"), "{}", overlaps[0].message);
}

#[test]
fn a_constant_zero_divisor_is_a_compile_error_unless_a_value_is_declared() {
    let src = chains(1, 1).replace("计算 丙 = 满意度", "计算 丙 = 满意度 ÷ 0");
    let (code, line, col) = first_error(&src);
    assert_eq!((code, line, col), (Code::DivideByZero, 4, 14), "at the `0`");
    assert_eq!(first_error(&src.replace("÷ 0", "÷ (1 − 1)")).0, Code::DivideByZero);
    assert_eq!(first_error(&chains(1, 1).replace("得分 = 分值 × 1", "得分 = 分值 ÷ 0")).0, Code::DivideByZero);
    // With a declared value for a zero divisor, the file says what happens.
    let card = Scorecard::compile(&src.replace("÷ 0", "÷ 0，除数为零时为 100%")).unwrap();
    assert!(card.evaluate_json(r#"{"s": 50}"#).is_ok());
}

#[test]
fn inputs_lists_what_a_record_carries_not_derived_values() {
    let src = "计分表 「输入」\n输入 甲 = a（%）\n输入 乙 = b（%）\n输入 闲 = idle（%）\n\
               计算 和 = 甲 + 乙\n三级指标 指标\n  分值 10分\n  评分 和低于90%，扣1分\n";
    let card = Scorecard::compile(src).unwrap();
    let inputs: Vec<(&str, bool)> = card.inputs().map(|i| (i.key, i.required)).collect();
    assert_eq!(inputs, [("a", true), ("b", true), ("idle", false)]);
}

/// Invisible characters in user text are shown as `<U+200B>` in every kind
/// of message that quotes it: diagnostics, data errors and suite errors.
#[test]
fn invisible_characters_are_shown_in_every_kind_of_message() {
    let zw = "\u{200B}";
    // A diagnostic: the unknown name quotes the zero-width space.
    let src =
        format!("计分表 「隐」\n输入 满意度 = s（%）\n三级指标 甲\n  分值 5分\n  评分 满意{zw}度低于90%，扣1分\n");
    let err = Scorecard::compile(&src).unwrap_err();
    let texts: Vec<String> = err
        .diagnostics
        .iter()
        .flat_map(|d| [d.message.clone(), d.label.clone(), d.help.clone().unwrap_or_default()])
        .collect();
    assert!(texts.iter().any(|t| t.contains("<U+200B>")), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains(zw)), "{texts:?}");
    // A data error: the value quotes the zero-width space.
    let card = Scorecard::compile(&src.replace(zw, "")).unwrap();
    let err = card.evaluate_json("{\"s\": \"9\u{200B}2%\"}").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("`<U+200B>2%`") && !message.contains(zw), "{message}");
    // A suite error: the unknown input key.
    let suite = "[[case]]\nname = \"隐\"\ninput = { \"s\u{200B}\" = 95 }\ntotal = 5\n";
    let err = scorecard_suite::load_text("隐.suite.toml", suite, card).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("s<U+200B>") && !message.contains(zw), "{message}");
}

/// A string value with an exponent is read as a JSON number is: `"1e-400"`
/// is too precise, never an unknown unit `e-400` and never rounded to 0.
#[test]
fn a_string_with_a_tiny_exponent_is_too_precise() {
    let card = Scorecard::compile(
        "计分表 「指数」\n输入 满意度 = s（%）\n三级指标 甲\n  分值 5分\n  评分 满意度低于90%，扣1分\n",
    )
    .unwrap();
    for record in [r#"{"s": "1e-400"}"#, r#"{"s": 1e-400}"#, r#"{"s": "1e-400%"}"#] {
        let err = card.evaluate_json(record).unwrap_err();
        assert!(matches!(err.errors[0].kind, scorecard::DataErrorKind::TooPrecise { .. }), "{record}: {err}");
    }
    assert_eq!(card.evaluate_json(r#"{"s": "9.5e1"}"#).unwrap().total.to_string(), "5");
}
