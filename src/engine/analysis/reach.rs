//! `inspect`'s searches over answers: each role's best lead (a local
//! search) and each question's swing. Answers are tried on a tally (one
//! comparison of the roles each) rather than by scoring the whole answer
//! set again, so a try costs the same however many questions the bank has;
//! the numbers reported are re-scored in full. A long scale offers
//! [`LONG_SCALE`] points spread along it and then ever closer points around
//! the best, instead of every point. Both searches are charged to a
//! [`Budget`] and stop when it runs out.

use std::cell::RefCell;

use super::{MAX_PASSES, Swing, lead, tally_lead};
use crate::answers::{Answer, AnswerSet};
use crate::engine::Scorer;
use crate::engine::adaptive::Tally;
use crate::engine::budget::Budget;
use crate::engine::space::{self, LONG_SCALE, Space};

/// The work of one tried answer: a tally copied and every role compared.
fn unit(scorer: &Scorer<'_>) -> u64 {
    let bank = scorer.bank();
    (bank.roles.len() as u64 + 4) * bank.dimensions.len() as u64
}

/// A long scale's values from low to high.
fn long_values(space: &Space<'_>) -> Option<Vec<f64>> {
    let scale = space.long_scale()?;
    Some(
        space::by_value(scale)
            .into_iter()
            .map(|i| scale.points[i].value)
            .collect(),
    )
}

/// One question to try answers to.
struct Question<'a, 'b> {
    scorer: &'a Scorer<'b>,
    space: &'a Space<'b>,
    /// Its long scale's values from low to high, if it has one.
    long: Option<&'a [f64]>,
    q: usize,
}

/// Tries answers to the question on top of `rest` (the tally without it),
/// calling `seen(answer, value)` for each in turn: every answer of the
/// question, the skip first, or on a long scale the skip, a spread of
/// points and then closer points around the one where `value` is highest.
/// `false` when the budget ran out first.
fn try_each(
    question: &Question<'_, '_>,
    rest: &Tally,
    value: &dyn Fn(&Tally) -> f64,
    budget: &Budget,
    seen: &mut dyn FnMut(Option<Answer>, f64),
) -> bool {
    let Question {
        scorer,
        space,
        long,
        q,
    } = *question;
    let unit = unit(scorer);
    let scratch = RefCell::new(rest.clone());
    let at = |answer: &Option<Answer>| match answer {
        None => value(rest),
        Some(a) => {
            let mut with = scratch.borrow_mut();
            with.copy_from(rest);
            with.add(scorer, q, a);
            value(&with)
        }
    };
    let Some(values) = long else {
        if !budget.spend(space.len() as u64 * unit) {
            return false;
        }
        for answer in space.iter() {
            let v = at(&answer);
            seen(answer, v);
        }
        return true;
    };
    let n = values.len();
    let picks = space::spread(n, LONG_SCALE);
    let searches = 2 * u64::from(usize::BITS - n.leading_zeros());
    if !budget.spend((1 + picks.len() as u64 + searches) * unit) {
        return false;
    }
    let skip = at(&None);
    seen(None, skip);
    let tried = |i: usize, seen: &mut dyn FnMut(Option<Answer>, f64)| {
        let answer = Some(Answer::Scale(values[i]));
        let v = at(&answer);
        seen(answer, v);
        v
    };
    let (mut best, mut best_value) = (0, f64::NEG_INFINITY);
    for &i in &picks {
        let v = tried(i, seen);
        if v > best_value {
            (best, best_value) = (i, v);
        }
    }
    let mut step = (n - 1) / (picks.len() - 1) / 2;
    while step >= 1 {
        for i in [best.checked_sub(step), Some(best + step)]
            .into_iter()
            .flatten()
            .filter(|&i| i < n)
        {
            let v = tried(i, seen);
            if v > best_value {
                (best, best_value) = (i, v);
            }
        }
        step /= 2;
    }
    true
}

