//! The rule language as written: both keyword sets parse to the same tiers,
//! full-width punctuation and U+3000 are ordinary punctuation and space, and
//! parse errors speak the file's language with a line:col position and no
//! grammar rule names.

use scorecard::{Code, Decimal, Diagnostic, LineIndex, Scorecard};
use scorecard_syntax::ast::{Cmp, File, Item, Quantity, Reference, Sign, Test, Tier};
use scorecard_syntax::{parse, Limits, Span, Spanned};
use scorecard_tests::{SEED_EN, SEED_ZH};

// ───────────────────────────── helpers ─────────────────────────────

fn parsed(src: &str) -> File {
    match parse(src, &Limits::default()) {
        Ok(f) => f,
        Err(d) => panic!("does not parse: {}\n{src}", render_all(src, &d)),
    }
}

/// The tiers of the first indicator's scoring statements.
fn tiers(src: &str) -> Vec<Tier> {
    let file = parsed(src);
    let ind = first_indicator(&file.items).unwrap_or_else(|| panic!("no indicator in\n{src}"));
    ind.scoring.iter().flat_map(|s| s.tiers.iter().map(|t| t.node.clone())).collect()
}

fn first_indicator(items: &[Item]) -> Option<&scorecard_syntax::ast::Indicator> {
    items.iter().find_map(|item| match item {
        Item::Indicator(i) => Some(&**i),
        Item::Group(g) => first_indicator(&g.items),
    })
}

/// A Chinese file with one indicator whose scoring line is `scoring`.
fn zh(scoring: &str) -> String {
    format!("计分表 「测试」\n三级指标 测试指标\n  评分 {scoring}\n")
}

/// An English file with one indicator whose scoring line is `scoring`.
fn en(scoring: &str) -> String {
    format!("scorecard \"test\"\nindicator test\n  scoring: {scoring}\n")
}

fn s<T>(node: T) -> Spanned<T> {
    Spanned::new(node, Span::default())
}

fn q(value: i64, unit: &str) -> Spanned<Quantity> {
    s(Quantity { value: Decimal::from(value), unit: Some(unit.to_owned()) })
}

fn share_of(cmp: Cmp, share: i64, base: &str) -> Spanned<Test> {
    s(Test::Compare { cmp, reference: Reference::ShareOf { share: q(share, "%"), base: s(base.to_owned()) } })
}

fn value(cmp: Cmp, v: i64, unit: &str) -> Spanned<Test> {
    s(Test::Compare { cmp, reference: Reference::Value(q(v, unit)) })
}

fn tier(subject: Option<&str>, test: Spanned<Test>, deduct: i64) -> Tier {
    Tier::Condition {
        subject: subject.map(|n| s(n.to_owned())),
        test,
        deduct: s(Decimal::from(deduct)),
        sign: Sign::Deduct,
    }
}

/// A diagnostic as a user sees it: `line:col: [code] message (help)`.
fn render(src: &str, d: &Diagnostic) -> String {
    let at = LineIndex::new(src).span_start(src, d.span);
    let help = d.help.as_deref().map(|h| format!(" help: {h}")).unwrap_or_default();
    format!("{at}: [{}] {} ({}){help}", d.code, d.message, d.label)
}

fn render_all(src: &str, ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| render(src, d)).collect::<Vec<_>>().join("\n")
}

/// The diagnostics of text that must not parse.
fn parse_errors(src: &str) -> Vec<Diagnostic> {
    match parse(src, &Limits::default()) {
        Ok(_) => panic!("parses, but should not:\n{src}"),
        Err(d) => {
            assert!(!d.is_empty(), "a failed parse must say why");
            d
        }
    }
}

/// The diagnostics of text that must not compile.
fn compile_errors(src: &str) -> Vec<Diagnostic> {
    match Scorecard::compile(src) {
        Ok(_) => panic!("compiles, but should not:\n{src}"),
        Err(e) => e.diagnostics.into_iter().filter(Diagnostic::is_error).collect(),
    }
}

