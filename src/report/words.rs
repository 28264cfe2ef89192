//! Every sentence mbr says about a plan: the engine's findings (warnings, the verdict's
//! reasons and questions, notes on the elections) carry figures, and this module words
//! them once, for the tables and the JSON alike. It computes nothing and prints nothing.

use rust_decimal::Decimal;

use crate::engine::outcome::{
    DeferralRates, LeftCause, MatchShortfall, Note, Question, Reason, StepKind, Warning, Way, Ways,
};
use crate::money::{format_percent, format_usd};
use crate::plan::{ExtraPaycheck, PayFrequency};

/// A reason for the verdict, in plain words.
#[must_use]
pub fn reason(reason: &Reason) -> String {
    match *reason {
        Reason::NoAfterTax => {
            "The plan does not accept after-tax contributions, so there is nothing to convert."
                .to_string()
        }
        Reason::NoRoute => "The plan has neither an in-plan Roth conversion nor an in-service withdrawal of after-tax money: \
             after-tax contributions would sit until you leave the employer, their earnings growing tax-deferred \
             and taxable when withdrawn."
            .to_string(),
        Reason::NoRoom {
            limit,
            used,
            deferrals,
            employer,
            after_tax_paid,
            other_plans,
        } => no_room(limit, used, [deferrals, employer, after_tax_paid, other_plans]),
        Reason::PlanCapReached {
            cap,
            after_tax_paid,
            remaining_415c,
        } => format!(
            "The plan caps after-tax contributions at {} this year (`after_tax.limit`){}, so there is no room for {}, though 415(c) would leave {}.",
            format_usd(cap),
            if after_tax_paid.is_zero() {
                String::new()
            } else {
                format!(" and {} is already in", format_usd(after_tax_paid))
            },
            if after_tax_paid.is_zero() { "them" } else { "more" },
            format_usd(remaining_415c)
        ),
        Reason::PaychecksHoldLess { holds } if holds.is_zero() => "Your paychecks still to come hold none of it after your deferrals and Social Security and Medicare tax (or the plan's maximum election), so no after-tax election fits.".to_string(),
        Reason::PaychecksHoldLess { holds } => format!(
            "Your paychecks still to come hold only {} of it after your deferrals and Social Security and Medicare tax (or the plan's maximum election); the elections put in what fits.",
            format_usd(holds)
        ),
        Reason::ElectionsStopped { remaining_415c } => format!(
            "Paychecks are left this year, but payroll takes no more elections from them (it stops them where your pay for the year reaches the 401(a)(17) compensation limit), though 415(c) would leave {}.",
            format_usd(remaining_415c)
        ),
        Reason::NoPaychecksLeft { remaining_415c } => format!(
            "No paycheck is left this year to contribute from, though 415(c) would leave {}.",
            format_usd(remaining_415c)
        ),
        Reason::PaychecksFull { remaining_415c } => format!(
            "Deferrals take all the pay of the paychecks still to come, so no after-tax money fits, though 415(c) would leave {}.",
            format_usd(remaining_415c)
        ),
        Reason::AfterTaxUnknown => {
            "It is not known yet whether the plan accepts after-tax contributions.".to_string()
        }
        Reason::RouteUnknown => {
            "It is not known yet whether the plan has a way to convert after-tax money to Roth."
                .to_string()
        }
        Reason::RoomIfItDoes { room } => format!(
            "If it does, you have {} of after-tax room this year.",
            format_usd(room)
        ),
        Reason::Available { ways, room } => {
            let ways = match ways {
                Ways::Both => "an in-plan Roth conversion and an in-service withdrawal",
                Ways::InPlan => "an in-plan Roth conversion",
                Ways::InService => "an in-service withdrawal to a Roth IRA",
            };
            format!(
                "The plan accepts after-tax contributions and offers {ways}, and you have {} of after-tax room this year.",
                format_usd(room)
            )
        }
        Reason::AvailableAfterLeaving {
            until,
            room,
            route_unknown,
        } => format!(
            "The plan accepts after-tax contributions and you have {} of after-tax room this year; {}, you can roll the after-tax money out after you leave on {until}, the basis to a Roth IRA and the earnings to a traditional IRA (IRS Notice 2014-54), or all of it to a Roth IRA with the earnings taxed.",
            format_usd(room),
            if route_unknown {
                "whether or not the plan has an in-plan Roth conversion or an in-service withdrawal"
            } else {
                "though the plan has neither an in-plan Roth conversion nor an in-service withdrawal"
            }
        ),
    }
}

