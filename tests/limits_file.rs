//! Limits files a user writes: `mbr limits --format toml` prints one that `--limits` reads
//! back as it is; a damaged one is refused at the line and column of the damage, naming the
//! key and the fix; a year with no built-in limits is chosen only when the user asks for it.

use std::path::PathBuf;

use crate::common::{at, mbr, money, stderr, stdout};
use rust_decimal::Decimal;

/// A file in a fresh temporary directory, removed when dropped.
struct TempFile {
    dir: PathBuf,
    path: PathBuf,
}

impl TempFile {
    fn new(name: &str, text: &str) -> Self {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("mbr-limits-file-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        Self { dir, path }
    }

    fn arg(&self) -> String {
        self.path.display().to_string()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What `mbr limits --year 2026 --format toml` prints.
fn printed_2026() -> String {
    let out = mbr(&["limits", "--year", "2026", "--format", "toml"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    stdout(&out)
}

const PLAN: &str = "examples/tech-auto-convert.toml";

#[test]
fn printed_file_gives_the_same_plan_as_the_built_in_limits() {
    let file = TempFile::new("2026.toml", &printed_2026());
    for format in ["json", "table"] {
        let built_in = mbr(&["plan", "--plan", PLAN, "--format", format], "");
        let given = mbr(
            &[
                "plan",
                "--plan",
                PLAN,
                "--format",
                format,
                "--limits",
                &file.arg(),
            ],
            "",
        );
        assert_eq!(given.status.code(), Some(0), "{}", stderr(&given));
        assert_eq!(stdout(&given), stdout(&built_in), "--format {format}");
        assert_eq!(stderr(&given), stderr(&built_in), "--format {format}");
    }
    // And `mbr limits` prints the file as the built-in year.
    let json = |args: &[&str]| stdout(&mbr(args, ""));
    assert_eq!(
        json(&["limits", "--limits", &file.arg(), "--format", "json"]),
        json(&["limits", "--year", "2026", "--format", "json"])
    );
    assert_eq!(
        json(&["limits", "--limits", &file.arg(), "--format", "toml"]),
        printed_2026()
    );
}

/// Every built-in year prints a file that reads back to the same `mbr limits` output.
#[test]
fn every_built_in_year_round_trips() {
    for year in mbr::limits::built_in_years() {
        let y = year.to_string();
        let toml = stdout(&mbr(&["limits", "--year", &y, "--format", "toml"], ""));
        assert!(toml.contains(&format!("\nyear = {year}\n")), "{toml}");
        let file = TempFile::new("l.toml", &toml);
        let from_file = mbr(&["limits", "--limits", &file.arg(), "--format", "json"], "");
        assert_eq!(
            from_file.status.code(),
            Some(0),
            "{year}: {}",
            stderr(&from_file)
        );
        let built_in = mbr(&["limits", "--year", &y, "--format", "json"], "");
        assert_eq!(stdout(&from_file), stdout(&built_in), "{year}");
    }
}

/// The workflow the README shows: next year's figures typed into the printed file.
#[test]
fn edited_file_plans_next_year() {
    let text = printed_2026()
        .replace("year = 2026", "year = 2027")
        .replace("checked = 2026-11-24", "checked = 2027-01-02")
        .replace("amount = 24500", "amount = 25000")
        .replace("amount = 72000", "amount = 73000");
    let file = TempFile::new("2027.toml", &text);
    let out = mbr(
        &[
            "plan",
            "--plan",
            PLAN,
            "--year",
            "2027",
            "--limits",
            &file.arg(),
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(money(at(&json, "/year")), Decimal::from(2027));
    // pretax = "max": the typed 402(g) figure.
    assert_eq!(
        money(at(&json, "/contributions/pretax")),
        Decimal::from(25000)
    );
    // 50% on the first 8% of $220,000 = $8,800 (true-up), under the $360,000 401(a)(17)
    // limit; room = 73,000 − 25,000 − 8,800 = $39,200.
    assert_eq!(money(at(&json, "/after_tax_room")), Decimal::from(39200));

    // Without `--limits`, 2027 is an error that says how to make the file.
    let out = mbr(&["plan", "--plan", PLAN, "--year", "2027"], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "error: {PLAN}: mbr has no built-in limits for 2027 (it has 2022–2026); write a \
             limits file with `mbr limits --year 2026 --format toml > 2027.toml`, change its \
             year and figures to the IRS's for 2027, and pass it with `--limits 2027.toml`"
        )
    );
}

/// `--year` is a year asked for: used as it is, an error where mbr has no limits for it,
/// never replaced by another year.
#[test]
fn a_year_asked_for_is_never_replaced() {
    let out = mbr(&["limits", "--year", "2025", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(money(at(&json, "/year")), Decimal::from(2025));

    let out = mbr(&["limits", "--year", "2027"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).starts_with("error: mbr has no built-in limits for 2027 (it has 2022–2026)"),
        "{}",
        stderr(&out)
    );
}

/// With no `--year`, `mbr limits` never fails for want of the current year's limits: it shows
/// the current year where built in, else the newest built-in year with a one-line notice
/// naming it and the way out. (Which case this run sees depends on the clock; the choice
/// itself is unit-tested in `limits::tests`.)
#[test]
fn no_year_never_fails() {
    let out = mbr(&["limits", "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let shown = i32::try_from(at(&json, "/year").as_i64().unwrap()).unwrap();
    let years = mbr::limits::built_in_years();
    assert!(years.contains(&shown));
    let err = stderr(&out);
    if err.is_empty() {
        return;
    }
    assert_eq!(err.lines().count(), 1, "{err}");
    let newest = years.iter().max().unwrap();
    assert_eq!(shown, *newest);
    assert!(
        err.starts_with("warning: mbr has no limits for ")
            && err.contains(&format!("so these are {newest}'s"))
            && err.contains("`--year`")
            && err.contains("`--limits FILE`"),
        "{err}"
    );
}

/// `mbr limits --limits FILE` on a damaged copy of the printed 2026 file: status 1, nothing
/// on stdout, and exactly `expected` on stderr, after `FILE:`.
#[track_caller]
fn refused(damage: impl Fn(&str) -> String, expected: &str) {
    let text = damage(&printed_2026());
    let file = TempFile::new("bad.toml", &text);
    let out = mbr(&["limits", "--limits", &file.arg()], "");
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(stdout(&out).is_empty());
    assert_eq!(
        stderr(&out).trim_end(),
        format!("error: {}:{expected}", file.arg()),
        "{text}"
    );
}

/// The 1-based line and column where `needle` starts in the printed 2026 file, plus `shift`
/// characters: where an error about it must point.
fn place(needle: &str, shift: usize) -> String {
    let text = printed_2026();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not printed"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1 + shift;
    format!("{line}:{column}")
}

/// Replaces the first `from` with `to`.
fn swap(from: &'static str, to: &'static str) -> impl Fn(&str) -> String {
    move |text: &str| {
        assert!(text.contains(from), "{from} not printed");
        text.replacen(from, to, 1)
    }
}

#[test]
fn missing_figure() {
    // The whole line goes; the error points at the `[retirement]` header.
    refused(
        |t| {
            t.lines()
                .filter(|l| !l.starts_with("ira_catch_up ="))
                .map(|l| format!("{l}\n"))
                .collect()
        },
        &format!(
            "{}: `retirement.ira_catch_up` is missing; add `ira_catch_up = {{ amount = …, \
             section = \"…\", source = \"…\" }}`",
            place("[retirement]", 0)
        ),
    );
}

#[test]
fn missing_figure_the_law_has_from_2025() {
    refused(
        |t| {
            t.lines()
                .filter(|l| !l.starts_with("catch_up_60_63 ="))
                .map(|l| format!("{l}\n"))
                .collect()
        },
        &format!(
            "{}: `retirement.catch_up_60_63` is missing; the age 60-63 catch-up (IRC \
             414(v)(2)(E), SECURE 2.0 sec. 109) has a figure in every year from 2025: add \
             `catch_up_60_63 = {{ amount = …, section = \"…\", source = \"…\" }}`",
            place("[retirement]", 0)
        ),
    );
}

/// A 2023 file needs neither the age 60–63 catch-up nor the Roth catch-up threshold.
#[test]
fn figures_the_law_did_not_have_yet_may_be_left_out() {
    let out = mbr(&["limits", "--year", "2023", "--format", "toml"], "");
    let toml = stdout(&out);
    assert!(!toml.contains("catch_up_60_63") && !toml.contains("roth_catch_up"));
    let file = TempFile::new("2023.toml", &toml);
    let out = mbr(&["limits", "--limits", &file.arg()], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn missing_source() {
    refused(
        swap(
            "compensation = { amount = 360000, section = \"401(a)(17)\", source = \"IRS Notice 2025-67\" }",
            "compensation = { amount = 360000, section = \"401(a)(17)\" }",
        ),
        &format!(
            "{}: `retirement.compensation.source` is missing; add `source = \"…\"` naming the \
             IRS notice or revenue procedure",
            place("compensation = {", 15)
        ),
    );
}

#[test]
fn blank_source() {
    refused(
        swap("source = \"Rev. Proc. 2025-32\"", "source = \"  \""),
        &format!(
            "{}: `standard_deduction.source` is empty; name the revenue procedure it comes from",
            place("source = \"Rev. Proc. 2025-32\"", 9)
        ),
    );
}

#[test]
fn negative_figure() {
    refused(
        swap("amount = 72000", "amount = -72000"),
        &format!(
            "{}: `retirement.annual_additions.amount` is money and can never be negative; write \
             a positive amount, not -72000",
            place("amount = 72000", 9)
        ),
    );
    refused(
        swap("head-of-household = 24150", "head-of-household = -24150"),
        &format!(
            "{}: `standard_deduction.head-of-household` is money and can never be negative; \
             write a positive amount, not -24150",
            place("head-of-household = 24150", 20)
        ),
    );
}

#[test]
fn brackets_out_of_order() {
    // 201775 and 105700 swapped in the single filer's list.
    refused(
        swap(
            "single = [0, 12400, 50400, 105700, 201775,",
            "single = [0, 12400, 50400, 201775, 105700,",
        ),
        &format!(
            "{}: `brackets.single[4]` must be above the threshold before it (201775): list \
             thresholds lowest first, one per rate",
            // "single = [" (10) + "0, " (3) + "12400, " (7) + "50400, " (7) + "201775, " (8)
            place("single = [0, 12400, 50400, 105700, 201775", 35)
        ),
    );
    refused(
        swap(
            "married-jointly = [0, 24800,",
            "married-jointly = [100, 24800,",
        ),
        &format!(
            "{}: `brackets.married-jointly[0]` must be 0: the lowest rate starts at the first \
             dollar, not at 100",
            place("married-jointly = [0, 24800", 19)
        ),
    );
    refused(
        swap("\"22%\", \"24%\"", "\"24%\", \"22%\""),
        &format!(
            "{}: `brackets.rates[3]` must be above the rate before it (24%): list the rates \
             lowest first",
            place("\"24%\", \"32%\"", 0)
        ),
    );
    refused(
        swap(", 640600]\nmarried-jointly", "]\nmarried-jointly"),
        &format!(
            "{}: `brackets.single` must have one threshold per rate (7), not 6",
            place("[0, 12400, 50400, 105700, 201775, 256225, 640600]", 0)
        ),
    );
}

#[test]
fn rate_out_of_range() {
    refused(
        swap("\"37%\"]", "\"137%\"]"),
        &format!(
            "{}: `brackets.rates[6]` must be at most 100%, not 137%",
            place("\"37%\"]", 0)
        ),
    );
    refused(
        swap("rate = \"2.9%\"", "rate = \"290%\""),
        &format!(
            "{}: `self_employment_tax.medicare.rate` must be at most 100%, not 290%",
            place("rate = \"2.9%\"", 7)
        ),
    );
}

#[test]
fn unknown_key() {
    refused(
        swap("ira_catch_up = {", "ira_catchup = {"),
        &format!(
            "{}: unknown key `retirement.ira_catchup`; did you mean `ira_catch_up`?",
            place("ira_catch_up = {", 0)
        ),
    );
    // `enforced` belongs to the Roth catch-up threshold alone.
    refused(
        swap(
            "source = \"IRS Notice 2025-67\" }\ncatch_up =",
            "source = \"IRS Notice 2025-67\", enforced = true }\ncatch_up =",
        ),
        &format!(
            "{}: unknown key `retirement.elective_deferral.enforced`; remove it or use one of \
             `amount`, `section`, `source`",
            // `source = "IRS Notice 2025-67"` (29) + ", " (2)
            place("source = \"IRS Notice 2025-67\" }\ncatch_up =", 31)
        ),
    );
}

#[test]
fn wrong_kind() {
    refused(
        swap("amount = 8000", "amount = \"8000\""),
        &format!(
            "{}: `retirement.catch_up.amount` is money: write it as a number without quotes, \
             8000, not \"8000\"",
            place("amount = 8000", 9)
        ),
    );
    refused(
        swap("rate = \"50%\"", "rate = true"),
        &format!(
            "{}: `self_employment_tax.deductible.rate` is a percent such as \"6%\", not true",
            place("rate = \"50%\"", 7)
        ),
    );
    refused(
        swap("checked = 2026-11-24", "checked = \"2026-11-24\""),
        &format!(
            "{}: `checked` is a date written without quotes, such as 2026-07-07, not the string \
             \"2026-11-24\"",
            place("checked = 2026-11-24", 10)
        ),
    );
}
