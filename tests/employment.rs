//! Part of a year at an employer (`participant.employed_from` / `employed_until`; contract
//! 2b, RULES.md section 9): only the paychecks paid while employed are the plan's, each the
//! annual rate over the usual number of paydays; 415(c)'s 100%-of-pay limit and the match
//! use the year's pay from them; a new hire has no prior-year pay there; a leaver can roll
//! after-tax money out after separation. Every expected figure is worked out beside it.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::common::{at, d, fails, money, run_json};

/// The regular paychecks of the JSON schedule: `(date, pay)`.
fn paychecks(o: &Value) -> Vec<(String, Decimal)> {
    at(o, "/schedule")
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "paycheck")
        .map(|l| (l["date"].as_str().unwrap().to_string(), money(&l["pay"])))
        .collect()
}

/// The warning codes.
fn codes(o: &Value) -> Vec<String> {
    at(o, "/warnings")
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

/// The strings of a JSON array at `pointer`.
fn texts(o: &Value, pointer: &str) -> Vec<String> {
    at(o, pointer)
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// A job from July 1, 2026, paid biweekly at $130,000 a year. The default schedule pays
/// Fridays from January 2 (day 2 of the year), every 14 days: payday k (from 0) is day
/// 2 + 14k. July 1 is day 182, so the first payday at the job is k = 13, day 184, Friday
/// July 3 (July 4 falls on a Saturday, and the Federal Reserve does not close the Friday
/// before). The last, k = 26, day 366, is Friday January 1, 2027, New Year's Day, paid
/// Thursday December 31, 2026 ("before"). k = 13..26: 14 paychecks, each 130,000 / 26 =
/// 5,000.00 (not the year's pay spread over 14). The year's pay: 14 × 5,000 = 70,000.
/// 415(c): min(72,000, 70,000) = 70,000. Deferring 6%, matched 100% up to 6% (trued up):
/// 6% × 70,000 = 4,200 each. After-tax room: 70,000 − 4,200 − 4,200 = 61,600. What the
/// paychecks hold of it: each 5,000 less FICA (6.2% = 310.00, 1.45% = 72.50) less the 300
/// deferred = 4,317.50; × 14 = 60,445.00, what "max" after-tax money puts in.
#[test]
fn a_job_from_july_pays_its_paychecks_at_the_annual_rate() {
    let o = run_json(
        r#"year = 2026
[participant]
age = 40
compensation = 130000
pay_frequency = "biweekly"
employed_from = 2026-07-01
[deferrals]
pretax = "6%"
[match]
tiers = [{ rate = "100%", on = "6%" }]
true_up = true
[after_tax]
allowed = true
amount = "max"
[conversion]
in_plan_roth_conversion = true
in_service_withdrawal = false
automatic = true
"#,
    );
    let p = paychecks(&o);
    assert_eq!(p.len(), 14);
    assert_eq!(p.first().map(|(d, _)| d.as_str()), Some("2026-07-03"));
    assert_eq!(p.last().map(|(d, _)| d.as_str()), Some("2026-12-31"));
    assert!(p.iter().all(|(_, pay)| *pay == d("5000")));
    assert_eq!(at(&o, "/participant/paychecks"), 14);
    assert_eq!(at(&o, "/participant/employed_from"), "2026-07-01");
    assert_eq!(at(&o, "/participant/employed_until"), &Value::Null);
    assert_eq!(money(at(&o, "/participant/compensation")), d("130000"));
    assert_eq!(money(at(&o, "/participant/year_pay")), d("70000"));
    assert_eq!(money(at(&o, "/annual_additions/limit")), d("70000"));
    assert_eq!(money(at(&o, "/contributions/pretax")), d("4200"));
    assert_eq!(money(at(&o, "/contributions/employer_match")), d("4200"));
    assert_eq!(money(at(&o, "/after_tax_room")), d("61600"));
    assert_eq!(money(at(&o, "/contributions/after_tax")), d("60445"));
    // The first paycheck is taken as a full period's pay, and the report says so.
    let notes = texts(&o, "/elections/notes");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("from 2026-07-01, the first included")
                && n.contains("compensation / 26 = $5,000.00")
                && n.contains("arrears")),
        "{notes:?}"
    );
    // The 27th payday of the schedule is paid in 2026 while employed: still warned.
    assert!(codes(&o).contains(&"payday-moved".to_string()));
}

