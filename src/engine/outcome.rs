//! What the engine returns: one value holding every figure a report shows.
//!
//! These types serialise to exactly the contract's JSON (`schema_version` 1). Money is
//! serialised from `Decimal` as an exact JSON number; nothing here is ever a float. Every
//! kind (status, route, code…) is an enum whose serde name is the word the JSON carries.
//! Findings (warnings, reasons, questions, notes) are data with their figures and hold no
//! sentences: `report::words` words them, and `report::json` serialises them so worded.

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::date::Date;
use crate::plan::{ExtraPaycheck, Frequency, PayFrequency, Route};

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The whole result of `mbr plan`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Report {
    /// Version of this JSON layout.
    pub schema_version: u32,
    /// Tax year.
    pub year: i32,
    /// The year's limits that applied.
    pub limits: LimitsUsed,
    /// Facts about the participant the engine derived.
    pub participant: ParticipantFacts,
    /// The year's contributions, each the sum of the schedule.
    pub contributions: Contributions,
    /// 415(c) use.
    pub annual_additions: AnnualAdditions,
    /// This person's elective deferrals against 402(g) plus the catch-up they may make.
    pub elective_deferrals: ElectiveDeferrals,
    /// The most the participant can contribute after-tax this year under every limit.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax_room: Decimal,
    /// What the year's remaining paychecks can hold, beside the room the limits allow.
    pub paycheck_capacity: PaycheckCapacity,
    /// Match the annual formula would give on these contributions that paying it per
    /// paycheck loses (0 with a true-up); the `match-lost` warning explains it.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub match_lost: Decimal,
    /// The conversion estimate.
    pub conversion: ConversionEstimate,
    /// This year's Roth dollars by route, and the tax they cost this year.
    pub roth: RothTotal,
    /// Whether the strategy works in this plan.
    pub verdict: Verdict,
    /// Things the participant should know.
    pub warnings: Vec<Warning>,
    /// One line per paycheck (and the year-end true-up), in date order.
    pub schedule: Vec<Line>,
    /// The per-paycheck elections that reach the year's deferrals and after-tax room.
    pub elections: Elections,
}

impl Report {
    /// A schedule column summed over the paychecks already paid (the pay stub's figures),
    /// for the views that set them apart from the paychecks still to come.
    #[must_use]
    pub fn paid(&self, column: fn(&Line) -> Decimal) -> Decimal {
        self.schedule.iter().filter(|l| l.history).map(column).sum()
    }
}

/// Per-paycheck elections, rounded to the plan's election step.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Elections {
    /// The plan's increment: a fraction of pay, or dollars when `step_kind` is "dollars".
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub step: Decimal,
    /// "percent" or "dollars".
    pub step_kind: StepKind,
    /// The first payday the elections are for (after any year-to-date history).
    pub from: Option<Date>,
    /// Pre-tax deferral election, as a fraction of pay.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub pretax: Decimal,
    /// Roth deferral election, as a fraction of pay.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub roth: Decimal,
    /// After-tax election, as a fraction of pay.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub after_tax: Decimal,
    /// Dollars a regular paycheck contributes under these elections.
    pub per_paycheck: PerPaycheck,
    /// What the elections reach over the paychecks they cover.
    pub reaches: Reaches,
    /// What rounding to the step leaves unused.
    pub left_on_table: LeftOnTable,
    /// Whether following them, as payroll runs them, earns the match the annual formula
    /// gives on what they put in, in every way payroll may run the year.
    pub keeps_full_match: bool,
    /// Where catch-up must be Roth (IRC 414(v)(7)) and the deferrals pass 402(g): from this
    /// payday, elect 0% pre-tax and the whole deferral election as Roth; `null` otherwise.
    pub roth_from: Option<Date>,
    /// A one-time change for the year's last paycheck that puts in what rounding to the
    /// step leaves, within every limit; `null` when none fits or none is needed.
    pub last_paycheck: Option<LastPaycheck>,
    /// A schedule that gets the same money in sooner without losing match, where the plan
    /// trues up the match or caps it in dollars; `null` when there is none.
    pub front_load: Option<FrontLoad>,
    /// Plain-words notes.
    pub notes: Vec<Note>,
}

/// Elections for one paycheck only, in place of the even elections: elect these for the
/// paycheck paid on `date`, and nothing changes after it (it is the year's last).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LastPaycheck {
    /// The payday.
    pub date: Date,
    /// Pre-tax deferral election for that paycheck, as a fraction of its pay.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub pretax: Decimal,
    /// Roth deferral election for that paycheck.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub roth: Decimal,
    /// After-tax election for that paycheck.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub after_tax: Decimal,
    /// Dollars that paycheck contributes (the election itself when the step is dollars).
    pub per_paycheck: PerPaycheck,
    /// What the year's elections reach with the change, followed as payroll runs them.
    pub reaches: Reaches,
}

/// Which way of running the year a check of the advice follows (`advice::World`): the
/// plan file's, or an answer to a payroll question it leaves open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Way {
    /// As the plan file says (or the default it is figured by).
    AsFigured,
    /// Each paycheck of a year with an extra payday paid at the usual rate.
    ExtraPaycheckAddsPay,
    /// Elections and the match stop where the year's pay reaches 401(a)(17).
    CompensationLimitStop,
    /// The match counts each paycheck's pay up to 401(a)(17) / paychecks.
    CompensationLimitProRata,
}

/// Why part of the room or the deferrals goes unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftCause {
    /// Rounding the elections to the plan's step.
    Rounding,
    /// What each paycheck holds after FICA (or the plan's maximum election).
    Paychecks,
    /// Keeping within every limit as payroll runs the elections: its own rounding of each
    /// paycheck, after-tax money it does not stop at 415(c), and each way it may run the
    /// year where the plan file does not say.
    Payroll,
}

/// Elections to make from the first payday until `until`, then 0% for the rest of the year.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FrontLoad {
    /// The most of a paycheck assumed to go to the plan (`payroll.max_election`).
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub max_election: Decimal,
    /// First payday of the schedule.
    pub from: Date,
    /// Last payday with these elections; change them to 0% after it.
    pub until: Date,
    /// Where catch-up must be Roth: from this payday until `until`, elect 0% pre-tax and
    /// the whole deferral election as Roth; `null` otherwise.
    pub roth_from: Option<Date>,
    /// Pre-tax election until then.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub pretax: Decimal,
    /// Roth election until then.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub roth: Decimal,
    /// After-tax election until then.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub after_tax: Decimal,
    /// What the schedule reaches.
    pub reaches: Reaches,
}

