//! Every error path: exit status 1, one line on stderr naming file:line:column, the key,
//! what is wrong and how to fix it.

use crate::common::{mbr, stderr, stdout};

const GOOD: &str =
    "year = 2026\n[participant]\nage = 40\ncompensation = 150000\npay_frequency = \"biweekly\"\n";

#[track_caller]
fn fails(plan: &str, expected: &str) {
    let out = mbr(&["plan", "--plan", "-"], plan);
    assert_eq!(out.status.code(), Some(1), "stdout: {}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.trim_end(), expected, "full stderr: {err}");
    assert!(stdout(&out).is_empty());
}

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
        err.contains("no built-in limits for 2031") && err.contains("--limits FILE"),
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
