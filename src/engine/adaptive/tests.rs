use super::*;
use crate::answers::{Answer, AnswerSet, candidates};
use crate::bank::{self, Bank, bundled};
use crate::engine::Scorer;
use crate::input::source::SourceFile;

/// Two roles far apart on `a`, level on `b`; `strong` weighs three times as
/// much as the other `a` questions.
const TWO: &str = r#"
id: two
title: Two
version: 1
min_per_dimension: 1
dimensions:
  - { id: a, name: A, low: l, high: h }
  - { id: b, name: B, low: l, high: h }
roles:
  - { id: high, name: High, summary: s, profile: { a: 0.9, b: 0.5 } }
  - { id: low, name: Low, summary: s, profile: { a: 0.1, b: 0.5 } }
questions:
  - { id: same, kind: likert, text: Same., dimension: b }
  - { id: weak1, kind: likert, text: Weak one., dimension: a }
  - { id: strong, kind: likert, text: Strong., dimension: a, weight: 3 }
  - { id: weak2, kind: likert, text: Weak two., dimension: a, keyed: minus }
  - { id: weak3, kind: likert, text: Weak three., dimension: a }
"#;

fn load(text: &str) -> Bank {
    bank::load(SourceFile::new("t.yaml", text)).unwrap()
}

fn answers_of(bank: &Bank, given: &[(usize, Option<Answer>)]) -> AnswerSet {
    let mut answers = AnswerSet::new(bank);
    for (q, a) in given {
        answers.set(*q, a.clone());
    }
    answers
}

/// Every completion of the questions not in `asked`: each gets any of its
/// candidate answers or a skip.
fn completions(bank: &Bank, answers: &AnswerSet, asked: &[bool]) -> Vec<AnswerSet> {
    let mut all = vec![answers.clone()];
    for (q, question) in bank.questions.iter().enumerate() {
        if asked[q] {
            continue;
        }
        let options = candidates(&question.kind);
        all = all
            .into_iter()
            .flat_map(|base| {
                options.iter().map(move |option| {
                    let mut next = base.clone();
                    next.set(q, option.clone());
                    next
                })
            })
            .collect();
    }
    all
}

#[test]
fn least_gap_is_a_floor_under_every_completion_and_reached_on_one_dimension() {
    let bank = load(TWO);
    let scorer = Scorer::new(&bank);
    // Agreed strongly with weak1; the other `a` questions are open.
    let answers = answers_of(&bank, &[(1, Some(Answer::Scale(5.0)))]);
    let asked = [true, true, false, false, false];
    let tally = Tally::new(&scorer, &answers);
    let open = open_span(&scorer, (0..5).filter(|&q| !asked[q]));
    let bound = least_gap(&bank, &tally, &open, 0, 1);
    let actual: Vec<f64> = completions(&bank, &answers, &asked)
        .iter()
        .map(|c| Tally::new(&scorer, c).gap(&bank, 0, 1))
        .collect();
    let least = actual.iter().copied().fold(f64::INFINITY, f64::min);
    assert!(least >= bound - 1e-12, "{least} < {bound}");
    // One dimension, answers at the scale's ends: the bound is reached.
    assert!((least - bound).abs() < 1e-12, "{least} vs {bound}");
    // High leads now but the open questions can still turn it round.
    assert!(tally.gap(&bank, 0, 1) > 0.0 && bound < 0.0);
    assert_eq!(settled(&bank, &tally, &open), None);
}

#[test]
fn a_result_is_settled_once_the_open_questions_cannot_overturn_it() {
    let bank = load(TWO);
    let scorer = Scorer::new(&bank);
    // Strongly agreed with the heavy question and two light ones: weight 5
    // of 7 at the top; one light question is left.
    let answers = answers_of(
        &bank,
        &[
            (1, Some(Answer::Scale(5.0))),
            (2, Some(Answer::Scale(5.0))),
            (3, Some(Answer::Scale(1.0))),
        ],
    );
    let asked = [false, true, true, true, false];
    let tally = Tally::new(&scorer, &answers);
    let open = open_span(&scorer, [0, 4]);
    assert_eq!(settled(&bank, &tally, &open), Some(0));
    for completion in completions(&bank, &answers, &asked) {
        let result = crate::engine::score(&bank, &completion).unwrap();
        assert_eq!(result.recommendation.role, 0);
        assert!(!result.recommendation.tie);
    }
}