/// Dollars a regular paycheck contributes.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PerPaycheck {
    /// Pre-tax.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub pretax: Decimal,
    /// Roth.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub roth: Decimal,
    /// After-tax.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax: Decimal,
}

/// What the elections reach.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Reaches {
    /// Deferrals (catch-up included).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub deferrals: Decimal,
    /// After-tax money.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax: Decimal,
    /// The year's match.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub employer_match: Decimal,
}

/// What rounding leaves unused.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LeftOnTable {
    /// Deferral target not reached.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub deferrals: Decimal,
    /// After-tax room not used.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax: Decimal,
}

/// Limits as they applied to this participant.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LimitsUsed {
    /// 402(g)(1).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub elective_deferral: Decimal,
    /// The year's age-50 catch-up, 414(v)(2)(B)(i).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub catch_up: Decimal,
    /// The age 60–63 catch-up, 414(v)(2)(E), where the year has one.
    #[serde(serialize_with = "crate::money::json::cents_option")]
    #[schemars(with = "Option<crate::money::json::Cents>")]
    pub catch_up_60_63: Option<Decimal>,
    /// The catch-up this participant may make (0 when not eligible or not electing it).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub catch_up_eligible: Decimal,
    /// 415(c)(1)(A) dollar limit.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub annual_additions: Decimal,
    /// 401(a)(17).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub compensation: Decimal,
    /// 414(q) threshold that decides HCE status this year (last year's pay above it).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub hce_threshold: Decimal,
    /// Where the figures come from.
    pub sources: Vec<Source>,
}

/// One limit and its source.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Source {
    /// The limit's name in this report.
    pub limit: LimitName,
    /// IRC section.
    pub section: String,
    /// IRS document.
    pub source: String,
}

/// Facts about the participant the engine derived.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ParticipantFacts {
    /// Age on December 31.
    pub age: u32,
    /// Annual compensation.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub compensation: Decimal,
    /// First day at this employer this year (`participant.employed_from`); null for a whole
    /// year.
    pub employed_from: Option<Date>,
    /// Last day at this employer this year (`participant.employed_until`); null for a whole
    /// year.
    pub employed_until: Option<Date>,
    /// This year's pay from this employer: the paychecks and bonuses paid while employed
    /// (`compensation` for a whole year, unless an extra paycheck adds pay).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub year_pay: Decimal,
    /// Compensation counted for percent contributions and the match (401(a)(17)).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub counted_compensation: Decimal,
    /// Pay frequency.
    pub pay_frequency: PayFrequency,
    /// Regular paychecks in the year.
    pub paychecks: usize,
    /// Whether last year's pay makes the participant a highly compensated employee.
    pub hce: bool,
    /// Whether the SECURE 2.0 rule makes catch-ups Roth this year.
    pub roth_catch_up_required: bool,
    /// A self-employed participant's figures (RULES.md §8); absent for a job's plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_employment: Option<SelfEmployment>,
}

/// A self-employed participant's year (RULES.md §8; contract §4
/// `participant.self_employment`), each figure in dollars.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SelfEmployment {
    /// Net profit from the business (Schedule C line 31).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub net_profit: Decimal,
    /// Net earnings from self-employment: 92.35% of the net profit (IRC 1402(a)(12)).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub net_earnings: Decimal,
    /// W-2 Social Security wages (box 3) this year that use up the wage base before the
    /// self-employment tax does: `other_social_security_wages`, or with several `--plan`
    /// files the other files' pay, up to the wage base.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub social_security_wages: Decimal,
    /// Self-employment tax (Schedule SE).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub se_tax: Decimal,
    /// The deduction for half of it (IRC 164(f)).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub half_se_tax: Decimal,
    /// The most the plan may contribute as employer (nonelective) on these deferrals: the
    /// smallest of IRS Publication 560's four limits.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub employer_contribution_max: Decimal,
    /// The employer (nonelective) contribution this plan makes.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub employer_contribution: Decimal,
    /// Compensation for 415(c): net profit less half the SE tax less the employer
    /// contribution (IRC 401(c)(2), 415(c)(3)(B)).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub compensation: Decimal,
    /// The after-tax room 415(c) would leave with no employer contribution.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax_room_without_employer_contribution: Decimal,
}

/// The year's contributions. Each is the sum of its schedule column.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Contributions {
    /// Pre-tax deferrals within 402(g).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub pretax: Decimal,
    /// Roth deferrals within 402(g).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub roth: Decimal,
    /// Deferrals above 402(g), as catch-up (outside 415(c)).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub catch_up: Decimal,
    /// The part of `catch_up` that is Roth.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub catch_up_roth: Decimal,
    /// Employer match, the year-end true-up included.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub employer_match: Decimal,
    /// The part of `employer_match` paid as a year-end true-up.
    #[serde(rename = "true_up", serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub true_up_payment: Decimal,
    /// Employer nonelective money.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub employer_nonelective: Decimal,
    /// After-tax contributions: what the plan asks for, cut to the room.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax: Decimal,
}

/// What the paychecks still to come can hold (RULES.md §7; contract 2b
/// `payroll.max_election`): each takes at most `max_election` of its pay for all the
/// participant's elections together, and never more than its pay less the employee's FICA
/// withheld from it (IRC 3101, 3102). Reported beside `after_tax_room`, not folded into it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PaycheckCapacity {
    /// The plan's cap on all elections together, as a fraction of each paycheck's pay; null
    /// when the plan file does not set it (then only FICA limits a paycheck).
    #[serde(serialize_with = "crate::money::json::fraction_option")]
    #[schemars(with = "Option<crate::money::json::Fraction>")]
    pub max_election: Option<Decimal>,
    /// All elections together (pre-tax, Roth, catch-up, after-tax) the paychecks can hold.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub total: Decimal,
    /// The after-tax money the paychecks can hold after the other elections.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax: Decimal,
    /// What the plan file asks for, within the limits, that the paychecks cannot hold and
    /// so is left out of `contributions` (deferrals and after-tax money together).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub did_not_fit: Decimal,
}

