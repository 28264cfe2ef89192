//! Any bytes as a plan file, through the whole program: parse, the year's built-in limits,
//! the checks against them, the engine, and both reports. Nothing may panic, and a plan that
//! computes must add up: each year total is the sum of its schedule column, and 415(c) use
//! is the sum of what counts toward it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mbr::engine::outcome::Report;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(plan) = mbr::plan::parse("fuzz.toml", text, None) else {
        return;
    };
    let Some(limits_text) = mbr::limits::built_in(plan.year) else {
        return;
    };
    let Ok(limits) = mbr::limits::parse("limits.toml", limits_text) else {
        panic!("a built-in limits file does not parse");
    };
    if mbr::plan::check_against_limits(&plan, &limits).is_err() {
        return;
    }
    let Ok(report) = mbr::engine::compute(&plan, &limits) else {
        return;
    };
    adds_up(&report);
    let mut out = Vec::new();
    mbr::report::json::plan(&report, &mut out).expect("JSON report");
    serde_json::from_slice::<serde_json::Value>(&out).expect("the JSON report parses");
    out.clear();
    mbr::report::table::plan(&report, true, mbr::report::style::Style::PLAIN, &mut out).expect("table report");
});

fn adds_up(report: &Report) {
    let sum = |f: fn(&mbr::engine::outcome::Line) -> Decimal| -> Decimal {
        report.schedule.iter().map(f).sum()
    };
    let c = &report.contributions;
    assert_eq!(c.pretax, sum(|l| l.pretax), "pre-tax column");
    assert_eq!(c.roth, sum(|l| l.roth), "Roth column");
    assert_eq!(c.catch_up, sum(|l| l.catch_up), "catch-up column");
    assert_eq!(c.after_tax, sum(|l| l.after_tax), "after-tax column");
    assert_eq!(c.employer_match, sum(|l| l.employer_match), "match column");
    assert_eq!(c.employer_nonelective, sum(|l| l.nonelective), "nonelective column");
    let used = c.pretax + c.roth + c.employer_match + c.employer_nonelective + c.after_tax;
    assert_eq!(report.annual_additions.used, used, "415(c) use");
    assert!(report.after_tax_room >= Decimal::ZERO, "negative room");
    assert!(report.conversion.taxable_earnings >= Decimal::ZERO, "negative earnings");
}
