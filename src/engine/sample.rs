//! Random respondents, seeded and reproducible: for trying `batch`, for
//! tests and benchmarks. Each answers every question with an answer drawn
//! evenly from what the question allows, and skips one in twenty.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use super::draw::below;
use super::space::Space;
use crate::answers::Answer;
use crate::bank::Bank;

/// One in this many random answers is left empty (skipped).
const SKIP: u64 = 20;

/// Draws respondents `s0000001`, `s0000002`, … for one bank. Each answer
/// is drawn from its question's [`Space`] by index, so a draw costs the
/// same however long the scale.
pub struct Sampler<'b> {
    rng: ChaCha8Rng,
    /// Per question: every answer it can get, a skip first.
    spaces: Vec<Space<'b>>,
    drawn: u64,
}

impl<'b> Sampler<'b> {
    pub fn new(bank: &'b Bank, seed: u64) -> Self {
        Sampler {
            rng: ChaCha8Rng::seed_from_u64(seed),
            spaces: bank.questions.iter().map(|q| Space::of(&q.kind)).collect(),
            drawn: 0,
        }
    }
}

impl Iterator for Sampler<'_> {
    /// A respondent's id and one answer (or skip) per question.
    type Item = (String, Vec<Option<Answer>>);

    fn next(&mut self) -> Option<Self::Item> {
        self.drawn += 1;
        let answers = self
            .spaces
            .iter()
            .map(|space| {
                let skip = below(&mut self.rng, SKIP) == 0;
                // Index 0 is the skip itself.
                let pick = 1 + below(&mut self.rng, space.len() as u64 - 1) as usize;
                if skip { None } else { space.get(pick) }
            })
            .collect();
        Some((format!("s{:07}", self.drawn), answers))
    }
}