/// 415(c) use.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AnnualAdditions {
    /// The lesser of the dollar limit and 100% of compensation.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub limit: Decimal,
    /// Deferrals without catch-up, employer money and after-tax money, the employer's
    /// other plans' additions (`other_plans`) included.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub used: Decimal,
    /// Annual additions in other plans of the same employer (`[[other_plans]]` with
    /// `same_employer = true`), which share this limit.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub other_plans: Decimal,
    /// `limit − used`, never negative.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub remaining: Decimal,
}

/// This person's elective deferrals (pre-tax and Roth, catch-up included) against their
/// 402(g) limit, which covers every plan of every employer (IRC 402(g)(1); RULES.md §9).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ElectiveDeferrals {
    /// 402(g) plus the catch-up this person may make.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub limit: Decimal,
    /// Deferred in other plans this year: `[[other_plans]]`, and with several `--plan`
    /// files the files before this one.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub other_plans: Decimal,
    /// Deferred in this plan this year, the pay stub's figures included.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub this_plan: Decimal,
    /// `other_plans + this_plan − limit`, never negative: excess deferrals, to be paid back
    /// with their earnings by April 15 of next year (IRC 402(g)(2)).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub excess: Decimal,
}

/// The conversion estimate.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ConversionEstimate {
    /// in-plan, roth-ira or split.
    pub route: Route,
    /// How often after-tax money is converted.
    pub frequency: Frequency,
    /// For a participant who leaves this year with no other route, the day every after-tax
    /// dollar is rolled out (`employed_until`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_separation: Option<Date>,
    /// Expected return while money waits, as a fraction.
    #[serde(serialize_with = "crate::money::json::fraction")]
    #[schemars(with = "crate::money::json::Fraction")]
    pub annual_return: Decimal,
    /// This year's after-tax contributions converted this year (basis).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub contributions_converted: Decimal,
    /// Earnings on them converted this year.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub earnings: Decimal,
    /// Contributions whose conversion date falls in January of next year.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub next_year_contributions: Decimal,
    /// Their earnings, taxed next year.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub next_year_earnings: Decimal,
    /// Existing after-tax balance converted this year.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub existing_converted: Decimal,
    /// Its taxable (earnings) share, pro rata.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub existing_taxable: Decimal,
    /// Earnings taxed at conversion this year (this year's and the existing balance's).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub taxable_earnings: Decimal,
    /// Tax on `taxable_earnings`; null without a `[tax]` table.
    #[serde(serialize_with = "crate::money::json::cents_option")]
    #[schemars(with = "Option<crate::money::json::Cents>")]
    pub tax: Option<Decimal>,
    /// `tax / taxable_earnings`, as a fraction; null without tax or earnings.
    #[serde(serialize_with = "crate::money::json::fraction_option")]
    #[schemars(with = "Option<crate::money::json::Fraction>")]
    pub effective_rate: Option<Decimal>,
    /// Dollars that end up Roth (designated Roth account or Roth IRA).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub to_roth: Decimal,
    /// Dollars sent to a traditional IRA (the split's earnings).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub to_traditional_ira: Decimal,
    /// The Forms 1099-R to expect.
    pub form_1099r: Vec<Form1099R>,
    /// Taxable earnings and tax at every conversion frequency.
    pub frequencies: Vec<FrequencyRow>,
}

/// A Form 1099-R the plan should send.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Form1099R {
    /// Where the money went.
    pub destination: Destination,
    /// Box 1, gross distribution.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub box_1: Decimal,
    /// Box 2a, taxable amount.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub box_2a: Decimal,
    /// Box 5, employee contributions (basis).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub box_5: Decimal,
    /// Box 7 distribution code.
    pub box_7: DistributionCode,
}

/// This year's Roth dollars and the tax they cost this year (contract §4 `roth`).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RothTotal {
    /// Every route's `amount` added up.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub total: Decimal,
    /// Every route's `tax_now` added up; null without a `[tax]` table.
    #[serde(serialize_with = "crate::money::json::cents_option")]
    #[schemars(with = "Option<crate::money::json::Cents>")]
    pub tax_now: Option<Decimal>,
    /// The routes with money this year, in the order the table lists them.
    pub routes: Vec<RothRoute>,
    /// This year's money that does not end up Roth this year.
    pub outside_roth: Vec<OutsideRoth>,
}

/// One way money gets into Roth this year.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RothRoute {
    /// Which way.
    pub route: RothRouteName,
    /// Dollars that end up Roth this year by it.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub amount: Decimal,
    /// The part of `amount` that is income this year (0 for deferrals, already taxed as
    /// pay).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub taxable_now: Decimal,
    /// The tax on `taxable_now`; null without a `[tax]` table.
    #[serde(serialize_with = "crate::money::json::cents_option")]
    #[schemars(with = "Option<crate::money::json::Cents>")]
    pub tax_now: Option<Decimal>,
}

/// The ways money gets into Roth this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RothRouteName {
    /// Roth deferrals within 402(g).
    RothDeferrals,
    /// Roth catch-up, the catch-up the 414(v)(7) rule makes Roth included.
    RothCatchUp,
    /// The match, taken as Roth (SECURE 2.0 §604).
    RothEmployerMatch,
    /// Nonelective money, made as Roth (SECURE 2.0 §604).
    RothEmployerNonelective,
    /// This year's after-tax contributions converted this year, with their earnings.
    AfterTaxConverted,
    /// An existing after-tax balance converted this year (`[existing]`).
    ExistingAfterTaxConverted,
}

/// Money of this year's that stays outside Roth this year.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OutsideRoth {
    /// What it is.
    pub what: OutsideRothName,
    /// How much.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub amount: Decimal,
}

/// Kinds of money that stay outside Roth this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OutsideRothName {
    /// The Notice 2014-54 split's earnings, rolled to a traditional IRA.
    SplitEarningsToTraditionalIra,
    /// After-tax money the plan cannot convert (the verdict rules conversion out).
    AfterTaxNotConverted,
    /// After-tax money converting next January: Roth next year, taxed then.
    AfterTaxConvertedNextYear,
}

