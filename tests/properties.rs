//! Property tests of the engine's invariants over generated plans.

use proptest::prelude::*;
use rust_decimal::Decimal;

use mbr::engine::outcome::WarningCode;

use crate::common::try_report;

#[derive(Debug, Clone)]
struct Gen {
    year: i32,
    age: u32,
    comp: u32,
    freq: &'static str,
    pretax: String,
    roth: String,
    catch_up: bool,
    tiers: Vec<(u32, u32)>,
    cap: Option<u32>,
    after_tax_matched: bool,
    true_up: bool,
    nonelective: String,
    at_limit: Option<u32>,
    at_amount: String,
    frequency: &'static str,
    ret: u32,
    route: &'static str,
}

fn amount() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..30_000).prop_map(|m| m.to_string()),
        (0u32..=40).prop_map(|p| format!("\"{p}%\"")),
        Just("\"max\"".to_string()),
    ]
}

fn plans() -> impl Strategy<Value = Gen> {
    (
        (
            2022i32..=2026,
            18u32..80,
            15_000u32..600_000,
            prop::sample::select(vec!["weekly", "biweekly", "semimonthly", "monthly"]),
        ),
        (
            amount(),
            prop_oneof![
                (0u32..8000).prop_map(|m| m.to_string()),
                (0u32..=10).prop_map(|p| format!("\"{p}%\""))
            ],
            any::<bool>(),
        ),
        (
            prop::collection::vec((0u32..=150, 1u32..=8), 0..3),
            prop::option::of(1_000u32..20_000),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            prop_oneof![
                (0u32..10_000).prop_map(|m| m.to_string()),
                (0u32..=10).prop_map(|p| format!("\"{p}%\""))
            ],
            prop::option::of(1_000u32..50_000),
            amount(),
        ),
        (
            prop::sample::select(vec![
                "immediate",
                "daily",
                "weekly",
                "monthly",
                "quarterly",
                "annually",
            ]),
            0u32..=15,
            prop::sample::select(vec!["in-plan", "roth-ira", "split"]),
        ),
    )
        .prop_map(
            |(
                (year, age, comp, freq),
                (pretax, roth, catch_up),
                (tiers, cap, after_tax_matched, true_up),
                (nonelective, at_limit, at_amount),
                (frequency, ret, route),
            )| Gen {
                year,
                age,
                comp,
                freq,
                pretax,
                roth,
                catch_up,
                tiers,
                cap,
                after_tax_matched,
                true_up,
                nonelective,
                at_limit,
                at_amount,
                frequency,
                ret,
                route,
            },
        )
}

impl Gen {
    fn toml(&self) -> String {
        let pretax = if self.pretax.contains("max") && self.roth.contains("max") {
            "0".to_string()
        } else {
            self.pretax.clone()
        };
        let mut s = format!(
            "year = {}\n[participant]\nage = {}\ncompensation = {}\npay_frequency = \"{}\"\n[deferrals]\npretax = {}\nroth = {}\ncatch_up = {}\n",
            self.year, self.age, self.comp, self.freq, pretax, self.roth, self.catch_up
        );
        if !self.tiers.is_empty() {
            let tiers: Vec<_> = self
                .tiers
                .iter()
                .map(|(r, on)| format!("{{ rate = \"{r}%\", on = \"{on}%\" }}"))
                .collect();
            s += &format!(
                "[match]\ntiers = [{}]\ntrue_up = {}\n",
                tiers.join(", "),
                self.true_up
            );
            if let Some(cap) = self.cap {
                s += &format!("cap = {cap}\n");
            }
            if self.after_tax_matched {
                s += "matches = \"deferrals-and-after-tax\"\n";
            }
        }
        s += &format!(
            "[employer]\nnonelective = {}\n[after_tax]\nallowed = true\namount = {}\n",
            self.nonelective, self.at_amount
        );
        if let Some(l) = self.at_limit {
            s += &format!("limit = {l}\n");
        }
        s += &format!(
            "[conversion]\nin_plan_roth_conversion = true\nin_service_withdrawal = true\nfrequency = \"{}\"\nroute = \"{}\"\n[assumptions]\nannual_return = \"{}%\"\n[tax]\nmarginal_rate = \"24%\"\n",
            self.frequency, self.route, self.ret
        );
        s
    }
}

