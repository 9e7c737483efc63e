use super::*;
use crate::answers::{Answer, AnswerSet, candidates};
use crate::bank::{self, Bank, QuestionKind, bundled};
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
            check_minimal(&bank, &answers, &format!("three {seed}"), &mut Vec::new());
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

/// The answers a person could give `question` that the minimality check
/// tries: every set of ticks (up to 10 options), every scale point, every
/// option, and every whole number of a number's range with its ends.
fn every_answer(kind: &QuestionKind) -> Vec<Answer> {
    match kind {
        QuestionKind::Multi { options } => {
            let n = options.len();
            assert!(n <= 10, "brute force is for up to 10 options");
            (0u32..1 << n)
                .map(|mask| Answer::Multi((0..n).filter(|o| mask & (1 << o) != 0).collect()))
                .collect()
        }
        QuestionKind::Number { min, max, .. } => {
            let mut values = vec![*min, *max];
            let mut v = min.floor() + 1.0;
            while v < *max {
                values.push(v);
                v += 1.0;
            }
            values.into_iter().map(Answer::Number).collect()
        }
        _ => candidates(kind).into_iter().flatten().collect(),
    }
}

/// How big a change from `from` to `to` is, as the check counts it:
/// options toggled (from none for a skipped question), or the distance
/// between values (from the middle point of the scale, or the whole number
/// at or below the middle of the range, for a skipped question).
fn change_size(kind: &QuestionKind, from: Option<&Answer>, to: &Answer) -> f64 {
    let middle = match kind {
        QuestionKind::Likert { scale, .. } => {
            let order = crate::engine::space::by_value(scale);
            Some(scale.points[order[order.len() / 2]].value)
        }
        QuestionKind::Number { min, max, .. } => Some(((min + max) / 2.0).floor()),
        _ => None,
    };
    match (from, to) {
        (from, Answer::Multi(to)) => {
            let from: &[usize] = match from {
                Some(Answer::Multi(f)) => f,
                _ => &[],
            };
            let toggled = from.iter().filter(|o| !to.contains(o)).count()
                + to.iter().filter(|o| !from.contains(o)).count();
            toggled as f64
        }
        (Some(Answer::Scale(a) | Answer::Number(a)), Answer::Scale(b) | Answer::Number(b)) => {
            (a - b).abs()
        }
        (None, Answer::Scale(b) | Answer::Number(b)) => (middle.unwrap() - b).abs(),
        (Some(_), _) => 1.0,
        (None, _) => 0.0,
    }
}

/// Whether `answers` make `target` the recommendation, scored afresh.
fn flips(scorer: &Scorer<'_>, answers: &AnswerSet, target: usize) -> bool {
    let result = scorer.score_without_reasons(answers).unwrap();
    result.recommendation.role == target && !result.recommendation.tie
}

/// The minimality property: the suggestion flips, and for each changed
/// question no smaller change to it (fewer toggles, a nearer point or
/// value, or leaving it as it was) flips with the other changes as they
/// are. With two roles, no toggled option works against the runner-up.
/// Returns how many smaller answers were tried.
fn check_minimal(
    bank: &Bank,
    answers: &AnswerSet,
    label: &str,
    kinds: &mut Vec<&'static str>,
) -> usize {
    let scorer = Scorer::new(bank);
    let result = scorer.score_with_what_if(answers).unwrap();
    let Some(w) = &result.what_if else {
        return 0;
    };
    let target = w.role;
    assert!(
        flips(&scorer, &apply(answers, &w.changes), target),
        "{label}: {w:?}"
    );
    let mut tried = 0;
    for (i, change) in w.changes.iter().enumerate() {
        let q = change.question;
        let question = &bank.questions[q];
        kinds.push(question.kind.name());
        let mut others = w.changes.clone();
        others.remove(i);
        let mut rest = apply(answers, &others);
        rest.set(q, answers.get(q).cloned());
        assert!(
            !flips(&scorer, &rest, target),
            "{label}: the change to {} is not needed: {w:?}",
            question.id
        );
        let size = change_size(&question.kind, change.from.as_ref(), &change.to);
        if let QuestionKind::Number { min, max, .. } = question.kind
            && let Answer::Number(x) = change.to
        {
            assert!(
                x.fract() == 0.0 || x == min || x == max,
                "{label}: {} → {x} is not what a person would type",
                question.id
            );
        }
        for smaller in every_answer(&question.kind) {
            if change_size(&question.kind, change.from.as_ref(), &smaller) >= size
                || change.from.as_ref() == Some(&smaller)
            {
                continue;
            }
            tried += 1;
            let mut trial = rest.clone();
            trial.set(q, Some(smaller.clone()));
            assert!(
                !flips(&scorer, &trial, target),
                "{label}: {} → {smaller:?} is smaller than {:?} and also flips: {w:?}",
                question.id,
                change.to
            );
        }
        // Undoing any one toggle must cost the runner-up ground against
        // the recommendation: no toggle pushes the other way.
        if bank.roles.len() == 2
            && let Answer::Multi(to) = &change.to
        {
            let mut applied = rest.clone();
            applied.set(q, Some(change.to.clone()));
            let gap = |a: &AnswerSet| {
                let r = scorer.score_without_reasons(a).unwrap();
                r.fit_of(target) - r.fit_of(result.recommendation.role)
            };
            let with_all = gap(&applied);
            let from: &[usize] = match &change.from {
                Some(Answer::Multi(f)) => f,
                _ => &[],
            };
            let n = question.kind.options().len();
            for o in (0..n).filter(|o| from.contains(o) != to.contains(o)) {
                let undone: Vec<usize> = (0..n).filter(|&p| (p == o) != to.contains(&p)).collect();
                let mut trial = rest.clone();
                trial.set(q, Some(Answer::Multi(undone)));
                assert!(
                    gap(&trial) < with_all,
                    "{label}: toggling option {o} of {} works against the runner-up: {w:?}",
                    question.id
                );
            }
        }
    }
    tried
}

