//! Property tests of the scoring contract over randomly generated banks and
//! answer sets. Proptest replays the failures it has shrunk before from
//! tests/proptest-regressions/properties.txt (where it looks for this file's
//! seeds, as tests/integration/ holds a main.rs).

use pathfit::answers::{Answer, AnswerSet};
use pathfit::bank::{
    Bank, ChoiceOption, Dimension, Keyed, Question, QuestionKind, Role, Scale, ScalePoint,
    Thresholds,
};
use pathfit::engine::{self, Assessment, Verdict, adaptive};
use proptest::prelude::*;

fn dimension(i: usize, weight: f64) -> Dimension {
    Dimension {
        id: format!("d{i}"),
        name: format!("D{i}"),
        low: "low".into(),
        high: "high".into(),
        weight,
        description: None,
    }
}

fn role(i: usize, profile: Vec<f64>) -> Role {
    Role {
        id: format!("r{i}"),
        name: format!("R{i}"),
        summary: "s".into(),
        profile,
        facts: vec![],
        examples: vec![],
        next_steps: vec![],
        source: None,
        specialties: vec![],
    }
}

/// A question of any kind over `dims` dimensions.
fn question(dims: usize) -> impl Strategy<Value = QuestionKind> {
    let option = prop::collection::vec((0..dims, -3.0..3.0f64), 0..3);
    prop_oneof![
        (0..dims, any::<bool>(), 0.1..4.0f64, prop::bool::ANY).prop_map(
            |(dimension, minus, weight, custom)| {
                let scale = if custom {
                    Scale {
                        points: (0..5)
                            .map(|v| ScalePoint {
                                value: f64::from(v) - 2.0,
                                label: format!("p{v}"),
                            })
                            .collect(),
                    }
                } else {
                    Scale::default_likert()
                };
                QuestionKind::Likert {
                    dimension,
                    keyed: if minus { Keyed::Minus } else { Keyed::Plus },
                    weight,
                    scale,
                }
            }
        ),
        (prop::collection::vec(option.clone(), 2..5), any::<bool>()).prop_map(|(opts, multi)| {
            let options: Vec<ChoiceOption> = opts
                .into_iter()
                .enumerate()
                .map(|(i, mut scores)| {
                    scores.sort_by_key(|s| s.0);
                    scores.dedup_by_key(|s| s.0);
                    ChoiceOption {
                        id: format!("o{i}"),
                        text: "o".into(),
                        scores,
                    }
                })
                .collect();
            if multi {
                QuestionKind::Multi { options }
            } else {
                QuestionKind::Choice { options }
            }
        }),
        (0..dims, -5.0..5.0f64, 0.5..20.0f64, 0.1..4.0f64).prop_map(
            |(dimension, min, span, weight)| {
                QuestionKind::Number {
                    dimension,
                    min,
                    max: min + span,
                    unit: None,
                    weight,
                }
            }
        ),
    ]
}

fn bank() -> impl Strategy<Value = Bank> {
    (1..5usize, 2..5usize)
        .prop_flat_map(|(dims, roles)| {
            (
                prop::collection::vec(0.1..5.0f64, dims),
                prop::collection::vec(prop::collection::vec(0.0..=1.0f64, dims), roles),
                prop::collection::vec(question(dims), 1..10),
            )
        })
        .prop_map(|(weights, profiles, kinds)| Bank {
            id: "p".into(),
            title: "P".into(),
            version: 1,
            description: None,
            language: "en".into(),
            thresholds: Thresholds::default(),
            min_per_dimension: 2,
            dimensions: weights
                .into_iter()
                .enumerate()
                .map(|(i, w)| dimension(i, w))
                .collect(),
            roles: profiles
                .into_iter()
                .enumerate()
                .map(|(i, p)| role(i, p))
                .collect(),
            questions: kinds
                .into_iter()
                .enumerate()
                .map(|(i, kind)| Question {
                    id: format!("q{i}"),
                    text: "q".into(),
                    help: None,
                    kind,
                })
                .collect(),
            digest: String::new(),
        })
}

/// Any valid answer (or a skip) for a question, from random numbers.
fn answer_for(kind: &QuestionKind, pick: u32, fraction: f64, skip: bool) -> Option<Answer> {
    if skip {
        return None;
    }
    Some(match kind {
        QuestionKind::Likert { scale, .. } => {
            Answer::Scale(scale.points[pick as usize % scale.points.len()].value)
        }
        QuestionKind::Choice { options } => Answer::Choice(pick as usize % options.len()),
        QuestionKind::Multi { options } => Answer::Multi(
            (0..options.len())
                .filter(|i| pick & (1 << i) != 0)
                .collect(),
        ),
        QuestionKind::Number { min, max, .. } => Answer::Number(min + fraction * (max - min)),
    })
}

