//! Issue 10, "Right to the cent, and payroll as the plan runs it": checks written before the
//! code, against the contract (section 2 "Rounding" and "Payroll limits", section 2b
//! `[payroll]`, section 4) and RULES.md sections 1, 3 and 7.
//!
//! Every plan goes through the binary (`mbr plan --plan - --format json`) and is read as a
//! consumer reads it: a `serde_json::Value`, money taken from the number's text into a
//! `Decimal`. Every expected figure is worked out by hand in the comment beside it, from the
//! 2026 figures in LIMITS.md: 402(g) 24,500, catch-up 8,000, 415(c) 72,000, 401(a)(17)
//! 360,000, Social Security wage base 184,500 (2025: 176,100); employee FICA 6.2% up to the
//! wage base, 1.45%, and 0.9% withheld on wages above 200,000.
//!
//! "Rounded" below always means to the cent, half away from zero. Through paycheck k the
//! pay, each percent-of-pay contribution and the match are the exact figure for k paychecks
//! rounded; paycheck k holds the difference between the figures through k and through k − 1.
//!
//! 2026 calendar facts used: Jan 1 is a Thursday, so the default Friday biweekly and weekly
//! schedules start Fri Jan 2; Jan 1 2027 is a Friday. With `holidays = "before"` (the
//! default) that Jan 1 2027 payday is paid Thu Dec 31 2026, so a default biweekly 2026
//! schedule has 27 paydays and a default weekly one 53. Tests that want 26 (or 52) paychecks
//! say `holidays = "none"`: the Friday schedule then runs Jan 2 … Dec 18 (2 + 14 × 25 = day
//! 352), or Jan 2 … Dec 25 weekly (2 + 7 × 51 = day 359).

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use crate::common::{at, d, mbr, money, money_at, paychecks, run_json as run, stderr};

// ---------------------------------------------------------------------------------------
// Reading the JSON as a consumer does.

/// One money column of some schedule lines.
#[track_caller]
fn column(lines: &[&Value], name: &str) -> Vec<Decimal> {
    lines
        .iter()
        .map(|l| money(at(l, &format!("/{name}"))))
        .collect()
}

/// The sum of one money column.
#[track_caller]
fn total(lines: &[&Value], name: &str) -> Decimal {
    column(lines, name).into_iter().sum()
}

/// The dates of some schedule lines.
fn dates<'a>(lines: &[&'a Value]) -> Vec<&'a str> {
    lines
        .iter()
        .map(|l| l["date"].as_str().unwrap_or(""))
        .collect()
}

/// The message of the warning with `code`, if there is one.
fn warning<'a>(o: &'a Value, code: &str) -> Option<&'a str> {
    o["warnings"]
        .as_array()?
        .iter()
        .find(|w| w["code"] == code)
        .and_then(|w| w["message"].as_str())
}

/// The message of the warning with `code`, which must be there.
#[track_caller]
fn must_warn<'a>(o: &'a Value, code: &str) -> &'a str {
    warning(o, code).unwrap_or_else(|| panic!("no `{code}` warning in {}", o["warnings"]))
}

/// The verdict's `reasons` or `questions`, joined, in lower case.
fn verdict_text(o: &Value, member: &str) -> String {
    o["verdict"][member]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
        .to_lowercase()
}

/// To the cent, half away from zero.
fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Lines that close a plan whose after-tax room is reported but not contributed to: the
/// features are there, so the verdict turns on room alone.
const AFTER_TAX_NONE: &str = "[after_tax]\nallowed = true\namount = 0\n\
    [conversion]\nin_plan_roth_conversion = true\nin_service_withdrawal = false\n";

/// The same, contributing the most the limits allow.
const AFTER_TAX_MAX: &str = "[after_tax]\nallowed = true\namount = \"max\"\n\
    [conversion]\nin_plan_roth_conversion = true\nin_service_withdrawal = false\n";

/// A 2026 monthly plan at `pay` for a 40-year-old deferring pre-tax "max" with after-tax
/// "max", with `rest` (a match, `[payroll]`) between the two.
fn monthly_max(pay: u32, rest: &str) -> Value {
    run(&format!(
        "year = 2026\n[participant]\nage = 40\ncompensation = {pay}\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\n{rest}{AFTER_TAX_MAX}"
    ))
}

// ---------------------------------------------------------------------------------------
// 1. Annual totals to the cent (contract, "Rounding").

/// RULES.md worked example: 2026 biweekly $200,000, 6% pre-tax, match 50% on 6%, no
/// true-up. Its 26 paychecks sum to the annual formula: pay 200,000.00, pre-tax 6% =
/// 12,000.00, match 50% × 6% = 3% of pay = 6,000.00 (not 26 × 230.77 = 6,000.02).
/// `holidays = "none"` keeps the 26 Fridays Jan 2 … Dec 18 (see the top of this file).
#[test]
fn biweekly_200000_sums_to_the_annual_formula() {
    let o = run(&format!(
        r#"year = 2026
[participant]
age = 40
compensation = 200000
pay_frequency = "biweekly"
[deferrals]
pretax = "6%"
[match]
tiers = [{{ rate = "50%", on = "6%" }}]
true_up = false
[payroll]
holidays = "none"
{AFTER_TAX_NONE}"#
    ));
    let p = paychecks(&o);
    assert_eq!(p.len(), 26);
    assert_eq!(total(&p, "pay"), d("200000.00"));
    assert_eq!(total(&p, "pretax"), d("12000.00"));
    assert_eq!(total(&p, "match"), d("6000.00"));
    assert_eq!(money_at(&o, "/contributions/pretax"), d("12000.00"));
    assert_eq!(money_at(&o, "/contributions/employer_match"), d("6000.00"));

    // Pay through k = round(200,000 × k / 26):
    //   k=1 7,692.3077 → 7,692.31; k=2 15,384.6154 → 15,384.62, so 15,384.62 − 7,692.31 =
    //   7,692.31; k=3 23,076.9231 → 23,076.92, so 23,076.92 − 15,384.62 = 7,692.30.
    assert_eq!(
        column(&p[..3], "pay"),
        [d("7692.31"), d("7692.31"), d("7692.30")]
    );
    // Pre-tax through k = round(12,000 × k / 26):
    //   k=1 461.5385 → 461.54; k=2 923.0769 → 923.08 (461.54); k=3 1,384.6154 → 1,384.62
    //   (461.54); k=4 1,846.1538 → 1,846.15 (461.53).
    assert_eq!(
        column(&p[..4], "pretax"),
        [d("461.54"), d("461.54"), d("461.54"), d("461.53")]
    );
    // Match through k = round(6,000 × k / 26):
    //   k=1 230.7692 → 230.77; k=2 461.5385 → 461.54 (230.77); k=3 692.3077 → 692.31
    //   (230.77); ... k=6 1,384.6154 → 1,384.62 (230.77); k=7 1,615.3846 → 1,615.38 (230.76).
    assert_eq!(
        column(&p[..7], "match"),
        [
            d("230.77"),
            d("230.77"),
            d("230.77"),
            d("230.77"),
            d("230.77"),
            d("230.77"),
            d("230.76")
        ]
    );
}

