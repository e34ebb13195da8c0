//! Typing and compiling arithmetic expressions (`计算` and score formulas).
//!
//! Each value has a kind: an amount in some base unit, a percentage, a
//! percentage-point difference, points, or a plain number. The rules keep
//! percent and percentage points apart: a difference of two percentages is in
//! percentage points; a quotient of two amounts of one kind is a percentage;
//! multiplying by a percentage takes that share.

use super::texts::Texts;
use rust_decimal::Decimal;
use scorecard_syntax::ast::{BinOp, Expr, Func};
use scorecard_syntax::{Code, Diagnostic, Lang, Span, Spanned};

use super::names::{quantity_in_base, Named, Names};
use super::Ctx;
use crate::plan::{ExprPlan, Slot};
use crate::units::{self, Unit};

/// The kind of an expression's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An amount whose base unit is this one (`元`, `件`, `分`, `个百分点`, …).
    Amount(&'static Unit),
    /// A percentage (stored as percent: 92.5).
    Percent,
    /// A plain number.
    Number,
}

impl Kind {
    /// The kind of a value in `unit`; amounts are identified by their base
    /// unit, since values are kept in base units (万元 and 元 are one kind).
    fn of_unit(unit: &'static Unit) -> Kind {
        if unit.is_percent() {
            Kind::Percent
        } else {
            Kind::Amount(Unit::lookup(unit.base).unwrap_or(unit))
        }
    }

    /// How a kind is named in messages.
    fn shown(self, lang: Lang) -> String {
        match self {
            Kind::Amount(u) => format!("`{}`", u.base),
            Kind::Percent => "`%`".to_owned(),
            Kind::Number => lang.pick("无单位的数", "a plain number").to_owned(),
        }
    }
}

/// What an expression may refer to, and the slots it reads.
pub(crate) struct Scope<'n> {
    pub(crate) names: &'n mut Names,
    /// The indicator using it (for "used by"), if any.
    pub(crate) indicator: Option<usize>,
    /// Whether `分值` / `points` may appear (score formulas only).
    pub(crate) points: bool,
    /// The slots read so far.
    pub(crate) reads: Vec<Slot>,
    /// The slots read by divisors.
    pub(crate) divisors: Vec<Slot>,
    /// Whether a zero divisor has a declared value (`除数为零时为 …`).
    pub(crate) zero_fallback: bool,
}

/// Warns when a divisor reads an input that may be zero (no range above 0).
pub(crate) fn warn_zero_divisors(scope: &Scope<'_>, at: Span, cx: &mut Ctx<'_>) {
    let risky = scope.divisors.iter().filter_map(|s| scope.names.spec(*s)).find(|spec| {
        spec.derived.is_none() && spec.range.is_none_or(|(lo, hi)| lo <= Decimal::ZERO && hi >= Decimal::ZERO)
    });
    if let Some(spec) = risky {
        cx.push(cx.warning_about(Code::MayDivideByZero, at, &spec.name, &MAY_DIVIDE_BY_ZERO));
    }
}

/// Compiles an expression and infers its kind.
pub(crate) fn compile(e: &Spanned<Expr>, scope: &mut Scope<'_>, cx: &mut Ctx<'_>) -> Compiled {
    match &e.node {
        Expr::Quantity(q) => {
            let spanned = Spanned::new(q.clone(), e.span);
            match &q.unit {
                None => Some((ExprPlan::Const(q.value), Kind::Number)),
                Some(_) => {
                    let (v, u) = quantity_in_base(&spanned, None, cx)?;
                    Some((ExprPlan::Const(v), Kind::of_unit(u)))
                }
            }
        }
        Expr::Name(n) => name(&Spanned::new(n.clone(), e.span), scope, cx),
        Expr::Points => {
            if !scope.points {
                cx.push(error(
                    e.span,
                    cx,
                    "`分值` 只能用在 `得分 =` 公式中",
                    "`points` can only be used in a `score =` formula",
                ));
                return None;
            }
            Some((ExprPlan::Points, Kind::Amount(&units::POINTS)))
        }
        Expr::Neg(inner) => {
            let (p, k) = compile(inner, scope, cx)?;
            Some((ExprPlan::Neg(Box::new(p)), k))
        }
        Expr::Binary { op, lhs, rhs } => binary(*op, lhs, rhs, e.span, scope, cx),
        Expr::Call { func, args } => call(*func, args, e.span, scope, cx),
    }
}

