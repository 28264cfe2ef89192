//! The IRS rules mbr applies, one small function per rule, each citing its IRC section.
//!
//! Rules take plain figures (an age, dollars, the year's [`Limits`]) and return plain
//! figures, so that the plan file's checks (`plan`) and the engine (`engine`) both call them
//! and no rule is written twice. This module imports neither `plan` nor `engine`, does no
//! I/O and no rounding: where a rule needs a participant's figure that the plan file may
//! leave out, the caller chooses what stands in for it. [`Figures`] applies them once to one
//! participant's year, for the engine. Figures and sources: LIMITS.md; the rules in words:
//! RULES.md.

use rust_decimal::Decimal;

use crate::limits::Limits;
use crate::money::{cents, cents_down, non_negative};

/// The age from which a participant may make catch-up contributions.
const CATCH_UP_AGE: u32 = 50;

/// Whether a participant of `age` on December 31 may make catch-up contributions: IRC
/// 414(v)(5)(A), a participant who "would attain age 50 by the end of the taxable year"
/// (26 CFR 1.414(v)-1(g)(3)).
#[must_use]
pub fn catch_up_eligible(age: u32) -> bool {
    age >= CATCH_UP_AGE
}

/// Whether `age` on December 31 falls in the years of the larger catch-up: IRC
/// 414(v)(2)(E) (SECURE 2.0 §109), for a participant who attains 60, 61, 62 or 63 in the
/// year; from 64 the age-50 amount applies again (LIMITS.md §1, note a).
#[must_use]
pub fn super_catch_up_age(age: u32) -> bool {
    (60..=63).contains(&age)
}

/// The catch-up a participant may defer this year: none unless they elect catch-up and are
/// eligible by age ([`catch_up_eligible`]); the 414(v)(2)(B)(i) age-50 amount, or, at ages
/// 60–63 where the year has one and the plan offers it, the 414(v)(2)(E) amount *instead*
/// (it is optional for the plan; IRS COLA page footnote, Notices 2024-80 and 2025-67).
#[must_use]
pub fn catch_up_limit(
    age: u32,
    catch_up_elected: bool,
    plan_offers_60_63: bool,
    limits: &Limits,
) -> Decimal {
    if !catch_up_elected || !catch_up_eligible(age) {
        return Decimal::ZERO;
    }
    match &limits.catch_up_60_63 {
        Some(super_catch_up) if super_catch_up_age(age) && plan_offers_60_63 => {
            super_catch_up.amount
        }
        _ => limits.catch_up.amount,
    }
}

/// The person's elective deferral limit for the year: the IRC 402(g)(1) dollar limit raised
/// by the `catch_up` they may make ([`catch_up_limit`]). The catch-up raises the person-wide
/// limit under 402(g)(1)(C), which SECURE 2.0 deleted by a drafting error; Notice 2023-62
/// lets plans go on as if it applied (RULES.md §9).
#[must_use]
pub fn elective_deferral_limit(catch_up: Decimal, limits: &Limits) -> Decimal {
    limits.elective_deferral.amount + catch_up
}

/// A person's excess deferrals for the year: elective `deferrals` across every plan above
/// their `limit` ([`elective_deferral_limit`]), never negative. IRC 402(g)(2): the excess and
/// its earnings may be paid back by a corrective distribution by April 15 of the next year;
/// a pre-tax excess is income for the year deferred even when refunded in time (26 CFR
/// 1.402(g)-1(e); RULES.md §9).
#[must_use]
pub fn excess_deferrals(deferrals: Decimal, limit: Decimal) -> Decimal {
    non_negative(deferrals - limit)
}

/// The 415(c) limit on annual additions with this employer: the lesser of the dollar limit
/// (IRC 415(c)(1)(A)) and 100% of the participant's `compensation` from the employer
/// (415(c)(1)(B), 415(c)(3)) (LIMITS.md §7, R2).
#[must_use]
pub fn annual_additions_limit(compensation: Decimal, limits: &Limits) -> Decimal {
    limits.annual_additions.amount.min(compensation)
}

/// Excess annual additions with one employer: `additions` above its 415(c) `limit`
/// ([`annual_additions_limit`]), never negative. They are corrected under EPCRS (Rev. Proc.
/// 2021-30), after-tax contributions and their earnings returned first (RULES.md §9).
#[must_use]
pub fn excess_annual_additions(additions: Decimal, limit: Decimal) -> Decimal {
    non_negative(additions - limit)
}

