//! The command line: parses arguments, reads files, calls the engine, prints a report.
//!
//! All I/O lives here. Errors become `error: …` lines on stderr (one for each problem in a
//! plan file) and exit status 1; clap's usage errors keep status 2. A closed stdout
//! (`mbr plan … | head`) is success.

use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::error::{EXIT_OK, Error};
use crate::limits::{self, Limits};
use crate::report::style::{self, Choice, Style};
use crate::{engine, plan, report};

/// mbr — a mega backdoor Roth calculator: after-tax room under every limit, the tax on
/// conversion earnings, and whether your 401(k) plan supports the strategy at all.
#[derive(Debug, Parser)]
#[command(name = "mbr", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// When to colour the output: `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value_t = Choice::Auto,
        overrides_with = "color"
    )]
    pub color: Choice,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable tables.
    Table,
    /// One JSON document on stdout.
    Json,
}

/// Output format of `mbr limits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LimitsFormat {
    /// Readable tables.
    Table,
    /// One JSON document on stdout.
    Json,
    /// A limits file that `--limits FILE` reads back: copy it, type in another year's figures.
    Toml,
}

/// What `plan` and `check` read.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The plan file (TOML); `-` reads standard input. `mbr plan` takes several: one
    /// person's plans at different employers in one year, computed together.
    #[arg(long, value_name = "FILE", required = true, action = clap::ArgAction::Append)]
    pub plan: Vec<PathBuf>,
    /// Tax year; replaces the plan's `year`.
    #[arg(long, value_name = "YYYY", value_parser = tax_year())]
    pub year: Option<i32>,
    /// A limits file to use instead of the built-in one for the year.
    #[arg(long, value_name = "FILE")]
    pub limits: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute this year's after-tax room, contributions, conversion tax and verdict.
    Plan {
        /// The plan and how to print it.
        #[command(flatten)]
        args: PlanArgs,
        /// Also print the paycheck-by-paycheck schedule and the climb to 415(c) (tables
        /// only; JSON always has the schedule).
        #[arg(long)]
        schedule: bool,
    },
    /// Print the verdict alone: does the plan support a mega backdoor Roth?
    Check {
        /// The plan and how to print it.
        #[command(flatten)]
        args: PlanArgs,
    },
    /// Print a year's IRS limits with their sources, or (`--format toml`) as a limits file.
    Limits {
        /// Tax year (default: the current calendar year, or the newest built-in year when mbr
        /// has none for it yet).
        #[arg(long, value_name = "YYYY", value_parser = tax_year())]
        year: Option<i32>,
        /// A limits file to check and print instead of a built-in one.
        #[arg(long, value_name = "FILE")]
        limits: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = LimitsFormat::Table)]
        format: LimitsFormat,
    },
    /// Print plans side by side: room, match, Roth dollars a year, conversion tax, verdict.
    Compare {
        /// Two or more plan files (one of them may be `-`, standard input).
        #[arg(value_name = "PLAN", num_args = 1.., required = true)]
        plans: Vec<PathBuf>,
        /// Tax year for every plan; replaces each plan's `year`.
        #[arg(long, value_name = "YYYY", value_parser = tax_year())]
        year: Option<i32>,
        /// A limits file to use instead of the built-in one (every plan must be for its year).
        #[arg(long, value_name = "FILE")]
        limits: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print an annotated starter plan to fill in.
    Init,
    /// Print a shell completion script.
    ///
    /// For bash: `mkdir -p ~/.local/share/bash-completion/completions && mbr completions bash >
    /// ~/.local/share/bash-completion/completions/mbr`; the README has zsh and fish.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    ///
    /// `mkdir -p ~/.local/share/man/man1 && mbr man > ~/.local/share/man/man1/mbr.1`, then
    /// `man mbr` (or `MANPATH="$HOME/.local/share/man:" man mbr` where man does not look there).
    Man,
    /// Print a JSON Schema: of the plan file, for editors, or of what `--format json` prints.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        of: SchemaOf,
    },
}

/// What `mbr schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaOf {
    /// The plan file (`#:schema ./mbr-plan.schema.json` at its top points editors at it).
    Plan,
    /// The JSON document `mbr plan --format json` prints.
    Output,
    /// The JSON document `mbr compare --format json` prints.
    Compare,
}

