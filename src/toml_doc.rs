//! Reading a TOML file with positions: every value keeps its line and column so that an
//! error can point at it, and numbers are read from their source text so that money never
//! passes through binary floating point.
//!
//! Plan files and limits files are both read through here; what their keys mean lives in
//! `plan` and `limits`.

use std::ops::Range;
use std::str::FromStr;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::date::Date;
use crate::error::{FileError, FileErrorKind};

/// The largest amount of money a file may hold. Far above any real plan, and far below what
/// would let products of money and rates overflow 28-digit decimals.
pub const MAX_MONEY: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 1e12

/// A parsed document: the file name and its text, for turning byte offsets into positions.
#[derive(Debug)]
pub struct Doc<'i> {
    file: String,
    text: &'i str,
}

/// The root table of a parsed document.
pub struct Root<'i> {
    table: Spanned<DeTable<'i>>,
}

impl<'i> Doc<'i> {
    /// Parses `text`, read from `file`, as a TOML document.
    ///
    /// # Errors
    /// A syntax error, placed at the line and column the parser names.
    pub fn parse(file: &str, text: &'i str) -> Result<(Self, Root<'i>), FileError> {
        let doc = Self {
            file: file.to_string(),
            text,
        };
        match DeTable::parse(text) {
            Ok(table) => Ok((doc, Root { table })),
            Err(err) => {
                let start = err.span().map_or(0, |s| s.start);
                let message = err.message().trim().trim_end_matches('.').to_string();
                if message.starts_with("duplicate key")
                    && let Some(key) = doc.key_at(start)
                {
                    return Err(doc.error(start, &key.clone(), FileErrorKind::Duplicate { key }));
                }
                Err(doc.error(start, "", FileErrorKind::Syntax { message }))
            }
        }
    }

    /// The dotted key written at `offset` (a key or a table header's name), with the path
    /// of the table header above it: for naming a duplicate key.
    fn key_at(&self, offset: usize) -> Option<String> {
        let before = self.text.get(..offset)?;
        let rest = self.text.get(offset..)?;
        let key: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"'))
            .filter(|c| *c != '"')
            .collect();
        if key.is_empty() {
            return None;
        }
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let on_header = before.get(line_start..)?.trim_start().starts_with('[');
        if on_header {
            return Some(key);
        }
        // The nearest header above names the table the key is in.
        let table = before.lines().rev().find_map(|l| {
            let l = l.trim();
            l.starts_with('[').then(|| {
                l.trim_start_matches('[')
                    .split(']')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string()
            })
        });
        Some(match table {
            Some(t) if !t.is_empty() => format!("{t}.{key}"),
            _ => key,
        })
    }

    /// The file name errors will show.
    #[must_use]
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Line and column (both 1-based, column in characters) of a byte offset.
    #[must_use]
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut end = offset.min(self.text.len());
        while end > 0 && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let before = self.text.get(..end).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    /// An error at a byte offset.
    #[must_use]
    pub fn error(&self, offset: usize, key: &str, kind: FileErrorKind) -> FileError {
        let (line, column) = self.position(offset);
        FileError {
            file: self.file.clone(),
            line,
            column,
            key: key.to_string(),
            kind: Box::new(kind),
        }
    }

    /// The top-level table.
    #[must_use]
    pub fn root<'d>(&'d self, root: &'d Root<'i>) -> Table<'d, 'i> {
        Table {
            doc: self,
            path: String::new(),
            table: root.table.get_ref(),
            span: root.table.span(),
        }
    }
}

/// A table inside a document, with its dotted path.
#[derive(Clone)]
pub struct Table<'d, 'i> {
    doc: &'d Doc<'i>,
    path: String,
    table: &'d DeTable<'i>,
    span: Range<usize>,
}

/// One value inside a document, with its dotted key.
#[derive(Clone)]
pub struct Field<'d, 'i> {
    doc: &'d Doc<'i>,
    key: String,
    value: &'d Spanned<DeValue<'i>>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The closest of `candidates` to `key`, if one is close enough to be a likely typo.
#[must_use]
pub fn suggest<'a>(key: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| {
            (
                *c,
                strsim::jaro_winkler(key, c),
                strsim::levenshtein(key, c),
            )
        })
        .filter(|(_, jw, lev)| *jw > 0.8 || *lev < 3)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _, _)| c)
}

/// Describes a TOML value the way a user wrote it, for "not …" in messages.
fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("the string \"{}\"", s.chars().take(40).collect::<String>()),
        DeValue::Integer(i) => format!("the number {i}"),
        DeValue::Float(f) => format!("the number {f}"),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("the date-time {d}"),
        DeValue::Array(_) => "a list".to_string(),
        DeValue::Table(_) => "a table".to_string(),
    }
}

