//! Every error path: exit status 1, one line on stderr naming file:line:column, the key,
//! what is wrong and how to fix it.

use crate::common::{fails, mbr, stderr};

const GOOD: &str =
    "year = 2026\n[participant]\nage = 40\ncompensation = 150000\npay_frequency = \"biweekly\"\n";

#[test]
fn unknown_key_with_suggestion() {
    fails(
        &format!("{GOOD}[deferals]\npretax = 1000\n"),
        "error: <stdin>:6:2: unknown key `deferals`; did you mean `deferrals`?",
    );
}

#[test]
fn unknown_key_inside_a_table() {
    fails(
        &format!("{GOOD}compensaton = 1\n"),
        "error: <stdin>:6:1: unknown key `participant.compensaton`; did you mean `compensation`?",
    );
}

#[test]
fn bare_number_for_a_percent() {
    fails(
        &format!("{GOOD}[assumptions]\nannual_return = 7\n"),
        "error: <stdin>:7:17: `assumptions.annual_return` is a percent: write \"7%\", not 7",
    );
}

#[test]
fn negative_money() {
    fails(
        &format!("{GOOD}[deferrals]\nroth = -5\n"),
        "error: <stdin>:7:8: `deferrals.roth` is money and can never be negative; write a positive amount, not -5",
    );
}

#[test]
fn money_as_a_string() {
    fails(
        "year = 2026\n[participant]\nage = 40\ncompensation = \"150k\"\n",
        "error: <stdin>:4:16: `participant.compensation` is money: write a number of dollars such as 23500 or 1234.56, not the string \"150k\"",
    );
}

#[test]
fn percent_over_100() {
    fails(
        &format!("{GOOD}[deferrals]\npretax = \"120%\"\n"),
        "error: <stdin>:7:10: `deferrals.pretax` cannot be more than 100% of pay; lower the percent",
    );
}

#[test]
fn age_out_of_range() {
    fails(
        "year = 2026\n[participant]\nage = 130\ncompensation = 1\n",
        "error: <stdin>:3:7: `participant.age` must be an age from 14 to 120 on December 31, not 130",
    );
}

#[test]
fn date_outside_the_year() {
    fails(
        &format!("{GOOD}[year_to_date]\nas_of = 2025-12-31\n"),
        "error: <stdin>:7:9: `year_to_date.as_of` is 2025-12-31, outside the plan year 2026; give a date in 2026",
    );
}

#[test]
fn deferrals_above_402g_name_the_limit() {
    fails(
        &format!("{GOOD}[deferrals]\npretax = 30000\n"),
        "error: <stdin>:7:10: `deferrals.pretax` asks for $30,000.00 of deferrals, above the 2026 elective deferral limit of $24,500.00 (IRC 402(g)); lower it or write \"max\"",
    );
}

