//! This year's Roth dollars by route and the tax they cost this year (contract §4 `roth`).
//!
//! The routes: Roth deferrals, Roth catch-up (the catch-up the 414(v)(7) rule makes Roth
//! included), the match and nonelective money taken as Roth (SECURE 2.0 §604; income this
//! year, [`crate::rules::roth_employer_income`]), and the after-tax money converted this year
//! with its earnings, read off the conversion estimate. Deferrals cost no tax now beyond the
//! tax on the pay they come out of, which the participant pays anyway; the Roth employer
//! money and the taxable earnings converted do.
//!
//! The tax is stacked in one order, so that the routes' taxes add up to the tax on all of it
//! together: the Roth match first, on top of `[tax] taxable_income`; the Roth nonelective
//! money on top of that; then the conversion (this year's earnings, then any existing
//! balance's taxable share). With a marginal rate the order changes nothing; with the
//! brackets each route pays the incremental federal tax of its own slice, and the total is
//! the federal tax on `taxable_income` plus all of it less that on `taxable_income` alone,
//! plus the state rate on all of it (each route rounded to the cent). The conversion
//! estimate's `tax` is figured on the same stack (on top of the Roth employer money), so
//! `roth.tax_now` is the Roth employer money's tax plus `conversion.tax`.

use rust_decimal::Decimal;

use super::conversion::tax_on;
use super::outcome::{
    Contributions, ConversionEstimate, Destination, DistributionCode, Form1099R, OutsideRoth,
    OutsideRothName, RothRoute, RothRouteName, RothTotal, Status,
};
use crate::limits::Limits;
use crate::plan::{Feature, Plan, Route};
use crate::rules;

/// The year's Roth employer money: the match and the nonelective money made as Roth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Employer {
    /// The match taken as Roth.
    pub employer_match: Decimal,
    /// The nonelective money made as Roth.
    pub nonelective: Decimal,
}

impl Employer {
    /// Both together: the income they add this year.
    #[must_use]
    pub fn total(self) -> Decimal {
        self.employer_match + self.nonelective
    }
}

/// The Roth employer money of `plan` in a year whose employer money is `employer_match` and
/// `nonelective`. A feature left `"unknown"` is figured as not Roth (with a question for
/// HR, `verdict`).
#[must_use]
pub fn employer(plan: &Plan, employer_match: Decimal, nonelective: Decimal) -> Employer {
    let match_roth = plan
        .employer_match
        .as_ref()
        .is_some_and(|m| m.roth == Feature::Yes);
    let (employer_match, nonelective) = rules::roth_employer_income(
        employer_match,
        match_roth,
        nonelective,
        plan.nonelective_roth == Feature::Yes,
    );
    Employer {
        employer_match,
        nonelective,
    }
}

/// The Form 1099-R the plan sends for the year's Roth employer money, if any.
#[must_use]
pub fn form_1099r(employer: Employer) -> Option<Form1099R> {
    let amount = employer.total();
    if amount.is_zero() {
        return None;
    }
    let (box_1, box_2a, box_5) = rules::roth_employer_form_1099r(amount);
    Some(Form1099R {
        destination: Destination::DesignatedRothEmployer,
        box_1,
        box_2a,
        box_5,
        box_7: DistributionCode::G,
    })
}

/// The year's Roth total. `status` is the verdict's: where it rules conversion out, this
/// year's after-tax money stays outside Roth and nothing converted counts.
#[must_use]
pub fn total(
    plan: &Plan,
    limits: &Limits,
    contributions: &Contributions,
    conversion: &ConversionEstimate,
    status: Status,
) -> RothTotal {
    let tax = plan.tax.as_ref();
    let employer = employer(
        plan,
        contributions.employer_match,
        contributions.employer_nonelective,
    );
    let mut routes = Vec::new();
    let mut add = |route, amount: Decimal, taxable_now: Decimal, tax_now: Option<Decimal>| {
        if !amount.is_zero() {
            routes.push(RothRoute {
                route,
                amount,
                taxable_now,
                tax_now,
            });
        }
    };
    let untaxed = tax.map(|_| Decimal::ZERO);
    add(
        RothRouteName::RothDeferrals,
        contributions.roth,
        Decimal::ZERO,
        untaxed,
    );
    add(
        RothRouteName::RothCatchUp,
        contributions.catch_up_roth,
        Decimal::ZERO,
        untaxed,
    );
    // Stacked: the match on `taxable_income`, the nonelective money on top of the match.
    add(
        RothRouteName::RothEmployerMatch,
        employer.employer_match,
        employer.employer_match,
        tax.map(|t| tax_on(t, limits, employer.employer_match)),
    );
    add(
        RothRouteName::RothEmployerNonelective,
        employer.nonelective,
        employer.nonelective,
        tax.map(|t| {
            tax_on(
                &t.above(employer.employer_match),
                limits,
                employer.nonelective,
            )
        }),
    );

    let mut outside_roth = Vec::new();
    let mut outside = |what, amount: Decimal| {
        if !amount.is_zero() {
            outside_roth.push(OutsideRoth { what, amount });
        }
    };
    let v = conversion;
    if status.rules_out() {
        outside(
            OutsideRothName::AfterTaxNotConverted,
            contributions.after_tax,
        );
    } else {
        let split = v.route == Route::Split;
        // This year's contributions and their earnings; the split's earnings go to a
        // traditional IRA untaxed.
        let earnings_taxed = if split { Decimal::ZERO } else { v.earnings };
        let this_year_tax = tax.map(|t| tax_on(&t.above(employer.total()), limits, earnings_taxed));
        add(
            RothRouteName::AfterTaxConverted,
            v.contributions_converted + earnings_taxed,
            earnings_taxed,
            this_year_tax,
        );
        // An existing balance: its basis, and its taxable share unless split; its tax is the
        // rest of the conversion's, which is figured on the same stack.
        let existing_taxed = if split {
            Decimal::ZERO
        } else {
            v.existing_taxable
        };
        let existing_basis = v.existing_converted - v.existing_taxable;
        add(
            RothRouteName::ExistingAfterTaxConverted,
            existing_basis + existing_taxed,
            existing_taxed,
            v.tax.zip(this_year_tax).map(|(all, this)| all - this),
        );
        outside(
            OutsideRothName::SplitEarningsToTraditionalIra,
            v.to_traditional_ira,
        );
        outside(
            OutsideRothName::AfterTaxConvertedNextYear,
            v.next_year_contributions,
        );
    }

    RothTotal {
        total: routes.iter().map(|r| r.amount).sum(),
        tax_now: tax.map(|_| routes.iter().filter_map(|r| r.tax_now).sum()),
        routes,
        outside_roth,
    }
}
