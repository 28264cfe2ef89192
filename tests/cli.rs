//! The commands as a user runs them: exit status, what goes to stdout and stderr.

use crate::common::{d, mbr, money, stderr, stdout};

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

/// A plan with no `[tax]` table and no `annual_return`: `mbr plan` warns that the return is
/// assumed and the tax not computed; `mbr check`, which shows the verdict alone and no
/// conversion estimate, says neither, on stderr or in its JSON.
#[test]
fn check_prints_no_warnings_about_the_conversion_estimate() {
    let plan = "year = 2026\n[participant]\nage = 40\ncompensation = 150000\npay_frequency = \"biweekly\"\n\
                [after_tax]\nallowed = true\n[conversion]\nin_plan_roth_conversion = true\n";
    let full = mbr(&["plan", "--plan", "-"], plan);
    assert!(stderr(&full).contains("[return-assumed]"));
    assert!(stderr(&full).contains("[no-tax-table]"));
    let check = mbr(&["check", "--plan", "-"], plan);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let err = stderr(&check);
    assert!(
        !err.contains("[return-assumed]") && !err.contains("[no-tax-table]"),
        "{err}"
    );
    // The payroll warnings that bear on the verdict stay.
    assert!(err.contains("[payday-moved]"), "{err}");
    let json = mbr(&["check", "--plan", "-", "--format", "json"], plan);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let codes: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes.contains(&"return-assumed") && !codes.contains(&"no-tax-table"),
        "{codes:?}"
    );
    assert!(codes.contains(&"payday-moved"), "{codes:?}");
}

/// A plan that takes no after-tax money converts nothing: no tables of $0.00 conversions,
/// one line saying why instead.
#[test]
fn not_available_prints_no_tables_of_zero_conversions() {
    let plan = "year = 2026\n[participant]\nage = 40\ncompensation = 150000\npay_frequency = \"monthly\"\n\
                [after_tax]\nallowed = false\n[tax]\nmarginal_rate = \"24%\"\n";
    let out = mbr(&["plan", "--plan", "-"], plan);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Verdict: not-available"), "{text}");
    for table in [
        "Converting more often",
        "Form 1099-R",
        "After-tax contributions converted",
    ] {
        assert!(!text.contains(table), "{table} in:\n{text}");
    }
    assert!(
        text.contains(
            "Conversion estimate:\n  none: the plan does not accept after-tax contributions"
        ),
        "{text}"
    );
}

/// Pay stub cents: 130,000 biweekly is 5,000 a paycheck; the 14 paychecks paid to
/// 2026-07-10 (every other Friday from January 2 to July 3) earn 4% × 70,000 = 2,800.00 of
/// match, and the stub says 2,799.70. The 0.30 is rounding, below the dollar the
/// `match-lost` warning counts: `mbr compare` shows no match lost, in the table or JSON.
#[test]
fn compare_does_not_call_cent_rounding_match_lost() {
    let plan = "year = 2026\n[participant]\nage = 40\ncompensation = 130000\npay_frequency = \"biweekly\"\n\
                [deferrals]\npretax = \"6%\"\n[match]\ntiers = [{ rate = \"100%\", on = \"4%\" }]\ntrue_up = false\n\
                [payroll]\nholidays = \"none\"\n[year_to_date]\nas_of = 2026-07-10\npretax = 4200\nmatch = 2799.70\n";
    let dir = std::env::temp_dir().join(format!("mbr-compare-cents-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.toml");
    std::fs::write(&file, plan).unwrap();
    let path = file.to_str().unwrap();
    let report = mbr(&["plan", "--plan", path, "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(money(&v["match_lost"]), d("0.30"));
    let table = stdout(&mbr(&["compare", path, "-"], plan));
    let row = table.lines().find(|l| l.contains("Match lost")).unwrap();
    assert!(row.contains("none") && !row.contains('$'), "{row}");
    let json = mbr(&["compare", path, "-", "--format", "json"], plan);
    let c: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for p in c["plans"].as_array().unwrap() {
        assert_eq!(money(&p["match_lost"]), d("0"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `mbr limits --format json` names each source once: the 2026 standard deduction and
/// brackets are both from Rev. Proc. 2025-32.
#[test]
fn limits_json_lists_each_tax_source_once() {
    let out = mbr(&["limits", "--year", "2026", "--format", "json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["tax_sources"], serde_json::json!(["Rev. Proc. 2025-32"]));
}