#[test]
fn nothing_answered_is_never_settled() {
    let bank = load(TWO);
    let scorer = Scorer::new(&bank);
    let tally = Tally::new(&scorer, &AnswerSet::new(&bank));
    assert_eq!(settled(&bank, &tally, &open_span(&scorer, 0..5)), None);
    // And with every question open but none able to move a thing: still no
    // leader, so not settled.
    assert_eq!(settled(&bank, &tally, &[0.0; 2]), None);
}

#[test]
fn the_next_question_is_the_one_that_can_swing_the_leaders_most() {
    let bank = load(TWO);
    let adaptive = Adaptive::new(&bank, &[0, 1, 2, 3, 4]);
    let scorer = Scorer::new(&bank);
    // With nothing answered, any one question on `a` decides its score
    // alone, whatever its weight: they tie, and `same` (on which the roles
    // agree) can move nothing. The first in the tie order wins.
    let none = AnswerSet::new(&bank);
    let tally = Tally::new(&scorer, &none);
    assert_eq!(adaptive.swing(&tally, 0, 0, 1), 0.0);
    assert!((adaptive.swing(&tally, 1, 0, 1) - adaptive.swing(&tally, 2, 0, 1)).abs() < 1e-12);
    assert_eq!(adaptive.next(&none, &[false; 5], false), Next::Ask(1));
    // Once `weak1` is answered, `strong` (three times the weight) can move
    // the score furthest.
    let one = answers_of(&bank, &[(1, Some(Answer::Scale(3.0)))]);
    let tally = Tally::new(&scorer, &one);
    assert!(adaptive.swing(&tally, 2, 0, 1) > 1.4 * adaptive.swing(&tally, 3, 0, 1));
    let asked = [false, true, false, false, false];
    assert_eq!(adaptive.next(&one, &asked, false), Next::Ask(2));
}

#[test]
fn equally_useful_questions_are_taken_in_the_seeded_order() {
    let bank = load(TWO);
    let strong_asked = answers_of(&bank, &[(2, Some(Answer::Scale(3.0)))]);
    let asked = [false, false, true, false, false];
    // weak1, weak2 and weak3 swing alike; the tie order decides.
    let first = Adaptive::new(&bank, &[0, 1, 2, 3, 4]).next(&strong_asked, &asked, false);
    let reversed = Adaptive::new(&bank, &[4, 3, 2, 1, 0]).next(&strong_asked, &asked, false);
    assert_eq!(first, Next::Ask(1));
    assert_eq!(reversed, Next::Ask(4));
}

#[test]
fn every_dimension_gets_its_share_before_the_quiz_stops() {
    let bank = load(TWO);
    let adaptive = Adaptive::new(&bank, &[0, 1, 2, 3, 4]);
    let answers = answers_of(
        &bank,
        &[
            (1, Some(Answer::Scale(5.0))),
            (2, Some(Answer::Scale(5.0))),
            (3, Some(Answer::Scale(1.0))),
        ],
    );
    let asked = [false, true, true, true, false];
    // Settled (see above), but `b` has no answer yet and min_per_dimension
    // is 1: `same`, the only question on `b`, comes next.
    assert_eq!(adaptive.next(&answers, &asked, false), Next::Ask(0));
    let mut answers = answers;
    answers.set(0, Some(Answer::Scale(2.0)));
    let asked = [true, true, true, true, false];
    assert_eq!(
        adaptive.next(&answers, &asked, false),
        Next::Settled { role: 0 }
    );
    // Going on anyway asks the last question; then nothing is left.
    assert_eq!(adaptive.next(&answers, &asked, true), Next::Ask(4));
    assert_eq!(adaptive.next(&answers, &[true; 5], true), Next::Done);
}