/// A full year's plan says nothing of an employment window, and its year's pay is its
/// compensation.
#[test]
fn a_whole_year_has_no_window_and_pays_its_compensation() {
    let o = run_json(
        "year = 2026\n[participant]\nage = 40\ncompensation = 130000\npay_frequency = \"monthly\"\n",
    );
    assert_eq!(at(&o, "/participant/employed_from"), &Value::Null);
    assert_eq!(at(&o, "/participant/employed_until"), &Value::Null);
    assert_eq!(money(at(&o, "/participant/year_pay")), d("130000"));
    assert!(
        !texts(&o, "/elections/notes")
            .iter()
            .any(|n| n.contains("arrears"))
    );
}

/// A new hire from March 1, 2026 at $400,000 a year, aged 55, with catch-up. Biweekly
/// paydays are days 2 + 14k; March 1 is day 60, so k = 5 (day 72, March 13) to k = 26
/// (paid December 31): 22 paychecks. The year's pay: 400,000 × 22 / 26 = 338,461.538… →
/// 338,461.54. Last year's pay and FICA wages from this employer default to 0 for a new
/// hire (RULES.md section 9): not an HCE (0 is not above $160,000) and not under the Roth
/// catch-up rule (0 is not above $150,000), so the $8,000 catch-up stays pre-tax.
#[test]
fn a_new_hire_is_neither_hce_nor_under_the_roth_catch_up_rule() {
    let plan = r#"year = 2026
[participant]
age = 55
compensation = 400000
pay_frequency = "biweekly"
employed_from = 2026-03-01
[deferrals]
pretax = "max"
catch_up = true
[after_tax]
allowed = true
amount = "max"
[conversion]
in_plan_roth_conversion = true
in_service_withdrawal = false
automatic = true
[payroll]
compensation_limit = "continue"
"#;
    let o = run_json(plan);
    assert_eq!(at(&o, "/participant/paychecks"), 22);
    assert_eq!(money(at(&o, "/participant/year_pay")), d("338461.54"));
    assert_eq!(at(&o, "/participant/hce"), false);
    assert_eq!(at(&o, "/participant/roth_catch_up_required"), false);
    assert_eq!(money(at(&o, "/contributions/catch_up")), d("8000"));
    assert_eq!(money(at(&o, "/contributions/catch_up_roth")), d("0"));
    let w = codes(&o);
    assert!(!w.contains(&"hce-acp-test".to_string()), "{w:?}");
    assert!(!w.contains(&"roth-catch-up".to_string()), "{w:?}");

    // Given last year's figures from this employer (an employee rehired, say), both apply:
    // 380,000 of pay is above $160,000, and box 3 at the 2025 wage base, 176,100, is above
    // $150,000, so the catch-up is Roth.
    let given = plan.replace(
        "employed_from = 2026-03-01\n",
        "employed_from = 2026-03-01\nprior_year_compensation = 380000\nprior_year_fica_wages = 176100\n",
    );
    let o = run_json(&given);
    assert_eq!(at(&o, "/participant/hce"), true);
    assert_eq!(at(&o, "/participant/roth_catch_up_required"), true);
    assert_eq!(money(at(&o, "/contributions/catch_up_roth")), d("8000"));
    let w = codes(&o);
    assert!(w.contains(&"hce-acp-test".to_string()), "{w:?}");
    assert!(w.contains(&"roth-catch-up".to_string()), "{w:?}");
}

