//! The tax on earnings at conversion: frequencies, routes, pro rata, brackets.

use mbr::engine::outcome::WarningCode;

use crate::common::{d, plan, report};

fn one_contribution(
    frequency: &str,
    route: &str,
    ret: &str,
    tax: &str,
) -> mbr::engine::outcome::Report {
    // A single $10,000 after-tax contribution on the first monthly payday, January 31, 2026.
    let routes = match route {
        "in-plan" => "in_plan_roth_conversion = true",
        _ => "in_plan_roth_conversion = false\nin_service_withdrawal = true",
    };
    report(&plan(
        2026,
        "age = 40\ncompensation = 120000\npay_frequency = \"monthly\"",
        &format!(
            "[after_tax]\nallowed = true\namount = 10000\n[conversion]\n{routes}\nroute = \"{route}\"\nfrequency = \"{frequency}\"\n\
             [assumptions]\nannual_return = \"{ret}\"\n[payroll]\nfirst_payday = 2026-01-31\n{tax}\n"
        ),
    ))
}

/// $10,000 spread over 12 monthly paychecks ($833.33, the last $833.37), each converted on
/// December 31 at 7%: Σ a × (1.07^(d/365) − 1). The month's last day is paid the business
/// day before when it is a weekend (2026: January 31 Sat → Fri 30, February 28 Sat → Fri 27,
/// May 31 Sun → Fri 29, October 31 Sat → Fri 30), so d = 335, 307, 275, 245, 216, 184, 153,
/// 122, 92, 62, 31, 0 days. Computed separately with Python's decimal module (40 digits):
/// 833.33 × (0.064066 + 0.058558 + 0.052297 + 0.046462 + 0.040851 + 0.034696 + 0.028767
/// + 0.022872 + 0.017200 + 0.011559 + 0.005763) + 833.37 × 0 = 319.2416 → $319.24.
#[test]
fn annual_conversion_of_monthly_contributions() {
    let r = one_contribution(
        "annually",
        "in-plan",
        "7%",
        "[tax]\nmarginal_rate = \"24%\"\nstate_rate = \"5%\"",
    );
    assert_eq!(r.contributions.after_tax, d("10000"));
    assert_eq!(r.conversion.taxable_earnings, d("319.24"));
    // 319.24 × 29% = 92.5796 → 92.58.
    assert_eq!(r.conversion.tax, Some(d("92.58")));
}

#[test]
fn immediate_or_zero_return_taxes_nothing() {
    let r = one_contribution("immediate", "in-plan", "7%", "");
    assert_eq!(r.conversion.taxable_earnings, d("0"));
    let r = one_contribution("annually", "in-plan", "0%", "");
    assert_eq!(r.conversion.taxable_earnings, d("0"));
    assert_eq!(r.conversion.tax, None);
    // Without a [tax] table the tax is null and a warning says how to add one.
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code() == WarningCode::NoTaxTable)
    );
}

#[test]
fn the_split_taxes_nothing_and_warns() {
    let r = one_contribution("annually", "split", "7%", "[tax]\nmarginal_rate = \"24%\"");
    assert_eq!(r.conversion.taxable_earnings, d("0"));
    assert_eq!(r.conversion.tax, Some(d("0")));
    // The earnings of `annual_conversion_of_monthly_contributions`, $319.24.
    assert_eq!(r.conversion.to_traditional_ira, d("319.24"));
    assert_eq!(r.conversion.to_roth, d("10000"));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code() == WarningCode::SplitIraProRata)
    );
    assert_eq!(r.conversion.form_1099r.len(), 2);
}

/// Converting more often never costs more along each chain of the contract's dates:
/// immediate ≤ daily ≤ weekly and immediate ≤ monthly ≤ quarterly ≤ annually. Across the
/// chains there is no order: a month-end payday converts monthly the same day (0 days) but
/// daily the next day, as here (paid on the month's last day as dated, `holidays = "none"`):
/// monthly 0, daily $1.70.
#[test]
fn more_frequent_conversion_never_costs_more() {
    let r = one_contribution(
        "quarterly",
        "in-plan",
        "7%",
        "holidays = \"none\"\n[tax]\nmarginal_rate = \"24%\"",
    );
    let t: Vec<_> = r
        .conversion
        .frequencies
        .iter()
        .map(|f| f.taxable_earnings)
        .collect();
    let [immediate, daily, weekly, monthly, quarterly, annually] = t.as_slice() else {
        panic!("{t:?}")
    };
    assert!(immediate <= daily && daily <= weekly, "{t:?}");
    assert!(
        immediate <= monthly && monthly <= quarterly && quarterly <= annually,
        "{t:?}"
    );
    assert_eq!(*monthly, d("0"));
    assert!(*daily > d("0"));
    assert_eq!(
        r.conversion.frequencies.iter().filter(|f| f.chosen).count(),
        1
    );
}

/// Bracket tax across a boundary, written out. 2026 single: the 24% bracket ends at 201,775
/// (Rev. Proc. 2025-32). Other taxable income 201,600 plus $400 of earnings: 175 at 24% and
/// 225 at 32% = 42 + 72 = 114 federal, plus 5% state × 400 = 20: $134.
#[test]
fn bracket_tax_across_a_boundary_single() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 100000\npay_frequency = \"monthly\"",
        "[after_tax]\nallowed = true\namount = 0\n[conversion]\nin_plan_roth_conversion = true\n\
         [existing]\nafter_tax_balance = 10400\nafter_tax_basis = 10000\n\
         [tax]\nfiling_status = \"single\"\ntaxable_income = 201600\nstate_rate = \"5%\"",
    ));
    assert_eq!(r.conversion.taxable_earnings, d("400"));
    assert_eq!(r.conversion.tax, Some(d("134")));
}

/// Married filing jointly, 2026: the 22% bracket ends at 211,400. Taxable income 211,000 plus
/// $1,000: 400 at 22% + 600 at 24% = 88 + 144 = 232, plus 3% state × 1,000 = 30: $262.
#[test]
fn bracket_tax_across_a_boundary_joint() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 100000\npay_frequency = \"monthly\"",
        "[after_tax]\nallowed = true\namount = 0\n[conversion]\nin_plan_roth_conversion = true\n\
         [existing]\nafter_tax_balance = 11000\nafter_tax_basis = 10000\n\
         [tax]\nfiling_status = \"married-jointly\"\ntaxable_income = 211000\nstate_rate = \"3%\"",
    ));
    assert_eq!(r.conversion.tax, Some(d("262")));
}

/// A contribution on December 31 converted the next day is taxed next year.
#[test]
fn conversion_in_the_next_year_is_reported() {
    let r = one_contribution("daily", "in-plan", "7%", "");
    assert!(r.conversion.next_year_contributions > d("0"));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code() == WarningCode::ConversionNextYear)
    );
}
