//! The one pass over respondents: per dimension, listwise [`Moments`] of
//! its item scores; per item, its own moments and how the answers fell.

use super::figures::{self, describe};
use super::moments::Moments;
use super::{
    BankRef, Bin, DimensionReliability, Flag, ItemAnalysis, ItemStats, RespondentCounts,
    SCHEMA_VERSION,
};
use crate::answers::{Answer, AnswerSet};
use crate::bank::{DimIdx, QuestionKind, VerdictCounts};
use crate::engine::{Assessment, Scorer, Warning};

/// Scales with at most this many points are counted point by point; longer
/// ones, and number questions, in [`RANGE_BINS`] equal ranges.
pub const MAX_POINT_BINS: usize = 20;
/// How many ranges a long scale or a number question is counted in.
pub const RANGE_BINS: usize = 10;

/// One item's own moments, over everyone who answered it.
#[derive(Debug, Clone, Default)]
struct ItemMoments {
    n: usize,
    mean: f64,
    m2: f64,
    at_low: usize,
    at_high: usize,
}

/// How one question's answers fell.
#[derive(Debug, Clone)]
enum Counts {
    /// Per scale point, in the scale's order.
    Points(Vec<usize>),
    /// Per option: chosen (choice) or ticked (multi).
    Options(Vec<usize>),
    /// Equal ranges from `low`, `width` wide; `whole`: one per whole number.
    Ranges {
        low: f64,
        width: f64,
        whole: bool,
        counts: Vec<usize>,
    },
}

impl Counts {
    fn of(kind: &QuestionKind) -> Counts {
        match kind {
            QuestionKind::Likert { scale, .. } if scale.points.len() <= MAX_POINT_BINS => {
                Counts::Points(vec![0; scale.points.len()])
            }
            QuestionKind::Likert { scale, .. } => Counts::ranges(scale.min(), scale.max()),
            QuestionKind::Choice { options } | QuestionKind::Multi { options } => {
                Counts::Options(vec![0; options.len()])
            }
            QuestionKind::Number { min, max, .. } => Counts::ranges(*min, *max),
        }
    }

    fn ranges(low: f64, high: f64) -> Counts {
        let span = high - low;
        let whole = low.fract() == 0.0 && high.fract() == 0.0 && span <= MAX_POINT_BINS as f64;
        let (width, bins) = if whole {
            (1.0, span as usize + 1)
        } else {
            (span / RANGE_BINS as f64, RANGE_BINS)
        };
        Counts::Ranges {
            low,
            width,
            whole,
            counts: vec![0; bins.max(1)],
        }
    }

    fn add(&mut self, kind: &QuestionKind, answer: &Answer) {
        match (self, kind, answer) {
            (Counts::Points(counts), QuestionKind::Likert { scale, .. }, Answer::Scale(v)) => {
                if let Some(i) = scale.points.iter().position(|p| p.value == *v) {
                    counts[i] += 1;
                }
            }
            (Counts::Options(counts), _, Answer::Choice(o)) => {
                if let Some(c) = counts.get_mut(*o) {
                    *c += 1;
                }
            }
            (Counts::Options(counts), _, Answer::Multi(chosen)) => {
                for &o in chosen {
                    if let Some(c) = counts.get_mut(o) {
                        *c += 1;
                    }
                }
            }
            (
                Counts::Ranges {
                    low, width, counts, ..
                },
                _,
                Answer::Scale(v) | Answer::Number(v),
            ) => {
                let last = counts.len() - 1;
                let at = if *width > 0.0 {
                    ((v - *low) / *width).floor()
                } else {
                    0.0
                };
                // `as` saturates: NaN and below zero land in the first bin.
                counts[(at as usize).min(last)] += 1;
            }
            _ => {}
        }
    }