/// A leaver in a plan with neither an in-plan conversion nor an in-service withdrawal.
/// Monthly pay on the last day of the month, moved to the business day before: January 31,
/// 2026 is a Saturday (paid Friday January 30), February 28 a Saturday (paid Friday
/// February 27), March 31 a Tuesday. Leaving March 31: 3 paychecks of 120,000 / 12 =
/// 10,000; the year's pay 30,000, so 415(c) = min(72,000, 30,000) = 30,000 and, with
/// nothing else in, the after-tax room is 30,000. The $3,000 after-tax election is 1,000 a
/// paycheck. Each converts on the separation date, March 31, growing (1.07)^(d/365) − 1:
/// January 30 → March 31 is 60 days: 1,000 × 0.0111840486… = 11.1840486…; February 27 →
/// March 31 is 32 days: 1,000 × 0.0059493446… = 5.9493446…; March 31: 0 days, 0. Taxable
/// earnings 17.1333932… → 17.13 (a rollover to a Roth IRA); tax at 24%: 4.1112 → 4.11.
#[test]
fn a_leaver_rolls_after_tax_money_out_after_separation() {
    let o = run_json(
        r#"year = 2026
[participant]
age = 40
compensation = 120000
pay_frequency = "monthly"
employed_until = 2026-03-31
[deferrals]
pretax = 0
[after_tax]
allowed = true
amount = 3000
[conversion]
in_plan_roth_conversion = false
in_service_withdrawal = false
[assumptions]
annual_return = "7%"
[tax]
marginal_rate = "24%"
"#,
    );
    assert_eq!(
        paychecks(&o),
        [
            ("2026-01-30".to_string(), d("10000")),
            ("2026-02-27".to_string(), d("10000")),
            ("2026-03-31".to_string(), d("10000")),
        ]
    );
    assert_eq!(at(&o, "/participant/employed_until"), "2026-03-31");
    assert_eq!(money(at(&o, "/participant/year_pay")), d("30000"));
    assert_eq!(money(at(&o, "/after_tax_room")), d("30000"));
    assert_eq!(at(&o, "/verdict/status"), "available");
    let reasons = texts(&o, "/verdict/reasons");
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("after you leave on 2026-03-31") && r.contains("Notice 2014-54")),
        "{reasons:?}"
    );
    let questions = texts(&o, "/verdict/questions");
    assert!(
        questions
            .iter()
            .any(|q| q.starts_with("When you leave on 2026-03-31") && q.contains("Notice 2014-54")),
        "{questions:?}"
    );
    assert_eq!(at(&o, "/conversion/route"), "roth-ira");
    assert_eq!(at(&o, "/conversion/at_separation"), "2026-03-31");
    assert_eq!(
        money(at(&o, "/conversion/contributions_converted")),
        d("3000")
    );
    assert_eq!(money(at(&o, "/conversion/taxable_earnings")), d("17.13"));
    assert_eq!(money(at(&o, "/conversion/tax")), d("4.11"));
    let converted: Vec<(&str, Decimal)> = at(&o, "/schedule")
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["conversion_date"].as_str().unwrap(),
                money(&l["converted"]),
            )
        })
        .collect();
    // 1,000 + 11.18, 1,000 + 5.95, 1,000: each on March 31.
    assert_eq!(
        converted,
        [
            ("2026-03-31", d("1011.18")),
            ("2026-03-31", d("1005.95")),
            ("2026-03-31", d("1000")),
        ]
    );
}

/// The same leaver with `route = "split"`: the earnings go to a traditional IRA, nothing
/// is taxed now, and the basis ($3,000) goes to a Roth IRA.
#[test]
fn a_leaver_can_split_at_separation() {
    let o = run_json(
        r#"year = 2026
[participant]
age = 40
compensation = 120000
pay_frequency = "monthly"
employed_until = 2026-03-31
[after_tax]
allowed = true
amount = 3000
[conversion]
in_plan_roth_conversion = false
in_service_withdrawal = false
route = "split"
[assumptions]
annual_return = "7%"
"#,
    );
    assert_eq!(at(&o, "/conversion/route"), "split");
    assert_eq!(money(at(&o, "/conversion/taxable_earnings")), d("0"));
    assert_eq!(money(at(&o, "/conversion/to_roth")), d("3000"));
    assert_eq!(money(at(&o, "/conversion/to_traditional_ira")), d("17.13"));
}