/// Middling answers: the middle of every scale and range, the first
/// option of every choice, nothing ticked; every `skip`th question
/// skipped (0: none).
fn middling(bank: &Bank, skip: usize) -> AnswerSet {
    let mut answers = AnswerSet::new(bank);
    for (q, question) in bank.questions.iter().enumerate() {
        if skip > 0 && q % skip == skip - 1 {
            continue;
        }
        let answer = match &question.kind {
            QuestionKind::Likert { scale, .. } => {
                let order = crate::engine::space::by_value(scale);
                Answer::Scale(scale.points[order[order.len() / 2]].value)
            }
            QuestionKind::Choice { .. } => Answer::Choice(0),
            QuestionKind::Multi { .. } => Answer::Multi(Vec::new()),
            QuestionKind::Number { min, max, .. } => Answer::Number(((min + max) / 2.0).round()),
        };
        answers.set(q, Some(answer));
    }
    answers
}

/// The other side of [`crate::engine::hostile::one_sided`]: the bottom of
/// every scale and range, the last option, the second half ticked.
fn other_sided(bank: &Bank) -> AnswerSet {
    let mut answers = AnswerSet::new(bank);
    for (q, question) in bank.questions.iter().enumerate() {
        let answer = match &question.kind {
            QuestionKind::Likert { scale, .. } => Answer::Scale(scale.min()),
            QuestionKind::Choice { options } => Answer::Choice(options.len() - 1),
            QuestionKind::Multi { options } => {
                Answer::Multi((options.len() / 2..options.len()).collect())
            }
            QuestionKind::Number { min, .. } => Answer::Number(*min),
        };
        answers.set(q, Some(answer));
    }
    answers
}

/// The "Not sure" student of issue 12: every scale at its middle, nothing
/// ticked, everything else skipped.
fn not_sure(bank: &Bank) -> AnswerSet {
    let middle = middling(bank, 0);
    let mut answers = AnswerSet::new(bank);
    for (q, question) in bank.questions.iter().enumerate() {
        if matches!(
            question.kind,
            QuestionKind::Likert { .. } | QuestionKind::Multi { .. }
        ) {
            answers.set(q, middle.get(q).cloned());
        }
    }
    answers
}

#[test]
fn no_change_can_be_made_smaller_on_the_bundled_banks() {
    use crate::engine::hostile::one_sided;
    use crate::engine::sample::Sampler;
    let mut found = 0;
    let mut tried = 0;
    let mut kinds = Vec::new();
    for bundled in bundled::BUNDLED {
        let bank = bundled.load().unwrap();
        let mut sets: Vec<(String, AnswerSet)> = vec![
            ("not sure".into(), not_sure(&bank)),
            ("middling".into(), middling(&bank, 0)),
            ("middling, skips".into(), middling(&bank, 4)),
            ("one-sided".into(), one_sided(&bank, 0)),
            ("one-sided, skips".into(), one_sided(&bank, 3)),
            ("other-sided".into(), other_sided(&bank)),
        ];
        for (id, drawn) in Sampler::new(&bank, 12).take(24) {
            let mut answers = AnswerSet::new(&bank);
            for (q, a) in drawn.into_iter().enumerate() {
                answers.set(q, a);
            }
            sets.push((format!("random {id}"), answers));
        }
        for (label, answers) in &sets {
            let label = format!("{} {label}", bank.id);
            let before = tried;
            tried += check_minimal(&bank, answers, &label, &mut kinds);
            found += usize::from(tried > before);
        }
    }
    // The check must have had something to check.
    assert!(
        found >= 20 && tried >= 500,
        "{found} suggestions, {tried} tries"
    );
    // Every kind of change but a number (see the test below) was checked.
    for kind in ["likert", "choice", "multi"] {
        assert!(kinds.contains(&kind), "no {kind} change: {kinds:?}");
    }
}