/// Parses the command line. Help and usage errors are clap's; they are printed without
/// colour where `--color never` or `NO_COLOR` asks for none.
fn parse(args: &[OsString], no_color: Option<&std::ffi::OsStr>) -> Result<Cli, clap::Error> {
    let mut choice = clap::ColorChoice::Auto;
    if no_color.is_some_and(|v| !v.is_empty()) {
        choice = clap::ColorChoice::Never;
    }
    // The last `--color` given wins, as clap itself reads it.
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--color") {
            Some("") => words.next().map(|w| w.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("always") => choice = clap::ColorChoice::Always,
            Some("never") => choice = clap::ColorChoice::Never,
            Some("auto") => choice = clap::ColorChoice::Auto,
            _ => {}
        }
    }
    let matches = Cli::command().color(choice).try_get_matches_from(args)?;
    Cli::from_arg_matches(&matches)
}

/// `--year`: a tax year mbr could hold limits for.
fn tax_year() -> clap::builder::RangedI64ValueParser<i32> {
    clap::value_parser!(i32).range(1900..=2200)
}

/// The starter plan `mbr init` prints.
pub const STARTER: &str = include_str!("starter.toml");

/// Runs mbr with `args` (the program name first) and returns the exit status.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let no_color = std::env::var_os("NO_COLOR");
    let cli = match parse(&args, no_color.as_deref()) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return err.exit_code();
        }
    };
    let term = std::env::var_os("TERM");
    let (no_color, term) = (no_color.as_deref(), term.as_deref());
    let out_style = style::resolve(cli.color, io::stdout().is_terminal(), no_color, term);
    let err_style = style::resolve(cli.color, io::stderr().is_terminal(), no_color, term);
    let mut out = Vec::new();
    let mut diagnostics = Vec::new();
    let result = execute(cli.command, out_style, &mut out, &mut diagnostics);
    // The report first, then its warnings, so that on a terminal the warnings the tables
    // announce come after them.
    let written = match &result {
        Ok(()) => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(&out).and_then(|()| stdout.flush())
        }
        Err(_) => Ok(()),
    };
    let mut stderr = io::stderr().lock();
    for line in &diagnostics {
        let _ = writeln!(stderr, "{} {line}", err_style.warning());
    }
    if let Err(err) = result {
        for line in err.lines() {
            let _ = writeln!(stderr, "{} {line}", err_style.error());
        }
        return err.exit_code();
    }
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let err = Error::Write(e);
            let _ = writeln!(stderr, "{} {err}", err_style.error());
            err.exit_code()
        }
        _ => EXIT_OK,
    }
}

/// Runs one command, writing its result to `out` and its warnings to `diagnostics`.
///
/// # Errors
/// Any error that stops the command.
pub fn execute(
    command: Command,
    style: Style,
    out: &mut Vec<u8>,
    diagnostics: &mut Vec<String>,
) -> Result<(), Error> {
    match command {
        Command::Plan { args, schedule } => {
            if let [path] = args.plan.as_slice() {
                let (_, report) = compute(path, args.year, args.limits.as_ref(), diagnostics)?;
                return match args.format {
                    Format::Json => report::json::plan(&report, out),
                    Format::Table => report::table::plan(&report, schedule, style, out),
                };
            }
            let (names, several) =
                compute_several(&args.plan, args.year, args.limits.as_ref(), diagnostics)?;
            match args.format {
                Format::Json => report::json::several(&names, &several, out),
                Format::Table => report::table::several(&names, &several, schedule, style, out),
            }
        }
        Command::Check { args } => {
            let [path] = args.plan.as_slice() else {
                return Err(Error::CheckOne);
            };
            // The verdict alone: warnings about the conversion estimate, which `check` does
            // not show, are left out.
            let (_, mut report) = compute(path, args.year, args.limits.as_ref(), &mut Vec::new())?;
            report.warnings.retain(|w| !w.code().about_conversion());
            diagnostics.extend(warning_lines(&report));
            match args.format {
                Format::Json => report::json::check(&report, out),
                Format::Table => report::table::check(&report, style, out),
            }
        }
        Command::Limits {
            year,
            limits,
            format,
        } => {
            let limits = match limits {
                // A file given is printed for its own year.
                Some(path) => load_file(&path, None)?,
                None => {
                    let (year, fallback) =
                        limits::year_to_use(year, current_year(), &limits::built_in_years());
                    if let Some(f) = fallback {
                        diagnostics.push(year_fallback(f));
                    }
                    load_limits(year, None)?
                }
            };
            match format {
                LimitsFormat::Json => report::json::limits(&limits, out),
                LimitsFormat::Table => report::table::limits(&limits, style, out),
                LimitsFormat::Toml => {
                    out.extend_from_slice(limits::to_toml(&limits).as_bytes());
                    Ok(())
                }
            }
        }
        Command::Compare {
            plans,
            year,
            limits,
            format,
        } => {
            if plans.len() < 2 {
                return Err(Error::CompareOne);
            }
            if plans.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
                return Err(Error::StdinTwice);
            }
            let mut summaries = Vec::with_capacity(plans.len());
            for path in &plans {
                let mut warnings = Vec::new();
                let (name, report) = compute(path, year, limits.as_ref(), &mut warnings)?;
                diagnostics.extend(warnings.into_iter().map(|w| format!("{name}: {w}")));
                summaries.push(engine::compare::Summary::of(&name, &report));
            }
            match format {
                Format::Json => report::json::compare(&summaries, out),
                Format::Table => report::table::compare(&summaries, style, out),
            }
        }
        Command::Init => {
            out.extend_from_slice(STARTER.as_bytes());
            Ok(())
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "mbr", out);
            Ok(())
        }
        Command::Man => crate::man::render(&Cli::command(), out).map_err(Error::Write),
        Command::Schema { of } => {
            let schema = match of {
                SchemaOf::Plan => plan::keys::schema(),
                SchemaOf::Output => {
                    report::json::schema::<engine::outcome::Report>("mbr plan --format json")
                }
                SchemaOf::Compare => {
                    report::json::schema::<engine::compare::Comparison>("mbr compare --format json")
                }
            };
            report::json::value(&schema, out)
        }
    }
}

