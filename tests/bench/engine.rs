//! Criterion benchmarks of the pure engine on every shipped example and on the worst case
//! beside this file (weekly pay, bonuses, mid-year, match on after-tax money): parsing the
//! plan, and computing the report from a parsed plan. `cargo bench` runs them;
//! `process.sh` beside this file times the whole `mbr plan` process instead.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

fn plans() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("examples"))
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files.push(root.join("tests/bench/worst-case.toml"));
    files
        .into_iter()
        .filter_map(|path| {
            let name = path.file_stem()?.to_string_lossy().into_owned();
            Some((name, std::fs::read_to_string(&path).ok()?))
        })
        .collect()
}

fn engine(c: &mut Criterion) {
    for (name, text) in plans() {
        let Ok(plan) = mbr::plan::parse(&name, &text, None) else {
            eprintln!("{name}: does not parse; skipped");
            continue;
        };
        let Some(Ok(limits)) =
            mbr::limits::built_in(plan.year).map(|t| mbr::limits::parse("limits", t))
        else {
            eprintln!("{name}: no limits for {}; skipped", plan.year);
            continue;
        };
        c.bench_function(&format!("parse/{name}"), |b| {
            b.iter(|| mbr::plan::parse(&name, black_box(&text), None));
        });
        c.bench_function(&format!("compute/{name}"), |b| {
            b.iter(|| mbr::engine::compute(black_box(&plan), black_box(&limits)));
        });
    }
    let Some(text) = mbr::limits::built_in(2026) else {
        return;
    };
    c.bench_function("limits/2026", |b| {
        b.iter(|| mbr::limits::parse("limits/2026.toml", black_box(text)));
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
