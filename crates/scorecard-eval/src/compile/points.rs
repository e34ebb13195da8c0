//! Points: each indicator's (declared or derived), groups', and the total.

use rust_decimal::Decimal;
use scorecard_syntax::ast;
use scorecard_syntax::{Code, Diagnostic, Lang, Span};

use super::Ctx;
use crate::format;
use crate::plan::{GroupPlan, IndicatorPlan, Ladder, TestPlan};

/// The indicator's points: declared, or its largest possible deduction.
pub(super) fn indicator_points(ind: &ast::Indicator, ladders: &[Ladder], cx: &mut Ctx<'_>) -> Option<Decimal> {
    let max = max_deduction(ladders);
    match (&ind.points, max) {
        (Some(p), max) => {
            if max.is_some() {
                warn_excess(ind, p.node, p.span, ladders, cx);
            }
            Some(p.node)
        }
        (None, Some(max)) => Some(max),
        (None, None) => {
            cx.push(
                Diagnostic::error(
                    Code::PointsUnbounded,
                    ind.name.span,
                    match cx.lang {
                        Lang::Zh => format!("指标 `{}` 的分值无法从扣分推出，需要写明", ind.name.node),
                        Lang::En => format!("the points of `{}` cannot be derived from its deductions", ind.name.node),
                    },
                    cx.pick("缺少分值", "points needed"),
                )
                .with_help(cx.pick(
                    "按次（每…）扣分没有上限，请写 `分值 N分`，扣分到 N 为止",
                    "a per-count deduction has no largest value; add `points N` (deductions stop at N)",
                )),
            );
            None
        }
    }
}

/// The largest deduction the ladders can produce, or `None` if unbounded.
fn max_deduction(ladders: &[Ladder]) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    for ladder in ladders {
        let mut ladder_max = Decimal::ZERO;
        for tier in &ladder.tiers {
            if matches!(tier.test, TestPlan::PerStep { .. }) {
                return None;
            }
            ladder_max = if ladder.cumulative {
                crate::exact::add(ladder_max, tier.deduct)?
            } else {
                ladder_max.max(tier.deduct)
            };
        }
        total = crate::exact::add(total, ladder_max)?;
    }
    Some(total)
}

fn warn_excess(ind: &ast::Indicator, points: Decimal, at: Span, ladders: &[Ladder], cx: &mut Ctx<'_>) {
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
                        format::plain(single),
                        format::plain(points)
                    ),
                    Lang::En => format!(
                        "a tier of `{}` deducts {}, more than its {} points; deductions stop at the points",
                        ind.name.node,
                        format::plain(single),
                        format::plain(points)
                    ),
                },
                cx.pick("分值小于最大扣分", "points below the largest deduction"),
            )
            .with_help(cx.pick("检查分值或扣分是否写错", "check the points and the deductions")),
        );
    }
}

/// Checks the indicators add up to the declared total; returns the full score.
pub(super) fn check_total(file: &ast::File, indicators: &[IndicatorPlan], cx: &mut Ctx<'_>) -> Decimal {
    let sum = sum_points(indicators.iter());
    let Some(total) = &file.total else { return sum };
    if sum != total.node {
        let parts: Vec<String> = indicators.iter().map(|i| format::plain(i.points)).collect();
        cx.push(
            Diagnostic::error(
                Code::TotalMismatch,
                total.span,
                match cx.lang {
                    Lang::Zh => {
                        format!("各指标分值之和为 {}，与总分 {} 不符", format::plain(sum), format::plain(total.node))
                    }
                    Lang::En => format!(
                        "the indicators' points add up to {}, not the declared total {}",
                        format::plain(sum),
                        format::plain(total.node)
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
                            format::plain(sum),
                            format::plain(*points)
                        ),
                        Lang::En => format!(
                            "the indicators under `{}` add up to {}, not its declared {} points",
                            group.name,
                            format::plain(sum),
                            format::plain(*points)
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

fn sum_points<'a>(it: impl Iterator<Item = &'a IndicatorPlan>) -> Decimal {
    it.fold(Decimal::ZERO, |acc, i| acc.checked_add(i.points).unwrap_or(Decimal::MAX))
}