/// Reads, validates and computes a plan file; its warnings go to `diagnostics`. Returns
/// the name errors and reports use for the file, with the report.
fn compute(
    path: &PathBuf,
    year: Option<i32>,
    limits: Option<&PathBuf>,
    diagnostics: &mut Vec<String>,
) -> Result<(String, engine::outcome::Report), Error> {
    let (name, text) = read(path)?;
    let plan = plan::parse(&name, &text, year)?;
    let limits = load_limits(plan.year, limits).map_err(|e| match e {
        Error::NoLimits { .. } => Error::PlanYear {
            file: name.clone(),
            source: Box::new(e),
        },
        other => other,
    })?;
    plan::check_against_limits(&plan, &limits)?;
    check_prior_year(&plan)?;
    let report = engine::compute(&plan, &limits).map_err(|e| Error::Overflow {
        file: name.clone(),
        what: e.to_string(),
    })?;
    diagnostics.extend(warning_lines(&report));
    Ok((name, report))
}

/// The checks against last year's built-in limits (`prior_year_fica_wages` and last year's
/// wage base); skipped when mbr has no limits for last year.
fn check_prior_year(plan: &plan::Plan) -> Result<(), Error> {
    let prior = plan.year - 1;
    if let Some(text) = limits::built_in(prior) {
        let limits = limits::parse(&format!("limits/{prior}.toml"), text)?;
        plan::check_against_prior_year(plan, &limits)?;
    }
    Ok(())
}

/// A report's warnings as the lines stderr shows: `[code] message`.
fn warning_lines(report: &engine::outcome::Report) -> impl Iterator<Item = String> + '_ {
    report
        .warnings
        .iter()
        .map(|w| format!("[{}] {}", w.code(), report::words::warning(w)))
}