fn bank_and_answers() -> impl Strategy<Value = (Bank, AnswerSet)> {
    bank().prop_flat_map(|bank| {
        let n = bank.questions.len();
        (
            Just(bank),
            prop::collection::vec((any::<u32>(), 0.0..=1.0f64, prop::bool::weighted(0.2)), n),
        )
            .prop_map(|(bank, picks)| {
                let mut answers = AnswerSet::new(&bank);
                for (i, (pick, fraction, skip)) in picks.into_iter().enumerate() {
                    answers.set(i, answer_for(&bank.questions[i].kind, pick, fraction, skip));
                }
                (bank, answers)
            })
    })
}

/// Scores without the what-if search, which has a property of its own.
fn quick_score(bank: &Bank, answers: &AnswerSet) -> Result<Assessment, engine::EngineError> {
    engine::Scorer::new(bank).score(answers)
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

proptest! {
    #[test]
    fn scores_and_fits_stay_within_0_and_1((bank, answers) in bank_and_answers()) {
        let Ok(result) = quick_score(&bank, &answers) else { return Ok(()) };
        for d in &result.dimensions {
            if let Some(s) = d.score {
                prop_assert!((0.0..=1.0).contains(&s), "score {s}");
                prop_assert!(d.min <= d.raw + 1e-9 && d.raw <= d.max + 1e-9);
            }
        }
        for pair in result.fits.windows(2) {
            prop_assert!(pair[0].fit >= pair[1].fit);
        }
        for f in &result.fits {
            prop_assert!((0.0..=1.0).contains(&f.fit), "fit {}", f.fit);
        }
        let rec = result.recommendation;
        prop_assert!(rec.margin >= 0.0);
        prop_assert!(near(rec.margin, result.fit_of(rec.role) - result.fit_of(rec.runner_up)) || rec.tie);
        if rec.tie { prop_assert_eq!(rec.verdict, Verdict::Close); }
        let shares: f64 = result.reasons.iter().map(|r| r.share).sum();
        prop_assert!(shares <= 1.0 + 1e-9);
    }

    #[test]
    fn the_order_of_questions_never_changes_a_result(
        (bank, answers) in bank_and_answers(),
        seed in any::<u64>(),
    ) {
        let n = bank.questions.len();
        // A permutation from the seed (Fisher-Yates with a simple LCG).
        let mut order: Vec<usize> = (0..n).collect();
        let mut state = seed;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        let mut shuffled = bank.clone();
        shuffled.questions = order.iter().map(|&i| bank.questions[i].clone()).collect();
        let mut shuffled_answers = AnswerSet::new(&shuffled);
        for (new, &old) in order.iter().enumerate() {
            shuffled_answers.set(new, answers.get(old).cloned());
        }
        let a = quick_score(&bank, &answers);
        let b = quick_score(&shuffled, &shuffled_answers);
        match (a, b) {
            (Ok(a), Ok(b)) => same(&a, &b)?,
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{a:?} vs {b:?}"),
        }
    }

    #[test]
    fn answers_matching_a_role_exactly_fit_it_perfectly(
        (dims, roles) in (1..6usize, 2..5usize),
        target_role in 0..4usize,
        seed in prop::collection::vec(0.0..=1.0f64, 30),
    ) {
        // One number question per dimension, answered at the role's target.
        let profiles: Vec<Vec<f64>> = (0..roles).map(|r| (0..dims).map(|d| seed[r * dims + d]).collect()).collect();
        let bank = Bank {
            id: "m".into(),
            title: "M".into(),
            version: 1,
            description: None,
            language: "en".into(),
            thresholds: Thresholds::default(),
            min_per_dimension: 2,
            dimensions: (0..dims).map(|i| dimension(i, 1.0 + i as f64)).collect(),
            roles: profiles.iter().enumerate().map(|(i, p)| role(i, p.clone())).collect(),
            questions: (0..dims).map(|d| Question {
                id: format!("q{d}"),
                text: "q".into(),
                help: None,
                kind: QuestionKind::Number { dimension: d, min: 0.0, max: 10.0, unit: None, weight: 1.0 },
            }).collect(),
            digest: String::new(),
        };
        let target = target_role % roles;
        let mut answers = AnswerSet::new(&bank);
        for (d, target) in profiles[target].iter().enumerate() {
            answers.set(d, Some(Answer::Number(10.0 * target)));
        }
        let result = quick_score(&bank, &answers).unwrap();
        prop_assert!(near(result.fit_of(target), 1.0), "fit {}", result.fit_of(target));
        prop_assert!(near(result.fits[0].fit, 1.0));
    }
}

fn same(a: &Assessment, b: &Assessment) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.answered, b.answered);
    for (x, y) in a.dimensions.iter().zip(&b.dimensions) {
        prop_assert!(near(x.raw, y.raw) && near(x.min, y.min) && near(x.max, y.max));
        match (x.score, y.score) {
            (Some(s), Some(t)) => prop_assert!(near(s, t)),
            (s, t) => prop_assert_eq!(s, t),
        }
    }
    for role in 0..a.fits.len() {
        prop_assert!(near(a.fit_of(role), b.fit_of(role)));
    }
    // Summation order may differ in the last bit, so only a clear winner
    // must be the same role.
    if a.recommendation.margin > 1e-6 {
        prop_assert_eq!(a.recommendation.role, b.recommendation.role);
        prop_assert_eq!(a.recommendation.verdict, b.recommendation.verdict);
    }
    Ok(())
}

