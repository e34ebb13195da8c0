//! Calendar dates as day numbers (days since 1970-01-01), so a date compares
//! and subtracts like any other quantity. Valid years are 1 to 9999.

/// The day number of a calendar date, or `None` if it is not a real date.
pub fn day_number(year: i64, month: i64, day: i64) -> Option<i64> {
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // Howard Hinnant's days_from_civil, with checked arithmetic.
    let y = if month <= 2 { year.checked_sub(1)? } else { year };
    let era = y.div_euclid(400);
    let yoe = y.checked_sub(era.checked_mul(400)?)?;
    let mp = if month > 2 { month.checked_sub(3)? } else { month.checked_add(9)? };
    let doy = mp.checked_mul(153)?.checked_add(2)?.checked_div(5)?.checked_add(day)?.checked_sub(1)?;
    let doe = yoe.checked_mul(365)?.checked_add(yoe / 4)?.checked_sub(yoe / 100)?.checked_add(doy)?;
    era.checked_mul(146_097)?.checked_add(doe)?.checked_sub(719_468)
}

/// The calendar date of a day number: (year, month, day).
pub fn civil(days: i64) -> Option<(i64, i64, i64)> {
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.checked_sub(era.checked_mul(146_097)?)?;
    let yoe = doe.checked_sub(doe / 1460)?.checked_add(doe / 36_524)?.checked_sub(doe / 146_096)?.checked_div(365)?;
    let y = yoe.checked_add(era.checked_mul(400)?)?;
    let doy = doe.checked_sub(yoe.checked_mul(365)?.checked_add(yoe / 4)?.checked_sub(yoe / 100)?)?;
    let mp = doy.checked_mul(5)?.checked_add(2)?.checked_div(153)?;
    let d = doy.checked_sub(mp.checked_mul(153)?.checked_add(2)?.checked_div(5)?)?.checked_add(1)?;
    let m = if mp < 10 { mp.checked_add(3)? } else { mp.checked_sub(9)? };
    Some((if m <= 2 { y.checked_add(1)? } else { y }, m, d))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
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
pub fn months_between(from: i64, to: i64) -> Option<i64> {
    let (y1, m1, d1) = civil(from)?;
    let (y2, m2, d2) = civil(to)?;
    let mut months = y2.checked_sub(y1)?.checked_mul(12)?.checked_add(m2.checked_sub(m1)?)?;
    // A month is complete on the same day of the month or, when that month is
    // shorter, on its last day: 31 January → 28 February is one month.
    let reached = |day: i64, start: i64, year: i64, month: i64| day >= start || day == days_in_month(year, month);
    if months > 0 && !reached(d2, d1, y2, m2) {
        months = months.checked_sub(1)?;
    } else if months < 0 && !reached(d1, d2, y1, m1) {
        months = months.checked_add(1)?;
    }
    Some(months)
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
    }
}
