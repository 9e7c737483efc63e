//! Making a found change as small as it can be. The searches find *which*
//! questions to change, each with an answer that works; that answer may be
//! further from the student's than it needs to be ("also ticking" four
//! options when one would do, "Strongly agree" when "Agree" would do).
//! Here each change is shrunk in turn while the whole set still flips the
//! result, and again until none shrinks:
//!
//! - a multi question: the fewest options toggled from what was ticked;
//! - a scale: the point nearest the one given;
//! - a number: the value nearest the one given, rounded to what a person
//!   would type (a whole number, or a tenth, a hundredth… on a range
//!   narrower than one);
//! - a skipped scale or number: the point nearest the middle (what a
//!   student who is not sure would pick), a skipped multi question: the
//!   fewest options ticked;
//! - any change that the others win without is dropped.
//!
//! With the other answers fixed, the target's lead is the smallest of a
//! few straight lines in a scale or number value, so the values that win
//! are one stretch: the nearest is found by a binary search between the
//! given value and the one found. Every try is charged to the budget; when
//! it runs out a change stays as it is. The caller scores the result again.

use super::Search;
use super::next_subset;
use crate::answers::Answer;
use crate::bank::QuestionKind;
use crate::engine::adaptive::Tally;
use crate::engine::space;

/// A multi question's smaller toggle sets are all tried while they number
/// at most this many (every set of a 12-option question); past it only
/// undoing one toggle at a time is tried.
const MULTI_TRIES: usize = 4096;

/// Rounds of shrinking every change; each round that does not end the
/// search has shrunk a change, so this only bounds hostile cases.
const ROUNDS: usize = 64;

/// The values a person would type for a number question, low to high: the
/// range's ends and the multiples of a step between them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Grid {
    min: f64,
    max: f64,
    /// Point `k` (between the ends) is `(first + k) * scale` when `scale`
    /// is at least 1, else `(first + k) / (1 / scale)`.
    first: f64,
    inner: u64,
    /// Whole tens, or 1 / whole tens: the step.
    up: f64,
    down: f64,
}

/// At most this many points between a number range's ends; wider ranges
/// are rounded more coarsely.
const MAX_GRID: f64 = 1e9;

impl Grid {
    /// `None` for a range that is not finite or not wider than a point.
    pub(super) fn new(min: f64, max: f64) -> Option<Grid> {
        let width = max - min;
        if !(width.is_finite() && width > 0.0) {
            return None;
        }
        // Whole numbers, unless the range is narrower than one.
        let mut exp: i32 = if width >= 1.0 {
            0
        } else {
            width.log10().floor() as i32 - 1
        };
        while width / 10f64.powi(exp) > MAX_GRID {
            exp += 1;
        }
        let (up, down) = if exp >= 0 {
            (10f64.powi(exp), 1.0)
        } else {
            (1.0, 10f64.powi(-exp))
        };
        let step = up / down;
        let first = (min / step).floor() + 1.0;
        let last = (max / step).ceil() - 1.0;
        let inner = if last >= first {
            (last - first + 1.0) as u64
        } else {
            0
        };
        let grid = Grid {
            min,
            max,
            first,
            inner,
            up,
            down,
        };
        Some(grid)
    }

    pub(super) fn len(&self) -> u64 {
        self.inner + 2
    }

    pub(super) fn get(&self, i: u64) -> f64 {
        if i == 0 {
            return self.min;
        }
        if i > self.inner {
            return self.max;
        }
        let n = self.first + (i - 1) as f64;
        // Between the ends, whatever the floating point does.
        (n * self.up / self.down).clamp(self.min, self.max)
    }

    /// The index of the last point at or below `x` (0 below the range).
    fn at_or_below(&self, x: f64) -> u64 {
        // The points rise: a binary search, `O(log len)`.
        let (mut lo, mut hi) = (0u64, self.len() - 1);
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if self.get(mid) <= x {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }
}

/// Points on a line that an answer can take, low to high.
enum Line<'g> {
    Values(&'g [f64]),
    Grid(Grid),
}

impl Line<'_> {
    fn len(&self) -> u64 {
        match self {
            Line::Values(v) => v.len() as u64,
            Line::Grid(g) => g.len(),
        }
    }

