//! proptest strategies for whole syntax trees: every construct of the
//! language, in both keyword sets, with Chinese names, names that must be
//! quoted (keywords, digits, spaces, quotes), dates and exact decimals.
//!
//! Only trees the parser can produce are generated. The grammar decides a few
//! shapes, and the generator follows them:
//! - at the top level, indicators come before 二级指标, which come before
//!   一级指标 (an item after a group is read as that group's child), and inside
//!   a 一级指标 its indicators come before its 二级指标;
//! - a condition's subject is only set for comparisons, deviations and
//!   ranges; `否则` and ranges appear only in bands (ranges also inside `且`);
//! - `仅取消资格` (keep the score) always disqualifies.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use scorecard::Decimal;
use scorecard_syntax::ast::*;
use scorecard_syntax::{Lang, Span, Spanned};

fn s<T>(node: T) -> Spanned<T> {
    Spanned::new(node, Span::default())
}

/// Either keyword set.
pub fn lang() -> impl Strategy<Value = Lang> {
    prop_oneof![Just(Lang::Zh), Just(Lang::En)]
}

/// Names that must be quoted: keywords at the start, digits, spaces, `#`, quotes, nothing at all.
fn odd_name() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "分值率",
            "评分人数",
            "否则情况",
            "其他收入",
            "最多次数",
            "评定分数",
            "定量指标数",
            "加分项",
            "低于线人数",
            "超过天数",
            "不适用条件项",
            "每日件数",
            "较上年",
            "为民服务",
            "且数",
            "score",
            "points earned",
            "at least",
            "each day",
            "of",
            "min",
            "2021年预算",
            "培训覆盖率(计算方法:实际/计划×100)",
            "甲 乙",
            "a  b",
            "#注",
            "「甲」",
            "\"x\"",
            "",
            "前5名",
            "排名前",
            "abc90",
        ])
        .prop_map(str::to_owned),
        "[a-z]{1,3}[0-9]{1,2}",
        "[0-9]{1,3}[件次人]",
    ]
}

/// A name for a file in `lang`: mostly readable bare names, sometimes ones that need quotes.
pub fn name(lang: Lang) -> BoxedStrategy<String> {
    let zh = prop_oneof![
        4 => select(vec![
            "满意度", "年办件量", "上期", "执行率", "制度健全", "黑榜次数", "评价", "预算数", "执行数", "计划数",
            "重大事故", "公示天数", "培训资料", "abc满意度", "投诉率",
        ])
        .prop_map(str::to_owned),
        // Runs of characters that include stop words (低于, 扣, 每 …), which decide bare or quoted.
        3 => "[满意度年办件量上期执行率制度健全黑榜次数评价低于超过扣每加为较且否则分值计得前不并累计_a]{1,6}",
        1 => odd_name(),
    ];
    let en = prop_oneof![
        4 => select(vec![
            "annual cases", "rate", "last year", "rules in place", "budget", "spent", "plan", "rating",
            "public satisfaction", "days late",
        ])
        .prop_map(str::to_owned),
        3 => "[a-z]{1,6}( [a-z]{1,6}){0,2}",
        1 => odd_name(),
    ];
    match lang {
        Lang::Zh => prop_oneof![6 => zh, 1 => en].boxed(),
        Lang::En => prop_oneof![6 => en, 1 => zh].boxed(),
    }
}

/// A grade label: bare ones, and ones with digits, spaces or separators that must be quoted.
fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(vec!["达成", "部分达成", "未达成", "全面", "较全面", "good", "fair", "优秀"]).prop_map(str::to_owned),
        1 => select(vec![
            "5", "a b", "甲，乙", "评定分", "assessed", "得分", "计划", "x~y", "#1", "「良」", "达成并", "不达", "a_b", "良且",
        ])
        .prop_map(str::to_owned),
    ]
}

/// Free text for 评分标准 and friends, quotes and `#` included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[甲乙丙丁，。；：#（）a-z0-9 ]{0,20}",
        select(vec!["年办件量低于上期90%，扣3分。", "he said \"ok\"", "「原文」", "# 不是注释", "两个  空格"])
            .prop_map(str::to_owned),
    ]
}

