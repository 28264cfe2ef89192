//! Issue 12, "Several plans in one year: a job change, a second job, and a solo 401(k)":
//! checks written before the code, from the contract (sections 2b and 4) and RULES.md
//! sections 1, 2, 8 and 9.
//!
//! Every plan goes through the binary (`mbr plan --plan - --format json`, or several
//! `--plan` files) and is read as a consumer reads it: a `serde_json::Value`, money taken from
//! the number's text into a `Decimal`. Every expected figure is worked out by hand beside it
//! from the 2026 figures in `limits/2026.toml`: 402(g) 24,500; catch-up 8,000 (60–63:
//! 11,250); 415(c) 72,000; 401(a)(17) 360,000; HCE threshold on 2025 pay 160,000; Roth
//! catch-up wage threshold 150,000; Social Security wage base 184,500. Self-employment tax
//! rates (LIMITS.md section 10): net earnings 92.35% of net profit; 12.4% Social Security up
//! to the wage base left after W-2 wages; 2.9% Medicare on all; none under $400 of net
//! earnings; half of it deductible.
//!
//! 2026 calendar, checked by hand (Federal Reserve holidays: Jan 1 Thu, Jan 19, Feb 16,
//! May 25, Jun 19 Fri, Jul 4 Sat — banks open Fri Jul 3 —, Sep 7, Oct 12, Nov 11, Nov 26,
//! Dec 25 Fri; 2027-01-01 Fri):
//! - biweekly from the first Friday, Fri Jan 2, every 14 days: day-of-year 2 + 14k.
//!   k = 12 is day 170 = Fri Jun 19 (Juneteenth): paid Thu Jun 18. k = 13 is day 184 =
//!   Fri Jul 3 (a business day). k = 26 is day 366 = Fri Jan 1 2027 (New Year's Day): paid
//!   Thu Dec 31 2026. So 27 paydays in 2026, 13 of them on or before Jun 30 (k = 0 … 12) and
//!   14 from Jul 1 (k = 13 … 26).
//! - monthly: the last day of each month, moved to the business day before: Jan 31 Sat →
//!   Jan 30; Feb 28 Sat → Feb 27; May 31 Sun → May 29; Oct 31 Sat → Oct 30; the others as
//!   dated. 12 paydays.
//!
//! "Within $1" is used only where the self-employment tax's rounding enters (the issue's
//! "How it will be checked"); everything else is to the cent.

use std::path::PathBuf;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use rust_decimal::Decimal;
use serde_json::Value;

use crate::common::{at, d, mbr, money, money_at, paychecks, run_json as run, stderr, stdout};

// ---------------------------------------------------------------------------------------
// Running mbr and reading its JSON as a consumer does.

/// Money at a JSON pointer, within $1 of `expected` (SE-tax rounding enters the figure).
#[track_caller]
fn near(o: &Value, pointer: &str, expected: &str) {
    let got = money_at(o, pointer);
    let want = d(expected);
    assert!(
        (got - want).abs() <= Decimal::ONE,
        "`{pointer}` is {got}, expected {want} within $1"
    );
}

/// Money at a JSON pointer, to the cent.
#[track_caller]
fn cents(o: &Value, pointer: &str, expected: &str) {
    assert_eq!(money_at(o, pointer), d(expected), "`{pointer}`");
}

/// The warning codes of a document (or of one plan within it).
fn codes(o: &Value) -> Vec<&str> {
    o["warnings"]
        .as_array()
        .map(|a| a.iter().filter_map(|w| w["code"].as_str()).collect())
        .unwrap_or_default()
}

/// The message of the warning with `code`, which must be there.
#[track_caller]
fn must_warn<'a>(o: &'a Value, code: &str) -> &'a str {
    o["warnings"]
        .as_array()
        .and_then(|a| a.iter().find(|w| w["code"] == code))
        .and_then(|w| w["message"].as_str())
        .unwrap_or_else(|| panic!("no `{code}` warning in {}", o["warnings"]))
}

/// The verdict's `reasons` or `questions`, joined, in lower case.
fn verdict_text(o: &Value, member: &str) -> String {
    o["verdict"][member]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
        .to_lowercase()
}

