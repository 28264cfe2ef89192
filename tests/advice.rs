//! Issue 11, "Advice a person can follow blindly": one regression test per bug the issue
//! lists, each named after what it guards.
//!
//! A person types the recommended elections (`elections`, `front_load`, any one-time
//! `last_paycheck` change) into payroll and does not look again. Each test here follows
//! them the way payroll runs them, with its own small model ([`follow`]), and checks the
//! limit or the claim the bug broke. The model, from RULES.md section 7 and contract
//! section 2 ("Payroll limits"):
//! - an election is a percent of each paycheck's pay, and payroll rounds each paycheck by
//!   itself, to the cent, half away from zero;
//! - payroll stops deferrals at 402(g) (plus an eligible catch-up), pre-tax taken before Roth
//!   within a paycheck (the order that puts the most in pre-tax, so the safe one to assume);
//! - payroll does not stop after-tax money at 415(c): an after-tax election must be safe on
//!   its own;
//! - with `compensation_limit` unknown the advice must be safe whether payroll goes on taking
//!   elections from pay above 401(a)(17) ("continue") or stops at it ("stop").
//!
//! Figures are 2026's (LIMITS.md): 402(g) 24,500, catch-up 8,000, 415(c) 72,000 (or 100% of
//! pay), 401(a)(17) 360,000, Social Security wage base 184,500; employee FICA 6.2% up to the
//! wage base and 1.45%, and 0.9% withheld on wages above 200,000. Expected figures are
//! worked out by hand in the comment beside each check. Where the right election depends on
//! how the fix is designed, the test checks the invariant (limit kept, match kept, note
//! present or absent), not a particular percent.
//!
//! `elections.last_paycheck` is new: absent is read as null.

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use crate::common::{at, d, mbr, money as num, run_json as run, stdout};

// ---------------------------------------------------------------------------------------
// Reading the JSON as a consumer does.

/// The number at a JSON pointer.
#[track_caller]
fn num_at(o: &Value, pointer: &str) -> Decimal {
    num(at(o, pointer))
}

