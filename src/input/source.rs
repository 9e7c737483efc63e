//! Input files as pathfit reads them: size-capped UTF-8 text with the name
//! the user gave, so every problem found later can say `file:line:column`.

use std::io::Read;
use std::path::Path;

use thiserror::Error;

use crate::diag::problem::Location;

/// Files larger than this are refused before parsing: a bank or answers file
/// is untrusted input, and no real one comes close.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// A file's name (as given by the user) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Why a file could not be read as text.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{path}: cannot read the file: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{path}: the file is larger than {} MiB, which is more than any bank or answers file needs; check that this is the right file",
        MAX_INPUT_BYTES / (1024 * 1024)
    )]
    TooLarge { path: String },
    #[error(
        "{path}:{line}:{column}: the file is not UTF-8 text (is it a binary or a spreadsheet file?); save it as UTF-8 text"
    )]
    NotText {
        path: String,
        line: usize,
        column: usize,
    },
}

impl ReadError {
    /// The file the error is about, as the user named it.
    pub fn path(&self) -> &str {
        match self {
            ReadError::Unreadable { path, .. }
            | ReadError::TooLarge { path }
            | ReadError::NotText { path, .. } => path,
        }
    }

    /// True when the file is missing or unreadable (exit 66), false when it
    /// was read but its content is unusable (exit 65).
    pub fn is_missing(&self) -> bool {
        matches!(self, ReadError::Unreadable { .. })
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }

    /// Reads `path`, refusing anything over [`MAX_INPUT_BYTES`] without
    /// reading it all, and anything that is not UTF-8.
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let name = path.display().to_string();
        let unreadable = |source| ReadError::Unreadable {
            path: name.clone(),
            source,
        };
        let file = std::fs::File::open(path).map_err(unreadable)?;
        if file.metadata().map_err(unreadable)?.is_dir() {
            return Err(ReadError::Unreadable {
                path: name.clone(),
                source: std::io::Error::other("it is a directory, not a file"),
            });
        }
        Self::from_reader(name, file)
    }

    /// Reads text from any reader (standard input, a file) with the same
    /// size cap and UTF-8 check as [`SourceFile::read`].
    pub fn from_reader(name: String, reader: impl Read) -> Result<Self, ReadError> {
        let mut bytes = Vec::new();
        reader
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|source| ReadError::Unreadable {
                path: name.clone(),
                source,
            })?;
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            return Err(ReadError::TooLarge { path: name });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile { name, text }),
            Err(err) => {
                let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                let location = Location::of_offset(valid, valid.len());
                Err(ReadError::NotText {
                    path: name,
                    line: location.line,
                    column: location.column,
                })
            }
        }
    }

    /// Reads `path`, or standard input when it is `-`.
    pub fn read_or_stdin(path: &Path) -> Result<Self, ReadError> {
        if path.as_os_str() == "-" {
            Self::from_reader("<standard input>".to_string(), std::io::stdin())
        } else {
            Self::read(path)
        }
    }

    /// The text of line `line` (1-based), without its line break.
    pub fn line_text(&self, line: usize) -> Option<&str> {
        self.text.lines().nth(line.checked_sub(1)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_refuses_missing_binary_and_oversized_files() {
        let dir = tempfile::tempdir().unwrap();
        let missing = SourceFile::read(&dir.path().join("nope.yaml")).unwrap_err();
        assert!(missing.is_missing());

        let binary = dir.path().join("bin.yaml");
        std::fs::write(&binary, b"id: x\nab\xff\xfe").unwrap();
        let err = SourceFile::read(&binary).unwrap_err();
        assert!(!err.is_missing());
        assert!(err.to_string().contains(":2:3:"), "{err}");

        let big = dir.path().join("big.yaml");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_INPUT_BYTES + 1).unwrap();
        let err = SourceFile::read(&big).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { .. }));

        let err = SourceFile::read(dir.path()).unwrap_err();
        assert!(err.is_missing());
    }
}
