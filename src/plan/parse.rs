//! Plan file → [`Plan`]: every key of the contract, its value kind, its default, and the
//! checks that need no limits. Checks that need the year's limits are in
//! [`check_against_limits`].

use rust_decimal::Decimal;

use super::keys;
use super::{
    AfterTax, Amount, Bonus, Cap, CompensationLimit, Conversion, Convert, Deferrals, Existing,
    ExtraPaycheck, Feature, Frequency, HolidayRule, Match, MatchBase, OtherPlan, Participant,
    PayFrequency, Payroll, Places, Plan, Route, SelfEmployment, Step, Tax, Tier, YearToDate,
};
use crate::calendar::Schedule;
use crate::date::Date;
use crate::error::{FileError, FileErrors};
use crate::limits::{FilingStatus, Limits};
use crate::money::format_usd as usd;
use crate::rules;
use crate::toml_doc::{Doc, Field, Table};

/// Parses and validates a plan file. `year` (from `--year`) replaces the file's `year`.
///
/// Every problem is reported, not only the first: each table is read on its own, so a wrong
/// value in one does not hide another's, and every unknown key is named. Within a table,
/// reading stops at its first wrong value. Checks across tables (paydays against
/// employment, bonuses against pay) run only when the tables they read are right.
///
/// # Errors
/// Every problem found, in file order, each with its file, line, column and key.
pub fn parse(file: &str, text: &str, year: Option<i32>) -> Result<Plan, FileErrors> {
    let (doc, root) = Doc::parse(file, text)?;
    let top = doc.root(&root);
    let mut errors = top.unknown(&keys::names(keys::TOP));
    // Every unknown key of every table: the tables' readers below skip them.
    for k in keys::TOP {
        if let keys::Kind::Table(inner) = k.kind
            && let Ok(Some(t)) = top.table(k.name)
        {
            errors.extend(t.unknown(&keys::names(inner)));
        }
    }
    let year = match (year, top.get("year")) {
        (Some(y), _) => Some(y),
        (None, Some(field)) => match plan_year(&field) {
            Ok(y) => Some(y),
            Err(e) => {
                errors.push(e);
                // `year = "2026"`: go on with the year it means, to find the other errors.
                field
                    .value()
                    .as_str()
                    .and_then(|t| t.trim().parse::<i32>().ok())
                    .filter(|y| (1900..=2200).contains(y))
            }
        },
        (None, None) => {
            errors.push(top.missing(
                "year",
                "add `year = 2026` at the top of the plan, or pass `--year 2026`",
            ));
            None
        }
    };
    let fail = |errors: Vec<FileError>| {
        FileErrors::of(errors).unwrap_or_else(|| {
            FileErrors::from(top.missing("year", "add `year = 2026` at the top of the plan"))
        })
    };
    let Some(year) = year else {
        return Err(fail(errors));
    };

    let participant = match table_or_missing(
        &top,
        "participant",
        "add a `[participant]` table with `age` and `compensation`",
    ) {
        Ok(t) => all(&mut errors, participant(&t, year)),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let deferrals = read_section(&mut errors, &top, "deferrals", deferrals);
    let employer_match = read_table(&mut errors, &top, "match", employer_match);
    let employer = ok(
        &mut errors,
        employer(
            &top,
            participant.as_ref().map(|p| p.self_employment.is_some()),
        ),
    );
    let after_tax = read_section(&mut errors, &top, "after_tax", after_tax);
    // Without a participant it is not known whether they leave: no route is refused for it.
    let leaves = participant
        .as_ref()
        .is_none_or(|p| p.employed_until.is_some());
    let conversion = ok(
        &mut errors,
        top.section("conversion")
            .and_then(|t| conversion(&t, leaves)),
    );
    let payroll = read_section(&mut errors, &top, "payroll", |t| payroll(t, year));
    if let (Some(p), Some(pay)) = (&participant, &payroll) {
        ok(&mut errors, check_payroll(&top, p, pay, year));
    }
    let annual_return = ok(&mut errors, annual_return(&top));
    let tax = read_table(&mut errors, &top, "tax", tax);
    let existing = ok(
        &mut errors,
        top.table("existing")
            .and_then(|t| t.map(|t| existing(&t)).transpose()),
    );
    let year_to_date = ok(
        &mut errors,
        top.table("year_to_date")
            .and_then(|t| t.map(|t| year_to_date(&t, year)).transpose()),
    );
    let other_plans = all(
        &mut errors,
        top.get("other_plans")
            .map_or(Ok(Vec::new()), |list| other_plans(&list)),
    );
    let places = ok(&mut errors, places(file, &top));
    let (
        Some(participant),
        Some(deferrals),
        Some(employer_match),
        Some((nonelective, nonelective_roth, controlled_group)),
        Some(after_tax),
        Some(conversion),
        Some(payroll),
        Some(annual_return),
        Some(tax),
        Some(existing),
        Some(year_to_date),
        Some(other_plans),
        Some(places),
    ) = (
        participant,
        deferrals,
        employer_match,
        employer,
        after_tax,
        conversion,
        payroll,
        annual_return,
        tax,
        existing,
        year_to_date,
        other_plans,
        places,
    )
    else {
        return Err(fail(errors));
    };
    if let Some(errors) = FileErrors::of(errors) {
        return Err(errors);
    }
    Ok(Plan {
        year,
        participant,
        deferrals,
        employer_match,
        nonelective,
        nonelective_roth,
        controlled_group,
        other_plans,
        after_tax,
        conversion,
        payroll,
        annual_return,
        tax,
        existing,
        year_to_date,
        places,
    })
}

/// A value read, or its error kept in `errors` and `None` so that reading goes on.
fn ok<T>(errors: &mut Vec<FileError>, result: Result<T, FileError>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// The table `key` of `top` (empty when the file leaves it out) read by `read`, every error
/// kept in `errors`; `None` when there was any.
fn read_section<T>(
    errors: &mut Vec<FileError>,
    top: &Table<'_, '_>,
    key: &str,
    read: impl FnOnce(&Table<'_, '_>) -> Result<T, Vec<FileError>>,
) -> Option<T> {
    all(
        errors,
        top.section(key).map_err(|e| vec![e]).and_then(|t| read(&t)),
    )
}

/// The optional table `key` of `top` read by `read` (`Some(None)` when the file leaves it
/// out), every error kept in `errors`; `None` when there was any.
fn read_table<T>(
    errors: &mut Vec<FileError>,
    top: &Table<'_, '_>,
    key: &str,
    read: impl FnOnce(&Table<'_, '_>) -> Result<T, Vec<FileError>>,
) -> Option<Option<T>> {
    all(
        errors,
        top.table(key)
            .map_err(|e| vec![e])
            .and_then(|t| t.map(|t| read(&t)).transpose()),
    )
}

/// A value read, or all its errors kept in `errors` and `None` so that reading goes on.
fn all<T>(errors: &mut Vec<FileError>, result: Result<T, Vec<FileError>>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(found) => {
            errors.extend(found);
            None
        }
    }
}

/// The plan's `year`: a whole number from 1900 to 2200.
fn plan_year(field: &Field<'_, '_>) -> Result<i32, FileError> {
    let y = field.integer()?;
    i32::try_from(y)
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| field.invalid(format!("must be a tax year such as 2026, not {y}")))
}

