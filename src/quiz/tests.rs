//! The quiz flow driven by scripted answers: going back, skipping, quitting
//! and resuming must all end in the same answers (and so the same
//! assessment) as answering straight through.

use super::scripted::Shown;
use super::*;
use crate::bank::{self, QuestionKind, bundled};
use crate::engine::score;
use crate::input::source::SourceFile;

/// One question of each kind, in bank order: likert, choice, multi, number,
/// likert.
const BANK: &str = r#"
id: t
title: Test
version: 1
dimensions:
  - { id: x, name: X, low: lo, high: hi }
  - { id: y, name: Y, low: lo, high: hi }
roles:
  - { id: r1, name: R1, summary: s, profile: { x: 1, y: 0 } }
  - { id: r2, name: R2, summary: s, profile: { x: 0, y: 1 } }
questions:
  - { id: l1, kind: likert, text: t, dimension: x }
  - id: c
    kind: choice
    text: t
    options:
      - { id: a, text: a, scores: { x: 2, y: 0 } }
      - { id: b, text: b, scores: { x: 0, y: 2 } }
  - id: m
    kind: multi
    text: t
    options:
      - { id: p, text: p, scores: { y: 1 } }
      - { id: q, text: q, scores: { y: -1 } }
      - { id: r, text: r, scores: { x: 1 } }
  - { id: n, kind: number, text: t, dimension: y, min: 0, max: 10 }
  - { id: l2, kind: likert, text: t, dimension: y, keyed: minus }
"#;

fn small() -> Bank {
    bank::load(SourceFile::new("t.yaml", BANK)).unwrap_or_else(|e| panic!("{e}"))
}

fn healthcare() -> Bank {
    bundled::find("healthcare").unwrap().load().unwrap()
}

/// A valid answer to `question` that varies with `i`.
fn answer_for(question: &Question, i: usize) -> Answer {
    match &question.kind {
        QuestionKind::Likert { scale, .. } => {
            Answer::Scale(scale.points[i % scale.points.len()].value)
        }
        QuestionKind::Choice { options } => Answer::Choice(i % options.len()),
        QuestionKind::Multi { options } => Answer::Multi(
            (0..options.len())
                .filter(|o| (o + i).is_multiple_of(2))
                .collect(),
        ),
        QuestionKind::Number { min, max, .. } => {
            Answer::Number(min + (max - min) * (i % 4) as f64 / 3.0)
        }
    }
}

/// Every question answered with [`answer_for`] (by bank index).
fn full_answers(bank: &Bank) -> AnswerSet {
    let mut set = AnswerSet::new(bank);
    for (q, question) in bank.questions.iter().enumerate() {
        set.set(q, Some(answer_for(question, q)));
    }
    set
}

/// The steps that give `answers` when asked in `order`.
fn script(order: &Order, answers: &AnswerSet) -> Vec<Step> {
    order
        .questions
        .iter()
        .map(|&q| answers.get(q).cloned().map_or(Step::Skip, Step::Answer))
        .collect()
}

fn run(quiz: &mut Quiz<'_>, steps: Vec<Step>) -> (Result<Outcome, PromptError>, ScriptedPrompter) {
    let mut prompter = ScriptedPrompter::new(steps);
    let outcome = quiz.run(&mut prompter);
    (outcome, prompter)
}

fn finished(outcome: Result<Outcome, PromptError>) -> AnswerSet {
    match outcome {
        Ok(Outcome::Finished(set)) => set,
        other => panic!("expected Finished, got {other:?}"),
    }
}

fn scale(v: f64) -> Step {
    Step::Answer(Answer::Scale(v))
}

#[test]
fn a_full_run_in_bank_order_scores_like_the_same_answers_given_directly() {
    let bank = healthcare();
    let direct = full_answers(&bank);
    let mut quiz = Quiz::new(&bank, None);
    let steps = script(quiz.order(), &direct);
    let (outcome, prompter) = run(&mut quiz, steps);
    let got = finished(outcome);

    assert_eq!(got, direct);
    assert_eq!(score(&bank, &got), score(&bank, &direct));
    assert!(score(&bank, &got).is_ok());
    let total = bank.questions.len();
    let ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(prompter.asked(), ids);
    for (i, shown) in prompter.shown().iter().enumerate() {
        assert_eq!((shown.position, shown.total), (i + 1, total));
        assert_eq!(shown.previous, None);
    }
    assert_eq!(prompter.remaining(), 0);
    assert!(quiz.is_finished());
    assert_eq!(quiz.position(), total);
    assert_eq!(quiz.skipped().count(), 0);
}

