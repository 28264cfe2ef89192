//! A self-employed participant's year (solo 401(k); RULES.md §8), worked out before the year
//! is built.
//!
//! From the net profit and the year's other Social Security wages this module works out the
//! self-employment tax, earned income, the regular deferrals, the employer (nonelective)
//! contribution, the catch-up and the 415(c) compensation, in the order IRS Publication 560's
//! deduction worksheet for the self-employed takes them, and hands the rest of the engine an
//! equivalent plan: compensation is the 415(c) compensation, every contribution is money, the
//! deposits are paychecks that withhold nothing (`payroll.deposits`), and nothing payroll
//! leaves open is open. The IRS rules are [`crate::rules`]; this module only orders them. No
//! I/O, no English.

use rust_decimal::Decimal;

use super::outcome::{Note, SelfEmployment, Warning};
use crate::limits::Limits;
use crate::money::{cents, cents_down, non_negative};
use crate::plan::{Amount, CompensationLimit, ExtraPaycheck, Feature, HolidayRule, Plan, Step};
use crate::rules;

/// What `prepare` works out besides the equivalent plan.
#[derive(Debug, Clone)]
pub(crate) struct SelfEmployedYear {
    /// The figures the report shows (`participant.self_employment`).
    pub(crate) facts: SelfEmployment,
    /// Where 100% of compensation sets 415(c) and the employer contributes: both rooms.
    pub(crate) note: Option<Note>,
    /// An employer contribution asked for above the most allowed, cut to it.
    pub(crate) warning: Option<Warning>,
}

/// How many times a percent deferral is worked out again on the compensation the last try
/// left: each try at least halves the gap (the employer contribution moves at most half
/// as much as the deferrals, a percent at most as much as compensation), so after 40 it is
/// far below a cent.
const PERCENT_TRIES: usize = 40;

/// For a self-employed participant, the equivalent plan the engine computes and the
/// self-employment figures; `None` for a job's plan.
pub(crate) fn prepare(plan: &Plan, limits: &Limits) -> Option<(Plan, SelfEmployedYear)> {
    let se = plan.participant.self_employment?;
    let net_profit = se.net_profit;
    let net_earnings = rules::net_earnings_from_self_employment(net_profit, limits);
    let se_tax = rules::self_employment_tax(
        net_earnings,
        se.other_social_security_wages.unwrap_or(Decimal::ZERO),
        limits,
    )
    .total();
    let half_se_tax = rules::half_self_employment_tax(se_tax, limits);
    // Pub. 560 worksheet step 3: net profit less half the SE tax.
    let earnings = non_negative(net_profit - half_se_tax);
    let (regular_left, catch_up_left) = deferral_room_left(plan, limits);

    // Regular deferrals first (within 402(g) and earned income), then the employer
    // contribution those deferrals allow; a percent deferral is a percent of the
    // compensation that contribution leaves, so it is tried again until it settles.
    let mut compensation = earnings;
    let mut split = Split::default();
    for _ in 0..PERCENT_TRIES {
        split = Split::asked(plan, regular_left, catch_up_left, compensation);
        let regular = split.total().min(regular_left).min(earnings);
        let employer = Employer::of(plan, earnings, regular, limits);
        let next = rules::self_employed_compensation(earnings, employer.contribution);
        if next == compensation {
            break;
        }
        compensation = next;
    }
    let asked = split.total();
    let regular = asked.min(regular_left).min(earnings);
    let employer = Employer::of(plan, earnings, regular, limits);
    let compensation = rules::self_employed_compensation(earnings, employer.contribution);
    // Catch-up: only what the election asks past 402(g), within compensation left after the
    // regular deferrals (Pub. 560 steps 16–18).
    let catch_up = rules::self_employed_catch_up(
        non_negative(asked - regular).min(catch_up_left),
        compensation,
        regular,
    );
    let deferred = regular + catch_up;

    let dollar = limits.annual_additions.amount;
    let room = |comp: Decimal, employer: Decimal| {
        non_negative(rules::annual_additions_limit(comp, limits) - regular - employer)
    };
    let with = room(compensation, employer.contribution);
    let without = room(earnings, Decimal::ZERO);
    let note = (compensation < dollar
        && !employer.contribution.is_zero()
        && plan.after_tax.allowed != Feature::No)
        .then_some(Note::EmployerContributionCostsRoom {
            employer_contribution: employer.contribution,
            with,
            without,
        });

    let mut equivalent = plan.clone();
    let p = &mut equivalent.participant;
    p.compensation = compensation;
    // A one-participant plan: no HCE test, and no FICA wages from the business for the
    // Roth catch-up rule (RULES.md §8).
    p.prior_year_compensation = Some(Decimal::ZERO);
    p.prior_year_fica_wages = Some(Decimal::ZERO);
    let (pretax, roth) = split.share(deferred);
    equivalent.deferrals.pretax = Amount::Money(pretax);
    equivalent.deferrals.roth = Amount::Money(roth);
    equivalent.nonelective = Amount::Money(employer.contribution);
    let payroll = &mut equivalent.payroll;
    payroll.deposits = true;
    payroll.extra_paycheck = ExtraPaycheck::SameYearPay;
    payroll.compensation_limit = CompensationLimit::Continue;
    payroll.holidays = HolidayRule::None;
    payroll.max_election = None;
    // Deposits are made in dollars, to the cent.
    payroll.election_step = Step::Money(Decimal::new(1, 2));
    payroll.election_step_given = true;

    let facts = SelfEmployment {
        net_profit,
        net_earnings,
        social_security_wages: se.other_social_security_wages.unwrap_or(Decimal::ZERO),
        se_tax,
        half_se_tax,
        employer_contribution_max: employer.max,
        employer_contribution: employer.contribution,
        compensation,
        after_tax_room_without_employer_contribution: without,
    };
    Some((
        equivalent,
        SelfEmployedYear {
            facts,
            note,
            warning: employer.cut,
        },
    ))
}