/// The dates of the schedule's paychecks.
#[track_caller]
fn payday_dates(o: &Value) -> Vec<String> {
    paychecks(o)
        .iter()
        .map(|l| l["date"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// Plan files written to a fresh directory of their own, removed when dropped.
struct Files {
    dir: PathBuf,
    paths: Vec<String>,
}

impl Files {
    /// Writes each `(name, text)` into a new directory; `paths` are in the same order.
    fn new(files: &[(&str, &str)]) -> Files {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "mbr-several-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let paths = files
            .iter()
            .map(|(name, text)| {
                let path = dir.join(name);
                std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
                path.display().to_string()
            })
            .collect();
        Files { dir, paths }
    }

    /// A path in the directory that holds no file.
    fn missing(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `mbr plan --plan P1 --plan P2 … --format json`.
fn plan_files(paths: &[String]) -> Output {
    let mut args = vec!["plan"];
    for p in paths {
        args.push("--plan");
        args.push(p);
    }
    args.extend(["--format", "json"]);
    mbr(&args, "")
}

/// Runs several plan files, which must succeed with one JSON document.
#[track_caller]
fn run_files(paths: &[String]) -> Value {
    let out = plan_files(paths);
    assert_eq!(out.status.code(), Some(0), "mbr failed: {}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not one JSON document: {e}\n{}", stdout(&out)))
}

/// Runs several plan files, which must fail as the contract says: exit 1, nothing on
/// stdout, and one sentence on stderr naming every file in `named`. Returns stderr.
#[track_caller]
fn fails_naming(paths: &[String], named: &[&str]) -> String {
    let out = plan_files(paths);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "stdout: {}\nstderr: {err}",
        stdout(&out)
    );
    assert!(stdout(&out).is_empty(), "stdout: {}", stdout(&out));
    assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
    for name in named {
        assert!(err.contains(name), "stderr does not name {name}: {err}");
    }
    err
}

/// Lines that close a plan with after-tax contributions of "max" and an in-plan conversion.
const AFTER_TAX_MAX: &str = "[after_tax]\nallowed = true\namount = \"max\"\n\
    [conversion]\nin_plan_roth_conversion = true\nin_service_withdrawal = false\n";

/// The same, contributing nothing: the room is reported, the verdict turns on it alone.
const AFTER_TAX_NONE: &str = "[after_tax]\nallowed = true\namount = 0\n\
    [conversion]\nin_plan_roth_conversion = true\nin_service_withdrawal = false\n";

// ---------------------------------------------------------------------------------------
// 1. Job changes: [[other_plans]] share 402(g); a part of a year at an employer.

/// A 45-year-old at 200,000 biweekly who deferred 15,000 at a previous job, with `deferrals`.
fn job_change(deferrals: &str) -> Value {
    run(&format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 200000\npay_frequency = \"biweekly\"\n\
         [deferrals]\n{deferrals}\n\
         [[other_plans]]\nname = \"Previous job\"\ndeferrals = 15000\n{AFTER_TAX_MAX}"
    ))
}

#[test]
fn job_change_max_takes_what_the_previous_job_left() {
    let o = job_change("pretax = \"max\"");
    // 402(g) is per person (RULES 9): 24,500 − 15,000 at the previous job = 9,500 here.
    cents(&o, "/elective_deferrals/limit", "24500");
    cents(&o, "/elective_deferrals/other_plans", "15000");
    cents(&o, "/elective_deferrals/this_plan", "9500");
    cents(&o, "/elective_deferrals/excess", "0");
    cents(&o, "/contributions/pretax", "9500");
    cents(&o, "/contributions/roth", "0");
    cents(&o, "/contributions/catch_up", "0");
    assert!(!codes(&o).contains(&"excess-deferral"), "{:?}", codes(&o));
    // 415(c) is per employer: the previous job's deferrals do not touch this one's.
    // min(72,000, 200,000) = 72,000; no match, no nonelective: room = 72,000 − 9,500 =
    // 62,500 (the issue: `[year_to_date]` would have said 47,500), and used = 9,500
    // deferred + 62,500 after-tax = 72,000.
    cents(&o, "/annual_additions/limit", "72000");
    cents(&o, "/annual_additions/used", "72000");
    cents(&o, "/after_tax_room", "62500");
    // "max" after-tax fits the paychecks: 200,000 − FICA (6.2% × 184,500 = 11,439 and
    // 1.45% × 200,000 = 2,900) = 185,661, less 9,500 deferred, is far above 62,500.
    cents(&o, "/contributions/after_tax", "62500");
    // 415(c) here is the dollar limit, not pay, so "max" stopping at 9,500 is the other
    // plan's doing: no note may say that the pay limit keeps the match.
    let notes = o["elections"]["notes"].to_string();
    assert!(!notes.contains("limit is your pay"), "{notes}");
}

#[test]
fn job_change_percent_runs_to_this_payrolls_own_limit_and_warns() {
    let o = job_change("pretax = \"20%\"");
    // Payroll stops deferrals at 402(g) counting its own plan only (contract, "Payroll
    // limits"): 20% of each paycheck (200,000 / 27 = 7,407.41) runs until this plan's own
    // 24,500, on the 17th paycheck (16 × 1,481.48 = 23,703.70 < 24,500 ≤ 17 × 1,481.48).
    cents(&o, "/contributions/pretax", "24500");
    cents(&o, "/elective_deferrals/other_plans", "15000");
    cents(&o, "/elective_deferrals/this_plan", "24500");
    // 15,000 + 24,500 − 24,500 = 15,000 over the person's limit.
    cents(&o, "/elective_deferrals/excess", "15000");
    let message = must_warn(&o, "excess-deferral");
    assert!(message.contains("$15,000"), "{message}");
    // RULES 9: across unrelated employers, ask a plan for a corrective distribution by
    // April 15 of the next year.
    assert!(message.contains("April 15"), "{message}");
}

/// The advice check extended to other plans: the recommended elections, run on every
/// paycheck of the year, defer no more than the 9,500 the previous job left.
#[test]
fn job_change_elections_keep_within_what_other_plans_leave() {
    for deferrals in ["pretax = \"20%\"", "pretax = \"max\""] {
        let o = job_change(deferrals);
        let e = at(&o, "/elections");
        let from = e["from"].as_str().unwrap_or("0000-00-00");
        let rate = money(&e["pretax"]) + money(&e["roth"]);
        let last = &e["last_paycheck"];
        let mut deferred = Decimal::ZERO;
        let mut count = Decimal::ZERO;
        for line in paychecks(&o) {
            let date = line["date"].as_str().unwrap_or("");
            if date < from {
                continue;
            }
            count += Decimal::ONE;
            let r = if !last.is_null() && last["date"] == date {
                money(&last["pretax"]) + money(&last["roth"])
            } else {
                rate
            };
            deferred += r * money(&line["pay"]);
        }
        assert!(
            deferred <= d("9500"),
            "{deferrals}: the elections defer {deferred} > 9,500"
        );
        // The 27th paycheck may instead add pay (each paycheck 200,000 / 26; the plan leaves
        // `payroll.extra_paycheck` unknown, and advice must be safe both ways).
        let adds_pay = rate * count * d("200000") / d("26");
        assert!(
            last.is_object() || adds_pay <= d("9500"),
            "{deferrals}: {rate} of 27 × 7,692.31 defers {adds_pay} > 9,500"
        );
        // In 1% steps the most that keeps within: 4% × 200,000 = 8,000 (5% = 10,000 is
        // over), and 4% × 27 × 7,692.31 = 8,307.69 with an extra paycheck that adds pay.
        assert!(rate >= d("0.04"), "{deferrals}: election {rate} below 4%");
        assert!(money_at(e, "/reaches/deferrals") <= d("9500"));
    }
}

#[test]
fn job_change_catch_up_is_the_part_above_the_persons_402g() {
    // Age 55 with catch-up: the person's limit is 24,500 + 8,000 = 32,500; the previous job
    // took 20,000, so "max" here is 12,500: the first 4,500 are regular deferrals (20,000 +
    // 4,500 = 24,500) and the next 8,000 the catch-up (RULES 2: catch-up is only the part
    // above 402(g), counted across plans).
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 55\ncompensation = 200000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\ncatch_up = true\n\
         [[other_plans]]\ndeferrals = 20000\n{AFTER_TAX_NONE}"
    ));
    cents(&o, "/elective_deferrals/limit", "32500");
    cents(&o, "/elective_deferrals/other_plans", "20000");
    cents(&o, "/elective_deferrals/this_plan", "12500");
    cents(&o, "/elective_deferrals/excess", "0");
    cents(&o, "/contributions/catch_up", "8000");
    // pretax + roth are the regular deferrals: 4,500 (the catch-up is reported apart).
    assert_eq!(
        money_at(&o, "/contributions/pretax") + money_at(&o, "/contributions/roth"),
        d("4500")
    );
    // 415(c) counts deferrals without catch-up: used 4,500; room 72,000 − 4,500 = 67,500.
    cents(&o, "/annual_additions/used", "4500");
    cents(&o, "/after_tax_room", "67500");
}

#[test]
fn other_plans_past_402g_on_their_own_are_warned() {
    // 30,000 deferred elsewhere at age 45 is 5,500 over 24,500 before this plan defers a
    // cent; "max" here is 0, and the excess is warned (contract: not an error).
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 120000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\n[[other_plans]]\ndeferrals = 30000\n{AFTER_TAX_NONE}"
    ));
    cents(&o, "/elective_deferrals/other_plans", "30000");
    cents(&o, "/elective_deferrals/this_plan", "0");
    cents(&o, "/elective_deferrals/excess", "5500");
    assert!(must_warn(&o, "excess-deferral").contains("$5,500"));
    // 415(c) here is untouched: 72,000 room.
    cents(&o, "/after_tax_room", "72000");
}

#[test]
fn same_employer_other_plan_shares_this_plans_415c() {
    // Another plan of this employer (RULES 9) took 30,000 of annual additions, 10,000 of
    // them deferrals. "max" here: 24,500 − 10,000 = 14,500. One 415(c) of 72,000 for both:
    // room = 72,000 − 30,000 − 14,500 = 27,500.
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 150000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\n\
         [[other_plans]]\ndeferrals = 10000\nsame_employer = true\nannual_additions = 30000\n\
         {AFTER_TAX_NONE}"
    ));
    cents(&o, "/elective_deferrals/this_plan", "14500");
    cents(&o, "/after_tax_room", "27500");
    cents(&o, "/annual_additions/remaining", "27500");
    assert!(!codes(&o).contains(&"excess-annual-additions"));
}

