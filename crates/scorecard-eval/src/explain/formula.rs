//! A formula with the values it used: `完成率 95.5% × 20`,
//! `较小值(完成率 120%, 100%) × 20`, `新增耕地面积 10公顷 ÷ 目标任务 30公顷 × 分值 2`.
//! Values with more than two decimals are shown to two, and the result is
//! then marked approximate.

use rust_decimal::{Decimal, RoundingStrategy};
use scorecard_syntax::ast::Func;
use scorecard_syntax::Lang;

use super::ladder::shown_in;
use super::phrase;
use crate::eval::rules as eval_rules;
use crate::number;
use crate::plan::{ExprPlan, IndicatorPlan, InputSpec, Plan, ScorePlan, ValueKind};
use crate::record::Record;

/// How deep a formula is written out; the compiler caps nesting well below this.
const MAX_DEPTH: usize = 64;

/// A formula written out with its values, and whether any value was rounded to show it.
pub(super) struct Shown {
    /// The text.
    pub(super) text: String,
    /// Whether a value in it is shown rounded.
    pub(super) rounded: bool,
}

/// Writes `expr` out with the values `record` gives it.
pub(super) fn show(plan: &Plan, expr: &ExprPlan, record: &Record, points: Decimal) -> Shown {
    let mut w = Writer { plan, record, points, rounded: false };
    let text = w.expr(expr, None, 0);
    Shown { text, rounded: w.rounded }
}

struct Writer<'a> {
    /// The plan, for names and units.
    plan: &'a Plan,
    record: &'a Record,
    points: Decimal,
    rounded: bool,
}

/// Binding strength: sums bind loosest, then products, then atoms.
fn rank(e: &ExprPlan) -> u8 {
    match e {
        ExprPlan::Add(..) | ExprPlan::Sub(..) => 1,
        ExprPlan::Mul(..) | ExprPlan::Div(..) => 2,
        _ => 3,
    }
}

impl<'a> Writer<'a> {
    /// `e`; `unit` is the input whose unit a bare constant beside it takes
    /// (`较小值(完成率, 100%)`: the 100 is a percentage).
    fn expr(&mut self, e: &ExprPlan, unit: Option<&InputSpec>, depth: usize) -> String {
        if depth > MAX_DEPTH {
            return "…".to_owned();
        }
        let d = depth.saturating_add(1);
        let lang = self.plan.lang;
        match e {
            ExprPlan::Const(v) => match unit {
                Some(spec) => self.value(spec, *v),
                None => number::grouped(*v),
            },
            ExprPlan::Slot(slot) => match (self.plan.inputs.get(*slot), self.record.get(*slot)) {
                (Some(spec), Some(v)) => phrase::value(&spec.name, &self.value(spec, v)),
                (Some(spec), None) => spec.name.clone(),
                _ => String::new(),
            },
            ExprPlan::Points => phrase::value(lang.pick("分值", "points"), &number::plain(self.points)),
            ExprPlan::Neg(a) => format!("−{}", self.operand(a, unit, 3, d)),
            ExprPlan::Add(a, b) => self.binary(a, b, "+", 1, d),
            ExprPlan::Sub(a, b) => self.binary(a, b, "−", 1, d),
            ExprPlan::Mul(a, b, scale) => self.product(a, b, "×", *scale, d),
            ExprPlan::Div(a, b, scale) => self.product(a, b, lang.pick("÷", "/"), *scale, d),
            ExprPlan::Min(args) => self.call(lang.pick("较小值", "min"), args, d),
            ExprPlan::Max(args) => self.call(lang.pick("较大值", "max"), args, d),
            ExprPlan::Floor(a) => self.call(lang.pick("取整", "floor"), std::slice::from_ref(a), d),
            // A list's readings as read: `平均(抽检合格率 92%、96%、94%)`.
            ExprPlan::List(func, slot) => {
                let readings = self.plan.inputs.get(*slot).and_then(|spec| {
                    let shown = super::list::shown(self.plan, spec, *slot, self.record)?;
                    Some(phrase::value(&spec.name, &shown))
                });
                format!("{}({})", list_word(*func, lang), readings.unwrap_or_default())
            }
        }
    }

