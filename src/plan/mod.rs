//! The participant's plan, as validated from a plan file.
//!
//! `parse` turns TOML into these types, rejecting anything the contract does not allow;
//! the engine takes a `Plan` and never sees the file again. Positions of the keys that can
//! only be checked against a year's limits are kept in `Locations`.

pub mod keys;
mod parse;

use rust_decimal::Decimal;

pub use crate::calendar::{HolidayRule, PayFrequency};
use crate::calendar::{Payday, Schedule};
use crate::date::Date;
use crate::limits::FilingStatus;

pub use parse::{check_against_limits, check_against_prior_year, parse};

/// Money, a percent of pay, or "as much as the limits allow".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// Dollars for the year.
    Money(Decimal),
    /// A fraction of each paycheck's pay.
    Percent(Decimal),
    /// The most the limits allow.
    Max,
}

impl Amount {
    /// Whether this amount contributes nothing.
    #[must_use]
    pub fn is_zero(self) -> bool {
        matches!(self, Self::Money(m) | Self::Percent(m) if m.is_zero())
    }
}

/// A plan feature the participant may not have found out about yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// The plan has it.
    Yes,
    /// The plan does not have it.
    No,
    /// Not known yet: ask the plan administrator.
    Unknown,
}

impl Feature {
    /// The feature as the plan file writes it.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Yes => "true",
            Self::No => "false",
            Self::Unknown => "unknown",
        }
    }
}

/// A self-employed participant's business income (contract 2b; RULES.md section 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelfEmployment {
    /// Net profit from the business (Schedule C line 31).
    pub net_profit: Decimal,
    /// W-2 box 3 wages from employers this year, which use up the Social Security wage base
    /// before the self-employment tax does; `None` when the file leaves it out (0 alone, or
    /// the other `--plan` files' pay).
    pub other_social_security_wages: Option<Decimal>,
}

/// The participant.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// Age on December 31 of the plan year.
    pub age: u32,
    /// Annual plan compensation. For a self-employed participant, the net profit until the
    /// engine works out earned income from it (`engine::self_employed`).
    pub compensation: Decimal,
    /// Set for a self-employed participant (`self_employment_income`): there are no
    /// paychecks, and compensation is earned income (RULES.md section 8).
    pub self_employment: Option<SelfEmployment>,
    /// First day at this employer this year (`employed_from`): earlier paydays are not this
    /// plan's.
    pub employed_from: Option<Date>,
    /// Last day at this employer this year (`employed_until`): later paydays are not this
    /// plan's.
    pub employed_until: Option<Date>,
    /// Pay frequency, and whether the plan file left it out (then biweekly is assumed).
    pub pay_frequency: PayFrequency,
    /// True when the plan file did not give `pay_frequency`.
    pub pay_frequency_assumed: bool,
    /// Last year's compensation, for HCE status (defaults to `compensation`).
    pub prior_year_compensation: Option<Decimal>,
    /// Last year's FICA wages (W-2 box 3) from this employer, for the Roth catch-up rule.
    pub prior_year_fica_wages: Option<Decimal>,
}

impl Participant {
    /// Last year's pay from this employer, for the 414(q) HCE test: `prior_year_compensation`,
    /// or when the plan file does not give it, 0 for someone hired this year (they had no
    /// pay from this employer last year: contract 2b, "New hires"; RULES.md section 9) and
    /// this year's compensation for anyone else.
    #[must_use]
    pub fn prior_year_pay(&self) -> Decimal {
        self.prior_year_compensation
            .unwrap_or(if self.employed_from.is_some() {
                Decimal::ZERO
            } else {
                self.compensation
            })
    }

    /// Whether the participant works for this employer for only part of the year.
    #[must_use]
    pub fn part_year(&self) -> bool {
        self.employed_from.is_some() || self.employed_until.is_some()
    }

    /// Whether the participant works for this employer on `date` (`employed_from` to
    /// `employed_until`, both included): only paychecks paid on such a day are this plan's
    /// (RULES.md section 9).
    #[must_use]
    pub fn employed_on(&self, date: Date) -> bool {
        self.employed_from.is_none_or(|from| date >= from)
            && self.employed_until.is_none_or(|until| date <= until)
    }

