//! "What would change your result": the fewest answer changes that would
//! make the runner-up the recommendation. A student on the fence learns
//! which answers their result hangs on.
//!
//! Two searches, both checked by scoring the changed answers again:
//! - With two roles and every question answered, a change to one answer
//!   moves the gap between the roles by an amount that does not depend on
//!   the other changes (the gap is linear in each dimension's score, and
//!   changing an answer keeps every dimension's range). Taking the biggest
//!   moves first is then exactly the smallest change.
//! - Otherwise, every set of one question, then two, and so on is tried
//!   with every answer, skipping sets that the settle bound of
//!   [`super::adaptive`] shows cannot flip the result. That is exact while
//!   it stays within a budget; past it a greedy search finishes the job and
//!   the sizes already ruled out are reported as a lower bound.

use super::adaptive::{Tally, least_gap, open_span};
use super::{Assessment, Scorer, TIE};
use crate::answers::{Answer, AnswerSet, candidates};
use crate::bank::Bank;

/// How many candidate answer sets (and question sets) the exhaustive search
/// may try before it hands over to the greedy one.
const BUDGET: usize = 100_000;

/// One answer, changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub question: usize,
    /// `None`: the question was skipped or not asked.
    pub from: Option<Answer>,
    pub to: Answer,
}

/// The smallest change found that makes `role` the recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The runner-up, which these changes make the recommendation.
    pub role: usize,
    /// Most telling first: the change that alone moves the runner-up
    /// furthest towards winning leads.
    pub changes: Vec<Change>,
    /// `changes` is a smallest set: no fewer changes would do. Each change
    /// is the gentlest that still works with the others.
    pub exact: bool,
    /// No set of fewer changes than this works (equal to `changes.len()`
    /// when `exact`).
    pub at_least: usize,
    /// The runner-up's lead over the next role once the changes are made.
    pub margin: f64,
}

/// The fewest answer changes that make the runner-up of `assessment` the
/// recommendation, or `None` if no change found does.
pub fn what_if(
    scorer: &Scorer<'_>,
    answers: &AnswerSet,
    assessment: &Assessment,
) -> Option<WhatIf> {
    let target = assessment.recommendation.runner_up;
    let search = Search::new(scorer, answers, target);
    let all_answered = (0..answers.len()).all(|q| answers.get(q).is_some());
    let (changes, exact, at_least) = if scorer.bank().roles.len() == 2 && all_answered {
        let changes = search.additive()?;
        let n = changes.len();
        (changes, true, n)
    } else {
        match search.exhaustive() {
            Exhaustive::Found(changes) => {
                let n = changes.len();
                (changes, true, n)
            }
            Exhaustive::Impossible => return None,
            Exhaustive::OutOfBudget { ruled_out } => {
                let changes = search.greedy()?;
                // A greedy find of the size the exhaustive search got up to
                // is a smallest one after all.
                let exact = changes.len() <= ruled_out + 1;
                (changes, exact, ruled_out + 1)
            }
        }
    };
    search.verify(search.soften(changes), exact, at_least)
}

/// Applies `changes` to a copy of `answers`.
pub fn apply(answers: &AnswerSet, changes: &[Change]) -> AnswerSet {
    let mut changed = answers.clone();
    for change in changes {
        changed.set(change.question, Some(change.to.clone()));
    }
    changed
}

enum Exhaustive {
    Found(Vec<(usize, Answer)>),
    /// Every set was tried: nothing makes the target win.
    Impossible,
    /// Every set of up to `ruled_out` questions was tried in vain.
    OutOfBudget {
        ruled_out: usize,
    },
}

struct Search<'a, 'b> {
    scorer: &'a Scorer<'b>,
    bank: &'b Bank,
    answers: &'a AnswerSet,
    target: usize,
    /// Per question, the answers it could be changed to.
    alternatives: Vec<Vec<Answer>>,
    /// The least distance gap that [`super::adaptive::settled`] accepts.
    needed: f64,
    /// The tally of `answers`, from which sets of answers are taken away.
    base: Tally,
}

impl<'a, 'b> Search<'a, 'b> {
    fn new(scorer: &'a Scorer<'b>, answers: &'a AnswerSet, target: usize) -> Self {
        let bank = scorer.bank();
        let alternatives = bank
            .questions
            .iter()
            .enumerate()
            .map(|(q, question)| {
                candidates(&question.kind)
                    .into_iter()
                    .flatten()
                    .filter(|a| answers.get(q) != Some(a))
                    .collect()
            })
            .collect();
        let total: f64 = bank.dimensions.iter().map(|d| d.weight).sum();
        Search {
            scorer,
            bank,
            answers,
            target,
            alternatives,
            needed: 4.0 * TIE * total,
            base: Tally::new(scorer, answers),
        }
    }

