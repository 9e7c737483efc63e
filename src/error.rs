//! The errors a pathfit command can end with, and the exit code of each.
//! Stage errors keep their own types; this only gathers them for the binary.

use thiserror::Error;

use crate::answers::file::AnswersError;
use crate::bank::BankError;
use crate::engine::EngineError;
use crate::output::WriteError;
use crate::quiz::session::SessionError;
use crate::take::shell_quote;

/// Exit codes (sysexits.h where one fits).
pub mod exit {
    pub const OK: i32 = 0;
    pub const USAGE: i32 = 2;
    pub const DATA: i32 = 65;
    pub const NO_INPUT: i32 = 66;
    pub const CANT_WRITE: i32 = 74;
    pub const INTERRUPTED: i32 = 130;
}

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
    #[error(transparent)]
    Session(#[from] SessionError),
    #[error(transparent)]
    Batch(#[from] crate::batch::BatchError),
    /// `validate` found problems; they have been printed already.
    #[error("the banks have problems (listed above)")]
    Validation { code: i32 },
    #[error(
        "`pathfit take` asks questions in a terminal, and standard input or standard error is not one.\nTo score answers without prompting, write them to a file and run `pathfit score --answers FILE`. An answers file maps question ids (see the bank file) to answers:\n\n  answers:\n    a-likert-question: 4           # a scale value or its label\n    a-choice-question: option-id   # one option id\n    a-multi-question: [id1, id2]   # option ids, [] for none\n    a-number-question: 6           # a number in range\n\nSee `pathfit score --help` and the README."
    )]
    NoTerminal,
    #[error("Stopped. Your answers so far are saved in {}.\nTo carry on where you left off:\n  pathfit take --resume {}", path.display(), shell_quote(path))]
    Stopped { path: std::path::PathBuf },
    #[error("Stopped: {reason}.\nYour answers so far are saved in {}.\nTo carry on where you left off:\n  pathfit take --resume {}", path.display(), shell_quote(path))]
    StoppedBy {
        path: std::path::PathBuf,
        reason: String,
    },
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Bank(BankError::Read(e)) | Error::Answers(AnswersError::Read(e))
                if e.is_missing() =>
            {
                exit::NO_INPUT
            }
            Error::Bank(BankError::NotFound { .. }) => exit::NO_INPUT,
            Error::Bank(_) | Error::Answers(_) | Error::Score { .. } => exit::DATA,
            Error::Write(_) => exit::CANT_WRITE,
            Error::Session(SessionError::Read(e)) if e.is_missing() => exit::NO_INPUT,
            Error::Session(_) => exit::DATA,
            Error::NoTerminal => exit::USAGE,
            Error::Batch(e) => e.exit_code(),
            Error::Validation { code } => *code,
            Error::Stopped { .. } | Error::StoppedBy { .. } => exit::INTERRUPTED,
        }
    }

    /// Whether the message is a plain notice rather than an error.
    pub fn is_notice(&self) -> bool {
        matches!(self, Error::Stopped { .. } | Error::StoppedBy { .. })
    }

    /// Whether everything was said already (nothing more to print).
    pub fn is_reported(&self) -> bool {
        matches!(self, Error::Validation { .. })
    }
}