/// An exact, non-negative decimal: small counts, amounts with places, and now and then 28 digits.
pub fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        6 => (0i64..1000).prop_map(Decimal::from),
        6 => (0i64..10_000_000, 0u32..=4).prop_map(|(m, scale)| Decimal::new(m, scale)),
        1 => (0u32..=28).prop_map(|scale| Decimal::from_i128_with_scale(1_234_567_890_123_456_789_012_345_678, scale)),
    ]
}

/// A decimal with either sign (input ranges).
fn signed() -> impl Strategy<Value = Decimal> {
    (decimal(), any::<bool>()).prop_map(|(d, negative)| if negative { -d } else { d })
}

const UNITS: [&str; 16] =
    ["%", "％", "个百分点", "万元", "元", "件", "万件", "人次", "次", "天", "个月", "名", "分", "起", "days", "pp"];

/// A unit the grammar knows.
fn unit() -> impl Strategy<Value = String> {
    select(UNITS.to_vec()).prop_map(str::to_owned)
}

/// A number with an optional unit (no dates).
fn plain_quantity() -> impl Strategy<Value = Quantity> {
    (decimal(), option::of(unit())).prop_map(|(value, unit)| Quantity { value, unit })
}

/// A calendar date, as the parser stores it: a day number with the unit `日期`.
fn date() -> impl Strategy<Value = Quantity> {
    (-700_000i64..2_900_000).prop_map(|days| Quantity { value: Decimal::from(days), unit: Some("日期".to_owned()) })
}

/// A number with an optional unit, or a date.
fn quantity() -> impl Strategy<Value = Quantity> {
    prop_oneof![5 => plain_quantity(), 1 => date()]
}

fn cmp() -> impl Strategy<Value = Cmp> {
    select(vec![Cmp::Lt, Cmp::Le, Cmp::Gt, Cmp::Ge, Cmp::Eq])
}

fn reference(lang: Lang) -> impl Strategy<Value = Reference> {
    prop_oneof![
        quantity().prop_map(|q| Reference::Value(s(q))),
        (quantity(), name(lang)).prop_map(|(share, base)| Reference::ShareOf { share: s(share), base: s(base) }),
    ]
}

fn compare(lang: Lang) -> impl Strategy<Value = Test> {
    (cmp(), reference(lang)).prop_map(|(cmp, reference)| Test::Compare { cmp, reference })
}

fn deviation(lang: Lang) -> impl Strategy<Value = Test> {
    (option::of(name(lang)), plain_quantity(), any::<bool>()).prop_map(|(base, share, inclusive)| Test::Deviation {
        base: base.map(s),
        share: s(share),
        inclusive,
    })
}

fn range() -> impl Strategy<Value = Test> {
    (quantity(), any::<bool>(), quantity(), any::<bool>()).prop_map(|(low, low_inclusive, high, high_inclusive)| {
        Test::Range { low: s(low), low_inclusive, high: s(high), high_inclusive }
    })
}

fn flag(lang: Lang) -> impl Strategy<Value = Test> {
    (name(lang), option::of(label())).prop_map(|(name, label)| Test::Flag { name: s(name), label: label.map(s) })
}

type SubjectTest = (Option<Spanned<String>>, Spanned<Test>);

/// A comparison or deviation with an optional subject.
fn compared(lang: Lang) -> impl Strategy<Value = SubjectTest> {
    (option::of(name(lang)), prop_oneof![3 => compare(lang), 1 => deviation(lang)])
        .prop_map(|(subject, test)| (subject.map(s), s(test)))
}

fn ranged(lang: Lang) -> impl Strategy<Value = SubjectTest> {
    (option::of(name(lang)), range()).prop_map(|(subject, test)| (subject.map(s), s(test)))
}

fn flagged(lang: Lang) -> impl Strategy<Value = SubjectTest> {
    flag(lang).prop_map(|test| (None, s(test)))
}

/// `A且B…`: two or three parts, each a range, comparison or flag with its own subject.
fn all_of(lang: Lang) -> impl Strategy<Value = SubjectTest> {
    vec(prop_oneof![ranged(lang), compared(lang), flagged(lang)], 2..=3).prop_map(|parts| (None, s(Test::All(parts))))
}

