//! Building the reading model from a compiled plan.

use rust_decimal::{Decimal, RoundingStrategy};
use scorecard_syntax::ast::{NaPolicy, Sign};
use scorecard_syntax::{Lang, Span};

use super::condition::Cx;
use super::{
    BandReading, ConstantReading, GradeBandReading, GradeMapping, IndicatorReading, InputKind, InputReading,
    LadderReading, Place, Reading, Rule, ScoreReading, StatementReading, TierReading, VetoReading,
};
use crate::number::plain;
use crate::plan::{IndicatorPlan, InputSpec, Ladder, Plan, ScorePlan, StatementPlan, ValueKind, VetoPlan};

/// How the engine reads `plan`, with sentences in `lang`.
pub(crate) fn build(plan: &Plan, lang: Lang) -> Reading {
    let cx = Cx { plan, lang };
    Reading {
        name: plan.name.clone(),
        lang: lang.pick("zh", "en"),
        total: plan.total,
        rounding: rounding(plan, lang),
        not_applicable: match plan.na_policy {
            NaPolicy::FullPoints => {
                lang.pick("不适用的指标得满分", "a not-applicable indicator scores its full points")
            }
            NaPolicy::Rescale => lang.pick(
                "不适用的指标不计入总分，总分按其余指标折算",
                "a not-applicable indicator is left out and the total is rescaled",
            ),
        }
        .to_owned(),
        grades: plan.grades.iter().map(|g| GradeBandReading { name: g.name.clone(), min: g.min }).collect(),
        inputs: plan.inputs.iter().map(|s| input(&cx, s)).collect(),
        constants: plan
            .constants
            .iter()
            .map(|c| ConstantReading {
                name: c.name.clone(),
                value: crate::reading::Amount {
                    value: c.unit.from_base(c.value).unwrap_or(c.value).normalize(),
                    unit: c.unit.display().to_owned(),
                    shown: c.unit.from_base(c.value).map_or_else(|| plain(c.value), |v| c.unit.amount(v)),
                },
                place: place(plan, c.span),
            })
            .collect(),
        indicators: plan.indicators.iter().map(|i| indicator(&cx, i)).collect(),
    }
}

/// Where `span` is written.
fn place(plan: &Plan, span: Span) -> Place {
    let at = plan.lines.span_start(&plan.source, span);
    Place { span, line: at.line, column: at.column }
}

fn rounding(plan: &Plan, lang: Lang) -> String {
    let places = plan.rounding.places;
    let how = match (plan.rounding.strategy, lang) {
        (RoundingStrategy::MidpointAwayFromZero, Lang::Zh) => "四舍五入",
        (RoundingStrategy::MidpointNearestEven, Lang::Zh) => "四舍六入五成双",
        (RoundingStrategy::ToZero, Lang::Zh) => "截尾",
        (RoundingStrategy::AwayFromZero, Lang::Zh) => "进一",
        (RoundingStrategy::MidpointAwayFromZero, Lang::En) => "half away from zero",
        (RoundingStrategy::MidpointNearestEven, Lang::En) => "half to even",
        (RoundingStrategy::ToZero, Lang::En) => "truncated",
        (RoundingStrategy::AwayFromZero, Lang::En) => "rounded up",
        (_, _) => lang.pick("舍入", "rounded"),
    };
    match lang {
        Lang::Zh => format!("各指标得分{how}，保留 {places} 位小数"),
        Lang::En => format!("each indicator's score is rounded {how} to {places} decimal places"),
    }
}

