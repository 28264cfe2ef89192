//! A second, independent implementation of the contract's paycheck arithmetic, written from
//! CONTRACT.md §2 and RULES.md §1–§4 and §7 without the engine's code, used as an oracle: for
//! plans without after-tax match, bonuses or year-to-date figures, both must agree to the
//! cent on deferrals, catch-up, match, nonelective money and after-tax room.

// The second oracle: the recommended elections followed with an independent payroll model.
mod follow;

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::common::try_report;

fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// (402(g), age-50 catch-up, age 60–63 catch-up, 415(c), 401(a)(17)) from LIMITS.md §1.
fn limits(year: i32) -> (i64, i64, Option<i64>, i64, i64) {
    match year {
        2022 => (20_500, 6_500, None, 61_000, 305_000),
        2023 => (22_500, 7_500, None, 66_000, 330_000),
        2024 => (23_000, 7_500, None, 69_000, 345_000),
        2025 => (23_500, 7_500, Some(11_250), 70_000, 350_000),
        _ => (24_500, 8_000, Some(11_250), 72_000, 360_000),
    }
}

/// The Social Security wage base of `year` (SSA; LIMITS.md).
fn wage_base(year: i32) -> Decimal {
    Decimal::from(match year {
        2022 => 147_000,
        2023 => 160_200,
        2024 => 168_600,
        2025 => 176_100,
        _ => 184_500,
    })
}

/// What a paycheck of `pay` holds of the elections, `wages` paid before it this year: its
/// pay less the employee's FICA (RULES.md §7), each tax to the cent: 6.2% of the part below
/// the wage base, 1.45%, and 0.9% of the part of the year's wages above 200,000.
fn holds(year: i32, pay: Decimal, wages: Decimal) -> Decimal {
    let ss_wages = (wage_base(year) - wages).max(Decimal::ZERO).min(pay);
    let above = (wages + pay - Decimal::from(200_000).max(wages)).max(Decimal::ZERO);
    pay - cents(Decimal::new(62, 3) * ss_wages)
        - cents(Decimal::new(145, 4) * pay)
        - cents(Decimal::new(9, 3) * above)
}

/// Paydays paid in the year under the contract's default rules, counted: Fridays from the
/// first Friday (weekly, biweekly), 24 or 12 month days. A payday on a holiday is paid the
/// business day before (RULES.md section 7), which moves a year's paydays only at New Year:
/// a Friday January 1 payday is paid on Thursday December 31, in the year before. (Month
/// days never cross: January 15 and the last day of a month move back a few days at most.)
fn paychecks(year: i32, frequency: &str) -> usize {
    let y = i64::from(year) - 1;
    // Gauss: day of week of January 1, 0 = Sunday.
    let jan1 = (1 + 5 * (y % 4) + 4 * (y % 100) + 6 * (y % 400)) % 7;
    let first_friday = 1 + (5 - jan1).rem_euclid(7);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = if leap { 366 } else { 365 };
    let count = |step: i64| {
        // Next January 1 is day `days + 1`: on the schedule, it is paid this year; this
        // January 1 (first_friday = 1) is paid last year.
        let scheduled = (days - first_friday) / step + 1;
        let next_new_year = i64::from((days + 1 - first_friday) % step == 0);
        let this_new_year = i64::from(first_friday == 1);
        usize::try_from(scheduled + next_new_year - this_new_year).unwrap_or(0)
    };
    match frequency {
        "weekly" => count(7),
        "biweekly" => count(14),
        "semimonthly" => 24,
        _ => 12,
    }
}

#[derive(Debug, Clone)]
struct Case {
    year: i32,
    age: u32,
    comp: i64,
    frequency: &'static str,
    pretax_pct: Option<u32>,
    catch_up: bool,
    tiers: Vec<(u32, u32)>,
    true_up: bool,
    nonelective_pct: u32,
}

struct Expected {
    deferrals_in_415: Decimal,
    catch_up: Decimal,
    employer_match: Decimal,
    nonelective: Decimal,
    /// 415(c) less deferrals and employer money: the limits' figure, whatever the
    /// paychecks can hold (contract §4 `after_tax_room`).
    room: Decimal,
    employer_over_415: bool,
}

