//! The pay frequency and the year's paydays it gives, as payroll keeps them.
//!
//! Defaults (the contract's payday rules): weekly and biweekly pay on the first Friday of
//! the year and every 7 or 14 days after; semimonthly on the 15th and the last day of each
//! month (`[payroll] semimonthly_days`); monthly on the last day of each month. A
//! `first_payday` moves the start: no scheduled payday comes before it. For monthly pay it
//! also sets the day of the month, and for semimonthly pay it sets the two days when
//! `semimonthly_days` is not given (the 1st to the 15th pairs with the day 15 later, the 16th
//! on with the day 15 earlier; the 15th or the last day of a month gives the default days).
//! With `semimonthly_days`, those are the days and `first_payday` only sets the start.
//!
//! A payday is *paid* on the scheduled day moved off weekends and Federal Reserve holidays
//! ([`super::holidays`]), and contributions count in the year they are paid (RULES.md
//! section 7). So the year's paydays are those paid in it: a Friday January 1 payday paid on
//! Thursday December 31 belongs to the year before, and one scheduled just after the year
//! can belong to it. Each [`Payday`] keeps both dates so that the report can say when one
//! moved across the year's edge.

use super::holidays::{BankCalendar, HolidayRule};
use crate::date::{Date, Weekday};

/// How often the participant is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayFrequency {
    /// Every week (52, sometimes 53, paydays).
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

    /// The number of paydays in a usual year: a payroll that pays "the annual rate divided by
    /// the paydays" divides by this, and a year with more paydays has an extra paycheck.
    #[must_use]
    pub fn usual_paydays(self) -> usize {
        match self {
            Self::Weekly => 52,
            Self::Biweekly => 26,
            Self::Semimonthly => 24,
            Self::Monthly => 12,
        }
    }
}

/// The semimonthly paydays when neither the file's `semimonthly_days` nor its
/// `first_payday` says otherwise: the 15th and the last day of the month.
pub const DEFAULT_SEMIMONTHLY_DAYS: [u8; 2] = [15, 31];

/// How a payroll keeps its calendar: what `[participant] pay_frequency` and the `[payroll]`
/// calendar keys say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// How often pay comes.
    pub frequency: PayFrequency,
    /// The first scheduled payday of the year, if the file gives it.
    pub first_payday: Option<Date>,
    /// The two days of the month for semimonthly pay (31 = the last day), if the file gives
    /// them.
    pub semimonthly_days: Option<[u8; 2]>,
    /// Which way a payday on a weekend or holiday moves.
    pub holidays: HolidayRule,
}

impl Schedule {
    /// A schedule of `frequency` with every calendar key at its default.
    #[must_use]
    pub fn of(frequency: PayFrequency) -> Self {
        Self {
            frequency,
            first_payday: None,
            semimonthly_days: None,
            holidays: HolidayRule::default(),
        }
    }
}

/// One payday: when the paycheck is paid and when the schedule put it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Payday {
    /// The day it is paid: the scheduled day moved by the holiday rule. Contributions count
    /// in this day's year.
    pub paid: Date,
    /// The day the pay schedule names.
    pub scheduled: Date,
}

impl Payday {
    /// Whether the holiday rule moved this payday into another year than the schedule's,
    /// which changes the year its contributions count in.
    #[must_use]
    pub fn crossed_year(self) -> bool {
        self.paid.year() != self.scheduled.year()
    }
}

/// How far past the year's edge a scheduled payday can be and still be paid inside it:
/// weekends and holidays never run longer than four days in a row.
const EDGE_DAYS: i64 = 10;

/// The regular paydays paid in `year`, in the order they are paid.
#[must_use]
pub fn paydays(year: i32, schedule: &Schedule) -> Vec<Payday> {
    let mut days: Vec<Payday> = around(year, schedule)
        .filter(|p| p.paid.year() == year)
        .collect();
    days.sort_unstable();
    days
}

/// The paydays `year`'s schedule moves across the year's edge, either way: paid in `year`
/// though scheduled in another, or scheduled in `year` and paid in another. Contributions
/// count in the year a paycheck is paid (RULES.md section 7), so the report says so.
#[must_use]
pub fn crossing_year(year: i32, schedule: &Schedule) -> Vec<Payday> {
    around(year, schedule)
        .filter(|p| p.crossed_year() && (p.paid.year() == year || p.scheduled.year() == year))
        .collect()
}

/// Every payday of the schedule around `year`, scheduled and paid (see [`scheduled`]).
fn around(year: i32, schedule: &Schedule) -> impl Iterator<Item = Payday> {
    let banks = BankCalendar::around(year);
    let holidays = schedule.holidays;
    scheduled(year, schedule)
        .into_iter()
        .map(move |scheduled| Payday {
            paid: banks.paid_on(scheduled, holidays),
            scheduled,
        })
}