/// A string list (`elections/notes`, `verdict/questions`).
fn strings(o: &Value, pointer: &str) -> Vec<String> {
    o.pointer(pointer)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The elections' notes.
fn notes(o: &Value) -> Vec<String> {
    strings(o, "/elections/notes")
}

/// `elections.last_paycheck`, where present and not null.
fn last_paycheck(o: &Value) -> Option<&Value> {
    o.pointer("/elections/last_paycheck")
        .filter(|v| !v.is_null())
}

/// To the cent, half away from zero.
fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The employee's FICA withheld from a paycheck of `pay` after `before` of wages this year
/// (IRC 3101, 3102(f)): 6.2% up to the 184,500 wage base, 1.45%, and 0.9% on wages above
/// 200,000, each to the cent.
fn fica(pay: Decimal, before: Decimal) -> Decimal {
    let zero = Decimal::ZERO;
    let ss_wages = pay.min((d("184500") - before).max(zero));
    let extra_wages = (before + pay - before.max(d("200000"))).max(zero);
    cents(ss_wages * d("0.062")) + cents(pay * d("0.0145")) + cents(extra_wages * d("0.009"))
}

// ---------------------------------------------------------------------------------------
// Following the elections as payroll runs them.

/// Election rates, as fractions of the pay they apply to.
#[derive(Clone, Copy, Debug, Default)]
struct Rates {
    pretax: Decimal,
    roth: Decimal,
    after_tax: Decimal,
}

impl Rates {
    /// The rates in the object at `pointer` (`/elections`, `/elections/front_load`, ...).
    #[track_caller]
    fn at(o: &Value, pointer: &str) -> Self {
        Self {
            pretax: num_at(o, &format!("{pointer}/pretax")),
            roth: num_at(o, &format!("{pointer}/roth")),
            after_tax: num_at(o, &format!("{pointer}/after_tax")),
        }
    }

    fn total(self) -> Decimal {
        self.pretax + self.roth + self.after_tax
    }
}

/// Which of the recommendations to follow.
#[derive(Clone, Copy, PartialEq)]
enum Follow {
    /// The even elections, and the `last_paycheck` change where there is one.
    Even,
    /// The front-loaded schedule: its rates through `until`, then 0%.
    FrontLoad,
}

/// How payroll applies 401(a)(17) to elections (RULES.md section 3).
#[derive(Clone, Copy, PartialEq)]
enum Limit17 {
    /// Elections go on from all pay.
    Continue,
    /// Elections apply only to the year's pay up to 360,000.
    Stop,
}

/// One paycheck as payroll ran it.
#[derive(Debug)]
struct Taken {
    date: String,
    pay: Decimal,
    /// Wages paid earlier in the year (for FICA).
    before: Decimal,
    /// The rates in force on this payday.
    rates: Rates,
    /// Everything the elections ask of this paycheck, before payroll's 402(g) stop.
    asked: Decimal,
    pretax: Decimal,
    roth: Decimal,
    after_tax: Decimal,
}

/// The year as payroll runs it with the recommended elections.
#[derive(Debug)]
struct Followed {
    /// Paychecks still to come (history excluded).
    taken: Vec<Taken>,
    /// The year's pre-tax deferrals, pay stub included.
    pretax: Decimal,
    /// The year's Roth deferrals, pay stub included.
    roth: Decimal,
    /// The year's after-tax money, pay stub included.
    after_tax: Decimal,
}

impl Followed {
    fn deferrals(&self) -> Decimal {
        self.pretax + self.roth
    }
}

/// Follows the recommendation `which` over the plan's schedule: the pay-stub history as
/// given, then each paycheck (and bonus) still to come at the rates in force, rounded by
/// itself, deferrals stopped at `deferral_limit` (pre-tax first), after-tax money never
/// stopped. `extra` adds a one-time change to the last paycheck's elections (in dollars:
/// pre-tax, after-tax), as a note written in prose would have it done.
#[track_caller]
fn follow(
    o: &Value,
    which: Follow,
    limit17: Limit17,
    deferral_limit: Decimal,
    extra: Option<(Decimal, Decimal)>,
) -> Followed {
    assert_eq!(
        at(o, "/elections/step_kind"),
        "percent",
        "these plans elect percents"
    );
    let even = Rates::at(o, "/elections");
    let front = match which {
        Follow::Even => None,
        Follow::FrontLoad => {
            let until = at(o, "/elections/front_load/until")
                .as_str()
                .unwrap()
                .to_string();
            Some((Rates::at(o, "/elections/front_load"), until))
        }
    };
    let last = match which {
        Follow::Even => last_paycheck(o).map(|l| {
            (
                l["date"].as_str().unwrap().to_string(),
                Rates::at(o, "/elections/last_paycheck"),
            )
        }),
        Follow::FrontLoad => None,
    };
    let lines: Vec<&Value> = at(o, "/schedule")
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "paycheck" || l["kind"] == "bonus")
        .collect();
    let last_date = lines
        .iter()
        .rev()
        .find(|l| l["kind"] == "paycheck")
        .map(|l| l["date"].as_str().unwrap().to_string());
    let mut f = Followed {
        taken: Vec::new(),
        pretax: Decimal::ZERO,
        roth: Decimal::ZERO,
        after_tax: Decimal::ZERO,
    };
    let mut before = Decimal::ZERO;
    for l in lines {
        let pay = num(&l["pay"]);
        let date = l["date"].as_str().unwrap().to_string();
        if l["history"] == true {
            let (catch_up, catch_up_roth) = (num(&l["catch_up"]), num(&l["catch_up_roth"]));
            f.pretax += num(&l["pretax"]) + catch_up - catch_up_roth;
            f.roth += num(&l["roth"]) + catch_up_roth;
            f.after_tax += num(&l["after_tax"]);
            before += pay;
            continue;
        }
        let applies = match limit17 {
            Limit17::Continue => pay,
            Limit17::Stop => pay.min((d("360000") - before).max(Decimal::ZERO)),
        };
        let mut rates = match &front {
            Some((r, until)) if date.as_str() <= until.as_str() => *r,
            Some(_) => Rates::default(),
            None => even,
        };
        if let Some((day, r)) = &last
            && *day == date
        {
            rates = *r;
        }
        let mut pre = cents(rates.pretax * applies);
        let mut roth = cents(rates.roth * applies);
        let mut after_tax = cents(rates.after_tax * applies);
        if let Some((more_pre, more_after)) = extra
            && Some(&date) == last_date.as_ref()
        {
            pre += more_pre;
            after_tax += more_after;
        }
        let asked = pre + roth + after_tax;
        let left = (deferral_limit - f.deferrals()).max(Decimal::ZERO);
        pre = pre.min(left);
        roth = roth.min(left - pre);
        f.pretax += pre;
        f.roth += roth;
        f.after_tax += after_tax;
        f.taken.push(Taken {
            date,
            pay,
            before,
            rates,
            asked,
            pretax: pre,
            roth,
            after_tax,
        });
        before += pay;
    }
    f
}

/// Asserts that no paycheck is asked for more than it holds after the employee's FICA.
#[track_caller]
fn within_what_paychecks_hold(f: &Followed, what: &str) {
    for t in &f.taken {
        let holds = t.pay - fica(t.pay, t.before);
        assert!(
            t.asked <= holds,
            "{what}: the {} paycheck of {} holds {holds} after FICA, but the elections ask {}",
            t.date,
            t.pay,
            t.asked
        );
    }
}

/// A 2026 plan closing: after-tax money allowed, converted in the plan.
const AFTER_TAX_MAX: &str = "[after_tax]\nallowed = true\namount = \"max\"\n\
    [conversion]\nin_plan_roth_conversion = true\n";

// ---------------------------------------------------------------------------------------
// 1. The one-time change in the last paycheck.

