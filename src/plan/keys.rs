//! Every key a plan file may hold, with the kind of value it takes and what it means: the
//! one list that the parser checks files against (unknown keys, "did you mean") and that
//! `mbr schema plan` turns into a JSON Schema for editors. A key added to the parser but
//! not here is refused as unknown, so the two cannot drift apart.

use serde_json::{Map, Value, json};

/// The kind of value a key takes, as the contract names them.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A whole number between the bounds.
    Integer(i64, i64),
    /// Dollars, never negative.
    Money,
    /// A string such as `"6%"`.
    Percent,
    /// Money, a percent of pay, or `"max"`.
    Amount,
    /// Money or a percent of pay.
    MoneyOrPercent,
    /// Money or `"all"`.
    MoneyOrAll,
    /// `true`, `false` or `"unknown"`.
    Feature,
    /// `true` or `false`.
    Bool,
    /// A TOML local date, `2026-07-07`.
    Date,
    /// Two whole days of the month, the first before the second, 31 for the last day.
    MonthDays,
    /// One of the listed strings.
    Choice(&'static [&'static str]),
    /// A short piece of text, such as a name.
    Text,
    /// A list of tables with the given keys.
    List(&'static [Key]),
    /// A table with the given keys.
    Table(&'static [Key]),
}

impl Kind {
    /// The kind in words, for the manual page's plan-file reference.
    #[must_use]
    pub fn words(self) -> String {
        match self {
            Self::Integer(min, max) => format!("a whole number from {min} to {max}"),
            Self::Money => "money (a number of dollars)".into(),
            Self::Percent => "a percent in quotes, such as \"6%\"".into(),
            Self::Amount => "money, a percent of pay such as \"10%\", or \"max\"".into(),
            Self::MoneyOrPercent => "money or a percent of pay such as \"10%\"".into(),
            Self::MoneyOrAll => "money or \"all\"".into(),
            Self::Feature => "true, false or \"unknown\"".into(),
            Self::Bool => "true or false".into(),
            Self::Date => "a date without quotes, such as 2026-07-07".into(),
            Self::MonthDays => "two days of the month, such as [15, 31]".into(),
            Self::Choice(words) => format!(
                "one of {}",
                words
                    .iter()
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::Text => "text in quotes".into(),
            Self::List(_) => "a list of tables".into(),
            Self::Table(_) => "a table".into(),
        }
    }
}

/// One key: its name, its kind, and a sentence for the editor to show.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// The key as written in the file.
    pub name: &'static str,
    /// What it takes.
    pub kind: Kind,
    /// Whether the table is incomplete without it.
    pub required: bool,
    /// What it means, for hover text.
    pub doc: &'static str,
    /// What a file that leaves the key out gets, in words, for the manual page; empty for
    /// a required key.
    pub default: &'static str,
}

impl Key {
    /// The same key with `text` as what leaving it out means.
    const fn or(self, text: &'static str) -> Self {
        Self {
            default: text,
            ..self
        }
    }
}

const fn key(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required: false,
        doc,
        default: "none",
    }
}

const fn required(name: &'static str, kind: Kind, doc: &'static str) -> Key {
    Key {
        name,
        kind,
        required: true,
        doc,
        default: "",
    }
}

