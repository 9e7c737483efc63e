//! Scoring: answers against role profiles. The contract (the README's
//! "Scoring rules" and docs/bank-format.md) is implemented here and nowhere else: per-question
//! contributions, per-dimension scores in 0..1, each role's fit, the
//! recommendation with its margin and verdict, and (in [`explain`]) the
//! reasons behind it. Nothing here knows about terminals or file formats.

pub mod adaptive;
pub mod analysis;
pub mod budget;
pub mod draw;
pub mod explain;
#[cfg(test)]
mod hostile;
pub mod reliability;
pub mod sample;
pub mod space;
mod tally;
pub mod what_if;

use thiserror::Error;

use crate::answers::{Answer, AnswerSet};
pub use crate::bank::Verdict;
use crate::bank::{Bank, DimIdx, Keyed, QuestionKind};

pub use explain::Reason;
pub use tally::Tally;
pub use what_if::WhatIf;

/// Fits closer than this are a tie: floating-point noise must not pick a
/// winner.
const TIE: f64 = 1e-9;

#[derive(Debug, Error, PartialEq)]
pub enum EngineError {
    #[error(
        "no question was answered, so there is nothing to score; answer at least one question on each dimension you care about"
    )]
    NothingAnswered,
    #[error(
        "the answered questions measure no dimension (their answers cannot move any score); answer more questions"
    )]
    NothingMeasured,
}

/// Precomputed per-bank facts for scoring many answer sets quickly.
#[derive(Debug, Clone)]
pub struct Scorer<'b> {
    bank: &'b Bank,
    /// For choice and multi questions: every dimension an option moves, with
    /// the smallest and largest contribution the question can give to it.
    ranges: Vec<Vec<(DimIdx, f64, f64)>>,
    /// `option_scores[q][o * n + k]` (`n` the length of `ranges[q]`):
    /// option `o`'s score on the `k`th dimension of `ranges[q]`, looked up
    /// once instead of per answer, in one block per question.
    option_scores: Vec<Vec<f64>>,
    /// Per question, what [`Scorer::contributions`] and [`Scorer::spans`]
    /// need of it, in one small block: scoring a class reads it for every
    /// answer (a likert scale's ends are found once: a scale may have
    /// thousands of points).
    plans: Vec<Plan>,
}

/// A question's part in scoring, looked up once.
#[derive(Debug, Clone, Copy)]
enum Plan {
    Likert {
        dimension: DimIdx,
        weight: f64,
        /// The scale's ends, and the weight times each.
        ends: (f64, f64),
        weighted: (f64, f64),
        minus: bool,
    },
    Number {
        dimension: DimIdx,
        weight: f64,
        min: f64,
        max: f64,
    },
    /// Choice and multi questions: their option tables.
    Choice,
    Multi,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionScore {
    pub dimension: DimIdx,
    pub raw: f64,
    pub min: f64,
    pub max: f64,
    /// `None` when no answered question measured the dimension.
    pub score: Option<f64>,
    /// How many answered questions measured it.
    pub answered: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoleFit {
    pub role: usize,
    pub fit: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recommendation {
    pub role: usize,
    pub runner_up: usize,
    pub margin: f64,
    pub verdict: Verdict,
    /// The two best fits are equal: neither is preferred.
    pub tie: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// Every answered likert question got the same scale value.
    SameLikertAnswer { value: f64, count: usize },
    /// No answered question measured this dimension.
    NotMeasured { dimension: DimIdx },
}

/// The scored result of one answer set.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub answered: usize,
    pub skipped: usize,
    pub total: usize,
    /// In bank order.
    pub dimensions: Vec<DimensionScore>,
    /// Best fit first; equal fits keep bank order.
    pub fits: Vec<RoleFit>,
    pub recommendation: Recommendation,
    pub reasons: Vec<Reason>,
    pub warnings: Vec<Warning>,
    /// The specialties to suggest, best first: the recommended role's top
    /// three, or on a `close` verdict the best of the two leading roles.
    pub specialties: Vec<SpecialtyFit>,
    /// The fewest answer changes that would make the runner-up the
    /// recommendation; only from [`Scorer::score_with_what_if`].
    pub what_if: Option<WhatIf>,
    /// Set instead of `what_if` when that search ran out of work budget
    /// before it found any change.
    pub what_if_unfinished: Option<what_if::Unfinished>,
}

/// How well one specialty of a role fits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpecialtyFit {
    pub role: usize,
    /// Index in the role's `specialties`.
    pub specialty: usize,
    pub fit: f64,
}

/// At most this many specialties of the recommended role are suggested.
pub const TOP_SPECIALTIES: usize = 3;

impl Assessment {
    /// Every specialty of `role`, best fit first, as [`Assessment::specialties`]
    /// ranks them: for a list of every job on a path.
    pub fn all_specialties(&self, bank: &Bank, role: usize) -> Vec<SpecialtyFit> {
        let total_weight = measured_weight(bank, &self.dimensions);
        ranked_specialties(bank, role, |profile| {
            profile_fit(bank, &self.dimensions, total_weight, profile)
        })
    }

