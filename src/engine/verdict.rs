//! Whether the strategy works in this plan, what to ask HR, and what to watch out for.
//!
//! The strategy needs after-tax contributions, a conversion route (in-plan Roth conversion
//! or in-service withdrawal) and room under 415(c) (RULES.md §6). For every feature the
//! participant has not found out, the question to ask names the plan-document words to look
//! for, since HR staff often do not know these features by name.

use rust_decimal::Decimal;

pub use super::outcome::Verdict;
use super::outcome::{Report, Status, Warning, WarningCode};
use super::paycheck::Year;
use crate::limits::Limits;
use crate::money::{cents, format_usd};
use crate::plan::{Amount, Feature, PayFrequency, Plan, Route};

const Q_AFTER_TAX: &str = "Does the plan accept after-tax (non-Roth) employee contributions beyond the pre-tax and Roth \
     deferral limit, and is there a plan cap on them? In the plan document or summary plan description, look for \
     \"after-tax contributions\", \"voluntary employee contributions\" or \"non-Roth after-tax\".";
const Q_IN_PLAN: &str = "Does the plan allow in-plan Roth conversions of after-tax money, and how often? Look for \
     \"in-plan Roth rollover\", \"in-plan Roth conversion\" or \"designated Roth rollover\" (IRC 402A(c)(4)).";
const Q_IN_SERVICE: &str = "Does the plan allow in-service withdrawals of after-tax contributions and their earnings \
     while you are still employed, and how often? Look for \"in-service withdrawal\", \"in-service distribution\" or \
     \"withdrawal of after-tax contributions\".";
const Q_AUTOMATIC: &str = "Does the plan convert after-tax contributions to Roth automatically as they are made? Look \
     for \"automatic in-plan Roth conversion\" or \"auto-convert\" in the plan's online settings or the summary plan \
     description.";
const Q_TRUE_UP: &str = "Does the employer true up the match at year end if you reach the deferral limit early? Look \
     for \"true-up\", \"annual match calculation\" or \"match computed on an annual basis\" (as opposed to \"per payroll \
     period\").";

/// Decides the verdict (contract §4) from the plan's features and the computed room.
#[must_use]
pub fn verdict(plan: &Plan, report: &Report) -> Verdict {
    let after_tax = plan.after_tax.allowed;
    let (in_plan, in_service) = (
        plan.conversion.in_plan_roth_conversion,
        plan.conversion.in_service_withdrawal,
    );
    let route_known = in_plan == Feature::Yes || in_service == Feature::Yes;
    let no_route = in_plan == Feature::No && in_service == Feature::No;
    let room = report.after_tax_room;

    let mut questions = Vec::new();
    if after_tax != Feature::No {
        if after_tax == Feature::Unknown {
            questions.push(Q_AFTER_TAX.to_string());
        }
        if in_plan == Feature::Unknown {
            questions.push(Q_IN_PLAN.to_string());
        }
        if in_service == Feature::Unknown {
            questions.push(Q_IN_SERVICE.to_string());
        }
        if plan.conversion.automatic == Feature::Unknown && in_plan != Feature::No {
            questions.push(Q_AUTOMATIC.to_string());
        }
    }
    if plan
        .employer_match
        .as_ref()
        .is_some_and(|m| m.true_up == Feature::Unknown)
    {
        questions.push(Q_TRUE_UP.to_string());
    }

    let mut reasons = Vec::new();
    let status = if after_tax == Feature::No {
        reasons.push(
            "The plan does not accept after-tax contributions, so there is nothing to convert."
                .to_string(),
        );
        questions.clear();
        Status::NotAvailable
    } else if no_route {
        reasons.push(
            "The plan has neither an in-plan Roth conversion nor an in-service withdrawal of after-tax money: \
             after-tax contributions would sit until you leave the employer, their earnings growing tax-deferred \
             and taxable when withdrawn."
                .to_string(),
        );
        Status::NotConvertible
    } else if room.is_zero() {
        reasons.push(format!(
            "Your deferrals and the employer's money already use the whole {} annual additions limit (IRC 415(c)), \
             so there is no room for after-tax contributions.",
            format_usd(report.annual_additions.limit)
        ));
        Status::NoRoom
    } else if after_tax == Feature::Unknown || !route_known {
        if after_tax == Feature::Unknown {
            reasons.push(
                "It is not known yet whether the plan accepts after-tax contributions.".to_string(),
            );
        }
        if !route_known {
            reasons.push("It is not known yet whether the plan has a way to convert after-tax money to Roth.".to_string());
        }
        reasons.push(format!(
            "If it does, you have {} of after-tax room this year.",
            format_usd(room)
        ));
        Status::Unknown
    } else {
        let route = match (in_plan, in_service) {
            (Feature::Yes, Feature::Yes) => {
                "an in-plan Roth conversion and an in-service withdrawal"
            }
            (Feature::Yes, _) => "an in-plan Roth conversion",
            _ => "an in-service withdrawal to a Roth IRA",
        };
        reasons.push(format!(
            "The plan accepts after-tax contributions and offers {route}, and you have {} of after-tax room this year.",
            format_usd(room)
        ));
        Status::Available
    };
    Verdict {
        status,
        reasons,
        questions,
    }
}