/// One row of the frequency comparison.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FrequencyRow {
    /// The frequency.
    pub frequency: Frequency,
    /// Earnings taxed this year at that frequency.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub taxable_earnings: Decimal,
    /// Their tax; null without a `[tax]` table.
    #[serde(serialize_with = "crate::money::json::cents_option")]
    #[schemars(with = "Option<crate::money::json::Cents>")]
    pub tax: Option<Decimal>,
    /// Whether this is the plan's frequency.
    pub chosen: bool,
}

/// The verdict on the strategy.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Verdict {
    /// available, no-room, not-convertible, not-available or unknown.
    pub status: Status,
    /// Why, in plain words.
    pub reasons: Vec<Reason>,
    /// What to ask the plan administrator, with the plan-document words to look for.
    pub questions: Vec<Question>,
}

/// What a schedule line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LineKind {
    /// A regular paycheck.
    Paycheck,
    /// A bonus paycheck.
    Bonus,
    /// The employer's year-end true-up of the match.
    TrueUp,
}

/// One schedule line.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Line {
    /// Payday.
    pub date: Date,
    /// What the line is.
    pub kind: LineKind,
    /// Already paid (on or before `year_to_date.as_of`): figures spread from the pay stub.
    pub history: bool,
    /// Gross pay.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub pay: Decimal,
    /// Pre-tax deferral within 402(g).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub pretax: Decimal,
    /// Roth deferral within 402(g).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub roth: Decimal,
    /// Deferral above 402(g).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub catch_up: Decimal,
    /// The part of `catch_up` that is Roth.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub catch_up_roth: Decimal,
    /// After-tax contribution.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub after_tax: Decimal,
    /// Employer match.
    #[serde(rename = "match", serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub employer_match: Decimal,
    /// Employer nonelective money.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub nonelective: Decimal,
    /// What this line's after-tax money converts as: contribution plus earnings until its
    /// conversion date.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub converted: Decimal,
    /// When it converts (null without after-tax money).
    pub conversion_date: Option<Date>,
    /// Year-to-date elective deferrals (catch-up included), against 402(g) plus catch-up.
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub ytd_deferrals: Decimal,
    /// Year-to-date annual additions, against 415(c).
    #[serde(serialize_with = "crate::money::json::cents")]
    #[schemars(with = "crate::money::json::Cents")]
    pub ytd_additions: Decimal,
}

// What the engine found, as data: each finding carries the figures it is about, and
// `report::words` words it once for the tables and the JSON alike (where the JSON carries
// it, as a string or as a warning's `code` and `message`).

/// Why the verdict is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The paychecks still to come hold less after-tax money than the room.
    PaychecksHoldLess {
        /// The after-tax money they hold after deferrals.
        holds: Decimal,
    },
    /// Paychecks are left this year, but payroll takes no more elections from them (it
    /// stopped them where the year's pay reached 401(a)(17), or the plan file stops them).
    ElectionsStopped {
        /// What 415(c) would still leave.
        remaining_415c: Decimal,
    },
    /// The plan does not accept after-tax contributions.
    NoAfterTax,
    /// The plan has neither an in-plan Roth conversion nor an in-service withdrawal.
    NoRoute,
    /// 415(c) is full: what fills it, against the participant's `limit`.
    NoRoom {
        /// The participant's 415(c) limit.
        limit: Decimal,
        /// Annual additions: the four below together.
        used: Decimal,
        /// Deferrals counted in 415(c) (catch-up is not).
        deferrals: Decimal,
        /// Employer match and nonelective money.
        employer: Decimal,
        /// After-tax money already contributed (the pay stub's).
        after_tax_paid: Decimal,
        /// Annual additions in the employer's other plans, which share the limit.
        other_plans: Decimal,
    },
    /// The plan's own cap on after-tax contributions (`after_tax.limit`) leaves no room,
    /// while 415(c) would leave some.
    PlanCapReached {
        /// The cap for the year.
        cap: Decimal,
        /// After-tax money already contributed (the pay stub's).
        after_tax_paid: Decimal,
        /// What 415(c) would still leave.
        remaining_415c: Decimal,
    },
    /// No paycheck is left in the year to contribute from, while 415(c) would leave room.
    NoPaychecksLeft {
        /// What 415(c) would still leave.
        remaining_415c: Decimal,
    },
    /// The paychecks still to come have no pay left after deferrals for after-tax money.
    PaychecksFull {
        /// What 415(c) would still leave.
        remaining_415c: Decimal,
    },
    /// Not known yet whether the plan accepts after-tax contributions.
    AfterTaxUnknown,
    /// Not known yet whether the plan can convert after-tax money.
    RouteUnknown,
    /// The after-tax room, should the unknown features turn out to be there.
    RoomIfItDoes {
        /// After-tax room this year.
        room: Decimal,
    },
    /// The strategy works: the plan's ways to convert, and the room.
    Available {
        /// How the plan converts after-tax money.
        ways: Ways,
        /// After-tax room this year.
        room: Decimal,
    },
    /// The strategy works for a participant who leaves this year: with no conversion route
    /// known in the plan, the after-tax money can be rolled out after separation.
    AvailableAfterLeaving {
        /// The last day at the employer (`participant.employed_until`).
        until: Date,
        /// After-tax room this year.
        room: Decimal,
        /// Whether a conversion feature is still unknown (rather than known absent).
        route_unknown: bool,
    },
}

/// The ways a plan offers to convert after-tax money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ways {
    /// An in-plan Roth conversion and an in-service withdrawal.
    Both,
    /// An in-plan Roth conversion.
    InPlan,
    /// An in-service withdrawal to a Roth IRA.
    InService,
}

