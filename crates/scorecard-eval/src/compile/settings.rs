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

/// The declared grade bands, or 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差.
pub(super) fn grades(file: &ast::File, cx: &mut Ctx<'_>) -> Vec<GradeBand> {
    let Some(grades) = &file.grades else { return default_grades() };
    let bands: Vec<GradeBand> = grades
        .node
        .iter()
        .map(|g| GradeBand { name: g.name.node.clone(), min: g.min.as_ref().map(|m| m.node) })
        .collect();
    let mut prev: Option<Decimal> = None;
    for (i, g) in grades.node.iter().enumerate() {
        let last = i.saturating_add(1) == grades.node.len();
        let bad = match (&g.min, last) {
            (None, false) => true,
            (Some(m), _) => prev.is_some_and(|p| m.node >= p),
            (None, true) => false,
        };
        if bad {
            cx.push(
                Diagnostic::error(
                    Code::BadGrades,
                    g.name.span,
                    cx.pick(
                        "等级须按分数从高到低排列，只有最后一档可以不写分数",
                        "grades must go from the highest bound down, and only the last may omit its bound",
                    ),
                    cx.pick("等级顺序有误", "grade out of order"),
                )
                .with_help(cx.pick("例如 `等级 优 90，良 80，中 60，差`", "e.g. `grades 优 90, 良 80, 中 60, 差`")),
            );
        }
        prev = g.min.as_ref().map(|m| m.node);
    }
    bands
}

fn default_grades() -> Vec<GradeBand> {
    [("优", Some(90)), ("良", Some(80)), ("中", Some(60)), ("差", None)]
        .into_iter()
        .map(|(name, min)| GradeBand { name: name.to_owned(), min: min.map(Decimal::from) })
        .collect()
}
