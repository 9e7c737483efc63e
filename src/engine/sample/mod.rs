//! Random respondents, seeded and reproducible: for trying `batch` and
//! `analyze`, for tests and benchmarks. Two models:
//!
//! - [`Model::Uniform`]: each answers every question with an answer drawn
//!   evenly from what the question allows, and skips one in twenty. The
//!   answers agree with nothing, so a bank's reliability comes out near 0.
//! - [`Model::Latent`]: each has a level on every dimension and answers
//!   every question from those levels with some noise, as a person who
//!   knows what they like but is not always sure would ([`latent`] says
//!   exactly how). The questions of one dimension then agree with each
//!   other about as well as in a good real questionnaire.
//!
//! Both draw every number from one ChaCha8 stream with portable arithmetic
//! only (no logarithm or sine whose last bit could differ between
//! platforms), so a seed gives the same respondents everywhere.

pub mod latent;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use super::draw::below;
use super::space::Space;
use crate::answers::Answer;
use crate::bank::Bank;
use latent::Latent;

/// One in this many uniform answers is left empty (skipped).
const SKIP: u64 = 20;

/// How the random respondents answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Model {
    /// Every answer drawn evenly from what the question allows.
    #[default]
    Uniform,
    /// Answers drawn from a level per dimension, with noise.
    Latent,
}

/// Draws respondents `s0000001`, `s0000002`, … for one bank.
pub struct Sampler<'b> {
    rng: ChaCha8Rng,
    how: How<'b>,
    drawn: u64,
}

enum How<'b> {
    /// Per question: every answer it can get, a skip first. Each answer is
    /// drawn by index, so a draw costs the same however long the scale.
    Uniform(Vec<Space<'b>>),
    Latent(Latent),
}

impl<'b> Sampler<'b> {
    /// Respondents of the uniform model.
    pub fn new(bank: &'b Bank, seed: u64) -> Self {
        Sampler::with_model(bank, seed, Model::Uniform)
    }

    pub fn with_model(bank: &'b Bank, seed: u64, model: Model) -> Self {
        let how = match model {
            Model::Uniform => {
                How::Uniform(bank.questions.iter().map(|q| Space::of(&q.kind)).collect())
            }
            Model::Latent => How::Latent(Latent::new(bank)),
        };
        Sampler {
            rng: ChaCha8Rng::seed_from_u64(seed),
            how,
            drawn: 0,
        }
    }
}

impl Iterator for Sampler<'_> {
    /// A respondent's id and one answer (or skip) per question.
    type Item = (String, Vec<Option<Answer>>);

    fn next(&mut self) -> Option<Self::Item> {
        self.drawn += 1;
        let rng = &mut self.rng;
        let answers = match &mut self.how {
            How::Uniform(spaces) => spaces
                .iter()
                .map(|space| {
                    let skip = below(rng, SKIP) == 0;
                    // Index 0 is the skip itself.
                    let pick = 1 + below(rng, space.len() as u64 - 1) as usize;
                    if skip { None } else { space.get(pick) }
                })
                .collect(),
            How::Latent(latent) => latent.respondent(rng),
        };
        Some((format!("s{:07}", self.drawn), answers))
    }
}

#[cfg(test)]
mod tests;
