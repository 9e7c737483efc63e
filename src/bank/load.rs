//! Loading a bank file: its text is read into the format's definitions
//! (`bank::read`), checked and turned into the typed [`Bank`]
//! (`bank::check`). All problems in a file are collected and reported
//! together, each at its line and column.

use std::path::Path;

use thiserror::Error;

use super::model::*;
use crate::diag::Problems;
use crate::input::source::{ReadError, SourceFile};
use crate::input::yaml;

/// Why a bank could not be loaded.
#[derive(Debug, Error)]
pub enum BankError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("{0}")]
    Invalid(Problems),
    #[error(
        "there is no bank file or bundled bank called `{name}`; bundled banks: {bundled} (give a path to use your own file)"
    )]
    NotFound { name: String, bundled: String },
}

/// Loads and checks the bank file at `path`.
pub fn load_file(path: &Path) -> Result<Bank, BankError> {
    load(SourceFile::read_regular(path)?)
}

/// Checks bank text; `source.name` is used in messages.
pub fn load(source: SourceFile) -> Result<Bank, BankError> {
    let mut problems = Vec::new();
    let bank = super::read::read(&source.text, &mut problems);
    match bank {
        Some(mut bank) if problems.is_empty() => {
            bank.digest = digest(&source.text);
            Ok(bank)
        }
        _ => Err(BankError::Invalid(yaml::locate(source, problems))),
    }
}

/// Everything `pathfit validate` reports for one bank: its errors, or, when
/// it has none, its lints. The bank is returned when it loaded.
pub fn validate(source: SourceFile) -> (Option<Bank>, Problems) {
    let mut problems = Vec::new();
    let bank = super::read::read(&source.text, &mut problems);
    match bank {
        Some(mut bank) if problems.is_empty() => {
            bank.digest = digest(&source.text);
            let lints = super::lint::lint(&bank);
            (Some(bank), yaml::locate(source, lints))
        }
        _ => (None, yaml::locate(source, problems)),
    }
}

fn digest(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