#[test]
fn a_seeded_run_asks_in_the_seeded_order_and_scores_the_same() {
    let bank = healthcare();
    let direct = full_answers(&bank);
    let mut quiz = Quiz::new(&bank, Some(2024));
    assert_eq!(quiz.seed(), Some(2024));
    assert_ne!(quiz.order().questions, Order::identity(&bank).questions);
    let steps = script(quiz.order(), &direct);
    let (outcome, prompter) = run(&mut quiz, steps);
    assert_eq!(finished(outcome), direct);
    let expected: Vec<&str> = quiz
        .order()
        .questions
        .iter()
        .map(|&q| bank.questions[q].id.as_str())
        .collect();
    assert_eq!(prompter.asked(), expected);
    for (shown, &q) in prompter.shown().iter().zip(&quiz.order().questions) {
        assert_eq!(shown.options, quiz.order().options[q]);
    }
}

#[test]
fn the_same_seed_shows_the_same_prompts() {
    let bank = healthcare();
    let direct = full_answers(&bank);
    let prompts = |seed| {
        let mut quiz = Quiz::new(&bank, Some(seed));
        let steps = script(quiz.order(), &direct);
        let (outcome, prompter) = run(&mut quiz, steps);
        assert_eq!(finished(outcome), direct);
        prompter.shown().to_vec()
    };
    assert_eq!(prompts(7), prompts(7));
    assert_ne!(prompts(7), prompts(8));
}

#[test]
fn going_back_shows_the_earlier_answer_and_answering_again_replaces_it() {
    let bank = small();
    let mut quiz = Quiz::new(&bank, None);
    let steps = vec![
        scale(2.0),                              // l1
        Step::Answer(Answer::Choice(0)),         // c
        Step::Back,                              // at m: back to c
        Step::Back,                              // at c: back to l1
        scale(2.0),                              // l1 again, same answer
        Step::Answer(Answer::Choice(1)),         // c: changed
        Step::Answer(Answer::Multi(vec![2, 0])), // m, in display order
        Step::Answer(Answer::Number(4.0)),       // n
        Step::Back,                              // at l2: back to n
        Step::Answer(Answer::Number(4.0)),       // n kept as it was
        scale(5.0),                              // l2
    ];
    let (outcome, prompter) = run(&mut quiz, steps);
    let got = finished(outcome);

    assert_eq!(
        prompter.asked(),
        ["l1", "c", "m", "c", "l1", "c", "m", "n", "l2", "n", "l2"]
    );
    let previous: Vec<Option<Answer>> = prompter
        .shown()
        .iter()
        .map(|s| s.previous.clone())
        .collect();
    assert_eq!(
        previous,
        [
            None,
            None,
            None,
            Some(Answer::Choice(0)),
            Some(Answer::Scale(2.0)),
            Some(Answer::Choice(0)),
            None,
            None,
            None,
            Some(Answer::Number(4.0)),
            None,
        ]
    );
    let positions: Vec<usize> = prompter.shown().iter().map(|s| s.position).collect();
    assert_eq!(positions, [1, 2, 3, 2, 1, 2, 3, 4, 5, 4, 5]);

    let mut expected = AnswerSet::new(&bank);
    expected.set(0, Some(Answer::Scale(2.0)));
    expected.set(1, Some(Answer::Choice(1)));
    expected.set(2, Some(Answer::Multi(vec![0, 2])));
    expected.set(3, Some(Answer::Number(4.0)));
    expected.set(4, Some(Answer::Scale(5.0)));
    assert_eq!(got, expected);
}

