//! The pure engine: a validated [`Plan`] and a year's [`Limits`] in, a [`Report`] out.
//!
//! No I/O, no printing, no clock. Everything is `Decimal`. The year is built paycheck by
//! paycheck (`paycheck`), the after-tax room is solved exactly against 415(c)
//! (`matching`), and the conversion estimate (`conversion`) and verdict (`verdict`) are
//! read off the resulting schedule, so that no two views of the year can disagree.

pub mod compare;
pub mod conversion;
pub mod elections;
pub mod matching;
pub mod outcome;
pub mod paycheck;
pub mod paydays;
pub mod verdict;

use rust_decimal::Decimal;

use crate::limits::Limits;
use crate::money::{cents, cents_down};
use crate::plan::{Amount, Cap, Feature, MatchBase, Plan};
use outcome::{AnnualAdditions, Contributions, LimitsUsed, Line, ParticipantFacts, Report, Source};
use paycheck::non_negative;
use paycheck::{Base, Slot, Spread, Spreader, Year};

/// Errors the engine can meet on a valid plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A computation left the range exact decimals can hold.
    #[error("{0}")]
    Arithmetic(String),
}

/// The catch-up this participant may make this year: none unless they elect catch-up and
/// attain 50 by December 31 (26 CFR 1.414(v)-1(g)(3)); ages 60–63 get the 414(v)(2)(E)
/// amount instead of the age-50 amount where the year has one and the plan offers it.
#[must_use]
pub fn catch_up_limit(plan: &Plan, limits: &Limits) -> Decimal {
    let age = plan.participant.age;
    if !plan.deferrals.catch_up || age < 50 {
        return Decimal::ZERO;
    }
    match &limits.catch_up_60_63 {
        Some(super_catch_up) if (60..=63).contains(&age) && plan.deferrals.catch_up_60_63 => {
            super_catch_up.amount
        }
        _ => limits.catch_up.amount,
    }
}

/// Whether last year's pay makes the participant an HCE this year (414(q)(1)(B): pay for
/// the preceding year in excess of the threshold published for that year).
#[must_use]
pub fn is_hce(plan: &Plan, limits: &Limits) -> bool {
    let prior = plan
        .participant
        .prior_year_compensation
        .unwrap_or(plan.participant.compensation);
    prior > limits.hce_prior_year_threshold.amount
}

/// Whether the SECURE 2.0 §603 rule (414(v)(7)) makes this year's catch-up Roth: prior-year
/// FICA wages from this employer above the year's threshold, in a year it is enforced. When
/// the plan file does not give the wages, last year's compensation stands in for them.
#[must_use]
pub fn roth_catch_up_required(plan: &Plan, limits: &Limits) -> bool {
    let Some(rule) = &limits.roth_catch_up else {
        return false;
    };
    let wages = plan
        .participant
        .prior_year_fica_wages
        .or(plan.participant.prior_year_compensation)
        .unwrap_or(plan.participant.compensation);
    rule.enforced && wages > rule.threshold.amount
}