/// The starter plan `mbr init` prints: age 40, 180,000 biweekly (27 paydays in 2026, the
/// 27th paid Thu 2026-12-31; extra paycheck unknown, figured as 180,000 / 27 = 6,666.67),
/// pre-tax "max", match 100% of 3% + 50% of 2% (4% of pay at most: 4% × 180,000 = 7,200),
/// after-tax "max". Its after-tax room is 72,000 − 24,500 − 7,200 = 40,300.
///
/// Before the fix the elections are 13% pre-tax and 21% after-tax: 13% × 180,000 = 23,400
/// and 21% × 180,000 = 37,800, with a note that rounding leaves 1,100 of deferrals and
/// 3,600 of after-tax room (37,800 + 3,600 = 41,400, the room under 23,400 of deferrals,
/// not under 24,500) and that "a one-time change in the last paycheck can put it in".
/// Followed as written: deferrals 23,400 + 1,100 = 24,500, after-tax 37,800 + 3,600 =
/// 41,400, match 7,200: 24,500 + 7,200 + 41,400 = 73,100, 1,100 over 415(c).
///
/// The second plan is a mid-year one at low pay: 60,000 monthly (5,000 a paycheck), pay stub
/// to 2026-10-15 with nothing contributed, so three paychecks are left (Oct 30, Nov 30,
/// Dec 31). Each holds 5,000 − FICA (6.2% × 5,000 = 310.00 and 1.45% × 5,000 = 72.50; wages
/// stay under the wage base, 55,000 before the last) = 4,617.50 = 92.35% of it. Before the
/// fix: 92% pre-tax (3 × 4,600 = 13,800) and a note that rounding leaves 52.50 of deferrals
/// and 52.50 of after-tax room for a one-time change: followed, the last paycheck is asked
/// 4,600 + 52.50 + 52.50 = 4,705.00, more than the 4,617.50 it holds.
///
/// What must hold: a one-time change is offered only as `elections.last_paycheck`, never in
/// prose alone; and the even elections with that change, followed, keep 402(g), 415(c) and
/// what each paycheck holds.
#[test]
fn last_paycheck_change_keeps_within_415c() {
    let starter = stdout(&mbr(&["init"], ""));
    let mid_year = format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 60000\npay_frequency = \"monthly\"\n\
         [deferrals]\npretax = \"max\"\n{AFTER_TAX_MAX}[year_to_date]\nas_of = 2026-10-15\n"
    );
    // (plan, its 415(c) limit, the match the even elections earn)
    let cases = [
        // 415(c): the dollar limit. Match: 13% or more deferred in every paycheck, so each
        // earns the whole 4% and the year's match is the annual formula, 7,200.
        ("starter", starter.as_str(), d("72000"), d("7200")),
        // 415(c): 100% of 60,000 of pay. No match.
        (
            "mid-year 60,000",
            mid_year.as_str(),
            d("60000"),
            Decimal::ZERO,
        ),
    ];
    for (name, plan, limit_415c, employer_match) in cases {
        let o = run(plan);
        let prose = notes(&o)
            .into_iter()
            // "no one-time change fits" offers none.
            .any(|n| {
                (n.contains("one-time change") || n.contains("last paycheck"))
                    && !n.contains("no one-time change")
            });

        // The note as written before the fix: both amounts left, put in the last paycheck.
        if notes(&o)
            .iter()
            .any(|n| n.contains("a one-time change in the last paycheck can put it in"))
        {
            let more = (
                num_at(&o, "/elections/left_on_table/deferrals"),
                num_at(&o, "/elections/left_on_table/after_tax"),
            );
            let f = follow(&o, Follow::Even, Limit17::Continue, d("24500"), Some(more));
            let additions = f.deferrals() + employer_match + f.after_tax;
            assert!(
                additions <= limit_415c,
                "{name}: the one-time change the note offers, followed, puts in {} of \
                 deferrals + {employer_match} of match + {} after-tax = {additions}, over \
                 415(c)'s {limit_415c}",
                f.deferrals(),
                f.after_tax
            );
            within_what_paychecks_hold(&f, name);
        }

        assert!(
            !prose || last_paycheck(&o).is_some(),
            "{name}: the notes offer a one-time change in prose with no \
             `elections.last_paycheck`: {:?}",
            notes(&o)
        );
        let f = follow(&o, Follow::Even, Limit17::Continue, d("24500"), None);
        assert!(f.deferrals() <= d("24500"), "{name}: {f:?}");
        let additions = f.deferrals() + employer_match + f.after_tax;
        assert!(
            additions <= limit_415c,
            "{name}: the elections and their last-paycheck change put in {additions}, over \
             415(c)'s {limit_415c}"
        );
        within_what_paychecks_hold(&f, name);
    }
}

// ---------------------------------------------------------------------------------------
// 2. Low pay: 415(c)'s 100%-of-pay limit and the match.