/// A leaver whose conversion features are still unknown: leaving is a route whatever they
/// turn out to be, so the verdict is `available`, and both features are still asked about.
#[test]
fn a_leaver_with_unknown_conversion_features_is_available_and_still_asks() {
    let o = run_json(
        r#"year = 2026
[participant]
age = 40
compensation = 120000
pay_frequency = "monthly"
employed_until = 2026-03-31
[after_tax]
allowed = true
amount = 3000
[conversion]
in_plan_roth_conversion = "unknown"
in_service_withdrawal = "unknown"
"#,
    );
    assert_eq!(at(&o, "/verdict/status"), "available");
    let questions = texts(&o, "/verdict/questions");
    assert!(
        questions
            .iter()
            .any(|q| q.contains("in-plan Roth conversions"))
    );
    assert!(
        questions
            .iter()
            .any(|q| q.contains("in-service withdrawals"))
    );
    assert!(questions.iter().any(|q| q.starts_with("When you leave on")));
}

/// A leaver whose plan's acceptance of after-tax money is unknown stays `unknown`.
#[test]
fn a_leaver_with_after_tax_unknown_stays_unknown() {
    let o = run_json(
        r#"year = 2026
[participant]
age = 40
compensation = 120000
pay_frequency = "monthly"
employed_until = 2026-03-31
[after_tax]
allowed = "unknown"
[conversion]
in_plan_roth_conversion = false
in_service_withdrawal = false
"#,
    );
    assert_eq!(at(&o, "/verdict/status"), "unknown");
}

/// A leaver until June 30 paid monthly at $600,000: paydays January 30, February 27, March
/// 31, April 30, May 29 (May 31 is a Sunday) and June 30: 6 × 50,000 = 300,000, so 415(c)
/// is the $72,000 dollar limit. Deferring $24,500 with $47,500 of nonelective money fills
/// it: 24,500 + 47,500 = 72,000, no room, `no-room` though leaving would be a route. No
/// payday of the schedule moved across the year's edge falls in the job: no payday-moved.
#[test]
fn a_leaver_with_no_room_has_no_room() {
    let o = run_json(
        r#"year = 2026
[participant]
age = 40
compensation = 600000
pay_frequency = "monthly"
employed_until = 2026-06-30
[deferrals]
pretax = 24500
[employer]
nonelective = 47500
[after_tax]
allowed = true
[conversion]
in_plan_roth_conversion = false
in_service_withdrawal = false
"#,
    );
    assert_eq!(at(&o, "/participant/paychecks"), 6);
    assert_eq!(money(at(&o, "/participant/year_pay")), d("300000"));
    assert_eq!(money(at(&o, "/annual_additions/used")), d("72000"));
    assert_eq!(money(at(&o, "/after_tax_room")), d("0"));
    assert_eq!(at(&o, "/verdict/status"), "no-room");
}

/// A biweekly leaver: the January 1, 2027 payday paid December 31 is after they leave, so
/// no payday-moved warning.
#[test]
fn a_payday_moved_after_leaving_is_not_warned() {
    let o = run_json(
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\npay_frequency = \"biweekly\"\nemployed_until = 2026-06-30\n",
    );
    assert!(!codes(&o).contains(&"payday-moved".to_string()));
}