#[test]
fn a_skipped_dimension_counts_as_covered_once_nothing_is_left_on_it() {
    let bank = load(TWO);
    let adaptive = Adaptive::new(&bank, &[0, 1, 2, 3, 4]);
    // `same` was skipped: `b` can no longer be measured, so it does not hold
    // the quiz up.
    let answers = answers_of(
        &bank,
        &[
            (1, Some(Answer::Scale(5.0))),
            (2, Some(Answer::Scale(5.0))),
            (3, Some(Answer::Scale(1.0))),
        ],
    );
    let asked = [true, true, true, true, false];
    assert_eq!(
        adaptive.next(&answers, &asked, false),
        Next::Settled { role: 0 }
    );
}

#[test]
fn the_default_share_per_dimension_is_two() {
    let bank = load(&TWO.replace("min_per_dimension: 1\n", ""));
    assert_eq!(bank.min_per_dimension, DEFAULT_MIN_PER_DIMENSION);
    assert_eq!(DEFAULT_MIN_PER_DIMENSION, 2);
}

/// A healthcare respondent who agrees with everything clinical.
fn clinician_answers(bank: &Bank) -> AnswerSet {
    let file = SourceFile::read(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/clinician.yaml"
    )))
    .unwrap();
    crate::answers::file::read(file, bank).unwrap()
}

#[test]
fn replaying_a_one_sided_student_stops_early_with_the_same_result() {
    let bank = bundled::find("healthcare").unwrap().load().unwrap();
    let full = clinician_answers(&bank);
    let adaptive = Adaptive::new(&bank, &(0..bank.questions.len()).collect::<Vec<_>>());
    let replay = replay(&adaptive, &full);
    let settled_at = replay.settled_after.expect("a one-sided student settles");
    assert_eq!(settled_at, replay.asked.len());
    assert!(settled_at <= bank.questions.len() / 2, "{settled_at}");
    let early = crate::engine::score(&bank, &replay.answers).unwrap();
    let all = crate::engine::score(&bank, &full).unwrap();
    assert_eq!(early.recommendation.role, all.recommendation.role);
    assert_eq!(bank.roles[early.recommendation.role].id, "clinician");
    // Only asked questions carry answers, each as the file gave it.
    for q in 0..bank.questions.len() {
        if replay.asked.contains(&q) {
            assert_eq!(replay.answers.get(q), full.get(q));
        } else {
            assert_eq!(replay.answers.get(q), None);
        }
    }
    // Each dimension got its share.
    let tally = Tally::new(adaptive.scorer(), &replay.answers);
    assert!(tally.answered.iter().all(|&n| n >= bank.min_per_dimension));
    // Replaying the asked order settles at the same point.
    assert_eq!(
        settled_after(&adaptive, &full, &replay.asked),
        Some(settled_at)
    );
}

/// Every answer of `q` tried, as the swing of a question with few answers is.
fn swing_by_trying(adaptive: &Adaptive<'_>, tally: &Tally, q: usize, a: usize, b: usize) -> f64 {
    let bank = adaptive.bank();
    let gaps: Vec<f64> = crate::engine::space::Space::of(&bank.questions[q].kind)
        .iter()
        .map(|candidate| {
            let mut with = tally.clone();
            if let Some(answer) = candidate {
                with.add(adaptive.scorer(), q, &answer);
            }
            with.gap(bank, a, b)
        })
        .collect();
    gaps.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        - gaps.iter().copied().fold(f64::INFINITY, f64::min)
}

