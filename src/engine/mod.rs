//! The pure engine: a validated [`Plan`] and a year's [`Limits`] in, a [`Report`] out.
//!
//! No I/O, no printing, no clock. Everything is `Decimal`. This module holds the flow and
//! nothing else: the year is laid out (`year`) and simulated paycheck by paycheck
//! (`paycheck`), the after-tax room is solved exactly against 415(c) (`room`, with the
//! match formula in `matching`), and the elections (`elections`), conversion estimate
//! (`conversion`) and verdict (`verdict`) are read off the resulting schedule, so that no
//! two views of the year can disagree. The IRS rules themselves are [`crate::rules`].

pub mod advice;
pub mod compare;
pub mod conversion;
pub mod elections;
pub mod matching;
pub mod outcome;
pub mod paycheck;
pub mod room;
pub mod roth;
pub mod self_employed;
pub mod several;
pub mod verdict;
pub mod year;

use rust_decimal::Decimal;

use crate::limits::Limits;
use crate::money::non_negative;
use crate::plan::{CompensationLimit, ExtraPaycheck, Feature, Plan};
use crate::rules;
use outcome::{
    AnnualAdditions, Contributions, ElectiveDeferrals, LimitsUsed, Line, ParticipantFacts, Report,
    Source,
};
use paycheck::Year;

/// Errors the engine can meet on a valid plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A computation left the range exact decimals can hold.
    #[error("{0}")]
    Arithmetic(String),
}

/// Computes the year.
///
/// # Errors
/// Only when a figure leaves the range of exact decimal arithmetic, which the plan parser's
/// bounds on money and percents rule out in practice.
pub fn compute(plan: &Plan, limits: &Limits) -> Result<Report, EngineError> {
    // A self-employed participant's year is computed as the equivalent plan it comes to.
    let (equivalent, self_employed) = self_employed::prepare(plan, limits).unzip();
    let plan = equivalent.as_ref().unwrap_or(plan);
    let figures = figures(plan, limits);
    let Schedules {
        year,
        max_lines,
        mut lines,
    } = schedules(plan, &figures);
    let allowed = plan.after_tax.allowed != Feature::No;
    let limit = year.additions_limit;
    let elective_deferrals = elective_deferrals(&figures, &lines);
    // A pay stub already past 415(c) leaves no after-tax room: nothing more goes in, and the
    // correction returns after-tax money first (contract "Payroll limits"; RULES.md §9).
    // Excess deferrals are left out: paid back by April 15 they are not annual additions
    // (26 CFR 1.415(c)-1(b)(2)(ii)(D)).
    let past_415c = !rules::excess_annual_additions(
        paycheck::additions(&max_lines) - elective_deferrals.excess,
        limit,
    )
    .is_zero();
    let after_tax_room = if allowed && !past_415c {
        max_lines.iter().map(|l| l.after_tax).sum()
    } else {
        Decimal::ZERO
    };
    let worlds = worlds(plan, limits, &figures, &year);
    let mut elections = elections::recommend(plan, &figures, &year, &lines, &worlds);
    elections.notes.extend(first_paycheck(plan));
    let not_held = year.deferrals_not_held
        + room::after_tax_not_held(plan, &year, (&max_lines, &lines), year.deferrals_not_held);
    let paycheck_capacity = year::capacity(plan, &year, not_held);

    let sum = |f: fn(&Line) -> Decimal| lines.iter().map(f).sum::<Decimal>();
    let roth_employer = roth::employer(plan, sum(|l| l.employer_match), sum(|l| l.nonelective));
    let mut conversion = conversion::estimate(plan, limits, &mut lines, roth_employer.total())?;
    conversion
        .form_1099r
        .extend(roth::form_1099r(roth_employer));
    let match_lost = year.match_shortfall(&lines);
    let sum = |f: fn(&Line) -> Decimal| lines.iter().map(f).sum::<Decimal>();
    let contributions = Contributions {
        pretax: sum(|l| l.pretax),
        roth: sum(|l| l.roth),
        catch_up: sum(|l| l.catch_up),
        catch_up_roth: sum(|l| l.catch_up_roth),
        employer_match: sum(|l| l.employer_match),
        true_up_payment: lines
            .iter()
            .filter(|l| l.kind == outcome::LineKind::TrueUp)
            .map(|l| l.employer_match)
            .sum(),
        employer_nonelective: sum(|l| l.nonelective),
        after_tax: sum(|l| l.after_tax),
    };
    let used = paycheck::additions(&lines) + figures.other_additions;
    let annual_additions = AnnualAdditions {
        limit: figures.annual_additions,
        used,
        other_plans: figures.other_additions,
        remaining: non_negative(figures.annual_additions - used),
    };

    let facts = ParticipantFacts {
        age: plan.participant.age,
        compensation: plan.participant.compensation,
        employed_from: plan.participant.employed_from,
        employed_until: plan.participant.employed_until,
        year_pay: year::year_pay(plan),
        counted_compensation: year.counted_compensation,
        pay_frequency: plan.participant.pay_frequency,
        paychecks: year.slots.iter().filter(|s| !s.bonus).count(),
        hce: figures.hce,
        roth_catch_up_required: figures.roth_catch_up && !contributions.catch_up.is_zero(),
        self_employment: self_employed.as_ref().map(|y| y.facts),
    };
    let mut report = Report {
        schema_version: 1,
        year: plan.year,
        limits: limits_used(limits, &figures),
        participant: facts,
        contributions,
        annual_additions,
        elective_deferrals,
        after_tax_room,
        paycheck_capacity,
        match_lost,
        conversion,
        roth: outcome::RothTotal {
            total: Decimal::ZERO,
            tax_now: None,
            routes: Vec::new(),
            outside_roth: Vec::new(),
        },
        verdict: verdict::Verdict {
            status: outcome::Status::Unknown,
            reasons: Vec::new(),
            questions: Vec::new(),
        },
        warnings: Vec::new(),
        schedule: lines,
        elections,
    };
    if let Some(note) = self_employed.as_ref().and_then(|y| y.note) {
        report.elections.notes.push(note);
    }
    report.verdict = verdict::verdict(plan, &report, &year);
    report.roth = roth::total(
        plan,
        limits,
        &report.contributions,
        &report.conversion,
        report.verdict.status,
    );
    report.warnings = verdict::warnings(plan, limits, &figures, &report, &year);
    if let Some(warning) = self_employed.and_then(|y| y.warning) {
        report.warnings.insert(0, warning);
    }
    Ok(report)
}

