//! The Roth total (contract §4 `roth`) and Roth employer money (contract 2b `match.roth`,
//! `employer.nonelective_roth`; SECURE 2.0 §604), read from `mbr plan --format json` and
//! `mbr compare`. Every expected figure is worked out beside it.

use serde_json::Value;

use crate::common::{at, d, mbr, money, run_json, stdout};

/// 2026, $150,000 paid biweekly (the year's 27 paydays spreading the year's pay), 5% pre-tax
/// deferrals and a 100% match on 5% of pay trued up to the annual formula:
/// match = 5% × 150,000 = $7,500, deferrals $7,500. `extra` is appended.
fn plan(match_roth: &str, extra: &str) -> String {
    format!(
        r#"year = 2026
[participant]
age = 40
compensation = 150000
pay_frequency = "biweekly"
[payroll]
extra_paycheck = "same-year-pay"
[deferrals]
pretax = "5%"
[match]
tiers = [{{ rate = "100%", on = "5%" }}]
true_up = true
{match_roth}
{extra}
"#
    )
}

/// The route named `name` in `roth.routes`.
fn route<'a>(o: &'a Value, name: &str) -> &'a Value {
    at(o, "/roth/routes")
        .as_array()
        .and_then(|a| a.iter().find(|r| r["route"] == name))
        .unwrap_or_else(|| panic!("no route {name} in {}", at(o, "/roth")))
}

/// The `outside_roth` entry named `name`.
fn outside(o: &Value, name: &str) -> rust_decimal::Decimal {
    at(o, "/roth/outside_roth")
        .as_array()
        .and_then(|a| a.iter().find(|r| r["what"] == name))
        .map(|r| money(&r["amount"]))
        .unwrap_or_else(|| panic!("no {name} in {}", at(o, "/roth")))
}

#[test]
fn a_roth_match_at_a_marginal_rate() {
    let o = run_json(&plan(
        "roth = true",
        "[after_tax]\nallowed = false\n[tax]\nmarginal_rate = \"24%\"\nstate_rate = \"5%\"",
    ));
    // The match is $7,500 either way, and counts in 415(c) as before: 7,500 deferred +
    // 7,500 match = 15,000 of annual additions.
    assert_eq!(money(at(&o, "/contributions/employer_match")), d("7500"));
    assert_eq!(money(at(&o, "/annual_additions/used")), d("15000"));
    // As Roth it is income this year: 7,500 × (24% + 5%) = 7,500 × 0.29 = 2,175.00.
    let m = route(&o, "roth-employer-match");
    assert_eq!(money(&m["amount"]), d("7500"));
    assert_eq!(money(&m["taxable_now"]), d("7500"));
    assert_eq!(money(&m["tax_now"]), d("2175.00"));
    assert_eq!(money(at(&o, "/roth/total")), d("7500"));
    assert_eq!(money(at(&o, "/roth/tax_now")), d("2175.00"));
    // Notice 2024-2: a Form 1099-R for the year, all of it in boxes 1 and 2a, code G.
    let forms = at(&o, "/conversion/form_1099r").as_array().unwrap();
    let f = forms
        .iter()
        .find(|f| f["destination"] == "designated Roth account (Roth employer contributions)")
        .expect("a 1099-R for the Roth match");
    assert_eq!(money(&f["box_1"]), d("7500"));
    assert_eq!(money(&f["box_2a"]), d("7500"));
    assert_eq!(money(&f["box_5"]), d("0"));
    assert_eq!(f["box_7"], "G");
}

#[test]
fn without_a_tax_table_the_tax_now_is_null() {
    let o = run_json(&plan("roth = true", "[after_tax]\nallowed = false"));
    assert_eq!(money(at(&o, "/roth/total")), d("7500"));
    assert!(at(&o, "/roth/tax_now").is_null());
}

