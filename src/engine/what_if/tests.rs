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
    let budget = Budget::new(WHAT_IF_WORK);
    let search = Search::new(&scorer, &answers, result.recommendation.runner_up, &budget);
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

/// Three roles on one dimension and `questions` likert questions sharing a
/// long scale with a hole in it: 0, then 90,000 to 100,000 in steps of
/// one. `b` wins when the score is between 0.55 and 0.85.
fn gappy_bank(questions: usize) -> Bank {
    let mut text = String::from(
        "id: gappy\ntitle: Gappy\nversion: 1\nscale:\n  - { value: 0, label: none }\n",
    );
    for v in 90_002..=100_000 {
        text.push_str(&format!("  - {{ value: {v}, label: p{v} }}\n"));
    }
    text.push_str(
        "dimensions:\n  - { id: a, name: A, low: l, high: h }\nroles:\n  - { id: top, name: Top, summary: s, profile: { a: 1 } }\n  - { id: b, name: B, summary: s, profile: { a: 0.7 } }\n  - { id: c, name: C, summary: s, profile: { a: 0.4 } }\nquestions:\n",
    );
    for q in 0..questions {
        text.push_str(&format!(
            "  - {{ id: q{q}, kind: likert, text: Q{q}., dimension: a }}\n"
        ));
    }
    load(&text)
}

#[test]
fn one_change_on_a_long_scale_is_ruled_out_exactly() {
    // Only the first of twelve questions answered, at the top. No one
    // change reaches `b`: the first answer jumps from 0.9 to 0 over b's
    // window, and answering one more gives a score of 0.5 or above 0.95.
    // Two more answers do. Trying each of the 120,000 single changes point
    // by point would use up the exhaustive search's tries.
    let bank = gappy_bank(12);
    let mut answers = AnswerSet::new(&bank);
    answers.set(0, Some(Answer::Scale(100_000.0)));
    let result = score(&bank, &answers).unwrap();
    assert_eq!(bank.roles[result.recommendation.runner_up].id, "b");
    let w = result.what_if.expect("two changes make b win");
    assert_eq!(
        (w.changes.len(), w.at_least, w.exact),
        (2, 2, true),
        "{w:?}"
    );
    assert!(!w.cut_short);
    let after = score(&bank, &apply(&answers, &w.changes)).unwrap();
    assert_eq!(bank.roles[after.recommendation.role].id, "b");
}

#[test]
fn the_search_stops_at_its_budget_and_says_so() {
    // 200 multi questions of 8 options, four roles, one in five skipped:
    // far more sets than any budget can try.
    let bank = crate::engine::hostile::many_multi(200, 8, 5, 4);
    let answers = crate::engine::hostile::one_sided(&bank, 5);
    let scorer = Scorer::new(&bank);
    let assessment = scorer.score(&answers).unwrap();
    for limit in [10_000, 2_000_000] {
        let budget = Budget::new(limit);
        let outcome = search(&scorer, &answers, &assessment, &budget);
        assert!(budget.spent() <= limit, "{} > {limit}", budget.spent());
        assert!(budget.cut());
        match outcome {
            Outcome::Found(w) => {
                assert!(w.cut_short && !w.exact, "{w:?}");
                let after = score(&bank, &apply(&answers, &w.changes)).unwrap();
                assert_eq!(after.recommendation.role, w.role);
            }
            Outcome::Unfinished(u) => {
                assert_eq!(u.role, assessment.recommendation.runner_up);
                assert!(u.at_least >= 1);
            }
            Outcome::Nothing => panic!("a cut search must not say there is nothing"),
        }
    }
}

#[test]
fn a_long_scale_costs_no_more_than_a_short_one() {
    // The same bank with a 5-point and a 5,000-point scale: the work done
    // stays within a small factor (binary searches), not a thousandfold.
    let mut spent = Vec::new();
    for points in [5, 5_000] {
        let bank = crate::engine::hostile::long_scale(30, points, 5, 4);
        let answers = crate::engine::hostile::one_sided(&bank, 7);
        let scorer = Scorer::new(&bank);
        let assessment = scorer.score(&answers).unwrap();
        let budget = Budget::new(WHAT_IF_WORK);
        let outcome = search(&scorer, &answers, &assessment, &budget);
        assert!(matches!(outcome, Outcome::Found(_)), "{outcome:?}");
        spent.push(budget.spent());
    }
    assert!(spent[1] <= 20 * spent[0].max(1), "{spent:?}");
}

#[test]
fn the_default_budget_holds_on_a_hostile_bank() {
    let bank = crate::engine::hostile::long_scale(80, 8_000, 6, 6);
    let answers = crate::engine::hostile::one_sided(&bank, 4);
    let scorer = Scorer::new(&bank);
    let assessment = scorer.score(&answers).unwrap();
    let budget = Budget::new(WHAT_IF_WORK);
    let outcome = search(&scorer, &answers, &assessment, &budget);
    assert!(budget.spent() <= WHAT_IF_WORK);
    let Outcome::Found(w) = outcome else {
        panic!("{outcome:?}")
    };
    let after = score(&bank, &apply(&answers, &w.changes)).unwrap();
    assert_eq!(after.recommendation.role, w.role);
}