/// RULES.md worked example (2026): pay $100,000, 10% deferral, match 50% up to 6%:
/// deferral 10% × 100,000 = 10,000.00, match 50% × 6% × 100,000 = 3,000.00, after-tax room
/// 72,000 − 10,000 − 3,000 = 59,000.00. Biweekly, 26 paychecks (`holidays = "none"`).
#[test]
fn rules_example_100000_at_ten_percent_leaves_59000() {
    let o = run(&format!(
        r#"year = 2026
[participant]
age = 45
compensation = 100000
pay_frequency = "biweekly"
[deferrals]
pretax = "10%"
[match]
tiers = [{{ rate = "50%", on = "6%" }}]
true_up = false
[payroll]
holidays = "none"
{AFTER_TAX_MAX}"#
    ));
    assert_eq!(paychecks(&o).len(), 26);
    assert_eq!(money_at(&o, "/contributions/pretax"), d("10000.00"));
    assert_eq!(money_at(&o, "/contributions/employer_match"), d("3000.00"));
    assert_eq!(money_at(&o, "/after_tax_room"), d("59000.00"));
    // 10,000 + 3,000 + 59,000 = 72,000: 415(c) full.
    assert_eq!(money_at(&o, "/annual_additions/used"), d("72000.00"));
}

/// The same plan paid monthly: 12 paychecks of 100,000 / 12 = 8,333.3333.
#[test]
fn monthly_totals_to_the_cent() {
    let o = run(&format!(
        r#"year = 2026
[participant]
age = 45
compensation = 100000
pay_frequency = "monthly"
[deferrals]
pretax = "10%"
[match]
tiers = [{{ rate = "50%", on = "6%" }}]
true_up = false
{AFTER_TAX_MAX}"#
    ));
    let p = paychecks(&o);
    assert_eq!(p.len(), 12);
    // Pay through k = round(100,000 × k / 12): 8,333.33; 16,666.67 (8,333.34); 25,000.00
    // (8,333.33).
    assert_eq!(
        column(&p[..3], "pay"),
        [d("8333.33"), d("8333.34"), d("8333.33")]
    );
    // Pre-tax through k = round(10,000 × k / 12): 833.33; 1,666.67 (833.34); 2,500.00 (833.33).
    assert_eq!(
        column(&p[..3], "pretax"),
        [d("833.33"), d("833.34"), d("833.33")]
    );
    // Match 3% of pay: 3,000 × k / 12 = 250.00 exactly each month.
    assert!(column(&p, "match").iter().all(|m| *m == d("250.00")));
    assert_eq!(total(&p, "pay"), d("100000.00"));
    assert_eq!(total(&p, "pretax"), d("10000.00"));
    assert_eq!(total(&p, "match"), d("3000.00"));
    // 72,000 − 10,000 − 3,000.
    assert_eq!(money_at(&o, "/after_tax_room"), d("59000.00"));
}

/// The same plan paid weekly: 52 Fridays Jan 2 … Dec 25 with `holidays = "none"` (by
/// default Dec 25 is paid Dec 24 and the Jan 1 2027 payday Dec 31, 53 paychecks).
#[test]
fn weekly_totals_to_the_cent() {
    let o = run(&format!(
        r#"year = 2026
[participant]
age = 45
compensation = 100000
pay_frequency = "weekly"
[deferrals]
pretax = "10%"
[match]
tiers = [{{ rate = "50%", on = "6%" }}]
true_up = false
[payroll]
holidays = "none"
{AFTER_TAX_MAX}"#
    ));
    let p = paychecks(&o);
    assert_eq!(p.len(), 52);
    assert_eq!(
        p.last().map(|l| &l["date"]),
        Some(&Value::from("2026-12-25"))
    );
    // Pay through k = round(100,000 × k / 52): 1,923.0769 → 1,923.08; 3,846.1538 → 3,846.15
    // (1,923.07); 5,769.2308 → 5,769.23 (1,923.08).
    assert_eq!(
        column(&p[..3], "pay"),
        [d("1923.08"), d("1923.07"), d("1923.08")]
    );
    // Pre-tax through k = round(10,000 × k / 52): 192.3077 → 192.31; 384.6154 → 384.62
    // (192.31); 576.9231 → 576.92 (192.30).
    assert_eq!(
        column(&p[..3], "pretax"),
        [d("192.31"), d("192.31"), d("192.30")]
    );
    // Match through k = round(3,000 × k / 52): 57.6923 → 57.69; 115.3846 → 115.38 (57.69);
    // 173.0769 → 173.08 (57.70).
    assert_eq!(
        column(&p[..3], "match"),
        [d("57.69"), d("57.69"), d("57.70")]
    );
    assert_eq!(total(&p, "pay"), d("100000.00"));
    assert_eq!(total(&p, "pretax"), d("10000.00"));
    assert_eq!(total(&p, "match"), d("3000.00"));
    assert_eq!(money_at(&o, "/after_tax_room"), d("59000.00"));
}

// ---------------------------------------------------------------------------------------
// 2. Verdicts that mean what they say.