/// The `no-room` reason when 415(c) is full: what fills it, by name and amount (deferrals,
/// employer money, after-tax money already in; `parts` in that order), against `limit`.
fn no_room(limit: Decimal, used: Decimal, parts: [Decimal; 4]) -> String {
    let names = [
        "your deferrals",
        "the employer's money",
        "the after-tax money already in",
        "the employer's other plans",
    ];
    let named: Vec<String> = names
        .iter()
        .zip(parts)
        .filter(|(_, amount)| !amount.is_zero())
        .map(|(name, amount)| format!("{name} ({})", format_usd(amount)))
        .collect();
    let mut who = match named.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => named.concat(),
    };
    if let Some(first) = who.get(..1).map(str::to_uppercase) {
        who.replace_range(..1, &first);
    }
    let more = if parts[2].is_zero() { "" } else { "more " };
    if who.is_empty() {
        format!(
            "Your annual additions limit (IRC 415(c)) is {}, so there is no room for after-tax contributions.",
            format_usd(limit)
        )
    } else if used > limit {
        format!(
            "{who} come to {}, more than the whole {} annual additions limit (IRC 415(c)), so there is no room for {more}after-tax contributions and the excess must come out (see the warnings).",
            format_usd(used),
            format_usd(limit)
        )
    } else {
        format!(
            "{who} already use the whole {} annual additions limit (IRC 415(c)), so there is no room for {more}after-tax contributions.",
            format_usd(limit)
        )
    }
}