#[test]
fn same_employer_other_plan_past_415c_is_warned() {
    // 75,000 of annual additions in the employer's other plan is 3,000 past 72,000: no room
    // here and an `excess-annual-additions` warning (not an error).
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 150000\npay_frequency = \"monthly\"\n\
         [[other_plans]]\ndeferrals = 0\nsame_employer = true\nannual_additions = 75000\n\
         {AFTER_TAX_NONE}"
    ));
    cents(&o, "/after_tax_room", "0");
    must_warn(&o, "excess-annual-additions");
    assert_eq!(at(&o, "/verdict/status"), "no-room");
}

/// A 45-year-old hired 2026-07-01 at `pay` a year, biweekly, with `rest` after it.
fn new_hire(pay: u32, participant: &str, rest: &str) -> Value {
    run(&format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = {pay}\npay_frequency = \"biweekly\"\n\
         employed_from = 2026-07-01\n{participant}\n{rest}"
    ))
}

#[test]
fn part_year_pay_415c_and_match_follow_the_paychecks_there() {
    let o = new_hire(
        130_000,
        "",
        &format!(
            "[deferrals]\npretax = \"10%\"\n\
             [match]\ntiers = [{{ rate = \"100%\", on = \"4%\" }}]\ntrue_up = true\n{AFTER_TAX_NONE}"
        ),
    );
    // The 14 paydays from Jul 1 (module doc: k = 13 … 26, the last moved to Dec 31).
    assert_eq!(
        payday_dates(&o),
        [
            "2026-07-03",
            "2026-07-17",
            "2026-07-31",
            "2026-08-14",
            "2026-08-28",
            "2026-09-11",
            "2026-09-25",
            "2026-10-09",
            "2026-10-23",
            "2026-11-06",
            "2026-11-20",
            "2026-12-04",
            "2026-12-18",
            "2026-12-31",
        ]
    );
    // Each paycheck is the annual rate over the usual 26 paydays: 130,000 / 26 = 5,000.
    for line in paychecks(&o) {
        assert_eq!(money(&line["pay"]), d("5000"), "{}", line["date"]);
    }
    assert_eq!(at(&o, "/participant/employed_from"), "2026-07-01");
    // This year's pay here: 14 × 5,000 = 70,000.
    cents(&o, "/participant/year_pay", "70000");
    // 415(c) = min(72,000, 100% × 70,000) = 70,000.
    cents(&o, "/annual_additions/limit", "70000");
    // 10% × 70,000 = 7,000 deferred; match 100% of the first 4%: 4% × 70,000 = 2,800.
    cents(&o, "/contributions/pretax", "7000");
    cents(&o, "/contributions/employer_match", "2800");
    // Room = 70,000 − 7,000 − 2,800 = 60,200.
    cents(&o, "/annual_additions/used", "9800");
    cents(&o, "/after_tax_room", "60200");
}

#[test]
fn new_hire_is_not_an_hce_by_pay_without_last_years_pay_here() {
    // 400,000 a year from Jul 1: year pay 14 × 400,000 / 26 = 215,384.615… → 215,384.62.
    // No prior-year pay from this employer (contract 2b, "New hires"): 0 ≤ 160,000, not an
    // HCE, no ACP warning.
    let o = new_hire(400_000, "", AFTER_TAX_NONE);
    cents(&o, "/participant/year_pay", "215384.62");
    assert_eq!(at(&o, "/participant/hce"), false);
    assert!(!codes(&o).contains(&"hce-acp-test"), "{:?}", codes(&o));
    // 415(c): min(72,000, 215,384.62) = 72,000, nothing deferred: room 72,000.
    cents(&o, "/after_tax_room", "72000");

    // Given last year's pay here above 160,000 (say a rehire), HCE it is.
    let o = new_hire(400_000, "prior_year_compensation = 170000", AFTER_TAX_NONE);
    assert_eq!(at(&o, "/participant/hce"), true);
    must_warn(&o, "hce-acp-test");
}

#[test]
fn new_hire_catch_up_is_not_under_the_roth_rule_there() {
    // Age 55, 400,000 from Jul 1, catch-up: prior-year FICA wages from this employer default
    // to 0 ≤ 150,000 (RULES 9), so the catch-up need not be Roth.
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 55\ncompensation = 400000\npay_frequency = \"biweekly\"\n\
         employed_from = 2026-07-01\n[deferrals]\npretax = \"max\"\ncatch_up = true\n{AFTER_TAX_NONE}"
    ));
    assert_eq!(at(&o, "/participant/roth_catch_up_required"), false);
    // 24,500 + 8,000 deferred over 14 paychecks of 15,384.62: 32,500 fits easily.
    cents(&o, "/contributions/pretax", "24500");
    cents(&o, "/contributions/catch_up", "8000");
}

// ---------------------------------------------------------------------------------------
// 2. A leaver.

/// A 45-year-old who leaves on 2026-06-30, at `pay` a year biweekly, with `rest`; after-tax
/// allowed, no in-plan conversion, no in-service withdrawal.
fn leaver(pay: u32, rest: &str) -> Value {
    run(&format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = {pay}\npay_frequency = \"biweekly\"\n\
         employed_until = 2026-06-30\n{rest}\n\
         [after_tax]\nallowed = true\namount = \"max\"\n\
         [conversion]\nin_plan_roth_conversion = false\nin_service_withdrawal = false\n"
    ))
}

#[test]
fn leaver_can_roll_after_tax_money_out_after_separation() {
    let o = leaver(130_000, "[deferrals]\npretax = \"10%\"");
    // The 13 paydays on or before Jun 30 (module doc: k = 0 … 12; Jun 19 paid Jun 18).
    assert_eq!(
        payday_dates(&o),
        [
            "2026-01-02",
            "2026-01-16",
            "2026-01-30",
            "2026-02-13",
            "2026-02-27",
            "2026-03-13",
            "2026-03-27",
            "2026-04-10",
            "2026-04-24",
            "2026-05-08",
            "2026-05-22",
            "2026-06-05",
            "2026-06-18",
        ]
    );
    assert_eq!(at(&o, "/participant/employed_until"), "2026-06-30");
    // Year pay 13 × 130,000 / 26 = 13 × 5,000 = 65,000; 415(c) = min(72,000, 65,000).
    cents(&o, "/participant/year_pay", "65000");
    cents(&o, "/annual_additions/limit", "65000");
    // 10% × 65,000 = 6,500 deferred; room = 65,000 − 6,500 = 58,500.
    cents(&o, "/contributions/pretax", "6500");
    cents(&o, "/after_tax_room", "58500");
    // Rolling out after separation is a route (contract 4, `available`), and the reasons
    // say so; the question asks when and how the plan pays after-tax money out.
    assert_eq!(at(&o, "/verdict/status"), "available");
    let reasons = verdict_text(&o, "reasons");
    assert!(
        reasons.contains("separation") || reasons.contains("leav"),
        "{reasons}"
    );
    let questions = verdict_text(&o, "questions");
    assert!(
        (questions.contains("separation") || questions.contains("leav"))
            && questions.contains("after-tax"),
        "{questions}"
    );
    // The conversion estimate uses the separation date where no other route exists (issue
    // item 1): every after-tax contribution waits until 2026-06-30.
    for line in paychecks(&o) {
        if money(&line["after_tax"]) > Decimal::ZERO {
            assert_eq!(line["conversion_date"], "2026-06-30", "{}", line["date"]);
        }
    }
}

