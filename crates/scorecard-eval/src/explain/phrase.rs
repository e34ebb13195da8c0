//! The sentence forms explanations are built from, each written once per
//! language: a value, a comparison, a distance, a step, an outcome. The
//! builders above this module decide *what* to say; these decide *how*.

use rust_decimal::Decimal;
use scorecard_syntax::ast::{Dir, Sign};
use scorecard_syntax::Lang;

use crate::number;
use crate::plan::RoundingPlan;
use crate::units::Unit;

/// `完成率 95.5%` / `completion 95.5%`: a name and its value.
pub(super) fn value(name: &str, shown: &str) -> String {
    format!("{name} {shown}")
}

/// `完成率为 100%` / `completion is 100%`: a value that equals what the rule asks.
pub(super) fn equals(lang: Lang, name: &str, shown: &str) -> String {
    match lang {
        Lang::Zh => format!("{name}{}", before("为", shown)),
        Lang::En => format!("{name} is {shown}"),
    }
}

/// `完成率 95.5%，低于 90%` / `completion 95.5% is below 90%`: a subject and how it relates.
pub(super) fn is(lang: Lang, subject: &str, relation: &str) -> String {
    match lang {
        Lang::Zh => format!("{subject}，{relation}"),
        Lang::En => format!("{subject} is {relation}"),
    }
}

/// `…，扣 3 分` / `…: −3`: a clause and what it led to.
pub(super) fn then(lang: Lang, clause: &str, outcome: &str) -> String {
    match lang {
        Lang::Zh => format!("{clause}，{outcome}"),
        Lang::En => format!("{clause}: {outcome}"),
    }
}

/// Clauses of one sentence part: `，` / `, `.
pub(super) fn list(lang: Lang, clauses: &[String]) -> String {
    clauses.join(lang.pick("，", ", "))
}

/// Parts of one indicator's sentence: `；` / `; `.
pub(super) fn parts(lang: Lang, parts: &[String]) -> String {
    parts.join(lang.pick("；", "; "))
}

/// What a tier did: `扣 3 分` / `−3`, `加 1 分` / `+1`, or nothing:
/// `不扣分` / `no deduction`, `不加分` / `no bonus`.
///
/// An amount with more than two places beyond what scores keep (a part
/// step's 1.3333…) is shown rounded, as `约扣 1.33 分` / `about −1.33`; the
/// score is rounded once, at the end.
pub(super) fn deduction(lang: Lang, sign: Sign, amount: Option<Decimal>, places: Option<RoundingPlan>) -> String {
    let long = |a: Decimal, p: RoundingPlan| a.normalize().scale() > p.places.saturating_add(2);
    let rounded = amount.map(|a| match places {
        Some(p) if long(a, p) => a.round_dp_with_strategy(p.places, p.strategy),
        _ => a,
    });
    let about = rounded != amount;
    let n = rounded.map(number::plain);
    match (lang, sign, n) {
        (Lang::Zh, Sign::Deduct, Some(n)) if about => format!("约扣 {n} 分"),
        (Lang::Zh, Sign::Add, Some(n)) if about => format!("约加 {n} 分"),
        (Lang::En, Sign::Deduct, Some(n)) if about => format!("about −{n}"),
        (Lang::En, Sign::Add, Some(n)) if about => format!("about +{n}"),
        (Lang::Zh, Sign::Deduct, Some(n)) => format!("扣 {n} 分"),
        (Lang::Zh, Sign::Add, Some(n)) => format!("加 {n} 分"),
        (Lang::En, Sign::Deduct, Some(n)) => format!("−{n}"),
        (Lang::En, Sign::Add, Some(n)) => format!("+{n}"),
        (Lang::Zh, Sign::Deduct, None) => "不扣分".to_owned(),
        (Lang::Zh, Sign::Add, None) => "不加分".to_owned(),
        (Lang::En, Sign::Deduct, None) => "no deduction".to_owned(),
        (Lang::En, Sign::Add, None) => "no bonus".to_owned(),
    }
}

/// What a band gives: `得 5 分` / `scores 5`, and `不得分` / `scores 0`.
pub(super) fn band_points(lang: Lang, points: Decimal) -> String {
    match lang {
        Lang::Zh if points.is_zero() => "不得分".to_owned(),
        Lang::Zh => format!("得 {} 分", number::plain(points)),
        Lang::En => format!("scores {}", number::plain(points)),
    }
}

/// A score that may be rounded for display: `19.1 分` or `约 0.67 分` /
/// `19.1` or `about 0.67`.
pub(super) fn score(lang: Lang, shown: &str, approximate: bool) -> String {
    match (lang, approximate) {
        (Lang::Zh, false) => format!("{shown} 分"),
        (Lang::Zh, true) => format!("约 {shown} 分"),
        (Lang::En, false) => shown.to_owned(),
        (Lang::En, true) => format!("about {shown}"),
    }
}

/// `比 100% 低 4.5 个百分点` / `4.5 pp below 100%`: how far a value lies
/// from its reference, on the side that counts.
pub(super) fn distance(lang: Lang, side: Side, reference: &str, dist: &str) -> String {
    match (lang, side.dir) {
        (Lang::Zh, Dir::Both) => format!("{} 相差 {dist}", before("与", reference)),
        (Lang::Zh, _) => format!("{} {} {dist}", before("比", reference), side.word(lang)),
        (Lang::En, _) => format!("{dist} {} {reference}", side.word(lang)),
    }
}

