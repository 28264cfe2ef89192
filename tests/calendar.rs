//! The payday calendar as payroll keeps it (`[payroll] semimonthly_days`, `holidays`,
//! `extra_paycheck`) and each paycheck's pay rounded cumulatively (contract section 2,
//! "Rounding"). Every expected figure is worked out beside it.

use crate::common::{d, fails, plan, report};
use mbr::engine::outcome::WarningCode;
use mbr::engine::outcome::{LineKind, Report};
use rust_decimal::Decimal;

/// The regular paychecks' pay, in order.
fn pays(r: &Report) -> Vec<Decimal> {
    r.schedule
        .iter()
        .filter(|l| l.kind == LineKind::Paycheck)
        .map(|l| l.pay)
        .collect()
}

/// The regular paychecks' dates, as written in the output.
fn dates(r: &Report) -> Vec<String> {
    r.schedule
        .iter()
        .filter(|l| l.kind == LineKind::Paycheck)
        .map(|l| l.date.to_string())
        .collect()
}

fn year_pay(r: &Report) -> Decimal {
    pays(r).iter().sum()
}

/// 26 biweekly paychecks of a $200,000 salary (2026 paid as dated: Fridays January 2 to
/// December 18). Through paycheck k the pay is 200,000 × k / 26 rounded to the cent:
/// k=1: 7,692.307… → 7,692.31; k=2: 15,384.615… → 15,384.62, less 7,692.31 = 7,692.31;
/// k=3: 23,076.923… → 23,076.92, less 15,384.62 = 7,692.30; k=25: 192,307.692… →
/// 192,307.69; k=26: 200,000.00, less 192,307.69 = 7,692.31. The year: exactly $200,000.00
/// (26 × 7,692.31 would be 200,000.06).
#[test]
fn twenty_six_paychecks_of_200000_sum_to_the_salary() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 200000\npay_frequency = \"biweekly\"",
        "[payroll]\nholidays = \"none\"\n",
    ));
    let p = pays(&r);
    assert_eq!(p.len(), 26);
    assert_eq!(
        p.get(..3),
        Some(&[d("7692.31"), d("7692.31"), d("7692.30")][..])
    );
    assert_eq!(p.last(), Some(&d("7692.31")));
    assert_eq!(year_pay(&r), d("200000.00"));
}

/// 2025 biweekly, moved off holidays as by default: Fridays from January 3, 3 + 14 × 25 =
/// day 353, December 19, the 26th; the next, January 2, 2026, is a business day and stays in
/// 2026. July 4, 2025, the 14th (3 + 14 × 13 = day 185), is a holiday: paid Thursday July 3.
/// $100,000 over 26: k=1: 3,846.153… → 3,846.15; k=2: 7,692.307… → 7,692.31, so 3,846.16;
/// the year: $100,000.00.
#[test]
fn a_friday_holiday_is_paid_on_the_thursday() {
    let r = report(&plan(
        2025,
        "age = 40\ncompensation = 100000\npay_frequency = \"biweekly\"",
        "",
    ));
    let days = dates(&r);
    assert_eq!(days.len(), 26);
    assert_eq!(days.get(13).map(String::as_str), Some("2025-07-03"));
    assert_eq!(days.last().map(String::as_str), Some("2025-12-19"));
    assert_eq!(pays(&r).get(..2), Some(&[d("3846.15"), d("3846.16")][..]));
    assert_eq!(year_pay(&r), d("100000.00"));
}

/// A Friday biweekly schedule from January 2, 2026 has 27 paychecks in 2026: the 27th is
/// scheduled for Friday January 1, 2027, New Year's Day, and paid Thursday December 31, 2026
/// (RULES.md section 7). By default (`extra_paycheck = "unknown"`, figured as
/// "same-year-pay") the $200,000 is spread over 27: 200,000 / 27 = 7,407.407…; k=1:
/// 7,407.41; k=2: 14,814.814… → 14,814.81, so 7,407.40; k=3: 22,222.222… → 22,222.22, so
/// 7,407.41; the year: $200,000.00.
#[test]
fn the_27th_paycheck_spreads_the_same_pay_by_default() {
    for extra in ["", "[payroll]\nextra_paycheck = \"same-year-pay\"\n"] {
        let r = report(&plan(
            2026,
            "age = 40\ncompensation = 200000\npay_frequency = \"biweekly\"",
            extra,
        ));
        assert_eq!(r.participant.paychecks, 27);
        assert_eq!(dates(&r).last().map(String::as_str), Some("2026-12-31"));
        assert_eq!(
            pays(&r).get(..3),
            Some(&[d("7407.41"), d("7407.40"), d("7407.41")][..])
        );
        assert_eq!(year_pay(&r), d("200000.00"));
        assert!(
            r.warnings
                .iter()
                .any(|w| w.code() == WarningCode::ExtraPayday)
        );
    }
}