/// The year's compensation the plan may take into account: IRC 401(a)(17) disregards pay
/// above the year's compensation limit (for the match and percent-of-pay employer money).
#[must_use]
pub fn counted_compensation(compensation: Decimal, limits: &Limits) -> Decimal {
    compensation.min(limits.compensation.amount)
}

/// Whether the participant is a highly compensated employee this year by pay: IRC
/// 414(q)(1)(B), compensation from the employer for the preceding year "in excess of" the
/// threshold published for that year (LIMITS.md §1, note f).
#[must_use]
pub fn is_hce(prior_year_pay: Decimal, limits: &Limits) -> bool {
    prior_year_pay > limits.hce_prior_year_threshold.amount
}

/// Whether this year's catch-up must be designated Roth: IRC 414(v)(7)(A) (SECURE 2.0
/// §603), prior-year FICA wages (W-2 box 3) from the employer sponsoring the plan above the
/// year's threshold, in a year the rule is enforced (Notice 2023-62 made 2024 and 2025 a
/// transition period; final regulations T.D. 10033; LIMITS.md §3).
#[must_use]
pub fn roth_catch_up_required(prior_year_fica_wages: Decimal, limits: &Limits) -> bool {
    let Some(rule) = &limits.roth_catch_up else {
        return false;
    };
    rule.enforced && prior_year_fica_wages > rule.threshold.amount
}

/// The part of this year's employer money that is income this year: the match and the
/// nonelective money the participant designates as Roth. SECURE 2.0 §604 (IRC 402A(a)(2)
/// as amended) lets a plan make matching and nonelective contributions designated Roth; they
/// count in 415(c) as any employer money does, and they are included in the participant's
/// gross income for the taxable year in which they are allocated to the account (Notice
/// 2024-2, section L; RULES.md §1). They are not wages for income tax withholding or FICA
/// and are reported on Form 1099-R, not on Form W-2 ([`roth_employer_form_1099r`]).
#[must_use]
pub fn roth_employer_income(
    employer_match: Decimal,
    match_roth: bool,
    nonelective: Decimal,
    nonelective_roth: bool,
) -> (Decimal, Decimal) {
    let keep = |amount: Decimal, roth: bool| if roth { amount } else { Decimal::ZERO };
    (
        keep(employer_match, match_roth),
        keep(nonelective, nonelective_roth),
    )
}

/// The Form 1099-R boxes 1, 2a and 5 for the year's Roth employer money `amount` (box 7
/// takes code G): Notice 2024-2, section L, has designated Roth matching and nonelective
/// contributions reported on Form 1099-R for the year they are allocated, the whole amount
/// in box 1 and in box 2a (all of it taxable), code G in box 7, as an in-plan Roth rollover
/// is; the Instructions for Forms 1099-R and 5498 (2024 and later) list them under
/// "Designated Roth nonelective contributions and designated Roth matching contributions".
/// No basis: box 5 is 0.
#[must_use]
pub fn roth_employer_form_1099r(amount: Decimal) -> (Decimal, Decimal, Decimal) {
    (amount, amount, Decimal::ZERO)
}

/// One participant's figures for the year under the rules above, worked out once (by
/// [`Figures::for_participant`]) so that no caller asks a rule again for the same person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures {
    /// The IRC 402(g)(1) dollar limit on elective deferrals.
    pub elective_deferral: Decimal,
    /// Whether the participant's age allows catch-up ([`catch_up_eligible`]).
    pub catch_up_eligible: bool,
    /// The catch-up the participant could make if they elected it ([`catch_up_limit`]).
    pub catch_up_available: Decimal,
    /// The catch-up the participant may make as elected ([`catch_up_limit`]).
    pub catch_up: Decimal,
    /// 402(g) raised by `catch_up` ([`elective_deferral_limit`]).
    pub deferral_limit: Decimal,
    /// The 415(c) limit: the lesser of the dollar limit and compensation
    /// ([`annual_additions_limit`]).
    pub annual_additions: Decimal,
    /// The IRC 401(a)(17) dollar limit on compensation taken into account.
    pub compensation_limit: Decimal,
    /// The year's compensation the plan may take into account ([`counted_compensation`]).
    pub counted_compensation: Decimal,
    /// Highly compensated under 414(q) by prior-year pay ([`is_hce`]).
    pub hce: bool,
    /// Catch-up must be designated Roth under 414(v)(7) ([`roth_catch_up_required`]).
    pub roth_catch_up: bool,
    /// The year's Social Security wage base (IRC 3121(a)(1)), for the FICA a paycheck
    /// withholds ([`employee_fica`]).
    pub social_security_wage_base: Decimal,
    /// Elective deferrals this person made in other plans this year, catch-up included
    /// ([`Figures::with_other_plans`]); 0 by default.
    pub other_deferrals: Decimal,
    /// Annual additions this year in other plans of the same employer, which share its
    /// 415(c) limit ([`Figures::with_other_plans`]); 0 by default.
    pub other_additions: Decimal,
}