/// `[employer]`: the nonelective money (`"max"` only for a self-employed participant, not
/// checked while the participant is in error: `self_employed` is `None`) and the
/// controlled group's name.
fn employer(
    top: &Table<'_, '_>,
    self_employed: Option<bool>,
) -> Result<(Amount, Feature, Option<String>), FileError> {
    let employer = top.section("employer")?;
    let nonelective = match employer.get("nonelective") {
        Some(f) => {
            let a = amount(&f, "is money or a percent of pay such as \"3%\"")?;
            if a == Amount::Max && self_employed == Some(false) {
                return Err(f.invalid(
                    "can be \"max\" only for a self-employed participant (`participant.self_employment_income`); write money such as 5000 or a percent of pay such as \"3%\"",
                ));
            }
            if let Amount::Percent(p) = a {
                at_most_100(&Some(f), p)?;
            }
            a
        }
        None => Amount::Money(Decimal::ZERO),
    };
    let controlled_group = employer
        .get("controlled_group")
        .map(|f| {
            name(
                &f,
                "is the controlled group's name in quotes, such as \"Acme\"",
            )
        })
        .transpose()?;
    let nonelective_roth = feature_or(&employer, "nonelective_roth", Feature::No)?;
    Ok((nonelective, nonelective_roth, controlled_group))
}

/// The checks across `[participant]` and `[payroll]`: the pay calendar, the days employed,
/// and bonuses against a self-employed plan and against compensation.
fn check_payroll(
    top: &Table<'_, '_>,
    participant: &Participant,
    payroll: &Payroll,
    year: i32,
) -> Result<(), FileError> {
    check_calendar(&top.section("payroll")?, participant, payroll, year)?;
    check_employment(top, participant, payroll, year)?;
    if participant.self_employment.is_some()
        && let Some(f) = top.table("payroll")?.and_then(|t| t.get("bonus"))
    {
        return Err(f.invalid(
            "is for paychecks, and a self-employed plan has none; add the bonus to `participant.self_employment_income`",
        ));
    }
    let bonus_total: Decimal = payroll.bonuses.iter().map(|b| b.amount).sum();
    if bonus_total >= participant.compensation
        && let Some(f) = top.table("payroll")?.and_then(|t| t.get("bonus"))
    {
        return Err(f.invalid(format!(
                "adds up to {}, not less than `participant.compensation` ({}), which includes bonuses; raise the compensation or lower the bonuses",
                usd(bonus_total),
                usd(participant.compensation)
            )));
    }
    Ok(())
}

/// `assumptions.annual_return`, at most 100% a year.
fn annual_return(top: &Table<'_, '_>) -> Result<Option<Decimal>, FileError> {
    let assumptions = top.section("assumptions")?;
    match assumptions.get("annual_return") {
        Some(f) => {
            let r = f.percent()?;
            if r > Decimal::ONE {
                return Err(f.invalid(
                    "is above 100% a year; write a realistic expected return such as \"7%\"",
                ));
            }
            Ok(Some(r))
        }
        None => Ok(None),
    }
}

/// Where the keys checked against the year's limits stand.
fn places(file: &str, top: &Table<'_, '_>) -> Result<Places, FileError> {
    let mut places = Places {
        file: file.to_string(),
        ..Places::default()
    };
    for (section, key, dotted) in [
        ("deferrals", "pretax", "deferrals.pretax"),
        ("deferrals", "roth", "deferrals.roth"),
        ("year_to_date", "as_of", "year_to_date.as_of"),
        (
            "participant",
            "prior_year_fica_wages",
            "participant.prior_year_fica_wages",
        ),
    ] {
        if let Some(f) = top.table(section)?.and_then(|t| t.get(key)) {
            places.record(dotted, f.position());
        }
    }
    Ok(places)
}

fn table_or_missing<'d, 'i>(
    top: &Table<'d, 'i>,
    key: &str,
    fix: &str,
) -> Result<Table<'d, 'i>, FileError> {
    top.require(key, fix)?.table()
}

fn money_or(table: &Table<'_, '_>, key: &str) -> Result<Decimal, FileError> {
    table.get(key).map_or(Ok(Decimal::ZERO), |f| f.money())
}

/// Money, a `"N%"` percent, or `"max"`. A bare number between 0 and 1 is refused: as
/// money it would be cents, which no plan cap, election or employer contribution is; it is
/// a fraction meant as a percent.
fn amount(field: &Field<'_, '_>, expected: &str) -> Result<Amount, FileError> {
    if let Some(n) = field.number()? {
        if n > Decimal::ZERO && n < Decimal::ONE {
            let percent = (n * Decimal::ONE_HUNDRED).normalize();
            return Err(field.invalid(format!(
                "is {n}, which as money is {}; write a share of pay as a percent, \"{percent}%\", or dollars as a whole amount",
                usd(n)
            )));
        }
        return field.money().map(Amount::Money);
    }
    match field.value().as_str() {
        Some("max") => Ok(Amount::Max),
        Some(text) if text.trim_end().ends_with('%') => field.percent().map(Amount::Percent),
        Some(text) => Err(field.invalid(format!(
            "{expected}; \"{text}\" is neither (write dollars as a bare number such as 23500, a percent as \"6%\")"
        ))),
        None => Err(field.wrong(expected)),
    }
}

fn no_max(field: &Field<'_, '_>, amount: Amount) -> Result<Amount, FileError> {
    if amount == Amount::Max {
        return Err(field.invalid(
            "cannot be \"max\"; write money such as 5000 or a percent of pay such as \"3%\"",
        ));
    }
    Ok(amount)
}

fn at_most_100(field: &Option<Field<'_, '_>>, fraction: Decimal) -> Result<(), FileError> {
    match field {
        Some(f) if fraction > Decimal::ONE => {
            Err(f.invalid("cannot be more than 100% of pay; lower the percent"))
        }
        _ => Ok(()),
    }
}

