//! The five verdicts of the contract and the questions for HR.

use mbr::engine::outcome::{Question, Reason, Status, Ways};
use mbr::plan::Route;
use mbr::report::words;

use crate::common::{d, plan, report};

fn verdict_for(after_tax: &str, conversion: &str, deferrals: &str) -> mbr::engine::outcome::Report {
    report(&plan(
        2026,
        "age = 40\ncompensation = 150000\npay_frequency = \"biweekly\"",
        &format!(
            "[deferrals]\n{deferrals}\n[after_tax]\n{after_tax}\n[conversion]\n{conversion}\n"
        ),
    ))
}

/// The question about a biweekly 2026's 27 paychecks (see `available`).
fn extra_paycheck_2026() -> Question {
    Question::ExtraPaycheck {
        year: 2026,
        frequency: mbr::plan::PayFrequency::Biweekly,
        paychecks: 27,
        usual: 26,
    }
}

#[test]
fn available() {
    let r = verdict_for(
        "allowed = true",
        "in_plan_roth_conversion = true\nin_service_withdrawal = false\nautomatic = true",
        "pretax = \"max\"",
    );
    assert_eq!(r.verdict.status, Status::Available);
    // Nothing left to ask about the plan's features; the one question is what payroll pays
    // in a year with a 27th payday (RULES.md section 7): biweekly 2026 from Fri Jan 2 pays
    // its 27th paycheck, scheduled Fri Jan 1 2027, on Thu Dec 31 2026, and the plan leaves
    // `payroll.extra_paycheck` unknown. The plan file gives no election step either, and
    // rounding to the 1% assumed leaves money unused (30% after-tax of 27 paychecks of
    // $5,555.56 is $45,000 of the $47,500 room), so that is asked too.
    assert_eq!(
        r.verdict.questions,
        [
            extra_paycheck_2026(),
            Question::ElectionStep { step: d("0.01") }
        ]
    );
    // 72,000 − 24,500 = 47,500, and the reason says so.
    assert_eq!(r.after_tax_room, d("47500"));
    assert_eq!(
        r.verdict.reasons,
        [Reason::Available {
            ways: Ways::InPlan,
            room: d("47500")
        }]
    );
    assert!(words::reason(&r.verdict.reasons[0]).contains("$47,500.00"));
}

#[test]
fn available_through_in_service_withdrawal_only() {
    let r = verdict_for(
        "allowed = true",
        "in_plan_roth_conversion = false\nin_service_withdrawal = true",
        "",
    );
    assert_eq!(r.verdict.status, Status::Available);
    assert_eq!(r.conversion.route, Route::RothIra);
}

#[test]
fn no_room_when_415c_is_full() {
    // $24,000 of pay: 415(c) = 24,000. Deferrals alone cannot fill it, since a paycheck
    // holds at most its pay less FICA (2,000 − 6.2% − 1.45% = 1,847.00 a month, RULES.md
    // §7): 50% deferred (12 × 1,000 = 12,000, within 402(g)) and a 50% nonelective
    // contribution (12,000) fill it: 12,000 + 12,000 = 24,000.
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 24000\npay_frequency = \"monthly\"",
        "[deferrals]\npretax = \"50%\"\n[employer]\nnonelective = \"50%\"\n[after_tax]\nallowed = true\n[conversion]\nin_plan_roth_conversion = true\n",
    ));
    assert_eq!(r.after_tax_room, d("0"));
    assert_eq!(r.verdict.status, Status::NoRoom);
}

#[test]
fn not_convertible_without_a_route() {
    let r = verdict_for(
        "allowed = true",
        "in_plan_roth_conversion = false\nin_service_withdrawal = false",
        "",
    );
    assert_eq!(r.verdict.status, Status::NotConvertible);
    assert_eq!(r.verdict.reasons, [Reason::NoRoute]);
    assert!(words::reason(&Reason::NoRoute).contains("until you leave"));
}

#[test]
fn not_available_without_after_tax() {
    let r = verdict_for("allowed = false", "in_plan_roth_conversion = true", "");
    assert_eq!(r.verdict.status, Status::NotAvailable);
    assert_eq!(r.after_tax_room, d("0"));
    assert_eq!(r.contributions.after_tax, d("0"));
}

#[test]
fn unknown_asks_the_exact_questions() {
    let r = report(&plan(
        2026,
        "age = 40\ncompensation = 150000\npay_frequency = \"biweekly\"",
        "[match]\ntiers = [{ rate = \"100%\", on = \"4%\" }]\n",
    ));
    assert_eq!(r.verdict.status, Status::Unknown);
    assert_eq!(
        r.verdict.questions,
        [
            Question::AfterTax,
            Question::InPlan,
            Question::InService,
            Question::Automatic,
            Question::TrueUp,
            extra_paycheck_2026(),
            // The file leaves out the election step and what the match applies to, and
            // both change the advice.
            Question::ElectionStep { step: d("0.01") },
            Question::MatchOnAfterTax,
        ]
    );
    let q: Vec<String> = r
        .verdict
        .questions
        .iter()
        .map(|q| words::question(*q))
        .collect();
    let q = q.join("\n");
    for words in [
        "\"after-tax contributions\"",
        "\"in-plan Roth rollover\"",
        "\"in-service withdrawal\"",
        "\"true-up\"",
        "automatic",
        "\"27th paycheck\"",
        "\"increments\"",
        "\"voluntary contributions\"",
    ] {
        assert!(q.contains(words), "no question mentions {words}: {q}");
    }
    assert_eq!(r.verdict.questions.len(), 8);
}

#[test]
fn one_known_route_settles_the_route() {
    let r = verdict_for(
        "allowed = true",
        "in_plan_roth_conversion = \"unknown\"\nin_service_withdrawal = true",
        "",
    );
    assert_eq!(r.verdict.status, Status::Available);
    assert!(r.verdict.questions.contains(&Question::InPlan));
    assert!(words::question(Question::InPlan).contains("in-plan Roth"));
}