/// Answers `partial` leaves open, every way: each open question gets each
/// of its candidate answers (a skip, every scale point or option, option
/// sets, a spread of numbers plus one random number); past `limit`
/// combinations, a random sample of them.
fn completions(
    bank: &Bank,
    partial: &AnswerSet,
    open: &[usize],
    seed: u64,
    limit: usize,
) -> Vec<AnswerSet> {
    let mut state = seed | 1;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 11
    };
    let options: Vec<Vec<Option<Answer>>> = open
        .iter()
        .map(|&q| {
            let kind = &bank.questions[q].kind;
            let mut all = pathfit::answers::candidates(kind);
            if let QuestionKind::Number { min, max, .. } = kind {
                let f = (next() % 1_000_001) as f64 / 1e6;
                all.push(Some(Answer::Number(min + f * (max - min))));
            }
            all
        })
        .collect();
    let total = options
        .iter()
        .try_fold(1usize, |n, o| n.checked_mul(o.len()));
    let mut out = Vec::new();
    match total {
        Some(total) if total <= limit => {
            for mut index in 0..total {
                let mut answers = partial.clone();
                for (i, &q) in open.iter().enumerate() {
                    answers.set(q, options[i][index % options[i].len()].clone());
                    index /= options[i].len();
                }
                out.push(answers);
            }
        }
        _ => {
            for _ in 0..limit {
                let mut answers = partial.clone();
                for (i, &q) in open.iter().enumerate() {
                    answers.set(q, options[i][next() as usize % options[i].len()].clone());
                }
                out.push(answers);
            }
        }
    }
    out
}

/// A random bank, random answers, and which questions are still open.
fn partial_quiz() -> impl Strategy<Value = (Bank, AnswerSet, Vec<usize>, u64)> {
    (
        bank_and_answers(),
        prop::collection::vec(prop::bool::weighted(0.3), 10),
        any::<u64>(),
    )
        .prop_map(|((bank, mut answers), open_mask, seed)| {
            let open: Vec<usize> = (0..bank.questions.len())
                .filter(|&q| open_mask[q])
                .collect();
            for &q in &open {
                answers.set(q, None);
            }
            (bank, answers, open, seed)
        })
}

/// The settle test's verdict on a partial quiz: `Some(role)` when settled.
fn settled_role(bank: &Bank, answers: &AnswerSet, open: &[usize]) -> Option<usize> {
    let scorer = engine::Scorer::new(bank);
    let tally = adaptive::Tally::new(&scorer, answers);
    let span = adaptive::open_span(&scorer, open.iter().copied());
    adaptive::settled(bank, &tally, &span)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_settled_result_survives_every_completion((bank, answers, open, seed) in partial_quiz()) {
        let Some(role) = settled_role(&bank, &answers, &open) else { return Ok(()) };
        for completion in completions(&bank, &answers, &open, seed, 3000) {
            let result = quick_score(&bank, &completion).expect("a settled quiz scores");
            prop_assert_eq!(result.recommendation.role, role);
            prop_assert!(!result.recommendation.tie);
        }
    }
}

/// The property above only bites when settled cases occur: make sure the
/// generator produces plenty of them, and unsettled ones too.
#[test]
fn the_generator_yields_settled_and_unsettled_quizzes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = partial_quiz();
    let (mut settled, mut unsettled, mut with_open) = (0, 0, 0);
    for _ in 0..400 {
        let (bank, answers, open, _) = strategy.new_tree(&mut runner).unwrap().current();
        match settled_role(&bank, &answers, &open) {
            Some(_) => {
                settled += 1;
                with_open += usize::from(!open.is_empty());
            }
            None => unsettled += 1,
        }
    }
    assert!(
        settled >= 40 && with_open >= 20 && unsettled >= 40,
        "{settled} settled ({with_open} with open questions), {unsettled} not"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the bank and answers, a what-if really makes the runner-up
    /// the recommendation, changes only what it says it changes, and is no
    /// larger than its own lower bound when it claims to be exact.
    #[test]
    fn every_what_if_flips_the_result((bank, answers) in bank_and_answers()) {
        let Ok(result) = engine::score(&bank, &answers) else { return Ok(()) };
        let Some(what_if) = &result.what_if else { return Ok(()) };
        prop_assert_eq!(what_if.role, result.recommendation.runner_up);
        prop_assert!(!what_if.changes.is_empty());
        prop_assert!(what_if.at_least <= what_if.changes.len());
        if what_if.exact {
            prop_assert_eq!(what_if.at_least, what_if.changes.len());
        }
        for change in &what_if.changes {
            prop_assert_eq!(answers.get(change.question), change.from.as_ref());
            prop_assert_ne!(Some(&change.to), change.from.as_ref());
        }
        let changed = engine::what_if::apply(&answers, &what_if.changes);
        let after = quick_score(&bank, &changed).unwrap();
        prop_assert_eq!(after.recommendation.role, what_if.role);
        prop_assert!(!after.recommendation.tie);
    }
}