fn feature(table: &Table<'_, '_>, key: &str) -> Result<Feature, FileError> {
    let Some(field) = table.get(key) else {
        return Ok(Feature::Unknown);
    };
    match field.value() {
        toml::de::DeValue::Boolean(true) => Ok(Feature::Yes),
        toml::de::DeValue::Boolean(false) => Ok(Feature::No),
        toml::de::DeValue::String(s) if s == "unknown" => Ok(Feature::Unknown),
        _ => Err(field.wrong("is true, false or \"unknown\"")),
    }
}

/// A feature whose absence means `default` rather than "unknown".
fn feature_or(table: &Table<'_, '_>, key: &str, default: Feature) -> Result<Feature, FileError> {
    if table.get(key).is_none() {
        return Ok(default);
    }
    feature(table, key)
}

/// `[participant]`, each key read on its own so that every wrong one is reported.
fn participant(table: &Table<'_, '_>, year: i32) -> Result<Participant, Vec<FileError>> {
    let mut errors = Vec::new();
    let age = ok(&mut errors, age(table, year));
    let earnings = ok(&mut errors, earnings(table));
    let employment = ok(&mut errors, employment(table, year));
    let self_employed = earnings.as_ref().is_some_and(|(_, s)| s.is_some());
    if self_employed
        && let Some(f) = table
            .get("employed_from")
            .or_else(|| table.get("employed_until"))
    {
        errors.push(f.invalid(
            "is for a job with paychecks, not for self-employment; remove it (the year's `self_employment_income` is what counts)",
        ));
    }
    let pay_frequency = ok(
        &mut errors,
        match table.get("pay_frequency") {
            Some(f) => f
                .choice(&["weekly", "biweekly", "semimonthly", "monthly"])
                .map(|word| {
                    let frequency = match word {
                        "weekly" => PayFrequency::Weekly,
                        "semimonthly" => PayFrequency::Semimonthly,
                        "monthly" => PayFrequency::Monthly,
                        _ => PayFrequency::Biweekly,
                    };
                    (frequency, false)
                }),
            // A self-employed person deposits when they choose; monthly is the contract's
            // default.
            None if self_employed => Ok((PayFrequency::Monthly, false)),
            None => Ok((PayFrequency::Biweekly, true)),
        },
    );
    let prior_year_compensation = ok(
        &mut errors,
        table
            .get("prior_year_compensation")
            .map(|f| f.money())
            .transpose(),
    );
    let prior_year_fica_wages = ok(
        &mut errors,
        table
            .get("prior_year_fica_wages")
            .map(|f| f.money())
            .transpose(),
    );
    let (
        Some(age),
        Some((compensation, self_employment)),
        Some((employed_from, employed_until)),
        Some((pay_frequency, pay_frequency_assumed)),
        Some(prior_year_compensation),
        Some(prior_year_fica_wages),
        true,
    ) = (
        age,
        earnings,
        employment,
        pay_frequency,
        prior_year_compensation,
        prior_year_fica_wages,
        errors.is_empty(),
    )
    else {
        return Err(errors);
    };
    Ok(Participant {
        age,
        compensation,
        self_employment,
        employed_from,
        employed_until,
        pay_frequency,
        pay_frequency_assumed,
        prior_year_compensation,
        prior_year_fica_wages,
    })
}

/// `age`, or `birth_year` instead: an age from 14 to 120 on December 31.
fn age(table: &Table<'_, '_>, year: i32) -> Result<u32, FileError> {
    match (table.get("age"), table.get("birth_year")) {
        (Some(a), Some(_)) => {
            Err(a.invalid("and `participant.birth_year` are both given; keep one of them"))
        }
        (Some(a), None) => {
            let age = a.integer()?;
            u32::try_from(age)
                .ok()
                .filter(|a| (14..=120).contains(a))
                .ok_or_else(|| {
                    a.invalid(format!(
                        "must be an age from 14 to 120 on December 31, not {age}"
                    ))
                })
        }
        (None, Some(b)) => {
            let birth = b.integer()?;
            let age = i64::from(year) - birth;
            u32::try_from(age)
                .ok()
                .filter(|a| (14..=120).contains(a))
                .ok_or_else(|| {
                    b.invalid(format!(
                        "gives an age of {age} on December 31, {year}; mbr takes ages 14 to 120"
                    ))
                })
        }
        (None, None) => Err(table.missing(
            "age",
            "add `age = 45` (your age on December 31) or `birth_year = 1981`",
        )),
    }
}

/// `compensation`, or for a self-employed participant `self_employment_income` (with
/// `other_social_security_wages`): exactly one of the two (contract 2b). A self-employed
/// plan's compensation stands at the net profit until the engine works out earned income.
fn earnings(table: &Table<'_, '_>) -> Result<(Decimal, Option<SelfEmployment>), FileError> {
    let wages = table.get("other_social_security_wages");
    match (table.get("compensation"), table.get("self_employment_income")) {
        (Some(c), Some(_)) => Err(c.invalid(
            "and `participant.self_employment_income` are both given; keep `compensation` for a job, `self_employment_income` for your own business (a second --plan file can hold the other)",
        )),
        (Some(c), None) => {
            if let Some(w) = wages {
                return Err(w.invalid(
                    "is for a self-employed plan (`self_employment_income`); remove it from a plan with `compensation`",
                ));
            }
            let compensation = c.money()?;
            if compensation.is_zero() {
                return Err(c.invalid("must be more than 0; write your annual plan compensation"));
            }
            Ok((compensation, None))
        }
        (None, Some(s)) => {
            let net_profit = s.money()?;
            let other_social_security_wages = wages.map(|w| w.money()).transpose()?;
            Ok((
                net_profit,
                Some(SelfEmployment {
                    net_profit,
                    other_social_security_wages,
                }),
            ))
        }
        (None, None) => Err(table.missing(
            "compensation",
            "add `compensation = 150000`, your annual plan compensation (or `self_employment_income`, your business's net profit)",
        )),
    }
}

/// `employed_from` and `employed_until`: dates in the plan year, the first not after the
/// second.
fn employment(table: &Table<'_, '_>, year: i32) -> Result<(Option<Date>, Option<Date>), FileError> {
    let from = table
        .get("employed_from")
        .map(|f| date_in_year(&f, year))
        .transpose()?;
    let until = table
        .get("employed_until")
        .map(|f| date_in_year(&f, year))
        .transpose()?;
    if let (Some(a), Some(b)) = (from, until)
        && a > b
        && let Some(f) = table.get("employed_until")
    {
        return Err(f.invalid(format!(
            "is {b}, before `participant.employed_from` ({a}); give the last day you work there"
        )));
    }
    Ok((from, until))
}

