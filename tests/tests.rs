//! mbr's integration tests: one binary, a module per subject.

mod cli;
mod common;
mod conversion;
mod errors;
mod json;
mod paychecks;
mod properties;
mod verdicts;
mod worked_examples;