/// `"max"` deferrals at a four-month job: monthly from September 1, 2026, paid September 30,
/// October 30 (the 31st is a Saturday), November 30 and December 31, each 120,000 / 12 =
/// 10,000. With a 75% maximum election each holds 7,500, so 402(g)'s 24,500 fits: 24,500 /
/// 4 = 6,125 a paycheck. With 50% each holds 5,000: 4 × 5,000 = 20,000, all that fits,
/// and the rest is warned as not fitting.
#[test]
fn max_deferrals_at_a_four_month_job_fill_the_paychecks_there() {
    let plan = |max_election: &str| {
        format!(
            "year = 2026\n[participant]\nage = 40\ncompensation = 120000\npay_frequency = \"monthly\"\nemployed_from = 2026-09-01\n[deferrals]\npretax = \"max\"\n[after_tax]\nallowed = false\n[payroll]\nmax_election = \"{max_election}\"\n"
        )
    };
    let pretax = |o: &Value| -> Vec<Decimal> {
        at(o, "/schedule")
            .as_array()
            .unwrap()
            .iter()
            .map(|l| money(&l["pretax"]))
            .collect()
    };
    let o = run_json(&plan("75%"));
    assert_eq!(money(at(&o, "/participant/year_pay")), d("40000"));
    assert_eq!(pretax(&o), [d("6125"), d("6125"), d("6125"), d("6125")]);
    assert_eq!(money(at(&o, "/contributions/pretax")), d("24500"));

    let o = run_json(&plan("50%"));
    assert_eq!(pretax(&o), [d("5000"), d("5000"), d("5000"), d("5000")]);
    assert_eq!(money(at(&o, "/contributions/pretax")), d("20000"));
    assert!(codes(&o).contains(&"paycheck-too-small".to_string()));
}

/// Under `compensation_limit = "pro-rata"` the match counts each paycheck's pay up to the
/// 401(a)(17) limit over a whole year's paychecks, also for a part year: the periodic limit
/// is the annual one cut in the proportion a pay period bears to 12 months (Treas. Reg.
/// 1.401(a)(17)-1(b)(3)(iii)(A)), and working part of the year does not cut it further
/// ((iii)(B)). 2026's biweekly schedule pays 27 paychecks: 360,000 / 27 = 13,333.33…
/// A job from July 1 at $520,000: 14 paychecks of 520,000 / 26 = 20,000. Deferring 6%:
/// 1,200 each, 16,800 in all; the match, 100% up to 6%, on 13,333.33… is 800 each,
/// 14 × 800 = 11,200 (not 6% of the whole 20,000).
#[test]
fn pro_rata_divides_the_limit_by_a_whole_years_paychecks() {
    let o = run_json(
        r#"year = 2026
[participant]
age = 40
compensation = 520000
pay_frequency = "biweekly"
employed_from = 2026-07-01
[deferrals]
pretax = "6%"
[match]
tiers = [{ rate = "100%", on = "6%" }]
true_up = false
[after_tax]
allowed = false
[payroll]
compensation_limit = "pro-rata"
"#,
    );
    assert_eq!(money(at(&o, "/participant/year_pay")), d("280000"));
    assert_eq!(money(at(&o, "/contributions/pretax")), d("16800"));
    assert_eq!(money(at(&o, "/contributions/employer_match")), d("11200"));
}

/// A window that holds no payday is an error at the key that leaves it empty.
#[test]
fn a_window_with_no_payday_is_an_error() {
    // Paid as dated, 2026's last biweekly payday is December 18 (day 2 + 14 × 25 = 352).
    fails(
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\npay_frequency = \"biweekly\"\nemployed_from = 2026-12-20\n[payroll]\nholidays = \"none\"\n",
        "error: <stdin>:6:17: `participant.employed_from` is 2026-12-20, after the last biweekly payday paid in 2026 (2026-12-18), so no paycheck of this plan is paid in 2026; give the first day you work there, and check `pay_frequency` and `payroll.first_payday`",
    );
    // The first is January 2.
    fails(
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\npay_frequency = \"biweekly\"\nemployed_until = 2026-01-01\n",
        "error: <stdin>:6:18: `participant.employed_until` is 2026-01-01, before the first biweekly payday paid in 2026 (2026-01-02), so no paycheck of this plan is paid in 2026; give the last day you work there, and check `pay_frequency` and `payroll.first_payday`",
    );
    // January 3 to 15 falls between the paydays of January 2 and 16.
    fails(
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\npay_frequency = \"biweekly\"\nemployed_from = 2026-01-03\nemployed_until = 2026-01-15\n",
        "error: <stdin>:6:17: `participant.employed_from` is 2026-01-03 and `participant.employed_until` is 2026-01-15, and no biweekly payday is paid between them (the nearest are 2026-01-02 and 2026-01-16); check both dates, `pay_frequency` and `payroll.first_payday`",
    );
}

