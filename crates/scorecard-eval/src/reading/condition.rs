//! A tier's, band's or veto's condition: its machine form and its words.

use rust_decimal::Decimal;
use scorecard_syntax::ast::{Cmp, Dir};
use scorecard_syntax::Lang;

use super::{Amount, Condition, Part, Test};
use crate::explain::shown_in;
use crate::plan::{InputSpec, Operand, Plan, TestPlan, ValueKind};

/// How deep `且` conditions are read; the compiler builds them one level deep.
const MAX_DEPTH: u8 = 4;

/// What a condition is read with: the plan, the subject and the language.
pub(super) struct Cx<'p> {
    pub(super) plan: &'p Plan,
    pub(super) lang: Lang,
}

impl Cx<'_> {
    /// An amount of `spec`, given in base units.
    pub(super) fn amount(&self, spec: &InputSpec, base: Decimal) -> Amount {
        let value = if spec.unit.is_date() { base } else { spec.unit.from_base(base).unwrap_or(base) }.normalize();
        Amount { value, unit: spec.unit.display().to_owned(), shown: shown_in(spec, base, self.lang) }
    }

    /// The name of a baseline or reference: as the tier wrote it, else the input or the value.
    fn operand(&self, spec: &InputSpec, op: Operand, written: Option<&str>) -> String {
        match (written, op) {
            (Some(name), _) if !name.is_empty() => name.to_owned(),
            (_, Operand::Input(slot)) => self.plan.inputs.get(slot).map_or_else(String::new, |s| s.name.clone()),
            (_, Operand::Const(v)) => shown_in(spec, v, self.lang),
        }
    }

    /// Reads `test` on the subject `spec`; `baseline` is the name the tier gave its baseline.
    pub(super) fn condition(&self, spec: &InputSpec, test: &TestPlan, baseline: Option<&str>, step: &str) -> Condition {
        self.read(spec, test, baseline, step, 0)
    }

    fn read(&self, spec: &InputSpec, test: &TestPlan, baseline: Option<&str>, step: &str, depth: u8) -> Condition {
        match test {
            TestPlan::Fixed { cmp, threshold } => self.fixed(spec, *cmp, *threshold),
            TestPlan::ShareOf { cmp, factor, base, threshold } => {
                let share = percent(*factor);
                let name = self.operand(spec, *base, baseline);
                let threshold = threshold.map(|t| self.amount(spec, t));
                let words = self.share_words(*cmp, &share, &name, threshold.as_ref());
                let test = Test::ShareOf {
                    cmp: symbol(*cmp),
                    strict: strict(*cmp),
                    share_percent: share,
                    baseline: name,
                    threshold,
                };
                Condition { test, words }
            }
            TestPlan::Deviation { inclusive, factor, base, bounds } => {
                let tolerance = percent(*factor);
                let name = self.operand(spec, *base, baseline);
                let bounds = bounds.map(|(lo, hi)| (self.amount(spec, lo), self.amount(spec, hi)));
                let words = self.deviation_words(*inclusive, &tolerance, &name, bounds.as_ref());
                let test =
                    Test::Deviation { inclusive: *inclusive, tolerance_percent: tolerance, reference: name, bounds };
                Condition { test, words }
            }
            TestPlan::Each { test: one, .. } => {
                let mut c = self.read(spec, one, baseline, step, depth.saturating_add(1));
                c.words = match self.lang {
                    Lang::Zh => format!("的每次读数{}（按次计）", c.words),
                    Lang::En => format!("readings: each one {}, counted each time", c.words),
                };
                c
            }
            TestPlan::PerStep { from, relative, pro_rata, calendar, .. } => {
                let reference = from.map(|(op, dir)| (self.operand(spec, op, baseline), dir));
                let words = self.step_words(step, reference.as_ref(), *relative, *pro_rata, *calendar);
                let (reference, side) = reference.map_or((None, None), |(r, d)| (Some(r), Some(side(d))));
                let test = Test::PerStep {
                    step: step.to_owned(),
                    relative: *relative,
                    reference,
                    side,
                    pro_rata: *pro_rata,
                    calendar: *calendar,
                };
                Condition { test, words }
            }
            TestPlan::Range { lo, lo_inclusive, hi, hi_inclusive } => {
                let (low, high) = (self.amount(spec, *lo), self.amount(spec, *hi));
                let words = self.range_words(&low, *lo_inclusive, &high, *hi_inclusive);
                let test = Test::Range { low, low_inclusive: *lo_inclusive, high, high_inclusive: *hi_inclusive };
                Condition { test, words }
            }
            TestPlan::Always => {
                Condition { test: Test::Otherwise, words: self.lang.pick("其他情况", "otherwise").to_owned() }
            }
            TestPlan::All(parts) => self.all(parts, depth),
        }
    }

    fn all(&self, parts: &[(usize, TestPlan)], depth: u8) -> Condition {
        let parts: Vec<Part> = parts
            .iter()
            .filter(|_| depth < MAX_DEPTH)
            .filter_map(|(slot, test)| {
                let spec = self.plan.inputs.get(*slot)?;
                let condition = self.read(spec, test, None, "", depth.saturating_add(1));
                Some(Part { subject: spec.name.clone(), condition })
            })
            .collect();
        let words: Vec<String> = parts.iter().map(|p| self.with_subject(&p.subject, &p.condition.words)).collect();
        Condition { words: words.join(self.lang.pick("，且", ", and ")), test: Test::All { parts } }
    }

    /// `年办件量低于…` / `cases below …`.
    pub(super) fn with_subject(&self, subject: &str, words: &str) -> String {
        match self.lang {
            Lang::Zh => format!("{subject}{words}"),
            Lang::En => format!("{subject} {words}"),
        }
    }

    fn fixed(&self, spec: &InputSpec, cmp: Cmp, threshold: Decimal) -> Condition {
        let amount = self.amount(spec, threshold);
        let words = if spec.kind != ValueKind::Number {
            self.lang.pick(format!("为「{}」", amount.shown), format!("is `{}`", amount.shown))
        } else {
            format!("{} {}{}", self.cmp_word(cmp, spec.unit), amount.shown, self.strictness(cmp))
        };
        Condition { test: Test::Compare { cmp: symbol(cmp), strict: strict(cmp), threshold: amount }, words }
    }

    fn share_words(&self, cmp: Cmp, share: &Decimal, name: &str, threshold: Option<&Amount>) -> String {
        let word = self.cmp_word(cmp, &crate::units::NUMBER);
        let share = crate::number::plain(*share);
        let exact = threshold.map(|t| format!("{} {}", symbol(cmp), t.shown));
        match (self.lang, exact) {
            (Lang::Zh, None) => format!("{word}{name}的 {share}%{}", self.strictness(cmp)),
            (Lang::Zh, Some(e)) => format!("{word}{name}的 {share}%（即 {e}）{}", self.strictness(cmp)),
            (Lang::En, None) => format!("{word} {share}% of {name}{}", self.strictness(cmp)),
            (Lang::En, Some(e)) => format!("{word} {share}% of {name} ({e}){}", self.strictness(cmp)),
        }
    }

    fn deviation_words(
        &self,
        inclusive: bool,
        tolerance: &Decimal,
        name: &str,
        b: Option<&(Amount, Amount)>,
    ) -> String {
        let t = crate::number::plain(*tolerance);
        let outside = b.map(|(lo, hi)| match (self.lang, inclusive) {
            (Lang::Zh, false) => format!("；即低于 {} 或高于 {}", lo.shown, hi.shown),
            (Lang::Zh, true) => format!("；即不高于 {} 或不低于 {}", lo.shown, hi.shown),
            (Lang::En, false) => format!("; below {} or above {}", lo.shown, hi.shown),
            (Lang::En, true) => format!("; at most {} or at least {}", lo.shown, hi.shown),
        });
        let outside = outside.unwrap_or_default();
        match (self.lang, inclusive) {
            (Lang::Zh, false) => format!("与{name}相差超过 {t}%（恰好相差 {t}% 不算{outside}）"),
            (Lang::Zh, true) => format!("与{name}相差 {t}% 及以上（含恰好相差 {t}%{outside}）"),
            (Lang::En, false) => {
                format!("differs from {name} by more than {t}% (exactly {t}% does not count{outside})")
            }
            (Lang::En, true) => format!("differs from {name} by {t}% or more (inclusive{outside})"),
        }
    }

    fn step_words(
        &self,
        step: &str,
        from: Option<&(String, Dir)>,
        relative: bool,
        pro_rata: bool,
        calendar: bool,
    ) -> String {
        let lang = self.lang;
        let each = match (from, lang) {
            (None, Lang::Zh) => format!("每 {step}"),
            (None, Lang::En) => format!("each {step}"),
            (Some((r, dir)), Lang::Zh) => {
                let word = match dir {
                    Dir::Above => "超出",
                    Dir::Below => "低于",
                    Dir::Both => "偏离",
                };
                let of = if relative { "其 " } else { " " };
                format!("较{r}每{word}{of}{step}")
            }
            (Some((r, dir)), Lang::En) => {
                let word = match dir {
                    Dir::Above => "above",
                    Dir::Below => "below",
                    Dir::Both => "away from",
                };
                let of = if relative { format!(" of {r}") } else { String::new() };
                format!("each {step}{of} {word} {r}")
            }
        };
        let part = match (calendar, pro_rata) {
            (true, _) => {
                lang.pick("（按整月计，不足一个月不计）", " (whole calendar months; part months do not count)")
            }
            (false, true) => lang.pick("（不足一步的部分按比例计）", " (part steps count in proportion)"),
            (false, false) => lang.pick("（不足一步的部分不计）", " (part steps do not count)"),
        };
        format!("{each}{part}")
    }

    fn range_words(&self, low: &Amount, low_in: bool, high: &Amount, high_in: bool) -> String {
        let mark = |inclusive: bool| match (self.lang, inclusive) {
            (Lang::Zh, true) => "（含）",
            (Lang::Zh, false) => "（不含）",
            (Lang::En, true) => " (inclusive)",
            (Lang::En, false) => " (exclusive)",
        };
        match self.lang {
            Lang::Zh => format!("在 {}{}～{}{} 之间", low.shown, mark(low_in), high.shown, mark(high_in)),
            Lang::En => format!("from {}{} to {}{}", low.shown, mark(low_in), high.shown, mark(high_in)),
        }
    }

    /// The comparison word: dates are before or after; durations are longer
    /// or shorter (`少于 7天`, as the explanations say); ranks (`名`, 1 is
    /// first) are smaller or larger numbers, since "higher" would be ambiguous.
    fn cmp_word(&self, cmp: Cmp, unit: &crate::units::Unit) -> &'static str {
        let [lt, le, gt, ge]: [(&'static str, &'static str); 4] = if unit.is_date() {
            [("早于", "before"), ("不晚于", "on or before"), ("晚于", "after"), ("不早于", "on or after")]
        } else if unit.is_duration() {
            [("少于", "less than"), ("不超过", "at most"), ("超过", "more than"), ("不少于", "at least")]
        } else if unit.is_rank() {
            [("小于", "less than"), ("不大于", "at most"), ("大于", "more than"), ("不小于", "at least")]
        } else {
            [("低于", "below"), ("不高于", "at most"), ("高于", "above"), ("不低于", "at least")]
        };
        let (zh, en) = match cmp {
            Cmp::Eq => ("等于", "equal to"),
            Cmp::Lt => lt,
            Cmp::Le => le,
            Cmp::Gt => gt,
            Cmp::Ge => ge,
        };
        self.lang.pick(zh, en)
    }

    /// Whether the threshold itself matches, said after the threshold.
    fn strictness(&self, cmp: Cmp) -> &'static str {
        match cmp {
            Cmp::Lt | Cmp::Gt => self.lang.pick("（不含本数）", " (not inclusive)"),
            Cmp::Le | Cmp::Ge => self.lang.pick("（含本数）", " (inclusive)"),
            Cmp::Eq => "",
        }
    }
}

/// A fraction as a percent number: 0.9 → 90.
fn percent(factor: Decimal) -> Decimal {
    factor.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(factor).normalize()
}

fn strict(cmp: Cmp) -> bool {
    matches!(cmp, Cmp::Lt | Cmp::Gt)
}

fn symbol(cmp: Cmp) -> &'static str {
    match cmp {
        Cmp::Lt => "<",
        Cmp::Le => "≤",
        Cmp::Gt => ">",
        Cmp::Ge => "≥",
        Cmp::Eq => "=",
    }
}

fn side(dir: Dir) -> &'static str {
    match dir {
        Dir::Above => "above",
        Dir::Below => "below",
        Dir::Both => "both",
    }
}
