//! The tax on earnings at conversion (RULES.md §5).
//!
//! Each after-tax contribution is made on its payday and waits until its conversion date
//! (immediate: that day; daily: the next day; weekly: the next Friday; monthly, quarterly,
//! annually: the last day of the month, quarter or year), growing by
//! `(1 + annual_return)^(days/365) − 1`. Only those earnings are taxed (IRC 402A(c)(4): the
//! amount rolled over less basis). A partial conversion of an existing after-tax balance is
//! pro rata within the after-tax subaccount (72(d)(2), 72(e)(8)). The Notice 2014-54 split
//! sends earnings to a traditional IRA, so nothing is taxed now.

use rust_decimal::Decimal;
use rust_decimal::MathematicalOps;

use super::EngineError;
use super::outcome::{ConversionEstimate, Form1099R, FrequencyRow, Line};
use crate::date::{Date, Weekday};
use crate::limits::Limits;
use crate::money::cents;
use crate::plan::{Convert, Existing, Frequency, Plan, Route, Tax};

/// When money contributed on `payday` is converted at `frequency`.
#[must_use]
pub fn conversion_date(payday: Date, frequency: Frequency) -> Date {
    match frequency {
        Frequency::Immediate => payday,
        Frequency::Daily => payday.add_days(1),
        Frequency::Weekly => payday.add_days(1).next_or_same(Weekday::Friday),
        Frequency::Monthly => payday.end_of_this_month(),
        Frequency::Quarterly => payday.end_of_quarter(),
        Frequency::Annually => payday.end_of_year(),
    }
}

/// The growth of one dollar held `days` days at `annual_return`, compounded:
/// `(1 + r)^(days/365) − 1`.
///
/// # Errors
/// When the power cannot be computed exactly (never for the returns a plan may hold).
pub fn growth(annual_return: Decimal, days: i64) -> Result<Decimal, EngineError> {
    Growth::new(annual_return)?.over(days)
}

/// `(1 + r)^(d/365) − 1` for many `d` at one rate: the one-day factor `(1 + r)^(1/365)` is
/// found once (a logarithm and an exponential, the costly part), and each day count's
/// growth is that factor raised to a whole power, exact to far below a cent.
pub struct Growth {
    daily: Decimal,
    seen: Vec<(i64, Decimal)>,
}

impl Growth {
    /// Prepares the growth at `annual_return`.
    ///
    /// # Errors
    /// When the logarithm cannot be computed (a return the parser never lets through).
    pub fn new(annual_return: Decimal) -> Result<Self, EngineError> {
        let daily = if annual_return.is_zero() {
            Decimal::ONE
        } else {
            (Decimal::ONE + annual_return)
                .checked_ln()
                .and_then(|log| (log / Decimal::from(365)).checked_exp())
                .ok_or_else(|| {
                    EngineError::Arithmetic(format!(
                        "cannot compute the daily growth of {annual_return}"
                    ))
                })?
        };
        Ok(Self {
            daily,
            seen: Vec::new(),
        })
    }

    /// The growth over `days` days (0 for none or a negative count).
    ///
    /// # Errors
    /// When the power cannot be computed.
    pub fn over(&mut self, days: i64) -> Result<Decimal, EngineError> {
        if days <= 0 || self.daily == Decimal::ONE {
            return Ok(Decimal::ZERO);
        }
        if let Some((_, g)) = self.seen.iter().find(|(d, _)| *d == days) {
            return Ok(*g);
        }
        let g = self
            .daily
            .checked_powi(days)
            .map(|f| f - Decimal::ONE)
            .ok_or_else(|| {
                EngineError::Arithmetic(format!("cannot compute the growth over {days} days"))
            })?;
        self.seen.push((days, g));
        Ok(g)
    }
}

/// The pro-rata split of converting part of an existing after-tax balance:
/// `(basis share, taxable share)`, where taxable = amount × (balance − basis) / balance.
#[must_use]
pub fn existing_split(existing: &Existing) -> (Decimal, Decimal) {
    let amount = match existing.convert {
        Convert::All => existing.after_tax_balance,
        Convert::Money(m) => m.min(existing.after_tax_balance),
    };
    if existing.after_tax_balance.is_zero() {
        return (Decimal::ZERO, Decimal::ZERO);
    }
    let taxable = cents(
        amount * (existing.after_tax_balance - existing.after_tax_basis)
            / existing.after_tax_balance,
    );
    (amount - taxable, taxable)
}