/// How values of a unit are compared in words: levels and rates go up and
/// down (`高`/`低`), durations are longer or shorter (`多`/`少`: `比 30天 多 5天`),
/// dates are later or earlier (`晚`/`早`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Measure {
    /// Rates, amounts of money, counts: `高`/`低`.
    Level,
    /// Durations (天, 周, 小时, 个月, 年): `多`/`少`.
    Duration,
    /// Calendar dates: `晚`/`早`.
    Date,
}

impl Measure {
    /// The measure of values in `unit`.
    pub(super) fn of(unit: &Unit) -> Self {
        if unit.is_date() {
            Self::Date
        } else if unit.is_duration() {
            Self::Duration
        } else {
            Self::Level
        }
    }
}

/// Which side of a reference a per-step tier counts, and how its subject is
/// compared (`高`/`低`, `多`/`少`, `晚`/`早`).
#[derive(Clone, Copy)]
pub(super) struct Side {
    /// The side.
    pub(super) dir: Dir,
    /// How the subject is compared.
    pub(super) measure: Measure,
}

impl Side {
    /// `低` / `below`, `多` / `over`, `晚` / `after`, `相差` / `off`.
    pub(super) fn word(self, lang: Lang) -> &'static str {
        match (self.dir, self.measure) {
            (Dir::Below, Measure::Level) => lang.pick("低", "under"),
            (Dir::Above, Measure::Level) => lang.pick("高", "over"),
            (Dir::Below, Measure::Duration) => lang.pick("少", "under"),
            (Dir::Above, Measure::Duration) => lang.pick("多", "over"),
            (Dir::Below, Measure::Date) => lang.pick("早", "before"),
            (Dir::Above, Measure::Date) => lang.pick("晚", "after"),
            (Dir::Both, _) => lang.pick("相差", "off"),
        }
    }
}

/// `未低于 100%` / `not below 100%`: the value is not on the side that counts.
pub(super) fn not_past(lang: Lang, side: Side, reference: &str) -> String {
    let word = match (side.dir, side.measure) {
        (Dir::Below, Measure::Level) => lang.pick("未低于", "not below"),
        (Dir::Above, Measure::Level | Measure::Duration) => lang.pick("未超过", "not above"),
        (Dir::Below, Measure::Duration) => lang.pick("不少于", "not under"),
        (Dir::Below, Measure::Date) => lang.pick("不早于", "not before"),
        (Dir::Above, Measure::Date) => lang.pick("不晚于", "not after"),
        (Dir::Both, _) => {
            return lang.pick(format!("{} 相同", before("与", reference)), format!("equal to {reference}"))
        }
    };
    before(word, reference)
}

/// `每低 1 个百分点扣 1 分`, `每次扣 2 分` / `−1 for each 1 pp below`,
/// `−2 for each 次`: the rate of a per-step tier.
pub(super) fn per_step(lang: Lang, side: Option<Side>, step: &str, per: Decimal, sign: Sign) -> String {
    let n = number::plain(per);
    match lang {
        Lang::Zh => {
            let side = side.map_or("", |s| s.word(lang));
            let verb = if sign == Sign::Deduct { "扣" } else { "加" };
            // A number gets a space before it (`每低 1 个百分点`); a unit alone does not (`每次`).
            format!("{}{verb} {n} 分", before(&format!("每{side}"), step))
        }
        Lang::En => {
            let signed = if sign == Sign::Deduct { format!("−{n}") } else { format!("+{n}") };
            let side = side.map_or(String::new(), |s| format!(" {}", s.word(lang)));
            format!("{signed} for each {step}{side}")
        }
    }
}

/// `共 3 次` / `3 in all`: how many one-unit steps were counted.
pub(super) fn count(lang: Lang, n: Decimal, unit: &str) -> String {
    match lang {
        Lang::Zh => format!("共 {} {unit}", number::plain(n)),
        Lang::En => format!("{} in all", number::plain(n)),
    }
}

/// `30亩 ÷ 10亩 = 3` / `30亩 ÷ 10亩 = 3`: how many steps a distance holds.
pub(super) fn steps(dist: &str, step: &str, n: &str) -> String {
    format!("{dist} ÷ {step} = {n}")
}

/// `不足 1 个百分点的部分不计` / `part steps not counted`.
pub(super) fn part_step_dropped(lang: Lang, step: &str) -> String {
    lang.pick(format!("不足 {step}的部分不计"), "part steps not counted".to_owned())
}

/// `按比例计` / `part steps counted pro rata`.
pub(super) fn part_step_pro_rata(lang: Lang) -> String {
    lang.pick("按比例计", "part steps counted pro rata").to_owned()
}

/// `word` then `text`, with a space before a number (`比 100%`, `每低 1 个百分点`)
/// and none before a name or a unit alone (`比目标面积`, `每次`).
pub(super) fn before(word: &str, text: &str) -> String {
    let spaced =
        word.ends_with(|c: char| c.is_ascii_alphabetic()) || text.starts_with(|c: char| c.is_ascii_digit() || c == '-');
    let gap = if spaced { " " } else { "" };
    format!("{word}{gap}{text}")
}
