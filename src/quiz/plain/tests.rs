//! The plain prompter on typed lines: every kind of question, what is not
//! an answer, going back, skipping, stopping and the input ending.

use std::io::Cursor;

use super::*;
use crate::answers::Answer;
use crate::bank::Bank;
use crate::bank::bundled::BankSpec;
use crate::quiz::{Outcome, Quiz};

fn bank() -> Bank {
    BankSpec::parse(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/quiz.yaml"
    ))
    .load()
    .unwrap()
}

/// Runs the six-question quiz in bank order on `lines`: how it ended, the
/// answers, and everything written.
fn run(lines: &str) -> (Result<Outcome, PromptError>, Vec<Option<Answer>>, String) {
    let bank = bank();
    let mut quiz = Quiz::new(&bank, None);
    let mut out = Vec::new();
    let outcome = {
        let mut prompter = PlainPrompter::new(Cursor::new(lines.as_bytes().to_vec()), &mut out);
        quiz.run(&mut prompter)
    };
    let answers = (0..bank.questions.len())
        .map(|q| quiz.answers().get(q).cloned())
        .collect();
    (outcome, answers, String::from_utf8(out).unwrap())
}

#[test]
fn every_kind_of_question_takes_its_numbers_and_says_the_answer_in_words() {
    let (outcome, answers, out) = run("4\n2\n5\n2\n1, 3\n6\n");
    assert!(matches!(outcome, Ok(Outcome::Finished(_))), "{outcome:?}");
    assert_eq!(answers[0], Some(Answer::Scale(4.0)));
    assert_eq!(answers[1], Some(Answer::Scale(2.0)));
    assert_eq!(answers[3], Some(Answer::Choice(1)));
    assert_eq!(answers[4], Some(Answer::Multi(vec![0, 2])));
    assert_eq!(answers[5], Some(Answer::Number(6.0)));
    assert!(
        out.contains("Question 1 of 6.\nI like fixing broken things.\n  1. "),
        "{out}"
    );
    // The help comes before what may be typed.
    assert!(
        out.contains("Bikes and phones count.\nType a number from 1 to 5"),
        "{out}"
    );
    assert!(out.contains("You chose: Agree."), "{out}");
    assert!(out.contains("You chose: Serving in a busy cafe."), "{out}");
    assert!(
        out.contains("You chose: Robotics club; Repair cafe."),
        "{out}"
    );
    assert!(out.contains("Type a number from 0 to 8 hours,"), "{out}");
    assert!(!out.contains('\u{1b}'), "no escape sequence: {out:?}");
}

#[test]
fn what_is_not_an_answer_is_explained_and_the_question_asked_again() {
    let (outcome, answers, out) = run("9\nabc\n3\n\n\n7\n2\n0\n99\n8\n");
    assert!(matches!(outcome, Ok(Outcome::Finished(_))), "{outcome:?}");
    assert!(
        out.contains("“9” is not one of the numbers 1 to 5. Type a number from 1 to 5"),
        "{out}"
    );
    assert!(
        out.contains("“abc” is not one of the numbers 1 to 5."),
        "{out}"
    );
    assert_eq!(answers[0], Some(Answer::Scale(3.0)));
    // Empty lines skip.
    assert_eq!(answers[1], None);
    assert_eq!(answers[2], None);
    assert!(
        out.contains("“7” is not one of the numbers 1 to 2."),
        "{out}"
    );
    assert_eq!(answers[3], Some(Answer::Choice(1)));
    assert_eq!(answers[4], Some(Answer::Multi(vec![])));
    assert!(out.contains("You chose: none of these."), "{out}");
    assert!(out.contains("“99” is not a number from 0 to 8."), "{out}");
    assert_eq!(answers[5], Some(Answer::Number(8.0)));
}

#[test]
fn back_skip_and_quit_do_what_they_say() {
    let (outcome, answers, out) = run("b\n4\nb\n5\ns\nq\n");
    assert_eq!(outcome.unwrap(), Outcome::Stopped { at: 2 });
    assert!(out.contains("This is the first question."), "{out}");
    assert!(out.contains("Going back to the question before."), "{out}");
    // Going back shows the earlier answer, and a new one replaces it.
    assert!(out.contains("Your earlier answer: Agree."), "{out}");
    assert_eq!(answers[0], Some(Answer::Scale(5.0)));
    assert_eq!(answers[1], None);
}

#[test]
fn the_end_of_the_input_stops_the_quiz_at_once() {
    let (outcome, answers, _) = run("4\n");
    assert!(
        matches!(outcome, Err(PromptError::InputEnded)),
        "{outcome:?}"
    );
    assert_eq!(answers[0], Some(Answer::Scale(4.0)));
}

#[test]
fn a_line_too_long_is_read_past_and_explained() {
    let long = "1".repeat(LINE_LIMIT as usize * 3);
    let mut input = Cursor::new(format!("{long}\n2\n").into_bytes());
    assert_eq!(read_line(&mut input).unwrap(), Line::TooLong);
    assert_eq!(read_line(&mut input).unwrap(), Line::Text("2".into()));
    assert_eq!(read_line(&mut input).unwrap(), Line::Ended);
    let (_, answers, out) = run(&format!("{long}\n4\n"));
    assert!(
        out.contains("That line is too long to be an answer."),
        "{out}"
    );
    assert_eq!(answers[0], Some(Answer::Scale(4.0)));
}

#[test]
fn bank_text_is_shown_escaped() {
    let mut bank = bank();
    bank.questions[0].text = "Tools\u{1b}[2J or people?".into();
    let mut quiz = Quiz::new(&bank, None);
    let mut out = Vec::new();
    let mut prompter = PlainPrompter::new(Cursor::new(b"q\n".to_vec()), &mut out);
    let _ = quiz.run(&mut prompter);
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Tools\\u{1b}[2J or people?"), "{out}");
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn a_question_before_the_quiz_takes_a_number_or_stops() {
    let ask = |lines: &str| {
        let mut out = Vec::new();
        let chosen = choose(
            &mut Cursor::new(lines.as_bytes().to_vec()),
            &mut out,
            "Carry on?",
            &["Carry on", "Start again"],
            None,
        );
        (chosen, String::from_utf8(out).unwrap())
    };
    let (chosen, out) = ask("3\n2\n");
    assert_eq!(chosen, Some(1));
    assert!(
        out.starts_with("Carry on?\n  1. Carry on\n  2. Start again\n"),
        "{out}"
    );
    assert!(out.contains("Type a number from 1 to 2."), "{out}");
    assert_eq!(ask("q\n").0, None);
    assert_eq!(ask("").0, None);
}

#[test]
fn at_a_terminal_the_answer_is_typed_after_a_marker() {
    let bank = bank();
    let mut quiz = Quiz::new(&bank, None);
    let mut out = Vec::new();
    let mut prompter = PlainPrompter::new(Cursor::new(b"q\n".to_vec()), &mut out).with_marker(true);
    let _ = quiz.run(&mut prompter);
    let out = String::from_utf8(out).unwrap();
    assert!(out.ends_with("q to stop and save.\n> "), "{out:?}");
}

#[test]
fn lines_for_a_terminal_are_wrapped_at_spaces_with_entries_hanging() {
    let text = "A question that is long enough to need two lines here.\n  12. An answer that is long too\nType a number.";
    let filled = fill(text, Some(24));
    assert_eq!(
        filled,
        "A question that is long\nenough to need two lines\nhere.\n  12. An answer that is\n      long too\nType a number."
    );
    assert_eq!(fill(text, None), text, "a pipe gets the lines as they are");
}
