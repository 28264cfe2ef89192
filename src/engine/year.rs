//! The plan's year laid out before any after-tax money: its paydays and pay (with the parts
//! elections and the match count under 401(a)(17)), what the pay stub says is already in,
//! and each paycheck's deferrals, catch-up and nonelective money.
//!
//! Builds the [`Year`] that `paycheck` simulates and `room` fills with after-tax money. The
//! IRS rules come from [`crate::rules`]; this module only applies them to the plan. It does
//! not simulate the match or after-tax money.

use rust_decimal::Decimal;

use super::outcome::PaycheckCapacity;
use super::paycheck::{self, Base, PercentOf, Slot, Spreader, Year};
use crate::money::{cents, non_negative};
use crate::plan::{Amount, CompensationLimit, ExtraPaycheck, Feature, MatchBase, Plan};
use crate::rules::{self, Figures};

/// Lays out the year's paydays and every contribution that does not depend on the
/// after-tax amount: deferrals stopping at 402(g) plus catch-up, catch-up split off above
/// 402(g), nonelective money; history slots take the pay-stub figures.
pub(crate) fn build_year(plan: &Plan, figures: &Figures) -> Year {
    let mut slots = slots(plan, figures);
    paycheck_holds(plan, figures, &mut slots);
    let additions_limit = figures.additions_left();
    let deferral_limit = deferral_limit(figures);
    let history = History::of(plan);
    let planned_limit = history.deferrals_stop_at(deferral_limit, additions_limit, figures);
    // Payroll stops deferrals at its own count (`planned_limit`), but "max" means the most
    // this person may defer: what other plans leave of 402(g) (contract 2b).
    let within = planned_limit.min(figures.deferral_left());
    let max_limit = within.min(keeps_the_match(plan, figures, &history));
    let targets = Targets::new(plan, &slots, (planned_limit, max_limit), &history);
    let spread = max_over_bonuses(plan, &slots, &targets);
    let plan = spread.as_ref().unwrap_or(plan);
    let spreaders = Spreaders::new(&slots, &targets, &history);
    let laid = lay_out(plan, figures, &slots, planned_limit, spreaders);
    let deferrals_not_held = deferrals_not_held(
        plan,
        figures,
        &slots,
        planned_limit,
        (&targets, &history),
        &laid,
    );

    let m = plan.employer_match.as_ref();
    Year {
        slots,
        deferral_limit,
        additions_limit,
        counted_compensation: figures.counted_compensation,
        tiers: m.map(|m| m.tiers.clone()).unwrap_or_default(),
        match_cap: m.and_then(|m| m.cap),
        match_after_tax: m.is_some_and(|m| m.matches == MatchBase::DeferralsAndAfterTax),
        match_trued_up: m.is_some_and(|m| m.true_up == Feature::Yes),
        base: laid.base,
        history_match: laid.history_match,
        history_after_tax: laid.history_after_tax,
        deferrals_not_held,
        max_keeps_match: (max_limit < within
            && (plan.deferrals.pretax == Amount::Max || plan.deferrals.roth == Amount::Max))
            .then_some(max_limit),
        memo: paycheck::Memo::default(),
        deposits: plan.payroll.deposits,
    }
}

/// What payroll lets the participant defer this year: 402(g) plus the catch-up they may
/// make, unless 100% of pay (the 415(c) limit, `additions_limit`) is below 402(g): deferrals
/// are annual additions too, so then pay caps them.
fn deferral_limit(figures: &Figures) -> Decimal {
    if figures.annual_additions < figures.elective_deferral {
        return figures.annual_additions;
    }
    figures.deferral_limit
}

