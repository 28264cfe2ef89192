//! Extreme values in every key that holds money or a percent: each plan is either refused
//! with an error or computed to a report that adds up and prints, never a panic and never
//! a sum wrapped or rounded away by overflow. The keys come from the parser's own list
//! (`mbr::plan::keys`), so a key added later is covered without touching this file.

use mbr::plan::keys::{self, Key, Kind};
use rust_decimal::Decimal;

use crate::common::try_report;

/// A plan with every table, each key written once; `{TABLE.KEY}` marks are replaced.
const BASE: &str = r#"
year = 2026
[participant]
age = 61
compensation = 250000
pay_frequency = "weekly"
prior_year_compensation = 240000
prior_year_fica_wages = 176100
[deferrals]
pretax = "6%"
roth = "max"
catch_up = true
catch_up_60_63 = true
[match]
tiers = [{ rate = "100%", on = "3%" }, { rate = "50%", on = "2%" }]
cap = 12000
matches = "deferrals-and-after-tax"
true_up = false
[employer]
nonelective = "3%"
[after_tax]
allowed = true
limit = "20%"
amount = "max"
[conversion]
in_plan_roth_conversion = true
in_service_withdrawal = true
automatic = false
frequency = "daily"
route = "split"
[payroll]
election_step = "0.5%"
max_election = "90%"
[[payroll.bonus]]
date = 2026-03-13
amount = 30000
[assumptions]
annual_return = "7%"
[tax]
filing_status = "married-jointly"
taxable_income = 400000
state_rate = "5%"
[existing]
after_tax_balance = 30000
after_tax_basis = 26000
convert = "all"
[year_to_date]
as_of = 2026-04-03
pretax = 3000
roth = 3000
after_tax = 4000
match = 2000
nonelective = 1000
"#;

const MONEY: &[&str] = &[
    "0",
    "0.01",
    "0.0000000001",
    "1",
    "999999999999.99",
    "1000000000000",
    "1000000000000.01",
    "1e300",
    "79228162514264337593543950335",
    "-0.01",
];
const PERCENT: &[&str] = &[
    "\"0%\"",
    "\"0.0000000001%\"",
    "\"1%\"",
    "\"99.99%\"",
    "\"100%\"",
    "\"100.01%\"",
    "\"100000%\"",
    "\"1e9%\"",
];

/// Replaces the value of `table.key` in BASE (or adds the key) with `value`.
fn with(table: &str, key: &str, value: &str) -> String {
    let header = if table == "bonus" {
        "[[payroll.bonus]]".to_string()
    } else {
        format!("[{table}]")
    };
    let mut out = String::new();
    let mut in_table = false;
    let mut done = false;
    for line in BASE.lines() {
        if line.starts_with('[') {
            if in_table && !done {
                out.push_str(&format!("{key} = {value}\n"));
                done = true;
            }
            in_table = line == header;
        }
        if in_table && !done && line.split('=').next().map(str::trim) == Some(key) {
            out.push_str(&format!("{key} = {value}\n"));
            done = true;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if in_table && !done {
        out.push_str(&format!("{key} = {value}\n"));
    }
    out
}

fn values(kind: Kind) -> Vec<&'static str> {
    match kind {
        Kind::Money => MONEY.to_vec(),
        Kind::Percent => PERCENT.to_vec(),
        Kind::Amount | Kind::MoneyOrPercent | Kind::MoneyOrAll => {
            MONEY.iter().chain(PERCENT).copied().collect()
        }
        _ => Vec::new(),
    }
}

fn tables() -> Vec<(&'static str, &'static [Key])> {
    let mut out = Vec::new();
    for top in keys::TOP {
        if let Kind::Table(keys) = top.kind {
            out.push((top.name, keys));
        }
    }
    out.push(("bonus", keys::BONUS));
    out
}

#[track_caller]
fn adds_up(text: &str) {
    let Ok(report) = try_report(text) else {
        return;
    };
    let sum = |f: fn(&mbr::engine::outcome::Line) -> Decimal| -> Decimal {
        report.schedule.iter().map(f).sum()
    };
    let c = &report.contributions;
    assert_eq!(c.pretax, sum(|l| l.pretax), "{text}");
    assert_eq!(c.roth, sum(|l| l.roth), "{text}");
    assert_eq!(c.after_tax, sum(|l| l.after_tax), "{text}");
    assert_eq!(c.employer_match, sum(|l| l.employer_match), "{text}");
    assert_eq!(
        report.annual_additions.used,
        c.pretax + c.roth + c.employer_match + c.employer_nonelective + c.after_tax,
        "{text}"
    );
    assert!(report.after_tax_room >= Decimal::ZERO, "{text}");
    assert!(
        report.annual_additions.used <= report.annual_additions.limit
            || report.schedule.iter().any(|l| l.history),
        "{text}"
    );
    let mut out = Vec::new();
    mbr::report::json::plan(&report, &mut out).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        json["after_tax_room"].to_string(),
        format!("{:.2}", report.after_tax_room),
        "{text}"
    );
    out.clear();
    mbr::report::table::plan(&report, true, mbr::report::style::Style::PLAIN, &mut out).unwrap();
}

#[test]
fn the_base_plan_computes() {
    assert!(try_report(BASE).is_ok(), "{:?}", try_report(BASE).err());
}

#[test]
fn every_money_and_percent_key_at_its_extremes() {
    let mut tried = 0;
    for (table, keys) in tables() {
        for key in keys {
            for value in values(key.kind) {
                adds_up(&with(table, key.name, value));
                tried += 1;
            }
        }
    }
    // 24 keys that hold money or a percent, with 8 to 18 values each: 288 plans.
    assert!(tried >= 288, "only {tried} plans");
}

/// Huge money is refused with the key named, not wrapped or rounded.
#[test]
fn huge_money_is_refused_by_name() {
    for (table, key) in [
        ("participant", "compensation"),
        ("existing", "after_tax_balance"),
        ("tax", "taxable_income"),
    ] {
        let err = try_report(&with(table, key, "1000000000000.01")).unwrap_err();
        assert!(err.contains(key) && err.contains("far too large"), "{err}");
        let err = try_report(&with(table, key, "1e300")).unwrap_err();
        assert!(err.contains(key), "{err}");
    }
}
