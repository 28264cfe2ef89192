//! mbr: a mega backdoor Roth calculator.
//!
//! The library is the whole program but for `main`: [`plan::parse`] and [`limits::parse`]
//! read files into validated values, [`engine::compute`] (pure decimal arithmetic, no I/O)
//! turns a plan and a year's limits into a [`engine::outcome::Report`], and [`report`]
//! prints it. [`cli::run`] ties them to the command line.

#![deny(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod calendar;
pub mod cli;
pub mod date;
pub mod engine;
pub mod error;
pub mod limits;
pub mod man;
pub mod money;
pub mod plan;
pub mod report;
pub mod rules;
pub mod toml_doc;