/// Reads, validates and computes several plan files of one person in one year together
/// (`engine::several`); each file's warnings go to `diagnostics` under its name. Returns
/// the names errors and reports use for the files, with the result.
fn compute_several(
    paths: &[PathBuf],
    year: Option<i32>,
    limits: Option<&PathBuf>,
    diagnostics: &mut Vec<String>,
) -> Result<(Vec<String>, engine::several::Several), Error> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Error::StdinTwice);
    }
    if let Some((i, p)) = paths
        .iter()
        .enumerate()
        .find(|(i, p)| paths.iter().take(*i).any(|q| q == *p))
        && i > 0
    {
        return Err(Error::PlanTwice {
            file: p.display().to_string(),
        });
    }
    let mut names: Vec<String> = Vec::with_capacity(paths.len());
    let mut plans: Vec<plan::Plan> = Vec::with_capacity(paths.len());
    for path in paths {
        let (name, text) = read(path)?;
        let plan = plan::parse(&name, &text, year)?;
        if let (Some(first), Some(first_name)) = (plans.first(), names.first()) {
            agree(first_name, first, &name, &plan)?;
        }
        names.push(name);
        plans.push(plan);
    }
    let (Some(first), Some(first_name)) = (plans.first(), names.first()) else {
        return Err(Error::CheckOne);
    };
    let limits = load_limits(first.year, limits).map_err(|e| match e {
        Error::NoLimits { .. } => Error::PlanYear {
            file: first_name.clone(),
            source: Box::new(e),
        },
        other => other,
    })?;
    for plan in &plans {
        plan::check_against_limits(plan, &limits)?;
        check_prior_year(plan)?;
    }
    let several = engine::several::compute(&plans, &limits).map_err(|e| Error::Overflow {
        file: names.join(", "),
        what: e.to_string(),
    })?;
    for (name, report) in names.iter().zip(&several.reports) {
        diagnostics.extend(
            report
                .warnings
                .iter()
                .map(|w| format!("{name}: [{}] {}", w.code(), report::words::warning(w))),
        );
    }
    diagnostics.extend(
        several
            .warnings
            .iter()
            .map(|w| format!("[{}] {}", w.code(), report::words::warning(w))),
    );
    Ok((names, several))
}

/// Several `--plan` files are one person's plans in one year: they must agree on the year
/// and on the participant's age (contract 2b).
fn agree(first_name: &str, first: &plan::Plan, name: &str, plan: &plan::Plan) -> Result<(), Error> {
    if first.year != plan.year {
        return Err(Error::PlansDisagree {
            first: first_name.to_string(),
            second: name.to_string(),
            what: format!("`year` ({} and {})", first.year, plan.year),
        });
    }
    if first.participant.age != plan.participant.age {
        return Err(Error::PlansDisagree {
            first: first_name.to_string(),
            second: name.to_string(),
            what: format!(
                "the participant's age on December 31 ({} and {})",
                first.participant.age, plan.participant.age
            ),
        });
    }
    Ok(())
}

/// The one-line notice that `mbr limits` without `--year` shows another year than the
/// current one, naming the year shown and the ways to another.
fn year_fallback(f: limits::YearFallback) -> String {
    format!(
        "mbr has no limits for {wanted} built in yet, so these are {used}'s; \
         pass `--year` for another year, or `--limits FILE` with {wanted}'s figures \
         (`mbr limits --year {used} --format toml > {wanted}.toml` starts one)",
        wanted = f.wanted,
        used = f.used
    )
}

/// Reads and checks a limits file; with `year`, the file must be for that year.
fn load_file(path: &PathBuf, year: Option<i32>) -> Result<Limits, Error> {
    let (name, text) = read(path)?;
    let limits = limits::parse(&name, &text)?;
    match year {
        Some(wanted) if limits.year != wanted => Err(Error::LimitsYear {
            file: name,
            found: limits.year,
            wanted,
        }),
        _ => Ok(limits),
    }
}

/// The limits for `year`: the file given (which must be for `year`), else the built-in one.
fn load_limits(year: i32, path: Option<&PathBuf>) -> Result<Limits, Error> {
    match path {
        Some(path) => load_file(path, Some(year)),
        None => {
            let years = limits::built_in_years();
            let text = limits::built_in(year).ok_or_else(|| Error::NoLimits {
                year,
                known: match (years.first(), years.last()) {
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    _ => "none".to_string(),
                },
                latest: years.last().copied().unwrap_or(year),
            })?;
            Ok(limits::parse(&format!("limits/{year}.toml"), text)?)
        }
    }
}

/// Reads a file, or standard input for `-`, returning the name errors should show.
fn read(path: &PathBuf) -> Result<(String, String), Error> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| Error::Read {
                file: "<stdin>".into(),
                source,
            })?;
        let text = String::from_utf8(bytes).map_err(|_| Error::Read {
            file: "<stdin>".into(),
            source: io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"),
        })?;
        return Ok(("<stdin>".into(), text));
    }
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        file: name.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Read {
        file: name.clone(),
        source: io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8 text"),
    })?;
    Ok((name, text))
}

/// The current calendar year (UTC), for `mbr limits` without `--year`.
fn current_year() -> i32 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs() / 86_400).unwrap_or(0));
    crate::date::Date::from_days_since_epoch(days).year()
}