/// Paydays with their pay, history flag and 401(a)(17)-counted pay.
fn slots(plan: &Plan, figures: &Figures) -> Vec<Slot> {
    let days = plan.paydays();
    let pays = regular_pays(plan, days.len());
    let as_of = plan.year_to_date.as_ref().map(|y| y.as_of);
    let mut slots: Vec<Slot> = days
        .into_iter()
        .zip(pays)
        .map(|(day, (pay, exact))| Slot {
            date: day.paid,
            pay,
            exact,
            counted: pay,
            match_pay: pay,
            counted_exact: exact,
            match_pay_exact: exact,
            bonus: false,
            elections_apply: true,
            history: false,
            frozen: false,
            holds: pay,
        })
        .chain(plan.payroll.bonuses.iter().map(|b| Slot {
            date: b.date,
            pay: b.amount,
            exact: b.amount,
            counted: b.amount,
            match_pay: b.amount,
            counted_exact: b.amount,
            match_pay_exact: b.amount,
            bonus: true,
            elections_apply: b.elections_apply,
            history: false,
            frozen: false,
            holds: b.amount,
        }))
        .collect();
    slots.sort_by_key(|s| (s.date, s.bonus));
    let rule = plan.payroll.compensation_limit;
    count_pay(rule, figures, plan.schedule_paydays().len(), &mut slots);
    for slot in &mut slots {
        slot.history = as_of.is_some_and(|d| slot.date <= d);
        // Under "stop" every election ends where the year's pay reaches 401(a)(17), money
        // and "max" elections too (RULES.md §3): those paychecks take none of them.
        let stopped = rule == CompensationLimit::Stop && slot.counted.is_zero();
        slot.frozen = stopped
            || plan
                .payroll
                .elections_stop_after
                .is_some_and(|d| slot.date > d);
    }
    let exact = paycheck::unrounded(&slots, |s| s.counted);
    let match_exact = paycheck::unrounded(&slots, |s| s.match_pay);
    for ((slot, e), m) in slots.iter_mut().zip(exact).zip(match_exact) {
        slot.counted_exact = e;
        slot.match_pay_exact = m;
    }
    slots
}

/// Sets each slot's pay under 401(a)(17) as payroll applies it (RULES.md §3): the match
/// and percent-of-pay employer money (`match_pay`) count pay until the year's pay reaches
/// the limit, or under "pro-rata" each paycheck's pay up to the limit / the regular
/// paychecks of the payroll's whole year, `periods` (a bonus is a paycheck of its own
/// there), never more than the year's limit in all. A part year divides by the whole
/// year's paychecks too: the periodic limit is the annual one cut in the proportion a pay
/// period bears to 12 months (Treas. Reg. 1.401(a)(17)-1(b)(3)(iii)(A)), and working part
/// of the year does not cut it further (1.401(a)(17)-1(b)(3)(iii)(B)). Percent elections
/// (`counted`) run on all pay, except under "stop", where they stop with the match.
fn count_pay(rule: CompensationLimit, figures: &Figures, periods: usize, slots: &mut [Slot]) {
    let share = figures.periodic_compensation_limit(periods);
    let mut counted_so_far = Decimal::ZERO;
    for slot in slots {
        let pay = if rule == CompensationLimit::ProRata {
            slot.pay.min(share)
        } else {
            slot.pay
        };
        slot.match_pay = figures.counted_pay(pay, counted_so_far);
        counted_so_far += slot.match_pay;
        slot.counted = if rule == CompensationLimit::Stop {
            slot.match_pay
        } else {
            slot.pay
        };
    }
}

/// Sets what each paycheck can hold of the participant's elections together (RULES.md §7;
/// contract 2b, `payroll.max_election`): its pay less the employee's FICA withheld from it
/// (IRC 3101, 3102: each tax to the cent, on the wages this employer paid before it this
/// year, FICA wages being gross pay), and no more than `max_election` of its pay, rounded
/// down to the cent, where the plan sets one. A plan's cap of 100% still leaves FICA to
/// come out of the same pay. Income-tax withholding is left out: it depends on the W-4.
///
/// A self-employed participant's deposits (`payroll.deposits`) withhold nothing and come
/// from no paycheck: only the year's limits bound them. Each holds twice its share of
/// compensation, more than those limits ever let in (deferrals and catch-up at most
/// compensation, Treas. Reg. 1.414(v)-1(c); annual additions at most compensation, IRC
/// 415(c)(1)(B)), so that catch-up, which is not an annual addition, does not crowd out
/// after-tax room (RULES.md §8).
fn paycheck_holds(plan: &Plan, figures: &Figures, slots: &mut [Slot]) {
    if plan.payroll.deposits {
        for slot in slots {
            slot.holds = slot.pay + slot.pay;
        }
        return;
    }
    let mut wages_before = Decimal::ZERO;
    for slot in slots {
        let fica = rules::employee_fica(slot.pay, wages_before, figures.social_security_wage_base);
        let withheld =
            cents(fica.social_security) + cents(fica.medicare) + cents(fica.additional_medicare);
        let after_fica = non_negative(slot.pay - withheld);
        slot.holds = plan
            .payroll
            .max_election
            .map_or(after_fica, |m| after_fica.min(cents(m * slot.pay)));
        wages_before += slot.pay;
    }
}

