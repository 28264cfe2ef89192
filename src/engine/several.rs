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
use crate::plan::{OtherPlan, Plan};
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
    let mut reports: Vec<Report> = Vec::with_capacity(plans.len());
    for (i, plan) in plans.iter().enumerate() {
        let mut plan = plan.clone();
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
            se.other_social_security_wages =
                Some(wages.min(limits.social_security_wage_base.amount));
        }
        for (before, report) in plans.iter().zip(&reports) {
            let shared = same_group(before, &plan);
            plan.other_plans.push(OtherPlan {
                name: None,
                deferrals: report.elective_deferrals.this_plan,
                same_employer: shared,
                annual_additions: if shared {
                    non_negative(report.annual_additions.used - report.annual_additions.other_plans)
                } else {
                    Decimal::ZERO
                },
            });
            // The plans the earlier file names count here too, once: list each in one file.
            plan.other_plans
                .extend(before.other_plans.iter().map(|o| OtherPlan {
                    same_employer: shared && o.same_employer,
                    annual_additions: if shared && o.same_employer {
                        o.annual_additions
                    } else {
                        Decimal::ZERO
                    },
                    ..o.clone()
                }));
        }
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
        + plans
            .iter()
            .flat_map(|p| &p.other_plans)
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

/// Whether two plans' employers are one controlled group, sharing one 415(c) limit (IRC
/// 414(b), 415(h)): both files name the same `employer.controlled_group`.
fn same_group(a: &Plan, b: &Plan) -> bool {
    matches!((&a.controlled_group, &b.controlled_group), (Some(x), Some(y)) if x == y)
}