fn pct(p: u32) -> Decimal {
    Decimal::from(p) / Decimal::ONE_HUNDRED
}

fn oracle(c: &Case) -> Expected {
    let (g, cu50, cu60, a415, cap) = limits(c.year);
    let catch_up = match (c.catch_up && c.age >= 50, cu60) {
        (false, _) => 0,
        (true, Some(s)) if (60..=63).contains(&c.age) => s,
        (true, _) => cu50,
    };
    let comp = Decimal::from(c.comp);
    let limit = Decimal::from(a415).min(comp);
    let g = Decimal::from(g);
    let deferral_limit = if limit < g {
        limit
    } else {
        g + Decimal::from(catch_up)
    };
    let n = paychecks(c.year, c.frequency);
    // CONTRACT.md section 2, "Rounding": through paycheck k the pay is comp × k / n rounded
    // to the cent, and so are the percent contributions (the percent of the exact counted
    // pay through k) and the match (the sum of the formula on each paycheck's exact figures);
    // each paycheck holds the difference. 401(a)(17) counts the exact pay up to its limit.
    let exact = |k: usize| comp * Decimal::from(k) / Decimal::from(n);
    let through = |k: usize| cents(exact(k));
    let counted_through = |k: usize| exact(k).min(Decimal::from(cap));
    // A percent of the counted pay through k, rounded, with one division (exact whenever
    // the figure is exactly half a cent).
    let pct_through = |p: Decimal, k: usize| {
        if exact(k) >= Decimal::from(cap) {
            cents(p * Decimal::from(cap))
        } else {
            cents(p * comp * Decimal::from(k) / Decimal::from(n))
        }
    };
    // A percent of all the pay through k, rounded (elections run on all pay).
    let all_through = |p: Decimal, k: usize| cents(p * comp * Decimal::from(k) / Decimal::from(n));
    let (mut ytd, mut in_415, mut cu, mut m_exact) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut left_to_spread = deferral_limit;
    for i in 0..n {
        let pay = through(i + 1) - through(i);
        let held = holds(c.year, pay, through(i));
        let counted = counted_through(i + 1) - counted_through(i);
        let want = match c.pretax_pct {
            None if i + 1 == n => left_to_spread,
            None => cents(left_to_spread / Decimal::from(n - i)),
            // Percent elections run on all pay, rounded cumulatively; only the match and
            // nonelective money stop at 401(a)(17) (`payroll.compensation_limit` left out:
            // "continue", RULES.md §3).
            Some(p) => all_through(pct(p), i + 1) - all_through(pct(p), i),
        };
        let d = want.min(deferral_limit - ytd).min(held);
        if c.pretax_pct.is_none() {
            left_to_spread -= d;
        }
        // What the match formula sees: the exact percent of this paycheck's pay, unless a
        // limit cut the deferral or it is a money amount.
        let d_exact = match c.pretax_pct {
            Some(p) if d == want => pct(p) * (exact(i + 1) - exact(i)),
            _ => d,
        };
        let before = ytd;
        ytd += d;
        let above = (ytd - before.max(g)).max(Decimal::ZERO).min(d);
        cu += above;
        in_415 += d - above;
        let mut start = Decimal::ZERO;
        for (rate, on) in &c.tiers {
            let lo = start * counted;
            m_exact += pct(*rate) * (d_exact - lo).max(Decimal::ZERO).min(pct(*on) * counted);
            start += pct(*on);
        }
    }
    // The year's match and nonelective money: the running figures through the last
    // paycheck, rounded.
    let mut m_sum = cents(m_exact.round_dp(12));
    let ne = pct_through(pct(c.nonelective_pct), n);
    if c.true_up && !c.tiers.is_empty() {
        let counted_comp = comp.min(Decimal::from(cap));
        let mut m = Decimal::ZERO;
        let mut start = Decimal::ZERO;
        for (rate, on) in &c.tiers {
            m += pct(*rate)
                * (ytd - start * counted_comp)
                    .max(Decimal::ZERO)
                    .min(pct(*on) * counted_comp);
            start += pct(*on);
        }
        m_sum = cents(m);
    }
    let by_415 = limit - in_415 - m_sum - ne;
    Expected {
        deferrals_in_415: in_415,
        catch_up: cu,
        employer_match: m_sum,
        nonelective: ne,
        room: by_415.max(Decimal::ZERO),
        employer_over_415: by_415 < Decimal::ZERO,
    }
}