/// A bonus paid outside the days at the employer is an error at the bonus.
#[test]
fn a_bonus_outside_the_window_is_an_error() {
    fails(
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\npay_frequency = \"biweekly\"\nemployed_until = 2026-06-30\n[[payroll.bonus]]\ndate = 2026-03-13\namount = 5000\n[[payroll.bonus]]\ndate = 2026-07-15\namount = 5000\n",
        "error: <stdin>:11:8: `payroll.bonus[1].date` is 2026-07-15, after `participant.employed_until` (2026-06-30), the day you leave: only pay while you work there is this plan's; give a date within your days there or remove the bonus",
    );
    fails(
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\npay_frequency = \"biweekly\"\nemployed_from = 2026-02-01\n[[payroll.bonus]]\ndate = 2026-01-15\namount = 5000\n",
        "error: <stdin>:8:8: `payroll.bonus[0].date` is 2026-01-15, before `participant.employed_from` (2026-02-01), the day you start: only pay while you work there is this plan's; give a date within your days there or remove the bonus",
    );
}

/// Bonuses inside the window are paid on top of the paychecks: a job from July 1 at
/// $140,000 with a $10,000 bonus on September 15 pays 14 paychecks of (140,000 − 10,000) /
/// 26 = 5,000 and the bonus: 14 × 5,000 + 10,000 = 80,000 this year.
#[test]
fn a_bonus_inside_the_window_adds_to_the_years_pay() {
    let o = run_json(
        "year = 2026\n[participant]\nage = 40\ncompensation = 140000\npay_frequency = \"biweekly\"\nemployed_from = 2026-07-01\n[[payroll.bonus]]\ndate = 2026-09-15\namount = 10000\n",
    );
    assert_eq!(money(at(&o, "/participant/year_pay")), d("80000"));
    assert_eq!(money(at(&o, "/annual_additions/limit")), d("72000"));
    let notes = texts(&o, "/elections/notes");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("(compensation less bonuses) / 26 = $5,000.00")),
        "{notes:?}"
    );
}

/// Where the plan file says the payroll spreads the annual rate over all of a year's
/// paydays (`extra_paycheck = "same-year-pay"`), a part year's paychecks are the annual
/// rate over the schedule's whole year: 2026's biweekly schedule pays 27 (see the first
/// test), so a job from July 1 at $130,000 pays 14 paychecks of 130,000 / 27 =
/// 4,814.814…: through paycheck 1, 4,814.81; through 2, 9,629.629… → 9,629.63, so 4,814.82;
/// the year 130,000 × 14 / 27 = 67,407.407… → 67,407.41.
#[test]
fn same_year_pay_spreads_the_rate_over_the_whole_years_paydays() {
    let o = run_json(
        "year = 2026\n[participant]\nage = 40\ncompensation = 130000\npay_frequency = \"biweekly\"\nemployed_from = 2026-07-01\n[payroll]\nextra_paycheck = \"same-year-pay\"\n",
    );
    let p = paychecks(&o);
    assert_eq!(p.len(), 14);
    assert_eq!(p.first().map(|(_, pay)| *pay), Some(d("4814.81")));
    assert_eq!(p.get(1).map(|(_, pay)| *pay), Some(d("4814.82")));
    assert_eq!(money(at(&o, "/participant/year_pay")), d("67407.41"));
}