/// `extra_paycheck = "adds-pay"`: each paycheck is the annual rate / 26, so 2026's 27
/// biweekly paychecks pay 27/26 of it. $200,000: the first 26 as in a 26-paycheck year
/// (7,692.31, 7,692.31, 7,692.30, …, $200,000.00 through k=26); k=27: 200,000 × 27 / 26 =
/// 207,692.307… → 207,692.31, so the 27th is 7,692.31 and the year pays $207,692.31.
#[test]
fn an_extra_paycheck_that_adds_pay() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 200000\npay_frequency = \"biweekly\"",
        "[payroll]\nextra_paycheck = \"adds-pay\"\n",
    ));
    let p = pays(&r);
    assert_eq!(p.len(), 27);
    assert_eq!(
        p.get(..3),
        Some(&[d("7692.31"), d("7692.31"), d("7692.30")][..])
    );
    assert_eq!(p.last(), Some(&d("7692.31")));
    assert_eq!(year_pay(&r), d("207692.31"));
}

/// The year's pay is what 415(c)'s 100%-of-pay limit looks at: $52,000 biweekly is $2,000 a
/// paycheck (52,000 / 26); with "adds-pay" 2026's 27 paychecks pay 27 × 2,000 = $54,000,
/// the lesser of $72,000 and $54,000; spread over them ("same-year-pay") the year pays
/// $52,000, and 415(c) is $52,000.
#[test]
fn the_extra_pay_raises_the_100_percent_of_pay_limit() {
    let with = |extra: &str| {
        report(&plan(
            2026,
            "age = 40\ncompensation = 52000\npay_frequency = \"biweekly\"",
            &format!("[payroll]\nextra_paycheck = \"{extra}\"\n"),
        ))
    };
    let adds = with("adds-pay");
    assert!(pays(&adds).iter().all(|p| *p == d("2000")));
    assert_eq!(adds.annual_additions.limit, d("54000"));
    let same = with("same-year-pay");
    assert_eq!(year_pay(&same), d("52000.00"));
    assert_eq!(same.annual_additions.limit, d("52000"));
}

/// Percent elections and the match follow the year's pay: $130,000 biweekly with
/// "adds-pay" is 130,000 / 26 = $5,000 a paycheck, 27 of them in 2026. A 10% pre-tax
/// election is $500 a paycheck, 27 × 500 = $13,500; a 100% match on the first 3% is $150 a
/// paycheck, 27 × 150 = $4,050.
#[test]
fn percent_elections_and_the_match_on_an_extra_paycheck_that_adds_pay() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 130000\npay_frequency = \"biweekly\"",
        "[deferrals]\npretax = \"10%\"\n[match]\ntiers = [{ rate = \"100%\", on = \"3%\" }]\n[payroll]\nextra_paycheck = \"adds-pay\"\n",
    ));
    assert_eq!(year_pay(&r), d("135000"));
    assert_eq!(r.contributions.pretax, d("13500"));
    assert_eq!(r.contributions.employer_match, d("4050"));
}

/// 401(a)(17) counts the year's pay: $350,000 with "adds-pay" pays 350,000 × 27 / 26 =
/// 363,461.538… → $363,461.54 in 2026, above the $360,000 limit, so $360,000 counts.
#[test]
fn the_extra_pay_counts_up_to_the_compensation_limit() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 350000\npay_frequency = \"biweekly\"",
        "[payroll]\nextra_paycheck = \"adds-pay\"\n",
    ));
    assert_eq!(year_pay(&r), d("363461.54"));
    assert_eq!(r.participant.counted_compensation, d("360000"));
}

