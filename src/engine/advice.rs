//! One check of all advice: the elections mbr recommends, followed exactly as payroll runs
//! them, must keep every limit. A person types the elections into a payroll portal and does
//! not look again (RULES.md §7), so nothing is recommended that this check has not passed.
//!
//! The check is a payroll model of its own, deliberately plainer than the simulation that
//! finds the room (`paycheck`): it takes the elections as rates, not targets, and runs them
//! paycheck by paycheck the way payroll does:
//! - deferrals stop at 402(g) plus the catch-up elected, counting this plan's deferrals
//!   only; after-tax money is not stopped at 415(c), nor at the plan's cap (contract
//!   section 2, "Payroll limits"), so an after-tax election must be safe on its own;
//!   and since payroll counts only its own plan, the year's deferrals must keep within what
//!   other plans (`[[other_plans]]`) leave of the person's 402(g) limit;
//! - each paycheck takes the larger of the two roundings payroll may use: its share of the
//!   running exact figure (contract section 2, "Rounding"), or its own rate × pay rounded,
//!   so an election sized to the cent keeps its margin either way;
//! - the match is paid per paycheck on what was paid (trued up to the annual formula where
//!   the plan does that), never cut to make room under 415(c): a match that would pass it
//!   is an excess, not something the elections may count on.
//!
//! Where the plan file leaves payroll's behaviour open (`payroll.compensation_limit` or
//! `payroll.extra_paycheck` unknown), the year is laid out under each behaviour it could be
//! (a [`World`] each) and the advice must pass in all of them.

use rust_decimal::Decimal;

use super::matching;
use super::outcome::Way;
use super::paycheck::{Year, exact_cents};
use crate::date::Date;
use crate::money::{cents, cents_down, non_negative};
use crate::plan::{Cap, Plan, YearToDate};
use crate::rules::Figures;

/// What a paycheck may take beyond what it holds (`Slot::holds`) when the elections are
/// percents: payroll rounds each election of a paycheck by itself, so 25% + 25% of a
/// paycheck is within a 50% maximum even where each rounds up half a cent. Two cents covers
/// the pre-tax, Roth and after-tax elections together.
pub const PERCENT_SLACK: Decimal = Decimal::from_parts(2, 0, 0, false, 2);

/// Elections for one paycheck: fractions of pay, or dollars a paycheck.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rates {
    /// Pre-tax deferral.
    pub pretax: Decimal,
    /// Roth deferral.
    pub roth: Decimal,
    /// After-tax (non-Roth) money.
    pub after_tax: Decimal,
}

impl Rates {
    /// Deferrals, pre-tax and Roth.
    #[must_use]
    pub fn deferrals(&self) -> Decimal {
        self.pretax + self.roth
    }
}

/// Everything a person is told to elect, as dates and rates: the whole of the advice the
/// check follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advice {
    /// Rates are fractions of each paycheck's pay (else dollars a regular paycheck).
    pub percent: bool,
    /// The elections for every paycheck still to come.
    pub even: Rates,
    /// From this payday on, the deferral election moves wholly to Roth (IRC 414(v)(7):
    /// catch-up of a participant above the wage threshold must be Roth).
    pub roth_from: Option<Date>,
    /// Elections stop after this payday (a front-loaded schedule).
    pub until: Option<Date>,
    /// A one-time change for one payday: these rates instead, that paycheck only.
    pub last: Option<(Date, Rates)>,
}

impl Advice {
    /// The rates for the paycheck paid on `date`.
    #[must_use]
    pub fn rates_on(&self, date: Date) -> Rates {
        if self.until.is_some_and(|u| date > u) {
            return Rates::default();
        }
        if let Some((d, r)) = self.last
            && d == date
        {
            return r;
        }
        match self.roth_from {
            Some(from) if date >= from => Rates {
                pretax: Decimal::ZERO,
                roth: self.even.deferrals(),
                after_tax: self.even.after_tax,
            },
            _ => self.even,
        }
    }
}

