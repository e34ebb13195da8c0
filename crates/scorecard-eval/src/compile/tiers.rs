//! Compiling an indicator's tiers into ladders, with unit checks.

use rust_decimal::Decimal;
use scorecard_syntax::ast::{self, Quantity, Reference, Test, Tier};
use scorecard_syntax::{Code, Diagnostic, Lang, Span, Spanned};

use super::names::{quantity_in_base, Names};
use super::{points, Ctx};
use crate::plan::{IndicatorPlan, Ladder, Operand, Slot, TestPlan, TierPlan};
use crate::units::Unit;
use crate::{exact, format};

/// Compiles one indicator; `None` if it has errors (already reported).
pub(super) fn indicator(
    ind: &ast::Indicator,
    path: &[String],
    index: usize,
    names: &mut Names,
    cx: &mut Ctx<'_>,
) -> Option<IndicatorPlan> {
    let errors_before = cx.diags.iter().filter(|d| d.is_error()).count();
    if ind.scoring.is_empty() {
        cx.push(
            Diagnostic::error(
                Code::NoScoring,
                ind.name.span,
                match cx.lang {
                    Lang::Zh => format!("指标 `{}` 没有评分条件", ind.name.node),
                    Lang::En => format!("indicator `{}` has no scoring rule", ind.name.node),
                },
                cx.pick("缺少 `评分`", "no `scoring`"),
            )
            .with_help(cx.pick(
                "加上一行 `评分 …`，例如 `评分 满意度低于90%，扣3分`",
                "add a line `scoring: …`, e.g. `scoring: satisfaction below 90% → −3`",
            )),
        );
        return None;
    }
    let measure = match &ind.measure {
        Some(m) => Some(names.input(m, index, cx)?),
        None => None,
    };
    let mut ladders: Vec<Ladder> = Vec::new();
    for scoring in &ind.scoring {
        let mut st = Statement { prev_subject: None, prev_base: None, measure };
        for tier in &scoring.tiers {
            if let Some((subject, plan)) = st.tier(tier, index, names, cx) {
                push_tier(&mut ladders, subject, scoring.cumulative, plan);
            }
        }
    }
    let errors_after = cx.diags.iter().filter(|d| d.is_error()).count();
    if errors_after > errors_before {
        return None;
    }
    for ladder in &ladders {
        if let Some(spec) = names.spec(ladder.subject) {
            super::ladder_checks::check(ladder, spec, cx);
        }
    }
    let points = points::indicator_points(ind, &ladders, cx)?;
    Some(IndicatorPlan { path: path.to_vec(), name: ind.name.node.clone(), points, ladders })
}

fn push_tier(ladders: &mut Vec<Ladder>, subject: Slot, cumulative: bool, plan: TierPlan) {
    match ladders.iter_mut().find(|l| l.subject == subject && l.cumulative == cumulative) {
        Some(ladder) => ladder.tiers.push(plan),
        None => ladders.push(Ladder { subject, cumulative, tiers: vec![plan] }),
    }
}

/// What a tier without a subject or base inherits from earlier tiers of the same statement.
struct Statement {
    prev_subject: Option<Slot>,
    prev_base: Option<(Operand, &'static Unit, String)>,
    measure: Option<Slot>,
}

impl Statement {
    fn tier(
        &mut self,
        tier: &Spanned<Tier>,
        index: usize,
        names: &mut Names,
        cx: &mut Ctx<'_>,
    ) -> Option<(Slot, TierPlan)> {
        let (subject_name, deduct) = match &tier.node {
            Tier::Condition { subject, deduct, .. } | Tier::PerStep { subject, deduct, .. } => (subject, deduct),
        };
        let subject = self.subject(subject_name.as_ref(), tier.span, index, names, cx)?;
        let unit = names.unit(subject)?;
        let (test, base_name, shown) = match &tier.node {
            Tier::Condition { test, .. } => self.test(test, unit, index, names, cx)?,
            Tier::PerStep { step, .. } => per_step(step.as_ref(), unit, deduct.node, tier.span, cx)?,
        };
        let plan = TierPlan { test, deduct: deduct.node, span: tier.span, base_name, shown };
        Some((subject, plan))
    }

