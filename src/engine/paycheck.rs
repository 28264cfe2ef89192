//! The year paycheck by paycheck: pay, deferrals, after-tax money, match and nonelective
//! money on each payday, so that the annual totals are sums of paychecks and a match paid
//! per paycheck (no true-up) loses what a real payroll would lose.
//!
//! Rounding (contract section 2, "Rounding"): money is rounded to the cent, half away from
//! zero, so that running totals follow the annual arithmetic. Pay is rounded that way in
//! `year`; each slot also keeps its pay before rounding ([`Slot::exact`]) and the part of it
//! 401(a)(17) counts ([`Slot::counted_exact`], see [`unrounded`]). Then, over the planned
//! paychecks:
//! - each percent-of-pay contribution (pre-tax, Roth, after-tax, a percent nonelective
//!   contribution) is, through paycheck k, the percent of the exact counted pay through k,
//!   rounded; paycheck k holds the difference from the figure through k − 1 ([`PercentOf`]).
//!   That difference is what the paycheck asks for: a limit that cuts it (402(g) stopping a
//!   deferral mid-paycheck, what is left of the pay, 415(c)) cuts that paycheck only, and
//!   later paychecks do not make the cut up.
//! - the match, without a true-up, is the formula applied paycheck by paycheck on each
//!   paycheck's exact figures: its counted pay before rounding, and its contributions before
//!   rounding (a percent election's exact share, or the cents paid where a limit cut it or
//!   the election is a money amount). Through paycheck k the match is the sum of those
//!   figures rounded; paycheck k holds the difference, within what the plan's cap and 415(c)
//!   leave. So a match that no limit cuts totals the annual formula to the cent: 26
//!   paychecks of $200,000 at 6%, matched 50% on 6%, come to $6,000.00, not 26 × $230.77.
//! - money elections and `"max"` are spread over the remaining regular paychecks by
//!   [`Spreader`], the last taking the remainder, so their total is exact already.
//!
//! Pay-stub figures (history slots) are taken as given, and the running figures above start
//! after them.

use std::cell::{OnceCell, RefCell};

use rust_decimal::{Decimal, RoundingStrategy};

use super::matching;
use super::outcome::{Line, LineKind};
use crate::date::Date;
use crate::money::{cents, non_negative};
use crate::plan::{Amount, Tier};

/// `cents(left / paychecks)`, the even share of a spreader: for a positive amount in
/// whole cents (or dollars, or dimes) the quotient is rounded to the cent in integers,
/// half away from zero as `cents` rounds; anything else takes the decimal division.
fn share(left: Decimal, paychecks: usize) -> Decimal {
    let scale = left.scale();
    let mantissa = left.mantissa();
    if let Ok(n) = i128::try_from(paychecks)
        && n > 0
        && scale <= 2
        && mantissa > 0
        && mantissa < 1_000_000_000_000_000
    {
        if mantissa % n == 0 {
            // An exact quotient keeps the amount's scale, which `cents` leaves alone.
            if let Ok(q) = Decimal::try_from_i128_with_scale(mantissa / n, scale) {
                return q;
            }
        } else {
            let at_cents = mantissa * 10_i128.pow(2 - scale);
            let (q, r) = (at_cents / n, at_cents % n);
            let q = if 2 * r >= n { q + 1 } else { q };
            if let Ok(q) = Decimal::try_from_i128_with_scale(q, 2) {
                return q;
            }
        }
    }
    cents(left / Decimal::from(paychecks))
}

/// One payday of the year.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Payday.
    pub date: Date,
    /// Gross pay.
    pub pay: Decimal,
    /// Gross pay before rounding: the paycheck's exact share of the year's pay.
    pub exact: Decimal,
    /// Pay the participant's percent elections (deferrals, after-tax money) run on: all of
    /// it, or under `payroll.compensation_limit = "stop"` only pay up to the 401(a)(17)
    /// limit (RULES.md §3).
    pub counted: Decimal,
    /// `counted` before rounding (see [`unrounded`]): what percent contributions are worked
    /// out on.
    pub counted_exact: Decimal,
    /// Pay the match and percent-of-pay employer money count: pay up to the 401(a)(17)
    /// limit, as payroll applies it (`payroll.compensation_limit`, RULES.md §3).
    pub match_pay: Decimal,
    /// `match_pay` before rounding (see [`unrounded`]): what the match and percent-of-pay
    /// employer money are worked out on.
    pub match_pay_exact: Decimal,
    /// A bonus rather than a regular paycheck.
    pub bonus: bool,
    /// Whether percent elections apply (always for regular pay).
    pub elections_apply: bool,
    /// Already paid: figures come from the pay stub, not from elections.
    pub history: bool,
    /// After the participant's elections stop (a front-loading schedule): the employee
    /// contributes nothing; the employer's money goes on.
    pub frozen: bool,
    /// The most all the participant's elections together can take from this paycheck
    /// (see `year::paycheck_holds`): `payroll.max_election` of its pay, and never more
    /// than its pay less the employee's FICA.
    pub holds: Decimal,
}