/// One way payroll may run the year: the participant's figures and the year laid out
/// under that behaviour.
#[derive(Debug, Clone)]
pub struct World {
    /// Which way it is.
    pub way: Way,
    /// The participant's figures under it (the year's pay can differ).
    pub figures: Figures,
    /// The year under it.
    pub year: Year,
    /// What the pay stub says is already in, as the plan file gives it.
    pub stub: Option<YearToDate>,
    /// The year followed with no elections at all, worked out on the first check: every
    /// check of one computation has the same plan caps and election unit.
    pub baseline: std::cell::OnceCell<Followed>,
    /// How often advice failed the check in this way so far (see `passes`).
    pub failures: std::cell::Cell<u32>,
}

/// What following the advice in one world comes to, over the whole year (pay-stub
/// history included), with what it passes each limit by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Followed {
    /// Deferrals made on the paychecks still to come, catch-up included.
    pub deferrals: Decimal,
    /// Pre-tax money of those, catch-up included.
    pub pretax: Decimal,
    /// After-tax money put in on the paychecks still to come.
    pub after_tax: Decimal,
    /// The first payday still to come whose deferrals take the year past 402(g).
    pub crosses_402g: Option<Date>,
    /// The year's match as paid, true-up included.
    pub employer_match: Decimal,
    /// The annual formula on what the year's contributions give the match, capped.
    pub formula_match: Decimal,
    /// 415(c) annual additions, with a cent a planned paycheck of margin for payroll's own
    /// rounding of the match and percent-of-pay employer money.
    pub additions: Decimal,
    /// Annual additions above the 415(c) limit.
    pub over_additions: Decimal,
    /// Pre-tax money put in after the year's deferrals passed 402(g) where catch-up must be
    /// Roth (IRC 414(v)(7)): what a switch to Roth (`Advice::roth_from`) avoids.
    pub pretax_catch_up: Decimal,
    /// The year's pre-tax money above 402(g) where catch-up must be Roth: more pre-tax
    /// money than the limit allows, however payroll orders the year.
    pub pretax_over_402g: Decimal,
    /// The year's deferrals above what other plans leave of this person's 402(g) limit with
    /// catch-up: an excess deferral across plans, which this payroll does not stop
    /// (contract "Payroll limits"; RULES.md section 9).
    pub over_402g: Decimal,
    /// After-tax money above the plan's own cap: the year's money cap, or, for a percent
    /// cap, the most any paycheck elects above its share.
    pub over_cap: Decimal,
    /// The most any paycheck's elections pass what it holds (`Slot::holds`).
    pub over_paycheck: Decimal,
}

impl Followed {
    /// Whether this passes any limit further than `base` (the year with no elections at
    /// all, whose excess, from a pay stub say, is not the advice's doing).
    #[must_use]
    pub fn breaches(&self, base: &Self) -> bool {
        self.over_additions > base.over_additions
            || self.pretax_over_402g > base.pretax_over_402g
            || self.over_402g > base.over_402g
            || self.over_cap > base.over_cap
            || self.over_paycheck > Decimal::ZERO
    }

    /// Whether the match paid is, to the dollar, the annual formula's on what the year's
    /// contributions give it, pay stub included: match a pay stub already missed is not
    /// kept, whoever missed it (the match-lost warning says where it went). Past 415(c)
    /// something is cut back, and the match can be: not kept for sure.
    #[must_use]
    pub fn keeps_match(&self) -> bool {
        self.employer_match + Decimal::ONE > self.formula_match && self.over_additions.is_zero()
    }
}

/// `advice` with deferrals switched wholly to Roth from the payday that takes the year past
/// 402(g), where following it would otherwise make pre-tax catch-up that IRC 414(v)(7)
/// forbids (in any world); unchanged otherwise.
#[must_use]
pub fn roth_switched(worlds: &[World], cap: PlanCap, advice: &Advice) -> Advice {
    if advice.roth_from.is_some() || advice.even.pretax.is_zero() {
        return *advice;
    }
    let earliest = follow_all(worlds, cap, advice)
        .iter()
        .filter(|(f, base)| f.pretax_catch_up > base.pretax_catch_up)
        .filter_map(|(f, _)| f.crosses_402g)
        .min();
    Advice {
        roth_from: earliest,
        ..*advice
    }
}