/// A question for the plan administrator, with the plan-document words to look for (HR
/// staff often do not know these features by name).
#[must_use]
pub fn question(question: Question) -> String {
    match question {
        Question::AfterTax => {
            "Does the plan accept after-tax (non-Roth) employee contributions beyond the pre-tax and Roth \
             deferral limit, and is there a plan cap on them? In the plan document or summary plan description, look for \
             \"after-tax contributions\", \"voluntary employee contributions\" or \"non-Roth after-tax\"."
                .into()
        }
        Question::InPlan => {
            "Does the plan allow in-plan Roth conversions of after-tax money, and how often? Look for \
             \"in-plan Roth rollover\", \"in-plan Roth conversion\" or \"designated Roth rollover\" (IRC 402A(c)(4))."
                .into()
        }
        Question::InService => {
            "Does the plan allow in-service withdrawals of after-tax contributions and their earnings \
             while you are still employed, and how often? Look for \"in-service withdrawal\", \"in-service distribution\" or \
             \"withdrawal of after-tax contributions\"."
                .into()
        }
        Question::Automatic => {
            "Does the plan convert after-tax contributions to Roth automatically as they are made? Look \
             for \"automatic in-plan Roth conversion\" or \"auto-convert\" in the plan's online settings or the summary plan \
             description."
                .into()
        }
        Question::TrueUp => {
            "Does the employer true up the match at year end if you reach the deferral limit early? Look \
             for \"true-up\", \"annual match calculation\" or \"match computed on an annual basis\" (as opposed to \"per payroll \
             period\")."
                .into()
        }
        Question::CompensationLimit { limit } => format!(
            "Your pay passes the {} compensation limit (IRC 401(a)(17)): when your pay this year reaches it, does payroll keep taking your deferral and after-tax elections from the rest of your pay until the deferral limit (the IRS default, and what mbr figures), stop them there with the match, or keep matching each paycheck's pay up to the limit divided by the number of paychecks? Look for \"compensation limit\", \"401(a)(17)\", \"deferrals cease\" or \"periodic\" (payroll-period) compensation in the plan document.",
            format_usd(limit)
        ),
        Question::ExtraPaycheck { year, frequency, paychecks, usual } => format!(
            "{year} has {paychecks} {} paydays instead of {usual}: is each paycheck your annual pay divided by {usual}, so the {} adds pay, or is your annual pay spread over all {paychecks} (what mbr figures)? Look for \"{} paycheck\", \"extra pay period\" or \"pay periods per year\" in your payroll policy or offer letter.",
            frequency.word(),
            ordinal(paychecks),
            ordinal(paychecks)
        ),
        Question::MaxElection => String::from(
            "What is the most of each paycheck all your elections together (pre-tax, Roth and after-tax) may take? Look \
             for \"maximum contribution percentage\", \"deferral limit per pay period\" or \"maximum deferral percentage\" in \
             the plan document or the payroll election screen, and set it as `payroll.max_election`.",
        ),
        Question::ElectionStep { step } => format!(
            "In what steps may elections be made: whole percents, fractions of a percent, or dollars per paycheck? mbr \
             assumed {} steps; a finer step puts in more. Look for \"contribution percentage in whole percents\", \
             \"increments\" or \"flat dollar amount per pay period\" in the plan document or the payroll election \
             screen, and set it as `payroll.election_step`.",
            format_percent(step)
        ),
        Question::MatchOnAfterTax => String::from(
            "Does the match apply to after-tax contributions too, or only to pre-tax and Roth deferrals? mbr assumed \
             deferrals only. Look for \"matching contributions\" and whether \"employee after-tax contributions\" or \
             \"voluntary contributions\" are matched in the summary plan description, and set it as `match.matches`.",
        ),
        Question::AfterTaxStopsAt415c => String::from(
            "Does payroll stop after-tax contributions when the year's annual additions reach the 415(c) limit? mbr \
             assumed not, so its after-tax election stays below the limit on its own; if payroll stops it, a higher \
             election is safe. Look for \"415 limit\", \"annual additions limit\" or \"contributions will stop when\" \
             in the summary plan description or the payroll provider's help pages.",
        ),
        Question::RothCatchUpDeemed => String::from(
            "Once your deferrals reach the 402(g) limit, does the plan make your catch-up Roth automatically, or must \
             you elect Roth yourself? Look for \"deemed Roth election\", \"Roth catch-up\" or \"spillover\" in the \
             plan document or the 2026 plan notice (IRC 414(v)(7)); if it is automatic, the switch to Roth in the \
             elections above is not needed.",
        ),
        Question::PayoutAfterSeparation { until } => format!(
            "When you leave on {until}, how soon and in what form does the plan pay out your after-tax contributions and their earnings: can you take a direct rollover split with the after-tax basis to a Roth IRA and the earnings to a traditional IRA (IRS Notice 2014-54)? Look for \"distribution upon severance from employment\", \"direct rollover\" or \"after-tax contributions\" in the summary plan description."
        ),
        Question::RothMatch => "Can you take the match as Roth (SECURE 2.0 section 604), and do you? mbr figures it as pre-tax; as Roth it counts against the annual additions limit the same, but it is income to you this year, reported on a Form 1099-R. Look for \"Roth matching contributions\", \"designated Roth employer contributions\" or a Roth election for employer contributions in the summary plan description, and set `match.roth`.".into(),
        Question::RothNonelective => "Is the employer's nonelective (profit-sharing or safe-harbor) money made as Roth for you (SECURE 2.0 section 604)? mbr figures it as pre-tax; as Roth it is income to you this year, reported on a Form 1099-R. Look for \"Roth nonelective contributions\" or \"designated Roth employer contributions\" in the summary plan description, and set `employer.nonelective_roth`.".into(),
    }
}

