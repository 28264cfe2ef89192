//! The commands as a user runs them: exit status, what goes to stdout and stderr.

use crate::common::{mbr, stderr, stdout};

#[test]
fn init_prints_a_plan_that_plan_accepts() {
    let init = mbr(&["init"], "");
    assert_eq!(init.status.code(), Some(0));
    let text = stdout(&init);
    assert!(text.contains("[after_tax]"));
    let out = mbr(&["plan", "--plan", "-"], &text);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Verdict: unknown"));
}

/// `mbr init` names every key of the plan file (contract sections 2 and 2b), set or
/// commented out, so that a newcomer sees what can be said without the manual; every table
/// has its header, and the keys of a list of tables sit under its `[[...]]` header.
#[test]
fn init_names_every_key() {
    use mbr::plan::keys::{Key, Kind, TOP};
    fn walk(keys: &[Key], path: &str, text: &str) {
        for k in keys {
            let dotted = if path.is_empty() {
                k.name.to_string()
            } else {
                format!("{path}.{}", k.name)
            };
            match k.kind {
                Kind::Table(inner) => {
                    assert!(
                        text.contains(&format!("[{dotted}]")),
                        "no [{dotted}] in:\n{text}"
                    );
                    walk(inner, &dotted, text);
                }
                Kind::List(inner) if path.is_empty() || path == "payroll" => {
                    assert!(text.contains(&format!("[[{dotted}]]")), "no [[{dotted}]]");
                    walk(inner, &dotted, text);
                }
                _ => {
                    let set = text.lines().any(|l| {
                        let l = l.trim_start_matches(['#', ' ']);
                        l.starts_with(&format!("{} ", k.name))
                            || l.starts_with(&format!("{{ {} ", k.name))
                    });
                    assert!(
                        set || dotted.starts_with("match.tiers"),
                        "`{dotted}` is not in mbr init"
                    );
                }
            }
        }
    }
    let text = stdout(&mbr(&["init"], ""));
    walk(TOP, "", &text);
    // The tables mbr plan would otherwise default are written out, not only commented.
    for header in ["[payroll]\n", "[tax]\n", "[conversion]\n", "[employer]\n"] {
        assert!(
            text.lines().any(|l| l.starts_with(header.trim_end())),
            "{header}"
        );
    }
    assert!(text.contains("\ncatch_up_60_63 = true"));
}

#[test]
fn plan_table_shows_every_section() {
    let out = mbr(&["plan", "--plan", "examples/tech-auto-convert.toml"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for heading in [
        "Limits",
        "Contributions",
        "After-tax room:",
        "Conversion estimate",
        "Converting more often",
        "Verdict:",
    ] {
        assert!(text.contains(heading), "missing {heading}:\n{text}");
    }
    assert!(text.contains("$24,500.00"));
    assert!(
        text.lines().all(|l| l.chars().count() <= 80),
        "a line is wider than 80 columns:\n{text}"
    );
}

#[test]
fn warnings_go_to_stderr() {
    let out = mbr(&["plan", "--plan", "examples/unknown-features.toml"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).lines().all(|l| l.starts_with("warning: [")),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("warning: ["));
}

#[test]
fn check_prints_the_verdict_alone() {
    let out = mbr(&["check", "--plan", "examples/unknown-features.toml"], "");
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("Verdict: unknown") && text.contains("Ask your plan administrator"));
    assert!(!text.contains("Contributions"));
}

#[test]
fn limits_for_each_year() {
    for (year, deferral) in [
        ("2022", "$20,500.00"),
        ("2023", "$22,500.00"),
        ("2024", "$23,000.00"),
        ("2025", "$23,500.00"),
        ("2026", "$24,500.00"),
    ] {
        let out = mbr(&["limits", "--year", year], "");
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert!(
            text.contains(deferral) && text.contains("Notice"),
            "{year}:\n{text}"
        );
    }
}

#[test]
fn schedule_flag_prints_every_paycheck() {
    let out = mbr(
        &[
            "plan",
            "--plan",
            "examples/tech-auto-convert.toml",
            "--schedule",
        ],
        "",
    );
    let text = stdout(&out);
    assert!(text.contains("Paycheck schedule"));
    assert!(text.matches("2026-").count() >= 26);
}

#[test]
fn version_and_help() {
    let out = mbr(&["--version"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("mbr "));
    let out = mbr(&["--help"], "");
    assert!(stdout(&out).contains("plan") && stdout(&out).contains("limits"));
}

#[test]
fn every_example_runs_in_both_formats() {
    let mut seen = 0;
    for entry in std::fs::read_dir("examples")
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
    {
        let path = entry.path().display().to_string();
        if !path.ends_with(".toml") {
            continue;
        }
        seen += 1;
        for format in ["table", "json"] {
            let out = mbr(&["plan", "--plan", &path, "--format", format], "");
            assert_eq!(
                out.status.code(),
                Some(0),
                "{path} {format}: {}",
                stderr(&out)
            );
        }
    }
    assert!(seen >= 4, "examples/ should hold at least four plans");
}

/// The README's tour shows real output: its `mbr check` block is exactly what mbr prints,
/// and each line of its JSON excerpt appears in the real document.
#[test]
fn readme_tour_is_current() {
    let readme = std::fs::read_to_string("README.md").unwrap_or_else(|e| panic!("{e}"));
    let check = stdout(&mbr(
        &["check", "--plan", "examples/unknown-features.toml"],
        "",
    ));
    assert!(
        readme.contains(check.trim_end()),
        "README's `mbr check` block is stale:\n{check}"
    );
    let json = stdout(&mbr(
        &[
            "plan",
            "--plan",
            "examples/tech-auto-convert.toml",
            "--format",
            "json",
        ],
        "",
    ));
    let start = readme
        .find("```json\n")
        .unwrap_or_else(|| panic!("no JSON block"))
        + 8;
    let block = readme
        .get(start..)
        .and_then(|r| r.split("```").next())
        .unwrap_or_default();
    for line in block.lines().filter(|l| l.contains(": ")) {
        assert!(
            json.contains(line.trim_end_matches(',')),
            "README JSON line not in output: {line}"
        );
    }
    let capped = stdout(&mbr(
        &["plan", "--plan", "examples/after-tax-match-capped.toml"],
        "",
    ));
    let conversion = capped
        .split("\nVerdict:")
        .next()
        .and_then(|t| t.split("\nConversion estimate").nth(1))
        .unwrap_or_else(|| panic!("no conversion section"));
    assert!(
        readme.contains(conversion.trim_end()),
        "README's conversion estimate is stale:\n{conversion}"
    );
    let table = stdout(&mbr(
        &["plan", "--plan", "examples/tech-auto-convert.toml"],
        "",
    ));
    // The tour's Roth total, and the Roth match example's, as they print.
    for file in [
        "examples/tech-auto-convert.toml",
        "examples/roth-match.toml",
    ] {
        let out = stdout(&mbr(&["plan", "--plan", file], ""));
        let roth = out
            .split("\nVerdict:")
            .next()
            .and_then(|t| t.split("\nRoth this year\n").nth(1))
            .unwrap_or_else(|| panic!("no Roth section for {file}"));
        assert!(
            readme.contains(&format!("Roth this year\n{}", roth.trim_end())),
            "README's Roth total for {file} is stale:\n{roth}"
        );
    }
    for line in [
        "│ After-tax             ┆ $38,700.00 ┆ yes           │",
        "Verdict: available",
    ] {
        assert!(
            readme.contains(line) && table.contains(line),
            "README table is stale at {line}"
        );
    }
}
