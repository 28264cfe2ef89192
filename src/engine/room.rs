//! The after-tax room under 415(c): the most after-tax money a [`Year`] can take, found
//! exactly and then fitted to the cent against the simulated paychecks.
//!
//! The room is the 415(c) limit less deferrals (without catch-up) and employer money, cut by
//! the plan's own cap (RULES.md §1). Where the match also applies to after-tax money, every
//! after-tax dollar brings more match, so the room is the fixed point `A + match(A) ≤ T`,
//! solved with `matching::solve` (RULES.md §4). This module decides budgets and runs
//! `Year::simulate`; the matching formula itself is `matching`'s, the paychecks `paycheck`'s.
//! The solver stays out of `matching`, which knows tiers and pay but not a year's paychecks.

use rust_decimal::Decimal;

use super::matching;
use super::outcome::Line;
use super::paycheck::{self, Base, Slot, Spread, Year};
use crate::money::{cents, cents_down, non_negative};
use crate::plan::{Amount, Cap, Feature, Plan};

/// The year with after-tax money at the room.
pub(crate) fn max_schedule(plan: &Plan, year: &Year) -> Vec<Line> {
    let allowed = plan.after_tax.allowed != Feature::No;
    let history_at: Decimal = year.history_after_tax.iter().sum();
    let start = if allowed {
        max_budget(plan, year)
    } else {
        Decimal::ZERO
    };
    let upper = plan_cap(plan, year).map(|c| non_negative(c - history_at));
    fit(year, start, upper, false, |b| (Spread::Total(b), b))
}

/// The year with the after-tax `amount` asked for, cut to the room `max_lines` found and
/// to what each paycheck holds after its deferrals (`Slot::holds`).
pub(crate) fn asked_schedule(
    plan: &Plan,
    year: &Year,
    max_lines: &[Line],
    amount: Amount,
) -> Vec<Line> {
    asked_schedule_as(plan, year, max_lines, amount, true)
}

/// The after-tax money the plan asks for, within the room, that the paycheck-held
/// schedule `lines` leaves out because the paychecks cannot hold it (RULES.md §7).
pub(crate) fn after_tax_not_held(
    plan: &Plan,
    year: &Year,
    (max_lines, lines): (&[Line], &[Line]),
    deferrals_not_held: Decimal,
) -> Decimal {
    let held = paycheck::planned_after_tax(lines);
    // Deferrals the paychecks could not hold leave 415(c) room that the limits would have
    // given them: that room is not after-tax money the plan file asked for, or the same
    // shortfall would count twice.
    let room = non_negative(paycheck::planned_after_tax(max_lines) - deferrals_not_held);
    let asked = match plan.after_tax.amount {
        Amount::Percent(_) => {
            let unheld = asked_schedule_as(plan, year, max_lines, plan.after_tax.amount, false);
            paycheck::planned_after_tax(&unheld)
        }
        Amount::Money(m) => {
            let history_at: Decimal = year.history_after_tax.iter().sum();
            non_negative(m - history_at).min(room)
        }
        Amount::Max => room,
    };
    if plan.after_tax.allowed == Feature::No {
        return Decimal::ZERO;
    }
    non_negative(asked - held)
}

/// Whether every planned paycheck of `lines` holds its elections (`Slot::holds`).
fn fits(year: &Year, lines: &[Line]) -> bool {
    year.slots
        .iter()
        .zip(lines)
        .all(|(s, l)| s.history || l.pretax + l.roth + l.catch_up + l.after_tax <= s.holds)
}

/// `asked_schedule`, or with `held` false the year the limits allow, paychecks holding all
/// their pay.
fn asked_schedule_as(
    plan: &Plan,
    year: &Year,
    max_lines: &[Line],
    amount: Amount,
    held: bool,
) -> Vec<Line> {
    let allowed = plan.after_tax.allowed != Feature::No;
    let history_at: Decimal = year.history_after_tax.iter().sum();
    let planned_room = paycheck::planned_after_tax(max_lines);
    let lines = match amount {
        _ if !allowed => year.simulate(Spread::Total(Decimal::ZERO), Decimal::ZERO),
        Amount::Max if !held || fits(year, max_lines) => max_lines.to_vec(),
        Amount::Max => fit(year, planned_room, Some(planned_room), held, |b| {
            (Spread::Total(b), b)
        }),
        Amount::Money(m) => {
            let target = non_negative(m - history_at).min(planned_room);
            fit(year, target, Some(target), held, |b| (Spread::Total(b), b))
        }
        Amount::Percent(p) => fit(year, planned_room, Some(planned_room), held, |b| {
            (Spread::Percent(p), b)
        }),
    };
    if paycheck::additions(&lines) > year.additions_limit {
        // Deferrals and employer money alone exceed 415(c): no after-tax money fits.
        return year.simulate(Spread::Total(Decimal::ZERO), Decimal::ZERO);
    }
    lines
}

