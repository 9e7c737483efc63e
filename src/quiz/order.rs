//! The order a quiz asks its questions in, and the order each question's
//! options are shown in. Shuffling keeps students from reading the bank's
//! structure off the page (all "people" questions first, the same option
//! always on top); a seed makes a shuffled quiz repeatable, so the same seed
//! must give the same order on every platform and with every build of
//! pathfit. Everything that decides the order therefore lives here, in code
//! we own, on top of a generator whose output stream is documented as
//! portable.
//!
//! # Why not `rand`'s `shuffle`/`random_range`
//!
//! How `rand` turns random words into a bounded integer or a shuffle is an
//! implementation detail that its releases have changed before (a
//! "value-breaking" change, allowed in any new minor release), so a seed
//! could give a different order after a dependency update. Only the named
//! generators' output streams are promised to stay the same. So we take
//! only raw `next_u64()` words from
//! [`ChaCha8Rng`] (the `rand_chacha` crate, whose generators are documented
//! as "deterministic and portable" and tested against reference vectors;
//! `rand_core` calls any change to `seed_from_u64` "value-breaking") and do
//! the rest ourselves (in `engine::draw`): unbiased rejection sampling for a bounded index and a
//! plain Fisher–Yates shuffle. `rand_chacha` 0.10 uses `rand_core` 0.10, the
//! same major as `rand` 0.10, so one `rand_core` is built.
//!
//! # The draw sequence (changing it changes every seeded order)
//!
//! 1. Shuffle the question indices `0..n` with Fisher–Yates.
//! 2. Then, for each question **in bank order**, shuffle its options if it
//!    is a choice or multi question; likert and number questions draw
//!    nothing.
//!
//! `tests::pinned_order_for_seed_42` fixes the result for one seed.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use crate::bank::{Bank, QuestionKind};
use crate::engine::draw::shuffle;

/// The order of one quiz run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// Bank question indices, in the order they are asked.
    pub questions: Vec<usize>,
    /// Indexed by bank question index: the order its answers are shown in.
    /// Choice and multi questions: a permutation of their option indices.
    /// Likert questions: their scale points in scale order (never shuffled:
    /// a scale is ordered). Number questions: empty.
    pub options: Vec<Vec<usize>>,
}

impl Order {
    /// The bank's own order: questions and options as written.
    pub fn identity(bank: &Bank) -> Self {
        Order {
            questions: (0..bank.questions.len()).collect(),
            options: bank
                .questions
                .iter()
                .map(|q| (0..display_len(&q.kind)).collect())
                .collect(),
        }
    }

    /// How many questions are asked.
    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }
}

/// How many answers a question shows: options, scale points, or none.
fn display_len(kind: &QuestionKind) -> usize {
    match kind {
        QuestionKind::Choice { options } | QuestionKind::Multi { options } => options.len(),
        QuestionKind::Likert { scale, .. } => scale.points.len(),
        QuestionKind::Number { .. } => 0,
    }
}