/// `n` as an ordinal: 27th, 53rd.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A note on the recommended elections.
#[must_use]
pub fn note(note: &Note) -> String {
    match *note {
        Note::NoPaychecksLeft => "No paychecks are left in the year to elect on.".to_string(),
        Note::FrontLoadAwaitsExtraPaycheck => "The after-tax election keeps within 415(c) whether or not the year's extra paycheck adds pay; no front-loaded schedule is offered until payroll says which (the question below).".to_string(),
        Note::RoundingLeaves {
            step,
            step_kind,
            deferrals,
            after_tax,
            cause,
            change,
        } => {
            let step = match step_kind {
                StepKind::Percent => format_percent(step),
                StepKind::Dollars => format_usd(step),
            };
            let leaves = match cause {
                LeftCause::Rounding => format!("Rounding to the plan's {step} step leaves"),
                LeftCause::Paychecks => {
                    "What each paycheck holds after FICA (or the plan's maximum election) leaves"
                        .to_string()
                }
                LeftCause::Payroll => format!(
                    "Keeping within every limit as payroll runs the elections (each paycheck rounded by itself, after-tax money not stopped at 415(c), and every way payroll may run the year that the plan file leaves open), in the plan's {step} step, leaves"
                ),
            };
            let then = change.map_or_else(
                || "no one-time change fits within every limit.".to_string(),
                |d| format!("the one-time change for the paycheck of {d} in the table puts in what fits (after it, set the elections back for the next year)."),
            );
            format!(
                "{leaves} {} of deferrals and {} of after-tax room unused; {then}",
                format_usd(deferrals),
                format_usd(after_tax)
            )
        }
        Note::ShortIf {
            way,
            employer_match,
            deferrals,
            after_tax,
        } => {
            let parts: Vec<String> = [
                (deferrals, "of deferrals"),
                (after_tax, "of after-tax money"),
                (employer_match, "of match"),
            ]
            .iter()
            .filter(|(v, _)| !v.is_zero())
            .map(|(v, what)| format!("{} less {what}", format_usd(*v)))
            .collect();
            format!(
                "If payroll {} (the question below), these elections put in {}.",
                match way {
                    Way::CompensationLimitStop => "stops your elections where your pay for the year reaches the 401(a)(17) compensation limit",
                    Way::CompensationLimitProRata => "counts each paycheck's pay for the match only up to the 401(a)(17) compensation limit divided by the paychecks",
                    Way::ExtraPaycheckAddsPay => "pays each paycheck of the year with an extra payday at the usual rate",
                    Way::AsFigured => "runs the year as figured",
                },
                match parts.split_last() {
                    Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
                    _ => parts.join(""),
                }
            )
        }
        Note::WithinOtherPlans { asked, left, other_plans } if left.is_zero() => format!(
            "As the plan file is written, payroll here defers {} (it counts only this plan), but your other plans' {} leave none of your 402(g) limit: these elections defer nothing here, and so leave more after-tax room than the figures above, which follow the plan file as written.",
            format_usd(asked), format_usd(other_plans)
        ),
        Note::WithinOtherPlans { asked, left, other_plans } => format!(
            "As the plan file is written, payroll here defers {} (it counts only this plan), past the {} that your other plans' {} leave of your 402(g) limit: these elections keep within {}, and so leave more after-tax room than the figures above, which follow the plan file as written.",
            format_usd(asked), format_usd(left), format_usd(other_plans), format_usd(left)
        ),
        Note::EmployerContributionCostsRoom {
            employer_contribution,
            with,
            without,
        } => format!(
            "Your 415(c) limit is your compensation, and the employer contribution of {} lowers that compensation by as much as it adds, so each employer dollar costs two dollars of after-tax room: the room is {} with it and {} without it.",
            format_usd(employer_contribution),
            format_usd(with),
            format_usd(without)
        ),
        Note::MaxKeepsMatch { deferrals, limit } => format!(
            "Your 415(c) limit is your pay, {}: deferring more than {} would crowd out part of the employer's money, so \"max\" is taken as {}.",
            format_usd(limit),
            format_usd(deferrals),
            format_usd(deferrals)
        ),
        Note::RothFrom {
            from,
            roth,
            step_kind,
        } => format!(
            "Your catch-up must be Roth (IRC 414(v)(7)): from the paycheck of {from}, when your deferrals pass the 402(g) limit, change the pre-tax election to 0 and the Roth election to {}, unless the plan makes the catch-up Roth for you (the question below).",
            match step_kind {
                StepKind::Percent => format_percent(roth),
                StepKind::Dollars => format_usd(roth),
            }
        ),
        Note::MatchUnclaimedOtherPlans {
            matched_up_to,
            left,
            other_plans,
        } => format!(
            "The match pays on up to {} of pay, but your other plans' {} of deferrals leave only {} of your 402(g) limit here, so part of this plan's match goes unclaimed; deferring more here would be an excess. To claim it, defer less in the other plans (with several --plan files, give this one first).",
            format_percent(matched_up_to),
            format_usd(other_plans),
            format_usd(left)
        ),
        Note::MatchUnclaimed {
            matched_up_to,
            elected,
        } => format!(
            "The match pays on up to {} of pay; these elections put in {}, so part of the match goes unclaimed. Contribute at least {} if you can.",
            format_percent(matched_up_to),
            format_percent(elected),
            format_percent(matched_up_to)
        ),
        Note::FrontLoadLosesEveryMatch { true_up_unknown } => format!(
            "Front-loading would lose the match in every paycheck after you stop, since the plan {} true up; keep the even elections.",
            if true_up_unknown {
                "may not"
            } else {
                "does not"
            }
        ),
        Note::FrontLoadCosts {
            until,
            lost,
            true_up_unknown,
        } => format!(
            "Front-loading (reaching the limits by {until}) would lose {} of match paid per paycheck, so keep the even elections{}.",
            format_usd(lost),
            if true_up_unknown {
                " unless the plan trues up"
            } else {
                ""
            }
        ),
        Note::FrontLoad {
            from,
            until,
            pretax,
            roth,
            after_tax,
            max_election_assumed,
            max_election,
            has_match,
            roth_from,
        } => {
            let parts: Vec<String> = [
                (pretax, "pre-tax"),
                (roth, "Roth"),
                (after_tax, "after-tax"),
            ]
            .iter()
            .filter(|(v, _)| !v.is_zero())
            .map(|(v, name)| format!("{} {name}", format_percent(*v)))
            .collect();
            let switch = roth_from.map_or(String::new(), |d| {
                format!(
                    ", switching the pre-tax election to 0% and Roth to {} from the {d} paycheck, since your catch-up must be Roth (IRC 414(v)(7))",
                    format_percent(pretax + roth)
                )
            });
            format!(
                "To get the money in sooner: elect {} from {from}{switch}, and change to 0% after the {until} paycheck{}{}",
                match parts.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} and {last}", rest.join(", "))
                    }
                    _ => parts.join(""),
                },
                if max_election_assumed {
                    format!(
                        " (at most {} of a paycheck; set `payroll.max_election` to change that)",
                        format_percent(max_election)
                    )
                } else {
                    String::new()
                },
                if has_match { "; no match is lost." } else { "." }
            )
        }
        Note::FirstPaycheckFull {
            employed_from,
            pay,
            usual,
            less_bonuses,
        } => format!(
            "mbr takes each paycheck from {employed_from}, the first included, as a full pay period's pay ({}compensation{} / {usual} = {}); paid in arrears, the first paycheck usually covers only the days since you started and is smaller, so its elections put in less.",
            if less_bonuses { "(" } else { "" },
            if less_bonuses { " less bonuses)" } else { "" },
            format_usd(pay)
        ),
    }
}