/// Simulates the year with the after-tax budget that fills 415(c) to the cent, starting
/// from the exact solve's `start`. Per-paycheck rounding of the match can leave the
/// schedule a few cents over or under the limit; the budget is then moved within that
/// bracket of cents to the largest one that fits (never above `upper`). `held`: each
/// paycheck's after-tax money is also cut to what it holds (`Year::simulate_held`).
fn fit(
    year: &Year,
    start: Decimal,
    upper: Option<Decimal>,
    held: bool,
    spread: impl Fn(Decimal) -> (Spread, Decimal),
) -> Vec<Line> {
    let run = |b: Decimal| {
        let (s, budget) = spread(b);
        if held {
            year.simulate_held(s, budget)
        } else {
            year.simulate(s, budget)
        }
    };
    let cap = |b: Decimal| upper.map_or(b, |u| b.min(u));
    let start = cap(start);
    let best = fill(year, cap(start), &run, &cap);
    // Where after-tax money is matched, an even split of the budget, the same cents in
    // every paycheck, can fill 415(c) where the remainder in the last paycheck cannot (its
    // match, rounded on its own, differs).
    let n = Decimal::from(paycheck::planned_electable(&year.slots).max(1));
    let even = cents_down(start / n) * n;
    if !year.match_after_tax || even == start || even.is_zero() {
        return best;
    }
    let other = fill(year, even, &run, &cap);
    let key = |l: &[Line]| (paycheck::additions(l), paycheck::planned_after_tax(l));
    if key(&other) > key(&best) {
        other
    } else {
        best
    }
}

/// From `start`, the budget within the bracket of cents around it that fills 415(c) most.
fn fill(
    year: &Year,
    start: Decimal,
    run: &impl Fn(Decimal) -> Vec<Line>,
    cap: &impl Fn(Decimal) -> Decimal,
) -> Vec<Line> {
    let limit = year.additions_limit;
    let first = run(start);
    let over = paycheck::additions(&first) - limit;
    let (mut lo, mut hi, mut best) = if over > Decimal::ZERO {
        let lo = non_negative(start - over);
        (lo, start, run(lo))
    } else if over < Decimal::ZERO && paycheck::planned_after_tax(&first) == start {
        let hi = cap(start - over);
        let lines = run(hi);
        if paycheck::additions(&lines) <= limit {
            return lines;
        }
        (start, hi, first)
    } else {
        return first;
    };
    // lo fits and hi does not: halve the bracket down to the cent.
    while hi - lo > Decimal::new(1, 2) {
        let mid = cents_down((lo + hi) / Decimal::TWO);
        if mid <= lo || mid >= hi {
            break;
        }
        let lines = run(mid);
        if paycheck::additions(&lines) <= limit {
            lo = mid;
            best = lines;
        } else {
            hi = mid;
        }
    }
    best
}

/// The plan's own cap on after-tax money for the year, if any.
pub(crate) fn plan_cap(plan: &Plan, year: &Year) -> Option<Decimal> {
    plan.after_tax.limit.map(|cap| match cap {
        Cap::Money(m) => m,
        Cap::Percent(p) => cents(p * year.counted_compensation),
    })
}

/// The most after-tax money the planned paychecks can take under 415(c), the match on
/// after-tax money (solved exactly), and the plan's cap; rounded down to the cent.
fn max_budget(plan: &Plan, year: &Year) -> Decimal {
    let history_at: Decimal = year.history_after_tax.iter().sum();
    let history_match: Decimal = year.history_match.iter().sum();
    let target = year.additions_limit - year.base_additions() - history_at;
    let cap_left = plan_cap(plan, year).map(|c| non_negative(c - history_at));
    let x = if year.match_after_tax && !year.tiers.is_empty() {
        solve_matched(year, target, history_match, history_at)
    } else {
        // The match does not grow with after-tax money: compute it once, to the cent.
        let lines = year.simulate(Spread::Total(Decimal::ZERO), Decimal::ZERO);
        let employer: Decimal = lines
            .iter()
            .filter(|l| !l.history)
            .map(|l| l.employer_match)
            .sum();
        target - history_match - employer
    };
    let x = non_negative(cents_down(x));
    cap_left.map_or(x, |c| x.min(c))
}

