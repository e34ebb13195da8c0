//! How a band's points are stated: `计 3 分` for fixed points; for a range
//! (`得3～5分`) whether the assessor's score counted or, without one, which
//! end of the range the file's `未评定时` setting took.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Unassessed;
use scorecard_syntax::Lang;

use crate::error::DataError;
use crate::eval::assessor::{band_points, Chosen};
use crate::number::plain;
use crate::plan::{BandPlan, IndicatorPlan, Plan, Slot};

/// For a `得分` line with a range band, where its points come from, e.g.
/// `；区间内按评定分 `评审得分` 计分，未评定时取上限` (empty otherwise).
pub(crate) fn policy(plan: &Plan, bands: &[BandPlan], assessed: Option<String>, lang: Lang) -> String {
    if bands.iter().all(|b| b.high.is_none()) {
        return String::new();
    }
    let by = match (assessed, lang) {
        (Some(a), Lang::Zh) => format!("；区间内按评定分 `{a}` 计分"),
        (Some(a), Lang::En) => format!("; within a range, the assessed score `{a}` counts"),
        (None, Lang::Zh) => "；区间不读取评定分".to_owned(),
        (None, Lang::En) => "; no assessed score is read for a range".to_owned(),
    };
    let otherwise = match (plan.unassessed, lang) {
        (Some(end), Lang::Zh) => format!("，未评定时取{}", zh_end(end)),
        (Some(end), Lang::En) => format!(", and without one {}", en_end(end)),
        (None, Lang::Zh) => "，缺少评定分的记录报错".to_owned(),
        (None, Lang::En) => ", and a record without one is rejected".to_owned(),
    };
    format!("{by}{otherwise}")
}
use crate::record::Record;

/// The end of a band sentence: the points `value`, and how a range chose them.
pub(super) fn points(
    plan: &Plan,
    ind: &IndicatorPlan,
    hits: &[&BandPlan],
    cumulative: bool,
    assessed: Option<Slot>,
    record: &Record,
    value: Decimal,
) -> Result<String, Box<DataError>> {
    let chosen = match (cumulative, hits) {
        (false, [band]) => band_points(plan, ind, band, assessed, record)?.1,
        _ => Chosen::Fixed,
    };
    let v = plain(value);
    Ok(match (plan.lang, chosen) {
        (Lang::Zh, Chosen::Fixed) => format!("计 {v} 分"),
        (Lang::En, Chosen::Fixed) => v,
        (Lang::Zh, Chosen::Assessed) => format!("按评定分计 {v} 分"),
        (Lang::En, Chosen::Assessed) => format!("assessed {v}"),
        (Lang::Zh, Chosen::Unassessed(end)) => format!("未评定，按规定取区间{}计 {v} 分", zh_end(end)),
        (Lang::En, Chosen::Unassessed(end)) => format!("not assessed, so {}: {v}", en_end(end)),
    })
}

fn zh_end(end: Unassessed) -> &'static str {
    match end {
        Unassessed::Top => "上限",
        Unassessed::Bottom => "下限",
        Unassessed::Middle => "中间值",
    }
}

fn en_end(end: Unassessed) -> &'static str {
    match end {
        Unassessed::Top => "the top of the range",
        Unassessed::Bottom => "the bottom of the range",
        Unassessed::Middle => "the middle of the range",
    }
}