/// `[participant]`.
pub const PARTICIPANT: &[Key] = &[
    key(
        "age",
        Kind::Integer(14, 120),
        "Age on December 31 of the plan year (or give birth_year).",
    ).or("none: give age or birth_year"),
    key(
        "birth_year",
        Kind::Integer(1800, 2200),
        "Year of birth, instead of age.",
    ).or("none: give age or birth_year"),
    key(
        "compensation",
        Kind::Money,
        "Annual plan compensation in dollars, bonuses included (or give self_employment_income).",
    ).or("none: give compensation or self_employment_income"),
    key(
        "self_employment_income",
        Kind::Money,
        "Self-employed: net profit from the business (Schedule C line 31), instead of compensation.",
    ).or("none: give compensation or self_employment_income"),
    key(
        "other_social_security_wages",
        Kind::Money,
        "Self-employed: W-2 box 3 wages from employers this year, for the self-employment tax.",
    ).or("0; with several --plan files, the other plans' pay"),
    key(
        "employed_from",
        Kind::Date,
        "First day at this employer this year; earlier paydays are not this plan's.",
    ).or("January 1: at the employer all year"),
    key(
        "employed_until",
        Kind::Date,
        "Last day at this employer this year; later paydays are not this plan's.",
    ).or("December 31: at the employer all year"),
    key(
        "pay_frequency",
        Kind::Choice(&["weekly", "biweekly", "semimonthly", "monthly"]),
        "How often you are paid.",
    ).or("\"biweekly\", with a warning; \"monthly\" when self-employed"),
    key(
        "prior_year_compensation",
        Kind::Money,
        "Last year's pay, for the HCE test (IRC 414(q)).",
    ).or("compensation; 0 for a new hire (employed_from)"),
    key(
        "prior_year_fica_wages",
        Kind::Money,
        "Last year's W-2 box 3 wages, for the SECURE 2.0 Roth catch-up rule.",
    ).or("last year's pay (prior_year_compensation); 0 for a new hire"),
];

/// `[deferrals]`.
pub const DEFERRALS: &[Key] = &[
    key(
        "pretax",
        Kind::Amount,
        "Pre-tax elective deferrals: dollars, a percent of pay, or \"max\".",
    )
    .or("0"),
    key(
        "roth",
        Kind::Amount,
        "Roth elective deferrals: dollars, a percent of pay, or \"max\".",
    )
    .or("0"),
    key(
        "catch_up",
        Kind::Bool,
        "You make age-50 catch-up contributions (IRC 414(v)).",
    )
    .or("false"),
    key(
        "catch_up_60_63",
        Kind::Bool,
        "The plan offers the larger catch-up for ages 60 to 63.",
    )
    .or("true"),
];

/// One tier of `[match] tiers`.
pub const TIER: &[Key] = &[
    required(
        "rate",
        Kind::Percent,
        "How much the employer adds per dollar, such as \"100%\" or \"50%\".",
    ),
    required(
        "on",
        Kind::Percent,
        "The slice of pay this tier covers, such as \"3%\".",
    ),
];

/// `[match]`.
pub const MATCH: &[Key] = &[
    required(
        "tiers",
        Kind::List(TIER),
        "Match tiers, applied in order to the share of pay you contribute.",
    ),
    key("cap", Kind::Money, "Annual dollar cap on the match.").or("no cap"),
    key(
        "matches",
        Kind::Choice(&["deferrals", "deferrals-and-after-tax"]),
        "Which contributions the match counts.",
    )
    .or("\"deferrals\", with a question for HR"),
    key(
        "true_up",
        Kind::Feature,
        "The employer trues up the match to the annual formula at year end.",
    )
    .or("\"unknown\""),
    key(
        "roth",
        Kind::Feature,
        "You take the match as Roth (SECURE 2.0 section 604): same 415(c), but income this year.",
    )
    .or("false"),
];

/// `[employer]`.
pub const EMPLOYER: &[Key] = &[
    key(
        "nonelective",
        Kind::Amount,
        "Profit-sharing or safe-harbor money: dollars or a percent of pay (\"max\": self-employed only).",
    ).or("0"),
    key(
        "nonelective_roth",
        Kind::Feature,
        "The nonelective money is made as Roth (SECURE 2.0 section 604): income this year.",
    )
    .or("false"),
    key(
        "controlled_group",
        Kind::Text,
        "A name shared by --plan files whose employers are one controlled group, sharing one 415(c) limit.",
    ).or("none: the plan's 415(c) limit is its own"),
];

