//! Compiling one indicator: its `评分` and `加分` statements, `得分`
//! statements, vetoes, discretionary deduction and not-applicable flag.

use super::texts::Texts;
use rust_decimal::Decimal;
use scorecard_syntax::ast::{self, Sign};
use scorecard_syntax::{Code, Diagnostic, Lang, Spanned};

use super::names::{quantity_in_base, Names};
use super::tiers::Statement;
use super::{ladder_checks, points, score, Ctx};
use crate::plan::{IndicatorPlan, Ladder, Slot, StatementPlan, TierPlan, ValueKind, VetoPlan};
use crate::units::{self, Unit};

/// Compiles one indicator; `None` if it has errors (already reported).
pub(super) fn compile(
    ind: &ast::Indicator,
    path: &[String],
    index: usize,
    names: &mut Names,
    cx: &mut Ctx<'_>,
) -> Option<IndicatorPlan> {
    let errors_before = error_count(cx);
    if let Some(note) = &ind.pending {
        cx.push(pending(ind, note, cx));
    }
    if ind.scoring.is_empty() && ind.score.is_empty() && ind.bonus.is_empty() && ind.discretionary.is_none() {
        cx.push(no_scoring(ind, cx));
        return None;
    }
    let measure = match &ind.measure {
        Some(m) => Some(names.input(m, index, cx)?),
        None => None,
    };
    let target = ind.target.as_ref().and_then(|t| {
        let q = Spanned::new(t.node.value.clone(), t.span);
        q.node.unit.as_ref().and_then(|_| quantity_in_base(&q, None, cx))
    });
    let deductions = statements(&ind.scoring, Sign::Deduct, measure, target, index, names, cx);
    let bonuses = statements(&ind.bonus, Sign::Add, measure, target, index, names, cx);
    let vetoes = ind.vetoes.iter().filter_map(|v| veto(v, measure, index, names, cx)).collect();
    let discretionary = ind.discretionary.as_ref().and_then(|d| discretionary(d, index, names, cx));
    let not_applicable = ind.not_applicable.as_ref().and_then(|n| yes_no_input(n, index, names, cx));
    if error_count(cx) > errors_before {
        return None;
    }
    let lowers = !deductions.is_empty() || !ind.score.is_empty() || discretionary.is_some();
    if !bonuses.is_empty() && !lowers && !cx.bonus_may_exceed {
        cx.push(bonus_never_counts(ind, cx));
    }
    for ladder in deductions.iter().chain(&bonuses).flat_map(|s| &s.ladders) {
        if let Some(spec) = names.spec(ladder.subject) {
            ladder_checks::check(ladder, spec, cx);
        }
    }
    let points = points::indicator_points(ind, &deductions, cx)?;
    points::check_places(ind, points, cx);
    let scores = ind
        .score
        .iter()
        .map(|s| score::compile(s, points, measure, index, names, cx).map(|p| (p, s.span)))
        .collect::<Option<Vec<_>>>()?;
    Some(IndicatorPlan {
        path: path.to_vec(),
        name: ind.name.node.clone(),
        span: ind.span,
        name_span: ind.name.span,
        points,
        deductions,
        scores,
        bonuses,
        vetoes,
        discretionary,
        not_applicable,
        target: ind.target.as_ref().map(|t| t.span),
        outcomes: None,
    })
}

fn error_count(cx: &Ctx<'_>) -> usize {
    cx.diags.iter().filter(|d| d.is_error()).count()
}