/// The deferrals the plan asks for that the paychecks cannot hold (`Slot::holds`): what
/// the year would defer if each paycheck held all its pay, less what `laid` defers. Laid
/// out a second time only when some planned paycheck's deferrals fill what it holds.
fn deferrals_not_held(
    plan: &Plan,
    figures: &Figures,
    slots: &[Slot],
    deferral_limit: Decimal,
    (targets, history): (&Targets, &History),
    laid: &Laid,
) -> Decimal {
    let full = slots
        .iter()
        .zip(&laid.base)
        .any(|(s, b)| !s.history && !s.pay.is_zero() && b.deferrals() >= s.holds);
    if !full {
        return Decimal::ZERO;
    }
    let whole_pay: Vec<Slot> = slots
        .iter()
        .map(|s| Slot {
            holds: s.pay,
            ..s.clone()
        })
        .collect();
    let spreaders = Spreaders::new(&whole_pay, targets, history);
    let unheld = lay_out(plan, figures, &whole_pay, deferral_limit, spreaders);
    let deferred = |l: &Laid| {
        l.base
            .iter()
            .map(paycheck::Base::deferrals)
            .sum::<Decimal>()
    };
    non_negative(deferred(&unheld) - deferred(laid))
}

/// The pay of each of the year's `count` regular paychecks, rounded cumulatively (contract
/// section 2, "Rounding"): through paycheck k the pay is the exact k × rate rounded half away
/// from zero, and each paycheck holds the difference, so the year's pay is exactly its annual
/// figure rather than `count` rounded shares. Each comes with its pay before rounding, the
/// exact figure through k less the one through k − 1, for the contributions worked out on it. The rate is the regular pay (compensation less
/// bonuses) over the year's paydays, or, in a year with more paydays than usual and
/// `extra_paycheck = "adds-pay"`, over the usual number (RULES.md section 7), so that year
/// pays more. A mid-year `first_payday` leaves fewer paydays to share the same pay.
fn regular_pays(plan: &Plan, count: usize) -> Vec<(Decimal, Decimal)> {
    let bonus_total: Decimal = plan.payroll.bonuses.iter().map(|b| b.amount).sum();
    let regular = non_negative(plan.participant.compensation - bonus_total);
    let divisor = Decimal::from(paychecks_per_year(plan, count).max(1));
    let (mut paid_so_far, mut exact_so_far) = (Decimal::ZERO, Decimal::ZERO);
    (1..=count)
        .map(|k| {
            let exact_through_k = regular * Decimal::from(k) / divisor;
            let through_k = cents(exact_through_k);
            let pay = through_k - paid_so_far;
            let exact = exact_through_k - exact_so_far;
            paid_so_far = through_k;
            exact_so_far = exact_through_k;
            (pay, exact)
        })
        .collect()
}

/// How many paychecks the year's regular pay is divided among: the year's own `count`,
/// unless it has more than the usual number and the payroll pays each at the usual rate,
/// or the participant works there part of the year (`employed_from`, `employed_until`):
/// then each paycheck is the annual rate over the usual number of paydays (contract 2b), or
/// over the schedule's whole year where it has an extra payday and the plan file says the
/// payroll spreads the annual rate over all of them (`extra_paycheck = "same-year-pay"`),
/// and the year pays only the paychecks while employed.
fn paychecks_per_year(plan: &Plan, count: usize) -> usize {
    let usual = plan.participant.pay_frequency.usual_paydays();
    if count > usual && plan.payroll.extra_paycheck == ExtraPaycheck::AddsPay {
        usual
    } else if count <= usual && plan.participant.part_year() {
        let whole_year = plan.schedule_paydays().len();
        if plan.payroll.extra_paycheck == ExtraPaycheck::SameYearPay {
            whole_year.max(usual)
        } else {
            usual
        }
    } else {
        count
    }
}

/// One regular paycheck's pay, to the cent, as the first is paid, and the number of
/// paychecks the regular pay (compensation less bonuses) is divided among
/// ([`paychecks_per_year`]).
pub(crate) fn paycheck_rate(plan: &Plan) -> (Decimal, usize) {
    let count = plan.paydays().len();
    let pay = regular_pays(plan, count)
        .first()
        .map_or(Decimal::ZERO, |(pay, _)| *pay);
    (pay, paychecks_per_year(plan, count))
}

