//! The year paycheck by paycheck: pay, deferrals, after-tax money, match and nonelective
//! money on each payday, so that the annual totals are sums of paychecks and a match paid
//! per paycheck (no true-up) loses what a real payroll would lose.
//!
//! Rounding: each paycheck's pay and each contribution line are rounded to the cent, half
//! away from zero, as payroll does. Money elections are spread over the remaining regular
//! paychecks so that the last one takes the remainder and the year's total is exact.

use rust_decimal::Decimal;

use super::matching;
use super::outcome::{Line, LineKind};
use crate::date::Date;
use crate::money::{cents, non_negative};
use crate::plan::{Amount, Tier};

/// One payday of the year.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Payday.
    pub date: Date,
    /// Gross pay.
    pub pay: Decimal,
    /// Pay counted for percent contributions and the match (401(a)(17) stops it).
    pub counted: Decimal,
    /// A bonus rather than a regular paycheck.
    pub bonus: bool,
    /// Whether percent elections apply (always for regular pay).
    pub elections_apply: bool,
    /// Already paid: figures come from the pay stub, not from elections.
    pub history: bool,
    /// After the participant's elections stop (a front-loading schedule): the employee
    /// contributes nothing; the employer's money goes on.
    pub frozen: bool,
}

/// Everything about the year that does not depend on the after-tax amount.
#[derive(Debug, Clone)]
pub struct Year {
    /// Paydays in order.
    pub slots: Vec<Slot>,
    /// 402(g) limit.
    pub elective_limit: Decimal,
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
    /// The employer trues up to the annual formula.
    pub true_up: bool,
    /// Per slot: pre-tax, Roth, catch-up and nonelective money (history slots included).
    pub base: Vec<Base>,
    /// Match and after-tax money already paid (history), per history slot.
    pub history_match: Vec<Decimal>,
    /// After-tax money already paid, per history slot.
    pub history_after_tax: Vec<Decimal>,
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
            cents(self.left / Decimal::from(self.paychecks))
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

/// A contribution for one slot under an election.
#[must_use]
pub fn elected(amount: Amount, slot: &Slot, spreader: &mut Spreader) -> Decimal {
    match amount {
        Amount::Percent(p) if slot.elections_apply && !slot.frozen => cents(p * slot.counted),
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

    /// Match a schedule misses against the annual formula on what it contributes, because it
    /// is paid per paycheck (RULES.md §4): 0 with a true-up or no match. Match that
    /// deferrals and nonelective money leave no 415(c) room for is not counted as missed.
    #[must_use]
    pub fn match_shortfall(&self, lines: &[Line]) -> Decimal {
        if self.true_up || self.tiers.is_empty() {
            return Decimal::ZERO;
        }
        let sum = |f: fn(&Line) -> Decimal| lines.iter().map(f).sum::<Decimal>();
        let after_tax = sum(|l| l.after_tax);
        let matched = sum(|l| l.pretax + l.roth + l.catch_up)
            + if self.match_after_tax {
                after_tax
            } else {
                Decimal::ZERO
            };
        // After-tax money yields to the match: match it crowds out of 415(c) is still lost.
        let others = sum(|l| l.pretax + l.roth + l.nonelective);
        let formula =
            cents(self.annual_match(matched)).min(non_negative(self.additions_limit - others));
        non_negative(formula - sum(|l| l.employer_match))
    }

    /// Simulates the year with after-tax money spread as `spread`, stopping once the planned
    /// after-tax money reaches `budget`. Returns the schedule, true-up line included.
    #[must_use]
    pub fn simulate(&self, spread: Spread, budget: Decimal) -> Vec<Line> {
        let mut lines = Vec::with_capacity(self.slots.len() + 1);
        let mut spreader = Spreader::new(
            match spread {
                Spread::Total(t) => t.min(budget),
                Spread::Percent(_) => Decimal::ZERO,
            },
            planned_electable(&self.slots),
        );
        let amount = match spread {
            Spread::Percent(p) => Amount::Percent(p),
            Spread::Total(_) => Amount::Max,
        };
        let (mut ytd_def, mut ytd_add, mut ytd_match, mut planned_at, mut all_at) = (
            Decimal::ZERO,
            Decimal::ZERO,
            Decimal::ZERO,
            Decimal::ZERO,
            Decimal::ZERO,
        );
        let mut history = self.history_match.iter().zip(&self.history_after_tax);
        // Deferrals still to come are reserved, so employer money never pushes a later
        // deferral past 415(c).
        let mut later_deferrals: Decimal = self.base.iter().map(|b| b.pretax + b.roth).sum();
        // With a true-up the year's match is the annual formula, so paychecks never deposit
        // more than it: the formula on every deferral and the most after-tax money this run
        // can put in.
        let owed = (self.true_up && !self.tiers.is_empty()).then(|| {
            let history_at: Decimal = self.history_after_tax.iter().sum();
            let most_at = if self.match_after_tax {
                history_at + budget
            } else {
                Decimal::ZERO
            };
            cents(self.annual_match(self.total_deferrals() + most_at))
        });
        for (slot, base) in self.slots.iter().zip(&self.base) {
            let def415 = base.pretax + base.roth;
            later_deferrals -= def415;
            let room = non_negative(self.additions_limit - ytd_add - def415 - later_deferrals);
            let nonelective = base.nonelective.min(room);
            let (after_tax, employer_match) = if slot.history {
                let (m, a) = history
                    .next()
                    .map_or((Decimal::ZERO, Decimal::ZERO), |(m, a)| (*m, *a));
                (a, m)
            } else {
                let want = elected(amount, slot, &mut spreader);
                let fits = non_negative(slot.pay - base.deferrals());
                let space = non_negative(room - nonelective);
                let cap = self.match_cap.into_iter().chain(owed).min();
                let match_on = |a: Decimal| {
                    let matched = base.deferrals()
                        + if self.match_after_tax {
                            a
                        } else {
                            Decimal::ZERO
                        };
                    let m = cents(matching::formula(&self.tiers, matched, slot.counted));
                    cap.map_or(m, |c| m.min(non_negative(c - ytd_match)))
                };
                let mut a = want
                    .min(non_negative(budget - planned_at))
                    .min(fits)
                    .min(space);
                // The match comes first: where both do not fit under 415(c), after-tax money
                // gives way, as an excess annual addition would be corrected. Lowering it by
                // the excess lowers the match too, so one step always fits.
                let over = a + match_on(a) - space;
                if over > Decimal::ZERO {
                    a = non_negative(a - over);
                }
                spreader.paid(a);
                planned_at += a;
                (a, match_on(a).min(non_negative(space - a)))
            };
            ytd_def += base.deferrals();
            ytd_match += employer_match;
            all_at += after_tax;
            ytd_add += def415 + nonelective + employer_match + after_tax;
            lines.push(Line {
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
                catch_up: base.catch_up(),
                catch_up_roth: base.catch_up_roth,
                after_tax,
                employer_match,
                nonelective,
                converted: Decimal::ZERO,
                conversion_date: None,
                ytd_deferrals: ytd_def,
                ytd_additions: ytd_add,
            });
        }
        if self.true_up && !self.tiers.is_empty() {
            let matched = self.total_deferrals()
                + if self.match_after_tax {
                    all_at
                } else {
                    Decimal::ZERO
                };
            // With a true-up the year's match is the annual formula: the line makes up what
            // the paychecks missed, or gives back the cents per-paycheck rounding overpaid.
            let owed = cents(self.annual_match(matched));
            let true_up = (owed - ytd_match).min(non_negative(self.additions_limit - ytd_add));
            if !true_up.is_zero() {
                let date = self
                    .slots
                    .first()
                    .map_or_else(|| Date::end_of_month(2000, 12), |s| s.date.end_of_year());
                ytd_add += true_up;
                lines.push(Line {
                    date,
                    kind: LineKind::TrueUp,
                    history: false,
                    pay: Decimal::ZERO,
                    pretax: Decimal::ZERO,
                    roth: Decimal::ZERO,
                    catch_up: Decimal::ZERO,
                    catch_up_roth: Decimal::ZERO,
                    after_tax: Decimal::ZERO,
                    employer_match: true_up,
                    nonelective: Decimal::ZERO,
                    converted: Decimal::ZERO,
                    conversion_date: None,
                    ytd_deferrals: ytd_def,
                    ytd_additions: ytd_add,
                });
            }
        }
        lines
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
