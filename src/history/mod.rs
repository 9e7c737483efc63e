//! A finished quiz's result, kept under the data folder
//! (`<data dir>/pathfit/results/`) so that the student, or their
//! counselor, can see it again at any later time: `pathfit results` lists
//! the kept results, `results show` prints one again in any format, and
//! `results delete` removes them.
//!
//! Each result is one record, `<id>.json` ([`Record`]), holding everything
//! needed to draw its report again even after the bank file has changed or
//! gone: the bank's own text (checked against its digest), the answers as
//! an answers file writes them, how the quiz was run, and the JSON report
//! as it was shown. Beside it, `<id>.html` is the self-contained web page,
//! for opening in a browser. Both are the student's alone (mode 0600) and
//! written atomically. Records are read as hostile input: bounded, checked,
//! and never trusted to be well-formed.

mod keep;
mod store;
mod words;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::exit::Exit;
use crate::input::output::WriteError;
use crate::input::source::ReadError;

pub use keep::{Kept, bank_text, is_off, keep, keep_quiz};
pub use store::{Deleted, Entry, Listing, Shown, delete, delete_all, list, show};
pub use words::{after_quiz, deleted, kept_line, listing, when_in_words};

/// The record format's version.
pub const FORMAT: u32 = 1;

/// The environment variable that turns keeping results off (any non-empty
/// value), for shared computers.
pub const NO_HISTORY_VAR: &str = "PATHFIT_NO_HISTORY";

/// One kept result, as `<id>.json` holds it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub pathfit_result: u32,
    pub id: String,
    /// When the quiz ended, in UTC (RFC 3339).
    pub when: String,
    pub bank: RecordBank,
    /// Question id -> answer as an answers file would write it.
    pub answers: IndexMap<String, serde_json::Value>,
    pub skipped: Vec<String>,
    pub quiz: RecordQuiz,
    /// The JSON report, exactly as `--format json` wrote it when the quiz
    /// ended.
    pub result: Box<serde_json::value::RawValue>,
}

/// The bank a result was scored on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordBank {
    pub id: String,
    pub version: u32,
    pub title: String,
    /// What `--bank` was (a bundled id or a path).
    pub source: String,
    /// SHA-256 of the bank's text, in hex.
    pub digest: String,
    /// The bank's YAML text as it was loaded; `None` when it could not be
    /// read again (the file changed during the quiz), and then only the
    /// JSON report can be shown.
    pub text: Option<String>,
}

/// How the quiz was run, to draw the report as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordQuiz {
    /// `None`: the bank's own order.
    pub seed: Option<u64>,
    /// Question ids in the order they were asked.
    pub order: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adaptive: Option<RecordAdaptive>,
}

/// How far an adaptive quiz got.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordAdaptive {
    pub asked: usize,
    pub settled_after: Option<usize>,
}

/// Why a kept result could not be kept, found, shown or removed. Every
/// message names the file or the id, and says what to do.
#[derive(Debug, Error)]
pub enum HistoryError {
    #[error("{}", unknown_message(id, known))]
    Unknown {
        id: String,
        /// The ids that do exist, newest first.
        known: Vec<String>,
    },
    #[error("{path}: this kept result cannot be read: {message}. Remove it with `{delete}`")]
    Invalid {
        path: String,
        message: String,
        delete: String,
    },
    #[error(
        "{path}: this result was kept by a newer pathfit (format {format}; this one reads format {FORMAT}); update pathfit to see it"
    )]
    Newer { path: String, format: u64 },
    #[error(
        "{path}: this result was kept without its bank's text (the bank file changed during the quiz), so only `--format json` can show it"
    )]
    NoBank { path: String },
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{path}: cannot {what}: {source}; check that the folder exists and is writable")]
    Io {
        path: String,
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
}

impl HistoryError {
    /// The documented exit code for this error.
    pub fn exit(&self) -> Exit {
        match self {
            HistoryError::Unknown { .. } => Exit::NoInput,
            HistoryError::Read(err) if err.is_missing() => Exit::NoInput,
            HistoryError::Read(_)
            | HistoryError::Invalid { .. }
            | HistoryError::Newer { .. }
            | HistoryError::NoBank { .. } => Exit::Data,
            HistoryError::Write(_) | HistoryError::Io { .. } => Exit::CantWrite,
        }
    }
}

/// How many ids an unknown-id message lists before "and N more".
const LISTED_IDS: usize = 5;

fn unknown_message(id: &str, known: &[String]) -> String {
    let id = crate::visible::excerpt(id);
    let list = crate::invocation::command(&["results"]);
    if known.is_empty() {
        let take = crate::invocation::command(&[]);
        return format!(
            "there is no kept result `{id}`: no results are kept yet. Take the quiz with `{take}`; its result is kept when it ends"
        );
    }
    let mut shown: Vec<String> = known
        .iter()
        .take(LISTED_IDS)
        .map(|k| crate::visible::visible(k).into_owned())
        .collect();
    if known.len() > LISTED_IDS {
        shown.push(format!("and {} more", known.len() - LISTED_IDS));
    }
    format!(
        "there is no kept result `{id}`; the kept results are {} (newest first; `latest` is the newest). See them all with `{list}`",
        shown.join(", ")
    )
}

#[cfg(test)]
mod tests;
