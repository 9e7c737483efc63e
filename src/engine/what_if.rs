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
//!
//! Either way the set found is then made as small as it goes (`minimal.rs`):
//! each change is shrunk in turn, while the whole set still flips, to the
//! fewest options toggled, the nearest scale point or the nearest number a
//! person would type, round after round until none shrinks.
//!
//! A long scale (more than [`LONG_SCALE`] points) is never tried point by
//! point. With the other answers fixed, the target's lead is the smallest
//! of a few straight lines in the scale value, so it rises and then falls
//! along the scale: its best point is found by a binary search, and so is
//! the point nearest the student's that still wins. One long-scale change
//! alone is therefore decided exactly; in sets of two or more a long scale
//! offers [`LONG_SCALE`] points spread along it, and such a size is not
//! counted as ruled out.
//!
//! All of it is charged to a [`Budget`]; when that runs out the search
//! says so ([`WhatIf::cut_short`], [`Outcome::Unfinished`]).

use std::cell::RefCell;

use super::adaptive::{Tally, least_gap, open_span};
use super::budget::{Budget, WHAT_IF_WORK};
use super::space::{self, LONG_SCALE, Space};
use super::{Assessment, Scorer, TIE};
use crate::answers::{Answer, AnswerSet};
use crate::bank::Bank;

/// How many candidate answer sets (and question sets) the exhaustive search
/// may try before it hands over to the greedy one.
const TRIES: usize = 100_000;

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
    /// `changes` is a smallest set: no fewer changes would do. Either way,
    /// no change can be made smaller (fewer options toggled, a nearer
    /// point or value) and still work with the others, unless the budget
    /// ran out first.
    pub exact: bool,
    /// No set of fewer changes than this works (equal to `changes.len()`
    /// when `exact`).
    pub at_least: usize,
    /// The runner-up's lead over the next role once the changes are made.
    pub margin: f64,
    /// The work budget ran out before the search was done: a smaller (or
    /// gentler) change may exist.
    pub cut_short: bool,
}

/// The search ran out of work budget before it found any change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unfinished {
    /// The runner-up, whose win was searched for.
    pub role: usize,
    /// No set of fewer changes than this works.
    pub at_least: usize,
}

/// What the search came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Found(WhatIf),
    /// Stopped at the work budget with nothing found: a change may exist.
    Unfinished(Unfinished),
    /// No change was found, and the budget did not stop the search.
    Nothing,
}

/// The fewest answer changes that make the runner-up of `assessment` the
/// recommendation, within the standard budget.
pub fn what_if(scorer: &Scorer<'_>, answers: &AnswerSet, assessment: &Assessment) -> Outcome {
    search(scorer, answers, assessment, &Budget::new(WHAT_IF_WORK))
}

/// [`what_if`] changing only the answers to the questions `asked`: in
/// adaptive mode the questions not asked stay unanswered, as the settle
/// check that left them out assumed ("no answer to the others can change
/// your result"), and the changes are to the answers the student gave.
pub fn what_if_among(
    scorer: &Scorer<'_>,
    answers: &AnswerSet,
    assessment: &Assessment,
    asked: &[usize],
) -> Outcome {
    let budget = Budget::new(WHAT_IF_WORK);
    run(scorer, answers, assessment, Some(asked), &budget)
}

/// [`what_if`] within `budget`.
pub fn search(
    scorer: &Scorer<'_>,
    answers: &AnswerSet,
    assessment: &Assessment,
    budget: &Budget,
) -> Outcome {
    run(scorer, answers, assessment, None, budget)
}

/// The search, changing only `among` (all questions when `None`).
fn run(
    scorer: &Scorer<'_>,
    answers: &AnswerSet,
    assessment: &Assessment,
    among: Option<&[usize]>,
    budget: &Budget,
) -> Outcome {
    let target = assessment.recommendation.runner_up;
    let mut search = Search::new(scorer, answers, target, budget);
    if let Some(asked) = among {
        search.only(asked);
    }
    // Changing an answered question keeps every dimension's range, which
    // the two-role shortcut relies on; questions that cannot change do not
    // matter to it.
    let all_answered = (0..answers.len())
        .filter(|&q| !search.alternatives[q].is_empty())
        .all(|q| answers.get(q).is_some());
    let (changes, exact, at_least) = if scorer.bank().roles.len() == 2 && all_answered {
        let Some(changes) = search.additive() else {
            return search.nothing(1);
        };
        let n = changes.len();
        (changes, true, n)
    } else {
        match search.exhaustive() {
            Exhaustive::Found { changes, at_least } => {
                let exact = changes.len() == at_least;
                (changes, exact, at_least)
            }
            Exhaustive::Impossible => return Outcome::Nothing,
            Exhaustive::Unfinished { at_least } => {
                let Some(changes) = search.greedy() else {
                    return search.nothing(at_least);
                };
                // A greedy find of the size the exhaustive search got up to
                // is a smallest one after all.
                let exact = changes.len() <= at_least;
                (changes, exact, at_least)
            }
        }
    };
    // Each change as small as it can be; should the smaller set not flip
    // when scored again, the set as found is reported instead.
    let smaller = search.minimise(changes.clone());
    let fewest = at_least.min(smaller.len());
    let shrunk = search.verify(smaller.clone(), exact || smaller.len() <= fewest, fewest);
    match shrunk.or_else(|| search.verify(changes, exact, at_least)) {
        Some(found) => Outcome::Found(found),
        None => search.nothing(at_least),
    }
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
    /// `changes` work, and no set of fewer than `at_least` does.
    Found {
        changes: Vec<(usize, Answer)>,
        at_least: usize,
    },
    /// Every set was tried: nothing makes the target win.
    Impossible,
    /// Stopped (out of tries or budget), or sizes were left unproven;
    /// no set of fewer than `at_least` works.
    Unfinished { at_least: usize },
}

