//! Several plans side by side (`mbr compare`), for someone weighing two job offers: the
//! figures that decide between them, read off each plan's own report so that the
//! comparison can never disagree with `mbr plan` on the same file.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::outcome::{Report, Status};
use crate::plan::Route;

/// One plan's deciding figures.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Summary {
    /// The plan file, as named on the command line.
    pub file: String,
    /// Tax year.
    pub year: i32,
    /// Annual compensation.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub compensation: Decimal,
    /// The verdict's status: available, no-room, not-convertible, not-available or unknown.
    pub verdict: Status,
    /// After-tax room under every limit.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax_room: Decimal,
    /// After-tax money contributed.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax: Decimal,
    /// Elective deferrals, catch-up included.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub deferrals: Decimal,
    /// Employer match, true-up included.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub employer_match: Decimal,
    /// Match lost to per-paycheck matching without a true-up.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub match_lost: Decimal,
    /// Employer nonelective money.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub employer_nonelective: Decimal,
    /// Everything that goes into the plan this year: deferrals, employer money, after-tax.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub into_plan: Decimal,
    /// New Roth money from this year's contributions: Roth deferrals (Roth catch-up
    /// included) plus the year's after-tax contributions converted to Roth, those that
    /// convert next January included, with their earnings unless the split sends those to
    /// a traditional IRA. Where the plan cannot convert (verdict not-convertible or
    /// not-available), only the Roth deferrals. An existing balance converted is left out:
    /// it is not the offer's doing.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub roth_per_year: Decimal,
    /// Earnings taxed at conversion this year (an existing balance's included, unlike
    /// `roth_per_year`).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub taxable_earnings: Decimal,
    /// Tax on them; null without a `[tax]` table.
    #[serde(serialize_with = "crate::money::json::cents_option")]
    #[schemars(with = "Option<crate::money::json::Cents>")]
    pub conversion_tax: Option<Decimal>,
    /// How many warnings `mbr plan` gives for this plan.
    pub warnings: usize,
}

impl Summary {
    /// The deciding figures of `report`, computed from the plan file `file`.
    #[must_use]
    pub fn of(file: &str, report: &Report) -> Self {
        let c = &report.contributions;
        let v = &report.conversion;
        let deferrals = c.pretax + c.roth + c.catch_up;
        Self {
            file: file.to_string(),
            year: report.year,
            compensation: report.participant.compensation,
            verdict: report.verdict.status,
            after_tax_room: report.after_tax_room,
            after_tax: c.after_tax,
            deferrals,
            employer_match: c.employer_match,
            match_lost: report.match_lost,
            employer_nonelective: c.employer_nonelective,
            into_plan: deferrals + c.employer_match + c.employer_nonelective + c.after_tax,
            roth_per_year: roth_per_year(report),
            taxable_earnings: v.taxable_earnings,
            conversion_tax: v.tax,
            warnings: report.warnings.len(),
        }
    }
}

/// The Roth dollars a year of `report`: Roth deferrals and Roth catch-up, and the money
/// converted to Roth this year from this year's after-tax contributions with their earnings
/// (the basis alone with the Notice 2014-54 split, whose earnings go to a traditional IRA);
/// none where the verdict rules conversion out.
#[must_use]
pub fn roth_per_year(report: &Report) -> Decimal {
    let c = &report.contributions;
    let v = &report.conversion;
    let converts = !report.verdict.status.rules_out();
    let converted = if !converts {
        Decimal::ZERO
    } else if v.route == Route::Split {
        v.contributions_converted + v.next_year_contributions
    } else {
        v.contributions_converted + v.next_year_contributions + v.earnings + v.next_year_earnings
    };
    c.roth + c.catch_up_roth + converted
}

/// `mbr compare --format json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Comparison {
    /// Version of this JSON layout.
    pub schema_version: u32,
    /// The plans, in the order given.
    pub plans: Vec<Summary>,
}