#[test]
fn back_on_the_first_question_asks_it_again() {
    let bank = small();
    let mut quiz = Quiz::new(&bank, None);
    let mut steps = vec![Step::Back, Step::Back, scale(3.0), Step::Back, Step::Back];
    steps.extend([scale(4.0), Step::Skip, Step::Skip, Step::Skip, Step::Skip]);
    let (outcome, prompter) = run(&mut quiz, steps);
    let got = finished(outcome);

    let shown: Vec<(&str, usize, Option<Answer>)> = prompter
        .shown()
        .iter()
        .take(6)
        .map(|s| (s.question.as_str(), s.position, s.previous.clone()))
        .collect();
    assert_eq!(
        shown,
        [
            ("l1", 1, None),
            ("l1", 1, None),
            ("l1", 1, None),
            ("c", 2, None),
            ("l1", 1, Some(Answer::Scale(3.0))),
            ("l1", 1, Some(Answer::Scale(3.0))),
        ]
    );
    assert_eq!(got.get(0), Some(&Answer::Scale(4.0)));
    assert_eq!(got.answered(), 1);
}

#[test]
fn skipping_leaves_no_answer_and_counts_as_skipped() {
    let bank = small();
    let mut quiz = Quiz::new(&bank, None);
    let steps = vec![
        scale(4.0),
        Step::Answer(Answer::Choice(1)),
        Step::Skip, // m
        Step::Back, // at n: back to m
        Step::Back, // back to c
        Step::Skip, // c: clears its answer
        Step::Answer(Answer::Multi(vec![])),
        Step::Skip, // n
        scale(1.0),
    ];
    let (outcome, prompter) = run(&mut quiz, steps);
    let got = finished(outcome);

    // A skipped question comes back with nothing pre-selected.
    assert_eq!(prompter.shown()[4].question, "m");
    assert_eq!(prompter.shown()[4].previous, None);
    assert_eq!(got.get(1), None, "skipping c after answering it clears it");
    assert_eq!(got.get(2), Some(&Answer::Multi(vec![])));
    assert_eq!(got.get(3), None);
    assert_eq!(quiz.skipped().collect::<Vec<_>>(), [1, 3]);
    assert!(quiz.is_skipped(1) && !quiz.is_skipped(2));
    let assessment = score(&bank, &got).unwrap();
    assert_eq!((assessment.answered, assessment.skipped), (3, 2));
}

#[test]
fn quitting_then_resuming_ends_like_an_uninterrupted_run() {
    let bank = healthcare();
    let seed = Some(99);
    let mut direct = full_answers(&bank);
    let order = question_order(&bank, seed);
    // The student skips the question shown third.
    let skipped_q = order.questions[2];
    direct.set(skipped_q, None);
    let steps = script(&order, &direct);

    let mut whole = Quiz::new(&bank, seed);
    let (outcome, _) = run(&mut whole, steps.clone());
    let uninterrupted = finished(outcome);
    assert_eq!(uninterrupted, direct);

    // Answer five, go back once, then interrupt on the fifth question.
    let mut first = Quiz::new(&bank, seed);
    let mut part: Vec<Step> = steps[..5].to_vec();
    part.extend([Step::Back, Step::Quit]);
    let (outcome, prompter) = run(&mut first, part);
    assert_eq!(outcome.unwrap(), Outcome::Stopped { at: 4 });
    assert_eq!(prompter.shown().last().unwrap().position, 5);
    assert_eq!(first.answers().answered(), 4, "five shown, one skipped");
    assert_eq!(first.skipped().collect::<Vec<_>>(), [skipped_q]);

    let saved = first.answers().clone();
    let saved_skips: Vec<usize> = first.skipped().collect();
    let mut second = Quiz::resume(&bank, seed, saved, saved_skips);
    assert_eq!(second.position(), 5);
    assert_eq!(second.order(), first.order());
    let (outcome, prompter) = run(&mut second, steps[5..].to_vec());
    assert_eq!(
        prompter.shown()[0].question,
        bank.questions[order.questions[5]].id
    );
    assert_eq!(prompter.shown()[0].position, 6);
    let resumed = finished(outcome);
    assert_eq!(resumed, uninterrupted);
    assert_eq!(score(&bank, &resumed), score(&bank, &uninterrupted));
    assert_eq!(second.skipped().collect::<Vec<_>>(), [skipped_q]);
}