#[test]
fn a_swing_worked_out_equals_the_swing_found_by_trying_every_answer() {
    use crate::engine::hostile::{long_scale, many_multi, one_sided};
    let mut choice = String::from(
        "id: c\ntitle: C\nversion: 1\ndimensions:\n  - { id: a, name: A, low: l, high: h }\n  - { id: b, name: B, low: l, high: h }\nroles:\n  - { id: r0, name: R0, summary: s, profile: { a: 0.9, b: 0.1 } }\n  - { id: r1, name: R1, summary: s, profile: { a: 0.2, b: 0.6 } }\n  - { id: r2, name: R2, summary: s, profile: { a: 0.5, b: 1 } }\nquestions:\n  - { id: l, kind: likert, text: L., dimension: a }\n  - id: c\n    kind: choice\n    text: C.\n    options:\n",
    );
    for o in 0..80 {
        choice.push_str(&format!(
            "      - {{ id: o{o}, text: O{o}, scores: {{ a: {}, b: {} }} }}\n",
            (o * 7) % 11,
            (o * 5) % 13
        ));
    }
    let banks = [
        many_multi(6, 7, 3, 3),
        many_multi(5, 8, 4, 3),
        many_multi(4, 12, 3, 4),
        many_multi(3, 70, 3, 3),
        long_scale(6, 300, 3, 3),
        load(&choice),
    ];
    let mut worked_out = 0;
    for bank in &banks {
        let adaptive = Adaptive::new(bank, &(0..bank.questions.len()).collect::<Vec<_>>());
        for skip in [0, 2, 3] {
            let answers = one_sided(bank, skip);
            // Some questions taken back, so that they are open.
            let mut partial = answers.clone();
            partial.set(0, None);
            for given in [&answers, &partial] {
                let tally = Tally::new(adaptive.scorer(), given);
                for q in 0..bank.questions.len() {
                    for (a, b) in [(0, 1), (1, 2), (2, 0)] {
                        let tried = swing_by_trying(&adaptive, &tally, q, a, b);
                        let swing = adaptive.swing(&tally, q, a, b);
                        assert!(
                            (swing - tried).abs() < 1e-9,
                            "q{q} ({a},{b}): {swing} vs {tried}"
                        );
                        worked_out += 1;
                    }
                }
            }
        }
    }
    assert!(worked_out > 300, "{worked_out}");
}

#[test]
fn a_replay_stops_comparing_at_its_budget_and_asks_the_rest_in_order() {
    use crate::engine::budget::Budget;
    let bank = crate::engine::hostile::many_multi(60, 8, 5, 4);
    let full = crate::engine::hostile::one_sided(&bank, 0);
    let order: Vec<usize> = (0..bank.questions.len()).rev().collect();
    let adaptive = Adaptive::new(&bank, &order);
    let budget = Budget::new(10_000);
    let replay = replay_within(&adaptive, &full, &budget);
    assert!(budget.spent() <= 10_000);
    let cut = replay.cut_after.expect("the budget is far too small");
    assert!(cut < 60 && replay.settled_after.is_none(), "{replay:?}");
    // Every question asked once, those after the cut in the seeded order.
    let mut all = replay.asked.clone();
    all.sort_unstable();
    assert_eq!(all, (0..60).collect::<Vec<_>>());
    let rest = &replay.asked[cut..];
    assert!(rest.windows(2).all(|w| w[0] > w[1]), "{rest:?}");
    assert_eq!(replay.answers, full);

    // Unhurried, the same replay compares every time.
    let budget = Budget::new(crate::engine::budget::REPLAY_WORK);
    let replay = replay_within(&adaptive, &full, &budget);
    assert_eq!(replay.cut_after, None);
    assert!(!budget.cut());
}

#[test]
fn a_choice_without_budget_falls_back_to_the_seeded_order() {
    use crate::engine::budget::Budget;
    let bank = load(TWO);
    let adaptive = Adaptive::new(&bank, &[3, 1, 0, 2, 4]);
    let answers = AnswerSet::new(&bank);
    let budget = Budget::new(0);
    assert_eq!(
        adaptive.next_within(&answers, &[false; 5], false, &budget),
        Next::Ask(3)
    );
    assert!(budget.cut() && budget.spent() == 0);
}

#[test]
fn the_default_budgets_hold_on_a_long_scale() {
    use crate::engine::budget::{Budget, REPLAY_WORK};
    let bank = crate::engine::hostile::long_scale(100, 2_000, 5, 4);
    let full = crate::engine::hostile::one_sided(&bank, 0);
    let adaptive = Adaptive::new(&bank, &(0..100).collect::<Vec<_>>());
    let budget = Budget::new(REPLAY_WORK);
    let replay = replay_within(&adaptive, &full, &budget);
    assert!(budget.spent() <= REPLAY_WORK);
    assert_eq!(
        replay.cut_after, None,
        "a long scale alone must not need a cut"
    );
}
