use super::*;
use crate::answers::{Answer, AnswerSet, candidates};
use crate::bank::{self, Bank, bundled};
use crate::engine::{Scorer, score};
use crate::input::source::SourceFile;

/// Three roles on two dimensions, every kind of question.
const THREE: &str = r#"
id: three
title: Three
version: 1
dimensions:
  - { id: a, name: A, low: l, high: h }
  - { id: b, name: B, low: l, high: h, weight: 2 }
roles:
  - { id: r1, name: R1, summary: s, profile: { a: 0.9, b: 0.8 } }
  - { id: r2, name: R2, summary: s, profile: { a: 0.2, b: 0.7 } }
  - { id: r3, name: R3, summary: s, profile: { a: 0.5, b: 0.1 } }
questions:
  - { id: l1, kind: likert, text: L1., dimension: a }
  - { id: l2, kind: likert, text: L2., dimension: b, keyed: minus }
  - id: c1
    kind: choice
    text: C1.
    options:
      - { id: x, text: X, scores: { a: 2, b: 1 } }
      - { id: y, text: Y, scores: { a: 0, b: 2 } }
      - { id: z, text: Z, scores: { b: 0 } }
  - id: m1
    kind: multi
    text: M1.
    options:
      - { id: p, text: P, scores: { a: 1 } }
      - { id: q, text: Q, scores: { b: 1 } }
  - { id: n1, kind: number, text: N1., dimension: a, min: 0, max: 10 }
"#;

fn load(text: &str) -> Bank {
    bank::load(SourceFile::new("t.yaml", text)).unwrap()
}

/// Brute force: the fewest changes (to any answer, not a skip) that make
/// `target` the recommendation, trying every set of questions.
fn fewest_by_brute_force(bank: &Bank, answers: &AnswerSet, target: usize) -> Option<usize> {
    let n = bank.questions.len();
    let mut best: Option<usize> = None;
    let options: Vec<Vec<Answer>> = bank
        .questions
        .iter()
        .map(|q| candidates(&q.kind).into_iter().flatten().collect())
        .collect();
    for mask in 0u32..(1 << n) {
        let chosen: Vec<usize> = (0..n).filter(|q| mask & (1 << q) != 0).collect();
        if best.is_some_and(|b| chosen.len() >= b) {
            continue;
        }
        let mut picks = vec![0usize; chosen.len()];
        'combos: loop {
            let mut trial = answers.clone();
            let mut changes_all = true;
            for (i, &q) in chosen.iter().enumerate() {
                let a = &options[q][picks[i]];
                changes_all &= answers.get(q) != Some(a);
                trial.set(q, Some(a.clone()));
            }
            if changes_all
                && let Ok(result) = score(bank, &trial)
                && result.recommendation.role == target
                && !result.recommendation.tie
            {
                best = Some(chosen.len());
                break 'combos;
            }
            let mut i = 0;
            loop {
                if i == picks.len() {
                    break 'combos;
                }
                picks[i] += 1;
                if picks[i] < options[chosen[i]].len() {
                    break;
                }
                picks[i] = 0;
                i += 1;
            }
        }
    }
    best
}

fn check_against_brute_force(bank: &Bank, answers: &AnswerSet) {
    let result = score(bank, answers).unwrap();
    let target = result.recommendation.runner_up;
    let expected = fewest_by_brute_force(bank, answers, target);
    match (&result.what_if, expected) {
        (Some(w), Some(fewest)) => {
            assert!(w.exact);
            assert_eq!(w.changes.len(), fewest, "{w:?}");
            assert_eq!(w.at_least, fewest);
            let after = score(bank, &apply(answers, &w.changes)).unwrap();
            assert_eq!(after.recommendation.role, target);
            assert!(!after.recommendation.tie);
            for c in &w.changes {
                assert_eq!(answers.get(c.question), c.from.as_ref());
                assert_ne!(Some(&c.to), c.from.as_ref());
            }
        }
        (None, None) => {}
        (found, expected) => panic!("found {found:?}, brute force says {expected:?}"),
    }
}