    fn get(&self, i: u64) -> f64 {
        match self {
            Line::Values(v) => v[i as usize],
            Line::Grid(g) => g.get(i),
        }
    }

    fn at_or_below(&self, x: f64) -> u64 {
        match self {
            Line::Values(v) => v.partition_point(|&p| p <= x).saturating_sub(1) as u64,
            Line::Grid(g) => g.at_or_below(x),
        }
    }
}

/// How many options a multi answer `to` toggles from `from` (from nothing
/// ticked when the question was skipped).
fn size(kind: &QuestionKind, from: Option<&Answer>, to: &Answer) -> usize {
    match (kind, to) {
        (QuestionKind::Multi { .. }, Answer::Multi(to)) => {
            let from: &[usize] = match from {
                Some(Answer::Multi(f)) => f,
                _ => &[],
            };
            let kept = to.iter().filter(|o| from.contains(o)).count();
            from.len().saturating_sub(kept) + to.len().saturating_sub(kept)
        }
        _ => 0,
    }
}

impl Search<'_, '_> {
    /// Shrinks every change while the whole set still flips the result,
    /// round after round until none shrinks (or the budget runs out).
    pub(super) fn minimise(&self, mut changes: Vec<(usize, Answer)>) -> Vec<(usize, Answer)> {
        for _ in 0..ROUNDS {
            // Every change made, tallied afresh each round so that taking
            // answers away and adding them leaves no rounding to build up.
            let questions: Vec<usize> = changes.iter().map(|c| c.0).collect();
            let mut all = self.tally_without(&questions);
            for (q, a) in &changes {
                all.add(self.scorer, *q, a);
            }
            let mut shrunk = false;
            let mut i = 0;
            while i < changes.len() {
                if !self.charge(1) {
                    return changes;
                }
                let (q, ref now) = changes[i];
                // The others as they are, `q` unanswered.
                let mut others = all.clone();
                others.remove(self.scorer, q, now);
                let smaller = self.smaller(&others, q, now);
                if let Some(smaller) = smaller {
                    all = others;
                    shrunk = true;
                    match smaller {
                        None => {
                            if let Some(was) = self.answers.get(q) {
                                all.add(self.scorer, q, was);
                            }
                            changes.remove(i);
                            continue;
                        }
                        Some(answer) => {
                            all.add(self.scorer, q, &answer);
                            changes[i].1 = answer;
                        }
                    }
                }
                i += 1;
            }
            if !shrunk {
                break;
            }
        }
        changes
    }

    /// Whether the target wins with `others` and `answer` to `q` (`None`:
    /// `q` left unanswered). Charged; `false` when the budget is spent.
    fn wins_with(&self, others: &Tally, q: usize, answer: Option<&Answer>) -> Option<f64> {
        if !self.charge(1) {
            return None;
        }
        let (wins, lead) = match answer {
            Some(a) => self.with(others, q, a, |t| (self.wins(t), self.lead(t))),
            None => (self.wins(others), self.lead(others)),
        };
        wins.then_some(lead)
    }