/// A question for the plan administrator about a feature not known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Does the plan accept after-tax contributions?
    AfterTax,
    /// Does the plan allow in-plan Roth conversions of after-tax money?
    InPlan,
    /// Does the plan allow in-service withdrawals of after-tax money?
    InService,
    /// Does the plan convert after-tax money automatically?
    Automatic,
    /// Does the employer true up the match at year end?
    TrueUp,
    /// How does payroll apply the 401(a)(17) limit within the year (`payroll.compensation_limit`
    /// not given, and pay passes it)?
    CompensationLimit {
        /// The 401(a)(17) limit.
        limit: Decimal,
    },
    /// What does payroll pay in a year with an extra payday (`payroll.extra_paycheck` not
    /// given, and the year has one)?
    ExtraPaycheck {
        /// Tax year.
        year: i32,
        /// Pay frequency.
        frequency: PayFrequency,
        /// Regular paychecks in the year.
        paychecks: usize,
        /// Paychecks in a usual year.
        usual: usize,
    },
    /// What is the plan's maximum election per paycheck (`payroll.max_election`)?
    MaxElection,
    /// In what steps may elections be made (`payroll.election_step`)?
    ElectionStep {
        /// The step mbr assumed.
        step: Decimal,
    },
    /// Does the match apply to after-tax money too (`match.matches`)?
    MatchOnAfterTax,
    /// Does payroll stop after-tax contributions at the 415(c) limit?
    AfterTaxStopsAt415c,
    /// Is catch-up made Roth automatically once deferrals pass 402(g) (deemed Roth), or
    /// must the participant elect Roth?
    RothCatchUpDeemed,
    /// When and in what form does the plan pay out after-tax money after separation, and
    /// can it be split (Notice 2014-54)?
    PayoutAfterSeparation {
        /// The last day at the employer (`participant.employed_until`).
        until: Date,
    },
    /// Can the participant take the match as Roth, and do they (`match.roth` unknown, and
    /// there is match money)?
    RothMatch,
    /// Is the nonelective money made as Roth (`employer.nonelective_roth` unknown, and
    /// there is nonelective money)?
    RothNonelective,
}

/// A note on the recommended elections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// No paychecks are left in the year to elect on.
    NoPaychecksLeft,
    /// No front-loaded schedule until payroll says what the year's extra paycheck pays.
    FrontLoadAwaitsExtraPaycheck,
    /// Rounding to the plan's election step leaves money unused.
    RoundingLeaves {
        /// The plan's election step.
        step: Decimal,
        /// Whether the step is a percent or dollars.
        step_kind: StepKind,
        /// Deferrals not reached.
        deferrals: Decimal,
        /// After-tax room not used.
        after_tax: Decimal,
        /// What leaves it.
        cause: LeftCause,
        /// The payday of the one-time change that puts some of it in, if one fits.
        change: Option<Date>,
    },
    /// The plan file's deferrals, as payroll runs them, pass what other plans leave of this
    /// person's 402(g) limit: the elections keep within it instead.
    WithinOtherPlans {
        /// The deferrals the plan file comes to on the paychecks still to come.
        asked: Decimal,
        /// What the other plans and the pay stub leave of the limit with catch-up.
        left: Decimal,
        /// Deferrals in the other plans.
        other_plans: Decimal,
    },
    /// "max" deferrals stop short of 402(g) so that the employer's money fits under a 415(c)
    /// limit of 100% of pay.
    MaxKeepsMatch {
        /// The year's most deferrals that keep it.
        deferrals: Decimal,
        /// The 415(c) limit: the year's pay.
        limit: Decimal,
    },
    /// Where the plan file leaves open how payroll runs the year, one way it may run it puts
    /// in less than the elections reach as figured.
    ShortIf {
        /// That way.
        way: Way,
        /// Match short.
        employer_match: Decimal,
        /// Deferrals short.
        deferrals: Decimal,
        /// After-tax money short.
        after_tax: Decimal,
    },
    /// Catch-up must be Roth: switch the deferral election to Roth from a payday.
    RothFrom {
        /// The first payday to elect Roth only.
        from: Date,
        /// The whole deferral election to make Roth.
        roth: Decimal,
        /// Whether it is a percent or dollars.
        step_kind: StepKind,
    },
    /// Part of the match goes unclaimed because other plans have used the 402(g) limit
    /// the match needs: deferring more here would be an excess deferral.
    MatchUnclaimedOtherPlans {
        /// The share of pay the match applies to.
        matched_up_to: Decimal,
        /// What the other plans (and the pay stub) leave of 402(g) with catch-up.
        left: Decimal,
        /// Deferrals in the other plans.
        other_plans: Decimal,
    },
    /// The elections put in less of pay than the match pays on.
    MatchUnclaimed {
        /// The share of pay the match pays on.
        matched_up_to: Decimal,
        /// The share of pay the elections put in that the match counts.
        elected: Decimal,
    },
    /// Front-loading would lose the match in every paycheck after the elections stop.
    FrontLoadLosesEveryMatch {
        /// Whether the plan's true-up is unknown (rather than known absent).
        true_up_unknown: bool,
    },
    /// Front-loading would lose `lost` of match paid per paycheck.
    FrontLoadCosts {
        /// The last payday of the front-loaded schedule.
        until: Date,
        /// Match lost.
        lost: Decimal,
        /// Whether the plan's true-up is unknown.
        true_up_unknown: bool,
    },
    /// A front-loaded schedule that loses no match.
    FrontLoad {
        /// First payday of the schedule.
        from: Date,
        /// Last payday with these elections.
        until: Date,
        /// Pre-tax election until then.
        pretax: Decimal,
        /// Roth election until then.
        roth: Decimal,
        /// After-tax election until then.
        after_tax: Decimal,
        /// Whether `payroll.max_election` was not given (so `max_election` is assumed).
        max_election_assumed: bool,
        /// The most of a paycheck the schedule takes.
        max_election: Decimal,
        /// Whether the plan has a match to keep.
        has_match: bool,
        /// Where catch-up must be Roth: the payday from which to elect Roth only.
        roth_from: Option<Date>,
    },
    /// A self-employed plan where 100% of compensation sets 415(c): each employer dollar
    /// lowers compensation by a dollar too, so it costs two dollars of after-tax room
    /// (RULES.md §8).
    EmployerContributionCostsRoom {
        /// The employer contribution.
        employer_contribution: Decimal,
        /// After-tax room with it.
        with: Decimal,
        /// After-tax room without it.
        without: Decimal,
    },
    /// A new hire's paychecks, the first included, are each taken as a full pay period's
    /// pay, though pay in arrears usually makes the first one smaller (RULES.md §9).
    FirstPaycheckFull {
        /// The first day at the employer (`participant.employed_from`).
        employed_from: Date,
        /// One paycheck's pay: the regular annual rate over `usual`, to the cent.
        pay: Decimal,
        /// The paychecks the annual rate is divided among: the usual number a year of the
        /// pay frequency.
        usual: usize,
        /// Whether the annual rate is compensation less bonuses.
        less_bonuses: bool,
    },
}

