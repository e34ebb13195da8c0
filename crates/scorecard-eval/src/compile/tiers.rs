//! Compiling an indicator's tiers into ladders, with unit checks.

use super::texts::Texts;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use scorecard_syntax::ast::{Cmp, Dir, Quantity, Reference, Sign, StepRef, Test, Tier};
use scorecard_syntax::{Code, Diagnostic, Lang, Span, Spanned};

use super::names::{quantity_in_base, Names};
use super::Ctx;
use crate::plan::{InputSpec, Operand, Slot, TestPlan, TierPlan, ValueKind};
use crate::units::Unit;
use crate::{exact, number};

/// What a tier without a subject or base inherits from earlier tiers of the same statement.
pub(super) struct Statement {
    prev_subject: Option<Slot>,
    prev_base: Option<(Operand, &'static Unit, String)>,
    measure: Option<Slot>,
    /// The indicator's 指标值 in base units, the default per-step reference.
    target: Option<(Decimal, &'static Unit)>,
    /// An earlier subject or base failed (and was reported): later tiers that
    /// inherit it do not report the same problem again.
    poisoned: bool,
}

impl Statement {
    pub(super) fn new(measure: Option<Slot>, target: Option<(Decimal, &'static Unit)>) -> Self {
        Statement { prev_subject: None, prev_base: None, measure, target, poisoned: false }
    }

    /// Compiles one tier; `sign` is what the statement expects (deduct in 评分, add in 加分).
    pub(super) fn tier(
        &mut self,
        tier: &Spanned<Tier>,
        expected: Sign,
        index: usize,
        names: &mut Names,
        cx: &mut Ctx<'_>,
    ) -> Option<(Slot, TierPlan)> {
        let (subject_name, deduct, sign) = match &tier.node {
            Tier::Condition { subject, deduct, sign, .. } | Tier::PerStep { subject, deduct, sign, .. } => {
                (subject, deduct, *sign)
            }
            Tier::Each { deduct, sign, .. } => (&None, deduct, *sign),
        };
        if sign != expected {
            cx.push(wrong_sign(expected, deduct.span, cx));
            return None;
        }
        let (subject, test, base_name, shown) = match &tier.node {
            Tier::Condition { test, .. } => self.condition(subject_name.as_ref(), test, tier.span, index, names, cx)?,
            Tier::Each { subject, test, .. } => {
                let slot = names.list_input(subject, index, cx)?;
                let unit = names.unit(slot)?;
                let (plan, base, shown) = self.test(test, unit, index, names, cx)?;
                (slot, TestPlan::Each { slot, test: Box::new(plan) }, base, shown)
            }
            Tier::PerStep { step, dir, from, pro_rata, .. } => {
                let errors = cx.diags.len();
                let Some(subject) = self.subject(subject_name.as_ref(), tier.span, index, names, cx) else {
                    if let Some(name) = subject_name {
                        suggest_per_count(name, deduct.node, sign, errors, names, cx);
                    }
                    return None;
                };
                let unit = names.unit(subject)?;
                let spec = PerStepSpec { step: step.as_ref(), dir: *dir, from: from.as_ref(), pro_rata: *pro_rata };
                let (test, base, shown) = self.per_step(spec, unit, deduct.node, tier.span, index, names, cx)?;
                (subject, test, base, shown)
            }
        };
        let plan = TierPlan { test, deduct: deduct.node, span: tier.span, base_name, shown };
        Some((subject, plan))
    }

    /// A condition with its subject: a comparison, a range, a flag, or `否则`.
    #[allow(clippy::type_complexity)]
    pub(super) fn condition(
        &mut self,
        subject: Option<&Spanned<String>>,
        test: &Spanned<Test>,
        at: Span,
        index: usize,
        names: &mut Names,
        cx: &mut Ctx<'_>,
    ) -> Option<(Slot, TestPlan, Option<String>, String)> {
        if let Test::Flag { name, label } = &test.node {
            let slot = names.input(name, index, cx)?;
            let spec = names.spec(slot)?;
            let value = flag_value(spec, label.as_ref(), name, cx)?;
            let shown = label.as_ref().map_or_else(|| cx.pick("是", "yes").to_owned(), |l| l.node.clone());
            return Some((slot, TestPlan::Fixed { cmp: Cmp::Eq, threshold: value }, None, shown));
        }
        if let Test::All(parts) = &test.node {
            let mut compiled = Vec::with_capacity(parts.len());
            for (part_subject, part_test) in parts {
                let (slot, plan, _, _) =
                    self.condition(part_subject.as_ref(), part_test, part_test.span, index, names, cx)?;
                compiled.push((slot, plan));
            }
            let first = compiled.first().map(|(s, _)| *s)?;
            return Some((first, TestPlan::All(compiled), None, test.span.text(cx.src()).to_owned()));
        }
        let subject = self.subject(subject, at, index, names, cx)?;
        let unit = names.unit(subject)?;
        let (plan, base, shown) = self.test(test, unit, index, names, cx)?;
        Some((subject, plan, base, shown))
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
            Some(name) => match names.input(name, index, cx) {
                Some(slot) => slot,
                None => {
                    // Already reported; later tiers that lean on this subject stay quiet.
                    self.poisoned = true;
                    return None;
                }
            },
            None => match self.prev_subject.or(self.measure) {
                Some(slot) => slot,
                None if self.poisoned => return None,
                None => {
                    return cx.fail(cx.error(Code::NoSubject, at, &COMPARED_WITH_WHAT));
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
            Test::Otherwise => Some((TestPlan::Always, None, cx.pick("否则", "otherwise").to_owned())),
            Test::Flag { .. } | Test::All(_) => None,
            Test::Range { low, low_inclusive, high, high_inclusive } => {
                let default = [&low.node.unit, &high.node.unit]
                    .into_iter()
                    .flatten()
                    .next()
                    .and_then(|u| Unit::lookup(u))
                    .unwrap_or(unit);
                let (lo, lu) = quantity_in_base(low, Some(default), cx)?;
                let (hi, hu) = quantity_in_base(high, Some(default), cx)?;
                check_units(unit, lu, low.span, cx)?;
                check_units(unit, hu, high.span, cx)?;
                let shown = if hu.is_date() {
                    format!("{}～{}", shown_value(low.node.value, hu), shown_value(high.node.value, hu))
                } else {
                    format!("{}～{}{}", number::grouped(low.node.value), number::grouped(high.node.value), hu.display())
                };
                // Ranks and dates are whole places and days: `6-10名` includes
                // the 10th, `7月1日至7月31日` the 31st.
                let whole = unit.is_rank() || unit.is_date();
                let plan =
                    TestPlan::Range { lo, lo_inclusive: *low_inclusive, hi, hi_inclusive: *high_inclusive || whole };
                Some((plan, None, shown))
            }
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
                            if !self.poisoned {
                                cx.push(no_deviation_base(test.span, cx));
                            }
                            self.poisoned = true;
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

/// A written value for explanations; a date (a day number) as `2021-06-30`.
fn shown(q: &Quantity, unit: &Unit) -> String {
    shown_value(q.value, unit)
}

fn shown_value(value: Decimal, unit: &Unit) -> String {
    match value.to_i64().filter(|_| unit.is_date() && value.fract().is_zero()) {
        Some(day) => scorecard_syntax::date::format(day),
        None => unit.amount(value),
    }
}

/// The parts of a per-step tier.
pub(super) struct PerStepSpec<'a> {
    step: Option<&'a Spanned<Quantity>>,
    dir: Option<Dir>,
    from: Option<&'a Spanned<StepRef>>,
    pro_rata: bool,
}

impl Statement {
    #[allow(clippy::too_many_arguments)]
    fn per_step(
        &mut self,
        spec: PerStepSpec<'_>,
        unit: &'static Unit,
        per: Decimal,
        at: Span,
        index: usize,
        names: &mut Names,
        cx: &mut Ctx<'_>,
    ) -> Option<(TestPlan, Option<String>, String)> {
        let from = match (spec.dir, spec.from) {
            (None, _) if unit.is_date() => {
                cx.push(no_step_reference(at, cx));
                return None;
            }
            (None, _) => None,
            (Some(dir), Some(r)) => Some((self.step_ref(r, unit, index, names, cx)?, dir)),
            (Some(dir), None) => match self.target {
                Some((t, tu)) if unit.compatible(tu) => Some((Operand::Const(t), dir)),
                _ => {
                    cx.push(no_step_reference(at, cx));
                    return None;
                }
            },
        };
        let pp = |u: &Unit| u.base == "个百分点";
        let mut calendar = false;
        let (step, relative, value, step_unit) = match spec.step {
            Some(q) => {
                let written = q.node.unit.as_deref().and_then(Unit::lookup);
                match written {
                    // 每滞后1天 / 每滞后1个月 on a date: days, or whole calendar months.
                    Some(w) if unit.is_date() && (w.base == "天" || w.base == "月") => {
                        calendar = w.base == "月";
                        let steps = w.to_base(q.node.value).or_else(|| overflow(q.span, cx))?;
                        (steps, false, q.node.value, w)
                    }
                    // 每减少5%: a share of the reference, when measuring a distance.
                    Some(w) if w.is_percent() && from.is_some() => (percent_factor(q, cx)?, true, q.node.value, w),
                    // 每超过1个百分点 on a percentage: an absolute amount in percent.
                    Some(w) if pp(w) && unit.is_percent() => (q.node.value, false, q.node.value, w),
                    _ => {
                        let (v, u) = quantity_in_base(q, Some(unit), cx)?;
                        check_units(unit, u, q.span, cx)?;
                        (v, false, q.node.value, u)
                    }
                }
            }
            None => (unit.scale_decimal(), false, Decimal::ONE, unit),
        };
        if step <= Decimal::ZERO {
            return cx.fail(cx.error(Code::BadRange, at, &ZERO_STEP));
        }
        if calendar && spec.pro_rata {
            return cx.fail(cx.error(Code::ProRataMonths, at, &MONTHS_PRO_RATA));
        }
        let shown = step_unit.amount(value);
        Some((TestPlan::PerStep { step, per, from, relative, pro_rata: spec.pro_rata, calendar }, None, shown))
    }

    /// A per-step reference: a quantity in the subject's unit, or an input or constant.
    fn step_ref(
        &mut self,
        r: &Spanned<StepRef>,
        unit: &'static Unit,
        index: usize,
        names: &mut Names,
        cx: &mut Ctx<'_>,
    ) -> Option<Operand> {
        match &r.node {
            StepRef::Value(q) => {
                let (v, u) = quantity_in_base(&Spanned::new(q.clone(), r.span), Some(unit), cx)?;
                check_units(unit, u, r.span, cx)?;
                Some(Operand::Const(v))
            }
            StepRef::Name(n) => {
                let (op, u) = names.operand(&Spanned::new(n.clone(), r.span), index, cx)?;
                check_units(unit, u, r.span, cx)?;
                Some(op)
            }
        }
    }
}

/// The value a flag condition compares with: 1 for yes, 0 for no, a grade's index.
fn flag_value(
    spec: &InputSpec,
    label: Option<&Spanned<String>>,
    name: &Spanned<String>,
    cx: &mut Ctx<'_>,
) -> Option<Decimal> {
    match (&spec.kind, label) {
        (ValueKind::YesNo, None) => Some(Decimal::ONE),
        (ValueKind::YesNo, Some(l)) => match crate::value::yes_no(&l.node) {
            Some(v) => Some(if v { Decimal::ONE } else { Decimal::ZERO }),
            None => {
                cx.push(bad_label(l, &["是", "否", "yes", "no"], cx));
                None
            }
        },
        (ValueKind::Grades(grades), Some(l)) => match grades.iter().position(|g| *g == l.node) {
            Some(i) => Some(Decimal::from(i)),
            None => {
                let list: Vec<&str> = grades.iter().map(String::as_str).collect();
                cx.push(bad_label(l, &list, cx));
                None
            }
        },
        _ => {
            cx.push(cx.error_about(Code::WrongKind, name.span, &name.node, &NO_COMPARISON));
            None
        }
    }
}

fn bad_label(l: &Spanned<String>, allowed: &[&str], cx: &Ctx<'_>) -> Diagnostic {
    cx.error_about(Code::UnknownName, l.span, &l.node, &UNKNOWN_VALUE).with_help(format!(
        "{} {}",
        cx.pick("可用的取值：", "allowed values:"),
        allowed.join(cx.pick("、", ", "))
    ))
}

fn wrong_sign(expected: Sign, at: Span, cx: &Ctx<'_>) -> Diagnostic {
    let (message, help) = match expected {
        Sign::Deduct => (
            cx.pick("`评分` 中的每一档都应扣分", "every tier of `scoring` deducts"),
            cx.pick(
                "加分写在 `加分` 行中，如 `加分 每篇报道加3分`",
                "write bonuses in a `bonus` line, e.g. `bonus: each article → +3`",
            ),
        ),
        Sign::Add => (
            cx.pick("`加分` 中的每一档都应加分", "every tier of `bonus` adds"),
            cx.pick("扣分写在 `评分` 行中", "write deductions in a `scoring` line"),
        ),
    };
    Diagnostic::error(Code::WrongKind, at, message, cx.pick("方向不符", "wrong direction")).with_help(help)
}

fn no_step_reference(at: Span, cx: &Ctx<'_>) -> Diagnostic {
    cx.error(Code::NoDeviationBase, at, &NO_STEP_REFERENCE)
}

/// A share written as a percentage, as a fraction (90% → 0.9).
fn percent_factor(share: &Spanned<Quantity>, cx: &mut Ctx<'_>) -> Option<Decimal> {
    let is_percent = share.node.unit.as_deref().and_then(Unit::lookup).is_some_and(Unit::is_percent);
    if !is_percent {
        return cx.fail(cx.error(Code::NotAPercentage, share.span, &PERCENTAGE_NEEDED));
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
    cx.push(cx.error(Code::NumberOutOfRange, at, &THRESHOLD_TOO_LARGE));
    None
}

/// A constant used as a ratio or deviation baseline must be above zero.
fn check_const_base(operand: Operand, at: Span, cx: &mut Ctx<'_>) -> Option<()> {
    match operand {
        Operand::Const(v) if v <= Decimal::ZERO => {
            cx.push(cx.error(Code::BadBaseline, at, &BASELINE_NOT_ABOVE_0));
            None
        }
        _ => Some(()),
    }
}

fn no_deviation_base(at: Span, cx: &Ctx<'_>) -> Diagnostic {
    cx.error(Code::NoDeviationBase, at, &NO_DEVIATION_BASE)
}

/// `每出现一次不符合要求扣1分`: the counted name is undeclared but contains a
/// declared one, so the help names it and shows the `每次名称` form.
fn suggest_per_count(name: &Spanned<String>, per: Decimal, sign: Sign, errors: usize, names: &Names, cx: &mut Ctx<'_>) {
    let Some(declared) = names.contained_in(&name.node) else { return };
    let amount = crate::number::plain(per);
    let help = match (cx.lang, sign) {
        (Lang::Zh, Sign::Deduct) => format!("是否想写 `{declared}`？按次数扣分写成 `每次{declared}扣{amount}分`"),
        (Lang::Zh, Sign::Add) => format!("是否想写 `{declared}`？按次数加分写成 `每次{declared}加{amount}分`"),
        (Lang::En, Sign::Deduct) => {
            format!("did you mean `{declared}`? to deduct per count, write `each {declared} → −{amount}`")
        }
        (Lang::En, Sign::Add) => {
            format!("did you mean `{declared}`? to add per count, write `each {declared} → +{amount}`")
        }
    };
    cx.amend_help(errors, Code::UnknownName, name.span, help);
}

const COMPARED_WITH_WHAT: Texts = Texts {
    zh: "这一档没有说明比较的是哪个测量值",
    zh_label: "比较对象不明",
    zh_help: Some("在比较词前写出名称，如 `年办件量低于上期90%`，或为指标声明 `度量 年办件量`"),
    en: "this tier does not say which input it compares",
    en_label: "compared with what?",
    en_help: Some(
        "name the input before the comparison, e.g. `cases below 90% of last year`, or declare `measure cases`",
    ),
};

const ZERO_STEP: Texts = Texts {
    zh: "每档的步长必须大于 0",
    zh_label: "步长为 0",
    zh_help: None,
    en: "the step must be greater than 0",
    en_label: "zero step",
    en_help: None,
};

const MONTHS_PRO_RATA: Texts = Texts {
    zh: "按月计的逐档扣分不能按比例",
    zh_label: "按月且按比例",
    zh_help: Some("改为按天计（如 `每滞后30天扣1分（按比例）`），或去掉 `（按比例）` 只计整月"),
    en: "a step of calendar months cannot be pro rata",
    en_label: "months, pro rata",
    en_help: Some("count days instead (`each 30 days late → −1 pro rata`), or drop `pro rata` to count whole months"),
};

const NO_COMPARISON: Texts = Texts {
    zh: "`{}` 不是“是否”或“等级”类输入，这里需要一个比较，如 `{}低于90%`",
    zh_label: "缺少比较词",
    zh_help: Some("数值输入要写比较词（低于、超过、达到…）；是否类输入声明为 `（是否）`"),
    en: "`{}` is not a yes/no or grade input; a comparison is needed, e.g. `{} below 90%`",
    en_label: "no comparison",
    en_help: Some(
        "numeric inputs need a comparison word (below, above, at least…); declare yes/no inputs with `(yes/no)`",
    ),
};

const UNKNOWN_VALUE: Texts = Texts {
    zh: "`{}` 不是该输入的取值",
    zh_label: "未知取值",
    zh_help: None,
    en: "`{}` is not one of this input's values",
    en_label: "unknown value",
    en_help: None,
};

const NO_STEP_REFERENCE: Texts = Texts {
    zh: "没有说明从哪个基准起算（也没有可用的 `指标值`）",
    zh_label: "缺少基准",
    zh_help: Some("写出基准，如 `较100%每超过1个百分点扣0.5分`，或为指标写 `指标值 ≤ 100%`"),
    en: "this per-step tier has no reference to count from (and no usable `target`)",
    en_label: "no reference",
    en_help: Some("name the reference, e.g. `each 1 pp over 100% → −0.5`, or give the indicator a `target`"),
};

const PERCENTAGE_NEEDED: Texts = Texts {
    zh: "比例必须写成百分数",
    zh_label: "需要百分数",
    zh_help: Some("例如 `上期90%`、`超出（低于）年初预算10%`"),
    en: "a share must be written as a percentage",
    en_label: "percentage needed",
    en_help: Some("e.g. `90% of last year`, `over or under budget by 10%`"),
};

const THRESHOLD_TOO_LARGE: Texts = Texts {
    zh: "阈值过大，无法精确计算",
    zh_label: "数值过大",
    zh_help: None,
    en: "the threshold is too large to compute exactly",
    en_label: "too large",
    en_help: None,
};

const BASELINE_NOT_ABOVE_0: Texts = Texts {
    zh: "作为比较基准的常量必须大于 0",
    zh_label: "基准不大于 0",
    zh_help: Some("与 0 的比例没有意义；请检查常量的值"),
    en: "a constant used as a baseline must be above 0",
    en_label: "baseline not above 0",
    en_help: Some("a ratio to zero is undefined; check the constant's value"),
};

const NO_DEVIATION_BASE: Texts = Texts {
    zh: "没有说明与什么相比超出（低于）",
    zh_label: "缺少基准",
    zh_help: Some("写出基准，如 `超出（低于）年初预算10%`；之后的档位可省略基准"),
    en: "this deviation does not say what it deviates from",
    en_label: "no reference",
    en_help: Some("name the reference, e.g. `over or under budget by 10%`; later tiers may leave it out"),
};