/// Where 415(c) is 100% of pay, every dollar deferred past pay − match crowds a dollar of
/// match out. Monthly plans, pre-tax "max", after-tax "max", true-up (so the match is the
/// annual formula):
/// - 25,000, 100% of the first 5%: match 5% × 25,000 = 1,250; deferrals may be at most
///   25,000 − 1,250 = 23,750 (95%). Before the FICA cap, "max" deferred 24,500 and kept
///   25,000 − 24,500 = 500 of match while saying `keeps_full_match: true`, `match_lost: 0`.
/// - 20,000, 100% of the first 5%: match 1,000; deferrals at most 19,000 (95%).
/// - 24,000, 100% of the first 10%: match 10% × 24,000 = 2,400; deferrals at most
///   24,000 − 2,400 = 21,600 = 90% of pay. A paycheck of 2,000 holds 2,000 − 153.00 of FICA
///   (124.00 + 29.00) = 1,847.00 = 92.35%, so what a paycheck holds does not stop 91% or
///   92%, and only the match does: the deferral that keeps the whole match and defers the
///   most is exactly 90% (1,800.00 a paycheck, 21,600 a year, no rounding). Before the fix
///   the elections were 92% (12 × 1,840 = 22,080), leaving 24,000 − 22,080 = 1,920 of match
///   of the formula's 2,400 while `keeps_full_match` said true.
#[test]
fn low_pay_keeps_the_match_that_100_percent_of_pay_leaves() {
    // (pay, tier "on", the formula's match, the deferral election pinned if unique)
    let cases = [
        ("25000", "5%", d("1250"), None),
        ("20000", "5%", d("1000"), None),
        ("24000", "10%", d("2400"), Some(d("0.90"))),
    ];
    for (pay, on, formula, pinned) in cases {
        let o = run(&format!(
            "year = 2026\n[participant]\nage = 40\ncompensation = {pay}\n\
             pay_frequency = \"monthly\"\n[deferrals]\npretax = \"max\"\n\
             [match]\ntiers = [{{ rate = \"100%\", on = \"{on}\" }}]\ntrue_up = true\n\
             {AFTER_TAX_MAX}"
        ));
        let pay = d(pay);
        let name = format!("{pay} with 100% of {on}");
        assert_eq!(
            num_at(&o, "/elections/reaches/employer_match"),
            formula,
            "{name}: the elections must keep the formula's match"
        );
        assert_eq!(at(&o, "/elections/keeps_full_match"), true, "{name}");
        assert_eq!(num_at(&o, "/match_lost"), Decimal::ZERO, "{name}");
        assert_eq!(
            num_at(&o, "/contributions/employer_match"),
            formula,
            "{name}: the headline match"
        );

        let f = follow(&o, Follow::Even, Limit17::Continue, d("24500"), None);
        // Every paycheck defers at least the tier's share, so the true-up owes the formula.
        let share = d(on.trim_end_matches('%')) / d("100");
        assert!(
            f.taken
                .iter()
                .all(|t| t.rates.pretax + t.rates.roth >= share),
            "{name}: the elections defer less than the match's {on}"
        );
        let additions = f.deferrals() + formula + f.after_tax;
        assert!(
            additions <= pay,
            "{name}: deferrals {} + match {formula} + after-tax {} = {additions}, over \
             415(c)'s 100% of pay, {pay}: the match is crowded out",
            f.deferrals(),
            f.after_tax
        );
        within_what_paychecks_hold(&f, &name);
        if let Some(rate) = pinned {
            assert_eq!(
                num_at(&o, "/elections/pretax") + num_at(&o, "/elections/roth"),
                rate,
                "{name}: 90% is the most deferral that keeps the whole match"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// 3. What a paycheck holds after FICA.

/// Elections take from the same pay the employee's FICA comes out of; no election can be
/// more than 100% of the pay it applies to.
/// - 25,000 monthly, pre-tax "max": a paycheck of 2,083.33 holds 2,083.33 − 129.17 (6.2%,
///   129.16646) − 30.21 (1.45%, 30.208285) = 1,923.95, 92.35%. Before the FICA cap the
///   elections were 93%: 93% × 2,083.33 = 1,937.50, 13.55 more than it holds.
/// - 600,000 monthly, `compensation_limit = "stop"`, pay stub to 2026-07-31 (7 × 50,000 =
///   350,000 paid; pre-tax 14,000, after-tax 7,000, match 10,500). Only August's paycheck
///   still takes elections, and only on the 360,000 − 350,000 = 10,000 of it under the
///   limit. Before the fix: 105% pre-tax and 297% after-tax (per paycheck 52,500 and
///   148,500 of a 50,000 paycheck): 10,500 / 10,000 and 29,700 / 10,000, elections no
///   payroll takes. A percent election is at most 100% of pay.
#[test]
fn elections_leave_room_for_fica() {
    let low = format!(
        "year = 2026\n[participant]\nage = 40\ncompensation = 25000\n\
         pay_frequency = \"monthly\"\n[deferrals]\npretax = \"max\"\n\
         [match]\ntiers = [{{ rate = \"100%\", on = \"5%\" }}]\ntrue_up = true\n{AFTER_TAX_MAX}"
    );
    let stop = format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 600000\n\
         pay_frequency = \"monthly\"\n[deferrals]\npretax = \"max\"\n\
         [match]\ntiers = [{{ rate = \"50%\", on = \"6%\" }}]\ntrue_up = true\n{AFTER_TAX_MAX}\
         [payroll]\ncompensation_limit = \"stop\"\n\
         [year_to_date]\nas_of = 2026-07-31\npretax = 14000\nafter_tax = 7000\nmatch = 10500\n"
    );
    for (name, plan, limit17) in [
        ("25,000 monthly", low.as_str(), Limit17::Continue),
        ("600,000 stop, mid-year", stop.as_str(), Limit17::Stop),
    ] {
        let o = run(plan);
        let even = Rates::at(&o, "/elections");
        assert!(
            even.total() <= Decimal::ONE,
            "{name}: elections of {} of pay in all ({even:?})",
            even.total()
        );
        let f = follow(&o, Follow::Even, limit17, d("24500"), None);
        within_what_paychecks_hold(&f, name);
        // The dollars shown for a regular paycheck fit in it too.
        let first = f.taken.first().unwrap();
        let shown = num_at(&o, "/elections/per_paycheck/pretax")
            + num_at(&o, "/elections/per_paycheck/roth")
            + num_at(&o, "/elections/per_paycheck/after_tax");
        assert!(
            shown <= first.pay - fica(first.pay, first.before),
            "{name}: `per_paycheck` asks {shown} of a {} paycheck",
            first.pay
        );
        if at(&o, "/elections/front_load").is_object() {
            let fl = Rates::at(&o, "/elections/front_load");
            assert!(fl.total() <= Decimal::ONE, "{name}: front-load {fl:?}");
            let f = follow(&o, Follow::FrontLoad, limit17, d("24500"), None);
            within_what_paychecks_hold(&f, name);
        }
    }
}

// ---------------------------------------------------------------------------------------
// 4. Front-loading and a plan's percent cap on after-tax money.

/// A plan cap written as a percent limits each paycheck's after-tax election (contract
/// section 2). 200,000 biweekly (27 paychecks of 7,407.41, same-year pay), pre-tax "max",
/// match 50% of 6% with a true-up (3% × 200,000 = 6,000), after-tax capped at 10%. Before
/// the fix the front-loaded schedule elected 22% after-tax (the issue saw 24%) until June.
/// Now: every after-tax election, even or front-loaded, at most 10%, and no paycheck gives
/// more than 10% of its pay after-tax (10% × 7,407.41 = 740.74). And 415(c): 24,500 + 6,000
/// + after-tax at most 10% × 200,000 = 20,000 is 50,500, within 72,000.
#[test]
fn front_loading_keeps_a_percent_after_tax_cap() {
    let o = run(
        "year = 2026\n[participant]\nage = 45\ncompensation = 200000\n\
         pay_frequency = \"biweekly\"\n[deferrals]\npretax = \"max\"\n\
         [match]\ntiers = [{ rate = \"50%\", on = \"6%\" }]\ntrue_up = true\n\
         [after_tax]\nallowed = true\nlimit = \"10%\"\namount = \"max\"\n\
         [conversion]\nin_plan_roth_conversion = true\n\
         [payroll]\nextra_paycheck = \"same-year-pay\"\n",
    );
    let cap = d("0.10");
    assert!(num_at(&o, "/elections/after_tax") <= cap);
    let mut followed = vec![follow(
        &o,
        Follow::Even,
        Limit17::Continue,
        d("24500"),
        None,
    )];
    if at(&o, "/elections/front_load").is_object() {
        let fl = num_at(&o, "/elections/front_load/after_tax");
        assert!(
            fl <= cap,
            "front-loading elects {fl} after-tax in a plan that caps it at 10%"
        );
        followed.push(follow(
            &o,
            Follow::FrontLoad,
            Limit17::Continue,
            d("24500"),
            None,
        ));
    }
    for f in &followed {
        for t in &f.taken {
            assert!(
                t.after_tax <= cents(cap * t.pay),
                "{}: {} after-tax of a {} paycheck",
                t.date,
                t.after_tax,
                t.pay
            );
        }
        assert!(f.deferrals() + d("6000") + f.after_tax <= d("72000"));
    }
}

// ---------------------------------------------------------------------------------------
// 5. No match, no words about it.

/// A plan with no `[match]` table: 200,000 biweekly, pre-tax "max", after-tax "max". Before
/// the fix the front-loading note ended "no match is lost." Nothing about the elections may
/// speak of a match the plan does not have.
#[test]
fn no_match_plan_never_says_no_match_is_lost() {
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 200000\n\
         pay_frequency = \"biweekly\"\n[deferrals]\npretax = \"max\"\n{AFTER_TAX_MAX}\
         [payroll]\nextra_paycheck = \"same-year-pay\"\n"
    ));
    for n in notes(&o) {
        assert!(
            !n.to_lowercase().contains("match"),
            "a plan with no match: {n}"
        );
    }
    assert_eq!(
        num_at(&o, "/elections/reaches/employer_match"),
        Decimal::ZERO
    );
}

// ---------------------------------------------------------------------------------------
// 6. The 2026 Roth catch-up rule.

/// IRC 414(v)(7): with last year's FICA wages from this employer above 150,000, catch-up
/// must be Roth, so pre-tax deferrals may never pass 402(g). Age 55, 340,000 biweekly (27
/// paychecks of 340,000 / 27 = 12,592.59, same-year pay), prior-year FICA wages 340,000,
/// pre-tax "max" with catch-up: 24,500 pre-tax and 8,000 Roth catch-up, 32,500 in all.
///
/// Before the fix the front-loaded schedule was 18% pre-tax and 6% Roth through 2026-05-22,
/// the 11th payday (Jan 2 + 10 × 14 days), on 11 × 12,592.59 = 138,518.52 of pay: it asks
/// 18% × 12,592.59 = 2,266.67 pre-tax a paycheck, 11 × 2,266.67 = 24,933.37. Payroll's stop
/// at 32,500 cuts only the 11th paycheck, which begins with 10 × 3,022.22 = 30,222.22
/// deferred (24% a paycheck) and so, pre-tax first, takes its whole 2,266.67 of pre-tax:
/// 24,933.37 pre-tax, 433.37 of it catch-up. The even
/// elections (7% pre-tax, 3% Roth: 7% × 340,000 = 23,800) kept within it.
///
/// What must hold: following any recommended schedule (even, with any last-paycheck change,
/// or front-loaded), pre-tax deferrals stay within 24,500, all deferrals within 32,500; and
/// the schedule the JSON shows puts every catch-up dollar in Roth.
#[test]
fn roth_catch_up_rule_keeps_pretax_within_402g() {
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 55\ncompensation = 340000\n\
         pay_frequency = \"biweekly\"\nprior_year_fica_wages = 176100\n\
         [deferrals]\npretax = \"max\"\ncatch_up = true\n\
         [match]\ntiers = [{{ rate = \"50%\", on = \"6%\" }}]\ntrue_up = true\n{AFTER_TAX_MAX}\
         [payroll]\nextra_paycheck = \"same-year-pay\"\n"
    ));
    assert_eq!(at(&o, "/participant/roth_catch_up_required"), true);
    let mut which = vec![("even", Follow::Even)];
    if at(&o, "/elections/front_load").is_object() {
        which.push(("front-loaded", Follow::FrontLoad));
    }
    for (name, w) in which {
        let f = follow(&o, w, Limit17::Continue, d("32500"), None);
        assert!(
            f.pretax <= d("24500"),
            "{name} elections put {} in pre-tax, {} past 402(g): pre-tax catch-up, which \
             414(v)(7) forbids",
            f.pretax,
            f.pretax - d("24500")
        );
        assert!(f.deferrals() <= d("32500"));
        // 415(c): deferrals without catch-up 24,500 + match 3% × 340,000 = 10,200 +
        // after-tax, within 72,000.
        let additions = f.deferrals().min(d("24500")) + d("10200") + f.after_tax;
        assert!(additions <= d("72000"), "{name}: {additions}");
    }
    let lines = at(&o, "/schedule").as_array().unwrap();
    let pretax: Decimal = lines.iter().map(|l| num(&l["pretax"])).sum();
    assert!(pretax <= d("24500"), "the schedule's pre-tax: {pretax}");
    for l in lines {
        assert_eq!(
            num(&l["catch_up"]),
            num(&l["catch_up_roth"]),
            "{}: catch-up not in Roth",
            l["date"]
        );
    }
}