impl<'d, 'i> Table<'d, 'i> {
    /// The table's dotted path (empty for the root).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// An error about the table itself, placed at its header.
    #[must_use]
    pub fn error(&self, kind: FileErrorKind) -> FileError {
        self.doc.error(self.span.start, &self.path, kind)
    }

    /// Rejects any key not in `allowed`, suggesting the closest allowed key.
    ///
    /// # Errors
    /// The first unknown key, in file order.
    pub fn only(&self, allowed: &[&str]) -> Result<(), FileError> {
        match self.unknown(allowed).into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every key not in `allowed`, in file order, each with the closest allowed key.
    #[must_use]
    pub fn unknown(&self, allowed: &[&str]) -> Vec<FileError> {
        let mut unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !allowed.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| k)
            .collect();
        unknown.sort_by_key(|k| k.span().start);
        unknown
            .into_iter()
            .map(|k| self.unknown_key(k.get_ref(), k.span().start, allowed))
            .collect()
    }

    fn unknown_key(&self, key: &str, offset: usize, allowed: &[&str]) -> FileError {
        let hint = match suggest(key, allowed) {
            Some(s) => format!("did you mean `{s}`?"),
            None if allowed.is_empty() => "remove it".to_string(),
            None => format!(
                "remove it or use one of {}",
                allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.doc.error(
            offset,
            &join(&self.path, key),
            FileErrorKind::UnknownKey {
                key: join(&self.path, key),
                hint,
            },
        )
    }

    /// The value at `key`, if present.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<Field<'d, 'i>> {
        self.table.get(key).map(|value| Field {
            doc: self.doc,
            key: join(&self.path, key),
            value,
        })
    }

    /// The value at `key`, which must be present.
    ///
    /// # Errors
    /// `Missing`, with `fix` as the way to add it.
    pub fn require(&self, key: &str, fix: &str) -> Result<Field<'d, 'i>, FileError> {
        self.get(key).ok_or_else(|| {
            self.error(FileErrorKind::Missing {
                key: join(&self.path, key),
                fix: fix.to_string(),
            })
        })
    }

    /// The sub-table at `key`, or an empty one when the file leaves it out (every key in it
    /// then takes its default).
    ///
    /// # Errors
    /// When `key` holds something other than a table.
    pub fn section(&self, key: &str) -> Result<Table<'d, 'i>, FileError> {
        static EMPTY: std::sync::LazyLock<DeTable<'static>> =
            std::sync::LazyLock::new(DeTable::new);
        Ok(self.table(key)?.unwrap_or_else(|| Table {
            doc: self.doc,
            path: join(&self.path, key),
            table: &EMPTY,
            span: self.span.start..self.span.start,
        }))
    }

    /// A `Missing` error for `key` in this table.
    #[must_use]
    pub fn missing(&self, key: &str, fix: &str) -> FileError {
        self.error(FileErrorKind::Missing {
            key: join(&self.path, key),
            fix: fix.to_string(),
        })
    }

    /// The sub-table at `key`, if present.
    ///
    /// # Errors
    /// When `key` holds something other than a table.
    pub fn table(&self, key: &str) -> Result<Option<Table<'d, 'i>>, FileError> {
        self.get(key).map(|f| f.table()).transpose()
    }
}

impl<'d, 'i> Field<'d, 'i> {
    /// The dotted key.
    #[must_use]
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The line and column of the value.
    #[must_use]
    pub fn position(&self) -> (usize, usize) {
        self.doc.position(self.value.span().start)
    }

    /// An `Invalid` error at this value: `problem` follows the key in the message.
    #[must_use]
    pub fn invalid(&self, problem: impl Into<String>) -> FileError {
        self.doc.error(
            self.value.span().start,
            &self.key,
            FileErrorKind::Invalid {
                key: self.key.clone(),
                problem: problem.into(),
            },
        )
    }

    /// A `WrongKind` error at this value.
    #[must_use]
    pub fn wrong(&self, expected: &str) -> FileError {
        self.doc.error(
            self.value.span().start,
            &self.key,
            FileErrorKind::WrongKind {
                key: self.key.clone(),
                expected: expected.to_string(),
                found: describe(self.value.get_ref()),
            },
        )
    }

    /// The raw value.
    #[must_use]
    pub fn value(&self) -> &'d DeValue<'i> {
        self.value.get_ref()
    }

    /// The value as a table.
    ///
    /// # Errors
    /// When it is not a table.
    pub fn table(&self) -> Result<Table<'d, 'i>, FileError> {
        match self.value.get_ref() {
            DeValue::Table(table) => Ok(Table {
                doc: self.doc,
                path: self.key.clone(),
                table,
                span: self.value.span(),
            }),
            _ => {
                Err(self.wrong("is a table: write it as a `[section]` header or `{ key = value }`"))
            }
        }
    }

