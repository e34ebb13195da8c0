//! Likely rewordings of criteria the parser cannot read, proposed to a person, never applied silently.
//!
//! - A count phrased as an event: `参评期间有一次黑榜该项扣分25分` →
//!   `黑榜次数达到1次，扣25分`.
//! - A time limit phrased as a requirement: `年办结率未按照时限90%要求办理扣15分`
//!   → `年办结率未达到90%，扣15分`.
//! - A count per occurrence that names no subject: `出现因贫辍学的，每发生1人扣5分`
//!   on the indicator 因贫辍学学生人数 → `每1人因贫辍学学生人数扣5分`, the
//!   language's per-step form counted from zero.
//! - An amount per unit of area or head when the indicator's name already
//!   says so: `亩均财政投入超过3000元/亩的，扣5分` → `亩均财政投入超过3000元，扣5分`.
//!
//! [`discretionary`] explains a deduction left to the assessor (`视情况扣1-5分`),
//! which the draft's `酌情扣分` stand-in already is.

use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

/// A rewording and why it is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rewording {
    /// What is unclear in the original.
    pub unclear: String,
    /// The proposed `评分` text.
    pub text: String,
}

#[expect(clippy::expect_used, reason = "constant patterns, checked by the tests below")]
static DEDUCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"扣(?:分|除)?\s*(?:\d+(?:\.\d+)?\s*[-－~～至到]\s*)?(\d+(?:\.\d+)?)\s*分").expect("valid pattern")
});
#[expect(clippy::expect_used, reason = "constant patterns, checked by the tests below")]
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"有([一二两三四五六七八九十\d]+)(次|起|例|件|项)([^，,。；;该则的扣]+)").expect("valid pattern")
});
#[expect(clippy::expect_used, reason = "constant patterns, checked by the tests below")]
static PER_OCCURRENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"每(?:发生|出现|有)(\d+(?:\.\d+)?|[一二两三四五六七八九十])(人|次|起|例|件|项|个)[^，,。；;]*?扣(\d+(?:\.\d+)?)分")
        .expect("valid pattern")
});
#[expect(clippy::expect_used, reason = "constant patterns, checked by the tests below")]
static PER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+(?:\.\d+)?(?:万元|元|公斤|千克|吨|斤))\s*/\s*(亩|人|户|人次)(的)?").expect("valid pattern")
});
#[expect(clippy::expect_used, reason = "constant patterns, checked by the tests below")]
static AT_DISCRETION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:视情况|酌情|视情)(?:扣(?:分|除)?\s*(?:\d+(?:\.\d+)?\s*[-－~～至到]\s*)?\d+(?:\.\d+)?\s*分|扣分)")
        .expect("valid pattern")
});
#[expect(clippy::expect_used, reason = "constant patterns, checked by the tests below")]
static TIME_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"未(?:按照|按)(?:时限)?(\d+(?:\.\d+)?%)(?:的)?要求(?:办理|办结|完成)?").expect("valid pattern")
});

/// The largest deduction written in a criterion (`扣8分`, `扣分25分`, the top of `扣1-5分`).
#[must_use]
pub fn largest_deduction(text: &str) -> Option<Decimal> {
    DEDUCTION.captures_iter(text).filter_map(|c| c.get(1)?.as_str().parse::<Decimal>().ok()).max()
}

/// A likely rewording of `text`, the criterion of the indicator `name`, if one of the known phrasings is in it.
#[must_use]
pub fn propose(text: &str, name: &str) -> Option<Rewording> {
    per_occurrence(text, name).or_else(|| time_limit(text)).or_else(|| count(text)).or_else(|| per_head(text, name))
}

/// Why a deduction left to the assessor (`视情况扣1-5分`) is not a `评分`
/// line: the draft's `酌情扣分` stand-in, bounded by the largest deduction, is that reading.
#[must_use]
pub fn discretionary(text: &str) -> Option<String> {
    let m = AT_DISCRETION.find(text)?;
    Some(format!("“{}”由评价人视情况决定扣分，已写成下面的酌情扣分；请核对扣分的条件，确认后删去这一行", m.as_str()))
}

/// `3000元/亩` on an indicator named `亩均…`: the name already says per 亩, so the amount is in 元.
fn per_head(text: &str, name: &str) -> Option<Rewording> {
    let c = PER_HEAD.captures(text)?;
    let (amount, per) = (c.get(1)?.as_str(), c.get(2)?.as_str());
    if !name.contains(&format!("{per}均")) {
        return None;
    }
    let whole = c.get(0)?;
    let out = format!("{}{amount}{}", text.get(..whole.start())?, text.get(whole.end()..)?);
    Some(Rewording {
        unclear: format!(
            "“{}/{per}”是复合单位，规则语言不能直接计算；指标名“{name}”已说明按{per}平均，阈值可只写{amount}",
            amount
        ),
        text: out.trim_end_matches(['。', '.']).to_owned(),
    })
}

