//! Likely rewordings of criteria the parser cannot read, proposed to a person, never applied silently.
//!
//! - A count phrased as an event: `参评期间有一次黑榜该项扣分25分` →
//!   `黑榜次数达到1次，扣25分`.
//! - A time limit phrased as a requirement: `年办结率未按照时限90%要求办理扣15分`
//!   → `年办结率未达到90%，扣15分`.

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
static TIME_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"未(?:按照|按)(?:时限)?(\d+(?:\.\d+)?%)(?:的)?要求(?:办理|办结|完成)?").expect("valid pattern")
});

/// The largest deduction written in a criterion (`扣8分`, `扣分25分`, the top of `扣1-5分`).
#[must_use]
pub fn largest_deduction(text: &str) -> Option<Decimal> {
    DEDUCTION.captures_iter(text).filter_map(|c| c.get(1)?.as_str().parse::<Decimal>().ok()).max()
}

/// A likely rewording of `text`, if one of the known phrasings is in it.
#[must_use]
pub fn propose(text: &str) -> Option<Rewording> {
    if let Some(c) = TIME_LIMIT.captures(text) {
        let whole = c.get(0)?;
        let share = c.get(1)?.as_str();
        let mut out = String::new();
        out.push_str(text.get(..whole.start())?);
        out.push_str(&format!("未达到{share}，"));
        out.push_str(text.get(whole.end()..)?.trim_start_matches(['，', ',']));
        return Some(Rewording {
            unclear: format!("“{}”不是可计算的比较条件，应是按时限办结的比例未达到{share}", whole.as_str()),
            text: out,
        });
    }
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
        let r = propose("参评期间有一次黑榜该项扣分25分。").unwrap();
        assert_eq!(r.text, "黑榜次数达到1次，扣25分");
        let r = propose("年办结率未按照时限90%要求办理扣15分").unwrap();
        assert_eq!(r.text, "年办结率未达到90%，扣15分");
        assert_eq!(propose("满意度低于90%，扣3分"), None);
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