/// A short name in quotes, trimmed.
fn name(field: &Field<'_, '_>, expected: &str) -> Result<String, FileError> {
    let t = field.string(expected)?.trim();
    if t.is_empty() || t.chars().count() > 100 {
        return Err(field.invalid(format!("{expected}, 1 to 100 characters")));
    }
    Ok(t.to_string())
}

/// `[[other_plans]]`: each another employer's plan in summary.
fn other_plans(list: &Field<'_, '_>) -> Result<Vec<OtherPlan>, Vec<FileError>> {
    let list_of = List {
        expected: "is a list of `[[other_plans]]` tables, each with `deferrals`",
        most: 20,
        too_many: "lists more than 20 plans; add up the deferrals of plans of one employer",
        keys: keys::OTHER_PLAN,
    };
    entries(list, &list_of, |t, errors| {
        // Each key on its own, so that every wrong one is reported.
        let same_employer = ok(
            errors,
            t.get("same_employer").map(|f| f.boolean()).transpose(),
        )
        .map(|b| b.unwrap_or(false));
        let annual_additions = ok(
            errors,
            match t.get("annual_additions") {
                Some(f) if same_employer == Some(false) => Err(f.invalid(
                    "counts only for a plan of this employer; set `same_employer = true`, or remove it (another employer's plan has its own 415(c) limit)",
                )),
                Some(f) => f.money(),
                None => Ok(Decimal::ZERO),
            },
        );
        let name = ok(
            errors,
            t.get("name")
                .map(|f| name(&f, "is a label in quotes, such as \"Previous job\""))
                .transpose(),
        );
        let deferrals = ok(
            errors,
            t.require(
                "deferrals",
                "add `deferrals = 15000`, the pre-tax plus Roth deferred there this year (0 if none)",
            )
            .and_then(|f| f.money()),
        );
        let (Some(name), Some(deferrals), Some(same_employer), Some(annual_additions)) =
            (name, deferrals, same_employer, annual_additions)
        else {
            return None;
        };
        Some(OtherPlan {
            name,
            deferrals,
            same_employer,
            annual_additions,
        })
    })
}

/// How a list of tables in a plan file is read: what it is, how many entries it may
/// have, and the keys of each.
struct List {
    expected: &'static str,
    most: usize,
    too_many: &'static str,
    keys: &'static [keys::Key],
}

/// Each entry of a list of tables read by `read`, which keeps every wrong key's error in
/// the list it is given and returns `None` for an entry with any; all the entries' errors
/// are returned together.
fn entries<T>(
    field: &Field<'_, '_>,
    list: &List,
    mut read: impl FnMut(&Table<'_, '_>, &mut Vec<FileError>) -> Option<T>,
) -> Result<Vec<T>, Vec<FileError>> {
    let items = field.array(list.expected).map_err(|e| vec![e])?;
    if items.len() > list.most {
        return Err(vec![field.invalid(list.too_many)]);
    }
    let mut errors = Vec::new();
    let mut read_ok = Vec::new();
    for item in items {
        let Some(t) = ok(&mut errors, item.table()) else {
            continue;
        };
        if ok(&mut errors, t.only(&keys::names(list.keys))).is_none() {
            continue;
        }
        if let Some(value) = read(&t, &mut errors) {
            read_ok.push(value);
        }
    }
    if errors.is_empty() {
        Ok(read_ok)
    } else {
        Err(errors)
    }
}

/// `[deferrals]`, each key read on its own so that every wrong one is reported.
fn deferrals(table: &Table<'_, '_>) -> Result<Deferrals, Vec<FileError>> {
    let expected = "is money, a percent of pay such as \"10%\", or \"max\"";
    let read = |key: &str| -> Result<Amount, FileError> {
        match table.get(key) {
            Some(f) => {
                let a = amount(&f, expected)?;
                if let Amount::Percent(p) = a {
                    at_most_100(&Some(f), p)?;
                }
                Ok(a)
            }
            None => Ok(Amount::Money(Decimal::ZERO)),
        }
    };
    let mut errors = Vec::new();
    let pretax = ok(&mut errors, read("pretax"));
    let roth = ok(&mut errors, read("roth"));
    let catch_up = ok(
        &mut errors,
        table.get("catch_up").map(|f| f.boolean()).transpose(),
    );
    let catch_up_60_63 = ok(
        &mut errors,
        table.get("catch_up_60_63").map(|f| f.boolean()).transpose(),
    );
    let (Some(pretax), Some(roth), Some(catch_up), Some(catch_up_60_63), true) =
        (pretax, roth, catch_up, catch_up_60_63, errors.is_empty())
    else {
        return Err(errors);
    };
    if pretax == Amount::Max
        && roth == Amount::Max
        && let Some(f) = table.get("roth")
    {
        return Err(vec![f.invalid("and `deferrals.pretax` cannot both be \"max\"; make one \"max\" and give the other as money or a percent")]);
    }
    if let (Amount::Percent(a), Amount::Percent(b)) = (pretax, roth)
        && a + b > Decimal::ONE
    {
        // Both are percents, so `roth` is in the file.
        let roth_field = table
            .get("roth")
            .ok_or_else(|| vec![table.missing("roth", "")])?;
        return Err(vec![roth_field.invalid(
            "plus `deferrals.pretax` is more than 100% of pay; lower one of them",
        )]);
    }
    Ok(Deferrals {
        pretax,
        roth,
        catch_up: catch_up.unwrap_or(false),
        catch_up_60_63: catch_up_60_63.unwrap_or(true),
    })
}

/// `[match]`, each key and each tier's keys read on their own so that every wrong one is
/// reported.
fn employer_match(table: &Table<'_, '_>) -> Result<Match, Vec<FileError>> {
    let mut errors = Vec::new();
    let tiers = ok(&mut errors, table.require("tiers", "add `tiers = [{ rate = \"100%\", on = \"3%\" }]`, or remove the `[match]` table if there is no match"))
        .and_then(|f| all(&mut errors, match_tiers(&f)));
    let cap = ok(&mut errors, table.get("cap").map(|f| f.money()).transpose());
    let matches = ok(
        &mut errors,
        match table.get("matches") {
            Some(f) => f
                .choice(&["deferrals", "deferrals-and-after-tax"])
                .map(|word| match word {
                    "deferrals" => MatchBase::Deferrals,
                    _ => MatchBase::DeferralsAndAfterTax,
                }),
            None => Ok(MatchBase::Deferrals),
        },
    );
    let true_up = ok(&mut errors, feature(table, "true_up"));
    let roth = ok(&mut errors, feature_or(table, "roth", Feature::No));
    match (tiers, cap, matches, true_up, roth) {
        (Some(tiers), Some(cap), Some(matches), Some(true_up), Some(roth)) if errors.is_empty() => {
            Ok(Match {
                tiers,
                cap,
                matches,
                matches_given: table.get("matches").is_some(),
                true_up,
                roth,
            })
        }
        _ => Err(errors),
    }
}

