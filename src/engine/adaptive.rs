//! Adaptive questioning: which question to ask next, and when the
//! recommendation is *settled* — when no answers to the questions not yet
//! asked, skips included, can change which role is recommended. The bound
//! is cheap because the difference between two roles' squared distances is
//! linear in each dimension's score; `docs/adaptive.md` gives the argument.
//! Like the rest of the engine this knows nothing about terminals: the quiz
//! asks, this only decides.

use super::budget::{Budget, NEXT_WORK, REPLAY_WORK};
use super::space::Space;
use super::{Scorer, TIE};
use crate::answers::{Answer, AnswerSet, MAX_SUBSET_OPTIONS};
use crate::bank::{Bank, DimIdx, QuestionKind};

pub use crate::bank::DEFAULT_MIN_PER_DIMENSION;

/// Per-dimension sums over a set of answers, exactly as the scorer adds
/// them up: what was scored and the least and most the same questions could
/// have scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    raw: Vec<f64>,
    min: Vec<f64>,
    max: Vec<f64>,
    /// Answered questions that move the dimension.
    answered: Vec<usize>,
}

impl Tally {
    pub fn new(scorer: &Scorer<'_>, answers: &AnswerSet) -> Self {
        let n = scorer.bank().dimensions.len();
        let mut tally = Tally {
            raw: vec![0.0; n],
            min: vec![0.0; n],
            max: vec![0.0; n],
            answered: vec![0; n],
        };
        for (q, answer) in answers.iter() {
            tally.add(scorer, q, answer);
        }
        tally
    }

    pub fn add(&mut self, scorer: &Scorer<'_>, q: usize, answer: &Answer) {
        scorer.contributions(q, answer, |d, c, lo, hi| {
            self.raw[d] += c;
            self.min[d] += lo;
            self.max[d] += hi;
            self.answered[d] += 1;
        });
    }

    /// Makes this tally equal to `other`, reusing its memory: a search
    /// trying many answers on top of one tally copies it into a scratch
    /// tally instead of allocating a new one each time.
    pub fn copy_from(&mut self, other: &Tally) {
        self.raw.clone_from(&other.raw);
        self.min.clone_from(&other.min);
        self.max.clone_from(&other.max);
        self.answered.clone_from(&other.answered);
    }

    /// Takes back an answer [`Tally::add`] added (up to rounding).
    pub fn remove(&mut self, scorer: &Scorer<'_>, q: usize, answer: &Answer) {
        scorer.contributions(q, answer, |d, c, lo, hi| {
            self.raw[d] -= c;
            self.min[d] -= lo;
            self.max[d] -= hi;
            self.answered[d] -= 1;
        });
    }

    /// The dimension's score, as [`Scorer::score`] computes it; `None` when
    /// nothing answered measures it.
    pub fn score(&self, d: DimIdx) -> Option<f64> {
        let (a0, m0) = self.measured(d)?;
        Some((a0 / m0).clamp(0.0, 1.0))
    }

    /// `(raw - min, max - min)` of a measured dimension. The count keeps a
    /// dimension whose answers were all taken away from looking measured
    /// through rounding.
    fn measured(&self, d: DimIdx) -> Option<(f64, f64)> {
        let span = self.max[d] - self.min[d];
        (self.answered[d] > 0 && span > 0.0)
            .then(|| ((self.raw[d] - self.min[d]).clamp(0.0, span), span))
    }

    /// Role `r`'s weighted squared distance over the measured dimensions:
    /// the smaller, the better the fit.
    pub fn distance(&self, bank: &Bank, r: usize) -> f64 {
        (0..self.raw.len())
            .filter_map(|d| {
                let s = self.score(d)?;
                Some(bank.dimensions[d].weight * (s - bank.roles[r].profile[d]).powi(2))
            })
            .sum()
    }

    /// `distance(b) - distance(a)`: positive when `a` fits better.
    pub fn gap(&self, bank: &Bank, a: usize, b: usize) -> f64 {
        (0..self.raw.len())
            .filter_map(|d| Some(term(bank, d, a, b, self.score(d)?)))
            .sum()
    }

    /// Every role's fit, as [`Scorer::score`] computes it from the same
    /// sums; `None` when nothing is measured.
    pub fn fits(&self, bank: &Bank) -> Option<Vec<f64>> {
        let total: f64 = (0..self.raw.len())
            .filter(|&d| self.score(d).is_some())
            .map(|d| bank.dimensions[d].weight)
            .sum();
        (total > 0.0).then(|| {
            (0..bank.roles.len())
                .map(|r| (1.0 - (self.distance(bank, r) / total).sqrt()).clamp(0.0, 1.0))
                .collect()
        })
    }

