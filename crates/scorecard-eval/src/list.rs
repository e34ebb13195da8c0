//! Lists of readings (`输入 抽检合格率 = rates（%，列表）`): read from a JSON
//! array, or from text with the readings separated by `;`, `；` or `、`
//! (`"92;96;94"`, as a CSV or spreadsheet cell holds them); a single reading
//! is a list of one (the reading is in `record`). This module holds the
//! separators and the functions of a list.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Func;

/// The characters that separate readings written in one text.
pub const SEPARATORS: [char; 3] = [';', '；', '、'];

/// 平均 (average, exact to 28 digits; the caller keeps working precision), 最低, 最高, 合计 or 个数 of
/// readings; `None` for an empty list or on overflow.
pub(crate) fn aggregate(func: Func, readings: &[Decimal]) -> Option<Decimal> {
    let (first, rest) = readings.split_first()?;
    match func {
        Func::Lowest => Some(rest.iter().fold(*first, |a, b| a.min(*b))),
        Func::Highest => Some(rest.iter().fold(*first, |a, b| a.max(*b))),
        Func::Count => Some(Decimal::from(readings.len())),
        Func::Sum => rest.iter().try_fold(*first, |a, b| crate::exact::add(a, *b)),
        Func::Average => {
            let sum = rest.iter().try_fold(*first, |a, b| crate::exact::add(a, *b))?;
            sum.checked_div(Decimal::from(readings.len()))
        }
        Func::Min | Func::Max | Func::Floor => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aggregates_are_exact() {
        let r = [Decimal::new(92, 0), Decimal::new(96, 0), Decimal::new(945, 1)];
        assert_eq!(aggregate(Func::Lowest, &r), Some(Decimal::new(92, 0)));
        assert_eq!(aggregate(Func::Highest, &r), Some(Decimal::new(96, 0)));
        assert_eq!(aggregate(Func::Sum, &r), Some(Decimal::new(2825, 1)));
        assert_eq!(aggregate(Func::Count, &r), Some(Decimal::new(3, 0)));
        assert_eq!(aggregate(Func::Average, &r).map(|d| d.round_dp(4)), Some(Decimal::new(941667, 4)));
        assert_eq!(aggregate(Func::Average, &[]), None);
    }
}
