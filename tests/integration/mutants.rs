//! Issue 11's mutation test: a few thousand seeded mutants of the bundled
//! banks, the test banks, answers files, class tables and saved sessions,
//! each run in process through every command that reads it (see
//! [`exercise`]), must never panic, must end in a documented exit code
//! with a message naming the file, and must never show NaN, infinity or a
//! raw control character. Memory is counted, not timed.
//!
//! Every input the harness finds failing is kept in
//! `tests/fixtures/mutants/` (run with `PATHFIT_MUTANTS_SAVE=1` to add the
//! new ones) and replayed by [`found_inputs_stay_fixed`].
//!
//! Issue 11's classes that other branches fix ([`exercise::KNOWN`]) are
//! reported, not failed, until those fixes are merged; the `_strict`
//! variants, `cargo test --test integration mutants -- --ignored`, fail on
//! them too.

mod alloc;
mod corpus;
mod exercise;
mod mutate;
mod probes;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use pathfit::input::source::MAX_INPUT_BYTES;

use corpus::{Kind, Pair};
use exercise::{Case, Defect, Finding, KNOWN, exercise};
use mutate::{Dice, mutant};

/// The seed of every mutant: change it to draw a different few thousand.
const SEED: u64 = 0x11_2026;

/// Mutants per kind of input in `cargo test`.
const BANKS: usize = 600;
const ANSWERS: usize = 1000;
const TABLES: usize = 800;
const SESSIONS: usize = 600;

/// Every this many mutants run the searches on every bank (see
/// `exercise::SEARCH_QUESTIONS`).
const DEEP_EVERY: usize = 100;

/// One failing input.
struct Failed {
    name: String,
    bytes: Vec<u8>,
    ops: Vec<&'static str>,
    findings: Vec<Finding>,
}

/// Runs `count` mutants of `kind`; fails on any finding not in
/// `tolerated`.
fn mutants(kind: Kind, count: usize, tolerated: &[Defect]) {
    // `PATHFIT_MUTANTS=N`: N mutants of each kind instead, for longer runs.
    // `PATHFIT_MUTANTS_SEED=S`: a different few thousand.
    let count = env_number("PATHFIT_MUTANTS").map_or(count, |n| n as usize);
    let base = env_number("PATHFIT_MUTANTS_SEED").unwrap_or(SEED);
    // `PATHFIT_MUTANTS_ONLY=I`: only mutant I (as named in a finding).
    let only = env_number("PATHFIT_MUTANTS_ONLY");
    let pairs = corpus::pairs();
    let seeds = corpus::seeds(&pairs, kind);
    let scratch = tempfile::tempdir().unwrap();
    let mut failed = Vec::new();
    let (mut allocations, mut peak) = (0u64, (0u64, String::new()));
    for index in 0..count {
        if only.is_some_and(|i| i != index as u64) {
            continue;
        }
        let mut dice = Dice::new(base ^ ((kind as u64) << 32) ^ index as u64);
        let seed = dice.pick(&seeds);
        let (bytes, ops) = mutant(&seed.bytes, seed.syntax, &mut dice);
        let name = format!(
            "{}--{}-{base:x}-{index:05}.{}",
            seed.key,
            kind.folder(),
            seed.ext
        );
        let case = Case {
            kind,
            name: format!("mutants/{}/{name}", kind.folder()),
            bytes: &bytes,
            pair: corpus::pair(&pairs, seed.key),
            scratch: scratch.path(),
            deep: index % DEEP_EVERY == 0,
        };
        let outcome = exercise(&case);
        allocations += outcome.allocations;
        if outcome.peak_bytes > peak.0 {
            peak = (outcome.peak_bytes, name.clone());
        }
        if !outcome.findings.is_empty() {
            failed.push(Failed {
                name,
                bytes,
                ops,
                findings: outcome.findings,
            });
        }
    }
    eprintln!(
        "{count} {} mutants: {allocations} allocations, at most {} KiB live ({})",
        kind.folder(),
        peak.0 >> 10,
        peak.1
    );
    fail_on(&Vec::from_iter(finish(kind, &failed, tolerated)));
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|n| n.parse().ok())
}

