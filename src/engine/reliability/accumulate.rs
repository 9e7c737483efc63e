//! The one pass over respondents: per dimension, listwise sums and
//! co-moments of its item scores; per item, its own moments and answer
//! counts.

use super::ItemAnalysis;
use crate::answers::AnswerSet;
use crate::engine::{Assessment, Scorer};

/// Gathers what [`ItemAnalysis`] needs from one respondent at a time.
pub struct Accumulator<'b> {
    scorer: Scorer<'b>,
}

impl<'b> Accumulator<'b> {
    pub fn new(scorer: Scorer<'b>) -> Self {
        Accumulator { scorer }
    }

    /// Adds one scored respondent.
    pub fn add(&mut self, answers: &AnswerSet, assessment: &Assessment) {
        let _ = (answers, assessment, &self.scorer);
        todo!()
    }

    /// Counts a row that could not be used.
    pub fn failed(&mut self) {
        todo!()
    }

    pub fn finish(self) -> ItemAnalysis {
        todo!()
    }
}