    fn binary(&mut self, a: &ExprPlan, b: &ExprPlan, op: &str, level: u8, depth: usize) -> String {
        // Sums share a dimension, so a constant takes its neighbour's unit; factors are plain numbers.
        let (ua, ub) = if level == 1 { (spec_in(self.plan, b), spec_in(self.plan, a)) } else { (None, None) };
        let left = self.operand(a, ua, level, depth);
        // Left to right: a right operand of the same level needs brackets (a − (b − c)).
        let right = self.operand(b, ub, level.saturating_add(1), depth);
        format!("{left} {op} {right}")
    }

    /// A product or quotient. With a scale of 100 one side is a percentage:
    /// a constant is that side unless the other is a percentage input.
    fn product(&mut self, a: &ExprPlan, b: &ExprPlan, op: &str, scale: Decimal, depth: usize) -> String {
        let percent = |e: &ExprPlan| matches!(e, ExprPlan::Const(_)) && scale == Decimal::ONE_HUNDRED;
        let plan = self.plan;
        let percent_input = |e: &ExprPlan| spec_in(plan, e).is_some_and(|s| s.unit.is_percent());
        let shown = |w: &mut Self, e: &ExprPlan, other: &ExprPlan, min_rank: u8| match e {
            ExprPlan::Const(v) if percent(e) && !percent_input(other) => format!("{}%", number::grouped(*v)),
            _ => w.operand(e, None, min_rank, depth),
        };
        let left = shown(self, a, b, 2);
        let right = shown(self, b, a, 3);
        format!("{left} {op} {right}")
    }

    fn operand(&mut self, e: &ExprPlan, unit: Option<&InputSpec>, min_rank: u8, depth: usize) -> String {
        let text = self.expr(e, unit, depth);
        if rank(e) < min_rank {
            format!("({text})")
        } else {
            text
        }
    }

    fn call(&mut self, name: &str, args: &[ExprPlan], depth: usize) -> String {
        let unit = args.iter().find_map(|a| spec_in(self.plan, a));
        let shown: Vec<String> = args.iter().map(|a| self.expr(a, unit, depth)).collect();
        format!("{name}({})", shown.join(", "))
    }

    /// A value in its input's unit, to two decimals at most.
    fn value(&mut self, spec: &InputSpec, base: Decimal) -> String {
        let lang = self.plan.lang;
        if spec.unit.is_date() || spec.kind != crate::plan::ValueKind::Number {
            return shown_in(spec, base, lang);
        }
        let Some(v) = spec.unit.from_base(base) else { return shown_in(spec, base, lang) };
        let r = v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        if r != v {
            self.rounded = true;
        }
        spec.unit.amount(r)
    }
}

/// `完成率 95.5% × 20 = 19.1 分`, `… × 分值 2，约 0.67 分` / `… = 19.1`,
/// `…: about 0.67`: a formula and what it came to.
pub(super) fn sentence(lang: Lang, shown: &Shown, value: Decimal, places: u32, strategy: RoundingStrategy) -> String {
    let r = value.round_dp_with_strategy(places, strategy);
    let approximate = shown.rounded || r != value;
    let result = phrase::score(lang, &number::plain(r), approximate);
    if approximate {
        phrase::then(lang, &shown.text, &result)
    } else {
        format!("{} = {result}", shown.text)
    }
}

/// The first input `e` reads directly, for the unit of a constant beside it.
fn spec_in<'p>(plan: &'p Plan, e: &ExprPlan) -> Option<&'p InputSpec> {
    match e {
        ExprPlan::Slot(slot) => plan.inputs.get(*slot),
        ExprPlan::Neg(a) | ExprPlan::Floor(a) => spec_in(plan, a),
        ExprPlan::Min(args) | ExprPlan::Max(args) => args.iter().find_map(|a| spec_in(plan, a)),
        // A count is a plain number; the other list functions keep the readings' unit.
        ExprPlan::List(func, slot) if !matches!(func, Func::Count) => plan.inputs.get(*slot),
        _ => None,
    }
}