    /// Last year's FICA wages from this employer, for the 414(v)(7) Roth catch-up test:
    /// `prior_year_fica_wages`, or last year's pay ([`Self::prior_year_pay`]) standing in.
    #[must_use]
    pub fn prior_year_wages(&self) -> Decimal {
        self.prior_year_fica_wages
            .unwrap_or_else(|| self.prior_year_pay())
    }
}

/// Elective deferrals (402(g)).
#[derive(Debug, Clone, PartialEq)]
pub struct Deferrals {
    /// Pre-tax deferrals.
    pub pretax: Amount,
    /// Designated Roth deferrals.
    pub roth: Amount,
    /// The participant makes age-based catch-up contributions.
    pub catch_up: bool,
    /// The plan offers the larger age 60–63 catch-up (an optional plan feature; default true).
    pub catch_up_60_63: bool,
}

/// One tier of a matching formula: `rate` of the next `on` of pay deferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    /// The employer's rate on this slice (1 = dollar for dollar).
    pub rate: Decimal,
    /// The slice of pay, as a fraction.
    pub on: Decimal,
}

/// What the match applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchBase {
    /// Elective deferrals only.
    Deferrals,
    /// Elective deferrals and after-tax contributions.
    DeferralsAndAfterTax,
}

/// The employer's matching contribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Tiers, applied in order to the share of pay contributed.
    pub tiers: Vec<Tier>,
    /// Annual dollar cap.
    pub cap: Option<Decimal>,
    /// What is matched.
    pub matches: MatchBase,
    /// Whether the plan file says what is matched (`match.matches`), rather than leaving
    /// the default.
    pub matches_given: bool,
    /// Whether the employer trues up to the annual formula.
    pub true_up: Feature,
    /// The participant takes the match as Roth (`match.roth`; SECURE 2.0 §604, IRC
    /// 402A(a) as amended): it counts in 415(c) as before, but it is income this year.
    /// `Unknown` is figured as not Roth, with a question for HR.
    pub roth: Feature,
}

/// A cap the plan puts on after-tax contributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    /// Dollars a year.
    Money(Decimal),
    /// A fraction of (401(a)(17)-limited) compensation.
    Percent(Decimal),
}

/// After-tax (non-Roth) employee contributions.
#[derive(Debug, Clone, PartialEq)]
pub struct AfterTax {
    /// Whether the plan accepts them.
    pub allowed: Feature,
    /// The plan's own cap.
    pub limit: Option<Cap>,
    /// What the participant plans to contribute.
    pub amount: Amount,
}

/// How often after-tax money is converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Frequency {
    /// The same day.
    Immediate,
    /// The next day.
    Daily,
    /// The next Friday.
    Weekly,
    /// The last day of the month.
    Monthly,
    /// The last day of the calendar quarter.
    Quarterly,
    /// December 31.
    Annually,
}

impl Frequency {
    /// Every frequency, most frequent first.
    pub const ALL: [Self; 6] = [
        Self::Immediate,
        Self::Daily,
        Self::Weekly,
        Self::Monthly,
        Self::Quarterly,
        Self::Annually,
    ];

    /// The word the plan file uses.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Immediate => "immediate",
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
            Self::Quarterly => "quarterly",
            Self::Annually => "annually",
        }
    }
}

/// Where converted after-tax money goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// In-plan Roth conversion.
    InPlan,
    /// In-service withdrawal rolled to a Roth IRA.
    RothIra,
    /// Notice 2014-54 split: basis to a Roth IRA, earnings to a traditional IRA.
    Split,
}

impl Route {
    /// The word the plan file uses.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::InPlan => "in-plan",
            Self::RothIra => "roth-ira",
            Self::Split => "split",
        }
    }
}

/// The plan's conversion features and the participant's choice of route.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    /// In-plan Roth conversion of after-tax money.
    pub in_plan_roth_conversion: Feature,
    /// In-service distribution of after-tax money.
    pub in_service_withdrawal: Feature,
    /// The plan converts every after-tax contribution at once.
    pub automatic: Feature,
    /// Chosen frequency, if the file gives one.
    pub frequency: Option<Frequency>,
    /// Chosen route, if the file gives one.
    pub route: Option<Route>,
}