impl Figures {
    /// Applies each rule once to a participant of `age` (December 31) who elects catch-up
    /// or not, in a plan that offers the 60–63 catch-up or not, with last year's pay
    /// (414(q)) and FICA wages (414(v)(7)) from the employer and this year's `compensation`.
    #[must_use]
    pub fn for_participant(
        age: u32,
        catch_up_elected: bool,
        plan_offers_60_63: bool,
        prior_year_pay: Decimal,
        prior_year_fica_wages: Decimal,
        compensation: Decimal,
        limits: &Limits,
    ) -> Self {
        let catch_up = catch_up_limit(age, catch_up_elected, plan_offers_60_63, limits);
        Self {
            elective_deferral: limits.elective_deferral.amount,
            catch_up_eligible: catch_up_eligible(age),
            catch_up_available: catch_up_limit(age, true, plan_offers_60_63, limits),
            catch_up,
            deferral_limit: elective_deferral_limit(catch_up, limits),
            annual_additions: annual_additions_limit(compensation, limits),
            compensation_limit: limits.compensation.amount,
            counted_compensation: counted_compensation(compensation, limits),
            hce: is_hce(prior_year_pay, limits),
            roth_catch_up: roth_catch_up_required(prior_year_fica_wages, limits),
            social_security_wage_base: limits.social_security_wage_base.amount,
            other_deferrals: Decimal::ZERO,
            other_additions: Decimal::ZERO,
        }
    }

    /// The same figures for a person who also defers `deferrals` in other plans this year
    /// and whose employer's other plans hold `additions` this year. 402(g) is one limit per
    /// person across every plan of every employer (IRC 402(g)(1); RULES.md section 9), and
    /// the catch-up raises that one limit (402(g)(1)(C), Notice 2023-62): the other plans'
    /// deferrals come first, so this plan's deferrals are catch-up only above what they
    /// leave of 402(g). 415(c) is one limit per employer, its plans aggregated (IRC
    /// 415(f)(1), 415(h); Treas. Reg. 1.415(f)-1(a), and 1.415(f)-1(f) for a 403(b) beside
    /// a business the participant controls).
    #[must_use]
    pub fn with_other_plans(self, deferrals: Decimal, additions: Decimal) -> Self {
        Self {
            other_deferrals: deferrals,
            other_additions: additions,
            ..self
        }
    }

    /// What other plans leave of the 402(g)(1) limit: this plan's deferrals up to it are
    /// regular deferrals, counted in 415(c); above it they are catch-up.
    #[must_use]
    pub fn regular_left(&self) -> Decimal {
        non_negative(self.elective_deferral - self.other_deferrals)
    }

    /// What other plans leave of this person's limit with catch-up (`deferral_limit`): the
    /// most this plan's deferrals may come to without an excess deferral (IRC 402(g)(2)).
    #[must_use]
    pub fn deferral_left(&self) -> Decimal {
        non_negative(self.deferral_limit - self.other_deferrals)
    }

    /// What the employer's other plans leave of its 415(c) limit for this plan's additions.
    #[must_use]
    pub fn additions_left(&self) -> Decimal {
        non_negative(self.annual_additions - self.other_additions)
    }

