//! A result's numbers alone — dimension scores, each role's fit and the
//! recommendation — into buffers kept from one answer set to the next:
//! what scoring a class needs per respondent, and the start of every
//! [`Assessment`](crate::engine::Assessment).

use super::{
    DimensionScore, EngineError, Recommendation, Scorer, TIE, measured_weight, profile_fit,
};
use crate::answers::AnswerSet;
use crate::bank::Bank;

/// The numbers of one answer set, in buffers kept from one to the next
/// (see [`Scorer::tally`]).
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// In bank order.
    pub dimensions: Vec<DimensionScore>,
    /// Each role's fit, in bank order.
    pub fits: Vec<f64>,
}

/// The best fit and the runner-up, each the first in bank order among
/// equal fits (as a stable sort, best first, puts them), with the margin
/// and verdict between them.
fn recommend(bank: &Bank, fits: &[f64]) -> Recommendation {
    let above = |a: usize, b: usize| fits[a].total_cmp(&fits[b]).is_gt();
    let best = (1..fits.len()).fold(0, |best, r| if above(r, best) { r } else { best });
    let second = (0..fits.len())
        .filter(|&r| r != best)
        .reduce(|second, r| if above(r, second) { r } else { second })
        .unwrap_or(best);
    let (best_fit, second_fit) = (fits.get(best), fits.get(second));
    let gap = match (best_fit, second_fit) {
        (Some(b), Some(s)) => b - s,
        _ => 0.0,
    };
    let tie = gap < TIE;
    let margin = if tie { 0.0 } else { gap };
    Recommendation {
        role: best,
        runner_up: second,
        margin,
        verdict: bank.thresholds.verdict(margin, tie),
        tie,
    }
}

impl Scorer<'_> {
    /// The numbers of a result — dimension scores, each role's fit and
    /// the recommendation — into `tally`, whose memory is kept from one
    /// answer set to the next: all a batch row needs, and the start of
    /// every [`Assessment`](crate::engine::Assessment).
    pub fn tally(
        &self,
        answers: &AnswerSet,
        tally: &mut Tally,
    ) -> Result<Recommendation, EngineError> {
        let bank = self.bank;
        let dimensions = &mut tally.dimensions;
        let zero = |dimension| DimensionScore {
            dimension,
            raw: 0.0,
            min: 0.0,
            max: 0.0,
            score: None,
            answered: 0,
        };
        if dimensions.len() == bank.dimensions.len() {
            for (dimension, dim) in dimensions.iter_mut().enumerate() {
                *dim = zero(dimension);
            }
        } else {
            dimensions.clear();
            dimensions.extend((0..bank.dimensions.len()).map(zero));
        }
        let mut answered = 0;
        // Each question's plan beside its answer, not looked up.
        for ((q, slot), plan) in answers.slots().iter().enumerate().zip(&self.plans) {
            let Some(answer) = slot else { continue };
            answered += 1;
            self.planned(q, plan, answer, |d, c, lo, hi| {
                let dim = &mut dimensions[d];
                dim.raw += c;
                dim.min += lo;
                dim.max += hi;
                dim.answered += 1;
            });
        }
        if answered == 0 {
            return Err(EngineError::NothingAnswered);
        }
        for dim in dimensions.iter_mut() {
            if dim.answered > 0 && dim.max > dim.min {
                dim.score = Some(((dim.raw - dim.min) / (dim.max - dim.min)).clamp(0.0, 1.0));
            }
        }
        if dimensions.iter().all(|d| d.score.is_none()) {
            return Err(EngineError::NothingMeasured);
        }
        let total_weight = measured_weight(bank, dimensions);
        tally.fits.clear();
        tally.fits.extend(
            bank.roles
                .iter()
                .map(|r| profile_fit(bank, dimensions, total_weight, &r.profile)),
        );
        Ok(recommend(bank, &tally.fits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::bundled;
    use crate::engine::sample::Sampler;

    proptest::proptest! {
        /// A tally's sums are the answers' contributions, added in
        /// question order, to the bit: walking the plans beside the
        /// answers is only a shortcut to [`Scorer::contributions`].
        #[test]
        fn a_tally_sums_the_contributions(seed in proptest::num::u64::ANY) {
            for bank_id in ["healthcare", "interests"] {
                let bank = bundled::find(bank_id).unwrap().load().unwrap();
                let scorer = Scorer::new(&bank);
                let mut tally = Tally::default();
                for (_, drawn) in Sampler::new(&bank, seed).take(40) {
                    let mut answers = AnswerSet::new(&bank);
                    for (q, answer) in drawn.into_iter().enumerate() {
                        answers.set(q, answer);
                    }
                    let mut sums = vec![(0.0f64, 0.0f64, 0.0f64, 0usize); bank.dimensions.len()];
                    for (q, answer) in answers.iter() {
                        scorer.contributions(q, answer, |d, c, lo, hi| {
                            let sum = &mut sums[d];
                            sum.0 += c;
                            sum.1 += lo;
                            sum.2 += hi;
                            sum.3 += 1;
                        });
                    }
                    if scorer.tally(&answers, &mut tally).is_err() {
                        continue;
                    }
                    let got: Vec<_> = tally
                        .dimensions
                        .iter()
                        .map(|d| (d.raw.to_bits(), d.min.to_bits(), d.max.to_bits(), d.answered))
                        .collect();
                    let expected: Vec<_> = sums
                        .iter()
                        .map(|s| (s.0.to_bits(), s.1.to_bits(), s.2.to_bits(), s.3))
                        .collect();
                    proptest::prop_assert_eq!(got, expected);
                }
            }
        }
    }
}