    /// The target's smallest lead (in distance) over every other role.
    fn lead(&self, tally: &Tally) -> f64 {
        (0..self.bank.roles.len())
            .filter(|&r| r != self.target)
            .map(|r| tally.gap(self.bank, self.target, r))
            .fold(f64::INFINITY, f64::min)
    }

    fn wins(&self, tally: &Tally) -> bool {
        tally.ranking(self.bank).is_some() && self.lead(tally) > self.needed
    }

    /// The tally of the answers without `questions`. Taking them away can
    /// leave rounding behind; the final re-scoring settles any doubt.
    fn tally_without(&self, questions: &[usize]) -> Tally {
        let mut rest = self.base.clone();
        for &q in questions {
            if let Some(answer) = self.answers.get(q) {
                rest.remove(self.scorer, q, answer);
            }
        }
        rest
    }

    /// Two roles, every question answered: each change moves the gap by its
    /// own amount, so the biggest moves first are the fewest.
    fn additive(&self) -> Option<Vec<(usize, Answer)>> {
        let base = Tally::new(self.scorer, self.answers);
        let start = self.lead(&base);
        let mut gains: Vec<(f64, usize, Answer)> = self
            .alternatives
            .iter()
            .enumerate()
            .filter_map(|(q, alternatives)| {
                let without = self.tally_without(&[q]);
                alternatives
                    .iter()
                    .map(|a| {
                        let mut with = without.clone();
                        with.add(self.scorer, q, a);
                        (self.lead(&with) - start, q, a.clone())
                    })
                    .max_by(|x, y| x.0.total_cmp(&y.0))
            })
            .filter(|(gain, _, _)| *gain > 0.0)
            .collect();
        gains.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let mut lead = start;
        let mut changes = Vec::new();
        for (gain, q, answer) in gains {
            if lead > self.needed {
                break;
            }
            lead += gain;
            changes.push((q, answer));
        }
        (lead > self.needed).then_some(changes)
    }

    /// Every set of 1, 2, ... questions with every answer, within [`BUDGET`].
    fn exhaustive(&self) -> Exhaustive {
        let n = self.bank.questions.len();
        let movable: Vec<usize> = (0..n)
            .filter(|&q| !self.alternatives[q].is_empty())
            .collect();
        let mut spent = 0usize;
        for k in 1..=movable.len() {
            let mut best: Option<(f64, Vec<(usize, Answer)>)> = None;
            let mut subset: Vec<usize> = (0..k).collect();
            loop {
                spent += 1;
                let questions: Vec<usize> = subset.iter().map(|&i| movable[i]).collect();
                let without = self.tally_without(&questions);
                let complete = spent <= BUDGET
                    && (!self.may_win(&without, &questions)
                        || self.try_answers(&without, &questions, &mut best, &mut spent));
                if !complete {
                    return match best {
                        Some((_, found)) => Exhaustive::Found(found),
                        None => Exhaustive::OutOfBudget { ruled_out: k - 1 },
                    };
                }
                if !next_subset(&mut subset, movable.len()) {
                    break;
                }
            }
            if let Some((_, found)) = best {
                return Exhaustive::Found(found);
            }
        }
        Exhaustive::Impossible
    }

    /// Whether answering `free` afresh could possibly make the target win
    /// (the settle bound, from the target's side): a quick test before
    /// trying every answer.
    fn may_win(&self, without: &Tally, free: &[usize]) -> bool {
        let open = open_span(self.scorer, free.iter().copied());
        (0..self.bank.roles.len())
            .filter(|&r| r != self.target)
            .all(|r| least_gap(self.bank, without, &open, r, self.target) < 0.0)
    }

    /// Tries every combination of alternative answers to `questions`,
    /// keeping the one with the target's biggest lead in `best` and counting
    /// each in `spent`; `false` if the budget ran out first.
    fn try_answers(
        &self,
        without: &Tally,
        questions: &[usize],
        best: &mut Option<(f64, Vec<(usize, Answer)>)>,
        spent: &mut usize,
    ) -> bool {
        let mut picks = vec![0usize; questions.len()];
        loop {
            *spent += 1;
            if *spent > BUDGET {
                return false;
            }
            let mut with = without.clone();
            for (i, &q) in questions.iter().enumerate() {
                with.add(self.scorer, q, &self.alternatives[q][picks[i]]);
            }
            if self.wins(&with) {
                let lead = self.lead(&with);
                if best.as_ref().is_none_or(|(b, _)| lead > *b) {
                    let changes = questions
                        .iter()
                        .enumerate()
                        .map(|(i, &q)| (q, self.alternatives[q][picks[i]].clone()))
                        .collect();
                    *best = Some((lead, changes));
                }
            }
            // Next combination, like an odometer.
            let mut i = 0;
            loop {
                if i == picks.len() {
                    return true;
                }
                picks[i] += 1;
                if picks[i] < self.alternatives[questions[i]].len() {
                    break;
                }
                picks[i] = 0;
                i += 1;
            }
        }
    }

