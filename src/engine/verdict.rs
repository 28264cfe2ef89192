//! Whether the strategy works in this plan, what to ask HR, and what to watch out for.
//!
//! The strategy needs after-tax contributions, a conversion route (in-plan Roth conversion
//! or in-service withdrawal, or for a participant who leaves this year a rollover after
//! separation, RULES.md §9) and room under 415(c) (RULES.md §6). For every feature the
//! participant has not found out, the question to ask names the plan-document words to look
//! for, since HR staff often do not know these features by name.

use rust_decimal::Decimal;

pub use super::outcome::Verdict;
use super::outcome::{
    DeferralRates, MatchShortfall, Question, Reason, Report, Status, Warning, Ways,
};
use super::paycheck::{PercentOf, Year};
use crate::limits::Limits;
use crate::plan::{
    Amount, Cap, CompensationLimit, ExtraPaycheck, Feature, PayFrequency, Plan, Route,
};
use crate::rules::{self, Figures};

/// Decides the verdict (contract §4) from the plan's features and the computed room: the
/// room is what is left to contribute (the year's room less the pay stub's after-tax
/// money), and none left to the cent is `no-room`, whatever fills it.
#[must_use]
pub fn verdict(plan: &Plan, report: &Report, year: &Year) -> Verdict {
    let after_tax = plan.after_tax.allowed;
    let (in_plan, in_service) = (
        plan.conversion.in_plan_roth_conversion,
        plan.conversion.in_service_withdrawal,
    );
    let route_known = in_plan == Feature::Yes || in_service == Feature::Yes;
    let no_route = in_plan == Feature::No && in_service == Feature::No;
    // A participant who leaves this year can roll the after-tax money out after separation
    // (RULES.md §9): a route whatever the conversion features turn out to be.
    let leaves = plan.rollout_at_separation();
    let room = report.after_tax_room;
    let left = room - report.paid(|l| l.after_tax);

    let mut questions = Vec::new();
    if after_tax != Feature::No {
        if after_tax == Feature::Unknown {
            questions.push(Question::AfterTax);
        }
        if in_plan == Feature::Unknown {
            questions.push(Question::InPlan);
        }
        if in_service == Feature::Unknown {
            questions.push(Question::InService);
        }
        if plan.conversion.automatic == Feature::Unknown && in_plan != Feature::No {
            questions.push(Question::Automatic);
        }
        if let Some(until) = leaves {
            questions.push(Question::PayoutAfterSeparation { until });
        }
    }
    if plan
        .employer_match
        .as_ref()
        .is_some_and(|m| m.true_up == Feature::Unknown)
    {
        questions.push(Question::TrueUp);
    }
    questions.extend(payroll_questions(plan, report, year));
    // Pay less FICA binds only where the plan file leaves out the plan's own cap, which is
    // usually lower (RULES.md §7): ask for it.
    if plan.payroll.max_election.is_none() && !report.paycheck_capacity.did_not_fit.is_zero() {
        questions.push(Question::MaxElection);
    }

    questions.extend(advice_questions(plan, report));

    let mut reasons = Vec::new();
    let status = if after_tax == Feature::No {
        reasons.push(Reason::NoAfterTax);
        questions.clear();
        Status::NotAvailable
    } else if no_route && leaves.is_none() {
        reasons.push(Reason::NoRoute);
        Status::NotConvertible
    } else if left <= Decimal::ZERO {
        reasons.push(no_room(plan, report, year));
        Status::NoRoom
    } else if after_tax == Feature::Unknown || (!route_known && leaves.is_none()) {
        if after_tax == Feature::Unknown {
            reasons.push(Reason::AfterTaxUnknown);
        }
        if !route_known && leaves.is_none() {
            reasons.push(Reason::RouteUnknown);
        }
        reasons.push(Reason::RoomIfItDoes { room });
        Status::Unknown
    } else {
        reasons.push(match (leaves, in_plan, in_service) {
            (Some(until), ..) => Reason::AvailableAfterLeaving {
                until,
                room,
                route_unknown: !no_route,
            },
            (None, Feature::Yes, Feature::Yes) => Reason::Available {
                ways: Ways::Both,
                room,
            },
            (None, Feature::Yes, _) => Reason::Available {
                ways: Ways::InPlan,
                room,
            },
            (None, ..) => Reason::Available {
                ways: Ways::InService,
                room,
            },
        });
        // The room is the limits' figure; where the paychecks to come hold less of it, say so
        // beside it, so the room is not read as what the elections put in.
        let holds = report.paycheck_capacity.after_tax;
        if holds + Decimal::ONE < left {
            reasons.push(Reason::PaychecksHoldLess { holds });
        }
        Status::Available
    };
    questions.extend(roth_employer_questions(plan, report));
    Verdict {
        status,
        reasons,
        questions,
    }
}