impl Slot {
    /// What the paycheck still holds (`holds`) once `deferrals` are taken from it.
    #[must_use]
    pub fn holds_after(&self, deferrals: Decimal) -> Decimal {
        non_negative(self.holds - deferrals)
    }
}

/// Everything about the year that does not depend on the after-tax amount.
#[derive(Debug, Clone)]
pub struct Year {
    /// Paydays in order.
    pub slots: Vec<Slot>,
    /// 402(g) plus the eligible catch-up.
    pub deferral_limit: Decimal,
    /// The lesser of 415(c) and compensation.
    pub additions_limit: Decimal,
    /// Compensation counted for the annual match formula (401(a)(17)).
    pub counted_compensation: Decimal,
    /// Match tiers (empty without a match).
    pub tiers: Vec<Tier>,
    /// Annual match cap.
    pub match_cap: Option<Decimal>,
    /// The match also applies to after-tax money.
    pub match_after_tax: bool,
    /// The employer trues the match up to the annual formula at year end (the plan's
    /// `match.true_up` is yes).
    pub match_trued_up: bool,
    /// Per slot: pre-tax, Roth, catch-up and nonelective money (history slots included).
    pub base: Vec<Base>,
    /// Match already paid (history), per history slot.
    pub history_match: Vec<Decimal>,
    /// After-tax money already paid, per history slot.
    pub history_after_tax: Vec<Decimal>,
    /// Deferrals the plan asks for that the paychecks cannot hold (`Slot::holds`).
    pub deferrals_not_held: Decimal,
    /// Where `"max"` deferrals stop short of 402(g) so that the employer's money still fits
    /// under a 415(c) of 100% of pay (`year::keeps_the_match`): the year's most deferrals.
    pub max_keeps_match: Option<Decimal>,
    /// Work shared by the simulations of this year (see `Year::simulate`). The fields above
    /// never change once the year is built, so nothing in it goes stale.
    pub memo: Memo,
    /// The "paychecks" are a self-employed participant's own deposits (`payroll.deposits`):
    /// the participant deposits the nonelective money to the cent, no payroll rounds it.
    pub deposits: bool,
}

/// What the simulations of one [`Year`] share: the per-slot figures every run needs, and
/// the schedules already simulated.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    prepared: OnceCell<Prepared>,
    runs: RefCell<Vec<(RunKey, Vec<Line>)>>,
}

/// A simulation's inputs as exact bits (sign, scale and digits), so that two keys are equal
/// only when a run would see the very same figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RunKey {
    percent: bool,
    held: bool,
    spread: [u8; 16],
    budget: [u8; 16],
}

impl RunKey {
    fn new(spread: Spread, budget: Decimal, held: bool) -> Self {
        let (percent, value) = match spread {
            Spread::Percent(p) => (true, p),
            Spread::Total(t) => (false, t),
        };
        Self {
            percent,
            held,
            spread: value.serialize(),
            budget: budget.serialize(),
        }
    }
}

/// Figures of a year that no simulation changes, worked out once.
#[derive(Debug, Clone)]
struct Prepared {
    /// Per slot, in order.
    slots: Vec<SlotFigures>,
    /// Per slot and match tier, slot by slot: where the tier starts and how wide it is, in
    /// dollars of that slot's exact match pay (see `matching::bounds`); only where after-tax
    /// money is matched.
    bounds: Vec<(Decimal, Decimal)>,
    /// `planned_electable` of the slots.
    electable: usize,
    /// `Year::total_deferrals`.
    total_deferrals: Decimal,
    /// After-tax money in the history.
    history_at: Decimal,
}

