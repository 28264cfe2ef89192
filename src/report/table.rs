//! Tables for people (comfy-table), at most 80 columns wide, money as `$37,500.00`.

use std::fmt::Write as _;

use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, presets,
};
use rust_decimal::Decimal;

use crate::engine::compare::Summary;
use crate::engine::outcome::{LimitName, LineKind, Question, Report, Status, StepKind};
use crate::engine::several::Several;
use crate::error::Error;
use crate::limits::{FilingStatus, Limits};
use crate::money::{format_percent, format_usd, non_negative};
use crate::plan::{Frequency, Route};
use crate::report::style::{Meaning, Style};
use crate::report::words;

const WIDTH: u16 = 80;

fn table<T: Into<Cell>>(header: impl IntoIterator<Item = T>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH)
        .set_header(header.into_iter().map(Into::into).collect::<Vec<Cell>>());
    t
}

fn right(t: &mut Table, columns: &[usize]) {
    for c in columns {
        if let Some(col) = t.column_mut(*c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// Word-wraps `text` to 80 columns: the first line starts with `first`, the rest with `rest`.
fn wrap(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > usize::from(WIDTH) {
            let _ = writeln!(out, "{line}");
            line = rest.to_string();
            empty = true;
        }
        if !empty || !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    let _ = writeln!(out, "{line}");
}

fn section(out: &mut String, style: Style, title: &str, t: &Table) {
    let _ = writeln!(out, "\n{}\n{t}", style.heading(title));
}

/// `mbr plan` as tables.
///
/// # Errors
/// Never in practice; the signature matches the JSON writer's.
pub fn plan(report: &Report, schedule: bool, style: Style, out: &mut Vec<u8>) -> Result<(), Error> {
    let mut s = String::new();
    limits_used(&mut s, style, report);
    self_employment(&mut s, style, report);
    contributions(&mut s, style, report);
    room(&mut s, report);
    elections(&mut s, style, report);
    conversion(&mut s, style, report);
    roth(&mut s, style, report);
    verdict(&mut s, style, report);
    if schedule {
        schedule_table(&mut s, style, report);
        climb(&mut s, style, report);
    }
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// `mbr plan` with several `--plan` files: each plan's tables under its file's name, in the
/// order given, then what the plans come to together.
///
/// # Errors
/// Never in practice; the signature matches the JSON writer's.
pub fn several(
    names: &[String],
    several: &Several,
    schedule: bool,
    style: Style,
    out: &mut Vec<u8>,
) -> Result<(), Error> {
    let n = several.reports.len();
    for (i, (name, report)) in names.iter().zip(&several.reports).enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        let heading = format!("Plan {} of {n}: {name}", i + 1);
        out.extend_from_slice(format!("{}\n\n", style.heading(&heading)).as_bytes());
        plan(report, schedule, style, out)?;
    }
    let c = &several.combined;
    let mut t = table([
        "Plan",
        "Deferrals",
        "After-tax room",
        "After-tax",
        "Roth a year",
    ]);
    for (name, report) in names.iter().zip(&several.reports) {
        let k = &report.contributions;
        t.add_row(vec![
            name.clone(),
            format_usd(k.pretax + k.roth + k.catch_up),
            format_usd(report.after_tax_room),
            format_usd(k.after_tax),
            format_usd(crate::engine::compare::roth_per_year(report)),
        ]);
    }
    let d = &c.elective_deferrals;
    t.add_row(vec![
        "Together".to_string(),
        format_usd(d.used),
        format_usd(c.after_tax_room),
        format_usd(c.after_tax),
        format_usd(c.roth_per_year),
    ]);
    right(&mut t, &[1, 2, 3, 4]);
    let mut s = String::new();
    section(&mut s, style, "Plans together", &t);
    let across = format!(
        "402(g) across plans: {} of {} (with any catch-up you may make){}.",
        format_usd(d.used),
        format_usd(d.limit),
        if d.excess.is_zero() {
            String::new()
        } else {
            format!(", {} over: see the warnings", format_usd(d.excess))
        }
    );
    wrap(&mut s, "", "  ", &across);
    if let Some(tax) = c.roth_tax_now {
        wrap(
            &mut s,
            "",
            "  ",
            &format!(
                "Tax now on the Roth dollars: {} (each plan's taxed above the plans before it).",
                format_usd(tax)
            ),
        );
    }
    wrap(
        &mut s,
        "",
        "  ",
        "Each employer's 415(c) limit is its own unless the files name one `employer.controlled_group`; a plan under [[other_plans]] counts once, before every file.",
    );
    out.push(b'\n');
    out.extend_from_slice(s.trim_start_matches('\n').as_bytes());
    Ok(())
}

/// The first line (who, paid what) and the limits that applied, with their sources.
fn limits_used(s: &mut String, style: Style, report: &Report) {
    let p = &report.participant;
    if p.self_employment.is_some() {
        let _ = writeln!(
            s,
            "mbr {}: age {}, self-employed, {} of compensation, {} {} deposits",
            report.year,
            p.age,
            format_usd(p.compensation),
            p.paychecks,
            p.pay_frequency.word()
        );
    } else {
        let _ = writeln!(
            s,
            "mbr {}: age {}, {} paid {}, {} paychecks",
            report.year,
            p.age,
            format_usd(p.compensation),
            p.pay_frequency.word(),
            p.paychecks
        );
    }
    if p.employed_from.is_some() || p.employed_until.is_some() {
        let _ = writeln!(
            s,
            "At this employer {}: {} of pay this year",
            match (p.employed_from, p.employed_until) {
                (Some(f), Some(u)) => format!("from {f} to {u}"),
                (Some(f), None) => format!("from {f}"),
                (None, Some(u)) => format!("until {u}"),
                (None, None) => String::new(),
            },
            format_usd(p.year_pay)
        );
    }

    let l = &report.limits;
    let mut t = table(["Limit", "Amount", "Source"]);
    let source = |name: LimitName| {
        l.sources
            .iter()
            .find(|s| s.limit == name)
            .map_or(String::new(), |s| s.source.clone())
    };
    t.add_row(vec![
        "Elective deferrals (402(g))".into(),
        format_usd(l.elective_deferral),
        source(LimitName::ElectiveDeferral),
    ]);
    t.add_row(vec![
        "Catch-up, age 50+ (414(v))".into(),
        format_usd(l.catch_up),
        source(LimitName::CatchUp),
    ]);
    if let Some(amount) = l.catch_up_60_63 {
        t.add_row(vec![
            "Catch-up, age 60-63".into(),
            format_usd(amount),
            source(LimitName::CatchUp6063),
        ]);
    }
    t.add_row(vec![
        "Annual additions (415(c))".into(),
        format_usd(l.annual_additions),
        source(LimitName::AnnualAdditions),
    ]);
    t.add_row(vec![
        "Compensation (401(a)(17))".into(),
        format_usd(l.compensation),
        source(LimitName::Compensation),
    ]);
    t.add_row(vec![
        format!("HCE threshold ({} pay)", report.year - 1),
        format_usd(l.hce_threshold),
        source(LimitName::HceThreshold),
    ]);
    right(&mut t, &[1]);
    section(s, style, "Limits", &t);
}

/// What a self-employed participant's "paychecks" are: their own deposits (RULES.md §8).
fn paycheck(report: &Report) -> &'static str {
    if report.participant.self_employment.is_some() {
        "deposit"
    } else {
        "paycheck"
    }
}

/// A self-employed participant's earned income and employer contribution (RULES.md §8).
fn self_employment(s: &mut String, style: Style, report: &Report) {
    let Some(se) = &report.participant.self_employment else {
        return;
    };
    let mut t = table(["Self-employment", "Amount"]);
    for (name, amount) in [
        ("Net profit", se.net_profit),
        ("Net earnings (92.35%)", se.net_earnings),
        ("W-2 Social Security wages", se.social_security_wages),
        ("Self-employment tax", se.se_tax),
        ("Half of it, deducted", se.half_se_tax),
        (
            "Employer contribution, most allowed",
            se.employer_contribution_max,
        ),
        ("Employer contribution", se.employer_contribution),
        ("Compensation for 415(c)", se.compensation),
        (
            "After-tax room with no employer contribution",
            se.after_tax_room_without_employer_contribution,
        ),
    ] {
        t.add_row(vec![name.to_string(), format_usd(amount)]);
    }
    right(&mut t, &[1]);
    section(s, style, "Self-employment", &t);
}

/// The year's contributions and what they use of 415(c).
fn contributions(s: &mut String, style: Style, report: &Report) {
    let c = &report.contributions;
    let a = &report.annual_additions;
    let mut t = table(["Contribution", "Amount", "In 415(c)"]);
    t.add_row(vec![
        "Pre-tax deferrals".into(),
        format_usd(c.pretax),
        "yes".to_string(),
    ]);
    t.add_row(vec![
        "Roth deferrals".into(),
        format_usd(c.roth),
        "yes".to_string(),
    ]);
    let cu_kind = if c.catch_up_roth.is_zero() {
        ""
    } else if c.catch_up_roth == c.catch_up {
        " (Roth)"
    } else {
        " (part Roth)"
    };
    t.add_row(vec![
        format!("Catch-up{cu_kind}"),
        format_usd(c.catch_up),
        "no".to_string(),
    ]);
    let tu = if c.true_up_payment.is_zero() {
        String::new()
    } else {
        format!(" (true-up {})", format_usd(c.true_up_payment))
    };
    t.add_row(vec![
        format!("Employer match{tu}"),
        format_usd(c.employer_match),
        "yes".to_string(),
    ]);
    t.add_row(vec![
        "Employer nonelective".into(),
        format_usd(c.employer_nonelective),
        "yes".to_string(),
    ]);
    t.add_row(vec![
        "After-tax".into(),
        format_usd(c.after_tax),
        "yes".to_string(),
    ]);
    if !a.other_plans.is_zero() {
        t.add_row(vec![
            "Employer's other plans".into(),
            format_usd(a.other_plans),
            "yes".to_string(),
        ]);
    }
    t.add_row(vec![
        "Annual additions used".into(),
        format_usd(a.used),
        format!("of {}", format_usd(a.limit)),
    ]);
    t.add_row(vec![
        "415(c) remaining".into(),
        format_usd(a.remaining),
        String::new(),
    ]);
    // Deferrals past 402(g) plus the catch-up come from a pay stub or from other plans; the
    // warning says what to do about them, the table shows the figures.
    let d = &report.elective_deferrals;
    if !d.other_plans.is_zero() {
        t.add_row(vec![
            "Deferrals in other plans".into(),
            format_usd(d.other_plans),
            "402(g) only".to_string(),
        ]);
    }
    if !d.excess.is_zero() {
        t.add_row(vec![
            "Deferrals (402(g))".into(),
            format_usd(d.other_plans + d.this_plan),
            format!("of {}", format_usd(d.limit)),
        ]);
        t.add_row(vec![
            "Excess deferrals".into(),
            format_usd(d.excess),
            "to pay back".to_string(),
        ]);
    }
    right(&mut t, &[1]);
    section(s, style, "Contributions", &t);
}

/// The after-tax room, spread over the paychecks to come.
fn room(s: &mut String, report: &Report) {
    let c = &report.contributions;
    // Mid-year, what is left of the room is spread over the paychecks still to come.
    let paid = report.paid(|l| l.after_tax);
    let left = report
        .schedule
        .iter()
        .filter(|l| !l.history && l.kind == LineKind::Paycheck)
        .count();
    let remaining = non_negative(report.after_tax_room - paid);
    let per = if left > 0 {
        remaining / Decimal::from(left)
    } else {
        Decimal::ZERO
    };
    let word = paycheck(report);
    let spread = if paid.is_zero() {
        format!("about {} a {word}", format_usd(per))
    } else {
        format!(
            "{} already in, {} left: about {} a {word} for the {left} {word}s to come",
            format_usd(paid),
            format_usd(remaining),
            format_usd(per)
        )
    };
    let _ = writeln!(s);
    wrap(
        s,
        "After-tax room:",
        "  ",
        &format!(
            "{} this year ({spread}); you contribute {}.",
            format_usd(report.after_tax_room),
            format_usd(c.after_tax)
        ),
    );
    // What the paychecks can hold, where it is less than the room the limits leave.
    let cap = &report.paycheck_capacity;
    if cap.after_tax < remaining {
        let each = cap.max_election.map_or_else(
            || "its pay less Social Security and Medicare tax".to_string(),
            |m| format!("{} of its pay", format_percent(m)),
        );
        wrap(
            s,
            "Paychecks hold:",
            "  ",
            &format!(
                "{} of after-tax money after deferrals (each holds at most {each}).",
                format_usd(cap.after_tax)
            ),
        );
    }
}

fn elections(s: &mut String, style: Style, report: &Report) {
    let e = &report.elections;
    let shown = |fraction: Decimal, dollars: Decimal| match e.step_kind {
        StepKind::Dollars => format_usd(dollars),
        StepKind::Percent => format!("{} ({})", format_percent(fraction), format_usd(dollars)),
    };
    let from = e.from.map_or(String::new(), |d| format!(" from {d}"));
    // Mid-year, the elections cover only the paychecks to come: every figure in the last
    // column is theirs, the pay stub's match left out as its deferrals and after-tax are.
    let history = report.schedule.iter().any(|l| l.history);
    let paid_match = report.paid(|l| l.employer_match);
    let over = if history {
        "Still to come"
    } else {
        "Over the year"
    };
    let per = if report.participant.self_employment.is_some() {
        "Per deposit"
    } else {
        "Per paycheck"
    };
    let mut t = table(["Election", per, over]);
    t.add_row(vec![
        "Pre-tax".to_string(),
        shown(e.pretax, e.per_paycheck.pretax),
        String::new(),
    ]);
    t.add_row(vec![
        "Roth".to_string(),
        shown(e.roth, e.per_paycheck.roth),
        String::new(),
    ]);
    t.add_row(vec![
        "  deferrals reached".to_string(),
        String::new(),
        format_usd(e.reaches.deferrals),
    ]);
    t.add_row(vec![
        "After-tax".to_string(),
        shown(e.after_tax, e.per_paycheck.after_tax),
        format_usd(e.reaches.after_tax),
    ]);
    let matched = if e.keeps_full_match {
        "match earned (all)"
    } else {
        "match earned (not all)"
    };
    t.add_row(vec![
        format!("  {matched}"),
        String::new(),
        format_usd(non_negative(e.reaches.employer_match - paid_match)),
    ]);
    if let Some(last) = &e.last_paycheck {
        t.add_row(vec![
            format!(
                "{} of {} only",
                if report.participant.self_employment.is_some() {
                    "Deposit"
                } else {
                    "Paycheck"
                },
                last.date
            ),
            String::new(),
            String::new(),
        ]);
        for (name, fraction, dollars) in [
            ("  Pre-tax", last.pretax, last.per_paycheck.pretax),
            ("  Roth", last.roth, last.per_paycheck.roth),
            ("  After-tax", last.after_tax, last.per_paycheck.after_tax),
        ] {
            t.add_row(vec![
                name.to_string(),
                shown(fraction, dollars),
                String::new(),
            ]);
        }
        for (name, reached) in [
            ("  deferrals reached", last.reaches.deferrals),
            ("  after-tax reached", last.reaches.after_tax),
        ] {
            t.add_row(vec![name.to_string(), String::new(), format_usd(reached)]);
        }
    }
    right(&mut t, &[1, 2]);
    section(s, style, &format!("Elections to make{from}"), &t);
    for note in &e.notes {
        wrap(s, "  -", "    ", &words::note(note));
    }
}

/// A compact chart of annual additions climbing to 415(c), one row per month.
fn climb(s: &mut String, style: Style, report: &Report) {
    const BAR: usize = 44;
    let limit = report.annual_additions.limit;
    if limit <= Decimal::ZERO {
        return;
    }
    let _ = writeln!(
        s,
        "\n{}",
        style.heading(&format!(
            "Climb to the {} limit (# deferrals and employer money, = after-tax)",
            format_usd(limit)
        ))
    );
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (mut other, mut after) = (Decimal::ZERO, Decimal::ZERO);
    for (m, name) in months.iter().enumerate() {
        for line in report
            .schedule
            .iter()
            .filter(|l| usize::from(l.date.month()) == m + 1)
        {
            other += line.pretax + line.roth + line.employer_match + line.nonelective;
            after += line.after_tax;
        }
        let cells = |v: Decimal| -> usize {
            let n = (v * Decimal::from(BAR) / limit).floor();
            usize::try_from(n.mantissa() / 10i128.pow(n.scale()))
                .unwrap_or(0)
                .min(BAR)
        };
        let a = cells(other);
        let b = cells(other + after).saturating_sub(a);
        let bar = format!("{}{}", "#".repeat(a), "=".repeat(b));
        let _ = writeln!(s, "{name} |{bar:<BAR$}| {:>12}", format_usd(other + after));
    }
}

fn conversion(s: &mut String, style: Style, report: &Report) {
    let cv = &report.conversion;
    if report.verdict.status == Status::NotAvailable
        && cv.contributions_converted.is_zero()
        && cv.existing_converted.is_zero()
        && cv.next_year_contributions.is_zero()
    {
        let _ = writeln!(s, "\n{}", style.heading("Conversion estimate:"));
        wrap(s, "  ", "  ", words::nothing_to_convert());
        return;
    }
    if report.verdict.status == Status::NotConvertible {
        let _ = writeln!(s, "\n{}", style.heading("Conversion estimate:"));
        wrap(s, "  ", "  ", words::nothing_converts_while_employed());
        return;
    }
    let mut t = table(["Conversion", "Amount"]);
    t.add_row(vec!["Route".into(), cv.route.word().to_string()]);
    t.add_row(vec![
        "Frequency".into(),
        cv.at_separation.map_or_else(
            || cv.frequency.word().to_string(),
            |d| format!("after you leave ({d})"),
        ),
    ]);
    t.add_row(vec![
        "Assumed annual return".into(),
        format_percent(cv.annual_return),
    ]);
    t.add_row(vec![
        "After-tax contributions converted".into(),
        format_usd(cv.contributions_converted),
    ]);
    t.add_row(vec![
        "Their earnings before conversion".into(),
        format_usd(cv.earnings),
    ]);
    if !cv.existing_converted.is_zero() {
        t.add_row(vec![
            "Existing balance converted".into(),
            format_usd(cv.existing_converted),
        ]);
        t.add_row(vec![
            "  of which earnings (pro rata)".into(),
            format_usd(cv.existing_taxable),
        ]);
    }
    t.add_row(vec![
        "Taxable this year".into(),
        format_usd(cv.taxable_earnings),
    ]);
    t.add_row(vec![
        "Tax on it".into(),
        cv.tax
            .map_or_else(|| "add a [tax] table".to_string(), format_usd),
    ]);
    if let Some(rate) = cv.effective_rate {
        t.add_row(vec![
            "Effective rate on the earnings".into(),
            format_percent(rate),
        ]);
    }
    t.add_row(vec!["Ends up Roth".into(), format_usd(cv.to_roth)]);
    if !cv.to_traditional_ira.is_zero() {
        t.add_row(vec![
            "Goes to a traditional IRA".into(),
            format_usd(cv.to_traditional_ira),
        ]);
    }
    if !cv.next_year_contributions.is_zero() {
        t.add_row(vec![
            format!("Converted in {} (taxed then)", report.year + 1),
            format_usd(cv.next_year_contributions),
        ]);
    }
    right(&mut t, &[1]);
    section(s, style, "Conversion estimate", &t);
    if matches!(cv.route, Route::RothIra | Route::Split)
        && cv.at_separation.is_none()
        && report.verdict.questions.contains(&Question::InService)
    {
        wrap(s, "", "", &words::in_service_assumed(cv.route));
    }

    if !cv.form_1099r.is_empty() {
        let mut t = table(["Form 1099-R to", "Box 1", "Box 2a", "Box 5", "Code"]);
        for f in &cv.form_1099r {
            t.add_row(vec![
                f.destination.to_string(),
                format_usd(f.box_1),
                format_usd(f.box_2a),
                format_usd(f.box_5),
                f.box_7.to_string(),
            ]);
        }
        right(&mut t, &[1, 2, 3]);
        section(s, style, "What to expect on Form 1099-R", &t);
    }

    if cv.frequencies.is_empty() {
        return;
    }
    let mut t = table(["Convert", "Taxable earnings", "Tax"]);
    for row in &cv.frequencies {
        let name = if row.chosen {
            format!("{} (yours)", row.frequency.word())
        } else {
            row.frequency.word().to_string()
        };
        t.add_row(vec![
            name,
            format_usd(row.taxable_earnings),
            row.tax.map_or_else(|| "-".to_string(), format_usd),
        ]);
    }
    right(&mut t, &[1, 2]);
    section(s, style, "Converting more often", &t);
    let taxable = |f: Frequency| {
        cv.frequencies
            .iter()
            .find(|r| r.frequency == f)
            .map(|r| r.taxable_earnings)
    };
    if let Some(monthly) = taxable(Frequency::Monthly) {
        let costlier: Vec<Frequency> = [Frequency::Daily, Frequency::Weekly]
            .into_iter()
            .filter(|f| taxable(*f).is_some_and(|t| t > monthly))
            .collect();
        if !costlier.is_empty() {
            wrap(s, "", "", &words::month_end_conversion(&costlier));
        }
    }
}

/// "Roth this year": a row per route with what it costs in tax now, the total, and the
/// year's money that stays outside Roth.
fn roth(s: &mut String, style: Style, report: &Report) {
    use crate::engine::outcome::{OutsideRothName, RothRouteName};
    let r = &report.roth;
    if r.routes.is_empty() && r.outside_roth.is_empty() {
        return;
    }
    let split = report.conversion.route == crate::plan::Route::Split;
    let mut t = table(["Route", "Amount", "Taxable now", "Tax now"]);
    let tax = |t: Option<rust_decimal::Decimal>| t.map_or_else(|| "-".to_string(), format_usd);
    for route in &r.routes {
        let label = match route.route {
            RothRouteName::RothDeferrals => "Roth deferrals",
            RothRouteName::RothCatchUp => "Roth catch-up",
            RothRouteName::RothEmployerMatch => "Match taken as Roth",
            RothRouteName::RothEmployerNonelective => "Nonelective money as Roth",
            RothRouteName::AfterTaxConverted if split => "After-tax converted (basis)",
            RothRouteName::AfterTaxConverted => "After-tax + earnings converted",
            RothRouteName::ExistingAfterTaxConverted => "Existing after-tax balance converted",
        };
        t.add_row(vec![
            label.to_string(),
            format_usd(route.amount),
            format_usd(route.taxable_now),
            tax(route.tax_now),
        ]);
    }
    t.add_row(vec![
        "Total".to_string(),
        format_usd(r.total),
        format_usd(r.routes.iter().map(|x| x.taxable_now).sum()),
        r.tax_now
            .map_or_else(|| "add a [tax] table".to_string(), format_usd),
    ]);
    for o in &r.outside_roth {
        let label = match o.what {
            OutsideRothName::SplitEarningsToTraditionalIra => {
                "Not Roth: split earnings to a traditional IRA".to_string()
            }
            OutsideRothName::AfterTaxNotConverted => {
                "Not Roth: after-tax money the plan cannot convert".to_string()
            }
            OutsideRothName::AfterTaxConvertedNextYear => {
                format!("Not Roth yet: after-tax converting in {}", report.year + 1)
            }
        };
        t.add_row(vec![
            label,
            format_usd(o.amount),
            String::new(),
            String::new(),
        ]);
    }
    right(&mut t, &[1, 2, 3]);
    section(s, style, "Roth this year", &t);
    let deferred = report.roth.routes.iter().any(|r| {
        matches!(
            r.route,
            crate::engine::outcome::RothRouteName::RothDeferrals
                | crate::engine::outcome::RothRouteName::RothCatchUp
        )
    });
    if deferred {
        wrap(s, "", "", words::roth_deferrals_taxed_as_pay());
    }
}

fn verdict(s: &mut String, style: Style, report: &Report) {
    let v = &report.verdict;
    let _ = writeln!(
        s,
        "\n{} {}",
        style.heading("Verdict:"),
        style.status(v.status)
    );
    for reason in &v.reasons {
        wrap(s, "  -", "    ", &words::reason(reason));
    }
    if !v.questions.is_empty() {
        let _ = writeln!(s, "\nAsk your plan administrator:");
        for (i, q) in v.questions.iter().enumerate() {
            wrap(s, &format!("  {}.", i + 1), "     ", &words::question(*q));
        }
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(
            s,
            "\n{} warning(s) follow on stderr.",
            report.warnings.len()
        );
    }
}

fn schedule_table(s: &mut String, style: Style, report: &Report) {
    let deferral_limit = report.limits.elective_deferral + report.limits.catch_up_eligible;
    let mut t = table([
        "Date",
        "Deferral",
        "After-tax",
        "Match",
        "YTD 402(g)",
        "YTD 415(c)",
    ]);
    for line in &report.schedule {
        let date = match (line.kind, line.history) {
            (LineKind::TrueUp, _) => format!("{} true-up", line.date),
            (LineKind::Bonus, _) => format!("{} bonus", line.date),
            (LineKind::Paycheck, true) => format!("{} paid", line.date),
            (LineKind::Paycheck, false) => line.date.to_string(),
        };
        t.add_row(vec![
            date,
            format_usd(line.pretax + line.roth + line.catch_up),
            format_usd(line.after_tax),
            format_usd(line.employer_match),
            format_usd(line.ytd_deferrals),
            format_usd(line.ytd_additions),
        ]);
    }
    right(&mut t, &[1, 2, 3, 4, 5]);
    section(
        s,
        style,
        &format!(
            "{} schedule (402(g) with catch-up: {}; 415(c): {})",
            if report.participant.self_employment.is_some() {
                "Deposit"
            } else {
                "Paycheck"
            },
            format_usd(deferral_limit),
            format_usd(report.annual_additions.limit)
        ),
        &t,
    );
}

/// `mbr compare` as one table, a column per plan.
///
/// # Errors
/// Never in practice.
pub fn compare(plans: &[Summary], style: Style, out: &mut Vec<u8>) -> Result<(), Error> {
    // Three plans to a table keep every money cell on one line within 80 columns; more
    // plans take more tables, numbered on. Plans are headed by their file names where those
    // fit a column, else by number with the names listed first.
    const PER_TABLE: usize = 3;
    let stems: Vec<String> = plans
        .iter()
        .map(|p| {
            std::path::Path::new(&p.file)
                .file_stem()
                .map_or_else(|| p.file.clone(), |s| s.to_string_lossy().into_owned())
        })
        .collect();
    let columns = plans.len().clamp(1, PER_TABLE);
    let column = (usize::from(WIDTH).saturating_sub(20) / columns).saturating_sub(3);
    let by_name = stems.iter().all(|s| s.chars().count() <= column);
    let mut s = String::new();
    let _ = writeln!(s, "{}", style.heading("mbr compare"));
    if !by_name {
        for (i, p) in plans.iter().enumerate() {
            wrap(&mut s, &format!("{}:", i + 1), "   ", &p.file);
        }
    }
    for (chunk, group) in plans.chunks(PER_TABLE).enumerate() {
        let mut header = vec![Cell::new("")];
        for (i, _) in group.iter().enumerate() {
            let n = chunk * PER_TABLE + i;
            header.push(Cell::new(if by_name {
                stems.get(n).cloned().unwrap_or_default()
            } else {
                (n + 1).to_string()
            }));
        }
        let mut t = table(header);
        if style.color {
            t.enforce_styling();
        }
        let money = |f: fn(&Summary) -> Decimal| -> Vec<Cell> {
            group.iter().map(|p| Cell::new(format_usd(f(p)))).collect()
        };
        let verdicts = group
            .iter()
            .map(|p| {
                let color = match Meaning::of(p.verdict) {
                    Meaning::Works => Color::Green,
                    Meaning::RuledOut => Color::Red,
                    Meaning::Open => Color::Yellow,
                };
                Cell::new(p.verdict)
                    .fg(color)
                    .add_attribute(Attribute::Bold)
            })
            .collect();
        let rows: Vec<(&str, Vec<Cell>)> = vec![
            ("Year", group.iter().map(|p| Cell::new(p.year)).collect()),
            ("Verdict", verdicts),
            ("Pay", money(|p| p.compensation)),
            ("After-tax room", money(|p| p.after_tax_room)),
            ("After-tax", money(|p| p.after_tax)),
            ("Deferrals", money(|p| p.deferrals)),
            ("Match", money(|p| p.employer_match)),
            (
                "Match lost",
                group
                    .iter()
                    .map(|p| {
                        Cell::new(if p.match_lost.is_zero() {
                            "none".to_string()
                        } else {
                            format_usd(p.match_lost)
                        })
                    })
                    .collect(),
            ),
            ("Other employer", money(|p| p.employer_nonelective)),
            ("Into the plan", money(|p| p.into_plan)),
            ("Roth a year", money(|p| p.roth_per_year)),
            ("Taxable earnings", money(|p| p.taxable_earnings)),
            (
                "Conversion tax",
                group
                    .iter()
                    .map(|p| {
                        Cell::new(
                            p.conversion_tax
                                .map_or_else(|| "no [tax]".to_string(), format_usd),
                        )
                    })
                    .collect(),
            ),
            (
                "Tax now on Roth",
                group
                    .iter()
                    .map(|p| {
                        Cell::new(
                            p.roth_tax_now
                                .map_or_else(|| "no [tax]".to_string(), format_usd),
                        )
                    })
                    .collect(),
            ),
            (
                "Warnings",
                group.iter().map(|p| Cell::new(p.warnings)).collect(),
            ),
        ];
        for (label, cells) in rows {
            let mut row = vec![Cell::new(label)];
            row.extend(cells);
            t.add_row(row);
        }
        // Money never wraps: the label column gives way first.
        for c in 1..=group.len() {
            if let Some(col) = t.column_mut(c) {
                col.set_cell_alignment(CellAlignment::Right);
                col.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        let _ = writeln!(s, "{t}");
    }
    wrap(
        &mut s,
        "",
        "",
        "Roth a year: the year's Roth total as `mbr plan` shows it (Roth deferrals and \
         catch-up, Roth employer money, and this year's after-tax money converted this year \
         with its earnings; none where the plan cannot convert), an existing balance left \
         out. Taxable earnings and the tax now include an existing balance converted this \
         year. Each plan's warnings follow on stderr.",
    );
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// `mbr check` as text.
///
/// # Errors
/// Never in practice.
pub fn check(report: &Report, style: Style, out: &mut Vec<u8>) -> Result<(), Error> {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "mbr: can you do a mega backdoor Roth in this plan in {}?",
        report.year
    );
    verdict(&mut s, style, report);
    out.extend_from_slice(s.as_bytes());
    Ok(())
}

/// `mbr limits` as tables.
///
/// # Errors
/// Never in practice.
pub fn limits(l: &Limits, style: Style, out: &mut Vec<u8>) -> Result<(), Error> {
    let mut s = String::new();
    let _ = writeln!(s, "IRS limits for {} (checked {})", l.year, l.checked);
    let mut t = table(["Limit", "Amount", "IRC", "Source"]);
    let mut row = |name: &str, f: &crate::limits::Figure| {
        t.add_row(vec![
            name.to_string(),
            format_usd(f.amount),
            f.section.clone(),
            f.source.clone(),
        ]);
    };
    row("Elective deferrals", &l.elective_deferral);
    row("Catch-up, age 50+", &l.catch_up);
    if let Some(f) = &l.catch_up_60_63 {
        row("Catch-up, age 60-63", f);
    }
    row("Annual additions", &l.annual_additions);
    row("Compensation", &l.compensation);
    row(&format!("HCE test of {} pay", l.year), &l.hce_threshold);
    row(
        &format!("HCE threshold ({} pay)", l.year - 1),
        &l.hce_prior_year_threshold,
    );
    if let Some(r) = &l.roth_catch_up {
        let name = if r.enforced {
            "Roth catch-up wages"
        } else {
            "Roth catch-up wages (not enforced)"
        };
        row(name, &r.threshold);
    }
    row("IRA contributions", &l.ira);
    row("IRA catch-up", &l.ira_catch_up);
    row("Social Security wage base", &l.social_security_wage_base);
    right(&mut t, &[1]);
    section(&mut s, style, "Retirement plan limits", &t);

    let se = &l.self_employment_tax;
    let mut t = table(["Self-employment tax", "Rate", "IRC", "Source"]);
    let mut rate = |name: &str, r: &crate::limits::Rate| {
        t.add_row(vec![
            name.to_string(),
            format_percent(r.rate),
            r.section.clone(),
            r.source.clone(),
        ]);
    };
    rate("Net earnings, of net profit", &se.net_earnings);
    rate("Social Security part", &se.social_security);
    rate("Medicare part", &se.medicare);
    rate("Deductible share", &se.deductible);
    t.add_row(vec![
        "None under (net earnings)".to_string(),
        format_usd(se.floor.amount),
        se.floor.section.clone(),
        se.floor.source.clone(),
    ]);
    right(&mut t, &[1]);
    section(&mut s, style, "Self-employment tax", &t);

    let mut t = table([
        "Rate",
        "Single",
        "Married jointly",
        "Married sep.",
        "Head of hh.",
    ]);
    let mut deduction = vec!["Std. deduction".to_string()];
    deduction.extend(
        FilingStatus::ALL
            .iter()
            .map(|f| format_usd(l.standard_deduction.amount(*f))),
    );
    t.add_row(deduction);
    for (i, rate) in l.brackets.rates.iter().enumerate() {
        let mut cells = vec![format!("{} over", format_percent(*rate))];
        cells.extend(FilingStatus::ALL.iter().map(|f| {
            l.brackets
                .starts(*f)
                .get(i)
                .map_or(String::new(), |v| format_usd(*v))
        }));
        t.add_row(cells);
    }
    right(&mut t, &[1, 2, 3, 4]);
    section(&mut s, style, "Federal income tax", &t);
    wrap(&mut s, "Brackets:", "  ", &l.brackets.source);
    wrap(
        &mut s,
        "Standard deduction:",
        "  ",
        &l.standard_deduction.source,
    );
    out.extend_from_slice(s.as_bytes());
    Ok(())
}
