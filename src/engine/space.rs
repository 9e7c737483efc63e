//! Every answer a question can get, without writing them all down. The
//! searches and the random respondents used to list each question's answers
//! up front ([`crate::answers::candidates`]); with a long scale shared by
//! many questions that list alone outgrew the bank many times over. A
//! [`Space`] gives the same answers in the same order, one at a time, and
//! knows the few that matter on a long scale: its two ends, and its points
//! in order of value.

use crate::answers::{Answer, MAX_SUBSET_OPTIONS};
use crate::bank::{QuestionKind, Scale};

/// Scales with more points than this are *long*: the searches look at a
/// few of their points and narrow in, instead of trying every one.
pub const LONG_SCALE: usize = 16;

/// The fractions of a number question's range that are tried.
const NUMBER_SPREAD: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// The answers of one question: index 0 is the skip (`None`), then the
/// same answers as [`crate::answers::candidates`], in the same order.
#[derive(Debug, Clone, Copy)]
pub struct Space<'b> {
    kind: &'b QuestionKind,
}

impl<'b> Space<'b> {
    pub fn of(kind: &'b QuestionKind) -> Self {
        Space { kind }
    }

    /// How many answers, the skip included.
    pub fn len(&self) -> usize {
        1 + match self.kind {
            QuestionKind::Likert { scale, .. } => scale.points.len(),
            QuestionKind::Choice { options } => options.len(),
            QuestionKind::Multi { options } if options.len() <= MAX_SUBSET_OPTIONS => {
                1 << options.len()
            }
            QuestionKind::Multi { options } => options.len() + 2,
            QuestionKind::Number { .. } => NUMBER_SPREAD.len(),
        }
    }

    /// Never: the skip is always there.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Answer `i` (`0..len()`); 0 is the skip.
    pub fn get(&self, i: usize) -> Option<Answer> {
        let i = i.checked_sub(1)?;
        Some(match self.kind {
            QuestionKind::Likert { scale, .. } => Answer::Scale(scale.points[i].value),
            QuestionKind::Choice { .. } => Answer::Choice(i),
            QuestionKind::Multi { options } => {
                let n = options.len();
                if n <= MAX_SUBSET_OPTIONS {
                    Answer::Multi((0..n).filter(|o| i & (1 << o) != 0).collect())
                } else if i == 0 {
                    Answer::Multi(Vec::new())
                } else if i <= n {
                    Answer::Multi(vec![i - 1])
                } else {
                    Answer::Multi((0..n).collect())
                }
            }
            QuestionKind::Number { min, max, .. } => {
                Answer::Number(min + NUMBER_SPREAD[i] * (max - min))
            }
        })
    }

    /// Every answer in order, the skip first.
    pub fn iter(&self) -> impl Iterator<Item = Option<Answer>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The scale, when this is a likert question with a long one.
    pub fn long_scale(&self) -> Option<&'b Scale> {
        match self.kind {
            QuestionKind::Likert { scale, .. } if scale.points.len() > LONG_SCALE => Some(scale),
            _ => None,
        }
    }
}

/// A scale's point indices from the lowest value to the highest.
pub fn by_value(scale: &Scale) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scale.points.len()).collect();
    // Usually listed in order already; then this is one pass.
    order.sort_by(|&a, &b| scale.points[a].value.total_cmp(&scale.points[b].value));
    order
}

/// `count` positions spread evenly over `0..n`, both ends included, in
/// order and without repeats.
pub fn spread(n: usize, count: usize) -> Vec<usize> {
    if n <= count {
        return (0..n).collect();
    }
    let mut picks: Vec<usize> = (0..count).map(|k| k * (n - 1) / (count - 1)).collect();
    picks.dedup();
    picks
}

/// The first index of the largest value of `f` over `0..n`, for `f` that
/// rises and then falls (a concave function sampled in order): a binary
/// search on the sign of its steps, `O(log n)` calls.
pub fn peak(n: usize, mut f: impl FnMut(usize) -> f64) -> usize {
    let (mut lo, mut hi) = (0, n.saturating_sub(1));
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if f(mid + 1) > f(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// For `ok` false, false, …, true, true over `lo..=hi` (a threshold), the
/// first index where it holds; `hi + 1` if none.
pub fn first_true(lo: usize, hi: usize, mut ok: impl FnMut(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (lo, hi + 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if ok(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::candidates;
    use crate::bank::bundled::BUNDLED;
    use crate::bank::{ChoiceOption, Keyed, ScalePoint};

    fn multi(n: usize) -> QuestionKind {
        QuestionKind::Multi {
            options: (0..n)
                .map(|o| ChoiceOption {
                    id: format!("o{o}"),
                    text: format!("O{o}"),
                    scores: vec![(0, 1.0)],
                })
                .collect(),
        }
    }

    #[test]
    fn the_space_lists_what_candidates_lists_in_the_same_order() {
        let mut kinds: Vec<QuestionKind> = BUNDLED
            .iter()
            .flat_map(|b| b.load().unwrap().questions)
            .map(|q| q.kind)
            .collect();
        kinds.extend([multi(8), multi(9), multi(12)]);
        kinds.push(QuestionKind::Likert {
            dimension: 0,
            keyed: Keyed::Minus,
            weight: 2.0,
            scale: Scale {
                points: (0..40)
                    .map(|v| ScalePoint {
                        value: f64::from(v) * 0.5 - 3.0,
                        label: format!("p{v}"),
                    })
                    .collect(),
            },
        });
        for kind in &kinds {
            let space = Space::of(kind);
            let listed = candidates(kind);
            assert_eq!(space.len(), listed.len(), "{kind:?}");
            assert_eq!(space.iter().collect::<Vec<_>>(), listed, "{kind:?}");
        }
    }

    #[test]
    fn spread_keeps_both_ends_and_never_repeats() {
        assert_eq!(spread(3, 16), [0, 1, 2]);
        assert_eq!(spread(8000, 5), [0, 1999, 3999, 5999, 7999]);
        let picks = spread(17, 16);
        assert_eq!((picks[0], *picks.last().unwrap(), picks.len()), (0, 16, 16));
    }

    #[test]
    fn peak_finds_the_top_of_a_rise_and_fall() {
        let hill = |top: f64| move |i: usize| -(i as f64 - top).abs();
        for n in [1, 2, 3, 10, 1001] {
            for top in [0.0, 0.4, 3.0, 7.6, 2000.0] {
                let found = peak(n, hill(top));
                let best = (0..n).map(hill(top)).fold(f64::NEG_INFINITY, f64::max);
                assert_eq!(hill(top)(found), best, "n {n}, top {top}");
            }
        }
        // A plateau at the top: its first index.
        assert_eq!(peak(10, |i| (i.min(6) as f64).min(4.0)), 4);
    }

    #[test]
    fn first_true_finds_a_threshold() {
        for t in 0..=10 {
            assert_eq!(first_true(0, 9, |i| i >= t), t);
        }
        assert_eq!(first_true(3, 3, |_| false), 4);
    }
}