/// What other plans leave of this person's 402(g) limit and of the catch-up (RULES.md §9),
/// read from the one place other plans enter the rules ([`rules::Figures::with_other_plans`]):
/// the regular limit left, and the catch-up left beyond it.
fn deferral_room_left(plan: &Plan, limits: &Limits) -> (Decimal, Decimal) {
    let other: Decimal = plan.other_plans.iter().map(|o| o.deferrals).sum();
    let figures = rules::Figures::for_participant(
        plan.participant.age,
        plan.deferrals.catch_up,
        plan.deferrals.catch_up_60_63,
        Decimal::ZERO,
        Decimal::ZERO,
        plan.participant.compensation,
        limits,
    )
    .with_other_plans(other, Decimal::ZERO);
    let regular = figures.regular_left();
    (regular, non_negative(figures.deferral_left() - regular))
}

/// The pre-tax and Roth deferrals the plan file asks for, in dollars.
#[derive(Debug, Clone, Copy, Default)]
struct Split {
    pretax: Decimal,
    roth: Decimal,
    /// Which kind is `"max"`, taking what the other leaves.
    max: Option<Kind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pretax,
    Roth,
}

impl Split {
    /// Each election in dollars: money as given, a percent of `compensation` (the deposits'
    /// pay), `"max"` the 402(g) room left plus the catch-up, less the other kind.
    fn asked(plan: &Plan, regular_left: Decimal, catch_up_left: Decimal, comp: Decimal) -> Self {
        let most = regular_left + catch_up_left;
        let dollars = |a: Amount| match a {
            Amount::Money(m) => m,
            Amount::Percent(p) => cents(p * comp),
            Amount::Max => Decimal::ZERO,
        };
        let d = &plan.deferrals;
        let (mut pretax, mut roth) = (dollars(d.pretax), dollars(d.roth));
        let max = if d.pretax == Amount::Max {
            pretax = non_negative(most - roth);
            Some(Kind::Pretax)
        } else if d.roth == Amount::Max {
            roth = non_negative(most - pretax);
            Some(Kind::Roth)
        } else {
            None
        };
        Self { pretax, roth, max }
    }

    fn total(self) -> Decimal {
        self.pretax + self.roth
    }

    /// `deferred` shared between the kinds: the kind given as money or a percent first, the
    /// `"max"` kind the rest; with neither `"max"`, pre-tax first.
    fn share(self, deferred: Decimal) -> (Decimal, Decimal) {
        if self.max == Some(Kind::Pretax) {
            let roth = self.roth.min(deferred);
            (deferred - roth, roth)
        } else {
            let pretax = self.pretax.min(deferred);
            (pretax, deferred - pretax)
        }
    }
}

/// The employer (nonelective) contribution on `regular` deferrals.
struct Employer {
    /// The most allowed (a 25% plan rate).
    max: Decimal,
    /// What the plan makes.
    contribution: Decimal,
    /// Set when the plan file asks for more than `max`.
    cut: Option<Warning>,
}

impl Employer {
    /// `employer.nonelective`: `"max"` the most allowed
    /// ([`rules::self_employed_employer_contribution_max`] at the 25% plan rate); a percent
    /// the plan rate on compensation, which is `p / (1 + p)` of `earnings` (IRS Publication
    /// 560's rate table), within the same worksheet's limits at that rate; money as given.
    /// A percent or money above the most allowed is cut to it, with a warning: more would
    /// pass 415(c) or what the employer may deduct (IRC 404(a)(3)).
    fn of(plan: &Plan, earnings: Decimal, regular: Decimal, limits: &Limits) -> Self {
        let max = rules::self_employed_employer_contribution_max(
            earnings,
            regular,
            rules::MAX_PLAN_RATE,
            limits,
        );
        let asked = match plan.nonelective {
            Amount::Max => max,
            Amount::Money(m) => m,
            Amount::Percent(p) => {
                let at_rate = cents_down(earnings * rules::self_employed_rate(p))
                    .min(limits.compensation.amount * p);
                let within =
                    rules::self_employed_employer_contribution_max(earnings, regular, p, limits);
                // Past the worksheet's own limits at this rate is past the maximum too.
                if at_rate > max { at_rate } else { within }
            }
        };
        let contribution = asked.min(max);
        Self {
            max,
            contribution,
            cut: (asked > max).then_some(Warning::EmployerContributionCut { asked, max }),
        }
    }
}
