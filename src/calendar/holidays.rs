//! Business days for payroll: weekends and the Federal Reserve's holidays.
//!
//! Payroll moves a payday that falls on a day the banks are closed, usually to the business
//! day before (RULES.md section 7), and contributions count in the year they are paid, so a
//! January 1 payday paid on December 31 belongs to the earlier year. The holidays are those
//! on which the Federal Reserve Banks close (Federal Reserve Bank of Richmond, "Holiday
//! Schedule": New Year's Day, Martin Luther King Jr.'s Birthday, Washington's Birthday,
//! Memorial Day, Juneteenth, Independence Day, Labor Day, Columbus Day, Veterans Day,
//! Thanksgiving Day and Christmas Day). "If any of the following holidays falls on a
//! Saturday, Federal Reserve Banks will be open the preceding Friday. If the holiday falls on
//! a Sunday, Federal Reserve Banks will be closed the following Monday." Juneteenth (June 19)
//! is a Federal Reserve holiday from 2022 on.
//!
//! Pure calendar arithmetic: no clock, no I/O.

use crate::date::{Date, Weekday};

/// Which way payroll moves a payday that falls on a weekend or a holiday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HolidayRule {
    /// Paid on the business day before (the usual practice, and the default).
    #[default]
    Before,
    /// Paid on the business day after.
    After,
    /// Paid on the scheduled day whatever it is.
    None,
}

/// The `n`th (1-based) `weekday` of `month` in `year`.
fn nth_weekday(year: i32, month: u8, weekday: Weekday, n: i64) -> Option<Date> {
    let first = Date::new(year, month, 1)?.next_or_same(weekday);
    let date = first.add_days(7 * (n - 1));
    (date.month() == month).then_some(date)
}

/// The last `weekday` of `month` in `year`.
fn last_weekday(year: i32, month: u8, weekday: Weekday) -> Date {
    let mut date = Date::end_of_month(year, month);
    while date.weekday() != weekday {
        date = date.add_days(-1);
    }
    date
}

/// The days the Federal Reserve Banks are closed for a holiday in `year`: each holiday on
/// its date, or the Monday after when it falls on a Sunday (a Saturday holiday closes no
/// business day).
#[must_use]
pub fn bank_holidays(year: i32) -> Vec<Date> {
    let fixed = [(1, 1), (7, 4), (11, 11), (12, 25)]
        .into_iter()
        .chain((year >= 2022).then_some((6, 19)));
    let mut days: Vec<Date> = fixed
        .filter_map(|(month, day)| Date::new(year, month, day))
        .filter_map(|date| match date.weekday() {
            Weekday::Saturday => None,
            Weekday::Sunday => Some(date.add_days(1)),
            _ => Some(date),
        })
        .collect();
    days.extend(
        [
            nth_weekday(year, 1, Weekday::Monday, 3),
            nth_weekday(year, 2, Weekday::Monday, 3),
            Some(last_weekday(year, 5, Weekday::Monday)),
            nth_weekday(year, 9, Weekday::Monday, 1),
            nth_weekday(year, 10, Weekday::Monday, 2),
            nth_weekday(year, 11, Weekday::Thursday, 4),
        ]
        .into_iter()
        .flatten(),
    );
    days.sort_unstable();
    days
}

/// The Federal Reserve holidays of a year and the years beside it, worked out once for a
/// whole schedule of paydays rather than again for every payday.
#[derive(Debug, Clone)]
pub struct BankCalendar {
    /// Sorted holidays of the year before, the year and the year after.
    holidays: Vec<Date>,
}

impl BankCalendar {
    /// The holidays around `year`: enough for any payday a schedule of that year moves.
    #[must_use]
    pub fn around(year: i32) -> Self {
        let mut holidays: Vec<Date> = (year - 1..=year + 1).flat_map(bank_holidays).collect();
        holidays.sort_unstable();
        Self { holidays }
    }