#[test]
fn the_change_found_is_the_smallest_on_a_small_bank() {
    let bank = load(THREE);
    let cands: Vec<Vec<Option<Answer>>> =
        bank.questions.iter().map(|q| candidates(&q.kind)).collect();
    // A spread of respondents, skips included, deterministic.
    let mut checked = 0;
    for seed in 0..40usize {
        let mut answers = AnswerSet::new(&bank);
        for (q, options) in cands.iter().enumerate() {
            answers.set(
                q,
                options[(seed * 7 + q * 3 + seed / 5) % options.len()].clone(),
            );
        }
        if score(&bank, &answers).is_ok() {
            check_against_brute_force(&bank, &answers);
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked}");
}

#[test]
fn two_roles_fully_answered_take_the_biggest_moves_first_and_are_exact() {
    let bank = load(
        r#"
id: pair
title: Pair
version: 1
dimensions:
  - { id: a, name: A, low: l, high: h }
  - { id: b, name: B, low: l, high: h }
roles:
  - { id: up, name: Up, summary: s, profile: { a: 1, b: 0.8 } }
  - { id: down, name: Down, summary: s, profile: { a: 0, b: 0.4 } }
questions:
  - { id: q1, kind: likert, text: Q1., dimension: a }
  - { id: q2, kind: likert, text: Q2., dimension: a, weight: 2 }
  - { id: q3, kind: likert, text: Q3., dimension: b }
  - { id: q4, kind: likert, text: Q4., dimension: b, keyed: minus }
  - { id: q5, kind: number, text: Q5., dimension: a, min: 0, max: 4 }
"#,
    );
    for values in [
        [5.0, 5.0, 5.0, 1.0, 4.0],
        [4.0, 3.0, 2.0, 2.0, 3.0],
        [1.0, 2.0, 5.0, 1.0, 0.0],
    ] {
        let mut answers = AnswerSet::new(&bank);
        for (q, v) in values.iter().enumerate() {
            answers.set(
                q,
                Some(if q == 4 {
                    Answer::Number(*v)
                } else {
                    Answer::Scale(*v)
                }),
            );
        }
        check_against_brute_force(&bank, &answers);
    }
}

#[test]
fn a_strong_clinician_needs_several_changes_and_each_is_real() {
    let bank = bundled::find("healthcare").unwrap().load().unwrap();
    let file = SourceFile::read(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/clinician.yaml"
    )))
    .unwrap();
    let answers = crate::answers::file::read(file, &bank).unwrap();
    let result = score(&bank, &answers).unwrap();
    let w = result.what_if.as_ref().expect("technician can be reached");
    assert_eq!(bank.roles[w.role].id, "technician");
    assert!(w.exact && w.changes.len() > 3, "{w:?}");
    let after = score(&bank, &apply(&answers, &w.changes)).unwrap();
    assert_eq!(after.recommendation.role, w.role);
    // Dropping any one change leaves clinician ahead (or level).
    for skip in 0..w.changes.len() {
        let mut fewer = w.changes.clone();
        fewer.remove(skip);
        let result = score(&bank, &apply(&answers, &fewer)).unwrap();
        assert!(result.recommendation.role != w.role || result.recommendation.tie);
    }
}

#[test]
fn the_greedy_search_finds_a_real_flip_when_the_budget_runs_out() {
    let bank = load(THREE);
    let scorer = Scorer::new(&bank);
    let mut answers = AnswerSet::new(&bank);
    answers.set(0, Some(Answer::Scale(5.0)));
    answers.set(1, Some(Answer::Scale(1.0)));
    answers.set(2, Some(Answer::Choice(0)));
    let result = scorer.score(&answers).unwrap();
    let search = Search::new(&scorer, &answers, result.recommendation.runner_up);
    let changes = search.greedy().expect("a flip exists");
    let found = search.verify(changes, false, 1).expect("it verifies");
    let after = score(&bank, &apply(&answers, &found.changes)).unwrap();
    assert_eq!(after.recommendation.role, result.recommendation.runner_up);
    assert!(found.changes.len() >= fewest_by_brute_force(&bank, &answers, found.role).unwrap());
}

#[test]
fn subsets_come_in_lexicographic_order() {
    let mut subset = vec![0, 1];
    let mut all = vec![subset.clone()];
    while next_subset(&mut subset, 4) {
        all.push(subset.clone());
    }
    assert_eq!(
        all,
        [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]].map(|s| s.to_vec())
    );
}
