//! Several plans side by side (`mbr compare`), for someone weighing two job offers: the
//! figures that decide between them, read off each plan's own report so that the
//! comparison can never disagree with `mbr plan` on the same file.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::outcome::{Report, RothRouteName, Status};

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
    /// Match lost to per-paycheck matching without a true-up: a dollar or more, as the
    /// `match-lost` warning counts it; less is cent rounding between paychecks and the annual
    /// formula, and is 0 here.
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
    /// New Roth money this year: the Roth total (`mbr plan`'s `roth.total`: Roth deferrals,
    /// Roth catch-up, Roth employer money, and this year's after-tax contributions converted
    /// this year with their earnings unless the split sends those to a traditional IRA;
    /// nothing converted where the plan cannot convert) less any existing balance converted,
    /// which is not the offer's doing. Money converting next January is next year's.
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
    /// The tax this year's Roth dollars cost now (`mbr plan`'s `roth.tax_now`: on the Roth
    /// employer money and on the earnings converted, an existing balance's included); null
    /// without a `[tax]` table.
    #[serde(serialize_with = "crate::money::json::cents_option")]
    #[schemars(with = "Option<crate::money::json::Cents>")]
    pub roth_tax_now: Option<Decimal>,
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
        // Where the verdict rules conversion out, nothing is converted while employed: no
        // earnings are taxed at conversion this year.
        let converts = !report.verdict.status.rules_out();
        let (taxable_earnings, conversion_tax) = if converts {
            (v.taxable_earnings, v.tax)
        } else {
            (Decimal::ZERO, v.tax.map(|_| Decimal::ZERO))
        };
        Self {
            file: file.to_string(),
            year: report.year,
            compensation: report.participant.compensation,
            verdict: report.verdict.status,
            after_tax_room: report.after_tax_room,
            after_tax: c.after_tax,
            deferrals,
            employer_match: c.employer_match,
            match_lost: if report.match_lost < Decimal::ONE {
                Decimal::ZERO
            } else {
                report.match_lost
            },
            employer_nonelective: c.employer_nonelective,
            into_plan: deferrals + c.employer_match + c.employer_nonelective + c.after_tax,
            roth_per_year: roth_per_year(report),
            taxable_earnings,
            conversion_tax,
            roth_tax_now: roth_tax_now(report),
            warnings: report.warnings.len(),
        }
    }
}

/// The Roth dollars a year of `report`: its Roth total (`report.roth`, the one computation
/// of it) less an existing after-tax balance converted this year.
#[must_use]
pub fn roth_per_year(report: &Report) -> Decimal {
    report
        .roth
        .routes
        .iter()
        .filter(|r| r.route != RothRouteName::ExistingAfterTaxConverted)
        .map(|r| r.amount)
        .sum()
}

/// The tax now on [`roth_per_year`]: the Roth total's tax less an existing balance's, so
/// that the amount and its tax are on one basis; `None` without a `[tax]` table.
#[must_use]
pub fn roth_tax_now(report: &Report) -> Option<Decimal> {
    report.roth.tax_now.map(|_| {
        report
            .roth
            .routes
            .iter()
            .filter(|r| r.route != RothRouteName::ExistingAfterTaxConverted)
            .filter_map(|r| r.tax_now)
            .sum()
    })
}

/// `mbr compare --format json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Comparison {
    /// Version of this JSON layout.
    pub schema_version: u32,
    /// The plans, in the order given.
    pub plans: Vec<Summary>,
}
