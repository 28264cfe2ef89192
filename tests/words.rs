//! Snapshots that pin mbr's words: every warning code's message, the verdict's reasons and
//! questions for each status, and the whole table report of every shipped example.
//!
//! These pin wording and layout, not arithmetic. The figures inside them are whatever the
//! engine computes today; the tests that check the figures against the IRS rules are in
//! `worked_examples`, `paychecks`, `conversion`, `oracle` and `properties`. A changed
//! snapshot is a changed sentence or table: review it (`cargo insta review`, or the diff
//! that `cargo test` prints) and accept it only if the new words are meant.
//!
//! Each warning test starts from [`QUIET`], a plan that raises no warning, and changes the
//! fewest lines that raise the one warning it pins; its doc comment says why that warning
//! applies. The plans run through the `mbr` binary, so the snapshots hold whatever the code
//! behind `mbr plan` looks like. Codes pinned: after-tax-overshoot, catch-up-available,
//! catch-up-not-eligible, catch-up-not-used, compensation-limits-415c, conversion-next-year,
//! excess-annual-additions, excess-deferral, extra-payday, five-year-rule, hce-acp-test,
//! match-lost (its three wordings), no-tax-table, pay-frequency-assumed, return-assumed,
//! paycheck-too-small, roth-catch-up, split-ira-pro-rata.

use insta::assert_snapshot;
use serde_json::Value;

use crate::common::{mbr, stderr, stdout};

/// A plan that raises no warning: under 50 (no catch-up), paid $100,000 (below the HCE
/// threshold and enough pay for the whole room), 26 biweekly paydays (paid as dated: by
/// default the January 1, 2027 payday is paid December 31, a 27th), no match, after-tax
/// "max" (so no overshoot), every after-tax dollar converted in-plan as it lands (no
/// earnings to tax, nothing left for next year), the return and the tax rate given.
const QUIET: &str = r#"year = 2026
[participant]
age = 40
compensation = 100000
pay_frequency = "biweekly"
[deferrals]
pretax = "max"
[after_tax]
allowed = true
amount = "max"
[conversion]
in_plan_roth_conversion = true
in_service_withdrawal = false
automatic = true
[assumptions]
annual_return = "7%"
[tax]
marginal_rate = "24%"
[payroll]
holidays = "none"
"#;

/// A match of 100% on the first 4% of pay, paid per paycheck with no year-end true-up.
const MATCH_WITHOUT_TRUE_UP: &str =
    "[match]\ntiers = [{ rate = \"100%\", on = \"4%\" }]\ntrue_up = false\n";

/// [`QUIET`] with each `(old, new)` text replaced once and `tables` appended.
#[track_caller]
fn quiet(changes: &[(&str, &str)], tables: &str) -> String {
    let mut text = QUIET.to_string();
    for (old, new) in changes {
        assert!(text.contains(old), "`{old}` is not in the quiet plan");
        text = text.replacen(old, new, 1);
    }
    text + tables
}