/// Prints what was found and keeps the inputs when asked to; returns the
/// summary when anything was not tolerated.
fn finish(kind: Kind, failed: &[Failed], tolerated: &[Defect]) -> Option<String> {
    // (class, stage, first operator) -> the inputs that showed it.
    let mut distinct: BTreeMap<(Defect, &str, &str), Vec<&Failed>> = BTreeMap::new();
    for f in failed {
        for finding in &f.findings {
            let op = f.ops.first().copied().unwrap_or("fixture");
            distinct
                .entry((finding.defect, finding.stage, op))
                .or_default()
                .push(f);
        }
    }
    let mut summary = String::new();
    let mut untolerated = 0;
    for ((defect, stage, op), inputs) in &distinct {
        let example = inputs[0];
        let detail = example
            .findings
            .iter()
            .find(|x| x.defect == *defect && x.stage == *stage)
            .map_or("", |x| x.detail.as_str());
        let known = tolerated.contains(defect);
        untolerated += usize::from(!known);
        let _ = writeln!(
            summary,
            "{} {} in {stage} after {op}: {} input(s), e.g. {} [{}]: {detail}",
            if known { "known" } else { "NEW" },
            defect.name(),
            inputs.len(),
            example.name,
            example.ops.join(" + "),
        );
    }
    if !summary.is_empty() {
        eprintln!("{} findings:\n{summary}", kind.folder());
    }
    if std::env::var_os("PATHFIT_MUTANTS_SAVE").is_some() {
        save(kind, &distinct);
    }
    (untolerated > 0).then(|| format!("{}:\n{summary}", kind.folder()))
}

/// Fails with what `finish` found, if anything.
fn fail_on(untolerated: &[String]) {
    assert!(
        untolerated.is_empty(),
        "failures outside issue 11's known classes:\n{}\
         (PATHFIT_MUTANTS_SAVE=1 keeps them in tests/fixtures/mutants/)",
        untolerated.join("\n")
    );
}

/// Writes the smallest input of each distinct failure to
/// `tests/fixtures/mutants/`, unless a kept input already fails the same
/// check in the same stage.
fn save(kind: Kind, distinct: &BTreeMap<(Defect, &str, &str), Vec<&Failed>>) {
    let folder = corpus::fixtures().join(kind.folder());
    std::fs::create_dir_all(&folder).unwrap();
    let pairs = corpus::pairs();
    let scratch = tempfile::tempdir().unwrap();
    let mut covered: HashSet<(Defect, &str)> = kept(kind, &pairs, scratch.path())
        .iter()
        .flat_map(|f| f.findings.iter().map(|x| (x.defect, x.stage)))
        .collect();
    for (&(defect, stage, _), inputs) in distinct {
        if covered.contains(&(defect, stage)) {
            continue;
        }
        let smallest = inputs.iter().min_by_key(|f| f.bytes.len()).unwrap();
        std::fs::write(folder.join(&smallest.name), &smallest.bytes).unwrap();
        eprintln!("kept {}", smallest.name);
        covered.insert((defect, stage));
    }
}

/// The inputs kept in `tests/fixtures/mutants/` for `kind`, each
/// exercised again (with no findings, once they are fixed).
fn kept(kind: Kind, pairs: &[Pair], scratch: &Path) -> Vec<Failed> {
    let folder = corpus::fixtures().join(kind.folder());
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let key = corpus::key_of(&path)
                .unwrap_or_else(|| panic!("{}: not named BANK--…", path.display()));
            let bytes = std::fs::read(&path).unwrap();
            let name = relative(&path);
            let case = Case {
                kind,
                name: name.clone(),
                bytes: &bytes,
                pair: corpus::pair(pairs, &key),
                scratch,
                deep: true,
            };
            let findings = exercise(&case).findings;
            Failed {
                name,
                bytes,
                ops: vec!["fixture"],
                findings,
            }
        })
        .collect()
}

/// Every input kept in `tests/fixtures/mutants/`, run again.
fn replay(tolerated: &[Defect]) {
    let pairs = corpus::pairs();
    let scratch = tempfile::tempdir().unwrap();
    let mut replayed = 0;
    let mut untolerated = Vec::new();
    for kind in Kind::ALL {
        let all = kept(kind, &pairs, scratch.path());
        replayed += all.len();
        let failed: Vec<Failed> = all.into_iter().filter(|f| !f.findings.is_empty()).collect();
        untolerated.extend(finish(kind, &failed, tolerated));
    }
    assert!(replayed > 0, "no inputs in tests/fixtures/mutants/");
    fail_on(&untolerated);
}