/// Whether the match and the nonelective money are Roth, asked where the plan file leaves
/// it `"unknown"` and there is such money: it is figured as not Roth, and Roth employer
/// money would be income this year (SECURE 2.0 §604).
fn roth_employer_questions(plan: &Plan, report: &Report) -> Vec<Question> {
    let c = &report.contributions;
    let mut out = Vec::new();
    if plan
        .employer_match
        .as_ref()
        .is_some_and(|m| m.roth == Feature::Unknown)
        && !c.employer_match.is_zero()
    {
        out.push(Question::RothMatch);
    }
    if plan.nonelective_roth == Feature::Unknown && !c.employer_nonelective.is_zero() {
        out.push(Question::RothNonelective);
    }
    out
}

/// What mbr assumed in its advice that changes it, where the plan file does not say
/// (RULES.md §7): the election step, whether after-tax money is matched, whether payroll
/// stops after-tax money at 415(c) (asked where the elections leave room unused for it
/// and no one-time change puts it in), and whether the Roth catch-up is made for the participant (asked where the advice has
/// them switch to Roth).
fn advice_questions(plan: &Plan, report: &Report) -> Vec<Question> {
    let mut out = Vec::new();
    let e = &report.elections;
    // A participant who leaves this year rolls the money out after separation.
    let no_route = plan.conversion.in_plan_roth_conversion == Feature::No
        && plan.conversion.in_service_withdrawal == Feature::No
        && plan.rollout_at_separation().is_none();
    if plan.after_tax.allowed == Feature::No || no_route {
        return out;
    }
    let left = &e.left_on_table;
    let rounding_leaves = left.deferrals >= Decimal::ONE || left.after_tax >= Decimal::ONE;
    if let (false, crate::plan::Step::Percent(step)) =
        (plan.payroll.election_step_given, plan.payroll.election_step)
        && rounding_leaves
    {
        out.push(Question::ElectionStep { step });
    }
    if plan
        .employer_match
        .as_ref()
        .is_some_and(|m| !m.matches_given && !m.tiers.is_empty())
    {
        out.push(Question::MatchOnAfterTax);
    }
    if left.after_tax >= Decimal::ONE && e.last_paycheck.is_none() && !e.after_tax.is_zero() {
        out.push(Question::AfterTaxStopsAt415c);
    }
    if e.roth_from.is_some() || e.front_load.as_ref().is_some_and(|f| f.roth_from.is_some()) {
        out.push(Question::RothCatchUpDeemed);
    }
    out
}

/// What payroll does that the plan file leaves unknown and this year's figures turn on
/// (RULES.md §3, §7): how it applies 401(a)(17) when pay passes it, and what it pays in a
/// year with an extra payday.
fn payroll_questions(plan: &Plan, report: &Report, year: &Year) -> Vec<Question> {
    let mut out = Vec::new();
    // Under "unknown" the match counts pay as "continue" does: less than the pay exactly
    // when the year's pay passes the limit.
    if plan.payroll.compensation_limit == CompensationLimit::Unknown
        && year.slots.iter().any(|s| s.match_pay < s.pay)
    {
        out.push(Question::CompensationLimit {
            limit: report.limits.compensation,
        });
    }
    let frequency = plan.participant.pay_frequency;
    let (paychecks, usual) = (report.participant.paychecks, frequency.usual_paydays());
    if plan.payroll.extra_paycheck == ExtraPaycheck::Unknown && paychecks > usual {
        out.push(Question::ExtraPaycheck {
            year: plan.year,
            frequency,
            paychecks,
            usual,
        });
    }
    out
}