#[test]
fn a_roth_match_through_the_brackets_with_a_conversion_on_top() {
    // 2026 single brackets (Rev. Proc. 2025-32, limits/2026.toml): 22% from 50,400, 24%
    // from 105,700. Taxable income 100,000.
    // The Roth match first: 100,000 → 107,500: 5,700 at 22% (to 105,700) = 1,254 and
    // 1,800 at 24% = 432: federal 1,686; state 5% × 7,500 = 375; 2,061.00.
    // Then an existing after-tax balance of 10,000 with 6,000 basis converted in-plan: 4,000
    // taxable, on top of 107,500, all at 24% = 960; state 200; 1,160.00 (not 100,000 →
    // 104,000 at 22% = 880 + 200 = 1,080, which would leave out the match's income).
    // Tax now: 2,061 + 1,160 = 3,221.00. Roth: 7,500 + 10,000 = 17,500.
    let o = run_json(&plan(
        "roth = true",
        r#"[after_tax]
allowed = true
amount = 0
[conversion]
in_plan_roth_conversion = true
in_service_withdrawal = false
automatic = true
[existing]
after_tax_balance = 10000
after_tax_basis = 6000
convert = "all"
[tax]
filing_status = "single"
taxable_income = 100000
state_rate = "5%""#,
    ));
    assert_eq!(
        money(&route(&o, "roth-employer-match")["tax_now"]),
        d("2061.00")
    );
    assert_eq!(money(at(&o, "/conversion/tax")), d("1160.00"));
    let e = route(&o, "existing-after-tax-converted");
    assert_eq!(money(&e["amount"]), d("10000"));
    assert_eq!(money(&e["taxable_now"]), d("4000"));
    assert_eq!(money(&e["tax_now"]), d("1160.00"));
    assert_eq!(money(at(&o, "/roth/total")), d("17500"));
    assert_eq!(money(at(&o, "/roth/tax_now")), d("3221.00"));
}

#[test]
fn roth_nonelective_money_stacks_on_the_roth_match() {
    // Match 7,500 as Roth, plus 3% nonelective = 4,500 as Roth, single, taxable income
    // 100,000, no state tax. Match: 5,700 × 22% + 1,800 × 24% = 1,686.00. Nonelective on top,
    // 107,500 → 112,000, all at 24%: 4,500 × 0.24 = 1,080.00. Total 12,000; tax 2,766.00.
    let o = run_json(&plan(
        "roth = true",
        r#"[employer]
nonelective = "3%"
nonelective_roth = true
[after_tax]
allowed = false
[tax]
filing_status = "single"
taxable_income = 100000"#,
    ));
    assert_eq!(
        money(&route(&o, "roth-employer-match")["tax_now"]),
        d("1686.00")
    );
    let n = route(&o, "roth-employer-nonelective");
    assert_eq!(money(&n["amount"]), d("4500"));
    assert_eq!(money(&n["tax_now"]), d("1080.00"));
    assert_eq!(money(at(&o, "/roth/total")), d("12000"));
    assert_eq!(money(at(&o, "/roth/tax_now")), d("2766.00"));
}

#[test]
fn the_match_is_pre_tax_unless_the_file_says_roth() {
    // No key: false (contract 2b), no question. "unknown": figured as pre-tax, with a
    // question for HR since there is match money.
    for (key, asks) in [
        ("", false),
        ("roth = false", false),
        ("roth = \"unknown\"", true),
    ] {
        let o = run_json(&plan(
            key,
            "[after_tax]\nallowed = false\n[tax]\nmarginal_rate = \"24%\"",
        ));
        assert_eq!(money(at(&o, "/roth/total")), d("0"), "{key}");
        assert_eq!(money(at(&o, "/roth/tax_now")), d("0"), "{key}");
        let questions = at(&o, "/verdict/questions").to_string();
        assert_eq!(questions.contains("match.roth"), asks, "{key}: {questions}");
    }
}