/// Tax on `taxable` conversion income: `taxable × (marginal + state)`, or the federal tax
/// from the year's brackets on `taxable_income + taxable` less that on `taxable_income`,
/// plus `state × taxable`. Rounded to the cent.
#[must_use]
pub fn tax_on(tax: &Tax, limits: &Limits, taxable: Decimal) -> Decimal {
    match tax {
        Tax::Marginal { rate, state_rate } => cents(taxable * (rate + state_rate)),
        Tax::Brackets {
            filing_status,
            taxable_income,
            state_rate,
        } => {
            let federal = limits
                .brackets
                .tax(*filing_status, taxable_income + taxable)
                - limits.brackets.tax(*filing_status, *taxable_income);
            cents(federal + state_rate * taxable)
        }
    }
}

/// Earnings taxed this year and next year at `frequency`, unrounded, for the after-tax
/// money in `lines`.
fn earnings_at(
    lines: &[Line],
    frequency: Frequency,
    growth: &mut Growth,
    year: i32,
) -> Result<(Decimal, Decimal), EngineError> {
    let (mut this_year, mut next_year) = (Decimal::ZERO, Decimal::ZERO);
    for line in lines.iter().filter(|l| !l.after_tax.is_zero()) {
        let date = conversion_date(line.date, frequency);
        let earned = line.after_tax * growth.over(line.date.days_until(date))?;
        if date.year() == year {
            this_year += earned
        } else {
            next_year += earned
        }
    }
    Ok((this_year, next_year))
}