fn relative(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn the_seeds_pass_every_check() {
    let pairs = corpus::pairs();
    let scratch = tempfile::tempdir().unwrap();
    for kind in Kind::ALL {
        for (i, seed) in corpus::seeds(&pairs, kind).iter().enumerate() {
            let case = Case {
                kind,
                name: format!("seeds/{}--{i}.{}", seed.key, seed.ext),
                bytes: &seed.bytes,
                pair: corpus::pair(&pairs, seed.key),
                scratch: scratch.path(),
                // The deep mutants run the searches on the large banks.
                deep: false,
            };
            let outcome = exercise(&case);
            assert!(
                outcome.findings.is_empty(),
                "{}: {:#?}",
                case.name,
                outcome.findings
            );
        }
    }
}

/// Inputs of this many list items, then twice as many, for the memory
/// probes (about 0.3 and 0.6 MB).
const PROBE_ITEMS: usize = 20_000;

/// How many bytes a probe may take per byte it grows by: issue 11's 200 MiB
/// for 16 MiB of input (for batch: its 60 MiB for 16 MiB).
const PROBE_BYTES_PER_BYTE: f64 = 12.5;

/// Issue 11's bounds: any accepted input, and batch whatever a cell holds.
const MAX_PEAK: u64 = 200 << 20;
const MAX_BATCH_PEAK: u64 = 60 << 20;

/// Class 8: the same input with a list twice as long may cost at most
/// [`PROBE_BYTES_PER_BYTE`] more per byte it grew, and stays within the
/// issue's bounds.
fn memory_probes(tolerated: &[Defect]) {
    if tolerated.contains(&Defect::Memory) {
        eprintln!("memory probes skipped: class 8 is still in exercise::KNOWN");
        return;
    }
    let pairs = corpus::pairs();
    let scratch = tempfile::tempdir().unwrap();
    let mut failures = String::new();
    for ((what, small), (_, large)) in probes::grown(PROBE_ITEMS)
        .into_iter()
        .zip(probes::grown(2 * PROBE_ITEMS))
    {
        let peak = |grown: &probes::Grown| {
            let case = Case {
                kind: grown.kind,
                name: format!("probe.{}", grown.ext),
                bytes: &grown.bytes,
                pair: corpus::pair(&pairs, grown.key),
                scratch: scratch.path(),
                deep: false,
            };
            exercise(&case).peak_bytes
        };
        let (a, b) = (peak(&small), peak(&large));
        let grew = (large.bytes.len() - small.bytes.len()) as f64;
        let per_byte = b.saturating_sub(a) as f64 / grew;
        // Batch must stay flat: its bound over the largest input file.
        let (cap, allowed) = if small.kind == Kind::Table {
            (
                MAX_BATCH_PEAK,
                MAX_BATCH_PEAK as f64 / MAX_INPUT_BYTES as f64,
            )
        } else {
            (MAX_PEAK, PROBE_BYTES_PER_BYTE)
        };
        eprintln!(
            "{what}: {} KiB -> {} KiB live for {} -> {} KiB of input ({per_byte:.1} bytes per byte)",
            a >> 10,
            b >> 10,
            small.bytes.len() >> 10,
            large.bytes.len() >> 10
        );
        // Growing faster than the bound allows may still be bounded: the
        // value cap refuses a file of many short values before it is all
        // built. Then the file as large as pathfit reads must stay within
        // the bound.
        let full = if per_byte > allowed && small.kind != Kind::Table {
            // Bytes grow linearly with items: as many as fit in the most
            // pathfit reads, with a little room.
            let per_item = grew / PROBE_ITEMS as f64;
            let room = (MAX_INPUT_BYTES as f64 * 0.95 - small.bytes.len() as f64) / per_item;
            let items = PROBE_ITEMS + room as usize;
            let (_, biggest) = probes::grown(items)
                .into_iter()
                .find(|(w, _)| *w == what)
                .unwrap();
            assert!(biggest.bytes.len() as u64 <= MAX_INPUT_BYTES, "{what}");
            let at_most = peak(&biggest);
            eprintln!(
                "{what}: {} KiB live for {} KiB of input",
                at_most >> 10,
                biggest.bytes.len() >> 10
            );
            Some(at_most)
        } else {
            None
        };
        let within = match full {
            Some(at_most) => at_most <= cap,
            None => per_byte <= allowed,
        };
        if !within || b > cap {
            let _ = writeln!(
                failures,
                "{what}: {per_byte:.1} bytes of memory per byte of input, {} MiB at {} KiB",
                b >> 20,
                large.bytes.len() >> 10
            );
        }
    }
    assert!(failures.is_empty(), "memory grows with length:\n{failures}");
}

/// Class 10: the searches on banks whose scale or options are long, each
/// through the binary with the test support's guard against hangs (a run
/// that has not ended after 20 s is killed and fails). Today `score` and
/// `score --adaptive` finish within a second on both, and `inspect` takes
/// 51 s and 92 s in a debug build; with a work budget it takes moments.
fn search_probes(tolerated: &[Defect]) {
    if tolerated.contains(&Defect::Slow) {
        eprintln!("search probes skipped: class 10 is still in exercise::KNOWN");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (what, points, likert, multis, options) in [
        ("an 800-point scale", 800, 6, 1, 4),
        ("a hundred multi questions of 8 options", 5, 40, 100, 8),
    ] {
        let text = probes::bank_text(points, likert, multis, options);
        let bank = probes::load(&text);
        let bank_path = dir.path().join("probe.yaml");
        std::fs::write(&bank_path, &text).unwrap();
        let answers = probes::half_answered(&bank);
        let written: serde_json::Map<String, serde_json::Value> = answers
            .iter()
            .map(|(q, a)| {
                let question = &bank.questions[q];
                (
                    question.id.clone(),
                    pathfit::answers::answer_value(question, a),
                )
            })
            .collect();
        let answers_path = dir.path().join("answers.json");
        std::fs::write(
            &answers_path,
            serde_json::json!({ "answers": written }).to_string(),
        )
        .unwrap();
        eprintln!("search probe: {what}");
        let bank_arg = bank_path.to_str().unwrap();
        let answers_arg = answers_path.to_str().unwrap();
        crate::support::Test::new()
            .args(["score", "--bank", bank_arg, "--answers", answers_arg])
            .run();
        crate::support::Test::new()
            .args([
                "score",
                "--adaptive",
                "--bank",
                bank_arg,
                "--answers",
                answers_arg,
            ])
            .run();
        crate::support::Test::new()
            .args(["inspect", "--respondents", "50", "--bank", bank_arg])
            .run();
    }
}

#[test]
fn memory_grows_with_meaning_not_with_length() {
    memory_probes(KNOWN);
}

#[test]
fn searches_keep_to_a_budget() {
    search_probes(KNOWN);
}

#[test]
#[ignore = "the same as the test above while exercise::KNOWN is empty (it passes); kept for when a class is listed there"]
fn memory_grows_with_meaning_not_with_length_strict() {
    memory_probes(&[]);
}

#[test]
#[ignore = "the same as the test above while exercise::KNOWN is empty (it passes); kept for when a class is listed there"]
fn searches_keep_to_a_budget_strict() {
    search_probes(&[]);
}

#[test]
fn mutated_banks_never_hurt() {
    mutants(Kind::Bank, BANKS, KNOWN);
}

#[test]
fn mutated_answers_never_hurt() {
    mutants(Kind::Answers, ANSWERS, KNOWN);
}

#[test]
fn mutated_tables_never_hurt() {
    mutants(Kind::Table, TABLES, KNOWN);
}

#[test]
fn mutated_sessions_never_hurt() {
    mutants(Kind::Session, SESSIONS, KNOWN);
}

#[test]
fn found_inputs_stay_fixed() {
    replay(KNOWN);
}

#[test]
#[ignore = "the same as the test above while exercise::KNOWN is empty (it passes); kept for when a class is listed there"]
fn mutated_banks_never_hurt_strict() {
    mutants(Kind::Bank, BANKS, &[]);
}

#[test]
#[ignore = "the same as the test above while exercise::KNOWN is empty (it passes); kept for when a class is listed there"]
fn mutated_answers_never_hurt_strict() {
    mutants(Kind::Answers, ANSWERS, &[]);
}

#[test]
#[ignore = "the same as the test above while exercise::KNOWN is empty (it passes); kept for when a class is listed there"]
fn mutated_tables_never_hurt_strict() {
    mutants(Kind::Table, TABLES, &[]);
}

#[test]
#[ignore = "the same as the test above while exercise::KNOWN is empty (it passes); kept for when a class is listed there"]
fn mutated_sessions_never_hurt_strict() {
    mutants(Kind::Session, SESSIONS, &[]);
}

#[test]
#[ignore = "the same as the test above while exercise::KNOWN is empty (it passes); kept for when a class is listed there"]
fn found_inputs_stay_fixed_strict() {
    replay(&[]);
}
