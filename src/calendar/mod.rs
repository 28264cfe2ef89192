//! The payroll calendar: how often a participant is paid and on which days of the year.
//!
//! Below both `plan` (which parses a pay frequency) and `engine` (which lays out the year's
//! paychecks), so that neither reaches into the other for it. Pure date arithmetic on
//! [`crate::date::Date`]: no money, no limits, no I/O.

pub mod holidays;
pub mod paydays;

pub use holidays::{HolidayRule, paid_on};
pub use paydays::{PayFrequency, Payday, Schedule, crossing_year, paydays};
