//! The errors a pathfit command can end with, and the exit code of each.
//! Stage errors keep their own types; this only gathers them for the binary.

use thiserror::Error;

use crate::answers::file::AnswersError;
use crate::bank::BankError;
use crate::engine::EngineError;
use crate::output::WriteError;

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
        }
    }
}