fn input(cx: &Cx<'_>, spec: &InputSpec) -> InputReading {
    let plan = cx.plan;
    let (kind, grades) = match (&spec.kind, &spec.derived) {
        (_, Some(_)) => (InputKind::Derived, Vec::new()),
        (ValueKind::Number, None) => (InputKind::Number, Vec::new()),
        (ValueKind::YesNo, None) => (InputKind::YesNo, Vec::new()),
        (ValueKind::Grades(g), None) => (InputKind::Grades, g.clone()),
    };
    let formula = spec.derived.as_ref().and_then(|_| derived_formula(plan, spec.span));
    InputReading {
        key: spec.derived.is_none().then(|| spec.key.clone()),
        name: spec.name.clone(),
        unit: spec.unit.display().to_owned(),
        kind,
        grades,
        range: spec.range.map(|(lo, hi)| (cx.amount(spec, lo), cx.amount(spec, hi))),
        formula,
        used_by: spec.used_by.iter().filter_map(|&i| plan.indicators.get(i)).map(|i| i.name.clone()).collect(),
        optional: spec.optional,
        list: spec.list,
        place: place(plan, spec.span),
    }
}

/// The formula of a derived value: the rest of its declaration line after `=`.
fn derived_formula(plan: &Plan, name: Span) -> Option<String> {
    let rest = plan.source.get(name.end as usize..)?;
    let line = rest.lines().next()?;
    let (_, formula) = line.split_once(['=', '＝'])?;
    Some(formula.trim().to_owned())
}

fn indicator(cx: &Cx<'_>, ind: &IndicatorPlan) -> IndicatorReading {
    let mut rules = Vec::new();
    if let Some(slot) = ind.not_applicable {
        let input = cx.plan.inputs.get(slot).map_or_else(String::new, |s| s.name.clone());
        let words = match cx.lang {
            Lang::Zh => format!("{input}为「是」时本项不适用"),
            Lang::En => format!("not applicable when `{input}` is yes"),
        };
        rules.push(Rule::NotApplicable { input, words });
    }
    rules.extend(ind.vetoes.iter().map(|v| Rule::Veto(veto(cx, v))));
    rules.extend(ind.scores.iter().map(|(s, span)| Rule::Score(score(cx, s, *span))));
    rules.extend(ind.deductions.iter().map(|st| Rule::Deduction(statement(cx, st, Sign::Deduct))));
    rules.extend(ind.bonuses.iter().map(|st| Rule::Bonus(statement(cx, st, Sign::Add))));
    if let Some((slot, max)) = ind.discretionary {
        let input = cx.plan.inputs.get(slot).map_or_else(String::new, |s| s.name.clone());
        let words = match cx.lang {
            Lang::Zh => format!("由评价人酌情扣分（{input}），最多扣 {} 分", plain(max)),
            Lang::En => format!("the assessor may deduct up to {} (`{input}`)", plain(max)),
        };
        rules.push(Rule::Discretionary { input, max, words });
    }
    IndicatorReading {
        path: ind.path.clone(),
        name: ind.name.clone(),
        points: ind.points,
        place: place(cx.plan, ind.name_span),
        span: ind.span,
        bounds: bounds(cx, ind),
        rules,
    }
}

/// The range the indicator's score is kept in.
fn bounds(cx: &Cx<'_>, ind: &IndicatorPlan) -> String {
    let points = plain(ind.points);
    match (cx.lang, cx.plan.bonus_may_exceed) {
        (Lang::Zh, false) => format!("本项得分在 0～{points} 分之间"),
        (Lang::Zh, true) => format!("本项得分不低于 0 分，加分可使其超过分值 {points} 分"),
        (Lang::En, false) => format!("the score stays between 0 and {points}"),
        (Lang::En, true) => format!("the score does not go below 0; bonuses may lift it above {points}"),
    }
}

fn statement(cx: &Cx<'_>, st: &StatementPlan, sign: Sign) -> StatementReading {
    let words = match (cx.lang, sign, st.cap) {
        (_, _, None) => String::new(),
        (Lang::Zh, Sign::Deduct, Some(c)) => format!("本条最多扣 {} 分", plain(c)),
        (Lang::Zh, Sign::Add, Some(c)) => format!("本条最多加 {} 分", plain(c)),
        (Lang::En, Sign::Deduct, Some(c)) => format!("this statement deducts at most {}", plain(c)),
        (Lang::En, Sign::Add, Some(c)) => format!("this statement adds at most {}", plain(c)),
    };
    StatementReading { ladders: st.ladders.iter().map(|l| ladder(cx, l, sign)).collect(), cap: st.cap, words }
}