/// How the answers of one question set were tried.
enum Tried {
    /// Every answer: a set that does not win here never does.
    All,
    /// Only some points of a long scale.
    Some,
    /// The tries or the budget ran out.
    Stopped,
}

type Best = Option<(f64, Vec<(usize, Answer)>)>;

struct Search<'a, 'b> {
    scorer: &'a Scorer<'b>,
    bank: &'b Bank,
    answers: &'a AnswerSet,
    target: usize,
    /// Per question, the answers it could be changed to (on a long scale,
    /// [`LONG_SCALE`] points spread along it).
    alternatives: Vec<Vec<Answer>>,
    /// Per question with a long scale: its point values from low to high.
    long: Vec<Option<Vec<f64>>>,
    /// The least distance gap that [`super::adaptive::settled`] accepts.
    needed: f64,
    /// The tally of `answers`, from which sets of answers are taken away.
    base: Tally,
    budget: &'a Budget,
    /// The work of one tried answer: a tally copied, every role compared.
    unit: u64,
    /// Where answers are tried, so that trying one allocates nothing.
    scratch: RefCell<Tally>,
}

impl<'a, 'b> Search<'a, 'b> {
    fn new(
        scorer: &'a Scorer<'b>,
        answers: &'a AnswerSet,
        target: usize,
        budget: &'a Budget,
    ) -> Self {
        let bank = scorer.bank();
        let long: Vec<Option<Vec<f64>>> = bank
            .questions
            .iter()
            .map(|question| {
                Space::of(&question.kind).long_scale().map(|scale| {
                    space::by_value(scale)
                        .into_iter()
                        .map(|i| scale.points[i].value)
                        .collect()
                })
            })
            .collect();
        let alternatives = bank
            .questions
            .iter()
            .enumerate()
            .map(|(q, question)| {
                let all: Vec<Answer> = match &long[q] {
                    Some(values) => space::spread(values.len(), LONG_SCALE)
                        .into_iter()
                        .map(|i| Answer::Scale(values[i]))
                        .collect(),
                    None => Space::of(&question.kind).iter().flatten().collect(),
                };
                all.into_iter()
                    .filter(|a| answers.get(q) != Some(a))
                    .collect()
            })
            .collect();
        let total: f64 = bank.dimensions.iter().map(|d| d.weight).sum();
        let unit = (bank.roles.len() as u64 + 4) * bank.dimensions.len() as u64;
        let base = Tally::new(scorer, answers);
        Search {
            scorer,
            bank,
            answers,
            target,
            alternatives,
            long,
            needed: 4.0 * TIE * total,
            base: base.clone(),
            scratch: RefCell::new(base),
            budget,
            unit,
        }
    }

    /// Leaves every question but `asked` as it is.
    fn only(&mut self, asked: &[usize]) {
        let mut open = vec![false; self.alternatives.len()];
        for &q in asked {
            if let Some(o) = open.get_mut(q) {
                *o = true;
            }
        }
        for (alternatives, open) in self.alternatives.iter_mut().zip(open) {
            if !open {
                alternatives.clear();
            }
        }
    }

    /// Charges `tries` tried answers; `false` when the budget is spent.
    fn charge(&self, tries: u64) -> bool {
        self.budget.spend(tries.saturating_mul(self.unit))
    }