/// The plan's caps on elections as the check applies them.
#[derive(Debug, Clone, Copy)]
pub struct PlanCap {
    after_tax: Option<Cap>,
    max_election: Option<Decimal>,
}

impl PlanCap {
    /// The caps of `plan`: on after-tax money, and on all elections of a paycheck
    /// together (`payroll.max_election`).
    #[must_use]
    pub fn of(plan: &Plan) -> Self {
        Self {
            after_tax: plan.after_tax.limit,
            max_election: plan.payroll.max_election,
        }
    }
}

/// Follows `advice` in every world; the first element is the world the figures are shown
/// for. Returns each world's result with its no-elections baseline.
#[must_use]
pub fn follow_all(worlds: &[World], cap: PlanCap, advice: &Advice) -> Vec<(Followed, Followed)> {
    worlds.iter().map(|w| follow_one(w, cap, advice)).collect()
}

/// Follows `advice` in one world, with the world's no-elections baseline.
fn follow_one(w: &World, cap: PlanCap, advice: &Advice) -> (Followed, Followed) {
    let f = follow(w, cap, advice);
    let base = w
        .baseline
        .get_or_init(|| {
            let none = Advice {
                even: Rates::default(),
                roth_from: None,
                until: None,
                last: None,
                ..*advice
            };
            follow(w, cap, &none)
        })
        .clone();
    (f, base)
}

/// The first world whose year `advice` passes a limit in, followed, with its baseline;
/// `None` when it keeps every limit in every world. The way that failed most often so far is
/// the likeliest to fail again: it is asked first.
#[must_use]
pub fn first_breach(
    worlds: &[World],
    cap: PlanCap,
    advice: &Advice,
) -> Option<(Followed, Followed)> {
    let mut order: Vec<&World> = worlds.iter().collect();
    order.sort_by_key(|w| std::cmp::Reverse(w.failures.get()));
    order.into_iter().find_map(|w| {
        let (f, base) = follow_one(w, cap, advice);
        f.breaches(&base).then(|| {
            w.failures.set(w.failures.get().saturating_add(1));
            (f, base)
        })
    })
}

/// Whether `advice` keeps every limit in every world.
#[must_use]
pub fn passes(worlds: &[World], cap: PlanCap, advice: &Advice) -> bool {
    first_breach(worlds, cap, advice).is_none()
}

/// One paycheck's contribution under a rate: the larger of its share of the running exact
/// figure and its own rate × pay rounded (module doc). The running figure starts again
/// wherever the rate changes (a one-time change, a switch to Roth).
#[derive(Default)]
struct Running {
    rate: Option<Decimal>,
    /// The exact pay so far, and the figure so far rounded.
    pay: Decimal,
    rounded: Decimal,
}

impl Running {
    fn of(&mut self, percent: bool, rate: Decimal, exact: Decimal, pay: Decimal) -> Decimal {
        if !percent || rate.is_zero() {
            return rate;
        }
        if self.rate != Some(rate) {
            *self = Self {
                rate: Some(rate),
                ..Self::default()
            };
        }
        self.pay += exact;
        let through = cents(rate * self.pay);
        let share = non_negative(through - self.rounded);
        self.rounded = through;
        share.max(cents(rate * pay))
    }
}

/// Year-to-date figures of one followed year.
#[derive(Default)]
struct Totals {
    deferrals: Decimal,
    pretax: Decimal,
    in_415: Decimal,
    after_tax: Decimal,
    planned_deferrals: Decimal,
    planned_pretax: Decimal,
    crosses: Option<Date>,
    planned_after_tax: Decimal,
    employer_match: Decimal,
    match_exact: Decimal,
    match_rounded: Decimal,
    matched: Decimal,
    pretax_catch_up: Decimal,
    over_cap: Decimal,
    over_paycheck: Decimal,
    planned: usize,
    margin: Decimal,
}

