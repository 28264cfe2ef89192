//! Printing a report: `table` for people, `json` for scripts. Neither computes anything;
//! both read the engine's `Report` (or a year's `Limits`), and both word its findings
//! with `words`.

pub mod json;
pub mod style;
pub mod table;
pub mod words;