/// `match.tiers`: every tier's `rate` and `on`, each wrong one reported.
fn match_tiers(field: &Field<'_, '_>) -> Result<Vec<Tier>, Vec<FileError>> {
    let list_of = List {
        expected: "is a list of tiers such as [{ rate = \"100%\", on = \"3%\" }]",
        most: 100,
        too_many: "lists more than 100 tiers; a matching formula has a handful",
        keys: keys::TIER,
    };
    let mut total_on = Decimal::ZERO;
    entries(field, &list_of, |tier, errors| {
        let rate = ok(
            errors,
            tier.require(
                "rate",
                "add `rate = \"50%\"`, the employer's rate on this slice of pay",
            )
            .and_then(|f| {
                let rate = f.percent()?;
                if rate > Decimal::TEN {
                    return Err(f.invalid("is above 1000%; check the matching formula"));
                }
                Ok(rate)
            }),
        );
        let on = ok(
            errors,
            tier.require(
                "on",
                "add `on = \"6%\"`, the slice of pay this rate applies to",
            )
            .and_then(|f| {
                let on = f.percent()?;
                total_on += on;
                if total_on > Decimal::ONE {
                    return Err(f.invalid(
                        "makes the tiers cover more than 100% of pay; check the matching formula",
                    ));
                }
                Ok(on)
            }),
        );
        Some(Tier {
            rate: rate?,
            on: on?,
        })
    })
}

/// `[after_tax]`, each key read on its own so that every wrong one is reported.
fn after_tax(table: &Table<'_, '_>) -> Result<AfterTax, Vec<FileError>> {
    let mut errors = Vec::new();
    let allowed = ok(&mut errors, feature(table, "allowed"));
    let limit = ok(&mut errors, after_tax_limit(table));
    let amount = ok(&mut errors, after_tax_amount(table));
    match (allowed, limit, amount) {
        (Some(allowed), Some(limit), Some(amount)) if errors.is_empty() => Ok(AfterTax {
            allowed,
            limit,
            amount,
        }),
        _ => Err(errors),
    }
}

fn after_tax_limit(table: &Table<'_, '_>) -> Result<Option<Cap>, FileError> {
    Ok(match table.get("limit") {
        Some(f) => Some(
            match no_max(
                &f,
                amount(&f, "is money or a percent of pay such as \"15%\"")?,
            )? {
                Amount::Percent(p) => {
                    at_most_100(&Some(f), p)?;
                    Cap::Percent(p)
                }
                Amount::Money(m) => Cap::Money(m),
                Amount::Max => Cap::Money(Decimal::ZERO),
            },
        ),
        None => None,
    })
}

fn after_tax_amount(table: &Table<'_, '_>) -> Result<Amount, FileError> {
    Ok(match table.get("amount") {
        Some(f) => {
            let a = amount(&f, "is money, a percent of pay such as \"10%\", or \"max\"")?;
            if let Amount::Percent(p) = a {
                at_most_100(&Some(f), p)?;
            }
            a
        }
        None => Amount::Max,
    })
}

/// The `[conversion]` table. A rollover to a Roth IRA (or split) needs an in-service
/// withdrawal, unless the participant `leaves` this year (`employed_until`): then it can
/// follow separation (RULES.md section 9).
fn conversion(table: &Table<'_, '_>, leaves: bool) -> Result<Conversion, FileError> {
    let conversion = Conversion {
        in_plan_roth_conversion: feature(table, "in_plan_roth_conversion")?,
        in_service_withdrawal: feature(table, "in_service_withdrawal")?,
        automatic: feature(table, "automatic")?,
        frequency: match table.get("frequency") {
            Some(f) => {
                let word = f.choice(&Frequency::ALL.map(Frequency::word))?;
                Frequency::ALL.into_iter().find(|fr| fr.word() == word)
            }
            None => None,
        },
        route: match table.get("route") {
            Some(f) => Some(match f.choice(&["in-plan", "roth-ira", "split"])? {
                "in-plan" => Route::InPlan,
                "roth-ira" => Route::RothIra,
                _ => Route::Split,
            }),
            None => None,
        },
    };
    if let Some(f) = table.get("route") {
        match conversion.route {
            Some(Route::InPlan) if conversion.in_plan_roth_conversion == Feature::No => {
                return Err(f.invalid("is \"in-plan\" but `conversion.in_plan_roth_conversion` is false; choose \"roth-ira\" or \"split\", or correct the feature"));
            }
            Some(Route::RothIra | Route::Split)
                if conversion.in_service_withdrawal == Feature::No && !leaves =>
            {
                return Err(f.invalid("needs an in-service withdrawal but `conversion.in_service_withdrawal` is false; choose \"in-plan\", or correct the feature"));
            }
            _ => {}
        }
    }
    Ok(conversion)
}

fn date_in_year(field: &Field<'_, '_>, year: i32) -> Result<Date, FileError> {
    let date = field.date()?;
    if date.year() != year {
        return Err(field.invalid(format!(
            "is {date}, outside the plan year {year}; give a date in {year}"
        )));
    }
    Ok(date)
}

/// `[payroll]`: its keys, and every `[[payroll.bonus]]` with each wrong key reported.
fn payroll(table: &Table<'_, '_>, year: i32) -> Result<Payroll, Vec<FileError>> {
    let mut errors = Vec::new();
    let bonuses = match table.get("bonus") {
        Some(list) => all(&mut errors, bonuses(&list, year)),
        None => Some(Vec::new()),
    };
    let keys = ok(&mut errors, payroll_keys(table, year));
    match (bonuses, keys) {
        (Some(bonuses), Some(payroll)) if errors.is_empty() => Ok(Payroll { bonuses, ..payroll }),
        _ => Err(errors),
    }
}

