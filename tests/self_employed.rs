//! Issue 12 item 3, self-employment (a solo 401(k)): RULES.md section 8, LIMITS.md section 10.
//!
//! Every plan goes through the binary (`mbr plan --plan - --format json`) and is read as a
//! consumer reads it. Every expected figure is worked out beside it from the 2026 figures:
//! 402(g) 24,500, catch-up 8,000, 415(c) 72,000, 401(a)(17) 360,000, Social Security wage
//! base 184,500; net earnings 92.35% of net profit, SE tax 12.4% (up to the wage base less
//! W-2 Social Security wages) + 2.9%, none under $400 of net earnings, half of it deducted.
//!
//! Rounding: net earnings and each part of the SE tax (Schedule SE lines 4a, 10, 11) and its
//! half are rounded to the cent half away from zero; the employer contribution's maximum, a
//! limit, is rounded down to the cent. "Earnings" below is net profit less half the SE tax
//! (Pub. 560 worksheet step 3); compensation is earnings less the employer contribution.

use rust_decimal::Decimal;
use serde_json::Value;

use crate::common::{at, d, money, run_json};

/// A 2026 self-employed plan that accepts after-tax money ("max") and converts it in-plan.
fn plan(participant: &str, rest: &str) -> String {
    format!(
        "year = 2026\n[participant]\n{participant}\n{rest}\n[after_tax]\nallowed = true\namount = \"max\"\n[conversion]\nin_plan_roth_conversion = true\n"
    )
}

#[track_caller]
fn m(o: &Value, pointer: &str) -> Decimal {
    money(at(o, pointer))
}

/// The `participant.self_employment` figures, in the contract's order.
struct Se {
    net_profit: &'static str,
    net_earnings: &'static str,
    se_tax: &'static str,
    half_se_tax: &'static str,
    employer_contribution_max: &'static str,
    employer_contribution: &'static str,
    compensation: &'static str,
    room_without: &'static str,
}

#[track_caller]
fn assert_se(o: &Value, se: &Se) {
    let p = "/participant/self_employment";
    for (name, want) in [
        ("net_profit", se.net_profit),
        ("net_earnings", se.net_earnings),
        ("se_tax", se.se_tax),
        ("half_se_tax", se.half_se_tax),
        ("employer_contribution_max", se.employer_contribution_max),
        ("employer_contribution", se.employer_contribution),
        ("compensation", se.compensation),
        (
            "after_tax_room_without_employer_contribution",
            se.room_without,
        ),
    ] {
        assert_eq!(m(o, &format!("{p}/{name}")), d(want), "{name}");
    }
}