    /// Nothing found: unfinished if the budget stopped the search.
    fn nothing(&self, at_least: usize) -> Outcome {
        if self.budget.cut() {
            Outcome::Unfinished(Unfinished {
                role: self.target,
                at_least,
            })
        } else {
            Outcome::Nothing
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

    /// `f` of `tally` with `answer` to `q` added, worked on a scratch copy.
    /// `f` must not call `with` itself.
    fn with<R>(&self, tally: &Tally, q: usize, answer: &Answer, f: impl FnOnce(&Tally) -> R) -> R {
        let mut with = self.scratch.borrow_mut();
        with.copy_from(tally);
        with.add(self.scorer, q, answer);
        f(&with)
    }

    /// Two roles, every question answered: each change moves the gap by its
    /// own amount, so the biggest moves first are the fewest.
    fn additive(&self) -> Option<Vec<(usize, Answer)>> {
        let start = self.lead(&self.base);
        let mut gains: Vec<(f64, usize, Answer)> = Vec::new();
        for (q, alternatives) in self.alternatives.iter().enumerate() {
            if !self.charge(alternatives.len() as u64 + 1) {
                return None;
            }
            let without = self.tally_without(&[q]);
            // The gain is linear in the answer: on a long scale its best is
            // at an end, and both ends are among the alternatives.
            let best = alternatives
                .iter()
                .map(|a| {
                    (
                        self.with(&without, q, a, |t| self.lead(t)) - start,
                        q,
                        a.clone(),
                    )
                })
                .max_by(|x, y| x.0.total_cmp(&y.0));
            gains.extend(best.filter(|(gain, _, _)| *gain > 0.0));
        }
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

    /// Every set of 1, 2, ... questions with every answer, within [`TRIES`]
    /// and the budget.
    fn exhaustive(&self) -> Exhaustive {
        let n = self.bank.questions.len();
        let movable: Vec<usize> = (0..n)
            .filter(|&q| !self.alternatives[q].is_empty())
            .collect();
        let mut spent = 0usize;
        // The first size whose sets were not all ruled out for certain.
        let mut unproven: Option<usize> = None;
        for k in 1..=movable.len() {
            let mut best: Best = None;
            let mut subset: Vec<usize> = (0..k).collect();
            loop {
                spent += 1;
                let questions: Vec<usize> = subset.iter().map(|&i| movable[i]).collect();
                let tried = if spent > TRIES || !self.charge(1) {
                    Tried::Stopped
                } else {
                    let without = self.tally_without(&questions);
                    if !self.may_win(&without, &questions) {
                        Tried::All
                    } else if k == 1 && self.long[questions[0]].is_some() {
                        self.try_scale(&without, questions[0], &mut best, &mut spent)
                    } else {
                        self.try_answers(&without, &questions, &mut best, &mut spent)
                    }
                };
                match tried {
                    Tried::All => {}
                    Tried::Some => {
                        unproven.get_or_insert(k);
                    }
                    Tried::Stopped => {
                        let at_least = unproven.unwrap_or(k);
                        return match best {
                            Some((_, changes)) => Exhaustive::Found { changes, at_least },
                            None => Exhaustive::Unfinished { at_least },
                        };
                    }
                }
                if !next_subset(&mut subset, movable.len()) {
                    break;
                }
            }
            if let Some((_, changes)) = best {
                let at_least = unproven.unwrap_or(k);
                return Exhaustive::Found { changes, at_least };
            }
        }
        match unproven {
            None => Exhaustive::Impossible,
            Some(at_least) => Exhaustive::Unfinished { at_least },
        }
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

    /// Keeps `candidate` in `best` if it has the biggest lead yet.
    fn keep(best: &mut Best, lead: f64, candidate: impl FnOnce() -> Vec<(usize, Answer)>) {
        if best.as_ref().is_none_or(|(b, _)| lead > *b) {
            *best = Some((lead, candidate()));
        }
    }

    /// Tries every combination of alternative answers to `questions`,
    /// keeping the one with the target's biggest lead in `best` and counting
    /// each in `spent`.
    fn try_answers(
        &self,
        without: &Tally,
        questions: &[usize],
        best: &mut Best,
        spent: &mut usize,
    ) -> Tried {
        let mut picks = vec![0usize; questions.len()];
        loop {
            *spent += 1;
            if *spent > TRIES || !self.charge(1) {
                return Tried::Stopped;
            }
            let mut with = self.scratch.borrow_mut();
            with.copy_from(without);
            for (i, &q) in questions.iter().enumerate() {
                with.add(self.scorer, q, &self.alternatives[q][picks[i]]);
            }
            if self.wins(&with) {
                Self::keep(best, self.lead(&with), || {
                    questions
                        .iter()
                        .enumerate()
                        .map(|(i, &q)| (q, self.alternatives[q][picks[i]].clone()))
                        .collect()
                });
            }
            // Next combination, like an odometer.
            let mut i = 0;
            loop {
                if i == picks.len() {
                    return if questions.iter().any(|&q| self.long[q].is_some()) {
                        Tried::Some
                    } else {
                        Tried::All
                    };
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
                let lead = self.with(&self.tally_without(&[q]), q, &a, |t| self.lead(t));
                (lead - start, q, a)
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
            cut_short: self.budget.cut(),
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

mod greedy;
mod minimal;
mod scale;
#[cfg(test)]
mod tests;