/// What leaves no after-tax room (RULES.md §1): 415(c) filled by deferrals, employer money
/// and after-tax money already in; else the plan's own cap (`after_tax.limit`); else no
/// paycheck left to contribute from, or none with pay left after deferrals.
fn no_room(plan: &Plan, report: &Report, year: &Year) -> Reason {
    let c = &report.contributions;
    let limit = report.annual_additions.limit;
    let deferrals = c.pretax + c.roth;
    let employer = c.employer_match + c.employer_nonelective;
    let after_tax_paid = report.paid(|l| l.after_tax);
    let other_plans = report.annual_additions.other_plans;
    let used = deferrals + employer + after_tax_paid + other_plans;
    let remaining_415c = limit - used;
    if remaining_415c <= Decimal::ZERO {
        return Reason::NoRoom {
            limit,
            used,
            deferrals,
            employer,
            after_tax_paid,
            other_plans,
        };
    }
    if let Some(cap) = super::room::plan_cap(plan, year).filter(|cap| *cap <= after_tax_paid) {
        return Reason::PlanCapReached {
            cap,
            after_tax_paid,
            remaining_415c,
        };
    }
    let planned = year.slots.iter().filter(|s| !s.history && !s.bonus).count();
    if planned > 0 && super::paycheck::planned_electable(&year.slots) == 0 {
        // Paychecks are left, but payroll takes no elections from them.
        Reason::ElectionsStopped { remaining_415c }
    } else if planned == 0 {
        Reason::NoPaychecksLeft { remaining_415c }
    } else {
        Reason::PaychecksFull { remaining_415c }
    }
}

/// How much less match the pay stub shows for the paychecks already paid than the
/// per-paycheck formula gives on their deferrals (and after-tax money, where matched): the
/// formula on each paid paycheck's exact counted pay, summed and rounded once, as the match
/// is rounded (`paycheck` module doc).
fn paid_match_gap(report: &Report, year: &Year) -> Decimal {
    let paid = report.schedule.iter().filter(|l| l.history);
    let slots = year.slots.iter().filter(|s| s.history);
    let formula: Decimal = paid
        .clone()
        .zip(slots)
        .map(|(l, s)| super::matching::formula(&year.tiers, year.matched(l), s.match_pay_exact))
        .sum();
    let formula = super::paycheck::exact_cents(formula);
    let formula = year.match_cap.map_or(formula, |cap| formula.min(cap));
    let got: Decimal = paid.map(|l| l.employer_match).sum();
    (formula - got).max(Decimal::ZERO)
}

/// What the warnings are read from: the plan, the year's limits, the report so far and
/// the simulated year.
struct Facts<'a> {
    plan: &'a Plan,
    limits: &'a Limits,
    figures: &'a Figures,
    report: &'a Report,
    year: &'a Year,
}

/// Every warning that applies (RULES.md §2, §4–§7), in the order the report gives them.
#[must_use]
pub fn warnings(
    plan: &Plan,
    limits: &Limits,
    figures: &Figures,
    report: &Report,
    year: &Year,
) -> Vec<Warning> {
    let f = Facts {
        plan,
        limits,
        figures,
        report,
        year,
    };
    let mut out = excess(&f);
    out.extend(participant(&f));
    out.extend(catch_up(&f));
    if plan.after_tax.allowed != Feature::No {
        out.extend(after_tax(&f));
    }
    out.extend(paycheck_too_small(&f));
    out.extend(conversion(&f));
    out.extend(match_lost(&f));
    out.extend(compensation_limits_415c(&f));
    out.extend(small_money(plan));
    out
}

/// Money amounts under $100 a year where the plan file's key also takes a percent of pay:
/// `after_tax.limit = 15` is $15.00, almost surely meant as "15%" (a bare number under $1 is
/// refused when the file is read). Not for a self-employed plan, whose amounts the engine
/// writes itself.
fn small_money(plan: &Plan) -> Vec<Warning> {
    if plan.payroll.deposits {
        return Vec::new();
    }
    let hundred = Decimal::ONE_HUNDRED;
    let small = |m: Decimal| !m.is_zero() && m < hundred;
    let mut out = Vec::new();
    let amounts = [
        ("deferrals.pretax", plan.deferrals.pretax),
        ("deferrals.roth", plan.deferrals.roth),
        ("employer.nonelective", plan.nonelective),
        ("after_tax.amount", plan.after_tax.amount),
    ];
    for (key, a) in amounts {
        if let Amount::Money(m) = a
            && small(m)
        {
            out.push(Warning::SmallMoney { key, amount: m });
        }
    }
    if let Some(Cap::Money(m)) = plan.after_tax.limit
        && small(m)
    {
        out.push(Warning::SmallMoney {
            key: "after_tax.limit",
            amount: m,
        });
    }
    out
}