/// Compiles `评分` (or `加分`) statements into ladders grouped by subject.
fn statements(
    list: &[ast::Scoring],
    sign: Sign,
    measure: Option<Slot>,
    target: Option<(Decimal, &'static Unit)>,
    index: usize,
    names: &mut Names,
    cx: &mut Ctx<'_>,
) -> Vec<StatementPlan> {
    // Tiers on one input form one ladder across the indicator's lines; a line
    // with its own cap (最多扣N分) keeps its ladders to itself.
    let mut shared = StatementPlan { ladders: Vec::new(), cap: None };
    let mut out = Vec::with_capacity(list.len());
    for scoring in list {
        let mut st = Statement::new(measure, target);
        let mut own = StatementPlan { ladders: Vec::new(), cap: scoring.cap.as_ref().map(|c| c.node) };
        let ladders = if own.cap.is_some() { &mut own.ladders } else { &mut shared.ladders };
        for tier in &scoring.tiers {
            if let Some((subject, plan)) = st.tier(tier, sign, index, names, cx) {
                push_tier(ladders, subject, scoring.cumulative, plan);
            }
        }
        if own.cap.is_some() {
            out.push(own);
        }
    }
    if !shared.ladders.is_empty() {
        out.insert(0, shared);
    }
    out
}

fn push_tier(ladders: &mut Vec<Ladder>, subject: Slot, cumulative: bool, plan: TierPlan) {
    match ladders.iter_mut().find(|l| l.subject == subject && l.cumulative == cumulative) {
        Some(ladder) => ladder.tiers.push(plan),
        None => ladders.push(Ladder { subject, cumulative, tiers: vec![plan] }),
    }
}

fn veto(
    v: &Spanned<ast::Veto>,
    measure: Option<Slot>,
    index: usize,
    names: &mut Names,
    cx: &mut Ctx<'_>,
) -> Option<VetoPlan> {
    let mut st = Statement::new(measure, None);
    let (subject, test, _, _) = st.condition(v.node.subject.as_ref(), &v.node.test, v.span, index, names, cx)?;
    Some(VetoPlan { subject, test, disqualify: v.node.disqualify, zero: v.node.zero, span: v.span })
}

fn discretionary(
    d: &Spanned<ast::Discretionary>,
    index: usize,
    names: &mut Names,
    cx: &mut Ctx<'_>,
) -> Option<(Slot, Decimal)> {
    let slot = names.input(&d.node.input, index, cx)?;
    if names.unit(slot).is_some_and(|u| u.base != units::POINTS.base) {
        return cx.fail(cx.error(Code::UnitMismatch, d.node.input.span, &DISCRETIONARY_NOT_POINTS));
    }
    Some((slot, d.node.max.node))
}

fn yes_no_input(n: &Spanned<String>, index: usize, names: &mut Names, cx: &mut Ctx<'_>) -> Option<Slot> {
    let slot = names.input(n, index, cx)?;
    if names.spec(slot).is_some_and(|s| s.kind != ValueKind::YesNo) {
        return cx.fail(cx.error_about(Code::WrongKind, n.span, &n.node, &YES_NO_INPUT_NEEDED));
    }
    Some(slot)
}

fn bonus_never_counts(ind: &ast::Indicator, cx: &Ctx<'_>) -> Diagnostic {
    cx.warning_about(Code::BonusNeverCounts, ind.name.span, &ind.name.node, &BONUS_NEVER_COUNTS)
}

fn pending(ind: &ast::Indicator, note: &Spanned<String>, cx: &Ctx<'_>) -> Diagnostic {
    Diagnostic::warning(
        Code::ScoringPending,
        note.span,
        match cx.lang {
            Lang::Zh => format!("指标 `{}` 的评分待定：{}", ind.name.node, note.node),
            Lang::En => format!("the scoring of indicator `{}` is pending: {}", ind.name.node, note.node),
        },
        cx.pick("评分待定", "pending"),
    )
    .with_help(cx.pick(
        "由人核对评分标准，写出 `评分` 行后删去这一行",
        "have a person check the criterion, write the `scoring` line, then remove this line",
    ))
}

fn no_scoring(ind: &ast::Indicator, cx: &Ctx<'_>) -> Diagnostic {
    cx.error_about(Code::NoScoring, ind.name.span, &ind.name.node, &NO_SCORING)
}

const DISCRETIONARY_NOT_POINTS: Texts = Texts {
    zh: "酌情扣分的输入须以“分”为单位",
    zh_label: "单位应为 分",
    zh_help: Some("声明为 `输入 「酌情扣分值」 = manual（分）`"),
    en: "a discretionary deduction input must be in points (分)",
    en_label: "should be in 分",
    en_help: Some("declare it as `input manual mark = manual (分)`"),
};

const YES_NO_INPUT_NEEDED: Texts = Texts {
    zh: "`{}` 应为“是否”类输入",
    zh_label: "需要是否类输入",
    zh_help: Some("声明为 `输入 没有该项任务 = no_task（是否）`"),
    en: "`{}` must be a yes/no input",
    en_label: "yes/no input needed",
    en_help: Some("declare it as `input no such task = no_task (yes/no)`"),
};

const BONUS_NEVER_COUNTS: Texts = Texts {
    zh: "`{}` 的加分永远不起作用：没有规则让它低于满分，而加分不能超过满分",
    zh_label: "加分不起作用",
    zh_help: Some("检查是否漏写了扣分，或声明 `加分可超过满分`"),
    en: "the bonus of `{}` never counts: nothing lowers it below its points, and bonuses cannot exceed them",
    en_label: "bonus never counts",
    en_help: Some("check for a missing deduction, or declare `bonus may exceed full marks`"),
};

const NO_SCORING: Texts = Texts {
    zh: "指标 `{}` 没有评分条件",
    zh_label: "缺少 `评分`",
    zh_help: Some("加上一行 `评分 …`（扣分）或 `得分 …`（计分），例如 `评分 满意度低于90%，扣3分`"),
    en: "indicator `{}` has no scoring rule",
    en_label: "no `scoring`",
    en_help: Some("add a line `scoring: …` (deductions) or `score: …`, e.g. `scoring: satisfaction below 90% → −3`"),
};
