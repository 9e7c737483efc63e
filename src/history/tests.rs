//! Keeping a result and reading it back; when in words.

use super::keep::keep_in;
use super::store::{list_in, show_in};
use super::*;
use crate::answers::Answer;
use crate::bank::bundled::find;
use crate::report::{Format, QuizRun, ReportInput};

fn at(text: &str) -> jiff::ZonedDateTime {
    text.parse().unwrap()
}

#[test]
fn when_is_said_as_a_person_says_it() {
    let now = at("2026-12-01T14:05:00[UTC]");
    let say = |when: &str| when_in_words(when.parse().unwrap(), &now);
    assert_eq!(say("2026-12-01T09:03:00Z"), "today at 09:03");
    assert_eq!(say("2026-11-30T23:59:00Z"), "yesterday at 23:59");
    assert_eq!(say("2026-11-27T10:00:00Z"), "on Friday at 10:00");
    assert_eq!(say("2026-11-20T10:00:00Z"), "on 20 November at 10:00");
    assert_eq!(say("2025-12-01T10:00:00Z"), "on 1 December 2025 at 10:00");
    // A clock set wrong: a date, never "today".
    assert_eq!(say("2026-12-05T10:00:00Z"), "on 5 December at 10:00");
    // In the local time zone.
    let paris = at("2026-12-01T14:05:00[Europe/Paris]");
    assert_eq!(
        when_in_words("2026-11-30T23:30:00Z".parse().unwrap(), &paris),
        "today at 00:30"
    );
}

#[test]
fn a_kept_result_shows_again_as_it_was_and_ids_never_clash() {
    let bundled = find("healthcare").unwrap();
    let bank = bundled.load().unwrap();
    let mut answers = crate::answers::AnswerSet::new(&bank);
    answers.set(0, Some(Answer::Scale(5.0)));
    let assessment = crate::engine::score(&bank, &answers).unwrap();
    let quiz = QuizRun {
        seed: Some(7),
        order: vec![bank.questions[0].id.clone(), bank.questions[1].id.clone()],
        adaptive: None,
    };
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz: Some(quiz),
    };
    let dir = tempfile::tempdir().unwrap();
    let now = at("2026-12-01T14:05:30[UTC]");
    let text = Some(bundled.text.to_string());
    let first = keep_in(dir.path(), now.clone(), &input, "healthcare", text.clone()).unwrap();
    let second = keep_in(dir.path(), now, &input, "healthcare", text).unwrap();
    assert_eq!(first.id, "2026-12-01-1405");
    assert_eq!(second.id, "2026-12-01-1405-2");
    assert!(second.page.as_ref().unwrap().is_file());
    let record = store::load(&first.record).unwrap();
    assert_eq!(record.when, "2026-12-01T14:05:30Z");
    // Asked and not answered: skipped; never asked: not.
    assert_eq!(record.skipped, [bank.questions[1].id.clone()]);
    assert_eq!(record.quiz.seed, Some(7));
    let listing = list_in(dir.path()).unwrap();
    assert_eq!(listing.entries.len(), 2);
    assert!(listing.warnings.is_empty(), "{:?}", listing.warnings);
    // The newest of two in the same minute is the later id.
    assert_eq!(listing.entries[0].id, second.id);
    for format in [Format::Text, Format::Json, Format::Markdown, Format::Html] {
        let mut direct = Vec::new();
        format.report(false).write(&input, &mut direct).unwrap();
        let (_, shown) = show_in(dir.path(), &first.id, format).unwrap();
        let mut again = Vec::new();
        shown.write(false, &mut again).unwrap();
        assert_eq!(
            String::from_utf8(again).unwrap(),
            String::from_utf8(direct).unwrap(),
            "{format:?}"
        );
    }
}

#[test]
fn an_unknown_id_says_what_exists() {
    let err = HistoryError::Unknown {
        id: "nope".into(),
        known: (1..=7).map(|i| format!("2026-12-0{i}-1000")).collect(),
    };
    let text = err.to_string();
    assert!(text.contains("2026-12-01-1000, "), "{text}");
    assert!(text.contains("and 2 more"), "{text}");
    assert_eq!(err.exit(), crate::exit::Exit::NoInput);
}

#[test]
fn a_kept_adaptive_result_changes_only_the_answers_it_asked_for() {
    let bundled = find("healthcare").unwrap();
    let bank = bundled.load().unwrap();
    let mut answers = crate::answers::AnswerSet::new(&bank);
    answers.set(0, Some(Answer::Scale(5.0)));
    // Only the first question was asked: what would change the result may
    // not answer the others.
    let assessment = crate::engine::score_asked(&bank, &answers, &[0]).unwrap();
    let unrestricted = crate::engine::score(&bank, &answers).unwrap();
    assert_ne!(
        format!("{:?}", assessment.what_if),
        format!("{:?}", unrestricted.what_if),
        "the example must tell the two apart"
    );
    let input = ReportInput {
        bank: &bank,
        answers: &answers,
        assessment: &assessment,
        quiz: Some(QuizRun {
            seed: Some(7),
            order: vec![bank.questions[0].id.clone()],
            adaptive: Some(crate::report::AdaptiveRun {
                asked: 1,
                settled_after: None,
                cut_after: None,
            }),
        }),
    };
    let dir = tempfile::tempdir().unwrap();
    let now = at("2026-12-01T14:05:30[UTC]");
    let kept = keep_in(
        dir.path(),
        now,
        &input,
        "healthcare",
        Some(bundled.text.to_string()),
    )
    .unwrap();
    for format in [Format::Text, Format::Markdown] {
        let mut direct = Vec::new();
        format.report(false).write(&input, &mut direct).unwrap();
        let (_, shown) = show_in(dir.path(), &kept.id, format).unwrap();
        let mut again = Vec::new();
        shown.write(false, &mut again).unwrap();
        assert_eq!(
            String::from_utf8(again).unwrap(),
            String::from_utf8(direct).unwrap(),
            "{format:?}"
        );
    }
}
