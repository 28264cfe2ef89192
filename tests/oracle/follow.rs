//! Following the advice (issue 11, item 6): random plans go through the binary (`mbr plan
//! --plan - --format json`), and a payroll model of this file's own, written from CONTRACT.md
//! section 2 ("Rounding", "Payroll limits"), section 2b `[payroll]` and RULES.md sections 1–4
//! and 7 (not from the engine), follows the recommended `elections` exactly as a person who
//! types them into a payroll portal would, and so `front_load`, `last_paycheck` and the switch
//! to Roth only at `roth_from` when the output has them. Whatever payroll behaviour the plan file leaves open
//! (`compensation_limit`, `extra_paycheck` "unknown") is followed under every value it could
//! take, and the year is run twice: rounded as the contract says (through paycheck k, each
//! figure is the exact figure for k paychecks rounded) and rounded paycheck by paycheck, as
//! real payroll does (half away from zero).
//!
//! What following the advice must keep:
//! - 402(g): payroll stops deferrals at 402(g) plus the catch-up the participant's age allows
//!   (this plan's deferrals only), so that is modelled, not asserted; where the 2026 Roth
//!   catch-up rule applies (age 50 or more, prior-year FICA wages above the threshold,
//!   IRC 414(v)(7)), the year's pre-tax deferrals never pass what other plans leave of 402(g)
//!   itself.
//! - 402(g) across plans (issue 12; RULES.md section 9): a third of the plans carry
//!   `[[other_plans]]`, whose deferrals come first; this plan's deferrals for the year (pay
//!   stub included) stay within what they leave of 402(g) plus the catch-up this plan allows,
//!   and where the pay stub and the other plans already reach it, the advice defers nothing.
//!   This plan's deferrals above what the other plans leave of 402(g) itself are catch-up,
//!   those up to it annual additions.
//! - 415(c): payroll does not stop after-tax money there, so deferrals up to 402(g), the
//!   employer's money and the after-tax money together stay within the lesser of the 415(c)
//!   limit and the year's pay, less the annual additions of other plans of this employer
//!   (`same_employer = true`). The employer keeps its own money within the limit by cutting
//!   it (after-tax money comes back first under EPCRS, so it has no claim on the room the
//!   employer money takes).
//! - The plan's after-tax cap: a percent cap limits each paycheck's election, a money cap the
//!   year.
//! - What a paycheck holds: the elections together are at most `payroll.max_election` of its
//!   pay when the plan sets one, and at most its pay less the employee's FICA (6.2% up to the
//!   wage base, 1.45%, 0.9% of the year's wages above 200,000), with a cent of slack for
//!   how payroll rounds the withholding.
//! - `keeps_full_match: true` only when the match the followed elections earn (cut, as the
//!   employer cuts it, to what 415(c) leaves) is within a dollar of the annual formula on the
//!   followed deferrals (and after-tax money, where the plan matches it) and the counted pay,
//!   capped.

use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::{TestError, TestRunner};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use crate::common::{d, mbr, stderr};

/// To the cent, half away from zero.
fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A percent held in tenths of a percent (15 is 1.5%), as a fraction.
fn tenths(t: u32) -> Decimal {
    Decimal::new(i64::from(t), 3)
}

/// A percent written as a plan file writes it: 15 tenths is "1.5%".
fn percent_text(t: u32) -> String {
    if t.is_multiple_of(10) {
        format!("\"{}%\"", t / 10)
    } else {
        format!("\"{}.{}%\"", t / 10, t % 10)
    }
}

// ---------------------------------------------------------------------------------------
// The year's figures.

/// One year's figures (LIMITS.md section 1; the Roth catch-up threshold only where
/// `limits/YYYY.toml` marks it enforced, 2026; the wage base from SSA).
struct Limits {
    /// 402(g).
    deferral: Decimal,
    /// The age-50 catch-up.
    catch_up: Decimal,
    /// The age 60–63 catch-up, where it exists (the plan offers it by default).
    catch_up_60_63: Option<Decimal>,
    /// 415(c)'s dollar limit.
    additions: Decimal,
    /// 401(a)(17).
    compensation: Decimal,
    /// Prior-year FICA wages above this make catch-up Roth (414(v)(7)), where enforced.
    roth_catch_up_wages: Option<Decimal>,
    /// The Social Security wage base.
    wage_base: Decimal,
}

fn limits(year: i32) -> Limits {
    let n = Decimal::from;
    match year {
        2024 => Limits {
            deferral: n(23_000),
            catch_up: n(7_500),
            catch_up_60_63: None,
            additions: n(69_000),
            compensation: n(345_000),
            roth_catch_up_wages: None,
            wage_base: n(168_600),
        },
        2025 => Limits {
            deferral: n(23_500),
            catch_up: n(7_500),
            catch_up_60_63: Some(n(11_250)),
            additions: n(70_000),
            compensation: n(350_000),
            roth_catch_up_wages: None,
            wage_base: n(176_100),
        },
        _ => Limits {
            deferral: n(24_500),
            catch_up: n(8_000),
            catch_up_60_63: Some(n(11_250)),
            additions: n(72_000),
            compensation: n(360_000),
            roth_catch_up_wages: Some(n(150_000)),
            wage_base: n(184_500),
        },
    }
}

/// What a paycheck of `pay` holds of the elections, `wages` paid before it this year: its
/// pay less the employee's FICA (RULES.md section 7), each tax to the cent: 6.2% of the part
/// below the wage base, 1.45%, and 0.9% of the part of the year's wages above 200,000 (the
/// figures of `holds` in tests/oracle.rs).
fn holds(wage_base: Decimal, pay: Decimal, wages: Decimal) -> Decimal {
    let ss_wages = (wage_base - wages).max(Decimal::ZERO).min(pay);
    let above = (wages + pay - Decimal::from(200_000).max(wages)).max(Decimal::ZERO);
    pay - cents(Decimal::new(62, 3) * ss_wages)
        - cents(Decimal::new(145, 4) * pay)
        - cents(Decimal::new(9, 3) * above)
}

/// Day of the week of January 1 of `year`, 0 = Sunday (Gauss).
fn new_year_weekday(year: i32) -> i64 {
    let y = i64::from(year) - 1;
    (1 + 5 * (y % 4) + 4 * (y % 100) + 6 * (y % 400)) % 7
}