    pub fn fit_of(&self, role: usize) -> f64 {
        self.fits
            .iter()
            .find(|f| f.role == role)
            .map_or(0.0, |f| f.fit)
    }
}

/// The summed weight of the dimensions some answer measured.
fn measured_weight(bank: &Bank, dimensions: &[DimensionScore]) -> f64 {
    dimensions
        .iter()
        .filter(|d| d.score.is_some())
        .map(|d| bank.dimensions[d.dimension].weight)
        .sum()
}

/// How well `profile` fits the measured scores: one minus the weighted
/// distance between them.
fn profile_fit(
    bank: &Bank,
    dimensions: &[DimensionScore],
    total_weight: f64,
    profile: &[f64],
) -> f64 {
    let distance: f64 = dimensions
        .iter()
        .filter_map(|d| {
            let s = d.score?;
            let t = *profile.get(d.dimension)?;
            Some(bank.dimensions[d.dimension].weight * (s - t).powi(2))
        })
        .sum();
    (1.0 - (distance / total_weight).sqrt()).clamp(0.0, 1.0)
}

/// Every specialty of `role` with its fit, best first; fits equal but for
/// rounding keep the bank's order.
fn ranked_specialties(bank: &Bank, role: usize, fit: impl Fn(&[f64]) -> f64) -> Vec<SpecialtyFit> {
    let Some(role_def) = bank.roles.get(role) else {
        return Vec::new();
    };
    let mut ranked: Vec<SpecialtyFit> = role_def
        .specialties
        .iter()
        .enumerate()
        .map(|(specialty, sp)| SpecialtyFit {
            role,
            specialty,
            fit: fit(&sp.profile),
        })
        .collect();
    let level = |f: &SpecialtyFit| (f.fit / TIE).round();
    ranked.sort_by(|a, b| level(b).total_cmp(&level(a)));
    ranked
}

/// Scores `answers` against `bank` with everything a report shows, the
/// what-if search included (a shortcut for one-off scoring).
pub fn score(bank: &Bank, answers: &AnswerSet) -> Result<Assessment, EngineError> {
    Scorer::new(bank).score_with_what_if(answers)
}

/// [`score`] for adaptive mode: the what-if search changes only the
/// answers to the questions `asked`, and leaves the others unasked.
pub fn score_asked(
    bank: &Bank,
    answers: &AnswerSet,
    asked: &[usize],
) -> Result<Assessment, EngineError> {
    Scorer::new(bank).score_with_what_if_among(answers, asked)
}

impl<'b> Scorer<'b> {
    pub fn new(bank: &'b Bank) -> Self {
        let ranges = bank
            .questions
            .iter()
            .map(|q| match &q.kind {
                QuestionKind::Choice { options } | QuestionKind::Multi { options } => {
                    let multi = matches!(q.kind, QuestionKind::Multi { .. });
                    // `moves` keeps exactly the dimensions whose range is > 0.
                    q.moves()
                        .into_iter()
                        .map(|d| {
                            let scores = options.iter().map(|o| o.score(d));
                            let (min, max) = if multi {
                                scores.fold((0.0, 0.0), |(lo, hi), s| {
                                    (lo + s.min(0.0), hi + s.max(0.0))
                                })
                            } else {
                                scores.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), s| {
                                    (lo.min(s), hi.max(s))
                                })
                            };
                            (d, min, max)
                        })
                        .collect()
                }
                _ => Vec::new(),
            })
            .collect();
        let option_scores = bank
            .questions
            .iter()
            .zip(&ranges)
            .map(|(q, dims): (_, &Vec<(DimIdx, f64, f64)>)| {
                q.kind
                    .options()
                    .iter()
                    .flat_map(|o| dims.iter().map(|&(d, _, _)| o.score(d)))
                    .collect()
            })
            .collect();
        let plans = bank
            .questions
            .iter()
            .map(|q| match &q.kind {
                QuestionKind::Likert {
                    dimension,
                    keyed,
                    weight,
                    scale,
                } => {
                    let (lo, hi) = (scale.min(), scale.max());
                    Plan::Likert {
                        dimension: *dimension,
                        weight: *weight,
                        ends: (lo, hi),
                        weighted: (weight * lo, weight * hi),
                        minus: *keyed == Keyed::Minus,
                    }
                }
                QuestionKind::Number {
                    dimension,
                    min,
                    max,
                    weight,
                    ..
                } => Plan::Number {
                    dimension: *dimension,
                    weight: *weight,
                    min: *min,
                    max: *max,
                },
                QuestionKind::Choice { .. } => Plan::Choice,
                QuestionKind::Multi { .. } => Plan::Multi,
            })
            .collect();
        Scorer {
            bank,
            ranges,
            option_scores,
            plans,
        }
    }

    pub fn bank(&self) -> &'b Bank {
        self.bank
    }

    /// Option `o` of question `q`: its score on each dimension of
    /// `ranges[q]`, in that order.
    fn option_row(&self, q: usize, o: usize) -> &[f64] {
        let n = self.ranges[q].len();
        &self.option_scores[q][o * n..o * n + n]
    }

    /// Calls `f(dimension, contribution, min, max)` for every dimension an
    /// answer to question `q` moves: the contribution the answer gave and
    /// the smallest and largest any answer could give.
    pub fn contributions(&self, q: usize, answer: &Answer, f: impl FnMut(DimIdx, f64, f64, f64)) {
        self.planned(q, &self.plans[q], answer, f);
    }

    /// [`Scorer::contributions`] with question `q`'s plan already at hand
    /// (scoring a class walks the plans beside the answers).
    fn planned(
        &self,
        q: usize,
        plan: &Plan,
        answer: &Answer,
        mut f: impl FnMut(DimIdx, f64, f64, f64),
    ) {
        match (plan, answer) {
            (
                &Plan::Likert {
                    dimension,
                    weight,
                    ends: (lo, hi),
                    weighted: (low, high),
                    minus,
                },
                Answer::Scale(value),
            ) => {
                let value = if minus { lo + hi - value } else { *value };
                f(dimension, weight * value, low, high);
            }
            (
                &Plan::Number {
                    dimension,
                    weight,
                    min,
                    max,
                },
                Answer::Number(x),
            ) => f(dimension, weight * (x - min) / (max - min), 0.0, weight),
            (Plan::Choice, Answer::Choice(chosen)) => {
                let scores = self.option_row(q, *chosen);
                for (&(d, lo, hi), &score) in self.ranges[q].iter().zip(scores) {
                    f(d, score, lo, hi);
                }
            }
            (Plan::Multi, Answer::Multi(chosen)) => {
                let (table, n) = (&self.option_scores[q], self.ranges[q].len());
                for (k, &(d, lo, hi)) in self.ranges[q].iter().enumerate() {
                    let sum = chosen.iter().map(|&o| table[o * n + k]).sum();
                    f(d, sum, lo, hi);
                }
            }
            // Answers are checked against their question before scoring; a
            // mismatched one moves nothing.
            _ => {}
        }
    }

    /// Calls `f(dimension, min, max)` for every dimension question `q` can
    /// move: the smallest and largest contribution any answer could give.
    pub fn spans(&self, q: usize, mut f: impl FnMut(DimIdx, f64, f64)) {
        match self.plans[q] {
            Plan::Likert {
                dimension,
                weighted: (low, high),
                ..
            } => f(dimension, low, high),
            Plan::Number {
                dimension, weight, ..
            } => f(dimension, 0.0, weight),
            Plan::Choice | Plan::Multi => {
                for &(d, lo, hi) in &self.ranges[q] {
                    f(d, lo, hi);
                }
            }
        }
    }

    /// The numbers, reasons and specialties, without the what-if search
    /// (which costs far more than scoring).
    pub fn score(&self, answers: &AnswerSet) -> Result<Assessment, EngineError> {
        self.assess(answers, Detail::Everything)
    }

    /// [`Scorer::score`] plus the fewest answer changes that would make the
    /// runner-up the recommendation.
    pub fn score_with_what_if(&self, answers: &AnswerSet) -> Result<Assessment, EngineError> {
        let assessment = self.assess(answers, Detail::Everything)?;
        let outcome = what_if::what_if(self, answers, &assessment);
        Ok(with_what_if(assessment, outcome))
    }

    /// [`Scorer::score_with_what_if`] changing only the answers to `asked`
    /// (adaptive mode).
    pub fn score_with_what_if_among(
        &self,
        answers: &AnswerSet,
        asked: &[usize],
    ) -> Result<Assessment, EngineError> {
        let assessment = self.assess(answers, Detail::Everything)?;
        let outcome = what_if::what_if_among(self, answers, &assessment, asked);
        Ok(with_what_if(assessment, outcome))
    }

    /// Like [`Scorer::score`] but without the reasons, which batch scoring
    /// does not show: the numbers are the same.
    pub fn score_without_reasons(&self, answers: &AnswerSet) -> Result<Assessment, EngineError> {
        self.assess(answers, Detail::Specialties)
    }

    /// Only the numbers a batch row shows: dimension scores, fits, the
    /// recommendation and warnings; no reasons and no specialties (ranking
    /// them costs as much as the rest of scoring).
    pub fn score_numbers(&self, answers: &AnswerSet) -> Result<Assessment, EngineError> {
        self.assess(answers, Detail::Numbers)
    }

    fn assess(&self, answers: &AnswerSet, detail: Detail) -> Result<Assessment, EngineError> {
        let explain = detail == Detail::Everything;
        let bank = self.bank;
        let mut tally = Tally::default();
        let recommendation = self.tally(answers, &mut tally)?;
        let Tally {
            dimensions,
            fits: role_fits,
        } = tally;
        let answered = answers.answered();
        let mut fits: Vec<RoleFit> = role_fits
            .iter()
            .enumerate()
            .map(|(role, &fit)| RoleFit { role, fit })
            .collect();
        // Stable: equal fits keep bank order, as `recommend` picks them.
        fits.sort_by(|a, b| b.fit.total_cmp(&a.fit));
        let verdict = recommendation.verdict;
        let total_weight = measured_weight(bank, &dimensions);
        let fit = |profile: &[f64]| profile_fit(bank, &dimensions, total_weight, profile);

        let mut warnings = Vec::new();
        // (first value, how many, all equal so far)
        let mut likert: Option<(f64, usize, bool)> = None;
        for (_, answer) in answers.iter() {
            if let Answer::Scale(v) = answer {
                likert = Some(match likert {
                    None => (*v, 1, true),
                    Some((first, n, same)) => (first, n + 1, same && *v == first),
                });
            }
        }
        if let Some((value, count, true)) = likert
            && count >= 2
        {
            warnings.push(Warning::SameLikertAnswer { value, count });
        }
        warnings.extend(dimensions.iter().filter(|d| d.score.is_none()).map(|d| {
            Warning::NotMeasured {
                dimension: d.dimension,
            }
        }));
        let reasons = if explain {
            explain::reasons(self, answers, &dimensions, &recommendation)
        } else {
            Vec::new()
        };
        let ranked = |role: usize| ranked_specialties(bank, role, fit);
        let specialties = if detail == Detail::Numbers {
            Vec::new()
        } else if verdict == Verdict::Close {
            [recommendation.role, recommendation.runner_up]
                .into_iter()
                .filter_map(|role| ranked(role).into_iter().next())
                .collect()
        } else {
            let mut top = ranked(recommendation.role);
            top.truncate(TOP_SPECIALTIES);
            top
        };
        Ok(Assessment {
            answered,
            skipped: answers.len() - answered,
            total: answers.len(),
            dimensions,
            fits,
            recommendation,
            reasons,
            warnings,
            specialties,
            what_if: None,
            what_if_unfinished: None,
        })
    }
}

/// How much of an [`Assessment`] to work out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Reasons and specialties too.
    Everything,
    /// Specialties, no reasons.
    Specialties,
    /// Neither.
    Numbers,
}

/// `assessment` with what the what-if search came to.
fn with_what_if(mut assessment: Assessment, outcome: what_if::Outcome) -> Assessment {
    match outcome {
        what_if::Outcome::Found(found) => assessment.what_if = Some(found),
        what_if::Outcome::Unfinished(cut) => assessment.what_if_unfinished = Some(cut),
        what_if::Outcome::Nothing => {}
    }
    assessment
}

#[cfg(test)]
mod tests;
