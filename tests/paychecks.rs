//! Limits applied paycheck by paycheck: 402(g) and catch-up, the Roth catch-up rule,
//! 401(a)(17), the match cap, the match on after-tax money, 415(c) at 100% of pay, mid-year
//! plans. Expected figures are written out as arithmetic beside them.

use mbr::engine::outcome::{LineKind, Status, Warning, WarningCode};

use crate::common::{d, plan, report};

const CONVERTIBLE: &str =
    "[after_tax]\nallowed = true\n[conversion]\nin_plan_roth_conversion = true\n";

/// RULES.md §2: catch-up is only deferral above 402(g), outside 415(c). Age 55 in 2026 with
/// "max": 24,500 + 8,000 = 32,500 deferred, 8,000 of it catch-up; room 72,000 − 24,500 = 47,500.
#[test]
fn catch_up_is_outside_415c() {
    let r = report(&plan(
        2026,
        "age = 55\ncompensation = 200000\npay_frequency = \"monthly\"\nprior_year_fica_wages = 100000",
        &format!("[deferrals]\npretax = \"max\"\ncatch_up = true\n{CONVERTIBLE}"),
    ));
    assert_eq!(r.limits.catch_up_eligible, d("8000"));
    assert_eq!(r.contributions.pretax, d("24500"));
    assert_eq!(r.contributions.catch_up, d("8000"));
    assert_eq!(r.contributions.catch_up_roth, d("0"));
    assert_eq!(r.after_tax_room, d("47500"));
}

/// LIMITS.md: ages 60–63 get $11,250 in 2025 and 2026 instead of the age-50 amount; at 64 the
/// age-50 amount applies again. A plan without the feature gives the age-50 amount.
#[test]
fn super_catch_up_ages() {
    for (year, age, offered, expected) in [
        (2025, 60, true, "11250"),
        (2026, 63, true, "11250"),
        (2026, 64, true, "8000"),
        (2026, 61, false, "8000"),
        (2024, 61, true, "7500"),
        (2025, 59, true, "7500"),
    ] {
        let r = report(&plan(
            year,
            &format!(
                "age = {age}\ncompensation = 200000\npay_frequency = \"monthly\"\nprior_year_fica_wages = 100000"
            ),
            &format!(
                "[deferrals]\npretax = \"max\"\ncatch_up = true\ncatch_up_60_63 = {offered}\n"
            ),
        ));
        assert_eq!(r.contributions.catch_up, d(expected), "{year} age {age}");
    }
}

/// RULES.md §2: a person over 50 who defers less than 402(g) has no catch-up and no extra room.
#[test]
fn catch_up_needs_deferrals_above_402g() {
    let r = report(&plan(
        2026,
        "age = 52\ncompensation = 120000\npay_frequency = \"monthly\"",
        &format!("[deferrals]\npretax = 12000\ncatch_up = true\n{CONVERTIBLE}"),
    ));
    assert_eq!(r.contributions.catch_up, d("0"));
    // 72,000 − 12,000 = 60,000.
    assert_eq!(r.after_tax_room, d("60000"));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code() == WarningCode::CatchUpNotUsed)
    );
}

/// SECURE 2.0 §603: from 2026, catch-up is Roth when prior-year FICA wages exceed $150,000.
#[test]
fn roth_catch_up_rule_2026() {
    let run = |wages: &str| {
        report(&plan(
            2026,
            &format!(
                "age = 55\ncompensation = 200000\npay_frequency = \"monthly\"\nprior_year_fica_wages = {wages}"
            ),
            "[deferrals]\npretax = \"max\"\ncatch_up = true\n",
        ))
    };
    let high = run("150000.01");
    assert_eq!(high.contributions.catch_up_roth, d("8000"));
    assert_eq!(high.contributions.pretax, d("24500"));
    assert!(
        high.warnings
            .iter()
            .any(|w| w.code() == WarningCode::RothCatchUp)
    );
    let at = run("150000");
    assert_eq!(at.contributions.catch_up_roth, d("0"));
    assert!(
        !at.warnings
            .iter()
            .any(|w| w.code() == WarningCode::RothCatchUp)
    );
}