/// A list function as written: `平均` / `average`.
fn list_word(func: Func, lang: Lang) -> &'static str {
    match func {
        Func::Min => lang.pick("较小值", "min"),
        Func::Max => lang.pick("较大值", "max"),
        Func::Floor => lang.pick("取整", "floor"),
        Func::Average => lang.pick("平均", "average"),
        Func::Lowest => lang.pick("最低", "lowest"),
        Func::Highest => lang.pick("最高", "highest"),
        Func::Sum => lang.pick("合计", "sum"),
        Func::Count => lang.pick("个数", "count"),
    }
}

/// `完成率再提高 1 个百分点可多得 0.2 分`: for each value a formula reads,
/// what one more (or one less) unit of it would add, worked out by scoring
/// the formula again with that value moved, and kept within the points.
pub(super) fn advice(plan: &Plan, ind: &IndicatorPlan, s: &ScorePlan, record: &Record) -> Vec<String> {
    let ScorePlan::Formula { expr, .. } = s else { return Vec::new() };
    let clamp = |v: Decimal| v.max(Decimal::ZERO).min(ind.points);
    let Ok(now) = eval_rules::score_plan(plan, ind, s, record).map(clamp) else { return Vec::new() };
    let mut slots = Vec::new();
    read_slots(expr, &mut slots, 0);
    let mut out = Vec::new();
    for slot in slots {
        let Some(spec) = plan.inputs.get(slot).filter(|s| s.kind == ValueKind::Number && !s.unit.is_date()) else {
            continue;
        };
        let (Some(x), Some(one)) = (record.get(slot), spec.unit.to_base(Decimal::ONE)) else { continue };
        let moved = |to: Option<Decimal>| -> Option<Decimal> {
            let mut r = record.clone();
            *r.values.get_mut(slot)? = Some(to?);
            let gain = clamp(eval_rules::score_plan(plan, ind, s, &r).ok()?).checked_sub(now)?;
            (gain > Decimal::ZERO).then_some(gain)
        };
        let (up, gain) = match moved(x.checked_add(one)) {
            Some(g) => (true, g),
            None => match moved(x.checked_sub(one)) {
                Some(g) => (false, g),
                None => continue,
            },
        };
        out.push(gain_sentence(plan, spec, up, gain));
    }
    out
}

/// `完成率再提高 1 个百分点可多得 0.2 分` / `` `completion` 1 pp higher would add 0.2``.
fn gain_sentence(plan: &Plan, spec: &InputSpec, up: bool, gain: Decimal) -> String {
    let lang = plan.lang;
    let step = if spec.unit.is_percent() {
        lang.pick("1 个百分点".to_owned(), "1 pp".to_owned())
    } else {
        spec.unit.amount(Decimal::ONE)
    };
    let rounded = gain.round_dp_with_strategy(plan.rounding.places, plan.rounding.strategy);
    let n = number::plain(rounded);
    let about = if rounded == gain { lang.pick(" ", "") } else { lang.pick("约 ", "about ") };
    // A duration is longer or shorter (`再增加 1天`), anything else higher or lower.
    let duration = phrase::Measure::of(spec.unit) == phrase::Measure::Duration;
    let word = match (up, duration) {
        (true, false) => lang.pick("提高", "higher"),
        (false, false) => lang.pick("降低", "lower"),
        (true, true) => lang.pick("增加", "longer"),
        (false, true) => lang.pick("减少", "shorter"),
    };
    match lang {
        Lang::Zh => format!("{}再{word} {step}可多得{about}{n} 分", spec.name),
        Lang::En => format!("`{}` {step} {word} would add {about}{n}", spec.name),
    }
}

/// The slots a formula reads, each once, in the order written; not a
/// divisor's (advice to lower a target is no advice).
fn read_slots(e: &ExprPlan, out: &mut Vec<usize>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let d = depth.saturating_add(1);
    match e {
        ExprPlan::Slot(slot) if !out.contains(slot) => out.push(*slot),
        ExprPlan::Neg(a) | ExprPlan::Floor(a) => read_slots(a, out, d),
        ExprPlan::Add(a, b) | ExprPlan::Sub(a, b) | ExprPlan::Mul(a, b, _) => {
            read_slots(a, out, d);
            read_slots(b, out, d);
        }
        ExprPlan::Div(a, _, _) => read_slots(a, out, d),
        ExprPlan::Min(args) | ExprPlan::Max(args) => args.iter().for_each(|a| read_slots(a, out, d)),
        _ => {}
    }
}