/// Computes the year.
///
/// # Errors
/// Only when a figure leaves the range of exact decimal arithmetic, which the plan parser's
/// bounds on money and percents rule out in practice.
pub fn compute(plan: &Plan, limits: &Limits) -> Result<Report, EngineError> {
    let Schedules {
        year,
        max_lines,
        mut lines,
    } = schedules(plan, limits);
    let allowed = plan.after_tax.allowed != Feature::No;
    let limit = year.additions_limit;
    let after_tax_room = if allowed {
        max_lines.iter().map(|l| l.after_tax).sum()
    } else {
        Decimal::ZERO
    };
    let elections = elections::recommend(plan, limits, &year, &lines);

    let conversion = conversion::estimate(plan, limits, &mut lines)?;
    let match_lost = year.match_shortfall(&lines);
    let sum = |f: fn(&Line) -> Decimal| lines.iter().map(f).sum::<Decimal>();
    let contributions = Contributions {
        pretax: sum(|l| l.pretax),
        roth: sum(|l| l.roth),
        catch_up: sum(|l| l.catch_up),
        catch_up_roth: sum(|l| l.catch_up_roth),
        employer_match: sum(|l| l.employer_match),
        true_up: lines
            .iter()
            .filter(|l| l.kind == outcome::LineKind::TrueUp)
            .map(|l| l.employer_match)
            .sum(),
        employer_nonelective: sum(|l| l.nonelective),
        after_tax: sum(|l| l.after_tax),
    };
    let used = paycheck::additions(&lines);
    let annual_additions = AnnualAdditions {
        limit,
        used,
        remaining: non_negative(limit - used),
    };

    let facts = ParticipantFacts {
        age: plan.participant.age,
        compensation: plan.participant.compensation,
        counted_compensation: year.counted_compensation,
        pay_frequency: plan.participant.pay_frequency.word(),
        paychecks: year.slots.iter().filter(|s| !s.bonus).count(),
        hce: is_hce(plan, limits),
        roth_catch_up_required: roth_catch_up_required(plan, limits)
            && !contributions.catch_up.is_zero(),
    };
    let mut report = Report {
        schema_version: 1,
        year: plan.year,
        limits: limits_used(plan, limits),
        participant: facts,
        contributions,
        annual_additions,
        after_tax_room,
        match_lost,
        conversion,
        verdict: verdict::Verdict {
            status: "",
            reasons: Vec::new(),
            questions: Vec::new(),
        },
        warnings: Vec::new(),
        schedule: lines,
        elections,
    };
    let room_415 = if allowed {
        room_415(&year, &report)
    } else {
        Decimal::ZERO
    };
    report.verdict = verdict::verdict(plan, &report);
    report.warnings = verdict::warnings(plan, limits, &report, &year, room_415);
    Ok(report)
}

/// The year, its schedule with after-tax money at the room (`max_lines`), and its schedule
/// with the after-tax money the plan asks for (`lines`).
pub(crate) struct Schedules {
    pub(crate) year: Year,
    pub(crate) max_lines: Vec<Line>,
    pub(crate) lines: Vec<Line>,
}

/// Builds the year and simulates it twice: at the after-tax room, and as the plan asks.
pub(crate) fn schedules(plan: &Plan, limits: &Limits) -> Schedules {
    let year = build_year(plan, limits);
    let max_lines = max_schedule(plan, &year);
    let lines = asked_schedule(plan, &year, &max_lines, plan.after_tax.amount);
    Schedules {
        year,
        max_lines,
        lines,
    }
}

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
    fit(year, start, upper, |b| (Spread::Total(b), b))
}

