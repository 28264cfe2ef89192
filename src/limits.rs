//! The IRS figures for a tax year, read from `limits/YYYY.toml`.
//!
//! The files for the years mbr knows are built into the binary; `--limits FILE` replaces the
//! one for a year, so a user can add next year's figures the day the IRS publishes them.
//! Every figure keeps the document it comes from so reports can cite it.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::date::Date;
use crate::error::{FileError, FileErrorKind};
use crate::toml_doc::{Doc, Field, Table};

/// The built-in limits files, by year.
const BUILT_IN: &[(i32, &str)] = &[
    (2022, include_str!("../limits/2022.toml")),
    (2023, include_str!("../limits/2023.toml")),
    (2024, include_str!("../limits/2024.toml")),
    (2025, include_str!("../limits/2025.toml")),
    (2026, include_str!("../limits/2026.toml")),
];

/// The built-in limits file text for `year`, if mbr ships one.
#[must_use]
pub fn built_in(year: i32) -> Option<&'static str> {
    BUILT_IN
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, text)| *text)
}

/// The years with built-in limits, oldest first.
#[must_use]
pub fn built_in_years() -> Vec<i32> {
    BUILT_IN.iter().map(|(y, _)| *y).collect()
}

/// One figure and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The dollar amount.
    #[serde(serialize_with = "crate::money::json::cents")]
    pub amount: Decimal,
    /// The Internal Revenue Code section it implements.
    pub section: String,
    /// The IRS notice or revenue procedure that publishes it.
    pub source: String,
}

/// A statutory rate and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    /// The rate, as a fraction (12.4% → 0.124).
    #[serde(serialize_with = "crate::money::json::fraction")]
    pub rate: Decimal,
    /// The Internal Revenue Code section it implements.
    pub section: String,
    /// The statute and form that state it.
    pub source: String,
}

/// The self-employment tax figures (Schedule SE; LIMITS.md section 10): statutory, not
/// indexed, so each year's file repeats them with their sources. The Social Security part's
/// wage base is [`Limits::social_security_wage_base`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfEmploymentTax {
    /// Net earnings from self-employment as a share of net profit: 92.35%, IRC 1402(a)(12).
    pub net_earnings: Rate,
    /// The Social Security (old-age, survivors and disability) part: 12.4%, IRC 1401(a).
    pub social_security: Rate,
    /// The Medicare (hospital insurance) part: 2.9%, IRC 1401(b)(1).
    pub medicare: Rate,
    /// No self-employment tax under this much net earnings: $400, IRC 1402(b).
    pub floor: Figure,
    /// The share of the tax deducted from income: 50%, IRC 164(f).
    pub deductible: Rate,
}

/// The SECURE 2.0 §603 threshold above which catch-ups must be Roth (IRC 414(v)(7)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RothCatchUp {
    /// Prior-year FICA wages (W-2 box 3) above this make catch-ups Roth-only.
    pub threshold: Figure,
    /// False in the administrative transition years (2024–2025, Notice 2023-62).
    pub enforced: bool,
}

/// A federal filing status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FilingStatus {
    /// Single.
    Single,
    /// Married filing jointly (and surviving spouse).
    MarriedJointly,
    /// Married filing separately.
    MarriedSeparately,
    /// Head of household.
    HeadOfHousehold,
}

impl FilingStatus {
    /// Every status, in the order tables show them.
    pub const ALL: [Self; 4] = [
        Self::Single,
        Self::MarriedJointly,
        Self::MarriedSeparately,
        Self::HeadOfHousehold,
    ];

    /// The word used in plan and limits files.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Single => "single",
            Self::MarriedJointly => "married-jointly",
            Self::MarriedSeparately => "married-separately",
            Self::HeadOfHousehold => "head-of-household",
        }
    }

    /// The status for a plan-file word.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    fn index(self) -> usize {
        match self {
            Self::Single => 0,
            Self::MarriedJointly => 1,
            Self::MarriedSeparately => 2,
            Self::HeadOfHousehold => 3,
        }
    }
}

