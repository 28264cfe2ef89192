//! The JSON output read as a consumer reads it: into the consumer's own structs, so that a
//! renamed member breaks this test before it breaks a script.

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::common::{d, mbr, stderr, stdout};

#[derive(Deserialize)]
struct Output {
    schema_version: u32,
    year: i32,
    limits: Limits,
    contributions: Contributions,
    annual_additions: Additions,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    after_tax_room: Decimal,
    conversion: Conversion,
    verdict: Verdict,
    warnings: Vec<Warning>,
    schedule: Vec<Line>,
}

#[derive(Deserialize)]
struct Limits {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    elective_deferral: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    catch_up: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    annual_additions: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    compensation: Decimal,
}

#[derive(Deserialize)]
struct Contributions {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pretax: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    roth: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    catch_up: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    employer_match: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    employer_nonelective: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    after_tax: Decimal,
}

#[derive(Deserialize)]
struct Additions {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    limit: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    used: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    remaining: Decimal,
}

#[derive(Deserialize)]
struct Conversion {
    route: String,
    frequency: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    taxable_earnings: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    tax: Option<Decimal>,
}

#[derive(Deserialize)]
struct Verdict {
    status: String,
    reasons: Vec<String>,
    questions: Vec<String>,
}

#[derive(Deserialize)]
struct Warning {
    code: String,
    message: String,
}

#[derive(Deserialize)]
struct Line {
    date: String,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pay: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    pretax: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    roth: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    catch_up: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    after_tax: Decimal,
    #[serde(rename = "match", with = "rust_decimal::serde::arbitrary_precision")]
    employer_match: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    converted: Decimal,
}

fn run(path: &str) -> Output {
    let out = mbr(&["plan", "--plan", path, "--format", "json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not the contract's JSON: {e}\n{}", stdout(&out)))
}

#[test]
fn contract_members_are_present_and_consistent() {
    let o = run("examples/tech-auto-convert.toml");
    assert_eq!(o.schema_version, 1);
    assert_eq!(o.year, 2026);
    assert_eq!(
        (o.limits.elective_deferral, o.limits.catch_up),
        (d("24500"), d("8000"))
    );
    assert_eq!(
        (o.limits.annual_additions, o.limits.compensation),
        (d("72000"), d("360000"))
    );
    assert_eq!(o.annual_additions.limit, d("72000"));
    assert_eq!(
        o.annual_additions.used + o.annual_additions.remaining,
        o.annual_additions.limit
    );
    let c = &o.contributions;
    assert_eq!(
        c.pretax + c.roth + c.employer_match + c.employer_nonelective + c.after_tax,
        o.annual_additions.used
    );
    assert!(o.after_tax_room >= c.after_tax);
    assert!(["in-plan", "roth-ira", "split"].contains(&o.conversion.route.as_str()));
    assert_eq!(o.conversion.frequency, "immediate");
    assert_eq!(o.conversion.taxable_earnings, d("0"));
    assert_eq!(o.conversion.tax, Some(d("0")));
    assert_eq!(o.verdict.status, "available");
    assert!(!o.verdict.reasons.is_empty());
    // The example's biweekly 2026 has 27 paydays (Fri Jan 1 2027 is paid Thu Dec 31 2026),
    // and it says what the 27th pays (`payroll.extra_paycheck`): every feature is known, so
    // there is nothing to ask.
    assert!(o.verdict.questions.is_empty());
    assert!(
        o.warnings
            .iter()
            .all(|w| !w.code.is_empty() && !w.message.is_empty())
    );
}

#[test]
fn schedule_sums_are_the_contributions() {
    for path in [
        "examples/tech-auto-convert.toml",
        "examples/mid-year.toml",
        "examples/catch-up-profit-sharing.toml",
    ] {
        let o = run(path);
        let sum = |f: fn(&Line) -> Decimal| o.schedule.iter().map(f).sum::<Decimal>();
        assert_eq!(sum(|l| l.pretax), o.contributions.pretax, "{path}");
        assert_eq!(sum(|l| l.roth), o.contributions.roth, "{path}");
        assert_eq!(sum(|l| l.catch_up), o.contributions.catch_up, "{path}");
        assert_eq!(sum(|l| l.after_tax), o.contributions.after_tax, "{path}");
        assert_eq!(
            sum(|l| l.employer_match),
            o.contributions.employer_match,
            "{path}"
        );
        assert!(
            o.schedule.windows(2).all(|w| w[0].date <= w[1].date),
            "{path}: dates out of order"
        );
        assert!(
            o.schedule
                .iter()
                .all(|l| l.pay >= Decimal::ZERO && l.converted >= l.after_tax)
        );
    }
}

#[test]
fn tax_is_null_without_a_tax_table() {
    let out = mbr(
        &[
            "plan",
            "--plan",
            "examples/unknown-features.toml",
            "--format",
            "json",
        ],
        "",
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert!(v["conversion"]["tax"].is_null());
}

#[test]
fn money_is_exact_text_with_cents() {
    let out = mbr(
        &[
            "plan",
            "--plan",
            "examples/tech-auto-convert.toml",
            "--format",
            "json",
        ],
        "",
    );
    let text = stdout(&out);
    assert!(text.contains("\"elective_deferral\": 24500.00"), "{text}");
    assert!(text.contains("\"annual_return\": 0.07"));
    // Exactly one JSON document and nothing else.
    let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>();
    assert!(stream.next().is_some_and(|v| v.is_ok()));
    assert!(stream.next().is_none());
}

#[test]
fn check_and_limits_json() {
    let out = mbr(
        &[
            "check",
            "--plan",
            "examples/unknown-features.toml",
            "--format",
            "json",
        ],
        "",
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["verdict"]["status"], "unknown");
    let out = mbr(&["limits", "--year", "2025", "--format", "json"], "");
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        v["retirement"]["annual_additions"]["source"],
        "IRS Notice 2024-80"
    );
}