/// What a tier or a veto may test.
fn tier_condition(lang: Lang) -> impl Strategy<Value = SubjectTest> {
    prop_oneof![4 => compared(lang), 1 => flagged(lang), 1 => all_of(lang)]
}

/// What a band may test.
fn band_condition(lang: Lang) -> impl Strategy<Value = SubjectTest> {
    prop_oneof![
        3 => compared(lang),
        2 => ranged(lang),
        1 => flagged(lang),
        1 => all_of(lang),
        1 => Just((None, s(Test::Otherwise))),
    ]
}

fn sign() -> impl Strategy<Value = Sign> {
    prop_oneof![3 => Just(Sign::Deduct), 1 => Just(Sign::Add)]
}

fn step_ref(lang: Lang) -> impl Strategy<Value = StepRef> {
    prop_oneof![plain_quantity().prop_map(StepRef::Value), name(lang).prop_map(StepRef::Name)]
}

fn tier(lang: Lang) -> impl Strategy<Value = Tier> {
    let condition = (tier_condition(lang), decimal(), sign())
        .prop_map(|((subject, test), deduct, sign)| Tier::Condition { subject, test, deduct: s(deduct), sign });
    let dir = option::of(select(vec![Dir::Above, Dir::Below, Dir::Both]));
    let per_step =
        (option::of(plain_quantity()), option::of(name(lang)), decimal(), sign(), dir, option::of(step_ref(lang)))
            .prop_flat_map(|parts| (Just(parts), any::<bool>()))
            .prop_map(|((step, subject, deduct, sign, dir, from), pro_rata)| Tier::PerStep {
                step: step.map(s),
                subject: subject.map(s),
                deduct: s(deduct),
                sign,
                dir,
                from: from.map(s),
                pro_rata,
            });
    let each = (name(lang), prop_oneof![3 => compare(lang), 1 => deviation(lang)], decimal(), sign()).prop_map(
        |(subject, test, deduct, sign)| Tier::Each { subject: s(subject), test: s(test), deduct: s(deduct), sign },
    );
    prop_oneof![3 => condition, 1 => per_step, 1 => each]
}

fn scoring(lang: Lang) -> impl Strategy<Value = Scoring> {
    (any::<bool>(), vec(tier(lang).boxed(), 1..=4), option::of(decimal())).prop_map(|(cumulative, tiers, cap)| {
        Scoring { cumulative, tiers: tiers.into_iter().map(s).collect(), cap: cap.map(s) }
    })
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop_oneof![
        Just(Outcome::Full),
        decimal().prop_map(Outcome::Points),
        Just(Outcome::Points(Decimal::ZERO)),
        decimal().prop_map(Outcome::Share),
        decimal().prop_map(Outcome::Deduct),
        (decimal(), decimal()).prop_map(|(low, high)| Outcome::Range(low, high)),
    ]
}

/// An arithmetic expression over quantities, names, `分值`, negation, the four operators and calls.
fn expr(lang: Lang) -> impl Strategy<Value = Expr> {
    let leaf =
        prop_oneof![plain_quantity().prop_map(Expr::Quantity), name(lang).prop_map(Expr::Name), Just(Expr::Points),];
    leaf.prop_recursive(4, 24, 3, |inner| {
        let op = select(vec![BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::Div]);
        let func = select(vec![
            Func::Min,
            Func::Max,
            Func::Floor,
            Func::Average,
            Func::Lowest,
            Func::Highest,
            Func::Sum,
            Func::Count,
        ]);
        prop_oneof![
            inner.clone().prop_map(|e| Expr::Neg(Box::new(s(e)))),
            (op, inner.clone(), inner.clone()).prop_map(|(op, lhs, rhs)| Expr::Binary {
                op,
                lhs: Box::new(s(lhs)),
                rhs: Box::new(s(rhs))
            }),
            (func, vec(inner, 1..=3))
                .prop_map(|(func, args)| Expr::Call { func, args: args.into_iter().map(s).collect() }),
        ]
    })
}