    /// The roles from best to worst fit, equal fits in bank order (as the
    /// scorer ranks them); `None` when nothing is measured yet.
    pub fn ranking(&self, bank: &Bank) -> Option<Vec<usize>> {
        if (0..self.raw.len()).all(|d| self.score(d).is_none()) {
            return None;
        }
        let distances: Vec<f64> = (0..bank.roles.len())
            .map(|r| self.distance(bank, r))
            .collect();
        let mut roles: Vec<usize> = (0..bank.roles.len()).collect();
        roles.sort_by(|&x, &y| distances[x].total_cmp(&distances[y]));
        Some(roles)
    }
}

/// One dimension's share of `distance(b) - distance(a)` at score `s`:
/// `w (s - t_b)² - w (s - t_a)² = w (t_a - t_b)(2s - t_a - t_b)`, linear in
/// `s`.
fn term(bank: &Bank, d: DimIdx, a: usize, b: usize, s: f64) -> f64 {
    let (ta, tb) = (bank.roles[a].profile[d], bank.roles[b].profile[d]);
    bank.dimensions[d].weight * (ta - tb) * (2.0 * s - ta - tb)
}

/// Per dimension, the total span (largest minus smallest contribution) of
/// the questions in `unasked`: how far they could still move it.
pub fn open_span(scorer: &Scorer<'_>, unasked: impl IntoIterator<Item = usize>) -> Vec<f64> {
    let mut span = vec![0.0; scorer.bank().dimensions.len()];
    for q in unasked {
        scorer.spans(q, |d, lo, hi| span[d] += hi - lo);
    }
    span
}

/// The smallest `distance(b) - distance(a)` can become, over every way of
/// answering or skipping the questions whose spans make up `open`.
///
/// A measured dimension with `a0 = raw - min` and `m0 = max - min` ends with
/// a score in `[a0 / (m0 + R), (a0 + R) / (m0 + R)]`, `R` its whole open
/// span: answering a subset with span `x` gives at least `a0 / (m0 + x)` and
/// at most `(a0 + x) / (m0 + x)`, and both move outwards as `x` grows. A
/// dimension not measured yet may stay unmeasured (adding nothing) or end
/// anywhere in `0..=1`. Each dimension's term is linear in its score, so its
/// least value is at an end of its range, and dimensions add up
/// independently. Treating every dimension independently only widens the
/// ranges, so the bound is safe.
pub fn least_gap(bank: &Bank, tally: &Tally, open: &[f64], a: usize, b: usize) -> f64 {
    (0..open.len())
        .map(|d| {
            let at = |s: f64| term(bank, d, a, b, s);
            let r = open[d];
            if let Some((a0, m0)) = tally.measured(d) {
                at(a0 / (m0 + r)).min(at((a0 + r) / (m0 + r)))
            } else if r > 0.0 {
                0.0f64.min(at(0.0)).min(at(1.0))
            } else {
                0.0
            }
        })
        .sum()
}

/// The role that stays recommended whatever happens to the questions whose
/// spans are `open`, or `None` when some completion could change it (or
/// make it a tie).
pub fn settled(bank: &Bank, tally: &Tally, open: &[f64]) -> Option<usize> {
    let leader = *tally.ranking(bank)?.first()?;
    // A fit is 1 - sqrt(distance / W) with W at most the sum of all weights
    // and distance at most W, so a distance gap g moves fits apart by at
    // least g / 2W. Asking for 4·TIE·W keeps the fits at least 2·TIE apart:
    // never a tie, and far beyond rounding.
    let total: f64 = bank.dimensions.iter().map(|d| d.weight).sum();
    let needed = 4.0 * TIE * total;
    (0..bank.roles.len())
        .filter(|&b| b != leader)
        .all(|b| least_gap(bank, tally, open, leader, b) > needed)
        .then_some(leader)
}

/// What adaptive mode does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Ask this bank question.
    Ask(usize),
    /// The result is settled and every dimension has its share of answers:
    /// the quiz may stop. `role` is the recommendation.
    Settled { role: usize },
    /// Nothing is left to ask.
    Done,
}

