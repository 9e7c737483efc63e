//! Why the recommended role beat the runner-up. The gap between two roles'
//! fits comes from their weighted squared distances to the student's scores,
//! and that difference splits exactly into one term per dimension; each
//! reason is one such term, with the answers that moved it most.

use super::{DimensionScore, Recommendation, Scorer};
use crate::answers::AnswerSet;
use crate::bank::DimIdx;

/// At most this many dimensions in favour of the winner are explained.
const MAX_FOR_WINNER: usize = 3;
/// At most this many answers are named per dimension.
const MAX_ANSWERS: usize = 2;
/// Terms smaller than this explain nothing.
const NEGLIGIBLE: f64 = 1e-6;

/// One dimension's part in the comparison between two roles.
#[derive(Debug, Clone, PartialEq)]
pub struct Reason {
    pub dimension: DimIdx,
    /// The role this dimension speaks for.
    pub favours: usize,
    /// The role it speaks against.
    pub against: usize,
    /// `w × ((s − t_against)² − (s − t_favours)²)`: how much closer the
    /// student is to `favours` than to `against` on this dimension, > 0.
    pub advantage: f64,
    /// This reason's part of all the dimensions' advantages (0..1).
    pub share: f64,
    pub score: f64,
    /// Answered questions (indices) that pushed this dimension towards
    /// `favours` the most, strongest first.
    pub answers: Vec<usize>,
}

/// The dimensions that favour the winner most (strongest first), then every
/// dimension that favours the runner-up.
pub fn reasons(
    scorer: &Scorer<'_>,
    answers: &AnswerSet,
    dimensions: &[DimensionScore],
    recommendation: &Recommendation,
) -> Vec<Reason> {
    let bank = scorer.bank();
    let (winner, runner) = (recommendation.role, recommendation.runner_up);
    let terms: Vec<(DimIdx, f64, f64)> = dimensions
        .iter()
        .filter_map(|d| {
            let s = d.score?;
            let w = bank.dimensions[d.dimension].weight;
            let tw = bank.roles[winner].profile[d.dimension];
            let tr = bank.roles[runner].profile[d.dimension];
            Some((d.dimension, w * ((s - tr).powi(2) - (s - tw).powi(2)), s))
        })
        .collect();
    let total: f64 = terms.iter().map(|(_, a, _)| a.abs()).sum();
    if total < NEGLIGIBLE {
        return Vec::new();
    }
    let mut for_winner: Vec<_> = terms.iter().filter(|t| t.1 >= NEGLIGIBLE).collect();
    for_winner.sort_by(|a, b| b.1.total_cmp(&a.1));
    for_winner.truncate(MAX_FOR_WINNER);
    let mut for_runner: Vec<_> = terms.iter().filter(|t| t.1 <= -NEGLIGIBLE).collect();
    for_runner.sort_by(|a, b| a.1.total_cmp(&b.1));

    let reason =
        |&&(dimension, advantage, score): &&(DimIdx, f64, f64), favours: usize, against: usize| {
            let range = &dimensions[dimension];
            let t_for = bank.roles[favours].profile[dimension];
            let t_against = bank.roles[against].profile[dimension];
            let direction = (t_for - t_against).signum();
            let mut pulls: Vec<(usize, f64)> = Vec::new();
            for (q, answer) in answers.iter() {
                scorer.contributions(q, answer, |d, c, lo, hi| {
                    if d == dimension && range.max > range.min {
                        let pull = direction * (c - (lo + hi) / 2.0) / (range.max - range.min);
                        if pull > NEGLIGIBLE {
                            pulls.push((q, pull));
                        }
                    }
                });
            }
            pulls.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            Reason {
                dimension,
                favours,
                against,
                advantage: advantage.abs(),
                share: advantage.abs() / total,
                score,
                answers: pulls.iter().take(MAX_ANSWERS).map(|p| p.0).collect(),
            }
        };
    for_winner
        .iter()
        .map(|t| reason(t, winner, runner))
        .chain(for_runner.iter().map(|t| reason(t, runner, winner)))
        .collect()
}