/// The year with the after-tax `amount` asked for, cut to the room `max_lines` found.
pub(crate) fn asked_schedule(
    plan: &Plan,
    year: &Year,
    max_lines: &[Line],
    amount: Amount,
) -> Vec<Line> {
    let allowed = plan.after_tax.allowed != Feature::No;
    let history_at: Decimal = year.history_after_tax.iter().sum();
    let planned_room = paycheck::planned_after_tax(max_lines);
    let lines = match amount {
        _ if !allowed => year.simulate(Spread::Total(Decimal::ZERO), Decimal::ZERO),
        Amount::Max => max_lines.to_vec(),
        Amount::Money(m) => {
            let target = non_negative(m - history_at).min(planned_room);
            fit(year, target, Some(target), |b| (Spread::Total(b), b))
        }
        Amount::Percent(p) => fit(year, planned_room, Some(planned_room), |b| {
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
/// bracket of cents to the largest one that fits (never above `upper`).
fn fit(
    year: &Year,
    start: Decimal,
    upper: Option<Decimal>,
    spread: impl Fn(Decimal) -> (Spread, Decimal),
) -> Vec<Line> {
    let run = |b: Decimal| {
        let (s, budget) = spread(b);
        year.simulate(s, budget)
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

/// 415(c) room for after-tax money ignoring what each paycheck can hold, for the
/// room-exceeds-pay warning.
fn room_415(year: &Year, report: &Report) -> Decimal {
    non_negative(
        year.additions_limit - (report.annual_additions.used - report.contributions.after_tax),
    )
}

fn limits_used(plan: &Plan, limits: &Limits) -> LimitsUsed {
    let src = |limit: &'static str, f: &crate::limits::Figure| Source {
        limit,
        section: f.section.clone(),
        source: f.source.clone(),
    };
    let mut sources = vec![
        src("elective_deferral", &limits.elective_deferral),
        src("catch_up", &limits.catch_up),
        src("annual_additions", &limits.annual_additions),
        src("compensation", &limits.compensation),
        src("hce_threshold", &limits.hce_prior_year_threshold),
    ];
    if let Some(f) = &limits.catch_up_60_63 {
        sources.insert(2, src("catch_up_60_63", f));
    }
    if let Some(r) = &limits.roth_catch_up {
        sources.push(src("roth_catch_up_wage_threshold", &r.threshold));
    }
    LimitsUsed {
        elective_deferral: limits.elective_deferral.amount,
        catch_up: limits.catch_up.amount,
        catch_up_60_63: limits.catch_up_60_63.as_ref().map(|f| f.amount),
        catch_up_eligible: catch_up_limit(plan, limits),
        annual_additions: limits.annual_additions.amount,
        compensation: limits.compensation.amount,
        hce_threshold: limits.hce_prior_year_threshold.amount,
        sources,
    }
}

/// Paydays with their pay, history flag and 401(a)(17)-counted pay.
fn slots(plan: &Plan, limits: &Limits) -> Vec<Slot> {
    let days = paydays::paydays(
        plan.year,
        plan.participant.pay_frequency,
        plan.payroll.first_payday,
    );
    let bonus_total: Decimal = plan.payroll.bonuses.iter().map(|b| b.amount).sum();
    let regular = non_negative(plan.participant.compensation - bonus_total);
    let count = Decimal::from(days.len().max(1));
    let pay = cents(regular / count);
    let as_of = plan.year_to_date.as_ref().map(|y| y.as_of);
    let mut slots: Vec<Slot> = days
        .into_iter()
        .map(|date| Slot {
            date,
            pay,
            counted: pay,
            bonus: false,
            elections_apply: true,
            history: false,
            frozen: false,
        })
        .chain(plan.payroll.bonuses.iter().map(|b| Slot {
            date: b.date,
            pay: b.amount,
            counted: b.amount,
            bonus: true,
            elections_apply: b.elections_apply,
            history: false,
            frozen: false,
        }))
        .collect();
    slots.sort_by_key(|s| (s.date, s.bonus));
    let mut counted_so_far = Decimal::ZERO;
    for slot in &mut slots {
        slot.counted = slot
            .pay
            .min(non_negative(limits.compensation.amount - counted_so_far));
        counted_so_far += slot.counted;
        slot.history = as_of.is_some_and(|d| slot.date <= d);
        slot.frozen = plan
            .payroll
            .elections_stop_after
            .is_some_and(|d| slot.date > d);
    }
    slots
}

/// Total of a percent election over the planned slots, or a money target less what is
/// already in; used to leave room for the other deferral kind when one is `"max"`.
fn projected(amount: Amount, already: Decimal, slots: &[Slot]) -> Decimal {
    match amount {
        Amount::Money(m) => non_negative(m - already),
        Amount::Percent(p) => slots
            .iter()
            .filter(|s| !s.history && s.elections_apply)
            .scan(paycheck::PercentOf::default(), |pct, s| {
                Some(pct.of(p, s.counted))
            })
            .sum(),
        Amount::Max => Decimal::ZERO,
    }
}

/// Lays out the year's paydays and every contribution that does not depend on the
/// after-tax amount: deferrals stopping at 402(g) plus catch-up, catch-up split off above
/// 402(g), nonelective money; history slots take the pay-stub figures.
fn build_year(plan: &Plan, limits: &Limits) -> Year {
    let slots = slots(plan, limits);
    let elective_limit = limits.elective_deferral.amount;
    let additions_limit = limits
        .annual_additions
        .amount
        .min(plan.participant.compensation);
    // Deferrals are annual additions too: when 100% of pay is below 402(g), pay caps them.
    let deferral_limit = if additions_limit < elective_limit {
        additions_limit
    } else {
        elective_limit + catch_up_limit(plan, limits)
    };
    let ytd = plan.year_to_date.clone();
    let (ytd_pretax, ytd_roth, ytd_at, ytd_match, ytd_ne) =
        ytd.as_ref().map_or(Default::default(), |y| {
            (
                y.pretax,
                y.roth,
                y.after_tax,
                y.employer_match,
                y.nonelective,
            )
        });
    let history_count = slots.iter().filter(|s| s.history).count();
    let regular_planned = paycheck::planned_regular(&slots);
    let electable = paycheck::planned_electable(&slots);

    let deferral_room = non_negative(deferral_limit - ytd_pretax - ytd_roth);
    let d = &plan.deferrals;
    let pretax_target = match d.pretax {
        Amount::Max => {
            non_negative(deferral_room - projected(d.roth, ytd_roth, &slots).min(deferral_room))
        }
        other => projected(other, ytd_pretax, &slots).min(deferral_room),
    };
    let roth_target = match d.roth {
        Amount::Max => {
            non_negative(deferral_room - projected(d.pretax, ytd_pretax, &slots).min(deferral_room))
        }
        other => projected(other, ytd_roth, &slots),
    };
    let ne_target = if let Amount::Money(m) = plan.nonelective {
        non_negative(m - ytd_ne)
    } else {
        Decimal::ZERO
    };

    let mut spread_pretax = Spreader::new(pretax_target, electable);
    let mut spread_roth = Spreader::new(roth_target, electable);
    let mut spread_ne = Spreader::new(ne_target, regular_planned);
    let mut hist =
        [ytd_pretax, ytd_roth, ytd_at, ytd_match, ytd_ne].map(|t| Spreader::new(t, history_count));
    let roth_catch_up = roth_catch_up_required(plan, limits);

    let (mut pct_pretax, mut pct_roth, mut pct_ne) = (
        paycheck::PercentOf::default(),
        paycheck::PercentOf::default(),
        paycheck::PercentOf::default(),
    );
    let mut ytd_def = Decimal::ZERO;
    let mut base = Vec::with_capacity(slots.len());
    let (mut history_match, mut history_after_tax) = (Vec::new(), Vec::new());
    for slot in &slots {
        let (pre, roth, ne) = if slot.history {
            let mut take = |i: usize| {
                hist.get_mut(i).map_or(Decimal::ZERO, |s| {
                    let v = s.next(true);
                    s.paid(v);
                    v
                })
            };
            let (pre, roth, at, m, ne) = (take(0), take(1), take(2), take(3), take(4));
            history_after_tax.push(at);
            history_match.push(m);
            (pre, roth, ne)
        } else {
            let room = non_negative(deferral_limit - ytd_def);
            let pre = paycheck::elected_with(d.pretax, slot, &mut spread_pretax, &mut pct_pretax)
                .min(room)
                .min(slot.pay);
            spread_pretax.paid(pre);
            let roth = paycheck::elected_with(d.roth, slot, &mut spread_roth, &mut pct_roth)
                .min(room - pre)
                .min(slot.pay - pre);
            spread_roth.paid(roth);
            let ne = match plan.nonelective {
                Amount::Percent(p) => pct_ne.of(p, slot.counted),
                _ => spread_ne.next(!slot.bonus),
            };
            spread_ne.paid(ne);
            (pre, roth, ne)
        };
        // Catch-up is whatever crosses 402(g): pre-tax is taken first, then Roth.
        let before = ytd_def;
        let after_pre = before + pre;
        let after_roth = after_pre + roth;
        let over_pre = non_negative(after_pre - before.max(elective_limit)).min(pre);
        let over_roth = non_negative(after_roth - after_pre.max(elective_limit)).min(roth);
        ytd_def = after_roth;
        let (cu_pre, cu_roth) = if roth_catch_up {
            (Decimal::ZERO, over_pre + over_roth)
        } else {
            (over_pre, over_roth)
        };
        base.push(Base {
            pretax: pre - over_pre,
            roth: roth - over_roth,
            catch_up_pretax: cu_pre,
            catch_up_roth: cu_roth,
            nonelective: ne,
        });
    }

    let m = plan.employer_match.as_ref();
    Year {
        slots,
        elective_limit,
        deferral_limit,
        additions_limit: limits
            .annual_additions
            .amount
            .min(plan.participant.compensation),
        counted_compensation: plan
            .participant
            .compensation
            .min(limits.compensation.amount),
        tiers: m.map(|m| m.tiers.clone()).unwrap_or_default(),
        match_cap: m.and_then(|m| m.cap),
        match_after_tax: m.is_some_and(|m| m.matches == MatchBase::DeferralsAndAfterTax),
        match_trued_up: m.is_some_and(|m| m.true_up == Feature::Yes),
        base,
        history_match,
        history_after_tax,
        memo: paycheck::Memo::default(),
    }
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
        let deferrals = b.deferrals();
        let bounds: Vec<(Decimal, Decimal)> = matching::bounds(&year.tiers, s.counted).collect();
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
            matching::kinks(&year.tiers, s.counted)
                .map(move |k| (k - b.deferrals()) * n)
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