/// Every scheduled payday from a little before `year` (when the schedule reaches back) to
/// a little after it, never before `first_payday`.
fn scheduled(year: i32, schedule: &Schedule) -> Vec<Date> {
    let jan1 = Date::end_of_month(year - 1, 12).add_days(1);
    let last = Date::end_of_month(year, 12).add_days(EDGE_DAYS);
    match schedule.frequency {
        PayFrequency::Weekly | PayFrequency::Biweekly => {
            let step = if schedule.frequency == PayFrequency::Weekly {
                7
            } else {
                14
            };
            let mut day = schedule
                .first_payday
                .unwrap_or_else(|| jan1.next_or_same(Weekday::Friday));
            let mut days = Vec::new();
            while day <= last {
                days.push(day);
                day = day.add_days(step);
            }
            days
        }
        PayFrequency::Semimonthly => {
            let days = schedule
                .semimonthly_days
                .unwrap_or_else(|| semimonthly_days_from(schedule.first_payday));
            month_days(year, &days, schedule.first_payday)
        }
        PayFrequency::Monthly => {
            let day = schedule
                .first_payday
                .filter(|d| *d != d.end_of_this_month())
                .map_or(31, Date::day);
            month_days(year, &[day], schedule.first_payday)
        }
    }
}

/// The two semimonthly days a `first_payday` implies when `semimonthly_days` is not given:
/// the default days for none, the 15th or a month's last day; otherwise the given day and
/// the one 15 days from it within the month.
fn semimonthly_days_from(first_payday: Option<Date>) -> [u8; 2] {
    match first_payday {
        None => DEFAULT_SEMIMONTHLY_DAYS,
        Some(d) if d.day() == 15 || d == d.end_of_this_month() => DEFAULT_SEMIMONTHLY_DAYS,
        Some(d) if d.day() < 15 => [d.day(), d.day() + 15],
        Some(d) => [d.day() - 15, d.day()],
    }
}