/// One `[[other_plans]]` table.
pub const OTHER_PLAN: &[Key] = &[
    key(
        "name",
        Kind::Text,
        "A label for the plan, such as \"Previous job\".",
    ).or("none"),
    required(
        "deferrals",
        Kind::Money,
        "Pre-tax plus Roth deferred there this year, catch-up included (W-2 box 12 D, E, AA, BB).",
    ),
    key(
        "same_employer",
        Kind::Bool,
        "The plan is this employer's or its controlled group's (or a 403(b) beside a business you control), sharing this plan's 415(c).",
    ).or("false"),
    key(
        "annual_additions",
        Kind::Money,
        "With same_employer = true: that plan's 415(c) additions this year.",
    ).or("0"),
];

/// `[after_tax]`.
pub const AFTER_TAX: &[Key] = &[
    key(
        "allowed",
        Kind::Feature,
        "The plan accepts after-tax (non-Roth) contributions.",
    )
    .or("\"unknown\""),
    key(
        "limit",
        Kind::MoneyOrPercent,
        "The plan's own cap on after-tax money: dollars or a percent of pay.",
    )
    .or("no cap of the plan's own"),
    key(
        "amount",
        Kind::Amount,
        "After-tax money to contribute: dollars, a percent of pay, or \"max\".",
    )
    .or("\"max\""),
];

/// `[conversion]`.
pub const CONVERSION: &[Key] = &[
    key(
        "in_plan_roth_conversion",
        Kind::Feature,
        "The plan converts after-tax money to Roth inside the plan.",
    ).or("\"unknown\""),
    key(
        "in_service_withdrawal",
        Kind::Feature,
        "The plan lets you withdraw after-tax money while employed.",
    ).or("\"unknown\""),
    key(
        "automatic",
        Kind::Feature,
        "The plan converts every after-tax contribution as it is made.",
    ).or("\"unknown\""),
    key(
        "frequency",
        Kind::Choice(&[
            "immediate",
            "daily",
            "weekly",
            "monthly",
            "quarterly",
            "annually",
        ]),
        "How often after-tax money is converted.",
    ).or("\"immediate\" when automatic = true, else \"annually\""),
    key(
        "route",
        Kind::Choice(&["in-plan", "roth-ira", "split"]),
        "Where converted money goes; split is Notice 2014-54: basis to a Roth IRA, earnings to a traditional IRA.",
    ).or("\"in-plan\" when in_plan_roth_conversion = true, else \"roth-ira\""),
];

/// One `[[payroll.bonus]]`.
pub const BONUS: &[Key] = &[
    required("date", Kind::Date, "The bonus payday."),
    required("amount", Kind::Money, "The gross bonus in dollars."),
    key(
        "elections_apply",
        Kind::Bool,
        "Your percent elections apply to the bonus.",
    )
    .or("true"),
];

/// `[payroll]`.
pub const PAYROLL: &[Key] = &[
    key("first_payday", Kind::Date, "The year's first payday.").or("the usual first payday of the pay frequency in the year"),
    key(
        "semimonthly_days",
        Kind::MonthDays,
        "The two paydays of each month for semimonthly pay, such as [1, 16] (31 = the last day).",
    ).or("[15, 31]"),
    key(
        "holidays",
        Kind::Choice(&["before", "after", "none"]),
        "A payday on a weekend or Federal Reserve holiday is paid the business day \"before\", \"after\", or as dated (\"none\").",
    ).or("\"before\""),
    key(
        "extra_paycheck",
        Kind::Choice(&["adds-pay", "same-year-pay", "unknown"]),
        "A year with 27 (or 53) paydays: each paycheck is the annual rate / 26 or 52 (\"adds-pay\"), or the year's pay is spread over them (\"same-year-pay\").",
    ).or("\"unknown\", figured as \"same-year-pay\", with a question for HR"),
    key(
        "compensation_limit",
        Kind::Choice(&["continue", "stop", "pro-rata", "unknown"]),
        "How payroll applies the 401(a)(17) compensation limit within the year: elections go on from all pay and the match stops when the year's pay reaches it (\"continue\", the IRS default), both stop there (\"stop\"), or elections go on and the match counts each paycheck's pay up to the limit / paychecks (\"pro-rata\").",
    ).or("\"unknown\", figured as \"continue\", with a question for HR"),
    key(
        "election_step",
        Kind::MoneyOrPercent,
        "The plan's election increment: a percent (\"1%\") or dollars per paycheck.",
    ).or("\"1%\", with a question for HR"),
    key("bonus", Kind::List(BONUS), "Bonus paychecks.").or("no bonus paychecks"),
    key(
        "max_election",
        Kind::Percent,
        "The plan's cap on all elections together (pre-tax, Roth, catch-up, after-tax), as a percent of each paycheck's pay.",
    ).or("a paycheck's pay less the employee's FICA (50% for front-loading)"),
];