#[test]
fn catch_up_raises_the_money_limit() {
    // 24,500 + 8,000 = 32,500 is allowed at 55 with catch-up; 32,501 is not.
    let plan = |amount: &str| {
        format!(
            "year = 2026\n[participant]\nage = 55\ncompensation = 150000\n[deferrals]\npretax = {amount}\ncatch_up = true\n"
        )
    };
    assert_eq!(
        mbr(&["plan", "--plan", "-"], &plan("32500")).status.code(),
        Some(0)
    );
    let out = mbr(&["plan", "--plan", "-"], &plan("32501"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("plus the $8,000.00 catch-up (IRC 402(g), 414(v)), $32,500.00"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn missing_participant() {
    fails(
        "year = 2026\n",
        "error: <stdin>:1:1: `participant` is missing; add a `[participant]` table with `age` and `compensation`",
    );
}

#[test]
fn feature_of_the_wrong_kind() {
    fails(
        &format!("{GOOD}[after_tax]\nallowed = \"yes\"\n"),
        "error: <stdin>:7:11: `after_tax.allowed` is true, false or \"unknown\", not the string \"yes\"",
    );
}

#[test]
fn choice_with_suggestion() {
    fails(
        "year = 2026\n[participant]\nage = 40\ncompensation = 1000\npay_frequency = \"biweekley\"\n",
        "error: <stdin>:5:17: `participant.pay_frequency` must be one of \"weekly\", \"biweekly\", \"semimonthly\", \"monthly\", not \"biweekley\"; did you mean \"biweekly\"?",
    );
}

#[test]
fn syntax_error_has_a_position() {
    let out = mbr(
        &["plan", "--plan", "-"],
        "year = 2026\n[participant\nage = 40\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: <stdin>:2:"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("not valid TOML"));
}

#[test]
fn year_without_limits() {
    let out = mbr(&["plan", "--plan", "-"], &GOOD.replace("2026", "2031"));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: <stdin>: mbr has no built-in limits for 2031")
            && err.contains("`mbr limits --year 2026 --format toml > 2031.toml`")
            && err.contains("`--limits 2031.toml`"),
        "{err}"
    );
}

#[test]
fn unreadable_file() {
    let out = mbr(&["plan", "--plan", "/nonexistent/plan.toml"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: cannot read /nonexistent/plan.toml:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn limits_file_for_another_year() {
    let dir = std::env::temp_dir().join(format!("mbr-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let path = dir.join("2025.toml");
    std::fs::write(&path, mbr::limits::built_in(2025).unwrap_or_default()).unwrap_or_default();
    let out = mbr(
        &[
            "plan",
            "--plan",
            "-",
            "--limits",
            &path.display().to_string(),
        ],
        GOOD,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("holds limits for 2025, but the plan is for 2026"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap_or_default();
}

#[test]
fn usage_error_is_status_2() {
    let out = mbr(&["plan"], "");
    assert_eq!(out.status.code(), Some(2));
    let out = mbr(&["plan", "--plan", "x", "--format", "yaml"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn not_utf8() {
    let out = mbr(&["plan", "--plan", "-"], "");
    assert_eq!(out.status.code(), Some(1));
    let mut cmd = assert_cmd::Command::cargo_bin("mbr").unwrap_or_else(|e| panic!("{e}"));
    let out = cmd
        .args(["plan", "--plan", "-"])
        .write_stdin(vec![0xff, 0xfe, b'x'])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
}

/// Every other validation: exit 1, the key named, the fix in the message.
#[test]
fn validation_errors_name_the_key_and_the_fix() {
    let cases: &[(&str, &str)] = &[
        (
            "[deferrals]\npretax = \"max\"\nroth = \"max\"\n",
            "`deferrals.roth` and `deferrals.pretax` cannot both be \"max\"",
        ),
        (
            "[deferrals]\npretax = \"60%\"\nroth = \"50%\"\n",
            "`deferrals.roth` plus `deferrals.pretax` is more than 100% of pay",
        ),
        (
            "[employer]\nnonelective = \"max\"\n",
            "`employer.nonelective` can be \"max\" only for a self-employed participant",
        ),
        ("[match]\ncap = 100\n", "`match.tiers` is missing"),
        (
            "[match]\ntiers = [{ rate = \"100%\", on = \"60%\" }, { rate = \"50%\", on = \"50%\" }]\n",
            "`match.tiers[1].on` makes the tiers cover more than 100% of pay",
        ),
        (
            "[match]\ntiers = [{ rate = \"100%\" }]\n",
            "`match.tiers[0].on` is missing",
        ),
        (
            "[conversion]\nin_plan_roth_conversion = false\nroute = \"in-plan\"\n",
            "`conversion.route` is \"in-plan\" but `conversion.in_plan_roth_conversion` is false",
        ),
        (
            "[conversion]\nin_service_withdrawal = false\nroute = \"split\"\n",
            "`conversion.route` needs an in-service withdrawal",
        ),
        (
            "[conversion]\nfrequency = \"hourly\"\n",
            "`conversion.frequency` must be one of",
        ),
        (
            "[tax]\nmarginal_rate = \"24%\"\nfiling_status = \"single\"\n",
            "`tax.marginal_rate` cannot be given with `tax.filing_status`",
        ),
        (
            "[tax]\nfiling_status = \"single\"\n",
            "`tax.filing_status` needs `tax.taxable_income`",
        ),
        (
            "[tax]\nstate_rate = \"5%\"\n",
            "`tax.marginal_rate` is missing",
        ),
        (
            "[existing]\nafter_tax_balance = 100\nafter_tax_basis = 200\n",
            "`existing.after_tax_basis` (200) is more than `existing.after_tax_balance` (100)",
        ),
        (
            "[existing]\nafter_tax_balance = 100\nafter_tax_basis = 50\nconvert = 500\n",
            "`existing.convert` (500) is more than the balance (100)",
        ),
        (
            "[payroll]\nelection_step = \"0%\"\n",
            "`payroll.election_step` must be a percent above 0%",
        ),
        (
            "[payroll]\nfirst_payday = 2027-01-01\n",
            "`payroll.first_payday` is 2027-01-01, outside the plan year 2026",
        ),
        (
            "[[payroll.bonus]]\ndate = 2026-03-01\namount = 200000\n",
            "`payroll.bonus` adds up to $200,000.00, not less than `participant.compensation`",
        ),
        (
            "[year_to_date]\npretax = 100\n",
            "`year_to_date.as_of` is missing",
        ),
        (
            "[assumptions]\nannual_return = \"150%\"\n",
            "`assumptions.annual_return` is above 100% a year",
        ),
        (
            "[year_to_date]\nas_of = 2026-01-01\npretax = 500\n",
            "`year_to_date.as_of` is 2026-01-01, before the first payday",
        ),
        (
            "[after_tax]\nlimit = \"max\"\n",
            "`after_tax.limit` cannot be \"max\"",
        ),
        (
            "[after_tax]\namount = \"ten percent\"\n",
            "`after_tax.amount` is money, a percent of pay such as \"10%\", or \"max\"; \"ten percent\" is neither",
        ),
    ];
    for (extra, expected) in cases {
        let out = mbr(&["plan", "--plan", "-"], &format!("{GOOD}{extra}"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{extra}: {err}");
        assert!(
            err.starts_with("error: <stdin>:") && err.contains(expected),
            "{extra}\nexpected: {expected}\ngot: {err}"
        );
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
}

#[test]
fn participant_errors() {
    let cases: &[(&str, &str)] = &[
        (
            "age = 40\nbirth_year = 1986\ncompensation = 1\n",
            "`participant.age` and `participant.birth_year` are both given",
        ),
        (
            "birth_year = 2020\ncompensation = 1\n",
            "`participant.birth_year` gives an age of 6 on December 31, 2026",
        ),
        ("compensation = 1\n", "`participant.age` is missing"),
        ("age = 40\n", "`participant.compensation` is missing"),
        (
            "age = 40\ncompensation = 0\n",
            "`participant.compensation` must be more than 0",
        ),
        (
            "age = 40\ncompensation = 2e12\n",
            "`participant.compensation` is far too large",
        ),
        (
            "age = 40\ncompensation = 1.234567890123\n",
            "`participant.compensation` has a fraction of a cent; write dollars and cents, such as 1.23",
        ),
        (
            // 100000.005 rounds half away from zero, as payroll does.
            "age = 40\ncompensation = 100000.005\n",
            "has a fraction of a cent; write dollars and cents, such as 100000.01",
        ),
        (
            // Trailing zeros are not a fraction of a cent.
            "age = 40\ncompensation = 100000.0000\npretax = 1.5\n",
            "unknown key `participant.pretax`",
        ),
    ];
    for (participant, expected) in cases {
        let out = mbr(
            &["plan", "--plan", "-"],
            &format!("year = 2026\n[participant]\n{participant}"),
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{participant}: {err}");
        assert!(err.contains(expected), "expected: {expected}\ngot: {err}");
    }
}

#[test]
fn broken_limits_file_is_placed() {
    let dir = std::env::temp_dir().join(format!("mbr-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let path = dir.join("2026.toml");
    let text = mbr::limits::built_in(2026)
        .unwrap_or_default()
        .replace("amount = 72000", "amount = \"72k\"");
    std::fs::write(&path, text).unwrap_or_default();
    let out = mbr(
        &[
            "plan",
            "--plan",
            "-",
            "--limits",
            &path.display().to_string(),
        ],
        GOOD,
    );
    std::fs::remove_dir_all(&dir).unwrap_or_default();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("2026.toml:") && err.contains("`retirement.annual_additions.amount` is money"),
        "{err}"
    );
}

/// A bare number below 1 for a percent is a fraction: 0.24 means "24%", not "0.24%".
#[test]
fn a_fraction_for_a_percent_suggests_the_percent() {
    fails(
        &format!("{GOOD}[tax]\nmarginal_rate = 0.24\n"),
        "error: <stdin>:7:17: `tax.marginal_rate` is a percent: write \"24%\", not 0.24 (a bare number below 1 reads as a fraction)",
    );
    // 1 or more is the percent itself.
    fails(
        &format!("{GOOD}[tax]\nmarginal_rate = 24\n"),
        "error: <stdin>:7:17: `tax.marginal_rate` is a percent: write \"24%\", not 24",
    );
}

/// A money-or-percent key given a bare number under 1: as money that is cents, which no
/// plan cap or contribution is, so it is refused with both ways to write it.
#[test]
fn a_fraction_for_money_or_percent_is_refused() {
    fails(
        &format!("{GOOD}[after_tax]\nlimit = 0.1\n"),
        "error: <stdin>:7:9: `after_tax.limit` is 0.1, which as money is $0.10; write a share of pay as a percent, \"10%\", or dollars as a whole amount",
    );
    fails(
        &format!("{GOOD}[employer]\nnonelective = 0.03\n"),
        "error: <stdin>:7:15: `employer.nonelective` is 0.03, which as money is $0.03; write a share of pay as a percent, \"3%\", or dollars as a whole amount",
    );
}

#[test]
fn a_duplicate_key_is_named() {
    fails(
        &format!("{GOOD}age = 41\n"),
        "error: <stdin>:6:1: `participant.age` is given twice; keep one of them",
    );
    fails(
        &format!("{GOOD}[participant]\n"),
        "error: <stdin>:6:2: `participant` is given twice; keep one of them",
    );
}

#[test]
fn a_quoted_year_says_to_drop_the_quotes() {
    fails(
        "year = \"2026\"\n[participant]\nage = 40\ncompensation = 150000\npay_frequency = \"biweekly\"\n",
        "error: <stdin>:1:8: `year` is a whole number: write it without quotes, 2026, not \"2026\"",
    );
}

/// W-2 box 3 (Social Security wages) stops at the year's wage base: $176,100 in 2025 (SSA,
/// limits/2025.toml). A 2026 plan's `prior_year_fica_wages` of 176,100 is possible;
/// 176,100.01 is not, and was most likely box 1.
#[test]
fn prior_year_fica_wages_above_last_years_wage_base_is_refused() {
    let at_base = format!("{GOOD}prior_year_fica_wages = 176100\n");
    let out = mbr(&["plan", "--plan", "-"], &at_base);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    fails(
        &format!("{GOOD}prior_year_fica_wages = 176100.01\n"),
        "error: <stdin>:6:25: `participant.prior_year_fica_wages` is $176,100.01, above the 2025 Social Security wage base of $176,100.00, which W-2 box 3 cannot exceed; give box 3 (Social Security wages), not box 1",
    );
    // mbr has no limits for 2021, so a 2022 plan's figure is not checked.
    let plan = format!("{GOOD}prior_year_fica_wages = 500000\n").replace("2026", "2022");
    let out = mbr(&["plan", "--plan", "-"], &plan);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_year_without_limits_names_the_years_mbr_has() {
    let out = mbr(&["plan", "--plan", "-", "--year", "1999"], GOOD);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("mbr has no built-in limits for 1999 (it has 2022–2026)"),
        "{}",
        stderr(&out)
    );
}

/// Every error in the file at once, each on its own line in file order: unknown keys in
/// every table, and each table's wrong values, the keys of `[participant]`, `[deferrals]`
/// and `[tax]` each on its own.
#[test]
fn every_error_of_a_file_is_reported() {
    let plan = "year = \"2026\"\n[participant]\nage = \"40\"\ncompensation = 150000\npay_frequency = \"bi-weekly\"\n\
                [deferrals]\npretax = 0.06\nroth = -5\nroht = 5\n\
                [tax]\nmarginal_rate = 0.24\nstate_rate = 5\n\
                [assumptions]\nannual_return = 7\n[conversoin]\n";
    fails(
        plan,
        "error: <stdin>:1:8: `year` is a whole number: write it without quotes, 2026, not \"2026\"\n\
         error: <stdin>:3:7: `participant.age` is a whole number: write it without quotes, 40, not \"40\"\n\
         error: <stdin>:5:17: `participant.pay_frequency` must be one of \"weekly\", \"biweekly\", \"semimonthly\", \"monthly\", not \"bi-weekly\"; did you mean \"biweekly\"?\n\
         error: <stdin>:7:10: `deferrals.pretax` is 0.06, which as money is $0.06; write a share of pay as a percent, \"6%\", or dollars as a whole amount\n\
         error: <stdin>:8:8: `deferrals.roth` is money and can never be negative; write a positive amount, not -5\n\
         error: <stdin>:9:1: unknown key `deferrals.roht`; did you mean `roth`?\n\
         error: <stdin>:11:17: `tax.marginal_rate` is a percent: write \"24%\", not 0.24 (a bare number below 1 reads as a fraction)\n\
         error: <stdin>:12:14: `tax.state_rate` is a percent: write \"5%\", not 5\n\
         error: <stdin>:14:17: `assumptions.annual_return` is a percent: write \"7%\", not 7\n\
         error: <stdin>:15:2: unknown key `conversoin`; did you mean `conversion`?",
    );
}

/// `[after_tax]` reads each key on its own: a wrong `allowed`, `limit` and `amount` are
/// three errors.
#[test]
fn each_after_tax_key_is_checked() {
    fails(
        &format!("{GOOD}[after_tax]\nallowed = \"yes\"\nlimit = 0.15\namount = \"10\"\n"),
        "error: <stdin>:7:11: `after_tax.allowed` is true, false or \"unknown\", not the string \"yes\"\n\
         error: <stdin>:8:9: `after_tax.limit` is 0.15, which as money is $0.15; write a share of pay as a percent, \"15%\", or dollars as a whole amount\n\
         error: <stdin>:9:10: `after_tax.amount` is money, a percent of pay such as \"10%\", or \"max\"; \"10\" is neither (write dollars as a bare number such as 23500, a percent as \"6%\")",
    );
}

/// Lists of tables report every wrong key of every entry: the match's tiers, bonuses, and
/// other plans.
#[test]
fn each_entry_of_a_list_is_checked() {
    fails(
        &format!(
            "{GOOD}[match]\ntiers = [{{ rate = 0.5, on = 0.08 }}, {{ rate = \"50%\", on = 2 }}]\n\
             [[payroll.bonus]]\ndate = 2025-03-13\namount = -1\n\
             [[other_plans]]\nname = 5\nsame_employer = \"no\"\ndeferrals = 1000\n"
        ),
        "error: <stdin>:7:19: `match.tiers[0].rate` is a percent: write \"50%\", not 0.5 (a bare number below 1 reads as a fraction)\n\
         error: <stdin>:7:29: `match.tiers[0].on` is a percent: write \"8%\", not 0.08 (a bare number below 1 reads as a fraction)\n\
         error: <stdin>:7:58: `match.tiers[1].on` is a percent: write \"2%\", not 2\n\
         error: <stdin>:9:8: `payroll.bonus[0].date` is 2025-03-13, outside the plan year 2026; give a date in 2026\n\
         error: <stdin>:10:10: `payroll.bonus[0].amount` is money and can never be negative; write a positive amount, not -1\n\
         error: <stdin>:12:8: `other_plans[0].name` is a label in quotes, such as \"Previous job\", not the number 5\n\
         error: <stdin>:13:17: `other_plans[0].same_employer` is true or false, not the string \"no\"",
    );
}
