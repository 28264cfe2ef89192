//! Every error mbr reports, and the one place that maps them to exit codes.
//!
//! A file error carries where it happened (file, line, column, key) apart from what went
//! wrong, so each message reads `plan.toml:12:1: what is wrong; how to fix it`.

use std::fmt;

/// Exit status for success.
pub const EXIT_OK: i32 = 0;
/// Exit status for every error that is not a usage error: unreadable file, invalid plan,
/// missing limits.
pub const EXIT_ERROR: i32 = 1;
/// Exit status for a command-line usage error (clap's own).
pub const EXIT_USAGE: i32 = 2;

/// A problem at one place in a plan or limits file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file as the user named it (`-` for standard input is shown as `<stdin>`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The dotted key the problem is about (`deferrals.pretax`), empty for syntax errors.
    pub key: String,
    /// What is wrong (boxed to keep `Result`s small).
    pub kind: Box<FileErrorKind>,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.kind
        )
    }
}

impl std::error::Error for FileError {}

/// Every problem found in one file, in file order: a plan is checked key by key where one
/// wrong value does not hide the others, so that a user fixes them all in one go (as taplo
/// reports). Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileErrors(Vec<FileError>);

impl FileErrors {
    /// The errors collected, sorted into file order with repeats dropped; `None` if there
    /// are none.
    #[must_use]
    pub fn of(mut errors: Vec<FileError>) -> Option<Self> {
        errors.sort_by_key(|e| (e.line, e.column));
        errors.dedup();
        (!errors.is_empty()).then_some(Self(errors))
    }

    /// The errors, in file order.
    #[must_use]
    pub fn errors(&self) -> &[FileError] {
        &self.0
    }
}

impl From<FileError> for FileErrors {
    fn from(error: FileError) -> Self {
        Self(vec![error])
    }
}

/// One error a line.
impl fmt::Display for FileErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for FileErrors {}

/// What is wrong at a place in a file. Each message says what was expected and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileErrorKind {
    /// The text is not valid TOML.
    #[error("this is not valid TOML: {message}; fix the syntax at this place")]
    Syntax {
        /// The parser's own description.
        message: String,
    },
    /// A key this file kind does not have.
    #[error("unknown key `{key}`; {hint}")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// "did you mean …?" or the list of keys allowed here.
        hint: String,
    },
    /// A key written twice in one table.
    #[error("`{key}` is given twice; keep one of them")]
    Duplicate {
        /// The dotted key.
        key: String,
    },
    /// A key that must be present is absent.
    #[error("`{key}` is missing; {fix}")]
    Missing {
        /// The dotted key.
        key: String,
        /// How to add it.
        fix: String,
    },
    /// A value of the wrong kind (a string where money was expected, a bare number where a
    /// percent was expected, …).
    #[error("`{key}` {expected}, not {found}")]
    WrongKind {
        /// The dotted key.
        key: String,
        /// What the key takes, phrased as the fix: `is money: write a number of dollars such as 23500`.
        expected: String,
        /// What was found: `the string "23.5k"`.
        found: String,
    },
    /// A value of the right kind that is impossible or outside what the rules allow.
    #[error("`{key}` {problem}")]
    Invalid {
        /// The dotted key.
        key: String,
        /// What is wrong and how to fix it.
        problem: String,
    },
}

/// Everything that can stop mbr from producing a report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read at all.
    #[error("cannot read {file}: {source}; check the path and that the file is readable")]
    Read {
        /// The path as given.
        file: String,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// A plan or limits file is invalid at known places: one line each.
    #[error(transparent)]
    File(#[from] FileErrors),
    /// No limits are built in for the plan's year.
    #[error(
        "mbr has no built-in limits for {year} (it has {known}); write a limits file with \
         `mbr limits --year {latest} --format toml > {year}.toml`, change its year and figures \
         to the IRS's for {year}, and pass it with `--limits {year}.toml`"
    )]
    NoLimits {
        /// The year asked for.
        year: i32,
        /// The years that are built in, as text.
        known: String,
        /// The newest built-in year.
        latest: i32,
    },
    /// No limits for the year a plan file asks for: the same error, naming the plan.
    #[error("{file}: {source}")]
    PlanYear {
        /// The plan file.
        file: String,
        /// What went wrong with its year's limits.
        source: Box<Error>,
    },
    /// The limits file is for another year than the plan.
    #[error(
        "{file} holds limits for {found}, but the plan is for {wanted}; pass the limits file for {wanted}"
    )]
    LimitsYear {
        /// The limits file.
        file: String,
        /// The year in the file.
        found: i32,
        /// The plan's year.
        wanted: i32,
    },
    /// A figure grew past what exact decimal arithmetic can hold.
    #[error(
        "{file}: the numbers in this plan are too large to compute exactly ({what}); use realistic dollar amounts"
    )]
    Overflow {
        /// The plan file.
        file: String,
        /// Which computation overflowed.
        what: String,
    },
    /// `mbr compare` was given one plan.
    #[error("`mbr compare` compares two or more plans; name another plan file after the first")]
    CompareOne,
    /// `mbr compare` was asked to read standard input for more than one plan.
    #[error(
        "`-` (standard input) can stand for one plan only; save the others to files and name those"
    )]
    StdinTwice,
    /// One plan file given twice to `mbr plan`.
    #[error(
        "{file} is given twice; several --plan files are one person's plans at different employers, so name each once"
    )]
    PlanTwice {
        /// The file.
        file: String,
    },
    /// `mbr check` was given several plan files.
    #[error(
        "`mbr check` reads one plan file; run it once for each, or use `mbr plan` with several `--plan` files"
    )]
    CheckOne,
    /// Several `--plan` files disagree on what must be one person's in one year.
    #[error(
        "{first} and {second} disagree on {what}; several --plan files are one person's plans in one year, so make them agree"
    )]
    PlansDisagree {
        /// The first file.
        first: String,
        /// The file that disagrees with it.
        second: String,
        /// What they disagree on, with both values.
        what: String,
    },
    /// Writing the report failed (other than a closed pipe).
    #[error("cannot write the report: {0}")]
    Write(std::io::Error),
}

impl From<FileError> for Error {
    fn from(error: FileError) -> Self {
        Self::File(FileErrors::from(error))
    }
}

impl Error {
    /// The lines to print, each after `error:`: one per problem in a file, else one.
    #[must_use]
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::File(errors) => errors.errors().iter().map(ToString::to_string).collect(),
            other => vec![other.to_string()],
        }
    }

    /// The process exit status for this error: every error here is status 1; clap's usage
    /// errors (status 2) never reach this type.
    #[must_use]
    pub fn exit_code(&self) -> i32 {
        EXIT_ERROR
    }
}