/// The year's pay from this employer: `compensation`, or, when an extra paycheck adds pay
/// or the participant works there part of the year, what the paychecks and bonuses come
/// to. 415(c)'s 100%-of-pay limit and 401(a)(17) look at the pay of the year from the
/// employer (IRC 415(c)(3), 401(a)(17); RULES.md section 9).
pub(crate) fn year_pay(plan: &Plan) -> Decimal {
    let count = plan.paydays().len();
    if paychecks_per_year(plan, count) != count {
        let bonuses: Decimal = plan.payroll.bonuses.iter().map(|b| b.amount).sum();
        regular_pays(plan, count)
            .into_iter()
            .map(|(pay, _)| pay)
            .sum::<Decimal>()
            + bonuses
    } else {
        plan.participant.compensation
    }
}

/// Where a bonus still to come takes the elections, a `"max"` deferral is spread over it
/// too, in proportion to pay as a percent election is (the plan with that deferral as the
/// percent of the pay to come that reaches it), so that the year it describes is the one
/// the recommended percent elections make: a bonus that defers nothing earns no match.
/// `None` where no such bonus comes or no deferral is `"max"`.
fn max_over_bonuses(plan: &Plan, slots: &[Slot], targets: &Targets) -> Option<Plan> {
    let electable = |s: &&Slot| !s.history && !s.frozen && s.elections_apply;
    if !slots.iter().filter(electable).any(|s| s.bonus) {
        return None;
    }
    let pay: Decimal = slots
        .iter()
        .filter(electable)
        .map(|s| s.counted_exact)
        .sum();
    if pay.is_zero() {
        return None;
    }
    let d = &plan.deferrals;
    if d.pretax != Amount::Max && d.roth != Amount::Max {
        return None;
    }
    let mut spread = plan.clone();
    if d.pretax == Amount::Max {
        spread.deferrals.pretax = Amount::Percent(targets.pretax / pay);
    }
    if d.roth == Amount::Max {
        spread.deferrals.roth = Amount::Percent(targets.roth / pay);
    }
    Some(spread)
}

/// The most deferrals `"max"` means where 415(c) is 100% of pay (IRC 415(c)(1)(B)):
/// every deferral dollar past pay less the employer's money crowds a dollar of that money
/// out of 415(c), so "the most you may defer" stops where the match and nonelective money
/// the year pays in full still fit (RULES.md §1, §4). Where the dollar limit binds instead,
/// employer money that does not fit is the employer's to cut, and nothing changes.
fn keeps_the_match(plan: &Plan, figures: &Figures, history: &History) -> Decimal {
    let pay = year_pay(plan);
    // With catch-up elected, deferrals past 100% of pay can be catch-up, which is not an
    // annual addition (IRC 414(v)(3)(A)): left to payroll's own limits.
    if figures.annual_additions < pay || !figures.catch_up.is_zero() {
        return Decimal::MAX;
    }
    let counted = figures.counted_compensation;
    let full_match = plan.employer_match.as_ref().map_or(Decimal::ZERO, |m| {
        let on: Decimal = m.tiers.iter().map(|t| t.on).sum();
        let formula = cents(super::matching::formula(&m.tiers, on * counted, counted));
        m.cap.map_or(formula, |c| formula.min(c))
    });
    let nonelective = match plan.nonelective {
        Amount::Percent(p) => cents(p * counted),
        Amount::Money(m) => m,
        Amount::Max => Decimal::ZERO,
    };
    non_negative(
        figures.additions_left()
            - full_match
            - nonelective.max(history.nonelective)
            - history.after_tax,
    )
}

/// What the pay stub (`[year_to_date]`) says is already in, by kind; zero without one.
#[derive(Default)]
struct History {
    pretax: Decimal,
    roth: Decimal,
    after_tax: Decimal,
    employer_match: Decimal,
    nonelective: Decimal,
}

impl History {
    fn of(plan: &Plan) -> Self {
        plan.year_to_date
            .as_ref()
            .map_or(Self::default(), |y| Self {
                pretax: y.pretax,
                roth: y.roth,
                after_tax: y.after_tax,
                employer_match: y.employer_match,
                nonelective: y.nonelective,
            })
    }

