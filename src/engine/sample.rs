//! Random respondents, seeded and reproducible: for trying `batch`, for
//! tests and benchmarks. Each answers every question with an answer drawn
//! evenly from what the question allows, and skips one in twenty.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use super::draw::below;
use crate::answers::{Answer, candidates};
use crate::bank::Bank;

/// One in this many random answers is left empty (skipped).
const SKIP: u64 = 20;

/// Draws respondents `s0000001`, `s0000002`, … for one bank.
pub struct Sampler {
    rng: ChaCha8Rng,
    /// Per question: every answer it can get, a skip first.
    candidates: Vec<Vec<Option<Answer>>>,
    drawn: u64,
}

impl Sampler {
    pub fn new(bank: &Bank, seed: u64) -> Self {
        Sampler {
            rng: ChaCha8Rng::seed_from_u64(seed),
            candidates: bank.questions.iter().map(|q| candidates(&q.kind)).collect(),
            drawn: 0,
        }
    }
}

impl Iterator for Sampler {
    /// A respondent's id and one answer (or skip) per question.
    type Item = (String, Vec<Option<Answer>>);

    fn next(&mut self) -> Option<Self::Item> {
        self.drawn += 1;
        let answers = self
            .candidates
            .iter()
            .map(|options| {
                let skip = below(&mut self.rng, SKIP) == 0;
                // Index 0 is the skip itself.
                let pick = 1 + below(&mut self.rng, options.len() as u64 - 1) as usize;
                if skip { None } else { options[pick].clone() }
            })
            .collect();
        Some((format!("s{:07}", self.drawn), answers))
    }
}