#[test]
fn the_not_sure_student_ticks_one_option_only() {
    let bank = bundled::find("healthcare").unwrap().load().unwrap();
    let answers = not_sure(&bank);
    let result = score(&bank, &answers).unwrap();
    let w = result.what_if.expect("a change exists");
    let [change] = w.changes.as_slice() else {
        panic!("{w:?}")
    };
    assert_eq!(bank.questions[change.question].id, "workplaces");
    let Answer::Multi(ticked) = &change.to else {
        panic!("{change:?}")
    };
    assert_eq!(ticked.len(), 1, "{change:?}");
}

/// A bank with multi questions of 9 and 10 options (more than the search
/// tries every set of) and a number on a range of 0 to 7.
const WIDE: &str = r#"
id: wide
title: Wide
version: 1
dimensions:
  - { id: a, name: A, low: l, high: h }
  - { id: b, name: B, low: l, high: h }
roles:
  - { id: r1, name: R1, summary: s, profile: { a: 0.8, b: 0.3 } }
  - { id: r2, name: R2, summary: s, profile: { a: 0.3, b: 0.7 } }
questions:
  - { id: l1, kind: likert, text: L1., dimension: a }
  - { id: l2, kind: likert, text: L2., dimension: b }
  - { id: n1, kind: number, text: N1., dimension: b, min: 0, max: 7 }
  - id: m9
    kind: multi
    text: M9.
    options:
      - { id: o1, text: O1, scores: { a: 1 } }
      - { id: o2, text: O2, scores: { a: 1, b: -1 } }
      - { id: o3, text: O3, scores: { b: 1 } }
      - { id: o4, text: O4, scores: { b: 2 } }
      - { id: o5, text: O5, scores: { a: -1 } }
      - { id: o6, text: O6, scores: { a: 1, b: 1 } }
      - { id: o7, text: O7, scores: { b: -1 } }
      - { id: o8, text: O8, scores: { a: 2 } }
      - { id: o9, text: O9, scores: { b: 1 } }
  - id: m10
    kind: multi
    text: M10.
    options:
      - { id: o1, text: O1, scores: { b: 1 } }
      - { id: o2, text: O2, scores: { a: 1 } }
      - { id: o3, text: O3, scores: { a: -1, b: 1 } }
      - { id: o4, text: O4, scores: { b: 1 } }
      - { id: o5, text: O5, scores: { a: 1 } }
      - { id: o6, text: O6, scores: { b: -1 } }
      - { id: o7, text: O7, scores: { a: 1, b: 1 } }
      - { id: o8, text: O8, scores: { b: 2 } }
      - { id: o9, text: O9, scores: { a: -2 } }
      - { id: o10, text: O10, scores: { b: 1 } }
"#;

#[test]
fn no_change_can_be_made_smaller_with_nine_and_ten_options() {
    use crate::engine::sample::Sampler;
    let bank = load(WIDE);
    let mut found = 0;
    let mut kinds = Vec::new();
    let mut sets = vec![middling(&bank, 0), not_sure(&bank), other_sided(&bank)];
    for (_, drawn) in Sampler::new(&bank, 5).take(30) {
        let mut answers = AnswerSet::new(&bank);
        for (q, a) in drawn.into_iter().enumerate() {
            answers.set(q, a);
        }
        sets.push(answers);
    }
    for (i, answers) in sets.iter().enumerate() {
        let label = format!("wide {i}");
        found += usize::from(check_minimal(&bank, answers, &label, &mut kinds) > 0);
    }
    assert!(found >= 10, "{found}");
    for kind in ["likert", "multi"] {
        assert!(kinds.contains(&kind), "no {kind} change: {kinds:?}");
    }
}