/// A compiled expression and the kind of value it gives, or `None` once reported.
type Compiled = Option<(ExprPlan, Kind)>;

fn name(n: &Spanned<String>, scope: &mut Scope<'_>, cx: &mut Ctx<'_>) -> Compiled {
    match scope.names.resolve(n, cx)? {
        Named::Input(slot) if scope.names.is_list(slot) => {
            cx.push(super::lists::one_value_needed(n, cx));
            None
        }
        Named::Input(slot) => {
            let unit = scope.names.unit(slot)?;
            if let Some(ind) = scope.indicator {
                scope.names.mark_used(slot, ind);
            }
            scope.reads.push(slot);
            if !scope.names.spec(slot).is_some_and(|s| s.kind == crate::plan::ValueKind::Number) {
                cx.push(error(
                    n.span,
                    cx,
                    "是否/等级类输入不能参与计算",
                    "yes/no and grade inputs cannot be used in arithmetic",
                ));
                return None;
            }
            Some((ExprPlan::Slot(slot), Kind::of_unit(unit)))
        }
        Named::Const { value, unit } => Some((ExprPlan::Const(value), Kind::of_unit(unit))),
        Named::Invalid => None,
    }
}

fn binary(
    op: BinOp,
    lhs: &Spanned<Expr>,
    rhs: &Spanned<Expr>,
    at: Span,
    scope: &mut Scope<'_>,
    cx: &mut Ctx<'_>,
) -> Compiled {
    let errors = cx.diags.len();
    let Some((a, ka)) = compile(lhs, scope, cx) else {
        if op == BinOp::Div {
            suggest_quotient_first(lhs, rhs, errors, cx);
        }
        return None;
    };
    let before = scope.reads.len();
    let (b, kb) = compile(rhs, scope, cx)?;
    if op == BinOp::Div {
        let read: Vec<Slot> = scope.reads.get(before..).unwrap_or(&[]).to_vec();
        scope.divisors.extend(read);
        if !scope.zero_fallback && crate::eval::constant(&b) == Some(Decimal::ZERO) {
            cx.push(divide_by_zero(rhs.span, cx));
            return None;
        }
    }
    let (a, b) = (Box::new(a), Box::new(b));
    let hundred = Decimal::ONE_HUNDRED;
    let pp = Kind::Amount(units::Unit::lookup("个百分点").unwrap_or(&units::PERCENT));
    let kind = match op {
        BinOp::Add | BinOp::Sub => match (ka, kb) {
            (x, y) if x == y && !(op == BinOp::Sub && x == Kind::Percent) => x,
            (Kind::Percent, Kind::Percent) => pp,
            (Kind::Percent, y) if y == pp => Kind::Percent,
            _ => return mismatch(op, ka, kb, at, cx),
        },
        BinOp::Mul => match (ka, kb) {
            (Kind::Number, k) | (k, Kind::Number) => return Some((ExprPlan::Mul(a, b, Decimal::ONE), k)),
            (Kind::Percent, k) | (k, Kind::Percent) => return Some((ExprPlan::Mul(a, b, hundred), k)),
            _ => return mismatch(op, ka, kb, at, cx),
        },
        BinOp::Div => match (ka, kb) {
            (k, Kind::Number) => return Some((ExprPlan::Div(a, b, Decimal::ONE), k)),
            (x, y) if x == y => return Some((ExprPlan::Div(a, b, hundred), Kind::Percent)),
            (k, Kind::Percent) => return Some((ExprPlan::Div(a, b, hundred), k)),
            _ => return mismatch(op, ka, kb, at, cx),
        },
    };
    let plan = if op == BinOp::Add { ExprPlan::Add(a, b) } else { ExprPlan::Sub(a, b) };
    Some((plan, kind))
}