/// The warning codes the report gives.
fn codes(o: &Value) -> Vec<String> {
    at(o, "/warnings")
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

/// The notes on the elections.
fn notes(o: &Value) -> Vec<String> {
    at(o, "/elections/notes")
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect()
}

/// RULES.md section 8's example, 2026: net profit 30,000 with 24,500 deferred allows an
/// employer contribution of 1,690.28, not 20%'s 5,576.11.
/// Net earnings 0.9235 × 30,000 = 27,705; SE tax 0.124 × 27,705 = 3,435.42 plus
/// 0.029 × 27,705 = 803.445 → 803.45, 4,238.87; half 2,119.435 → 2,119.44; earnings
/// 30,000 − 2,119.44 = 27,880.56. Employer max = min(20% × 27,880.56 = 5,576.11,
/// 25% × 360,000 = 90,000, 72,000 − 24,500 = 47,500, (27,880.56 − 24,500) / 2 = 1,690.28)
/// = 1,690.28. Compensation 27,880.56 − 1,690.28 = 26,190.28 = the 415(c) limit; room
/// 26,190.28 − 24,500 − 1,690.28 = 0; without the employer money min(72,000, 27,880.56) −
/// 24,500 = 3,380.56.
#[test]
fn the_rules_example_allows_1690_28() {
    let o = run_json(&plan(
        "age = 40\nself_employment_income = 30000",
        "[deferrals]\npretax = 24500\n[employer]\nnonelective = \"max\"",
    ));
    assert_se(
        &o,
        &Se {
            net_profit: "30000",
            net_earnings: "27705",
            se_tax: "4238.87",
            half_se_tax: "2119.44",
            employer_contribution_max: "1690.28",
            employer_contribution: "1690.28",
            compensation: "26190.28",
            room_without: "3380.56",
        },
    );
    assert_eq!(m(&o, "/contributions/employer_nonelective"), d("1690.28"));
    assert_eq!(m(&o, "/contributions/pretax"), d("24500"));
    assert_eq!(m(&o, "/annual_additions/limit"), d("26190.28"));
    assert_eq!(m(&o, "/participant/compensation"), d("26190.28"));
    assert_eq!(m(&o, "/after_tax_room"), d("0"));
    assert_eq!(at(&o, "/verdict/status"), "no-room");
    // 100% of compensation binds: both rooms are given.
    let n = notes(&o);
    assert!(
        n.iter()
            .any(|n| n.contains("$0.00 with it") && n.contains("$3,380.56 without it")),
        "{n:?}"
    );
}

/// 2026, net profit 100,000, no W-2 wages, "max" deferrals and employer money.
/// Net earnings 92,350; SE tax 0.124 × 92,350 = 11,451.40 + 0.029 × 92,350 = 2,678.15 =
/// 14,129.55 (= 100,000 × 0.9235 × 0.153); half 7,064.775 → 7,064.78; earnings 92,935.22.
/// Deferrals 24,500. Employer max = min(20% × 92,935.22 = 18,587.044 → 18,587.04, 90,000,
/// 47,500, (92,935.22 − 24,500) / 2 = 34,217.61) = 18,587.04. Compensation 92,935.22 −
/// 18,587.04 = 74,348.18, above 72,000: 415(c) is 72,000, room 72,000 − 24,500 −
/// 18,587.04 = 28,912.96; without the employer money 72,000 − 24,500 = 47,500. The dollar
/// limit binds, so no note on two rooms.
#[test]
fn net_profit_100000_without_w2_wages() {
    let o = run_json(&plan(
        "age = 40\nself_employment_income = 100000",
        "[deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"",
    ));
    assert_se(
        &o,
        &Se {
            net_profit: "100000",
            net_earnings: "92350",
            se_tax: "14129.55",
            half_se_tax: "7064.78",
            employer_contribution_max: "18587.04",
            employer_contribution: "18587.04",
            compensation: "74348.18",
            room_without: "47500",
        },
    );
    assert_eq!(m(&o, "/contributions/pretax"), d("24500"));
    assert_eq!(m(&o, "/annual_additions/limit"), d("72000"));
    assert_eq!(m(&o, "/after_tax_room"), d("28912.96"));
    assert_eq!(m(&o, "/contributions/after_tax"), d("28912.96"));
    assert_eq!(at(&o, "/verdict/status"), "available");
    assert!(!notes(&o).iter().any(|n| n.contains("two dollars")));
    // A one-participant plan: no HCE (ACP) warning, no Roth catch-up rule.
    assert_eq!(at(&o, "/participant/hce"), false);
    assert_eq!(at(&o, "/participant/roth_catch_up_required"), false);
    // Deposits, not paychecks: monthly by default, nothing payroll-only.
    assert_eq!(at(&o, "/participant/pay_frequency"), "monthly");
    assert_eq!(at(&o, "/participant/paychecks"), 12);
    let c = codes(&o);
    for payroll_only in [
        "hce-acp-test",
        "roth-catch-up",
        "paycheck-too-small",
        "extra-payday",
        "payday-moved",
        "pay-frequency-assumed",
    ] {
        assert!(!c.iter().any(|w| w == payroll_only), "{c:?}");
    }
}

/// The same with 200,000 of W-2 Social Security wages, above the 2026 wage base of 184,500:
/// the wage base is used up, so only the Medicare part, 0.029 × 92,350 = 2,678.15; half
/// 1,339.075 → 1,339.08; earnings 100,000 − 1,339.08 = 98,660.92. Employer max =
/// min(20% × 98,660.92 = 19,732.184 → 19,732.18, 90,000, 47,500, (98,660.92 − 24,500) / 2 =
/// 37,080.46) = 19,732.18; compensation 98,660.92 − 19,732.18 = 78,928.74; 415(c) 72,000;
/// room 72,000 − 24,500 − 19,732.18 = 27,767.82.
#[test]
fn w2_wages_above_the_wage_base_leave_only_medicare() {
    let o = run_json(&plan(
        "age = 40\nself_employment_income = 100000\nother_social_security_wages = 200000",
        "[deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"",
    ));
    assert_se(
        &o,
        &Se {
            net_profit: "100000",
            net_earnings: "92350",
            se_tax: "2678.15",
            half_se_tax: "1339.08",
            employer_contribution_max: "19732.18",
            employer_contribution: "19732.18",
            compensation: "78928.74",
            room_without: "47500",
        },
    );
    assert_eq!(m(&o, "/after_tax_room"), d("27767.82"));
}

/// 2026, net profit 300,000: net earnings 277,050; Social Security part on the wage base
/// only, 0.124 × 184,500 = 22,878.00; Medicare 0.029 × 277,050 = 8,034.45; SE tax
/// 30,912.45, half 15,456.225 → 15,456.23; earnings 284,543.77. Employer max =
/// min(20% = 56,908.754 → 56,908.75, 90,000, 72,000 − 24,500 = 47,500, (284,543.77 −
/// 24,500) / 2 = 130,021.885) = 47,500: the 415(c) dollar limit binds. Compensation
/// 284,543.77 − 47,500 = 237,043.77; 415(c) 72,000 = 24,500 + 47,500: no room.
#[test]
fn net_profit_300000_fills_415c_with_the_dollar_limit() {
    let o = run_json(&plan(
        "age = 40\nself_employment_income = 300000",
        "[deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"",
    ));
    assert_se(
        &o,
        &Se {
            net_profit: "300000",
            net_earnings: "277050",
            se_tax: "30912.45",
            half_se_tax: "15456.23",
            employer_contribution_max: "47500",
            employer_contribution: "47500",
            compensation: "237043.77",
            room_without: "47500",
        },
    );
    assert_eq!(m(&o, "/after_tax_room"), d("0"));
    assert_eq!(at(&o, "/verdict/status"), "no-room");
    // Last year's pay is not asked: a one-participant plan has no HCE test.
    assert_eq!(at(&o, "/participant/hce"), false);
}

/// Net profit 350: net earnings 0.9235 × 350 = 323.225 → 323.23, under $400: no SE tax
/// (IRC 1402(b)), earnings 350. No deferrals: employer max = min(20% × 350 = 70, 90,000,
/// 72,000, 350 / 2 = 175) = 70; compensation 350 − 70 = 280 = the 415(c) limit; room
/// 280 − 70 = 210; without the employer money 350. 100% of compensation binds: each of
/// the 70 employer dollars costs two of room (350 − 210 = 140).
#[test]
fn under_400_of_net_earnings_there_is_no_se_tax() {
    let o = run_json(&plan(
        "age = 40\nself_employment_income = 350",
        "[employer]\nnonelective = \"max\"",
    ));
    assert_se(
        &o,
        &Se {
            net_profit: "350",
            net_earnings: "323.23",
            se_tax: "0",
            half_se_tax: "0",
            employer_contribution_max: "70",
            employer_contribution: "70",
            compensation: "280",
            room_without: "350",
        },
    );
    assert_eq!(m(&o, "/after_tax_room"), d("210"));
}

/// Age 55, net profit 30,000, "max" deferrals with catch-up and "max" employer money:
/// regular deferrals 24,500 first; employer max 1,690.28 (as in the RULES example);
/// compensation 26,190.28; catch-up = min(8,000, 26,190.28 − 24,500) = 1,690.28
/// (compensation left after regular deferrals, Treas. Reg. 1.414(v)-1(c)). Deferrals in all
/// 26,190.28 = compensation; 415(c) 26,190.28 = 24,500 + 1,690.28: no room. The catch-up
/// is not "unused": compensation stops it.
#[test]
fn compensation_left_after_deferrals_limits_the_catch_up() {
    let o = run_json(&plan(
        "age = 55\nself_employment_income = 30000",
        "[deferrals]\npretax = \"max\"\ncatch_up = true\n[employer]\nnonelective = \"max\"",
    ));
    assert_eq!(
        m(&o, "/participant/self_employment/employer_contribution"),
        d("1690.28")
    );
    assert_eq!(m(&o, "/contributions/pretax"), d("24500"));
    assert_eq!(m(&o, "/contributions/catch_up"), d("1690.28"));
    assert_eq!(m(&o, "/elective_deferrals/this_plan"), d("26190.28"));
    assert_eq!(m(&o, "/after_tax_room"), d("0"));
    assert!(!codes(&o).iter().any(|c| c == "catch-up-not-used"));
    // Deposits to the cent reach every deferral: 26,190.28 / 12 = 2,182.52 (…333) a
    // month reaches 26,190.24, and the last deposit's one-time change the last 0.04.
    assert_eq!(
        m(&o, "/elections/last_paycheck/reaches/deferrals"),
        d("26190.28")
    );
}

/// Age 55, net profit 30,000, no employer money: earnings 27,880.56 = compensation (415(c)
/// limit); catch-up = min(8,000, 27,880.56 − 24,500) = 3,380.56. Catch-up is not an annual
/// addition, so the room is 27,880.56 − 24,500 = 3,380.56 (RULES.md section 8).
#[test]
fn catch_up_does_not_take_after_tax_room() {
    let o = run_json(&plan(
        "age = 55\nself_employment_income = 30000",
        "[deferrals]\npretax = \"max\"\ncatch_up = true",
    ));
    assert_eq!(
        m(&o, "/participant/self_employment/compensation"),
        d("27880.56")
    );
    assert_eq!(m(&o, "/contributions/catch_up"), d("3380.56"));
    assert_eq!(m(&o, "/after_tax_room"), d("3380.56"));
    assert_eq!(m(&o, "/contributions/after_tax"), d("3380.56"));
}

/// Where 100% of compensation binds, both rooms. Net profit 50,000, 10,000 deferred:
/// net earnings 46,175; SE tax 0.124 × 46,175 = 5,725.70 + 0.029 × 46,175 = 1,339.075 →
/// 1,339.08 = 7,064.78; half 3,532.39; earnings 46,467.61. Employer max = min(20% =
/// 9,293.522 → 9,293.52, 90,000, 62,000, (46,467.61 − 10,000) / 2 = 18,233.805) =
/// 9,293.52; compensation 46,467.61 − 9,293.52 = 37,174.09 = 415(c) limit; room
/// 37,174.09 − 10,000 − 9,293.52 = 17,880.57; without the employer money 46,467.61 −
/// 10,000 = 36,467.61. The difference, 18,587.04, is twice the 9,293.52.
#[test]
fn where_100_percent_of_compensation_binds_both_rooms_are_shown() {
    let o = run_json(&plan(
        "age = 40\nself_employment_income = 50000",
        "[deferrals]\npretax = 10000\n[employer]\nnonelective = \"max\"",
    ));
    assert_se(
        &o,
        &Se {
            net_profit: "50000",
            net_earnings: "46175",
            se_tax: "7064.78",
            half_se_tax: "3532.39",
            employer_contribution_max: "9293.52",
            employer_contribution: "9293.52",
            compensation: "37174.09",
            room_without: "36467.61",
        },
    );
    assert_eq!(m(&o, "/after_tax_room"), d("17880.57"));
    let n = notes(&o);
    assert!(
        n.iter().any(|n| n.contains("$9,293.52")
            && n.contains("$17,880.57 with it")
            && n.contains("$36,467.61 without it")),
        "{n:?}"
    );
}

/// A percent is the plan rate on compensation: 10% is 0.1 / 1.1 of earnings (Pub. 560 rate
/// table). Net profit 100,000: earnings 92,935.22 × 0.1 / 1.1 = 8,448.656… → 8,448.65
/// (rounded down, a limit); compensation 92,935.22 − 8,448.65 = 84,486.57 (10% of it is
/// 8,448.66, the rounding); room 72,000 − 24,500 − 8,448.65 = 39,051.35.
#[test]
fn a_percent_is_the_plan_rate_on_compensation() {
    let o = run_json(&plan(
        "age = 40\nself_employment_income = 100000",
        "[deferrals]\npretax = 24500\n[employer]\nnonelective = \"10%\"",
    ));
    assert_eq!(
        m(&o, "/participant/self_employment/employer_contribution"),
        d("8448.65")
    );
    assert_eq!(
        m(&o, "/participant/self_employment/compensation"),
        d("84486.57")
    );
    assert_eq!(m(&o, "/after_tax_room"), d("39051.35"));
}

/// Money above the maximum is cut to it, with a warning: 5,000 asked where 1,690.28 is the
/// most (the RULES example).
#[test]
fn employer_money_above_the_maximum_is_cut_with_a_warning() {
    let o = run_json(&plan(
        "age = 40\nself_employment_income = 30000",
        "[deferrals]\npretax = 24500\n[employer]\nnonelective = 5000",
    ));
    assert_eq!(m(&o, "/contributions/employer_nonelective"), d("1690.28"));
    assert!(codes(&o).iter().any(|c| c == "employer-contribution-cut"));
}

/// Another plan's deferrals share 402(g): 10,000 deferred elsewhere leaves 24,500 − 10,000
/// = 14,500 for "max". Net profit 100,000 (earnings 92,935.22): employer max = min(18,587.04,
/// 90,000, 72,000 − 14,500 = 57,500, (92,935.22 − 14,500) / 2 = 39,217.61) = 18,587.04;
/// room 72,000 − 14,500 − 18,587.04 = 38,912.96.
#[test]
fn other_plans_deferrals_share_402g() {
    let o = run_json(&plan(
        "age = 40\nself_employment_income = 100000",
        "[deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"\n[[other_plans]]\ndeferrals = 10000",
    ));
    assert_eq!(m(&o, "/contributions/pretax"), d("14500"));
    assert_eq!(m(&o, "/after_tax_room"), d("38912.96"));
}

/// A job's plan has no `participant.self_employment` member at all.
#[test]
fn a_job_has_no_self_employment_member() {
    let o = run_json(
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\npay_frequency = \"monthly\"\n",
    );
    assert!(o.pointer("/participant/self_employment").is_none());
}

/// The table has a Self-employment section and speaks of deposits, not paychecks.
#[test]
fn the_table_shows_the_self_employment_figures() {
    let out = crate::common::mbr(
        &["plan", "--plan", "-"],
        &plan(
            "age = 40\nself_employment_income = 30000",
            "[deferrals]\npretax = 24500\n[employer]\nnonelective = \"max\"",
        ),
    );
    let text = crate::common::stdout(&out);
    assert!(text.contains("Self-employment"), "{text}");
    assert!(text.contains("$1,690.28"), "{text}");
    assert!(text.contains("12 monthly deposits"), "{text}");
    assert!(text.contains("Per deposit"), "{text}");
    assert!(!text.contains("Per paycheck"), "{text}");
}