/// Builds the conversion estimate and fills each line's `converted` and `conversion_date`.
///
/// # Errors
/// Only if a growth factor cannot be computed.
pub fn estimate(
    plan: &Plan,
    limits: &Limits,
    lines: &mut [Line],
) -> Result<ConversionEstimate, EngineError> {
    let frequency = plan.conversion.effective_frequency();
    let route = plan.conversion.effective_route();
    let annual_return = plan.effective_return();
    let mut grow = Growth::new(annual_return)?;

    let (mut contributions, mut next_year_contributions) = (Decimal::ZERO, Decimal::ZERO);
    for line in lines.iter_mut().filter(|l| !l.after_tax.is_zero()) {
        let date = conversion_date(line.date, frequency);
        let earned = line.after_tax * grow.over(line.date.days_until(date))?;
        line.converted = cents(line.after_tax + earned);
        line.conversion_date = Some(date);
        if date.year() == plan.year {
            contributions += line.after_tax
        } else {
            next_year_contributions += line.after_tax
        }
    }
    let (earned, next_year) = earnings_at(lines, frequency, &mut grow, plan.year)?;
    let earnings = cents(earned);
    let (existing_basis, existing_taxable) = plan
        .existing
        .as_ref()
        .map_or((Decimal::ZERO, Decimal::ZERO), existing_split);

    let taxed = |earnings: Decimal| {
        if route == Route::Split {
            Decimal::ZERO
        } else {
            earnings + existing_taxable
        }
    };
    let taxable_earnings = taxed(earnings);
    let tax = plan
        .tax
        .as_ref()
        .map(|t| tax_on(t, limits, taxable_earnings));
    let effective_rate = tax
        .filter(|_| !taxable_earnings.is_zero())
        .map(|t| (t / taxable_earnings).round_dp(4));

    let basis = contributions + existing_basis;
    let gains = earnings + existing_taxable;
    let (to_roth, to_traditional_ira) = if route == Route::Split {
        (basis, gains)
    } else {
        (basis + gains, Decimal::ZERO)
    };
    let mut form_1099r = Vec::new();
    if !(basis + gains).is_zero() {
        match route {
            Route::InPlan => form_1099r.push(Form1099R {
                destination: "designated Roth account (in-plan Roth rollover)",
                box_1: basis + gains,
                box_2a: gains,
                box_5: basis,
                box_7: "G",
            }),
            Route::RothIra => form_1099r.push(Form1099R {
                destination: "Roth IRA (direct rollover)",
                box_1: basis + gains,
                box_2a: gains,
                box_5: basis,
                box_7: "G",
            }),
            Route::Split => {
                form_1099r.push(Form1099R {
                    destination: "Roth IRA (direct rollover of basis)",
                    box_1: basis,
                    box_2a: Decimal::ZERO,
                    box_5: basis,
                    box_7: "G",
                });
                if !gains.is_zero() {
                    form_1099r.push(Form1099R {
                        destination: "traditional IRA (direct rollover of earnings)",
                        box_1: gains,
                        box_2a: Decimal::ZERO,
                        box_5: Decimal::ZERO,
                        box_7: "G",
                    });
                }
            }
        }
    }

    let mut frequencies = Vec::with_capacity(Frequency::ALL.len());
    for f in Frequency::ALL {
        let (e, _) = earnings_at(lines, f, &mut grow, plan.year)?;
        let taxable = taxed(cents(e));
        frequencies.push(FrequencyRow {
            frequency: f.word(),
            taxable_earnings: taxable,
            tax: plan.tax.as_ref().map(|t| tax_on(t, limits, taxable)),
            chosen: f == frequency,
        });
    }

    Ok(ConversionEstimate {
        route: route.word(),
        frequency: frequency.word(),
        annual_return,
        contributions_converted: contributions,
        earnings,
        next_year_contributions,
        next_year_earnings: cents(next_year),
        existing_converted: existing_basis + existing_taxable,
        existing_taxable,
        taxable_earnings,
        tax,
        effective_rate,
        to_roth,
        to_traditional_ira,
        form_1099r,
        frequencies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn conversion_dates() {
        let friday = d(2026, 1, 2);
        assert_eq!(conversion_date(friday, Frequency::Immediate), friday);
        assert_eq!(conversion_date(friday, Frequency::Daily), d(2026, 1, 3));
        assert_eq!(conversion_date(friday, Frequency::Weekly), d(2026, 1, 9));
        assert_eq!(
            conversion_date(d(2026, 1, 5), Frequency::Weekly),
            d(2026, 1, 9)
        );
        assert_eq!(conversion_date(friday, Frequency::Monthly), d(2026, 1, 31));
        assert_eq!(
            conversion_date(friday, Frequency::Quarterly),
            d(2026, 3, 31)
        );
        assert_eq!(
            conversion_date(friday, Frequency::Annually),
            d(2026, 12, 31)
        );
        assert_eq!(
            conversion_date(d(2026, 12, 31), Frequency::Daily),
            d(2027, 1, 1)
        );
    }

    #[test]
    fn a_full_year_at_four_percent_earns_four_percent() {
        // Seed example: $10,000 grows to $10,400 before conversion, so $400 is taxable.
        // Held 365 days at 4%: (1.04)^(365/365) − 1 = 0.04 exactly.
        let g = growth(dec!(0.04), 365).unwrap();
        assert_eq!(cents(dec!(10000) * g), dec!(400));
    }

    #[test]
    fn whole_powers_of_the_daily_factor_match_the_direct_power() {
        // (1.07)^(d/365) by exp/ln directly, against the daily factor to the power d; the two
        // agree to 20 decimal places for every day count in a year.
        for days in 1..=366 {
            let direct =
                (dec!(1.07).ln() * Decimal::from(days) / Decimal::from(365)).exp() - Decimal::ONE;
            let g = growth(dec!(0.07), days).unwrap();
            assert!(
                (g - direct).abs() < dec!(0.00000000000000000001),
                "{days}: {g} vs {direct}"
            );
        }
    }

    #[test]
    fn half_a_year_compounds() {
        // (1.07)^(0.5) = √1.07 = 1.0344080432788600…; on $10,000 that is $344.08.
        let g = growth(dec!(0.07), 365 / 2 + 1).unwrap(); // 183 days: 1.07^(183/365)
        // 1.07^(183/365) = e^(0.5013699 × 0.0676586) = e^0.0339220 = 1.034504…; $345.04.
        assert_eq!(cents(dec!(10000) * g), dec!(345.04));
    }

    #[test]
    fn irs_pro_rata_example() {
        // IRS, "Rollovers of After-Tax Contributions in Retirement Plans": of a $100,000
        // account with $20,000 after-tax, a $50,000 distribution is $10,000 after-tax and
        // $40,000 pre-tax: the same ratio applies within an after-tax subaccount.
        let e = Existing {
            after_tax_balance: dec!(100000),
            after_tax_basis: dec!(20000),
            convert: Convert::Money(dec!(50000)),
        };
        assert_eq!(existing_split(&e), (dec!(10000), dec!(40000)));
    }
}