/// One slot's figures that do not depend on after-tax money.
#[derive(Debug, Clone)]
struct SlotFigures {
    /// Pre-tax and Roth deferrals within 402(g).
    def415: Decimal,
    /// Those of the slots after this one, reserved under 415(c).
    later_deferrals: Decimal,
    /// `Base::deferrals`.
    deferrals: Decimal,
    /// `Base::exact_deferrals`.
    exact_deferrals: Decimal,
    /// `Base::catch_up`.
    catch_up: Decimal,
    /// What is left of what the paycheck holds (`Slot::holds`) after deferrals.
    holds: Decimal,
    /// The match on the deferrals alone, before rounding and any cap: the match on every
    /// run where after-tax money is not matched (unused where it is).
    deferral_match: Decimal,
}

/// A slot's money that does not depend on after-tax contributions.
#[derive(Debug, Clone, Default)]
pub struct Base {
    /// Pre-tax deferral within 402(g).
    pub pretax: Decimal,
    /// Roth deferral within 402(g).
    pub roth: Decimal,
    /// Pre-tax deferral above 402(g) (catch-up).
    pub catch_up_pretax: Decimal,
    /// Roth deferral above 402(g) (catch-up).
    pub catch_up_roth: Decimal,
    /// Employer nonelective money.
    pub nonelective: Decimal,
    /// Deferrals, catch-up included, before rounding: what the match formula sees (see the
    /// module doc); the deferrals themselves where no percent election gave them.
    pub exact_deferrals: Decimal,
}

impl Base {
    /// Deferrals, catch-up included.
    #[must_use]
    pub fn deferrals(&self) -> Decimal {
        self.pretax + self.roth + self.catch_up()
    }

    /// Deferrals above 402(g).
    #[must_use]
    pub fn catch_up(&self) -> Decimal {
        self.catch_up_pretax + self.catch_up_roth
    }
}

/// How the participant's after-tax money is spread.
#[derive(Debug, Clone, Copy)]
pub enum Spread {
    /// A fraction of each paycheck's counted pay.
    Percent(Decimal),
    /// This many dollars over the remaining regular paychecks.
    Total(Decimal),
}

/// Pays a money total out over the remaining regular paychecks: each takes an even share
/// of what is left, so the last takes the remainder.
#[derive(Debug, Clone)]
pub struct Spreader {
    left: Decimal,
    paychecks: usize,
}

impl Spreader {
    /// A spreader of `total` over `paychecks` paychecks.
    #[must_use]
    pub fn new(total: Decimal, paychecks: usize) -> Self {
        Self {
            left: non_negative(total),
            paychecks,
        }
    }

    /// This paycheck's share (0 for a bonus), before any cap.
    pub fn next(&mut self, regular: bool) -> Decimal {
        if !regular || self.paychecks == 0 {
            return Decimal::ZERO;
        }
        let share = if self.paychecks == 1 {
            self.left
        } else {
            share(self.left, self.paychecks)
        };
        self.paychecks -= 1;
        share
    }

    /// Records what was actually paid.
    pub fn paid(&mut self, amount: Decimal) {
        self.left = non_negative(self.left - amount);
    }
}

/// Number of regular paychecks after the history.
#[must_use]
pub fn planned_regular(slots: &[Slot]) -> usize {
    slots.iter().filter(|s| !s.history && !s.bonus).count()
}

/// Number of regular paychecks after the history on which the participant's elections run.
#[must_use]
pub fn planned_electable(slots: &[Slot]) -> usize {
    slots
        .iter()
        .filter(|s| !s.history && !s.bonus && !s.frozen)
        .count()
}

/// Rounds a running exact figure to the cent, half away from zero. The exact figures are
/// sums of pay divided among paychecks, carried to 28 significant digits, so a figure that is
/// exactly half a cent may arrive a few units of the last digit either side of it: rounding
/// to 12 places first puts it back on the half cent. (A figure that is not a half cent is
/// further from one than that: its denominator is at most the paydays times a power of ten
/// no larger than 10^11 for percents and tiers of a few decimals.)
#[must_use]
pub fn exact_cents(value: Decimal) -> Decimal {
    cents(value.round_dp_with_strategy(12, RoundingStrategy::MidpointAwayFromZero))
}

/// The running rounding of one percent-of-pay contribution (module doc): through each slot
/// it is given, the percent of the exact counted pay so far, rounded; each slot takes the
/// difference. Feed it the slots the election applies to, in order.
#[derive(Debug, Default)]
pub struct PercentOf {
    /// The exact counted pay so far (the percent is applied to the sum, one product).
    pay: Decimal,
    /// The figure so far, rounded.
    rounded: Decimal,
}