proptest! {
    #![proptest_config(crate::common::proptest_config(200))]

    /// For every valid plan: the room is never negative; deferrals counted in 415(c) never
    /// exceed 402(g); annual additions never exceed the lesser of 415(c) and pay; the
    /// contributions are the sums of the schedule; and the after-tax contribution never
    /// exceeds the room.
    #[test]
    fn limits_hold(g in plans()) {
        let text = g.toml();
        let Ok(r) = try_report(&text) else { return Ok(()) };
        let c = &r.contributions;
        prop_assert!(r.after_tax_room >= Decimal::ZERO);
        prop_assert!(c.pretax + c.roth <= r.limits.elective_deferral, "{text}");
        prop_assert!(c.catch_up <= r.limits.catch_up_eligible);
        prop_assert!(r.annual_additions.used <= r.limits.annual_additions.min(r.participant.compensation), "{text}");
        prop_assert!(c.after_tax <= r.after_tax_room, "{text}");
        let sum = |f: fn(&mbr::engine::outcome::Line) -> Decimal| r.schedule.iter().map(f).sum::<Decimal>();
        prop_assert_eq!(sum(|l| l.pretax), c.pretax);
        prop_assert_eq!(sum(|l| l.roth), c.roth);
        prop_assert_eq!(sum(|l| l.after_tax), c.after_tax);
        prop_assert_eq!(sum(|l| l.employer_match), c.employer_match);
        prop_assert_eq!(sum(|l| l.nonelective), c.employer_nonelective);
        for line in &r.schedule {
            prop_assert!(line.ytd_deferrals <= r.limits.elective_deferral + r.limits.catch_up_eligible);
            prop_assert!(line.ytd_additions <= r.annual_additions.limit);
        }
    }

    /// Lowering deferrals or the employer's nonelective money never lowers the after-tax room,
    /// where the match follows the annual formula (a true-up, or no match). Without a
    /// true-up it can: see `paychecks::spreading_deferrals_earns_match_and_costs_room`.
    #[test]
    fn less_deferral_or_employer_money_never_lowers_room(g in plans()) {
        let mut g = g;
        g.true_up = true;
        let Ok(base) = try_report(&g.toml()) else { return Ok(()) };
        let mut lower = g.clone();
        lower.pretax = "0".into();
        lower.nonelective = "0".into();
        let Ok(less) = try_report(&lower.toml()) else { return Ok(()) };
        prop_assert!(less.after_tax_room >= base.after_tax_room, "{} < {}\n{}", less.after_tax_room, base.after_tax_room, g.toml());
    }

    /// Taxable earnings are 0 at a 0% return, with immediate conversion, or with the split;
    /// they never decrease when the conversion is less frequent or the return higher.
    #[test]
    fn conversion_earnings_are_monotone(g in plans()) {
        let Ok(r) = try_report(&g.toml()) else { return Ok(()) };
        let rows: Vec<_> = r.conversion.frequencies.iter().map(|f| f.taxable_earnings).collect();
        // immediate ≤ daily ≤ weekly, and immediate ≤ monthly ≤ quarterly ≤ annually.
        for (a, b) in [(0, 1), (1, 2), (0, 3), (3, 4), (4, 5)] {
            prop_assert!(rows.get(a) <= rows.get(b), "{rows:?}");
        }
        if g.ret == 0 || g.route == "split" || g.frequency == "immediate" {
            prop_assert_eq!(r.conversion.taxable_earnings, Decimal::ZERO);
        }
        let mut higher = g.clone();
        higher.ret += 3;
        let Ok(h) = try_report(&higher.toml()) else { return Ok(()) };
        prop_assert!(h.conversion.taxable_earnings >= r.conversion.taxable_earnings);
    }
}

fn percent_text(fraction: Decimal) -> String {
    format!("\"{}%\"", (fraction * Decimal::ONE_HUNDRED).normalize())
}

proptest! {
    #![proptest_config(crate::common::proptest_config(100))]

    /// Following the recommended elections loses no match and never asks for more after-tax
    /// money than the room.
    #[test]
    fn recommended_elections_keep_the_match(g in plans()) {
        let Ok(r) = try_report(&g.toml()) else { return Ok(()) };
        let e = &r.elections;
        let mut follow = g.clone();
        follow.pretax = percent_text(e.pretax);
        follow.roth = percent_text(e.roth);
        follow.at_amount = percent_text(e.after_tax);
        let text = follow.toml();
        let Ok(f) = try_report(&text) else { return Ok(()) };
        prop_assert!(!f.warnings.iter().any(|w| w.code() == WarningCode::MatchLost), "{text}");
        prop_assert!(!f.warnings.iter().any(|w| w.code() == WarningCode::AfterTaxOvershoot), "{text}");
        prop_assert!(f.annual_additions.used <= f.annual_additions.limit);
    }
}
