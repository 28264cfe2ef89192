//! The published worked examples in RULES.md, each citing its source. Where mbr rounds
//! per paycheck, the arithmetic is written out beside the expected figure.

use mbr::engine::outcome::{Destination, DistributionCode, Warning, WarningCode};

use crate::common::{d, plan, report};

/// RULES.md worked example (2025): 415(c) $70,000 − deferrals $23,500 − match $5,000 =
/// $41,500 of after-tax room.
#[test]
fn room_2025_is_41_500() {
    // Compensation 100,000 with a 100%-on-5% match, trued up: annual match 5% × 100,000 = 5,000.
    let r = report(&plan(
        2025,
        "age = 40\ncompensation = 100000\npay_frequency = \"biweekly\"",
        "[deferrals]\npretax = \"max\"\n[match]\ntiers = [{ rate = \"100%\", on = \"5%\" }]\ntrue_up = true\n\
         [after_tax]\nallowed = true\n[conversion]\nin_plan_roth_conversion = true",
    ));
    assert_eq!(r.limits.annual_additions, d("70000"));
    assert_eq!(r.contributions.pretax, d("23500"));
    assert_eq!(r.contributions.employer_match, d("5000"));
    assert_eq!(r.after_tax_room, d("41500"));
    assert_eq!(r.contributions.after_tax, d("41500"));
    assert_eq!(r.annual_additions.used, d("70000"));
}

/// RULES.md worked example (2026): pay $100,000, 10% deferral, match 50% up to 6%:
/// deferral $10,000, match $3,000, after-tax room $59,000 — at age 45 and at 60, since no
/// catch-up is deferred. Paid as dated (`holidays = "none"`), 2026 has the example's 26
/// biweekly paychecks (by default the January 1, 2027 payday is paid December 31, a 27th).
#[test]
fn room_2026_at_45_and_60_is_59_000() {
    for (age, catch_up) in [(45, false), (60, true)] {
        let r = report(&plan(
            2026,
            &format!("age = {age}\ncompensation = 100000\npay_frequency = \"biweekly\""),
            &format!(
                "[deferrals]\npretax = \"10%\"\ncatch_up = {catch_up}\n[match]\ntiers = [{{ rate = \"50%\", on = \"6%\" }}]\n\
                 true_up = false\n[after_tax]\nallowed = true\n[conversion]\nin_plan_roth_conversion = true\n\
                 [payroll]\nholidays = \"none\""
            ),
        ));
        // Rounded cumulatively (contract section 2, "Rounding"): through paycheck k the
        // deferral is 10% × 100,000 × k / 26 rounded, so through the 26th it is 10% ×
        // 100,000 = 10,000.00; the match through k is 50% × 6% × 100,000 × k / 26 rounded,
        // 3,000.00 through the 26th. Room 72,000 − 10,000 − 3,000 = 59,000.00, the published
        // figure.
        assert_eq!(r.contributions.pretax, d("10000.00"), "age {age}");
        assert_eq!(r.contributions.employer_match, d("3000.00"), "age {age}");
        assert_eq!(r.contributions.catch_up, d("0"), "age {age}");
        assert_eq!(r.after_tax_room, d("59000"), "age {age}");
    }
}

/// RULES.md worked example: 2026 bi-weekly $200,000 (26 paychecks, paid as dated), match
/// 50% up to 6%. Pay is rounded cumulatively: through k it is 200,000 × k / 26 rounded, so
/// paychecks are 7,692.31 (k=1: 7,692.307… → 7,692.31; k=2: 15,384.615… → 15,384.62, less
/// 7,692.31) or 7,692.30 (k=3: 23,076.923… → 23,076.92, less 15,384.62), $200,000.00 in
/// all. The match is rounded the same way: through k it is 3% × 200,000 × k / 26 = 6,000 ×
/// k / 26 rounded, so the 26 paychecks hold $6,000.00, the annual formula (not 26 ×
/// $230.77 = $6,000.02, as rounding each paycheck's match on its own would give).
#[test]
fn match_rounded_cumulatively_is_the_annual_6000() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 200000\npay_frequency = \"biweekly\"",
        "[deferrals]\npretax = \"6%\"\n[match]\ntiers = [{ rate = \"50%\", on = \"6%\" }]\ntrue_up = false\n\
         [payroll]\nholidays = \"none\"",
    ));
    let paychecks: Vec<_> = r
        .schedule
        .iter()
        .filter(|l| l.kind == mbr::engine::outcome::LineKind::Paycheck)
        .collect();
    assert_eq!(paychecks.len(), 26);
    assert_eq!(
        paychecks.iter().take(3).map(|l| l.pay).collect::<Vec<_>>(),
        vec![d("7692.31"), d("7692.31"), d("7692.30")]
    );
    assert_eq!(
        paychecks
            .iter()
            .map(|l| l.pay)
            .sum::<rust_decimal::Decimal>(),
        d("200000")
    );
    // Match through k: k=1 230.769… → 230.77; k=6 1,384.615… → 1,384.62 (230.77 each so
    // far); k=7 1,615.384… → 1,615.38, so the 7th holds 1,615.38 − 1,384.62 = 230.76.
    assert_eq!(
        paychecks
            .iter()
            .take(7)
            .map(|l| l.employer_match)
            .collect::<Vec<_>>(),
        [["230.77"; 6].as_slice(), &["230.76"]]
            .concat()
            .into_iter()
            .map(d)
            .collect::<Vec<_>>()
    );
    assert_eq!(r.contributions.employer_match, d("6000.00"));
}