    /// Where deferrals still to come stop: at `deferral_limit`, unless the pay stub already
    /// fills 415(c) (`additions_limit`): then no deferral that would be an annual addition
    /// goes in (the year is computed with nothing more of that kind, contract "Payroll
    /// limits"), only catch-up above 402(g), which is not one (IRC 414(v)(3)(A)).
    fn deferrals_stop_at(
        &self,
        deferral_limit: Decimal,
        additions_limit: Decimal,
        figures: &Figures,
    ) -> Decimal {
        let deferred = self.pretax + self.roth;
        let additions = figures.deferrals_in_annual_additions(deferred)
            + self.after_tax
            + self.employer_match
            + self.nonelective;
        if additions >= additions_limit && deferred < figures.elective_deferral {
            deferred
        } else {
            deferral_limit
        }
    }
}

/// What the plan's elections come to over the paychecks still to come.
struct Targets {
    pretax: Decimal,
    roth: Decimal,
    nonelective: Decimal,
}

impl Targets {
    /// A `"max"` deferral takes the room the other kind leaves under `max_limit`, and any
    /// other election stops at `deferral_limit` (see `keeps_the_match`).
    fn new(
        plan: &Plan,
        slots: &[Slot],
        (deferral_limit, max_limit): (Decimal, Decimal),
        history: &History,
    ) -> Self {
        let deferral_room = non_negative(deferral_limit - history.pretax - history.roth);
        let max_room = non_negative(max_limit - history.pretax - history.roth).min(deferral_room);
        let d = &plan.deferrals;
        let pretax = match d.pretax {
            Amount::Max => {
                non_negative(max_room - projected(d.roth, history.roth, slots).min(max_room))
            }
            other => projected(other, history.pretax, slots).min(deferral_room),
        };
        let roth = match d.roth {
            Amount::Max => {
                non_negative(max_room - projected(d.pretax, history.pretax, slots).min(max_room))
            }
            other => projected(other, history.roth, slots),
        };
        let nonelective = if let Amount::Money(m) = plan.nonelective {
            non_negative(m - history.nonelective)
        } else {
            Decimal::ZERO
        };
        Self {
            pretax,
            roth,
            nonelective,
        }
    }
}

/// Total of a percent election over the planned slots, or a money target less what is
/// already in; used to leave room for the other deferral kind when one is `"max"`.
fn projected(amount: Amount, already: Decimal, slots: &[Slot]) -> Decimal {
    match amount {
        Amount::Money(m) => non_negative(m - already),
        Amount::Percent(p) => slots
            .iter()
            .filter(|s| !s.history && s.elections_apply)
            .scan(PercentOf::default(), |pct, s| {
                Some(pct.of(p, s.counted_exact))
            })
            .sum(),
        Amount::Max => Decimal::ZERO,
    }
}

/// Spreads the targets over the planned paychecks and the pay stub's figures over the
/// paychecks already paid, paycheck by paycheck.
struct Spreaders {
    pretax: Spreader,
    roth: Spreader,
    nonelective: Spreader,
    pct_pretax: PercentOf,
    pct_roth: PercentOf,
    pct_nonelective: PercentOf,
    /// Pre-tax, Roth, after-tax, match and nonelective money of the pay stub.
    history: [Spreader; 5],
}

impl Spreaders {
    fn new(slots: &[Slot], targets: &Targets, history: &History) -> Self {
        let electable = paycheck::planned_electable(slots);
        let history_count = slots.iter().filter(|s| s.history).count();
        Self {
            pretax: Spreader::new(targets.pretax, electable),
            roth: Spreader::new(targets.roth, electable),
            nonelective: Spreader::new(targets.nonelective, paycheck::planned_regular(slots)),
            pct_pretax: PercentOf::default(),
            pct_roth: PercentOf::default(),
            pct_nonelective: PercentOf::default(),
            history: [
                history.pretax,
                history.roth,
                history.after_tax,
                history.employer_match,
                history.nonelective,
            ]
            .map(|t| Spreader::new(t, history_count)),
        }
    }

    /// A paid paycheck's share of each pay-stub figure, in `history`'s order.
    fn paid(&mut self) -> [Decimal; 5] {
        self.history.each_mut().map(|s| {
            let v = s.next(true);
            s.paid(v);
            v
        })
    }

