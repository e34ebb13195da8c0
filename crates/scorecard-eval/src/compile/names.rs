//! Inputs and constants: declaring them, resolving names, suggesting fixes.

use super::texts::Texts;
use std::collections::HashMap;

use rust_decimal::Decimal;
use scorecard_syntax::ast::{self, Quantity};
use scorecard_syntax::{Code, Diagnostic, Lang, Span, Spanned};

use super::Ctx;
use crate::plan::{ConstSpec, IndicatorPlan, InputSpec, Operand, Slot, ValueKind};
use crate::units::{self, Unit};

/// What a name refers to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Named {
    Input(Slot),
    Const {
        value: Decimal,
        unit: &'static Unit,
    },
    /// Declared, but its declaration has an error (already reported).
    Invalid,
}

pub(crate) struct Names {
    inputs: Vec<(InputSpec, Span)>,
    consts: Vec<ConstSpec>,
    by_name: HashMap<String, (Named, Span)>,
    /// The slots each derived value reads (directly or through other derived values).
    deps: HashMap<Slot, Vec<Slot>>,
    /// Derived values not declared yet, while they are being declared in file order.
    later: HashMap<String, Span>,
    /// The derived value being compiled.
    current: Option<Span>,
    /// Slots some rule needs in every record (all but assessors' scores read
    /// only by range bands).
    required: std::collections::HashSet<Slot>,
}

impl Names {
    /// Declares every input and constant of the file.
    pub(crate) fn declare(file: &ast::File, cx: &mut Ctx<'_>) -> Names {
        let mut names = Names {
            inputs: Vec::new(),
            consts: Vec::new(),
            by_name: HashMap::new(),
            deps: HashMap::new(),
            later: HashMap::new(),
            current: None,
            required: std::collections::HashSet::new(),
        };
        let mut keys: HashMap<&str, Span> = HashMap::new();
        for input in &file.inputs {
            if let Some(first) = keys.insert(&input.key.node, input.key.span) {
                cx.push(duplicate(Code::DuplicateKey, &input.key, first, cx));
            }
            let (unit, kind) = match &input.kind.node {
                ast::InputKind::Unit(u) => {
                    let Some(unit) = unit_of(&Spanned::new(u.clone(), input.kind.span), cx) else {
                        // Declared, with the error already reported: its uses are not "undeclared".
                        names.define_invalid(&input.name, cx);
                        continue;
                    };
                    (unit, ValueKind::Number)
                }
                ast::InputKind::YesNo => (&units::YES_NO, ValueKind::YesNo),
                ast::InputKind::Grades(labels) => {
                    (&units::GRADE, ValueKind::Grades(labels.iter().map(|l| l.node.clone()).collect()))
                }
            };
            if input.list && (kind != ValueKind::Number || unit.is_date()) {
                cx.push(super::lists::not_a_number_list(&input.name, cx));
                names.define_invalid(&input.name, cx);
                continue;
            }
            let range = input.range.as_ref().and_then(|r| range_of(r, unit, cx));
            let spec = InputSpec {
                key: input.key.node.clone(),
                name: input.name.node.clone(),
                unit,
                kind,
                derived: None,
                range,
                used_by: Vec::new(),
                optional: false,
                list: input.list,
                span: input.name.span,
            };
            names.add_slot(spec, &input.name, cx);
        }
        for c in &file.consts {
            match quantity_in_base(&c.value, None, cx) {
                Some((value, unit)) => {
                    let spec = ConstSpec { name: c.name.node.clone(), value, unit, span: c.name.span };
                    names.consts.push(spec);
                    names.define(&c.name, Named::Const { value, unit }, cx);
                }
                // Reported already; the name still exists, so uses are not "undeclared".
                None => names.define(&c.name, Named::Invalid, cx),
            }
        }
        names
    }

    /// Adds a slot (an input or a derived value) under `name`.
    pub(crate) fn add_slot(&mut self, spec: InputSpec, name: &Spanned<String>, cx: &mut Ctx<'_>) -> Slot {
        let slot = self.inputs.len();
        self.inputs.push((spec, name.span));
        self.define(name, Named::Input(slot), cx);
        slot
    }