impl Conversion {
    /// The frequency in effect: the file's, else immediate when automatic, else annually.
    #[must_use]
    pub fn effective_frequency(&self) -> Frequency {
        self.frequency.unwrap_or(if self.automatic == Feature::Yes {
            Frequency::Immediate
        } else {
            Frequency::Annually
        })
    }

    /// The route in effect: the file's, else in-plan when the plan converts in-plan, else a
    /// rollover to a Roth IRA.
    #[must_use]
    pub fn effective_route(&self) -> Route {
        self.route
            .unwrap_or(if self.in_plan_roth_conversion == Feature::Yes {
                Route::InPlan
            } else {
                Route::RothIra
            })
    }
}

/// The plan's election increment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A fraction of pay ("1%" → 0.01).
    Percent(Decimal),
    /// Dollars per paycheck.
    Money(Decimal),
}

/// A bonus paycheck.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bonus {
    /// Its payday.
    pub date: Date,
    /// Its gross amount.
    pub amount: Decimal,
    /// Whether the percent elections apply to it (they do unless the plan says otherwise).
    pub elections_apply: bool,
}

/// What a payroll pays in a year with more paydays than usual (27 biweekly, 53 weekly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExtraPaycheck {
    /// Each paycheck is the annual rate over the usual number of paydays, so the year pays
    /// more than `compensation` (27/26 of it biweekly).
    AddsPay,
    /// The year pays `compensation`, spread over all its paydays.
    SameYearPay,
    /// Not known yet: figured as `SameYearPay`, with a question for HR.
    #[default]
    Unknown,
}

impl ExtraPaycheck {
    /// Every value, as the plan file lists them.
    pub const ALL: [Self; 3] = [Self::AddsPay, Self::SameYearPay, Self::Unknown];

    /// The word the plan file uses.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::AddsPay => "adds-pay",
            Self::SameYearPay => "same-year-pay",
            Self::Unknown => "unknown",
        }
    }
}

/// How payroll applies the 401(a)(17) compensation limit within the year (RULES.md section
/// 3): the year's match and percent-of-pay employer money never count pay above it, but
/// when, paycheck by paycheck, that pay stops counting is the plan's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompensationLimit {
    /// The IRS default: elections go on from all pay (until 402(g)); the match and
    /// percent-of-pay employer money stop once the year's pay reaches the limit.
    Continue,
    /// Elections, the match and percent-of-pay employer money all stop there.
    Stop,
    /// Elections go on; the match and percent-of-pay employer money count each paycheck's
    /// pay only up to the limit / the year's paychecks (Treas. Reg.
    /// 1.401(a)(17)-1(b)(3)(iii)(A), the periodic method).
    ProRata,
    /// Not known yet: figured as `Continue`, with a question for HR when pay passes it.
    #[default]
    Unknown,
}

impl CompensationLimit {
    /// Every value, as the plan file lists them.
    pub const ALL: [Self; 4] = [Self::Continue, Self::Stop, Self::ProRata, Self::Unknown];

    /// The word the plan file uses.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Self::Continue => "continue",
            Self::Stop => "stop",
            Self::ProRata => "pro-rata",
            Self::Unknown => "unknown",
        }
    }
}

/// Payroll details.
#[derive(Debug, Clone, PartialEq)]
pub struct Payroll {
    /// The first payday of the year, if the file gives it.
    pub first_payday: Option<Date>,
    /// The two semimonthly paydays of each month (31 = the last day), if the file gives them.
    pub semimonthly_days: Option<[u8; 2]>,
    /// Which way a payday on a weekend or bank holiday moves.
    pub holidays: HolidayRule,
    /// What a year with an extra payday pays.
    pub extra_paycheck: ExtraPaycheck,
    /// How payroll applies the 401(a)(17) limit within the year.
    pub compensation_limit: CompensationLimit,
    /// Election increment.
    pub election_step: Step,
    /// Whether the plan file gives the election step, rather than leaving the default.
    pub election_step_given: bool,
    /// Bonus paychecks.
    pub bonuses: Vec<Bonus>,
    /// The plan's cap on all elections together, as a fraction of each paycheck's pay
    /// (every paycheck, and front-loading schedules); `None` when the file does not say:
    /// then a paycheck holds its pay less FICA, and front-loading assumes 50%.
    pub max_election: Option<Decimal>,
    /// The participant's elections stop after this payday. Not a plan-file key: the engine
    /// sets it to try a front-loading schedule.
    pub elections_stop_after: Option<Date>,
    /// The "paychecks" are a self-employed participant's own deposits (RULES.md §8): no
    /// FICA is withheld from them and no paycheck bounds them. Not a plan-file key: the
    /// engine sets it (`engine::self_employed`).
    pub deposits: bool,
}