/// What the participant should know, with the figures it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warning {
    /// The plan file gives no pay frequency; biweekly is assumed.
    PayFrequencyAssumed,
    /// The year has more paydays than usual.
    ExtraPayday {
        /// Tax year.
        year: i32,
        /// Pay frequency.
        frequency: PayFrequency,
        /// Regular paychecks in the year.
        paychecks: usize,
        /// What payroll pays in such a year (`payroll.extra_paycheck`).
        extra_paycheck: ExtraPaycheck,
    },
    /// A payday the holiday rule moved across the year's edge: its contributions count in
    /// the year it is paid.
    PaydayMoved {
        /// The day the pay schedule names.
        scheduled: Date,
        /// The day it is paid.
        paid: Date,
    },
    /// Last year's pay is above the 414(q) threshold.
    HceAcpTest {
        /// Last year's pay.
        prior_pay: Decimal,
        /// Whether last year's pay was taken to equal this year's.
        prior_pay_assumed: bool,
        /// The 414(q) threshold.
        threshold: Decimal,
        /// The year the threshold applies to (last year).
        prior_year: i32,
    },
    /// Catch-up must be Roth (414(v)(7)).
    RothCatchUp {
        /// The prior-year FICA wage threshold.
        wage_threshold: Decimal,
        /// Last year's FICA wages, when given.
        prior_fica_wages: Option<Decimal>,
        /// The year's catch-up.
        catch_up: Decimal,
    },
    /// Catch-up is available but not elected.
    CatchUpAvailable {
        /// Age on December 31.
        age: u32,
        /// The catch-up that could be deferred.
        catch_up: Decimal,
    },
    /// Catch-up is elected under age 50.
    CatchUpNotEligible {
        /// Age on December 31.
        age: u32,
    },
    /// Deferrals do not reach the catch-up allowed.
    CatchUpNotUsed {
        /// The 402(g) limit.
        elective_deferral: Decimal,
        /// Catch-up deferred.
        catch_up: Decimal,
        /// Catch-up allowed.
        allowed: Decimal,
    },
    /// The after-tax election asks for more than the room.
    AfterTaxOvershoot {
        /// What the election would put in.
        requested: Decimal,
        /// After-tax room.
        room: Decimal,
    },
    /// The paychecks cannot hold all the plan file asks for (RULES.md §7): what did not
    /// fit was cut, after-tax money first.
    PaycheckTooSmall {
        /// What did not fit over the year.
        did_not_fit: Decimal,
        /// The plan's cap on all elections together (`payroll.max_election`); `None`: the
        /// paychecks' pay less FICA is what binds.
        max_election: Option<Decimal>,
    },
    /// The split sends earnings to a traditional IRA.
    SplitIraProRata {
        /// Earnings sent to a traditional IRA.
        to_traditional_ira: Decimal,
    },
    /// No annual return given; 7% is assumed.
    ReturnAssumed,
    /// No `[tax]` table.
    NoTaxTable,
    /// Late after-tax money converts next January.
    ConversionNextYear {
        /// Tax year.
        year: i32,
        /// Contributions converted next year.
        contributions: Decimal,
        /// Their earnings, taxed next year.
        earnings: Decimal,
    },
    /// In-plan conversions of taxable amounts fall under the five-year rule.
    FiveYearRule,
    /// Match paid per paycheck falls short of the annual formula, all of it in the
    /// paychecks already paid.
    MatchLostInPayStub {
        /// The year's match against the formula's.
        shortfall: MatchShortfall,
        /// The pay stub's match so far.
        paid: Decimal,
        /// How far the pay stub's match is below the formula on its deferrals.
        stub_gap: Decimal,
    },
    /// Match paid per paycheck falls short of the annual formula.
    MatchLost {
        /// The year's match against the formula's.
        shortfall: MatchShortfall,
        /// The part lost in paychecks already paid, when a dollar or more.
        lost_in_paid: Option<Decimal>,
        /// Whether the year has paychecks already paid.
        mid_year: bool,
        /// The deferral elections that keep the match still to come, if any are left.
        keep_with: Option<DeferralRates>,
    },
    /// Compensation, not the dollar limit, sets 415(c), and it is full.
    CompensationLimits415c {
        /// The 415(c)(1)(A) dollar limit.
        dollar_limit: Decimal,
        /// The participant's limit.
        limit: Decimal,
    },
    /// Elective deferrals (from the pay stub, or across plans as payroll runs the plan file)
    /// past 402(g) plus the catch-up (IRC 402(g)(2)).
    ExcessDeferral {
        /// Tax year.
        year: i32,
        /// Deferrals this year, every plan counted.
        deferred: Decimal,
        /// Deferrals in other plans (`[[other_plans]]`), in `deferred`.
        other_plans: Decimal,
        /// 402(g) plus the catch-up this person may make.
        limit: Decimal,
        /// `deferred − limit`.
        excess: Decimal,
    },
    /// A money amount so small that a percent was probably meant (`15` for `"15%"`).
    SmallMoney {
        /// The plan-file key.
        key: &'static str,
        /// The amount as read, in dollars.
        amount: Decimal,
    },
    /// Deferrals across several `--plan` files past this person's 402(g) limit with
    /// catch-up (IRC 402(g)(2)).
    ExcessDeferralAcrossPlans {
        /// Tax year.
        year: i32,
        /// Deferrals this year, every plan counted.
        deferred: Decimal,
        /// 402(g) plus the largest catch-up the plans allow.
        limit: Decimal,
        /// `deferred − limit`.
        excess: Decimal,
    },
    /// Annual additions (from the pay stub) past 415(c), to be corrected under EPCRS.
    ExcessAnnualAdditions {
        /// Tax year.
        year: i32,
        /// Annual additions this year with this employer.
        additions: Decimal,
        /// The participant's 415(c) limit.
        limit: Decimal,
        /// `additions − limit`.
        excess: Decimal,
        /// The part of the excess that after-tax money covers, returned first.
        after_tax_returned: Decimal,
    },
    /// A self-employed plan's employer contribution (`employer.nonelective`) asks for more
    /// than the most the plan may make (RULES.md §8): it is cut to that.
    EmployerContributionCut {
        /// What the plan file asks for.
        asked: Decimal,
        /// The most allowed, which is used.
        max: Decimal,
    },
}