/// A grade's points or share: `5分`, `80%`, `5`.
fn grade_value() -> impl Strategy<Value = Quantity> {
    (decimal(), option::of(select(vec!["分", "%"]).prop_map(str::to_owned)))
        .prop_map(|(value, unit)| Quantity { value, unit })
}

fn grade_entry() -> impl Strategy<Value = GradeEntry> {
    (label(), grade_value(), option::of(grade_value())).prop_map(|(label, low, high)| GradeEntry {
        label: s(label),
        high: s(high.unwrap_or_else(|| low.clone())),
        low: s(low),
    })
}

fn score(lang: Lang) -> impl Strategy<Value = ScoreStmt> {
    let band = (band_condition(lang).boxed(), outcome().boxed())
        .prop_map(|((subject, test), outcome)| s(Band { subject, test, outcome: s(outcome) }));
    prop_oneof![
        expr(lang).prop_map(|e| ScoreStmt::Formula(s(e))),
        (name(lang), vec(grade_entry(), 1..=4), option::of(name(lang))).prop_map(|(input, entries, assessed)| {
            ScoreStmt::Grades { input: s(input), entries, assessed: assessed.map(s) }
        }),
        (any::<bool>(), vec(band, 1..=4), option::of(name(lang))).prop_map(|(cumulative, bands, assessed)| {
            ScoreStmt::Bands { cumulative, bands, assessed: assessed.map(s) }
        }),
    ]
}

fn veto(lang: Lang) -> impl Strategy<Value = Veto> {
    let effect = select(vec![(false, true), (true, true), (true, false)]);
    (tier_condition(lang), effect).prop_map(|((subject, test), (disqualify, zero))| Veto {
        subject,
        test,
        disqualify,
        zero,
    })
}

fn target() -> impl Strategy<Value = Target> {
    let op = select(vec![TargetOp::Eq, TargetOp::Ge, TargetOp::Gt, TargetOp::Le, TargetOp::Lt]);
    (op, quantity()).prop_map(|(op, value)| Target { op, value })
}

/// An indicator with any of its columns and rules.
fn indicator(lang: Lang) -> impl Strategy<Value = Item> {
    let columns = (
        name(lang),
        option::of(target()),
        option::of(select(vec![Nature::Quantitative, Nature::Qualitative])),
        [option::of(text()), option::of(text()), option::of(text()), option::of(text()), option::of(text())],
        option::of(decimal()),
        option::of(name(lang)),
    );
    let rules = (
        vec(scoring(lang), 0..=2),
        vec(score(lang).boxed(), 0..=2),
        vec(scoring(lang), 0..=1),
        vec(veto(lang), 0..=2),
        option::of((name(lang), decimal())),
        option::of(name(lang)),
    );
    (columns, rules).prop_map(
        |(
            (name, target, nature, [criterion, content, basis, source, pending], points, measure),
            (scoring, score, bonus, vetoes, discretionary, not_applicable),
        )| {
            Item::Indicator(Box::new(Indicator {
                name: s(name),
                target: target.map(s),
                nature: nature.map(s),
                criterion: criterion.map(s),
                content: content.map(s),
                basis: basis.map(s),
                source: source.map(s),
                pending: pending.map(s),
                points: points.map(s),
                measure: measure.map(s),
                scoring,
                score: score.into_iter().map(s).collect(),
                bonus,
                vetoes: vetoes.into_iter().map(s).collect(),
                discretionary: discretionary.map(|(input, max)| s(Discretionary { input: s(input), max: s(max) })),
                not_applicable: not_applicable.map(s),
                span: Span::default(),
            }))
        },
    )
}

fn group(level: u8, name: String, points: Option<Decimal>, items: Vec<Item>) -> Item {
    Item::Group(Group { level, name: s(name), points: points.map(s), items })
}

/// A 二级指标 and its indicators.
fn group2(lang: Lang) -> impl Strategy<Value = Item> {
    (name(lang), option::of(decimal()), vec(indicator(lang), 0..=2))
        .prop_map(|(name, points, items)| group(2, name, points, items))
}