    /// The part of this plan's elective `deferrals` for the year that counts toward 415(c):
    /// catch-up does not (IRC 414(v)(3)(A)), so at most what other plans leave of the
    /// 402(g)(1) limit ([`Self::regular_left`]) does (LIMITS.md §7, R1).
    #[must_use]
    pub fn deferrals_in_annual_additions(&self, deferrals: Decimal) -> Decimal {
        deferrals.min(self.regular_left())
    }

    /// The part of a `deferral` that is catch-up when `deferred_before` is already deferred
    /// this year: only what crosses the 402(g)(1) limit (IRC 414(v)(1); 26 CFR
    /// 1.414(v)-1(b)(1): catch-up contributions are elective deferrals in excess of an
    /// applicable limit), and at most the catch-up this participant may make: deferrals
    /// beyond 402(g) plus the catch-up are excess deferrals ([`excess_deferrals`]), not
    /// catch-up. A participant who defers less than 402(g) makes no catch-up, whatever
    /// their age.
    /// `deferred_before` counts this plan's deferrals; other plans' come first
    /// ([`Self::with_other_plans`]).
    #[must_use]
    pub fn catch_up_part(&self, deferred_before: Decimal, deferral: Decimal) -> Decimal {
        let after = (deferred_before + deferral).min(self.deferral_left());
        non_negative(after - deferred_before.max(self.regular_left())).min(deferral)
    }

    /// The part of one paycheck's `pay` the plan takes into account when `counted_before`
    /// has been counted already this year: what is left of the IRC 401(a)(17) limit, the IRS
    /// default of applying the limit to pay as it is received ("401(k) plans — deferrals
    /// and matching when compensation exceeds the annual limit"; RULES.md §3).
    #[must_use]
    pub fn counted_pay(&self, pay: Decimal, counted_before: Decimal) -> Decimal {
        pay.min(non_negative(self.compensation_limit - counted_before))
    }

    /// What of one paycheck's pay the plan may count under the periodic method of applying
    /// IRC 401(a)(17) (Treas. Reg. 1.401(a)(17)-1(b)(3)(iii)(A); RULES.md §3, "pro-rata"):
    /// the year's limit divided evenly among the year's `paychecks`, unrounded.
    #[must_use]
    pub fn periodic_compensation_limit(&self, paychecks: usize) -> Decimal {
        self.compensation_limit / Decimal::from(paychecks.max(1))
    }
}

/// The employee's Social Security tax rate: 6.2% of wages, IRC 3101(a) (old-age,
/// survivors and disability insurance).
const SOCIAL_SECURITY_RATE: Decimal = Decimal::from_parts(62, 0, 0, false, 3);

/// The employee's Medicare tax rate: 1.45% of all wages, IRC 3101(b)(1) (hospital
/// insurance); no wage base.
const MEDICARE_RATE: Decimal = Decimal::from_parts(145, 0, 0, false, 4);

/// The Additional Medicare Tax rate: 0.9% of wages above the threshold, IRC 3101(b)(2).
const ADDITIONAL_MEDICARE_RATE: Decimal = Decimal::from_parts(9, 0, 0, false, 3);

/// The wages in a calendar year above which the employer must withhold the Additional
/// Medicare Tax, whatever the employee's filing status: $200,000, IRC 3102(f)(1).
const ADDITIONAL_MEDICARE_WITHHOLDING_FROM: Decimal = Decimal::from_parts(200_000, 0, 0, false, 0);

/// The employee's FICA taxes an employer withholds from one paycheck, each unrounded: the
/// caller rounds each to the cent as payroll does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmployeeFica {
    /// Social Security tax ([`social_security_tax`]).
    pub social_security: Decimal,
    /// Medicare tax ([`medicare_tax`]).
    pub medicare: Decimal,
    /// Additional Medicare Tax withheld ([`additional_medicare_withholding`]).
    pub additional_medicare: Decimal,
}

/// Social Security tax on a paycheck of `pay` when this employer has paid `wages_before`
/// this calendar year: 6.2% (IRC 3101(a)) of the part of it below the year's contribution
/// and benefit base `wage_base` (IRC 3121(a)(1); the limits file's
/// `social_security_wage_base`, SSA).
/// FICA wages include pre-tax 401(k) deferrals (IRC 3121(v)(1)(A)), so `pay` is gross pay.
#[must_use]
pub fn social_security_tax(pay: Decimal, wages_before: Decimal, wage_base: Decimal) -> Decimal {
    let base_left = non_negative(wage_base - wages_before);
    SOCIAL_SECURITY_RATE * non_negative(pay).min(base_left)
}

