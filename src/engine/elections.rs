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

use super::outcome::{
    Elections, FrontLoad, LeftOnTable, Line, Note, PerPaycheck, Reaches, StepKind,
};
use super::paycheck::{PercentOf, Slot, Year};
use crate::money::cents;
use crate::money::non_negative;
use crate::plan::{Amount, Cap, Feature, Plan, Step};
use crate::rules::Figures;

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
            Unit::Percent => Some(amount / s.counted),
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
        trial.deferrals.pretax = pretax;
        trial.deferrals.roth = roth;
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
        let room: Decimal = planned(&self.max_lines).map(|l| l.after_tax).sum();
        room.min(super::year::capacity(&self.plan, &self.year, Decimal::ZERO).after_tax)
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
    result: Outcome,
    /// Match missed with these deferrals and no after-tax money at all (in the pay-stub
    /// history, say): not the elections' doing.
    missed: Decimal,
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
    step: Decimal,
    unit: Unit,
    /// What a rate is found against: pay still to come, or the regular paychecks left.
    base: Decimal,
    /// The most after-tax election that keeps within the limits under another way payroll
    /// may run the year (see [`recommend`]), in this elector's unit.
    after_tax_cap: Option<Decimal>,
    /// The most deferral election every regular paycheck still to come can hold
    /// (`Slot::holds`: pay less FICA, or the plan's maximum election), in this elector's
    /// unit, rounded down to the step; `None` when no paycheck limits it.
    deferral_cap: Option<Decimal>,
}

impl<'a> Elector<'a> {
    fn new(
        plan: &'a Plan,
        figures: &'a Figures,
        year: &'a Year,
        lines: &[Line],
        after_tax_cap: Option<Decimal>,
    ) -> Self {
        let slots: Vec<_> = year
            .slots
            .iter()
            .filter(|s| !s.history && s.elections_apply)
            .collect();
        let pay: Decimal = slots.iter().map(|s| s.counted).sum();
        let regular = super::paycheck::planned_regular(&year.slots);
        let (step, unit, base) = match plan.payroll.election_step {
            Step::Percent(s) => (s, Unit::Percent, pay),
            Step::Money(m) => (m, Unit::Dollars(regular), Decimal::from(regular)),
        };
        let deferral_cap = deferral_cap(&slots, unit, step);
        Self {
            plan,
            figures,
            year,
            slots,
            pretax_target: planned(lines)
                .map(|l| l.pretax + l.catch_up - l.catch_up_roth)
                .sum(),
            roth_target: planned(lines).map(|l| l.roth + l.catch_up_roth).sum(),
            step,
            unit,
            base,
            after_tax_cap,
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
        let room = trial.room();
        // After-tax: rounded down, then one step lower if per-paycheck rounding of the
        // contribution itself would pass the room.
        let mut after_tax = self.rate(room);
        if let Some(held) = trial.held_rate(self.unit, self.step) {
            after_tax = after_tax.min(held);
        }
        if let Some(cap) = self.after_tax_cap {
            after_tax = after_tax.min(cap);
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
            result,
            missed,
        }
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
        let reaches_limit = self.plan.deferrals.pretax == Amount::Max
            || self.plan.deferrals.roth == Amount::Max
            || lines
                .iter()
                .map(|l| l.pretax + l.roth + l.catch_up)
                .sum::<Decimal>()
                >= self.year.deferral_limit;
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
#[must_use]
///
/// `after_tax_cap`, in the unit of the plan's election step (a fraction of pay, or dollars
/// a paycheck), is the largest after-tax election that keeps within the limits under
/// another way payroll may run the year, where the plan file does not say which
/// (`payroll.extra_paycheck` unknown): the advice must hold under both. Front-loading is
/// not offered then, since how much each front-loaded paycheck pays depends on it.
pub fn recommend(
    plan: &Plan,
    figures: &Figures,
    year: &Year,
    lines: &[Line],
    after_tax_cap: Option<Decimal>,
) -> Elections {
    let e = Elector::new(plan, figures, year, lines, after_tax_cap);
    let (step, unit) = (e.step, e.unit);
    let mut notes = Vec::new();
    if e.base.is_zero() {
        notes.push(Note::NoPaychecksLeft);
    }
    let Choice {
        pre,
        roth,
        after_tax,
        room,
        result,
        missed,
    } = e.best(lines);

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
        });
    }
    let tiers_pct: Decimal = year.tiers.iter().map(|t| t.on).sum();
    let matched_pct = pre
        + roth
        + if year.match_after_tax {
            after_tax
        } else {
            Decimal::ZERO
        };
    // The whole match the elections could still earn: what the pay stub shows, and the
    // tiers in full on the pay the match still counts in the paychecks to come (none once
    // the year's pay has passed 401(a)(17)), within the plan's dollar cap.
    let history_match: Decimal = year.history_match.iter().sum();
    let match_pay_to_come: Decimal = e.slots.iter().map(|s| s.match_pay).sum();
    let to_come = super::matching::formula(
        &year.tiers,
        tiers_pct * match_pay_to_come,
        match_pay_to_come,
    );
    let full_match = year.match_cap.map_or(history_match + to_come, |cap| {
        cap.min(history_match + to_come)
    });
    if let (Unit::Percent, false) = (unit, year.tiers.is_empty())
        && matched_pct < tiers_pct
        && result.employer_match + Decimal::ONE < full_match
    {
        notes.push(Note::MatchUnclaimed {
            matched_up_to: tiers_pct,
            elected: matched_pct,
        });
    }
    let front_load = match unit {
        _ if after_tax_cap.is_some() => {
            notes.push(Note::FrontLoadAwaitsExtraPaycheck);
            None
        }
        Unit::Percent if !e.base.is_zero() => {
            let roth_catch_up =
                figures.roth_catch_up && planned(lines).any(|l| !l.catch_up_roth.is_zero());
            front_load(&e, roth_catch_up, room, result.employer_match, &mut notes)
        }
        _ => None,
    };
    let regular_pay = year
        .slots
        .iter()
        .find(|s| !s.history && !s.bonus)
        .map_or(Decimal::ZERO, |s| s.pay);
    let to_fraction = |v: Decimal| match unit {
        Unit::Percent => v,
        Unit::Dollars(_) if regular_pay.is_zero() => Decimal::ZERO,
        Unit::Dollars(_) => (v / regular_pay).round_dp(4),
    };
    let per = |v: Decimal| match unit {
        Unit::Percent => cents(v * regular_pay.min(year.counted_compensation)),
        Unit::Dollars(_) => v,
    };
    Elections {
        step,
        step_kind: unit.kind(),
        from: year.slots.iter().find(|s| !s.history).map(|s| s.date),
        pretax: to_fraction(pre),
        roth: to_fraction(roth),
        after_tax: to_fraction(after_tax),
        per_paycheck: PerPaycheck {
            pretax: per(pre),
            roth: per(roth),
            after_tax: per(after_tax),
        },
        reaches: Reaches {
            deferrals: result.deferrals,
            after_tax: result.after_tax,
            employer_match: result.employer_match,
        },
        left_on_table: left,
        keeps_full_match: result.shortfall < missed + Decimal::ONE,
        front_load,
        notes,
    }
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
    roth_catch_up: bool,
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
    let (until, d, a) = found?;
    let from = slots.first().map(|s| s.date)?;
    let (pre, roth) = e.split_front_loaded(d, roth_catch_up);
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
    });
    Some(FrontLoad {
        max_election: max,
        from,
        until,
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
