//! The what-if search on a long scale: with the other answers fixed the
//! target's lead rises and then falls along the scale (it is the smallest
//! of a few straight lines in the value), so the best point is found by
//! binary search instead of by trying every point (and the nearest point
//! that still wins, in [`super::minimal`]).

use super::{Best, Search, TRIES, Tried};
use crate::answers::Answer;
use crate::engine::adaptive::Tally;
use crate::engine::space;

impl Search<'_, '_> {
    /// The tries a binary search over a long scale of `n` points may make.
    pub(super) fn searches(n: usize) -> u64 {
        2 * (usize::BITS - n.leading_zeros()) as u64 + 2
    }

    /// On `q`'s long scale, with `rest` the other answers: the point with
    /// the target's biggest lead, not `q`'s current answer, and that lead.
    /// `None` when the budget is spent.
    pub(super) fn best_on_scale(&self, rest: &Tally, q: usize) -> Option<(f64, Answer)> {
        let values = self.long[q].as_ref()?;
        if !self.charge(Self::searches(values.len()) + 2) {
            return None;
        }
        let lead_at = |i: usize| self.with(rest, q, &Answer::Scale(values[i]), |t| self.lead(t));
        let top = space::peak(values.len(), lead_at);
        let current = |i: usize| self.answers.get(q) == Some(&Answer::Scale(values[i]));
        let picks: Vec<usize> = if current(top) {
            [top.checked_sub(1), Some(top + 1)]
                .into_iter()
                .flatten()
                .filter(|&i| i < values.len())
                .collect()
        } else {
            vec![top]
        };
        picks
            .into_iter()
            .map(|i| (lead_at(i), Answer::Scale(values[i])))
            .max_by(|x, y| x.0.total_cmp(&y.0))
    }

    /// One long-scale question alone: its best point decides, exactly.
    pub(super) fn try_scale(
        &self,
        without: &Tally,
        q: usize,
        best: &mut Best,
        spent: &mut usize,
    ) -> Tried {
        *spent += Self::searches(self.long[q].as_ref().map_or(0, Vec::len)) as usize;
        if *spent > TRIES {
            return Tried::Stopped;
        }
        let Some((lead, answer)) = self.best_on_scale(without, q) else {
            return Tried::Stopped;
        };
        if self.with(without, q, &answer, |t| self.wins(t)) {
            Self::keep(best, lead, || vec![(q, answer)]);
        }
        Tried::All
    }
}