#[test]
fn leaver_with_415c_filled_by_pay_has_no_room() {
    // 52,000 / 26 = 2,000 a paycheck, 13 paychecks: year pay 26,000 = 415(c) limit.
    // Deferring 90% (1,800 a paycheck, which fits: 2,000 − 7.65% FICA = 1,847): 23,400,
    // under 24,500. Match 100% of the first 10%: 200 a paycheck, 2,600.
    // Used 23,400 + 2,600 = 26,000 = the limit: room 0.
    let o = leaver(
        52_000,
        "[deferrals]\npretax = \"90%\"\n\
         [match]\ntiers = [{ rate = \"100%\", on = \"10%\" }]\ntrue_up = true",
    );
    cents(&o, "/participant/year_pay", "26000");
    cents(&o, "/annual_additions/limit", "26000");
    cents(&o, "/contributions/pretax", "23400");
    cents(&o, "/contributions/employer_match", "2600");
    cents(&o, "/after_tax_room", "0");
    cents(&o, "/contributions/after_tax", "0");
    assert_eq!(at(&o, "/verdict/status"), "no-room");
}

// ---------------------------------------------------------------------------------------
// 3. Solo 401(k)s (RULES 8).

/// A solo 401(k) for a 45-year-old: net profit `net`, `other` (extra participant keys), and
/// `rest` (deferrals, employer); after-tax allowed with an in-plan conversion.
fn solo(net: &str, other: &str, rest: &str) -> Value {
    run(&format!(
        "year = 2026\n[participant]\nage = 45\nself_employment_income = {net}\n{other}\n{rest}\n\
         {AFTER_TAX_MAX}"
    ))
}

#[test]
fn solo_rules_example_30000_with_24500_deferred() {
    // RULES 8's example. Net earnings 92.35% × 30,000 = 27,705 (under the wage base).
    // SE tax = 27,705 × (12.4% + 2.9%) = 27,705 × 15.3% = 4,238.865; half 2,119.4325.
    // Net − half = 27,880.5675. Employer max = least of 20% × 27,880.5675 = 5,576.11;
    // 25% × 360,000 = 90,000; 72,000 − 24,500 = 47,500; (27,880.5675 − 24,500) / 2 =
    // 1,690.28 → 1,690.28. Compensation = 27,880.5675 − 1,690.28375 = 26,190.28.
    // 415(c) = min(72,000, 26,190.28) = 26,190.28; room = 26,190.28 − 24,500 − 1,690.28 = 0.
    // Without the employer contribution: 27,880.57 − 24,500 = 3,380.57 (= 2 × 1,690.28:
    // each employer dollar costs two after-tax dollars here).
    let o = solo(
        "30000",
        "",
        "[deferrals]\npretax = 24500\n[employer]\nnonelective = \"max\"",
    );
    let se = "/participant/self_employment";
    cents(&o, &format!("{se}/net_profit"), "30000");
    cents(&o, &format!("{se}/net_earnings"), "27705");
    near(&o, &format!("{se}/se_tax"), "4238.87");
    near(&o, &format!("{se}/half_se_tax"), "2119.43");
    near(&o, &format!("{se}/employer_contribution_max"), "1690.28");
    near(&o, &format!("{se}/employer_contribution"), "1690.28");
    near(&o, &format!("{se}/compensation"), "26190.28");
    near(
        &o,
        &format!("{se}/after_tax_room_without_employer_contribution"),
        "3380.57",
    );
    near(&o, "/contributions/employer_nonelective", "1690.28");
    cents(&o, "/contributions/pretax", "24500");
    near(&o, "/annual_additions/limit", "26190.28");
    near(&o, "/after_tax_room", "0");
    assert_eq!(at(&o, "/verdict/status"), "no-room");
}

#[test]
fn solo_150000_with_no_w2_wages() {
    // Net earnings 92.35% × 150,000 = 138,525 < 184,500: SE tax = 138,525 × 15.3% =
    // 21,194.325; half 10,597.1625; net − half = 139,402.8375. Deferrals "max" = 24,500.
    // Employer max = least of 20% × 139,402.8375 = 27,880.5675; 90,000; 47,500;
    // (139,402.8375 − 24,500) / 2 = 57,451.42 → 27,880.57. Compensation = 139,402.8375 −
    // 27,880.5675 = 111,522.27. 415(c) = min(72,000, 111,522.27) = 72,000.
    // Room = 72,000 − 24,500 − 27,880.57 = 19,619.43.
    let o = solo(
        "150000",
        "",
        "[deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"",
    );
    let se = "/participant/self_employment";
    cents(&o, &format!("{se}/net_earnings"), "138525");
    near(&o, &format!("{se}/se_tax"), "21194.33");
    near(&o, &format!("{se}/half_se_tax"), "10597.16");
    near(&o, &format!("{se}/employer_contribution_max"), "27880.57");
    near(&o, &format!("{se}/compensation"), "111522.27");
    cents(&o, "/contributions/pretax", "24500");
    near(&o, "/contributions/employer_nonelective", "27880.57");
    cents(&o, "/annual_additions/limit", "72000");
    near(&o, "/after_tax_room", "19619.43");
    near(&o, "/contributions/after_tax", "19619.43");
    assert_eq!(at(&o, "/verdict/status"), "available");
}

#[test]
fn solo_150000_with_w2_wages_above_the_wage_base() {
    // W-2 Social Security wages 200,000 ≥ 184,500: no Social Security part. SE tax =
    // 2.9% × 138,525 = 4,017.225; half 2,008.6125; net − half = 147,991.3875.
    // Employer max = least of 20% = 29,598.2775; 90,000; 47,500; (147,991.3875 − 24,500) / 2
    // = 61,745.69 → 29,598.28. Compensation = 147,991.3875 − 29,598.2775 = 118,393.11.
    // 415(c) = 72,000; room = 72,000 − 24,500 − 29,598.28 = 17,901.72.
    let o = solo(
        "150000",
        "other_social_security_wages = 200000",
        "[deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"",
    );
    let se = "/participant/self_employment";
    near(&o, &format!("{se}/se_tax"), "4017.23");
    near(&o, &format!("{se}/half_se_tax"), "2008.61");
    near(&o, &format!("{se}/employer_contribution_max"), "29598.28");
    near(&o, &format!("{se}/compensation"), "118393.11");
    near(&o, "/after_tax_room", "17901.72");
}