fn ladder(cx: &Cx<'_>, ladder: &Ladder, sign: Sign) -> LadderReading {
    let lang = cx.lang;
    let subject = cx.plan.inputs.get(ladder.subject);
    let policy = match (ladder.cumulative, sign) {
        (false, Sign::Deduct) => lang.pick("只扣最重的一档，不累计", "only the heaviest tier that holds deducts"),
        (false, Sign::Add) => lang.pick("只加最多的一档，不累计", "only the largest tier that holds adds"),
        (true, Sign::Deduct) => lang.pick("符合的各档累计扣分", "every tier that holds deducts (cumulative)"),
        (true, Sign::Add) => lang.pick("符合的各档累计加分", "every tier that holds adds (cumulative)"),
    };
    let tiers = subject
        .map(|spec| {
            ladder
                .tiers
                .iter()
                .map(|t| {
                    let condition = cx.condition(spec, &t.test, t.base_name.as_deref(), &t.shown);
                    let cond = if matches!(condition.test, super::Test::All { .. } | super::Test::Otherwise) {
                        condition.words.clone()
                    } else {
                        cx.with_subject(&spec.name, &condition.words)
                    };
                    let words = format!("{cond}{}", outcome(lang, sign, t.deduct));
                    let written = t.span.text(&cx.plan.source).to_owned();
                    TierReading { written, condition, points: t.deduct, words, place: place(cx.plan, t.span) }
                })
                .collect()
        })
        .unwrap_or_default();
    LadderReading {
        subject: subject.map_or_else(String::new, |s| s.name.clone()),
        cumulative: ladder.cumulative,
        policy: policy.to_owned(),
        tiers,
    }
}

/// `，扣 3 分` / `: −3`.
fn outcome(lang: Lang, sign: Sign, points: Decimal) -> String {
    match (lang, sign) {
        (Lang::Zh, Sign::Deduct) => format!("，扣 {} 分", plain(points)),
        (Lang::Zh, Sign::Add) => format!("，加 {} 分", plain(points)),
        (Lang::En, Sign::Deduct) => format!(": −{}", plain(points)),
        (Lang::En, Sign::Add) => format!(": +{}", plain(points)),
    }
}

fn score(cx: &Cx<'_>, s: &ScorePlan, span: Span) -> ScoreReading {
    let (plan, lang) = (cx.plan, cx.lang);
    let name = |slot: usize| plan.inputs.get(slot).map_or_else(String::new, |s| s.name.clone());
    match s {
        ScorePlan::Bands { bands, cumulative, assessed } => ScoreReading::Bands {
            cumulative: *cumulative,
            policy: format!(
                "{}{}",
                if *cumulative {
                    lang.pick("符合的各档分数相加", "every band that holds adds its points")
                } else {
                    lang.pick("按第一个符合的档计分", "the first band that holds gives the score")
                },
                crate::explain::assessor_policy(plan, bands, assessed.map(name), lang)
            ),
            bands: bands.iter().map(|b| band(cx, b)).collect(),
            place: place(plan, span),
        },
        ScorePlan::Formula { scale, .. } => {
            let percent = *scale != Decimal::ONE;
            let words = match (lang, percent) {
                (Lang::Zh, true) => "结果为百分数，除以 100 即为得分；最低 0 分，最高为分值".to_owned(),
                (Lang::Zh, false) => "按公式计分；最低 0 分，最高为分值".to_owned(),
                (Lang::En, true) => {
                    "the result is a percentage: divided by 100 it is the score, kept between 0 and the points"
                        .to_owned()
                }
                (Lang::En, false) => "the formula gives the score, kept between 0 and the points".to_owned(),
            };
            let formula = span.text(&plan.source).to_owned();
            ScoreReading::Formula { formula, percent, words, place: place(plan, span) }
        }
        ScorePlan::Grades { input, grades, assessed } => {
            let labels = match plan.inputs.get(*input).map(|s| &s.kind) {
                Some(ValueKind::Grades(g)) => g.clone(),
                _ => Vec::new(),
            };
            let grades = labels
                .into_iter()
                .zip(grades)
                .map(|(grade, g)| GradeMapping {
                    grade,
                    low: g.as_ref().map(|g| g.low),
                    high: g.as_ref().map(|g| g.high),
                })
                .collect();
            let words = match (lang, assessed) {
                (Lang::Zh, Some(a)) => format!("取{}，须在该等级的分数区间内", name(*a)),
                (Lang::Zh, None) => "取该等级的最高分".to_owned(),
                (Lang::En, Some(a)) => format!("the assessed score (`{}`) within the grade's range", name(*a)),
                (Lang::En, None) => "the top of the grade's range".to_owned(),
            };
            let assessed = assessed.map(name);
            ScoreReading::Grades { input: name(*input), assessed, grades, words, place: place(plan, span) }
        }
    }
}

