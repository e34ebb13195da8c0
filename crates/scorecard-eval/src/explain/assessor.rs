//! How a band's points are stated: `得 3 分` for fixed points; for a range
//! (`得3～5分`) whether the assessor's score counted or, without one, which
//! end of the range the file's `未评定时` setting took.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Unassessed;
use scorecard_syntax::Lang;

use super::phrase;
use crate::error::DataError;
use crate::eval::assessor::{band_points, Chosen};
use crate::eval::{self, rules::band_holds};
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

/// What each band of a `得分` line gives, for the bands that hold (`None`
/// for the others): its points and how they are said: `得 3 分` for fixed
/// points; for a range, whether the assessor's score counted or which end of
/// the range the `未评定时` setting took. Without `cumulative` only the first
/// band that holds counts, so no later one is asked for an assessed score.
pub(super) fn outcomes(
    plan: &Plan,
    ind: &IndicatorPlan,
    bands: &[BandPlan],
    cumulative: bool,
    assessed: Option<Slot>,
    record: &Record,
) -> Result<Vec<Option<(Decimal, String)>>, Box<DataError>> {
    let mut said = Vec::with_capacity(bands.len());
    let mut held_one = false;
    for band in bands {
        let holds =
            (cumulative || !held_one) && band_holds(band, record).map_err(|f| Box::new(eval::fault(plan, ind, f)))?;
        if !holds {
            said.push(None);
            continue;
        }
        held_one = true;
        let (value, chosen) = band_points(plan, ind, band, assessed, record)?;
        said.push(Some((value, outcome(plan.lang, value, chosen))));
    }
    Ok(said)
}

/// `得 3 分`, `按评定分计 3.5 分`, `未评定，按规定取区间上限计 5 分` /
/// `scores 3`, `scores 3.5 as assessed`, `scores 5, the top of the range, as it was not assessed`.
fn outcome(lang: Lang, value: Decimal, chosen: Chosen) -> String {
    let v = plain(value);
    match (lang, chosen) {
        (_, Chosen::Fixed) => phrase::band_points(lang, value),
        (Lang::Zh, Chosen::Assessed) => format!("按评定分计 {v} 分"),
        (Lang::En, Chosen::Assessed) => format!("scores {v} as assessed"),
        (Lang::Zh, Chosen::Unassessed(end)) => format!("未评定，按规定取区间{}计 {v} 分", zh_end(end)),
        (Lang::En, Chosen::Unassessed(end)) => format!("scores {v}, {}, as it was not assessed", en_end(end)),
    }
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
