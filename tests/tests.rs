//! mbr's integration tests: one binary, a module per subject.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod advice;
mod calendar;
mod cli;
mod common;
mod conversion;
mod employment;
mod errors;
mod extremes;
mod json;
mod limits_file;
mod oracle;
mod paychecks;
mod payroll;
mod properties;
mod readme_shell;
mod roth;
mod self_employed;
mod several;
mod shell;
mod verdicts;
mod words;
mod worked_examples;
