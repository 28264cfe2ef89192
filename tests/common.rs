//! Helpers shared by the test modules.

use std::process::Output;

use assert_cmd::Command;
use mbr::engine::outcome::Report;
use rust_decimal::Decimal;
use serde_json::Value;

/// Parses and computes a plan held in a string, panicking with the error if it is invalid.
#[track_caller]
pub fn report(text: &str) -> Report {
    match try_report(text) {
        Ok(r) => r,
        Err(e) => panic!("plan rejected: {e}\n{text}"),
    }
}

/// Parses and computes a plan, returning the error message on failure.
pub fn try_report(text: &str) -> Result<Report, String> {
    let plan = mbr::plan::parse("plan.toml", text, None).map_err(|e| e.to_string())?;
    let limits_text = mbr::limits::built_in(plan.year).ok_or("no limits")?;
    let limits = mbr::limits::parse("limits.toml", limits_text).map_err(|e| e.to_string())?;
    mbr::plan::check_against_limits(&plan, &limits).map_err(|e| e.to_string())?;
    mbr::engine::compute(&plan, &limits).map_err(|e| e.to_string())
}

/// A decimal from text, for expected values written as literals.
#[track_caller]
pub fn d(text: &str) -> Decimal {
    match text.parse() {
        Ok(v) => v,
        Err(e) => panic!("bad decimal {text}: {e}"),
    }
}

/// Runs the mbr binary with `args`, feeding `stdin`.
pub fn mbr(args: &[&str], stdin: &str) -> Output {
    let mut cmd = Command::cargo_bin("mbr").unwrap_or_else(|e| panic!("no mbr binary: {e}"));
    cmd.args(args).write_stdin(stdin.as_bytes().to_vec());
    cmd.output()
        .unwrap_or_else(|e| panic!("mbr did not run: {e}"))
}

/// Standard output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A minimal valid plan for `year` with the given extra TOML appended after `[participant]`.
pub fn plan(year: i32, participant: &str, rest: &str) -> String {
    format!("year = {year}\n[participant]\n{participant}\n{rest}\n")
}

/// Proptest's settings for `cases` cases. A failing case's seed is saved beside the test's
/// source, `tests/<module>.proptest-regressions` (committed), and replayed first on every
/// later run.
pub fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..proptest::test_runner::Config::default()
    }
}

/// Runs `mbr plan` on `plan` and asserts it fails as a bad plan does: exit status 1,
/// nothing on standard output, and exactly `expected` on standard error.
#[track_caller]
pub fn fails(plan: &str, expected: &str) {
    let out = mbr(&["plan", "--plan", "-"], plan);
    assert_eq!(out.status.code(), Some(1), "stdout: {}", stdout(&out));
    let err = stderr(&out);
    assert_eq!(err.trim_end(), expected, "full stderr: {err}");
    assert!(stdout(&out).is_empty());
}

/// Runs `mbr plan --plan - --format json` on `toml`; it must succeed with one JSON document,
/// read as a consumer reads it.
#[track_caller]
pub fn run_json(toml: &str) -> Value {
    let out = mbr(&["plan", "--plan", "-", "--format", "json"], toml);
    assert_eq!(
        out.status.code(),
        Some(0),
        "mbr failed: {}\n--- plan ---\n{toml}",
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not one JSON document: {e}\n{}", stdout(&out)))
}

/// The member at a JSON pointer (`/contributions/pretax`), which must be there.
#[track_caller]
pub fn at<'a>(o: &'a Value, pointer: &str) -> &'a Value {
    o.pointer(pointer)
        .unwrap_or_else(|| panic!("no `{pointer}` in the JSON output"))
}

/// Money (or a fraction) read from the number's text, exactly.
#[track_caller]
pub fn money(v: &Value) -> Decimal {
    match v {
        Value::Number(n) => d(&n.to_string()),
        other => panic!("not a number: {other}"),
    }
}

/// Money at a JSON pointer.
#[track_caller]
pub fn money_at(o: &Value, pointer: &str) -> Decimal {
    money(at(o, pointer))
}

/// The schedule's paycheck lines (not bonuses or the true-up), in date order.
#[track_caller]
pub fn paychecks(o: &Value) -> Vec<&Value> {
    at(o, "/schedule")
        .as_array()
        .unwrap_or_else(|| panic!("`schedule` is not an array"))
        .iter()
        .filter(|l| l["kind"] == "paycheck")
        .collect()
}