/// What mbr assumed of a new hire's first paycheck (RULES.md §9): a full period's pay.
fn first_paycheck(plan: &Plan) -> Option<outcome::Note> {
    let employed_from = plan.participant.employed_from?;
    let (pay, usual) = year::paycheck_rate(plan);
    Some(outcome::Note::FirstPaycheckFull {
        employed_from,
        pay,
        usual,
        less_bonuses: !plan.payroll.bonuses.is_empty(),
    })
}

/// The participant's figures for the year under the rules, worked out once.
fn figures(plan: &Plan, limits: &Limits) -> rules::Figures {
    let p = &plan.participant;
    let others = &plan.other_plans;
    rules::Figures::for_participant(
        p.age,
        plan.deferrals.catch_up,
        plan.deferrals.catch_up_60_63,
        p.prior_year_pay(),
        p.prior_year_wages(),
        year::year_pay(plan),
        limits,
    )
    .with_other_plans(
        others.iter().map(|o| o.deferrals).sum(),
        others
            .iter()
            .filter(|o| o.same_employer)
            .map(|o| o.annual_additions)
            .sum(),
    )
}

/// The ways payroll may run the year that the advice must keep every limit under (see
/// `advice`): the plan's own first, then, where the plan file leaves a behaviour open and
/// it matters, the others it could be. An extra paycheck left "unknown" is figured as
/// spreading the year's pay, but payroll may pay each at the usual rate, so the year pays
/// more (contract 2b; RULES.md §7). A 401(a)(17) rule left "unknown" is figured as
/// "continue", but payroll may stop elections at the limit or pro-rate the match
/// (RULES.md §3); that matters only when the year's pay passes the limit. Both open, every
/// pairing of the answers is a way of its own.
fn worlds(
    plan: &Plan,
    limits: &Limits,
    figures: &rules::Figures,
    year: &Year,
) -> Vec<advice::World> {
    let stub = &plan.year_to_date;
    let mut worlds = vec![advice::World {
        way: outcome::Way::AsFigured,
        figures: *figures,
        year: year.clone(),
        stub: stub.clone(),
        baseline: std::cell::OnceCell::new(),
        failures: std::cell::Cell::new(0),
    }];
    let mut add = |way, other: Plan| {
        let figures = self::figures(&other, limits);
        let year = year::build_year(&other, &figures);
        worlds.push(advice::World {
            way,
            figures,
            year,
            stub: stub.clone(),
            baseline: std::cell::OnceCell::new(),
            failures: std::cell::Cell::new(0),
        });
    };
    let usual = plan.participant.pay_frequency.usual_paydays();
    let extra =
        if plan.payroll.extra_paycheck == ExtraPaycheck::Unknown && plan.paydays().len() > usual {
            vec![None, Some(ExtraPaycheck::AddsPay)]
        } else {
            vec![None]
        };
    // The year's pay can pass 401(a)(17) only where an extra paycheck adds pay: the rule
    // matters then too.
    let most_pay = extra
        .iter()
        .flatten()
        .map(|e| {
            let mut other = plan.clone();
            other.payroll.extra_paycheck = *e;
            year::year_pay(&other)
        })
        .fold(year::year_pay(plan), Decimal::max);
    let rules = if plan.payroll.compensation_limit == CompensationLimit::Unknown
        && most_pay > figures.compensation_limit
    {
        vec![
            (outcome::Way::AsFigured, None),
            (
                outcome::Way::CompensationLimitStop,
                Some(CompensationLimit::Stop),
            ),
            (
                outcome::Way::CompensationLimitProRata,
                Some(CompensationLimit::ProRata),
            ),
        ]
    } else {
        vec![(outcome::Way::AsFigured, None)]
    };
    // Every way the two open questions could be answered together.
    for (way, rule) in &rules {
        for pays in &extra {
            if rule.is_none() && pays.is_none() {
                continue;
            }
            let mut other = plan.clone();
            if let Some(r) = rule {
                other.payroll.compensation_limit = *r;
            }
            if let Some(e) = pays {
                other.payroll.extra_paycheck = *e;
            }
            let way = match (way, pays) {
                (outcome::Way::AsFigured, Some(_)) => outcome::Way::ExtraPaycheckAddsPay,
                _ => *way,
            };
            add(way, other);
        }
    }
    worlds
}