/// Medicare tax on a paycheck of `pay`: 1.45% of all of it, IRC 3101(b)(1).
#[must_use]
pub fn medicare_tax(pay: Decimal) -> Decimal {
    MEDICARE_RATE * non_negative(pay)
}

/// Additional Medicare Tax the employer withholds from a paycheck of `pay` when it has paid
/// `wages_before` this calendar year: 0.9% (IRC 3101(b)(2)) of the part of the year's wages
/// above $200,000, which the employer must withhold whatever the employee's filing status
/// (IRC 3102(f)(1)).
#[must_use]
pub fn additional_medicare_withholding(pay: Decimal, wages_before: Decimal) -> Decimal {
    let from = ADDITIONAL_MEDICARE_WITHHOLDING_FROM.max(wages_before);
    ADDITIONAL_MEDICARE_RATE * non_negative(wages_before + non_negative(pay) - from)
}

/// The employee's FICA an employer withholds from a paycheck of `pay` after paying
/// `wages_before` this calendar year (IRC 3101, 3102): what comes out of the paycheck before
/// any election, so that a paycheck holds at most its pay less this (RULES.md §7).
#[must_use]
pub fn employee_fica(pay: Decimal, wages_before: Decimal, wage_base: Decimal) -> EmployeeFica {
    EmployeeFica {
        social_security: social_security_tax(pay, wages_before, wage_base),
        medicare: medicare_tax(pay),
        additional_medicare: additional_medicare_withholding(pay, wages_before),
    }
}

/// Net earnings from self-employment: 92.35% of the business's `net_profit` (IRC
/// 1402(a)(12), which deducts 7.65% in place of the employer's half of FICA; Schedule SE
/// line 4a), rounded to the cent half away from zero (Schedule SE lets the lines be cents).
/// A loss earns nothing.
#[must_use]
pub fn net_earnings_from_self_employment(net_profit: Decimal, limits: &Limits) -> Decimal {
    cents(limits.self_employment_tax.net_earnings.rate * non_negative(net_profit))
}

/// The year's self-employment tax, in its two parts, each rounded to the cent half away from
/// zero as Schedule SE's lines 10 and 11 are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SelfEmploymentTax {
    /// The Social Security part (Schedule SE line 10).
    pub social_security: Decimal,
    /// The Medicare part (Schedule SE line 11).
    pub medicare: Decimal,
}

impl SelfEmploymentTax {
    /// The whole tax (Schedule SE line 12).
    #[must_use]
    pub fn total(self) -> Decimal {
        self.social_security + self.medicare
    }
}

/// Self-employment tax on `net_earnings` ([`net_earnings_from_self_employment`]) of a person
/// with `other_social_security_wages` (W-2 box 3, and tips) from employers this year: none
/// under $400 of net earnings (IRC 1402(b)); else 12.4% (IRC 1401(a)) of the lesser of the
/// net earnings and what the wages leave of the year's wage base (IRC 1402(b)(1), never
/// below 0), and 2.9% (IRC 1401(b)(1)) of all of them (Schedule SE lines 7–11; RULES.md
/// §8). The 0.9% Additional Medicare Tax (IRC 1401(b)(2)) is not part of it. Each part is
/// rounded to the cent half away from zero.
#[must_use]
pub fn self_employment_tax(
    net_earnings: Decimal,
    other_social_security_wages: Decimal,
    limits: &Limits,
) -> SelfEmploymentTax {
    let se = &limits.self_employment_tax;
    if net_earnings < se.floor.amount {
        return SelfEmploymentTax {
            social_security: Decimal::ZERO,
            medicare: Decimal::ZERO,
        };
    }
    let base_left =
        non_negative(limits.social_security_wage_base.amount - other_social_security_wages);
    SelfEmploymentTax {
        social_security: cents(se.social_security.rate * net_earnings.min(base_left)),
        medicare: cents(se.medicare.rate * net_earnings),
    }
}