fn leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn month_lengths(year: i32) -> [i64; 12] {
    [
        31,
        if leap(year) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
}

/// "YYYY-MM-DD" of day `doy` (1 = January 1) of `year`.
fn date_of(year: i32, doy: i64) -> String {
    let mut left = doy;
    for (m, len) in month_lengths(year).iter().enumerate() {
        if left <= *len {
            return format!("{year}-{:02}-{left:02}", m + 1);
        }
        left -= len;
    }
    panic!("day {doy} is not in {year}")
}

fn days_in(year: i32) -> i64 {
    if leap(year) { 366 } else { 365 }
}

/// Day of the week of day `doy` of `year`, 0 = Sunday.
fn weekday(year: i32, doy: i64) -> i64 {
    (new_year_weekday(year) + doy - 1) % 7
}

/// The first payday of weekly or biweekly pay, as a day of the year: `payroll.first_payday`,
/// or by default the first Friday.
fn first_payday(c: &Case) -> i64 {
    c.first_payday
        .unwrap_or(1 + (5 - new_year_weekday(c.year)).rem_euclid(7))
}

/// The regular paydays of the plan as dated (`holidays = "none"`), as the contract sets them:
/// weekly and biweekly every 7 or 14 days from the first payday; semimonthly the two
/// `semimonthly_days` of each month (default the 15th and the last), a day past the end of
/// a short month being its last day (31 is always the last day); monthly the last day of
/// each month.
fn paydays_as_dated(c: &Case) -> Vec<String> {
    let year = c.year;
    let ends = month_lengths(year);
    let every = |step: usize| {
        (first_payday(c)..=days_in(year))
            .step_by(step)
            .map(|doy| date_of(year, doy))
            .collect()
    };
    match c.frequency {
        "weekly" => every(7),
        "biweekly" => every(14),
        "semimonthly" => {
            let (a, b) = c.semimonthly_days.unwrap_or((15, 31));
            (1..=12)
                .flat_map(|m| {
                    let last = ends[m - 1];
                    [
                        format!("{year}-{m:02}-{:02}", i64::from(a).min(last)),
                        format!("{year}-{m:02}-{:02}", i64::from(b).min(last)),
                    ]
                })
                .collect()
        }
        _ => (1..=12)
            .map(|m| format!("{year}-{m:02}-{:02}", ends[m - 1]))
            .collect(),
    }
}

/// How many regular paydays the year pays, where this file can say without a holiday
/// calendar of its own: as dated with `holidays = "none"`; with "before" (the default) only
/// New Year moves a payday across the year's ends (tests/oracle.rs `paychecks`): this year's
/// January 1 payday was paid last year and next year's is paid in this December. That holds
/// for monthly pay (December 31 stays in December), for semimonthly pay whose first day is
/// the 1st (both ends move) or the 4th or later (no weekend or New Year reaches back past
/// January 1 from there), and for weekly and biweekly pay on Tuesday to Friday. Elsewhere
/// (a Monday January 2 when the Federal Reserve observes New Year's Day on it, a weekend
/// January 2 or 3 paid before a Friday New Year) it depends on the holiday calendar, and
/// `None` leaves the count to the schedule.
fn expected_paychecks(c: &Case) -> Option<usize> {
    let dated = paydays_as_dated(c).len();
    if c.holidays_none() {
        return Some(dated);
    }
    match c.frequency {
        "monthly" => Some(dated),
        "semimonthly" => {
            let first = c.semimonthly_days.map_or(15, |d| d.0);
            (first == 1 || first >= 4).then_some(dated)
        }
        _ => {
            let step = if c.frequency == "weekly" { 7 } else { 14 };
            let start = first_payday(c);
            if !(2..=5).contains(&weekday(c.year, start)) {
                return None;
            }
            let next_new_year = usize::from((days_in(c.year) + 1 - start) % step == 0);
            let this_new_year = usize::from(start == 1);
            Some(dated + next_new_year - this_new_year)
        }
    }
}

/// The usual number of paychecks of a frequency: an "adds-pay" paycheck is the annual
/// rate divided by it.
fn usual(frequency: &str) -> usize {
    match frequency {
        "weekly" => 52,
        "biweekly" => 26,
        "semimonthly" => 24,
        _ => 12,
    }
}

// ---------------------------------------------------------------------------------------
// Random plans.

#[derive(Debug, Clone, Copy)]
enum AfterTaxLimit {
    None,
    /// Tenths of a percent of each paycheck's pay.
    Percent(u32),
    /// Dollars a year.
    Money(i64),
}

#[derive(Debug, Clone, Copy)]
enum Step {
    /// Tenths of a percent.
    Percent(u32),
    /// Dollars per paycheck.
    Dollars(i64),
}

/// A mid-year plan: a pay stub dated `as_of`, with deferrals and after-tax money paid so far
/// at these rates (tenths of a percent of the pay so far).
#[derive(Debug, Clone, Copy)]
struct MidYear {
    month: u32,
    day: u32,
    deferral: u32,
    after_tax: u32,
}

#[derive(Debug, Clone)]
struct Case {
    year: i32,
    age: u32,
    catch_up: bool,
    prior_year_fica_wages: i64,
    compensation: i64,
    frequency: &'static str,
    /// Tenths of a percent; `None` is "max".
    pretax: Option<u32>,
    /// Tenths of a percent.
    roth: u32,
    /// (rate %, on in tenths of a percent).
    tiers: Vec<(u32, u32)>,
    match_cap: Option<i64>,
    true_up: bool,
    match_after_tax: bool,
    /// Tenths of a percent.
    nonelective: u32,
    after_tax_limit: AfterTaxLimit,
    step: Step,
    /// Percent.
    max_election: Option<u32>,
    compensation_limit: &'static str,
    /// `holidays = "none"` (always for a mid-year plan); otherwise the default "before".
    holidays_none: bool,
    /// `extra_paycheck`, when the file says.
    extra_paycheck: Option<&'static str>,
    /// `payroll.first_payday` (weekly and biweekly), a day of January.
    first_payday: Option<i64>,
    /// `payroll.semimonthly_days` (semimonthly).
    semimonthly_days: Option<(u32, u32)>,
    /// `[[payroll.bonus]]`, in the file's order.
    bonuses: Vec<Bonus>,
    mid_year: Option<MidYear>,
    /// `[[other_plans]]`, in the file's order.
    other_plans: Vec<OtherPlan>,
}

/// An `[[other_plans]]` entry (CONTRACT.md section 2b): another plan's deferrals this year,
/// and with `same_employer` its annual additions, which share this plan's 415(c).
#[derive(Debug, Clone)]
struct OtherPlan {
    name: Option<String>,
    deferrals: Decimal,
    same_employer: bool,
    /// Written only with `same_employer = true`.
    annual_additions: Decimal,
}

/// A `[[payroll.bonus]]`: paid on day `doy` of the year, `compensation` includes it.
#[derive(Debug, Clone, Copy)]
struct Bonus {
    doy: i64,
    amount: Decimal,
    /// `elections_apply`: percent elections run on it too (dollar elections never do).
    applies: bool,
}

impl Case {
    fn limits(&self) -> Limits {
        limits(self.year)
    }

    fn holidays_none(&self) -> bool {
        self.holidays_none || self.mid_year.is_some()
    }

    /// The pay of the regular paychecks: compensation less the bonuses.
    fn regular_pay(&self) -> Decimal {
        Decimal::from(self.compensation) - self.bonuses.iter().map(|b| b.amount).sum::<Decimal>()
    }

    fn dollar_steps(&self) -> bool {
        matches!(self.step, Step::Dollars(_))
    }

    /// The year's paydays as dated (a mid-year plan's, and the hand tests').
    fn as_dated(&self) -> Timeline {
        timeline(self, &paydays_as_dated(self))
    }

    /// The stop payroll puts on this plan's deferrals: 402(g) plus the catch-up of a
    /// participant who makes catch-up contributions (`catch_up = true`) at an age that
    /// allows it (CONTRACT.md section 2, "Payroll limits"; RULES.md sections 2 and 7).
    fn deferral_stop(&self) -> Decimal {
        let l = self.limits();
        let catch_up = match l.catch_up_60_63 {
            _ if self.age < 50 || !self.catch_up => Decimal::ZERO,
            Some(c) if (60..=63).contains(&self.age) => c,
            _ => l.catch_up,
        };
        l.deferral + catch_up
    }

    /// The person's 402(g) limit across plans: 402(g) plus the catch-up this plan allows
    /// (RULES.md section 9: the catch-up raises the person-wide limit, the age 60–63 amount
    /// only in a plan that offers it), the same figure as payroll's stop here.
    fn person_limit(&self) -> Decimal {
        self.deferral_stop()
    }

    /// The other plans' deferrals this year: they come first (CONTRACT.md section 2b).
    fn other_deferrals(&self) -> Decimal {
        self.other_plans.iter().map(|o| o.deferrals).sum()
    }

    /// The annual additions of other plans of this employer, which share this plan's 415(c)
    /// (RULES.md section 9).
    fn same_employer_additions(&self) -> Decimal {
        self.other_plans
            .iter()
            .filter(|o| o.same_employer)
            .map(|o| o.annual_additions)
            .sum()
    }

    /// What the other plans leave of 402(g) itself: this plan's deferrals above it are
    /// catch-up (RULES.md section 2: catch-up is the part of the person's deferrals above
    /// 402(g)), those up to it are annual additions.
    fn catch_up_above(&self) -> Decimal {
        (self.limits().deferral - self.other_deferrals()).max(Decimal::ZERO)
    }

    /// The 2026 Roth catch-up rule applies: catch-up must be Roth (IRC 414(v)(7)).
    fn roth_catch_up(&self) -> bool {
        self.age >= 50
            && self.catch_up
            && self
                .limits()
                .roth_catch_up_wages
                .is_some_and(|t| Decimal::from(self.prior_year_fica_wages) > t)
    }
}

/// One payday of the year: a regular paycheck, or the bonus `bonus` of the plan.
#[derive(Debug, Clone)]
struct Slot {
    date: String,
    bonus: Option<usize>,
}

/// The year's paydays in the order payroll pays them.
#[derive(Debug, Clone)]
struct Timeline {
    slots: Vec<Slot>,
    /// How many are regular paychecks.
    regular: usize,
    /// How many are on or before the pay stub's date (already paid).
    history: usize,
}

/// The regular paydays `regular` with the plan's bonuses among them, each bonus on its date
/// as written (a bonus is its own paycheck, not moved for a weekend: CONTRACT/README), after
/// any regular paycheck and any earlier bonus of the same day.
fn timeline(c: &Case, regular: &[String]) -> Timeline {
    let mut slots: Vec<Slot> = regular
        .iter()
        .map(|date| Slot {
            date: date.clone(),
            bonus: None,
        })
        .collect();
    for (b, bonus) in c.bonuses.iter().enumerate() {
        let date = date_of(c.year, bonus.doy);
        let at = slots
            .iter()
            .position(|s| s.date > date)
            .unwrap_or(slots.len());
        slots.insert(
            at,
            Slot {
                date,
                bonus: Some(b),
            },
        );
    }
    let history = c.mid_year.map_or(0, |m| {
        let as_of = format!("{}-{:02}-{:02}", c.year, m.month, m.day);
        slots.iter().filter(|s| s.date <= as_of).count()
    });
    Timeline {
        slots,
        regular: regular.len(),
        history,
    }
}

/// Each payday's pay, exact and as paid. The regular paychecks share compensation less the
/// bonuses, each the exact share rounded as the contract says (running totals rounded): over
/// the year's regular paychecks, or with an "adds-pay" extra paycheck over the usual number,
/// so that year pays more. A bonus pays its amount.
fn pays(c: &Case, t: &Timeline, adds_pay: bool) -> Vec<(Decimal, Decimal)> {
    let div = Decimal::from(if adds_pay {
        usual(c.frequency)
    } else {
        t.regular
    });
    let rate = c.regular_pay();
    let mut j = Decimal::ZERO;
    t.slots
        .iter()
        .map(|s| match s.bonus {
            Some(b) => (c.bonuses[b].amount, c.bonuses[b].amount),
            None => {
                let paid = cents(rate * (j + Decimal::ONE) / div) - cents(rate * j / div);
                j += Decimal::ONE;
                (rate / div, paid)
            }
        })
        .collect()
}

/// The match formula on `matched` dollars against `counted` pay: each tier's rate on the
/// share of pay it covers (RULES.md section 4).
fn formula(tiers: &[(u32, u32)], matched: Decimal, counted: Decimal) -> Decimal {
    let mut from = Decimal::ZERO;
    let mut m = Decimal::ZERO;
    for (rate, on) in tiers {
        let on = tenths(*on);
        m += Decimal::from(*rate) / Decimal::ONE_HUNDRED
            * (matched - from * counted)
                .max(Decimal::ZERO)
                .min(on * counted);
        from += on;
    }
    m
}

/// A pay stub's figures.
#[derive(Debug, Clone, Copy, Default)]
struct Stub {
    pretax: Decimal,
    after_tax: Decimal,
    matched: Decimal,
    nonelective: Decimal,
}

/// The pay stub of a mid-year plan: deferrals and after-tax money at its rates of the pay so
/// far (deferrals no faster than 402(g) spread over the year, after-tax money no more than
/// $30,000 a year's pace and within the plan's cap), the match on them by the annual formula
/// (a plan trued up so far), nonelective money on the counted pay so far.
fn stub(c: &Case) -> Stub {
    let Some(m) = c.mid_year else {
        return Stub::default();
    };
    let l = c.limits();
    // Paid so far: the regular paychecks and bonuses on or before the stub's date; the
    // stub's paces are the regular paychecks' share of the year.
    let t = c.as_dated();
    let done = &t.slots[..t.history];
    let paid: Decimal = pays(c, &t, false)[..t.history].iter().map(|p| p.1).sum();
    let n = Decimal::from(t.regular);
    let k = Decimal::from(done.iter().filter(|s| s.bonus.is_none()).count());
    let counted = paid.min(l.compensation);
    let pretax = cents(tenths(m.deferral) * paid).min(cents(l.deferral * k / n));
    let mut after_tax = cents(tenths(m.after_tax) * paid).min(cents(Decimal::from(30_000) * k / n));
    match c.after_tax_limit {
        AfterTaxLimit::Percent(p) => after_tax = after_tax.min(cents(tenths(p) * paid)),
        AfterTaxLimit::Money(cap) => after_tax = after_tax.min(cents(Decimal::from(cap) * k / n)),
        AfterTaxLimit::None => {}
    }
    let nonelective = cents(tenths(c.nonelective) * counted);
    let matched = |after_tax: Decimal| {
        let on = if c.match_after_tax {
            pretax + after_tax
        } else {
            pretax
        };
        let m = cents(formula(&c.tiers, on, counted));
        c.match_cap.map_or(m, |cap| m.min(Decimal::from(cap)))
    };
    // A stub within 415(c) at its pace: after-tax money only from what the deferrals and the
    // employer's money leave of the limit's share of the year so far (the limit less this
    // employer's other plans' additions).
    let budget = (l.additions.min(Decimal::from(c.compensation)) - c.same_employer_additions())
        .max(Decimal::ZERO);
    let pace = cents(budget * k / n);
    let left = (pace - pretax - nonelective - matched(Decimal::ZERO)).max(Decimal::ZERO);
    let after_tax = if c.match_after_tax {
        // The match grows with after-tax money too: halve until it fits.
        let mut a = after_tax.min(left);
        while a > Decimal::ZERO && pretax + nonelective + matched(a) + a > pace {
            a = cents(a / Decimal::TWO);
            if a < Decimal::ONE {
                a = Decimal::ZERO;
            }
        }
        a
    } else {
        after_tax.min(left)
    };
    Stub {
        pretax,
        after_tax,
        matched: matched(after_tax),
        nonelective,
    }
}

fn toml(c: &Case) -> String {
    let pretax = c.pretax.map_or("\"max\"".to_string(), percent_text);
    let roth = if c.roth == 0 {
        "0".to_string()
    } else {
        percent_text(c.roth)
    };
    let mut s = format!(
        "year = {}\n[participant]\nage = {}\ncompensation = {}\npay_frequency = \"{}\"\n\
         prior_year_fica_wages = {}\n[deferrals]\npretax = {pretax}\nroth = {roth}\n\
         catch_up = {}\n",
        c.year, c.age, c.compensation, c.frequency, c.prior_year_fica_wages, c.catch_up
    );
    if !c.tiers.is_empty() {
        let tiers: Vec<_> = c
            .tiers
            .iter()
            .map(|(r, on)| format!("{{ rate = \"{r}%\", on = {} }}", percent_text(*on)))
            .collect();
        s += &format!("[match]\ntiers = [{}]\n", tiers.join(", "));
        if let Some(cap) = c.match_cap {
            s += &format!("cap = {cap}\n");
        }
        let matches = if c.match_after_tax {
            "deferrals-and-after-tax"
        } else {
            "deferrals"
        };
        s += &format!("matches = \"{matches}\"\ntrue_up = {}\n", c.true_up);
    }
    if c.nonelective > 0 {
        s += &format!(
            "[employer]\nnonelective = {}\n",
            percent_text(c.nonelective)
        );
    }
    s += "[after_tax]\nallowed = true\n";
    match c.after_tax_limit {
        AfterTaxLimit::None => {}
        AfterTaxLimit::Percent(p) => s += &format!("limit = {}\n", percent_text(p)),
        AfterTaxLimit::Money(m) => s += &format!("limit = {m}\n"),
    }
    s += "[conversion]\nin_plan_roth_conversion = true\n[payroll]\n";
    match c.step {
        Step::Percent(p) => s += &format!("election_step = {}\n", percent_text(p)),
        Step::Dollars(x) => s += &format!("election_step = {x}\n"),
    }
    if let Some(m) = c.max_election {
        s += &format!("max_election = \"{m}%\"\n");
    }
    s += &format!("compensation_limit = \"{}\"\n", c.compensation_limit);
    if c.holidays_none() {
        s += "holidays = \"none\"\n";
    }
    if let Some(e) = c.extra_paycheck {
        s += &format!("extra_paycheck = \"{e}\"\n");
    }
    if let Some(doy) = c.first_payday {
        s += &format!("first_payday = {}\n", date_of(c.year, doy));
    }
    if let Some((a, b)) = c.semimonthly_days {
        s += &format!("semimonthly_days = [{a}, {b}]\n");
    }
    for b in &c.bonuses {
        s += &format!(
            "[[payroll.bonus]]\ndate = {}\namount = {}\nelections_apply = {}\n",
            date_of(c.year, b.doy),
            b.amount,
            b.applies
        );
    }
    if let Some(m) = c.mid_year {
        let st = stub(c);
        s += &format!(
            "[year_to_date]\nas_of = {}-{:02}-{:02}\npretax = {}\nafter_tax = {}\nmatch = {}\n\
             nonelective = {}\n",
            c.year, m.month, m.day, st.pretax, st.after_tax, st.matched, st.nonelective
        );
    }
    for o in &c.other_plans {
        s += "[[other_plans]]\n";
        if let Some(name) = &o.name {
            s += &format!("name = \"{name}\"\n");
        }
        s += &format!("deferrals = {}\n", o.deferrals);
        if o.same_employer {
            s += &format!(
                "same_employer = true\nannual_additions = {}\n",
                o.annual_additions
            );
        }
    }
    s
}

fn cases() -> impl Strategy<Value = Case> {
    let pay = prop_oneof![
        15_000i64..60_000,
        60_000i64..400_000,
        400_000i64..=3_000_000,
    ];
    let tier = (prop::sample::select(vec![25u32, 50, 100]), 5u32..=60);
    let after_tax_limit = prop_oneof![
        Just(AfterTaxLimit::None),
        (10u32..=250).prop_map(|p| AfterTaxLimit::Percent(p / 10 * 10)),
        (2_000i64..50_000).prop_map(AfterTaxLimit::Money),
    ];
    let step = prop::sample::select(vec![
        Step::Percent(10),
        Step::Percent(5),
        Step::Percent(1),
        Step::Dollars(1),
        Step::Dollars(10),
    ]);
    // `[[other_plans]]` in a third of the plans: one or two, each deferring up to about
    // $30,000 (in cents; a fifth of them up to $40,000, past 402(g) plus any catch-up on
    // its own), some of this employer with annual additions up to $70,000.
    let other_plan = (
        prop_oneof![
            1 => Just(0i64),
            4 => 1i64..=1_500_000,
            2 => 1_500_000i64..=3_000_000,
            1 => 3_000_000i64..=4_000_000,
        ],
        prop::option::weighted(0.4, 0i64..=7_000_000),
        prop::option::weighted(0.3, 1u32..=9),
    )
        .prop_map(|(deferrals, additions, name)| OtherPlan {
            name: name.map(|n| format!("Plan {n}")),
            deferrals: Decimal::new(deferrals, 2),
            same_employer: additions.is_some(),
            annual_additions: Decimal::new(additions.unwrap_or(0), 2),
        });
    let other_plans = prop::option::weighted(0.33, prop::collection::vec(other_plan, 1..=2))
        .prop_map(Option::unwrap_or_default);
    let mid_year = prop::option::weighted(
        0.3,
        (2u32..=11, 1u32..=28, 0u32..=150, 0u32..=100).prop_map(
            |(month, day, deferral, after_tax)| MidYear {
                month,
                day,
                deferral,
                after_tax,
            },
        ),
    );
    (
        (
            2024i32..=2026,
            25u32..=70,
            any::<bool>(),
            // Last year's W-2 box 3: below and above the $150,000 Roth catch-up threshold,
            // and within every year's wage base (2023's $160,200 the lowest), which box 3
            // cannot exceed.
            prop::sample::select(vec![100_000i64, 155_000]),
            pay,
            prop::sample::select(vec!["weekly", "biweekly", "semimonthly", "monthly"]),
        ),
        (
            prop::option::weighted(0.6, 10u32..=300),
            prop_oneof![Just(0u32), 10u32..=150],
            prop::collection::vec(tier, 0..=2),
            prop::option::weighted(0.3, 1_000i64..15_000),
            any::<bool>(),
            any::<bool>(),
            prop_oneof![Just(0u32), 10u32..=100],
        ),
        (
            after_tax_limit,
            step,
            prop::option::weighted(0.4, 20u32..=95),
            prop::sample::select(vec!["continue", "stop", "pro-rata", "unknown"]),
            any::<bool>(),
            prop::sample::select(vec![
                None,
                Some("same-year-pay"),
                Some("adds-pay"),
                Some("unknown"),
            ]),
            mid_year,
        ),
        (
            // Bonuses: a day of the year away from New Year, $1,000–$100,000 in cents.
            prop::collection::vec((5i64..=354, 100_000i64..=10_000_000, any::<bool>()), 0..=2),
            // semimonthly_days: [d, d + 15] or [d, 31].
            prop::option::of((1u32..=15, any::<bool>())),
            // first_payday: a weekday (Monday 1 … Friday 5) in the first week, or for
            // biweekly pay the first or second week; or January 1 or 2 (weekdays in
            // 2024–2026), which make most of the 27- and 53-payday years.
            prop::option::of(prop_oneof![
                (1i64..=5, any::<bool>()).prop_map(|(day, week)| (day, week, false)),
                (1i64..=2).prop_map(|doy| (doy, false, true)),
            ]),
            other_plans,
        ),
    )
        .prop_map(
            |(
                (year, age, catch_up, prior_year_fica_wages, compensation, frequency),
                (pretax, roth, tiers, match_cap, true_up, match_after_tax, nonelective),
                (
                    after_tax_limit,
                    step,
                    max_election,
                    compensation_limit,
                    holidays_none,
                    extra_paycheck,
                    mid_year,
                ),
                (bonuses, semimonthly_days, first_payday, other_plans),
            )| Case {
                year,
                age,
                catch_up,
                prior_year_fica_wages,
                compensation,
                frequency,
                pretax,
                roth,
                tiers,
                match_cap,
                true_up,
                match_after_tax,
                nonelective,
                after_tax_limit,
                step,
                max_election,
                compensation_limit,
                holidays_none,
                extra_paycheck,
                // Paydays from a day of January within the first pay period.
                first_payday: first_payday
                    .filter(|_| matches!(frequency, "weekly" | "biweekly"))
                    .map(|(day, second_week, january)| {
                        if january {
                            return day;
                        }
                        let week = i64::from(second_week && frequency == "biweekly");
                        1 + (day - new_year_weekday(year)).rem_euclid(7) + 7 * week
                    }),
                semimonthly_days: semimonthly_days
                    .filter(|_| frequency == "semimonthly")
                    .map(|(a, last)| (a, if last { 31 } else { a + 15 })),
                // Each bonus at most a third of compensation, so regular pay is most of it.
                bonuses: bonuses
                    .into_iter()
                    .map(|(doy, amount, applies)| Bonus {
                        doy,
                        amount: Decimal::new(amount.min(compensation * 100 / 3), 2),
                        applies,
                    })
                    .collect(),
                mid_year,
                other_plans,
            },
        )
}

// ---------------------------------------------------------------------------------------
// The payroll model.

/// How payroll applies 401(a)(17) within the year (RULES.md section 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Elections on all pay; the match stops when the year's pay reaches the limit.
    Continue,
    /// Elections and match both stop there.
    Stop,
    /// Elections on all pay; the match counts each paycheck's pay up to limit / paychecks.
    ProRata,
}

