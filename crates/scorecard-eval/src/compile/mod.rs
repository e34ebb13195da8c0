//! Checking and compiling a parsed rule file into a [`Plan`]: resolves names
//! to slots, checks units and points, and reports every problem it finds.

mod assessor;
mod band_checks;
mod expr;
mod fixes;
mod indicator;
mod ladder_checks;
mod lists;
mod names;
mod points;
mod score;
mod settings;
mod texts;
mod tiers;

use rust_decimal::Decimal;
use scorecard_syntax::ast::{self, Item};
use scorecard_syntax::{Diagnostic, Lang, LineIndex, Span};
use texts::Texts;

use crate::plan::{GroupPlan, IndicatorPlan, Plan};
use names::Names;

/// Compiles a parsed file. On success returns the plan and any warnings; on
/// failure every error and warning found.
pub fn compile(file: &ast::File, src: &str) -> Result<(Plan, Vec<Diagnostic>), Vec<Diagnostic>> {
    let lines = LineIndex::new(src);
    let mut cx = Ctx {
        lang: file.lang,
        diags: Vec::new(),
        src,
        lines,
        bonus_may_exceed: file.bonus_may_exceed.is_some(),
        unassessed: file.unassessed.is_some(),
        places: 2,
    };
    // Read first: points are checked against the places the scores keep.
    let rounding = settings::rounding(file, &mut cx);
    cx.places = rounding.places;
    let mut names = Names::declare(file, &mut cx);
    expr::declare_calcs(file, &mut names, &mut cx);
    let mut tree = Tree::default();
    for item in &file.items {
        tree.walk(item, &mut Vec::new(), &mut names, &mut cx);
    }
    // After an error, unused inputs and point sums would only echo it.
    let clean = !cx.diags.iter().any(Diagnostic::is_error);
    if clean {
        names.warn_unused(&tree.indicators, &mut cx);
    }
    let total = points::check_total(file, &tree.indicators, clean, &mut cx);
    if clean {
        points::check_groups(&tree.declared_group_points, &tree.groups, &tree.indicators, &mut cx);
    }
    let grades = settings::grades(file, total, &mut cx);
    if cx.diags.iter().any(Diagnostic::is_error) {
        return Err(cx.diags);
    }
    let (inputs, constants) = names.into_parts();
    let mut plan = Plan {
        id: next_id(),
        name: file.name.node.clone(),
        lang: file.lang,
        total,
        na_policy: file.na_policy.as_ref().map_or(scorecard_syntax::ast::NaPolicy::FullPoints, |p| p.node),
        bonus_may_exceed: file.bonus_may_exceed.is_some(),
        unassessed: file.unassessed.as_ref().map(|u| u.node),
        rounding,
        grades,
        inputs,
        constants,
        indicators: tree.indicators,
        groups: tree.groups,
        source: src.to_owned(),
        lines: cx.lines,
    };
    let outcomes: Vec<_> = plan.indicators.iter().map(|ind| crate::eval::outcomes(&plan, ind)).collect();
    for (ind, o) in plan.indicators.iter_mut().zip(outcomes) {
        ind.outcomes = o;
    }
    Ok((plan, cx.diags))
}

/// A fresh identity for a compiled scorecard (unique within the process).
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Diagnostics collected while compiling, in the file's language.
pub(crate) struct Ctx<'s> {
    pub(crate) lang: Lang,
    pub(crate) diags: Vec<Diagnostic>,
    src: &'s str,
    lines: LineIndex,
    /// Whether bonuses may lift a score above its points (`加分可超过满分`).
    pub(crate) bonus_may_exceed: bool,
    /// Decimal places scores are rounded to.
    pub(crate) places: u32,
    /// Whether the file says what a range band gives without an assessor's score.
    pub(crate) unassessed: bool,
}

impl<'s> Ctx<'s> {
    /// The rule file's text.
    pub(crate) fn src(&self) -> &'s str {
        self.src
    }

    /// The line and character column where `span` starts.
    pub(crate) fn line_col(&self, span: Span) -> scorecard_syntax::LineCol {
        self.lines.span_start(self.src, span)
    }

    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Replaces the help of the error with `code` at `span` reported since
    /// `since` diagnostics were collected (a caller that knows more than the
    /// check that reported it).
    pub(crate) fn amend_help(&mut self, since: usize, code: scorecard_syntax::Code, span: Span, help: String) {
        let found =
            self.diags.get_mut(since..).and_then(|new| new.iter_mut().find(|d| d.code == code && d.span == span));
        if let Some(d) = found {
            d.help = Some(help);
        }
    }

    pub(crate) fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }
}

/// Walks the indicator tree, collecting indicators and groups in table order.
#[derive(Default)]
struct Tree {
    indicators: Vec<IndicatorPlan>,
    groups: Vec<GroupPlan>,
    /// (group index, declared points, where declared)
    declared_group_points: Vec<(usize, Decimal, Span)>,
    /// Paths already used (path + name), to find duplicates.
    seen: std::collections::HashMap<Vec<String>, Span>,
}

impl Tree {
    fn walk(&mut self, item: &Item, path: &mut Vec<String>, names: &mut Names, cx: &mut Ctx<'_>) {
        match item {
            Item::Group(g) => {
                let index = self.groups.len();
                self.check_duplicate(path, &g.name, cx);
                self.groups.push(GroupPlan { path: path.clone(), name: g.name.node.clone(), indicators: Vec::new() });
                if let Some(p) = &g.points {
                    self.declared_group_points.push((index, p.node, p.span));
                }
                path.push(g.name.node.clone());
                let first = self.indicators.len();
                for child in &g.items {
                    self.walk(child, path, names, cx);
                }
                path.pop();
                let last = self.indicators.len();
                if let Some(group) = self.groups.get_mut(index) {
                    group.indicators = (first..last).collect();
                }
            }
            Item::Indicator(ind) => {
                self.check_duplicate(path, &ind.name, cx);
                let index = self.indicators.len();
                let errors = cx.diags.iter().filter(|d| d.is_error()).count();
                match indicator::compile(ind, path, index, names, cx) {
                    Some(plan) => self.indicators.push(plan),
                    // Never drop an indicator without saying why.
                    None if cx.diags.iter().filter(|d| d.is_error()).count() == errors => cx.push(Diagnostic::error(
                        scorecard_syntax::Code::Syntax,
                        ind.name.span,
                        "internal error: this indicator could not be compiled (please report this)",
                        "here",
                    )),
                    None => {}
                }
            }
        }
    }

    fn check_duplicate(&mut self, path: &[String], name: &scorecard_syntax::Spanned<String>, cx: &mut Ctx<'_>) {
        let mut full = path.to_vec();
        full.push(name.node.clone());
        if let Some(first) = self.seen.get(&full).copied() {
            cx.push(
                cx.error_about(scorecard_syntax::Code::DuplicateIndicator, name.span, &name.node, &DUPLICATE_INDICATOR)
                    .with_help(match cx.lang {
                        Lang::Zh => format!("第一次出现在 {}；请改名或合并两处", cx.line_col(first)),
                        Lang::En => format!("first defined at {}; rename one or merge them", cx.line_col(first)),
                    }),
            );
        } else {
            self.seen.insert(full, name.span);
        }
    }
}

const DUPLICATE_INDICATOR: Texts = Texts {
    zh: "指标 `{}` 在同一位置重复出现",
    zh_label: "重复的指标",
    zh_help: None,
    en: "indicator `{}` appears twice at the same place",
    en_label: "duplicate indicator",
    en_help: None,
};
