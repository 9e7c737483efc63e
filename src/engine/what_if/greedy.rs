//! The what-if search's fallback when trying every set is out of reach:
//! change the one answer that helps the target most, again and again, then
//! drop every change it can win without.

use super::Search;
use crate::answers::Answer;

impl Search<'_, '_> {
    /// Changes one answer at a time, always the one that helps the target
    /// most, until it wins; then drops every change it can do without.
    /// `None` if it gets stuck or the budget runs out.
    pub(super) fn greedy(&self) -> Option<Vec<(usize, Answer)>> {
        let mut answers = self.answers.clone();
        let mut tally = self.base.clone();
        let mut changed: Vec<usize> = Vec::new();
        while !self.wins(&tally) {
            let current = self.lead(&tally);
            let mut best: Option<(f64, usize, Answer)> = None;
            for (q, alternatives) in self.alternatives.iter().enumerate() {
                if changed.contains(&q) || alternatives.is_empty() {
                    continue;
                }
                let mut without = tally.clone();
                if let Some(answer) = answers.get(q) {
                    without.remove(self.scorer, q, answer);
                }
                let found: Vec<(f64, Answer)> = if self.long[q].is_some() {
                    vec![self.best_on_scale(&without, q)?]
                } else {
                    if !self.charge(alternatives.len() as u64) {
                        return None;
                    }
                    alternatives
                        .iter()
                        .map(|a| (self.with(&without, q, a, |t| self.lead(t)), a.clone()))
                        .collect()
                };
                for (lead, a) in found {
                    if best.as_ref().is_none_or(|(b, _, _)| lead > *b) {
                        best = Some((lead, q, a));
                    }
                }
            }
            let (lead, q, a) = best?;
            if lead <= current || !self.charge(1) {
                return None;
            }
            if let Some(old) = answers.get(q) {
                tally.remove(self.scorer, q, old);
            }
            tally.add(self.scorer, q, &a);
            answers.set(q, Some(a));
            changed.push(q);
        }
        // Undo any change the target can win without.
        let mut i = 0;
        while i < changed.len() && self.charge(1) {
            let q = changed[i];
            let mut trial = tally.clone();
            if let Some(now) = answers.get(q) {
                trial.remove(self.scorer, q, now);
            }
            if let Some(was) = self.answers.get(q) {
                trial.add(self.scorer, q, was);
            }
            if self.wins(&trial) {
                tally = trial;
                answers.set(q, self.answers.get(q).cloned());
                changed.remove(i);
            } else {
                i += 1;
            }
        }
        Some(
            changed
                .into_iter()
                .map(|q| (q, answers.get(q).cloned().expect("changed answers are set")))
                .collect(),
        )
    }
}