/// The Roth catch-up rule is not enforced in the 2025 transition year (Notice 2023-62).
#[test]
fn roth_catch_up_not_enforced_2025() {
    let r = report(&plan(
        2025,
        "age = 55\ncompensation = 300000\npay_frequency = \"monthly\"\nprior_year_fica_wages = 300000",
        "[deferrals]\npretax = \"max\"\ncatch_up = true\n",
    ));
    assert_eq!(r.contributions.catch_up, d("7500"));
    assert_eq!(r.contributions.catch_up_roth, d("0"));
}

/// RULES.md §3: pay above 401(a)(17) ($360,000 in 2026) earns no percent match, paid per
/// paycheck: $480,000 monthly is $40,000 a month, counted in full for 9 months (360,000),
/// then not at all. With `compensation_limit = "stop"`, a 5% deferral with a 100%-on-5%
/// match: 9 × 2,000 = 18,000 of match and deferral; a true-up gives the same, since the
/// annual formula also counts only 360,000.
#[test]
fn compensation_cap_stops_percent_contributions() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 480000\npay_frequency = \"monthly\"",
        "[deferrals]\npretax = \"5%\"\n[match]\ntiers = [{ rate = \"100%\", on = \"5%\" }]\ntrue_up = false\n\
         [payroll]\ncompensation_limit = \"stop\"",
    ));
    assert_eq!(r.participant.counted_compensation, d("360000"));
    assert_eq!(r.contributions.pretax, d("18000"));
    assert_eq!(r.contributions.employer_match, d("18000"));
    let late: Vec<_> = r.schedule.iter().skip(9).collect();
    assert!(
        late.iter()
            .all(|l| l.employer_match.is_zero() && l.pretax.is_zero())
    );
}

/// The same plan with `compensation_limit` left out (figured as "continue", the IRS
/// default): the deferral goes on from all pay, 12 × 5% × 40,000 = 12 × 2,000 = 24,000
/// (under 402(g)'s 24,500), while the match still stops after month 9: 9 × 2,000 = 18,000.
#[test]
fn compensation_cap_stops_only_the_match_by_default() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 480000\npay_frequency = \"monthly\"",
        "[deferrals]\npretax = \"5%\"\n[match]\ntiers = [{ rate = \"100%\", on = \"5%\" }]\ntrue_up = false",
    ));
    assert_eq!(r.contributions.pretax, d("24000"));
    assert_eq!(r.contributions.employer_match, d("18000"));
    assert!(
        r.schedule
            .iter()
            .skip(9)
            .all(|l| l.employer_match.is_zero())
    );
}

/// A dollar cap on the match stops it for the year: 100% on 6% of $300,000 would be $18,000;
/// capped at $10,000.
#[test]
fn match_dollar_cap() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 300000\npay_frequency = \"monthly\"",
        &format!(
            "[deferrals]\npretax = \"max\"\n[match]\ntiers = [{{ rate = \"100%\", on = \"6%\" }}]\ncap = 10000\ntrue_up = true\n{CONVERTIBLE}"
        ),
    ));
    assert_eq!(r.contributions.employer_match, d("10000"));
    // 72,000 − 24,500 − 10,000 = 37,500.
    assert_eq!(r.after_tax_room, d("37500"));
}

/// RULES.md §4: a match on after-tax money shrinks the room; solve the fixed point.
/// 2026, $120,000 monthly ($10,000 a paycheck), pre-tax $0, match 50% on 6% of pay on
/// deferrals and after-tax money, trued up. The match is 50% × 6% × 120,000 = 3,600 once
/// contributions pass 7,200, so A + 3,600 = 72,000 → A = 68,400 — but 415(c) is the lesser of
/// $72,000 and pay: 72,000 < 120,000, so A = 68,400.
#[test]
fn match_on_after_tax_fixed_point() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 120000\npay_frequency = \"monthly\"",
        &format!(
            "[match]\ntiers = [{{ rate = \"50%\", on = \"6%\" }}]\nmatches = \"deferrals-and-after-tax\"\ntrue_up = true\n{CONVERTIBLE}"
        ),
    ));
    assert_eq!(r.contributions.employer_match, d("3600"));
    assert_eq!(r.after_tax_room, d("68400"));
    assert_eq!(r.annual_additions.used, d("72000"));
}