    /// A smaller change to `q` than `now` that still wins with `others`:
    /// `Some(None)` when keeping the student's answer wins, `Some(answer)`
    /// for a smaller answer, `None` when there is none (or no budget).
    fn smaller(&self, others: &Tally, q: usize, now: &Answer) -> Option<Option<Answer>> {
        let from = self.answers.get(q);
        if self.wins_with(others, q, from).is_some() {
            return Some(None);
        }
        let kind = &self.bank.questions[q].kind;
        // A number found by the search (a quarter of the range, say) is
        // rounded even when that takes it a little further.
        let off_grid = match (kind, now) {
            (QuestionKind::Number { min, max, .. }, Answer::Number(x)) => {
                Grid::new(*min, *max).is_some_and(|g| g.get(g.at_or_below(*x)) != *x)
            }
            _ => false,
        };
        let value = |a: &Answer| match a {
            Answer::Scale(v) | Answer::Number(v) => Some(*v),
            _ => None,
        };
        let (found, given) = match kind {
            QuestionKind::Multi { options } => {
                let found = self.fewer_toggles(others, q, options.len(), now)?;
                let smaller = size(kind, from, &found) < size(kind, from, now);
                return smaller.then_some(Some(found));
            }
            QuestionKind::Likert { scale, .. } => {
                let sorted;
                let values: &[f64] = match &self.long[q] {
                    Some(values) => values,
                    None => {
                        sorted = space::by_value(scale)
                            .into_iter()
                            .map(|i| scale.points[i].value)
                            .collect::<Vec<f64>>();
                        &sorted
                    }
                };
                let given = from
                    .and_then(value)
                    .or_else(|| values.get(values.len() / 2).copied())?;
                let line = Line::Values(values);
                let found = self.nearer(others, q, &line, given, now, Answer::Scale)?;
                (found, given)
            }
            QuestionKind::Number { min, max, .. } => {
                let grid = Grid::new(*min, *max)?;
                let middle = grid.get(grid.at_or_below((min + max) / 2.0));
                let given = from.and_then(value).unwrap_or(middle);
                let line = Line::Grid(grid);
                let found = self.nearer(others, q, &line, given, now, Answer::Number)?;
                (found, given)
            }
            QuestionKind::Choice { .. } => return None,
        };
        let far = |a: &Answer| value(a).map_or(f64::INFINITY, |v| (v - given).abs());
        (off_grid || far(&found) < far(now)).then_some(Some(found))
    }

    /// A multi answer with fewer options toggled than `now`: the fewest,
    /// the biggest lead among those, when every smaller set can be tried;
    /// otherwise `now` with one toggle undone.
    fn fewer_toggles(&self, others: &Tally, q: usize, n: usize, now: &Answer) -> Option<Answer> {
        let from: Vec<usize> = match self.answers.get(q) {
            Some(Answer::Multi(f)) => f.clone(),
            _ => Vec::new(),
        };
        let Answer::Multi(to) = now else { return None };
        let mask = |picked: &[usize]| {
            let mut mask = vec![false; n];
            for &o in picked {
                if let Some(m) = mask.get_mut(o) {
                    *m = true;
                }
            }
            mask
        };
        let (was, is) = (mask(&from), mask(to));
        let toggled: Vec<usize> = (0..n).filter(|&o| was[o] != is[o]).collect();
        // Building an answer costs about one unit per option.
        let build = 1 + n as u64 / 8;
        let answer = |flip: &[usize]| {
            let flip = mask(flip);
            Answer::Multi((0..n).filter(|&o| was[o] != flip[o]).collect())
        };
        // Sets of 0 toggles (a skipped question answered with nothing
        // ticked), 1, … up to one fewer than now.
        let smaller: usize = (0..toggled.len())
            .map(|k| choose(n, k))
            .fold(0usize, usize::saturating_add);
        if smaller <= MULTI_TRIES {
            for k in 0..toggled.len() {
                let mut best: Option<(f64, Answer)> = None;
                let mut flip: Vec<usize> = (0..k).collect();
                loop {
                    if !self.charge(build) {
                        return None;
                    }
                    let candidate = answer(&flip);
                    let lead = self.wins_with(others, q, Some(&candidate));
                    if let Some(lead) = lead
                        && best.as_ref().is_none_or(|(b, _)| lead > *b)
                    {
                        best = Some((lead, candidate));
                    }
                    if !next_subset(&mut flip, n) {
                        break;
                    }
                }
                if let Some((_, found)) = best {
                    return Some(found);
                }
            }
            return None;
        }
        // Too many to try: undo the toggle that leaves the biggest lead.
        let mut best: Option<(f64, Answer)> = None;
        for skip in 0..toggled.len() {
            if !self.charge(build) {
                break;
            }
            let flip: Vec<usize> = toggled
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, &o)| o)
                .collect();
            let candidate = answer(&flip);
            if let Some(lead) = self.wins_with(others, q, Some(&candidate))
                && best.as_ref().is_none_or(|(b, _)| lead > *b)
            {
                best = Some((lead, candidate));
            }
        }
        best.map(|(_, a)| a)
    }

    /// The point of `line` nearest `given` that wins with `others`, when it
    /// is nearer than `now` (or `now` is not on the line). The winning
    /// points are one stretch holding `now` and not `given`, so between the
    /// two the wins are a threshold.
    fn nearer(
        &self,
        others: &Tally,
        q: usize,
        line: &Line<'_>,
        given: f64,
        now: &Answer,
        make: fn(f64) -> Answer,
    ) -> Option<Answer> {
        let (Answer::Scale(target) | Answer::Number(target)) = *now else {
            return None;
        };
        if line.len() == 0 || target == given {
            return None;
        }
        // A skipped question is measured from the middle, which may win.
        if self.answers.get(q).is_none() && self.wins_with(others, q, Some(&make(given))).is_some()
        {
            return Some(make(given));
        }
        let wins = |i: u64| self.wins_with(others, q, Some(&make(line.get(i))));
        let below = line.at_or_below(given);
        let (from_given, to_now, beyond) = if target > given {
            // The first point above `given`, up to the last at or below `now`.
            let first = if line.get(below) > given {
                below
            } else {
                below + 1
            };
            let last = line.at_or_below(target);
            (first, last, (last + 1 < line.len()).then_some(last + 1))
        } else {
            // The last point below `given`, down to the first at or above `now`.
            let first = if line.get(below) < given {
                Some(below)
            } else {
                below.checked_sub(1)
            }?;
            let at = line.at_or_below(target);
            let last = if line.get(at) < target { at + 1 } else { at };
            (first, last, last.checked_sub(1))
        };
        let up = target > given;
        let in_range = if up {
            from_given <= to_now && to_now < line.len()
        } else {
            to_now <= from_given
        };
        if in_range && wins(to_now).is_some() {
            // From `given` outwards the wins are false, …, true: the first
            // true is the nearest.
            let steps = to_now.abs_diff(from_given);
            let at = |k: u64| if up { from_given + k } else { from_given - k };
            let k = space::first_true(0, steps as usize, |k| wins(at(k as u64)).is_some()) as u64;
            return Some(make(line.get(at(k))));
        }
        // No point between wins (`now` lies between two points): the next
        // point out, if it does.
        let beyond = beyond?;
        wins(beyond).map(|_| make(line.get(beyond)))
    }
}