#[test]
fn solo_60000_with_w2_wages_below_the_wage_base() {
    // W-2 wages 100,000 leave 184,500 − 100,000 = 84,500 of the wage base, more than the
    // net earnings 92.35% × 60,000 = 55,410: SE tax = 55,410 × 15.3% = 8,477.73; half
    // 4,238.865; net − half = 55,761.135. Employer max = least of 20% = 11,152.227; 47,500;
    // (55,761.135 − 24,500) / 2 = 15,630.57 → 11,152.23. Compensation = 44,608.908 →
    // 44,608.91 = 415(c) (under 72,000: the 100% limit binds).
    // Room = 44,608.91 − 24,500 − 11,152.23 = 8,956.68; without the employer contribution
    // min(72,000, 55,761.14) − 24,500 = 31,261.14.
    let o = solo(
        "60000",
        "other_social_security_wages = 100000",
        "[deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"",
    );
    let se = "/participant/self_employment";
    near(&o, &format!("{se}/se_tax"), "8477.73");
    near(&o, &format!("{se}/employer_contribution_max"), "11152.23");
    near(&o, &format!("{se}/compensation"), "44608.91");
    near(&o, "/annual_additions/limit", "44608.91");
    near(&o, "/after_tax_room", "8956.68");
    near(
        &o,
        &format!("{se}/after_tax_room_without_employer_contribution"),
        "31261.14",
    );
}

#[test]
fn solo_400000_the_dollar_limit_caps_the_employer_contribution() {
    // Net earnings 92.35% × 400,000 = 369,400 > 184,500: SE tax = 12.4% × 184,500 (22,878)
    // + 2.9% × 369,400 (10,712.60) = 33,590.60; half 16,795.30; net − half = 383,204.70.
    // Employer max = least of 20% = 76,640.94; 25% × 360,000 = 90,000; 72,000 − 24,500 =
    // 47,500; (383,204.70 − 24,500) / 2 = 179,352.35 → 47,500.
    // Compensation = 383,204.70 − 47,500 = 335,704.70; 415(c) 72,000; room 72,000 − 24,500 −
    // 47,500 = 0.
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 55\nself_employment_income = 400000\n\
         [deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"\n{AFTER_TAX_MAX}"
    ));
    let se = "/participant/self_employment";
    cents(&o, &format!("{se}/se_tax"), "33590.60");
    cents(&o, &format!("{se}/half_se_tax"), "16795.30");
    cents(&o, &format!("{se}/employer_contribution_max"), "47500");
    cents(&o, &format!("{se}/compensation"), "335704.70");
    cents(&o, "/after_tax_room", "0");
    // One participant: no ACP refund risk, and no FICA wages from the business, so no Roth
    // catch-up rule there (RULES 8).
    assert!(!codes(&o).contains(&"hce-acp-test"), "{:?}", codes(&o));
    assert_eq!(at(&o, "/participant/roth_catch_up_required"), false);

    // Without the employer contribution the room is 72,000 − 24,500 = 47,500.
    let o = solo(
        "400000",
        "",
        "[deferrals]\npretax = \"max\"\n[employer]\nnonelective = 0",
    );
    cents(
        &o,
        "/participant/self_employment/employer_contribution",
        "0",
    );
    cents(&o, "/participant/self_employment/compensation", "383204.70");
    cents(&o, "/after_tax_room", "47500");
}

#[test]
fn solo_net_profit_under_400_of_net_earnings_owes_no_se_tax() {
    // 400 / 0.9235 = 433.13: a net profit of 400 has 92.35% × 400 = 369.40 of net earnings,
    // under $400: no SE tax, nothing to deduct. Net − half = 400.
    // Deferring 100: employer max = least of 20% × 400 = 80; 72,000 − 100 = 71,900;
    // (400 − 100) / 2 = 150 → 80. Compensation = 400 − 80 = 320 = 415(c).
    // Room = 320 − 100 − 80 = 140.
    let o = solo(
        "400",
        "",
        "[deferrals]\npretax = 100\n[employer]\nnonelective = \"max\"",
    );
    let se = "/participant/self_employment";
    cents(&o, &format!("{se}/se_tax"), "0");
    cents(&o, &format!("{se}/half_se_tax"), "0");
    cents(&o, &format!("{se}/employer_contribution_max"), "80");
    cents(&o, &format!("{se}/compensation"), "320");
    cents(&o, "/annual_additions/limit", "320");
    cents(&o, "/after_tax_room", "140");
}

#[test]
fn solo_max_deferrals_stop_at_compensation() {
    // Net profit 400, no SE tax (above), no employer contribution: compensation 400, so
    // "max" defers 400, not 24,500 (RULES 8: deferrals within compensation). Room 0.
    let o = solo(
        "400",
        "",
        "[deferrals]\npretax = \"max\"\n[employer]\nnonelective = 0",
    );
    cents(&o, "/contributions/pretax", "400");
    cents(&o, "/elective_deferrals/this_plan", "400");
    cents(&o, "/after_tax_room", "0");
}

#[test]
fn solo_catch_up_is_limited_to_compensation_left_after_regular_deferrals() {
    // Age 55, net 30,000, no employer contribution: compensation = 30,000 − 2,119.4325 =
    // 27,880.5675. Regular deferrals 24,500; the catch-up is what compensation leaves:
    // 27,880.57 − 24,500 = 3,380.57, not 8,000 (RULES 8; Pub. 560 steps 16–18).
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 55\nself_employment_income = 30000\n\
         [deferrals]\npretax = \"max\"\ncatch_up = true\n{AFTER_TAX_NONE}"
    ));
    cents(&o, "/contributions/pretax", "24500");
    near(&o, "/contributions/catch_up", "3380.57");
}

// ---------------------------------------------------------------------------------------
// 4. Several --plan files.

/// A W-2 job: age 45, 200,000 monthly, deferring "max", match 50% of the first 6% with a
/// true-up, after-tax "max" with an in-plan conversion.
const W2_200K: &str = "year = 2026\n[participant]\nage = 45\ncompensation = 200000\n\
    pay_frequency = \"monthly\"\n[deferrals]\npretax = \"max\"\n\
    [match]\ntiers = [{ rate = \"50%\", on = \"6%\" }]\ntrue_up = true\n\
    [after_tax]\nallowed = true\namount = \"max\"\n\
    [conversion]\nin_plan_roth_conversion = true\nin_service_withdrawal = false\n";

/// A side business: net profit 100,000, deferring "max", employer contribution "max", no
/// `other_social_security_wages`; after-tax "max" with an in-plan conversion.
const SOLO_100K: &str = "year = 2026\n[participant]\nage = 45\nself_employment_income = 100000\n\
    [deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"\n\
    [after_tax]\nallowed = true\namount = \"max\"\n\
    [conversion]\nin_plan_roth_conversion = true\nin_service_withdrawal = false\n";

