//! File-wide settings: rounding and grade bands.

use super::texts::Texts;
use rust_decimal::{Decimal, RoundingStrategy};
use scorecard_syntax::ast::{self, RoundingMode};
use scorecard_syntax::Code;

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
            cx.push(cx.error(Code::BadRounding, places.span, &TOO_MANY_PLACES));
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
            cx.push(cx.error(Code::BadGrades, g.name.span, &GRADE_OUT_OF_ORDER));
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

const TOO_MANY_PLACES: Texts = Texts {
    zh: "保留位数最多为 10 位",
    zh_label: "位数过多",
    zh_help: None,
    en: "at most 10 decimal places",
    en_label: "too many places",
    en_help: None,
};

const GRADE_OUT_OF_ORDER: Texts = Texts {
    zh: "等级须按分数从高到低排列，最后一档不写分数（其余情况）",
    zh_label: "等级顺序有误",
    zh_help: Some("例如 `等级 优 90，良 80，中 60，差`"),
    en: "grades must go from the highest bound down, and the last one has no bound (everything else)",
    en_label: "grade out of order",
    en_help: Some("e.g. `grades 优 90, 良 80, 中 60, 差`"),
};