/// `n` choose `k`, saturating.
fn choose(n: usize, k: usize) -> usize {
    let k = k.min(n.saturating_sub(k));
    let mut c: usize = 1;
    for i in 0..k {
        match c.checked_mul(n - i) {
            Some(m) => c = m / (i + 1),
            None => return usize::MAX,
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_holds_the_ends_and_the_whole_numbers_between() {
        let g = Grid::new(0.0, 5.0).unwrap();
        let points: Vec<f64> = (0..g.len()).map(|i| g.get(i)).collect();
        assert_eq!(points, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        let g = Grid::new(0.5, 3.2).unwrap();
        let points: Vec<f64> = (0..g.len()).map(|i| g.get(i)).collect();
        assert_eq!(points, [0.5, 1.0, 2.0, 3.0, 3.2]);
        assert_eq!(g.at_or_below(2.7), 2);
        assert_eq!(g.at_or_below(0.1), 0);
        let g = Grid::new(0.0, 0.5).unwrap();
        assert_eq!(g.get(3), 0.03, "hundredths on a range under one");
        assert!(Grid::new(1.0, 1.0).is_none());
        assert!(Grid::new(0.0, f64::INFINITY).is_none());
        let g = Grid::new(-1e300, 1e300).unwrap();
        assert!(g.len() <= MAX_GRID as u64 + 2);
        assert!(g.get(g.len() / 2).is_finite());
    }

    #[test]
    fn choose_counts_and_saturates() {
        assert_eq!(choose(10, 3), 120);
        assert_eq!(choose(6, 0), 1);
        assert_eq!(choose(10_000, 5_000), usize::MAX);
    }
}