    /// Changes one answer at a time, always the one that helps the target
    /// most, until it wins; then drops every change it can do without.
    fn greedy(&self) -> Option<Vec<(usize, Answer)>> {
        let mut answers = self.answers.clone();
        let mut changed: Vec<usize> = Vec::new();
        loop {
            let tally = Tally::new(self.scorer, &answers);
            if self.wins(&tally) {
                break;
            }
            let current = self.lead(&tally);
            let mut best: Option<(f64, usize, Answer)> = None;
            for (q, alternatives) in self.alternatives.iter().enumerate() {
                if changed.contains(&q) {
                    continue;
                }
                let mut without = answers.clone();
                without.set(q, None);
                let without = Tally::new(self.scorer, &without);
                for a in alternatives {
                    let mut with = without.clone();
                    with.add(self.scorer, q, a);
                    let lead = self.lead(&with);
                    if best.as_ref().is_none_or(|(b, _, _)| lead > *b) {
                        best = Some((lead, q, a.clone()));
                    }
                }
            }
            let (lead, q, a) = best?;
            if lead <= current {
                return None;
            }
            answers.set(q, Some(a));
            changed.push(q);
        }
        // Undo any change the target can win without.
        let mut i = 0;
        while i < changed.len() {
            let q = changed[i];
            let mut trial = answers.clone();
            trial.set(q, self.answers.get(q).cloned());
            if self.wins(&Tally::new(self.scorer, &trial)) {
                answers = trial;
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

    /// Makes each change as small as it can be while the set still flips
    /// the result: of the answers that keep the target ahead, the one that
    /// leaves it the smallest lead. "Disagree instead of Strongly agree"
    /// tells a student more than the far end of the scale would.
    fn soften(&self, mut changes: Vec<(usize, Answer)>) -> Vec<(usize, Answer)> {
        for i in 0..changes.len() {
            let questions: Vec<usize> = changes.iter().map(|c| c.0).collect();
            let mut others = self.tally_without(&questions);
            for (j, (q, a)) in changes.iter().enumerate() {
                if j != i {
                    others.add(self.scorer, *q, a);
                }
            }
            let q = changes[i].0;
            let mut gentlest: Option<(f64, &Answer)> = None;
            for a in &self.alternatives[q] {
                let mut with = others.clone();
                with.add(self.scorer, q, a);
                if self.wins(&with) {
                    let lead = self.lead(&with);
                    if gentlest.is_none_or(|(l, _)| lead < l) {
                        gentlest = Some((lead, a));
                    }
                }
            }
            if let Some((_, a)) = gentlest {
                changes[i].1 = a.clone();
            }
        }
        changes
    }

    /// Scores the changed answers again; only a real flip is reported.
    fn verify(
        &self,
        changes: Vec<(usize, Answer)>,
        exact: bool,
        at_least: usize,
    ) -> Option<WhatIf> {
        // Most telling first: by how far each change alone moves the
        // target towards winning.
        let start = self.lead(&self.base);
        let mut impact: Vec<(f64, usize, Answer)> = changes
            .into_iter()
            .map(|(q, a)| {
                let mut with = self.tally_without(&[q]);
                with.add(self.scorer, q, &a);
                (self.lead(&with) - start, q, a)
            })
            .collect();
        impact.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let changes: Vec<Change> = impact
            .into_iter()
            .map(|(_, question, to)| Change {
                question,
                from: self.answers.get(question).cloned(),
                to,
            })
            .collect();
        let result = self
            .scorer
            .score_without_reasons(&apply(self.answers, &changes))
            .ok()?;
        let rec = result.recommendation;
        (rec.role == self.target && !rec.tie).then_some(WhatIf {
            role: self.target,
            changes,
            exact,
            at_least,
            margin: rec.margin,
        })
    }
}

/// The next `k`-subset of `0..n` in lexicographic order; `false` after the
/// last.
fn next_subset(subset: &mut [usize], n: usize) -> bool {
    let k = subset.len();
    let mut i = k;
    while i > 0 {
        i -= 1;
        if subset[i] < n - k + i {
            subset[i] += 1;
            for j in i + 1..k {
                subset[j] = subset[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests;
