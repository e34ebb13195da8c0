//! Calendar dates as day numbers (days since 1970-01-01), so a date compares
//! and subtracts like any other quantity. Valid years are 1 to 9999.
//!
//! The calendar arithmetic is `jiff`'s; this module only fixes the day
//! numbering and the month convention the rule language documents.

use jiff::civil::Date;
use jiff::Span;

/// Day number 0.
const EPOCH: Date = jiff::civil::date(1970, 1, 1);

/// The day number of a calendar date, or `None` if it is not a real date.
pub fn day_number(year: i64, month: i64, day: i64) -> Option<i64> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    let date = Date::new(year.try_into().ok()?, month.try_into().ok()?, day.try_into().ok()?).ok()?;
    Some(days_of(date))
}

/// The day number of `date`.
fn days_of(date: Date) -> i64 {
    // jiff's dates span less than 7.3 million days, so the count always fits.
    EPOCH.until(date).map_or(0, |span| i64::from(span.get_days()))
}

/// The date of a day number, or `None` outside the years jiff knows.
fn date_of(days: i64) -> Option<Date> {
    EPOCH.checked_add(Span::new().try_days(days).ok()?).ok()
}

/// The calendar date of a day number: (year, month, day).
pub fn civil(days: i64) -> Option<(i64, i64, i64)> {
    let date = date_of(days)?;
    Some((i64::from(date.year()), i64::from(date.month()), i64::from(date.day())))
}

/// Parses `2021-06-30`, `2021/6/30` or `2021年6月30日` into a day number.
pub fn parse(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.trim().trim_end_matches('日').split(['-', '/', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let num = |s: &str| -> Option<i64> {
        let ascii = crate::digits::to_ascii(s);
        if ascii.is_empty() || ascii.len() > 4 || !ascii.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        ascii.parse().ok()
    };
    day_number(num(y)?, num(m)?, num(d)?)
}

/// Whole calendar months from day `from` to day `to` (negative if `to` is earlier).
///
/// A month is complete on the same day of the month or, when that month is
/// shorter, on its last day: 31 January → 28 February is one month. That is
/// how jiff adds months (it clamps to the month's end), so `n` months have
/// passed when `from` plus `n` months is not after `to`. (jiff's own
/// `until` counts 31 January → 28 February as 0 months, so it is not used.)
/// Counted backwards the same way, swapping the dates only flips the sign.
pub fn months_between(from: i64, to: i64) -> Option<i64> {
    let (from, to) = (date_of(from)?, date_of(to)?);
    if to >= from {
        months_forward(from, to)
    } else {
        months_forward(to, from)?.checked_neg()
    }
}

/// Whole months from `a` to `b`, for `a` not after `b`.
fn months_forward(a: Date, b: Date) -> Option<i64> {
    let years = i64::from(b.year()).checked_sub(i64::from(a.year()))?;
    let months = i64::from(b.month()).checked_sub(i64::from(a.month()))?;
    let naive = years.checked_mul(12)?.checked_add(months)?;
    let reached = a.checked_add(Span::new().try_months(naive).ok()?).ok()? <= b;
    if reached {
        Some(naive)
    } else {
        naive.checked_sub(1)
    }
}

/// `2021-06-30`.
pub fn format(days: i64) -> String {
    civil(days).map_or_else(|| days.to_string(), |(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_reject_impossible_days() {
        assert_eq!(day_number(1970, 1, 1), Some(0));
        assert_eq!(parse("2021-06-30"), day_number(2021, 6, 30));
        assert_eq!(parse("2021年6月30日"), day_number(2021, 6, 30));
        assert_eq!(parse("2021/6/30"), day_number(2021, 6, 30));
        assert_eq!(parse("2021-02-29"), None);
        assert_eq!(parse("2024-02-29").map(format).as_deref(), Some("2024-02-29"));
        assert_eq!(parse("2021-13-01"), None);
        assert_eq!(parse("June 30"), None);
        for d in [-700_000, -1, 0, 1, 18_808, 2_900_000] {
            let (y, m, dd) = civil(d).unwrap();
            assert_eq!(day_number(y, m, dd), Some(d));
        }
        assert_eq!(day_number(1, 1, 1), Some(-719_162));
        assert_eq!(day_number(9999, 12, 31), Some(2_932_896));
        assert_eq!(day_number(0, 12, 31), None);
        assert_eq!(day_number(10_000, 1, 1), None);
        assert_eq!(day_number(2021, 4, 31), None);
        assert_eq!(day_number(2021, 1, 0), None);
        assert_eq!(day_number(2021, i64::MAX, 1), None);
        assert_eq!(civil(i64::MAX), None);
        assert_eq!(civil(i64::MIN), None);
        assert_eq!(format(i64::MAX), i64::MAX.to_string());
    }

    #[test]
    fn months_count_whole_calendar_months() {
        let d = |s: &str| parse(s).unwrap();
        assert_eq!(months_between(d("2021-06-30"), d("2021-07-29")), Some(0));
        assert_eq!(months_between(d("2021-06-30"), d("2021-07-30")), Some(1));
        assert_eq!(months_between(d("2021-06-30"), d("2022-06-30")), Some(12));
        assert_eq!(months_between(d("2021-06-30"), d("2021-06-01")), Some(0));
        // month ends: the last day of a shorter month completes the month
        assert_eq!(months_between(d("2021-01-31"), d("2021-02-27")), Some(0));
        assert_eq!(months_between(d("2021-01-31"), d("2021-02-28")), Some(1));
        assert_eq!(months_between(d("2021-01-31"), d("2021-03-30")), Some(1));
        assert_eq!(months_between(d("2021-01-31"), d("2021-04-30")), Some(3));
        assert_eq!(months_between(d("2020-02-29"), d("2021-02-28")), Some(12));
        assert_eq!(months_between(d("2021-02-28"), d("2021-01-31")), Some(-1));
        assert_eq!(months_between(d("2021-02-27"), d("2021-01-31")), Some(0));
        // leap days and the ends of the calendar
        assert_eq!(months_between(d("2020-02-29"), d("2020-03-28")), Some(0));
        assert_eq!(months_between(d("2020-02-29"), d("2020-03-29")), Some(1));
        assert_eq!(months_between(d("0001-01-01"), d("9999-12-31")), Some(119_987));
        assert_eq!(months_between(d("9999-12-31"), d("0001-01-01")), Some(-119_987));
        assert_eq!(months_between(0, i64::MAX), None);
    }

    #[test]
    fn months_follow_the_documented_rule_on_every_pair_of_days() {
        // The rule as docs/language.md states it: the month of `to` is complete
        // on the day of `from`, or on its last day when it is shorter.
        let last_day = |days: i64| civil(days.checked_add(1).unwrap()).unwrap().2 == 1;
        let rule = |from: i64, to: i64| {
            let ((y1, m1, d1), (y2, m2, d2)) = (civil(from).unwrap(), civil(to).unwrap());
            let naive = (y2 - y1) * 12 + (m2 - m1);
            naive - i64::from(naive > 0 && d2 < d1 && !last_day(to))
        };
        let days: Vec<i64> = (d("2019-12-25")..d("2021-03-05")).step_by(3).collect();
        for &from in &days {
            for &to in days.iter().filter(|to| **to >= from) {
                assert_eq!(months_between(from, to), Some(rule(from, to)), "{} → {}", format(from), format(to));
                assert_eq!(months_between(to, from), Some(-rule(from, to)));
            }
        }
    }

    fn d(s: &str) -> i64 {
        parse(s).unwrap()
    }
}