    fn subject(
        &mut self,
        explicit: Option<&Spanned<String>>,
        at: Span,
        index: usize,
        names: &mut Names,
        cx: &mut Ctx<'_>,
    ) -> Option<Slot> {
        let slot = match explicit {
            Some(name) => names.input(name, index, cx)?,
            None => match self.prev_subject.or(self.measure) {
                Some(slot) => slot,
                None => {
                    cx.push(
                        Diagnostic::error(
                            Code::NoSubject,
                            at,
                            cx.pick("这一档没有说明比较的是哪个测量值", "this tier does not say which input it compares"),
                            cx.pick("比较对象不明", "compared with what?"),
                        )
                        .with_help(cx.pick(
                            "在比较词前写出名称，如 `年办件量低于上期90%`，或为指标声明 `度量 年办件量`",
                            "name the input before the comparison, e.g. `cases below 90% of last year`, or declare `measure cases`",
                        )),
                    );
                    return None;
                }
            },
        };
        self.prev_subject = Some(slot);
        Some(slot)
    }

    fn test(
        &mut self,
        test: &Spanned<Test>,
        unit: &'static Unit,
        index: usize,
        names: &mut Names,
        cx: &mut Ctx<'_>,
    ) -> Option<(TestPlan, Option<String>, String)> {
        match &test.node {
            Test::Compare { cmp, reference: Reference::Value(q) } => {
                let (threshold, qunit) = quantity_in_base(q, Some(unit), cx)?;
                check_units(unit, qunit, q.span, cx)?;
                Some((TestPlan::Fixed { cmp: *cmp, threshold }, None, shown(&q.node, qunit)))
            }
            Test::Compare { cmp, reference: Reference::ShareOf { share, base } } => {
                let factor = percent_factor(share, cx)?;
                let (operand, base_unit) = names.operand(base, index, cx)?;
                check_units(unit, base_unit, base.span, cx)?;
                check_const_base(operand, base.span, cx)?;
                let threshold = match operand {
                    Operand::Const(b) => Some(exact::mul(factor, b).or_else(|| overflow(test.span, cx))?),
                    Operand::Input(_) => None,
                };
                let plan = TestPlan::ShareOf { cmp: *cmp, factor, base: operand, threshold };
                Some((plan, Some(base.node.clone()), shown(&share.node, percent())))
            }
            Test::Deviation { base, share, inclusive } => {
                let factor = percent_factor(share, cx)?;
                let (operand, base_unit, base_name) = match base {
                    Some(b) => {
                        let (op, u) = names.operand(b, index, cx)?;
                        check_const_base(op, b.span, cx)?;
                        (op, u, b.node.clone())
                    }
                    None => match self.prev_base.clone() {
                        Some(prev) => prev,
                        None => {
                            cx.push(no_deviation_base(test.span, cx));
                            return None;
                        }
                    },
                };
                check_units(unit, base_unit, test.span, cx)?;
                self.prev_base = Some((operand, base_unit, base_name.clone()));
                let bounds = match operand {
                    Operand::Const(b) => {
                        let tolerance = exact::mul(factor, b).or_else(|| overflow(test.span, cx))?;
                        let lo = exact::sub(b, tolerance).or_else(|| overflow(test.span, cx))?;
                        let hi = exact::add(b, tolerance).or_else(|| overflow(test.span, cx))?;
                        Some((lo, hi))
                    }
                    Operand::Input(_) => None,
                };
                let plan = TestPlan::Deviation { inclusive: *inclusive, factor, base: operand, bounds };
                Some((plan, Some(base_name), shown(&share.node, percent())))
            }
        }
    }
}

fn percent() -> &'static Unit {
    &crate::units::PERCENT
}

fn shown(q: &Quantity, unit: &Unit) -> String {
    format!("{}{}", format::grouped(q.value), unit.display())
}

fn per_step(
    step: Option<&Spanned<Quantity>>,
    unit: &'static Unit,
    per: Decimal,
    at: Span,
    cx: &mut Ctx<'_>,
) -> Option<(TestPlan, Option<String>, String)> {
    let (step_base, step_unit, value) = match step {
        Some(q) => {
            let (v, u) = quantity_in_base(q, Some(unit), cx)?;
            check_units(unit, u, q.span, cx)?;
            (v, u, q.node.value)
        }
        None => (unit.scale_decimal(), unit, Decimal::ONE),
    };
    if step_base <= Decimal::ZERO {
        cx.push(Diagnostic::error(
            Code::BadRange,
            at,
            cx.pick("每档的步长必须大于 0", "the step must be greater than 0"),
            cx.pick("步长为 0", "zero step"),
        ));
        return None;
    }
    let shown = format!("{}{}", format::grouped(value), step_unit.display());
    Some((TestPlan::PerStep { step: step_base, per }, None, shown))
}

