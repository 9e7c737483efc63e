//! Where pathfit keeps a student's own files: unfinished quizzes
//! (`sessions`) and kept results (`results`), both under the platform's
//! data folder (`$XDG_DATA_HOME/pathfit`, usually `~/.local/share/pathfit`
//! on Linux). Decided here once so every command finds the same files.

use std::path::PathBuf;

/// `<data dir>/pathfit`, or `.pathfit` in the current folder when the
/// platform has no data folder (no home directory).
pub fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "pathfit")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".pathfit"))
}

/// Unfinished quizzes, saved as the student goes.
pub fn sessions_dir() -> PathBuf {
    data_dir().join("sessions")
}

/// Finished quizzes' results, kept for the student and their counselor.
pub fn results_dir() -> PathBuf {
    data_dir().join("results")
}
