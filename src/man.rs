//! The manual page, `mbr man`: clap_mangen's page for the top command, with every
//! subcommand's options in it (rather than pointers to pages nobody installs), and the
//! sections a man page reader looks for: exit status, environment, files, examples.

use std::io::Write;

use roff::{Roff, bold, italic, roman};

/// The plan-file reference: every key, its kind and its default, from the one key list the
/// parser and `mbr schema plan` use (`plan::keys`), so the page cannot drift from them.
fn plan_file(page: &mut Roff) {
    use crate::plan::keys::{Key, Kind, TOP};
    fn keys(page: &mut Roff, path: &str, list: &[Key]) {
        for k in list {
            let dotted = if path.is_empty() {
                k.name.to_string()
            } else {
                format!("{path}.{}", k.name)
            };
            let default = if k.required {
                "Required.".to_string()
            } else {
                format!("Default: {}.", k.default)
            };
            match k.kind {
                Kind::Table(inner) | Kind::List(inner) if path.is_empty() => {
                    let header = if matches!(k.kind, Kind::List(_)) {
                        format!("[[{dotted}]]")
                    } else {
                        format!("[{dotted}]")
                    };
                    page.control("SS", [header.as_str()]);
                    let left_out = if k.required {
                        "Required.".to_string()
                    } else {
                        format!("Left out: {}.", k.default)
                    };
                    page.text([roman(format!("{} {left_out}", k.doc))]);
                    keys(page, &dotted, inner);
                }
                Kind::List(inner) | Kind::Table(inner) => {
                    page.control("TP", []);
                    page.text([
                        bold(format!("[[{dotted}]]")),
                        roman(" "),
                        italic(k.kind.words()),
                    ]);
                    page.text([roman(format!("{} {default}", k.doc))]);
                    keys(page, &dotted, inner);
                }
                kind => {
                    page.control("TP", []);
                    page.text([bold(dotted.clone()), roman(" "), italic(kind.words())]);
                    page.text([roman(format!("{} {default}", k.doc))]);
                }
            }
        }
    }
    page.control("SH", ["PLAN FILE"]);
    page.text([roman(
        "A plan file is TOML; mbr init writes one to fill in. Money is a bare number of \
         dollars, a percent a string such as \"6%\". Every key, with the kind of value it \
         takes and what leaving it out means:",
    )]);
    keys(page, "", TOP);
}

/// Writes the whole page of `cmd`, the command line's definition, as roff. It takes the
/// definition rather than reaching for it, so the page depends on no part of mbr above it.
///
/// # Errors
/// Only from the writer.
pub fn render(cmd: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;

    let mut page = Roff::new();
    page.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        page.control("SS", [format!("mbr {}", sub.get_name()).as_str()]);
        if let Some(about) = sub.get_about() {
            page.text([roman(about.to_string())]);
        }
        for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let value = arg
                .get_value_names()
                .and_then(|v| v.first())
                .map_or_else(|| id.to_uppercase(), ToString::to_string);
            let name = match arg.get_long() {
                Some(long) if arg.get_action().takes_values() => {
                    vec![bold(format!("--{long}")), roman(" "), italic(value)]
                }
                Some(long) => vec![bold(format!("--{long}"))],
                None => vec![italic(value)],
            };
            page.control("TP", []);
            page.text(name);
            let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !help.is_empty() && !help.ends_with('.') {
                help.push('.');
            }
            if arg.get_action().takes_values() && !values.is_empty() {
                help.push_str(&format!(" One of: {}.", values.join(", ")));
            }
            page.text([roman(help)]);
        }
    }

    plan_file(&mut page);

    page.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        ("0", "Success, including output cut short by a closed pipe."),
        (
            "1",
            "An error: an unreadable file, an invalid plan or limits file, no limits for the year.",
        ),
        ("2", "A usage error on the command line."),
    ] {
        page.control("TP", []);
        page.text([bold(code)]);
        page.text([roman(meaning)]);
    }

    page.control("SH", ["ENVIRONMENT"]);
    page.control("TP", []);
    page.text([bold("NO_COLOR")]);
    page.text([roman(
        "Set to anything but the empty string, turns colour off unless --color always is given.",
    )]);
    page.control("TP", []);
    page.text([bold("TERM")]);
    page.text([roman(
        "Set to dumb, turns colour off unless --color always is given.",
    )]);

    page.control("SH", ["FILES"]);
    page.text([roman(
        "The IRS limits for each supported year are built in; mbr limits --year YYYY prints \
         them with their sources, and --limits FILE replaces them with a file of the same \
         layout. mbr schema plan prints a JSON Schema of the plan file for editors.",
    )]);

    page.control("SH", ["EXAMPLES"]);
    for (what, example) in [
        ("Start a plan file:", "mbr init > plan.toml"),
        ("Work out the year:", "mbr plan --plan plan.toml"),
        (
            "The same, with every paycheck:",
            "mbr plan --plan plan.toml --schedule",
        ),
        ("For a script:", "mbr plan --plan plan.toml --format json"),
        ("Two job offers side by side:", "mbr compare a.toml b.toml"),
    ] {
        page.control("TP", []);
        page.text([roman(what)]);
        page.text([bold(example)]);
    }
    page.to_writer(out)?;
    man.render_version_section(out)
}