/// The fixed point inside a tier: 2026, $48,000 monthly ($4,000 a paycheck), match 100% on
/// 50% of pay of after-tax money (an unusual plan, chosen so that the match does not
/// saturate), no deferrals. 415(c) = min(72,000, 48,000) = 48,000. While each paycheck's
/// after-tax money is at most 50% × 4,000 = 2,000 the match equals it: A + A = 48,000 →
/// A = 24,000, i.e. exactly 2,000 a paycheck, matched with 24,000.
#[test]
fn match_on_after_tax_inside_a_tier() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 48000\npay_frequency = \"monthly\"",
        &format!(
            "[match]\ntiers = [{{ rate = \"100%\", on = \"50%\" }}]\nmatches = \"deferrals-and-after-tax\"\ntrue_up = false\n{CONVERTIBLE}"
        ),
    ));
    assert_eq!(r.annual_additions.limit, d("48000"));
    assert_eq!(r.after_tax_room, d("24000"));
    assert_eq!(r.contributions.employer_match, d("24000"));
}

/// RULES.md §1: 415(c) is the lesser of the dollar limit and 100% of compensation.
/// $30,000 pay, $20,000 deferred, no employer money: room 30,000 − 20,000 = 10,000.
#[test]
fn low_pay_caps_415c_at_compensation() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 30000\npay_frequency = \"monthly\"",
        &format!("[deferrals]\npretax = 20000\n{CONVERTIBLE}"),
    ));
    assert_eq!(r.annual_additions.limit, d("30000"));
    assert_eq!(r.after_tax_room, d("10000"));
}

/// The plan's own after-tax cap: 10% of $150,000 = $15,000, below 415(c) room.
#[test]
fn plan_after_tax_cap() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 150000\npay_frequency = \"biweekly\"",
        "[deferrals]\npretax = \"max\"\n[after_tax]\nallowed = true\nlimit = \"10%\"\n[conversion]\nin_plan_roth_conversion = true",
    ));
    assert_eq!(r.after_tax_room, d("15000"));
}

/// Nonelective money fills 415(c) too. 5% of pay, rounded cumulatively (through month k,
/// 5% × 200,000 × k / 12 rounded: 833.33, 1,666.67, …), is 5% × 200,000 = 10,000.00 over
/// the 12 months; room 72,000 − 24,500 − 10,000 = 37,500.00.
#[test]
fn nonelective_reduces_room() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 200000\npay_frequency = \"monthly\"",
        &format!("[deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"5%\"\n{CONVERTIBLE}"),
    ));
    assert_eq!(r.contributions.employer_nonelective, d("10000.00"));
    assert_eq!(r.after_tax_room, d("37500.00"));
}

/// A mid-year plan: paychecks on or before `as_of` carry the pay-stub figures, the rest reach
/// the limits. 2026 monthly $120,000; by June 30 (6 paychecks) $12,000 pre-tax and $6,000
/// after-tax. "max" spreads 24,500 − 12,000 = 12,500 over 6 paychecks; room 72,000 − 24,500 = 47,500,
/// of which 6,000 is in: 41,500 over the 6 remaining paychecks.
#[test]
fn mid_year_plan() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 120000\npay_frequency = \"monthly\"",
        &format!(
            "[deferrals]\npretax = \"max\"\n{CONVERTIBLE}[year_to_date]\nas_of = 2026-06-30\npretax = 12000\nafter_tax = 6000\n"
        ),
    ));
    let history: Vec<_> = r.schedule.iter().filter(|l| l.history).collect();
    assert_eq!(history.len(), 6);
    assert_eq!(
        history
            .iter()
            .map(|l| l.pretax)
            .sum::<rust_decimal::Decimal>(),
        d("12000")
    );
    assert_eq!(r.contributions.pretax, d("24500"));
    assert_eq!(r.after_tax_room, d("47500"));
    let planned: rust_decimal::Decimal = r
        .schedule
        .iter()
        .filter(|l| !l.history)
        .map(|l| l.after_tax)
        .sum();
    assert_eq!(planned, d("41500"));
}

/// A bonus at the same deferral percent reaches 402(g) sooner: 2026 monthly $120,000 plus a
/// $60,000 bonus in March (compensation $180,000, so regular pay is $10,000); 20% deferral:
/// Jan–Feb 2 × 2,000, then March pay 2,000 and bonus 12,000 → 18,000; April 2,000, May 2,000,
/// June 2,000 → 24,000; July 500 reaches 24,500.
#[test]
fn bonus_reaches_402g_early() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 180000\npay_frequency = \"monthly\"",
        "[deferrals]\npretax = \"20%\"\n[[payroll.bonus]]\ndate = 2026-03-15\namount = 60000\n",
    ));
    let bonus = r
        .schedule
        .iter()
        .find(|l| l.kind == LineKind::Bonus)
        .map(|l| l.pretax);
    assert_eq!(bonus, Some(d("12000")));
    let july = r
        .schedule
        .iter()
        .find(|l| l.date.to_string() == "2026-07-31")
        .map(|l| l.pretax);
    assert_eq!(july, Some(d("500")));
    assert_eq!(r.contributions.pretax, d("24500"));
}