/// 415(c) full to the cent is `no-room`, with 0.00 of room (not "$0.08 of room,
/// available"):
/// - pay $50,000 monthly: 415(c) = min(72,000, 100% × 50,000) = 50,000; pre-tax "max"
///   24,500 and a 51% nonelective contribution 0.51 × 50,000 = 25,500.00 use 24,500 +
///   25,500 = 50,000;
/// - pay $100,000: pre-tax "max" 24,500 and nonelective 47.5% × 100,000 = 47,500.00 (the
///   year's figure rounded once, not 26 paychecks of 1,826.92) use 24,500 + 47,500 = 72,000.
///   Monthly, and biweekly with 26 paychecks (`holidays = "none"`).
#[test]
fn full_415c_to_the_cent_is_no_room() {
    for (compensation, frequency, nonelective, payroll, limit) in [
        ("50000", "monthly", "51%", "", "50000.00"),
        ("100000", "monthly", "47.5%", "", "72000.00"),
        (
            "100000",
            "biweekly",
            "47.5%",
            "[payroll]\nholidays = \"none\"\n",
            "72000.00",
        ),
    ] {
        let case = format!("{compensation} {frequency}");
        let o = run(&format!(
            r#"year = 2026
[participant]
age = 40
compensation = {compensation}
pay_frequency = "{frequency}"
[deferrals]
pretax = "max"
[employer]
nonelective = "{nonelective}"
{payroll}{AFTER_TAX_MAX}"#
        ));
        assert_eq!(money_at(&o, "/annual_additions/limit"), d(limit), "{case}");
        assert_eq!(
            money_at(&o, "/contributions/pretax"),
            d("24500.00"),
            "{case}"
        );
        assert_eq!(
            money_at(&o, "/contributions/pretax")
                + money_at(&o, "/contributions/employer_nonelective"),
            d(limit),
            "{case}"
        );
        assert_eq!(
            money_at(&o, "/annual_additions/remaining"),
            d("0.00"),
            "{case}"
        );
        assert_eq!(money_at(&o, "/after_tax_room"), d("0.00"), "{case}");
        assert_eq!(
            money_at(&o, "/contributions/after_tax"),
            d("0.00"),
            "{case}"
        );
        assert_eq!(at(&o, "/verdict/status"), "no-room", "{case}");
    }
}

