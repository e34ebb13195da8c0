//! Compiling `得分` statements: bands, formulas and grade mappings.

use super::texts::Texts;
use rust_decimal::Decimal;
use scorecard_syntax::ast::{self, Outcome, ScoreStmt};
use scorecard_syntax::{Code, Diagnostic, Lang, Spanned};

use super::expr::{self, Kind, Scope};
use super::names::{quantity_in_base, Names};
use super::tiers::Statement;
use super::Ctx;
use crate::exact;
use crate::plan::{BandPlan, GradePlan, ScorePlan, Slot, ValueKind};
use crate::units::{self, Unit};

/// Compiles one `得分` statement for an indicator worth `points`.
pub(super) fn compile(
    stmt: &Spanned<ScoreStmt>,
    points: Decimal,
    measure: Option<Slot>,
    index: usize,
    names: &mut Names,
    cx: &mut Ctx<'_>,
) -> Option<ScorePlan> {
    match &stmt.node {
        ScoreStmt::Bands { cumulative, bands, assessed } => {
            let mut st = Statement::new(measure, None);
            let plans = bands.iter().map(|b| band(b, points, &mut st, index, names, cx)).collect::<Option<Vec<_>>>()?;
            let assessed = super::assessor::input(&plans, assessed.as_ref(), stmt.span, index, names, cx)?;
            let first = plans.first().and_then(|b| b.subject);
            if !cumulative && plans.iter().all(|b| b.subject.is_none() || b.subject == first) {
                if let Some(spec) = first.and_then(|s| names.spec(s)) {
                    super::band_checks::check(&plans, spec, stmt.span, cx);
                }
            }
            Some(ScorePlan::Bands { bands: plans, cumulative: *cumulative, assessed })
        }
        ScoreStmt::Formula(e) => formula(e, index, names, cx),
        ScoreStmt::Grades { input, entries, assessed } => {
            grades(input, entries, assessed.as_ref(), points, index, names, cx)
        }
    }
}

fn band(
    b: &Spanned<ast::Band>,
    points: Decimal,
    st: &mut Statement,
    index: usize,
    names: &mut Names,
    cx: &mut Ctx<'_>,
) -> Option<BandPlan> {
    let (value, high) = match b.node.outcome.node {
        Outcome::Range(low, high) => (super::assessor::range(low, high, b.node.outcome.span, cx)?, Some(high)),
        _ => (outcome(&b.node.outcome, points, cx)?, None),
    };
    if matches!(b.node.test.node, ast::Test::Otherwise) {
        let test = crate::plan::TestPlan::Always;
        return Some(BandPlan { subject: None, test, points: value, high, span: b.span });
    }
    let (subject, test, _, _) = st.condition(b.node.subject.as_ref(), &b.node.test, b.span, index, names, cx)?;
    Some(BandPlan { subject: Some(subject), test, points: value, high, span: b.span })
}

/// The points a band gives.
fn outcome(o: &Spanned<Outcome>, points: Decimal, cx: &mut Ctx<'_>) -> Option<Decimal> {
    let v = match o.node {
        Outcome::Full => Some(points),
        Outcome::Points(p) => Some(p),
        Outcome::Share(pct) => exact::percent(pct).and_then(|f| exact::mul(points, f)),
        Outcome::Deduct(d) => exact::sub(points, d),
        Outcome::Range(low, _) => Some(low),
    };
    if v.is_none() {
        cx.push(cx.error(Code::NumberOutOfRange, o.span, &POINTS_TOO_LARGE));
    }
    v
}

fn formula(e: &Spanned<ast::Expr>, index: usize, names: &mut Names, cx: &mut Ctx<'_>) -> Option<ScorePlan> {
    let mut scope = Scope {
        names,
        indicator: Some(index),
        points: true,
        reads: Vec::new(),
        divisors: Vec::new(),
        zero_fallback: false,
    };
    let (plan, kind) = expr::compile(e, &mut scope, cx)?;
    expr::warn_zero_divisors(&scope, e.span, cx);
    let scale = match kind {
        Kind::Percent => Decimal::ONE_HUNDRED,
        Kind::Number => Decimal::ONE,
        Kind::Amount(u) if u.base == units::POINTS.base => Decimal::ONE,
        Kind::Amount(u) => {
            return cx.fail(cx.error_about(Code::UnitMismatch, e.span, u.base, &NOT_POINTS));
        }
    };
    Some(ScorePlan::Formula { expr: plan, scale })
}