#[test]
fn roth_catch_up_under_the_2026_rule() {
    // Age 55, last year's FICA wages 170,000 above the 2026 threshold of 150,000 (IRC
    // 414(v)(7)): the 8,000 catch-up (age 50-59) must be Roth. Pre-tax "max" = 24,500, then
    // 8,000 catch-up as Roth: Roth total 8,000, taxed as the pay it comes from, nothing more.
    let cu = |wages: &str| {
        run_json(&format!(
            r#"year = 2026
[participant]
age = 55
compensation = 200000
pay_frequency = "biweekly"
prior_year_fica_wages = {wages}
[payroll]
extra_paycheck = "same-year-pay"
[deferrals]
pretax = "max"
catch_up = true
[after_tax]
allowed = false
[tax]
marginal_rate = "32%"
"#
        ))
    };
    let o = cu("170000");
    let c = route(&o, "roth-catch-up");
    assert_eq!(money(&c["amount"]), d("8000"));
    assert_eq!(money(&c["tax_now"]), d("0"));
    assert_eq!(money(at(&o, "/roth/total")), d("8000"));
    assert_eq!(money(at(&o, "/roth/tax_now")), d("0"));
    // At the threshold, not above it, the catch-up stays pre-tax: no Roth at all.
    let o = cu("150000");
    assert_eq!(money(at(&o, "/roth/total")), d("0"));
}

#[test]
fn a_split_sends_the_earnings_outside_roth() {
    // Roth deferrals 10,000; after-tax 13,000 withdrawn once a year at a 0% return (no
    // earnings on it); an existing after-tax balance of 10,000 with 8,000 basis withdrawn too.
    // Split (Notice 2014-54): basis 13,000 + 8,000 to a Roth IRA, the 2,000 of earnings to a
    // traditional IRA. Roth: 10,000 + 13,000 + 8,000 = 31,000; tax now 0.
    let o = run_json(
        r#"year = 2026
[participant]
age = 40
compensation = 150000
pay_frequency = "biweekly"
[payroll]
extra_paycheck = "same-year-pay"
[deferrals]
roth = 10000
[after_tax]
allowed = true
amount = 13000
[conversion]
in_plan_roth_conversion = false
in_service_withdrawal = true
route = "split"
frequency = "annually"
[assumptions]
annual_return = "0%"
[existing]
after_tax_balance = 10000
after_tax_basis = 8000
convert = "all"
[tax]
marginal_rate = "24%"
"#,
    );
    assert_eq!(money(&route(&o, "roth-deferrals")["amount"]), d("10000"));
    assert_eq!(
        money(&route(&o, "after-tax-converted")["amount"]),
        d("13000")
    );
    let e = route(&o, "existing-after-tax-converted");
    assert_eq!(money(&e["amount"]), d("8000"));
    assert_eq!(money(&e["taxable_now"]), d("0"));
    assert_eq!(outside(&o, "split-earnings-to-traditional-ira"), d("2000"));
    assert_eq!(money(at(&o, "/roth/total")), d("31000"));
    assert_eq!(money(at(&o, "/roth/tax_now")), d("0"));
}

#[test]
fn after_tax_money_a_plan_cannot_convert_stays_outside_roth() {
    // No in-plan conversion, no in-service withdrawal: 13,000 after-tax sits in the plan.
    // Roth this year is the Roth match alone, 7,500, taxed 7,500 × 0.29 = 2,175.00; the
    // conversion estimate's tax on earnings that never convert this year is not counted.
    let o = run_json(&plan(
        "roth = true",
        r#"[after_tax]
allowed = true
amount = 13000
[conversion]
in_plan_roth_conversion = false
in_service_withdrawal = false
[tax]
marginal_rate = "24%"
state_rate = "5%""#,
    ));
    assert_eq!(at(&o, "/verdict/status"), "not-convertible");
    assert_eq!(outside(&o, "after-tax-not-converted"), d("13000"));
    assert_eq!(money(at(&o, "/roth/total")), d("7500"));
    assert_eq!(money(at(&o, "/roth/tax_now")), d("2175.00"));
    assert_eq!(at(&o, "/roth/routes").as_array().unwrap().len(), 1);
}