/// `after_tax.limit = 0`: the plan's own cap leaves no room, while deferrals (10% × 100,000
/// = 10,000) use only 10,000 of 72,000 (415(c) remaining 62,000). The verdict is `no-room`
/// and its reasons name the cap, not the deferrals.
#[test]
fn after_tax_cap_of_zero_is_no_room_because_of_the_cap() {
    let o = run(r#"year = 2026
[participant]
age = 40
compensation = 100000
pay_frequency = "monthly"
[deferrals]
pretax = "10%"
[after_tax]
allowed = true
limit = 0
[conversion]
in_plan_roth_conversion = true
in_service_withdrawal = false
"#);
    assert_eq!(money_at(&o, "/after_tax_room"), d("0.00"));
    assert_eq!(money_at(&o, "/annual_additions/remaining"), d("62000.00"));
    assert_eq!(at(&o, "/verdict/status"), "no-room");
    let reasons = verdict_text(&o, "reasons");
    assert!(
        reasons.contains("after_tax.limit") || reasons.contains("cap"),
        "the reasons should name the plan's cap: {reasons}"
    );
}

// ---------------------------------------------------------------------------------------
// 3. 401(a)(17) as the plan applies it (contract 2b `compensation_limit`, RULES section 3).
//
// Shared plan: 2026, monthly $720,000 = 60,000 a paycheck; 5% pre-tax = 3,000 a paycheck;
// match 100% on 4%, paid per paycheck with no true-up = 4% × 60,000 = 2,400 a paycheck. Pay
// through month 6 is 6 × 60,000 = 360,000, the 401(a)(17) limit, so months 7–12 are pay
// above it. 402(g): 24,500 / 3,000 = 8.17, so 8 full months (24,000) and 500 in month 9.

fn high_earner(compensation_limit: Option<&str>) -> Value {
    let key = compensation_limit.map_or(String::new(), |v| {
        format!("[payroll]\ncompensation_limit = \"{v}\"\n")
    });
    run(&format!(
        r#"year = 2026
[participant]
age = 40
compensation = 720000
pay_frequency = "monthly"
[deferrals]
pretax = "5%"
[match]
tiers = [{{ rate = "100%", on = "4%" }}]
true_up = false
{key}{AFTER_TAX_NONE}"#
    ))
}

/// "continue" (the IRS default): deferrals go on from all pay until 402(g): 8 × 3,000 + 500
/// = 24,500 (months 1–8 3,000, month 9 500, then none). The match stops once year-to-date
/// pay reaches 360,000, after June: 6 × 2,400 = 14,400 (= 4% × 360,000).
#[test]
fn compensation_limit_continue_defers_on_and_stops_the_match() {
    let o = high_earner(Some("continue"));
    let p = paychecks(&o);
    assert_eq!(p.len(), 12);
    let pretax: Vec<_> = [3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 500, 0, 0, 0]
        .iter()
        .map(|&x| Decimal::from(x))
        .collect();
    assert_eq!(column(&p, "pretax"), pretax);
    let matched: Vec<_> = [2400, 2400, 2400, 2400, 2400, 2400, 0, 0, 0, 0, 0, 0]
        .iter()
        .map(|&x| Decimal::from(x))
        .collect();
    assert_eq!(column(&p, "match"), matched);
    assert_eq!(money_at(&o, "/contributions/pretax"), d("24500.00"));
    assert_eq!(money_at(&o, "/contributions/employer_match"), d("14400.00"));
}

/// "stop": elections and match both stop once year-to-date pay reaches 360,000: pre-tax
/// 6 × 3,000 = 18,000, match 6 × 2,400 = 14,400.
#[test]
fn compensation_limit_stop_stops_deferrals_and_match() {
    let o = high_earner(Some("stop"));
    let p = paychecks(&o);
    assert!(column(&p[6..], "pretax").iter().all(Decimal::is_zero));
    assert_eq!(money_at(&o, "/contributions/pretax"), d("18000.00"));
    assert_eq!(money_at(&o, "/contributions/employer_match"), d("14400.00"));
}

/// "stop" stops money and "max" elections too, not only percents (RULES.md section 3):
/// $720,000 monthly is $60,000 a paycheck and reaches 360,000 after June, so pre-tax "max"
/// is spread over the six paychecks before it: 24,500 / 6 = 4,083.333…, rounded as the year
/// runs: 4,083.33, 4,083.33, 4,083.34, 4,083.33, 4,083.34, 4,083.33 = 24,500.00, and
/// nothing from July. The match is 100% of the deferral up to 4% × 60,000 = 2,400 for six
/// months, 14,400; the room is 72,000 − 24,500 − 14,400 = 33,100, all of it in those six
/// paychecks.
#[test]
fn compensation_limit_stop_stops_max_elections_too() {
    let o = monthly_max(
        720_000,
        "[match]\ntiers = [{ rate = \"100%\", on = \"4%\" }]\ntrue_up = false\n\
         [payroll]\ncompensation_limit = \"stop\"\n",
    );
    let p = paychecks(&o);
    assert_eq!(total(&p[..6], "pretax"), d("24500.00"));
    assert!(column(&p[6..], "pretax").iter().all(Decimal::is_zero));
    assert!(column(&p[6..], "after_tax").iter().all(Decimal::is_zero));
    assert_eq!(money_at(&o, "/contributions/employer_match"), d("14400.00"));
    assert_eq!(money_at(&o, "/after_tax_room"), d("33100.00"));
    assert_eq!(total(&p[..6], "after_tax"), d("33100.00"));
}

/// No "contribute at least" advice when the elections already earn the whole match: under
/// "pro-rata" the match counts 360,000 / 12 = 30,000 of each $60,000 paycheck, so 4% of it
/// is 1,200, and a 3% election (1,800 of the paycheck) already earns all of it: 12 × 1,200
/// = 14,400 = 4% × 360,000. Raising it to 4% would reach 402(g) sooner (24,500 / 2,400 =
/// 10.2 paychecks) and, without a true-up, lose the match after that.
#[test]
fn no_match_unclaimed_note_when_the_elections_earn_the_whole_match() {
    let o = high_earner(Some("pro-rata"));
    let notes = at(&o, "/elections/notes").to_string();
    assert!(!notes.contains("Contribute at least"), "{notes}");
    assert_eq!(
        money_at(&o, "/elections/reaches/employer_match"),
        d("14400.00")
    );
}

/// No "contribute at least" advice when no match is left to earn: examples/mid-year.toml at
/// $4,000,000 of pay is 4,000,000 / 27 = 148,148.15 a paycheck, so the 14 paid by July 10
/// (2,074,074.07) are far past the 360,000 the match counts (401(a)(17), "continue"); the
/// paychecks to come earn no match at any election.
#[test]
fn no_match_unclaimed_note_once_pay_has_passed_the_compensation_limit() {
    let plan = std::fs::read_to_string("examples/mid-year.toml")
        .unwrap()
        .replace("compensation = 210000", "compensation = 4000000");
    assert!(plan.contains("compensation = 4000000"));
    let o = run(&plan);
    let notes = at(&o, "/elections/notes").to_string();
    assert!(!notes.contains("Contribute at least"), "{notes}");
    assert!(!notes.contains("No paychecks are left"), "{notes}");
}

/// "pro-rata": deferrals as "continue" (24,500); the match counts each paycheck's pay only
/// up to 360,000 / 12 = 30,000, so it is 100% of the deferral up to 4% × 30,000 = 1,200:
/// months 1–8 min(3,000, 1,200) = 1,200; month 9 min(500, 1,200) = 500; months 10–12 no
/// deferral, no match. 8 × 1,200 + 500 = 10,100.
#[test]
fn compensation_limit_pro_rata_matches_each_paycheck_up_to_its_share() {
    let o = high_earner(Some("pro-rata"));
    let p = paychecks(&o);
    let matched: Vec<_> = [1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 500, 0, 0, 0]
        .iter()
        .map(|&x| Decimal::from(x))
        .collect();
    assert_eq!(column(&p, "match"), matched);
    assert_eq!(money_at(&o, "/contributions/pretax"), d("24500.00"));
    assert_eq!(money_at(&o, "/contributions/employer_match"), d("10100.00"));
}

/// "unknown", and the key left out: the figures of "continue" (24,500 and 14,400) and a
/// question for HR, since pay passes the limit (720,000 > 360,000).
#[test]
fn compensation_limit_unknown_computes_continue_and_asks() {
    for value in [Some("unknown"), None] {
        let o = high_earner(value);
        assert_eq!(
            money_at(&o, "/contributions/pretax"),
            d("24500.00"),
            "{value:?}"
        );
        assert_eq!(
            money_at(&o, "/contributions/employer_match"),
            d("14400.00"),
            "{value:?}"
        );
        let questions = verdict_text(&o, "questions");
        assert!(
            questions.contains("401(a)(17)") || questions.contains("compensation limit"),
            "{value:?}: no question about the compensation limit: {questions}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// 4. Every paycheck can hold what is asked (`payroll.max_election` and FICA).
//
// Shared plan: 2026, $60,000 monthly = 5,000 a paycheck; pre-tax "max" = 24,500, spread
// 24,500 / 12 = 2,041.67 or 2,041.66 a month; after-tax "max". 415(c) = min(72,000, 60,000)
// = 60,000, so the limits allow 60,000 − 24,500 = 35,500 of after-tax money (2,958.33 a
// month).

fn small_paychecks(payroll: &str) -> Value {
    run(&format!(
        r#"year = 2026
[participant]
age = 40
compensation = 60000
pay_frequency = "monthly"
[deferrals]
pretax = "max"
{payroll}{AFTER_TAX_MAX}"#
    ))
}

/// Without `max_election` a paycheck holds its pay less the employee's FICA: wages stay
/// under the 184,500 wage base and the 200,000 Additional Medicare threshold, so 5,000 −
/// 6.2% (310.00) − 1.45% (72.50) = 4,617.50 = 92.35% of 5,000. The year holds 12 × 4,617.50
/// = 55,410.00; less the pre-tax 24,500 that leaves 30,910.00 for after-tax money, so
/// 35,500 − 30,910 = 4,590.00 of it does not fit. The room stays the limits' 35,500.00.
#[test]
fn paycheck_holds_pay_less_fica_by_default() {
    let o = small_paychecks("");
    assert_eq!(money_at(&o, "/contributions/pretax"), d("24500.00"));
    assert_eq!(money_at(&o, "/after_tax_room"), d("35500.00"));
    assert_eq!(money_at(&o, "/contributions/after_tax"), d("30910.00"));
    assert_eq!(money_at(&o, "/paycheck_capacity/after_tax"), d("30910.00"));
    // Each month asks 2,041.67 + 2,958.33 = 5,000 > 4,617.50, so every paycheck is full.
    for l in paychecks(&o) {
        let used = money(&l["pretax"]) + money(&l["roth"]) + money(&l["after_tax"]);
        assert_eq!(used, d("4617.50"), "{}", l["date"]);
    }
    let message = must_warn(&o, "paycheck-too-small");
    assert!(message.contains("$4,590.00"), "{message}");
}

/// `max_election = "50%"`: all elections together take at most 50% × 5,000 = 2,500 a
/// paycheck (less than FICA's 4,617.50), 12 × 2,500 = 30,000 a year; after the pre-tax
/// 24,500 that leaves 5,500.00 for after-tax money, and 35,500 − 5,500 = 30,000.00 does
/// not fit. The room stays 35,500.00.
#[test]
fn max_election_caps_all_elections_together() {
    let o = small_paychecks("[payroll]\nmax_election = \"50%\"\n");
    assert_eq!(money_at(&o, "/after_tax_room"), d("35500.00"));
    assert_eq!(money_at(&o, "/contributions/after_tax"), d("5500.00"));
    assert_eq!(money_at(&o, "/paycheck_capacity/after_tax"), d("5500.00"));
    for l in paychecks(&o) {
        let used = money(&l["pretax"]) + money(&l["roth"]) + money(&l["after_tax"]);
        assert_eq!(used, d("2500.00"), "{}", l["date"]);
    }
    let message = must_warn(&o, "paycheck-too-small");
    assert!(message.contains("$30,000.00"), "{message}");
}

/// What did not fit is counted once when deferrals themselves do not fit. 2026, $30,000
/// monthly (2,500 a paycheck), `max_election = "75%"`: a paycheck holds 1,875, 22,500 a year.
/// Pre-tax "max" asks for 24,500 (402(g); 415(c) is 30,000, pay), so 2,000 of deferrals do
/// not fit. The match, 50% on 6%, is 3% × 30,000 = 900. With the deferrals the file asks
/// for, the room would be 30,000 − 24,500 − 900 = 4,600, and none of it fits either, so
/// 2,000 and 4,600, 6,600 in all, did not fit. (The room the limits leave the deferrals that do fit,
/// 30,000 − 22,500 − 900 = 6,600, is the same 6,600 counted from the other side.)
#[test]
fn deferrals_that_do_not_fit_are_not_counted_twice() {
    let o = monthly_max(
        30_000,
        "[match]\ntiers = [{ rate = \"50%\", on = \"6%\" }]\ntrue_up = false\n\
         [payroll]\nmax_election = \"75%\"\n",
    );
    assert_eq!(money_at(&o, "/contributions/pretax"), d("22500.00"));
    assert_eq!(money_at(&o, "/contributions/employer_match"), d("900.00"));
    assert_eq!(money_at(&o, "/paycheck_capacity/did_not_fit"), d("6600.00"));
}

/// The recommended deferral election fits every paycheck too. 2026, $20,000 monthly: pay is
/// 1,666.67 or 1,666.66 (rounded as the year runs), FICA 7.65% of it is 127.50, so a
/// paycheck holds 1,539.17 or 1,539.16, at most 1,539.16 / 1,666.66 = 92.35% of it. A 1%
/// step rounds that down to 92% (1,533.33 or 1,533.34): never the 93% ($1,550) that pre-tax
/// "max" alone would ask for. Over the year 92% × 20,000 = 18,400.
#[test]
fn recommended_deferrals_fit_what_each_paycheck_holds() {
    let o = monthly_max(
        20_000,
        "[match]\ntiers = [{ rate = \"50%\", on = \"6%\" }]\ntrue_up = false\n",
    );
    assert_eq!(d(&at(&o, "/elections/pretax").to_string()), d("0.92"));
    assert_eq!(money_at(&o, "/elections/reaches/deferrals"), d("18400.00"));
}

/// Front-loading never passes the plan's percent cap on after-tax money (contract section 2:
/// a percent cap limits each paycheck's election). 2026, $200,000 monthly, pre-tax "max"
/// 24,500, match 50% on 6% trued up: 3% × 200,000 = 6,000. 415(c) leaves 72,000 − 24,500 −
/// 6,000 = 41,500, the plan's 10% cap 10% × 200,000 = 20,000, so the room is 20,000. At
/// 10% of each 16,666.67 paycheck that takes all 12 paychecks: no schedule can put it in
/// sooner, so none is offered (it used to say 20% after-tax until June), and the even
/// election is 10%.
#[test]
fn front_loading_keeps_to_the_plans_percent_cap() {
    let o = run(r#"
year = 2026
[participant]
age = 40
compensation = 200000
pay_frequency = "monthly"
[deferrals]
pretax = "max"
[match]
tiers = [{ rate = "50%", on = "6%" }]
true_up = true
[after_tax]
allowed = true
limit = "10%"
amount = "max"
[conversion]
in_plan_roth_conversion = true
"#);
    assert_eq!(money_at(&o, "/after_tax_room"), d("20000.00"));
    assert_eq!(d(&at(&o, "/elections/after_tax").to_string()), d("0.1"));
    assert!(at(&o, "/elections/front_load").is_null());
}

/// The 0.9% Additional Medicare Tax on wages above $200,000 (IRC 3102(f)). 2026, $240,000
/// monthly = 20,000 a paycheck; a pay stub at Oct 31 shows pre-tax 24,500 (402(g) full)
/// and nothing else, so the after-tax room 72,000 − 24,500 = 47,500 is asked of the Nov 30
/// and Dec 31 paychecks. Wages through October are 10 × 20,000 = 200,000, past the 184,500
/// wage base (no more Social Security) and at the 200,000 threshold, so each of the last
/// two paychecks holds 20,000 − 1.45% (290.00) − 0.9% (180.00) = 19,530.00: 39,060.00 in
/// all, and 47,500 − 39,060 = 8,440.00 does not fit (without the 0.9% it would be 8,080).
#[test]
fn additional_medicare_lowers_what_late_paychecks_hold() {
    let o = run(&format!(
        r#"year = 2026
[participant]
age = 40
compensation = 240000
pay_frequency = "monthly"
[deferrals]
pretax = "max"
{AFTER_TAX_MAX}[year_to_date]
as_of = 2026-10-31
pretax = 24500
"#
    ));
    assert_eq!(money_at(&o, "/after_tax_room"), d("47500.00"));
    let p = paychecks(&o);
    let last_two = &p[p.len() - 2..];
    assert_eq!(dates(last_two), ["2026-11-30", "2026-12-31"]);
    assert_eq!(
        column(last_two, "after_tax"),
        [d("19530.00"), d("19530.00")]
    );
    assert_eq!(money_at(&o, "/contributions/after_tax"), d("39060.00"));
    let message = must_warn(&o, "paycheck-too-small");
    assert!(message.contains("$8,440.00"), "{message}");
}

// ---------------------------------------------------------------------------------------
// 5. Pay stubs past a limit are facts, not errors (contract, "Payroll limits").

/// A pay stub with 25,000 deferred by June 30 at age 40 (no catch-up): 25,000 − 24,500 =
/// 500.00 of excess deferral, to be paid back by a corrective distribution by April 15 of
/// next year (402(g)(2)). Nothing more is deferred; the stub's 25,000 stands.
#[test]
fn pay_stub_past_402g_is_an_excess_deferral() {
    let o = run(&format!(
        r#"year = 2026
[participant]
age = 40
compensation = 120000
pay_frequency = "monthly"
[deferrals]
pretax = "10%"
{AFTER_TAX_NONE}[year_to_date]
as_of = 2026-06-30
pretax = 25000
"#
    ));
    let message = must_warn(&o, "excess-deferral");
    assert!(message.contains("$500.00"), "{message}");
    assert!(message.contains("April 15"), "{message}");
    assert_eq!(money_at(&o, "/elective_deferrals/limit"), d("24500.00"));
    assert_eq!(money_at(&o, "/elective_deferrals/other_plans"), d("0.00"));
    assert_eq!(money_at(&o, "/elective_deferrals/this_plan"), d("25000.00"));
    assert_eq!(money_at(&o, "/elective_deferrals/excess"), d("500.00"));
    assert_eq!(money_at(&o, "/contributions/pretax"), d("25000.00"));
    let to_come: Vec<_> = paychecks(&o)
        .into_iter()
        .filter(|l| l["history"] != true)
        .collect();
    assert_eq!(to_come.len(), 6, "Jul … Dec are still to come");
    for name in ["pretax", "roth", "catch_up"] {
        assert_eq!(total(&to_come, name), Decimal::ZERO, "{name}");
    }
}

/// A pay stub at June 30 with pre-tax 24,500 (402(g) full), match 2,400 (100% on 4% of
/// six paychecks of 10,000) and after-tax 45,600: 24,500 + 2,400 + 45,600 = 72,500, which
/// is 500.00 past the 72,000 of 415(c) (pay 120,000 > 72,000). Nothing more goes in: no
/// deferral (402(g) full), so no match (no true-up), and no after-tax room.
#[test]
fn pay_stub_past_415c_is_an_excess_annual_addition() {
    let o = run(&format!(
        r#"year = 2026
[participant]
age = 40
compensation = 120000
pay_frequency = "monthly"
[deferrals]
pretax = "max"
[match]
tiers = [{{ rate = "100%", on = "4%" }}]
true_up = false
{AFTER_TAX_MAX}[year_to_date]
as_of = 2026-06-30
pretax = 24500
match = 2400
after_tax = 45600
"#
    ));
    let message = must_warn(&o, "excess-annual-additions");
    assert!(message.contains("$500.00"), "{message}");
    assert!(warning(&o, "excess-deferral").is_none());
    assert_eq!(money_at(&o, "/after_tax_room"), d("0.00"));
    let to_come: Vec<_> = paychecks(&o)
        .into_iter()
        .filter(|l| l["history"] != true)
        .collect();
    for name in ["pretax", "match", "after_tax"] {
        assert_eq!(total(&to_come, name), Decimal::ZERO, "{name}");
    }
}

// ---------------------------------------------------------------------------------------
// 6. The payday calendar as payroll keeps it.

fn calendar(frequency: &str, payroll: &str) -> Value {
    run(&format!(
        r#"year = 2026
[participant]
age = 40
compensation = 120000
pay_frequency = "{frequency}"
[deferrals]
pretax = "6%"
[payroll]
{payroll}
{AFTER_TAX_NONE}"#
    ))
}

/// `semimonthly_days = [1, 16]` as dated (`holidays = "none"`): the 1st and 16th of every
/// month, 24 paychecks from 2026-01-01 to 2026-12-16, 120,000 / 24 = 5,000.00 each.
#[test]
fn semimonthly_days_1_and_16() {
    let o = calendar(
        "semimonthly",
        "semimonthly_days = [1, 16]\nholidays = \"none\"",
    );
    let p = paychecks(&o);
    let expected: Vec<String> = (1..=12)
        .flat_map(|m| [format!("2026-{m:02}-01"), format!("2026-{m:02}-16")])
        .collect();
    assert_eq!(dates(&p), expected);
    assert!(column(&p, "pay").iter().all(|x| *x == d("5000.00")));
}

/// The same days with the default `holidays = "before"`: the Jan 1 2026 payday (New
/// Year's Day) is paid Wed Dec 31 2025 and so is not in 2026, while the Jan 1 2027 payday
/// is paid Thu Dec 31 2026 and is. Still 24 paychecks, from Jan 16 to Dec 31; on the way
/// Sun Feb 1 is paid Fri Jan 30 and Mon Feb 16 (Washington's Birthday) Fri Feb 13. The
/// output says that paydays moved across the year's edge.
#[test]
fn january_1_payday_paid_in_december_belongs_to_the_year_before() {
    let o = calendar("semimonthly", "semimonthly_days = [1, 16]");
    let p = paychecks(&o);
    let days = dates(&p);
    assert_eq!(days.len(), 24);
    assert_eq!(days.first(), Some(&"2026-01-16"));
    assert_eq!(days.last(), Some(&"2026-12-31"));
    assert!(days.iter().all(|x| x.starts_with("2026-")));
    assert_eq!(days.get(1..3), Some(&["2026-01-30", "2026-02-13"][..]));
    must_warn(&o, "payday-moved");
}

/// Monthly pay on the last day: Feb 28 2026 is a Saturday. "before" pays Fri Feb 27,
/// "after" Mon Mar 2, "none" Sat Feb 28. (January's Sat Jan 31 is paid Fri Jan 30 or Mon
/// Feb 2; Dec 31 is a Thursday, so every way the year has 12 paychecks and February's is
/// the second.)
#[test]
fn weekend_payday_before_after_or_as_dated() {
    for (holidays, february) in [
        ("before", "2026-02-27"),
        ("after", "2026-03-02"),
        ("none", "2026-02-28"),
    ] {
        let o = calendar("monthly", &format!("holidays = \"{holidays}\""));
        let p = paychecks(&o);
        assert_eq!(p.len(), 12, "{holidays}");
        assert_eq!(p[1]["date"], february, "{holidays}");
    }
}

/// Federal Reserve holidays move paydays too. Monthly on the 26th: Thanksgiving is Thu
/// Nov 26 2026, paid Wed Nov 25 ("before") or Fri Nov 27 ("after"). Monthly on the 12th:
/// Columbus Day, Mon Oct 12 2026 (a Federal Reserve holiday though many businesses
/// open), is paid Fri Oct 9.
#[test]
fn federal_reserve_holidays_move_paydays() {
    for (holidays, november) in [("before", "2026-11-25"), ("after", "2026-11-27")] {
        let o = calendar(
            "monthly",
            &format!("first_payday = 2026-01-26\nholidays = \"{holidays}\""),
        );
        assert_eq!(paychecks(&o)[10]["date"], november, "{holidays}");
    }
    let o = calendar("monthly", "first_payday = 2026-01-12");
    assert_eq!(paychecks(&o)[9]["date"], "2026-10-09");
}

/// RULES.md section 7: a Friday biweekly schedule from Fri 2026-01-02 pays its 27th
/// paycheck, the Jan 1 2027 payday, on Thu 2026-12-31 (`holidays` defaults to "before").
/// Fri Jun 19 (Juneteenth) is paid Thu Jun 18. Fri Jul 3 stays: Independence Day falls on
/// Saturday Jul 4, and the Federal Reserve Banks are open the Friday before a Saturday
/// holiday. The output says a payday moved into the year.
#[test]
fn friday_biweekly_2026_has_27_paychecks_the_last_on_december_31() {
    let o = calendar("biweekly", "");
    let p = paychecks(&o);
    let days = dates(&p);
    assert_eq!(days.len(), 27);
    assert_eq!(days.first(), Some(&"2026-01-02"));
    assert_eq!(days.get(25..), Some(&["2026-12-18", "2026-12-31"][..]));
    assert!(days.contains(&"2026-06-18") && !days.contains(&"2026-06-19"));
    assert!(days.contains(&"2026-07-03"));
    let message = must_warn(&o, "payday-moved");
    assert!(
        ["December 31", "Dec 31", "2026-12-31", "12/31"]
            .iter()
            .any(|x| message.contains(x)),
        "{message}"
    );
}

fn extra_paycheck(value: Option<&str>) -> Value {
    let key = value.map_or(String::new(), |v| format!("extra_paycheck = \"{v}\"\n"));
    run(&format!(
        r#"year = 2026
[participant]
age = 40
compensation = 200000
pay_frequency = "biweekly"
[deferrals]
pretax = "6%"
[payroll]
{key}{AFTER_TAX_NONE}"#
    ))
}

/// "adds-pay": each of the 27 paychecks is the annual rate / 26. Pay through k =
/// round(200,000 × k / 26): 7,692.31 and 7,692.31 for the first two (as in the 26-paycheck
/// test), and the year 200,000 × 27 / 26 = 207,692.3077 → 207,692.31; the 27th paycheck is
/// 207,692.31 − round(200,000 × 26 / 26) = 207,692.31 − 200,000.00 = 7,692.31.
#[test]
fn extra_paycheck_adds_pay() {
    let o = extra_paycheck(Some("adds-pay"));
    let p = paychecks(&o);
    assert_eq!(p.len(), 27);
    assert_eq!(column(&p[..2], "pay"), [d("7692.31"), d("7692.31")]);
    assert_eq!(p.last().map(|l| money(&l["pay"])), Some(d("7692.31")));
    assert_eq!(total(&p, "pay"), d("207692.31"));
}

/// "same-year-pay": 200,000 over 27 paychecks. Pay through k = round(200,000 × k / 27):
/// 7,407.4074 → 7,407.41; 14,814.8148 → 14,814.81 (7,407.40); 22,222.2222 → 22,222.22
/// (7,407.41); the year 200,000.00.
#[test]
fn extra_paycheck_same_year_pay() {
    let o = extra_paycheck(Some("same-year-pay"));
    let p = paychecks(&o);
    assert_eq!(p.len(), 27);
    assert_eq!(
        column(&p[..3], "pay"),
        [d("7407.41"), d("7407.40"), d("7407.41")]
    );
    assert_eq!(total(&p, "pay"), d("200000.00"));
    // 6% of 200,000.
    assert_eq!(total(&p, "pretax"), d("12000.00"));
}

/// With `extra_paycheck` left out the advice must hold under both readings (issue: "advice
/// safe under both"). $130,000 biweekly in 2026 (27 paydays), 10% pre-tax, 100% match on 4%:
/// "same-year-pay" pays 130,000 over 27: pre-tax 13,000, match 5,200, room 72,000 − 13,000 −
/// 5,200 = 53,800, at most 53,800 / 130,000 = 41.38…% → 41%. "adds-pay" pays 27 × 5,000 =
/// 135,000: pre-tax 13,500, match 5,400, room 72,000 − 13,500 − 5,400 = 53,100, at most
/// 53,100 / 135,000 = 39.33…% → 39%. Left out, the election is the lower, 39%: under
/// "adds-pay" 39% × 135,000 = 52,650, and 13,500 + 5,400 + 52,650 = 71,550 ≤ 72,000.
#[test]
fn extra_paycheck_unknown_elects_what_is_safe_either_way() {
    let base = r#"
year = 2026
[participant]
age = 40
compensation = 130000
pay_frequency = "biweekly"
[deferrals]
pretax = "10%"
[match]
tiers = [{ rate = "100%", on = "4%" }]
true_up = false
[after_tax]
allowed = true
amount = "max"
[conversion]
in_plan_roth_conversion = true
"#;
    let after_tax = |payroll: &str| {
        let o = run(&format!("{base}{payroll}"));
        d(&at(&o, "/elections/after_tax").to_string())
    };
    assert_eq!(
        after_tax("[payroll]\nextra_paycheck = \"same-year-pay\"\n"),
        d("0.41")
    );
    assert_eq!(
        after_tax("[payroll]\nextra_paycheck = \"adds-pay\"\n"),
        d("0.39")
    );
    assert_eq!(after_tax(""), d("0.39"));
}

/// Left out ("unknown"): the figures of "same-year-pay" and a question for HR about the
/// 27th paycheck.
#[test]
fn extra_paycheck_unknown_is_same_year_pay_with_a_question() {
    let o = extra_paycheck(None);
    let p = paychecks(&o);
    assert_eq!(p.len(), 27);
    assert_eq!(total(&p, "pay"), d("200000.00"));
    let questions = verdict_text(&o, "questions");
    assert!(questions.contains("27"), "{questions}");
}

// ---------------------------------------------------------------------------------------
// 7. Properties over generated full-year plans.

const FREQUENCIES: [&str; 4] = ["weekly", "biweekly", "semimonthly", "monthly"];

/// The `[payroll]` calendar keys a generated plan may set (none changes the year's pay).
fn calendar_keys() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "",
            "holidays = \"before\"\n",
            "holidays = \"after\"\n",
        ]),
        prop::sample::select(vec![
            "",
            "holidays = \"none\"\n",
            "extra_paycheck = \"same-year-pay\"\n",
            "semimonthly_days = [1, 16]\n",
            "semimonthly_days = [7, 22]\n",
        ]),
    )
        .prop_filter("one holidays key", |(a, b)| {
            !(a.contains("holidays") && b.contains("holidays"))
        })
        .prop_map(|(a, b)| format!("[payroll]\n{a}{b}"))
}

/// The calendar keys for `frequency`: `semimonthly_days` only with semimonthly pay.
fn calendar_for(frequency: &str, keys: &str) -> String {
    if frequency == "semimonthly" {
        keys.to_string()
    } else {
        keys.lines()
            .filter(|l| !l.starts_with("semimonthly_days"))
            .map(|l| format!("{l}\n"))
            .collect()
    }
}

/// Money from cents, as a TOML number.
fn dollars(cents_: u64) -> Decimal {
    Decimal::new(i64::try_from(cents_).unwrap_or(i64::MAX), 2)
}

/// A percent in tenths ("7.5%").
fn tenths(t: u32) -> Decimal {
    Decimal::new(i64::from(t), 1)
}

proptest! {
    #![proptest_config(crate::common::proptest_config(40))]

    /// A full-year plan pays exactly `compensation` over the year's paychecks, to the cent,
    /// whatever the frequency and calendar (the extra paycheck, if any, spreading the same
    /// pay).
    #[test]
    fn year_pay_is_compensation(
        year in 2025i32..=2026,
        frequency in prop::sample::select(FREQUENCIES.to_vec()),
        pay in 1_000_000u64..100_000_000,
        payroll in calendar_keys(),
    ) {
        let compensation = dollars(pay);
        let payroll = calendar_for(frequency, &payroll);
        let o = run(&format!(
            "year = {year}\n[participant]\nage = 40\ncompensation = {compensation}\n\
             pay_frequency = \"{frequency}\"\n[deferrals]\npretax = \"5%\"\n{payroll}"
        ));
        prop_assert_eq!(total(&paychecks(&o), "pay"), compensation);
    }

    /// With no limit in the way (pay at most 150,000, pre-tax within 402(g), everything well
    /// within 415(c) and what a paycheck holds), the year's percent-of-pay contributions are
    /// the percent of the year's pay rounded once, and so is the match (no true-up, one
    /// tier, an even deferral): pre-tax p × pay, after-tax a × pay, match r × min(p, q) × pay.
    #[test]
    fn percent_contributions_follow_the_annual_formula(
        year in 2025i32..=2026,
        frequency in prop::sample::select(FREQUENCIES.to_vec()),
        pay in 2_000_000u64..15_000_000,
        pretax in 0u32..=150,
        after_tax in 0u32..=200,
        rate in prop::sample::select(vec![25u32, 50, 100]),
        on in 1u32..=6,
        payroll in calendar_keys(),
    ) {
        let compensation = dollars(pay);
        let p = tenths(pretax) / Decimal::ONE_HUNDRED;
        let a = tenths(after_tax) / Decimal::ONE_HUNDRED;
        let r = Decimal::from(rate) / Decimal::ONE_HUNDRED;
        let q = Decimal::from(on) / Decimal::ONE_HUNDRED;
        let payroll = calendar_for(frequency, &payroll);
        // 2025's 402(g) is 23,500, 2026's 24,500: stay below both.
        prop_assume!(p * compensation < d("23500"));
        let o = run(&format!(
            "year = {year}\n[participant]\nage = 40\ncompensation = {compensation}\n\
             pay_frequency = \"{frequency}\"\n[deferrals]\npretax = \"{}%\"\n\
             [match]\ntiers = [{{ rate = \"{rate}%\", on = \"{on}%\" }}]\ntrue_up = false\n\
             [after_tax]\nallowed = true\namount = \"{}%\"\n\
             [conversion]\nin_plan_roth_conversion = true\n{payroll}",
            tenths(pretax), tenths(after_tax)
        ));
        prop_assert_eq!(money_at(&o, "/contributions/pretax"), cents(p * compensation));
        prop_assert_eq!(money_at(&o, "/contributions/after_tax"), cents(a * compensation));
        prop_assert_eq!(
            money_at(&o, "/contributions/employer_match"),
            cents(r * p.min(q) * compensation)
        );
    }

    /// Every paycheck's elections (pre-tax, Roth, catch-up, after-tax) fit in it: at most its
    /// pay less the employee's FICA on it (6.2% of the part below the wage base, 1.45%, 0.9%
    /// of the part above 200,000 of the year's wages, each rounded to the cent), and at most
    /// `max_election` of its pay when the plan sets one. A cent of slack allows for how
    /// payroll rounds the withholding.
    #[test]
    fn every_paycheck_holds_its_contributions(
        year in 2025i32..=2026,
        frequency in prop::sample::select(FREQUENCIES.to_vec()),
        pay in 500_000u64..80_000_000,
        age in 30u32..70,
        pretax in prop::sample::select(vec!["\"max\"", "\"30%\"", "\"60%\"", "5000"]),
        roth in prop::sample::select(vec!["0", "\"20%\"", "\"max\""]),
        after_tax in prop::sample::select(vec!["\"max\"", "\"40%\"", "\"90%\""]),
        max_election in prop::option::of(10u32..=100),
    ) {
        let compensation = dollars(pay);
        let (pretax, roth) = if pretax.contains("max") && roth.contains("max") {
            (pretax, "0")
        } else {
            (pretax, roth)
        };
        let cap = max_election.map_or(String::new(), |m| {
            format!("[payroll]\nmax_election = \"{m}%\"\n")
        });
        let toml = format!(
            "year = {year}\n[participant]\nage = {age}\ncompensation = {compensation}\n\
             pay_frequency = \"{frequency}\"\n[deferrals]\npretax = {pretax}\nroth = {roth}\n\
             catch_up = true\n[after_tax]\nallowed = true\namount = {after_tax}\n\
             [conversion]\nin_plan_roth_conversion = true\n{cap}"
        );
        // A money deferral above 402(g) is an error by the contract (exit 1): skip those
        // plans; anything else must succeed.
        let out = mbr(&["plan", "--plan", "-", "--format", "json"], &toml);
        prop_assume!(out.status.code() != Some(1));
        prop_assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let o: Value = serde_json::from_slice(&out.stdout)
            .map_err(|e| TestCaseError::fail(format!("not JSON: {e}")))?;
        let wage_base = if year == 2025 { d("176100") } else { d("184500") };
        let additional_from = d("200000");
        let mut wages = Decimal::ZERO;
        for l in paychecks(&o) {
            let pay = money(&l["pay"]);
            let social_security_wages = (wage_base - wages).max(Decimal::ZERO).min(pay);
            let above_200000 = (wages + pay - additional_from.max(wages)).max(Decimal::ZERO);
            let fica = cents(d("0.062") * social_security_wages)
                + cents(d("0.0145") * pay)
                + cents(d("0.009") * above_200000);
            let used = money(&l["pretax"])
                + money(&l["roth"])
                + money(&l["catch_up"])
                + money(&l["after_tax"]);
            prop_assert!(
                used <= pay - fica + d("0.01"),
                "{}: {used} in a paycheck of {pay} with {fica} of FICA", l["date"]
            );
            if let Some(m) = max_election {
                let most = cents(Decimal::from(m) / Decimal::ONE_HUNDRED * pay);
                prop_assert!(
                    used <= most + d("0.01"),
                    "{}: {used} above {m}% of {pay}", l["date"]
                );
            }
            wages += pay;
        }
    }
}