/// What a warning means for the participant: its `message`.
#[must_use]
pub fn warning(warning: &Warning) -> String {
    match *warning {
        Warning::PayFrequencyAssumed => "`participant.pay_frequency` is not given, so biweekly pay is assumed; add it to the plan for exact paychecks.".into(),
        Warning::ExtraPayday { year, frequency, paychecks, extra_paycheck } => extra_payday(year, frequency, paychecks, extra_paycheck),
        Warning::PaydayMoved { scheduled, paid } => format!(
            "The payday scheduled for {} {scheduled} is paid on {} {paid}, the business day {} a weekend or Federal Reserve holiday (`payroll.holidays`), so it is a {} paycheck: contributions count in the year they are paid, toward that year's limits.",
            scheduled.weekday().name(),
            paid.weekday().name(),
            if paid < scheduled { "before" } else { "after" },
            paid.year()
        ),
        Warning::HceAcpTest { prior_pay, prior_pay_assumed, threshold, prior_year } => format!(
            "Last year's pay of {}{} is above the {} HCE threshold for {prior_year} (IRC 414(q)), so you are likely a highly compensated employee: after-tax contributions and the match are tested under the 401(m) ACP test, and if the plan fails it your after-tax money can be refunded after year end. Ask whether the plan limits HCE after-tax contributions.",
            format_usd(prior_pay),
            if prior_pay_assumed { " (taken to equal this year's; add `prior_year_compensation`)" } else { "" },
            format_usd(threshold)
        ),
        Warning::RothCatchUp { wage_threshold, prior_fica_wages, catch_up } => format!(
            "From 2026 (SECURE 2.0 §603, IRC 414(v)(7)) catch-up contributions must be Roth when prior-year FICA wages exceed {}; going by {}, your {} of catch-up is shown as Roth. This moves money from pre-tax to Roth; it does not change your 415(c) room.",
            format_usd(wage_threshold),
            prior_fica_wages.map_or_else(
                || "last year's compensation (add `prior_year_fica_wages`, W-2 box 3, to check)".to_string(),
                |w| format!("last year's FICA wages of {}", format_usd(w)),
            ),
            format_usd(catch_up)
        ),
        Warning::CatchUpAvailable { age, catch_up } => format!(
            "At {age} you may defer {} more as catch-up (IRC 414(v)); set `deferrals.catch_up = true` to include it. Catch-up does not count toward 415(c), so it never reduces after-tax room.",
            format_usd(catch_up)
        ),
        Warning::CatchUpNotEligible { age } => format!(
            "`deferrals.catch_up` is true but catch-up starts in the year you turn 50; at {age} it is ignored."
        ),
        Warning::CatchUpNotUsed { elective_deferral, catch_up, allowed } => format!(
            "Catch-up is only what you defer above the {} limit: you defer {} above it of the {} allowed. It never adds to after-tax room.",
            format_usd(elective_deferral), format_usd(catch_up), format_usd(allowed)
        ),
        Warning::AfterTaxOvershoot { requested, room } => format!(
            "Your after-tax election would put in {} but the room is {}: payroll often does not stop after-tax money at 415(c), and an excess annual addition must be corrected. mbr stops it at the room; set a stop or elect less.",
            format_usd(requested), format_usd(room)
        ),
        Warning::PaycheckTooSmall { did_not_fit, max_election } => format!(
            "Your paychecks cannot hold all you ask for: {}, so {} did not fit over the year. mbr cuts after-tax money first, and deferrals only where they alone pass what a paycheck holds.",
            max_election.map_or_else(
                || "a paycheck holds at most its pay less Social Security and Medicare tax (and income tax comes out of the same pay)".to_string(),
                |m| format!("the plan takes at most {} of a paycheck for all elections together", format_percent(m)),
            ),
            format_usd(did_not_fit)
        ),
        Warning::SplitIraProRata { to_traditional_ira } => format!(
            "The split sends {} of earnings to a traditional IRA. A traditional IRA balance on December 31 makes a later backdoor Roth IRA contribution partly taxable (the IRA pro-rata rule, Form 8606): roll it into a 401(k) first, or choose route \"roth-ira\".",
            format_usd(to_traditional_ira)
        ),
        Warning::ReturnAssumed => "`assumptions.annual_return` is not given, so a 7% annual return is assumed for earnings before conversion.".into(),
        Warning::NoTaxTable => "There is no `[tax]` table, so the tax on conversion earnings is not computed; add `[tax]` with `marginal_rate = \"24%\"` (or `filing_status` and `taxable_income`).".into(),
        Warning::ConversionNextYear { year, contributions, earnings } => format!(
            "{} of after-tax money made late in the year converts in January {}: its {} of earnings is taxed in {}, not {year}.",
            format_usd(contributions), year + 1, format_usd(earnings), year + 1
        ),
        Warning::FiveYearRule => "Taxable amounts converted in-plan and withdrawn within five years, before age 59½, owe the 10% additional tax (IRC 402A(c)(4), 72(t)); the conversion itself owes none.".into(),
        Warning::MatchLostInPayStub { shortfall, paid, stub_gap } => format!(
            "Paid per paycheck without a true-up{}, the match comes to {} instead of the {} the annual formula gives, and the {} went in the paychecks already paid: the pay stub's match so far, {}, is {} below the formula on its deferrals spread evenly over those paychecks (the two gaps can differ by a cent of rounding). If you deferred evenly, ask payroll about it; if you deferred more in some paychecks than others, that is where the match went. The elections keep every dollar of match still to come.",
            assumed(shortfall), format_usd(shortfall.matched), format_usd(shortfall.formula), format_usd(shortfall.lost),
            format_usd(paid), format_usd(stub_gap)
        ),
        Warning::MatchLost { shortfall, lost_in_paid, mid_year, keep_with } => match_lost(shortfall, lost_in_paid, mid_year, keep_with),
        Warning::EmployerContributionCut { asked, max } => format!(
            "`employer.nonelective` asks for {} of employer contribution, more than the {} the plan may make for you as a self-employed person (the smallest of 20% of net profit less half the self-employment tax, 25% of the 401(a)(17) limit, the 415(c) limit less your deferrals, and half of what your deferrals leave of that net profit: IRS Publication 560), so {} is used.",
            format_usd(asked), format_usd(max), format_usd(max)
        ),
        Warning::CompensationLimits415c { dollar_limit, limit } => format!(
            "415(c) is the lesser of {} and 100% of your compensation: your limit is {}, and deferrals and employer money fill it.",
            format_usd(dollar_limit), format_usd(limit)
        ),
        Warning::ExcessDeferral { year, deferred, other_plans, limit, excess } if !other_plans.is_zero() && deferred == other_plans => format!(
            "Your other plans' elective deferrals come to {} this year, {} more than your limit of {} (IRC 402(g), with any catch-up you may make), so mbr defers nothing here. An excess is income for {year} if pre-tax, even when paid back; ask one of those plans for a corrective distribution of it and its earnings by April 15, {} (a plan may refuse, and many want the request by March 1; Treas. Reg. 1.402(g)-1(e)), or it is taxed again when it comes out.",
            format_usd(deferred), format_usd(excess), format_usd(limit), year + 1
        ),
        Warning::ExcessDeferral { year, deferred, other_plans, limit, excess } if !other_plans.is_zero() => format!(
            "Your elective deferrals come to {} this year across plans ({} in other plans, {} here as the plan file is written), {} more than your limit of {} (IRC 402(g), with any catch-up you may make): payroll here stops deferrals only at this plan's own count. The elections mbr recommends keep within the limit. An excess made anyway is income for {year} if pre-tax, even when paid back; ask one of the plans for a corrective distribution of it and its earnings by April 15, {} (a plan may refuse, and many want the request by March 1; Treas. Reg. 1.402(g)-1(e)), or it is taxed again when it comes out.",
            format_usd(deferred), format_usd(other_plans), format_usd(deferred - other_plans), format_usd(excess), format_usd(limit), year + 1
        ),
        Warning::ExcessDeferral { year, deferred, limit, excess, .. } => format!(
            "Your elective deferrals come to {} this year, {} more than your limit of {} (IRC 402(g), with any catch-up you may make), so mbr defers nothing more. Tell the plan administrator now: the {} excess and its earnings must be paid back to you by a corrective distribution by April 15, {} (IRC 402(g)(2); a plan may not take more than the limit, IRC 401(a)(30)). A pre-tax excess is income for {year} even when paid back in time, and an excess left in the plan is taxed again when it comes out.",
            format_usd(deferred), format_usd(excess), format_usd(limit), format_usd(excess), year + 1
        ),
        Warning::SmallMoney { key, amount } => format!(
            "`{key} = {}` is read as {} for the year; if you meant a share of pay, write \"{}%\".",
            amount.normalize(),
            format_usd(amount),
            amount.normalize()
        ),
        Warning::ExcessDeferralAcrossPlans { year, deferred, limit, excess } => format!(
            "Your plans' elective deferrals come to {} this year, {} more than your limit of {} (IRC 402(g), with any catch-up you may make): each payroll stops deferrals only at its own plan's count, and the plans' reports say where the excess arises. The elections mbr recommends keep within the limit. An excess made anyway is income for {year} if pre-tax, even when paid back; ask one of the plans for a corrective distribution of it and its earnings by April 15, {} (a plan may refuse, and many want the request by March 1; Treas. Reg. 1.402(g)-1(e)), or it is taxed again when it comes out.",
            format_usd(deferred), format_usd(excess), format_usd(limit), year + 1
        ),
        Warning::ExcessAnnualAdditions { year, additions, limit, excess, after_tax_returned } => format!(
            "The pay stub's figures come to {} of annual additions this year, {} more than your 415(c) limit of {}, so nothing more goes in. The plan must correct the excess under EPCRS (Rev. Proc. 2021-30), returning after-tax contributions and their earnings first{}: tell the plan administrator now, since under EPCRS's self-correction program a calendar-year plan must correct it by December 31, {} at the latest.",
            format_usd(additions), format_usd(excess), format_usd(limit),
            if after_tax_returned.is_zero() {
                String::new()
            } else {
                format!(" ({} of after-tax money here)", format_usd(after_tax_returned))
            },
            year + 3
        ),
    }
}