/// The year, its schedule with after-tax money at the room (`max_lines`), and its schedule
/// with the after-tax money the plan asks for (`lines`).
pub(crate) struct Schedules {
    pub(crate) year: Year,
    pub(crate) max_lines: Vec<Line>,
    pub(crate) lines: Vec<Line>,
}

/// Builds the year and simulates it twice: at the after-tax room, and as the plan asks.
pub(crate) fn schedules(plan: &Plan, figures: &rules::Figures) -> Schedules {
    let year = year::build_year(plan, figures);
    let max_lines = room::max_schedule(plan, &year);
    let lines = room::asked_schedule(plan, &year, &max_lines, plan.after_tax.amount);
    Schedules {
        year,
        max_lines,
        lines,
    }
}

/// This person's deferrals against 402(g) plus the catch-up they may make (contract §4
/// `elective_deferrals`): every deferral of this plan's schedule `lines`, the pay stub's
/// included, and the other plans' (`[[other_plans]]`).
fn elective_deferrals(figures: &rules::Figures, lines: &[Line]) -> ElectiveDeferrals {
    let limit = figures.deferral_limit;
    let other_plans = figures.other_deferrals;
    let this_plan = lines.iter().map(|l| l.pretax + l.roth + l.catch_up).sum();
    ElectiveDeferrals {
        limit,
        other_plans,
        this_plan,
        excess: rules::excess_deferrals(other_plans + this_plan, limit),
    }
}

/// The year's limits the report shows, each with the document it comes from.
fn limits_used(limits: &Limits, figures: &rules::Figures) -> LimitsUsed {
    use outcome::LimitName as Name;
    let src = |limit: Name, f: &crate::limits::Figure| Source {
        limit,
        section: f.section.clone(),
        source: f.source.clone(),
    };
    let mut sources = vec![
        src(Name::ElectiveDeferral, &limits.elective_deferral),
        src(Name::CatchUp, &limits.catch_up),
        src(Name::AnnualAdditions, &limits.annual_additions),
        src(Name::Compensation, &limits.compensation),
        src(Name::HceThreshold, &limits.hce_prior_year_threshold),
    ];
    if let Some(f) = &limits.catch_up_60_63 {
        sources.insert(2, src(Name::CatchUp6063, f));
    }
    if let Some(r) = &limits.roth_catch_up {
        sources.push(src(Name::RothCatchUpWageThreshold, &r.threshold));
    }
    LimitsUsed {
        elective_deferral: limits.elective_deferral.amount,
        catch_up: limits.catch_up.amount,
        catch_up_60_63: limits.catch_up_60_63.as_ref().map(|f| f.amount),
        catch_up_eligible: figures.catch_up,
        annual_additions: limits.annual_additions.amount,
        compensation: limits.compensation.amount,
        hce_threshold: limits.hce_prior_year_threshold.amount,
        sources,
    }
}
