//! Fuzz target: any bytes as answers, the way `score` and `batch` read
//! them: the first byte picks the bundled bank and the shape (an answers
//! file in YAML or JSON, a class table in CSV or JSON Lines), the rest is
//! the file. Answers that resolve are scored and reported; a table goes
//! through `batch` with every row's message drawn. A panic is a crash.
//!
//! With `PATHFIT_FUZZ_STRICT=1`, NaN or infinity and raw control
//! characters in text for people are crashes too (see `bank.rs`).

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pathfit::answers::tabular::{Respondents, TableFormat};
use pathfit::bank::Bank;
use pathfit::batch::{self, Progress};

mod common;

static BANKS: LazyLock<Vec<Bank>> = LazyLock::new(|| {
    pathfit::bank::bundled::BUNDLED
        .iter()
        .map(|b| b.load().expect("a bundled bank loads"))
        .collect()
});

fuzz_target!(|data: &[u8]| {
    let Some((&choice, file)) = data.split_first() else {
        return;
    };
    let bank = &BANKS[usize::from(choice & 1) % BANKS.len()];
    match (choice >> 1) % 3 {
        0 => {
            let Ok(source) =
                pathfit::input::source::SourceFile::from_reader("fuzz.yaml".into(), file)
            else {
                return;
            };
            match pathfit::answers::file::read(source, bank) {
                Ok(answers) => common::score(bank, &answers),
                Err(err) => common::for_people(&err.to_string()),
            }
        }
        shape => {
            let format = if shape == 1 {
                TableFormat::Csv
            } else {
                TableFormat::Jsonl
            };
            let respondents = match Respondents::open(bank, "fuzz", file, format) {
                Ok(respondents) => respondents,
                Err(err) => return common::for_people(&err.to_string()),
            };
            let mut messages = Vec::new();
            let progress = Progress {
                on_error: &mut |row| messages.push(row.to_string()),
                on_bytes: &mut |_| {},
            };
            let mut out = Vec::new();
            match batch::run(bank, respondents, &mut out, format, false, progress) {
                Ok(summary) => common::for_people(&summary.describe()),
                Err(err) => common::for_people(&err.to_string()),
            }
            for message in &messages {
                common::for_people(message);
            }
        }
    }
});