/// The extra-payday warning, as payroll pays such a year (`payroll.extra_paycheck`, RULES.md
/// section 7): the usual rate per paycheck, so the year pays more, or the year's pay spread
/// over every payday.
fn extra_payday(
    year: i32,
    frequency: PayFrequency,
    paychecks: usize,
    extra_paycheck: ExtraPaycheck,
) -> String {
    let usual = frequency.usual_paydays();
    let freq = frequency.word();
    match extra_paycheck {
        ExtraPaycheck::AddsPay => format!(
            "{year} has {paychecks} {freq} paydays and each paycheck is the annual rate divided by {usual} (`payroll.extra_paycheck = \"adds-pay\"`), so the year pays {paychecks}/{usual} of `compensation`: percent elections and the match run on the extra paycheck too, and an election in dollars per paycheck set for {usual} paychecks puts in one paycheck's worth more."
        ),
        ExtraPaycheck::SameYearPay | ExtraPaycheck::Unknown => format!(
            "{year} has {paychecks} {freq} paydays: each paycheck is compensation divided by {paychecks}{}, so a percent election contributes less per paycheck than in a usual year, and an election in dollars per paycheck set for {usual} paychecks puts in one paycheck's worth more.",
            if extra_paycheck == ExtraPaycheck::Unknown {
                " (as mbr figures it while `payroll.extra_paycheck` is not given; see the question for HR)"
            } else {
                ""
            }
        ),
    }
}