/// Replaces `from` with `to` in `src`, checking that `from` occurs.
fn edit(src: &str, from: &str, to: &str) -> String {
    assert!(src.contains(from), "`{from}` not found");
    src.replacen(from, to, 1)
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The prose of a message: text outside backticks (user input is quoted in
/// backticks and may be in either language), without unit symbols (件, 万元, …),
/// which are the same in both languages.
fn prose(text: &str) -> String {
    let mut out: String = text.split('`').step_by(2).collect();
    let mut units: Vec<&str> = scorecard::units::UNITS.iter().map(|u| u.symbol).collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    for unit in units {
        out = out.replace(unit, " ");
    }
    out
}

const RULE_NAMES: &[&str] = &[
    "kw_",
    "condition_tier",
    "per_tier",
    "EOI",
    "SOI",
    "Rule::",
    "prefix_comparison",
    "postfix_comparison",
    "bare_name",
    "quoted_cjk",
    "quoted_ascii",
    "deduct_zh",
    "deduct_en",
    "ratio_en",
    "ratio_zh",
    "cmp_",
    "tree_item",
    "input_decl",
    "const_decl",
    "text_prop",
    "points_prop",
    "WHITESPACE",
];

/// What is wrong with a diagnostic's words: raw grammar rule names, or not the file's language.
fn word_problems(src: &str, d: &Diagnostic, chinese: bool) -> Vec<String> {
    let shown = render(src, d);
    let mut problems: Vec<String> = RULE_NAMES
        .iter()
        .filter(|name| shown.contains(*name))
        .map(|name| format!("raw grammar rule name `{name}` in: {shown}"))
        .collect();
    for text in [Some(d.message.as_str()), Some(d.label.as_str()), d.help.as_deref()].into_iter().flatten() {
        let has_cjk = prose(text).chars().any(is_cjk);
        if chinese && !has_cjk {
            problems.push(format!("Chinese file, English words `{text}` in: {shown}"));
        }
        if !chinese && has_cjk {
            problems.push(format!("English file, Chinese words `{text}` in: {shown}"));
        }
    }
    problems
}

/// Asserts that a diagnostic speaks the file's language and names no grammar rule.
fn check_words(src: &str, d: &Diagnostic, chinese: bool) {
    let problems = word_problems(src, d, chinese);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ───────────────────────────── tiers as written ─────────────────────────────

#[test]
fn english_ratio_tier_parses_as_written() {
    let expected = vec![tier(Some("annual cases"), share_of(Cmp::Lt, 90, "last year"), 3)];
    assert_eq!(tiers(&en("annual cases below 90% of last year → −3")), expected);
    assert_eq!(tiers(&en("annual cases below 90% of last year -> -3")), expected);
    assert_eq!(tiers(&en("annual cases below 90% of last year → -3 points")), expected);
    assert_eq!(tiers(&en("annual   cases  below 90%  of  last   year→−3")), expected);
}

#[test]
fn chinese_ratio_tier_parses_as_written() {
    // the bare name ends before the comparison word: 年办件量 · 低于 · 上期 · 90%
    let expected = vec![tier(Some("年办件量"), share_of(Cmp::Lt, 90, "上期"), 3)];
    assert_eq!(tiers(&zh("年办件量低于上期90%，扣3分")), expected);
    assert_eq!(tiers(&zh("年办件量低于上期90%扣3分")), expected);
    assert_eq!(tiers(&zh("年办件量 低于 上期 90% ，扣 3 分")), expected);
}

#[test]
fn ladders_keep_subject_and_order() {
    let zh_tiers = tiers(&zh("年办件量低于上期90%，扣3分，低于上期80%，扣5分、低于上期70%，扣6分，低于上期60%扣8分。"));
    let en_tiers = tiers(&en(
        "annual cases below 90% of last year → −3, below 80% of last year → −5,\n    below 70% of last year → −6, below 60% of last year → −8",
    ));
    let expect = |subject: &str, base: &str| {
        vec![
            tier(Some(subject), share_of(Cmp::Lt, 90, base), 3),
            tier(None, share_of(Cmp::Lt, 80, base), 5),
            tier(None, share_of(Cmp::Lt, 70, base), 6),
            tier(None, share_of(Cmp::Lt, 60, base), 8),
        ]
    };
    assert_eq!(zh_tiers, expect("年办件量", "上期"));
    assert_eq!(en_tiers, expect("annual cases", "last year"));
}

#[test]
fn comparison_words() {
    let cases: &[(&str, Cmp)] = &[
        ("x低于90%，扣1分", Cmp::Lt),
        ("x未达到90%，扣1分", Cmp::Lt),
        ("x不足90%，扣1分", Cmp::Lt),
        ("x少于90%，扣1分", Cmp::Lt),
        ("x高于90%，扣1分", Cmp::Gt),
        ("x超过90%，扣1分", Cmp::Gt),
        ("x超出90%，扣1分", Cmp::Gt),
        ("x不超过90%，扣1分", Cmp::Le),
        ("x不低于90%，扣1分", Cmp::Ge),
        ("x达到90%，扣1分", Cmp::Ge),
        ("x90%以下，扣1分", Cmp::Le),
        ("x90%以上，扣1分", Cmp::Ge),
        ("x90%及以上，扣1分", Cmp::Ge),
        ("x低于90%（含），扣1分", Cmp::Le),
        ("x低于90%(含)，扣1分", Cmp::Le),
        ("x高于90%（含），扣1分", Cmp::Ge),
    ];
    for (text, cmp) in cases {
        let text = text.replacen('x', "满意度", 1);
        assert_eq!(tiers(&zh(&text)), vec![tier(Some("满意度"), value(*cmp, 90, "%"), 1)], "{text}");
    }
    let cases: &[(&str, Cmp)] = &[
        ("below 90%", Cmp::Lt),
        ("under 90%", Cmp::Lt),
        ("above 90%", Cmp::Gt),
        ("over 90%", Cmp::Gt),
        ("at most 90%", Cmp::Le),
        ("at least 90%", Cmp::Ge),
        ("below 90% inclusive", Cmp::Le),
        ("above 90% inclusive", Cmp::Ge),
        ("90% or less", Cmp::Le),
        ("90% or more", Cmp::Ge),
    ];
    for (text, cmp) in cases {
        let text = format!("satisfaction {text} → −1");
        assert_eq!(tiers(&en(&text)), vec![tier(Some("satisfaction"), value(*cmp, 90, "%"), 1)], "{text}");
    }
}

#[test]
fn postfix_comparison_without_subject() {
    let file =
        "计分表 「测试」\n输入 满意度 = s（%）\n三级指标 满意\n  度量 满意度\n  评分 90%以下，扣3分；80%以下扣5分\n";
    assert_eq!(tiers(file), vec![tier(None, value(Cmp::Le, 90, "%"), 3), tier(None, value(Cmp::Le, 80, "%"), 5)]);
}

#[test]
fn full_width_punctuation_and_ideographic_space() {
    let ascii = "计分表 「测试」\n总分 10分\n输入 满意度 = s(%), 范围 0~100\n三级指标 满意\n  评分: 满意度低于90%, 扣3分; 低于80%(含) 扣10分\n";
    let wide = "计分表\u{3000}「测试」\n总分：１０分\n输入\u{3000}满意度 ＝ s（％），范围\u{3000}０～１００\n三级指标\u{3000}满意\n\u{3000}\u{3000}评分：满意度低于９０％，扣３分；低于８０％（含）\u{3000}扣１０分\n";
    let (a, w) = (tiers(ascii), tiers(wide));
    assert_eq!(a.len(), 2);
    // the AST keeps the unit as written (`％`), so compare the meaning: cmp, value, deduction
    let meaning = |ts: &[Tier]| -> Vec<(Cmp, Decimal, Decimal)> {
        ts.iter()
            .map(|t| match t {
                Tier::Condition { test, deduct, .. } => match &test.node {
                    Test::Compare { cmp, reference: Reference::Value(v) } => (*cmp, v.node.value, deduct.node),
                    other => panic!("unexpected test {other:?}"),
                },
                other => panic!("unexpected tier {other:?}"),
            })
            .collect()
    };
    assert_eq!(meaning(&a), meaning(&w));
    assert_eq!(meaning(&w)[1].0, Cmp::Le);
    // and both compile to scorecards that score alike
    let (ca, cw) = (Scorecard::compile(ascii).unwrap(), Scorecard::compile(wide).unwrap());
    for json in ["{\"s\": 95}", "{\"s\": 85}", "{\"s\": 80}", "{\"s\": \"79.9％\"}"] {
        assert_eq!(ca.evaluate_json(json).unwrap().total, cw.evaluate_json(json).unwrap().total, "{json}");
    }
    assert_eq!(ca.evaluate_json("{\"s\": 80}").unwrap().total, Decimal::ZERO);
}

#[test]
fn deviation_tiers_reuse_their_reference() {
    let expected = |base: &str| {
        vec![
            tier(None, s(Test::Deviation { base: Some(s(base.to_owned())), share: q(10, "%"), inclusive: false }), 8),
            tier(None, s(Test::Deviation { base: None, share: q(20, "%"), inclusive: false }), 15),
        ]
    };
    assert_eq!(tiers(&zh("超出（低于）年初预算金额10%扣8分，超出（低于）20%扣15分。")), expected("年初预算金额"));
    assert_eq!(tiers(&en("over or under budget by 10% → −8, over or under by 20% → −15")), expected("budget"));
}

#[test]
fn quoted_names_may_hold_digits_and_keywords() {
    assert_eq!(
        tiers(&zh("「保障123个窗口满意度」低于90%，扣3分")),
        vec![tier(Some("保障123个窗口满意度"), value(Cmp::Lt, 90, "%"), 3)]
    );
    assert_eq!(
        tiers(&en("\"window 123 at points of service\" below 90% → −3")),
        vec![tier(Some("window 123 at points of service"), value(Cmp::Lt, 90, "%"), 3)]
    );
    let file = parsed("计分表 「2021年政务中心」\n三级指标 「保障入驻单位123个窗口」\n  评分 满意度低于90%，扣3分\n");
    assert_eq!(file.name.node, "2021年政务中心");
    assert_eq!(first_indicator(&file.items).map(|i| i.name.node.as_str()), Some("保障入驻单位123个窗口"));
}

#[test]
fn per_count_tiers() {
    let per = |subject: Option<&str>, step: Option<Spanned<Quantity>>, deduct: i64| Tier::PerStep {
        step,
        subject: subject.map(|n| s(n.to_owned())),
        deduct: s(Decimal::from(deduct)),
        sign: Sign::Deduct,
        dir: None,
        from: None,
        pro_rata: false,
    };
    assert_eq!(tiers(&zh("每1次黑榜扣25分")), vec![per(Some("黑榜"), Some(q(1, "次")), 25)]);
    assert_eq!(tiers(&en("each 1次 → −5")), vec![per(None, Some(q(1, "次")), 5)]);
}

#[test]
fn seed_files_parse_in_both_keyword_sets() {
    let (z, e) = (parsed(SEED_ZH), parsed(SEED_EN));
    assert_eq!(z.lang, scorecard::Lang::Zh);
    assert_eq!(e.lang, scorecard::Lang::En);
    assert_eq!(z.total.as_ref().map(|t| t.node), Some(Decimal::ONE_HUNDRED));
    assert_eq!(e.total.as_ref().map(|t| t.node), Some(Decimal::ONE_HUNDRED));
    assert_eq!(z.rounding.as_ref().map(|r| &r.node), e.rounding.as_ref().map(|r| &r.node));
    assert_eq!(z.grades.as_ref().map(|g| &g.node), e.grades.as_ref().map(|g| &g.node));
    let keys = |f: &File| f.inputs.iter().map(|i| (i.key.node.clone(), i.kind.node.clone())).collect::<Vec<_>>();
    assert_eq!(keys(&z), keys(&e));
    assert_eq!(
        z.consts.iter().map(|c| &c.value.node).collect::<Vec<_>>(),
        e.consts.iter().map(|c| &c.value.node).collect::<Vec<_>>()
    );
}

// ───────────────────────────── parse errors ─────────────────────────────

/// (source, line, column, whether the file is Chinese)
fn broken_files() -> Vec<(String, u32, u32, bool)> {
    vec![
        // deduction without 分: the error is at the end of line 3
        (zh("满意度低于90%，扣3"), 3, 17, true),
        // comparison without a threshold
        (zh("满意度低于，扣3分"), 3, 11, true),
        // misspelled keyword (traditional 級)
        ("计分表 「测试」\n三級指标 测试指标\n".to_owned(), 2, 1, true),
        // no header
        ("三级指标 测试指标\n  评分 满意度低于90%，扣3分\n".to_owned(), 1, 1, true),
        // unclosed quote
        ("计分表 「测试\n".to_owned(), 1, 5, true),
        // a tier with nothing after 评分: reported right after the keyword
        (zh(""), 3, 5, true),
        // deduction without a minus sign
        (en("satisfaction below 90% → 3"), 3, 37, false),
        // comparison without a threshold
        (en("satisfaction below → −3"), 3, 31, false),
        // misspelled header keyword
        ("scorcard \"test\"\n".to_owned(), 1, 1, false),
        // misspelled indicator keyword
        ("scorecard \"test\"\nindicatr test\n".to_owned(), 2, 1, false),
        // unknown unit
        (en("satisfaction below 90 kg → −3"), 3, 34, false),
        // unclosed quote
        ("scorecard \"test\n".to_owned(), 1, 11, false),
    ]
}

#[test]
fn parse_errors_have_positions_and_human_words() {
    let mut problems = Vec::new();
    for (src, line, column, chinese) in broken_files() {
        let ds = parse_errors(&src);
        for d in &ds {
            assert_eq!(d.code, Code::Syntax, "{}", render(&src, d));
            check_words(&src, d, chinese);
        }
        let shown = render(&src, &ds[0]);
        if !shown.starts_with(&format!("{line}:{column}: ")) {
            problems.push(format!("expected {line}:{column}, got {shown}\n  in {src:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn columns_count_characters_under_chinese_text() {
    // the unknown unit is after 13 characters, 33 bytes, of Chinese text and digits
    let src = zh("满意度低于90斤，扣3分");
    let src = src.replace("计分表 「测试」\n", "计分表 「测试」\n输入 满意度 = s（%）\n");
    let errors = compile_errors(&src);
    let d = errors.iter().find(|d| d.code == Code::UnknownUnit).expect("E0301");
    let line = LineIndex::new(&src).line_text(&src, d.span.start as usize);
    let col = LineIndex::new(&src).span_start(&src, d.span).column as usize;
    let before: String = line.chars().take(col - 1).collect();
    assert!(before.ends_with("满意度低于90"), "caret after `{before}`");
}

#[test]
fn truncated_seed_files_give_human_errors() {
    for (src, chinese) in [(SEED_ZH, true), (SEED_EN, false)] {
        let cuts: Vec<usize> = src.char_indices().map(|(i, _)| i).step_by(5).collect();
        for cut in cuts {
            let part = &src[..cut];
            // a file of comments alone says nothing about its language; its messages may be in either
            let has_content = part.lines().any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
            if let Err(ds) = parse(part, &Limits::default()) {
                for d in &ds {
                    if has_content {
                        check_words(part, d, chinese);
                    } else {
                        assert!(word_problems(part, d, chinese)
                            .iter()
                            .chain(word_problems(part, d, !chinese).iter())
                            .all(|p| !p.contains("raw grammar")));
                    }
                    assert!(d.span.end as usize <= part.len(), "span beyond the text: {}", render(part, d));
                }
            }
        }
    }
}

#[test]
fn every_diagnostic_is_in_the_file_language() {
    let few_tiers = Limits::default().with_max_tiers(2);
    let few_indicators = Limits::default().with_max_indicators(1);
    let hundred_digits = "9".repeat(100);
    let cases: Vec<(String, Limits, bool)> = vec![
        (SEED_ZH.to_owned(), few_tiers, true),
        (SEED_EN.to_owned(), few_tiers, false),
        (SEED_ZH.to_owned(), few_indicators, true),
        (SEED_EN.to_owned(), few_indicators, false),
        (SEED_ZH.to_owned(), Limits::default().with_max_file_bytes(100), true),
        (SEED_EN.to_owned(), Limits::default().with_max_file_bytes(100), false),
        (edit(SEED_ZH, "计分表 ", "计分表\0 "), Limits::default(), true),
        (edit(SEED_ZH, "总分 100分", &format!("总分 {hundred_digits}分")), Limits::default(), true),
        (edit(SEED_EN, "total 100", &format!("total {hundred_digits}")), Limits::default(), false),
        (edit(SEED_ZH, "保留2位", "保留2.5位"), Limits::default(), true),
        (edit(SEED_EN, "2 places", "2.5 places"), Limits::default(), false),
        (edit(SEED_ZH, "总分 100分", "总分 100分\n总分 100分"), Limits::default(), true),
        (edit(SEED_EN, "total 100", "total 100\ntotal 100"), Limits::default(), false),
    ];
    let mut problems = Vec::new();
    for (src, limits, chinese) in cases {
        let ds = match parse(&src, &limits) {
            Ok(_) => panic!("should not parse"),
            Err(ds) => ds,
        };
        for d in &ds {
            problems.extend(word_problems(&src, d, chinese));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ───────────────────────────── compile errors ─────────────────────────────

#[test]
fn unknown_name_suggests_the_closest() {
    let src = edit(SEED_ZH, "评分 年办件量低于上期90%", "评分 年办件数低于上期90%");
    let ds = compile_errors(&src);
    let d = ds.iter().find(|d| d.code == Code::UnknownName).unwrap_or_else(|| panic!("{}", render_all(&src, &ds)));
    assert_eq!(d.span.text(&src), "年办件数");
    assert!(d.message.contains("年办件数"), "{}", render(&src, d));
    assert_eq!(d.help.as_deref(), Some("是否想写 `年办件量`？"));
    check_words(&src, d, true);

    let src = edit(SEED_EN, "scoring: annual cases below", "scoring: annual case below");
    let ds = compile_errors(&src);
    let d = ds.iter().find(|d| d.code == Code::UnknownName).unwrap_or_else(|| panic!("{}", render_all(&src, &ds)));
    assert_eq!(d.span.text(&src), "annual case");
    assert_eq!(d.help.as_deref(), Some("did you mean `annual cases`?"));
    check_words(&src, d, false);
}

#[test]
fn unit_mismatch() {
    let cases = [
        // a count (件) compared with a bare percentage
        (edit(SEED_ZH, "评分 年办件量低于上期90%，扣3分", "评分 年办件量低于90%，扣3分"), true),
        (edit(SEED_EN, "annual cases below 90% of last year", "annual cases below 90%"), false),
        // a percentage compared with a count
        (edit(SEED_ZH, "评分 入驻窗口工作人员的满意度低于90%", "评分 入驻窗口工作人员的满意度低于90件"), true),
        // a share of a baseline in another unit (件 vs 元)
        (edit(SEED_ZH, "评分 年办件量低于上期90%", "评分 年办件量低于年初预算金额90%"), true),
        (edit(SEED_EN, "annual cases below 90% of last year", "annual cases below 90% of budget"), false),
    ];
    for (src, chinese) in cases {
        let ds = compile_errors(&src);
        let d = ds.iter().find(|d| d.code == Code::UnitMismatch).unwrap_or_else(|| panic!("{}", render_all(&src, &ds)));
        check_words(&src, d, chinese);
    }
}

#[test]
fn points_must_add_up_to_the_total() {
    for (src, chinese) in
        [(edit(SEED_ZH, "总分 100分", "总分 90分"), true), (edit(SEED_EN, "total 100", "total 90"), false)]
    {
        let ds = compile_errors(&src);
        let d =
            ds.iter().find(|d| d.code == Code::TotalMismatch).unwrap_or_else(|| panic!("{}", render_all(&src, &ds)));
        assert_eq!(d.code.as_str(), "E0402");
        assert!(d.message.contains("100") && d.message.contains("90"), "{}", d.message);
        assert!(d.help.as_deref().is_some_and(|h| h.contains("8 + 7 + 15 + 15 + 8 + 25 + 22")), "{:?}", d.help);
        check_words(&src, d, chinese);
    }
    // a declared indicator's points count instead of its largest deduction
    let src = edit(SEED_ZH, "指标值 = 200万件，定量指标", "指标值 = 200万件，定量指标\n      分值 10分");
    let ds = compile_errors(&src);
    assert!(ds.iter().any(|d| d.code == Code::TotalMismatch && d.message.contains("102")), "{}", render_all(&src, &ds));
}

#[test]
fn duplicate_indicator() {
    let zh_dup = edit(
        SEED_ZH,
        "    三级指标 窗口服务办结率",
        "    三级指标 窗口服务办结率\n      评分 年办结率未达到80%，扣15分\n    三级指标 窗口服务办结率",
    );
    let en_dup = edit(
        SEED_EN,
        "    indicator window service completion rate",
        "    indicator window service completion rate\n      scoring: completion rate below 80% → −15\n    indicator window service completion rate",
    );
    for (src, header, chinese) in
        [(zh_dup, "三级指标 窗口服务办结率", true), (en_dup, "indicator window service completion rate", false)]
    {
        let ds = compile_errors(&src);
        let d = ds
            .iter()
            .find(|d| d.code == Code::DuplicateIndicator)
            .unwrap_or_else(|| panic!("{}", render_all(&src, &ds)));
        assert_eq!(d.code.as_str(), "E0203");
        // the second occurrence is the one reported
        let second = src.rfind(header).unwrap();
        assert!(d.span.start as usize > second, "{}", render(&src, d));
        check_words(&src, d, chinese);
    }
}

#[test]
fn compile_diagnostics_point_at_the_problem() {
    let src = edit(SEED_ZH, "评分 年办件量低于上期90%", "评分 年办件数低于上期90%");
    let d = compile_errors(&src).into_iter().find(|d| d.code == Code::UnknownName).unwrap();
    let shown = render(&src, &d);
    assert!(shown.starts_with("31:10: [E0201]"), "{shown}");
}

#[test]
fn compile_diagnostics_are_in_the_file_language() {
    let huge = "79228162514264337593543950335";
    let zh_cases = [
        ("评分 年办件量低于上期90%", "评分 年办件数低于上期90%"),
        ("评分 年办件量低于上期90%", "评分 年办件量低于90%"),
        ("评分 年办件量低于上期90%", "评分 年办件量低于上期90件"),
        ("输入 黑榜次数 = blacklist_count（次）", "输入 黑榜次数 = blacklist_count（斤）"),
        ("输入 上期 = cases_last_year（件）", "输入 上期 = cases（件）"),
        ("输入 上期 = cases_last_year（件）", "输入 上期 = cases_last_year（件）\n输入 上期 = x（件）"),
        ("范围 0～100\n输入 年办结率", "范围 100～0\n输入 年办结率"),
        ("输入 支出金额 = spending（万元）", &format!("输入 支出金额 = spending（万元），范围 0～{huge}")),
        ("等级 优 90，良 80", "等级 优 80，良 90"),
        ("总分 100分", "总分 90分"),
        ("      评分 年办结率未达到90%，扣15分", ""),
        ("度量 支出金额", "度量 年初预算金额"),
        ("度量 支出金额\n", ""),
        ("常量 年初预算金额 = 241.73万元", "常量 年初预算金额 = 241.73"),
        ("评分 黑榜次数达到1次，扣分25分", "评分 每次黑榜次数扣5分"),
    ];
    let en_cases = [
        ("scoring: annual cases below", "scoring: annual case below"),
        ("annual cases below 90% of last year", "annual cases below 90%"),
        ("input blacklistings = blacklist_count (次)", "input blacklistings = blacklist_count (斤)"),
        ("input last year = cases_last_year (件)", "input last year = cases (件)"),
        ("range 0 to 100\ninput completion rate", "range 100 to 0\ninput completion rate"),
        ("input spending = spending (万元)", &format!("input spending = spending (万元), range 0 to {huge}")),
        ("grades 优 90, 良 80", "grades 优 80, 良 90"),
        ("total 100", "total 90"),
        ("      scoring: completion rate below 90% → −15\n", ""),
        ("measure spending", "measure budget"),
        ("measure spending\n", ""),
        ("const budget = 241.73万元", "const budget = 241.73"),
        ("scoring: at least 1次 → −25", "scoring: each 1次 → −5"),
    ];
    let mut problems = Vec::new();
    for (base, chinese, cases) in [(SEED_ZH, true, &zh_cases[..]), (SEED_EN, false, &en_cases[..])] {
        for (from, to) in cases {
            let src = edit(base, from, to);
            let errors = match Scorecard::compile(&src) {
                Ok(_) => {
                    problems.push(format!("`{from}` → `{to}` still compiles"));
                    continue;
                }
                Err(e) => e.diagnostics,
            };
            for d in &errors {
                problems.extend(word_problems(&src, d, chinese));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_property_after_an_english_deduction_is_not_swallowed() {
    let src = "scorecard \"t\"\ninput a = a (件)\nindicator x\n  scoring: a below 5 -> -3\n  points 3\n";
    let file = parsed(src);
    let ind = first_indicator(&file.items).expect("an indicator");
    assert_eq!(ind.points.as_ref().map(|p| p.node), Some(Decimal::from(3)));
}

#[test]
fn spans_end_at_their_last_token() {
    let src = "scorecard \"t\"\ntotal 3   \ninput a = a (件)\nindicator x\n  scoring: a below 5 -> -8   \n  points 8\n";
    let file = parsed(src);
    let total = file.total.as_ref().expect("a total");
    assert_eq!(total.span.text(src), "total 3");
    let ind = first_indicator(&file.items).expect("an indicator");
    let tier = ind.scoring.first().and_then(|s| s.tiers.first()).expect("a tier");
    assert_eq!(tier.span.text(src), "a below 5 -> -8");
}