/// The deduction for half the self-employment tax `tax` (IRC 164(f); Schedule 1), rounded to
/// the cent half away from zero. Earned income is net profit less it (IRC 401(c)(2)(A)(v)).
#[must_use]
pub fn half_self_employment_tax(tax: Decimal, limits: &Limits) -> Decimal {
    cents(limits.self_employment_tax.deductible.rate * tax)
}

/// The employer contribution rate for a self-employed person whose plan rate is
/// `plan_rate`: `plan_rate / (1 + plan_rate)` of net profit less half the SE tax, because
/// the contribution is a percent of compensation after the contribution itself (IRC
/// 401(c)(2), 404(a)(8)(D); IRS Publication 560, "Rate table for self-employed"): 25% → 20%.
#[must_use]
pub fn self_employed_rate(plan_rate: Decimal) -> Decimal {
    plan_rate / (Decimal::ONE + plan_rate)
}

/// The most an employer may deduct for a profit-sharing plan: 25% of compensation (IRC
/// 404(a)(3)(A)), the plan rate that "max" means for a self-employed person.
pub const MAX_PLAN_RATE: Decimal = Decimal::from_parts(25, 0, 0, false, 2);

/// The most a sole proprietor's plan may contribute as employer (nonelective) at a plan rate
/// of `plan_rate`, for `earnings` = net profit less half the SE tax and `deferrals` the
/// regular elective deferrals that count in 415(c) (catch-up does not): the smallest of
/// - `earnings` × the self-employed rate ([`self_employed_rate`]; 20% at 25%),
/// - the 401(a)(17) limit × `plan_rate` (compensation counts up to it),
/// - the 415(c)(1)(A) dollar limit less `deferrals` (deferrals are annual additions), and
/// - half of `earnings − deferrals`: the contribution lowers compensation by itself, and
///   deferrals plus it must stay within that compensation (415(c)(1)(B)),
///
/// never below 0. These are IRS Publication 560's deduction worksheet for the self-employed,
/// steps 6–14 (RULES.md §8; example: 2026, net profit 30,000 and 24,500 deferred allow
/// 1,690.28). Each figure is a maximum, so it is rounded down to the cent.
#[must_use]
pub fn self_employed_employer_contribution_max(
    earnings: Decimal,
    deferrals: Decimal,
    plan_rate: Decimal,
    limits: &Limits,
) -> Decimal {
    let rate = earnings * self_employed_rate(plan_rate);
    let counted = limits.compensation.amount * plan_rate;
    let dollar = limits.annual_additions.amount - deferrals;
    let half = (earnings - deferrals) / Decimal::TWO;
    non_negative(cents_down(rate.min(counted).min(dollar).min(half)))
}

/// A self-employed person's compensation (earned income) for 415(c) and the plan: net
/// profit less half the SE tax (`earnings`) less the employer contribution the plan makes
/// for them (IRC 401(c)(2), 404(a)(8)(D), 415(c)(3)(B)); elective deferrals are not taken
/// off (415(c)(3)(D)), nor after-tax money (not deductible).
#[must_use]
pub fn self_employed_compensation(earnings: Decimal, employer_contribution: Decimal) -> Decimal {
    non_negative(earnings - employer_contribution)
}