/// RULES.md worked example (2019, 402(g) $19,000): pay $240,000 in 24 paychecks of $10,000,
/// match 100% up to 6% ($600 a paycheck), no true-up; deferring 25% ($2,500) hits the limit
/// on the 8th paycheck, so the match is $4,800 instead of $14,400; deferring 8% keeps all 24.
/// The same logic in 2026 (402(g) $24,500, 24 semimonthly paychecks of $10,000): 25% hits
/// the limit in the 10th paycheck (24,500 / 2,500 = 9.8; the 10th defers $1,500, still ≥ $600),
/// so 10 × $600 = $6,000 of match instead of $14,400.
#[test]
fn front_loading_without_true_up_loses_match() {
    let body = |pct: &str, true_up: bool| {
        plan(
            2026,
            "age = 40\ncompensation = 240000\npay_frequency = \"semimonthly\"",
            &format!(
                "[deferrals]\npretax = \"{pct}\"\n[match]\ntiers = [{{ rate = \"100%\", on = \"6%\" }}]\ntrue_up = {true_up}"
            ),
        )
    };
    let lost = report(&body("25%", false));
    assert_eq!(lost.contributions.pretax, d("24500"));
    assert_eq!(lost.contributions.employer_match, d("6000"));
    // 14,400 − 6,000 = 8,400 lost.
    assert_eq!(lost.match_lost, d("8400"));
    let warning = lost
        .warnings
        .iter()
        .find(|w| w.code() == WarningCode::MatchLost)
        .unwrap();
    assert!(
        matches!(warning, Warning::MatchLost { shortfall, .. }
            if shortfall.lost == d("8400") && shortfall.formula == d("14400")),
        "{warning:?}"
    );
    assert!(mbr::report::words::warning(warning).contains("$8,400.00"));

    // With a true-up the year's match follows the annual formula: 6% × 240,000 = 14,400,
    // of which 14,400 − 6,000 = 8,400 arrives as the year-end true-up.
    let trued = report(&body("25%", true));
    assert_eq!(trued.contributions.employer_match, d("14400"));
    assert_eq!(trued.contributions.true_up_payment, d("8400"));
    assert_eq!(trued.match_lost, d("0"));

    // 8% = $800 a paycheck, 24 × 800 = 19,200 < 24,500: every paycheck is matched.
    let steady = report(&body("8%", false));
    assert_eq!(steady.contributions.employer_match, d("14400"));
    assert!(
        !steady
            .warnings
            .iter()
            .any(|w| w.code() == WarningCode::MatchLost)
    );
}

/// RULES.md worked example (seed article): $10,000 contributed after-tax grows to $10,400
/// before conversion: $10,000 converts tax-free and $400 is taxable in the conversion year.
#[test]
fn seed_example_400_taxable() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 100000\npay_frequency = \"monthly\"",
        "[after_tax]\nallowed = true\namount = 0\n[conversion]\nin_plan_roth_conversion = true\n\
         [existing]\nafter_tax_balance = 10400\nafter_tax_basis = 10000\nconvert = \"all\"\n\
         [tax]\nmarginal_rate = \"24%\"",
    ));
    assert_eq!(r.conversion.taxable_earnings, d("400"));
    // 400 × 24% = 96.
    assert_eq!(r.conversion.tax, Some(d("96")));
    assert_eq!(r.conversion.to_roth, d("10400"));
}

/// RULES.md worked example (IRS, "Rollovers of After-Tax Contributions in Retirement Plans"):
/// an account of $100,000 with $20,000 after-tax; a $50,000 distribution is $40,000 pre-tax
/// and $10,000 after-tax. Within an after-tax subaccount the earnings play the pre-tax part.
#[test]
fn irs_pro_rata_example() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 100000\npay_frequency = \"monthly\"",
        "[after_tax]\nallowed = true\namount = 0\n[conversion]\nin_plan_roth_conversion = true\n\
         [existing]\nafter_tax_balance = 100000\nafter_tax_basis = 20000\nconvert = 50000",
    ));
    assert_eq!(r.conversion.existing_converted, d("50000"));
    assert_eq!(r.conversion.existing_taxable, d("40000"));
    assert_eq!(r.conversion.taxable_earnings, d("40000"));
}

/// RULES.md worked example (Instructions for Forms 1099-R and 5498): $9,852 after-tax plus
/// $407 earnings rolled to a Roth IRA: box 1 $10,259, box 2a $407, box 5 $9,852, code G.
#[test]
fn form_1099r_example() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 100000\npay_frequency = \"monthly\"",
        "[after_tax]\nallowed = true\namount = 0\n[conversion]\nin_plan_roth_conversion = false\n\
         in_service_withdrawal = true\nroute = \"roth-ira\"\n\
         [existing]\nafter_tax_balance = 10259\nafter_tax_basis = 9852",
    ));
    let [form] = r.conversion.form_1099r.as_slice() else {
        panic!("one form expected: {:?}", r.conversion.form_1099r)
    };
    assert_eq!(
        (form.box_1, form.box_2a, form.box_5, form.box_7),
        (d("10259"), d("407"), d("9852"), DistributionCode::G)
    );
    assert_eq!(form.destination, Destination::RothIra);
}