impl PercentOf {
    /// The next slot's share of `percent` (the same on every call) of its exact counted pay
    /// `counted_exact`. Never below zero.
    pub fn of(&mut self, percent: Decimal, counted_exact: Decimal) -> Decimal {
        self.pay += counted_exact;
        let through = exact_cents(percent * self.pay);
        let share = non_negative(through - self.rounded);
        self.rounded = through;
        share
    }
}

/// Each slot's `counted(slot)` before rounding, for any rule that sets what is counted
/// (401(a)(17)): where a slot counts all its pay, its exact pay; where the rule counts less
/// (the limit reached in this paycheck, or a share of it), the counted figure less what the
/// exact pay counted so far exceeds the rounded pay counted so far by, so that the exact
/// total is the rounded one, the limit, from there on; nothing where nothing is counted.
#[must_use]
pub fn unrounded(slots: &[Slot], counted: impl Fn(&Slot) -> Decimal) -> Vec<Decimal> {
    // Exact counted pay so far less rounded counted pay so far.
    let mut ahead = Decimal::ZERO;
    slots
        .iter()
        .map(|slot| {
            let c = counted(slot);
            if c == slot.pay {
                ahead += slot.exact - slot.pay;
                slot.exact
            } else if c.is_zero() {
                Decimal::ZERO
            } else {
                let exact = non_negative(c - ahead);
                ahead = Decimal::ZERO;
                exact
            }
        })
        .collect()
}

/// A contribution's exact figure for the match formula: `percent` of the slot's exact
/// counted pay when the paycheck holds all it `asked` for, else what it `paid` (module doc).
#[must_use]
pub fn exact_share(amount: Amount, slot: &Slot, asked: Decimal, paid: Decimal) -> Decimal {
    match amount {
        Amount::Percent(p) if paid == asked && slot.elections_apply && !slot.frozen => {
            p * slot.counted_exact
        }
        _ => paid,
    }
}

/// A contribution for one slot under an election: a percent of the slot's exact counted
/// pay, rounded as the year runs (`percent`, the module doc's running rounding), nothing
/// from a slot the election does not apply to, or an even share of a money amount or
/// `"max"` (`spreader`) on a regular paycheck the participant's elections still run on.
pub fn elected_with(
    amount: Amount,
    slot: &Slot,
    spreader: &mut Spreader,
    percent: &mut PercentOf,
) -> Decimal {
    match amount {
        Amount::Percent(p) if slot.elections_apply && !slot.frozen => {
            percent.of(p, slot.counted_exact)
        }
        Amount::Percent(_) => Decimal::ZERO,
        Amount::Money(_) | Amount::Max => spreader.next(!slot.bonus && !slot.frozen),
    }
}

impl Year {
    /// Total deferrals counted in 415(c) (catch-up excluded) and nonelective money, all slots.
    #[must_use]
    pub fn base_additions(&self) -> Decimal {
        self.base
            .iter()
            .map(|b| b.pretax + b.roth + b.nonelective)
            .sum()
    }

    /// All deferrals, catch-up included, all slots.
    #[must_use]
    pub fn total_deferrals(&self) -> Decimal {
        self.base.iter().map(Base::deferrals).sum()
    }

    /// The match the annual formula gives on `base` (unrounded, capped).
    #[must_use]
    pub fn annual_match(&self, base: Decimal) -> Decimal {
        let m = matching::formula(&self.tiers, base, self.counted_compensation);
        self.match_cap.map_or(m, |c| m.min(c))
    }

    /// What of a line the match counts: its deferrals, and its after-tax money where the
    /// plan matches that too.
    #[must_use]
    pub fn matched(&self, line: &Line) -> Decimal {
        let deferrals = line.pretax + line.roth + line.catch_up;
        if self.match_after_tax {
            deferrals + line.after_tax
        } else {
            deferrals
        }
    }