/// Why "less deferral never means less room" needs a true-up: paid per paycheck, a match is
/// lost in paychecks after 402(g) is reached, so a lower deferral percent that reaches 402(g)
/// later earns more match, and that match fills 415(c). 2026, $270,000 biweekly (27 paydays,
/// the last the January 1, 2027 payday paid December 31: 270,000 / 27 = $10,000 a
/// paycheck), match 100% on 5% ($500 a paycheck), no true-up:
/// - 50%: $5,000 a paycheck reaches 24,500 in the 5th (4 × 5,000 + 4,500): 5 × 500 = 2,500 of
///   match; room 72,000 − 24,500 − 2,500 = 45,000.
/// - 10%: $1,000 a paycheck, 24 × 1,000 = 24,000 then 500 in the 25th, nothing in the 26th
///   and 27th (which earn no match): 25 × 500 = 12,500; room 72,000 − 24,500 − 12,500 =
///   35,000.
#[test]
fn spreading_deferrals_earns_match_and_costs_room() {
    let run = |pct: &str| {
        report(&plan(
            2026,
            "age = 40\ncompensation = 270000\npay_frequency = \"biweekly\"",
            &format!(
                "[deferrals]\npretax = \"{pct}\"\n[match]\ntiers = [{{ rate = \"100%\", on = \"5%\" }}]\ntrue_up = false\n{CONVERTIBLE}"
            ),
        ))
    };
    let front = run("50%");
    assert_eq!(front.contributions.employer_match, d("2500"));
    assert_eq!(front.after_tax_room, d("45000"));
    let spread = run("10%");
    assert_eq!(spread.contributions.employer_match, d("12500"));
    assert_eq!(spread.after_tax_room, d("35000"));
}

/// A match on after-tax money, 50% on everything: $100,000 monthly, $6,000 pre-tax.
/// A = 72,000 − 6,000 − 0.5 × (6,000 + A) → 1.5 A = 63,000 → A = 42,000, match 24,000;
/// the same paid per paycheck, since every paycheck is matched alike.
#[test]
fn match_on_everything_fixed_point() {
    for true_up in [false, true] {
        let r = report(&plan(
            2026,
            "age = 40\ncompensation = 100000\npay_frequency = \"monthly\"",
            &format!(
                "[deferrals]\npretax = 6000\n[match]\ntiers = [{{ rate = \"50%\", on = \"100%\" }}]\n\
                 matches = \"deferrals-and-after-tax\"\ntrue_up = {true_up}\n{CONVERTIBLE}"
            ),
        ));
        assert_eq!(
            (r.after_tax_room, r.contributions.employer_match),
            (d("42000"), d("24000")),
            "true_up {true_up}"
        );
    }
}

/// Two tiers on after-tax money: 100% on the first 5% of pay, 50% on the next 95%.
/// $100,000 monthly, no deferrals. Trued up: M = 5,000 + 0.5 (A − 5,000); A + M = 72,000 →
/// 1.5 A = 69,500 → A = 46,333.33, M = 25,666.67. Per paycheck (no true-up) the match on
/// each paycheck of 100,000 / 12 exactly is the formula on it: 5% × 8,333.33… = 416.66… +
/// 0.5 (a − 416.66…), 208.33… + 0.5 a, so the 12 paychecks come to 2,500 + 0.5 A, rounded
/// once (contract "Rounding"): the same line, the same A = 46,333.33 and match 2,500 +
/// 23,166.665 = 25,666.665 → 25,666.67; used exactly 72,000.
#[test]
fn match_on_after_tax_in_two_tiers() {
    let run = |true_up: bool| {
        report(&plan(
            2026,
            "age = 40\ncompensation = 100000\npay_frequency = \"monthly\"",
            &format!(
                "[match]\ntiers = [{{ rate = \"100%\", on = \"5%\" }}, {{ rate = \"50%\", on = \"95%\" }}]\n\
                 matches = \"deferrals-and-after-tax\"\ntrue_up = {true_up}\n{CONVERTIBLE}"
            ),
        ))
    };
    let trued = run(true);
    assert_eq!(
        (trued.after_tax_room, trued.contributions.employer_match),
        (d("46333.33"), d("25666.67"))
    );
    let paid = run(false);
    assert_eq!(
        (paid.after_tax_room, paid.contributions.employer_match),
        (d("46333.33"), d("25666.67"))
    );
    assert_eq!(paid.annual_additions.used, d("72000"));
}

