//! Points: each indicator's (declared or derived), groups', and the total.

use super::texts::Texts;
use rust_decimal::Decimal;
use scorecard_syntax::ast::{self, Outcome, ScoreStmt};
use scorecard_syntax::{Code, Diagnostic, Lang, Span, Spanned};

use super::Ctx;
use crate::number;
use crate::plan::{GroupPlan, IndicatorPlan, Ladder, StatementPlan, TestPlan};

/// The indicator's points: declared, or derived from its rules (the largest
/// possible deduction, or the largest band score).
pub(super) fn indicator_points(
    ind: &ast::Indicator,
    statements: &[StatementPlan],
    cx: &mut Ctx<'_>,
) -> Option<Decimal> {
    let ladders: Vec<&Ladder> = statements.iter().flat_map(|s| &s.ladders).collect();
    if let Some(p) = &ind.points {
        warn_excess(ind, p.node, p.span, &ladders, cx);
        return Some(p.node);
    }
    let derived = if ind.score.is_empty() {
        let deductions = max_deduction(statements);
        let discretionary = ind.discretionary.as_ref().map(|d| d.node.max.node);
        match (deductions, discretionary) {
            (Some(d), Some(m)) if statements.is_empty() => Some(m.max(d)),
            (Some(d), _) => Some(d),
            (None, _) => None,
        }
    } else {
        max_band_score(&ind.score)
    };
    if derived.is_none() {
        cx.push(points_needed(ind, cx));
    }
    derived
}

/// Points finer than the rounding could round a score above them (2.5 points
/// kept to 0 places: a full 2.5 becomes 3), so they are an error.
pub(super) fn check_places(ind: &ast::Indicator, points: Decimal, cx: &mut Ctx<'_>) {
    let scale = points.normalize().scale();
    if scale <= cx.places {
        return;
    }
    let span = ind.points.as_ref().map_or(ind.name.span, |p| p.span);
    let shown = number::plain(points);
    cx.push(
        Diagnostic::error(
            Code::PointsFinerThanRounding,
            span,
            match cx.lang {
                Lang::Zh => format!(
                    "指标 `{}` 的分值 {shown} 分有 {scale} 位小数，而舍入只保留 {} 位",
                    ind.name.node, cx.places
                ),
                Lang::En => format!(
                    "the points of `{}` ({shown}) are finer than the rounding, which keeps {} decimal places",
                    ind.name.node, cx.places
                ),
            },
            cx.pick("比舍入精度更细", "finer than the rounding"),
        )
        .with_help(match (cx.lang, cx.places) {
            (Lang::Zh, 0) => format!("把 `舍入` 改为保留 {scale} 位（或更多），或把分值改为整数"),
            (Lang::Zh, p) => format!("把 `舍入` 改为保留 {scale} 位（或更多），或把分值写到 {p} 位小数"),
            (Lang::En, 0) => format!("keep {scale} or more places in `rounding`, or make the points whole"),
            (Lang::En, p) => format!("keep {scale} or more places in `rounding`, or write the points to {p} places"),
        }),
    );
}

fn points_needed(ind: &ast::Indicator, cx: &Ctx<'_>) -> Diagnostic {
    cx.error_about(Code::PointsUnbounded, ind.name.span, &ind.name.node, &POINTS_NEEDED)
}

/// The largest score bands can give, when every band gives a fixed number of points.
fn max_band_score(stmts: &[Spanned<ScoreStmt>]) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for stmt in stmts {
        let ScoreStmt::Bands { cumulative, bands, .. } = &stmt.node else { return None };
        let mut best = Decimal::ZERO;
        for b in bands {
            let p = match b.node.outcome.node {
                Outcome::Points(p) => p,
                Outcome::Range(low, high) => low.max(high),
                _ => return None,
            };
            best = if *cumulative { crate::exact::add(best, p)? } else { best.max(p) };
        }
        total = crate::exact::add(total, best)?;
    }
    Some(total)
}

/// The largest deduction the statements can produce, or `None` if unbounded.
fn max_deduction(statements: &[StatementPlan]) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for st in statements {
        let mut sum = Decimal::ZERO;
        let mut bounded = true;
        for ladder in &st.ladders {
            match ladder_max(ladder) {
                Some(m) => sum = crate::exact::add(sum, m)?,
                None => bounded = false,
            }
        }
        let capped = match (bounded, st.cap) {
            (true, Some(c)) => sum.min(c),
            (true, None) => sum,
            (false, Some(c)) => c,
            (false, None) => return None,
        };
        total = crate::exact::add(total, capped)?;
    }
    Some(total)
}