/// The order to ask `bank`'s questions in: the bank's order with no seed, a
/// shuffled one (see the module docs for the exact draws) with a seed.
pub fn question_order(bank: &Bank, seed: Option<u64>) -> Order {
    let mut order = Order::identity(bank);
    let Some(seed) = seed else {
        return order;
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    shuffle(&mut rng, &mut order.questions);
    for (question, options) in bank.questions.iter().zip(&mut order.options) {
        if matches!(
            question.kind,
            QuestionKind::Choice { .. } | QuestionKind::Multi { .. }
        ) {
            shuffle(&mut rng, options);
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank;
    use crate::input::source::SourceFile;
    use rand_chacha::rand_core::Rng;

    /// Three likert questions (one with its own three-point scale), two
    /// choice, one multi and one number question.
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
  - { id: l2, kind: likert, text: t, dimension: y, keyed: minus }
  - id: l3
    kind: likert
    text: t
    dimension: x
    scale: [ { value: 0, label: a }, { value: 1, label: b }, { value: 2, label: c } ]
  - id: c1
    kind: choice
    text: t
    options:
      - { id: a, text: a, scores: { x: 2 } }
      - { id: b, text: b, scores: { y: 2 } }
      - { id: c, text: c, scores: { x: 1, y: 1 } }
      - { id: d, text: d, scores: { x: 0 } }
  - id: m
    kind: multi
    text: t
    options:
      - { id: p, text: p, scores: { y: 1 } }
      - { id: q, text: q, scores: { y: -1 } }
      - { id: r, text: r, scores: { x: 1 } }
      - { id: s, text: s, scores: { x: -1 } }
      - { id: u, text: u, scores: { x: 2 } }
  - id: c2
    kind: choice
    text: t
    options:
      - { id: a, text: a, scores: { x: 2 } }
      - { id: b, text: b, scores: { y: 2 } }
      - { id: c, text: c, scores: { y: 1 } }
  - { id: n, kind: number, text: t, dimension: y, min: 0, max: 10 }
"#;

    fn bank() -> Bank {
        bank::load(SourceFile::new("t.yaml", BANK)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn is_permutation(items: &[usize], n: usize) -> bool {
        let mut sorted = items.to_vec();
        sorted.sort_unstable();
        sorted == (0..n).collect::<Vec<_>>()
    }

    #[test]
    fn no_seed_keeps_the_bank_order() {
        let bank = bank();
        let order = question_order(&bank, None);
        assert_eq!(order.questions, vec![0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(
            order.options,
            vec![
                vec![0, 1, 2, 3, 4],
                vec![0, 1, 2, 3, 4],
                vec![0, 1, 2],
                vec![0, 1, 2, 3],
                vec![0, 1, 2, 3, 4],
                vec![0, 1, 2],
                vec![],
            ]
        );
        assert_eq!(order, Order::identity(&bank));
    }

    /// The "a test fixes one seed's order" requirement: these numbers were
    /// computed once by running this code. If this test fails, a seed no
    /// longer reproduces the order students were given before; that is a
    /// breaking change, not a test to update casually.
    #[test]
    fn pinned_order_for_seed_42() {
        let bank = bank();
        let order = question_order(&bank, Some(42));
        assert_eq!(order.questions, vec![1, 6, 3, 2, 0, 4, 5]);
        assert_eq!(order.options[3], vec![1, 2, 3, 0]);
        assert_eq!(order.options[4], vec![3, 2, 1, 0, 4]);
        assert_eq!(order.options[5], vec![1, 0, 2]);
        // Likert and number questions are not shuffled.
        assert_eq!(order.options[0], vec![0, 1, 2, 3, 4]);
        assert_eq!(order.options[2], vec![0, 1, 2]);
        assert_eq!(order.options[6], Vec::<usize>::new());
    }

    /// The generator's own words for seed 42, so that if the pinned order
    /// above ever changes, this tells whether `rand_chacha` (or
    /// `seed_from_u64`) changed or our shuffle did. The order above was also
    /// checked by replaying these words through an independent
    /// implementation of `below` and `shuffle`.
    #[test]
    fn pinned_generator_words_for_seed_42() {
        let mut rng = ChaCha8Rng::seed_from_u64(42);
        assert_eq!(rng.next_u64(), 12578764544318200737);
        assert_eq!(rng.next_u64(), 17529487244874322312);
        assert_eq!(rng.next_u64(), 7886285670807131020);
    }

    #[test]
    fn the_same_seed_gives_the_same_order() {
        let bank = bank();
        for seed in [0, 1, 42, u64::MAX] {
            assert_eq!(
                question_order(&bank, Some(seed)),
                question_order(&bank, Some(seed))
            );
        }
    }

    #[test]
    fn different_seeds_usually_differ() {
        let bank = bank();
        let orders: Vec<Order> = (0..50).map(|s| question_order(&bank, Some(s))).collect();
        let mut unique = 0;
        for (i, o) in orders.iter().enumerate() {
            if !orders[..i].contains(o) {
                unique += 1;
            }
        }
        // 7! question orders times the option orders: collisions among 50
        // seeds would point at a broken shuffle.
        assert!(unique >= 49, "only {unique} distinct orders from 50 seeds");
        assert_ne!(
            question_order(&bank, Some(1)).questions,
            question_order(&bank, Some(2)).questions
        );
    }

    #[test]
    fn every_order_is_a_permutation_and_scales_stay_put() {
        let bank = bank();
        for seed in 0..200 {
            let order = question_order(&bank, Some(seed));
            assert!(is_permutation(&order.questions, bank.questions.len()));
            assert_eq!(order.options.len(), bank.questions.len());
            for (question, options) in bank.questions.iter().zip(&order.options) {
                match &question.kind {
                    QuestionKind::Likert { scale, .. } => {
                        assert_eq!(*options, (0..scale.points.len()).collect::<Vec<_>>());
                    }
                    QuestionKind::Number { .. } => assert!(options.is_empty()),
                    kind => assert!(is_permutation(options, kind.options().len())),
                }
            }
        }
    }
}