/// Ordinary income tax brackets for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Brackets {
    /// The revenue procedure.
    pub source: String,
    /// The rates, lowest first, as fractions.
    pub rates: Vec<Decimal>,
    /// For each filing status (in [`FilingStatus::ALL`] order), the taxable income over which
    /// each rate starts; the first is 0.
    pub starts: [Vec<Decimal>; 4],
}

impl Brackets {
    /// The thresholds for a filing status.
    #[must_use]
    pub fn starts(&self, status: FilingStatus) -> &[Decimal] {
        self.starts.get(status.index()).map_or(&[], Vec::as_slice)
    }

    /// Federal income tax on `taxable_income` for `status`: each slice of income taxed at
    /// its bracket's rate.
    #[must_use]
    pub fn tax(&self, status: FilingStatus, taxable_income: Decimal) -> Decimal {
        let starts = self.starts(status);
        let mut tax = Decimal::ZERO;
        for (i, (start, rate)) in starts.iter().zip(&self.rates).enumerate() {
            if taxable_income <= *start {
                break;
            }
            let top = starts
                .get(i + 1)
                .map_or(taxable_income, |next| taxable_income.min(*next));
            tax += (top - start) * rate;
        }
        tax
    }
}

/// Standard deduction by filing status.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardDeduction {
    /// The revenue procedure (and any later law).
    pub source: String,
    /// In [`FilingStatus::ALL`] order.
    pub amounts: [Decimal; 4],
}

impl StandardDeduction {
    /// The deduction for a filing status.
    #[must_use]
    pub fn amount(&self, status: FilingStatus) -> Decimal {
        self.amounts
            .get(status.index())
            .copied()
            .unwrap_or_default()
    }
}

/// Every figure mbr uses for one tax year.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// The tax year.
    pub year: i32,
    /// When the figures were last checked against their sources.
    pub checked: Date,
    /// 402(g)(1) elective deferral limit.
    pub elective_deferral: Figure,
    /// 414(v)(2)(B)(i) age-50 catch-up.
    pub catch_up: Figure,
    /// 414(v)(2)(E) age 60–63 catch-up, from 2025.
    pub catch_up_60_63: Option<Figure>,
    /// 415(c)(1)(A) annual additions dollar limit.
    pub annual_additions: Figure,
    /// 401(a)(17) compensation limit.
    pub compensation: Figure,
    /// 414(q)(1)(B) HCE threshold published for this year (tests this year's pay).
    pub hce_threshold: Figure,
    /// The HCE threshold published for the previous year, which tests last year's pay and so
    /// decides HCE status this year.
    pub hce_prior_year_threshold: Figure,
    /// 414(v)(7) Roth catch-up wage threshold, from 2024.
    pub roth_catch_up: Option<RothCatchUp>,
    /// 219(b)(5)(A) IRA contribution limit.
    pub ira: Figure,
    /// 219(b)(5)(B) IRA catch-up.
    pub ira_catch_up: Figure,
    /// Social Security wage base (caps W-2 box 3).
    pub social_security_wage_base: Figure,
    /// The self-employment tax rates.
    pub self_employment_tax: SelfEmploymentTax,
    /// Standard deduction by filing status.
    pub standard_deduction: StandardDeduction,
    /// Ordinary income tax brackets.
    pub brackets: Brackets,
}

const FIGURES: &[&str] = &[
    "elective_deferral",
    "catch_up",
    "catch_up_60_63",
    "annual_additions",
    "compensation",
    "hce_threshold",
    "hce_prior_year_threshold",
    "roth_catch_up_wage_threshold",
    "ira",
    "ira_catch_up",
    "social_security_wage_base",
];

fn figure(field: &Field<'_, '_>) -> Result<Figure, FileError> {
    let table = field.table()?;
    table.only(&["amount", "section", "source", "enforced"])?;
    let text = |key: &str| -> Result<String, FileError> {
        Ok(table
            .require(
                key,
                &format!("add `{key} = \"…\"` naming where the figure comes from"),
            )?
            .string("is text")?
            .to_string())
    };
    Ok(Figure {
        amount: table
            .require("amount", "add `amount = …` in dollars")?
            .money()?,
        section: text("section")?,
        source: text("source")?,
    })
}