/// Chooses questions one at a time for one bank.
#[derive(Debug, Clone)]
pub struct Adaptive<'b> {
    scorer: Scorer<'b>,
    /// `rank[q]`: question `q`'s place in the seeded order, which breaks
    /// ties between equally useful questions.
    rank: Vec<usize>,
    /// The dimensions each question moves.
    moves: Vec<Vec<DimIdx>>,
    min_per_dimension: usize,
    /// The work of one tally of every question, and of one settle check.
    tally_work: u64,
    settle_work: u64,
}

/// Questions with at most this many answers have their swing found by
/// trying each; past it, it is worked out (see [`Adaptive::swing`]).
const TRIED_ANSWERS: usize = 64;

impl<'b> Adaptive<'b> {
    /// `tie_order` lists every question once; earlier wins a tie (the quiz
    /// passes its seeded question order).
    pub fn new(bank: &'b Bank, tie_order: &[usize]) -> Self {
        let scorer = Scorer::new(bank);
        let mut rank = vec![usize::MAX; bank.questions.len()];
        for (place, &q) in tie_order.iter().enumerate() {
            rank[q] = place;
        }
        let moves: Vec<Vec<DimIdx>> = bank.questions.iter().map(|q| q.moves()).collect();
        let tally_work = moves.iter().map(|m| 1 + m.len() as u64).sum();
        let settle_work = (bank.roles.len() as u64 + 1) * bank.dimensions.len() as u64;
        Adaptive {
            scorer,
            rank,
            moves,
            min_per_dimension: bank.min_per_dimension,
            tally_work,
            settle_work,
        }
    }