    /// Match a schedule misses against the annual formula on what it contributes, because it
    /// is paid per paycheck (RULES.md §4): 0 with a true-up or no match. Match that
    /// deferrals and nonelective money leave no 415(c) room for is not counted as missed.
    /// Nor is the match on the part of a paycheck's deferrals made from pay the match does
    /// not count while elections go on (`compensation_limit` "continue" past 401(a)(17),
    /// or "pro-rata" above each paycheck's share; RULES.md §3): the annual formula counts
    /// that part of each paycheck's deferrals only in the share `match_pay / counted`, since
    /// paid per paycheck the plan's own terms match nothing there and no election brings
    /// it back.
    #[must_use]
    pub fn match_shortfall(&self, lines: &[Line]) -> Decimal {
        if self.match_trued_up || self.tiers.is_empty() {
            return Decimal::ZERO;
        }
        let sum = |f: fn(&Line) -> Decimal| lines.iter().map(f).sum::<Decimal>();
        // Lines follow the slots one for one; the true-up line after them has no deferrals.
        let past_limit = |(l, s): (&Line, &Slot)| {
            (s.counted > s.match_pay)
                .then(|| self.matched(l) * (s.counted - s.match_pay) / s.counted)
        };
        let unmatchable: Decimal = lines.iter().zip(&self.slots).filter_map(past_limit).sum();
        let matched: Decimal = lines.iter().map(|l| self.matched(l)).sum::<Decimal>() - unmatchable;
        // After-tax money yields to the match: match it crowds out of 415(c) is still lost.
        let others = sum(|l| l.pretax + l.roth + l.nonelective);
        let formula =
            cents(self.annual_match(matched)).min(non_negative(self.additions_limit - others));
        non_negative(formula - sum(|l| l.employer_match))
    }

    /// Simulates the year with after-tax money spread as `spread`, stopping once the planned
    /// after-tax money reaches `budget`. Returns the schedule, true-up line included.
    ///
    /// The elections search asks for the same year with the same after-tax money more than
    /// once (the run without after-tax money, a bracket that starts where it ends); a repeat
    /// is a copy of the first run's schedule. The key is the exact bits of both figures, scale
    /// included, so a copy is what a fresh run would return.
    #[must_use]
    pub fn simulate(&self, spread: Spread, budget: Decimal) -> Vec<Line> {
        self.simulate_as(spread, budget, false)
    }

    /// `simulate`, with each paycheck's after-tax money also cut to what the paycheck holds
    /// after its deferrals (`Slot::holds`): the year as payroll runs it, where `simulate`
    /// gives the year the limits allow, 415(c) alone bounding each paycheck's after-tax
    /// money (contract §4 `after_tax_room`; RULES.md §7).
    #[must_use]
    pub fn simulate_held(&self, spread: Spread, budget: Decimal) -> Vec<Line> {
        self.simulate_as(spread, budget, true)
    }

    /// `simulate` or `simulate_held`.
    fn simulate_as(&self, spread: Spread, budget: Decimal, held: bool) -> Vec<Line> {
        let key = RunKey::new(spread, budget, held);
        if let Ok(runs) = self.memo.runs.try_borrow()
            && let Some((_, lines)) = runs.iter().find(|(k, _)| *k == key)
        {
            return lines.clone();
        }
        let lines = self.run(spread, budget, held);
        if let Ok(mut runs) = self.memo.runs.try_borrow_mut() {
            runs.push((key, lines.clone()));
        }
        lines
    }

    /// The figures every simulation of this year uses, worked out on the first.
    fn prepared(&self) -> &Prepared {
        self.memo.prepared.get_or_init(|| {
            // Tier bounds serve only the match on after-tax money; without it the match on
            // each slot's deferrals is the whole story, worked out here once.
            let keep_bounds = self.match_after_tax && !self.tiers.is_empty();
            let mut bounds = Vec::with_capacity(if keep_bounds {
                self.slots.len() * self.tiers.len()
            } else {
                0
            });
            let mut later_deferrals: Decimal = self.base.iter().map(|b| b.pretax + b.roth).sum();
            let slots: Vec<SlotFigures> = self
                .slots
                .iter()
                .zip(&self.base)
                .map(|(slot, base)| {
                    let def415 = base.pretax + base.roth;
                    later_deferrals -= def415;
                    let deferrals = base.deferrals();
                    let deferral_match = if keep_bounds {
                        bounds.extend(matching::bounds(&self.tiers, slot.match_pay_exact));
                        Decimal::ZERO
                    } else if self.tiers.is_empty() {
                        Decimal::ZERO
                    } else {
                        matching::formula(&self.tiers, base.exact_deferrals, slot.match_pay_exact)
                    };
                    SlotFigures {
                        def415,
                        later_deferrals,
                        deferrals,
                        exact_deferrals: base.exact_deferrals,
                        catch_up: base.catch_up(),
                        holds: slot.holds_after(deferrals),
                        deferral_match,
                    }
                })
                .collect();
            Prepared {
                total_deferrals: slots.iter().map(|f| f.deferrals).sum(),
                slots,
                bounds,
                electable: planned_electable(&self.slots),
                history_at: self.history_after_tax.iter().sum(),
            }
        })
    }

