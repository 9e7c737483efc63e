//! Item analysis of a whole class in one streaming pass: respondents come
//! from a table as `batch` reads them, each is scored by the same contract,
//! and the [`Accumulator`] keeps only sums per item, so memory grows with
//! the bank, not with the class. Bad rows are reported as `batch` reports
//! them and left out of every figure.

use std::io::Read;

use crate::answers::tabular::Respondents;
use crate::bank::Bank;
use crate::batch::{BatchError, Progress, RowError};
use crate::engine::Scorer;
use crate::engine::reliability::{Accumulator, ItemAnalysis};

/// How often (in rows) the progress hears how far the input is read.
const PROGRESS_EVERY: u64 = 4096;

/// Analyzes every respondent of `respondents`; with `strict` the first bad
/// row stops it.
pub fn run<R: Read>(
    bank: &Bank,
    mut respondents: Respondents<'_, R>,
    strict: bool,
    progress: Progress<'_>,
) -> Result<ItemAnalysis, BatchError> {
    let file = respondents.file().to_string();
    let scorer = Scorer::new(bank);
    let mut analysis = Accumulator::new(scorer.clone());
    let mut rows = 0u64;
    while let Some(respondent) = respondents.next() {
        let r = respondent?;
        let outcome = r.answers.and_then(|answers| {
            scorer
                .score_numbers(&answers)
                .map(|assessment| (answers, assessment))
                .map_err(|e| e.to_string())
        });
        match outcome {
            Ok((answers, assessment)) => analysis.add(&answers, &assessment),
            Err(message) => {
                analysis.failed();
                let row = RowError {
                    line: r.line,
                    respondent: r.id,
                    message,
                };
                (progress.on_error)(&row);
                if strict {
                    return Err(BatchError::Strict { file, row });
                }
            }
        }
        rows += 1;
        if rows.is_multiple_of(PROGRESS_EVERY) {
            (progress.on_bytes)(respondents.bytes_read());
        }
    }
    (progress.on_bytes)(respondents.bytes_read());
    Ok(analysis.finish())
}

/// How an analysis ended when some rows could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzeError {
    #[error(
        "{file}: {failed} of {total} respondents could not be used (listed above); the analysis is of the other {used}"
    )]
    SomeLeftOut {
        file: String,
        failed: usize,
        total: usize,
        used: usize,
    },
}