// ---------------------------------------------------------------------------------------
// 7. Above 401(a)(17): after-tax elections under every way payroll applies it.

/// With `compensation_limit` unknown the after-tax election must keep 415(c) whether
/// payroll takes it from all pay or stops at 360,000. The case: elections sized as if
/// payroll stopped at the limit, so where it does not, 9% after-tax passed 415(c) by 14,240.
///
/// 500,000, match 50% of 6% with a true-up: the match counts pay up to 360,000, 3% × 360,000
/// = 10,800; after-tax room 72,000 − 24,500 − 10,800 = 36,700. An after-tax election of r
/// puts r × 500,000 in if payroll goes on, r × 360,000 if it stops, so r may be at most
/// 36,700 / 500,000 = 7.34%. Checked biweekly (27 paychecks of 18,518.52) and monthly
/// (41,666.67), matching deferrals only and deferrals with after-tax money, for the even
/// elections and any front-loaded schedule: deferrals (stopped at 24,500) + 10,800 + the
/// after-tax money followed, at most 72,000.
#[test]
fn above_401a17_after_tax_election_keeps_within_415c() {
    for (freq, matches) in [
        ("biweekly", "deferrals"),
        ("monthly", "deferrals"),
        ("monthly", "deferrals-and-after-tax"),
    ] {
        let o = run(&format!(
            "year = 2026\n[participant]\nage = 45\ncompensation = 500000\n\
             pay_frequency = \"{freq}\"\n[deferrals]\npretax = \"max\"\n\
             [match]\ntiers = [{{ rate = \"50%\", on = \"6%\" }}]\ntrue_up = true\n\
             matches = \"{matches}\"\n{AFTER_TAX_MAX}\
             [payroll]\nextra_paycheck = \"same-year-pay\"\n"
        ));
        let mut which = vec![Follow::Even];
        if at(&o, "/elections/front_load").is_object() {
            which.push(Follow::FrontLoad);
        }
        for w in which {
            for limit17 in [Limit17::Continue, Limit17::Stop] {
                let f = follow(&o, w, limit17, d("24500"), None);
                let additions = f.deferrals() + d("10800") + f.after_tax;
                assert!(
                    additions <= d("72000"),
                    "{freq}, {matches}, {}, payroll {}: {} + 10,800 + {} = {additions}, over \
                     415(c)",
                    if w == Follow::Even {
                        "even"
                    } else {
                        "front-loaded"
                    },
                    if limit17 == Limit17::Stop {
                        "stopping at 401(a)(17)"
                    } else {
                        "going on"
                    },
                    f.deferrals(),
                    f.after_tax
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 8. Unused room and its cause.

/// 480,000 monthly (40,000 a paycheck), `compensation_limit` unknown, pre-tax "max", match
/// 50% of 6% with a true-up (10,800), after-tax "max" (room 36,700). If payroll stops
/// elections at 401(a)(17) they end with September's paycheck (9 × 40,000 = 360,000).
/// Before the fix the elections were 6% pre-tax and 7% after-tax and the only note said
/// rounding to the 1% step leaves 0 of deferrals and 3,100 of after-tax room (7% × 480,000
/// = 33,600). Under "stop" they put in 6% × 360,000 = 21,600 of deferrals (2,900 short of
/// 402(g)) and 7% × 360,000 = 25,200 after-tax (11,500 short of the room): not rounding,
/// since one more step puts in at most 1% × 360,000 = 3,600 more of each, but elections
/// stopping in September.
///
/// What must hold: no note blames rounding for more than one step of the pay the elections
/// run on; and where following the elections under a way payroll may apply 401(a)(17)
/// leaves more than a step unused, the notes say so, naming 401(a)(17).
#[test]
fn unused_room_is_blamed_on_its_real_cause() {
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 480000\n\
         pay_frequency = \"monthly\"\n[deferrals]\npretax = \"max\"\n\
         [match]\ntiers = [{{ rate = \"50%\", on = \"6%\" }}]\ntrue_up = true\n\
         {AFTER_TAX_MAX}[payroll]\nextra_paycheck = \"same-year-pay\"\n"
    ));
    let step = num_at(&o, "/elections/step");
    // The least pay the elections run on: 360,000 when payroll stops at the limit.
    let one_step = step * d("360000");
    for n in notes(&o).iter().filter(|n| n.starts_with("Rounding")) {
        let figures: Vec<Decimal> = n
            .split('$')
            .skip(1)
            .filter_map(|s| {
                let t: String = s
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                    .filter(|c| *c != ',')
                    .collect();
                t.trim_end_matches('.').parse().ok()
            })
            .collect();
        for x in figures {
            assert!(
                x <= one_step,
                "rounding to a {step} step cannot leave {x}: {n}"
            );
        }
    }
    let f = follow(&o, Follow::Even, Limit17::Stop, d("24500"), None);
    let room = num_at(&o, "/after_tax_room");
    let short = (d("24500") - f.deferrals()) + (room - f.after_tax);
    if short > one_step {
        let said = notes(&o)
            .iter()
            .any(|n| n.contains("401(a)(17)") || n.to_lowercase().contains("compensation limit"));
        assert!(
            said,
            "if payroll stops elections at 401(a)(17) these elections leave {} of deferrals \
             and {} of after-tax room unused ({short} in all), and no note says why: {:?}",
            d("24500") - f.deferrals(),
            room - f.after_tax,
            notes(&o)
        );
    }
}

// ---------------------------------------------------------------------------------------
// 9. Mid-year at very high pay.

/// 4,000,000 semimonthly (166,666.67 a paycheck), pay stub to 2026-06-30: the 12 paydays
/// Jan 15 … Jun 30 are paid (2,000,000, far past 360,000), and 12 are left, Jul 15 … Dec 31.
/// Before the fix, with `compensation_limit = "stop"`, the only note said "No paychecks are
/// left in the year to elect on." There are 12; what is true is that payroll takes no
/// elections from them. Checked under "stop" and unknown.
#[test]
fn mid_year_high_pay_counts_the_paychecks_left() {
    for mode in ["stop", "unknown"] {
        let o = run(&format!(
            "year = 2026\n[participant]\nage = 45\ncompensation = 4000000\n\
             pay_frequency = \"semimonthly\"\n[deferrals]\npretax = \"max\"\n\
             [match]\ntiers = [{{ rate = \"50%\", on = \"6%\" }}]\ntrue_up = true\n\
             {AFTER_TAX_MAX}[payroll]\ncompensation_limit = \"{mode}\"\n\
             [year_to_date]\nas_of = 2026-06-30\npretax = 12000\nafter_tax = 6000\n\
             match = 5400\n"
        ));
        let left = at(&o, "/schedule")
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["kind"] == "paycheck" && l["history"] == false)
            .count();
        assert_eq!(left, 12, "{mode}: Jul 15 … Dec 31, two a month");
        for n in notes(&o) {
            assert!(
                !n.contains("No paychecks are left"),
                "{mode}: 12 paychecks are left, but: {n}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// 10. "Contribute at least" where the match is already full.

/// The note "Contribute at least N% if you can" is for match left unclaimed; where the
/// elections already earn the most the match can pay, it is wrong.
/// - A dollar cap: 200,000 biweekly, match 50% of the first 100% of pay up to 12,250, no
///   true-up; 24,500 deferred earns 50% × 24,500 = 12,250, the cap. (The issue saw
///   "Contribute at least 100%" in such plans.)
/// - The 401(a)(17) cap: 4,000,000 biweekly, `compensation_limit = "pro-rata"`, match 50% of
///   6% with a true-up, pay stub to 2026-06-20 (pre-tax 10,000, after-tax 5,000, match
///   5,400): the match counts 360,000 of pay at most, 3% × 360,000 = 10,800. Before the fix
///   the elections (1% pre-tax, reaching 402(g)) earned 10,800 and `keeps_full_match` was
///   true, yet a note said "these elections put in 1% … Contribute at least 6% if you can."
#[test]
fn no_contribute_at_least_note_when_capped_match_is_full() {
    let dollar_cap = format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 200000\n\
         pay_frequency = \"biweekly\"\n[deferrals]\npretax = \"max\"\n\
         [match]\ntiers = [{{ rate = \"50%\", on = \"100%\" }}]\ncap = 12250\ntrue_up = false\n\
         {AFTER_TAX_MAX}[payroll]\nextra_paycheck = \"same-year-pay\"\n"
    );
    let pay_cap = format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 4000000\n\
         pay_frequency = \"biweekly\"\n[deferrals]\npretax = \"max\"\n\
         [match]\ntiers = [{{ rate = \"50%\", on = \"6%\" }}]\ntrue_up = true\n\
         {AFTER_TAX_MAX}[payroll]\nextra_paycheck = \"same-year-pay\"\n\
         compensation_limit = \"pro-rata\"\n\
         [year_to_date]\nas_of = 2026-06-20\npretax = 10000\nafter_tax = 5000\nmatch = 5400\n"
    );
    for (name, plan, most) in [
        ("dollar cap", dollar_cap.as_str(), d("12250")),
        ("401(a)(17)", pay_cap.as_str(), d("10800")),
    ] {
        let o = run(plan);
        assert_eq!(
            num_at(&o, "/elections/reaches/employer_match"),
            most,
            "{name}: the elections earn the most the match pays"
        );
        assert_eq!(at(&o, "/elections/keeps_full_match"), true, "{name}");
        for n in notes(&o) {
            assert!(
                !n.contains("Contribute at least") && !n.contains("goes unclaimed"),
                "{name}: the match is already full ({most}), but: {n}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// 11. A bonus: one year, not two.

/// 200,000 a year with a 50,000 bonus on 2026-03-13 (elections apply to it, the default), so
/// 150,000 in 12 monthly paychecks of 12,500; pre-tax "max", match 100% of 4% per paycheck
/// (no true-up), after-tax "max". The formula's match is 4% × 200,000 = 8,000.
///
/// Before the fix the headline spread "max" over the regular paychecks only, deferring
/// nothing from the bonus: match 12 × 500 = 6,000, `match_lost` 2,000, after-tax room
/// 72,000 − 24,500 − 6,000 = 41,500. The elections (12% pre-tax, 20% after-tax) described
/// another year, the bonus deferred: deferrals 12% × 200,000 = 24,000, match 12 × 500 +
/// 4% × 50,000 = 8,000, after-tax 20% × 200,000 = 40,000, `keeps_full_match` true.
///
/// What must hold: the headline and the elections describe one year (the same match), and
/// `match_lost` and `keeps_full_match` agree; followed, the elections keep 415(c).
#[test]
fn bonus_headline_match_and_elections_describe_one_year() {
    let o = run(&format!(
        "year = 2026\n[participant]\nage = 45\ncompensation = 200000\n\
         pay_frequency = \"monthly\"\n[deferrals]\npretax = \"max\"\n\
         [match]\ntiers = [{{ rate = \"100%\", on = \"4%\" }}]\ntrue_up = false\n\
         {AFTER_TAX_MAX}[[payroll.bonus]]\ndate = 2026-03-13\namount = 50000\n"
    ));
    let headline = num_at(&o, "/contributions/employer_match");
    let elected = num_at(&o, "/elections/reaches/employer_match");
    assert_eq!(
        headline, elected,
        "the headline match and the elections' match describe different years"
    );
    let keeps = at(&o, "/elections/keeps_full_match") == true;
    let lost = num_at(&o, "/match_lost");
    assert_eq!(
        keeps,
        lost.is_zero(),
        "keeps_full_match {keeps} but match_lost {lost}"
    );

    // Followed: each paycheck (the bonus too) earns 100% of what it defers, up to 4% of
    // its pay.
    let f = follow(&o, Follow::Even, Limit17::Continue, d("24500"), None);
    let earned: Decimal = f
        .taken
        .iter()
        .map(|t| (t.pretax + t.roth).min(cents(d("0.04") * t.pay)))
        .sum();
    assert_eq!(
        keeps,
        earned == d("8000"),
        "followed, the match is {earned}"
    );
    let additions = f.deferrals() + earned + f.after_tax;
    assert!(additions <= d("72000"), "{additions}");
}

/// Where a year's extra paycheck may add pay (`extra_paycheck` unknown), that year can pass
/// 401(a)(17) though the year as figured does not, and then how payroll applies the limit
/// (`compensation_limit` unknown) matters too: the advice must hold when both answers come
/// out that way together. Found by `oracle::follow`.
#[test]
fn extra_paycheck_adding_pay_past_401a17_asks_the_401a17_rule_too() {
    // 2024 (LIMITS.md): 415(c) 69,000, 401(a)(17) 345,000, 402(g) 23,000. 332,281 biweekly
    // from Mon 2024-01-01 with `holidays = "none"`: paydays day 1 + 14k, k = 0…26 (Dec 30),
    // 27 of them. Figured as same-year-pay the year pays 332,281, under 345,000; if the 27th
    // adds pay, each is 332,281 / 26 = 12,780.04 and the year 27 × 12,780.04 = 345,061.04,
    // past 345,000. Under "pro-rata" each paycheck's 4.1% nonelective then counts at most
    // 345,000 / 27 = 12,777.78 of pay: 4.1% × 12,777.78 = 523.89 a paycheck.
    let plan = "year = 2024\n[participant]\nage = 25\ncompensation = 332281\n\
        pay_frequency = \"biweekly\"\nprior_year_fica_wages = 100000\n\
        [deferrals]\npretax = \"max\"\n[employer]\nnonelective = \"4.1%\"\n\
        [after_tax]\nallowed = true\n[conversion]\nin_plan_roth_conversion = true\n\
        [payroll]\nelection_step = \"0.1%\"\ncompensation_limit = \"unknown\"\n\
        holidays = \"none\"\nextra_paycheck = \"unknown\"\nfirst_payday = 2024-01-01\n\
        [year_to_date]\nas_of = 2024-10-01\npretax = 0\nafter_tax = 22222.22\nmatch = 0\n\
        nonelective = 10091.50\n";
    let o = run(plan);
    // Paid by 2024-10-01: k = 0…19 (Sep 23); 7 paychecks to come, k = 20…26.
    // In that world: stub 22,222.22 + 10,091.50, deferrals to 402(g) 23,000, nonelective
    // 7 × 523.89 = 3,667.23, so after-tax money may come to at most
    // 69,000 − 22,222.22 − 10,091.50 − 23,000 − 3,667.23 = 10,019.05.
    // (11.2% would be 7 × cents(0.112 × 12,780.04) = 7 × 1,431.36 = 10,019.52: 47 cents over.)
    let pay = d("12780.04");
    let rate = num_at(&o, "/elections/after_tax");
    let mut after_tax = cents(rate * pay) * Decimal::from(6);
    after_tax += match last_paycheck(&o) {
        Some(l) => cents(num(&l["after_tax"]) * pay),
        None => cents(rate * pay),
    };
    assert!(
        after_tax <= d("10019.05"),
        "after-tax money {after_tax} passes 415(c) where the 27th paycheck adds pay and the match pro-rates"
    );
}