/// Match paid per paycheck without a true-up against what the annual formula gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchShortfall {
    /// Whether no true-up is assumed because it is unknown (rather than known absent).
    pub true_up_unknown: bool,
    /// The year's match.
    pub matched: Decimal,
    /// What the annual formula gives.
    pub formula: Decimal,
    /// Match lost: `formula − matched`.
    pub lost: Decimal,
}

/// Pre-tax and Roth deferral elections, as fractions of pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeferralRates {
    /// Pre-tax.
    pub pretax: Decimal,
    /// Roth.
    pub roth: Decimal,
}

impl Warning {
    /// The warning's stable code.
    #[must_use]
    pub fn code(&self) -> WarningCode {
        match self {
            Self::PayFrequencyAssumed => WarningCode::PayFrequencyAssumed,
            Self::ExtraPayday { .. } => WarningCode::ExtraPayday,
            Self::PaydayMoved { .. } => WarningCode::PaydayMoved,
            Self::HceAcpTest { .. } => WarningCode::HceAcpTest,
            Self::RothCatchUp { .. } => WarningCode::RothCatchUp,
            Self::CatchUpAvailable { .. } => WarningCode::CatchUpAvailable,
            Self::CatchUpNotEligible { .. } => WarningCode::CatchUpNotEligible,
            Self::CatchUpNotUsed { .. } => WarningCode::CatchUpNotUsed,
            Self::AfterTaxOvershoot { .. } => WarningCode::AfterTaxOvershoot,
            Self::PaycheckTooSmall { .. } => WarningCode::PaycheckTooSmall,
            Self::SplitIraProRata { .. } => WarningCode::SplitIraProRata,
            Self::ReturnAssumed => WarningCode::ReturnAssumed,
            Self::NoTaxTable => WarningCode::NoTaxTable,
            Self::ConversionNextYear { .. } => WarningCode::ConversionNextYear,
            Self::FiveYearRule => WarningCode::FiveYearRule,
            Self::MatchLostInPayStub { .. } | Self::MatchLost { .. } => WarningCode::MatchLost,
            Self::CompensationLimits415c { .. } => WarningCode::CompensationLimits415c,
            Self::ExcessDeferral { .. } | Self::ExcessDeferralAcrossPlans { .. } => {
                WarningCode::ExcessDeferral
            }
            Self::ExcessAnnualAdditions { .. } => WarningCode::ExcessAnnualAdditions,
            Self::EmployerContributionCut { .. } => WarningCode::EmployerContributionCut,
            Self::SmallMoney { .. } => WarningCode::SmallMoney,
        }
    }
}

/// What the verdict says of the strategy in this plan (contract §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The plan accepts after-tax money, has a way to convert it, and there is room.
    Available,
    /// The features are there but no after-tax room is left: 415(c) is full (or the plan's
    /// own cap on after-tax money is reached).
    NoRoom,
    /// The plan accepts after-tax money but has no way to convert it while employed.
    NotConvertible,
    /// The plan does not accept after-tax contributions.
    NotAvailable,
    /// Not known yet whether the plan accepts after-tax money or can convert it.
    Unknown,
}

impl Status {
    /// Whether this status rules the strategy out for this plan as it stands: no after-tax
    /// money, or no way to convert it while employed. The other three leave it open.
    #[must_use]
    pub fn rules_out(self) -> bool {
        match self {
            Self::NotConvertible | Self::NotAvailable => true,
            Self::Available | Self::NoRoom | Self::Unknown => false,
        }
    }
}

/// How the plan's elections are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// A percent of each paycheck's pay.
    Percent,
    /// Dollars a paycheck.
    Dollars,
}

/// A limit named in `limits.sources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LimitName {
    /// The 402(g)(1) elective deferral limit.
    ElectiveDeferral,
    /// The age-50 catch-up, 414(v)(2)(B)(i).
    CatchUp,
    /// The age 60–63 catch-up, 414(v)(2)(E).
    #[serde(rename = "catch_up_60_63")]
    CatchUp6063,
    /// The 415(c)(1)(A) annual additions dollar limit.
    AnnualAdditions,
    /// The 401(a)(17) compensation limit.
    Compensation,
    /// The 414(q) threshold that decides HCE status.
    HceThreshold,
    /// The prior-year FICA wages above which catch-up must be Roth, 414(v)(7).
    RothCatchUpWageThreshold,
}

/// Where converted money goes, as a Form 1099-R names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub enum Destination {
    /// An in-plan Roth rollover into the plan's designated Roth account.
    #[serde(rename = "designated Roth account (in-plan Roth rollover)")]
    DesignatedRothAccount,
    /// A direct rollover of the whole withdrawal to a Roth IRA.
    #[serde(rename = "Roth IRA (direct rollover)")]
    RothIra,
    /// The split's basis, rolled directly to a Roth IRA (Notice 2014-54).
    #[serde(rename = "Roth IRA (direct rollover of basis)")]
    RothIraBasis,
    /// The split's earnings, rolled directly to a traditional IRA (Notice 2014-54).
    #[serde(rename = "traditional IRA (direct rollover of earnings)")]
    TraditionalIraEarnings,
    /// Roth match and nonelective money made this year (SECURE 2.0 §604; Notice 2024-2).
    #[serde(rename = "designated Roth account (Roth employer contributions)")]
    DesignatedRothEmployer,
}

/// A Form 1099-R box 7 distribution code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub enum DistributionCode {
    /// G: a direct rollover (or in-plan Roth rollover), not taxed as a distribution.
    G,
}