#[test]
fn in_adaptive_mode_only_the_answers_given_change() {
    use crate::engine::adaptive::{Adaptive, replay};
    use crate::engine::sample::Sampler;
    // Settled adaptive replays of random respondents: the questions left
    // out could not change the result, and the what-if search must not ask
    // for answers to them.
    let mut settled = 0;
    for bundled in bundled::BUNDLED {
        let bank = bundled.load().unwrap();
        let order: Vec<usize> = (0..bank.questions.len()).collect();
        let chooser = Adaptive::new(&bank, &order);
        let scorer = Scorer::new(&bank);
        for (_, drawn) in Sampler::new(&bank, 3).take(30) {
            let mut full = AnswerSet::new(&bank);
            for (q, a) in drawn.into_iter().enumerate() {
                full.set(q, a);
            }
            let run = replay(&chooser, &full);
            if run.settled_after.is_none() || run.asked.len() == bank.questions.len() {
                continue;
            }
            settled += 1;
            let among = scorer
                .score_with_what_if_among(&run.answers, &run.asked)
                .unwrap();
            if let Some(w) = &among.what_if {
                assert!(
                    w.changes.iter().all(|c| run.asked.contains(&c.question)),
                    "{}: {w:?}",
                    bank.id
                );
                let after = score(&bank, &apply(&run.answers, &w.changes)).unwrap();
                assert_eq!(after.recommendation.role, w.role);
            }
        }
    }
    assert!(settled >= 10, "{settled} settled");
}

#[test]
fn a_search_among_some_questions_leaves_the_others_alone() {
    use crate::engine::sample::Sampler;
    // Respondents for whom the full search answers a skipped question: kept
    // to the answered ones, it changes only those (or finds nothing).
    let mut checked = 0;
    for bundled in bundled::BUNDLED {
        let bank = bundled.load().unwrap();
        let scorer = Scorer::new(&bank);
        for (k, (_, drawn)) in Sampler::new(&bank, 9).take(40).enumerate() {
            // One question in three skipped as well.
            let mut answers = AnswerSet::new(&bank);
            for (q, a) in drawn.into_iter().enumerate() {
                answers.set(q, a.filter(|_| q % 3 != k % 3));
            }
            let every = scorer.score_with_what_if(&answers).unwrap();
            if !every
                .what_if
                .is_some_and(|w| w.changes.iter().any(|c| c.from.is_none()))
            {
                continue;
            }
            checked += 1;
            let given: Vec<usize> = (0..answers.len())
                .filter(|&q| answers.get(q).is_some())
                .collect();
            let among = scorer.score_with_what_if_among(&answers, &given).unwrap();
            if let Some(w) = &among.what_if {
                assert!(w.changes.iter().all(|c| c.from.is_some()), "{w:?}");
                let after = score(&bank, &apply(&answers, &w.changes)).unwrap();
                assert_eq!(after.recommendation.role, w.role);
            }
        }
    }
    assert!(checked >= 5, "{checked}");
}

#[test]
fn a_number_moves_to_the_nearest_whole_number_that_works() {
    // The number question decides here; the search tries a few points of
    // its range (0, 1.25, 2.5 … on 0 to 5), and the change offered is the
    // whole number nearest the answer given that still flips.
    for max in [5, 12, 40] {
        let bank = load(&format!(
            r#"
id: num
title: Num
version: 1
dimensions:
  - {{ id: a, name: A, low: l, high: h }}
  - {{ id: b, name: B, low: l, high: h }}
roles:
  - {{ id: r1, name: R1, summary: s, profile: {{ a: 0.5, b: 0.9 }} }}
  - {{ id: r2, name: R2, summary: s, profile: {{ a: 0.4, b: 0.2 }} }}
  - {{ id: r3, name: R3, summary: s, profile: {{ a: 0.9, b: 0.6 }} }}
questions:
  - {{ id: l1, kind: likert, text: L1., dimension: a }}
  - {{ id: l2, kind: likert, text: L2., dimension: b }}
  - {{ id: n1, kind: number, text: N1., dimension: b, min: 0, max: {max}, weight: 3 }}
"#
        ));
        let mut kinds = Vec::new();
        let mut moved = 0;
        // Every whole number, and skipped (measured from the middle).
        for given in (0..=max).map(Some).chain([None]) {
            for (a, b) in [(3.0, 3.0), (1.0, 5.0), (5.0, 1.0), (2.0, 4.0)] {
                let mut answers = AnswerSet::new(&bank);
                answers.set(0, Some(Answer::Scale(a)));
                answers.set(1, Some(Answer::Scale(b)));
                answers.set(2, given.map(|g| Answer::Number(f64::from(g))));
                let before = kinds.len();
                check_minimal(
                    &bank,
                    &answers,
                    &format!("0 to {max}, {given:?}"),
                    &mut kinds,
                );
                moved += usize::from(kinds[before..].contains(&"number"));
            }
        }
        assert!(moved >= 3, "0 to {max}: {moved} number changes");
    }
}