/// A 一级指标: indicators first, then 二级指标.
fn group1(lang: Lang) -> impl Strategy<Value = Item> {
    (name(lang), option::of(decimal()), vec(indicator(lang), 0..=1), vec(group2(lang), 0..=2)).prop_map(
        |(name, points, mut items, groups)| {
            items.extend(groups);
            group(1, name, points, items)
        },
    )
}

/// The top level: indicators, then 二级指标, then 一级指标.
fn items(lang: Lang) -> impl Strategy<Value = Vec<Item>> {
    (vec(indicator(lang), 0..=2), vec(group2(lang), 0..=1), vec(group1(lang), 0..=2)).prop_map(|(mut a, b, c)| {
        a.extend(b);
        a.extend(c);
        a
    })
}

fn input(lang: Lang) -> impl Strategy<Value = InputDecl> {
    let key = prop_oneof![
        Just(None),
        select(vec!["cases", "cases_last_year", "rate-2021", "a.b", "金额", "two words", ""]).prop_map(Some),
    ];
    let kind = prop_oneof![
        4 => unit().prop_map(InputKind::Unit),
        1 => Just(InputKind::Unit("日期".to_owned())),
        1 => Just(InputKind::YesNo),
        1 => vec(label(), 1..=3).prop_map(|labels| InputKind::Grades(labels.into_iter().map(s).collect())),
    ];
    (name(lang), key, kind, option::of((signed(), signed())), any::<bool>()).prop_map(
        |(name, key, kind, range, list)| InputDecl {
            // Only numbers may be lists (a grade list's `，列表` would read as a label).
            list: list && matches!(kind, InputKind::Unit(_)),
            key: s(key.map_or_else(|| name.clone(), str::to_owned)),
            name: s(name),
            kind: s(kind),
            range: range.map(s),
        },
    )
}

/// The file-wide settings: total, rounding, grades, not-applicable policy,
/// bonus policy, what a range band gives when not assessed.
type Settings = (Option<Decimal>, Option<Rounding>, Option<Vec<Grade>>, Option<NaPolicy>, bool, Option<Unassessed>);

fn settings() -> impl Strategy<Value = Settings> {
    let rounding = (select(vec![RoundingMode::HalfUp, RoundingMode::HalfEven]), option::of(0u32..=6))
        .prop_map(|(mode, places)| Rounding { mode, places: places.map(s) });
    let grade =
        (name(Lang::Zh), option::of(decimal())).prop_map(|(name, min)| Grade { name: s(name), min: min.map(s) });
    (
        option::of(decimal()),
        option::of(rounding),
        option::of(vec(grade, 1..=4)),
        option::of(select(vec![NaPolicy::FullPoints, NaPolicy::Rescale])),
        any::<bool>(),
        option::of(select(vec![Unassessed::Top, Unassessed::Bottom, Unassessed::Middle])),
    )
}

/// A whole rule file in either keyword set.
pub fn file() -> impl Strategy<Value = File> {
    lang().prop_flat_map(|lang| {
        let decls = (
            vec(input(lang).boxed(), 0..=3),
            vec((name(lang), quantity()), 0..=2),
            vec((name(lang), expr(lang), option::of(plain_quantity())), 0..=2),
        );
        (Just(lang), text(), settings().boxed(), decls, items(lang).boxed()).prop_map(
            |(lang, title, (total, rounding, grades, na_policy, bonus, unassessed), (inputs, consts, calcs), items)| {
                File {
                    lang,
                    name: s(title),
                    total: total.map(s),
                    rounding: rounding.map(s),
                    grades: grades.map(s),
                    na_policy: na_policy.map(s),
                    bonus_may_exceed: bonus.then(|| s(())),
                    unassessed: unassessed.map(s),
                    inputs,
                    consts: consts
                        .into_iter()
                        .map(|(name, value)| ConstDecl { name: s(name), value: s(value) })
                        .collect(),
                    calcs: calcs
                        .into_iter()
                        .map(|(name, e, if_zero)| CalcDecl { name: s(name), expr: s(e), if_zero: if_zero.map(s) })
                        .collect(),
                    items,
                }
            },
        )
    })
}