    /// The bins, with shares of `answered`; `rare` only for options.
    fn bins(&self, kind: &QuestionKind, answered: usize) -> Vec<Bin> {
        let share = |count: usize| {
            if answered == 0 {
                0.0
            } else {
                count as f64 / answered as f64
            }
        };
        match (self, kind) {
            (Counts::Points(counts), QuestionKind::Likert { scale, .. }) => scale
                .points
                .iter()
                .zip(counts)
                .map(|(p, &count)| Bin {
                    value: describe(p.value),
                    label: p.label.clone(),
                    count,
                    share: share(count),
                    rare: false,
                })
                .collect(),
            (Counts::Options(counts), _) => kind
                .options()
                .iter()
                .zip(counts)
                .map(|(o, &count)| Bin {
                    value: o.id.clone(),
                    label: o.text.clone(),
                    count,
                    share: share(count),
                    rare: answered > 0 && share(count) < super::RARE_SHARE,
                })
                .collect(),
            (
                Counts::Ranges {
                    low,
                    width,
                    whole,
                    counts,
                },
                _,
            ) => counts
                .iter()
                .enumerate()
                .map(|(i, &count)| {
                    let from = low + width * i as f64;
                    let value = if *whole {
                        describe(from)
                    } else {
                        format!("{}–{}", describe(from), describe(from + width))
                    };
                    Bin {
                        label: value.clone(),
                        value,
                        count,
                        share: share(count),
                        rare: false,
                    }
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// One dimension: its items and what was gathered about them.
#[derive(Debug, Clone)]
struct DimensionAccumulator {
    /// The questions that can move it, in bank order.
    items: Vec<usize>,
    /// Per item: the smallest and largest score any answer gives.
    spans: Vec<(f64, f64)>,
    moments: Moments,
    item_moments: Vec<ItemMoments>,
    /// This respondent's item scores, and how many were given.
    scores: Vec<f64>,
    given: usize,
}

/// Gathers what [`ItemAnalysis`] needs from one respondent at a time.
pub struct Accumulator<'b> {
    scorer: Scorer<'b>,
    dimensions: Vec<DimensionAccumulator>,
    /// Per question: (dimension, its item slot there) for every dimension
    /// it can move.
    slots: Vec<Vec<(DimIdx, usize)>>,
    counts: Vec<Counts>,
    used: usize,
    failed: usize,
    answered_everything: usize,
    straight_lined: usize,
    roles: Vec<usize>,
    verdicts: VerdictCounts,
}

impl<'b> Accumulator<'b> {
    pub fn new(scorer: Scorer<'b>) -> Self {
        let bank = scorer.bank();
        let mut dimensions: Vec<DimensionAccumulator> = (0..bank.dimensions.len())
            .map(|_| DimensionAccumulator {
                items: Vec::new(),
                spans: Vec::new(),
                moments: Moments::new(0),
                item_moments: Vec::new(),
                scores: Vec::new(),
                given: 0,
            })
            .collect();
        let mut slots = vec![Vec::new(); bank.questions.len()];
        // `spans` names exactly the dimensions a question can move.
        for (q, slot) in slots.iter_mut().enumerate() {
            scorer.spans(q, |d, lo, hi| {
                let dim = &mut dimensions[d];
                slot.push((d, dim.items.len()));
                dim.items.push(q);
                dim.spans.push((lo, hi));
            });
        }
        for dim in &mut dimensions {
            let k = dim.items.len();
            dim.moments = Moments::new(k);
            dim.item_moments = vec![ItemMoments::default(); k];
            dim.scores = vec![0.0; k];
        }
        Accumulator {
            counts: bank.questions.iter().map(|q| Counts::of(&q.kind)).collect(),
            roles: vec![0; bank.roles.len()],
            scorer,
            dimensions,
            slots,
            used: 0,
            failed: 0,
            answered_everything: 0,
            straight_lined: 0,
            verdicts: VerdictCounts::default(),
        }
    }

    /// Adds one respondent: `assessment` is `answers` scored.
    pub fn add(&mut self, answers: &AnswerSet, assessment: &Assessment) {
        let Accumulator {
            scorer,
            dimensions,
            slots,
            counts,
            ..
        } = self;
        let bank = scorer.bank();
        for dim in dimensions.iter_mut() {
            dim.given = 0;
        }
        for (q, answer) in answers.iter() {
            counts[q].add(&bank.questions[q].kind, answer);
            scorer.contributions(q, answer, |d, score, lo, hi| {
                let Some(&(_, slot)) = slots[q].iter().find(|(dim, _)| *dim == d) else {
                    return;
                };
                let dim = &mut dimensions[d];
                dim.scores[slot] = score;
                dim.given += 1;
                let item = &mut dim.item_moments[slot];
                item.n += 1;
                let before = score - item.mean;
                item.mean += before / item.n as f64;
                item.m2 += before * (score - item.mean);
                if hi > lo {
                    let tolerance = 1e-9 * (hi - lo);
                    item.at_high += usize::from(score >= hi - tolerance);
                    item.at_low += usize::from(score <= lo + tolerance);
                }
            });
        }
        for dim in dimensions.iter_mut() {
            if dim.given == dim.items.len() && dim.given > 0 {
                dim.moments.add(&dim.scores);
            }
        }
        self.used += 1;
        self.answered_everything += usize::from(assessment.skipped == 0);
        self.straight_lined += usize::from(
            assessment
                .warnings
                .iter()
                .any(|w| matches!(w, Warning::SameLikertAnswer { .. })),
        );
        self.roles[assessment.recommendation.role] += 1;
        self.verdicts.add(assessment.recommendation.verdict);
    }

    /// Counts a row that could not be used.
    pub fn failed(&mut self) {
        self.failed += 1;
    }

    /// The analysis of everyone added.
    pub fn finish(self) -> ItemAnalysis {
        let bank = self.scorer.bank();
        let used = self.used;
        let dimensions = bank
            .dimensions
            .iter()
            .zip(&self.dimensions)
            .map(|(def, dim)| {
                let width: f64 = dim.spans.iter().map(|(lo, hi)| hi - lo).sum();
                let found = figures::compute(&dim.moments, width);
                let items: Vec<ItemStats> = dim
                    .items
                    .iter()
                    .enumerate()
                    .map(|(slot, &q)| {
                        let question = &bank.questions[q];
                        let own = &dim.item_moments[slot];
                        let (lo, hi) = dim.spans[slot];
                        let distribution = self.counts[q].bins(&question.kind, own.n);
                        let mut stats = ItemStats {
                            question: question.id.clone(),
                            kind: question.kind.name(),
                            range: [lo, hi],
                            answered: own.n,
                            skipped: if used == 0 {
                                0.0
                            } else {
                                (used - own.n) as f64 / used as f64
                            },
                            mean: (own.n > 0).then_some(own.mean),
                            sd: (own.n > 1).then(|| (own.m2.max(0.0) / (own.n - 1) as f64).sqrt()),
                            r_drop: found.r_drop[slot],
                            alpha_if_dropped: found.alpha_if_dropped[slot],
                            flags: Vec::new(),
                            distribution,
                        };
                        stats.flags = figures::item_flags(
                            &stats,
                            found.alpha,
                            own.at_low,
                            own.at_high,
                            hi > lo,
                        );
                        stats
                    })
                    .collect();
                let mut flags = Vec::new();
                if found.alpha.is_some_and(|a| a < super::LOW_ALPHA) {
                    flags.push(Flag::LowAlpha);
                }
                if dim.items.len() >= 2 && dim.moments.n < super::FEW_RESPONDENTS {
                    flags.push(Flag::FewRespondents);
                }
                DimensionReliability {
                    id: def.id.clone(),
                    name: def.name.clone(),
                    k: dim.items.len(),
                    n: dim.moments.n,
                    excluded: if dim.items.is_empty() {
                        0
                    } else {
                        used - dim.moments.n
                    },
                    alpha: found.alpha,
                    alpha_std: found.alpha_std,
                    mean_r: found.mean_r,
                    sem: found.sem,
                    spearman_brown: found.spearman_brown,
                    undefined: found.undefined,
                    flags,
                    items,
                }
            })
            .collect();
        ItemAnalysis {
            schema_version: SCHEMA_VERSION,
            bank: BankRef {
                id: bank.id.clone(),
                version: bank.version,
            },
            dimensions,
            respondents: RespondentCounts {
                used,
                failed: self.failed,
                answered_everything: self.answered_everything,
                straight_lined: self.straight_lined,
                roles: bank
                    .roles
                    .iter()
                    .zip(&self.roles)
                    .map(|(r, &n)| (r.id.clone(), n))
                    .collect(),
                verdicts: self.verdicts,
            },
        }
    }
}