/// `分值 × B ÷ A` reads as `(分值 × B) ÷ A`: when the product fails on its
/// units, the help says to put the quotient in parentheses, `分值 × (B ÷ A)`.
fn suggest_quotient_first(lhs: &Spanned<Expr>, rhs: &Spanned<Expr>, errors: usize, cx: &mut Ctx<'_>) {
    let Expr::Binary { op: BinOp::Mul, lhs: left, rhs: middle } = &lhs.node else { return };
    let src = cx.src();
    let text = |e: &Spanned<Expr>| e.span.text(src).trim().to_owned();
    let (left, middle, right) = (text(left), text(middle), text(rhs));
    let help = match cx.lang {
        Lang::Zh => format!(
            "公式从左往右计算，先算 `{left} × {middle}`；要先算比值，请加括号：`{left} × ({middle} ÷ {right})`"
        ),
        Lang::En => format!(
            "a formula is computed left to right, so `{left} × {middle}` comes first; to take the ratio first, put it in parentheses: `{left} × ({middle} ÷ {right})`"
        ),
    };
    cx.amend_help(errors, Code::UnitMismatch, lhs.span, help);
}

fn call(func: Func, args: &[Spanned<Expr>], at: Span, scope: &mut Scope<'_>, cx: &mut Ctx<'_>) -> Compiled {
    if matches!(func, Func::Average | Func::Lowest | Func::Highest | Func::Sum | Func::Count) {
        return list_call(func, args, at, scope, cx);
    }
    let mut plans = Vec::with_capacity(args.len());
    let mut kind = None;
    for arg in args {
        let (p, k) = compile(arg, scope, cx)?;
        if kind.is_some_and(|prev| prev != k) {
            return mismatch(BinOp::Add, kind.unwrap_or(k), k, arg.span, cx);
        }
        kind = Some(k);
        plans.push(p);
    }
    let kind = kind.unwrap_or(Kind::Number);
    match (func, plans.len()) {
        (Func::Floor, 1) => Some((ExprPlan::Floor(Box::new(plans.pop()?)), kind)),
        (Func::Min, n) if n >= 1 => Some((ExprPlan::Min(plans), kind)),
        (Func::Max, n) if n >= 1 => Some((ExprPlan::Max(plans), kind)),
        _ => {
            cx.push(error(
                at,
                cx,
                "函数的参数个数不对：取整 需 1 个，较小值/较大值 需 1 个以上",
                "wrong number of arguments: floor takes 1, min and max take 1 or more",
            ));
            None
        }
    }
}

/// `平均(抽检合格率)` and the other functions of a list: one argument, the
/// name of a list input. `个数` is a plain number; the others keep the unit.
fn list_call(func: Func, args: &[Spanned<Expr>], at: Span, scope: &mut Scope<'_>, cx: &mut Ctx<'_>) -> Compiled {
    let name = match args {
        [Spanned { node: Expr::Name(n), span }] => Spanned::new(n.clone(), *span),
        [other] => {
            cx.push(super::lists::not_a_list(&Spanned::new(other.span.text(cx.src()).to_owned(), other.span), cx));
            return None;
        }
        _ => {
            cx.push(error(
                at,
                cx,
                "平均、最低、最高、合计、个数 只有一个参数：一个列表输入",
                "average, lowest, highest, sum and count take one argument, a list input",
            ));
            return None;
        }
    };
    let slot = match scope.names.resolve(&name, cx)? {
        Named::Input(slot) if scope.names.is_list(slot) => slot,
        Named::Invalid => return None,
        _ => {
            cx.push(super::lists::not_a_list(&name, cx));
            return None;
        }
    };
    if let Some(ind) = scope.indicator {
        scope.names.mark_used(slot, ind);
    }
    scope.reads.push(slot);
    let unit = scope.names.unit(slot)?;
    let kind = if func == Func::Count { Kind::Number } else { Kind::of_unit(unit) };
    Some((ExprPlan::List(func, slot), kind))
}

/// E0305: the divisor is always zero, so every record would fail.
fn divide_by_zero(at: Span, cx: &Ctx<'_>) -> Diagnostic {
    cx.error(Code::DivideByZero, at, &DIVISOR_ALWAYS_ZERO)
}

fn mismatch(op: BinOp, a: Kind, b: Kind, at: Span, cx: &mut Ctx<'_>) -> Compiled {
    let sym = match op {
        BinOp::Add => "+",
        BinOp::Sub => "−",
        BinOp::Mul => "×",
        BinOp::Div => "÷",
    };
    let sum = format!("{} {sym} {}", a.shown(cx.lang), b.shown(cx.lang));
    cx.fail(cx.error_about(Code::UnitMismatch, at, &sum, &UNITS_DO_NOT_MIX))
}

