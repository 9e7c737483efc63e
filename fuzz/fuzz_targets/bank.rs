//! Fuzz target: any bytes as a bank file, through what `validate`, `score`
//! and `inspect` do with one: read and check it, draw its problems for a
//! person and as JSON, and when it loads, score a random respondent and
//! write the text and JSON reports. A panic anywhere is a crash.
//!
//! With `PATHFIT_FUZZ_STRICT=1`, NaN or infinity in a result and a raw
//! control character in text for people are crashes too (issue 11's
//! classes 2 and 9; leave it off until those fixes are merged).

#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = pathfit::input::source::SourceFile::from_reader("fuzz.yaml".into(), data)
    else {
        return;
    };
    let (bank, found) = pathfit::bank::load::validate(source);
    let mut text = String::new();
    let _ = pathfit::diag::render::Renderer::new(false).problems(&mut text, &found);
    common::for_people(&text);
    let mut json = Vec::new();
    let _ = pathfit::diag::render::json_lines(&mut json, &found);
    if let Some(bank) = bank {
        common::score_a_respondent(&bank);
    }
});