fn band(cx: &Cx<'_>, b: &crate::plan::BandPlan) -> BandReading {
    let spec = b.subject.and_then(|s| cx.plan.inputs.get(s));
    let condition = match spec {
        Some(spec) => cx.condition(spec, &b.test, None, ""),
        None => super::Condition {
            test: super::Test::Otherwise,
            words: cx.lang.pick("其他情况", "otherwise").to_owned(),
        },
    };
    let cond = match spec {
        Some(s) if !matches!(condition.test, super::Test::All { .. }) => cx.with_subject(&s.name, &condition.words),
        _ => condition.words.clone(),
    };
    let words = match (cx.lang, b.high) {
        (Lang::Zh, None) => format!("{cond}，计 {} 分", plain(b.points)),
        (Lang::En, None) => format!("{cond}: {} points", plain(b.points)),
        (Lang::Zh, Some(high)) => format!("{cond}，由评审人在 {}～{} 分之间评定", plain(b.points), plain(high)),
        (Lang::En, Some(high)) => format!("{cond}: {} to {} points, as assessed", plain(b.points), plain(high)),
    };
    BandReading {
        subject: spec.map(|s| s.name.clone()),
        condition,
        points: b.points,
        words,
        place: place(cx.plan, b.span),
    }
}

fn veto(cx: &Cx<'_>, v: &VetoPlan) -> VetoReading {
    let spec = cx.plan.inputs.get(v.subject);
    let condition = match spec {
        Some(spec) => cx.condition(spec, &v.test, None, ""),
        None => super::Condition { test: super::Test::Otherwise, words: String::new() },
    };
    let subject = spec.map_or_else(String::new, |s| s.name.clone());
    let cond = if matches!(condition.test, super::Test::All { .. }) {
        condition.words.clone()
    } else {
        cx.with_subject(&subject, &condition.words)
    };
    let then = match (cx.lang, v.zero, v.disqualify) {
        (Lang::Zh, true, false) => "本项得 0 分",
        (Lang::Zh, true, true) => "本项得 0 分，并取消资格",
        (Lang::Zh, false, _) => "取消资格，本项得分不变",
        (Lang::En, true, false) => "the indicator scores 0",
        (Lang::En, true, true) => "the indicator scores 0 and the scorecard is disqualified",
        (Lang::En, false, _) => "the scorecard is disqualified; this score stands",
    };
    let words = format!("{cond}{}{then}", cx.lang.pick("，", ": "));
    VetoReading { subject, condition, zero: v.zero, disqualify: v.disqualify, words, place: place(cx.plan, v.span) }
}