/// A percent election with the age 60–63 catch-up, month by month: 20% of $200,000 through
/// month k is 40,000 × k / 12 rounded: 3,333.33, 6,666.67, 10,000.00, … 23,333.33 through
/// July; through August 26,666.67, so August holds 3,333.34: 24,500 − 23,333.33 = 1,166.67
/// to 402(g) and 2,166.67 catch-up; September (30,000.00) and October (33,333.33) 3,333.33
/// catch-up each; November (36,666.67, 3,333.34) is cut to 11,250 − 2,166.67 − 6,666.66 =
/// 2,416.67; December nothing.
#[test]
fn percent_election_runs_into_the_age_60_catch_up() {
    let r = report(&plan(
        2026,
        "age = 60\ncompensation = 200000\npay_frequency = \"monthly\"\nprior_year_fica_wages = 140000",
        "[deferrals]\npretax = \"20%\"\ncatch_up = true\n",
    ));
    let catch_up: Vec<_> = r.schedule.iter().map(|l| l.catch_up).collect();
    let expected: Vec<_> = [
        "0", "0", "0", "0", "0", "0", "0", "2166.67", "3333.33", "3333.33", "2416.67", "0",
    ]
    .iter()
    .map(|s| d(s))
    .collect();
    assert_eq!(catch_up, expected);
    assert_eq!(
        (r.contributions.pretax, r.contributions.catch_up),
        (d("24500"), d("11250"))
    );
}

/// Paid every other Friday from January 2, 2026: January 2 + 14 × 26 days = January 1,
/// 2027, New Year's Day, paid Thursday December 31, 2026: a 27th paycheck. Each is then
/// $135,000 / 27 = $5,000, and mbr warns.
#[test]
fn a_27_payday_year_warns() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 135000\npay_frequency = \"biweekly\"",
        "",
    ));
    assert_eq!(r.participant.paychecks, 27);
    assert!(r.schedule.iter().all(|l| l.pay == d("5000")));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code() == WarningCode::ExtraPayday)
    );
}

/// Mid-year, the table spreads what is left of the room over the paychecks still to come.
/// mid-year.toml: 27 biweekly paychecks in 2026 (the January 1, 2027 payday is paid
/// December 31) of $210,000 / 27 = 7,777.77… (7,777.78 or 7,777.77, rounded cumulatively);
/// 14 are paid by July 10, 13 are to come. The match is 4% of each (its deferral is more),
/// rounded cumulatively over the 13: 4% × 210,000 × 13 / 27 = 4,044.444… → $4,044.44 to
/// come, + the stub's $4,200 = $8,244.44. The room is 72,000 − 24,500 − 8,244.44 =
/// $39,255.56, with $5,000 already in: 34,255.56 over 13 = 2,635.043… ≈ $2,635.04.
#[test]
fn mid_year_room_per_paycheck_is_what_is_left_over_what_is_to_come() {
    let out = crate::common::mbr(&["plan", "--plan", "examples/mid-year.toml"], "");
    let text = crate::common::stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains(
            "After-tax room: $39,255.56 this year ($5,000.00 already in, $34,255.56 left: \
             about $2,635.04 a paycheck for the 13 paychecks to come)"
        ),
        "{text}"
    );
    // The elections cover the 13 paychecks to come, and so does their column: $4,044.44 of
    // match (the pay stub's $4,200 left out, as its deferrals and after-tax money are).
    // Not all of it whichever way payroll runs the year: the plan file leaves open what the
    // 27th paycheck pays, and if each paycheck is 210,000 / 26 = 8,076.92, the 13% elected
    // (1,050.00 a paycheck) reaches the 12,500 of 402(g) left in the 12th paycheck
    // (12 × 1,050 = 12,600), so the 13th defers nothing and earns none of its 4% × 8,076.92
    // = $323.08 of match.
    assert!(text.contains("Per paycheck ┆ Still to come"), "{text}");
    assert!(
        text.contains("│ match earned (not all) ┆ ┆ $4,044.44 │"),
        "{text}"
    );
}