/// The largest deduction of one ladder, or `None` if it has a per-step or
/// per-reading tier (its count has no bound).
fn ladder_max(ladder: &Ladder) -> Option<Decimal> {
    let mut max = Decimal::ZERO;
    for tier in &ladder.tiers {
        if matches!(tier.test, TestPlan::PerStep { .. } | TestPlan::Each { .. }) {
            return None;
        }
        max = if ladder.cumulative { crate::exact::add(max, tier.deduct)? } else { max.max(tier.deduct) };
    }
    Some(max)
}

fn warn_excess(ind: &ast::Indicator, points: Decimal, at: Span, ladders: &[&Ladder], cx: &mut Ctx<'_>) {
    let single = ladders.iter().flat_map(|l| &l.tiers).map(|t| t.deduct).max().unwrap_or_default();
    if single > points {
        cx.push(
            Diagnostic::warning(
                Code::DeductionExceedsPoints,
                at,
                match cx.lang {
                    Lang::Zh => format!(
                        "`{}` 有一档扣 {} 分，超过分值 {} 分；扣分到分值为止",
                        ind.name.node,
                        number::plain(single),
                        number::plain(points)
                    ),
                    Lang::En => format!(
                        "a tier of `{}` deducts {}, more than its {} points; deductions stop at the points",
                        ind.name.node,
                        number::plain(single),
                        number::plain(points)
                    ),
                },
                cx.pick("分值小于最大扣分", "points below the largest deduction"),
            )
            .with_help(cx.pick("检查分值或扣分是否写错", "check the points and the deductions")),
        );
    }
}

/// Checks the indicators add up to the declared total; returns the full score.
pub(super) fn check_total(file: &ast::File, indicators: &[IndicatorPlan], check: bool, cx: &mut Ctx<'_>) -> Decimal {
    let sum = sum_points(indicators.iter());
    let Some(total) = &file.total else { return sum };
    if check && sum != total.node {
        let parts: Vec<String> = indicators.iter().map(|i| number::plain(i.points)).collect();
        cx.push(
            Diagnostic::error(
                Code::TotalMismatch,
                total.span,
                match cx.lang {
                    Lang::Zh => {
                        format!("各指标分值之和为 {}，与总分 {} 不符", number::plain(sum), number::plain(total.node))
                    }
                    Lang::En => format!(
                        "the indicators' points add up to {}, not the declared total {}",
                        number::plain(sum),
                        number::plain(total.node)
                    ),
                },
                cx.pick("总分不符", "total does not match"),
            )
            .with_help(match cx.lang {
                Lang::Zh => format!("各指标分值：{}；请修改分值或总分", parts.join(" + ")),
                Lang::En => format!("indicator points: {}; fix the points or the total", parts.join(" + ")),
            }),
        );
    }
    total.node
}

/// Checks each group with declared points against the indicators below it.
pub(super) fn check_groups(
    declared: &[(usize, Decimal, Span)],
    groups: &[GroupPlan],
    indicators: &[IndicatorPlan],
    cx: &mut Ctx<'_>,
) {
    for (index, points, at) in declared {
        let Some(group) = groups.get(*index) else { continue };
        let sum = sum_points(group.indicators.iter().filter_map(|i| indicators.get(*i)));
        if sum != *points {
            cx.push(
                Diagnostic::error(
                    Code::GroupPointsMismatch,
                    *at,
                    match cx.lang {
                        Lang::Zh => format!(
                            "`{}` 下各指标分值之和为 {}，与其分值 {} 不符",
                            group.name,
                            number::plain(sum),
                            number::plain(*points)
                        ),
                        Lang::En => format!(
                            "the indicators under `{}` add up to {}, not its declared {} points",
                            group.name,
                            number::plain(sum),
                            number::plain(*points)
                        ),
                    },
                    cx.pick("分值不符", "points do not match"),
                )
                .with_help(
                    cx.pick("修改该组的分值或其下指标的分值", "fix the group's points or its indicators' points"),
                ),
            );
        }
    }
}

/// The exact sum of the points; `Decimal::MAX` (never equal to a real total) if it cannot be represented.
fn sum_points<'a>(mut it: impl Iterator<Item = &'a IndicatorPlan>) -> Decimal {
    it.try_fold(Decimal::ZERO, |acc, i| crate::exact::add(acc, i.points)).unwrap_or(Decimal::MAX)
}

const POINTS_NEEDED: Texts = Texts {
    zh: "指标 `{}` 的分值无法从评分规则推出，需要写明",
    zh_label: "缺少分值",
    zh_help: Some("按次（每…）扣分、公式、等级或“得满分”都需要写 `分值 N分`；扣分到 N 为止"),
    en: "the points of `{}` cannot be derived from its rules",
    en_label: "points needed",
    en_help: Some("per-count deductions, formulas, grades and `full` need `points N`; deductions stop at N"),
};
