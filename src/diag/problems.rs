//! The problems found in one file, kept with the file so that a renderer can
//! show each at its place. Locating them is the parser's job
//! (`input::yaml::locate`); this only holds and orders them.

use super::problem::{Problem, Severity};
use crate::input::source::SourceFile;

/// The problems found in one file, with the file for showing where they are.
#[derive(Debug, Clone)]
pub struct Problems {
    pub source: SourceFile,
    pub problems: Vec<Problem>,
}

impl Problems {
    /// Sorts problems by position, unlocated ones last.
    pub fn new(source: SourceFile, mut problems: Vec<Problem>) -> Self {
        problems.sort_by_key(|p| (p.location.is_none(), p.location));
        Problems { source, problems }
    }

    /// How many problems have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}
