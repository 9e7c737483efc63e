//! What both fuzz targets do with a loaded bank and a result, and the
//! strict checks `PATHFIT_FUZZ_STRICT=1` turns on. Each target uses part.

#![allow(dead_code)]

use std::sync::LazyLock;

use pathfit::answers::AnswerSet;
use pathfit::bank::Bank;
use pathfit::engine::Scorer;
use pathfit::engine::sample::Sampler;
use pathfit::report::{Format, ReportInput};

static STRICT: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("PATHFIT_FUZZ_STRICT").is_some_and(|v| v != "0"));

/// Text a person reads: with the strict checks, no raw control character.
pub fn for_people(text: &str) {
    if *STRICT {
        assert!(
            pathfit::visible::first_hidden(text).is_none(),
            "a raw control character in {text:?}"
        );
    }
}

/// One random respondent of `bank`, scored and reported.
pub fn score_a_respondent(bank: &Bank) {
    let Some((_, drawn)) = Sampler::new(bank, 1).next() else {
        return;
    };
    let mut answers = AnswerSet::new(bank);
    for (q, answer) in drawn.into_iter().enumerate() {
        answers.set(q, answer);
    }
    score(bank, &answers);
}

/// Scores `answers` (without the what-if search, which the mutation test
/// covers) and writes the text and JSON reports.
pub fn score(bank: &Bank, answers: &AnswerSet) {
    let Ok(assessment) = Scorer::new(bank).score(answers) else {
        return;
    };
    if *STRICT {
        let numbers = assessment
            .fits
            .iter()
            .map(|f| f.fit)
            .chain([assessment.recommendation.margin])
            .chain(
                assessment
                    .dimensions
                    .iter()
                    .flat_map(|d| [d.raw, d.min, d.max]),
            );
        for n in numbers {
            assert!(n.is_finite(), "a result of {n}");
        }
    }
    let input = ReportInput {
        bank,
        answers,
        assessment: &assessment,
        quiz: None,
    };
    for format in [Format::Text, Format::Json] {
        let mut out = Vec::new();
        format
            .report(false)
            .write(&input, &mut out)
            .expect("writing to memory never fails");
        if format == Format::Text {
            for_people(&String::from_utf8_lossy(&out));
        }
    }
}