    /// One simulation (see `simulate`): each payday in order, then the true-up.
    fn run(&self, spread: Spread, budget: Decimal, held: bool) -> Vec<Line> {
        let prepared = self.prepared();
        let mut run = Run::new(self, prepared, spread, budget);
        run.held = held;
        let mut history = self.history_match.iter().zip(&self.history_after_tax);
        for (i, ((slot, base), fig)) in self
            .slots
            .iter()
            .zip(&self.base)
            .zip(&prepared.slots)
            .enumerate()
        {
            let stub = slot.history.then(|| {
                history
                    .next()
                    .map_or((Decimal::ZERO, Decimal::ZERO), |(m, a)| (*a, *m))
            });
            run.payday(i, slot, base, fig, stub);
        }
        run.true_up();
        run.lines
    }
}

/// One simulation of a [`Year`] under way: its schedule so far, what it spreads, and its
/// year-to-date totals.
struct Run<'y> {
    year: &'y Year,
    prepared: &'y Prepared,
    /// The schedule, a line per payday so far.
    lines: Vec<Line>,
    /// The most planned after-tax money the run puts in.
    budget: Decimal,
    /// The most match the paychecks may deposit in the year (see `Run::deposit_cap`).
    deposit_cap: Option<Decimal>,
    /// How each paycheck's after-tax money is elected.
    amount: Amount,
    spreader: Spreader,
    percent: PercentOf,
    /// Deferrals so far, catch-up included.
    ytd_deferrals: Decimal,
    /// 415(c) annual additions so far.
    ytd_additions: Decimal,
    /// Match so far.
    ytd_match: Decimal,
    /// The planned paychecks' match so far before rounding (module doc), and rounded.
    match_exact: (Decimal, Decimal),
    /// Planned (not history) after-tax money so far.
    planned_after_tax: Decimal,
    /// All after-tax money so far, history included.
    after_tax: Decimal,
    /// After-tax money is cut to what each paycheck holds (`Year::simulate_held`).
    held: bool,
}

impl<'y> Run<'y> {
    fn new(year: &'y Year, prepared: &'y Prepared, spread: Spread, budget: Decimal) -> Self {
        let (amount, total) = match spread {
            Spread::Percent(p) => (Amount::Percent(p), Decimal::ZERO),
            Spread::Total(t) => (Amount::Max, t.min(budget)),
        };
        Self {
            year,
            prepared,
            lines: Vec::with_capacity(year.slots.len() + 1),
            budget,
            deposit_cap: Self::deposit_cap(year, prepared, budget),
            amount,
            spreader: Spreader::new(total, prepared.electable),
            percent: PercentOf::default(),
            ytd_deferrals: Decimal::ZERO,
            ytd_additions: Decimal::ZERO,
            ytd_match: Decimal::ZERO,
            match_exact: (Decimal::ZERO, Decimal::ZERO),
            planned_after_tax: Decimal::ZERO,
            after_tax: Decimal::ZERO,
            held: false,
        }
    }

    /// The plan's match cap and, where the match is trued up, the annual formula: then the
    /// year's match is that formula, so paychecks never deposit more than it on every
    /// deferral and the most after-tax money this run can put in.
    fn deposit_cap(year: &Year, prepared: &Prepared, budget: Decimal) -> Option<Decimal> {
        let formula = (year.match_trued_up && !year.tiers.is_empty()).then(|| {
            let most_after_tax = if year.match_after_tax {
                prepared.history_at + budget
            } else {
                Decimal::ZERO
            };
            cents(year.annual_match(prepared.total_deferrals + most_after_tax))
        });
        year.match_cap.into_iter().chain(formula).min()
    }