/// `mbr plan --format json` on a plan given on standard input, as a JSON value.
#[track_caller]
fn json(plan: &str) -> Value {
    let out = mbr(&["plan", "--plan", "-", "--format", "json"], plan);
    assert_eq!(out.status.code(), Some(0), "{}\n{plan}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The codes of the warnings a plan raises, in order.
fn codes(report: &Value) -> Vec<&str> {
    report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect()
}

/// The message of the warning `code`, which the plan must raise exactly once.
#[track_caller]
fn warning(plan: &str, code: &str) -> String {
    let report = json(plan);
    let found: Vec<&Value> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == code)
        .collect();
    assert_eq!(found.len(), 1, "{code} in {:?}\n{plan}", codes(&report));
    found[0]["message"].as_str().unwrap().to_string()
}

/// The verdict as the JSON words it: the status, then each reason and question on a line.
#[track_caller]
fn verdict(plan: &str) -> String {
    let report = json(plan);
    let v = &report["verdict"];
    let mut text = format!("status: {}", v["status"].as_str().unwrap());
    for (label, key) in [("reason", "reasons"), ("question", "questions")] {
        for line in v[key].as_array().unwrap() {
            text += &format!("\n{label}: {}", line.as_str().unwrap());
        }
    }
    text
}

#[test]
fn the_quiet_plan_raises_no_warning() {
    let report = json(QUIET);
    assert_eq!(codes(&report), Vec::<&str>::new());
}

/// No `pay_frequency`: mbr assumes biweekly and says so.
#[test]
fn pay_frequency_assumed() {
    let plan = quiet(&[("pay_frequency = \"biweekly\"\n", "")], "");
    assert_snapshot!(warning(&plan, "pay-frequency-assumed"), @"`participant.pay_frequency` is not given, so biweekly pay is assumed; add it to the plan for exact paychecks.");
}

/// Paid every other Friday from January 2, 2026, moved off holidays as by default: the 27th
/// payday, January 1, 2027, is paid Thursday December 31, 2026.
#[test]
fn extra_payday() {
    let plan = quiet(&[("holidays = \"none\"", "holidays = \"before\"")], "");
    assert_snapshot!(warning(&plan, "extra-payday"), @"2026 has 27 biweekly paydays: each paycheck is compensation divided by 27 (as mbr figures it while `payroll.extra_paycheck` is not given; see the question for HR), so a percent election contributes less per paycheck than in a usual year, and an election in dollars per paycheck set for 26 paychecks puts in one paycheck's worth more.");
}

/// The same year with `extra_paycheck = "adds-pay"`: each of the 27 paychecks is the
/// annual rate / 26.
#[test]
fn extra_payday_adds_pay() {
    let plan = quiet(
        &[(
            "holidays = \"none\"",
            "holidays = \"before\"\nextra_paycheck = \"adds-pay\"",
        )],
        "",
    );
    assert_snapshot!(warning(&plan, "extra-payday"), @r#"2026 has 27 biweekly paydays and each paycheck is the annual rate divided by 26 (`payroll.extra_paycheck = "adds-pay"`), so the year pays 27/26 of `compensation`: percent elections and the match run on the extra paycheck too, and an election in dollars per paycheck set for 26 paychecks puts in one paycheck's worth more."#);
}

/// The same year with `extra_paycheck = "same-year-pay"`: compensation over 27 paychecks,
/// with nothing assumed.
#[test]
fn extra_payday_same_year_pay() {
    let plan = quiet(
        &[(
            "holidays = \"none\"",
            "holidays = \"before\"\nextra_paycheck = \"same-year-pay\"",
        )],
        "",
    );
    assert_snapshot!(warning(&plan, "extra-payday"), @"2026 has 27 biweekly paydays: each paycheck is compensation divided by 27, so a percent election contributes less per paycheck than in a usual year, and an election in dollars per paycheck set for 26 paychecks puts in one paycheck's worth more.");
}

/// The 27th biweekly payday of 2026, scheduled Fri Jan 1 2027 (New Year's Day), is paid
/// the business day before, Thu Dec 31 2026: it moved into the year.
#[test]
fn payday_moved_into_the_year() {
    let plan = quiet(&[("holidays = \"none\"", "holidays = \"before\"")], "");
    assert_snapshot!(warning(&plan, "payday-moved"), @"The payday scheduled for Friday 2027-01-01 is paid on Thursday 2026-12-31, the business day before a weekend or Federal Reserve holiday (`payroll.holidays`), so it is a 2026 paycheck: contributions count in the year they are paid, toward that year's limits.");
}

/// Monthly on the last day in 2022 with `holidays = "after"`: Sat Dec 31 2022 moves past
/// Sun Jan 1 and Mon Jan 2 2023 (New Year's Day observed) to Tue Jan 3 2023, out of 2022.
#[test]
fn payday_moved_out_of_the_year() {
    let plan = quiet(
        &[
            ("year = 2026", "year = 2022"),
            (
                "pay_frequency = \"biweekly\"",
                "pay_frequency = \"monthly\"",
            ),
            ("holidays = \"none\"", "holidays = \"after\""),
        ],
        "",
    );
    assert_snapshot!(warning(&plan, "payday-moved"), @"The payday scheduled for Saturday 2022-12-31 is paid on Tuesday 2023-01-03, the business day after a weekend or Federal Reserve holiday (`payroll.holidays`), so it is a 2023 paycheck: contributions count in the year they are paid, toward that year's limits.");
}

/// $200,000 of pay, last year's taken to equal it, is over the $160,000 HCE threshold.
#[test]
fn hce_acp_test_with_last_years_pay_assumed() {
    let plan = quiet(&[("compensation = 100000", "compensation = 200000")], "");
    assert_snapshot!(warning(&plan, "hce-acp-test"), @"Last year's pay of $200,000.00 (taken to equal this year's; add `prior_year_compensation`) is above the $160,000.00 HCE threshold for 2025 (IRC 414(q)), so you are likely a highly compensated employee: after-tax contributions and the match are tested under the 401(m) ACP test, and if the plan fails it your after-tax money can be refunded after year end. Ask whether the plan limits HCE after-tax contributions.");
}

/// Last year's pay given, $190,000, is over the $160,000 HCE threshold.
#[test]
fn hce_acp_test_with_last_years_pay_given() {
    let plan = quiet(
        &[(
            "compensation = 100000",
            "compensation = 200000\nprior_year_compensation = 190000",
        )],
        "",
    );
    assert_snapshot!(warning(&plan, "hce-acp-test"), @"Last year's pay of $190,000.00 is above the $160,000.00 HCE threshold for 2025 (IRC 414(q)), so you are likely a highly compensated employee: after-tax contributions and the match are tested under the 401(m) ACP test, and if the plan fails it your after-tax money can be refunded after year end. Ask whether the plan limits HCE after-tax contributions.");
}

/// At 55 in 2026, making catch-up contributions, with last year's FICA wages of $170,000
/// over the $150,000 threshold of 414(v)(7): the catch-up must be Roth.
#[test]
fn roth_catch_up() {
    let plan = quiet(
        &[
            ("age = 40", "age = 55\nprior_year_fica_wages = 170000"),
            ("pretax = \"max\"", "pretax = \"max\"\ncatch_up = true"),
        ],
        "",
    );
    assert_snapshot!(warning(&plan, "roth-catch-up"), @"From 2026 (SECURE 2.0 §603, IRC 414(v)(7)) catch-up contributions must be Roth when prior-year FICA wages exceed $150,000.00; going by last year's FICA wages of $170,000.00, your $8,000.00 of catch-up is shown as Roth. This moves money from pre-tax to Roth; it does not change your 415(c) room.");
}

/// At 55 without `catch_up`: mbr points out the catch-up left unused.
#[test]
fn catch_up_available() {
    let plan = quiet(&[("age = 40", "age = 55")], "");
    assert_snapshot!(warning(&plan, "catch-up-available"), @"At 55 you may defer $8,000.00 more as catch-up (IRC 414(v)); set `deferrals.catch_up = true` to include it. Catch-up does not count toward 415(c), so it never reduces after-tax room.");
}

/// At 40 with `catch_up = true`: too young, the setting is ignored.
#[test]
fn catch_up_not_eligible() {
    let plan = quiet(
        &[("pretax = \"max\"", "pretax = \"max\"\ncatch_up = true")],
        "",
    );
    assert_snapshot!(warning(&plan, "catch-up-not-eligible"), @"`deferrals.catch_up` is true but catch-up starts in the year you turn 50; at 40 it is ignored.");
}

/// At 55 with `catch_up = true` but $10,000 of deferrals, below the 402(g) limit: no
/// deferral is above the limit, so no catch-up is made.
#[test]
fn catch_up_not_used() {
    let plan = quiet(
        &[
            ("age = 40", "age = 55"),
            ("pretax = \"max\"", "pretax = 10000\ncatch_up = true"),
        ],
        "",
    );
    assert_snapshot!(warning(&plan, "catch-up-not-used"), @"Catch-up is only what you defer above the $24,500.00 limit: you defer $0.00 above it of the $8,000.00 allowed. It never adds to after-tax room.");
}

/// $60,000 of after-tax money elected against $72,000 − $24,500 = $47,500 of room.
#[test]
fn after_tax_overshoot() {
    let plan = quiet(&[("amount = \"max\"", "amount = 60000")], "");
    assert_snapshot!(warning(&plan, "after-tax-overshoot"), @"Your after-tax election would put in $60,000.00 but the room is $47,500.00: payroll often does not stop after-tax money at 415(c), and an excess annual addition must be corrected. mbr stops it at the room; set a stop or elect less.");
}

/// From the pay stub on October 2: $20,000 deferred so far, nothing after-tax; 415(c)
/// leaves 72,000 − 24,500 = $47,500 of after-tax room. Pay through the 20th paycheck is
/// 100,000 × 20 / 26 = 76,923.076… → 76,923.08; the six left pay 3,846.15 (21st, 22nd,
/// 24th, 26th) or 3,846.16 (23rd: 88,461.538… → 88,461.54 less 84,615.38; 25th), below
/// the wage base. Each holds its pay less FICA, each tax to the cent: 3,846.15 − 238.46
/// (6.2%) − 55.77 (1.45%) = 3,551.92, and 3,846.16 − 238.46 − 55.77 = 3,551.93; together
/// 4 × 3,551.92 + 2 × 3,551.93 = 21,311.54. Less the 4,500 still deferred that holds
/// 16,811.54 of after-tax money: 47,500 − 16,811.54 = $30,688.46 does not fit.
#[test]
fn paycheck_too_small_by_fica() {
    let plan = quiet(
        &[],
        "[year_to_date]\nas_of = 2026-10-02\npretax = 20000\nafter_tax = 0\n",
    );
    assert_snapshot!(warning(&plan, "paycheck-too-small"), @"Your paychecks cannot hold all you ask for: a paycheck holds at most its pay less Social Security and Medicare tax (and income tax comes out of the same pay), so $30,688.46 did not fit over the year. mbr cuts after-tax money first, and deferrals only where they alone pass what a paycheck holds.");
}

/// The same pay stub with `max_election = "50%"`: each paycheck holds 50% of its pay,
/// rounded down to the cent: 1,923.075 → 1,923.07 (four paychecks) and 1,923.08 (two),
/// 4 × 1,923.07 + 2 × 1,923.08 = 11,538.44; less 4,500 of deferrals, 7,038.44 of after-tax
/// money fits, and 47,500 − 7,038.44 = $40,461.56 does not.
#[test]
fn paycheck_too_small_by_max_election() {
    let plan = quiet(
        &[(
            "holidays = \"none\"",
            "holidays = \"none\"\nmax_election = \"50%\"",
        )],
        "[year_to_date]\nas_of = 2026-10-02\npretax = 20000\nafter_tax = 0\n",
    );
    assert_snapshot!(warning(&plan, "paycheck-too-small"), @"Your paychecks cannot hold all you ask for: the plan takes at most 50% of a paycheck for all elections together, so $40,461.52 did not fit over the year. mbr cuts after-tax money first, and deferrals only where they alone pass what a paycheck holds.");
}

/// Without `max_election`, pay less FICA cutting what the plan file asks for: the verdict
/// asks HR for the plan's own cap per paycheck.
#[test]
fn verdict_asks_for_the_maximum_election() {
    let plan = quiet(
        &[],
        "[year_to_date]\nas_of = 2026-10-02\npretax = 20000\nafter_tax = 0\n",
    );
    assert_snapshot!(verdict(&plan), @r#"
    status: available
    reason: The plan accepts after-tax contributions and offers an in-plan Roth conversion, and you have $47,500.00 of after-tax room this year.
    reason: Your paychecks still to come hold only $16,811.54 of it after your deferrals and Social Security and Medicare tax (or the plan's maximum election); the elections put in what fits.
    question: What is the most of each paycheck all your elections together (pre-tax, Roth and after-tax) may take? Look for "maximum contribution percentage", "deferral limit per pay period" or "maximum deferral percentage" in the plan document or the payroll election screen, and set it as `payroll.max_election`.
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    question: Does payroll stop after-tax contributions when the year's annual additions reach the 415(c) limit? mbr assumed not, so its after-tax election stays below the limit on its own; if payroll stops it, a higher election is safe. Look for "415 limit", "annual additions limit" or "contributions will stop when" in the summary plan description or the payroll provider's help pages.
    "#);
}

/// The table shows what the paychecks hold beside the room where it is less: $60,000
/// monthly, pre-tax "max", after-tax "max"; each 5,000 paycheck holds 5,000 − 310 − 72.50
/// = 4,617.50, 12 × 4,617.50 − 24,500 = $30,910.00 of after-tax money, against a room of
/// 60,000 − 24,500 = $35,500.00. Lines stay within 80 columns.
#[test]
fn table_shows_what_the_paychecks_hold() {
    let plan = "year = 2026\n[participant]\nage = 40\ncompensation = 60000\n\
        pay_frequency = \"monthly\"\n[deferrals]\npretax = \"max\"\n[after_tax]\n\
        allowed = true\namount = \"max\"\n[conversion]\nin_plan_roth_conversion = true\n\
        in_service_withdrawal = false\n";
    let out = mbr(&["plan", "--plan", "-"], plan);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    let section: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.starts_with("After-tax room"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(
        section.iter().all(|l| l.chars().count() <= 80),
        "{section:?}"
    );
    assert_snapshot!(section.join("\n"), @"
    After-tax room: $35,500.00 this year (about $2,958.33 a paycheck); you
      contribute $30,910.00.
    Paychecks hold: $30,910.00 of after-tax money after deferrals (each holds at
      most its pay less Social Security and Medicare tax).
    ");
}

/// An in-service withdrawal once a year, split: the earnings of the waiting after-tax money
/// go to a traditional IRA.
#[test]
fn split_ira_pro_rata() {
    let plan = quiet(
        &[
            (
                "in_plan_roth_conversion = true",
                "in_plan_roth_conversion = false",
            ),
            (
                "in_service_withdrawal = false",
                "in_service_withdrawal = true",
            ),
            (
                "automatic = true",
                "route = \"split\"\nfrequency = \"annually\"",
            ),
        ],
        "",
    );
    assert_snapshot!(warning(&plan, "split-ira-pro-rata"), @r#"The split sends $1,693.82 of earnings to a traditional IRA. A traditional IRA balance on December 31 makes a later backdoor Roth IRA contribution partly taxable (the IRA pro-rata rule, Form 8606): roll it into a 401(k) first, or choose route "roth-ira"."#);
}

/// No `annual_return` while after-tax money is made: 7% is assumed.
#[test]
fn return_assumed() {
    let plan = quiet(&[("[assumptions]\nannual_return = \"7%\"\n", "")], "");
    assert_snapshot!(warning(&plan, "return-assumed"), @"`assumptions.annual_return` is not given, so a 7% annual return is assumed for earnings before conversion.");
}

/// No `[tax]` table while after-tax money is converted.
#[test]
fn no_tax_table() {
    let plan = quiet(&[("[tax]\nmarginal_rate = \"24%\"\n", "")], "");
    assert_snapshot!(warning(&plan, "no-tax-table"), @r#"There is no `[tax]` table, so the tax on conversion earnings is not computed; add `[tax]` with `marginal_rate = "24%"` (or `filing_status` and `taxable_income`)."#);
}

/// Paid monthly on the last day, converted daily: December 31's after-tax money converts
/// on January 1, 2027, and its earnings are taxed then.
#[test]
fn conversion_next_year() {
    let plan = quiet(
        &[
            (
                "pay_frequency = \"biweekly\"",
                "pay_frequency = \"monthly\"",
            ),
            (
                "automatic = true",
                "automatic = false\nfrequency = \"daily\"",
            ),
            ("[payroll]\n", "[payroll]\nfirst_payday = 2026-01-31\n"),
        ],
        "",
    );
    assert_snapshot!(warning(&plan, "conversion-next-year"), @"$3,958.33 of after-tax money made late in the year converts in January 2027: its $0.73 of earnings is taxed in 2027, not 2026.");
}

/// Converted in-plan once a year at 40: the earnings are taxable, and the five-year rule
/// applies to them.
#[test]
fn five_year_rule() {
    let plan = quiet(
        &[(
            "automatic = true",
            "automatic = false\nfrequency = \"annually\"",
        )],
        "",
    );
    assert_snapshot!(warning(&plan, "five-year-rule"), @"Taxable amounts converted in-plan and withdrawn within five years, before age 59½, owe the 10% additional tax (IRC 402A(c)(4), 72(t)); the conversion itself owes none.");
}

/// 30% of each $5,769.23 paycheck, $1,730.77, reaches the $24,500 limit in the fifteenth;
/// without a true-up the match stops with the deferrals, and the elections can keep it.
/// Match: 4% of 15 of the 26 paychecks, rounded once, 6,000 × 15 / 26 = 3,461.538… →
/// $3,461.54; lost 6,000 − 3,461.54 = $2,538.46.
#[test]
fn match_lost_to_come() {
    let plan = quiet(
        &[
            ("compensation = 100000", "compensation = 150000"),
            ("pretax = \"max\"", "pretax = \"30%\""),
        ],
        MATCH_WITHOUT_TRUE_UP,
    );
    assert_snapshot!(warning(&plan, "match-lost"), @"Paid per paycheck without a true-up, the match comes to $3,461.54 instead of the $6,000.00 the annual formula gives: $2,538.46 is lost in paychecks where you defer less than the match needs (front-loading, a bonus, or the 401(a)(17) pay cap). Elect 16% pre-tax and 0% Roth of every paycheck instead (see the elections) to keep what is still to come.");
}

/// The pay stub on July 10 shows $2,000 of match on $12,000 of deferrals, less than 4% of
/// the 14 paychecks' pay: the match is lost in paychecks already paid, and nothing still to
/// come can bring it back. The formula on the 14: 6,000 × 14 / 26 = 3,230.769… → 3,230.77,
/// $1,230.77 above the stub's 2,000; the 12 to come: 6,000 × 12 / 26 = 2,769.23, so the year
/// is 2,000 + 2,769.23 = $4,769.23 and 6,000 − 4,769.23 = $1,230.77 is lost.
#[test]
fn match_lost_in_the_pay_stub() {
    let plan = quiet(
        &[("compensation = 100000", "compensation = 150000")],
        &format!(
            "{MATCH_WITHOUT_TRUE_UP}[year_to_date]\nas_of = 2026-07-10\npretax = 12000\n\
             after_tax = 5000\nmatch = 2000\n"
        ),
    );
    assert_snapshot!(warning(&plan, "match-lost"), @"Paid per paycheck without a true-up, the match comes to $4,769.23 instead of the $6,000.00 the annual formula gives, and the $1,230.77 went in the paychecks already paid: the pay stub's match so far, $2,000.00, is $1,230.77 below the formula on its deferrals spread evenly over those paychecks (the two gaps can differ by a cent of rounding). If you deferred evenly, ask payroll about it; if you deferred more in some paychecks than others, that is where the match went. The elections keep every dollar of match still to come.");
}

/// The pay stub on July 10 shows the whole $24,500 deferred: no deferral is left to earn the
/// match, so there is no election to suggest. $1,230.77 of the loss is in the paid
/// paychecks, as in `match_lost_in_the_pay_stub`.
#[test]
fn match_lost_with_nothing_left_to_elect() {
    let plan = quiet(
        &[("compensation = 100000", "compensation = 150000")],
        &format!(
            "{MATCH_WITHOUT_TRUE_UP}[year_to_date]\nas_of = 2026-07-10\npretax = 24500\n\
             after_tax = 5000\nmatch = 2000\n"
        ),
    );
    assert_snapshot!(warning(&plan, "match-lost"), @"Paid per paycheck without a true-up, the match comes to $2,000.00 instead of the $6,000.00 the annual formula gives: $4,000.00 is lost in paychecks where you defer less than the match needs (front-loading, a bonus, or the 401(a)(17) pay cap), $1,230.77 of it in paychecks already paid.");
}

/// $30,000 of pay: 415(c) is the pay, and $24,500 of deferrals and 20% ($6,000) of profit
/// sharing fill it.
#[test]
fn compensation_limits_415c() {
    let plan = quiet(
        &[("compensation = 100000", "compensation = 30000")],
        "[employer]\nnonelective = \"20%\"\n",
    );
    assert_snapshot!(warning(&plan, "compensation-limits-415c"), @"415(c) is the lesser of $72,000.00 and 100% of your compensation: your limit is $30,000.00, and deferrals and employer money fill it.");
}

/// A pay stub with $25,000 deferred by June 30, at 40 (no catch-up): $500 past the
/// $24,500 of 402(g).
#[test]
fn excess_deferral() {
    let plan = quiet(&[], "[year_to_date]\nas_of = 2026-06-30\npretax = 25000\n");
    assert_snapshot!(warning(&plan, "excess-deferral"), @"Your elective deferrals come to $25,000.00 this year, $500.00 more than your limit of $24,500.00 (IRC 402(g), with any catch-up you may make), so mbr defers nothing more. Tell the plan administrator now: the $500.00 excess and its earnings must be paid back to you by a corrective distribution by April 15, 2027 (IRC 402(g)(2); a plan may not take more than the limit, IRC 401(a)(30)). A pre-tax excess is income for 2026 even when paid back in time, and an excess left in the plan is taxed again when it comes out.");
}

/// A pay stub with $24,500 deferred and $48,000 after-tax by June 30: $72,500 of annual
/// additions, $500 past the $72,000 of 415(c).
#[test]
fn excess_annual_additions() {
    let plan = quiet(
        &[],
        "[year_to_date]\nas_of = 2026-06-30\npretax = 24500\nafter_tax = 48000\n",
    );
    assert_snapshot!(warning(&plan, "excess-annual-additions"), @"The pay stub's figures come to $72,500.00 of annual additions this year, $500.00 more than your 415(c) limit of $72,000.00, so nothing more goes in. The plan must correct the excess under EPCRS (Rev. Proc. 2021-30), returning after-tax contributions and their earnings first ($500.00 of after-tax money here): tell the plan administrator now, since under EPCRS's self-correction program a calendar-year plan must correct it by December 31, 2029 at the latest.");
}

/// Everything known and allowed, converted in-plan.
#[test]
fn verdict_available_in_plan() {
    assert_snapshot!(verdict(QUIET), @r#"
    status: available
    reason: The plan accepts after-tax contributions and offers an in-plan Roth conversion, and you have $47,500.00 of after-tax room this year.
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    "#);
}

/// Both routes offered.
#[test]
fn verdict_available_both_routes() {
    let plan = quiet(
        &[(
            "in_service_withdrawal = false",
            "in_service_withdrawal = true",
        )],
        "",
    );
    assert_snapshot!(verdict(&plan), @r#"
    status: available
    reason: The plan accepts after-tax contributions and offers an in-plan Roth conversion and an in-service withdrawal, and you have $47,500.00 of after-tax room this year.
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    "#);
}

/// Only an in-service withdrawal.
#[test]
fn verdict_available_in_service_only() {
    let plan = quiet(
        &[
            (
                "in_plan_roth_conversion = true",
                "in_plan_roth_conversion = false",
            ),
            (
                "in_service_withdrawal = false",
                "in_service_withdrawal = true",
            ),
            ("automatic = true\n", ""),
        ],
        "",
    );
    assert_snapshot!(verdict(&plan), @r#"
    status: available
    reason: The plan accepts after-tax contributions and offers an in-service withdrawal to a Roth IRA, and you have $47,500.00 of after-tax room this year.
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    "#);
}

/// $30,000 of pay filled by deferrals and profit sharing: no room under 415(c).
#[test]
fn verdict_no_room() {
    let plan = quiet(
        &[("compensation = 100000", "compensation = 30000")],
        "[employer]\nnonelective = \"20%\"\n",
    );
    assert_snapshot!(verdict(&plan), @r#"
    status: no-room
    reason: Your deferrals ($24,000.00) and the employer's money ($6,000.00) already use the whole $30,000.00 annual additions limit (IRC 415(c)), so there is no room for after-tax contributions.
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    "#);
}

/// The pay stub's after-tax money fills 415(c) past the limit: the reason names all three
/// kinds of money and says the excess must come out.
#[test]
fn verdict_no_room_past_415c() {
    let plan = quiet(
        &[],
        "[year_to_date]\nas_of = 2026-06-30\npretax = 24500\nafter_tax = 48000\n",
    );
    assert_snapshot!(verdict(&plan), @"
    status: no-room
    reason: Your deferrals ($24,500.00) and the after-tax money already in ($48,000.00) come to $72,500.00, more than the whole $72,000.00 annual additions limit (IRC 415(c)), so there is no room for more after-tax contributions and the excess must come out (see the warnings).
    ");
}

/// `after_tax.limit = 0`: the plan's own cap, not 415(c), leaves no room.
#[test]
fn verdict_no_room_because_of_the_plan_cap() {
    let plan = quiet(&[("amount = \"max\"", "limit = 0")], "");
    assert_snapshot!(verdict(&plan), @"
    status: no-room
    reason: The plan caps after-tax contributions at $0.00 this year (`after_tax.limit`), so there is no room for them, though 415(c) would leave $47,500.00.
    ");
}

/// Pay of $400,000 passes the 2026 401(a)(17) limit of $360,000 and the plan file does not
/// say how payroll applies it: a question for HR.
#[test]
fn verdict_asks_how_payroll_applies_the_compensation_limit() {
    let plan = quiet(&[("compensation = 100000", "compensation = 400000")], "");
    assert_snapshot!(verdict(&plan), @r#"
    status: available
    reason: The plan accepts after-tax contributions and offers an in-plan Roth conversion, and you have $47,500.00 of after-tax room this year.
    question: Your pay passes the $360,000.00 compensation limit (IRC 401(a)(17)): when your pay this year reaches it, does payroll keep taking your deferral and after-tax elections from the rest of your pay until the deferral limit (the IRS default, and what mbr figures), stop them there with the match, or keep matching each paycheck's pay up to the limit divided by the number of paychecks? Look for "compensation limit", "401(a)(17)", "deferrals cease" or "periodic" (payroll-period) compensation in the plan document.
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    "#);
}

/// A biweekly 2026 with its 27th payday paid Thu Dec 31 and `extra_paycheck` not given: a
/// question for HR naming the 27 paychecks.
#[test]
fn verdict_asks_what_the_27th_paycheck_pays() {
    let plan = quiet(&[("holidays = \"none\"", "holidays = \"before\"")], "");
    assert_snapshot!(verdict(&plan), @r#"
    status: available
    reason: The plan accepts after-tax contributions and offers an in-plan Roth conversion, and you have $47,500.00 of after-tax room this year.
    question: 2026 has 27 biweekly paydays instead of 26: is each paycheck your annual pay divided by 26, so the 27th adds pay, or is your annual pay spread over all 27 (what mbr figures)? Look for "27th paycheck", "extra pay period" or "pay periods per year" in your payroll policy or offer letter.
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    "#);
}

/// No after-tax contributions: not available, and no questions, even with features unknown.
#[test]
fn verdict_not_available() {
    let plan = quiet(
        &[
            ("allowed = true", "allowed = false"),
            (
                "in_service_withdrawal = false",
                "in_service_withdrawal = \"unknown\"",
            ),
        ],
        "",
    );
    assert_snapshot!(verdict(&plan), @"
    status: not-available
    reason: The plan does not accept after-tax contributions, so there is nothing to convert.
    ");
}

/// After-tax money allowed, but neither route.
#[test]
fn verdict_not_convertible() {
    let plan = quiet(
        &[
            (
                "in_plan_roth_conversion = true",
                "in_plan_roth_conversion = false",
            ),
            ("automatic = true\n", ""),
        ],
        "",
    );
    assert_snapshot!(verdict(&plan), @"
    status: not-convertible
    reason: The plan has neither an in-plan Roth conversion nor an in-service withdrawal of after-tax money: after-tax contributions would sit until you leave the employer, their earnings growing tax-deferred and taxable when withdrawn.
    ");
}

/// Every feature unknown, a match whose true-up is unknown: both reasons of doubt and all
/// five questions for HR. Room 72,000 − 24,500 − 4% × 100,000 (the match, every paycheck
/// deferring more than 4%) = $43,500.00.
#[test]
fn verdict_unknown_asks_every_question() {
    let plan = quiet(
        &[
            ("allowed = true", "allowed = \"unknown\""),
            (
                "in_plan_roth_conversion = true",
                "in_plan_roth_conversion = \"unknown\"",
            ),
            (
                "in_service_withdrawal = false",
                "in_service_withdrawal = \"unknown\"",
            ),
            ("automatic = true", "automatic = \"unknown\""),
        ],
        "[match]\ntiers = [{ rate = \"100%\", on = \"4%\" }]\ntrue_up = \"unknown\"\n",
    );
    assert_snapshot!(verdict(&plan), @r#"
    status: unknown
    reason: It is not known yet whether the plan accepts after-tax contributions.
    reason: It is not known yet whether the plan has a way to convert after-tax money to Roth.
    reason: If it does, you have $43,500.00 of after-tax room this year.
    question: Does the plan accept after-tax (non-Roth) employee contributions beyond the pre-tax and Roth deferral limit, and is there a plan cap on them? In the plan document or summary plan description, look for "after-tax contributions", "voluntary employee contributions" or "non-Roth after-tax".
    question: Does the plan allow in-plan Roth conversions of after-tax money, and how often? Look for "in-plan Roth rollover", "in-plan Roth conversion" or "designated Roth rollover" (IRC 402A(c)(4)).
    question: Does the plan allow in-service withdrawals of after-tax contributions and their earnings while you are still employed, and how often? Look for "in-service withdrawal", "in-service distribution" or "withdrawal of after-tax contributions".
    question: Does the plan convert after-tax contributions to Roth automatically as they are made? Look for "automatic in-plan Roth conversion" or "auto-convert" in the plan's online settings or the summary plan description.
    question: Does the employer true up the match at year end if you reach the deferral limit early? Look for "true-up", "annual match calculation" or "match computed on an annual basis" (as opposed to "per payroll period").
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    question: Does the match apply to after-tax contributions too, or only to pre-tax and Roth deferrals? mbr assumed deferrals only. Look for "matching contributions" and whether "employee after-tax contributions" or "voluntary contributions" are matched in the summary plan description, and set it as `match.matches`.
    "#);
}

/// After-tax money known to be allowed, the route unknown: one reason of doubt.
#[test]
fn verdict_unknown_route() {
    let plan = quiet(
        &[
            (
                "in_plan_roth_conversion = true",
                "in_plan_roth_conversion = \"unknown\"",
            ),
            (
                "in_service_withdrawal = false",
                "in_service_withdrawal = \"unknown\"",
            ),
            ("automatic = true\n", ""),
        ],
        "",
    );
    assert_snapshot!(verdict(&plan), @r#"
    status: unknown
    reason: It is not known yet whether the plan has a way to convert after-tax money to Roth.
    reason: If it does, you have $47,500.00 of after-tax room this year.
    question: Does the plan allow in-plan Roth conversions of after-tax money, and how often? Look for "in-plan Roth rollover", "in-plan Roth conversion" or "designated Roth rollover" (IRC 402A(c)(4)).
    question: Does the plan allow in-service withdrawals of after-tax contributions and their earnings while you are still employed, and how often? Look for "in-service withdrawal", "in-service distribution" or "withdrawal of after-tax contributions".
    question: Does the plan convert after-tax contributions to Roth automatically as they are made? Look for "automatic in-plan Roth conversion" or "auto-convert" in the plan's online settings or the summary plan description.
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    "#);
}

/// A plan with no match: the front-loading note claims no match, and says the assumed
/// maximum election.
#[test]
fn front_load_note_without_a_match() {
    let report = json(
        "year = 2026\n[participant]\nage = 40\ncompensation = 200000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\n[after_tax]\nallowed = true\namount = \"max\"\n\
         [conversion]\nin_plan_roth_conversion = true\n",
    );
    let notes: Vec<&str> = report["elections"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .filter(|n| n.starts_with("To get the money in sooner"))
        .collect();
    assert_eq!(notes.len(), 1);
    assert_snapshot!(notes[0], @"To get the money in sooner: elect 17% pre-tax and 31% after-tax from 2026-01-30, and change to 0% after the 2026-09-30 paycheck (at most 50% of a paycheck; set `payroll.max_election` to change that).");
}

/// `mbr --color never plan --plan FILE` on every shipped example, the whole run: exit status,
/// the tables on standard output and the warnings on standard error. A new example gets a
/// new snapshot, which CI refuses until it is reviewed and committed.
#[test]
fn every_example_report() {
    let mut files: Vec<_> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let path = file.to_str().unwrap();
        let out = mbr(&["--color", "never", "plan", "--plan", path], "");
        let name = file.file_stem().unwrap().to_str().unwrap();
        let run = format!(
            "exit status: {}\n--- stdout\n{}--- stderr\n{}",
            out.status.code().unwrap(),
            stdout(&out),
            stderr(&out)
        );
        let description = format!("mbr --color never plan --plan {path}");
        insta::with_settings!({ description => description, omit_expression => true }, {
            assert_snapshot!(name, run);
        });
    }
}

/// The strings of a list in a plan's JSON output (`/elections/notes`), one a line.
fn lines(plan: &str, pointer: &str) -> String {
    json(plan)
        .pointer(pointer)
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The notes of a plan's elections, one a line.
fn notes(plan: &str) -> String {
    lines(plan, "/elections/notes")
}

/// Room left unused is put down to its cause: rounding to the step (with the one-time change
/// that puts it in), what the paychecks hold after FICA ($20,000 of pay: a 100%-of-pay
/// 415(c) the deferrals nearly fill), and keeping within 415(c) whichever way payroll runs
/// a year with 27 paydays (the default holiday rule pays January 1, 2027 on December 31).
#[test]
fn unused_room_names_its_cause() {
    assert_snapshot!(notes(QUIET), @"Rounding to the plan's 1% step leaves $0.00 of deferrals and $500.00 of after-tax room unused; the one-time change for the paycheck of 2026-12-18 in the table puts in what fits (after it, set the elections back for the next year).");
    assert_snapshot!(notes(&quiet(&[("compensation = 100000", "compensation = 20000")], "")), @"What each paycheck holds after FICA (or the plan's maximum election) leaves $70.16 of deferrals and $0.00 of after-tax room unused; no one-time change fits within every limit.");
    assert_snapshot!(notes(&quiet(&[("holidays = \"none\"", "")], "")), @"
    Keeping within every limit as payroll runs the elections (each paycheck rounded by itself, after-tax money not stopped at 415(c), and every way payroll may run the year that the plan file leaves open), in the plan's 1% step, leaves $0.00 of deferrals and $2,500.00 of after-tax room unused; the one-time change for the paycheck of 2026-12-31 in the table puts in what fits (after it, set the elections back for the next year).
    The after-tax election keeps within 415(c) whether or not the year's extra paycheck adds pay; no front-loaded schedule is offered until payroll says which (the question below).
    ");
}

/// The verdict's reasons, one a line.
fn reasons(plan: &str) -> String {
    lines(plan, "/verdict/reasons")
}

/// Pay of $500,000 passes 401(a)(17) and the plan file leaves open how payroll applies it:
/// a note for each answer that would put in less than the figures show.
#[test]
fn notes_say_what_each_open_payroll_answer_puts_in_less() {
    let plan = quiet(
        &[
            ("compensation = 100000", "compensation = 500000"),
            ("amount = \"max\"", "amount = \"9%\""),
        ],
        MATCH_WITHOUT_TRUE_UP,
    );
    assert_snapshot!(notes(&plan), @"
    Rounding to the plan's 1% step leaves $0.00 of deferrals and $3,100.00 of after-tax room unused; the one-time change for the paycheck of 2026-12-18 in the table puts in what fits (after it, set the elections back for the next year).
    If payroll stops your elections where your pay for the year reaches the 401(a)(17) compensation limit (the question below), these elections put in $6,499.97 less of deferrals and $11,476.95 less of after-tax money.
    If payroll counts each paycheck's pay for the match only up to the 401(a)(17) compensation limit divided by the paychecks (the question below), these elections put in $92.35 less of match.
    Front-loading would lose the match in every paycheck after you stop, since the plan does not true up; keep the even elections.
    ");
}

/// $24,000 of pay, "max" deferrals and a match of 100% of the first 10%: 415(c) is the pay,
/// so "max" stops where the whole match still fits, and a note says so.
#[test]
fn max_keeps_the_match_at_low_pay() {
    let plan = quiet(
        &[
            ("compensation = 100000", "compensation = 24000"),
            (
                "pay_frequency = \"biweekly\"",
                "pay_frequency = \"monthly\"",
            ),
        ],
        "[match]\ntiers = [{ rate = \"100%\", on = \"10%\" }]\ntrue_up = true\n",
    );
    assert_snapshot!(notes(&plan), @r#"Your 415(c) limit is your pay, $24,000.00: deferring more than $21,600.00 would crowd out part of the employer's money, so "max" is taken as $21,600.00."#);
}

/// Mid-year past 401(a)(17) with payroll stopping elections there: paychecks are left, but
/// none takes an election, and the verdict says that rather than "no paycheck is left".
#[test]
fn verdict_when_payroll_takes_no_more_elections() {
    let plan = quiet(
        &[
            ("compensation = 100000", "compensation = 4000000"),
            (
                "pay_frequency = \"biweekly\"",
                "pay_frequency = \"semimonthly\"",
            ),
            ("holidays = \"none\"", "compensation_limit = \"stop\""),
        ],
        "[year_to_date]\nas_of = 2026-06-30\npretax = 24500\n",
    );
    assert_snapshot!(reasons(&plan), @"Paychecks are left this year, but payroll takes no more elections from them (it stops them where your pay for the year reaches the 401(a)(17) compensation limit), though 415(c) would leave $47,500.00.");
}

/// A participant who leaves on June 30 in a plan with neither conversion route: rolling the
/// money out after separation is the route (RULES.md section 9), and the plan administrator
/// is asked when and how it pays out.
#[test]
fn verdict_available_after_leaving() {
    let plan = quiet(
        &[
            (
                "pay_frequency = \"biweekly\"",
                "pay_frequency = \"biweekly\"\nemployed_until = 2026-06-30",
            ),
            (
                "in_plan_roth_conversion = true",
                "in_plan_roth_conversion = false",
            ),
            ("automatic = true\n", ""),
        ],
        "",
    );
    assert_snapshot!(verdict(&plan), @r#"
    status: available
    reason: The plan accepts after-tax contributions and you have $25,500.00 of after-tax room this year; though the plan has neither an in-plan Roth conversion nor an in-service withdrawal, you can roll the after-tax money out after you leave on 2026-06-30, the basis to a Roth IRA and the earnings to a traditional IRA (IRS Notice 2014-54), or all of it to a Roth IRA with the earnings taxed.
    reason: Your paychecks still to come hold only $21,675.01 of it after your deferrals and Social Security and Medicare tax (or the plan's maximum election); the elections put in what fits.
    question: When you leave on 2026-06-30, how soon and in what form does the plan pay out your after-tax contributions and their earnings: can you take a direct rollover split with the after-tax basis to a Roth IRA and the earnings to a traditional IRA (IRS Notice 2014-54)? Look for "distribution upon severance from employment", "direct rollover" or "after-tax contributions" in the summary plan description.
    question: What is the most of each paycheck all your elections together (pre-tax, Roth and after-tax) may take? Look for "maximum contribution percentage", "deferral limit per pay period" or "maximum deferral percentage" in the plan document or the payroll election screen, and set it as `payroll.max_election`.
    question: In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr assumed 1% steps; a finer step puts in more. Look for "contribution percentage in whole percents", "increments" or "flat dollar amount per pay period" in the plan document or the payroll election screen, and set it as `payroll.election_step`.
    question: Does payroll stop after-tax contributions when the year's annual additions reach the 415(c) limit? mbr assumed not, so its after-tax election stays below the limit on its own; if payroll stops it, a higher election is safe. Look for "415 limit", "annual additions limit" or "contributions will stop when" in the summary plan description or the payroll provider's help pages.
    "#);
}

/// A new hire's first paycheck is taken as a full period's pay, and the note says so.
#[test]
fn first_paycheck_note() {
    let plan = quiet(
        &[(
            "pay_frequency = \"biweekly\"",
            "pay_frequency = \"biweekly\"\nemployed_from = 2026-07-01",
        )],
        "",
    );
    assert_snapshot!(notes(&plan), @"
    What each paycheck holds after FICA (or the plan's maximum election) leaves $0.00 of deferrals and $175.01 of after-tax room unused; no one-time change fits within every limit.
    mbr takes each paycheck from 2026-07-01, the first included, as a full pay period's pay (compensation / 26 = $3,846.15); paid in arrears, the first paycheck usually covers only the days since you started and is smaller, so its elections put in less.
    ");
}

/// Other plans share 402(g) (RULES.md section 9): the excess a percent election makes as
/// payroll runs it, the note that the elections keep within what is left, and a match the
/// other plans' deferrals leave unclaimed.
#[test]
fn other_plans_sharing_402g() {
    let plan = quiet(
        &[("pretax = \"max\"", "pretax = \"20%\"")],
        &format!("{MATCH_WITHOUT_TRUE_UP}[[other_plans]]\nname = \"Old job\"\ndeferrals = 15000\n"),
    );
    assert_snapshot!(warning(&plan, "excess-deferral"), @"Your elective deferrals come to $35,000.00 this year across plans ($15,000.00 in other plans, $20,000.00 here as the plan file is written), $10,500.00 more than your limit of $24,500.00 (IRC 402(g), with any catch-up you may make): payroll here stops deferrals only at this plan's own count. The elections mbr recommends keep within the limit. An excess made anyway is income for 2026 if pre-tax, even when paid back; ask one of the plans for a corrective distribution of it and its earnings by April 15, 2027 (a plan may refuse, and many want the request by March 1; Treas. Reg. 1.402(g)-1(e)), or it is taxed again when it comes out.");
    assert_snapshot!(notes(&plan), @"
    Rounding to the plan's 1% step leaves $500.00 of deferrals and $500.00 of after-tax room unused; the one-time change for the paycheck of 2026-12-18 in the table puts in what fits (after it, set the elections back for the next year).
    As the plan file is written, payroll here defers $20,000.00 (it counts only this plan), past the $9,500.00 that your other plans' $15,000.00 leave of your 402(g) limit: these elections keep within $9,500.00, and so leave more after-tax room than the figures above, which follow the plan file as written.
    Front-loading would lose the match in every paycheck after you stop, since the plan does not true up; keep the even elections.
    ");
    let used_up = quiet(
        &[("pretax = \"max\"", "pretax = \"10%\"")],
        &format!("{MATCH_WITHOUT_TRUE_UP}[[other_plans]]\ndeferrals = 24500\n"),
    );
    assert_snapshot!(notes(&used_up), @"
    Keeping within every limit as payroll runs the elections (each paycheck rounded by itself, after-tax money not stopped at 415(c), and every way payroll may run the year that the plan file leaves open), in the plan's 1% step, leaves $0.00 of deferrals and $1,000.00 of after-tax room unused; the one-time change for the paycheck of 2026-12-18 in the table puts in what fits (after it, set the elections back for the next year).
    As the plan file is written, payroll here defers $10,000.00 (it counts only this plan), but your other plans' $24,500.00 leave none of your 402(g) limit: these elections defer nothing here, and so leave more after-tax room than the figures above, which follow the plan file as written.
    The match pays on up to 4% of pay, but your other plans' $24,500.00 of deferrals leave only $0.00 of your 402(g) limit here, so part of this plan's match goes unclaimed; deferring more here would be an excess. To claim it, defer less in the other plans (with several --plan files, give this one first).
    ");
    assert_snapshot!(warning(&used_up, "excess-deferral"), @"Your elective deferrals come to $34,500.00 this year across plans ($24,500.00 in other plans, $10,000.00 here as the plan file is written), $10,000.00 more than your limit of $24,500.00 (IRC 402(g), with any catch-up you may make): payroll here stops deferrals only at this plan's own count. The elections mbr recommends keep within the limit. An excess made anyway is income for 2026 if pre-tax, even when paid back; ask one of the plans for a corrective distribution of it and its earnings by April 15, 2027 (a plan may refuse, and many want the request by March 1; Treas. Reg. 1.402(g)-1(e)), or it is taxed again when it comes out.");
}

/// The lines printed under the table headed `heading` in `mbr plan`'s tables, up to the
/// blank line that ends them.
#[track_caller]
fn under_table(plan: &str, heading: &str) -> String {
    let out = mbr(&["plan", "--plan", "-"], plan);
    assert_eq!(out.status.code(), Some(0), "{}\n{plan}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| *l != heading)
        .skip_while(|l| !l.starts_with('└'))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// Route "split" with in-service withdrawals unknown: the estimate (basis to a Roth IRA,
/// earnings to a traditional IRA, no tax) holds only if the plan allows the withdrawal.
#[test]
fn split_with_unknown_in_service_withdrawal_says_what_it_assumes() {
    let plan = quiet(
        &[
            (
                "in_plan_roth_conversion = true",
                "in_plan_roth_conversion = false",
            ),
            (
                "in_service_withdrawal = false",
                "in_service_withdrawal = \"unknown\"\nroute = \"split\"",
            ),
            ("automatic = true", "automatic = false"),
        ],
        "",
    );
    assert_snapshot!(under_table(&plan, "Conversion estimate"), @r#"
    The route "split" takes money out of the plan while you work there: these
    figures assume the plan allows in-service withdrawals, which
    `conversion.in_service_withdrawal` leaves "unknown" (ask: see the questions
    below).
    "#);
}

/// Monthly pay, converted in-plan: each paycheck is paid on the last business day of the
/// month, so a month-end conversion follows it within days, sooner than "daily" (the next
/// day) or "weekly" (the next Friday).
#[test]
fn monthly_costing_less_than_daily_is_explained() {
    let plan = quiet(
        &[
            (
                "pay_frequency = \"biweekly\"",
                "pay_frequency = \"monthly\"",
            ),
            (
                "automatic = true",
                "automatic = false\nfrequency = \"quarterly\"",
            ),
        ],
        "",
    );
    let report = json(&plan);
    let taxable = |f: &str| {
        let rows = report["conversion"]["frequencies"].as_array().unwrap();
        let row = rows.iter().find(|r| r["frequency"] == f).unwrap();
        crate::common::money(&row["taxable_earnings"])
    };
    assert!(taxable("monthly") < taxable("daily"));
    assert_snapshot!(under_table(&plan, "Converting more often"), @r#"
    "monthly" costs less here than "daily" and "weekly": a contribution made at or
    just before the end of a month (as every monthly paycheck's is) is converted at
    the month's end the same day or within a few days, while "daily" converts the
    day after each contribution and "weekly" converts on the Friday after it.
    "#);
}

/// A money amount under $100 where a percent was probably meant is questioned.
#[test]
fn small_money_is_questioned() {
    let plan = quiet(&[("amount = \"max\"", "amount = \"max\"\nlimit = 15")], "");
    assert_snapshot!(warning(&plan, "small-money"), @r#"`after_tax.limit = 15` is read as $15.00 for the year; if you meant a share of pay, write "15%"."#);
}