fn grades(
    input: &Spanned<String>,
    entries: &[ast::GradeEntry],
    assessed: Option<&Spanned<String>>,
    points: Decimal,
    index: usize,
    names: &mut Names,
    cx: &mut Ctx<'_>,
) -> Option<ScorePlan> {
    let slot = names.input(input, index, cx)?;
    let labels = match names.spec(slot).map(|s| &s.kind) {
        Some(ValueKind::Grades(labels)) => labels.clone(),
        _ => {
            return cx.fail(cx.error_about(Code::WrongKind, input.span, &input.node, &GRADE_INPUT_NEEDED));
        }
    };
    let mut table: Vec<Option<GradePlan>> = vec![None; labels.len()];
    for entry in entries {
        let Some(i) = labels.iter().position(|l| *l == entry.label.node) else {
            cx.push(
                Diagnostic::error(
                    Code::UnknownName,
                    entry.label.span,
                    match cx.lang {
                        Lang::Zh => format!("`{}` 不是 `{}` 的等级", entry.label.node, input.node),
                        Lang::En => format!("`{}` is not a grade of `{}`", entry.label.node, input.node),
                    },
                    cx.pick("未知等级", "unknown grade"),
                )
                .with_help(format!(
                    "{} {}",
                    cx.pick("可用的等级：", "grades:"),
                    labels.join(cx.pick("、", ", "))
                )),
            );
            return None;
        };
        let low = grade_value(&entry.low, points, cx)?;
        let high = grade_value(&entry.high, points, cx)?;
        if let Some(cell) = table.get_mut(i) {
            *cell = Some(GradePlan { low: low.min(high), high: low.max(high) });
        }
    }
    let assessed = match assessed {
        Some(a) => Some(names.input(a, index, cx)?),
        None => None,
    };
    Some(ScorePlan::Grades { input: slot, grades: table, assessed })
}

/// A grade's value in points: `5分` or `5` are points, `80%` a share of the points.
fn grade_value(q: &Spanned<ast::Quantity>, points: Decimal, cx: &mut Ctx<'_>) -> Option<Decimal> {
    let value = match q.node.unit.as_deref().and_then(Unit::lookup) {
        Some(u) if u.is_percent() => exact::percent(q.node.value).and_then(|f| exact::mul(points, f)),
        None => Some(q.node.value),
        Some(_) => {
            let (v, u) = quantity_in_base(q, Some(&units::POINTS), cx)?;
            if u.base != units::POINTS.base {
                return cx.fail(cx.error(Code::UnitMismatch, q.span, &WRONG_UNIT));
            }
            Some(v)
        }
    };
    if value.is_none() {
        cx.push(cx.error(Code::NumberOutOfRange, q.span, &NOT_EXACT));
    }
    value
}

const POINTS_TOO_LARGE: Texts = Texts {
    zh: "分数过大，无法精确计算",
    zh_label: "数值过大",
    zh_help: None,
    en: "the points are too large to compute exactly",
    en_label: "too large",
    en_help: None,
};

const NOT_POINTS: Texts = Texts {
    zh: "得分公式的结果应为分数，这里是 `{}`",
    zh_label: "结果不是分数",
    zh_help: Some("例如 `得分 = 分值 × 执行率`，其中 `计算 执行率 = 执行数 ÷ 预算数`"),
    en: "a score formula must give points, not `{}`",
    en_label: "not points",
    en_help: Some("e.g. `score = points × execution rate`, with `let execution rate = spent / budget`"),
};

const GRADE_INPUT_NEEDED: Texts = Texts {
    zh: "`{}` 应为“等级”类输入",
    zh_label: "需要等级类输入",
    zh_help: Some("声明为 `输入 评价 = rating（等级：达成、部分达成、未达成）`"),
    en: "`{}` must be a grade input",
    en_label: "grade input needed",
    en_help: Some("declare it as `input rating = rating (grade: good, fair, poor)`"),
};

const WRONG_UNIT: Texts = Texts {
    zh: "等级的分值应写成“分”或百分比",
    zh_label: "单位不对",
    zh_help: None,
    en: "a grade's value must be in points (分) or a percentage",
    en_label: "wrong unit",
    en_help: None,
};

const NOT_EXACT: Texts = Texts {
    zh: "该等级的分值无法精确计算",
    zh_label: "数值无法精确表示",
    zh_help: None,
    en: "this grade's points cannot be computed exactly",
    en_label: "not exact",
    en_help: None,
};