    /// Adds slot `i`'s line: its deferrals and nonelective money, and its after-tax money
    /// and match, from the pay `stub` (after-tax, match) for a history slot.
    fn payday(
        &mut self,
        i: usize,
        slot: &Slot,
        base: &Base,
        fig: &SlotFigures,
        stub: Option<(Decimal, Decimal)>,
    ) {
        // Deferrals still to come are reserved, so employer money never pushes a later
        // deferral past 415(c).
        let room = non_negative(
            self.year.additions_limit - self.ytd_additions - fig.def415 - fig.later_deferrals,
        );
        // `room` is never below zero, so a zero nonelective amount is its own minimum.
        let nonelective = if base.nonelective.is_zero() {
            base.nonelective
        } else {
            base.nonelective.min(room)
        };
        let (after_tax, employer_match) = match stub {
            Some(paid) => paid,
            None => self.planned(i, slot, fig, non_negative(room - nonelective)),
        };
        self.ytd_deferrals += fig.deferrals;
        self.ytd_match += employer_match;
        self.after_tax += after_tax;
        self.ytd_additions += fig.def415 + nonelective + employer_match + after_tax;
        self.lines.push(Line {
            date: slot.date,
            kind: if slot.bonus {
                LineKind::Bonus
            } else {
                LineKind::Paycheck
            },
            history: slot.history,
            pay: slot.pay,
            pretax: base.pretax,
            roth: base.roth,
            catch_up: fig.catch_up,
            catch_up_roth: base.catch_up_roth,
            after_tax,
            employer_match,
            nonelective,
            converted: Decimal::ZERO,
            conversion_date: None,
            ytd_deferrals: self.ytd_deferrals,
            ytd_additions: self.ytd_additions,
        });
    }

    /// A planned paycheck's after-tax money and match within the 415(c) `space` its
    /// deferrals and nonelective money leave. The match comes first: where both do not fit,
    /// after-tax money gives way, as an excess annual addition would be corrected. Lowering
    /// it by the excess lowers the match too, so one step always fits. The match's running
    /// exact figure takes the formula on the after-tax money finally paid.
    fn planned(
        &mut self,
        i: usize,
        slot: &Slot,
        fig: &SlotFigures,
        space: Decimal,
    ) -> (Decimal, Decimal) {
        let want = elected_with(self.amount, slot, &mut self.spreader, &mut self.percent);
        let mut after_tax = want
            .min(non_negative(self.budget - self.planned_after_tax))
            .min(space);
        if self.held {
            after_tax = after_tax.min(fig.holds);
        }
        let (mut exact, first) =
            self.match_on(i, fig, exact_share(self.amount, slot, want, after_tax));
        let over = after_tax + first - space;
        let employer_match = if over > Decimal::ZERO {
            after_tax = non_negative(after_tax - over);
            if self.year.match_after_tax {
                let (e, m) = self.match_on(i, fig, exact_share(self.amount, slot, want, after_tax));
                exact = e;
                m
            } else {
                first
            }
        } else {
            first
        };
        let through = self.match_exact.0 + exact;
        self.match_exact = (through, exact_cents(through));
        self.spreader.paid(after_tax);
        self.planned_after_tax += after_tax;
        (
            after_tax,
            employer_match.min(non_negative(space - after_tax)),
        )
    }

    /// Slot `i`'s match on its exact deferrals and `after_tax` (its exact after-tax money):
    /// the formula's figure before rounding, and the paycheck's match, the difference it
    /// makes to the running match rounded (module doc), within what the deposit cap leaves.
    fn match_on(&self, i: usize, fig: &SlotFigures, after_tax: Decimal) -> (Decimal, Decimal) {
        // Without a match on after-tax money the formula sees the deferrals alone, the same
        // in every run: worked out once per year.
        let m = if self.year.match_after_tax {
            let tiers = self.year.tiers.len();
            let bounds = self
                .prepared
                .bounds
                .get(i * tiers..(i + 1) * tiers)
                .unwrap_or_default();
            matching::formula_within(
                &self.year.tiers,
                bounds.iter().copied(),
                fig.exact_deferrals + after_tax,
            )
        } else {
            fig.deferral_match
        };
        let (so_far, rounded) = self.match_exact;
        let paid = non_negative(exact_cents(so_far + m) - rounded);
        let paid = self
            .deposit_cap
            .map_or(paid, |c| paid.min(non_negative(c - self.ytd_match)));
        (m, paid)
    }

    /// Where the match is trued up, adds the year-end line that brings the year's match to
    /// the annual formula: it makes up what the paychecks missed, or gives back the cents
    /// per-paycheck rounding overpaid. No line without a true-up or when nothing is owed.
    fn true_up(&mut self) {
        let year = self.year;
        if !year.match_trued_up || year.tiers.is_empty() {
            return;
        }
        let matched = self.prepared.total_deferrals
            + if year.match_after_tax {
                self.after_tax
            } else {
                Decimal::ZERO
            };
        let owed = cents(year.annual_match(matched));
        let true_up_payment =
            (owed - self.ytd_match).min(non_negative(year.additions_limit - self.ytd_additions));
        if true_up_payment.is_zero() {
            return;
        }
        let date = year
            .slots
            .first()
            .map_or_else(|| Date::end_of_month(2000, 12), |s| s.date.end_of_year());
        self.ytd_additions += true_up_payment;
        self.lines.push(Line {
            date,
            kind: LineKind::TrueUp,
            history: false,
            pay: Decimal::ZERO,
            pretax: Decimal::ZERO,
            roth: Decimal::ZERO,
            catch_up: Decimal::ZERO,
            catch_up_roth: Decimal::ZERO,
            after_tax: Decimal::ZERO,
            employer_match: true_up_payment,
            nonelective: Decimal::ZERO,
            converted: Decimal::ZERO,
            conversion_date: None,
            ytd_deferrals: self.ytd_deferrals,
            ytd_additions: self.ytd_additions,
        });
    }
}