#[test]
fn w2_then_solo_share_402g_in_file_order_with_two_415c_limits() {
    let f = Files::new(&[("job.toml", W2_200K), ("business.toml", SOLO_100K)]);
    let o = run_files(&f.paths);
    assert_eq!(at(&o, "/schema_version"), 1);
    assert_eq!(at(&o, "/year"), 2026);
    let plans = at(&o, "/plans").as_array().expect("`plans` is an array");
    assert_eq!(plans.len(), 2);
    let (job, business) = (&plans[0], &plans[1]);
    assert_eq!(job["file"], f.paths[0].as_str());
    assert_eq!(business["file"], f.paths[1].as_str());

    // The job, first: "max" = 24,500; match 50% × 6% × 200,000 = 6,000; 415(c) 72,000;
    // room = 72,000 − 24,500 − 6,000 = 41,500 (fits the paychecks: 200,000 − 7.65%-ish FICA
    // − 24,500 is far above it).
    cents(job, "/contributions/pretax", "24500");
    cents(job, "/contributions/employer_match", "6000");
    cents(job, "/after_tax_room", "41500");
    cents(job, "/contributions/after_tax", "41500");

    // The business, second: 402(g) left 24,500 − 24,500 = 0, so "max" defers 0.
    cents(business, "/contributions/pretax", "0");
    cents(business, "/elective_deferrals/other_plans", "24500");
    cents(business, "/elective_deferrals/this_plan", "0");
    // Its Social Security wages are the job's pay, 200,000, up to the wage base: 184,500,
    // nothing left. SE tax = 2.9% × 92.35% × 100,000 = 2.9% × 92,350 = 2,678.15; half
    // 1,339.075; net − half = 98,660.925. Employer max = least of 20% = 19,732.185; 90,000;
    // 72,000 − 0; 98,660.925 / 2 → 19,732.19. Compensation = 98,660.925 − 19,732.185 =
    // 78,928.74; its own 415(c) = min(72,000, 78,928.74) = 72,000.
    // Room = 72,000 − 0 − 19,732.185 = 52,267.815 (≈ 52,267.81 or .82).
    let se = "/participant/self_employment";
    near(business, &format!("{se}/se_tax"), "2678.15");
    near(business, &format!("{se}/half_se_tax"), "1339.08");
    near(business, &format!("{se}/employer_contribution"), "19732.19");
    near(business, &format!("{se}/compensation"), "78928.74");
    cents(business, "/annual_additions/limit", "72000");
    near(business, "/after_tax_room", "52267.82");

    // Combined: 402(g) used 24,500 + 0 of 24,500, no excess; rooms 41,500 + 52,267.82 =
    // 93,767.82; after-tax asked "max" in both, so the same.
    cents(&o, "/combined/elective_deferrals/limit", "24500");
    cents(&o, "/combined/elective_deferrals/used", "24500");
    cents(&o, "/combined/elective_deferrals/excess", "0");
    near(&o, "/combined/after_tax_room", "93767.82");
    assert_eq!(
        money_at(&o, "/combined/after_tax_room"),
        money_at(job, "/after_tax_room") + money_at(business, "/after_tax_room")
    );
    assert_eq!(
        money_at(&o, "/combined/after_tax"),
        money_at(job, "/contributions/after_tax") + money_at(business, "/contributions/after_tax")
    );
    assert!(!codes(&o).contains(&"excess-deferral"));
}

#[test]
fn solo_then_w2_the_business_defers_first() {
    // In the other order the business takes the 24,500 and the job's "max" is 0.
    // Business: employer max = least of 19,732.185; 72,000 − 24,500 = 47,500;
    // (98,660.925 − 24,500) / 2 = 37,080.46 → 19,732.19; room = 72,000 − 24,500 −
    // 19,732.185 = 27,767.815. Job: no deferrals, so no match (50% of 0): room 72,000.
    let f = Files::new(&[("business.toml", SOLO_100K), ("job.toml", W2_200K)]);
    let o = run_files(&f.paths);
    let business = at(&o, "/plans/0");
    let job = at(&o, "/plans/1");
    cents(business, "/contributions/pretax", "24500");
    near(business, "/after_tax_room", "27767.82");
    cents(job, "/contributions/pretax", "0");
    cents(job, "/contributions/employer_match", "0");
    cents(job, "/elective_deferrals/other_plans", "24500");
    cents(job, "/after_tax_room", "72000");
    cents(&o, "/combined/elective_deferrals/used", "24500");
    near(&o, "/combined/after_tax_room", "99767.82");
}

#[test]
fn w2_below_the_wage_base_beside_a_solo_plan() {
    // Job: 100,000 monthly, 10% pre-tax = 10,000, no match; room 72,000 − 10,000 = 62,000.
    // Business: net 60,000, its SS wages the job's 100,000 (84,500 of the base left, above
    // 55,410 of net earnings): SE tax 8,477.73; half 4,238.865; net − half 55,761.135.
    // "max" deferrals: 24,500 − 10,000 = 14,500. Employer max = least of 20% = 11,152.227;
    // 72,000 − 14,500 = 57,500; (55,761.135 − 14,500) / 2 = 20,630.57 → 11,152.23.
    // Compensation 44,608.908 = 415(c); room = 44,608.908 − 14,500 − 11,152.227 = 18,956.68.
    // Combined: 402(g) used 24,500; room 62,000 + 18,956.68 = 80,956.68.
    let job = "year = 2026\n[participant]\nage = 45\ncompensation = 100000\n\
        pay_frequency = \"monthly\"\n[deferrals]\npretax = \"10%\"\n";
    let business = "year = 2026\n[participant]\nage = 45\nself_employment_income = 60000\n\
        [deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"max\"\n";
    let f = Files::new(&[
        ("job.toml", &format!("{job}{AFTER_TAX_MAX}")),
        ("business.toml", &format!("{business}{AFTER_TAX_MAX}")),
    ]);
    let o = run_files(&f.paths);
    let (job, business) = (at(&o, "/plans/0"), at(&o, "/plans/1"));
    cents(job, "/contributions/pretax", "10000");
    cents(job, "/after_tax_room", "62000");
    near(business, "/participant/self_employment/se_tax", "8477.73");
    cents(business, "/contributions/pretax", "14500");
    near(business, "/contributions/employer_nonelective", "11152.23");
    near(business, "/annual_additions/limit", "44608.91");
    near(business, "/after_tax_room", "18956.68");
    cents(&o, "/combined/elective_deferrals/used", "24500");
    near(&o, "/combined/after_tax_room", "80956.68");
}

#[test]
fn two_files_over_402g_are_warned_with_the_excess() {
    // Job A defers "max" = 24,500; job B's payroll runs 10% of 100,000 = 10,000 to its own
    // limit regardless: used 34,500, excess 34,500 − 24,500 = 10,000.
    let a = format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 150000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\n{AFTER_TAX_NONE}"
    );
    let b = format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 100000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"10%\"\n{AFTER_TAX_NONE}"
    );
    let f = Files::new(&[("a.toml", &a), ("b.toml", &b)]);
    let o = run_files(&f.paths);
    cents(&o, "/plans/1/elective_deferrals/other_plans", "24500");
    cents(&o, "/plans/1/elective_deferrals/this_plan", "10000");
    cents(&o, "/plans/1/elective_deferrals/excess", "10000");
    cents(&o, "/combined/elective_deferrals/used", "34500");
    cents(&o, "/combined/elective_deferrals/excess", "10000");
    let warned = codes(&o).contains(&"excess-deferral")
        || codes(at(&o, "/plans/1")).contains(&"excess-deferral");
    assert!(warned, "no excess-deferral warning: {}", o["warnings"]);
    // The advice check across plans: A left B nothing of 402(g), so B's recommended
    // deferral elections are 0% (and any one-time last-paycheck change too).
    let e = at(&o, "/plans/1/elections");
    assert_eq!(
        money(&e["pretax"]) + money(&e["roth"]),
        Decimal::ZERO,
        "{e}"
    );
    if e["last_paycheck"].is_object() {
        let last = &e["last_paycheck"];
        assert_eq!(money(&last["pretax"]) + money(&last["roth"]), Decimal::ZERO);
    }
    // Two unrelated employers: each its own 415(c) of 72,000. The excess stays in B's
    // figures as payroll made it (the person may ask either plan for the refund, and B's
    // 10,000 is an annual addition until refunded): 72,000 − 24,500 = 47,500 and
    // 72,000 − 10,000 = 62,000.
    cents(&o, "/plans/0/after_tax_room", "47500");
    cents(&o, "/plans/1/after_tax_room", "62000");
}