/// Follows `advice` through one world's year (module doc).
#[must_use]
pub fn follow(world: &World, cap: PlanCap, advice: &Advice) -> Followed {
    let (f, year) = (&world.figures, &world.year);
    let mut t = Totals::default();
    let (mut run_pre, mut run_roth, mut run_at) =
        (Running::default(), Running::default(), Running::default());
    // The same deferrals where the switch to Roth is not made (a payroll that stops them at
    // the limit without switching): the year's pre-tax money must keep within 402(g) then
    // too. Followed alongside only where there is a switch and the rule applies.
    let unswitched = (advice.roth_from.is_some() && f.roth_catch_up).then_some(Advice {
        roth_from: None,
        ..*advice
    });
    let (mut un_pre, mut un_roth) = (Running::default(), Running::default());
    let (mut un_deferrals, mut un_pretax) = (Decimal::ZERO, Decimal::ZERO);
    if let Some(stub) = &world.stub {
        un_deferrals = stub.pretax + stub.roth;
        un_pretax = stub.pretax;
    }
    // The pay stub's figures, as given: the paychecks already paid are not followed.
    if let Some(stub) = &world.stub {
        add_deferrals(f, &mut t, stub.pretax, stub.roth);
        t.after_tax += stub.after_tax;
        t.employer_match += stub.employer_match;
        t.match_rounded = Decimal::ZERO;
        t.in_415 += stub.after_tax + stub.employer_match + stub.nonelective;
        t.matched += stub.pretax
            + stub.roth
            + if year.match_after_tax {
                stub.after_tax
            } else {
                Decimal::ZERO
            };
    }
    for (slot, base) in year.slots.iter().zip(&year.base) {
        if slot.history {
            continue;
        }
        // Dollar elections are a regular paycheck's; a bonus takes percent elections only.
        let applies = (advice.percent || !slot.bonus) && slot.elections_apply && !slot.frozen;
        let r = if applies {
            advice.rates_on(slot.date)
        } else {
            Rates::default()
        };
        let (exact, pay) = (slot.counted_exact, slot.counted);
        if let Some(u) = &unswitched {
            let r = if applies {
                u.rates_on(slot.date)
            } else {
                Rates::default()
            };
            let room = non_negative(f.deferral_limit - un_deferrals);
            let pre = un_pre.of(advice.percent, r.pretax, exact, pay).min(room);
            let roth = un_roth
                .of(advice.percent, r.roth, exact, pay)
                .min(non_negative(room - pre));
            un_deferrals += pre + roth;
            un_pretax += pre;
        }
        let pre = run_pre.of(advice.percent, r.pretax, exact, pay);
        let roth = run_roth.of(advice.percent, r.roth, exact, pay);
        let at = run_at.of(advice.percent, r.after_tax, exact, pay);
        // Payroll stops deferrals at 402(g) plus the catch-up elected. Which kind it cuts
        // first varies; cutting Roth first leaves the most pre-tax money, the side the Roth
        // catch-up rule limits.
        let room = non_negative(f.deferral_limit - t.deferrals);
        let pre = pre.min(room);
        let roth = roth.min(non_negative(room - pre));
        t.planned += 1;
        let slack = if advice.percent {
            PERCENT_SLACK
        } else {
            Decimal::ZERO
        };
        t.over_paycheck = t.over_paycheck.max(pre + roth + at - slot.holds - slack);
        // A percent election is a share of the paycheck, whatever part of it is counted:
        // never more than the plan's maximum election, nor all of it.
        if advice.percent {
            let most = cap.max_election.unwrap_or(Decimal::ONE).min(Decimal::ONE);
            t.over_paycheck = t
                .over_paycheck
                .max((r.deferrals() + r.after_tax - most) * slot.pay);
        }
        // A percent cap limits each paycheck's election (contract section 2).
        if let Some(Cap::Percent(c)) = cap.after_tax {
            let over = if advice.percent {
                (r.after_tax - c) * pay
            } else {
                at - cents_down(c * pay)
            };
            t.over_cap = t.over_cap.max(over);
        }
        add_deferrals(f, &mut t, pre, roth);
        t.planned_deferrals += pre + roth;
        t.planned_pretax += pre;
        if t.crosses.is_none() && t.deferrals > f.regular_left() {
            t.crosses = Some(slot.date);
        }
        t.after_tax += at;
        t.planned_after_tax += at;
        let matched = pre
            + roth
            + if year.match_after_tax {
                at
            } else {
                Decimal::ZERO
            };
        t.matched += matched;
        // The match on what this paycheck paid and the pay it counts, rounded as the year
        // runs, within the plan's dollar cap.
        let exact = matching::formula(&year.tiers, matched, slot.match_pay);
        // Payroll's own rounding of a paycheck's match or nonelective money can differ from
        // the running figure by a cent where the exact figure is not whole cents (a
        // self-employed participant's own deposits are made as figured).
        if exact != cents(exact) || (!base.nonelective.is_zero() && !year.deposits) {
            t.margin += Decimal::new(1, 2);
        }
        t.match_exact += exact;
        let through = exact_cents(t.match_exact);
        let mut m = non_negative(through - t.match_rounded);
        t.match_rounded = through;
        if let Some(c) = year.match_cap {
            m = m.min(non_negative(c - t.employer_match));
        }
        t.employer_match += m;
        t.in_415 += at + m + base.nonelective;
    }
    let formula_match = {
        let m = cents(matching::formula(
            &year.tiers,
            t.matched,
            year.counted_compensation,
        ));
        year.match_cap.map_or(m, |c| m.min(c))
    };
    if year.match_trued_up && formula_match > t.employer_match {
        t.in_415 += formula_match - t.employer_match;
        t.employer_match = formula_match;
    }
    if let Some(Cap::Money(c)) = cap.after_tax {
        t.over_cap = t.over_cap.max(t.after_tax - c);
    }
    let additions = t.in_415 + t.margin;
    Followed {
        deferrals: t.planned_deferrals,
        pretax: t.planned_pretax,
        crosses_402g: t.crosses,
        after_tax: t.planned_after_tax,
        employer_match: t.employer_match,
        formula_match,
        additions,
        over_additions: non_negative(additions - year.additions_limit),
        pretax_catch_up: t.pretax_catch_up,
        // Without catch-up, deferrals past 402(g) are an excess (`over_402g`), not catch-up.
        pretax_over_402g: if f.roth_catch_up && !f.catch_up.is_zero() {
            non_negative(t.pretax.max(un_pretax) - f.regular_left())
        } else {
            Decimal::ZERO
        },
        over_402g: non_negative(t.deferrals - f.deferral_left()),
        over_cap: non_negative(t.over_cap),
        over_paycheck: non_negative(t.over_paycheck),
    }
}

/// Adds one paycheck's deferrals to the totals: the part above 402(g) is catch-up, outside
/// 415(c) (IRC 414(v)(3)(A)); pre-tax money in that part, where catch-up must be Roth, is a
/// pre-tax catch-up 414(v)(7) forbids (counted as if pre-tax came first in the paycheck).
fn add_deferrals(f: &Figures, t: &mut Totals, pretax: Decimal, roth: Decimal) {
    let before = t.deferrals;
    t.deferrals += pretax + roth;
    t.pretax += pretax;
    let above = non_negative(t.deferrals - before.max(f.regular_left()));
    let catch_up = above.min(f.catch_up);
    if f.roth_catch_up {
        t.pretax_catch_up += catch_up.min(pretax);
    }
    t.in_415 += pretax + roth - catch_up;
}
