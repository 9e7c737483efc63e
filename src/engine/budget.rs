//! Work budgets for the searches. What would change a result, which
//! question adaptive mode asks next, and what `inspect` finds all try
//! answers; a hostile or merely huge bank (a 8,000-point scale, hundreds of
//! multi questions) must not turn that into minutes. Every search charges
//! its work to a [`Budget`] and stops, saying so, when the budget is spent.
//! The limits are fixed: they do not grow with a scale's length, the
//! number of options or the number of questions.
//!
//! One unit is about one answer's contribution added to a tally, or one
//! role's distance on one dimension: a few nanoseconds. The limits below
//! keep each search well under a second on a slow machine, and none of
//! them is reached by the bundled banks.

use std::cell::Cell;

/// The what-if search behind one result ("what would change your result").
pub const WHAT_IF_WORK: u64 = 40_000_000;
/// Adaptive mode's choice of one next question.
pub const NEXT_WORK: u64 = 4_000_000;
/// One whole adaptive replay (`score --adaptive`, and each of `inspect`'s
/// random respondents), choices and settle checks together.
pub const REPLAY_WORK: u64 = 40_000_000;
/// `inspect`'s search for each role's best lead, over all roles.
pub const REACH_WORK: u64 = 400_000_000;
/// `inspect`'s ranking of the most decisive questions.
pub const DECISIVE_WORK: u64 = 100_000_000;
/// `inspect`'s adaptive replays of its random respondents, over all of
/// them.
pub const CROWD_WORK: u64 = 1_000_000_000;

/// A fixed amount of work a search may do. It is spent through a shared
/// reference so that a search's helpers can all charge it.
#[derive(Debug)]
pub struct Budget {
    limit: u64,
    spent: Cell<u64>,
    cut: Cell<bool>,
}

impl Budget {
    pub fn new(limit: u64) -> Self {
        Budget {
            limit,
            spent: Cell::new(0),
            cut: Cell::new(false),
        }
    }

    /// Takes `units` if that many are left and says whether it did; if not,
    /// nothing is taken and the budget counts as cut. The work charged never
    /// exceeds the limit.
    pub fn spend(&self, units: u64) -> bool {
        let after = self.spent.get().saturating_add(units);
        if after > self.limit {
            self.cut.set(true);
            false
        } else {
            self.spent.set(after);
            true
        }
    }

    /// A budget for one part of a search: at most `limit`, and never more
    /// than is left here. Charge it back with [`Budget::absorb`].
    pub fn part(&self, limit: u64) -> Budget {
        Budget::new(limit.min(self.left()))
    }

    /// Charges the work `part` did (and its cut, if it was cut).
    pub fn absorb(&self, part: &Budget) {
        self.spent.set(
            self.spent
                .get()
                .saturating_add(part.spent())
                .min(self.limit),
        );
        if part.cut() {
            self.cut.set(true);
        }
    }

    pub fn spent(&self) -> u64 {
        self.spent.get()
    }

    pub fn limit(&self) -> u64 {
        self.limit
    }

    pub fn left(&self) -> u64 {
        self.limit - self.spent.get()
    }

    /// Some work was refused: the search stopped before it was done.
    pub fn cut(&self) -> bool {
        self.cut.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spending_stops_at_the_limit_and_counts_as_cut() {
        let budget = Budget::new(10);
        assert!(budget.spend(4) && budget.spend(6));
        assert!(!budget.cut());
        assert!(!budget.spend(1));
        assert!(budget.cut());
        assert_eq!(budget.spent(), 10);
        assert!(!budget.spend(u64::MAX));
        assert_eq!(budget.spent(), 10);
    }

    #[test]
    fn a_part_never_has_more_than_is_left() {
        let budget = Budget::new(10);
        budget.spend(7);
        let part = budget.part(100);
        assert_eq!(part.limit(), 3);
        assert!(!part.spend(4));
        assert!(part.spend(3));
        budget.absorb(&part);
        assert_eq!(budget.spent(), 10);
        assert!(budget.cut());
    }
}