fn required_figure(table: &Table<'_, '_>, key: &str) -> Result<Figure, FileError> {
    figure(&table.require(
        key,
        &format!("add `{key} = {{ amount = …, section = \"…\", source = \"…\" }}`"),
    )?)
}

fn statuses<T>(
    table: &Table<'_, '_>,
    read: impl Fn(&Field<'_, '_>) -> Result<T, FileError>,
) -> Result<[T; 4], FileError> {
    let get = |s: FilingStatus| -> Result<T, FileError> {
        read(&table.require(s.key(), &format!("add `{} = …`", s.key()))?)
    };
    Ok([
        get(FilingStatus::Single)?,
        get(FilingStatus::MarriedJointly)?,
        get(FilingStatus::MarriedSeparately)?,
        get(FilingStatus::HeadOfHousehold)?,
    ])
}

/// Parses a limits file.
///
/// # Errors
/// The first missing, unknown or malformed entry, with its position.
pub fn parse(file: &str, text: &str) -> Result<Limits, FileError> {
    let (doc, root) = Doc::parse(file, text)?;
    let top = doc.root(&root);
    top.only(&[
        "year",
        "checked",
        "retirement",
        "self_employment_tax",
        "standard_deduction",
        "brackets",
    ])?;
    let year = year(&top)?;
    let checked = top
        .require(
            "checked",
            "add `checked = 2026-11-24`, the date the figures were checked",
        )?
        .date()?;

    let retirement = required_table(&top, "retirement")?;
    retirement.only(FIGURES)?;
    let optional = |key: &str| retirement.get(key).map(|f| figure(&f)).transpose();
    let roth_catch_up = roth_catch_up(&retirement)?;
    let self_employment_tax = self_employment_tax(&top)?;
    let standard_deduction = standard_deduction(&top)?;
    let brk = required_table(&top, "brackets")?;
    let (rates, starts) = rates_and_starts(&brk)?;

    Ok(Limits {
        year,
        checked,
        elective_deferral: required_figure(&retirement, "elective_deferral")?,
        catch_up: required_figure(&retirement, "catch_up")?,
        catch_up_60_63: optional("catch_up_60_63")?,
        annual_additions: required_figure(&retirement, "annual_additions")?,
        compensation: required_figure(&retirement, "compensation")?,
        hce_threshold: required_figure(&retirement, "hce_threshold")?,
        hce_prior_year_threshold: required_figure(&retirement, "hce_prior_year_threshold")?,
        roth_catch_up,
        ira: required_figure(&retirement, "ira")?,
        ira_catch_up: required_figure(&retirement, "ira_catch_up")?,
        social_security_wage_base: required_figure(&retirement, "social_security_wage_base")?,
        self_employment_tax,
        standard_deduction,
        brackets: Brackets {
            source: source(&brk)?,
            rates,
            starts,
        },
    })
}

/// A rate with its source: `{ rate = "12.4%", section = "…", source = "…" }`.
fn rate(table: &Table<'_, '_>, key: &str) -> Result<Rate, FileError> {
    let field = table.require(
        key,
        &format!("add `{key} = {{ rate = \"…%\", section = \"…\", source = \"…\" }}`"),
    )?;
    let t = field.table()?;
    t.only(&["rate", "section", "source"])?;
    let text = |key: &str| -> Result<String, FileError> {
        Ok(t.require(
            key,
            &format!("add `{key} = \"…\"` naming where the rate comes from"),
        )?
        .string("is text")?
        .to_string())
    };
    let rate_field = t.require("rate", "add `rate = \"…%\"`")?;
    let rate = rate_field.percent()?;
    if rate > Decimal::ONE {
        return Err(rate_field.invalid("must be at most 100%"));
    }
    Ok(Rate {
        rate,
        section: text("section")?,
        source: text("source")?,
    })
}