/// How a match shortfall came to be assumed, when it was.
fn assumed(shortfall: MatchShortfall) -> &'static str {
    if shortfall.true_up_unknown {
        " (assumed while `match.true_up` is unknown)"
    } else {
        ""
    }
}

/// The `match-lost` message where some of the match lost can still be kept.
fn match_lost(
    shortfall: MatchShortfall,
    lost_in_paid: Option<Decimal>,
    mid_year: bool,
    keep_with: Option<DeferralRates>,
) -> String {
    format!(
        "Paid per paycheck without a true-up{}, the match comes to {} instead of the {} the annual formula gives: {} is lost in paychecks where you defer less than the match needs (front-loading, a bonus, or the 401(a)(17) pay cap){}.{}",
        assumed(shortfall),
        format_usd(shortfall.matched),
        format_usd(shortfall.formula),
        format_usd(shortfall.lost),
        match (lost_in_paid, mid_year) {
            (Some(gap), _) => format!(", {} of it in paychecks already paid", format_usd(gap)),
            (None, true) => ", paychecks already paid included".to_string(),
            (None, false) => String::new(),
        },
        keep_with.map_or_else(String::new, |r| format!(
            " Elect {} pre-tax and {} Roth of every paycheck instead (see the elections) to keep what is still to come.",
            format_percent(r.pretax),
            format_percent(r.roth)
        ))
    )
}