/// Weekly from Friday January 2, 2026: 2 + 7 × 51 = day 359, December 25 (paid Thursday
/// December 24), is the 52nd Friday; the 53rd is scheduled for January 1, 2027 and paid
/// Thursday December 31. $265,000 spread over 53 is 265,000 / 53 = $5,000; "adds-pay" on
/// $260,000 is 260,000 / 52 = $5,000 each, 53 × 5,000 = $265,000.
#[test]
fn weekly_2026_has_53_paychecks() {
    let same = report(&plan(
        2026,
        "age = 40\ncompensation = 265000\npay_frequency = \"weekly\"",
        "",
    ));
    assert_eq!(same.participant.paychecks, 53);
    assert!(pays(&same).iter().all(|p| *p == d("5000")));
    let days = dates(&same);
    assert_eq!(days.get(51).map(String::as_str), Some("2026-12-24"));
    assert_eq!(days.last().map(String::as_str), Some("2026-12-31"));
    let adds = report(&plan(
        2026,
        "age = 40\ncompensation = 260000\npay_frequency = \"weekly\"",
        "[payroll]\nextra_paycheck = \"adds-pay\"\n",
    ));
    assert!(pays(&adds).iter().all(|p| *p == d("5000")));
    assert_eq!(year_pay(&adds), d("265000"));
}

/// With the usual number of paydays "adds-pay" changes nothing: 2026 semimonthly has 24.
/// $100,000 / 24 = 4,166.666…: k=1: 4,166.67; k=2: 8,333.33, so 4,166.66; the year
/// $100,000.00.
#[test]
fn adds_pay_only_matters_in_a_year_with_an_extra_payday() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 100000\npay_frequency = \"semimonthly\"",
        "[payroll]\nextra_paycheck = \"adds-pay\"\n",
    ));
    assert_eq!(pays(&r).get(..2), Some(&[d("4166.67"), d("4166.66")][..]));
    assert_eq!(year_pay(&r), d("100000.00"));
}

/// The default semimonthly days in 2026, moved to the business day before: February 15 is a
/// Sunday (paid Friday February 13), February 28 a Saturday (Friday February 27).
#[test]
fn semimonthly_paydays_move_off_weekends() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 120000\npay_frequency = \"semimonthly\"",
        "",
    ));
    let days = dates(&r);
    assert_eq!(days.len(), 24);
    assert_eq!(
        days.get(2..4),
        Some(&["2026-02-13".to_string(), "2026-02-27".to_string()][..])
    );
}

/// `semimonthly_days = [1, 16]` in 2026: January 1 is New Year's Day, paid Wednesday
/// December 31, 2025, so 2026 starts on January 16; January 1, 2027 (a Friday holiday) is
/// paid Thursday December 31, 2026. 23 + 1 = 24 paychecks; $120,000 / 24 = $5,000 each.
#[test]
fn semimonthly_days_1_and_16() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 120000\npay_frequency = \"semimonthly\"",
        "[payroll]\nsemimonthly_days = [1, 16]\n",
    ));
    let days = dates(&r);
    assert_eq!(days.len(), 24);
    assert_eq!(days.first().map(String::as_str), Some("2026-01-16"));
    assert_eq!(days.last().map(String::as_str), Some("2026-12-31"));
    assert!(pays(&r).iter().all(|p| *p == d("5000")));
}

/// `holidays = "after"`: 2026's biweekly Friday June 19 (Juneteenth) is paid Monday June 22,
/// and the January 1, 2027 payday Monday January 4, 2027: 26 paychecks in 2026.
#[test]
fn paid_the_business_day_after() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 130000\npay_frequency = \"biweekly\"",
        "[payroll]\nholidays = \"after\"\n",
    ));
    let days = dates(&r);
    assert_eq!(days.len(), 26);
    assert_eq!(days.get(12).map(String::as_str), Some("2026-06-22"));
    assert!(pays(&r).iter().all(|p| *p == d("5000")));
}