    /// Notes the derived values about to be declared, so a use before its
    /// declaration can say where the declaration is.
    pub(crate) fn expect_calcs<'a>(&mut self, calcs: impl Iterator<Item = &'a Spanned<String>>) {
        for name in calcs {
            self.later.entry(name.node.clone()).or_insert(name.span);
        }
    }

    /// Notes that the derived value `name` is being compiled.
    pub(crate) fn compiling(&mut self, name: &Spanned<String>) {
        self.current = Some(name.span);
        if self.later.get(&name.node) == Some(&name.span) {
            self.later.remove(&name.node);
        }
    }

    /// Declares a name whose declaration has an error (already reported).
    pub(crate) fn define_invalid(&mut self, name: &Spanned<String>, cx: &mut Ctx<'_>) {
        self.define(name, Named::Invalid, cx);
    }

    fn define(&mut self, name: &Spanned<String>, named: Named, cx: &mut Ctx<'_>) {
        if let Some((_, first)) = self.by_name.get(&name.node) {
            cx.push(duplicate(Code::DuplicateName, name, *first, cx));
        } else {
            self.by_name.insert(name.node.clone(), (named, name.span));
        }
    }

    /// Resolves a name, reporting unknown names with a suggestion.
    pub(crate) fn resolve(&self, name: &Spanned<String>, cx: &mut Ctx<'_>) -> Option<Named> {
        if let Some((n, _)) = self.by_name.get(&name.node) {
            return match n {
                Named::Invalid => None,
                _ => Some(*n),
            };
        }
        if let Some(d) = self.not_yet(name, cx) {
            cx.push(d);
            return None;
        }
        let mut d = cx.error_about(Code::UnknownName, name.span, &name.node, &UNKNOWN_NAME);
        d = match self.suggest(&name.node) {
            Some(s) => d
                .with_help(match cx.lang {
                    Lang::Zh => format!("是否想写 `{s}`？"),
                    Lang::En => format!("did you mean `{s}`?"),
                })
                .with_fix(super::fixes::did_you_mean(name.span, s, cx.lang)),
            None => {
                let d = d.with_help(cx.pick(
                    "用 `输入 名称 = 字段（单位）` 或 `常量 名称 = 数值` 声明它",
                    "declare it with `input name = key (unit)` or `const name = value`",
                ));
                let last = self.by_name.values().map(|(_, at)| at.end).max();
                match last.and_then(|after| super::fixes::declare_input(cx.src(), name.span, after, cx.lang)) {
                    Some(fix) => d.with_fix(fix),
                    None => d,
                }
            }
        };
        cx.push(d);
        None
    }

    /// E0201 for a derived value used by one declared below it, or by itself.
    fn not_yet(&self, name: &Spanned<String>, cx: &Ctx<'_>) -> Option<Diagnostic> {
        let own = self.current.filter(|s| s.text(cx.src()) == name.node);
        let (message, label, help) = match (own, self.later.get(&name.node)) {
            (Some(_), _) => (
                match cx.lang {
                    Lang::Zh => format!("`{}` 的计算式用到了它自己", name.node),
                    Lang::En => format!("`{}` is used in its own formula", name.node),
                },
                cx.pick("用到自身", "uses itself"),
                cx.pick(
                    "计算式只能用输入、常量和在它上面声明的 `计算` 值",
                    "a formula can only use inputs, constants and `let` values declared above it",
                )
                .to_owned(),
            ),
            (None, Some(&at)) => {
                let line = cx.line_col(at).line;
                (
                    match cx.lang {
                        Lang::Zh => format!("`{}` 在后面第 {line} 行才声明", name.node),
                        Lang::En => format!("`{}` is declared later, on line {line}", name.node),
                    },
                    cx.pick("尚未声明", "not declared yet"),
                    match cx.lang {
                        Lang::Zh => format!("`计算` 值按书写顺序求出：把第 {line} 行的声明移到这一行上面"),
                        Lang::En => format!("`let` values are computed in the order written: move the declaration on line {line} above this line"),
                    },
                )
            }
            (None, None) => return None,
        };
        Some(Diagnostic::error(Code::UnknownName, name.span, message, label).with_help(help))
    }

    /// Resolves a name that must be an input.
    pub(crate) fn input(&mut self, name: &Spanned<String>, indicator: usize, cx: &mut Ctx<'_>) -> Option<Slot> {
        self.input_read(name, indicator, true, cx)
    }

    /// An assessor's score read only when a range band holds (`得3～5分`):
    /// a record need not carry it otherwise.
    pub(crate) fn assessor(&mut self, name: &Spanned<String>, indicator: usize, cx: &mut Ctx<'_>) -> Option<Slot> {
        self.input_read(name, indicator, false, cx)
    }

    /// A list of readings (`每次…`, `平均(…)`): E0210 if the input holds one value.
    pub(crate) fn list_input(&mut self, name: &Spanned<String>, indicator: usize, cx: &mut Ctx<'_>) -> Option<Slot> {
        match self.resolve(name, cx)? {
            Named::Input(slot) if self.is_list(slot) => {
                self.mark_reading(slot, indicator, true);
                Some(slot)
            }
            Named::Invalid => None,
            _ => {
                cx.push(super::lists::not_a_list(name, cx));
                None
            }
        }
    }

    /// Whether `slot` holds a list of readings.
    pub(crate) fn is_list(&self, slot: Slot) -> bool {
        self.spec(slot).is_some_and(|s| s.list)
    }

    fn input_read(
        &mut self,
        name: &Spanned<String>,
        indicator: usize,
        required: bool,
        cx: &mut Ctx<'_>,
    ) -> Option<Slot> {
        match self.resolve(name, cx)? {
            Named::Input(slot) if self.is_list(slot) => {
                cx.push(super::lists::one_value_needed(name, cx));
                None
            }
            Named::Input(slot) => {
                self.mark_reading(slot, indicator, required);
                Some(slot)
            }
            Named::Invalid => None,
            Named::Const { .. } => {
                cx.push(cx.error_about(Code::WrongKind, name.span, &name.node, &AN_INPUT_IS_NEEDED_HERE));
                None
            }
        }
    }

    /// Resolves a baseline (input or constant) into an operand and its unit.
    pub(crate) fn operand(
        &mut self,
        name: &Spanned<String>,
        indicator: usize,
        cx: &mut Ctx<'_>,
    ) -> Option<(Operand, &'static Unit)> {
        match self.resolve(name, cx)? {
            Named::Input(slot) => {
                self.mark_used(slot, indicator);
                let unit = self.unit(slot)?;
                Some((Operand::Input(slot), unit))
            }
            Named::Const { value, unit } => Some((Operand::Const(value), unit)),
            Named::Invalid => None,
        }
    }

    /// Records that `indicator` reads `slot` (and, for a derived value, the slots it reads).
    ///
    /// Iterative, and linear in the slots and dependencies reached: a slot
    /// already marked for `indicator` had its dependencies marked with it, so
    /// the walk stops there (a chain of derived values each reading the one
    /// before twice would otherwise be walked 2ⁿ times).
    pub(crate) fn mark_used(&mut self, slot: Slot, indicator: usize) {
        self.mark_reading(slot, indicator, true);
    }

    /// Records that `indicator` reads `slot` (and what a derived value
    /// reads), and whether every record must carry it.
    fn mark_reading(&mut self, slot: Slot, indicator: usize, required: bool) {
        let mut todo = vec![slot];
        while let Some(slot) = todo.pop() {
            if required {
                self.required.insert(slot);
            }
            let Some((spec, _)) = self.inputs.get_mut(slot) else { continue };
            // Indicators are compiled in order, so `used_by` is sorted and the
            // last entry answers at once; the scan is only a safeguard.
            let seen = match spec.used_by.last() {
                Some(&last) if last < indicator => false,
                Some(_) => spec.used_by.contains(&indicator),
                None => false,
            };
            if seen {
                continue;
            }
            spec.used_by.push(indicator);
            if let Some(deps) = self.deps.get(&slot) {
                todo.extend(deps.iter().copied());
            }
        }
    }

    /// Records the slots a derived value reads.
    pub(crate) fn set_deps(&mut self, slot: Slot, deps: Vec<Slot>) {
        self.deps.insert(slot, deps);
    }

    /// The specification of an input.
    pub(crate) fn spec(&self, slot: Slot) -> Option<&InputSpec> {
        self.inputs.get(slot).map(|(s, _)| s)
    }

    /// The declared unit of an input.
    pub(crate) fn unit(&self, slot: Slot) -> Option<&'static Unit> {
        self.inputs.get(slot).map(|(s, _)| s.unit)
    }

    /// Warns about inputs no indicator reads.
    pub(crate) fn warn_unused(&self, _indicators: &[IndicatorPlan], cx: &mut Ctx<'_>) {
        for (spec, span) in &self.inputs {
            if spec.used_by.is_empty() && spec.derived.is_none() {
                cx.push(cx.warning_about(Code::UnusedInput, *span, &spec.name, &UNUSED));
            }
        }
    }

    /// The inputs by slot, and the constants.
    pub(crate) fn into_parts(self) -> (Vec<InputSpec>, Vec<ConstSpec>) {
        let required = self.required;
        let inputs = self.inputs.into_iter().enumerate().map(|(slot, (mut spec, _))| {
            spec.optional = !spec.used_by.is_empty() && !required.contains(&slot);
            spec
        });
        (inputs.collect(), self.consts)
    }

    /// The declared name closest to `name`, if it is close enough to be a likely typo.
    /// The longest declared name that `word` contains (`不符合要求` in
    /// `出现一次不符合要求`), if any.
    pub(crate) fn contained_in(&self, word: &str) -> Option<&str> {
        self.by_name
            .keys()
            .filter(|k| k.chars().count() >= 2 && k.as_str() != word && word.contains(k.as_str()))
            .max_by_key(|k| (k.chars().count(), std::cmp::Reverse(k.as_str())))
            .map(String::as_str)
    }

    fn suggest(&self, name: &str) -> Option<&str> {
        let mut declared: Vec<(&String, Span)> = self.by_name.iter().map(|(k, (_, span))| (k, *span)).collect();
        declared.sort_by_key(|(_, span)| span.start);
        crate::suggest::closest(name, declared.into_iter().map(|(k, _)| k.as_str()))
    }
}