/// `[assumptions]`.
pub const ASSUMPTIONS: &[Key] = &[key(
    "annual_return",
    Kind::Percent,
    "Expected return while after-tax money waits to be converted.",
)
.or("\"7%\", with a warning")];

/// `[tax]`.
pub const TAX: &[Key] = &[
    key(
        "marginal_rate",
        Kind::Percent,
        "Your federal marginal rate, such as \"32%\" (or give filing_status and taxable_income).",
    )
    .or("none: give marginal_rate, or filing_status and taxable_income"),
    key("state_rate", Kind::Percent, "State income tax rate.").or("\"0%\""),
    key(
        "filing_status",
        Kind::Choice(&[
            "single",
            "married-jointly",
            "married-separately",
            "head-of-household",
        ]),
        "Filing status, for the federal brackets.",
    )
    .or("none"),
    key(
        "taxable_income",
        Kind::Money,
        "Other taxable income after deductions, for the federal brackets.",
    )
    .or("none"),
];

/// `[existing]`.
pub const EXISTING: &[Key] = &[
    required(
        "after_tax_balance",
        Kind::Money,
        "After-tax money already in the plan: contributions plus earnings.",
    ),
    required(
        "after_tax_basis",
        Kind::Money,
        "The contributions alone (basis) within that balance.",
    ),
    key(
        "convert",
        Kind::MoneyOrAll,
        "How much of it is converted or rolled out this year: dollars or \"all\".",
    )
    .or("\"all\""),
];

/// `[year_to_date]`.
pub const YEAR_TO_DATE: &[Key] = &[
    required(
        "as_of",
        Kind::Date,
        "The pay stub's date: paychecks on or before it are already paid.",
    ),
    key("pretax", Kind::Money, "Pre-tax deferrals so far.").or("0"),
    key("roth", Kind::Money, "Roth deferrals so far.").or("0"),
    key("after_tax", Kind::Money, "After-tax contributions so far.").or("0"),
    key("match", Kind::Money, "Employer match so far.").or("0"),
    key(
        "nonelective",
        Kind::Money,
        "Employer nonelective money so far.",
    )
    .or("0"),
];

/// The top level of a plan file.
pub const TOP: &[Key] = &[
    required(
        "year",
        Kind::Integer(1900, 2200),
        "Tax year; selects the year's IRS limits.",
    ),
    required(
        "participant",
        Kind::Table(PARTICIPANT),
        "Who you are and how you are paid.",
    ),
    key(
        "deferrals",
        Kind::Table(DEFERRALS),
        "Elective deferrals, under the 402(g) limit.",
    )
    .or("no deferrals"),
    key(
        "match",
        Kind::Table(MATCH),
        "The employer match; leave it out for no match.",
    )
    .or("no match"),
    key("employer", Kind::Table(EMPLOYER), "Other employer money.").or("no other employer money"),
    key(
        "after_tax",
        Kind::Table(AFTER_TAX),
        "After-tax (non-Roth) contributions.",
    )
    .or("every key's default"),
    key(
        "conversion",
        Kind::Table(CONVERSION),
        "How after-tax money becomes Roth.",
    )
    .or("every key's default"),
    key(
        "payroll",
        Kind::Table(PAYROLL),
        "Paydays, election steps and bonuses.",
    )
    .or("every key's default"),
    key(
        "assumptions",
        Kind::Table(ASSUMPTIONS),
        "Assumed growth before conversion.",
    )
    .or("every key's default"),
    key(
        "tax",
        Kind::Table(TAX),
        "Your tax rates, for the tax at conversion.",
    )
    .or("no tax figured on conversion, with a warning"),
    key(
        "existing",
        Kind::Table(EXISTING),
        "After-tax money already in the plan.",
    )
    .or("no after-tax money in the plan yet"),
    key(
        "year_to_date",
        Kind::Table(YEAR_TO_DATE),
        "Figures from your latest pay stub, for a plan made mid-year.",
    )
    .or("a plan made before the year's first payday"),
    key(
        "other_plans",
        Kind::List(OTHER_PLAN),
        "Other 401(k)/403(b) plans this year, sharing your 402(g) limit.",
    )
    .or("no other plans this year"),
];