    /// What to do after the questions marked in `asked` have been asked and
    /// answered (or skipped) as in `answers`. With `keep_going`, a settled
    /// result does not stop the quiz: the remaining questions follow, most
    /// useful first.
    pub fn bank(&self) -> &'b Bank {
        self.scorer.bank()
    }

    pub fn scorer(&self) -> &Scorer<'b> {
        &self.scorer
    }

    pub fn next(&self, answers: &AnswerSet, asked: &[bool], keep_going: bool) -> Next {
        self.next_within(answers, asked, keep_going, &Budget::new(NEXT_WORK))
    }

    /// [`Adaptive::next`] within `budget`. When the budget runs out while
    /// the questions are compared, the best of those compared so far is
    /// asked (the earliest in the seeded order if none was); when it cannot
    /// even pay for the settle check, the result is not taken as settled.
    pub fn next_within(
        &self,
        answers: &AnswerSet,
        asked: &[bool],
        keep_going: bool,
        budget: &Budget,
    ) -> Next {
        let bank = self.scorer.bank();
        let unasked: Vec<usize> = (0..asked.len()).filter(|&q| !asked[q]).collect();
        if unasked.is_empty() {
            return Next::Done;
        }
        if !budget.spend(self.tally_work + self.settle_work) {
            return self.in_order(&unasked);
        }
        let tally = Tally::new(&self.scorer, answers);
        let open = open_span(&self.scorer, unasked.iter().copied());
        let settled = settled(bank, &tally, &open);
        // A dimension is covered once it has its share of answers or no
        // question left can measure it.
        let uncovered: Vec<bool> = (0..bank.dimensions.len())
            .map(|d| tally.answered[d] < self.min_per_dimension && open[d] > 0.0)
            .collect();
        let covered = !uncovered.iter().any(|&u| u);
        if let Some(role) = settled
            && covered
            && !keep_going
        {
            return Next::Settled { role };
        }
        // Once settled, only coverage is left to ask for.
        let pool: Vec<usize> = if settled.is_some() && !covered {
            unasked
                .iter()
                .copied()
                .filter(|&q| self.moves[q].iter().any(|&d| uncovered[d]))
                .collect()
        } else {
            unasked
        };
        let (a, b) = match tally.ranking(bank) {
            Some(ranking) => (ranking[0], ranking[1]),
            None => (0, 1),
        };
        let gap = tally.gap(bank, a, b);
        let swings = pool.iter().map_while(|&q| {
            budget
                .spend(self.swing_work(q))
                .then(|| (q, self.swing_from(&tally, gap, q, a, b)))
        });
        let best = swings.max_by(|&(q1, s1), &(q2, s2)| {
            // Swings within rounding of each other are equal; then the
            // earlier place in the seeded order wins.
            if (s1 - s2).abs() <= 1e-12 {
                self.rank[q2].cmp(&self.rank[q1])
            } else {
                s1.total_cmp(&s2)
            }
        });
        match best {
            Some((q, _)) => Next::Ask(q),
            None => self.in_order(&pool),
        }
    }

    /// The earliest of `questions` in the seeded order.
    fn in_order(&self, questions: &[usize]) -> Next {
        questions
            .iter()
            .copied()
            .min_by_key(|&q| self.rank[q])
            .map_or(Next::Done, Next::Ask)
    }

    /// The work of [`Adaptive::swing`] for `q`.
    fn swing_work(&self, q: usize) -> u64 {
        let space = Space::of(&self.scorer.bank().questions[q].kind).len();
        let dims = self.scorer.bank().dimensions.len();
        let moved = self.moves[q].len().max(1);
        let tried = if space <= TRIED_ANSWERS + 1 {
            space * (4 * dims + moved)
        } else {
            self.scorer.bank().questions[q].kind.options().len() * moved + dims
        };
        tried as u64
    }

    /// How far one answer to `q` (a skip included) can move
    /// `distance(b) - distance(a)` from where the answers so far put it.
    ///
    /// A question with few answers has each tried. Past
    /// 64 answers it is worked out: any answer adds the same span to
    /// each dimension it moves, so the gap is linear in the answer's
    /// contributions, and its extremes are at a scale's or range's ends, at
    /// the best and worst option, or (for a multi question) at the options
    /// that pull one way all ticked.
    pub fn swing(&self, tally: &Tally, q: usize, a: usize, b: usize) -> f64 {
        self.swing_from(tally, tally.gap(self.scorer.bank(), a, b), q, a, b)
    }

    /// [`Adaptive::swing`], given the gap now.
    fn swing_from(&self, tally: &Tally, gap: f64, q: usize, a: usize, b: usize) -> f64 {
        let bank = self.scorer.bank();
        let space = Space::of(&bank.questions[q].kind);
        if space.len() > TRIED_ANSWERS + 1 {
            let (lo, hi) = self.extremes(tally, gap, q, a, b);
            return hi - lo;
        }
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut with = tally.clone();
        for candidate in space.iter() {
            let gap = match candidate {
                None => gap,
                Some(answer) => {
                    with.copy_from(tally);
                    with.add(&self.scorer, q, &answer);
                    with.gap(bank, a, b)
                }
            };
            lo = lo.min(gap);
            hi = hi.max(gap);
        }
        hi - lo
    }

    /// The least and greatest `distance(b) - distance(a)` over every answer
    /// to `q` and a skip (which leaves it at `gap`), worked out rather
    /// than tried.
    fn extremes(&self, tally: &Tally, gap: f64, q: usize, a: usize, b: usize) -> (f64, f64) {
        let bank = self.scorer.bank();
        // Once `q` is answered, each dimension `d` it moves with a
        // contribution `c` between `lo` and `hi` has the score
        // `(raw - min - lo + c) / span`, and its term of the gap is
        // `k · score + e`: a constant plus `slope · c`.
        let mut base = gap;
        let mut line = |d: DimIdx, lo: f64, hi: f64| {
            let (ta, tb) = (bank.roles[a].profile[d], bank.roles[b].profile[d]);
            let w = bank.dimensions[d].weight;
            let (k, e) = (2.0 * w * (ta - tb), -w * (ta - tb) * (ta + tb));
            let span = (tally.max[d] + hi) - (tally.min[d] + lo);
            if let Some(s) = tally.score(d) {
                base -= term(bank, d, a, b, s);
            }
            base += k * (tally.raw[d] - tally.min[d] - lo) / span + e;
            k / span
        };
        let (least, most) = match &bank.questions[q].kind {
            QuestionKind::Likert { .. } | QuestionKind::Number { .. } => {
                let mut ends = (0.0, 0.0);
                self.scorer.spans(q, |d, lo, hi| {
                    let slope = line(d, lo, hi);
                    ends = ((slope * lo).min(slope * hi), (slope * lo).max(slope * hi));
                });
                ends
            }
            kind => {
                let slopes: Vec<f64> = self.scorer.ranges[q]
                    .iter()
                    .map(|&(d, lo, hi)| line(d, lo, hi))
                    .collect();
                let n = kind.options().len();
                let per_option = (0..n).map(|o| {
                    let scores = self.scorer.option_row(q, o);
                    slopes.iter().zip(scores).map(|(k, s)| k * s).sum::<f64>()
                });
                if matches!(kind, QuestionKind::Choice { .. }) {
                    per_option.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                        (lo.min(v), hi.max(v))
                    })
                } else if n <= MAX_SUBSET_OPTIONS {
                    // Every subset: tick exactly the options that pull
                    // the gap one way.
                    per_option.fold((0.0, 0.0), |(lo, hi), v| (lo + v.min(0.0), hi + v.max(0.0)))
                } else {
                    // None, each one alone, or all.
                    let (lo, hi, all) = per_option
                        .fold((0.0f64, 0.0f64, 0.0), |(lo, hi, all), v| {
                            (lo.min(v), hi.max(v), all + v)
                        });
                    (lo.min(all), hi.max(all))
                }
            }
        };
        (gap.min(base + least), gap.max(base + most))
    }
}