/// How each paycheck's money is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rounding {
    /// The contract's: through paycheck k, the exact figure for k paychecks, rounded.
    Cumulative,
    /// Real payroll's: each paycheck's own figure rounded by itself.
    PerPaycheck,
}

/// One way payroll could run the year.
#[derive(Debug, Clone, Copy)]
struct Payroll {
    mode: Mode,
    /// A 27th (53rd) paycheck adds pay: each is the annual rate / 26 (52).
    adds_pay: bool,
    rounding: Rounding,
}

impl Payroll {
    fn label(&self) -> String {
        format!(
            "{:?}{}, {:?} rounding",
            self.mode,
            if self.adds_pay { ", adds-pay" } else { "" },
            self.rounding
        )
    }
}

/// What a person elects for one paycheck.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Elect {
    /// Fractions of pay.
    Percent {
        pretax: Decimal,
        roth: Decimal,
        after_tax: Decimal,
    },
    /// Dollars.
    Dollars {
        pretax: Decimal,
        roth: Decimal,
        after_tax: Decimal,
    },
}

impl Elect {
    const NOTHING: Elect = Elect::Percent {
        pretax: Decimal::ZERO,
        roth: Decimal::ZERO,
        after_tax: Decimal::ZERO,
    };
}

/// The year as followed.
#[derive(Debug, Default)]
struct Year {
    pretax: Decimal,
    deferrals: Decimal,
    after_tax: Decimal,
    matched: Decimal,
    nonelective: Decimal,
    pay: Decimal,
    /// The most match the paychecks followed could earn (each at the formula's top, exact),
    /// before the match cap.
    match_possible: Decimal,
    /// Limits passed on single paychecks.
    paycheck_faults: Vec<(&'static str, String)>,
    /// The pay stub's figures (a mid-year plan), included in the year's.
    stub: Stub,
}

/// The running exact figure of one percent contribution and what was paid of it.
#[derive(Default, Clone, Copy)]
struct Running {
    exact: Decimal,
}

impl Running {
    /// This paycheck's share of the running figure: the exact figure through it rounded,
    /// less the exact figure through the one before rounded.
    fn next(&mut self, add: Decimal) -> Decimal {
        let before = cents(self.exact);
        self.exact += add;
        cents(self.exact) - before
    }
}

/// Follows `plan` (one election per paycheck of the year, `None` for a paycheck already paid
/// or with nothing elected) through payroll run as `p`.
fn follow(c: &Case, p: Payroll, plan: &[Option<Elect>], t: &Timeline) -> Year {
    let l = c.limits();
    let k = t.history;
    let pays = pays(c, t, p.adds_pay);
    let cap = l.compensation;
    // "pro-rata" divides 401(a)(17) by the regular paychecks; a bonus is a paycheck of its
    // own there, counted up to the same share (README, "The plan file").
    let share = cap / Decimal::from(t.regular);
    let st = stub(c);
    let stop = c.deferral_stop();
    let mut y = Year {
        pretax: st.pretax,
        deferrals: st.pretax,
        after_tax: st.after_tax,
        pay: pays.iter().map(|p| p.1).sum(),
        stub: st,
        ..Year::default()
    };
    let (mut pt_run, mut ro_run, mut at_run) =
        (Running::default(), Running::default(), Running::default());
    let (mut match_exact, mut ne_exact) = (Decimal::ZERO, Decimal::ZERO);
    let (mut match_paid, mut ne_paid) = (Decimal::ZERO, Decimal::ZERO);
    let match_cap = c.match_cap.map(Decimal::from);
    let ne_rate = tenths(c.nonelective);
    // The pay before each paycheck, exact and as paid, and what the match counted of it:
    // the pay stub's paychecks were counted as the rest are, in full up to 401(a)(17), or
    // under "pro-rata" each at most the share.
    let (mut exact_before, mut paid_before) = (Decimal::ZERO, Decimal::ZERO);
    let (mut counted_before_exact, mut counted_before) = (Decimal::ZERO, Decimal::ZERO);
    for (i, (slot, &(pay_exact, pay))) in t.slots.iter().zip(&pays).enumerate() {
        let date = slot.date.as_str();
        let wages_before = paid_before;
        let up_to_cap = |to: Decimal, before: Decimal| to.min(cap) - before.min(cap);
        // The pay up to 401(a)(17) in the year.
        let capped = (
            up_to_cap(exact_before + pay_exact, exact_before),
            up_to_cap(paid_before + pay, paid_before),
        );
        // The pay the match (and nonelective money) counts, exact and as paid: never more
        // than 401(a)(17) in the year.
        let (counted_exact, counted) = match p.mode {
            Mode::ProRata => (
                pay_exact.min(share).min(cap - counted_before_exact),
                pay.min(share).min(cap - counted_before),
            ),
            _ => capped,
        };
        exact_before += pay_exact;
        paid_before += pay;
        counted_before_exact += counted_exact;
        counted_before += counted;
        if i < k {
            continue;
        }
        // The pay elections run on.
        let (base_exact, base) = match p.mode {
            Mode::Stop => capped,
            _ => (pay_exact, pay),
        };
        // What payroll could match of this paycheck at most: nothing on a bonus the
        // elections do not reach.
        let electable = slot
            .bonus
            .is_none_or(|b| c.bonuses[b].applies && !c.dollar_steps());
        let elect = plan.get(i).copied().flatten().unwrap_or(Elect::NOTHING);
        // What each election asks of this paycheck, and its exact figure for the match.
        let ((want_pt, ex_pt), (want_ro, ex_ro), (want_at, ex_at)) = match elect {
            Elect::Percent {
                pretax,
                roth,
                after_tax,
            } => {
                let one = |r: Decimal, run: &mut Running| match p.rounding {
                    Rounding::Cumulative => (run.next(r * base_exact), r * base_exact),
                    Rounding::PerPaycheck => (cents(r * base), cents(r * base)),
                };
                (
                    one(pretax, &mut pt_run),
                    one(roth, &mut ro_run),
                    one(after_tax, &mut at_run),
                )
            }
            Elect::Dollars {
                pretax,
                roth,
                after_tax,
            } => {
                let on = |x: Decimal| {
                    if base > Decimal::ZERO {
                        x
                    } else {
                        Decimal::ZERO
                    }
                };
                (
                    (on(pretax), on(pretax)),
                    (on(roth), on(roth)),
                    (on(after_tax), on(after_tax)),
                )
            }
        };
        // The plan's cap on all elections together, and on after-tax elections.
        match elect {
            Elect::Percent {
                pretax,
                roth,
                after_tax,
            } => {
                if let Some(m) = c.max_election {
                    let m = Decimal::from(m) / Decimal::ONE_HUNDRED;
                    if pretax + roth + after_tax > m {
                        y.paycheck_faults.push((
                            "max_election",
                            format!(
                                "{date}: elections {} above max_election {m}",
                                pretax + roth + after_tax
                            ),
                        ));
                    }
                }
                if let AfterTaxLimit::Percent(cap) = c.after_tax_limit
                    && after_tax > tenths(cap)
                {
                    y.paycheck_faults.push((
                        "after-tax percent cap",
                        format!(
                            "{date}: after-tax {after_tax} above the plan's {}",
                            tenths(cap)
                        ),
                    ));
                }
            }
            // A percent cap on a dollar election is money, and payroll figures money to the
            // cent (the contract's rounding, half away from zero): $175.00 is within 47% of
            // $372.34 (174.9998, $175.00), which an unrounded comparison would call a breach.
            Elect::Dollars { .. } => {
                if let Some(m) = c.max_election {
                    let most = cents(Decimal::from(m) / Decimal::ONE_HUNDRED * pay);
                    let asked = want_pt + want_ro + want_at;
                    if asked > most {
                        y.paycheck_faults.push((
                            "max_election",
                            format!("{date}: elections ${asked} above {m}% of ${pay} = ${most}"),
                        ));
                    }
                }
                if let AfterTaxLimit::Percent(cap) = c.after_tax_limit
                    && want_at > cents(tenths(cap) * pay)
                {
                    y.paycheck_faults.push((
                        "after-tax percent cap",
                        format!(
                            "{date}: after-tax ${want_at} above {} of ${pay} = ${}",
                            tenths(cap),
                            cents(tenths(cap) * pay)
                        ),
                    ));
                }
            }
        }
        // Payroll stops deferrals at 402(g) plus the catch-up (pre-tax first), counting this
        // plan's deferrals only: other plans' are not payroll's to see (CONTRACT.md section
        // 2, "Payroll limits").
        let room = (stop - y.deferrals).max(Decimal::ZERO);
        let pt = want_pt.min(room);
        let ro = want_ro.min(room - pt);
        let at = want_at;
        let used = pt + ro + at;
        let held = holds(l.wage_base, pay, wages_before);
        if used > held + Decimal::new(1, 2) {
            y.paycheck_faults.push((
                "paycheck holds (FICA)",
                format!("{date}: ${used} elected of ${pay}, which holds ${held} after FICA"),
            ));
        }
        y.pretax += pt;
        y.deferrals += pt + ro;
        y.after_tax += at;
        // The match on this paycheck, on the exact figures where no limit cut them.
        let ex_def =
            (if pt == want_pt { ex_pt } else { pt }) + (if ro == want_ro { ex_ro } else { ro });
        let on = |def: Decimal, aft: Decimal| if c.match_after_tax { def + aft } else { def };
        match p.rounding {
            Rounding::Cumulative => {
                match_exact += formula(&c.tiers, on(ex_def, ex_at), counted_exact);
                if electable {
                    y.match_possible +=
                        formula(&c.tiers, counted_exact * Decimal::TEN, counted_exact);
                }
                if let Some(m) = match_cap {
                    match_exact = match_exact.min(m - st.matched).max(Decimal::ZERO);
                }
                ne_exact += ne_rate * counted_exact;
            }
            Rounding::PerPaycheck => {
                match_paid += cents(formula(&c.tiers, on(pt + ro, at), counted));
                if let Some(m) = match_cap {
                    match_paid = match_paid.min(m - st.matched).max(Decimal::ZERO);
                }
                ne_paid += cents(ne_rate * counted);
            }
        }
    }
    y.matched = st.matched + cents(match_exact.round_dp(12)) + match_paid;
    y.nonelective = st.nonelective + cents(ne_exact.round_dp(12)) + ne_paid;
    if c.true_up && !c.tiers.is_empty() {
        y.matched = full_match(c, &y);
    }
    y
}

/// The annual formula on the year's deferrals (and after-tax money where the plan matches
/// it) and the counted pay, capped, to the cent.
fn full_match(c: &Case, y: &Year) -> Decimal {
    let counted = y.pay.min(c.limits().compensation);
    let on = if c.match_after_tax {
        y.deferrals + y.after_tax
    } else {
        y.deferrals
    };
    let m = cents(formula(&c.tiers, on, counted));
    c.match_cap.map_or(m, |cap| m.min(Decimal::from(cap)))
}

/// This plan's 415(c) budget: the lesser of the 415(c) dollar limit and the year's pay,
/// less the annual additions of this employer's other plans (`same_employer = true`, RULES.md
/// section 9: one employer's plans share one limit), never below 0.
fn limit_415(c: &Case, y: &Year) -> Decimal {
    (c.limits().additions.min(y.pay) - c.same_employer_additions()).max(Decimal::ZERO)
}

/// `deferrals` of this plan that are annual additions: those up to what the other plans
/// leave of 402(g) (the person's deferrals above 402(g) are catch-up, which is not one).
fn deferrals_415(c: &Case, deferrals: Decimal) -> Decimal {
    deferrals.min(c.catch_up_above())
}

/// The year's deferrals that are annual additions.
fn deferrals_in_415(c: &Case, y: &Year) -> Decimal {
    deferrals_415(c, y.deferrals)
}

/// The employer's money as it pays it: cut to what 415(c) leaves after the deferrals.
fn employer_paid(c: &Case, y: &Year) -> Decimal {
    let left = (limit_415(c, y) - deferrals_in_415(c, y)).max(Decimal::ZERO);
    (y.matched + y.nonelective).min(left)
}

/// The match as the employer pays it: nonelective money first, the match from what 415(c)
/// leaves after it.
fn match_paid(c: &Case, y: &Year) -> Decimal {
    let left = (limit_415(c, y) - deferrals_in_415(c, y) - y.nonelective).max(Decimal::ZERO);
    y.matched.min(left)
}

/// Every limit the followed year passes, by kind.
fn year_faults(c: &Case, y: &Year) -> Vec<(&'static str, String)> {
    let mut faults = y.paycheck_faults.clone();
    let l = c.limits();
    let st = y.stub;
    let other = c.other_deferrals();
    // Pre-tax deferrals past what the other plans leave of 402(g) are catch-up: where it must
    // be Roth they are a fault, unless the pay stub is already past it (then the advice adds
    // no pre-tax money).
    let within = c.catch_up_above();
    if c.roth_catch_up() && y.pretax > within.max(st.pretax) {
        faults.push((
            "Roth catch-up",
            format!(
                "pre-tax ${} (pay stub ${}) passes 402(g) ${} less other plans' ${other} = \
                 ${within} by ${} (catch-up must be Roth)",
                y.pretax,
                st.pretax,
                l.deferral,
                y.pretax - within.max(st.pretax)
            ),
        ));
    }
    // 402(g) across plans (RULES.md section 9): the other plans' deferrals come first, and
    // this plan's (pay stub included) stay within what they leave of the person's limit;
    // where the pay stub and the other plans already pass it, the advice defers nothing.
    let limit = c.person_limit();
    let left = (limit - other).max(Decimal::ZERO);
    if st.pretax + other >= limit {
        if y.deferrals > st.pretax {
            faults.push((
                "402(g) across plans",
                format!(
                    "pay stub ${} + other plans ${other} already reach the limit ${limit}, \
                     yet ${} more is deferred",
                    st.pretax,
                    y.deferrals - st.pretax
                ),
            ));
        }
    } else if y.deferrals > left {
        faults.push((
            "402(g) across plans",
            format!(
                "deferrals ${} (pay stub ${}) + other plans ${other} = ${} pass the limit \
                 ${limit} by ${}",
                y.deferrals,
                st.pretax,
                y.deferrals + other,
                y.deferrals - left
            ),
        ));
    }
    // 415(c): deferrals in it, the employer's money as it pays it and after-tax money within
    // the budget. Where the pay stub is already past the budget (this employer's other plans
    // took it), the advice adds no deferral counted in it and no after-tax money.
    let limit = limit_415(c, y);
    let stub_in_415 = deferrals_415(c, st.pretax);
    let stub_total = stub_in_415
        + (st.matched + st.nonelective).min((limit - stub_in_415).max(Decimal::ZERO))
        + st.after_tax;
    let total = deferrals_in_415(c, y) + employer_paid(c, y) + y.after_tax;
    let same = c.same_employer_additions();
    if stub_total > limit {
        if deferrals_in_415(c, y) > stub_in_415 || y.after_tax > st.after_tax {
            faults.push((
                "415(c)",
                format!(
                    "the pay stub's ${stub_total} already passes the budget ${limit} (this \
                     employer's other plans ${same}), yet deferrals in 415(c) ${} (stub \
                     ${stub_in_415}) and after-tax ${} (stub ${}) are added",
                    deferrals_in_415(c, y),
                    y.after_tax,
                    st.after_tax
                ),
            ));
        }
    } else if total > limit {
        faults.push((
            "415(c)",
            format!(
                "deferrals ${} + employer ${} + after-tax ${} = ${total} passes ${limit} \
                 (this employer's other plans ${same} taken off) by ${}",
                deferrals_in_415(c, y),
                employer_paid(c, y),
                y.after_tax,
                total - limit
            ),
        ));
    }
    if let AfterTaxLimit::Money(cap) = c.after_tax_limit
        && y.after_tax > Decimal::from(cap)
    {
        faults.push((
            "after-tax money cap",
            format!(
                "after-tax ${} passes the plan's ${cap} by ${}",
                y.after_tax,
                y.after_tax - Decimal::from(cap)
            ),
        ));
    }
    faults
}

// ---------------------------------------------------------------------------------------
// Reading the advice.

/// A decimal from a JSON number's text.
#[track_caller]
fn num(v: &Value) -> Decimal {
    match v {
        Value::Number(n) => d(&n.to_string()),
        other => panic!("not a number: {other}"),
    }
}

/// An election object (`elections`, `front_load`, `last_paycheck`): fractions, or the
/// dollars of `per_paycheck` when the step is in dollars (fractions when it has none).
fn election(o: &Value, dollars: bool) -> Elect {
    let per = &o["per_paycheck"];
    if dollars && per.is_object() {
        Elect::Dollars {
            pretax: num(&per["pretax"]),
            roth: num(&per["roth"]),
            after_tax: num(&per["after_tax"]),
        }
    } else {
        Elect::Percent {
            pretax: num(&o["pretax"]),
            roth: num(&o["roth"]),
            after_tax: num(&o["after_tax"]),
        }
    }
}

/// An election switched to Roth only (`roth_from`): 0 pre-tax, the whole deferral election
/// as Roth, after-tax money as it was.
fn roth_only(e: Elect) -> Elect {
    match e {
        Elect::Percent {
            pretax,
            roth,
            after_tax,
        } => Elect::Percent {
            pretax: Decimal::ZERO,
            roth: pretax + roth,
            after_tax,
        },
        Elect::Dollars {
            pretax,
            roth,
            after_tax,
        } => Elect::Dollars {
            pretax: Decimal::ZERO,
            roth: pretax + roth,
            after_tax,
        },
    }
}

/// What running one plan found.
enum Outcome {
    /// The tool refused the plan (exit 1).
    Refused,
    /// No elections to follow (`elections` null or absent).
    NoElections,
    /// Every limit passed, each with the advice followed and the payroll it ran under; and
    /// the year's regular paydays.
    Followed(Vec<String>, usize),
}

/// The ways payroll could run this plan's year: every value of what the file leaves open.
fn payrolls(c: &Case, t: &Timeline) -> Vec<Payroll> {
    let modes: &[Mode] = match c.compensation_limit {
        "continue" => &[Mode::Continue],
        "stop" => &[Mode::Stop],
        "pro-rata" => &[Mode::ProRata],
        _ => &[Mode::Continue, Mode::Stop, Mode::ProRata],
    };
    let extra = t.regular != usual(c.frequency);
    let adds: &[bool] = match (extra, c.extra_paycheck) {
        (false, _) | (true, Some("same-year-pay")) => &[false],
        (true, Some("adds-pay")) => &[true],
        _ => &[false, true],
    };
    let mut all = Vec::new();
    for &mode in modes {
        for &adds_pay in adds {
            for rounding in [Rounding::Cumulative, Rounding::PerPaycheck] {
                all.push(Payroll {
                    mode,
                    adds_pay,
                    rounding,
                });
            }
        }
    }
    all
}

/// The payroll the tool's figures describe (the contract: "unknown" is figured as
/// "continue" and "same-year-pay"), rounded as the contract says.
fn figured(c: &Case, t: &Timeline) -> Payroll {
    let mode = match c.compensation_limit {
        "stop" => Mode::Stop,
        "pro-rata" => Mode::ProRata,
        _ => Mode::Continue,
    };
    let extra = t.regular != usual(c.frequency);
    Payroll {
        mode,
        adds_pay: extra && c.extra_paycheck == Some("adds-pay"),
        rounding: Rounding::Cumulative,
    }
}

/// The faults with the paychecks of one kind, advice and payroll said once: the first, and
/// how many more paychecks.
fn condensed(faults: Vec<String>) -> Vec<String> {
    let mut out: Vec<(String, String, usize)> = Vec::new();
    for f in faults {
        let head = f.split(": ").next().unwrap_or("").to_string();
        match out.iter_mut().find(|(h, _, _)| *h == head) {
            Some((_, _, more)) => *more += 1,
            None => out.push((head, f, 0)),
        }
    }
    out.into_iter()
        .map(|(_, f, more)| {
            if more == 0 {
                f
            } else {
                format!("{f} (and {more} more paychecks)")
            }
        })
        .collect()
}

/// An election reaches a regular paycheck, and a bonus only where the plan says elections
/// apply to it and the election is a percent (a dollar election is an amount per regular
/// paycheck).
fn takes(c: &Case, slot: &Slot, e: Elect) -> bool {
    slot.bonus
        .is_none_or(|b| c.bonuses[b].applies && matches!(e, Elect::Percent { .. }))
}

/// The figures of `[[other_plans]]` in the JSON (CONTRACT.md section 4):
/// `elective_deferrals.other_plans` is the sum of their deferrals, `annual_additions.
/// other_plans` the sum of the annual additions of those with `same_employer = true`;
/// `elective_deferrals.limit` the person's limit, `this_plan` this plan's deferrals as
/// computed (`contributions.pretax + roth + catch_up`, the pay stub's included), `excess`
/// what all of them pass the limit by, and an `excess-deferral` warning exactly when there
/// is one. Where the plan's deferrals are all "max" (no Roth percent beside it, which payroll
/// runs as written), they take no more than the other plans and the pay stub leave of the
/// limit.
fn across_plans(c: &Case, o: &Value, text: &str) -> Result<(), TestCaseError> {
    let other = c.other_deferrals();
    prop_assert_eq!(
        num(&o["elective_deferrals"]["other_plans"]),
        other,
        "elective_deferrals.other_plans\n{}",
        text
    );
    prop_assert_eq!(
        num(&o["annual_additions"]["other_plans"]),
        c.same_employer_additions(),
        "annual_additions.other_plans\n{}",
        text
    );
    let k = &o["contributions"];
    let this_plan = num(&k["pretax"]) + num(&k["roth"]) + num(&k["catch_up"]);
    let ed = &o["elective_deferrals"];
    prop_assert_eq!(
        num(&ed["limit"]),
        c.person_limit(),
        "elective_deferrals.limit\n{}",
        text
    );
    prop_assert_eq!(
        num(&ed["this_plan"]),
        this_plan,
        "elective_deferrals.this_plan\n{}",
        text
    );
    let excess = (other + this_plan - c.person_limit()).max(Decimal::ZERO);
    prop_assert_eq!(
        num(&ed["excess"]),
        excess,
        "elective_deferrals.excess\n{}",
        text
    );
    let warned = o["warnings"]
        .as_array()
        .is_some_and(|w| w.iter().any(|w| w["code"] == "excess-deferral"));
    prop_assert_eq!(
        warned,
        excess > Decimal::ZERO,
        "excess-deferral warning with an excess of ${}\n{}",
        excess,
        text
    );
    if c.pretax.is_none() && c.roth == 0 {
        let stub = stub(c).pretax;
        let most = (c.person_limit() - other - stub).max(Decimal::ZERO) + stub;
        prop_assert!(
            this_plan <= most,
            "\"max\" deferrals ${} pass what the other plans (${}) and the pay stub (${}) \
             leave of the limit ${}: ${} by ${}\n{}",
            this_plan,
            other,
            stub,
            c.person_limit(),
            most,
            this_plan - most,
            text
        );
    }
    Ok(())
}

/// Runs the plan and follows its advice: every limit and the match claim, or with
/// `reaches_only` what the even elections are said to reach.
fn check(c: &Case, reaches_only: bool) -> Result<Outcome, TestCaseError> {
    let text = toml(c);
    let out = mbr(&["plan", "--plan", "-", "--format", "json"], &text);
    if out.status.code() == Some(1) {
        return Ok(Outcome::Refused);
    }
    prop_assert_eq!(out.status.code(), Some(0), "{}\n{}", stderr(&out), text);
    let o: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| TestCaseError::fail(format!("not JSON: {e}\n{text}")))?;
    if !reaches_only {
        across_plans(c, &o, &text)?;
    }
    let e = &o["elections"];
    if !e.is_object() {
        return Ok(Outcome::NoElections);
    }
    // The schedule's paydays (regular paychecks and bonuses; a year-end true-up line is the
    // employer's, not a payday). Regular paydays are taken from it (they carry the holiday
    // calendar this file does not have), checked against this file's own where it can say:
    // as dated with holidays "none", and their number.
    let lines: Vec<(String, String, bool)> = o["schedule"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|l| l["kind"] == "paycheck" || l["kind"] == "bonus")
                .map(|l| {
                    (
                        l["date"].as_str().unwrap_or("").to_string(),
                        l["kind"].as_str().unwrap_or("").to_string(),
                        l["history"] == Value::Bool(true),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let regular: Vec<String> = lines
        .iter()
        .filter(|l| l.1 == "paycheck")
        .map(|l| l.0.clone())
        .collect();
    if let Some(n) = expected_paychecks(c) {
        prop_assert_eq!(regular.len(), n, "paydays in the schedule\n{}", text);
    }
    if c.holidays_none() {
        prop_assert_eq!(&regular, &paydays_as_dated(c), "paydays as dated\n{}", text);
    }
    let t = timeline(c, &regular);
    let mine: Vec<(String, &str, bool)> = t
        .slots
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let kind = if s.bonus.is_some() {
                "bonus"
            } else {
                "paycheck"
            };
            (s.date.clone(), kind, i < t.history)
        })
        .collect();
    let theirs: Vec<(String, &str, bool)> = lines
        .iter()
        .map(|(date, kind, history)| (date.clone(), kind.as_str(), *history))
        .collect();
    prop_assert_eq!(
        mine,
        theirs,
        "paydays, bonuses and pay stub in the schedule\n{}",
        text
    );
    let k = t.history;
    let dollars = e["step_kind"] == "dollars";
    let takes = |i: usize, e: Elect| takes(c, &t.slots[i], e);
    let from = e["from"].as_str().unwrap_or("").to_string();
    let even = election(e, dollars);
    let elections: Vec<Option<Elect>> = (0..t.slots.len())
        .map(|i| (i >= k && t.slots[i].date >= from && takes(i, even)).then_some(even))
        .collect();
    // What the even elections are said to reach (`reaches`: this year's elections, without
    // the pay stub's), under the payroll the figures describe: no more than the year
    // followed puts in, beyond a cent a paycheck for rounding and a dollar.
    if reaches_only {
        let r = &e["reaches"];
        let mut faults = Vec::new();
        let y = follow(c, figured(c, &t), &elections, &t);
        let st = stub(c);
        let slack = Decimal::ONE + Decimal::new(1, 2) * Decimal::from(t.slots.len() - k);
        for (what, put_in) in [
            ("deferrals", y.deferrals - st.pretax),
            ("after_tax", y.after_tax - st.after_tax),
        ] {
            let said = num(&r[what]);
            if said > put_in + slack {
                faults.push(format!(
                    "[reaches] {what}: said ${said}, followed under {} ${put_in}: ${} short",
                    figured(c, &t).label(),
                    said - put_in
                ));
            }
        }
        return Ok(Outcome::Followed(faults, t.regular));
    }
    let mut plans = vec![("elections", elections.clone())];
    // Where catch-up must be Roth, `roth_from` (the even elections' and the front-loaded
    // schedule's): from that payday, 0 pre-tax and the whole deferral election as Roth. A
    // person may follow it or leave the plan to make the catch-up Roth: both are followed.
    let roth_from = |plan: &[Option<Elect>], from: &str| -> Vec<Option<Elect>> {
        plan.iter()
            .enumerate()
            .map(|(i, e)| {
                e.map(|e| {
                    if t.slots[i].date.as_str() >= from {
                        roth_only(e)
                    } else {
                        e
                    }
                })
            })
            .collect()
    };
    let switched = e["roth_from"]
        .as_str()
        .map(|from| roth_from(&elections, from));
    if let Some(plan) = &switched {
        plans.push(("elections + roth_from", plan.clone()));
    }
    let mut faults = Vec::new();
    let last = &e["last_paycheck"];
    if last.is_object() {
        // The one-time change is for one payday: payroll applies the election in force on
        // that day to whatever it pays that day, so a bonus paid with the paycheck (where
        // elections apply to it) takes it too.
        let date = last["date"].as_str().unwrap_or("");
        let lp = election(last, dollars);
        if !(k..t.slots.len()).any(|i| t.slots[i].date == date && t.slots[i].bonus.is_none()) {
            faults.push(format!("last_paycheck: {date} is not a payday left"));
        }
        let with_last = |base: &[Option<Elect>]| {
            let mut plan = base.to_vec();
            for (i, e) in plan.iter_mut().enumerate().skip(k) {
                if t.slots[i].date == date && takes(i, lp) {
                    *e = Some(lp);
                }
            }
            plan
        };
        plans.push(("elections + last_paycheck", with_last(&elections)));
        if let Some(plan) = &switched {
            plans.push(("elections + roth_from + last_paycheck", with_last(plan)));
        }
    }
    let front = &e["front_load"];
    if front.is_object() {
        let start = front["from"].as_str().unwrap_or("");
        let until = front["until"].as_str().unwrap_or("");
        let fl = election(front, dollars);
        if let Elect::Percent {
            pretax,
            roth,
            after_tax,
        } = fl
            && front["max_election"].is_number()
        {
            let stated = num(&front["max_election"]);
            if pretax + roth + after_tax > stated {
                faults.push(format!(
                    "front_load: elections {} above its own max_election {stated}",
                    pretax + roth + after_tax
                ));
            }
        }
        let plan: Vec<Option<Elect>> = (0..t.slots.len())
            .map(|i| {
                let date = t.slots[i].date.as_str();
                let e = if date <= until { fl } else { Elect::NOTHING };
                (i >= k && date >= start && takes(i, e)).then_some(e)
            })
            .collect();
        if let Some(from) = front["roth_from"].as_str() {
            plans.push(("front_load + roth_from", roth_from(&plan, from)));
        }
        plans.push(("front_load", plan));
    }
    for (name, plan) in &plans {
        for p in payrolls(c, &t) {
            let y = follow(c, p, plan, &t);
            for (kind, what) in year_faults(c, &y) {
                faults.push(format!("[{kind}] {name}, {}: {what}", p.label()));
            }
        }
    }
    // The match claim, on the even elections under the payroll the figures describe: no
    // more than a dollar below the annual formula on the followed deferrals, or, without a
    // true-up, below what the pay stub's match and the formula's top on every paycheck
    // followed could earn, where that is less (a mid-year stub can have lost match already).
    if e["keeps_full_match"] == Value::Bool(true) {
        let y = follow(c, figured(c, &t), &elections, &t);
        let paid = match_paid(c, &y);
        let mut full = full_match(c, &y);
        if !c.true_up {
            let possible = stub(c).matched + cents(y.match_possible);
            full = full.min(
                c.match_cap
                    .map_or(possible, |m| possible.min(Decimal::from(m))),
            );
        }
        // `match_lost` is not compared: it is the plan file's own schedule (its percents
        // as written, which can stop at 402(g) early), where `keeps_full_match` is about the
        // elections recommended in its place.
        if paid + Decimal::ONE < full {
            faults.push(format!(
                "[keeps_full_match] claimed, but the elections earn ${paid} of match \
                 (${} by the paychecks, before 415(c)) where the annual formula gives ${full}: \
                 ${} lost",
                y.matched,
                full - paid
            ));
        }
    }
    Ok(Outcome::Followed(condensed(faults), t.regular))
}

/// Following the recommended elections (and the front-loading and last-paycheck change when
/// offered), under every payroll behaviour the plan leaves open and both roundings, passes
/// no limit, and `keeps_full_match` is true only when the match is the annual formula's.
/// Plans the tool refuses (exit 1) are skipped, and must be few.
#[test]
fn following_the_advice_keeps_every_limit() {
    follow_random_plans(false);
}

/// The even elections put in what `reaches` says they reach (this year's deferrals and
/// after-tax money, the pay stub's left out), under the payroll the figures describe, within
/// a cent a paycheck and a dollar: the elections say what fits (issue 11, "Say what
/// rounding and limits leave"). The same random plans as the limits.
#[test]
fn the_elections_reach_what_they_say() {
    follow_random_plans(true);
}

fn follow_random_plans(reaches_only: bool) {
    let mut config = crate::common::proptest_config(
        std::env::var("FOLLOW_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(200),
    );
    config.source_file = Some(file!());
    let mut runner = TestRunner::new(config);
    let (followed, refused, none) = (Cell::new(0u32), Cell::new(0u32), Cell::new(0u32));
    // Plans followed with a bonus (one elections apply to), and in a 27- or 53-payday year
    // by what the file says of the extra paycheck (none, "same-year-pay", "adds-pay",
    // "unknown"): what the random plans exercised.
    let (bonus, bonus_applies) = (Cell::new(0u32), Cell::new(0u32));
    let extra = [Cell::new(0u32), Cell::new(0), Cell::new(0), Cell::new(0)];
    // Plans followed with `[[other_plans]]`: any, with one of this employer, where they and
    // the pay stub leave nothing of the limit, where they leave part of it with catch-up
    // left, and where the catch-up must be Roth.
    let others = [
        Cell::new(0u32),
        Cell::new(0),
        Cell::new(0),
        Cell::new(0),
        Cell::new(0),
    ];
    let count = |i: usize| others[i].set(others[i].get() + 1);
    let result = runner.run(&cases(), |c| match check(&c, reaches_only)? {
        Outcome::Refused => {
            refused.set(refused.get() + 1);
            Err(TestCaseError::reject("refused"))
        }
        Outcome::NoElections => {
            none.set(none.get() + 1);
            Ok(())
        }
        Outcome::Followed(faults, regular) => {
            followed.set(followed.get() + 1);
            if !c.bonuses.is_empty() {
                bonus.set(bonus.get() + 1);
            }
            if c.bonuses.iter().any(|b| b.applies) {
                bonus_applies.set(bonus_applies.get() + 1);
            }
            if !c.other_plans.is_empty() {
                let other = c.other_deferrals();
                count(0);
                if c.other_plans.iter().any(|o| o.same_employer) {
                    count(1);
                }
                if stub(&c).pretax + other >= c.person_limit() {
                    count(2);
                } else if c.person_limit() > c.limits().deferral && other > Decimal::ZERO {
                    count(3);
                }
                if c.roth_catch_up() {
                    count(4);
                }
            }
            if regular > usual(c.frequency) {
                let said = match c.extra_paycheck {
                    None => 0,
                    Some("same-year-pay") => 1,
                    Some("adds-pay") => 2,
                    Some(_) => 3,
                };
                extra[said].set(extra[said].get() + 1);
            }
            if faults.is_empty() {
                Ok(())
            } else {
                Err(TestCaseError::fail(format!(
                    "{}\n--- plan ---\n{}",
                    faults.join("\n"),
                    toml(&c)
                )))
            }
        }
    });
    eprintln!(
        "{} plans followed ({} with a bonus, {} with one elections apply to; in 27- or \
         53-payday years {} with extra_paycheck unset, {} same-year-pay, {} adds-pay, {} \
         unknown; {} with other plans: {} of this employer, {} that leave nothing of 402(g), \
         {} that leave part with catch-up, {} where catch-up must be Roth), {} refused, {} \
         without elections",
        followed.get(),
        bonus.get(),
        bonus_applies.get(),
        extra[0].get(),
        extra[1].get(),
        extra[2].get(),
        extra[3].get(),
        others[0].get(),
        others[1].get(),
        others[2].get(),
        others[3].get(),
        others[4].get(),
        refused.get(),
        none.get()
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(why, c)) => panic!("{why}\n{c:#?}"),
        Err(TestError::Abort(why)) => panic!("aborted: {why}"),
    }
    assert!(
        refused.get() * 4 <= followed.get() + none.get(),
        "{} plans refused, {} followed, {} without elections",
        refused.get(),
        followed.get(),
        none.get()
    );
    assert!(
        none.get() * 4 <= followed.get(),
        "{} plans without elections, {} followed",
        none.get(),
        followed.get()
    );
    // A run of the default size follows bonuses and extra paychecks of every kind (each
    // is a sizeable share of the random plans: a miss here means the plans stopped
    // reaching them).
    if followed.get() >= 150 && !reaches_only {
        assert!(
            bonus_applies.get() > 0 && bonus.get() > bonus_applies.get(),
            "bonuses not exercised"
        );
        assert!(
            extra.iter().map(Cell::get).sum::<u32>() > 0,
            "no 27- or 53-payday year followed"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The model against hand arithmetic.

/// A 2026 plan with 26 biweekly paychecks (holidays "none": Jan 2 … Dec 18), no match.
fn plain(compensation: i64) -> Case {
    Case {
        year: 2026,
        age: 40,
        catch_up: false,
        prior_year_fica_wages: 100_000,
        compensation,
        frequency: "biweekly",
        pretax: Some(0),
        roth: 0,
        tiers: Vec::new(),
        match_cap: None,
        true_up: false,
        match_after_tax: false,
        nonelective: 0,
        after_tax_limit: AfterTaxLimit::None,
        step: Step::Percent(10),
        max_election: None,
        compensation_limit: "continue",
        holidays_none: true,
        extra_paycheck: None,
        first_payday: None,
        semimonthly_days: None,
        bonuses: Vec::new(),
        mid_year: None,
        other_plans: Vec::new(),
    }
}

fn every(c: &Case, e: Elect) -> Vec<Option<Elect>> {
    vec![Some(e); c.as_dated().slots.len()]
}

/// `c`'s year, under `p`, with the election `e` on every paycheck.
fn follow_every(c: &Case, p: Payroll, e: Elect) -> Year {
    follow(c, p, &every(c, e), &c.as_dated())
}

fn percent(pretax: &str, after_tax: &str) -> Elect {
    Elect::Percent {
        pretax: d(pretax),
        roth: Decimal::ZERO,
        after_tax: d(after_tax),
    }
}

const CONTINUE: Payroll = Payroll {
    mode: Mode::Continue,
    adds_pay: false,
    rounding: Rounding::Cumulative,
};

/// $100,000 in 26 paychecks at 10% after-tax. Rounded as the contract says, the year is
/// 10% × 100,000 = 10,000.00. Rounded paycheck by paycheck: the paychecks are 3,846.15 or
/// 3,846.16 (100,000 / 26 = 3,846.1538…, running totals rounded), and 10% of either,
/// 384.615 and 384.616, rounds to 384.62: 26 × 384.62 = 10,000.12.
#[test]
fn model_rounds_as_the_contract_and_as_payroll() {
    let c = plain(100_000);
    assert_eq!(paydays_as_dated(&c).len(), 26);
    let plan = percent("0", "0.10");
    let y = follow_every(&c, CONTINUE, plan);
    assert_eq!(y.after_tax, d("10000.00"));
    assert_eq!(y.pay, d("100000.00"));
    let per = Payroll {
        rounding: Rounding::PerPaycheck,
        ..CONTINUE
    };
    assert_eq!(follow_every(&c, per, plan).after_tax, d("10000.12"));
}

/// Payroll stops deferrals at 402(g), and without a true-up the match stops with them
/// (RULES.md section 4's example, in 2026 figures): $260,000 in 26 paychecks of 10,000, 25%
/// pre-tax is 2,500 a paycheck; 9 × 2,500 = 22,500, the 10th takes the 2,000 left of 24,500,
/// then nothing. Match 100% of the first 6%: 600 a paycheck for 10 paychecks, 6,000; the
/// annual formula would give 6% × 260,000 = 15,600.
#[test]
fn model_stops_deferrals_at_402g_and_loses_the_match() {
    let mut c = plain(260_000);
    c.tiers = vec![(100, 60)];
    let y = follow_every(&c, CONTINUE, percent("0.25", "0"));
    assert_eq!(y.deferrals, d("24500.00"));
    assert_eq!(y.matched, d("6000.00"));
    assert_eq!(full_match(&c, &y), d("15600.00"));
    c.true_up = true;
    let y = follow_every(&c, CONTINUE, percent("0.25", "0"));
    assert_eq!(y.matched, d("15600.00"));
}

/// 401(a)(17) three ways (RULES.md section 3): 2026, $720,000 monthly (60,000 a paycheck,
/// the 360,000 limit reached after June), 3% pre-tax, match 100% of the first 4%.
/// "continue": deferrals 3% × 720,000 = 21,600; match 3% × 60,000 = 1,800 for six paychecks,
/// 10,800. "pro-rata": the match counts 360,000 / 12 = 30,000 of each paycheck, of which the
/// 1,800 deferred is 6%, so 4% × 30,000 = 1,200 twelve times, 14,400. "stop": deferrals 3% ×
/// 360,000 = 10,800, match 10,800.
#[test]
fn model_applies_401a17_three_ways() {
    let mut c = plain(720_000);
    c.frequency = "monthly";
    c.tiers = vec![(100, 40)];
    let plan = percent("0.03", "0");
    let y = follow_every(&c, CONTINUE, plan);
    assert_eq!((y.deferrals, y.matched), (d("21600.00"), d("10800.00")));
    let pro = Payroll {
        mode: Mode::ProRata,
        ..CONTINUE
    };
    let y = follow_every(&c, pro, plan);
    assert_eq!((y.deferrals, y.matched), (d("21600.00"), d("14400.00")));
    let stop = Payroll {
        mode: Mode::Stop,
        ..CONTINUE
    };
    let y = follow_every(&c, stop, plan);
    assert_eq!((y.deferrals, y.matched), (d("10800.00"), d("10800.00")));
}

/// What a paycheck holds, 2026 (wage base 184,500): the first $10,000 paycheck holds 10,000 −
/// 620.00 − 145.00 = 9,235.00; one paid after 195,000 of wages owes no Social Security, 1.45%
/// = 145.00 and 0.9% of the 5,000 above 200,000 = 45.00, so holds 9,810.00.
#[test]
fn model_holds_pay_less_fica() {
    let base = limits(2026).wage_base;
    let ten = Decimal::from(10_000);
    assert_eq!(holds(base, ten, Decimal::ZERO), d("9235.00"));
    assert_eq!(holds(base, ten, Decimal::from(195_000)), d("9810.00"));
}

/// At low pay 415(c)'s 100%-of-pay limit crowds the match out (issue 11): 2026, $25,000 in
/// 26 paychecks, pre-tax 24,500 (98% of pay, as followed the model lets it through: this
/// checks the employer's cut, not what a paycheck holds), match 100% of the first 5%. The
/// formula gives 5% × 25,000 = 1,250.00, but 415(c) is 25,000, so the employer pays only
/// 25,000 − 24,500 = 500.00: $750 of match lost.
#[test]
fn model_cuts_employer_money_to_415c() {
    let mut c = plain(25_000);
    c.tiers = vec![(100, 50)];
    c.true_up = true;
    let y = follow_every(&c, CONTINUE, percent("0.98", "0"));
    assert_eq!(y.deferrals, d("24500.00"));
    assert_eq!(full_match(&c, &y), d("1250.00"));
    assert_eq!(match_paid(&c, &y), d("500.00"));
    assert!(
        y.paycheck_faults
            .iter()
            .any(|(k, _)| *k == "paycheck holds (FICA)")
    );
}

/// Bonuses (README, "The plan file"): 2026, $130,000 of compensation biweekly (26 paychecks,
/// holidays "none") with a $20,000 bonus on March 10 that elections apply to and a $6,000
/// one on June 10 that they do not: the regular paychecks share 130,000 − 26,000 = 104,000,
/// 4,000.00 each. 10% pre-tax and 5% after-tax: pre-tax 10% × 104,000 + 10% × 20,000 =
/// 10,400 + 2,000 = 12,400; after-tax 5,200 + 1,000 = 6,200. Match 100% of the first 4%
/// paycheck by paycheck: 4% × 4,000 = 160 × 26 = 4,160, and 4% × 20,000 = 800 on the first
/// bonus, none on the second: 4,960, where the annual formula gives 4% × 130,000 = 5,200.
/// $400 of pre-tax a paycheck instead reaches no bonus: 26 × 400 = 10,400, match 26 × 160 =
/// 4,160.
#[test]
fn model_pays_bonuses_and_elects_on_them() {
    let mut c = plain(130_000);
    c.tiers = vec![(100, 40)];
    c.bonuses = vec![
        Bonus {
            doy: 69,
            amount: d("20000"),
            applies: true,
        },
        Bonus {
            doy: 161,
            amount: d("6000"),
            applies: false,
        },
    ];
    let t = c.as_dated();
    assert_eq!((t.slots.len(), t.regular), (28, 26));
    assert_eq!(t.slots[5].date, "2026-03-10");
    assert_eq!(t.slots[5].bonus, Some(0));
    let followed = |e: Elect| -> Vec<Option<Elect>> {
        t.slots
            .iter()
            .map(|s| takes(&c, s, e).then_some(e))
            .collect()
    };
    let y = follow(&c, CONTINUE, &followed(percent("0.10", "0.05")), &t);
    assert_eq!(y.pay, d("130000.00"));
    assert_eq!(y.pretax, d("12400.00"));
    assert_eq!(y.after_tax, d("6200.00"));
    assert_eq!(y.matched, d("4960.00"));
    assert_eq!(full_match(&c, &y), d("5200.00"));
    let dollars = Elect::Dollars {
        pretax: d("400"),
        roth: Decimal::ZERO,
        after_tax: Decimal::ZERO,
    };
    let y = follow(&c, CONTINUE, &followed(dollars), &t);
    assert_eq!((y.pretax, y.matched), (d("10400.00"), d("4160.00")));
}

/// Paydays the plan sets. Semimonthly on [14, 29] in 2026: February has 28 days, so its
/// paydays are the 14th and 28th; 24 in the year. Biweekly from Tuesday 2026-01-06: day 6,
/// 6 + 14 × 25 = 356, December 22, is the 26th and last. With holidays "before", biweekly
/// from Thursday 2026-01-01 is dated 27 times (1 + 14 × 26 = 365, December 31), but January
/// 1 is a holiday paid on December 31, 2025: 26. From the default first Friday, January 2,
/// it is dated 26 times, and next year's Friday January 1 (day 366 = 2 + 14 × 26) is paid
/// on Thursday December 31: 27.
#[test]
fn model_pays_on_the_days_the_plan_sets() {
    let mut c = plain(100_000);
    c.frequency = "semimonthly";
    c.semimonthly_days = Some((14, 29));
    let dated = paydays_as_dated(&c);
    assert_eq!(dated.len(), 24);
    assert_eq!(&dated[2..4], ["2026-02-14", "2026-02-28"]);
    c.frequency = "biweekly";
    c.semimonthly_days = None;
    c.first_payday = Some(6);
    let dated = paydays_as_dated(&c);
    assert_eq!((dated.len(), dated[25].as_str()), (26, "2026-12-22"));
    c.holidays_none = false;
    c.first_payday = Some(1);
    assert_eq!(paydays_as_dated(&c).len(), 27);
    assert_eq!(expected_paychecks(&c), Some(26));
    c.first_payday = None;
    assert_eq!(expected_paychecks(&c), Some(27));
}

/// `[[other_plans]]` (RULES.md sections 1, 2 and 9), 2026, $100,000 in 26 paychecks, another
/// plan of this employer that deferred $20,000 and made $60,000 of annual additions. 10%
/// pre-tax: payroll, counting this plan only, lets all 10% × 100,000 = 10,000 through, and
/// 20,000 + 10,000 = 30,000 passes 402(g)'s 24,500 by 5,500. 415(c) here is min(72,000,
/// 100,000) − 60,000 = 12,000, with deferrals counted up to 24,500 − 20,000 = 4,500. 4%
/// pre-tax and 8% after-tax: 4,000 + 20,000 is within 402(g), 4,000 + 8,000 = 12,000 within
/// 415(c); 9% after-tax passes it by 1,000. At 55 with catch-up the limit is 24,500 + 8,000
/// = 32,500, so 10% (10,000 ≤ 12,500) keeps within it: 4,500 in 415(c), 5,500 catch-up, and
/// 7.5% after-tax fits exactly (4,500 + 7,500 = 12,000); under the 2026 Roth catch-up rule
/// the 10,000 pre-tax passes the 4,500 left below 402(g).
#[test]
fn model_shares_402g_and_415c_across_plans() {
    let mut c = plain(100_000);
    c.other_plans = vec![OtherPlan {
        name: None,
        deferrals: d("20000"),
        same_employer: true,
        annual_additions: d("60000"),
    }];
    let kinds = |c: &Case, e: Elect| -> Vec<(&'static str, String)> {
        year_faults(c, &follow_every(c, CONTINUE, e))
    };
    let y = follow_every(&c, CONTINUE, percent("0.10", "0"));
    assert_eq!(y.deferrals, d("10000.00"));
    assert_eq!(limit_415(&c, &y), d("12000"));
    assert_eq!(deferrals_in_415(&c, &y), d("4500.00"));
    let faults = kinds(&c, percent("0.10", "0"));
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert_eq!(faults[0].0, "402(g) across plans");
    assert!(faults[0].1.ends_with("by $5500.00"), "{}", faults[0].1);
    assert!(kinds(&c, percent("0.04", "0.08")).is_empty());
    let faults = kinds(&c, percent("0.04", "0.09"));
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert_eq!(faults[0].0, "415(c)");
    assert!(faults[0].1.ends_with("by $1000.00"), "{}", faults[0].1);
    c.age = 55;
    c.catch_up = true;
    assert_eq!(c.person_limit(), d("32500"));
    assert!(kinds(&c, percent("0.10", "0.075")).is_empty());
    assert_eq!(kinds(&c, percent("0.10", "0.076"))[0].0, "415(c)");
    c.prior_year_fica_wages = 155_000;
    let faults = kinds(&c, percent("0.10", "0"));
    assert_eq!(faults.len(), 1, "{faults:?}");
    assert_eq!(faults[0].0, "Roth catch-up");
}
