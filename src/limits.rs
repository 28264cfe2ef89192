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

/// The first tax year with the age 60–63 catch-up: IRC 414(v)(2)(E), added by SECURE 2.0
/// §109 for taxable years beginning after December 31, 2024 (Notice 2024-80). A limits file
/// for this year or later must carry its figure.
pub const FIRST_YEAR_CATCH_UP_60_63: i32 = 2025;

/// The first tax year with the Roth catch-up wage threshold: IRC 414(v)(7)(A), added by
/// SECURE 2.0 §603 for taxable years beginning after December 31, 2023 (enforced from 2026
/// after the Notice 2023-62 transition period). A limits file for this year or later must
/// carry it.
pub const FIRST_YEAR_ROTH_CATCH_UP: i32 = 2024;

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

/// The year a command uses when the user did not name one and mbr has no limits for the
/// current year: which year it wanted and which it used instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearFallback {
    /// The current calendar year, which has no built-in limits.
    pub wanted: i32,
    /// The newest built-in year, used instead.
    pub used: i32,
}

/// The tax year a command uses for its limits. A year the user `asked` for (`--year`, or a
/// plan file's `year`) is used as it is, built in or not: a plan for 2027 must not be
/// computed with 2026's limits behind the user's back. With no year asked, the `current`
/// calendar year is used when its limits are built in; otherwise (on January 1 before a
/// release has next year's figures) the newest `built_in` year not after it (or, if the
/// clock is before every built-in year, the newest one), and the fallback is returned for a
/// notice. Pure: the caller reads the clock.
#[must_use]
pub fn year_to_use(
    asked: Option<i32>,
    current: i32,
    built_in: &[i32],
) -> (i32, Option<YearFallback>) {
    if let Some(year) = asked {
        return (year, None);
    }
    if built_in.contains(&current) {
        return (current, None);
    }
    let latest = built_in
        .iter()
        .filter(|y| **y <= current)
        .max()
        .or_else(|| built_in.iter().max());
    match latest {
        Some(&used) => (
            used,
            Some(YearFallback {
                wanted: current,
                used,
            }),
        ),
        None => (current, None),
    }
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

/// A figure: `{ amount = …, section = "…", source = "…" }`; `extra` names any further key
/// the figure may carry (`enforced` on the Roth catch-up threshold).
fn figure(field: &Field<'_, '_>, extra: &[&str]) -> Result<Figure, FileError> {
    let table = field.table()?;
    let mut allowed = vec!["amount", "section", "source"];
    allowed.extend_from_slice(extra);
    table.only(&allowed)?;
    Ok(Figure {
        amount: table
            .require("amount", "add `amount = …` in dollars")?
            .money()?,
        section: text(&table, "section", "the Internal Revenue Code section")?,
        source: text(&table, "source", "the IRS notice or revenue procedure")?,
    })
}

/// A figure's `section` or `source`: text that is not blank, so every figure stays cited.
fn text(table: &Table<'_, '_>, key: &str, what: &str) -> Result<String, FileError> {
    let field = table.require(key, &format!("add `{key} = \"…\"` naming {what}"))?;
    let value = field.string(&format!("is text naming {what}, in quotes"))?;
    if value.trim().is_empty() {
        return Err(field.invalid(format!("is empty; name {what} it comes from")));
    }
    Ok(value.to_string())
}

fn required_figure(table: &Table<'_, '_>, key: &str) -> Result<Figure, FileError> {
    figure(
        &table.require(
            key,
            &format!("add `{key} = {{ amount = …, section = \"…\", source = \"…\" }}`"),
        )?,
        &[],
    )
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

/// Parses a limits file, as strictly as a plan: every figure present (the age 60–63
/// catch-up from 2025 and the Roth catch-up threshold from 2024, the years the law has
/// them), each with a non-blank `section` and `source`; money never negative; rates at most
/// 100%; bracket rates rising and each filing status's thresholds starting at 0 and rising.
///
/// # Errors
/// The first missing, unknown or malformed entry in file order, with its position.
pub fn parse(file: &str, text: &str) -> Result<Limits, FileError> {
    let (doc, root) = Doc::parse(file, text)?;
    let top = doc.root(&root);
    top.only(&[
        "year",
        "checked",
        "retirement",
        "standard_deduction",
        "brackets",
        "self_employment_tax",
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
    let elective_deferral = required_figure(&retirement, "elective_deferral")?;
    let catch_up = required_figure(&retirement, "catch_up")?;
    let catch_up_60_63 = by_law(
        &retirement,
        "catch_up_60_63",
        year,
        FIRST_YEAR_CATCH_UP_60_63,
        "the age 60-63 catch-up (IRC 414(v)(2)(E), SECURE 2.0 sec. 109)",
    )?
    .map(|f| figure(&f, &[]))
    .transpose()?;
    let annual_additions = required_figure(&retirement, "annual_additions")?;
    let compensation = required_figure(&retirement, "compensation")?;
    let hce_threshold = required_figure(&retirement, "hce_threshold")?;
    let hce_prior_year_threshold = required_figure(&retirement, "hce_prior_year_threshold")?;
    let roth_catch_up = roth_catch_up(&retirement, year)?;
    let ira = required_figure(&retirement, "ira")?;
    let ira_catch_up = required_figure(&retirement, "ira_catch_up")?;
    let social_security_wage_base = required_figure(&retirement, "social_security_wage_base")?;

    let standard_deduction = standard_deduction(&top)?;
    let brk = required_table(&top, "brackets")?;
    let brackets_source = source(&brk)?;
    let (rates, starts) = rates_and_starts(&brk)?;
    let self_employment_tax = self_employment_tax(&top)?;

    Ok(Limits {
        year,
        checked,
        elective_deferral,
        catch_up,
        catch_up_60_63,
        annual_additions,
        compensation,
        hce_threshold,
        hce_prior_year_threshold,
        roth_catch_up,
        ira,
        ira_catch_up,
        social_security_wage_base,
        self_employment_tax,
        standard_deduction,
        brackets: Brackets {
            source: brackets_source,
            rates,
            starts,
        },
    })
}

/// A `[retirement]` figure the law has from `first_year` on: required in a file for that
/// year or later, optional before (a file may still carry it).
fn by_law<'d, 'a>(
    retirement: &Table<'d, 'a>,
    key: &str,
    year: i32,
    first_year: i32,
    what: &str,
) -> Result<Option<Field<'d, 'a>>, FileError> {
    match retirement.get(key) {
        Some(field) => Ok(Some(field)),
        None if year >= first_year => Err(retirement.missing(
            key,
            &format!(
                "{what} has a figure in every year from {first_year}: add `{key} = {{ amount = …, section = \"…\", source = \"…\" }}`"
            ),
        )),
        None => Ok(None),
    }
}

/// A rate with its source: `{ rate = "12.4%", section = "…", source = "…" }`.
fn rate(table: &Table<'_, '_>, key: &str) -> Result<Rate, FileError> {
    let field = table.require(
        key,
        &format!("add `{key} = {{ rate = \"…%\", section = \"…\", source = \"…\" }}`"),
    )?;
    let t = field.table()?;
    t.only(&["rate", "section", "source"])?;
    let rate = fraction(&t.require("rate", "add `rate = \"…%\"`")?)?;
    Ok(Rate {
        rate,
        section: text(&t, "section", "the Internal Revenue Code section")?,
        source: text(&t, "source", "the statute or form that states the rate")?,
    })
}

/// A percent of at most 100%, as a fraction.
fn fraction(field: &Field<'_, '_>) -> Result<Decimal, FileError> {
    let rate = field.percent()?;
    if rate > Decimal::ONE {
        return Err(field.invalid(format!(
            "must be at most 100%, not {}%",
            (rate * Decimal::ONE_HUNDRED).normalize()
        )));
    }
    Ok(rate)
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
    text(table, "source", "the revenue procedure")
}

/// The 414(v)(7) wage threshold, required from 2024; `enforced` defaults to true.
fn roth_catch_up(retirement: &Table<'_, '_>, year: i32) -> Result<Option<RothCatchUp>, FileError> {
    let Some(field) = by_law(
        retirement,
        "roth_catch_up_wage_threshold",
        year,
        FIRST_YEAR_ROTH_CATCH_UP,
        "the Roth catch-up wage threshold (IRC 414(v)(7), SECURE 2.0 sec. 603)",
    )?
    else {
        return Ok(None);
    };
    let threshold = figure(&field, &["enforced"])?;
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

/// The `[brackets]` table's rates (each at most 100%, rising) and, per filing status, where
/// each rate starts.
fn rates_and_starts(brk: &Table<'_, '_>) -> Result<(Vec<Decimal>, [Vec<Decimal>; 4]), FileError> {
    let mut allowed: Vec<&str> = FilingStatus::ALL.iter().map(|s| s.key()).collect();
    allowed.extend(["source", "rates"]);
    brk.only(&allowed)?;
    let rates_field = brk.require("rates", "add `rates = [\"10%\", …]`")?;
    let items = rates_field.array("is a list of percents such as [\"10%\", \"12%\"]")?;
    let mut rates: Vec<Decimal> = Vec::with_capacity(items.len());
    for item in &items {
        let rate = fraction(item)?;
        if let Some(last) = rates.last()
            && rate <= *last
        {
            return Err(item.invalid(format!(
                "must be above the rate before it ({}%): list the rates lowest first",
                (*last * Decimal::ONE_HUNDRED).normalize()
            )));
        }
        rates.push(rate);
    }
    if rates.is_empty() {
        return Err(rates_field.invalid("must list at least one rate"));
    }
    let starts = statuses(brk, |field| thresholds(field, rates.len()))?;
    Ok((rates, starts))
}

/// One filing status's bracket thresholds: one per rate, starting at 0 and rising.
fn thresholds(field: &Field<'_, '_>, rates: usize) -> Result<Vec<Decimal>, FileError> {
    let items = field.array("is a list of dollar thresholds, one per rate")?;
    let mut list: Vec<Decimal> = Vec::with_capacity(items.len());
    for item in &items {
        let start = item.money()?;
        match list.last() {
            None if !start.is_zero() => {
                return Err(item.invalid(format!(
                    "must be 0: the lowest rate starts at the first dollar, not at {start}"
                )));
            }
            Some(last) if start <= *last => {
                return Err(item.invalid(format!(
                    "must be above the threshold before it ({last}): list thresholds lowest first, one per rate"
                )));
            }
            _ => {}
        }
        list.push(start);
    }
    if list.len() != rates {
        return Err(field.invalid(format!(
            "must have one threshold per rate ({rates}), not {}",
            list.len()
        )));
    }
    Ok(list)
}

/// The limits as a limits file that [`parse`] reads back to the same figures: what
/// `mbr limits --format toml` prints, for a user to copy, type next year's figures into from
/// the IRS notice, and pass with `--limits FILE`.
#[must_use]
pub fn to_toml(l: &Limits) -> String {
    let figure = |key: &str, f: &Figure, extra: &str| {
        format!(
            "{key} = {{ amount = {}, section = {}, source = {}{extra} }}\n",
            number(f.amount),
            quoted(&f.section),
            quoted(&f.source)
        )
    };
    let rate = |key: &str, r: &Rate| {
        format!(
            "{key} = {{ rate = {}, section = {}, source = {} }}\n",
            percent(r.rate),
            quoted(&r.section),
            quoted(&r.source)
        )
    };
    let mut s = format!(
        "# mbr limits for tax year {year}: every figure with the Internal Revenue Code section and the\n\
         # document it comes from. For another year, change `year`, set `checked` to the day you\n\
         # check, type each amount and source from that year's IRS notice (cost-of-living\n\
         # adjustments) and revenue procedure (brackets, standard deduction), and pass the file\n\
         # with `--limits FILE`.\n\
         year = {year}\n\
         checked = {checked}   # the date these figures were last checked against their sources\n\
         \n[retirement]\n",
        year = l.year,
        checked = l.checked,
    );
    s += &figure("elective_deferral", &l.elective_deferral, "");
    s += &figure("catch_up", &l.catch_up, "");
    if let Some(f) = &l.catch_up_60_63 {
        s += "# Ages 60-63 at year end, if the plan offers it; replaces (does not add to) the age-50 catch-up.\n";
        s += &figure("catch_up_60_63", f, "");
    }
    s += &figure("annual_additions", &l.annual_additions, "");
    s += &figure("compensation", &l.compensation, "");
    s += &figure("hce_threshold", &l.hce_threshold, "");
    s += &format!(
        "# The {} threshold (tests {} pay, which decides HCE status in {}). For next year's\n\
         # file, copy `hce_threshold` above here, with its source: it is the year before's.\n",
        l.year - 1,
        l.year - 1,
        l.year
    );
    s += &figure("hce_prior_year_threshold", &l.hce_prior_year_threshold, "");
    if let Some(r) = &l.roth_catch_up {
        s += "# Prior-year FICA wages (W-2 box 3) above this make catch-ups Roth; enforced = false in a\n\
              # transition year.\n";
        s += &figure(
            "roth_catch_up_wage_threshold",
            &r.threshold,
            &format!(", enforced = {}", r.enforced),
        );
    }
    s += &figure("ira", &l.ira, "");
    s += &figure("ira_catch_up", &l.ira_catch_up, "");
    s += "# Set by the Social Security Administration, not the IRS.\n";
    s += &figure(
        "social_security_wage_base",
        &l.social_security_wage_base,
        "",
    );

    s += &format!(
        "\n[standard_deduction]\nsource = {}\n",
        quoted(&l.standard_deduction.source)
    );
    for status in FilingStatus::ALL {
        s += &format!(
            "{} = {}\n",
            status.key(),
            number(l.standard_deduction.amount(status))
        );
    }

    let rates: Vec<String> = l.brackets.rates.iter().map(|r| percent(*r)).collect();
    s += &format!(
        "\n[brackets]\nsource = {}\nrates = [{}]\n\
         # taxable income over which each rate starts, one list per filing status\n",
        quoted(&l.brackets.source),
        rates.join(", ")
    );
    for status in FilingStatus::ALL {
        let starts: Vec<String> = l
            .brackets
            .starts(status)
            .iter()
            .map(|d| number(*d))
            .collect();
        s += &format!("{} = [{}]\n", status.key(), starts.join(", "));
    }

    let se = &l.self_employment_tax;
    s += "\n# Self-employment tax (Schedule SE): statutory rates, not indexed.\n[self_employment_tax]\n";
    s += &rate("net_earnings", &se.net_earnings);
    s += &rate("social_security", &se.social_security);
    s += &rate("medicare", &se.medicare);
    s += &figure("floor", &se.floor, "");
    s += &rate("deductible", &se.deductible);
    s
}

/// A number as TOML writes it, exactly: `24500`, `1234.5`.
fn number(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A fraction as a percent string: 0.9235 → `"92.35%"`.
fn percent(rate: Decimal) -> String {
    format!("\"{}%\"", (rate * Decimal::ONE_HUNDRED).normalize())
}

/// Text as a TOML basic string, with `"`, `\\` and control characters escaped.
fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            c if c.is_control() => s.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in year printed as a limits file reads back to the same figures.
    #[test]
    fn printed_files_read_back_the_same() {
        for year in built_in_years() {
            let text = built_in(year).unwrap_or_default();
            let limits = parse("built-in.toml", text).unwrap_or_else(|e| panic!("{e}"));
            let printed = to_toml(&limits);
            let again =
                parse("printed.toml", &printed).unwrap_or_else(|e| panic!("{e}\n{printed}"));
            assert_eq!(again, limits, "{year}");
        }
    }

    #[test]
    fn text_with_quotes_and_backslashes_survives() {
        let tricky = "Notice \"2026-1\" \\ p. 2\ttab \u{7}";
        let text = built_in(2026)
            .unwrap_or_default()
            .replace("\"Rev. Proc. 2025-32\"", &quoted(tricky));
        let limits = parse("t.toml", &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(limits.brackets.source, tricky);
        let again = parse("p.toml", &to_toml(&limits)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.brackets.source, tricky);
    }

    const BUILT: &[i32] = &[2022, 2023, 2024, 2025, 2026];

    #[test]
    fn a_year_asked_for_is_used_as_it_is() {
        assert_eq!(year_to_use(Some(2027), 2027, BUILT), (2027, None));
        assert_eq!(year_to_use(Some(2024), 2027, BUILT), (2024, None));
        assert_eq!(year_to_use(Some(1999), 2026, BUILT), (1999, None));
    }

    #[test]
    fn the_current_year_is_used_when_built_in() {
        assert_eq!(year_to_use(None, 2026, BUILT), (2026, None));
        assert_eq!(year_to_use(None, 2023, BUILT), (2023, None));
    }

    /// On 2027-01-01, before a release carries 2027's figures: 2026's, with a notice.
    #[test]
    fn the_turn_of_the_year_falls_back_to_the_newest_year() {
        let fallback = YearFallback {
            wanted: 2027,
            used: 2026,
        };
        assert_eq!(year_to_use(None, 2027, BUILT), (2026, Some(fallback)));
        assert_eq!(
            year_to_use(None, 2030, BUILT),
            (
                2026,
                Some(YearFallback {
                    wanted: 2030,
                    used: 2026
                })
            )
        );
        // Years listed out of order: still the newest not after the current year.
        assert_eq!(
            year_to_use(None, 2027, &[2026, 2022, 2025]),
            (
                2026,
                Some(YearFallback {
                    wanted: 2027,
                    used: 2026
                })
            )
        );
    }

    #[test]
    fn a_clock_before_every_built_in_year_uses_the_newest() {
        assert_eq!(
            year_to_use(None, 2001, BUILT),
            (
                2026,
                Some(YearFallback {
                    wanted: 2001,
                    used: 2026
                })
            )
        );
    }

    #[test]
    fn with_nothing_built_in_the_current_year_is_asked_for() {
        assert_eq!(year_to_use(None, 2027, &[]), (2027, None));
    }
}