fn duplicate(code: Code, name: &Spanned<String>, first: Span, cx: &Ctx<'_>) -> Diagnostic {
    let lang = cx.lang;
    let at = cx.line_col(first);
    Diagnostic::error(
        code,
        name.span,
        match lang {
            Lang::Zh => format!("`{}` 重复声明", name.node),
            Lang::En => format!("`{}` is declared twice", name.node),
        },
        lang.pick("再次声明", "declared again here"),
    )
    .with_help(match lang {
        Lang::Zh => format!("第一次声明在 {at}；请删除或改名"),
        Lang::En => format!("first declared at {at}; remove or rename one"),
    })
}

/// Looks up a unit written in the file.
pub(crate) fn unit_of(unit: &Spanned<String>, cx: &mut Ctx<'_>) -> Option<&'static Unit> {
    let found = Unit::lookup(&unit.node);
    if found.is_none() {
        cx.push(
            cx.error_about(Code::UnknownUnit, unit.span, &unit.node, &UNKNOWN_UNIT)
                .with_help(unknown_unit_help(&unit.node, cx.lang)),
        );
    }
    found
}

/// The nearest known unit to `written` (a typo such as `台数`), then every known unit.
fn unknown_unit_help(written: &str, lang: Lang) -> String {
    // Chinese help leaves out the English spellings (`days`, `month`, …).
    let known: String = match lang {
        Lang::Zh => units::known_symbols()
            .split(' ')
            .filter(|u| *u != "日期" && !(u.len() > 2 && u.chars().all(|c| c.is_ascii_alphabetic())))
            .collect::<Vec<_>>()
            .join(" "),
        Lang::En => units::known_symbols().split(' ').filter(|u| *u != "日期").collect::<Vec<_>>().join(" "),
    };
    let written_units = || units::UNITS.iter().filter(|u| u.symbol != "日期").map(|u| u.symbol);
    // A unit cut short (`万` for `万元`/`万件`/…) names every unit it starts;
    // a one-letter word is otherwise one edit from every one-letter unit.
    let started: Vec<String> = written_units().filter(|u| u.starts_with(written)).map(|u| format!("`{u}`")).collect();
    let nearest = if started.is_empty() {
        // Two units equally near are both named: `台欠` may be `台` or `台次`.
        let pool = || written_units().filter(|_| written.chars().count() > 1);
        let first = crate::suggest::closest(written, pool());
        let d = |u: &str| strsim::osa_distance(written, u);
        let second =
            first.and_then(|f| crate::suggest::closest(written, pool().filter(|u| *u != f)).filter(|s| d(s) == d(f)));
        first.map(|f| match second {
            Some(s) => format!("`{f}`{}`{s}`", lang.pick(" 或 ", " or ")),
            None => format!("`{f}`"),
        })
    } else {
        started.split_last().map(|(last, rest)| {
            if rest.is_empty() {
                last.clone()
            } else {
                format!("{}{}{last}", rest.join(lang.pick("、", ", ")), lang.pick(" 或 ", " or "))
            }
        })
    };
    match (nearest, lang) {
        (Some(s), Lang::Zh) => format!("是否想写 {s}？可用的单位：{known}"),
        (Some(s), Lang::En) => format!("did you mean {s}? known units: {known}"),
        (None, Lang::Zh) => format!("可用的单位：{known}"),
        (None, Lang::En) => format!("known units: {known}"),
    }
}

/// A quantity converted to base units. A bare number takes `default` (the
/// subject's unit); with no default, a bare number is an error.
pub(crate) fn quantity_in_base(
    q: &Spanned<Quantity>,
    default: Option<&'static Unit>,
    cx: &mut Ctx<'_>,
) -> Option<(Decimal, &'static Unit)> {
    let unit = match &q.node.unit {
        Some(text) => {
            // The unit is written last: underline it alone.
            let start = (q.span.end as usize).saturating_sub(text.len());
            let at = Span::new(start, q.span.end as usize);
            let at = if at.text(cx.src()) == text.as_str() { at } else { q.span };
            unit_of(&Spanned::new(text.clone(), at), cx)?
        }
        None => match default {
            Some(u) => u,
            None => {
                return cx.fail(cx.error(Code::UnknownUnit, q.span, &NO_UNIT));
            }
        },
    };
    match unit.to_base(q.node.value) {
        Some(v) => Some((v, unit)),
        None => {
            cx.push(cx.error(Code::NumberOutOfRange, q.span, &CONVERTED_TOO_LARGE));
            None
        }
    }
}

fn range_of(r: &Spanned<(Decimal, Decimal)>, unit: &'static Unit, cx: &mut Ctx<'_>) -> Option<(Decimal, Decimal)> {
    let (lo, hi) = r.node;
    let (Some(lo), Some(hi)) = (unit.to_base(lo), unit.to_base(hi)) else {
        return cx.fail(cx.error(Code::NumberOutOfRange, r.span, &RANGE_TOO_LARGE));
    };
    if lo > hi {
        return cx.fail(cx.error(Code::BadRange, r.span, &REVERSED_RANGE));
    }
    Some((lo, hi))
}

const UNKNOWN_NAME: Texts = Texts {
    zh: "未声明的名称 `{}`",
    zh_label: "未声明",
    zh_help: None,
    en: "unknown name `{}`",
    en_label: "not declared",
    en_help: None,
};

const AN_INPUT_IS_NEEDED_HERE: Texts = Texts {
    zh: "`{}` 是常量，不能作为被比较的测量值",
    zh_label: "这里需要一个输入",
    zh_help: Some("比较的对象应是 `输入` 声明的测量值；常量只能作为基准，如 `低于预算90%`"),
    en: "`{}` is a constant, not a measured input",
    en_label: "an input is needed here",
    en_help: Some(
        "the compared value must be an `input`; constants can only be references, e.g. `below 90% of budget`",
    ),
};

const UNUSED: Texts = Texts {
    zh: "输入 `{}` 没有被任何评分条件使用",
    zh_label: "未使用",
    zh_help: Some("删除该声明，或在评分条件中引用它"),
    en: "input `{}` is not used by any tier",
    en_label: "unused",
    en_help: Some("remove it, or use it in a tier"),
};

const UNKNOWN_UNIT: Texts = Texts {
    zh: "未知的单位 `{}`",
    zh_label: "未知单位",
    zh_help: None,
    en: "unknown unit `{}`",
    en_label: "unknown unit",
    en_help: None,
};

const NO_UNIT: Texts = Texts {
    zh: "这个数值缺少单位",
    zh_label: "缺少单位",
    zh_help: Some("在数字后写上单位，如 `241.73万元`"),
    en: "this value needs a unit",
    en_label: "no unit",
    en_help: Some("write the unit after the number, e.g. `241.73万元`"),
};

const CONVERTED_TOO_LARGE: Texts = Texts {
    zh: "换算为基本单位后数值过大",
    zh_label: "数值过大",
    zh_help: None,
    en: "the value is too large once converted to its base unit",
    en_label: "too large",
    en_help: None,
};

const RANGE_TOO_LARGE: Texts = Texts {
    zh: "换算为基本单位后范围过大，无法精确表示",
    zh_label: "范围过大",
    zh_help: None,
    en: "the range is too large to represent exactly in the base unit",
    en_label: "range too large",
    en_help: None,
};

const REVERSED_RANGE: Texts = Texts {
    zh: "范围的下限大于上限",
    zh_label: "范围颠倒",
    zh_help: Some("写成 `范围 下限～上限`，如 `范围 0～100`"),
    en: "the range's lower bound is above its upper bound",
    en_label: "reversed range",
    en_help: Some("write `range low to high`, e.g. `range 0 to 100`"),
};