fn toml(c: &Case) -> String {
    let pretax = c
        .pretax_pct
        .map_or("\"max\"".to_string(), |p| format!("\"{p}%\""));
    let mut s = format!(
        "year = {}\n[participant]\nage = {}\ncompensation = {}\npay_frequency = \"{}\"\nprior_year_fica_wages = 100000\n\
         [deferrals]\npretax = {pretax}\ncatch_up = {}\n[employer]\nnonelective = \"{}%\"\n\
         [after_tax]\nallowed = true\n[conversion]\nin_plan_roth_conversion = true\n",
        c.year, c.age, c.comp, c.frequency, c.catch_up, c.nonelective_pct
    );
    if !c.tiers.is_empty() {
        let tiers: Vec<_> = c
            .tiers
            .iter()
            .map(|(r, on)| format!("{{ rate = \"{r}%\", on = \"{on}%\" }}"))
            .collect();
        s += &format!(
            "[match]\ntiers = [{}]\ntrue_up = {}\n",
            tiers.join(", "),
            c.true_up
        );
    }
    s
}

fn cases() -> impl Strategy<Value = Case> {
    (
        (2022i32..=2026, 20u32..75, 20_000i64..600_000),
        prop::sample::select(vec!["weekly", "biweekly", "semimonthly", "monthly"]),
        prop::option::of(0u32..=40),
        any::<bool>(),
        prop::collection::vec((0u32..=150, 1u32..=6), 0..3),
        any::<bool>(),
        0u32..=8,
    )
        .prop_map(
            |(
                (year, age, comp),
                frequency,
                pretax_pct,
                catch_up,
                tiers,
                true_up,
                nonelective_pct,
            )| Case {
                year,
                age,
                comp,
                frequency,
                pretax_pct,
                catch_up,
                tiers,
                true_up,
                nonelective_pct,
            },
        )
}

proptest! {
    #![proptest_config(crate::common::proptest_config(300))]

    /// The engine and the oracle agree to the cent wherever employer money fits under 415(c)
    /// (beyond it the engine cuts employer money, which the oracle does not model).
    #[test]
    fn engine_agrees_with_the_oracle(c in cases()) {
        let expected = oracle(&c);
        prop_assume!(!expected.employer_over_415);
        let text = toml(&c);
        let r = try_report(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let k = &r.contributions;
        prop_assert_eq!(k.pretax + k.roth, expected.deferrals_in_415, "{}", text);
        prop_assert_eq!(k.catch_up, expected.catch_up, "{}", text);
        prop_assert_eq!(k.employer_match, expected.employer_match, "{}", text);
        prop_assert_eq!(k.employer_nonelective, expected.nonelective, "{}", text);
        prop_assert_eq!(r.after_tax_room, expected.room, "{}", text);
    }
}

#[test]
fn payday_counts() {
    // 2026 starts on a Thursday: 52 Fridays (January 2 + 7 × 51 = December 25) and Friday
    // January 1, 2027, paid Thursday December 31, 2026: 53 weekly paydays; 26 + 1 = 27
    // biweekly (January 2 + 14 × 26 = January 1, 2027). 2021 started on a Friday, New Year's
    // Day, paid Thursday December 31, 2020: 53 − 1 = 52 weekly, 27 − 1 = 26 biweekly.
    assert_eq!(
        (paychecks(2026, "weekly"), paychecks(2026, "biweekly")),
        (53, 27)
    );
    assert_eq!(
        (paychecks(2021, "weekly"), paychecks(2021, "biweekly")),
        (52, 26)
    );
}