/// When the match a plan loses is all in the pay stub's figure, the warning says so and
/// does not send the participant to the elections for it. mid-year.toml: 14 paid paychecks
/// of $7,777.78 or $7,777.77 (210,000 ÷ 27, rounded cumulatively) deferred 12,000 ÷ 14 =
/// $857.14 each, above 4% of pay, so the formula gives 4% of each paycheck's exact pay,
/// rounded once over the 14 (contract "Rounding"): 4% × 210,000 × 14 / 27 = 4,355.555… →
/// $4,355.56, against the stub's $4,200.00, $155.56 short. The year comes to 4,200 + 4% ×
/// 210,000 × 13 / 27 (4,044.444… → 4,044.44) = $8,244.44 against 4% × 210,000 = $8,400.00:
/// $155.56 lost.
#[test]
fn match_lost_in_the_pay_stub_is_blamed_on_the_pay_stub() {
    let text = std::fs::read_to_string("examples/mid-year.toml").unwrap();
    let report = crate::common::report(&text);
    let warning = report
        .warnings
        .iter()
        .find(|w| w.code() == WarningCode::MatchLost)
        .unwrap();
    assert_eq!(
        mbr::report::words::warning(warning),
        "Paid per paycheck without a true-up, the match comes to $8,244.44 instead of the \
         $8,400.00 the annual formula gives, and the $155.56 went in the paychecks already \
         paid: the pay stub's match so far, $4,200.00, is $155.56 below the formula on its \
         deferrals spread evenly over those paychecks (the two gaps can differ by a cent of \
         rounding). If you deferred evenly, ask payroll about it; if you deferred more in \
         some paychecks than others, that is where the match went. The elections keep every \
         dollar of match still to come."
    );
}

/// A percent election that payroll stops at 402(g) may be rounded up a step, as "max" may:
/// after-tax-match-capped.toml asks 10% + 5% of $7,500 paychecks (24 semimonthly), which
/// passes $24,500. Rounded down, 8% + 5% = $975 a paycheck × 24 = $23,400, $1,100 short;
/// a step up, 9% + 5% = $1,050 a paycheck, reaches $24,500 in the 24th paycheck
/// (23 × 1,050 = 24,150), and payroll stops it there. The match is capped at $9,000 either
/// way, so none is lost.
#[test]
fn percent_elections_payroll_stops_at_the_limit_round_up() {
    let text = std::fs::read_to_string("examples/after-tax-match-capped.toml").unwrap();
    let e = crate::common::report(&text).elections;
    assert_eq!(e.pretax, crate::common::d("0.09"));
    assert_eq!(e.roth, crate::common::d("0.05"));
    assert_eq!(e.per_paycheck.pretax, crate::common::d("675"));
    assert_eq!(e.reaches.deferrals, crate::common::d("24500"));
    assert_eq!(e.reaches.employer_match, crate::common::d("9000"));
    assert!(e.left_on_table.deferrals.is_zero());
    assert!(e.keeps_full_match);
}

/// Where the catch-up must be Roth (IRC 414(v)(7)), front-loading must not send pre-tax
/// money past 402(g). catch-up-profit-sharing.toml: $25,000 a month, $32,500 of deferrals
/// ($24,500 pre-tax + the $8,000 catch-up, Roth) by May 31, a Sunday, so paid Friday May 29
/// = 5 × 25,000 = $125,000 of pay:
/// 32,500 ÷ 125,000 = 26%. Pre-tax's share, 26% × 24,500 ÷ 32,500 = 19.6%, rounds down to
/// 19% ($23,750, under $24,500), and Roth takes 7% ($8,750: the catch-up and $750 more).
#[test]
fn front_loading_keeps_the_roth_catch_up_roth() {
    let text = std::fs::read_to_string("examples/catch-up-profit-sharing.toml").unwrap();
    let report = crate::common::report(&text);
    let f = report.elections.front_load.unwrap();
    assert_eq!(f.until.to_string(), "2026-05-29");
    assert_eq!(f.pretax, d("0.19"));
    assert_eq!(f.roth, d("0.07"));
    assert_eq!(f.reaches.deferrals, d("32500"));
}