    /// The value as a list of fields.
    ///
    /// # Errors
    /// When it is not a list.
    pub fn array(&self, expected: &str) -> Result<Vec<Field<'d, 'i>>, FileError> {
        match self.value.get_ref() {
            DeValue::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, value)| Field {
                    doc: self.doc,
                    key: format!("{}[{i}]", self.key),
                    value,
                })
                .collect()),
            _ => Err(self.wrong(expected)),
        }
    }

    /// The value as a number, exactly as written, if it is a TOML integer or float.
    /// `None` for other kinds; an error for `inf`, `nan` or digits beyond what fits.
    ///
    /// # Errors
    /// When the number is not finite or does not fit a 28-digit decimal.
    pub fn number(&self) -> Result<Option<Decimal>, FileError> {
        let too_big = || self.invalid("is too large a number; use a realistic amount");
        match self.value.get_ref() {
            DeValue::Integer(int) => {
                let digits = int.as_str().replace('_', "");
                let n = i128::from_str_radix(&digits, int.radix()).map_err(|_| too_big())?;
                Decimal::try_from_i128_with_scale(n, 0)
                    .map(Some)
                    .map_err(|_| too_big())
            }
            DeValue::Float(float) => {
                let text = float.as_str().replace('_', "");
                if text.contains("inf") || text.contains("nan") {
                    return Err(self.invalid("must be a finite number, not inf or nan"));
                }
                let parsed = if text.contains(['e', 'E']) {
                    Decimal::from_scientific(&text)
                } else {
                    Decimal::from_str(&text)
                };
                parsed.map(Some).map_err(|_| too_big())
            }
            _ => Ok(None),
        }
    }

    /// Money: a TOML number of dollars, never negative, at most [`MAX_MONEY`].
    ///
    /// # Errors
    /// When the value is not a number, is negative or is absurdly large.
    pub fn money(&self) -> Result<Decimal, FileError> {
        let Some(value) = self.number()? else {
            if let Some(text) = self.quoted_number() {
                return Err(self.invalid(format!(
                    "is money: write it as a number without quotes, {text}, not \"{text}\""
                )));
            }
            return Err(self.wrong("is money: write a number of dollars such as 23500 or 1234.56"));
        };
        check_money(self, value)
    }

    /// A whole number.
    ///
    /// # Errors
    /// When the value is not a TOML integer or does not fit.
    pub fn integer(&self) -> Result<i64, FileError> {
        match self.value.get_ref() {
            DeValue::Integer(int) => {
                let digits = int.as_str().replace('_', "");
                i64::from_str_radix(&digits, int.radix())
                    .map_err(|_| self.invalid("is too large a number"))
            }
            _ => match self.quoted_number() {
                Some(text) => Err(self.invalid(format!(
                    "is a whole number: write it without quotes, {text}, not \"{text}\""
                ))),
                None => Err(self.wrong("is a whole number such as 45")),
            },
        }
    }

    /// The text of a string value that holds only a plain number (`"2026"`, `"23500"`),
    /// written in quotes by mistake.
    fn quoted_number(&self) -> Option<String> {
        let text = self.value.get_ref().as_str()?.trim();
        (!text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '_')
            && Decimal::from_str(&text.replace('_', "")).is_ok())
        .then(|| text.to_string())
    }

    /// A boolean.
    ///
    /// # Errors
    /// When the value is not `true` or `false`.
    pub fn boolean(&self) -> Result<bool, FileError> {
        self.value
            .get_ref()
            .as_bool()
            .ok_or_else(|| self.wrong("is true or false"))
    }

    /// A string.
    ///
    /// # Errors
    /// When the value is not a string.
    pub fn string(&self, expected: &str) -> Result<&'d str, FileError> {
        self.value
            .get_ref()
            .as_str()
            .ok_or_else(|| self.wrong(expected))
    }

    /// One of a fixed set of words.
    ///
    /// # Errors
    /// When the value is not a string or not one of `options`.
    pub fn choice(&self, options: &[&'static str]) -> Result<&'static str, FileError> {
        let list = options
            .iter()
            .map(|o| format!("\"{o}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let text = self.string(&format!("is one of {list}"))?;
        if let Some(found) = options.iter().find(|o| **o == text) {
            return Ok(found);
        }
        let hint =
            suggest(text, options).map_or(String::new(), |s| format!("; did you mean \"{s}\"?"));
        Err(self.invalid(format!("must be one of {list}, not \"{text}\"{hint}")))
    }

    /// A percent written `"N%"`, returned as a fraction (`"7%"` → 0.07). A bare number is an
    /// error that says how to write it.
    ///
    /// # Errors
    /// When the value is not a `"N%"` string or `N` is negative.
    pub fn percent(&self) -> Result<Decimal, FileError> {
        if let Some(n) = self.number()? {
            if n.is_sign_negative() && !n.is_zero() {
                return Err(self.invalid(format!(
                    "is a percent and cannot be negative; write one such as \"7%\", not {n}"
                )));
            }
            // A bare number below 1 is a fraction (0.24 for 24%); 1 or more is the percent
            // itself.
            if n < Decimal::ONE && !n.is_zero() {
                let percent = (n * Decimal::ONE_HUNDRED).normalize();
                return Err(self.invalid(format!(
                    "is a percent: write \"{percent}%\", not {n} (a bare number below 1 reads as a fraction)"
                )));
            }
            return Err(self.invalid(format!("is a percent: write \"{n}%\", not {n}")));
        }
        let text = self.string("is a percent such as \"6%\"")?;
        parse_percent(text).ok_or_else(|| {
            self.invalid(format!(
                "is a percent such as \"6%\" or \"2.5%\", not \"{text}\""
            ))
        })
    }

    /// A TOML local date (`2026-07-07`).
    ///
    /// # Errors
    /// When the value is not a date, carries a time, or names a day that does not exist.
    pub fn date(&self) -> Result<Date, FileError> {
        let expected = "is a date written without quotes, such as 2026-07-07";
        let DeValue::Datetime(dt) = self.value.get_ref() else {
            return Err(self.wrong(expected));
        };
        let (Some(date), None) = (dt.date, dt.time) else {
            return Err(self.wrong(expected));
        };
        Date::new(i32::from(date.year), date.month, date.day)
            .ok_or_else(|| self.invalid(format!("is not a real date: {dt}")))
    }
}

/// Checks a money value's range.
fn check_money(field: &Field<'_, '_>, value: Decimal) -> Result<Decimal, FileError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(field.invalid(format!(
            "is money and can never be negative; write a positive amount, not {value}"
        )));
    }
    if value > MAX_MONEY {
        return Err(field.invalid("is far too large; mbr accepts at most $1,000,000,000,000"));
    }
    // Money is whole cents: a fraction of a cent in a pay stub figure would carry into the
    // room and come out rounded, a hair above what 415(c) allows.
    let value = value.normalize();
    if value.scale() > 2 {
        return Err(field.invalid(format!(
            "has a fraction of a cent; write dollars and cents, such as {}",
            crate::money::cents(value)
        )));
    }
    Ok(value)
}

/// Parses `"N%"` into a fraction; `None` if it is not a non-negative percent.
#[must_use]
pub fn parse_percent(text: &str) -> Option<Decimal> {
    let number = text.trim().strip_suffix('%')?.trim();
    if number.is_empty()
        || number.starts_with(['-', '+'])
        || !number.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    let value = Decimal::from_str(number).ok()?;
    if value.scale() > 10 || value > Decimal::from(100_000) {
        return None;
    }
    Some((value / Decimal::ONE_HUNDRED).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn max_money_is_one_trillion() {
        assert_eq!(MAX_MONEY, dec!(1_000_000_000_000));
    }

    #[test]
    fn percents() {
        assert_eq!(parse_percent("6%"), Some(dec!(0.06)));
        assert_eq!(parse_percent("2.5%"), Some(dec!(0.025)));
        assert_eq!(parse_percent("0.1%"), Some(dec!(0.001)));
        assert_eq!(parse_percent("-1%"), None);
        assert_eq!(parse_percent("6"), None);
        assert_eq!(parse_percent("%"), None);
        assert_eq!(parse_percent("1e3%"), None);
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("deferals", &["deferrals", "participant"]),
            Some("deferrals")
        );
        assert_eq!(suggest("zzz", &["deferrals", "participant"]), None);
    }

    #[test]
    fn numbers_are_read_from_their_text() {
        let (doc, root) =
            Doc::parse("t.toml", "a = 1234.56\nb = 0x10\nc = 1_000\nd = 1e3\n").unwrap();
        let t = doc.root(&root);
        assert_eq!(t.get("a").unwrap().money().unwrap(), dec!(1234.56));
        assert_eq!(t.get("b").unwrap().money().unwrap(), dec!(16));
        assert_eq!(t.get("c").unwrap().money().unwrap(), dec!(1000));
        assert_eq!(t.get("d").unwrap().money().unwrap(), dec!(1000));
    }

    #[test]
    fn positions_are_one_based_lines_and_columns() {
        let (doc, root) = Doc::parse("t.toml", "a = 1\n[x]\nbee = -5\n").unwrap();
        let t = doc.root(&root);
        let err = t
            .table("x")
            .unwrap()
            .unwrap()
            .get("bee")
            .unwrap()
            .money()
            .unwrap_err();
        assert_eq!((err.line, err.column, err.key.as_str()), (3, 7, "x.bee"));
    }
}
