//! Calendar dates for paydays and conversion dates.
//!
//! A plan year needs only proleptic Gregorian dates, day arithmetic and weekdays, so this
//! small module does that by hand rather than pulling in a full date-time crate. It holds no
//! clock: "today" is never asked for.

use std::fmt;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Day of the week, Monday first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// The day's English name, for sentences.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Monday => "Monday",
            Self::Tuesday => "Tuesday",
            Self::Wednesday => "Wednesday",
            Self::Thursday => "Thursday",
            Self::Friday => "Friday",
            Self::Saturday => "Saturday",
            Self::Sunday => "Sunday",
        }
    }
}

/// Whether `year` is a Gregorian leap year.
#[must_use]
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` of `year`.
#[must_use]
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A date, or `None` when the month or day does not exist.
    #[must_use]
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// The last day of `month` in `year` (month must be 1–12; it is clamped otherwise).
    #[must_use]
    pub fn end_of_month(year: i32, month: u8) -> Self {
        let month = month.clamp(1, 12);
        Self {
            year,
            month,
            day: days_in_month(year, month),
        }
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1–12.
    #[must_use]
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    #[must_use]
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    #[must_use]
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // The ranges are bounded by the algorithm: day 1–31, month 1–12.
        Self {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// The date `days` later (earlier when negative).
    #[must_use]
    pub fn add_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    #[must_use]
    pub fn days_until(self, later: Self) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// The day of the week.
    #[must_use]
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.days_since_epoch() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// The first date on or after `self` that falls on `weekday`.
    #[must_use]
    pub fn next_or_same(self, weekday: Weekday) -> Self {
        let mut date = self;
        for _ in 0..7 {
            if date.weekday() == weekday {
                return date;
            }
            date = date.add_days(1);
        }
        date
    }

    /// The last day of this date's month.
    #[must_use]
    pub fn end_of_this_month(self) -> Self {
        Self::end_of_month(self.year, self.month)
    }

    /// The last day of this date's calendar quarter.
    #[must_use]
    pub fn end_of_quarter(self) -> Self {
        Self::end_of_month(self.year, self.month.div_ceil(3) * 3)
    }

    /// December 31 of this date's year.
    #[must_use]
    pub fn end_of_year(self) -> Self {
        Self::end_of_month(self.year, 12)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A date the test knows exists (the calendar's tests use it too).
    pub(crate) fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn epoch_round_trip() {
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        // 2026-01-01 is 56 years after 1970 with 14 leap days between: 56*365 + 14 = 20454.
        assert_eq!(d(2026, 1, 1).days_since_epoch(), 20_454);
        for days in 19_000..21_000 {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn weekdays_match_the_calendar() {
        // January 2, 2026 is a Friday; January 1, 2021 was a Friday; 2024-02-29 a Thursday.
        assert_eq!(d(2026, 1, 2).weekday(), Weekday::Friday);
        assert_eq!(d(2021, 1, 1).weekday(), Weekday::Friday);
        assert_eq!(d(2024, 2, 29).weekday(), Weekday::Thursday);
        assert_eq!(d(2026, 1, 1).next_or_same(Weekday::Friday), d(2026, 1, 2));
    }

    #[test]
    fn period_ends() {
        assert_eq!(d(2024, 2, 10).end_of_this_month(), d(2024, 2, 29));
        assert_eq!(d(2026, 5, 10).end_of_quarter(), d(2026, 6, 30));
        assert_eq!(d(2026, 11, 1).end_of_quarter(), d(2026, 12, 31));
        assert_eq!(d(2026, 3, 31).end_of_year(), d(2026, 12, 31));
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(2026, 13, 1).is_none());
    }
}