/// The catch-up a self-employed person may make: at most `catch_up` ([`catch_up_limit`]) and
/// at most the `compensation` left after the regular `deferrals` (Treas. Reg. 1.414(v)-1(c):
/// the catch-up limit is the lesser of the dollar amount and compensation less the
/// participant's other elective deferrals; IRS Publication 560 worksheet steps 16–18).
#[must_use]
pub fn self_employed_catch_up(
    catch_up: Decimal,
    compensation: Decimal,
    deferrals: Decimal,
) -> Decimal {
    catch_up.min(non_negative(compensation - deferrals))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn limits(year: i32) -> Limits {
        let text = crate::limits::built_in(year).unwrap();
        crate::limits::parse("limits.toml", text).unwrap()
    }

    #[test]
    fn catch_up_needs_the_election_and_age_50() {
        let l = limits(2026);
        assert_eq!(catch_up_limit(49, true, true, &l), Decimal::ZERO);
        assert_eq!(catch_up_limit(55, false, true, &l), Decimal::ZERO);
        assert_eq!(catch_up_limit(50, true, false, &l), dec!(8000));
    }

    /// LIMITS.md §1: 11,250 instead of 8,000 at 60–63 in 2026, only where the plan offers it.
    #[test]
    fn ages_60_to_63_get_the_larger_catch_up_where_offered() {
        let l = limits(2026);
        assert_eq!(catch_up_limit(60, true, true, &l), dec!(11250));
        assert_eq!(catch_up_limit(63, true, true, &l), dec!(11250));
        assert_eq!(catch_up_limit(63, true, false, &l), dec!(8000));
        assert_eq!(catch_up_limit(64, true, true, &l), dec!(8000));
        assert_eq!(elective_deferral_limit(dec!(11250), &l), dec!(35750));
    }

    /// RULES.md §2: catch-up is only what crosses 402(g) (2026: 24,500).
    #[test]
    fn catch_up_is_the_part_above_402g() {
        let l = limits(2026);
        let f = Figures::for_participant(55, true, false, dec!(0), dec!(0), dec!(100000), &l);
        assert_eq!(f.catch_up_part(dec!(20000), dec!(4000)), Decimal::ZERO);
        assert_eq!(f.catch_up_part(dec!(24000), dec!(1000)), dec!(500));
        assert_eq!(f.catch_up_part(dec!(25000), dec!(1000)), dec!(1000));
        assert_eq!(f.deferrals_in_annual_additions(dec!(30000)), dec!(24500));
    }

    /// RULES.md §9: above 402(g) plus the catch-up (2026: 24,500 + 8,000 = 32,500) a
    /// deferral is an excess deferral, not catch-up; without catch-up all of it above 24,500.
    #[test]
    fn deferrals_past_the_catch_up_are_excess_not_catch_up() {
        let l = limits(2026);
        // 32,000 deferred, 1,000 more: 500 reaches 32,500 as catch-up, 500 is excess.
        let with = Figures::for_participant(55, true, false, dec!(0), dec!(0), dec!(100000), &l);
        assert_eq!(with.catch_up_part(dec!(32000), dec!(1000)), dec!(500));
        // No catch-up: 24,000 + 1,000 = 25,000 is 500 of excess, no catch-up.
        let without =
            Figures::for_participant(55, false, false, dec!(0), dec!(0), dec!(100000), &l);
        assert_eq!(
            without.catch_up_part(dec!(24000), dec!(1000)),
            Decimal::ZERO
        );
        assert_eq!(excess_deferrals(dec!(25000), dec!(24500)), dec!(500));
        assert_eq!(excess_deferrals(dec!(20000), dec!(24500)), Decimal::ZERO);
    }

    #[test]
    fn the_415c_limit_is_the_lesser_of_dollars_and_pay() {
        let l = limits(2026);
        assert_eq!(annual_additions_limit(dec!(500000), &l), dec!(72000));
        assert_eq!(annual_additions_limit(dec!(30000), &l), dec!(30000));
        assert_eq!(excess_annual_additions(dec!(72500), dec!(72000)), dec!(500));
        assert_eq!(excess_annual_additions(dec!(72000), dec!(72000)), dec!(0));
    }

    #[test]
    fn pay_above_401a17_is_not_counted() {
        let l = limits(2026);
        assert_eq!(counted_compensation(dec!(400000), &l), dec!(360000));
        let f = Figures::for_participant(40, false, false, dec!(0), dec!(0), dec!(400000), &l);
        assert_eq!(f.counted_compensation, dec!(360000));
        assert_eq!(f.counted_pay(dec!(20000), dec!(350000)), dec!(10000));
        assert_eq!(f.counted_pay(dec!(20000), dec!(370000)), Decimal::ZERO);
        // 360,000 / 12 monthly paychecks = 30,000 a paycheck.
        assert_eq!(f.periodic_compensation_limit(12), dec!(30000));
    }

    /// 2026 wage base 184,500 (SSA). A 5,000 paycheck early in the year: 6.2% × 5,000 = 310,
    /// 1.45% × 5,000 = 72.50, no Additional Medicare. A 10,000 paycheck after 180,000:
    /// 6.2% × (184,500 − 180,000) = 6.2% × 4,500 = 279. After 195,000 it crosses 200,000:
    /// 0.9% × (195,000 + 10,000 − 200,000) = 0.9% × 5,000 = 45; after 200,000 all of it,
    /// 0.9% × 10,000 = 90; after 180,000 it stays below (190,000): none.
    #[test]
    fn employee_fica_follows_the_wage_base_and_the_200000_threshold() {
        let l = limits(2026);
        let early = employee_fica(
            dec!(5000),
            Decimal::ZERO,
            l.social_security_wage_base.amount,
        );
        assert_eq!(early.social_security, dec!(310));
        assert_eq!(early.medicare, dec!(72.5));
        assert_eq!(early.additional_medicare, Decimal::ZERO);
        assert_eq!(
            social_security_tax(
                dec!(10000),
                dec!(180000),
                l.social_security_wage_base.amount
            ),
            dec!(279)
        );
        assert_eq!(
            social_security_tax(
                dec!(10000),
                dec!(184500),
                l.social_security_wage_base.amount
            ),
            Decimal::ZERO
        );
        assert_eq!(
            additional_medicare_withholding(dec!(10000), dec!(195000)),
            dec!(45)
        );
        assert_eq!(
            additional_medicare_withholding(dec!(10000), dec!(200000)),
            dec!(90)
        );
        assert_eq!(
            additional_medicare_withholding(dec!(10000), dec!(180000)),
            Decimal::ZERO
        );
    }

    #[test]
    fn hce_and_roth_catch_up_need_pay_above_the_threshold() {
        let l = limits(2026);
        assert!(!is_hce(dec!(160000), &l));
        assert!(is_hce(dec!(160000.01), &l));
        assert!(!roth_catch_up_required(dec!(150000), &l));
        assert!(roth_catch_up_required(dec!(150000.01), &l));
        assert!(!roth_catch_up_required(dec!(1000000), &limits(2025)));
    }
    /// 2026 (RULES.md §8): net profit 100,000 → net earnings 92,350; SE tax 12.4% × 92,350 =
    /// 11,451.40 plus 2.9% × 92,350 = 2,678.15, 14,129.55; half 7,064.775 → 7,064.78. Above
    /// the wage base (W-2 wages 200,000 > 184,500) only the Medicare part, 2,678.15.
    /// 350 of profit → 323.23 of net earnings, under 400: none.
    #[test]
    fn self_employment_tax_follows_schedule_se() {
        let l = limits(2026);
        let ne = net_earnings_from_self_employment(dec!(100000), &l);
        assert_eq!(ne, dec!(92350));
        let tax = self_employment_tax(ne, Decimal::ZERO, &l);
        assert_eq!(tax.social_security, dec!(11451.40));
        assert_eq!(tax.medicare, dec!(2678.15));
        assert_eq!(tax.total(), dec!(14129.55));
        assert_eq!(half_self_employment_tax(tax.total(), &l), dec!(7064.78));
        let above = self_employment_tax(ne, dec!(200000), &l);
        assert_eq!(above.total(), dec!(2678.15));
        let small = net_earnings_from_self_employment(dec!(350), &l);
        assert_eq!(small, dec!(323.23));
        assert_eq!(
            self_employment_tax(small, Decimal::ZERO, &l).total(),
            dec!(0)
        );
    }

    /// RULES.md §8's example, 2026: net profit 30,000 → net earnings 27,705; SE tax
    /// 3,435.42 + 803.45 = 4,238.87, half 2,119.44; earnings 27,880.56. With 24,500
    /// deferred: min(20% = 5,576.11, 25% × 360,000 = 90,000, 72,000 − 24,500 = 47,500,
    /// (27,880.56 − 24,500) / 2 = 1,690.28) = 1,690.28.
    #[test]
    fn the_employer_contribution_is_the_smallest_of_four_limits() {
        let l = limits(2026);
        let earnings = dec!(30000) - dec!(2119.44);
        assert_eq!(
            self_employed_employer_contribution_max(earnings, dec!(24500), MAX_PLAN_RATE, &l),
            dec!(1690.28)
        );
        assert_eq!(
            self_employed_employer_contribution_max(earnings, Decimal::ZERO, MAX_PLAN_RATE, &l),
            dec!(5576.11)
        );
        assert_eq!(self_employed_rate(MAX_PLAN_RATE), dec!(0.2));
        assert_eq!(
            self_employed_catch_up(dec!(8000), dec!(26190.28), dec!(24500)),
            dec!(1690.28)
        );
    }
}