/// The `[self_employment_tax]` table (Schedule SE; LIMITS.md section 10).
fn self_employment_tax(top: &Table<'_, '_>) -> Result<SelfEmploymentTax, FileError> {
    let table = required_table(top, "self_employment_tax")?;
    table.only(&[
        "net_earnings",
        "social_security",
        "medicare",
        "floor",
        "deductible",
    ])?;
    Ok(SelfEmploymentTax {
        net_earnings: rate(&table, "net_earnings")?,
        social_security: rate(&table, "social_security")?,
        medicare: rate(&table, "medicare")?,
        floor: required_figure(&table, "floor")?,
        deductible: rate(&table, "deductible")?,
    })
}

/// The file's `year`, within the range a tax year can sensibly take.
fn year(top: &Table<'_, '_>) -> Result<i32, FileError> {
    let field = top.require("year", "add `year = 2026` at the top")?;
    i32::try_from(field.integer()?)
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| field.invalid("must be a year such as 2026"))
}

/// A top-level table the file must have.
fn required_table<'d, 'a>(top: &Table<'d, 'a>, key: &str) -> Result<Table<'d, 'a>, FileError> {
    top.table(key)?.ok_or_else(|| {
        top.error(FileErrorKind::Missing {
            key: key.to_string(),
            fix: format!("add a `[{key}]` table"),
        })
    })
}

/// A table's `source`, the document its figures come from.
fn source(table: &Table<'_, '_>) -> Result<String, FileError> {
    Ok(table
        .require("source", "add `source = \"…\"`")?
        .string("is text")?
        .to_string())
}

/// The 414(v)(7) wage threshold, if the year has one; `enforced` defaults to true.
fn roth_catch_up(retirement: &Table<'_, '_>) -> Result<Option<RothCatchUp>, FileError> {
    let Some(field) = retirement.get("roth_catch_up_wage_threshold") else {
        return Ok(None);
    };
    let threshold = figure(&field)?;
    let enforced = field
        .table()?
        .get("enforced")
        .map(|f| f.boolean())
        .transpose()?
        .unwrap_or(true);
    Ok(Some(RothCatchUp {
        threshold,
        enforced,
    }))
}

/// The `[standard_deduction]` table: its source and one amount per filing status.
fn standard_deduction(top: &Table<'_, '_>) -> Result<StandardDeduction, FileError> {
    let table = required_table(top, "standard_deduction")?;
    let mut allowed: Vec<&str> = FilingStatus::ALL.iter().map(|s| s.key()).collect();
    allowed.push("source");
    table.only(&allowed)?;
    Ok(StandardDeduction {
        source: source(&table)?,
        amounts: statuses(&table, |f| f.money())?,
    })
}

/// The `[brackets]` table's rates and, per filing status, where each rate starts (its
/// `source` is read last, after the retirement figures).
fn rates_and_starts(brk: &Table<'_, '_>) -> Result<(Vec<Decimal>, [Vec<Decimal>; 4]), FileError> {
    let mut allowed: Vec<&str> = FilingStatus::ALL.iter().map(|s| s.key()).collect();
    allowed.extend(["source", "rates"]);
    brk.only(&allowed)?;
    let rates_field = brk.require("rates", "add `rates = [\"10%\", …]`")?;
    let rates = rates_field
        .array("is a list of percents such as [\"10%\", \"12%\"]")?
        .iter()
        .map(|f| f.percent())
        .collect::<Result<Vec<_>, _>>()?;
    let starts = statuses(brk, |field| thresholds(field, rates.len()))?;
    if rates.is_empty() {
        return Err(rates_field.invalid("must list at least one rate"));
    }
    Ok((rates, starts))
}

/// One filing status's bracket thresholds: one per rate, starting at 0 and rising.
fn thresholds(field: &Field<'_, '_>, rates: usize) -> Result<Vec<Decimal>, FileError> {
    let list = field
        .array("is a list of dollar thresholds, one per rate")?
        .iter()
        .map(|f| f.money())
        .collect::<Result<Vec<_>, _>>()?;
    if list.len() != rates {
        return Err(field.invalid(format!(
            "must have one threshold per rate ({rates}), not {}",
            list.len()
        )));
    }
    if list.first().is_some_and(|f| !f.is_zero()) || list.windows(2).any(|w| w.first() >= w.get(1))
    {
        return Err(field.invalid("must start at 0 and rise with each rate"));
    }
    Ok(list)
}