/// Largest planned after-tax total `A` with `A + match(A) ≤ target` when after-tax money
/// is matched: per paycheck (each planned regular paycheck takes `A / n`), and, with a
/// true-up, also under the annual formula; a dollar cap on the match bounds both.
fn solve_matched(
    year: &Year,
    target: Decimal,
    history_match: Decimal,
    history_at: Decimal,
) -> Decimal {
    let regular: Vec<(&Slot, &Base)> = year
        .slots
        .iter()
        .zip(&year.base)
        .filter(|(s, _)| !s.history)
        .collect();
    let n = Decimal::from(
        regular
            .iter()
            .filter(|(s, _)| !s.bonus && !s.frozen)
            .count()
            .max(1),
    );
    // Each slot's deferrals and tier bounds do not depend on `a`: worked out once, not at
    // every point the solve tries (the same figures `matching::formula` would compute). A
    // slot whose figures are, to the bit, the previous slot's has the same match too.
    /// One slot as the solve sees it.
    struct Figures {
        /// The same figures as the slot before, to the bit.
        repeat: bool,
        /// A bonus or a frozen paycheck: no share of the after-tax money.
        skipped: bool,
        deferrals: Decimal,
        bounds: Vec<(Decimal, Decimal)>,
    }
    let mut figures: Vec<Figures> = Vec::with_capacity(regular.len());
    for (s, b) in &regular {
        let skipped = s.bonus || s.frozen;
        let deferrals = b.exact_deferrals;
        let bounds: Vec<(Decimal, Decimal)> =
            matching::bounds(&year.tiers, s.match_pay_exact).collect();
        let repeat = figures.last().is_some_and(|f| {
            f.skipped == skipped
                && f.deferrals.serialize() == deferrals.serialize()
                && f.bounds.len() == bounds.len()
                && f.bounds.iter().zip(&bounds).all(|((l1, w1), (l2, w2))| {
                    l1.serialize() == l2.serialize() && w1.serialize() == w2.serialize()
                })
        });
        figures.push(Figures {
            repeat,
            skipped,
            deferrals,
            bounds,
        });
    }
    let per_paycheck = |a: Decimal| -> Decimal {
        let even = a / n;
        let mut sum = Decimal::ZERO;
        let mut last = Decimal::ZERO;
        for f in &figures {
            if !f.repeat {
                let share = if f.skipped { Decimal::ZERO } else { even };
                last = matching::formula_within(
                    &year.tiers,
                    f.bounds.iter().copied(),
                    f.deferrals + share,
                );
            }
            sum += last;
        }
        history_match + sum
    };
    let mut kinks: Vec<Decimal> = regular
        .iter()
        .filter(|(s, _)| !s.bonus && !s.frozen)
        .flat_map(|(s, b)| {
            matching::kinks(&year.tiers, s.match_pay_exact)
                .map(move |k| (k - b.exact_deferrals) * n)
                .collect::<Vec<_>>()
        })
        .collect();
    let with_cap = |x: Option<Decimal>| -> Decimal {
        let capped = year
            .match_cap
            .map(|c| target - c)
            .filter(|v| *v >= Decimal::ZERO);
        match (x, capped) {
            (Some(a), Some(b)) => a.max(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => Decimal::ZERO,
        }
    };
    let upper = non_negative(target);
    let pp = with_cap(matching::solve(target, upper, &mut kinks, per_paycheck));
    if !year.match_trued_up {
        return pp;
    }
    let deferrals = year.total_deferrals() + history_at;
    let annual =
        |a: Decimal| matching::formula(&year.tiers, deferrals + a, year.counted_compensation);
    let mut kinks: Vec<Decimal> = matching::kinks(&year.tiers, year.counted_compensation)
        .map(|k| k - deferrals)
        .collect();
    let ann = with_cap(matching::solve(target, upper, &mut kinks, annual));
    pp.min(ann)
}