/// Pay-stub figures past a limit (contract "Payroll limits"): deferrals past 402(g) plus
/// the catch-up (IRC 402(g)(2)), annual additions past 415(c) (EPCRS, Rev. Proc. 2021-30).
fn excess(f: &Facts) -> Vec<Warning> {
    let report = f.report;
    let mut out = Vec::new();
    let d = &report.elective_deferrals;
    if !d.excess.is_zero() {
        out.push(Warning::ExcessDeferral {
            year: f.plan.year,
            deferred: d.other_plans + d.this_plan,
            other_plans: d.other_plans,
            limit: d.limit,
            excess: d.excess,
        });
    }
    // Excess deferrals paid back by April 15 are not annual additions (26 CFR
    // 1.415(c)-1(b)(2)(ii)(D)): the other warning deals with them.
    let a = &report.annual_additions;
    let additions = a.used - d.excess;
    let excess = rules::excess_annual_additions(additions, a.limit);
    if !excess.is_zero() {
        out.push(Warning::ExcessAnnualAdditions {
            year: f.plan.year,
            additions,
            limit: a.limit,
            excess,
            after_tax_returned: excess.min(report.contributions.after_tax),
        });
    }
    out
}

/// Pay frequency and HCE status (RULES.md §2).
fn participant(f: &Facts) -> Vec<Warning> {
    let (plan, report) = (f.plan, f.report);
    let p = &plan.participant;
    let mut out = Vec::new();
    if p.pay_frequency_assumed {
        out.push(Warning::PayFrequencyAssumed);
    }
    let paychecks = report.participant.paychecks;
    // A self-employed participant's deposits spread the year's compensation: no payroll
    // pays an extra paycheck (RULES.md §8).
    if !plan.payroll.deposits
        && ((p.pay_frequency == PayFrequency::Biweekly && paychecks >= 27)
            || (p.pay_frequency == PayFrequency::Weekly && paychecks >= 53))
    {
        out.push(Warning::ExtraPayday {
            year: plan.year,
            frequency: p.pay_frequency,
            paychecks,
            extra_paycheck: plan.payroll.extra_paycheck,
        });
    }
    // Contributions count in the year a paycheck is paid (RULES.md section 7).
    out.extend(
        plan.paydays_crossing_year()
            .into_iter()
            .map(|d| Warning::PaydayMoved {
                scheduled: d.scheduled,
                paid: d.paid,
            }),
    );
    if report.participant.hce {
        out.push(Warning::HceAcpTest {
            prior_pay: p.prior_year_pay(),
            prior_pay_assumed: p.prior_year_compensation.is_none(),
            threshold: f.limits.hce_prior_year_threshold.amount,
            prior_year: plan.year - 1,
        });
    }
    out
}

/// Catch-up: Roth under 414(v)(7), available, not eligible, not used (IRC 414(v)).
fn catch_up(f: &Facts) -> Vec<Warning> {
    let (plan, limits, figures, report) = (f.plan, f.limits, f.figures, f.report);
    let p = &plan.participant;
    let c = &report.contributions;
    let mut out = Vec::new();
    if report.participant.roth_catch_up_required {
        out.push(Warning::RothCatchUp {
            wage_threshold: limits
                .roth_catch_up
                .as_ref()
                .map_or(Decimal::ZERO, |r| r.threshold.amount),
            prior_fica_wages: p.prior_year_fica_wages,
            catch_up: c.catch_up,
        });
    }
    let eligible = figures.catch_up;
    if figures.catch_up_eligible && !plan.deferrals.catch_up {
        out.push(Warning::CatchUpAvailable {
            age: p.age,
            catch_up: figures.catch_up_available,
        });
    }
    if plan.deferrals.catch_up && !figures.catch_up_eligible {
        out.push(Warning::CatchUpNotEligible { age: p.age });
    }
    // A self-employed participant's catch-up stops where compensation does (RULES.md §8):
    // deferrals that fill it leave none unused.
    let compensation_full =
        plan.payroll.deposits && c.pretax + c.roth + c.catch_up >= report.participant.compensation;
    // Deferrals across plans that reach the person's limit leave no catch-up unused, even
    // where other plans made it (RULES.md section 9).
    let d = &report.elective_deferrals;
    let limit_reached = d.other_plans + d.this_plan >= d.limit;
    if !eligible.is_zero()
        && c.catch_up < eligible
        && plan.deferrals.catch_up
        && !compensation_full
        && !limit_reached
    {
        out.push(Warning::CatchUpNotUsed {
            elective_deferral: figures.elective_deferral,
            catch_up: c.catch_up,
            allowed: eligible,
        });
    }
    out
}