/// A complete answers file replayed through adaptive mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Replay {
    /// The answers adaptive mode asked for, the rest unanswered.
    pub answers: AnswerSet,
    /// Bank question indices in the order they were asked.
    pub asked: Vec<usize>,
    /// How many questions had been asked when the quiz could stop; `None`
    /// if it never could before the questions ran out (or before the work
    /// budget did).
    pub settled_after: Option<usize>,
    /// The work budget ran out after this many questions: from there on
    /// the rest were asked in the seeded order, and the quiz did not stop
    /// early.
    pub cut_after: Option<usize>,
}

/// Asks, in adaptive order, only what adaptive mode would ask, taking each
/// answer from `full` (a question `full` leaves out counts as skipped), and
/// stops as soon as the result is settled; within the standard budget.
pub fn replay(adaptive: &Adaptive<'_>, full: &AnswerSet) -> Replay {
    replay_within(adaptive, full, &Budget::new(REPLAY_WORK))
}

/// [`replay`] within `budget`, each choice within [`NEXT_WORK`] of it. The
/// first choice the budget cuts short ends the comparing: the questions
/// left are asked in the seeded order.
pub fn replay_within(adaptive: &Adaptive<'_>, full: &AnswerSet, budget: &Budget) -> Replay {
    let n = full.len();
    let mut answers = AnswerSet::new(adaptive.scorer.bank());
    let mut asked_mask = vec![false; n];
    let mut asked = Vec::new();
    let mut cut_after = None;
    let settled_after = loop {
        let part = budget.part(NEXT_WORK);
        let next = adaptive.next_within(&answers, &asked_mask, false, &part);
        budget.absorb(&part);
        if part.cut() {
            cut_after = Some(asked.len());
            break None;
        }
        match next {
            Next::Ask(q) => {
                asked_mask[q] = true;
                asked.push(q);
                answers.set(q, full.get(q).cloned());
            }
            Next::Settled { .. } => break Some(asked.len()),
            Next::Done => break None,
        }
    };
    if cut_after.is_some() {
        let mut rest: Vec<usize> = (0..n).filter(|&q| !asked_mask[q]).collect();
        rest.sort_by_key(|&q| adaptive.rank[q]);
        for q in rest {
            asked.push(q);
            answers.set(q, full.get(q).cloned());
        }
    }
    Replay {
        answers,
        asked,
        settled_after,
        cut_after,
    }
}

/// After how many of `sequence` (bank question indices in the order asked,
/// with `answers` holding what was answered) adaptive mode could first have
/// stopped: settled, and every dimension covered. `None` if never before the
/// end of `sequence`, or if questions outside `sequence` were never asked.
pub fn settled_after(
    adaptive: &Adaptive<'_>,
    answers: &AnswerSet,
    sequence: &[usize],
) -> Option<usize> {
    let mut asked = vec![false; answers.len()];
    let mut so_far = AnswerSet::new(adaptive.scorer.bank());
    for k in 0..=sequence.len() {
        if k > 0 {
            let q = sequence[k - 1];
            asked[q] = true;
            so_far.set(q, answers.get(q).cloned());
        }
        if adaptive.could_stop(&so_far, &asked) {
            return Some(k);
        }
    }
    None
}

impl Adaptive<'_> {
    /// Whether [`Adaptive::next`] (not keeping going) would say
    /// [`Next::Settled`], without choosing a question.
    fn could_stop(&self, answers: &AnswerSet, asked: &[bool]) -> bool {
        let bank = self.scorer.bank();
        let unasked: Vec<usize> = (0..asked.len()).filter(|&q| !asked[q]).collect();
        if unasked.is_empty() {
            return false;
        }
        let tally = Tally::new(&self.scorer, answers);
        let open = open_span(&self.scorer, unasked.iter().copied());
        settled(bank, &tally, &open).is_some()
            && (0..bank.dimensions.len())
                .all(|d| tally.answered[d] >= self.min_per_dimension || open[d] <= 0.0)
    }
}

#[cfg(test)]
mod tests;