/// The names of `keys`, for checking a table for unknown ones.
#[must_use]
pub fn names(keys: &[Key]) -> Vec<&'static str> {
    keys.iter().map(|k| k.name).collect()
}

/// A JSON Schema (draft-07) of the plan file, for editors that check TOML against one
/// (a `#:schema` line at the top of the file).
#[must_use]
pub fn schema() -> Value {
    let mut root = table(TOP);
    if let Value::Object(map) = &mut root {
        map.insert(
            "$schema".into(),
            json!("http://json-schema.org/draft-07/schema#"),
        );
        map.insert("title".into(), json!("mbr plan file"));
        // A participant has wages (`compensation`) or a business (`self_employment_income`),
        // exactly one of the two (contract 2b).
        if let Some(Value::Object(participant)) = map
            .get_mut("properties")
            .and_then(|p| p.get_mut("participant"))
        {
            participant.insert(
                "oneOf".into(),
                json!([
                    { "required": ["compensation"] },
                    { "required": ["self_employment_income"] },
                ]),
            );
        }
        map.insert(
            "description".into(),
            json!(
                "A 401(k) plan and participant for `mbr plan` (a mega backdoor Roth calculator)."
            ),
        );
    }
    root
}

fn table(keys: &[Key]) -> Value {
    let mut properties = Map::new();
    for k in keys {
        let mut value = kind(k.kind);
        if let Value::Object(map) = &mut value {
            let description = if k.required {
                format!("{} Required.", k.doc)
            } else {
                format!("{} Default: {}.", k.doc, k.default)
            };
            map.insert("description".into(), json!(description));
        }
        properties.insert(k.name.into(), value);
    }
    let required: Vec<&str> = keys.iter().filter(|k| k.required).map(|k| k.name).collect();
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn money() -> Value {
    json!({ "type": "number", "minimum": 0, "maximum": 1_000_000_000_000_i64 })
}

fn percent() -> Value {
    // What `toml_doc::parse_percent` accepts: digits with an optional fraction, then `%`.
    json!({ "type": "string", "pattern": "^\\s*([0-9]+\\.?[0-9]*|\\.[0-9]+)\\s*%\\s*$" })
}

fn kind(kind: Kind) -> Value {
    match kind {
        Kind::Integer(min, max) => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Kind::Money => money(),
        Kind::Percent => percent(),
        Kind::Amount => json!({ "anyOf": [money(), percent(), { "const": "max" }] }),
        Kind::MoneyOrPercent => json!({ "anyOf": [money(), percent()] }),
        Kind::MoneyOrAll => json!({ "anyOf": [money(), { "const": "all" }] }),
        Kind::Feature => json!({ "anyOf": [{ "type": "boolean" }, { "const": "unknown" }] }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Date => json!({ "type": "string", "format": "date" }),
        Kind::MonthDays => json!({
            "type": "array",
            "items": { "type": "integer", "minimum": 1, "maximum": 31 },
            "minItems": 2,
            "maxItems": 2,
        }),
        Kind::Choice(values) => json!({ "type": "string", "enum": values }),
        Kind::Text => json!({ "type": "string", "minLength": 1, "maxLength": 100 }),
        Kind::List(keys) => json!({ "type": "array", "items": table(keys) }),
        Kind::Table(keys) => table(keys),
    }
}