/// `[[payroll.bonus]]`: each bonus's `date`, `amount` and `elections_apply`.
fn bonuses(list: &Field<'_, '_>, year: i32) -> Result<Vec<Bonus>, Vec<FileError>> {
    let list_of = List {
        expected: "is a list of `[[payroll.bonus]]` tables with `date` and `amount`",
        most: 100,
        too_many: "lists more than 100 bonuses; combine bonuses paid on the same day",
        keys: keys::BONUS,
    };
    entries(list, &list_of, |bonus, errors| {
        let date = ok(
            errors,
            bonus
                .require("date", "add `date = 2026-03-15`, the bonus payday")
                .and_then(|f| date_in_year(&f, year)),
        );
        let amount = ok(
            errors,
            bonus
                .require("amount", "add `amount = 20000`, the gross bonus")
                .and_then(|f| f.money()),
        );
        let elections_apply = ok(
            errors,
            bonus
                .get("elections_apply")
                .map(|f| f.boolean())
                .transpose(),
        );
        Some(Bonus {
            date: date?,
            amount: amount?,
            elections_apply: elections_apply?.unwrap_or(true),
        })
    })
}

/// `[payroll]`'s own keys, bonuses aside.
fn payroll_keys(table: &Table<'_, '_>, year: i32) -> Result<Payroll, FileError> {
    let election_step = match table.get("election_step") {
        Some(f) => match no_max(
            &f,
            amount(
                &f,
                "is a percent such as \"1%\" or dollars per paycheck such as 1",
            )?,
        )? {
            Amount::Percent(p) if p.is_zero() || p > Decimal::ONE => {
                return Err(f.invalid(
                    "must be a percent above 0% and at most 100%, such as \"1%\" or \"0.1%\"",
                ));
            }
            Amount::Percent(p) => Step::Percent(p),
            Amount::Money(m) if m.is_zero() => {
                return Err(f.invalid("must be more than 0, such as 1 for whole dollars"));
            }
            Amount::Money(m) => Step::Money(m),
            Amount::Max => Step::Percent(Decimal::new(1, 2)),
        },
        None => Step::Percent(Decimal::new(1, 2)),
    };
    // Bonuses are read apart (`bonuses`), so that every wrong one is reported.
    let bonuses = Vec::new();
    let max_election = match table.get("max_election") {
        Some(f) => {
            let p = f.percent()?;
            if p.is_zero() || p > Decimal::ONE {
                return Err(
                    f.invalid("must be a percent above 0% and at most 100%, such as \"50%\"")
                );
            }
            Some(p)
        }
        None => None,
    };
    Ok(Payroll {
        first_payday: table
            .get("first_payday")
            .map(|f| date_in_year(&f, year))
            .transpose()?,
        semimonthly_days: table
            .get("semimonthly_days")
            .map(|f| semimonthly_days(&f))
            .transpose()?,
        holidays: match table
            .get("holidays")
            .map(|f| f.choice(&["before", "after", "none"]))
        {
            None => HolidayRule::Before,
            Some(word) => match word? {
                "after" => HolidayRule::After,
                "none" => HolidayRule::None,
                _ => HolidayRule::Before,
            },
        },
        extra_paycheck: match table.get("extra_paycheck") {
            None => ExtraPaycheck::Unknown,
            Some(f) => {
                let word = f.choice(&ExtraPaycheck::ALL.map(ExtraPaycheck::word))?;
                ExtraPaycheck::ALL
                    .into_iter()
                    .find(|e| e.word() == word)
                    .unwrap_or_default()
            }
        },
        compensation_limit: match table.get("compensation_limit") {
            None => CompensationLimit::Unknown,
            Some(f) => {
                let word = f.choice(&CompensationLimit::ALL.map(CompensationLimit::word))?;
                CompensationLimit::ALL
                    .into_iter()
                    .find(|c| c.word() == word)
                    .unwrap_or_default()
            }
        },
        election_step,
        election_step_given: table.get("election_step").is_some(),
        bonuses,
        max_election,
        elections_stop_after: None,
        deposits: false,
    })
}

/// `payroll.semimonthly_days`: two whole days of the month, the first before the second,
/// each from 1 to 31 (31 is the last day of every month; 29 and 30 stop at February's end).
fn semimonthly_days(field: &Field<'_, '_>) -> Result<[u8; 2], FileError> {
    let expected = "is two days of the month such as [1, 16] or [15, 31] (31 = the last day)";
    let items = field.array(expected)?;
    let [first, second] = items.as_slice() else {
        let n = items.len();
        return Err(field.invalid(format!(
            "holds {n} day{}; give the two paydays of each month, such as [1, 16] or [15, 31]",
            if n == 1 { "" } else { "s" }
        )));
    };
    let day = |f: &Field<'_, '_>| -> Result<u8, FileError> {
        let n = match f.value() {
            toml::de::DeValue::Integer(_) => f.integer()?,
            _ => return Err(f.wrong("is a day of the month, a whole number from 1 to 31")),
        };
        u8::try_from(n)
            .ok()
            .filter(|d| (1..=31).contains(d))
            .ok_or_else(|| {
                f.invalid(format!(
                    "is {n}, not a day of the month; give a whole number from 1 to 31 (31 = the last day)"
                ))
            })
    };
    let (a, b) = (day(first)?, day(second)?);
    if a == b {
        return Err(field.invalid(format!(
            "is [{a}, {b}], one day twice; give the two different paydays of each month, such as [15, 31]"
        )));
    }
    if a > b {
        return Err(field.invalid(format!(
            "is [{a}, {b}]; give the earlier day first, such as [{b}, {a}]"
        )));
    }
    Ok([a, b])
}

/// The payroll calendar checks that need the pay frequency: `semimonthly_days` only with
/// semimonthly pay, and at least one payday paid in the year.
fn check_calendar(
    table: &Table<'_, '_>,
    participant: &Participant,
    payroll: &Payroll,
    year: i32,
) -> Result<(), FileError> {
    if let Some(f) = table.get("semimonthly_days")
        && participant.pay_frequency != PayFrequency::Semimonthly
    {
        return Err(f.invalid(format!(
            "applies only to semimonthly pay, but `participant.pay_frequency` is \"{}\"; set it to \"semimonthly\" or remove `semimonthly_days`",
            participant.pay_frequency.word()
        )));
    }
    let schedule = Schedule {
        frequency: participant.pay_frequency,
        first_payday: payroll.first_payday,
        semimonthly_days: payroll.semimonthly_days,
        holidays: payroll.holidays,
    };
    if let Some(f) = table.get("first_payday")
        && crate::calendar::paydays(year, &schedule).is_empty()
    {
        return Err(f.invalid(format!(
            "leaves no payday paid in {year} (the holiday rule moves it into {}); give an earlier first payday, or `holidays = \"before\"`",
            year + 1
        )));
    }
    Ok(())
}