/// Two W-2 plans at 100,000 monthly each, the first deferring "max" (24,500), the second
/// "max" too (0 left), both after-tax "max"; `group` is put under `[employer]` in both.
fn two_jobs(group: &str) -> Value {
    let text = format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 100000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\n[employer]\n{group}\n{AFTER_TAX_MAX}"
    );
    let f = Files::new(&[("first.toml", &text), ("second.toml", &text)]);
    run_files(&f.paths)
}

#[test]
fn a_controlled_group_shares_one_415c() {
    // Unrelated employers: 415(c) each: 72,000 − 24,500 + 72,000 − 0 = 119,500 of room.
    let apart = two_jobs("");
    cents(&apart, "/plans/0/after_tax_room", "47500");
    cents(&apart, "/plans/1/after_tax_room", "72000");
    cents(&apart, "/combined/after_tax_room", "119500");
    // One controlled group (415(h)): one 72,000 between them, 24,500 of it deferred:
    // 47,500 of room in all, and the after-tax asked ("max" twice) cut to it.
    let together = two_jobs("controlled_group = \"Acme\"");
    cents(&together, "/combined/elective_deferrals/used", "24500");
    cents(&together, "/combined/after_tax_room", "47500");
    cents(&together, "/combined/after_tax", "47500");
    assert!(!codes(&together).contains(&"excess-annual-additions"));
    for p in 0..2 {
        assert!(
            codes(at(&together, &format!("/plans/{p}")))
                .iter()
                .all(|c| *c != "excess-annual-additions")
        );
    }
}

#[test]
fn age_and_birth_year_that_agree_are_accepted() {
    // age 45 on Dec 31 2026 is birth year 2026 − 45 = 1981.
    let a = "year = 2026\n[participant]\nage = 45\ncompensation = 100000\n";
    let b = "year = 2026\n[participant]\nbirth_year = 1981\nself_employment_income = 50000\n";
    let f = Files::new(&[("a.toml", a), ("b.toml", b)]);
    let o = run_files(&f.paths);
    assert_eq!(at(&o, "/plans").as_array().map(Vec::len), Some(2));
}

// ---------------------------------------------------------------------------------------
// 5. Damaged and conflicting multi-file input.

const JOB_45: &str = "year = 2026\n[participant]\nage = 45\ncompensation = 100000\n";

#[test]
fn files_that_disagree_on_the_year_name_both() {
    let other = "year = 2025\n[participant]\nage = 45\ncompensation = 100000\n";
    let f = Files::new(&[("this-year.toml", JOB_45), ("last-year.toml", other)]);
    fails_naming(&f.paths, &[&f.paths[0], &f.paths[1]]);
}

#[test]
fn files_that_disagree_on_the_age_name_both() {
    let other = "year = 2026\n[participant]\nage = 46\ncompensation = 100000\n";
    let f = Files::new(&[("forty-five.toml", JOB_45), ("forty-six.toml", other)]);
    fails_naming(&f.paths, &[&f.paths[0], &f.paths[1]]);
    // Born 1980 is 46 at the end of 2026, not 45.
    let born = "year = 2026\n[participant]\nbirth_year = 1980\nself_employment_income = 50000\n";
    let f = Files::new(&[("forty-five.toml", JOB_45), ("born-1980.toml", born)]);
    fails_naming(&f.paths, &[&f.paths[0], &f.paths[1]]);
}

#[test]
fn an_unreadable_file_among_several_is_named() {
    let f = Files::new(&[("job.toml", JOB_45)]);
    let gone = f.missing("no-such-plan.toml");
    fails_naming(&[f.paths[0].clone(), gone.clone()], &[&gone]);
}

#[test]
fn an_invalid_file_among_several_is_named_with_its_key() {
    let bad = "year = 2026\n[participant]\nage = 45\ncompensation = 100000\n\
        [deferrals]\npretx = \"max\"\n";
    let f = Files::new(&[("job.toml", JOB_45), ("typo.toml", bad)]);
    let err = fails_naming(&f.paths, &[&f.paths[1]]);
    assert!(err.contains("pretx"), "{err}");
    // Line 6, as every parse error says where.
    assert!(err.contains(":6:"), "{err}");
}

// ---------------------------------------------------------------------------------------
// 6. `mbr check` and `mbr compare` on single files.