/// How much less match the pay stub shows for the paychecks already paid than the
/// per-paycheck formula gives on their deferrals (and after-tax money, where matched).
fn paid_match_gap(report: &Report, year: &Year) -> Decimal {
    let paid = report.schedule.iter().filter(|l| l.history);
    let slots = year.slots.iter().filter(|s| s.history);
    let formula: Decimal = paid
        .clone()
        .zip(slots)
        .map(|(l, s)| {
            cents(super::matching::formula(
                &year.tiers,
                year.matched(l),
                s.counted,
            ))
        })
        .sum();
    let formula = year.match_cap.map_or(formula, |cap| formula.min(cap));
    let got: Decimal = paid.map(|l| l.employer_match).sum();
    (formula - got).max(Decimal::ZERO)
}

fn warn(code: WarningCode, message: String) -> Warning {
    Warning { code, message }
}

/// Every warning that applies (RULES.md §2, §4–§7).
#[must_use]
pub fn warnings(
    plan: &Plan,
    limits: &Limits,
    report: &Report,
    year: &Year,
    room_415: Decimal,
) -> Vec<Warning> {
    let mut out = Vec::new();
    let p = &plan.participant;
    let c = &report.contributions;
    let allowed = plan.after_tax.allowed != Feature::No;

    if p.pay_frequency_assumed {
        out.push(warn(WarningCode::PayFrequencyAssumed, "`participant.pay_frequency` is not given, so biweekly pay is assumed; add it to the plan for exact paychecks.".into()));
    }
    let regular = report.participant.paychecks;
    if (p.pay_frequency == PayFrequency::Biweekly && regular >= 27)
        || (p.pay_frequency == PayFrequency::Weekly && regular >= 53)
    {
        out.push(warn(WarningCode::ExtraPayday, format!(
            "{} has {regular} {} paydays: each paycheck is compensation divided by {regular}, so a percent election contributes less per paycheck than in a usual year, and a payroll that assumes {} paychecks may stop or overshoot a limit.",
            plan.year, p.pay_frequency.word(), regular - 1
        )));
    }
    if report.participant.hce {
        let prior = p.prior_year_compensation.unwrap_or(p.compensation);
        let assumed = if p.prior_year_compensation.is_none() {
            " (taken to equal this year's; add `prior_year_compensation`)"
        } else {
            ""
        };
        out.push(warn(WarningCode::HceAcpTest, format!(
            "Last year's pay of {}{assumed} is above the {} HCE threshold for {} (IRC 414(q)), so you are likely a highly compensated employee: after-tax contributions and the match are tested under the 401(m) ACP test, and if the plan fails it your after-tax money can be refunded after year end. Ask whether the plan limits HCE after-tax contributions.",
            format_usd(prior), format_usd(limits.hce_prior_year_threshold.amount), plan.year - 1
        )));
    }
    if report.participant.roth_catch_up_required {
        let wages = p.prior_year_fica_wages.map_or_else(
            || {
                "last year's compensation (add `prior_year_fica_wages`, W-2 box 3, to check)"
                    .to_string()
            },
            |w| format!("last year's FICA wages of {}", format_usd(w)),
        );
        let threshold = limits
            .roth_catch_up
            .as_ref()
            .map_or(Decimal::ZERO, |r| r.threshold.amount);
        out.push(warn(WarningCode::RothCatchUp, format!(
            "From 2026 (SECURE 2.0 §603, IRC 414(v)(7)) catch-up contributions must be Roth when prior-year FICA wages exceed {}; going by {wages}, your {} of catch-up is shown as Roth. This moves money from pre-tax to Roth; it does not change your 415(c) room.",
            format_usd(threshold), format_usd(c.catch_up)
        )));
    }
    let eligible = super::catch_up_limit(plan, limits);
    if p.age >= 50 && !plan.deferrals.catch_up {
        let would = match &limits.catch_up_60_63 {
            Some(f) if (60..=63).contains(&p.age) && plan.deferrals.catch_up_60_63 => f.amount,
            _ => limits.catch_up.amount,
        };
        out.push(warn(WarningCode::CatchUpAvailable, format!(
            "At {} you may defer {} more as catch-up (IRC 414(v)); set `deferrals.catch_up = true` to include it. Catch-up does not count toward 415(c), so it never reduces after-tax room.",
            p.age, format_usd(would)
        )));
    }
    if plan.deferrals.catch_up && p.age < 50 {
        out.push(warn(WarningCode::CatchUpNotEligible, format!(
            "`deferrals.catch_up` is true but catch-up starts in the year you turn 50; at {} it is ignored.", p.age
        )));
    }
    if !eligible.is_zero() && c.catch_up < eligible && plan.deferrals.catch_up {
        out.push(warn(WarningCode::CatchUpNotUsed, format!(
            "Catch-up is only what you defer above the {} limit: you defer {} above it of the {} allowed. It never adds to after-tax room.",
            format_usd(limits.elective_deferral.amount), format_usd(c.catch_up), format_usd(eligible)
        )));
    }
    if allowed {
        let requested = match plan.after_tax.amount {
            Amount::Max => None,
            Amount::Money(m) => Some(m),
            Amount::Percent(pct) => Some(
                year.slots
                    .iter()
                    .filter(|s| s.elections_apply)
                    .map(|s| cents(pct * s.counted))
                    .sum(),
            ),
        };
        if let Some(requested) = requested.filter(|r| *r > report.after_tax_room) {
            out.push(warn(WarningCode::AfterTaxOvershoot, format!(
                "Your after-tax election would put in {} but the room is {}: payroll often does not stop after-tax money at 415(c), and an excess annual addition must be corrected. mbr stops it at the room; set a stop or elect less.",
                format_usd(requested), format_usd(report.after_tax_room)
            )));
        }
        // The room the limits leave, the plan's own cap included; beyond it only pay binds.
        let capped = super::plan_cap(plan, year).map_or(room_415, |c| room_415.min(c));
        if capped > report.after_tax_room + Decimal::ONE && plan.after_tax.amount == Amount::Max {
            out.push(warn(WarningCode::RoomExceedsPay, format!(
                "415(c) leaves {} for after-tax money, but the paychecks left can hold only {} after deferrals (and taxes come out of the same pay).",
                format_usd(capped), format_usd(report.after_tax_room)
            )));
        }
    }
    if report.conversion.to_traditional_ira > Decimal::ZERO
        && plan.conversion.effective_route() == Route::Split
    {
        out.push(warn(WarningCode::SplitIraProRata, format!(
            "The split sends {} of earnings to a traditional IRA. A traditional IRA balance on December 31 makes a later backdoor Roth IRA contribution partly taxable (the IRA pro-rata rule, Form 8606): roll it into a 401(k) first, or choose route \"roth-ira\".",
            format_usd(report.conversion.to_traditional_ira)
        )));
    }
    if plan.annual_return.is_none() && c.after_tax > Decimal::ZERO {
        out.push(warn(WarningCode::ReturnAssumed, "`assumptions.annual_return` is not given, so a 7% annual return is assumed for earnings before conversion.".into()));
    }
    let converts =
        c.after_tax > Decimal::ZERO || report.conversion.existing_converted > Decimal::ZERO;
    if plan.tax.is_none() && converts {
        out.push(warn(WarningCode::NoTaxTable, "There is no `[tax]` table, so the tax on conversion earnings is not computed; add `[tax]` with `marginal_rate = \"24%\"` (or `filing_status` and `taxable_income`).".into()));
    }
    if report.conversion.next_year_earnings > Decimal::ZERO {
        out.push(warn(WarningCode::ConversionNextYear, format!(
            "{} of after-tax money made late in the year converts in January {}: its {} of earnings is taxed in {}, not {}.",
            format_usd(report.conversion.next_year_contributions), plan.year + 1,
            format_usd(report.conversion.next_year_earnings), plan.year + 1, plan.year
        )));
    }
    if plan.conversion.effective_route() == Route::InPlan
        && report.conversion.taxable_earnings > Decimal::ZERO
        && p.age < 60
    {
        out.push(warn(WarningCode::FiveYearRule, "Taxable amounts converted in-plan and withdrawn within five years, before age 59½, owe the 10% additional tax (IRC 402A(c)(4), 72(t)); the conversion itself owes none.".into()));
    }
    if let Some(m) = &plan.employer_match
        && m.true_up != Feature::Yes
        && !m.tiers.is_empty()
    {
        let lost = report.match_lost;
        let formula = c.employer_match + lost;
        let stub_gap = paid_match_gap(report, year);
        let paid_gap = stub_gap.min(lost);
        let assumed = if m.true_up == Feature::Unknown {
            " (assumed while `match.true_up` is unknown)"
        } else {
            ""
        };
        if lost >= Decimal::ONE && lost - paid_gap < Decimal::ONE {
            // All of it is in the pay stub's figure: no election can bring it back.
            let paid = report.paid(|l| l.employer_match);
            out.push(warn(WarningCode::MatchLost, format!(
                "Paid per paycheck without a true-up{assumed}, the match comes to {} instead of the {} the annual formula gives, and the {} went in the paychecks already paid: the pay stub's match so far, {}, is {} below the formula on its deferrals spread evenly over those paychecks (the two gaps differ by per-paycheck rounding). If you deferred evenly, ask payroll about it; if you deferred more in some paychecks than others, that is where the match went. The elections keep every dollar of match still to come.",
                format_usd(c.employer_match), format_usd(formula), format_usd(lost),
                format_usd(paid), format_usd(stub_gap)
            )));
        } else if lost >= Decimal::ONE {
            out.push(warn(WarningCode::MatchLost, format!(
                    "Paid per paycheck without a true-up{assumed}, the match comes to {} instead of the {} the annual formula gives: {} is lost in paychecks where you defer less than the match needs (front-loading, a bonus, or the 401(a)(17) pay cap){}.{}",
                    format_usd(c.employer_match), format_usd(formula), format_usd(lost),
                    if paid_gap >= Decimal::ONE {
                        format!(", {} of it in paychecks already paid", format_usd(paid_gap))
                    } else if plan.year_to_date.is_some() {
                        ", paychecks already paid included".to_string()
                    } else {
                        String::new()
                    },
                    if (report.elections.pretax + report.elections.roth).is_zero() {
                        // Nothing is left to elect: 402(g) is reached or the year is over.
                        String::new()
                    } else {
                        format!(
                            " Elect {} pre-tax and {} Roth of every paycheck instead (see the elections) to keep what is still to come.",
                            crate::money::format_percent(report.elections.pretax),
                            crate::money::format_percent(report.elections.roth)
                        )
                    }
                )));
        }
    }
    let employer_and_deferrals = c.pretax + c.roth + c.employer_match + c.employer_nonelective;
    if employer_and_deferrals >= report.annual_additions.limit
        && report.annual_additions.limit < limits.annual_additions.amount
    {
        out.push(warn(WarningCode::CompensationLimits415c, format!(
            "415(c) is the lesser of {} and 100% of your compensation: your limit is {}, and deferrals and employer money fill it.",
            format_usd(limits.annual_additions.amount), format_usd(report.annual_additions.limit)
        )));
    }
    out
}