/// How conversion earnings are taxed.
#[derive(Debug, Clone, PartialEq)]
pub enum Tax {
    /// A flat marginal rate.
    Marginal {
        /// Federal marginal rate.
        rate: Decimal,
        /// State rate.
        state_rate: Decimal,
    },
    /// The incremental federal tax from the year's brackets.
    Brackets {
        /// Filing status.
        filing_status: FilingStatus,
        /// Other taxable income for the year.
        taxable_income: Decimal,
        /// State rate.
        state_rate: Decimal,
    },
}

impl Tax {
    /// This tax with `income` more taxable income under it: the brackets' `taxable_income`
    /// raised, so that what is taxed next pays the rate above it (Roth employer money is
    /// income before the conversion is); a marginal rate is the same.
    #[must_use]
    pub fn above(&self, income: Decimal) -> Self {
        match self {
            Self::Marginal { .. } => self.clone(),
            Self::Brackets {
                filing_status,
                taxable_income,
                state_rate,
            } => Self::Brackets {
                filing_status: *filing_status,
                taxable_income: taxable_income + income,
                state_rate: *state_rate,
            },
        }
    }
}

/// How much of an existing after-tax balance is converted this year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convert {
    /// All of it.
    All,
    /// This many dollars of it.
    Money(Decimal),
}

/// After-tax money already in the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    /// Contributions plus their earnings.
    pub after_tax_balance: Decimal,
    /// The contributions alone.
    pub after_tax_basis: Decimal,
    /// How much is converted this year.
    pub convert: Convert,
}

/// Another employer's 401(k) or 403(b) plan this year, in summary (`[[other_plans]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherPlan {
    /// The file's label for it.
    pub name: Option<String>,
    /// Pre-tax plus Roth deferred there this year, catch-up included: they share this
    /// person's 402(g) limit (RULES.md section 9).
    pub deferrals: Decimal,
    /// The plan is this employer's or its controlled group's (or a 403(b) beside a business
    /// the participant controls), sharing this plan's 415(c) limit.
    pub same_employer: bool,
    /// That plan's 415(c) annual additions this year (counted only with `same_employer`).
    pub annual_additions: Decimal,
}

/// Figures from the latest pay stub, for a mid-year plan.
#[derive(Debug, Clone, PartialEq)]
pub struct YearToDate {
    /// Paychecks on or before this date are already paid.
    pub as_of: Date,
    /// Pre-tax deferrals so far.
    pub pretax: Decimal,
    /// Roth deferrals so far.
    pub roth: Decimal,
    /// After-tax contributions so far.
    pub after_tax: Decimal,
    /// Match so far.
    pub employer_match: Decimal,
    /// Nonelective contributions so far.
    pub nonelective: Decimal,
}

/// Where the keys that are checked against the year's limits stand in the plan file, so
/// that an error found after parsing still names its file, line and column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Places {
    /// The file as the user named it.
    pub file: String,
    spots: Vec<(&'static str, usize, usize)>,
}

impl Places {
    /// Records where `key` stands.
    pub fn record(&mut self, key: &'static str, (line, column): (usize, usize)) {
        self.spots.push((key, line, column));
    }

    /// An `Invalid` error at `key`, if the file has that key.
    #[must_use]
    pub fn error(&self, key: &str, problem: String) -> Option<crate::error::FileError> {
        self.spots
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(k, line, column)| crate::error::FileError {
                file: self.file.clone(),
                line: *line,
                column: *column,
                key: (*k).to_string(),
                kind: Box::new(crate::error::FileErrorKind::Invalid {
                    key: (*k).to_string(),
                    problem,
                }),
            })
    }
}