/// The given days of every month from December of the year before `year` to January of the
/// year after (clamped to the month's length), from `start`.
fn month_days(year: i32, days_of_month: &[u8], start: Option<Date>) -> Vec<Date> {
    let months = std::iter::once((year - 1, 12))
        .chain((1..=12).map(|m| (year, m)))
        .chain(std::iter::once((year + 1, 1)));
    let mut out = Vec::new();
    for (y, month) in months {
        let last = Date::end_of_month(y, month);
        for day in days_of_month {
            let date = Date::new(y, month, (*day).min(last.day())).unwrap_or(last);
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

    use crate::date::tests::d;

    fn paid(year: i32, schedule: &Schedule) -> Vec<Date> {
        paydays(year, schedule)
            .into_iter()
            .map(|p| p.paid)
            .collect()
    }

    fn semimonthly(days: [u8; 2]) -> Schedule {
        Schedule {
            semimonthly_days: Some(days),
            ..Schedule::of(PayFrequency::Semimonthly)
        }
    }

    #[test]
    fn paydays_crossing_the_year_either_way() {
        // Semimonthly on the 1st and 16th: Thu Jan 1 2026 (New Year's Day) is paid Wed Dec
        // 31 2025, out of 2026; Fri Jan 1 2027 is paid Thu Dec 31 2026, into it.
        let moved = crossing_year(2026, &semimonthly([1, 16]));
        assert_eq!(
            moved,
            [
                Payday {
                    paid: d(2025, 12, 31),
                    scheduled: d(2026, 1, 1)
                },
                Payday {
                    paid: d(2026, 12, 31),
                    scheduled: d(2027, 1, 1)
                }
            ]
        );
        // As dated, nothing moves.
        let none = Schedule {
            holidays: HolidayRule::None,
            ..semimonthly([1, 16])
        };
        assert!(crossing_year(2026, &none).is_empty());
    }

    #[test]
    fn biweekly_2026_has_27_paychecks_the_last_paid_on_december_31() {
        // January 1, 2026 is a Thursday, so the first Friday is January 2; 2 + 14×25 = day
        // 352, Friday December 18, is the 26th, and the 27th is scheduled for Friday January
        // 1, 2027, New Year's Day, so it is paid the business day before: Thursday December
        // 31, 2026 (RULES.md section 7). Friday June 19 (Juneteenth) is paid Thursday June 18.
        let days = paydays(2026, &Schedule::of(PayFrequency::Biweekly));
        assert_eq!(days.len(), 27);
        assert_eq!(days.first().map(|p| p.paid), Some(d(2026, 1, 2)));
        assert_eq!(
            days.last(),
            Some(&Payday {
                paid: d(2026, 12, 31),
                scheduled: d(2027, 1, 1)
            })
        );
        assert!(days.last().is_some_and(|p| p.crossed_year()));
        assert_eq!(
            days.get(12),
            Some(&Payday {
                paid: d(2026, 6, 18),
                scheduled: d(2026, 6, 19)
            })
        );
        assert_eq!(days.iter().filter(|p| p.crossed_year()).count(), 1);
    }

    #[test]
    fn a_january_1_payday_paid_in_december_belongs_to_the_year_before() {
        // 2027's first Friday is January 1, New Year's Day: paid Thursday December 31, 2026,
        // so 2027 keeps 26 of its 27 scheduled Fridays (January 1 + 14×26 = day 365,
        // Friday December 31, 2027, a business day: New Year's Day 2028 is a Saturday and
        // the Federal Reserve does not close the Friday before).
        let days = paid(2027, &Schedule::of(PayFrequency::Biweekly));
        assert_eq!(days.len(), 26);
        assert_eq!(days.first(), Some(&d(2027, 1, 15)));
        assert_eq!(days.last(), Some(&d(2027, 12, 31)));
    }

    #[test]
    fn paid_as_dated_biweekly_2026_has_26_paydays() {
        // With `holidays = "none"` the January 1, 2027 payday stays in 2027.
        let schedule = Schedule {
            holidays: HolidayRule::None,
            ..Schedule::of(PayFrequency::Biweekly)
        };
        let days = paid(2026, &schedule);
        assert_eq!(days.len(), 26);
        assert_eq!(days.last(), Some(&d(2026, 12, 18)));
        assert_eq!(days.get(12), Some(&d(2026, 6, 19)));
    }

    #[test]
    fn biweekly_2021_from_january_1() {
        // 2021 started on a Friday, New Year's Day: paid Thursday December 31, 2020, out of
        // 2021. January 15 + 14×25 = day 365, Friday December 31, 2021 (a business day: New
        // Year's Day 2022 is a Saturday): 26 paydays in 2021.
        assert_eq!(paid(2021, &Schedule::of(PayFrequency::Biweekly)).len(), 26);
        let dated = Schedule {
            holidays: HolidayRule::None,
            ..Schedule::of(PayFrequency::Biweekly)
        };
        // Paid as dated, January 1 stays: 27 paydays.
        assert_eq!(paid(2021, &dated).len(), 27);
    }

    #[test]
    fn weekly_2026_has_53_paychecks() {
        // Fridays from January 2: 2 + 7×51 = day 359, December 25, the 52nd; the 53rd is
        // scheduled for Friday January 1, 2027 and paid Thursday December 31, 2026. Two
        // Fridays are holidays and paid on the Thursday: June 19 and December 25.
        let days = paydays(2026, &Schedule::of(PayFrequency::Weekly));
        assert_eq!(days.len(), 53);
        assert_eq!(days.first().map(|p| p.paid), Some(d(2026, 1, 2)));
        let thursdays: Vec<Date> = days
            .iter()
            .filter(|p| p.paid != p.scheduled)
            .map(|p| p.paid)
            .collect();
        assert_eq!(
            thursdays,
            vec![d(2026, 6, 18), d(2026, 12, 24), d(2026, 12, 31)]
        );
    }

    #[test]
    fn semimonthly_2026_default_days_move_off_weekends() {
        // The 15th and the last day of each month, each moved to the business day before
        // when the banks are closed. 2026: January 31 Sat → Fri 30; February 15 Sun → Fri 13;
        // February 28 Sat → Fri 27; March 15 Sun → Fri 13; May 31 Sun → Fri 29; August 15 Sat
        // → Fri 14; October 31 Sat → Fri 30; November 15 Sun → Fri 13. Neither December 31,
        // 2025 (a Wednesday) nor January 15, 2027 (a Friday) moves across the year.
        let days = paid(2026, &Schedule::of(PayFrequency::Semimonthly));
        let expected = [
            (1, 15),
            (1, 30),
            (2, 13),
            (2, 27),
            (3, 13),
            (3, 31),
            (4, 15),
            (4, 30),
            (5, 15),
            (5, 29),
            (6, 15),
            (6, 30),
            (7, 15),
            (7, 31),
            (8, 14),
            (8, 31),
            (9, 15),
            (9, 30),
            (10, 15),
            (10, 30),
            (11, 13),
            (11, 30),
            (12, 15),
            (12, 31),
        ]
        .map(|(m, day)| d(2026, m, day));
        assert_eq!(days, expected.to_vec());
    }

    #[test]
    fn semimonthly_days_1_and_16_move_new_years_day_across_the_year() {
        // January 1, 2026 is New Year's Day: paid Wednesday December 31, 2025, out of 2026.
        // January 1, 2027 (a Friday holiday) is paid Thursday December 31, 2026, in it. So
        // 2026 has 23 of its own 24 scheduled days and one of 2027's: 24. February 1 (Sun) is
        // paid Friday January 30; February 16 (Washington's Birthday, a Monday) Friday
        // February 13; March 1 (Sun) Friday February 27.
        let days = paydays(2026, &semimonthly([1, 16]));
        assert_eq!(days.len(), 24);
        assert_eq!(days.first().map(|p| p.paid), Some(d(2026, 1, 16)));
        let paid_dates: Vec<Date> = days.iter().map(|p| p.paid).collect();
        assert_eq!(
            paid_dates.get(1..4),
            Some(&[d(2026, 1, 30), d(2026, 2, 13), d(2026, 2, 27)][..])
        );
        assert_eq!(
            days.last(),
            Some(&Payday {
                paid: d(2026, 12, 31),
                scheduled: d(2027, 1, 1)
            })
        );
        assert_eq!(
            paydays(2025, &semimonthly([1, 16])).last(),
            Some(&Payday {
                paid: d(2025, 12, 31),
                scheduled: d(2026, 1, 1)
            })
        );
    }

    #[test]
    fn paid_after_a_december_payday_can_move_into_the_year() {
        // Monthly on the last day, paid the business day after: December 31, 2022 is a
        // Saturday and Monday January 2, 2023 is New Year's Day observed (January 1 was a
        // Sunday), so it is paid Tuesday January 3, 2023, in 2023. December 31, 2023 is a
        // Sunday and Monday January 1, 2024 a holiday: paid Tuesday January 2, 2024, out of
        // 2023. So 2023 still has 12 paydays, the first for December 2022.
        let schedule = Schedule {
            holidays: HolidayRule::After,
            ..Schedule::of(PayFrequency::Monthly)
        };
        let days = paydays(2023, &schedule);
        assert_eq!(days.len(), 12);
        assert_eq!(
            days.first(),
            Some(&Payday {
                paid: d(2023, 1, 3),
                scheduled: d(2022, 12, 31)
            })
        );
        assert_eq!(
            days.last(),
            Some(&Payday {
                paid: d(2023, 11, 30),
                scheduled: d(2023, 11, 30)
            })
        );
    }

    #[test]
    fn monthly_and_a_late_start() {
        // 2026's last days: January 31 (Sat) → Friday 30; the rest fall as listed below.
        assert_eq!(
            paid(2026, &Schedule::of(PayFrequency::Monthly)).first(),
            Some(&d(2026, 1, 30))
        );
        assert_eq!(paid(2026, &Schedule::of(PayFrequency::Monthly)).len(), 12);
        let late = Schedule {
            first_payday: Some(d(2026, 7, 10)),
            holidays: HolidayRule::None,
            ..Schedule::of(PayFrequency::Monthly)
        };
        assert_eq!(
            paid(2026, &late),
            vec![
                d(2026, 7, 10),
                d(2026, 8, 10),
                d(2026, 9, 10),
                d(2026, 10, 10),
                d(2026, 11, 10),
                d(2026, 12, 10)
            ]
        );
    }

    #[test]
    fn first_payday_sets_the_semimonthly_days_unless_they_are_given() {
        // Without `semimonthly_days`, a January 2 start pairs the 2nd with the 17th.
        let from_first = Schedule {
            first_payday: Some(d(2026, 1, 2)),
            holidays: HolidayRule::None,
            ..Schedule::of(PayFrequency::Semimonthly)
        };
        assert_eq!(
            paid(2026, &from_first).get(..2),
            Some(&[d(2026, 1, 2), d(2026, 1, 17)][..])
        );
        // With them, `first_payday` only sets the start: nothing scheduled before March 10.
        let start = Schedule {
            first_payday: Some(d(2026, 3, 10)),
            ..semimonthly([15, 31])
        };
        let days = paid(2026, &start);
        // March 15 (Sun) → Friday 13, then March 31 to December 31: 1 + 19 = 20 paydays.
        assert_eq!(days.first(), Some(&d(2026, 3, 13)));
        assert_eq!(days.len(), 20);
    }

    #[test]
    fn the_usual_paydays() {
        assert_eq!(PayFrequency::Weekly.usual_paydays(), 52);
        assert_eq!(PayFrequency::Biweekly.usual_paydays(), 26);
        assert_eq!(PayFrequency::Semimonthly.usual_paydays(), 24);
        assert_eq!(PayFrequency::Monthly.usual_paydays(), 12);
    }
}
