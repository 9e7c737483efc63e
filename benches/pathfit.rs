//! Speed of the hot paths, measured with criterion (never with timed
//! assertions in tests). Run with `cargo bench`; the README's Performance
//! section has the figures and how to reproduce them.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pathfit::answers::tabular::{Respondents, TableFormat, write_respondents};
use pathfit::bank::{self, bundled};
use pathfit::batch::{self, Progress};
use pathfit::engine::sample::Sampler;
use pathfit::input::source::SourceFile;

/// A valid bank with `n` questions over 10 dimensions and 4 roles, every
/// question kind represented.
fn generated_bank(n: usize) -> String {
    let mut text = String::from("id: big\ntitle: Big\nversion: 1\ndimensions:\n");
    for d in 0..10 {
        text.push_str(&format!(
            "  - {{ id: d{d}, name: D{d}, low: low, high: high }}\n"
        ));
    }
    text.push_str("roles:\n");
    for r in 0..4 {
        let profile: Vec<String> = (0..10)
            .map(|d| format!("d{d}: {}", ((r * 3 + d * 7) % 10) as f64 / 10.0))
            .collect();
        text.push_str(&format!(
            "  - {{ id: r{r}, name: R{r}, summary: s, profile: {{ {} }} }}\n",
            profile.join(", ")
        ));
    }
    text.push_str("questions:\n");
    for q in 0..n {
        let d = q % 10;
        match q % 4 {
            0 | 1 => text.push_str(&format!(
                "  - {{ id: q{q}, kind: likert, text: Question {q}, dimension: d{d}{} }}\n",
                if q % 8 == 1 { ", keyed: minus" } else { "" }
            )),
            2 => text.push_str(&format!(
                "  - id: q{q}\n    kind: choice\n    text: Question {q}\n    options:\n      - {{ id: a, text: A, scores: {{ d{d}: 2 }} }}\n      - {{ id: b, text: B, scores: {{ d{}: 2 }} }}\n",
                (d + 1) % 10
            )),
            _ => text.push_str(&format!(
                "  - {{ id: q{q}, kind: number, text: Question {q}, dimension: d{d}, min: 0, max: 10 }}\n"
            )),
        }
    }
    text
}

fn benches(c: &mut Criterion) {
    let healthcare = bundled::find("healthcare").unwrap();
    c.bench_function("load and validate the bundled bank", |b| {
        b.iter(|| {
            bank::load(SourceFile::new(
                "healthcare.yaml",
                black_box(healthcare.text),
            ))
            .unwrap()
        })
    });

    let big = generated_bank(10_000);
    c.bench_function("load and validate a 10,000-question bank", |b| {
        b.iter(|| bank::load(SourceFile::new("big.yaml", black_box(big.as_str()))).unwrap())
    });

    let bank = healthcare.load().unwrap();
    let answers = pathfit::answers::file::read(
        SourceFile::new("clinician.yaml", include_str!("../examples/clinician.yaml")),
        &bank,
    )
    .unwrap();
    let scorer = pathfit::engine::Scorer::new(&bank);
    c.bench_function("score one answer set (with reasons)", |b| {
        b.iter(|| scorer.score(black_box(&answers)).unwrap())
    });
    c.bench_function(
        "score with the what-if search (every question answered)",
        |b| b.iter(|| scorer.score_with_what_if(black_box(&answers)).unwrap()),
    );

    let order: Vec<usize> = (0..bank.questions.len()).collect();
    let chooser = pathfit::engine::adaptive::Adaptive::new(&bank, &order);
    c.bench_function("adaptive replay of one respondent", |b| {
        b.iter(|| pathfit::engine::adaptive::replay(&chooser, black_box(&answers)))
    });
    let asked = pathfit::engine::adaptive::replay(&chooser, &answers).answers;
    c.bench_function(
        "score with the what-if search (adaptive, questions unasked)",
        |b| b.iter(|| scorer.score_with_what_if(black_box(&asked)).unwrap()),
    );

    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(10_000));
    group.sample_size(20);
    for (kind, name) in [
        (TableFormat::Csv, "CSV"),
        (TableFormat::Jsonl, "JSON Lines"),
    ] {
        let mut input = Vec::new();
        write_respondents(&bank, kind, Sampler::new(&bank, 1).take(10_000), &mut input).unwrap();
        for (jobs, workers) in [
            (1, "1 worker".to_string()),
            (batch::default_jobs(), "default workers".to_string()),
        ] {
            let label = format!("10,000 respondents, {name} in, CSV out, {workers}");
            group.bench_function(label, |b| {
                b.iter(|| {
                    let mut out = Vec::with_capacity(2 << 20);
                    let respondents =
                        Respondents::open(&bank, "bench", black_box(&input[..]), kind).unwrap();
                    let progress = Progress {
                        on_error: &mut |_| {},
                        on_bytes: &mut |_| {},
                    };
                    let settings = batch::Settings {
                        format: TableFormat::Csv,
                        strict: false,
                        terminal: false,
                        jobs,
                    };
                    batch::run_with(&bank, respondents, &mut out, settings, progress).unwrap()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(pathfit_benches, benches);
criterion_main!(pathfit_benches);