    /// A planned paycheck's pre-tax, Roth and nonelective money, and its deferrals before
    /// rounding for the match (`paycheck::exact_share`); deferrals stop at `room` and at
    /// what the paycheck holds (`Slot::holds`).
    fn planned(&mut self, plan: &Plan, slot: &Slot, room: Decimal) -> [Decimal; 4] {
        let d = &plan.deferrals;
        let asked = paycheck::elected_with(d.pretax, slot, &mut self.pretax, &mut self.pct_pretax);
        let pre = asked.min(room).min(slot.holds);
        let mut exact = paycheck::exact_share(d.pretax, slot, asked, pre);
        self.pretax.paid(pre);
        let asked = paycheck::elected_with(d.roth, slot, &mut self.roth, &mut self.pct_roth);
        let roth = asked.min(room - pre).min(slot.holds_after(pre));
        exact += paycheck::exact_share(d.roth, slot, asked, roth);
        self.roth.paid(roth);
        let ne = match plan.nonelective {
            Amount::Percent(p) => self.pct_nonelective.of(p, slot.match_pay_exact),
            _ => self.nonelective.next(!slot.bonus),
        };
        self.nonelective.paid(ne);
        [pre, roth, ne, exact]
    }
}

/// Each paycheck's money before after-tax contributions, and the pay stub's after-tax money
/// and match on the paychecks already paid.
struct Laid {
    base: Vec<Base>,
    history_match: Vec<Decimal>,
    history_after_tax: Vec<Decimal>,
}

/// Walks the paychecks in order, keeping the year's deferrals so far for the 402(g) split:
/// planned deferrals stop at `deferral_limit`; what crosses 402(g) is catch-up up to the
/// catch-up the participant may make (a pay stub past that shows excess deferrals).
fn lay_out(
    plan: &Plan,
    figures: &Figures,
    slots: &[Slot],
    deferral_limit: Decimal,
    mut spreaders: Spreaders,
) -> Laid {
    let mut laid = Laid {
        base: Vec::with_capacity(slots.len()),
        history_match: Vec::new(),
        history_after_tax: Vec::new(),
    };
    let mut ytd_def = Decimal::ZERO;
    for slot in slots {
        let [pre, roth, ne, exact] = if slot.history {
            let [pre, roth, at, m, ne] = spreaders.paid();
            laid.history_after_tax.push(at);
            laid.history_match.push(m);
            [pre, roth, ne, pre + roth]
        } else {
            spreaders.planned(plan, slot, non_negative(deferral_limit - ytd_def))
        };
        let split = split_catch_up(ytd_def, pre, roth, figures);
        ytd_def = ytd_def + pre + roth;
        laid.base.push(Base {
            nonelective: ne,
            exact_deferrals: exact,
            ..split
        });
    }
    laid
}

/// A paycheck's deferrals with the catch-up split off: whatever crosses 402(g) this year,
/// up to the catch-up the participant may make, pre-tax taken first, then Roth (IRC
/// 414(v)(1)); all of it Roth where IRC 414(v)(7) requires it. Deferrals beyond that (a pay
/// stub's excess deferrals, IRC 402(g)(2)) stay pre-tax or Roth as the stub shows them.
fn split_catch_up(
    deferred_before: Decimal,
    pre: Decimal,
    roth: Decimal,
    figures: &Figures,
) -> Base {
    let over_pre = figures.catch_up_part(deferred_before, pre);
    let over_roth = figures.catch_up_part(deferred_before + pre, roth);
    let (catch_up_pretax, catch_up_roth) = if figures.roth_catch_up {
        (Decimal::ZERO, over_pre + over_roth)
    } else {
        (over_pre, over_roth)
    };
    Base {
        pretax: pre - over_pre,
        roth: roth - over_roth,
        catch_up_pretax,
        catch_up_roth,
        nonelective: Decimal::ZERO,
        exact_deferrals: Decimal::ZERO,
    }
}

/// What the year's paychecks still to come can hold (RULES.md §7): all elections together
/// (`Slot::holds`), and after-tax money after the deferrals laid out in them, over the
/// paychecks the participant's elections run on. `did_not_fit`: what the plan asked for
/// that they could not hold.
pub(crate) fn capacity(plan: &Plan, year: &Year, did_not_fit: Decimal) -> PaycheckCapacity {
    let open = year
        .slots
        .iter()
        .zip(&year.base)
        .filter(|(s, _)| !s.history && !s.frozen && s.elections_apply);
    PaycheckCapacity {
        max_election: plan.payroll.max_election,
        total: open.clone().map(|(s, _)| s.holds).sum(),
        after_tax: open.map(|(s, b)| s.holds_after(b.deferrals())).sum(),
        did_not_fit,
    }
}
