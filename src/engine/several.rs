//! One person's plans at several employers in one year, computed together (contract 2b,
//! "Several plans"; RULES.md section 9): a job left, a second job, their own business.
//!
//! Each plan is computed by [`super::compute`] as it would be alone, with the plans before
//! it in the order given standing in its `[[other_plans]]`: 402(g) and the catch-up are one
//! limit per person, so each plan's deferrals come out of what the plans before it left,
//! and `"max"` takes what is left. 415(c) is one limit per employer, so two plans of one
//! controlled group (`employer.controlled_group`) share it the same way; unrelated
//! employers each have their own. A self-employed plan with no
//! `other_social_security_wages` takes the other plans' pay, which uses up the Social
//! Security wage base before the self-employment tax does (RULES.md section 8).

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::outcome::{Report, Warning};
use super::{EngineError, compute as compute_one, year};
use crate::limits::Limits;
use crate::money::non_negative;
use crate::plan::{Amount, OtherPlan, Plan};
use crate::rules;

/// Every plan's report, in the order given, and what they come to together.
#[derive(Debug, Clone)]
pub struct Several {
    /// Each plan's report, as a single plan's, with the plans before it counted.
    pub reports: Vec<Report>,
    /// The plans together.
    pub combined: Combined,
    /// What only the plans together show: deferrals past this person's 402(g) limit.
    pub warnings: Vec<Warning>,
}

/// The plans together (contract §4, `combined`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Combined {
    /// This person's elective deferrals across every plan against their 402(g) limit.
    pub elective_deferrals: CombinedDeferrals,
    /// The after-tax room of every plan, added up: each employer's 415(c) is its own.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax_room: Decimal,
    /// The after-tax money every plan asks for, each cut to its room, added up.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax: Decimal,
    /// The Roth dollars of the year: Roth deferrals and Roth catch-up of every plan, and
    /// the after-tax money that is converted to Roth.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub roth_per_year: Decimal,
    /// The tax now on `roth_per_year`, each file's taxed above the files before it; null
    /// where a file has no `[tax]` table.
    #[serde(serialize_with = "crate::money::json::cents_option")]
    #[schemars(with = "Option<crate::money::json::Cents>")]
    pub roth_tax_now: Option<Decimal>,
}

/// Deferrals across every plan (contract §4, `combined.elective_deferrals`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CombinedDeferrals {
    /// 402(g) plus the largest catch-up any of the plans lets this person make.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub limit: Decimal,
    /// Deferred in every plan, each file's `[[other_plans]]` included.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub used: Decimal,
    /// `used − limit`, never negative.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub excess: Decimal,
}

/// Computes `plans`, one person's in one year, in the order given. The caller checks that
/// they agree on the year and the participant's age.
///
/// # Errors
/// As [`super::compute`].
pub fn compute(plans: &[Plan], limits: &Limits) -> Result<Several, EngineError> {
    let outside = outside_plans(plans);
    // Where two files share one 415(c), each file's deferrals and employer money come
    // before any file's after-tax money: a first pass with no after-tax money finds them.
    let grouped = plans
        .iter()
        .enumerate()
        .any(|(i, a)| plans.iter().skip(i + 1).any(|b| same_group(a, b)));
    let before_after_tax = if grouped {
        let mut first = Vec::with_capacity(plans.len());
        for (i, this) in plans.iter().enumerate() {
            let mut plan = sharing(plans, (i, this), &outside, &first, &[], limits);
            plan.after_tax.amount = Amount::Money(Decimal::ZERO);
            first.push(compute_one(&plan, limits)?);
        }
        first
    } else {
        Vec::new()
    };
    let mut reports: Vec<Report> = Vec::with_capacity(plans.len());
    for (i, this) in plans.iter().enumerate() {
        let plan = sharing(
            plans,
            (i, this),
            &outside,
            &reports,
            &before_after_tax,
            limits,
        );
        reports.push(compute_one(&plan, limits)?);
    }
    let limit = reports
        .iter()
        .map(|r| r.elective_deferrals.limit)
        .max()
        .unwrap_or(limits.elective_deferral.amount);
    let used: Decimal = reports
        .iter()
        .map(|r| r.elective_deferrals.this_plan)
        .sum::<Decimal>()
        + outside.iter().map(|o| o.deferrals).sum::<Decimal>()
        + plans
            .iter()
            .flat_map(|p| &p.other_plans)
            .filter(|o| o.same_employer)
            .map(|o| o.deferrals)
            .sum::<Decimal>();
    let excess = rules::excess_deferrals(used, limit);
    let sum = |f: fn(&Report) -> Decimal| reports.iter().map(f).sum::<Decimal>();
    let combined = Combined {
        elective_deferrals: CombinedDeferrals {
            limit,
            used,
            excess,
        },
        after_tax_room: sum(|r| r.after_tax_room),
        after_tax: sum(|r| r.contributions.after_tax),
        roth_per_year: sum(super::compare::roth_per_year),
        roth_tax_now: reports
            .iter()
            .map(super::compare::roth_tax_now)
            .sum::<Option<Decimal>>(),
    };
    let mut warnings = Vec::new();
    if !excess.is_zero() {
        warnings.push(Warning::ExcessDeferralAcrossPlans {
            year: plans.first().map_or(limits.year, |p| p.year),
            deferred: used,
            limit,
            excess,
        });
    }
    Ok(Several {
        reports,
        combined,
        warnings,
    })
}