/// Contract §2 "Payroll limits": a pay stub already past 415(c) is a fact, not an error.
/// 2026 biweekly $150,000: 415(c) = min(72,000, 150,000) = 72,000. By June 30, 80,000 of
/// after-tax money: 80,000 − 72,000 = 8,000 of excess annual additions, all of it after-tax
/// money, returned first under EPCRS. Nothing more goes in: no after-tax room.
#[test]
fn pay_stub_past_415c_is_a_warning_not_an_error() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 150000\npay_frequency = \"biweekly\"",
        &format!("{CONVERTIBLE}[year_to_date]\nas_of = 2026-06-30\nafter_tax = 80000\n"),
    ));
    assert_eq!(r.after_tax_room, d("0"));
    assert_eq!(r.contributions.after_tax, d("80000"));
    let excess = r.warnings.iter().find_map(|w| match *w {
        Warning::ExcessAnnualAdditions {
            additions,
            limit,
            excess,
            after_tax_returned,
            ..
        } => Some((additions, limit, excess, after_tax_returned)),
        _ => None,
    });
    assert_eq!(excess, Some((d("80000"), d("72000"), d("8000"), d("8000"))));
    assert_eq!(r.verdict.status, Status::NoRoom);
}

/// A pay stub that fills 415(c) before 402(g) stops deferrals that would be annual
/// additions: 2026 biweekly $150,000, 10% pre-tax; by June 30 pre-tax 10,000 and after-tax
/// 65,000: 10,000 + 65,000 = 75,000, 3,000 past 72,000. The year's pre-tax stays the stub's
/// 10,000 (no 10% × 5,769.23 in the paychecks to come), and the 3,000 comes out of the
/// 65,000 of after-tax money first.
#[test]
fn pay_stub_past_415c_stops_deferrals_within_402g() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 150000\npay_frequency = \"biweekly\"",
        &format!(
            "[deferrals]\npretax = \"10%\"\n{CONVERTIBLE}[year_to_date]\nas_of = 2026-06-30\n\
             pretax = 10000\nafter_tax = 65000\n"
        ),
    ));
    assert_eq!(r.contributions.pretax, d("10000"));
    assert_eq!(r.annual_additions.used, d("75000"));
    assert!(r.warnings.iter().any(|w| matches!(
        *w,
        Warning::ExcessAnnualAdditions { excess, after_tax_returned, .. }
            if excess == d("3000") && after_tax_returned == d("3000")
    )));
}

/// Contract §2 "Payroll limits" and §4 `elective_deferrals`: age 55 with catch-up, 2026:
/// limit 24,500 + 8,000 = 32,500. A pay stub with 33,000 deferred by June 30 is 33,000 −
/// 32,500 = 500 of excess deferrals: 8,000 of it is catch-up (32,500 − 24,500) and the
/// other 25,000 = 24,500 + 500 stays pre-tax, as the stub shows it. Nothing more is
/// deferred, and the excess is not an annual addition once paid back, so there is no
/// `excess-annual-additions` warning (24,500 + 500 = 25,000 is far below 72,000 anyway).
#[test]
fn pay_stub_past_402g_with_catch_up_is_an_excess_deferral() {
    let r = report(&plan(
        2026,
        "age = 55\ncompensation = 200000\npay_frequency = \"monthly\"\nprior_year_fica_wages = 100000",
        &format!(
            "[deferrals]\npretax = \"max\"\ncatch_up = true\n{CONVERTIBLE}[year_to_date]\n\
             as_of = 2026-06-30\npretax = 33000\n"
        ),
    ));
    let e = &r.elective_deferrals;
    assert_eq!(
        (e.limit, e.other_plans, e.this_plan, e.excess),
        (d("32500"), d("0"), d("33000"), d("500"))
    );
    assert_eq!(r.contributions.catch_up, d("8000"));
    assert_eq!(r.contributions.pretax, d("25000"));
    let codes: Vec<WarningCode> = r.warnings.iter().map(Warning::code).collect();
    assert!(codes.contains(&WarningCode::ExcessDeferral), "{codes:?}");
    assert!(
        !codes.contains(&WarningCode::ExcessAnnualAdditions),
        "{codes:?}"
    );
    let planned: rust_decimal::Decimal = r
        .schedule
        .iter()
        .filter(|l| !l.history)
        .map(|l| l.pretax + l.roth + l.catch_up)
        .sum();
    assert_eq!(planned, d("0"));
}