fn error(at: Span, cx: &Ctx<'_>, zh: &str, en: &str) -> Diagnostic {
    Diagnostic::error(Code::UnitMismatch, at, cx.pick(zh, en), cx.pick("无法计算", "cannot compute"))
}

/// Declares every `计算` / `let` value as a derived slot, in file order: a
/// derived value may use those declared above it (one declared below is
/// reported as such, E0201).
pub(crate) fn declare_calcs(file: &scorecard_syntax::ast::File, names: &mut Names, cx: &mut Ctx<'_>) {
    names.expect_calcs(file.calcs.iter().map(|c| &c.name));
    for calc in &file.calcs {
        let zero_fallback = calc.if_zero.is_some();
        let mut scope =
            Scope { names, indicator: None, points: false, reads: Vec::new(), divisors: Vec::new(), zero_fallback };
        scope.names.compiling(&calc.name);
        let Some((expr, kind)) = compile(&calc.expr, &mut scope, cx) else {
            // Declared, with an error already reported: later uses are not "undeclared".
            names.define_invalid(&calc.name, cx);
            continue;
        };
        if calc.if_zero.is_none() {
            warn_zero_divisors(&scope, calc.expr.span, cx);
        }
        let reads = std::mem::take(&mut scope.reads);
        let unit: &'static Unit = match kind {
            Kind::Amount(u) => u,
            Kind::Percent | Kind::Number => &units::PERCENT,
        };
        let unit = if kind == Kind::Number { &units::NUMBER } else { unit };
        // An amount is in the base unit of its dimension (元, not 万元), as the
        // reference says: the same whatever units, or order, its inputs have.
        let if_zero = match &calc.if_zero {
            Some(q) => match quantity_in_base(q, Some(unit), cx) {
                Some((v, _)) => Some(v),
                None => {
                    names.define_invalid(&calc.name, cx);
                    continue;
                }
            },
            None => None,
        };
        let spec = crate::plan::InputSpec {
            key: String::new(),
            name: calc.name.node.clone(),
            unit,
            kind: crate::plan::ValueKind::Number,
            derived: Some(crate::plan::Derived { expr, if_zero }),
            range: None,
            used_by: Vec::new(),
            optional: false,
            list: false,
            span: calc.name.span,
        };
        let slot = names.add_slot(spec, &calc.name, cx);
        names.set_deps(slot, reads);
    }
}

const MAY_DIVIDE_BY_ZERO: Texts = Texts {
    zh: "除数 `{}` 可能为 0，而没有声明除数为零时的取值",
    zh_label: "可能除以 0",
    zh_help: Some("加上 `，除数为零时为 100%`，或为该输入声明大于 0 的范围"),
    en: "the divisor `{}` may be 0 and no value for that case is declared",
    en_label: "may divide by zero",
    en_help: Some("add `, if zero 100%`, or declare the input's range above 0"),
};

const DIVISOR_ALWAYS_ZERO: Texts = Texts {
    zh: "除数恒为 0，每条记录都会因此报错",
    zh_label: "除数为 0",
    zh_help: Some("改为应除的输入或常量；若确实需要，在 `计算` 末尾写 `，除数为零时为 …` 给出此时的取值"),
    en: "the divisor is always 0, so every record would be rejected",
    en_label: "divides by 0",
    en_help: Some("divide by the input or constant meant; if this is intended, end the `let` with `, if zero …` to give the value"),
};

const UNITS_DO_NOT_MIX: Texts = Texts {
    zh: "单位不一致：{} 无法计算",
    zh_label: "单位不兼容",
    zh_help: Some("加减的两边须同类；两个比率相减得到“个百分点”；同类量相除得到百分比；乘以百分比表示取其一部分"),
    en: "unit mismatch: {} cannot be computed",
    en_label: "incompatible units",
    en_help: Some("both sides of + and − must be of one kind; a rate minus a rate is in percentage points; dividing two amounts of one kind gives a percentage; multiplying by a percentage takes that share"),
};
