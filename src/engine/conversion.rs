//! The tax on earnings at conversion (RULES.md §5).
//!
//! Each after-tax contribution is made on its payday and waits until its conversion date
//! (immediate: that day; daily: the next day; weekly: the next Friday; monthly, quarterly,
//! annually: the last day of the month, quarter or year), growing by
//! `(1 + annual_return)^(days/365) − 1`. Only those earnings are taxed (IRC 402A(c)(4): the
//! amount rolled over less basis). A partial conversion of an existing after-tax balance is
//! pro rata within the after-tax subaccount (72(d)(2), 72(e)(8)). The Notice 2014-54 split
//! sends earnings to a traditional IRA, so nothing is taxed now. A participant who leaves
//! this year with no other route rolls every contribution out on the day they leave
//! (RULES.md §9).

use rust_decimal::Decimal;
use rust_decimal::MathematicalOps;

use super::EngineError;
use super::outcome::{
    ConversionEstimate, Destination, DistributionCode, Form1099R, FrequencyRow, Line,
};
use crate::date::Date;
use crate::limits::Limits;
use crate::money::cents;
use crate::plan::{Convert, Existing, Frequency, Plan, Route, Tax};

/// When money contributed on `payday` is converted at `frequency`.
#[must_use]
pub fn conversion_date(payday: Date, frequency: Frequency) -> Date {
    match frequency {
        Frequency::Immediate => payday,
        Frequency::Daily => payday.add_days(1),
        Frequency::Weekly => {
            // The first Friday after the payday, found in one step rather than by trying
            // each day: day `d` since 1970-01-01 (a Thursday) is a Friday when (d + 3) mod 7
            // is 4, as `Date::weekday` counts.
            let next = payday.days_since_epoch() + 1;
            Date::from_days_since_epoch(next + (4 - (next + 3).rem_euclid(7)).rem_euclid(7))
        }
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
///
/// The powers are `checked_powi`'s, to the last digit: for the day counts a year holds,
/// `checked_powi` squares the factor over and over and multiplies the squares the count's
/// bits select, lowest first. Those squares, and the running products, are the same for
/// every count that shares the low bits, so they are kept and each new count costs one
/// multiplication. Each count's growth is kept too, since every conversion frequency asks
/// for many of the same counts.
pub struct Growth {
    daily: Decimal,
    /// `daily`, its square, the square of that, …: `squares[k]` is `daily^(2^k)`.
    squares: Vec<Decimal>,
    /// The growth over `d` days at index `d`, once computed.
    seen: Vec<Option<Decimal>>,
    /// `checked_powi`'s running product at index `b`: the squares `b`'s bits select,
    /// multiplied lowest first (see `Growth::partial`).
    partials: Vec<Option<Decimal>>,
}

/// `(1 + r)^(1/365)` by a logarithm and an exponential.
fn daily_factor(annual_return: Decimal) -> Option<Decimal> {
    (Decimal::ONE + annual_return)
        .checked_ln()
        .and_then(|log| (log / Decimal::from(365)).checked_exp())
}

/// Day counts below this take the kept squares: `checked_powi` works in 96-bit decimals
/// up to nine squarings (rust_decimal's `powu_narrow`) and in wider ones beyond, which
/// `Growth::power` leaves to it.
const NARROW: i64 = 1024;

impl Growth {
    /// Prepares the growth at `annual_return`.
    ///
    /// # Errors
    /// When the logarithm cannot be computed (a return the parser never lets through).
    pub fn new(annual_return: Decimal) -> Result<Self, EngineError> {
        let daily = if annual_return.is_zero() {
            Decimal::ONE
        } else {
            daily_factor(annual_return).ok_or_else(|| {
                EngineError::Arithmetic(format!(
                    "cannot compute the daily growth of {annual_return}"
                ))
            })?
        };
        Ok(Self {
            daily,
            squares: Vec::new(),
            seen: Vec::new(),
            partials: Vec::new(),
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
        let index = usize::try_from(days).ok().filter(|_| days < NARROW);
        if let Some(g) = index.and_then(|i| self.seen.get(i).copied().flatten()) {
            return Ok(g);
        }
        let g = self.power(days).map(|f| f - Decimal::ONE).ok_or_else(|| {
            EngineError::Arithmetic(format!("cannot compute the growth over {days} days"))
        })?;
        if let Some(i) = index {
            if self.seen.len() <= i {
                self.seen.resize(i + 1, None);
            }
            if let Some(slot) = self.seen.get_mut(i) {
                *slot = Some(g);
            }
        }
        Ok(g)
    }

    /// `daily.checked_powi(days)`, from the kept squares where `checked_powi` would form the
    /// same squares itself (more than two days, fewer than `NARROW`).
    fn power(&mut self, days: i64) -> Option<Decimal> {
        let Ok(exp) = usize::try_from(days) else {
            return self.daily.checked_powi(days);
        };
        if !(3..NARROW).contains(&days) || self.daily.is_zero() {
            return self.daily.checked_powi(days);
        }
        let mut product = self.partial(exp)?;
        product.normalize_assign();
        Some(product)
    }

    /// The product `checked_powi` has built once it has gone through the bits of `bits`:
    /// one, times the square each set bit selects, lowest bit first. The product for a
    /// number is the one for it without its highest bit, times that bit's square, so each
    /// is one multiplication on top of a kept one.
    fn partial(&mut self, bits: usize) -> Option<Decimal> {
        if bits == 0 {
            return Some(Decimal::ONE);
        }
        if let Some(p) = self.partials.get(bits).copied().flatten() {
            return Some(p);
        }
        let high = usize::try_from(usize::BITS - 1 - bits.leading_zeros()).ok()?;
        let lower = self.partial(bits - (1 << high))?;
        let square = self.square(high)?;
        let p = lower.checked_mul(square)?;
        if self.partials.len() <= bits {
            self.partials.resize(bits + 1, None);
        }
        if let Some(slot) = self.partials.get_mut(bits) {
            *slot = Some(p);
        }
        Some(p)
    }

    /// `daily^(2^k)`, each the square of the one before, as `checked_powi` squares.
    fn square(&mut self, k: usize) -> Option<Decimal> {
        while self.squares.len() <= k {
            let next = match self.squares.last() {
                Some(p) => p.checked_mul(*p)?,
                None => self.daily,
            };
            self.squares.push(next);
        }
        self.squares.get(k).copied()
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

/// When after-tax money converts: at a frequency, or, for a participant who leaves with no
/// other route, all of it on the day they leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// At the conversion frequency ([`conversion_date`]).
    Every(Frequency),
    /// On the separation date: rolled out after leaving (RULES.md §9).
    Separation(Date),
}

impl When {
    /// When money contributed on `payday` converts.
    fn date(self, payday: Date) -> Date {
        match self {
            Self::Every(frequency) => conversion_date(payday, frequency),
            Self::Separation(until) => until.max(payday),
        }
    }
}

/// Earnings taxed this year and next year converting `when`, unrounded, for the after-tax
/// money in `lines`.
fn earnings_at(
    lines: &[Line],
    when: When,
    growth: &mut Growth,
    year: i32,
) -> Result<(Decimal, Decimal), EngineError> {
    let (mut this_year, mut next_year) = (Decimal::ZERO, Decimal::ZERO);
    // Even paychecks held the same number of days earn the same: the last product is kept.
    let mut last: Option<([u8; 16], i64, Decimal)> = None;
    for line in lines.iter().filter(|l| !l.after_tax.is_zero()) {
        let date = when.date(line.date);
        let days = line.date.days_until(date);
        let bits = line.after_tax.serialize();
        let earned = match last {
            Some((b, d, e)) if b == bits && d == days => e,
            _ => {
                let e = line.after_tax * growth.over(days)?;
                last = Some((bits, days, e));
                e
            }
        };
        if date.year() == year {
            this_year += earned
        } else {
            next_year += earned
        }
    }
    Ok((this_year, next_year))
}

/// Builds the conversion estimate and fills each line's `converted` and `conversion_date`.
/// The tax is figured on top of `roth_employer`, the year's Roth employer money, which is
/// income this year too (see `roth`: with the brackets the conversion's earnings pay the
/// rate above it).
///
/// # Errors
/// Only if a growth factor cannot be computed.
pub fn estimate(
    plan: &Plan,
    limits: &Limits,
    lines: &mut [Line],
    roth_employer: Decimal,
) -> Result<ConversionEstimate, EngineError> {
    let frequency = plan.conversion.effective_frequency();
    let at_separation = plan.rollout_at_separation();
    // Rolled out after leaving: to a Roth IRA, or split where the file says so.
    let route = match (at_separation, plan.conversion.route) {
        (Some(_), Some(Route::Split)) => Route::Split,
        (Some(_), _) => Route::RothIra,
        (None, _) => plan.conversion.effective_route(),
    };
    let when = at_separation.map_or(When::Every(frequency), When::Separation);
    let annual_return = plan.effective_return();
    let mut grow = Growth::new(annual_return)?;

    let (contributions, next_year_contributions) =
        convert_lines(lines, when, &mut grow, plan.year)?;
    // Every frequency's earnings, the chosen one's among them, computed once each; none
    // where the money waits for separation, when no frequency is open.
    let mut at = Vec::with_capacity(Frequency::ALL.len());
    if at_separation.is_none() {
        for f in Frequency::ALL {
            at.push((f, earnings_at(lines, When::Every(f), &mut grow, plan.year)?));
        }
    }
    let (earned, next_year) = match at.iter().find(|(f, _)| When::Every(*f) == when) {
        Some((_, e)) => *e,
        None => earnings_at(lines, when, &mut grow, plan.year)?,
    };
    let earnings = cents(earned);
    let (existing_basis, existing_taxable) = plan
        .existing
        .as_ref()
        .map_or((Decimal::ZERO, Decimal::ZERO), existing_split);
    let stacked = plan.tax.as_ref().map(|t| t.above(roth_employer));
    let taxation = Taxation {
        route,
        existing_taxable,
        tax: stacked.as_ref(),
        limits,
    };
    let taxable_earnings = taxation.taxable(earnings);
    let tax = taxation.tax(taxable_earnings);
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
    let frequencies = at
        .into_iter()
        .map(|(f, (e, _))| {
            let taxable = taxation.taxable(cents(e));
            FrequencyRow {
                frequency: f,
                taxable_earnings: taxable,
                tax: taxation.tax(taxable),
                chosen: f == frequency,
            }
        })
        .collect();

    Ok(ConversionEstimate {
        route,
        frequency,
        at_separation,
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
        form_1099r: forms_1099r(route, basis, gains),
        frequencies,
    })
}

/// Converts each line's after-tax money on its conversion date (`when`), filling its
/// `converted` (the money and its earnings, to the cent) and `conversion_date`. Returns the
/// after-tax money converted in `year` and that converted next year.
fn convert_lines(
    lines: &mut [Line],
    when: When,
    grow: &mut Growth,
    year: i32,
) -> Result<(Decimal, Decimal), EngineError> {
    let (mut this_year, mut next_year) = (Decimal::ZERO, Decimal::ZERO);
    for line in lines.iter_mut().filter(|l| !l.after_tax.is_zero()) {
        let date = when.date(line.date);
        let earned = line.after_tax * grow.over(line.date.days_until(date))?;
        line.converted = cents(line.after_tax + earned);
        line.conversion_date = Some(date);
        if date.year() == year {
            this_year += line.after_tax
        } else {
            next_year += line.after_tax
        }
    }
    Ok((this_year, next_year))
}

/// What of the conversion is taxed now, and the tax on it: under the Notice 2014-54 split
/// the earnings go to a traditional IRA untaxed; otherwise they are taxed (402A(c)(4)),
/// with the taxable share of any existing after-tax balance converted.
struct Taxation<'a> {
    route: Route,
    existing_taxable: Decimal,
    tax: Option<&'a Tax>,
    limits: &'a Limits,
}

impl Taxation<'_> {
    /// Taxable income from converting money that earned `earnings`.
    fn taxable(&self, earnings: Decimal) -> Decimal {
        if self.route == Route::Split {
            Decimal::ZERO
        } else {
            earnings + self.existing_taxable
        }
    }

    /// The tax on `taxable`, where the plan says how the participant is taxed.
    fn tax(&self, taxable: Decimal) -> Option<Decimal> {
        self.tax.map(|t| tax_on(t, self.limits, taxable))
    }
}

/// The Forms 1099-R the conversion brings (box 7 code G, a direct rollover): one to the
/// Roth account or IRA, or under the split the basis to a Roth IRA and the earnings to a
/// traditional IRA. None when nothing is converted.
fn forms_1099r(route: Route, basis: Decimal, gains: Decimal) -> Vec<Form1099R> {
    let mut form_1099r = Vec::new();
    if (basis + gains).is_zero() {
        return form_1099r;
    }
    // One form for the whole conversion: box 2a is the earnings, box 5 the basis.
    let whole = |destination| Form1099R {
        destination,
        box_1: basis + gains,
        box_2a: gains,
        box_5: basis,
        box_7: DistributionCode::G,
    };
    match route {
        Route::InPlan => form_1099r.push(whole(Destination::DesignatedRothAccount)),
        Route::RothIra => form_1099r.push(whole(Destination::RothIra)),
        Route::Split => {
            form_1099r.push(Form1099R {
                destination: Destination::RothIraBasis,
                box_1: basis,
                box_2a: Decimal::ZERO,
                box_5: basis,
                box_7: DistributionCode::G,
            });
            if !gains.is_zero() {
                form_1099r.push(Form1099R {
                    destination: Destination::TraditionalIraEarnings,
                    box_1: gains,
                    box_2a: Decimal::ZERO,
                    box_5: Decimal::ZERO,
                    box_7: DistributionCode::G,
                });
            }
        }
    }
    form_1099r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Weekday;
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
    fn weekly_conversion_is_the_next_friday() {
        let mut day = d(2024, 12, 1);
        for _ in 0..1200 {
            assert_eq!(
                conversion_date(day, Frequency::Weekly),
                day.add_days(1).next_or_same(Weekday::Friday),
                "{day}"
            );
            day = day.add_days(1);
        }
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
    fn kept_squares_give_checked_powi_to_the_last_digit() {
        // `Growth` rebuilds `checked_powi` from kept squares; any difference, down to the
        // scale, would move a cent somewhere.
        for rate in [
            dec!(0.07),
            dec!(0.06),
            dec!(0.125),
            dec!(0.05),
            dec!(-0.3),
            dec!(1.5),
        ] {
            let mut g = Growth::new(rate).unwrap();
            let daily = g.daily;
            for days in (1..=1100).chain([0, -3]) {
                let want = if days <= 0 {
                    Decimal::ZERO
                } else {
                    daily.checked_powi(days).unwrap() - Decimal::ONE
                };
                for _ in 0..2 {
                    let got = g.over(days).unwrap();
                    assert_eq!(got.serialize(), want.serialize(), "{rate} over {days} days");
                }
            }
            // The kept products do not depend on the order the counts come in.
            let mut g = Growth::new(rate).unwrap();
            for days in (1..=1030).rev() {
                let want = daily.checked_powi(days).unwrap() - Decimal::ONE;
                assert_eq!(
                    g.over(days).unwrap().serialize(),
                    want.serialize(),
                    "{days}"
                );
            }
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