/// A mid-year `first_payday` shares the year's pay among the paydays from it, as before:
/// biweekly from Friday July 10, 2026, the 13th payday is scheduled January 1, 2027 (168 =
/// 14 × 12 days after July 10) and paid Thursday December 31: 13 paychecks of $65,000 / 13,
/// $5,000 each.
#[test]
fn a_late_first_payday() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 65000\npay_frequency = \"biweekly\"",
        "[payroll]\nfirst_payday = 2026-07-10\n",
    ));
    assert_eq!(r.participant.paychecks, 13);
    assert!(pays(&r).iter().all(|p| *p == d("5000")));
}

/// Bonuses keep their amounts; the rest of the pay is rounded cumulatively: $110,000 with a
/// $10,000 bonus leaves $100,000 over 26 paydays (2026 paid as dated): 3,846.15, 3,846.16, …
/// and the year, bonus included, $110,000.00.
#[test]
fn bonuses_keep_their_amounts() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 110000\npay_frequency = \"biweekly\"",
        "[payroll]\nholidays = \"none\"\n[[payroll.bonus]]\ndate = 2026-03-06\namount = 10000\n",
    ));
    let bonus: Vec<Decimal> = r
        .schedule
        .iter()
        .filter(|l| l.kind == LineKind::Bonus)
        .map(|l| l.pay)
        .collect();
    assert_eq!(bonus, vec![d("10000")]);
    assert_eq!(pays(&r).get(..2), Some(&[d("3846.15"), d("3846.16")][..]));
    assert_eq!(year_pay(&r) + d("10000"), d("110000.00"));
}

const SEMI: &str = "year = 2026\n[participant]\nage = 40\ncompensation = 150000\npay_frequency = \"semimonthly\"\n[payroll]\n";

#[test]
fn semimonthly_days_errors() {
    fails(
        &format!("{SEMI}semimonthly_days = [16, 1]\n"),
        "error: <stdin>:7:20: `payroll.semimonthly_days` is [16, 1]; give the earlier day first, such as [1, 16]",
    );
    fails(
        &format!("{SEMI}semimonthly_days = [0, 15]\n"),
        "error: <stdin>:7:21: `payroll.semimonthly_days[0]` is 0, not a day of the month; give a whole number from 1 to 31 (31 = the last day)",
    );
    fails(
        &format!("{SEMI}semimonthly_days = [15]\n"),
        "error: <stdin>:7:20: `payroll.semimonthly_days` holds 1 day; give the two paydays of each month, such as [1, 16] or [15, 31]",
    );
    fails(
        &format!("{SEMI}semimonthly_days = \"15, 31\"\n"),
        "error: <stdin>:7:20: `payroll.semimonthly_days` is two days of the month such as [1, 16] or [15, 31] (31 = the last day), not the string \"15, 31\"",
    );
    fails(
        &(SEMI.replace("semimonthly\"", "biweekly\"") + "semimonthly_days = [1, 16]\n"),
        "error: <stdin>:7:20: `payroll.semimonthly_days` applies only to semimonthly pay, but `participant.pay_frequency` is \"biweekly\"; set it to \"semimonthly\" or remove `semimonthly_days`",
    );
}

#[test]
fn holidays_and_extra_paycheck_errors() {
    fails(
        &format!("{SEMI}holidays = \"befor\"\n"),
        "error: <stdin>:7:12: `payroll.holidays` must be one of \"before\", \"after\", \"none\", not \"befor\"; did you mean \"before\"?",
    );
    fails(
        &format!("{SEMI}extra_paycheck = \"adds\"\n"),
        "error: <stdin>:7:18: `payroll.extra_paycheck` must be one of \"adds-pay\", \"same-year-pay\", \"unknown\", not \"adds\"; did you mean \"adds-pay\"?",
    );
    // December 31, 2022 is a Saturday; paid the business day after, it is paid Tuesday
    // January 3, 2023 (Monday January 2 is New Year's Day observed), out of 2022.
    fails(
        "year = 2022\n[participant]\nage = 40\ncompensation = 150000\npay_frequency = \"monthly\"\n[payroll]\nfirst_payday = 2022-12-31\nholidays = \"after\"\n",
        "error: <stdin>:7:16: `payroll.first_payday` leaves no payday paid in 2022 (the holiday rule moves it into 2023); give an earlier first payday, or `holidays = \"before\"`",
    );
}
