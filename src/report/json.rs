//! JSON output: exactly the contract's document and nothing else on stdout.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use super::words;
use crate::engine::compare::{Comparison, Summary};
use crate::engine::outcome::{Note, Question, Reason, Report, Verdict, Warning, WarningCode};
use crate::engine::several::{Combined, Several};
use crate::error::Error;
use crate::limits::{Figure, Limits, RothCatchUp};

fn write<T: Serialize>(value: &T, out: &mut Vec<u8>) -> Result<(), Error> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| Error::Write(e.into()))?;
    out.push(b'\n');
    Ok(())
}

/// Any JSON value (a schema), pretty-printed.
///
/// # Errors
/// Only if serialisation fails.
pub fn value(value: &serde_json::Value, out: &mut Vec<u8>) -> Result<(), Error> {
    write(value, out)
}

/// The JSON Schema (draft-07) of what `T` prints, generated from the type itself.
#[must_use]
pub fn schema<T: schemars::JsonSchema>(title: &str) -> serde_json::Value {
    let mut schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema.to_value()
}

/// `mbr compare --format json`.
///
/// # Errors
/// Only if serialisation fails.
pub fn compare(plans: &[Summary], out: &mut Vec<u8>) -> Result<(), Error> {
    write(
        &Comparison {
            schema_version: 1,
            plans: plans.to_vec(),
        },
        out,
    )
}

/// `mbr plan --format json`.
///
/// # Errors
/// Only if serialisation fails.
pub fn plan(report: &Report, out: &mut Vec<u8>) -> Result<(), Error> {
    write(report, out)
}

/// `mbr plan --format json` with several `--plan` files (contract §4): each file's
/// document as a single plan prints it, with `file` added, and what they come to together.
///
/// # Errors
/// Only if serialisation fails.
pub fn several(names: &[String], several: &Several, out: &mut Vec<u8>) -> Result<(), Error> {
    #[derive(Serialize)]
    struct Filed<'a> {
        file: &'a str,
        #[serde(flatten)]
        report: &'a Report,
    }
    #[derive(Serialize)]
    struct Document<'a> {
        schema_version: u32,
        year: i32,
        plans: Vec<Filed<'a>>,
        combined: &'a Combined,
        warnings: &'a [Warning],
    }
    write(
        &Document {
            schema_version: 1,
            year: several.reports.first().map_or(0, |r| r.year),
            plans: names
                .iter()
                .zip(&several.reports)
                .map(|(file, report)| Filed { file, report })
                .collect(),
            combined: &several.combined,
            warnings: &several.warnings,
        },
        out,
    )
}

/// `mbr check --format json`: the verdict with the room and warnings behind it.
///
/// # Errors
/// Only if serialisation fails.
pub fn check(report: &Report, out: &mut Vec<u8>) -> Result<(), Error> {
    #[derive(Serialize)]
    struct Check<'a> {
        schema_version: u32,
        year: i32,
        #[serde(serialize_with = "crate::money::json::cents")]
        after_tax_room: rust_decimal::Decimal,
        verdict: &'a Verdict,
        warnings: &'a [Warning],
    }
    write(
        &Check {
            schema_version: report.schema_version,
            year: report.year,
            after_tax_room: report.after_tax_room,
            verdict: &report.verdict,
            warnings: &report.warnings,
        },
        out,
    )
}

/// `mbr limits --format json`.
///
/// # Errors
/// Only if serialisation fails.
pub fn limits(limits: &Limits, out: &mut Vec<u8>) -> Result<(), Error> {
    #[derive(Serialize)]
    struct Retirement<'a> {
        elective_deferral: &'a Figure,
        catch_up: &'a Figure,
        catch_up_60_63: Option<&'a Figure>,
        annual_additions: &'a Figure,
        compensation: &'a Figure,
        hce_threshold: &'a Figure,
        hce_prior_year_threshold: &'a Figure,
        roth_catch_up_wage_threshold: Option<&'a RothCatchUp>,
        ira: &'a Figure,
        ira_catch_up: &'a Figure,
        social_security_wage_base: &'a Figure,
    }
    #[derive(Serialize)]
    struct Status {
        filing_status: &'static str,
        #[serde(serialize_with = "crate::money::json::cents")]
        standard_deduction: rust_decimal::Decimal,
        brackets: Vec<Bracket>,
    }
    #[derive(Serialize)]
    struct Bracket {
        #[serde(serialize_with = "crate::money::json::fraction")]
        rate: rust_decimal::Decimal,
        #[serde(serialize_with = "crate::money::json::cents")]
        over: rust_decimal::Decimal,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        year: i32,
        checked: crate::date::Date,
        retirement: Retirement<'a>,
        self_employment_tax: &'a crate::limits::SelfEmploymentTax,
        tax_sources: Vec<&'a str>,
        filing_statuses: Vec<Status>,
    }
    let l = limits;
    write(
        &Out {
            year: l.year,
            checked: l.checked,
            retirement: Retirement {
                elective_deferral: &l.elective_deferral,
                catch_up: &l.catch_up,
                catch_up_60_63: l.catch_up_60_63.as_ref(),
                annual_additions: &l.annual_additions,
                compensation: &l.compensation,
                hce_threshold: &l.hce_threshold,
                hce_prior_year_threshold: &l.hce_prior_year_threshold,
                roth_catch_up_wage_threshold: l.roth_catch_up.as_ref(),
                ira: &l.ira,
                ira_catch_up: &l.ira_catch_up,
                social_security_wage_base: &l.social_security_wage_base,
            },
            self_employment_tax: &l.self_employment_tax,
            // The standard deduction and the brackets are usually in one revenue procedure:
            // name it once.
            tax_sources: {
                let mut sources = vec![l.standard_deduction.source.as_str()];
                if l.brackets.source != l.standard_deduction.source {
                    sources.push(&l.brackets.source);
                }
                sources
            },
            filing_statuses: crate::limits::FilingStatus::ALL
                .iter()
                .map(|s| Status {
                    filing_status: s.key(),
                    standard_deduction: l.standard_deduction.amount(*s),
                    brackets: l
                        .brackets
                        .starts(*s)
                        .iter()
                        .zip(&l.brackets.rates)
                        .map(|(over, rate)| Bracket {
                            rate: *rate,
                            over: *over,
                        })
                        .collect(),
                })
                .collect(),
        },
        out,
    )
}

// The engine's findings carry figures, not sentences. In the JSON each is the sentence
// `words` makes of it (a warning as its `code` and that sentence as `message`), so the
// tables and the JSON say the same thing.

// A warning as the JSON carries it; its doc comment is the schema's description.
/// A warning.
#[derive(Serialize, JsonSchema)]
#[schemars(rename = "Warning")]
struct WarningJson {
    /// Stable machine-readable code.
    code: WarningCode,
    /// What it means for the participant.
    message: String,
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WarningJson {
            code: self.code(),
            message: words::warning(self),
        }
        .serialize(serializer)
    }
}

impl JsonSchema for Warning {
    fn schema_name() -> Cow<'static, str> {
        WarningJson::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        WarningJson::json_schema(generator)
    }
}

/// Findings the JSON carries as a bare sentence.
macro_rules! sentence_in_json {
    ($($t:ty => $word:expr),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&$word(self))
            }
        }

        impl JsonSchema for $t {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> Cow<'static, str> {
                stringify!($t).into()
            }

            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                String::json_schema(generator)
            }
        }
    )*};
}
sentence_in_json!(
    Reason => words::reason,
    Question => |q: &Question| words::question(*q),
    Note => words::note
);