#[test]
fn resume_starts_at_the_first_question_neither_answered_nor_skipped() {
    let bank = small();
    let mut answers = AnswerSet::new(&bank);
    answers.set(0, Some(Answer::Scale(1.0)));
    answers.set(3, Some(Answer::Number(2.0)));
    // c skipped, m open, and a skip index past the end is ignored.
    let quiz = Quiz::resume(&bank, None, answers.clone(), [1, 99]);
    assert_eq!(quiz.position(), 2);
    assert!(quiz.is_skipped(1));

    // An answered question listed as skipped keeps its answer.
    let quiz = Quiz::resume(&bank, None, answers.clone(), [0]);
    assert_eq!(quiz.position(), 1);
    assert!(!quiz.is_skipped(0));
    assert_eq!(quiz.answers(), &answers);

    // Going back from the resume point shows what was saved.
    let mut quiz = Quiz::resume(&bank, None, answers, [1]);
    let (result, prompter) = run(&mut quiz, vec![Step::Back, Step::Back, Step::Quit]);
    assert_eq!(result.unwrap(), Outcome::Stopped { at: 0 });
    assert_eq!(prompter.asked(), ["m", "c", "l1"]);
    assert_eq!(prompter.shown()[2].previous, Some(Answer::Scale(1.0)));
}

#[test]
fn resuming_a_complete_quiz_finishes_without_asking() {
    let bank = small();
    let answers = full_answers(&bank);
    let mut quiz = Quiz::resume(&bank, Some(3), answers.clone(), []);
    assert!(quiz.is_finished());
    let (outcome, prompter) = run(&mut quiz, vec![]);
    assert_eq!(finished(outcome), answers);
    assert!(prompter.shown().is_empty());
}

#[test]
fn quitting_on_the_first_question_keeps_nothing_and_stops_at_0() {
    let bank = small();
    let mut quiz = Quiz::new(&bank, None);
    let (outcome, _) = run(&mut quiz, vec![Step::Quit]);
    assert_eq!(outcome.unwrap(), Outcome::Stopped { at: 0 });
    assert_eq!(quiz.answers().answered(), 0);
}

#[test]
fn answers_that_do_not_fit_are_errors_not_panics() {
    let bank = small();
    // (questions to answer first, the bad answer)
    let bad: Vec<(usize, Answer)> = vec![
        (0, Answer::Scale(6.0)),
        (0, Answer::Scale(f64::NAN)),
        (0, Answer::Choice(0)),
        (1, Answer::Choice(2)),
        (1, Answer::Choice(usize::MAX)),
        (1, Answer::Multi(vec![0])),
        (2, Answer::Multi(vec![3])),
        (2, Answer::Multi(vec![1, 0, 1])),
        (2, Answer::Scale(1.0)),
        (3, Answer::Number(10.5)),
        (3, Answer::Number(-1.0)),
        (3, Answer::Number(f64::INFINITY)),
        (3, Answer::Number(f64::NAN)),
        (3, Answer::Choice(0)),
    ];
    let good = full_answers(&bank);
    for (at, answer) in bad {
        let mut steps: Vec<Step> = (0..at)
            .map(|q| Step::Answer(good.get(q).unwrap().clone()))
            .collect();
        steps.push(Step::Answer(answer.clone()));
        let mut quiz = Quiz::new(&bank, None);
        let (outcome, _) = run(&mut quiz, steps);
        match outcome {
            Err(PromptError::InvalidAnswer { question, message }) => {
                assert_eq!(question, bank.questions[at].id, "{answer:?}");
                assert!(!message.is_empty());
            }
            other => panic!("{answer:?} was not refused: {other:?}"),
        }
        // Nothing of the bad answer was kept; the quiz can go on.
        assert_eq!(quiz.position(), at, "{answer:?}");
        assert_eq!(quiz.answers().answered(), at, "{answer:?}");
        assert_eq!(quiz.answers().get(at), None);
    }
}

#[test]
fn the_refusal_messages_say_what_was_wrong() {
    let bank = small();
    let q = |i: usize| &bank.questions[i];
    assert_eq!(
        Answer::Scale(6.0).check(q(0)).unwrap_err(),
        "6 is not a point on its scale"
    );
    assert_eq!(
        Answer::Choice(2).check(q(1)).unwrap_err(),
        "there is no option 2: the question has 2 options, numbered from 0"
    );
    assert_eq!(
        Answer::Multi(vec![2, 2]).check(q(2)).unwrap_err(),
        "option 2 is chosen twice"
    );
    assert_eq!(
        Answer::Number(11.0).check(q(3)).unwrap_err(),
        "11 is not a number from 0 to 10"
    );
    assert_eq!(
        Answer::Scale(1.0).check(q(3)).unwrap_err(),
        "a likert answer was given to a number question"
    );
    assert_eq!(
        Answer::Multi(vec![2, 0]).check(q(2)),
        Ok(Answer::Multi(vec![0, 2]))
    );
}