/// `每发生1人扣5分` counts occurrences of the indicator's own subject: `每1人因贫辍学学生人数扣5分`.
fn per_occurrence(text: &str, name: &str) -> Option<Rewording> {
    let c = PER_OCCURRENCE.captures(text)?;
    let n = c.get(1)?.as_str();
    let n = number(n).map_or_else(|| n.to_owned(), |n| n.to_string());
    let (unit, points) = (c.get(2)?.as_str(), c.get(3)?.as_str());
    Some(Rewording {
        unclear: format!("“{}”没有写明按什么计数，应是{name}每{n}{unit}扣{points}分", c.get(0)?.as_str()),
        text: format!("每{n}{unit}{name}扣{points}分"),
    })
}

/// `未按照时限90%要求办理` is a share below 90%.
fn time_limit(text: &str) -> Option<Rewording> {
    let c = TIME_LIMIT.captures(text)?;
    let whole = c.get(0)?;
    let share = c.get(1)?.as_str();
    let mut out = String::new();
    out.push_str(text.get(..whole.start())?);
    out.push_str(&format!("未达到{share}，"));
    out.push_str(text.get(whole.end()..)?.trim_start_matches(['，', ',']));
    Some(Rewording {
        unclear: format!("“{}”不是可计算的比较条件，应是按时限办结的比例未达到{share}", whole.as_str()),
        text: out,
    })
}

/// `有一次黑榜` is a count reaching 1.
fn count(text: &str) -> Option<Rewording> {
    let c = COUNT.captures(text)?;
    let n = number(c.get(1)?.as_str())?;
    let (unit, noun) = (c.get(2)?.as_str(), c.get(3)?.as_str());
    let points = largest_deduction(text)?;
    Some(Rewording {
        unclear: format!("“{}”写的是一件事，不是可计数的条件，应是{noun}{unit}数达到{n}{unit}", c.get(0)?.as_str()),
        text: format!("{noun}{unit}数达到{n}{unit}，扣{points}分"),
    })
}

fn number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digits = "零一二三四五六七八九";
    match s {
        "十" => Some(10),
        "两" => Some(2),
        _ if s.chars().count() == 1 => {
            digits.chars().position(|d| s.starts_with(d)).and_then(|p| u32::try_from(p).ok())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_seeds_two_phrasings() {
        let r = propose("参评期间有一次黑榜该项扣分25分。", "红黑榜评价").unwrap();
        assert_eq!(r.text, "黑榜次数达到1次，扣25分");
        let r = propose("年办结率未按照时限90%要求办理扣15分", "办结率").unwrap();
        assert_eq!(r.text, "年办结率未达到90%，扣15分");
        assert_eq!(propose("满意度低于90%，扣3分", "满意度"), None);
    }

    #[test]
    fn an_amount_per_mu_on_a_per_mu_indicator_drops_the_per_mu() {
        let r = propose("亩均财政投入超过3000元/亩的，扣5分", "亩均财政投入").unwrap();
        assert_eq!(r.text, "亩均财政投入超过3000元，扣5分");
        assert_eq!(propose("财政投入超过3000元/亩的，扣5分", "财政投入"), None, "the name must say per 亩");
    }

    #[test]
    fn a_deduction_at_the_assessors_discretion_is_explained() {
        let why = discretionary("建档率较上年有所下降的，视情况扣1-5分").unwrap();
        assert!(why.starts_with("“视情况扣1-5分”由评价人视情况决定扣分"), "{why}");
        assert_eq!(discretionary("低于90%，扣5分"), None);
    }

    #[test]
    fn a_count_per_occurrence_counts_the_indicators_subject() {
        let r = propose("出现因贫辍学的，每发生1人扣5分，扣完为止", "因贫辍学学生人数").unwrap();
        assert_eq!(r.text, "每1人因贫辍学学生人数扣5分");
        assert_eq!(r.unclear, "“每发生1人扣5分”没有写明按什么计数，应是因贫辍学学生人数每1人扣5分");
        let r = propose("每出现一起安全事故的扣2分", "安全事故起数").unwrap();
        assert_eq!(r.text, "每1起安全事故起数扣2分");
    }

    #[test]
    fn largest_deduction_reads_every_spelling() {
        assert_eq!(largest_deduction("低于90%，扣3分；低于80%扣5分"), Some(Decimal::from(5)));
        assert_eq!(largest_deduction("该项扣分25分"), Some(Decimal::from(25)));
        assert_eq!(largest_deduction("酌情扣分"), None);
        assert_eq!(largest_deduction("视情况扣1-5分"), Some(Decimal::from(5)));
        assert_eq!(largest_deduction("扣2～4.5分"), Some(Decimal::new(45, 1)));
    }
}
