//! Colour for people at a terminal: headings in bold, the verdict in the colour of its
//! meaning, `warning:` and `error:` marked. Everything else is plain text, so a report
//! without colour reads the same.

use crate::engine::outcome::Status;

/// Whether to colour, decided once by the command line (`--color`, `NO_COLOR`, a terminal).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Emit ANSI colour codes.
    pub color: bool,
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[1;31m";
const GREEN: &str = "\x1b[1;32m";
const YELLOW: &str = "\x1b[1;33m";

impl Style {
    /// Plain text, for files, pipes and tests.
    pub const PLAIN: Self = Self { color: false };

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// A section title.
    #[must_use]
    pub fn heading(self, text: &str) -> String {
        self.paint(BOLD, text)
    }

    /// A verdict status: green where the strategy works, yellow where it is not known or
    /// there is no room, red where the plan rules it out.
    #[must_use]
    pub fn status(self, status: Status) -> String {
        let code = match Meaning::of(status) {
            Meaning::Works => GREEN,
            Meaning::RuledOut => RED,
            Meaning::Open => YELLOW,
        };
        self.paint(code, &status.to_string())
    }

    /// The `warning:` prefix on stderr.
    #[must_use]
    pub fn warning(self) -> String {
        self.paint(YELLOW, "warning:")
    }

    /// The `error:` prefix on stderr.
    #[must_use]
    pub fn error(self) -> String {
        self.paint(RED, "error:")
    }
}

/// What a verdict status means for the participant, which decides its colour wherever it
/// is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// The strategy works: `available`.
    Works,
    /// The plan rules it out: `not-available`, `not-convertible`.
    RuledOut,
    /// Not known yet, or no room: `unknown`, `no-room`.
    Open,
}

impl Meaning {
    /// The meaning of a verdict status.
    #[must_use]
    pub fn of(status: Status) -> Self {
        match status {
            Status::Available => Self::Works,
            Status::NotAvailable | Status::NotConvertible => Self::RuledOut,
            Status::Unknown | Status::NoRoom => Self::Open,
        }
    }
}

/// The colour choice of `--color`, resolved: `always` and `never` win; `auto` colours a
/// terminal unless `NO_COLOR` is set to anything but the empty string (no-color.org) or
/// `TERM` is `dumb` (a terminal that shows escape codes as text, such as Emacs's shell).
#[must_use]
pub fn resolve(
    choice: Choice,
    terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> Style {
    let color = match choice {
        Choice::Always => true,
        Choice::Never => false,
        Choice::Auto => {
            terminal
                && no_color.is_none_or(std::ffi::OsStr::is_empty)
                && term.is_none_or(|t| t != "dumb")
        }
    };
    Style { color }
}

/// `--color`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Choice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour, even through a pipe or with `NO_COLOR` set.
    Always,
    /// Never colour.
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn no_color_turns_auto_off_but_not_always() {
        assert!(resolve(Choice::Auto, true, None, None).color);
        assert!(!resolve(Choice::Auto, true, Some(OsStr::new("1")), None).color);
        // An empty NO_COLOR does not count (no-color.org).
        assert!(resolve(Choice::Auto, true, Some(OsStr::new("")), None).color);
        assert!(!resolve(Choice::Auto, false, None, None).color);
        assert!(resolve(Choice::Always, false, Some(OsStr::new("1")), None).color);
        assert!(!resolve(Choice::Never, true, None, None).color);
    }

    #[test]
    fn a_dumb_terminal_gets_no_colour_unless_asked() {
        let dumb = Some(OsStr::new("dumb"));
        assert!(!resolve(Choice::Auto, true, None, dumb).color);
        assert!(resolve(Choice::Auto, true, None, Some(OsStr::new("xterm-256color"))).color);
        assert!(resolve(Choice::Always, true, None, dumb).color);
    }

    #[test]
    fn plain_style_adds_nothing() {
        assert_eq!(Style::PLAIN.status(Status::Available), "available");
        assert_eq!(
            Style { color: true }.status(Status::Available),
            "\x1b[1;32mavailable\x1b[0m"
        );
    }
}