/// 415(c) annual additions in a schedule: deferrals without catch-up, employer money,
/// after-tax money.
#[must_use]
pub fn additions(lines: &[Line]) -> Decimal {
    lines
        .iter()
        .map(|l| l.pretax + l.roth + l.employer_match + l.nonelective + l.after_tax)
        .sum()
}

/// After-tax money in a schedule's planned (not history) lines.
#[must_use]
pub fn planned_after_tax(lines: &[Line]) -> Decimal {
    lines
        .iter()
        .filter(|l| !l.history)
        .map(|l| l.after_tax)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// `share(left, n)` is `cents(left / n)` to the bit, scale included, for every paycheck
    /// count a year can hold (1 to 60): on the edges of its integer path (zeros of each
    /// scale and sign, negative amounts, a third decimal place, the largest mantissa it takes
    /// and the first it leaves to the decimal division, exact quotients that keep the
    /// amount's scale, quotients of exactly half a cent and a cent either side of one), and
    /// on a sample of amounts in dollars, dimes, cents and mills.
    #[test]
    fn shares_in_integers_are_the_decimal_division_to_the_last_bit() {
        let mut amounts = vec![
            dec!(0),
            dec!(-0),
            dec!(0.00),
            dec!(1),
            dec!(1.00),
            dec!(0.5),
            dec!(0.01),
            dec!(-0.01),
            dec!(-24500),
            dec!(0.005),
            dec!(24500.125),
            dec!(24500),
            dec!(35500.00),
            dec!(1000000),
            Decimal::new(999_999_999_999_999, 2),
            Decimal::new(999_999_999_999_999, 0),
            Decimal::new(1_000_000_000_000_000, 2),
            Decimal::new(1_000_000_000_000_001, 0),
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300 {
            let m = i64::try_from(next() % 200_000_000).unwrap();
            let scale = u32::try_from(next() % 4).unwrap();
            amounts.push(Decimal::new(m, scale));
        }
        let check = |left: Decimal, n: usize| {
            let want = cents(left / Decimal::from(n));
            assert_eq!(share(left, n).serialize(), want.serialize(), "{left} / {n}");
        };
        for left in amounts {
            for n in 1..=60 {
                check(left, n);
            }
        }
        // Around half a cent: k cents and a half, rounded away from zero, and the amounts a
        // cent below and above it.
        for n in (2..=60).step_by(2) {
            for k in [0, 1, 942, 1_365_384] {
                let half = k * n + n / 2;
                for cents_total in [half - 1, half, half + 1] {
                    check(Decimal::new(cents_total, 2), usize::try_from(n).unwrap());
                }
            }
        }
        assert_eq!(
            non_negative(dec!(-0.01)).serialize(),
            Decimal::ZERO.serialize()
        );
        // Scale and sign bit are kept where the value is not below zero.
        for (v, want) in [
            (dec!(-0), dec!(-0)),
            (dec!(0.00), dec!(0.00)),
            (dec!(3.10), dec!(3.10)),
            (dec!(-2), Decimal::ZERO),
        ] {
            assert_eq!(non_negative(v).serialize(), want.serialize());
        }
    }

    #[test]
    fn spreading_leaves_the_remainder_to_the_last_paycheck() {
        // $24,500 over 26 paychecks: 24,500 / 26 = 942.3077 → $942.31 while the even share
        // rounds that way; the total must come to exactly $24,500.
        let mut s = Spreader::new(dec!(24500), 26);
        let mut total = Decimal::ZERO;
        let mut first = None;
        for _ in 0..26 {
            let a = s.next(true);
            first.get_or_insert(a);
            s.paid(a);
            total += a;
        }
        assert_eq!(first, Some(dec!(942.31)));
        assert_eq!(total, dec!(24500));
    }
}
