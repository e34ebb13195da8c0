//! Units of measure: each unit is a whole-number multiple of its dimension's
//! base unit, so conversions are exact (241.73万元 = 2,417,300元).

use rust_decimal::Decimal;

/// A known unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    /// How it is written, e.g. `万元`.
    pub symbol: &'static str,
    /// The base unit of its dimension, e.g. `元`; units with the same base are compatible.
    pub base: &'static str,
    /// How many base units one of this unit is.
    pub scale: u64,
}

const fn u(symbol: &'static str, base: &'static str, scale: u64) -> Unit {
    Unit { symbol, base, scale }
}

/// The percent unit.
pub const PERCENT: Unit = u("%", "%", 1);

/// The points unit (分), for assessors' scores and deductions.
pub const POINTS: Unit = u("分", "分", 1);

/// Calendar dates, as day numbers.
pub const DATE: Unit = u("日期", "日期", 1);

/// The pseudo-unit of plain numbers (derived values without a unit).
pub const NUMBER: Unit = u("", "", 1);

/// The pseudo-unit of yes/no inputs.
pub const YES_NO: Unit = u("是否", "是否", 1);

/// The pseudo-unit of grade inputs.
pub const GRADE: Unit = u("等级", "等级", 1);

/// Every unit the engine knows. Keep in sync with the `unit` rule of the grammar.
pub const UNITS: &[Unit] = &[
    PERCENT,
    u("％", "%", 1),
    u("个百分点", "个百分点", 1),
    u("百分点", "个百分点", 1),
    u("元", "元", 1),
    u("千元", "元", 1_000),
    u("万元", "元", 10_000),
    u("亿元", "元", 100_000_000),
    u("件", "件", 1),
    u("万件", "件", 10_000),
    u("次", "次", 1),
    u("天", "天", 1),
    u("日", "天", 1),
    u("个", "个", 1),
    u("人", "人", 1),
    u("万人", "人", 10_000),
    u("人次", "人次", 1),
    u("万人次", "人次", 10_000),
    u("户", "户", 1),
    u("项", "项", 1),
    u("起", "起", 1),
    u("篇", "篇", 1),
    u("名", "名", 1),
    u("台", "台", 1),
    u("台次", "台次", 1),
    u("辆", "辆", 1),
    u("套", "套", 1),
    u("所", "所", 1),
    u("家", "家", 1),
    u("场", "场", 1),
    u("期", "期", 1),
    u("批次", "批次", 1),
    u("公顷", "公顷", 1),
    u("亩", "亩", 1),
    u("平方米", "平方米", 1),
    u("公里", "公里", 1),
    u("吨", "吨", 1),
    POINTS,
    u("pp", "个百分点", 1),
    DATE,
    u("day", "天", 1),
    u("days", "天", 1),
    u("周", "天", 7),
    u("小时", "小时", 1),
    u("个月", "月", 1),
    u("月", "月", 1),
    u("month", "月", 1),
    u("months", "月", 1),
    u("年", "月", 12),
    u("year", "月", 12),
    u("years", "月", 12),
];

/// Bases that count things or measure durations: values in them may not be negative.
const COUNT_BASES: &[&str] = &[
    "件", "次", "天", "月", "小时", "个", "人", "人次", "户", "项", "起", "篇", "名", "台", "台次", "辆", "套", "所",
    "家", "场", "期", "批次",
];

impl Unit {
    /// Looks a unit up by how it is written.
    pub fn lookup(symbol: &str) -> Option<&'static Unit> {
        UNITS.iter().find(|u| u.symbol == symbol)
    }

    /// Whether values of this unit can be compared with values of `other`.
    pub fn compatible(&self, other: &Unit) -> bool {
        self.base == other.base
    }

    /// Whether this is the rank unit (`名`: 1 is first).
    pub fn is_rank(&self) -> bool {
        self.base == "名"
    }

    /// Whether this is the calendar-date unit (values are day numbers).
    pub fn is_date(&self) -> bool {
        self.base == "日期"
    }

    /// Whether this is a percentage.
    pub fn is_percent(&self) -> bool {
        self.base == "%"
    }

    /// Whether this unit measures a duration (天, 周, 小时, 个月, 年): compared
    /// as longer or shorter (`多`/`少`) in sentences.
    pub(crate) fn is_duration(&self) -> bool {
        matches!(self.base, "天" | "月" | "小时")
    }

    /// Whether this unit counts things (and so may not be negative).
    pub fn is_count(&self) -> bool {
        COUNT_BASES.contains(&self.base)
    }

    /// The scale as a decimal.
    pub fn scale_decimal(&self) -> Decimal {
        Decimal::from(self.scale)
    }

    /// Converts `value` in this unit to the base unit; `None` if it overflows or
    /// would need rounding.
    pub fn to_base(&self, value: Decimal) -> Option<Decimal> {
        crate::exact::mul(value, self.scale_decimal())
    }

    /// Converts `value` in the base unit to this unit (for display; exact for powers of ten).
    pub fn from_base(&self, value: Decimal) -> Option<Decimal> {
        value.checked_div(self.scale_decimal())
    }

    /// `value` (in this unit) with its unit, for messages: `1,800,000件`,
    /// `92.5%`, and a space before a word unit: `30 days`.
    pub fn amount(&self, value: Decimal) -> String {
        let unit = self.display();
        let gap = if unit.starts_with(|c: char| c.is_ascii_alphabetic()) { " " } else { "" };
        format!("{}{gap}{unit}", crate::number::grouped(value))
    }

    /// How a unit is shown in messages: `%` for both percent signs.
    pub fn display(&self) -> &'static str {
        if self.symbol == "％" {
            "%"
        } else {
            self.symbol
        }
    }
}

/// The symbols of all known units, for help text.
pub fn known_symbols() -> String {
    UNITS.iter().filter(|u| u.symbol != "％").map(|u| u.symbol).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn scaled_units_convert_exactly() {
        let wan = Unit::lookup("万元").unwrap();
        let v = Decimal::from_str("241.73").unwrap();
        assert_eq!(wan.to_base(v).unwrap().to_string(), "2417300.00");
        assert_eq!(wan.from_base(Decimal::from(2_417_300)).unwrap(), v);
        assert!(wan.compatible(Unit::lookup("元").unwrap()));
        assert!(!wan.compatible(Unit::lookup("件").unwrap()));
        assert!(!Unit::lookup("%").unwrap().compatible(Unit::lookup("个百分点").unwrap()));
    }
}
