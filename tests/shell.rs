//! How mbr fits a terminal: shell completions, the man page, colour, JSON Schemas for the
//! plan file and the output, and `mbr compare`.

use std::process::Command;

use serde_json::Value;

use crate::common::{mbr, stderr, stdout};

const EXAMPLES: &[&str] = &[
    "examples/after-tax-match-capped.toml",
    "examples/catch-up-profit-sharing.toml",
    "examples/mid-year.toml",
    "examples/split-rollover.toml",
    "examples/tech-auto-convert.toml",
    "examples/unknown-features.toml",
];

#[test]
fn completions_cover_every_shell_and_subcommand() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = mbr(&["completions", shell], "");
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in ["plan", "compare", "schema", "schedule", "color"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
}

/// The bash script, sourced as a user's shell does, completes `mbr pl` to `plan` and
/// `mbr plan --for` to `--format`.
#[test]
fn bash_completion_completes_when_sourced() {
    if Command::new("bash").arg("--version").output().is_err() {
        return; // No bash on this machine: the script's content is checked above.
    }
    let script = stdout(&mbr(&["completions", "bash"], ""));
    let run = |words: &str, cword: usize| {
        let program = format!(
            "{script}\nCOMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{words}'; \
             COMP_POINT=${{#COMP_LINE}}; \
             _mbr mbr \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let out = Command::new("bash")
            .arg("-c")
            .arg(program)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(run("mbr pl", 1).trim(), "plan");
    assert!(run("mbr plan --for", 2).lines().any(|l| l == "--format"));
}

#[test]
fn man_page_has_every_command_and_the_sections_readers_look_for() {
    let out = mbr(&["man"], "");
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH mbr 1"),
        "{page}"
    );
    for section in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "COMMANDS",
        "EXIT STATUS",
        "ENVIRONMENT",
        "EXAMPLES",
    ] {
        assert!(
            page.contains(&format!(".SH \"{section}\""))
                || page.contains(&format!(".SH {section}")),
            "no {section}"
        );
    }
    for command in [
        "plan",
        "check",
        "compare",
        "limits",
        "init",
        "schema",
        "completions",
    ] {
        assert!(
            page.contains(&format!(".SS \"mbr {command}\"")),
            "no mbr {command}"
        );
    }
    assert!(page.contains("NO_COLOR"));
}

/// Piped output has no colour unless asked; `--color always` colours even with `NO_COLOR`
/// set (the flag wins, as no-color.org asks); `--color never` never does.
#[test]
fn color_follows_the_flag_and_no_color() {
    let esc = |args: &[&str], no_color: Option<&str>| {
        let mut cmd = assert_cmd::Command::cargo_bin("mbr").unwrap();
        cmd.args(args).env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        (out.stdout.contains(&0x1b), out.stderr.contains(&0x1b))
    };
    let plan = ["check", "--plan", "examples/unknown-features.toml"];
    assert_eq!(esc(&plan, None), (false, false), "piped output is plain");
    // `plan`, whose warnings about the conversion estimate `check` leaves out.
    let always = [
        "--color",
        "always",
        "plan",
        "--plan",
        "examples/unknown-features.toml",
    ];
    assert_eq!(esc(&always, Some("1")), (true, true));
    let never = [
        "check",
        "--plan",
        "examples/unknown-features.toml",
        "--color=never",
    ];
    assert_eq!(esc(&never, None), (false, false));
    let out = stdout(&mbr(&always, ""));
    assert!(out.contains("\x1b[1;33munknown\x1b[0m"), "{out}");
}

#[test]
fn tables_fit_80_columns() {
    for example in EXAMPLES {
        for extra in [&[][..], &["--schedule"][..]] {
            let mut args = vec!["plan", "--plan", example];
            args.extend(extra);
            let out = stdout(&mbr(&args, ""));
            for line in out.lines() {
                assert!(line.chars().count() <= 80, "{example}: {line}");
            }
        }
    }
    let mut args = vec!["compare"];
    args.extend(EXAMPLES);
    let out = mbr(&args, "");
    assert!(out.status.success(), "{}", stderr(&out));
    for line in stdout(&out).lines() {
        assert!(line.chars().count() <= 80, "compare: {line}");
    }
}

/// TOML as JSON the way editors check it against a schema: dates become strings.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn compile(schema: &str) -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value = serde_json::from_str(schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource("mbr.schema.json", schema).unwrap();
    let index = compiler.compile("mbr.schema.json", &mut schemas).unwrap();
    (schemas, index)
}

fn plan_file(text: &str) -> Value {
    toml_to_json(toml::Value::Table(text.parse::<toml::Table>().unwrap()))
}