/// The plans the files list under `[[other_plans]]` of other employers, each once: they
/// come before every file, whichever file lists them (the same name and deferrals in two
/// files are one plan).
fn outside_plans(plans: &[Plan]) -> Vec<OtherPlan> {
    let mut outside: Vec<OtherPlan> = Vec::new();
    for o in plans.iter().flat_map(|p| &p.other_plans) {
        if o.same_employer {
            continue;
        }
        let twice = outside
            .iter()
            .any(|x| x.name.is_some() && x.name == o.name && x.deferrals == o.deferrals);
        if !twice {
            outside.push(o.clone());
        }
    }
    outside
}

/// File `i`'s plan with what the other files share with it: the other employers' plans
/// the files list (`outside`), the deferrals of the files before it (402(g), in file
/// order), and, in one controlled group, the other files' annual additions: their
/// deferrals and employer money (`first`, the pass with no after-tax money, where there is
/// one) and the after-tax money of the files before it (`done`). A self-employed file with
/// no Social Security wages takes the other files' pay.
fn sharing(
    plans: &[Plan],
    (i, this): (usize, &Plan),
    outside: &[OtherPlan],
    done: &[Report],
    first: &[Report],
    limits: &Limits,
) -> Plan {
    let mut plan = this.clone();
    if let Some(se) = plan.participant.self_employment.as_mut()
        && se.other_social_security_wages.is_none()
    {
        // W-2 box 3 wages are the year's pay, deferrals included (IRC 3121(v)(1)(A)).
        let wages: Decimal = plans
            .iter()
            .enumerate()
            .filter(|(j, p)| *j != i && p.participant.self_employment.is_none())
            .map(|(_, p)| year::year_pay(p))
            .sum();
        se.other_social_security_wages = Some(wages.min(limits.social_security_wage_base.amount));
    }
    // What the files before it make taxable this year (Roth employer money, conversion
    // earnings) comes first in the brackets: this file's is taxed above it.
    let taxed_before: Decimal = done
        .iter()
        .take(i)
        .flat_map(|r| &r.roth.routes)
        .map(|r| r.taxable_now)
        .sum();
    plan.tax = plan.tax.map(|t| t.above(taxed_before));
    // This file's own same-employer plans stay; the outside plans come once, from any file.
    plan.other_plans.retain(|o| o.same_employer);
    plan.other_plans.extend(outside.iter().cloned());
    for (j, other) in plans.iter().enumerate() {
        if j == i {
            continue;
        }
        let shared = same_group(other, this);
        let earlier = done.get(j).filter(|_| j < i);
        let additions =
            |r: &Report| non_negative(r.annual_additions.used - r.annual_additions.other_plans);
        let in_415c = if shared {
            match (first.get(j), earlier) {
                (Some(f), Some(r)) => additions(f) + r.contributions.after_tax,
                (Some(f), None) => additions(f),
                (None, Some(r)) => additions(r),
                (None, None) => Decimal::ZERO,
            }
        } else {
            Decimal::ZERO
        };
        let deferrals = earlier.map_or(Decimal::ZERO, |r| r.elective_deferrals.this_plan);
        if deferrals.is_zero() && in_415c.is_zero() {
            continue;
        }
        plan.other_plans.push(OtherPlan {
            name: None,
            deferrals,
            same_employer: shared,
            annual_additions: in_415c,
        });
        if shared {
            // That file's own same-employer plans are this group's too.
            plan.other_plans.extend(
                other
                    .other_plans
                    .iter()
                    .filter(|o| o.same_employer)
                    .cloned(),
            );
        }
    }
    plan
}

/// Whether two plans' employers are one controlled group, sharing one 415(c) limit (IRC
/// 414(b), 415(h)): both files name the same `employer.controlled_group`.
fn same_group(a: &Plan, b: &Plan) -> bool {
    matches!((&a.controlled_group, &b.controlled_group), (Some(x), Some(y)) if x == y)
}