#[test]
fn check_still_reads_one_file_with_the_new_keys() {
    let job = format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 200000\npay_frequency = \"monthly\"\n\
         employed_until = 2026-09-30\n[deferrals]\npretax = \"max\"\n\
         [[other_plans]]\ndeferrals = 15000\n{AFTER_TAX_MAX}"
    );
    let f = Files::new(&[("job.toml", &job)]);
    let out = mbr(&["check", "--plan", &f.paths[0], "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(at(&o, "/verdict/status"), "available");
    // Monthly to Sep 30: 9 paydays (Jan 30 … Sep 30) of 200,000 / 12, year pay 150,000.
    // 415(c) 72,000; deferrals 24,500 − 15,000 = 9,500: room 62,500.
    cents(&o, "/after_tax_room", "62500");
}

#[test]
fn compare_still_reads_each_file_alone() {
    // compare sets plans side by side as alternatives: each file is computed by itself, so
    // the job-change file defers 9,500 (its own [[other_plans]]) and the solo file its own
    // "max", 24,500, not what the first left.
    let job = format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 200000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\n[[other_plans]]\ndeferrals = 15000\n{AFTER_TAX_MAX}"
    );
    let f = Files::new(&[("job.toml", &job), ("business.toml", SOLO_100K)]);
    let out = mbr(
        &["compare", &f.paths[0], &f.paths[1], "--format", "json"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    cents(&o, "/plans/0/deferrals", "9500");
    cents(&o, "/plans/0/after_tax_room", "62500");
    cents(&o, "/plans/1/deferrals", "24500");
}

#[test]
fn one_plan_file_still_prints_the_single_plan_document() {
    let f = Files::new(&[("job.toml", JOB_45)]);
    let o = run_files(&f.paths);
    assert!(o.get("plans").is_none() && o.get("combined").is_none());
    cents(&o, "/after_tax_room", "72000");
}

// ---------------------------------------------------------------------------------------
// Found by trying several files as a user: what one file lists, or one file's employer
// money, must reach every file it concerns.

/// A W-2 plan at 100,000 paid monthly, "max" pre-tax, with `more` appended.
fn w2_max(more: &str) -> String {
    format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 100000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\n{AFTER_TAX_NONE}{more}"
    )
}

const OLD_JOB: &str = "[[other_plans]]\nname = \"Old job\"\ndeferrals = 15000\n";

#[test]
fn an_old_job_listed_in_a_later_file_counts_in_the_earlier_one_too() {
    // The old job's 15,000 was deferred before either plan: 24,500 − 15,000 = 9,500 is
    // left, and the first file's "max" takes it; the second file gets 0.
    let files = Files::new(&[("a.toml", &w2_max("")), ("b.toml", &w2_max(OLD_JOB))]);
    let o = run_files(&files.paths);
    cents(&o, "/plans/0/elective_deferrals/other_plans", "15000");
    cents(&o, "/plans/0/elective_deferrals/this_plan", "9500");
    cents(&o, "/plans/1/elective_deferrals/this_plan", "0");
    // 15,000 + 9,500 + 0 = 24,500: no excess.
    cents(&o, "/combined/elective_deferrals/used", "24500");
    cents(&o, "/combined/elective_deferrals/excess", "0");
}

#[test]
fn an_old_job_listed_in_both_files_counts_once() {
    let files = Files::new(&[("a.toml", &w2_max(OLD_JOB)), ("b.toml", &w2_max(OLD_JOB))]);
    let o = run_files(&files.paths);
    // As above: 15,000 once, 9,500 in the first file, 0 in the second.
    cents(&o, "/plans/0/elective_deferrals/this_plan", "9500");
    cents(&o, "/plans/1/elective_deferrals/other_plans", "24500");
    cents(&o, "/combined/elective_deferrals/used", "24500");
    cents(&o, "/combined/elective_deferrals/excess", "0");
    assert!(!codes(&o).contains(&"excess-deferral"), "{:?}", codes(&o));
}

#[test]
fn a_controlled_group_keeps_the_later_files_employer_money_before_after_tax_money() {
    // Acme at 200,000 monthly: "max" 24,500, match 50% of 6% = 6,000, after-tax "max".
    let a = "year = 2026\n[participant]\nage = 45\ncompensation = 200000\npay_frequency = \"monthly\"\n\
        [deferrals]\npretax = \"max\"\n[match]\ntiers = [{ rate = \"50%\", on = \"6%\" }]\ntrue_up = true\n\
        [employer]\ncontrolled_group = \"Acme\"\n"
        .to_string()
        + AFTER_TAX_MAX;
    // Acme's sister company at 80,000 monthly: 10% pre-tax, 3% nonelective, the same match.
    let b = "year = 2026\n[participant]\nage = 45\ncompensation = 80000\npay_frequency = \"monthly\"\n\
        [deferrals]\npretax = \"10%\"\n[match]\ntiers = [{ rate = \"50%\", on = \"6%\" }]\ntrue_up = true\n\
        [employer]\nnonelective = \"3%\"\ncontrolled_group = \"Acme\"\n"
        .to_string()
        + AFTER_TAX_NONE;
    let files = Files::new(&[("a.toml", &a), ("b.toml", &b)]);
    let o = run_files(&files.paths);
    // The second payroll defers 10% × 80,000 = 8,000 (it stops only at its own 24,500),
    // all of it past the 402(g) the first file filled: an excess of 8,000, warned.
    cents(&o, "/plans/1/contributions/pretax", "8000");
    cents(&o, "/combined/elective_deferrals/excess", "8000");
    // Its employer money is paid: match 50% × 6% × 80,000 = 2,400; nonelective 3% ×
    // 80,000 = 2,400.
    cents(&o, "/plans/1/contributions/employer_match", "2400");
    cents(&o, "/plans/1/contributions/employer_nonelective", "2400");
    // One 415(c) of 72,000 for the group: the second file's 8,000 + 2,400 + 2,400 = 12,800
    // (the excess deferral counts until it is paid back) comes before the first file's
    // after-tax money: 72,000 − 24,500 − 6,000 − 12,800 = 28,700.
    cents(&o, "/plans/0/annual_additions/other_plans", "12800");
    cents(&o, "/plans/0/after_tax_room", "28700");
    cents(&o, "/combined/after_tax_room", "28700");
}

#[test]
fn a_match_left_unclaimed_for_want_of_402g_does_not_ask_for_more_deferrals() {
    // 24,500 deferred at another job leaves 0 here: the match (100% of 4%) cannot be
    // claimed without an excess, so no note may ask for "at least 4%".
    let plan =
        "year = 2026\n[participant]\nage = 45\ncompensation = 100000\npay_frequency = \"monthly\"\n\
        [deferrals]\npretax = \"10%\"\n[match]\ntiers = [{ rate = \"100%\", on = \"4%\" }]\n\
        [[other_plans]]\ndeferrals = 24500\n"
            .to_string() + AFTER_TAX_NONE;
    let o = run(&plan);
    let notes = o["elections"]["notes"].to_string();
    assert!(!notes.contains("Contribute at least"), "{notes}");
    assert!(notes.contains("other plans"), "{notes}");
    // The recommended deferral election is 0: 10% would be an excess.
    assert_eq!(money_at(&o, "/elections/pretax"), Decimal::ZERO);
}

#[test]
fn catch_up_made_in_other_plans_is_not_called_unused() {
    // Age 55: 24,500 + 8,000 = 32,500, all deferred at another job; nothing is left here,
    // and no catch-up is unused.
    let plan =
        "year = 2026\n[participant]\nage = 55\ncompensation = 100000\npay_frequency = \"monthly\"\n\
        prior_year_fica_wages = 100000\n[deferrals]\npretax = \"max\"\ncatch_up = true\n\
        [[other_plans]]\ndeferrals = 32500\n"
            .to_string() + AFTER_TAX_NONE;
    let o = run(&plan);
    cents(&o, "/elective_deferrals/limit", "32500");
    cents(&o, "/elective_deferrals/this_plan", "0");
    assert!(!codes(&o).contains(&"catch-up-not-used"), "{:?}", codes(&o));
}

#[test]
fn roth_employer_money_in_two_files_is_taxed_stacked() {
    // Single, other taxable income 100,000, state 5%. The first file's Roth match is 3% of
    // 40,000 = 1,200, the second's 5% of 150,000 = 7,500 (each 100% of the deferral, trued
    // up). 2026 single brackets (limits/2026.toml): 22% to 105,700, then 24%.
    // First file: 1,200 × 22% = 264 + 1,200 × 5% = 60 → 324.00.
    // Second, above 101,200: 4,500 × 22% = 990 + 3,000 × 24% = 720 + 7,500 × 5% = 375
    // → 2,085.00 (alone it would be 5,700 × 22% + 1,800 × 24% + 375 = 2,061.00).
    // Together 324 + 2,085 = 2,409.00 = the tax on 8,700 above 100,000:
    // 5,700 × 22% + 3,000 × 24% + 8,700 × 5% = 1,254 + 720 + 435.
    let file = |pay: &str, pct: &str| {
        format!(
            "year = 2026\n[participant]\nage = 45\ncompensation = {pay}\npay_frequency = \"monthly\"\n\
             [deferrals]\npretax = \"{pct}\"\n[match]\ntiers = [{{ rate = \"100%\", on = \"{pct}\" }}]\n\
             true_up = true\nroth = true\n[after_tax]\nallowed = false\n\
             [tax]\nfiling_status = \"single\"\ntaxable_income = 100000\nstate_rate = \"5%\"\n"
        )
    };
    let files = Files::new(&[
        ("a.toml", &file("40000", "3%")),
        ("b.toml", &file("150000", "5%")),
    ]);
    let o = run_files(&files.paths);
    cents(&o, "/plans/0/roth/tax_now", "324.00");
    cents(&o, "/plans/1/roth/tax_now", "2085.00");
    cents(&o, "/combined/roth_tax_now", "2409.00");
}