/// Said in place of the conversion tables when the plan takes no after-tax money and no
/// existing balance is converted: there is nothing to estimate.
#[must_use]
pub fn nothing_to_convert() -> &'static str {
    "none: the plan does not accept after-tax contributions, so nothing is converted and no tax is due on conversion."
}

/// Said under the Roth total where Roth deferrals are in it: they cost the tax on the pay
/// they come from, which "Taxable now" does not count again.
#[must_use]
pub fn roth_deferrals_taxed_as_pay() -> &'static str {
    "Roth deferrals and Roth catch-up are taxed as the pay they come from, as pre-tax deferrals would not be; \"Taxable now\" counts only income beyond that pay."
}

/// Said in place of the conversion tables when the plan has no way to convert after-tax
/// money while employed (`not-convertible`).
#[must_use]
pub fn nothing_converts_while_employed() -> &'static str {
    "none while you work there: the plan offers neither an in-plan Roth conversion nor an in-service withdrawal, so after-tax money stays in the plan, its earnings growing tax-deferred and taxed when it comes out."
}

/// Said under the conversion estimate when the money leaves the plan (`route`, a Roth IRA
/// or the split) and whether the plan allows in-service withdrawals is not known.
#[must_use]
pub fn in_service_assumed(route: crate::plan::Route) -> String {
    format!(
        "The route \"{}\" takes money out of the plan while you work there: these figures assume the plan allows in-service withdrawals, which `conversion.in_service_withdrawal` leaves \"unknown\" (ask: see the questions below).",
        route.word()
    )
}

/// Said under "Converting more often" when a monthly conversion costs less than a more
/// frequent one: a paycheck paid at the end of the month is converted at the month's end
/// the same day or within days, while "daily" converts the day after each payday and
/// "weekly" on the Friday after it (`engine::conversion::conversion_date`).
#[must_use]
pub fn month_end_conversion(costlier: &[crate::plan::Frequency]) -> String {
    use crate::plan::Frequency;
    let names: Vec<String> = costlier
        .iter()
        .map(|f| format!("\"{}\"", f.word()))
        .collect();
    let waits: Vec<&str> = costlier
        .iter()
        .filter_map(|f| match f {
            Frequency::Daily => Some("\"daily\" converts the day after each contribution"),
            Frequency::Weekly => Some("\"weekly\" converts on the Friday after it"),
            _ => None,
        })
        .collect();
    format!(
        "\"monthly\" costs less here than {}: a contribution made at or just before the end of a month (as every monthly paycheck's is) is converted at the month's end the same day or within a few days, while {}.",
        names.join(" and "),
        waits.join(" and ")
    )
}
