//! Money and percent helpers shared by the engine and the reports.
//!
//! Every amount is a `Decimal`; nothing here touches binary floating point. Rounding is
//! explicit because `Decimal::round_dp` rounds half to even, which no payroll does.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds to the cent, half away from zero, as payroll systems round each paycheck line.
#[must_use]
pub fn cents(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds down to the cent: used where rounding up could overshoot a legal limit.
#[must_use]
pub fn cents_down(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::ToZero)
}

/// The larger of `value` and zero, without comparing it against a zero of another scale (the
/// costly part of comparing decimals, and on the engine's hot path): `0` exactly when
/// `value` is below zero, and otherwise `value` itself, scale and sign bit included.
#[must_use]
pub fn non_negative(value: Decimal) -> Decimal {
    if value.is_sign_negative() && !value.is_zero() {
        Decimal::ZERO
    } else {
        value
    }
}

/// Formats money for people: `$37,500.00`, `-$12.30`.
#[must_use]
pub fn format_usd(value: Decimal) -> String {
    let rounded = cents(value);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((text.as_str(), "00"));
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{}${grouped}.{frac}", if negative { "-" } else { "" })
}

/// Formats a fraction as a percent for people: `0.07` → `7%`, `0.025` → `2.5%`.
#[must_use]
pub fn format_percent(fraction: Decimal) -> String {
    let pct = (fraction * Decimal::ONE_HUNDRED).normalize();
    format!("{pct}%")
}

/// Serialisers for JSON: money as an exact number with two decimals, fractions exact.
pub mod json {
    use rust_decimal::Decimal;
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
    use serde::Serializer;
    use std::borrow::Cow;

    /// Money in the JSON Schema of the output: a number with two decimals.
    pub struct Cents;

    impl JsonSchema for Cents {
        fn inline_schema() -> bool {
            true
        }

        fn schema_name() -> Cow<'static, str> {
            "Cents".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({ "type": "number", "description": "Dollars, exact, with two decimals." })
        }
    }

    /// A rate in the JSON Schema of the output: a fraction such as 0.07 for 7%.
    pub struct Fraction;

    impl JsonSchema for Fraction {
        fn inline_schema() -> bool {
            true
        }

        fn schema_name() -> Cow<'static, str> {
            "Fraction".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({ "type": "number", "description": "A fraction, exact: 0.07 is 7%." })
        }
    }

    /// Money, rounded to the cent and written with exactly two decimals (`24500.00`).
    ///
    /// # Errors
    /// Whatever the serializer returns.
    pub fn cents<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        let mut v = super::cents(*value);
        v.rescale(2);
        rust_decimal::serde::arbitrary_precision::serialize(&v, serializer)
    }

    /// Optional money; `null` when absent.
    ///
    /// # Errors
    /// Whatever the serializer returns.
    #[allow(clippy::ref_option)]
    pub fn cents_option<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => cents(v, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// A fraction (`0.07`), exact, without trailing zeros.
    ///
    /// # Errors
    /// Whatever the serializer returns.
    pub fn fraction<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        rust_decimal::serde::arbitrary_precision::serialize(&value.normalize(), serializer)
    }

    /// An optional fraction; `null` when absent.
    ///
    /// # Errors
    /// Whatever the serializer returns.
    #[allow(clippy::ref_option)]
    pub fn fraction_option<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => fraction(v, serializer),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn cents_round_half_away_from_zero() {
        // 2.225 is a midpoint: half-to-even would give 2.22, payroll gives 2.23.
        assert_eq!(cents(dec!(2.225)), dec!(2.23));
        assert_eq!(cents(dec!(-2.225)), dec!(-2.23));
        assert_eq!(cents(dec!(230.7693)), dec!(230.77));
        assert_eq!(cents_down(dec!(1.239)), dec!(1.23));
    }

    #[test]
    fn usd_has_thousands_separators() {
        assert_eq!(format_usd(dec!(37500)), "$37,500.00");
        assert_eq!(format_usd(dec!(1234567.891)), "$1,234,567.89");
        assert_eq!(format_usd(dec!(999)), "$999.00");
        assert_eq!(format_usd(dec!(-12.3)), "-$12.30");
        assert_eq!(format_usd(dec!(0)), "$0.00");
    }

    #[test]
    fn percents_drop_trailing_zeros() {
        assert_eq!(format_percent(dec!(0.07)), "7%");
        assert_eq!(format_percent(dec!(0.025)), "2.5%");
        assert_eq!(format_percent(dec!(1)), "100%");
    }
}
