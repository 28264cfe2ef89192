//! The pay frequency and the year's paydays it gives, with `[payroll] first_payday`.
//!
//! Defaults (the contract's payday rules): weekly and biweekly pay on the first Friday of
//! the year and every 7 or 14 days after; semimonthly on the 15th and the last day of each
//! month; monthly on the last day of each month. A `first_payday` moves the start, and for
//! semimonthly and monthly pay it also sets the days of the month.

use crate::date::{Date, Weekday};

/// How often the participant is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayFrequency {
    /// Every week.
    Weekly,
    /// Every two weeks (26, sometimes 27, paydays).
    Biweekly,
    /// Twice a month (24 paydays).
    Semimonthly,
    /// Once a month (12 paydays).
    Monthly,
}

impl PayFrequency {
    /// The word the plan file uses.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Weekly => "weekly",
            Self::Biweekly => "biweekly",
            Self::Semimonthly => "semimonthly",
            Self::Monthly => "monthly",
        }
    }
}

/// The regular paydays of `year`, in order.
#[must_use]
pub fn paydays(year: i32, frequency: PayFrequency, first_payday: Option<Date>) -> Vec<Date> {
    let jan1 = Date::new(year, 1, 1).unwrap_or_else(|| Date::end_of_month(year, 1));
    match frequency {
        PayFrequency::Weekly | PayFrequency::Biweekly => {
            let step = if frequency == PayFrequency::Weekly {
                7
            } else {
                14
            };
            let mut day = first_payday.unwrap_or_else(|| jan1.next_or_same(Weekday::Friday));
            let mut days = Vec::new();
            while day.year() == year {
                days.push(day);
                day = day.add_days(step);
            }
            days
        }
        PayFrequency::Semimonthly => {
            let (first, second) = match first_payday {
                None => (15, 31),
                Some(d) if d.day() == 15 || d == d.end_of_this_month() => (15, 31),
                Some(d) if d.day() < 15 => (d.day(), d.day() + 15),
                Some(d) => (d.day() - 15, d.day()),
            };
            month_days(year, &[first, second], first_payday)
        }
        PayFrequency::Monthly => {
            let day = first_payday
                .filter(|d| *d != d.end_of_this_month())
                .map_or(31, Date::day);
            month_days(year, &[day], first_payday)
        }
    }
}

/// The given days of every month of `year` (clamped to the month's length), from `start`.
fn month_days(year: i32, days_of_month: &[u8], start: Option<Date>) -> Vec<Date> {
    let mut out = Vec::new();
    for month in 1..=12 {
        let last = Date::end_of_month(year, month);
        for day in days_of_month {
            let date = Date::new(year, month, (*day).min(last.day())).unwrap_or(last);
            if start.is_none_or(|s| date >= s) && out.last() != Some(&date) {
                out.push(date);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn biweekly_2026_has_26_fridays_from_january_2() {
        // January 1, 2026 is a Thursday, so the first Friday is January 2; 2 + 14×25 = day 352,
        // December 18, and the 27th would be January 1, 2027.
        let days = paydays(2026, PayFrequency::Biweekly, None);
        assert_eq!(days.len(), 26);
        assert_eq!(days.first(), Some(&d(2026, 1, 2)));
        assert_eq!(days.last(), Some(&d(2026, 12, 18)));
    }

    #[test]
    fn biweekly_can_have_27_paydays() {
        // 2021 started on a Friday: January 1 + 14×26 = day 365, December 31, a 27th payday.
        assert_eq!(paydays(2021, PayFrequency::Biweekly, None).len(), 27);
    }

    #[test]
    fn weekly_2026_has_52_paydays() {
        assert_eq!(paydays(2026, PayFrequency::Weekly, None).len(), 52);
    }

    #[test]
    fn semimonthly_pays_the_15th_and_the_last_day() {
        let days = paydays(2026, PayFrequency::Semimonthly, None);
        assert_eq!(days.len(), 24);
        assert_eq!(days.get(3), Some(&d(2026, 2, 28)));
        assert_eq!(days.last(), Some(&d(2026, 12, 31)));
    }

    #[test]
    fn monthly_and_a_late_start() {
        assert_eq!(paydays(2026, PayFrequency::Monthly, None).len(), 12);
        let days = paydays(2026, PayFrequency::Monthly, Some(d(2026, 7, 10)));
        assert_eq!(
            days,
            vec![
                d(2026, 7, 10),
                d(2026, 8, 10),
                d(2026, 9, 10),
                d(2026, 10, 10),
                d(2026, 11, 10),
                d(2026, 12, 10)
            ]
        );
        let semi = paydays(2026, PayFrequency::Semimonthly, Some(d(2026, 1, 1)));
        assert_eq!(semi.get(..2), Some(&[d(2026, 1, 1), d(2026, 1, 16)][..]));
    }
}