/// A warning's stable machine-readable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    /// The plan file gives no pay frequency; biweekly is assumed.
    PayFrequencyAssumed,
    /// The year has an extra (27th biweekly or 53rd weekly) payday.
    ExtraPayday,
    /// A payday moved across the year's edge, so it counts in the other year.
    PaydayMoved,
    /// Last year's pay makes the participant an HCE, subject to the 401(m) ACP test.
    HceAcpTest,
    /// Catch-up must be Roth under 414(v)(7).
    RothCatchUp,
    /// The participant may make catch-up contributions but does not elect them.
    CatchUpAvailable,
    /// Catch-up is elected before the year the participant turns 50.
    CatchUpNotEligible,
    /// Deferrals do not reach the catch-up allowed.
    CatchUpNotUsed,
    /// The after-tax election asks for more than the room.
    AfterTaxOvershoot,
    /// The paychecks cannot hold all the plan file asks for; the excess was cut.
    PaycheckTooSmall,
    /// The split sends earnings to a traditional IRA (pro-rata rule).
    SplitIraProRata,
    /// No annual return given; 7% is assumed.
    ReturnAssumed,
    /// No `[tax]` table: the conversion tax is not computed.
    NoTaxTable,
    /// Some after-tax money converts (and is taxed) next January.
    ConversionNextYear,
    /// Taxable amounts converted in-plan fall under the five-year rule.
    FiveYearRule,
    /// Match paid per paycheck without a true-up falls short of the annual formula.
    MatchLost,
    /// Compensation, not the dollar limit, sets 415(c), and it is full.
    #[serde(rename = "compensation-limits-415c")]
    CompensationLimits415c,
    /// Elective deferrals pass 402(g) plus any catch-up (contract §4).
    ExcessDeferral,
    /// One employer's annual additions pass 415(c) (contract §4).
    ExcessAnnualAdditions,
    /// A self-employed plan's employer contribution was cut to the most allowed.
    EmployerContributionCut,
    /// A money amount under $100 where a percent was probably meant.
    SmallMoney,
}

impl WarningCode {
    /// Whether the warning is about the conversion estimate (the return assumed, the tax,
    /// the five-year rule, where the money goes): `mbr check`, which prints the verdict
    /// alone and computes no estimate, leaves these out.
    #[must_use]
    pub fn about_conversion(self) -> bool {
        matches!(
            self,
            Self::SplitIraProRata
                | Self::ReturnAssumed
                | Self::NoTaxTable
                | Self::ConversionNextYear
                | Self::FiveYearRule
        )
    }
}

/// Writes a word-valued enum as the word its JSON uses, so that tables and JSON agree.
fn write_word<T: Serialize>(value: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(word)) => f.write_str(&word),
        _ => Err(fmt::Error),
    }
}

macro_rules! display_as_json_word {
    ($($t:ty),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_word(self, f)
            }
        }
    )*};
}
display_as_json_word!(
    RothRouteName,
    OutsideRothName,
    Status,
    StepKind,
    LimitName,
    Destination,
    DistributionCode,
    WarningCode
);

/// The schema of a plan word the output repeats: one of `words`, each with what it means.
fn one_of(description: &str, words: &[(&str, &str)]) -> schemars::Schema {
    let words: Vec<serde_json::Value> = words
        .iter()
        .map(|(word, meaning)| {
            serde_json::json!({ "const": word, "description": meaning, "type": "string" })
        })
        .collect();
    schemars::json_schema!({ "description": description, "oneOf": words })
}

// The plan's own words (`word()`) are what the output shows for its pay frequency, route and
// conversion frequency; their meanings below give the schema its descriptions.

impl Serialize for PayFrequency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.word())
    }
}

impl JsonSchema for PayFrequency {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PayFrequency".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let meaning = |f: Self| match f {
            Self::Weekly => "Every week.",
            Self::Biweekly => "Every two weeks (26, sometimes 27, paydays).",
            Self::Semimonthly => "Twice a month (24 paydays).",
            Self::Monthly => "Once a month (12 paydays).",
        };
        let all = [
            Self::Weekly,
            Self::Biweekly,
            Self::Semimonthly,
            Self::Monthly,
        ];
        one_of(
            "How often the participant is paid.",
            &all.map(|f| (f.word(), meaning(f))),
        )
    }
}

impl Serialize for Route {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.word())
    }
}

impl JsonSchema for Route {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Route".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let meaning = |r: Self| match r {
            Self::InPlan => "In-plan Roth conversion.",
            Self::RothIra => "In-service withdrawal rolled to a Roth IRA.",
            Self::Split => {
                "Notice 2014-54 split: basis to a Roth IRA, earnings to a traditional IRA."
            }
        };
        let all = [Self::InPlan, Self::RothIra, Self::Split];
        one_of(
            "Where converted after-tax money goes.",
            &all.map(|r| (r.word(), meaning(r))),
        )
    }
}

impl Serialize for Frequency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.word())
    }
}

impl JsonSchema for Frequency {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Frequency".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let meaning = |f: Self| match f {
            Self::Immediate => "Converted the same day.",
            Self::Daily => "Converted the next day.",
            Self::Weekly => "Converted the next Friday.",
            Self::Monthly => "Converted on the last day of the month.",
            Self::Quarterly => "Converted on the last day of the calendar quarter.",
            Self::Annually => "Converted on December 31.",
        };
        one_of(
            "How often after-tax money is converted.",
            &Self::ALL.map(|f| (f.word(), meaning(f))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word-valued enum prints, in tables, the very word its JSON carries.
    #[test]
    fn tables_print_the_json_words() {
        assert_eq!(Status::NotConvertible.to_string(), "not-convertible");
        assert_eq!(StepKind::Dollars.to_string(), "dollars");
        assert_eq!(LimitName::CatchUp6063.to_string(), "catch_up_60_63");
        assert_eq!(
            Destination::TraditionalIraEarnings.to_string(),
            "traditional IRA (direct rollover of earnings)"
        );
        assert_eq!(DistributionCode::G.to_string(), "G");
        assert_eq!(
            WarningCode::CompensationLimits415c.to_string(),
            "compensation-limits-415c"
        );
        assert_eq!(WarningCode::HceAcpTest.to_string(), "hce-acp-test");
        assert_eq!(WarningCode::ExcessDeferral.to_string(), "excess-deferral");
        assert_eq!(WarningCode::PaydayMoved.to_string(), "payday-moved");
        assert_eq!(
            WarningCode::ExcessAnnualAdditions.to_string(),
            "excess-annual-additions"
        );
        assert_eq!(
            serde_json::to_value(Route::RothIra).ok(),
            Some("roth-ira".into())
        );
    }
}
