//! File-wide settings: rounding and grade bands.

use rust_decimal::{Decimal, RoundingStrategy};
use scorecard_syntax::ast::{self, RoundingMode};
use scorecard_syntax::{Code, Diagnostic};

use super::Ctx;
use crate::plan::{GradeBand, RoundingPlan};

/// Most decimal places a score may be rounded to.
const MAX_PLACES: u32 = 10;

/// The declared rounding, or 四舍五入 to 2 places.
pub(super) fn rounding(file: &ast::File, cx: &mut Ctx<'_>) -> RoundingPlan {
    let mut plan = RoundingPlan { strategy: RoundingStrategy::MidpointAwayFromZero, places: 2 };
    let Some(r) = &file.rounding else { return plan };
    if r.node.mode == RoundingMode::HalfEven {
        plan.strategy = RoundingStrategy::MidpointNearestEven;
    }
    if let Some(places) = &r.node.places {
        if places.node > MAX_PLACES {
            cx.push(Diagnostic::error(
                Code::BadRounding,
                places.span,
                cx.pick("保留位数最多为 10 位", "at most 10 decimal places"),
                cx.pick("位数过多", "too many places"),
            ));
        }
        plan.places = places.node.min(MAX_PLACES);
    }
    plan
}

/// The declared grade bands, or 优 ≥ 90%, 良 ≥ 80%, 中 ≥ 60% of the full
/// score, and 差 below.
pub(super) fn grades(file: &ast::File, full: Decimal, cx: &mut Ctx<'_>) -> Vec<GradeBand> {
    let Some(grades) = &file.grades else { return default_grades(full) };
    let bands: Vec<GradeBand> = grades
        .node
        .iter()
        .map(|g| GradeBand { name: g.name.node.clone(), min: g.min.as_ref().map(|m| m.node) })
        .collect();
    let mut prev: Option<Decimal> = None;
    for (i, g) in grades.node.iter().enumerate() {
        let last = i.saturating_add(1) == grades.node.len();
        let bad = match (&g.min, last) {
            (None, false) | (Some(_), true) => true,
            (Some(m), false) => prev.is_some_and(|p| m.node >= p),
            (None, true) => false,
        };
        if bad {
            cx.push(
                Diagnostic::error(
                    Code::BadGrades,
                    g.name.span,
                    cx.pick(
                        "等级须按分数从高到低排列，最后一档不写分数（其余情况）",
                        "grades must go from the highest bound down, and the last one has no bound (everything else)",
                    ),
                    cx.pick("等级顺序有误", "grade out of order"),
                )
                .with_help(cx.pick("例如 `等级 优 90，良 80，中 60，差`", "e.g. `grades 优 90, 良 80, 中 60, 差`")),
            );
            break;
        }
        prev = g.min.as_ref().map(|m| m.node);
    }
    bands
}

fn default_grades(full: Decimal) -> Vec<GradeBand> {
    [("优", Some(90)), ("良", Some(80)), ("中", Some(60)), ("差", None)]
        .into_iter()
        .map(|(name, percent)| GradeBand {
            name: name.to_owned(),
            min: percent.and_then(|p| crate::exact::mul(full, Decimal::new(p, 2))),
        })
        .collect()
}