/// A part year's checks (contract 2b; RULES.md section 9): the days at the employer
/// (`employed_from` to `employed_until`) must hold at least one regular payday of the
/// schedule, and every bonus must be paid within them, since pay after leaving or before
/// starting is not this plan's.
fn check_employment(
    top: &Table<'_, '_>,
    participant: &Participant,
    payroll: &Payroll,
    year: i32,
) -> Result<(), FileError> {
    if !participant.part_year() {
        return Ok(());
    }
    let person = top.section("participant")?;
    let schedule = Schedule {
        frequency: participant.pay_frequency,
        first_payday: payroll.first_payday,
        semimonthly_days: payroll.semimonthly_days,
        holidays: payroll.holidays,
    };
    let days: Vec<Date> = crate::calendar::paydays(year, &schedule)
        .into_iter()
        .map(|d| d.paid)
        .collect();
    if !days.iter().any(|d| participant.employed_on(*d)) {
        let (from, until) = (participant.employed_from, participant.employed_until);
        let frequency = participant.pay_frequency.word();
        let around = |d: Option<&Date>| d.map_or(String::new(), |d| format!(" ({d})"));
        let error = if let Some(f) = from.filter(|f| days.iter().all(|d| d < f)) {
            person.get("employed_from").map(|field| {
                field.invalid(format!(
                    "is {f}, after the last {frequency} payday paid in {year}{}, so no paycheck of this plan is paid in {year}; give the first day you work there, and check `pay_frequency` and `payroll.first_payday`",
                    around(days.last())
                ))
            })
        } else if let Some(u) = until.filter(|u| days.iter().all(|d| d > u)) {
            person.get("employed_until").map(|field| {
                field.invalid(format!(
                    "is {u}, before the first {frequency} payday paid in {year}{}, so no paycheck of this plan is paid in {year}; give the last day you work there, and check `pay_frequency` and `payroll.first_payday`",
                    around(days.first())
                ))
            })
        } else if let (Some(f), Some(u)) = (from, until) {
            let before = days.iter().rev().find(|d| **d < f);
            let after = days.iter().find(|d| **d > u);
            person.get("employed_from").map(|field| {
                field.invalid(format!(
                    "is {f} and `participant.employed_until` is {u}, and no {frequency} payday is paid between them (the nearest are {} and {}); check both dates, `pay_frequency` and `payroll.first_payday`",
                    before.map_or(String::from("none"), ToString::to_string),
                    after.map_or(String::from("none"), ToString::to_string)
                ))
            })
        } else {
            None
        };
        if let Some(e) = error {
            return Err(e);
        }
    }
    if let Some(list) = top.table("payroll")?.and_then(|t| t.get("bonus")) {
        let items =
            list.array("is a list of `[[payroll.bonus]]` tables with `date` and `amount`")?;
        for (item, bonus) in items.iter().zip(&payroll.bonuses) {
            if participant.employed_on(bonus.date) {
                continue;
            }
            let side = match (participant.employed_from, participant.employed_until) {
                (Some(f), _) if bonus.date < f => {
                    format!("before `participant.employed_from` ({f}), the day you start")
                }
                (_, Some(u)) => {
                    format!("after `participant.employed_until` ({u}), the day you leave")
                }
                _ => String::new(),
            };
            if let Some(field) = item.table()?.get("date") {
                return Err(field.invalid(format!(
                    "is {}, {side}: only pay while you work there is this plan's; give a date within your days there or remove the bonus",
                    bonus.date
                )));
            }
        }
    }
    Ok(())
}

fn state_rate(table: &Table<'_, '_>) -> Result<Decimal, FileError> {
    match table.get("state_rate") {
        Some(f) => {
            let r = f.percent()?;
            at_most_100(&Some(f), r)?;
            Ok(r)
        }
        None => Ok(Decimal::ZERO),
    }
}

/// `[tax]`: the state rate and the federal rate (or brackets) read apart, so that a wrong
/// value in each is reported.
fn tax(table: &Table<'_, '_>) -> Result<Tax, Vec<FileError>> {
    let mut errors = Vec::new();
    let state = ok(&mut errors, state_rate(table));
    let tax = ok(&mut errors, federal(table, state.unwrap_or(Decimal::ZERO)));
    match tax {
        Some(tax) if errors.is_empty() => Ok(tax),
        _ => Err(errors),
    }
}

fn federal(table: &Table<'_, '_>, state_rate: Decimal) -> Result<Tax, FileError> {
    match (table.get("marginal_rate"), table.get("filing_status"), table.get("taxable_income")) {
        (Some(m), None, None) => {
            let rate = m.percent()?;
            at_most_100(&Some(m.clone()), rate)?;
            if rate + state_rate > Decimal::ONE {
                return Err(m.invalid("plus `tax.state_rate` is more than 100%; check both rates"));
            }
            Ok(Tax::Marginal { rate, state_rate })
        }
        (None, Some(s), Some(t)) => {
            let word = s.choice(&FilingStatus::ALL.map(FilingStatus::key))?;
            Ok(Tax::Brackets {
                filing_status: FilingStatus::from_key(word).unwrap_or(FilingStatus::Single),
                taxable_income: t.money()?,
                state_rate,
            })
        }
        (Some(m), _, _) => Err(m.invalid("cannot be given with `tax.filing_status` or `tax.taxable_income`; use either a marginal rate or the brackets")),
        (None, Some(s), None) => Err(s.invalid("needs `tax.taxable_income`, your other taxable income for the year")),
        (None, None, Some(t)) => Err(t.invalid("needs `tax.filing_status`, one of \"single\", \"married-jointly\", \"married-separately\", \"head-of-household\"")),
        (None, None, None) => Err(table.missing(
            "marginal_rate",
            "add `marginal_rate = \"24%\"`, or `filing_status` and `taxable_income`, or remove the `[tax]` table",
        )),
    }
}

fn existing(table: &Table<'_, '_>) -> Result<Existing, FileError> {
    let balance = table
        .require(
            "after_tax_balance",
            "add `after_tax_balance = 50000`, contributions plus earnings",
        )?
        .money()?;
    let basis_field = table.require(
        "after_tax_basis",
        "add `after_tax_basis = 42000`, the contributions alone",
    )?;
    let basis = basis_field.money()?;
    if basis > balance {
        return Err(basis_field.invalid(format!(
            "({basis}) is more than `existing.after_tax_balance` ({balance}); a loss is not modelled, so set the basis to at most the balance"
        )));
    }
    let convert = match table.get("convert") {
        None => Convert::All,
        Some(f) if f.value().as_str() == Some("all") => Convert::All,
        Some(f) => {
            let Some(_) = f.number()? else {
                return Err(f.wrong("is money or \"all\""));
            };
            let amount = f.money()?;
            if amount > balance {
                return Err(f.invalid(format!("({amount}) is more than the balance ({balance}); convert at most the balance, or write \"all\"")));
            }
            Convert::Money(amount)
        }
    };
    Ok(Existing {
        after_tax_balance: balance,
        after_tax_basis: basis,
        convert,
    })
}

