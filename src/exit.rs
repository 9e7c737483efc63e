//! The documented exit codes, as one enum: every command ends in one of
//! these, and `main` turns it into the process's exit status.

use std::process::ExitCode;

/// How a pathfit command ended (sysexits.h codes where one fits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok,
    /// A usage error, or `take` without a terminal.
    Usage,
    /// A bank, answers, session or batch input is invalid.
    Data,
    /// An input file is missing or unreadable, or `--bank` names no bank.
    NoInput,
    /// The output cannot be written.
    CantWrite,
    /// The quiz was stopped; the answers are saved.
    Interrupted,
}

impl Exit {
    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Usage => 2,
            Exit::Data => 65,
            Exit::NoInput => 66,
            Exit::CantWrite => 74,
            Exit::Interrupted => 130,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}
