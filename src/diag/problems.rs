//! The problems found in one file, kept with the file so that a renderer can
//! show each at its place. Locating them is the parser's job
//! (`input::yaml::locate`); this only holds and orders them, and counts
//! the ones a stage found but did not keep (past [`MAX_SHOWN`] nobody reads
//! them, and a file of a million mistakes must not cost a million messages).

use super::problem::{Problem, Severity};
use crate::input::source::SourceFile;

/// At most this many problems of one file are drawn (as text or JSON);
/// a stage may stop writing messages once it has found this many, and
/// only count the rest in [`Problems::omitted`].
pub const MAX_SHOWN: usize = 100;

/// The problems found in one file, with the file for showing where they are.
#[derive(Debug, Clone)]
pub struct Problems {
    pub source: SourceFile,
    pub problems: Vec<Problem>,
    /// Errors found besides `problems`, counted but not kept.
    pub omitted: usize,
}

impl Problems {
    /// Sorts problems by position, unlocated ones last.
    pub fn new(source: SourceFile, mut problems: Vec<Problem>) -> Self {
        problems.sort_by_key(|p| (p.location.is_none(), p.location));
        Problems {
            source,
            problems,
            omitted: 0,
        }
    }

    /// With `omitted` more errors, counted but not kept.
    pub fn with_omitted(mut self, omitted: usize) -> Self {
        self.omitted = omitted;
        self
    }

    /// How many problems were found, kept or not.
    pub fn total(&self) -> usize {
        self.problems.len() + self.omitted
    }

    /// How many problems have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        let omitted = if severity == Severity::Error {
            self.omitted
        } else {
            0
        };
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
            + omitted
    }
}
