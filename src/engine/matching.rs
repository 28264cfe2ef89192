//! The matching formula and the exact solve for after-tax room when the match also applies
//! to after-tax money.
//!
//! A tiered match ("100% of the first 3%, 50% of the next 2%") is a piecewise-linear,
//! non-decreasing function of what the participant contributes. When after-tax money is
//! matched, every after-tax dollar brings more match, and both count toward 415(c): the room
//! is the largest `A` with `A + match(A) ≤ T`. Because the function is piecewise linear with
//! breakpoints we can list, the solve walks those breakpoints and interpolates inside the one
//! segment that crosses `T`: an exact answer, no iteration towards "close enough".

use rust_decimal::Decimal;

use crate::plan::Tier;

/// Match on `contribution` out of `pay` under `tiers` (unrounded): each tier pays `rate` on
/// the slice of the contribution between its start and end, as shares of `pay`.
#[must_use]
pub fn formula(tiers: &[Tier], contribution: Decimal, pay: Decimal) -> Decimal {
    formula_within(tiers, bounds(tiers, pay), contribution)
}

/// Each tier's start and width in dollars of `pay`: the part of `formula` that depends on
/// the pay alone, for callers that apply the formula to many contributions out of one pay.
pub fn bounds(tiers: &[Tier], pay: Decimal) -> impl Iterator<Item = (Decimal, Decimal)> + '_ {
    let mut start = Decimal::ZERO;
    tiers.iter().map(move |tier| {
        let lo = start * pay;
        let width = tier.on * pay;
        start += tier.on;
        (lo, width)
    })
}

/// `formula` with the tiers' `bounds` already worked out.
#[must_use]
pub fn formula_within(
    tiers: &[Tier],
    bounds: impl IntoIterator<Item = (Decimal, Decimal)>,
    contribution: Decimal,
) -> Decimal {
    let mut total = Decimal::ZERO;
    for (tier, (lo, width)) in tiers.iter().zip(bounds) {
        let slice = (contribution - lo).max(Decimal::ZERO).min(width);
        total += tier.rate * slice;
    }
    total
}

/// Contributions (as a share of pay × pay) at which `formula` changes slope.
pub fn kinks(tiers: &[Tier], pay: Decimal) -> impl Iterator<Item = Decimal> + '_ {
    let mut start = Decimal::ZERO;
    tiers.iter().flat_map(move |tier| {
        let lo = start * pay;
        start += tier.on;
        [lo, start * pay]
    })
}

/// The largest `a` in `[0, upper]` with `a + g(a) ≤ target`, for a continuous
/// non-decreasing `g` that is linear between consecutive `breakpoints`. `None` when even
/// `a = 0` is over the target.
#[must_use]
pub fn solve(
    target: Decimal,
    upper: Decimal,
    breakpoints: &mut Vec<Decimal>,
    g: impl Fn(Decimal) -> Decimal,
) -> Option<Decimal> {
    let h = |a: Decimal| a + g(a);
    if h(Decimal::ZERO) > target {
        return None;
    }
    breakpoints.retain(|b| *b > Decimal::ZERO && *b < upper);
    breakpoints.push(upper);
    breakpoints.sort_unstable();
    breakpoints.dedup();
    let mut lo = Decimal::ZERO;
    let mut h_lo = h(lo);
    for &hi in breakpoints.iter() {
        let h_hi = h(hi);
        if h_hi > target {
            // h is linear on [lo, hi] and strictly increasing (slope ≥ 1): interpolate.
            return Some(lo + (target - h_lo) * (hi - lo) / (h_hi - h_lo));
        }
        lo = hi;
        h_lo = h_hi;
    }
    Some(upper)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn tiers() -> Vec<Tier> {
        vec![
            Tier {
                rate: dec!(1),
                on: dec!(0.03),
            },
            Tier {
                rate: dec!(0.5),
                on: dec!(0.02),
            },
        ]
    }

    #[test]
    fn safe_harbor_formula() {
        // 100% of the first 3% and 50% of the next 2% of $100,000: full match at 5% deferral
        // is 3,000 + 0.5 × 2,000 = $4,000; at 4% it is 3,000 + 0.5 × 1,000 = $3,500.
        assert_eq!(formula(&tiers(), dec!(5000), dec!(100000)), dec!(4000));
        assert_eq!(formula(&tiers(), dec!(4000), dec!(100000)), dec!(3500));
        assert_eq!(formula(&tiers(), dec!(50000), dec!(100000)), dec!(4000));
        assert_eq!(formula(&tiers(), dec!(0), dec!(100000)), dec!(0));
    }

    #[test]
    fn solve_finds_the_exact_fixed_point() {
        // Match 50% of after-tax on up to 6% of $100,000 (i.e. on the first $6,000): with a
        // target of $20,000, A + 0.5 × min(A, 6000) = 20,000 → A = 20,000 − 3,000 = $17,000.
        let t = vec![Tier {
            rate: dec!(0.5),
            on: dec!(0.06),
        }];
        let mut bps: Vec<_> = kinks(&t, dec!(100000)).collect();
        let a = solve(dec!(20000), dec!(20000), &mut bps, |a| {
            formula(&t, a, dec!(100000))
        })
        .unwrap();
        assert_eq!(a, dec!(17000));
        // With a target of $3,000 the match has not hit its kink: A × 1.5 = 3,000 → A = 2,000.
        let mut bps: Vec<_> = kinks(&t, dec!(100000)).collect();
        let a = solve(dec!(3000), dec!(3000), &mut bps, |a| {
            formula(&t, a, dec!(100000))
        })
        .unwrap();
        assert_eq!(a, dec!(2000));
    }
}