/// An after-tax election past the room (415(c)).
fn after_tax(f: &Facts) -> Vec<Warning> {
    let (plan, report, year) = (f.plan, f.report, f.year);
    let room = report.after_tax_room;
    let mut out = Vec::new();
    let requested = match plan.after_tax.amount {
        Amount::Max => None,
        Amount::Money(m) => Some(m),
        Amount::Percent(pct) => Some(
            year.slots
                .iter()
                .filter(|s| s.elections_apply)
                .scan(PercentOf::default(), |running, s| {
                    Some(running.of(pct, s.counted_exact))
                })
                .sum(),
        ),
    };
    if let Some(requested) = requested.filter(|r| *r > room) {
        out.push(Warning::AfterTaxOvershoot { requested, room });
    }
    out
}

/// Contributions the plan file asks for that the paychecks cannot hold (RULES.md §7): cut
/// to what fits, after-tax money first.
fn paycheck_too_small(f: &Facts) -> Option<Warning> {
    let c = &f.report.paycheck_capacity;
    (!c.did_not_fit.is_zero()).then_some(Warning::PaycheckTooSmall {
        did_not_fit: c.did_not_fit,
        max_election: c.max_election,
    })
}

/// The conversion: the split's IRA, assumed return and tax, next year's, five years.
fn conversion(f: &Facts) -> Vec<Warning> {
    let (plan, report) = (f.plan, f.report);
    let c = &report.contributions;
    let cv = &report.conversion;
    let mut out = Vec::new();
    if cv.to_traditional_ira > Decimal::ZERO && cv.route == Route::Split {
        out.push(Warning::SplitIraProRata {
            to_traditional_ira: cv.to_traditional_ira,
        });
    }
    if plan.annual_return.is_none() && c.after_tax > Decimal::ZERO {
        out.push(Warning::ReturnAssumed);
    }
    let converts = c.after_tax > Decimal::ZERO || cv.existing_converted > Decimal::ZERO;
    if plan.tax.is_none() && converts {
        out.push(Warning::NoTaxTable);
    }
    if cv.next_year_earnings > Decimal::ZERO {
        out.push(Warning::ConversionNextYear {
            year: plan.year,
            contributions: cv.next_year_contributions,
            earnings: cv.next_year_earnings,
        });
    }
    if cv.route == Route::InPlan && cv.taxable_earnings > Decimal::ZERO && plan.participant.age < 60
    {
        out.push(Warning::FiveYearRule);
    }
    out
}

/// Match paid per paycheck without a true-up that falls a dollar or more short of the
/// annual formula (RULES.md §4).
fn match_lost(f: &Facts) -> Option<Warning> {
    let (plan, report) = (f.plan, f.report);
    let m = plan.employer_match.as_ref()?;
    if m.true_up == Feature::Yes || m.tiers.is_empty() {
        return None;
    }
    let lost = report.match_lost;
    if lost < Decimal::ONE {
        return None;
    }
    let matched = report.contributions.employer_match;
    let formula = matched + lost;
    let stub_gap = paid_match_gap(report, f.year);
    let paid_gap = stub_gap.min(lost);
    let shortfall = MatchShortfall {
        true_up_unknown: m.true_up == Feature::Unknown,
        matched,
        formula,
        lost,
    };
    if lost - paid_gap < Decimal::ONE {
        // All of it is in the pay stub's figure: no election can bring it back.
        return Some(Warning::MatchLostInPayStub {
            shortfall,
            paid: report.paid(|l| l.employer_match),
            stub_gap,
        });
    }
    let e = &report.elections;
    Some(Warning::MatchLost {
        shortfall,
        lost_in_paid: Some(paid_gap).filter(|g| *g >= Decimal::ONE),
        mid_year: plan.year_to_date.is_some(),
        // Nothing is left to elect when 402(g) is reached or the year is over.
        keep_with: Some(DeferralRates {
            pretax: e.pretax,
            roth: e.roth,
        })
        .filter(|r| !(r.pretax + r.roth).is_zero()),
    })
}

/// 415(c) set by compensation rather than the dollar limit, and full (IRC 415(c)(1)(B)).
fn compensation_limits_415c(f: &Facts) -> Option<Warning> {
    let (limits, report) = (f.limits, f.report);
    let c = &report.contributions;
    let employer_and_deferrals = c.pretax
        + c.roth
        + c.employer_match
        + c.employer_nonelective
        + report.annual_additions.other_plans;
    let limit = report.annual_additions.limit;
    (employer_and_deferrals >= limit && limit < limits.annual_additions.amount).then_some(
        Warning::CompensationLimits415c {
            dollar_limit: limits.annual_additions.amount,
            limit,
        },
    )
}
