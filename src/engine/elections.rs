//! The elections to make in payroll: per-paycheck percents (or dollars), rounded to the
//! plan's election step, that reach the year's deferrals and after-tax room without
//! overshooting 415(c) and without losing match (RULES.md §4, §7).
//!
//! Found from the formula, not by searching: the exact rate is target ÷ pay still to come;
//! rounding it down to the step can never overshoot, and rounding up is taken only for
//! deferrals that payroll stops at 402(g) and only when the simulated year shows no match
//! lost by it. After-tax money is always rounded down, since payroll often does not stop
//! it at 415(c).

use rust_decimal::Decimal;

use super::advice::{self, Advice, PlanCap, Rates, World};
use super::outcome::{
    Elections, FrontLoad, LastPaycheck, LeftCause, LeftOnTable, Line, Note, PerPaycheck, Reaches,
    StepKind,
};
use super::paycheck::{PercentOf, Slot, Year};
use crate::money::non_negative;
use crate::money::{cents, cents_down};
use crate::plan::{Amount, Cap, Feature, Plan, Step};
use crate::rules::Figures;

/// The largest whole `k` in `[lo, hi)` for which `passes(k)` holds, by halving, given that
/// `passes(lo)` holds, `passes(hi)` does not (or `hi` is past the range), and `passes` only
/// ever turns from true to false as `k` grows.
fn largest_passing(mut lo: Decimal, mut hi: Decimal, passes: impl Fn(Decimal) -> bool) -> Decimal {
    while hi - lo > Decimal::ONE {
        let mid = ((lo + hi) / Decimal::TWO).floor();
        if passes(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

/// Rounds `value` down to a multiple of `step`.
fn floor_to(value: Decimal, step: Decimal) -> Decimal {
    if step <= Decimal::ZERO {
        return value;
    }
    (value / step).floor() * step
}

/// Rounds `value` up to a multiple of `step`.
fn ceil_to(value: Decimal, step: Decimal) -> Decimal {
    if step <= Decimal::ZERO {
        return value;
    }
    (value / step).ceil() * step
}

/// What one set of elections achieves over the planned paychecks.
struct Outcome {
    deferrals: Decimal,
    after_tax: Decimal,
    employer_match: Decimal,
    /// Match missed against the annual formula (see `Year::match_shortfall`).
    shortfall: Decimal,
    /// Employer nonelective money that 415(c) left no room for.
    nonelective_cut: Decimal,
}

fn planned<'a>(lines: &'a [Line]) -> impl Iterator<Item = &'a Line> + 'a {
    lines.iter().filter(|l| !l.history)
}

/// The most deferral election, in `unit` and rounded down to `step`, that each regular
/// paycheck the elections run on can hold (RULES.md §7: advice beyond what a paycheck holds
/// is no advice).
fn deferral_cap(slots: &[&Slot], unit: Unit, step: Decimal) -> Option<Decimal> {
    let regular = slots.iter().filter(|s| !s.frozen && !s.bonus);
    smallest_rate(regular.map(|s| (*s, s.holds)), unit, step)
}

/// The smallest election, in `unit` and rounded down to `step`, that puts no more than its
/// `amount` in each paycheck: a percent of the paycheck's counted pay (a paycheck that
/// counts none limits nothing), or dollars.
fn smallest_rate<'s>(
    amounts: impl Iterator<Item = (&'s Slot, Decimal)>,
    unit: Unit,
    step: Decimal,
) -> Option<Decimal> {
    amounts
        .filter_map(|(s, amount)| match unit {
            Unit::Percent if s.counted.is_zero() => None,
            // Payroll's own rounding of each election (`advice::PERCENT_SLACK`).
            Unit::Percent => Some((amount + advice::PERCENT_SLACK) / s.counted),
            Unit::Dollars(_) => Some(amount),
        })
        .min()
        .map(|r| floor_to(r, step))
}

/// The year under the given deferral elections (stopped after `until`), with the
/// schedule at its after-tax room.
struct Trial {
    plan: Plan,
    year: Year,
    max_lines: Vec<Line>,
}

impl Trial {
    fn new(
        plan: &Plan,
        figures: &Figures,
        pretax: Amount,
        roth: Amount,
        until: Option<crate::date::Date>,
    ) -> Self {
        let mut trial = plan.clone();
        trial.payroll.elections_stop_after = until;
        // A money election here is what the paychecks to come put in; the plan's money
        // amounts are the year's, pay stub included.
        let stub = plan.year_to_date.as_ref();
        let year_of = |amount: Amount, paid: Decimal| match amount {
            Amount::Money(m) => Amount::Money(m + paid),
            other => other,
        };
        trial.deferrals.pretax = year_of(pretax, stub.map_or(Decimal::ZERO, |y| y.pretax));
        trial.deferrals.roth = year_of(roth, stub.map_or(Decimal::ZERO, |y| y.roth));
        let year = super::year::build_year(&trial, figures);
        let max_lines = super::room::max_schedule(&trial, &year);
        Self {
            plan: trial,
            year,
            max_lines,
        }
    }

    /// The after-tax room under these deferrals, for the paychecks still to come, cut to
    /// what those paychecks hold after the deferrals (`Slot::holds`, RULES.md §7): advice
    /// beyond what a paycheck can hold is no advice.
    fn room(&self) -> Decimal {
        if self.plan.after_tax.allowed == Feature::No {
            return Decimal::ZERO;
        }
        self.unheld_room()
            .min(super::year::capacity(&self.plan, &self.year, Decimal::ZERO).after_tax)
    }

    /// The after-tax room under these deferrals that the limits leave, before what the
    /// paychecks hold cuts it.
    fn unheld_room(&self) -> Decimal {
        if self.plan.after_tax.allowed == Feature::No {
            return Decimal::ZERO;
        }
        planned(&self.max_lines).map(|l| l.after_tax).sum()
    }

    /// The most after-tax money, as the election `unit` writes it, that every paycheck the
    /// elections run on holds after its deferrals; `None` when none limits it.
    fn held_rate(&self, unit: Unit, step: Decimal) -> Option<Decimal> {
        let left = self
            .year
            .slots
            .iter()
            .zip(&self.year.base)
            .filter(|(s, _)| !s.history && !s.frozen && s.elections_apply && !s.bonus)
            .map(|(s, b)| (s, s.holds_after(b.deferrals())));
        smallest_rate(left, unit, step)
    }

    /// What electing `after_tax` achieves.
    fn outcome(&self, after_tax: Amount) -> Outcome {
        // As for the deferrals (`Trial::new`): money is what the paychecks to come put in.
        let after_tax = match after_tax {
            Amount::Money(m) => {
                Amount::Money(m + self.year.history_after_tax.iter().sum::<Decimal>())
            }
            other => other,
        };
        let lines = super::room::asked_schedule(&self.plan, &self.year, &self.max_lines, after_tax);
        let intended: Decimal = self.year.base.iter().map(|b| b.nonelective).sum();
        let paid: Decimal = lines.iter().map(|l| l.nonelective).sum();
        Outcome {
            shortfall: self.year.match_shortfall(&lines),
            nonelective_cut: non_negative(intended - paid),
            deferrals: planned(&lines)
                .map(|l| l.pretax + l.roth + l.catch_up)
                .sum(),
            after_tax: planned(&lines).map(|l| l.after_tax).sum(),
            employer_match: lines.iter().map(|l| l.employer_match).sum(),
        }
    }
}

/// One candidate set of elections and what it achieves.
struct Choice {
    pre: Decimal,
    roth: Decimal,
    after_tax: Decimal,
    /// After-tax room under these deferrals.
    room: Decimal,
    /// Whether what the paychecks hold cuts that room below what the limits leave.
    held: bool,
    result: Outcome,
}

/// How an election is written for the plan's step: a percent of pay, or dollars a paycheck
/// spread over `paychecks` regular paychecks.
#[derive(Clone, Copy)]
enum Unit {
    Percent,
    Dollars(usize),
}

impl Unit {
    fn kind(self) -> StepKind {
        match self {
            Self::Percent => StepKind::Percent,
            Self::Dollars(_) => StepKind::Dollars,
        }
    }

    fn amount(self, value: Decimal) -> Amount {
        match self {
            Self::Percent => Amount::Percent(value),
            Self::Dollars(n) => Amount::Money(value * Decimal::from(n)),
        }
    }
}

/// The deferral targets `[pretax, roth, roth catch-up]` the plan's deferrals come to as
/// payroll runs them, cut to what other plans and the pay stub leave of this person's
/// 402(g) limit with catch-up, in the plan's own proportions: payroll stops deferrals only
/// at its own plan's count (contract "Payroll limits"), but the elections must keep within
/// the person's limit across plans (RULES.md section 9).
fn within_402g(figures: &Figures, plan: &Plan, targets: [Decimal; 3]) -> [Decimal; 3] {
    let [pretax, roth, roth_catch_up] = targets;
    let total = pretax + roth;
    let paid = plan
        .year_to_date
        .as_ref()
        .map_or(Decimal::ZERO, |y| y.pretax + y.roth);
    let left = non_negative(figures.deferral_left() - paid);
    if total <= left || total.is_zero() {
        return targets;
    }
    let roth_left = cents_down(roth * left / total);
    [left - roth_left, roth_left, roth_catch_up.min(roth_left)]
}

/// The paychecks the elections are for, the deferrals they must reach, and the plan's
/// election step: what every candidate set of elections is measured against.
struct Elector<'a> {
    plan: &'a Plan,
    figures: &'a Figures,
    year: &'a Year,
    /// The paychecks still to come that elections apply to.
    slots: Vec<&'a Slot>,
    /// Pre-tax deferrals (pre-tax catch-up included) to reach over them.
    pretax_target: Decimal,
    /// Roth deferrals (Roth catch-up included) to reach over them.
    roth_target: Decimal,
    /// The Roth catch-up in that.
    roth_catch_up_target: Decimal,
    step: Decimal,
    unit: Unit,
    /// What a rate is found against: pay still to come, or the regular paychecks left.
    base: Decimal,
    /// The most deferral election every regular paycheck still to come can hold
    /// (`Slot::holds`: pay less FICA, or the plan's maximum election), in this elector's
    /// unit, rounded down to the step; `None` when no paycheck limits it.
    deferral_cap: Option<Decimal>,
}

impl<'a> Elector<'a> {
    fn new(plan: &'a Plan, figures: &'a Figures, year: &'a Year, lines: &[Line]) -> Self {
        let slots: Vec<_> = year
            .slots
            .iter()
            .filter(|s| !s.history && s.elections_apply)
            .collect();
        let pay: Decimal = slots.iter().map(|s| s.counted).sum();
        // Dollar elections run on the regular paychecks payroll still takes elections from.
        let regular = super::paycheck::planned_electable(&year.slots);
        let (step, unit, base) = match plan.payroll.election_step {
            Step::Percent(s) => (s, Unit::Percent, pay),
            Step::Money(m) => (m, Unit::Dollars(regular), Decimal::from(regular)),
        };
        let deferral_cap = deferral_cap(&slots, unit, step);
        let [pretax_target, roth_target, roth_catch_up_target] = within_402g(
            figures,
            plan,
            [
                planned(lines)
                    .map(|l| l.pretax + l.catch_up - l.catch_up_roth)
                    .sum(),
                planned(lines).map(|l| l.roth + l.catch_up_roth).sum(),
                planned(lines).map(|l| l.catch_up_roth).sum(),
            ],
        );
        Self {
            plan,
            figures,
            year,
            slots,
            pretax_target,
            roth_target,
            roth_catch_up_target,
            step,
            unit,
            base,
            deferral_cap,
        }
    }

    /// All the deferrals to reach.
    fn deferral_target(&self) -> Decimal {
        self.pretax_target + self.roth_target
    }

    /// The rate that puts in `target`, rounded down to the step.
    fn rate(&self, target: Decimal) -> Decimal {
        if self.base.is_zero() {
            Decimal::ZERO
        } else {
            floor_to(target / self.base, self.step)
        }
    }

    /// A deferral rate split into pre-tax and Roth in the targets' proportion, pre-tax
    /// rounded down to the step.
    fn split(&self, total: Decimal) -> (Decimal, Decimal) {
        if self.deferral_target().is_zero() {
            return (Decimal::ZERO, Decimal::ZERO);
        }
        let pre = floor_to(
            total * self.pretax_target / self.deferral_target(),
            self.step,
        );
        if self.roth_target.is_zero() {
            (total, Decimal::ZERO)
        } else {
            (pre, total - pre)
        }
    }

    /// A front-loaded deferral rate split into pre-tax and Roth. Pre-tax is rounded up so
    /// that it, not Roth, fills 402(g) first; but where the catch-up must be Roth (IRC
    /// 414(v)(7)), pre-tax that passes 402(g) would be a pre-tax catch-up, so it is rounded
    /// down and Roth takes the rest.
    fn split_front_loaded(&self, total: Decimal, roth_catch_up: bool) -> (Decimal, Decimal) {
        if self.deferral_target().is_zero() {
            return (Decimal::ZERO, Decimal::ZERO);
        }
        let share = total * self.pretax_target / self.deferral_target();
        let p = if roth_catch_up {
            floor_to(share, self.step)
        } else {
            ceil_to(share, self.step).min(total)
        };
        if self.roth_target.is_zero() {
            (total, Decimal::ZERO)
        } else {
            (p, total - p)
        }
    }

    /// What an after-tax election of `a` asks for over the paychecks to come.
    fn requested(&self, a: Decimal) -> Decimal {
        match self.unit {
            Unit::Percent => self
                .slots
                .iter()
                .scan(PercentOf::default(), |pct, s| {
                    Some(pct.of(a, s.counted_exact))
                })
                .sum(),
            Unit::Dollars(n) => a * Decimal::from(n),
        }
    }

    /// The elections with deferrals at `total`, and the most after-tax money that fits
    /// under them without crowding employer money out of 415(c).
    fn elect(&self, total: Decimal) -> Choice {
        let (pre, roth) = self.split(total);
        let trial = Trial::new(
            self.plan,
            self.figures,
            self.unit.amount(pre),
            self.unit.amount(roth),
            None,
        );
        // The room under these deferrals, which can differ from the plan's own: a deferral
        // that reaches 402(g) later earns more match per paycheck.
        let room = self.room_beside(&trial);
        let held = trial.room() < trial.unheld_room();
        // After-tax: rounded down, then one step lower if per-paycheck rounding of the
        // contribution itself would pass the room.
        let mut after_tax = self.rate(room);
        if let Some(held) = trial.held_rate(self.unit, self.step) {
            after_tax = after_tax.min(held);
        }
        // What the election asks for, kept with it: every pass below reads it.
        let mut asked = self.requested(after_tax);
        if asked > room && after_tax >= self.step {
            after_tax -= self.step;
            asked = self.requested(after_tax);
        }
        let mut result = trial.outcome(self.unit.amount(after_tax));
        // The room was found for after-tax money spread evenly; as a percent of pay it can
        // come sooner (pay above 401(a)(17) earns nothing) and crowd employer money out of
        // 415(c). Step down until it crowds nothing out: a handful of steps at most.
        // Match already missed without any after-tax money (in the pay-stub history, say)
        // is not the after-tax election's doing.
        let missed = if result.shortfall >= Decimal::ONE {
            trial.outcome(Amount::Money(Decimal::ZERO)).shortfall
        } else {
            Decimal::ZERO
        };
        for _ in 0..20 {
            let crowds = result.after_tax + Decimal::ONE < asked
                || result.shortfall >= missed + Decimal::ONE
                || result.nonelective_cut >= Decimal::ONE;
            if !crowds || after_tax < self.step {
                break;
            }
            after_tax -= self.step;
            asked = self.requested(after_tax);
            result = trial.outcome(self.unit.amount(after_tax));
        }
        Choice {
            pre,
            roth,
            after_tax,
            room,
            held,
            result,
        }
    }

    /// The after-tax room under a trial's deferrals, less the deferrals its rounded
    /// election falls short of the target by: those are what the one-time change in the last
    /// paycheck puts in, and the after-tax election leaves them their 415(c) room, since the
    /// plan asks for deferrals first.
    fn room_beside(&self, trial: &Trial) -> Decimal {
        let deferred: Decimal = trial
            .year
            .slots
            .iter()
            .zip(&trial.year.base)
            .filter(|(s, _)| !s.history)
            .map(|(_, b)| b.deferrals())
            .sum();
        non_negative(trial.room() - non_negative(self.deferral_target() - deferred))
    }

    /// The elections `pre`, `roth` and `after_tax` as they are, with what they achieve.
    fn fixed(&self, pre: Decimal, roth: Decimal, after_tax: Decimal) -> Choice {
        let amount = |v| self.unit.amount(v);
        let trial = Trial::new(self.plan, self.figures, amount(pre), amount(roth), None);
        Choice {
            pre,
            roth,
            after_tax,
            room: self.room_beside(&trial),
            held: trial.room() < trial.unheld_room(),
            result: trial.outcome(amount(after_tax)),
        }
    }

    /// The advice the check follows for `choice`, made to pass it (`advice`): where the
    /// catch-up must be Roth, deferrals move wholly to Roth from the payday that takes the
    /// year past 402(g); then, while following the elections passes a limit in any way
    /// payroll may run the year, after-tax money comes down a step at a time (several where
    /// 415(c) is passed by more than a step puts in), and deferrals only once after-tax
    /// money is gone: at low pay deferring less keeps the match that 100% of pay leaves no
    /// room for. `choice` is updated to the elections that pass; returns the advice and
    /// whether anything came down.
    fn settle(&self, worlds: &[World], choice: &mut Choice) -> (Advice, bool) {
        let cap = PlanCap::of(self.plan);
        let mut advice = Advice {
            percent: matches!(self.unit, Unit::Percent),
            even: Rates {
                pretax: choice.pre,
                roth: choice.roth,
                after_tax: choice.after_tax,
            },
            roth_from: None,
            until: None,
            last: None,
        };
        advice = advice::roth_switched(worlds, cap, &advice);
        if advice.roth_from.is_some() {
            // The switch makes the catch-up Roth, so before it the election keeps the plan's
            // own mix of deferrals within 402(g), not a share of Roth for the catch-up too;
            // where that moves the first payday past 402(g), the switch moves with it.
            let within = self.pretax_target + self.roth_target - self.roth_catch_up_target;
            if !within.is_zero() {
                let total = advice.even.deferrals();
                let pre = floor_to(total * self.pretax_target / within, self.step).min(total);
                advice.even.pretax = pre;
                advice.even.roth = total - pre;
                advice.roth_from = None;
                advice = advice::roth_switched(worlds, cap, &advice);
                choice.pre = advice.even.pretax;
                choice.roth = advice.even.roth;
            }
        }
        let per_step = self.step * self.base;
        let per_paycheck_step = match self.unit {
            Unit::Percent => {
                self.step
                    * self
                        .slots
                        .iter()
                        .map(|s| s.counted)
                        .max()
                        .unwrap_or_default()
            }
            Unit::Dollars(_) => self.step,
        };
        let (mut lowered, mut changed) = (false, false);
        for _ in 0..400 {
            let Some((f, base)) = advice::first_breach(worlds, cap, &advice) else {
                break;
            };
            changed = true;
            if f.over_402g > base.over_402g && advice.even.deferrals() >= self.step {
                // Deferrals past what other plans leave of 402(g): payroll here does not
                // stop them, so the deferral election comes down by as many steps as the
                // excess needs.
                let steps = if per_step.is_zero() {
                    Decimal::ONE
                } else {
                    ((f.over_402g - base.over_402g) / per_step)
                        .ceil()
                        .max(Decimal::ONE)
                };
                let (pre, roth) =
                    self.split(non_negative(advice.even.deferrals() - steps * self.step));
                advice.even.pretax = pre;
                advice.even.roth = roth;
                continue;
            }
            if f.pretax_over_402g > base.pretax_over_402g && advice.even.pretax >= self.step {
                // Where catch-up must be Roth, the year's pre-tax money stays within 402(g)
                // even where payroll never switches: as many steps of pre-tax as the excess
                // needs become Roth.
                let over = f.pretax_over_402g - base.pretax_over_402g;
                let steps = if per_step.is_zero() {
                    Decimal::ONE
                } else {
                    (over / per_step).ceil().max(Decimal::ONE)
                };
                let moved = (steps * self.step).min(advice.even.pretax);
                advice.even.pretax -= moved;
                advice.even.roth += moved;
                continue;
            }
            lowered = true;
            // As many steps as the excess is sure to need: the year's excess over what a
            // step puts in over the year, a paycheck's over what it puts in the largest.
            let over = non_negative(f.over_additions - base.over_additions);
            let in_paycheck = f
                .over_paycheck
                .max(non_negative(f.over_cap - base.over_cap));
            let steps = [(over, per_step), (in_paycheck, per_paycheck_step)]
                .iter()
                .filter(|(_, per)| !per.is_zero())
                .map(|(v, per)| (*v / *per).floor())
                .max()
                .unwrap_or_default()
                .max(Decimal::ONE);
            if advice.even.after_tax >= self.step {
                advice.even.after_tax = non_negative(advice.even.after_tax - steps * self.step);
            } else if advice.even.deferrals() >= self.step {
                let (pre, roth) =
                    self.split(non_negative(advice.even.deferrals() - steps * self.step));
                advice.even.pretax = pre;
                advice.even.roth = roth;
            } else {
                break;
            }
        }
        if changed {
            *choice = self.fixed(advice.even.pretax, advice.even.roth, advice.even.after_tax);
        }
        (advice, lowered)
    }

    /// A one-time change of the elections for the year's last paycheck that puts in what
    /// the even elections leave (deferrals to their target, after-tax money to what 415(c),
    /// the room and the plan's cap leave), as far as the paycheck holds, and passes the
    /// check in every way payroll may run the year. `None` where no such change adds
    /// anything.
    fn last_change(&self, worlds: &[World], advice: &Advice, room: Decimal) -> Option<Rates> {
        let cap = PlanCap::of(self.plan);
        let world = worlds.first()?;
        let slot = self.last_slot()?;
        let per = match self.unit {
            Unit::Percent => slot.counted,
            Unit::Dollars(_) => Decimal::ONE,
        };
        if per.is_zero() {
            return None;
        }
        let even = advice.rates_on(slot.date);
        let now = advice::follow(world, cap, advice);
        let mut r = even;
        // Deferrals short of the target: payroll stops them at 402(g), so the rate may be
        // rounded up; where catch-up must be Roth and the switch has come, all Roth.
        let left = non_negative(self.deferral_target() - now.deferrals);
        let pre_left = non_negative(self.pretax_target - now.pretax).min(left);
        if advice.roth_from.is_some_and(|from| slot.date >= from) || pre_left.is_zero() {
            r.roth += ceil_to(left / per, self.step);
        } else {
            r.pretax += ceil_to(pre_left / per, self.step);
            r.roth += ceil_to((left - pre_left) / per, self.step);
        }
        let slack = match self.unit {
            Unit::Percent => advice::PERCENT_SLACK,
            Unit::Dollars(_) => Decimal::ZERO,
        };
        let mut most = floor_to((slot.holds + slack) / per, self.step);
        if let Unit::Percent = self.unit {
            let max = self.plan.payroll.max_election.unwrap_or(Decimal::ONE);
            most = most.min(floor_to(max.min(Decimal::ONE), self.step));
        }
        if r.deferrals() > most {
            r.pretax = even.pretax;
            r.roth = even.roth;
        }
        let with = |r: Rates| Advice {
            last: Some((slot.date, r)),
            ..*advice
        };
        // After-tax money: what 415(c) and the room leave once those deferrals are in, as
        // figured (`upper`) and the least any way payroll may run the year leaves (`guess`);
        // a matched dollar brings match with it.
        // Each way's space is in its own paycheck's pay: a paycheck that takes no elections
        // there (payroll stopped them at 401(a)(17)) leaves it no limit.
        let spaces: Vec<Decimal> = worlds
            .iter()
            .filter_map(|w| {
                let paid = w
                    .year
                    .slots
                    .iter()
                    .find(|s| s.date == slot.date && !s.bonus)?;
                let pay = match self.unit {
                    Unit::Percent if paid.frozen || paid.counted.is_zero() => return None,
                    Unit::Percent => paid.counted,
                    Unit::Dollars(_) => per,
                };
                let f = advice::follow(w, cap, &with(r));
                let space = non_negative(w.year.additions_limit - f.additions)
                    .min(non_negative(room - now.after_tax));
                Some(space * per / pay)
            })
            .collect();
        let top = if world.year.match_after_tax {
            world
                .year
                .tiers
                .iter()
                .map(|t| t.rate)
                .max()
                .unwrap_or_default()
        } else {
            Decimal::ZERO
        };
        let mut most_after_tax = non_negative(most - r.deferrals());
        if let (Some(Cap::Percent(c)), Unit::Percent) = (self.plan.after_tax.limit, self.unit) {
            most_after_tax = most_after_tax.min(c.max(even.after_tax));
        }
        // Where the paycheck cannot hold the deferrals' raise beside the even after-tax
        // election, the change lowers the after-tax election to make room.
        let least = even.after_tax.min(most_after_tax);
        let steps = |space: Decimal| {
            let rate = (even.after_tax + floor_to(space / (Decimal::ONE + top) / per, self.step))
                .min(most_after_tax);
            (non_negative(rate - least) / self.step).floor()
        };
        let upper = spaces.first().map_or(Decimal::ZERO, |s| steps(*s));
        let guess = spaces
            .iter()
            .min()
            .map_or(Decimal::ZERO, |s| steps(*s))
            .min(upper);
        let at = |k: Decimal| Rates {
            after_tax: least + k * self.step,
            ..r
        };
        // More after-tax money only ever adds to what the check counts. The most that passes
        // is found from the lower estimate: upwards in growing jumps (it is usually within a
        // step or two), or, where even that fails, downwards; then by halving.
        let passes = |k: Decimal| advice::passes(worlds, cap, &with(at(k)));
        let r = if passes(guess) {
            let (mut lo, mut jump) = (guess, Decimal::ONE);
            let hi = loop {
                let next = lo + jump;
                if next > upper {
                    break upper + Decimal::ONE;
                }
                if !passes(next) {
                    break next;
                }
                lo = next;
                jump += jump;
            };
            at(largest_passing(lo, hi, passes))
        } else if passes(Decimal::ZERO) {
            at(largest_passing(Decimal::ZERO, guess, passes))
        } else {
            // Even the deferrals alone do not pass: the most of their raise that does
            // (pre-tax's raise kept first).
            let base = at(Decimal::ZERO);
            let (pre_up, roth_up) = (
                ((base.pretax - even.pretax) / self.step).floor(),
                ((base.roth - even.roth) / self.step).floor(),
            );
            let raised = |j: Decimal| Rates {
                pretax: even.pretax + j.min(pre_up) * self.step,
                roth: even.roth + non_negative(j - pre_up).min(roth_up) * self.step,
                ..base
            };
            let fits = |j: Decimal| advice::passes(worlds, cap, &with(raised(j)));
            if !fits(Decimal::ZERO) {
                return None;
            }
            let all = pre_up + roth_up;
            raised(if fits(all) {
                all
            } else {
                largest_passing(Decimal::ZERO, all, fits)
            })
        };
        // Every path above ends on rates that pass; only a change that puts more in is worth
        // making.
        let more = advice::follow(world, cap, &with(r));
        (more.deferrals + more.after_tax > now.deferrals + now.after_tax).then_some(r)
    }

    /// The last regular paycheck still to come that the elections run on. A paycheck whose
    /// pay payroll counts only in part (where it stops elections at
    /// 401(a)(17)) is not one: how payroll applies a changed election to it is not known.
    fn last_slot(&self) -> Option<&Slot> {
        self.slots
            .iter()
            .rev()
            .find(|s| !s.bonus && !s.frozen)
            .copied()
            .filter(|s| s.counted == s.pay)
    }

    /// The best elections. Deferrals: the rate rounded down never passes the target; one
    /// step up reaches it sooner, and is taken when the target is the legal limit (payroll
    /// stops there) and the whole set of elections, after-tax money included, still earns
    /// every dollar of match.
    fn best(&self, lines: &[Line]) -> Choice {
        // A target that is itself a percent of each paycheck, rounded per paycheck, can fall
        // a few cents short of the exact percent: allow half a cent a paycheck before
        // rounding down.
        let slack = Decimal::new(5, 3) * Decimal::from(self.slots.len());
        let cap = self.deferral_cap.unwrap_or(Decimal::MAX);
        let down = self.rate(self.deferral_target() + slack).min(cap);
        // Payroll stops deferrals at the legal limit, whether "max" asked for it or a percent
        // that would pass it: only then is a step up safe from over-contributing.
        // Where other plans share 402(g), payroll's own stop is past the person's limit.
        let reaches_limit = (self.plan.deferrals.pretax == Amount::Max
            || self.plan.deferrals.roth == Amount::Max
            || lines
                .iter()
                .map(|l| l.pretax + l.roth + l.catch_up)
                .sum::<Decimal>()
                >= self.year.deferral_limit)
            && self.figures.deferral_left() >= self.year.deferral_limit;
        let choice = self.elect(down);
        if reaches_limit
            && choice.result.deferrals < self.deferral_target()
            && !self.base.is_zero()
            && down + self.step <= cap
        {
            let up = self.elect(down + self.step);
            // Match the even elections already miss (pay-stub history) is no reason to
            // refuse it.
            if up.result.shortfall < choice.result.shortfall + Decimal::ONE
                && up.result.employer_match >= choice.result.employer_match
                && up.result.deferrals > choice.result.deferrals
            {
                return up;
            }
        }
        choice
    }
}

/// Recommends elections for the paychecks still to come.
///
/// `worlds` are the ways payroll may run the year (see [`advice`]), the plan's own first:
/// every election, front-loaded schedule and one-time change passes the check in each.
/// Where the plan file does not say what a year's extra paycheck pays
/// (`payroll.extra_paycheck` unknown) front-loading is not offered, since how much each
/// front-loaded paycheck pays depends on it.
#[must_use]
pub fn recommend(
    plan: &Plan,
    figures: &Figures,
    year: &Year,
    lines: &[Line],
    worlds: &[World],
) -> Elections {
    let e = Elector::new(plan, figures, year, lines);
    let (step, unit) = (e.step, e.unit);
    let mut notes = Vec::new();
    if e.slots.iter().all(|s| s.bonus) {
        notes.push(Note::NoPaychecksLeft);
    }
    let mut choice = e.best(lines);
    let ideal = e.rate(choice.room);
    let (advice, lowered) = e.settle(worlds, &mut choice);
    let Choice {
        pre,
        roth,
        after_tax,
        room,
        held,
        result,
    } = choice;
    let cap = PlanCap::of(plan);
    let last = e.last_change(worlds, &advice, room);
    let with_last = Advice {
        last: last.and_then(|r| e.last_slot().map(|s| (s.date, r))),
        ..advice
    };
    let followed = advice::follow_all(worlds, cap, &with_last);
    // Said of the even elections: the one-time change is extra.
    let keeps_full_match = advice::follow_all(worlds, cap, &advice)
        .iter()
        .all(|(f, _)| f.keeps_match());
    // What each other way payroll may run the year puts in less than the figured one: one
    // note per way, its largest shortfalls.
    let mut short_notes: Vec<Note> = Vec::new();
    if let Some(((first, _), others)) = followed.split_first() {
        let short = |a: Decimal, b: Decimal| {
            let s = non_negative(a - b);
            if s >= Decimal::ONE { s } else { Decimal::ZERO }
        };
        for ((f, _), w) in others.iter().zip(worlds.iter().skip(1)) {
            let (d, a, m) = (
                short(first.deferrals, f.deferrals),
                short(first.after_tax, f.after_tax),
                short(first.employer_match, f.employer_match),
            );
            if (d + a + m).is_zero() {
                continue;
            }
            match short_notes.iter_mut().find_map(|n| match n {
                Note::ShortIf {
                    way,
                    deferrals,
                    after_tax,
                    employer_match,
                } if *way == w.way => Some((deferrals, after_tax, employer_match)),
                _ => None,
            }) {
                Some((deferrals, after_tax, employer_match)) => {
                    *deferrals = (*deferrals).max(d);
                    *after_tax = (*after_tax).max(a);
                    *employer_match = (*employer_match).max(m);
                }
                None => short_notes.push(Note::ShortIf {
                    way: w.way,
                    employer_match: m,
                    deferrals: d,
                    after_tax: a,
                }),
            }
        }
    }
    let left = LeftOnTable {
        deferrals: non_negative(e.deferral_target() - result.deferrals),
        after_tax: non_negative(room - result.after_tax),
    };
    if left.deferrals >= Decimal::ONE || left.after_tax >= Decimal::ONE {
        notes.push(Note::RoundingLeaves {
            step,
            step_kind: unit.kind(),
            deferrals: left.deferrals,
            after_tax: left.after_tax,
            cause: if lowered {
                LeftCause::Payroll
            } else if held || after_tax + step <= ideal {
                LeftCause::Paychecks
            } else {
                LeftCause::Rounding
            },
            change: with_last.last.map(|(d, _)| d),
        });
    }
    notes.extend(short_notes);
    let asked: Decimal = planned(lines).map(|l| l.pretax + l.roth + l.catch_up).sum();
    if asked > e.deferral_target() {
        notes.push(Note::WithinOtherPlans {
            asked,
            left: e.deferral_target(),
            other_plans: figures.other_deferrals,
        });
    }
    let deferred: Decimal = year.base.iter().map(super::paycheck::Base::deferrals).sum();
    if let Some(deferrals) = year
        .max_keeps_match
        .filter(|m| deferred + Decimal::ONE >= *m)
    {
        notes.push(Note::MaxKeepsMatch {
            deferrals,
            limit: year.additions_limit,
        });
    }
    if let Some(from) = advice.roth_from {
        notes.push(Note::RothFrom {
            from,
            roth: pre + roth,
            step_kind: unit.kind(),
        });
    }
    if let Some(n) = match_unclaimed(&e, pre + roth, after_tax, result.employer_match) {
        notes.push(n);
    }
    let front_load = match unit {
        _ if worlds.len() > 1 && extra_paycheck_open(plan) => {
            notes.push(Note::FrontLoadAwaitsExtraPaycheck);
            None
        }
        Unit::Percent if !e.base.is_zero() => {
            let roth_catch_up =
                figures.roth_catch_up && planned(lines).any(|l| !l.catch_up_roth.is_zero());
            front_load(
                &e,
                (roth_catch_up, worlds),
                room,
                result.employer_match,
                &mut notes,
            )
        }
        _ => None,
    };
    let regular_pay = year
        .slots
        .iter()
        .find(|s| !s.history && !s.bonus)
        .map_or(Decimal::ZERO, |s| s.pay);
    let to_fraction = |v: Decimal, pay: Decimal| match unit {
        Unit::Percent => v,
        Unit::Dollars(_) if pay.is_zero() => Decimal::ZERO,
        Unit::Dollars(_) => (v / pay).round_dp(4),
    };
    let per = |v: Decimal, pay: Decimal| match unit {
        Unit::Percent => cents(v * pay.min(year.counted_compensation)),
        Unit::Dollars(_) => v,
    };
    let last_paycheck = with_last.last.and_then(|(date, r)| {
        let slot = e.last_slot()?;
        let pay = slot.counted;
        let (f, _) = followed.first()?;
        Some(LastPaycheck {
            date,
            pretax: to_fraction(r.pretax, pay),
            roth: to_fraction(r.roth, pay),
            after_tax: to_fraction(r.after_tax, pay),
            per_paycheck: PerPaycheck {
                pretax: per(r.pretax, pay),
                roth: per(r.roth, pay),
                after_tax: per(r.after_tax, pay),
            },
            reaches: Reaches {
                deferrals: f.deferrals,
                after_tax: f.after_tax,
                employer_match: f.employer_match,
            },
        })
    });
    Elections {
        step,
        step_kind: unit.kind(),
        from: year.slots.iter().find(|s| !s.history).map(|s| s.date),
        pretax: to_fraction(pre, regular_pay),
        roth: to_fraction(roth, regular_pay),
        after_tax: to_fraction(after_tax, regular_pay),
        per_paycheck: PerPaycheck {
            pretax: per(pre, regular_pay),
            roth: per(roth, regular_pay),
            after_tax: per(after_tax, regular_pay),
        },
        reaches: Reaches {
            deferrals: result.deferrals,
            after_tax: result.after_tax,
            employer_match: result.employer_match,
        },
        left_on_table: left,
        keeps_full_match,
        roth_from: advice.roth_from,
        last_paycheck,
        front_load,
        notes,
    }
}

/// Whether the plan leaves open what a year with an extra payday pays.
fn extra_paycheck_open(plan: &Plan) -> bool {
    plan.payroll.extra_paycheck == crate::plan::ExtraPaycheck::Unknown
        && plan.paydays().len() > plan.participant.pay_frequency.usual_paydays()
}

/// A note that the elections put in less of pay than the match pays on, where more match
/// could still be earned: the whole match the elections could earn is what the pay stub
/// shows and the tiers in full on the pay the match still counts in the paychecks to come
/// (none once the year's pay has passed 401(a)(17)), within the plan's dollar cap.
fn match_unclaimed(
    e: &Elector,
    deferrals: Decimal,
    after_tax: Decimal,
    earned: Decimal,
) -> Option<Note> {
    let year = e.year;
    let tiers_pct: Decimal = year.tiers.iter().map(|t| t.on).sum();
    let matched_pct = deferrals
        + if year.match_after_tax {
            after_tax
        } else {
            Decimal::ZERO
        };
    let history_match: Decimal = year.history_match.iter().sum();
    let match_pay_to_come: Decimal = e.slots.iter().map(|s| s.match_pay).sum();
    let to_come = super::matching::formula(
        &year.tiers,
        tiers_pct * match_pay_to_come,
        match_pay_to_come,
    );
    // Never more than the annual formula on the year's counted pay (401(a)(17)).
    let on_counted = super::matching::formula(
        &year.tiers,
        tiers_pct * year.counted_compensation,
        year.counted_compensation,
    );
    let full_match = year
        .match_cap
        .map_or(history_match + to_come, |cap| {
            cap.min(history_match + to_come)
        })
        .min(cents(on_counted));
    if !(matches!(e.unit, Unit::Percent)
        && !year.tiers.is_empty()
        && matched_pct < tiers_pct
        && earned + Decimal::ONE < full_match)
    {
        return None;
    }
    // Where other plans leave less of 402(g) than the match needs, deferring more here
    // would be an excess deferral (RULES.md section 9): say that instead.
    let needed = tiers_pct * match_pay_to_come;
    if !e.figures.other_deferrals.is_zero() && !year.match_after_tax && e.deferral_target() < needed
    {
        return Some(Note::MatchUnclaimedOtherPlans {
            matched_up_to: tiers_pct,
            left: e.deferral_target(),
            other_plans: e.figures.other_deferrals,
        });
    }
    Some(Note::MatchUnclaimed {
        matched_up_to: tiers_pct,
        elected: matched_pct,
    })
}

/// The earliest schedule, at no more than `payroll.max_election` (50% when not given: a
/// front-loaded paycheck still has income tax withheld from it, which the FICA-only
/// default of `Slot::holds` leaves out) of a paycheck, and never more than any of its
/// paychecks holds, that puts in the year's deferrals and after-tax `room` and then stops: found by
/// walking the paydays to the first one by which the needed rates fit under the maximum.
/// Offered only when the simulated year keeps every dollar of match the even elections
/// earn (`even_match`: a true-up, or a dollar cap reached anyway); otherwise a note says
/// what it would cost. `roth_catch_up` says the catch-up must be Roth (IRC 414(v)(7)).
fn front_load(
    e: &Elector,
    (roth_catch_up, worlds): (bool, &[World]),
    room: Decimal,
    even_match: Decimal,
    notes: &mut Vec<Note>,
) -> Option<FrontLoad> {
    let (plan, figures, slots, step) = (e.plan, e.figures, &e.slots, e.step);
    let deferrals = e.deferral_target();
    let held = slots
        .iter()
        .filter(|s| !s.counted.is_zero())
        .map(|s| s.holds / s.counted)
        .min();
    let max = plan.payroll.max_election.unwrap_or(Decimal::new(5, 1));
    let max = held.map_or(max, |h| max.min(h));
    if (deferrals + room).is_zero() {
        return None;
    }
    // A match paid per paycheck, with neither a true-up nor a dollar cap that front-loading
    // still reaches, is lost in every paycheck after the elections stop: no need to simulate.
    if let Some(m) = &plan.employer_match
        && !m.tiers.is_empty()
        && m.true_up != Feature::Yes
        && m.cap.is_none()
        && (!deferrals.is_zero() || e.year.match_after_tax)
    {
        notes.push(Note::FrontLoadLosesEveryMatch {
            true_up_unknown: m.true_up == Feature::Unknown,
        });
        return None;
    }
    let mut pay = Decimal::ZERO;
    let mut found = None;
    for (k, slot) in slots.iter().enumerate() {
        pay += slot.counted;
        if pay.is_zero() || k + 1 == slots.len() {
            continue;
        }
        let d = ceil_to(deferrals / pay, step);
        let mut a = floor_to(room / pay, step);
        let first: Decimal = slots
            .iter()
            .take(k + 1)
            .scan(PercentOf::default(), |pct, s| {
                Some(pct.of(a, s.counted_exact))
            })
            .sum();
        if first > room && a >= step {
            a -= step;
        }
        // A plan cap written as a percent limits each paycheck's after-tax election
        // (contract section 2): front-loading can go no faster than it, so the room must
        // fit under the cap in the paychecks up to this one.
        let within_cap = match plan.after_tax.limit {
            Some(Cap::Percent(cap)) => a <= cap && room <= cap * pay,
            Some(Cap::Money(_)) | None => true,
        };
        if d + a <= max && d <= Decimal::ONE && within_cap {
            found = Some((slot.date, d, a));
            break;
        }
    }
    let (until, d, mut a) = found?;
    let from = slots.first().map(|s| s.date)?;
    let (pre, roth) = e.split_front_loaded(d, roth_catch_up);
    // The schedule, followed as payroll runs it, must keep every limit too (`advice`):
    // a step or two less after-tax money where rounding or the match needs it, else none.
    let cap = PlanCap::of(plan);
    let switched = advice::roth_switched(
        worlds,
        cap,
        &Advice {
            percent: true,
            even: Rates {
                pretax: pre,
                roth,
                after_tax: a,
            },
            roth_from: None,
            until: Some(until),
            last: None,
        },
    );
    let schedule = |a| Advice {
        even: Rates {
            after_tax: a,
            ..switched.even
        },
        ..switched
    };
    let mut tries = 0;
    while !advice::passes(worlds, cap, &schedule(a)) {
        tries += 1;
        if tries > 10 || a < step {
            return None;
        }
        a -= step;
    }
    let trial = Trial::new(
        plan,
        figures,
        Amount::Percent(pre),
        Amount::Percent(roth),
        Some(until),
    )
    .outcome(Amount::Percent(a));
    let lost = even_match - trial.employer_match;
    if lost > Decimal::ZERO {
        notes.push(Note::FrontLoadCosts {
            until,
            lost,
            true_up_unknown: plan
                .employer_match
                .as_ref()
                .is_some_and(|m| m.true_up == Feature::Unknown),
        });
        return None;
    }
    notes.push(Note::FrontLoad {
        from,
        until,
        pretax: pre,
        roth,
        after_tax: a,
        max_election_assumed: plan.payroll.max_election.is_none(),
        max_election: max,
        has_match: !e.year.tiers.is_empty(),
        roth_from: switched.roth_from,
    });
    Some(FrontLoad {
        max_election: max,
        from,
        until,
        roth_from: switched.roth_from,
        pretax: pre,
        roth,
        after_tax: a,
        reaches: Reaches {
            deferrals: trial.deferrals,
            after_tax: trial.after_tax,
            employer_match: trial.employer_match,
        },
    })
}