fn year_to_date(table: &Table<'_, '_>, year: i32) -> Result<YearToDate, FileError> {
    Ok(YearToDate {
        as_of: date_in_year(
            &table.require(
                "as_of",
                "add `as_of = 2026-07-07`, the date of your latest pay stub",
            )?,
            year,
        )?,
        pretax: money_or(table, "pretax")?,
        roth: money_or(table, "roth")?,
        after_tax: money_or(table, "after_tax")?,
        employer_match: money_or(table, "match")?,
        nonelective: money_or(table, "nonelective")?,
    })
}

/// The checks that need the year's limits: money deferrals above 402(g) plus any eligible
/// catch-up, and pay-stub figures dated before the first payday. Pay-stub figures already
/// past 402(g) or 415(c) are not errors: they are facts the engine computes with and warns
/// about (contract §2, "Payroll limits").
///
/// # Errors
/// The problem, at the key that causes it.
pub fn check_against_limits(plan: &Plan, limits: &Limits) -> Result<(), FileError> {
    let catch_up = rules::catch_up_limit(
        plan.participant.age,
        plan.deferrals.catch_up,
        plan.deferrals.catch_up_60_63,
        limits,
    );
    let limit = DeferralLimit {
        amount: rules::elective_deferral_limit(catch_up, limits),
        catch_up,
        words: deferral_limit_words(limits, catch_up),
    };
    check_deferrals(plan, &limit)?;
    if let Some(y) = &plan.year_to_date {
        check_as_of(plan, y)?;
    }
    Ok(())
}

/// The check that needs last year's limits: `prior_year_fica_wages` is last year's W-2
/// box 3, Social Security wages, which stop at that year's wage base (42 U.S.C. 430; IRC
/// 3121(a)(1)); a figure above it is most likely box 1.
///
/// # Errors
/// At `participant.prior_year_fica_wages` when it is above `prior.social_security_wage_base`.
pub fn check_against_prior_year(plan: &Plan, prior: &Limits) -> Result<(), FileError> {
    let base = prior.social_security_wage_base.amount;
    if let Some(wages) = plan.participant.prior_year_fica_wages
        && wages > base
        && let Some(e) = plan.places.error(
            "participant.prior_year_fica_wages",
            format!(
                "is {}, above the {} Social Security wage base of {}, which W-2 box 3 cannot exceed; give box 3 (Social Security wages), not box 1",
                usd(wages),
                prior.year,
                usd(base)
            ),
        )
    {
        return Err(e);
    }
    Ok(())
}

/// The participant's 402(g) limit with catch-up, and how an error names it.
struct DeferralLimit {
    amount: Decimal,
    catch_up: Decimal,
    words: String,
}

/// "the 2026 elective deferral limit of $24,500.00 (IRC 402(g))", with the catch-up if any.
fn deferral_limit_words(limits: &Limits, catch_up: Decimal) -> String {
    if catch_up.is_zero() {
        format!(
            "the {} elective deferral limit of {} (IRC 402(g))",
            limits.year,
            usd(limits.elective_deferral.amount)
        )
    } else {
        format!(
            "the {} elective deferral limit of {} plus the {} catch-up (IRC 402(g), 414(v)), {}",
            limits.year,
            usd(limits.elective_deferral.amount),
            usd(catch_up),
            usd(rules::elective_deferral_limit(catch_up, limits))
        )
    }
}

/// A money election's amount; percent and `"max"` elections are checked by the engine.
fn money(a: Amount) -> Decimal {
    if let Amount::Money(m) = a {
        m
    } else {
        Decimal::ZERO
    }
}

/// Money deferrals above the 402(g) limit with catch-up, or above compensation.
fn check_deferrals(plan: &Plan, limit: &DeferralLimit) -> Result<(), FileError> {
    let (pretax, roth) = (money(plan.deferrals.pretax), money(plan.deferrals.roth));
    let total = pretax + roth;
    // The larger money deferral is the one to point at.
    let (key, other) = if roth > pretax {
        ("deferrals.roth", "pretax")
    } else {
        ("deferrals.pretax", "roth")
    };
    if total > limit.amount {
        let asks = if pretax > Decimal::ZERO && roth > Decimal::ZERO {
            format!("plus `deferrals.{other}` comes to")
        } else {
            "asks for".to_string()
        };
        let problem = format!(
            "{asks} {} of deferrals, above {}; lower it or write \"max\"{}",
            usd(total),
            limit.words,
            if limit.catch_up.is_zero()
                && rules::catch_up_eligible(plan.participant.age)
                && !plan.deferrals.catch_up
            {
                " (or set `deferrals.catch_up = true`)"
            } else {
                ""
            }
        );
        if let Some(e) = plan.places.error(key, problem) {
            return Err(e);
        }
    }
    if total > plan.participant.compensation
        && let Some(e) = plan.places.error(
            key,
            format!(
                "asks for {} of deferrals, more than your compensation of {}; lower it",
                usd(total),
                usd(plan.participant.compensation)
            ),
        )
    {
        return Err(e);
    }
    Ok(())
}

/// Pay-stub figures dated before the year's first payday.
fn check_as_of(plan: &Plan, y: &YearToDate) -> Result<(), FileError> {
    let paid = plan
        .paydays()
        .into_iter()
        .map(|p| p.paid)
        .chain(plan.payroll.bonuses.iter().map(|b| b.date))
        .any(|d| d <= y.as_of);
    let figures = y.pretax + y.roth + y.after_tax + y.employer_match + y.nonelective;
    if !paid
        && !figures.is_zero()
        && let Some(e) = plan.places.error(
            "year_to_date.as_of",
            format!(
                "is {}, before the first payday, yet the year-to-date figures are not 0; give the date of the pay stub they come from",
                y.as_of
            ),
        )
    {
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_suggests_the_closest() {
        let err = parse(
            "p.toml",
            "year = 2026\n[participant]\nage = 40\ncompensation = 1\n[deferals]\n",
            None,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.toml:5:2: unknown key `deferals`; did you mean `deferrals`?"
        );
    }
}