/// Every shipped example and the starter plan pass the plan schema; plans mbr rejects for
/// a key or a kind of value fail it too.
#[test]
fn plan_schema_accepts_the_examples_and_rejects_what_mbr_rejects() {
    let (schemas, index) = compile(&stdout(&mbr(&["schema", "plan"], "")));
    let starter = stdout(&mbr(&["init"], ""));
    assert!(starter.starts_with("#:schema ./mbr-plan.schema.json\n"));
    let mut files: Vec<(String, String)> = EXAMPLES
        .iter()
        .map(|f| (f.to_string(), std::fs::read_to_string(f).unwrap()))
        .collect();
    files.push(("mbr init".into(), starter));
    for (name, text) in &files {
        let instance = plan_file(text);
        if let Err(e) = schemas.validate(&instance, index) {
            panic!("{name} fails the plan schema: {e}");
        }
    }
    for bad in [
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\ncolour = 1\n",
        "year = 2026\n[participant]\nage = 40\ncompensation = -5\n",
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\n[deferrals]\npretax = \"lots\"\n",
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\n[match]\ntiers = [{ rate = 1, on = \"3%\" }]\n",
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\n[conversion]\nautomatic = \"maybe\"\n",
        "year = 2026\n[participant]\nage = 40\ncompensation = 100000\n[conversion]\nfrequency = \"hourly\"\n",
        "year = 2026\n[participant]\nage = 40\n",
    ] {
        assert!(
            mbr::plan::parse("plan.toml", bad, None).is_err(),
            "mbr accepts {bad}"
        );
        assert!(
            schemas.validate(&plan_file(bad), index).is_err(),
            "the schema accepts {bad}"
        );
    }
}

/// Every key the schema names is one the parser knows: a plan using all of them parses.
#[test]
fn every_schema_key_is_one_mbr_reads() {
    let schema: Value = serde_json::from_str(&stdout(&mbr(&["schema", "plan"], ""))).unwrap();
    let tables = schema["properties"].as_object().unwrap();
    for (table, spec) in tables {
        let Some(keys) = spec.get("properties").and_then(Value::as_object) else {
            continue;
        };
        for key in keys.keys() {
            // An unknown key fails with "unknown key"; a known one may fail for its value.
            let text = format!(
                "year = 2026\n[participant]\nage = 40\ncompensation = 100000\n[{table}]\n{key} = \"?\"\n"
            );
            let text = if table == "participant" {
                format!("year = 2026\n[participant]\n{key} = \"?\"\n")
            } else {
                text
            };
            if let Err(e) = mbr::plan::parse("plan.toml", &text, None) {
                assert!(!e.to_string().contains("unknown key"), "{table}.{key}: {e}");
            }
        }
    }
}

#[test]
fn output_schema_accepts_every_example_report() {
    let (schemas, index) = compile(&stdout(&mbr(&["schema", "output"], "")));
    for example in EXAMPLES {
        let out = mbr(&["plan", "--plan", example, "--format", "json"], "");
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        if let Err(e) = schemas.validate(&report, index) {
            panic!("{example} output fails the output schema: {e}");
        }
    }
    let schema: Value = serde_json::from_str(&stdout(&mbr(&["schema", "output"], ""))).unwrap();
    let required = schema["required"].as_array().unwrap();
    for member in [
        "after_tax_room",
        "verdict",
        "conversion",
        "schedule",
        "elections",
    ] {
        assert!(
            required.iter().any(|r| r == member),
            "{member} not required"
        );
    }
}

/// `mbr compare` reads each plan's own report: its figures are the ones `mbr plan` prints
/// for the same file, and Roth a year is Roth deferrals plus this year's after-tax money
/// converted with its earnings.
#[test]
fn compare_agrees_with_plan() {
    let out = mbr(
        &[
            "compare",
            "examples/after-tax-match-capped.toml",
            "examples/split-rollover.toml",
            "--format",
            "json",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let cmp: Value = serde_json::from_slice(&out.stdout).unwrap();
    let (schemas, index) = compile(&stdout(&mbr(&["schema", "compare"], "")));
    if let Err(e) = schemas.validate(&cmp, index) {
        panic!("compare output fails its schema: {e}");
    }
    let plans = cmp["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    for (summary, file) in plans.iter().zip([
        "examples/after-tax-match-capped.toml",
        "examples/split-rollover.toml",
    ]) {
        let report: Value =
            serde_json::from_slice(&mbr(&["plan", "--plan", file, "--format", "json"], "").stdout)
                .unwrap();
        assert_eq!(summary["file"], file);
        assert_eq!(summary["after_tax_room"], report["after_tax_room"]);
        assert_eq!(summary["verdict"], report["verdict"]["status"]);
        assert_eq!(summary["conversion_tax"], report["conversion"]["tax"]);
        assert_eq!(
            summary["employer_match"],
            report["contributions"]["employer_match"]
        );
    }
    // after-tax-match-capped: $750 pre-tax + $375 Roth a paycheck; 21 paychecks give
    // $23,625, and the 22nd's last $875 of 402(g) goes $750 pre-tax, then $125 Roth:
    // Roth 21 × 375 + 125 = $8,000. After-tax $36,000, $1,500 a paycheck, converts in plan
    // at each month end at 6%: Σ 1,500 × (1.06^(d/365) − 1) for the days from each paid date
    // to the month's end, d = 16 (×5), 15 (×4), 17 (×2), 18, 2, 1 (×3) and 0 (×8) (the 15th
    // and the last day move to the Friday before on weekends) = 47.233 → $47.23 (Python's
    // decimal module, 40 digits): 8,000 + 36,000 + 47.23 = 44,047.23.
    assert_eq!(plans[0]["roth_per_year"].to_string(), "44047.23");
    // split-rollover: the split sends earnings to a traditional IRA, so only the basis
    // counts: Roth deferrals $24,500 + after-tax $35,500 = $60,000.
    assert_eq!(plans[1]["roth_per_year"].to_string(), "60000.00");
    let warnings = stderr(&out);
    assert!(warnings.contains("warning: examples/split-rollover.toml: [split-ira-pro-rata]"));
}

/// Where the plan cannot convert, after-tax money never becomes Roth: Roth a year is the
/// Roth deferrals alone ($6,000 here), not the $6,000 + after-tax room a convertible twin
/// shows.
#[test]
fn compare_counts_no_conversion_where_the_plan_cannot_convert() {
    let plan = |convertible: bool| {
        format!(
            "year = 2026\n[participant]\nage = 40\ncompensation = 100000\n\
             pay_frequency = \"monthly\"\n[deferrals]\nroth = 6000\n[after_tax]\n\
             allowed = true\namount = 10000\n[conversion]\nin_plan_roth_conversion = {convertible}\n\
             in_service_withdrawal = false\nautomatic = true\n"
        )
    };
    let dir = std::env::temp_dir().join(format!("mbr-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (yes, no) = (dir.join("yes.toml"), dir.join("no.toml"));
    std::fs::write(&yes, plan(true)).unwrap();
    std::fs::write(&no, plan(false)).unwrap();
    let out = mbr(
        &[
            "compare",
            yes.to_str().unwrap(),
            no.to_str().unwrap(),
            "--format",
            "json",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let cmp: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(cmp["plans"][1]["verdict"], "not-convertible");
    // Converted at once (automatic, immediate): 6,000 Roth + 10,000 after-tax, no earnings.
    assert_eq!(cmp["plans"][0]["roth_per_year"].to_string(), "16000.00");
    assert_eq!(cmp["plans"][1]["roth_per_year"].to_string(), "6000.00");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compare_needs_two_plans_and_names_a_bad_one() {
    let one = mbr(&["compare", "examples/mid-year.toml"], "");
    assert_eq!(one.status.code(), Some(1));
    assert_eq!(
        stderr(&one),
        "error: `mbr compare` compares two or more plans; name another plan file after the first\n"
    );
    // Options may sit between the plan files.
    let between = mbr(
        &[
            "compare",
            "examples/mid-year.toml",
            "--format",
            "json",
            "examples/split-rollover.toml",
        ],
        "",
    );
    assert!(between.status.success(), "{}", stderr(&between));
    let missing = mbr(&["compare", "examples/mid-year.toml", "no-such.toml"], "");
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no-such.toml"),
        "{}",
        stderr(&missing)
    );
}

/// The man page's PLAN FILE section is the plan-file reference: every key of the list the
/// parser and the schema use, by its dotted name, with its kind and what leaving it out
/// means (or that it is required).
#[test]
fn man_page_has_the_plan_file_reference() {
    use mbr::plan::keys::{Key, Kind, TOP};
    fn walk(keys: &[Key], path: &str, page: &str, count: &mut usize) {
        for k in keys {
            let dotted = if path.is_empty() {
                k.name.to_string()
            } else {
                format!("{path}.{}", k.name)
            };
            *count += 1;
            let shown = match k.kind {
                Kind::Table(_) if path.is_empty() => format!("[{dotted}]"),
                Kind::List(_) => format!("[[{dotted}]]"),
                _ => dotted.clone(),
            };
            assert!(page.contains(&shown), "no {shown} in the man page");
            if let Kind::Table(inner) | Kind::List(inner) = k.kind {
                walk(inner, &dotted, page, count);
            }
        }
    }
    let page = stdout(&mbr(&["man"], ""));
    let reference = page
        .split(".SH \"PLAN FILE\"")
        .nth(1)
        .or_else(|| page.split(".SH PLAN FILE").nth(1))
        .expect("a PLAN FILE section")
        .split(".SH")
        .next()
        .unwrap();
    let mut count = 0;
    walk(TOP, "", reference, &mut count);
    let said = reference.matches("Default: ").count()
        + reference.matches("Left out: ").count()
        + reference.matches("Required.").count();
    assert_eq!(
        said, count,
        "each key says its default or that it is required"
    );
    for line in [
        "deferrals.catch_up_60_63",
        "The plan offers the larger catch\\-up for ages 60 to 63. Default: true.",
        "Default: \"before\".",
        "Default: \"1%\", with a question for HR.",
    ] {
        assert!(reference.contains(line), "no `{line}` in:\n{reference}");
    }
}
