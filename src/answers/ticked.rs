//! Multi cells met before, kept with what they ticked. A class's multi
//! cells take few values (a question of six options has 64 sets of them,
//! and classes pick some far more often than others), and finding a cell
//! again costs a tenth of splitting it and looking up each id. What is
//! kept is what [`OptionKeys::find_ticked`] said of the same bytes, so the
//! answers are the same either way. Memory is bounded: a fixed number of
//! short cells per column, for a fixed number of columns.

use super::cells::{each_word, same_bytes};
use super::resolve::OptionKeys;

/// Cells kept per column (a power of two).
const SLOTS: usize = 128;

/// Longer cells are not kept.
const LONGEST: usize = 64;

/// Multi columns whose cells are kept (the first so many of a table);
/// the others' are always looked up.
const COLUMNS: usize = 32;

/// The multi cells one thread has met, column by column.
#[derive(Debug, Default)]
pub struct Ticked {
    columns: Vec<Vec<Slot>>,
}

#[derive(Debug, Default, Clone)]
struct Slot {
    cell: Vec<u8>,
    chosen: Vec<usize>,
    /// What `find_ticked` said (`cell` is empty in an unused slot, and
    /// an empty cell is never kept).
    ticked: bool,
}

impl Ticked {
    /// [`OptionKeys::find_ticked`] of `cell` in multi column `column`
    /// (0 for a table's first), from the cells kept if it is one of them.
    pub fn find_ticked(
        &mut self,
        keys: &OptionKeys,
        column: usize,
        cell: &[u8],
        chosen: &mut Vec<usize>,
    ) -> bool {
        if cell.is_empty() || cell.len() > LONGEST || column >= COLUMNS {
            return keys.find_ticked(cell, chosen);
        }
        if self.columns.len() <= column {
            self.columns.resize_with(column + 1, Vec::new);
        }
        let slots = &mut self.columns[column];
        if slots.is_empty() {
            slots.resize_with(SLOTS, Slot::default);
        }
        let slot = &mut slots[slot_of(cell)];
        if same_bytes(&slot.cell, cell) {
            chosen.clear();
            chosen.extend_from_slice(&slot.chosen);
            return slot.ticked;
        }
        let ticked = keys.find_ticked(cell, chosen);
        slot.cell.clear();
        slot.cell.extend_from_slice(cell);
        slot.chosen.clear();
        slot.chosen.extend_from_slice(chosen);
        slot.ticked = ticked;
        ticked
    }
}

/// The slot `cell` is kept in: a hash of its words (FxHash's step).
fn slot_of(cell: &[u8]) -> usize {
    let mut hash = cell.len() as u64;
    each_word(cell, |word, _| {
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
        true
    });
    (hash >> (64 - SLOTS.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::ChoiceOption;

    fn keys() -> OptionKeys {
        let options: Vec<ChoiceOption> = [
            "a",
            "bb",
            "care-home",
            "repair-workshop",
            "quick-qualification",
        ]
        .iter()
        .map(|id| ChoiceOption {
            id: id.to_string(),
            text: id.to_string(),
            scores: vec![(0, 1.0)],
        })
        .collect();
        OptionKeys::new(&options)
    }

    proptest::proptest! {
        /// Cells met again, in any order, across columns, tick what
        /// `find_ticked` ticks, and say so as it does.
        #[test]
        fn kept_cells_tick_what_find_ticked_ticks(
            cells in proptest::collection::vec(
                (proptest::collection::vec(proptest::sample::select(vec![
                    "a", "bb", "care-home", "repair-workshop", "quick-qualification", ";", " ", "x", "a ",
                ]), 0..5), 0usize..40),
                1..200,
            ),
        ) {
            let keys = keys();
            let mut ticked = Ticked::default();
            for (parts, column) in cells {
                let cell = parts.concat();
                let (mut kept, mut found) = (vec![99], vec![98]);
                let a = ticked.find_ticked(&keys, column, cell.as_bytes(), &mut kept);
                let b = keys.find_ticked(cell.as_bytes(), &mut found);
                proptest::prop_assert_eq!(a, b, "{:?}", cell);
                proptest::prop_assert_eq!(kept, found, "{:?}", cell);
            }
        }
    }

    #[test]
    fn memory_is_bounded_whatever_the_cells() {
        let keys = keys();
        let mut ticked = Ticked::default();
        let mut chosen = Vec::new();
        for i in 0..5000 {
            let cell = format!("a;{}", "x".repeat(i % 100));
            ticked.find_ticked(&keys, i % 100, cell.as_bytes(), &mut chosen);
        }
        assert!(ticked.columns.len() <= COLUMNS);
        for slots in &ticked.columns {
            assert!(slots.len() <= SLOTS);
            assert!(slots.iter().all(|s| s.cell.len() <= LONGEST));
        }
    }
}