#[test]
fn an_error_leaves_the_quiz_ready_to_continue() {
    let bank = small();
    let mut quiz = Quiz::new(&bank, None);
    let (outcome, prompter) = run(&mut quiz, vec![scale(2.0), Step::Answer(Answer::Choice(1))]);
    match outcome {
        Err(PromptError::ScriptEnded { question }) => assert_eq!(question, "m"),
        other => panic!("expected ScriptEnded, got {other:?}"),
    }
    assert_eq!(
        prompter.shown().len(),
        3,
        "the unanswered prompt is recorded"
    );
    assert_eq!(quiz.position(), 2);
    let (outcome, _) = run(&mut quiz, vec![Step::Skip, Step::Skip, Step::Skip]);
    let got = finished(outcome);
    assert_eq!(got.answered(), 2);
}

#[test]
fn the_scripted_prompter_records_what_it_was_shown() {
    let bank = small();
    let mut quiz = Quiz::new(&bank, Some(1));
    let (outcome, prompter) = run(&mut quiz, vec![Step::Quit]);
    assert!(matches!(outcome, Ok(Outcome::Stopped { at: 0 })));
    let q = quiz.order().questions[0];
    assert_eq!(
        prompter.shown(),
        [Shown {
            question: bank.questions[q].id.clone(),
            position: 1,
            total: 5,
            options: quiz.order().options[q].clone(),
            previous: None,
        }]
    );
}

/// The healthcare example of a student who leans clinical all the way.
fn clinician(bank: &Bank) -> AnswerSet {
    let file = SourceFile::read(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/clinician.yaml"
    )))
    .unwrap();
    crate::answers::file::read(file, bank).unwrap()
}

/// What `score --adaptive --seed` would ask of `full`.
fn replayed(bank: &Bank, seed: Option<u64>, full: &AnswerSet) -> crate::engine::adaptive::Replay {
    let order = question_order(bank, seed).questions;
    let chooser = crate::engine::adaptive::Adaptive::new(bank, &order);
    crate::engine::adaptive::replay(&chooser, full)
}

fn steps_for(questions: &[usize], answers: &AnswerSet) -> Vec<Step> {
    questions
        .iter()
        .map(|&q| answers.get(q).cloned().map_or(Step::Skip, Step::Answer))
        .collect()
}

#[test]
fn an_adaptive_quiz_asks_what_the_replay_asks_and_offers_to_stop_when_settled() {
    let bank = healthcare();
    let full = clinician(&bank);
    let replay = replayed(&bank, Some(7), &full);
    let mut quiz = Quiz::adaptive(&bank, Some(7));
    let (outcome, prompter) = run(&mut quiz, steps_for(&replay.asked, &full));
    let got = finished(outcome);
    let asked: Vec<usize> = prompter
        .asked()
        .iter()
        .map(|id| bank.question_index(id).unwrap())
        .collect();
    assert_eq!(asked, replay.asked);
    assert!(asked.len() < bank.questions.len() / 2, "{}", asked.len());
    assert_eq!(prompter.settled_at(), [asked.len()]);
    assert_eq!(got, replay.answers);
    assert_eq!(quiz.sequence(), replay.asked.as_slice());
    assert_eq!(quiz.settled_after(), Some(asked.len()));
    assert!(quiz.is_finished());
    let total = bank.questions.len();
    for (i, shown) in prompter.shown().iter().enumerate() {
        assert_eq!((shown.position, shown.total), (i + 1, total));
    }
    assert_eq!(
        score(&bank, &got).unwrap().recommendation.role,
        score(&bank, &full).unwrap().recommendation.role
    );
}

/// Answers each question as a full answer set does (a skip where it has
/// none) and the settled notices as its inner scripted prompter says.
struct FromAnswers<'a> {
    bank: &'a Bank,
    full: &'a AnswerSet,
    inner: ScriptedPrompter,
    asked: Vec<usize>,
}