/// The best lead over the best other role that `role` reaches from
/// `start`, changing one answer at a time while the lead grows; re-scored
/// in full at the end. Within `budget`.
pub fn best_lead(
    scorer: &Scorer<'_>,
    spaces: &[Space<'_>],
    start: AnswerSet,
    role: usize,
    budget: &Budget,
) -> f64 {
    let bank = scorer.bank();
    let long: Vec<Option<Vec<f64>>> = spaces.iter().map(long_values).collect();
    let value = |tally: &Tally| tally_lead(bank, tally, role);
    let mut answers = start;
    let mut best = value(&Tally::new(scorer, &answers));
    'passes: for _ in 0..MAX_PASSES {
        let mut improved = false;
        // Afresh each pass, so that no rounding builds up.
        let mut tally = Tally::new(scorer, &answers);
        for (q, space) in spaces.iter().enumerate() {
            let kept = answers.get(q).cloned();
            let mut rest = tally.clone();
            if let Some(answer) = &kept {
                rest.remove(scorer, q, answer);
            }
            let mut choice = kept.clone();
            let question = Question {
                scorer,
                space,
                long: long[q].as_deref(),
                q,
            };
            let done = try_each(&question, &rest, &value, budget, &mut |candidate, v| {
                if v > best + 1e-12 {
                    best = v;
                    choice = candidate;
                    improved = true;
                }
            });
            if choice != kept {
                if let Some(answer) = &choice {
                    rest.add(scorer, q, answer);
                }
                tally = rest;
                answers.set(q, choice);
            }
            if !done {
                break 'passes;
            }
        }
        if !improved {
            break;
        }
    }
    lead(scorer, &answers, role)
}

/// For every question, how far one answer to it moves the fit gap between
/// the roles `pair` from the neutral answers `base`, in bank order; and how
/// many questions the budget left out at the end.
pub fn decisive(
    scorer: &Scorer<'_>,
    spaces: &[Space<'_>],
    base: &AnswerSet,
    (a, b): (usize, usize),
    budget: &Budget,
) -> (Vec<Swing>, usize) {
    let bank = scorer.bank();
    let gap = |answers: &AnswerSet| {
        scorer
            .score_without_reasons(answers)
            .ok()
            .map(|r| r.fit_of(a) - r.fit_of(b))
    };
    let fits_gap = |tally: &Tally| tally.fits(bank).map_or(f64::NAN, |f| f[a] - f[b]);
    // Re-scoring everything costs about one unit per question. A bank
    // small enough has every answer scored in full; a bigger one has its
    // answers tried on a tally (the same numbers up to rounding).
    let rescore = bank.questions.len() as u64 + unit(scorer);
    let everything: u64 = spaces
        .iter()
        .map(|s| {
            if s.long_scale().is_some() {
                u64::MAX
            } else {
                s.len() as u64
            }
        })
        .fold(0u64, |sum, n| sum.saturating_add(n.saturating_mul(rescore)));
    let in_full = everything <= budget.limit() / 2;
    let base_tally = Tally::new(scorer, base);
    let mut swings = Vec::new();
    for (q, space) in spaces.iter().enumerate() {
        let swing = if in_full && budget.spend(space.len() as u64 * rescore) {
            // Few answers: score each in full.
            let mut answers = base.clone();
            let gaps: Vec<f64> = space
                .iter()
                .filter_map(|c| {
                    answers.set(q, c);
                    gap(&answers)
                })
                .collect();
            gaps.iter().copied().fold(f64::NEG_INFINITY, f64::max)
                - gaps.iter().copied().fold(f64::INFINITY, f64::min)
        } else {
            let mut rest = base_tally.clone();
            if let Some(answer) = base.get(q) {
                rest.remove(scorer, q, answer);
            }
            // NaN (nothing measured) is left out, as a failed scoring is.
            let (mut high, mut low) = (f64::NEG_INFINITY, f64::INFINITY);
            let mut seen = |_: Option<Answer>, v: f64| {
                if !v.is_nan() {
                    (high, low) = (high.max(v), low.min(v));
                }
            };
            let long = long_values(space);
            let long = long.as_deref();
            let question = Question {
                scorer,
                space,
                long,
                q,
            };
            let up = try_each(&question, &rest, &fits_gap, budget, &mut seen);
            let down = up
                && (long.is_none()
                    || try_each(&question, &rest, &|t| -fits_gap(t), budget, &mut |a, v| {
                        seen(a, -v)
                    }));
            if !down {
                return (swings, spaces.len() - q);
            }
            high - low
        };
        swings.push(Swing {
            question: bank.questions[q].id.clone(),
            text: bank.questions[q].text.clone(),
            swing: if swing.is_finite() { swing } else { 0.0 },
        });
    }
    (swings, 0)
}