    /// Whether the banks are open on `date`: a weekday that is not a Federal Reserve
    /// holiday.
    #[must_use]
    pub fn is_business_day(&self, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && self.holidays.binary_search(&date).is_err()
    }

    /// The day a payday scheduled for `date` is paid under `rule`.
    #[must_use]
    pub fn paid_on(&self, date: Date, rule: HolidayRule) -> Date {
        let step = match rule {
            HolidayRule::None => return date,
            HolidayRule::Before => -1,
            HolidayRule::After => 1,
        };
        let mut day = date;
        // Weekends and holidays never run more than four days in a row.
        for _ in 0..7 {
            if self.is_business_day(day) {
                return day;
            }
            day = day.add_days(step);
        }
        day
    }
}

/// The day a payday scheduled for `date` is paid under `rule` (see
/// [`BankCalendar::paid_on`]).
#[must_use]
pub fn paid_on(date: Date, rule: HolidayRule) -> Date {
    BankCalendar::around(date.year()).paid_on(date, rule)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::date::tests::d;

    #[test]
    fn the_2026_and_2027_holidays_match_the_federal_reserve_schedule() {
        // Richmond Fed, "Holiday Schedule", 2026 column: Jan 1, Jan 19, Feb 16, May 25, Jun 19,
        // Jul 4 (a Saturday: banks open Friday Jul 3), Sep 7, Oct 12, Nov 11, Nov 26, Dec 25.
        assert_eq!(
            bank_holidays(2026),
            vec![
                d(2026, 1, 1),
                d(2026, 1, 19),
                d(2026, 2, 16),
                d(2026, 5, 25),
                d(2026, 6, 19),
                d(2026, 9, 7),
                d(2026, 10, 12),
                d(2026, 11, 11),
                d(2026, 11, 26),
                d(2026, 12, 25),
            ]
        );
        // 2027: Jul 4 is a Sunday (closed Monday Jul 5); Jun 19 and Dec 25 are Saturdays.
        let h2027 = bank_holidays(2027);
        assert!(h2027.contains(&d(2027, 7, 5)));
        assert!(!h2027.contains(&d(2027, 6, 18)));
        assert!(!h2027.contains(&d(2027, 12, 24)));
        assert!(h2027.contains(&d(2027, 1, 18)));
        assert!(h2027.contains(&d(2027, 5, 31)));
        assert!(h2027.contains(&d(2027, 11, 25)));
    }

    #[test]
    fn a_new_years_day_payday_is_paid_the_thursday_before() {
        // RULES.md section 7: the Jan 1, 2027 payday of a Friday biweekly schedule is paid on
        // Thu 2026-12-31.
        assert_eq!(paid_on(d(2027, 1, 1), HolidayRule::Before), d(2026, 12, 31));
        assert_eq!(paid_on(d(2027, 1, 1), HolidayRule::After), d(2027, 1, 4));
        assert_eq!(paid_on(d(2027, 1, 1), HolidayRule::None), d(2027, 1, 1));
    }

    #[test]
    fn weekends_move_to_the_nearest_business_day() {
        // 2026-02-28 is a Saturday: Friday the 27th before, Monday March 2 after.
        assert_eq!(paid_on(d(2026, 2, 28), HolidayRule::Before), d(2026, 2, 27));
        assert_eq!(paid_on(d(2026, 2, 28), HolidayRule::After), d(2026, 3, 2));
        // 2026-05-31 is a Sunday; Monday June 1 is open.
        assert_eq!(paid_on(d(2026, 5, 31), HolidayRule::After), d(2026, 6, 1));
        // Thanksgiving, Thu 2026-11-26: the Wednesday before, the Friday after.
        assert_eq!(
            paid_on(d(2026, 11, 26), HolidayRule::Before),
            d(2026, 11, 25)
        );
        assert_eq!(
            paid_on(d(2026, 11, 26), HolidayRule::After),
            d(2026, 11, 27)
        );
        // A business day stays.
        assert_eq!(paid_on(d(2026, 1, 2), HolidayRule::Before), d(2026, 1, 2));
    }
}