/// A validated plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Tax year.
    pub year: i32,
    /// The participant.
    pub participant: Participant,
    /// Elective deferrals.
    pub deferrals: Deferrals,
    /// Employer match, if any.
    pub employer_match: Option<Match>,
    /// Employer nonelective (profit-sharing, safe-harbor) money; `Max` only for a
    /// self-employed participant.
    pub nonelective: Amount,
    /// The nonelective money is made as Roth (`employer.nonelective_roth`; SECURE 2.0
    /// §604): income this year, like a Roth match. `Unknown` is figured as not Roth.
    pub nonelective_roth: Feature,
    /// The controlled group the employer belongs to (`employer.controlled_group`): `--plan`
    /// files naming the same one share one 415(c) limit.
    pub controlled_group: Option<String>,
    /// Other plans this year.
    pub other_plans: Vec<OtherPlan>,
    /// After-tax contributions.
    pub after_tax: AfterTax,
    /// Conversion features and choices.
    pub conversion: Conversion,
    /// Payroll details.
    pub payroll: Payroll,
    /// Expected return while after-tax money waits; `None` when the file leaves it out.
    pub annual_return: Option<Decimal>,
    /// How conversion earnings are taxed; `None` without a `[tax]` table.
    pub tax: Option<Tax>,
    /// Existing after-tax money.
    pub existing: Option<Existing>,
    /// Year-to-date figures.
    pub year_to_date: Option<YearToDate>,
    /// Where the keys checked against the year's limits stand in the file.
    pub places: Places,
}

impl Plan {
    /// The payroll calendar the file describes.
    #[must_use]
    pub fn schedule(&self) -> Schedule {
        Schedule {
            frequency: self.participant.pay_frequency,
            first_payday: self.payroll.first_payday,
            semimonthly_days: self.payroll.semimonthly_days,
            holidays: self.payroll.holidays,
        }
    }

    /// This plan's regular paydays: those paid in the plan year while the participant works
    /// for the employer (`employed_from` to `employed_until`, by the day paid), in order
    /// (bonuses not included).
    #[must_use]
    pub fn paydays(&self) -> Vec<Payday> {
        let mut days = self.schedule_paydays();
        days.retain(|d| self.participant.employed_on(d.paid));
        days
    }

    /// Every regular payday the payroll's schedule pays in the plan year, employed or not:
    /// a whole year's paychecks, as the periodic 401(a)(17) limit counts them.
    #[must_use]
    pub fn schedule_paydays(&self) -> Vec<Payday> {
        crate::calendar::paydays(self.year, &self.schedule())
    }

    /// This plan's paydays paid in another year than scheduled, either way across the
    /// year's edge (see [`crate::calendar::crossing_year`]): one paid in the plan year while
    /// the participant works there, or one scheduled in it on a day they work there and
    /// paid in another year.
    #[must_use]
    pub fn paydays_crossing_year(&self) -> Vec<Payday> {
        let mut days = crate::calendar::crossing_year(self.year, &self.schedule());
        days.retain(|d| {
            self.participant.employed_on(if d.paid.year() == self.year {
                d.paid
            } else {
                d.scheduled
            })
        });
        days
    }

    /// For a participant who leaves this year (`employed_until`) where no other route is
    /// known to be there (neither an in-plan Roth conversion nor an in-service withdrawal is
    /// `true`), the day the after-tax money can be rolled out: after separation, whatever
    /// the plan's conversion features (RULES.md section 9; Notice 2014-54 for the split).
    #[must_use]
    pub fn rollout_at_separation(&self) -> Option<Date> {
        let c = &self.conversion;
        self.participant
            .employed_until
            .filter(|_| c.in_plan_roth_conversion != Feature::Yes)
            .filter(|_| c.in_service_withdrawal != Feature::Yes)
    }

    /// The return the engine uses: the file's, else 7% (the contract's default).
    #[must_use]
    pub fn effective_return(&self) -> Decimal {
        self.annual_return.unwrap_or(Decimal::new(7, 2))
    }
}