#[test]
fn compare_counts_a_roth_match_in_roth_a_year() {
    // Two offers alike but for the match: taken as Roth at A, pre-tax at B. A's Roth a year
    // is the 7,500 match; B's is 0. Each equals `mbr plan`'s roth.total.
    let dir = std::env::temp_dir().join(format!("mbr-roth-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.toml");
    let b = dir.join("b.toml");
    let tax = "[after_tax]\nallowed = false\n[tax]\nmarginal_rate = \"24%\"\nstate_rate = \"5%\"";
    std::fs::write(&a, plan("roth = true", tax)).unwrap();
    std::fs::write(&b, plan("roth = false", tax)).unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = mbr(&["compare", a, b, "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0));
    let o: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(money(at(&o, "/plans/0/roth_per_year")), d("7500"));
    assert_eq!(money(at(&o, "/plans/0/roth_tax_now")), d("2175.00"));
    assert_eq!(money(at(&o, "/plans/1/roth_per_year")), d("0"));
    assert_eq!(money(at(&o, "/plans/1/roth_tax_now")), d("0"));
    let table = stdout(&mbr(&["compare", a, b], ""));
    assert!(
        table
            .lines()
            .any(|l| l.contains("Roth a year") && l.contains("$7,500.00") && l.contains("$0.00")),
        "{table}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_table_adds_up_the_routes() {
    let out = mbr(
        &["plan", "--plan", "-"],
        &plan(
            "roth = true",
            "[after_tax]\nallowed = false\n[tax]\nmarginal_rate = \"24%\"\nstate_rate = \"5%\"",
        ),
    );
    let text = stdout(&out);
    assert!(text.contains("Roth this year"), "{text}");
    for row in ["Match taken as Roth", "Total"] {
        assert!(
            text.lines()
                .any(|l| l.contains(row) && l.contains("$7,500.00") && l.contains("$2,175.00")),
            "{row}: {text}"
        );
    }
}

#[test]
fn compare_puts_roth_a_year_and_its_tax_on_one_basis() {
    // `plan` (150,000, Roth match 7,500 at 24% + 5%) with an existing after-tax balance of
    // 50,000 (basis 42,000) converted in-plan: 8,000 taxable, 8,000 × 0.29 = 2,320.00.
    // compare leaves an existing balance out of "Roth a year" (7,500), so its tax now is the
    // match's alone: 7,500 × 0.29 = 2,175.00, not 2,175.00 + 2,320.00.
    // The second offer cannot convert: its 13,000 after-tax money earns nothing taxed at
    // conversion this year, so its taxable earnings and conversion tax are 0.
    let dir = std::env::temp_dir().join(format!("mbr-roth-basis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.toml");
    let b = dir.join("b.toml");
    let tax = "[tax]\nmarginal_rate = \"24%\"\nstate_rate = \"5%\"";
    std::fs::write(
        &a,
        plan(
            "roth = true",
            &format!(
                "[after_tax]\nallowed = false\n[conversion]\nin_plan_roth_conversion = true\n\
                 [existing]\nafter_tax_balance = 50000\nafter_tax_basis = 42000\nconvert = \"all\"\n{tax}"
            ),
        ),
    )
    .unwrap();
    std::fs::write(
        &b,
        plan(
            "roth = true",
            &format!(
                "[after_tax]\nallowed = true\namount = 13000\n[conversion]\n\
                 in_plan_roth_conversion = false\nin_service_withdrawal = false\n{tax}"
            ),
        ),
    )
    .unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = mbr(&["compare", a, b, "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0));
    let o: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(money(at(&o, "/plans/0/roth_per_year")), d("7500"));
    assert_eq!(money(at(&o, "/plans/0/roth_tax_now")), d("2175.00"));
    assert_eq!(at(&o, "/plans/1/verdict"), "not-convertible");
    assert_eq!(money(at(&o, "/plans/1/taxable_earnings")), d("0"));
    assert_eq!(money(at(&o, "/plans/1/conversion_tax")), d("0"));
    // And `mbr plan` prints no conversion tables for it, only why there are none.
    let table = stdout(&mbr(&["plan", "--plan", b], ""));
    assert!(
        !table.contains("What to expect on Form 1099-R\n┌─────────────────────────────────┬"),
        "{table}"
    );
    assert!(table.contains("none while you work there"), "{table}");
    std::fs::remove_dir_all(&dir).ok();
}