/// A share written as a percentage, as a fraction (90% → 0.9).
fn percent_factor(share: &Spanned<Quantity>, cx: &mut Ctx<'_>) -> Option<Decimal> {
    let is_percent = share.node.unit.as_deref().and_then(Unit::lookup).is_some_and(Unit::is_percent);
    if !is_percent {
        cx.push(
            Diagnostic::error(
                Code::NotAPercentage,
                share.span,
                cx.pick("比例必须写成百分数", "a share must be written as a percentage"),
                cx.pick("需要百分数", "percentage needed"),
            )
            .with_help(cx.pick(
                "例如 `上期90%`、`超出（低于）年初预算10%`",
                "e.g. `90% of last year`, `over or under budget by 10%`",
            )),
        );
        return None;
    }
    exact::percent(share.node.value).or_else(|| overflow(share.span, cx))
}

fn check_units(subject: &Unit, other: &Unit, at: Span, cx: &mut Ctx<'_>) -> Option<()> {
    if subject.compatible(other) {
        return Some(());
    }
    cx.push(
        Diagnostic::error(
            Code::UnitMismatch,
            at,
            match cx.lang {
                Lang::Zh => format!("单位不一致：测量值以 `{}` 计，这里是 `{}`", subject.display(), other.display()),
                Lang::En => format!(
                    "unit mismatch: the input is in `{}` but this is in `{}`",
                    subject.display(),
                    other.display()
                ),
            },
            cx.pick("单位不兼容", "incompatible unit"),
        )
        .with_help(unit_help(subject, other, cx)),
    );
    None
}

fn unit_help(subject: &Unit, other: &Unit, cx: &Ctx<'_>) -> String {
    let pp = |u: &Unit| u.base == "个百分点";
    if (subject.is_percent() && pp(other)) || (pp(subject) && other.is_percent()) {
        return cx
            .pick(
                "“个百分点”是两个比率之差（如 92% 比 90% 高 2 个百分点），“%”是相对某个基准的比例；两者不能混用",
                "percentage points (个百分点) are a difference of two rates (92% is 2 points above 90%); `%` is a share of a reference; they cannot be mixed",
            )
            .to_owned();
    }
    match cx.lang {
        Lang::Zh => format!("改用与 `{}` 同类的单位", subject.display()),
        Lang::En => format!("use a unit compatible with `{}`", subject.display()),
    }
}

/// Reports a threshold too large to compute exactly.
fn overflow<T>(at: Span, cx: &mut Ctx<'_>) -> Option<T> {
    cx.push(Diagnostic::error(
        Code::NumberOutOfRange,
        at,
        cx.pick("阈值过大，无法精确计算", "the threshold is too large to compute exactly"),
        cx.pick("数值过大", "too large"),
    ));
    None
}

/// A constant used as a ratio or deviation baseline must be above zero.
fn check_const_base(operand: Operand, at: Span, cx: &mut Ctx<'_>) -> Option<()> {
    match operand {
        Operand::Const(v) if v <= Decimal::ZERO => {
            cx.push(
                Diagnostic::error(
                    Code::BadBaseline,
                    at,
                    cx.pick("作为比较基准的常量必须大于 0", "a constant used as a baseline must be above 0"),
                    cx.pick("基准不大于 0", "baseline not above 0"),
                )
                .with_help(cx.pick(
                    "与 0 的比例没有意义；请检查常量的值",
                    "a ratio to zero is undefined; check the constant's value",
                )),
            );
            None
        }
        _ => Some(()),
    }
}

fn no_deviation_base(at: Span, cx: &Ctx<'_>) -> Diagnostic {
    Diagnostic::error(
        Code::NoDeviationBase,
        at,
        cx.pick("没有说明与什么相比超出（低于）", "this deviation does not say what it deviates from"),
        cx.pick("缺少基准", "no reference"),
    )
    .with_help(cx.pick(
        "写出基准，如 `超出（低于）年初预算10%`；之后的档位可省略基准",
        "name the reference, e.g. `over or under budget by 10%`; later tiers may leave it out",
    ))
}