impl Prompter for FromAnswers<'_> {
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Step, PromptError> {
        let q = self.bank.question_index(&prompt.question.id).unwrap();
        self.asked.push(q);
        Ok(self.full.get(q).cloned().map_or(Step::Skip, Step::Answer))
    }

    fn settled(&mut self, notice: &Settled<'_>) -> Result<AfterSettled, PromptError> {
        self.inner.settled(notice)
    }
}

#[test]
fn keeping_on_after_the_result_is_settled_asks_every_other_question() {
    let bank = healthcare();
    let full = clinician(&bank);
    let settled_at = replayed(&bank, None, &full).asked.len();
    let mut quiz = Quiz::adaptive(&bank, None);
    let mut prompter = FromAnswers {
        bank: &bank,
        full: &full,
        inner: ScriptedPrompter::new(Vec::new()).when_settled(vec![AfterSettled::KeepAnswering]),
        asked: Vec::new(),
    };
    let got = finished(quiz.run(&mut prompter));
    assert_eq!(got, full);
    assert_eq!(prompter.inner.settled_at(), [settled_at]);
    assert_eq!(prompter.asked.len(), bank.questions.len());
    assert_eq!(quiz.sequence(), prompter.asked.as_slice());
    assert!(quiz.keeps_going());
    // The result was settled long before the end, and stayed so.
    assert_eq!(quiz.settled_after(), Some(settled_at));
}

#[test]
fn back_from_the_settled_notice_asks_the_last_question_again() {
    let bank = healthcare();
    let full = clinician(&bank);
    let replay = replayed(&bank, None, &full);
    let last = *replay.asked.last().unwrap();
    let mut quiz = Quiz::adaptive(&bank, None);
    let mut prompter = FromAnswers {
        bank: &bank,
        full: &full,
        inner: ScriptedPrompter::new(Vec::new()).when_settled(vec![AfterSettled::Back]),
        asked: Vec::new(),
    };
    let got = finished(quiz.run(&mut prompter));
    assert_eq!(got, replay.answers);
    let mut expected = replay.asked.clone();
    expected.push(last);
    assert_eq!(prompter.asked, expected);
    assert_eq!(prompter.inner.settled_at(), [replay.asked.len(); 2]);
}

#[test]
fn an_adaptive_quiz_stopped_and_resumed_ends_like_an_uninterrupted_one() {
    let bank = healthcare();
    let full = clinician(&bank);
    let replay = replayed(&bank, Some(3), &full);
    // Answer four, skip one, then quit.
    let mut steps = steps_for(&replay.asked[..4], &full);
    steps.push(Step::Skip);
    steps.push(Step::Quit);
    let mut quiz = Quiz::adaptive(&bank, Some(3));
    let (outcome, _) = run(&mut quiz, steps);
    assert_eq!(outcome.unwrap(), Outcome::Stopped { at: 5 });
    let session = super::session::Session::of(&quiz, "healthcare");
    let text = serde_json::to_string(&session).unwrap();
    let session: super::session::Session = serde_json::from_str(&text).unwrap();
    let mut resumed = session
        .restore(&bank, std::path::Path::new("s.json"))
        .unwrap();
    assert!(resumed.is_adaptive());
    // The question showing when the student quit is asked first again.
    assert_eq!(&resumed.sequence()[..5], &replay.asked[..5]);
    assert_eq!(resumed.sequence().len(), 6);
    assert_eq!(resumed.position(), 5);
    assert!(resumed.is_skipped(replay.asked[4]));
    let mut prompter = FromAnswers {
        bank: &bank,
        full: &full,
        inner: ScriptedPrompter::new(Vec::new()),
        asked: Vec::new(),
    };
    let got = finished(resumed.run(&mut prompter));
    // The skip changed what came next, so compare with a fresh run that
    // skips the same question.
    let mut skipped_full = full.clone();
    skipped_full.set(replay.asked[4], None);
    let mut fresh = Quiz::adaptive(&bank, Some(3));
    let mut again = FromAnswers {
        bank: &bank,
        full: &skipped_full,
        inner: ScriptedPrompter::new(Vec::new()),
        asked: Vec::new(),
    };
    let expected = finished(fresh.run(&mut again));
    assert_eq!(got, expected);
    assert_eq!(resumed.sequence(), fresh.sequence());
}
