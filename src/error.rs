//! The errors a pathfit command can end with, and the exit code of each,
//! decided in one place. Stage errors keep their own types; this only
//! gathers them. Only real failures are errors: a stopped quiz or a
//! `validate` that found problems ends with an [`Exit`] of its own.

use thiserror::Error;

use crate::analyze::AnalyzeError;
use crate::answers::file::AnswersError;
use crate::bank::BankError;
use crate::batch::BatchError;
use crate::diag::Problems;
use crate::engine::EngineError;
use crate::exit::Exit;
use crate::history::HistoryError;
use crate::input::output::{Refused, WriteError};
use crate::quiz::session::SessionError;

#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Bank(#[from] BankError),
    #[error(transparent)]
    Answers(#[from] AnswersError),
    #[error("{file}: {source}")]
    Score { file: String, source: EngineError },
    #[error(transparent)]
    Write(#[from] WriteError),
    /// An output that would destroy an input or another output, or that
    /// cannot be written, found before any work began.
    #[error(transparent)]
    Refused(#[from] Refused),
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Batch(#[from] BatchError),
    #[error(transparent)]
    Analyze(#[from] AnalyzeError),
    #[error(transparent)]
    History(#[from] HistoryError),
    #[error("{}", no_terminal())]
    NoTerminal,
}

/// What `take` says without a terminal, with commands that work when
/// pasted into the shell that started pathfit.
fn no_terminal() -> String {
    format!(
        "`{}` asks questions in a terminal, and standard input or standard error is not one.\nTo answer in plain numbered lines (typed, or piped in one answer per line), run `{}`. To score answers without prompting, write them to a file and run `{} FILE`. An answers file maps question ids (see the bank file) to answers:\n\n  answers:\n    a-likert-question: 4           # a scale value or its label\n    a-choice-question: option-id   # one option id\n    a-multi-question: [id1, id2]   # option ids, [] for none\n    a-number-question: 6           # a number in range\n\nSee `{}` and the README.",
        crate::invocation::command(&["take"]),
        crate::invocation::command(&["take", "--plain"]),
        crate::invocation::command(&["score", "--answers"]),
        crate::invocation::command(&["score", "--help"]),
    )
}

impl Error {
    /// The documented exit code for this error.
    pub fn exit(&self) -> Exit {
        use crate::answers::tabular::TableError;
        match self {
            Error::Bank(BankError::Read(e)) | Error::Answers(AnswersError::Read(e))
                if e.is_missing() =>
            {
                Exit::NoInput
            }
            Error::Session(e) => e.exit(),
            Error::History(e) => e.exit(),
            Error::Bank(BankError::NotFound { .. }) => Exit::NoInput,
            Error::Batch(BatchError::Table(TableError::Read { .. })) => Exit::NoInput,
            Error::Bank(_)
            | Error::Answers(_)
            | Error::Score { .. }
            | Error::Batch(_)
            | Error::Analyze(_) => Exit::Data,
            Error::Write(_) | Error::Refused(Refused::Write(_)) => Exit::CantWrite,
            Error::Refused(Refused::SameFile(_)) => Exit::Usage,
            Error::NoTerminal => Exit::Usage,
        }
    }

    /// The located problems behind this error, when it has them.
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            Error::Bank(BankError::Invalid(found))
            | Error::Answers(AnswersError::Invalid(found)) => Some(found),
            _ => None,
        }
    }
}
